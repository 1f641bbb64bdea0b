//! The incoming attackers and supporters of each position of a
//! [`Qbaf`](super::Qbaf) as compressed rows (attacks, then supports, each in
//! edge order), their weights, and the edge in each slot.

use super::{Ends, Layout};

/// What [`incoming`] reads: endpoints, weights, and the support edges
/// (strictly increasing edge indices; every other edge is an attack).
#[derive(Clone, Copy)]
pub(super) struct Incoming<'a> {
    pub(super) ends: Ends<'a>,
    /// `None` when every weight is 1.
    pub(super) weight: Option<&'a [f64]>,
    pub(super) support_edges: &'a [u32],
}
/// The incoming CSR by position: `(in_start, sup_start, in_src, in_w)` as in
/// [`Qbaf`].
pub(super) type Slots = (Vec<u32>, Vec<u32>, Vec<u32>, SlotWeights);
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
/// The incoming CSR by position; `at` maps a
/// node to its position (`by_index`: the node index, or reversed). Each target's attacks then supports, each in edge
/// order, whichever way it is built.
fn incoming(n: usize, inc: Incoming<'_>, at: impl Fn(usize) -> u32, by_index: bool) -> Slots {
    let most = DIRECT_BYTES[if by_index { 0 } else { 1 }];
    if 16 * inc.ends.from.len() + 8 * n <= most {
        incoming_direct(n, inc, at)
    } else {
        incoming_blocks(n, inc, at)
    }
}
/// [`incoming`] with the positions of `layout` (`pos` for [`Layout::Other`]).
pub(super) fn incoming_laid_out(n: usize, inc: Incoming<'_>, layout: Layout, pos: &[u32]) -> Slots {
    match layout {
        // Positions are the nodes, or the nodes reversed: no lookups.
        Layout::Nodes => incoming(n, inc, |v| v as u32, true),
        Layout::Reversed => incoming(n, inc, |v| (n - 1 - v) as u32, true),
        Layout::Other => incoming(n, inc, |v| pos[v], false),
    }
}
/// `(j, from, to, support)` of each edge `j`, `support` 1 for a
/// support and 0 for an attack. The support edges are in edge
/// order: one cursor follows them, and the kind is a comparison, not a branch
/// (the kinds are usually mixed at random, so a branch would often be
/// mispredicted).
fn live_kinds(inc: Incoming<'_>) -> impl Iterator<Item = (usize, usize, usize, usize)> {
    let sups = inc.support_edges;
    let at = move |k: usize| sups.get(k).map_or(usize::MAX, |&s| s as usize);
    let (mut k, mut next) = (0, at(0));
    inc.ends.live().map(move |(j, f, t)| {
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
fn incoming_direct(n: usize, inc: Incoming<'_>, at: impl Fn(usize) -> u32) -> Slots {
    // Attacks and supports of each position, then the next free slot of each.
    // Counted as every edge an attack, then each support moved over: two
    // plain loops, without `live_kinds`'s cursor over the supports (the
    // support edges are edges).
    let mut cur = vec![[0u32; 2]; n];
    for (_, _, t) in inc.ends.live() {
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
    for (j, f, t, support) in live_kinds(inc) {
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
fn incoming_blocks(n: usize, inc: Incoming<'_>, at: impl Fn(usize) -> u32) -> Slots {
    // A position inside its block, and the support bit, fit in a u16.
    const BLOCK: u32 = 12;
    const MASK: u32 = (1 << BLOCK) - 1;
    let nb = n.div_ceil(1 << BLOCK);
    let mut bstart = vec![0usize; nb + 1];
    for (_, _, t) in inc.ends.live() {
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
    for (j, f, t, support) in live_kinds(inc) {
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
/// `sup_start`: the edges placed again as [`incoming`] placed
/// them (each into its target's next attack or support slot, in edge order).
pub(super) fn slot_edges(
    inc: Incoming<'_>,
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
    for (j, _, t, support) in live_kinds(inc) {
        let k = &mut cur[at(t) as usize][support];
        slot_edge[*k as usize] = j as u32;
        *k += 1;
    }
    slot_edge
}

#[cfg(test)]
mod tests {
    use super::super::tests::{one_way, random_edges};
    use super::*;
    use crate::model::EdgeKind;
    use crate::semantics::Qbaf;

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
    fn unit_weights_cover_the_widest_incoming_list() {
        // Every weight 1: ones as many as the widest incoming list, and
        // every position's weights are ones, one per slot.
        for fan in [3, 4096, 4097, 8197] {
            let edges: Vec<_> = (1..=fan)
                .map(|v| (v, 0, [EdgeKind::Attack, EdgeKind::Support][v % 2], 1.0))
                .collect();
            let q = Qbaf::new(vec![0.5; fan + 1], &edges).unwrap();
            let SlotWeights::Unit(ones) = &q.in_w else {
                panic!("every weight is 1, yet weights are kept per slot")
            };
            assert_eq!(ones.len(), fan);
            for r in q.incoming.start().windows(2) {
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
            let half = Qbaf::new(vec![0.5; fan + 1], &halves).unwrap();
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
        // forward and backward, and positions
        // that are the nodes, the nodes reversed, or a scramble of them.
        let n = 3 * 4096 + 100;
        let edges = random_edges(n, 4 * n, 11);
        let from: Vec<u32> = edges.iter().map(|e| e.0 as u32).collect();
        let to: Vec<u32> = edges.iter().map(|e| e.1 as u32).collect();
        let weight: Vec<f64> = edges.iter().map(|e| e.3).collect();
        // A permutation of the nodes: multiplying by a unit modulo `n` (odd
        // and prime to 12388 = 4 * 19 * 163).
        assert_eq!(n, 12388);
        let scramble = |v: usize| ((v * 7919 + 13) % n) as u32;
        {
            let sups: Vec<u32> = (0..edges.len())
                .filter(|&j| edges[j].2 == EdgeKind::Support)
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
                let same = |pos: &dyn Fn(usize) -> u32| {
                    let direct = incoming_direct(n, inc, pos);
                    let blocks = incoming_blocks(n, inc, pos);
                    assert_eq!(direct, blocks);
                    // Not two ways to the same nonsense: every edge once,
                    // in one of its target's slots, with its source and weight
                    // (the edges as `slot_edges` places them again).
                    let slot_edge = slot_edges(inc, pos, &direct.0, &direct.1);
                    assert_eq!(slot_edge.len(), edges.len());
                    let mut seen = vec![false; edges.len()];
                    for (k, &j) in slot_edge.iter().enumerate() {
                        let j = j as usize;
                        assert!(!seen[j], "edge {j} twice");
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
    fn check_incoming(n: usize, edges: &[(usize, usize, EdgeKind, f64)]) {
        let q = Qbaf::new(vec![0.5; n], edges).unwrap();
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
            for k in q.incoming.start()[p] as usize..q.incoming.start()[p + 1] as usize {
                let j = q.slot_edge()[k] as usize;
                assert_eq!(
                    q.order[q.incoming.targets()[k] as usize] as usize,
                    edges[j].0
                );
                assert_eq!(q.in_w.at(k), edges[j].3);
            }
        }
        for (j, e) in edges.iter().enumerate() {
            assert_eq!(q.edge(j), Some((e.0, e.1)));
            assert_eq!(q.weight(j), Some(e.3));
        }
    }
}
