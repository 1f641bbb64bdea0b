//! `argmap test FILE...`: check the expectations written in argument files.

use std::path::PathBuf;

use argmap::{Expect, ExpectOutcome, Qbaf, Source};

use super::eval::EvalOpts;
use super::out::{id_list, num};
use super::{Ctx, DiagFormat, EXIT_INPUT, EXIT_NO_CONVERGENCE, Reported};

// The arguments of `argmap test`. No doc comment: clap would make it the
// help's about, in place of the subcommand's (see `args::Command`).
#[derive(Debug, clap::Args)]
pub(crate) struct TestArgs {
    /// Argument files (`-` reads standard input).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub opts: EvalOpts,
}

pub(crate) fn run(args: &TestArgs, cx: &Ctx) -> Result<(), Reported> {
    let rep = cx.reporter(DiagFormat::Human);
    let (mut passed, mut failed, mut code) = (0usize, 0usize, 0u8);
    for path in &args.files {
        let (src, g) = match super::load_graph(path, &rep) {
            Ok(x) => x,
            Err(Reported(c)) => {
                code = code.max(c);
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
            print!("{}", report(&src, &g, o, x, at));
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
                code = code.max(EXIT_NO_CONVERGENCE);
            }
        }
    }
    println!("\n{passed} passed, {failed} failed",);
    if failed > 0 {
        code = code.max(EXIT_INPUT);
    }
    match code {
        0 => Ok(()),
        c => Err(Reported(c)),
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
    let mut what = format!("{} {}", g.id(o.node), bounds(x));
    if !o.removed.is_empty() {
        what.push_str(&format!(" without {}", id_list(g, &o.removed)));
    }
    what.push_str(&format!(" ({})", o.semantics.name()));
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
