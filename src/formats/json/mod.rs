//! argmap's JSON model: the RON model one-to-one, for programs and web pages.
//!
//! ```json
//! {
//!   "title": "Who took the bike?",
//!   "conclusion": "h_sam",
//!   "groups": [{"id": "witness", "label": "The witness"}],
//!   "nodes": [
//!     {"id": "h_sam", "kind": "Claim", "text": "Sam took the bike.", "base": 0.5},
//!     {"id": "e_feud", "kind": "Evidence", "text": "...", "base": 0.7, "group": "witness",
//!      "cite": {"ref": "Statement of Sam's mother", "locator": "line 9"}}
//!   ],
//!   "edges": [
//!     {"kind": "Support", "id": "s_witness", "from": ["e_lee_window", "e_lee_says"],
//!      "to": "h_sam", "weight": 0.8, "scheme": "witness_testimony"},
//!     {"kind": "Undercut", "id": "u_feud", "from": "e_feud", "to": "s_witness", "weight": 0.8}
//!   ],
//!   "expect": [{"node": "h_sam", "above": 0.65, "remove": ["e_feud"]}]
//! }
//! ```
//!
//! Every field of `docs/format.md` has the same name here; an edge is an object
//! whose `kind` is `"Support"`, `"Attack"` or `"Undercut"`, a node's `kind` is
//! `"Claim"` or `"Evidence"`, `base_range` and `weight_range` are arrays
//! `[low, high]`, and `null` is an absent optional field. [`to_json_string`]
//! writes it (the output of `argmap convert map.ron -o map.json` and of
//! `GET /api/graph` of `argmap serve`); [`parse`] reads it with positions, so a
//! JSON file gets the same checks and diagnostics as a RON file, at its own
//! lines and columns. Reading what [`to_json_string`] wrote gives back the same
//! [`ArgumentGraph`] (numbers are written in the shortest form that reads back
//! as the same `f64`).
//!
//! ```
//! let ron = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/graphs/bike_theft.ron"))?;
//! let parsed = argmap::parse(&argmap::Source::new("bike_theft.ron", ron))?;
//! let json = argmap::formats::json::to_json_string(&parsed.graph);
//! let back = argmap::formats::json::parse(&argmap::Source::new("bike_theft.json", json))?;
//! assert!(back.diagnostics.is_empty());
//! assert_eq!(back.graph, parsed.graph);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Codes: `E0701` JSON syntax error (position and fix); the schema problems are
//! the RON loader's `E01xx` (unknown field `E0102`, missing field `E0103`, wrong
//! type `E0104`, unknown kinds `E0105`/`E0106`, a field given twice `E0108`).

pub(crate) mod syntax;
pub(crate) mod write;

use crate::diag::{Diagnostic, Diagnostics, Source, Span};
use crate::load::syntax::{Kind, SyntaxError, Value, pair};
use crate::load::{Parsed, from_tree};
use crate::model::{ArgumentGraph, Cite, Edge, EdgeData, Expect, Group, Node, SourceInfo};
use write::Json;

/// What an empty file is told it should hold (`E0003`, see [`crate::diag::refuse_empty`]).
const EMPTY_HELP: &str = "a .json file holds argmap JSON (`{\"nodes\": [...]}`) or AIF (`{\"nodes\": [...], \"edges\": [...]}`); see docs/formats.md";

/// Reads argmap's JSON model with positions. `Err` holds the syntax error
/// (`E0701`) when the text is not JSON; schema problems come back inside
/// [`Parsed::diagnostics`], like [`crate::parse`]'s, and the result goes
/// through [`crate::validate`] like a RON file.
pub fn parse(src: &Source) -> Result<Parsed, Diagnostics> {
    crate::diag::refuse_empty(src, EMPTY_HELP)?;
    let mut tree = syntax::parse(src.text()).map_err(|e| syntax_error(src, *e))?;
    let mut diags = Diagnostics::default();
    if !matches!(tree.kind, Kind::Struct { .. }) {
        diags.push(
            Diagnostic::error(
                "E0104",
                format!(
                    "the top level of an argmap JSON file must be an object, found {}",
                    describe(&tree.kind)
                ),
            )
            .at(tree.span)
            .help("write `{\"conclusion\": \"h\", \"nodes\": [...], \"edges\": [...]}` (docs/formats.md)"),
        );
        return Err(diags);
    }
    to_model_tree(&mut tree, &mut diags);
    let mut parsed = from_tree(&tree);
    diags.0.append(&mut parsed.diagnostics.0);
    parsed.diagnostics = diags;
    Ok(parsed)
}

/// The `E0701` diagnostic of a JSON syntax error.
pub(crate) fn syntax_error(src: &Source, e: SyntaxError) -> Diagnostics {
    let mut d = Diagnostic::error("E0701", format!("JSON syntax error: {}", e.message)).at(e.span);
    if let Some(h) = e.help {
        d = d.help(h);
    }
    if src.text().contains('\0') {
        d = d.help("the file contains NUL bytes: it may be damaged; restore it from a backup");
    }
    Diagnostics(vec![d])
}

/// A JSON value's kind in words, for messages.
pub(crate) fn describe(k: &Kind) -> &'static str {
    match k {
        Kind::Str(_) => "a string",
        Kind::Num(_) => "a number",
        Kind::Bool(_) => "a boolean",
        Kind::Ident(_) => "null",
        Kind::List(_) => "an array",
        _ => "an object",
    }
}

/// Rewrites the JSON tree into the shape of the RON tree the loader reads: a
/// node's `kind` string becomes the identifier `Claim`, an edge object becomes
/// the struct named by its `kind`, `[low, high]` ranges become tuples.
fn to_model_tree(tree: &mut Value, diags: &mut Diagnostics) {
    let Kind::Struct { fields, .. } = &mut tree.kind else {
        return;
    };
    for f in fields.iter_mut() {
        let Kind::List(items) = &mut f.value.kind else {
            continue;
        };
        match f.name {
            "nodes" => items.iter_mut().for_each(node_tree),
            "edges" => items.retain_mut(|e| edge_tree(e, diags)),
            _ => {}
        }
    }
}

fn node_tree(v: &mut Value) {
    let Kind::Struct { fields, .. } = &mut v.kind else {
        return;
    };
    for f in fields.iter_mut() {
        match f.name {
            "kind" => ident(&mut f.value),
            "base_range" => pair(&mut f.value),
            _ => {}
        }
    }
}

/// An edge object to `Support(...)`; `false` (with a diagnostic) when it has no
/// `kind`, so the loader does not report it a second time.
fn edge_tree<'a>(v: &mut Value<'a>, diags: &mut Diagnostics) -> bool {
    let span = v.span;
    let Kind::Struct { name, fields } = &mut v.kind else {
        return true;
    };
    for f in fields.iter_mut() {
        if f.name == "weight_range" {
            pair(&mut f.value);
        }
    }
    let Some(i) = fields.iter().position(|f| f.name == "kind") else {
        diags.push(
            Diagnostic::error("E0103", "missing field `kind` in an edge")
                .at(Span::new(span.start as usize, span.start as usize + 1))
                .help("add `\"kind\": \"Support\"` (or \"Attack\", \"Undercut\")"),
        );
        return false;
    };
    let k = fields.remove(i);
    match k.value.kind {
        Kind::Str(std::borrow::Cow::Borrowed(s)) => *name = Some((s, k.value.span)),
        other => {
            diags.push(
                Diagnostic::error(
                    "E0104",
                    format!(
                        "an edge's `kind` must be a string, found {}",
                        describe(&other)
                    ),
                )
                .at(k.value.span)
                .help("write `\"kind\": \"Support\"` (or \"Attack\", \"Undercut\")"),
            );
            return false;
        }
    }
    true
}

/// A string value as the identifier the RON loader expects (`Claim`).
fn ident(v: &mut Value) {
    if let Kind::Str(std::borrow::Cow::Borrowed(s)) = v.kind {
        v.kind = Kind::Ident(s);
    }
}

/// Writes a graph as argmap's JSON model (pretty, two-space indent, ending in a
/// newline). The keys come in the order of `docs/format.md`; `groups`, `nodes`,
/// `edges` and `expect` are always present (possibly empty), optional fields
/// only when set; an edge with one premise has `"from": "a"`, a linked one
/// `"from": ["a", "b"]`. Deterministic: the same graph gives the same text.
pub fn to_json_string(g: &ArgumentGraph) -> String {
    to_json(g).pretty()
}

/// The graph as a JSON value (see [`to_json_string`]).
pub(crate) fn to_json(g: &ArgumentGraph) -> Json {
    Json::obj()
        .put("title", Json::str(g.title.as_str()))
        .opt_str("description", &g.description)
        .opt("source", g.source.as_ref().map(source))
        .put("conclusion", Json::str(g.conclusion.as_str()))
        .opt_str("semantics", &g.semantics)
        .put("groups", Json::Arr(g.groups.iter().map(group).collect()))
        .put("nodes", Json::Arr(g.nodes.iter().map(node).collect()))
        .put("edges", Json::Arr(g.edges.iter().map(edge).collect()))
        .put("expect", Json::Arr(g.expect.iter().map(expect).collect()))
        .done()
}

fn source(s: &SourceInfo) -> Json {
    Json::obj()
        .put(
            "authors",
            Json::Arr(s.authors.iter().map(|a| Json::str(a.as_str())).collect()),
        )
        .opt("year", s.year.map(|y| Json::Num(y as f64)))
        .opt_str("title", &s.title)
        .opt_str("venue", &s.venue)
        .opt_str("doi", &s.doi)
        .opt_str("url", &s.url)
        .done()
}

fn group(g: &Group) -> Json {
    Json::obj()
        .put("id", Json::str(g.id.as_str()))
        .opt_str("label", &g.label)
        .opt_str("title", &g.title)
        .opt_str("parent", &g.parent)
        .done()
}

pub(crate) fn range((lo, hi): (f64, f64)) -> Json {
    Json::Arr(vec![Json::Num(lo), Json::Num(hi)])
}

pub(crate) fn node(n: &Node) -> Json {
    Json::obj()
        .put("id", Json::str(n.id.as_str()))
        .put("kind", Json::str(n.kind.name()))
        .put("text", Json::str(n.text.as_str()))
        .opt_str("title", &n.title)
        .put("base", Json::Num(n.base))
        .opt_str("group", &n.group)
        .strs("tags", &n.tags)
        .opt("cite", n.cite.as_ref().map(cite))
        .opt_str("note", &n.note)
        .opt("base_range", n.base_range.map(range))
        .done()
}

pub(crate) fn cite(c: &Cite) -> Json {
    Json::obj()
        .put("ref", Json::str(c.reference.as_str()))
        .opt_str("via", &c.via)
        .strs("cites", &c.cites)
        .opt_str("locator", &c.locator)
        .opt_str("quote", &c.quote)
        .opt_str("url", &c.url)
        .done()
}

/// `"a"` for one premise, `["a", "b"]` for linked ones.
pub(crate) fn premises(from: &[String]) -> Json {
    match from {
        [one] => Json::str(one.as_str()),
        many => Json::Arr(many.iter().map(|s| Json::str(s.as_str())).collect()),
    }
}

/// An edge's own fields besides its ends (id, weight, scheme, question, note,
/// weight_range), as the AIF and Argdown writers carry them in extra data.
pub(crate) fn edge_data(d: &EdgeData) -> Json {
    Json::obj()
        .opt_str("id", &d.id)
        .put("weight", Json::Num(d.weight))
        .opt_str("scheme", &d.scheme)
        .opt_str("question", &d.question)
        .opt_str("note", &d.note)
        .opt("weight_range", d.weight_range.map(range))
        .done()
}

fn edge(e: &Edge) -> Json {
    let d = e.data();
    Json::obj()
        .put("kind", Json::str(e.kind().name()))
        .opt_str("id", &d.id)
        .put("from", premises(&d.from))
        .put("to", Json::str(d.to.as_str()))
        .put("weight", Json::Num(d.weight))
        .opt_str("scheme", &d.scheme)
        .opt_str("question", &d.question)
        .opt_str("note", &d.note)
        .opt("weight_range", d.weight_range.map(range))
        .done()
}

fn expect(x: &Expect) -> Json {
    Json::obj()
        .opt_str("node", &x.node)
        .opt("above", x.above.map(Json::Num))
        .opt("below", x.below.map(Json::Num))
        .strs("remove", &x.remove)
        .strs("remove_tag", &x.remove_tag)
        .strs("remove_group", &x.remove_group)
        .opt_str("semantics", &x.semantics)
        .opt_str("note", &x.note)
        .done()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Parsed {
        parse(&Source::new("t.json", text)).unwrap()
    }

    #[test]
    fn reads_every_field_and_keeps_positions() {
        let text = r#"{"title": "T", "description": "D", "source": {"authors": ["A"], "year": 2020},
  "conclusion": "h", "semantics": "df-quad",
  "groups": [{"id": "g", "label": "G", "parent": null}],
  "nodes": [
    {"id": "h", "kind": "Claim", "text": "H", "base": 0.5},
    {"id": "e", "kind": "Evidence", "text": "E", "base": 0.8, "group": "g", "tags": ["t"],
     "cite": {"ref": "R 2020", "via": "V", "cites": ["C"], "locator": "p. 1"}, "note": "n",
     "base_range": [0.6, 0.9]}
  ],
  "edges": [
    {"kind": "Support", "id": "s", "from": ["e", "h2"], "to": "h", "weight": 0.5,
     "scheme": "sign", "weight_range": [0.1, 0.9]},
    {"kind": "Undercut", "from": "e", "to": "s"}
  ],
  "expect": [{"node": "h", "above": 0.1, "remove": ["e"]}]
}"#;
        let p = read(text);
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        let g = &p.graph;
        assert_eq!(g.semantics.as_deref(), Some("df-quad"));
        assert_eq!(g.nodes[1].base_range, Some((0.6, 0.9)));
        assert_eq!(g.nodes[1].cite.as_ref().unwrap().cites, ["C"]);
        assert_eq!(g.edges[0].data().from, ["e", "h2"]);
        assert_eq!(g.edges[0].data().weight_range, Some((0.1, 0.9)));
        assert_eq!(g.edges[1].kind(), crate::EdgeKind::Undercut);
        assert_eq!(g.edges[1].data().weight, 1.0);
        let at = |s: Option<Span>| &text[s.unwrap().range()];
        assert_eq!(at(p.spans.edges[1].to), "\"s\"");
        assert_eq!(at(p.spans.nodes[1].base), "0.8");
        // Written back and read again: the same model.
        assert_eq!(read(&to_json_string(g)).graph, *g);
    }

    #[test]
    fn schema_problems_are_reported_at_their_json_position() {
        let text = "{\"conclusion\": \"h\", \"nodes\": [\n  {\"id\": \"h\", \"kind\": \"Clam\", \"txt\": \"H\", \"base\": \"0.5\"}],\n  \"edges\": [{\"from\": \"h\", \"to\": \"h\"}, {\"kind\": \"Suport\", \"from\": \"h\", \"to\": \"h\"}]}";
        let src = Source::new("t.json", text);
        let p = parse(&src).unwrap();
        assert_eq!(
            p.diagnostics.short(&src).trim(),
            "t.json:3:13: error[E0103]: missing field `kind` in an edge (help: add `\"kind\": \"Support\"` (or \"Attack\", \"Undercut\"))\n\
             t.json:2:23: error[E0105]: unknown node kind `Clam` (help: did you mean `\"Claim\"`?) (help: a node's kind is `\"Claim\"` or `\"Evidence\"`)\n\
             t.json:2:3: error[E0103]: missing field `text` in a node (help: add `\"text\": \"the statement\"`)\n\
             t.json:2:51: error[E0104]: `base` must be a number, found the string \"0.5\" (help: remove the quotes: `0.5`)\n\
             t.json:2:31: error[E0102]: unknown field `txt` in a node (help: did you mean `text`?) (help: a node has the fields: id, kind, base, base_range, group, tags, text, title, cite, note)\n\
             t.json:3:48: error[E0106]: unknown edge kind `Suport` (help: did you mean `\"Support\"`?) (help: an edge is `{\"kind\": \"Support\", \"from\": ..., \"to\": ...}`, `{\"kind\": \"Attack\", \"from\": ..., \"to\": ...}` or `{\"kind\": \"Undercut\", \"from\": ..., \"to\": EDGE_ID}`)"
        );
    }

    #[test]
    fn schema_fixes_are_written_in_json() {
        let text = r#"{"conclusion": "h", "nodes": [{"id": "h", "kind": "Claim", "text": "H", "base": "x",
            "cite": "a", "base_range": [0.1]}], "edges": [], "source": 3}"#;
        let src = Source::new("t.json", text);
        let short = parse(&src).unwrap().diagnostics.short(&src);
        for want in [
            "`base` must be a number, found a string (help: write it like `\"base\": 0.5`)",
            "`cite` must be an object `{...}`, found a string (help: write it like `{\"ref\": \"Author 2020\", \"locator\": \"p. 3\"}`)",
            "must be a pair of numbers `[low, high]`, found an array `[...]` (help: write it like `[0.6, 0.9]`)",
            "(help: write it like `{\"authors\": [\"A. Author\"], \"year\": 2023, \"title\": \"...\"}`)",
        ] {
            assert!(short.contains(want), "{want}\nin\n{short}");
        }
        assert!(
            !short.contains("Cite(") && !short.contains("(0.6"),
            "{short}"
        );
    }

    #[test]
    fn a_syntax_error_has_line_column_and_fix() {
        let src = Source::new("t.json", "{\"conclusion\": \"h\",\n \"nodes\": [],\n}");
        let d = parse(&src).unwrap_err();
        assert_eq!(
            d.short(&src).trim(),
            "t.json:2:13: error[E0701]: JSON syntax error: trailing comma before `}` (help: remove the comma: JSON allows none after the last item)"
        );
        let src = Source::new("t.json", "[1]");
        assert_eq!(parse(&src).unwrap_err().codes(), ["E0104"]);
    }
}
