//! [`NameTable`]: the one name → index table of the crate: node ids of a
//! checked graph ([`crate::validate`], [`crate::ArgGraph`]) and argument names
//! of the framework and `.bag` readers, where looking up millions of short
//! names is most of the reading time.
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
//! `RandomState`), so a crafted file cannot make names collide on purpose (a
//! test shows names that collide under a fixed seed spread out under a random
//! one); the results never depend on the seed, since the table is only ever
//! queried, never iterated. Numbered names do not go through the hash, and a
//! dense array never grows past twice its names plus [`DENSE_SLACK`].

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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

/// [`numbered`] of a name that comes as a word: 1 to 7 bytes, each from `0`
/// (0x30) up, little-endian, zeros after them (how the `.bag` reader finds
/// names, see [`NameTable::get_word`]). It pays at 10^5 nodes (issue 15,
/// docs/performance.md). Without a branch on the bytes: where
/// the digits start comes from the highest byte that is not a digit, and the
/// number from the digits all at once (SWAR). A loop over the digits ends
/// after a different number of steps from one name to the next, and its exit
/// was mispredicted for most names.
#[inline]
fn numbered_word(w: u64, len: usize) -> Option<(Prefix, usize)> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = LO << 7;
    // Bit 7 of each byte that is not a digit: from `:` up (each sum stays
    // inside its byte, at most 0x7f + 0x46), or non-ASCII. No byte is below
    // `0`, and the zeros after the name are not flagged.
    let not_digit = (((w & !HI) + LO * u64::from(0x80 - b':')) | w) & HI;
    // The prefix runs to the last byte that is not a digit.
    let prefix = ((64 - not_digit.leading_zeros()) / 8) as usize;
    let digits = len.checked_sub(prefix)?;
    // At most 7 bytes: the shifts are below 64.
    let rest = w >> (8 * prefix);
    // No digit, or a leading zero (`a01` and `a1` are two names).
    if digits == 0 || (rest as u8 == b'0' && digits > 1) {
        return None;
    }
    // The digits' values (`0`-`9` are 0x30-0x39) at the top of a word, the
    // first digit (the most significant) lowest, zeros below: an 8-digit
    // number with leading zeros, combined pairwise (10 * first + second),
    // then in fours, then in eights.
    let mut v = (rest & (LO * 0x0f)) << (8 * (8 - digits));
    v = (v.wrapping_mul(10) + (v >> 8)) & 0x00ff_00ff_00ff_00ff;
    v = (v.wrapping_mul(100) + (v >> 16)) & 0x0000_ffff_0000_ffff;
    v = (v.wrapping_mul(10_000) + (v >> 32)) & 0xffff_ffff;
    let key = w & !(u64::MAX << (8 * prefix));
    Some((Prefix(key, prefix), v as usize))
}

/// The numbered names of one prefix: `index[number - first]`, or `ABSENT`.
#[derive(Clone)]
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
#[derive(Clone)]
pub(crate) struct NameTable {
    slots: Vec<Slot>,
    mask: usize,
    short: usize,
    long: HashMap<Box<str>, u32, RandomState>,
    dense: Vec<Dense>,
    seed: [u64; 2],
}

impl std::fmt::Debug for NameTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NameTable")
            .field("len", &self.len())
            .finish()
    }
}

/// The 128-bit product of `a` and `b`, folded to 64 bits (the mixing step of
/// foldhash and wyhash).
#[inline]
fn fold(a: u64, b: u64) -> u64 {
    let p = (a as u128) * (b as u128);
    (p as u64) ^ ((p >> 64) as u64)
}

impl NameTable {
    /// A table sized for about `n` names (it grows as needed), its hash seeded
    /// at random.
    pub(crate) fn with_capacity(n: usize) -> Self {
        let state = RandomState::new();
        let seed = [
            state.hash_one(0x6172_676d_6170_u64) | 1,
            state.hash_one(0x6e61_6d65_735f_u64) | 1,
        ];
        NameTable::seeded(n, seed, state)
    }

    /// [`NameTable::with_capacity`] with the seed of the short names' hash
    /// given (`state` hashes the long ones).
    fn seeded(n: usize, seed: [u64; 2], state: RandomState) -> Self {
        let cap = (n.max(8) * 2).next_power_of_two();
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
    pub(crate) fn len(&self) -> usize {
        self.short + self.long.len() + self.dense.iter().map(|d| d.count).sum::<usize>()
    }

    /// The table of these ids, id `i` with index `i`; of equal ids, the last
    /// one wins.
    pub(crate) fn of_all<'a>(
        ids: impl DoubleEndedIterator<Item = &'a str> + ExactSizeIterator,
    ) -> Self {
        let mut t = NameTable::with_capacity(ids.len());
        let n = ids.len();
        // Backwards: the first insertion of a name stays.
        for (k, id) in ids.rev().enumerate() {
            let _ = t.insert(id, (n - 1 - k) as u32);
        }
        t
    }

    /// The index of the id `id` (node indices are `usize`s).
    pub(crate) fn index_of(&self, id: &str) -> Option<usize> {
        self.get(id.as_bytes()).map(|i| i as usize)
    }

    /// [`NameTable::insert`] of a node id with its node index.
    pub(crate) fn add(&mut self, id: &str, i: usize) -> Result<(), usize> {
        // Node indices fit in a u32: a file is far smaller than 4 GiB.
        self.insert(id, i as u32).map_err(|first| first as usize)
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

    /// [`NameTable::get`] of a name that the caller also has as a word:
    /// `word` is 0, or the name is 1 to 7 bytes, each from `0` up, and `word`
    /// is those bytes, little-endian, zeros after them (what the fast `.bag`
    /// reader finds). Then a numbered name is split by [`numbered_word`],
    /// without a loop over its bytes.
    #[inline(always)]
    pub(crate) fn get_word(&self, name: &[u8], word: u64) -> Option<u32> {
        if word == 0 || name.len() > 7 {
            return self.get(name);
        }
        self.get_split(name, numbered_word(word, name.len()))
    }

    /// [`NameTable::get`] given the name's [`numbered`] split.
    // Inlined into the reader's loop: through a call, a third more
    // instructions for the whole `.bag` read at 10^5 nodes (callgrind).
    #[inline(always)]
    fn get_split(&self, name: &[u8], split: Option<(Prefix, usize)>) -> Option<u32> {
        if let Some((prefix, n)) = split
            && let Some(i) = self.dense(prefix).and_then(|d| d.get(n))
        {
            return Some(i);
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
    pub(crate) fn insert(&mut self, name: &str, index: u32) -> Result<(), u32> {
        self.insert_split(name, numbered(name.as_bytes()), index)
    }

    /// [`NameTable::insert`] given the name's [`numbered`] split.
    fn insert_split(
        &mut self,
        name: &str,
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
                    if self.dense[d].spilled
                        && let Some(old) = self.get_hashed(name.as_bytes())
                    {
                        return Err(old);
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

    fn insert_hashed(&mut self, name: &str, index: u32) -> Result<(), u32> {
        let b = name.as_bytes();
        // The empty name (never valid, but a reader may meet it) goes to the
        // map too: length 0 marks an empty slot.
        if b.is_empty() || b.len() > INLINE {
            return match self.long.entry(name.into()) {
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

/// Test support: names built byte by byte over an alphabet.
#[cfg(test)]
mod words {
    /// Calls `f` with every name of 1 to `longest` bytes over `alphabet`.
    pub(crate) fn every(alphabet: &[u8], longest: u32, mut f: impl FnMut(&[u8])) {
        let mut name = Vec::new();
        for len in 1..=longest {
            for k in 0..alphabet.len().pow(len) {
                name.clear();
                let mut k = k;
                for _ in 0..len {
                    name.push(alphabet[k % alphabet.len()]);
                    k /= alphabet.len();
                }
                f(&name);
            }
        }
    }

    /// Calls `f` with `count` names of `5..=7` bytes over `alphabet`, drawn
    /// by a xorshift generator from `seed` (the same names every run).
    pub(crate) fn random(alphabet: &[u8], count: usize, seed: u64, mut f: impl FnMut(&[u8])) {
        let mut rng = seed;
        let mut next = move || {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng
        };
        let mut name = Vec::new();
        for _ in 0..count {
            let len = 5 + (next() % 3) as usize;
            name.clear();
            for _ in 0..len {
                name.push(alphabet[(next() % alphabet.len() as u64) as usize]);
            }
            f(&name);
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

    /// How far from its home slot the short name `name` sits (linear
    /// probing: every slot between is taken).
    fn probes(t: &NameTable, name: &str) -> usize {
        let (key, len) = (NameTable::key(name.as_bytes()), name.len() as u8);
        let home = t.hash(&key, len) & t.mask;
        let mut i = home;
        while !(t.slots[i].len == len && t.slots[i].key == key) {
            i = (i + 1) & t.mask;
        }
        (i + t.slots.len() - home) & t.mask
    }

    /// Names that a file could hold to make one table slow: under a fixed
    /// seed, 300 names whose hashes all pick the same slot of a 4096-slot
    /// table, found by trying names in turn (as an attacker who knew the
    /// seed would). Under that seed they pile up into one run of 300
    /// slots; under the per-process random seed the table uses, the same
    /// names spread out. Either way every name is found.
    #[test]
    fn names_crafted_to_collide_under_a_fixed_seed_spread_under_a_random_one() {
        const SEED: [u64; 2] = [0x9e37_79b9_7f4a_7c15, 0xc2b2_ae3d_27d4_eb4f];
        let fixed = || NameTable::seeded(2048, SEED, RandomState::new());
        let t = fixed();
        assert_eq!(t.slots.len(), 4096);
        // Letters only (a name ending in a digit would be numbered, not hashed).
        let name = |mut k: usize| {
            let mut s = String::from("n");
            loop {
                s.push((b'a' + (k % 26) as u8) as char);
                k /= 26;
                if k == 0 {
                    return s;
                }
            }
        };
        let slot = |n: &str| t.hash(&NameTable::key(n.as_bytes()), n.len() as u8) & t.mask;
        let target = slot(&name(0));
        let crafted: Vec<String> = (0..)
            .map(name)
            .filter(|n| slot(n) == target)
            .take(300)
            .collect();
        let mut under_fixed = fixed();
        let mut under_random = NameTable::with_capacity(2048);
        for (i, n) in crafted.iter().enumerate() {
            assert_eq!(under_fixed.insert(n, i as u32), Ok(()));
            assert_eq!(under_random.insert(n, i as u32), Ok(()));
        }
        for (i, n) in crafted.iter().enumerate() {
            assert_eq!(under_fixed.get(n.as_bytes()), Some(i as u32));
            assert_eq!(under_random.get(n.as_bytes()), Some(i as u32));
        }
        let longest = |t: &NameTable| crafted.iter().map(|n| probes(t, n)).max().unwrap();
        // Under the fixed seed: one run, the last name 299 slots from home.
        assert_eq!(longest(&under_fixed), 299);
        // Under a random seed: 300 names in 4096 slots, as random keys land
        // (a run of 40 has a chance far below 10^-20).
        assert!(longest(&under_random) < 40, "{}", longest(&under_random));
    }

    /// `numbered_word` against `numbered` on the names it is given (1 to 7
    /// bytes from `0` up, as a word with zeros after them): every such name
    /// of up to 4 bytes over digits, the bytes around them and non-ASCII
    /// bytes, and 200 000 random ones of 5 to 7 bytes.
    #[test]
    fn numbered_word_splits_as_numbered_does() {
        const ALPHABET: &[u8] = b"0179:;a_~\x7f\x80\xff";
        let mut checked = 0;
        let mut check = |name: &[u8]| {
            let mut word = [0u8; 8];
            word[..name.len()].copy_from_slice(name);
            let w = u64::from_le_bytes(word);
            assert!(
                numbered_word(w, name.len()) == numbered(name),
                "{name:?} in {w:#x}"
            );
            checked += 1;
        };
        words::every(ALPHABET, 4, &mut check);
        words::random(ALPHABET, 200_000, 0x9e37_79b9_7f4a_7c15, &mut check);
        // Numbered names of every digit count, the largest of each.
        for digits in 1..=7 {
            let n = 10usize.pow(digits) - 1;
            let t = n.to_string();
            let mut word = [0u8; 8];
            word[..t.len()].copy_from_slice(t.as_bytes());
            let split = numbered_word(u64::from_le_bytes(word), t.len());
            assert_eq!(split.map(|(_, n)| n), Some(n));
        }
        assert!(checked > 220_000, "{checked}");
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
