//! The canonical layout of argument files (`argmap fmt`, and the language
//! server's formatting).
//!
//! The formatter works on tokens, not on the model: every value is written back
//! exactly as it was typed (`0.70` stays `0.70`, a string keeps its escapes),
//! every comment is kept where it was (before an item, at the end of its line,
//! or before a closing bracket) and every paragraph break (one or more blank
//! lines) becomes one blank line. What changes is only whitespace, trailing
//! commas and, for the structs argmap knows, the order of fields (the order of
//! `docs/format.md`; a field it does not know stays after the field it followed).
//! It reads any RON, so fields it has never heard of are laid out by the same
//! rules.
//!
//! The layout:
//! * the top-level struct has one field per line;
//! * a list that holds structs (nodes, edges, groups, expectations) has one
//!   item per line or block;
//! * a value that fits in the line (100 columns) is written on one line;
//!   otherwise its fields go one block, short fields (at most 40 columns, like
//!   `id`, `kind`, `base`) packed on a line, longer ones and prose (`text`,
//!   `note`, `cite`) on their own lines;
//! * runs of one-line items in a list (edges, groups) are aligned in columns
//!   when the aligned lines still fit.
//!
//! The text must be RON (the syntax error is returned otherwise); the file may
//! have any schema problem. Formatting is idempotent.

use crate::diag::{Diagnostic, Diagnostics, Source, Span};

/// Columns a line may take.
const WIDTH: usize = 100;
/// A field whose one-line form is longer than this gets a line of its own.
const SHORT: usize = 40;
/// Fields of prose (and the citation) that start a line of their own in a
/// struct written as a block.
const PROSE: &[&str] = &["text", "note", "cite", "quote", "description"];
/// Indentation step.
const INDENT: usize = 4;
/// Nesting deeper than this is refused (the reader's limit is lower).
const MAX_DEPTH: usize = 256;

/// Formats an argument file in the canonical layout.
///
/// `Err` holds the syntax error (code `E0101`, the same as `argmap check`'s)
/// when the text is not RON. `E0199` (the formatter's own reading failed on
/// text the reader accepted) should never happen; it names the position.
///
/// ```
/// use argmap::{Source, format::format};
/// let src = Source::new("m.ron", "ArgumentGraph(conclusion: \"h\", title: \"T\", nodes: [], edges: [])");
/// let out = format(&src).unwrap();
/// assert_eq!(out, "ArgumentGraph(\n    title: \"T\",\n    conclusion: \"h\",\n    nodes: [],\n    edges: [],\n)\n");
/// ```
pub fn format(src: &Source) -> Result<String, Diagnostics> {
    // The positioned reader is the judge of syntax, with `check`'s message.
    crate::load::parse(src)?;
    let text = src.text();
    let tokens = lex(text).map_err(|span| {
        misplaced(
            span,
            "the reader accepted a token the formatter does not know",
        )
    })?;
    let mut p = Parser {
        toks: &tokens,
        text,
        pos: 0,
        depth: 0,
        pending: vec![],
    };
    let file = p.file()?;
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    file.print(&mut out);
    Ok(out)
}

/// A failure of the formatter's own reading, on text the reader accepted.
fn misplaced(span: Span, why: &str) -> Diagnostics {
    Diagnostics(vec![
        Diagnostic::error("E0199", format!("cannot format this file: {why}"))
            .at(span)
            .help("the file is left as it was; please report this with the file"),
    ])
}

// ---------------------------------------------------------------- tokens

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok {
    Open(u8),
    Close(u8),
    Comma,
    Colon,
    /// A string, number, identifier, character, or `#![...]` attribute.
    Atom,
    LineComment,
    BlockComment,
}

#[derive(Clone, Copy, Debug)]
struct Token {
    tok: Tok,
    span: Span,
    /// Newlines in the whitespace just before this token.
    newlines: u32,
}

fn lex(text: &str) -> Result<Vec<Token>, Span> {
    let s = text.as_bytes();
    let mut i = 0;
    let mut out = vec![];
    let mut newlines = 0u32;
    // A byte order mark is not part of the text's layout.
    if text.starts_with('\u{feff}') {
        i = 3;
    }
    while i < s.len() {
        let c = s[i];
        let start = i;
        let tok = match c {
            b'\n' => {
                newlines += 1;
                i += 1;
                continue;
            }
            b' ' | b'\t' | b'\r' => {
                i += 1;
                continue;
            }
            b'/' if s.get(i + 1) == Some(&b'/') => {
                while i < s.len() && s[i] != b'\n' {
                    i += 1;
                }
                Tok::LineComment
            }
            b'/' if s.get(i + 1) == Some(&b'*') => {
                let mut depth = 0usize;
                while i < s.len() {
                    if s[i] == b'/' && s.get(i + 1) == Some(&b'*') {
                        depth += 1;
                        i += 2;
                    } else if s[i] == b'*' && s.get(i + 1) == Some(&b'/') {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
                Tok::BlockComment
            }
            b'(' | b'[' | b'{' => {
                i += 1;
                Tok::Open(c)
            }
            b')' | b']' | b'}' => {
                i += 1;
                Tok::Close(c)
            }
            b',' => {
                i += 1;
                Tok::Comma
            }
            b':' => {
                i += 1;
                Tok::Colon
            }
            b'"' => {
                i = quoted(s, i, b'"');
                Tok::Atom
            }
            b'\'' => {
                i = quoted(s, i, b'\'');
                Tok::Atom
            }
            b'#' => {
                // `#![enable(...)]`: up to the bracket that closes it.
                let mut depth = 0usize;
                while i < s.len() {
                    match s[i] {
                        b'[' => depth += 1,
                        b']' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                i += 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                Tok::Atom
            }
            _ => {
                // Raw strings `r#"..."#`, byte strings `b"..."`, then words.
                let mut j = i;
                if s[j] == b'b' && matches!(s.get(j + 1), Some(b'"' | b'\'' | b'r')) {
                    j += 1;
                }
                if s.get(j) == Some(&b'r') && matches!(s.get(j + 1), Some(b'"' | b'#')) {
                    let mut k = j + 1;
                    let mut hashes = 0;
                    while s.get(k) == Some(&b'#') {
                        hashes += 1;
                        k += 1;
                    }
                    if s.get(k) == Some(&b'"') {
                        k += 1;
                        loop {
                            if k >= s.len() {
                                return Err(Span::new(start, s.len()));
                            }
                            if s[k] == b'"'
                                && s[k + 1..]
                                    .iter()
                                    .take(hashes)
                                    .filter(|&&b| b == b'#')
                                    .count()
                                    == hashes
                            {
                                k += 1 + hashes;
                                break;
                            }
                            k += 1;
                        }
                        i = k;
                        out.push(Token {
                            tok: Tok::Atom,
                            span: Span::new(start, i),
                            newlines,
                        });
                        newlines = 0;
                        continue;
                    }
                }
                if j > i && matches!(s.get(j), Some(b'"' | b'\'')) {
                    i = quoted(s, j, s[j]);
                } else {
                    while i < s.len()
                        && !matches!(
                            s[i],
                            b' ' | b'\t'
                                | b'\r'
                                | b'\n'
                                | b'('
                                | b')'
                                | b'['
                                | b']'
                                | b'{'
                                | b'}'
                                | b','
                                | b':'
                                | b'"'
                                | b'/'
                        )
                    {
                        i += 1;
                    }
                    if i == start {
                        return Err(Span::new(start, start + 1));
                    }
                }
                Tok::Atom
            }
        };
        out.push(Token {
            tok,
            span: Span::new(start, i),
            newlines,
        });
        newlines = 0;
    }
    Ok(out)
}

/// The end of a quoted string or character starting at `i` (escapes skipped).
fn quoted(s: &[u8], mut i: usize, q: u8) -> usize {
    i += 1;
    while i < s.len() {
        match s[i] {
            b'\\' => i += 2,
            c if c == q => return i + 1,
            _ => i += 1,
        }
    }
    s.len()
}

// ---------------------------------------------------------------- tree

/// A comment and whether a blank line came before it.
#[derive(Clone, Debug)]
struct Comment {
    text: String,
    blank_before: bool,
}

#[derive(Clone, Debug)]
enum Node {
    Atom(String),
    Seq {
        /// `Name` of `Name(...)`.
        name: Option<String>,
        open: u8,
        items: Vec<Item>,
        /// Comments after the last item, before the closing bracket.
        dangling: Vec<Comment>,
    },
}

#[derive(Clone, Debug)]
struct Item {
    leading: Vec<Comment>,
    /// A blank line between the leading comments (or the previous item) and this one.
    blank_before: bool,
    /// The field name or map key.
    key: Option<Node>,
    value: Node,
    /// A comment at the end of the item's line.
    trailing: Option<String>,
}

struct File {
    leading: Vec<Comment>,
    /// A blank line between the leading comments and what follows them.
    blank: bool,
    root: Node,
    trailing: Vec<Comment>,
}

struct Parser<'a> {
    toks: &'a [Token],
    text: &'a str,
    pos: usize,
    depth: usize,
    /// Comments met inside an item, to be written before it.
    pending: Vec<Comment>,
}

type Res<T> = Result<T, Diagnostics>;

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<Token> {
        self.toks.get(self.pos).copied()
    }

    fn slice(&self, t: Token) -> &'a str {
        &self.text[t.span.range()]
    }

    fn is_comment(t: Token) -> bool {
        matches!(t.tok, Tok::LineComment | Tok::BlockComment)
    }

    fn comment(&self, t: Token) -> String {
        self.slice(t).trim_end().to_string()
    }

    /// Comments before the next token; the second value says whether a blank
    /// line separates the last of them (or the previous token) from that token.
    fn comments(&mut self, first_in_container: bool) -> (Vec<Comment>, bool) {
        let mut v = vec![];
        while let Some(t) = self.peek().filter(|&t| Self::is_comment(t)) {
            let blank = t.newlines >= 2 && !(first_in_container && v.is_empty());
            v.push(Comment {
                text: self.comment(t),
                blank_before: blank,
            });
            self.pos += 1;
        }
        let blank =
            self.peek().is_some_and(|t| t.newlines >= 2) && !(first_in_container && v.is_empty());
        (v, blank)
    }

    /// A comment that starts on the line the previous token ended on.
    fn same_line_comment(&mut self) -> Option<String> {
        let t = self.peek()?;
        if Self::is_comment(t) && t.newlines == 0 {
            self.pos += 1;
            Some(self.comment(t))
        } else {
            None
        }
    }

    /// Comments where no comment can be kept in place (between a field's name
    /// and its value, before a comma on a later line): they go before the item
    /// they stand in.
    fn absorb(&mut self) {
        while let Some(t) = self.peek().filter(|&t| Self::is_comment(t)) {
            self.pending.push(Comment {
                text: self.comment(t),
                blank_before: false,
            });
            self.pos += 1;
        }
    }

    fn file(&mut self) -> Res<File> {
        // Comments and `#![enable(...)]` attributes, in file order.
        let mut leading = vec![];
        let blank = loop {
            let (mut c, blank) = self.comments(leading.is_empty());
            leading.append(&mut c);
            match self.peek() {
                Some(t) if t.tok == Tok::Atom && self.slice(t).starts_with('#') => {
                    leading.push(Comment {
                        text: self.slice(t).to_string(),
                        blank_before: blank,
                    });
                    self.pos += 1;
                }
                _ => break blank,
            }
        };
        let root = self.value()?;
        let mut trailing = std::mem::take(&mut self.pending);
        while let Some(t) = self.peek() {
            if !Self::is_comment(t) {
                return Err(misplaced(t.span, "text after the end of the value"));
            }
            trailing.push(Comment {
                text: self.comment(t),
                blank_before: t.newlines >= 2,
            });
            self.pos += 1;
        }
        Ok(File {
            leading,
            blank,
            root,
            trailing,
        })
    }

    fn value(&mut self) -> Res<Node> {
        self.absorb();
        let Some(t) = self.peek() else {
            return Err(misplaced(
                Span::new(self.text.len(), self.text.len()),
                "the file ends early",
            ));
        };
        match t.tok {
            Tok::Open(c) => self.seq(None, c),
            Tok::Atom => {
                self.pos += 1;
                let word = self.slice(t).to_string();
                if is_ident(&word) {
                    self.absorb();
                }
                if self.peek().is_some_and(|t| t.tok == Tok::Open(b'(')) && is_ident(&word) {
                    self.seq(Some(word), b'(')
                } else {
                    Ok(Node::Atom(word))
                }
            }
            _ => Err(misplaced(t.span, "unexpected punctuation")),
        }
    }

    fn seq(&mut self, name: Option<String>, open: u8) -> Res<Node> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let span = self.peek().map_or(Span::new(0, 0), |t| t.span);
            return Err(misplaced(span, "nesting too deep"));
        }
        self.pos += 1; // the opening bracket
        let close = match open {
            b'(' => b')',
            b'[' => b']',
            _ => b'}',
        };
        let mut items = vec![];
        let dangling;
        loop {
            let (leading, blank_before) = self.comments(items.is_empty());
            let t = self.peek().ok_or_else(|| {
                misplaced(
                    Span::new(self.text.len(), self.text.len()),
                    "the file ends early",
                )
            })?;
            if t.tok == Tok::Close(close) {
                self.pos += 1;
                dangling = leading;
                break;
            }
            let first = self.value()?;
            // Comments between a field's name and its colon.
            let mut k = self.pos;
            while self.toks.get(k).is_some_and(|&t| Self::is_comment(t)) {
                k += 1;
            }
            if self.toks.get(k).is_some_and(|t| t.tok == Tok::Colon) {
                self.absorb();
            }
            let (key, value) = if self.peek().is_some_and(|t| t.tok == Tok::Colon) {
                self.pos += 1;
                (Some(first), self.value()?)
            } else {
                (None, first)
            };
            // A comment right after the value, before the comma, on its line.
            let mut trailing = self.same_line_comment();
            // Comments on later lines: before a comma they go before the item;
            // before the closing bracket they stay there.
            let (mut after, _) = self.comments(false);
            let mut closed = false;
            match self.peek() {
                Some(t) if t.tok == Tok::Comma => {
                    self.pos += 1;
                    self.pending.append(&mut after);
                    if trailing.is_none() {
                        trailing = self.same_line_comment();
                    } else {
                        // A second comment on the line goes before the item.
                        while let Some(t) = self
                            .peek()
                            .filter(|&t| Self::is_comment(t) && t.newlines == 0)
                        {
                            self.pending.push(Comment {
                                text: self.comment(t),
                                blank_before: false,
                            });
                            self.pos += 1;
                        }
                    }
                }
                Some(t) if t.tok == Tok::Close(close) => closed = true,
                Some(t) => return Err(misplaced(t.span, "unexpected token")),
                None => {
                    return Err(misplaced(
                        Span::new(self.text.len(), self.text.len()),
                        "the file ends early",
                    ));
                }
            }
            let mut leading = leading;
            leading.append(&mut self.pending);
            items.push(Item {
                leading,
                blank_before,
                key,
                value,
                trailing,
            });
            if closed {
                self.pos += 1;
                dangling = after;
                break;
            }
        }
        self.depth -= 1;
        Ok(Node::Seq {
            name,
            open,
            items,
            dangling,
        })
    }
}

fn is_ident(w: &str) -> bool {
    let mut c = w.bytes();
    c.next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && c.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

// ---------------------------------------------------------------- field order

/// The fields of the structs argmap knows, in their canonical order (the order
/// of `docs/format.md`).
fn field_order(ctx: Ctx<'_>) -> Option<&'static [&'static str]> {
    use crate::model::fields::{CITE, EDGE, EXPECT, GRAPH, GROUP, NODE, SOURCE};
    match (ctx.name, ctx.field, ctx.list) {
        (_, _, _) if ctx.depth == 0 => Some(GRAPH),
        (Some("Node"), _, _) | (_, _, Some("nodes")) => Some(NODE),
        (Some("Support" | "Attack" | "Undercut"), _, _) | (_, _, Some("edges")) => Some(EDGE),
        (Some("Group"), _, _) | (_, _, Some("groups")) => Some(GROUP),
        (_, _, Some("expect")) => Some(EXPECT),
        (None, Some("cite"), _) => Some(CITE),
        (None, Some("source"), _) => Some(SOURCE),
        _ => None,
    }
}

/// Where a struct stands: its name, the field it is the value of, the field of
/// the list it is an item of, and its depth.
#[derive(Clone, Copy, Debug)]
struct Ctx<'a> {
    name: Option<&'a str>,
    field: Option<&'a str>,
    list: Option<&'a str>,
    depth: usize,
}

fn key_name(item: &Item) -> Option<&str> {
    match &item.key {
        Some(Node::Atom(k)) => Some(k),
        _ => None,
    }
}

/// Sorts the fields of a known struct into canonical order; a field the order
/// does not name stays after the field it followed. Structs with a repeated
/// field are left alone (which one counts is the reader's business).
fn reorder(items: &mut [Item], order: &[&str]) {
    let names: Vec<Option<&str>> = items.iter().map(key_name).collect();
    if names.iter().any(Option::is_none) {
        return;
    }
    let mut seen = std::collections::BTreeSet::new();
    if !names.iter().all(|n| seen.insert(*n)) {
        return;
    }
    let mut last = 0usize;
    let keys: Vec<(usize, usize)> = names
        .iter()
        .enumerate()
        .map(|(i, n)| match order.iter().position(|o| Some(*o) == *n) {
            Some(r) => {
                last = r + 1;
                (last, 0)
            }
            None => (last, i + 1),
        })
        .collect();
    let mut idx: Vec<usize> = (0..items.len()).collect();
    idx.sort_by_key(|&i| (keys[i], i));
    let sorted: Vec<Item> = idx.iter().map(|&i| items[i].clone()).collect();
    for (slot, it) in items.iter_mut().zip(sorted) {
        *slot = it;
    }
}

// ---------------------------------------------------------------- printing

impl File {
    fn print(mut self, out: &mut String) {
        for c in &self.leading {
            if c.blank_before {
                out.push('\n');
            }
            out.push_str(&c.text);
            out.push('\n');
        }
        if self.blank && !self.leading.is_empty() {
            out.push('\n');
        }
        canonical(
            &mut self.root,
            Ctx {
                name: None,
                field: None,
                list: None,
                depth: 0,
            },
        );
        let root_ctx = Ctx {
            name: None,
            field: None,
            list: None,
            depth: 0,
        };
        self.root.print(out, 0, 0, root_ctx);
        out.push('\n');
        for c in &self.trailing {
            if c.blank_before {
                out.push('\n');
            }
            out.push_str(&c.text);
            out.push('\n');
        }
    }
}

/// Puts the fields of every known struct into canonical order.
fn canonical(node: &mut Node, ctx: Ctx<'_>) {
    let Node::Seq {
        name, open, items, ..
    } = node
    else {
        return;
    };
    if *open == b'('
        && let Some(order) = field_order(Ctx {
            name: name.as_deref(),
            ..ctx
        })
    {
        reorder(items, order);
    }
    let is_list = *open == b'[';
    for it in items.iter_mut() {
        let field = key_name(it).map(str::to_string);
        let child_name = match &it.value {
            Node::Seq { name, .. } => name.clone(),
            Node::Atom(_) => None,
        };
        let cx = Ctx {
            name: child_name.as_deref(),
            field: field.as_deref(),
            list: if is_list { ctx.field } else { None },
            depth: ctx.depth + 1,
        };
        canonical(&mut it.value, cx);
    }
}

fn closing(open: u8) -> char {
    match open {
        b'(' => ')',
        b'[' => ']',
        _ => '}',
    }
}

impl Item {
    fn has_comments(&self) -> bool {
        !self.leading.is_empty() || self.trailing.is_some()
    }

    /// `key: value` on one line, if nothing in it forbids that.
    fn flat(&self) -> Option<String> {
        let v = self.value.flat()?;
        Some(match &self.key {
            Some(k) => format!("{}: {v}", k.flat()?),
            None => v,
        })
    }
}

impl Node {
    /// The value on one line, or `None` when a comment inside needs line breaks.
    fn flat(&self) -> Option<String> {
        match self {
            Node::Atom(a) => Some(a.clone()),
            Node::Seq {
                name,
                open,
                items,
                dangling,
            } => {
                if !dangling.is_empty() || items.iter().any(Item::has_comments) {
                    return None;
                }
                let mut s = name.clone().unwrap_or_default();
                s.push(*open as char);
                for (i, it) in items.iter().enumerate() {
                    if i > 0 {
                        s.push_str(", ");
                    }
                    s.push_str(&it.flat()?);
                }
                s.push(closing(*open));
                Some(s)
            }
        }
    }

    /// Whether the value must be broken over lines whatever its width: the
    /// top-level struct, and lists of structs.
    fn must_break(&self, ctx: Ctx<'_>) -> bool {
        match self {
            Node::Atom(_) => false,
            Node::Seq { open, items, .. } => {
                ctx.depth == 0
                    || (*open == b'['
                        && items
                            .iter()
                            .any(|it| matches!(it.value, Node::Seq { open: b'(', .. })))
            }
        }
    }

    /// Writes the value starting at column `col` (the line is already indented
    /// to `indent`); `suffix` is how many columns follow it on its line.
    fn print(&self, out: &mut String, indent: usize, col: usize, ctx: Ctx<'_>) {
        self.print_with(out, indent, col, 1, ctx);
    }

    fn print_with(&self, out: &mut String, indent: usize, col: usize, suffix: usize, ctx: Ctx<'_>) {
        if !self.must_break(ctx)
            && let Some(f) = self.flat()
            && col + width(&f) + suffix <= WIDTH
        {
            out.push_str(&f);
            return;
        }
        let Node::Seq {
            name,
            open,
            items,
            dangling,
        } = self
        else {
            // An atom too long for the line stays whole.
            if let Node::Atom(a) = self {
                out.push_str(a);
            }
            return;
        };
        if let Some(n) = name {
            out.push_str(n);
        }
        out.push(*open as char);
        out.push('\n');
        let inner = indent + INDENT;
        let pack = *open == b'(' && ctx.depth > 0;
        let is_list = *open == b'[';
        let aligned = if is_list {
            align(items, inner)
        } else {
            vec![None; items.len()]
        };
        let mut line_open = false; // a packed line is being filled
        let mut line_col = 0;
        for (i, it) in items.iter().enumerate() {
            let field = key_name(it);
            let child_ctx = Ctx {
                name: match &it.value {
                    Node::Seq { name, .. } => name.as_deref(),
                    Node::Atom(_) => None,
                },
                field,
                list: if is_list { ctx.field } else { None },
                depth: ctx.depth + 1,
            };
            let flat = if it.value.must_break(child_ctx) {
                None
            } else {
                it.flat()
            };
            let prose = field.is_some_and(|f| PROSE.contains(&f));
            let short = flat.as_ref().filter(|f| width(f) <= SHORT && !prose);
            // Continue a packed line with a short field that fits.
            if pack
                && line_open
                && it.leading.is_empty()
                && !it.blank_before
                && let Some(f) = short
                && line_col + width(f) + 2 <= WIDTH
            {
                out.push(' ');
                out.push_str(f);
                out.push(',');
                line_col += 1 + width(f) + 1;
                if let Some(c) = &it.trailing {
                    out.push(' ');
                    out.push_str(c);
                    out.push('\n');
                    line_open = false;
                }
                continue;
            }
            if line_open {
                out.push('\n');
                line_open = false;
            }
            if it.blank_before && i > 0 && it.leading.is_empty() {
                out.push('\n');
            }
            for (k, c) in it.leading.iter().enumerate() {
                if c.blank_before && (i > 0 || k > 0) {
                    out.push('\n');
                }
                push_indent(out, inner);
                out.push_str(&c.text);
                out.push('\n');
            }
            if it.blank_before && !it.leading.is_empty() {
                out.push('\n');
            }
            push_indent(out, inner);
            let start = out.len();
            if let Some(a) = &aligned[i] {
                out.push_str(a);
            } else {
                if let Some(k) = &it.key {
                    k.print(out, inner, inner, child_ctx);
                    out.push_str(": ");
                }
                let col = inner + width(&out[start..]);
                it.value.print_with(out, inner, col, 1, child_ctx);
            }
            out.push(',');
            let last_line = out[start..].rsplit('\n').next().unwrap_or("");
            let single = !out[start..].contains('\n');
            if let Some(c) = &it.trailing {
                out.push(' ');
                out.push_str(c);
                out.push('\n');
            } else if pack && single && short.is_some() {
                line_open = true;
                line_col = inner + width(last_line);
            } else {
                out.push('\n');
            }
        }
        if line_open {
            out.push('\n');
        }
        for (k, c) in dangling.iter().enumerate() {
            if c.blank_before && (k > 0 || !items.is_empty()) {
                out.push('\n');
            }
            push_indent(out, inner);
            out.push_str(&c.text);
            out.push('\n');
        }
        push_indent(out, indent);
        out.push(closing(*open));
    }
}

/// One-line items of a list, aligned in columns where that fits: each run of
/// consecutive items that are named structs on one line (no comment or blank
/// line between them) gets its fields padded so that the n-th field starts at
/// the same column on every line of the run.
fn align(items: &[Item], indent: usize) -> Vec<Option<String>> {
    let mut out = vec![None; items.len()];
    let segments = |it: &Item| -> Option<Vec<String>> {
        if it.key.is_some() || it.has_comments() {
            return None;
        }
        let Node::Seq {
            name: Some(n),
            open: b'(',
            items,
            dangling,
        } = &it.value
        else {
            return None;
        };
        if !dangling.is_empty() || items.is_empty() {
            return None;
        }
        let mut segs = vec![];
        for (i, f) in items.iter().enumerate() {
            let mut s = if i == 0 {
                format!("{n}(")
            } else {
                String::new()
            };
            s.push_str(&f.flat()?);
            if i + 1 < items.len() {
                s.push_str(", ");
            } else {
                s.push(')');
            }
            segs.push(s);
        }
        // Items too wide for one line are laid out as blocks, not aligned.
        (indent + segs.iter().map(|s| width(s)).sum::<usize>() < WIDTH).then_some(segs)
    };
    let mut i = 0;
    while i < items.len() {
        let Some(first) = segments(&items[i]) else {
            i += 1;
            continue;
        };
        let mut run = vec![first];
        let mut j = i + 1;
        while j < items.len() && !items[j].blank_before {
            match segments(&items[j]) {
                Some(s) => run.push(s),
                None => break,
            }
            j += 1;
        }
        if run.len() >= 2 {
            let cols = run.iter().map(Vec::len).max().unwrap_or(0);
            let mut widths = vec![0; cols];
            for segs in &run {
                // The last segment of a line is not padded.
                for (k, s) in segs.iter().enumerate().take(segs.len() - 1) {
                    widths[k] = widths[k].max(width(s));
                }
            }
            let lines: Vec<String> = run
                .iter()
                .map(|segs| {
                    let mut l = String::new();
                    for (k, s) in segs.iter().enumerate() {
                        l.push_str(s);
                        if k + 1 < segs.len() {
                            l.push_str(&" ".repeat(widths[k] - width(s)));
                        }
                    }
                    l
                })
                .collect();
            if lines.iter().all(|l| indent + width(l) < WIDTH) {
                for (k, l) in lines.into_iter().enumerate() {
                    out[i + k] = Some(l);
                }
            }
        }
        i = j;
    }
    out
}

fn width(s: &str) -> usize {
    s.chars().count()
}

fn push_indent(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}
