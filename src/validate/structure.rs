//! The checks of structured edges: edge ids, linked premises, undercuts,
//! schemes and critical questions (codes `E0220`-`E0227`, lints `W0320`,
//! `W0321`). They run only in files that have structure or edge ids, so a plain
//! file is checked exactly as before.

use std::collections::HashMap;

use crate::diag::{Diagnostic, Diagnostics, Span, suggest};
use crate::graph::names::NameTable;
use crate::load::hash::FastMap;
use crate::load::{EdgeSpans, Parsed};
use crate::model::{ArgumentGraph, EdgeData, EdgeKind};
use crate::schemes;

use super::{id_problem, list_some};

/// A resolved edge's endpoints, `u32::MAX` where unresolved (see `check`).
const UNRESOLVED: u32 = u32::MAX;

/// The edge ids of the file (`None` when no edge has one): checks that each is
/// well formed and unique (E0213, E0222).
pub(super) fn edge_ids<'a>(
    p: &'a Parsed,
    out: &mut Diagnostics,
) -> Option<FastMap<&'a str, usize>> {
    let g = &p.graph;
    if g.edges.iter().all(|e| e.data().id.is_none()) {
        return None;
    }
    let mut ids: FastMap<&str, usize> = FastMap::default();
    for (i, e) in g.edges.iter().enumerate() {
        let (Some(id), Some(span)) = (&e.data().id, p.spans.edges[i].id) else {
            continue;
        };
        if let Some(problem) = id_problem(id) {
            out.push(
                Diagnostic::error(
                    "E0213",
                    format!("edge id \"{}\" {problem}", id.escape_debug()),
                )
                .at(span)
                .help("use letters, digits and `_`, e.g. \"s_expert\""),
            );
        }
        match ids.get(id.as_str()) {
            Some(&first) => {
                let mut d = Diagnostic::error("E0222", format!("duplicate edge id `{id}`"))
                    .at(span)
                    .help(
                        "give each edge its own id; an `Undercut` names the edge it attacks by id",
                    );
                if let Some(s) = p.spans.edges[first].id {
                    d = d.label(s, "first used here");
                }
                out.push(d);
            }
            None => {
                ids.insert(id, i);
            }
        }
    }
    Some(ids)
}

/// Resolves the premises of a linked edge (or an empty list): E0223 for an
/// empty list, E0226 for a premise given twice, `unknown` for an id that is no
/// node. The first premise's index when every premise is a node.
pub(super) fn premises(
    d: &EdgeData,
    s: &EdgeSpans,
    find: &dyn Fn(&str) -> Option<usize>,
    out: &mut Diagnostics,
    unknown: impl Fn(&str, Span) -> Diagnostic,
) -> Option<usize> {
    let list = s.from?;
    if d.from.is_empty() {
        out.push(
            Diagnostic::error("E0223", "an edge with no premises: `from` is an empty list")
                .at(list)
                .help("name at least one node, e.g. `from: \"e1\"`, or `from: [\"e1\", \"e2\"]` for premises that hold only jointly"),
        );
        return None;
    }
    let mut ok = true;
    let mut first = None;
    for (k, id) in d.from.iter().enumerate() {
        let Some(span) = s.premise(k) else {
            ok = false;
            continue;
        };
        if d.from[..k].contains(id) {
            out.push(
                Diagnostic::error("E0226", format!("premise `{id}` is listed twice in `from`"))
                    .at(span)
                    .help("list each premise once"),
            );
        }
        match find(id) {
            Some(x) if k == 0 => first = Some(x),
            Some(_) => {}
            None => {
                out.push(unknown(id, span));
                ok = false;
            }
        }
    }
    if ok { first } else { None }
}

/// Resolves an undercut's `to` among the edge ids: E0220 when it names no edge
/// (with the closest id), E0221 when it names a node, E0227 when it names
/// itself.
pub(super) fn undercut_target(
    g: &ArgumentGraph,
    i: usize,
    edge_ids: &Option<FastMap<&str, usize>>,
    find: &dyn Fn(&str) -> Option<usize>,
    s: &EdgeSpans,
    out: &mut Diagnostics,
) -> Option<usize> {
    let span = s.to?;
    let to = g.edges[i].data().to.as_str();
    if let Some(&j) = edge_ids.as_ref().and_then(|ids| ids.get(to)) {
        if j == i {
            out.push(
                Diagnostic::error("E0227", format!("the undercut `{to}` undercuts itself"))
                    .at(span)
                    .help("an undercut attacks another edge's inference: name that edge's id"),
            );
            return None;
        }
        return Some(j);
    }
    let mut d = if find(to).is_some() {
        Diagnostic::error(
            "E0221",
            format!("an undercut attacks an inference, but `{to}` is a node, not an edge id"),
        )
        .at(span)
        .help(format!(
            "to attack the node, write `Attack(from: ..., to: \"{to}\")`; to attack an edge's inference, give that edge an `id` and name it here"
        ))
    } else {
        Diagnostic::error(
            "E0220",
            format!("undercut target `{to}` is not an edge id of this graph"),
        )
        .at(span)
    };
    let ids: Vec<&str> = g
        .edges
        .iter()
        .filter_map(|e| e.data().id.as_deref())
        .collect();
    d = match suggest(to, ids.iter().copied()) {
        Some(close) => d.help(format!("did you mean `{close}`?")),
        None if ids.is_empty() => d.help(
            "no edge has an `id`: add `id: \"s1\"` to the edge to undercut, and name it here",
        ),
        None => d.help(format!(
            "the edge ids are: {}",
            list_some(ids.iter().copied(), ids.len())
        )),
    };
    out.push(d);
    None
}

/// The resolved premises of edge `i` (node indices), or `None`.
fn resolved(g: &ArgumentGraph, nodes: &NameTable, i: usize) -> Option<Vec<u32>> {
    g.edges[i]
        .data()
        .from
        .iter()
        .map(|id| nodes.index_of(id).map(|x| x as u32))
        .collect()
}

/// Repeats and loops of structured edges (plain ones are checked in `check`):
/// a premise that is its own edge's target (E0206), the same premises and
/// target twice (E0207, or E0208 with the other kind), undercuts that undercut
/// each other in a cycle (E0227); and weights above 1 (W0306).
pub(super) fn repeats(p: &Parsed, nodes: &NameTable, ends: &[(u32, u32)], out: &mut Diagnostics) {
    let g = &p.graph;
    let sp = &p.spans;
    let mut seen: HashMap<(Vec<u32>, u32, bool), usize> = HashMap::new();
    for (i, e) in g.edges.iter().enumerate() {
        let d = e.data();
        let undercut = e.kind() == EdgeKind::Undercut;
        if !(undercut || d.is_linked()) {
            continue;
        }
        let s = &sp.edges[i];
        if d.weight.is_finite() && d.weight > 1.0 {
            out.push(
                Diagnostic::warning("W0306", format!("weight {} is above 1", d.weight))
                    .at(s.weight.unwrap_or(s.whole))
                    .help("only sum- and top-aggregation semantics (quadratic-energy, euler-based, mlp-based, ...) accept weights above 1; df-quad and sd-df-quad refuse them"),
            );
        }
        let Some(&(_, to)) = ends.get(i).filter(|e| e.0 != UNRESOLVED) else {
            continue;
        };
        let Some(mut prem) = resolved(g, nodes, i) else {
            continue;
        };
        if !undercut && prem.contains(&to) {
            out.push(
                Diagnostic::error(
                    "E0206",
                    format!("node `{}` is a premise of an edge into itself", d.to),
                )
                .at(s.whole)
                .help("remove it from `from`; a node's own score is its `base`"),
            );
            continue;
        }
        prem.sort_unstable();
        match seen.get(&(prem.clone(), to, undercut)) {
            Some(&first) => {
                let same = g.edges[first].kind() == e.kind();
                let (code, msg, label) = if same {
                    (
                        "E0207",
                        format!(
                            "the same edge `{}` -> `{}` is given twice",
                            d.from_label(),
                            d.to
                        ),
                        "first given here",
                    )
                } else {
                    (
                        "E0208",
                        format!("`{}` both supports and attacks `{}`", d.from_label(), d.to),
                        "the other relation is here",
                    )
                };
                out.push(
                    Diagnostic::error(code, msg)
                        .at(s.whole)
                        .label(sp.edges[first].whole, label)
                        .help("keep one relation for these premises and this target"),
                );
            }
            None => {
                seen.insert((prem, to, undercut), i);
            }
        }
    }
    // Undercut chains must end on a support or an attack.
    for (i, e) in g.edges.iter().enumerate() {
        if e.kind() != EdgeKind::Undercut {
            continue;
        }
        if let Err(cycle) = chain_end(g, ends, i)
            && cycle.iter().min() == Some(&i)
        {
            let names: Vec<String> = cycle.iter().map(|&k| label(g, k)).collect();
            out.push(
                    Diagnostic::error(
                        "E0227",
                        format!("undercuts attack each other in a cycle: {}", names.join(" -> ")),
                    )
                    .at(sp.edges[i].to.unwrap_or(sp.edges[i].whole))
                    .help("an undercut attacks the inference of a support or an attack, possibly through other undercuts; break the cycle"),
                );
        }
    }
}

/// The node edge (a support or an attack) that the undercut chain from edge
/// `i` ends on, or the cycle of undercuts it runs into. Unresolved links end
/// the chain at `i`.
pub(crate) fn chain_end(
    g: &ArgumentGraph,
    ends: &[(u32, u32)],
    mut i: usize,
) -> Result<usize, Vec<usize>> {
    let mut path = vec![];
    while g.edges[i].kind() == EdgeKind::Undercut {
        if let Some(at) = path.iter().position(|&k| k == i) {
            return Err(path[at..].to_vec());
        }
        path.push(i);
        match ends.get(i) {
            Some(&(f, t)) if f != UNRESOLVED => i = t as usize,
            _ => return Ok(i),
        }
    }
    Ok(i)
}

/// An edge's name in messages: its id, or `from -> to`.
fn label(g: &ArgumentGraph, i: usize) -> String {
    let d = g.edges[i].data();
    match &d.id {
        Some(id) => format!("`{id}`"),
        None => format!("`{}` -> `{}`", d.from_label(), d.to),
    }
}

/// Schemes and critical questions: an unknown scheme (E0224), a question that
/// the scheme of the inference it bears on does not have, or that bears on no
/// scheme-bearing inference (E0225), a premise count that does not fit the
/// scheme (W0320).
pub(super) fn schemes(p: &Parsed, nodes: &NameTable, ends: &[(u32, u32)], out: &mut Diagnostics) {
    let g = &p.graph;
    let sp = &p.spans;
    let ids = || schemes::catalogue().iter().map(|s| s.id.as_str());
    for (i, e) in g.edges.iter().enumerate() {
        let d = e.data();
        let (Some(name), Some(span)) = (&d.scheme, sp.edges[i].scheme) else {
            continue;
        };
        match schemes::scheme(name) {
            None => {
                let d = Diagnostic::error("E0224", format!("unknown scheme \"{name}\"")).at(span);
                let d = match suggest(name, ids()) {
                    Some(s) => d.help(format!("did you mean \"{s}\"?")),
                    None => d,
                };
                out.push(d.help(format!(
                    "the schemes are: {} (see docs/schemes.md)",
                    ids().collect::<Vec<_>>().join(", ")
                )));
            }
            Some(s) => {
                let range = s.premise_range();
                if !range.contains(&d.from.len()) {
                    let roles: Vec<&str> = s.premises.iter().map(|r| r.id.as_str()).collect();
                    let want = if range.start() == range.end() {
                        format!("{}", range.start())
                    } else {
                        format!("{} or {}", range.start(), range.end())
                    };
                    out.push(
                        Diagnostic::warning(
                            "W0320",
                            format!(
                                "scheme \"{name}\" has {want} premises ({}), but this edge has {}",
                                roles.join(", "),
                                d.from.len()
                            ),
                        )
                        .at(sp.edges[i].from.unwrap_or(span))
                        .help("list the scheme's premises as a linked `from: [...]`, or choose the scheme that fits (docs/schemes.md)"),
                    );
                }
            }
        }
    }
    // Questions: find the scheme-bearing inferences each question bears on.
    let premises: Vec<Option<Vec<u32>>> =
        (0..g.edges.len()).map(|i| resolved(g, nodes, i)).collect();
    for (k, x) in g.edges.iter().enumerate() {
        let (Some(qid), Some(span)) = (&x.data().question, sp.edges[k].question) else {
            continue;
        };
        let Some(&(_, to)) = ends.get(k).filter(|e| e.0 != UNRESOLVED) else {
            continue;
        };
        let bears_on = |j: usize| -> bool {
            if j == k {
                return false;
            }
            match x.kind() {
                EdgeKind::Undercut => to as usize == j,
                _ => {
                    let node_edge = g.edges[j].kind() != EdgeKind::Undercut;
                    let target = ends.get(j).filter(|e| e.0 != UNRESOLVED).map(|e| e.1);
                    (node_edge && target == Some(to))
                        || premises[j].as_ref().is_some_and(|p| p.contains(&to))
                }
            }
        };
        let schemes_on: Vec<&schemes::Scheme> = (0..g.edges.len())
            .filter(|&j| bears_on(j))
            .filter_map(|j| {
                g.edges[j]
                    .data()
                    .scheme
                    .as_deref()
                    .and_then(schemes::scheme)
            })
            .collect();
        if schemes_on.iter().any(|s| s.question(qid).is_some()) {
            continue;
        }
        let d = match schemes_on.first() {
            Some(s) => {
                let qs: Vec<&str> = s.questions.iter().map(|q| q.id.as_str()).collect();
                Diagnostic::error(
                    "E0225",
                    format!("scheme \"{}\" has no critical question `{qid}`", s.id),
                )
                .at(span)
                .help(format!("its questions are {} (see docs/schemes.md)", qs.join(", ")))
            }
            None => Diagnostic::error(
                "E0225",
                format!("question `{qid}` bears on no inference with a `scheme`"),
            )
            .at(span)
            .help(match x.kind() {
                EdgeKind::Undercut => "give the undercut edge a `scheme`, whose critical question this is",
                _ => "a question belongs to the scheme of an inference: undercut it, or attack one of its premises or its conclusion, and give that inference a `scheme`",
            }),
        };
        out.push(d);
    }
}

/// W0321: an edge id that is also a node id (an `Undercut` names edges, so the
/// two are never confused, but a reader may be).
pub(super) fn edge_ids_lint(p: &Parsed, nodes: &NameTable, out: &mut Diagnostics) {
    for (i, e) in p.graph.edges.iter().enumerate() {
        let (Some(id), Some(span)) = (&e.data().id, p.spans.edges[i].id) else {
            continue;
        };
        if nodes.index_of(id).is_some() {
            out.push(
                Diagnostic::warning("W0321", format!("edge id `{id}` is also a node id"))
                    .at(span)
                    .help("give the edge an id of its own, e.g. with an `s_` or `a_` prefix, so readers do not confuse the two"),
            );
        }
    }
}

/// Every premise -> target pair as nodes, with the edge it belongs to (an
/// undercut's premises point at the node its chain of inferences ends on), for
/// the lints.
pub(super) fn node_ends(
    g: &ArgumentGraph,
    nodes: &NameTable,
    ends: &[(u32, u32)],
) -> (Vec<(u32, u32)>, Vec<usize>) {
    let mut flat = vec![];
    let mut edge = vec![];
    for (i, e) in g.edges.iter().enumerate() {
        let Ok(end) = chain_end(g, ends, i) else {
            continue;
        };
        let to = ends[end].1;
        for id in &e.data().from {
            if let Some(x) = nodes.index_of(id) {
                flat.push((x as u32, to));
                edge.push(i);
            }
        }
    }
    (flat, edge)
}
