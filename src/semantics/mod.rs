//! Stage 4: gradual semantics for quantitative bipolar argumentation graphs.
//!
//! A [`Qbaf`] is the compact form of a graph (bases, incoming attackers and
//! supporters as flat arrays, strongly connected components in condensation
//! order). [`evaluate`] computes every node's final strength under a
//! [`SemanticsKind`]: acyclic parts in one exact pass in topological order, each
//! cyclic component by the discrete (Jacobi) iteration or the continuous model
//! integrated with RK4 (see [`Solver`]). What-if scenarios are [`Overlay`]s over
//! the unchanged [`Qbaf`] ([`evaluate_with`]); [`reevaluate`] and
//! [`reevaluate_into`] recompute only what a scenario changes.
//!
//! Each semantics is documented in its own module (formula, reference,
//! guarantees, quirks); they share the aggregation and influence functions of the
//! modular core. `docs/semantics.md` is the user's guide.
//!
//! ```
//! use argmap::semantics::{Params, Qbaf, SemanticsKind, evaluate};
//! use argmap::EdgeKind;
//! // b (base 1) attacks a (base 0.5); c (base 0.5) supports a.
//! let q = Qbaf::new(
//!     vec![0.5, 1.0, 0.5],
//!     &[(1, 0, EdgeKind::Attack, 1.0), (2, 0, EdgeKind::Support, 1.0)],
//! ).unwrap();
//! let e = evaluate(&q, SemanticsKind::DfQuad, &Params::default())?;
//! // DF-QuAD: v_att = 1, v_sup = 0.5, so σ(a) = 0.5 − 0.5·(1 − 0.5) = 0.25.
//! assert!((e.strengths[0] - 0.25).abs() < 1e-12);
//! # Ok::<(), argmap::Error>(())
//! ```

pub mod card_based;
pub(crate) mod core;
pub mod df_quad;
pub mod euler_based;
pub mod euler_based_top;
pub mod h_categorizer;
pub mod max_based;
pub mod mlp_based;
mod qbaf;
pub mod quadratic_energy;
pub mod sd_df_quad;
mod solve;
mod structure;

use std::time::Duration;

pub(crate) use self::core::{Input, Local};
pub use crate::error::Error;
use crate::graph::ArgGraph;
pub use crate::model::SemanticsKind;
pub use qbaf::Qbaf;
use solve::{Clock, Marks, Nodes, Plain, Stats, View, Work};
pub(crate) use structure::mark as mark_inferences;

/// Which solver to use on cyclic components (acyclic parts are always solved
/// exactly, in one pass in topological order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Solver {
    /// The discrete iteration; if it does not converge (iteration limit, or 1000
    /// iterations without a new lowest residual), the continuous model.
    #[default]
    Auto,
    /// Synchronous (Jacobi) iteration `s ← f(s)` from the base scores, until the
    /// largest change is below `epsilon`.
    Discrete,
    /// The continuous model `ds/dt = f(s) − s` from the base scores (Potyka KR
    /// 2018), integrated with classical RK4 at step `delta`, until
    /// `max |ds/dt| < epsilon`.
    Continuous,
}

impl Solver {
    /// `auto`, `discrete` or `continuous`.
    pub fn name(self) -> &'static str {
        match self {
            Solver::Auto => "auto",
            Solver::Discrete => "discrete",
            Solver::Continuous => "continuous",
        }
    }
}

/// Evaluation parameters.
#[derive(Clone, Debug)]
pub struct Params {
    /// Solver for cyclic components.
    pub solver: Solver,
    /// Convergence threshold: the largest change per iteration (discrete) or the
    /// largest `|ds/dt|` (continuous) must fall below it. Default 1e-9.
    pub epsilon: f64,
    /// Iteration limit per cyclic component (sweeps or RK4 steps). Default 100 000.
    pub max_iterations: usize,
    /// RK4 step of the continuous model. Default 0.1.
    pub delta: f64,
    /// Give up with [`Error::TimeBudget`] after this long. Default: no limit.
    pub time_budget: Option<Duration>,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            solver: Solver::Auto,
            epsilon: 1e-9,
            max_iterations: 100_000,
            delta: 0.1,
            time_budget: None,
        }
    }
}

/// The solver that produced a result: the strongest one any component needed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SolverUsed {
    /// The graph (or the part recomputed) is acyclic: one exact pass.
    Exact,
    /// Some cyclic component was solved by the discrete iteration, none needed more.
    Discrete,
    /// Some cyclic component needed the continuous model.
    Continuous,
}

impl SolverUsed {
    /// `exact`, `discrete` or `continuous`.
    pub fn name(self) -> &'static str {
        match self {
            SolverUsed::Exact => "exact",
            SolverUsed::Discrete => "discrete",
            SolverUsed::Continuous => "continuous",
        }
    }
}

/// The result of an evaluation, with how it was obtained. Only converged results
/// are ever returned (otherwise [`Error::NoConvergence`]).
#[derive(Clone, Debug)]
pub struct Evaluation {
    /// The semantics.
    pub semantics: SemanticsKind,
    /// The solver that produced it.
    pub solver: SolverUsed,
    /// Always true for a returned evaluation (kept for reports and JSON).
    pub converged: bool,
    /// The most iterations any cyclic component needed (0 when acyclic).
    pub iterations: usize,
    /// The largest final residual of any cyclic component (0 when acyclic).
    pub residual: f64,
    /// Final strength of each node, by node index. A node removed by an
    /// [`Overlay`] is reported as 0.0 (callers should mask it).
    pub strengths: Vec<f64>,
}

/// A what-if scenario over a [`Qbaf`], applied without cloning or changing it.
///
/// A removed node contributes nothing to its targets and is reported with
/// strength 0.0; a removed edge contributes nothing; `base` and `weight` replace
/// a node's base score and an edge's weight (the last entry wins).
#[derive(Clone, Debug, Default)]
pub struct Overlay {
    /// Removed nodes: empty for none, else one flag per node (or per node of
    /// the file, [`Qbaf::args`]: inference nodes are then kept).
    pub removed: Vec<bool>,
    /// New base scores `(node, base)`, each in `[0, 1]`.
    pub base: Vec<(usize, f64)>,
    /// New weights `(edge index, weight)`, each finite and `>= 0`.
    pub weight: Vec<(usize, f64)>,
    /// Removed edges (edge indices).
    pub removed_edges: Vec<usize>,
}

impl Overlay {
    /// Whether the overlay changes nothing.
    pub fn is_empty(&self) -> bool {
        !self.removed.iter().any(|&r| r)
            && self.base.is_empty()
            && self.weight.is_empty()
            && self.removed_edges.is_empty()
    }
}

/// Runs `$f::<S, _>($args)` (or `$f::<S>($args)`, written `$f<S>($args)`) for
/// the semantics type `S` of `$kind`.
macro_rules! dispatch {
    ($kind:expr, $f:ident ( $($arg:expr),* $(,)? )) => {
        dispatch!(@ $kind, $f, [_], ($($arg),*))
    };
    ($kind:expr, $f:ident <S> ( $($arg:expr),* $(,)? )) => {
        dispatch!(@ $kind, $f, [], ($($arg),*))
    };
    (@ $kind:expr, $f:ident, [$($more:tt)*], $args:tt) => {
        match $kind {
            SemanticsKind::QuadraticEnergy => $f::<quadratic_energy::QuadraticEnergy, $($more)*> $args,
            SemanticsKind::DfQuad => $f::<df_quad::DfQuad, $($more)*> $args,
            SemanticsKind::SdDfQuad => $f::<sd_df_quad::SdDfQuad, $($more)*> $args,
            SemanticsKind::EulerBased => $f::<euler_based::EulerBased, $($more)*> $args,
            SemanticsKind::EulerBasedTop => $f::<euler_based_top::EulerBasedTop, $($more)*> $args,
            SemanticsKind::MlpBased => $f::<mlp_based::MlpBased, $($more)*> $args,
            SemanticsKind::WeightedHCategorizer => $f::<h_categorizer::HCategorizer, $($more)*> $args,
            SemanticsKind::WeightedMaxBased => $f::<max_based::MaxBased, $($more)*> $args,
            SemanticsKind::WeightedCardBased => $f::<card_based::CardBased, $($more)*> $args,
        }
    };
}

/// One node's update under `kind` with its derivatives ([`core::local`]):
/// the formulas of [`core`], for `explain` and the gradient contribution.
pub(crate) fn local_update(
    kind: SemanticsKind,
    base: f64,
    att: &[Input],
    sup: &[Input],
    d_att: &mut Vec<f64>,
    d_sup: &mut Vec<f64>,
) -> Local {
    use core::local;
    dispatch!(kind, local<S>(base, att, sup, d_att, d_sup))
}

/// The one-sided rate of change of a node's strength under `kind`
/// ([`core::directional`]).
pub(crate) fn local_directional(
    kind: SemanticsKind,
    base: f64,
    att: &[Input],
    sup: &[Input],
    d_base: f64,
    dx_att: &[f64],
    dx_sup: &[f64],
) -> f64 {
    use core::directional;
    dispatch!(kind, directional<S>(base, att, sup, d_base, dx_att, dx_sup))
}

fn check_params(p: &Params) -> Result<(), Error> {
    let bad = |what: String| Err(Error::InvalidParams { what });
    if !(p.epsilon.is_finite() && p.epsilon > 0.0) {
        return bad(format!(
            "epsilon must be a finite number > 0, not {}",
            p.epsilon
        ));
    }
    if !(p.delta.is_finite() && p.delta > 0.0) {
        return bad(format!(
            "delta must be a finite number > 0, not {}",
            p.delta
        ));
    }
    Ok(())
}

fn run_full<S: core::Semantics, V: View>(
    q: &Qbaf,
    view: &V,
    p: &Params,
    s: &mut [f64],
) -> Result<Stats, Error> {
    let mut work = Work::default();
    let clock = Clock::new(p, S::KIND);
    solve::solve::<S, V>(q, view, p, Nodes::All, s, &mut work, &clock)
}

fn finish(kind: SemanticsKind, st: Stats, strengths: Vec<f64>) -> Evaluation {
    Evaluation {
        semantics: kind,
        solver: st.used,
        converged: true,
        iterations: st.iterations,
        residual: st.residual,
        strengths,
    }
}

/// Evaluates every node of `q` under `kind`.
///
/// Acyclic parts take one exact pass in topological order; cyclic components
/// are solved as [`Params::solver`] says. Fails with [`Error::NoConvergence`]
/// (never an unconverged iterate), [`Error::WeightAboveOne`] (product aggregation
/// and a weight above 1), [`Error::SupportsInAttackOnly`], [`Error::TimeBudget`]
/// or [`Error::InvalidParams`].
///
/// # Complexity
/// O(n + m) for acyclic graphs; for a cyclic component of n' nodes and m' edges,
/// O(n' + m') per iteration.
pub fn evaluate(q: &Qbaf, kind: SemanticsKind, p: &Params) -> Result<Evaluation, Error> {
    check_params(p)?;
    solve::check(q, kind, &Plain, &[])?;
    let mut s = q.pbase.clone();
    let st = dispatch!(kind, run_full(q, &Plain, p, &mut s))?;
    Ok(finish(kind, st, q.by_node_owned(s)))
}

/// Evaluates `q` under the what-if scenario `o` (the [`Qbaf`] is not changed).
/// Errors as [`evaluate`], plus [`Error::InvalidOverlay`].
pub fn evaluate_with(
    q: &Qbaf,
    kind: SemanticsKind,
    p: &Params,
    o: &Overlay,
) -> Result<Evaluation, Error> {
    check_params(p)?;
    let mut marks = Marks::new(q);
    marks.apply(q, kind, o)?;
    solve::check(q, kind, &marks, marks.reweighted())?;
    let mut s = q.pbase.clone();
    let st = dispatch!(kind, run_full(q, &marks, p, &mut s))?;
    Ok(finish(kind, st, q.by_node_owned(s)))
}

/// Evaluates a checked graph: [`Qbaf::from_graph`] then [`evaluate`]. Error
/// messages name nodes by their ids.
///
/// The strengths are the file's nodes' only (a graph with linked premises or
/// undercuts has inference nodes besides, see [`Qbaf::args`]).
pub fn evaluate_graph(g: &ArgGraph, kind: SemanticsKind, p: &Params) -> Result<Evaluation, Error> {
    let mut e = evaluate(&Qbaf::from_graph(g), kind, p)?;
    e.strengths.truncate(g.len());
    Ok(e)
}

/// Reusable state for many [`reevaluate_into`] calls against one base
/// evaluation: the base strengths, the current scenario's strengths, and
/// generation-stamped marks, so that each call costs time in proportion to the
/// part of the graph it recomputes (plus a fast scan of [`Overlay::removed`]),
/// not to the whole graph.
#[derive(Clone, Debug)]
pub struct Scratch {
    /// The base evaluation, by node and by position.
    before: Vec<f64>,
    before_p: Vec<f64>,
    before_stats: Stats,
    /// The current scenario, by node and by position.
    s: Vec<f64>,
    sp: Vec<f64>,
    marks: Marks,
    work: Work,
    cone_gen: Vec<u32>,
    cone_stamp: u32,
    /// Positions recomputed by the last call, ascending.
    cone: Vec<u32>,
    /// The same as node indices.
    cone_nodes: Vec<u32>,
    /// Positions that can reach a focus target, if focused.
    focus: Option<Vec<bool>>,
    stats: Stats,
}

impl Scratch {
    /// Scratch space for scenarios over `q` relative to `before`, an evaluation
    /// of `q` (with no overlay) under the semantics and parameters the scenarios
    /// will use.
    pub fn new(q: &Qbaf, before: &Evaluation) -> Scratch {
        let before_p: Vec<f64> = if before.strengths.len() == q.len() {
            q.order
                .iter()
                .map(|&v| before.strengths[v as usize])
                .collect()
        } else {
            // Wrong size: every call reports it.
            vec![]
        };
        Scratch {
            before: before.strengths.clone(),
            sp: before_p.clone(),
            before_p,
            before_stats: Stats {
                used: before.solver,
                iterations: before.iterations,
                residual: before.residual,
            },
            s: before.strengths.clone(),
            marks: Marks::new(q),
            work: Work::default(),
            cone_gen: vec![0; q.len()],
            cone_stamp: 0,
            cone: vec![],
            cone_nodes: vec![],
            focus: None,
            stats: Stats::default(),
        }
    }

    /// Restricts later calls to the nodes that can influence `targets` (their
    /// ancestors, themselves included): other nodes are not recomputed and keep
    /// their `before` strengths in [`Scratch::strengths`]. With one topic (as for
    /// contribution functions), a removal then costs the size of the paths from
    /// the removed node to the topic. `None`-like behaviour is restored by
    /// [`Scratch::unfocus`].
    pub fn focus(&mut self, q: &Qbaf, targets: &[usize]) {
        let mut mask = vec![false; q.len()];
        let mut stack: Vec<usize> = targets
            .iter()
            .filter(|&&t| t < q.len())
            .map(|&t| q.pos[t] as usize)
            .collect();
        for &t in &stack {
            mask[t] = true;
        }
        while let Some(v) = stack.pop() {
            for k in q.incoming.start()[v] as usize..q.incoming.start()[v + 1] as usize {
                let u = q.incoming.targets()[k] as usize;
                if !mask[u] {
                    mask[u] = true;
                    stack.push(u);
                }
            }
        }
        self.focus = Some(mask);
    }

    /// Undoes [`Scratch::focus`]: later calls recompute every changed node.
    pub fn unfocus(&mut self) {
        self.focus = None;
    }

    /// The strengths of the last scenario (after [`reevaluate_into`]; before any
    /// call, the base evaluation's).
    pub fn strengths(&self) -> &[f64] {
        &self.s
    }

    /// The nodes the last call recomputed (the descendant cone of its seeds), in
    /// condensation order.
    pub fn recomputed(&self) -> &[u32] {
        &self.cone_nodes
    }

    /// The solver used, iterations and residual of the last call's recomputed
    /// components (exact, 0, 0 when they were all acyclic).
    pub fn last_solver(&self) -> (SolverUsed, usize, f64) {
        (self.stats.used, self.stats.iterations, self.stats.residual)
    }
}

/// Recomputes the strengths under scenario `o` into `scratch`, starting from the
/// base evaluation `scratch` was made with, and returns them.
///
/// Only the descendants of the changed nodes are recomputed: the nodes the
/// overlay touches (removed nodes and their targets, nodes with a new base,
/// targets of removed or reweighted edges) and any extra `seeds` (nodes whose
/// value in the base evaluation may differ for another reason). Acyclic parts take
/// one pass in topological order; a cyclic component in the cone is solved again
/// as a whole. The result equals [`evaluate_with`]`(q, kind, p, o)` exactly, for
/// every node (or, after [`Scratch::focus`], for every focused node).
pub fn reevaluate_into<'s>(
    q: &Qbaf,
    kind: SemanticsKind,
    p: &Params,
    o: &Overlay,
    seeds: &[usize],
    scratch: &'s mut Scratch,
) -> Result<&'s [f64], Error> {
    check_params(p)?;
    let n = q.len();
    if scratch.before.len() != n || !scratch.marks.fits(q) {
        return Err(Error::InvalidOverlay {
            what: format!(
                "the scratch space was made for another graph (or an evaluation of another graph): {} strengths, this graph has {n} nodes and {} edges",
                scratch.before.len(),
                q.edge_count()
            ),
        });
    }
    if let Some(&v) = seeds.iter().find(|&&v| v >= n) {
        return Err(Error::InvalidOverlay {
            what: format!("seed node #{v} does not exist (the graph has {n} nodes)"),
        });
    }
    let Scratch {
        before,
        before_p,
        s,
        sp,
        marks,
        work,
        cone_gen,
        cone_stamp,
        cone,
        cone_nodes,
        focus,
        stats,
        ..
    } = scratch;
    // Undo the previous scenario.
    for &p in cone.iter() {
        let p = p as usize;
        sp[p] = before_p[p];
        let v = q.order[p] as usize;
        s[v] = before[v];
    }
    cone.clear();
    cone_nodes.clear();
    *stats = Stats::default();
    marks.apply(q, kind, o)?;
    solve::check(q, kind, &*marks, marks.reweighted())?;

    // The descendant cone of the touched positions and the seeds.
    *cone_stamp = cone_stamp.wrapping_add(1);
    if *cone_stamp == 0 {
        cone_gen.iter_mut().for_each(|g| *g = 0);
        *cone_stamp = 1;
    }
    let stamp = *cone_stamp;
    let inside = |p: usize| focus.as_ref().is_none_or(|m| m[p]);
    let starts = marks
        .touched
        .iter()
        .map(|&p| p as usize)
        .chain(seeds.iter().map(|&v| q.pos[v] as usize));
    for p in starts {
        if cone_gen[p] != stamp && inside(p) {
            cone_gen[p] = stamp;
            cone.push(p as u32);
        }
    }
    let mut i = 0;
    while i < cone.len() {
        let p = cone[i] as usize;
        i += 1;
        for &t in q.out_targets(p) {
            let t = t as usize;
            if cone_gen[t] != stamp && inside(t) {
                cone_gen[t] = stamp;
                cone.push(t as u32);
            }
        }
    }
    cone.sort_unstable();
    cone_nodes.extend(cone.iter().map(|&p| q.order[p as usize]));
    let clock = Clock::new(p, kind);
    *stats = dispatch!(
        kind,
        run_list(q, &*marks, p, Nodes::List(cone), sp, work, &clock)
    )?;
    for &p in cone.iter() {
        let p = p as usize;
        s[q.order[p] as usize] = sp[p];
    }
    Ok(s)
}

fn run_list<S: core::Semantics, V: View>(
    q: &Qbaf,
    view: &V,
    p: &Params,
    list: Nodes<'_>,
    s: &mut [f64],
    work: &mut Work,
    clock: &Clock,
) -> Result<Stats, Error> {
    solve::solve::<S, V>(q, view, p, list, s, work, clock)
}

/// [`reevaluate_into`] with a fresh [`Scratch`], returning a full [`Evaluation`]
/// (equal to [`evaluate_with`]'s strengths exactly). Its solver, iterations and
/// residual combine `before`'s with those of the recomputed components (the
/// strongest solver, the larger numbers).
pub fn reevaluate(
    q: &Qbaf,
    kind: SemanticsKind,
    p: &Params,
    before: &Evaluation,
    o: &Overlay,
    seeds: &[usize],
) -> Result<Evaluation, Error> {
    let mut scratch = Scratch::new(q, before);
    reevaluate_into(q, kind, p, o, seeds, &mut scratch)?;
    let mut st = scratch.before_stats;
    st.merge(scratch.stats);
    Ok(finish(kind, st, scratch.s))
}

/// The states `s_0 = τ, s_1, …, s_steps` of the synchronous (Jacobi) iteration
/// over the whole graph, every node updated at once from the previous state. For
/// studying oscillation: on a graph that is one strongly connected component this
/// is exactly the discrete solver's trajectory.
pub fn jacobi_trajectory(
    q: &Qbaf,
    kind: SemanticsKind,
    steps: usize,
) -> Result<Vec<Vec<f64>>, Error> {
    solve::check(q, kind, &Plain, &[])?;
    let mut out = Vec::with_capacity(steps + 1);
    let mut cur = q.pbase.clone();
    out.push(q.by_node(&cur));
    for _ in 0..steps {
        cur = dispatch!(kind, jacobi_step(q, &Plain, &cur));
        out.push(q.by_node(&cur));
    }
    Ok(out)
}

fn jacobi_step<S: core::Semantics, V: View>(q: &Qbaf, view: &V, s: &[f64]) -> Vec<f64> {
    (0..q.len())
        .map(|v| solve::update::<S, V>(q, view, v, s))
        .collect()
}
