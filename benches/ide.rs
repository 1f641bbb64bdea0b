//! The language server's work per keystroke on a 1000-node map (`argmap gen
//! --shape layered --nodes 1000 --seed 1`, RON):
//!
//! * `ide/check`: the baseline, `argmap::check` (read and validate), what `argmap check` does;
//! * `ide/analysis`: `argmap::ide::Analysis::new`, what `argmap lsp` does on each change
//!   (read, validate, build, evaluate under the file's semantics, read again for positions);
//! * `ide/format`: `argmap::format::format` (the formatting request).
//!
//! `cargo bench --bench ide`.

use std::hint::black_box;

use argmap::Source;
use argmap::generator::{Format, GenOptions, Shape, generate};
use criterion::{Criterion, criterion_group, criterion_main};

fn ide(c: &mut Criterion) {
    let mut o = GenOptions::new(Shape::Layered, 1000);
    o.seed = 1;
    let mut v = vec![];
    generate(&o).unwrap().write(Format::Ron, &mut v).unwrap();
    let src = Source::new("g.ron", String::from_utf8(v).unwrap());
    let mut g = c.benchmark_group("ide");
    g.bench_function("check", |b| {
        b.iter(|| black_box(argmap::check(&src).is_ok()))
    });
    g.bench_function("analysis", |b| {
        b.iter(|| black_box(argmap::ide::Analysis::new(&src)))
    });
    g.bench_function("format", |b| {
        b.iter(|| black_box(argmap::format::format(&src).map(|s| s.len())))
    });
    g.finish();
}

criterion_group!(benches, ide);
criterion_main!(benches);
