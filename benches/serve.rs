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

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

struct Server(Child, String);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start() -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_argmap"))
        .args(["serve", "graphs/sino_russian_distrust.ron", "--port", "0"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("argmap serve starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .expect("the URL")
        .to_string();
    Server(child, url)
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

fn post(a: &ureq::Agent, url: &str, body: &str) -> usize {
    a.post(url)
        .header("Content-Type", "application/json")
        .send(body)
        .unwrap()
        .body_mut()
        .read_to_string()
        .unwrap()
        .len()
}

fn get(a: &ureq::Agent, url: &str) -> usize {
    a.get(url)
        .call()
        .unwrap()
        .body_mut()
        .read_to_string()
        .unwrap()
        .len()
}

fn bench(c: &mut Criterion) {
    let s = start();
    let a = agent();
    let u = |p: &str| format!("{}{p}", s.1);
    // The drawing is made on first request and kept: make it before timing
    // the page load (its first time is in docs/performance.md).
    get(&a, &u("api/svg"));
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
            post(&a, &u("api/view"), bodies[i % 2])
        })
    });
    g.bench_function("explain (POST /api/explain, paper map)", |b| {
        b.iter(|| post(&a, &u("api/explain"), r#"{"node": "c_partnership"}"#))
    });
    g.bench_function("eval (POST /api/eval, paper map, baseline)", |b| {
        b.iter(|| post(&a, &u("api/eval"), "{}"))
    });
    g.bench_function("page load (every request before the page is ready)", |b| {
        b.iter(|| {
            get(&a, &u(""))
                + get(&a, &u("page.js"))
                + get(&a, &u("page.css"))
                + get(&a, &u("api/files"))
                + get(&a, &u("api/graph"))
                + get(&a, &u("api/svg"))
                + post(&a, &u("api/view"), "{}")
                + post(&a, &u("api/test"), "{}")
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
