//! Argdown's `{key: value}` data: YAML's flow syntax, read into the
//! positioned tree of [`crate::load::syntax::Value`].
//!
//! Enough of YAML flow for what Argdown files hold: mappings `{a: 1, "b": x}`,
//! sequences `[1, 2]`, double-quoted strings with JSON's escapes (so the JSON
//! argmap's writer puts there reads back exactly), single-quoted strings
//! (`''` is a quote), and plain scalars (`true`, `false`, `null`, `~`,
//! numbers, else a string), across line breaks. A mapping becomes an
//! anonymous struct, a sequence a list, `null` the identifier `None`.

use std::borrow::Cow;

use crate::diag::Span;
use crate::load::syntax::{Field, Kind, MAX_DEPTH, SyntaxError, Value};

/// Parses the flow value that starts at byte `at` of `text`; returns it and the
/// byte just after it.
pub(crate) fn parse_at(text: &str, at: usize) -> Result<(Value<'_>, usize), Box<SyntaxError>> {
    let mut p = P {
        text,
        s: text.as_bytes(),
        pos: at,
        depth: 0,
    };
    let v = p.value(false)?;
    Ok((v, p.pos))
}

struct P<'a> {
    text: &'a str,
    s: &'a [u8],
    pos: usize,
    depth: usize,
}

type Res<T> = Result<T, Box<SyntaxError>>;

impl<'a> P<'a> {
    fn err(&self, at: usize, message: String, help: &str) -> Box<SyntaxError> {
        Box::new(SyntaxError {
            span: Span::char_at(self.text, at),
            message,
            help: (!help.is_empty()).then(|| help.into()),
        })
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.s.get(self.pos) {
            self.pos += 1;
        }
    }

    fn value(&mut self, in_map_key: bool) -> Res<Value<'a>> {
        self.ws();
        let start = self.pos;
        match self.s.get(self.pos) {
            None => Err(self.err(
                start,
                "the data block ends before its value".into(),
                "close the block with `}` after the last `key: value`",
            )),
            Some(b'{') => self.mapping(),
            Some(b'[') => self.sequence(),
            Some(b'"') => self.double_quoted(),
            Some(b'\'') => self.single_quoted(),
            Some(b'}' | b']' | b',') => Ok(Value {
                // An empty value (`{a: }`) is YAML's null.
                kind: Kind::Ident("None"),
                span: Span::new(start, start),
            }),
            Some(_) => Ok(self.plain(in_map_key)),
        }
    }

    fn enter(&mut self) -> Res<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.err(
                self.pos,
                format!("data nested deeper than {MAX_DEPTH} levels"),
                "flatten the data",
            ));
        }
        Ok(())
    }

    fn mapping(&mut self) -> Res<Value<'a>> {
        let mut fields = vec![];
        let span = self.bracketed('}', |p| {
            let key = p.value(true)?;
            let name: &'a str = match &key.kind {
                Kind::Str(Cow::Borrowed(s)) => s,
                Kind::Str(Cow::Owned(_)) | Kind::Ident(_) | Kind::Num(_) | Kind::Bool(_) => {
                    &p.text[key.span.range()]
                }
                _ => {
                    return Err(p.err(
                        key.span.start as usize,
                        "a data key must be a name or a string".into(),
                        "write `{key: value}`",
                    ));
                }
            };
            p.ws();
            if p.s.get(p.pos) != Some(&b':') {
                return Err(p.err(
                    p.pos,
                    format!("expected `:` after the data key `{name}`"),
                    "write `{key: value, other: value}`",
                ));
            }
            p.pos += 1;
            let value = p.value(false)?;
            fields.push(Field {
                name,
                name_span: key.span,
                value,
            });
            Ok(())
        })?;
        Ok(Value {
            kind: Kind::Struct { name: None, fields },
            span,
        })
    }

    fn sequence(&mut self) -> Res<Value<'a>> {
        let mut items = vec![];
        let span = self.bracketed(']', |p| {
            items.push(p.value(false)?);
            Ok(())
        })?;
        Ok(Value {
            kind: Kind::List(items),
            span,
        })
    }

    /// Reads the block or list that opens here and closes with `close`: `item`
    /// reads each entry, the entries are separated by `,` (one after the last
    /// is allowed, as in YAML). Returns the span from the opening bracket to
    /// just after the closing one.
    fn bracketed(&mut self, close: char, mut item: impl FnMut(&mut Self) -> Res<()>) -> Res<Span> {
        let open = self.pos;
        self.enter()?;
        self.pos += 1;
        loop {
            self.ws();
            match self.s.get(self.pos) {
                None => return Err(self.unclosed(open, close)),
                Some(&c) if char::from(c) == close => {
                    self.pos += 1;
                    break;
                }
                _ => {}
            }
            item(self)?;
            self.after_item(open, close)?;
        }
        self.depth -= 1;
        Ok(Span::new(open, self.pos))
    }

    /// After an entry of a data block or an item of a list (opened at byte
    /// `open`, closed by `close`): a `,` (skipped) or the closing bracket (left
    /// for the loop to take).
    fn after_item(&mut self, open: usize, close: char) -> Res<()> {
        self.ws();
        match self.s.get(self.pos) {
            Some(b',') => self.pos += 1,
            Some(&c) if char::from(c) == close => {}
            None => return Err(self.unclosed(open, close)),
            Some(_) => {
                let (within, items, it) = if close == '}' {
                    ("the data block", "entries", "block")
                } else {
                    ("a list", "items", "list")
                };
                return Err(self.err(
                    self.pos,
                    format!("expected `,` or `{close}` in {within}"),
                    &format!("separate the {items} with `,` and close the {it} with `{close}`"),
                ));
            }
        }
        Ok(())
    }

    fn unclosed(&self, open: usize, close: char) -> Box<SyntaxError> {
        let what = if close == '}' { "data block" } else { "list" };
        self.err(
            open,
            format!("unclosed {what}: no `{close}` matches this one"),
            &format!("add the closing `{close}`"),
        )
    }

    fn double_quoted(&mut self) -> Res<Value<'a>> {
        let open = self.pos;
        let mut i = open + 1;
        loop {
            match self.s.get(i) {
                None => return Err(self.unclosed_string(open)),
                Some(b'\\') => i += 2,
                Some(b'"') => break,
                Some(_) => i += 1,
            }
        }
        // JSON's string syntax is YAML's double-quoted one (raw line breaks
        // aside, which YAML folds into a space).
        let raw = &self.text[open..=i];
        let kind = match crate::formats::json::syntax::parse(raw) {
            Ok(Value {
                kind: Kind::Str(s), ..
            }) => Kind::Str(s),
            _ if raw.contains(['\n', '\r']) => {
                let folded: String = raw.split_whitespace().collect::<Vec<_>>().join(" ");
                match crate::formats::json::syntax::parse(&folded) {
                    Ok(Value {
                        kind: Kind::Str(s), ..
                    }) => Kind::Str(Cow::Owned(s.into_owned())),
                    _ => return Err(self.bad_escape(open)),
                }
            }
            _ => return Err(self.bad_escape(open)),
        };
        self.pos = i + 1;
        Ok(Value {
            kind,
            span: Span::new(open, self.pos),
        })
    }

    /// A string opened at byte `open` with the quote there, never closed.
    fn unclosed_string(&self, open: usize) -> Box<SyntaxError> {
        let quote = char::from(self.s[open]);
        self.err(
            open,
            "unclosed string in the data block".into(),
            &format!("add the closing `{quote}`"),
        )
    }

    fn bad_escape(&self, open: usize) -> Box<SyntaxError> {
        self.err(
            open,
            "a string in the data block with an invalid escape".into(),
            "use JSON's escapes (`\\\"`, `\\\\`, `\\n`, `\\u00e9`), or single quotes",
        )
    }

    fn single_quoted(&mut self) -> Res<Value<'a>> {
        let open = self.pos;
        let mut out = String::new();
        let mut i = open + 1;
        loop {
            match self.s.get(i) {
                None => return Err(self.unclosed_string(open)),
                Some(b'\'') if self.s.get(i + 1) == Some(&b'\'') => {
                    out.push('\'');
                    i += 2;
                }
                Some(b'\'') => break,
                Some(_) => {
                    let c = self.text[i..].chars().next().unwrap_or(' ');
                    out.push(c);
                    i += c.len_utf8();
                }
            }
        }
        self.pos = i + 1;
        Ok(Value {
            kind: Kind::Str(Cow::Owned(out)),
            span: Span::new(open, self.pos),
        })
    }

    /// A plain scalar: up to `,`, `]`, `}` (or `: ` for a key), trimmed.
    fn plain(&mut self, key: bool) -> Value<'a> {
        let start = self.pos;
        let mut end = start;
        while let Some(&c) = self.s.get(self.pos) {
            if matches!(c, b',' | b']' | b'}') {
                break;
            }
            if key && c == b':' {
                break;
            }
            if c == b':' && matches!(self.s.get(self.pos + 1), Some(b' ' | b'\n' | b'\r')) {
                break;
            }
            self.pos += 1;
            if !matches!(c, b' ' | b'\t' | b'\n' | b'\r') {
                end = self.pos;
            }
        }
        // Back to just after the last non-blank byte (a char boundary).
        self.pos = end.max(start);
        let raw = &self.text[start..self.pos];
        let kind = match raw {
            "true" | "True" | "TRUE" => Kind::Bool(true),
            "false" | "False" | "FALSE" => Kind::Bool(false),
            "null" | "Null" | "NULL" | "~" => Kind::Ident("None"),
            _ => match raw.parse::<f64>() {
                Ok(x) if raw.bytes().any(|b| b.is_ascii_digit()) => Kind::Num(x),
                _ if raw.contains(['\n', '\r']) => Kind::Str(Cow::Owned(
                    raw.split_whitespace().collect::<Vec<_>>().join(" "),
                )),
                _ => Kind::Str(Cow::Borrowed(raw)),
            },
        };
        Value {
            kind,
            span: Span::new(start, self.pos),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Value<'_> {
        parse_at(s, 0).unwrap().0
    }

    #[test]
    fn reads_yaml_flow_and_json() {
        let v = read("{source: \"C1a\", n: 2, ok: true, l: [a b, 'it''s'], e: }");
        let Kind::Struct { fields, .. } = v.kind else {
            panic!()
        };
        let names: Vec<&str> = fields.iter().map(|f| f.name).collect();
        assert_eq!(names, ["source", "n", "ok", "l", "e"]);
        assert_eq!(fields[0].value.kind, Kind::Str(Cow::Borrowed("C1a")));
        assert_eq!(fields[1].value.kind, Kind::Num(2.0));
        assert_eq!(fields[2].value.kind, Kind::Bool(true));
        let Kind::List(l) = &fields[3].value.kind else {
            panic!()
        };
        assert_eq!(l[0].kind, Kind::Str(Cow::Borrowed("a b")));
        assert_eq!(l[1].kind, Kind::Str(Cow::Owned("it's".into())));
        assert_eq!(fields[4].value.kind, Kind::Ident("None"));
        let v = read(r#"{"kind": "Claim", "note": "a \u007b b\nc"}"#);
        let Kind::Struct { fields, .. } = v.kind else {
            panic!()
        };
        assert_eq!(
            fields[1].value.kind,
            Kind::Str(Cow::Owned("a { b\nc".into()))
        );
    }

    #[test]
    fn reports_unclosed_blocks_where_they_open() {
        let e = parse_at("x {a: [1, 2}", 2).unwrap_err();
        assert!(e.message.contains("expected `,` or `]`"), "{}", e.message);
        let e = parse_at("{a: 1", 0).unwrap_err();
        assert_eq!((e.span.start, e.message.contains("unclosed")), (0, true));
    }

    #[test]
    fn names_the_missing_separator_and_its_fix() {
        // The `,` is missing before byte 8 in both: `b` and `3`.
        for (text, message, help) in [
            (
                r#"{a: "1" b: 2}"#,
                "expected `,` or `}` in the data block",
                "separate the entries with `,` and close the block with `}`",
            ),
            (
                r#"[1, "2" 3]"#,
                "expected `,` or `]` in a list",
                "separate the items with `,` and close the list with `]`",
            ),
        ] {
            let e = parse_at(text, 0).unwrap_err();
            assert_eq!(
                (e.span.range(), e.message.as_str(), e.help.as_deref()),
                (8..9, message, Some(help))
            );
        }
    }

    #[test]
    fn unclosed_strings_name_their_quote() {
        for (text, help) in [
            ("{a: \"x}", "add the closing `\"`"),
            ("{a: 'x}", "add the closing `'`"),
        ] {
            let e = parse_at(text, 0).unwrap_err();
            // The string opens at byte 4.
            assert_eq!(
                (e.span.start, e.message.as_str(), e.help.as_deref()),
                (4, "unclosed string in the data block", Some(help))
            );
        }
    }
}
