//! The Graphviz DOT writer: the view becomes graphviz-rust's DOT structures,
//! printed by its printer. Every string that reaches the output goes through
//! [`text::quoted`] (DOT strings) or [`text::xml`] (HTML-like labels).

use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

mod pinned;

pub use pinned::{PINNED_ARGS, PinnedDot, to_pinned_dot};

use super::text::{self, Rgb};
use super::view::{self, LineKind, Shape, Stroke, VNode, View};
use super::{DotOptions, RankDir};
use crate::graph::ArgGraph;
use crate::model::EdgeKind;

/// The font of every label (Graphviz falls back through fontconfig).
const FONT: &str = "Helvetica,Arial,sans-serif";
/// The node id of the legend: it has a space, and node ids never do.
const LEGEND_ID: &str = "argmap legend";

/// The prefix of the `id` of every node (`argmap_n0`, `argmap_n1`, ...) and
/// edge (`argmap_e0`, ...) in the DOT, numbered in drawing order: Graphviz
/// writes it on the SVG group, where [`annotate_graphviz_svg`] finds it.
/// Letters, digits and `_` only, which Graphviz copies unchanged.
const SVG_ID: &str = "argmap_";

/// Gives the SVG that Graphviz (`dot -Tsvg`) drew from [`to_dot`]`(g, opts)`
/// the stable structure of `docs/diagrams.md`, as [`super::to_svg`] writes it
/// itself: each node's group (`<g id="argmap_n3" class="node">`) gets
/// `data-id="ID"`, each edge's (`class="edge"`) `data-from`, `data-to`,
/// `data-edge` and `data-kind`; the legend's group becomes `class="legend"`
/// (Graphviz draws it as a node). Graphviz already draws each node's box as the
/// first shape of its group. `g` and `opts` must be those the DOT was made
/// from (with a page, [`to_pinned_dot`]'s); anything else in `svg` is left as
/// it is.
///
/// ```
/// let src = argmap::Source::read(std::path::Path::new("graphs/nixon_diamond.ron")).unwrap();
/// let g = argmap::build(&argmap::check(&src).unwrap());
/// let opts = argmap::export::DotOptions::default();
/// // What `dot -Tsvg` writes for the first node (abridged):
/// let raw = "<g id=\"argmap_n0\" class=\"node\">\n<title>h_pacifist</title>";
/// let svg = argmap::export::annotate_graphviz_svg(raw, &g, &opts);
/// assert!(svg.starts_with(r#"<g id="argmap_n0" class="node" data-id="h_pacifist">"#));
/// ```
pub fn annotate_graphviz_svg(svg: &str, g: &ArgGraph, opts: &DotOptions) -> String {
    // With a page, Graphviz drew the embedded page layout (`to_pinned_dot`),
    // stubs and all.
    let v = match super::svg::page_layout(g, opts) {
        Some(page) => page.view,
        None => view::build(g, opts),
    };
    let open = format!("<g id=\"{SVG_ID}");
    let mut out = String::with_capacity(svg.len() + 64 * (v.nodes.len() + v.edges.len()));
    let mut rest = svg;
    while let Some(at) = rest.find(&open) {
        let (head, tail) = rest.split_at(at);
        out.push_str(head);
        let end = tail.find('>').unwrap_or(tail.len());
        let tag = &tail[..end];
        let name = tag[open.len()..].split('"').next().unwrap_or("");
        let index = |p: &str| name.strip_prefix(p)?.parse::<usize>().ok();
        // Graphviz draws the legend and the junctions as nodes: they are not.
        let (class, data) = if name == "legend" {
            ("legend", String::new())
        } else if name.starts_with("title") {
            ("title", String::new())
        } else if let Some(jn) = index("j").and_then(|j| v.junctions.get(j)) {
            ("junction", jn.data.clone())
        } else if let Some(n) = index("n").and_then(|i| v.nodes.get(i)) {
            let stub = if n.stub { " data-stub=\"true\"" } else { "" };
            ("node", format!(" data-id=\"{}\"{stub}", text::xml(&n.id)))
        } else if let Some(e) = index("e").and_then(|k| v.edges.get(k)) {
            ("edge", e.data.clone())
        } else {
            ("", String::new())
        };
        if tag.contains(" data-") || class.is_empty() {
            out.push_str(tag);
        } else {
            out.push_str(&tag.replace("class=\"node\"", &format!("class=\"{class}\"")));
            out.push_str(&data);
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    escape_hrefs(&out)
}

/// Graphviz (2.43) writes a link's `xlink:href` without escaping `&`, which
/// is not well-formed XML: escapes each `&` there that does not start an entity.
fn escape_hrefs(svg: &str) -> String {
    const HREF: &str = "xlink:href=\"";
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(at) = rest.find(HREF) {
        let start = at + HREF.len();
        out.push_str(&rest[..start]);
        let end = rest[start..].find('"').map_or(rest.len(), |e| start + e);
        let value = &rest[start..end];
        for (i, c) in value.char_indices() {
            let tail = &value[i + 1..];
            let entity = tail.find(';').is_some_and(|e| {
                e > 0
                    && tail[..e]
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '#')
            });
            if c == '&' && !entity {
                out.push_str("&amp;");
            } else {
                out.push(c);
            }
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Draws `g` as a Graphviz DOT digraph.
///
/// # Arguments
/// * `g`: a checked graph.
/// * `opts`: scores, a what-if, direction, focus, folding, legend, wrap width.
///
/// # Returns
/// The DOT text, ending with a newline: `digraph argmap { ... }`. Node names are
/// the file's ids; groups are clusters `cluster_0`, `cluster_1`, ... in file
/// order; labels are HTML-like labels with every character escaped. The same
/// input gives the same bytes. Feed it to `dot -Tsvg` (or `-Tpng`, `-Tpdf`).
pub fn to_dot(g: &ArgGraph, opts: &DotOptions) -> String {
    let v = view::build(g, opts);
    let mut stmts = vec![
        Stmt::GAttribute(GraphAttributes::Graph(graph_attributes(&v))),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("fontname", quoted(FONT)),
            attr("fontsize", plain("11")),
            attr("margin", quoted("0.14,0.07")),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            attr("fontname", quoted(FONT)),
            attr("fontsize", plain("9")),
            attr("arrowsize", plain("0.7")),
        ])),
    ];

    // Clusters, nested: children of group `p` are filled in bottom-up.
    let mut members: Vec<Vec<Stmt>> = vec![Vec::new(); v.groups.len()];
    let mut top = Vec::new();
    for (i, n) in v.nodes.iter().enumerate() {
        let stmt = Stmt::Node(node(n, i));
        match n.group {
            Some(gi) => members[gi].push(stmt),
            None => top.push(stmt),
        }
    }
    for (j, jn) in v.junctions.iter().enumerate() {
        let stmt = Stmt::Node(junction(jn, j, &item_name(&v, v.nodes.len() + j)));
        match jn.group {
            Some(gi) => members[gi].push(stmt),
            None => top.push(stmt),
        }
    }
    stmts.extend(clusters(&v, members, |i| {
        let gr = &v.groups[i];
        vec![
            attr(
                "label",
                html(&format!(
                    "<b>{}</b>",
                    lines_html(&text::wrap(&gr.label, 60))
                )),
            ),
            attr("labeljust", plain("l")),
            // Graphviz flips `labelloc` with `rankdir=BT`: ask for the top.
            attr(
                "labelloc",
                plain(if v.rankdir == RankDir::BottomToTop {
                    "b"
                } else {
                    "t"
                }),
            ),
            attr("style", quoted("rounded,filled")),
            attr("fillcolor", quoted(&cluster_fill(gr.depth).hex())),
            attr("color", quoted("#B3B3B3")),
            attr("fontname", quoted(FONT)),
            attr("fontsize", plain("12")),
            attr("fontcolor", quoted("#333333")),
            attr("margin", plain("10")),
        ]
    }));
    stmts.append(&mut top);

    for (k, e) in v.edges.iter().enumerate() {
        let mut attrs = vec![
            // The SVG id, which `annotate_graphviz_svg` gives the edge's data.
            attr("id", quoted(&format!("{SVG_ID}e{k}"))),
            attr("color", quoted(&e.color.hex())),
            attr("penwidth", plain(&format!("{:.2}", e.width))),
        ];
        match e.stroke {
            Stroke::Solid => {}
            Stroke::Dashed => attrs.push(attr("style", plain("dashed"))),
            Stroke::Dotted => attrs.push(attr("style", plain("dotted"))),
        }
        if let Some(l) = &e.label {
            attrs.push(attr("label", quoted(l)));
            attrs.push(attr("fontcolor", quoted(&e.color.hex())));
            // Graphviz places a label beside its edge, as a node of the middle
            // rank: where edges converge, several labels sit in a row between
            // them. `decorate` underlines each label and draws a line from it
            // to the nearest point of its own edge, so each belongs to one.
            attrs.push(attr("decorate", plain("true")));
        }
        if !e.head {
            // A premise's line into the junction where linked premises join.
            attrs.push(attr("arrowhead", plain("none")));
        } else if e.kind != EdgeKind::Support {
            // A second cue besides colour and dashes, for greyscale print.
            attrs.push(attr("arrowhead", plain("tee")));
        }
        if e.minlen > 1 {
            attrs.push(attr("minlen", plain(&e.minlen.to_string())));
        }
        attrs.push(attr("tooltip", quoted(&e.tooltip)));
        stmts.push(Stmt::Edge(Edge {
            ty: EdgeTy::Pair(
                Vertex::N(NodeId(quoted(&item_name(&v, e.from)), None)),
                Vertex::N(NodeId(quoted(&item_name(&v, e.to)), None)),
            ),
            attributes: attrs,
        }));
    }

    stmts.extend(rank_groups(&v));

    if let Some(l) = &v.legend {
        stmts.push(Stmt::Node(Node::new(
            NodeId(quoted(LEGEND_ID), None),
            vec![
                attr("id", quoted(&format!("{SVG_ID}legend"))),
                attr("shape", plain("plain")),
                attr("label", html(&legend_html(l, &v, 1))),
            ],
        )));
    }

    let graph = Graph::DiGraph {
        id: plain("argmap"),
        strict: false,
        stmts,
    };
    let mut ctx = PrinterContext::default();
    let mut out = graph.print(&mut ctx);
    out.push('\n');
    out
}

/// The groups of `v` as nested clusters `cluster_0`, `cluster_1`, ... (group
/// `i` with the attributes `attrs(i)`, then its `members`, then its
/// subgroups in file order), the top-level ones in file order.
fn clusters(
    v: &View,
    mut members: Vec<Vec<Stmt>>,
    attrs: impl Fn(usize) -> Vec<Attribute>,
) -> Vec<Stmt> {
    // Deepest groups first, so that a subgraph is complete when moved into its parent.
    let mut order: Vec<usize> = (0..v.groups.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(v.groups[i].depth), i));
    let mut done: Vec<Option<Subgraph>> = vec![None; v.groups.len()];
    for &i in &order {
        let mut sub = vec![Stmt::GAttribute(GraphAttributes::Graph(attrs(i)))];
        sub.append(&mut members[i]);
        // Children in file order (they have higher depth, so they are done).
        for (c, child) in v.groups.iter().enumerate() {
            if child.parent == Some(i)
                && let Some(s) = done[c].take()
            {
                sub.push(Stmt::Subgraph(s));
            }
        }
        done[i] = Some(Subgraph {
            id: plain(&format!("cluster_{i}")),
            stmts: sub,
        });
    }
    v.groups
        .iter()
        .enumerate()
        .filter(|(_, gr)| gr.parent.is_none())
        .filter_map(|(i, _)| done[i].take().map(Stmt::Subgraph))
        .collect()
}

/// One `{rank=same; ...}` subgraph per depth that holds two or more nodes
/// with reasons (nodes or junctions with an edge into them).
///
/// Graphviz ranks nodes to make the edges short in total, so a claim with many
/// reasons sinks a rank below its siblings, towards its reasons (with
/// `--hide-evidence`, the paper map's `c_differences` sat a rank below the
/// conclusion's other reasons), suggesting a hierarchy that is not there.
/// Here each such node's depth is the longest path from it to a node with
/// no edge out (counting each edge's `minlen`, an edge that closes a cycle
/// not counted), so it sits one rank below its lowest target, and the nodes of
/// one depth share a rank. Leaves (evidence, claims with no reasons) stay free:
/// Graphviz already puts each just below its lowest target, or where its
/// staggered `minlen` says.
fn rank_groups(v: &View) -> Vec<Stmt> {
    let n = v.nodes.len() + v.junctions.len();
    let mut out_edges: Vec<Vec<(usize, u32)>> = vec![Vec::new(); n];
    let mut has_reasons = vec![false; n];
    for e in &v.edges {
        if e.from < n && e.to < n && e.from != e.to {
            out_edges[e.from].push((e.to, e.minlen.max(1)));
            has_reasons[e.to] = true;
        }
    }
    let depth = depths(&out_edges);
    let mut levels: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for i in (0..n).filter(|&i| has_reasons[i]) {
        levels.entry(depth[i]).or_default().push(i);
    }
    levels
        .into_iter()
        .filter(|(_, items)| items.len() > 1)
        .map(|(d, items)| {
            let mut stmts = vec![Stmt::Attribute(attr("rank", plain("same")))];
            stmts.extend(
                items.iter().map(|&i| {
                    Stmt::Node(Node::new(NodeId(quoted(&item_name(v, i)), None), vec![]))
                }),
            );
            Stmt::Subgraph(Subgraph {
                id: plain(&format!("argmap_rank_{d}")),
                stmts,
            })
        })
        .collect()
}

/// The longest path (summing the edges' lengths) from each item to one with
/// no edge out; edges that close a cycle, as a depth-first search in item
/// order finds them, are left out. Iterative: no recursion on long chains.
fn depths(out_edges: &[Vec<(usize, u32)>]) -> Vec<usize> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        Open,
        Done,
    }
    let n = out_edges.len();
    let mut state = vec![State::New; n];
    let mut depth = vec![0usize; n];
    for root in 0..n {
        if state[root] != State::New {
            continue;
        }
        // (item, index of its next edge to look at)
        let mut stack = vec![(root, 0usize)];
        state[root] = State::Open;
        while let Some(&mut (u, ref mut next)) = stack.last_mut() {
            if let Some(&(w, _)) = out_edges[u].get(*next) {
                *next += 1;
                if state[w] == State::New {
                    state[w] = State::Open;
                    stack.push((w, 0));
                }
                continue;
            }
            // Every edge out of `u` is explored: those to open items close a cycle.
            depth[u] = out_edges[u]
                .iter()
                .filter(|&&(w, _)| state[w] == State::Done)
                .map(|&(w, len)| depth[w] + len as usize)
                .max()
                .unwrap_or(0);
            state[u] = State::Done;
            stack.pop();
        }
    }
    depth
}

/// The DOT name of a node (its id) or of junction `j` (`argmap junction j`,
/// with a space, which node ids never have), numbered as [`view::VEdge`] does.
fn item_name(v: &View, i: usize) -> String {
    match v.nodes.get(i) {
        Some(n) => n.id.clone(),
        None => format!("argmap junction {}", i - v.nodes.len()),
    }
}

/// A junction: a small dot where linked premises join, or a small rounded box
/// naming the inference's scheme.
fn junction(jn: &view::VJunction, j: usize, name: &str) -> Node {
    let c = quoted(&jn.color.hex());
    let mut attrs = vec![attr("id", quoted(&format!("{SVG_ID}j{j}")))];
    match &jn.label {
        None => attrs.extend([
            attr("shape", plain("circle")),
            attr("width", plain("0.12")),
            attr("fixedsize", plain("true")),
            attr("style", plain("filled")),
            attr("fillcolor", c.clone()),
            attr("color", c),
            attr("label", quoted("")),
        ]),
        Some(l) => attrs.extend([
            attr("shape", plain("box")),
            attr("style", quoted("rounded,filled")),
            attr("fillcolor", quoted("white")),
            attr("color", c),
            attr("penwidth", plain("1.5")),
            attr("margin", quoted("0.06,0.02")),
            attr("width", plain("0")),
            attr("height", plain("0")),
            attr("fontsize", plain("9")),
            attr("fontcolor", quoted("#333333")),
            attr("label", html(&format!("<i>{}</i>", text::html_label(l)))),
        ]),
    }
    attrs.push(attr("tooltip", quoted(&jn.tooltip)));
    Node::new(NodeId(quoted(name), None), attrs)
}

fn attr(key: &str, value: Id) -> Attribute {
    Attribute(plain(key), value)
}

fn plain(s: &str) -> Id {
    Id::Plain(s.to_string())
}

/// A DOT string, escaped.
fn quoted(s: &str) -> Id {
    Id::Escaped(text::quoted(s))
}

/// An HTML-like label from markup whose text parts are already escaped.
fn html(markup: &str) -> Id {
    Id::Html(format!("<{markup}>"))
}

fn graph_attributes(v: &View) -> Vec<Attribute> {
    let mut a = vec![
        attr("rankdir", plain(v.rankdir.name())),
        attr("newrank", plain("true")),
        attr("nodesep", plain("0.25")),
        attr("ranksep", plain("0.45")),
        attr("fontname", quoted(FONT)),
        attr("bgcolor", quoted("white")),
        attr("pad", plain("0.2")),
        attr("outputorder", plain("edgesfirst")),
    ];
    if !v.title.is_empty() {
        let mut t = format!(
            "<font point-size=\"18\"><b>{}</b></font>",
            text::html_label(&v.title[0])
        );
        for line in &v.title[1..] {
            t.push_str(&format!(
                "<br/><font point-size=\"12\">{}</font>",
                text::html_label(line)
            ));
        }
        a.push(attr("label", html(&t)));
        a.push(attr("labelloc", plain("t")));
    }
    a
}

/// Lines joined with `<br/>`, each escaped.
fn lines_html(lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| text::html_label(l))
        .collect::<Vec<_>>()
        .join("<br/>")
}

pub(super) fn cluster_fill(depth: usize) -> Rgb {
    const FILLS: [Rgb; 3] = [
        Rgb(0xF5, 0xF5, 0xF5),
        Rgb(0xEA, 0xEA, 0xEA),
        Rgb(0xDF, 0xDF, 0xDF),
    ];
    FILLS[depth.min(FILLS.len() - 1)]
}

fn node(n: &VNode, i: usize) -> Node {
    let mut style = match n.shape {
        Shape::Evidence => "filled".to_string(),
        Shape::Claim | Shape::Conclusion => "rounded,filled".to_string(),
    };
    if n.dashed {
        style.push_str(",dashed");
    }
    let mut attrs = vec![
        // The SVG id, which `annotate_graphviz_svg` gives the node's `data-id`.
        attr("id", quoted(&format!("{SVG_ID}n{i}"))),
        attr(
            "shape",
            plain(match n.shape {
                Shape::Evidence => "note",
                Shape::Claim | Shape::Conclusion => "box",
            }),
        ),
        attr("style", quoted(&style)),
        attr("fillcolor", quoted(&n.fill.hex())),
        attr("color", quoted(&n.border.hex())),
        attr("fontcolor", quoted(&n.ink.hex())),
        attr("penwidth", plain(&format!("{:.1}", n.border_width))),
    ];
    if n.shape == Shape::Conclusion {
        attrs.push(attr("peripheries", plain("2")));
    }
    attrs.push(attr("label", html(&label_html(n))));
    attrs.push(attr("tooltip", quoted(&n.tooltip)));
    Node::new(NodeId(quoted(&n.id), None), attrs)
}

/// The label of a node: one line per label line, styled by kind.
fn label_html(n: &VNode) -> String {
    let faint = n.faint.hex();
    let parts: Vec<String> = n
        .lines
        .iter()
        .map(|l| {
            let t = text::html_label(&l.text);
            match l.kind {
                LineKind::Id => format!("<font point-size=\"8\" color=\"{faint}\">{t}</font>"),
                LineKind::Text if n.shape == Shape::Conclusion => format!("<b>{t}</b>"),
                LineKind::Text => t,
                LineKind::Cite => {
                    format!("<font point-size=\"8\" color=\"{faint}\"><i>{t}</i></font>")
                }
                LineKind::Score => format!("<font point-size=\"10\"><b>{t}</b></font>"),
                LineKind::Count => format!("<font point-size=\"9\">{t}</font>"),
            }
        })
        .collect();
    let Some(url) = &n.url else {
        // One outer element, so that the label ends with `>>` as graphviz-rust's own
        // DOT parser expects.
        return format!("<font>{}</font>", parts.join("<br/>"));
    };
    // With a link: a borderless table, whose citation cell links to the `url`.
    let mut rows = String::new();
    let mut k = 0;
    while k < parts.len() {
        let cite = n.lines[k].kind == LineKind::Cite;
        let run = n.lines[k..]
            .iter()
            .take_while(|l| (l.kind == LineKind::Cite) == cite)
            .count();
        let cell = parts[k..k + run].join("<br/>");
        if cite {
            let u = text::html_label(url);
            rows.push_str(&format!(
                "<tr><td href=\"{u}\" target=\"_blank\" tooltip=\"{u}\"><u>{cell}</u></td></tr>"
            ));
        } else {
            rows.push_str(&format!("<tr><td>{cell}</td></tr>"));
        }
        k += run;
    }
    format!(
        "<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"0\">{rows}</table>"
    )
}

/// The legend: an HTML table laid out as the embedded SVG draws its legend
/// (rows 20 units high, samples 52 units wide with boxes of 36 x 14 as the
/// nodes' shapes, explanations at 11, the ramp as five cells of 36 under a
/// caption across the table), with the embedded legend's column widths.
/// In `cols` columns as the embedded legend of that many columns; on a page
/// (`l.compact`) with its rows, its text size and no heading, as the page's
/// embedded legend.
fn legend_html(l: &view::Legend, v: &View, cols: usize) -> String {
    let has_evidence = v.nodes.iter().any(|n| n.shape == Shape::Evidence);
    // The sample column and the whole table as wide as the SVG's; the
    // explanations take the rest (less the paddings, the gap and the border).
    let (sample_w, text_w, _, row, _) = super::svg::legend_columns(l, v, cols);
    let sample_w = sample_w.ceil();
    let s = view::SUPPORT.hex();
    let a = view::ATTACK.hex();
    // A sample in a cell 52 wide, centred, as the SVG's samples are.
    let cell = |inner: &str| {
        format!(
            "<table border=\"0\" cellspacing=\"0\" cellpadding=\"0\"><tr>\
             <td width=\"52\" height=\"{row}\">{inner}</td></tr></table>"
        )
    };
    // A box of 36 x 14: `attrs` give its border and fill; a text in it (a
    // border of 1) is centred in a cell of 34 x 12.
    let boxed = |attrs: &str, inner: &str| {
        let td = if inner.is_empty() {
            "<td>".to_string()
        } else {
            "<td fixedsize=\"true\" width=\"34\" height=\"12\">".to_string()
        };
        cell(&format!(
            "<table {attrs} cellborder=\"0\" cellspacing=\"0\" cellpadding=\"0\" \
             fixedsize=\"true\" width=\"36\" height=\"14\"><tr>{td}{inner}</td></tr></table>"
        ))
    };
    let glyph =
        |colour: &str, g: &str| cell(&format!("<font color=\"{colour}\"><b>{g}</b></font>"));
    let mut rows: Vec<(String, String)> = vec![
        (glyph(&s, "━━━▶"), "supports".to_string()),
        (glyph(&a, "╍╍╍┫"), "attacks".to_string()),
        (
            cell("0.4"),
            "edge weight (unlabelled: 1); thicker = stronger".to_string(),
        ),
        // Two rounded frames, as the conclusion's two borders.
        (
            cell(
                "<table border=\"1\" cellborder=\"0\" color=\"black\" style=\"rounded\" \
                 cellspacing=\"0\" cellpadding=\"2\" fixedsize=\"true\" width=\"42\" height=\"20\">\
                 <tr><td><table border=\"2\" cellborder=\"0\" color=\"black\" style=\"rounded\" \
                 cellspacing=\"0\" cellpadding=\"0\" fixedsize=\"true\" width=\"36\" height=\"14\">\
                 <tr><td></td></tr></table></td></tr></table>",
            ),
            "conclusion (double border)".to_string(),
        ),
        (
            boxed("border=\"1\" color=\"black\" style=\"rounded\"", ""),
            "claim".to_string(),
        ),
    ];
    if l.linked {
        rows.push((
            glyph(&s, "━●━▶"),
            "linked premises: they count only together".to_string(),
        ));
    }
    if l.undercut {
        rows.push((
            glyph(&a, "╍╍┫●"),
            "undercut: attacks the inference it ends on (CQn: its question)".to_string(),
        ));
    }
    if l.scheme {
        rows.push((
            boxed(
                &format!("border=\"1\" color=\"{s}\" style=\"rounded\""),
                "<font point-size=\"9\" color=\"#333333\"><i>sign</i></font>",
            ),
            "the inference&#39;s argumentation scheme".to_string(),
        ));
    }
    if has_evidence {
        // With scores, fills show strength: the sample is the shape only.
        let fill = if l.ramp.is_some() {
            text::WHITE
        } else {
            view::PAPER
        };
        // A page with a folded corner, as the `note` shape: the corner is a
        // cell with only its left and bottom sides (the fold) and no fill.
        rows.push((
            cell(&format!(
                "<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"0\" \
                 color=\"#6E6E6E\" fixedsize=\"true\" width=\"36\" height=\"14\"><tr><td sides=\"LT\" width=\"31\" height=\"5\" bgcolor=\"{f}\"></td>\
                 <td sides=\"LB\" width=\"5\" height=\"5\"></td></tr><tr><td colspan=\"2\" sides=\"LRB\" \
                 width=\"36\" height=\"9\" bgcolor=\"{f}\"></td></tr></table>",
                f = fill.hex()
            )),
            "evidence, with its source".to_string(),
        ));
    }
    if let Some((sample, explanation)) = &l.folded {
        rows.push((
            format!(
                "<font point-size=\"10\">{}</font>",
                text::html_label(sample)
            ),
            text::html_label(explanation),
        ));
    }
    if l.stubs {
        rows.push((
            boxed(
                "border=\"1\" color=\"#595959\" style=\"rounded,dashed\"",
                "",
            ),
            "stub: a node drawn elsewhere (where: on its line); the edge continues there"
                .to_string(),
        ));
    }
    if l.whatif {
        rows.push((
            boxed(
                &format!(
                    "border=\"1\" color=\"{}\" style=\"dashed\" bgcolor=\"#F2F2F2\"",
                    view::REMOVED.hex()
                ),
                "",
            ),
            "removed (grey, dashed; edges dotted)".to_string(),
        ));
        rows.push((
            boxed("border=\"3\" color=\"black\" style=\"rounded\"", ""),
            format!("moved most (top {})", view::MOVED_MOST),
        ));
    }
    // The samples and their explanations in a table of their own, so that
    // the ramp's caption, which spans the legend, does not widen the samples.
    // In several columns, the rows dealt out in order, as many to a column
    // as the embedded legend puts there (see `svg::legend_grid`).
    let span = 3 + 4 * (text_w.len() - 1);
    let mut grid = if l.compact {
        String::new()
    } else {
        format!(
            "<tr><td colspan=\"{span}\" align=\"left\" height=\"{row}\"><b>Legend</b></td></tr>"
        )
    };
    let per = rows.len().div_ceil(text_w.len()).max(1);
    let pair = |(left, right): &(String, String), w: f64| {
        format!(
            "<td align=\"left\" width=\"{sample_w}\" height=\"{row}\">{left}</td>\
             <td width=\"8\"></td><td align=\"left\" width=\"{w}\">{right}</td>"
        )
    };
    for i in 0..per {
        let mut tr = pair(&rows[i], text_w[0]);
        for (c, &w) in text_w.iter().enumerate().skip(1) {
            if let Some(r) = rows.get(c * per + i) {
                tr.push_str(&format!(
                    "<td width=\"{}\"></td>{}",
                    super::svg::LEGEND_COLUMN_GAP,
                    pair(r, w)
                ));
            }
        }
        grid.push_str(&format!("<tr>{tr}</tr>"));
    }
    let across = |content: &str| {
        format!(
            "<tr><td width=\"10\"></td><td align=\"left\" height=\"{row}\">{content}</td>\
             <td width=\"10\"></td></tr>"
        )
    };
    let mut html = format!(
        "<tr><td colspan=\"3\" height=\"6\"></td></tr>{}",
        across(&format!(
            "<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"0\" \
             align=\"left\">{grid}</table>"
        ))
    );
    if let Some(caption) = &l.ramp {
        let mut cells = String::new();
        for k in 0..=4 {
            let x = f64::from(k) / 4.0;
            let c = text::ramp(x);
            cells.push_str(&format!(
                "<td bgcolor=\"{}\" fixedsize=\"true\" width=\"36\" height=\"16\">\
                 <font point-size=\"10\" color=\"{}\">{}</font></td>",
                c.hex(),
                c.text_on().hex(),
                text::tick(x)
            ));
        }
        html.push_str(&across(&format!("fill: {}", text::html_label(caption))));
        html.push_str(&across(&format!(
            "<table border=\"0\" cellspacing=\"0\" cellpadding=\"0\" fixedsize=\"true\" \
             width=\"180\" height=\"16\" align=\"left\"><tr>{cells}</tr></table>"
        )));
    }
    html.push_str("<tr><td colspan=\"3\" height=\"6\"></td></tr>");
    format!(
        "<table border=\"1\" color=\"#B3B3B3\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"0\" \
         bgcolor=\"white\">{html}</table>"
    )
}

/// A font size as written in the DOT: at most two decimals, no trailing zeros.
fn size(x: f64) -> String {
    let s = format!("{:.2}", x + 0.0);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}
