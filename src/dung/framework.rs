//! [`Framework`]: an abstract argumentation framework on flat arrays.

use crate::graph::ArgGraph;
use crate::model::EdgeKind;

/// An abstract argumentation framework (Dung 1995): named arguments and an
/// attack relation, stored as compressed sparse rows (CSR) in both directions.
///
/// Argument `i` is the `i`-th argument of the input (file order); every result
/// refers to arguments by this index. Duplicate attacks are merged, so each
/// adjacency row lists each neighbour once, in increasing index order.
///
/// ```
/// use argmap::dung::Framework;
/// // a attacks b, b attacks c
/// let af = Framework::new(vec!["a".into(), "b".into(), "c".into()], &[(0, 1), (1, 2)]);
/// assert_eq!(af.attackers(2), &[1]);
/// assert_eq!(af.attacked_by(0), &[1]);
/// assert_eq!(af.index_of("c"), Some(2));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Framework {
    names: Vec<String>,
    out_start: Vec<u32>,
    out_adj: Vec<u32>,
    in_start: Vec<u32>,
    in_adj: Vec<u32>,
}

impl Framework {
    /// A framework with these argument names and attacks `(attacker, target)`,
    /// given as indices into `names`.
    ///
    /// # Panics
    /// If an index is out of range (`>= names.len()`), or there are `2^32` or
    /// more arguments or attacks. The readers in [`crate::formats`] check
    /// indices and report bad input as diagnostics instead.
    ///
    /// # Complexity
    /// O(n + m) time (two counting sorts), O(n + m) memory.
    pub fn new(names: Vec<String>, attacks: &[(u32, u32)]) -> Framework {
        let n = names.len();
        assert!(n < u32::MAX as usize && attacks.len() < u32::MAX as usize);
        // Sorting by target then stably by source leaves every row sorted by
        // neighbour, which makes duplicates adjacent (and results deterministic).
        let (in_start, in_adj) = csr(n, attacks.iter().map(|&(a, b)| (b, a)), attacks.len());
        let (in_start, in_adj) = dedup_rows(in_start, in_adj);
        // The out rows come from the deduplicated in rows, sorted the same way.
        let mut out_count = vec![0u32; n + 1];
        for &a in &in_adj {
            out_count[a as usize + 1] += 1;
        }
        for i in 0..n {
            out_count[i + 1] += out_count[i];
        }
        let out_start = out_count.clone();
        let mut fill = out_count;
        let mut out_adj = vec![0u32; in_adj.len()];
        for b in 0..n {
            for &a in &in_adj[in_start[b] as usize..in_start[b + 1] as usize] {
                let slot = &mut fill[a as usize];
                out_adj[*slot as usize] = b as u32;
                *slot += 1;
            }
        }
        Framework {
            names,
            out_start,
            out_adj,
            in_start,
            in_adj,
        }
    }

    /// The framework of the attack edges of a graph (supports are ignored).
    /// Argument `i` is node `i` of the graph, named by its id.
    pub fn from_graph(g: &ArgGraph) -> Framework {
        let names = g.nodes().iter().map(|n| n.id.clone()).collect();
        let attacks: Vec<(u32, u32)> = g
            .links()
            .iter()
            .filter(|l| l.kind == EdgeKind::Attack)
            .map(|l| (l.from as u32, l.to as u32))
            .collect();
        Framework::new(names, &attacks)
    }

    /// Number of arguments.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether there are no arguments.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Number of (distinct) attacks.
    pub fn attack_count(&self) -> usize {
        self.out_adj.len()
    }

    /// The name of argument `i`.
    pub fn name(&self, i: usize) -> &str {
        &self.names[i]
    }

    /// All names, by index.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The index of the argument called `name` (a linear scan: O(n)).
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    /// The arguments that `i` attacks, in increasing order.
    pub fn attacked_by(&self, i: usize) -> &[u32] {
        &self.out_adj[self.out_start[i] as usize..self.out_start[i + 1] as usize]
    }

    /// The arguments that attack `i`, in increasing order.
    pub fn attackers(&self, i: usize) -> &[u32] {
        &self.in_adj[self.in_start[i] as usize..self.in_start[i + 1] as usize]
    }

    /// Whether `a` attacks `b` (binary search in `a`'s row).
    pub fn attacks(&self, a: usize, b: usize) -> bool {
        self.attacked_by(a).binary_search(&(b as u32)).is_ok()
    }

    /// Every attack `(attacker, target)`, ordered by attacker then target.
    pub fn attack_pairs(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        (0..self.len()).flat_map(move |a| self.attacked_by(a).iter().map(move |&b| (a, b as usize)))
    }

    /// The names of a set of arguments, in the given order.
    pub fn names_of<'a>(&'a self, set: &'a [usize]) -> impl Iterator<Item = &'a str> + 'a {
        set.iter().map(move |&i| self.name(i))
    }
}

/// Counting sort of `pairs` `(row, col)` into CSR rows; within a row, columns
/// keep their input order.
fn csr(n: usize, pairs: impl Iterator<Item = (u32, u32)> + Clone, m: usize) -> (Vec<u32>, Vec<u32>) {
    // First sort by column (stable), then by row (stable): rows end up sorted.
    let mut by_col_start = vec![0u32; n + 1];
    for (_, c) in pairs.clone() {
        by_col_start[c as usize + 1] += 1;
    }
    for i in 0..n {
        by_col_start[i + 1] += by_col_start[i];
    }
    let mut tmp = vec![(0u32, 0u32); m];
    for (r, c) in pairs {
        let slot = &mut by_col_start[c as usize];
        tmp[*slot as usize] = (r, c);
        *slot += 1;
    }
    let mut start = vec![0u32; n + 1];
    for &(r, _) in &tmp {
        start[r as usize + 1] += 1;
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let mut fill = start.clone();
    let mut adj = vec![0u32; m];
    for (r, c) in tmp {
        let slot = &mut fill[r as usize];
        adj[*slot as usize] = c;
        *slot += 1;
    }
    (start, adj)
}

/// Removes adjacent duplicates inside each (sorted) row, in place.
fn dedup_rows(mut start: Vec<u32>, mut adj: Vec<u32>) -> (Vec<u32>, Vec<u32>) {
    let n = start.len() - 1;
    let mut w = 0usize;
    let mut row_begin = 0usize;
    for r in 0..n {
        let end = start[r + 1] as usize;
        let new_begin = w;
        for k in row_begin..end {
            if w == new_begin || adj[w - 1] != adj[k] {
                adj[w] = adj[k];
                w += 1;
            }
        }
        row_begin = end;
        start[r] = new_begin as u32;
    }
    start[n] = w as u32;
    adj.truncate(w);
    adj.shrink_to_fit();
    (start, adj)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(n: usize) -> Vec<String> {
        (0..n).map(|i| i.to_string()).collect()
    }

    #[test]
    fn rows_are_sorted_and_deduplicated() {
        let af = Framework::new(names(4), &[(3, 0), (1, 0), (3, 0), (0, 0), (2, 3), (1, 3)]);
        assert_eq!(af.attackers(0), &[0, 1, 3]);
        assert_eq!(af.attackers(3), &[1, 2]);
        assert_eq!(af.attacked_by(3), &[0]);
        assert_eq!(af.attacked_by(1), &[0, 3]);
        assert_eq!(af.attack_count(), 5);
        assert!(af.attacks(0, 0) && !af.attacks(0, 1));
        let pairs: Vec<_> = af.attack_pairs().collect();
        assert_eq!(pairs, [(0, 0), (1, 0), (1, 3), (2, 3), (3, 0)]);
    }

    #[test]
    fn empty_framework() {
        let af = Framework::new(vec![], &[]);
        assert!(af.is_empty());
        assert_eq!(af.attack_pairs().count(), 0);
    }
}
