//! `argmap sensitivity FILE`: does the verdict come from the evidence? Strengths
//! under every semantics, the structure-only baseline, a tornado of bases and
//! weights, a seeded Monte Carlo run, and an SVG chart.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use argmap::{ArgGraph, Parameter, Params, Sensitivity, SensitivityOptions};

use super::eval::{SemanticsArg, SolverArg, node_or_conclusion};
use super::out::{Obj, num};
use super::{Ctx, DiagFormat, EXIT_FAILURE, Reported};

fn unit(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if x.is_finite() && x >= 0.0 => Ok(x),
        _ => Err(format!("`{s}` is not a number >= 0")),
    }
}

/// The most Monte Carlo draws: each draw's strength is kept to find the
/// percentiles (16 bytes a draw with the sorted copy), so 10^8 draws take 1.6 GB.
const MAX_DRAWS: usize = 100_000_000;

fn draws(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(n) if n <= MAX_DRAWS => Ok(n),
        Ok(_) => Err(format!(
            "{s} draws is more than the {MAX_DRAWS} argmap keeps in memory (16 bytes each, for the percentiles)"
        )),
        Err(_) => Err(format!("`{s}` is not a whole number of draws, 0 or more")),
    }
}

// The arguments of `argmap sensitivity`. No doc comment: clap would make it the
// help's about, in place of the subcommand's (see `args::Command`).
#[derive(Debug, clap::Args)]
pub(crate) struct SensitivityArgs {
    /// The argument file (`.ron`, or `.bag`; `-` reads RON from standard input).
    pub file: PathBuf,
    /// The topic [default: the conclusion].
    #[arg(long, value_name = "ID")]
    pub node: Option<String>,
    /// The verdict's threshold: above it, or at or below it.
    #[arg(long, value_name = "X", default_value_t = 0.5, value_parser = super::eval::threshold)]
    pub threshold: f64,
    /// How far each base and weight moves (when the file gives no `base_range` /
    /// `weight_range`), clamped to [0, 1].
    #[arg(long, value_name = "X", default_value_t = 0.1, value_parser = unit)]
    pub delta: f64,
    /// Monte Carlo draws (0: none; at most 100 000 000).
    #[arg(long, value_name = "N", default_value_t = 1000, value_parser = draws)]
    pub samples: usize,
    /// Seed of the Monte Carlo generator.
    #[arg(long, value_name = "S", default_value_t = 1, value_parser = super::eval::whole::<u64>)]
    pub seed: u64,
    /// Tornado bars shown in the text output and the chart.
    #[arg(long, value_name = "N", default_value_t = 10, value_parser = super::eval::whole::<usize>)]
    pub top: usize,
    /// Semantics of the tornado and the Monte Carlo run [default: the file's
    /// `semantics`, else quadratic-energy].
    #[arg(long, value_name = "NAME")]
    pub semantics: Option<SemanticsArg>,
    /// Solver for cycles (acyclic parts are always solved exactly).
    #[arg(long, value_enum, default_value_t = SolverArg::Auto)]
    pub solver: SolverArg,
    /// Stop after this many seconds: exit 3.
    #[arg(long, value_name = "SECS", value_parser = super::eval::seconds)]
    pub time_budget: Option<f64>,
    /// Write the charts (tornado and histogram) as SVG to this file.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn run(args: &SensitivityArgs, cx: &Ctx) -> Result<(), Reported> {
    let rep = cx.reporter(DiagFormat::Human);
    let (_src, g) = super::load_graph(&args.file, &rep)?;
    let topic = node_or_conclusion(&g, args.node.as_deref(), "--node")?;
    let semantics = match args.semantics {
        Some(SemanticsArg(Some(k))) => Some(k),
        Some(SemanticsArg(None)) => {
            eprintln!(
                "error: sensitivity reports every semantics already; --semantics names the one for the tornado and the Monte Carlo run"
            );
            return Err(Reported(EXIT_FAILURE));
        }
        None => None,
    };
    let opts = SensitivityOptions {
        topic: Some(topic),
        threshold: args.threshold,
        delta: args.delta,
        samples: args.samples,
        seed: args.seed,
        semantics,
    };
    let p = Params {
        solver: args.solver.into(),
        time_budget: args.time_budget.and_then(super::eval::budget),
        ..Params::default()
    };
    // A progress bar on a terminal only, on standard error.
    let bar = std::io::stderr().is_terminal() && !cx.quiet;
    let mut shown = 0;
    let mut progress = |done: usize, total: usize| {
        if !bar || total == 0 {
            return;
        }
        let pct = done * 100 / total;
        if pct != shown || done == total {
            shown = pct;
            let filled = pct / 4;
            eprint!(
                "\r[{}{}] {pct:3}% ({done}/{total} evaluations)",
                "#".repeat(filled),
                " ".repeat(25 - filled)
            );
            if done == total {
                eprint!("\r{}\r", " ".repeat(60));
            }
        }
    };
    let s =
        argmap::sensitivity(&g, &opts, &p, &mut progress).map_err(|e| super::eval_failure(&e))?;
    if let Some(path) = &args.output {
        let title = format!("Sensitivity of {} ({})", g.id(s.topic), s.semantics.name());
        let svg = argmap::export::sensitivity_svg(&s, &title, args.top, &|i| {
            name(&g, s.tornado[i].parameter)
        });
        if let Err(e) = super::io::write_atomic(path, svg.as_bytes()) {
            eprintln!("error: {e}");
            return Err(Reported(EXIT_FAILURE));
        }
        eprintln!("wrote {}", path.display());
    }
    let out = if args.json {
        json(&g, &s)
    } else {
        human(&g, &s, args.top, args.delta)
    };
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    Ok(())
}

/// How a parameter is named: `base e1`, `weight e1 -> h`.
fn name(g: &ArgGraph, p: Parameter) -> String {
    match p {
        Parameter::Base(v) => format!("base {}", g.id(v)),
        Parameter::Weight(j) => {
            let d = g.model().edges[j].data();
            format!("weight {} -> {}", d.from_label(), d.to)
        }
    }
}

/// `{"topic", "threshold", "semantics", "strength", "strengths": {sem: v},
/// "baseline_without_evidence": {sem: v}, "tornado": [{"parameter", "value",
/// "range", "low", "high"}], "monte_carlo": {"samples", "seed", "held", "p05",
/// "p50", "p95"} (null with 0 samples)}`.
fn json(g: &ArgGraph, s: &Sensitivity) -> String {
    let per = |v: &[(argmap::SemanticsKind, f64)]| {
        v.iter()
            .fold(Obj::new(), |o, (k, x)| o.field(k.name(), *x))
            .end()
    };
    let bars: Vec<String> = s
        .tornado
        .iter()
        .map(|b| {
            Obj::new()
                .field("parameter", name(g, b.parameter))
                .field("value", b.value)
                .raw(
                    "range",
                    &format!("[{}, {}]", json_num(b.range.0), json_num(b.range.1)),
                )
                .field("low", b.low)
                .field("high", b.high)
                .end()
        })
        .collect();
    let mc = match &s.monte_carlo {
        None => "null".to_string(),
        Some(m) => Obj::new()
            .field("samples", m.samples)
            .field("seed", m.seed)
            .field("held", m.held)
            .field("p05", m.p05)
            .field("p50", m.p50)
            .field("p95", m.p95)
            .end(),
    };
    Obj::new()
        .field("topic", g.id(s.topic))
        .field("threshold", s.threshold)
        .field("semantics", s.semantics.name())
        .field("strength", s.strength)
        .raw("strengths", &per(&s.strengths))
        .raw("baseline_without_evidence", &per(&s.baseline))
        .raw("tornado", &format!("[{}]", bars.join(", ")))
        .raw("monte_carlo", &mc)
        .end()
        + "\n"
}

fn json_num(x: f64) -> String {
    serde_json::Value::from(x).to_string()
}

fn human(g: &ArgGraph, s: &Sensitivity, top: usize, delta: f64) -> String {
    let t = g.id(s.topic);
    let side = |x: f64| {
        if x > s.threshold {
            "above"
        } else {
            "at or below"
        }
    };
    let mut o = format!(
        "sensitivity of {t} (threshold {}; tornado and Monte Carlo under {})\n\n",
        num(s.threshold),
        s.semantics.name()
    );
    o.push_str("semantics               with evidence  structure only\n");
    for ((k, x), (_, b)) in s.strengths.iter().zip(&s.baseline) {
        o.push_str(&format!(
            "{:<22}  {:>13}  {:>14}\n",
            k.name(),
            num(*x),
            num(*b)
        ));
    }
    for (k, why) in &s.skipped {
        o.push_str(&format!("{:<22}  skipped: {why}\n", k.name()));
    }
    let same = s
        .baseline
        .iter()
        .filter(|(k, _)| *k == s.semantics)
        .any(|(_, b)| {
            (*b > s.threshold && s.strength > s.threshold)
                || (*b < s.threshold && s.strength < s.threshold)
        });
    o.push_str(&format!(
        "\n{t} is {} under {}, {} the threshold; without any evidence it would be {}{}\n",
        num(s.strength),
        s.semantics.name(),
        side(s.strength),
        s.baseline
            .iter()
            .find(|(k, _)| *k == s.semantics)
            .map_or("-".to_string(), |(_, b)| num(*b)),
        if same {
            " (the same side: the structure alone already gives this verdict)"
        } else {
            ""
        }
    ));
    let shown = &s.tornado[..s.tornado.len().min(top)];
    if !shown.is_empty() {
        let w = shown
            .iter()
            .map(|b| name(g, b.parameter).chars().count())
            .max()
            .unwrap_or(9)
            .max(9);
        o.push_str(&format!(
            "\ntornado: each parameter alone at the ends of its range (value ± {}, or the file's range), largest swing first\n",
            num(delta)
        ));
        o.push_str(&format!(
            "{:<w$}  {:>6}  {:>15}  {:>7}  {:>7}  {:>6}\n",
            "parameter", "value", "range", "low", "high", "swing"
        ));
        for b in shown {
            o.push_str(&format!(
                "{:<w$}  {:>6}  {:>15}  {:>7}  {:>7}  {:>6}\n",
                name(g, b.parameter),
                num(b.value),
                format!("{}..{}", num(b.range.0), num(b.range.1)),
                num(b.low),
                num(b.high),
                num(b.swing())
            ));
        }
        if s.tornado.len() > shown.len() {
            o.push_str(&format!(
                "({} smaller not shown: --top {})\n",
                s.tornado.len() - shown.len(),
                shown.len()
            ));
        }
    }
    if let Some(m) = &s.monte_carlo {
        o.push_str(&format!(
            "\nMonte Carlo: {} draws (seed {}), every parameter at once within its range\n  {t}: 5th percentile {}, median {}, 95th percentile {}\n  {:.1}% of the draws keep the verdict ({} {})\n",
            m.samples,
            m.seed,
            num(m.p05),
            num(m.p50),
            num(m.p95),
            m.held * 100.0,
            side(s.strength),
            num(s.threshold)
        ));
    }
    o
}
