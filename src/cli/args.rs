//! Command-line arguments (clap derive). Flags become library option types here;
//! the library never sees clap.

use std::path::PathBuf;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

/// Structured argument graphs: check, evaluate, render, what-if, explain.
#[derive(Debug, Parser)]
#[command(name = "argmap", version, about, long_about = None, propagate_version = true)]
#[command(
    after_help = "Examples:\n  argmap check graphs/sino_russian_distrust.ron\n  argmap eval graphs/sino_russian_distrust.ron\n\nStreams: the requested output (tables, --json, --format json) goes to standard output;\ndiagnostics, warnings and progress go to standard error (see docs/conventions.md).\nExit codes: 0 ok, 1 the input has errors (or an expectation fails), 2 usage or I/O failure,\n3 a limit was hit (--time-budget, --max-iterations, no convergence; a partial answer is still printed)."
)]
pub(crate) struct Args {
    #[command(subcommand)]
    pub command: Command,

    /// When to colour diagnostics: auto (only on a terminal, and not when NO_COLOR is set), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,

    /// Do not print the warnings about the argument files read (`argmap check` lists them all;
    /// `argmap check --quiet` lists errors only).
    #[arg(long, short, global = true)]
    pub quiet: bool,

    /// Treat warnings about the argument files read as errors (exit 1).
    #[arg(long, global = true)]
    pub deny_warnings: bool,
}

/// The command line with one rule for every option whose value is a number
/// (`--depth`, `--top`, `--samples`, `--delta`, `--time-budget`, `--aspect`,
/// ...): what follows it is its value even when it starts with `-` (`-1`,
/// `-inf`), so that the option's own parser refuses it and says why
/// (`` `-1` is not a whole number, 0 or more ``), instead of clap taking `-1`
/// for an unknown flag and advising `-- -1`, which would make it a file name.
pub(crate) fn command() -> clap::Command {
    hyphen_values_for_numbers(Args::command())
}

/// Whether `arg` is an option (not a positional argument) whose value is a
/// number, or a shape given as one (`--aspect 1.5`, `--page 16:9`).
fn numeric_option(arg: &clap::Arg) -> bool {
    use std::any::TypeId;
    let t = arg.get_value_parser().type_id();
    !arg.is_positional()
        && [
            TypeId::of::<f64>(),
            TypeId::of::<usize>(),
            TypeId::of::<u64>(),
            TypeId::of::<u32>(),
            TypeId::of::<u16>(),
            TypeId::of::<argmap::export::Fit>(),
        ]
        .iter()
        .any(|id| t == *id)
}

/// `cmd` and its subcommands with every [`numeric_option`] taking a value
/// that starts with `-`.
fn hyphen_values_for_numbers(cmd: clap::Command) -> clap::Command {
    cmd.mut_args(|a| {
        if numeric_option(&a) {
            a.allow_hyphen_values(true)
        } else {
            a
        }
    })
    .mut_subcommands(hyphen_values_for_numbers)
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Check argument files and report every problem, with positions and fixes.
    #[command(
        after_help = "Examples:\n  argmap check graphs/*.ron\n  argmap check --deny-warnings --format short map.ron\n  argmap check --format json map.ron > diagnostics.json\n  cat map.ron | argmap check -\n\nThe human report goes to standard error; --format short and --format json (or --json) are\nthe requested output and go to standard output.\nExit codes: 0 no errors (warnings allowed unless --deny-warnings), 1 errors, 2 I/O failure."
    )]
    Check(super::check::CheckArgs),
    /// Convert a map between formats: RON, argmap JSON, AIF, Kialo, .bag in; RON, JSON, AIF, Argdown, GraphML, .af/.apx/.tgf out.
    #[command(
        after_help = "Examples:\n  argmap convert nodeset.json -o nodeset.ron\n  argmap convert graphs/bike_theft.ron -o bike.json\n  argmap convert graphs/bike_theft.ron -o bike_aif.json --to aif\n  argmap convert map.ron -o map.graphml\n  argmap convert map.ron -o map.argdown\n  argmap convert corpus.json --conclusion 277 -o map.ron --json\n  argmap convert kialo_export.txt -o debate.ron\n  argmap convert debate.argdown -o debate.ron\n\nThe formats follow the extensions unless --from/--to name them; a .json input is AIF when it has\nAIF's nodeIDs, else argmap JSON. What an import dropped or approximated is listed (W07xx), and what\nan output format cannot hold is noted (docs/formats.md). Nothing is written when the input has errors.\nExit codes: 0 ok, 1 the input has errors, 2 usage or I/O failure."
    )]
    Convert(super::convert::ConvertArgs),
    /// Evaluate a graph: every node's final strength under a gradual semantics.
    #[command(
        after_help = "Examples:\n  argmap eval graphs/nixon_diamond.ron\n  argmap eval map.ron --semantics df-quad --json\n  argmap eval cycle.bag --solver continuous --node a\n  argmap eval map.ron --semantics all\n\nSemantics: quadratic-energy (default), df-quad, sd-df-quad, euler-based, euler-based-top,\nmlp-based, weighted-h-categorizer, weighted-max-based, weighted-card-based (see docs/semantics.md).\n--semantics all evaluates under every semantics, one column each (attack-only ones are skipped\nwith a note when the map has supports).\nExit codes: 0 ok, 1 the input has errors (or the semantics refuses it), 2 usage or I/O failure,\n3 a limit was hit: no convergence (try --solver continuous), --max-iterations or --time-budget."
    )]
    Eval(super::eval::EvalArgs),
    /// Dung extensions (grounded, complete, preferred, stable, semi-stable, stage, ideal) of the attack relation.
    #[command(
        after_help = "Reads RON (attack edges; supports are ignored), ICCMA `.af`, ASPARTIX `.apx` or `.tgf`.\n\nExamples:\n  argmap extensions graphs/nixon_diamond.ron --semantics preferred\n  argmap extensions framework.af --semantics stable --count\n  argmap extensions framework.apx --semantics preferred --accepted a --mode skeptical\n  argmap extensions framework.af --semantics grounded --json\n\nExit codes: 0 ok, 1 the input has errors, 2 usage or I/O failure, 3 the search hit --time-budget or --max-extensions."
    )]
    Extensions(super::extensions::ExtensionsArgs),
    /// The ICCMA 2023 solver interface: `-p TASK -f FILE [-a ARG]`, `--problems`.
    #[command(
        after_help = "Examples:\n  argmap iccma --problems\n  argmap iccma -p DS-PR -f framework.af -a 3\n  argmap iccma -p SE-ST -f framework.af\n  argmap iccma -p EE-SST -f framework.apx --time-budget 60\n\nTasks: DC (credulous), DS (skeptical), SE (one extension), EE (every extension, one `w` line each,\nstreamed), CE (count), each with GR, CO, PR, ST, SST, STG or ID. Output as the ICCMA 2023 rules ask:\nYES/NO, certificates `w 1 4 7` (DC: after YES; DS: after NO), NO when there is no extension.\nCE prints every digit of the count, whatever its size.\nExit codes: 0 ok, 1 the input has errors, 2 usage or I/O failure, 3 --time-budget ran out."
    )]
    Iccma(super::iccma::IccmaArgs),
    /// Generate a seeded test graph (RON, .bag or .af) of any size and shape.
    #[command(
        after_help = "Examples:\n  argmap gen --shape layered --nodes 1000 --seed 1 -o g.ron\n  argmap gen --shape cyclic --nodes 1000000 --edges 4000000 -o big.af\n  argmap gen --shape scale-free --nodes 500 --format bag\n\nExit codes: 0 ok, 2 usage or I/O failure."
    )]
    Gen(super::generate::GenArgs),
    /// What if: remove nodes or change values, and compare strengths before and after.
    #[command(
        after_help = "Examples:\n  argmap whatif graphs/nixon_diamond.ron --remove-group record\n  argmap whatif map.ron --remove e1,e2 --json\n  argmap whatif map.ron --set-base e1=0.3 --set-weight e1:h=0.5\n\nRemoving a node removes its edges. A change is after − before. Unknown ids, tags and groups are\nerrors (exit 2) with the closest name suggested.\nExit codes: 0 ok, 1 the input has errors, 2 usage or I/O failure, 3 a limit was hit."
    )]
    Whatif(super::whatif::WhatifArgs),
    /// Contribution of each node to a topic: removal, intrinsic removal, Shapley, gradient.
    #[command(
        after_help = "Examples:\n  argmap contrib graphs/sino_russian_distrust.ron --players evidence\n  argmap contrib map.ron --method all --topic c1\n  argmap contrib map.ron --method shapley --samples 5000 --seed 1 --json\n\nA contribution is σ(topic with the node) − σ(topic without it): positive means the node raises\nthe topic (docs/conventions.md). The methods answer different questions and can disagree, even\nin sign; see docs/whatif.md.\nExit codes: 0 ok, 1 the input has errors, 2 usage or I/O failure, 3 a limit was hit (sampled\nShapley values cut short by --time-budget are printed, then exit 3)."
    )]
    Contrib(super::contrib::ContribArgs),
    /// The smallest sets of nodes whose removal moves a topic across a threshold.
    #[command(
        after_help = "Examples:\n  argmap flip graphs/sino_russian_distrust.ron\n  argmap flip map.ron --threshold 0.6 --max-size 4 --among all\n  argmap flip map.ron --time-budget 60 --json\n\n--time-budget limits the whole search (default 10 s). When it runs out, what was found so far\nis printed with how far the search got, and the exit code is 3.\nExit codes: 0 ok, 1 the input has errors, 2 usage or I/O failure, 3 a limit was hit."
    )]
    Flip(super::flip::FlipArgs),
    /// Does the verdict come from the evidence? Every semantics, the structure-only baseline,
    /// a tornado and a Monte Carlo run.
    #[command(
        after_help = "Examples:\n  argmap sensitivity graphs/sino_russian_distrust.ron\n  argmap sensitivity map.ron --node c1 --delta 0.2 --samples 5000 --seed 7 -o chart.svg\n  argmap sensitivity map.ron --json\n\nThe structure-only baseline is the topic with every evidence node removed. The tornado moves\neach base and weight alone to the ends of its range (value ± --delta, clamped to [0, 1], or the\nfile's base_range / weight_range); the Monte Carlo run draws them all at once, uniformly, and\ncounts the draws that stay on the topic's side of --threshold. A progress bar is drawn on a\nterminal (standard error).\nExit codes: 0 ok, 1 the input has errors, 2 usage or I/O failure, 3 a limit was hit."
    )]
    Sensitivity(super::sensitivity::SensitivityArgs),
    /// Why a node has its strength, step by step, with numbers that add up.
    #[command(
        after_help = "Examples:\n  argmap explain graphs/car_free_centre.ron\n  argmap explain map.ron --node c_partnership --semantics df-quad\n\nA change is after − before: `0.6966 -> 0.5211 (-0.1755)` means the node would fall by 0.1755\nwithout that evidence, whose contribution is +0.1755 (docs/conventions.md).\nExit codes: 0 ok, 1 the input has errors, 2 usage or I/O failure, 3 a limit was hit."
    )]
    Explain(super::explain::ExplainArgs),
    /// Check the expectations (`expect: [...]`) written in argument files; exit 1 if any fails.
    #[command(
        after_help = "Examples:\n  argmap test graphs/*.ron\n  argmap test map.ron --semantics df-quad\n\nAn expectation's own `semantics` wins over --semantics, which wins over the file's.\nExit codes: 0 all pass, 1 an expectation fails (or a file has errors), 2 usage or I/O failure,\n3 an evaluation hit a limit: no convergence, --max-iterations or --time-budget (this wins over 1)."
    )]
    Test(super::test::TestArgs),
    /// The critical questions of each scheme-bearing inference: which are answered, which open.
    #[command(
        after_help = "Examples:\n  argmap questions graphs/expert_testimony.ron\n  argmap questions map.ron --json\n\nA question is answered by an `Undercut` of the inference, or an `Attack` on one of its premises\nor its conclusion, that carries `question: \"CQn\"`. The schemes are listed in docs/schemes.md."
    )]
    Questions(super::questions::QuestionsArgs),
    /// Write the graph as Graphviz DOT (clusters per group, legend, escaped labels).
    #[command(
        after_help = "Examples:\n  argmap dot graphs/nixon_diamond.ron -o nixon.dot\n  argmap dot graphs/nixon_diamond.ron --scores --semantics df-quad | dot -Tsvg > nixon.svg\n  argmap dot graphs/nixon_diamond.ron --remove e_navy_service -o whatif.dot\n  argmap dot graphs/sino_russian_distrust.ron --focus c_partnership --depth 1 --rankdir LR\n  argmap dot map.ron -o map.dot --watch\n\nSee docs/diagrams.md for how to read the diagram.\nExit codes: 0 ok, 1 the input has errors, 2 usage or I/O failure, 3 a limit was hit."
    )]
    Dot(super::dot::DotArgs),
    /// Draw the graph as SVG (no external program needed), or PNG/PDF through Graphviz.
    #[command(
        after_help = "Examples:\n  argmap render graphs/nixon_diamond.ron -o nixon.svg\n  argmap render graphs/sino_russian_distrust.ron --scores --hide-evidence -o map.png\n  argmap render graphs/nixon_diamond.ron --remove-group record -o whatif.pdf\n  argmap render map.ron -o map.svg --engine embedded --watch\n\nWith Graphviz's `dot` on the PATH (or --engine graphviz) Graphviz lays the graph out and can write PNG and PDF; otherwise the embedded layout writes SVG. The command says which engine it used (on standard error).\nExit codes: 0 ok, 1 the input has errors, 2 usage, I/O or Graphviz failure, 3 a limit was hit."
    )]
    Render(super::render::RenderArgs),
    /// Rewrite argument files in the canonical layout, keeping every comment.
    #[command(
        after_help = "Examples:\n  argmap fmt map.ron\n  argmap fmt --check graphs/\n  cat map.ron | argmap fmt -\n\nOnly whitespace, trailing commas and the order of known fields change; values are written as\ntyped. --check lists the files that would change on standard output.\nExit codes: 0 ok (with --check: every file is formatted), 1 a file is not RON (or, with --check,\nwould change), 2 I/O failure."
    )]
    Fmt(super::fmt::FmtArgs),
    /// Create a commented starting file that passes `check`, explaining each field in place.
    #[command(
        after_help = "Examples:\n  argmap new map.ron\n  argmap new debate.ron --template debate\n  argmap new - --template paper > paper.ron\n\nAn existing file is never replaced without --force.\nExit codes: 0 ok, 2 the file exists (without --force), usage or I/O failure."
    )]
    New(super::new::NewArgs),
    /// Start a student's file for an exercise of the bundled course (`--list` lists them).
    #[command(
        after_help = "Examples:\n  argmap exercise --list\n  argmap exercise find-the-conclusion\n  argmap exercise 3 mine.ron\n  argmap exercise 3 --hints\n\nThe file has the task and the passage as comments and a skeleton to fill; grade it with\n`argmap grade FILE NAME`. The course is built into argmap (exercises/README.md is the syllabus).\nAn existing file is never replaced without --force.\nExit codes: 0 ok, 2 no such exercise, the file exists (without --force), usage or I/O failure."
    )]
    Exercise(super::exercise::ExerciseArgs),
    /// Grade a student's map against a model answer: matching, findings, a score, both verdicts.
    #[command(
        after_help = "Examples:\n  argmap grade mine.ron exercises/03-independent-or-linked/model.ron\n  argmap grade mine.ron independent-or-linked --json\n  argmap grade submissions/ 3 -o grades.csv\n\nThe model is a file, or a bundled exercise by name or number (`argmap exercise --list`).\nNodes are matched by text, then id, then text similarity; the score's weights come from\n--rubric, else `rubric.ron` beside the model, else the defaults (docs/teaching.md).\nA folder of submissions gives one CSV line per `.ron` file.\nExit codes: 0 graded, 1 the student's map does not check, 2 usage or I/O failure, or a bad model."
    )]
    Grade(super::grade::GradeArgs),
    /// Language server (LSP over stdio) for editors: diagnostics, hover, definition, rename, formatting.
    #[command(
        after_help = "Run by an editor, not by hand; see docs/editors.md for VS Code, Neovim, Helix and Emacs.\nExit codes: 0 after the editor's shutdown, 2 the editor's initialisation failed."
    )]
    Lsp(super::lsp::LspArgs),
    /// An interactive explorer in the browser: the map, what-if, explain, classroom mode.
    #[cfg(feature = "serve")]
    #[command(
        after_help = "Examples:\n  argmap serve graphs/sino_russian_distrust.ron --open\n  argmap serve graphs/*.ron --port 0\n\nListens on 127.0.0.1 (the page and its JSON API, docs/serve.md); the files are watched and\nthe page follows every save. Ctrl-C stops it.\nExit codes: 2 a file cannot be read, the port is taken, or another usage or I/O failure."
    )]
    Serve(super::serve::ServeArgs),
}

/// Colour choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorArg {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// How diagnostics are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Default)]
pub(crate) enum DiagFormat {
    /// Source excerpts with carets and hints.
    #[default]
    Human,
    /// One line each: `file:line:col: severity[CODE]: message`.
    Short,
    /// A JSON array of objects.
    Json,
}

/// Input files shared by subcommands that read one graph.
#[derive(Debug, clap::Args)]
pub(crate) struct InputArg {
    /// The argument file (`.ron`; `-` reads standard input).
    pub file: PathBuf,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every numeric option of every subcommand, as `(subcommand path, --long)`.
    fn numeric_options(cmd: &clap::Command, path: &[String], out: &mut Vec<(Vec<String>, String)>) {
        for a in cmd.get_arguments().filter(|a| numeric_option(a)) {
            if let Some(long) = a.get_long() {
                out.push((path.to_vec(), format!("--{long}")));
            }
        }
        for sub in cmd.get_subcommands() {
            let mut p = path.to_vec();
            p.push(sub.get_name().to_string());
            numeric_options(sub, &p, out);
        }
    }

    /// `-1` or `-inf` given to any numeric option (integer, decimal, or a
    /// shape such as `--aspect`) reaches that option's parser, which refuses it
    /// naming the value and why; clap's "unexpected argument '-1'" (whose tip
    /// `-- -1` would turn the value into a file name) never comes. Before,
    /// every integer flag (`--depth`, `--top`, `--samples`, ...) got clap's
    /// message for `-1`, and every numeric flag for `-inf` (found by
    /// benches/fuzz_inputs.py, seed 10).
    #[test]
    fn a_negative_number_reaches_the_parser_of_every_numeric_option() {
        let mut all = vec![];
        numeric_options(&command(), &[], &mut all);
        // Integer flags of src/cli (grep for usize, u64 and u16 fields), a
        // decimal one and a shape.
        let named = [
            ("render", "--depth"),
            ("whatif", "--top"),
            ("sensitivity", "--samples"),
            ("contrib", "--samples"),
            ("flip", "--max-size"),
            ("gen", "--nodes"),
            ("eval", "--max-iterations"),
            ("eval", "--delta"),
            ("render", "--aspect"),
        ];
        for (sub, flag) in named {
            assert!(
                all.iter().any(|(p, f)| p == &[sub] && f == flag),
                "{sub} {flag} is not among the numeric options found: {all:?}"
            );
        }
        #[cfg(feature = "serve")]
        assert!(all.iter().any(|(p, f)| p == &["serve"] && f == "--port"));
        assert!(all.len() >= 30, "{}: {all:?}", all.len());
        for ((path, flag), value) in all.iter().flat_map(|o| [(o, "-1"), (o, "-inf")]) {
            let mut argv = vec!["argmap".to_string()];
            argv.extend(path.iter().cloned());
            argv.extend([flag.clone(), value.to_string()]);
            // Refused by the option's parser, with the value and why; or taken
            // as the value (gen's ratios: the command then says why), and a
            // later check (a required argument missing here) speaks.
            let named = named.iter().any(|(sub, f)| path == &[*sub] && flag == f);
            let Err(e) = command().try_get_matches_from(&argv) else {
                assert!(!named, "{argv:?} is accepted");
                continue;
            };
            let text = e.to_string();
            assert_ne!(
                e.kind(),
                clap::error::ErrorKind::UnknownArgument,
                "{argv:?}: {text}"
            );
            if named || e.kind() == clap::error::ErrorKind::ValueValidation {
                assert!(text.contains(&format!("`{value}`")), "{argv:?}: {text}");
            }
            assert!(!text.contains("tip: to pass"), "{argv:?}: {text}");
        }
    }
}
