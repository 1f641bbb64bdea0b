//! The fast path for big `.bag` files: a file of canonical lines straight into
//! a [`Qbaf`], for graphs of millions of nodes.
//!
//! The ordinary reader ([`super::parse`], then [`crate::validate`] and
//! [`crate::build`]) keeps every node and edge as a model with strings and
//! positions, so that a problem can be reported at its line and every later
//! stage can show ids, texts and citations. That costs about 3 KB and a dozen
//! allocations per node. [`read_bag`] reads a file of canonical lines in one
//! pass: ids interned once into one string, edges resolved to indices, bases
//! and weights straight into the [`Qbaf`]'s arrays (about 60 bytes per edge in
//! all). A canonical line is what `argmap gen` and most tools write:
//! `arg(a, 0.5).`, `att(a, b).` or `sup(a, b, 0.25).` (one space or none after
//! each comma, names of bytes from `0` up, plain decimals), a blank line or a
//! comment line. As soon as it meets any other line, or anything the ordinary
//! checks would report (a duplicate or malformed id, an unknown endpoint, a
//! base outside `[0, 1]`, a self-loop, a repeated edge), it gives up and
//! returns `None`: the caller then reads the whole file the ordinary way, which
//! reports the problem with its position. A test checks that both paths give
//! the same graph on every file the fast path accepts.
//!
//! It pays: `argmap eval --json` on a generated 10^5-node file takes a fifth
//! of the ordinary path's time (docs/performance.md).
//!
//! ```
//! use argmap::formats::bag::fast;
//! let src = argmap::Source::new("g.bag", "arg(a, 0.5).\narg(b, 1.0).\natt(b, a).\n");
//! let c = fast::read_bag(&src).expect("a clean file");
//! assert_eq!((c.len(), c.id(c.conclusion()), c.qbaf().edge_count()), (2, "a", 1));
//! let bad = argmap::Source::new("g.bag", "arg(a, 0.5).\natt(b, a).\n"); // b unknown
//! assert!(fast::read_bag(&bad).is_none());
//! ```

use crate::diag::Source;
use crate::graph::names::NameTable;
use crate::model::EdgeKind;
use crate::semantics::Qbaf;

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

/// What a canonical line states: an argument with its base, or an edge with
/// its kind, endpoints and weight.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Line<'t> {
    Arg(&'t str, f64),
    Edge(EdgeKind, Name<'t>, Name<'t>, f64),
}

/// An edge's endpoint: its bytes and its word ([`NameTable::get_word`]).
type Name<'t> = (&'t [u8], u64);

/// The canonical line at byte `at` and where the next line starts: `Some(None)`
/// for a blank or comment line, `None` for a line that is not canonical
/// (the ordinary reader then reads the file).
fn line(text: &str, at: usize) -> Option<(Option<Line<'_>>, usize)> {
    let b = text.as_bytes();
    match b.get(at)? {
        b'\n' => return Some((None, at + 1)),
        b'#' | b'%' => return Some((None, next_line(b, at))),
        _ => {}
    }
    let kind = match b.get(at..at + 4)? {
        b"arg(" => None,
        b"att(" => Some(EdgeKind::Attack),
        b"sup(" => Some(EdgeKind::Support),
        _ => return None,
    };
    // A name runs to its first byte below `0`, which must be the comma.
    let s1 = at + 4;
    let (e1, w1) = name_at(b, s1);
    if e1 == s1 || b.get(e1) != Some(&b',') {
        return None;
    }
    let s2 = after_comma(b, e1);
    let (line, mut i) = match kind {
        None => {
            let (x, end) = decimal(b, s2)?;
            // Split at ASCII bytes only, so this is a char boundary.
            (Line::Arg(text.get(s1..e1)?, x), end)
        }
        Some(kind) => {
            let (e2, w2) = name_at(b, s2);
            if e2 == s2 {
                return None;
            }
            let mut weight = 1.0;
            let mut i = e2;
            if b.get(i) == Some(&b',') {
                (weight, i) = decimal(b, after_comma(b, i))?;
            }
            let (a, z) = ((&b[s1..e1], w1), (&b[s2..e2], w2));
            (Line::Edge(kind, a, z, weight), i)
        }
    };
    if b.get(i) != Some(&b')') {
        return None;
    }
    i += 1;
    if b.get(i) == Some(&b'.') {
        i += 1;
    }
    match b.get(i) {
        None => Some((Some(line), i)),
        Some(b'\n') => Some((Some(line), i + 1)),
        Some(_) => None,
    }
}

/// Where what follows the comma at `i` starts (one space after it is skipped).
fn after_comma(b: &[u8], i: usize) -> usize {
    i + 1 + usize::from(b.get(i + 1) == Some(&b' '))
}

/// The name that starts at `i`: where it ends (its first byte below `0`, or
/// the end of the text) and, for a name of 1 to 7 bytes, those bytes as a
/// little-endian word (else 0), which [`NameTable::get_word`] splits without a
/// loop. One 8-byte load per name instead of a loop over its bytes: kept
/// because it pays at 10^5 nodes (issue 15, docs/performance.md).
fn name_at(b: &[u8], i: usize) -> (usize, u64) {
    const LO: u64 = 0x0101_0101_0101_0101;
    if let Some(w) = b
        .get(i..i + 8)
        .and_then(|s| s.try_into().ok())
        .map(u64::from_le_bytes)
    {
        // Bit 7 of each byte below `0`: exact up to the lowest one flagged
        // (a borrow only runs upward), which is where the name ends.
        let below = w.wrapping_sub(LO * u64::from(b'0')) & !w & (LO << 7);
        if below != 0 {
            let len = (below.trailing_zeros() / 8) as usize;
            // At most 7 bytes: the shift is below 64.
            return (i + len, w & ((1 << (8 * len)) - 1));
        }
    }
    (name_end(b, i), 0)
}

/// The end of the name that starts at `i`: its first byte below `0` (or the
/// end of the text).
fn name_end(b: &[u8], i: usize) -> usize {
    b[i..]
        .iter()
        .position(|&c| c < b'0')
        .map_or(b.len(), |k| i + k)
}

/// A plain decimal at `i` (`0.41`, `1`, `.5`, `3.`: at most 15 digits, one
/// digit at least) and where it ends; `None` for anything else. Clinger's fast
/// path: the digits as an integer and the power of ten are both exact in an
/// `f64`, so one division, correctly rounded, gives the correctly rounded
/// value, the same as `str::parse`.
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

/// Reads a `.bag` file of canonical lines that has no problem; `None` if it
/// has one, or a line that is not canonical: read it with [`super::parse`]
/// then.
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
/// the [`Qbaf`]'s arrays then take the memory the text had (peak memory of
/// `argmap eval` on a 10^6-node file 256 -> 200 MB).
///
/// ```
/// use argmap::formats::bag::fast;
/// let src = argmap::Source::new("g.bag", "arg(a, 0.5).\narg(b, 1.0).\natt(b, a).\n");
/// let cols = fast::read_columns(&src).expect("a clean file");
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
}

/// The first half of [`read_bag`]: reads the text into [`BagColumns`], or
/// `None` as [`read_bag`] gives it (every problem but a repeated edge, which
/// [`BagColumns::into_graph`] finds).
pub fn read_columns(src: &Source) -> Option<BagColumns> {
    if src.is_blank() {
        return None; // `super::parse` says what a `.bag` file holds
    }
    let text = src.text();
    let bytes = text.as_bytes();
    // Generated files have about 20 bytes a line: room for most of it at once.
    let lines = bytes.len() / 20 + 16;
    let mut names = NameTable::with_capacity(1024);
    let mut ids = String::with_capacity(bytes.len() / 8);
    let mut ends: Vec<u32> = Vec::with_capacity(lines / 4);
    let mut base: Vec<f64> = Vec::with_capacity(lines / 4);
    // The edges as the columns of `Qbaf::from_columns` (16 bytes an edge, plus
    // 4 a support), not as tuples (32).
    let mut edge_from: Vec<u32> = Vec::with_capacity(lines);
    let mut edge_to: Vec<u32> = Vec::with_capacity(lines);
    // The weights, kept only from the first edge whose weight is not 1 on
    // (most files give none): until then every weight is 1.
    let mut weights: Option<Vec<f64>> = None;
    let mut support_edges: Vec<u32> = Vec::new();
    // Edges naming an argument declared further down: (edge, from, to).
    let mut pending: Vec<(usize, &[u8], &[u8])> = Vec::new();
    // The last source looked up, and its index.
    let mut last: Option<(&[u8], u32)> = None;
    let mut pos = 0;
    while pos < bytes.len() {
        let (stated, next) = line(text, pos)?;
        pos = next;
        let (kind, a, b, weight) = match stated {
            None => continue,
            Some(Line::Arg(a, b)) => {
                if crate::validate::id_problem(a).is_some() || !(0.0..=1.0).contains(&b) {
                    return None;
                }
                let next = u32::try_from(ends.len()).ok()?;
                names.insert(a, next).ok()?; // a duplicate id
                ids.push_str(a);
                ends.push(u32::try_from(ids.len()).ok()?);
                base.push(b);
                continue;
            }
            Some(Line::Edge(kind, a, b, weight)) => (kind, a, b, weight),
        };
        let j = edge_from.len();
        if weight != 1.0 && weights.is_none() {
            let mut w = Vec::with_capacity(lines.max(j + 1));
            w.resize(j, 1.0);
            weights = Some(w);
        }
        if let Some(w) = &mut weights {
            if !(weight.is_finite() && weight >= 0.0) {
                return None;
            }
            w.push(weight);
        }
        if kind == EdgeKind::Support {
            support_edges.push(u32::try_from(j).ok()?);
        }
        // Files list a node's edges together: most lines repeat the source of
        // the line before, which is not looked up again.
        let from = match last {
            Some((name, f)) if name == a.0 => Some(f),
            _ => names.get_word(a.0, a.1).inspect(|&f| last = Some((a.0, f))),
        };
        match (from, names.get_word(b.0, b.1)) {
            (Some(f), Some(t)) => {
                if f == t {
                    return None;
                }
                edge_from.push(f);
                edge_to.push(t);
            }
            _ => {
                pending.push((j, a.0, b.0));
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
        (edge_from[e], edge_to[e]) = (f, t);
    }
    drop(names);
    // Node and edge indices are u32s.
    if ends.is_empty() || ends.len() >= u32::MAX as usize || edge_from.len() >= u32::MAX as usize {
        return None;
    }
    Some(BagColumns {
        ids,
        ends,
        base,
        edge_from,
        edge_to,
        weights,
        support_edges,
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
        // Every endpoint is a node index and every weight finite and >= 0, as
        // `Qbaf::from_columns` requires.
        let qbaf = Qbaf::from_columns(base, edge_from, edge_to, weights, support_edges).ok()?;
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
    fn canonical_lines_are_read_and_others_refused() {
        // A name's word is 0 where fewer than 8 bytes are left from it.
        let one = |t: &'static str| line(t, 0);
        assert_eq!(
            one("arg(c1, 0.41).\nx"),
            Some((Some(Line::Arg("c1", 0.41)), 15))
        );
        assert_eq!(
            one("sup(e7,h,0.25)"),
            Some((
                Some(Line::Edge(
                    EdgeKind::Support,
                    (b"e7", 0x3765),
                    (b"h", 0),
                    0.25
                )),
                14
            ))
        );
        assert_eq!(
            one("att(b, a)\n"),
            Some((
                Some(Line::Edge(EdgeKind::Attack, (b"b", 0), (b"a", 0), 1.0)),
                10
            ))
        );
        assert_eq!(one("\narg(a, 1)."), Some((None, 1)));
        assert_eq!(
            one("% a comment (with a statement: arg(a, 1)).\nx"),
            Some((None, 43))
        );
        // Left to the ordinary reader: blanks it would trim, comments after a
        // statement, exponents, names with bytes below `0`, CRLF, a third
        // argument to `arg`, two statements on a line.
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
            "att(b, a). att(c, a).",
            " \n",
            // 22 digits: refused, not an overflow.
            "arg(a, 0.100000000000000005551).",
        ] {
            assert_eq!(one(t), None, "{t:?}");
        }
    }

    /// Every line built slot by slot (head, name, separator, argument, an
    /// optional third, the close, the line's end), each slot from forms the
    /// fast path takes and forms only the ordinary reader does: whenever the
    /// fast path takes a line, the ordinary reader reads the same statement
    /// from it (after a declared argument, so that a file of one edge parses),
    /// without a problem.
    #[test]
    fn canonical_lines_read_as_the_ordinary_reader_reads_them() {
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
        const FIRST: &str = "arg(zz, 0.5).\n";
        let (mut taken, mut t) = (0, String::new());
        for h in HEAD {
            for n in NAME {
                for s in SEP {
                    for a in ARG {
                        for w in THIRD {
                            for c in CLOSE {
                                for e in END {
                                    t.clear();
                                    t.push_str(FIRST);
                                    for p in [h, n, s, a, w, c, e] {
                                        t.push_str(p);
                                    }
                                    let Some((Some(stated), next)) = line(&t, FIRST.len()) else {
                                        continue;
                                    };
                                    taken += 1;
                                    // The line ends where the fast path says.
                                    let end = t[FIRST.len()..]
                                        .find('\n')
                                        .map_or(t.len(), |k| FIRST.len() + k + 1);
                                    assert_eq!(next, end, "{t:?}");
                                    let p = crate::formats::bag::parse(&Source::new(
                                        "x.bag",
                                        t[..end].to_string(),
                                    ))
                                    .expect(&t);
                                    assert!(p.diagnostics.is_empty(), "{t:?}");
                                    match stated {
                                        Line::Arg(id, x) => {
                                            let node = &p.graph.nodes[1];
                                            assert_eq!(
                                                (node.id.as_str(), node.base),
                                                (id, x),
                                                "{t:?}"
                                            );
                                        }
                                        Line::Edge(kind, (a, _), (b, _), w) => {
                                            let edge = &p.graph.edges[0];
                                            let d = edge.data();
                                            assert_eq!(edge.kind(), kind, "{t:?}");
                                            assert_eq!(
                                                (d.from[0].as_bytes(), d.to.as_bytes(), d.weight),
                                                (a, b, w),
                                                "{t:?}"
                                            );
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        // The fast path took lines of every kind (not a vacuous check).
        assert!(taken >= 300, "{taken}");
    }

    /// `decimal` against `str::parse`, the standard library's correctly
    /// rounded reader: every split of runs of up to 17 digits by a dot, and
    /// forms only `parse` takes or neither does.
    #[test]
    fn decimals_read_as_str_parse_reads_them() {
        // Bit for bit, where `decimal` takes the whole text.
        let bits = |t: &str| match decimal(t.as_bytes(), 0) {
            Some((x, end)) if end == t.len() => Some(x.to_bits()),
            _ => None,
        };
        let digits = "98765432109876543";
        let mut checked = 0;
        for first in 0..3 {
            for end in first + 1..=digits.len() {
                let run = &digits[first..end];
                for dot in 0..=run.len() {
                    for lead in ["", "0", "00"] {
                        let t = format!("{lead}{}.{}", &run[..dot], &run[dot..]);
                        let t = t.trim_end_matches('.').to_string();
                        if let Some(b) = bits(&t) {
                            assert_eq!(Some(b), t.parse().ok().map(f64::to_bits), "{t:?}");
                            checked += 1;
                        } else {
                            // Only more than 15 digits are left to `parse`.
                            assert!(t.bytes().filter(u8::is_ascii_digit).count() > 15, "{t:?}");
                        }
                    }
                }
            }
        }
        for t in [
            "", ".", "1e-3", "-1", "+0.5", "1.2.3", "inf", "NaN", " 1", "0x1", "1_0",
        ] {
            assert_eq!(bits(t), None, "{t:?}");
        }
        assert!(checked > 500, "{checked}");
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
        let q = Qbaf::new(vec![0.1, 0.2, 0.3, 0.4], &edges).unwrap();
        Qbaf::assert_same_fields(g.qbaf(), &q);
        assert_eq!(g.conclusion(), 0); // a is the only node with no out-edge
        // Without weights, and with every edge forward (one patched), every
        // one backward, and forward but for the patched one.
        let t = "arg(a, 0.1).\narg(b, 0.2).\narg(c, 0.3).\nsup(b, a).\natt(c, a).\natt(b, c).\n";
        let g = read_bag(&Source::new("x.bag", t)).expect("a clean file");
        let edges = [
            (1, 0, Support, 1.0),
            (2, 0, Attack, 1.0),
            (1, 2, Attack, 1.0),
        ];
        Qbaf::assert_same_fields(g.qbaf(), &Qbaf::new(vec![0.1, 0.2, 0.3], &edges).unwrap());
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
            Qbaf::assert_same_fields(g.qbaf(), &Qbaf::new(base.clone(), &edges).unwrap());
        }
    }

    #[test]
    fn anything_the_checks_refuse_gives_none() {
        let none = |t: &str| read_bag(&Source::new("x.bag", t)).is_none();
        assert!(none("")); // no argument
        assert!(none("arg(a, 0.5).\narg(a, 0.6).\n")); // duplicate id
        assert!(none("arg(a, 1.5).\n")); // base outside [0, 1]
        assert!(none("arg(a:b, 0.5).\n")); // a `:` in an id
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
        assert!(none("arg(a, 0.5).\narg(b, 0.5).\natt(b, a).\natt(, a).\n"));
        assert!(none(
            "arg(a, 0.5).\narg(b, 0.5).\narg(c, 0.5).\natt(b, a).\natt(b\0, c).\n"
        ));
        // Comment and blank lines are canonical; a comment after a statement
        // is not (the ordinary reader takes that file).
        assert!(!none(
            "% c\narg(a, 0.5).\n\narg(b, 0.5).\n# d\natt(b, a, 0.5).\n"
        ));
        assert!(none("arg(a, 0.5).\narg(b, 0.5). # d\natt(b, a, 0.5).\n"));
    }
}
