//! Argdown (the classic syntax `@argdown/core` parses), read and write.
//!
//! **Reading** ([`parse`]): a hand-written reader that keeps positions turns
//! the text into statements (equivalence classes by title), arguments (with
//! their premise-conclusion structures), relations (by symbol and
//! indentation) and sections ([`outline`] returns them), then into argmap's
//! model: a statement is a node, a reconstructed argument one support per
//! inference step (linked when it has several premises), an argument
//! without premise-conclusion structure an edge (when statements support it
//! and it has one outgoing relation: how the writer puts attacks and
//! undercuts) or else a claim, a relation an edge, an undercut of an argument
//! an `Undercut` of its edge, a section a group, the data argmap's fields.
//! What is approximated or dropped comes back as warnings (`W0701`, `W0702`,
//! `W0708`-`W0710`); malformed input as errors `E0740`-`E0748`, all at once,
//! each at its line and column with a fix. `docs/formats.md` has the whole
//! mapping. Reading what [`to_argdown_string`] wrote gives back the same model.
//!
//! ```
//! let ron = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/graphs/bike_theft.ron"))?;
//! let parsed = argmap::parse(&argmap::Source::new("bike_theft.ron", ron))?;
//! let text = argmap::formats::argdown::to_argdown_string(&parsed.graph);
//! let src = argmap::Source::new("bike_theft.argdown", text);
//! let back = argmap::formats::argdown::parse(&src, &Default::default())?;
//! assert!(back.diagnostics.is_empty());
//! assert_eq!(back.graph, parsed.graph);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! **Writing** ([`to_argdown_string`]); the mapping (`docs/formats.md` has it
//! with what is lost):
//!
//! | argmap | Argdown |
//! |---|---|
//! | node | a statement `[id]: text #tag {"kind": ..., "base": ..., ...}` |
//! | support edge (one or linked premises) | an argument `<id>: Support. {...}` with a premise-conclusion structure: its premises `(1) [p]` ..., `----`, the conclusion `(n) [to]` |
//! | attack edge | an argument `<id>: Attack. {...}` with its premises as incoming supports `<+ [p]` and the outgoing attack `-> [to]` |
//! | undercut | an argument `<id>: Undercut. {...}` with its premises `<+ [p]` and the outgoing undercut `_> <edge>` |
//! | group | a section `# label {"group": id, "isGroup": true}` (`##` for a nested group) holding its statements |
//! | title, conclusion, groups, expect, ... | the front matter: `title` and `argmap` (argmap's JSON model of them) |
//!
//! An edge without an id gets the argument name `e<N>` (its position), and
//! no `id` in its data; an id that cannot be a title (it holds `]`, `>`,
//! `#`, `/`, ... or starts with `-`) is written as the title `e<N>` (`n<N>`
//! for a statement) and travels in the data as `id`. The data blocks are JSON, which is YAML's flow
//! syntax, so Argdown reads them as data; `{`, `}` and `=` inside their
//! strings are written as `\u` escapes, so that Argdown's lexer does not end
//! the block (or the front matter) there. Texts are written on one line
//! with Argdown's special characters escaped; a text that this changes
//! (line breaks, repeated spaces, `.x.` / `:x:` shortcodes) also travels
//! exactly in the data as `text`. The output is deterministic.

mod data;
mod read;

pub use read::{Outline, outline, parse};

use std::collections::HashSet;

use crate::formats::json::{self, write::Json};
use crate::model::{ArgumentGraph, EdgeKind};

/// Writes a graph as Argdown (see the module documentation).
pub fn to_argdown_string(g: &ArgumentGraph) -> String {
    let mut out = String::new();
    // Front matter: the title, and argmap's graph-level fields.
    let Json::Obj(top) = json::to_json(g) else {
        unreachable!("a graph is an object")
    };
    let meta: Vec<(String, Json)> = top
        .into_iter()
        .filter(|(k, _)| k != "title" && k != "nodes" && k != "edges")
        .collect();
    let (sectioned, order_differs) = section_order(g);
    let mut meta = meta;
    if order_differs {
        meta.push((
            "node_order".into(),
            Json::Arr(g.nodes.iter().map(|n| Json::str(n.id.as_str())).collect()),
        ));
    }
    let meta = Json::Obj(meta);
    out.push_str("===\n");
    out.push_str(&format!(
        "title: {}\n",
        compact(&Json::str(g.title.as_str()))
    ));
    out.push_str(&format!("argmap: {}\n", compact(&meta)));
    out.push_str("===\n\n");

    // The edges, as arguments (before any section, so that they belong to none).
    let names = argument_names(g);
    let titles = statement_titles(g);
    let t = |id: &str| -> String { titles.get(id).cloned().unwrap_or_else(|| id.to_string()) };
    let name_of = |edge_id: &str| -> String {
        g.edges
            .iter()
            .position(|e| e.data().id.as_deref() == Some(edge_id))
            .map_or(edge_id.to_string(), |k| names[k].clone())
    };
    for (k, e) in g.edges.iter().enumerate() {
        let d = e.data();
        let data = json::edge_data(d);
        let kind = e.kind();
        out.push_str(&format!(
            "<{}>: {}. {}\n",
            names[k],
            kind.name(),
            compact(&data)
        ));
        match kind {
            EdgeKind::Support => {
                out.push('\n');
                for (i, p) in d.from.iter().enumerate() {
                    out.push_str(&format!("({}) [{}]\n", i + 1, t(p)));
                }
                out.push_str("----\n");
                out.push_str(&format!("({}) [{}]\n", d.from.len() + 1, t(&d.to)));
            }
            EdgeKind::Attack | EdgeKind::Undercut => {
                for p in &d.from {
                    out.push_str(&format!("    <+ [{}]\n", t(p)));
                }
                if kind == EdgeKind::Attack {
                    out.push_str(&format!("    -> [{}]\n", t(&d.to)));
                } else {
                    out.push_str(&format!("    _> <{}>\n", name_of(&d.to)));
                }
            }
        }
        out.push('\n');
    }

    // The statements: the ungrouped ones, then each group's as a section.
    for (depth, group, nodes) in sectioned {
        if let Some(gid) = group {
            let label = g
                .groups
                .iter()
                .find(|x| x.id == gid)
                .and_then(|x| x.label.clone())
                .unwrap_or_else(|| gid.to_string());
            let data = Json::obj()
                .put("group", Json::str(gid))
                .put("isGroup", Json::Bool(true))
                .done();
            out.push_str(&format!(
                "{} {} {}\n\n",
                "#".repeat(depth),
                escape(&one_line(&label)),
                compact(&data)
            ));
        }
        for k in nodes {
            let n = &g.nodes[k];
            let Json::Obj(mut data) = json::node(n) else {
                unreachable!("a node is an object")
            };
            let plain_tags = n.tags.iter().all(|t| plain_tag(t));
            let renamed = titles.contains_key(n.id.as_str());
            data.retain(|(key, _)| {
                !((key == "id" && !renamed)
                    || key == "group"
                    || (key == "tags" && plain_tags)
                    || (key == "text" && !needs_exact_text(&n.text)))
            });
            let mut line = format!("[{}]: {}", t(&n.id), escape(&one_line(&n.text)));
            if plain_tags {
                for t in &n.tags {
                    line.push_str(&format!(" #({t})"));
                }
            }
            line.push(' ');
            line.push_str(&compact(&Json::Obj(data)));
            out.push_str(&line);
            out.push_str("\n\n");
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// A section: its depth (0 for the statements before any section), its
/// group, and the indices of its nodes.
type Section<'a> = (usize, Option<&'a str>, Vec<usize>);

/// The statements in the order they are written: `(depth, group, node
/// indices)`, the ungrouped ones first (depth 0, no group), then each group
/// depth-first from the top-level groups in their order; and whether that
/// order differs from the model's.
fn section_order(g: &ArgumentGraph) -> (Vec<Section<'_>>, bool) {
    let in_group = |gid: Option<&str>| -> Vec<usize> {
        (0..g.nodes.len())
            .filter(|&k| g.nodes[k].group.as_deref() == gid)
            .collect()
    };
    let mut out = vec![(0, None, in_group(None))];
    let mut seen: HashSet<&str> = HashSet::new();
    fn visit<'a>(
        g: &'a ArgumentGraph,
        parent: Option<&str>,
        depth: usize,
        seen: &mut HashSet<&'a str>,
        out: &mut Vec<Section<'a>>,
    ) {
        for x in &g.groups {
            if x.parent.as_deref() == parent && seen.insert(x.id.as_str()) {
                let nodes = (0..g.nodes.len())
                    .filter(|&k| g.nodes[k].group.as_deref() == Some(x.id.as_str()))
                    .collect();
                out.push((depth, Some(x.id.as_str()), nodes));
                visit(g, Some(x.id.as_str()), depth + 1, seen, out);
            }
        }
    }
    visit(g, None, 1, &mut seen, &mut out);
    // A group whose parent is not a group (which `check` refuses) still gets
    // a section, at the top level.
    for x in &g.groups {
        if seen.insert(x.id.as_str()) {
            let nodes = (0..g.nodes.len())
                .filter(|&k| g.nodes[k].group.as_deref() == Some(x.id.as_str()))
                .collect();
            out.push((1, Some(x.id.as_str()), nodes));
        }
    }
    let written: Vec<usize> = out.iter().flat_map(|(_, _, n)| n.iter().copied()).collect();
    let differs = written != (0..g.nodes.len()).collect::<Vec<_>>();
    (out, differs)
}

/// Whether an id can stand as an Argdown title as it is: none of the
/// characters that end a title, start a comment, a tag or data, or a mention,
/// and no leading `-` (Argdown does not read `[-x]` as a title).
fn plain_title(id: &str) -> bool {
    !id.starts_with('-') && !id.contains(['[', ']', '<', '>', '{', '}', '#', '/', '\\', '@', '*'])
}

/// The statement title of each node whose id cannot be one ([`plain_title`]):
/// `n<N>` (its position), unique among the ids; its data then carries the id.
fn statement_titles(g: &ArgumentGraph) -> std::collections::HashMap<&str, String> {
    let mut taken: HashSet<String> = g.nodes.iter().map(|n| n.id.clone()).collect();
    let mut out = std::collections::HashMap::new();
    for (k, n) in g.nodes.iter().enumerate() {
        if !plain_title(&n.id) {
            let mut t = format!("n{}", k + 1);
            while taken.contains(&t) {
                t.push('_');
            }
            taken.insert(t.clone());
            out.insert(n.id.as_str(), t);
        }
    }
    out
}

/// The argument name of each edge: its id, else (or when the id cannot be a
/// title, see [`plain_title`]) `e<N>` (its position), made unique among the
/// edge ids; the argument's data carries the id.
fn argument_names(g: &ArgumentGraph) -> Vec<String> {
    let mut taken: HashSet<String> = g.edges.iter().filter_map(|e| e.data().id.clone()).collect();
    g.edges
        .iter()
        .enumerate()
        .map(|(k, e)| match &e.data().id {
            Some(id) if plain_title(id) => id.clone(),
            _ => {
                let mut id = format!("e{}", k + 1);
                while taken.contains(&id) {
                    id.push('_');
                }
                taken.insert(id.clone());
                id
            }
        })
        .collect()
}

/// A tag Argdown writes as `#(tag)` and reads back unchanged.
fn plain_tag(t: &str) -> bool {
    !t.is_empty() && t.trim() == t && !t.contains([')', '\n', '\r'])
}

/// The text on one line, runs of white space as one space.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether the visible text does not give the text back exactly: line
/// breaks, repeated or outer spaces, or what Argdown's lexer reads as a
/// shortcode (`.name.` or `:name:`).
fn needs_exact_text(s: &str) -> bool {
    one_line(s) != s || shortcode(s)
}

fn shortcode(s: &str) -> bool {
    for delim in ['.', ':'] {
        let mut rest = s;
        while let Some(i) = rest.find(delim) {
            let after = &rest[i + 1..];
            let word_end = after.find(char::is_whitespace).unwrap_or(after.len());
            if after[..word_end].contains(delim) && !after.starts_with(delim) {
                return true;
            }
            rest = after;
        }
    }
    false
}

/// Argdown's special characters escaped with a backslash.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\@#*_[]<>{}/-=".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A JSON value on one line, with `{`, `}` and `=` inside strings written as
/// `\u` escapes (see the module documentation).
fn compact(v: &Json) -> String {
    let mut out = String::new();
    write_compact(v, &mut out);
    out
}

fn write_compact(v: &Json, out: &mut String) {
    match v {
        Json::Str(s) => {
            let mut lit = String::new();
            crate::formats::json::write::string(&mut lit, s);
            out.push_str(
                &lit.replace('{', "\\u007b")
                    .replace('}', "\\u007d")
                    .replace('=', "\\u003d"),
            );
        }
        Json::Arr(items) => {
            out.push('[');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_compact(x, out);
            }
            out.push(']');
        }
        Json::Obj(fields) => {
            out.push('{');
            for (i, (k, x)) in fields.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_compact(&Json::str(k.as_str()), out);
                out.push_str(": ");
                write_compact(x, out);
            }
            out.push('}');
        }
        other => out.push_str(other.pretty().trim_end()),
    }
}
