//! What-if at scale: removal contributions of every evidence node of a generated
//! acyclic graph of 100 000 nodes (10 000 of them evidence) to its conclusion.
//! The target (issues 6 and 8): a few seconds at most, under 2 s on one core;
//! not 10 000 evaluations from scratch.
//!
//! ```sh
//! cargo bench --bench whatif
//! ```

use criterion::{Criterion, criterion_group, criterion_main};

use argmap::semantics::{Params, Qbaf, SemanticsKind, evaluate};
use argmap::{ContribOptions, EdgeKind, Method, contributions};

/// SplitMix64, so the graph is the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        ((self.next() as u128 * n as u128) >> 64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A layered argument graph: the conclusion (node 0), claims in layers of
/// widths 1, 9, 90, 900, 9 000 and 80 000 (90 000 claims), then 10 000 evidence
/// nodes. Every node below the conclusion supports (70%) or attacks (30%) one
/// random node of the layer above, plus `extra` more, plus one with probability
/// 1/2; evidence bears on the two deepest claim layers. Bases in [0.1, 0.9],
/// weights in [0.2, 1]. Returns the graph and the evidence nodes.
fn layered(seed: u64, extra: usize) -> (Qbaf, Vec<usize>) {
    let mut rng = Rng(seed);
    let widths = [1usize, 9, 90, 900, 9_000, 80_000];
    let mut starts = vec![0usize];
    for w in widths {
        starts.push(starts.last().unwrap() + w);
    }
    let claims = *starts.last().unwrap();
    let n = claims + 10_000;
    let base: Vec<f64> = (0..n).map(|_| 0.1 + 0.8 * rng.unit()).collect();
    let mut edges = vec![];
    let mut edge = |rng: &mut Rng, from: usize, lo: usize, hi: usize| {
        let kind = if rng.unit() < 0.7 {
            EdgeKind::Support
        } else {
            EdgeKind::Attack
        };
        let to = lo + rng.below(hi - lo);
        edges.push((from, to, kind, 0.2 + 0.8 * rng.unit()));
    };
    for layer in 1..widths.len() {
        for v in starts[layer]..starts[layer + 1] {
            let (lo, hi) = (starts[layer - 1], starts[layer]);
            for _ in 0..=extra {
                edge(&mut rng, v, lo, hi);
            }
            if rng.unit() < 0.5 {
                edge(&mut rng, v, lo, hi);
            }
        }
    }
    for v in claims..n {
        let (lo, hi) = (starts[4], starts[6]);
        for _ in 0..=extra {
            edge(&mut rng, v, lo, hi);
        }
        if rng.unit() < 0.5 {
            edge(&mut rng, v, lo, hi);
        }
    }
    (Qbaf::new(base, &edges).unwrap(), (claims..n).collect())
}

fn bench(c: &mut Criterion) {
    let p = Params::default();
    let kind = SemanticsKind::QuadraticEnergy;
    let mut g = c.benchmark_group("whatif");
    g.sample_size(10);
    // About 150 000 edges (1.5 per node), then about 250 000 (2.5 per node), where
    // the part of the graph a removal reaches is much larger.
    for (name, extra) in [("sparse", 0), ("dense", 1)] {
        let (q, evidence) = layered(2024, extra);
        g.bench_function(format!("evaluate 100k nodes, {name}"), |b| {
            b.iter(|| evaluate(&q, kind, &p).unwrap())
        });
        g.bench_function(
            format!("removal contributions of 10k evidence, 100k nodes, {name}"),
            |b| {
                b.iter(|| {
                    contributions(
                        &q,
                        kind,
                        &p,
                        0,
                        &evidence,
                        Method::Removal,
                        &ContribOptions::default(),
                    )
                    .unwrap()
                })
            },
        );
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
