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
//! Numbered names (`c1`, `c2`, ... `e7`, or ICCMA's `1`, `2`, ...), the ids of
//! generated graphs, benchmark frameworks and many hand-written maps, go to a
//! dense array per prefix instead, indexed by the number (from the first one
//! met): consecutive names
//! land in consecutive slots, so a file that mostly names nearby arguments
//! reads from cache. An array never grows past twice the names it holds plus
//! [`DENSE_SLACK`]; a number beyond that goes to the hashed slots.
//!
//! The hash is seeded per process (from the standard library's random
//! `RandomState`), so a crafted file cannot make names collide on purpose; the
//! results never depend on the seed, since the table is only ever queried,
//! never iterated.

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};

/// Names of up to this many bytes are stored in their slot.
pub(crate) const INLINE: usize = 11;

/// At most this many prefixes get a dense array (a lookup scans them).
const MAX_PREFIXES: usize = 8;

/// A dense array may be this much longer than twice its names.
const DENSE_SLACK: usize = 4096;

/// A numbered name's prefix (at most 8 bytes) packed into an integer, with
/// its length, so that finding its array compares two integers.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Prefix(u64, usize);

/// A name's split into a prefix of at most 8 bytes and a number: the trailing
/// decimal digits (at most 9, no leading zero unless the number is 0).
#[inline]
fn numbered(b: &[u8]) -> Option<(Prefix, usize)> {
    let mut i = b.len();
    let mut n = 0usize;
    let mut scale = 1usize;
    while i > 0 && b[i - 1].is_ascii_digit() {
        if b.len() - i == 9 {
            return None;
        }
        i -= 1;
        n += usize::from(b[i] - b'0') * scale;
        scale *= 10;
    }
    let digits = b.len() - i;
    if digits == 0 || (b[i] == b'0' && digits > 1) || i > 8 {
        return None;
    }
    // Byte by byte: a copy of a variable length is a `memcpy` call.
    let mut key = 0u64;
    for (j, &c) in b[..i].iter().enumerate() {
        key |= u64::from(c) << (8 * j);
    }
    Some((Prefix(key, i), n))
}

/// The numbered names of one prefix: `index[number - first]`, or `ABSENT`.
struct Dense {
    prefix: Prefix,
    /// The first number met (evidence numbered `e5000`, `e5001`, ... after
    /// the claims start there); a smaller number is hashed.
    first: usize,
    index: Vec<u32>,
    count: usize,
    /// Whether a name of this prefix was hashed (its number too far out).
    spilled: bool,
}

impl Dense {
    #[inline]
    fn get(&self, n: usize) -> Option<u32> {
        let i = *self.index.get(n.checked_sub(self.first)?)?;
        (i != ABSENT).then_some(i)
    }
}

const ABSENT: u32 = u32::MAX;

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
    dense: Vec<Dense>,
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
            dense: Vec::new(),
            seed,
        }
    }

    /// Number of names.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.short + self.long.len() + self.dense.iter().map(|d| d.count).sum::<usize>()
    }

    /// The dense array of a prefix, if there is one.
    #[inline]
    fn dense(&self, prefix: Prefix) -> Option<&Dense> {
        self.dense.iter().find(|d| d.prefix == prefix)
    }

    #[inline]
    fn key(name: &[u8]) -> [u8; INLINE] {
        let mut key = [0; INLINE];
        for (k, &c) in key.iter_mut().zip(name) {
            *k = c;
        }
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

    /// The index of `name`, if it is in the table. Bytes, not a `str`: the
    /// `.bag` reader looks names up as it splits its text, without checking
    /// char boundaries once per name.
    #[inline]
    pub(crate) fn get(&self, name: &[u8]) -> Option<u32> {
        self.get_split(name, numbered(name))
    }

    /// [`NameTable::get`] given the name's [`numbered`] split.
    #[inline]
    fn get_split(&self, name: &[u8], split: Option<(Prefix, usize)>) -> Option<u32> {
        if let Some((prefix, n)) = split {
            if let Some(i) = self.dense(prefix).and_then(|d| d.get(n)) {
                return Some(i);
            }
        }
        self.get_hashed(name)
    }

    #[inline]
    fn get_hashed(&self, b: &[u8]) -> Option<u32> {
        if b.is_empty() || b.len() > INLINE {
            // Only `str`s are inserted, so bytes that are not one are absent.
            let name = std::str::from_utf8(b).ok()?;
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
        self.insert_split(name, numbered(name.as_bytes()), index)
    }

    /// [`NameTable::insert`] given the name's [`numbered`] split.
    fn insert_split(
        &mut self,
        name: &'t str,
        split: Option<(Prefix, usize)>,
        index: u32,
    ) -> Result<(), u32> {
        if let Some((prefix, n)) = split {
            let d = match self.dense.iter().position(|d| d.prefix == prefix) {
                Some(d) => Some(d),
                None if self.dense.len() < MAX_PREFIXES => {
                    self.dense.push(Dense {
                        prefix,
                        first: n,
                        index: Vec::new(),
                        count: 0,
                        spilled: false,
                    });
                    Some(self.dense.len() - 1)
                }
                None => None,
            };
            if let Some(d) = d {
                let dn = &self.dense[d];
                let fits = n
                    .checked_sub(dn.first)
                    .filter(|&k| k < dn.index.len() || k < 2 * dn.count + DENSE_SLACK);
                if let Some(k) = fits {
                    // A name is in one place only: it may already be hashed
                    // (its number was too far out when it came).
                    if self.dense[d].spilled {
                        if let Some(old) = self.get_hashed(name.as_bytes()) {
                            return Err(old);
                        }
                    }
                    let d = &mut self.dense[d];
                    if k >= d.index.len() {
                        d.index.resize(k + 1, ABSENT);
                    }
                    if d.index[k] != ABSENT {
                        return Err(d.index[k]);
                    }
                    d.index[k] = index;
                    d.count += 1;
                    return Ok(());
                }
                if let Some(held) = self.dense[d].get(n) {
                    return Err(held);
                }
                self.dense[d].spilled = true;
            }
        }
        self.insert_hashed(name, index)
    }

    fn insert_hashed(&mut self, name: &'t str, index: u32) -> Result<(), u32> {
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
            assert_eq!(t.get(n.as_bytes()), Some(i as u32), "{n}");
            assert_eq!(t.insert(n, 0), Err(i as u32), "a second {n}");
        }
        assert_eq!(t.insert("", 7), Ok(()));
        assert_eq!((t.get("".as_bytes()), t.insert("", 8)), (Some(7), Err(7)));
        for absent in ["c1", "c0x", "x", "a_rather_long_name_0x", "12345678901"] {
            assert_eq!(t.get(absent.as_bytes()), None, "{absent}");
        }
        // 11 bytes inline, 12 in the map: both found, neither confused.
        let mut t = NameTable::with_capacity(4);
        assert_eq!(t.insert("12345678901", 1), Ok(()));
        assert_eq!(t.insert("123456789012", 2), Ok(()));
        assert_eq!(
            (
                t.get("12345678901".as_bytes()),
                t.get("123456789012".as_bytes())
            ),
            (Some(1), Some(2))
        );
        assert_eq!(t.get("1234567890".as_bytes()), None);
    }

    #[test]
    fn numbered_names_near_and_far_are_each_in_one_place() {
        let p = |s: &str| {
            let mut k = [0u8; 8];
            k[..s.len()].copy_from_slice(s.as_bytes());
            Prefix(u64::from_le_bytes(k), s.len())
        };
        assert!(numbered(b"c12") == Some((p("c"), 12)));
        assert!(numbered(b"7") == Some((p(""), 7)));
        assert!(numbered(b"a0") == Some((p("a"), 0)));
        assert!(numbered(b"prefix_x123456789") == Some((p("prefix_x"), 123456789)));
        assert!(numbered(b"a01").is_none()); // `a01` and `a1` are two names
        assert!(numbered(b"abc").is_none());
        assert!(numbered(b"x1234567890").is_none()); // over 9 digits
        assert!(numbered(b"prefix_9_1").is_none()); // a prefix over 8 bytes
        let mut t = NameTable::with_capacity(8);
        // Numbered from 5000: dense from there; 4999 is hashed.
        assert_eq!(t.insert("e5000", 100), Ok(()));
        assert_eq!(t.insert("e5001", 101), Ok(()));
        assert_eq!(t.insert("e4999", 99), Ok(()));
        assert_eq!(
            (
                t.get("e4999".as_bytes()),
                t.get("e5001".as_bytes()),
                t.get("e5002".as_bytes())
            ),
            (Some(99), Some(101), None)
        );
        assert_eq!(t.insert("e4999", 0), Err(99));
        // Far out first (hashed), then near (dense), then the far one again.
        assert_eq!(t.insert("c900000", 0), Ok(()));
        assert_eq!(t.insert("c1", 1), Ok(()));
        assert_eq!(t.insert("c01", 2), Ok(()));
        assert_eq!(t.insert("c900000", 3), Err(0));
        assert_eq!(t.insert("c1", 4), Err(1));
        // Enough names that 900000 would now fit the dense array: still
        // found where it is, and still refused a second time.
        for i in 2..500_000 {
            assert_eq!(t.insert(&*format!("c{i}").leak(), i), Ok(()));
        }
        assert_eq!(t.insert("c900000", 5), Err(0));
        assert_eq!(t.get("c900000".as_bytes()), Some(0));
        assert_eq!(
            (
                t.get("c01".as_bytes()),
                t.get("c1".as_bytes()),
                t.get("c2".as_bytes())
            ),
            (Some(2), Some(1), Some(2))
        );
        assert_eq!(
            (t.get("c500000".as_bytes()), t.get("c0".as_bytes())),
            (None, None)
        );
        // More prefixes than get arrays: the rest are hashed, and all found.
        for (i, p) in ["a", "b", "d", "e", "f", "g", "h", "i", "j", "k"]
            .iter()
            .enumerate()
        {
            let name: &'static str = format!("{p}{i}").leak();
            assert_eq!(t.insert(name, 10 + i as u32), Ok(()));
            assert_eq!(t.get(name.as_bytes()), Some(10 + i as u32));
        }
        assert_eq!(t.len(), 500_000 + 1 + 10 + 3);
    }
}
