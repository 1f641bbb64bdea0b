//! [`Qbaf`]: the compact, index-based graph the solvers run on.

use crate::graph::ArgGraph;
use crate::model::EdgeKind;

/// A quantitative bipolar argumentation framework in compact form: base scores
/// and, per node, its incoming attackers then supporters as flat arrays (CSR),
/// plus the condensation order of its strongly connected components.
///
/// Node `i` is the `i`-th base score (for [`Qbaf::from_graph`], the file's `i`-th
/// node); edge `j` is the `j`-th edge given (the file's `j`-th edge). Build it once
/// per graph; evaluations and what-if [`Overlay`](super::Overlay)s never change it.
#[derive(Clone, Debug)]
pub struct Qbaf {
    pub(crate) base: Vec<f64>,
    /// Incoming slots of node `v`: `in_start[v]..sup_start[v]` attacks,
    /// `sup_start[v]..in_start[v + 1]` supports, each in edge order.
    pub(crate) in_start: Vec<u32>,
    pub(crate) sup_start: Vec<u32>,
    pub(crate) in_src: Vec<u32>,
    pub(crate) in_w: Vec<f64>,
    pub(crate) slot_edge: Vec<u32>,
    /// Edges in input order.
    pub(crate) edge_from: Vec<u32>,
    pub(crate) edge_to: Vec<u32>,
    pub(crate) edge_slot: Vec<u32>,
    /// Outgoing CSR (targets), for descendant cones.
    pub(crate) out_start: Vec<u32>,
    pub(crate) out_dst: Vec<u32>,
    /// Nodes in condensation order: components are contiguous, each after every
    /// component it depends on; inside a component, by index.
    pub(crate) order: Vec<u32>,
    /// Position of each node in `order`.
    pub(crate) pos: Vec<u32>,
    /// Component `c` is `order[comp_start[c]..comp_start[c + 1]]`.
    pub(crate) comp_start: Vec<u32>,
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
}

impl Qbaf {
    /// The QBAF of a checked graph: its bases, edges and weights, with node and
    /// edge indices as in the file (error messages use the node ids).
    pub fn from_graph(g: &ArgGraph) -> Qbaf {
        let base: Vec<f64> = g.nodes().iter().map(|n| n.base).collect();
        let edges: Vec<(usize, usize, EdgeKind, f64)> = g
            .links()
            .iter()
            .map(|l| (l.from, l.to, l.kind, l.weight))
            .collect();
        let mut q = Qbaf::new(base, &edges);
        q.names = g.nodes().iter().map(|n| n.id.clone()).collect();
        q
    }

    /// A QBAF from base scores and edges `(from, to, kind, weight)`; the edge index
    /// is the position in `edges`. Parallel edges and self-loops are allowed (each
    /// edge counts). Bases must be in `[0, 1]` and weights finite and `>= 0`; if not,
    /// or if an endpoint is out of range, every evaluation returns
    /// [`crate::Error::InvalidQbaf`] naming the first problem (the edge is left out).
    pub fn new(base: Vec<f64>, edges: &[(usize, usize, EdgeKind, f64)]) -> Qbaf {
        let n = base.len();
        let mut problem = None;
        if n >= u32::MAX as usize || edges.len() >= u32::MAX as usize {
            problem = Some(format!(
                "too large: {n} nodes and {} edges (at most 2^32 - 2 of each)",
                edges.len()
            ));
        }
        if let Some((i, b)) = base
            .iter()
            .enumerate()
            .find(|(_, b)| !(b.is_finite() && (0.0..=1.0).contains(*b)))
        {
            problem.get_or_insert(format!("base of node #{i} is {b}, not in [0, 1]"));
        }
        let valid = |&(f, t, _, w): &(usize, usize, EdgeKind, f64)| {
            f < n && t < n && w.is_finite() && w >= 0.0
        };
        if let Some((j, e)) = edges.iter().enumerate().find(|(_, e)| !valid(e)) {
            problem.get_or_insert(format!(
                "edge #{j} ({} -> {}, weight {}) has an endpoint out of range (n = {n}) or a weight that is not a finite number >= 0",
                e.0, e.1, e.3
            ));
        }

        // Incoming CSR: count attacks and supports per target.
        let mut n_att = vec![0u32; n];
        let mut n_sup = vec![0u32; n];
        for e in edges.iter().filter(|e| valid(e)) {
            match e.2 {
                EdgeKind::Attack => n_att[e.1] += 1,
                EdgeKind::Support => n_sup[e.1] += 1,
            }
        }
        let mut in_start = Vec::with_capacity(n + 1);
        let mut sup_start = Vec::with_capacity(n);
        let mut acc = 0u32;
        for v in 0..n {
            in_start.push(acc);
            sup_start.push(acc + n_att[v]);
            acc += n_att[v] + n_sup[v];
        }
        in_start.push(acc);
        let slots = acc as usize;
        let mut in_src = vec![0u32; slots];
        let mut in_w = vec![0.0; slots];
        let mut slot_edge = vec![0u32; slots];
        let mut edge_from = Vec::with_capacity(edges.len());
        let mut edge_to = Vec::with_capacity(edges.len());
        let mut edge_slot = Vec::with_capacity(edges.len());
        let mut next_att: Vec<u32> = in_start[..n].to_vec();
        let mut next_sup = sup_start.clone();
        let mut heavy_edges = vec![];
        let mut support_edges = vec![];
        let mut out_count = vec![0u32; n + 1];
        for (j, e) in edges.iter().enumerate() {
            let (f, t, kind, w) = *e;
            if !valid(e) {
                // Left out; `problem` makes every evaluation fail.
                edge_from.push(0);
                edge_to.push(0);
                edge_slot.push(u32::MAX);
                continue;
            }
            let next = match kind {
                EdgeKind::Attack => &mut next_att[t],
                EdgeKind::Support => {
                    support_edges.push(j as u32);
                    &mut next_sup[t]
                }
            };
            let k = *next as usize;
            *next += 1;
            in_src[k] = f as u32;
            in_w[k] = w;
            slot_edge[k] = j as u32;
            edge_from.push(f as u32);
            edge_to.push(t as u32);
            edge_slot.push(k as u32);
            if w > 1.0 {
                heavy_edges.push(j as u32);
            }
            out_count[f] += 1;
        }

        // Outgoing CSR.
        let mut out_start = Vec::with_capacity(n + 1);
        let mut acc = 0u32;
        for c in out_count.iter().take(n) {
            out_start.push(acc);
            acc += c;
        }
        out_start.push(acc);
        let mut out_dst = vec![0u32; acc as usize];
        let mut next_out: Vec<u32> = out_start[..n].to_vec();
        for (j, e) in edges.iter().enumerate() {
            if edge_slot[j] == u32::MAX {
                continue;
            }
            let k = next_out[e.0] as usize;
            next_out[e.0] += 1;
            out_dst[k] = e.1 as u32;
        }

        let (order, comp_start) = condensation(n, &out_start, &out_dst);
        let ncomp = comp_start.len() - 1;
        let mut pos = vec![0u32; n];
        let mut comp_of = vec![0u32; n];
        let mut comp_cyclic = vec![false; ncomp];
        for c in 0..ncomp {
            let (a, b) = (comp_start[c] as usize, comp_start[c + 1] as usize);
            for (i, &v) in order[a..b].iter().enumerate() {
                pos[v as usize] = (a + i) as u32;
                comp_of[v as usize] = c as u32;
            }
            comp_cyclic[c] = b - a > 1;
        }
        for j in 0..edges.len() {
            if edge_slot[j] != u32::MAX && edge_from[j] == edge_to[j] {
                comp_cyclic[comp_of[edge_from[j] as usize] as usize] = true;
            }
        }
        let acyclic = !comp_cyclic.iter().any(|&c| c);
        Qbaf {
            base,
            in_start,
            sup_start,
            in_src,
            in_w,
            slot_edge,
            edge_from,
            edge_to,
            edge_slot,
            out_start,
            out_dst,
            order,
            pos,
            comp_start,
            comp_of,
            comp_cyclic,
            acyclic,
            heavy_edges,
            support_edges,
            names: vec![],
            problem,
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
        (*self.edge_slot.get(j)? != u32::MAX)
            .then(|| (self.edge_from[j] as usize, self.edge_to[j] as usize))
    }

    /// The weight of edge `j` as built.
    pub fn weight(&self, j: usize) -> Option<f64> {
        let k = *self.edge_slot.get(j)?;
        (k != u32::MAX).then(|| self.in_w[k as usize])
    }

    /// The direct targets of node `v` (one entry per edge, grouped by source).
    pub fn targets(&self, v: usize) -> &[u32] {
        &self.out_dst[self.out_start[v] as usize..self.out_start[v + 1] as usize]
    }

    /// The incoming edges of node `v` (edge indices): its attacks first, then its
    /// supports, each in edge order.
    pub fn incoming_edges(&self, v: usize) -> &[u32] {
        &self.slot_edge[self.in_start[v] as usize..self.in_start[v + 1] as usize]
    }

    /// The strongly connected components in condensation (topological) order:
    /// every component comes after the components it depends on. Nodes inside a
    /// component are sorted by index.
    pub fn components(&self) -> impl Iterator<Item = &[u32]> + '_ {
        self.comp_start
            .windows(2)
            .map(|w| &self.order[w[0] as usize..w[1] as usize])
    }

    /// The name used for node `v` in messages: its id, or `#v`.
    pub(crate) fn name(&self, v: usize) -> String {
        self.names
            .get(v)
            .cloned()
            .unwrap_or_else(|| format!("#{v}"))
    }
}

/// Tarjan's algorithm (iterative) over the outgoing CSR. Returns the nodes in
/// condensation order (sources first; each component's nodes sorted) and the
/// component boundaries.
fn condensation(n: usize, out_start: &[u32], out_dst: &[u32]) -> (Vec<u32>, Vec<u32>) {
    const UNSEEN: u32 = u32::MAX;
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0u32; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<u32> = vec![];
    // Call stack: (node, next out-slot to look at).
    let mut calls: Vec<(u32, u32)> = vec![];
    let mut next_index = 0u32;
    // Components come out sinks first; collected then reversed.
    let mut comps_rev: Vec<u32> = Vec::with_capacity(n);
    let mut bounds_rev: Vec<u32> = vec![0];
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        calls.push((root as u32, out_start[root]));
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root as u32);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut k)) = calls.last_mut() {
            let vu = v as usize;
            if *k < out_start[vu + 1] {
                let w = out_dst[*k as usize] as usize;
                *k += 1;
                if index[w] == UNSEEN {
                    index[w] = next_index;
                    low[w] = next_index;
                    next_index += 1;
                    stack.push(w as u32);
                    on_stack[w] = true;
                    calls.push((w as u32, out_start[w]));
                } else if on_stack[w] {
                    low[vu] = low[vu].min(index[w]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(p, _)) = calls.last() {
                let pu = p as usize;
                low[pu] = low[pu].min(low[vu]);
            }
            if low[vu] == index[vu] {
                let start = comps_rev.len();
                loop {
                    let w = stack.pop().expect("Tarjan stack holds the component");
                    on_stack[w as usize] = false;
                    comps_rev.push(w);
                    if w == v {
                        break;
                    }
                }
                comps_rev[start..].sort_unstable();
                bounds_rev.push(comps_rev.len() as u32);
            }
        }
    }
    // Reverse the component order, keeping each component's inner order.
    let ncomp = bounds_rev.len() - 1;
    let mut order = Vec::with_capacity(n);
    let mut comp_start = Vec::with_capacity(ncomp + 1);
    for c in (0..ncomp).rev() {
        comp_start.push(order.len() as u32);
        order.extend_from_slice(&comps_rev[bounds_rev[c] as usize..bounds_rev[c + 1] as usize]);
    }
    comp_start.push(order.len() as u32);
    (order, comp_start)
}
