//! The Argdown reader: the text into an [`Outline`] (statements, arguments,
//! relations, sections, as `@argdown/core` reads them), then into argmap's
//! model (the mapping is in the parent module's documentation and in
//! `docs/formats.md`).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use super::data;
use crate::diag::{Diagnostic, Diagnostics, Source, Span, plural};
use crate::formats::ImportOptions;
use crate::load::syntax::{Field, Kind, Value, field, pair};
use crate::load::{Parsed, from_tree};

/// What an Argdown document declares, before it is mapped onto argmap's model:
/// its statements (equivalence classes, by title), its arguments, and its
/// relations, in the order they first occur. Untitled elements are named
/// `Untitled N` as `@argdown/core` names them (one counter for both).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outline {
    /// The statements' titles.
    pub statements: Vec<String>,
    /// The arguments' titles, and whether each has a premise-conclusion
    /// structure.
    pub arguments: Vec<(String, bool)>,
    /// The relations: `(from, to, kind)`, each end written `[statement]` or
    /// `<argument>`, the kind `support`, `attack`, `undercut` or
    /// `contradictory`; a relation declared twice is listed once.
    pub relations: Vec<(String, String, &'static str)>,
    /// The sections' headings.
    pub sections: Vec<String>,
}

/// Reads an Argdown document's [`Outline`] (`Err`: its syntax problems).
pub fn outline(src: &Source) -> Result<Outline, Diagnostics> {
    let doc = read_doc(src)?;
    let end = |e: &End| match *e {
        End::S(i) => format!("[{}]", doc.stmts[i].title),
        End::A(j) | End::Inf(j, _) => format!("<{}>", doc.args[j].title),
    };
    Ok(Outline {
        statements: doc.stmts.iter().map(|s| s.title.clone()).collect(),
        arguments: doc
            .args
            .iter()
            .map(|a| (a.title.clone(), !a.steps.is_empty()))
            .collect(),
        relations: {
            // An outgoing relation of a reconstructed argument is its
            // conclusion's (as @argdown/core reads it); one that then
            // relates the conclusion to itself is what the reconstruction says.
            let mut seen = HashSet::new();
            doc.rels
                .iter()
                .filter_map(|r| {
                    let from = match r.from {
                        End::A(j) if matches!(r.to, End::S(_)) && r.kind != RelKind::Undercut => {
                            doc.args[j]
                                .steps
                                .last()
                                .map_or(r.from, |s| End::S(s.conclusion))
                        }
                        other => other,
                    };
                    (from != r.to && seen.insert((from, r.to, r.kind)))
                        .then(|| (end(&from), end(&r.to), r.kind.name()))
                })
                .collect()
        },
        sections: doc.sections.iter().map(|s| s.label.clone()).collect(),
    })
}

/// One end of a relation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum End {
    S(usize),
    A(usize),
    /// The k-th inference step of an argument.
    Inf(usize, usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum RelKind {
    Support,
    Attack,
    Undercut,
    Contradiction,
}

impl RelKind {
    fn name(self) -> &'static str {
        match self {
            RelKind::Support => "support",
            RelKind::Attack => "attack",
            RelKind::Undercut => "undercut",
            RelKind::Contradiction => "contradictory",
        }
    }
}

struct Rel {
    from: End,
    to: End,
    kind: RelKind,
    at: usize,
}

/// What follows a title: the text, the tags and the data blocks.
#[derive(Default)]
struct Content<'a> {
    text: String,
    tags: Vec<String>,
    data: Vec<Value<'a>>,
    /// Markup read as plain text (links, bold, italics, mentions).
    markup: bool,
}

struct Elem<'a> {
    title: String,
    at: Span,
    /// Where it is first defined (given a text), else first named.
    order: usize,
    defined: bool,
    text: Option<String>,
    tags: Vec<String>,
    data: Vec<Field<'a>>,
    section: Option<usize>,
    /// Inference steps: premises and conclusion (statement indices).
    steps: Vec<Step>,
}

#[derive(Clone)]
struct Step {
    premises: Vec<usize>,
    conclusion: usize,
}

struct Section<'a> {
    label: String,
    depth: usize,
    parent: Option<usize>,
    data: Vec<Field<'a>>,
    at: Span,
}

#[derive(Default)]
struct Doc<'a> {
    title: Option<Value<'a>>,
    meta: Option<Value<'a>>,
    stmts: Vec<Elem<'a>>,
    stmt_ix: HashMap<String, usize>,
    args: Vec<Elem<'a>>,
    arg_ix: HashMap<String, usize>,
    rels: Vec<Rel>,
    rel_seen: HashSet<(End, End, RelKind)>,
    sections: Vec<Section<'a>>,
    untitled: usize,
    /// Member statements whose text differs from their class's first.
    other_texts: usize,
    /// Front matter keys other than `title` and `argmap`.
    front_keys: Vec<String>,
    inference_rules: usize,
    markup: usize,
}

/// The relation symbols at the start of a line, longest first:
/// `(symbol, child-to-parent, kind)`.
const RELATIONS: [(&str, bool, RelKind); 9] = [
    ("+>", false, RelKind::Support),
    ("->", false, RelKind::Attack),
    ("<+", true, RelKind::Support),
    ("<-", true, RelKind::Attack),
    ("><", true, RelKind::Contradiction),
    ("_>", false, RelKind::Undercut),
    ("<_", true, RelKind::Undercut),
    ("+", true, RelKind::Support),
    ("-", true, RelKind::Attack),
];

/// A line of the text: its start, its end (before the line break), and where
/// its first non-blank byte is.
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    first: usize,
}

impl Line {
    fn blank(&self) -> bool {
        self.first >= self.end
    }
    fn indent(&self) -> usize {
        self.first - self.start
    }
}

struct Reader<'a, 'e> {
    text: &'a str,
    /// The text with comments blanked out and every line break a `\n` (the
    /// same length, so positions agree).
    clean: String,
    lines: Vec<Line>,
    doc: Doc<'a>,
    errs: &'e mut Diagnostics,
    section: Option<usize>,
}

fn read_doc(src: &Source) -> Result<Doc<'_>, Diagnostics> {
    let text = src.text();
    let mut errs = Diagnostics::default();
    let mut doc = Doc::default();
    let body = front_matter(text, &mut doc, &mut errs);
    let clean = mask(text, body, &mut errs);
    let mut lines = vec![];
    let mut start = body;
    for piece in clean[body..].split('\n') {
        let end = start + piece.len();
        let first = start + (piece.len() - piece.trim_start_matches([' ', '\t']).len());
        // A line that holds only a comment is no line at all (it neither
        // ends a paragraph nor continues a text).
        let comment_only = first >= end && !text[start..end].trim().is_empty();
        if !comment_only {
            lines.push(Line { start, end, first });
        }
        start = end + 1;
    }
    let mut r = Reader {
        text,
        clean,
        lines,
        doc,
        errs: &mut errs,
        section: None,
    };
    r.run();
    let doc = r.doc;
    if errs.is_empty() && doc.stmts.is_empty() && doc.args.is_empty() {
        errs.push(
            Diagnostic::error("E0747", "the Argdown document has no statement or argument")
                .at(Span::new(0, text.len().min(1)))
                .help("write at least one statement, e.g. `[claim]: The claim.`"),
        );
    }
    if errs.is_empty() { Ok(doc) } else { Err(errs) }
}

/// Reads the front matter (`===` ... `===` at the top): its `title` and
/// `argmap` keys; returns where the body starts.
fn front_matter<'a>(text: &'a str, doc: &mut Doc<'a>, errs: &mut Diagnostics) -> usize {
    let lead = text.len()
        - text
            .trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
            .len();
    if !text[lead..].starts_with("===") {
        return 0;
    }
    let open_end = lead + text[lead..].find(['\n', '\r']).unwrap_or(text.len() - lead);
    let mut pos = open_end;
    let mut close = None;
    while pos < text.len() {
        let line_start =
            pos + text[pos..].len() - text[pos..].trim_start_matches(['\r', '\n']).len();
        let line_end = line_start
            + text[line_start..]
                .find(['\n', '\r'])
                .unwrap_or(text.len() - line_start);
        let line = &text[line_start..line_end];
        if line.trim_end().starts_with("===") && line.trim_end().bytes().all(|b| b == b'=') {
            close = Some(line_end);
            break;
        }
        if let Some((key, _)) = line.split_once(':')
            && !line.starts_with([' ', '\t', '#', '-'])
            && !key.contains(' ')
        {
            let key = key.trim();
            let vstart = line_start + key.len() + 1;
            let vtext = &text[vstart..line_end];
            let at = vstart + (vtext.len() - vtext.trim_start().len());
            match key {
                "title" | "argmap" => {
                    let v = if text[at..].starts_with(['"', '\'', '{', '[']) {
                        match data::parse_at(text, at) {
                            Ok((v, end)) => {
                                pos = end.max(line_end);
                                Some(v)
                            }
                            Err(e) => {
                                errs.push(data_error(*e));
                                pos = line_end;
                                None
                            }
                        }
                    } else {
                        // A plain scalar, folded over the indented lines after it.
                        pos = line_end;
                        let mut raw = text[at..line_end].trim().to_string();
                        loop {
                            let next = pos + text[pos..].len()
                                - text[pos..].trim_start_matches(['\r', '\n']).len();
                            let next_end =
                                next + text[next..].find(['\n', '\r']).unwrap_or(text.len() - next);
                            let line = &text[next..next_end];
                            if next_end == next
                                || !line.starts_with([' ', '\t'])
                                || line.trim().is_empty()
                            {
                                break;
                            }
                            raw.push(' ');
                            raw.push_str(line.trim());
                            pos = next_end;
                        }
                        Some(Value {
                            kind: Kind::Str(Cow::Owned(raw)),
                            span: Span::new(at, pos),
                        })
                    };
                    if key == "title" {
                        doc.title = v;
                    } else {
                        doc.meta = v;
                    }
                    continue;
                }
                "parser" if text[line_end..close_guess(text, line_end)].contains("argdown+") => {
                    errs.push(
                        Diagnostic::error("E0748", "this file is in the Argdown+ dialect (`parser: syntax: argdown+`), not classic Argdown")
                            .at(Span::new(line_start, line_end))
                            .help("argmap reads classic Argdown (as @argdown/core parses it); rewrite the Argdown+ relations (`!>`, `<@`, ...) as `+`, `-`, `_` relations"),
                    );
                    doc.front_keys.push(key.to_string());
                }
                other => doc.front_keys.push(other.to_string()),
            }
        }
        pos = line_end;
    }
    match close {
        Some(c) => c,
        None => {
            errs.push(
                Diagnostic::error("E0740", "the front matter `===` is never closed")
                    .at(Span::new(lead, lead + 3))
                    .help("end the front matter with a line `===` (or remove the opening `===`)"),
            );
            text.len()
        }
    }
}

/// Where the front matter that goes on at `from` ends (at the latest).
fn close_guess(text: &str, from: usize) -> usize {
    text[from..].find("\n===").map_or(text.len(), |k| from + k)
}

fn data_error(e: crate::load::syntax::SyntaxError) -> Diagnostic {
    let mut d = Diagnostic::error("E0744", format!("bad data block: {}", e.message)).at(e.span);
    if let Some(h) = e.help {
        d = d.help(h);
    }
    d
}

/// The text from `body` on with its comments (`<!-- -->`, `/* */`, `// ...`)
/// blanked out, and `\r\n` / `\r` line breaks as `\n`: the same length, so
/// positions agree. Escaped characters, links and data blocks are skipped.
fn mask(text: &str, body: usize, errs: &mut Diagnostics) -> String {
    let s = text.as_bytes();
    let mut out: Vec<u8> = s.to_vec();
    for b in out[..body].iter_mut() {
        if *b != b'\n' {
            *b = b' ';
        }
    }
    // A byte-order mark.
    if body == 0 && text.starts_with('\u{feff}') {
        out[..3].copy_from_slice(b"   ");
    }
    let blank = |out: &mut Vec<u8>, from: usize, to: usize| {
        for b in &mut out[from..to] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    };
    // The block comment that opens at `i` with `open`, blanked up to its
    // `close`; unclosed, an error and the rest of the text blanked. Returns
    // where reading goes on.
    let comment = |out: &mut Vec<u8>,
                   errs: &mut Diagnostics,
                   i: usize,
                   open: &str,
                   close: &str,
                   help: &str| {
        let end = match text[i + open.len()..].find(close) {
            Some(k) => i + open.len() + k + close.len(),
            None => {
                errs.push(
                    Diagnostic::error(
                        "E0741",
                        format!("unclosed comment: `{open}` has no `{close}`"),
                    )
                    .at(Span::new(i, i + open.len()))
                    .help(help),
                );
                s.len()
            }
        };
        blank(out, i, end);
        end
    };
    let mut i = body;
    let mut braces = 0usize;
    let (mut nl, mut cr, mut rb, mut rp) = (
        Next::new(b'\n'),
        Next::new(b'\r'),
        Next::new(b']'),
        Next::new(b')'),
    );
    while i < s.len() {
        match s[i] {
            b'\\' => i += 2,
            b'"' if braces > 0 => {
                i += 1;
                while i < s.len() && s[i] != b'"' {
                    i += if s[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'{' => {
                braces += 1;
                i += 1;
            }
            b'}' => {
                braces = braces.saturating_sub(1);
                i += 1;
            }
            b'<' if s[i..].starts_with(b"<!--") => {
                i = comment(
                    &mut out,
                    errs,
                    i,
                    "<!--",
                    "-->",
                    "close the comment with `-->`",
                );
            }
            b'/' if s[i..].starts_with(b"/*") && braces == 0 => {
                let help = "close the comment with `*/`, or escape the slash as `\\/`";
                i = comment(&mut out, errs, i, "/*", "*/", help);
            }
            b'/' if s[i..].starts_with(b"//") && braces == 0 => {
                let end = text[i..].find(['\n', '\r']).map_or(s.len(), |k| i + k);
                blank(&mut out, i, end);
                i = end;
            }
            b'[' if braces == 0 => {
                // A link `[text](url)` (on one line): its url may hold `//`.
                let line_end = nl
                    .find(s, i)
                    .unwrap_or(s.len())
                    .min(cr.find(s, i).unwrap_or(s.len()));
                match rb.find(s, i + 1) {
                    Some(k) if k < line_end && s.get(k + 1) == Some(&b'(') => {
                        match rp.find(s, k + 2) {
                            Some(m) if m < line_end => i = m + 1,
                            _ => i += 1,
                        }
                    }
                    _ => i += 1,
                }
            }
            _ => i += 1,
        }
    }
    for k in 0..out.len() {
        if out[k] == b'\r' {
            out[k] = if out.get(k + 1) == Some(&b'\n') {
                b' '
            } else {
                b'\n'
            };
        }
    }
    // Only ASCII bytes were replaced by ASCII bytes, so this stays UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

/// The next position of one item in a slice, remembered: asking again from a
/// later position up to the one found (or, when there was none, from any later
/// position) costs nothing, so that scanning a line for each of many `[` stays
/// linear.
struct Next<T> {
    item: T,
    from: usize,
    at: Option<usize>,
}

impl<T: PartialEq + Copy> Next<T> {
    fn new(item: T) -> Self {
        Next {
            item,
            from: usize::MAX,
            at: None,
        }
    }

    fn find(&mut self, s: &[T], from: usize) -> Option<usize> {
        let valid = self.from <= from && self.at.is_none_or(|k| k >= from);
        if !valid {
            self.from = from;
            self.at = s
                .get(from..)
                .and_then(|rest| rest.iter().position(|&b| b == self.item))
                .map(|k| from + k);
        }
        self.at
    }
}

/// What a line starts with.
enum Start {
    Blank,
    Heading(usize),
    Number(usize),
    Inference,
    Relation(usize, bool, RelKind),
    ListItem(usize),
    Text,
}

impl<'a> Reader<'a, '_> {
    fn line_start(&self, li: usize) -> Start {
        let l = self.lines[li];
        if l.blank() {
            return Start::Blank;
        }
        let rest = &self.clean[l.first..l.end];
        if rest.starts_with('#') {
            let hashes = rest.len() - rest.trim_start_matches('#').len();
            if rest[hashes..].starts_with(' ') {
                return Start::Heading(hashes);
            }
        }
        if let Some(after) = rest.strip_prefix('(') {
            let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            if digits > 0 && after[digits..].starts_with(')') {
                return Start::Number(l.first + digits + 2);
            }
        }
        if rest.starts_with("--") {
            return Start::Inference;
        }
        for (sym, child_to_parent, kind) in RELATIONS {
            if rest.starts_with(sym) {
                return Start::Relation(l.first + sym.len(), child_to_parent, kind);
            }
        }
        if rest.starts_with('_') && rest[1..].starts_with([' ', '\t']) {
            return Start::Relation(l.first + 1, true, RelKind::Undercut);
        }
        if rest.starts_with("* ") || rest == "*" {
            return Start::ListItem(l.first + 1);
        }
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 && rest[digits..].starts_with(". ") {
            return Start::ListItem(l.first + digits + 1);
        }
        Start::Text
    }

    fn err(&mut self, code: &'static str, at: usize, len: usize, msg: String, help: &str) {
        let end = (at + len).min(self.text.len());
        let mut end = end.max(at);
        while !self.text.is_char_boundary(end) {
            end += 1;
        }
        self.errs.push(
            Diagnostic::error(code, msg)
                .at(Span::new(at, end))
                .help(help),
        );
    }

    fn run(&mut self) {
        let mut li = 0;
        // The relation tree of the current paragraph: (indent, parent).
        let mut levels: Vec<(usize, Option<End>)> = vec![];
        let mut last: Option<End> = None;
        // The last element of the previous paragraph (an argument there takes
        // the premise-conclusion structure that follows).
        let mut prev_para_last: Option<End> = None;
        let mut para_start = true;
        // How many statements and arguments the paragraph has named.
        let mut para_elems = 0usize;
        let mut pcs: Option<Pcs> = None;
        while li < self.lines.len() {
            let l = self.lines[li];
            match self.line_start(li) {
                Start::Blank => {
                    if !para_start {
                        prev_para_last = if para_elems == 1 { last } else { None };
                    }
                    para_elems = 0;
                    if let Some(p) = pcs.take() {
                        self.finish_pcs(p);
                    }
                    para_start = true;
                    levels.clear();
                    last = None;
                    li += 1;
                }
                Start::Heading(depth) => {
                    if let Some(p) = pcs.take() {
                        self.finish_pcs(p);
                    }
                    let (c, next) = self.content(l.first + depth, li, false);
                    let parent = self.section.and_then(|mut s| {
                        loop {
                            if self.doc.sections[s].depth < depth {
                                return Some(s);
                            }
                            s = self.doc.sections[s].parent?;
                        }
                    });
                    let data = self.fields_of(c.data);
                    self.doc.sections.push(Section {
                        label: c.text,
                        depth,
                        parent,
                        data,
                        at: Span::new(l.first, l.end),
                    });
                    self.section = Some(self.doc.sections.len() - 1);
                    levels.clear();
                    last = None;
                    prev_para_last = None;
                    para_elems = 0;
                    para_start = true;
                    li = next;
                }
                Start::Number(after) => {
                    if pcs.is_none() {
                        let arg = match prev_para_last {
                            Some(End::A(j)) if para_start && self.doc.args[j].steps.is_empty() => j,
                            _ => self.argument(
                                None,
                                Span::new(l.first, l.first + 1),
                                Content::default(),
                                false,
                            ),
                        };
                        pcs = Some(Pcs {
                            arg,
                            premises: vec![],
                            inference: None,
                            steps: vec![],
                            at: l.first,
                        });
                    }
                    para_start = false;
                    let Some((elem, next)) = self.element(after, li, true) else {
                        li += 1;
                        continue;
                    };
                    let End::S(s) = elem else {
                        self.err(
                            "E0745",
                            after,
                            1,
                            "an argument inside a premise-conclusion structure".into(),
                            "premises and conclusions are statements: write `(1) [title]: text` or `(1) text`",
                        );
                        li = next;
                        continue;
                    };
                    let p = pcs.as_mut().expect("set above");
                    if p.inference.take().is_some() {
                        let mut premises = std::mem::take(&mut p.premises);
                        if let Some(prev) = p.steps.last() {
                            premises.insert(0, prev.conclusion);
                        }
                        p.steps.push(Step {
                            premises,
                            conclusion: s,
                        });
                    } else {
                        p.premises.push(s);
                    }
                    levels = vec![(l.indent(), None)];
                    last = Some(elem);
                    li = next;
                }
                Start::Inference => {
                    para_start = false;
                    let next = self.inference(li);
                    match pcs.as_mut() {
                        None => self.err(
                            "E0745",
                            l.first,
                            2,
                            "an inference line `--` outside a premise-conclusion structure".into(),
                            "put numbered premises `(1) ...` above it and the conclusion below, or escape the dashes `\\-\\-`",
                        ),
                        Some(p) => {
                            if p.premises.is_empty() && p.steps.is_empty() {
                                self.err(
                                    "E0745",
                                    l.first,
                                    2,
                                    "an inference with no premise above it".into(),
                                    "put the numbered premises `(1) ...` above the inference line",
                                );
                            }
                            if p.inference.is_some() {
                                self.err(
                                    "E0745",
                                    l.first,
                                    2,
                                    "two inference lines with no conclusion between them".into(),
                                    "put the conclusion `(n) ...` after the first",
                                );
                            }
                            p.inference = Some(l.first);
                            let arg = p.arg;
                            let step = p.steps.len();
                            levels = vec![(l.indent(), None)];
                            last = Some(End::Inf(arg, step));
                        }
                    }
                    li = next;
                }
                Start::Relation(after, child_to_parent, kind) => {
                    let open_levels = levels.len();
                    let Some(parent) = self.relation_parent(&mut levels, last, l.indent()) else {
                        if open_levels > 1 {
                            self.err(
                                "E0743",
                                l.first,
                                after - l.first,
                                "bad indentation: the relation is indented less than the relations above it, but more than their paragraph's first line".into(),
                                "indent it like the relation it is a sibling of, or under the line it relates to",
                            );
                            li += 1;
                            continue;
                        }
                        self.err(
                            "E0742",
                            l.first,
                            after - l.first,
                            "a relation with nothing to relate to".into(),
                            if para_start {
                                "a relation line belongs under the statement or argument it relates to, with no empty line between them"
                            } else {
                                "indent the relation under the statement or argument it relates to"
                            },
                        );
                        li += 1;
                        para_start = false;
                        continue;
                    };
                    para_start = false;
                    para_elems += 1;
                    let Some((child, next)) = self.element(after, li, false) else {
                        self.err(
                            "E0742",
                            l.first,
                            after - l.first,
                            "a relation symbol with no statement or argument after it".into(),
                            "write the statement or argument after the symbol, e.g. `+ [title]` or `- <argument>`",
                        );
                        li += 1;
                        continue;
                    };
                    let (from, to) = if child_to_parent {
                        (child, parent)
                    } else {
                        (parent, child)
                    };
                    self.relate(from, to, kind, l.first);
                    last = Some(child);
                    li = next;
                }
                Start::ListItem(after) => {
                    para_start = false;
                    para_elems += 1;
                    match self.element(after, li, false) {
                        Some((e, next)) => {
                            levels = vec![(l.indent(), None)];
                            last = Some(e);
                            li = next;
                        }
                        None => li += 1,
                    }
                }
                Start::Text => {
                    if let Some(p) = &pcs
                        && p.inference.is_some()
                    {
                        self.err(
                            "E0745",
                            l.first,
                            1,
                            "expected the numbered conclusion `(n) ...` after the inference line"
                                .into(),
                            "number the conclusion, e.g. `(3) The conclusion.`",
                        );
                    }
                    para_start = false;
                    para_elems += 1;
                    match self.element(l.first, li, false) {
                        Some((e, next)) => {
                            levels = vec![(l.indent(), None)];
                            last = Some(e);
                            li = next;
                        }
                        None => li += 1,
                    }
                }
            }
        }
        if let Some(p) = pcs.take() {
            self.finish_pcs(p);
        }
    }

    /// The parent of a relation line indented by `indent` (Argdown's
    /// indentation stack), updating the stack.
    fn relation_parent(
        &self,
        levels: &mut Vec<(usize, Option<End>)>,
        last: Option<End>,
        indent: usize,
    ) -> Option<End> {
        let top = levels.last()?.0;
        if indent > top {
            levels.push((indent, last));
        } else {
            while levels.len() > 1 && indent < levels.last().map_or(0, |x| x.0) {
                levels.pop();
            }
        }
        levels.last().and_then(|x| x.1)
    }

    fn relate(&mut self, from: End, to: End, kind: RelKind, at: usize) {
        let key = if kind == RelKind::Contradiction && to_key(to) < to_key(from) {
            (to, from, kind)
        } else {
            (from, to, kind)
        };
        if self.doc.rel_seen.insert(key) {
            self.doc.rels.push(Rel { from, to, kind, at });
        }
    }

    /// Reads an inference line (and the lines of a multi-line one); returns
    /// the next line.
    fn inference(&mut self, li: usize) -> usize {
        let l = self.lines[li];
        let line = self.clean[l.first..l.end].trim_end();
        let dashes = line.len() - line.trim_start_matches('-').len();
        let rest = line[dashes..].trim();
        if rest.is_empty() && dashes >= 4 {
            return li + 1;
        }
        self.doc.inference_rules += 1;
        if !rest.is_empty() && rest.ends_with("--") {
            return li + 1;
        }
        // A multi-line inference: up to the line holding the closing `--`.
        for k in li + 1..self.lines.len() {
            let m = self.lines[k];
            if self.clean[m.start..m.end].contains("--") {
                return k + 1;
            }
        }
        self.err(
            "E0745",
            l.first,
            dashes,
            "an inference `--` whose closing `--` never comes".into(),
            "write the separator as `----`, or close the inference rule with `--` (e.g. `-- Modus ponens --`)",
        );
        self.lines.len()
    }

    fn finish_pcs(&mut self, mut p: Pcs) {
        if let Some(at) = p.inference {
            self.err(
                "E0745",
                at,
                2,
                "a premise-conclusion structure that ends with an inference line".into(),
                "add the numbered conclusion `(n) ...` after the inference line",
            );
            return;
        }
        if p.steps.is_empty() {
            self.err(
                "E0745",
                p.at,
                3,
                "a premise-conclusion structure without an inference line".into(),
                "put `----` between the premises and the conclusion",
            );
            return;
        }
        if !p.premises.is_empty() {
            // Statements after the last conclusion: Argdown reads the last
            // numbered statement as the conclusion.
            let a = &self.doc.args[p.arg];
            self.err(
                "E0745",
                p.at,
                3,
                format!(
                    "the premise-conclusion structure of <{}> has numbered statements after its conclusion",
                    a.title
                ),
                "the conclusion is the statement right after the last inference line: add `----` before the last statement",
            );
            return;
        }
        let a = &mut self.doc.args[p.arg];
        a.steps.append(&mut p.steps);
    }

    /// Reads the statement or argument that starts at byte `at` of line `li`:
    /// `[title]: text`, `[title]`, `<title>: text`, `<title>`, or plain text
    /// (an untitled statement); returns it and the line after it.
    fn element(&mut self, at: usize, li: usize, in_pcs: bool) -> Option<(End, usize)> {
        let l = self.lines[li];
        let mut at = at;
        while at < l.end && matches!(self.clean.as_bytes()[at], b' ' | b'\t') {
            at += 1;
        }
        let rest = self.clean[at..l.end].to_string();
        let bracket = match rest.as_bytes().first() {
            Some(b'[') => Some(']'),
            Some(b'<') => Some('>'),
            _ => None,
        };
        if let Some(close) = bracket {
            let is_stmt = close == ']';
            match rest.find(close) {
                None => {
                    let what = if is_stmt { "statement" } else { "argument" };
                    self.err(
                        "E0741",
                        at,
                        1,
                        format!("unclosed {what} title: `{}` has no `{close}` on its line", &rest[..1]),
                        &format!(
                            "close the title with `{close}` (e.g. `{}`), or escape the bracket as `\\{}` if it is text",
                            if is_stmt { "[title]: text" } else { "<title>: text" },
                            &rest[..1]
                        ),
                    );
                    return Some((End::S(self.untitled_stmt(at)), self.skip_para_line(li)));
                }
                Some(k) => {
                    let title = rest[1..k].trim().to_string();
                    let after = &rest[k + 1..];
                    let link = is_stmt && after.starts_with('(');
                    if !link {
                        if title.is_empty() {
                            self.err(
                                "E0741",
                                at,
                                k + 1,
                                "an empty title".into(),
                                "write the title between the brackets, e.g. `[title]: text`",
                            );
                            return Some((End::S(self.untitled_stmt(at)), self.skip_para_line(li)));
                        }
                        let defining = after.starts_with(':');
                        let start = at + k + 1 + usize::from(defining);
                        let (c, next) = self.content(start, li, false);
                        let span = Span::new(at, at + k + 1);
                        if !defining && !c.text.is_empty() {
                            let what = if is_stmt {
                                "[title]: text"
                            } else {
                                "<title>: text"
                            };
                            let after_ref = at + k + 1;
                            let text_at = after_ref
                                + (self.clean[after_ref..].len()
                                    - self.clean[after_ref..].trim_start().len());
                            self.err(
                                "E0746",
                                text_at,
                                1,
                                format!("text after the title reference `{}`", &rest[..=k]),
                                &format!("to give it a text, define it with a colon: `{what}`; a reference stands alone (tags and data may follow)"),
                            );
                        }
                        let e = if is_stmt {
                            End::S(self.statement(Some(title), span, c, defining))
                        } else {
                            if in_pcs {
                                return Some((
                                    End::A(self.argument(Some(title), span, c, defining)),
                                    next,
                                ));
                            }
                            End::A(self.argument(Some(title), span, c, defining))
                        };
                        return Some((e, next));
                    }
                }
            }
        }
        let (c, next) = self.content(at, li, false);
        if c.text.is_empty() && c.data.is_empty() && c.tags.is_empty() {
            return None;
        }
        Some((
            End::S(self.statement(None, Span::new(at, l.end), c, true)),
            next,
        ))
    }

    fn untitled_stmt(&mut self, at: usize) -> usize {
        self.statement(None, Span::new(at, at + 1), Content::default(), false)
    }

    /// The line after `li` and its continuation lines (after an error).
    fn skip_para_line(&self, li: usize) -> usize {
        let mut k = li + 1;
        while k < self.lines.len() && matches!(self.line_start(k), Start::Text) {
            k += 1;
        }
        k
    }

    /// The text, tags and data from byte `at` of line `li` on, across the
    /// continuation lines of a hard-wrapped text; returns the line after.
    fn content(&mut self, at: usize, li: usize, one_line: bool) -> (Content<'a>, usize) {
        let mut c = Content::default();
        let mut raw = String::new();
        let mut li = li;
        let mut i = at;
        let text = self.text;
        let mut rp = Next::new(b')');
        loop {
            let l = self.lines[li];
            while i < l.end {
                let b = self.clean.as_bytes()[i];
                match b {
                    b'\\' if i + 1 < self.clean.len() && self.clean.as_bytes()[i + 1] != b'\n' => {
                        let ch = self.clean[i + 1..].chars().next().unwrap_or(' ');
                        raw.push('\u{1}');
                        raw.push(ch);
                        i += 1 + ch.len_utf8();
                    }
                    b'{' => match data::parse_at(text, i) {
                        Ok((v, end)) => {
                            c.data.push(v);
                            i = end;
                            // The block may have spanned lines.
                            while li + 1 < self.lines.len() && self.lines[li].end < i {
                                li += 1;
                            }
                        }
                        Err(e) => {
                            self.errs.push(data_error(*e));
                            i = self.lines[li].end;
                        }
                    },
                    b'#' => {
                        let line_end = self.lines[li].end;
                        let rest = &self.clean[i + 1..line_end];
                        let (tag, len) = if let Some(r) = rest.strip_prefix('(') {
                            match rp.find(self.clean.as_bytes(), i + 2) {
                                Some(k) if k < line_end => (r[..k - (i + 2)].to_string(), k - i),
                                _ => (String::new(), 0),
                            }
                        } else {
                            let n = rest
                                .char_indices()
                                .find(|&(_, ch)| {
                                    !(ch.is_alphanumeric()
                                        || ch == '-'
                                        || ch == '_'
                                        || !ch.is_ascii())
                                })
                                .map_or(rest.len(), |(k, _)| k);
                            (rest[..n].to_string(), n)
                        };
                        if len == 0 || tag.is_empty() {
                            raw.push('#');
                            i += 1;
                        } else {
                            c.tags.push(tag);
                            i += 1 + len;
                        }
                    }
                    _ => {
                        let ch = self.clean[i..].chars().next().unwrap_or(' ');
                        raw.push(ch);
                        i += ch.len_utf8();
                    }
                }
            }
            // A hard-wrapped text goes on in the next line unless that starts
            // something else.
            if one_line
                || li + 1 >= self.lines.len()
                || !matches!(self.line_start(li + 1), Start::Text)
            {
                break;
            }
            li += 1;
            i = self.lines[li].first;
            raw.push(' ');
        }
        let (t, markup) = plain_text(&raw);
        c.text = t;
        c.markup = markup;
        (c, li + 1)
    }

    fn fields_of(&mut self, data: Vec<Value<'a>>) -> Vec<Field<'a>> {
        let mut out: Vec<Field<'a>> = vec![];
        for v in data {
            match v.kind {
                Kind::Struct { fields, .. } => {
                    for f in fields {
                        if !out.iter().any(|g| g.name == f.name) {
                            out.push(f);
                        }
                    }
                }
                other => self.errs.push(
                    Diagnostic::error(
                        "E0744",
                        format!(
                            "bad data block: expected `{{key: value}}`, found {}",
                            other.describe()
                        ),
                    )
                    .at(v.span)
                    .help("a data block is a mapping: `{key: value, other: value}`"),
                ),
            }
        }
        out
    }

    fn next_untitled(&mut self) -> String {
        self.doc.untitled += 1;
        format!("Untitled {}", self.doc.untitled)
    }

    fn statement(&mut self, title: Option<String>, at: Span, c: Content<'a>, def: bool) -> usize {
        self.mention(true, title, at, c, def)
    }

    fn argument(&mut self, title: Option<String>, at: Span, c: Content<'a>, def: bool) -> usize {
        self.mention(false, title, at, c, def)
    }

    /// The index of the statement (`stmt`) or else argument titled `title` (a
    /// new `Untitled N` without one), made at its first mention; this
    /// occurrence's content is added to it.
    fn mention(
        &mut self,
        stmt: bool,
        title: Option<String>,
        at: Span,
        c: Content<'a>,
        defining: bool,
    ) -> usize {
        let title = title.unwrap_or_else(|| self.next_untitled());
        let section = self.section;
        let (elems, index) = if stmt {
            (&mut self.doc.stmts, &mut self.doc.stmt_ix)
        } else {
            (&mut self.doc.args, &mut self.doc.arg_ix)
        };
        let ix = *index.entry(title).or_insert_with_key(|title| {
            elems.push(new_elem(title.clone(), at, section));
            elems.len() - 1
        });
        self.absorb(stmt, ix, at, c, defining);
        ix
    }

    /// Adds an occurrence's text, tags and data to its element.
    fn absorb(&mut self, stmt: bool, ix: usize, at: Span, c: Content<'a>, defining: bool) {
        let fields = self.fields_of(c.data);
        let section = self.section;
        if c.markup {
            self.doc.markup += 1;
        }
        let e = if stmt {
            &mut self.doc.stmts[ix]
        } else {
            &mut self.doc.args[ix]
        };
        let has_text = !c.text.is_empty();
        if (defining || has_text) && !e.defined && (has_text || !fields.is_empty()) {
            e.defined = true;
            e.order = at.start as usize;
            e.section = section;
        }
        match (&e.text, has_text) {
            (None, true) => e.text = Some(c.text),
            (Some(t), true) if *t != c.text => self.doc.other_texts += 1,
            _ => {}
        }
        for t in c.tags {
            if !e.tags.contains(&t) {
                e.tags.push(t);
            }
        }
        for f in fields {
            if !e.data.iter().any(|g| g.name == f.name) {
                e.data.push(f);
            }
        }
    }
}

fn to_key(e: End) -> (usize, usize, usize) {
    match e {
        End::S(i) => (0, i, 0),
        End::A(j) => (1, j, 0),
        End::Inf(j, k) => (2, j, k),
    }
}

fn new_elem<'a>(title: String, at: Span, section: Option<usize>) -> Elem<'a> {
    Elem {
        title,
        at,
        order: at.start as usize,
        defined: false,
        text: None,
        tags: vec![],
        data: vec![],
        section,
        steps: vec![],
    }
}

/// A premise-conclusion structure being read.
struct Pcs {
    arg: usize,
    premises: Vec<usize>,
    /// Where the inference line waiting for its conclusion is.
    inference: Option<usize>,
    steps: Vec<Step>,
    at: usize,
}

/// The text as a reader sees it: runs of white space as one space, escapes
/// undone (`\u{1}` marks an escaped character in `raw`), links as their text,
/// bold and italic markers removed; and whether any markup was read.
fn plain_text(raw: &str) -> (String, bool) {
    let chars: Vec<char> = raw.chars().collect();
    let mut out = String::with_capacity(raw.len());
    let mut markup = false;
    let (mut rb, mut rp) = (Next::new(']'), Next::new(')'));
    let mut i = 0;
    while i < chars.len() {
        let ch = chars[i];
        if ch == '\u{1}' {
            if let Some(&next) = chars.get(i + 1) {
                out.push(next);
            }
            i += 2;
            continue;
        }
        // A link `[text](url)`: its text.
        if ch == '['
            && let Some(k) = rb.find(&chars, i)
            && chars.get(k + 1) == Some(&'(')
            && let Some(m) = rp.find(&chars, k + 1)
        {
            out.extend(&chars[i + 1..k]);
            i = m + 1;
            markup = true;
            continue;
        }
        // Bold `**`/`__` and italic `*`/`_` markers at word edges.
        if ch == '*' || ch == '_' {
            let run = chars[i..].iter().take_while(|&&c| c == ch).count();
            let before = if i == 0 { None } else { chars.get(i - 1) };
            let after = chars.get(i + run);
            let edge =
                |c: Option<&char>| c.is_none_or(|c| c.is_whitespace() || c.is_ascii_punctuation());
            if run <= 2 && (edge(before) != edge(after)) {
                i += run;
                markup = true;
                continue;
            }
        }
        out.push(ch);
        i += 1;
    }
    (out.split_whitespace().collect::<Vec<_>>().join(" "), markup)
}

/// The ids: argmap's rules (no white space, `:`, `=`, `,`), made unique.
#[derive(Default)]
struct Ids {
    taken: HashSet<String>,
}

impl Ids {
    fn claim(&mut self, title: &str) -> String {
        let base: String = title
            .split_whitespace()
            .collect::<Vec<_>>()
            .join("_")
            .chars()
            .map(|c| {
                if matches!(c, ':' | '=' | ',') || c.is_control() {
                    '_'
                } else {
                    c
                }
            })
            .collect();
        let base = if base.is_empty() {
            "untitled".to_string()
        } else {
            base
        };
        let mut id = base.clone();
        let mut n = 1;
        while self.taken.contains(&id) {
            n += 1;
            id = format!("{base}_{n}");
        }
        self.taken.insert(id.clone());
        id
    }
}

/// How argmap reads an argument.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ArgAs {
    /// Its inference steps are supports.
    Reconstructed,
    /// Premises (statements supporting it) and one outgoing relation: an edge.
    Edge(usize),
    /// A claim node (its description the text).
    Node,
}

/// The node fields argmap reads from a statement's data; the edge fields from
/// an argument's.
const NODE_KEYS: [&str; 8] = [
    "kind",
    "base",
    "cite",
    "note",
    "base_range",
    "tags",
    "text",
    "title",
];
const EDGE_KEYS: [&str; 6] = ["id", "weight", "scheme", "question", "note", "weight_range"];

/// What an empty file is told it should hold (`E0003`, see [`crate::diag::refuse_empty`]).
const EMPTY_HELP: &str =
    "an Argdown file lists statements `[title]: text` and relations `+ <arg>`; see docs/formats.md";

/// Reads an Argdown document into argmap's model (see the module docs).
pub fn parse(src: &Source, opts: &ImportOptions) -> Result<Parsed, Diagnostics> {
    crate::diag::refuse_empty(src, EMPTY_HELP)?;
    build(src, read_doc(src)?, opts)
}

fn build<'a>(src: &'a Source, doc: Doc<'a>, opts: &ImportOptions) -> Result<Parsed, Diagnostics> {
    let text_len = src.text().len();
    let at0 = Span::new(0, text_len.min(1));
    let mut warns = Diagnostics::default();

    // How each argument is read.
    let n_args = doc.args.len();
    let mut outgoing: Vec<Vec<usize>> = vec![vec![]; n_args];
    let mut incoming: Vec<Vec<usize>> = vec![vec![]; n_args];
    for (r, rel) in doc.rels.iter().enumerate() {
        if let End::A(j) = rel.from {
            outgoing[j].push(r);
        }
        if let End::A(j) = rel.to {
            incoming[j].push(r);
        }
    }
    let arg_as: Vec<ArgAs> = (0..n_args)
        .map(|j| {
            if !doc.args[j].steps.is_empty() {
                return ArgAs::Reconstructed;
            }
            let supports = incoming[j]
                .iter()
                .filter(|&&r| doc.rels[r].kind == RelKind::Support)
                .count();
            let only_statement_supports = incoming[j].iter().all(|&r| {
                let rel = &doc.rels[r];
                rel.kind == RelKind::Undercut
                    || (rel.kind == RelKind::Support && matches!(rel.from, End::S(_)))
            });
            match outgoing[j][..] {
                [r] if supports > 0
                    && only_statement_supports
                    && doc.rels[r].kind != RelKind::Contradiction
                    && doc.rels[r].to != End::A(j) =>
                {
                    ArgAs::Edge(r)
                }
                _ => ArgAs::Node,
            }
        })
        .collect();
    // Two arguments with the same premises and the same target would be the
    // same edge twice: the later ones stay claims.
    let mut arg_as = arg_as;
    let mut edge_keys: HashSet<(RelKind, Vec<usize>, End)> = HashSet::new();
    for j in 0..n_args {
        if let ArgAs::Edge(out) = arg_as[j] {
            let mut premises: Vec<usize> = incoming[j]
                .iter()
                .filter_map(|&r| match (doc.rels[r].kind, doc.rels[r].from) {
                    (RelKind::Support, End::S(i)) => Some(i),
                    _ => None,
                })
                .collect();
            premises.sort_unstable();
            if !edge_keys.insert((doc.rels[out].kind, premises, doc.rels[out].to)) {
                arg_as[j] = ArgAs::Node;
            }
        }
    }

    // Ids: statements first, then the arguments read as claims, then edges.
    let mut ids = Ids::default();
    let mut stmt_order: Vec<usize> = (0..doc.stmts.len()).collect();
    stmt_order.sort_by_key(|&i| doc.stmts[i].order);
    // A statement whose data gives its `id` (argmap writes one for an id that
    // cannot be a title) keeps it exactly.
    let given_id = |e: &Elem| -> Option<String> {
        e.data
            .iter()
            .find(|f| f.name == "id")
            .and_then(|f| match &f.value.kind {
                Kind::Str(s) => Some(s.to_string()),
                _ => None,
            })
    };
    for e in &doc.stmts {
        if let Some(id) = given_id(e) {
            ids.taken.insert(id);
        }
    }
    let stmt_id: Vec<String> = {
        let mut v = vec![String::new(); doc.stmts.len()];
        for &i in &stmt_order {
            v[i] = given_id(&doc.stmts[i]).unwrap_or_else(|| ids.claim(&doc.stmts[i].title));
        }
        v
    };
    let mut arg_node: Vec<Option<String>> = vec![None; n_args];
    let mut arg_order: Vec<usize> = (0..n_args).collect();
    arg_order.sort_by_key(|&j| doc.args[j].order);
    for &j in &arg_order {
        if arg_as[j] == ArgAs::Node {
            arg_node[j] = Some(ids.claim(&doc.args[j].title));
        }
    }
    // An argument argmap wrote says its kind as its text (`Attack.`) and
    // carries its edge's id (if any) in its data.
    let written = |j: usize| {
        matches!(
            doc.args[j].text.as_deref(),
            Some("Support." | "Attack." | "Undercut.")
        )
    };
    let data_id = |j: usize| -> Option<String> {
        doc.args[j]
            .data
            .iter()
            .find(|f| f.name == "id")
            .and_then(|f| match &f.value.kind {
                Kind::Str(s) => Some(s.to_string()),
                _ => None,
            })
    };
    // The edge ids of each argument's edges (one per step for a reconstructed one).
    let mut arg_edges: Vec<Vec<Option<String>>> = vec![vec![]; n_args];
    for &j in &arg_order {
        let main = match data_id(j) {
            Some(id) => {
                ids.taken.insert(id.clone());
                Some(id)
            }
            None if written(j) => None,
            None if arg_as[j] == ArgAs::Node => None,
            None => Some(ids.claim(&doc.args[j].title)),
        };
        arg_edges[j] = match arg_as[j] {
            ArgAs::Reconstructed => {
                let n = doc.args[j].steps.len();
                (0..n)
                    .map(|k| {
                        if k + 1 == n {
                            main.clone()
                        } else {
                            main.as_ref()
                                .map(|m| ids.claim(&format!("{m}_step{}", k + 1)))
                        }
                    })
                    .collect()
            }
            ArgAs::Edge(_) => vec![main],
            ArgAs::Node => vec![],
        };
    }

    // The node a relation end stands for, and the edge an undercut can target.
    let node_of = |e: End| -> Option<String> {
        match e {
            End::S(i) => Some(stmt_id[i].clone()),
            End::A(j) => match arg_as[j] {
                ArgAs::Reconstructed => {
                    let last = doc.args[j].steps.last()?;
                    Some(stmt_id[last.conclusion].clone())
                }
                ArgAs::Node => arg_node[j].clone(),
                ArgAs::Edge(_) => None,
            },
            End::Inf(..) => None,
        }
    };
    let edge_of = |e: End| -> Option<String> {
        match e {
            End::A(j) => match arg_as[j] {
                ArgAs::Reconstructed | ArgAs::Edge(_) => arg_edges[j].last().cloned().flatten(),
                ArgAs::Node => None,
            },
            End::Inf(j, k) => arg_edges[j].get(k).cloned().flatten(),
            End::S(_) => None,
        }
    };

    // The edges, each with where it stands in the file (for their order).
    struct E<'a> {
        order: usize,
        kind: &'static str,
        from: Vec<String>,
        to: String,
        fields: Vec<Field<'a>>,
        span: Span,
    }
    let mut edges: Vec<E> = vec![];
    let mut dropped_keys: Vec<String> = vec![];
    let mut absorbed: HashSet<usize> = HashSet::new();
    for &j in &arg_order {
        let a = &doc.args[j];
        match arg_as[j] {
            ArgAs::Reconstructed => {
                let n = a.steps.len();
                for (k, step) in a.steps.iter().enumerate() {
                    let from: Vec<String> =
                        step.premises.iter().map(|&p| stmt_id[p].clone()).collect();
                    edges.push(E {
                        order: a.order,
                        kind: "Support",
                        from,
                        to: stmt_id[step.conclusion].clone(),
                        fields: edge_fields(
                            a,
                            written(j),
                            arg_edges[j][k].clone(),
                            k + 1 == n,
                            &mut dropped_keys,
                        ),
                        span: a.at,
                    });
                }
            }
            ArgAs::Edge(out) => {
                let rel = &doc.rels[out];
                let from: Vec<String> = incoming[j]
                    .iter()
                    .filter(|&&r| doc.rels[r].kind == RelKind::Support)
                    .filter_map(|&r| node_of(doc.rels[r].from))
                    .collect();
                absorbed.extend(
                    incoming[j]
                        .iter()
                        .filter(|&&r| doc.rels[r].kind == RelKind::Support),
                );
                absorbed.insert(out);
                let (kind, to) = match rel.kind {
                    RelKind::Support => ("Support", node_of(rel.to)),
                    RelKind::Attack => match rel.to {
                        End::S(_) => ("Attack", node_of(rel.to)),
                        _ if arg_as_node(rel.to, &arg_as) => ("Attack", node_of(rel.to)),
                        _ => ("Undercut", edge_of(rel.to)),
                    },
                    _ => match edge_of(rel.to) {
                        Some(e) => ("Undercut", Some(e)),
                        None => ("Attack", node_of(rel.to)),
                    },
                };
                let Some(to) = to else {
                    continue;
                };
                edges.push(E {
                    order: a.order,
                    kind,
                    from,
                    to,
                    fields: edge_fields(
                        a,
                        written(j),
                        arg_edges[j][0].clone(),
                        true,
                        &mut dropped_keys,
                    ),
                    span: a.at,
                });
            }
            ArgAs::Node => {}
        }
    }
    // The other relations.
    let mut approximated = [0usize; 4];
    let mut dropped_rels = 0usize;
    let mut seen: HashSet<(&'static str, String, String)> = edges
        .iter()
        .map(|e| (e.kind, e.from.join("\u{0}"), e.to.clone()))
        .collect();
    for (r, rel) in doc.rels.iter().enumerate() {
        if absorbed.contains(&r) {
            continue;
        }
        let Some(from) = node_of(rel.from) else {
            dropped_rels += 1;
            continue;
        };
        let mut planned: Vec<(&'static str, String)> = vec![];
        let is_node_target = matches!(rel.to, End::S(_)) || arg_as_node(rel.to, &arg_as);
        match rel.kind {
            RelKind::Support => match rel.to {
                _ if is_node_target => planned.extend(node_of(rel.to).map(|t| ("Support", t))),
                End::A(_) => {
                    // Support of a reconstructed argument: of its conclusion.
                    approximated[0] += 1;
                    planned.extend(node_of(rel.to).map(|t| ("Support", t)));
                }
                _ => {}
            },
            RelKind::Attack => {
                if is_node_target {
                    planned.extend(node_of(rel.to).map(|t| ("Attack", t)));
                } else {
                    approximated[1] += 1;
                    planned.extend(edge_of(rel.to).map(|t| ("Undercut", t)));
                }
            }
            RelKind::Undercut => match edge_of(rel.to) {
                Some(t) => planned.push(("Undercut", t)),
                None => {
                    approximated[2] += 1;
                    planned.extend(node_of(rel.to).map(|t| ("Attack", t)));
                }
            },
            RelKind::Contradiction => {
                approximated[3] += 1;
                if let Some(t) = node_of(rel.to) {
                    planned.push(("Attack", t.clone()));
                    if let End::S(_) | End::A(_) = rel.to {
                        // And back.
                        edges_back(&mut edges, &mut seen, t, &from, rel.at);
                    }
                }
            }
        }
        if planned.is_empty() {
            dropped_rels += 1;
        }
        for (kind, to) in planned {
            if kind != "Undercut" && to == from {
                // An argument's conclusion related to itself: what its
                // reconstruction already says.
                continue;
            }
            if seen.insert((kind, from.clone(), to.clone())) {
                edges.push(E {
                    order: rel.at,
                    kind,
                    from: vec![from.clone()],
                    to,
                    fields: vec![],
                    span: Span::new(rel.at, rel.at + 1),
                });
            }
        }
    }
    fn edges_back<'a>(
        edges: &mut Vec<E<'a>>,
        seen: &mut HashSet<(&'static str, String, String)>,
        from: String,
        to: &str,
        at: usize,
    ) {
        if from != to && seen.insert(("Attack", from.clone(), to.to_string())) {
            edges.push(E {
                order: at,
                kind: "Attack",
                from: vec![from],
                to: to.to_string(),
                fields: vec![],
                span: Span::new(at, at + 1),
            });
        }
    }
    edges.sort_by_key(|e| e.order);

    // The groups: the front matter's, else one per section.
    let meta_fields: Vec<Field> = match &doc.meta {
        Some(Value {
            kind: Kind::Struct { fields, .. },
            ..
        }) => fields.clone(),
        Some(v) => {
            return Err(Diagnostics(vec![
                Diagnostic::error(
                    "E0744",
                    format!(
                        "bad data block: the front matter's `argmap` must be a mapping, found {}",
                        v.kind.describe()
                    ),
                )
                .at(v.span)
                .help("write `argmap: {\"conclusion\": \"id\"}`, or remove the key"),
            ]));
        }
        None => vec![],
    };
    let meta_groups = meta_fields.iter().any(|f| f.name == "groups");
    let mut section_group: Vec<Option<String>> = vec![None; doc.sections.len()];
    let mut groups_out: Vec<Value> = vec![];
    for (s, sec) in doc.sections.iter().enumerate() {
        let given = sec
            .data
            .iter()
            .find(|f| f.name == "group")
            .and_then(|f| match &f.value.kind {
                Kind::Str(x) => Some(x.to_string()),
                _ => None,
            });
        let is_group = !sec
            .data
            .iter()
            .any(|f| f.name == "isGroup" && f.value.kind == Kind::Bool(false));
        let id = match given {
            _ if !is_group => continue,
            Some(g) => g,
            None if meta_groups => continue,
            None => ids.claim(&sec.label),
        };
        section_group[s] = Some(id.clone());
        if !meta_groups {
            let mut fs = vec![
                field("id", Kind::Str(Cow::Owned(id)), sec.at),
                field("label", Kind::Str(Cow::Owned(sec.label.clone())), sec.at),
            ];
            if let Some(p) = sec.parent.and_then(|p| section_group[p].clone()) {
                fs.push(field("parent", Kind::Str(Cow::Owned(p)), sec.at));
            }
            groups_out.push(Value {
                kind: Kind::Struct {
                    name: None,
                    fields: fs,
                },
                span: sec.at,
            });
        }
    }
    let group_of = |sec: Option<usize>| -> Option<String> {
        let mut s = sec?;
        loop {
            if let Some(g) = &section_group[s] {
                return Some(g.clone());
            }
            s = doc.sections[s].parent?;
        }
    };

    // The nodes, in the order they are defined (or the front matter's).
    let mut nodes: Vec<(usize, String, Value)> = vec![];
    let mut defaults = 0usize;
    let mut node_value = |e: &Elem<'a>, id: &str, dropped: &mut Vec<String>| -> Value<'a> {
        let mut fs = vec![field("id", Kind::Str(Cow::Owned(id.to_string())), e.at)];
        let text = e
            .data
            .iter()
            .find(|f| f.name == "text")
            .map(|f| f.value.clone());
        fs.push(Field {
            name: "text",
            name_span: e.at,
            value: text.unwrap_or(Value {
                kind: Kind::Str(Cow::Owned(
                    e.text.clone().unwrap_or_else(|| e.title.clone()),
                )),
                span: e.at,
            }),
        });
        if !e.data.iter().any(|f| f.name == "kind") {
            fs.push(field("kind", Kind::Ident("Claim"), e.at));
        }
        if !e.data.iter().any(|f| f.name == "base") {
            defaults += 1;
            fs.push(field("base", Kind::Num(0.5), e.at));
        }
        if let Some(g) = group_of(e.section) {
            fs.push(field("group", Kind::Str(Cow::Owned(g)), e.at));
        }
        let mut tags: Vec<Value> = e
            .tags
            .iter()
            .map(|t| Value {
                kind: Kind::Str(Cow::Owned(t.clone())),
                span: e.at,
            })
            .collect();
        for f in &e.data {
            match f.name {
                "text" | "id" => {}
                "tags" => {
                    if let Kind::List(items) = &f.value.kind {
                        tags.extend(items.iter().cloned());
                    } else {
                        fs.push(f.clone());
                    }
                }
                "kind" => {
                    let mut f = f.clone();
                    if let Kind::Str(s) = &f.value.kind {
                        match s.as_ref() {
                            "Claim" => f.value.kind = Kind::Ident("Claim"),
                            "Evidence" => f.value.kind = Kind::Ident("Evidence"),
                            _ => {}
                        }
                    }
                    fs.push(f);
                }
                "base_range" => {
                    let mut f = f.clone();
                    pair(&mut f.value);
                    fs.push(f);
                }
                k if NODE_KEYS.contains(&k) => fs.push(f.clone()),
                k => dropped.push(k.to_string()),
            }
        }
        if !tags.is_empty() {
            fs.push(field("tags", Kind::List(tags), e.at));
        }
        Value {
            kind: Kind::Struct {
                name: None,
                fields: fs,
            },
            span: e.at,
        }
    };
    for &i in &stmt_order {
        let e = &doc.stmts[i];
        nodes.push((
            e.order,
            stmt_id[i].clone(),
            node_value(e, &stmt_id[i], &mut dropped_keys),
        ));
    }
    for &j in &arg_order {
        if let Some(id) = &arg_node[j] {
            let e = &doc.args[j];
            nodes.push((e.order, id.clone(), node_value(e, id, &mut dropped_keys)));
        }
    }
    nodes.sort_by_key(|n| n.0);
    if let Some(order) = meta_fields.iter().find(|f| f.name == "node_order")
        && let Kind::List(items) = &order.value.kind
    {
        let pos: HashMap<String, usize> = items
            .iter()
            .enumerate()
            .filter_map(|(k, v)| match &v.kind {
                Kind::Str(s) => Some((s.to_string(), k)),
                _ => None,
            })
            .collect();
        nodes.sort_by_key(|n| pos.get(&n.1).copied().unwrap_or(usize::MAX));
    }
    let weights_given = doc
        .args
        .iter()
        .any(|a| a.data.iter().any(|f| f.name == "weight"));

    // The conclusion: the file's, `--conclusion`, else the rule.
    let mut gf: Vec<Field> = vec![];
    if let Some(t) = &doc.title {
        gf.push(Field {
            name: "title",
            name_span: t.span,
            value: t.clone(),
        });
    }
    let meta_conclusion = meta_fields.iter().any(|f| f.name == "conclusion");
    let conclusion = match &opts.conclusion {
        Some(c) => Some(c.clone()),
        None if meta_conclusion => None,
        None => {
            let summary: Vec<(Vec<String>, String, bool)> = edges
                .iter()
                .map(|e| (e.from.clone(), e.to.clone(), e.kind == "Undercut"))
                .collect();
            pick_conclusion(&nodes, &summary, &mut warns, at0)
        }
    };
    if let Some(c) = conclusion {
        gf.push(field("conclusion", Kind::Str(Cow::Owned(c)), at0));
    }
    for f in &meta_fields {
        match f.name {
            "conclusion" if opts.conclusion.is_some() => {}
            "node_order" | "nodes" | "edges" | "title" => {}
            _ => gf.push(f.clone()),
        }
    }
    if !meta_groups {
        gf.push(field("groups", Kind::List(groups_out), at0));
    }
    gf.push(field(
        "nodes",
        Kind::List(nodes.into_iter().map(|n| n.2).collect()),
        at0,
    ));
    let edge_values: Vec<Value> = edges
        .into_iter()
        .map(|e| {
            let from = if e.from.len() == 1 {
                Kind::Str(Cow::Owned(e.from[0].clone()))
            } else {
                Kind::List(
                    e.from
                        .iter()
                        .map(|p| Value {
                            kind: Kind::Str(Cow::Owned(p.clone())),
                            span: e.span,
                        })
                        .collect(),
                )
            };
            let mut fs = vec![
                field("from", from, e.span),
                field("to", Kind::Str(Cow::Owned(e.to)), e.span),
            ];
            fs.extend(e.fields);
            Value {
                kind: Kind::Struct {
                    name: Some((e.kind, e.span)),
                    fields: fs,
                },
                span: e.span,
            }
        })
        .collect();
    gf.push(field("edges", Kind::List(edge_values), at0));
    let graph = Value {
        kind: Kind::Struct {
            name: None,
            fields: gf,
        },
        span: Span::new(0, text_len),
    };

    // What was approximated or dropped.
    let node_args = arg_node.iter().filter(|a| a.is_some()).count();
    if node_args > 0 {
        warns.push(
            Diagnostic::warning(
                "W0708",
                format!(
                    "{node_args} argument{} without a premise-conclusion structure became claim{} (the argument's description its text)",
                    plural(node_args),
                    plural(node_args)
                ),
            )
            .at(at0)
            .help("reconstruct an argument as `(1) premise ... ---- (n) conclusion` to make it an inference"),
        );
    }
    let labels = [
        "support of a reconstructed argument read as support of its conclusion",
        "attack on an argument read as an undercut of its inference",
        "undercut of a statement (or of an argument read as a claim) read as an attack",
        "contradiction read as an attack each way",
    ];
    let parts: Vec<String> = approximated
        .iter()
        .zip(labels)
        .filter(|(n, _)| **n > 0)
        .map(|(n, l)| format!("{n} {l}"))
        .collect();
    if !parts.is_empty() {
        warns.push(
            Diagnostic::warning(
                "W0709",
                format!("approximated relations: {}", parts.join("; ")),
            )
            .at(at0)
            .help("argmap relates statements and inferences; docs/formats.md gives the mapping"),
        );
    }
    let mut dropped: Vec<String> = vec![];
    if dropped_rels > 0 {
        dropped.push(format!(
            "{dropped_rels} relation{} with no statement to stand for an end",
            plural(dropped_rels)
        ));
    }
    dropped_keys.sort();
    dropped_keys.dedup();
    if !dropped_keys.is_empty() {
        dropped.push(format!(
            "data keys argmap has no field for: {}",
            dropped_keys.join(", ")
        ));
    }
    if !doc.front_keys.is_empty() {
        dropped.push(format!("front matter keys: {}", doc.front_keys.join(", ")));
    }
    if doc.other_texts > 0 {
        dropped.push(format!(
            "{} other text{} of statements already defined (an equivalence class keeps its first)",
            doc.other_texts,
            plural(doc.other_texts)
        ));
    }
    if doc.inference_rules > 0 {
        dropped.push(format!(
            "{} inference rule{}",
            doc.inference_rules,
            plural(doc.inference_rules)
        ));
    }
    if doc.markup > 0 {
        dropped.push("text formatting (bold, italics, link targets)".into());
    }
    if !dropped.is_empty() {
        warns.push(
            Diagnostic::warning("W0710", format!("dropped: {}", dropped.join("; ")))
                .at(at0)
                .help("argmap keeps statements, inferences and relations with their data (docs/formats.md)"),
        );
    }
    if defaults > 0 {
        let what = if weights_given {
            format!(
                "{defaults} node{} without a base got the neutral 0.5",
                plural(defaults)
            )
        } else {
            format!(
                "the Argdown file gives no base scores or weights: {defaults} node{} got the neutral base 0.5, every edge the weight 1",
                plural(defaults)
            )
        };
        warns.push(
            Diagnostic::warning("W0701", what)
            .at(at0)
            .help("the strengths then come from the structure alone; set `{base: 0.7}` on a statement, `{weight: 0.8}` on an argument"),
        );
    }
    let mut parsed = from_tree(&graph);
    warns.0.append(&mut parsed.diagnostics.0);
    parsed.diagnostics = warns;
    Ok(parsed)
}

/// An argument's edge fields: its id, and (on its last step) its data's
/// edge keys, and its description as the `note`.
fn edge_fields<'a>(
    a: &Elem<'a>,
    written: bool,
    id: Option<String>,
    last: bool,
    dropped: &mut Vec<String>,
) -> Vec<Field<'a>> {
    let mut fs = vec![];
    if let Some(id) = id {
        fs.push(field("id", Kind::Str(Cow::Owned(id)), a.at));
    }
    if !last {
        return fs;
    }
    for f in &a.data {
        if f.name == "id" {
            continue;
        }
        if EDGE_KEYS.contains(&f.name) {
            let mut f = f.clone();
            if f.name == "weight_range" {
                pair(&mut f.value);
            }
            fs.push(f);
        } else {
            dropped.push(f.name.to_string());
        }
    }
    if !written
        && !a.data.iter().any(|f| f.name == "note")
        && let Some(t) = &a.text
    {
        fs.push(field("note", Kind::Str(Cow::Owned(t.clone())), a.at));
    }
    fs
}

fn arg_as_node(e: End, arg_as: &[ArgAs]) -> bool {
    matches!(e, End::A(j) if arg_as[j] == ArgAs::Node)
}

/// The statement no inference starts from (a premise of no edge) that the most
/// edges end on; with several such, the first among those tied, and `W0702`.
fn pick_conclusion(
    nodes: &[(usize, String, Value)],
    edges: &[(Vec<String>, String, bool)],
    warns: &mut Diagnostics,
    at0: Span,
) -> Option<String> {
    let premise: HashSet<&str> = edges
        .iter()
        .flat_map(|e| e.0.iter().map(String::as_str))
        .collect();
    let candidates: Vec<&str> = nodes
        .iter()
        .map(|n| n.1.as_str())
        .filter(|id| !premise.contains(id))
        .collect();
    let mut into: HashMap<&str, usize> = HashMap::new();
    for e in edges.iter().filter(|e| !e.2) {
        *into.entry(e.1.as_str()).or_default() += 1;
    }
    let ends = |id: &str| into.get(id).copied().unwrap_or(0);
    let pool: Vec<&str> = if candidates.is_empty() {
        nodes.iter().map(|n| n.1.as_str()).collect()
    } else {
        candidates.clone()
    };
    let best = pool
        .iter()
        .copied()
        .max_by(|a, b| ends(a).cmp(&ends(b)).then(std::cmp::Ordering::Greater))?;
    if candidates.len() > 1 {
        let others: Vec<&str> = candidates
            .iter()
            .copied()
            .filter(|c| *c != best)
            .take(8)
            .collect();
        warns.push(
            Diagnostic::warning(
                "W0702",
                format!(
                    "{} statements start no inference; the conclusion is \"{best}\" (the most relations end on it); the others: {}{}",
                    candidates.len(),
                    others.join(", "),
                    if candidates.len() > 9 { ", ..." } else { "" }
                ),
            )
            .at(at0)
            .help("choose another with `argmap convert FILE --conclusion ID`, or score one with `--node ID`"),
        );
    }
    Some(best.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A block comment is blanked, line breaks kept; an unclosed one is E0741
    /// at its opening, with its fix, and the rest of the text is blanked.
    #[test]
    fn block_comments_are_blanked_and_unclosed_ones_named() {
        let mut errs = Diagnostics::default();
        let out = mask("a <!-- b\nc --> d /* e */ f", 0, &mut errs);
        assert_eq!(out, "a       \n      d         f");
        assert!(errs.is_empty());
        for (text, open, help) in [
            ("a <!-- b", "<!--", "close the comment with `-->`"),
            (
                "a /* b",
                "/*",
                "close the comment with `*/`, or escape the slash as `\\/`",
            ),
        ] {
            let mut errs = Diagnostics::default();
            assert_eq!(
                mask(text, 0, &mut errs),
                format!("a{}", " ".repeat(text.len() - 1))
            );
            let d: Vec<&Diagnostic> = errs.iter().collect();
            let close = if open == "/*" { "*/" } else { "-->" };
            assert_eq!(d.len(), 1);
            assert_eq!(
                (
                    d[0].code,
                    d[0].message.clone(),
                    d[0].span.map(|s| s.range())
                ),
                (
                    "E0741",
                    format!("unclosed comment: `{open}` has no `{close}`"),
                    Some(2..2 + open.len())
                )
            );
            assert_eq!(d[0].help, [help]);
        }
    }
}
