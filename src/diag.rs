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

    /// The span of the one character of `text` that starts at byte `at` (a
    /// char boundary); empty at (or past) the end of the text.
    pub fn char_at(text: &str, at: usize) -> Span {
        let end = text[at.min(text.len())..]
            .chars()
            .next()
            .map_or(at, |c| at + c.len_utf8());
        Span::new(at, end)
    }
}

/// `"s"` after a count other than one, for messages: `format!("{n} edge{}",
/// plural(n))`.
pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Byte offsets where each line of a text starts, to turn offsets into line:column.
///
/// Long lines also get a checkpoint every [`LineIndex::MARK_EVERY`] bytes (byte
/// offset and character column there), so that finding the column of a position
/// costs at most that many bytes of counting, even in a one-line (minified) file
/// with many diagnostics.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    starts: Vec<u32>,
    /// `(byte offset, characters since the start of its line)`, ascending.
    marks: Vec<(u32, u32)>,
}

impl LineIndex {
    /// Distance in bytes between column checkpoints in long lines.
    pub const MARK_EVERY: usize = 1024;

    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let starts: Vec<u32> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i as u32 + 1))
            .collect();
        let mut marks = vec![];
        for (i, &s) in starts.iter().enumerate() {
            let end = starts.get(i + 1).map_or(text.len(), |&e| e as usize);
            let line = &text[s as usize..end];
            if line.len() <= Self::MARK_EVERY {
                continue;
            }
            let mut next = Self::MARK_EVERY;
            for (col, (b, _)) in line.char_indices().enumerate() {
                if b >= next {
                    marks.push((s + b as u32, col as u32));
                    next = b + Self::MARK_EVERY;
                }
            }
        }
        LineIndex { starts, marks }
    }

    /// The 0-based line that contains byte `at`.
    pub fn line_of(&self, at: u32) -> usize {
        self.starts.partition_point(|&s| s <= at).saturating_sub(1)
    }

    /// The byte offset where 0-based `line` starts (the end of the text for lines past it).
    pub fn line_start(&self, line: usize) -> Option<u32> {
        self.starts.get(line).copied()
    }

    /// The nearest column checkpoint at or before byte `at` that is not before
    /// `line_start`: `(byte offset, characters from the line start)`.
    fn mark_before(&self, at: u32, line_start: u32) -> (u32, u32) {
        match self.marks.partition_point(|&(b, _)| b <= at).checked_sub(1) {
            Some(i) if self.marks[i].0 >= line_start => self.marks[i],
            _ => (line_start, 0),
        }
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
    /// Built on first use: reading a big file that has no problem never needs it.
    lines: std::sync::OnceLock<LineIndex>,
}

impl Source {
    /// A source named `name` (usually its path; `<stdin>` for standard input).
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let lines = std::sync::OnceLock::new();
        Source {
            name: name.into(),
            text,
            lines,
        }
    }

    /// The largest file [`Source::read`] accepts: 32 MiB. Loading takes about
    /// 20 times the file's size in memory (a 32 MiB map of some 200 000 nodes
    /// peaks near 500 MB), so a larger file is refused with `E0005` before it is
    /// read; [`Source::read_limited`] takes another limit.
    pub const MAX_BYTES: u64 = 32 * 1024 * 1024;

    /// Reads a file. Errors that concern the file itself (missing, a directory,
    /// larger than [`Source::MAX_BYTES`], not UTF-8) come back as one
    /// diagnostic; see [`ReadError`]. An empty file is read: each reader
    /// refuses it with what a file of its format holds (`refuse_empty` in each reader).
    pub fn read(path: &Path) -> Result<Source, ReadError> {
        Source::read_limited(path, Source::MAX_BYTES)
    }

    /// Reads a file, refusing it (`E0005`) if it is larger than `max_bytes`.
    pub fn read_limited(path: &Path, max_bytes: u64) -> Result<Source, ReadError> {
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
        let io_error = |name: String, e: std::io::Error| {
            let help = match e.kind() {
                std::io::ErrorKind::NotFound => "check the path and the current directory",
                std::io::ErrorKind::PermissionDenied => "check the file's permissions",
                _ => "check that the file can be read",
            };
            ReadError::new(name, "E0001", &format!("cannot read file: {e}"), help, true)
        };
        let file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) => return Err(io_error(name, e)),
        };
        // Refuse a large file before reading any of it; a pipe or device (whose
        // length is unknown) is cut off by `from_reader` instead.
        let mut size = 0;
        if let Ok(meta) = file.metadata() {
            if meta.is_file() && meta.len() > max_bytes {
                return Err(ReadError::too_large(name, Some(meta.len()), max_bytes));
            }
            if meta.is_file() {
                size = meta.len();
            }
        }
        Source::read_sized(name, file, max_bytes, size)
    }

    /// Reads a source from `reader` (a file, standard input), refusing it
    /// (`E0005`) as soon as more than `max_bytes` have come in: memory use is
    /// bounded whatever the reader delivers.
    pub fn from_reader(
        name: String,
        reader: impl std::io::Read,
        max_bytes: u64,
    ) -> Result<Source, ReadError> {
        Source::read_sized(name, reader, max_bytes, 0)
    }

    /// [`Source::from_reader`] into a buffer sized for `size` bytes up front (a
    /// file's length), so that a large file is read once, not copied at every
    /// doubling of the buffer.
    fn read_sized(
        name: String,
        reader: impl std::io::Read,
        max_bytes: u64,
        size: u64,
    ) -> Result<Source, ReadError> {
        use std::io::Read;
        // One byte more, to see the end of the file without a regrowth.
        let mut bytes = Vec::with_capacity(usize::try_from(size.min(max_bytes)).unwrap_or(0) + 1);
        if let Err(e) = reader
            .take(max_bytes.saturating_add(1))
            .read_to_end(&mut bytes)
        {
            return Err(ReadError::new(
                name,
                "E0001",
                &format!("cannot read file: {e}"),
                "check that the file can be read",
                true,
            ));
        }
        if bytes.len() as u64 > max_bytes {
            return Err(ReadError::too_large(name, None, max_bytes));
        }
        Source::from_bytes(name, bytes)
    }

    /// Makes a source from raw bytes, checking that they are UTF-8 (an empty
    /// text is left to the reader, see `refuse_empty`).
    /// A leading byte-order mark is dropped (with its bytes kept out of every span).
    pub fn from_bytes(name: String, mut bytes: Vec<u8>) -> Result<Source, ReadError> {
        if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
            return Err(ReadError::new(
                name,
                "E0004",
                "the file is UTF-16, not UTF-8 (it starts with a UTF-16 byte-order mark)",
                "save the file as UTF-8 (in Notepad: File > Save as > Encoding: UTF-8)",
                false,
            ));
        }
        let bom = if bytes.starts_with(b"\xef\xbb\xbf") {
            3
        } else {
            0
        };
        bytes.drain(..bom);
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Source::new(name, text)),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                // `bytes[..at]` is valid UTF-8; positions count from after a BOM,
                // columns in characters, as an editor shows them.
                let before = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
                let line = before.matches('\n').count() + 1;
                let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                // Git's test for binary files: a NUL byte among the first 8000.
                let what = if bytes.iter().take(8000).any(|&b| b == 0) {
                    "argument files are text, not binary"
                } else {
                    "it may be in another encoding (Latin-1, Windows-1252)"
                };
                Err(ReadError::new(
                    name,
                    "E0004",
                    &format!(
                        "the file is not valid UTF-8 (first bad byte at line {line}, column {col}, byte offset {})",
                        at + bom
                    ),
                    &format!("save the file as UTF-8; {what}"),
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

    /// Whether the text holds nothing but white space.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// The text of `span`.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }

    /// The line index.
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    /// 1-based line and 1-based column (in characters) of byte `at`.
    pub fn line_col(&self, at: u32) -> (usize, usize) {
        let at = at.min(self.text.len() as u32);
        let line = self.lines().line_of(at);
        let start = self.lines().line_start(line).unwrap_or(0);
        let (mark, chars) = self.lines().mark_before(at, start);
        let mut end = at as usize;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let col = chars as usize + self.text[mark as usize..end].chars().count() + 1;
        (line + 1, col)
    }

    /// Byte offset of 1-based `line` and 1-based character `col` (clamped to the text).
    pub fn offset_of(&self, line: usize, col: usize) -> u32 {
        let Some(start) = self.lines().line_start(line.saturating_sub(1)) else {
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
                format!("{}:{l}:{c}", printable(src.name()))
            }
            None => printable(src.name()).into_owned(),
        };
        let mut out = format!(
            "{pos}: {}[{}]: {}",
            self.severity,
            self.code,
            printable(&self.message)
        );
        for h in &self.help {
            out.push_str(&format!(" (help: {})", printable(h)));
        }
        out
    }
}

/// `E0003` ("the file is empty") when `src` holds nothing but white space, with
/// `help`: what a file of the reader's format holds. Every reader calls it
/// first, so that an empty file is told about its own format (the one its
/// extension or `--from` picked), not another's.
pub fn refuse_empty(src: &Source, help: &str) -> Result<(), Diagnostics> {
    if src.is_blank() {
        return Err(Diagnostics(vec![
            Diagnostic::error("E0003", "the file is empty").help(help),
        ]));
    }
    Ok(())
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
    fn too_large(name: String, size: Option<u64>, max: u64) -> Self {
        let mib = |b: u64| b as f64 / (1024.0 * 1024.0);
        let size = match size {
            Some(s) => format!("{:.1} MiB", mib(s)),
            None => format!("more than {:.0} MiB", mib(max)),
        };
        ReadError::new(
            name,
            "E0005",
            &format!(
                "the file is too large ({size}; the limit is {:.0} MiB)",
                mib(max)
            ),
            "an argument map is rarely over a few MiB: check that this is the file you meant; \
             to read it anyway, raise the limit with the environment variable \
             ARGMAP_MAX_FILE_MB (loading takes about 20 times the file's size in memory)",
            false,
        )
    }

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

/// `text` with control characters (other than tab and newline) and Unicode
/// bidirectional-override characters written as escapes (`\u{1b}`), so that
/// text quoted from a file cannot recolour the terminal or reorder the line it
/// is printed on.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c);
    if !text.contains(bad) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if bad(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Whether `c` changes the direction of the text around it (LRM, RLM, the
/// embeddings, overrides and isolates; CVE-2021-42574, "Trojan Source").
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Words longer than this (in characters) get no typo suggestion: edit distance
/// takes time proportional to the product of the lengths.
const SUGGEST_MAX_CHARS: usize = 256;

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let squash = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
    };
    let lw = word.to_lowercase();
    let sw = squash(&lw);
    let nw = lw.chars().count();
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let lc = c.to_lowercase();
        let score = if lc == lw {
            2.0
        } else if squash(&lc) == sw {
            1.5
        } else {
            let nc = lc.chars().count();
            let max = nw.max(nc).max(1);
            // The distance is at least the difference in length: skip hopeless
            // candidates, and very long words, before the quadratic comparison.
            if nw.abs_diff(nc) > 3.max(max / 3) || max > SUGGEST_MAX_CHARS {
                continue;
            }
            let d = strsim::levenshtein(&lw, &lc);
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
    fn columns_in_long_lines_agree_with_counting_from_the_line_start() {
        // Checkpoints every 1024 bytes must not change any column: compare with
        // a plain count on lines mixing 1-, 2-, 3- and 4-byte characters.
        let line: String = (0..3000).map(|i| ['a', 'é', '€', '🌧'][i % 4]).collect();
        let text = format!("short\n{line}\n{line}x\nend");
        let s = Source::new("t", text.as_str());
        for at in (0..text.len()).step_by(7).chain([text.len()]) {
            let mut b = at;
            while !text.is_char_boundary(b) {
                b -= 1;
            }
            let before = &text[..b];
            let l = before.matches('\n').count() + 1;
            let c = before.rsplit('\n').next().unwrap().chars().count() + 1;
            assert_eq!(s.line_col(at as u32), (l, c), "byte {at}");
        }
    }

    #[test]
    fn read_errors_name_the_encoding() {
        let utf16 = Source::from_bytes("u".into(), vec![0xff, 0xfe, b'A', 0]).unwrap_err();
        assert!(utf16.diagnostic.message.contains("UTF-16"));
        // After a BOM, the column of a bad byte counts characters from the BOM's end:
        // `é` is one column, so the byte 0xff after `aé` is in column 3.
        let bad =
            Source::from_bytes("b".into(), b"\xef\xbb\xbfa\xc3\xa9\xff".to_vec()).unwrap_err();
        assert_eq!(
            bad.diagnostic.message,
            "the file is not valid UTF-8 (first bad byte at line 1, column 3, byte offset 6)"
        );
        let big = Source::from_reader("s".into(), &[b' '; 11][..], 10).unwrap_err();
        assert_eq!(big.diagnostic.code, "E0005");
        assert!(Source::from_reader("s".into(), &b"(a: 1)   "[..], 10).is_ok());
    }

    #[test]
    fn printable_escapes_terminal_controls_and_bidi_overrides() {
        assert_eq!(printable("plain é 🌧"), "plain é 🌧");
        assert_eq!(printable("\u{1b}[31mred"), "\\u{1b}[31mred");
        assert_eq!(printable("a\u{202e}b\tc"), "a\\u{202e}b\tc");
    }

    #[test]
    fn suggestions() {
        assert_eq!(suggest("bsae", ["base", "text", "kind"]), Some("base"));
        assert_eq!(suggest("zzzzzz", ["base", "text"]), None);
        assert_eq!(suggest("e_3", ["e_1", "e3", "h"]), Some("e3"));
    }
}
