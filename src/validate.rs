//! Stage 2: checks a [`Parsed`] file. Errors `E02xx`, lint warnings `W03xx`.
//!
//! Every check runs, whatever the others found, so one run reports every problem.
//! Only [`validate`] makes a [`Validated`], so [`crate::build`] cannot fail.

use std::cell::Cell;
use std::hash::BuildHasher;

use hashbrown::HashTable;
use hashbrown::hash_table::Entry;

use crate::diag::{Diagnostic, Diagnostics, Span, suggest};
use crate::graph::csr::Csr;
use crate::graph::names::NameTable;
use crate::graph::scc::cycles;
use crate::load::hash::{FastMap, FastState};
use crate::load::{CiteSpans, Parsed};
use crate::model::{ArgumentGraph, Cite, EdgeKind, Node, NodeKind, SemanticsKind};

mod structure;

/// A file that passed every check. Its warnings travel with it.
#[derive(Clone, Debug)]
pub struct Validated {
    pub(crate) parsed: Parsed,
    /// The lint warnings (never errors).
    pub warnings: Diagnostics,
    /// Node id to index, built while checking, handed on to [`crate::build`].
    pub(crate) ids: NameTable,
    /// The node indices of each edge's endpoints, in file order (fewer when an
    /// endpoint has no position: then `build` resolves them again). 8 bytes an
    /// edge: `build` makes the full [`crate::Link`]s.
    pub(crate) ends: Vec<(u32, u32)>,
}

impl Validated {
    /// The parsed file.
    pub fn parsed(&self) -> &Parsed {
        &self.parsed
    }
}

/// Checks a parsed file: references, ranges, duplicates, and lints.
///
/// Returns `Err` with all diagnostics (errors and warnings, sorted by position)
/// when there is any error, including the schema errors found by [`crate::parse`].
pub fn validate(parsed: Parsed) -> Result<Validated, Diagnostics> {
    let mut out = parsed.diagnostics.clone();
    let (ids, ends) = check(&parsed, &mut out);
    out.sort();
    if out.has_errors() {
        Err(out)
    } else {
        Ok(Validated {
            parsed,
            warnings: out,
            ids,
            ends,
        })
    }
}

/// Runs every check; returns the node index and the edges' endpoints. The
/// checks run in file order of their subjects (ids, groups, nodes, the
/// conclusion, edges, expectations), which also decides which unknown names
/// get a typo suggestion when a file has too many of them.
fn check(p: &Parsed, out: &mut Diagnostics) -> (NameTable, Vec<(u32, u32)>) {
    check_not_empty(p, out);
    let cx = Names {
        g: &p.graph,
        index: check_node_ids(p, out),
        groups: check_group_ids(p, out),
        budget: Cell::new(SUGGEST_BUDGET),
    };
    check_group_parents(p, &cx, out);
    check_nodes(p, &cx, out);
    check_conclusion(p, &cx, out);
    if let (Some(name), Some(span)) = (&p.graph.semantics, p.spans.semantics) {
        check_semantics_name(name, span, out);
    }
    // Edge ids and the targets of undercuts (only in files that have them).
    let edge_ids = structure::edge_ids(p, out);
    let (ends, resolved) = check_edges(p, &cx, &edge_ids, out);
    check_expectations(p, &cx, out);
    let g = &p.graph;
    if g.has_structure() || edge_ids.is_some() {
        structure::repeats(p, &cx.index, &ends, out);
        structure::schemes(p, &cx.index, &ends, out);
        structure::edge_ids_lint(p, &cx.index, out);
    }
    let ends = if resolved {
        ends
    } else {
        resolve_without_positions(&cx, &edge_ids)
    };
    // lints on a broken graph would only add noise
    if !out.has_errors() && ends.len() == g.edges.len() {
        if g.has_structure() {
            let (flat, edge) = structure::node_ends(g, &cx.index, &ends);
            lint(p, &cx.index, &flat, &|j| edge[j], out);
        } else {
            lint(p, &cx.index, &ends, &|j| j, out);
        }
    }
    (cx.index, ends)
}

/// The declared node and group ids, and the diagnostics for a name that is
/// neither, with typo suggestions.
struct Names<'a> {
    g: &'a ArgumentGraph,
    index: NameTable,
    groups: FastMap<&'a str, usize>,
    /// Typo suggestions compare a wrong id with every id; past this many
    /// comparisons per file (a file full of wrong ids) they are left out, so
    /// checking stays linear in the file's size.
    budget: Cell<usize>,
}

impl Names<'_> {
    fn find(&self, id: &str) -> Option<usize> {
        self.index.index_of(id)
    }

    /// Whether `candidates` more comparisons fit in the budget (and takes them).
    fn affordable(&self, candidates: usize) -> bool {
        let ok = self.budget.get() >= candidates;
        if ok {
            self.budget.set(self.budget.get() - candidates);
        }
        ok
    }

    /// E0202 for `id`, named as `what` (e.g. `edge source`), at `span`.
    fn unknown_node(&self, what: &str, id: &str, span: Span) -> Diagnostic {
        let mut d = Diagnostic::error(
            "E0202",
            format!("{what} `{id}` is not a node of this graph"),
        )
        .at(span);
        // An edge (or expectation) that names a group: say so, with a node
        // of the group to use instead.
        if let Some(gr) = self.g.groups.iter().find(|gr| gr.id == id) {
            let members: Vec<&str> = self
                .g
                .nodes
                .iter()
                .filter(|n| n.group.as_deref() == Some(gr.id.as_str()))
                .map(|n| n.id.as_str())
                .collect();
            let rule = if what.starts_with("edge") {
                "an edge goes from a node to a node".to_string()
            } else {
                format!("the {what} must be a node")
            };
            let help = match members.first() {
                Some(m) => format!(
                    "`{id}` is a group, not a node: {rule}; use a node of the group, e.g. `{m}` (its nodes: {})",
                    list_some(members.iter().copied(), members.len())
                ),
                None => format!("`{id}` is a group, not a node: {rule}"),
            };
            return d.help(help);
        }
        let found = if self.affordable(self.g.nodes.len()) {
            suggest(id, self.g.nodes.iter().map(|n| n.id.as_str()))
        } else {
            None
        };
        d = match found {
            Some(s) => d.help(format!("did you mean `{s}`?")),
            None if what == "conclusion" => match likely_conclusion(self.g, id) {
                Some((c, why)) => d.help(format!("did you mean `{c}`? ({why})")),
                None => d.help("name the node the map argues for or against"),
            },
            None => d.help("add a node with this id, or correct the id"),
        };
        d
    }

    /// E0203 for `id`, named as `what` (e.g. `parent group`), at `span`.
    fn unknown_group(&self, what: &str, id: &str, span: Span) -> Diagnostic {
        let mut d = Diagnostic::error(
            "E0203",
            format!("{what} `{id}` is not a group of this graph"),
        )
        .at(span);
        let found = if self.affordable(self.g.groups.len()) {
            suggest(id, self.g.groups.iter().map(|g| g.id.as_str()))
        } else {
            None
        };
        d = match found {
            Some(s) => d.help(format!("did you mean `{s}`?")),
            None if self.g.groups.is_empty() => {
                d.help("declare it in `groups: [Group(id: \"...\", label: \"...\")]`")
            }
            None => d.help(format!(
                "the groups are: {}",
                list_some(
                    self.g.groups.iter().map(|g| g.id.as_str()),
                    self.g.groups.len()
                )
            )),
        };
        d
    }
}

/// E0212: a graph without nodes (unless parsing already failed).
fn check_not_empty(p: &Parsed, out: &mut Diagnostics) {
    let (g, sp) = (&p.graph, &p.spans);
    let whole_start = Span::new(sp.whole.start as usize, sp.whole.start as usize + 1);
    if g.nodes.is_empty() && !p.diagnostics.has_errors() {
        out.push(
            Diagnostic::error("E0212", "the graph has no nodes")
                .at(sp.nodes_list.unwrap_or(whole_start))
                .help("add at least the conclusion: `Node(id: \"h\", kind: Claim, text: \"...\", base: 0.5)`"),
        );
    }
}

/// Node ids: well-formed (E0213) and unique (E0201). Returns the index of ids.
fn check_node_ids(p: &Parsed, out: &mut Diagnostics) -> NameTable {
    let (g, sp) = (&p.graph, &p.spans);
    let mut index = NameTable::with_capacity(g.nodes.len());
    for (i, n) in g.nodes.iter().enumerate() {
        let Some(span) = sp.nodes[i].id else { continue };
        if let Some(problem) = id_problem(&n.id) {
            out.push(
                Diagnostic::error(
                    "E0213",
                    format!("node id \"{}\" {problem}", n.id.escape_debug()),
                )
                .at(span)
                .help(format!(
                    "use letters, digits and `_`, e.g. \"{}\"",
                    tidy_id(&n.id)
                )),
            );
        }
        if let Err(first) = index.add(&n.id, i) {
            let mut d = Diagnostic::error("E0201", format!("duplicate node id `{}`", n.id))
                .at(span)
                .help("give each node its own id; edges refer to nodes by id");
            if let Some(s) = sp.nodes[first].id {
                d = d.label(s, "first defined here");
            }
            out.push(d);
        }
    }
    index
}

/// Group ids: unique (E0210). Returns the first group of each id.
fn check_group_ids<'a>(p: &'a Parsed, out: &mut Diagnostics) -> FastMap<&'a str, usize> {
    let (g, sp) = (&p.graph, &p.spans);
    let mut groups: FastMap<&str, usize> = FastMap::default();
    for (i, gr) in g.groups.iter().enumerate() {
        let Some(span) = sp.groups[i].id else {
            continue;
        };
        if let Some(&first) = groups.get(gr.id.as_str()) {
            let mut d = Diagnostic::error("E0210", format!("duplicate group id `{}`", gr.id))
                .at(span)
                .help("give each group its own id");
            if let Some(s) = sp.groups[first].id {
                d = d.label(s, "first defined here");
            }
            out.push(d);
        } else {
            groups.insert(&gr.id, i);
        }
    }
    groups
}

/// Group parents: they exist (E0203) and form no cycle (E0209).
fn check_group_parents(p: &Parsed, cx: &Names, out: &mut Diagnostics) {
    let (g, sp) = (&p.graph, &p.spans);
    for (i, gr) in g.groups.iter().enumerate() {
        if let (Some(parent), Some(span)) = (&gr.parent, sp.groups[i].parent)
            && !cx.groups.contains_key(parent.as_str())
        {
            out.push(cx.unknown_group("parent group", parent, span));
        }
    }
    // Walk up from each group, marking the groups on the current walk; meeting
    // one again is a cycle. Each group is walked once: O(groups).
    const UNSEEN: usize = usize::MAX;
    const DONE: usize = usize::MAX - 1;
    let mut on_walk = vec![UNSEEN; g.groups.len()]; // position on the walk, or a state
    for start in 0..g.groups.len() {
        if on_walk[start] != UNSEEN {
            continue;
        }
        let mut path = vec![];
        let mut cur = start;
        loop {
            on_walk[cur] = path.len();
            path.push(cur);
            let Some(&next) = g.groups[cur]
                .parent
                .as_deref()
                .and_then(|p| cx.groups.get(p))
            else {
                break;
            };
            match on_walk[next] {
                UNSEEN => cur = next,
                DONE => break,
                pos => {
                    let cycle = &path[pos..];
                    let names: Vec<&str> = cycle.iter().map(|&c| g.groups[c].id.as_str()).collect();
                    let at = sp.groups[cycle[0]]
                        .parent
                        .unwrap_or(sp.groups[cycle[0]].whole);
                    out.push(
                        Diagnostic::error(
                            "E0209",
                            format!(
                                "groups form a cycle of parents: {} -> {}",
                                names.join(" -> "),
                                names[0]
                            ),
                        )
                        .at(at)
                        .help("a group cannot contain itself; remove one of these `parent` fields"),
                    );
                    break;
                }
            }
        }
        for c in path {
            on_walk[c] = DONE;
        }
    }
}

/// Nodes: bases in `[0, 1]` (E0204) and groups that exist (E0203).
fn check_nodes(p: &Parsed, cx: &Names, out: &mut Diagnostics) {
    let (g, sp) = (&p.graph, &p.spans);
    for (i, n) in g.nodes.iter().enumerate() {
        let s = &sp.nodes[i];
        if let Some(bs) = s.base
            && !(n.base.is_finite() && (0.0..=1.0).contains(&n.base))
        {
            let (msg, help) = base_problem(n.base);
            out.push(Diagnostic::error("E0204", msg).at(bs).help(help));
        }
        if let (Some(r), Some(at)) = (n.base_range, s.base_range)
            && let Some(d) = range_problem("base_range", r, 1.0)
        {
            out.push(d.at(at));
        }
        if let (Some(group), Some(gs)) = (&n.group, s.group)
            && !cx.groups.contains_key(group.as_str())
        {
            out.push(cx.unknown_group("group", group, gs));
        }
    }
}

/// The conclusion is a node (E0202).
fn check_conclusion(p: &Parsed, cx: &Names, out: &mut Diagnostics) {
    let (g, sp) = (&p.graph, &p.spans);
    if let Some(cs) = sp.conclusion
        && !g.nodes.is_empty()
        && cx.find(&g.conclusion).is_none()
    {
        out.push(cx.unknown_node("conclusion", &g.conclusion, cs));
    }
}

/// E0211 for a semantics name that is not one.
fn check_semantics_name(name: &str, span: Span, out: &mut Diagnostics) {
    if SemanticsKind::from_name(name).is_none() {
        let names = SemanticsKind::ALL.iter().map(|k| k.name());
        let mut d = Diagnostic::error("E0211", format!("unknown semantics \"{name}\"")).at(span);
        if let Some(s) = suggest(name, names.clone()) {
            d = d.help(format!("did you mean \"{s}\"?"));
        }
        out.push(d.help(format!(
            "the semantics are: {}",
            names.collect::<Vec<_>>().join(", ")
        )));
    }
}

/// Edges: endpoints that exist (E0202), weights (E0205, W0306), no self-loops
/// (E0206), no edge given twice (E0207) or both ways of relation (E0208).
/// Returns the endpoints of each edge and whether every one was resolved.
fn check_edges(
    p: &Parsed,
    cx: &Names,
    edge_ids: &Option<FastMap<&str, usize>>,
    out: &mut Diagnostics,
) -> (Vec<(u32, u32)>, bool) {
    let (g, sp) = (&p.graph, &p.spans);
    // The endpoints of each edge (`UNRESOLVED` where one is unknown), and the
    // edges seen so far by their (from, to) pair, as edge indices into `ends`:
    // 5 bytes a bucket. Node and edge indices fit in u32: a file is far
    // smaller than 4 GiB.
    const UNRESOLVED: (u32, u32) = (u32::MAX, u32::MAX);
    let mut ends: Vec<(u32, u32)> = Vec::with_capacity(g.edges.len());
    let mut resolved = true;
    let mut seen: HashTable<u32> = HashTable::with_capacity(g.edges.len());
    let state = FastState::default();
    let pair_hash = |&(f, t): &(u32, u32)| state.hash_one((u64::from(f) << 32) | u64::from(t));
    for (i, e) in g.edges.iter().enumerate() {
        let s = &sp.edges[i];
        let d = e.data();
        let linked = d.is_linked();
        let find = |id: &str| cx.find(id);
        let from = match d.from.as_slice() {
            [one] => s.from.and_then(|span| match cx.find(one) {
                Some(x) => Some(x),
                None => {
                    out.push(cx.unknown_node("edge source", one, span));
                    None
                }
            }),
            _ => structure::premises(d, s, &find, out, |id, span| {
                cx.unknown_node("premise", id, span)
            }),
        };
        let to = match e.kind() {
            EdgeKind::Undercut => structure::undercut_target(g, i, edge_ids, &find, s, out),
            _ => s.to.and_then(|span| match cx.find(&d.to) {
                Some(x) => Some(x),
                None => {
                    out.push(cx.unknown_node("edge target", &d.to, span));
                    None
                }
            }),
        };
        if let (Some(r), Some(at)) = (d.weight_range, s.weight_range)
            && let Some(d) = range_problem("weight_range", r, f64::INFINITY)
        {
            out.push(d.at(at));
        }
        if !d.weight.is_finite() || d.weight < 0.0 {
            let what = if d.weight.is_nan() {
                "not a number (NaN)".to_string()
            } else if d.weight.is_infinite() {
                "infinite".to_string()
            } else {
                format!("negative ({})", d.weight)
            };
            out.push(
                Diagnostic::error("E0205", format!("edge weight is {what}"))
                    .at(s.weight.unwrap_or(s.whole))
                    .help("a weight is a finite number >= 0 (1 is full strength); to reverse an edge's effect, turn `Support` into `Attack` or the other way round"),
            );
        }
        let (Some(from), Some(to)) = (from, to) else {
            resolved = false;
            ends.push(UNRESOLVED);
            continue;
        };
        let pair = (from as u32, to as u32);
        ends.push(pair);
        if linked || e.kind() == EdgeKind::Undercut {
            // Self-loops and repeats of structured edges: `structure::repeats`.
            continue;
        }
        if from == to {
            out.push(
                Diagnostic::error(
                    "E0206",
                    format!(
                        "node `{}` {}s itself",
                        d.from_label(),
                        e.kind().name().to_lowercase()
                    ),
                )
                .at(s.whole)
                .help("remove this edge; a node's own score is its `base`"),
            );
            continue;
        }
        let first = match seen.entry(
            pair_hash(&pair),
            |&j| ends[j as usize] == pair,
            |&j| pair_hash(&ends[j as usize]),
        ) {
            Entry::Occupied(o) => Some(*o.get() as usize),
            Entry::Vacant(v) => {
                v.insert(i as u32);
                None
            }
        };
        match first {
            Some(first) if g.edges[first].kind() == e.kind() => out.push(
                Diagnostic::error(
                    "E0207",
                    format!(
                        "the same edge `{}` -> `{}` is given twice",
                        d.from_label(),
                        d.to
                    ),
                )
                .at(s.whole)
                .label(sp.edges[first].whole, "first given here")
                .help("remove one; to make a relation stronger, raise its `weight`"),
            ),
            Some(first) => out.push(
                Diagnostic::error(
                    "E0208",
                    format!("`{}` both supports and attacks `{}`", d.from_label(), d.to),
                )
                .at(s.whole)
                .label(sp.edges[first].whole, "the other relation is here")
                .help("keep the relation the argument makes, or split the source into two nodes"),
            ),
            None => {}
        }
        if d.weight.is_finite() && d.weight > 1.0 {
            out.push(
                {
                    let mut w = Diagnostic::warning("W0306", format!("weight {} is above 1", d.weight))
                        .at(s.weight.unwrap_or(s.whole));
                    if let Some(meant) = meant_fraction(d.weight) {
                        w = w.help(format!("did you mean {meant}? (`weight: {meant}`)"));
                    }
                    w.help("only sum- and top-aggregation semantics (quadratic-energy, euler-based, mlp-based, ...) accept weights above 1; df-quad and sd-df-quad refuse them")
                },
            );
        }
    }
    (ends, resolved)
}

/// Expectations refer to nodes (E0202), groups (E0203), tags (E0214) and
/// semantics (E0211) that exist.
fn check_expectations(p: &Parsed, cx: &Names, out: &mut Diagnostics) {
    let (g, sp) = (&p.graph, &p.spans);
    for (i, x) in g.expect.iter().enumerate() {
        let s = &sp.expect[i];
        if let (Some(node), Some(span)) = (&x.node, s.node)
            && cx.find(node).is_none()
        {
            out.push(cx.unknown_node("expected node", node, span));
        }
        for (id, span) in x.remove.iter().zip(&s.remove) {
            if cx.find(id).is_none() {
                out.push(cx.unknown_node("removed node", id, *span));
            }
        }
        for grp in &x.remove_group {
            if !cx.groups.contains_key(grp.as_str()) {
                out.push(cx.unknown_group("removed group", grp, s.whole));
            }
        }
        for tag in &x.remove_tag {
            let tags = || {
                g.nodes
                    .iter()
                    .flat_map(|n| n.tags.iter().map(String::as_str))
            };
            if !tags().any(|t| t == tag) {
                let d = Diagnostic::error(
                    "E0214",
                    format!(
                        "removed tag `{tag}` is carried by no node, so nothing would be removed"
                    ),
                )
                .at(s.whole);
                let mut all: Vec<&str> = tags().collect();
                all.sort_unstable();
                all.dedup();
                out.push(match suggest(tag, all.iter().copied()) {
                    Some(close) => d.help(format!("did you mean `{close}`?")),
                    None if all.is_empty() => d.help(
                        "no node has `tags`: add `tags: [\"...\"]` to the nodes to remove, or remove them by id with `remove`",
                    ),
                    None => d.help(format!("the tags are: {}", list_some(all.iter().copied(), all.len()))),
                });
            }
        }
        if let (Some(name), Some(span)) = (&x.semantics, s.semantics) {
            check_semantics_name(name, span, out);
        }
    }
}

/// Every edge's endpoints by id alone, up to the first that does not resolve
/// (used only when an endpoint had no position and so no error; `build` does
/// the same if this is not all).
fn resolve_without_positions(
    cx: &Names,
    edge_ids: &Option<FastMap<&str, usize>>,
) -> Vec<(u32, u32)> {
    cx.g.edges
        .iter()
        .map_while(|e| {
            let to = match e.kind() {
                EdgeKind::Undercut => edge_ids.as_ref()?.get(e.data().to.as_str()).copied(),
                _ => cx.find(&e.data().to),
            };
            Some((cx.find(e.data().from.first()?)? as u32, to? as u32))
        })
        .collect()
}

/// `ends` has every edge's endpoints as nodes (there were no errors), one pair
/// per premise of a linked edge, and `edge` the edge of each pair (an
/// undercut's premises count towards the node its inference ends on).
fn lint(
    p: &Parsed,
    index: &NameTable,
    ends: &[(u32, u32)],
    edge: &dyn Fn(usize) -> usize,
    out: &mut Diagnostics,
) {
    let g = &p.graph;
    let sp = &p.spans;
    let n = g.nodes.len();
    let Some(conclusion) = index.index_of(&g.conclusion) else {
        return;
    };
    let mut incoming = vec![0u32; n];
    let mut attacked = vec![false; n];
    let mut supported = vec![false; n];
    for (j, &(_, t)) in ends.iter().enumerate() {
        incoming[t as usize] += 1;
        match g.edges[edge(j)].kind() {
            EdgeKind::Attack | EdgeKind::Undercut => attacked[t as usize] = true,
            EdgeKind::Support => supported[t as usize] = true,
        }
    }
    // Reaches the conclusion: reverse search from it.
    let sources = Csr::new(n, ends.iter().map(|&(f, t)| (t as usize, f as usize)));
    let mut reaches = vec![false; n];
    let mut stack = vec![conclusion];
    reaches[conclusion] = true;
    while let Some(x) = stack.pop() {
        for &y in sources.row(x) {
            let y = y as usize;
            if !reaches[y] {
                reaches[y] = true;
                stack.push(y);
            }
        }
    }
    let swapped = swapped_edges(ends, &reaches);
    let mut swapped_into = vec![false; n];
    for &i in &swapped {
        swapped_into[ends[i].1 as usize] = true;
    }
    for (i, node) in g.nodes.iter().enumerate() {
        let s = &sp.nodes[i];
        let at = s.id.unwrap_or(s.whole);
        if node.kind == NodeKind::Evidence && node.cite.is_none() {
            out.push(
                Diagnostic::warning("W0301", format!("evidence `{}` has no citation", node.id))
                    .at(at)
                    .help("add `cite: (ref: \"Author 2020\", locator: \"p. 12\", quote: \"...\")` so readers can check it"),
            );
        }
        if let (Some(c), Some(cs)) = (&node.cite, &s.cite) {
            cite_lint(node, c, cs, out);
        }
        // (A node cut off by a swapped edge gets W0308 instead, which says why.)
        if !reaches[i] && !swapped_into[i] {
            out.push(
                Diagnostic::warning("W0302", format!("node `{}` has no path to the conclusion `{}`", node.id, g.conclusion))
                    .at(at)
                    .help("connect it with a `Support` or `Attack` edge towards the conclusion, or remove it; it cannot change the result"),
            );
        }
        // A claim with base 0 and nothing under it is inert (it moves nothing): it
        // records an assertion its source makes without evidence.
        if node.kind == NodeKind::Claim && incoming[i] == 0 && node.base != 0.0 {
            out.push(
                Diagnostic::warning("W0303", format!("claim `{}` has nothing supporting or attacking it", node.id))
                    .at(at)
                    .help("back it with evidence (`Support(from: \"e..\", to: ...)`), or make it `Evidence` with a citation if it is a fact"),
            );
        }
    }
    // W0309: a claim with something under it but no evidence anywhere below, whose
    // base is not neutral for its role (0.5 for the conclusion or a claim that
    // bears on nothing, 0 for a claim that bears on others): its strength, and
    // what it passes on, then come from the structure, not from evidence.
    let below = evidence_below(g, ends, n);
    let mut bears = vec![false; n];
    for &(f, _) in ends {
        bears[f as usize] = true;
    }
    for (i, node) in g.nodes.iter().enumerate() {
        if node.kind != NodeKind::Claim || below[i] || incoming[i] == 0 {
            continue; // bare claims are W0303's
        }
        let topic = i == conclusion || !bears[i];
        let neutral = if topic { 0.5 } else { 0.0 };
        if node.base == neutral {
            continue;
        }
        let s = &sp.nodes[i];
        let at = s.base.unwrap_or(s.id.unwrap_or(s.whole));
        let (what, help) = if topic {
            (
                format!("claim `{}` has no evidence below it, and its base {} leans one way", node.id, node.base),
                "with nothing but claims under it, its base decides where it starts: `base: 0.5` says no prior either way".to_string(),
            )
        } else {
            (
                format!("claim `{}` has no evidence below it, yet its base {} pushes the claims it bears on", node.id, node.base),
                "the structure then decides instead of the evidence: `base: 0` lets only evidence give it strength (or add the evidence)".to_string(),
            )
        };
        out.push(Diagnostic::warning("W0309", what).at(at).help(help));
    }
    // One-sided, in either direction (a conclusion nothing bears on at all is
    // W0303's, or its edges are missing: no W0304 then).
    let at = sp.conclusion.unwrap_or(sp.whole);
    if supported[conclusion] && !attacked[conclusion] {
        out.push(
            Diagnostic::warning("W0304", format!("nothing attacks the conclusion `{}`: the map is one-sided", g.conclusion))
                .at(at)
                .help("add the strongest objection as an `Attack`; a map that only supports its conclusion cannot test it"),
        );
    } else if attacked[conclusion] && !supported[conclusion] {
        out.push(
            Diagnostic::warning("W0304", format!("nothing supports the conclusion `{}`: the map is one-sided", g.conclusion))
                .at(at)
                .help("add the strongest reason for it as a `Support`; a map that only attacks its conclusion cannot test it"),
        );
    }
    report_swapped(p, ends, edge, &swapped, conclusion, out);
    // Cycles: strongly connected components of more than one node.
    drop(sources);
    let targets = Csr::new(n, ends.iter().map(|&(f, t)| (f as usize, t as usize)));
    for comp in cycles(&targets) {
        let names = list_some(comp.iter().map(|&i| g.nodes[i].id.as_str()), comp.len());
        let first = comp.iter().copied().min().unwrap_or(0);
        let s = &sp.nodes[first];
        out.push(
            Diagnostic::warning("W0305", format!("the graph has a cycle through {names}"))
                .at(s.id.unwrap_or(s.whole))
                .help("that is allowed: gradual semantics will iterate to a fixed point there (see `--solver`)"),
        );
    }
}

/// Whether each node has an evidence node among its ancestors (a path from an
/// evidence node to it).
fn evidence_below(g: &crate::model::ArgumentGraph, ends: &[(u32, u32)], n: usize) -> Vec<bool> {
    let targets = Csr::new(n, ends.iter().map(|&(f, t)| (f as usize, t as usize)));
    let mut below = vec![false; n];
    let mut stack: Vec<usize> = (0..n)
        .filter(|&i| g.nodes[i].kind == NodeKind::Evidence)
        .collect();
    while let Some(x) = stack.pop() {
        for &y in targets.row(x) {
            let y = y as usize;
            if !below[y] {
                below[y] = true;
                stack.push(y);
            }
        }
    }
    below
}

/// W0307: a citation that names one work twice (`via` or a `cites` entry equal
/// to `ref`, or a `cites` entry repeated), or an empty `via` or `cites` entry.
fn cite_lint(node: &Node, c: &Cite, cs: &CiteSpans, out: &mut Diagnostics) {
    let at = |span: Option<Span>| span.unwrap_or(cs.whole);
    let twice = |what: &str, work: &str| {
        Diagnostic::warning(
            "W0307",
            format!(
                "the citation of `{}` names {work:?} twice ({what})",
                node.id
            ),
        )
    };
    if let Some(via) = &c.via {
        if via.trim().is_empty() {
            out.push(
                Diagnostic::warning(
                    "W0307",
                    format!("the citation of `{}` has an empty `via`", node.id),
                )
                .at(at(cs.via))
                .help("name the work the quote was taken from, or remove `via`"),
            );
        } else if via == &c.reference {
            out.push(
                twice("`ref` and `via`", via)
                    .at(at(cs.via))
                    .help("`via` names the work the quote was found in when it is not `ref`'s own text; remove it here"),
            );
        }
    }
    for (k, work) in c.cites.iter().enumerate() {
        let span = cs.cites.get(k).copied();
        if work.trim().is_empty() {
            out.push(
                Diagnostic::warning(
                    "W0307",
                    format!(
                        "the citation of `{}` has an empty entry in `cites`",
                        node.id
                    ),
                )
                .at(at(span))
                .help("name a work, e.g. `\"Trump 2017\"`, or remove the entry"),
            );
        } else if work == &c.reference {
            out.push(
                twice("`ref` and `cites`", work)
                    .at(at(span))
                    .help("`cites` lists the works the quoted passage itself cites; `ref` already names this one"),
            );
        } else if c.cites[..k].contains(work) {
            out.push(
                twice("in `cites`", work)
                    .at(at(span))
                    .help("remove the repeated entry"),
            );
        }
    }
}

/// The edges that point away from the conclusion, the usual sign of `from` and
/// `to` swapped: an edge from the conclusion, or from a node that reaches it
/// (`reaches`), to a node that does not (turned around, it would connect that
/// node). An edge from the conclusion to a node with a path back to it (a
/// mutual attack) is a cycle on purpose, not a slip.
fn swapped_edges(ends: &[(u32, u32)], reaches: &[bool]) -> Vec<usize> {
    (0..ends.len())
        .filter(|&i| reaches[ends[i].0 as usize] && !reaches[ends[i].1 as usize])
        .collect()
}

/// W0308 for each of the `swapped` edges, with the edge turned around.
fn report_swapped(
    p: &Parsed,
    ends: &[(u32, u32)],
    edge: &dyn Fn(usize) -> usize,
    swapped: &[usize],
    conclusion: usize,
    out: &mut Diagnostics,
) {
    let g = &p.graph;
    for &j in swapped {
        let (f, t) = (ends[j].0 as usize, ends[j].1 as usize);
        let i = edge(j);
        let e = &g.edges[i];
        // (Linked edges and undercuts cannot just be turned around.)
        if e.kind() == EdgeKind::Undercut || e.data().is_linked() {
            continue;
        }
        let why = if f == conclusion {
            format!(
                "the edge starts at the conclusion `{}`, and `{}` has no other path to it",
                g.conclusion, g.nodes[t].id
            )
        } else {
            format!(
                "the edge leads away from the conclusion: `{}` has a path to it, `{}` has none",
                g.nodes[f].id, g.nodes[t].id
            )
        };
        let d = e.data();
        let kind = e.kind().name();
        out.push(
            Diagnostic::warning("W0308", format!("{why}: did you swap `from` and `to`?"))
                .at(p.spans.edges[i].whole)
                .help(format!(
                    "turned around it reads `{kind}(from: \"{}\", to: \"{}\")`: an edge goes from the reason (or objection) to what it bears on",
                    d.to,
                    d.from_label()
                )),
        );
    }
}

/// E0215: a `base_range` or `weight_range` that is not `(low, high)` with
/// `0 <= low <= high <= max` (finite).
fn range_problem(field: &str, (lo, hi): (f64, f64), max: f64) -> Option<Diagnostic> {
    let ok = lo.is_finite() && hi.is_finite() && 0.0 <= lo && lo <= hi && hi <= max;
    if ok {
        return None;
    }
    let bound = if max.is_finite() {
        format!("0 <= low <= high <= {max}")
    } else {
        "0 <= low <= high, both finite".to_string()
    };
    Some(
        Diagnostic::error(
            "E0215",
            format!("`{field}` is ({lo}, {hi}): it needs {bound}"),
        )
        .help(format!(
            "e.g. `{field}: (0.6, 0.9)`: the interval `argmap sensitivity` draws the value from"
        )),
    )
}

/// How many id comparisons typo suggestions may make in one file (see `suggest`).
const SUGGEST_BUDGET: usize = 250_000;

/// The first few of `items` joined with commas, then how many more there are.
fn list_some<'a>(items: impl Iterator<Item = &'a str>, len: usize) -> String {
    const SHOWN: usize = 20;
    let mut s = items.take(SHOWN).collect::<Vec<_>>().join(", ");
    if len > SHOWN {
        s.push_str(&format!(" and {} more", len - SHOWN));
    }
    s
}

/// What a score written between 2 and 100 most likely meant: tenths below 10
/// (`7` for 0.7), a percentage from 10 (`85` for 0.85).
fn meant_fraction(x: f64) -> Option<f64> {
    if (2.0..10.0).contains(&x) {
        Some(x / 10.0)
    } else if (10.0..=100.0).contains(&x) {
        Some(x / 100.0)
    } else {
        None
    }
}

/// The conclusion a misspelt `conclusion` (`word`) most likely meant, and why:
/// the one claim whose id contains it or is contained in it (`nuclear` for
/// `h_nuclear_power`), else the one claim that is the source of no edge (a
/// map's conclusion is what everything leads to).
fn likely_conclusion<'g>(
    g: &'g crate::model::ArgumentGraph,
    word: &str,
) -> Option<(&'g str, String)> {
    let w = word.to_lowercase();
    let mut part = g.nodes.iter().filter(|n| {
        let id = n.id.to_lowercase();
        n.kind == NodeKind::Claim && w.len() >= 3 && (id.contains(&w) || w.contains(&id))
    });
    if let (Some(first), None) = (part.next(), part.next()) {
        let why = if first.id.to_lowercase().contains(&w) {
            format!("the one claim whose id contains `{word}`")
        } else {
            format!("the one claim whose id is part of `{word}`")
        };
        return Some((first.id.as_str(), why));
    }
    sink_claim(g).map(|c| {
        (
            c,
            "the one claim that supports or attacks nothing".to_string(),
        )
    })
}

/// The one claim that is the source of no edge, if there is exactly one.
fn sink_claim(g: &crate::model::ArgumentGraph) -> Option<&str> {
    let sources: std::collections::HashSet<&str> = g
        .edges
        .iter()
        .flat_map(|e| &e.data().from)
        .map(String::as_str)
        .collect();
    let mut sinks = g
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Claim && !sources.contains(n.id.as_str()));
    let first = sinks.next()?;
    sinks.next().is_none().then_some(first.id.as_str())
}

fn base_problem(b: f64) -> (String, String) {
    if b.is_nan() {
        (
            "base is not a number (NaN)".into(),
            "a base score is a number from 0 to 1, e.g. `base: 0.5`".into(),
        )
    } else if let Some(meant) = meant_fraction(b) {
        (
            format!("base {b} is above 1"),
            format!(
                "did you mean {meant}? (`base: {meant}`): a base score is a number from 0 to 1"
            ),
        )
    } else {
        (
            format!("base {b} is outside [0, 1]"),
            "a base score is a number from 0 to 1, e.g. `base: 0.5`".into(),
        )
    }
}

/// What is wrong with a node id, if anything (E0213). Also the fast `.bag`
/// reader's test, so that both paths take the same ids.
pub(crate) fn id_problem(id: &str) -> Option<&'static str> {
    // The usual id (printable ASCII, no separator) in one pass.
    if !id.is_empty()
        && id
            .bytes()
            .all(|c| c.is_ascii_graphic() && !matches!(c, b':' | b'=' | b','))
    {
        return None;
    }
    if id.is_empty() {
        Some("is empty")
    } else if id.chars().any(char::is_whitespace) {
        Some("contains whitespace")
    } else if id.chars().any(char::is_control) {
        Some("contains a control character")
    } else if id.contains([':', '=', ',']) {
        Some("contains `:`, `=` or `,`, which the command line uses to separate ids")
    } else {
        None
    }
}

fn tidy_id(id: &str) -> String {
    let t: String = id
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if t.is_empty() { "node_1".into() } else { t }
}

#[cfg(test)]
mod tests {
    use crate::diag::Source;

    /// Repeated pairs are matched with the first edge of the pair, whatever
    /// lies between them (an unknown endpoint, a self-loop, other pairs).
    #[test]
    fn repeated_edges_point_at_the_first_of_their_pair() {
        let text = r#"ArgumentGraph(conclusion: "a", nodes: [
            Node(id: "a", kind: Claim, text: "A", base: 0.5),
            Node(id: "b", kind: Claim, text: "B", base: 0.5),
        ], edges: [
            Support(from: "b", to: "a"),
            Attack(from: "x", to: "a"),
            Attack(from: "a", to: "a"),
            Attack(from: "a", to: "b"),
            Attack(from: "b", to: "a"),
            Support(from: "b", to: "a"),
            Attack(from: "a", to: "b"),
        ])"#;
        let src = Source::new("t.ron", text);
        let d = crate::check(&src).unwrap_err();
        let whole = |n: usize| {
            let at = text.match_indices(['S', 'A']).filter(|(i, _)| {
                text[*i..].starts_with("Support(") || text[*i..].starts_with("Attack(")
            });
            at.map(|(i, _)| i as u32).nth(n).unwrap()
        };
        let got: Vec<(&str, u32, Vec<u32>)> = d
            .iter()
            .map(|d| {
                let labels = d.labels.iter().map(|l| l.span.start).collect();
                (d.code, d.span.unwrap().start, labels)
            })
            .collect();
        // Edge 1: unknown source; edge 2: self-attack; edge 4 repeats edge 0 with
        // the other kind; edge 5 repeats edge 0; edge 6 repeats edge 3.
        let want = vec![
            ("E0202", whole(1) + 13, vec![]),
            ("E0206", whole(2), vec![]),
            ("E0208", whole(4), vec![whole(0)]),
            ("E0207", whole(5), vec![whole(0)]),
            ("E0207", whole(6), vec![whole(3)]),
        ];
        assert_eq!(got, want);
    }
}
