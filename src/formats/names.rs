//! A name → index table for the framework and `.bag` readers, where looking
//! up millions of short names is most of the reading time.
//!
//! Why not a `HashMap<&str, u32>`: a lookup there touches the table's control
//! bytes, then its bucket, then the name's bytes in the text to compare them:
//! three cache misses on a big file, the reading time of a 10^6-node graph.
//! Here a name of up to [`INLINE`] bytes (every generated id, and most real
//! ones) is stored in its slot, so a lookup is one probe of one 16-byte slot,
//! usually one cache line. Longer names go to an ordinary map.
//!
//! The hash is seeded per process (from the standard library's random
//! `RandomState`), so a crafted file cannot make names collide on purpose; the
//! results never depend on the seed, since the table is only ever queried,
//! never iterated.

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};

/// Names of up to this many bytes are stored in their slot.
pub(crate) const INLINE: usize = 11;

/// One slot: the name's bytes (zero-padded), its length, its index.
#[derive(Clone, Copy)]
struct Slot {
    key: [u8; INLINE],
    /// Length of the name; 0 marks an empty slot (names are never empty here).
    len: u8,
    index: u32,
}

const EMPTY: Slot = Slot {
    key: [0; INLINE],
    len: 0,
    index: 0,
};

/// A name → `u32` table: open addressing with linear probing, at most half
/// full, names of up to [`INLINE`] bytes inline; longer names in a map.
pub(crate) struct NameTable<'t> {
    slots: Vec<Slot>,
    mask: usize,
    short: usize,
    long: HashMap<&'t str, u32, RandomState>,
    seed: [u64; 2],
}

/// The 128-bit product of `a` and `b`, folded to 64 bits (the mixing step of
/// foldhash and wyhash).
#[inline]
fn fold(a: u64, b: u64) -> u64 {
    let p = (a as u128) * (b as u128);
    (p as u64) ^ ((p >> 64) as u64)
}

impl<'t> NameTable<'t> {
    /// A table sized for about `n` names (it grows as needed).
    pub(crate) fn with_capacity(n: usize) -> Self {
        let cap = (n.max(8) * 2).next_power_of_two();
        let state = RandomState::new();
        let seed = [
            state.hash_one(0x6172_676d_6170_u64) | 1,
            state.hash_one(0x6e61_6d65_735f_u64) | 1,
        ];
        NameTable {
            slots: vec![EMPTY; cap],
            mask: cap - 1,
            short: 0,
            long: HashMap::with_hasher(state),
            seed,
        }
    }

    /// Number of names.
    pub(crate) fn len(&self) -> usize {
        self.short + self.long.len()
    }

    #[inline]
    fn key(name: &[u8]) -> [u8; INLINE] {
        let mut key = [0; INLINE];
        key[..name.len()].copy_from_slice(name);
        key
    }

    #[inline]
    fn hash(&self, key: &[u8; INLINE], len: u8) -> usize {
        let mut lo = [0u8; 8];
        lo.copy_from_slice(&key[..8]);
        let mut hi = [0u8; 8];
        hi[..INLINE - 8].copy_from_slice(&key[8..]);
        hi[7] = len;
        let h = fold(
            u64::from_le_bytes(lo) ^ self.seed[0],
            u64::from_le_bytes(hi) ^ self.seed[1],
        );
        // The high bits of a second fold spread every input bit over the index.
        (fold(h, self.seed[0]) >> 32) as usize
    }

    /// The index of `name`, if it is in the table.
    #[inline]
    pub(crate) fn get(&self, name: &str) -> Option<u32> {
        let b = name.as_bytes();
        if b.is_empty() || b.len() > INLINE {
            return self.long.get(name).copied();
        }
        let (key, len) = (Self::key(b), b.len() as u8);
        let mut i = self.hash(&key, len) & self.mask;
        loop {
            let s = &self.slots[i];
            if s.len == 0 {
                return None;
            }
            if s.len == len && s.key == key {
                return Some(s.index);
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Adds `name` with `index`; if the name is already there, leaves the
    /// table as it is and returns the index it has.
    pub(crate) fn insert(&mut self, name: &'t str, index: u32) -> Result<(), u32> {
        let b = name.as_bytes();
        // The empty name (never valid, but a reader may meet it) goes to the
        // map too: length 0 marks an empty slot.
        if b.is_empty() || b.len() > INLINE {
            return match self.long.entry(name) {
                std::collections::hash_map::Entry::Occupied(e) => Err(*e.get()),
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(index);
                    Ok(())
                }
            };
        }
        if (self.short + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let (key, len) = (Self::key(b), b.len() as u8);
        let mut i = self.hash(&key, len) & self.mask;
        loop {
            let s = &mut self.slots[i];
            if s.len == 0 {
                *s = Slot { key, len, index };
                self.short += 1;
                return Ok(());
            }
            if s.len == len && s.key == key {
                return Err(s.index);
            }
            i = (i + 1) & self.mask;
        }
    }

    fn grow(&mut self) {
        let bigger = vec![EMPTY; self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, bigger);
        self.mask = self.slots.len() - 1;
        for s in old.into_iter().filter(|s| s.len != 0) {
            let mut i = self.hash(&s.key, s.len) & self.mask;
            while self.slots[i].len != 0 {
                i = (i + 1) & self.mask;
            }
            self.slots[i] = s;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_was_inserted_and_nothing_else() {
        let names: Vec<String> = (0..5000)
            .map(|i| match i % 3 {
                0 => format!("c{i}"),
                1 => format!("a_rather_long_name_{i}"),
                _ => format!("{i}"),
            })
            .collect();
        // Starts small, so it grows several times.
        let mut t = NameTable::with_capacity(1);
        for (i, n) in names.iter().enumerate() {
            assert_eq!(t.insert(n, i as u32), Ok(()));
        }
        assert_eq!(t.len(), names.len());
        for (i, n) in names.iter().enumerate() {
            assert_eq!(t.get(n), Some(i as u32), "{n}");
            assert_eq!(t.insert(n, 0), Err(i as u32), "a second {n}");
        }
        assert_eq!(t.insert("", 7), Ok(()));
        assert_eq!((t.get(""), t.insert("", 8)), (Some(7), Err(7)));
        for absent in ["c1", "c0x", "x", "a_rather_long_name_0x", "12345678901"] {
            assert_eq!(t.get(absent), None, "{absent}");
        }
        // 11 bytes inline, 12 in the map: both found, neither confused.
        let mut t = NameTable::with_capacity(4);
        assert_eq!(t.insert("12345678901", 1), Ok(()));
        assert_eq!(t.insert("123456789012", 2), Ok(()));
        assert_eq!((t.get("12345678901"), t.get("123456789012")), (Some(1), Some(2)));
        assert_eq!(t.get("1234567890"), None);
    }
}
