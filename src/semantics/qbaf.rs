//! [`Qbaf`]: the compact, index-based graph the solvers run on.

use std::sync::OnceLock;

use crate::graph::ArgGraph;
use crate::model::EdgeKind;

/// A quantitative bipolar argumentation framework in compact form: base scores
/// and, per node, its incoming attackers then supporters as flat arrays (CSR),
/// plus the condensation order of its strongly connected components.
///
/// Node `i` is the `i`-th base score (for [`Qbaf::from_graph`], the file's `i`-th
/// node); edge `j` is the `j`-th edge given (the file's `j`-th edge). Build it once
/// per graph; evaluations and what-if [`Overlay`](super::Overlay)s never change it.
///
/// Internally the nodes are stored by *position* in condensation order (each
/// strongly connected component is a contiguous range of positions, after every
/// component it depends on), so that an evaluation streams through the arrays in
/// order. When the file order is already topological (or its reverse), the
/// positions are the node indices (or reversed).
#[derive(Clone, Debug)]
pub struct Qbaf {
    /// Base scores by node index.
    pub(crate) base: Vec<f64>,
    /// Base scores by position.
    pub(crate) pbase: Vec<f64>,
    /// Incoming slots of position `p`: `in_start[p]..sup_start[p]` attacks,
    /// `sup_start[p]..in_start[p + 1]` supports, each in edge order.
    pub(crate) in_start: Vec<u32>,
    pub(crate) sup_start: Vec<u32>,
    /// The source's position and the weight of each slot (the edge in each
    /// slot, which only the what-if analyses read, is [`Qbaf::slot_edge`]).
    pub(crate) in_src: Vec<u32>,
    pub(crate) in_w: SlotWeights,
    /// Which edges are kept (`None`: all of them; an edge with an endpoint out
    /// of range or a bad weight is not).
    kept: Option<Vec<bool>>,
    /// Edges in input order: endpoints (node indices; 0 if left out as invalid).
    pub(crate) edge_from: Vec<u32>,
    pub(crate) edge_to: Vec<u32>,
    /// The node at each position, and the position of each node.
    pub(crate) order: Vec<u32>,
    pub(crate) pos: Vec<u32>,
    /// How positions relate to node indices.
    pub(crate) layout: Layout,
    /// Component `c` is the positions `comp_start[c]..comp_start[c + 1]`.
    /// This and the next two are empty when the graph is acyclic: every
    /// component is then the one node at its position (and the solvers need
    /// no component), so they are not built.
    pub(crate) comp_start: Vec<u32>,
    /// Component of each position.
    pub(crate) comp_of: Vec<u32>,
    /// Whether a component has a cycle (more than one node, or a self-loop).
    pub(crate) comp_cyclic: Vec<bool>,
    pub(crate) acyclic: bool,
    /// Edges with weight above 1 (refused by product aggregation).
    pub(crate) heavy_edges: Vec<u32>,
    /// Support edges (refused by the attack-only semantics).
    pub(crate) support_edges: Vec<u32>,
    /// Node ids for messages (empty for [`Qbaf::new`]).
    pub(crate) names: Vec<String>,
    /// The first problem found by [`Qbaf::new`], reported by every evaluation.
    pub(crate) problem: Option<String>,
    /// What only the what-if analyses read, built on first use.
    lazy: Lazy,
}

/// The parts of a [`Qbaf`] that a plain evaluation never reads: built on first
/// use, so that `argmap eval` does not pay for them.
#[derive(Clone, Debug, Default)]
struct Lazy {
    /// The edge in each slot (see [`Qbaf::slot_edge`]).
    slot_edge: OnceLock<Vec<u32>>,
    /// The slot of each edge (`u32::MAX` if left out as invalid): the inverse
    /// of `slot_edge`.
    edge_slot: OnceLock<Vec<u32>>,
    /// Outgoing CSR by position (target positions, in edge order), for
    /// descendant cones.
    out: OnceLock<(Vec<u32>, Vec<u32>)>,
}

impl Qbaf {
    /// The QBAF of a checked graph: its bases, edges and weights, with node and
    /// edge indices as in the file (error messages use the node ids).
    pub fn from_graph(g: &ArgGraph) -> Qbaf {
        let base: Vec<f64> = g.nodes().iter().map(|n| n.base).collect();
        let edges = g.links().iter().map(|l| (l.from, l.to, l.kind, l.weight));
        let mut q = Qbaf::from_edges(base, edges);
        q.names = g.nodes().iter().map(|n| n.id.clone()).collect();
        q
    }

    /// A QBAF from base scores and edges `(from, to, kind, weight)`; the edge index
    /// is the position in `edges`. Parallel edges and self-loops are allowed (each
    /// edge counts). Bases must be in `[0, 1]` and weights finite and `>= 0`; if not,
    /// or if an endpoint is out of range, every evaluation returns
    /// [`crate::Error::InvalidQbaf`] naming the first problem (the edge is left out).
    ///
    /// # Complexity
    /// O(n + m) when the node order is topological or reverse topological,
    /// otherwise O(n + m + c log c) for c strongly connected components.
    pub fn new(base: Vec<f64>, edges: &[(usize, usize, EdgeKind, f64)]) -> Qbaf {
        Qbaf::from_edges(base, edges.iter().copied())
    }

    /// [`Qbaf::new`] over edges given one by one (for [`Qbaf::from_graph`],
    /// which then needs no vector of tuples).
    fn from_edges(
        base: Vec<f64>,
        edges: impl ExactSizeIterator<Item = (usize, usize, EdgeKind, f64)>,
    ) -> Qbaf {
        let n = base.len();
        let m = edges.len();
        let valid = |&(f, t, _, w): &(usize, usize, EdgeKind, f64)| {
            f < n && t < n && w.is_finite() && w >= 0.0
        };
        // The edges as columns; an invalid edge gets endpoints 0 and is marked
        // as left out (`problem` makes every evaluation fail).
        let mut edge_from = Vec::with_capacity(m);
        let mut edge_to = Vec::with_capacity(m);
        let mut weight = Vec::with_capacity(m);
        let mut support_edges = vec![];
        let mut kept: Option<Vec<bool>> = None;
        let mut edge_problem = None;
        for (j, e) in edges.enumerate() {
            let (f, t, kind, w) = e;
            if !valid(&e) {
                edge_problem.get_or_insert_with(|| {
                    format!(
                        "edge #{j} ({f} -> {t}, weight {w}) has an endpoint out of range (n = {n}) or a weight that is not a finite number >= 0"
                    )
                });
                kept.get_or_insert_with(|| vec![true; m])[j] = false;
                edge_from.push(0);
                edge_to.push(0);
                weight.push(0.0);
                continue;
            }
            edge_from.push(f as u32);
            edge_to.push(t as u32);
            weight.push(w);
            if kind == EdgeKind::Support {
                support_edges.push(j as u32);
            }
        }
        // Every weight 1 (as in most graphs): no weight per slot.
        let unit = weight.iter().all(|&w| w == 1.0);
        let cols = Columns {
            edge_from,
            edge_to,
            weight: (!unit).then_some(weight),
            support_edges,
        };
        Qbaf::build(base, cols, kept, edge_problem)
    }

    /// A QBAF from base scores and edge columns: edge `j` goes from node
    /// `edge_from[j]` to node `edge_to[j]` with weight `weight[j]` (1 for every
    /// edge if `weight` is `None`), and is a
    /// support if `j` is in `support_edges` (strictly increasing), else an
    /// attack. The result is the same as [`Qbaf::new`] on the same edges as
    /// tuples, without the tuples (32 bytes an edge).
    ///
    /// Precondition (checked by the caller, [`crate::formats::bag::fast`];
    /// only in debug builds here): the three columns have the same length,
    /// every endpoint is below `base.len()`, every weight is finite and
    /// `>= 0`. Bases and sizes are checked as by [`Qbaf::new`].
    pub(crate) fn from_columns(
        base: Vec<f64>,
        edge_from: Vec<u32>,
        edge_to: Vec<u32>,
        weight: Option<Vec<f64>>,
        support_edges: Vec<u32>,
    ) -> Qbaf {
        let n = base.len();
        debug_assert!(edge_from.len() == edge_to.len());
        debug_assert!(weight.as_ref().is_none_or(|w| w.len() == edge_to.len()));
        debug_assert!(edge_from.iter().chain(&edge_to).all(|&v| (v as usize) < n));
        debug_assert!(weight.iter().flatten().all(|w| w.is_finite() && *w >= 0.0));
        debug_assert!(support_edges.windows(2).all(|w| w[0] < w[1]));
        debug_assert!(
            support_edges
                .last()
                .is_none_or(|&j| (j as usize) < edge_to.len())
        );
        let cols = Columns {
            edge_from,
            edge_to,
            weight,
            support_edges,
        };
        Qbaf::build(base, cols, None, None)
    }

    /// The one construction behind [`Qbaf::new`] and [`Qbaf::from_columns`]:
    /// the edges `j` with `kept[j]` (all if `kept` is `None`), `edge_problem`
    /// the first invalid edge's message.
    fn build(
        base: Vec<f64>,
        cols: Columns,
        kept: Option<Vec<bool>>,
        edge_problem: Option<String>,
    ) -> Qbaf {
        let Columns {
            edge_from,
            edge_to,
            weight,
            support_edges,
        } = cols;
        let n = base.len();
        let m = edge_from.len();
        let mut problem = None;
        if n >= u32::MAX as usize || m >= u32::MAX as usize {
            problem = Some(format!(
                "too large: {n} nodes and {m} edges (at most 2^32 - 2 of each)"
            ));
        }
        let bad_base = base
            .iter()
            .enumerate()
            .find(|(_, b)| !(b.is_finite() && (0.0..=1.0).contains(*b)));
        if let Some((i, b)) = bad_base {
            problem.get_or_insert(format!("base of node #{i} is {b}, not in [0, 1]"));
        }
        if let Some(p) = edge_problem {
            problem.get_or_insert(p);
        }
        // Whether edge `j` is kept.
        let kept_ref = kept.as_deref();
        let ok = |j: usize| kept_ref.is_none_or(|k| k[j]);
        let ends = Ends {
            from: &edge_from,
            to: &edge_to,
        };
        // With every edge kept, the edge loops below are compiled without
        // the per-edge test.
        let EdgeFacts {
            forward,
            backward,
            heavy_edges,
            self_loops,
        } = match kept_ref {
            None => EdgeFacts::of(ends, weight.as_deref(), |_| true),
            Some(_) => EdgeFacts::of(ends, weight.as_deref(), ok),
        };

        // Positions: condensation order. When the node order is already
        // topological (or reversed), every component is one node and no
        // component arrays are built (see `comp_start`).
        let layout = match (forward, backward) {
            (true, _) => Layout::Nodes,
            (false, true) => Layout::Reversed,
            (false, false) => Layout::Other,
        };
        let (order, pos, comp_start): (Vec<u32>, Vec<u32>, _) = match layout {
            Layout::Nodes => ((0..n as u32).collect(), (0..n as u32).collect(), vec![]),
            Layout::Reversed => {
                // Reversing is its own inverse: `pos` is `order`.
                let order: Vec<u32> = (0..n as u32).rev().collect();
                (order.clone(), order, vec![])
            }
            Layout::Other => {
                let (order, comp_start) = condensation_order(n, ends, ok);
                let mut pos = vec![0u32; n];
                for (p, &v) in order.iter().enumerate() {
                    pos[v as usize] = p as u32;
                }
                (order, pos, comp_start)
            }
        };
        let ncomp = comp_start.len().saturating_sub(1);
        let mut comp_of = vec![0u32; if ncomp == 0 { 0 } else { n }];
        let mut comp_cyclic = vec![false; ncomp];
        for c in 0..ncomp {
            let (a, b) = (comp_start[c] as usize, comp_start[c + 1] as usize);
            comp_of[a..b].iter_mut().for_each(|x| *x = c as u32);
            comp_cyclic[c] = b - a > 1;
        }
        for &t in &self_loops {
            comp_cyclic[comp_of[pos[t] as usize] as usize] = true;
        }
        let acyclic = !comp_cyclic.iter().any(|&c| c);
        let (comp_start, comp_of, comp_cyclic) = if acyclic {
            (vec![], vec![], vec![])
        } else {
            (comp_start, comp_of, comp_cyclic)
        };
        let inc = Incoming {
            ends,
            weight: weight.as_deref(),
            support_edges: &support_edges,
        };
        // With every edge kept (every graph that passed the checks), the
        // placement loops are compiled without the per-edge test.
        let (in_start, sup_start, in_src, in_w) = match kept_ref {
            None => incoming_laid_out(n, inc, |_| true, layout, &pos),
            Some(_) => incoming_laid_out(n, inc, ok, layout, &pos),
        };
        drop(weight);
        let pbase = order.iter().map(|&v| base[v as usize]).collect();
        Qbaf {
            base,
            pbase,
            in_start,
            sup_start,
            in_src,
            in_w,
            kept,
            edge_from,
            edge_to,
            order,
            pos,
            layout,
            comp_start,
            comp_of,
            comp_cyclic,
            acyclic,
            heavy_edges,
            support_edges,
            names: vec![],
            problem,
            lazy: Lazy::default(),
        }
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.base.len()
    }

    /// Whether there are no nodes.
    pub fn is_empty(&self) -> bool {
        self.base.is_empty()
    }

    /// Number of edges (as given, including any left out as invalid).
    pub fn edge_count(&self) -> usize {
        self.edge_from.len()
    }

    /// The base scores.
    pub fn base(&self) -> &[f64] {
        &self.base
    }

    /// Whether the graph has no cycle (self-loops count as cycles).
    pub fn is_acyclic(&self) -> bool {
        self.acyclic
    }

    /// Source and target of edge `j` (`None` if out of range or left out as invalid).
    pub fn edge(&self, j: usize) -> Option<(usize, usize)> {
        (*self.edge_slot().get(j)? != u32::MAX)
            .then(|| (self.edge_from[j] as usize, self.edge_to[j] as usize))
    }

    /// The weight of edge `j` as built.
    pub fn weight(&self, j: usize) -> Option<f64> {
        let k = *self.edge_slot().get(j)?;
        (k != u32::MAX).then(|| self.in_w.at(k as usize))
    }

    /// Whether edge `j` is an attack or a support (`None` if out of range or left
    /// out as invalid). Added for the what-if analyses, which need the kind of
    /// each edge to differentiate and explain a node's update.
    pub fn edge_kind(&self, j: usize) -> Option<EdgeKind> {
        let k = *self.edge_slot().get(j)?;
        if k == u32::MAX {
            return None;
        }
        let p = self.pos[self.edge_to[j] as usize] as usize;
        Some(if k < self.sup_start[p] {
            EdgeKind::Attack
        } else {
            EdgeKind::Support
        })
    }

    /// The direct targets of node `v` (one entry per edge, in edge order).
    pub fn targets(&self, v: usize) -> impl Iterator<Item = usize> + '_ {
        self.out_targets(self.pos[v] as usize)
            .iter()
            .map(|&t| self.order[t as usize] as usize)
    }

    /// The incoming edges of node `v` (edge indices): its attacks first, then its
    /// supports, each in edge order.
    pub fn incoming_edges(&self, v: usize) -> &[u32] {
        let p = self.pos[v] as usize;
        &self.slot_edge()[self.in_start[p] as usize..self.in_start[p + 1] as usize]
    }

    /// The edge in each slot (built on first use: a plain evaluation never
    /// reads it, and placing it with the slots cost a store an edge and 4
    /// bytes an edge of memory).
    pub(crate) fn slot_edge(&self) -> &[u32] {
        self.lazy.slot_edge.get_or_init(|| {
            let inc = Incoming {
                ends: Ends {
                    from: &self.edge_from,
                    to: &self.edge_to,
                },
                weight: None,
                support_edges: &self.support_edges,
            };
            let kept = self.kept.as_deref();
            let ok = |j: usize| kept.is_none_or(|k| k[j]);
            slot_edges(inc, ok, |v| self.pos[v], &self.in_start, &self.sup_start)
        })
    }

    /// The slot of each edge, `u32::MAX` for an edge left out as invalid
    /// (built on first use).
    pub(crate) fn edge_slot(&self) -> &[u32] {
        self.lazy.edge_slot.get_or_init(|| {
            let mut es = vec![u32::MAX; self.edge_from.len()];
            for (k, &j) in self.slot_edge().iter().enumerate() {
                es[j as usize] = k as u32;
            }
            es
        })
    }

    /// The target positions of position `p`, one per edge, in edge order (the
    /// outgoing CSR is built on first use).
    pub(crate) fn out_targets(&self, p: usize) -> &[u32] {
        let (start, dst) = self.lazy.out.get_or_init(|| {
            let n = self.len();
            let mut start = vec![0u32; n + 1];
            let live = || {
                self.edge_from
                    .iter()
                    .zip(&self.edge_to)
                    .zip(self.edge_slot())
                    .filter(|(_, k)| **k != u32::MAX)
                    .map(|((&f, &t), _)| (self.pos[f as usize], self.pos[t as usize]))
            };
            for (pf, _) in live() {
                start[pf as usize + 1] += 1;
            }
            for i in 0..n {
                start[i + 1] += start[i];
            }
            let mut next = start.clone();
            let mut dst = vec![0u32; start[n] as usize];
            for (pf, pt) in live() {
                let o = &mut next[pf as usize];
                dst[*o as usize] = pt;
                *o += 1;
            }
            (start, dst)
        });
        &dst[start[p] as usize..start[p + 1] as usize]
    }

    /// The strongly connected components (node indices) in condensation
    /// (topological) order: every component comes after the components it depends
    /// on. Nodes inside a component are sorted by index.
    pub fn components(&self) -> impl Iterator<Item = &[u32]> + '_ {
        // Acyclic: one component a position, and no `comp_start`.
        let (one, cs) = (self.acyclic, &self.comp_start);
        let count = if one { self.len() } else { cs.len() - 1 };
        (0..count).map(move |c| match one {
            true => &self.order[c..c + 1],
            false => &self.order[cs[c] as usize..cs[c + 1] as usize],
        })
    }

    /// The name used for node `v` in messages: its id, or `#v`.
    pub(crate) fn name(&self, v: usize) -> String {
        self.names
            .get(v)
            .cloned()
            .unwrap_or_else(|| format!("#{v}"))
    }

    /// Node-indexed strengths from position-indexed ones.
    pub(crate) fn by_node(&self, sp: &[f64]) -> Vec<f64> {
        let mut out = vec![0.0; sp.len()];
        for (&v, &x) in self.order.iter().zip(sp) {
            out[v as usize] = x;
        }
        out
    }

    /// [`Qbaf::by_node`] taking the position-indexed vector: returned as it is
    /// (or reversed in place) when positions are the node indices (or
    /// reversed), without a second n-sized vector.
    pub(crate) fn by_node_owned(&self, mut sp: Vec<f64>) -> Vec<f64> {
        match self.layout {
            Layout::Nodes => sp,
            Layout::Reversed => {
                sp.reverse();
                sp
            }
            Layout::Other => self.by_node(&sp),
        }
    }
}

/// How the positions of a [`Qbaf`] relate to its node indices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Layout {
    /// Position `p` is node `p` (every edge points to a later node).
    Nodes,
    /// Position `p` is node `n - 1 - p` (every edge points to an earlier node).
    Reversed,
    /// Condensation order (`order` and `pos` say which).
    Other,
}

/// The endpoints of every edge (node indices), in edge order.
#[derive(Clone, Copy)]
struct Ends<'a> {
    from: &'a [u32],
    to: &'a [u32],
}

impl Ends<'_> {
    /// `(j, from, to)` of each edge `j` that is `ok`.
    fn live(self, ok: impl Fn(usize) -> bool) -> impl Iterator<Item = (usize, usize, usize)> {
        self.from
            .iter()
            .zip(self.to)
            .enumerate()
            .filter(move |(j, _)| ok(*j))
            .map(|(j, (&f, &t))| (j, f as usize, t as usize))
    }
}

/// The edges of a [`Qbaf`] being built, as columns (see [`Qbaf::from_columns`]).
struct Columns {
    edge_from: Vec<u32>,
    edge_to: Vec<u32>,
    /// `None` when every weight is 1.
    weight: Option<Vec<f64>>,
    support_edges: Vec<u32>,
}

/// What [`incoming`] reads: endpoints, weights, and the support edges
/// (strictly increasing edge indices; every other edge is an attack).
#[derive(Clone, Copy)]
struct Incoming<'a> {
    ends: Ends<'a>,
    /// `None` when every weight is 1.
    weight: Option<&'a [f64]>,
    support_edges: &'a [u32],
}

/// The nodes in condensation order (each component's nodes sorted, components
/// topologically sorted, ties broken by smallest node index) and the component
/// boundaries, over the edges that are `ok`.
fn condensation_order(
    n: usize,
    ends: Ends<'_>,
    ok: impl Fn(usize) -> bool + Copy,
) -> (Vec<u32>, Vec<u32>) {
    // Outgoing CSR by node.
    let mut out_start = vec![0u32; n + 1];
    for (_, f, _) in ends.live(ok) {
        out_start[f + 1] += 1;
    }
    for i in 0..n {
        out_start[i + 1] += out_start[i];
    }
    let mut next = out_start.clone();
    let mut out_dst = vec![0u32; out_start[n] as usize];
    for (_, f, t) in ends.live(ok) {
        out_dst[next[f] as usize] = t as u32;
        next[f] += 1;
    }
    drop(next);
    let comp = tarjan(n, &out_start, &out_dst);
    let ncomp = comp.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
    // From here on only the components of the targets matter: replace each
    // target by its component once (independent reads), so that the passes
    // below read the CSR sequentially.
    for t in &mut out_dst {
        *t = comp[*t as usize];
    }
    // Members of each component (sorted, as nodes are visited in index order).
    let mut cstart = vec![0u32; ncomp + 1];
    for &c in &comp {
        cstart[c as usize + 1] += 1;
    }
    for c in 0..ncomp {
        cstart[c + 1] += cstart[c];
    }
    let mut cnext = cstart.clone();
    let mut members = vec![0u32; n];
    for (v, &c) in comp.iter().enumerate() {
        members[cnext[c as usize] as usize] = v as u32;
        cnext[c as usize] += 1;
    }
    drop(cnext);
    let first = |c: usize| members[cstart[c] as usize];
    // Kahn's algorithm on the condensation, smallest first member first. The
    // components ready at the start are taken in node order (no sort); those
    // that become ready later go through a heap, and the smaller of the two
    // candidates goes next.
    let mut indeg = vec![0u32; ncomp];
    for (v, &a) in comp.iter().enumerate() {
        for &b in &out_dst[out_start[v] as usize..out_start[v + 1] as usize] {
            if a != b {
                indeg[b as usize] += 1;
            }
        }
    }
    let initial: Vec<u32> = (0..n)
        .filter(|&v| {
            let c = comp[v] as usize;
            indeg[c] == 0 && first(c) == v as u32
        })
        .map(|v| comp[v])
        .collect();
    let mut initial = initial.into_iter().peekable();
    let mut heap: std::collections::BinaryHeap<std::cmp::Reverse<(u32, u32)>> =
        std::collections::BinaryHeap::new();
    let mut order = Vec::with_capacity(n);
    let mut bounds = Vec::with_capacity(ncomp + 1);
    loop {
        let from_heap = heap.peek().map(|r| r.0.0);
        let take_initial = match (initial.peek(), from_heap) {
            (Some(&c), h) => h.is_none_or(|h| first(c as usize) < h),
            (None, Some(_)) => false,
            (None, None) => break,
        };
        let c = if take_initial {
            initial.next()
        } else {
            heap.pop().map(|r| r.0.1)
        };
        let Some(c) = c else { break };
        let c = c as usize;
        bounds.push(order.len() as u32);
        let ms = &members[cstart[c] as usize..cstart[c + 1] as usize];
        order.extend_from_slice(ms);
        for &v in ms {
            let v = v as usize;
            for &d in &out_dst[out_start[v] as usize..out_start[v + 1] as usize] {
                let d = d as usize;
                if d != c {
                    indeg[d] -= 1;
                    if indeg[d] == 0 {
                        heap.push(std::cmp::Reverse((first(d), d as u32)));
                    }
                }
            }
        }
    }
    bounds.push(order.len() as u32);
    (order, bounds)
}

/// The incoming CSR by position: `(in_start, sup_start, in_src, in_w)` as in
/// [`Qbaf`].
type Slots = (Vec<u32>, Vec<u32>, Vec<u32>, SlotWeights);

/// The weight of each incoming slot of a [`Qbaf`].
///
/// When every weight is 1 (most generated and mined graphs give none), one
/// weight per slot would be 8 bytes an edge of ones, written at build time
/// and read back by every evaluation sweep: [`SlotWeights::Unit`] keeps only
/// as many ones as the widest incoming list has slots, and the weights of any
/// slot range are that many of them.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum SlotWeights {
    /// The weight of slot `k` is element `k`.
    Each(Vec<f64>),
    /// Every weight is 1: ones, at least as many as the most slots of a
    /// position.
    Unit(Vec<f64>),
}

impl SlotWeights {
    /// The weights a placement made: `in_w`, one per slot, if `weighted`;
    /// else every weight is 1 (and `in_w` is empty).
    fn placed(weighted: bool, in_w: Vec<f64>, in_start: &[u32]) -> SlotWeights {
        if weighted {
            SlotWeights::Each(in_w)
        } else {
            SlotWeights::unit(in_start)
        }
    }

    /// Every weight 1, for positions whose slots start at `in_start` (one
    /// entry per position and the end).
    fn unit(in_start: &[u32]) -> SlotWeights {
        let widest = in_start.windows(2).map(|r| r[1] - r[0]).max().unwrap_or(0) as usize;
        SlotWeights::Unit(vec![1.0; widest])
    }

    /// The weight of slot `k`.
    #[inline]
    pub(crate) fn at(&self, k: usize) -> f64 {
        match self {
            SlotWeights::Each(w) => w[k],
            SlotWeights::Unit(_) => 1.0,
        }
    }

    /// The weights of slots `a..b`, all of one position's slots or part of
    /// them.
    #[inline(always)]
    pub(crate) fn range(&self, a: usize, b: usize) -> &[f64] {
        match self {
            SlotWeights::Each(w) => &w[a..b],
            SlotWeights::Unit(ones) => &ones[..b - a],
        }
    }
}

/// Up to this many bytes of slot arrays (16 an edge) and cursors (8 a
/// position), [`incoming`] places each edge straight into its slot: the arrays
/// stay in the cache (1 MiB L2, 32 MiB L3 here), so the random writes are
/// cheap, and each edge is written once. The first figure holds when the
/// positions are the node indices (or reversed), the second otherwise.
///
/// Measured direct against blocks: `cargo bench --bench eval -- build/
/// --quick` at 10^4 nodes (0.9 MB) -8% (acyclic); at 10^5 (7 MB) -15%
/// (acyclic, node order topological) and +2% (one component); at 10^6 (72 MB)
/// -12% (acyclic) but +7 to +21% (one component). `argmap eval --semantics
/// df-quad --json` at 10^5 nodes (`perf stat`): 37.9 -> 36.0 ms on
/// layered-100000.bag (reverse topological) but 70.1 -> 76.9 ms on
/// cyclic-100000.bag (positions from the condensation).
const DIRECT_BYTES: [usize; 2] = [8 << 20, 1 << 20];

/// The incoming CSR by position over the edges that are `ok`; `at` maps a
/// node to its position (`by_index`: the node index, or reversed). Each target's attacks then supports, each in edge
/// order, whichever way it is built.
fn incoming(
    n: usize,
    inc: Incoming<'_>,
    ok: impl Fn(usize) -> bool + Copy,
    at: impl Fn(usize) -> u32,
    by_index: bool,
) -> Slots {
    let most = DIRECT_BYTES[if by_index { 0 } else { 1 }];
    if 16 * inc.ends.from.len() + 8 * n <= most {
        incoming_direct(n, inc, ok, at)
    } else {
        incoming_blocks(n, inc, ok, at)
    }
}

/// What one pass over the edges finds out for [`Qbaf::build`].
struct EdgeFacts {
    /// Whether every edge points to a later node (the node order is
    /// topological), or every one to an earlier node (reverse topological).
    forward: bool,
    backward: bool,
    /// Edges with weight above 1.
    heavy_edges: Vec<u32>,
    /// The node of each self-loop.
    self_loops: Vec<usize>,
}

impl EdgeFacts {
    /// The facts over the edges that are `ok`.
    fn of(ends: Ends<'_>, weight: Option<&[f64]>, ok: impl Fn(usize) -> bool) -> EdgeFacts {
        let mut facts = EdgeFacts {
            forward: true,
            backward: true,
            heavy_edges: vec![],
            self_loops: vec![],
        };
        for (j, f, t) in ends.live(ok) {
            facts.forward &= f < t;
            facts.backward &= f > t;
            if weight.is_some_and(|w| w[j] > 1.0) {
                facts.heavy_edges.push(j as u32);
            }
            if f == t {
                facts.self_loops.push(t);
            }
        }
        facts
    }
}

/// [`incoming`] with the positions of `layout` (`pos` for [`Layout::Other`]).
fn incoming_laid_out(
    n: usize,
    inc: Incoming<'_>,
    ok: impl Fn(usize) -> bool + Copy,
    layout: Layout,
    pos: &[u32],
) -> Slots {
    match layout {
        // Positions are the nodes, or the nodes reversed: no lookups.
        Layout::Nodes => incoming(n, inc, ok, |v| v as u32, true),
        Layout::Reversed => incoming(n, inc, ok, |v| (n - 1 - v) as u32, true),
        Layout::Other => incoming(n, inc, ok, |v| pos[v], false),
    }
}

/// `(j, from, to, support)` of each edge `j` that is `ok`, `support` 1 for a
/// support and 0 for an attack. The support edges are kept edges in edge
/// order: one cursor follows them, and the kind is a comparison, not a branch
/// (the kinds are usually mixed at random, so a branch would often be
/// mispredicted).
fn live_kinds(
    inc: Incoming<'_>,
    ok: impl Fn(usize) -> bool,
) -> impl Iterator<Item = (usize, usize, usize, usize)> {
    let sups = inc.support_edges;
    let at = move |k: usize| sups.get(k).map_or(usize::MAX, |&s| s as usize);
    let (mut k, mut next) = (0, at(0));
    inc.ends.live(ok).map(move |(j, f, t)| {
        let support = (j == next) as usize;
        k += support;
        next = at(k);
        (j, f, t, support)
    })
}

/// Turns the attack and support counts of consecutive positions into their
/// first slots, from slot `acc` on: pushes each position's `in_start` and
/// `sup_start`, leaves in `cur` the next free slot of each kind (the cursors
/// of the placement that follows), and returns the slot after the last.
fn slot_starts(
    cur: &mut [[u32; 2]],
    mut acc: u32,
    in_start: &mut Vec<u32>,
    sup_start: &mut Vec<u32>,
) -> u32 {
    for c in cur.iter_mut() {
        let [a, s] = *c;
        in_start.push(acc);
        sup_start.push(acc + a);
        *c = [acc, acc + a];
        acc += a + s;
    }
    acc
}

/// [`incoming`] by a counting sort straight into the slots: count each
/// target's attacks and supports, sum them up, place each edge in turn.
fn incoming_direct(
    n: usize,
    inc: Incoming<'_>,
    ok: impl Fn(usize) -> bool + Copy,
    at: impl Fn(usize) -> u32,
) -> Slots {
    // Attacks and supports of each position, then the next free slot of each.
    // Counted as every edge an attack, then each support moved over: two
    // plain loops, without `live_kinds`'s cursor over the supports (the
    // support edges are kept edges).
    let mut cur = vec![[0u32; 2]; n];
    for (_, _, t) in inc.ends.live(ok) {
        cur[at(t) as usize][0] += 1;
    }
    for &j in inc.support_edges {
        let c = &mut cur[at(inc.ends.to[j as usize] as usize) as usize];
        c[0] -= 1;
        c[1] += 1;
    }
    let mut in_start = Vec::with_capacity(n + 1);
    let mut sup_start = Vec::with_capacity(n);
    let slots = slot_starts(&mut cur, 0, &mut in_start, &mut sup_start);
    in_start.push(slots);
    let slots = slots as usize;
    let mut in_src = vec![0u32; slots];
    // No weight per slot when every weight is 1 (most files give none).
    let mut in_w = vec![1.0; if inc.weight.is_some() { slots } else { 0 }];
    for (j, f, t, support) in live_kinds(inc, ok) {
        let k = &mut cur[at(t) as usize][support];
        let d = *k as usize;
        *k += 1;
        in_src[d] = at(f);
        if let Some(w) = inc.weight {
            in_w[d] = w[j];
        }
    }
    let in_w = SlotWeights::placed(inc.weight.is_some(), in_w, &in_start);
    (in_start, sup_start, in_src, in_w)
}

/// [`incoming`] for arrays that outgrow the cache.
///
/// Edges are usually not grouped by target, so placing each one straight into
/// its target's slots misses the cache for nearly every edge once the arrays
/// outgrow it. Instead the edges are first written, in edge order, into the
/// range of slots of their target's block of `2^BLOCK` positions (sequential
/// writes, one stream per block), then each block's range is sorted by
/// target, attacks before supports, stably (a counting sort inside a range
/// that stays in the cache). The result is the same as placing each edge in
/// turn: each target's attacks then supports, each in edge order.
fn incoming_blocks(
    n: usize,
    inc: Incoming<'_>,
    ok: impl Fn(usize) -> bool + Copy,
    at: impl Fn(usize) -> u32,
) -> Slots {
    // A position inside its block, and the support bit, fit in a u16.
    const BLOCK: u32 = 12;
    const MASK: u32 = (1 << BLOCK) - 1;
    let nb = n.div_ceil(1 << BLOCK);
    let mut bstart = vec![0usize; nb + 1];
    for (_, _, t) in inc.ends.live(ok) {
        bstart[(at(t) >> BLOCK) as usize + 1] += 1;
    }
    for b in 0..nb {
        bstart[b + 1] += bstart[b];
    }
    let slots = bstart[nb];
    let mut in_src = vec![0u32; slots];
    // No weight per slot when every weight is 1 (most files give none).
    let weighted = inc.weight.is_some();
    let mut in_w = vec![1.0; if weighted { slots } else { 0 }];
    // Target within its block (times 2) plus 1 for a support.
    let mut tag = vec![0u16; slots];
    let mut next = bstart.clone();
    for (j, f, t, support) in live_kinds(inc, ok) {
        let pt = at(t);
        let b = &mut next[(pt >> BLOCK) as usize];
        let i = *b;
        *b += 1;
        in_src[i] = at(f);
        if let Some(w) = inc.weight {
            in_w[i] = w[j];
        }
        tag[i] = ((pt & MASK) << 1 | support as u32) as u16;
    }
    drop(next);
    let mut in_start = Vec::with_capacity(n + 1);
    let mut sup_start = Vec::with_capacity(n);
    // Per position of the block: attacks and supports counted, then the next
    // free slot of each.
    let mut cur = vec![[0u32; 2]; 1 << BLOCK];
    // A block's slots as they were (source, weight), while they are
    // moved to their places: one buffer, sized once for the widest block (a
    // buffer grown block by block touched fresh memory at every step, and
    // fresh memory is what costs most here).
    let widest = bstart.windows(2).map(|r| r[1] - r[0]).max().unwrap_or(0);
    let mut held: Vec<(u32, f64)> = Vec::with_capacity(widest);
    for b in 0..nb {
        let width = (n - (b << BLOCK)).min(1 << BLOCK);
        let range = bstart[b]..bstart[b + 1];
        let cur = &mut cur[..width];
        cur.iter_mut().for_each(|c| *c = [0, 0]);
        for &t in &tag[range.clone()] {
            cur[(t >> 1) as usize][(t & 1) as usize] += 1;
        }
        slot_starts(cur, range.start as u32, &mut in_start, &mut sup_start);
        held.clear();
        let w = |i: usize| if weighted { in_w[i] } else { 1.0 };
        held.extend(range.clone().map(|i| (in_src[i], w(i))));
        for (&t, &(src, w)) in tag[range].iter().zip(&held) {
            let k = &mut cur[(t >> 1) as usize][(t & 1) as usize];
            let d = *k as usize;
            *k += 1;
            in_src[d] = src;
            if weighted {
                in_w[d] = w;
            }
        }
    }
    in_start.push(slots as u32);
    let in_w = SlotWeights::placed(weighted, in_w, &in_start);
    (in_start, sup_start, in_src, in_w)
}

/// The edge in each slot of the incoming CSR that starts at `in_start` and
/// `sup_start`: the edges that are `ok`, placed again as [`incoming`] placed
/// them (each into its target's next attack or support slot, in edge order).
fn slot_edges(
    inc: Incoming<'_>,
    ok: impl Fn(usize) -> bool,
    at: impl Fn(usize) -> u32,
    in_start: &[u32],
    sup_start: &[u32],
) -> Vec<u32> {
    let mut cur: Vec<[u32; 2]> = in_start
        .iter()
        .zip(sup_start)
        .map(|(&a, &s)| [a, s])
        .collect();
    let mut slot_edge = vec![0u32; in_start.last().map_or(0, |&e| e as usize)];
    for (j, _, t, support) in live_kinds(inc, ok) {
        let k = &mut cur[at(t) as usize][support];
        slot_edge[*k as usize] = j as u32;
        *k += 1;
    }
    slot_edge
}

/// The strongly connected component of each node, over an outgoing CSR;
/// components are numbered in the order the depth-first search (from nodes in
/// index order, edges in CSR order) completes them, as Tarjan's algorithm does.
///
/// This is Pearce's variant of Tarjan's algorithm (D. J. Pearce, "A
/// space-efficient algorithm for finding strongly connected components", IPL
/// 116(1), 2016): one `rindex` word per node instead of three (index, low link,
/// component), which is what the search's random accesses go to. A visited node
/// holds its DFS index or the lowest one it reaches; a finished component's
/// nodes hold its number counted down from `n - 1`, which is above every live
/// index, so they never lower another node's.
fn tarjan(n: usize, out_start: &[u32], out_dst: &[u32]) -> Vec<u32> {
    const UNSEEN: u32 = 0;
    let mut rindex = vec![UNSEEN; n];
    // Both stacks hold at most `n` entries: reserved once, as memory is only
    // touched where used (grown by doubling, they were copied into fresh
    // memory at each step).
    let mut stack: Vec<u32> = Vec::with_capacity(n);
    // Call stack: (node, next out-slot to look at, whether still a root).
    let mut calls: Vec<(u32, u32, bool)> = Vec::with_capacity(n);
    let mut index = 1u32;
    // The next component number, counted down; `n` components at most, so it
    // ends at -1 at the lowest (kept as `c + 1` to stay unsigned).
    let mut next_comp = n as u32;
    for root in 0..n {
        if rindex[root] != UNSEEN {
            continue;
        }
        rindex[root] = index;
        index += 1;
        calls.push((root as u32, out_start[root], true));
        while let Some(top) = calls.last_mut() {
            let v = top.0 as usize;
            if top.1 < out_start[v + 1] {
                let w = out_dst[top.1 as usize] as usize;
                top.1 += 1;
                if rindex[w] == UNSEEN {
                    rindex[w] = index;
                    index += 1;
                    calls.push((w as u32, out_start[w], true));
                } else if rindex[w] < rindex[v] {
                    rindex[v] = rindex[w];
                    top.2 = false;
                }
                continue;
            }
            let is_root = top.2;
            calls.pop();
            if is_root {
                let c = next_comp - 1;
                index -= 1;
                while let Some(&w) = stack.last() {
                    if rindex[v] > rindex[w as usize] {
                        break;
                    }
                    stack.pop();
                    rindex[w as usize] = c;
                    index -= 1;
                }
                rindex[v] = c;
                next_comp = c;
            } else {
                stack.push(v as u32);
            }
            if let Some(parent) = calls.last_mut() {
                let p = parent.0 as usize;
                if rindex[v] < rindex[p] {
                    rindex[p] = rindex[v];
                    parent.2 = false;
                }
            }
        }
    }
    // Completion order: the first component finished is number 0.
    rindex.iter_mut().for_each(|r| *r = n as u32 - 1 - *r);
    rindex
}

/// Checks for readers that build a [`Qbaf`] straight from a file.
impl Qbaf {
    /// Whether two edges join the same pair of nodes in the same direction
    /// (the same edge twice, or a support and an attack), which
    /// [`crate::validate`] refuses. One pass over the incoming lists, with a
    /// mark per source.
    pub(crate) fn has_repeated_pair(&self) -> bool {
        let mut mark = vec![u32::MAX; self.len()];
        (0..self.len()).any(|p| {
            let slots = self.in_start[p] as usize..self.in_start[p + 1] as usize;
            self.in_src[slots].iter().any(|&s| {
                let seen = mark[s as usize] == p as u32;
                mark[s as usize] = p as u32;
                seen
            })
        })
    }
}

/// Test support: every field of two [`Qbaf`]s equal, one by one (the lazy
/// parts are built from these).
#[cfg(test)]
impl Qbaf {
    pub(crate) fn assert_same_fields(a: &Qbaf, b: &Qbaf) {
        assert_eq!(a.base, b.base, "base");
        assert_eq!(a.pbase, b.pbase, "pbase");
        assert_eq!(a.in_start, b.in_start, "in_start");
        assert_eq!(a.sup_start, b.sup_start, "sup_start");
        assert_eq!(a.in_src, b.in_src, "in_src");
        assert_eq!(a.in_w, b.in_w, "in_w");
        assert_eq!(a.kept, b.kept, "kept");
        assert_eq!(a.slot_edge(), b.slot_edge(), "slot_edge");
        assert_eq!(a.edge_from, b.edge_from, "edge_from");
        assert_eq!(a.edge_to, b.edge_to, "edge_to");
        assert_eq!(a.order, b.order, "order");
        assert_eq!(a.pos, b.pos, "pos");
        assert_eq!(a.layout, b.layout, "layout");
        assert_eq!(a.comp_start, b.comp_start, "comp_start");
        assert_eq!(a.comp_of, b.comp_of, "comp_of");
        assert_eq!(a.comp_cyclic, b.comp_cyclic, "comp_cyclic");
        assert_eq!(a.acyclic, b.acyclic, "acyclic");
        assert_eq!(a.heavy_edges, b.heavy_edges, "heavy_edges");
        assert_eq!(a.support_edges, b.support_edges, "support_edges");
        assert_eq!(a.names, b.names, "names");
        assert_eq!(a.problem, b.problem, "problem");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_columns_builds_what_new_builds() {
        // Five nodes: a cycle 1 <-> 2 and one 1 -> 3 -> 1, a support 0 -> 4,
        // a heavy attack 3 -> 4 (weight 2), and edges pointing forward (to a
        // higher index, as an edge to an argument declared further down ends
        // up) and backward, so that the order is neither kept nor reversed
        // and the condensation order is computed: hand-worked, components
        // {0}, {1, 2, 3}, {4} in that order.
        use EdgeKind::{Attack, Support};
        let base = vec![0.1, 0.2, 0.3, 0.4, 0.5];
        let edges = [
            (2, 1, Attack, 1.0),
            (1, 2, Support, 0.5),
            (0, 4, Support, 1.0),
            (3, 4, Attack, 2.0),
            (1, 3, Attack, 0.25),
            (2, 3, Support, 1.0),
            (3, 1, Attack, 0.0),
        ];
        let new = Qbaf::new(base.clone(), &edges);
        let cols = Qbaf::from_columns(
            base,
            edges.iter().map(|e| e.0 as u32).collect(),
            edges.iter().map(|e| e.1 as u32).collect(),
            Some(edges.iter().map(|e| e.3).collect()),
            vec![1, 2, 5],
        );
        Qbaf::assert_same_fields(&cols, &new);
        // The hand-worked facts, so that agreeing is not agreeing on nonsense.
        // 3 -> 1 and 1 -> 3 make 1, 2, 3 one component.
        assert_eq!(new.order, [0, 1, 2, 3, 4]);
        assert_eq!(new.comp_start, [0, 1, 4, 5]);
        assert_eq!(new.comp_cyclic, [false, true, false]);
        assert!(!new.acyclic);
        assert_eq!(new.heavy_edges, [3]);
        assert_eq!(new.support_edges, [1, 2, 5]);
        // Node 4: attack 3 first, then support 2; node 3: attack 4, support 5.
        assert_eq!(new.incoming_edges(4), [3, 2]);
        assert_eq!(new.incoming_edges(3), [4, 5]);
        assert_eq!(new.problem, None);
    }

    #[test]
    fn edge_kinds_follow_the_input() {
        // Attacks and supports interleaved, into the same and different targets,
        // plus an invalid edge (endpoint out of range).
        let edges = [
            (1, 0, EdgeKind::Support, 1.0),
            (2, 0, EdgeKind::Attack, 0.5),
            (2, 1, EdgeKind::Attack, 1.0),
            (1, 0, EdgeKind::Attack, 1.0),
            (5, 0, EdgeKind::Support, 1.0),
        ];
        let q = Qbaf::new(vec![0.5; 3], &edges);
        let kinds: Vec<_> = (0..6).map(|j| q.edge_kind(j)).collect();
        assert_eq!(
            kinds,
            [
                Some(EdgeKind::Support),
                Some(EdgeKind::Attack),
                Some(EdgeKind::Attack),
                Some(EdgeKind::Attack),
                None,
                None
            ]
        );
    }

    /// A small seeded generator (Knuth's MMIX LCG), for the cross-checks below.
    fn lcg(seed: &mut u64, below: usize) -> usize {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((*seed >> 33) % below as u64) as usize
    }

    /// Random edges (some parallel, some self-loops) over `n` nodes.
    fn random_edges(n: usize, m: usize, seed: u64) -> Vec<(usize, usize, EdgeKind, f64)> {
        let mut r = seed;
        (0..m)
            .map(|i| {
                let kind = if lcg(&mut r, 2) == 0 {
                    EdgeKind::Attack
                } else {
                    EdgeKind::Support
                };
                (lcg(&mut r, n), lcg(&mut r, n), kind, i as f64 / m as f64)
            })
            .collect()
    }

    #[test]
    fn incoming_slots_match_placing_each_edge_in_turn() {
        // Several blocks of 2^12 positions, a last partial block, and a node
        // order that is neither kept nor reversed (cycles). The reference is the
        // direct construction: per target, its attacks then its supports, each
        // in edge order.
        // The same with every edge pointing forward (positions = nodes) and
        // backward (positions = nodes reversed).
        let n = 3 * 4096 + 100;
        let random = random_edges(n, 4 * n, 7);
        let (forward, backward) = one_way(&random);
        for edges in [&random, &forward, &backward] {
            check_incoming(n, edges);
        }
    }

    #[test]
    fn by_node_owned_is_by_node_for_every_layout() {
        // Edges all forward (positions = nodes), all backward (reversed), and
        // random with cycles (condensation order): the vector taken over must
        // give what the scatter through `order` gives. Position values are
        // 0.5 + p / 2^20 (distinct, so a misplaced value is seen).
        let n = 1000;
        let random = random_edges(n, 4 * n, 3);
        let (forward, backward) = one_way(&random);
        let cases = [
            (&forward, Layout::Nodes),
            (&backward, Layout::Reversed),
            (&random, Layout::Other),
        ];
        for (edges, layout) in cases {
            let q = Qbaf::new(vec![0.5; n], edges);
            assert_eq!(q.layout, layout);
            let sp: Vec<f64> = (0..n).map(|p| 0.5 + p as f64 / (1 << 20) as f64).collect();
            let want = q.by_node(&sp);
            assert_eq!(q.by_node_owned(sp), want, "{layout:?}");
            for (v, &x) in want.iter().enumerate() {
                assert_eq!(x, 0.5 + q.pos[v] as f64 / (1 << 20) as f64);
            }
        }
    }

    #[test]
    fn unit_weights_cover_the_widest_incoming_list() {
        // Every weight 1: ones as many as the widest incoming list, and
        // every position's weights are ones, one per slot.
        for fan in [3, 4096, 4097, 8197] {
            let edges: Vec<_> = (1..=fan)
                .map(|v| (v, 0, [EdgeKind::Attack, EdgeKind::Support][v % 2], 1.0))
                .collect();
            let q = Qbaf::new(vec![0.5; fan + 1], &edges);
            let SlotWeights::Unit(ones) = &q.in_w else {
                panic!("every weight is 1, yet weights are kept per slot")
            };
            assert_eq!(ones.len(), fan);
            for r in q.in_start.windows(2) {
                let (a, b) = (r[0] as usize, r[1] as usize);
                assert_eq!(q.in_w.range(a, b), vec![1.0; b - a]);
            }
            // DF-QuAD by hand (Rago et al. 2016): every source keeps its base
            // 0.5, so with weight `w` on every edge `a` attackers aggregate to
            // 1 - (1 - w/2)^a and `k` supporters to 1 - (1 - w/2)^k; the
            // target moves from its base 0.5 by the difference, towards 0 or 1.
            // Sources 1, 3, 5, ... support; 2, 4, ... attack.
            let (k, a) = (fan.div_ceil(2) as i32, (fan / 2) as i32);
            let by_hand = |w: f64| {
                let keep = 1.0 - w / 2.0;
                let (va, vs) = (1.0 - keep.powi(a), 1.0 - keep.powi(k));
                if va >= vs {
                    0.5 - 0.5 * (va - vs)
                } else {
                    0.5 + 0.5 * (vs - va)
                }
            };
            let ev = |q: &Qbaf| {
                let e = crate::semantics::evaluate(
                    q,
                    crate::semantics::SemanticsKind::DfQuad,
                    &crate::semantics::Params::default(),
                );
                e.unwrap().strengths[0]
            };
            assert!((ev(&q) - by_hand(1.0)).abs() < 1e-12, "fan {fan}");
            // Weights of 0.5 are kept per slot and read as such.
            let halves: Vec<_> = edges.iter().map(|e| (e.0, e.1, e.2, 0.5)).collect();
            let half = Qbaf::new(vec![0.5; fan + 1], &halves);
            assert!(matches!(half.in_w, SlotWeights::Each(_)));
            assert!(
                (ev(&half) - by_hand(0.5)).abs() < 1e-12,
                "fan {fan}, weights 0.5"
            );
        }
    }

    #[test]
    fn direct_and_block_slots_agree() {
        // The two ways `incoming` builds the slots, each forced on the same
        // graphs: several blocks of 2^12 positions and a partial one, attacks
        // and supports mixed, parallel edges and self-loops, edges pointing
        // forward and backward, some edges left out (not `ok`), and positions
        // that are the nodes, the nodes reversed, or a scramble of them.
        let n = 3 * 4096 + 100;
        let edges = random_edges(n, 4 * n, 11);
        let from: Vec<u32> = edges.iter().map(|e| e.0 as u32).collect();
        let to: Vec<u32> = edges.iter().map(|e| e.1 as u32).collect();
        let weight: Vec<f64> = edges.iter().map(|e| e.3).collect();
        let mut r = 5;
        let kept: Vec<bool> = (0..edges.len()).map(|_| lcg(&mut r, 10) != 0).collect();
        // A permutation of the nodes: multiplying by a unit modulo `n` (odd
        // and prime to 12388 = 4 * 19 * 163).
        assert_eq!(n, 12388);
        let scramble = |v: usize| ((v * 7919 + 13) % n) as u32;
        for keep_all in [true, false] {
            let sups: Vec<u32> = (0..edges.len())
                .filter(|&j| edges[j].2 == EdgeKind::Support && (keep_all || kept[j]))
                .map(|j| j as u32)
                .collect();
            // The weights given, and every weight 1 (`None`).
            for weight in [Some(&weight[..]), None] {
                let inc = Incoming {
                    ends: Ends {
                        from: &from,
                        to: &to,
                    },
                    weight,
                    support_edges: &sups,
                };
                let ok = |j: usize| keep_all || kept[j];
                let same = |pos: &dyn Fn(usize) -> u32| {
                    let direct = incoming_direct(n, inc, ok, pos);
                    let blocks = incoming_blocks(n, inc, ok, pos);
                    assert_eq!(direct, blocks);
                    // Not two ways to the same nonsense: every kept edge once,
                    // in one of its target's slots, with its source and weight
                    // (the edges as `slot_edges` places them again).
                    let live = (0..edges.len()).filter(|&j| ok(j)).count();
                    let slot_edge = slot_edges(inc, ok, pos, &direct.0, &direct.1);
                    assert_eq!(slot_edge.len(), live);
                    let mut seen = vec![false; edges.len()];
                    for (k, &j) in slot_edge.iter().enumerate() {
                        let j = j as usize;
                        assert!(ok(j) && !seen[j], "edge {j} twice or not kept");
                        seen[j] = true;
                        let p = pos(to[j] as usize) as usize;
                        let kind = (k as u32) >= direct.1[p];
                        assert!((direct.0[p]..direct.0[p + 1]).contains(&(k as u32)));
                        assert_eq!(kind, edges[j].2 == EdgeKind::Support);
                        assert_eq!(direct.2[k], pos(from[j] as usize));
                        assert_eq!(direct.3.at(k), weight.map_or(1.0, |ws| ws[j]));
                    }
                    // A position's weights as a range are its slots' weights
                    // (with every weight 1, as many ones as it has slots).
                    assert!(matches!(direct.3, SlotWeights::Unit(_)) == weight.is_none());
                    for r in direct.0.windows(2) {
                        let (a, b) = (r[0] as usize, r[1] as usize);
                        let each: Vec<f64> = (a..b).map(|k| direct.3.at(k)).collect();
                        assert_eq!(direct.3.range(a, b), &each[..]);
                    }
                };
                same(&|v| v as u32);
                same(&|v| (n - 1 - v) as u32);
                same(&scramble);
            }
        }
    }

    /// An edge as `Qbaf::new` takes it: source, target, kind, weight.
    type Edge = (usize, usize, EdgeKind, f64);

    /// `edges` without self-loops, each turned to point to the later node
    /// (positions = nodes), and the same turned to the earlier one
    /// (positions = nodes reversed).
    fn one_way(edges: &[Edge]) -> (Vec<Edge>, Vec<Edge>) {
        let forward: Vec<_> = edges
            .iter()
            .filter(|e| e.0 != e.1)
            .map(|e| (e.0.min(e.1), e.0.max(e.1), e.2, e.3))
            .collect();
        let backward = forward.iter().map(|e| (e.1, e.0, e.2, e.3)).collect();
        (forward, backward)
    }

    fn check_incoming(n: usize, edges: &[(usize, usize, EdgeKind, f64)]) {
        let q = Qbaf::new(vec![0.5; n], edges);
        let mut want: Vec<[Vec<(u32, EdgeKind)>; 2]> = vec![Default::default(); n];
        for (j, e) in edges.iter().enumerate() {
            want[e.1][(e.2 == EdgeKind::Support) as usize].push((j as u32, e.2));
        }
        for (v, [att, sup]) in want.iter().enumerate() {
            let mine: Vec<(u32, EdgeKind)> = q
                .incoming_edges(v)
                .iter()
                .map(|&j| (j, q.edge_kind(j as usize).unwrap()))
                .collect();
            assert_eq!(mine, [&att[..], &sup[..]].concat(), "node {v}");
            let p = q.pos[v] as usize;
            for k in q.in_start[p] as usize..q.in_start[p + 1] as usize {
                let j = q.slot_edge()[k] as usize;
                assert_eq!(q.order[q.in_src[k] as usize] as usize, edges[j].0);
                assert_eq!(q.in_w.at(k), edges[j].3);
            }
        }
        for (j, e) in edges.iter().enumerate() {
            assert_eq!(q.edge(j), Some((e.0, e.1)));
            assert_eq!(q.weight(j), Some(e.3));
        }
    }

    #[test]
    fn components_match_mutual_reachability() {
        // Sparse random graphs (many components of all sizes): two nodes share a
        // component exactly when each reaches the other (checked by a plain
        // search from every node), and every edge between two components goes
        // forward in the condensation order.
        for seed in 0..20 {
            let n = 60;
            let edges = random_edges(n, 70, seed);
            let q = Qbaf::new(vec![0.5; n], &edges);
            let mut reach = vec![vec![false; n]; n];
            for (s, row) in reach.iter_mut().enumerate() {
                let mut stack = vec![s];
                row[s] = true;
                while let Some(v) = stack.pop() {
                    for e in edges.iter().filter(|e| e.0 == v) {
                        if !row[e.1] {
                            row[e.1] = true;
                            stack.push(e.1);
                        }
                    }
                }
            }
            let comp = |v: usize| q.comp_of[q.pos[v] as usize];
            for (a, row) in reach.iter().enumerate() {
                for (b, &ab) in row.iter().enumerate() {
                    assert_eq!(comp(a) == comp(b), ab && reach[b][a]);
                }
            }
            for e in &edges {
                assert!(comp(e.0) <= comp(e.1));
            }
            for members in q.components() {
                assert!(members.windows(2).all(|w| w[0] < w[1]));
            }
        }
    }
}
