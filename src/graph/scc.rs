//! Strongly connected components: the one routine behind the cycle lint of
//! [`crate::validate`], the condensation order of a
//! [`Qbaf`](crate::semantics::Qbaf) and the component order of the Dung search.

use super::csr::Csr;

/// The strongly connected component of every node of `g`, numbered in the order
/// the depth-first search (from nodes in index order, each row's targets in
/// order) completes them, as Tarjan's algorithm does: component 0 is finished
/// first, and a component's number is below those of the components that
/// reach it (reverse topological order).
///
/// Pearce's variant of Tarjan's algorithm (D. J. Pearce, "A space-efficient
/// algorithm for finding strongly connected components", IPL 116(1), 2016):
/// one `rindex` word per node instead of three (index, low link, component),
/// which is what the search's random accesses go to. A visited node holds its
/// DFS index or the lowest one it reaches; a finished component's nodes hold
/// its number counted down from `n - 1`, which is above every live index, so
/// they never lower another node's. With explicit stacks instead of
/// recursion: the inputs have chains and cycles of 10^6 nodes.
///
/// # Complexity
/// O(n + m) time, O(n) memory.
pub(crate) fn components(g: &Csr) -> Vec<u32> {
    const UNSEEN: u32 = 0;
    let n = g.len();
    let (start, targets) = (g.start(), g.targets());
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
        calls.push((root as u32, start[root], true));
        while let Some(top) = calls.last_mut() {
            let v = top.0 as usize;
            if top.1 < start[v + 1] {
                let w = targets[top.1 as usize] as usize;
                top.1 += 1;
                if rindex[w] == UNSEEN {
                    rindex[w] = index;
                    index += 1;
                    calls.push((w as u32, start[w], true));
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

/// The members of each component of `comp` (a component number per node, as
/// [`components`] gives): component `c` is `members[start[c]..start[c + 1]]`,
/// its nodes in increasing order. A counting sort: O(n).
pub(crate) fn members(comp: &[u32]) -> Csr {
    let count = comp.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
    Csr::new(
        count,
        comp.iter().enumerate().map(|(v, &c)| (c as usize, v)),
    )
}

/// The strongly connected components of more than one node (the cycles), each
/// sorted, in reverse topological order (a component comes before the
/// components that reach it).
pub(crate) fn cycles(adj: &Csr) -> Vec<Vec<usize>> {
    let comps = members(&components(adj));
    (0..comps.len())
        .map(|c| comps.row(c))
        .filter(|m| m.len() > 1)
        .map(|m| m.iter().map(|&v| v as usize).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use petgraph::graph::{DiGraph, NodeIndex};

    /// `cycles` against petgraph's Kosaraju (an independent implementation) on
    /// small pseudo-random graphs, dense enough to have cycles of every size.
    #[test]
    fn cycles_agree_with_petgraph_kosaraju() {
        let mut seed = 12345u64;
        let mut rand = |m: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) as usize) % m
        };
        for round in 0..200 {
            let n = 1 + round % 30;
            let m = rand(3 * n + 1);
            let edges: Vec<(usize, usize)> = (0..m).map(|_| (rand(n), rand(n))).collect();
            let mut g: DiGraph<(), ()> = DiGraph::new();
            for _ in 0..n {
                g.add_node(());
            }
            for &(f, t) in &edges {
                g.add_edge(NodeIndex::new(f), NodeIndex::new(t), ());
            }
            let mut want: Vec<Vec<usize>> = petgraph::algo::kosaraju_scc(&g)
                .into_iter()
                .map(|c| {
                    let mut v: Vec<usize> = c.into_iter().map(|x| x.index()).collect();
                    v.sort_unstable();
                    v
                })
                .filter(|c| c.len() > 1)
                .collect();
            let mut got = cycles(&Csr::new(n, edges.iter().copied()));
            want.sort();
            got.sort();
            assert_eq!(got, want, "{edges:?}");
        }
    }

    #[test]
    fn cycles_of_a_long_chain_and_ring_do_not_overflow() {
        let n = 200_000;
        let ring = Csr::new(n, (0..n).map(|i| (i, (i + 1) % n)));
        let found = cycles(&ring);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].len(), n);
        let chain = Csr::new(n, (0..n - 1).map(|i| (i, i + 1)));
        assert!(cycles(&chain).is_empty());
    }

    /// The components by mutual reachability (a breadth-first search from
    /// every node): the reference the routine is checked against.
    fn by_reachability(g: &Csr) -> Vec<Vec<bool>> {
        let n = g.len();
        (0..n)
            .map(|s| {
                let mut seen = vec![false; n];
                let mut queue = vec![s];
                seen[s] = true;
                while let Some(v) = queue.pop() {
                    for &w in g.row(v) {
                        if !seen[w as usize] {
                            seen[w as usize] = true;
                            queue.push(w as usize);
                        }
                    }
                }
                seen
            })
            .collect()
    }

    #[test]
    fn components_are_mutual_reachability_in_reverse_topological_order() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |below: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % below as u64) as usize
        };
        for n in [1, 2, 5, 30, 80] {
            for _ in 0..20 {
                let m = next(3 * n + 1);
                let pairs: Vec<(usize, usize)> = (0..m).map(|_| (next(n), next(n))).collect();
                let g = Csr::new(n, pairs.iter().copied());
                let comp = components(&g);
                let reach = by_reachability(&g);
                for u in 0..n {
                    for v in 0..n {
                        let same = reach[u][v] && reach[v][u];
                        assert_eq!(comp[u] == comp[v], same, "{pairs:?}");
                    }
                }
                // An edge between components goes to a lower number.
                for &(f, t) in &pairs {
                    assert!(comp[t] <= comp[f], "{pairs:?}");
                }
                // Numbers 0..count, each used.
                let m = members(&comp);
                assert!((0..m.len()).all(|c| !m.row(c).is_empty()));
                assert!((0..m.len()).all(|c| m.row(c).windows(2).all(|w| w[0] < w[1])));
            }
        }
    }

    #[test]
    fn long_chains_and_cycles_do_not_recurse() {
        // A chain of 10^6 nodes, then the same closed into one cycle.
        let n = 1_000_000;
        let chain = Csr::new(n, (0..n - 1).map(|v| (v, v + 1)));
        let comp = components(&chain);
        // The chain's end is finished first.
        assert_eq!((comp[n - 1], comp[0]), (0, n as u32 - 1));
        let cycle = Csr::new(n, (0..n).map(|v| (v, (v + 1) % n)));
        assert!(components(&cycle).iter().all(|&c| c == 0));
    }
}
