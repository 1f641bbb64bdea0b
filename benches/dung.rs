//! Dung extensions on generated frameworks (a seeded LCG, no files needed):
//!
//! * `grounded/acyclic/N`: every argument attacked by up to 4 earlier ones, so
//!   the queue labelling decides every argument; N = 10^3 .. 10^6.
//! * `grounded/random/N`: 4 random attackers each (cycles everywhere).
//! * `af_load/N` and `af_load_grounded/N`: an `.af` file of N arguments and 4N
//!   attacks read from disk (read, UTF-8 check, line index, parse, CSR), then
//!   also the grounded extension: the end-to-end figure of issue 8.
//! * `preferred_one/pairs/N`, `stable_one/pairs/N`: N/2 mutually attacking
//!   pairs, each argument also attacking 2 random later ones: one strongly
//!   connected component per pair, exponentially many extensions, one found.
//! * `preferred_all/pairs/N`, `stable_all/pairs/N`, `complete_count/pairs/N`:
//!   full enumerations on N/2 independent pairs (2^(N/2) preferred and stable
//!   extensions, 3^(N/2) complete ones).
//!
//! `cargo bench --bench dung` (all), or e.g. `cargo bench --bench dung -- grounded/`.
//! Times are the CPU time of the benchmark thread (benches/common), so
//! figures from a busy shared machine still mean "one core".

use std::io::Write;

use argmap::dung::{self, Framework, Limits, Semantics};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

mod common;
use common::{Lcg, cpu_timed};

/// Up to 4 attackers per argument, all earlier in index order (a DAG).
fn acyclic(n: usize, seed: u64) -> Vec<(u32, u32)> {
    let mut r = Lcg(seed);
    let mut att = Vec::with_capacity(4 * n);
    for b in 1..n {
        for _ in 0..4 {
            att.push((r.below(b) as u32, b as u32));
        }
    }
    att
}

/// 4 random attackers per argument.
fn random(n: usize, seed: u64) -> Vec<(u32, u32)> {
    let mut r = Lcg(seed);
    let mut att = Vec::with_capacity(4 * n);
    for b in 0..n {
        for _ in 0..4 {
            att.push((r.below(n) as u32, b as u32));
        }
    }
    att
}

/// Mutually attacking pairs (2i, 2i+1); each argument also attacks `cross`
/// random arguments of later pairs.
fn pairs(n: usize, cross: usize, seed: u64) -> Framework {
    let mut r = Lcg(seed);
    let mut att = Vec::new();
    for a in 0..n {
        att.push((a as u32, (a ^ 1) as u32));
        let next_pair = (a | 1) + 1;
        if next_pair < n {
            for _ in 0..cross {
                att.push((a as u32, (next_pair + r.below(n - next_pair)) as u32));
            }
        }
    }
    Framework::numbered(n, &att)
}

fn grounded(c: &mut Criterion) {
    let mut g = c.benchmark_group("grounded");
    g.sample_size(10);
    for n in [1_000, 10_000, 100_000, 1_000_000] {
        for (shape, att) in [("acyclic", acyclic(n, 1)), ("random", random(n, 2))] {
            let af = Framework::numbered(n, &att);
            g.throughput(Throughput::Elements(af.attack_count() as u64));
            g.bench_with_input(BenchmarkId::new(shape, n), &af, |b, af| {
                cpu_timed(b, || dung::grounded(af))
            });
        }
    }
    g.finish();
}

/// The `.af` text of `n` arguments with `att` (0-based) attacks.
fn af_text(n: usize, att: &[(u32, u32)]) -> String {
    let mut s = String::with_capacity(att.len() * 16);
    s.push_str(&format!("p af {n}\n"));
    for &(a, b) in att {
        s.push_str(&format!("{} {}\n", a + 1, b + 1));
    }
    s
}

fn af_load(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut g = c.benchmark_group("af");
    g.sample_size(10);
    for n in [10_000, 100_000, 1_000_000] {
        let att = acyclic(n, 3);
        let path = dir.path().join(format!("gen_{n}.af"));
        std::fs::File::create(&path)
            .and_then(|mut f| f.write_all(af_text(n, &att).as_bytes()))
            .expect("write the generated file");
        g.throughput(Throughput::Elements(att.len() as u64));
        let load = || {
            let src = argmap::Source::read(&path).expect("readable");
            argmap::formats::af::read(&src).expect("valid")
        };
        g.bench_function(BenchmarkId::new("load", n), |b| cpu_timed(b, load));
        g.bench_function(BenchmarkId::new("load_grounded", n), |b| {
            cpu_timed(b, || dung::grounded(&load()))
        });
    }
    g.finish();
}

fn search(c: &mut Criterion) {
    let limits = Limits::default();
    let mut g = c.benchmark_group("search");
    g.sample_size(10);
    for n in [1_000, 10_000, 100_000] {
        let af = pairs(n, 2, 4);
        g.throughput(Throughput::Elements(n as u64));
        for sem in [Semantics::Preferred, Semantics::Stable] {
            g.bench_with_input(
                BenchmarkId::new(format!("{sem}_one/pairs"), n),
                &af,
                |b, af| cpu_timed(b, || dung::one(af, sem, &limits).expect("no limits")),
            );
        }
    }
    // Independent pairs: 2^(n/2) preferred and stable, 3^(n/2) complete.
    for n in [20, 24] {
        let af = pairs(n, 0, 5);
        g.throughput(Throughput::Elements(1));
        for sem in [Semantics::Preferred, Semantics::Stable] {
            g.bench_with_input(
                BenchmarkId::new(format!("{sem}_all/pairs"), n),
                &af,
                |b, af| cpu_timed(b, || dung::extensions(af, sem, &limits).expect("no limits")),
            );
        }
        g.bench_with_input(BenchmarkId::new("complete_count/pairs", n), &af, |b, af| {
            cpu_timed(b, || {
                dung::count(af, Semantics::Complete, &limits).expect("no limits")
            })
        });
    }
    g.finish();
}

criterion_group!(benches, grounded, af_load, search);
criterion_main!(benches);
