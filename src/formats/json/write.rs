//! A small JSON value to write: keys keep the order they were given in, so the
//! output is deterministic, and numbers are written so that they read back as
//! the same `f64`.

/// A JSON value under construction.
#[derive(Clone, Debug, PartialEq)]
#[allow(dead_code)] // `Null` and `Bool` are there for completeness (tests use them)
pub(crate) enum Json {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number (non-finite numbers are written as `null`: JSON has none).
    Num(f64),
    /// A string.
    Str(String),
    /// An array.
    Arr(Vec<Json>),
    /// An object, keys in order.
    Obj(Vec<(String, Json)>),
}

impl Json {
    /// A string value.
    pub fn str(s: impl Into<String>) -> Json {
        Json::Str(s.into())
    }

    /// An object being built.
    pub fn obj() -> Obj {
        Obj(vec![])
    }

    /// The value as pretty JSON (two-space indent, as `serde_json`'s pretty
    /// printer lays it out), ending in a newline.
    pub fn pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, 0);
        out.push('\n');
        out
    }

    fn write(&self, out: &mut String, indent: usize) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Num(x) => out.push_str(&number(*x)),
            Json::Str(s) => string(out, s),
            Json::Arr(items) if items.is_empty() => out.push_str("[]"),
            Json::Arr(items) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    out.push_str(if i == 0 { "\n" } else { ",\n" });
                    pad(out, indent + 1);
                    v.write(out, indent + 1);
                }
                out.push('\n');
                pad(out, indent);
                out.push(']');
            }
            Json::Obj(fields) if fields.is_empty() => out.push_str("{}"),
            Json::Obj(fields) => {
                out.push('{');
                for (i, (k, v)) in fields.iter().enumerate() {
                    out.push_str(if i == 0 { "\n" } else { ",\n" });
                    pad(out, indent + 1);
                    string(out, k);
                    out.push_str(": ");
                    v.write(out, indent + 1);
                }
                out.push('\n');
                pad(out, indent);
                out.push('}');
            }
        }
    }
}

/// An object under construction: `Json::obj().put("a", x).opt("b", y).done()`.
#[derive(Clone, Debug, Default)]
pub(crate) struct Obj(pub Vec<(String, Json)>);

impl Obj {
    /// Adds a key.
    pub fn put(mut self, key: &str, v: Json) -> Obj {
        self.0.push((key.into(), v));
        self
    }

    /// Adds a key when `v` is present.
    pub fn opt(self, key: &str, v: Option<Json>) -> Obj {
        match v {
            Some(v) => self.put(key, v),
            None => self,
        }
    }

    /// Adds a string key when present.
    pub fn opt_str(self, key: &str, v: &Option<String>) -> Obj {
        self.opt(key, v.as_ref().map(|s| Json::str(s.as_str())))
    }

    /// Adds a list of strings when it is not empty.
    pub fn strs(self, key: &str, v: &[String]) -> Obj {
        if v.is_empty() {
            return self;
        }
        self.put(
            key,
            Json::Arr(v.iter().map(|s| Json::str(s.as_str())).collect()),
        )
    }

    /// The object.
    pub fn done(self) -> Json {
        Json::Obj(self.0)
    }
}

/// A number in the shortest form that reads back as the same `f64` (Rust's
/// `Debug` form, which is valid JSON for finite numbers: `0.5`, `1.0`, `1e-7`).
fn number(x: f64) -> String {
    if x.is_finite() {
        format!("{x:?}")
    } else {
        "null".into()
    }
}

fn pad(out: &mut String, indent: usize) {
    for _ in 0..indent {
        out.push_str("  ");
    }
}

/// A JSON string literal (the escapes `serde_json` writes).
pub(crate) fn string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_like_serde_json_pretty() {
        let v = Json::obj()
            .put("a", Json::Num(0.5))
            .put(
                "b",
                Json::Arr(vec![Json::Num(1.0), Json::Null, Json::Bool(true)]),
            )
            .put("c", Json::str("q\"\\\n\u{1}é"))
            .put("d", Json::Arr(vec![]))
            .put("e", Json::obj().done())
            .done();
        let text = v.pretty();
        assert_eq!(
            text,
            "{\n  \"a\": 0.5,\n  \"b\": [\n    1.0,\n    null,\n    true\n  ],\n  \"c\": \"q\\\"\\\\\\n\\u0001é\",\n  \"d\": [],\n  \"e\": {}\n}\n"
        );
        // An independent reader agrees: serde_json reads it and writes it back
        // the same way (its pretty printer writes `1.0` too).
        let by_serde: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            serde_json::to_string_pretty(&by_serde).unwrap() + "\n",
            text
        );
    }

    #[test]
    fn numbers_read_back_exactly() {
        for x in [0.1, 1.0 / 3.0, 1e-7, 123456789.125, 1e300, 5e-324, -0.0] {
            let s = number(x);
            assert_eq!(s.parse::<f64>().unwrap().to_bits(), x.to_bits(), "{s}");
            assert!(serde_json::from_str::<f64>(&s).is_ok(), "{s}");
        }
    }
}
