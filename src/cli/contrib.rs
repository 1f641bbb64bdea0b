//! `argmap contrib FILE`: each node's contribution to a topic, by removal,
//! intrinsic removal, Shapley value or gradient.

use std::io::Write;
use std::path::PathBuf;

use argmap::{
    ArgGraph, ContribOptions, Contributions, Estimate, Method, Players, Qbaf, sign_disagreements,
};

use super::eval::{EvalOpts, node_or_conclusion};
use super::out::{Obj, id_map, id_width, num, signed};
use super::{Ctx, DiagFormat, Reported};

/// `--method` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum MethodArg {
    /// σ(topic) − σ(topic without the node): what the topic loses if it is removed.
    Removal,
    /// σ(topic, every edge into the node cut) − σ(topic without the node).
    IntrinsicRemoval,
    /// The node's Shapley value: its share of the change from the base.
    Shapley,
    /// ∂σ(topic)/∂τ(node): sensitivity to the node's base score.
    Gradient,
    /// All four, side by side.
    All,
}

/// `--players` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum PlayersArg {
    /// Every node except the topic.
    All,
    /// The evidence nodes only (claims stay in every Shapley coalition).
    Evidence,
}

/// `--samples N` of the sampled Shapley value: a whole number, 2 or more.
fn samples(s: &str) -> Result<u64, String> {
    match super::eval::whole::<u64>(s) {
        Ok(n) if n >= 2 => Ok(n),
        Ok(_) => Err(format!("`{s}` is too few samples: 2 or more")),
        Err(e) => Err(e),
    }
}

/// Contributions of each node to a topic.
#[derive(Debug, clap::Args)]
pub(crate) struct ContribArgs {
    /// The argument file (`.ron`, or `.bag`; `-` reads RON from standard input).
    pub file: PathBuf,
    /// The node contributed to [default: the conclusion].
    #[arg(long, value_name = "ID")]
    pub topic: Option<String>,
    /// The contribution function.
    #[arg(long, value_enum, default_value_t = MethodArg::Removal)]
    pub method: MethodArg,
    /// Which nodes are contributors.
    #[arg(long, value_enum, default_value_t = PlayersArg::All)]
    pub players: PlayersArg,
    /// Shapley: random permutations to sample when more than 20 contributors
    /// can reach the topic (below that the values are exact).
    #[arg(long, value_name = "N", default_value_t = 2000, value_parser = samples)]
    pub samples: u64,
    /// Shapley sampling: the random seed (the same seed gives the same values).
    #[arg(long, value_name = "S", default_value_t = 0, value_parser = super::eval::whole::<u64>)]
    pub seed: u64,
    /// Show only the N largest contributions (text output).
    #[arg(long, value_name = "N", value_parser = super::eval::whole::<usize>)]
    pub top: Option<usize>,
    #[command(flatten)]
    pub opts: EvalOpts,
    /// Print JSON: `{"topic", "method", "contributions": {id: value}}`, one
    /// object per method in an array with `--method all`.
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn run(args: &ContribArgs, cx: &Ctx) -> Result<(), Reported> {
    let rep = cx.reporter(DiagFormat::Human);
    let (_src, g) = super::load_graph(&args.file, &rep)?;
    let kind = args.opts.semantics(&g)?;
    let topic = node_or_conclusion(&g, args.topic.as_deref(), "--topic")?;
    let players = match args.players {
        PlayersArg::All => Players::All,
        PlayersArg::Evidence => Players::Evidence,
    }
    .select(&g, topic);
    let methods: Vec<Method> = match args.method {
        MethodArg::Removal => vec![Method::Removal],
        MethodArg::IntrinsicRemoval => vec![Method::IntrinsicRemoval],
        MethodArg::Shapley => vec![Method::Shapley],
        MethodArg::Gradient => vec![Method::Gradient],
        MethodArg::All => Method::ALL.to_vec(),
    };
    let q = Qbaf::from_graph(&g);
    let opts = ContribOptions {
        samples: args.samples as usize,
        seed: args.seed,
        ..ContribOptions::default()
    };
    let p = args.opts.params();
    let mut all = vec![];
    for m in methods {
        let c = argmap::contributions(&q, kind, &p, topic, &players, m, &opts)
            .map_err(|e| super::eval_failure(&e))?;
        all.push(c);
    }
    let out = if args.json {
        document(&g, &all)
    } else if all.len() == 1 {
        one(&g, &all[0], args.top)
    } else {
        table(&g, &all, args.top)
    };
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    // Sampled Shapley values cut short by the time budget are a partial
    // answer: printed, then exit 3 (docs/conventions.md).
    let cut_short = all.iter().any(|c| {
        matches!(c.estimate, Estimate::Sampled { samples, requested, .. } if samples < requested)
    });
    if cut_short {
        return Err(Reported(super::EXIT_LIMIT));
    }
    Ok(())
}

/// The `--json` document: one object, or an array of them (`--method all`).
pub(crate) fn document(g: &ArgGraph, all: &[Contributions]) -> String {
    let objs: Vec<String> = all.iter().map(|c| json(g, c)).collect();
    if objs.len() == 1 {
        format!("{}\n", objs[0])
    } else {
        format!("[{}]\n", objs.join(",\n "))
    }
}

fn json(g: &ArgGraph, c: &Contributions) -> String {
    let mut o = Obj::new()
        .field("topic", g.id(c.topic))
        .field("method", c.method.name())
        .raw("contributions", &id_map(g, c.values.iter().copied()));
    if let Estimate::Sampled {
        samples,
        requested,
        error_bound,
    } = c.estimate
    {
        o = o
            .field("samples", samples)
            .field("samples_requested", requested)
            .field("error_bound", error_bound);
    }
    o.end()
}

/// The header: the topic, its strength and what the numbers mean.
fn header(g: &ArgGraph, c: &Contributions) -> String {
    let t = g.id(c.topic);
    format!(
        "contributions to {t} (strength {}, base {}) under {}\n",
        num(c.strength),
        num(g.node(c.topic).base),
        c.semantics.name()
    )
}

/// What a method's numbers mean, in a sentence about this topic.
fn legend(g: &ArgGraph, c: &Contributions) -> String {
    let t = g.id(c.topic);
    match c.method {
        Method::Removal => format!(
            "if removed: how much {t} would lose without the node (negative: {t} would gain)"
        ),
        Method::IntrinsicRemoval => "if removed, own base only: as removal, but with the node's own attackers and supporters cut first".to_string(),
        Method::Shapley => format!(
            "share of the change from the base: the values add up to {} - {} = {}{}",
            num(c.strength),
            num(c.baseline),
            signed(c.strength - c.baseline),
            if (c.baseline - g.node(c.topic).base).abs() > 1e-12 {
                format!(", where {} is {t} with every contributor removed", num(c.baseline))
            } else {
                format!(", {t}'s strength minus its base")
            }
        ),
        Method::Gradient => format!(
            "sensitivity: how fast {t} moves per unit of the node's base score (from the base it has)"
        ),
    }
}

fn estimate(c: &Contributions) -> Option<String> {
    match c.estimate {
        Estimate::Exact => None,
        Estimate::Sampled {
            samples,
            requested,
            error_bound,
        } => Some(format!(
            "sampled from {samples} random orders{} (more than 20 contributors can reach the topic): each value is within {} of the exact one with 95% confidence",
            if samples < requested {
                format!(
                    " of the {requested} asked for, because the time budget ran out (raise --time-budget for more)"
                )
            } else {
                String::new()
            },
            num(error_bound)
        )),
        Estimate::Numerical { step } => Some(format!(
            "the graph has cycles or structured arguments: derivatives by finite differences (step {step})"
        )),
    }
}

/// Rows for the players, by the size of `key` (largest first), and how many
/// players have 0 in every column.
fn rows(all: &[Contributions], key: usize) -> (Vec<usize>, usize) {
    let n = all[0].values.len();
    let mut idx: Vec<usize> = (0..n)
        .filter(|&i| all.iter().any(|c| c.values[i].1.abs() > 1e-12))
        .collect();
    idx.sort_by(|&a, &b| {
        let (x, y) = (all[key].values[a].1.abs(), all[key].values[b].1.abs());
        y.total_cmp(&x).then(a.cmp(&b))
    });
    let zero = n - idx.len();
    (idx, zero)
}

/// The note under a table cut by `--top`.
fn cut(idx: &mut Vec<usize>, top: Option<usize>) -> String {
    match top {
        Some(n) if idx.len() > n => {
            let more = idx.len() - n;
            idx.truncate(n);
            format!("({more} smaller not shown: --top {n})\n")
        }
        _ => String::new(),
    }
}

fn one(g: &ArgGraph, c: &Contributions, top: Option<usize>) -> String {
    let mut out = header(g, c);
    out.push_str(&format!("{}: {}\n", c.method.name(), legend(g, c)));
    if let Some(e) = estimate(c) {
        out.push_str(&format!("{e}\n"));
    }
    let all = std::slice::from_ref(c);
    let (mut idx, zero) = rows(all, 0);
    let more = cut(&mut idx, top);
    let w = id_width(g, idx.iter().map(|&i| c.values[i].0), 2);
    out.push_str(&format!("\n{:<w$}  {:>8}\n", "id", c.method.name()));
    for &i in &idx {
        let (v, x) = c.values[i];
        let err = match c.errors.get(i) {
            Some(e) => format!("  ± {}", num(*e)),
            None => String::new(),
        };
        out.push_str(&format!("{:<w$}  {:>8}{err}\n", g.id(v), signed(x)));
    }
    out.push_str(&more);
    if zero > 0 {
        out.push_str(&format!("({zero} more contribute 0)\n"));
    }
    out
}

fn table(g: &ArgGraph, all: &[Contributions], top: Option<usize>) -> String {
    let mut out = header(g, &all[0]);
    for c in all {
        out.push_str(&format!("  {:<17}  {}\n", c.method.name(), legend(g, c)));
        if let Some(e) = estimate(c) {
            out.push_str(&format!("  {:<17}  ({e})\n", ""));
        }
    }
    let (mut idx, zero) = rows(all, 0);
    let dis = sign_disagreements(all);
    let hidden: Vec<usize> = idx
        .iter()
        .skip(top.unwrap_or(usize::MAX))
        .map(|&i| all[0].values[i].0)
        .filter(|v| dis.contains(v))
        .collect();
    let more = cut(&mut idx, top);
    let w = id_width(g, idx.iter().map(|&i| all[0].values[i].0), 2);
    out.push_str(&format!("\n{:<w$}", "id"));
    let cw: Vec<usize> = all.iter().map(|c| c.method.name().len().max(7)).collect();
    for (c, cw) in all.iter().zip(&cw) {
        out.push_str(&format!("  {:>cw$}", c.method.name()));
    }
    out.push('\n');
    for &i in &idx {
        let v = all[0].values[i].0;
        out.push_str(&format!("{:<w$}", g.id(v)));
        for (c, cw) in all.iter().zip(&cw) {
            out.push_str(&format!("  {:>cw$}", signed(c.values[i].1)));
        }
        if dis.contains(&v) {
            out.push_str("  <- signs disagree");
        }
        out.push('\n');
    }
    out.push_str(&more);
    if zero > 0 {
        out.push_str(&format!("({zero} more contribute 0 by every method)\n"));
    }
    if !hidden.is_empty() {
        out.push_str(&format!(
            "(of the rows not shown, the signs disagree for {})\n",
            super::out::id_list(g, &hidden)
        ));
    }
    if !dis.is_empty() {
        out.push_str(&format!(
            "\nwarning: the methods disagree in sign for {} node{}. They answer different questions: removal asks what happens without the node, Shapley averages its effect over every order of adding the nodes, the gradient looks at a small change of its base. See docs/whatif.md.\n",
            dis.len(),
            if dis.len() == 1 { "" } else { "s" }
        ));
    }
    out
}
