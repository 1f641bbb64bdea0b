//! `argmap extensions FILE --semantics grounded|complete|preferred|stable|semi-stable|stage|ideal`:
//! Dung extensions of the attack relation, read from RON, `.af`, `.apx` or `.tgf`.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use argmap::dung::{self, Framework, Limits, Semantics};
use argmap::{Diagnostics, Source};

use super::{Ctx, DiagFormat, EXIT_FAILURE, EXIT_INPUT, EXIT_LIMIT, Reporter};

/// Compute Dung extensions of the attack relation.
#[derive(Debug, clap::Args)]
pub(crate) struct ExtensionsArgs {
    /// The framework: `.ron` (attack edges; linked attacks and undercuts as
    /// inference arguments), `.af` (ICCMA 2023), `.apx`
    /// (ASPARTIX) or `.tgf`; `-` reads standard input (RON unless --input-format).
    pub file: PathBuf,
    /// The semantics.
    #[arg(long, short_alias = 's', value_enum, default_value_t = SemanticsArg::Grounded)]
    pub semantics: SemanticsArg,
    /// Print only the number of extensions.
    #[arg(long, conflicts_with_all = ["one", "accepted"])]
    pub count: bool,
    /// Print one extension (the first found), or nothing if there is none.
    #[arg(long, conflicts_with = "accepted")]
    pub one: bool,
    /// Decide whether the argument with this id (for `.af`: its number) is
    /// accepted; prints `yes` or `no`. Needs --mode.
    #[arg(long, value_name = "ID", requires = "mode")]
    pub accepted: Option<String>,
    /// With --accepted: in some extension (credulous) or in every extension
    /// (skeptical; with no stable extension every argument is skeptically
    /// accepted under stable).
    #[arg(long, value_enum, requires = "accepted")]
    pub mode: Option<ModeArg>,
    /// Print JSON: {"semantics": ..., "extensions": [[ids], ...]}, or "count",
    /// or "accepted".
    #[arg(long)]
    pub json: bool,
    /// The input format (default: from the file extension; RON otherwise).
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,
    /// Give up (exit 3) after this many seconds of searching (default: no
    /// limit).
    #[arg(long, value_name = "SECS", alias = "time-limit", value_parser = super::eval::seconds)]
    pub time_budget: Option<f64>,
    /// Give up when listing more than this many extensions.
    #[arg(long, value_name = "N", default_value_t = 1_000_000, value_parser = super::eval::whole::<usize>)]
    pub max_extensions: usize,
    /// How problems in the input are printed: `human` on standard error,
    /// `short` and `json` on standard output.
    #[arg(long, value_enum, default_value_t = DiagFormat::Human, alias = "diagnostic-format")]
    pub format: DiagFormat,
}

/// `--semantics`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum SemanticsArg {
    /// The least complete extension (linear time; always exactly one).
    Grounded,
    /// Admissible sets containing every argument they defend.
    Complete,
    /// Maximal admissible sets.
    Preferred,
    /// Conflict-free sets attacking every argument outside them (maybe none).
    Stable,
    /// Complete extensions with a maximal range (the set and what it attacks).
    SemiStable,
    /// Conflict-free sets with a maximal range.
    Stage,
    /// The largest admissible set inside every preferred extension (exactly one).
    Ideal,
}

impl From<SemanticsArg> for Semantics {
    fn from(s: SemanticsArg) -> Semantics {
        match s {
            SemanticsArg::Grounded => Semantics::Grounded,
            SemanticsArg::Complete => Semantics::Complete,
            SemanticsArg::Preferred => Semantics::Preferred,
            SemanticsArg::Stable => Semantics::Stable,
            SemanticsArg::SemiStable => Semantics::SemiStable,
            SemanticsArg::Stage => Semantics::Stage,
            SemanticsArg::Ideal => Semantics::Ideal,
        }
    }
}

/// `--mode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ModeArg {
    /// In at least one extension.
    Credulous,
    /// In every extension.
    Skeptical,
}

/// `--input-format`. Its value names (clap's, from the variants) are also the
/// file extensions that pick each format ([`InputFormat::of`]) and the ones
/// the hints name ([`InputFormat::extension`]): one list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum InputFormat {
    /// An argmap RON file; its attack edges form the framework.
    Ron,
    /// ICCMA 2023: `p af N`, then `a b` lines (also the extension `.i23`).
    #[value(alias = "i23")]
    Af,
    /// ASPARTIX: `arg(a).` and `att(a,b).` facts.
    Apx,
    /// Trivial Graph Format: names, `#`, then `a b` lines.
    Tgf,
}

impl InputFormat {
    /// The format the extension of `path` names (case-insensitive; `.i23`
    /// is `.af`), RON for any other.
    pub(crate) fn of(path: &Path) -> InputFormat {
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(|e| InputFormat::from_str(e, true).ok())
            .unwrap_or(InputFormat::Ron)
    }

    /// The file extension of the format: its `--input-format` value.
    fn extension(self) -> String {
        self.to_possible_value()
            .map(|v| v.get_name().to_string())
            .unwrap_or_default()
    }

    /// What the format looks like, for a hint.
    fn describe(self) -> &'static str {
        match self {
            InputFormat::Ron => "an argmap RON file",
            InputFormat::Af => "an ICCMA .af file (`p af N`, then `a b` lines)",
            InputFormat::Apx => "an ASPARTIX .apx file (`arg(a).`, `att(a,b).` facts)",
            InputFormat::Tgf => "a .tgf file (names, a line `#`, then `a b` lines)",
        }
    }

    /// The framework format the text looks like, judged by its first line that is
    /// not blank or a comment (`p af` starts an `.af` file, `arg(`/`att(` an `.apx`
    /// file) or by a line holding only `#` (the `.tgf` separator); `None` if unsure.
    pub(crate) fn sniff(text: &str) -> Option<InputFormat> {
        let mut lines = text.lines().map(str::trim);
        let first = lines.clone().find(|l| {
            // `# text` comments an .af file, `%` an .apx file; a lone `#` is .tgf's separator.
            let comment = l.starts_with('%') || (l.starts_with('#') && l.len() > 1);
            !l.is_empty() && !comment
        })?;
        if first.starts_with("p af") {
            Some(InputFormat::Af)
        } else if first.starts_with("arg(") || first.starts_with("att(") {
            Some(InputFormat::Apx)
        } else if first.starts_with("ArgumentGraph") {
            Some(InputFormat::Ron)
        } else if lines.any(|l| l == "#") {
            Some(InputFormat::Tgf)
        } else {
            None
        }
    }
}

pub(crate) fn run(args: &ExtensionsArgs, cx: &Ctx) -> u8 {
    let rep = cx.reporter(args.format);
    let format = args
        .input_format
        .unwrap_or_else(|| InputFormat::of(&args.file));
    let af = match load(&args.file, format, args.input_format.is_some(), &rep) {
        Ok(af) => af,
        Err(code) => return code,
    };
    let sem = Semantics::from(args.semantics);
    let limits = Limits {
        // A huge or infinite value means no limit.
        time: args.time_budget.and_then(super::eval::budget),
        max_extensions: Some(args.max_extensions),
    };
    let result = if let Some(id) = &args.accepted {
        accepted(&af, sem, id, args, &limits)
    } else if args.count {
        let mut progress = super::iccma::Progress::counting();
        let n = dung::count_exact(&af, sem, &limits, || progress.tick());
        progress.done();
        n.map(|n| {
            if args.json {
                count_json(sem, &n)
            } else {
                format!("{n}\n")
            }
        })
        .map_err(Failure::from)
    } else if args.one {
        dung::one(&af, sem, &limits)
            .map(|e| {
                let exts: Vec<Vec<usize>> = e.into_iter().collect();
                if exts.is_empty() {
                    eprintln!("note: the framework has no {sem} extension");
                }
                render(&af, sem, &exts, args.json)
            })
            .map_err(Failure::from)
    } else {
        list(&af, sem, &limits, args)
    };
    match result {
        Ok(text) => {
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                Ok(()) => 0,
                // A closed pipe (`| head`) is not worth a message.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
                Err(e) => {
                    eprintln!("error: cannot write the output: {e}");
                    EXIT_FAILURE
                }
            }
        }
        Err(Failure::Usage(msg)) => {
            eprintln!("error: {msg}");
            EXIT_FAILURE
        }
        Err(Failure::Search(e)) => {
            eprintln!("error: {e}");
            eprintln!(
                "help: raise --time-budget or --max-extensions, or ask a narrower question (--count, --one, --accepted ID --mode ...)"
            );
            EXIT_LIMIT
        }
    }
}

/// The largest integer a JSON reader using doubles (JavaScript's `Number`,
/// `JSON.parse`) holds exactly: `Number.MAX_SAFE_INTEGER`, 2^53 - 1.
const JSON_SAFE_INTEGER: u128 = (1 << 53) - 1;

/// `--count --json`: `{"semantics":"complete","count":3}`. `count` is a JSON
/// number with every digit of the count, whatever its size (JSON sets no
/// limit; Python's reader keeps it exact). Past 2^53 - 1,
/// which readers through doubles round, `count_decimal` repeats it as a
/// string of decimal digits (`BigInt(j.count_decimal ?? j.count)` in
/// JavaScript is always exact).
fn count_json(sem: Semantics, n: &dung::ExtensionCount) -> String {
    if n.to_u128().is_some_and(|n| n <= JSON_SAFE_INTEGER) {
        format!("{{\"semantics\":\"{sem}\",\"count\":{n}}}\n")
    } else {
        format!("{{\"semantics\":\"{sem}\",\"count\":{n},\"count_decimal\":\"{n}\"}}\n")
    }
}

/// Every extension, sorted. When the time runs out, the text output still
/// lists (sorted) the extensions found until then before the error.
fn list(
    af: &Framework,
    sem: Semantics,
    limits: &Limits,
    args: &ExtensionsArgs,
) -> Result<String, Failure> {
    let mut exts: Vec<Vec<usize>> = Vec::new();
    let mut progress = super::iccma::Progress::new();
    let max = limits.max_extensions.unwrap_or(usize::MAX);
    let r = dung::for_each(af, sem, limits, |e| {
        progress.tick();
        exts.push(e.to_vec());
        exts.len() <= max
    });
    progress.done();
    if exts.len() > max {
        return Err(Failure::Search(argmap::Error::TooManyExtensions {
            semantics: sem.name(),
            limit: max,
        }));
    }
    exts.sort_unstable();
    match r {
        Ok(_) => {
            if exts.is_empty() {
                eprintln!("note: the framework has no {sem} extension");
            }
            Ok(render(af, sem, &exts, args.json))
        }
        Err(e) => {
            if !args.json && !exts.is_empty() {
                eprintln!(
                    "note: the {} extensions found before the time ran out:",
                    exts.len()
                );
                let text = render(af, sem, &exts, false);
                let mut out = std::io::stdout().lock();
                let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
            }
            Err(Failure::Search(e))
        }
    }
}

enum Failure {
    Usage(String),
    Search(argmap::Error),
}

impl From<argmap::Error> for Failure {
    fn from(e: argmap::Error) -> Self {
        Failure::Search(e)
    }
}

/// Reads the framework, reporting problems; `Err` carries the exit code.
///
/// `explicit`: the format was given by `--input-format` (not by the file's extension).
pub(crate) fn load(
    path: &Path,
    format: InputFormat,
    explicit: bool,
    rep: &Reporter,
) -> Result<Framework, u8> {
    if format == InputFormat::Ron {
        let (_, g) = super::load_graph(path, rep).map_err(|r| r.0)?;
        let flat = dung::flatten(&g);
        let labels = |edges: &[usize]| {
            edges
                .iter()
                .map(|&j| g.edge_label(j))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let supports = flat.supports.len();
        if supports > 0 {
            eprintln!(
                "note: {supports} support edge{} ignored: Dung semantics use the attack relation only",
                if supports == 1 { "" } else { "s" }
            );
        }
        if !flat.inferences.is_empty() {
            eprintln!(
                "note: linked or undercut attacks are arguments of their own (their inferences, \
                 named by edge): {}",
                labels(&flat.inferences)
            );
        }
        if !flat.ignored_undercuts.is_empty() {
            eprintln!(
                "note: undercut{} of a support ignored (a support has no Dung meaning): {}",
                if flat.ignored_undercuts.len() == 1 {
                    ""
                } else {
                    "s"
                },
                labels(&flat.ignored_undercuts)
            );
        }
        return Ok(flat.framework);
    }
    let src = match read_framework_source(path) {
        Ok(s) => s,
        Err(e) => {
            rep.emit_file_level(&e.name, &e.diagnostic);
            return Err(if e.io { EXIT_FAILURE } else { EXIT_INPUT });
        }
    };
    let read: fn(&Source) -> Result<Framework, Diagnostics> = match format {
        InputFormat::Af => argmap::formats::af::read,
        InputFormat::Apx => argmap::formats::apx::read,
        _ => argmap::formats::tgf::read,
    };
    read(&src).map_err(|mut d| {
        // Read as the wrong format, every line is an error: show the first, and the fix.
        if let Some(seen) = InputFormat::sniff(src.text()).filter(|&s| s != format)
            && !d.0.is_empty()
        {
            let more = d.0.len() - 1;
            d.0.truncate(1);
            let ext = seen.extension();
            let fix = if explicit && InputFormat::of(path) == seen {
                format!("drop `--input-format {}` (the extension `.{ext}` picks {ext}) or pass `--input-format {ext}`", format.extension())
            } else if explicit {
                format!("pass `--input-format {ext}`")
            } else {
                format!("give the file the extension `.{ext}`, or pass `--input-format {ext}` to `argmap extensions`")
            };
            d.0[0].help.insert(
                0,
                format!(
                    "this looks like {} but is read as .{}: {fix}{}",
                    seen.describe(),
                    format.extension(),
                    if more > 0 { format!(" ({more} more errors like this one not shown)") } else { String::new() }
                ),
            );
        }
        rep.emit(&src, &d.0);
        EXIT_INPUT
    })
}

/// The largest `.af`/`.apx`/`.tgf` file read by default: 512 MiB. These
/// readers need about 3 to 4 times the file's size (the text, its line index,
/// the attack list and the adjacency arrays), far less than RON, so the RON
/// limit ([`argmap::Source::MAX_BYTES`]) would refuse ordinary benchmark
/// frameworks (a million arguments and 4 million attacks is a 54 MB `.af`).
/// `ARGMAP_MAX_FILE_MB` overrides it as for every other file.
const FRAMEWORK_MAX_BYTES: u64 = 512 * 1024 * 1024;

pub(crate) fn read_framework_source(path: &Path) -> Result<Source, argmap::ReadError> {
    let limit = if std::env::var_os("ARGMAP_MAX_FILE_MB").is_some() {
        super::max_file_bytes()
    } else {
        FRAMEWORK_MAX_BYTES
    };
    if path.as_os_str() == "-" {
        return Source::from_reader("<stdin>".into(), std::io::stdin().lock(), limit);
    }
    Source::read_limited(path, limit)
}

fn accepted(
    af: &Framework,
    sem: Semantics,
    id: &str,
    args: &ExtensionsArgs,
    limits: &Limits,
) -> Result<String, Failure> {
    let Some(arg) = af.index_of(id) else {
        let mut msg = format!("no argument `{id}` in {}", args.file.display());
        // An `.af` numbers its arguments 1 to N: a near number is no better
        // a guess than any other, so say the range.
        let numbered = af
            .names()
            .enumerate()
            .all(|(i, name)| name == (i + 1).to_string());
        if numbered && !af.is_empty() {
            msg.push_str(&format!(" (its arguments are numbered 1 to {})", af.len()));
        } else if let Some(s) = argmap::suggest(id, af.names()) {
            msg.push_str(&format!(" (did you mean `{s}`?)"));
        }
        return Err(Failure::Usage(msg));
    };
    let skeptical = args.mode == Some(ModeArg::Skeptical);
    let yes = if skeptical {
        dung::skeptical(af, sem, arg, limits)?
    } else {
        dung::credulous(af, sem, arg, limits)?
    };
    if yes && skeptical && sem == Semantics::Stable && dung::one(af, sem, limits)?.is_none() {
        eprintln!(
            "note: there is no stable extension, so every argument is skeptically accepted (vacuously)"
        );
    }
    Ok(if args.json {
        format!(
            "{{\"semantics\":\"{sem}\",\"argument\":{},\"mode\":\"{}\",\"accepted\":{yes}}}\n",
            json_str(id),
            if skeptical { "skeptical" } else { "credulous" }
        )
    } else if yes {
        "yes\n".to_string()
    } else {
        "no\n".to_string()
    })
}

/// `{a, c}` lines, or the JSON object.
fn render(af: &Framework, sem: Semantics, exts: &[Vec<usize>], json: bool) -> String {
    let mut out = String::new();
    if json {
        // Written by hand to keep the documented key order.
        out.push_str(&format!("{{\"semantics\":\"{sem}\",\"extensions\":["));
        for (i, e) in exts.iter().enumerate() {
            out.push_str(if i == 0 { "[" } else { ",[" });
            for (k, name) in af.names_of(e).enumerate() {
                if k > 0 {
                    out.push(',');
                }
                out.push_str(&json_str(name));
            }
            out.push(']');
        }
        out.push_str("]}\n");
        return out;
    }
    for e in exts {
        out.push('{');
        for (k, name) in af.names_of(e).enumerate() {
            if k > 0 {
                out.push_str(", ");
            }
            out.push_str(name);
        }
        out.push_str("}\n");
    }
    out
}

/// A JSON string literal.
fn json_str(s: &str) -> String {
    serde_json::Value::from(s).to_string()
}
