//! GraphML, for yEd, Gephi, networkx and other graph tools: write.
//!
//! Each node is a `<node>` with the data keys `text`, `kind`, `base` and
//! `group` (and `cite`, the citation's attribution, when it has one). An
//! ordinary edge is an `<edge>` with `kind` (`Support` or `Attack`), `weight`
//! and, when set, `edge_id`, `scheme` and `question`. GraphML's edges join two
//! nodes, so an edge with linked premises, and an edge that is undercut, is
//! drawn through a node of its own with `kind` `Inference` (id: the edge id,
//! or `#N` for the N-th edge): one `Premise` edge from each premise to it, and
//! the edge itself from it to the target; an undercut ends on the inference
//! node of the edge it undercuts.

use std::fmt::Write as _;

use crate::diag::plural;
use crate::export::text::xml as escape_xml;
use crate::formats::Written;
use crate::graph::ArgGraph;
use crate::model::EdgeKind;

/// Writes a checked map as GraphML (see the module docs), with what the
/// format leaves out.
pub fn to_graphml(g: &ArgGraph) -> Written {
    let m = g.model();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    for (id, on, ty) in [
        ("text", "node", "string"),
        ("kind", "node", "string"),
        ("base", "node", "double"),
        ("group", "node", "string"),
        ("cite", "node", "string"),
        ("kind", "edge", "string"),
        ("weight", "edge", "double"),
        ("edge_id", "edge", "string"),
        ("scheme", "edge", "string"),
        ("question", "edge", "string"),
    ] {
        let _ = writeln!(
            out,
            "  <key id=\"{on}_{id}\" for=\"{on}\" attr.name=\"{id}\" attr.type=\"{ty}\"/>"
        );
    }
    let _ = writeln!(
        out,
        "  <graph id=\"{}\" edgedefault=\"directed\">",
        escape_xml(&m.title)
    );
    for n in &m.nodes {
        let _ = writeln!(out, "    <node id=\"{}\">", escape_xml(&n.id));
        data(&mut out, "node_text", &n.text);
        data(&mut out, "node_kind", n.kind.name());
        data(&mut out, "node_base", &format!("{:?}", n.base));
        if let Some(gr) = &n.group {
            data(&mut out, "node_group", gr);
        }
        if let Some(c) = &n.cite {
            data(&mut out, "node_cite", &c.attribution());
        }
        out.push_str("    </node>\n");
    }
    // The edges drawn through an inference node.
    let links = g.links();
    let reified: Vec<bool> = (0..links.len())
        .map(|j| g.premises(j).len() > 1 || !g.undercuts(j).is_empty())
        .collect();
    let name = |j: usize| {
        g.edge_id(j)
            .map_or_else(|| format!("#{}", j + 1), str::to_string)
    };
    for j in (0..links.len()).filter(|&j| reified[j]) {
        let _ = writeln!(out, "    <node id=\"{}\">", escape_xml(&name(j)));
        data(&mut out, "node_kind", "Inference");
        data(&mut out, "node_text", &g.edge_label(j));
        out.push_str("    </node>\n");
    }
    let mut k = 0;
    let mut edge = |out: &mut String, from: &str, to: &str, body: &dyn Fn(&mut String)| {
        k += 1;
        let _ = writeln!(
            out,
            "    <edge id=\"e{k}\" source=\"{}\" target=\"{}\">",
            escape_xml(from),
            escape_xml(to)
        );
        body(out);
        out.push_str("    </edge>\n");
    };
    for (j, e) in m.edges.iter().enumerate() {
        let d = e.data();
        let target = match e.kind() {
            EdgeKind::Undercut => name(g.links()[j].to),
            _ => d.to.clone(),
        };
        let source = if reified[j] {
            for p in &d.from {
                edge(&mut out, p, &name(j), &|o| data(o, "edge_kind", "Premise"));
            }
            name(j)
        } else {
            d.from[0].clone()
        };
        edge(&mut out, &source, &target, &|o| {
            data(o, "edge_kind", e.kind().name());
            data(o, "edge_weight", &format!("{:?}", d.weight));
            for (key, v) in [
                ("edge_edge_id", &d.id),
                ("edge_scheme", &d.scheme),
                ("edge_question", &d.question),
            ] {
                if let Some(v) = v {
                    data(o, key, v);
                }
            }
        });
    }
    out.push_str("  </graph>\n</graphml>\n");
    let mut left_out = vec![
        "notes, tags, citation details beyond the attribution, groups' labels and nesting, base and weight ranges, the conclusion and expectations".to_string(),
    ];
    let n_reified = reified.iter().filter(|&&r| r).count();
    if n_reified > 0 {
        left_out.push(format!(
            "{n_reified} linked or undercut edge{} drawn through an `Inference` node (GraphML edges join two nodes)",
            plural(n_reified)
        ));
    }
    Written {
        text: out,
        left_out,
    }
}

fn data(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(
        out,
        "      <data key=\"{key}\">{}</data>",
        escape_xml(value)
    );
}
