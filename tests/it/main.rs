//! The one integration-test binary (STYLE.md R14): one module per area.

mod bad_inputs;
mod check;
mod contrib;
mod conventions;
mod docs;
mod drawing;
mod dung;
mod eval;
mod exercises;
mod export;
mod fast_bag;
mod flip;
mod fmt;
mod fuzz;
mod generate;
mod grade;
mod iccma;
mod interop;
mod limits;
mod lsp;
mod new;
mod page;
mod page_graphviz;
mod paper;
mod principles;
mod robustness;
mod routes;
mod safe_output;
mod semantics;
mod sensitivity;
#[cfg(feature = "serve")]
mod serve;
#[cfg(feature = "serve")]
mod serve_browser;
#[cfg(feature = "serve")]
mod server;
mod structure;
mod whatif;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

/// How long a test waits for an asynchronous event (a server listening or
/// answering, a file redrawn, a page updated) before it calls the event lost.
/// A guard against hangs, never a speed test: events take well under a second
/// on a quiet machine, and a loaded one (a load of 20 on two cores has been
/// seen) must never reach it.
pub const PATIENCE: Duration = Duration::from_secs(300);

/// Replaces the text of `path` in one step (a new file renamed over it), as
/// editors save: a file watcher then never sees it empty or half-written,
/// which a plain `fs::write` (truncate, then write) can show it on a busy
/// machine.
pub fn save(path: &Path, text: &str) {
    let tmp = path.with_extension("saving");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

/// The package root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/data/<rel>`.
pub fn data(rel: &str) -> PathBuf {
    root().join("tests/data").join(rel)
}

/// Runs the argmap binary in the package root, without colour.
pub fn argmap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_argmap"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("the argmap binary runs")
}

/// Standard error of a run, as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Standard output of a run, as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Every file under the package's directories `dirs` (their subdirectories
/// too; a missing directory has none) that `keep` accepts, sorted.
pub fn files_under(dirs: &[&str], keep: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else {
                out.push(p);
            }
        }
    }
    let mut v = vec![];
    for d in dirs {
        walk(&root().join(d), &mut v);
    }
    v.retain(|p| keep(p));
    v.sort();
    v
}

/// Whether `p` names a `.ron` file.
pub fn is_ron(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "ron")
}

/// The bundled graphs, sorted.
pub fn bundled_graphs() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("graphs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    v.sort();
    v
}
