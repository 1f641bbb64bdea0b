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
    /// The source's position, weight and edge index of each slot.
    pub(crate) in_src: Vec<u32>,
    pub(crate) in_w: Vec<f64>,
    pub(crate) slot_edge: Vec<u32>,
    /// Edges in input order: endpoints (node indices) and slot (`u32::MAX` if
    /// left out as invalid).
    pub(crate) edge_from: Vec<u32>,
    pub(crate) edge_to: Vec<u32>,
    pub(crate) edge_slot: Vec<u32>,
    /// Outgoing CSR by position (target positions), for descendant cones.
    pub(crate) out_start: Vec<u32>,
    pub(crate) out_dst: Vec<u32>,
    /// The node at each position, and the position of each node.
    pub(crate) order: Vec<u32>,
    pub(crate) pos: Vec<u32>,
    /// Component `c` is the positions `comp_start[c]..comp_start[c + 1]`.
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
    ///
    /// # Complexity
    /// O(n + m) when the node order is topological or reverse topological,
    /// otherwise O(n + m + c log c) for c strongly connected components.
    pub fn new(base: Vec<f64>, edges: &[(usize, usize, EdgeKind, f64)]) -> Qbaf {
        let n = base.len();
        let m = edges.len();
        let mut problem = None;
        if n >= u32::MAX as usize || m >= u32::MAX as usize {
            problem = Some(format!(
                "too large: {n} nodes and {m} edges (at most 2^32 - 2 of each)"
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
        let ok: Vec<bool> = edges.iter().map(valid).collect();

        // Positions: condensation order.
        let (order, comp_start) = condensation_order(n, edges, &ok);
        let mut pos = vec![0u32; n];
        for (p, &v) in order.iter().enumerate() {
            pos[v as usize] = p as u32;
        }
        let ncomp = comp_start.len() - 1;
        let mut comp_of = vec![0u32; n];
        let mut comp_cyclic = vec![false; ncomp];
        for c in 0..ncomp {
            let (a, b) = (comp_start[c] as usize, comp_start[c + 1] as usize);
            comp_of[a..b].iter_mut().for_each(|x| *x = c as u32);
            comp_cyclic[c] = b - a > 1;
        }

        // Incoming CSR by position: count attacks and supports per target.
        let mut n_att = vec![0u32; n];
        let mut n_sup = vec![0u32; n];
        let mut n_out = vec![0u32; n];
        for (e, _) in edges.iter().zip(&ok).filter(|(_, ok)| **ok) {
            let t = pos[e.1] as usize;
            match e.2 {
                EdgeKind::Attack => n_att[t] += 1,
                EdgeKind::Support => n_sup[t] += 1,
            }
            n_out[pos[e.0] as usize] += 1;
        }
        let mut in_start = Vec::with_capacity(n + 1);
        let mut sup_start = Vec::with_capacity(n);
        let mut acc = 0u32;
        for p in 0..n {
            in_start.push(acc);
            sup_start.push(acc + n_att[p]);
            acc += n_att[p] + n_sup[p];
        }
        in_start.push(acc);
        let slots = acc as usize;
        let mut in_src = vec![0u32; slots];
        let mut in_w = vec![0.0; slots];
        let mut slot_edge = vec![0u32; slots];
        let mut out_start = Vec::with_capacity(n + 1);
        let mut acc = 0u32;
        for &c in &n_out {
            out_start.push(acc);
            acc += c;
        }
        out_start.push(acc);
        let mut out_dst = vec![0u32; acc as usize];
        let mut next_att: Vec<u32> = in_start[..n].to_vec();
        let mut next_sup = sup_start.clone();
        let mut next_out: Vec<u32> = out_start[..n].to_vec();
        let mut edge_from = Vec::with_capacity(m);
        let mut edge_to = Vec::with_capacity(m);
        let mut edge_slot = Vec::with_capacity(m);
        let mut heavy_edges = vec![];
        let mut support_edges = vec![];
        for (j, (e, &ok)) in edges.iter().zip(&ok).enumerate() {
            let (f, t, kind, w) = *e;
            if !ok {
                // Left out; `problem` makes every evaluation fail.
                edge_from.push(0);
                edge_to.push(0);
                edge_slot.push(u32::MAX);
                continue;
            }
            let (pf, pt) = (pos[f], pos[t] as usize);
            let next = match kind {
                EdgeKind::Attack => &mut next_att[pt],
                EdgeKind::Support => {
                    support_edges.push(j as u32);
                    &mut next_sup[pt]
                }
            };
            let k = *next as usize;
            *next += 1;
            in_src[k] = pf;
            in_w[k] = w;
            slot_edge[k] = j as u32;
            edge_from.push(f as u32);
            edge_to.push(t as u32);
            edge_slot.push(k as u32);
            if w > 1.0 {
                heavy_edges.push(j as u32);
            }
            let o = &mut next_out[pf as usize];
            out_dst[*o as usize] = pt as u32;
            *o += 1;
            if f == t {
                comp_cyclic[comp_of[pt] as usize] = true;
            }
        }
        let acyclic = !comp_cyclic.iter().any(|&c| c);
        let pbase = order.iter().map(|&v| base[v as usize]).collect();
        Qbaf {
            base,
            pbase,
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

    /// Whether edge `j` is an attack or a support (`None` if out of range or left
    /// out as invalid). Added for the what-if analyses, which need the kind of
    /// each edge to differentiate and explain a node's update.
    pub fn edge_kind(&self, j: usize) -> Option<EdgeKind> {
        let k = *self.edge_slot.get(j)?;
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

    /// The direct targets of node `v` (one entry per edge).
    pub fn targets(&self, v: usize) -> impl Iterator<Item = usize> + '_ {
        let p = self.pos[v] as usize;
        self.out_dst[self.out_start[p] as usize..self.out_start[p + 1] as usize]
            .iter()
            .map(|&t| self.order[t as usize] as usize)
    }

    /// The incoming edges of node `v` (edge indices): its attacks first, then its
    /// supports, each in edge order.
    pub fn incoming_edges(&self, v: usize) -> &[u32] {
        let p = self.pos[v] as usize;
        &self.slot_edge[self.in_start[p] as usize..self.in_start[p + 1] as usize]
    }

    /// The strongly connected components (node indices) in condensation
    /// (topological) order: every component comes after the components it depends
    /// on. Nodes inside a component are sorted by index.
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

    /// Node-indexed strengths from position-indexed ones.
    pub(crate) fn by_node(&self, sp: &[f64]) -> Vec<f64> {
        let mut out = vec![0.0; sp.len()];
        for (&v, &x) in self.order.iter().zip(sp) {
            out[v as usize] = x;
        }
        out
    }
}

/// The nodes in condensation order (each component's nodes sorted, components
/// topologically sorted, ties broken by smallest node index) and the component
/// boundaries. Identity (or reversed) when the index order already is topological
/// (or reverse topological) and acyclic.
fn condensation_order(
    n: usize,
    edges: &[(usize, usize, EdgeKind, f64)],
    ok: &[bool],
) -> (Vec<u32>, Vec<u32>) {
    let valid = || edges.iter().zip(ok).filter(|(_, ok)| **ok).map(|(e, _)| e);
    let all_singletons = |order: Vec<u32>| {
        let bounds = (0..=n as u32).collect();
        (order, bounds)
    };
    if valid().all(|e| e.0 < e.1) {
        return all_singletons((0..n as u32).collect());
    }
    if valid().all(|e| e.0 > e.1) {
        return all_singletons((0..n as u32).rev().collect());
    }
    // Outgoing CSR by node.
    let mut out_start = vec![0u32; n + 1];
    for e in valid() {
        out_start[e.0 + 1] += 1;
    }
    for i in 0..n {
        out_start[i + 1] += out_start[i];
    }
    let mut next = out_start.clone();
    let mut out_dst = vec![0u32; out_start[n] as usize];
    for e in valid() {
        out_dst[next[e.0] as usize] = e.1 as u32;
        next[e.0] += 1;
    }
    let comp = tarjan(n, &out_start, &out_dst);
    let ncomp = comp.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
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
    // Kahn's algorithm on the condensation, smallest first member first.
    let mut indeg = vec![0u32; ncomp];
    for e in valid() {
        let (a, b) = (comp[e.0], comp[e.1]);
        if a != b {
            indeg[b as usize] += 1;
        }
    }
    let mut heap: std::collections::BinaryHeap<std::cmp::Reverse<(u32, u32)>> = (0..ncomp)
        .filter(|&c| indeg[c] == 0)
        .map(|c| std::cmp::Reverse((members[cstart[c] as usize], c as u32)))
        .collect();
    let mut order = Vec::with_capacity(n);
    let mut bounds = Vec::with_capacity(ncomp + 1);
    while let Some(std::cmp::Reverse((_, c))) = heap.pop() {
        let c = c as usize;
        bounds.push(order.len() as u32);
        let ms = &members[cstart[c] as usize..cstart[c + 1] as usize];
        order.extend_from_slice(ms);
        for &v in ms {
            let v = v as usize;
            for &t in &out_dst[out_start[v] as usize..out_start[v + 1] as usize] {
                let d = comp[t as usize] as usize;
                if d != c {
                    indeg[d] -= 1;
                    if indeg[d] == 0 {
                        heap.push(std::cmp::Reverse((members[cstart[d] as usize], d as u32)));
                    }
                }
            }
        }
    }
    bounds.push(order.len() as u32);
    (order, bounds)
}

/// Tarjan's algorithm (iterative) over an outgoing CSR: the component of each node.
fn tarjan(n: usize, out_start: &[u32], out_dst: &[u32]) -> Vec<u32> {
    const UNSEEN: u32 = u32::MAX;
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0u32; n];
    let mut comp = vec![UNSEEN; n];
    let mut stack: Vec<u32> = vec![];
    // Call stack: (node, next out-slot to look at).
    let mut calls: Vec<(u32, u32)> = vec![];
    let mut next_index = 0u32;
    let mut ncomp = 0u32;
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root as u32);
        calls.push((root as u32, out_start[root]));
        while let Some(top) = calls.last_mut() {
            let v = top.0 as usize;
            if top.1 < out_start[v + 1] {
                let w = out_dst[top.1 as usize] as usize;
                top.1 += 1;
                if index[w] == UNSEEN {
                    index[w] = next_index;
                    low[w] = next_index;
                    next_index += 1;
                    stack.push(w as u32);
                    calls.push((w as u32, out_start[w]));
                } else if comp[w] == UNSEEN {
                    // On the stack: w is in the current path's component.
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(p, _)) = calls.last() {
                let p = p as usize;
                low[p] = low[p].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    comp[w as usize] = ncomp;
                    if w as usize == v {
                        break;
                    }
                }
                ncomp += 1;
            }
        }
    }
    comp
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
