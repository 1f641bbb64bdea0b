//! Structured arguments as a Dung framework: linked attacks and undercuts.
//!
//! An attack that is linked (several premises) or undercut becomes an
//! argument of its own, the *inference*, named after its edge: it attacks the
//! edge's target, and it is attacked by the edge's undercutters and by every
//! attacker of one of its premises. This is how AFRA (Baroni, Cerutti,
//! Giacomin & Guida 2011) flattens attacks on attacks into an ordinary
//! framework (an attack is defeated by an attack on it or on its source), how
//! Modgil's extended frameworks (2009) read attacks on attacks, and how the
//! AIF is mapped to ASPIC+ (Bex, Modgil, Prakken & Reed 2013): an RA node is
//! a defeasible inference whose argument is undercut by the CA node attacking
//! it and undermined by attacks on its premises. An undercut that is itself
//! linked or undercut is an inference too, so undercuts can be undercut.
//!
//! Attacks that are neither linked nor undercut stay direct attacks between
//! nodes: reifying them would give the same extensions on the nodes (the
//! inference would have exactly its single premise's attackers), so a graph
//! without structure gives exactly the framework of its attack edges.
//!
//! What it cannot honour (reported in [`Flattening`]): supports, linked or
//! not, have no meaning in Dung's semantics, so undercuts of supports (and
//! undercuts of those undercuts) have nothing to attack; weights and strengths
//! play no part. The design and its sources are in `docs/semantics.md`.

use super::Framework;
use crate::graph::ArgGraph;
use crate::model::EdgeKind;

/// A graph read as a Dung framework (see the module docs).
#[derive(Clone, Debug)]
pub struct Flattening {
    /// The framework: the graph's nodes (argument `i` is node `i`), then one
    /// argument per entry of [`Flattening::inferences`].
    pub framework: Framework,
    /// The edge (index into the graph's edges) of each inference argument, in
    /// edge order: argument `g.len() + k` is the inference of edge
    /// `inferences[k]`.
    pub inferences: Vec<usize>,
    /// The support edges (linked or not): ignored.
    pub supports: Vec<usize>,
    /// The undercuts whose chain ends on a support: they have nothing to
    /// attack in a Dung framework, so they are ignored.
    pub ignored_undercuts: Vec<usize>,
}

/// Whether edge `j`'s chain of undercuts ends on an attack (an attack is its
/// own chain). Undercut chains are acyclic in a checked graph (E0227); the
/// walk is still bounded by the number of edges.
fn ends_on_attack(g: &ArgGraph, mut j: usize) -> bool {
    let links = g.links();
    for _ in 0..=links.len() {
        match links[j].kind {
            EdgeKind::Attack => return true,
            EdgeKind::Support => return false,
            EdgeKind::Undercut => j = links[j].to,
        }
    }
    false
}

/// The Dung framework of a graph, with its structure mapped as the module docs
/// say. Argument names: node ids, then the inferences' edge ids (`#N`, the
/// 1-based edge position, for an edge without an id; `edge:ID` when the edge id
/// is also a node id, which `check` warns about, W0321).
pub fn flatten(g: &ArgGraph) -> Flattening {
    let links = g.links();
    let n = g.len();
    // The edges that count: attacks and the undercuts that end on one.
    let relevant: Vec<bool> = (0..links.len()).map(|j| ends_on_attack(g, j)).collect();
    let mut arg = vec![usize::MAX; links.len()];
    let mut inferences = Vec::new();
    for j in 0..links.len() {
        if relevant[j] && (g.premises(j).len() > 1 || !g.undercuts(j).is_empty()) {
            arg[j] = n + inferences.len();
            inferences.push(j);
        }
    }
    // The argument that carries edge `j`'s attack: its inference, or its
    // single premise.
    let source = |j: usize| {
        if arg[j] == usize::MAX {
            links[j].from
        } else {
            arg[j]
        }
    };
    let mut attacks: Vec<(u32, u32)> = Vec::new();
    // Who attacks each node (for the attacks on an inference's premises).
    let mut on_node: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (j, l) in links.iter().enumerate() {
        if !relevant[j] {
            continue;
        }
        let target = match l.kind {
            EdgeKind::Undercut => arg[l.to],
            _ => {
                on_node[l.to].push(source(j));
                l.to
            }
        };
        attacks.push((source(j) as u32, target as u32));
    }
    for &j in &inferences {
        for &p in g.premises(j) {
            for &a in &on_node[p] {
                attacks.push((a as u32, arg[j] as u32));
            }
        }
    }
    let mut names: Vec<String> = g.nodes().iter().map(|x| x.id.clone()).collect();
    for &j in &inferences {
        let label = g.edge_label(j);
        names.push(if g.index_of(&label).is_some() {
            format!("edge:{label}")
        } else {
            label
        });
    }
    let supports = (0..links.len())
        .filter(|&j| links[j].kind == EdgeKind::Support)
        .collect();
    let ignored_undercuts = (0..links.len())
        .filter(|&j| links[j].kind == EdgeKind::Undercut && !relevant[j])
        .collect();
    Flattening {
        framework: Framework::new(names, &attacks),
        inferences,
        supports,
        ignored_undercuts,
    }
}
