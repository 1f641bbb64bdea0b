//! Shared pieces of the framework readers: name interning, the error cap,
//! line iteration with byte offsets.

use crate::diag::{Diagnostic, Diagnostics, Source, Span};
use crate::dung::{Framework, MAX_ARGUMENTS};

use crate::graph::names::NameTable;

/// A reader stops collecting errors after this many (plus one E0610 note),
/// so a binary or wrong-format file does not produce millions of lines.
pub(crate) const MAX_ERRORS: usize = 100;

/// Argument names in declaration order, each stored once, with their spans.
pub(crate) struct Interner {
    ids: NameTable,
    text: String,
    ends: Vec<u32>,
    spans: Vec<Span>,
}

impl Interner {
    pub(crate) fn new() -> Self {
        Interner {
            ids: NameTable::with_capacity(1024),
            text: String::new(),
            ends: Vec::new(),
            spans: Vec::new(),
        }
    }

    /// Declares `name` (at `span`); if it was declared before, returns the
    /// span of the first declaration instead.
    pub(crate) fn declare(&mut self, name: &str, span: Span) -> Result<u32, Span> {
        let next = self.ends.len() as u32;
        match self.ids.insert(name, next) {
            Err(first) => Err(self.spans[first as usize]),
            Ok(()) => {
                self.text.push_str(name);
                self.ends.push(self.text.len() as u32);
                self.spans.push(span);
                Ok(next)
            }
        }
    }

    pub(crate) fn get(&self, name: &str) -> Option<u32> {
        self.ids.get(name.as_bytes())
    }

    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The index of `name`, an attack's endpoint at `span`; if it was never
    /// declared, reports `E0607` (with a did-you-mean for the first errors and
    /// `fix()`, the format's way to declare it) and returns `None`.
    pub(crate) fn resolve(
        &self,
        name: &str,
        span: Span,
        errs: &mut Errors,
        fix: impl FnOnce(&str) -> String,
    ) -> Option<u32> {
        let found = self.get(name);
        if found.is_none() {
            let mut d = Diagnostic::error(
                "E0607",
                format!("attack names `{name}`, which is not declared"),
            )
            .at(span);
            // A suggestion costs a scan of all names: only for the first errors.
            if errs.diags.len() < 5
                && let Some(close) = crate::diag::suggest(name, self.names())
            {
                d = d.help(format!("did you mean `{close}`?"));
            }
            errs.push(d.help(fix(name)));
        }
        found
    }

    /// The declared names, in declaration order.
    pub(crate) fn names(&self) -> impl Iterator<Item = &str> + '_ {
        let mut start = 0;
        self.ends.iter().map(move |&e| {
            let s = &self.text[start..e as usize];
            start = e as usize;
            s
        })
    }

    pub(crate) fn into_framework(self, attacks: &[(u32, u32)]) -> Framework {
        Framework::from_parts(self.text, self.ends, attacks)
    }
}

/// Collects diagnostics up to [`MAX_ERRORS`].
pub(crate) struct Errors {
    pub(crate) diags: Diagnostics,
}

impl Errors {
    pub(crate) fn new() -> Self {
        Errors {
            diags: Diagnostics::default(),
        }
    }

    /// Records `d`; returns `false` once the cap is reached (the caller stops).
    pub(crate) fn push(&mut self, d: Diagnostic) -> bool {
        if self.diags.len() >= MAX_ERRORS {
            return false;
        }
        self.diags.push(d);
        if self.diags.len() == MAX_ERRORS {
            self.diags.push(
                Diagnostic::error(
                    "E0610",
                    format!("too many errors: stopped reading after {MAX_ERRORS}"),
                )
                .help("is this file in the format its extension says? fix the first errors and try again"),
            );
            return false;
        }
        true
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.diags.is_empty()
    }

    /// `Ok(value)` if nothing was recorded.
    pub(crate) fn finish<T>(self, value: impl FnOnce() -> T) -> Result<T, Diagnostics> {
        if self.diags.is_empty() {
            Ok(value())
        } else {
            Err(self.diags)
        }
    }
}

/// The lines of `src` as (byte offset of the line, line text without the
/// `\n` and a trailing `\r`).
pub(crate) fn lines(src: &Source) -> impl Iterator<Item = (usize, &str)> {
    let text = src.text();
    let mut pos = 0usize;
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        let rest = &text[pos..];
        let (line, next) = match rest.find('\n') {
            Some(i) => (&rest[..i], pos + i + 1),
            None => (rest, text.len()),
        };
        let start = pos;
        pos = next;
        Some((start, line.strip_suffix('\r').unwrap_or(line)))
    })
}

/// The whitespace-separated tokens of a line, each with its byte span in the
/// source (`line_start` is the line's offset).
pub(crate) fn tokens(line_start: usize, line: &str) -> impl Iterator<Item = (&str, Span)> {
    let base = line.as_ptr() as usize;
    line.split_ascii_whitespace().map(move |t| {
        let at = line_start + (t.as_ptr() as usize - base);
        (t, Span::new(at, at + t.len()))
    })
}

/// The error for a file with more arguments than a framework can index.
pub(crate) fn too_many_arguments(span: Option<Span>) -> Diagnostic {
    let d = Diagnostic::error(
        "E0602",
        format!("too many arguments: at most {MAX_ARGUMENTS} are supported"),
    );
    match span {
        Some(s) => d.at(s),
        None => d,
    }
}
