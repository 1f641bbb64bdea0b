//! The command-line interface: one small module per subcommand. Items here are
//! private to the binary; the library never prints.

mod args;
mod check;
mod contrib;
mod convert;
mod diagram;
mod dot;
pub(crate) mod eval;
mod exercise;
mod explain;
mod extensions;
mod flip;
mod fmt;
mod generate;
mod grade;
mod iccma;
mod io;
mod lsp;
mod new;
mod out;
mod questions;
mod render;
mod report;
mod scenario;
mod sensitivity;
#[cfg(feature = "serve")]
mod serve;
mod test;
mod watch;
mod whatif;

use std::path::Path;
use std::process::ExitCode;

use clap::FromArgMatches;

use argmap::{ArgGraph, ReadError, Source};

pub(crate) use args::{Args, ColorArg, Command, DiagFormat};
pub(crate) use report::Reporter;

/// Exit codes (docs/conventions.md): 1 the input has errors or an expectation
/// fails, 2 usage or I/O failure, 3 a limit was hit (a time budget, an
/// iteration limit, no convergence), after printing any partial answer.
pub(crate) const EXIT_INPUT: u8 = 1;
pub(crate) const EXIT_FAILURE: u8 = 2;
pub(crate) const EXIT_LIMIT: u8 = 3;

/// What every subcommand gets: the global flags.
pub(crate) struct Ctx {
    pub color: ColorArg,
    /// `--quiet`: no warnings about the files read.
    pub quiet: bool,
    /// `--deny-warnings`: warnings about the files read are errors.
    pub deny_warnings: bool,
}

impl Ctx {
    pub fn reporter(&self, format: DiagFormat) -> Reporter {
        Reporter::new(format, self.color, self.quiet, self.deny_warnings)
    }
}

pub(crate) fn main() -> ExitCode {
    // `args::command()`, not `Args::parse()`: its rule for negative numbers.
    let matches = args::command().get_matches();
    let args = Args::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let cx = Ctx {
        color: args.color,
        quiet: args.quiet,
        deny_warnings: args.deny_warnings,
    };
    let code = match &args.command {
        Command::Check(a) => check::run(a, &cx),
        Command::Convert(a) => convert::run(a, &cx).err().map_or(0, |r| r.0),
        Command::Eval(a) if a.watch => watch::watch(std::slice::from_ref(&a.file), || {
            eval::run(a, &cx).err().map_or(0, |r| r.0)
        }),
        Command::Eval(a) => eval::run(a, &cx).err().map_or(0, |r| r.0),
        Command::Extensions(a) => extensions::run(a, &cx),
        Command::Iccma(a) => iccma::run(a, &cx),
        Command::Gen(a) => generate::run(a),
        Command::Whatif(a) => whatif::run(a, &cx).err().map_or(0, |r| r.0),
        Command::Contrib(a) => contrib::run(a, &cx).err().map_or(0, |r| r.0),
        Command::Flip(a) => flip::run(a, &cx).err().map_or(0, |r| r.0),
        Command::Sensitivity(a) => sensitivity::run(a, &cx).err().map_or(0, |r| r.0),
        Command::Explain(a) => explain::run(a, &cx).err().map_or(0, |r| r.0),
        Command::Test(a) => test::run(a, &cx).err().map_or(0, |r| r.0),
        Command::Questions(a) => questions::run(a, &cx).err().map_or(0, |r| r.0),
        Command::Dot(a) => dot::run(a, &cx),
        Command::Render(a) => render::run(a, &cx),
        Command::Fmt(a) => fmt::run(a, &cx),
        Command::New(a) => new::run(a),
        Command::Exercise(a) => exercise::run(a),
        Command::Grade(a) => grade::run(a, &cx).err().map_or(0, |r| r.0),
        Command::Lsp(a) => lsp::run(a),
        #[cfg(feature = "serve")]
        Command::Serve(a) => serve::run(a).err().map_or(0, |r| r.0),
    };
    ExitCode::from(code)
}

/// Reads a file, or standard input for `-`, refusing input larger than
/// [`max_file_bytes`].
pub(crate) fn read_source(path: &Path) -> Result<Source, ReadError> {
    if path.as_os_str() == "-" {
        return Source::from_reader("<stdin>".into(), std::io::stdin().lock(), max_file_bytes());
    }
    Source::read_limited(path, max_file_bytes())
}

/// The largest input file: [`Source::MAX_BYTES`], or `ARGMAP_MAX_FILE_MB`
/// mebibytes when that environment variable holds a positive whole number.
pub(crate) fn max_file_bytes() -> u64 {
    std::env::var("ARGMAP_MAX_FILE_MB")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|&mb| mb > 0)
        .map_or(Source::MAX_BYTES, |mb| mb.saturating_mul(1024 * 1024))
}

/// A failure already reported to the user, with its exit code.
#[derive(Debug)]
pub(crate) struct Reported(pub u8);

/// Reports a failed evaluation on standard error and gives its exit code: 3 when
/// an iteration did not converge or ran out of time, 1 when the semantics refuses
/// the graph (weights above 1, supports under an attack-only semantics), 2 else.
#[allow(dead_code)] // for subcommands that have no source file at hand
pub(crate) fn eval_failure(e: &argmap::Error) -> Reported {
    eval_failure_in(e, None)
}

/// [`eval_failure`], naming the file and the position of the edge a semantics
/// refuses (a weight above 1, a support under an attack-only semantics).
pub(crate) fn eval_failure_in(e: &argmap::Error, file: Option<(&Source, &ArgGraph)>) -> Reported {
    let edge = match e {
        argmap::Error::WeightAboveOne { from, to, .. }
        | argmap::Error::SupportsInAttackOnly { from, to, .. } => Some((from, to)),
        _ => None,
    };
    let at = file.zip(edge).and_then(|((src, g), (from, to))| {
        let i = g
            .model()
            .edges
            .iter()
            .position(|x| x.data().from_label() == *from && &x.data().to == to)?;
        let sp = g.spans().edges.get(i)?;
        let (l, c) = src.line_col(sp.weight.unwrap_or(sp.whole).start);
        Some(format!("{}:{l}:{c}: ", argmap::printable(src.name())))
    });
    eprintln!("error: {}{e}", at.unwrap_or_default());
    Reported(match e {
        argmap::Error::NoConvergence { .. } | argmap::Error::TimeBudget { .. } => EXIT_LIMIT,
        argmap::Error::WeightAboveOne { .. } | argmap::Error::SupportsInAttackOnly { .. } => {
            EXIT_INPUT
        }
        _ => EXIT_FAILURE,
    })
}

/// Whether `path` names a `.bag` file (the plain QBAF text format).
pub(crate) fn is_bag(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("bag"))
}

/// Reads and checks one graph file, reporting problems. Used by every
/// subcommand that works on a graph. The reader is the one
/// [`argmap::formats::detect`] picks (by extension, `.json` files by content:
/// argmap JSON or AIF; see docs/formats.md). The warnings of a RON or JSON
/// argument file are printed compactly on standard error (none with
/// `--quiet`), or are errors with `--deny-warnings`; an imported file (AIF,
/// `.bag`) shows only what its import dropped or approximated (`W07xx`): the
/// lints about argument maps are for maps written here, and `argmap check`
/// lists them all.
pub(crate) fn load_graph(path: &Path, rep: &Reporter) -> Result<(Source, ArgGraph), Reported> {
    let src = match read_source(path) {
        Ok(s) => s,
        Err(e) => {
            rep.emit_file_level(&e.name, &e.diagnostic);
            return Err(Reported(if e.io { EXIT_FAILURE } else { EXIT_INPUT }));
        }
    };
    let named = (path.as_os_str() != "-").then_some(path);
    let format = argmap::formats::detect(named, src.text());
    let checked =
        argmap::formats::read(&src, format, &Default::default()).and_then(argmap::validate);
    let imported = !matches!(
        format,
        argmap::formats::Format::Ron | argmap::formats::Format::Json
    );
    let checked = checked.map(|mut v| {
        if imported {
            v.warnings.0.retain(|d| d.code.starts_with("W07"));
        }
        v
    });
    match checked {
        Ok(v) => {
            if !rep.warnings(&src, &v.warnings) {
                return Err(Reported(EXIT_INPUT));
            }
            let g = argmap::build_owned(v);
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
