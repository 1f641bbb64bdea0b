//! What if: change the graph hypothetically and compare the strengths before
//! and after.
//!
//! A [`Scenario`] names the change in the file's terms: nodes to remove (by id,
//! tag or group), base scores and edge weights to set. [`Scenario::resolve`]
//! checks it against an [`ArgGraph`] and turns it into indices
//! ([`Resolved`]), which become a [`crate::semantics::Overlay`]: a mask over the
//! base graph. The base graph is never mutated or cloned for a scenario, so any
//! number of scenarios can be evaluated against one [`crate::semantics::Qbaf`].
//!
//! Removing a node removes its edges (in and out): the node takes no part in the
//! evaluation, as if it had never been written.

use crate::diag::suggest;
use crate::error::{Error, ScenarioError};
use crate::graph::ArgGraph;
use crate::model::{ArgumentGraph, EdgeKind, Expect};
use crate::semantics::{Evaluation, Overlay, Params, Qbaf, SemanticsKind, evaluate, reevaluate};

/// A hypothetical change to a graph, in the file's ids.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scenario {
    /// Node ids to remove (with their edges).
    pub remove: Vec<String>,
    /// Remove every node carrying any of these tags.
    pub remove_tag: Vec<String>,
    /// Remove every node in any of these groups or the groups nested in them.
    pub remove_group: Vec<String>,
    /// Set a node's base score: `(id, value in [0, 1])`.
    pub set_base: Vec<(String, f64)>,
    /// Set an edge's weight: `(from id, to id, value >= 0)`.
    pub set_weight: Vec<(String, String, f64)>,
    /// Edge ids to remove: the edge no longer acts on its target (for an
    /// inference: it carries nothing, and its undercuts have nothing left to
    /// weaken; for an undercut: it no longer weakens its inference).
    pub remove_edge: Vec<String>,
}

/// A scenario checked against a graph: node and edge indices.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Resolved {
    /// Whether each node is removed (one entry per node).
    pub removed: Vec<bool>,
    /// `(node index, new base score)`, in the order given.
    pub base: Vec<(usize, f64)>,
    /// `(edge index, new weight)`, in the order given.
    pub weight: Vec<(usize, f64)>,
    /// Removed edges (edge indices), in the order given.
    pub removed_edges: Vec<usize>,
}

impl Resolved {
    /// The removed nodes' indices, ascending.
    pub fn removed_nodes(&self) -> Vec<usize> {
        self.removed
            .iter()
            .enumerate()
            .filter_map(|(i, &r)| r.then_some(i))
            .collect()
    }

    /// Whether the scenario changes nothing.
    pub fn is_empty(&self) -> bool {
        !self.removed.iter().any(|&r| r)
            && self.base.is_empty()
            && self.weight.is_empty()
            && self.removed_edges.is_empty()
    }

    /// The linked edges the scenario leaves standing on fewer premises: some of
    /// their premises removed, at least one left, and the edge itself kept
    /// (not removed by id, its target not removed, and for an undercut, the
    /// edge it undercuts kept too). Each as `(edge index, removed premises)`,
    /// in edge order. A removed premise leaves its linked edges, which stand
    /// on the premises left (docs/semantics.md, issue 17), so removing a
    /// co-premise can change nothing; a base of 0 asks "what if it is false".
    pub fn thinned_edges(&self, g: &ArgGraph) -> Vec<(usize, Vec<usize>)> {
        let removed = |v: usize| self.removed.get(v).copied().unwrap_or(false);
        let links = g.links();
        // Whether edge `j` carries nothing: removed by id, with no premise
        // left, into a removed node, or undercutting an edge that is gone
        // (a chain of undercuts is at most as long as the edge list).
        let gone = |mut j: usize| {
            for _ in 0..=links.len() {
                if self.removed_edges.contains(&j) || g.premises(j).iter().all(|&v| removed(v)) {
                    return true;
                }
                if links[j].kind != EdgeKind::Undercut {
                    return removed(links[j].to);
                }
                j = links[j].to;
            }
            true
        };
        (0..links.len())
            .filter_map(|j| {
                let cut: Vec<usize> = g
                    .premises(j)
                    .iter()
                    .copied()
                    .filter(|&v| removed(v))
                    .collect();
                (!cut.is_empty() && !gone(j)).then_some((j, cut))
            })
            .collect()
    }

    /// The overlay that applies this scenario to the graph's [`Qbaf`].
    pub fn overlay(&self) -> Overlay {
        Overlay {
            removed: self.removed.clone(),
            base: self.base.clone(),
            weight: self.weight.clone(),
            removed_edges: self.removed_edges.clone(),
        }
    }
}

/// A node whose strength a scenario changed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Change {
    /// The node's index.
    pub node: usize,
    /// Its strength before.
    pub before: f64,
    /// Its strength after.
    pub after: f64,
}

impl Change {
    /// `after − before`.
    pub fn delta(&self) -> f64 {
        self.after - self.before
    }
}

/// Strengths before and after a scenario.
#[derive(Clone, Debug)]
pub struct Comparison {
    /// The node reported first (usually the conclusion).
    pub topic: usize,
    /// The evaluation of the unchanged graph.
    pub before: Evaluation,
    /// The evaluation under the scenario (removed nodes read 0.0 here; see
    /// [`Comparison::removed`]).
    pub after: Evaluation,
    /// The removed nodes, ascending.
    pub removed: Vec<usize>,
    /// The removed edges (edge indices), in the order given.
    pub removed_edges: Vec<usize>,
    /// Every node that is not removed and whose strength moved by more than
    /// [`Comparison::NOISE`], largest change first (ties in index order).
    pub changes: Vec<Change>,
}

impl Comparison {
    /// Changes at most this large are not listed: exact passes reproduce
    /// untouched strengths bit for bit, so anything above is a real move.
    pub const NOISE: f64 = 1e-12;

    /// Whether the topic was removed by the scenario.
    pub fn topic_removed(&self) -> bool {
        self.removed.binary_search(&self.topic).is_ok()
    }

    /// The topic's strength before.
    pub fn topic_before(&self) -> f64 {
        self.before.strengths[self.topic]
    }

    /// The topic's strength after (`None` if it was removed).
    pub fn topic_after(&self) -> Option<f64> {
        (!self.topic_removed()).then(|| self.after.strengths[self.topic])
    }
}

/// Evaluates `q` before and after the scenario `r` and lists what moved.
///
/// The scenario is applied as an [`Overlay`] and only the part of the graph it
/// can reach is recomputed ([`reevaluate`]); `q` is neither changed nor cloned.
/// Errors are the evaluation's ([`Error::NoConvergence`], ...).
pub fn compare(
    q: &Qbaf,
    kind: SemanticsKind,
    p: &Params,
    r: &Resolved,
    topic: usize,
) -> Result<Comparison, Error> {
    let before = evaluate(q, kind, p)?;
    compare_with(q, kind, p, before, r, topic)
}

/// [`compare`] with the base evaluation already done (under the same `kind` and
/// `p`), for several scenarios against one graph.
pub fn compare_with(
    q: &Qbaf,
    kind: SemanticsKind,
    p: &Params,
    before: Evaluation,
    r: &Resolved,
    topic: usize,
) -> Result<Comparison, Error> {
    if topic >= q.len() {
        return Err(Error::InvalidOverlay {
            what: format!(
                "topic #{topic} does not exist (the graph has {} nodes)",
                q.len()
            ),
        });
    }
    let after = reevaluate(q, kind, p, &before, &r.overlay(), &[])?;
    let removed = r.removed_nodes();
    // The file's nodes (not the inference nodes of structured arguments).
    let mut changes: Vec<Change> = (0..q.args())
        .filter(|&v| !r.removed.get(v).copied().unwrap_or(false))
        .map(|v| Change {
            node: v,
            before: before.strengths[v],
            after: after.strengths[v],
        })
        .filter(|c| c.delta().abs() > Comparison::NOISE)
        .collect();
    changes.sort_by(|a, b| {
        b.delta()
            .abs()
            .total_cmp(&a.delta().abs())
            .then(a.node.cmp(&b.node))
    });
    Ok(Comparison {
        topic,
        before,
        after,
        removed,
        removed_edges: r.removed_edges.clone(),
        changes,
    })
}

impl Scenario {
    /// The scenario an expectation describes (its removals; an expectation sets no
    /// values).
    pub fn from_expect(x: &Expect) -> Scenario {
        Scenario {
            remove: x.remove.clone(),
            remove_tag: x.remove_tag.clone(),
            remove_group: x.remove_group.clone(),
            ..Scenario::default()
        }
    }

    /// Whether the scenario lists no change at all.
    pub fn is_empty(&self) -> bool {
        self.remove.is_empty()
            && self.remove_tag.is_empty()
            && self.remove_group.is_empty()
            && self.set_base.is_empty()
            && self.set_weight.is_empty()
            && self.remove_edge.is_empty()
    }

    /// Checks the scenario against `g` and turns it into indices. Every id, tag and
    /// group must exist (the error suggests the closest one), base scores must be in
    /// `[0, 1]`, weights finite and `>= 0`, and each `set_weight` must name an
    /// existing edge. Setting the weight of parallel edges sets all of them.
    /// Each `remove_edge` must be an edge id or `#N` (the N-th edge, 1-based).
    pub fn resolve(&self, g: &ArgGraph) -> Result<Resolved, ScenarioError> {
        let n = g.len();
        let node = |id: &str| {
            g.index_of(id).ok_or_else(|| {
                let group = g.groups().iter().any(|x| x.id == id);
                ScenarioError::UnknownNode {
                    id: id.to_string(),
                    // A group's own id is the likelier slip than a near node id.
                    suggestion: (!group)
                        .then(|| suggest(id, g.nodes().iter().map(|n| n.id.as_str())))
                        .flatten()
                        .map(str::to_string),
                    group,
                }
            })
        };
        let mut removed = vec![false; n];
        for id in &self.remove {
            removed[node(id)?] = true;
        }
        for tag in &self.remove_tag {
            let mut any = false;
            for (i, nd) in g.nodes().iter().enumerate() {
                if nd.tags.iter().any(|t| t == tag) {
                    removed[i] = true;
                    any = true;
                }
            }
            if !any {
                let mut tags: Vec<&str> = g
                    .nodes()
                    .iter()
                    .flat_map(|n| n.tags.iter().map(String::as_str))
                    .collect();
                tags.sort_unstable();
                tags.dedup();
                return Err(ScenarioError::UnknownTag {
                    tag: tag.clone(),
                    suggestion: suggest(tag, tags).map(str::to_string),
                });
            }
        }
        for grp in &self.remove_group {
            if !g.groups().iter().any(|x| &x.id == grp) {
                let node = g.index_of(grp).is_some();
                return Err(ScenarioError::UnknownGroup {
                    group: grp.clone(),
                    suggestion: (!node)
                        .then(|| suggest(grp, g.groups().iter().map(|x| x.id.as_str())))
                        .flatten()
                        .map(str::to_string),
                    node,
                });
            }
            let all = g.group_and_descendants(grp);
            for (i, nd) in g.nodes().iter().enumerate() {
                if nd.group.as_deref().is_some_and(|x| all.contains(&x)) {
                    removed[i] = true;
                }
            }
        }
        let mut base = vec![];
        for (id, x) in &self.set_base {
            let i = node(id)?;
            if !(x.is_finite() && (0.0..=1.0).contains(x)) {
                return Err(ScenarioError::BaseOutOfRange {
                    id: id.clone(),
                    value: *x,
                });
            }
            base.push((i, *x));
        }
        let mut weight = vec![];
        for (from, to, x) in &self.set_weight {
            let (f, t) = (node(from)?, node(to)?);
            if !(x.is_finite() && *x >= 0.0) {
                return Err(ScenarioError::BadWeight {
                    from: from.clone(),
                    to: to.clone(),
                    value: *x,
                });
            }
            let before = weight.len();
            for (j, l) in g.links().iter().enumerate() {
                if l.from == f && l.to == t {
                    weight.push((j, *x));
                }
            }
            if weight.len() == before {
                let targets = g
                    .links()
                    .iter()
                    .filter(|l| l.from == f)
                    .map(|l| g.id(l.to).to_string())
                    .collect();
                let reversed = g.links().iter().any(|l| l.from == t && l.to == f);
                return Err(ScenarioError::NoEdge {
                    from: from.clone(),
                    to: to.clone(),
                    targets,
                    reversed,
                });
            }
        }
        let mut removed_edges = vec![];
        for id in &self.remove_edge {
            // An edge id, or `#N` (the N-th edge, as reports name an edge
            // without an id).
            let by_position = id
                .strip_prefix('#')
                .and_then(|n| n.parse::<usize>().ok())
                .filter(|&n| (1..=g.links().len()).contains(&n))
                .map(|n| n - 1);
            let j = by_position.or_else(|| g.edge_index(id)).ok_or_else(|| {
                ScenarioError::UnknownEdge {
                    id: id.clone(),
                    suggestion: suggest(
                        id,
                        g.model()
                            .edges
                            .iter()
                            .filter_map(|e| e.data().id.as_deref()),
                    )
                    .map(str::to_string),
                    node: g.index_of(id).is_some(),
                }
            })?;
            if !removed_edges.contains(&j) {
                removed_edges.push(j);
            }
        }
        Ok(Resolved {
            removed,
            base,
            weight,
            removed_edges,
        })
    }
}

impl Scenario {
    /// The modified map: the model of `g` with the scenario applied, as a file
    /// that says so would be written. Removed nodes are gone, and so are they
    /// from the premises of linked edges (which stand on the premises left, as
    /// in the evaluation of a removal); an edge goes with its target node or
    /// its last premise, an undercut with the edge it undercuts (and so on down
    /// the chain), and so does every expectation that
    /// names a removed node or a tag or group left without nodes; set bases
    /// and weights are written in. Groups stay (an empty group is allowed).
    ///
    /// Errors are [`Scenario::resolve`]'s, and
    /// [`ScenarioError::ConclusionRemoved`]: a map needs its conclusion.
    pub fn apply(&self, g: &ArgGraph) -> Result<ArgumentGraph, ScenarioError> {
        let r = self.resolve(g)?;
        if r.removed[g.conclusion()] {
            return Err(ScenarioError::ConclusionRemoved {
                id: g.id(g.conclusion()).to_string(),
            });
        }
        let mut m = g.model().clone();
        for &(v, b) in &r.base {
            m.nodes[v].base = b;
        }
        for &(j, w) in &r.weight {
            m.edges[j].data_mut().weight = w;
        }
        // A removed premise leaves its linked edges, which stand on the premises
        // left (docs/semantics.md). An edge goes with its target node or its
        // last premise, and an undercut with the edge it undercuts, until
        // nothing more goes.
        let links = g.links();
        let mut dropped: Vec<bool> = (0..links.len())
            .map(|j| {
                g.premises(j).iter().all(|&v| r.removed[v])
                    || (links[j].kind != EdgeKind::Undercut && r.removed[links[j].to])
                    || r.removed_edges.contains(&j)
            })
            .collect();
        for (j, e) in m.edges.iter_mut().enumerate() {
            let gone: Vec<bool> = g.premises(j).iter().map(|&v| r.removed[v]).collect();
            let mut k = 0;
            e.data_mut().from.retain(|_| {
                k += 1;
                !gone[k - 1]
            });
        }
        loop {
            let mut more = false;
            for (j, l) in links.iter().enumerate() {
                if l.kind == EdgeKind::Undercut && !dropped[j] && dropped[l.to] {
                    dropped[j] = true;
                    more = true;
                }
            }
            if !more {
                break;
            }
        }
        let mut j = 0;
        m.edges.retain(|_| {
            j += 1;
            !dropped[j - 1]
        });
        let mut i = 0;
        m.nodes.retain(|_| {
            i += 1;
            !r.removed[i - 1]
        });
        let kept = |id: &String| g.index_of(id).is_some_and(|v| !r.removed[v]);
        let tags: Vec<&String> = m.nodes.iter().flat_map(|n| &n.tags).collect();
        let groups: Vec<&String> = m.nodes.iter().filter_map(|n| n.group.as_ref()).collect();
        m.expect.retain(|x| {
            x.node.as_ref().is_none_or(kept)
                && x.remove.iter().all(kept)
                && x.remove_tag.iter().all(|t| tags.contains(&t))
                && x.remove_group.iter().all(|gr| {
                    g.group_and_descendants(gr)
                        .iter()
                        .any(|d| groups.iter().any(|x| x.as_str() == *d))
                })
        });
        Ok(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph() -> ArgGraph {
        let text = r#"ArgumentGraph(
            title: "t", conclusion: "h",
            groups: [Group(id: "g"), Group(id: "sub", parent: "g")],
            nodes: [
                Node(id: "h", kind: Claim, text: "h", base: 0.5),
                Node(id: "e1", kind: Evidence, text: "e1", base: 0.8, tags: ["poll"], cite: (ref: "x")),
                Node(id: "e2", kind: Evidence, text: "e2", base: 0.6, group: "sub", cite: (ref: "x")),
                Node(id: "c", kind: Claim, text: "c", base: 0.5, group: "g"),
            ],
            edges: [Support(from: "e1", to: "h"), Attack(from: "e2", to: "h"), Support(from: "c", to: "h")],
        )"#;
        crate::build(&crate::check(&crate::Source::new("t.ron", text)).unwrap())
    }

    #[test]
    fn resolves_ids_tags_groups() {
        let g = graph();
        let s = Scenario {
            remove_tag: vec!["poll".into()],
            remove_group: vec!["g".into()],
            set_base: vec![("h".into(), 0.25)],
            set_weight: vec![("e2".into(), "h".into(), 0.5)],
            ..Default::default()
        };
        let r = s.resolve(&g).unwrap();
        // group g contains c directly and e2 through its subgroup `sub`
        assert_eq!(r.removed_nodes(), [1, 2, 3]);
        assert_eq!(r.base, [(0, 0.25)]);
        assert_eq!(r.weight, [(1, 0.5)]);
    }

    #[test]
    fn apply_writes_the_modified_map() {
        let g = graph();
        let s = Scenario {
            remove: vec!["e2".into()],
            set_base: vec![("c".into(), 0.25)],
            set_weight: vec![("e1".into(), "h".into(), 0.5)],
            ..Default::default()
        };
        let m = s.apply(&g).unwrap();
        let ids: Vec<&str> = m.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["h", "e1", "c"]);
        assert_eq!(m.nodes[2].base, 0.25);
        // The attack from e2 went with it; the other edges stay, e1's reweighted.
        assert_eq!(m.edges.len(), 2);
        assert_eq!(m.edges[0].data().weight, 0.5);
        assert_eq!(m.groups, g.model().groups);
        // The conclusion cannot go.
        let e = Scenario {
            remove: vec!["h".into()],
            ..Default::default()
        }
        .apply(&g)
        .unwrap_err();
        assert_eq!(e, ScenarioError::ConclusionRemoved { id: "h".into() });
    }

    /// The modified map, written and read back, evaluates as the scenario's
    /// overlay on the unchanged map does (an independent path: a mask over the
    /// same graph, with no new file), on every bundled map and a removal of each
    /// of its nodes but the conclusion in turn, structured maps (linked
    /// premises, undercuts of removed edges) included.
    #[test]
    fn the_modified_map_evaluates_as_the_overlay() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/graphs");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let src = crate::Source::read(&path).unwrap();
            let g = crate::build(&crate::check(&src).unwrap());
            let q = Qbaf::from_graph(&g);
            let p = Params::default();
            let before = evaluate(&q, SemanticsKind::default(), &p).unwrap();
            for v in 0..g.len() {
                if v == g.conclusion() {
                    continue;
                }
                let s = Scenario {
                    remove: vec![g.id(v).to_string()],
                    ..Default::default()
                };
                let m = s.apply(&g).unwrap();
                let text = m.to_ron();
                let checked = crate::check(&crate::Source::new("m.ron", text.as_str()));
                let g2 = crate::build(&checked.unwrap_or_else(|d| {
                    panic!(
                        "{}: {}",
                        path.display(),
                        d.short(&crate::Source::new("m.ron", text.as_str()))
                    )
                }));
                let after = evaluate(&Qbaf::from_graph(&g2), SemanticsKind::default(), &p).unwrap();
                let c = compare_with(
                    &q,
                    SemanticsKind::default(),
                    &p,
                    before.clone(),
                    &s.resolve(&g).unwrap(),
                    g.conclusion(),
                )
                .unwrap();
                for (i, n) in g2.nodes().iter().enumerate() {
                    let old = g.index_of(&n.id).unwrap();
                    let d = (after.strengths[i] - c.after.strengths[old]).abs();
                    assert!(
                        d < 1e-7,
                        "{} without {}: {} differs by {d}",
                        path.display(),
                        g.id(v),
                        n.id
                    );
                }
            }
        }
    }

    #[test]
    fn unknown_names_get_suggestions() {
        let g = graph();
        let err = |s: Scenario| s.resolve(&g).unwrap_err().to_string();
        let remove = |id: &str| Scenario {
            remove: vec![id.into()],
            ..Default::default()
        };
        assert_eq!(
            err(remove("e3")),
            "no node `e3` in this graph (did you mean `e1`?)"
        );
        assert_eq!(
            err(Scenario {
                remove_tag: vec!["pol".into()],
                ..Default::default()
            }),
            "no node has the tag `pol` (did you mean `poll`?)"
        );
        assert_eq!(
            err(Scenario {
                remove_group: vec!["sbu".into()],
                ..Default::default()
            }),
            "no group `sbu` in this graph (did you mean `sub`?)"
        );
        // A group's id given to --remove, a node's to --remove-group: the
        // message names the flag that takes it.
        assert_eq!(
            err(remove("sub")),
            "no node `sub` in this graph (that is a group: use --remove-group)"
        );
        assert_eq!(
            err(Scenario {
                remove_group: vec!["e1".into()],
                ..Default::default()
            }),
            "no group `e1` in this graph (that is a node: use --remove)"
        );
        assert_eq!(
            err(Scenario {
                set_weight: vec![("h".into(), "e1".into(), 1.0)],
                ..Default::default()
            }),
            "no edge from `h` to `e1` (the edge goes the other way: swap FROM and TO)"
        );
        assert_eq!(
            err(Scenario {
                set_weight: vec![("e1".into(), "e2".into(), 1.0)],
                ..Default::default()
            }),
            "no edge from `e1` to `e2` (it has edges to `h`)"
        );
        assert_eq!(
            err(Scenario {
                set_base: vec![("e1".into(), 1.5)],
                ..Default::default()
            }),
            "base score 1.5 for `e1` is not in [0, 1]; give a number such as 0.25"
        );
    }
}
