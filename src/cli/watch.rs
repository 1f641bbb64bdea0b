//! `--watch`: run a command again whenever one of its input files changes.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify_debouncer_mini::new_debouncer;
use notify_debouncer_mini::notify::RecursiveMode;

use super::EXIT_FAILURE;

/// How long the files must be quiet before a run: editors often write a file in
/// several steps (truncate, write, rename).
const QUIET: Duration = Duration::from_millis(250);

/// Runs `run` once, then again after each change to one of `files`, until the
/// process is interrupted. `run` prints its own errors at once; the outputs it
/// writes atomically stay as they were when a run fails, so the last good output
/// is kept. Returns only when watching fails (exit code 2).
pub(crate) fn watch(files: &[PathBuf], mut run: impl FnMut() -> u8) -> u8 {
    if files.iter().any(|f| f.as_os_str() == "-") {
        eprintln!("error: --watch needs a file: standard input cannot be watched");
        return EXIT_FAILURE;
    }
    // Watch the directories, not the files: an editor that saves by renaming a
    // new file over the old one would otherwise end the watch.
    let mut targets: Vec<(PathBuf, OsString)> = Vec::new();
    for f in files {
        let dir = match f.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let (Ok(dir), Some(name)) = (dir.canonicalize(), f.file_name()) else {
            eprintln!(
                "error: cannot watch {}: no such file or directory",
                f.display()
            );
            return EXIT_FAILURE;
        };
        targets.push((dir, name.to_os_string()));
    }

    let (tx, rx) = mpsc::channel();
    let mut debouncer = match new_debouncer(QUIET, tx) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: cannot watch files: {e}");
            return EXIT_FAILURE;
        }
    };
    let mut dirs: Vec<&PathBuf> = targets.iter().map(|(d, _)| d).collect();
    dirs.dedup();
    for d in dirs {
        if let Err(e) = debouncer.watcher().watch(d, RecursiveMode::NonRecursive) {
            eprintln!("error: cannot watch {}: {e}", d.display());
            return EXIT_FAILURE;
        }
    }

    // What the files held at the last run: reading a file also makes the watcher
    // report it, so only a change of content counts.
    let contents =
        || -> Vec<Option<Vec<u8>>> { files.iter().map(|f| std::fs::read(f).ok()).collect() };
    let mut last = contents();
    run();
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    eprintln!("watching {} for changes (Ctrl-C to stop)", names.join(", "));
    for result in rx {
        match result {
            Ok(events) => {
                let changed = events.iter().any(|e| {
                    targets.iter().any(|(dir, name)| {
                        e.path.file_name() == Some(name.as_os_str())
                            && e.path.parent() == Some(dir.as_path())
                    })
                });
                if changed {
                    let now = contents();
                    if now != last {
                        last = now;
                        eprintln!("--- changed; running again");
                        run();
                    }
                }
            }
            Err(e) => eprintln!("warning: file watcher: {e}"),
        }
    }
    eprintln!("error: the file watcher stopped");
    EXIT_FAILURE
}
