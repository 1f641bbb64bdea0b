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

use argmap::{Diagnostic, Severity, Source};

use super::args::{ColorArg, DiagFormat};

/// Where and how diagnostics go (always standard error).
pub(crate) struct Reporter {
    pub format: DiagFormat,
    color: ColorChoice,
}

impl Reporter {
    pub fn new(format: DiagFormat, color: ColorArg) -> Self {
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
        Reporter { format, color }
    }

    /// Whether colour may be used on standard output too.
    #[allow(dead_code)] // for tables on stdout
    pub fn color_stdout(&self) -> bool {
        self.color != ColorChoice::Never && std::io::stdout().is_terminal()
    }

    /// Prints diagnostics about one source.
    pub fn emit(&self, src: &Source, diags: &[Diagnostic]) {
        match self.format {
            DiagFormat::Short => {
                let mut err = std::io::stderr().lock();
                for d in diags {
                    let _ = writeln!(err, "{}", d.short(src));
                }
            }
            DiagFormat::Json => {
                let arr: Vec<_> = diags.iter().map(|d| to_json(src, d)).collect();
                let _ = writeln!(
                    std::io::stderr().lock(),
                    "{}",
                    serde_json::Value::Array(arr)
                );
            }
            DiagFormat::Human => {
                let file = SimpleFile::new(src.name(), src.text());
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
    if let Some(s) = d.span {
        labels.push(CsLabel::primary((), clamp(s.range())));
    }
    for l in &d.labels {
        labels.push(CsLabel::secondary((), clamp(l.span.range())).with_message(l.message.clone()));
    }
    let mut notes: Vec<String> = d.help.iter().map(|h| format!("help: {h}")).collect();
    if d.span.is_none() && src.text().is_empty() {
        notes.insert(0, format!("in {}", src.name()));
    }
    CsDiagnostic::new(sev)
        .with_code(d.code)
        .with_message(&d.message)
        .with_labels(labels)
        .with_notes(notes)
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
