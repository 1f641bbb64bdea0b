//! Fast hashing for the maps of loading and checking (group ids, spans):
//! foldhash, seeded per process, so crafted ids cannot force collisions. Node
//! ids go to the one name table, [`crate::graph::names::NameTable`].
//!
//! Nothing iterates over these tables, so their order never reaches the output.

/// The hasher of every map on the load, validate and build path.
pub(crate) type FastState = foldhash::fast::RandomState;

/// A `HashMap` with [`FastState`].
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, FastState>;
