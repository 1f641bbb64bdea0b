//! Stage 1: text to model. Reads RON into [`Parsed`]: the [`ArgumentGraph`] and
//! the position of everything a later diagnostic may point at.
//!
//! Codes `E01xx`. Syntax errors stop the parse (there is no tree to continue
//! with); every schema problem after that (unknown or missing fields, wrong
//! types, unknown kinds) is collected, and the model is still built with
//! placeholders, so [`crate::validate`] can report its own problems in the same run.

pub(crate) mod hash;
pub(crate) mod syntax;

use crate::diag::{Diagnostic, Diagnostics, Source, Span, suggest};
use crate::model::*;
use syntax::{Field, Kind, Sink, Stream, Value};

/// Positions of a node's parts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NodeSpans {
    /// The whole `Node(...)`.
    pub whole: Span,
    /// The id's value (`None` if the id is missing or not a string).
    pub id: Option<Span>,
    /// The kind's value.
    pub kind: Option<Span>,
    /// The base's value.
    pub base: Option<Span>,
    /// The group's value.
    pub group: Option<Span>,
    /// The positions in its `cite`, if it has one.
    pub cite: Option<CiteSpans>,
    /// The `base_range` value.
    pub base_range: Option<Span>,
}

/// Positions of a citation's parts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CiteSpans {
    /// The whole `cite: (...)` value.
    pub whole: Span,
    /// The `ref` value.
    pub reference: Option<Span>,
    /// The `via` value.
    pub via: Option<Span>,
    /// Each entry of `cites`, in order.
    pub cites: Vec<Span>,
}

/// Positions of an edge's parts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EdgeSpans {
    /// The whole `Support(...)`.
    pub whole: Span,
    /// The `from` value (a string, or the whole list).
    pub from: Option<Span>,
    /// Each premise when `from` is a list (empty when it is a string: the
    /// one premise is then at `from`).
    pub premises: Vec<Span>,
    /// The `id` value.
    pub id: Option<Span>,
    /// The `to` value.
    pub to: Option<Span>,
    /// The `weight` value.
    pub weight: Option<Span>,
    /// The `weight_range` value.
    pub weight_range: Option<Span>,
    /// The `scheme` value.
    pub scheme: Option<Span>,
    /// The `question` value.
    pub question: Option<Span>,
}

impl EdgeSpans {
    /// The position of premise `k` (the `from` value when there is one premise
    /// written as a string).
    pub fn premise(&self, k: usize) -> Option<Span> {
        self.premises.get(k).copied().or(self.from)
    }
}

/// Positions of a group's parts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GroupSpans {
    /// The whole `Group(...)`.
    pub whole: Span,
    /// The id's value.
    pub id: Option<Span>,
    /// The parent's value.
    pub parent: Option<Span>,
}

/// Positions of an expectation's parts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExpectSpans {
    /// The whole `Expect(...)`.
    pub whole: Span,
    /// The node's value.
    pub node: Option<Span>,
    /// Each id in `remove`.
    pub remove: Vec<Span>,
    /// The semantics' value.
    pub semantics: Option<Span>,
}

/// Where each part of a graph stands in its file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Spans {
    /// The whole top-level value.
    pub whole: Span,
    /// The `conclusion` value.
    pub conclusion: Option<Span>,
    /// The `semantics` value.
    pub semantics: Option<Span>,
    /// The `nodes` list.
    pub nodes_list: Option<Span>,
    /// One per node, in file order.
    pub nodes: Vec<NodeSpans>,
    /// One per edge, in file order.
    pub edges: Vec<EdgeSpans>,
    /// One per group, in file order.
    pub groups: Vec<GroupSpans>,
    /// One per expectation.
    pub expect: Vec<ExpectSpans>,
}

/// A parsed file: the model, its positions, and the schema problems found.
#[derive(Clone, Debug)]
pub struct Parsed {
    /// The graph as written (placeholders where a field was missing or wrong).
    pub graph: ArgumentGraph,
    /// Positions of its parts.
    pub spans: Spans,
    /// Problems found while reading (errors `E01xx`).
    pub diagnostics: Diagnostics,
}

/// What an empty file is told it should hold (`E0003`, see [`crate::diag::refuse_empty`]).
const EMPTY_HELP: &str =
    "an argument file starts with `ArgumentGraph(` and lists `nodes`; see docs/format.md";

/// Reads an argument file. `Err` holds the syntax error when the text is not
/// RON; schema problems come back inside [`Parsed::diagnostics`].
pub fn parse(src: &Source) -> Result<Parsed, Diagnostics> {
    crate::diag::refuse_empty(src, EMPTY_HELP)?;
    let mut cx = Cx::default();
    // The items of `nodes` and `edges` become model nodes and edges as soon as
    // each is parsed (see `Sink for Cx`); the tree holds the rest.
    let tree = match syntax::parse_streaming(src.text(), &mut cx) {
        Ok(t) => t,
        Err(e) => return Err(Diagnostics(vec![syntax_diagnostic(src, *e)])),
    };
    let mut graph = cx.graph(&tree);
    // The lists grew by doubling: give back the unused tail before validation
    // and building allocate (large blocks shrink in place, without a copy).
    graph.nodes.shrink_to_fit();
    graph.edges.shrink_to_fit();
    cx.spans.nodes.shrink_to_fit();
    cx.spans.edges.shrink_to_fit();
    Ok(Parsed {
        graph,
        spans: cx.spans,
        diagnostics: cx.diags,
    })
}

/// Reads the model from a positioned tree that another reader built (the JSON
/// reader of [`crate::formats::json`] builds the same tree from JSON): the same
/// schema checks, fields and positions as a RON file.
///
/// Those readers read JSON (or, for Argdown's data, YAML's flow syntax, of
/// which JSON is a part), so the examples in the diagnostics' messages and
/// fixes are written in JSON (`"base": 0.5`, `{"ref": "..."}`, `[0.6, 0.9]`),
/// not in RON.
pub(crate) fn from_tree(tree: &Value) -> Parsed {
    let mut cx = Cx::default();
    let graph = cx.graph(tree);
    for d in &mut cx.diags.0 {
        d.message = json_flavour(&d.message);
        for h in &mut d.help {
            *h = json_flavour(h);
        }
    }
    Parsed {
        graph,
        spans: cx.spans,
        diagnostics: cx.diags,
    }
}

/// A RON-worded diagnostic text in JSON's words: "a struct" is "an object",
/// "a list" or "a tuple" "an array", and each `code` span is translated by
/// [`ron_snippet_as_json`].
fn json_flavour(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for (i, part) in text.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 1 {
            out.push_str(&ron_snippet_as_json(part));
        } else {
            out.push_str(
                &part
                    .replace("a struct", "an object")
                    .replace("a tuple", "an array")
                    .replace("a list", "an array")
                    .replace("a map", "an object"),
            );
        }
    }
    out
}

/// A RON snippet from a diagnostic (`base: 0.5`, `(ref: "A", locator: "p")`,
/// `(0.6, 0.9)`, `Support(from: ..., to: ...)`, `Claim`) as JSON (`"base":
/// 0.5`, `{"ref": "A", "locator": "p"}`, `[0.6, 0.9]`, `{"kind": "Support",
/// "from": ..., "to": ...}`, `"Claim"`). A plain word (a field name) stays.
fn ron_snippet_as_json(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let word = |c: char| c.is_alphanumeric() || c == '_';
    // A lone word (a field's name, `None`) is left as it is, but a kind is a
    // string in JSON.
    if chars.iter().all(|&c| word(c)) {
        return match s {
            "Claim" | "Evidence" | "Support" | "Attack" | "Undercut" => format!("\"{s}\""),
            _ => s.to_string(),
        };
    }
    let mut out = String::new();
    // For each open paren: the closing bracket it becomes.
    let mut closers: Vec<char> = vec![];
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '"' {
            // A string: as it is.
            let end = (i + 1..chars.len())
                .find(|&k| chars[k] == '"' && chars[k - 1] != '\\')
                .unwrap_or(chars.len() - 1);
            out.extend(&chars[i..=end]);
            i = end + 1;
            continue;
        }
        if word(c) && (i == 0 || !word(chars[i - 1])) {
            let end = (i..chars.len())
                .find(|&k| !word(chars[k]))
                .unwrap_or(chars.len());
            let name: String = chars[i..end].iter().collect();
            let next = chars.get(end).copied();
            if next == Some('(') {
                // `Name(...)`: an object, the edge kinds with their `kind`.
                let inner_empty =
                    chars.get(end + 1) == Some(&'.') || chars.get(end + 1) == Some(&')');
                out.push('{');
                if matches!(name.as_str(), "Support" | "Attack" | "Undercut") {
                    out.push_str(&format!("\"kind\": \"{name}\""));
                    if !inner_empty || chars.get(end + 1) == Some(&'.') {
                        out.push_str(", ");
                    }
                }
                closers.push('}');
                i = end + 1;
                continue;
            }
            if next == Some(':') || matches!(name.as_str(), "Claim" | "Evidence") {
                out.push_str(&format!("\"{name}\""));
            } else {
                out.push_str(&name);
            }
            i = end;
            continue;
        }
        match c {
            '(' => {
                // A struct when a `name:` follows, else a tuple.
                let mut k = i + 1;
                while k < chars.len() && chars[k] == ' ' {
                    k += 1;
                }
                let key_end = (k..chars.len())
                    .find(|&j| !word(chars[j]))
                    .unwrap_or(chars.len());
                let is_struct = key_end > k && chars.get(key_end) == Some(&':');
                out.push(if is_struct { '{' } else { '[' });
                closers.push(if is_struct { '}' } else { ']' });
            }
            ')' => out.push(closers.pop().unwrap_or(')')),
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// A syntax error, at the position and with the message `ron` gives for it when
/// `ron` agrees that the text is not RON (it always should), else our own.
fn syntax_diagnostic(src: &Source, e: syntax::SyntaxError) -> Diagnostic {
    let mut d = Diagnostic::error("E0101", format!("syntax error: {}", e.message)).at(e.span);
    if let Err(re) = ron::Options::default().from_str::<ron::Value>(src.text()) {
        let at = src.offset_of(re.span.start.line, re.span.start.col);
        let ron_says = re.code.to_string();
        // Prefer ron's position when it points at the same line; ron's own
        // wording goes in a note, ours (which says how to fix it) leads.
        let same_line = src.lines().line_of(at) == src.lines().line_of(e.span.start);
        // ron's advice on its recursion limit and raw identifiers is for
        // programmers, not for users.
        let for_users =
            !ron_says.contains("recursion_limit") && !ron_says.contains("raw identifier");
        if same_line && !ron_says.is_empty() && for_users {
            d = d.help(format!(
                "ron reports: {ron_says} at {}:{}",
                re.span.start.line, re.span.start.col
            ));
        }
    }
    if let Some(h) = e.help {
        d = d.help(h);
    }
    // NUL bytes: what a crash or a full disk leaves at the end of a file.
    if let Some(at) = src.text().find('\0') {
        let (line, col) = src.line_col(at as u32);
        d = d.help(format!(
            "the file contains NUL bytes from line {line}, column {col}: it may be damaged \
             (cut off by a crash or a full disk); restore it from a backup"
        ));
    }
    d
}

#[derive(Default)]
struct Cx {
    diags: Diagnostics,
    spans: Spans,
    /// The nodes and edges streamed from the file, with the diagnostics about
    /// them; [`Cx::graph`] takes them in at the point where it handles `nodes`
    /// and `edges`, so the diagnostics come out in the same order as when the
    /// whole tree was read first.
    nodes: Vec<Node>,
    node_diags: Diagnostics,
    edges: Vec<Edge>,
    edge_diags: Diagnostics,
}

impl<'a> Sink<'a> for Cx {
    fn item(&mut self, list: Stream, v: &Value<'a>) {
        match list {
            Stream::Nodes => {
                std::mem::swap(&mut self.diags, &mut self.node_diags);
                let (node, spans) = self.node(v);
                std::mem::swap(&mut self.diags, &mut self.node_diags);
                self.nodes.push(node);
                self.spans.nodes.push(spans);
            }
            Stream::Edges => {
                std::mem::swap(&mut self.diags, &mut self.edge_diags);
                let edge = self.edge(v);
                std::mem::swap(&mut self.diags, &mut self.edge_diags);
                if let Some((edge, spans)) = edge {
                    self.edges.push(edge);
                    self.spans.edges.push(spans);
                }
            }
        }
    }
}

/// Which fields of a struct were handed out: a bit set, on the heap only for
/// structs with more than 64 fields.
enum Used {
    Bits(u64),
    Many(Vec<bool>),
}

impl Used {
    fn new(n: usize) -> Used {
        if n <= 64 {
            Used::Bits(0)
        } else {
            Used::Many(vec![false; n])
        }
    }

    fn set(&mut self, i: usize) {
        match self {
            Used::Bits(b) => *b |= 1 << i,
            Used::Many(v) => v[i] = true,
        }
    }

    fn get(&self, i: usize) -> bool {
        match self {
            Used::Bits(b) => b & (1 << i) != 0,
            Used::Many(v) => v[i],
        }
    }
}

/// The fields of one struct, handed out by name; what is left over is unknown.
struct Fields<'a> {
    what: &'static str,
    span: Span,
    fields: &'a [Field<'a>],
    used: Used,
}

impl<'a> Fields<'a> {
    fn new(what: &'static str, span: Span, fields: &'a [Field<'a>]) -> Fields<'a> {
        Fields {
            what,
            span,
            fields,
            used: Used::new(fields.len()),
        }
    }

    fn get(&mut self, name: &str) -> Option<&'a Field<'a>> {
        let i = self.fields.iter().position(|f| f.name == name)?;
        self.used.set(i);
        Some(&self.fields[i])
    }

    /// Where field `i`'s name was first given, if an earlier field has it.
    /// A plain scan for the usual few fields; `map` (built on first use) for
    /// structs with very many, so those are still checked in linear time.
    fn first_at(&self, i: usize, map: &mut Option<hash::FastMap<&'a str, Span>>) -> Option<Span> {
        const SCAN: usize = 16;
        let f = &self.fields[i];
        if self.fields.len() <= SCAN {
            return self.fields[..i]
                .iter()
                .find(|g| g.name == f.name)
                .map(|g| g.name_span);
        }
        let map = map.get_or_insert_with(Default::default);
        match map.get(f.name) {
            Some(&s) => Some(s),
            None => {
                map.insert(f.name, f.name_span);
                None
            }
        }
    }

    /// Reports unknown and repeated fields.
    fn finish(self, cx: &mut Cx, allowed: &[&str]) {
        let mut map = None;
        for (i, f) in self.fields.iter().enumerate() {
            if let Some(first) = self.first_at(i, &mut map) {
                let first = Some(first);
                let mut d = Diagnostic::error(
                    "E0108",
                    format!("field `{}` is given twice in {}", f.name, self.what),
                )
                .at(f.name_span)
                .help("keep one of them");
                if let Some(s) = first {
                    d = d.label(s, "first given here");
                }
                cx.diags.push(d);
                continue;
            }
            if !self.used.get(i) && !allowed.contains(&f.name) {
                let mut d = Diagnostic::error(
                    "E0102",
                    format!("unknown field `{}` in {}", f.name, self.what),
                )
                .at(f.name_span);
                let here = suggest(f.name, allowed.iter().copied())
                    .or_else(|| same_stem(f.name, allowed.iter().copied()));
                if let Some(s) = here {
                    d = d.help(format!("did you mean `{s}`?"));
                } else if let Some((owner, s)) = elsewhere_in_schema(f.name, allowed) {
                    d = d.help(format!("`{s}` is a field of {owner}, not of {}", self.what));
                }
                d = d.help(format!(
                    "{} has the fields: {}",
                    self.what,
                    allowed.join(", ")
                ));
                cx.diags.push(d);
            }
        }
    }
}

/// A field name that shares its stem with `word` (a common start of at least 3
/// characters covering most of the shorter name): `citation` for `cite`,
/// `desc` for `description`, which an edit distance finds too far apart.
fn same_stem<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let w = word.to_ascii_lowercase();
    candidates.into_iter().find(|c| {
        let common = w.bytes().zip(c.bytes()).take_while(|(a, b)| a == b).count();
        let shorter = w.len().min(c.len());
        common >= 3 && common * 5 >= shorter * 3
    })
}

/// Every struct of the schema with its fields, for suggestions across structs.
const SCHEMA: &[(&str, &[&str])] = &[
    ("the argument graph", GRAPH_FIELDS),
    ("`source`", SOURCE_FIELDS),
    ("a group", GROUP_FIELDS),
    ("a node", NODE_FIELDS),
    ("`cite`", CITE_FIELDS),
    ("an edge (`Support`, `Attack`, `Undercut`)", EDGE_FIELDS),
    ("an expectation", EXPECT_FIELDS),
];

/// A field of another struct of the schema that `word` names or nearly names
/// (`weight` in a node: a field of edges; `citation`: `cite`, of a node), with
/// that struct's description. `allowed` (the struct at hand) is skipped.
fn elsewhere_in_schema(word: &str, allowed: &[&str]) -> Option<(&'static str, &'static str)> {
    let others = || {
        SCHEMA
            .iter()
            .filter(|(_, fields)| !std::ptr::eq(*fields, allowed))
    };
    others()
        .find_map(|(owner, fields)| {
            fields
                .contains(&word)
                .then(|| (*owner, fields_of(fields, word)))
        })
        .or_else(|| {
            others().find_map(|(owner, fields)| {
                let near = suggest(word, fields.iter().copied())
                    .or_else(|| same_stem(word, fields.iter().copied()))?;
                Some((*owner, fields_of(fields, near)))
            })
        })
}

/// `word` as the `'static` entry of `fields` (it is one of them).
fn fields_of(fields: &'static [&'static str], word: &str) -> &'static str {
    fields.iter().copied().find(|f| *f == word).unwrap_or("")
}

use crate::model::fields::{
    CITE as CITE_FIELDS, EDGE as EDGE_FIELDS, EXPECT as EXPECT_FIELDS, GRAPH as GRAPH_FIELDS,
    GROUP as GROUP_FIELDS, NODE as NODE_FIELDS, SOURCE as SOURCE_FIELDS,
};

/// Removes an explicit `Some(...)` around an optional value.
fn unwrap_some<'v, 'a>(v: &'v Value<'a>) -> &'v Value<'a> {
    match &v.kind {
        Kind::Tuple {
            name: Some((n, _)),
            items,
        } if *n == "Some" && items.len() == 1 => &items[0],
        _ => v,
    }
}

fn is_none(v: &Value) -> bool {
    matches!(&v.kind, Kind::Ident(i) if *i == "None")
}

impl Cx {
    fn type_error(&mut self, v: &Value, what: &str, expected: &str, example: &str) {
        self.diags.push(
            Diagnostic::error(
                "E0104",
                format!("{what} must be {expected}, found {}", v.kind.describe()),
            )
            .at(v.span)
            .help(format!("write it like {example}")),
        );
    }

    /// Opens a struct value named `expect_name` (the name may be left out).
    fn fields<'a>(
        &mut self,
        v: &'a Value<'a>,
        what: &'static str,
        names: &[&str],
        example: &str,
    ) -> Option<Fields<'a>> {
        match &v.kind {
            Kind::Struct { name, fields } => {
                if let Some((n, span)) = name
                    && !names.contains(n)
                {
                    let mut d =
                        Diagnostic::error("E0107", format!("expected {what}, found `{n}(...)`"))
                            .at(*span);
                    if let Some(s) = suggest(n, names.iter().copied()) {
                        d = d.help(format!("did you mean `{s}`?"));
                    } else {
                        d = d.help(format!("write it like {example}"));
                    }
                    self.diags.push(d);
                }
                Some(Fields::new(what, v.span, fields))
            }
            // `()` or `Name()` is an empty struct.
            Kind::Tuple { items, .. } if items.is_empty() => Some(Fields::new(what, v.span, &[])),
            _ => {
                self.type_error(
                    v,
                    what,
                    &format!("a struct `{}(...)`", names.first().copied().unwrap_or("")),
                    example,
                );
                None
            }
        }
    }

    fn missing(&mut self, f: &Fields, field: &str, example: &str) {
        self.diags.push(
            Diagnostic::error("E0103", format!("missing field `{field}` in {}", f.what))
                .at(Span::new(
                    f.span.start as usize,
                    (f.span.start + 1) as usize,
                ))
                .help(format!("add `{field}: {example}`")),
        );
    }

    fn string(&mut self, v: &Value, what: &str) -> Option<String> {
        let v = unwrap_some(v);
        match &v.kind {
            Kind::Str(s) => Some(String::from(s.as_ref())),
            _ => {
                self.type_error(v, what, "a string", "\"text\"");
                None
            }
        }
    }

    fn opt_string(&mut self, f: &mut Fields, name: &str) -> Option<String> {
        let field = f.get(name)?;
        if is_none(&field.value) {
            return None;
        }
        self.string(&field.value, &format!("`{name}`"))
    }

    fn number(&mut self, v: &Value, what: &str, example: &str) -> Option<f64> {
        let v = unwrap_some(v);
        match &v.kind {
            Kind::Num(x) => Some(*x),
            Kind::Str(s) if s.trim().parse::<f64>().is_ok() => {
                self.diags.push(
                    Diagnostic::error(
                        "E0104",
                        format!("{what} must be a number, found the string \"{s}\""),
                    )
                    .at(v.span)
                    .help(format!("remove the quotes: `{}`", s.trim())),
                );
                None
            }
            _ => {
                self.type_error(v, what, "a number", example);
                None
            }
        }
    }

    /// A `(low, high)` pair of numbers (`None`, or `Some((..))`, reads as absent).
    fn range(&mut self, v: &Value, what: &str) -> Option<(f64, f64)> {
        if is_none(v) {
            return None;
        }
        let v = unwrap_some(v);
        match &v.kind {
            Kind::Tuple { name: None, items } if items.len() == 2 => {
                let lo = self.number(&items[0], what, "`(0.6, 0.9)`");
                let hi = self.number(&items[1], what, "`(0.6, 0.9)`");
                Some((lo?, hi?))
            }
            _ => {
                self.type_error(v, what, "a pair of numbers `(low, high)`", "`(0.6, 0.9)`");
                None
            }
        }
    }

    fn string_list(&mut self, v: &Value, what: &str) -> Vec<(String, Span)> {
        let v = unwrap_some(v);
        match &v.kind {
            Kind::List(items) => items
                .iter()
                .filter_map(|i| self.string(i, what).map(|s| (s, i.span)))
                .collect(),
            Kind::Str(s) => {
                self.diags.push(
                    Diagnostic::error(
                        "E0104",
                        format!("{what} must be a list of strings, found a string"),
                    )
                    .at(v.span)
                    .help(format!("put it in brackets: `[\"{s}\"]`")),
                );
                vec![]
            }
            _ => {
                self.type_error(v, what, "a list of strings", "[\"a\", \"b\"]");
                vec![]
            }
        }
    }

    fn list<'v, 'a>(&mut self, v: &'v Value<'a>, what: &str, example: &str) -> &'v [Value<'a>] {
        match &v.kind {
            Kind::List(items) => items,
            _ => {
                self.type_error(v, what, "a list `[...]`", example);
                &[]
            }
        }
    }

    fn graph(&mut self, v: &Value) -> ArgumentGraph {
        self.spans.whole = v.span;
        let mut g = ArgumentGraph::default();
        let Some(mut f) = self.fields(
            v,
            "the argument graph",
            &["ArgumentGraph"],
            "`ArgumentGraph(title: ..., conclusion: ..., nodes: [...], edges: [...])`",
        ) else {
            if let (Kind::Map(_), Some(d)) = (&v.kind, self.diags.0.last_mut()) {
                d.help.push(
                    "this looks like JSON: argmap files are RON, with unquoted field names and \
                     named structs, e.g. `Node(id: \"h\", ...)`; see docs/format.md"
                        .into(),
                );
            }
            return g;
        };
        g.title = self.opt_string(&mut f, "title").unwrap_or_default();
        g.description = self.opt_string(&mut f, "description");
        if let Some(s) = f.get("source") {
            g.source = self.source(&s.value);
        }
        match f.get("conclusion") {
            Some(c) => {
                self.spans.conclusion = Some(unwrap_some(&c.value).span);
                g.conclusion = self.string(&c.value, "`conclusion`").unwrap_or_default();
            }
            None => self.missing(&f, "conclusion", "\"id_of_the_main_claim\""),
        }
        if let Some(s) = f.get("semantics")
            && !is_none(&s.value)
        {
            self.spans.semantics = Some(unwrap_some(&s.value).span);
            g.semantics = self.string(&s.value, "`semantics`");
        }
        if let Some(gs) = f.get("groups") {
            for item in self.list(
                &gs.value,
                "`groups`",
                "`[Group(id: \"g\", label: \"...\")]`",
            ) {
                let (grp, spans) = self.group(item);
                g.groups.push(grp);
                self.spans.groups.push(spans);
            }
        }
        match f.get("nodes") {
            Some(ns) => {
                self.spans.nodes_list = Some(ns.value.span);
                // Streamed (then the list in the tree is empty), or not.
                g.nodes = std::mem::take(&mut self.nodes);
                let streamed = std::mem::take(&mut self.node_diags);
                self.diags.0.extend(streamed.0);
                for item in self.list(
                    &ns.value,
                    "`nodes`",
                    "`[Node(id: \"a\", kind: Claim, text: \"...\", base: 0.5)]`",
                ) {
                    let (node, spans) = self.node(item);
                    g.nodes.push(node);
                    self.spans.nodes.push(spans);
                }
            }
            None => self.missing(
                &f,
                "nodes",
                "[Node(id: \"h\", kind: Claim, text: \"...\", base: 0.5)]",
            ),
        }
        if let Some(es) = f.get("edges") {
            g.edges = std::mem::take(&mut self.edges);
            let streamed = std::mem::take(&mut self.edge_diags);
            self.diags.0.extend(streamed.0);
            for item in self.list(&es.value, "`edges`", "`[Support(from: \"e1\", to: \"h\")]`") {
                if let Some((edge, spans)) = self.edge(item) {
                    g.edges.push(edge);
                    self.spans.edges.push(spans);
                }
            }
        }
        if let Some(xs) = f.get("expect") {
            for item in self.list(&xs.value, "`expect`", "`[Expect(node: \"h\", above: 0.5)]`") {
                let (x, spans) = self.expect(item);
                g.expect.push(x);
                self.spans.expect.push(spans);
            }
        }
        f.finish(self, GRAPH_FIELDS);
        g
    }

    fn source(&mut self, v: &Value) -> Option<SourceInfo> {
        let v = unwrap_some(v);
        let mut f = self.fields(
            v,
            "`source`",
            &["Source", "SourceInfo"],
            "`(authors: [\"A. Author\"], year: 2023, title: \"...\")`",
        )?;
        let mut s = SourceInfo::default();
        if let Some(a) = f.get("authors") {
            s.authors = self
                .string_list(&a.value, "`authors`")
                .into_iter()
                .map(|x| x.0)
                .collect();
        }
        if let Some(y) = f.get("year")
            && let Some(x) = self.number(&y.value, "`year`", "`year: 2023`")
        {
            if x.fract() == 0.0 && x.is_finite() {
                s.year = Some(x as i64);
            } else {
                self.type_error(&y.value, "`year`", "a whole number", "`year: 2023`");
            }
        }
        s.title = self.opt_string(&mut f, "title");
        s.venue = self.opt_string(&mut f, "venue");
        s.doi = self.opt_string(&mut f, "doi");
        s.url = self.opt_string(&mut f, "url");
        f.finish(self, SOURCE_FIELDS);
        Some(s)
    }

    fn group(&mut self, v: &Value) -> (Group, GroupSpans) {
        let mut spans = GroupSpans {
            whole: v.span,
            ..Default::default()
        };
        let mut g = Group::default();
        let Some(mut f) = self.fields(
            v,
            "a group",
            &["Group"],
            "`Group(id: \"g\", label: \"...\")`",
        ) else {
            return (g, spans);
        };
        match f.get("id") {
            Some(id) => {
                if let Some(s) = self.string(&id.value, "a group's `id`") {
                    spans.id = Some(unwrap_some(&id.value).span);
                    g.id = s;
                }
            }
            None => self.missing(&f, "id", "\"group_id\""),
        }
        g.label = self.opt_string(&mut f, "label");
        g.title = self.opt_string(&mut f, "title");
        if let Some(p) = f.get("parent")
            && !is_none(&p.value)
            && let Some(s) = self.string(&p.value, "`parent`")
        {
            spans.parent = Some(unwrap_some(&p.value).span);
            g.parent = Some(s);
        }
        f.finish(self, GROUP_FIELDS);
        (g, spans)
    }

    fn node(&mut self, v: &Value) -> (Node, NodeSpans) {
        let mut spans = NodeSpans {
            whole: v.span,
            ..Default::default()
        };
        let mut n = Node {
            base: 0.5,
            ..Default::default()
        };
        let example = "`Node(id: \"a\", kind: Claim, text: \"...\", base: 0.5)`";
        let Some(mut f) = self.fields(v, "a node", &["Node"], example) else {
            return (n, spans);
        };
        match f.get("id") {
            Some(id) => {
                if let Some(s) = self.string(&id.value, "a node's `id`") {
                    spans.id = Some(unwrap_some(&id.value).span);
                    n.id = s;
                }
            }
            None => self.missing(&f, "id", "\"a\""),
        }
        match f.get("kind") {
            Some(k) => {
                let kv = unwrap_some(&k.value);
                spans.kind = Some(kv.span);
                let names = NodeKind::ALL.map(NodeKind::name);
                let found = match &kv.kind {
                    Kind::Ident(i) => Some(*i),
                    Kind::Str(s) => Some(s.as_ref()),
                    _ => None,
                };
                match found {
                    Some("Claim") if matches!(kv.kind, Kind::Ident(_)) => n.kind = NodeKind::Claim,
                    Some("Evidence") if matches!(kv.kind, Kind::Ident(_)) => {
                        n.kind = NodeKind::Evidence
                    }
                    Some(other) => {
                        let quoted = matches!(kv.kind, Kind::Str(_));
                        let mut d = Diagnostic::error(
                            "E0105",
                            if quoted {
                                format!("node kind is written without quotes, found \"{other}\"")
                            } else {
                                format!("unknown node kind `{other}`")
                            },
                        )
                        .at(kv.span);
                        if let Some(s) = suggest(other, names) {
                            d = d.help(format!("did you mean `{s}`?"));
                        }
                        d = d.help("a node's kind is `Claim` or `Evidence`");
                        self.diags.push(d);
                    }
                    None => self.type_error(
                        kv,
                        "a node's `kind`",
                        "`Claim` or `Evidence`",
                        "`kind: Claim`",
                    ),
                }
            }
            None => self.missing(&f, "kind", "Claim"),
        }
        match f.get("text") {
            Some(t) => n.text = self.string(&t.value, "a node's `text`").unwrap_or_default(),
            None => self.missing(&f, "text", "\"the statement\""),
        }
        match f.get("base") {
            Some(b) => {
                spans.base = Some(unwrap_some(&b.value).span);
                if let Some(x) = self.number(&b.value, "`base`", "`base: 0.5`") {
                    n.base = x;
                }
            }
            None => self.missing(&f, "base", "0.5"),
        }
        if let Some(g) = f.get("group")
            && !is_none(&g.value)
            && let Some(s) = self.string(&g.value, "a node's `group`")
        {
            spans.group = Some(unwrap_some(&g.value).span);
            n.group = Some(s);
        }
        if let Some(t) = f.get("tags") {
            n.tags = self
                .string_list(&t.value, "`tags`")
                .into_iter()
                .map(|x| x.0)
                .collect();
        }
        if let Some(c) = f.get("cite")
            && !is_none(&c.value)
            && let Some((cite, cs)) = self.cite(&c.value)
        {
            n.cite = Some(cite);
            spans.cite = Some(cs);
        }
        n.title = self.opt_string(&mut f, "title");
        n.note = self.opt_string(&mut f, "note");
        if let Some(r) = f.get("base_range") {
            spans.base_range = Some(unwrap_some(&r.value).span);
            n.base_range = self.range(&r.value, "`base_range`");
        }
        f.finish(self, NODE_FIELDS);
        (n, spans)
    }

    fn cite(&mut self, v: &Value) -> Option<(Cite, CiteSpans)> {
        let v = unwrap_some(v);
        let mut spans = CiteSpans {
            whole: v.span,
            ..Default::default()
        };
        let mut f = self.fields(
            v,
            "`cite`",
            &["Cite"],
            "`(ref: \"Author 2020\", locator: \"p. 3\")`",
        )?;
        let mut c = Cite::default();
        match f.get("ref") {
            Some(r) => {
                spans.reference = Some(unwrap_some(&r.value).span);
                c.reference = self.string(&r.value, "`ref`").unwrap_or_default()
            }
            None => self.missing(&f, "ref", "\"Author 2020\""),
        }
        if let Some(via) = f.get("via")
            && !is_none(&via.value)
        {
            spans.via = Some(unwrap_some(&via.value).span);
            c.via = self.string(&via.value, "`via`");
        }
        if let Some(cites) = f.get("cites") {
            let list = self.string_list(&cites.value, "`cites`");
            spans.cites = list.iter().map(|x| x.1).collect();
            c.cites = list.into_iter().map(|x| x.0).collect();
        }
        c.locator = self.opt_string(&mut f, "locator");
        c.quote = self.opt_string(&mut f, "quote");
        c.url = self.opt_string(&mut f, "url");
        f.finish(self, CITE_FIELDS);
        Some((c, spans))
    }

    fn edge(&mut self, v: &Value) -> Option<(Edge, EdgeSpans)> {
        let mut spans = EdgeSpans {
            whole: v.span,
            ..Default::default()
        };
        let example = "`Support(from: \"e1\", to: \"h\", weight: 0.8)`, `Attack(from: [\"e2\", \"e3\"], to: \"h\")` or `Undercut(from: \"e4\", to: \"EDGE_ID\")`";
        let (name, fields) = match &v.kind {
            Kind::Struct {
                name: Some((n, s)),
                fields,
            } => ((*n, *s), fields),
            _ => {
                self.type_error(
                    v,
                    "an edge",
                    "`Support(...)`, `Attack(...)` or `Undercut(...)`",
                    example,
                );
                return None;
            }
        };
        let kind = match name.0 {
            "Support" => Some(EdgeKind::Support),
            "Attack" => Some(EdgeKind::Attack),
            "Undercut" => Some(EdgeKind::Undercut),
            other => {
                let mut d =
                    Diagnostic::error("E0106", format!("unknown edge kind `{other}`")).at(name.1);
                if let Some(s) = suggest(other, EdgeKind::ALL.iter().map(|k| k.name())) {
                    d = d.help(format!("did you mean `{s}`?"));
                }
                d = d.help(
                    "an edge is `Support(from: ..., to: ...)`, `Attack(from: ..., to: ...)` or `Undercut(from: ..., to: EDGE_ID)`",
                );
                self.diags.push(d);
                None
            }
        };
        let mut f = Fields::new("an edge", v.span, fields);
        let mut data = EdgeData::default();
        match f.get("from") {
            Some(x) => {
                let value = unwrap_some(&x.value);
                if let Kind::List(_) = &value.kind {
                    let premises = self.string_list(value, "a premise in `from`");
                    spans.from = Some(value.span);
                    spans.premises = premises.iter().map(|p| p.1).collect();
                    data.from = premises.into_iter().map(|p| p.0).collect();
                } else if let Some(s) = self.string(&x.value, "an edge's `from`") {
                    spans.from = Some(value.span);
                    data.from = vec![s];
                }
            }
            None => self.missing(&f, "from", "\"node_id\""),
        }
        let to_example = match kind {
            Some(EdgeKind::Undercut) => "\"edge_id\"",
            _ => "\"node_id\"",
        };
        match f.get("to") {
            Some(x) => {
                if let Some(s) = self.string(&x.value, "an edge's `to`") {
                    spans.to = Some(unwrap_some(&x.value).span);
                    data.to = s;
                }
            }
            None => self.missing(&f, "to", to_example),
        }
        if let Some(w) = f.get("weight") {
            spans.weight = Some(unwrap_some(&w.value).span);
            if let Some(x) = self.number(&w.value, "`weight`", "`weight: 0.8`") {
                data.weight = x;
            }
        }
        for (name, slot, span) in [
            ("id", &mut data.id, &mut spans.id),
            ("scheme", &mut data.scheme, &mut spans.scheme),
            ("question", &mut data.question, &mut spans.question),
        ] {
            if let Some(x) = f.get(name)
                && !is_none(&x.value)
            {
                *span = Some(unwrap_some(&x.value).span);
                *slot = self.string(&x.value, &format!("`{name}`"));
            }
        }
        data.note = self.opt_string(&mut f, "note");
        if let Some(r) = f.get("weight_range") {
            spans.weight_range = Some(unwrap_some(&r.value).span);
            data.weight_range = self.range(&r.value, "`weight_range`");
        }
        f.finish(self, EDGE_FIELDS);
        Some((Edge::new(kind?, data), spans))
    }

    fn expect(&mut self, v: &Value) -> (Expect, ExpectSpans) {
        let mut spans = ExpectSpans {
            whole: v.span,
            ..Default::default()
        };
        let mut x = Expect::default();
        let Some(mut f) = self.fields(
            v,
            "an expectation",
            &["Expect"],
            "`Expect(node: \"h\", above: 0.5)`",
        ) else {
            return (x, spans);
        };
        if let Some(n) = f.get("node")
            && !is_none(&n.value)
        {
            spans.node = Some(unwrap_some(&n.value).span);
            x.node = self.string(&n.value, "`node`");
        }
        for (name, slot) in [("above", &mut x.above), ("below", &mut x.below)] {
            if let Some(b) = f.get(name)
                && !is_none(&b.value)
            {
                *slot = self.number(&b.value, &format!("`{name}`"), "`above: 0.5`");
            }
        }
        if let Some(r) = f.get("remove") {
            let ids = self.string_list(&r.value, "`remove`");
            spans.remove = ids.iter().map(|i| i.1).collect();
            x.remove = ids.into_iter().map(|i| i.0).collect();
        }
        if let Some(r) = f.get("remove_tag") {
            x.remove_tag = self
                .string_list(&r.value, "`remove_tag`")
                .into_iter()
                .map(|i| i.0)
                .collect();
        }
        if let Some(r) = f.get("remove_group") {
            x.remove_group = self
                .string_list(&r.value, "`remove_group`")
                .into_iter()
                .map(|i| i.0)
                .collect();
        }
        if let Some(s) = f.get("semantics")
            && !is_none(&s.value)
        {
            spans.semantics = Some(unwrap_some(&s.value).span);
            x.semantics = self.string(&s.value, "`semantics`");
        }
        x.note = self.opt_string(&mut f, "note");
        if x.above.is_none() && x.below.is_none() {
            self.diags.push(
                Diagnostic::error("E0103", "an expectation needs `above` or `below`")
                    .at(Span::new(v.span.start as usize, v.span.start as usize + 1))
                    .help("add `above: 0.5` or `below: 0.5`"),
            );
        }
        f.finish(self, EXPECT_FIELDS);
        (x, spans)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_documented_example_and_agrees_with_ron() {
        let text = r#"ArgumentGraph(
            title: "T", conclusion: "h",
            groups: [Group(id: "g", label: "G")],
            nodes: [
                Node(id: "h", kind: Claim, text: "H", base: 0.5),
                Node(id: "e1", kind: Evidence, text: "E", base: 0.8, group: "g", tags: ["x"],
                     cite: (ref: "A 2020", locator: "p. 1")),
            ],
            edges: [Support(from: "e1", to: "h", weight: 0.9), Attack(from: "h", to: "e1")],
        )"#;
        let p = parse(&Source::new("t.ron", text)).unwrap();
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        // An independent reader of the same format: ron with serde.
        let by_ron = ArgumentGraph::from_ron(text).unwrap();
        assert_eq!(p.graph, by_ron);
        // And back: what to_ron writes, both read the same.
        let again = parse(&Source::new("t2.ron", p.graph.to_ron())).unwrap();
        assert_eq!(again.graph, p.graph);
    }

    #[test]
    fn reads_via_and_cites_with_their_positions() {
        let text = r#"ArgumentGraph(conclusion: "h", nodes: [
            Node(id: "h", kind: Claim, text: "H", base: 0.5),
            Node(id: "e", kind: Evidence, text: "E", base: 0.8,
                 cite: (ref: "Rose 1998", via: "Paper 2023", cites: ["A 2001", "B 2002"], quote: "q")),
        ], edges: [Support(from: "e", to: "h")])"#;
        let p = parse(&Source::new("t.ron", text)).unwrap();
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        let c = p.graph.nodes[1].cite.as_ref().unwrap();
        assert_eq!(c.via.as_deref(), Some("Paper 2023"));
        assert_eq!(c.cites, ["A 2001", "B 2002"]);
        let cs = p.spans.nodes[1].cite.as_ref().unwrap();
        let at = |s: Span| &text[s.start as usize..s.end as usize];
        assert_eq!(at(cs.via.unwrap()), "\"Paper 2023\"");
        assert_eq!(at(cs.reference.unwrap()), "\"Rose 1998\"");
        assert_eq!(
            cs.cites.iter().map(|&s| at(s)).collect::<Vec<_>>(),
            ["\"A 2001\"", "\"B 2002\""]
        );
        assert_eq!(ArgumentGraph::from_ron(text).unwrap(), p.graph);
        assert_eq!(
            c.attribution(),
            "Rose 1998 via Paper 2023 (citing A 2001; B 2002)"
        );
        // A misspelt field is named with the closest known one.
        let bad = text.replace("cites:", "cite_list:");
        let d = parse(&Source::new("t.ron", bad)).unwrap().diagnostics;
        assert!(d.0.iter().any(|d| d.code == "E0102"), "{d:?}");
        let bad = text.replace("via:", "vai:");
        let d = parse(&Source::new("t.ron", bad)).unwrap().diagnostics;
        let msg = format!("{d:?}");
        assert!(msg.contains("via"), "{msg}");
    }

    /// The loader without streaming: the whole tree first, then the model.
    fn parse_whole_tree(src: &Source) -> Result<Parsed, Diagnostics> {
        let tree = match syntax::parse(src.text()) {
            Ok(t) => t,
            Err(e) => return Err(Diagnostics(vec![syntax_diagnostic(src, *e)])),
        };
        let mut cx = Cx::default();
        let graph = cx.graph(&tree);
        Ok(Parsed {
            graph,
            spans: cx.spans,
            diagnostics: cx.diags,
        })
    }

    #[test]
    fn streaming_gives_the_same_model_spans_and_diagnostics_as_the_whole_tree() {
        let cases = [
            // Problems before, inside and after the streamed lists, so that the
            // order of the diagnostics is tested.
            r#"ArgumentGraph(title: 3, nodes: [Node(id: "h", kind: Clam, text: "H", bsae: 0.5), Node(id: 1)],
               groups: [Group(id: 2)], edges: [Suport(from: "h", to: "x"), Attack(from: 1), 5], conclusion: 7, edgs: [])"#,
            // A second `nodes` / `edges` field is not streamed (the first one counts).
            r#"ArgumentGraph(conclusion: "h", nodes: [Node(id: "h", kind: Claim, text: "H", base: 0.5)],
               nodes: [Node(id: "x")], edges: [], edges: [Support(from: "h", to: "h")])"#,
            // The first `nodes` is not a list: a type error, and the second is ignored.
            r#"ArgumentGraph(conclusion: "h", nodes: 5, nodes: [Node(id: "h", kind: Claim, text: "H", base: 0.5)],
               edges: Some([Attack(from: "h", to: "h")]))"#,
            // Not the top level: nested `nodes` fields are ordinary values.
            r#"ArgumentGraph(conclusion: "h", source: (nodes: [1]), nodes: [Node(id: "h", kind: Claim, text: "H", base: 0.5, cite: (ref: "r", edges: [2]))])"#,
            // A misnamed top-level struct still streams; a map does not.
            r#"Graph(conclusion: "h", nodes: [Node(id: "h\u{e9}\n", kind: "Claim", text: r"H", base: "0.5")], edges: [])"#,
            r#"{"nodes": [1], "edges": [2]}"#,
            r#"(nodes: [], edges: [])"#,
        ];
        for text in cases {
            let src = Source::new("t.ron", text);
            let (a, b) = (parse(&src).unwrap(), parse_whole_tree(&src).unwrap());
            assert_eq!(a.graph, b.graph, "{text}");
            assert_eq!(a.spans, b.spans, "{text}");
            assert_eq!(a.diagnostics, b.diagnostics, "{text}");
            assert!(!a.diagnostics.is_empty() || text.starts_with('('), "{text}");
        }
        // A syntax error inside a streamed list is the same error.
        let text = r#"ArgumentGraph(nodes: [Node(id: "a\n b"), Node(id: "b" kind: Claim)])"#;
        let src = Source::new("t.ron", text);
        assert_eq!(
            parse(&src).unwrap_err().0,
            parse_whole_tree(&src).unwrap_err().0
        );
    }

    #[test]
    fn reads_structure_with_positions_and_agrees_with_ron() {
        let text = r#"ArgumentGraph(conclusion: "h",
            nodes: [
                Node(id: "h", kind: Claim, text: "H", base: 0.5),
                Node(id: "a", kind: Claim, text: "A", base: 0.8),
                Node(id: "b", kind: Claim, text: "B", base: 0.7),
                Node(id: "u", kind: Claim, text: "U", base: 0.6),
            ],
            edges: [
                Support(id: "s1", from: ["a", "b"], to: "h", scheme: "expert_opinion"),
                Attack(from: ["u"], to: "h"),
                Undercut(id: "u1", from: "u", to: "s1", weight: 0.5, question: "CQ4"),
            ],
        )"#;
        let p = parse(&Source::new("t.ron", text)).unwrap();
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        assert_eq!(p.graph, ArgumentGraph::from_ron(text).unwrap());
        let e = &p.graph.edges;
        assert_eq!(e[0].data().from, ["a", "b"]);
        assert_eq!(e[1].data().from, ["u"]);
        assert_eq!(e[2].kind(), EdgeKind::Undercut);
        assert_eq!(e[2].data().question.as_deref(), Some("CQ4"));
        // Every part has its position.
        let at = |s: Option<Span>| &text[s.unwrap().start as usize..s.unwrap().end as usize];
        let s = &p.spans.edges;
        assert_eq!(at(s[0].id), "\"s1\"");
        assert_eq!(at(s[0].from), "[\"a\", \"b\"]");
        assert_eq!(at(s[0].premise(1)), "\"b\"");
        assert_eq!(at(s[0].scheme), "\"expert_opinion\"");
        assert_eq!(at(s[1].premise(0)), "\"u\"");
        assert_eq!(at(s[2].premise(0)), "\"u\"");
        assert_eq!(at(s[2].to), "\"s1\"");
        assert_eq!(at(s[2].question), "\"CQ4\"");
        // Written back, one premise is a plain string and both readers agree.
        let back = p.graph.to_ron();
        assert!(back.contains("from: \"u\""), "{back}");
        assert_eq!(parse(&Source::new("t2.ron", back)).unwrap().graph, p.graph);
    }

    /// `from: ["a"]` is exactly `from: "a"`: the same model.
    #[test]
    fn one_premise_in_a_list_is_the_plain_edge() {
        let g = |from: &str| {
            let text = format!(
                r#"ArgumentGraph(conclusion: "h", nodes: [Node(id: "h", kind: Claim, text: "H", base: 0.5),
                   Node(id: "a", kind: Claim, text: "A", base: 0.5)], edges: [Support(from: {from}, to: "h")])"#
            );
            parse(&Source::new("t.ron", text)).unwrap().graph
        };
        assert_eq!(g(r#"["a"]"#), g(r#""a""#));
    }

    #[test]
    fn collects_several_schema_errors() {
        let text = r#"ArgumentGraph(conclusion: "h", nodes: [Node(id: "h", kind: Clam, text: "H", bsae: 0.5)], edgs: [])"#;
        let p = parse(&Source::new("t.ron", text)).unwrap();
        let codes = p.diagnostics.codes();
        assert_eq!(codes, ["E0105", "E0103", "E0102", "E0102"]);
    }
}
