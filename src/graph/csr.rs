//! [`Csr`]: compressed sparse rows, the one adjacency type of the crate (the
//! cycle check of [`crate::validate`], the [`Qbaf`](crate::semantics::Qbaf)'s
//! incoming and outgoing lists, the Dung [`Framework`](crate::dung::Framework)'s
//! attack relation in both directions).

/// Adjacency in compressed rows: the entries of row `i` are
/// `targets()[start()[i]..start()[i + 1]]`. Two arrays for the whole graph,
/// none per node; indices are `u32` (a graph has fewer than 2^32 nodes and
/// edges).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Csr {
    start: Vec<u32>,
    targets: Vec<u32>,
}

impl Csr {
    /// The rows of `n` nodes with these `(row, target)` pairs (every row
    /// `< n`), each row's targets in the order the pairs come: a counting sort
    /// by row. `pairs` is walked twice.
    ///
    /// # Complexity
    /// O(n + m) time, no allocation per node.
    pub(crate) fn new<I>(n: usize, pairs: I) -> Csr
    where
        I: Iterator<Item = (usize, usize)> + Clone,
    {
        let mut start = vec![0u32; n + 1];
        for (r, _) in pairs.clone() {
            start[r + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut targets = vec![0u32; start[n] as usize];
        for (r, t) in pairs {
            targets[fill[r] as usize] = t as u32;
            fill[r] += 1;
        }
        Csr { start, targets }
    }

    /// The rows that `start` (one entry per row and the end, non-decreasing,
    /// from 0) cuts `targets` into.
    pub(crate) fn from_parts(start: Vec<u32>, targets: Vec<u32>) -> Csr {
        debug_assert!(start.first() == Some(&0));
        debug_assert!(start.windows(2).all(|w| w[0] <= w[1]));
        debug_assert!(start.last().map(|&e| e as usize) == Some(targets.len()));
        Csr { start, targets }
    }

    /// The two arrays, [`Csr::start`] and [`Csr::targets`].
    pub(crate) fn into_parts(self) -> (Vec<u32>, Vec<u32>) {
        (self.start, self.targets)
    }

    /// Row `i`'s targets.
    #[inline]
    pub(crate) fn row(&self, i: usize) -> &[u32] {
        &self.targets[self.start[i] as usize..self.start[i + 1] as usize]
    }

    /// Where each row starts in [`Csr::targets`], and the end.
    #[inline]
    pub(crate) fn start(&self) -> &[u32] {
        &self.start
    }

    /// Every row's targets, one row after the other.
    #[inline]
    pub(crate) fn targets(&self) -> &[u32] {
        &self.targets
    }

    /// Number of rows (nodes).
    pub(crate) fn len(&self) -> usize {
        self.start.len().saturating_sub(1)
    }

    /// Number of entries (edges).
    pub(crate) fn edge_count(&self) -> usize {
        self.targets.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_the_order_pairs_come_in() {
        let pairs = [(2, 0), (0, 1), (2, 1), (0, 2), (2, 2)];
        let c = Csr::new(4, pairs.iter().copied());
        assert_eq!((c.len(), c.edge_count()), (4, 5));
        assert_eq!(c.row(0), [1, 2]);
        assert_eq!(c.row(1), [] as [u32; 0]);
        assert_eq!(c.row(2), [0, 1, 2]);
        assert_eq!(c.row(3), [] as [u32; 0]);
        assert_eq!(c.start(), [0, 2, 2, 5, 5]);
        assert_eq!(c, Csr::from_parts(vec![0, 2, 2, 5, 5], vec![1, 2, 0, 1, 2]));
    }
}
