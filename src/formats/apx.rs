//! The ASPARTIX `.apx` format: facts `arg(a).` and `att(a,b).`
//!
//! ```text
//! % a and b attack each other; b attacks c
//! arg(a). arg(b). arg(c).
//! att(a,b). att(b,a).
//! att(b,c).
//! ```
//!
//! Names are the text between the parentheses (trimmed), or a double-quoted
//! string (without the quotes). Facts may share a line or span lines; `%`
//! starts a comment to the end of the line. An attack may come before the
//! declarations of its arguments. Arguments are numbered in declaration
//! order; duplicate attacks are merged. Diagnostics: E0606 (syntax), E0607
//! (undeclared argument), E0608 (argument declared twice), E0602 (too many
//! arguments), E0610 (too many errors); see docs/extensions.md.

use crate::diag::{Diagnostic, Diagnostics, Source, Span, suggest};
use crate::dung::{Framework, MAX_ARGUMENTS};

use super::intern::{Errors, Interner, too_many_arguments};

/// What an empty file is told it should hold (`E0003`, see [`crate::diag::refuse_empty`]).
const EMPTY_HELP: &str = "an .apx file lists facts `arg(a).` and `att(a,b).`";

/// Reads an `.apx` file.
///
/// # Complexity
/// One pass over the text plus one hash lookup per name: O(size + m log d).
///
/// ```
/// let src = argmap::Source::new("x.apx", "arg(a). arg(b).\natt(a,b).\n");
/// let af = argmap::formats::apx::read(&src)?;
/// assert_eq!(argmap::dung::grounded(&af), [0]);
/// assert_eq!(af.name(0), "a");
/// # Ok::<(), argmap::Diagnostics>(())
/// ```
pub fn read(src: &Source) -> Result<Framework, Diagnostics> {
    crate::diag::refuse_empty(src, EMPTY_HELP)?;
    let text = src.text();
    let mut p = Parser {
        text,
        b: text.as_bytes(),
        i: 0,
    };
    let mut names = Interner::new();
    let mut errs = Errors::new();
    // Attacks by name span: resolved once every declaration has been read.
    let mut pending: Vec<(Span, Span)> = Vec::new();
    loop {
        p.skip_blank();
        if p.i >= p.b.len() {
            break;
        }
        match p.fact() {
            Ok(Fact::Arg(s)) => {
                if let Err(first) = names.declare(&text[s.range()], s) {
                    let d = Diagnostic::error(
                        "E0608",
                        format!("argument `{}` is declared twice", &text[s.range()]),
                    )
                    .at(s)
                    .label(first, "first declared here")
                    .help("remove one of the `arg` facts");
                    if !errs.push(d) {
                        break;
                    }
                }
                if names.len() > MAX_ARGUMENTS {
                    errs.push(too_many_arguments(Some(s)));
                    break;
                }
            }
            Ok(Fact::Att(a, b)) => pending.push((a, b)),
            Err(d) => {
                if !errs.push(d) {
                    break;
                }
                p.skip_line();
            }
        }
    }
    let mut attacks = Vec::with_capacity(pending.len());
    if errs.is_empty() {
        for (a, b) in pending {
            let ia = names.resolve(&text[a.range()], a, &mut errs, declare);
            let ib = names.resolve(&text[b.range()], b, &mut errs, declare);
            if let (Some(x), Some(y)) = (ia, ib) {
                attacks.push((x, y));
            } else if errs.diags.len() > super::intern::MAX_ERRORS {
                break;
            }
        }
    }
    errs.finish(|| names.into_framework(&attacks))
}

/// How `.apx` declares an argument: the fix for an undeclared one.
fn declare(name: &str) -> String {
    format!("declare it with `arg({name}).`")
}

enum Fact {
    Arg(Span),
    Att(Span, Span),
}

struct Parser<'t> {
    text: &'t str,
    b: &'t [u8],
    i: usize,
}

impl Parser<'_> {
    /// Skips whitespace and `%` comments.
    fn skip_blank(&mut self) {
        while self.i < self.b.len() {
            match self.b[self.i] {
                b' ' | b'\t' | b'\r' | b'\n' => self.i += 1,
                b'%' => self.skip_line(),
                _ => break,
            }
        }
    }

    fn skip_spaces(&mut self) {
        while self.i < self.b.len() && matches!(self.b[self.i], b' ' | b'\t' | b'\r' | b'\n') {
            self.i += 1;
        }
    }

    fn skip_line(&mut self) {
        while self.i < self.b.len() && self.b[self.i] != b'\n' {
            self.i += 1;
        }
    }

    fn here(&self) -> Span {
        Span::char_at(self.text, self.i)
    }

    fn expect(&mut self, c: u8, what: &str) -> Result<(), Diagnostic> {
        let before = self.i;
        self.skip_spaces();
        if self.i < self.b.len() && self.b[self.i] == c {
            self.i += 1;
            Ok(())
        } else if c == b'.' {
            // Point just after the fact, and resume on its line: the next
            // line probably starts the next fact.
            self.i = before;
            Err(
                Diagnostic::error("E0606", "missing `.` at the end of the fact")
                    .at(Span::new(before.saturating_sub(1), before))
                    .help("every fact ends with a `.`, e.g. `arg(a).`"),
            )
        } else {
            let found = match self.text[self.i..].chars().next() {
                Some(ch) => format!("`{ch}`"),
                None => "the end of the file".to_string(),
            };
            Err(Diagnostic::error(
                "E0606",
                format!("expected `{}` {what}, found {found}", c as char),
            )
            .at(self.here())
            .help("facts are `arg(name).` and `att(name1,name2).`, each ending with a `.`"))
        }
    }

    fn fact(&mut self) -> Result<Fact, Diagnostic> {
        let start = self.i;
        while self.i < self.b.len() && self.b[self.i].is_ascii_alphanumeric() {
            self.i += 1;
        }
        let word = &self.text[start..self.i];
        match word {
            "arg" => {
                self.expect(b'(', "after `arg`")?;
                let a = self.name()?;
                self.expect(b')', "after the argument name")?;
                self.expect(b'.', "to end the fact")?;
                Ok(Fact::Arg(a))
            }
            "att" => {
                self.expect(b'(', "after `att`")?;
                let a = self.name()?;
                self.expect(b',', "between the two argument names")?;
                let b = self.name()?;
                self.expect(b')', "after the second argument name")?;
                self.expect(b'.', "to end the fact")?;
                Ok(Fact::Att(a, b))
            }
            _ => {
                let span = if word.is_empty() {
                    self.here()
                } else {
                    Span::new(start, self.i)
                };
                let shown = if word.is_empty() {
                    self.text[self.i..]
                        .chars()
                        .next()
                        .map(String::from)
                        .unwrap_or_default()
                } else {
                    word.to_string()
                };
                let mut d = Diagnostic::error(
                    "E0606",
                    format!("expected a fact `arg(...)` or `att(...)`, found `{shown}`"),
                )
                .at(span);
                // Only a word that could be a misspelt `arg`/`att`: not `p` or `1`.
                let wordlike = word.len() >= 2 && word.bytes().all(|b| b.is_ascii_alphabetic());
                if let Some(s) = suggest(word, ["arg", "att"]).filter(|_| wordlike) {
                    d = d.help(format!("did you mean `{s}`?"));
                }
                Err(d.help("facts are `arg(name).` and `att(name1,name2).`; `%` starts a comment"))
            }
        }
    }

    /// A name: a double-quoted string, or the text up to `,` `)` or a blank.
    fn name(&mut self) -> Result<Span, Diagnostic> {
        self.skip_spaces();
        if self.i < self.b.len() && self.b[self.i] == b'"' {
            let open = self.i;
            let from = self.i + 1;
            match self.text[from..].find(['"', '\n']) {
                Some(k) if self.b[from + k] == b'"' => {
                    self.i = from + k + 1;
                    return Ok(Span::new(from, from + k));
                }
                _ => {
                    return Err(Diagnostic::error("E0606", "unterminated quoted name")
                        .at(Span::new(open, open + 1))
                        .help("close the name with `\"` on the same line"));
                }
            }
        }
        let from = self.i;
        while self.i < self.b.len()
            && !matches!(
                self.b[self.i],
                b',' | b')' | b'(' | b'.' | b' ' | b'\t' | b'\r' | b'\n' | b'%'
            )
        {
            self.i += 1;
        }
        if self.i == from {
            return Err(Diagnostic::error("E0606", "expected an argument name")
                .at(self.here())
                .help("facts are `arg(name).` and `att(name1,name2).`"));
        }
        Ok(Span::new(from, self.i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<&'static str> {
        read(&Source::new("t.apx", text)).unwrap_err().codes()
    }

    #[test]
    fn reads_facts_in_any_layout() {
        let src = Source::new(
            "t.apx",
            "% comment\natt(b, a).arg(a). arg( b ).\narg(\"c d\").\natt(\"c d\",\nb).\natt(b,a).\n",
        );
        let af = read(&src).unwrap();
        assert_eq!(af.names().collect::<Vec<_>>(), ["a", "b", "c d"]);
        assert_eq!(af.attack_pairs().collect::<Vec<_>>(), [(1, 0), (2, 1)]);
    }

    #[test]
    fn errors() {
        assert_eq!(codes("arg(a)\n"), ["E0606"]);
        assert_eq!(codes("arg(a).\natk(a,a).\n"), ["E0606"]);
        assert_eq!(codes("arg().\n"), ["E0606"]);
        assert_eq!(codes("arg(\"a).\n"), ["E0606"]);
        assert_eq!(codes("arg(a).\natt(a,b).\n"), ["E0607"]);
        assert_eq!(codes("arg(a).\narg(a).\n"), ["E0608"]);
    }
}
