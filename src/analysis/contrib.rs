//! Contribution functions: how much each node contributes to a topic node's
//! strength, in the four senses of Kampik, Potyka, Yin, Čyras and Toni (2024),
//! "Contribution functions for quantitative bipolar argumentation graphs: a
//! principle-based analysis" (IJAR 173; companion code QBAF-Py, `qbaf_ctrbs`).
//!
//! For a topic `t` and a contributor `x`:
//!
//! * **removal**: `σ(t) − σ_{G∖x}(t)`, where `G∖x` drops `x` and its edges. "What
//!   the topic loses if `x` is removed."
//! * **intrinsic removal**: `σ_{G'}(t) − σ_{G∖x}(t)`, where `G'` keeps `x` but
//!   drops every edge into it: what `x` contributes on its own base score,
//!   leaving out what it passes on from its own attackers and supporters.
//! * **Shapley**: the Shapley value of `x` in the game `v(S) = σ_{G↓(S ∪ F ∪ {t})}(t)`
//!   over the players (`F`: the nodes that are neither players nor the topic,
//!   kept in every coalition). The values add up to `v(all) − v(∅)`, which is
//!   `σ(t) − τ(t)` when every other node is a player: "each node's share of the
//!   change from the base".
//! * **gradient**: `∂σ(t)/∂τ(x)`, "how sensitive the topic is to `x`'s base score".
//!
//! Only the topic's ancestors (the nodes with a path to it) can change its
//! strength, so every other node contributes exactly 0 and the work is done on
//! the ancestors alone. Removal runs one cone re-evaluation per contributor
//! ([`crate::semantics::reevaluate_into`]); Shapley is exact up to
//! [`ContribOptions::exact_max`] players and estimated by permutation sampling
//! beyond, with a 95% error bound; the gradient is exact on acyclic graphs
//! (reverse mode along the topological order, through the derivatives in
//! `semantics/core.rs`; where a tie of maxima or a kink of the influence
//! makes it one-sided, the one-sided derivative in the feasible direction:
//! as the base rises, or falls from 1) and a five-point finite difference,
//! one-sided at base 0 and 1, on cyclic ones.
//!
//! The four can disagree, even in sign: removing a supporter that also feeds an
//! attacker can raise the topic while its Shapley value is positive.
//! [`sign_disagreements`] finds such nodes.
//!
//! ```
//! use argmap::semantics::{Params, Qbaf, SemanticsKind};
//! use argmap::{ContribOptions, EdgeKind, Method, contributions};
//! // a (base 0.5) attacked by b and c (base 1 each), quadratic energy. By hand:
//! // v({}) = 0.5, v({b}) = 0.5 − 0.5·(1/2) = 0.25, v({b, c}) = 0.5 − 0.5·(4/5) = 0.1.
//! let q = Qbaf::new(
//!     vec![0.5, 1.0, 1.0],
//!     &[(1, 0, EdgeKind::Attack, 1.0), (2, 0, EdgeKind::Attack, 1.0)],
//! ).unwrap();
//! let (p, o) = (Params::default(), ContribOptions::default());
//! let kind = SemanticsKind::QuadraticEnergy;
//! let removal = contributions(&q, kind, &p, 0, &[1, 2], Method::Removal, &o)?;
//! assert!((removal.values[0].1 - (0.1 - 0.25)).abs() < 1e-12); // −0.15 each
//! let shapley = contributions(&q, kind, &p, 0, &[1, 2], Method::Shapley, &o)?;
//! // ((0.25 − 0.5) + (0.1 − 0.25)) / 2 = −0.2 each; together σ(a) − τ(a) = −0.4.
//! assert!((shapley.values[0].1 + 0.2).abs() < 1e-12);
//! # Ok::<(), argmap::Error>(())
//! ```

use std::time::Instant;

use crate::error::Error;
use crate::graph::ArgGraph;
use crate::model::{EdgeKind, NodeKind};
use crate::semantics::{
    Evaluation, Input, Overlay, Params, Qbaf, Scratch, SemanticsKind, evaluate, local_directional,
    local_update, reevaluate_into,
};

/// A contribution function.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Method {
    /// `σ(t) − σ(t without x)`.
    Removal,
    /// `σ(t with every edge into x deleted) − σ(t without x)`.
    IntrinsicRemoval,
    /// The Shapley value of `x` in the coalition game of the topic's strength.
    Shapley,
    /// `∂σ(t)/∂τ(x)`.
    Gradient,
}

impl Method {
    /// Every method, in documentation order.
    pub const ALL: [Method; 4] = [
        Method::Removal,
        Method::IntrinsicRemoval,
        Method::Shapley,
        Method::Gradient,
    ];

    /// The name used in flags and reports: `removal`, `intrinsic-removal`,
    /// `shapley`, `gradient`.
    pub fn name(self) -> &'static str {
        match self {
            Method::Removal => "removal",
            Method::IntrinsicRemoval => "intrinsic-removal",
            Method::Shapley => "shapley",
            Method::Gradient => "gradient",
        }
    }

    /// What a value means, in a few words, for labels.
    pub fn meaning(self) -> &'static str {
        match self {
            Method::Removal => "what the topic loses if it is removed",
            Method::IntrinsicRemoval => {
                "what the topic loses if it is removed, counting only its own base (its inputs cut)"
            }
            Method::Shapley => "its share of the change from the base",
            Method::Gradient => "sensitivity of the topic to its base score",
        }
    }

    /// The method with this name.
    pub fn from_name(name: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.name() == name)
    }
}

/// Which nodes are contributors (players).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Players {
    /// Every node except the topic.
    #[default]
    All,
    /// The evidence nodes (other nodes are kept in every Shapley coalition).
    Evidence,
}

impl Players {
    /// The contributors of `g` for `topic`, ascending.
    pub fn select(self, g: &ArgGraph, topic: usize) -> Vec<usize> {
        (0..g.len())
            .filter(|&v| v != topic)
            .filter(|&v| self == Players::All || g.node(v).kind == NodeKind::Evidence)
            .collect()
    }
}

/// Options of [`contributions`].
#[derive(Clone, Debug)]
pub struct ContribOptions {
    /// Shapley: the exact value is computed when at most this many players are
    /// ancestors of the topic (2^n evaluations); beyond, permutations are
    /// sampled. Default 20, at most 25.
    pub exact_max: usize,
    /// Shapley sampling: the number of random permutations. Default 2000.
    pub samples: usize,
    /// Shapley sampling: the random seed (the same seed gives the same values).
    /// Default 0.
    pub seed: u64,
}

impl Default for ContribOptions {
    fn default() -> Self {
        ContribOptions {
            exact_max: 20,
            samples: 2000,
            seed: 0,
        }
    }
}

/// How the values were obtained.
#[derive(Clone, Debug, PartialEq)]
pub enum Estimate {
    /// Exactly (up to floating point and the solver's convergence threshold).
    Exact,
    /// Shapley values from random permutations.
    Sampled {
        /// Permutations used.
        samples: usize,
        /// Permutations asked for ([`ContribOptions::samples`], at least 2); more
        /// than `samples` when the time budget ran out first.
        requested: usize,
        /// The largest 95% half-width (1.96 standard errors) over the players:
        /// each value is within this of the exact one with about 95% confidence.
        error_bound: f64,
    },
    /// Gradient by a five-point central difference with this step (one-sided
    /// near base 0 and 1), on a cyclic graph.
    Numerical {
        /// The step.
        step: f64,
    },
}

/// The contributions of the players to a topic, by one method.
#[derive(Clone, Debug)]
pub struct Contributions {
    /// The topic's index.
    pub topic: usize,
    /// The method.
    pub method: Method,
    /// The semantics.
    pub semantics: SemanticsKind,
    /// `σ(topic)`.
    pub strength: f64,
    /// Shapley: `v(∅)`, the topic's strength with every player removed (its base
    /// when every other node is a player); the values add up to
    /// `strength − baseline`. For the other methods, the topic's base.
    pub baseline: f64,
    /// `(player, value)` in the order the players were given.
    pub values: Vec<(usize, f64)>,
    /// Sampled Shapley: each player's 95% half-width (empty otherwise).
    pub errors: Vec<f64>,
    /// How the values were obtained.
    pub estimate: Estimate,
}

/// The contributions of `players` to `topic` in `q` under `kind`.
///
/// `players` must be distinct nodes other than the topic. [`Params::time_budget`]
/// limits the whole computation (not each evaluation): when it runs out, sampled
/// Shapley values are reported with the permutations done so far (at least 2),
/// anything else fails with [`Error::TimeBudget`].
///
/// # Complexity
/// Removal: one evaluation, then per player the part of the graph between it
/// and the topic. Shapley: `2^n` evaluations of the ancestors for `n` player
/// ancestors (exact), or `samples · n` (sampled). Gradient: one evaluation and
/// one backward pass (acyclic), `4n` evaluations (cyclic).
pub fn contributions(
    q: &Qbaf,
    kind: SemanticsKind,
    p: &Params,
    topic: usize,
    players: &[usize],
    method: Method,
    opts: &ContribOptions,
) -> Result<Contributions, Error> {
    check_players(q, topic, players)?;
    let clock = Budget::new(p, method);
    // Each evaluation inside is capped by the whole budget as well (checked
    // between evaluations by `clock`), so one slow evaluation of a large cycle
    // cannot run on long past it.
    let inner = p.clone();
    let anc = ancestors(q, topic);
    let mut out = Contributions {
        topic,
        method,
        semantics: kind,
        strength: 0.0,
        baseline: q.base()[topic],
        values: players.iter().map(|&x| (x, 0.0)).collect(),
        errors: vec![],
        estimate: Estimate::Exact,
    };
    match method {
        Method::Removal | Method::IntrinsicRemoval => {
            let before = evaluate(q, kind, &inner)?;
            out.strength = before.strengths[topic];
            removal(
                q, kind, &inner, &before, topic, &anc, method, &mut out, &clock,
            )?;
        }
        Method::Shapley => {
            let sub = Sub::new(q, &anc, topic);
            shapley(&sub, kind, &inner, players, opts, &mut out, &clock)?;
        }
        Method::Gradient => {
            let sub = Sub::new(q, &anc, topic);
            gradient(&sub, kind, &inner, &mut out, &clock)?;
        }
    }
    Ok(out)
}

/// The players whose contributions disagree in sign between the given results
/// (one per method, same topic and players): some method gives a positive
/// value and another a negative one (values within 1e-9 of 0 count as 0).
pub fn sign_disagreements(all: &[Contributions]) -> Vec<usize> {
    let Some(first) = all.first() else {
        return vec![];
    };
    (0..first.values.len())
        .filter(|&i| {
            let signs = all.iter().filter_map(|c| c.values.get(i)).map(|&(_, v)| {
                if v > 1e-9 {
                    1
                } else if v < -1e-9 {
                    -1
                } else {
                    0
                }
            });
            let (mut pos, mut neg) = (false, false);
            for s in signs {
                pos |= s > 0;
                neg |= s < 0;
            }
            pos && neg
        })
        .map(|i| first.values[i].0)
        .collect()
}

/// Whether each node of `q` is an ancestor of `topic` (has a path to it); the
/// topic itself counts.
pub fn ancestors(q: &Qbaf, topic: usize) -> Vec<bool> {
    let mut mask = vec![false; q.len()];
    if topic >= q.len() {
        return mask;
    }
    mask[topic] = true;
    let mut stack = vec![topic];
    while let Some(v) = stack.pop() {
        for &j in q.incoming_edges(v) {
            if let Some((u, _)) = q.edge(j as usize)
                && !mask[u]
            {
                mask[u] = true;
                stack.push(u);
            }
        }
    }
    mask
}

fn check_players(q: &Qbaf, topic: usize, players: &[usize]) -> Result<(), Error> {
    let n = q.len();
    let bad = |what: String| Err(Error::InvalidParams { what });
    if topic >= n {
        return bad(format!(
            "topic #{topic} does not exist (the graph has {n} nodes)"
        ));
    }
    let mut seen = vec![false; n];
    for &x in players {
        if x >= n {
            return bad(format!(
                "player #{x} does not exist (the graph has {n} nodes)"
            ));
        }
        if x == topic {
            return bad("the topic cannot be a player".into());
        }
        if std::mem::replace(&mut seen[x], true) {
            return bad(format!("player #{x} is listed twice"));
        }
    }
    Ok(())
}

/// The overall time budget of one call.
struct Budget {
    start: Instant,
    limit: Option<std::time::Duration>,
    method: Method,
}

impl Budget {
    fn new(p: &Params, method: Method) -> Budget {
        Budget {
            start: Instant::now(),
            limit: p.time_budget,
            method,
        }
    }

    fn exceeded(&self) -> bool {
        self.limit.is_some_and(|l| self.start.elapsed() > l)
    }

    fn check(&self) -> Result<(), Error> {
        match self.limit {
            Some(l) if self.start.elapsed() > l => Err(Error::TimeBudget {
                what: format!("{} contributions", self.method.name()),
                seconds: l.as_secs_f64(),
            }),
            _ => Ok(()),
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn removal(
    q: &Qbaf,
    kind: SemanticsKind,
    p: &Params,
    before: &Evaluation,
    topic: usize,
    anc: &[bool],
    method: Method,
    out: &mut Contributions,
    clock: &Budget,
) -> Result<(), Error> {
    // A node's removal only matters through its outgoing edges (the topic is not
    // a player), so it is applied as "remove its outgoing edges": the overlay
    // then costs the node's degree, not a scan of a flag per node.
    let n = q.len();
    let mut start = vec![0usize; n + 1];
    for j in 0..q.edge_count() {
        if let Some((f, _)) = q.edge(j) {
            start[f + 1] += 1;
        }
    }
    for v in 0..n {
        start[v + 1] += start[v];
    }
    let mut next = start.clone();
    let mut edges = vec![0usize; start[n]];
    for j in 0..q.edge_count() {
        if let Some((f, _)) = q.edge(j) {
            edges[next[f]] = j;
            next[f] += 1;
        }
    }
    let outgoing = |v: usize| &edges[start[v]..start[v + 1]];
    let s0 = before.strengths[topic];
    // One scratch space for all contributors: each call undoes the previous
    // scenario and recomputes only the new one's cone. (Splitting the
    // contributors over rayon's threads, each with its own scratch space, was
    // measured slower on the shared 2-core machine: the per-thread setup and the
    // memory traffic cost more than the second core gave.)
    let mut scratch = Scratch::new(q, before);
    scratch.focus(q, &[topic]);
    let mut o = Overlay::default();
    for (k, (x, value)) in out.values.iter_mut().enumerate() {
        if !anc[*x] {
            continue; // cannot reach the topic: exactly 0
        }
        if k % 64 == 63 {
            clock.check()?;
        }
        o.removed_edges.clear();
        o.removed_edges.extend_from_slice(outgoing(*x));
        let without = reevaluate_into(q, kind, p, &o, &[], &mut scratch)?[topic];
        *value = match method {
            Method::Removal => s0 - without,
            _ => {
                o.removed_edges.clear();
                o.removed_edges
                    .extend(q.incoming_edges(*x).iter().map(|&j| j as usize));
                let cut = reevaluate_into(q, kind, p, &o, &[], &mut scratch)?[topic];
                cut - without
            }
        };
    }
    Ok(())
}

/// The topic's ancestors as a graph of their own (indices ascending as in the
/// original), with each edge's kind.
pub(crate) struct Sub {
    pub(crate) q: Qbaf,
    /// Original index → sub index (`usize::MAX` if not an ancestor).
    pub(crate) local: Vec<usize>,
    /// `(from, to, kind, weight)` in sub indices.
    pub(crate) edges: Vec<(usize, usize, EdgeKind, f64)>,
    /// Per sub node, its incoming sub edges in edge order.
    incoming: Vec<Vec<usize>>,
    pub(crate) topic: usize,
}

impl Sub {
    pub(crate) fn new(q: &Qbaf, anc: &[bool], topic: usize) -> Sub {
        let orig: Vec<usize> = (0..q.len()).filter(|&v| anc[v]).collect();
        let mut local = vec![usize::MAX; q.len()];
        for (i, &v) in orig.iter().enumerate() {
            local[v] = i;
        }
        let mut edges = vec![];
        for j in 0..q.edge_count() {
            if let (Some((f, t)), Some(kind), Some(w)) = (q.edge(j), q.edge_kind(j), q.weight(j))
                && anc[f]
                && anc[t]
            {
                edges.push((local[f], local[t], kind, w));
            }
        }
        let base: Vec<f64> = orig.iter().map(|&v| q.base()[v]).collect();
        let mut incoming = vec![vec![]; orig.len()];
        for (k, e) in edges.iter().enumerate() {
            incoming[e.1].push(k);
        }
        let topic = local[topic];
        // A part of a valid QBAF (bases, weights and endpoints checked).
        let mut sq = Qbaf::new(base, &edges).expect("a part of a valid QBAF is one");
        if q.has_inferences() {
            // The inference nodes follow the file's nodes here too, and the
            // premise edges the others (both keep their order).
            let args = orig.iter().filter(|&&v| !q.is_inference(v)).count();
            let premise_edges = (0..q.edge_count())
                .filter(|&j| j < q.premise_edges())
                .filter(|&j| q.edge(j).is_some_and(|(f, t)| anc[f] && anc[t]))
                .count();
            crate::semantics::mark_inferences(&mut sq, args, premise_edges);
        }
        Sub {
            q: sq,
            local,
            edges,
            incoming,
            topic,
        }
    }
}

fn shapley(
    sub: &Sub,
    kind: SemanticsKind,
    p: &Params,
    players: &[usize],
    opts: &ContribOptions,
    out: &mut Contributions,
    clock: &Budget,
) -> Result<(), Error> {
    let full = evaluate(&sub.q, kind, p)?;
    let t = sub.topic;
    out.strength = full.strengths[t];
    // Players that are ancestors, as (position in `players`, sub index).
    let live: Vec<(usize, usize)> = players
        .iter()
        .enumerate()
        .filter(|(_, x)| sub.local[**x] != usize::MAX)
        .map(|(i, x)| (i, sub.local[*x]))
        .collect();
    let n = live.len();
    let mut scratch = Scratch::new(&sub.q, &full);
    scratch.focus(&sub.q, &[t]);
    let mut o = Overlay {
        removed: vec![false; sub.q.len()],
        ..Overlay::default()
    };
    for &(_, v) in &live {
        o.removed[v] = true;
    }
    let empty = reevaluate_into(&sub.q, kind, p, &o, &[], &mut scratch)?[t];
    out.baseline = empty;
    if n == 0 {
        return Ok(());
    }
    if n <= opts.exact_max.min(25) {
        // v(S) for every coalition S, as a bit mask over `live`.
        let size = 1usize << n;
        let mut v = vec![0.0; size];
        for (mask, slot) in v.iter_mut().enumerate() {
            if mask % 16 == 15 {
                clock.check()?;
            }
            for (b, &(_, x)) in live.iter().enumerate() {
                o.removed[x] = mask & (1 << b) == 0;
            }
            *slot = reevaluate_into(&sub.q, kind, p, &o, &[], &mut scratch)?[t];
        }
        // Weight of a coalition of k others: k!(n−k−1)!/n! = 1/(n·C(n−1, k)).
        let mut w = vec![0.0; n];
        let mut binom = 1.0; // C(n−1, k)
        for (k, wk) in w.iter_mut().enumerate() {
            *wk = 1.0 / (n as f64 * binom);
            binom = binom * (n - 1 - k) as f64 / (k + 1) as f64;
        }
        let mut phi = vec![0.0; n];
        for mask in 0..size {
            let k = mask.count_ones() as usize;
            for (b, ph) in phi.iter_mut().enumerate() {
                if mask & (1 << b) == 0 {
                    *ph += w[k] * (v[mask | (1 << b)] - v[mask]);
                }
            }
        }
        for (b, &(i, _)) in live.iter().enumerate() {
            out.values[i].1 = phi[b];
        }
        return Ok(());
    }
    // Permutation sampling: add the players one by one in a random order; each
    // player's marginal contribution is one sample of its Shapley value.
    let mut rng = SplitMix64(opts.seed);
    let mut sum = vec![0.0; n];
    let mut sum2 = vec![0.0; n];
    let mut order: Vec<usize> = (0..n).collect();
    let mut done = 0;
    let wanted = opts.samples.max(2);
    let mut marginal = vec![0.0; n];
    'sampling: while done < wanted {
        if clock.exceeded() {
            break;
        }
        for i in (1..n).rev() {
            order.swap(i, rng.below(i + 1));
        }
        for &(_, x) in &live {
            o.removed[x] = true;
        }
        let mut prev = empty;
        for (k, &b) in order.iter().enumerate() {
            // One permutation costs n evaluations: check the budget inside it
            // too, and drop a permutation the budget interrupts.
            if k % 16 == 15 && clock.exceeded() {
                break 'sampling;
            }
            o.removed[live[b].1] = false;
            let cur = reevaluate_into(&sub.q, kind, p, &o, &[], &mut scratch)?[t];
            marginal[b] = cur - prev;
            prev = cur;
        }
        for b in 0..n {
            sum[b] += marginal[b];
            sum2[b] += marginal[b] * marginal[b];
        }
        done += 1;
    }
    if done < 2 {
        // No error bound from fewer than two samples: the budget is too small.
        clock.check()?;
    }
    let m = done as f64;
    out.errors = vec![0.0; players.len()];
    let mut bound: f64 = 0.0;
    for (b, &(i, _)) in live.iter().enumerate() {
        let mean = sum[b] / m;
        let var = ((sum2[b] - m * mean * mean) / (m - 1.0)).max(0.0);
        let half = 1.96 * (var / m).sqrt();
        out.values[i].1 = mean;
        out.errors[i] = half;
        bound = bound.max(half);
    }
    out.estimate = Estimate::Sampled {
        samples: done,
        requested: wanted,
        error_bound: bound,
    };
    Ok(())
}

fn gradient(
    sub: &Sub,
    kind: SemanticsKind,
    p: &Params,
    out: &mut Contributions,
    clock: &Budget,
) -> Result<(), Error> {
    // (The exact reverse mode knows the nodes' own formulas, not an
    // inference's weakest-premise rule: structured graphs take the numerical
    // way.)
    if sub.q.is_acyclic() && !sub.q.has_inferences() {
        gradient_exact(sub, kind, p, out, clock)
    } else {
        gradient_numerical(sub, kind, p, out, clock)
    }
}

/// A node's inputs split by side, as the formulas of `semantics/core.rs` take
/// them, and for each incoming edge (in edge order) its side and place there.
#[derive(Default)]
struct Sides {
    att: Vec<Input>,
    sup: Vec<Input>,
    slots: Vec<(EdgeKind, usize)>,
}

impl Sides {
    fn of(sub: &Sub, s: &[f64], v: usize) -> Sides {
        let mut out = Sides::default();
        for &k in &sub.incoming[v] {
            let (f, _, kind, w) = sub.edges[k];
            let input = Input {
                ws: w * s[f],
                founded: sub.q.base()[f] > 0.0,
            };
            let side = match kind {
                // (A Qbaf's edges are supports and attacks; undercuts are
                // attacks on inference nodes there.)
                EdgeKind::Attack | EdgeKind::Undercut => &mut out.att,
                EdgeKind::Support => &mut out.sup,
            };
            out.slots.push((kind, side.len()));
            side.push(input);
        }
        out
    }
}

/// The gradient on an acyclic graph: reverse mode along the topological order
/// through the partial derivatives of `semantics/core.rs`, exact where every
/// node on the way is differentiable; the contributors upstream of a kink (a
/// tied maximum, `E = 0` under Linear(1) or 1-Max(1)) get the one-sided
/// derivative in the feasible direction by forward mode instead.
fn gradient_exact(
    sub: &Sub,
    kind: SemanticsKind,
    p: &Params,
    out: &mut Contributions,
    clock: &Budget,
) -> Result<(), Error> {
    let t = sub.topic;
    let n = sub.q.len();
    let s = evaluate(&sub.q, kind, p)?.strengths;
    out.strength = s[t];
    let order: Vec<usize> = sub
        .q
        .components()
        .flat_map(|c| c.iter().map(|&v| v as usize))
        .collect();
    let sides: Vec<Sides> = (0..n).map(|v| Sides::of(sub, &s, v)).collect();
    // Reverse mode: adj[v] = ∂σ(t)/∂σ(v), from the topic down the reverse
    // topological order; then ∂σ(t)/∂τ(v) = adj[v]·∂σ(v)/∂τ(v).
    let mut adj = vec![0.0; n];
    let mut grad = vec![0.0; n];
    let mut kink = vec![false; n];
    adj[t] = 1.0;
    let (mut d_att, mut d_sup) = (vec![], vec![]);
    for &v in order.iter().rev() {
        let x = &sides[v];
        let l = local_update(
            kind,
            sub.q.base()[v],
            &x.att,
            &x.sup,
            &mut d_att,
            &mut d_sup,
        );
        kink[v] = !l.smooth && !sub.incoming[v].is_empty();
        if adj[v] == 0.0 {
            continue;
        }
        grad[v] = adj[v] * l.d_base;
        for (&k, &(side, i)) in sub.incoming[v].iter().zip(&x.slots) {
            let (f, _, _, w) = sub.edges[k];
            let d = if side == EdgeKind::Attack {
                d_att[i]
            } else {
                d_sup[i]
            };
            adj[f] += adj[v] * (d * (l.d_aggregate * w));
        }
    }
    let upstream = upstream_of(sub, &order, &kink);
    for (x, value) in out.values.iter_mut() {
        let l = sub.local[*x];
        if l == usize::MAX {
            continue;
        }
        *value = if upstream[l] {
            clock.check()?;
            one_sided(sub, kind, &order, &sides, l)
        } else {
            grad[l]
        };
    }
    Ok(())
}

/// The nodes with a path to a node marked in `kink`.
fn upstream_of(sub: &Sub, order: &[usize], kink: &[bool]) -> Vec<bool> {
    let mut up = vec![false; kink.len()];
    for &v in order.iter().rev() {
        if kink[v] || up[v] {
            for &k in &sub.incoming[v] {
                up[sub.edges[k].0] = true;
            }
        }
    }
    up
}

/// `∂σ(t)/∂τ(x)` by forward mode, one-sided in the feasible direction: `τ(x)`
/// rises, or falls if it is 1 (the left derivative there, as QBAF-Py's
/// `determine_gradient_ctrb` and Kampik et al. 2024 take it). At every kink
/// on the way the strength moves by the one-sided rate of the direction its
/// inputs move in.
fn one_sided(sub: &Sub, kind: SemanticsKind, order: &[usize], sides: &[Sides], x: usize) -> f64 {
    let dir = if sub.q.base()[x] >= 1.0 { -1.0 } else { 1.0 };
    let mut rate = vec![0.0; sub.q.len()];
    let (mut dx_att, mut dx_sup) = (vec![], vec![]);
    for &v in order {
        let d_base = if v == x { dir } else { 0.0 };
        let ins = &sides[v];
        dx_att.clear();
        dx_att.resize(ins.att.len(), 0.0);
        dx_sup.clear();
        dx_sup.resize(ins.sup.len(), 0.0);
        let mut moved = d_base != 0.0;
        for (&k, &(side, i)) in sub.incoming[v].iter().zip(&ins.slots) {
            let (f, _, _, w) = sub.edges[k];
            let dx = w * rate[f];
            moved |= dx != 0.0;
            match side {
                EdgeKind::Attack | EdgeKind::Undercut => dx_att[i] = dx,
                EdgeKind::Support => dx_sup[i] = dx,
            }
        }
        if moved {
            let base = sub.q.base()[v];
            rate[v] = local_directional(kind, base, &ins.att, &ins.sup, d_base, &dx_att, &dx_sup);
        }
    }
    dir * rate[sub.topic]
}

/// The gradient on a cyclic graph: finite differences of the fixed point,
/// solved tightly so that the solver's tolerance does not swamp the
/// difference quotient.
fn gradient_numerical(
    sub: &Sub,
    kind: SemanticsKind,
    p: &Params,
    out: &mut Contributions,
    clock: &Budget,
) -> Result<(), Error> {
    let t = sub.topic;
    let tight = Params {
        epsilon: p.epsilon.min(1e-12),
        ..p.clone()
    };
    let full = evaluate(&sub.q, kind, &tight)?;
    out.strength = full.strengths[t];
    let mut scratch = Scratch::new(&sub.q, &full);
    scratch.focus(&sub.q, &[t]);
    let h = 1e-3;
    let mut o = Overlay::default();
    for (x, value) in out.values.iter_mut() {
        let l = sub.local[*x];
        if l == usize::MAX {
            continue;
        }
        clock.check()?;
        let tau = sub.q.base()[l];
        let mut f = |dx: f64| -> Result<f64, Error> {
            o.base.clear();
            o.base.push((l, (tau + dx).clamp(0.0, 1.0)));
            Ok(reevaluate_into(&sub.q, kind, &tight, &o, &[], &mut scratch)?[t])
        };
        *value = if tau - 2.0 * h >= 0.0 && tau + 2.0 * h <= 1.0 {
            (-f(2.0 * h)? + 8.0 * f(h)? - 8.0 * f(-h)? + f(-2.0 * h)?) / (12.0 * h)
        } else {
            // Fourth-order one-sided difference, into the interval.
            let s = if tau + 4.0 * h <= 1.0 { 1.0 } else { -1.0 };
            let (f0, f1, f2, f3, f4) = (
                f(0.0)?,
                f(s * h)?,
                f(2.0 * s * h)?,
                f(3.0 * s * h)?,
                f(4.0 * s * h)?,
            );
            s * (-25.0 * f0 + 48.0 * f1 - 36.0 * f2 + 16.0 * f3 - 3.0 * f4) / (12.0 * h)
        };
    }
    out.estimate = Estimate::Numerical { step: h };
    Ok(())
}

/// SplitMix64 (Steele, Lea, Flood 2014): a small, fast, seedable generator,
/// enough for sampling permutations reproducibly.
pub(crate) struct SplitMix64(pub u64);

impl SplitMix64 {
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (multiply-shift; the bias is below 2^-40 for n < 2^24).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }
}
