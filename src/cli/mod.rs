//! The command-line interface: one small module per subcommand. Items here are
//! private to the binary; the library never prints.

mod args;
mod check;
mod report;

use std::io::Read;
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;

use argmap::{ArgGraph, ReadError, Source};

pub(crate) use args::{Args, ColorArg, Command, DiagFormat};
pub(crate) use report::Reporter;

/// Exit codes.
pub(crate) const EXIT_INPUT: u8 = 1;
pub(crate) const EXIT_FAILURE: u8 = 2;

/// What every subcommand gets.
pub(crate) struct Ctx {
    pub color: ColorArg,
}

impl Ctx {
    pub fn reporter(&self, format: DiagFormat) -> Reporter {
        Reporter::new(format, self.color)
    }
}

pub(crate) fn main() -> ExitCode {
    let args = Args::parse();
    let cx = Ctx { color: args.color };
    let code = match &args.command {
        Command::Check(a) => check::run(a, &cx),
    };
    ExitCode::from(code)
}

/// Reads a file, or standard input for `-`.
pub(crate) fn read_source(path: &Path) -> Result<Source, ReadError> {
    if path.as_os_str() == "-" {
        let mut bytes = vec![];
        if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
            return Err(ReadError {
                name: "<stdin>".into(),
                diagnostic: Box::new(argmap::Diagnostic::error(
                    "E0001",
                    format!("cannot read standard input: {e}"),
                )),
                io: true,
            });
        }
        return Source::from_bytes("<stdin>".into(), bytes);
    }
    Source::read(path)
}

/// A failure already reported to the user, with its exit code.
#[allow(dead_code)] // used by the subcommands that evaluate a graph
#[derive(Debug)]
pub(crate) struct Reported(pub u8);

/// Reads and checks one graph file, reporting problems (warnings are not shown:
/// `check` is for those). Used by every subcommand that works on a graph.
#[allow(dead_code)]
pub(crate) fn load_graph(path: &Path, rep: &Reporter) -> Result<(Source, ArgGraph), Reported> {
    let src = match read_source(path) {
        Ok(s) => s,
        Err(e) => {
            rep.emit_file_level(&e.name, &e.diagnostic);
            return Err(Reported(if e.io { EXIT_FAILURE } else { EXIT_INPUT }));
        }
    };
    match argmap::check(&src) {
        Ok(v) => {
            let g = argmap::build(&v);
            Ok((src, g))
        }
        Err(d) => {
            let errors: Vec<_> =
                d.0.into_iter()
                    .filter(|d| d.severity == argmap::Severity::Error)
                    .collect();
            rep.emit(&src, &errors);
            Err(Reported(EXIT_INPUT))
        }
    }
}
