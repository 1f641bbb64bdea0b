//! Fast hashing for loading, checking and building: ids are hashed with
//! foldhash (seeded per process, so crafted ids cannot force collisions).
//!
//! Nothing iterates over these tables, so their order never reaches the output.

use std::hash::BuildHasher;

use hashbrown::HashTable;

use crate::model::Node;

/// The hasher of every map on the load, validate and build path.
pub(crate) type FastState = foldhash::fast::RandomState;

/// A `HashMap` with [`FastState`].
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, FastState>;

/// Node id to node index. The ids are copied into one string (a few bytes per
/// node, in one allocation), so a lookup touches the table and that string,
/// not the nodes, and the index owns its data: it travels from
/// [`crate::validate`] into [`crate::ArgGraph`] without being built again.
#[derive(Clone, Default)]
pub(crate) struct IdIndex {
    /// Entry numbers.
    table: HashTable<u32>,
    /// The ids of the entries, one after the other.
    names: String,
    /// Where entry `k`'s id ends in `names` (it starts where `k - 1`'s ends).
    ends: Vec<u32>,
    /// The node index of entry `k`.
    nodes: Vec<u32>,
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
            names: String::new(),
            ends: Vec::with_capacity(n),
            nodes: Vec::with_capacity(n),
            state: FastState::default(),
        }
    }

    /// An index of all `nodes`; of equal ids, the last one wins.
    pub(crate) fn of_all(nodes: &[Node]) -> IdIndex {
        let mut ix = IdIndex::with_capacity(nodes.len());
        for (i, n) in nodes.iter().enumerate() {
            if let Err(k) = ix.insert_entry(&n.id, i) {
                ix.nodes[k] = i as u32;
            }
        }
        ix
    }

    fn name(&self, k: u32) -> &str {
        let k = k as usize;
        let start = if k == 0 { 0 } else { self.ends[k - 1] as usize };
        &self.names[start..self.ends[k] as usize]
    }

    /// The index of the node with this id.
    pub(crate) fn get(&self, id: &str) -> Option<usize> {
        let h = self.state.hash_one(id);
        self.table
            .find(h, |&k| self.name(k) == id)
            .map(|&k| self.nodes[k as usize] as usize)
    }

    /// Adds `id` as node `i`; `Err` with the node index already there if the
    /// id is taken.
    pub(crate) fn insert(&mut self, id: &str, i: usize) -> Result<(), usize> {
        self.insert_entry(id, i).map_err(|k| self.nodes[k] as usize)
    }

    /// Like `insert`, with the entry number on `Err`.
    fn insert_entry(&mut self, id: &str, i: usize) -> Result<(), usize> {
        let h = self.state.hash_one(id);
        let Self {
            table,
            names,
            ends,
            nodes,
            state,
        } = self;
        let name = |k: u32| {
            let k = k as usize;
            let start = if k == 0 { 0 } else { ends[k - 1] as usize };
            &names[start..ends[k] as usize]
        };
        match table.entry(h, |&k| name(k) == id, |&k| state.hash_one(name(k))) {
            hashbrown::hash_table::Entry::Occupied(o) => Err(*o.get() as usize),
            hashbrown::hash_table::Entry::Vacant(v) => {
                v.insert(nodes.len() as u32);
                names.push_str(id);
                // Ids come from a file smaller than 4 GiB.
                ends.push(names.len() as u32);
                nodes.push(i as u32);
                Ok(())
            }
        }
    }

    /// How many ids it holds.
    pub(crate) fn len(&self) -> usize {
        self.table.len()
    }
}
