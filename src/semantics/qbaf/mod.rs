//! [`Qbaf`]: the compact, index-based graph the solvers run on.
//!
//! This file holds the type, its constructors (each checks its input and
//! returns `Result`) and its accessors; the construction's two halves are
//! `order.rs` (which way the edges point, the strongly connected components
//! and the condensation order of the positions) and `slots.rs` (the incoming
//! attackers and supporters of each position as compressed rows, and their
//! weights).

mod order;
mod slots;

use std::sync::OnceLock;

use crate::error::Error;
use crate::graph::ArgGraph;
use crate::graph::csr::Csr;
use crate::model::EdgeKind;
use order::{EdgeFacts, condensation_order};
pub(crate) use slots::SlotWeights;
use slots::{Incoming, incoming_laid_out, slot_edges};

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
    /// The incoming slots by position, each holding the source's position:
    /// row `p` is `incoming.start()[p]..sup_start[p]` attacks, then
    /// `sup_start[p]..incoming.start()[p + 1]` supports, each in edge order.
    pub(crate) incoming: Csr,
    pub(crate) sup_start: Vec<u32>,
    /// The weight of each slot (the edge in each
    /// slot, which only the what-if analyses read, is [`Qbaf::slot_edge`]).
    pub(crate) in_w: SlotWeights,
    /// Edges in input order: endpoints (node indices).
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
    /// Structured arguments (see [`super::structure`]): whether each position
    /// is an inference node (empty when there is none), how many of the nodes
    /// are the file's (the inference nodes follow them), and the first of the
    /// premise edges (which follow the file's edges).
    pub(crate) infer: Vec<bool>,
    pub(crate) args: usize,
    pub(crate) premise_edges: usize,
    /// What only the what-if analyses read, built on first use.
    lazy: Lazy,
}
/// The parts of a [`Qbaf`] that a plain evaluation never reads: built on first
/// use, so that `argmap eval` does not pay for them.
#[derive(Clone, Debug, Default)]
struct Lazy {
    /// The edge in each slot (see [`Qbaf::slot_edge`]).
    slot_edge: OnceLock<Vec<u32>>,
    /// The slot of each edge: the inverse of `slot_edge`.
    edge_slot: OnceLock<Vec<u32>>,
    /// Outgoing CSR by position (target positions, in edge order), for
    /// descendant cones.
    out: OnceLock<Csr>,
}
impl Qbaf {
    /// The QBAF of a checked graph: its bases, edges and weights, with node and
    /// edge indices as in the file (error messages use the node ids).
    ///
    /// A graph with linked edges or undercuts gets one more node per inference
    /// (after the file's nodes; [`Qbaf::args`] counts the file's) and its
    /// premise edges (after the file's edges): see `docs/semantics.md`.
    pub fn from_graph(g: &ArgGraph) -> Qbaf {
        if g.has_structure() {
            return super::structure::expand(g);
        }
        let base: Vec<f64> = g.nodes().iter().map(|n| n.base).collect();
        let edges = g.links().iter().map(|l| (l.from, l.to, l.kind, l.weight));
        // A checked graph has bases in `[0, 1]`, weights finite and `>= 0`,
        // endpoints that are nodes, and far fewer than 2^32 nodes and edges
        // (a file is at most a few GiB).
        let mut q = Qbaf::from_edges(base, edges).expect("a checked graph is a valid QBAF");
        q.names = g.nodes().iter().map(|n| n.id.clone()).collect();
        q
    }

    /// A QBAF from base scores and edges `(from, to, kind, weight)`; the edge index
    /// is the position in `edges`. Parallel edges and self-loops are allowed (each
    /// edge counts).
    ///
    /// # Errors
    /// [`Error::InvalidQbaf`] naming the first problem: a base outside
    /// `[0, 1]`, a weight that is not finite and `>= 0`, an endpoint out of
    /// range, or 2^32 - 1 nodes or edges or more.
    ///
    /// # Complexity
    /// O(n + m) when the node order is topological or reverse topological,
    /// otherwise O(n + m + c log c) for c strongly connected components.
    pub fn new(base: Vec<f64>, edges: &[(usize, usize, EdgeKind, f64)]) -> Result<Qbaf, Error> {
        Qbaf::from_edges(base, edges.iter().copied())
    }

    /// [`Qbaf::new`] over edges given one by one (for [`Qbaf::from_graph`],
    /// which then needs no vector of tuples).
    fn from_edges(
        base: Vec<f64>,
        edges: impl ExactSizeIterator<Item = (usize, usize, EdgeKind, f64)>,
    ) -> Result<Qbaf, Error> {
        let n = base.len();
        let m = edges.len();
        check_sizes(n, m)?;
        check_bases(&base)?;
        let mut edge_from = Vec::with_capacity(m);
        let mut edge_to = Vec::with_capacity(m);
        let mut weight = Vec::with_capacity(m);
        let mut support_edges = vec![];
        for (j, (f, t, kind, w)) in edges.enumerate() {
            if !(f < n && t < n && w.is_finite() && w >= 0.0) {
                return Err(invalid(format!(
                    "edge #{j} ({f} -> {t}, weight {w}) has an endpoint out of range (n = {n}) or a weight that is not a finite number >= 0"
                )));
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
        Ok(Qbaf::build(base, cols))
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
    /// `>= 0`. Bases and sizes are checked as by [`Qbaf::new`], with the same
    /// errors.
    pub(crate) fn from_columns(
        base: Vec<f64>,
        edge_from: Vec<u32>,
        edge_to: Vec<u32>,
        weight: Option<Vec<f64>>,
        support_edges: Vec<u32>,
    ) -> Result<Qbaf, Error> {
        check_sizes(base.len(), edge_from.len())?;
        check_bases(&base)?;
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
        Ok(Qbaf::build(base, cols))
    }

    /// The one construction behind [`Qbaf::new`] and [`Qbaf::from_columns`],
    /// once they have checked the bases, the edges and the sizes.
    fn build(base: Vec<f64>, cols: Columns) -> Qbaf {
        let Columns {
            edge_from,
            edge_to,
            weight,
            support_edges,
        } = cols;
        let n = base.len();
        let ends = Ends {
            from: &edge_from,
            to: &edge_to,
        };
        let EdgeFacts {
            forward,
            backward,
            heavy_edges,
            self_loops,
        } = EdgeFacts::of(ends, weight.as_deref());

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
                let (order, comp_start) = condensation_order(n, ends);
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
        let (in_start, sup_start, in_src, in_w) = incoming_laid_out(n, inc, layout, &pos);
        drop(weight);
        let pbase = order.iter().map(|&v| base[v as usize]).collect();
        let m = edge_to.len();
        Qbaf {
            base,
            pbase,
            incoming: Csr::from_parts(in_start, in_src),
            sup_start,
            in_w,
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
            infer: vec![],
            args: n,
            premise_edges: m,
            lazy: Lazy::default(),
        }
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.base.len()
    }

    /// Number of the file's nodes: [`Qbaf::len`] less the inference nodes of
    /// structured arguments.
    pub fn args(&self) -> usize {
        self.args
    }

    /// The first premise edge of an inference (the edges from here on are; the
    /// edge count when there are none).
    pub(crate) fn premise_edges(&self) -> usize {
        self.premise_edges
    }

    /// Whether some nodes stand for inferences (the graph has linked premises
    /// or undercuts).
    pub fn has_inferences(&self) -> bool {
        self.args < self.len()
    }

    /// Whether node `v` stands for an inference (a linked or undercut edge),
    /// not a node of the file.
    pub fn is_inference(&self, v: usize) -> bool {
        v >= self.args && v < self.len()
    }

    /// Whether there are no nodes.
    pub fn is_empty(&self) -> bool {
        self.base.is_empty()
    }

    /// Number of edges.
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

    /// Source and target of edge `j` (`None` if out of range).
    pub fn edge(&self, j: usize) -> Option<(usize, usize)> {
        Some((*self.edge_from.get(j)? as usize, self.edge_to[j] as usize))
    }

    /// The weight of edge `j` as built.
    pub fn weight(&self, j: usize) -> Option<f64> {
        let k = *self.edge_slot().get(j)?;
        Some(self.in_w.at(k as usize))
    }

    /// Whether edge `j` is an attack or a support (`None` if out of range).
    /// Added for the what-if analyses, which need the kind of each edge to
    /// differentiate and explain a node's update.
    pub fn edge_kind(&self, j: usize) -> Option<EdgeKind> {
        let k = *self.edge_slot().get(j)?;
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
        &self.slot_edge()[self.incoming.start()[p] as usize..self.incoming.start()[p + 1] as usize]
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
            slot_edges(inc, |v| self.pos[v], self.incoming.start(), &self.sup_start)
        })
    }

    /// The slot of each edge (built on first use).
    pub(crate) fn edge_slot(&self) -> &[u32] {
        self.lazy.edge_slot.get_or_init(|| {
            let mut es = vec![0; self.edge_from.len()];
            for (k, &j) in self.slot_edge().iter().enumerate() {
                es[j as usize] = k as u32;
            }
            es
        })
    }

    /// The target positions of position `p`, one per edge, in edge order (the
    /// outgoing CSR is built on first use).
    pub(crate) fn out_targets(&self, p: usize) -> &[u32] {
        self.lazy
            .out
            .get_or_init(|| {
                let live =
                    self.edge_from.iter().zip(&self.edge_to).map(|(&f, &t)| {
                        (self.pos[f as usize] as usize, self.pos[t as usize] as usize)
                    });
                Csr::new(self.len(), live)
            })
            .row(p)
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
/// [`Error::InvalidQbaf`] saying `what`.
fn invalid(what: String) -> Error {
    Error::InvalidQbaf { what }
}
/// Node and edge indices are `u32`s.
fn check_sizes(n: usize, m: usize) -> Result<(), Error> {
    if n >= u32::MAX as usize || m >= u32::MAX as usize {
        return Err(invalid(format!(
            "too large: {n} nodes and {m} edges (at most 2^32 - 2 of each)"
        )));
    }
    Ok(())
}
/// Every base in `[0, 1]`.
fn check_bases(base: &[f64]) -> Result<(), Error> {
    match base
        .iter()
        .enumerate()
        .find(|(_, b)| !(b.is_finite() && (0.0..=1.0).contains(*b)))
    {
        Some((i, b)) => Err(invalid(format!("base of node #{i} is {b}, not in [0, 1]"))),
        None => Ok(()),
    }
}
/// The endpoints of every edge (node indices), in edge order.
#[derive(Clone, Copy)]
struct Ends<'a> {
    from: &'a [u32],
    to: &'a [u32],
}
impl Ends<'_> {
    /// `(j, from, to)` of each edge `j`.
    fn live(self) -> impl Iterator<Item = (usize, usize, usize)> + Clone {
        self.from
            .iter()
            .zip(self.to)
            .enumerate()
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
/// Checks for readers that build a [`Qbaf`] straight from a file.
impl Qbaf {
    /// Whether two edges join the same pair of nodes in the same direction
    /// (the same edge twice, or a support and an attack), which
    /// [`crate::validate`] refuses. One pass over the incoming lists, with a
    /// mark per source.
    pub(crate) fn has_repeated_pair(&self) -> bool {
        let mut mark = vec![u32::MAX; self.len()];
        (0..self.len()).any(|p| {
            let slots = self.incoming.start()[p] as usize..self.incoming.start()[p + 1] as usize;
            self.incoming.targets()[slots].iter().any(|&s| {
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
        assert_eq!(a.incoming.start(), b.incoming.start(), "in_start");
        assert_eq!(a.sup_start, b.sup_start, "sup_start");
        assert_eq!(a.incoming.targets(), b.incoming.targets(), "in_src");
        assert_eq!(a.in_w, b.in_w, "in_w");
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
        let new = Qbaf::new(base.clone(), &edges).unwrap();
        let cols = Qbaf::from_columns(
            base,
            edges.iter().map(|e| e.0 as u32).collect(),
            edges.iter().map(|e| e.1 as u32).collect(),
            Some(edges.iter().map(|e| e.3).collect()),
            vec![1, 2, 5],
        )
        .unwrap();
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
    }
    #[test]
    fn edge_kinds_follow_the_input() {
        // Attacks and supports interleaved, into the same and different targets.
        let mut edges = vec![
            (1, 0, EdgeKind::Support, 1.0),
            (2, 0, EdgeKind::Attack, 0.5),
            (2, 1, EdgeKind::Attack, 1.0),
            (1, 0, EdgeKind::Attack, 1.0),
        ];
        let q = Qbaf::new(vec![0.5; 3], &edges).unwrap();
        let kinds: Vec<_> = (0..5).map(|j| q.edge_kind(j)).collect();
        assert_eq!(
            kinds,
            [
                Some(EdgeKind::Support),
                Some(EdgeKind::Attack),
                Some(EdgeKind::Attack),
                Some(EdgeKind::Attack),
                None
            ]
        );
        // An endpoint out of range, a bad weight, a bad base: refused when
        // built, naming the first problem.
        edges.push((5, 0, EdgeKind::Support, 1.0));
        let err = Qbaf::new(vec![0.5; 3], &edges).unwrap_err().to_string();
        assert!(
            err.starts_with("invalid QBAF: edge #4 (5 -> 0, weight 1)"),
            "{err}"
        );
        edges[4] = (1, 0, EdgeKind::Support, f64::NAN);
        let err = Qbaf::new(vec![0.5; 3], &edges).unwrap_err().to_string();
        assert!(
            err.starts_with("invalid QBAF: edge #4 (1 -> 0, weight NaN)"),
            "{err}"
        );
        let err = Qbaf::new(vec![0.5, 1.5, 0.5], &edges[..4]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid QBAF: base of node #1 is 1.5, not in [0, 1]"
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
    pub(super) fn random_edges(
        n: usize,
        m: usize,
        seed: u64,
    ) -> Vec<(usize, usize, EdgeKind, f64)> {
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
            let q = Qbaf::new(vec![0.5; n], edges).unwrap();
            assert_eq!(q.layout, layout);
            let sp: Vec<f64> = (0..n).map(|p| 0.5 + p as f64 / (1 << 20) as f64).collect();
            let want = q.by_node(&sp);
            assert_eq!(q.by_node_owned(sp), want, "{layout:?}");
            for (v, &x) in want.iter().enumerate() {
                assert_eq!(x, 0.5 + q.pos[v] as f64 / (1 << 20) as f64);
            }
        }
    }
    /// An edge as `Qbaf::new` takes it: source, target, kind, weight.
    pub(super) type Edge = (usize, usize, EdgeKind, f64);
    /// `edges` without self-loops, each turned to point to the later node
    /// (positions = nodes), and the same turned to the earlier one
    /// (positions = nodes reversed).
    pub(super) fn one_way(edges: &[Edge]) -> (Vec<Edge>, Vec<Edge>) {
        let forward: Vec<_> = edges
            .iter()
            .filter(|e| e.0 != e.1)
            .map(|e| (e.0.min(e.1), e.0.max(e.1), e.2, e.3))
            .collect();
        let backward = forward.iter().map(|e| (e.1, e.0, e.2, e.3)).collect();
        (forward, backward)
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
            let q = Qbaf::new(vec![0.5; n], &edges).unwrap();
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
