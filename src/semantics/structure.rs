//! Structured arguments in the solver: linked premises and undercuts.
//!
//! Each *inference* that needs one (a linked edge, or an edge that is
//! undercut) becomes an extra node of the [`Qbaf`], after the file's nodes:
//! its premises are its incoming *support* slots, its undercutters its
//! incoming *attack* slots, and its strength is
//!
//! ```text
//! σ(I) = S(min_p σ(p), undercutters, no supporters)
//! ```
//!
//! where `S` is the semantics' own strength function (its aggregation and
//! influence): the inference is an argument whose base score is its weakest
//! premise (Pollock's weakest link), attacked by its undercutters (as AIF's CA
//! nodes attack RA nodes, and AFRA's attacks on attacks). The edge then acts on
//! its target with its weight times `σ(I)`. The design, its sources and the
//! properties it keeps are in `docs/semantics.md`.
//!
//! File edge `j` stays Qbaf edge `j` (for an inference: the edge from the
//! inference node to the target; an undercut: an attack on the undercut
//! edge's inference node); the premise edges come after the file's edges.

use super::Qbaf;
use super::core::{Input, Semantics};
use super::solve::View;
use crate::graph::ArgGraph;
use crate::model::EdgeKind;

/// The QBAF of a graph with structure (see the module docs).
pub(crate) fn expand(g: &ArgGraph) -> Qbaf {
    let n = g.len();
    let links = g.links();
    // Which edges get an inference node, and its index.
    let mut inference = vec![usize::MAX; links.len()];
    let mut k = n;
    for (j, slot) in inference.iter_mut().enumerate() {
        if g.premises(j).len() > 1 || !g.undercuts(j).is_empty() {
            *slot = k;
            k += 1;
        }
    }
    let mut base: Vec<f64> = g.nodes().iter().map(|x| x.base).collect();
    let mut names: Vec<String> = g.nodes().iter().map(|x| x.id.clone()).collect();
    for (j, &i) in inference.iter().enumerate() {
        if i != usize::MAX {
            // Its base before any evaluation (the start of an iteration, and
            // what card-based reads: founded when every premise is).
            let min = g
                .premises(j)
                .iter()
                .map(|&p| g.node(p).base)
                .fold(1.0, f64::min);
            base.push(min);
            names.push(g.model().edges[j].data().from_label());
        }
    }
    let mut edges = Vec::with_capacity(links.len() + g.len());
    for (j, l) in links.iter().enumerate() {
        let from = if inference[j] == usize::MAX {
            l.from
        } else {
            inference[j]
        };
        let (to, kind) = match l.kind {
            // The undercut edge has an inference node: it is undercut.
            EdgeKind::Undercut => (inference[l.to], EdgeKind::Attack),
            kind => (l.to, kind),
        };
        edges.push((from, to, kind, l.weight));
    }
    let premise_edges = edges.len();
    for (j, &i) in inference.iter().enumerate() {
        if i != usize::MAX {
            for &p in g.premises(j) {
                edges.push((p, i, EdgeKind::Support, 1.0));
            }
        }
    }
    // A checked graph has bases in `[0, 1]` (an inference's is its weakest
    // premise's), weights finite and `>= 0` (a premise edge's is 1) and
    // endpoints that are nodes.
    let mut q = Qbaf::new(base, &edges).expect("a checked structured graph is a valid QBAF");
    q.names = names;
    mark(&mut q, n, premise_edges);
    q
}

/// Marks the nodes from `args` on as inference nodes and the edges from
/// `premise_edges` on as their premise edges (for [`expand`], and for the
/// analyses that rebuild a part of a graph as a [`Qbaf`] of its own).
pub(crate) fn mark(q: &mut Qbaf, args: usize, premise_edges: usize) {
    q.args = args;
    q.premise_edges = premise_edges;
    q.infer = vec![false; q.len()];
    for i in args..q.len() {
        q.infer[q.pos[i] as usize] = true;
    }
}

/// The strength of the inference at position `v`: the semantics' strength with
/// the weakest premise as base and the undercutters as attackers (no
/// supporters). Premises or undercutters that the view removes are left out;
/// an inference whose premises are all removed has strength 0.
#[inline(never)]
pub(crate) fn update<S: Semantics, V: View>(q: &Qbaf, view: &V, v: usize, s: &[f64]) -> f64 {
    if !V::PLAIN && view.removed(v) {
        return 0.0;
    }
    let a = q.incoming.start()[v] as usize;
    let m = q.sup_start[v] as usize;
    let b = q.incoming.start()[v + 1] as usize;
    let live = |k: usize| {
        V::PLAIN || {
            let e = q.slot_edge()[k] as usize;
            !(view.edge_removed(e) || view.removed(q.incoming.targets()[k] as usize))
        }
    };
    let mut weakest = f64::INFINITY;
    for k in (m..b).filter(|&k| live(k)) {
        weakest = weakest.min(s[q.incoming.targets()[k] as usize]);
    }
    if weakest == f64::INFINITY {
        return 0.0;
    }
    let undercut = (a..m).filter(|&k| live(k)).map(|k| {
        let j = q.incoming.targets()[k] as usize;
        let w = if V::PLAIN {
            q.in_w.at(k)
        } else {
            view.weight(q.slot_edge()[k] as usize, q.in_w.at(k))
        };
        Input {
            ws: w * s[j],
            founded: !S::USES_FOUNDED || view.base(q, j) > 0.0,
        }
    });
    S::strength(weakest, undercut, std::iter::empty())
}
