//! [`Framework`]: an abstract argumentation framework on flat arrays.

use crate::graph::ArgGraph;
use crate::graph::csr::Csr;
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
/// let af = Framework::new(["a", "b", "c"], &[(0, 1), (1, 2)]);
/// assert_eq!(af.attackers(2), &[1]);
/// assert_eq!(af.attacked_by(0), &[1]);
/// assert_eq!(af.index_of("c"), Some(2));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Framework {
    /// All names, concatenated; name `i` is `name_text[name_end[i - 1]..name_end[i]]`.
    /// One buffer instead of a `String` per argument: a million names cost one
    /// allocation, not a million.
    name_text: String,
    name_end: Vec<u32>,
    /// The arguments each one attacks, and the arguments attacking each one.
    out: Csr,
    inc: Csr,
}

/// The most arguments a [`Framework`] holds (100 million, about 2 GB of
/// memory); the readers refuse larger declarations with a diagnostic instead
/// of exhausting memory.
pub const MAX_ARGUMENTS: usize = 100_000_000;

impl Framework {
    /// A framework with these argument names and attacks `(attacker, target)`,
    /// given as indices into `names`.
    ///
    /// # Panics
    /// If an index is out of range (`>= names.len()`), there are more than
    /// [`MAX_ARGUMENTS`] arguments, or the names or attacks exceed `u32` sizes. The readers in [`crate::formats`] check
    /// indices and report bad input as diagnostics instead.
    ///
    /// # Complexity
    /// O(n + m + m log d) time, d the largest in-degree (a counting sort, then
    /// each row sorted to merge duplicates); O(n + m) memory.
    pub fn new<S: AsRef<str>>(
        names: impl IntoIterator<Item = S>,
        attacks: &[(u32, u32)],
    ) -> Framework {
        let mut name_text = String::new();
        let mut name_end = Vec::new();
        for s in names {
            name_text.push_str(s.as_ref());
            name_end.push(u32::try_from(name_text.len()).expect("names longer than 4 GiB"));
        }
        Framework::from_parts(name_text, name_end, attacks)
    }

    /// A framework whose arguments are named `1`, `2`, ..., `n` (the ICCMA
    /// convention); attacks are 0-based indices as in [`Framework::new`].
    pub fn numbered(n: usize, attacks: &[(u32, u32)]) -> Framework {
        assert!(n <= MAX_ARGUMENTS, "too many arguments");
        let mut name_text = String::with_capacity(n * 8);
        let mut name_end = Vec::with_capacity(n);
        // A decimal counter incremented in place: no formatting per name.
        let mut digits: Vec<u8> = vec![b'0'];
        for _ in 0..n {
            let mut i = digits.len();
            loop {
                if i == 0 {
                    digits.insert(0, b'1');
                    break;
                }
                i -= 1;
                if digits[i] == b'9' {
                    digits[i] = b'0';
                } else {
                    digits[i] += 1;
                    break;
                }
            }
            // Only ASCII digits were written.
            name_text.push_str(std::str::from_utf8(&digits).unwrap_or_default());
            name_end.push(u32::try_from(name_text.len()).expect("names longer than 4 GiB"));
        }
        Framework::from_parts(name_text, name_end, attacks)
    }

    /// Builds the framework from concatenated names and their end offsets.
    pub(crate) fn from_parts(
        name_text: String,
        name_end: Vec<u32>,
        attacks: &[(u32, u32)],
    ) -> Framework {
        let n = name_end.len();
        assert!(n <= MAX_ARGUMENTS && attacks.len() < u32::MAX as usize);
        let inc = sorted_unique(Csr::new(
            n,
            attacks.iter().map(|&(a, b)| (b as usize, a as usize)),
        ));
        // The out rows are the in rows transposed: scanning targets in
        // increasing order leaves each out row sorted too.
        let out = Csr::new(
            n,
            (0..n).flat_map(|b| inc.row(b).iter().map(move |&a| (a as usize, b))),
        );
        Framework {
            name_text,
            name_end,
            out,
            inc,
        }
    }

    /// The framework of a graph: its nodes (argument `i` is node `i`, named by
    /// its id) and attack edges; supports are ignored. Linked attacks and
    /// undercuts are mapped as [`crate::dung::flatten`] says (their inferences
    /// are arguments after the nodes); a graph without them gives exactly the
    /// framework of its attack edges.
    pub fn from_graph(g: &ArgGraph) -> Framework {
        if g.has_structure() {
            return super::flatten(g).framework;
        }
        let attacks: Vec<(u32, u32)> = g
            .links()
            .iter()
            .filter(|l| l.kind == EdgeKind::Attack)
            .map(|l| (l.from as u32, l.to as u32))
            .collect();
        Framework::new(g.nodes().iter().map(|n| n.id.as_str()), &attacks)
    }

    /// Number of arguments.
    pub fn len(&self) -> usize {
        self.name_end.len()
    }

    /// Whether there are no arguments.
    pub fn is_empty(&self) -> bool {
        self.name_end.is_empty()
    }

    /// Number of (distinct) attacks.
    pub fn attack_count(&self) -> usize {
        self.out.edge_count()
    }

    /// The name of argument `i`.
    pub fn name(&self, i: usize) -> &str {
        let start = if i == 0 {
            0
        } else {
            self.name_end[i - 1] as usize
        };
        &self.name_text[start..self.name_end[i] as usize]
    }

    /// All names, by index.
    pub fn names(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(move |i| self.name(i))
    }

    /// The index of the argument called `name` (a linear scan: O(n)).
    pub fn index_of(&self, name: &str) -> Option<usize> {
        (0..self.len()).find(|&i| self.name(i) == name)
    }

    /// The arguments that `i` attacks, in increasing order.
    pub fn attacked_by(&self, i: usize) -> &[u32] {
        self.out.row(i)
    }

    /// The attack relation as rows: row `i` is [`Framework::attacked_by`].
    pub(crate) fn attacks_csr(&self) -> &Csr {
        &self.out
    }

    /// The arguments that attack `i`, in increasing order.
    pub fn attackers(&self, i: usize) -> &[u32] {
        self.inc.row(i)
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

/// The rows of `c`, each sorted and deduplicated in place.
fn sorted_unique(c: Csr) -> Csr {
    let n = c.len();
    let (mut start, mut adj) = c.into_parts();
    // Sort and deduplicate each row, compacting to the left.
    let mut w = 0usize;
    let mut row_begin = 0usize;
    for r in 0..n {
        let end = start[r + 1] as usize;
        adj[row_begin..end].sort_unstable();
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
    Csr::from_parts(start, adj)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(n: usize) -> Vec<String> {
        (0..n).map(|i| i.to_string()).collect()
    }

    #[test]
    fn numbered_names() {
        let af = Framework::numbered(1001, &[]);
        assert_eq!(af.name(0), "1");
        assert_eq!(af.name(8), "9");
        assert_eq!(af.name(9), "10");
        assert_eq!(af.name(99), "100");
        assert_eq!(af.name(1000), "1001");
        assert_eq!(af.index_of("1000"), Some(999));
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
        let af = Framework::new(Vec::<String>::new(), &[]);
        assert!(af.is_empty());
        assert_eq!(af.attack_pairs().count(), 0);
    }
}
