//! A page through Graphviz (`argmap render --page` to PNG or PDF, or with
//! `--engine graphviz`): the embedded layout's page (blocks, stubs, wrapped
//! ranks: see [`svg::page_layout`]) drawn by Graphviz with every position
//! pinned, as `neato -n2` draws it: nodes at their `pos` with fixed sizes,
//! edges along their `pos` B-splines, groups as clusters with their `bb`,
//! the title and the legend as nodes, the page as the `viewport`. Graphviz
//! itself cannot wrap ranks or pack groups: its own drawing, scaled down to
//! a slide, printed the paper map at about 1.9 pt.
//!
//! Coordinates and sizes are the SVG's (its view box's units, as points, `y`
//! up); the `viewport` zooms them to the page's printed size, so that a text
//! prints at its font size times the zoom, as in the SVG. (Graphviz reads an
//! HTML label's `point-size` as a whole number: fractional sizes are node
//! `fontsize`s.)

use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

use super::super::layout::Point;
use super::super::svg::{self, PageLayout};
use super::super::text;
use super::super::view::{LineKind, Stroke, VNode, View};
use super::{
    FONT, LEGEND_ID, SVG_ID, attr, cluster_fill, clusters, html, item_name, junction, legend_html,
    node, plain, quoted, size,
};
use crate::export::DotOptions;
use crate::graph::ArgGraph;
use crate::model::EdgeKind;

/// The DOT of a page drawn through Graphviz with pinned positions.
#[derive(Clone, Debug, PartialEq)]
pub struct PinnedDot {
    /// The DOT text: feed it to `dot` with [`PINNED_ARGS`] and a format.
    pub dot: String,
    /// With a page of known printed size: the printed size in points of the
    /// smallest text (the smallest font size in the DOT), as
    /// [`Drawing::text_pt`](super::super::Drawing::text_pt) says for the
    /// embedded SVG of the same page.
    pub text_pt: Option<f64>,
}

/// The arguments that make Graphviz draw a [`PinnedDot`] as it is: the
/// `neato` engine, which keeps the positions and splines given (`-n2`).
pub const PINNED_ARGS: [&str; 2] = ["-Kneato", "-n2"];

/// Draws `g` fitted to the page of [`DotOptions::fit`] as the embedded SVG
/// does ([`super::super::draw_svg`]), as a DOT for Graphviz with every
/// position pinned; `None` without a page.
///
/// Nodes are fixed-size boxes at the embedded layout's places, with the same
/// font sizes; edges follow its routes; groups are clusters with its boxes;
/// the page is the `viewport`, of the page's printed size (or of the view
/// box's size in points, for a shape only). Run `dot` with [`PINNED_ARGS`].
///
/// ```
/// let src = argmap::Source::read(std::path::Path::new("graphs/nixon_diamond.ron")).unwrap();
/// let g = argmap::build(&argmap::check(&src).unwrap());
/// let opts = argmap::export::DotOptions {
///     fit: argmap::export::Fit::named("16:9"),
///     ..Default::default()
/// };
/// let pinned = argmap::export::to_pinned_dot(&g, &opts).unwrap();
/// // The page: a 16:9 slide of 960 x 540 pt.
/// assert!(pinned.dot.contains("viewport=\"960.00,540.00,"));
/// assert!(argmap::export::to_pinned_dot(&g, &Default::default()).is_none());
/// ```
pub fn to_pinned_dot(g: &ArgGraph, opts: &DotOptions) -> Option<PinnedDot> {
    let page = svg::page_layout(g, opts)?;
    let (vx, vy, vw, vh) = page.view_box;
    // Printed points per view box unit: the zoom.
    let k = page.printed.map_or(1.0, |(pw, _)| pw / vw);
    let at = |p: Point| Point::new(p.x - vx, vy + vh - p.y);
    let pos = |p: Point| quoted(&format!("{},{}", coord(at(p).x), coord(at(p).y)));
    let inches = |x: f64| plain(&format!("{:.4}", x / 72.0));
    let v = &page.view;

    let mut stmts = vec![
        Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr("fontname", quoted(FONT)),
            attr("bgcolor", quoted("white")),
            attr("pad", plain("0")),
            // PDF and PostScript add a margin of half an inch by default.
            attr("margin", plain("0")),
            attr("outputorder", plain("edgesfirst")),
            // The page (its printed size, the zoom, the view box's centre),
            // and no shift of the drawing towards the origin.
            attr("notranslate", plain("true")),
            attr(
                "viewport",
                quoted(&format!(
                    "{},{},{},{},{}",
                    coord(page.printed.map_or(vw, |p| p.0)),
                    coord(page.printed.map_or(vh, |p| p.1)),
                    zoom(k),
                    coord(vw / 2.0),
                    coord(vh / 2.0)
                )),
            ),
        ])),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("fontname", quoted(FONT)),
            attr("fixedsize", plain("true")),
            attr("margin", plain("0")),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            attr("fontname", quoted(FONT)),
            attr("fontsize", plain(&size(PageLayout::WEIGHT_FONT))),
            // Graphviz draws a head 10 points long times `arrowsize`.
            attr("arrowsize", plain(&size(PageLayout::HEAD / 10.0))),
        ])),
    ];

    let mut members: Vec<Vec<Stmt>> = vec![Vec::new(); v.groups.len()];
    let mut top = Vec::new();
    for (i, n) in v.nodes.iter().enumerate() {
        let (c, s) = page.boxes[i];
        let mut gv = node(n, i);
        gv.id = NodeId(quoted(&name(v, i)), None);
        set(&mut gv.attributes, "label", html(&label(n, &page)));
        gv.attributes.extend([
            attr("fontsize", plain(&size(page.line(LineKind::Score).0))),
            attr("pos", pos(c)),
            attr("width", inches(s.x)),
            attr("height", inches(s.y)),
        ]);
        match n.group {
            Some(gi) => members[gi].push(Stmt::Node(gv)),
            None => top.push(Stmt::Node(gv)),
        }
    }
    for (j, jn) in v.junctions.iter().enumerate() {
        let (c, s) = page.boxes[v.nodes.len() + j];
        let mut gv = junction(jn, j, &item_name(v, v.nodes.len() + j));
        if jn.label.is_some() {
            set(
                &mut gv.attributes,
                "fontsize",
                plain(&size(PageLayout::JUNCTION_FONT)),
            );
        }
        set(&mut gv.attributes, "width", inches(s.x));
        set(&mut gv.attributes, "height", inches(s.y));
        gv.attributes.push(attr("pos", pos(c)));
        match jn.group {
            Some(gi) => members[gi].push(Stmt::Node(gv)),
            None => top.push(Stmt::Node(gv)),
        }
    }
    let (font, step) = page.group_font();
    let group_font = size(font);
    stmts.extend(clusters(v, members, |i| {
        let gr = &v.groups[i];
        let mut a = vec![
            // Left-aligned in a cell as wide as the SVG reckons the label,
            // a line below the other as the SVG wraps it.
            attr(
                "label",
                html(&format!(
                    "<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"0\" \
                     fixedsize=\"true\" width=\"{}\" height=\"{}\"><tr><td align=\"left\" \
                     balign=\"left\">{}</td></tr></table>",
                    page.groups[i].map_or(1.0, |(_, _, w)| cell_width(w)),
                    (font * 1.4 + step * (gr.label.split('\n').count() - 1) as f64).ceil(),
                    gr.label
                        .split('\n')
                        .map(text::html_label)
                        .collect::<Vec<_>>()
                        .join("<br/>")
                )),
            ),
            attr("style", quoted("rounded,filled")),
            attr("fillcolor", quoted(&cluster_fill(gr.depth).hex())),
            attr("color", quoted("#B3B3B3")),
            attr("fontname", quoted(FONT)),
            attr("fontsize", plain(&group_font)),
            attr("fontcolor", quoted("#333333")),
        ];
        if let Some((r, label, w)) = page.groups[i] {
            let (lo, hi) = (
                at(Point::new(r.x, r.y + r.h)),
                at(Point::new(r.x + r.w, r.y)),
            );
            a.push(attr(
                "bb",
                quoted(&format!(
                    "{},{},{},{}",
                    coord(lo.x),
                    coord(lo.y),
                    coord(hi.x),
                    coord(hi.y)
                )),
            ));
            // The cell's left side where the SVG starts the label.
            let left = label.x - w / 2.0;
            a.push(attr(
                "lp",
                pos(Point::new(left + cell_width(w) / 2.0, label.y)),
            ));
        }
        a
    }));
    stmts.append(&mut top);

    for (k_e, e) in v.edges.iter().enumerate() {
        let (line, tip) = &page.paths[k_e];
        let Some(first) = line.first() else {
            continue;
        };
        let mut spline = String::new();
        if let Some(t) = tip {
            spline.push_str(&format!("e,{},{} ", coord(at(*t).x), coord(at(*t).y)));
        }
        let point = |p: Point| format!("{},{}", coord(at(p).x), coord(at(p).y));
        spline.push_str(&point(first[0]));
        for s in line {
            for p in &s[1..] {
                spline.push(' ');
                spline.push_str(&point(*p));
            }
        }
        let mut attrs = vec![
            attr("id", quoted(&format!("{SVG_ID}e{k_e}"))),
            attr("color", quoted(&e.color.hex())),
            attr("penwidth", plain(&format!("{:.2}", e.width))),
        ];
        match (e.stroke, e.kind) {
            (Stroke::Dotted, _) => attrs.push(attr("style", plain("dotted"))),
            (Stroke::Dashed, _) | (_, EdgeKind::Attack | EdgeKind::Undercut) => {
                attrs.push(attr("style", plain("dashed")))
            }
            (Stroke::Solid, EdgeKind::Support) => {}
        }
        if tip.is_none() {
            attrs.push(attr("arrowhead", plain("none")));
        } else if e.kind != EdgeKind::Support {
            attrs.push(attr("arrowhead", plain("tee")));
        }
        attrs.push(attr("pos", quoted(&spline)));
        if let (Some(l), Some(p)) = (&e.label, page.labels[k_e]) {
            // On a white card, as in the SVG.
            attrs.push(attr(
                "label",
                html(&format!(
                    "<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"1\" \
                     bgcolor=\"white\"><tr><td>{}</td></tr></table>",
                    text::html_label(l)
                )),
            ));
            attrs.push(attr("fontcolor", quoted(&e.color.hex())));
            attrs.push(attr("lp", pos(p)));
        }
        attrs.push(attr("tooltip", quoted(&e.tooltip)));
        stmts.push(Stmt::Edge(Edge {
            ty: EdgeTy::Pair(
                Vertex::N(NodeId(quoted(&name(v, e.from)), None)),
                Vertex::N(NodeId(quoted(&name(v, e.to)), None)),
            ),
            attributes: attrs,
        }));
    }

    // The title, a line a node.
    for (i, (c, font, bold)) in page.title.iter().enumerate() {
        let t = text::html_label(&v.title[i]);
        let t = if *bold { format!("<b>{t}</b>") } else { t };
        stmts.push(Stmt::Node(Node::new(
            NodeId(quoted(&format!("argmap title {i}")), None),
            vec![
                attr("id", quoted(&format!("{SVG_ID}title{i}"))),
                attr("shape", plain("plaintext")),
                attr("fixedsize", plain("false")),
                attr("width", plain("0")),
                attr("height", plain("0")),
                attr("fontsize", plain(&size(*font))),
                attr("label", html(&format!("<font>{t}</font>"))),
                attr("pos", pos(*c)),
            ],
        )));
    }
    if let (Some(l), Some(r)) = (&v.legend, page.legend) {
        let centre = Point::new(r.x + r.w / 2.0, r.y + r.h / 2.0);
        stmts.push(Stmt::Node(Node::new(
            NodeId(quoted(LEGEND_ID), None),
            vec![
                attr("id", quoted(&format!("{SVG_ID}legend"))),
                attr("shape", plain("plain")),
                attr("fixedsize", plain("false")),
                attr("fontsize", plain(if l.compact { "10" } else { "11" })),
                attr("label", html(&legend_html(l, v, page.legend_cols))),
                attr("pos", pos(centre)),
            ],
        )));
    }

    let graph = Graph::DiGraph {
        id: plain("argmap"),
        strict: false,
        stmts,
    };
    let mut ctx = PrinterContext::default();
    let mut dot = graph.print(&mut ctx);
    dot.push('\n');
    let text_pt = page.printed.map(|_| smallest_font(&dot) * k);
    Some(PinnedDot { dot, text_pt })
}

/// The DOT name of node or junction `i`: as in [`super::to_dot`], but a
/// stub, a copy of a node drawn elsewhere on the page, is `argmap stub i`
/// (with a space, which ids never have).
fn name(v: &View, i: usize) -> String {
    match v.nodes.get(i) {
        Some(n) if n.stub => format!("argmap stub {i}"),
        _ => item_name(v, i),
    }
}

/// The width of the cell of a group's label whose text the SVG reckons `w`
/// wide: with room for a text a little wider.
fn cell_width(w: f64) -> f64 {
    (w * 1.1 + 4.0).ceil()
}

/// The viewport's zoom: printed points per unit.
fn zoom(k: f64) -> String {
    format!("{:.6}", k + 0.0)
}

/// A coordinate, as written in the DOT: two decimals.
fn coord(x: f64) -> String {
    format!("{:.2}", x + 0.0)
}

/// Replaces attribute `key` (or adds it).
fn set(attrs: &mut Vec<Attribute>, key: &str, value: Id) {
    let k = plain(key);
    match attrs.iter_mut().find(|a| a.0 == k) {
        Some(a) => a.1 = value,
        None => attrs.push(attr(key, value)),
    }
}

/// A node's label at the embedded layout's font sizes: the score's is the
/// node's `fontsize` (not a whole number), the others' `point-size`s.
fn label(n: &VNode, page: &PageLayout) -> String {
    let faint = n.faint.hex();
    let lines: Vec<String> = n
        .lines
        .iter()
        .map(|l| {
            let mut t = text::html_label(&l.text);
            if page.bold(n, l.kind) {
                t = format!("<b>{t}</b>");
            }
            if l.kind == LineKind::Cite {
                t = format!("<i>{t}</i>");
                if n.url.is_some() {
                    t = format!("<u>{t}</u>");
                }
            }
            let pt = page.line(l.kind).0;
            let pt = if pt == page.line(LineKind::Score).0 {
                String::new()
            } else {
                format!(" point-size=\"{}\"", size(pt))
            };
            match l.kind {
                LineKind::Id | LineKind::Cite => {
                    format!("<font{pt} color=\"{faint}\">{t}</font>")
                }
                _ => format!("<font{pt}>{t}</font>"),
            }
        })
        .collect();
    let body = lines.join("<br/>");
    match &n.url {
        // The label links to the citation's `url`.
        Some(url) => {
            let u = text::html_label(url);
            format!(
                "<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"0\" \
                 href=\"{u}\" target=\"_blank\" tooltip=\"{u}\"><tr><td>{body}</td></tr></table>"
            )
        }
        None => format!("<font>{body}</font>"),
    }
}

/// The smallest font size in a DOT (`fontsize=` or `point-size="`).
fn smallest_font(dot: &str) -> f64 {
    let after = |key: &'static str| {
        dot.split(key).skip(1).filter_map(|rest| {
            let num: String = rest
                .trim_start_matches('"')
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            num.parse::<f64>().ok()
        })
    };
    after("fontsize=")
        .chain(after("point-size=\""))
        .fold(None, |m: Option<f64>, x| Some(m.map_or(x, |m| m.min(x))))
        .unwrap_or(0.0)
}
