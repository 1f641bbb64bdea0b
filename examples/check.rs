//! Loads and validates an argument file with the library, printing what a
//! program embedding argmap would see.
//!
//! Run: `cargo run --example check -- graphs/sino_russian_distrust.ron`

use std::process::ExitCode;

fn main() -> ExitCode {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "graphs/sino_russian_distrust.ron".into());
    let src = match argmap::Source::read(path.as_ref()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    match argmap::check(&src) {
        Ok(checked) => {
            // Warnings (lints) do not stop the file from being used.
            eprint!("{}", checked.warnings.short(&src));
            let g = argmap::build(&checked);
            let evidence = g
                .nodes()
                .iter()
                .filter(|n| n.kind == argmap::NodeKind::Evidence)
                .count();
            println!(
                "{}: {} nodes ({} evidence), {} edges, {} groups; conclusion `{}`{}",
                src.name(),
                g.len(),
                evidence,
                g.links().len(),
                g.groups().len(),
                g.id(g.conclusion()),
                if g.is_cyclic() { "; has cycles" } else { "" }
            );
            ExitCode::SUCCESS
        }
        Err(diags) => {
            // Diagnostics are data: here printed in their one-line form.
            eprint!("{}", diags.short(&src));
            ExitCode::from(1)
        }
    }
}
