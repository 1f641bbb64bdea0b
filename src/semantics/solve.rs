//! The solvers: one exact pass in condensation order, with Jacobi iteration or
//! RK4 integration of the continuous model inside cyclic components; overlays
//! (what-if scenarios) as per-call marks over the unchanged [`Qbaf`].
//!
//! Everything here works on *positions* (see [`Qbaf`]): strengths `s[p]`, marks
//! and cones are indexed by position, and a component is a range of positions.

use std::ops::Range;
use std::time::Instant;

use super::core::{Input, Semantics};
use super::{Error, Overlay, Params, Qbaf, SemanticsKind, Solver, SolverUsed};

/// How the solver sees the graph: unchanged ([`Plain`]) or through an overlay
/// ([`Marks`]). Monomorphized, so the plain case pays nothing for overlays.
pub(crate) trait View {
    /// Whether no node is ever touched.
    const PLAIN: bool;
    /// Whether position `p`'s own update differs from the plain graph's.
    fn touched(&self, p: usize) -> bool;
    /// Whether position `p` is removed.
    fn removed(&self, p: usize) -> bool;
    /// The base of position `p`.
    fn base(&self, q: &Qbaf, p: usize) -> f64;
    /// Whether edge `e` is removed (its endpoints aside).
    fn edge_removed(&self, e: usize) -> bool;
    /// The weight of edge `e`, whose built weight is `w`.
    fn weight(&self, e: usize, w: f64) -> f64;
}

/// The graph as built.
pub(crate) struct Plain;

impl View for Plain {
    const PLAIN: bool = true;
    #[inline(always)]
    fn touched(&self, _: usize) -> bool {
        false
    }
    #[inline(always)]
    fn removed(&self, _: usize) -> bool {
        false
    }
    #[inline(always)]
    fn base(&self, q: &Qbaf, p: usize) -> f64 {
        q.pbase[p]
    }
    #[inline(always)]
    fn edge_removed(&self, _: usize) -> bool {
        false
    }
    #[inline(always)]
    fn weight(&self, _: usize, w: f64) -> f64 {
        w
    }
}

/// An overlay applied as generation-stamped marks (reset in O(1) per call),
/// nodes by position.
#[derive(Clone, Debug, Default)]
pub(crate) struct Marks {
    gen_: u32,
    node_gen: Vec<u32>,
    node_removed: Vec<bool>,
    node_base: Vec<f64>,
    edge_gen: Vec<u32>,
    edge_removed: Vec<bool>,
    edge_w: Vec<f64>,
    /// Nodes touched in this generation.
    pub(crate) touched: Vec<u32>,
    /// Edges reweighted in this generation.
    reweighted: Vec<u32>,
}

impl View for Marks {
    const PLAIN: bool = false;
    #[inline(always)]
    fn touched(&self, v: usize) -> bool {
        self.node_gen[v] == self.gen_
    }
    #[inline(always)]
    fn removed(&self, v: usize) -> bool {
        self.node_gen[v] == self.gen_ && self.node_removed[v]
    }
    #[inline(always)]
    fn base(&self, q: &Qbaf, v: usize) -> f64 {
        if self.node_gen[v] == self.gen_ {
            self.node_base[v]
        } else {
            q.pbase[v]
        }
    }
    #[inline(always)]
    fn edge_removed(&self, e: usize) -> bool {
        self.edge_gen[e] == self.gen_ && self.edge_removed[e]
    }
    #[inline(always)]
    fn weight(&self, e: usize, w: f64) -> f64 {
        if self.edge_gen[e] == self.gen_ {
            self.edge_w[e]
        } else {
            w
        }
    }
}

/// Whether any entry is true; scans 64 at a time without early exit inside a
/// chunk, which the compiler vectorizes.
fn any_true(xs: &[bool]) -> bool {
    xs.chunks(64).any(|c| c.iter().fold(false, |a, &b| a | b))
}

impl Marks {
    pub(crate) fn new(q: &Qbaf) -> Marks {
        let (n, m) = (q.len(), q.edge_count());
        Marks {
            gen_: 0,
            node_gen: vec![0; n],
            node_removed: vec![false; n],
            node_base: vec![0.0; n],
            edge_gen: vec![0; m],
            edge_removed: vec![false; m],
            edge_w: vec![0.0; m],
            touched: vec![],
            reweighted: vec![],
        }
    }

    /// Whether these marks were made for a graph of `q`'s size.
    pub(crate) fn fits(&self, q: &Qbaf) -> bool {
        self.node_gen.len() == q.len() && self.edge_gen.len() == q.edge_count()
    }

    /// The edges the current overlay reweights.
    pub(crate) fn reweighted(&self) -> &[u32] {
        &self.reweighted
    }

    fn stamp_node(&mut self, q: &Qbaf, v: usize) {
        if self.node_gen[v] != self.gen_ {
            self.node_gen[v] = self.gen_;
            self.node_removed[v] = false;
            self.node_base[v] = q.pbase[v];
            self.touched.push(v as u32);
        }
    }

    fn stamp_edge(&mut self, q: &Qbaf, e: usize) {
        if self.edge_gen[e] != self.gen_ {
            self.edge_gen[e] = self.gen_;
            self.edge_removed[e] = false;
            self.edge_w[e] = q.in_w.at(q.edge_slot()[e] as usize);
        }
    }

    fn stamp_targets(&mut self, q: &Qbaf, v: usize) {
        for &t in q.out_targets(v) {
            self.stamp_node(q, t as usize);
        }
    }

    /// Starts a new generation and records the overlay. Touched nodes: removed
    /// nodes and their targets, nodes with a new base (and, for card-based, their
    /// targets, whose founded attackers may change), targets of removed or
    /// reweighted edges.
    pub(crate) fn apply(
        &mut self,
        q: &Qbaf,
        kind: SemanticsKind,
        o: &Overlay,
    ) -> Result<(), Error> {
        let (n, m) = (q.len(), q.edge_count());
        self.gen_ = self.gen_.wrapping_add(1);
        if self.gen_ == 0 {
            self.node_gen.iter_mut().for_each(|g| *g = 0);
            self.edge_gen.iter_mut().for_each(|g| *g = 0);
            self.gen_ = 1;
        }
        self.touched.clear();
        self.reweighted.clear();
        let bad = |what: String| Err(Error::InvalidOverlay { what });
        if !o.removed.is_empty() {
            // One flag per node, or per node of the file (inference nodes of
            // structured arguments are then kept).
            if o.removed.len() != n && o.removed.len() != q.args {
                return bad(format!(
                    "`removed` has {} entries but the graph has {n} nodes (leave it empty to remove none)",
                    o.removed.len()
                ));
            }
            for (c, chunk) in o.removed.chunks(64).enumerate() {
                if !any_true(chunk) {
                    continue;
                }
                for (i, _) in chunk.iter().enumerate().filter(|(_, r)| **r) {
                    let v = q.pos[c * 64 + i] as usize;
                    self.stamp_node(q, v);
                    self.node_removed[v] = true;
                    self.stamp_targets(q, v);
                }
            }
        }
        for &(v, b) in &o.base {
            if v >= n {
                return bad(format!("base of node #{v}, but the graph has {n} nodes"));
            }
            if !(b.is_finite() && (0.0..=1.0).contains(&b)) {
                return bad(format!(
                    "base {b} for node `{}` is not in [0, 1]",
                    q.name(v)
                ));
            }
            let v = q.pos[v] as usize;
            self.stamp_node(q, v);
            self.node_base[v] = b;
            if kind == SemanticsKind::WeightedCardBased {
                self.stamp_targets(q, v);
            }
        }
        let check_edge = |e: usize| -> Result<(), Error> {
            if e >= m || q.edge_slot()[e] == u32::MAX {
                return Err(Error::InvalidOverlay {
                    what: format!("edge #{e} does not exist (the graph has {m} edges)"),
                });
            }
            Ok(())
        };
        for &(e, w) in &o.weight {
            check_edge(e)?;
            if !(w.is_finite() && w >= 0.0) {
                return bad(format!(
                    "weight {w} for edge #{e} is not a finite number >= 0"
                ));
            }
            self.stamp_edge(q, e);
            self.edge_w[e] = w;
            self.reweighted.push(e as u32);
            self.stamp_node(q, q.pos[q.edge_to[e] as usize] as usize);
        }
        for &e in &o.removed_edges {
            check_edge(e)?;
            self.stamp_edge(q, e);
            self.edge_removed[e] = true;
            self.stamp_node(q, q.pos[q.edge_to[e] as usize] as usize);
        }
        Ok(())
    }
}

/// Whether edge `e` is gone under the view (removed, or an endpoint removed).
fn dropped<V: View>(q: &Qbaf, view: &V, e: usize) -> bool {
    view.edge_removed(e)
        || view.removed(q.pos[q.edge_from[e] as usize] as usize)
        || view.removed(q.pos[q.edge_to[e] as usize] as usize)
}

/// Refuses what the semantics cannot evaluate: an invalid QBAF, weights above 1
/// under product aggregation, supports under an attack-only semantics.
pub(crate) fn check<V: View>(
    q: &Qbaf,
    kind: SemanticsKind,
    view: &V,
    reweighted: &[u32],
) -> Result<(), Error> {
    if kind.needs_weights_at_most_one() {
        let heavy = q.heavy_edges.iter().chain(reweighted).map(|&e| e as usize);
        let mut found: Option<(usize, f64)> = None;
        for e in heavy {
            let w = view.weight(e, q.in_w.at(q.edge_slot()[e] as usize));
            if w > 1.0 && !dropped(q, view, e) && found.is_none_or(|(f, _)| e < f) {
                found = Some((e, w));
            }
        }
        if let Some((e, weight)) = found {
            return Err(Error::WeightAboveOne {
                semantics: kind.name(),
                from: q.name(q.edge_from[e] as usize),
                to: q.name(q.edge_to[e] as usize),
                weight,
            });
        }
    }
    if kind.is_attack_only() {
        for &e in &q.support_edges {
            let e = e as usize;
            // Premise edges of inferences are no supports.
            if e < q.premise_edges && !dropped(q, view, e) {
                return Err(Error::SupportsInAttackOnly {
                    semantics: kind.name(),
                    from: q.name(q.edge_from[e] as usize),
                    to: q.name(q.edge_to[e] as usize),
                });
            }
        }
    }
    Ok(())
}

/// The new strength of position `v` from the current strengths `s`.
#[inline(always)]
pub(crate) fn update<S: Semantics, V: View>(q: &Qbaf, view: &V, v: usize, s: &[f64]) -> f64 {
    if !q.infer.is_empty() && q.infer[v] {
        return super::structure::update::<S, V>(q, view, v, s);
    }
    if !V::PLAIN && view.touched(v) {
        return update_touched::<S, V>(q, view, v, s);
    }
    let a = q.incoming.start()[v] as usize;
    let m = q.sup_start[v] as usize;
    let b = q.incoming.start()[v + 1] as usize;
    let src = &q.incoming.targets()[a..b];
    let w = q.in_w.range(a, b);
    let base = &q.pbase;
    let input = move |(&j, &wk): (&u32, &f64)| Input {
        ws: wk * s[j as usize],
        founded: !S::USES_FOUNDED || base[j as usize] > 0.0,
    };
    let (sa, ss) = src.split_at(m - a);
    let (wa, ws) = w.split_at(m - a);
    S::strength(
        q.pbase[v],
        sa.iter().zip(wa).map(input),
        ss.iter().zip(ws).map(input),
    )
}

/// [`update`] for a node the overlay touches: skips removed inputs, reads new
/// bases and weights. A removed node's strength is 0.
#[inline(never)]
fn update_touched<S: Semantics, V: View>(q: &Qbaf, view: &V, v: usize, s: &[f64]) -> f64 {
    if view.removed(v) {
        return 0.0;
    }
    let a = q.incoming.start()[v] as usize;
    let m = q.sup_start[v] as usize;
    let b = q.incoming.start()[v + 1] as usize;
    let keep = |k: usize| -> Option<Input> {
        let e = q.slot_edge()[k] as usize;
        let j = q.incoming.targets()[k] as usize;
        if view.edge_removed(e) || view.removed(j) {
            return None;
        }
        Some(Input {
            ws: view.weight(e, q.in_w.at(k)) * s[j],
            founded: view.base(q, j) > 0.0,
        })
    };
    S::strength(
        view.base(q, v),
        (a..m).filter_map(keep),
        (m..b).filter_map(keep),
    )
}

/// What solving took: the strongest solver used, the most iterations any cyclic
/// component needed, and the largest final residual.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Stats {
    pub used: SolverUsed,
    pub iterations: usize,
    pub residual: f64,
}

impl Default for Stats {
    fn default() -> Self {
        Stats {
            used: SolverUsed::Exact,
            iterations: 0,
            residual: 0.0,
        }
    }
}

impl Stats {
    pub(crate) fn merge(&mut self, o: Stats) {
        self.used = self.used.max(o.used);
        self.iterations = self.iterations.max(o.iterations);
        self.residual = max_abs(self.residual, o.residual);
    }
}

/// Buffers for cyclic components, reused across components and calls.
#[derive(Clone, Debug, Default)]
pub(crate) struct Work {
    x: Vec<f64>,
    k1: Vec<f64>,
    k2: Vec<f64>,
    k3: Vec<f64>,
    k4: Vec<f64>,
}

/// Deadline bookkeeping.
#[derive(Clone, Copy)]
pub(crate) struct Clock {
    deadline: Option<(Instant, f64)>,
    kind: SemanticsKind,
}

impl Clock {
    pub(crate) fn new(p: &Params, kind: SemanticsKind) -> Clock {
        Clock {
            deadline: p.time_budget.map(|d| (Instant::now() + d, d.as_secs_f64())),
            kind,
        }
    }

    #[inline]
    fn check(&self) -> Result<(), Error> {
        match self.deadline {
            Some((t, seconds)) if Instant::now() > t => Err(Error::TimeBudget {
                what: format!("{} evaluation", self.kind.name()),
                seconds,
            }),
            _ => Ok(()),
        }
    }
}

/// How long the discrete iteration may go without a new lowest residual before
/// `Solver::Auto` gives up on it and integrates the continuous model instead.
const AUTO_STALL: usize = 1000;

/// Which positions to solve.
#[derive(Clone, Copy)]
pub(crate) enum Nodes<'a> {
    /// Every position.
    All,
    /// These positions, ascending; a cyclic component's positions all present.
    List(&'a [u32]),
}

/// Solves `nodes` into `s`, in condensation order, reading everything else
/// from `s`.
pub(crate) fn solve<S: Semantics, V: View>(
    q: &Qbaf,
    view: &V,
    p: &Params,
    nodes: Nodes<'_>,
    s: &mut [f64],
    work: &mut Work,
    clock: &Clock,
) -> Result<Stats, Error> {
    let mut stats = Stats::default();
    const CHUNK: usize = 1 << 14;
    if q.acyclic {
        match nodes {
            Nodes::All => {
                for a in (0..q.len()).step_by(CHUNK) {
                    for v in a..(a + CHUNK).min(q.len()) {
                        s[v] = update::<S, V>(q, view, v, s);
                    }
                    clock.check()?;
                }
            }
            Nodes::List(list) => {
                for chunk in list.chunks(CHUNK) {
                    for &v in chunk {
                        let v = v as usize;
                        s[v] = update::<S, V>(q, view, v, s);
                    }
                    clock.check()?;
                }
            }
        }
        return Ok(stats);
    }
    let len = match nodes {
        Nodes::All => q.len(),
        Nodes::List(l) => l.len(),
    };
    let at = |i: usize| match nodes {
        Nodes::All => i,
        Nodes::List(l) => l[i] as usize,
    };
    let mut i = 0;
    let mut since_check = 0usize;
    while i < len {
        let v = at(i);
        let c = q.comp_of[v] as usize;
        if !q.comp_cyclic[c] {
            s[v] = update::<S, V>(q, view, v, s);
            i += 1;
            since_check += 1;
            if since_check >= CHUNK {
                since_check = 0;
                clock.check()?;
            }
            continue;
        }
        let range = q.comp_start[c] as usize..q.comp_start[c + 1] as usize;
        i += range.len();
        stats.merge(solve_component::<S, V>(q, view, p, range, s, work, clock)?);
    }
    Ok(stats)
}

/// Solves one cyclic component (a range of positions) with the solver `p` asks for.
fn solve_component<S: Semantics, V: View>(
    q: &Qbaf,
    view: &V,
    p: &Params,
    nodes: Range<usize>,
    s: &mut [f64],
    work: &mut Work,
    clock: &Clock,
) -> Result<Stats, Error> {
    let name = S::KIND.name();
    let max = p.max_iterations;
    match p.solver {
        Solver::Discrete => match jacobi::<S, V>(q, view, p, nodes, s, work, clock, None)? {
            Ok(st) => Ok(st),
            Err((iterations, residual)) => Err(Error::NoConvergence {
                semantics: name,
                solver: "discrete",
                iterations,
                residual,
                hint: format!(
                    "the discrete iteration may oscillate on this cycle: try the continuous model (`--solver continuous`), or raise --max-iterations (now {max})"
                ),
            }),
        },
        Solver::Continuous => match rk4::<S, V>(q, view, p, nodes, s, work, clock)? {
            Ok(st) => Ok(st),
            Err((iterations, residual)) => Err(Error::NoConvergence {
                semantics: name,
                solver: "continuous",
                iterations,
                residual,
                hint: format!(
                    "raise --max-iterations (now {max}) or --epsilon (now {:e}), or change --delta (now {})",
                    p.epsilon, p.delta
                ),
            }),
        },
        Solver::Auto => {
            let tried =
                jacobi::<S, V>(q, view, p, nodes.clone(), s, work, clock, Some(AUTO_STALL))?;
            if let Ok(st) = tried {
                return Ok(st);
            }
            match rk4::<S, V>(q, view, p, nodes, s, work, clock)? {
                Ok(st) => Ok(st),
                Err((iterations, residual)) => Err(Error::NoConvergence {
                    semantics: name,
                    solver: "continuous",
                    iterations,
                    residual,
                    hint: format!(
                        "the discrete iteration did not converge either; raise --max-iterations (now {max}) or --epsilon (now {:e}), or change --delta (now {})",
                        p.epsilon, p.delta
                    ),
                }),
            }
        }
    }
}

/// `max(r, |d|)`, with NaN winning (so a NaN never looks converged).
#[inline(always)]
pub(crate) fn max_abs(r: f64, d: f64) -> f64 {
    let d = d.abs();
    if d > r || d.is_nan() { d } else { r }
}

/// Sets the component's positions to their bases (0 if removed).
fn start_at_base<V: View>(q: &Qbaf, view: &V, nodes: Range<usize>, s: &mut [f64]) {
    for v in nodes {
        s[v] = if view.removed(v) {
            0.0
        } else {
            view.base(q, v)
        };
    }
}

/// Synchronous (Jacobi) iteration from the base scores until the largest change
/// is below epsilon. `Ok(Err((iterations, residual)))` when it does not converge
/// (iteration limit, or `stall` sweeps without a new lowest residual).
#[allow(clippy::too_many_arguments)]
fn jacobi<S: Semantics, V: View>(
    q: &Qbaf,
    view: &V,
    p: &Params,
    nodes: Range<usize>,
    s: &mut [f64],
    work: &mut Work,
    clock: &Clock,
    stall: Option<usize>,
) -> Result<Result<Stats, (usize, f64)>, Error> {
    start_at_base(q, view, nodes.clone(), s);
    let new = &mut work.x;
    new.clear();
    new.resize(nodes.len(), 0.0);
    let (mut best, mut best_at) = (f64::INFINITY, 0);
    let mut r = f64::NAN;
    for it in 1..=p.max_iterations {
        r = 0.0;
        for (x, v) in new.iter_mut().zip(nodes.clone()) {
            *x = update::<S, V>(q, view, v, s);
            r = max_abs(r, *x - s[v]);
        }
        s[nodes.clone()].copy_from_slice(new);
        if r < p.epsilon {
            return Ok(Ok(Stats {
                used: SolverUsed::Discrete,
                iterations: it,
                residual: r,
            }));
        }
        if r < best {
            (best, best_at) = (r, it);
        }
        if stall.is_some_and(|w| it - best_at >= w) {
            return Ok(Err((it, r)));
        }
        if it % 64 == 0 || nodes.len() > 4096 {
            clock.check()?;
        }
    }
    Ok(Err((p.max_iterations, r)))
}

/// The continuous model `ds/dt = f(s) − s` from the base scores, integrated with
/// classical RK4 at step delta until `max |ds/dt| < epsilon`.
fn rk4<S: Semantics, V: View>(
    q: &Qbaf,
    view: &V,
    p: &Params,
    nodes: Range<usize>,
    s: &mut [f64],
    work: &mut Work,
    clock: &Clock,
) -> Result<Result<Stats, (usize, f64)>, Error> {
    start_at_base(q, view, nodes.clone(), s);
    let k = nodes.len();
    let Work { x, k1, k2, k3, k4 } = work;
    for buf in [&mut *x, &mut *k1, &mut *k2, &mut *k3, &mut *k4] {
        buf.clear();
        buf.resize(k, 0.0);
    }
    x.copy_from_slice(&s[nodes.clone()]);
    let d = p.delta;
    // k = f(s) − s at the state currently in `s`.
    let deriv = |kk: &mut [f64], s: &[f64]| {
        for (ki, v) in kk.iter_mut().zip(nodes.clone()) {
            *ki = update::<S, V>(q, view, v, s) - s[v];
        }
    };
    let shift = |s: &mut [f64], x: &[f64], kk: &[f64], c: f64| {
        for ((&xi, &ki), sv) in x.iter().zip(kk).zip(&mut s[nodes.clone()]) {
            *sv = xi + c * ki;
        }
    };
    let mut r = f64::NAN;
    for it in 0..=p.max_iterations {
        deriv(k1, s);
        r = k1.iter().fold(0.0, |r, &v| max_abs(r, v));
        if r < p.epsilon {
            return Ok(Ok(Stats {
                used: SolverUsed::Continuous,
                iterations: it,
                residual: r,
            }));
        }
        if it == p.max_iterations {
            break;
        }
        shift(s, x, k1, d / 2.0);
        deriv(k2, s);
        shift(s, x, k2, d / 2.0);
        deriv(k3, s);
        shift(s, x, k3, d);
        deriv(k4, s);
        for (i, sv) in s[nodes.clone()].iter_mut().enumerate() {
            x[i] += d / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);
            *sv = x[i];
        }
        if it % 64 == 0 || k > 4096 {
            clock.check()?;
        }
    }
    Ok(Err((p.max_iterations, r)))
}
