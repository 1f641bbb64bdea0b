//! `argmap flip FILE`: the smallest sets of nodes whose removal moves a topic
//! across a threshold.

use std::io::Write;
use std::path::PathBuf;

use argmap::{ArgGraph, Flip, FlipOptions, FlipStop, Players, Qbaf};

use super::eval::{EvalOpts, node_or_conclusion};
use super::out::{Obj, id_array, id_list, num};
use super::{Ctx, DiagFormat, Reported};

/// `--among` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum AmongArg {
    /// Evidence nodes only.
    Evidence,
    /// Every node except the topic.
    All,
}

/// Find the smallest sets of nodes whose removal flips a conclusion.
#[derive(Debug, clap::Args)]
pub(crate) struct FlipArgs {
    /// The argument file (`.ron`, or `.bag`; `-` reads RON from standard input).
    pub file: PathBuf,
    /// The node to flip [default: the conclusion].
    #[arg(long, value_name = "ID")]
    pub topic: Option<String>,
    /// The threshold: "above" means strictly greater.
    #[arg(long, value_name = "X", default_value_t = 0.5, value_parser = super::eval::threshold)]
    pub threshold: f64,
    /// The largest set size to try.
    #[arg(long, value_name = "K", default_value_t = 3, value_parser = super::eval::whole::<usize>)]
    pub max_size: usize,
    /// Which nodes may be removed.
    #[arg(long, value_enum, default_value_t = AmongArg::Evidence)]
    pub among: AmongArg,
    #[command(flatten)]
    pub opts: EvalOpts,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn run(args: &FlipArgs, cx: &Ctx) -> Result<(), Reported> {
    let rep = cx.reporter(DiagFormat::Human);
    let (_src, g) = super::load_graph(&args.file, &rep)?;
    let kind = args.opts.semantics(&g)?;
    let topic = node_or_conclusion(&g, args.topic.as_deref(), "--topic")?;
    let among = match args.among {
        AmongArg::Evidence => Players::Evidence,
        AmongArg::All => Players::All,
    };
    let candidates = among.select(&g, topic);
    let opts = FlipOptions {
        threshold: args.threshold,
        max_size: args.max_size,
        // --time-budget limits the whole search here (default 10 s).
        time_budget: super::eval::budget(args.opts.time_budget.unwrap_or(10.0)),
        max_sets: 100,
    };
    let q = Qbaf::from_graph(&g);
    let f = argmap::flip(&q, kind, &args.opts.params(), topic, &candidates, &opts)
        .map_err(|e| super::eval_failure(&e))?;
    let what = match args.among {
        AmongArg::Evidence => "evidence nodes",
        AmongArg::All => "nodes",
    };
    let out = if args.json {
        json(&g, &f, &opts)
    } else {
        human(&g, &f, &opts, what)
    };
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    // A partial answer under a time budget is printed, then exit 3
    // (docs/conventions.md).
    if f.stop == FlipStop::TimeBudget {
        return Err(Reported(super::EXIT_LIMIT));
    }
    Ok(())
}

/// `{"topic", "threshold", "before", "direction": "up"|"down", "size" (null if
/// none), "sets": [{"remove": [ids], "strength"}], "found", "complete_up_to",
/// "stopped": "found"|"max-size"|"time-budget"|"unreachable", "reach" (the
/// furthest the topic can go, when the bound applies; else null), "evaluated",
/// "pruned"}`.
pub(crate) fn json(g: &ArgGraph, f: &Flip, _opts: &FlipOptions) -> String {
    let sets: Vec<String> = f
        .sets
        .iter()
        .map(|s| {
            Obj::new()
                .raw("remove", &id_array(g, &s.nodes))
                .field("strength", s.strength)
                .end()
        })
        .collect();
    Obj::new()
        .field("topic", g.id(f.topic))
        .field("threshold", f.threshold)
        .field("before", f.before)
        .field("direction", if f.upward { "up" } else { "down" })
        .field("size", f.sets.first().map(|s| s.nodes.len()))
        .raw("sets", &format!("[{}]", sets.join(", ")))
        .field("found", f.found)
        .field("complete_up_to", f.complete_up_to)
        .field(
            "stopped",
            match f.stop {
                FlipStop::Found => "found",
                FlipStop::MaxSize => "max-size",
                FlipStop::TimeBudget => "time-budget",
                FlipStop::Unreachable => "unreachable",
            },
        )
        .field("reach", f.reach)
        .field("evaluated", f.evaluated)
        .field("pruned", f.pruned)
        .end()
        + "\n"
}

fn human(g: &ArgGraph, f: &Flip, opts: &FlipOptions, what: &str) -> String {
    let t = g.id(f.topic);
    let (side, goal) = if f.upward {
        ("at or below", "lifts it above the threshold")
    } else {
        ("above", "brings it to the threshold or below")
    };
    let mut out = format!(
        "{t} is {}, {side} the threshold {}: looking for the fewest {what} whose removal {goal}\n",
        num(f.before),
        num(f.threshold)
    );
    let n = f.sets.first().map_or(0, |s| s.nodes.len());
    if !f.sets.is_empty() {
        out.push_str(&format!(
            "\nsmallest flip{}: {} {} ({} set{}{})\n",
            if f.found == 1 { "" } else { "s" },
            n,
            if n == 1 {
                what.trim_end_matches('s')
            } else {
                what
            },
            f.found,
            if f.found == 1 { "" } else { "s" },
            if f.found > f.sets.len() {
                format!(", the {} furthest across shown", f.sets.len())
            } else {
                String::new()
            }
        ));
        for s in &f.sets {
            out.push_str(&format!(
                "  remove {}  ->  {t} = {}\n",
                id_list(g, &s.nodes),
                exact(s.strength, f.threshold)
            ));
        }
    }
    let searched = format!(
        "{} candidate{} can reach {t}; {} set{} evaluated{}",
        f.candidates,
        if f.candidates == 1 { "" } else { "s" },
        f.evaluated,
        if f.evaluated == 1 { "" } else { "s" },
        if f.bounded {
            format!(", {} branches skipped by the bound", f.pruned)
        } else {
            String::new()
        }
    );
    let tail = match f.stop {
        FlipStop::Unreachable => format!(
            "\nno set of {what}, of any size, flips it: even with any of the {} that can reach {t} removed, {t} stays {} {} (a bound that holds on acyclic graphs)\n",
            f.candidates,
            if f.upward { "at or below" } else { "above" },
            num(f.reach.unwrap_or(f.before))
        ),
        FlipStop::Found => format!("no smaller set flips it; {searched}\n"),
        FlipStop::MaxSize => format!(
            "\nno set of up to {} {what} flips it (every such set was tried; raise --max-size to look further); {searched}\n",
            opts.max_size
        ),
        FlipStop::TimeBudget => format!(
            "\nthe time budget ({} s, --time-budget) ran out while trying sets of {} {what}: {}; {searched}\n",
            opts.time_budget.map_or(0.0, |d| d.as_secs_f64()),
            f.complete_up_to + 1,
            if f.complete_up_to == 0 {
                "no size was searched completely".to_string()
            } else if f.sets.is_empty() {
                format!("no set of up to {} flips it", f.complete_up_to)
            } else {
                format!(
                    "no set of up to {} flips it; the sets above do, but others of their size may too",
                    f.complete_up_to
                )
            }
        ),
    };
    out.push_str(&tail);
    out
}

/// A strength at 4 decimals, or at 6 when 4 would print the threshold itself.
fn exact(x: f64, threshold: f64) -> String {
    if num(x) == num(threshold) {
        format!("{x:.6}")
    } else {
        num(x)
    }
}
