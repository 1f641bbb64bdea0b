//! One page per top-level group (`argmap render --split groups`): the view
//! restricted to a group's nodes, with a stub for each node at the other end
//! of an edge that leaves the page, naming the page it is drawn on.

use super::text::{Rgb, WHITE};
use super::view::{Line, LineKind, Shape, VEdge, VNode, View};

/// Text and border of a stub.
const STUB_INK: Rgb = Rgb(0x59, 0x59, 0x59);

/// The top-level group of view group `gi`.
pub(crate) fn top(v: &View, gi: usize) -> usize {
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

/// How a stub names the place where its node is drawn: the label of a
/// top-level group up to its first colon or parenthesis (`Convergence` for
/// `Convergence: why the partnership, and why now`), when that short name
/// is no other top-level group's; else the label, cut at 40 columns.
fn short_name(labels: &[String], label: &str) -> String {
    let short = |l: &str| {
        let head = l.split(':').next().unwrap_or(l);
        let head = head.split(" (").next().unwrap_or(head).trim();
        if head.is_empty() { l.trim() } else { head }.to_string()
    };
    let mine = short(label);
    let unique = labels
        .iter()
        .filter(|l| l.as_str() != label)
        .all(|l| short(l) != mine);
    super::text::truncate(if unique { &mine } else { label }, 40)
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
    // The group of the first node on the page that each stub joins: the stub
    // is drawn in it, beside that node.
    let mut partner_group: Vec<Option<usize>> = vec![None; total];
    let n_nodes = v.nodes.len();
    let group_of = |i: usize| {
        if i < n_nodes {
            v.nodes[i].group
        } else {
            v.junctions[i - n_nodes].group
        }
    };
    for e in &v.edges {
        if keep[e.from] != keep[e.to] {
            let (other, mine) = if keep[e.from] {
                (e.to, e.from)
            } else {
                (e.from, e.to)
            };
            if !stub[other] {
                partner_group[other] = group_of(mine);
            }
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
            node = stub_node(
                &node,
                format!("→ page {}: {}", page[i] + 1, short_name(&labels, there)),
                format!("(drawn on page {}: {there})", page[i] + 1),
            );
            node.group = partner_group[i].and_then(|g| new_group[g]);
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
    let mut legend = v.legend;
    if let Some(l) = &mut legend {
        l.stubs = stub.iter().any(|&s| s);
    }
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
        legend,
    }
}

/// A dashed grey stub standing for `node`, drawn elsewhere: its id and
/// `where_` (which says where), with `more` added to its hover text.
fn stub_node(node: &VNode, where_: String, more: String) -> VNode {
    let mut node = node.clone();
    // Named as its own box names it: by its id, or by its title (`--labels title`).
    let (kind, name) = match node.lines.iter().find(|l| matches!(l.kind, LineKind::Id)) {
        Some(l) => (LineKind::Id, l.text.clone()),
        None => (
            LineKind::Text,
            node.lines
                .first()
                .map_or(node.id.clone(), |l| l.text.clone()),
        ),
    };
    node.lines = vec![
        Line { kind, text: name },
        Line {
            kind: LineKind::Count,
            text: where_,
        },
    ];
    node.tooltip = format!("{}\n{more}", node.tooltip);
    node.shape = Shape::Claim;
    node.fill = WHITE;
    // Grey on white whatever the node's own colours (a dark fill had light
    // text).
    node.ink = STUB_INK;
    node.faint = STUB_INK;
    node.border = STUB_INK;
    node.dashed = true;
    node.border_width = 1.0;
    node.group = None;
    node.url = None;
    node.stub = true;
    node
}

/// The block of each node and junction of `v` (numbered as the edges number
/// them) on a fitted page: the index of its top-level group in
/// [`View::groups`], or `None` for the block of the nodes in no group (where
/// the conclusion usually is).
pub(crate) fn blocks(v: &View) -> Vec<Option<usize>> {
    v.nodes
        .iter()
        .map(|x| x.group)
        .chain(v.junctions.iter().map(|j| j.group))
        .map(|g| g.map(|gi| top(v, gi)))
        .collect()
}

/// `v` ready to be drawn as blocks, one per top-level group (a fitted page):
/// an edge between two nodes in different top-level groups becomes two
/// pieces, from its source to a dashed stub of its target in the source's
/// block, and from a stub of its source to its target in the target's block,
/// each stub saying in which group the node is drawn. Edges to or from the
/// nodes in no group (the conclusion's block), and edges with a junction at
/// one end, are kept whole (drawn across). Also returns the block of each node
/// and junction (see [`blocks`]). The edges `whole` (indices into the
/// view's edges, `true`: kept whole; missing: cut) are not cut either: the
/// caller draws them across, between the blocks.
pub(crate) fn stub_cross_edges(v: View, whole: &[bool]) -> (View, Vec<Option<usize>>) {
    let block = blocks(&v);
    let n = v.nodes.len();
    let cut = |e: &VEdge| {
        e.from < n
            && e.to < n
            && block[e.from].is_some()
            && block[e.to].is_some()
            && block[e.from] != block[e.to]
    };
    // One stub per (node, block it is shown in, group it is drawn in), in
    // the order of the edges: a stub is drawn in the group of the node it
    // joins, so a node with edges into two subgroups of a block has a stub in
    // each (one stub joined to both would make the two subgroups one
    // drawing). The first node each stub joins.
    let mut stubs: Vec<(usize, Option<usize>, Option<usize>)> = Vec::new();
    let mut partner: Vec<usize> = Vec::new();
    let mut stub_of = |x: usize, host: Option<usize>, with: usize| {
        let key = (x, host, v.nodes[with].group);
        match stubs.iter().position(|&s| s == key) {
            Some(i) => n + i,
            None => {
                stubs.push(key);
                partner.push(with);
                n + stubs.len() - 1
            }
        }
    };
    let mut pieces: Vec<(VEdge, bool)> = Vec::new();
    for (k, e) in v.edges.iter().enumerate() {
        if !cut(e) || whole.get(k).copied().unwrap_or(false) {
            pieces.push((e.clone(), false));
            continue;
        }
        let mut out = e.clone();
        out.to = stub_of(e.to, block[e.from], e.from);
        // The weight is written once, on the piece into the real target.
        out.label = None;
        pieces.push((out, true));
        let mut into = e.clone();
        into.from = stub_of(e.from, block[e.to], e.to);
        pieces.push((into, true));
    }
    let s = stubs.len();
    // Junctions are numbered after the nodes: after the stubs now.
    let renumber = |i: usize| if i >= n { i + s } else { i };
    // A stubbed piece joins two nodes (a real one below n, a stub from n on):
    // only the other pieces can end on a junction.
    let edges = pieces
        .into_iter()
        .map(|(mut e, stubbed)| {
            if !stubbed {
                e.from = renumber(e.from);
                e.to = renumber(e.to);
            }
            e
        })
        .collect();
    let mut nodes = v.nodes.clone();
    let mut out_block: Vec<Option<usize>> = block[..n].to_vec();
    let labels = pages(&v);
    for (&(x, host, _), &partner) in stubs.iter().zip(&partner) {
        let there = block[x].map_or("other nodes", |g| v.groups[g].label.as_str());
        let mut s = stub_node(
            &v.nodes[x],
            format!("in {}", short_name(&labels, there)),
            format!("(drawn in the box of {there})"),
        );
        // Beside the node it joins, in that node's group.
        s.group = v.nodes[partner].group;
        nodes.push(s);
        out_block.push(host);
    }
    out_block.extend_from_slice(&block[n..]);
    let mut legend = v.legend;
    if let Some(l) = &mut legend {
        l.stubs |= s > 0;
    }
    let view = View {
        title: v.title,
        rankdir: v.rankdir,
        nodes,
        junctions: v.junctions,
        edges,
        groups: v.groups,
        legend,
    };
    (view, out_block)
}
