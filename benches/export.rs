//! How long drawing the paper map takes: DOT (graphviz-rust structures and
//! printer) and the embedded SVG (our layered layout plus our writer), with and
//! without evidence. Run with `cargo bench --bench export`.

use criterion::{Criterion, criterion_group, criterion_main};

use argmap::export::{DotOptions, to_dot, to_svg};

fn paper_map() -> argmap::ArgGraph {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/graphs/sino_russian_distrust.ron"
    );
    let src = argmap::Source::read(std::path::Path::new(path)).expect("the paper map is bundled");
    argmap::build(&argmap::check(&src).expect("the paper map is valid"))
}

fn bench(c: &mut Criterion) {
    let g = paper_map();
    let full = DotOptions::default();
    let folded = DotOptions {
        hide_evidence: true,
        ..DotOptions::default()
    };
    c.bench_function("to_dot paper map (93 nodes)", |b| {
        b.iter(|| to_dot(&g, &full))
    });
    c.bench_function("to_svg paper map (93 nodes)", |b| {
        b.iter(|| to_svg(&g, &full))
    });
    c.bench_function("to_svg paper map, evidence folded", |b| {
        b.iter(|| to_svg(&g, &folded))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
