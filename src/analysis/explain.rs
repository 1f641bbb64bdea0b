//! Why a node has its strength, as data a person can follow: its base score,
//! each attacker and supporter (strength × weight), the aggregate, the influence
//! function that turns base and aggregate into the result, then the evidence
//! underneath that decides the most.
//!
//! Every number is recomputed from the parts shown ([`Explanation::result`]), so
//! a reader can redo the arithmetic; on a cyclic graph it equals the evaluated
//! strength up to the solver's tolerance (the strength is a fixed point of the
//! same formula).

use crate::analysis::contrib::{ContribOptions, Method, ancestors, contributions};
use crate::error::Error;
use crate::model::EdgeKind;
use crate::model::SemanticsKind;
use crate::semantics::{Evaluation, Input, Params, Qbaf, local_update};

/// How a node's inputs are combined into one number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Aggregation {
    /// `E = Σ supports − Σ attacks` (inputs are weight × strength).
    Sum,
    /// `E = Π_attacks(1 − input) − Π_supports(1 − input)` (DF-QuAD).
    Product,
    /// `E = max(0, largest support) − max(0, largest attack)`.
    Top,
    /// Attack-only: `D = 1 + Σ attacks`.
    AttackSum,
    /// Attack-only: `D = 1 + max(0, largest attack)`.
    AttackMax,
    /// Attack-only, over the `n` attackers whose base is above 0:
    /// `D = 1 + n + Σ their inputs / n`.
    AttackCard,
}

impl Aggregation {
    /// `sum`, `product`, `top`, `attack sum`, `attack max`, `attack card`.
    pub fn name(self) -> &'static str {
        match self {
            Aggregation::Sum => "sum",
            Aggregation::Product => "product",
            Aggregation::Top => "top",
            Aggregation::AttackSum => "sum of attacks",
            Aggregation::AttackMax => "strongest attack",
            Aggregation::AttackCard => "count and mean of founded attacks",
        }
    }

    /// Whether the semantics only knows attacks and divides the base (`σ = τ/D`).
    pub fn is_attack_only(self) -> bool {
        matches!(
            self,
            Aggregation::AttackSum | Aggregation::AttackMax | Aggregation::AttackCard
        )
    }
}

/// How the base and the aggregate give the strength.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Influence {
    /// Linear(1): `σ = τ + (1 − τ)·E` if `E ≥ 0`, else `τ − τ·|E|`.
    Linear,
    /// 1-Max(1): with `h = |E|/(1 + |E|)`, `σ = τ + (1 − τ)·h` if `E ≥ 0`, else `τ − τ·h`.
    OneMax,
    /// 2-Max(1): with `h = E²/(1 + E²)`, `σ = τ + (1 − τ)·h` if `E ≥ 0`, else `τ − τ·h`.
    TwoMax,
    /// Euler-based: `σ = 1 − (1 − τ²)/(1 + τ·e^E)`.
    Euler,
    /// Logistic (MLP-based): `σ = 1/(1 + e^−(ln(τ/(1 − τ)) + E))`.
    Logistic,
    /// Attack-only: `σ = τ / D`.
    Divide,
}

impl Influence {
    /// A short name: `linear`, `1-max`, `2-max`, `euler`, `logistic`, `divide`.
    pub fn name(self) -> &'static str {
        match self {
            Influence::Linear => "linear",
            Influence::OneMax => "1-max",
            Influence::TwoMax => "2-max",
            Influence::Euler => "euler",
            Influence::Logistic => "logistic",
            Influence::Divide => "divide",
        }
    }
}

/// One attacker or supporter of the explained node.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct InputTerm {
    /// The edge's index.
    pub edge: usize,
    /// The attacker or supporter.
    pub from: usize,
    /// Attack or support.
    pub kind: EdgeKind,
    /// The edge's weight.
    pub weight: f64,
    /// The source's strength.
    pub strength: f64,
    /// `weight × strength`, the number the aggregation uses.
    pub input: f64,
    /// Whether the aggregation counts it (card-based ignores attackers whose base
    /// is 0; every other aggregation counts all).
    pub counted: bool,
}

/// A piece of evidence underneath and how much the explained node depends on it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Decisive {
    /// The evidence node.
    pub node: usize,
    /// The explained node's strength without it.
    pub without: f64,
    /// `strength − without`, its contribution (σ with it − σ without it,
    /// docs/conventions.md): positive when it raises the explained node. The
    /// change its removal makes (after − before) is the opposite.
    pub contribution: f64,
}

/// Why one node has its strength.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    /// The node.
    pub node: usize,
    /// The semantics.
    pub semantics: SemanticsKind,
    /// Its base score `τ`.
    pub base: f64,
    /// Its strength in the evaluation.
    pub strength: f64,
    /// Its attackers and supporters, attacks first, each in edge order.
    pub terms: Vec<InputTerm>,
    /// How the inputs are combined.
    pub aggregation: Aggregation,
    /// The aggregate: `E`, or `D` for the attack-only semantics.
    pub aggregate: f64,
    /// For the product aggregation: the attack and support products
    /// (`aggregate = attack − support`); for top, the largest support and the
    /// largest attack (`aggregate = support − attack`); otherwise `None`.
    pub sides: Option<(f64, f64)>,
    /// How base and aggregate give the result.
    pub influence: Influence,
    /// The result recomputed from `base`, the terms and the formulas shown.
    pub result: f64,
    /// The most decisive evidence underneath, largest `|contribution|` first.
    pub decisive: Vec<Decisive>,
}

/// Explains node `v`'s strength in `eval` (an evaluation of `q` under `kind`
/// with `p`). `candidates` are the nodes considered as decisive evidence (e.g.
/// the evidence nodes); of those that have a path to `v`, the `top` with the
/// largest removal contribution to `v` are listed.
pub fn explain(
    q: &Qbaf,
    kind: SemanticsKind,
    p: &Params,
    eval: &Evaluation,
    v: usize,
    candidates: &[usize],
    top: usize,
) -> Result<Explanation, Error> {
    if v >= q.len() {
        return Err(Error::InvalidParams {
            what: format!("node #{v} does not exist (the graph has {} nodes)", q.len()),
        });
    }
    if eval.strengths.len() != q.len() {
        return Err(Error::InvalidParams {
            what: format!(
                "the evaluation has {} strengths but the QBAF {} nodes: evaluate the same QBAF (`semantics::evaluate`)",
                eval.strengths.len(),
                q.len()
            ),
        });
    }
    let s = &eval.strengths;
    let (aggregation, influence) = parts(kind);
    let mut terms = vec![];
    let (mut att, mut sup) = (vec![], vec![]);
    for &j in q.incoming_edges(v) {
        let j = j as usize;
        let (Some((from, _)), Some(ek), Some(w)) = (q.edge(j), q.edge_kind(j), q.weight(j)) else {
            continue;
        };
        let founded = q.base()[from] > 0.0;
        terms.push(InputTerm {
            edge: j,
            from,
            kind: ek,
            weight: w,
            strength: s[from],
            input: w * s[from],
            counted: aggregation != Aggregation::AttackCard || (founded && ek == EdgeKind::Attack),
        });
        let input = Input {
            ws: w * s[from],
            founded,
        };
        match ek {
            EdgeKind::Attack | EdgeKind::Undercut => att.push(input),
            EdgeKind::Support => sup.push(input),
        }
    }
    let base = q.base()[v];
    let local = local_update(kind, base, &att, &sup, &mut vec![], &mut vec![]);
    let side = |k: EdgeKind| terms.iter().filter(move |t| t.kind == k).map(|t| t.input);
    let sides = match aggregation {
        Aggregation::Product => {
            let product = |k| side(k).map(|x| 1.0 - x).product::<f64>();
            Some((product(EdgeKind::Attack), product(EdgeKind::Support)))
        }
        Aggregation::Top => {
            let max = |k| side(k).fold(0.0f64, f64::max);
            Some((max(EdgeKind::Support), max(EdgeKind::Attack)))
        }
        _ => None,
    };

    let anc = ancestors(q, v);
    let players: Vec<usize> = candidates
        .iter()
        .copied()
        .filter(|&x| x != v && x < q.len() && anc[x])
        .collect();
    let mut decisive = vec![];
    if !players.is_empty() && top > 0 {
        let c = contributions(
            q,
            kind,
            p,
            v,
            &players,
            Method::Removal,
            &ContribOptions::default(),
        )?;
        decisive = c
            .values
            .iter()
            .map(|&(x, contribution)| Decisive {
                node: x,
                without: c.strength - contribution,
                contribution,
            })
            .collect();
        decisive.sort_by(|a, b| {
            b.contribution
                .abs()
                .total_cmp(&a.contribution.abs())
                .then(a.node.cmp(&b.node))
        });
        decisive.truncate(top);
    }
    Ok(Explanation {
        node: v,
        semantics: kind,
        base,
        strength: s[v],
        terms,
        aggregation,
        aggregate: local.aggregate,
        sides,
        influence,
        result: local.strength,
        decisive,
    })
}

/// The aggregation and influence of a semantics, by name (the formulas are
/// those of `semantics/core.rs`, which each semantics' file names).
fn parts(kind: SemanticsKind) -> (Aggregation, Influence) {
    use SemanticsKind as K;
    match kind {
        K::QuadraticEnergy => (Aggregation::Sum, Influence::TwoMax),
        K::DfQuad => (Aggregation::Product, Influence::Linear),
        K::SdDfQuad => (Aggregation::Product, Influence::OneMax),
        K::EulerBased => (Aggregation::Sum, Influence::Euler),
        K::EulerBasedTop => (Aggregation::Top, Influence::Euler),
        K::MlpBased => (Aggregation::Sum, Influence::Logistic),
        K::WeightedHCategorizer => (Aggregation::AttackSum, Influence::Divide),
        K::WeightedMaxBased => (Aggregation::AttackMax, Influence::Divide),
        K::WeightedCardBased => (Aggregation::AttackCard, Influence::Divide),
    }
}

/// How an inference of a structured argument (a linked or undercut edge) gets
/// the strength it passes on: its weakest premise, lowered by its undercutters
/// (see `docs/semantics.md`).
#[derive(Clone, Debug, PartialEq)]
pub struct InferenceParts {
    /// Its premises: (node, strength), in file order.
    pub premises: Vec<(usize, f64)>,
    /// The weakest premise's strength: the inference's base.
    pub weakest: f64,
    /// Its undercutters: (node, edge, weight, strength); a node at or past
    /// [`Qbaf::args`] is itself an inference, whose edge is the undercut.
    pub undercuts: Vec<(usize, usize, f64, f64)>,
    /// Its strength: the semantics applied to the weakest premise and the
    /// undercutters.
    pub strength: f64,
}

/// The parts of inference node `v` under `eval` (`None` if `v` is a node of
/// the file).
pub fn inference_parts(q: &Qbaf, eval: &Evaluation, v: usize) -> Option<InferenceParts> {
    if !q.is_inference(v) {
        return None;
    }
    let s = &eval.strengths;
    let mut premises = vec![];
    let mut undercuts = vec![];
    for &j in q.incoming_edges(v) {
        let j = j as usize;
        let (Some((from, _)), Some(kind), Some(w)) = (q.edge(j), q.edge_kind(j), q.weight(j))
        else {
            continue;
        };
        match kind {
            EdgeKind::Support => premises.push((from, s[from])),
            _ => undercuts.push((from, j, w, s[from])),
        }
    }
    let weakest = premises.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    Some(InferenceParts {
        premises,
        weakest: if weakest.is_finite() { weakest } else { 0.0 },
        undercuts,
        strength: s[v],
    })
}
