//! `argmap explain FILE [--node ID]`: why a node has its strength, in plain
//! words, with every number shown so that the arithmetic can be redone.

use std::io::Write;
use std::path::PathBuf;

use argmap::{
    Aggregation, ArgGraph, EdgeKind, Explanation, InferenceParts, Influence, NodeKind, Players,
    Qbaf,
};

use super::eval::{EvalOpts, node_or_conclusion};
use super::out::{Obj, num, signed};
use super::{Ctx, DiagFormat, Reported};

/// Explain a node's strength step by step.
#[derive(Debug, clap::Args)]
pub(crate) struct ExplainArgs {
    /// The argument file (`.ron`, or `.bag`; `-` reads RON from standard input).
    pub file: PathBuf,
    /// The node to explain [default: the conclusion].
    #[arg(long, value_name = "ID")]
    pub node: Option<String>,
    #[command(flatten)]
    pub opts: EvalOpts,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn run(args: &ExplainArgs, cx: &Ctx) -> Result<(), Reported> {
    let rep = cx.reporter(DiagFormat::Human);
    let (_src, g) = super::load_graph(&args.file, &rep)?;
    let kind = args.opts.semantics(&g)?;
    let v = node_or_conclusion(&g, args.node.as_deref(), "--node")?;
    let (x, parts, evidence) =
        explained(&g, kind, &args.opts.params(), v).map_err(|e| super::eval_failure(&e))?;
    let out = if args.json {
        json(&g, &x, &parts)
    } else {
        human(&g, &x, &parts, evidence)
    };
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    Ok(())
}

/// The explanation of node `v` under `kind`, the parts of the structured
/// inferences among its inputs, and whether the decisive nodes are evidence
/// (a graph without evidence, e.g. a `.bag` file, falls back to every node).
pub(crate) fn explained(
    g: &ArgGraph,
    kind: argmap::semantics::SemanticsKind,
    p: &argmap::Params,
    v: usize,
) -> Result<(Explanation, Vec<Option<InferenceParts>>, bool), argmap::Error> {
    let q = Qbaf::from_graph(g);
    let e = argmap::semantics::evaluate(&q, kind, p)?;
    let mut candidates = Players::Evidence.select(g, v);
    let evidence = !candidates.is_empty() || g.nodes().iter().any(|n| n.kind == NodeKind::Evidence);
    if !evidence {
        candidates = Players::All.select(g, v);
    }
    let x = argmap::explain(&q, kind, p, &e, v, &candidates, 3)?;
    let parts = x
        .terms
        .iter()
        .map(|t| argmap::inference_parts(&q, &e, t.from))
        .collect();
    Ok((x, parts, evidence))
}

/// `{"node", "semantics", "base", "strength", "inputs": [{"from", "kind",
/// "weight", "strength", "input", "counted"}], "aggregation", "aggregate",
/// "influence", "result", "decisive": [{"id", "without", "change",
/// "contribution"}]}`. `change` is after − before (`without − strength`),
/// `contribution` the opposite (`strength − without`: positive when the node
/// raises the explained one), as in docs/conventions.md.
/// An input of structured arguments also has `"inference": {"edge",
/// "premises": [{"id", "strength"}], "weakest", "undercuts": [{"from",
/// "weight", "strength"}], "strength"}`.
pub(crate) fn json(g: &ArgGraph, x: &Explanation, parts: &[Option<InferenceParts>]) -> String {
    let inputs: Vec<String> = x
        .terms
        .iter()
        .zip(parts)
        .map(|(t, part)| {
            let o = Obj::new()
                .field("from", label(g, t.from, t.edge).as_str())
                .field("kind", t.kind.name())
                .field("weight", t.weight)
                .field("strength", t.strength)
                .field("input", t.input)
                .field("counted", t.counted);
            match part {
                Some(pt) => o.raw("inference", &inference_json(g, t.edge, pt)).end(),
                None => o.end(),
            }
        })
        .collect();
    let decisive: Vec<String> = x
        .decisive
        .iter()
        .map(|d| {
            Obj::new()
                .field("id", g.id(d.node))
                .field("without", d.without)
                .field("change", d.without - x.strength)
                .field("contribution", d.contribution)
                .end()
        })
        .collect();
    Obj::new()
        .field("node", g.id(x.node))
        .field("semantics", x.semantics.name())
        .field("base", x.base)
        .field("strength", x.strength)
        .raw("inputs", &format!("[{}]", inputs.join(", ")))
        .field("aggregation", x.aggregation.name())
        .field("aggregate", x.aggregate)
        .field("influence", x.influence.name())
        .field("result", x.result)
        .raw("decisive", &format!("[{}]", decisive.join(", ")))
        .end()
        + "\n"
}

/// `a + b - c` from signed terms (`-a` first when negative).
fn sum_expr(terms: &[f64]) -> String {
    let mut s = String::new();
    for (i, &t) in terms.iter().enumerate() {
        match (i, t < 0.0) {
            (0, false) => s.push_str(&num(t)),
            (0, true) => s.push_str(&format!("-{}", num(-t))),
            (_, false) => s.push_str(&format!(" + {}", num(t))),
            (_, true) => s.push_str(&format!(" - {}", num(-t))),
        }
    }
    s
}

/// A number in an expression: negative ones in parentheses.
fn par(x: f64) -> String {
    if super::out::tidy(x) < 0.0 {
        format!("({})", num(x))
    } else {
        num(x)
    }
}

/// Node `v`'s name: its id, or for an inference node the label of its edge `j`.
fn label(g: &ArgGraph, v: usize, j: usize) -> String {
    if v < g.len() {
        g.id(v).to_string()
    } else {
        g.edge_label(j)
    }
}

fn inference_json(g: &ArgGraph, edge: usize, pt: &InferenceParts) -> String {
    let premises: Vec<String> = pt
        .premises
        .iter()
        .map(|&(v, s)| Obj::new().field("id", g.id(v)).field("strength", s).end())
        .collect();
    let undercuts: Vec<String> = pt
        .undercuts
        .iter()
        .map(|&(v, j, w, s)| {
            Obj::new()
                .field("from", label(g, v, j).as_str())
                .field("weight", w)
                .field("strength", s)
                .end()
        })
        .collect();
    Obj::new()
        .field("edge", g.edge_label(edge).as_str())
        .raw("premises", &format!("[{}]", premises.join(", ")))
        .field("weakest", pt.weakest)
        .raw("undercuts", &format!("[{}]", undercuts.join(", ")))
        .field("strength", pt.strength)
        .end()
}

/// The line under an inference's input: how its premises combine and what
/// undercuts it.
fn inference_line(g: &ArgGraph, pt: &InferenceParts) -> String {
    let premises: Vec<String> = pt
        .premises
        .iter()
        .map(|&(v, s)| format!("{} {}", g.id(v), num(s)))
        .collect();
    let mut line = if premises.len() > 1 {
        format!(
            "      jointly: {}; the weakest, {}, is its base",
            premises.join(" + "),
            num(pt.weakest)
        )
    } else {
        format!("      from {}", premises.join(""))
    };
    if !pt.undercuts.is_empty() {
        let u: Vec<String> = pt
            .undercuts
            .iter()
            .map(|&(v, j, w, s)| format!("{} {} × {}", label(g, v, j), num(w), num(s)))
            .collect();
        line.push_str(&format!(
            "; undercut by {}: strength {}",
            u.join(", "),
            num(pt.strength)
        ));
    }
    line.push('\n');
    line
}

fn human(
    g: &ArgGraph,
    x: &Explanation,
    parts: &[Option<InferenceParts>],
    evidence: bool,
) -> String {
    let mut out = header(g, x);
    if x.terms.is_empty() {
        out.push_str(&format!(
            "2. nothing attacks or supports it, so its strength is its base: {}\n",
            num(x.result)
        ));
        return decisive(g, x, evidence, out);
    }
    inputs_step(g, x, parts, &mut out);
    if aggregate_step(x, &mut out) {
        influence_step(x, &mut out);
        result_step(x, &mut out);
    }
    decisive(g, x, evidence, out)
}

/// The node, its strength and step 1, its base score.
fn header(g: &ArgGraph, x: &Explanation) -> String {
    let n = g.node(x.node);
    let id = &n.id;
    let mut out = format!(
        "{id} ({}): \"{}\"\nstrength {} under {}\n\n",
        n.kind.name(),
        n.text,
        num(x.strength),
        x.semantics.name()
    );
    out.push_str(&format!(
        "1. base score: τ = {} (its credibility before any argument is weighed)\n",
        num(x.base)
    ));
    out
}

/// Step 2: each attacker and supporter, weight × strength = input.
fn inputs_step(g: &ArgGraph, x: &Explanation, parts: &[Option<InferenceParts>], out: &mut String) {
    out.push_str("2. what bears on it (weight × strength = input):\n");
    let w = x
        .terms
        .iter()
        .map(|t| label(g, t.from, t.edge).chars().count())
        .max()
        .unwrap_or(2);
    for (t, part) in x.terms.iter().zip(parts) {
        let what = match t.kind {
            EdgeKind::Attack => "attacked by ",
            EdgeKind::Support => "supported by",
            EdgeKind::Undercut => "undercut by ",
        };
        out.push_str(&format!(
            "   {what} {:<w$}  {} × {} = {}{}\n",
            label(g, t.from, t.edge),
            num(t.weight),
            num(t.strength),
            num(t.input),
            if t.counted {
                ""
            } else {
                "  (not counted: its base is 0)"
            }
        ));
        if let Some(pt) = part {
            out.push_str(&inference_line(g, pt));
        }
    }
}

/// Step 3: the aggregate, with the numbers that make it. Returns `false` if
/// nothing counts (card-based without founded attackers): the strength is then
/// the base and the influence step is left out.
fn aggregate_step(x: &Explanation, out: &mut String) -> bool {
    let inputs = |k: EdgeKind| -> Vec<f64> {
        x.terms
            .iter()
            .filter(|t| t.kind == k && t.counted)
            .map(|t| t.input)
            .collect()
    };
    let (att, sup) = (inputs(EdgeKind::Attack), inputs(EdgeKind::Support));
    let e = x.aggregate;
    match x.aggregation {
        Aggregation::Sum => {
            let mut terms: Vec<f64> = sup.clone();
            terms.extend(att.iter().map(|a| -a));
            out.push_str(&format!(
                "3. aggregate (sum): supports minus attacks\n   E = {} = {}\n",
                sum_expr(&terms),
                num(e)
            ));
        }
        Aggregation::Product => {
            let side = |xs: &[f64]| {
                if xs.is_empty() {
                    "1 (none)".to_string()
                } else {
                    xs.iter()
                        .map(|v| format!("(1 - {})", num(*v)))
                        .collect::<Vec<_>>()
                        .join(" × ")
                }
            };
            let (pa, ps) = x.sides.unwrap_or((1.0, 1.0));
            out.push_str(&format!(
                "3. aggregate (product): what the attacks leave minus what the supports leave\n   attacks:  {} = {}\n   supports: {} = {}\n   E = {} - {} = {}\n",
                side(&att),
                num(pa),
                side(&sup),
                num(ps),
                num(pa),
                num(ps),
                num(e)
            ));
        }
        Aggregation::Top => {
            let (ms, ma) = x.sides.unwrap_or((0.0, 0.0));
            out.push_str(&format!(
                "3. aggregate (top): the strongest support minus the strongest attack (0 if none)\n   E = {} - {} = {}\n",
                num(ms),
                num(ma),
                num(e)
            ));
        }
        Aggregation::AttackSum => {
            out.push_str(&format!(
                "3. aggregate: one plus the sum of the attacks\n   D = 1 + {} = {}\n",
                if att.is_empty() {
                    "0".to_string()
                } else {
                    sum_expr(&att)
                },
                num(e)
            ));
        }
        Aggregation::AttackMax => {
            let m = att.iter().copied().fold(0.0, f64::max);
            out.push_str(&format!(
                "3. aggregate: one plus the strongest attack\n   D = 1 + {} = {}\n",
                num(m),
                num(e)
            ));
        }
        Aggregation::AttackCard => {
            if att.is_empty() {
                out.push_str(&format!(
                    "3. no attacker has a base above 0, so none counts: the strength is the base, {}\n",
                    num(x.result)
                ));
                return false;
            }
            out.push_str(&format!(
                "3. aggregate: one, plus the number n = {} of attackers with a base above 0, plus their mean input\n   D = 1 + {} + ({})/{} = {}\n",
                att.len(),
                att.len(),
                sum_expr(&att),
                att.len(),
                num(e)
            ));
        }
    }
    true
}

/// Step 4: the influence function from base and aggregate to the result.
fn influence_step(x: &Explanation, out: &mut String) {
    let e = x.aggregate;
    let t = x.base;
    let dir = if e > 0.0 {
        "E > 0, so the strength rises from the base toward 1".to_string()
    } else if e < 0.0 {
        "E < 0, so the strength falls from the base toward 0".to_string()
    } else {
        "E = 0, so the strength stays at the base".to_string()
    };
    let step = |h: f64, hname: &str| -> String {
        if e >= 0.0 {
            format!(
                "   σ = τ + (1 - τ) × {hname} = {} + (1 - {}) × {} = {}\n",
                num(t),
                num(t),
                num(h),
                num(x.result)
            )
        } else {
            format!(
                "   σ = τ - τ × {hname} = {} - {} × {} = {}\n",
                num(t),
                num(t),
                num(h),
                num(x.result)
            )
        }
    };
    match x.influence {
        Influence::Linear => {
            out.push_str(&format!("4. influence (linear): {dir}\n"));
            out.push_str(&step(e.abs(), "|E|"));
        }
        Influence::OneMax | Influence::TwoMax => {
            let (p, name) = if x.influence == Influence::OneMax {
                (1, "1-max")
            } else {
                (2, "2-max")
            };
            let a = e.abs();
            let h = if p == 1 {
                a / (1.0 + a)
            } else {
                a * a / (1.0 + a * a)
            };
            out.push_str(&format!(
                "4. influence ({name}): {dir}, by a share h of the way\n"
            ));
            if p == 1 {
                out.push_str(&format!(
                    "   h = |E|/(1 + |E|) = {}/(1 + {}) = {}\n",
                    num(a),
                    num(a),
                    num(h)
                ));
            } else {
                out.push_str(&format!(
                    "   h = E^2/(1 + E^2) = {}^2/(1 + {}^2) = {}\n",
                    num(a),
                    num(a),
                    num(h)
                ));
            }
            out.push_str(&step(h, "h"));
        }
        Influence::Euler => {
            out.push_str(&format!("4. influence (euler): {dir}\n"));
            out.push_str(&format!(
                "   σ = 1 - (1 - τ^2)/(1 + τ × e^(E)) = 1 - (1 - {}^2)/(1 + {} × e^({})) = {}\n",
                num(t),
                num(t),
                num(e),
                num(x.result)
            ));
        }
        Influence::Logistic => {
            out.push_str(&format!("4. influence (logistic): {dir}\n"));
            if t <= 0.0 || t >= 1.0 {
                out.push_str(&format!(
                    "   τ = {}, so the strength stays at {} whatever E\n",
                    num(t),
                    num(x.result)
                ));
            } else {
                let l = (t / (1.0 - t)).ln();
                out.push_str(&format!(
                    "   ln(τ/(1 - τ)) = ln({}/(1 - {})) = {}\n   σ = 1/(1 + e^(-(ln(τ/(1 - τ)) + E))) = 1/(1 + e^(-({} + {}))) = {}\n",
                    num(t),
                    num(t),
                    num(l),
                    par(l),
                    par(e),
                    num(x.result)
                ));
            }
        }
        Influence::Divide => {
            out.push_str(&format!(
                "4. the attacks divide the base: σ = τ / D = {} / {} = {}\n",
                num(t),
                num(e),
                num(x.result)
            ));
        }
    }
}

/// Step 5: the result, and on a cycle how it relates to the evaluation.
fn result_step(x: &Explanation, out: &mut String) {
    out.push_str(&format!("5. result: {}\n", num(x.result)));
    if (x.result - x.strength).abs() >= 5e-5 {
        out.push_str(&format!(
            "   (the evaluation gives {}: on a cycle the strength is a fixed point, reached within the solver's tolerance)\n",
            num(x.strength)
        ));
    }
}

fn decisive(g: &ArgGraph, x: &Explanation, evidence: bool, mut out: String) -> String {
    let id = g.id(x.node);
    let what = if evidence { "evidence" } else { "nodes" };
    if x.decisive.is_empty() {
        out.push_str(&format!("\nno {what} underneath {id}\n"));
        return out;
    }
    out.push_str(&format!(
        "\nthe most decisive {what} underneath: its contribution (σ with it − σ without it, as in `argmap contrib`), and {id} without it:\n"
    ));
    let w = x
        .decisive
        .iter()
        .map(|d| g.id(d.node).chars().count())
        .max()
        .unwrap_or(2);
    for d in &x.decisive {
        out.push_str(&format!(
            "  {:<w$}  {}  {} -> {}  \"{}\"\n",
            g.id(d.node),
            signed(d.contribution),
            num(x.strength),
            num(d.without),
            g.node(d.node).text
        ));
    }
    out
}
