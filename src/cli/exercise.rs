//! `argmap exercise NAME [FILE]`: start a student's file for a bundled exercise
//! (the task and passage as comments, a skeleton to fill); `--list`, `--hints`,
//! `--model`. The exercises are embedded in the binary ([`argmap::exercises`]).

use std::path::PathBuf;

use argmap::exercises::{self, Exercise};

use super::EXIT_FAILURE;

// The arguments of `argmap exercise`. No doc comment: clap would make it the
// help's about, in place of the subcommand's (see `args::Command`).
#[derive(Debug, clap::Args)]
pub(crate) struct ExerciseArgs {
    /// The exercise: its name (`03-independent-or-linked`), the name without
    /// its number (`independent-or-linked`), or its number (`3`).
    #[arg(required_unless_present = "list")]
    pub name: Option<String>,
    /// The student's file to create [default: NAME.ron, e.g.
    /// `independent-or-linked.ron`]; `-` writes it to standard output.
    pub file: Option<PathBuf>,
    /// List the exercises of the course.
    #[arg(long)]
    pub list: bool,
    /// Print the exercise's hints instead.
    #[arg(long, conflicts_with_all = ["model", "list"])]
    pub hints: bool,
    /// Print the model answer instead (for teachers).
    #[arg(long, conflicts_with = "list")]
    pub model: bool,
    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,
}

fn short(x: &Exercise) -> &'static str {
    x.name.split_once('-').map_or(x.name, |(_, rest)| rest)
}

pub(crate) fn run(args: &ExerciseArgs) -> u8 {
    if args.list {
        let w = exercises::ALL
            .iter()
            .map(|x| x.name.len())
            .max()
            .unwrap_or(0);
        for x in exercises::ALL {
            println!("{:w$}  {}", x.name, x.title());
        }
        return 0;
    }
    let name = args.name.as_deref().unwrap_or_default();
    let Some(x) = exercises::find(name) else {
        let mut msg = format!("error: no exercise is called `{name}`");
        let names = exercises::ALL.iter().flat_map(|x| [x.name, short(x)]);
        if let Some(s) = argmap::suggest(name, names) {
            msg.push_str(&format!(" (did you mean `{s}`?)"));
        }
        eprintln!("{msg}; `argmap exercise --list` lists the course");
        return EXIT_FAILURE;
    };
    if args.hints {
        print!("{}", x.hints);
        return 0;
    }
    if args.model {
        print!("{}", x.model);
        return 0;
    }
    let text = exercises::starting_file(x);
    let file = args
        .file
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("{}.ron", short(x))));
    if file.as_os_str() == "-" {
        print!("{text}");
        return 0;
    }
    if file.exists() && !args.force {
        eprintln!(
            "error: {} exists; it was left as it was (use --force to replace it)",
            file.display()
        );
        return EXIT_FAILURE;
    }
    if let Err(e) = super::io::write_atomic(&file, text.as_bytes()) {
        eprintln!("error: {e}");
        return EXIT_FAILURE;
    }
    eprintln!(
        "created {} for exercise {}: {} (read it, map the passage, then `argmap grade {0} {}`)",
        file.display(),
        x.name,
        x.title(),
        short(x)
    );
    0
}
