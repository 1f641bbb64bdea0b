//! What a diagram shows, decided once for both writers: which nodes, edges and
//! groups are visible, every label line, every colour and pen.

use std::collections::HashMap;

use super::text::{self, BLACK, Rgb, WHITE};
use super::{DotOptions, RankDir};
use crate::graph::ArgGraph;
use crate::model::SemanticsKind;
use crate::model::{EdgeKind, NodeKind};

/// Support edges: Okabe and Ito's bluish green.
pub(crate) const SUPPORT: Rgb = Rgb(0x00, 0x9E, 0x73);
/// Attack edges: Okabe and Ito's vermillion.
pub(crate) const ATTACK: Rgb = Rgb(0xD5, 0x5E, 0x00);
/// Removed edges and node borders in a what-if.
pub(crate) const REMOVED: Rgb = Rgb(0xA6, 0xA6, 0xA6);
/// Fill of evidence nodes when there are no scores: a paper tone.
pub(crate) const PAPER: Rgb = Rgb(0xF6, 0xF1, 0xE1);
/// Fill of removed nodes.
const REMOVED_FILL: Rgb = Rgb(0xF2, 0xF2, 0xF2);
/// Text of removed nodes.
const REMOVED_INK: Rgb = Rgb(0x80, 0x80, 0x80);
/// Secondary text (ids, citations) on a light background.
const FAINT: Rgb = Rgb(0x59, 0x59, 0x59);
/// How many nodes a what-if outlines as "moved most".
pub(crate) const MOVED_MOST: usize = 5;
/// The smallest change in strength a what-if outlines or prints.
const MIN_DELTA: f64 = 0.005;

/// The outline of a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// A rounded box.
    Claim,
    /// A page with a folded corner.
    Evidence,
    /// A rounded box with a bold double border.
    Conclusion,
}

/// How a label line is set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LineKind {
    /// The node id: small.
    Id,
    /// The statement (bold for the conclusion).
    Text,
    /// The citation of evidence: small italic.
    Cite,
    /// Scores: bold.
    Score,
    /// Folded evidence: small.
    Count,
}

/// One line of a node label: plain text, escaped by each writer.
#[derive(Clone, Debug)]
pub(crate) struct Line {
    pub kind: LineKind,
    pub text: String,
}

/// A visible node.
#[derive(Clone, Debug)]
pub(crate) struct VNode {
    /// The node's id (raw; each writer escapes it).
    pub id: String,
    pub shape: Shape,
    pub lines: Vec<Line>,
    pub fill: Rgb,
    /// Text colour of the statement and scores.
    pub ink: Rgb,
    /// Text colour of ids and citations.
    pub faint: Rgb,
    pub border: Rgb,
    pub border_width: f64,
    pub dashed: bool,
    /// Index into [`View::groups`].
    pub group: Option<usize>,
    /// Full text, citation and note, for hovering.
    pub tooltip: String,
}

/// How an edge is stroked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stroke {
    Solid,
    Dashed,
    Dotted,
}

/// A visible edge.
#[derive(Clone, Debug)]
pub(crate) struct VEdge {
    /// Position of the source in [`View::nodes`].
    pub from: usize,
    /// Position of the target in [`View::nodes`].
    pub to: usize,
    pub kind: EdgeKind,
    pub color: Rgb,
    pub width: f64,
    pub stroke: Stroke,
    /// The weight, when it is not 1.
    pub label: Option<String>,
    pub tooltip: String,
    /// At least how many ranks the edge spans (Graphviz's `minlen`): see [`stagger`].
    pub minlen: u32,
    /// The SVG data attributes of the edge's group (escaped, each with a
    /// leading space): see [`edge_data`].
    pub data: String,
}

/// A visible group.
#[derive(Clone, Debug)]
pub(crate) struct VGroup {
    /// Its label (or id), cleaned.
    pub label: String,
    /// Index of the enclosing group in [`View::groups`].
    pub parent: Option<usize>,
    /// 0 for a top-level group.
    pub depth: usize,
}

/// What the legend explains.
#[derive(Clone, Debug)]
pub(crate) struct Legend {
    /// The caption of the colour ramp, when nodes are coloured by strength.
    pub ramp: Option<String>,
    /// Whether removed and moved-most nodes are to be explained.
    pub whatif: bool,
    /// Whether evidence was folded into counts.
    pub folded: bool,
}

/// Everything a writer draws.
#[derive(Clone, Debug)]
pub(crate) struct View {
    pub title: Vec<String>,
    pub rankdir: RankDir,
    pub nodes: Vec<VNode>,
    pub edges: Vec<VEdge>,
    pub groups: Vec<VGroup>,
    pub legend: Option<Legend>,
}

/// What a node's score line says.
enum Scoring<'a> {
    None,
    Scores {
        semantics: SemanticsKind,
        s: &'a [f64],
    },
    WhatIf {
        w: &'a super::WhatIf,
        moved: Vec<bool>,
    },
}

/// Prepares the picture of `g` under `opts`.
pub(crate) fn build(g: &ArgGraph, opts: &DotOptions) -> View {
    let n = g.len();
    let links = g.links();
    let mut visible = match opts.focus {
        None => vec![true; n],
        Some((f, depth)) => neighbourhood(g, f, depth),
    };
    let scoring = match (&opts.whatif, &opts.scores) {
        (Some(w), _) => Scoring::WhatIf {
            w,
            moved: moved_most(w, n),
        },
        (None, Some(s)) => Scoring::Scores {
            semantics: s.semantics,
            s: &s.strengths,
        },
        (None, None) => Scoring::None,
    };
    let removed = |i: usize| match &scoring {
        Scoring::WhatIf { w, .. } => w.removed.get(i).copied().unwrap_or(false),
        _ => false,
    };
    let edge_removed = |k: usize| match &scoring {
        Scoring::WhatIf { w, .. } => {
            w.removed_edges.get(k).copied().unwrap_or(false)
                || removed(links[k].from)
                || removed(g.inference_target(k))
        }
        _ => false,
    };

    // Folded evidence: per claim, how many pieces support and attack it.
    let mut folded = vec![(0usize, 0usize); n];
    if opts.hide_evidence {
        for (k, l) in links.iter().enumerate() {
            let from_evidence = g.node(l.from).kind == NodeKind::Evidence;
            if from_evidence && l.from != g.conclusion() && !edge_removed(k) {
                match l.kind {
                    EdgeKind::Support => folded[l.to].0 += 1,
                    EdgeKind::Attack => folded[l.to].1 += 1,
                    EdgeKind::Undercut => {}
                }
            }
        }
        for (i, v) in visible.iter_mut().enumerate() {
            if g.node(i).kind == NodeKind::Evidence && i != g.conclusion() {
                *v = false;
            }
        }
    }

    let groups = visible_groups(g, &visible);
    let mut position = vec![usize::MAX; n];
    let mut nodes = Vec::new();
    for i in (0..n).filter(|&i| visible[i]) {
        position[i] = nodes.len();
        let mut node = node(g, i, opts, &scoring, removed(i), folded[i]);
        node.group = g
            .node(i)
            .group
            .as_deref()
            .and_then(|id| groups.index.get(id).copied());
        if opts.focus.is_some_and(|(f, _)| f == i) {
            node.border_width = node.border_width.max(2.5);
        }
        nodes.push(node);
    }

    let mut edges = Vec::new();
    for (k, l) in links.iter().enumerate() {
        if l.kind == EdgeKind::Undercut || !(visible[l.from] && visible[l.to]) {
            continue;
        }
        let gone = edge_removed(k);
        let (color, stroke) = match (gone, l.kind) {
            (true, _) => (REMOVED, Stroke::Dotted),
            (false, EdgeKind::Support) => (SUPPORT, Stroke::Solid),
            (false, EdgeKind::Attack | EdgeKind::Undercut) => (ATTACK, Stroke::Dashed),
        };
        let label = ((l.weight - 1.0).abs() > 1e-9).then(|| text::weight(l.weight));
        let verb = match l.kind {
            EdgeKind::Support => "supports",
            EdgeKind::Attack => "attacks",
            EdgeKind::Undercut => "undercuts",
        };
        let mut tooltip = format!(
            "{} {verb} {} (weight {})",
            g.id(l.from),
            g.id(l.to),
            text::weight(l.weight)
        );
        if gone {
            tooltip.push_str(", removed");
        }
        if let Some(note) = &g.model().edges[k].data().note {
            tooltip.push_str(": ");
            tooltip.push_str(note);
        }
        edges.push(VEdge {
            from: position[l.from],
            to: position[l.to],
            kind: l.kind,
            color,
            width: if gone { 1.0 } else { pen_width(l.weight) },
            stroke,
            label,
            tooltip: text::clean(&tooltip, true),
            minlen: 1,
            data: edge_data(g, k),
        });
    }
    stagger(nodes.len(), &mut edges);

    let legend = opts.legend.then(|| Legend {
        ramp: match &scoring {
            Scoring::None => None,
            Scoring::Scores { semantics, .. } => Some(format!(
                "strength ({}); label: base → strength",
                semantics.name()
            )),
            Scoring::WhatIf { w, .. } => Some(format!(
                "strength after the change ({}); label: before → after",
                w.semantics.name()
            )),
        },
        whatif: matches!(scoring, Scoring::WhatIf { .. }),
        folded: opts.hide_evidence,
    });

    View {
        title: if opts.title {
            title(g, &scoring)
        } else {
            Vec::new()
        },
        rankdir: opts.rankdir,
        nodes,
        edges,
        groups: groups.groups,
        legend,
    }
}

/// The data attributes that identify model edge `k` in an SVG (the stable
/// structure of `docs/diagrams.md`): `data-from` (its premises, separated by
/// spaces: ids never contain whitespace), `data-to` (its `to` as in the file:
/// a node id, or an edge id for an undercut), `data-edge` (its id, or `#N`,
/// its 1-based position) and `data-kind` (`support`, `attack`, `undercut`).
pub(crate) fn edge_data(g: &ArgGraph, k: usize) -> String {
    let e = g.model().edges[k].data();
    let kind = match g.links()[k].kind {
        EdgeKind::Support => "support",
        EdgeKind::Attack => "attack",
        EdgeKind::Undercut => "undercut",
    };
    format!(
        " data-from=\"{}\" data-to=\"{}\" data-edge=\"{}\" data-kind=\"{kind}\"",
        text::xml(&e.from.join(" ")),
        text::xml(&e.to),
        text::xml(&g.edge_label(k))
    )
}

/// Leaves that hang side by side from one node (typically its evidence) make a
/// layered picture very wide. When a node has [`STAGGER_FROM`] or more of them,
/// their edges get lengths 1, 2 (and 3 from twice that many), in turn, so the
/// leaves sit on two or three ranks, like Graphviz's `unflatten -l`.
fn stagger(n: usize, edges: &mut [VEdge]) {
    let mut indegree = vec![0usize; n];
    for e in edges.iter() {
        indegree[e.to] += 1;
    }
    let mut leaf_edges: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (k, e) in edges.iter().enumerate() {
        if indegree[e.from] == 0 {
            leaf_edges[e.to].push(k);
        }
    }
    for ks in &leaf_edges {
        if ks.len() < STAGGER_FROM {
            continue;
        }
        let levels = if ks.len() >= 2 * STAGGER_FROM { 3 } else { 2 };
        for (j, &k) in ks.iter().enumerate() {
            // A leaf with several targets keeps its longest requirement.
            edges[k].minlen = edges[k].minlen.max(1 + (j % levels) as u32);
        }
    }
}

/// See [`stagger`].
const STAGGER_FROM: usize = 4;

/// Pen width of an edge of weight `w`: 1.2 at weight 0.2, 3 at weight 1.
pub(crate) fn pen_width(w: f64) -> f64 {
    let w = if w.is_finite() {
        w.clamp(0.0, 1.5)
    } else {
        1.0
    };
    0.75 + 2.25 * w
}

/// The nodes at most `depth` edges from `focus`, edges taken in either direction.
fn neighbourhood(g: &ArgGraph, focus: usize, depth: usize) -> Vec<bool> {
    let n = g.len();
    let mut dist = vec![usize::MAX; n];
    if focus >= n {
        return vec![false; n];
    }
    let mut adj = vec![Vec::new(); n];
    for j in 0..g.links().len() {
        let to = g.inference_target(j);
        for &p in g.premises(j) {
            adj[p].push(to);
            adj[to].push(p);
        }
    }
    dist[focus] = 0;
    let mut queue = std::collections::VecDeque::from([focus]);
    while let Some(u) = queue.pop_front() {
        if dist[u] == depth {
            continue;
        }
        for &v in &adj[u] {
            if dist[v] == usize::MAX {
                dist[v] = dist[u] + 1;
                queue.push_back(v);
            }
        }
    }
    dist.iter().map(|&d| d != usize::MAX).collect()
}

/// The (at most [`MOVED_MOST`]) kept nodes whose strength moved most, by at
/// least [`MIN_DELTA`]; ties go to the earlier node.
fn moved_most(w: &super::WhatIf, n: usize) -> Vec<bool> {
    let mut deltas: Vec<(f64, usize)> = (0..n)
        .filter(|&i| !w.removed.get(i).copied().unwrap_or(false))
        .filter_map(|i| {
            let d = (w.after.get(i)? - w.before.get(i)?).abs();
            (d >= MIN_DELTA).then_some((d, i))
        })
        .collect();
    deltas.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut out = vec![false; n];
    for &(_, i) in deltas.iter().take(MOVED_MOST) {
        out[i] = true;
    }
    out
}

struct Groups {
    groups: Vec<VGroup>,
    index: HashMap<String, usize>,
}

/// The groups that hold a visible node, directly or through a subgroup, in file
/// order, with parents resolved.
fn visible_groups(g: &ArgGraph, visible: &[bool]) -> Groups {
    let all = g.groups();
    let by_id: HashMap<&str, usize> = all
        .iter()
        .enumerate()
        .map(|(i, gr)| (gr.id.as_str(), i))
        .collect();
    let parent = |i: usize| all[i].parent.as_deref().and_then(|p| by_id.get(p).copied());
    let mut keep = vec![false; all.len()];
    for (i, node) in g.nodes().iter().enumerate() {
        let mut cur = node.group.as_deref().and_then(|id| by_id.get(id).copied());
        // The validator rejects parent cycles; the step limit keeps this total anyway.
        let mut steps = 0;
        while let (true, Some(c)) = (visible[i], cur) {
            if keep[c] || steps > all.len() {
                break;
            }
            keep[c] = true;
            cur = parent(c);
            steps += 1;
        }
    }
    let mut index = HashMap::new();
    let mut groups: Vec<VGroup> = Vec::new();
    let mut old_to_new = vec![usize::MAX; all.len()];
    // Parents may come after their children in the file: place parents first.
    let mut order: Vec<usize> = (0..all.len()).filter(|&i| keep[i]).collect();
    order.sort_by_key(|&i| (depth_of(i, &parent, all.len()), i));
    for i in order {
        let p = parent(i).filter(|&p| keep[p]).map(|p| old_to_new[p]);
        let depth = p.map_or(0, |p: usize| groups[p].depth + 1);
        old_to_new[i] = groups.len();
        index.insert(all[i].id.clone(), groups.len());
        let label = all[i].label.as_deref().unwrap_or(&all[i].id);
        groups.push(VGroup {
            label: text::clean(label, false),
            parent: p,
            depth,
        });
    }
    Groups { groups, index }
}

fn depth_of(i: usize, parent: &dyn Fn(usize) -> Option<usize>, limit: usize) -> usize {
    let (mut d, mut cur) = (0, parent(i));
    while let Some(c) = cur {
        d += 1;
        if d > limit {
            break;
        }
        cur = parent(c);
    }
    d
}

/// One node's label and look.
fn node(
    g: &ArgGraph,
    i: usize,
    opts: &DotOptions,
    scoring: &Scoring,
    removed: bool,
    (ev_for, ev_against): (usize, usize),
) -> VNode {
    let m = g.node(i);
    let conclusion = i == g.conclusion();
    let shape = match (conclusion, m.kind) {
        (true, _) => Shape::Conclusion,
        (false, NodeKind::Claim) => Shape::Claim,
        (false, NodeKind::Evidence) => Shape::Evidence,
    };
    let wrap = opts.wrap.max(8);
    let mut lines = vec![Line {
        kind: LineKind::Id,
        text: text::truncate(&m.id, wrap),
    }];
    lines.extend(text::wrap(&m.text, wrap).into_iter().map(|t| Line {
        kind: LineKind::Text,
        text: t,
    }));
    if let Some(c) = &m.cite {
        let mut cite = c.reference.clone();
        if let Some(via) = &c.via {
            cite = format!("{cite} via {via}");
        }
        if let Some(loc) = &c.locator {
            cite = format!("{cite}, {loc}");
        }
        lines.push(Line {
            kind: LineKind::Cite,
            text: text::truncate(&cite, wrap),
        });
    }
    if ev_for + ev_against > 0 {
        let mut parts = Vec::new();
        if ev_for > 0 {
            parts.push(format!("{ev_for} for"));
        }
        if ev_against > 0 {
            parts.push(format!("{ev_against} against"));
        }
        let t = format!("evidence: {}", parts.join(", "));
        lines.push(Line {
            kind: LineKind::Count,
            text: t,
        });
    }

    let mut fill = match shape {
        Shape::Evidence => PAPER,
        _ => WHITE,
    };
    let mut border = match shape {
        Shape::Evidence => Rgb(0x6E, 0x6E, 0x6E),
        Shape::Claim => Rgb(0x33, 0x33, 0x33),
        Shape::Conclusion => BLACK,
    };
    let mut border_width = if shape == Shape::Conclusion { 2.0 } else { 1.0 };
    let score_line = match scoring {
        Scoring::None => None,
        Scoring::Scores { s, .. } => s.get(i).map(|&x| {
            fill = text::ramp(x);
            format!("{} → {}", text::score(m.base), text::score(x))
        }),
        Scoring::WhatIf { w, moved } => {
            if removed {
                Some("removed".to_string())
            } else {
                match (w.before.get(i), w.after.get(i)) {
                    (Some(&b), Some(&a)) => {
                        fill = text::ramp(a);
                        if moved[i] {
                            border = BLACK;
                            border_width = 3.5;
                        }
                        let mut t = format!("{} → {}", text::score(b), text::score(a));
                        if (a - b).abs() >= MIN_DELTA {
                            t = format!("{t}  ({})", text::delta(a - b));
                        }
                        Some(t)
                    }
                    _ => None,
                }
            }
        }
    };
    if let Some(t) = score_line {
        lines.push(Line {
            kind: LineKind::Score,
            text: t,
        });
    }
    let (ink, faint) = if removed {
        fill = REMOVED_FILL;
        border = REMOVED;
        (REMOVED_INK, REMOVED_INK)
    } else if fill == WHITE || fill == PAPER {
        (BLACK, FAINT)
    } else {
        let ink = fill.text_on();
        (ink, ink)
    };

    let mut tooltip = format!("{}: {}", m.id, m.text);
    if let Some(c) = &m.cite {
        tooltip.push_str(&format!("\n{}", c.attribution()));
        if let Some(q) = &c.quote {
            tooltip.push_str(&format!(": “{q}”"));
        }
    }
    if let Some(note) = &m.note {
        tooltip.push_str(&format!("\nbase {}: {note}", text::score(m.base)));
    }
    VNode {
        id: m.id.clone(),
        shape,
        lines,
        fill,
        ink,
        faint,
        border,
        border_width,
        dashed: removed,
        group: None,
        tooltip: text::clean(&tooltip, true),
    }
}

/// The title lines: the graph's title, its source, and what the colours show.
fn title(g: &ArgGraph, scoring: &Scoring) -> Vec<String> {
    let m = g.model();
    let mut out = Vec::new();
    if !m.title.trim().is_empty() {
        out.push(text::clean(&m.title, false));
    }
    if let Some(s) = &m.source {
        let names: Vec<&str> = s
            .authors
            .iter()
            .filter_map(|a| a.split_whitespace().last())
            .collect();
        let mut line = match names.as_slice() {
            [] => String::new(),
            [a] => a.to_string(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        };
        if let Some(y) = s.year {
            line = format!("{line} ({y})").trim_start().to_string();
        }
        if let Some(v) = &s.venue {
            line = if line.is_empty() {
                v.clone()
            } else {
                format!("{line}, {v}")
            };
        }
        if !line.is_empty() {
            out.push(text::clean(&line, false));
        }
    }
    if let Scoring::WhatIf { w, .. } = scoring {
        out.push(text::clean(&format!("What if: {}", w.caption), false));
    }
    out
}
