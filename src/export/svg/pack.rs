//! A view fitted to a page, drawn as blocks: each top-level group laid out on
//! its own (with its subgroups), the nodes in no group (the conclusion's
//! block) in another, and the blocks and the legend packed on shelves to the
//! page's shape, the conclusion's block on top (at the bottom for `TB`).
//!
//! One layered layout of the whole map lets a few long edges between groups
//! spread every group over the width of the drawing, leaving the groups'
//! boxes large and mostly empty. Blocks keep each group compact; the edges
//! between two groups were cut into stubs before (see
//! [`split::stub_cross_edges`](crate::export::split::stub_cross_edges)), and
//! the edges into the conclusion's block are drawn across the gap above the
//! first shelf, where the packing puts the blocks that have one. An edge
//! between two groups left whole is drawn across too: the packing puts the
//! block of its target above that of its source, side by side in part.

use super::{
    Laid, MARGIN, Type, crosses_box, label_size, legend_rows, legend_size, straight_pieces,
    text_width,
};
use crate::export::RankDir;
use crate::export::layout::{self, Bounds, Cluster, Edge, Input, LabelSide, Point, Rect};
use crate::export::view::{VEdge, View};

/// Space between two blocks on a shelf, and between two shelves: room for
/// an edge up the gap, a few units from each block (14 before: the README
/// map printed at 6.63 pt, now 6.78).
const BLOCK_GAP: f64 = 10.0;
/// Space between the conclusion's block and the first shelf: the edges into
/// the conclusion cross it, with their weights' cards (12 units high) and
/// the lanes where they turn (36 before).
const ROOT_GAP: f64 = 28.0;
/// Shelf widths tried.
const STEPS: usize = 40;

/// One way to lay a block out, turned to the picture (conclusion up for `BT`),
/// its top left corner at the origin.
struct Variant {
    w: f64,
    h: f64,
    /// Centre of each member, in the order of [`Block::members`].
    centres: Vec<Point>,
    /// The block's own edges: index in the view, and path.
    paths: Vec<(usize, Vec<[Point; 4]>)>,
    /// The box of each group in the block: index in the view, and box.
    groups: Vec<(usize, Rect)>,
}

/// The nodes and junctions of one top-level group (or of no group).
struct Block {
    /// The top-level group (`None`: the nodes in no group).
    key: Option<usize>,
    /// Node and junction indices (as the view's edges number them).
    members: Vec<usize>,
    /// Laid out at a few widths, the natural one first.
    variants: Vec<Variant>,
    /// Whether an edge joins it to the conclusion's block.
    to_root: bool,
}

/// Lays `v` out as packed blocks: `boxes` are the sizes of its nodes then
/// junctions, `block` the block of each (see [`split::blocks`]), `aspect`
/// the page's width over height. With `free`, the legend may also be drawn
/// in two columns and the conclusion's block placed left of centre to leave
/// the legend room beside it; else the legend has one column and the
/// conclusion's block is centred.
pub(super) fn pack(
    v: &View,
    boxes: &[(f64, f64)],
    block: &[Option<usize>],
    aspect: f64,
    ty: &Type,
    free: bool,
) -> Laid {
    let total = boxes.len();
    let up = v.rankdir == RankDir::BottomToTop;
    // The blocks: the conclusion's (no group) first, then the top-level
    // groups in file order.
    let mut keys: Vec<Option<usize>> = vec![None];
    keys.extend(
        (0..v.groups.len())
            .filter(|&g| v.groups[g].parent.is_none())
            .map(Some),
    );
    let members: Vec<Vec<usize>> = keys
        .iter()
        .map(|k| (0..total).filter(|&i| block[i] == *k).collect())
        .collect();
    let mut blocks: Vec<Block> = Vec::new();
    let mut root: Option<Block> = None;
    for (key, m) in keys.iter().zip(members) {
        if m.is_empty() {
            continue;
        }
        let variants = variants(v, boxes, &m, *key, ty);
        let to_root = v.edges.iter().any(|e| {
            let (a, b) = (block[e.from], block[e.to]);
            a != b && (a.is_none() || b.is_none()) && (a == *key || b == *key)
        });
        let b = Block {
            key: *key,
            members: m,
            variants,
            to_root,
        };
        if key.is_none() {
            root = Some(b);
        } else {
            blocks.push(b);
        }
    }
    // The legend is packed as one more block, in one column, or (`free`)
    // in as many as its rows take (two, or three on a page).
    let legend = v.legend.as_ref().map(|l| {
        let rows = legend_rows(l, v);
        rows.column_counts()
            .filter(|&c| c == 1 || free)
            .map(|c| legend_size(&rows, c))
            .collect::<Vec<_>>()
    });
    let title_h: f64 = v
        .title
        .iter()
        .enumerate()
        .map(|(i, _)| if i == 0 { 26.0 } else { 17.0 })
        .sum::<f64>();
    let title_h = if title_h > 0.0 { title_h + 12.0 } else { 0.0 };
    let title_w = v
        .title
        .iter()
        .enumerate()
        .map(|(i, t)| text_width(t, if i == 0 { 18.0 } else { 12.0 }, i == 0))
        .fold(0.0, f64::max);

    // Items to pack: (sizes of its variants, goes first).
    let mut items: Vec<(Vec<(f64, f64)>, bool)> = blocks
        .iter()
        .map(|b| (b.variants.iter().map(|x| (x.w, x.h)).collect(), b.to_root))
        .collect();
    if let Some(sizes) = &legend {
        items.push((sizes.clone(), false));
    }
    let root_size = root
        .as_ref()
        .map_or((0.0, 0.0), |b| (b.variants[0].w, b.variants[0].h));
    let legend_item = legend.map(|_| items.len() - 1);
    // The edges between two nodes of two groups' blocks (not cut into
    // stubs): (item of the source's block, item of the target's).
    let item_of = |g: Option<usize>| blocks.iter().position(|b| b.key == g && g.is_some());
    let mut joined: Vec<(usize, usize)> = v
        .edges
        .iter()
        .filter(|e| e.from < v.nodes.len() && e.to < v.nodes.len())
        .filter_map(|e| Some((item_of(block[e.from])?, item_of(block[e.to])?)))
        .filter(|(a, b)| a != b)
        .collect();
    joined.sort_unstable();
    joined.dedup();
    let (narrowest, widest) = strip_widths(&items, root_size.0, BLOCK_GAP);
    let mut best: Option<(f64, Shelves)> = None;
    // Each order of the blocks, at each width, with each combination of the
    // variants of the largest blocks (the others chosen as they are placed).
    let combos = combinations(&items);
    // The conclusion's block centred, or (with a legend) as far left as
    // leaves the legend room beside it.
    let sides: &[bool] = if free && legend_item.is_some() {
        &[false, true]
    } else {
        &[false]
    };
    let tries = [Order::RootFirst, Order::RootFirstTall, Order::Largest]
        .into_iter()
        .flat_map(|o| (0..=STEPS).map(move |k| (o, k)))
        .flat_map(|(o, k)| combos.iter().map(move |c| (o, k, c)))
        .flat_map(|(o, k, c)| sides.iter().map(move |&l| (o, k, c, l)));
    for (order, k, only, left) in tries {
        // Widths closer together at the narrow end; plain arithmetic (no
        // `powf`), so that every platform picks the same.
        let t = k as f64 / STEPS as f64;
        let width = narrowest + (widest - narrowest) * t * t;
        let s = shelves(&items, legend_item, width, root_size, order, only, left);
        let printed = f64::max(
            (s.w + 2.0 * MARGIN).max(title_w + 2.0 * MARGIN),
            (s.h + title_h + 2.0 * MARGIN) * aspect,
        );
        // An edge into the conclusion from a block below the first row
        // goes around the blocks above it: each such block costs a tenth.
        let band = if root_size.1 > 0.0 {
            root_size.1 + ROOT_GAP
        } else {
            0.0
        };
        let below = s
            .placed
            .iter()
            .filter(|&&(i, _, at)| items[i].1 && at.y > band + 1e-9)
            .count();
        let printed = printed * (1.0 + 0.03 * below as f64);
        // An edge drawn across between two groups' blocks goes straight up
        // (down for `TB`) from its source's block to its target's: the
        // target's block above the source's, the two side by side in part.
        let rect = |i: usize| {
            s.placed
                .iter()
                .find(|p| p.0 == i)
                .map(|&(_, k, at)| (at, items[i].0[k]))
        };
        let apart = joined.iter().any(|&(a, b)| match (rect(a), rect(b)) {
            (Some((pa, (wa, _))), Some((pb, (wb, hb)))) => {
                pb.y + hb > pa.y + 1e-9 || pa.x + wa < pb.x + 1.0 || pb.x + wb < pa.x + 1.0
            }
            _ => true,
        });
        let printed = if apart { printed * 2.0 } else { printed };
        // Of equal pages, the lower drawing (less empty space at the bottom).
        let better = |(p, b): &(f64, Shelves)| {
            printed < *p - 1e-9 || (printed <= *p + 1e-9 && s.h < b.h - 1e-9)
        };
        if best.as_ref().is_none_or(better) {
            best = Some((printed, s));
        }
    }
    let Some((_, s)) = best else {
        unreachable!("at least one width is tried")
    };

    // Everything where the packing put it; `TB` has it upside down, the
    // conclusion's block at the bottom.
    let flip = |at: Point, h: f64| {
        if up {
            at
        } else {
            Point::new(at.x, s.h - at.y - h)
        }
    };
    let mut centres = vec![Point::zero(); total];
    let mut paths: Vec<Vec<[Point; 4]>> = vec![Vec::new(); v.edges.len()];
    let mut groups = vec![Rect::default(); v.groups.len()];
    // The box of each block placed.
    let mut rects: Vec<(Option<usize>, Rect)> = Vec::new();
    let mut place = |b: &Block, var: &Variant, at: Point| {
        rects.push((
            b.key,
            Rect {
                x: at.x,
                y: at.y,
                w: var.w,
                h: var.h,
            },
        ));
        let shift = |p: Point| Point::new(p.x + at.x, p.y + at.y);
        for (&m, &c) in b.members.iter().zip(&var.centres) {
            centres[m] = shift(c);
        }
        for (k, segs) in &var.paths {
            paths[*k] = segs
                .iter()
                .map(|s| [shift(s[0]), shift(s[1]), shift(s[2]), shift(s[3])])
                .collect();
        }
        for &(g, r) in &var.groups {
            groups[g] = Rect {
                x: r.x + at.x,
                y: r.y + at.y,
                ..r
            };
        }
    };
    if let Some(b) = &root {
        place(b, &b.variants[0], flip(s.root_at, root_size.1));
    }
    let mut legend_at = None;
    let mut legend_cols = 1;
    for &(item, var, at) in &s.placed {
        let at = flip(at, items[item].0[var].1);
        match blocks.get(item) {
            Some(b) => place(b, &b.variants[var], at),
            None => {
                legend_at = Some(at);
                legend_cols = var + 1;
            }
        }
    }
    // The legend's box: edges go around it as around the blocks.
    let legend_rect = s.placed.iter().find_map(|&(item, var, at)| {
        if blocks.get(item).is_some() {
            return None;
        }
        let (w, h) = items[item].0[var];
        let at = flip(at, h);
        Some(Rect {
            x: at.x,
            y: at.y,
            w,
            h,
        })
    });

    // Edges between blocks (into or out of the conclusion's block, or ending
    // on a junction there).
    let sizes: Vec<Point> = boxes.iter().map(|&(w, h)| Point::new(w, h)).collect();
    let across: Vec<usize> = (0..v.edges.len())
        .filter(|&k| block[v.edges[k].from] != block[v.edges[k].to])
        .collect();
    let labels = label_rects(v, groups.iter().copied().enumerate(), ty);
    for (k, segs) in route(
        v,
        &across,
        block,
        &centres,
        &sizes,
        &rects,
        legend_rect,
        &labels,
        BLOCK_GAP,
        ROOT_GAP,
    ) {
        paths[k] = segs;
    }
    Laid {
        centres,
        sizes,
        paths,
        labels: vec![None; v.edges.len()],
        groups,
        oriented: true,
        legend_at,
        legend_cols,
    }
}

/// The paths of the edges `across` between the parts of a packed drawing
/// (`part` gives each node's, `None` the conclusion's block or the group's own
/// nodes, on top), whose nodes are at `centres` and of `sizes`, the parts'
/// boxes `rects`: a curve between the two nodes, the ends into one node
/// spread along its side in the order of where they come from; where another
/// part (or the legend's box) lies between them, around it along the gaps.
/// `gap` is the gap between two parts, `root_gap` the gap below the part
/// `None`.
#[allow(clippy::too_many_arguments)]
fn route(
    v: &View,
    across: &[usize],
    part: &[Option<usize>],
    centres: &[Point],
    sizes: &[Point],
    rects: &[(Option<usize>, Rect)],
    legend_rect: Option<Rect>,
    labels: &[Rect],
    gap: f64,
    root_gap: f64,
) -> Vec<(usize, Vec<[Point; 4]>)> {
    let block = part;
    let mut out = Vec::with_capacity(across.len());
    let mut lanes: Vec<Lane> = Vec::new();
    let mut end_dx = vec![0.0; v.edges.len()];
    for (t, size) in sizes.iter().enumerate() {
        let mut into: Vec<usize> = across
            .iter()
            .copied()
            .filter(|&k| v.edges[k].to == t)
            .collect();
        let m = into.len();
        if m < 2 {
            continue;
        }
        into.sort_by(|&a, &b| {
            centres[v.edges[a].from]
                .x
                .total_cmp(&centres[v.edges[b].from].x)
                .then(a.cmp(&b))
        });
        let step = ((size.x * 0.7) / (m - 1) as f64).min(22.0);
        for (i, &k) in into.iter().enumerate() {
            end_dx[k] = (i as f64 - (m - 1) as f64 / 2.0) * step;
        }
    }
    for &k in across {
        let e = &v.edges[k];
        let (a, b) = (centres[e.from], centres[e.to]);
        let (ha, hb) = (sizes[e.from].y / 2.0, sizes[e.to].y / 2.0);
        // Up (BT) or down (TB) from the source to the target.
        let dir = if a.y > b.y { -1.0 } else { 1.0 };
        let p0 = Point::new(a.x, a.y + dir * ha);
        let p3 = Point::new(b.x + end_dx[k], b.y - dir * hb);
        let (from_block, to_block) = (block[e.from], block[e.to]);
        let rect_of = |key: Option<usize>| rects.iter().find(|r| r.0 == key).map(|r| r.1);
        // Where the edge leaves its source's block and enters the target's:
        // halfway across the gap beside each.
        let y1 = rect_of(from_block).map_or(p0.y, |r| {
            if dir < 0.0 {
                r.y - gap / 2.0
            } else {
                r.y + r.h + gap / 2.0
            }
        });
        let into_gap = if to_block.is_none() { root_gap } else { gap };
        let y2 = rect_of(to_block).map_or(p3.y, |r| {
            if dir < 0.0 {
                r.y + r.h + into_gap / 2.0
            } else {
                r.y - into_gap / 2.0
            }
        });
        // Out of the source and into the target clear of the groups'
        // labels: where the line straight out of a node would run over one,
        // it leaves the node's top further along, or its side.
        let clear = |node: usize, at: Point, to_y: f64| {
            clear_of_labels(node, at, to_y, labels, centres, sizes)
        };
        let mut head = clear(e.from, p0, y1);
        let mut tail = clear(e.to, p3, y2);
        // Where that straight line would cross another node of the block,
        // the shortest way around the nodes and labels in the way instead.
        let around = |node: usize, at: Point, to: Point| {
            let boxes: Vec<Rect> = (0..centres.len())
                .filter(|&i| i != node && sizes[i].x > 0.0)
                .map(|i| Rect {
                    x: centres[i].x - sizes[i].x / 2.0,
                    y: centres[i].y - sizes[i].y / 2.0,
                    w: sizes[i].x,
                    h: sizes[i].y,
                })
                .collect();
            if !boxes.iter().any(|r| r.entered_by(at, to)) {
                return None;
            }
            let obstacles: Vec<Rect> = boxes.into_iter().chain(labels.iter().copied()).collect();
            // A few units straight out of (or into) the node first, so that
            // no run goes along its border.
            let step = 5.0 * (to.y - at.y).signum();
            if node == e.from {
                let off = Point::new(at.x, at.y + step);
                let mut way = layout::detour(off, to, &obstacles, 5.0, 20.0)?;
                way.insert(0, at);
                Some(way)
            } else {
                let off = Point::new(to.x, to.y - step);
                let mut way = layout::detour(at, off, &obstacles, 5.0, 20.0)?;
                way.push(to);
                Some(way)
            }
        };
        // The edge goes on from beside the block's nodes: no run back along
        // the gap to the node's own line.
        let flat = |a: Point, b: Point| (a.y - b.y).abs() < 1e-9;
        let from_at = head[head.len() - 1];
        if let Some(mut way) = around(e.from, from_at, Point::new(from_at.x, y1)) {
            let n = way.len();
            if n >= 3 && flat(way[n - 1], way[n - 2]) {
                way.pop();
            }
            head.pop();
            head.extend(way);
        }
        let to_at = tail[tail.len() - 1];
        if let Some(mut way) = around(e.to, Point::new(to_at.x, y2), to_at) {
            if way.len() >= 3 && flat(way[0], way[1]) {
                way.remove(0);
            }
            way.reverse();
            tail.pop();
            tail.extend(way);
        }
        let (p0, p3) = (head[head.len() - 1], tail[tail.len() - 1]);
        let pre: Vec<[Point; 4]> = head.windows(2).map(|w| straight(w[0], w[1])).collect();
        let post: Vec<[Point; 4]> = tail
            .windows(2)
            .rev()
            .map(|w| straight(w[1], w[0]))
            .collect();
        // The blocks between the two gaps that a curve straight from one
        // node to the other would cross.
        let (ylo, yhi) = (y1.min(y2), y1.max(y2));
        let between: Vec<Rect> = rects
            .iter()
            .filter(|r| r.0 != from_block && r.0 != to_block)
            .map(|r| r.1)
            .chain(legend_rect)
            .filter(|r| r.y < yhi && r.y + r.h > ylo)
            .collect();
        let (xlo, xhi) = (p0.x.min(p3.x), p0.x.max(p3.x));
        let blocked = between.iter().any(|r| r.x < xhi && r.x + r.w > xlo);
        let segs = if blocked {
            // Around them: out of the source's block, along the gap beside
            // it to the nearer side of the blocks in between, along that side
            // and across the gap beside the target's block.
            let left = between.iter().map(|r| r.x).fold(f64::INFINITY, f64::min) - gap / 2.0;
            let right = between
                .iter()
                .map(|r| r.x + r.w)
                .fold(f64::NEG_INFINITY, f64::max)
                + gap / 2.0;
            // A side whose runs along the two gaps would cross the legend
            // (which may reach down beside the conclusion's block) is not taken.
            let crosses_legend = |side: f64| {
                legend_rect.is_some_and(|r| {
                    [(p0.x, y1), (p3.x, y2)].iter().any(|&(x, y)| {
                        y > r.y && y < r.y + r.h && x.min(side) < r.x + r.w && x.max(side) > r.x
                    })
                })
            };
            // The nearest way up: a gap between two of the blocks in between
            // (or beside them all) that no block in between covers.
            let free = |x: f64| !between.iter().any(|r| r.x < x && x < r.x + r.w);
            let cost = |x: f64| (p0.x - x).abs() + (p3.x - x).abs();
            let side = between
                .iter()
                .flat_map(|r| [r.x - gap / 2.0, r.x + r.w + gap / 2.0])
                .chain([left, right])
                .filter(|&x| free(x) && !crosses_legend(x))
                .min_by(|a, b| cost(*a).total_cmp(&cost(*b)).then(a.total_cmp(b)))
                .unwrap_or(if cost(left) <= cost(right) {
                    left
                } else {
                    right
                });
            // Edges to different nodes that share a gap run side by side,
            // a few units apart, rather than on one line.
            let side = side + lane(&mut lanes, (0, side), e.to, gap);
            let y1 = y1 + lane(&mut lanes, (1, y1), e.from, gap);
            let y2 = y2 + lane(&mut lanes, (2, y2), e.to, into_gap);
            let mut corners = vec![
                p0,
                Point::new(p0.x, y1),
                Point::new(side, y1),
                Point::new(side, y2),
                Point::new(p3.x, y2),
                p3,
            ];
            // Where a run along a gap would cross a block (or the legend)
            // reaching into it, the shortest way around them all instead.
            let all: Vec<Rect> = rects.iter().map(|r| r.1).chain(legend_rect).collect();
            let enters = |p: Point, q: Point| all.iter().any(|r| r.entered_by(p, q));
            if corners[1..5].windows(2).any(|w| enters(w[0], w[1]))
                && let Some(way) =
                    layout::detour(corners[1], corners[4], &all, gap / 2.0, gap * 4.0)
            {
                corners = [vec![p0], way, vec![p3]].concat();
            }
            corners.windows(2).map(|w| straight(w[0], w[1])).collect()
        } else {
            // Straight out of the source's block (whose node may lie below
            // its top, with other blocks beside it), then a curve to the
            // target.
            let out_at = Point::new(p0.x, y1);
            let mut segs = Vec::new();
            let start = if (y1 - p0.y) * dir > 1.0 {
                segs.push(straight(p0, out_at));
                out_at
            } else {
                p0
            };
            let mid = (p3.y - start.y) / 2.0;
            segs.push([
                start,
                Point::new(start.x, start.y + mid),
                Point::new(p3.x, p3.y - mid),
                p3,
            ]);
            segs
        };
        let segs = pre.into_iter().chain(segs).chain(post).collect();
        out.push((k, segs));
    }
    out
}

/// Where an edge leaves (or enters) `node` (centred at `centres[node]`, of
/// `sizes[node]`), from `at` on its border, to run straight up or down to
/// `to_y`, without running over one of `labels` (the
/// groups' labels): `at` itself when that line is clear; else a point
/// further along the same side of the node whose line is clear; else out of
/// the node's left or right side to a place beside it whose line is clear
/// (the run there crossing no box); else `at`. The points from the node's
/// border to where the straight line starts.
fn clear_of_labels(
    node: usize,
    at: Point,
    to_y: f64,
    labels: &[Rect],
    centres: &[Point],
    sizes: &[Point],
) -> Vec<Point> {
    let over = |r: &Rect, x: f64, y0: f64, y1: f64| {
        r.x < x && x < r.x + r.w && r.y < y0.max(y1) && r.y + r.h > y0.min(y1)
    };
    let on_label = |x: f64, y0: f64, y1: f64| labels.iter().any(|r| over(r, x, y0, y1));
    if !on_label(at.x, at.y, to_y) {
        return vec![at];
    }
    let (c, size) = (centres[node], sizes[node]);
    let near = |a: &f64, b: &f64| {
        (a - at.x)
            .abs()
            .total_cmp(&(b - at.x).abs())
            .then(a.total_cmp(b))
    };
    // Along the same side: just beside a label.
    let beside: Vec<f64> = labels
        .iter()
        .flat_map(|r| [r.x - 4.0, r.x + r.w + 3.0])
        .collect();
    let lo = c.x - size.x / 2.0 + 5.0;
    let hi = c.x + size.x / 2.0 - 5.0;
    if let Some(x) = beside
        .iter()
        .copied()
        .filter(|&x| lo <= x && x <= hi && !on_label(x, at.y, to_y))
        .min_by(near)
    {
        return vec![Point::new(x, at.y)];
    }
    // Out of a side, across to beside a label, and on from there: no box on
    // the way.
    let hits_box = |p: Point, q: Point| {
        centres.iter().zip(sizes).enumerate().any(|(i, (cc, ss))| {
            let (x0, x1) = (cc.x - ss.x / 2.0 - 2.0, cc.x + ss.x / 2.0 + 2.0);
            let (y0, y1) = (cc.y - ss.y / 2.0 - 2.0, cc.y + ss.y / 2.0 + 2.0);
            i != node
                && p.x.min(q.x) < x1
                && p.x.max(q.x) > x0
                && p.y.min(q.y) < y1
                && p.y.max(q.y) > y0
        })
    };
    let side = beside
        .iter()
        .copied()
        .filter(|&x| (x - c.x).abs() > size.x / 2.0 + 2.0)
        .filter(|&x| {
            let from = Point::new(c.x + (x - c.x).signum() * size.x / 2.0, c.y);
            let turn = Point::new(x, c.y);
            !on_label(x, c.y, to_y)
                && !labels.iter().any(|r| {
                    r.y < c.y && c.y < r.y + r.h && from.x.min(x) < r.x + r.w && from.x.max(x) > r.x
                })
                && !hits_box(from, turn)
                && !hits_box(turn, Point::new(x, to_y))
        })
        .min_by(near);
    match side {
        Some(x) => vec![
            Point::new(c.x + (x - c.x).signum() * size.x / 2.0, c.y),
            Point::new(x, c.y),
        ],
        None => vec![at],
    }
}

/// The box of the label of each group `(index, box)` in `groups`: at its
/// top left, where [`super::group`] writes it, with a unit or two around.
pub(super) fn label_rects(
    v: &View,
    groups: impl Iterator<Item = (usize, Rect)>,
    ty: &Type,
) -> Vec<Rect> {
    groups
        .filter(|(_, r)| r.w > 0.0)
        .map(|(g, r)| {
            let size = label_size(&v.groups[g].label, ty);
            Rect {
                x: r.x - 1.0,
                y: r.y + 4.0,
                w: size.x + 8.0,
                h: size.y + 2.0,
            }
        })
        .collect()
}

/// A run of edges along a gap: which run (vertical, out of a block, into a
/// block) and where, and the node each edge on it goes to or comes from.
type Lane = ((u8, f64), usize);

/// How far from the middle of a gap `width` wide the run of the edges of node
/// `id` at `at` goes: the first node's edges on the middle, the next ones 3
/// units to either side in turn, as far as the gap leaves room.
fn lane(lanes: &mut Vec<Lane>, at: (u8, f64), id: usize, width: f64) -> f64 {
    let here: Vec<usize> = lanes
        .iter()
        .filter(|l| l.0.0 == at.0 && (l.0.1 - at.1).abs() < 0.5)
        .map(|l| l.1)
        .collect();
    let i = here.iter().position(|&x| x == id).unwrap_or_else(|| {
        lanes.push((at, id));
        here.len()
    });
    let step = 3.0;
    let k = i.div_ceil(2) as f64;
    let room = (width / 2.0 - 2.0).max(0.0);
    if k * step > room {
        return 0.0;
    }
    if i % 2 == 1 { k * step } else { -k * step }
}

/// A straight line as a cubic Bézier segment.
fn straight(p: Point, q: Point) -> [Point; 4] {
    let at = |t: f64| Point::new(p.x + (q.x - p.x) * t, p.y + (q.y - p.y) * t);
    [p, at(1.0 / 3.0), at(2.0 / 3.0), q]
}

/// Where the packing put everything: (item, variant, top left corner) for
/// each item, the conclusion's block's corner, and the size of the whole.
struct Shelves {
    placed: Vec<(usize, usize, Point)>,
    root_at: Point,
    w: f64,
    h: f64,
}

/// Skyline packing into a strip `width` wide (wider if an item or the
/// conclusion's block is): the conclusion's block centred on top, the legend
/// (`legend`, an index into `items`) at the top right beside it when there is
/// room, then each item in turn, the items that join the conclusion's block
/// first and then the largest, at the lowest place where one of its variants
/// fits (leftmost among equals). `items` holds the sizes of each item's
/// variants and whether it joins the conclusion's block.
fn shelves(
    items: &[(Vec<(f64, f64)>, bool)],
    legend: Option<usize>,
    width: f64,
    root: (f64, f64),
    order: Order,
    only: &[Option<usize>],
    left: bool,
) -> Shelves {
    shelves_with(
        items, legend, width, root, BLOCK_GAP, ROOT_GAP, order, None, only, left,
    )
}

/// At most this many combinations of the largest blocks' variants are tried.
const COMBINATIONS: usize = 256;

/// The combinations of variants the page packing tries: for the largest
/// items with more than one variant (as many as keep the product within
/// [`COMBINATIONS`]), each choice of variant; the other items free (`None`:
/// chosen as they are placed).
fn combinations(items: &[(Vec<(f64, f64)>, bool)]) -> Vec<Vec<Option<usize>>> {
    let area = |i: usize| items[i].0[0].0 * items[i].0[0].1;
    let mut big: Vec<usize> = (0..items.len()).filter(|&i| items[i].0.len() > 1).collect();
    big.sort_by(|&a, &b| area(b).total_cmp(&area(a)).then(a.cmp(&b)));
    let mut chosen: Vec<usize> = Vec::new();
    let mut product = 1;
    for i in big {
        let n = items[i].0.len();
        if product * n > COMBINATIONS {
            break;
        }
        product *= n;
        chosen.push(i);
    }
    let mut out: Vec<Vec<Option<usize>>> = vec![vec![None; items.len()]];
    for &i in &chosen {
        out = out
            .into_iter()
            .flat_map(|c| {
                (0..items[i].0.len()).map(move |k| {
                    let mut c = c.clone();
                    c[i] = Some(k);
                    c
                })
            })
            .collect();
    }
    out
}

/// The order in which [`shelves_with`] places the items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Order {
    /// The items that join the conclusion's block first, then the largest.
    RootFirst,
    /// The items that join the conclusion's block first, then the tallest.
    RootFirstTall,
    /// The largest first.
    Largest,
}

/// The narrowest and widest strips worth trying for `items` (each with its
/// variants' sizes, widest first) under a top block `root_w` wide: as wide as
/// the top block and every item at its narrowest, and every item at its
/// widest side by side, `gap` apart.
fn strip_widths(items: &[(Vec<(f64, f64)>, bool)], root_w: f64, gap: f64) -> (f64, f64) {
    let narrowest = items
        .iter()
        .map(|(vs, _)| vs.iter().map(|s| s.0).fold(f64::INFINITY, f64::min))
        .fold(root_w, f64::max);
    let widest = items
        .iter()
        .map(|(vs, _)| vs[0].0 + gap)
        .sum::<f64>()
        .max(narrowest);
    (narrowest, widest)
}

/// [`shelves`] with `gap` between two items and `root_gap` below the
/// conclusion's block; `lead` (items) placed before the others; `only` fixes
/// the variant of some items (`None`: any).
#[allow(clippy::too_many_arguments)]
fn shelves_with(
    items: &[(Vec<(f64, f64)>, bool)],
    legend: Option<usize>,
    width: f64,
    root: (f64, f64),
    gap: f64,
    root_gap: f64,
    order: Order,
    lead: Option<&[usize]>,
    only: &[Option<usize>],
    left: bool,
) -> Shelves {
    let width = width.max(root.0);
    let band = if root.1 > 0.0 { root.1 + root_gap } else { 0.0 };
    // The legend's shape: the one `only` fixes, else the first.
    let legend_size = legend.map(|li| items[li].0[only.get(li).copied().flatten().unwrap_or(0)]);
    let mut root_at = Point::new((width - root.0) / 2.0, 0.0);
    if let (true, Some((lw, _))) = (left, legend_size) {
        root_at.x = (width - lw - gap - root.0).clamp(0.0, root_at.x);
    }
    // The skyline: (left, right, height) pieces covering [0, width].
    let mut sky: Vec<(f64, f64, f64)> = vec![(0.0, width, band)];
    let raise = |sky: &mut Vec<(f64, f64, f64)>, x0: f64, x1: f64, y: f64| {
        let mut next: Vec<(f64, f64, f64)> = Vec::new();
        for &(a, b, h) in sky.iter() {
            if a < x0 {
                next.push((a, b.min(x0), h));
            }
            if b > x1 {
                next.push((a.max(x1), b, h));
            }
        }
        next.push((x0, x1, y));
        next.retain(|s| s.1 - s.0 > 1e-9);
        next.sort_by(|p, q| p.0.total_cmp(&q.0));
        // Neighbours of one height are one piece.
        let mut merged: Vec<(f64, f64, f64)> = Vec::new();
        for s in next {
            match merged.last_mut() {
                Some(m) if (m.2 - s.2).abs() < 1e-9 && (m.1 - s.0).abs() < 1e-9 => m.1 = s.1,
                _ => merged.push(s),
            }
        }
        *sky = merged;
    };
    let mut placed = Vec::new();
    let mut todo: Vec<usize> = (0..items.len()).collect();
    if let (Some(li), Some((lw, lh))) = (legend, legend_size)
        && width - lw >= root_at.x + root.0 + gap
    {
        let k = only.get(li).copied().flatten().unwrap_or(0);
        placed.push((li, k, Point::new(width - lw, 0.0)));
        raise(&mut sky, width - lw - gap, width, band.max(lh + gap));
        todo.retain(|&i| i != li);
    }
    let area = |i: usize| items[i].0[0].0 * items[i].0[0].1;
    let tall = |i: usize| items[i].0.iter().map(|s| s.1).fold(0.0, f64::max);
    let first = |i: usize| order != Order::Largest && items[i].1;
    todo.sort_by(|&a, &b| {
        let size = if order == Order::RootFirstTall {
            tall(b).total_cmp(&tall(a))
        } else {
            area(b).total_cmp(&area(a))
        };
        first(b).cmp(&first(a)).then(size).then(a.cmp(&b))
    });
    if let Some(lead) = lead {
        // These first, in their order; the rest as sorted.
        todo.sort_by_key(|i| !lead.contains(i));
    }
    for i in todo {
        let vs = &items[i].0;
        // (rank, bottom, x, variant, y) of the best place found.
        let mut best: Option<(f64, f64, f64, usize, f64)> = None;
        for (k, &(w, h)) in vs.iter().enumerate() {
            if only.get(i).copied().flatten().is_some_and(|o| o != k) {
                continue;
            }
            let mut xs: Vec<f64> = sky.iter().flat_map(|s| [s.0, s.1 - w]).collect();
            xs.retain(|&x| x >= -1e-9 && x + w <= width + 1e-9);
            for x in xs {
                let y = sky
                    .iter()
                    .filter(|s| s.1 > x + 1e-9 && s.0 < x + w - 1e-9)
                    .map(|s| s.2)
                    .fold(0.0, f64::max);
                // An item joined to the conclusion's block wants to be right
                // under it (lowest top first), the others as low as they can.
                let first = if items[i].1 { y } else { y + h };
                let key = (first, y + h, x, k, y);
                let better = best.is_none_or(|b| {
                    let same = |p: f64, q: f64| (p - q).abs() <= 1e-9;
                    key.0 < b.0 - 1e-9
                        || (same(key.0, b.0) && key.1 < b.1 - 1e-9)
                        || (same(key.0, b.0) && same(key.1, b.1) && key.2 < b.2 - 1e-9)
                });
                if better {
                    best = Some(key);
                }
            }
        }
        let (x, k, y) = match best {
            Some((_, _, x, k, y)) => (x, k, y),
            // Wider than the strip: the narrowest variant below everything.
            None => {
                let k = only.get(i).copied().flatten().unwrap_or_else(|| {
                    (0..vs.len())
                        .min_by(|&a, &b| vs[a].0.total_cmp(&vs[b].0).then(a.cmp(&b)))
                        .unwrap_or(0)
                });
                (0.0, k, sky.iter().map(|s| s.2).fold(0.0, f64::max))
            }
        };
        let (w, h) = vs[k];
        placed.push((i, k, Point::new(x, y)));
        raise(
            &mut sky,
            x,
            (x + w + gap).min(width.max(x + w)),
            y + h + gap,
        );
    }
    let mut w: f64 = root.0;
    let mut h: f64 = root.1;
    let mut lo: f64 = root_at.x;
    for &(i, k, at) in &placed {
        let (iw, ih) = items[i].0[k];
        lo = lo.min(at.x);
        w = w.max(at.x + iw);
        h = h.max(at.y + ih);
    }
    if root.0 > 0.0 {
        w = w.max(root_at.x + root.0);
    }
    // What the items left empty at the right is not part of the drawing.
    let lo = if placed.is_empty() {
        root_at.x
    } else {
        lo.min(root_at.x)
    };
    let placed = placed
        .into_iter()
        .map(|(i, k, at)| (i, k, Point::new(at.x - lo, at.y)))
        .collect();
    Shelves {
        placed,
        root_at: Point::new(root_at.x - lo, 0.0),
        w: w - lo,
        h,
    }
}

/// Block `members` of `v` laid out on its own (ranks wrapped at `max_width`
/// when given), with the boxes of the groups `in_block`, and turned to the
/// picture.
fn lay_block(
    v: &View,
    boxes: &[(f64, f64)],
    members: &[usize],
    in_block: &[usize],
    max_width: Option<f64>,
    ty: &Type,
) -> Variant {
    let mut local = vec![usize::MAX; boxes.len()];
    for (i, &m) in members.iter().enumerate() {
        local[m] = i;
    }
    let mut group_local = vec![usize::MAX; v.groups.len()];
    for (i, &g) in in_block.iter().enumerate() {
        group_local[g] = i;
    }
    let n = v.nodes.len();
    let group_of = |m: usize| {
        if m < n {
            v.nodes[m].group
        } else {
            v.junctions[m - n].group
        }
    };
    let edges: Vec<usize> = (0..v.edges.len())
        .filter(|&k| local[v.edges[k].from] != usize::MAX && local[v.edges[k].to] != usize::MAX)
        .collect();
    let input = Input {
        sizes: members
            .iter()
            .map(|&m| Point::new(boxes[m].0, boxes[m].1))
            .collect(),
        edges: edges
            .iter()
            .map(|&k| Edge {
                from: local[v.edges[k].from],
                to: local[v.edges[k].to],
                minlen: v.edges[k].minlen,
            })
            .collect(),
        clusters: in_block
            .iter()
            .map(|&g| Cluster {
                parent: v.groups[g]
                    .parent
                    .map(|p| group_local[p])
                    .filter(|&p| p != usize::MAX),
                label: label_size(&v.groups[g].label, ty),
            })
            .collect(),
        cluster_of: members
            .iter()
            .map(|&m| {
                group_of(m)
                    .map(|g| group_local[g])
                    .filter(|&g| g != usize::MAX)
            })
            .collect(),
        label_side: if v.rankdir == RankDir::BottomToTop {
            LabelSide::Bottom
        } else {
            LabelSide::Top
        },
        max_width,
        gaps: ty.gaps,
    };
    let l = layout::layout(&input);
    // The block's extent: its nodes (with room for the conclusion's outer
    // ring), group boxes and edges.
    let mut bounds = Bounds::new();
    for (c, s) in l.centres.iter().zip(&input.sizes) {
        bounds.add_box(*c, *s, 4.0);
    }
    for r in l.clusters.iter().filter(|r| r.w > 0.0) {
        bounds.add(Point::new(r.x, r.y));
        bounds.add(Point::new(r.x + r.w, r.y + r.h));
    }
    for p in l.paths.iter().flatten().flatten() {
        bounds.add(*p);
    }
    let (lo, hi) = bounds.corners();
    let up = v.rankdir == RankDir::BottomToTop;
    let turn = |p: Point| Point::new(p.x - lo.x, if up { hi.y - p.y } else { p.y - lo.y });
    Variant {
        w: hi.x - lo.x,
        h: hi.y - lo.y,
        centres: l.centres.iter().map(|&c| turn(c)).collect(),
        paths: edges
            .iter()
            .zip(&l.paths)
            .map(|(&k, segs)| {
                let segs = segs
                    .iter()
                    .map(|s| [turn(s[0]), turn(s[1]), turn(s[2]), turn(s[3])])
                    .collect();
                (k, segs)
            })
            .collect(),
        groups: in_block
            .iter()
            .zip(&l.clusters)
            .map(|(&g, r)| {
                let a = turn(Point::new(r.x, r.y));
                let b = turn(Point::new(r.x + r.w, r.y + r.h));
                let rect = Rect {
                    x: a.x.min(b.x),
                    y: a.y.min(b.y),
                    w: r.w,
                    h: r.h,
                };
                (g, rect)
            })
            .collect(),
    }
}

/// Group `g` and the groups inside it, in order.
fn within(v: &View, g: usize) -> Vec<usize> {
    (0..v.groups.len())
        .filter(|&h| {
            let mut cur = Some(h);
            // A view's groups form a forest; the bound only guards against a cycle.
            for _ in 0..=v.groups.len() {
                match cur {
                    Some(c) if c == g => return true,
                    Some(c) => cur = v.groups[c].parent,
                    None => return false,
                }
            }
            false
        })
        .collect()
}

/// The ways to draw the block of `members` (group `g` with the groups inside
/// it, or the nodes in no group): laid out as one layered drawing at a few
/// widths (the natural one first) and, for a group with subgroups, as its own
/// nodes on top with the subgroups packed below them (see [`nested`]); only
/// those that no other is both narrower and lower than.
fn variants(
    v: &View,
    boxes: &[(f64, f64)],
    members: &[usize],
    g: Option<usize>,
    ty: &Type,
) -> Vec<Variant> {
    // The groups around its members (several top-level groups when they are
    // drawn together).
    let mut boxed_set = vec![false; v.groups.len()];
    for &m in members {
        for c in v.groups_around(m) {
            boxed_set[c] = true;
        }
    }
    let mut boxed: Vec<usize> = (0..v.groups.len()).filter(|&h| boxed_set[h]).collect();
    // A subgroup packed in its group: its own box and those inside it only.
    if let Some(g) = g.filter(|&g| v.groups[g].parent.is_some()) {
        let one = within(v, g);
        boxed.retain(|h| one.contains(h));
    }
    let mut out = vec![lay_block(v, boxes, members, &boxed, None, ty)];
    let Some(g) = g else {
        return out;
    };
    let natural = out[0].w;
    for f in [0.75, 0.55, 0.4, 0.3] {
        out.push(lay_block(v, boxes, members, &boxed, Some(natural * f), ty));
    }
    // Packed as blocks only when it is one group.
    let one = within(v, g);
    if boxed.iter().all(|h| one.contains(h)) {
        out.extend(nested(v, boxes, members, g, ty));
    }
    // The natural layout first, then each other one that no variant kept is
    // both as narrow and as low as; of the others, only those whose edges
    // run through no more groups holding neither of their ends than the
    // natural layout's do (the layered layout does not yet keep every edge
    // out of a group spanning the ranks it passes).
    let natural_through = through_groups(v, &out[0]);
    let mut kept: Vec<Variant> = Vec::new();
    for (i, var) in out.into_iter().enumerate() {
        if i > 0 && through_groups(v, &var) > natural_through {
            continue;
        }
        let beaten = |k: &Variant, by: &Variant| by.w <= k.w + 1.0 && by.h <= k.h + 1.0;
        if i > 0 {
            if kept.iter().any(|k| beaten(&var, k)) {
                continue;
            }
            let first = kept.remove(0);
            kept.retain(|k| !beaten(k, &var));
            kept.insert(0, first);
        }
        kept.push(var);
    }
    kept
}

/// How many times an edge of `var` runs through the box of a group in it
/// that holds neither of its ends (its line may touch a border: the box
/// shrunk by a unit): pairs of an edge and such a group.
fn through_groups(v: &View, var: &Variant) -> usize {
    let holds = |g: usize, m: usize| v.groups_around(m).any(|c| c == g);
    var.paths
        .iter()
        .map(|(k, segs)| {
            let e = &v.edges[*k];
            var.groups
                .iter()
                .filter(|&&(g, r)| {
                    if r.w <= 2.0 || r.h <= 2.0 || holds(g, e.from) || holds(g, e.to) {
                        return false;
                    }
                    let lo = Point::new(r.x + 1.0, r.y + 1.0);
                    let hi = Point::new(r.x + r.w - 1.0, r.y + r.h - 1.0);
                    segs.iter()
                        .any(|&seg| straight_pieces(seg).any(|(a, b)| crosses_box(a, b, lo, hi)))
                })
                .count()
        })
        .sum()
}

/// Space between two subgroups packed in a group, and between its own nodes
/// and the first row of them (24 before: a weight's card and two lanes fit
/// in 18).
const SUB_GAP: f64 = 10.0;
const SUB_ROOT_GAP: f64 = 18.0;

/// Group `g` (of `members`) drawn as its own nodes on top (at the bottom for
/// `TB`), laid out as one layered drawing, and each subgroup below as a block
/// of its own, packed at a few widths as the page packs the top-level groups
/// ([`shelves`]); the edges between its own nodes and a subgroup drawn
/// across the gaps; subgroups joined by an edge are one block, laid out
/// together. None when an edge between a subgroup and a node outside the
/// group would have to leave from below (such a group is drawn as one
/// layered drawing).
fn nested(v: &View, boxes: &[(f64, f64)], members: &[usize], g: usize, ty: &Type) -> Vec<Variant> {
    let n = v.nodes.len();
    let total = boxes.len();
    let children: Vec<usize> = (0..v.groups.len())
        .filter(|&c| v.groups[c].parent == Some(g))
        .collect();
    if children.is_empty() {
        return Vec::new();
    }
    // The part of each member: `None` for the group's own nodes, else the
    // subgroup it is in.
    let mut part: Vec<Option<usize>> = vec![None; total];
    let mut inside = vec![false; total];
    for &m in members {
        inside[m] = true;
        part[m] = v.groups_around(m).find(|&c| v.groups[c].parent == Some(g));
    }
    let inner: Vec<usize> = (0..v.edges.len())
        .filter(|&k| inside[v.edges[k].from] && inside[v.edges[k].to])
        .collect();
    // An edge that leaves the group is drawn from the group's top: it must
    // start or end on one of the group's own nodes, drawn there.
    let leaves_below = v.edges.iter().any(|e| {
        (inside[e.from] != inside[e.to])
            && ((inside[e.from] && part[e.from].is_some())
                || (inside[e.to] && part[e.to].is_some()))
    });
    if leaves_below {
        return Vec::new();
    }
    // Subgroups joined by an edge are one part, laid out together: the part
    // of each is named by its first subgroup.
    let mut rep: Vec<usize> = (0..v.groups.len()).collect();
    let find = |rep: &Vec<usize>, mut x: usize| {
        while rep[x] != x {
            x = rep[x];
        }
        x
    };
    for &k in &inner {
        if let (Some(a), Some(b)) = (part[v.edges[k].from], part[v.edges[k].to]) {
            let (a, b) = (find(&rep, a), find(&rep, b));
            if a != b {
                rep[a.max(b)] = a.min(b);
            }
        }
    }
    for p in part.iter_mut() {
        *p = p.map(|c| find(&rep, c));
    }
    // A node of the group's own that only supports or attacks others of its
    // own (a reason in no subgroup) is packed beside the subgroups, as a
    // block of one, rather than on a rank of its own below them.
    let ng = v.groups.len();
    let mut singles: Vec<usize> = Vec::new();
    for &m in members.iter().filter(|&&m| m < n && part[m].is_none()) {
        let mine = |k: &&VEdge| k.from == m || k.to == m;
        let edges: Vec<&VEdge> = v.edges.iter().filter(mine).collect();
        let alone = !edges.is_empty()
            && edges
                .iter()
                .all(|e| e.from == m && e.to != m && inside[e.to] && part[e.to].is_none());
        if alone {
            singles.push(m);
        }
    }
    // Not every one of its own: something stays on top.
    if singles.len() < members.iter().filter(|&&m| part[m].is_none()).count() {
        for &m in &singles {
            part[m] = Some(ng + m);
        }
    } else {
        singles.clear();
    }
    let up = v.rankdir == RankDir::BottomToTop;
    // The group's own nodes laid out; an edge between one of them and a
    // block below must reach it from below: none of its own may lie under it
    // (above it for `TB`). Else the nodes packed as blocks of one go back
    // among its own, and if that does not help either, the group is not
    // drawn as blocks.
    let mut own: Vec<usize>;
    let mut top: Option<Variant>;
    loop {
        own = members
            .iter()
            .copied()
            .filter(|&m| part[m].is_none())
            .collect();
        top = (!own.is_empty()).then(|| lay_block(v, boxes, &own, &[], None, ty));
        let hidden = |m: usize| {
            let Some(t) = &top else { return false };
            let Some(i) = own.iter().position(|&o| o == m) else {
                return false;
            };
            let c = t.centres[i];
            own.iter().enumerate().any(|(j, &o)| {
                let co = t.centres[j];
                o != m
                    && (co.x - c.x).abs() < (boxes[m].0 + boxes[o].0) / 2.0
                    && if up { co.y > c.y } else { co.y < c.y }
            })
        };
        let reached_from_below = inner.iter().all(|&k| {
            let (a, b) = (v.edges[k].from, v.edges[k].to);
            let stuck = |m: usize| part[m].is_none() && hidden(m);
            part[a] == part[b] || !(stuck(a) || stuck(b))
        });
        if reached_from_below {
            break;
        }
        if singles.is_empty() {
            return Vec::new();
        }
        for &m in &singles {
            part[m] = None;
        }
        singles.clear();
    }
    let root_size = top.as_ref().map_or((0.0, 0.0), |t| (t.w, t.h));
    let subs: Vec<(usize, Vec<usize>, Vec<Variant>)> = children
        .iter()
        .copied()
        .chain(singles.iter().map(|&m| ng + m))
        .filter_map(|c| {
            let m: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&m| part[m] == Some(c))
                .collect();
            (!m.is_empty()).then(|| {
                if c >= ng {
                    return (c, m.clone(), vec![lay_block(v, boxes, &m, &[], None, ty)]);
                }
                let joined: Vec<usize> = children
                    .iter()
                    .copied()
                    .filter(|&d| find(&rep, d) == c)
                    .collect();
                let vars = if joined.len() == 1 {
                    variants(v, boxes, &m, Some(c), ty)
                } else {
                    // Several subgroups as one layered drawing, with their boxes.
                    let boxed: Vec<usize> = (0..v.groups.len())
                        .filter(|&h| joined.iter().any(|&d| within(v, d).contains(&h)))
                        .collect();
                    let natural = lay_block(v, boxes, &m, &boxed, None, ty);
                    let w = natural.w;
                    let mut vars = vec![natural];
                    for f in [0.75, 0.55, 0.4] {
                        vars.push(lay_block(v, boxes, &m, &boxed, Some(w * f), ty));
                    }
                    vars
                };
                (c, m, vars)
            })
        })
        .collect();
    let items: Vec<(Vec<(f64, f64)>, bool)> = subs
        .iter()
        .map(|(_, m, vars)| {
            let joins = inner.iter().any(|&k| {
                let (a, b) = (v.edges[k].from, v.edges[k].to);
                (m.contains(&a) && part[b].is_none()) || (m.contains(&b) && part[a].is_none())
            });
            (vars.iter().map(|x| (x.w, x.h)).collect(), joins)
        })
        .collect();
    let (narrowest, widest) = strip_widths(&items, root_size.0, SUB_GAP);
    let label = label_size(&v.groups[g].label, ty);
    let pad = ty.gaps.pad;
    let sizes: Vec<Point> = boxes.iter().map(|&(w, h)| Point::new(w, h)).collect();
    let mut out: Vec<Variant> = Vec::new();
    // The blocks of one (small) placed first too: the skyline would lose
    // the room beside a narrow subgroup once a wider one is placed below it.
    let ones: Vec<usize> = (0..subs.len()).filter(|&i| subs[i].0 >= ng).collect();
    let steps = 12;
    let tries = (0..=steps).flat_map(|k| {
        let leads: &[Option<&[usize]>] = if ones.is_empty() {
            &[None]
        } else {
            &[None, Some(&ones)]
        };
        leads.iter().map(move |&l| (k, l)).collect::<Vec<_>>()
    });
    for (k, lead) in tries {
        let t = f64::from(k) / f64::from(steps);
        let width = narrowest + (widest - narrowest) * t * t;
        let s = shelves_with(
            &items,
            None,
            width,
            root_size,
            SUB_GAP,
            SUB_ROOT_GAP,
            Order::RootFirst,
            lead,
            &[],
            false,
        );
        let flip = |at: Point, h: f64| {
            if up {
                at
            } else {
                Point::new(at.x, s.h - at.y - h)
            }
        };
        let mut centres = vec![Point::zero(); total];
        let mut paths: Vec<(usize, Vec<[Point; 4]>)> = Vec::new();
        let mut groups: Vec<(usize, Rect)> = Vec::new();
        let mut rects: Vec<(Option<usize>, Rect)> = Vec::new();
        let mut put = |key: Option<usize>, ms: &[usize], var: &Variant, at: Point| {
            rects.push((
                key,
                Rect {
                    x: at.x,
                    y: at.y,
                    w: var.w,
                    h: var.h,
                },
            ));
            let shift = |p: Point| Point::new(p.x + at.x, p.y + at.y);
            for (&m, &c) in ms.iter().zip(&var.centres) {
                centres[m] = shift(c);
            }
            for (k, segs) in &var.paths {
                let segs = segs.iter().map(|s| s.map(shift)).collect();
                paths.push((*k, segs));
            }
            for &(gi, r) in &var.groups {
                groups.push((
                    gi,
                    Rect {
                        x: r.x + at.x,
                        y: r.y + at.y,
                        ..r
                    },
                ));
            }
        };
        if let Some(t) = &top {
            put(None, &own, t, flip(s.root_at, root_size.1));
        }
        for &(item, var, at) in &s.placed {
            let (c, m, vars) = &subs[item];
            let var = &vars[var];
            put(Some(*c), m, var, flip(at, var.h));
        }
        let across: Vec<usize> = inner
            .iter()
            .copied()
            .filter(|&k| part[v.edges[k].from] != part[v.edges[k].to])
            .collect();
        let labels = label_rects(v, groups.iter().copied(), ty);
        paths.extend(route(
            v,
            &across,
            &part,
            &centres,
            &sizes,
            &rects,
            None,
            &labels,
            SUB_GAP,
            SUB_ROOT_GAP,
        ));
        // The group's box around everything, its label on top.
        let mut bounds = Bounds::new();
        for &m in members {
            bounds.add_box(centres[m], sizes[m], 4.0);
        }
        for (_, r) in &groups {
            bounds.add(Point::new(r.x, r.y));
            bounds.add(Point::new(r.x + r.w, r.y + r.h));
        }
        for p in paths.iter().flat_map(|(_, segs)| segs.iter().flatten()) {
            bounds.add(*p);
        }
        let (lo, hi) = bounds.corners();
        let w = (hi.x - lo.x + 2.0 * pad).max(label.x + 2.0 * pad);
        let h = hi.y - lo.y + 2.0 * pad + label.y;
        // From the drawing's corner to the box's.
        let dx = pad - lo.x + (w - (hi.x - lo.x + 2.0 * pad)) / 2.0;
        let dy = pad + label.y - lo.y;
        let shift = |p: Point| Point::new(p.x + dx, p.y + dy);
        groups.iter_mut().for_each(|(_, r)| {
            r.x += dx;
            r.y += dy;
        });
        groups.push((
            g,
            Rect {
                x: 0.0,
                y: 0.0,
                w,
                h,
            },
        ));
        let var = Variant {
            w,
            h,
            centres: members.iter().map(|&m| shift(centres[m])).collect(),
            paths: paths
                .into_iter()
                .map(|(k, segs)| (k, segs.into_iter().map(|s| s.map(shift)).collect()))
                .collect(),
            groups,
        };
        if out
            .iter()
            .all(|x| (x.w - var.w).abs() > 1.0 || (x.h - var.h).abs() > 1.0)
        {
            out.push(var);
        }
    }
    out
}
