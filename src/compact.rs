//! Compact loading: a clean `.bag` file straight into a [`Qbaf`], for graphs of
//! millions of nodes.
//!
//! The ordinary path ([`crate::formats::bag::parse`], [`crate::validate`],
//! [`crate::build`]) keeps every node and edge as a model with strings and
//! positions, so that a problem can be reported at its line and every later stage
//! can show ids, texts and citations. That costs about 3 KB and a dozen
//! allocations per node. [`read_bag`] reads a file that has no problem in one
//! pass: ids interned once into one string, edges resolved to indices, bases and
//! weights straight into the [`Qbaf`]'s arrays (about 60 bytes per edge in all).
//! As soon as it meets anything the ordinary reader would report (a duplicate or
//! malformed id, an unknown endpoint, a base outside `[0, 1]`, a self-loop, a
//! repeated edge, a syntax it does not take), it gives up and returns `None`:
//! the caller then runs the ordinary path, which reports the problem with its
//! position. A test checks that both paths give the same graph on every file the
//! compact reader accepts.
//!
//! ```
//! let src = argmap::Source::new("g.bag", "arg(a, 0.5).\narg(b, 1.0).\natt(b, a).\n");
//! let c = argmap::compact::read_bag(&src).expect("a clean file");
//! assert_eq!((c.len(), c.id(c.conclusion()), c.qbaf().edge_count()), (2, "a", 1));
//! let bad = argmap::Source::new("g.bag", "arg(a, 0.5).\natt(b, a).\n"); // b unknown
//! assert!(argmap::compact::read_bag(&bad).is_none());
//! ```

use crate::diag::Source;
use crate::formats::names::NameTable;
use crate::model::EdgeKind;
use crate::semantics::{EdgeOrder, Qbaf};

/// A graph read by [`read_bag`]: node ids and the [`Qbaf`].
#[derive(Clone, Debug)]
pub struct CompactGraph {
    /// The ids, one after the other; node `i` is `ids[ends[i - 1]..ends[i]]`.
    ids: String,
    ends: Vec<u32>,
    conclusion: usize,
    qbaf: Qbaf,
}

impl CompactGraph {
    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are no nodes (never: a clean file has one).
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Node `i`'s id.
    pub fn id(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.ids[start..self.ends[i] as usize]
    }

    /// The index of the node with this id (a linear scan: for a few lookups).
    pub fn index_of(&self, id: &str) -> Option<usize> {
        (0..self.len()).find(|&i| self.id(i) == id)
    }

    /// The conclusion, chosen as the ordinary reader does: the only node that
    /// attacks or supports nothing, else the first one.
    pub fn conclusion(&self) -> usize {
        self.conclusion
    }

    /// The graph's bases, edges and weights, ready for [`crate::semantics::evaluate`].
    pub fn qbaf(&self) -> &Qbaf {
        &self.qbaf
    }
}

/// The bytes that end a name or an argument: `(` `)` `,`, and those that end
/// what the fast reader takes: a comment (`#` `%`) or the end of the line.
fn special(c: u8) -> bool {
    matches!(c, b'(' | b')' | b',' | b'#' | b'%' | b'\n')
}

/// Bit 7 of each of the 8 bytes at `i` that is below `0` (and below 0x80), or
/// `None` when fewer than 8 bytes are left. Bits below the lowest flagged byte
/// are exact (borrows only run upward), so the lowest one flagged is the
/// first byte below `0`; the flags above it may be wrong.
#[inline]
fn below_0(b: &[u8], i: usize) -> Option<u64> {
    word_at(b, i).map(below_0_in)
}

/// The 8 bytes at `i` as a little-endian word, or `None` when fewer are left.
#[inline]
fn word_at(b: &[u8], i: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(i..i + 8)?.try_into().ok()?))
}

/// [`below_0`] of a word.
#[inline]
fn below_0_in(w: u64) -> u64 {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    const BELOW: u64 = LO * b'0' as u64;
    w.wrapping_sub(BELOW) & !w & HI
}

/// The first index from `i` on whose byte is [`special`], or `b.len()`.
/// Eight bytes at a time (SWAR): every special byte is below `0`, so one
/// subtraction flags the bytes below `0` in a word (spaces, `.` and `-` too,
/// which are then stepped over), and a name or an argument of up to 8 bytes
/// costs one step instead of a branch per byte.
#[inline]
fn scan(b: &[u8], mut i: usize) -> usize {
    while let Some(below) = below_0(b, i) {
        if below == 0 {
            i += 8;
            continue;
        }
        let k = i + (below.trailing_zeros() / 8) as usize;
        if special(b[k]) {
            return k;
        }
        i = k + 1;
    }
    while i < b.len() && !special(b[i]) {
        i += 1;
    }
    i
}

/// A statement: its name, up to three arguments, how many there are.
type Statement<'t> = (&'t str, [&'t str; 3], usize);

/// The statement on the line that starts at byte `at` of `text` (the line runs
/// to the next `\n`): `name(a, b)` or `name(a, b, c)`, an optional `.`, nothing
/// else but blanks and a comment. Returns it and where the next line starts;
/// `None` for anything else (the ordinary reader then decides). A byte scanner
/// over the whole text: splitting it into lines first, and the `str` searches
/// this replaces, were most of the reading time.
fn statement(text: &str, at: usize) -> Option<(Statement<'_>, usize)> {
    let b = text.as_bytes();
    let blank = |c: u8| c == b' ' || c == b'\t' || c == b'\r';
    let mut i = at;
    while i < b.len() && blank(b[i]) {
        i += 1;
    }
    let name_start = i;
    i = scan(b, i);
    if b.get(i) != Some(&b'(') {
        return None;
    }
    let mut name_end = i;
    while name_end > name_start && blank(b[name_end - 1]) {
        name_end -= 1;
    }
    let mut args = ["", "", ""];
    let mut n = 0;
    loop {
        i += 1;
        let start = i;
        // The argument runs to the next `,` or `)`.
        i = scan(b, i);
        if !matches!(b.get(i), Some(b',' | b')')) || n == 3 {
            return None;
        }
        let (mut s, mut e) = (start, i);
        while s < e && blank(b[s]) {
            s += 1;
        }
        while e > s && blank(b[e - 1]) {
            e -= 1;
        }
        // Split at ASCII bytes only, so these are char boundaries.
        args[n] = &text[s..e];
        n += 1;
        if b[i] == b')' {
            break;
        }
    }
    i += 1;
    while i < b.len() && blank(b[i]) {
        i += 1;
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        while i < b.len() && blank(b[i]) {
            i += 1;
        }
    }
    let next = match b.get(i) {
        None => b.len(),
        Some(b'\n') => i + 1,
        Some(b'#' | b'%') => next_line(b, i),
        Some(_) => return None,
    };
    Some(((&text[name_start..name_end], args, n), next))
}

/// What a line states, as [`read_bag`] takes it: an argument with its base, or
/// an edge with its kind and weight.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Line<'t> {
    /// The id (and its [`Name::word`]) and the base.
    Arg(&'t str, u64, f64),
    /// Kind, source, target, weight.
    Edge(EdgeKind, Name<'t>, Name<'t>, f64),
}

/// An edge's endpoint as read: its bytes (how the name table looks names up)
/// and its word.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Name<'t> {
    bytes: &'t [u8],
    /// For a name of 1 to 7 bytes, each from `0` up (every name the fast
    /// readers find in one word), those bytes as a little-endian word with
    /// zeros after them (how [`NameTable::get_word`] splits numbered names);
    /// 0 for any other name.
    word: u64,
}

impl<'t> Name<'t> {
    /// The name of these bytes, with its word if it has one (see
    /// [`Name::word`]).
    fn new(bytes: &'t [u8]) -> Name<'t> {
        let mut word = 0;
        if bytes.len() <= 7 && bytes.iter().all(|&c| c >= b'0') {
            for (j, &c) in bytes.iter().enumerate() {
                word |= u64::from(c) << (8 * j);
            }
        }
        Name { bytes, word }
    }
}

impl<'t> Line<'t> {
    /// The line a [`statement`] states, if it is one [`read_bag`] takes.
    fn of(stmt: Statement<'t>) -> Option<Line<'t>> {
        let (name, [a, b, w], n) = stmt;
        let kind = match name {
            "arg" if n == 2 => {
                return Some(Line::Arg(a, Name::new(a.as_bytes()).word, number(b)?));
            }
            "att" => EdgeKind::Attack,
            "sup" => EdgeKind::Support,
            _ => return None,
        };
        let weight = match n {
            2 => 1.0,
            3 => number(w)?,
            _ => return None,
        };
        Some(Line::Edge(
            kind,
            Name::new(a.as_bytes()),
            Name::new(b.as_bytes()),
            weight,
        ))
    }
}

/// The line at byte `at` if it is in the form `argmap gen` and most tools
/// write, `arg(a, 0.5).`, `att(a, b).` or `sup(a, b, 0.25).` (one space or
/// none after each comma, no other blank, names of bytes from `0` up, plain
/// decimals), and where the next line starts; `None` for any other line, which
/// [`statement`] then reads. Whatever this accepts, [`statement`] reads the
/// same way (a test checks it); it is the same reading without the blank
/// trimming, the search for the statement's name and the second pass over
/// each number, which were most of the time per line.
#[inline]
fn fast_line(text: &str, at: usize) -> Option<(Line<'_>, usize)> {
    const ARG: u32 = u32::from_le_bytes(*b"arg(");
    const ATT: u32 = u32::from_le_bytes(*b"att(");
    const SUP: u32 = u32::from_le_bytes(*b"sup(");
    let b = text.as_bytes();
    let head = u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?);
    // Attacks and supports come in any order: the kind is a value, not a
    // branch (a branch on it was mispredicted on half the edges).
    let kind = if head == ARG {
        None
    } else {
        let support = head == SUP;
        if !(support | (head == ATT)) {
            return None;
        }
        Some(if support {
            EdgeKind::Support
        } else {
            EdgeKind::Attack
        })
    };
    // A name runs to its first byte below `0`, which must be the comma.
    let s1 = at + 4;
    let (e1, w1) = name_at(b, s1);
    if e1 == s1 || b.get(e1) != Some(&b',') {
        return None;
    }
    let s2 = e1 + 1 + usize::from(b.get(e1 + 1) == Some(&b' '));
    let (second, mut i) = match kind {
        None => {
            let (x, end) = decimal(b, s2)?;
            (Err(x), end)
        }
        Some(_) => {
            let (e2, w2) = name_at(b, s2);
            if e2 == s2 {
                return None;
            }
            (Ok((e2, w2)), e2)
        }
    };
    let mut weight = 1.0;
    if kind.is_some() && b.get(i) == Some(&b',') {
        let at = i + 1 + usize::from(b.get(i + 1) == Some(&b' '));
        (weight, i) = decimal(b, at)?;
    }
    if b.get(i) != Some(&b')') {
        return None;
    }
    i += 1;
    if b.get(i) == Some(&b'.') {
        i += 1;
    }
    let next = match b.get(i) {
        None => i,
        Some(b'\n') => i + 1,
        Some(_) => return None,
    };
    let line = match (kind, second) {
        // Split at ASCII bytes only, so this is a char boundary.
        (None, Err(x)) => Line::Arg(text.get(s1..e1)?, w1, x),
        (Some(kind), Ok((e2, w2))) => {
            let a = Name {
                bytes: b.get(s1..e1)?,
                word: w1,
            };
            let b = Name {
                bytes: b.get(s2..e2)?,
                word: w2,
            };
            Line::Edge(kind, a, b, weight)
        }
        _ => return None,
    };
    Some((line, next))
}

/// The line at byte `at` if it is an edge in exactly the form `argmap gen`
/// writes, `att(a, b).` or `sup(a, b).` and its `\n` (names of 1 to 7 bytes
/// from `0` up, one space or none after the comma, no weight): its kind, its
/// names, where the next line starts. `None` for any other line, which
/// [`fast_line`] then reads; whatever this takes, [`fast_line`] reads the same
/// way (a test checks it). The comma after the source is in the word the
/// source was read from, and the close in the target's, so the line costs
/// two word loads and no loop.
#[inline(always)]
fn fast_edge(b: &[u8], at: usize) -> Option<(EdgeKind, Name<'_>, Name<'_>, usize)> {
    // The kind and the names' lengths are worked out as in `fast_line` and
    // `name_at`, written out again here: the same code through shared helpers
    // came to 0.3 M more instructions on a 10^4-node file (callgrind), on the
    // reader's hottest path.
    const ATT: u32 = u32::from_le_bytes(*b"att(");
    const SUP: u32 = u32::from_le_bytes(*b"sup(");
    let head = u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?);
    let support = head == SUP;
    if !(support | (head == ATT)) {
        return None;
    }
    let kind = if support {
        EdgeKind::Support
    } else {
        EdgeKind::Attack
    };
    // The source and the comma after it, both in one word.
    let s1 = at + 4;
    let w1 = word_at(b, s1)?;
    let len1 = (below_0_in(w1).trailing_zeros() / 8) as usize;
    if len1 == 0 || len1 == 8 || (w1 >> (8 * len1)) as u8 != b',' {
        return None;
    }
    let s2 = s1 + len1 + 1 + usize::from(b.get(s1 + len1 + 1) == Some(&b' '));
    // The target and `).` and the line's end after it.
    let w2 = word_at(b, s2)?;
    let len2 = (below_0_in(w2).trailing_zeros() / 8) as usize;
    if len2 == 0 || len2 == 8 || b.get(s2 + len2..s2 + len2 + 3) != Some(b").\n") {
        return None;
    }
    let name = |s: usize, len: usize, w: u64| -> Option<Name<'_>> {
        Some(Name {
            bytes: b.get(s..s + len)?,
            // At most 7 bytes: the shift is below 64.
            word: w & ((1 << (8 * len)) - 1),
        })
    };
    Some((
        kind,
        name(s1, len1, w1)?,
        name(s2, len2, w2)?,
        s2 + len2 + 3,
    ))
}

/// The name that starts at `i`: where it ends, as [`name_end`] finds it, and
/// its [`Name::word`] (0 for a name over 7 bytes). A name that ends within
/// the 8 bytes at `i` (every generated one) costs one load and no loop.
#[inline]
fn name_at(b: &[u8], i: usize) -> (usize, u64) {
    if let Some(w) = word_at(b, i) {
        let below = below_0_in(w);
        if below != 0 {
            // At most 7 bytes: the shift is below 64.
            let len = (below.trailing_zeros() / 8) as usize;
            return (i + len, w & ((1 << (8 * len)) - 1));
        }
    }
    let end = name_end(b, i);
    (end, Name::new(&b[i..end]).word)
}

/// Whether the id of `len` bytes (1 to 8) whose [`Name::word`] is `w` is one
/// that [`crate::validate::id_problem`] passes at once: every byte printable
/// ASCII from `0` up (all but `:` and `=`, which the command line uses as
/// separators). A `false` is no verdict (`id_problem` then decides); a `true`
/// is its verdict, without a loop over the bytes.
#[inline]
fn usual_id(len: usize, w: u64) -> bool {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = LO << 7;
    if !(1..=8).contains(&len) {
        return false;
    }
    let keep = u64::MAX >> (64 - 8 * len);
    // Bit 7 of the bytes of `x` that are zero, or 0 if none is (a borrow may
    // flag a byte above a zero one, so only whether any is flagged counts).
    let zero = |x: u64| x.wrapping_sub(LO) & !x & HI;
    let has = |c: u8| zero(w ^ (LO * u64::from(c))) & keep != 0;
    // Each byte below 0x80 plus 0x50 (no carry leaves it) reaches 0x80 from
    // `0` up; plus 0x01, from 0x7f (DEL) up.
    let low = w & !HI;
    let from_0 = (low + LO * 0x50) & HI;
    let from_del = (low + LO) & HI;
    let usual = (from_0 & !from_del & !w & HI) | (!keep & HI);
    usual == HI && !has(b':') && !has(b'=')
}

/// The end of the name that starts at `i`: its first byte below `0` (or the
/// end of the text). Eight bytes at a time, as in [`scan`].
#[inline]
fn name_end(b: &[u8], mut i: usize) -> usize {
    while let Some(below) = below_0(b, i) {
        if below != 0 {
            return i + (below.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && b[i] >= b'0' {
        i += 1;
    }
    i
}

/// A plain decimal at `i` (`0.41`, `1`, `.5`, `3.`: at most 15 digits, one
/// digit at least) and where it ends; `None` for anything else. Clinger's fast
/// path: the digits as an integer and the power of ten are both exact in an
/// `f64`, so one division, correctly rounded, gives the correctly rounded
/// value, the same as `str::parse`.
#[inline]
fn decimal(b: &[u8], mut i: usize) -> Option<(f64, usize)> {
    // Wrapping: past 19 digits `m` overflows, but over 15 it is not used.
    let digit = |m: u64, c: u8| m.wrapping_mul(10).wrapping_add(u64::from(c - b'0'));
    let mut m: u64 = 0;
    let (mut digits, mut frac) = (0usize, 0usize);
    while let Some(&c) = b.get(i).filter(|c| c.is_ascii_digit()) {
        m = digit(m, c);
        digits += 1;
        i += 1;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        while let Some(&c) = b.get(i).filter(|c| c.is_ascii_digit()) {
            m = digit(m, c);
            digits += 1;
            frac += 1;
            i += 1;
        }
    }
    if digits == 0 || digits > 15 {
        return None;
    }
    Some((m as f64 / POW10[frac], i))
}

/// Where the line after the one holding byte `i` starts.
fn next_line(b: &[u8], i: usize) -> usize {
    memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |k| i + k + 1)
}

/// Exact powers of ten (every one below 2^53).
const POW10: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/// A number as `str::parse::<f64>` reads it. Plain decimals of at most 15
/// digits (`0.41`, `1`, `.5`) take [`decimal`]'s fast path; anything else goes
/// to `parse`.
fn number(s: &str) -> Option<f64> {
    match decimal(s.as_bytes(), 0) {
        Some((x, end)) if end == s.len() => Some(x),
        _ => s.parse().ok(),
    }
}

/// Reads a `.bag` file that has no problem; `None` if it has one, or a form this
/// fast reader does not take (several statements on a line): read it with
/// [`crate::formats::bag::parse`] then.
///
/// One pass over the text. An edge whose endpoints are not declared yet (the
/// format allows that) is resolved after the last line.
pub fn read_bag(src: &Source) -> Option<CompactGraph> {
    read_columns(src)?.into_graph()
}

/// A `.bag` file as [`read_columns`] reads it: the ids, bases and edges as
/// columns that no longer borrow the text, not yet laid out as a [`Qbaf`].
///
/// [`read_bag`] in two halves, so that a caller can drop the text in between:
/// the [`Qbaf`]'s arrays then take the memory the text had, instead of
/// fresh memory (which the kernel must zero first; at 10^4 nodes, one of
/// the heap's 2 MiB pages fewer).
///
/// ```
/// let src = argmap::Source::new("g.bag", "arg(a, 0.5).\narg(b, 1.0).\natt(b, a).\n");
/// let cols = argmap::compact::read_columns(&src).expect("a clean file");
/// drop(src);
/// let c = cols.into_graph().expect("no repeated edge");
/// assert_eq!((c.len(), c.qbaf().edge_count()), (2, 1));
/// ```
#[derive(Debug)]
pub struct BagColumns {
    ids: String,
    ends: Vec<u32>,
    base: Vec<f64>,
    edge_from: Vec<u32>,
    edge_to: Vec<u32>,
    weights: Option<Vec<f64>>,
    support_edges: Vec<u32>,
    /// Whether every edge points to a later node, or every one to an earlier.
    order: EdgeOrder,
}

/// The first half of [`read_bag`]: reads the text into [`BagColumns`], or
/// `None` as [`read_bag`] gives it (every problem but a repeated edge, which
/// [`BagColumns::into_graph`] finds).
pub fn read_columns(src: &Source) -> Option<BagColumns> {
    let text = src.text();
    let bytes = text.as_bytes();
    // Generated files have about 20 bytes a line: room for most of it at once.
    let lines = bytes.len() / 20 + 16;
    // Numbered names (most big files) go to dense arrays: the hashed part
    // starts small and grows if the names are not numbered.
    let mut names = NameTable::with_capacity(1024);
    let mut ids = String::with_capacity(bytes.len() / 8);
    let mut ends: Vec<u32> = Vec::with_capacity(lines / 4);
    let mut base: Vec<f64> = Vec::with_capacity(lines / 4);
    // The edges as the columns of `Qbaf::from_columns` (16 bytes an edge, plus
    // 4 a support), not as tuples (32).
    let mut edge_from: Vec<u32> = Vec::with_capacity(lines);
    let mut edge_to: Vec<u32> = Vec::with_capacity(lines);
    // The weights, kept only from the first edge whose weight is not 1 on
    // (most files give none): until then every weight is 1 (filled in then;
    // if no edge has another weight, the `Qbaf` is told that every weight is
    // 1), and an edge costs one comparison for its weight.
    let mut weights: Vec<f64> = Vec::new();
    let mut weighted = false;
    // The support edges: each edge is written at `supports` and counted if it
    // is one (no branch on the kind, which comes in any order); the list
    // always has room for one more.
    let mut support_edges: Vec<u32> = vec![0; lines / 2 + 1];
    let mut supports = 0;
    // Edges naming an argument declared further down: (edge, from, to).
    let mut pending: Vec<(usize, &[u8], &[u8])> = Vec::new();
    // The last source looked up: its word, length and index.
    let mut last = (0u64, 0usize, 0u32);
    // Whether every edge so far points to a later node, or every one to an
    // earlier (for `Qbaf::from_columns`, which then need not look).
    let (mut forward, mut backward) = (true, true);
    let mut pos = 0;
    while pos < bytes.len() {
        // The usual edge line at once; any other line through `fast_line`,
        // then `statement`.
        let (kind, a, b, weight) = if let Some((kind, a, b, next)) = fast_edge(bytes, pos) {
            pos = next;
            (kind, a, b, 1.0)
        } else {
            let line = match fast_line(text, pos) {
                Some((line, next)) => {
                    pos = next;
                    line
                }
                None => {
                    let mut i = pos;
                    while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\r') {
                        i += 1;
                    }
                    match bytes.get(i) {
                        None => break,
                        Some(b'\n') => {
                            pos = i + 1;
                            continue;
                        }
                        Some(b'#' | b'%') => {
                            pos = next_line(bytes, i);
                            continue;
                        }
                        Some(_) => {}
                    }
                    let (stmt, next) = statement(text, i)?;
                    pos = next;
                    Line::of(stmt)?
                }
            };
            match line {
                Line::Arg(a, word, b) => {
                    // The usual id at once; anything else as the ordinary checks
                    // see it.
                    if !(usual_id(a.len(), word) || crate::validate::id_problem(a).is_none())
                        || !(0.0..=1.0).contains(&b)
                    {
                        return None;
                    }
                    let next = u32::try_from(ends.len()).ok()?;
                    names.insert_word(a, word, next).ok()?; // a duplicate id
                    ids.push_str(a);
                    ends.push(u32::try_from(ids.len()).ok()?);
                    base.push(b);
                    continue;
                }
                Line::Edge(kind, a, b, weight) => (kind, a, b, weight),
            }
        };
        let j = edge_from.len();
        if weight != 1.0 && !weighted {
            weighted = true;
            weights.reserve(lines.max(j + 1));
            weights.resize(j, 1.0);
        }
        if weighted {
            if !(weight.is_finite() && weight >= 0.0) {
                return None;
            }
            weights.push(weight);
        }
        // Edge indices fit in a u32: checked once, after the last line.
        support_edges[supports] = j as u32;
        supports += usize::from(kind == EdgeKind::Support);
        if supports == support_edges.len() {
            support_edges.resize(2 * supports, 0);
        }
        // Files list a node's edges together, so most lines repeat the
        // source of the line before. (The length too: a name may end in zero
        // bytes, which its word does not show.)
        let from = if a.word != 0 && (a.word, a.bytes.len()) == (last.0, last.1) {
            Some(last.2)
        } else {
            names
                .get_word(a.bytes, a.word)
                .inspect(|&f| last = (a.word, a.bytes.len(), f))
        };
        match (from, names.get_word(b.bytes, b.word)) {
            (Some(f), Some(t)) => {
                if f == t {
                    return None;
                }
                forward &= f < t;
                backward &= f > t;
                edge_from.push(f);
                edge_to.push(t);
            }
            _ => {
                pending.push((j, a.bytes, b.bytes));
                edge_from.push(0);
                edge_to.push(0);
            }
        }
    }
    for (e, a, b) in pending {
        let (f, t) = (names.get(a)?, names.get(b)?);
        if f == t {
            return None;
        }
        forward &= f < t;
        backward &= f > t;
        (edge_from[e], edge_to[e]) = (f, t);
    }
    drop(names);
    support_edges.truncate(supports);
    // Node and edge indices are u32s (edge indices were written unchecked).
    if ends.is_empty() || ends.len() >= u32::MAX as usize || edge_from.len() >= u32::MAX as usize {
        return None;
    }
    // Every endpoint is a node index and every weight finite and >= 0, as
    // `Qbaf::from_columns` requires.
    let weights = weighted.then_some(weights);
    Some(BagColumns {
        ids,
        ends,
        base,
        edge_from,
        edge_to,
        weights,
        support_edges,
        order: EdgeOrder { forward, backward },
    })
}

impl BagColumns {
    /// The second half of [`read_bag`]: the [`Qbaf`] and the conclusion, or
    /// `None` if two edges join the same pair of nodes the same way.
    pub fn into_graph(self) -> Option<CompactGraph> {
        let BagColumns {
            ids,
            ends,
            base,
            edge_from,
            edge_to,
            weights,
            support_edges,
            order,
        } = self;
        let mut has_out = vec![false; ends.len()];
        for &f in &edge_from {
            has_out[f as usize] = true;
        }
        let mut sinks = has_out.iter().enumerate().filter(|(_, o)| !**o);
        let conclusion = match (sinks.next(), sinks.next()) {
            (Some((only, _)), None) => only,
            _ => 0,
        };
        // Every base was checked and no edge is a self-loop.
        let qbaf = Qbaf::from_columns(
            base,
            edge_from,
            edge_to,
            weights,
            support_edges,
            Some(order),
        );
        // Repeated pairs (the same edge twice, or a support and an attack) are
        // refused by the ordinary checks; the incoming lists show them.
        if qbaf.has_repeated_pair() {
            return None;
        }
        Some(CompactGraph {
            ids,
            ends,
            conclusion,
            qbaf,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_are_split_like_the_ordinary_reader() {
        fn one(t: &str) -> Option<Statement<'_>> {
            statement(t, 0).map(|s| s.0)
        }
        assert_eq!(one("arg(a, 0.5)."), Some(("arg", ["a", "0.5", ""], 2)));
        assert_eq!(
            one("  att( b , a , 0.4 ) . % why"),
            Some(("att", ["b", "a", "0.4"], 3))
        );
        assert_eq!(one("sup(b, a)"), Some(("sup", ["b", "a", ""], 2)));
        assert_eq!(one("att(b, a). att(c, a)."), None);
        assert_eq!(one("att(b, a, 1, 2)"), None);
        assert_eq!(one("att b a"), None);
        // A statement ends at its line's end; the next line starts after it.
        let t = "arg(a, 1) % c\r\nsup(b, a)\natt(b,\na)";
        assert_eq!(statement(t, 0), Some((("arg", ["a", "1", ""], 2), 15)));
        assert_eq!(statement(t, 15), Some((("sup", ["b", "a", ""], 2), 25)));
        assert_eq!(statement(t, 25), None); // a statement over two lines
        assert_eq!(statement("arg\n(a, 1)", 0), None);
        // Long names and arguments cross the 8-byte steps of `scan`.
        let t = "att(a_very_long_name_indeed, another_long_name_123, 0.000000001)";
        assert_eq!(
            one(t),
            Some((
                "att",
                [
                    "a_very_long_name_indeed",
                    "another_long_name_123",
                    "0.000000001"
                ],
                3
            ))
        );
        assert_eq!(one("att(a_very_long_name_indeed, x#y)"), None);
        assert_eq!(one("att(a_very_long_name_indeed, x(y)"), None);
    }

    /// `fast_edge` at the edges of what it takes: names of 7 bytes and of 8,
    /// the comma in the source's word, other closes and line ends.
    #[test]
    fn fast_edge_takes_the_usual_edge_lines_only() {
        fn edge(t: &str) -> Option<(EdgeKind, &[u8], &[u8], usize)> {
            fast_edge(t.as_bytes(), 0).map(|(k, a, b, n)| (k, a.bytes, b.bytes, n))
        }
        use EdgeKind::{Attack, Support};
        // A taken line has 8 bytes from each name on (here the next line's).
        let next = "att(c, d).\n";
        assert_eq!(
            edge(&format!("att(a, b).\n{next}")),
            Some((Attack, &b"a"[..], &b"b"[..], 11))
        );
        assert_eq!(
            edge(&format!("sup(c1,c2).\n{next}")),
            Some((Support, &b"c1"[..], &b"c2"[..], 12))
        );
        assert_eq!(
            edge(&format!("att(c123456, e765432).\n{next}")),
            Some((Attack, &b"c123456"[..], &b"e765432"[..], 23))
        );
        for t in [
            "att(c1234567, b).\n", // 8 bytes: the comma is not in the word
            "att(b, c1234567).\n",
            "att(a, b, 0.5).\n", // a weight
            "att(a, b)\n",
            "att(a, b).",
            "att(a, b). \n",
            "att(a,  b).\n",
            "att(a , b).\n",
            "att(, b).\n",
            "att(a, ).\n",
            "arg(a, 1).\n",
            "att(a-b, c).\n",
            "att(a",
        ] {
            let t = format!("{t}{next}");
            assert_eq!(edge(&t), None, "{t:?}");
        }
        // Fewer than 8 bytes from the target on (the text's end): left to
        // `fast_line`.
        assert_eq!(edge("att(a, b).\n"), None);
    }

    #[test]
    fn the_fast_line_reads_what_it_accepts_as_statement_does() {
        fn fast(t: &str) -> Option<(Line<'_>, usize)> {
            fast_line(t, 0)
        }
        let c1 = Name::new(b"c1").word;
        assert_eq!(
            fast("arg(c1, 0.41).\nx"),
            Some((Line::Arg("c1", c1, 0.41), 15))
        );
        assert_eq!(
            fast("sup(e7,h,0.25)"),
            Some((
                Line::Edge(EdgeKind::Support, Name::new(b"e7"), Name::new(b"h"), 0.25),
                14
            ))
        );
        assert_eq!(
            fast("att(b, a)\n"),
            Some((
                Line::Edge(EdgeKind::Attack, Name::new(b"b"), Name::new(b"a"), 1.0),
                10
            ))
        );
        // Left to `statement`: blanks it would trim, comments, exponents,
        // names with bytes below `0`, CRLF, a third argument to `arg`.
        for t in [
            " arg(a, 1).",
            "arg( a, 1).",
            "arg(a,  1).",
            "arg(a, 1) .",
            "arg(a, 1). % c",
            "att(a, b, 1e-3).",
            "att(a-b, c).",
            "arg(a, 1).\r\n",
            "arg(a, 1, 2).",
            "arg(a, 1234567890123456).",
            "att(, b).",
            "arg(a, .).",
            // 22 digits: refused, not an overflow (a debug build panicked).
            "arg(a, 0.100000000000000005551).",
        ] {
            assert_eq!(fast(t), None, "{t:?}");
        }
    }

    /// Every line built slot by slot (head, name, separator, argument, an
    /// optional third, the close, the line's end), each slot from forms both
    /// readers take and forms only one does: whenever `fast_line` takes a
    /// line, `statement` reads the same line and the same next line.
    #[test]
    fn fast_line_agrees_with_statement() {
        const HEAD: &[&str] = &["arg(", "att(", "sup(", " att(", "arg ("];
        const NAME: &[&str] = &["c1", "h_2", "x.y", "é", "", " a", "a ", "a(b"];
        const SEP: &[&str] = &[",", ", ", ",  ", ",\t", " ,"];
        const ARG: &[&str] = &[
            "b",
            "0.5",
            ".5",
            "3.",
            "1e-3",
            "-1",
            ".",
            "",
            "b ",
            "1234567890123456",
        ];
        const THIRD: &[&str] = &["", ", 0.25", ",1", ", x", ",  2"];
        const CLOSE: &[&str] = &[")", ").", ") .", ")..", " )", ")x"];
        const END: &[&str] = &["\n", "", "\r\n", " % c\n", "#\n", "\nnext", "x"];
        let (mut taken, mut edges, mut t) = (0, 0, String::new());
        for h in HEAD {
            for n in NAME {
                for s in SEP {
                    for a in ARG {
                        for w in THIRD {
                            for c in CLOSE {
                                for e in END {
                                    t.clear();
                                    for p in [h, n, s, a, w, c, e] {
                                        t.push_str(p);
                                    }
                                    let edge = fast_edge(t.as_bytes(), 0);
                                    let Some((line, next)) = fast_line(&t, 0) else {
                                        assert_eq!(edge, None, "{t:?}");
                                        continue;
                                    };
                                    // `fast_edge` reads a subset of these lines the same way.
                                    if let Some((kind, a, b, e_next)) = edge {
                                        assert_eq!(Line::Edge(kind, a, b, 1.0), line, "{t:?}");
                                        assert_eq!(e_next, next, "{t:?}");
                                        edges += 1;
                                    }
                                    taken += 1;
                                    let (stmt, next2) = statement(&t, 0).expect(&t);
                                    assert_eq!(Line::of(stmt), Some(line), "{t:?}");
                                    assert_eq!(next, next2, "{t:?}");
                                }
                            }
                        }
                    }
                }
            }
        }
        // The fast reader took lines of every kind (not a vacuous check).
        assert!(taken >= 500, "{taken}");
        assert!(edges >= 10, "{edges}");
    }

    /// `number` (and so `decimal`, its fast path) against `str::parse`, the
    /// standard library's correctly rounded reader: every split of runs of up
    /// to 17 digits by a dot, and forms only `parse` takes or neither does.
    #[test]
    fn numbers_read_as_str_parse_reads_them() {
        // Bit for bit (NaN included).
        let bits = |t: &str| number(t).map(f64::to_bits);
        let digits = "98765432109876543";
        let mut checked = 0;
        for first in 0..3 {
            for end in first + 1..=digits.len() {
                let run = &digits[first..end];
                for dot in 0..=run.len() {
                    for lead in ["", "0", "00"] {
                        let t = format!("{lead}{}.{}", &run[..dot], &run[dot..]);
                        let t = t.trim_end_matches('.').to_string();
                        assert_eq!(bits(&t), t.parse().ok().map(f64::to_bits), "{t:?}");
                        checked += 1;
                    }
                }
            }
        }
        for t in [
            "",
            ".",
            "1.",
            ".5",
            "0",
            "1",
            "0.41",
            "1e-3",
            "-1",
            "+0.5",
            "1.2.3",
            "inf",
            "NaN",
            " 1",
            "0x1",
            "1_0",
            "0.100000000000000005551",
        ] {
            assert_eq!(bits(t), t.parse().ok().map(f64::to_bits), "{t:?}");
        }
        assert!(checked > 500, "{checked}");
    }

    /// `usual_id` against `id_problem`: every id of up to 4 bytes over the
    /// bytes at the edges of the usual range (what it takes, `id_problem`
    /// takes too; it takes every id of printable ASCII from `0` up without
    /// `:` or `=`), and random ones up to 7 bytes (the ids that have a word).
    #[test]
    fn usual_ids_are_ids_the_checks_take() {
        const ALPHABET: &[u8] = b" ,/09:;<=>AZaz~\x7f\x80\xc3\xa9";
        let mut checked = 0;
        let mut one = |name: &[u8]| {
            let Ok(id) = std::str::from_utf8(name) else {
                return;
            };
            let usual = name
                .iter()
                .all(|&c| (b'0'..=b'~').contains(&c) && c != b':' && c != b'=');
            let verdict = usual_id(name.len(), Name::new(name).word);
            assert_eq!(verdict, usual, "{id:?}");
            if verdict {
                assert_eq!(crate::validate::id_problem(id), None, "{id:?}");
            }
            checked += 1;
        };
        crate::formats::names::words::every(ALPHABET, 4, &mut one);
        crate::formats::names::words::random(ALPHABET, 100_000, 0x2545_f491_4f6c_dd1d, &mut one);
        assert!(checked > 50_000, "{checked}");
        assert!(!usual_id(0, 0) && !usual_id(9, 0));
    }

    #[test]
    fn scan_finds_the_first_special_byte_at_every_offset() {
        // Each special byte at each offset of a 20-byte run, checked
        // against a byte-by-byte search.
        for c in [b'(', b')', b',', b'#', b'%', b'\n'] {
            for at in 0..20 {
                let mut v = vec![b'x'; 20];
                v[at] = c;
                v.extend_from_slice(b",rest");
                for from in 0..=at {
                    assert_eq!(scan(&v, from), at, "{} at {at} from {from}", c as char);
                }
            }
        }
        // Bytes next to the special ones (a borrow must not fake a hit).
        let v = b"'*+-$&\x01\x7f\x80\xff(";
        assert_eq!(scan(v, 0), v.len() - 1);
        assert_eq!(scan(b"abc", 0), 3);
    }

    #[test]
    fn edges_read_as_columns_give_the_qbaf_of_the_tuples() {
        // A support, a heavy edge, a cycle (b <-> c) and edges naming `d`
        // before it is declared (patched after the last line).
        let t = "arg(a, 0.1).\narg(b, 0.2).\narg(c, 0.3).\n\
                 sup(b, a).\natt(d, a, 2.5).\natt(b, c).\nsup(c, b, 0.5).\n\
                 att(c, d).\narg(d, 0.4).\n";
        let g = read_bag(&Source::new("x.bag", t)).expect("a clean file");
        use EdgeKind::{Attack, Support};
        let edges = [
            (1, 0, Support, 1.0),
            (3, 0, Attack, 2.5),
            (1, 2, Attack, 1.0),
            (2, 1, Support, 0.5),
            (2, 3, Attack, 1.0),
        ];
        let q = Qbaf::new(vec![0.1, 0.2, 0.3, 0.4], &edges);
        Qbaf::assert_same_fields(g.qbaf(), &q);
        assert_eq!(g.conclusion(), 0); // a is the only node with no out-edge
        // Without weights (the `Qbaf` is told every weight is 1).
        let t = "arg(a, 0.1).\narg(b, 0.2).\narg(c, 0.3).\nsup(b, a).\natt(c, a).\natt(b, c).\n";
        let g = read_bag(&Source::new("x.bag", t)).expect("a clean file");
        let edges = [
            (1, 0, Support, 1.0),
            (2, 0, Attack, 1.0),
            (1, 2, Attack, 1.0),
        ];
        Qbaf::assert_same_fields(g.qbaf(), &Qbaf::new(vec![0.1, 0.2, 0.3], &edges));
        // The reader tells the `Qbaf` whether every edge points forward, or
        // every one backward, counting the edges patched after the last line:
        // all forward (one patched), all backward, and forward but for the
        // patched one.
        let base = vec![0.1, 0.2, 0.3];
        for (t, edges) in [
            (
                "arg(a, 0.1).\narg(b, 0.2).\natt(a, b).\nsup(a, c).\narg(c, 0.3).\n",
                [(0, 1, Attack, 1.0), (0, 2, Support, 1.0)],
            ),
            (
                "arg(a, 0.1).\narg(b, 0.2).\narg(c, 0.3).\natt(c, b).\nsup(b, a).\n",
                [(2, 1, Attack, 1.0), (1, 0, Support, 1.0)],
            ),
            (
                "arg(a, 0.1).\narg(b, 0.2).\natt(a, b).\nsup(c, a).\narg(c, 0.3).\n",
                [(0, 1, Attack, 1.0), (2, 0, Support, 1.0)],
            ),
        ] {
            let g = read_bag(&Source::new("x.bag", t)).expect("a clean file");
            Qbaf::assert_same_fields(g.qbaf(), &Qbaf::new(base.clone(), &edges));
        }
    }

    #[test]
    fn anything_the_checks_refuse_gives_none() {
        let none = |t: &str| read_bag(&Source::new("x.bag", t)).is_none();
        assert!(none("")); // no argument
        assert!(none("arg(a, 0.5).\narg(a, 0.6).\n")); // duplicate id
        assert!(none("arg(a, 1.5).\n")); // base outside [0, 1]
        assert!(none("arg(a b, 0.5).\n")); // whitespace in an id
        assert!(none("arg(a, 0.5).\natt(a, a).\n")); // self-loop
        assert!(none("arg(a, 0.5).\narg(b, 0.5).\natt(b, a).\nsup(b, a).\n")); // both
        assert!(none(
            "arg(a, 0.5).\narg(b, 0.5).\natt(b, a).\natt(b, a, 0.5).\n"
        )); // twice
        // The same pair both ways is two edges, refused by neither path.
        assert!(!none(
            "arg(a, 0.5).\narg(b, 0.5).\natt(b, a).\natt(a, b).\n"
        ));
        assert!(none("arg(a, 0.5).\narg(b, 0.5).\natt(b, a, -1).\n")); // weight
        assert!(none("arg(a, 0.5).\nfoo(a).\n")); // unknown statement
        // An empty source after a looked-up one (the last-source cache).
        assert!(none("arg(a, 0.5).\narg(b, 0.5).\natt(b, a).\natt(, a).\n"));
        // The last source with a zero byte after it: the same word, another
        // name (unknown here, so refused; the cache must not take it for b).
        assert!(none(
            "arg(a, 0.5).\narg(b, 0.5).\narg(c, 0.5).\natt(b, a).\natt(b\0, c).\n"
        ));
        assert!(!none(
            "% c\narg(a, 0.5).\n\narg(b, 0.5). # d\natt(b, a, 0.5).\n"
        ));
    }
}
