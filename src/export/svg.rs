//! The embedded SVG writer: lays the view out with our layered layout
//! ([`super::layout`], pure Rust, so no Graphviz is needed) and writes the SVG,
//! every string escaped and the output byte-for-byte stable.

mod pack;

use super::layout::{self, Bounds, Cluster, Edge, Gaps, Input, LabelSide, Point, Rect};
use super::split;
use super::text::{self, Rgb, columns};
use super::view::{self, LineKind, Shape, Stroke, VEdge, VJunction, VNode, View};
use super::{DotOptions, RankDir};
use crate::graph::ArgGraph;
use crate::model::EdgeKind;

const FONT: &str = "Helvetica, Arial, sans-serif";
/// Length of an arrowhead.
const HEAD: f64 = 9.0;
/// Columns at which the title's lines after the first wrap on a page.
const TITLE_WRAP: usize = 80;
/// Margin around the picture.
const MARGIN: f64 = 16.0;

/// Draws `g` as a standalone SVG document, laid out in-process.
///
/// # Arguments
/// * `g`: a checked graph.
/// * `opts`: the same options as [`super::to_dot`].
///
/// # Returns
/// An SVG 1.1 document (UTF-8, with an XML declaration), ending with a
/// newline. Hovering a node or an edge shows its full text, citation and note
/// (SVG `<title>`). Groups are nested boxes with their labels. The same input gives the same bytes.
pub fn to_svg(g: &ArgGraph, opts: &DotOptions) -> String {
    draw_svg(g, opts).svg
}

/// An embedded SVG and how large its text prints.
#[derive(Clone, Debug, PartialEq)]
pub struct Drawing {
    /// The document, as [`to_svg`] returns it.
    pub svg: String,
    /// With a [`Fit`](super::Fit) of known size: the printed size in points of
    /// the smallest text of the drawing (its smallest `font-size` times the
    /// page's printed width over the view box's width), so that a caller can
    /// warn when it is too small to read (below 9 pt).
    pub text_pt: Option<f64>,
}

/// [`to_svg`], also saying how large the text prints on the page of
/// [`DotOptions::fit`].
pub fn draw_svg(g: &ArgGraph, opts: &DotOptions) -> Drawing {
    let (v, laid, ty) = prepare(g, opts);
    let (svg, text_pt) = write(&v, &laid, opts.fit, &ty);
    Drawing { svg, text_pt }
}

/// A page drawn by the embedded layout, everything placed where [`draw_svg`]
/// draws it: what the Graphviz page path ([`super::dot::to_pinned_dot`])
/// pins. Coordinates are the SVG's user units (`y` down), inside
/// [`view_box`](Self::view_box).
pub(crate) struct PageLayout {
    /// The view as drawn: with the stubs of the edges between groups, the
    /// title wrapped.
    pub view: View,
    /// `(x, y, width, height)` of the SVG's view box: the page.
    pub view_box: (f64, f64, f64, f64),
    /// The page's printed width and height in points, when known.
    pub printed: Option<(f64, f64)>,
    /// Centre and size of each node, then of each junction.
    pub boxes: Vec<(Point, Point)>,
    /// Each edge's line as drawn, cubic Bézier segments `[start, c1, c2,
    /// end]` from its source (empty: not drawn), stopping short of its target
    /// by an arrowhead when it has one, and then the arrowhead's tip (on the
    /// target's border).
    pub paths: Vec<(Vec<[Point; 4]>, Option<Point>)>,
    /// Where each edge's weight label is centred.
    pub labels: Vec<Option<Point>>,
    /// The box of each group (`None`: not drawn), and the centre and the
    /// (estimated) width of its label (its lines split at `\n`), left-aligned
    /// at the top left of the box.
    pub groups: Vec<Option<(Rect, Point, f64)>>,
    /// The legend's box.
    pub legend: Option<Rect>,
    /// The legend's columns (1 or 2), for [`super::dot`]'s legend.
    pub legend_cols: usize,
    /// Each title line: its centre, font size and whether bold.
    pub title: Vec<(Point, f64, bool)>,
    ty: Type,
}

impl PageLayout {
    /// Font size and line height of a node's label line of this kind.
    pub fn line(&self, kind: LineKind) -> (f64, f64) {
        metrics(&self.ty, kind)
    }

    /// Font size and line height of a group's label.
    pub fn group_font(&self) -> (f64, f64) {
        self.ty.group
    }

    /// Whether a node's line of this kind is bold.
    pub fn bold(&self, n: &VNode, kind: LineKind) -> bool {
        is_bold(n, kind)
    }

    /// The length of an edge's arrowhead.
    pub const HEAD: f64 = HEAD;
    /// The font size of a weight label.
    pub const WEIGHT_FONT: f64 = 10.0;
    /// The font size of a junction's scheme name.
    pub const JUNCTION_FONT: f64 = JUNCTION_FONT;
}

/// The embedded layout of `g` fitted to the page of `opts.fit`, placed as
/// [`draw_svg`] draws it (`None` without a page).
pub(crate) fn page_layout(g: &ArgGraph, opts: &DotOptions) -> Option<PageLayout> {
    let fit = opts.fit?;
    let (v, laid, ty) = prepare(g, opts);
    let f = frame(&v, &laid, Some(fit));
    let map = |p: Point| f.page.map(p);
    let boxes = laid
        .centres
        .iter()
        .zip(&laid.sizes)
        .map(|(c, s)| (map(*c), *s))
        .collect();
    let paths = laid
        .paths
        .iter()
        .zip(&v.edges)
        .map(|(segs, e)| {
            let segs: Vec<[Point; 4]> = segs.iter().map(|s| s.map(map)).collect();
            let mut line = drawn_path(e, &segs);
            let tip = segs.last().map(|s| s[3]).filter(|_| e.head);
            if let (Some(t), Some(last)) = (tip, line.last_mut())
                && last[3] == t
            {
                // A last piece too short for `drawn_path` to end before the
                // head (whose marker then covers its end): it ends a head's
                // length before the tip, along its chord.
                let (dx, dy) = (t.x - last[0].x, t.y - last[0].y);
                let len = dx.hypot(dy);
                if len > HEAD {
                    let end = Point::new(t.x - dx / len * HEAD, t.y - dy / len * HEAD);
                    *last = [last[0], last[1], end, end];
                }
            }
            (line, tip)
        })
        .collect();
    let labels = laid.labels.iter().map(|p| p.map(map)).collect();
    let groups = laid
        .groups
        .iter()
        .enumerate()
        .map(|(gi, r)| {
            (r.w > 0.0).then(|| {
                let (a, b) = (
                    map(Point::new(r.x, r.y)),
                    map(Point::new(r.x + r.w, r.y + r.h)),
                );
                let (x0, y0) = (a.x.min(b.x), a.y.min(b.y));
                let rect = Rect {
                    x: x0,
                    y: y0,
                    w: (a.x - b.x).abs(),
                    h: (a.y - b.y).abs(),
                };
                // Where [`group`] writes the label: from its baseline's
                // start to the middle of its text.
                let (size, step) = ty.group;
                let label = &v.groups[gi].label;
                let w = label
                    .split('\n')
                    .map(|l| text_width(l, size, false))
                    .fold(0.0, f64::max);
                let below = step * (label.split('\n').count() - 1) as f64;
                let centre = Point::new(
                    x0 + 8.0 + w / 2.0,
                    y0 + 6.0 + size * 0.9 - size * 0.36 + below / 2.0,
                );
                (rect, centre, w)
            })
        })
        .collect();
    let legend = f.legend.as_ref().map(|rows| {
        let (w, h) = legend_size(rows, f.legend_cols);
        Rect {
            x: f.legend_at.x,
            y: f.legend_at.y,
            w,
            h,
        }
    });
    // As [`write`] writes the title.
    let mut y = MARGIN;
    let mut title = Vec::new();
    for i in 0..v.title.len() {
        let (size, step) = if i == 0 { (18.0, 26.0) } else { (12.0, 17.0) };
        // The baseline, less the middle of the text above it.
        let centre = y + step * 0.72 - size * 0.36;
        title.push((Point::new(f.width / 2.0, centre), size, i == 0));
        y += step;
    }
    Some(PageLayout {
        view: v,
        view_box: f.view_box,
        printed: fit.size_pt,
        boxes,
        paths,
        labels,
        groups,
        legend,
        legend_cols: f.legend_cols,
        title,
        ty,
    })
}

/// The view as drawn (stubs added, title wrapped on a page), where the
/// layout put everything, and the type used.
fn prepare(g: &ArgGraph, opts: &DotOptions) -> (View, Laid, Type) {
    let mut v = view::build(g, opts);
    let ty = if opts.fit.is_some() { PAGE } else { SCREEN };
    if opts.fit.is_some() {
        // On a page, a long source line would set the page's width alone.
        v.title = v
            .title
            .iter()
            .enumerate()
            .flat_map(|(i, t)| {
                if i == 0 {
                    vec![t.clone()]
                } else {
                    text::wrap(t, TITLE_WRAP)
                }
            })
            .collect();
    }
    // On a page, a view with groups and its conclusion on top or at the
    // bottom is drawn as blocks, one per top-level group, packed to the page.
    let packed = opts.fit.is_some()
        && !v.groups.is_empty()
        && matches!(v.rankdir, RankDir::BottomToTop | RankDir::TopToBottom);
    if let (true, Some(fit)) = (packed, opts.fit) {
        let (v, laid) = packed_drawing(v, fit, &ty);
        return (v, laid, ty);
    }
    let boxes = sizes_of(&v, &ty);
    if opts.fit.is_some() {
        wrap_group_labels(&mut v, &boxes, &ty);
    }
    let mut laid = lay_out(&v, &boxes, opts.fit.map(|f| f.aspect), &ty);
    // Drawn left to right, a group is as wide as its ranks make it, whatever
    // its label: a label wider than its box is wrapped to the box, and the
    // map laid out again (the label's lines then take room beside the first
    // rank; the ranks, and so the boxes' widths, stay where they were).
    if matches!(v.rankdir, RankDir::LeftToRight | RankDir::RightToLeft) {
        let mut wrapped = false;
        for (gr, r) in v.groups.iter_mut().zip(&laid.groups) {
            let room = r.w - layout::LABEL_INSET - 4.0;
            if r.w > 0.0 && label_size(&gr.label, &ty).x > room + 4.0 {
                let flat = gr.label.replace('\n', " ");
                gr.label = wrap_width(&flat, room.max(GROUP_WRAP_MIN / 2.0), ty.group.0).join("\n");
                wrapped = true;
            }
        }
        if wrapped {
            laid = lay_out(&v, &boxes, opts.fit.map(|f| f.aspect), &ty);
        }
    }
    laid.labels = place_labels(&v, &laid, &ty);
    (v, laid, ty)
}

/// The size of each node of `v`, then of each junction (as edges number them).
fn sizes_of(v: &View, ty: &Type) -> Vec<(f64, f64)> {
    v.nodes
        .iter()
        .map(|n| node_size(n, v, ty))
        .chain(v.junctions.iter().map(junction_size))
        .collect()
}

/// `v` drawn as packed blocks on the page `fit` (see [`pack`]): the view as
/// drawn (with its stubs) and where everything went. An edge between two
/// top-level groups is cut into two stubs, except where drawing it across
/// the gap between the two blocks leaves the page at least as legible: an
/// edge from a node at the top of its group (one that supports or attacks
/// nothing else in it, in no subgroup) to a node at the bottom of its group
/// (that nothing else in it supports or attacks, in no subgroup), when the
/// packing puts the target's block above the source's (below for `TB`) and
/// the line it draws goes straight on, crossing no box, no group's label
/// and not the legend. Each such edge saves two stubs, and often a rank in
/// each block.
fn packed_drawing(v: View, fit: super::Fit, ty: &Type) -> (View, Laid) {
    let block = split::blocks(&v);
    let n = v.nodes.len();
    let own = |i: usize| i < n && block[i].is_some() && v.nodes[i].group == block[i];
    let whole: Vec<bool> = v
        .edges
        .iter()
        .map(|e| {
            let (a, b) = (block[e.from], block[e.to]);
            a.is_some()
                && b.is_some()
                && a != b
                && own(e.from)
                && own(e.to)
                && !v
                    .edges
                    .iter()
                    .any(|f| f.from == e.from && f.to != e.to && block[f.to] == a)
                && !v
                    .edges
                    .iter()
                    .any(|f| f.to == e.to && f.from != e.from && block[f.from] == b)
        })
        .collect();
    let width = |v: &View, l: &Laid| frame(v, l, Some(fit)).view_box.2;
    // Packed both ways (see [`pack::pack`]'s `free`): the packing's own
    // measure of a page leaves out where the edges between blocks run, so
    // the freer search can end on a page that prints smaller.
    let draw = |v: View, whole: &[bool]| {
        let (mut v, b) = split::stub_cross_edges(v, whole);
        let boxes = sizes_of(&v, ty);
        wrap_group_labels(&mut v, &boxes, ty);
        let mut best: Option<(f64, Laid)> = None;
        for free in [false, true] {
            let mut laid = pack::pack(&v, &boxes, &b, fit.aspect, ty, free);
            laid.labels = place_labels(&v, &laid, ty);
            let w = width(&v, &laid);
            if best.as_ref().is_none_or(|(bw, _)| w < *bw - 1e-9) {
                best = Some((w, laid));
            }
        }
        let Some((_, laid)) = best else {
            unreachable!("two packings are tried")
        };
        (v, laid, b)
    };
    if !whole.contains(&true) {
        let (v, laid, _) = draw(v, &[]);
        return (v, laid);
    }
    let (sv, sl, _) = draw(v.clone(), &[]);
    let (dv, dl, db) = draw(v, &whole);
    let across: Vec<usize> = (0..dv.edges.len())
        .filter(|&k| {
            let e = &dv.edges[k];
            db[e.from].is_some() && db[e.to].is_some() && db[e.from] != db[e.to]
        })
        .collect();
    if clear_across(&dv, &dl, &across, ty) && width(&dv, &dl) <= width(&sv, &sl) + 1e-9 {
        (dv, dl)
    } else {
        (sv, sl)
    }
}

/// The box (top left, bottom right) of each node and junction laid out, in
/// the order of `laid.centres`.
fn node_boxes(laid: &Laid) -> impl Iterator<Item = (Point, Point)> + '_ {
    laid.centres.iter().zip(&laid.sizes).map(|(c, s)| {
        (
            Point::new(c.x - s.x / 2.0, c.y - s.y / 2.0),
            Point::new(c.x + s.x / 2.0, c.y + s.y / 2.0),
        )
    })
}

/// Whether the lines of the edges `across` (drawn between blocks) go
/// straight on to their targets (never back, as a line around a block
/// would), crossing no box but their own ends', no group's label and not the
/// legend.
fn clear_across(v: &View, laid: &Laid, across: &[usize], ty: &Type) -> bool {
    let legend = match (laid.legend_at, &v.legend) {
        (Some(p), Some(l)) => {
            let (w, h) = legend_size(&legend_rows(l, v), laid.legend_cols);
            Some((p, Point::new(p.x + w, p.y + h)))
        }
        _ => None,
    };
    let labels: Vec<(Point, Point)> =
        pack::label_rects(v, laid.groups.iter().copied().enumerate(), ty)
            .into_iter()
            .map(|r| (Point::new(r.x, r.y), Point::new(r.x + r.w, r.y + r.h)))
            .collect();
    across.iter().all(|&k| {
        let e = &v.edges[k];
        let mut keep_off: Vec<(Point, Point)> = node_boxes(laid)
            .enumerate()
            .filter(|&(i, _)| i != e.from && i != e.to)
            .map(|(_, b)| b)
            .collect();
        keep_off.extend(labels.iter().copied());
        keep_off.extend(legend);
        // Straight on to its target: never back (no way around a block).
        let segs = &laid.paths[k];
        let dir = match (segs.first(), segs.last()) {
            (Some(f), Some(l)) => (l[3].y - f[0].y).signum(),
            _ => return false,
        };
        segs.iter().all(|&seg| {
            straight_pieces(seg).all(|(a, b)| {
                (b.y - a.y) * dir > -0.5
                    && !keep_off.iter().any(|&(lo, hi)| crosses_box(a, b, lo, hi))
            })
        })
    })
}

/// On a page, each group's label wrapped (lines joined by `\n`) to about the
/// width its box will have, so that a long label does not widen the box: no
/// narrower than its widest member, half its members side by side, or
/// [`GROUP_WRAP_MIN`] units.
fn wrap_group_labels(v: &mut View, boxes: &[(f64, f64)], ty: &Type) {
    let mut widest = vec![0.0f64; v.groups.len()];
    let mut sum = vec![0.0f64; v.groups.len()];
    for (i, b) in boxes.iter().enumerate() {
        for gi in v.groups_around(i) {
            widest[gi] = widest[gi].max(b.0);
            sum[gi] += b.0;
        }
    }
    for (gi, gr) in v.groups.iter_mut().enumerate() {
        let limit = widest[gi].max(sum[gi] / 2.0).max(GROUP_WRAP_MIN);
        gr.label = wrap_width(&gr.label, limit, ty.group.0).join("\n");
    }
}

/// The narrowest a group's label is wrapped to on a page.
const GROUP_WRAP_MIN: f64 = 120.0;

/// `s` in lines no wider than `limit` units at `size` (a word wider than that
/// on a line of its own), broken at spaces.
fn wrap_width(s: &str, limit: f64, size: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for word in s.split(' ').filter(|w| !w.is_empty()) {
        let next = if cur.is_empty() {
            word.to_string()
        } else {
            format!("{cur} {word}")
        };
        if !cur.is_empty() && text_width(&next, size, false) > limit {
            lines.push(std::mem::replace(&mut cur, word.to_string()));
        } else {
            cur = next;
        }
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
}

/// The size of a group's label (its lines split at `\n`), with room around
/// it: widest line and total height.
fn label_size(label: &str, ty: &Type) -> Point {
    let lines = label.split('\n');
    let w = lines
        .clone()
        .map(|l| text_width(l, ty.group.0, false))
        .fold(0.0, f64::max);
    Point::new(w + 4.0, ty.group.1 * lines.count() as f64)
}

/// Where each edge's weight label goes: on its own path as drawn, so that it
/// belongs to one edge. The middle of the path first; where that would cover
/// another label or a box, or another edge's line would run under it
/// (typically where edges cross or converge), the first of a few points
/// further along the same path that is clear of all three; else the first
/// clear of labels and boxes; else the one that covers fewest. Boxes, labels
/// and lines are looked up in a grid, so that this takes time in proportion
/// to the drawing's lines and labels.
fn place_labels(v: &View, laid: &Laid, ty: &Type) -> Vec<Option<Point>> {
    if v.edges.iter().all(|e| e.label.is_none()) {
        return vec![None; v.edges.len()];
    }
    let mut obstacles: Vec<(Point, Point)> =
        node_boxes(laid).chain(group_titles(v, laid, ty)).collect();
    let drawn: Vec<Vec<[Point; 4]>> = v
        .edges
        .iter()
        .zip(&laid.paths)
        .map(|(e, segs)| drawn_path(e, segs))
        .collect();
    // Each label's card at each candidate point.
    let candidates: Vec<Vec<(Point, (Point, Point))>> = v
        .edges
        .iter()
        .zip(&drawn)
        .map(|(e, segs)| match (&e.label, segs.is_empty()) {
            (Some(l), false) => {
                let (w, h) = (text_width(l, 10.0, false) + 4.0, 12.0);
                [0.5, 0.38, 0.62, 0.26, 0.74, 0.15, 0.85]
                    .map(|t| {
                        let p = point_at(segs, t);
                        let r = (
                            Point::new(p.x - w / 2.0, p.y - h / 2.0),
                            Point::new(p.x + w / 2.0, p.y + h / 2.0),
                        );
                        (p, r)
                    })
                    .to_vec()
            }
            _ => Vec::new(),
        })
        .collect();
    let all_points = obstacles
        .iter()
        .flat_map(|r| [r.0, r.1])
        .chain(drawn.iter().flatten().flatten().copied());
    let grid = Grid::new(all_points);
    let mut boxes: Vec<Vec<usize>> = vec![Vec::new(); grid.len()];
    for (i, r) in obstacles.iter().enumerate() {
        grid.cells(*r, 0.0).for_each(|c| boxes[c].push(i));
    }
    // Which cards another edge's line passes under (or within LINE_CLEARANCE
    // of): the cards are filed by cell, then each line is walked in straight
    // pieces no longer than a cell, each checked against the cards of the
    // cells it touches. Time in proportion to the lines' length and the cards.
    let cards: Vec<(usize, (Point, Point))> = candidates
        .iter()
        .enumerate()
        .flat_map(|(k, cs)| cs.iter().map(move |&(_, r)| (k, r)))
        .collect();
    let mut filed: Vec<Vec<usize>> = vec![Vec::new(); grid.len()];
    for (i, (_, r)) in cards.iter().enumerate() {
        grid.cells(*r, LINE_CLEARANCE)
            .for_each(|c| filed[c].push(i));
    }
    let mut crossed = vec![false; cards.len()];
    for (k, segs) in drawn.iter().enumerate() {
        for &seg in segs {
            for (a, b) in straight_pieces(seg) {
                let steps = (dist(a, b) / grid.cell).ceil().clamp(1.0, 1e6) as usize;
                for s in 0..steps {
                    let lerp = |t: f64| Point::new(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
                    let (u, w) = (
                        lerp(s as f64 / steps as f64),
                        lerp((s + 1) as f64 / steps as f64),
                    );
                    let bbox = (
                        Point::new(u.x.min(w.x), u.y.min(w.y)),
                        Point::new(u.x.max(w.x), u.y.max(w.y)),
                    );
                    for c in grid.cells(bbox, 0.0) {
                        for &ci in &filed[c] {
                            let (owner, r) = cards[ci];
                            let m = LINE_CLEARANCE;
                            if !crossed[ci]
                                && v.edges[owner].data != v.edges[k].data
                                && crosses_box(
                                    u,
                                    w,
                                    Point::new(r.0.x - m, r.0.y - m),
                                    Point::new(r.1.x + m, r.1.y + m),
                                )
                            {
                                crossed[ci] = true;
                            }
                        }
                    }
                }
            }
        }
    }
    // The first card of each edge in `cards`.
    let mut first = Vec::with_capacity(candidates.len());
    let mut at = 0;
    for cs in &candidates {
        first.push(at);
        at += cs.len();
    }
    let overlaps = |a: &(Point, Point), b: &(Point, Point)| {
        a.0.x < b.1.x && b.0.x < a.1.x && a.0.y < b.1.y && b.0.y < a.1.y
    };
    let mut out = Vec::with_capacity(v.edges.len());
    for (k, cands) in candidates.iter().enumerate() {
        if cands.is_empty() {
            out.push(None);
            continue;
        }
        let free = |r: &(Point, Point)| {
            !grid
                .cells(*r, 0.0)
                .any(|c| boxes[c].iter().any(|&i| overlaps(r, &obstacles[i])))
        };
        let covered = |r: &(Point, Point)| {
            let mut near: Vec<usize> = grid.cells(*r, 0.0).flat_map(|c| boxes[c].clone()).collect();
            near.sort_unstable();
            near.dedup();
            near.iter().filter(|&&i| overlaps(r, &obstacles[i])).count()
        };
        // Pieces of one edge (premises into a junction) are its own lines.
        let (p, r) = cands
            .iter()
            .enumerate()
            .find(|(i, (_, r))| free(r) && !crossed[first[k] + i])
            .map(|(_, c)| c)
            .or_else(|| cands.iter().find(|(_, r)| free(r)))
            .or_else(|| cands.iter().min_by_key(|(_, r)| covered(r)))
            .unwrap_or(&cands[0]);
        let i = obstacles.len();
        obstacles.push(*r);
        grid.cells(*r, 0.0).for_each(|c| boxes[c].push(i));
        out.push(Some(*p));
    }
    out
}

/// How far another edge's line must pass from a weight label's card.
const LINE_CLEARANCE: f64 = 2.0;
/// How many straight pieces a cubic Bézier is cut into so that none departs
/// from the curve by more than half a unit: uniform pieces of a cubic are
/// within `3/4 · max(|p0 − 2 p1 + p2|, |p1 − 2 p2 + p3|) / n²` of it.
fn flat_pieces([p0, p1, p2, p3]: [Point; 4]) -> usize {
    let second =
        |a: Point, b: Point, c: Point| (a.x - 2.0 * b.x + c.x).hypot(a.y - 2.0 * b.y + c.y);
    let m = second(p0, p1, p2).max(second(p1, p2, p3));
    (0.75 * m / 0.5).sqrt().ceil().clamp(1.0, 64.0) as usize
}

/// The straight pieces `(a, b)` that stand for a drawn cubic Bézier `seg` in
/// the checks of what a line runs through: [`flat_pieces`] of them, end to
/// end, each within half a unit of the curve.
fn straight_pieces(seg: [Point; 4]) -> impl Iterator<Item = (Point, Point)> {
    let n = flat_pieces(seg);
    (0..n).map(move |j| {
        (
            bezier(seg, j as f64 / n as f64),
            bezier(seg, (j + 1) as f64 / n as f64),
        )
    })
}

/// Whether the segment from `a` to `b` passes through the box from `lo` to
/// `hi` (Liang and Barsky's clipping: the part of the segment inside each
/// of the four half-planes must overlap).
fn crosses_box(a: Point, b: Point, lo: Point, hi: Point) -> bool {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-dx, a.x - lo.x),
        (dx, hi.x - a.x),
        (-dy, a.y - lo.y),
        (dy, hi.y - a.y),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    t0 <= t1
}

/// A grid of square cells over a drawing, to look up what is near a box.
struct Grid {
    lo: Point,
    cell: f64,
    cols: usize,
    rows: usize,
}

impl Grid {
    /// A grid over the box around `points`, with cells of at least 32
    /// units and at most about 250 000 of them.
    fn new(points: impl Iterator<Item = Point>) -> Grid {
        let (mut lo, mut hi) = (
            Point::new(f64::MAX, f64::MAX),
            Point::new(f64::MIN, f64::MIN),
        );
        for p in points.filter(|p| p.x.is_finite() && p.y.is_finite()) {
            lo = Point::new(lo.x.min(p.x), lo.y.min(p.y));
            hi = Point::new(hi.x.max(p.x), hi.y.max(p.y));
        }
        if lo.x > hi.x {
            (lo, hi) = (Point::zero(), Point::zero());
        }
        let (w, h) = (hi.x - lo.x, hi.y - lo.y);
        let cell = 32f64.max((w * h / 2.5e5).sqrt());
        Grid {
            lo,
            cell,
            cols: (w / cell) as usize + 1,
            rows: (h / cell) as usize + 1,
        }
    }

    fn len(&self) -> usize {
        self.cols * self.rows
    }

    fn col_row(&self, p: Point) -> (usize, usize) {
        // Outside the grid (or NaN): the nearest border cell.
        let c = ((p.x - self.lo.x) / self.cell).max(0.0) as usize;
        let r = ((p.y - self.lo.y) / self.cell).max(0.0) as usize;
        (c.min(self.cols - 1), r.min(self.rows - 1))
    }

    /// The cells that box `r`, grown by `margin`, touches.
    fn cells(&self, r: (Point, Point), margin: f64) -> impl Iterator<Item = usize> + '_ {
        let (c0, r0) = self.col_row(Point::new(r.0.x - margin, r.0.y - margin));
        let (c1, r1) = self.col_row(Point::new(r.1.x + margin, r.1.y + margin));
        (r0..=r1).flat_map(move |row| (c0..=c1).map(move |col| row * self.cols + col))
    }
}

/// The box of each group's title, in layout coordinates: [`group`] writes it
/// at the top left of the group's box as drawn, which is the bottom (right)
/// of the layout's when the page flips it (`rankdir` BT, RL, unless the
/// layout placed everything as drawn).
fn group_titles<'a>(
    v: &'a View,
    laid: &'a Laid,
    ty: &'a Type,
) -> impl Iterator<Item = (Point, Point)> + 'a {
    v.groups
        .iter()
        .zip(&laid.groups)
        .filter(|(_, r)| r.w > 0.0)
        .map(move |(g, r)| {
            // The width estimate with a margin: a label may run a little
            // wider than `text_width` says.
            let size = label_size(&g.label, ty);
            let w = (size.x - 4.0) * 1.1 + 4.0;
            let x = if v.rankdir == RankDir::RightToLeft && !laid.oriented {
                r.x + r.w - 8.0 - w
            } else {
                r.x + 8.0
            };
            let y = if v.rankdir == RankDir::BottomToTop && !laid.oriented {
                r.y + r.h - 6.0 - size.y
            } else {
                r.y + 6.0
            };
            (Point::new(x, y), Point::new(x + w, y + size.y))
        })
}

/// The point at fraction `t` of a path, counted in segments (a cubic Bézier
/// at its local parameter).
fn point_at(segs: &[[Point; 4]], t: f64) -> Point {
    let pos = t.clamp(0.0, 1.0) * segs.len() as f64;
    let i = (pos.floor() as usize).min(segs.len() - 1);
    bezier(segs[i], pos - i as f64)
}

/// The distance between two points.
fn dist(a: Point, b: Point) -> f64 {
    (a.x - b.x).hypot(a.y - b.y)
}

/// A cubic Bézier `[start, c1, c2, end]` at parameter `u` in `[0, 1]`.
fn bezier([p0, p1, p2, p3]: [Point; 4], u: f64) -> Point {
    let (a, b, c, d) = (
        (1.0 - u).powi(3),
        3.0 * (1.0 - u).powi(2) * u,
        3.0 * (1.0 - u) * u * u,
        u.powi(3),
    );
    Point::new(
        a * p0.x + b * p1.x + c * p2.x + d * p3.x,
        a * p0.y + b * p1.y + c * p2.y + d * p3.y,
    )
}

/// Where everything went.
struct Laid {
    /// Centre of each node.
    centres: Vec<Point>,
    /// Size of each node.
    sizes: Vec<Point>,
    /// Each edge's path as cubic Bézier segments `[start, c1, c2, end]`,
    /// oriented from source to target.
    paths: Vec<Vec<[Point; 4]>>,
    /// Where each edge's weight label goes.
    labels: Vec<Option<Point>>,
    /// The box of each group.
    groups: Vec<Rect>,
    /// Whether the positions are already those of the picture (packed
    /// blocks): not to be mirrored for `BT` or `RL`.
    oriented: bool,
    /// Where the legend's top left corner goes, when the layout placed it
    /// (else right of the drawing).
    legend_at: Option<Point>,
    /// The legend's columns (1 or 2).
    legend_cols: usize,
}

/// Font sizes (with line heights) and paddings of a drawing.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Type {
    /// A node's statement.
    text: (f64, f64),
    /// A node's id line.
    id: (f64, f64),
    /// A citation line.
    cite: (f64, f64),
    /// The score line.
    score: (f64, f64),
    /// The folded-evidence count (and a stub's "where").
    count: (f64, f64),
    /// Horizontal and vertical padding inside a node.
    pad: (f64, f64),
    /// A group's label.
    group: (f64, f64),
    /// The spaces of the layout.
    gaps: Gaps,
}

/// On screen.
const SCREEN: Type = Type {
    text: (12.0, 15.0),
    id: (9.0, 12.0),
    cite: (9.0, 12.0),
    score: (11.0, 15.0),
    count: (10.0, 13.0),
    pad: (9.0, 6.0),
    group: (12.0, 16.0),
    gaps: Gaps::NORMAL,
};

/// On a page (`--page`, `--aspect`): what limits the printed size is the
/// smallest text, so every line of a box is set at one size (10 px), the
/// statement no larger than the ids, citations and counts: a box is then no
/// larger than its smallest text needs, and the rest is tightened, for the
/// densest drawing at a given printed size.
const PAGE: Type = Type {
    text: (10.0, 12.0),
    id: (10.0, 12.0),
    cite: (10.0, 12.0),
    score: (10.0, 12.0),
    count: (10.0, 12.0),
    pad: (5.0, 3.0),
    group: (10.0, 13.0),
    gaps: Gaps::COMPACT,
};

/// Lays the nodes (as boxes of the given sizes), edges and groups out with
/// our layered layout ([`layout`]), turned for the view's direction.
fn lay_out(v: &View, boxes: &[(f64, f64)], aspect: Option<f64>, ty: &Type) -> Laid {
    let across = matches!(v.rankdir, RankDir::LeftToRight | RankDir::RightToLeft);
    // The layout runs top to bottom: a left-to-right view is laid out
    // transposed, and mirrored afterwards when needed (see `Page`).
    let turn = |p: Point| if across { p.swap() } else { p };
    let input = Input {
        sizes: boxes.iter().map(|&(w, h)| turn(Point::new(w, h))).collect(),
        edges: v
            .edges
            .iter()
            .map(|e| Edge {
                from: e.from,
                to: e.to,
                minlen: e.minlen,
            })
            .collect(),
        clusters: v
            .groups
            .iter()
            .map(|g| Cluster {
                parent: g.parent,
                label: label_size(&g.label, ty),
            })
            .collect(),
        cluster_of: v
            .nodes
            .iter()
            .map(|n| n.group)
            .chain(v.junctions.iter().map(|j| j.group))
            .collect(),
        max_width: None,
        gaps: ty.gaps,
        label_side: match v.rankdir {
            RankDir::TopToBottom => LabelSide::Top,
            RankDir::BottomToTop => LabelSide::Bottom,
            RankDir::LeftToRight | RankDir::RightToLeft => LabelSide::Left,
        },
    };
    let laid = match aspect {
        None => layout::layout(&input),
        Some(a) => {
            // Room the title and the legend take beside the drawing.
            let title_h = if v.title.is_empty() {
                0.0
            } else {
                26.0 + 17.0 * (v.title.len() - 1) as f64 + 12.0
            };
            let legend_w = v
                .legend
                .as_ref()
                .map_or(0.0, |l| legend_size(&legend_rows(l, v), 1).0 + 24.0);
            let extra = Point::new(legend_w + 2.0 * MARGIN, title_h + 2.0 * MARGIN);
            // The layout's width runs across the ranks: for left-to-right views
            // that is the picture's height.
            let (a, extra) = if across {
                (1.0 / a, extra.swap())
            } else {
                (a, extra)
            };
            layout::layout_to_fit(&input, a, extra)
        }
    };
    let centres = laid.centres.into_iter().map(turn).collect();
    let paths: Vec<Vec<[Point; 4]>> = laid
        .paths
        .into_iter()
        .map(|segs| {
            segs.into_iter()
                .map(|s| [turn(s[0]), turn(s[1]), turn(s[2]), turn(s[3])])
                .collect()
        })
        .collect();
    let groups = laid
        .clusters
        .into_iter()
        .map(|r| {
            if across {
                Rect {
                    x: r.y,
                    y: r.x,
                    w: r.h,
                    h: r.w,
                }
            } else {
                r
            }
        })
        .collect();
    let labels = v
        .edges
        .iter()
        .zip(&paths)
        .map(|(e, segs)| e.label.as_ref().and_then(|_| midpoint(segs)))
        .collect();
    Laid {
        centres,
        sizes: boxes.iter().map(|&(w, h)| Point::new(w, h)).collect(),
        paths,
        labels,
        groups,
        oriented: false,
        legend_at: None,
        legend_cols: 1,
    }
}

/// The point halfway along a path (by segments: the middle of the middle
/// segment, or the joint between the two middle ones).
fn midpoint(segs: &[[Point; 4]]) -> Option<Point> {
    let n = segs.len();
    if n == 0 {
        return None;
    }
    if n.is_multiple_of(2) {
        return Some(segs[n / 2][0]);
    }
    let [p0, p1, p2, p3] = segs[n / 2];
    // A cubic Bézier at t = 1/2: (p0 + 3 p1 + 3 p2 + p3) / 8.
    Some(Point::new(
        (p0.x + 3.0 * p1.x + 3.0 * p2.x + p3.x) / 8.0,
        (p0.y + 3.0 * p1.y + 3.0 * p2.y + p3.y) / 8.0,
    ))
}

/// Font size and line height of a label line.
fn metrics(t: &Type, kind: LineKind) -> (f64, f64) {
    match kind {
        LineKind::Id => t.id,
        LineKind::Text => t.text,
        LineKind::Cite => t.cite,
        LineKind::Score => t.score,
        LineKind::Count => t.count,
    }
}

/// An estimate of the rendered width of `s` in a Helvetica-like font.
fn text_width(s: &str, size: f64, bold: bool) -> f64 {
    let em: f64 = s
        .chars()
        .map(|c| match c {
            _ if columns(c) == 2 => 1.0,
            _ if columns(c) == 0 => 0.0,
            'i' | 'j' | 'l' | 'I' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | ' ' => 0.28,
            'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' => 0.36,
            'm' | 'w' | 'M' | 'W' | '—' => 0.86,
            'A'..='Z' => 0.68,
            _ => 0.56,
        })
        .sum();
    em * size * if bold { 1.07 } else { 1.0 }
}

fn is_bold(n: &VNode, kind: LineKind) -> bool {
    kind == LineKind::Score || (kind == LineKind::Text && n.shape == Shape::Conclusion)
}

/// The lines a node shows in the SVG.
fn svg_lines(n: &VNode, _: &View) -> Vec<(LineKind, String)> {
    n.lines.iter().map(|l| (l.kind, l.text.clone())).collect()
}

fn node_size(n: &VNode, v: &View, ty: &Type) -> (f64, f64) {
    let lines = svg_lines(n, v);
    let w = lines
        .iter()
        .map(|(k, t)| text_width(t, metrics(ty, *k).0, is_bold(n, *k)))
        .fold(0.0, f64::max);
    let h: f64 = lines.iter().map(|(k, _)| metrics(ty, *k).1).sum();
    let fold = if n.shape == Shape::Evidence { 8.0 } else { 0.0 };
    (
        (w + 2.0 * ty.pad.0 + fold).max(60.0).ceil(),
        (h + 2.0 * ty.pad.1).ceil(),
    )
}

/// A number as written in the SVG: one decimal, never `-0.0`.
fn num(x: f64) -> String {
    let s = format!("{:.1}", x + 0.0);
    if s == "-0.0" { "0.0".into() } else { s }
}

/// Maps layout coordinates to the page: mirrored for `BT` and `RL`, shifted
/// by `offset`.
struct Page {
    flip_x: Option<f64>,
    flip_y: Option<f64>,
    offset: Point,
}

impl Page {
    fn map(&self, p: Point) -> Point {
        let x = self.flip_x.map_or(p.x, |m| m - p.x);
        let y = self.flip_y.map_or(p.y, |m| m - p.y);
        Point::new(x + self.offset.x, y + self.offset.y)
    }
}

/// Where the layout's drawing goes on the picture: the legend's rows, width
/// and top left corner, the map from layout coordinates to the picture's,
/// the picture's size and its view box (grown to the page's shape).
struct Frame {
    legend: Option<LegendRows>,
    legend_cols: usize,
    legend_w: f64,
    legend_at: Point,
    page: Page,
    width: f64,
    view_box: (f64, f64, f64, f64),
}

fn frame(v: &View, laid: &Laid, fit: Option<super::Fit>) -> Frame {
    let legend = v.legend.as_ref().map(|l| legend_rows(l, v));
    let legend_cols = laid.legend_cols;
    let (legend_w, legend_h) = legend
        .as_ref()
        .map_or((0.0, 0.0), |rows| legend_size(rows, legend_cols));
    // Bounding box of the layout (with the legend, when the layout placed it).
    let mut bounds = Bounds::new();
    for (c, s) in laid.centres.iter().zip(&laid.sizes) {
        bounds.add_box(*c, *s, 4.0);
    }
    for p in laid.paths.iter().flatten().flatten() {
        bounds.add(*p);
    }
    for r in laid.groups.iter().filter(|r| r.w > 0.0) {
        bounds.add(Point::new(r.x, r.y));
        bounds.add(Point::new(r.x + r.w, r.y + r.h));
    }
    for p in laid.labels.iter().flatten() {
        bounds.add_box(*p, Point::new(24.0, 16.0), 0.0);
    }
    if let (Some(p), Some(_)) = (laid.legend_at, &legend) {
        bounds.add(p);
        bounds.add(Point::new(p.x + legend_w, p.y + legend_h));
    }
    let (lo, hi) = bounds.corners();

    let title_h: f64 = v
        .title
        .iter()
        .enumerate()
        .map(|(i, _)| if i == 0 { 26.0 } else { 17.0 })
        .sum();
    let title_h = if title_h > 0.0 { title_h + 12.0 } else { 0.0 };

    let graph_w = hi.x - lo.x;
    let graph_h = hi.y - lo.y;
    let page = Page {
        flip_x: (v.rankdir == RankDir::RightToLeft && !laid.oriented).then_some(lo.x + hi.x),
        flip_y: (v.rankdir == RankDir::BottomToTop && !laid.oriented).then_some(lo.y + hi.y),
        offset: Point::new(MARGIN - lo.x, MARGIN + title_h - lo.y),
    };
    let (legend_at, legend_w_out, legend_h) = match laid.legend_at {
        // Placed by the layout: inside the drawing's box already.
        Some(p) => (page.map(p), 0.0, 0.0),
        None => (
            Point::new(
                MARGIN + graph_w + if legend.is_some() { 24.0 } else { 0.0 },
                MARGIN + title_h,
            ),
            legend_w,
            legend_h,
        ),
    };
    let title_w = v
        .title
        .iter()
        .enumerate()
        .map(|(i, t)| text_width(t, if i == 0 { 18.0 } else { 12.0 }, i == 0))
        .fold(0.0, f64::max);
    let width = (MARGIN + graph_w + MARGIN)
        .max(legend_at.x + legend_w_out + MARGIN)
        .max(title_w + 2.0 * MARGIN)
        .ceil();
    let height = (MARGIN + title_h + graph_h.max(legend_h) + MARGIN).ceil();

    // On a page: the view box grows to the page's shape, the drawing centred.
    let (mut vx, mut vy, mut vw, mut vh) = (0.0, 0.0, width, height);
    if let Some(f) = fit {
        if width / height < f.aspect {
            vw = (height * f.aspect).ceil();
            vx = -((vw - width) / 2.0).round();
        } else {
            vh = (width / f.aspect).ceil();
            vy = -((vh - height) / 2.0).round();
        }
    }
    Frame {
        legend,
        legend_cols,
        legend_w,
        legend_at,
        page,
        width,
        view_box: (vx, vy, vw, vh),
    }
}

fn write(v: &View, laid: &Laid, fit: Option<super::Fit>, ty: &Type) -> (String, Option<f64>) {
    let Frame {
        legend,
        legend_cols,
        legend_w,
        legend_at,
        page,
        width,
        view_box: (vx, vy, vw, vh),
    } = frame(v, laid, fit);
    let printed_w = fit.and_then(|f| f.size_pt).map(|(pw, _)| pw);
    let (size_w, size_h) = match fit.and_then(|f| f.size_pt) {
        Some((pw, ph)) => (format!("{}pt", num(pw)), format!("{}pt", num(ph))),
        None => (num(vw), num(vh)),
    };
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"{size_w}\" height=\"{size_h}\" viewBox=\"{} {} {} {}\" font-family=\"{FONT}\">\n",
        num(vx),
        num(vy),
        num(vw),
        num(vh)
    ));
    out.push_str(&format!(
        "<title>{}</title>\n",
        text::xml(v.title.first().map_or("argument map", |t| t.as_str()))
    ));
    out.push_str(&defs());
    let corner = if fit.is_some() {
        format!("x=\"{}\" y=\"{}\" ", num(vx), num(vy))
    } else {
        String::new()
    };
    out.push_str(&format!(
        "<rect {corner}width=\"{}\" height=\"{}\" fill=\"white\"/>\n",
        num(vw),
        num(vh)
    ));

    // Title.
    let mut y = MARGIN;
    for (i, t) in v.title.iter().enumerate() {
        let (size, step, weight) = if i == 0 {
            (18.0, 26.0, " font-weight=\"bold\"")
        } else {
            (12.0, 17.0, "")
        };
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" font-size=\"{size}\"{weight} text-anchor=\"middle\">{}</text>\n",
            num(width / 2.0),
            num(y + step * 0.72),
            text::xml(t)
        ));
        y += step;
    }

    // Groups first, outer ones under inner ones.
    let mut by_depth: Vec<usize> = (0..v.groups.len()).collect();
    by_depth.sort_by_key(|&gi| (v.groups[gi].depth, gi));
    for gi in by_depth {
        let r = laid.groups[gi];
        if r.w > 0.0 {
            out.push_str(&group(&v.groups[gi], &page, r, ty));
        }
    }
    // Edges next, under the nodes.
    for (k, e) in v.edges.iter().enumerate() {
        let segs: Vec<[Point; 4]> = laid.paths[k]
            .iter()
            .map(|s| {
                [
                    page.map(s[0]),
                    page.map(s[1]),
                    page.map(s[2]),
                    page.map(s[3]),
                ]
            })
            .collect();
        out.push_str(&edge(e, &segs));
    }
    for (j, jn) in v.junctions.iter().enumerate() {
        let c = page.map(laid.centres[v.nodes.len() + j]);
        out.push_str(&junction(jn, c));
    }
    for (i, n) in v.nodes.iter().enumerate() {
        let c = page.map(laid.centres[i]);
        out.push_str(&node(n, v, c, laid.sizes[i], ty));
    }
    // Weights last: on top of a node border rather than hidden under it.
    for (k, e) in v.edges.iter().enumerate() {
        if let (Some(l), Some(p)) = (&e.label, laid.labels[k]) {
            let p = page.map(p);
            // On a white card, so that the line under it does not cross the digits.
            let w = text_width(l, 10.0, false) + 4.0;
            out.push_str(&format!(
                "<g class=\"edge-label\"{}><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"12\" rx=\"2\" fill=\"white\" fill-opacity=\"0.9\"/><text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\" fill=\"{}\">{}</text></g>\n",
                e.data,
                num(p.x - w / 2.0),
                num(p.y - 6.0),
                num(w),
                num(p.x),
                num(p.y + 3.5),
                e.color.hex(),
                text::xml(l)
            ));
        }
    }
    if let Some(rows) = &legend {
        out.push_str(&draw_legend(rows, legend_at, legend_w, legend_cols));
    }
    out.push_str("</svg>\n");
    // The smallest text as printed: read from the document itself, so that no
    // text can be left out of the count.
    let text_pt = printed_w.map(|pw| smallest_font(&out) * pw / vw);
    (out, text_pt)
}

/// The smallest `font-size` in an SVG document (0 if there is none).
pub(crate) fn smallest_font(svg: &str) -> f64 {
    svg.split("font-size=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next()?.parse::<f64>().ok())
        .fold(None, |m: Option<f64>, x| Some(m.map_or(x, |m| m.min(x))))
        .unwrap_or(0.0)
}

/// A group's box with its label at the top left.
fn group(g: &view::VGroup, page: &Page, r: Rect, ty: &Type) -> String {
    let a = page.map(Point::new(r.x, r.y));
    let b = page.map(Point::new(r.x + r.w, r.y + r.h));
    let (x0, y0) = (a.x.min(b.x), a.y.min(b.y));
    let (w, h) = ((a.x - b.x).abs(), (a.y - b.y).abs());
    let mut out = format!(
        "<g class=\"cluster\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" fill=\"{}\" stroke=\"#B3B3B3\"/>",
        num(x0),
        num(y0),
        num(w),
        num(h),
        super::dot::cluster_fill(g.depth).hex(),
    );
    // A label wrapped on a page: a line below the other.
    for (i, line) in g.label.split('\n').enumerate() {
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"#333333\">{}</text>",
            num(x0 + layout::LABEL_INSET),
            num(y0 + 6.0 + ty.group.0 * 0.9 + ty.group.1 * i as f64),
            ty.group.0,
            text::xml(line)
        ));
    }
    out.push_str("</g>\n");
    out
}

fn defs() -> String {
    let s = view::SUPPORT.hex();
    let a = view::ATTACK.hex();
    let r = view::REMOVED.hex();
    let tri = |id: &str, c: &str| {
        format!(
            "<marker id=\"{id}\" markerUnits=\"userSpaceOnUse\" markerWidth=\"10\" markerHeight=\"10\" refX=\"0\" refY=\"5\" orient=\"auto\" overflow=\"visible\"><path d=\"M0,1 L{HEAD},5 L0,9 Z\" fill=\"{c}\"/></marker>\n"
        )
    };
    let mut out = String::from("<defs>\n");
    out.push_str(&tri("argmap-support", &s));
    out.push_str(&tri("argmap-removed", &r));
    out.push_str(&format!(
        "<marker id=\"argmap-attack\" markerUnits=\"userSpaceOnUse\" markerWidth=\"10\" markerHeight=\"12\" refX=\"0\" refY=\"6\" orient=\"auto\" overflow=\"visible\"><path d=\"M0,6 H{h}\" stroke=\"{a}\" stroke-width=\"2\"/><rect x=\"{x}\" y=\"0\" width=\"3\" height=\"12\" fill=\"{a}\"/></marker>\n",
        h = HEAD - 3.0,
        x = HEAD - 3.0
    ));
    out.push_str("</defs>\n");
    out
}

/// An edge's path as its line is drawn: with an arrowhead, stopping short of
/// the node so that the head ends at its border.
fn drawn_path(e: &VEdge, segs: &[[Point; 4]]) -> Vec<[Point; 4]> {
    let mut segs = segs.to_vec();
    let Some(last) = segs.len().checked_sub(1) else {
        return segs;
    };
    let [_, _, c2, end] = segs[last];
    let (dx, dy) = (end.x - c2.x, end.y - c2.y);
    let len = (dx * dx + dy * dy).sqrt();
    if e.head && len > HEAD {
        let (ux, uy) = (dx / len * HEAD, dy / len * HEAD);
        segs[last][3] = Point::new(end.x - ux, end.y - uy);
        segs[last][2] = Point::new(c2.x - ux, c2.y - uy);
    }
    segs
}

fn edge(e: &VEdge, segs: &[[Point; 4]]) -> String {
    if segs.is_empty() {
        return String::new();
    }
    let segs = drawn_path(e, segs);
    let mut d = format!("M{},{}", num(segs[0][0].x), num(segs[0][0].y));
    for s in &segs {
        d.push_str(&format!(
            " C{},{} {},{} {},{}",
            num(s[1].x),
            num(s[1].y),
            num(s[2].x),
            num(s[2].y),
            num(s[3].x),
            num(s[3].y)
        ));
    }
    let (marker, dash) = match (e.stroke, e.kind) {
        (Stroke::Dotted, _) => ("argmap-removed", " stroke-dasharray=\"2,3\""),
        (_, EdgeKind::Attack | EdgeKind::Undercut) => {
            ("argmap-attack", " stroke-dasharray=\"7,4\"")
        }
        (_, EdgeKind::Support) => ("argmap-support", ""),
    };
    // A premise's line into a junction has no head.
    let marker = if e.head {
        format!(" marker-end=\"url(#{marker})\"")
    } else {
        String::new()
    };
    format!(
        "<g class=\"edge\"{}><title>{}</title><path d=\"{d}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{:.2}\"{dash}{marker}/></g>\n",
        e.data,
        text::xml(&e.tooltip),
        e.color.hex(),
        e.width
    )
}

/// Font size of a junction's scheme name.
const JUNCTION_FONT: f64 = 9.0;

/// A junction: a dot, or a rounded box around the scheme's name.
fn junction_size(j: &VJunction) -> (f64, f64) {
    match &j.label {
        None => (10.0, 10.0),
        Some(l) => (
            (text_width(l, JUNCTION_FONT, false) + 12.0).ceil(),
            JUNCTION_FONT + 8.0,
        ),
    }
}

fn junction(j: &VJunction, c: Point) -> String {
    let (w, h) = junction_size(j);
    let shape = match &j.label {
        None => format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{col}\" stroke=\"{col}\"/>",
            num(c.x),
            num(c.y),
            num(w / 2.0 - 1.0),
            col = j.color.hex()
        ),
        Some(l) => format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"white\" stroke=\"{}\" stroke-width=\"1.5\"/><text x=\"{}\" y=\"{}\" font-size=\"{JUNCTION_FONT}\" font-style=\"italic\" fill=\"#333333\" text-anchor=\"middle\">{}</text>",
            num(c.x - w / 2.0),
            num(c.y - h / 2.0),
            num(w),
            num(h),
            num(h / 2.0),
            j.color.hex(),
            num(c.x),
            num(c.y + JUNCTION_FONT * 0.36),
            text::xml(l)
        ),
    };
    format!(
        "<g class=\"junction\"{}><title>{}</title>{shape}</g>\n",
        j.data,
        text::xml(&j.tooltip)
    )
}

fn node(n: &VNode, v: &View, c: Point, size: Point, tp: &Type) -> String {
    let (w, h) = (size.x, size.y);
    let (x, y) = (c.x - w / 2.0, c.y - h / 2.0);
    let dash = if n.dashed {
        " stroke-dasharray=\"5,3\""
    } else {
        ""
    };
    let paint = format!(
        "fill=\"{}\" stroke=\"{}\" stroke-width=\"{:.1}\"{dash}",
        n.fill.hex(),
        n.border.hex(),
        n.border_width
    );
    let mut out = format!(
        "<g class=\"node\" data-id=\"{}\"{}><title>{}</title>",
        text::xml(&n.id),
        if n.stub { " data-stub=\"true\"" } else { "" },
        text::xml(&n.tooltip)
    );
    match n.shape {
        Shape::Claim => out.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" {paint}/>",
            num(x),
            num(y),
            num(w),
            num(h)
        )),
        // The box first (the stable structure), then the outer ring of the double border.
        Shape::Conclusion => out.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" {paint}/><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"9\" fill=\"none\" stroke=\"{}\" stroke-width=\"1.2\"{dash}/>",
            num(x),
            num(y),
            num(w),
            num(h),
            num(x - 4.0),
            num(y - 4.0),
            num(w + 8.0),
            num(h + 8.0),
            n.border.hex(),
        )),
        Shape::Evidence => {
            let f = 8.0;
            out.push_str(&format!(
                "<path d=\"M{x0},{y0} H{x1} L{x2},{y1} V{y2} H{x0} Z\" {paint}/><path d=\"M{x1},{y0} V{y1} H{x2}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{:.1}\"/>",
                n.border.hex(),
                n.border_width.min(1.5),
                x0 = num(x),
                y0 = num(y),
                x1 = num(x + w - f),
                x2 = num(x + w),
                y1 = num(y + f),
                y2 = num(y + h),
            ));
        }
    }
    let lines = svg_lines(n, v);
    let total: f64 = lines.iter().map(|(k, _)| metrics(tp, *k).1).sum();
    let mut ty = c.y - total / 2.0;
    for (kind, t) in &lines {
        let (size, step) = metrics(tp, *kind);
        let colour = match kind {
            LineKind::Id | LineKind::Cite => n.faint,
            _ => n.ink,
        };
        let mut style = String::new();
        if is_bold(n, *kind) {
            style.push_str(" font-weight=\"bold\"");
        }
        if *kind == LineKind::Cite {
            style.push_str(" font-style=\"italic\"");
        }
        // The citation links to its `url` (a new tab, in a browser).
        let link = n.url.as_deref().filter(|_| *kind == LineKind::Cite);
        if link.is_some() {
            style.push_str(" text-decoration=\"underline\"");
        }
        let line = format!(
            "<text x=\"{}\" y=\"{}\" font-size=\"{size}\"{style} fill=\"{}\" text-anchor=\"middle\">{}</text>",
            num(c.x),
            num(ty + step / 2.0 + size * 0.36),
            colour.hex(),
            text::xml(t)
        );
        match link {
            Some(url) => out.push_str(&format!(
                "<a href=\"{u}\" xlink:href=\"{u}\" target=\"_blank\">{line}</a>",
                u = text::xml(url)
            )),
            None => out.push_str(&line),
        }
        ty += step;
    }
    out.push_str("</g>\n");
    out
}

/// One legend row: a sample and its explanation.
enum Sample {
    Heading,
    Edge(EdgeKind),
    Weight,
    Node(Shape, Rgb, f64),
    Removed,
    Ramp,
    Text(String),
    /// Two premises' lines joining at a dot, then one arrow.
    Linked,
    /// A dashed line with a bar ending on a dot.
    Undercut,
    /// A junction box with a scheme's name.
    Scheme,
    /// A dashed grey box: a node drawn elsewhere.
    Stub,
}

fn legend_rows(l: &view::Legend, v: &View) -> LegendRows {
    // On a page the legend needs no heading: its samples say what it is.
    let mut rows = if l.compact {
        Vec::new()
    } else {
        vec![(Sample::Heading, "Legend".to_string())]
    };
    rows.extend([
        (Sample::Edge(EdgeKind::Support), "supports".to_string()),
        (Sample::Edge(EdgeKind::Attack), "attacks".to_string()),
        (
            Sample::Weight,
            "edge weight (unlabelled: 1); thicker = stronger".to_string(),
        ),
        (
            Sample::Node(Shape::Conclusion, text::WHITE, 2.0),
            "conclusion (double border)".to_string(),
        ),
        (
            Sample::Node(Shape::Claim, text::WHITE, 1.0),
            "claim".to_string(),
        ),
    ]);
    if l.linked {
        rows.push((
            Sample::Linked,
            "linked premises: they count only together".to_string(),
        ));
    }
    if l.undercut {
        rows.push((
            Sample::Undercut,
            "undercut: attacks the inference it ends on (CQn: its question)".to_string(),
        ));
    }
    if l.scheme {
        rows.push((
            Sample::Scheme,
            "the inference's argumentation scheme".to_string(),
        ));
    }
    if v.nodes.iter().any(|n| n.shape == Shape::Evidence) {
        let fill = if l.ramp.is_some() {
            text::WHITE
        } else {
            view::PAPER
        };
        rows.push((
            Sample::Node(Shape::Evidence, fill, 1.0),
            "evidence, with its source".to_string(),
        ));
    }
    if let Some((sample, explanation)) = &l.folded {
        rows.push((Sample::Text(sample.clone()), explanation.clone()));
    }
    if l.stubs {
        rows.push((
            Sample::Stub,
            "stub: a node drawn elsewhere (where: on its line); the edge continues there"
                .to_string(),
        ));
    }
    if l.whatif {
        rows.push((
            Sample::Removed,
            "removed (grey, dashed; edges dotted)".to_string(),
        ));
        rows.push((
            Sample::Node(Shape::Claim, text::WHITE, 3.5),
            format!("moved most (top {})", view::MOVED_MOST),
        ));
    }
    if let Some(caption) = &l.ramp {
        rows.push((Sample::Text(String::new()), format!("fill: {caption}")));
        rows.push((Sample::Ramp, String::new()));
    }
    LegendRows {
        rows,
        compact: l.compact,
    }
}

/// A legend's rows (a sample and its explanation) and how it is set.
pub(super) struct LegendRows {
    rows: Vec<(Sample, String)>,
    /// On a page: rows [`LEGEND_ROW_PAGE`] apart, explanations at 10 units,
    /// no heading, up to three columns.
    compact: bool,
}

impl LegendRows {
    /// The height of a row.
    fn row(&self) -> f64 {
        if self.compact {
            LEGEND_ROW_PAGE
        } else {
            LEGEND_ROW
        }
    }

    /// The size of the explanations' text.
    pub(super) fn font(&self) -> f64 {
        if self.compact { 10.0 } else { 11.0 }
    }

    /// The column counts a packed page may give the legend.
    pub(super) fn column_counts(&self) -> std::ops::RangeInclusive<usize> {
        1..=if self.compact { 3 } else { 2 }
    }
}

const LEGEND_ROW: f64 = 20.0;
/// A legend's row on a page: the conclusion's sample (20 units with its outer
/// border) keeps a unit clear of the 14-unit samples above and below it.
pub(super) const LEGEND_ROW_PAGE: f64 = 18.0;
const LEGEND_SAMPLE: f64 = 52.0;

/// Whether a legend row spans the legend's columns (the heading, the ramp
/// and its caption) rather than taking a place in one of them.
fn spans(sample: &Sample) -> bool {
    match sample {
        Sample::Heading | Sample::Ramp => true,
        Sample::Text(x) => x.is_empty(),
        _ => false,
    }
}

/// Space between two columns of a legend.
pub(super) const LEGEND_COLUMN_GAP: f64 = 16.0;

/// Where a legend of `rows` in `cols` columns puts each row: its column and
/// line; the left of each column from the first's, and the width of each
/// column's explanations. In several columns, the rows between the heading
/// and the ramp are dealt out in order, as many to a column as make the
/// columns even (the first ones fuller); the heading, the ramp and its
/// caption span the columns.
struct LegendGrid {
    slots: Vec<(usize, usize)>,
    column_x: Vec<f64>,
    text_w: Vec<f64>,
    lines: usize,
}

fn legend_grid(rows: &LegendRows, cols: usize) -> LegendGrid {
    let font = rows.font();
    let rows = &rows.rows;
    let sample_w = legend_sample_width(rows);
    if cols < 2 {
        return LegendGrid {
            slots: (0..rows.len()).map(|r| (0, r)).collect(),
            column_x: vec![0.0],
            text_w: vec![0.0],
            lines: rows.len(),
        };
    }
    let grid = rows.iter().filter(|(x, _)| !spans(x)).count();
    let per = grid.div_ceil(cols).max(1);
    let cols = grid.div_ceil(per).max(1);
    // The rows above the grid (the heading), then the grid, then the rows
    // below it (the ramp's caption and the ramp).
    let pre = rows.iter().take_while(|(x, _)| spans(x)).count();
    let mut slots = Vec::with_capacity(rows.len());
    let mut text_w = vec![0.0f64; cols];
    let (mut k, mut after) = (0, 0);
    for (r, (sample, label)) in rows.iter().enumerate() {
        if spans(sample) {
            if k == 0 {
                slots.push((0, r));
            } else {
                slots.push((0, pre + per + after));
                after += 1;
            }
            continue;
        }
        let col = k / per;
        text_w[col] = text_w[col].max(text_width(label, font, false).ceil() + 4.0);
        slots.push((col, pre + k - col * per));
        k += 1;
    }
    let lines = slots.iter().map(|s| s.1 + 1).max().unwrap_or(0);
    let mut column_x = vec![0.0];
    for w in &text_w[..cols - 1] {
        let last = column_x[column_x.len() - 1];
        column_x.push(last + sample_w + 8.0 + w + LEGEND_COLUMN_GAP);
    }
    LegendGrid {
        slots,
        column_x,
        text_w,
        lines,
    }
}

/// The size of a legend of `rows` in `cols` columns.
fn legend_size(rows: &LegendRows, cols: usize) -> (f64, f64) {
    let (font, row) = (rows.font(), rows.row());
    if cols < 2 {
        let w = rows
            .rows
            .iter()
            .map(|(s, t)| {
                let sample = match s {
                    Sample::Text(x) => text_width(x, 10.0, false).max(LEGEND_SAMPLE),
                    _ => LEGEND_SAMPLE,
                };
                sample + 8.0 + text_width(t, font, false)
            })
            .fold(5.0 * 36.0, f64::max);
        return (
            (w + 20.0).ceil(),
            (rows.rows.len() as f64 * row + 12.0).ceil(),
        );
    }
    let g = legend_grid(rows, cols);
    let sample_w = legend_sample_width(&rows.rows);
    let last = g.column_x.len() - 1;
    let columns = g.column_x[last] + sample_w + 8.0 + g.text_w[last];
    let across = rows
        .rows
        .iter()
        .filter(|(x, _)| spans(x))
        .map(|(_, t)| text_width(t, font, false))
        .fold(5.0 * 36.0, f64::max);
    (
        (columns.max(across) + 20.0).ceil(),
        (g.lines as f64 * row + 12.0).ceil(),
    )
}

/// The legend's sample column width, the width of the explanations of each
/// of its `cols` columns, its whole width, and its rows' height and
/// explanations' size, as [`draw_legend`] draws them: the Graphviz legend
/// takes its columns from here.
pub(super) fn legend_columns(
    l: &view::Legend,
    v: &View,
    cols: usize,
) -> (f64, Vec<f64>, f64, f64, f64) {
    let rows = legend_rows(l, v);
    let sample_w = legend_sample_width(&rows.rows);
    let width = legend_size(&rows, cols).0;
    // Each column's explanations as wide as makes the table as wide as the
    // legend (less its paddings and border): the last column takes what
    // the widest spanning row (the ramp's caption) leaves over.
    let text_w = if cols < 2 {
        vec![(width - 10.0 - sample_w - 8.0 - 10.0 - 2.0).floor()]
    } else {
        let mut tw = legend_grid(&rows, cols).text_w;
        let n = tw.len() as f64;
        let used: f64 = tw[..tw.len() - 1].iter().sum();
        let rest =
            width - 10.0 - 10.0 - 2.0 - n * (sample_w + 8.0) - (n - 1.0) * LEGEND_COLUMN_GAP - used;
        let last = tw.len() - 1;
        tw[last] = rest.floor().max(tw[last]);
        tw
    };
    (sample_w, text_w, width, rows.row(), rows.font())
}

/// The widest sample: [`LEGEND_SAMPLE`], or a text sample's width.
fn legend_sample_width(rows: &[(Sample, String)]) -> f64 {
    rows.iter()
        .map(|(s, _)| match s {
            Sample::Text(x) => text_width(x, 10.0, false).max(LEGEND_SAMPLE),
            _ => LEGEND_SAMPLE,
        })
        .fold(LEGEND_SAMPLE, f64::max)
}

/// The legend of `rows` in `cols` columns, its top left corner at `at`,
/// `width` wide.
fn draw_legend(legend: &LegendRows, at: Point, width: f64, cols: usize) -> String {
    let grid = legend_grid(legend, cols);
    let (row, font) = (legend.row(), legend.font());
    let rows = &legend.rows;
    let h = grid.lines as f64 * row + 12.0;
    let mut out = format!(
        "<g class=\"legend\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"white\" stroke=\"#B3B3B3\"/>",
        num(at.x),
        num(at.y),
        num(width),
        num(h)
    );
    let sample_w = legend_sample_width(rows);
    for ((sample, label), &(col, line)) in rows.iter().zip(&grid.slots) {
        let x0 = at.x + 10.0 + grid.column_x[col];
        let tx = x0 + sample_w + 8.0;
        let cy = at.y + 6.0 + row * (line as f64 + 0.5);
        let text_at = |s: &str, x: f64, anchor: &str, extra: &str| {
            let size = if extra.contains("font-size") {
                String::new()
            } else {
                format!(" font-size=\"{font}\"")
            };
            format!(
                "<text x=\"{}\" y=\"{}\"{size} text-anchor=\"{anchor}\"{extra}>{}</text>",
                num(x),
                num(cy + 4.0),
                text::xml(s)
            )
        };
        match sample {
            Sample::Heading => {
                out.push_str(&text_at(label, x0, "start", " font-weight=\"bold\""));
                continue;
            }
            Sample::Edge(kind) => {
                let (c, dash, marker) = match kind {
                    EdgeKind::Support => (view::SUPPORT, "", "argmap-support"),
                    EdgeKind::Attack | EdgeKind::Undercut => {
                        (view::ATTACK, " stroke-dasharray=\"7,4\"", "argmap-attack")
                    }
                };
                out.push_str(&format!(
                    "<path d=\"M{},{} H{}\" stroke=\"{}\" stroke-width=\"2.5\"{dash} marker-end=\"url(#{marker})\"/>",
                    num(x0),
                    num(cy),
                    num(x0 + LEGEND_SAMPLE - HEAD),
                    c.hex()
                ));
            }
            Sample::Weight => out.push_str(&text_at("0.4", x0 + LEGEND_SAMPLE / 2.0, "middle", "")),
            Sample::Linked => {
                let (jx, c) = (x0 + LEGEND_SAMPLE * 0.45, view::SUPPORT.hex());
                out.push_str(&format!(
                    "<path d=\"M{},{} L{},{} M{},{} L{},{}\" stroke=\"{c}\" stroke-width=\"2\" fill=\"none\"/><circle cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"{c}\"/><path d=\"M{},{} H{}\" stroke=\"{c}\" stroke-width=\"2\" marker-end=\"url(#argmap-support)\"/>",
                    num(x0),
                    num(cy - 6.0),
                    num(jx),
                    num(cy),
                    num(x0),
                    num(cy + 6.0),
                    num(jx),
                    num(cy),
                    num(jx),
                    num(cy),
                    num(jx),
                    num(cy),
                    num(x0 + LEGEND_SAMPLE - HEAD),
                ));
            }
            Sample::Undercut => {
                let (jx, a) = (x0 + LEGEND_SAMPLE - 5.0, view::ATTACK.hex());
                out.push_str(&format!(
                    "<path d=\"M{},{} H{}\" stroke=\"{a}\" stroke-width=\"2\" stroke-dasharray=\"7,4\" marker-end=\"url(#argmap-attack)\"/><circle cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"{a}\"/>",
                    num(x0),
                    num(cy),
                    num(jx - 4.0 - HEAD),
                    num(jx),
                    num(cy),
                ));
            }
            Sample::Scheme => out.push_str(&format!(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"14\" rx=\"7\" fill=\"white\" stroke=\"{}\" stroke-width=\"1.5\"/><text x=\"{}\" y=\"{}\" font-size=\"9\" font-style=\"italic\" fill=\"#333333\" text-anchor=\"middle\">sign</text>",
                num(x0 + 8.0),
                num(cy - 7.0),
                num(LEGEND_SAMPLE - 16.0),
                view::SUPPORT.hex(),
                num(x0 + LEGEND_SAMPLE / 2.0),
                num(cy + 3.2),
            )),
            Sample::Node(shape, fill, pen) => {
                let (x, y, w, hh) = (x0 + 8.0, cy - 7.0, LEGEND_SAMPLE - 16.0, 14.0);
                if *shape == Shape::Evidence {
                    // The nodes' own shape: a page with a folded corner.
                    let f = 5.0;
                    out.push_str(&format!(
                        "<path d=\"M{x0},{y0} H{x1} L{x2},{y1} V{y2} H{x0} Z\" fill=\"{}\" stroke=\"#6E6E6E\" stroke-width=\"{pen}\"/><path d=\"M{x1},{y0} V{y1} H{x2}\" fill=\"none\" stroke=\"#6E6E6E\"/>",
                        fill.hex(),
                        x0 = num(x),
                        y0 = num(y),
                        x1 = num(x + w - f),
                        x2 = num(x + w),
                        y1 = num(y + f),
                        y2 = num(y + hh),
                    ));
                    out.push_str(&text_at(label, tx, "start", ""));
                    continue;
                }
                let r = 4;
                if *shape == Shape::Conclusion {
                    out.push_str(&format!(
                        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" fill=\"none\" stroke=\"black\" stroke-width=\"1\"/>",
                        num(x - 3.0),
                        num(y - 3.0),
                        num(w + 6.0),
                        num(hh + 6.0)
                    ));
                }
                out.push_str(&format!(
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{r}\" fill=\"{}\" stroke=\"black\" stroke-width=\"{pen}\"/>",
                    num(x),
                    num(y),
                    num(w),
                    num(hh),
                    fill.hex()
                ));
            }
            Sample::Stub => out.push_str(&format!(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"14\" rx=\"6\" fill=\"white\" stroke=\"#595959\" stroke-dasharray=\"5,3\"/>",
                num(x0 + 8.0),
                num(cy - 7.0),
                num(LEGEND_SAMPLE - 16.0),
            )),
            Sample::Removed => out.push_str(&format!(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"14\" rx=\"4\" fill=\"#F2F2F2\" stroke=\"{}\" stroke-dasharray=\"5,3\"/>",
                num(x0 + 8.0),
                num(cy - 7.0),
                num(LEGEND_SAMPLE - 16.0),
                view::REMOVED.hex()
            )),
            Sample::Ramp => {
                for k in 0..=4 {
                    let x = f64::from(k) / 4.0;
                    let c = text::ramp(x);
                    let left = x0 + f64::from(k) * 36.0;
                    out.push_str(&format!(
                        "<rect x=\"{}\" y=\"{}\" width=\"36\" height=\"16\" fill=\"{}\"/><text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\" fill=\"{}\">{}</text>",
                        num(left),
                        num(cy - 8.0),
                        c.hex(),
                        num(left + 18.0),
                        num(cy + 3.5),
                        c.text_on().hex(),
                        text::tick(x)
                    ));
                }
                continue;
            }
            Sample::Text(s) => {
                if !s.is_empty() {
                    out.push_str(&text_at(s, x0, "start", " font-size=\"10\""));
                } else {
                    out.push_str(&text_at(label, x0, "start", ""));
                    continue;
                }
            }
        }
        out.push_str(&text_at(label, tx, "start", ""));
    }
    out.push_str("</g>\n");
    out
}
