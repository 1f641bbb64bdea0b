//! `argmap check FILE...`

use std::path::PathBuf;

use super::Ctx;
use super::args::DiagFormat;
use super::extensions::InputFormat;

/// Check argument files.
#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {
    /// Files to check (`-` reads standard input: RON, or JSON when it starts
    /// with `{`). The reader follows the extension: `.ron`, `.json` (argmap
    /// JSON, or AIF by its content), `.bag`, `.af`, `.apx`, `.tgf`; anything
    /// else is RON (docs/formats.md).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Output format of the diagnostics: `human` on standard error; `short`
    /// and `json` are output, on standard output.
    #[arg(long, value_enum, default_value_t = DiagFormat::Human)]
    pub format: DiagFormat,
    /// The same as `--format json`.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Check again whenever one of the files changes.
    #[arg(long)]
    pub watch: bool,
}

pub(crate) fn run(args: &CheckArgs, cx: &Ctx) -> u8 {
    if args.watch {
        super::watch::watch(&args.files, || once(args, cx))
    } else {
        once(args, cx)
    }
}

fn once(args: &CheckArgs, cx: &Ctx) -> u8 {
    let format = if args.json {
        DiagFormat::Json
    } else {
        args.format
    };
    let rep = cx.reporter(format);
    let (mut errors, mut warnings, mut io_failed) = (0, 0, false);
    let mut json_all = vec![];
    for path in &args.files {
        // Framework files get the larger limit `extensions` reads them with.
        let framework = InputFormat::of(path) != InputFormat::Ron;
        let read = if framework {
            super::extensions::read_framework_source(path)
        } else {
            super::read_source(path)
        };
        let src = match read {
            Ok(s) => s,
            Err(e) => {
                io_failed |= e.io;
                errors += 1;
                if format == DiagFormat::Json {
                    json_all.push(super::report::to_json(
                        &argmap::Source::new(&e.name, ""),
                        &e.diagnostic,
                    ));
                } else {
                    rep.emit_file_level(&e.name, &e.diagnostic);
                }
                continue;
            }
        };
        // The graph is kept only for the human report's note (a large file
        // checked for its diagnostics alone keeps its memory bound).
        let human = format == DiagFormat::Human && !cx.quiet;
        let (mut diags, graph) = check_by_extension(path, &src, human);
        if cx.deny_warnings {
            diags = super::report::deny(diags);
        } else if cx.quiet {
            diags.0.retain(|d| d.severity == argmap::Severity::Error);
        }
        errors += diags.error_count();
        warnings += diags.warning_count();
        if format == DiagFormat::Json {
            json_all.extend(diags.iter().map(|d| super::report::to_json(&src, d)));
        } else {
            rep.emit(&src, &diags.0);
            if let Some(g) = graph {
                structure_only_note(src.name(), &g);
            }
        }
    }
    if format == DiagFormat::Json {
        // The requested output: standard output (docs/conventions.md).
        println!("{}", serde_json::Value::Array(json_all));
    }
    rep.summary(args.files.len(), errors, warnings);
    if io_failed {
        super::EXIT_FAILURE
    } else if errors > 0 {
        super::EXIT_INPUT
    } else {
        0
    }
}

/// Says so when the conclusion is on the same side of 0.5 with and without its
/// evidence under the file's semantics: the structure alone (the edges and the
/// claims' bases) already gives the verdict (issue 18). Nothing when the
/// evaluation fails (`eval` reports that).
fn structure_only_note(name: &str, g: &argmap::ArgGraph) {
    let kind = g
        .model()
        .semantics
        .as_deref()
        .and_then(argmap::SemanticsKind::from_name)
        .unwrap_or_default();
    let Ok(Some(b)) = argmap::baseline(g, kind, &argmap::Params::default()) else {
        return;
    };
    if b.same_side(0.5) {
        let side = if b.with_evidence > 0.5 {
            "above"
        } else {
            "below"
        };
        eprintln!(
            "note: {name}: without any evidence, the conclusion `{}` would be {:.4} under {}, \
             already {side} 0.5 as with it ({:.4}): the structure alone gives this verdict \
             (`argmap sensitivity` shows how far the evidence moves it)",
            g.id(b.topic),
            b.without_evidence,
            kind.name(),
            b.with_evidence,
        );
    }
}

/// The diagnostics of one file, read by the reader its extension names (the
/// one `eval` and `extensions` would use), RON otherwise; with the graph when
/// `want_graph` and an argument file has no error.
fn check_by_extension(
    path: &std::path::Path,
    src: &argmap::Source,
    want_graph: bool,
) -> (argmap::Diagnostics, Option<argmap::ArgGraph>) {
    let framework = |r: Result<argmap::dung::Framework, argmap::Diagnostics>| {
        (r.err().unwrap_or_default(), None)
    };
    let graph = |r: Result<argmap::Validated, argmap::Diagnostics>| match r {
        Ok(v) if want_graph => {
            let warnings = v.warnings.clone();
            (warnings, Some(argmap::build_owned(v)))
        }
        Ok(v) => (v.warnings, None),
        Err(d) => (d, None),
    };
    match InputFormat::of(path) {
        InputFormat::Af => framework(argmap::formats::af::read(src)),
        InputFormat::Apx => framework(argmap::formats::apx::read(src)),
        InputFormat::Tgf => framework(argmap::formats::tgf::read(src)),
        InputFormat::Ron => {
            let format = argmap::formats::detect(Some(path), src.text());
            graph(
                argmap::formats::read(src, format, &Default::default()).and_then(argmap::validate),
            )
        }
    }
}
