//! What a diagram shows, decided once for both writers: which nodes, edges and
//! groups are visible, every label line, every colour and pen.

use std::collections::HashMap;

use super::text::{self, BLACK, Rgb, WHITE};
use super::{DotOptions, Labels, RankDir};
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
    /// Its citation's `url` (http or https only), linked from the citation lines.
    pub url: Option<String>,
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
    /// Whether this is a dashed stub standing for a node drawn elsewhere (on
    /// another page, or in another group's block on a fitted page).
    pub stub: bool,
}

/// How an edge is stroked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stroke {
    Solid,
    Dashed,
    Dotted,
}

/// The point where the premises of one inference join (when they are linked)
/// before its arrow, named by its scheme; undercuts of the inference end on it.
#[derive(Clone, Debug)]
pub(crate) struct VJunction {
    /// The scheme's short name (`witness testimony`), if the inference has one.
    pub label: Option<String>,
    /// Green for a support, red for an attack or undercut, grey when gone.
    pub color: Rgb,
    /// Index into [`View::groups`]: the group all its visible premises share.
    pub group: Option<usize>,
    pub tooltip: String,
    /// The SVG data attributes of its edge (see [`edge_data`]).
    pub data: String,
}

/// A visible piece of an edge: from a premise to its target, or to the
/// junction of a linked inference, or from that junction on.
#[derive(Clone, Debug)]
pub(crate) struct VEdge {
    /// The source: a position in [`View::nodes`], or `nodes.len() + j` for
    /// junction `j` of [`View::junctions`].
    pub from: usize,
    /// The target, numbered as `from`.
    pub to: usize,
    pub kind: EdgeKind,
    pub color: Rgb,
    pub width: f64,
    pub stroke: Stroke,
    /// Whether the piece ends in an arrowhead (a premise's line into a
    /// junction does not).
    pub head: bool,
    /// The weight, when it is not 1 (with the critical question an undercut raises).
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
    /// When evidence was folded into counts: the legend's sample of a count
    /// and its explanation (on a scored page the count joins the score line,
    /// so the sample is the count as the boxes show it there).
    pub folded: Option<(String, String)>,
    /// Whether some drawn inference has linked premises.
    pub linked: bool,
    /// Whether some undercut is drawn.
    pub undercut: bool,
    /// Whether some junction names a scheme.
    pub scheme: bool,
    /// Whether some node is a dashed stub of a node drawn elsewhere (on
    /// another page, or in another group's block on a fitted page).
    pub stubs: bool,
    /// On a page (`--page`, `--aspect`): the legend set compactly, as the
    /// page's boxes are (no heading, rows 18 units apart, explanations at 10
    /// units, in up to three columns).
    pub compact: bool,
}

/// Everything a writer draws.
#[derive(Clone, Debug)]
pub(crate) struct View {
    pub title: Vec<String>,
    pub rankdir: RankDir,
    pub nodes: Vec<VNode>,
    pub junctions: Vec<VJunction>,
    pub edges: Vec<VEdge>,
    pub groups: Vec<VGroup>,
    pub legend: Option<Legend>,
}

impl View {
    /// The groups around member `m` (a node, or past the nodes a junction),
    /// innermost first.
    pub(crate) fn groups_around(&self, m: usize) -> impl Iterator<Item = usize> + '_ {
        let n = self.nodes.len();
        let first = if m < n {
            self.nodes[m].group
        } else {
            self.junctions[m - n].group
        };
        // A view's groups form a forest; the bound only guards against a cycle.
        std::iter::successors(first, |&g| self.groups[g].parent).take(self.groups.len())
    }
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
    // Undercuts form chains (an undercut of an undercut ...) that end on a
    // support or an attack: `order` lists every edge after the edge it
    // undercuts, so each pass below can read the answer for its target.
    let depth: Vec<usize> = (0..links.len())
        .map(|mut k| {
            let mut d = 0;
            // Validation refused cycles of undercuts; the limit keeps this total anyway.
            while links[k].kind == EdgeKind::Undercut && d <= links.len() {
                k = links[k].to;
                d += 1;
            }
            d
        })
        .collect();
    let mut order: Vec<usize> = (0..links.len()).collect();
    order.sort_by_key(|&k| depth[k]);

    // An edge is gone (what-if) when it was removed, when all its premises
    // were, or when its target node or the inference it undercuts is gone.
    let mut gone = vec![false; links.len()];
    if let Scoring::WhatIf { w, .. } = &scoring {
        for &k in &order {
            let l = &links[k];
            let target_gone = match l.kind {
                EdgeKind::Undercut => gone[l.to],
                _ => removed(l.to),
            };
            gone[k] = w.removed_edges.get(k).copied().unwrap_or(false)
                || target_gone
                || g.premises(k).iter().all(|&p| removed(p));
        }
    }

    // Folded evidence: per claim, how many edges from evidence alone support
    // it, attack it, and undercut an inference into it.
    let mut folded = vec![Folded::default(); n];
    if opts.hide_evidence {
        let hidden = |i: usize| g.node(i).kind == NodeKind::Evidence && i != g.conclusion();
        for (k, l) in links.iter().enumerate() {
            if g.premises(k).iter().all(|&p| hidden(p)) && !gone[k] {
                let f = &mut folded[g.inference_target(k)];
                match l.kind {
                    EdgeKind::Support => f.support += 1,
                    EdgeKind::Attack => f.attack += 1,
                    EdgeKind::Undercut => f.undercut += 1,
                }
            }
        }
        for (i, v) in visible.iter_mut().enumerate() {
            if hidden(i) {
                *v = false;
            }
        }
    }

    // A focus view says, on each node, how many of its neighbours it leaves
    // out (folded evidence is counted by `folded` instead).
    let left_out: Vec<Vec<usize>> = match opts.focus {
        None => vec![Vec::new(); n],
        Some(_) => {
            let folded_away = |i: usize| {
                opts.hide_evidence && g.node(i).kind == NodeKind::Evidence && i != g.conclusion()
            };
            neighbours(g)
                .into_iter()
                .enumerate()
                .map(|(i, adj)| {
                    if !visible[i] {
                        return Vec::new();
                    }
                    adj.into_iter()
                        .filter(|&j| !visible[j] && !folded_away(j))
                        .collect()
                })
                .collect()
        }
    };

    let groups = visible_groups(g, &visible, opts.labels);
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
        if !left_out[i].is_empty() {
            node.lines.push(Line {
                kind: LineKind::Count,
                text: format!("+{} not shown", left_out[i].len()),
            });
            let ids: Vec<&str> = left_out[i].iter().map(|&j| g.id(j)).collect();
            node.tooltip
                .push_str(&format!("\nnot shown here: {}", ids.join(", ")));
        }
        nodes.push(node);
    }

    // Which edges are drawn: one with a visible premise whose target node is
    // visible, or (an undercut) whose undercut inference is drawn.
    let mut drawn = vec![false; links.len()];
    for &k in &order {
        let l = &links[k];
        let target = match l.kind {
            EdgeKind::Undercut => drawn[l.to],
            _ => visible[l.to],
        };
        drawn[k] = target && g.premises(k).iter().any(|&p| visible[p]);
    }
    // An inference gets a junction when its premises are linked, when it has a
    // scheme to name, or when an undercut ends on it.
    let mut junction_of = vec![None; links.len()];
    let mut junctions = Vec::new();
    for k in 0..links.len() {
        let data = g.model().edges[k].data();
        let needs = g.premises(k).len() > 1
            || data.scheme.is_some()
            || g.undercuts(k).iter().any(|&u| drawn[u]);
        if drawn[k] && needs {
            junction_of[k] = Some(nodes.len() + junctions.len());
            junctions.push(junction(g, k, gone[k], &visible, &groups));
        }
    }

    let mut edges = Vec::new();
    for (k, l) in links.iter().enumerate() {
        if !drawn[k] {
            continue;
        }
        let target = match l.kind {
            EdgeKind::Undercut => junction_of[l.to].expect("an undercut inference has a junction"),
            _ => position[l.to],
        };
        let data = g.model().edges[k].data();
        let mut label = ((l.weight - 1.0).abs() > 1e-9).then(|| text::weight(l.weight));
        if let Some(q) = data
            .question
            .as_deref()
            .filter(|_| l.kind == EdgeKind::Undercut)
        {
            label = Some(match label {
                Some(w) => format!("{q} · {w}"),
                None => q.to_string(),
            });
        }
        let piece = |from: usize, to: usize, head: bool, gone: bool, label: Option<String>| {
            let (color, stroke) = match (gone, l.kind) {
                (true, _) => (REMOVED, Stroke::Dotted),
                (false, EdgeKind::Support) => (SUPPORT, Stroke::Solid),
                (false, EdgeKind::Attack | EdgeKind::Undercut) => (ATTACK, Stroke::Dashed),
            };
            VEdge {
                from,
                to,
                kind: l.kind,
                color,
                width: if gone { 1.0 } else { pen_width(l.weight) },
                stroke,
                head,
                label,
                tooltip: edge_tooltip(g, k, gone),
                minlen: 1,
                data: edge_data(g, k),
            }
        };
        match junction_of[k] {
            Some(j) => {
                for &p in g.premises(k).iter().filter(|&&p| visible[p]) {
                    edges.push(piece(position[p], j, false, gone[k] || removed(p), None));
                }
                edges.push(piece(j, target, true, gone[k], label));
            }
            None => {
                // Without a junction the edge has one premise.
                let p = g.premises(k)[0];
                edges.push(piece(position[p], target, true, gone[k], label));
            }
        }
    }
    stagger(&nodes, &mut edges);

    let legend = opts.legend.then(|| Legend {
        ramp: match &scoring {
            Scoring::None => None,
            Scoring::Scores { semantics, .. } => Some(format!(
                "strength ({}); label: base → strength (one number: nothing acts on it)",
                semantics.name()
            )),
            Scoring::WhatIf { w, .. } => Some(format!(
                "strength after the change ({}); label: before → after (one number: unchanged, nothing acts on it)",
                w.semantics.name()
            )),
        },
        whatif: matches!(scoring, Scoring::WhatIf { .. }),
        folded: opts.hide_evidence.then(|| {
            if opts.fit.is_some() && !matches!(scoring, Scoring::None) {
                (
                    "2 for ·".to_string(),
                    "evidence folded into its claim, before its score".to_string(),
                )
            } else {
                (
                    "evidence: 2 for".to_string(),
                    "evidence folded into its claim".to_string(),
                )
            }
        }),
        linked: (0..links.len()).any(|k| junction_of[k].is_some() && g.premises(k).len() > 1),
        undercut: edges.iter().any(|e| e.kind == EdgeKind::Undercut),
        scheme: junctions.iter().any(|j| j.label.is_some()),
        compact: opts.fit.is_some(),
        stubs: false,
    });

    let view = View {
        title: if opts.title {
            title(g, &scoring)
        } else {
            Vec::new()
        },
        rankdir: opts.rankdir,
        nodes,
        junctions,
        edges,
        groups: groups.groups,
        legend,
    };
    match opts.split_page {
        Some(k) => super::split::restrict(view, k),
        None => view,
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

/// Evidence that hangs side by side from one node makes a layered picture
/// very wide. When a node has [`STAGGER_FROM`] or more pieces of evidence with
/// nothing under them, their edges get lengths 1, 2 (and 3 from twice that
/// many), in turn, so the pieces sit on two or three ranks, like Graphviz's
/// `unflatten -l`. Claims are never staggered: sibling reasons stay on one
/// rank (a rank gap would suggest a hierarchy that is not there).
fn stagger(nodes: &[VNode], edges: &mut [VEdge]) {
    let n = nodes.len();
    let mut indegree = vec![0usize; n];
    for e in edges.iter().filter(|e| e.to < n) {
        indegree[e.to] += 1;
    }
    let mut leaf_edges: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (k, e) in edges.iter().enumerate() {
        let leaf = e.from < n && indegree[e.from] == 0 && nodes[e.from].shape == Shape::Evidence;
        if leaf && e.to < n {
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
    let adj = neighbours(g);
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

/// Each node's neighbours (premises of the inferences into it, and the targets
/// of the inferences it is a premise of), in order, without repeats.
fn neighbours(g: &ArgGraph) -> Vec<Vec<usize>> {
    let mut adj = vec![Vec::new(); g.len()];
    for j in 0..g.links().len() {
        let to = g.inference_target(j);
        for &p in g.premises(j) {
            adj[p].push(to);
            adj[to].push(p);
        }
    }
    for a in &mut adj {
        a.sort_unstable();
        a.dedup();
    }
    adj
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
fn visible_groups(g: &ArgGraph, visible: &[bool], labels: Labels) -> Groups {
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
        // With `--labels title`, a group's title stands for its label, as a
        // node's title for its text.
        let label = match (labels, &all[i].title) {
            (Labels::Title, Some(t)) => t.as_str(),
            _ => all[i].label.as_deref().unwrap_or(&all[i].id),
        };
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

/// How many edges from hidden evidence alone a claim had (`--hide-evidence`):
/// supports and attacks of it, undercuts of inferences into it.
#[derive(Clone, Copy, Debug, Default)]
struct Folded {
    support: usize,
    attack: usize,
    undercut: usize,
}

/// The junction of edge `k`'s inference.
fn junction(g: &ArgGraph, k: usize, gone: bool, visible: &[bool], groups: &Groups) -> VJunction {
    let data = g.model().edges[k].data();
    let scheme = data.scheme.as_deref();
    let label = scheme.map(|id| text::clean(&id.replace('_', " "), false));
    let color = match (gone, g.links()[k].kind) {
        (true, _) => REMOVED,
        (false, EdgeKind::Support) => SUPPORT,
        (false, _) => ATTACK,
    };
    // The group every visible premise is in, if they share one.
    let mut shared = g
        .premises(k)
        .iter()
        .filter(|&&p| visible[p])
        .map(|&p| g.node(p).group.as_deref());
    let first = shared.next().flatten();
    let group = match first {
        Some(id) if shared.all(|gr| gr == Some(id)) => groups.index.get(id).copied(),
        _ => None,
    };
    let mut tooltip = edge_tooltip(g, k, gone);
    if let Some(id) = scheme {
        let name = crate::schemes::scheme(id).map_or(id, |s| s.name.as_str());
        tooltip.push_str(&format!("\nscheme: {name}"));
    }
    VJunction {
        label,
        color,
        group,
        tooltip: text::clean(&tooltip, true),
        data: edge_data(g, k),
    }
}

/// The hover text of edge `k`: `a + b jointly support c (weight 0.8)`, its
/// note, and for an undercut the inference it attacks and the question it raises.
fn edge_tooltip(g: &ArgGraph, k: usize, gone: bool) -> String {
    let l = &g.links()[k];
    let data = g.model().edges[k].data();
    let linked = data.from.len() > 1;
    let verb = match (l.kind, linked) {
        (EdgeKind::Support, false) => "supports",
        (EdgeKind::Support, true) => "jointly support",
        (EdgeKind::Attack, false) => "attacks",
        (EdgeKind::Attack, true) => "jointly attack",
        (EdgeKind::Undercut, false) => "undercuts",
        (EdgeKind::Undercut, true) => "jointly undercut",
    };
    let mut t = format!("{}: ", g.edge_label(k));
    t.push_str(&format!(
        "{} {verb} {}",
        data.from.join(" + "),
        match l.kind {
            EdgeKind::Undercut => format!(
                "the inference {} (towards {})",
                data.to,
                g.id(g.inference_target(k))
            ),
            _ => data.to.clone(),
        }
    ));
    t.push_str(&format!(" (weight {})", text::weight(l.weight)));
    if let Some(q) = &data.question {
        t.push_str(&format!(", raising {q}"));
    }
    if gone {
        t.push_str(", removed");
    }
    if let Some(note) = &data.note {
        t.push_str(": ");
        t.push_str(note);
    }
    text::clean(&t, true)
}

/// One node's label and look.
fn node(
    g: &ArgGraph,
    i: usize,
    opts: &DotOptions,
    scoring: &Scoring,
    removed: bool,
    folded: Folded,
) -> VNode {
    let m = g.node(i);
    let conclusion = i == g.conclusion();
    let shape = match (conclusion, m.kind) {
        (true, _) => Shape::Conclusion,
        (false, NodeKind::Claim) => Shape::Claim,
        (false, NodeKind::Evidence) => Shape::Evidence,
    };
    let wrap = opts.wrap.max(8);
    // A title names the node on its own: the id line goes (it stays in the tooltip).
    let (statement, id_line) = match (opts.labels, &m.title) {
        (Labels::Title, Some(t)) => (t.as_str(), false),
        _ => (m.text.as_str(), true),
    };
    let mut lines = Vec::new();
    if id_line {
        lines.push(Line {
            kind: LineKind::Id,
            text: text::truncate(&m.id, wrap),
        });
    }
    lines.extend(text::wrap(statement, wrap).into_iter().map(|t| Line {
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
        lines.extend(text::wrap(&cite, wrap).into_iter().map(|t| Line {
            kind: LineKind::Cite,
            text: t,
        }));
    }
    if folded.support + folded.attack + folded.undercut > 0 {
        let mut parts = Vec::new();
        if folded.support > 0 {
            parts.push(format!("{} for", folded.support));
        }
        if folded.attack > 0 {
            parts.push(format!("{} against", folded.attack));
        }
        if folded.undercut > 0 {
            parts.push(format!("{} undercutting", folded.undercut));
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
            if g.incoming(i).next().is_none() {
                // Nothing acts on it (typically evidence): its strength is its base.
                text::score(x)
            } else {
                format!("{} → {}", text::score(m.base), text::score(x))
            }
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
                        let mut t = if g.incoming(i).next().is_none() && a == b {
                            // Nothing acts on it: nothing can change it.
                            text::score(a)
                        } else {
                            format!("{} → {}", text::score(b), text::score(a))
                        };
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
        // On a page, where every line costs room, the folded evidence joins
        // the score line ("7 for · 0.000 → 0.783"): one line fewer per box.
        let count = lines
            .last()
            .filter(|l| opts.fit.is_some() && l.kind == LineKind::Count)
            .and_then(|l| l.text.strip_prefix("evidence: "))
            .map(str::to_string);
        let text = match count {
            Some(c) => {
                lines.pop();
                format!("{c} · {t}")
            }
            None => t,
        };
        lines.push(Line {
            kind: LineKind::Score,
            text,
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
    // Only web links: a `javascript:` URL in an SVG would run in a browser.
    let url = m
        .cite
        .as_ref()
        .and_then(|c| c.url.as_deref())
        .map(str::trim)
        .filter(|u| {
            let lower = u.to_ascii_lowercase();
            (lower.starts_with("https://") || lower.starts_with("http://"))
                && !u
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control() || "\"<>\\`".contains(c))
        })
        .map(str::to_string);
    VNode {
        id: m.id.clone(),
        url,
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
        stub: false,
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
