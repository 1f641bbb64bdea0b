//! Gradual semantics on generated graphs: acyclic (exact pass) and cyclic (many
//! small strongly connected components, Jacobi inside each), 10^3 to 10^6 nodes
//! with 4 incoming edges per node; one strongly connected component of every
//! node (building the `Qbaf`, and evaluating), 10^4 to 10^6; every semantics on
//! 10^5; scenario reevaluation (one node removed, focused on one topic).
//!
//! `cargo bench --bench eval` (all), or e.g. `cargo bench --bench eval -- acyclic/`.
//! Throughput is reported in edges per second.
//!
//! Times are the *CPU time* of the benchmark thread (from
//! `/proc/thread-self/schedstat`, falling back to wall-clock time elsewhere), so
//! that figures taken on a busy shared machine still mean "on one core".

use std::hint::black_box;
use std::time::Duration;

use argmap::EdgeKind;
use argmap::semantics::{Overlay, Params, Qbaf, Scratch, SemanticsKind, evaluate, reevaluate_into};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

mod common;
use common::{Lcg, cpu_timed};

#[derive(Clone, Copy)]
enum Shape {
    /// Node i gets 4 edges from uniformly random earlier nodes.
    Acyclic,
    /// 3 edges from random earlier nodes plus a ring through each block of 10
    /// consecutive nodes: strongly connected components of 10 nodes.
    Cyclic,
    /// 3 edges from random earlier nodes plus one to a random earlier node:
    /// every node reaches node 0 and is reached from it, so the whole graph is
    /// one strongly connected component (as `argmap gen --shape cyclic` makes
    /// one of about half the nodes).
    OneScc,
}

/// A generated QBAF with `n` nodes and about `4n` edges (weights and bases in
/// [0, 1]; supports only if `bipolar`).
fn generate(n: usize, shape: Shape, bipolar: bool, seed: u64) -> Qbaf {
    let (base, edges) = generate_parts(n, shape, bipolar, seed);
    Qbaf::new(base, &edges).unwrap()
}

/// The bases and edges of [`generate`].
#[allow(clippy::type_complexity)]
fn generate_parts(
    n: usize,
    shape: Shape,
    bipolar: bool,
    seed: u64,
) -> (Vec<f64>, Vec<(usize, usize, EdgeKind, f64)>) {
    let mut r = Lcg(seed);
    let base: Vec<f64> = (0..n).map(|_| r.unit()).collect();
    let mut edges = Vec::with_capacity(4 * n);
    let kind = |r: &mut Lcg| {
        if bipolar && r.next().is_multiple_of(2) {
            EdgeKind::Support
        } else {
            EdgeKind::Attack
        }
    };
    for i in 1..n {
        let k = match shape {
            Shape::Acyclic => 4,
            Shape::Cyclic | Shape::OneScc => 3,
        };
        for _ in 0..k {
            let j = r.below(i);
            let kd = kind(&mut r);
            edges.push((j, i, kd, r.unit()));
        }
        if let Shape::Cyclic = shape {
            // i -> i+1 inside the block, and the block's last node back to its first.
            let block = i / 10 * 10;
            let to = if i + 1 < (block + 10).min(n) {
                i + 1
            } else {
                block
            };
            if to != i {
                let kd = kind(&mut r);
                edges.push((i, to, kd, r.unit()));
            }
        }
        if let Shape::OneScc = shape {
            let to = r.below(i);
            let kd = kind(&mut r);
            edges.push((i, to, kd, r.unit()));
        }
    }
    (base, edges)
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

fn sizes(c: &mut Criterion, shape: Shape, name: &str) {
    let mut g = c.benchmark_group(name);
    for n in [1_000, 10_000, 100_000, 1_000_000] {
        let q = generate(n, shape, true, 42);
        g.throughput(Throughput::Elements(q.edge_count() as u64));
        for kind in [SemanticsKind::QuadraticEnergy, SemanticsKind::DfQuad] {
            let p = Params::default();
            evaluate(&q, kind, &p).expect("converges");
            g.bench_with_input(BenchmarkId::new(kind.name(), n), &q, |b, q| {
                cpu_timed(b, || evaluate(black_box(q), kind, &p).unwrap())
            });
        }
    }
    g.finish();
}

fn acyclic(c: &mut Criterion) {
    sizes(c, Shape::Acyclic, "acyclic");
}

fn cyclic(c: &mut Criterion) {
    sizes(c, Shape::Cyclic, "cyclic");
}

/// One strongly connected component of all the nodes: building the [`Qbaf`]
/// (strongly connected components, condensation order, incoming arrays) from
/// the edge list, and evaluating it (Jacobi sweeps over the whole graph).
/// `build/acyclic` is the same build for `acyclic` graphs (node order already
/// topological).
fn one_scc(c: &mut Criterion) {
    let mut g = c.benchmark_group("build");
    for n in [10_000, 100_000, 1_000_000] {
        for (name, shape) in [("acyclic", Shape::Acyclic), ("one-scc", Shape::OneScc)] {
            let (base, edges) = generate_parts(n, shape, true, 42);
            g.throughput(Throughput::Elements(edges.len() as u64));
            g.bench_with_input(BenchmarkId::new(name, n), &edges, |b, edges| {
                cpu_timed(b, || Qbaf::new(base.clone(), black_box(edges)).unwrap())
            });
        }
    }
    g.finish();
    let mut g = c.benchmark_group("one-scc");
    for n in [10_000, 100_000, 1_000_000] {
        let q = generate(n, Shape::OneScc, true, 42);
        g.throughput(Throughput::Elements(q.edge_count() as u64));
        for kind in [SemanticsKind::QuadraticEnergy, SemanticsKind::DfQuad] {
            let p = Params::default();
            let e = evaluate(&q, kind, &p).expect("converges");
            assert!(q.components().count() == 1 && e.iterations > 1);
            g.bench_with_input(BenchmarkId::new(kind.name(), n), &q, |b, q| {
                cpu_timed(b, || evaluate(black_box(q), kind, &p).unwrap())
            });
        }
    }
    g.finish();
}

fn every_semantics(c: &mut Criterion) {
    let n = 100_000;
    let bipolar = generate(n, Shape::Acyclic, true, 7);
    let attacks = generate(n, Shape::Acyclic, false, 7);
    let mut g = c.benchmark_group("semantics-1e5");
    g.throughput(Throughput::Elements(bipolar.edge_count() as u64));
    for kind in SemanticsKind::ALL {
        let q = if kind.is_attack_only() {
            &attacks
        } else {
            &bipolar
        };
        let p = Params::default();
        g.bench_function(kind.name(), |b| {
            b.iter(|| evaluate(black_box(q), kind, &p).unwrap())
        });
    }
    g.finish();
}

fn scenarios(c: &mut Criterion) {
    // One node removed per scenario, topic = the last node, 10^5 nodes.
    let n = 100_000;
    let q = generate(n, Shape::Acyclic, true, 9);
    let kind = SemanticsKind::QuadraticEnergy;
    let p = Params::default();
    let before = evaluate(&q, kind, &p).unwrap();
    let mut g = c.benchmark_group("reevaluate-1e5");
    let mut r = Lcg(5);
    let picks: Vec<usize> = (0..1000).map(|_| r.below(n - 1)).collect();
    for (name, focus) in [("removal-focused", true), ("removal-full-cone", false)] {
        let mut scratch = Scratch::new(&q, &before);
        if focus {
            scratch.focus(&q, &[n - 1]);
        }
        let mut overlay = Overlay {
            removed: vec![false; n],
            ..Overlay::default()
        };
        let mut i = 0;
        g.bench_function(name, |b| {
            cpu_timed(b, || {
                let x = picks[i % picks.len()];
                i += 1;
                overlay.removed[x] = true;
                let s = reevaluate_into(&q, kind, &p, &overlay, &[], &mut scratch).unwrap()[n - 1];
                overlay.removed[x] = false;
                s
            })
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = config();
    targets = acyclic, cyclic, one_scc, every_semantics, scenarios
}
criterion_main!(benches);
