//! `argmap fmt FILE... [--check]`: the canonical layout (see `argmap::format`).

use std::path::{Path, PathBuf};

use super::args::DiagFormat;
use super::{Ctx, EXIT_FAILURE, EXIT_INPUT};

// The arguments of `argmap fmt`. No doc comment: clap would make it the help's
// about, in place of the subcommand's (see `args::Command`).
#[derive(Debug, clap::Args)]
pub(crate) struct FmtArgs {
    /// Files or directories to format (a directory: every `.ron` file in it,
    /// recursively; `-` reads standard input and writes the result to standard output).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Change no file: list the files that are not in the canonical layout
    /// (on standard output) and exit 1 if there is any.
    #[arg(long)]
    pub check: bool,
}

pub(crate) fn run(args: &FmtArgs, cx: &Ctx) -> u8 {
    let rep = cx.reporter(DiagFormat::Human);
    let mut files = vec![];
    for p in &args.files {
        if p.is_dir() {
            if let Err(e) = collect(p, &mut files) {
                eprintln!("error: cannot read the directory {}: {e}", p.display());
                return EXIT_FAILURE;
            }
        } else {
            files.push(p.clone());
        }
    }
    let (mut failed, mut unformatted, mut io_failed) = (0, 0, false);
    for path in &files {
        let src = match super::read_source(path) {
            Ok(s) => s,
            Err(e) => {
                rep.emit_file_level(&e.name, &e.diagnostic);
                io_failed |= e.io;
                failed += 1;
                continue;
            }
        };
        let out = match argmap::format::format(&src) {
            Ok(o) => o,
            Err(d) => {
                rep.emit(&src, &d.0);
                failed += 1;
                continue;
            }
        };
        if path.as_os_str() == "-" {
            if args.check {
                if out != src.text() {
                    println!("<stdin>");
                    unformatted += 1;
                }
            } else {
                print!("{out}");
            }
            continue;
        }
        if out == src.text() {
            continue;
        }
        unformatted += 1;
        if args.check {
            // The requested output: the files that would change.
            println!("{}", path.display());
        } else if let Err(e) = super::io::write_atomic(path, out.as_bytes()) {
            eprintln!("error: {e}");
            io_failed = true;
        }
    }
    if !args.check && unformatted > 0 {
        eprintln!(
            "formatted {unformatted} of {} file{}",
            files.len(),
            if files.len() == 1 { "" } else { "s" }
        );
    }
    if io_failed {
        EXIT_FAILURE
    } else if failed > 0 || (args.check && unformatted > 0) {
        EXIT_INPUT
    } else {
        0
    }
}

/// Every `.ron` file under `dir`, sorted.
pub(crate) fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "ron") {
            out.push(p);
        }
    }
    Ok(())
}
