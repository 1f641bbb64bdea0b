//! Rendering diagnostics for people (coloured excerpts), for tools (`short`,
//! JSON). Only the CLI renders; the library returns diagnostics as data.

use std::io::{IsTerminal, Write};

use codespan_reporting::diagnostic::{
    Diagnostic as CsDiagnostic, Label as CsLabel, Severity as CsSeverity,
};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{
    self,
    termcolor::{ColorChoice, StandardStream},
};

use argmap::{Diagnostic, Severity, Source, printable};

use super::args::{ColorArg, DiagFormat};

/// How diagnostics are printed, and where: the human format on standard error
/// (diagnostics for a person, beside any output); `short` and `json`, which
/// `check --format` and `extensions --format` ask for as their output, on
/// standard output (docs/conventions.md).
pub(crate) struct Reporter {
    pub format: DiagFormat,
    color: ColorChoice,
    /// `--quiet`: [`Reporter::warnings`] prints nothing.
    pub quiet: bool,
    /// `--deny-warnings`: [`Reporter::warnings`] makes them errors.
    pub deny_warnings: bool,
}

/// The most warnings [`Reporter::warnings`] prints about one file; `check`
/// lists the rest.
const MAX_COMPACT_WARNINGS: usize = 10;

impl Reporter {
    pub fn new(format: DiagFormat, color: ColorArg, quiet: bool, deny_warnings: bool) -> Self {
        let color = match color {
            ColorArg::Always => ColorChoice::Always,
            ColorArg::Never => ColorChoice::Never,
            ColorArg::Auto => {
                let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
                if no_color || !std::io::stderr().is_terminal() {
                    ColorChoice::Never
                } else {
                    ColorChoice::Auto
                }
            }
        };
        Reporter {
            format,
            color,
            quiet,
            deny_warnings,
        }
    }

    /// The warnings of a file that commands other than `check` read: one
    /// `short` line each (at most [`MAX_COMPACT_WARNINGS`]) and a pointer to
    /// `argmap check` for the full report, on standard error; nothing with
    /// `--quiet`. With `--deny-warnings` they are printed as errors instead, and
    /// the result is `false` (the command stops with exit 1).
    pub fn warnings(&self, src: &Source, warnings: &argmap::Diagnostics) -> bool {
        if warnings.is_empty() {
            return true;
        }
        if self.deny_warnings {
            let denied = deny(warnings.clone());
            self.emit(src, &denied.0);
            return false;
        }
        if self.quiet {
            return true;
        }
        let mut err = std::io::stderr().lock();
        for d in warnings.iter().take(MAX_COMPACT_WARNINGS) {
            let _ = writeln!(err, "{}", d.short(src));
        }
        let n = warnings.len();
        let more = n.saturating_sub(MAX_COMPACT_WARNINGS);
        let name = printable(src.name());
        let _ = writeln!(
            err,
            "note: {n} warning{} in {name}{}: `argmap check {name}` gives the full report, --quiet hides them",
            if n == 1 { "" } else { "s" },
            if more > 0 {
                format!(" ({more} not shown)")
            } else {
                String::new()
            }
        );
        true
    }

    /// Whether colour may be used on standard output too.
    #[allow(dead_code)] // for tables on stdout
    pub fn color_stdout(&self) -> bool {
        self.color != ColorChoice::Never && std::io::stdout().is_terminal()
    }

    /// Prints diagnostics about one source.
    pub fn emit(&self, src: &Source, diags: &[Diagnostic]) {
        if diags.is_empty() && self.format != DiagFormat::Json {
            return; // and skip indexing a large file's lines for nothing
        }
        match self.format {
            DiagFormat::Short => {
                let mut out = std::io::stdout().lock();
                for d in diags {
                    let _ = writeln!(out, "{}", d.short(src));
                }
            }
            DiagFormat::Json => {
                let arr: Vec<_> = diags.iter().map(|d| to_json(src, d)).collect();
                let _ = writeln!(
                    std::io::stdout().lock(),
                    "{}",
                    serde_json::Value::Array(arr)
                );
            }
            DiagFormat::Human => {
                let file = SimpleFile::new(printable(src.name()), shown_text(src.text()));
                let mut out = StandardStream::stderr(self.color);
                let config = term::Config::default();
                for d in diags {
                    let _ =
                        term::emit_to_write_style(&mut out, &config, &file, &to_codespan(src, d));
                }
            }
        }
    }

    /// Prints a diagnostic that concerns a file as a whole (it has no text to show).
    pub fn emit_file_level(&self, name: &str, d: &Diagnostic) {
        let src = Source::new(name, "");
        self.emit(&src, std::slice::from_ref(d));
    }

    /// One summary line after `check`.
    pub fn summary(&self, files: usize, errors: usize, warnings: usize) {
        if self.format == DiagFormat::Human {
            let mut err = std::io::stderr().lock();
            let _ = writeln!(
                err,
                "checked {files} file{}: {errors} error{}, {warnings} warning{}",
                if files == 1 { "" } else { "s" },
                if errors == 1 { "" } else { "s" },
                if warnings == 1 { "" } else { "s" }
            );
        }
    }
}

/// `diags` with every warning made an error (`--deny-warnings`), saying why.
pub(crate) fn deny(mut diags: argmap::Diagnostics) -> argmap::Diagnostics {
    for d in &mut diags.0 {
        if d.severity == Severity::Warning {
            d.severity = Severity::Error;
            d.help
                .push("this warning is an error because of --deny-warnings".into());
        }
    }
    diags
}

fn to_codespan(src: &Source, d: &Diagnostic) -> CsDiagnostic<()> {
    let sev = match d.severity {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
    };
    let clamp = |r: std::ops::Range<usize>| {
        let len = src.text().len();
        let s = r.start.min(len);
        s..r.end.clamp(s, len)
    };
    let mut labels = vec![];
    let mut notes: Vec<String> = vec![];
    // A span on a very long line (a minified file) is given as a position and
    // a short excerpt: printing the whole line once per diagnostic could print
    // gigabytes.
    let mut place = |span: argmap::Span, what: &str| -> bool {
        let line = src.lines().line_of(span.start);
        let start = src.lines().line_start(line).unwrap_or(0) as usize;
        let end = src
            .lines()
            .line_start(line + 1)
            .map_or(src.text().len(), |e| e as usize);
        if end - start <= MAX_SHOWN_LINE {
            return true;
        }
        let (l, c) = src.line_col(span.start);
        let text = src.text();
        let mut from = (span.start as usize).saturating_sub(30).max(start);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let mut to = (span.start as usize + 50).min(end);
        while !text.is_char_boundary(to) {
            to -= 1;
        }
        notes.push(format!(
            "{what} {}:{l}:{c} (in a line too long to show: {} bytes), near: …{}…",
            printable(src.name()),
            end - start,
            printable(text[from..to].trim_end_matches(['\r', '\n']))
        ));
        false
    };
    if let Some(s) = d.span
        && place(s, "at")
    {
        labels.push(CsLabel::primary((), clamp(s.range())));
    }
    for l in &d.labels {
        if place(l.span, &format!("{}:", printable(&l.message))) {
            labels.push(
                CsLabel::secondary((), clamp(l.span.range())).with_message(printable(&l.message)),
            );
        }
    }
    notes.extend(d.help.iter().map(|h| format!("help: {}", printable(h))));
    // A diagnostic with nothing to point at still names its file (a file-level
    // problem, or one about the text as a whole such as a missing `.af` header).
    if d.span.is_none() && (src.text().is_empty() || d.labels.is_empty()) {
        notes.insert(0, format!("in {}", printable(src.name())));
    }
    CsDiagnostic::new(sev)
        .with_code(d.code)
        .with_message(printable(&d.message))
        .with_labels(labels)
        .with_notes(notes)
}

/// Lines longer than this (in bytes) are not printed in source excerpts.
const MAX_SHOWN_LINE: usize = 1000;

/// The text as printed in source excerpts: control characters (other than tab
/// and line ends) and bidirectional-override characters are replaced by
/// characters of the same length in bytes, so spans stay valid and the file
/// cannot send escape sequences to the terminal.
fn shown_text(text: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.contains(bad) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c.len_utf8() {
            _ if !bad(c) => c.to_string(),
            3 => "\u{fffd}".to_string(),
            n => "?".repeat(n),
        })
        .collect::<String>()
        .into()
}

/// The JSON form of a diagnostic (a documented contract; see docs/format.md).
pub(crate) fn to_json(src: &Source, d: &Diagnostic) -> serde_json::Value {
    let pos = |at: u32| {
        let (l, c) = src.line_col(at);
        (l, c)
    };
    let mut obj = serde_json::json!({
        "file": src.name(),
        "severity": d.severity.to_string(),
        "code": d.code,
        "message": d.message,
        "help": d.help,
    });
    if let Some(s) = d.span {
        let (l, c) = pos(s.start);
        let (el, ec) = pos(s.end);
        obj["line"] = l.into();
        obj["column"] = c.into();
        obj["end_line"] = el.into();
        obj["end_column"] = ec.into();
    }
    obj["labels"] = d
        .labels
        .iter()
        .map(|lab| {
            let (l, c) = pos(lab.span.start);
            serde_json::json!({"line": l, "column": c, "message": lab.message})
        })
        .collect();
    obj
}
