//! A RON reader that keeps positions.
//!
//! `ron` (the crate) checks syntax and gives the first syntax error's position,
//! but serde drops every position once a value is parsed, and stops at the first
//! unknown field. To point at a duplicate id or a dangling edge, and to report all
//! schema problems at once, this module reads RON into a small tree of
//! [`Value`]s, each with its byte [`Span`]. It follows ron's grammar
//! (`docs/grammar.md` of the ron repository): comments, named and anonymous
//! structs and tuples, lists, maps, strings (with escapes and raw strings),
//! numbers (including `inf` and `NaN`), booleans, chars and identifiers.

use std::borrow::Cow;

use crate::diag::Span;

/// Nesting deeper than this is refused (a stack guard, far above any real file).
pub(crate) const MAX_DEPTH: usize = 128;

/// A parsed RON value with its span. Names and strings borrow from the text
/// (a string is copied only when it has escapes).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Value<'a> {
    pub kind: Kind<'a>,
    pub span: Span,
}

/// A named field `name: value` of a struct.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Field<'a> {
    pub name: &'a str,
    pub name_span: Span,
    pub value: Value<'a>,
}

/// A field `name: kind` whose name and value both point at `span`: how the
/// readers of other formats (JSON, AIF, Argdown) build the tree the loader reads.
pub(crate) fn field<'a>(name: &'static str, kind: Kind<'a>, span: Span) -> Field<'a> {
    Field {
        name,
        name_span: span,
        value: Value { kind, span },
    }
}

/// `[low, high]` (a JSON array) as the tuple `(low, high)` the loader reads
/// for a range; any other value is left as it is.
pub(crate) fn pair(v: &mut Value) {
    if let Kind::List(items) = &mut v.kind
        && items.len() == 2
    {
        v.kind = Kind::Tuple {
            name: None,
            items: std::mem::take(items),
        };
    }
}

/// What a value is.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Kind<'a> {
    Str(Cow<'a, str>),
    Num(f64),
    Bool(bool),
    Char(char),
    /// A bare identifier such as `Claim` or `None`.
    Ident(&'a str),
    /// `Name(field: v, ...)` or `(field: v, ...)`.
    Struct {
        name: Option<(&'a str, Span)>,
        fields: Vec<Field<'a>>,
    },
    /// `Name(v, ...)` or `(v, ...)`; `Some(v)` is a tuple named `Some`.
    Tuple {
        name: Option<(&'a str, Span)>,
        items: Vec<Value<'a>>,
    },
    List(Vec<Value<'a>>),
    Map(Vec<(Value<'a>, Value<'a>)>),
}

/// A top-level list whose items [`parse_streaming`] hands to a [`Sink`] one by one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stream {
    /// The `nodes` field of the top-level struct.
    Nodes,
    /// The `edges` field of the top-level struct.
    Edges,
}

/// Receives the items of the streamed lists, in file order.
pub(crate) trait Sink<'a> {
    /// One item of the list `list`, just parsed.
    fn item(&mut self, list: Stream, value: &Value<'a>);
}

impl Kind<'_> {
    /// A short description for "expected X, found Y" messages.
    pub fn describe(&self) -> String {
        match self {
            Kind::Str(_) => "a string".into(),
            Kind::Num(_) => "a number".into(),
            Kind::Bool(_) => "a boolean".into(),
            Kind::Char(_) => "a character".into(),
            Kind::Ident(i) => format!("the identifier `{i}`"),
            Kind::Struct {
                name: Some((n, _)), ..
            }
            | Kind::Tuple {
                name: Some((n, _)), ..
            } => {
                format!("`{n}(...)`")
            }
            Kind::Struct { .. } => "a struct `(...)`".into(),
            Kind::Tuple { .. } => "a tuple `(...)`".into(),
            Kind::List(_) => "a list `[...]`".into(),
            Kind::Map(_) => "a map `{...}`".into(),
        }
    }
}

/// A syntax error: where and what.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct SyntaxError {
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
}

/// Boxed, so that a parse result is no larger than its value.
type Res<T> = Result<T, Box<SyntaxError>>;

fn fail<T>(e: SyntaxError) -> Res<T> {
    Err(Box::new(e))
}

/// Parses one RON value that fills the whole text.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn parse(text: &str) -> Res<Value<'_>> {
    parse_with(text, None)
}

/// Parses one RON value that fills the whole text, like [`parse`], except that
/// the items of the first `nodes` and the first `edges` field of the top-level
/// struct (when that field's value is a list) go to `sink` as soon as each is
/// parsed; in the returned tree those lists are empty (with their spans). The
/// whole tree of a large file is never held at once.
pub(crate) fn parse_streaming<'a>(text: &'a str, sink: &mut dyn Sink<'a>) -> Res<Value<'a>> {
    parse_with(text, Some(sink))
}

fn parse_with<'a>(text: &'a str, sink: Option<&mut dyn Sink<'a>>) -> Res<Value<'a>> {
    let mut p = Parser {
        s: text.as_bytes(),
        text,
        pos: 0,
        depth: 0,
        sink,
        pending: None,
        seen: [false; 2],
        spare: vec![],
    };
    p.skip_ws()?;
    // `#![enable(...)]` extension attributes may precede the value.
    while p.peek() == Some(b'#') {
        p.skip_attribute()?;
        p.skip_ws()?;
    }
    let v = p.value()?;
    p.skip_ws()?;
    if p.pos < p.s.len() {
        return fail(p.err_here(
            "unexpected text after the end of the value",
            Some("remove it, or check for an extra `)`".into()),
        ));
    }
    Ok(v)
}

struct Parser<'a, 's> {
    s: &'a [u8],
    text: &'a str,
    pos: usize,
    depth: usize,
    /// Where the items of streamed lists go (none: keep every list).
    sink: Option<&'s mut dyn Sink<'a>>,
    /// Set just before parsing the value of a field to stream, if it is a list.
    pending: Option<Stream>,
    /// Whether a top-level `nodes` / `edges` field was met (only the first streams).
    seen: [bool; 2],
    /// Emptied field lists of streamed items, reused for the next ones.
    spare: Vec<Vec<Field<'a>>>,
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

fn is_ident_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

impl<'a> Parser<'a, '_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn peek_at(&self, n: usize) -> Option<u8> {
        self.s.get(self.pos + n).copied()
    }

    fn here(&self) -> Span {
        let end = (self.pos + 1).min(self.s.len());
        let mut end = end.max(self.pos);
        while end < self.s.len() && !self.text.is_char_boundary(end) {
            end += 1;
        }
        Span::new(self.pos, end)
    }

    fn err_here(&self, msg: &str, help: Option<String>) -> SyntaxError {
        SyntaxError {
            span: self.here(),
            message: msg.into(),
            help,
        }
    }

    fn found(&self) -> String {
        match self.text[self.pos..].chars().next() {
            None => "the end of the file".into(),
            Some(c) => format!("`{}`", c.escape_debug()),
        }
    }

    fn skip_ws(&mut self) -> Res<()> {
        let s = self.s;
        loop {
            // Plain whitespace, the usual case, in a tight loop.
            while let Some(b' ' | b'\t' | b'\n' | b'\r') = s.get(self.pos) {
                self.pos += 1;
            }
            match self.peek() {
                Some(b'/') if self.peek_at(1) == Some(b'/') => {
                    self.pos += s[self.pos..]
                        .iter()
                        .position(|&c| c == b'\n')
                        .unwrap_or(s.len() - self.pos);
                }
                Some(b'/') if self.peek_at(1) == Some(b'*') => {
                    let start = self.pos;
                    self.pos += 2;
                    let mut level = 1;
                    while level > 0 {
                        match (self.peek(), self.peek_at(1)) {
                            (None, _) => {
                                return fail(SyntaxError {
                                    span: Span::new(start, start + 2),
                                    message: "unclosed block comment".into(),
                                    help: Some("close it with `*/`".into()),
                                });
                            }
                            (Some(b'*'), Some(b'/')) => {
                                level -= 1;
                                self.pos += 2;
                            }
                            (Some(b'/'), Some(b'*')) => {
                                level += 1;
                                self.pos += 2;
                            }
                            _ => self.pos += 1,
                        }
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    fn skip_attribute(&mut self) -> Res<()> {
        // `#![enable(implicit_some)]`: skip to the matching `]`.
        let start = self.pos;
        while let Some(c) = self.peek() {
            self.pos += 1;
            if c == b']' {
                return Ok(());
            }
        }
        fail(SyntaxError {
            span: Span::new(start, start + 1),
            message: "unclosed attribute".into(),
            help: Some("close it with `]`".into()),
        })
    }

    fn ident(&mut self) -> (&'a str, Span) {
        let start = self.pos;
        // raw identifiers `r#name`
        if self.peek() == Some(b'r') && self.peek_at(1) == Some(b'#') {
            self.pos += 2;
        }
        let s = self.s;
        while s.get(self.pos).is_some_and(|&c| is_ident_char(c)) {
            self.pos += 1;
        }
        let text = self.text;
        let raw = &text[start..self.pos];
        // `r#` is consumed at most once above, so one strip is enough.
        (
            raw.strip_prefix("r#").unwrap_or(raw),
            Span::new(start, self.pos),
        )
    }

    fn value(&mut self) -> Res<Value<'a>> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return fail(
                self.err_here(
                    &format!("nesting deeper than {MAX_DEPTH} levels"),
                    Some(
                        "an argument file nests at most a few levels; check for unclosed brackets"
                            .into(),
                    ),
                ),
            );
        }
        let v = self.value_inner();
        self.depth -= 1;
        v
    }

    fn value_inner(&mut self) -> Res<Value<'a>> {
        let start = self.pos;
        let stream = self.pending.take();
        match self.peek() {
            None => fail(self.err_here(
                "expected a value, found the end of the file",
                Some("the file seems cut short: close every `(` and `[`".into()),
            )),
            Some(b'"') => {
                let s = self.string()?;
                Ok(Value {
                    kind: Kind::Str(s),
                    span: Span::new(start, self.pos),
                })
            }
            Some(b'r')
                if matches!(self.peek_at(1), Some(b'"' | b'#')) && self.raw_string_ahead() =>
            {
                let s = self.raw_string()?;
                Ok(Value {
                    kind: Kind::Str(s),
                    span: Span::new(start, self.pos),
                })
            }
            Some(b'\'') => self.char_lit(),
            Some(b'[') => {
                self.pos += 1;
                let items = self.items(b']', start, stream)?;
                Ok(Value {
                    kind: Kind::List(items),
                    span: Span::new(start, self.pos),
                })
            }
            Some(b'{') => {
                self.pos += 1;
                let mut items = vec![];
                loop {
                    self.skip_ws()?;
                    if self.peek() == Some(b'}') {
                        self.pos += 1;
                        break;
                    }
                    let k = self.value()?;
                    self.skip_ws()?;
                    if self.peek() != Some(b':') {
                        return fail(self.err_here(
                            &format!("expected `:` after a map key, found {}", self.found()),
                            None,
                        ));
                    }
                    self.pos += 1;
                    self.skip_ws()?;
                    let v = self.value()?;
                    items.push((k, v));
                    self.skip_ws()?;
                    match self.peek() {
                        Some(b',') => self.pos += 1,
                        Some(b'}') => {
                            self.pos += 1;
                            break;
                        }
                        _ => return fail(self.expected_sep("}", start)),
                    }
                }
                Ok(Value {
                    kind: Kind::Map(items),
                    span: Span::new(start, self.pos),
                })
            }
            Some(b'(') => self.parens(None, start),
            Some(c) if c.is_ascii_digit() || c == b'-' || c == b'+' || c == b'.' => self.number(),
            Some(c) if is_ident_start(c) => {
                let (name, span) = self.ident();
                match name {
                    "true" => {
                        return Ok(Value {
                            kind: Kind::Bool(true),
                            span,
                        });
                    }
                    "false" => {
                        return Ok(Value {
                            kind: Kind::Bool(false),
                            span,
                        });
                    }
                    "inf" => {
                        return Ok(Value {
                            kind: Kind::Num(f64::INFINITY),
                            span,
                        });
                    }
                    "NaN" => {
                        return Ok(Value {
                            kind: Kind::Num(f64::NAN),
                            span,
                        });
                    }
                    _ => {}
                }
                let save = self.pos;
                self.skip_ws()?;
                if self.peek() == Some(b'(') {
                    let open = self.pos;
                    self.parens(Some((name, span)), open).map(|mut v| {
                        v.span = Span::new(start, v.span.end as usize);
                        v
                    })
                } else {
                    self.pos = save;
                    Ok(Value {
                        kind: Kind::Ident(name),
                        span,
                    })
                }
            }
            Some(_) => {
                let found = self.found();
                let help =
                    if self.peek() == Some(b'\'') || found.contains('“') || found.contains('”')
                    {
                        Some("strings are written in straight double quotes: \"...\"".to_string())
                    } else {
                        None
                    };
                fail(self.err_here(&format!("expected a value, found {found}"), help))
            }
        }
    }

    fn expected_sep(&self, close: &str, open: usize) -> SyntaxError {
        let found = self.found();
        let mut e = self.err_here(
            &format!("expected `,` or `{close}`, found {found}"),
            Some(format!(
                "add a comma between items, or close the bracket opened at {} with `{close}`",
                self.line_col(open)
            )),
        );
        if self.peek().is_none() {
            e.message = format!("the file ends before the closing `{close}`");
            e.help = Some(format!(
                "the file seems cut short: close the bracket opened at {} with `{close}`",
                self.line_col(open)
            ));
        }
        e
    }

    /// Adds a hint to a missing-separator error `e` right after `value`: a
    /// string that runs over several lines has probably lost its closing quote.
    fn after_value(&self, mut e: SyntaxError, value: &Value<'_>) -> SyntaxError {
        if let Kind::Str(s) = &value.kind
            && s.contains('\n')
            && !self.text[value.span.range()].starts_with('r')
        {
            let hint = format!(
                "the string that starts at {} runs over several lines: is its closing `\"` missing?",
                self.line_col(value.span.start as usize)
            );
            e.help = Some(match e.help {
                Some(h) => format!("{hint}; otherwise {h}"),
                None => hint,
            });
        }
        e
    }

    /// `line L, column C` (1-based, columns in characters) of byte `at`.
    fn line_col(&self, at: usize) -> String {
        let before = &self.text[..at];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        format!("line {line}, column {col}")
    }

    /// The comma-separated values up to and including `close` (the opening
    /// bracket, at byte `start`, is already consumed); a trailing comma is allowed.
    /// With `stream`, the items go to the sink and the returned list is empty.
    fn items(&mut self, close: u8, start: usize, stream: Option<Stream>) -> Res<Vec<Value<'a>>> {
        let mut items: Vec<Value<'a>> = vec![];
        loop {
            self.skip_ws()?;
            if self.peek() == Some(close) {
                self.pos += 1;
                return Ok(items);
            }
            let item = self.value()?;
            self.skip_ws()?;
            let last = match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    false
                }
                Some(c) if c == close => {
                    self.pos += 1;
                    true
                }
                _ => {
                    let close = if close == b']' { "]" } else { ")" };
                    let e = self.expected_sep(close, start);
                    return fail(self.after_value(e, &item));
                }
            };
            match (stream, self.sink.as_deref_mut()) {
                (Some(list), Some(sink)) => {
                    sink.item(list, &item);
                    if let Kind::Struct { mut fields, .. } = item.kind {
                        fields.clear();
                        self.spare.push(fields);
                    }
                }
                _ => items.push(item),
            }
            if last {
                return Ok(items);
            }
        }
    }

    fn raw_string_ahead(&self) -> bool {
        let mut i = self.pos + 1;
        while self.s.get(i) == Some(&b'#') {
            i += 1;
        }
        self.s.get(i) == Some(&b'"')
    }

    /// `(` ... `)`: a struct if it starts with `ident:`, else a tuple.
    fn parens(&mut self, name: Option<(&'a str, Span)>, start: usize) -> Res<Value<'a>> {
        debug_assert_eq!(self.peek(), Some(b'('));
        self.pos += 1;
        self.skip_ws()?;
        let is_struct = {
            let save = self.pos;
            let mut ahead = false;
            if self.peek().is_some_and(is_ident_start) {
                self.ident();
                let _ = self.skip_ws();
                ahead = self.peek() == Some(b':') && self.peek_at(1) != Some(b':');
            }
            self.pos = save;
            ahead
        };
        if is_struct {
            let mut fields = self.spare.pop().unwrap_or_default();
            loop {
                self.skip_ws()?;
                if self.peek() == Some(b')') {
                    self.pos += 1;
                    break;
                }
                if self.peek().is_none() {
                    return fail(self.expected_sep(")", start));
                }
                if !self.peek().is_some_and(is_ident_start) {
                    let mut help = "fields are written `name: value`, separated by commas".into();
                    // `base: 0,5`: a decimal comma splits the number in two.
                    let before = self.text[..self.pos].trim_end();
                    if let (Some(b'0'..=b'9'), Some(v)) = (self.peek(), fields.last())
                        && matches!(
                            v,
                            Field {
                                value: Value {
                                    kind: Kind::Num(_),
                                    ..
                                },
                                ..
                            }
                        )
                        && before.ends_with(',')
                        && before[..before.len() - 1].ends_with(|c: char| c.is_ascii_digit())
                    {
                        let int = &self.text[v.value.span.range()];
                        let frac: String = self.text[self.pos..]
                            .chars()
                            .take_while(char::is_ascii_digit)
                            .collect();
                        help = format!(
                            "decimals are written with a point: `{int}.{frac}`, not `{int},{frac}`"
                        );
                    }
                    return fail(self.err_here(
                        &format!("expected a field name, found {}", self.found()),
                        Some(help),
                    ));
                }
                let (fname, name_span) = self.ident();
                self.skip_ws()?;
                if self.peek() != Some(b':') {
                    return fail(self.err_here(
                        &format!(
                            "expected `:` after field name `{fname}`, found {}",
                            self.found()
                        ),
                        Some(format!("write `{fname}: value`")),
                    ));
                }
                self.pos += 1;
                self.skip_ws()?;
                if self.depth == 1 && self.sink.is_some() {
                    self.mark_stream(fname);
                }
                let value = self.value()?;
                self.skip_ws()?;
                match self.peek() {
                    Some(b',') => self.pos += 1,
                    Some(b')') => {
                        self.pos += 1;
                        fields.push(Field {
                            name: fname,
                            name_span,
                            value,
                        });
                        break;
                    }
                    _ => return fail(self.after_value(self.expected_sep(")", start), &value)),
                }
                fields.push(Field {
                    name: fname,
                    name_span,
                    value,
                });
            }
            Ok(Value {
                kind: Kind::Struct { name, fields },
                span: Span::new(start, self.pos),
            })
        } else {
            let items = self.items(b')', start, None)?;
            Ok(Value {
                kind: Kind::Tuple { name, items },
                span: Span::new(start, self.pos),
            })
        }
    }

    /// In the top-level struct, before the value of field `name`: stream it if
    /// it is the first `nodes` or `edges` field and its value is a list.
    fn mark_stream(&mut self, name: &str) {
        let list = match name {
            "nodes" => Stream::Nodes,
            "edges" => Stream::Edges,
            _ => return,
        };
        let seen = &mut self.seen[list as usize];
        if !*seen {
            *seen = true;
            if self.peek() == Some(b'[') {
                self.pending = Some(list);
            }
        }
    }

    fn number(&mut self) -> Res<Value<'a>> {
        let start = self.pos;
        let mut neg = false;
        if let Some(c @ (b'-' | b'+')) = self.peek() {
            neg = c == b'-';
            self.pos += 1;
        }
        if self.peek().is_some_and(is_ident_start) {
            let (name, span) = self.ident();
            let v = match name {
                "inf" => f64::INFINITY,
                "NaN" => f64::NAN,
                _ => {
                    return fail(SyntaxError {
                        span,
                        message: format!("expected a number after the sign, found `{name}`"),
                        help: None,
                    });
                }
            };
            return Ok(Value {
                kind: Kind::Num(if neg { -v } else { v }),
                span: Span::new(start, self.pos),
            });
        }
        let digits_start = self.pos;
        if self.peek() == Some(b'0') && matches!(self.peek_at(1), Some(b'x' | b'b' | b'o')) {
            let radix = match self.peek_at(1) {
                Some(b'x') => 16,
                Some(b'b') => 2,
                _ => 8,
            };
            self.pos += 2;
            let ds = self.pos;
            while self
                .peek()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_')
            {
                self.pos += 1;
            }
            let raw: String = self.text[ds..self.pos]
                .chars()
                .filter(|&c| c != '_')
                .collect();
            let v = u64::from_str_radix(&raw, radix).map_err(|_| SyntaxError {
                span: Span::new(start, self.pos),
                message: format!("`{}` is not a valid number", &self.text[start..self.pos]),
                help: None,
            })? as f64;
            return Ok(Value {
                kind: Kind::Num(if neg { -v } else { v }),
                span: Span::new(start, self.pos),
            });
        }
        while let Some(c) = self.peek() {
            let exp_sign =
                matches!(c, b'+' | b'-') && matches!(self.s.get(self.pos - 1), Some(b'e' | b'E'));
            if c.is_ascii_digit() || c == b'_' || c == b'.' || c == b'e' || c == b'E' || exp_sign {
                self.pos += 1;
            } else {
                break;
            }
        }
        // Rust-style suffixes (`1f64`, `3u8`) are allowed by ron.
        let body_end = self.pos;
        while self.peek().is_some_and(is_ident_char) {
            self.pos += 1;
        }
        let digits = &self.text[digits_start..body_end];
        let raw: Cow<'_, str> = if digits.contains('_') {
            digits
                .chars()
                .filter(|&c| c != '_')
                .collect::<String>()
                .into()
        } else {
            digits.into()
        };
        let suffix = &self.text[body_end..self.pos];
        let ok_suffix = matches!(
            suffix,
            "" | "f32"
                | "f64"
                | "i8"
                | "i16"
                | "i32"
                | "i64"
                | "i128"
                | "u8"
                | "u16"
                | "u32"
                | "u64"
                | "u128"
                | "isize"
                | "usize"
        );
        match raw.parse::<f64>() {
            Ok(v) if ok_suffix && !raw.is_empty() => Ok(Value {
                kind: Kind::Num(if neg { -v } else { v }),
                span: Span::new(start, self.pos),
            }),
            _ => {
                let shown = &self.text[start..self.pos];
                let help = if shown.contains(',') || raw.matches('.').count() > 1 {
                    Some("write decimals with one point, e.g. `0.75`".to_string())
                } else {
                    Some("write a plain decimal number, e.g. `0.75`".to_string())
                };
                fail(SyntaxError {
                    span: Span::new(start, self.pos.max(start + 1)),
                    message: format!("`{shown}` is not a valid number"),
                    help,
                })
            }
        }
    }

    fn string(&mut self) -> Res<Cow<'a, str>> {
        let start = self.pos;
        self.pos += 1;
        // Without escapes, the string is a slice of the text.
        let body = &self.s[self.pos..];
        let plain = body.iter().position(|&c| c == b'"' || c == b'\\');
        if let Some(i) = plain
            && body[i] == b'"'
        {
            let text = self.text;
            let s = &text[self.pos..self.pos + i];
            self.pos += i + 1;
            return Ok(Cow::Borrowed(s));
        }
        let prefix = plain.unwrap_or(0);
        let mut out = String::from(&self.text[self.pos..self.pos + prefix]);
        self.pos += prefix;
        loop {
            let rest = &self.text[self.pos..];
            let Some(c) = rest.chars().next() else {
                return fail(SyntaxError {
                    span: Span::new(start, start + 1),
                    message: "unclosed string".into(),
                    help: Some("close the string with `\"`".into()),
                });
            };
            match c {
                '"' => {
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                '\\' => {
                    let esc_start = self.pos;
                    self.pos += 1;
                    let Some(e) = self.text[self.pos..].chars().next() else {
                        continue;
                    };
                    self.pos += e.len_utf8();
                    match e {
                        'n' => out.push('\n'),
                        't' => out.push('\t'),
                        'r' => out.push('\r'),
                        '0' => out.push('\0'),
                        '\\' => out.push('\\'),
                        '"' => out.push('"'),
                        '\'' => out.push('\''),
                        '\n' => {
                            // line continuation: skip leading whitespace of the next line
                            while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
                                self.pos += 1;
                            }
                        }
                        'u' => {
                            let ok = self.peek() == Some(b'{');
                            let close = self.text[self.pos..].find('}');
                            let ch = if ok {
                                close
                                    .and_then(|c| {
                                        u32::from_str_radix(
                                            &self.text[self.pos + 1..self.pos + c],
                                            16,
                                        )
                                        .ok()
                                    })
                                    .and_then(char::from_u32)
                            } else {
                                None
                            };
                            match (ch, close) {
                                (Some(ch), Some(c)) => {
                                    out.push(ch);
                                    self.pos += c + 1;
                                }
                                _ => {
                                    return fail(SyntaxError {
                                        span: Span::new(esc_start, self.pos),
                                        message: "invalid unicode escape".into(),
                                        help: Some("write it as `\\u{00e9}`".into()),
                                    });
                                }
                            }
                        }
                        'x' => {
                            let hex = self
                                .text
                                .get(self.pos..self.pos + 2)
                                .and_then(|h| u8::from_str_radix(h, 16).ok());
                            match hex {
                                Some(b) if b < 0x80 => {
                                    out.push(b as char);
                                    self.pos += 2;
                                }
                                _ => {
                                    return fail(SyntaxError {
                                        span: Span::new(esc_start, self.pos),
                                        message: "invalid `\\x` escape".into(),
                                        help: Some(
                                            "use `\\x41` for ASCII or `\\u{...}` otherwise".into(),
                                        ),
                                    });
                                }
                            }
                        }
                        other => {
                            return fail(SyntaxError {
                                span: Span::new(esc_start, self.pos),
                                message: format!("unknown escape `\\{}` in a string", other.escape_debug()),
                                help: Some("write a backslash as `\\\\` (Windows paths: `C:\\\\data\\\\x.ron`, or use `/`)".into()),
                            });
                        }
                    }
                }
                c => {
                    out.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
    }

    fn raw_string(&mut self) -> Res<Cow<'a, str>> {
        let start = self.pos;
        self.pos += 1; // r
        let mut hashes = 0;
        while self.peek() == Some(b'#') {
            hashes += 1;
            self.pos += 1;
        }
        self.pos += 1; // "
        let close: String = std::iter::once('"')
            .chain(std::iter::repeat_n('#', hashes))
            .collect();
        match self.text[self.pos..].find(&close) {
            Some(i) => {
                let text = self.text;
                let s = &text[self.pos..self.pos + i];
                self.pos += i + close.len();
                Ok(Cow::Borrowed(s))
            }
            None => fail(SyntaxError {
                span: Span::new(start, start + 1),
                message: "unclosed raw string".into(),
                help: Some(format!("close it with `{close}`")),
            }),
        }
    }

    fn char_lit(&mut self) -> Res<Value<'a>> {
        let start = self.pos;
        self.pos += 1;
        let rest = &self.text[self.pos..];
        let mut it = rest.char_indices();
        let c = match it.next() {
            Some((_, '\\')) => match it.next() {
                Some((_, 'n')) => Some('\n'),
                Some((_, 't')) => Some('\t'),
                Some((_, '\\')) => Some('\\'),
                Some((_, '\'')) => Some('\''),
                _ => None,
            },
            Some((_, c)) => Some(c),
            None => None,
        };
        let after = it.next();
        match (c, after) {
            (Some(c), Some((i, '\''))) => {
                self.pos += i + 1;
                Ok(Value {
                    kind: Kind::Char(c),
                    span: Span::new(start, self.pos),
                })
            }
            _ => fail(SyntaxError {
                span: Span::new(start, start + 1),
                message: "expected a value, found `'`".into(),
                help: Some("strings are written in double quotes: \"...\"".into()),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_structs_lists_and_comments() {
        let v = parse(
            "// c\nA(x: 1.5, y: [\"a\", r#\"b\"#], z: Some(C), w: (p: -inf), /* n /* m */ */ )",
        )
        .unwrap();
        let Kind::Struct { name, fields } = v.kind else {
            panic!()
        };
        assert_eq!(name.unwrap().0, "A");
        assert_eq!(fields.len(), 4);
        assert_eq!(fields[0].value.kind, Kind::Num(1.5));
        assert!(
            matches!(&fields[2].value.kind, Kind::Tuple { name: Some((n, _)), items } if *n == "Some" && items.len() == 1)
        );
    }

    #[test]
    fn reports_missing_comma() {
        let e = parse("(a: 1 b: 2)").unwrap_err();
        assert_eq!(e.span.start, 6);
        assert!(e.message.contains("expected `,` or `)`"));
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowing() {
        let text = "[".repeat(100_000);
        let e = parse(&text).unwrap_err();
        assert!(e.message.contains("nesting deeper"));
    }

    #[test]
    fn escapes() {
        let v = parse(r#""a\"b\\c\u{e9}\n""#).unwrap();
        assert_eq!(v.kind, Kind::Str("a\"b\\cé\n".into()));
    }
}
