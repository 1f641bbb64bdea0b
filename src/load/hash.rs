//! Fast hashing for loading, checking and building: ids are hashed with
//! foldhash (seeded per process, so crafted ids cannot force collisions), and
//! node ids are indexed without copying them.
//!
//! Nothing iterates over these tables, so their order never reaches the output.

use std::hash::BuildHasher;

use hashbrown::HashTable;

use crate::model::Node;

/// The hasher of every map on the load, validate and build path.
pub(crate) type FastState = foldhash::fast::RandomState;

/// A `HashMap` with [`FastState`].
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, FastState>;

/// Node id to node index, for one list of nodes. The table stores indices only;
/// the ids stay in the nodes, so the index can travel with the model (from
/// [`crate::validate`] into [`crate::ArgGraph`]) without borrowing it or copying
/// its strings. Every lookup must be given the same nodes the index was built on.
#[derive(Clone, Default)]
pub(crate) struct IdIndex {
    table: HashTable<u32>,
    state: FastState,
}

impl std::fmt::Debug for IdIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdIndex")
            .field("len", &self.table.len())
            .finish()
    }
}

impl IdIndex {
    /// An empty index with room for `n` ids.
    pub(crate) fn with_capacity(n: usize) -> IdIndex {
        IdIndex {
            table: HashTable::with_capacity(n),
            state: FastState::default(),
        }
    }

    /// An index of all `nodes`; of equal ids, the last one wins.
    pub(crate) fn of_all(nodes: &[Node]) -> IdIndex {
        let mut ix = IdIndex::with_capacity(nodes.len());
        for i in 0..nodes.len() {
            if let Err(first) = ix.insert(nodes, i) {
                if let Some(slot) = ix.slot_mut(nodes, first) {
                    *slot = i as u32;
                }
            }
        }
        ix
    }

    fn hash(&self, id: &str) -> u64 {
        self.state.hash_one(id)
    }

    /// The index of the node with this id.
    pub(crate) fn get(&self, nodes: &[Node], id: &str) -> Option<usize> {
        self.table
            .find(self.hash(id), |&i| nodes[i as usize].id == id)
            .map(|&i| i as usize)
    }

    fn slot_mut(&mut self, nodes: &[Node], i: usize) -> Option<&mut u32> {
        let id = nodes[i].id.as_str();
        let h = self.hash(id);
        self.table.find_mut(h, |&j| nodes[j as usize].id == id)
    }

    /// Adds node `i` (of `nodes`); `Err` with the index already there if its
    /// id is taken.
    pub(crate) fn insert(&mut self, nodes: &[Node], i: usize) -> Result<(), usize> {
        let id = nodes[i].id.as_str();
        let h = self.hash(id);
        let state = &self.state;
        match self.table.entry(
            h,
            |&j| nodes[j as usize].id == id,
            |&j| state.hash_one(nodes[j as usize].id.as_str()),
        ) {
            hashbrown::hash_table::Entry::Occupied(o) => Err(*o.get() as usize),
            hashbrown::hash_table::Entry::Vacant(v) => {
                v.insert(i as u32);
                Ok(())
            }
        }
    }

    /// How many ids it holds.
    pub(crate) fn len(&self) -> usize {
        self.table.len()
    }
}
