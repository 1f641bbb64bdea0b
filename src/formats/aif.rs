//! The Argument Interchange Format in JSON (AIFdb, OVA), read and write.
//!
//! An AIF file is `{"nodes": [...], "edges": [...], "locutions": [...]}`, or
//! the xAIF / OVA3 wrapper `{"AIF": {"nodes": ..., "edges": ...}, "OVA": ...,
//! "text": ...}`. Each node has a `nodeID` (a string or a number), a `type`
//! and a `text`; each edge a `fromID` and a `toID`. The mapping:
//!
//! | AIF | argmap |
//! |---|---|
//! | I node | a `Claim` node (text kept, id = `nodeID`, base 0.5) |
//! | RA node with premises P and conclusion c | `Support(id: RA, from: P, to: c)`, linked when P has several; its scheme, when the catalogue has it, as `scheme` |
//! | CA node on an I node | `Attack(id: CA, from: P, to: c)` |
//! | CA node on an RA (or CA) node | `Undercut(id: CA, from: P, to: RA)` |
//! | MA (rephrase), PA (preference) | dropped, with a warning naming how many |
//! | L, YA, TA nodes, locutions, participants | dropped, with a one-line warning |
//!
//! argmap's own fields (a node's `kind`, `base`, `group`, `tags`, `cite`,
//! `note`, `base_range`; an edge's `id`, `weight`, `scheme`, `question`,
//! `note`, `weight_range`; the graph's `title`, `conclusion`, `groups`,
//! `expect` ...) travel in an extra key `"argmap"` of each node and of the
//! top-level object, as argmap's JSON model writes them, so that RON → AIF →
//! RON is lossless; AIF tools ignore keys they do not know.
//!
//! **Conclusion.** Unless the file's `argmap` key or `--conclusion` names it:
//! the I node no inference starts from (a premise of no RA or CA node). With
//! several such nodes, the one the most inferences end on (the first in the
//! file on a tie), with a warning listing the others.
//!
//! **Problems.** A structurally invalid file is refused with every problem at
//! once: `E0710` not an AIF object, `E0711` a node or edge without its id or
//! type, `E0712` a `nodeID` given twice, `E0713` an edge naming a node the file
//! does not have, `E0714` an RA or CA node with no conclusion, `E0715` an edge
//! from an I node straight to an I node. Warnings (`W07xx`) list what was
//! dropped or approximated: `W0701` neutral bases and weights, `W0702` the
//! conclusion chosen among several, `W0703` dialogue nodes and locutions
//! dropped, `W0704` MA/PA nodes dropped, `W0705` a scheme outside the
//! catalogue kept in the edge's `note`, `W0706` an RA or CA node without
//! premises dropped, `W0707` a repeated relation merged into the first.
//! `E0716`: no I node at all.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::diag::{Diagnostic, Diagnostics, Source, Span, plural};
use crate::formats::ImportOptions;
use crate::formats::json::{self, syntax, write::Json};
use crate::load::syntax::{Field, Kind, Value, field, pair};
use crate::load::{Parsed, from_tree};
use crate::model::{ArgumentGraph, EdgeKind};

/// Whether a JSON text looks like AIF (nodes with `nodeID`, or the xAIF
/// wrapper `"AIF"`) rather than argmap's JSON model.
pub fn looks_like_aif(text: &str) -> bool {
    text.contains("\"nodeID\"")
        || text
            .match_indices("\"AIF\"")
            .any(|(i, k)| text[i + k.len()..].trim_start().starts_with(':'))
}

/// What kind of AIF node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Type {
    I,
    Ra,
    Ca,
    /// MA, PA: dropped.
    Other,
    /// L, YA, TA and anything unknown: the dialogue layer, dropped.
    Dialogue,
}

struct ANode<'t, 'a> {
    id: String,
    id_span: Span,
    whole: Span,
    ty: Type,
    text: Option<&'t Value<'a>>,
    scheme: Option<String>,
    extra: Option<&'t [Field<'a>]>,
}

/// What an empty file is told it should hold (`E0003`, see [`crate::diag::refuse_empty`]).
const EMPTY_HELP: &str = "an AIF file is JSON: `{\"nodes\": [{\"nodeID\": \"1\", \"text\": \"...\", \"type\": \"I\"}, ...], \"edges\": [{\"fromID\": \"1\", \"toID\": \"2\"}, ...]}`; see docs/formats.md";

/// Reads an AIF JSON file into argmap's model with positions (see the module
/// docs for the mapping). `Err` holds every structural problem at once;
/// the warnings about what was dropped come back in [`Parsed::diagnostics`].
pub fn parse(src: &Source, opts: &ImportOptions) -> Result<Parsed, Diagnostics> {
    crate::diag::refuse_empty(src, EMPTY_HELP)?;
    let tree = syntax::parse(src.text()).map_err(|e| json::syntax_error(src, *e))?;
    let mut errs = Diagnostics::default();
    let mut warns = Diagnostics::default();
    let at0 = Span::new(0, src.text().len().min(1));
    let top = fields(&tree).unwrap_or(&[]);
    let top_extra = get(top, "argmap").and_then(fields);
    // The xAIF wrapper holds the graph in "AIF".
    let aif = get(top, "AIF").unwrap_or(&tree);
    let af = fields(aif);
    let (Some(nodes), Some(edges)) = (
        af.and_then(|f| get(f, "nodes")).and_then(list),
        af.and_then(|f| get(f, "edges")).and_then(list),
    ) else {
        errs.push(
            Diagnostic::error(
                "E0710",
                "not an AIF file: expected an object with the arrays `nodes` and `edges`",
            )
            .at(aif.span)
            .help("AIF JSON is `{\"nodes\": [...], \"edges\": [...]}` or `{\"AIF\": {...}}` (docs/formats.md)"),
        );
        return Err(errs);
    };

    // The nodes.
    let mut anodes: Vec<ANode> = vec![];
    let mut index: HashMap<String, usize> = HashMap::new();
    for v in nodes {
        let Some(f) = fields(v) else {
            errs.push(Diagnostic::error("E0711", "an AIF node must be an object").at(v.span));
            continue;
        };
        let (Some((id, id_span)), Some(ty)) = (
            get(f, "nodeID").and_then(id_of),
            get(f, "type").and_then(str_of),
        ) else {
            errs.push(
                Diagnostic::error("E0711", "an AIF node without a `nodeID` or a `type`")
                    .at(v.span)
                    .help("each node needs `\"nodeID\": \"1\"` and `\"type\": \"I\"` (or RA, CA, ...)"),
            );
            continue;
        };
        let ty = match ty.as_ref() {
            "I" => Type::I,
            "RA" => Type::Ra,
            "CA" => Type::Ca,
            "MA" | "PA" => Type::Other,
            _ => Type::Dialogue,
        };
        if let Some(&first) = index.get(&id) {
            let a: &ANode = &anodes[first];
            errs.push(
                Diagnostic::error("E0712", format!("the nodeID \"{id}\" is given twice"))
                    .at(id_span)
                    .label(a.id_span, "first given here")
                    .help("give each node its own nodeID, or remove the repeated node"),
            );
            continue;
        }
        index.insert(id.clone(), anodes.len());
        anodes.push(ANode {
            id,
            id_span,
            whole: v.span,
            ty,
            text: get(f, "text"),
            scheme: get(f, "scheme").and_then(str_of).map(Cow::into_owned),
            extra: get(f, "argmap").and_then(fields),
        });
    }

    // The edges: into and out of each scheme node.
    let mut ins: Vec<Vec<(usize, Span)>> = vec![vec![]; anodes.len()];
    let mut outs: Vec<Vec<(usize, Span)>> = vec![vec![]; anodes.len()];
    let mut dropped_edges = 0usize;
    for v in edges {
        let Some(f) = fields(v) else {
            errs.push(Diagnostic::error("E0711", "an AIF edge must be an object").at(v.span));
            continue;
        };
        let ends = (
            get(f, "fromID").and_then(id_of),
            get(f, "toID").and_then(id_of),
        );
        let (Some((from, fs)), Some((to, ts))) = ends else {
            errs.push(
                Diagnostic::error("E0711", "an AIF edge without a `fromID` or a `toID`")
                    .at(v.span)
                    .help("each edge needs `\"fromID\"` and `\"toID\"`"),
            );
            continue;
        };
        let mut missing = false;
        for (id, span) in [(&from, fs), (&to, ts)] {
            if !index.contains_key(id) {
                missing = true;
                errs.push(
                    Diagnostic::error(
                        "E0713",
                        format!("the edge names the node \"{id}\", which the file does not have"),
                    )
                    .at(span)
                    .help("add the node, or remove the edge"),
                );
            }
        }
        if missing {
            continue;
        }
        let (a, b) = (index[&from], index[&to]);
        match (anodes[a].ty, anodes[b].ty) {
            (Type::I, Type::I) => errs.push(
                Diagnostic::error(
                    "E0715",
                    format!("an edge from the I node \"{from}\" straight to the I node \"{to}\""),
                )
                .at(v.span)
                .help("in AIF, information nodes are related through an RA (inference) or CA (conflict) node"),
            ),
            (x, y) if is_arg(x) && is_arg(y) => {
                outs[a].push((b, ts));
                ins[b].push((a, fs));
            }
            _ => dropped_edges += 1,
        }
    }

    // Scheme nodes: premises and conclusions.
    let mut dropped_s = 0usize;
    let mut edges_out: Vec<Value> = vec![];
    let mut premise_of: Vec<usize> = vec![0; anodes.len()];
    let mut concluded: Vec<usize> = vec![0; anodes.len()];
    let mut unknown_schemes: Vec<String> = vec![];
    let mut has_extras = top_extra.is_some();
    // The S nodes kept, so an undercut of a dropped one is dropped too.
    let mut kept: Vec<bool> = anodes.iter().map(|n| n.ty == Type::I).collect();
    let s_nodes: Vec<usize> = (0..anodes.len())
        .filter(|&i| matches!(anodes[i].ty, Type::Ra | Type::Ca))
        .collect();
    for &i in &s_nodes {
        let n = &anodes[i];
        let premises: Vec<(usize, Span)> = ins[i]
            .iter()
            .copied()
            .filter(|&(p, _)| anodes[p].ty == Type::I)
            .collect();
        if outs[i].is_empty() {
            errs.push(
                Diagnostic::error(
                    "E0714",
                    format!(
                        "the {} node \"{}\" has no conclusion (no edge leaves it)",
                        if n.ty == Type::Ra { "RA" } else { "CA" },
                        n.id
                    ),
                )
                .at(n.id_span)
                .help("add the edge to the node it concludes, or remove the node"),
            );
            continue;
        }
        if premises.is_empty() {
            dropped_s += 1;
            continue;
        }
        kept[i] = true;
    }
    // The relations each kept S node gives, one per conclusion.
    struct Planned {
        s: usize,
        k: usize,
        kind: EdgeKind,
        c: usize,
        c_span: Span,
    }
    let premises_of = |i: usize| -> Vec<(usize, Span)> {
        ins[i]
            .iter()
            .copied()
            .filter(|&(p, _)| anodes[p].ty == Type::I)
            .collect()
    };
    let mut planned: Vec<Planned> = vec![];
    for &i in &s_nodes {
        if !kept[i] {
            continue;
        }
        for (k, &(c, c_span)) in outs[i].iter().enumerate() {
            let kind = match (anodes[i].ty, anodes[c].ty) {
                (Type::Ra, Type::I) => EdgeKind::Support,
                (Type::Ca, Type::I) => EdgeKind::Attack,
                (Type::Ca, Type::Ra | Type::Ca) if kept[c] => EdgeKind::Undercut,
                _ => {
                    dropped_s += 1;
                    continue;
                }
            };
            planned.push(Planned {
                s: i,
                k,
                kind,
                c,
                c_span,
            });
        }
    }
    // The same relation twice (two RA or CA nodes with the same premises and
    // conclusion) is one edge in argmap: the first is kept, and an undercut of
    // a later one undercuts the first. Supports and attacks first, so that the
    // undercuts' targets are known.
    let mut alias: HashMap<usize, usize> = HashMap::new();
    let mut seen: HashMap<(EdgeKind, Vec<String>, usize), usize> = HashMap::new();
    let mut merged = 0usize;
    let mut keep_plan = vec![true; planned.len()];
    for pass_undercuts in [false, true] {
        for (x, pl) in planned.iter().enumerate() {
            if (pl.kind == EdgeKind::Undercut) != pass_undercuts {
                continue;
            }
            let mut ps: Vec<String> = premises_of(pl.s)
                .iter()
                .map(|&(p, _)| anodes[p].id.clone())
                .collect();
            ps.sort();
            let target = *alias.get(&pl.c).unwrap_or(&pl.c);
            match seen.get(&(pl.kind, ps.clone(), target)) {
                Some(&first) => {
                    keep_plan[x] = false;
                    merged += 1;
                    alias.entry(pl.s).or_insert(first);
                }
                None => {
                    seen.insert((pl.kind, ps, target), pl.s);
                }
            }
        }
    }
    // The id an edge is known by: its own (argmap's `argmap` key), else its node's.
    let edge_id_of = |i: usize| -> String {
        anodes[i]
            .extra
            .and_then(|f| get(f, "id"))
            .and_then(str_of)
            .map_or_else(|| anodes[i].id.clone(), Cow::into_owned)
    };
    for (x, pl) in planned.iter().enumerate() {
        if !keep_plan[x] {
            continue;
        }
        let n = &anodes[pl.s];
        let premises = premises_of(pl.s);
        for &(p, _) in &premises {
            premise_of[p] += 1;
        }
        if pl.kind != EdgeKind::Undercut {
            concluded[pl.c] += 1;
        }
        let mut fs: Vec<Field> = vec![];
        let extra = n.extra.unwrap_or(&[]);
        has_extras |= n.extra.is_some();
        // An edge written by argmap carries its own id (or none) in `argmap`;
        // a foreign one is named by its node.
        if n.extra.is_none() {
            let id = if pl.k == 0 {
                n.id.clone()
            } else {
                format!("{}_{}", n.id, pl.k + 1)
            };
            fs.push(field("id", Kind::Str(Cow::Owned(id)), n.id_span));
        }
        let from = if premises.len() == 1 {
            Value {
                kind: Kind::Str(Cow::Owned(anodes[premises[0].0].id.clone())),
                span: premises[0].1,
            }
        } else {
            Value {
                kind: Kind::List(
                    premises
                        .iter()
                        .map(|&(p, s)| Value {
                            kind: Kind::Str(Cow::Owned(anodes[p].id.clone())),
                            span: s,
                        })
                        .collect(),
                ),
                span: n.whole,
            }
        };
        fs.push(Field {
            name: "from",
            name_span: n.whole,
            value: from,
        });
        let to = match pl.kind {
            EdgeKind::Undercut => edge_id_of(*alias.get(&pl.c).unwrap_or(&pl.c)),
            _ => anodes[pl.c].id.clone(),
        };
        fs.push(field("to", Kind::Str(Cow::Owned(to)), pl.c_span));
        if n.extra.is_none()
            && let Some(s) = n.scheme.as_deref().or_else(|| n.text.and_then(str_of_ref))
            && !is_default_scheme(s)
        {
            match catalogue_id(s) {
                Some(id) => fs.push(field("scheme", Kind::Str(Cow::Borrowed(id)), n.id_span)),
                None => {
                    unknown_schemes.push(s.to_string());
                    fs.push(field(
                        "note",
                        Kind::Str(Cow::Owned(format!("AIF scheme: {s}"))),
                        n.id_span,
                    ));
                }
            }
        }
        fs.extend(extra.iter().filter(|f| f.name != "kind").cloned());
        edges_out.push(Value {
            kind: Kind::Struct {
                name: Some((pl.kind.name(), n.id_span)),
                fields: fs,
            },
            span: n.whole,
        });
    }
    if merged > 0 {
        warns.push(
            Diagnostic::warning(
                "W0707",
                format!(
                    "merged {merged} RA/CA relation{} that repeat an earlier one (same premises, same conclusion) into it",
                    plural(merged)
                ),
            )
            .at(at0)
            .help("argmap has one edge per relation; raise its `weight` if the repetition meant more force"),
        );
    }

    // The I nodes.
    let mut nodes_out: Vec<Value> = vec![];
    for n in anodes.iter().filter(|n| n.ty == Type::I) {
        let extra = n.extra.unwrap_or(&[]);
        has_extras |= n.extra.is_some();
        let mut fs = vec![field("id", Kind::Str(Cow::Owned(n.id.clone())), n.id_span)];
        let text = match n.text {
            Some(t) => t.clone(),
            None => Value {
                kind: Kind::Str(Cow::Borrowed("")),
                span: n.whole,
            },
        };
        fs.push(Field {
            name: "text",
            name_span: text.span,
            value: text,
        });
        for (name, default) in [("kind", Kind::Ident("Claim")), ("base", Kind::Num(0.5))] {
            if !extra.iter().any(|f| f.name == name) {
                fs.push(field(name, default, n.whole));
            }
        }
        for f in extra.iter().filter(|f| f.name != "id" && f.name != "text") {
            let mut f = f.clone();
            if f.name == "kind"
                && let Kind::Str(Cow::Borrowed(s)) = f.value.kind
            {
                f.value.kind = Kind::Ident(s);
            }
            if f.name == "base_range" {
                pair(&mut f.value);
            }
            fs.push(f);
        }
        nodes_out.push(Value {
            kind: Kind::Struct {
                name: None,
                fields: fs,
            },
            span: n.whole,
        });
    }
    for e in &mut edges_out {
        if let Kind::Struct { fields, .. } = &mut e.kind {
            for f in fields.iter_mut().filter(|f| f.name == "weight_range") {
                pair(&mut f.value);
            }
        }
    }
    if errs.is_empty() && !anodes.iter().any(|n| n.ty == Type::I) {
        errs.push(
            Diagnostic::error(
                "E0716",
                "the AIF file has no I node: there is no claim to import",
            )
            .at(aif.span)
            .help("an argument map needs at least one I (information) node"),
        );
    }
    if !errs.is_empty() {
        return Err(errs);
    }

    // The graph.
    let mut gf: Vec<Field> = vec![];
    let extra = top_extra.unwrap_or(&[]);
    let mut conclusion = opts.conclusion.clone();
    if conclusion.is_none() && !extra.iter().any(|f| f.name == "conclusion") {
        conclusion = pick_conclusion(&anodes, &premise_of, &concluded, &mut warns, at0);
    }
    if let Some(c) = conclusion {
        gf.push(field("conclusion", Kind::Str(Cow::Owned(c)), at0));
    }
    for f in extra {
        if f.name == "conclusion" && opts.conclusion.is_some() {
            continue;
        }
        if matches!(f.name, "nodes" | "edges") {
            continue;
        }
        gf.push(f.clone());
    }
    gf.push(field("nodes", Kind::List(nodes_out), at0));
    gf.push(field("edges", Kind::List(edges_out), at0));
    let graph = Value {
        kind: Kind::Struct {
            name: None,
            fields: gf,
        },
        span: tree.span,
    };
    // The warnings: what was dropped or approximated.
    let count = |t: Type| anodes.iter().filter(|n| n.ty == t).count();
    let locutions = af
        .and_then(|f| get(f, "locutions"))
        .and_then(list)
        .map_or(0, <[_]>::len);
    let dialogue = count(Type::Dialogue);
    if dialogue + locutions > 0 {
        warns.push(
            Diagnostic::warning(
                "W0703",
                format!(
                    "dropped the dialogue layer: {dialogue} L/YA/TA node{}, {locutions} locution{} and {dropped_edges} edge{} touching them",
                    plural(dialogue),
                    plural(locutions),
                    plural(dropped_edges)
                ),
            )
            .at(at0)
            .help("argmap keeps the argument (I, RA, CA nodes), not who said what when"),
        );
    }
    if count(Type::Other) > 0 {
        warns.push(
            Diagnostic::warning(
                "W0704",
                format!(
                    "dropped {} MA (rephrase) / PA (preference) node{}: argmap has no rephrase or preference relation",
                    count(Type::Other),
                    plural(count(Type::Other))
                ),
            )
            .at(at0),
        );
    }
    if !unknown_schemes.is_empty() {
        unknown_schemes.sort();
        unknown_schemes.dedup();
        warns.push(
            Diagnostic::warning(
                "W0705",
                format!(
                    "{} scheme name{} outside argmap's catalogue kept in the edges' `note` (\"AIF scheme: ...\"): {}",
                    unknown_schemes.len(),
                    plural(unknown_schemes.len()),
                    unknown_schemes.join("; ")
                ),
            )
            .at(at0)
            .help("docs/schemes.md lists the catalogue; set `scheme` on an edge to use one"),
        );
    }
    if dropped_s > 0 {
        warns.push(
            Diagnostic::warning(
                "W0706",
                format!(
                    "dropped {dropped_s} RA/CA relation{} with no I-node premise (or not ending on an I, RA or CA node)",
                    plural(dropped_s)
                ),
            )
            .at(at0),
        );
    }
    if !has_extras && count(Type::I) > 0 {
        warns.push(
            Diagnostic::warning(
                "W0701",
                "AIF has no base scores or weights: every node gets the neutral base 0.5 and every edge the weight 1",
            )
            .at(at0)
            .help("the strengths then come from the structure alone; set `base` and `weight` in the converted map (`argmap convert FILE -o map.ron`)"),
        );
    }
    let mut parsed = from_tree(&graph);
    warns.0.append(&mut parsed.diagnostics.0);
    parsed.diagnostics = warns;
    Ok(parsed)
}

fn is_arg(t: Type) -> bool {
    matches!(t, Type::I | Type::Ra | Type::Ca)
}

/// The conclusion by the stated rule (module docs); a warning when several
/// I nodes qualify.
fn pick_conclusion(
    anodes: &[ANode],
    premise_of: &[usize],
    concluded: &[usize],
    warns: &mut Diagnostics,
    at: Span,
) -> Option<String> {
    let is_i: Vec<usize> = (0..anodes.len())
        .filter(|&i| anodes[i].ty == Type::I)
        .collect();
    let first = *is_i.first()?;
    // No inference starts from it, and something ends on it (an I node on its
    // own is no candidate unless nothing else is).
    let mut cands: Vec<usize> = is_i
        .iter()
        .copied()
        .filter(|&i| premise_of[i] == 0 && concluded[i] > 0)
        .collect();
    if cands.is_empty() {
        cands = is_i
            .iter()
            .copied()
            .filter(|&i| premise_of[i] == 0)
            .collect();
    }
    let Some(&best) = cands
        .iter()
        .max_by_key(|&&i| (concluded[i], std::cmp::Reverse(i)))
    else {
        return Some(anodes[first].id.clone());
    };
    if cands.len() > 1 {
        let others: Vec<&str> = cands
            .iter()
            .filter(|&&i| i != best)
            .take(8)
            .map(|&i| anodes[i].id.as_str())
            .collect();
        warns.push(
            Diagnostic::warning(
                "W0702",
                format!(
                    "{} I nodes start no inference; took \"{}\" (the most inferences end on it) as the conclusion; the others: {}{}",
                    cands.len(),
                    anodes[best].id,
                    others.join(", "),
                    if cands.len() > 9 { ", ..." } else { "" }
                ),
            )
            .at(at)
            .help("choose another with `argmap convert FILE --conclusion ID -o map.ron`, or score one with `--node ID`"),
        );
    }
    Some(anodes[best].id.clone())
}

fn fields<'t, 'a>(v: &'t Value<'a>) -> Option<&'t [Field<'a>]> {
    match &v.kind {
        Kind::Struct { fields, .. } => Some(fields),
        _ => None,
    }
}

fn list<'t, 'a>(v: &'t Value<'a>) -> Option<&'t [Value<'a>]> {
    match &v.kind {
        Kind::List(items) => Some(items),
        _ => None,
    }
}

fn get<'t, 'a>(f: &'t [Field<'a>], name: &str) -> Option<&'t Value<'a>> {
    f.iter().find(|x| x.name == name).map(|x| &x.value)
}

fn str_of<'t>(v: &'t Value) -> Option<Cow<'t, str>> {
    match &v.kind {
        Kind::Str(s) => Some(Cow::Borrowed(s.as_ref())),
        _ => None,
    }
}

fn str_of_ref<'t>(v: &'t Value) -> Option<&'t str> {
    match &v.kind {
        Kind::Str(s) => Some(s.as_ref()),
        _ => None,
    }
}

/// An id: a string, or a whole number written as one.
fn id_of(v: &Value) -> Option<(String, Span)> {
    match &v.kind {
        Kind::Str(s) if !s.is_empty() => Some((s.to_string(), v.span)),
        Kind::Num(x) if x.fract() == 0.0 => Some((format!("{}", *x as i64), v.span)),
        _ => None,
    }
}

fn is_default_scheme(s: &str) -> bool {
    matches!(
        s.trim(),
        "" | "RA" | "CA" | "MA" | "PA" | "Default Inference" | "Default Conflict"
    )
}

/// Letters and digits only, lowercase: `CauseToEffect`, `cause_to_effect` and
/// `Argument from cause to effect` all become `causetoeffect`.
fn squash(s: &str) -> String {
    let s: String = s
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let s = s.strip_prefix("argumentfrom").unwrap_or(&s);
    let s = s.strip_prefix("argumentby").unwrap_or(s);
    s.strip_prefix("from").unwrap_or(s).to_string()
}

/// The catalogue id of an AIF scheme name, if argmap's catalogue has it.
fn catalogue_id(name: &str) -> Option<&'static str> {
    let want = squash(name);
    crate::schemes::catalogue()
        .iter()
        .find(|s| squash(&s.id) == want || squash(&s.name) == want)
        .map(|s| s.id.as_str())
}

/// Writes a graph as AIF JSON (AIFdb's `{"nodes", "edges", "locutions"}`):
/// each argmap node an I node, each edge an RA (support) or CA (attack,
/// undercut) node with an AIF edge from each premise and one to its target
/// (for an undercut, the RA or CA node of the edge it undercuts). Node ids are
/// argmap's ids; an edge's node has the edge's id, or, for an edge without
/// one (or whose id is also a node id), `e<N>` (its 1-based position, made
/// unique). argmap's own fields ride in `"argmap"` keys (module
/// docs), so reading the output back gives the same model.
pub fn to_aif_string(g: &ArgumentGraph) -> String {
    let mut taken: std::collections::HashSet<String> =
        g.nodes.iter().map(|n| n.id.clone()).collect();
    taken.extend(g.edges.iter().filter_map(|e| e.data().id.clone()));
    let mut s_ids: Vec<String> = vec![];
    for (k, e) in g.edges.iter().enumerate() {
        let id = match &e.data().id {
            // An edge id that is also a node id (W0321) cannot be a nodeID too.
            Some(id) if !g.nodes.iter().any(|n| n.id == *id) => id.clone(),
            _ => {
                let mut id = format!("e{}", k + 1);
                while taken.contains(&id) {
                    id.push('_');
                }
                taken.insert(id.clone());
                id
            }
        };
        s_ids.push(id);
    }
    let by_edge_id: HashMap<&str, usize> = g
        .edges
        .iter()
        .enumerate()
        .filter_map(|(k, e)| e.data().id.as_deref().map(|id| (id, k)))
        .collect();
    let mut nodes = vec![];
    for n in &g.nodes {
        let Json::Obj(mut extra) = json::node(n) else {
            unreachable!("a node is an object")
        };
        extra.retain(|(k, _)| k != "id" && k != "text");
        nodes.push(
            Json::obj()
                .put("nodeID", Json::str(n.id.as_str()))
                .put("text", Json::str(n.text.as_str()))
                .put("type", Json::str("I"))
                .put("argmap", Json::Obj(extra))
                .done(),
        );
    }
    let mut edges = vec![];
    let mut edge = |from: &str, to: &str| {
        let id = (edges.len() + 1).to_string();
        edges.push(
            Json::obj()
                .put("edgeID", Json::str(id))
                .put("fromID", Json::str(from))
                .put("toID", Json::str(to))
                .done(),
        );
    };
    for (k, e) in g.edges.iter().enumerate() {
        let d = e.data();
        let ty = if e.kind() == EdgeKind::Support {
            "RA"
        } else {
            "CA"
        };
        let scheme_name = d
            .scheme
            .as_deref()
            .and_then(crate::schemes::scheme)
            .map(|s| s.name.clone())
            .unwrap_or_else(|| {
                if ty == "RA" {
                    "Default Inference".into()
                } else {
                    "Default Conflict".into()
                }
            });
        let extra = json::edge_data(d);
        nodes.push(
            Json::obj()
                .put("nodeID", Json::str(s_ids[k].as_str()))
                .put("text", Json::str(scheme_name.as_str()))
                .put("type", Json::str(ty))
                .put("scheme", Json::str(scheme_name.as_str()))
                .put("argmap", extra)
                .done(),
        );
        for p in &d.from {
            edge(p, &s_ids[k]);
        }
        let to = match e.kind() {
            EdgeKind::Undercut => by_edge_id
                .get(d.to.as_str())
                .map_or(d.to.as_str(), |&j| s_ids[j].as_str()),
            _ => d.to.as_str(),
        };
        edge(&s_ids[k], to);
    }
    let Json::Obj(mut top) = json::to_json(g) else {
        unreachable!("a graph is an object")
    };
    top.retain(|(k, _)| k != "nodes" && k != "edges");
    Json::obj()
        .put("nodes", Json::Arr(nodes))
        .put("edges", Json::Arr(edges))
        .put("locutions", Json::Arr(vec![]))
        .put("argmap", Json::Obj(top))
        .done()
        .pretty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Parsed, Diagnostics> {
        parse(&Source::new("t.json", text), &ImportOptions::default())
    }

    #[test]
    fn maps_linked_convergent_rebuttal_and_undercut() {
        // Hand-made: 1, 2 jointly (RA 10) support 3; 4 (RA 11) supports 3 on its
        // own; 5 rebuts 3 (CA 12); 6 undercuts RA 11 (CA 13); L/YA dropped.
        let text = r#"{"nodes": [
            {"nodeID": "1", "text": "P1", "type": "I"}, {"nodeID": 2, "text": "P2", "type": "I"},
            {"nodeID": "3", "text": "C", "type": "I"}, {"nodeID": "4", "text": "Q", "type": "I"},
            {"nodeID": "5", "text": "R", "type": "I"}, {"nodeID": "6", "text": "U", "type": "I"},
            {"nodeID": "10", "text": "Default Inference", "type": "RA", "scheme": "ExpertOpinion"},
            {"nodeID": "11", "text": "RA", "type": "RA", "scheme": "Books about startups"},
            {"nodeID": "12", "text": "Default Conflict", "type": "CA"},
            {"nodeID": "13", "text": "Default Conflict", "type": "CA"},
            {"nodeID": "20", "text": "Bob: C", "type": "L"}, {"nodeID": "21", "text": "Asserting", "type": "YA"}
          ], "edges": [
            {"edgeID": "1", "fromID": "1", "toID": "10"}, {"edgeID": "2", "fromID": 2, "toID": "10"},
            {"edgeID": "3", "fromID": "10", "toID": "3"}, {"edgeID": "4", "fromID": "4", "toID": "11"},
            {"edgeID": "5", "fromID": "11", "toID": "3"}, {"edgeID": "6", "fromID": "5", "toID": "12"},
            {"edgeID": "7", "fromID": "12", "toID": "3"}, {"edgeID": "8", "fromID": "6", "toID": "13"},
            {"edgeID": "9", "fromID": "13", "toID": "11"}, {"edgeID": "10", "fromID": "20", "toID": "21"},
            {"edgeID": "11", "fromID": "21", "toID": "3"}
          ], "locutions": [{"nodeID": "20"}]}"#;
        let p = read(text).unwrap();
        let g = &p.graph;
        assert_eq!(g.conclusion, "3");
        assert_eq!(g.nodes.len(), 6);
        let e: Vec<String> = g
            .edges
            .iter()
            .map(|e| {
                let d = e.data();
                format!(
                    "{}({}: {} -> {}{})",
                    e.kind().name(),
                    d.id.as_deref().unwrap_or(""),
                    d.from_label(),
                    d.to,
                    d.scheme
                        .as_deref()
                        .map(|s| format!(", {s}"))
                        .unwrap_or_default()
                )
            })
            .collect();
        assert_eq!(
            e,
            [
                "Support(10: 1 + 2 -> 3, expert_opinion)",
                "Support(11: 4 -> 3)",
                "Attack(12: 5 -> 3)",
                "Undercut(13: 6 -> 11)"
            ]
        );
        assert_eq!(
            g.edges[1].data().note.as_deref(),
            Some("AIF scheme: Books about startups")
        );
        assert_eq!(p.diagnostics.codes(), ["W0703", "W0705", "W0701"]);
        let v = crate::validate(p).unwrap();
        let g = crate::build(&v);
        assert_eq!(g.id(g.conclusion()), "3");
    }

    #[test]
    fn structural_problems_all_at_once() {
        let text = r#"{"nodes": [
            {"nodeID": "1", "text": "A", "type": "I"}, {"nodeID": "2", "text": "B", "type": "I"},
            {"nodeID": "1", "text": "A again", "type": "I"},
            {"nodeID": "9", "text": "RA", "type": "RA"}, {"text": "no id", "type": "I"}
          ], "edges": [
            {"fromID": "1", "toID": "2"}, {"fromID": "2", "toID": "77"}, {"fromID": "1", "toID": "9"}
          ]}"#;
        let d = read(text).unwrap_err();
        assert_eq!(d.codes(), ["E0712", "E0711", "E0715", "E0713", "E0714"]);
        let src = Source::new("t.json", text);
        let short = d.short(&src);
        assert!(
            short.contains("t.json:3:24: error[E0712]: the nodeID \"1\" is given twice"),
            "{short}"
        );
    }

    #[test]
    fn conclusion_rule_and_override() {
        // Two separate arguments: 1 -> 2 and 3, 4 -> 5 (two inferences end on 5).
        let text = r#"{"nodes": [
            {"nodeID": "1", "text": "A", "type": "I"}, {"nodeID": "2", "text": "B", "type": "I"},
            {"nodeID": "3", "text": "C", "type": "I"}, {"nodeID": "4", "text": "D", "type": "I"},
            {"nodeID": "5", "text": "E", "type": "I"},
            {"nodeID": "r1", "text": "RA", "type": "RA"}, {"nodeID": "r2", "text": "RA", "type": "RA"},
            {"nodeID": "r3", "text": "RA", "type": "RA"}],
          "edges": [{"fromID": "1", "toID": "r1"}, {"fromID": "r1", "toID": "2"},
            {"fromID": "3", "toID": "r2"}, {"fromID": "r2", "toID": "5"},
            {"fromID": "4", "toID": "r3"}, {"fromID": "r3", "toID": "5"}]}"#;
        let p = read(text).unwrap();
        assert_eq!(p.graph.conclusion, "5");
        assert_eq!(p.diagnostics.codes(), ["W0702", "W0701"]);
        let opts = ImportOptions {
            conclusion: Some("2".into()),
        };
        let p = parse(&Source::new("t.json", text), &opts).unwrap();
        assert_eq!(p.graph.conclusion, "2");
        assert_eq!(p.diagnostics.codes(), ["W0701"]);
    }
}
