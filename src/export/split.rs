//! One page per top-level group (`argmap render --split groups`): the view
//! restricted to a group's nodes, with a stub for each node at the other end
//! of an edge that leaves the page, naming the page it is drawn on.

use super::text::{Rgb, WHITE};
use super::view::{Line, LineKind, Shape, View};

/// Text and border of a stub.
const STUB_INK: Rgb = Rgb(0x59, 0x59, 0x59);

/// The top-level group of view group `gi`.
fn top(v: &View, gi: usize) -> usize {
    let mut cur = gi;
    // A view's groups form a forest; the bound only guards against a cycle.
    for _ in 0..v.groups.len() {
        match v.groups[cur].parent {
            Some(p) => cur = p,
            None => break,
        }
    }
    cur
}

/// The top-level groups of `v`, in order.
fn tops(v: &View) -> Vec<usize> {
    (0..v.groups.len())
        .filter(|&g| v.groups[g].parent.is_none())
        .collect()
}

/// The labels of the pages of `v`: its top-level groups in order, then
/// `other nodes` when some node is in no group. A view without groups has one
/// page.
pub(crate) fn pages(v: &View) -> Vec<String> {
    let mut out: Vec<String> = tops(v).iter().map(|&g| v.groups[g].label.clone()).collect();
    if out.is_empty() || v.nodes.iter().any(|n| n.group.is_none()) {
        out.push("other nodes".to_string());
    }
    out
}

/// Page `k` of `v` (0-based; out of range gives an empty page).
pub(crate) fn restrict(v: View, k: usize) -> View {
    let labels = pages(&v);
    let tops = tops(&v);
    let page_of_group = |g: Option<usize>| match g {
        Some(gi) => {
            let t = top(&v, gi);
            tops.iter().position(|&x| x == t).unwrap_or(tops.len())
        }
        None => tops.len(),
    };
    // Nodes, then junctions: the numbering of the edges' ends.
    let n = v.nodes.len();
    let total = n + v.junctions.len();
    let page: Vec<usize> = v
        .nodes
        .iter()
        .map(|x| page_of_group(x.group))
        .chain(v.junctions.iter().map(|j| page_of_group(j.group)))
        .collect();
    let keep: Vec<bool> = page.iter().map(|&p| p == k).collect();
    let mut stub = vec![false; total];
    for e in &v.edges {
        if keep[e.from] != keep[e.to] {
            let other = if keep[e.from] { e.to } else { e.from };
            stub[other] = true;
        }
    }
    let mut new_group = vec![None; v.groups.len()];
    let mut groups = Vec::new();
    for (g, vg) in v.groups.iter().enumerate() {
        if page_of_group(Some(g)) == k {
            new_group[g] = Some(groups.len());
            groups.push(vg.clone());
        }
    }
    for vg in &mut groups {
        vg.parent = vg.parent.and_then(|p| new_group[p]);
    }
    let mut position = vec![usize::MAX; total];
    let mut nodes = Vec::new();
    for (i, node) in v.nodes.iter().enumerate() {
        if !(keep[i] || stub[i]) {
            continue;
        }
        position[i] = nodes.len();
        let mut node = node.clone();
        if keep[i] {
            node.group = node.group.and_then(|g| new_group[g]);
        } else {
            let there = &labels[page[i].min(labels.len() - 1)];
            node.lines = vec![
                Line {
                    kind: LineKind::Id,
                    text: node.id.clone(),
                },
                Line {
                    kind: LineKind::Count,
                    text: format!(
                        "→ page {}: {}",
                        page[i] + 1,
                        super::text::truncate(there, 40)
                    ),
                },
            ];
            node.tooltip = format!("{}\n(drawn on page {}: {there})", node.tooltip, page[i] + 1);
            node.shape = Shape::Claim;
            node.fill = WHITE;
            // Grey on white whatever the node's own colours (a dark fill had
            // light text).
            node.ink = STUB_INK;
            node.faint = STUB_INK;
            node.border = STUB_INK;
            node.dashed = true;
            node.border_width = 1.0;
            node.group = None;
        }
        nodes.push(node);
    }
    // A junction off the page is drawn where its edges meet the page's nodes.
    let mut junctions = Vec::new();
    for (j, jn) in v.junctions.iter().enumerate() {
        let i = n + j;
        if !(keep[i] || stub[i]) {
            continue;
        }
        position[i] = nodes.len() + junctions.len();
        let mut jn = jn.clone();
        jn.group = if keep[i] {
            jn.group.and_then(|g| new_group[g])
        } else {
            None
        };
        junctions.push(jn);
    }
    let edges = v
        .edges
        .iter()
        .filter(|e| keep[e.from] || keep[e.to])
        .filter(|e| position[e.from] != usize::MAX && position[e.to] != usize::MAX)
        .map(|e| {
            let mut e = e.clone();
            e.from = position[e.from];
            e.to = position[e.to];
            e
        })
        .collect();
    let mut title = v.title;
    if let Some(label) = labels.get(k) {
        title.push(format!("page {} of {}: {label}", k + 1, labels.len()));
    }
    View {
        title,
        rankdir: v.rankdir,
        nodes,
        junctions,
        edges,
        groups,
        legend: v.legend,
    }
}
