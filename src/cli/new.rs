//! `argmap new FILE [--template basic|debate|paper|exercise] [--force]`: a
//! commented starting file (the templates are `templates/*.ron`; each passes
//! `check` and `fmt --check`, tests/it/new.rs).

use std::path::PathBuf;

use clap::ValueEnum;

use super::EXIT_FAILURE;

/// The starting files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Template {
    /// One conclusion, one reason, one objection, their evidence; every field explained.
    Basic,
    /// Reasons for and against in two groups, with a rebuttal.
    Debate,
    /// A map of a paper: source, quotes with locators, expectations.
    Paper,
    /// A small map to complete, with TODOs and an expectation.
    Exercise,
}

impl Template {
    /// The template's text.
    pub(crate) fn text(self) -> &'static str {
        match self {
            Template::Basic => include_str!("../../templates/basic.ron"),
            Template::Debate => include_str!("../../templates/debate.ron"),
            Template::Paper => include_str!("../../templates/paper.ron"),
            Template::Exercise => include_str!("../../templates/exercise.ron"),
        }
    }
}

// The arguments of `argmap new`. No doc comment: clap would make it the help's
// about, in place of the subcommand's (see `args::Command`).
#[derive(Debug, clap::Args)]
pub(crate) struct NewArgs {
    /// The file to create (`-` writes the template to standard output).
    pub file: PathBuf,
    /// Which starting file.
    #[arg(long, value_enum, default_value_t = Template::Basic)]
    pub template: Template,
    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,
}

pub(crate) fn run(args: &NewArgs) -> u8 {
    let text = args.template.text();
    if args.file.as_os_str() == "-" {
        print!("{text}");
        return 0;
    }
    if args.file.exists() && !args.force {
        eprintln!(
            "error: {} exists; it was left as it was (use --force to replace it)",
            args.file.display()
        );
        return EXIT_FAILURE;
    }
    if let Err(e) = super::io::write_atomic(&args.file, text.as_bytes()) {
        eprintln!("error: {e}");
        return EXIT_FAILURE;
    }
    eprintln!(
        "created {} (try `argmap check {0}` and `argmap eval {0}`)",
        args.file.display()
    );
    0
}
