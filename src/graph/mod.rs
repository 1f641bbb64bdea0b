//! Stage 3: a validated file becomes an [`ArgGraph`], the structure every later
//! stage works on (never raw RON).
//!
//! Nodes and edges keep the file's ids and order: node `i` is the file's `i`-th
//! node, in the petgraph graph too (`NodeIndex::new(i)`). Nothing ever removes a
//! node from an `ArgGraph`: what-if scenarios use masks over it (see
//! [`crate::analysis::whatif`]), so a plain `DiGraph` keeps indices stable and we do not
//! need `StableGraph` (a departure from STYLE.md R9, whose `without()` clones).

use std::sync::OnceLock;

use petgraph::graph::{DiGraph, NodeIndex};

use crate::load::Spans;
use crate::model::{ArgumentGraph, EdgeKind, Group, Node};
use crate::validate::Validated;
use names::NameTable;

pub(crate) mod csr;
pub(crate) mod names;
pub(crate) mod scc;

/// A resolved edge: endpoints as node indices.
///
/// For a linked edge `from` is its first premise ([`ArgGraph::premises`] has
/// them all); for an [`EdgeKind::Undercut`], `to` is the index of the *edge*
/// it undercuts ([`ArgGraph::inference_target`] is the node that edge's chain
/// of inferences ends on).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Link {
    /// Source node index (the first premise).
    pub from: usize,
    /// Target node index (for an undercut: target edge index).
    pub to: usize,
    /// Support or attack.
    pub kind: EdgeKind,
    /// Weight (`>= 0`).
    pub weight: f64,
}

/// A checked argument graph.
#[derive(Clone, Debug)]
pub struct ArgGraph {
    model: ArgumentGraph,
    spans: Spans,
    ids: NameTable,
    links: Vec<Link>,
    conclusion: usize,
    /// Linked premises and edge ids; `None` for a graph without either.
    structure: Option<Box<Structure>>,
    /// Built on first use: no command on the evaluation path needs it, and it
    /// is 24 bytes an edge.
    graph: OnceLock<DiGraph<usize, usize>>,
}

/// What a graph with linked edges, undercuts or edge ids has in addition.
#[derive(Clone, Debug, Default)]
struct Structure {
    /// The premises of each edge, as node indices (empty if it has no structure).
    premises: Vec<Vec<usize>>,
    /// Edge id to edge index.
    edge_ids: std::collections::HashMap<String, usize>,
    /// The support or attack each edge's chain of undercuts ends on (itself
    /// for a support or an attack).
    end: Vec<usize>,
    /// The undercuts of each edge, in file order.
    undercuts: Vec<Vec<usize>>,
}

/// Builds the graph of a validated file. Cannot fail: [`crate::validate`] has
/// checked every id and reference.
pub fn build(v: &Validated) -> ArgGraph {
    from_parts(
        v.parsed.graph.clone(),
        v.parsed.spans.clone(),
        v.ids.clone(),
        v.ends.clone(),
    )
}

/// Builds the graph of a validated file, consuming it: the same as [`build`]
/// without copying the model (for large files).
pub fn build_owned(v: Validated) -> ArgGraph {
    from_parts(v.parsed.graph, v.parsed.spans, v.ids, v.ends)
}

/// `ids` and the edges' endpoints `ends` come from [`crate::validate`]; the
/// endpoints are looked up again here only if validation left an edge out (an
/// endpoint without a position), and the index is rebuilt if it left a node out.
fn from_parts(
    model: ArgumentGraph,
    spans: Spans,
    ids: NameTable,
    ends: Vec<(u32, u32)>,
) -> ArgGraph {
    let ids = if ids.len() == model.nodes.len() {
        ids
    } else {
        NameTable::of_all(model.nodes.iter().map(|n| n.id.as_str()))
    };
    let edge_ids: std::collections::HashMap<String, usize> = model
        .edges
        .iter()
        .enumerate()
        .filter_map(|(j, e)| Some((e.data().id.clone()?, j)))
        .collect();
    let links: Vec<Link> = if ends.len() == model.edges.len() {
        ends.iter()
            .zip(&model.edges)
            .map(|(&(from, to), e)| Link {
                from: from as usize,
                to: to as usize,
                kind: e.kind(),
                weight: e.data().weight,
            })
            .collect()
    } else {
        let index = |id: &str| {
            ids.index_of(id)
                .expect("validated: every edge endpoint is a node")
        };
        model
            .edges
            .iter()
            .map(|e| Link {
                from: index(&e.data().from[0]),
                to: match e.kind() {
                    EdgeKind::Undercut => edge_ids[&e.data().to],
                    _ => index(&e.data().to),
                },
                kind: e.kind(),
                weight: e.data().weight,
            })
            .collect()
    };
    drop(ends);
    let structure = (model.has_structure() || !edge_ids.is_empty()).then(|| {
        let premises = model
            .edges
            .iter()
            .map(|e| {
                let d = e.data();
                d.from
                    .iter()
                    .map(|id| {
                        ids.index_of(id)
                            .expect("validated: every premise is a node")
                    })
                    .collect()
            })
            .collect();
        let mut undercuts = vec![vec![]; links.len()];
        for (j, l) in links.iter().enumerate() {
            if l.kind == EdgeKind::Undercut {
                undercuts[l.to].push(j);
            }
        }
        // Validation refused cycles of undercuts: every chain ends on a
        // support or an attack within `links.len()` steps.
        let end = (0..links.len())
            .map(|mut j| {
                for _ in 0..=links.len() {
                    if links[j].kind != EdgeKind::Undercut {
                        break;
                    }
                    j = links[j].to;
                }
                j
            })
            .collect();
        Box::new(Structure {
            premises,
            edge_ids,
            end,
            undercuts,
        })
    });
    let conclusion = ids.index_of(&model.conclusion).unwrap_or(0);
    ArgGraph {
        model,
        spans,
        ids,
        links,
        conclusion,
        structure,
        graph: OnceLock::new(),
    }
}

impl ArgGraph {
    /// The file's data (title, source, groups, nodes with their texts and citations).
    pub fn model(&self) -> &ArgumentGraph {
        &self.model
    }

    /// Positions in the file.
    pub fn spans(&self) -> &Spans {
        &self.spans
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.model.nodes.len()
    }

    /// Whether there are no nodes (never, for a validated graph).
    pub fn is_empty(&self) -> bool {
        self.model.nodes.is_empty()
    }

    /// The nodes, in file order.
    pub fn nodes(&self) -> &[Node] {
        &self.model.nodes
    }

    /// Node `i`.
    pub fn node(&self, i: usize) -> &Node {
        &self.model.nodes[i]
    }

    /// The id of node `i`.
    pub fn id(&self, i: usize) -> &str {
        &self.model.nodes[i].id
    }

    /// The index of the node with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.ids.index_of(id)
    }

    /// The edges, in file order, with resolved endpoints.
    pub fn links(&self) -> &[Link] {
        &self.links
    }

    /// Whether any edge is linked or an undercut (see [`ArgumentGraph::has_structure`]).
    pub fn has_structure(&self) -> bool {
        self.model.has_structure()
    }

    /// The premises of edge `j` (node indices, in file order): one for an
    /// ordinary edge, several for a linked one.
    pub fn premises(&self, j: usize) -> &[usize] {
        match &self.structure {
            Some(s) => &s.premises[j],
            None => std::slice::from_ref(&self.links[j].from),
        }
    }

    /// The index of the edge with this id.
    pub fn edge_index(&self, id: &str) -> Option<usize> {
        self.structure.as_ref()?.edge_ids.get(id).copied()
    }

    /// The id of edge `j`, if it has one.
    pub fn edge_id(&self, j: usize) -> Option<&str> {
        self.model.edges[j].data().id.as_deref()
    }

    /// Edge `j` in reports: its id, or `#N` (its 1-based position).
    pub fn edge_label(&self, j: usize) -> String {
        match self.edge_id(j) {
            Some(id) => id.to_string(),
            None => format!("#{}", j + 1),
        }
    }

    /// The undercuts of edge `j` (edge indices, in file order).
    pub fn undercuts(&self, j: usize) -> &[usize] {
        match &self.structure {
            Some(s) => &s.undercuts[j],
            None => &[],
        }
    }

    /// The node whose strength edge `j` acts on: its target for a support or
    /// an attack; for an undercut, the target of the support or attack its
    /// chain of undercuts ends on.
    pub fn inference_target(&self, j: usize) -> usize {
        match &self.structure {
            Some(s) => self.links[s.end[j]].to,
            None => self.links[j].to,
        }
    }

    /// The conclusion's index.
    pub fn conclusion(&self) -> usize {
        self.conclusion
    }

    /// The groups.
    pub fn groups(&self) -> &[Group] {
        &self.model.groups
    }

    /// The petgraph graph: node weights are node indices, edge weights edge indices.
    pub fn petgraph(&self) -> &DiGraph<usize, usize> {
        self.graph.get_or_init(|| {
            let mut graph = DiGraph::with_capacity(self.len(), self.links.len());
            for i in 0..self.len() {
                graph.add_node(i);
            }
            for i in 0..self.links.len() {
                let to = NodeIndex::new(self.inference_target(i));
                for &p in self.premises(i) {
                    graph.add_edge(NodeIndex::new(p), to, i);
                }
            }
            graph
        })
    }

    /// Indices of the edges into node `i` (its attackers and supporters), in file order.
    pub fn incoming(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let mut v: Vec<usize> = self
            .petgraph()
            .edges_directed(NodeIndex::new(i), petgraph::Direction::Incoming)
            .map(|e| *e.weight())
            .collect();
        v.sort_unstable();
        v.dedup();
        v.into_iter()
    }

    /// Whether the graph has a cycle.
    pub fn is_cyclic(&self) -> bool {
        // `toposort` is iterative; petgraph's `is_cyclic_directed` recurses once
        // per node on a path and overflows the stack on long chains.
        petgraph::algo::toposort(self.petgraph(), None).is_err()
    }

    /// The group `g` and every group nested in it, by id.
    pub fn group_and_descendants<'a>(&'a self, g: &'a str) -> Vec<&'a str> {
        let mut out = vec![g];
        let mut i = 0;
        while i < out.len() {
            let cur = out[i];
            for gr in &self.model.groups {
                if gr.parent.as_deref() == Some(cur) && !out.contains(&gr.id.as_str()) {
                    out.push(&gr.id);
                }
            }
            i += 1;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The petgraph view, built on first use, matches the links.
    #[test]
    fn petgraph_view_incoming_and_cycles() {
        let text = r#"ArgumentGraph(conclusion: "a", nodes: [
            Node(id: "a", kind: Claim, text: "A", base: 0.5),
            Node(id: "b", kind: Claim, text: "B", base: 0.5),
            Node(id: "c", kind: Claim, text: "C", base: 0.5),
        ], edges: [
            Support(from: "b", to: "a"),
            Attack(from: "c", to: "b"),
            Attack(from: "c", to: "a", weight: 0.5),
        ])"#;
        let src = crate::diag::Source::new("t.ron", text);
        let g = build(&crate::check(&src).unwrap());
        assert_eq!(g.index_of("c"), Some(2));
        assert_eq!(g.index_of("d"), None);
        // Edges 0 (b -> a) and 2 (c -> a) go into a; edge 1 (c -> b) into b.
        assert_eq!(g.incoming(0).collect::<Vec<_>>(), [0, 2]);
        assert_eq!(g.incoming(1).collect::<Vec<_>>(), [1]);
        assert_eq!(g.incoming(2).count(), 0);
        assert_eq!(g.petgraph().edge_count(), 3);
        assert_eq!(g.links()[2].weight, 0.5);
        assert!(!g.is_cyclic());
    }
}
