//! `argmap serve`: the API round trip on the paper map, through HTTP against
//! the real server (the binary this build made, on a free port).
//!
//! * `toggle`: what the page sends when a node is switched off or on (`POST
//!   /api/view`, the what-if with the new colours), alternating between two
//!   what-ifs so that nothing is answered from a cache. The issue's bar: under
//!   100 ms.
//! * `explain`: a click on a node (`POST /api/explain`).
//! * `page load`: every request the page makes before it is ready (the page,
//!   its script and style sheet, `/api/files`, `/api/graph`, `/api/svg`, the
//!   first `/api/view` and `/api/test`), one after another as the page does at
//!   most; the browser's own drawing is not in it (see docs/performance.md).
//! * `eval` as a baseline: `POST /api/eval` of the unchanged map, the same
//!   document `argmap eval --json` prints.
//!
//! `cargo bench --bench serve` (a release build of the binary is made for it).

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

/// The tests' server and client (tests/it/server.rs); `raw` is not used here.
#[allow(dead_code)]
#[path = "../tests/it/server.rs"]
mod server;

use server::Server;

/// How long one request may take before the benchmark fails.
const PATIENCE: Duration = Duration::from_secs(60);

/// The length of a 200 answer's body.
fn ok((status, body): (u16, String)) -> usize {
    assert_eq!(status, 200, "{body}");
    body.len()
}

fn bench(c: &mut Criterion) {
    let s = Server::start(&["graphs/sino_russian_distrust.ron"], &[]);
    let get = |p: &str| ok(s.get(p));
    let post = |p: &str, body: &str| ok(s.post(p, body));
    // The drawing is made on first request and kept: make it before timing
    // the page load (its first time is in docs/performance.md).
    get("api/svg");
    let bodies = [
        r#"{"remove": ["e_visions_prevent"]}"#,
        r#"{"remove": ["e_visions_prevent", "e_not_allies"]}"#,
    ];
    let mut g = c.benchmark_group("serve");
    g.sample_size(30);
    let mut i = 0;
    g.bench_function("toggle (POST /api/view, paper map)", |b| {
        b.iter(|| {
            i += 1;
            post("api/view", bodies[i % 2])
        })
    });
    g.bench_function("explain (POST /api/explain, paper map)", |b| {
        b.iter(|| post("api/explain", r#"{"node": "c_partnership"}"#))
    });
    g.bench_function("eval (POST /api/eval, paper map, baseline)", |b| {
        b.iter(|| post("api/eval", "{}"))
    });
    g.bench_function("page load (every request before the page is ready)", |b| {
        b.iter(|| {
            get("")
                + get("page.js")
                + get("page.css")
                + get("api/files")
                + get("api/graph")
                + get("api/svg")
                + post("api/view", "{}")
                + post("api/test", "{}")
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
