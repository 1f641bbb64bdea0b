//! Stage 3: a validated file becomes an [`ArgGraph`], the structure every later
//! stage works on (never raw RON).
//!
//! Nodes and edges keep the file's ids and order: node `i` is the file's `i`-th
//! node, in the petgraph graph too (`NodeIndex::new(i)`). Nothing ever removes a
//! node from an `ArgGraph`: what-if scenarios use masks over it (see
//! [`crate::whatif`]), so a plain `DiGraph` keeps indices stable and we do not
//! need `StableGraph` (a departure from STYLE.md R9, whose `without()` clones).

use petgraph::graph::{DiGraph, NodeIndex};

use crate::load::Spans;
use crate::load::hash::IdIndex;
use crate::model::{ArgumentGraph, EdgeKind, Group, Node};
use crate::validate::Validated;

/// A resolved edge: endpoints as node indices.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Link {
    /// Source node index.
    pub from: usize,
    /// Target node index.
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
    ids: IdIndex,
    links: Vec<Link>,
    conclusion: usize,
    graph: DiGraph<usize, usize>,
}

/// Builds the graph of a validated file. Cannot fail: [`crate::validate`] has
/// checked every id and reference.
pub fn build(v: &Validated) -> ArgGraph {
    from_parts(
        v.parsed.graph.clone(),
        v.parsed.spans.clone(),
        v.ids.clone(),
        v.links.clone(),
    )
}

/// Builds the graph of a validated file, consuming it: the same as [`build`]
/// without copying the model (for large files).
pub fn build_owned(v: Validated) -> ArgGraph {
    from_parts(v.parsed.graph, v.parsed.spans, v.ids, v.links)
}

/// `ids` and `links` come from [`crate::validate`]; they are rebuilt here only
/// if validation left a node or an edge out (an id or endpoint without a position).
fn from_parts(model: ArgumentGraph, spans: Spans, ids: IdIndex, links: Vec<Link>) -> ArgGraph {
    let ids = if ids.len() == model.nodes.len() {
        ids
    } else {
        IdIndex::of_all(&model.nodes)
    };
    let links = if links.len() == model.edges.len() {
        links
    } else {
        let index = |id: &str| {
            ids.get(&model.nodes, id)
                .expect("validated: every edge endpoint is a node")
        };
        model
            .edges
            .iter()
            .map(|e| Link {
                from: index(&e.data().from),
                to: index(&e.data().to),
                kind: e.kind(),
                weight: e.data().weight,
            })
            .collect()
    };
    let mut graph = DiGraph::with_capacity(model.nodes.len(), links.len());
    for i in 0..model.nodes.len() {
        graph.add_node(i);
    }
    for (i, l) in links.iter().enumerate() {
        graph.add_edge(NodeIndex::new(l.from), NodeIndex::new(l.to), i);
    }
    let conclusion = ids.get(&model.nodes, &model.conclusion).unwrap_or(0);
    ArgGraph {
        model,
        spans,
        ids,
        links,
        conclusion,
        graph,
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
        self.ids.get(&self.model.nodes, id)
    }

    /// The edges, in file order, with resolved endpoints.
    pub fn links(&self) -> &[Link] {
        &self.links
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
        &self.graph
    }

    /// Indices of the edges into node `i` (its attackers and supporters), in file order.
    pub fn incoming(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let mut v: Vec<usize> = self
            .graph
            .edges_directed(NodeIndex::new(i), petgraph::Direction::Incoming)
            .map(|e| *e.weight())
            .collect();
        v.sort_unstable();
        v.into_iter()
    }

    /// Whether the graph has a cycle.
    pub fn is_cyclic(&self) -> bool {
        // `toposort` is iterative; petgraph's `is_cyclic_directed` recurses once
        // per node on a path and overflows the stack on long chains.
        petgraph::algo::toposort(&self.graph, None).is_err()
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

/// Strongly connected components of the graph on `n` nodes with edges `edges`,
/// each sorted, in reverse topological order (a component comes before the
/// components that reach it). Kosaraju's algorithm, because petgraph's version
/// of it is iterative; its `tarjan_scc` recurses once per node on a path and
/// overflows the stack on a long chain or cycle (found with a 100 000-node cycle).
pub(crate) fn sccs(
    n: usize,
    edges: impl ExactSizeIterator<Item = (usize, usize)>,
) -> Vec<Vec<usize>> {
    let mut g: DiGraph<(), ()> = DiGraph::with_capacity(n, edges.len());
    for _ in 0..n {
        g.add_node(());
    }
    for (f, t) in edges {
        g.add_edge(NodeIndex::new(f), NodeIndex::new(t), ());
    }
    petgraph::algo::kosaraju_scc(&g)
        .into_iter()
        .map(|c| {
            let mut v: Vec<usize> = c.into_iter().map(|x| x.index()).collect();
            v.sort_unstable();
            v
        })
        .collect()
}
