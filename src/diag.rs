//! Diagnostics as plain data: what is wrong with an input file, and where.
//!
//! The library never prints diagnostics; it returns them. The CLI renders them
//! (coloured source excerpts, `short` lines or JSON). Positions are byte ranges
//! ([`Span`]) into a [`Source`]; line and column are computed only when shown.

use std::fmt;
use std::path::Path;

/// A byte range `start..end` into a [`Source`]'s text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from byte `start` to byte `end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start: start as u32,
            end: end.max(start) as u32,
        }
    }

    /// The span covering both `self` and `other`.
    pub fn to(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// The byte range, for slicing.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// Byte offsets where each line of a text starts, to turn offsets into line:column.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    starts: Vec<u32>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i as u32 + 1))
            .collect();
        LineIndex { starts }
    }

    /// The 0-based line that contains byte `at`.
    pub fn line_of(&self, at: u32) -> usize {
        self.starts.partition_point(|&s| s <= at).saturating_sub(1)
    }

    /// The byte offset where 0-based `line` starts (the end of the text for lines past it).
    pub fn line_start(&self, line: usize) -> Option<u32> {
        self.starts.get(line).copied()
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Whether the index is empty (never: an empty text has one line).
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }
}

/// An input text with its name, as the diagnostics refer to it.
#[derive(Clone, Debug)]
pub struct Source {
    name: String,
    text: String,
    lines: LineIndex,
}

impl Source {
    /// A source named `name` (usually its path; `<stdin>` for standard input).
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let lines = LineIndex::new(&text);
        Source {
            name: name.into(),
            text,
            lines,
        }
    }

    /// Reads a file. Errors that concern the file itself (missing, a directory,
    /// empty, not UTF-8) come back as one diagnostic; see [`ReadError`].
    pub fn read(path: &Path) -> Result<Source, ReadError> {
        let name = path.display().to_string();
        if path.is_dir() {
            return Err(ReadError::new(
                name,
                "E0002",
                "is a directory, not an argument file",
                "name a `.ron` file inside it, e.g. `argmap check dir/*.ron`",
                true,
            ));
        }
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                let help = match e.kind() {
                    std::io::ErrorKind::NotFound => "check the path and the current directory",
                    std::io::ErrorKind::PermissionDenied => "check the file's permissions",
                    _ => "check that the file can be read",
                };
                return Err(ReadError::new(
                    name,
                    "E0001",
                    &format!("cannot read file: {e}"),
                    help,
                    true,
                ));
            }
        };
        Source::from_bytes(name, bytes)
    }

    /// Makes a source from raw bytes, checking that they are non-empty UTF-8.
    /// A leading byte-order mark is dropped (with its bytes kept out of every span).
    pub fn from_bytes(name: String, bytes: Vec<u8>) -> Result<Source, ReadError> {
        match String::from_utf8(bytes) {
            Ok(mut text) => {
                if text.starts_with('\u{feff}') {
                    text.drain(..3);
                }
                if text.trim().is_empty() {
                    return Err(ReadError::new(
                        name,
                        "E0003",
                        "the file is empty",
                        "an argument file starts with `ArgumentGraph(` and lists `nodes`; see docs/format.md",
                        false,
                    ));
                }
                Ok(Source::new(name, text))
            }
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
                let col = at
                    - bytes[..at]
                        .iter()
                        .rposition(|&b| b == b'\n')
                        .map_or(0, |p| p + 1)
                    + 1;
                Err(ReadError::new(
                    name,
                    "E0004",
                    &format!(
                        "the file is not valid UTF-8 (first bad byte at line {line}, byte column {col}, offset {at})"
                    ),
                    "save the file as UTF-8; argument files are text, not binary",
                    false,
                ))
            }
        }
    }

    /// The name shown in diagnostics.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The full text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text of `span`.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }

    /// The line index.
    pub fn lines(&self) -> &LineIndex {
        &self.lines
    }

    /// 1-based line and 1-based column (in characters) of byte `at`.
    pub fn line_col(&self, at: u32) -> (usize, usize) {
        let at = at.min(self.text.len() as u32);
        let line = self.lines.line_of(at);
        let start = self.lines.line_start(line).unwrap_or(0) as usize;
        let mut end = at as usize;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let col = self.text[start..end].chars().count() + 1;
        (line + 1, col)
    }

    /// Byte offset of 1-based `line` and 1-based character `col` (clamped to the text).
    pub fn offset_of(&self, line: usize, col: usize) -> u32 {
        let Some(start) = self.lines.line_start(line.saturating_sub(1)) else {
            return self.text.len() as u32;
        };
        let rest = &self.text[start as usize..];
        let mut off = start as usize;
        for (i, (b, ch)) in rest.char_indices().enumerate() {
            if i + 1 >= col || ch == '\n' {
                off = start as usize + b;
                return off as u32;
            }
            off = start as usize + b + ch.len_utf8();
        }
        off as u32
    }
}

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Advice: the file is valid, but something looks off (a lint).
    Warning,
    /// The file cannot be used until this is fixed.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// A secondary location that a diagnostic points at ("first declared here").
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What is there.
    pub message: String,
}

/// One problem in an input file.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable code such as `E0201` (documented in `docs/format.md`, never reused).
    pub code: &'static str,
    /// What is wrong: lowercase, no trailing period.
    pub message: String,
    /// Where; `None` when it concerns the whole file.
    pub span: Option<Span>,
    /// Other places that matter.
    pub labels: Vec<Label>,
    /// How to fix it ("did you mean `a1`?").
    pub help: Vec<String>,
}

impl Diagnostic {
    /// An error with a code and message.
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            span: None,
            labels: vec![],
            help: vec![],
        }
    }

    /// A warning with a code and message.
    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    /// Sets the primary location.
    pub fn at(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    /// Adds a secondary location.
    pub fn label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// Adds a hint on how to fix it.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help.push(help.into());
        self
    }

    /// The one-line form `file:line:col: error[CODE]: message (help: ...)`.
    pub fn short(&self, src: &Source) -> String {
        let pos = match self.span {
            Some(s) => {
                let (l, c) = src.line_col(s.start);
                format!("{}:{l}:{c}", src.name())
            }
            None => src.name().to_string(),
        };
        let mut out = format!("{pos}: {}[{}]: {}", self.severity, self.code, self.message);
        for h in &self.help {
            out.push_str(&format!(" (help: {h})"));
        }
        out
    }
}

/// A problem with a file as a whole, found before its text could be parsed.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{name}: error[{}]: {}", .diagnostic.code, .diagnostic.message)]
pub struct ReadError {
    /// The file's name.
    pub name: String,
    /// The diagnostic (no span).
    pub diagnostic: Box<Diagnostic>,
    /// Whether this is an I/O failure (exit 2) rather than bad content (exit 1).
    pub io: bool,
}

impl ReadError {
    fn new(name: String, code: &'static str, msg: &str, help: &str, io: bool) -> Self {
        ReadError {
            name,
            diagnostic: Box::new(Diagnostic::error(code, msg).help(help)),
            io,
        }
    }
}

/// A list of diagnostics for one source, in the order they were found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Adds one.
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// Whether any is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.0
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.0
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    /// The codes, in order.
    pub fn codes(&self) -> Vec<&'static str> {
        self.0.iter().map(|d| d.code).collect()
    }

    /// Sorts by position (file-level ones first), keeping the order of equal positions.
    pub fn sort(&mut self) {
        self.0
            .sort_by_key(|d| d.span.map_or((0, 0), |s| (s.start + 1, s.end)));
    }

    /// Iterates over them.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Number of diagnostics.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// All of them as `short` lines, one per line.
    pub fn short(&self, src: &Source) -> String {
        self.0.iter().map(|d| d.short(src) + "\n").collect()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} error(s), {} warning(s)",
            self.error_count(),
            self.warning_count()
        )?;
        for d in &self.0 {
            write!(f, "; {}[{}]: {}", d.severity, d.code, d.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lw = word.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let lc = c.to_lowercase();
        let squash = |s: &str| {
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        };
        let score = if lc == lw {
            2.0
        } else if squash(&lc) == squash(&lw) {
            1.5
        } else {
            let d = strsim::levenshtein(&lw, &lc);
            let max = lw.chars().count().max(lc.chars().count()).max(1);
            if d > 3.max(max / 3) {
                continue;
            }
            1.0 - d as f64 / max as f64
        };
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_chars() {
        let s = Source::new("t", "ab\nçd e\n");
        assert_eq!(s.line_col(0), (1, 1));
        assert_eq!(s.line_col(3), (2, 1));
        assert_eq!(s.line_col(6), (2, 3)); // `ç` is two bytes, one column
        assert_eq!(s.offset_of(2, 3), 6);
    }

    #[test]
    fn suggestions() {
        assert_eq!(suggest("bsae", ["base", "text", "kind"]), Some("base"));
        assert_eq!(suggest("zzzzzz", ["base", "text"]), None);
        assert_eq!(suggest("e_3", ["e_1", "e3", "h"]), Some("e3"));
    }
}
