//! Which way a [`Qbaf`](super::Qbaf)'s edges point, and the condensation
//! order of its positions: the strongly connected components
//! ([`crate::graph::scc`]) sorted topologically.

use super::Ends;
use crate::graph::csr::Csr;
use crate::graph::scc;

/// What one pass over the edges finds out for [`Qbaf::build`].
pub(super) struct EdgeFacts {
    /// Whether every edge points to a later node (the node order is
    /// topological), or every one to an earlier node (reverse topological).
    pub(super) forward: bool,
    pub(super) backward: bool,
    /// Edges with weight above 1.
    pub(super) heavy_edges: Vec<u32>,
    /// The node of each self-loop.
    pub(super) self_loops: Vec<usize>,
}
impl EdgeFacts {
    /// The facts over the edges.
    pub(super) fn of(ends: Ends<'_>, weight: Option<&[f64]>) -> EdgeFacts {
        let mut facts = EdgeFacts {
            forward: true,
            backward: true,
            heavy_edges: vec![],
            self_loops: vec![],
        };
        for (j, f, t) in ends.live() {
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
/// The nodes in condensation order (each component's nodes sorted, components
/// topologically sorted, ties broken by smallest node index) and the component
/// boundaries.
pub(super) fn condensation_order(n: usize, ends: Ends<'_>) -> (Vec<u32>, Vec<u32>) {
    // Outgoing CSR by node.
    let out = Csr::new(n, ends.live().map(|(_, f, t)| (f, t)));
    let comp = scc::components(&out);
    let (out_start, mut out_dst) = out.into_parts();
    // From here on only the components of the targets matter: replace each
    // target by its component once (independent reads), so that the passes
    // below read the CSR sequentially.
    for t in &mut out_dst {
        *t = comp[*t as usize];
    }
    // Members of each component (sorted, as nodes are visited in index order).
    let (cstart, members) = scc::members(&comp).into_parts();
    let ncomp = cstart.len() - 1;
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
