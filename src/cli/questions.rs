//! `argmap questions FILE [--json]`: the critical questions of every
//! scheme-bearing inference, and which of them the map answers.

use std::io::Write;
use std::path::PathBuf;

use super::{Ctx, DiagFormat, Reported};

// The arguments of `argmap questions`. No doc comment: clap would make it the
// help's about, in place of the subcommand's (see `args::Command`).
#[derive(Debug, clap::Args)]
pub(crate) struct QuestionsArgs {
    /// The argument file (`.ron`; `-` reads standard input).
    pub file: PathBuf,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn run(args: &QuestionsArgs, cx: &Ctx) -> Result<(), Reported> {
    let rep = cx.reporter(DiagFormat::Human);
    let (_src, g) = super::load_graph(&args.file, &rep)?;
    let qs = argmap::schemes::questions(&g);
    let out = if args.json {
        // Serialising plain data cannot fail.
        let mut s = serde_json::to_string(&qs).unwrap_or_default();
        s.push('\n');
        s
    } else {
        human(&qs)
    };
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    Ok(())
}

/// One block per inference: its scheme, then each question marked answered
/// (with what answers it) or open.
fn human(qs: &argmap::schemes::Questions) -> String {
    if qs.inferences.is_empty() {
        return "no edge names a `scheme`: nothing to question (see docs/schemes.md)\n".into();
    }
    let mut out = String::new();
    let (mut open, mut all) = (0, 0);
    for inf in &qs.inferences {
        out.push_str(&format!(
            "{} ({} {} -> {}): {}\n",
            inf.edge,
            inf.kind,
            inf.from.join(" + "),
            inf.to,
            inf.name
        ));
        for q in &inf.questions {
            all += 1;
            let status = if q.is_open() {
                open += 1;
                "open    ".to_string()
            } else {
                "answered".to_string()
            };
            out.push_str(&format!("  {:<4} {status} {}\n", q.id, q.text));
            if !q.answered_by.is_empty() {
                out.push_str(&format!(
                    "            raised by {}\n",
                    q.answered_by.join(", ")
                ));
            }
            if !q.defended_by.is_empty() {
                out.push_str(&format!(
                    "            defended by {}\n",
                    q.defended_by.join(", ")
                ));
            }
        }
    }
    out.push_str(&format!(
        "{} inference(s), {open} of {all} critical questions open\n",
        qs.inferences.len()
    ));
    out
}
