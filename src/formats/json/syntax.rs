//! A JSON reader that keeps positions (RFC 8259, nothing more).
//!
//! It reads JSON into the same positioned tree as the RON reader
//! ([`crate::load::syntax::Value`]), so that argmap's JSON model goes through
//! the RON loader's schema checks with every position kept, and the AIF reader
//! can point at the node or edge it complains about: an object becomes an
//! anonymous struct (its keys are the fields, in order, repeated keys kept), an
//! array a list, `null` the identifier `None` (an absent optional field).
//!
//! A syntax error names its position and says how to fix it: a trailing comma,
//! a missing comma, single quotes, comments, `NaN`, an unclosed bracket (with
//! where it was opened).

use std::borrow::Cow;

use crate::diag::Span;
use crate::load::syntax::{Field, Kind, MAX_DEPTH, SyntaxError, Value};

/// Parses one JSON value that fills the whole text (surrounding whitespace and
/// a byte-order mark allowed).
pub(crate) fn parse(text: &str) -> Result<Value<'_>, Box<SyntaxError>> {
    let mut p = Parser {
        s: text.as_bytes(),
        text,
        pos: 0,
        depth: 0,
    };
    if text.starts_with('\u{feff}') {
        p.pos = 3;
    }
    p.ws()?;
    if p.pos >= p.s.len() {
        return Err(p.err(
            p.pos,
            "the file holds no JSON value",
            "a JSON document is one value, e.g. `{\"nodes\": [...]}`",
        ));
    }
    let v = p.value()?;
    p.ws()?;
    if p.pos < p.s.len() {
        return Err(p.err(
            p.pos,
            "unexpected text after the end of the JSON value",
            "a JSON document is one value: remove the rest, or check for an extra `}` or `]`",
        ));
    }
    Ok(v)
}

struct Parser<'a> {
    s: &'a [u8],
    text: &'a str,
    pos: usize,
    depth: usize,
}

type Res<T> = Result<T, Box<SyntaxError>>;

impl<'a> Parser<'a> {
    fn err(&self, at: usize, message: &str, help: &str) -> Box<SyntaxError> {
        Box::new(SyntaxError {
            span: Span::char_at(self.text, at),
            message: message.into(),
            help: (!help.is_empty()).then(|| help.into()),
        })
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    /// Skips whitespace; comments are refused with a fix.
    fn ws(&mut self) -> Res<()> {
        while let Some(c) = self.peek() {
            match c {
                b' ' | b'\t' | b'\n' | b'\r' => self.pos += 1,
                b'/' if matches!(self.s.get(self.pos + 1), Some(b'/' | b'*')) => {
                    return Err(self.err(
                        self.pos,
                        "JSON has no comments",
                        "remove the comment (or keep notes in a `note` field)",
                    ));
                }
                _ => break,
            }
        }
        Ok(())
    }

    fn value(&mut self) -> Res<Value<'a>> {
        let start = self.pos;
        match self.peek() {
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => {
                let s = self.string()?;
                Ok(Value {
                    kind: Kind::Str(s),
                    span: Span::new(start, self.pos),
                })
            }
            Some(b'-' | b'.' | b'0'..=b'9') => self.number(),
            Some(b't') if self.s[start..].starts_with(b"true") => {
                self.pos += 4;
                Ok(self.at(Kind::Bool(true), start))
            }
            Some(b'f') if self.s[start..].starts_with(b"false") => {
                self.pos += 5;
                Ok(self.at(Kind::Bool(false), start))
            }
            Some(b'n') if self.s[start..].starts_with(b"null") => {
                self.pos += 4;
                Ok(self.at(Kind::Ident("None"), start))
            }
            Some(b'\'') => Err(self.err(
                start,
                "JSON strings use double quotes, found a single quote",
                "write \"text\", not 'text'",
            )),
            Some(b'N' | b'I') if self.word() == "NaN" || self.word() == "Infinity" => Err(self
                .err(
                    start,
                    &format!("JSON has no `{}`", self.word()),
                    "write a finite number, e.g. 0.5",
                )),
            Some(b'}' | b']' | b',') | None => Err(self.err(
                start,
                if self.peek().is_none() {
                    "unexpected end of the file: a value is missing"
                } else {
                    "a value is missing here"
                },
                "write a value: a string in double quotes, a number, true, false, null, an \
                 object `{...}` or an array `[...]`",
            )),
            Some(_) => {
                let w = self.word();
                Err(self.err(
                    start,
                    &format!(
                        "unexpected `{}`: not a JSON value",
                        if w.is_empty() {
                            self.text[start..].chars().next().unwrap_or(' ').to_string()
                        } else {
                            w.to_string()
                        }
                    ),
                    "a string must be in double quotes; the literals are true, false and null \
                     (lowercase)",
                ))
            }
        }
    }

    /// The identifier-like word at the position (for messages).
    fn word(&self) -> &'a str {
        let rest = &self.text[self.pos..];
        let n = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        &rest[..n]
    }

    fn at(&self, kind: Kind<'a>, start: usize) -> Value<'a> {
        Value {
            kind,
            span: Span::new(start, self.pos),
        }
    }

    fn enter(&mut self) -> Res<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.err(
                self.pos,
                &format!("nesting deeper than {MAX_DEPTH} levels"),
                "an argument map needs a few levels; check that this is the right file",
            ));
        }
        Ok(())
    }

    /// After an item of an object or array: `,` then more, or the closing
    /// bracket. Returns whether the container is closed.
    fn after_item(&mut self, close: u8, open_at: usize) -> Res<bool> {
        self.ws()?;
        let (closer, what) = if close == b'}' {
            ("}", "object")
        } else {
            ("]", "array")
        };
        match self.peek() {
            Some(b',') => {
                let comma = self.pos;
                self.pos += 1;
                self.ws()?;
                if self.peek() == Some(close) {
                    return Err(self.err(
                        comma,
                        &format!("trailing comma before `{closer}`"),
                        "remove the comma: JSON allows none after the last item",
                    ));
                }
                Ok(false)
            }
            Some(c) if c == close => {
                self.pos += 1;
                Ok(true)
            }
            None => {
                let (l, c) = line_col(self.text, open_at);
                Err(self.err(
                    self.pos,
                    &format!(
                        "unexpected end of the file: the {what} opened at line {l}, column {c} is not closed"
                    ),
                    &format!("add `{closer}`"),
                ))
            }
            Some(_) => Err(self.err(
                self.pos,
                &format!("expected `,` or `{closer}` after this {what} item"),
                "add a comma between the items",
            )),
        }
    }

    fn object(&mut self) -> Res<Value<'a>> {
        let start = self.pos;
        self.enter()?;
        self.pos += 1;
        let mut fields = vec![];
        self.ws()?;
        if self.peek() == Some(b'}') {
            self.pos += 1;
        } else {
            loop {
                self.ws()?;
                let key_at = self.pos;
                match self.peek() {
                    Some(b'"') => {}
                    None => {
                        let (l, c) = line_col(self.text, start);
                        return Err(self.err(
                            self.pos,
                            &format!(
                                "unexpected end of the file: the object opened at line {l}, column {c} is not closed"
                            ),
                            "add `}`",
                        ));
                    }
                    Some(b'\'') => {
                        return Err(self.err(
                            key_at,
                            "JSON keys use double quotes, found a single quote",
                            "write \"key\": value",
                        ));
                    }
                    Some(_) => {
                        return Err(self.err(
                            key_at,
                            "expected a key in double quotes",
                            "write \"key\": value (JSON keys are quoted)",
                        ));
                    }
                }
                let key = self.string()?;
                let name_span = Span::new(key_at, self.pos);
                // The key as written, between its quotes (an escaped key keeps its
                // escapes: no schema field has any).
                let name: &'a str = match key {
                    Cow::Borrowed(k) => k,
                    Cow::Owned(_) => &self.text[key_at + 1..self.pos - 1],
                };
                self.ws()?;
                if self.peek() != Some(b':') {
                    return Err(self.err(
                        self.pos,
                        &format!("expected `:` after the key \"{name}\""),
                        "write \"key\": value",
                    ));
                }
                self.pos += 1;
                self.ws()?;
                let value = self.value()?;
                fields.push(Field {
                    name,
                    name_span,
                    value,
                });
                if self.after_item(b'}', start)? {
                    break;
                }
            }
        }
        self.depth -= 1;
        Ok(self.at(Kind::Struct { name: None, fields }, start))
    }

    fn array(&mut self) -> Res<Value<'a>> {
        let start = self.pos;
        self.enter()?;
        self.pos += 1;
        let mut items = vec![];
        self.ws()?;
        if self.peek() == Some(b']') {
            self.pos += 1;
        } else {
            loop {
                self.ws()?;
                items.push(self.value()?);
                if self.after_item(b']', start)? {
                    break;
                }
            }
        }
        self.depth -= 1;
        Ok(self.at(Kind::List(items), start))
    }

    fn number(&mut self) -> Res<Value<'a>> {
        let start = self.pos;
        let digits = |p: &mut Parser| {
            let from = p.pos;
            while matches!(p.peek(), Some(b'0'..=b'9')) {
                p.pos += 1;
            }
            p.pos - from
        };
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let int_at = self.pos;
        let n = digits(self);
        if n == 0 {
            return Err(self.err(
                start,
                "a number needs digits",
                if self.peek() == Some(b'.') {
                    "write a digit before the point: 0.5, not .5"
                } else {
                    "write e.g. -0.5"
                },
            ));
        }
        if n > 1 && self.s[int_at] == b'0' {
            return Err(self.err(
                start,
                "a JSON number has no leading zeros",
                "remove the leading zero",
            ));
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if digits(self) == 0 {
                return Err(self.err(
                    start,
                    "a number needs digits after its decimal point",
                    "write 1.0 or 1, not 1.",
                ));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if digits(self) == 0 {
                return Err(self.err(start, "a number's exponent needs digits", "write e.g. 1e-3"));
            }
        }
        let text = &self.text[start..self.pos];
        let x: f64 = text
            .parse()
            .map_err(|_| self.err(start, "not a number", "write a number such as 0.5 or 1e-3"))?;
        if !x.is_finite() {
            return Err(self.err(
                start,
                &format!("the number {text} is too large"),
                "write a finite number",
            ));
        }
        Ok(self.at(Kind::Num(x), start))
    }

    /// A string at the position (which is a `"`), with escapes resolved.
    fn string(&mut self) -> Res<Cow<'a, str>> {
        let open = self.pos;
        self.pos += 1;
        let body = self.pos;
        let mut owned: Option<String> = None;
        loop {
            let Some(c) = self.peek() else {
                let (l, c) = line_col(self.text, open);
                return Err(self.err(
                    open,
                    &format!("unclosed string (opened at line {l}, column {c})"),
                    "add the closing `\"`",
                ));
            };
            match c {
                b'"' => {
                    let out = match owned {
                        Some(s) => Cow::Owned(s),
                        None => Cow::Borrowed(&self.text[body..self.pos]),
                    };
                    self.pos += 1;
                    return Ok(out);
                }
                b'\\' => {
                    let s = owned.get_or_insert_with(|| self.text[body..self.pos].to_string());
                    let esc_at = self.pos;
                    let ch = match self.s.get(self.pos + 1) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            let hi = hex4(self.s, self.pos + 2).ok_or_else(|| {
                                self.err(
                                    esc_at,
                                    "a `\\u` escape needs four hexadecimal digits",
                                    "write e.g. \\u00e9",
                                )
                            })?;
                            self.pos += 4;
                            let code = if (0xD800..0xDC00).contains(&hi) {
                                let lo = (self.s.get(self.pos + 2) == Some(&b'\\')
                                    && self.s.get(self.pos + 3) == Some(&b'u'))
                                .then(|| hex4(self.s, self.pos + 4))
                                .flatten()
                                .filter(|lo| (0xDC00..0xE000).contains(lo))
                                .ok_or_else(|| {
                                    self.err(
                                        esc_at,
                                        "an unpaired surrogate in a `\\u` escape",
                                        "a character above U+FFFF is written as a pair, e.g. \\ud83d\\ude00",
                                    )
                                })?;
                                self.pos += 6;
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else {
                                hi
                            };
                            char::from_u32(code).ok_or_else(|| {
                                self.err(
                                    esc_at,
                                    "an unpaired surrogate in a `\\u` escape",
                                    "a character above U+FFFF is written as a pair, e.g. \\ud83d\\ude00",
                                )
                            })?
                        }
                        _ => {
                            return Err(self.err(
                                esc_at,
                                "unknown escape in a string",
                                "the escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX; \
                                 write a backslash as \\\\",
                            ));
                        }
                    };
                    s.push(ch);
                    self.pos += 2;
                }
                0..0x20 => {
                    return Err(self.err(
                        self.pos,
                        if c == b'\n' {
                            "a line break inside a string (or an unclosed string)"
                        } else {
                            "a control character inside a string"
                        },
                        if c == b'\n' {
                            "close the string with `\"`, or write the line break as \\n"
                        } else {
                            "write it as an escape, e.g. \\t or \\u0001"
                        },
                    ));
                }
                _ => {
                    let len = utf8_len(c);
                    if let Some(s) = owned.as_mut() {
                        s.push_str(&self.text[self.pos..self.pos + len]);
                    }
                    self.pos += len;
                }
            }
        }
    }
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

fn hex4(s: &[u8], at: usize) -> Option<u32> {
    let h = s.get(at..at + 4)?;
    let h = std::str::from_utf8(h).ok()?;
    u32::from_str_radix(h, 16)
        .ok()
        .filter(|_| h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// 1-based line and column (in characters) of byte `at`, for messages that
/// name a second position.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> (String, u32) {
        let e = parse(text).unwrap_err();
        (e.message, e.span.start)
    }

    #[test]
    fn reads_values_with_positions() {
        let text = r#" {"a": [1, -2.5e1, true, null], "b\u00e9": "x\ny\ud83d\ude00", "c": {}} "#;
        let v = parse(text).unwrap();
        let Kind::Struct { name: None, fields } = &v.kind else {
            panic!("{v:?}")
        };
        assert_eq!(fields[0].name, "a");
        assert_eq!(
            &text[fields[0].value.span.range()],
            "[1, -2.5e1, true, null]"
        );
        let Kind::List(items) = &fields[0].value.kind else {
            panic!()
        };
        assert_eq!(items[1].kind, Kind::Num(-25.0));
        assert_eq!(items[3].kind, Kind::Ident("None"));
        assert_eq!(fields[1].name, "b\\u00e9");
        assert_eq!(fields[1].value.kind, Kind::Str("x\ny\u{1f600}".into()));
    }

    #[test]
    fn syntax_errors_say_where_and_what() {
        assert_eq!(err("[1, 2,]"), ("trailing comma before `]`".into(), 5));
        assert_eq!(
            err("{\"a\": 1 \"b\": 2}"),
            ("expected `,` or `}` after this object item".into(), 8)
        );
        assert_eq!(
            err("{'a': 1}").0,
            "JSON keys use double quotes, found a single quote"
        );
        assert_eq!(err("[NaN]").0, "JSON has no `NaN`");
        assert_eq!(err("// c\n{}").0, "JSON has no comments");
        assert_eq!(
            err("{\"a\": [1,\n 2").0,
            "unexpected end of the file: the array opened at line 1, column 7 is not closed"
        );
        assert_eq!(
            err("\"abc").0,
            "unclosed string (opened at line 1, column 1)"
        );
        assert_eq!(err("[01]").0, "a JSON number has no leading zeros");
        assert_eq!(err("[.5]").0, "a number needs digits");
        assert_eq!(
            err("{} {}").0,
            "unexpected text after the end of the JSON value"
        );
        assert_eq!(err("").0, "the file holds no JSON value");
        assert_eq!(err("[\"\\x\"]").0, "unknown escape in a string");
        assert_eq!(
            err("[\"\\ud800\"]").0,
            "an unpaired surrogate in a `\\u` escape"
        );
        assert_eq!(err("[1e999]").0, "the number 1e999 is too large");
        let deep = "[".repeat(MAX_DEPTH + 1);
        assert!(err(&deep).0.starts_with("nesting deeper"));
    }
}
