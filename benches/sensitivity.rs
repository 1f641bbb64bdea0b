//! `argmap sensitivity` at scale: a generated layered map of 10 000 nodes
//! (`argmap gen --shape layered --nodes 10000`), its conclusion as the topic.
//! The tornado alone (every base and weight, two cone re-evaluations each), and
//! with 100 Monte Carlo draws (each a full evaluation of the topic's ancestors),
//! against one plain evaluation of the same map as the baseline of the ratio.
//!
//! ```sh
//! cargo bench --bench sensitivity
//! ```

use criterion::{Criterion, criterion_group, criterion_main};

use argmap::generator::{GenOptions, Shape, generate};
use argmap::semantics::{Params, Qbaf, SemanticsKind, evaluate};
use argmap::{SensitivityOptions, sensitivity};

fn map(nodes: usize) -> argmap::ArgGraph {
    let g = generate(&GenOptions::new(Shape::Layered, nodes)).expect("valid options");
    let src = argmap::Source::new("gen.ron", g.to_model().to_ron());
    argmap::build(&argmap::check(&src).expect("a generated map checks"))
}

fn bench(c: &mut Criterion) {
    let g = map(10_000);
    let p = Params::default();
    let q = Qbaf::from_graph(&g);
    let mut group = c.benchmark_group("sensitivity_10k");
    group.sample_size(10);
    group.bench_function("one evaluation (baseline)", |b| {
        b.iter(|| evaluate(&q, SemanticsKind::QuadraticEnergy, &p).unwrap())
    });
    for samples in [0, 100] {
        let opts = SensitivityOptions {
            samples,
            ..SensitivityOptions::default()
        };
        group.bench_function(format!("tornado + {samples} draws"), |b| {
            b.iter(|| sensitivity(&g, &opts, &p, &mut |_, _| {}).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
