//! Loading, and what-if at scale, on `argmap gen` graphs (4 edges per node):
//!
//! * `load/ron`: RON text to an `ArgGraph` (parse, validate, build);
//! * `load/bag`: `.bag` text the ordinary way (parse, validate, build);
//! * `load/bag-compact`: `.bag` text straight into a `Qbaf` (`argmap::formats::bag::fast`);
//! * `load/af`: ICCMA `.af` text into a Dung `Framework`;
//! * `contrib/removal`: removal contributions of all 10 000 evidence nodes of a
//!   100 000-node layered graph (`argmap gen --shape layered --nodes 100000
//!   --edges 400000 --evidence-ratio 0.1 --seed 1`) to its conclusion.
//!
//! `cargo bench --bench load`, or e.g. `cargo bench --bench load -- bag-compact`.
//! Throughput is in bytes of text per second for loading.

use std::hint::black_box;

use argmap::generator::{Format, GenOptions, Shape, generate};
use argmap::semantics::{Params, Qbaf, SemanticsKind};
use argmap::{ContribOptions, Method, NodeKind, Source, contributions};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn text(shape: Shape, nodes: usize, format: Format) -> String {
    let mut o = GenOptions::new(shape, nodes);
    o.seed = 1;
    if format == Format::Af {
        o.support_ratio = 0.0;
    }
    let mut v = vec![];
    generate(&o).unwrap().write(format, &mut v).unwrap();
    String::from_utf8(v).unwrap()
}

fn load(c: &mut Criterion) {
    let mut g = c.benchmark_group("load");
    g.sample_size(10);
    for n in [1_000, 10_000, 100_000] {
        let ron = Source::new("g.ron", text(Shape::Layered, n, Format::Ron));
        g.throughput(Throughput::Bytes(ron.text().len() as u64));
        g.bench_with_input(BenchmarkId::new("ron", n), &ron, |b, src| {
            b.iter(|| argmap::build(&argmap::check(src).unwrap()))
        });
        let bag = Source::new("g.bag", text(Shape::Layered, n, Format::Bag));
        g.throughput(Throughput::Bytes(bag.text().len() as u64));
        g.bench_with_input(BenchmarkId::new("bag", n), &bag, |b, src| {
            b.iter(|| {
                let v = argmap::formats::bag::parse(src)
                    .and_then(argmap::validate)
                    .unwrap();
                argmap::build(&v)
            })
        });
        g.bench_with_input(BenchmarkId::new("bag-compact", n), &bag, |b, src| {
            b.iter(|| argmap::formats::bag::fast::read_bag(src).unwrap())
        });
        let af = Source::new("g.af", text(Shape::Cyclic, n, Format::Af));
        g.throughput(Throughput::Bytes(af.text().len() as u64));
        g.bench_with_input(BenchmarkId::new("af", n), &af, |b, src| {
            b.iter(|| argmap::formats::af::read(src).unwrap())
        });
    }
    g.finish();
}

fn contrib(c: &mut Criterion) {
    let mut o = GenOptions::new(Shape::Layered, 100_000);
    o.edges = 400_000;
    o.evidence_ratio = 0.1;
    o.seed = 1;
    let graph = generate(&o).unwrap();
    let base: Vec<f64> = (0..graph.len()).map(|i| graph.base(i)).collect();
    let edges: Vec<_> = graph
        .edges()
        .iter()
        .map(|e| (e.from as usize, e.to as usize, e.kind, e.weight()))
        .collect();
    let q = Qbaf::new(base, &edges).unwrap();
    let evidence: Vec<usize> = (0..graph.len())
        .filter(|&i| graph.kind(i) == NodeKind::Evidence)
        .collect();
    assert_eq!(evidence.len(), 10_000);
    let mut g = c.benchmark_group("contrib");
    g.sample_size(10);
    g.bench_function("removal, 10k evidence of a 100k-node layered graph", |b| {
        b.iter(|| {
            black_box(
                contributions(
                    &q,
                    SemanticsKind::QuadraticEnergy,
                    &Params::default(),
                    0,
                    &evidence,
                    Method::Removal,
                    &ContribOptions::default(),
                )
                .unwrap(),
            )
        })
    });
    g.finish();
}

criterion_group!(benches, load, contrib);
criterion_main!(benches);
