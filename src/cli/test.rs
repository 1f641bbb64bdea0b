//! `argmap test FILE...`: check the expectations written in argument files.

use std::io::Write;
use std::path::PathBuf;

use argmap::{Expect, ExpectOutcome, Qbaf, Source};

use super::eval::EvalOpts;
use super::out::{Obj, id_list, num};
use super::{Ctx, DiagFormat, EXIT_INPUT, EXIT_LIMIT, Reported};

/// Check the `expect` list of argument files.
#[derive(Debug, clap::Args)]
pub(crate) struct TestArgs {
    /// Argument files (`-` reads standard input).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub opts: EvalOpts,
    /// Print JSON: `{"passed", "failed", "results": [{"file", "expectation",
    /// "ok", "value", "message"}]}`.
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn run(args: &TestArgs, cx: &Ctx) -> Result<(), Reported> {
    let rep = cx.reporter(DiagFormat::Human);
    let (mut passed, mut failed, mut unchecked, mut code) = (0usize, 0usize, 0usize, 0u8);
    let mut results: Vec<String> = vec![];
    let mut out = std::io::stdout().lock();
    for path in &args.files {
        let (src, g) = match super::load_graph(path, &rep) {
            Ok(x) => x,
            Err(Reported(c)) => {
                // Reported as a failed result, not as "0 passed, 0 failed".
                code = code.max(c);
                failed += 1;
                unchecked += 1;
                let name = path.display().to_string();
                let message = format!(
                    "the file does not check (its errors are above; `argmap check {name}` lists them)"
                );
                if args.json {
                    results.push(result(&name, None, false, None, Some(&message)));
                } else {
                    let _ = writeln!(out, "ERROR {name}: {message}");
                }
                continue;
            }
        };
        let kind = args.opts.semantics(&g)?;
        let q = Qbaf::from_graph(&g);
        let outcomes = argmap::check_expectations(&g, &q, kind, &args.opts.params());
        if outcomes.is_empty() {
            eprintln!(
                "note: {} has no expectations (add an `expect: [...]` list)",
                src.name()
            );
        }
        for o in &outcomes {
            let x = &g.model().expect[o.index];
            let at = g
                .spans()
                .expect
                .get(o.index)
                .map(|s| s.whole.start)
                .unwrap_or(0);
            if args.json {
                results.push(outcome_json(src.name(), &g, o));
            } else {
                let _ = write!(out, "{}", report(&src, &g, o, x, at));
            }
            if o.passed {
                passed += 1;
            } else {
                failed += 1;
            }
            // As `eval`: an iteration that did not settle, or ran out of time,
            // is exit 3 (raise --max-iterations or --time-budget, or try
            // --solver continuous), not a failed expectation.
            if matches!(
                o.result,
                Err(argmap::Error::NoConvergence { .. } | argmap::Error::TimeBudget { .. })
            ) {
                code = code.max(EXIT_LIMIT);
            }
        }
    }
    if args.json {
        let _ = writeln!(out, "{}", document(passed, failed, &results));
    } else {
        let _ = writeln!(
            out,
            "\n{passed} passed, {failed} failed{}",
            match unchecked {
                0 => String::new(),
                1 => " (1 file does not check)".into(),
                n => format!(" ({n} files do not check)"),
            }
        );
    }
    if failed > 0 {
        code = code.max(EXIT_INPUT);
    }
    match code {
        0 => Ok(()),
        c => Err(Reported(c)),
    }
}

/// The `--json` document: `{"passed", "failed", "results": [...]}`.
pub(crate) fn document(passed: usize, failed: usize, results: &[String]) -> String {
    Obj::new()
        .field("passed", passed)
        .field("failed", failed)
        .raw("results", &format!("[{}]", results.join(", ")))
        .end()
}

/// The `results` entry of one expectation of file `name`.
pub(crate) fn outcome_json(name: &str, g: &argmap::ArgGraph, o: &ExpectOutcome) -> String {
    let x = &g.model().expect[o.index];
    let message = (!o.passed).then(|| failure(o, x));
    result(
        name,
        Some(&describe(g, o, x)),
        o.passed,
        o.result.as_ref().ok().copied(),
        message.as_deref(),
    )
}

/// One entry of `results` in `--json`: `{"file", "expectation", "ok", "value",
/// "message"}`, in file order (for a file that does not check, `expectation`
/// and `value` are null).
fn result(
    file: &str,
    expectation: Option<&str>,
    ok: bool,
    value: Option<f64>,
    message: Option<&str>,
) -> String {
    Obj::new()
        .field("file", file)
        .field("expectation", expectation)
        .field("ok", ok)
        .field("value", value)
        .field("message", message)
        .end()
}

/// `h above 0.5000 without `e2` (quadratic-energy)`.
fn describe(g: &argmap::ArgGraph, o: &ExpectOutcome, x: &Expect) -> String {
    let mut what = format!("{} {}", g.id(o.node), bounds(x));
    if !o.removed.is_empty() {
        what.push_str(&format!(" without {}", id_list(g, &o.removed)));
    }
    what.push_str(&format!(" ({})", o.semantics.name()));
    what
}

/// Why an expectation failed, in one line.
fn failure(o: &ExpectOutcome, x: &Expect) -> String {
    match &o.result {
        Ok(s) => {
            let miss = o.miss(x);
            format!(
                "expected {}, actual {} ({} by {})",
                bounds(x),
                num(*s),
                if miss > 0.0 { "too high" } else { "too low" },
                num(miss.abs())
            )
        }
        Err(e) => format!("could not evaluate: {e}"),
    }
}

/// `above 0.5`, `below 0.3`, `above 0.2 and below 0.5`.
fn bounds(x: &Expect) -> String {
    match (x.above, x.below) {
        (Some(a), Some(b)) => format!("above {} and below {}", num(a), num(b)),
        (Some(a), None) => format!("above {}", num(a)),
        (None, Some(b)) => format!("below {}", num(b)),
        (None, None) => "(no bound)".into(),
    }
}

fn report(src: &Source, g: &argmap::ArgGraph, o: &ExpectOutcome, x: &Expect, at: u32) -> String {
    let (line, col) = src.line_col(at);
    let what = describe(g, o, x);
    if o.passed {
        let s = o.result.as_ref().map(|s| num(*s)).unwrap_or_default();
        return format!("ok    {}:{line}:{col}  {what}: {s}\n", src.name());
    }
    let mut out = format!("FAIL  {}:{line}:{col}  {what}\n", src.name());
    match &o.result {
        Ok(s) => {
            let miss = o.miss(x);
            out.push_str(&format!("        expected: {}\n", bounds(x)));
            out.push_str(&format!(
                "          actual: {} ({} by {})\n",
                num(*s),
                if miss > 0.0 { "too high" } else { "too low" },
                num(miss.abs())
            ));
        }
        Err(e) => out.push_str(&format!("        could not evaluate: {e}\n")),
    }
    if let Some(note) = &x.note {
        out.push_str(&format!("            note: {note}\n"));
    }
    out
}
