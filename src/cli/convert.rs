//! `argmap convert IN -o OUT [--from FMT] [--to FMT]`: a map from one format
//! into another (docs/formats.md). The reading and the writing are the
//! library's ([`argmap::formats::read`], [`argmap::formats::write`]); this
//! module picks the formats, reports, and writes the file atomically.

use std::path::{Path, PathBuf};

use clap::ValueEnum;

use argmap::formats::{Format, ImportOptions};

use super::{Ctx, EXIT_FAILURE, EXIT_INPUT, Reported};

/// Convert a map between formats.
#[derive(Debug, clap::Args)]
pub(crate) struct ConvertArgs {
    /// The map to read (`-` reads standard input).
    pub input: PathBuf,
    /// Where to write (`-` writes to standard output). An existing file is
    /// replaced atomically: readers see the old file or the whole new one.
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
    /// The input's format (default: from its extension; a `.json` file is
    /// AIF when it has AIF's `nodeID`s, else argmap JSON).
    #[arg(long, value_enum, value_name = "FMT")]
    pub from: Option<FormatArg>,
    /// The output's format (default: from its extension, `.json` being argmap
    /// JSON; RON for `-o -`).
    #[arg(long, value_enum, value_name = "FMT")]
    pub to: Option<FormatArg>,
    /// The node to make the conclusion (instead of the file's, or the one the
    /// importer's rule picks).
    #[arg(long, value_name = "ID")]
    pub conclusion: Option<String>,
    /// Print a report (formats, counts, warnings, what was left out) as JSON on
    /// standard output.
    #[arg(long)]
    pub json: bool,
}

/// A format, as `--from` and `--to` name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum FormatArg {
    /// argmap's RON.
    Ron,
    /// argmap's JSON model.
    Json,
    /// AIF JSON (AIFdb, OVA, xAIF).
    Aif,
    /// The plain QBAF text format (read only).
    Bag,
    /// Kialo's plain-text export (read only).
    Kialo,
    /// GraphML (write only).
    Graphml,
    /// Argdown (write only, for now).
    Argdown,
    /// ICCMA's numbered Dung format (write only: the attacks).
    Af,
    /// ASPARTIX facts (write only: the attacks).
    Apx,
    /// Trivial Graph Format (write only: the attacks).
    Tgf,
}

impl FormatArg {
    /// The library's format of the same name ([`Format::name`] is the
    /// `--from`/`--to` value: one list of names).
    fn lib(self) -> Format {
        self.to_possible_value()
            .and_then(|v| Format::from_name(v.get_name()))
            .expect("every --from/--to value is a Format's name (tested)")
    }
}

fn names(pred: impl Fn(Format) -> bool) -> String {
    Format::ALL
        .into_iter()
        .filter(|f| pred(*f))
        .map(Format::name)
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn run(args: &ConvertArgs, cx: &Ctx) -> Result<(), Reported> {
    let rep = cx.reporter(super::DiagFormat::Human);
    let usage = |msg: String| {
        eprintln!("error: {msg}");
        Reported(EXIT_FAILURE)
    };
    if args.json && args.output.as_os_str() == "-" {
        return Err(usage(
            "--json prints the report on standard output, where -o - would write the map: write the map to a file".into(),
        ));
    }
    let to = match args.to {
        Some(f) => f.lib(),
        None if args.output.as_os_str() == "-" => Format::Ron,
        None => args
            .output
            .extension()
            .and_then(|e| e.to_str())
            .and_then(Format::from_extension)
            .ok_or_else(|| {
                usage(format!(
                    "cannot tell the output format from {}: give --to (one of {})",
                    args.output.display(),
                    names(Format::is_writable)
                ))
            })?,
    };
    if !to.is_writable() {
        return Err(usage(format!(
            "argmap does not write {}: --to is one of {}",
            to.name(),
            names(Format::is_writable)
        )));
    }
    if let Err(msg) = super::diagram::check_output(&args.input, &args.output, to.name()) {
        return Err(usage(msg));
    }
    let src = super::read_source(&args.input).map_err(|e| {
        rep.emit_file_level(&e.name, &e.diagnostic);
        Reported(if e.io { EXIT_FAILURE } else { EXIT_INPUT })
    })?;
    let from = match args.from {
        Some(f) => f.lib(),
        None => argmap::formats::detect(
            (args.input.as_os_str() != "-").then_some(args.input.as_path()),
            src.text(),
        ),
    };
    if !from.is_readable() {
        return Err(usage(format!(
            "argmap does not read maps from {}: --from is one of {}",
            from.name(),
            names(Format::is_readable)
        )));
    }
    let opts = ImportOptions {
        conclusion: args.conclusion.clone(),
    };
    let checked = argmap::formats::read(&src, from, &opts).and_then(argmap::validate);
    let v = match checked {
        Ok(v) => v,
        Err(d) => {
            let errors: Vec<_> =
                d.0.into_iter()
                    .filter(|d| d.severity == argmap::Severity::Error)
                    .collect();
            rep.emit(&src, &errors);
            eprintln!(
                "error: nothing written: {} has errors",
                argmap::printable(src.name())
            );
            return Err(Reported(EXIT_INPUT));
        }
    };
    // What the import dropped or approximated (W07xx); the map lints are
    // `argmap check`'s.
    let mut notes = v.warnings.clone();
    notes.0.retain(|d| d.code.starts_with("W07"));
    if !args.json && !rep.warnings(&src, &notes) {
        return Err(Reported(EXIT_INPUT));
    }
    let g = argmap::build_owned(v);
    let Some(written) = argmap::formats::write(&g, to) else {
        return Err(usage(format!("argmap does not write {}", to.name())));
    };
    if !args.json && !cx.quiet {
        for l in &written.left_out {
            eprintln!("note: {} leaves out {l}", to.name());
        }
    }
    write_out(&args.output, &written.text)?;
    if args.json {
        let report = serde_json::json!({
            "input": args.input.display().to_string(),
            "from": from.name(),
            "output": args.output.display().to_string(),
            "to": to.name(),
            "nodes": g.model().nodes.len(),
            "edges": g.model().edges.len(),
            "conclusion": g.model().conclusion,
            "warnings": notes.iter().map(|d| serde_json::json!({
                "code": d.code, "message": d.message, "help": d.help,
            })).collect::<Vec<_>>(),
            "left_out": written.left_out,
        });
        println!("{report:#}");
    }
    Ok(())
}

fn write_out(path: &Path, text: &str) -> Result<(), Reported> {
    if path.as_os_str() == "-" {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        return out
            .write_all(text.as_bytes())
            .and_then(|()| out.flush())
            .map_err(|e| {
                eprintln!("error: cannot write to standard output: {e}");
                Reported(EXIT_FAILURE)
            });
    }
    super::io::write_atomic(path, text.as_bytes()).map_err(|e| {
        eprintln!("error: {e}");
        Reported(EXIT_FAILURE)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `--from`/`--to` value names a library format, and every library
    /// format has a value.
    #[test]
    fn the_format_flags_name_every_format_once() {
        let libs: Vec<Format> = FormatArg::value_variants()
            .iter()
            .map(|f| f.lib())
            .collect();
        assert_eq!(libs, Format::ALL);
    }
}
