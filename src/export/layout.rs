//! The layered layout of the embedded SVG writer: boxes of given sizes, edges
//! between them and nested clusters in; positions, routed edges and cluster
//! boxes out. Pure Rust, deterministic, and fast enough for a thousand nodes.
//!
//! The stages are those of Gansner, Koutsofios, North and Vo, "A technique for
//! drawing directed graphs" (IEEE TSE 19(3), 1993), the method of Graphviz
//! `dot`:
//!
//! 1. **cycles**: a depth-first search reverses the edges that close a cycle;
//! 2. **ranks**: the longest path to a sink, then each node moved to the
//!    weighted median of the ranks its edges want (coordinate descent on the
//!    total edge length, the objective `dot`'s network simplex minimises);
//! 3. **order**: edges longer than one rank become chains of dummy nodes, a
//!    cluster gets a filler on each rank it spans but has no node on; sweeps
//!    down and up sort each rank by barycenter, keeping every cluster
//!    contiguous and sibling clusters in one left-to-right order on all ranks,
//!    then swap neighbours while that removes crossings (transposition); the
//!    order with the fewest crossings wins;
//! 4. **coordinates**: separation constraints between neighbours on a rank and
//!    between a cluster's borders and its members, then a few rounds of pulling
//!    each node toward its neighbours (long edges pull harder, keeping them
//!    straight) projected onto the constraints by the block-merging `satisfy`
//!    of Dwyer, Marriott and Stuckey ("Fast node overlap removal", GD 2005);
//! 5. **routes**: each edge a chain of cubic Béziers through its dummies,
//!    vertical inside a rank, so it passes beside the nodes, never across one.
//!
//! Ranks run from top to bottom; the caller transposes or mirrors for other
//! directions.

// The stages index parallel arrays (rank, width, path, ...) by node: index
// loops say that more plainly than zipped iterators.
#![allow(clippy::needless_range_loop)]

use std::cmp::Ordering;
use std::collections::VecDeque;

/// A point, or a size, in SVG pixels.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    pub(crate) fn new(x: f64, y: f64) -> Point {
        Point { x, y }
    }
    pub(crate) fn zero() -> Point {
        Point::default()
    }
    /// The same point with its coordinates swapped (for left-to-right ranks).
    pub(crate) fn swap(self) -> Point {
        Point::new(self.y, self.x)
    }
}

/// The smallest axis-aligned box holding every point added to it: the extent
/// of a drawing (nodes, group boxes, edges, labels).
pub(crate) struct Bounds {
    lo: Point,
    hi: Point,
}

impl Bounds {
    /// Holding nothing yet.
    pub(crate) fn new() -> Bounds {
        Bounds {
            lo: Point::new(f64::INFINITY, f64::INFINITY),
            hi: Point::new(f64::NEG_INFINITY, f64::NEG_INFINITY),
        }
    }
    /// Grows to hold `p`.
    pub(crate) fn add(&mut self, p: Point) {
        self.lo = Point::new(self.lo.x.min(p.x), self.lo.y.min(p.y));
        self.hi = Point::new(self.hi.x.max(p.x), self.hi.y.max(p.y));
    }
    /// Grows to hold the box of size `size` centred on `c`, with `margin` around it.
    pub(crate) fn add_box(&mut self, c: Point, size: Point, margin: f64) {
        self.add(Point::new(
            c.x - size.x / 2.0 - margin,
            c.y - size.y / 2.0 - margin,
        ));
        self.add(Point::new(
            c.x + size.x / 2.0 + margin,
            c.y + size.y / 2.0 + margin,
        ));
    }
    /// The top-left and bottom-right corners; both at the origin when empty.
    pub(crate) fn corners(&self) -> (Point, Point) {
        if self.lo.x > self.hi.x {
            (Point::zero(), Point::zero())
        } else {
            (self.lo, self.hi)
        }
    }
}

/// An axis-aligned box: its top-left corner and its size.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    /// Whether the horizontal or vertical run `p`-`q` enters the box shrunk by
    /// a unit each side (so that a run along its border does not).
    pub(crate) fn entered_by(&self, p: Point, q: Point) -> bool {
        p.x.max(q.x) > self.x + 1.0
            && p.x.min(q.x) < self.x + self.w - 1.0
            && p.y.max(q.y) > self.y + 1.0
            && p.y.min(q.y) < self.y + self.h - 1.0
    }
}

/// An edge to lay out: it goes down at least `minlen` ranks (unless it closes
/// a cycle, when it goes up).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Edge {
    pub from: usize,
    pub to: usize,
    pub minlen: u32,
}

/// Where clusters keep room for their labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LabelSide {
    /// Above the members (before the first rank).
    Top,
    /// Below the members (after the last rank): the top once the drawing is
    /// mirrored bottom to top.
    Bottom,
    /// Left of the members: the top once the drawing is transposed to run left
    /// to right.
    Left,
}

/// A cluster: a box around its members and its subclusters.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Cluster {
    /// The enclosing cluster (an index smaller or larger, but no cycles).
    pub parent: Option<usize>,
    /// Size of its label (width along the label's line, height across it).
    pub label: Point,
}

/// What to lay out.
#[derive(Clone, Debug)]
pub(crate) struct Input {
    /// Width and height of each node.
    pub sizes: Vec<Point>,
    pub edges: Vec<Edge>,
    pub clusters: Vec<Cluster>,
    /// The innermost cluster of each node.
    pub cluster_of: Vec<Option<usize>>,
    pub label_side: LabelSide,
    /// Wrap ranks wider than this into several rows (see [`fit_width`]).
    pub max_width: Option<f64>,
    /// The spaces to keep.
    pub gaps: Gaps,
}

/// Where everything went.
#[derive(Clone, Debug)]
pub(crate) struct Layout {
    /// Centre of each node.
    pub centres: Vec<Point>,
    /// Each edge as cubic Bézier segments `[start, c1, c2, end]` from the border
    /// of its source to the border of its target (empty for a loop).
    pub paths: Vec<Vec<[Point; 4]>>,
    /// The box of each cluster (zero for a cluster without nodes).
    pub clusters: Vec<Rect>,
}

/// The spaces a layout keeps, in SVG pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Gaps {
    /// Between two nodes on a rank.
    pub node: f64,
    /// Between an edge passing a rank and its neighbours.
    pub dummy: f64,
    /// Between a cluster's border and its neighbours.
    pub cluster: f64,
    /// Between ranks.
    pub rank: f64,
    /// Inside a cluster's border.
    pub pad: f64,
}

impl Gaps {
    /// On screen: room to follow the edges.
    pub(crate) const NORMAL: Gaps = Gaps {
        node: 18.0,
        dummy: 8.0,
        cluster: 12.0,
        rank: 34.0,
        pad: 8.0,
    };
    /// On a page (`--page`), where every pixel of the drawing costs text size:
    /// about two thirds of [`Gaps::NORMAL`], still wide enough to tell boxes
    /// and edges apart.
    pub(crate) const COMPACT: Gaps = Gaps {
        node: 10.0,
        dummy: 6.0,
        cluster: 8.0,
        rank: 24.0,
        pad: 5.0,
    };
}

/// How far right of its cluster's left border the writer starts a label.
pub(crate) const LABEL_INSET: f64 = 8.0;

/// At most this many ordering sweeps, stopping after `STALL` that bring no
/// improvement (`dot` uses 24 and 4).
const SWEEPS: usize = 24;
const STALL: usize = 4;
/// Rounds of pulling nodes toward their neighbours.
const ROUNDS: usize = 24;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Real,
    Dummy,
    Filler,
}

/// The layered graph: real nodes first (same indices as the input), then
/// dummies and fillers.
struct Layered {
    rank: Vec<usize>,
    width: Vec<f64>,
    kind: Vec<Kind>,
    /// Clusters from the outermost to the innermost.
    path: Vec<Vec<usize>>,
    /// Neighbours on the rank above and below, with the pull of each edge.
    up: Vec<Vec<(usize, f64)>>,
    down: Vec<Vec<(usize, f64)>>,
    /// Each input edge as a chain of nodes from top to bottom, and whether it
    /// was reversed.
    chains: Vec<(Vec<usize>, bool)>,
    ranks: usize,
}

impl Layered {
    fn len(&self) -> usize {
        self.rank.len()
    }
    fn push(&mut self, rank: usize, width: f64, kind: Kind, path: Vec<usize>) -> usize {
        self.rank.push(rank);
        self.width.push(width);
        self.kind.push(kind);
        self.path.push(path);
        self.up.push(Vec::new());
        self.down.push(Vec::new());
        self.rank.len() - 1
    }
    fn link(&mut self, a: usize, b: usize) {
        let w = match (self.kind[a], self.kind[b]) {
            (Kind::Real, Kind::Real) => 1.0,
            (Kind::Real, _) | (_, Kind::Real) => 2.0,
            _ => 8.0,
        };
        self.down[a].push((b, w));
        self.up[b].push((a, w));
    }
}

/// Lays `input` out. The same input gives the same output.
pub(crate) fn layout(input: &Input) -> Layout {
    let n = input.sizes.len();
    let reversed = break_cycles(n, &input.edges);
    let rank = match input.max_width {
        None => ranks(n, &input.edges, &reversed),
        Some(w) => wrapped_ranks(input, &reversed, w).0,
    };
    let mut lg = layered(input, &rank, &reversed);
    let nc = input.clusters.len();
    let order = order(&mut lg, nc);
    let x = coordinates(&lg, &order, input);
    place(&lg, &x, input)
}

/// Which edges to reverse so that the graph has no cycle: those that reach a
/// node on the stack of a depth-first search in index order. Loops are left
/// alone (they take no part in ranking).
fn break_cycles(n: usize, edges: &[Edge]) -> Vec<bool> {
    let mut out_edges = vec![Vec::new(); n];
    for (k, e) in edges.iter().enumerate() {
        if e.from != e.to {
            out_edges[e.from].push(k);
        }
    }
    let mut state = vec![0u8; n]; // 0 new, 1 on the stack, 2 done
    let mut reversed = vec![false; edges.len()];
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for s in 0..n {
        if state[s] != 0 {
            continue;
        }
        state[s] = 1;
        stack.push((s, 0));
        while let Some(&mut (v, ref mut i)) = stack.last_mut() {
            if let Some(&k) = out_edges[v].get(*i) {
                *i += 1;
                let t = edges[k].to;
                match state[t] {
                    0 => {
                        state[t] = 1;
                        stack.push((t, 0));
                    }
                    1 => reversed[k] = true,
                    _ => {}
                }
            } else {
                state[v] = 2;
                stack.pop();
            }
        }
    }
    reversed
}

/// The edges as `(top, bottom, minlen)` once reversed, loops left out.
fn arcs(edges: &[Edge], reversed: &[bool]) -> Vec<(usize, usize, i64)> {
    edges
        .iter()
        .zip(reversed)
        .filter(|(e, _)| e.from != e.to)
        .map(|(e, &r)| {
            let (a, b) = if r { (e.to, e.from) } else { (e.from, e.to) };
            (a, b, i64::from(e.minlen.max(1)))
        })
        .collect()
}

/// Ranks no wider than `max_width` where that can be: nodes placed from the
/// sinks up, each on the lowest rank its edges allow that still has room
/// (counting the edges passing a rank), so that a wide rank wraps into rows
/// above it. Also returns the estimated width and height of the drawing.
fn wrapped_ranks(input: &Input, reversed: &[bool], max_width: f64) -> (Vec<usize>, f64, f64) {
    let n = input.sizes.len();
    let arcs = arcs(&input.edges, reversed);
    let mut succ = vec![Vec::new(); n];
    let mut pred = vec![Vec::new(); n];
    for &(a, b, m) in &arcs {
        succ[a].push((b, m));
        pred[b].push((a, m));
    }
    let mut waiting: Vec<usize> = succ.iter().map(Vec::len).collect();
    let mut queue: VecDeque<usize> = (0..n).filter(|&v| waiting[v] == 0).collect();
    // Levels counted from the bottom.
    let mut level = vec![0usize; n];
    let mut fill: Vec<f64> = Vec::new();
    let mut tall: Vec<f64> = Vec::new();
    while let Some(v) = queue.pop_front() {
        let lo = succ[v]
            .iter()
            .map(|&(b, m)| level[b] + usize::try_from(m).unwrap_or(1))
            .max()
            .unwrap_or(0);
        let w = input.sizes[v].x;
        let mut l = lo;
        while l < fill.len() && fill[l] > 0.0 && fill[l] + input.gaps.node + w > max_width {
            l += 1;
        }
        if fill.len() <= l {
            fill.resize(l + 1, 0.0);
            tall.resize(l + 1, 0.0);
        }
        fill[l] += if fill[l] > 0.0 { input.gaps.node } else { 0.0 } + w;
        tall[l] = tall[l].max(input.sizes[v].y);
        level[v] = l;
        for &(b, _) in &succ[v] {
            for f in &mut fill[level[b] + 1..l] {
                *f += input.gaps.dummy;
            }
        }
        for &(a, _) in &pred[v] {
            waiting[a] -= 1;
            if waiting[a] == 0 {
                queue.push_back(a);
            }
        }
    }
    let top = fill.len().saturating_sub(1);
    let width = fill.iter().copied().fold(0.0, f64::max);
    let height = tall.iter().sum::<f64>() + input.gaps.rank * top as f64;
    (level.iter().map(|&l| top - l).collect(), width, height)
}

/// The `max_width` that brings the drawing closest to `aspect` (width over
/// height), trying widths from the widest node to the whole graph on one rank.
fn fit_width(input: &Input, aspect: f64) -> f64 {
    let n = input.sizes.len();
    let reversed = break_cycles(n, &input.edges);
    let widest = input.sizes.iter().map(|s| s.x).fold(1.0, f64::max);
    let total: f64 = input
        .sizes
        .iter()
        .map(|s| s.x + input.gaps.node)
        .sum::<f64>()
        .max(widest);
    // Widths closer together at the narrow end, where a step matters more;
    // plain arithmetic (no `powf`), so that every platform picks the same.
    let steps = 48;
    let mut best = (f64::INFINITY, total);
    for k in 0..=steps {
        let t = f64::from(k) / f64::from(steps);
        let w = widest + (total - widest) * t * t;
        let (_, width, height) = wrapped_ranks(input, &reversed, w);
        let r = width.max(widest) / height.max(1.0);
        let miss = f64::max(r / aspect, aspect / r);
        if miss < best.0 {
            best = (miss, w);
        }
    }
    best.1
}

/// Up to this many nodes [`layout_to_fit`] tries every width (a few
/// milliseconds on the paper map); the best page is not always next to the
/// widest (the paper map drawn `LR` on A3 prints at 1.8 pt, 1.4 pt if it
/// stopped early).
const ALL_WIDTHS_UP_TO: usize = 300;

/// Lays `input` out to print as large as wrapping ranks can make it on a page
/// of shape `aspect` (width over height, counting `extra` width and height
/// around the drawing, such as a title and a legend): the estimate of
/// [`fit_width`], then the whole layout at a few widths around it, from the
/// widest down, keeping the one whose page is smallest. Above
/// [`ALL_WIDTHS_UP_TO`] nodes it stops at the first narrower width that does
/// not help: a narrower width wraps into more rows with more long edges, so
/// each trial costs more than the one before (1000 generated nodes on A3:
/// 21 s and 16 s of 47 s went to the two narrowest trials).
pub(crate) fn layout_to_fit(input: &Input, aspect: f64, extra: Point) -> Layout {
    let w0 = fit_width(input, aspect);
    let mut best: Option<(f64, Layout)> = None;
    for f in [1.5, 1.0, 0.65, 0.45, 0.3] {
        let mut trial = input.clone();
        trial.max_width = Some(w0 * f);
        let l = layout(&trial);
        let (w, h) = extent(input, &l);
        // The width of the page's shape around the drawing: the smaller, the
        // larger the drawing prints.
        let page_w = f64::max(w + extra.x, (h + extra.y) * aspect);
        // `<=`: of equal pages the narrowest, as when the narrowest came first.
        if best.as_ref().is_none_or(|(m, _)| page_w <= *m) {
            best = Some((page_w, l));
        } else if input.sizes.len() > ALL_WIDTHS_UP_TO {
            break;
        }
    }
    match best {
        Some((_, l)) => l,
        None => layout(input),
    }
}

/// Width and height of the nodes and cluster boxes of a layout.
fn extent(input: &Input, l: &Layout) -> (f64, f64) {
    let mut lo = Point::new(f64::INFINITY, f64::INFINITY);
    let mut hi = Point::new(f64::NEG_INFINITY, f64::NEG_INFINITY);
    let mut grow = |x0: f64, y0: f64, x1: f64, y1: f64| {
        lo = Point::new(lo.x.min(x0), lo.y.min(y0));
        hi = Point::new(hi.x.max(x1), hi.y.max(y1));
    };
    for (c, s) in l.centres.iter().zip(&input.sizes) {
        grow(
            c.x - s.x / 2.0,
            c.y - s.y / 2.0,
            c.x + s.x / 2.0,
            c.y + s.y / 2.0,
        );
    }
    for r in l.clusters.iter().filter(|r| r.w > 0.0) {
        grow(r.x, r.y, r.x + r.w, r.y + r.h);
    }
    if lo.x > hi.x {
        return (0.0, 0.0);
    }
    (hi.x - lo.x, hi.y - lo.y)
}

/// A rank for each node: every (possibly reversed) edge goes down at least its
/// `minlen`, and the total length is short.
fn ranks(n: usize, edges: &[Edge], reversed: &[bool]) -> Vec<usize> {
    let arcs = arcs(edges, reversed);
    let mut succ = vec![Vec::new(); n];
    let mut pred = vec![Vec::new(); n];
    let mut indeg = vec![0usize; n];
    for &(a, b, m) in &arcs {
        succ[a].push((b, m));
        pred[b].push((a, m));
        indeg[b] += 1;
    }
    let mut topo = Vec::with_capacity(n);
    let mut queue: VecDeque<usize> = (0..n).filter(|&v| indeg[v] == 0).collect();
    while let Some(v) = queue.pop_front() {
        topo.push(v);
        for &(b, _) in &succ[v] {
            indeg[b] -= 1;
            if indeg[b] == 0 {
                queue.push_back(b);
            }
        }
    }
    // Longest path to a sink: every leaf starts just above its target.
    let mut height = vec![0i64; n];
    for &v in topo.iter().rev() {
        height[v] = succ[v]
            .iter()
            .map(|&(b, m)| height[b] + m)
            .max()
            .unwrap_or(0);
    }
    let top = height.iter().copied().max().unwrap_or(0);
    let mut rank: Vec<i64> = height.iter().map(|h| top - h).collect();
    // Each node to the median of the ranks its edges want, within the range
    // that keeps every edge at least its `minlen` long: this never lengthens
    // the total, and settles in a few passes. A node with both reasons and a
    // target stays just above its nearest target, where the longest path put
    // it: pulled towards its reasons it would leave the rank of its siblings
    // (the other reasons of that target).
    let mut want = Vec::new();
    for pass in 0..16 {
        let mut moved = false;
        let visit: Box<dyn Iterator<Item = &usize>> = if pass % 2 == 0 {
            Box::new(topo.iter())
        } else {
            Box::new(topo.iter().rev())
        };
        for &v in visit {
            if pred[v].is_empty() == succ[v].is_empty() {
                continue;
            }
            let lo = pred[v].iter().map(|&(a, m)| rank[a] + m).max();
            let hi = succ[v].iter().map(|&(b, m)| rank[b] - m).min();
            want.clear();
            want.extend(pred[v].iter().map(|&(a, m)| rank[a] + m));
            want.extend(succ[v].iter().map(|&(b, m)| rank[b] - m));
            want.sort_unstable();
            let mut r = want[(want.len() - 1) / 2];
            if let Some(lo) = lo {
                r = r.max(lo);
            }
            if let Some(hi) = hi {
                r = r.min(hi);
            }
            if r != rank[v] {
                rank[v] = r;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    let min = rank.iter().copied().min().unwrap_or(0);
    rank.iter()
        .map(|&r| usize::try_from(r - min).unwrap_or(0))
        .collect()
}

/// The clusters enclosing `c`, from the outermost to `c` (a cycle of parents
/// is cut where it closes).
fn cluster_path(clusters: &[Cluster], c: Option<usize>) -> Vec<usize> {
    let mut out = Vec::new();
    let mut cur = c;
    while let Some(k) = cur {
        if k >= clusters.len() || out.contains(&k) {
            break;
        }
        out.push(k);
        cur = clusters[k].parent;
    }
    out.reverse();
    out
}

/// The longest common prefix of two cluster paths.
fn common(a: &[usize], b: &[usize]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

fn layered(input: &Input, rank: &[usize], reversed: &[bool]) -> Layered {
    let n = input.sizes.len();
    let ranks = rank.iter().map(|r| r + 1).max().unwrap_or(0);
    let mut lg = Layered {
        rank: Vec::new(),
        width: Vec::new(),
        kind: Vec::new(),
        path: Vec::new(),
        up: Vec::new(),
        down: Vec::new(),
        chains: Vec::new(),
        ranks,
    };
    for v in 0..n {
        let path = cluster_path(&input.clusters, input.cluster_of.get(v).copied().flatten());
        lg.push(rank[v], input.sizes[v].x, Kind::Real, path);
    }
    for (e, &rev) in input.edges.iter().zip(reversed) {
        if e.from == e.to {
            lg.chains.push((Vec::new(), false));
            continue;
        }
        let (a, b) = if rev { (e.to, e.from) } else { (e.from, e.to) };
        let shared = common(&lg.path[a], &lg.path[b]);
        let inner = lg.path[a][..shared].to_vec();
        let mut chain = vec![a];
        for r in rank[a] + 1..rank[b] {
            let d = lg.push(r, 0.0, Kind::Dummy, inner.clone());
            chain.push(d);
        }
        chain.push(b);
        for w in chain.windows(2) {
            lg.link(w[0], w[1]);
        }
        lg.chains.push((chain, rev));
    }
    // Fillers: a cluster is present on every rank it spans, so that nothing
    // else can pass through its box there.
    let nc = input.clusters.len();
    let mut span = vec![(usize::MAX, 0usize); nc];
    for v in 0..n {
        for &c in &lg.path[v] {
            span[c] = (span[c].0.min(rank[v]), span[c].1.max(rank[v]));
        }
    }
    let mut present: Vec<Vec<bool>> = span
        .iter()
        .map(|&(lo, hi)| vec![false; if lo <= hi { hi - lo + 1 } else { 0 }])
        .collect();
    for v in 0..lg.len() {
        for &c in &lg.path[v] {
            if let Some(p) = lg.rank[v]
                .checked_sub(span[c].0)
                .and_then(|i| present[c].get_mut(i))
            {
                *p = true;
            }
        }
    }
    for c in 0..nc {
        let path = cluster_path(&input.clusters, Some(c));
        for (i, &p) in present[c].iter().enumerate() {
            if !p {
                lg.push(span[c].0 + i, 0.0, Kind::Filler, path.clone());
            }
        }
    }
    lg
}

/// Compares two nodes of one rank: by the keys of the first clusters (or
/// nodes) where their cluster paths part, so that clusters stay contiguous.
fn compare(lg: &Layered, a: usize, b: usize, key: &[f64], ckey: &[f64]) -> Ordering {
    let (pa, pb) = (&lg.path[a], &lg.path[b]);
    let i = common(pa, pb);
    let item = |p: &[usize], v: usize| match p.get(i) {
        Some(&c) => (ckey[c], 1u8, c),
        None => (key[v], 0u8, v),
    };
    let (ka, kb) = (item(pa, a), item(pb, b));
    ka.0.total_cmp(&kb.0)
        .then(ka.1.cmp(&kb.1))
        .then(ka.2.cmp(&kb.2))
}

/// The order of the nodes on each rank.
fn order(lg: &mut Layered, nc: usize) -> Vec<Vec<usize>> {
    let n = lg.len();
    // First order: depth first through the graph in index order, each node
    // appended to its rank, so that connected nodes start close.
    let mut order: Vec<Vec<usize>> = vec![Vec::new(); lg.ranks];
    let mut seen = vec![false; n];
    let mut stack = Vec::new();
    for s in 0..n {
        if seen[s] {
            continue;
        }
        seen[s] = true;
        stack.push(s);
        while let Some(v) = stack.pop() {
            order[lg.rank[v]].push(v);
            for &(u, _) in lg.down[v].iter().rev().chain(lg.up[v].iter().rev()) {
                if !seen[u] {
                    seen[u] = true;
                    stack.push(u);
                }
            }
        }
    }
    let mut pos = vec![0usize; n];
    let set_pos = |order: &[Vec<usize>], pos: &mut [usize]| {
        for rank in order {
            for (i, &v) in rank.iter().enumerate() {
                pos[v] = i;
            }
        }
    };
    set_pos(&order, &mut pos);
    let norm = |pos: &[usize], order: &[Vec<usize>], v: usize, lg: &Layered| {
        (pos[v] as f64 + 0.5) / order[lg.rank[v]].len() as f64
    };
    // Make the clusters contiguous: clusters keyed by their members' mean place.
    let mut ckey = vec![0.0; nc];
    let mut key = vec![0.0; n];
    {
        let mut sum = vec![(0.0, 0usize); nc];
        for v in 0..n {
            let p = norm(&pos, &order, v, lg);
            key[v] = p;
            for &c in &lg.path[v] {
                sum[c].0 += p;
                sum[c].1 += 1;
            }
        }
        for c in 0..nc {
            if sum[c].1 > 0 {
                ckey[c] = sum[c].0 / sum[c].1 as f64;
            }
        }
        for rank in &mut order {
            rank.sort_by(|&a, &b| compare(lg, a, b, &key, &ckey));
        }
        set_pos(&order, &mut pos);
    }

    let mut best = order.clone();
    let mut best_cross = cost(lg, &order, &pos);
    let mut stall = 0;
    for sweep in 0..SWEEPS {
        if best_cross == 0 {
            break;
        }
        let downward = sweep % 2 == 0;
        // Cluster keys for this sweep, the same on every rank: the mean
        // barycenter of their members.
        let mut sum = vec![(0.0, 0usize); nc];
        for v in 0..n {
            let nb = lg.up[v].iter().chain(&lg.down[v]);
            let (s, k) = nb.fold((0.0, 0usize), |(s, k), &(u, _)| {
                (s + norm(&pos, &order, u, lg), k + 1)
            });
            if k > 0 {
                for &c in &lg.path[v] {
                    sum[c].0 += s / k as f64;
                    sum[c].1 += 1;
                }
            }
        }
        for c in 0..nc {
            if sum[c].1 > 0 {
                ckey[c] = sum[c].0 / sum[c].1 as f64;
            }
        }
        let ranks: Vec<usize> = if downward {
            (1..lg.ranks).collect()
        } else {
            (0..lg.ranks.saturating_sub(1)).rev().collect()
        };
        for r in ranks {
            for &v in &order[r] {
                let nb = if downward { &lg.up[v] } else { &lg.down[v] };
                key[v] = if nb.is_empty() {
                    norm(&pos, &order, v, lg)
                } else {
                    let (s, w) = nb.iter().fold((0.0, 0.0), |(s, w), &(u, wt)| {
                        (s + wt * norm(&pos, &order, u, lg), w + wt)
                    });
                    s / w
                };
            }
            let mut rank = std::mem::take(&mut order[r]);
            rank.sort_by(|&a, &b| compare(lg, a, b, &key, &ckey));
            for (i, &v) in rank.iter().enumerate() {
                pos[v] = i;
            }
            order[r] = rank;
            transpose(lg, &mut order[r], &mut pos);
        }
        let c = cost(lg, &order, &pos);
        if c < best_cross {
            best_cross = c;
            best = order.clone();
            stall = 0;
        } else {
            stall += 1;
            if stall >= STALL {
                break;
            }
        }
    }
    order = best;
    set_pos(&order, &mut pos);
    for r in 0..lg.ranks {
        transpose(lg, &mut order[r], &mut pos);
    }
    swap_clusters(lg, nc, &mut order, &mut pos);
    keep_out(lg, &mut order, &mut pos);
    order
}

/// What an order costs: its edge crossings, and [`CLUSTER_CROSS`] for each
/// time an edge passes a cluster holding neither of its ends (as `dot` counts
/// the crossings of a cluster's skeleton).
fn cost(lg: &Layered, order: &[Vec<usize>], pos: &[usize]) -> usize {
    (0..lg.ranks.saturating_sub(1))
        .map(|r| cost_below(lg, order, pos, r))
        .sum()
}

/// The [`cost`] of the edges between rank `r` and the next.
fn cost_below(lg: &Layered, order: &[Vec<usize>], pos: &[usize], r: usize) -> usize {
    crossings_below(lg, order, pos, r)
        + CLUSTER_CROSS * foreign_below(lg, order, pos, r, &mut Vec::new())
}

/// The cost of an edge through a cluster that holds neither end, in edge
/// crossings (`dot`'s `CL_CROSS`).
const CLUSTER_CROSS: usize = 1000;

/// The places where an edge passes through a cluster holding neither of its
/// ends between rank `r` and the next: how many, each added to `out` as
/// `(a, b, c)` for a piece `a`-`b` of an edge (`a` on rank `r`) whose ends lie
/// on different sides of cluster `c`, which is present on both ranks.
/// (Clusters are contiguous on every rank and their boxes span the whole
/// ranks between their first and last, so that is the only way an edge can
/// enter one: see [`route`].)
fn foreign_below(
    lg: &Layered,
    order: &[Vec<usize>],
    pos: &[usize],
    r: usize,
    out: &mut Vec<(usize, usize, usize)>,
) -> usize {
    // The first place of each cluster on the two ranks.
    let mut first: Vec<(usize, [usize; 2])> = Vec::new();
    for (k, rank) in [&order[r], &order[r + 1]].into_iter().enumerate() {
        for (i, &v) in rank.iter().enumerate() {
            for &c in &lg.path[v] {
                match first.iter_mut().find(|f| f.0 == c) {
                    Some(f) => f.1[k] = f.1[k].min(i),
                    None if k == 0 => first.push((c, [i, usize::MAX])),
                    None => {}
                }
            }
        }
    }
    first.retain(|f| f.1[1] != usize::MAX);
    let mut found = 0;
    if first.is_empty() {
        return found;
    }
    for &a in &order[r] {
        for &(b, _) in &lg.down[a] {
            for &(c, [fa, fb]) in &first {
                if lg.path[a].contains(&c) || lg.path[b].contains(&c) {
                    continue;
                }
                if (pos[a] < fa) != (pos[b] < fb) {
                    found += 1;
                    out.push((a, b, c));
                }
            }
        }
    }
    found
}

/// Moves single nodes (and dummies) across the cluster an edge of theirs
/// passes through, to the side where the edge's other end lies, where that
/// lowers the [`cost`] of the edges at the node's rank. Barycenter sweeps
/// order a cluster by its members' mean place, the same on every rank, and a
/// node outside it by its own neighbours, so an edge between two ranks can
/// run from one side of a cluster to the other; `dot` keeps edges out of
/// clusters the same way, by the weight of crossing a cluster's skeleton.
/// What is left (a node of one cluster joined to two sibling clusters that
/// both span its rank) is routed around (see [`around_clusters`]).
fn keep_out(lg: &Layered, order: &mut [Vec<usize>], pos: &mut [usize]) {
    // The clusters enclosing each cluster, from the outermost.
    let mut parents = vec![Vec::new(); lg_clusters(lg)];
    for p in &lg.path {
        for (i, &c) in p.iter().enumerate() {
            parents[c] = p[..i].to_vec();
        }
    }
    let near = |order: &[Vec<usize>], pos: &[usize], r: usize| {
        let lo = r.saturating_sub(1);
        let hi = (r + 1).min(lg.ranks - 1);
        (lo..hi)
            .map(|k| cost_below(lg, order, pos, k))
            .sum::<usize>()
    };
    let mut found = Vec::new();
    for _ in 0..4 {
        found.clear();
        for r in 0..lg.ranks.saturating_sub(1) {
            foreign_below(lg, order, pos, r, &mut found);
        }
        let mut moved = false;
        for &(a, b, c) in &found {
            for (x, other) in [(b, a), (a, b)] {
                // Only a direct member of the cluster's parent can move
                // past it without breaking up a cluster.
                if lg.path[x][..] != parents[c][..] {
                    continue;
                }
                let r = lg.rank[x];
                let Some(lo) = order[r].iter().position(|&v| lg.path[v].contains(&c)) else {
                    continue;
                };
                let hi = order[r]
                    .iter()
                    .rposition(|&v| lg.path[v].contains(&c))
                    .unwrap_or(lo);
                let Some(f) = order[lg.rank[other]]
                    .iter()
                    .position(|&v| lg.path[v].contains(&c))
                else {
                    continue;
                };
                let other_left = pos[other] < f;
                if (pos[x] < lo) == other_left {
                    continue;
                }
                let before = near(order, pos, r);
                let mut rank = order[r].clone();
                rank.retain(|&v| v != x);
                // The block's place once `x` is out of the rank.
                let (lo, hi) = if pos[x] < lo {
                    (lo - 1, hi - 1)
                } else {
                    (lo, hi)
                };
                rank.insert(if other_left { lo } else { hi + 1 }, x);
                let saved = std::mem::replace(&mut order[r], rank);
                for (i, &v) in order[r].iter().enumerate() {
                    pos[v] = i;
                }
                if near(order, pos, r) < before {
                    moved = true;
                    break;
                }
                order[r] = saved;
                for (i, &v) in order[r].iter().enumerate() {
                    pos[v] = i;
                }
            }
        }
        if !moved {
            return;
        }
    }
}

/// Sweeps move whole clusters only slowly: try swapping each pair of sibling
/// clusters on every rank they share (when no other sibling lies between
/// them there), keeping a swap that removes crossings. Only for a few
/// clusters: the number of pairs grows with their square.
fn swap_clusters(lg: &Layered, nc: usize, order: &mut Vec<Vec<usize>>, pos: &mut [usize]) {
    if !(2..=40).contains(&nc) {
        return;
    }
    let depth_of = |c: usize| lg.path.iter().find_map(|p| p.iter().position(|&x| x == c));
    let mut best = cost(lg, order, pos);
    for _ in 0..3 {
        let mut improved = false;
        for c in 0..nc {
            for d in c + 1..nc {
                let Some(level) = depth_of(c) else { continue };
                if depth_of(d) != Some(level) {
                    continue;
                }
                let Some(trial) = swapped(lg, order, c, d, level) else {
                    continue;
                };
                let mut trial = trial;
                let mut tpos = pos.to_vec();
                for rank in &trial {
                    for (i, &v) in rank.iter().enumerate() {
                        tpos[v] = i;
                    }
                }
                for rank in &mut trial {
                    transpose(lg, rank, &mut tpos);
                }
                let cross = cost(lg, &trial, &tpos);
                if cross < best {
                    best = cross;
                    *order = trial;
                    pos.copy_from_slice(&tpos);
                    improved = true;
                }
            }
        }
        if !improved || best == 0 {
            break;
        }
    }
}

/// The order with the blocks of sibling clusters `c` and `d` (at depth
/// `level`) exchanged on every rank holding both, or `None` if they are not
/// siblings or another sibling cluster lies between them on such a rank.
fn swapped(
    lg: &Layered,
    order: &[Vec<usize>],
    c: usize,
    d: usize,
    level: usize,
) -> Option<Vec<Vec<usize>>> {
    let in_c = |v: usize| lg.path[v].get(level) == Some(&c);
    let in_d = |v: usize| lg.path[v].get(level) == Some(&d);
    let mut parent = None;
    let mut out = order.to_vec();
    let mut any = false;
    for (r, rank) in order.iter().enumerate() {
        let cs: Vec<usize> = (0..rank.len()).filter(|&i| in_c(rank[i])).collect();
        let ds: Vec<usize> = (0..rank.len()).filter(|&i| in_d(rank[i])).collect();
        let (Some(&c0), Some(&d0)) = (cs.first(), ds.first()) else {
            continue;
        };
        let p = &lg.path[rank[c0]][..level];
        if p != &lg.path[rank[d0]][..level] {
            return None;
        }
        parent = Some(p.to_vec());
        let (first, second) = if c0 < d0 { (&cs, &ds) } else { (&ds, &cs) };
        let (a0, a1) = (first[0], first[first.len() - 1]);
        let (b0, b1) = (second[0], second[second.len() - 1]);
        // Anything between the blocks must sit directly in the parent.
        if rank[a1 + 1..b0].iter().any(|&v| lg.path[v].len() > level) {
            return None;
        }
        let mut new = rank[..a0].to_vec();
        new.extend_from_slice(&rank[b0..=b1]);
        new.extend_from_slice(&rank[a1 + 1..b0]);
        new.extend_from_slice(&rank[a0..=a1]);
        new.extend_from_slice(&rank[b1 + 1..]);
        out[r] = new;
        any = true;
    }
    let _ = parent;
    (any && consistent(lg, &out, lg_clusters(lg))).then_some(out)
}

/// How many clusters the paths name.
fn lg_clusters(lg: &Layered) -> usize {
    lg.path.iter().flatten().map(|&c| c + 1).max().unwrap_or(0)
}

/// Whether sibling clusters keep one left-to-right order over all ranks (the
/// separation constraints have no cycle then).
fn consistent(lg: &Layered, order: &[Vec<usize>], nc: usize) -> bool {
    let mut after = vec![Vec::new(); nc];
    for rank in order {
        for w in rank.windows(2) {
            let (pa, pb) = (&lg.path[w[0]], &lg.path[w[1]]);
            let i = common(pa, pb);
            if let (Some(&a), Some(&b)) = (pa.get(i), pb.get(i)) {
                after[a].push(b);
            }
        }
    }
    // Depth-first search for a cycle.
    let mut state = vec![0u8; nc];
    for s in 0..nc {
        if state[s] != 0 {
            continue;
        }
        let mut stack = vec![(s, 0usize)];
        state[s] = 1;
        while let Some(&mut (v, ref mut i)) = stack.last_mut() {
            if let Some(&t) = after[v].get(*i) {
                *i += 1;
                match state[t] {
                    0 => {
                        state[t] = 1;
                        stack.push((t, 0));
                    }
                    1 => return false,
                    _ => {}
                }
            } else {
                state[v] = 2;
                stack.pop();
            }
        }
    }
    true
}

/// Crossings between the edges of `u` and those of `v` (u left of v) with both
/// neighbouring ranks.
fn pair_crossings(lg: &Layered, pos: &[usize], u: usize, v: usize) -> usize {
    let mut c = 0;
    for (nu, nv) in [(&lg.up[u], &lg.up[v]), (&lg.down[u], &lg.down[v])] {
        for &(a, _) in nu {
            for &(b, _) in nv {
                if pos[a] > pos[b] {
                    c += 1;
                }
            }
        }
    }
    c
}

/// Swaps neighbours of the same cluster while that removes crossings.
fn transpose(lg: &Layered, rank: &mut [usize], pos: &mut [usize]) {
    for _ in 0..8 {
        let mut better = false;
        for i in 1..rank.len() {
            let (u, v) = (rank[i - 1], rank[i]);
            if lg.path[u].last() != lg.path[v].last() || lg.path[u].len() != lg.path[v].len() {
                continue;
            }
            if pair_crossings(lg, pos, v, u) < pair_crossings(lg, pos, u, v) {
                rank.swap(i - 1, i);
                pos[u] = i;
                pos[v] = i - 1;
                better = true;
            }
        }
        if !better {
            break;
        }
    }
}

/// Edge crossings between rank `r` and the next (Barth, Mutzel and Jünger's
/// counting by inversions, with a Fenwick tree).
fn crossings_below(lg: &Layered, order: &[Vec<usize>], pos: &[usize], r: usize) -> usize {
    let mut total = 0;
    let mut pairs = Vec::new();
    for &u in &order[r] {
        for &(v, _) in &lg.down[u] {
            pairs.push((pos[u], pos[v]));
        }
    }
    pairs.sort_unstable();
    let m = order[r + 1].len();
    let mut tree = vec![0usize; m + 1];
    for (seen, &(_, b)) in pairs.iter().enumerate() {
        // How many earlier edges end right of b.
        let mut i = b + 1;
        let mut le = 0;
        while i > 0 {
            le += tree[i];
            i &= i - 1;
        }
        total += seen - le;
        let mut i = b + 1;
        while i <= m {
            tree[i] += 1;
            i += i & i.wrapping_neg();
        }
    }
    total
}

/// A separation constraint: `x[right] - x[left] >= gap`.
#[derive(Clone, Copy)]
struct Sep {
    left: usize,
    right: usize,
    gap: f64,
}

/// The x coordinate of each layered node, then the left and right border of
/// each cluster (`n + 2c`, `n + 2c + 1`).
fn coordinates(lg: &Layered, order: &[Vec<usize>], input: &Input) -> Vec<f64> {
    let n = lg.len();
    let nc = input.clusters.len();
    let nv = n + 2 * nc;
    let left_of = |c: usize| n + 2 * c;
    let right_of = |c: usize| n + 2 * c + 1;
    let label_left = |c: usize| {
        if input.label_side == LabelSide::Left {
            input.clusters[c].label.y
        } else {
            0.0
        }
    };
    let spacing = |v: usize| match lg.kind[v] {
        Kind::Real => input.gaps.node,
        Kind::Dummy | Kind::Filler => input.gaps.dummy,
    };
    let mut cons = Vec::new();
    for rank in order {
        for w in rank.windows(2) {
            let (a, b) = (w[0], w[1]);
            let i = common(&lg.path[a], &lg.path[b]);
            let (l, lw, ls) = match lg.path[a].get(i) {
                Some(&c) => (right_of(c), 0.0, input.gaps.cluster),
                None => (a, lg.width[a] / 2.0, spacing(a)),
            };
            let (r, rw, rs) = match lg.path[b].get(i) {
                Some(&c) => (left_of(c), 0.0, input.gaps.cluster),
                None => (b, lg.width[b] / 2.0, spacing(b)),
            };
            cons.push(Sep {
                left: l,
                right: r,
                gap: lw + rw + (ls + rs) / 2.0,
            });
        }
    }
    for v in 0..n {
        if let Some(&c) = lg.path[v].last() {
            let half = lg.width[v] / 2.0;
            cons.push(Sep {
                left: left_of(c),
                right: v,
                gap: half + input.gaps.pad + label_left(c),
            });
            cons.push(Sep {
                left: v,
                right: right_of(c),
                gap: half + input.gaps.pad,
            });
        }
    }
    // Where a cluster's label lies across the line of its first rank (or its
    // last, see [`LabelSide`]), the edges into (or out of) its members there
    // cross the label's band straight (see [`route`]): those members keep
    // their edges' ends right of the label.
    if input.label_side != LabelSide::Left {
        let mut span = vec![(usize::MAX, 0usize); nc];
        for v in 0..input.sizes.len() {
            for &c in &lg.path[v] {
                span[c] = (span[c].0.min(lg.rank[v]), span[c].1.max(lg.rank[v]));
            }
        }
        for v in 0..input.sizes.len() {
            let (band, ends) = match input.label_side {
                LabelSide::Top => (span.iter().map(|s| s.0).collect::<Vec<_>>(), &lg.up[v]),
                _ => (span.iter().map(|s| s.1).collect(), &lg.down[v]),
            };
            if ends.is_empty() {
                continue;
            }
            // The ends fit between the label and the node's right corner
            // (see [`place`], which moves them there).
            let w = input.sizes[v].x;
            let spread = ends_spread(w, ends.len());
            for &c in &lg.path[v] {
                if band[c] == lg.rank[v] {
                    cons.push(Sep {
                        left: left_of(c),
                        right: v,
                        gap: label_end(input, c) + spread + CORNER - w / 2.0,
                    });
                }
            }
        }
    }
    for c in 0..nc {
        let path = cluster_path(&input.clusters, Some(c));
        if path.len() >= 2 {
            let p = path[path.len() - 2];
            cons.push(Sep {
                left: left_of(p),
                right: left_of(c),
                gap: input.gaps.pad + label_left(p),
            });
            cons.push(Sep {
                left: right_of(c),
                right: right_of(p),
                gap: input.gaps.pad,
            });
        }
        if input.label_side != LabelSide::Left {
            cons.push(Sep {
                left: left_of(c),
                right: right_of(c),
                gap: input.clusters[c].label.x + 2.0 * input.gaps.pad,
            });
        }
    }
    // For each border (`2c` left, `2c + 1` right): what it encloses directly
    // and the distance it keeps from it.
    let mut hug: Vec<Vec<(usize, f64)>> = vec![Vec::new(); 2 * nc];
    for s in &cons {
        if s.left >= n && (s.left - n).is_multiple_of(2) && s.right != s.left + 1 {
            hug[s.left - n].push((s.right, s.gap));
        }
        if s.right >= n && !(s.right - n).is_multiple_of(2) && s.left + 1 != s.right {
            hug[s.right - n].push((s.left, s.gap));
        }
    }
    let solver = Solver::new(nv, &cons);
    // A first solution: everything pushed left.
    let mut x = vec![0.0; nv];
    for &v in &solver.topo {
        for &k in &solver.incoming[v] {
            let s = cons[k];
            x[v] = f64::max(x[v], x[s.left] + s.gap);
        }
    }
    let mut desired = vec![0.0; nv];
    let mut weight = vec![0.0; nv];
    for _ in 0..ROUNDS {
        for v in 0..n {
            let (s, w) = lg.up[v]
                .iter()
                .chain(&lg.down[v])
                .fold((0.0, 0.0), |(s, w), &(u, wt)| (s + wt * x[u], w + wt));
            if w > 0.0 {
                // Half way to the neighbours' mean: a damped step that cannot
                // oscillate.
                desired[v] = (x[v] * w + s) / (2.0 * w);
                weight[v] = w;
            } else {
                desired[v] = x[v];
                weight[v] = 0.01;
            }
        }
        // Borders want to hug their members, and give way to everything else.
        for w in &mut weight[n..] {
            *w = 1e-3;
        }
        for v in n..nv {
            desired[v] = if (v - n).is_multiple_of(2) {
                hug[v - n]
                    .iter()
                    .map(|&(m, g)| x[m] - g)
                    .fold(f64::INFINITY, f64::min)
            } else {
                hug[v - n]
                    .iter()
                    .map(|&(m, g)| x[m] + g)
                    .fold(f64::NEG_INFINITY, f64::max)
            };
            if !desired[v].is_finite() {
                desired[v] = x[v];
            }
        }
        x = solver.satisfy(&cons, &desired, &weight);
    }
    x
}

/// The block-merging projection of Dwyer, Marriott and Stuckey.
struct Solver {
    /// The variables in an order where every constraint's left comes first
    /// (index order for the rest if there is a cycle).
    topo: Vec<usize>,
    incoming: Vec<Vec<usize>>,
}

impl Solver {
    fn new(nv: usize, cons: &[Sep]) -> Solver {
        let mut incoming = vec![Vec::new(); nv];
        let mut outgoing = vec![Vec::new(); nv];
        for (k, s) in cons.iter().enumerate() {
            incoming[s.right].push(k);
            outgoing[s.left].push(k);
        }
        let mut indeg: Vec<usize> = incoming.iter().map(Vec::len).collect();
        let mut queue: VecDeque<usize> = (0..nv).filter(|&v| indeg[v] == 0).collect();
        let mut topo = Vec::with_capacity(nv);
        let mut done = vec![false; nv];
        while let Some(v) = queue.pop_front() {
            topo.push(v);
            done[v] = true;
            for &k in &outgoing[v] {
                let r = cons[k].right;
                indeg[r] -= 1;
                if indeg[r] == 0 {
                    queue.push_back(r);
                }
            }
        }
        topo.extend((0..nv).filter(|&v| !done[v]));
        Solver { topo, incoming }
    }

    /// The positions closest to `desired` (weighted) that satisfy `cons`,
    /// approximately: each variable in order joins a block at its desired
    /// place, and blocks merge along violated constraints.
    fn satisfy(&self, cons: &[Sep], desired: &[f64], weight: &[f64]) -> Vec<f64> {
        let nv = desired.len();
        let mut block_of = vec![usize::MAX; nv];
        let mut offset = vec![0.0; nv];
        // Per block: members, total weight, sum of weight * (desired - offset),
        // incoming constraints.
        let mut members: Vec<Vec<usize>> = Vec::with_capacity(nv);
        let mut wsum: Vec<f64> = Vec::with_capacity(nv);
        let mut wd: Vec<f64> = Vec::with_capacity(nv);
        let mut inc: Vec<Vec<usize>> = Vec::with_capacity(nv);
        let posn = |b: usize, wsum: &[f64], wd: &[f64]| wd[b] / wsum[b];
        for &v in &self.topo {
            let mut b = members.len();
            members.push(vec![v]);
            wsum.push(weight[v]);
            wd.push(weight[v] * desired[v]);
            inc.push(self.incoming[v].clone());
            block_of[v] = b;
            loop {
                // The most violated constraint into the block from a placed
                // variable of another block.
                let mut worst: Option<(f64, usize)> = None;
                let pb = posn(b, &wsum, &wd);
                inc[b].retain(|&k| {
                    let s = cons[k];
                    let lb = block_of[s.left];
                    lb != b
                });
                for &k in &inc[b] {
                    let s = cons[k];
                    let lb = block_of[s.left];
                    if lb == usize::MAX {
                        continue;
                    }
                    let xl = posn(lb, &wsum, &wd) + offset[s.left];
                    let xr = pb + offset[s.right];
                    let viol = xl + s.gap - xr;
                    if viol > 1e-9 && worst.is_none_or(|(w, _)| viol > w) {
                        worst = Some((viol, k));
                    }
                }
                let Some((_, k)) = worst else { break };
                let s = cons[k];
                let l = block_of[s.left];
                // In l's frame, x[right] = x[left] + gap.
                let delta = offset[s.left] + s.gap - offset[s.right];
                let (into, from, shift) = if members[l].len() >= members[b].len() {
                    (l, b, delta)
                } else {
                    (b, l, -delta)
                };
                let moved = std::mem::take(&mut members[from]);
                for &m in &moved {
                    offset[m] += shift;
                    block_of[m] = into;
                }
                members[into].extend(moved);
                wd[into] += wd[from] - wsum[from] * shift;
                wsum[into] += wsum[from];
                let moved_inc = std::mem::take(&mut inc[from]);
                inc[into].extend(moved_inc);
                b = into;
            }
        }
        (0..nv)
            .map(|v| posn(block_of[v], &wsum, &wd) + offset[v])
            .collect()
    }
}

fn place(lg: &Layered, x: &[f64], input: &Input) -> Layout {
    let n = input.sizes.len();
    let nc = input.clusters.len();
    let paths_of: Vec<Vec<usize>> = (0..n).map(|v| lg.path[v].clone()).collect();
    let mut span = vec![(usize::MAX, 0usize); nc];
    for v in 0..n {
        for &c in &paths_of[v] {
            span[c] = (span[c].0.min(lg.rank[v]), span[c].1.max(lg.rank[v]));
        }
    }
    let extra = |c: usize, side: LabelSide| {
        if input.label_side == side {
            input.clusters[c].label.y
        } else {
            0.0
        }
    };
    let mut height = vec![0.0f64; lg.ranks];
    let mut top_need = vec![0.0f64; lg.ranks];
    let mut bottom_need = vec![0.0f64; lg.ranks];
    for v in 0..n {
        let r = lg.rank[v];
        height[r] = height[r].max(input.sizes[v].y);
        let t: f64 = paths_of[v]
            .iter()
            .filter(|&&c| span[c].0 == r)
            .map(|&c| input.gaps.pad + extra(c, LabelSide::Top))
            .sum();
        let b: f64 = paths_of[v]
            .iter()
            .filter(|&&c| span[c].1 == r)
            .map(|&c| input.gaps.pad + extra(c, LabelSide::Bottom))
            .sum();
        top_need[r] = top_need[r].max(t);
        bottom_need[r] = bottom_need[r].max(b);
    }
    let mut y = vec![0.0; lg.ranks];
    let mut at = 0.0;
    for r in 0..lg.ranks {
        at += top_need[r] + height[r] / 2.0;
        y[r] = at;
        at += height[r] / 2.0 + bottom_need[r] + input.gaps.rank;
    }
    let centres: Vec<Point> = (0..n).map(|v| Point::new(x[v], y[lg.rank[v]])).collect();

    // Routes. Where several edges meet a side of a node, their ends spread
    // along it in the order of where they come from, as with `dot`.
    let mut ends: Vec<Vec<(f64, usize, bool)>> = vec![Vec::new(); 2 * n];
    for (k, (chain, _)) in lg.chains.iter().enumerate() {
        if chain.len() >= 2 {
            let (a, b) = (chain[0], chain[chain.len() - 1]);
            ends[2 * a + 1].push((x[chain[1]], k, true));
            ends[2 * b].push((x[chain[chain.len() - 2]], k, false));
        }
    }
    // Where a side of a node lies under the label band of a cluster it
    // begins (or ends) there, its ends keep right of the label: how far right
    // of the cluster's left border they begin, for each side.
    let mut clear_from = vec![f64::NEG_INFINITY; 2 * n];
    for v in 0..n {
        for &c in &paths_of[v] {
            let side = match input.label_side {
                LabelSide::Top if span[c].0 == lg.rank[v] => 2 * v,
                LabelSide::Bottom if span[c].1 == lg.rank[v] => 2 * v + 1,
                _ => continue,
            };
            let end = x[n_vars_left(lg, c)] + label_end(input, c);
            clear_from[side] = clear_from[side].max(end);
        }
    }
    let mut start_dx = vec![0.0; lg.chains.len()];
    let mut end_dx = vec![0.0; lg.chains.len()];
    for (side, list) in ends.iter_mut().enumerate() {
        let m = list.len();
        if m == 0 {
            continue;
        }
        list.sort_by(|p, q| p.0.total_cmp(&q.0).then(p.1.cmp(&q.1)));
        let v = side / 2;
        let spread = ends_spread(input.sizes[v].x, m);
        let step = if m > 1 { spread / (m - 1) as f64 } else { 0.0 };
        // Moved right, as far as the node's corner allows, to clear a label.
        let first = x[v] - spread / 2.0;
        let room = x[v] + input.sizes[v].x / 2.0 - CORNER - (x[v] + spread / 2.0);
        let shift = (clear_from[side] - first).clamp(0.0, room.max(0.0));
        for (i, &(_, k, start)) in list.iter().enumerate() {
            let dx = (i as f64 - (m - 1) as f64 / 2.0) * step + shift;
            if start {
                start_dx[k] = dx;
            } else {
                end_dx[k] = dx;
            }
        }
    }
    // Where the free part of the gap below each rank starts and where the one
    // above it ends: clear of every cluster's padding and label band (see
    // [`route`]).
    let below: Vec<f64> = (0..lg.ranks)
        .map(|r| y[r] + height[r] / 2.0 + bottom_need[r])
        .collect();
    let above: Vec<f64> = (0..lg.ranks)
        .map(|r| y[r] - height[r] / 2.0 - top_need[r])
        .collect();
    // Cluster boxes, innermost first: the members' union plus padding and
    // label, widened for the label within the room the constraints kept.
    let mut depth: Vec<(usize, usize)> = (0..nc)
        .map(|c| (cluster_path(&input.clusters, Some(c)).len(), c))
        .collect();
    depth.sort_by(|a, b| b.cmp(a));
    let mut boxes = vec![None::<(f64, f64, f64, f64)>; nc];
    let grow = |b: &mut Option<(f64, f64, f64, f64)>, r: (f64, f64, f64, f64)| {
        *b = Some(match *b {
            None => r,
            Some(o) => (o.0.min(r.0), o.1.min(r.1), o.2.max(r.2), o.3.max(r.3)),
        });
    };
    for v in 0..n {
        if let Some(&c) = paths_of[v].last() {
            let (w, h) = (input.sizes[v].x, input.sizes[v].y);
            let r = (
                x[v] - w / 2.0,
                centres[v].y - h / 2.0,
                x[v] + w / 2.0,
                centres[v].y + h / 2.0,
            );
            grow(&mut boxes[c], r);
        }
    }
    let mut rects = vec![Rect::default(); nc];
    for &(_, c) in &depth {
        let Some((x0, y0, x1, y1)) = boxes[c] else {
            continue;
        };
        // The left border as the constraints placed it (at most the
        // members' left less padding and label): the label is written from
        // there, where [`coordinates`] kept the edges' ends clear of it.
        let mut x0 = x[n_vars_left(lg, c)].min(x0 - input.gaps.pad - extra(c, LabelSide::Left));
        let mut x1 = x1 + input.gaps.pad;
        let y0 = y0 - input.gaps.pad - extra(c, LabelSide::Top);
        let y1 = y1 + input.gaps.pad + extra(c, LabelSide::Bottom);
        if input.label_side != LabelSide::Left {
            let need = input.clusters[c].label.x + 2.0 * input.gaps.pad;
            if x1 - x0 < need {
                let (lo, hi) = (x[n_vars_left(lg, c)], x[n_vars_left(lg, c) + 1]);
                let grow_by = need - (x1 - x0);
                x0 = (x0 - grow_by / 2.0).max(lo);
                x1 = x0 + need;
                if x1 > hi {
                    x1 = hi;
                    x0 = hi - need;
                }
            }
        }
        rects[c] = Rect {
            x: x0,
            y: y0,
            w: x1 - x0,
            h: y1 - y0,
        };
        let path = cluster_path(&input.clusters, Some(c));
        if path.len() >= 2 {
            grow(&mut boxes[path[path.len() - 2]], (x0, y0, x1, y1));
        }
    }
    // What an edge kept out of a cluster goes around: every node's box and
    // every cluster's label.
    let mut obstacles: Vec<Rect> = (0..n)
        .map(|v| {
            let (w, h) = (input.sizes[v].x, input.sizes[v].y);
            Rect {
                x: x[v] - w / 2.0,
                y: centres[v].y - h / 2.0,
                w,
                h,
            }
        })
        .collect();
    for c in (0..nc).filter(|&c| rects[c].w > 0.0) {
        obstacles.extend(label_rects(input, c, rects[c]));
    }
    // Each way around is a search on a grid of the obstacles: at most
    // [`DETOURS`] of them, for a drawing whose groups do not follow its
    // edges at all (a generated graph with groups by index).
    let detours = std::cell::Cell::new(DETOURS);
    let mut paths = Vec::with_capacity(lg.chains.len());
    for (k, (chain, rev)) in lg.chains.iter().enumerate() {
        if chain.len() < 2 {
            paths.push(Vec::new());
            continue;
        }
        let (a, b) = (chain[0], chain[chain.len() - 1]);
        let start = Point::new(x[a] + start_dx[k], y[lg.rank[a]] + input.sizes[a].y / 2.0);
        let end = Point::new(x[b] + end_dx[k], y[lg.rank[b]] - input.sizes[b].y / 2.0);
        // Clusters holding neither end, which the edge is to keep out of.
        let foreign: Vec<Rect> = (0..nc)
            .filter(|&c| rects[c].w > 0.0)
            .filter(|&c| !paths_of[a].contains(&c) && !paths_of[b].contains(&c))
            .map(|c| rects[c])
            .collect();
        let around = |p: Point, q: Point| {
            around_clusters(
                p,
                q,
                &foreign,
                &obstacles,
                (input.gaps.cluster / 2.0, &detours),
            )
        };
        let mut segs = route(chain, lg, x, (start, end), (&below, &above), &around);
        if *rev {
            segs.reverse();
            for s in &mut segs {
                *s = [s[3], s[2], s[1], s[0]];
            }
        }
        paths.push(segs);
    }

    Layout {
        centres,
        paths,
        clusters: rects,
    }
}

/// The path of an edge along `chain` (top to bottom) from `start` on its
/// source's border to `end` on its target's: straight down out of the source
/// and out of each dummy to the free part of the gap below the rank (`below`),
/// a curve across that free part to where the next rank's bands begin
/// (`above`), straight down into the next dummy or the target. So an edge
/// changes its place across the ranks only where no cluster begins or ends:
/// it crosses a cluster's label band only on the straight lines into or out
/// of the cluster's own members (kept clear of the label, see
/// [`coordinates`]), and no band of a cluster it passes beside. A straight
/// piece at an end too short for an arrowhead joins the curve. Where `around`
/// gives a way for a piece across a gap (because the curve would pass through
/// a cluster holding neither end), the edge takes that way instead, in
/// straight runs, and enters its next node straight down.
fn route(
    chain: &[usize],
    lg: &Layered,
    x: &[f64],
    (start, end): (Point, Point),
    (below, above): (&[f64], &[f64]),
    around: &dyn Fn(Point, Point) -> Option<Vec<Point>>,
) -> Vec<[Point; 4]> {
    // Short enough to join the curve: an arrowhead (9 units) and a little.
    const SHORT: f64 = 11.0;
    let curve = |p: Point, q: Point| {
        let mid = (q.y - p.y) / 2.0;
        [p, Point::new(p.x, p.y + mid), Point::new(q.x, q.y - mid), q]
    };
    // A straight piece; at the source its control points sit at its far end,
    // at the target at its near end, so that the direction an arrowhead
    // takes from the last control point (either way round) is the line's.
    let line = |p: Point, q: Point| {
        let third = Point::new((q.x - p.x) / 3.0, (q.y - p.y) / 3.0);
        [
            p,
            Point::new(p.x + third.x, p.y + third.y),
            Point::new(q.x - third.x, q.y - third.y),
            q,
        ]
    };
    let last = chain.len() - 1;
    let mut segs = Vec::new();
    let mut cur = start;
    for i in 0..last {
        let r = lg.rank[chain[i]];
        let into = if i + 1 == last {
            Point::new(end.x, above[r + 1].min(end.y))
        } else {
            Point::new(x[chain[i + 1]], above[r + 1])
        };
        // Around a cluster: straight out of the node (far enough for the
        // arrowhead at an end), around, and straight in.
        let p = Point::new(
            cur.x,
            below[r].max(cur.y + if i == 0 { SHORT } else { 0.0 }),
        );
        let q = if i + 1 == last {
            Point::new(into.x, into.y.min(end.y - SHORT))
        } else {
            into
        };
        if let Some(way) = around(p, q) {
            if p.y > cur.y {
                segs.push(if i == 0 { [cur, p, p, p] } else { line(cur, p) });
            }
            for w in way.windows(2) {
                segs.push(line(w[0], w[1]));
            }
            if i + 1 == last {
                segs.push([q, q, q, end]);
            }
            cur = q;
            continue;
        }
        // Down to the free part of the gap.
        let out = Point::new(cur.x, below[r].max(cur.y));
        let from = if i == 0 && out.y - cur.y < SHORT {
            cur
        } else {
            if out.y > cur.y {
                segs.push(if i == 0 {
                    [cur, out, out, out]
                } else {
                    line(cur, out)
                });
            }
            out
        };
        // Across it, and down to the next node.
        if i + 1 == last {
            if end.y - into.y < SHORT {
                segs.push(curve(from, end));
            } else {
                segs.push(curve(from, into));
                segs.push([into, into, into, end]);
            }
        } else {
            segs.push(curve(from, into));
            cur = into;
        }
    }
    segs
}

/// A way from `from` to `to` along horizontal and vertical runs that enters
/// none of `obstacles` (each shrunk by a unit, so that a run along a border
/// passes): the shortest, counting each bend as `bend` units, on the grid of
/// the lines through the two points and `clearance` outside each obstacle's
/// sides (the middle of a gap between boxes `2 * clearance` apart). The
/// corners from `from` to `to`; `None` when the grid has no way.
pub(crate) fn detour(
    from: Point,
    to: Point,
    obstacles: &[Rect],
    clearance: f64,
    bend: f64,
) -> Option<Vec<Point>> {
    let mut xs = vec![from.x, to.x];
    let mut ys = vec![from.y, to.y];
    for r in obstacles {
        xs.extend([r.x - clearance, r.x + r.w + clearance]);
        ys.extend([r.y - clearance, r.y + r.h + clearance]);
    }
    for v in [&mut xs, &mut ys] {
        v.sort_by(f64::total_cmp);
        v.dedup_by(|a, b| (*a - *b).abs() < 1e-6);
    }
    let clear = |p: Point, q: Point| !obstacles.iter().any(|r| r.entered_by(p, q));
    let at = |i: usize, j: usize| Point::new(xs[i], ys[j]);
    let find = |v: &[f64], t: f64| v.iter().position(|&a| (a - t).abs() < 1e-6);
    let (si, sj) = (find(&xs, from.x)?, find(&ys, from.y)?);
    let (ti, tj) = (find(&xs, to.x)?, find(&ys, to.y)?);
    let (nx, ny) = (xs.len(), ys.len());
    // States: grid point and the direction arrived in (0..4: +x, -x, +y, -y;
    // 4: the start).
    let id = |i: usize, j: usize, d: usize| (j * nx + i) * 5 + d;
    let mut dist = vec![f64::INFINITY; nx * ny * 5];
    let mut prev = vec![usize::MAX; nx * ny * 5];
    let mut heap = std::collections::BinaryHeap::new();
    let key = |c: f64| std::cmp::Reverse((c * 1024.0).round() as i64);
    dist[id(si, sj, 4)] = 0.0;
    heap.push((key(0.0), id(si, sj, 4)));
    let mut goal = None;
    while let Some((_, s)) = heap.pop() {
        let (d, cell) = (s % 5, s / 5);
        let (i, j) = (cell % nx, cell / nx);
        if (i, j) == (ti, tj) {
            goal = Some(s);
            break;
        }
        let steps: [(usize, Option<(usize, usize)>); 4] = [
            (0, (i + 1 < nx).then(|| (i + 1, j))),
            (1, i.checked_sub(1).map(|a| (a, j))),
            (2, (j + 1 < ny).then(|| (i, j + 1))),
            (3, j.checked_sub(1).map(|b| (i, b))),
        ];
        for (nd, to_cell) in steps {
            let Some((a, b)) = to_cell else { continue };
            let (p, q) = (at(i, j), at(a, b));
            if !clear(p, q) {
                continue;
            }
            let turn = if d != 4 && d != nd { bend } else { 0.0 };
            let c = dist[s] + (q.x - p.x).abs() + (q.y - p.y).abs() + turn;
            let t = id(a, b, nd);
            if c < dist[t] - 1e-9 {
                dist[t] = c;
                prev[t] = s;
                heap.push((key(c), t));
            }
        }
    }
    let mut s = goal?;
    let mut cells = vec![s / 5];
    while prev[s] != usize::MAX {
        s = prev[s];
        cells.push(s / 5);
    }
    cells.reverse();
    // Corners only: drop the points a run passes straight through.
    let pts: Vec<Point> = cells.iter().map(|&c| at(c % nx, c / nx)).collect();
    let mut out = vec![pts[0]];
    for k in 1..pts.len() {
        let straight_on = k + 1 < pts.len() && {
            let (a, b, c) = (pts[k - 1], pts[k], pts[k + 1]);
            ((a.x - b.x).abs() < 1e-9 && (b.x - c.x).abs() < 1e-9)
                || ((a.y - b.y).abs() < 1e-9 && (b.y - c.y).abs() < 1e-9)
        };
        if !straight_on {
            out.push(pts[k]);
        }
    }
    Some(out)
}

/// The way of an edge's piece from `p` across a rank gap to `q` (below it)
/// around the clusters in `foreign` (those holding neither end of the edge),
/// when the curve from `p` to `q` would pass through one of them (a cluster
/// that reaches into the gap, spanning both ranks, and lies between the two
/// points). The way keeps `clearance` from the clusters and the `obstacles`
/// (every node's box and cluster's label) and bends rarely. `None` when the
/// curve passes no such cluster, there is no way around, or `budget` (the
/// searches left) is spent. (Ways around a cluster's label across the gap
/// were tried in 4979076 and left out: left to right, they ran along other
/// edges' lines, where a weight label could not tell its edge.)
fn around_clusters(
    p: Point,
    q: Point,
    foreign: &[Rect],
    obstacles: &[Rect],
    (clearance, budget): (f64, &std::cell::Cell<usize>),
) -> Option<Vec<Point>> {
    let (lo, hi) = (p.x.min(q.x), p.x.max(q.x));
    let through = |r: &Rect| {
        lo < r.x + r.w - 1.0 && hi > r.x + 1.0 && r.y + 1.0 < q.y && r.y + r.h - 1.0 > p.y
    };
    let blocking: Vec<&Rect> = foreign.iter().filter(|r| through(r)).collect();
    if blocking.is_empty() || budget.get() == 0 {
        return None;
    }
    budget.set(budget.get() - 1);
    // Each way on its own lines (0.6 to 1.05 of the clearance), so that two
    // ways around the same box do not run along one line.
    let clearance = clearance * (0.6 + 0.15 * (budget.get() % 4) as f64);
    let mut all = foreign.to_vec();
    all.extend_from_slice(obstacles);
    // First on the grid of what lies near the two points and what blocks
    // them (a few hundred nodes make a grid of a million states), kept if it
    // also clears everything else.
    let mut win = Bounds::new();
    win.add(p);
    win.add(q);
    for r in &blocking {
        win.add(Point::new(r.x, r.y));
        win.add(Point::new(r.x + r.w, r.y + r.h));
    }
    let (lo, hi) = win.corners();
    let m = 4.0 * clearance;
    let near: Vec<Rect> = all
        .iter()
        .filter(|r| {
            r.x < hi.x + m && r.x + r.w > lo.x - m && r.y < hi.y + m && r.y + r.h > lo.y - m
        })
        .copied()
        .collect();
    let bend = 8.0 * clearance;
    let clear = |way: &[Point]| {
        way.windows(2)
            .all(|w| !all.iter().any(|r| r.entered_by(w[0], w[1])))
    };
    match detour(p, q, &near, clearance, bend) {
        Some(way) if clear(&way) => Some(way),
        _ if all.len() <= FULL_GRID_UP_TO => detour(p, q, &all, clearance, bend),
        _ => None,
    }
}

/// At most this many pieces of edges per layout are routed around clusters
/// (see [`around_clusters`]); the rest keep their curves. The bundled graphs
/// need a few in every view (tests/it/routes.rs).
const DETOURS: usize = 16;

/// Up to this many obstacles [`around_clusters`] searches the grid of all of
/// them when the nearby ones do not give a way.
const FULL_GRID_UP_TO: usize = 300;

/// The box of cluster `c`'s label inside the cluster's box `r`, by the side
/// its label takes (see [`LabelSide`]), from the border to where the label
/// ends; for [`LabelSide::Left`] at both ends of the left band, since the
/// label starts at one or the other once the drawing is turned (`LR`) or
/// also mirrored (`RL`).
fn label_rects(input: &Input, c: usize, r: Rect) -> Vec<Rect> {
    let label = input.clusters[c].label;
    let band = label.y + input.gaps.pad / 2.0;
    let long = label_end(input, c);
    match input.label_side {
        LabelSide::Top => vec![Rect {
            h: band,
            w: long,
            ..r
        }],
        LabelSide::Bottom => vec![Rect {
            y: r.y + r.h - band,
            h: band,
            w: long,
            ..r
        }],
        LabelSide::Left => {
            let long = long.min(r.h);
            vec![
                Rect {
                    w: band,
                    h: long,
                    ..r
                },
                Rect {
                    y: r.y + r.h - long,
                    w: band,
                    h: long,
                    ..r
                },
            ]
        }
    }
}

/// How far from a node's corner an edge's end keeps (its rounded corner).
const CORNER: f64 = 5.0;

/// Where the label of cluster `c` ends, right of the cluster's left border,
/// with a little room.
fn label_end(input: &Input, c: usize) -> f64 {
    LABEL_INSET + input.clusters[c].label.x + 2.0
}

/// How far apart the first and the last of `m` edge ends along a side of a
/// node `w` wide lie: 10 units between neighbours, within 60% of the side.
fn ends_spread(w: f64, m: usize) -> f64 {
    if m < 2 {
        return 0.0;
    }
    let gaps = (m - 1) as f64;
    ((w * 0.6) / gaps).min(10.0) * gaps
}

/// The index of the left border of cluster `c` among the coordinates.
fn n_vars_left(lg: &Layered, c: usize) -> usize {
    lg.len() + 2 * c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generator::{GenOptions, Shape, generate};

    /// A generated graph as layout input: widths vary with the index, and
    /// with `clusters` the nodes fall into three top-level clusters, the first
    /// with two nested ones (by index, so that clusters cut across ranks).
    fn input(shape: Shape, nodes: usize, clusters: bool, side: LabelSide) -> Input {
        let g = generate(&GenOptions::new(shape, nodes)).expect("valid options");
        let n = g.len();
        let sizes = (0..n)
            .map(|i| Point::new(60.0 + (i * 37 % 90) as f64, 30.0 + (i % 3) as f64 * 12.0))
            .collect();
        let edges = g
            .edges()
            .iter()
            .enumerate()
            .map(|(k, e)| Edge {
                from: e.from as usize,
                to: e.to as usize,
                minlen: 1 + u32::from(k % 5 == 0),
            })
            .collect();
        let (clusters, cluster_of) = if clusters {
            let c = |parent| Cluster {
                parent,
                label: Point::new(120.0, 16.0),
            };
            let cs = vec![c(None), c(None), c(None), c(Some(0)), c(Some(3))];
            let of = (0..n)
                .map(|i| match i % 7 {
                    0 => None,
                    1 => Some(0),
                    2 => Some(1),
                    3 | 4 => Some(2),
                    5 => Some(3),
                    _ => Some(4),
                })
                .collect();
            (cs, of)
        } else {
            (Vec::new(), vec![None; n])
        };
        Input {
            sizes,
            edges,
            clusters,
            cluster_of,
            label_side: side,
            max_width: None,
            gaps: Gaps::NORMAL,
        }
    }

    fn overlap(a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)) -> bool {
        a.0 < b.2 - 1e-6 && b.0 < a.2 - 1e-6 && a.1 < b.3 - 1e-6 && b.1 < a.3 - 1e-6
    }

    fn node_box(inp: &Input, l: &Layout, v: usize) -> (f64, f64, f64, f64) {
        let (c, s) = (l.centres[v], inp.sizes[v]);
        (
            c.x - s.x / 2.0,
            c.y - s.y / 2.0,
            c.x + s.x / 2.0,
            c.y + s.y / 2.0,
        )
    }

    fn rect(r: Rect) -> (f64, f64, f64, f64) {
        (r.x, r.y, r.x + r.w, r.y + r.h)
    }

    /// The properties every layout must have: no two node boxes overlap; a
    /// cluster's box holds its members and its subclusters and no other node;
    /// sibling clusters do not overlap; every edge runs from its source's box
    /// to its target's; the coordinates are finite.
    fn check(inp: &Input) {
        let l = layout(inp);
        let n = inp.sizes.len();
        assert_eq!(l.centres.len(), n);
        assert_eq!(l.paths.len(), inp.edges.len());
        let boxes: Vec<_> = (0..n).map(|v| node_box(inp, &l, v)).collect();
        let mut by_x: Vec<usize> = (0..n).collect();
        by_x.sort_by(|&a, &b| boxes[a].0.total_cmp(&boxes[b].0));
        for (i, &a) in by_x.iter().enumerate() {
            assert!(l.centres[a].x.is_finite() && l.centres[a].y.is_finite());
            for &b in &by_x[i + 1..] {
                if boxes[b].0 >= boxes[a].2 {
                    break;
                }
                assert!(!overlap(boxes[a], boxes[b]), "nodes {a} and {b} overlap");
            }
        }
        for (c, r) in l.clusters.iter().enumerate() {
            let inside = |v: usize| cluster_path(&inp.clusters, inp.cluster_of[v]).contains(&c);
            if !(0..n).any(inside) {
                continue;
            }
            let cb = rect(*r);
            for v in 0..n {
                let b = boxes[v];
                if inside(v) {
                    assert!(
                        cb.0 <= b.0 && cb.1 <= b.1 && b.2 <= cb.2 && b.3 <= cb.3,
                        "node {v} sticks out of cluster {c}"
                    );
                } else {
                    assert!(
                        !overlap(cb, b),
                        "node {v} is inside cluster {c}, not a member"
                    );
                }
            }
            for (d, s) in l.clusters.iter().enumerate() {
                let sb = rect(*s);
                if d == c || s.w == 0.0 {
                    continue;
                }
                if inp.clusters[d].parent == Some(c) {
                    assert!(cb.0 <= sb.0 && cb.1 <= sb.1 && sb.2 <= cb.2 && sb.3 <= cb.3);
                } else if inp.clusters[d].parent == inp.clusters[c].parent {
                    assert!(!overlap(cb, sb), "sibling clusters {c} and {d} overlap");
                }
            }
        }
        for (k, e) in inp.edges.iter().enumerate() {
            let segs = &l.paths[k];
            if e.from == e.to {
                assert!(segs.is_empty());
                continue;
            }
            let (start, end) = (segs[0][0], segs[segs.len() - 1][3]);
            let near = |p: Point, b: (f64, f64, f64, f64)| {
                p.x >= b.0 - 1e-6 && p.x <= b.2 + 1e-6 && p.y >= b.1 - 1e-6 && p.y <= b.3 + 1e-6
            };
            assert!(near(start, boxes[e.from]), "edge {k} starts off its source");
            assert!(near(end, boxes[e.to]), "edge {k} ends off its target");
        }
    }

    /// Two sibling clusters side by side over two ranks, and a node in
    /// another cluster below both with an edge into each: whichever sibling
    /// comes second, the edge to it would pass through the first, so it
    /// goes around (over the first's top, where its label is not, or under
    /// its bottom); and it ends straight down into its node's top.
    #[test]
    fn an_edge_goes_around_a_cluster_between_its_ends() {
        let c = |parent| Cluster {
            parent,
            label: Point::new(30.0, 12.0),
        };
        let e = |from, to| Edge {
            from,
            to,
            minlen: 1,
        };
        for side in [LabelSide::Top, LabelSide::Bottom, LabelSide::Left] {
            // 0, 1 in cluster 1 and 2, 3 in cluster 2 (both in cluster 0);
            // 4 in cluster 3.
            let inp = Input {
                sizes: vec![Point::new(60.0, 30.0); 5],
                edges: vec![e(0, 1), e(2, 3), e(0, 4), e(2, 4)],
                clusters: vec![c(None), c(Some(0)), c(Some(0)), c(None)],
                cluster_of: vec![Some(1), Some(1), Some(2), Some(2), Some(3)],
                label_side: side,
                max_width: None,
                gaps: Gaps::NORMAL,
            };
            check(&inp);
            let l = layout(&inp);
            // One of the two edges from node 4's cluster bends around.
            let bent = |k: usize| l.paths[k].len() > 3;
            assert!(bent(2) != bent(3), "{side:?}: {:?}", l.paths);
            let k = if bent(2) { 2 } else { 3 };
            let last = l.paths[k][l.paths[k].len() - 1];
            assert!((last[0].x - last[3].x).abs() < 1e-9, "{side:?}: {last:?}");
            // Its straight runs (ends and middles) stay out of the sibling
            // holding neither end (cluster 2 for the edge from 0, 1 from 2).
            let r = l.clusters[if k == 2 { 2 } else { 1 }];
            for seg in &l.paths[k] {
                let mid = Point::new((seg[0].x + seg[3].x) / 2.0, (seg[0].y + seg[3].y) / 2.0);
                for p in [seg[0], mid, seg[3]] {
                    let inside = r.x + 1.0 < p.x
                        && p.x < r.x + r.w - 1.0
                        && r.y + 1.0 < p.y
                        && p.y < r.y + r.h - 1.0;
                    assert!(!inside, "{side:?}: {p:?} in {r:?}");
                }
            }
        }
    }

    #[test]
    fn no_overlaps_on_every_generated_shape() {
        for shape in Shape::ALL {
            for n in [1, 2, 30, 90] {
                check(&input(shape, n, false, LabelSide::Top));
            }
        }
    }

    #[test]
    fn clusters_hold_their_members_only() {
        for shape in Shape::ALL {
            for side in [LabelSide::Top, LabelSide::Bottom, LabelSide::Left] {
                check(&input(shape, 70, true, side));
            }
        }
    }

    #[test]
    fn loops_and_empty_graphs() {
        let mut inp = input(Shape::Tree, 5, false, LabelSide::Top);
        inp.edges.push(Edge {
            from: 2,
            to: 2,
            minlen: 1,
        });
        check(&inp);
        let empty = Input {
            sizes: Vec::new(),
            edges: Vec::new(),
            clusters: Vec::new(),
            cluster_of: Vec::new(),
            label_side: LabelSide::Top,
            max_width: None,
            gaps: Gaps::NORMAL,
        };
        assert!(layout(&empty).centres.is_empty());
    }

    #[test]
    fn same_input_same_layout() {
        let inp = input(Shape::Cyclic, 200, true, LabelSide::Bottom);
        let (a, b) = (layout(&inp), layout(&inp));
        assert_eq!(a.centres, b.centres);
        assert_eq!(a.paths, b.paths);
        assert_eq!(a.clusters, b.clusters);
    }

    #[test]
    fn edges_point_down_unless_they_close_a_cycle() {
        // A chain a -> b -> c and a back edge c -> a: minlen is kept on the
        // forward edges, and the back edge still runs from c to a.
        let inp = Input {
            sizes: vec![Point::new(40.0, 20.0); 3],
            edges: vec![
                Edge {
                    from: 0,
                    to: 1,
                    minlen: 1,
                },
                Edge {
                    from: 1,
                    to: 2,
                    minlen: 2,
                },
                Edge {
                    from: 2,
                    to: 0,
                    minlen: 1,
                },
            ],
            clusters: Vec::new(),
            cluster_of: vec![None; 3],
            label_side: LabelSide::Top,
            max_width: None,
            gaps: Gaps::NORMAL,
        };
        let l = layout(&inp);
        let y: Vec<f64> = l.centres.iter().map(|c| c.y).collect();
        assert!(y[0] < y[1] && y[1] < y[2]);
        // minlen 2: an empty rank between b and c.
        assert!(y[2] - y[1] > y[1] - y[0] + 30.0);
        check(&inp);
    }
}
