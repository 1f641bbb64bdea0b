//! Readers and writers for formats other than argmap's RON, and the one place
//! that picks a reader or writer for a file ([`Format`], [`detect`], [`read()`],
//! [`write()`]).
//!
//! [`json`] reads and writes argmap's JSON model (the RON model one-to-one);
//! [`aif`] the Argument Interchange Format (AIFdb, OVA, xAIF); [`bag`] reads
//! the plain QBAF text format; [`kialo`] reads Kialo's plain-text export;
//! [`graphml`] writes GraphML; [`argdown`] reads and writes Argdown. Every reader turns
//! text into a [`crate::Parsed`] model with positions, which then goes through
//! [`crate::validate`] like a RON file. [`af`], [`apx`] and [`tgf`] read
//! abstract argumentation frameworks straight into a
//! [`crate::dung::Framework`], and write the Dung framework of a map (its
//! attacks; `docs/formats.md` says what is left out). The mappings are in
//! `docs/formats.md`.

pub mod af;
pub mod aif;
pub mod apx;
pub mod argdown;
pub mod bag;
pub mod graphml;
pub(crate) mod intern;
pub mod json;
pub mod kialo;
pub mod tgf;

use std::path::Path;

use crate::diag::{Diagnostics, Source, plural};
use crate::graph::ArgGraph;
use crate::load::Parsed;

/// A file format argmap reads or writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// argmap's RON (`.ron`): read and write.
    Ron,
    /// argmap's JSON model (`.json`): read and write.
    Json,
    /// AIF JSON (`.json` with `nodeID`s, or the xAIF wrapper): read and write.
    Aif,
    /// The plain QBAF text format (`.bag`): read.
    Bag,
    /// Kialo's plain-text export (`.txt`, the numbered outline): read.
    Kialo,
    /// GraphML (`.graphml`): write.
    Graphml,
    /// Argdown (`.argdown`, `.ad`): read and write.
    Argdown,
    /// ICCMA's numbered `.af` (the Dung framework of the attacks): write.
    Af,
    /// ASPARTIX `.apx` (the Dung framework of the attacks): write.
    Apx,
    /// Trivial Graph Format `.tgf` (the Dung framework of the attacks): write.
    Tgf,
}

impl Format {
    /// Every format, in documentation order.
    pub const ALL: [Format; 10] = [
        Format::Ron,
        Format::Json,
        Format::Aif,
        Format::Bag,
        Format::Kialo,
        Format::Graphml,
        Format::Argdown,
        Format::Af,
        Format::Apx,
        Format::Tgf,
    ];

    /// The name used by `--from` and `--to`: `ron`, `json`, `aif`, ...
    pub fn name(self) -> &'static str {
        match self {
            Format::Ron => "ron",
            Format::Json => "json",
            Format::Aif => "aif",
            Format::Bag => "bag",
            Format::Kialo => "kialo",
            Format::Graphml => "graphml",
            Format::Argdown => "argdown",
            Format::Af => "af",
            Format::Apx => "apx",
            Format::Tgf => "tgf",
        }
    }

    /// The format called `name` (case-insensitive).
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
    }

    /// The format of a file extension (without the dot); `json` is argmap's
    /// JSON model (see [`detect`] for AIF).
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "ron" => Some(Format::Ron),
            "json" => Some(Format::Json),
            "aif" => Some(Format::Aif),
            "bag" => Some(Format::Bag),
            "txt" | "kialo" => Some(Format::Kialo),
            "graphml" => Some(Format::Graphml),
            "argdown" | "ad" => Some(Format::Argdown),
            "af" => Some(Format::Af),
            "apx" => Some(Format::Apx),
            "tgf" => Some(Format::Tgf),
            _ => None,
        }
    }

    /// Whether [`read()`] reads a map from it.
    pub fn is_readable(self) -> bool {
        matches!(
            self,
            Format::Ron
                | Format::Json
                | Format::Aif
                | Format::Bag
                | Format::Kialo
                | Format::Argdown
        )
    }

    /// Whether [`write()`] writes a map to it.
    pub fn is_writable(self) -> bool {
        !matches!(self, Format::Bag | Format::Kialo)
    }
}

/// The format of a file to read: by its extension, except that a `.json` file
/// (or one with no known extension, or standard input) whose text looks like
/// AIF ([`aif::looks_like_aif`]) is AIF, text with no known extension that
/// starts with `{` is JSON, and such text that starts like a Kialo export
/// (`Discussion Title:` or `1. `) is Kialo. Anything else is RON.
pub fn detect(path: Option<&Path>, text: &str) -> Format {
    let by_ext = path
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .and_then(Format::from_extension);
    match by_ext {
        Some(Format::Json) | None if aif::looks_like_aif(text) => Format::Aif,
        Some(f) => f,
        None if text.trim_start().starts_with('{') => Format::Json,
        None if kialo::looks_like_kialo(text) => Format::Kialo,
        None => Format::Ron,
    }
}

/// Options of an import.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// The conclusion to use instead of the one the file names or the
    /// importer's rule picks.
    pub conclusion: Option<String>,
}

/// Reads a map in `format` (one reader per format). Like [`crate::parse`],
/// `Err` holds the problems that leave no model; the rest (and an importer's
/// warnings about what it dropped or approximated, `W07xx`) come back in
/// [`Parsed::diagnostics`], for [`crate::validate`]. A format that holds no
/// map ([`Format::is_readable`] is false) gives an `Err` saying so.
pub fn read(src: &Source, format: Format, opts: &ImportOptions) -> Result<Parsed, Diagnostics> {
    let mut parsed = match format {
        Format::Ron => crate::load::parse(src)?,
        Format::Json => json::parse(src)?,
        Format::Aif => return aif::parse(src, opts),
        Format::Kialo => return kialo::parse(src, opts),
        Format::Argdown => return argdown::parse(src, opts),
        Format::Bag => bag::parse(src)?,
        other => {
            return Err(Diagnostics(vec![
                crate::diag::Diagnostic::error(
                    "E0702",
                    format!("argmap cannot read a map from {} (it only writes it)", other.name()),
                )
                .help("read .ron, .json (argmap JSON or AIF), .argdown, .txt (Kialo) or .bag; `argmap extensions` reads .af, .apx and .tgf frameworks"),
            ]));
        }
    };
    if let Some(c) = &opts.conclusion {
        parsed.graph.conclusion = c.clone();
    }
    Ok(parsed)
}

/// A map written in another format: the text, and what the format could not
/// hold (one line each, empty when nothing was lost).
#[derive(Clone, Debug, PartialEq)]
pub struct Written {
    /// The file's content.
    pub text: String,
    /// What was left out or approximated.
    pub left_out: Vec<String>,
}

/// Writes a checked map in `format` (`None` for a format argmap does not
/// write, see [`Format::is_writable`]). RON, JSON, AIF and Argdown keep everything;
/// GraphML and the Dung formats say what they leave out.
pub fn write(g: &ArgGraph, format: Format) -> Option<Written> {
    let m = g.model();
    let full = |text| {
        Some(Written {
            text,
            left_out: vec![],
        })
    };
    match format {
        Format::Ron => {
            // In `argmap fmt`'s canonical layout (the plain serialisation if the
            // formatter ever declined it).
            let plain = m.to_ron() + "\n";
            let laid_out = crate::format::format(&Source::new("map.ron", plain.as_str()));
            full(laid_out.unwrap_or(plain))
        }
        Format::Json => full(json::to_json_string(m)),
        Format::Aif => full(aif::to_aif_string(m)),
        Format::Graphml => Some(graphml::to_graphml(g)),
        Format::Argdown => full(argdown::to_argdown_string(m)),
        Format::Af | Format::Apx | Format::Tgf => Some(dung_text(g, format)),
        Format::Bag | Format::Kialo => None,
    }
}

/// The Dung framework of a map's attacks (`crate::dung::flatten`) as `.af`,
/// `.apx` or `.tgf`, and what it leaves out.
fn dung_text(g: &ArgGraph, format: Format) -> Written {
    let fl = crate::dung::flatten(g);
    let fw = &fl.framework;
    let mut text = String::new();
    match format {
        Format::Af => {
            // The names as comments, so the numbers can be read back.
            text.push_str(&format!("p af {}\n", fw.len()));
            for (i, name) in fw.names().enumerate() {
                text.push_str(&format!("# {} {name}\n", i + 1));
            }
            for (a, b) in fw.attack_pairs() {
                text.push_str(&format!("{} {}\n", a + 1, b + 1));
            }
        }
        Format::Apx => {
            for name in fw.names() {
                text.push_str(&format!("arg({}).\n", apx_name(name)));
            }
            for (a, b) in fw.attack_pairs() {
                text.push_str(&format!(
                    "att({},{}).\n",
                    apx_name(fw.name(a)),
                    apx_name(fw.name(b))
                ));
            }
        }
        _ => {
            for name in fw.names() {
                text.push_str(&format!("{name}\n"));
            }
            text.push_str("#\n");
            for (a, b) in fw.attack_pairs() {
                text.push_str(&format!("{} {}\n", fw.name(a), fw.name(b)));
            }
        }
    }
    let mut left_out = vec![
        "texts, kinds, base scores, weights, groups, citations and expectations (a Dung framework has only arguments and attacks)".to_string(),
    ];
    if !fl.supports.is_empty() {
        left_out.push(format!(
            "{} support edge{} (Dung frameworks have no support)",
            fl.supports.len(),
            plural(fl.supports.len())
        ));
    }
    if !fl.ignored_undercuts.is_empty() {
        left_out.push(format!(
            "{} undercut{} of supports (nothing to attack once supports are gone)",
            fl.ignored_undercuts.len(),
            plural(fl.ignored_undercuts.len())
        ));
    }
    if !fl.inferences.is_empty() {
        left_out.push(format!(
            "{} linked or undercut attack{} became argument{} of {} own (named by edge id), as docs/semantics.md maps structure",
            fl.inferences.len(),
            plural(fl.inferences.len()),
            plural(fl.inferences.len()),
            if fl.inferences.len() == 1 { "its" } else { "their" },
        ));
    }
    Written { text, left_out }
}

/// An `.apx` name: as it is when the reader takes it back unchanged, else quoted.
fn apx_name(name: &str) -> String {
    if name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_') {
        name.to_string()
    } else {
        format!("\"{name}\"")
    }
}
