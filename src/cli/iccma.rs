//! `argmap iccma -p TASK -f FILE [-a ARG]` and `argmap iccma --problems`: the
//! ICCMA 2023 solver interface over the library's Dung functions.
//!
//! Output (ICCMA 2023 rules, the format crustabri's `Iccma23Writer` prints):
//! an extension is `w` followed by its argument names separated by spaces;
//! SE prints one or `NO` when there is none (stable); DC prints `YES` then a
//! certificate extension containing the argument, or `NO`; DS prints `YES`, or
//! `NO` then a certificate extension lacking the argument. EE (not an ICCMA
//! 2023 task) prints one `w` line per extension as soon as it is found, CE
//! the number of extensions.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use argmap::dung::{self, Framework, Limits, Semantics};

use super::extensions::{InputFormat, load};
use super::{Ctx, DiagFormat, EXIT_FAILURE, EXIT_LIMIT};

/// How long EE output may wait in the buffer before it is flushed.
const FLUSH_EVERY: Duration = Duration::from_millis(100);

const TASKS: [&str; 5] = ["DC", "DS", "SE", "EE", "CE"];
const SEMANTICS: [(&str, Semantics); 7] = [
    ("CO", Semantics::Complete),
    ("GR", Semantics::Grounded),
    ("ID", Semantics::Ideal),
    ("PR", Semantics::Preferred),
    ("SST", Semantics::SemiStable),
    ("ST", Semantics::Stable),
    ("STG", Semantics::Stage),
];

// The arguments of `argmap iccma` (no doc comment: see `args::Command`).
#[derive(Debug, clap::Args)]
pub(crate) struct IccmaArgs {
    /// Print the supported problems, `[DC-CO,DC-GR,...]`, and exit.
    #[arg(long, conflicts_with_all = ["problem", "file", "argument"])]
    pub problems: bool,
    /// The problem, TASK-SEMANTICS: DC, DS, SE, EE or CE with CO, GR, ID, PR,
    /// SST, ST or STG (e.g. DS-PR).
    #[arg(
        short = 'p',
        value_name = "PROBLEM",
        required_unless_present = "problems"
    )]
    pub problem: Option<String>,
    /// The framework: `.af` (ICCMA 2023; also `.i23`), `.apx` or `.tgf`.
    #[arg(short = 'f', value_name = "FILE", required_unless_present = "problems")]
    pub file: Option<PathBuf>,
    /// The query argument of DC and DS (for `.af`: its number).
    #[arg(short = 'a', value_name = "ARG")]
    pub argument: Option<String>,
    /// Give up after this many seconds (exit 3; EE keeps the lines printed, CE
    /// reports the count so far on standard error).
    #[arg(long, value_name = "SECONDS", value_parser = super::eval::seconds)]
    pub time_budget: Option<f64>,
}

/// Every supported problem, in the order `--problems` prints them.
fn problems() -> Vec<String> {
    TASKS
        .iter()
        .flat_map(|t| SEMANTICS.iter().map(move |(s, _)| format!("{t}-{s}")))
        .collect()
}

pub(crate) fn run(args: &IccmaArgs, cx: &Ctx) -> u8 {
    let mut out = std::io::stdout().lock();
    if args.problems {
        let text = format!("[{}]\n", problems().join(","));
        return write(&mut out, &text);
    }
    let (Some(problem), Some(file)) = (&args.problem, &args.file) else {
        eprintln!("error: -p PROBLEM and -f FILE are required (or --problems)");
        return EXIT_FAILURE;
    };
    let Some((task, sem)) = parse_problem(problem) else {
        // The ICCMA names are upper case: `se-pr` is a slip for `SE-PR`.
        let upper = problem.to_ascii_uppercase();
        let hint = match parse_problem(&upper) {
            Some(_) => format!(" (did you mean `{upper}`?)"),
            None => String::new(),
        };
        eprintln!(
            "error: unknown problem `{problem}`{hint}; `argmap iccma --problems` lists them (e.g. DS-PR)"
        );
        return EXIT_FAILURE;
    };
    let rep = cx.reporter(DiagFormat::Human);
    let format = match InputFormat::of(file) {
        InputFormat::Ron => InputFormat::Af,
        f => f,
    };
    let af = match load(file, format, false, &rep) {
        Ok(af) => af,
        Err(code) => return code,
    };
    let arg = match (task, &args.argument) {
        ("DC" | "DS", None) => {
            eprintln!("error: {problem} needs the query argument: -a ARG");
            return EXIT_FAILURE;
        }
        ("DC" | "DS", Some(a)) => match af.index_of(a) {
            Some(i) => Some(i),
            None => {
                eprintln!(
                    "error: no argument `{a}` in {} ({} arguments)",
                    file.display(),
                    af.len()
                );
                return EXIT_FAILURE;
            }
        },
        _ => None,
    };
    let limits = Limits {
        time: args.time_budget.and_then(super::eval::budget),
        max_extensions: None,
    };
    let result = match (task, arg) {
        ("DC", Some(a)) => dung::credulous_witness(&af, sem, a, &limits).map(|w| match w {
            Some(w) => format!("YES\n{}", w_line(&af, &w)),
            None => "NO\n".to_string(),
        }),
        ("DS", Some(a)) => dung::skeptical_counterexample(&af, sem, a, &limits).map(|w| match w {
            Some(w) => format!("NO\n{}", w_line(&af, &w)),
            None => "YES\n".to_string(),
        }),
        ("SE", _) => dung::one(&af, sem, &limits).map(|e| match e {
            Some(e) => w_line(&af, &e),
            None => "NO\n".to_string(),
        }),
        ("EE", _) => {
            let mut progress = Progress::new();
            // Streamed through one buffer, each line built in a reused one
            // from the names pre-rendered as bytes (no allocation per line),
            // and flushed at least every FLUSH_EVERY, not per line.
            let names = WNames::new(&af);
            let mut line: Vec<u8> = Vec::with_capacity(256);
            let mut out = std::io::BufWriter::with_capacity(1 << 16, &mut out);
            let mut clock = FlushClock::new();
            // A failed write (a closed pipe) stops the enumeration.
            let r = dung::for_each(&af, sem, &limits, |e| {
                progress.tick();
                names.line(e, &mut line);
                let mut ok = out.write_all(&line).is_ok();
                if ok && clock.due() {
                    ok = out.flush().is_ok();
                }
                ok
            });
            let flushed = out.flush();
            progress.done();
            match (r, flushed) {
                (Err(e), _) => Err(e),
                (Ok(_), Err(e)) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    eprintln!("error: cannot write the output: {e}");
                    return EXIT_FAILURE;
                }
                (Ok(_), _) => Ok(String::new()),
            }
        }
        _ => {
            // CE
            let mut progress = Progress::counting();
            let r = dung::count_exact(&af, sem, &limits, || progress.tick());
            progress.done();
            r.map(|n| format!("{n}\n"))
        }
    };
    match result {
        Ok(text) => write(&mut out, &text),
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_LIMIT
        }
    }
}

/// `("DS", Semantics::Preferred)` from `DS-PR`.
fn parse_problem(p: &str) -> Option<(&'static str, Semantics)> {
    let (t, s) = p.split_once('-')?;
    let task = TASKS.iter().copied().find(|&x| x == t)?;
    let sem = SEMANTICS.iter().find(|(x, _)| *x == s)?.1;
    Some((task, sem))
}

/// `w 1 4 7` and a newline.
fn w_line(af: &Framework, ext: &[usize]) -> String {
    let mut line = Vec::new();
    WNames::new(af).line(ext, &mut line);
    String::from_utf8(line).expect("names are UTF-8")
}

/// Every argument's name with a space before it, as bytes in one buffer, so
/// that a `w` line is a few copies (EE of millions of extensions is bound by
/// this: formatting each name through `String` pushes and one allocation per
/// line took half of the time of EE-CO on iccma17_aircoach).
struct WNames {
    text: Vec<u8>,
    /// `text[ends[i - 1]..ends[i]]` is ` name` of argument `i`.
    ends: Vec<usize>,
}

impl WNames {
    fn new(af: &Framework) -> WNames {
        let mut text = Vec::new();
        let mut ends = Vec::with_capacity(af.len());
        for name in af.names() {
            text.push(b' ');
            text.extend_from_slice(name.as_bytes());
            ends.push(text.len());
        }
        WNames { text, ends }
    }

    /// Replaces `line` by the `w` line of `ext` (a newline at the end).
    fn line(&self, ext: &[usize], line: &mut Vec<u8>) {
        line.clear();
        line.push(b'w');
        for &a in ext {
            let start = if a == 0 { 0 } else { self.ends[a - 1] };
            line.extend_from_slice(&self.text[start..self.ends[a]]);
        }
        line.push(b'\n');
    }
}

/// When buffered EE output is due for a flush: at least every
/// [`FLUSH_EVERY`], reading the clock only every `stride` lines (reading it per
/// line cost 7 % of printing millions of them): the stride doubles up to 64
/// while lines come fast, and drops to 1 when they come slower.
struct FlushClock {
    last: Instant,
    stride: u32,
    left: u32,
}

impl FlushClock {
    fn new() -> FlushClock {
        FlushClock {
            last: Instant::now(),
            stride: 1,
            left: 1,
        }
    }

    /// One more line written; whether to flush now.
    fn due(&mut self) -> bool {
        self.left -= 1;
        if self.left > 0 {
            return false;
        }
        let since = self.last.elapsed();
        self.stride = if since >= FLUSH_EVERY / 2 {
            1
        } else {
            (self.stride * 2).min(64)
        };
        self.left = self.stride;
        if since >= FLUSH_EVERY {
            self.last = Instant::now();
            true
        } else {
            false
        }
    }
}

fn write(out: &mut impl Write, text: &str) -> u8 {
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => 0,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("error: cannot write the output: {e}");
            EXIT_FAILURE
        }
    }
}

/// A progress line on standard error, only when it is a terminal:
/// `N extensions, T s` (counting: `N steps (pieces' extensions, branches), T s`),
/// redrawn at most 5 times a second.
pub(crate) struct Progress {
    on: bool,
    what: &'static str,
    start: Instant,
    last: Instant,
    n: u64,
}

impl Progress {
    pub(crate) fn new() -> Progress {
        Progress::of("extensions")
    }

    /// For [`dung::count_exact`], whose ticks are the extensions of the pieces
    /// it enumerates and the branches of the model counter, not the
    /// framework's extensions.
    pub(crate) fn counting() -> Progress {
        Progress::of("steps (pieces' extensions, branches)")
    }

    fn of(what: &'static str) -> Progress {
        let now = Instant::now();
        Progress {
            on: std::io::stderr().is_terminal(),
            what,
            start: now,
            last: now,
            n: 0,
        }
    }

    /// One more extension found.
    pub(crate) fn tick(&mut self) {
        self.n += 1;
        if self.on && self.last.elapsed() >= Duration::from_millis(200) {
            self.last = Instant::now();
            eprint!(
                "\r{} {}, {:.1} s",
                self.n,
                self.what,
                self.start.elapsed().as_secs_f64()
            );
        }
    }

    /// Clears the line.
    pub(crate) fn done(&self) {
        if self.on && self.start.elapsed() >= Duration::from_millis(200) {
            eprint!("\r\x1b[2K");
        }
    }
}
