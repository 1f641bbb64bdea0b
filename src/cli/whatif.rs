//! `argmap whatif FILE --remove ID...`: strengths before and after a scenario.

use std::io::Write;
use std::path::PathBuf;

use argmap::{ArgGraph, Comparison, Qbaf, Resolved, Scenario};

use super::eval::{EvalOpts, node_or_conclusion};
use super::out::{Obj, id_array, id_list, id_width, num, shows, signed};
use super::{Ctx, DiagFormat, EXIT_FAILURE, Reported};

/// Remove nodes or change values and compare the strengths before and after.
#[derive(Debug, clap::Args)]
pub(crate) struct WhatifArgs {
    /// The argument file (`.ron`, or `.bag`; `-` reads RON from standard input).
    pub file: PathBuf,
    /// Remove these nodes (and their edges). Repeat the flag or separate ids by commas.
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    pub remove: Vec<String>,
    /// Remove every node with this tag.
    #[arg(long, value_name = "TAG", value_delimiter = ',')]
    pub remove_tag: Vec<String>,
    /// Remove every node in this group or a group nested in it.
    #[arg(long, value_name = "GROUP", value_delimiter = ',')]
    pub remove_group: Vec<String>,
    /// Remove these edges by id (or `#N`, the N-th edge): an inference then
    /// carries nothing to its target (its undercuts go idle); an undercut no
    /// longer weakens its inference.
    #[arg(long, value_name = "EDGE", value_delimiter = ',')]
    pub remove_edge: Vec<String>,
    /// Set a node's base score, e.g. `e1=0.3`.
    #[arg(long, value_name = "ID=X")]
    pub set_base: Vec<String>,
    /// Set the weight of the edge FROM -> TO, e.g. `e1:h=0.5`.
    #[arg(long, value_name = "FROM:TO=X")]
    pub set_weight: Vec<String>,
    /// Report this node first instead of the conclusion.
    #[arg(long, value_name = "ID")]
    pub node: Option<String>,
    /// Show only the N largest changes (text output).
    #[arg(long, value_name = "N", value_parser = super::eval::whole::<usize>)]
    pub top: Option<usize>,
    #[command(flatten)]
    pub opts: EvalOpts,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Reports a scenario problem (exit 2: the flags, not the file, are wrong).
pub(crate) fn scenario_failure(e: &argmap::ScenarioError) -> Reported {
    eprintln!("error: {e}");
    Reported(EXIT_FAILURE)
}

impl WhatifArgs {
    /// The scenario the flags describe.
    fn scenario(&self) -> Result<Scenario, argmap::ScenarioError> {
        let mut s = Scenario {
            remove: self.remove.clone(),
            remove_tag: self.remove_tag.clone(),
            remove_group: self.remove_group.clone(),
            remove_edge: self.remove_edge.clone(),
            ..Scenario::default()
        };
        for b in &self.set_base {
            s.set_base.push(super::scenario::parse_set_base(b)?);
        }
        for w in &self.set_weight {
            s.set_weight.push(super::scenario::parse_set_weight(w)?);
        }
        Ok(s)
    }
}

pub(crate) fn run(args: &WhatifArgs, cx: &Ctx) -> Result<(), Reported> {
    let scenario = args.scenario().map_err(|e| scenario_failure(&e))?;
    if scenario.is_empty() {
        eprintln!(
            "error: nothing to change: give --remove, --remove-tag, --remove-group, --remove-edge, --set-base or --set-weight"
        );
        return Err(Reported(EXIT_FAILURE));
    }
    let rep = cx.reporter(DiagFormat::Human);
    let (_src, g) = super::load_graph(&args.file, &rep)?;
    let kind = args.opts.semantics(&g)?;
    let topic = node_or_conclusion(&g, args.node.as_deref(), "--node")?;
    let r = scenario.resolve(&g).map_err(|e| scenario_failure(&e))?;
    let q = Qbaf::from_graph(&g);
    let c = argmap::compare(&q, kind, &args.opts.params(), &r, topic)
        .map_err(|e| super::eval_failure(&e))?;
    let out = if args.json {
        json(&g, &c, &r)
    } else {
        human(&g, &c, &r, args.top)
    };
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    Ok(())
}

/// `{"topic", "semantics", "before", "after" (null if removed), "change",
/// "removed": [ids], "changed": [{"id", "before", "after", "change"}],
/// "removed_edges": [edge ids or `#N`], "still_standing": [{"edge", "on":
/// [premises left], "without": [premises removed]}]}`, the changes largest
/// first; `still_standing` lists the linked edges that lost some premises
/// but stand on the others ([`argmap::Resolved::thinned_edges`]).
pub(crate) fn json(g: &ArgGraph, c: &Comparison, r: &Resolved) -> String {
    let after = c.topic_after();
    let changed: Vec<String> = c
        .changes
        .iter()
        .map(|x| {
            Obj::new()
                .field("id", g.id(x.node))
                .field("before", x.before)
                .field("after", x.after)
                .field("change", x.delta())
                .end()
        })
        .collect();
    Obj::new()
        .field("topic", g.id(c.topic))
        .field("semantics", c.before.semantics.name())
        .field("before", c.topic_before())
        .field("after", after)
        .field("change", after.map(|a| a - c.topic_before()))
        .raw("removed", &id_array(g, &c.removed))
        .raw("changed", &format!("[{}]", changed.join(", ")))
        .raw(
            "removed_edges",
            &format!(
                "[{}]",
                c.removed_edges
                    .iter()
                    .map(|&j| serde_json::Value::from(g.edge_label(j)).to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
        .raw(
            "still_standing",
            &format!(
                "[{}]",
                r.thinned_edges(g)
                    .iter()
                    .map(|(j, cut)| {
                        let left: Vec<usize> = g
                            .premises(*j)
                            .iter()
                            .copied()
                            .filter(|&v| !r.removed[v])
                            .collect();
                        Obj::new()
                            .field("edge", g.edge_label(*j))
                            .raw("on", &id_array(g, &left))
                            .raw("without", &id_array(g, cut))
                            .end()
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
        .end()
        + "\n"
}

fn human(g: &ArgGraph, c: &Comparison, r: &Resolved, top: Option<usize>) -> String {
    let t = c.topic;
    let mut out = match c.topic_after() {
        Some(a) => format!(
            "{}: {} -> {} ({}) under {}\n",
            g.id(t),
            num(c.topic_before()),
            num(a),
            signed(a - c.topic_before()),
            c.before.semantics.name()
        ),
        None => format!(
            "{}: {} -> removed by the scenario, under {}\n",
            g.id(t),
            num(c.topic_before()),
            c.before.semantics.name()
        ),
    };
    if !c.removed.is_empty() {
        let edges = g
            .links()
            .iter()
            .filter(|l| r.removed[l.from] || r.removed[l.to])
            .count();
        out.push_str(&format!(
            "removed {} node{} with {} edge{}: {}\n",
            c.removed.len(),
            if c.removed.len() == 1 { "" } else { "s" },
            edges,
            if edges == 1 { "" } else { "s" },
            id_list(g, &c.removed)
        ));
    }
    for (j, cut) in r.thinned_edges(g) {
        let left: Vec<usize> = g
            .premises(j)
            .iter()
            .copied()
            .filter(|&v| !r.removed[v])
            .collect();
        let zero: Vec<String> = cut
            .iter()
            .map(|&v| format!("--set-base {}=0", g.id(v)))
            .collect();
        out.push_str(&format!(
            "note: the linked {} {} still stands on {}: a removed premise leaves the inference \
             to the premises left (to ask what if {} {} false: {}; to drop the inference: \
             --remove-edge {})\n",
            g.links()[j].kind.name().to_lowercase(),
            g.edge_label(j),
            id_list(g, &left),
            id_list(g, &cut),
            if cut.len() == 1 { "were" } else { "were all" },
            zero.join(" "),
            g.edge_label(j)
        ));
    }
    for &j in &r.removed_edges {
        let l = g.links()[j];
        let d = g.model().edges[j].data();
        let target = match l.kind {
            argmap::EdgeKind::Undercut => format!("the inference {}", g.edge_label(l.to)),
            _ => g.id(l.to).to_string(),
        };
        let idle = g.undercuts(j).len();
        out.push_str(&format!(
            "removed edge {} ({:?} from {} to {}){}\n",
            g.edge_label(j),
            l.kind,
            d.from_label(),
            target,
            if idle == 0 {
                String::new()
            } else {
                format!(
                    " ({idle} undercut{} of it now idle)",
                    if idle == 1 { "" } else { "s" }
                )
            }
        ));
    }
    for &(v, b) in &r.base {
        out.push_str(&format!(
            "base of `{}`: {} -> {}\n",
            g.id(v),
            num(g.node(v).base),
            num(b)
        ));
    }
    for &(j, w) in &r.weight {
        let l = g.links()[j];
        out.push_str(&format!(
            "weight of `{}` -> `{}`: {} -> {}\n",
            g.id(l.from),
            g.id(l.to),
            num(l.weight),
            num(w)
        ));
    }
    let visible = c.changes.iter().filter(|x| shows(x.delta())).count();
    let shown: Vec<_> = c
        .changes
        .iter()
        .filter(|x| shows(x.delta()))
        .take(top.unwrap_or(usize::MAX))
        .collect();
    if shown.is_empty() {
        out.push_str("\nno strength moved by 0.0001 or more\n");
        return out;
    }
    let w = id_width(g, shown.iter().map(|x| x.node), 2);
    out.push_str(&format!(
        "\nwhat moved, largest change first:\n{:<w$}  {:>6}  {:>6}  {:>7}\n",
        "id", "before", "after", "change"
    ));
    for x in &shown {
        out.push_str(&format!(
            "{:<w$}  {:>6}  {:>6}  {:>7}\n",
            g.id(x.node),
            num(x.before),
            num(x.after),
            signed(x.delta())
        ));
    }
    if shown.len() < visible {
        out.push_str(&format!(
            "({} smaller not shown: --top {})\n",
            visible - shown.len(),
            shown.len()
        ));
    }
    let hidden = c.changes.len() - visible;
    if hidden > 0 {
        out.push_str(&format!(
            "({hidden} smaller change{} below 0.0001 not shown)\n",
            if hidden == 1 { "" } else { "s" }
        ));
    }
    out
}
