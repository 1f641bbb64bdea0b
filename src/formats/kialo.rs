//! Kialo's plain-text export (the numbered outline of a discussion): read.
//!
//! ```text
//! Discussion Title: Should the city centre be car-free?
//!
//! 1. The city centre should be car-free.
//! 1.1. Pro: Cleaner air.
//! 1.1.1. Con: The ring road would carry the traffic instead.
//! 1.2. Con: Shops would lose customers who drive.
//! 1.2.1. Pro: -> See 1.1.1.
//! ```
//!
//! Each numbered line is a claim whose id is its number (`1.2.1`); a line
//! that does not start with a number continues the claim above it. `Pro:`
//! makes a claim a `Support` of its parent (the number without its last part),
//! `Con:` an `Attack`; a line without either is a thesis (`1.`). A claim whose
//! text is `-> See N.` is Kialo's link to a claim elsewhere: it becomes an edge
//! from claim `N` to the parent, not a node. The conclusion is thesis `1` (or
//! the first thesis), or `--conclusion ID`. Kialo has no base scores or
//! weights: every claim gets the neutral base 0.5 and every edge the weight 1,
//! with one warning (`W0701`).
//!
//! Problems (all reported at once, at their line): `E0731` a line that looks
//! numbered but is not `N.N. Pro: text` / `Con:` (a claim below a thesis
//! without a stance, a top-level claim with one, text before the first
//! claim), `E0732` a number given twice,
//! `E0733` a claim whose parent number is not in the file (or a link to a
//! number not in the file), `E0734` no numbered claim at all.

use std::collections::HashMap;

use crate::diag::{Diagnostic, Diagnostics, Source, Span};
use crate::formats::ImportOptions;
use crate::load::{EdgeSpans, NodeSpans, Parsed, Spans};
use crate::model::{ArgumentGraph, Edge, EdgeData, EdgeKind, Node, NodeKind};

/// One numbered line (and its continuation lines).
struct Item {
    number: String,
    number_span: Span,
    stance: Option<EdgeKind>,
    text: String,
    whole: Span,
}

/// Whether a text looks like a Kialo export (its first non-blank line is
/// `Discussion Title:` or `1. ...`).
pub fn looks_like_kialo(text: &str) -> bool {
    let first = text
        .trim_start_matches('\u{feff}')
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    first.starts_with("Discussion Title:") || first.starts_with("1. ")
}

/// What an empty file is told it should hold (`E0003`, see [`crate::diag::refuse_empty`]).
const EMPTY_HELP: &str = "a Kialo export (.txt) starts with `Discussion Title: ...` and numbers its claims: `1. thesis`, then `1.1. Pro: ...` or `1.1. Con: ...`; see docs/formats.md";

/// Reads a Kialo plain-text export (see the module docs).
pub fn parse(src: &Source, opts: &ImportOptions) -> Result<Parsed, Diagnostics> {
    crate::diag::refuse_empty(src, EMPTY_HELP)?;
    let text = src.text();
    let mut errs = Diagnostics::default();
    let mut title = String::new();
    let mut items: Vec<Item> = vec![];
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let body = line.trim_start_matches('\u{feff}');
        let lead = line.len() - body.len();
        if let Some(t) = body.strip_prefix("Discussion Title:") {
            title = t.trim().to_string();
            continue;
        }
        match numbered(body) {
            Some((number, rest)) => {
                let number_span = Span::new(start + lead, start + lead + number.len() + 1);
                let rest = rest.trim_start();
                let (stance, text) = if let Some(t) = rest.strip_prefix("Pro:") {
                    (Some(EdgeKind::Support), t)
                } else if let Some(t) = rest.strip_prefix("Con:") {
                    (Some(EdgeKind::Attack), t)
                } else {
                    (None, rest)
                };
                // Kialo numbers a thesis `1.` and its answers `1.1.`, `1.2.`: a
                // claim below a thesis is for or against its parent, a thesis
                // has no parent to be for or against.
                let problem = match (stance, number.contains('.')) {
                    (None, true) => Some((
                        format!("claim {number} is neither `Pro:` nor `Con:`"),
                        "only a thesis (`1.`) stands alone; write `1.2. Pro: ...` or `1.2. Con: ...`".to_string(),
                    )),
                    (Some(kind), false) => {
                        let word = if kind == EdgeKind::Attack { "Con:" } else { "Pro:" };
                        Some((
                            format!("claim {number} is a thesis (a top-level number): `{word}` has no parent claim to answer"),
                            format!("number it under the claim it answers (`1.N. {word} ...` answers thesis 1), or remove `{word}` to make it a thesis"),
                        ))
                    }
                    _ => None,
                };
                if let Some((message, help)) = problem {
                    errs.push(
                        Diagnostic::error("E0731", message)
                            .at(Span::new(start, start + line.len()))
                            .help(help),
                    );
                }
                items.push(Item {
                    number: number.to_string(),
                    number_span,
                    stance,
                    text: text.trim().to_string(),
                    whole: Span::new(start, start + line.len()),
                });
            }
            None if body.trim().is_empty() => {}
            None => match items.last_mut() {
                // A continuation of the claim above.
                Some(it) => {
                    if !it.text.is_empty() {
                        it.text.push('\n');
                    }
                    it.text.push_str(body.trim());
                    it.whole = it.whole.to(Span::new(start, start + line.len()));
                }
                None => errs.push(
                    Diagnostic::error("E0731", "text before the first numbered claim")
                        .at(Span::new(start, start + line.len()))
                        .help("a Kialo export starts with `Discussion Title: ...`, then `1. The thesis`"),
                ),
            },
        }
    }
    if items.is_empty() && errs.is_empty() {
        errs.push(
            Diagnostic::error("E0734", "no numbered claim: this is not a Kialo export")
                .at(Span::new(0, text.len().min(1)))
                .help("a Kialo export lists `1. The thesis`, `1.1. Pro: ...`, `1.2. Con: ...`"),
        );
    }
    // Numbers, and links `-> See N.`.
    let mut index: HashMap<&str, usize> = HashMap::new();
    let link = |t: &str| -> Option<String> {
        let n = t.strip_prefix("-> See")?.trim().trim_end_matches('.');
        numbered(&format!("{n}. x")).map(|(n, _)| n.to_string())
    };
    for (k, it) in items.iter().enumerate() {
        if link(&it.text).is_some() {
            continue;
        }
        if let Some(&first) = index.get(it.number.as_str()) {
            errs.push(
                Diagnostic::error("E0732", format!("claim {} is given twice", it.number))
                    .at(it.number_span)
                    .label(items[first].number_span, "first given here")
                    .help("number each claim once"),
            );
            continue;
        }
        index.insert(&it.number, k);
    }
    let mut g = ArgumentGraph {
        title,
        ..ArgumentGraph::default()
    };
    let mut spans = Spans {
        whole: Span::new(0, text.len()),
        ..Spans::default()
    };
    for it in &items {
        if link(&it.text).is_some() || g.nodes.iter().any(|n| n.id == it.number) {
            continue;
        }
        g.nodes.push(Node {
            id: it.number.clone(),
            kind: NodeKind::Claim,
            text: it.text.clone(),
            base: 0.5,
            ..Node::default()
        });
        spans.nodes.push(NodeSpans {
            whole: it.whole,
            id: Some(it.number_span),
            ..NodeSpans::default()
        });
    }
    for it in &items {
        let Some(kind) = it.stance else { continue };
        let Some((parent, _)) = it.number.rsplit_once('.') else {
            continue;
        };
        let from = link(&it.text).unwrap_or_else(|| it.number.clone());
        for (id, what) in [
            (parent, "its parent"),
            (from.as_str(), "the claim it links to"),
        ] {
            if !index.contains_key(id) {
                errs.push(
                    Diagnostic::error(
                        "E0733",
                        format!("claim {}: {what}, {id}, is not in the file", it.number),
                    )
                    .at(it.number_span)
                    .help("check the numbering (a claim 1.2.3 answers claim 1.2)"),
                );
            }
        }
        g.edges.push(Edge::new(kind, EdgeData::new(from, parent)));
        spans.edges.push(EdgeSpans {
            whole: it.whole,
            from: Some(it.number_span),
            to: Some(it.number_span),
            ..EdgeSpans::default()
        });
    }
    if g.nodes.is_empty() && errs.is_empty() {
        // Every numbered line was a link (`-> See N.`): nothing to link to.
        errs.push(
            Diagnostic::error("E0734", "no numbered claim: every numbered line is a link")
                .at(Span::new(0, text.len().min(1)))
                .help("a Kialo export lists `1. The thesis`, `1.1. Pro: ...`, `1.2. Con: ...`"),
        );
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    let theses: Vec<&Item> = items.iter().filter(|i| i.stance.is_none()).collect();
    g.conclusion = match &opts.conclusion {
        Some(c) => c.clone(),
        None => theses
            .iter()
            .find(|t| t.number == "1")
            .or(theses.first())
            .map_or_else(|| g.nodes[0].id.clone(), |t| t.number.clone()),
    };
    let mut diagnostics = Diagnostics::default();
    diagnostics.push(
        Diagnostic::warning(
            "W0701",
            "Kialo exports have no base scores or weights: every claim gets the neutral base 0.5 and every edge the weight 1",
        )
        .at(Span::new(0, text.len().min(1)))
        .help("the strengths then come from the structure alone; set `base` and `weight` in the converted map (`argmap convert FILE -o map.ron`)"),
    );
    Ok(Parsed {
        graph: g,
        spans,
        diagnostics,
    })
}

/// `1.2.3. rest` as (`1.2.3`, `rest`): numbers separated by dots, then a dot
/// and a space.
fn numbered(line: &str) -> Option<(&str, &str)> {
    let end = line
        .find(". ")
        .or_else(|| line.strip_suffix('.').map(str::len))?;
    let number = &line[..end];
    let ok = !number.is_empty()
        && number
            .split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    ok.then(|| (number, line.get(end + 2..).unwrap_or("")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_outline_with_links() {
        let text = "Discussion Title: Car-free centre?\n\n1. The centre should be car-free.\n1.1. Pro: Cleaner air.\nIt would be quieter, too.\n1.1.1. Con: The ring road would carry the traffic.\n1.2. Con: Shops would lose customers.\n1.2.1. Pro: -> See 1.1.1.\n";
        let p = parse(&Source::new("k.txt", text), &ImportOptions::default()).unwrap();
        let g = &p.graph;
        assert_eq!(g.title, "Car-free centre?");
        assert_eq!(g.conclusion, "1");
        let ids: Vec<&str> = g.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["1", "1.1", "1.1.1", "1.2"]);
        assert_eq!(g.nodes[1].text, "Cleaner air.\nIt would be quieter, too.");
        let e: Vec<String> = g
            .edges
            .iter()
            .map(|e| {
                format!(
                    "{} {} {}",
                    e.kind().name(),
                    e.data().from_label(),
                    e.data().to
                )
            })
            .collect();
        assert_eq!(
            e,
            [
                "Support 1.1 1",
                "Attack 1.1.1 1.1",
                "Attack 1.2 1",
                "Support 1.1.1 1.2"
            ]
        );
        assert_eq!(p.diagnostics.codes(), ["W0701"]);
        crate::validate(p).unwrap();
    }

    #[test]
    fn problems_all_at_once() {
        let text =
            "intro\n1. T\n1.1. Maybe: x\n1.1. Pro: y\n1.3.1. Con: z\n1.4. Pro: -> See 9.9.\n";
        let d = parse(&Source::new("k.txt", text), &ImportOptions::default()).unwrap_err();
        assert_eq!(d.codes(), ["E0731", "E0731", "E0732", "E0733", "E0733"]);
        let d = parse(&Source::new("k.txt", "\n\n"), &ImportOptions::default()).unwrap_err();
        assert_eq!(d.codes(), ["E0003"], "an empty file");
        let d = parse(
            &Source::new("k.txt", "Discussion Title: T\n"),
            &ImportOptions::default(),
        )
        .unwrap_err();
        assert_eq!(d.codes(), ["E0734"]);
        // Only links: no claim.
        let d = parse(
            &Source::new("k.txt", "1. -> See 2.\n"),
            &ImportOptions::default(),
        )
        .unwrap_err();
        assert_eq!(d.codes(), ["E0734"]);
        // A link with a stance and no parent (this panicked, found by
        // fuzz_kialo): a top-level claim with a stance, below.
        let d = parse(
            &Source::new("k.txt", "1. Pro: -> See 1.\n"),
            &ImportOptions::default(),
        )
        .unwrap_err();
        assert_eq!(d.codes(), ["E0731"]);
    }

    /// A top-level claim is a thesis: `2. Con: x` has no parent to attack.
    /// It was read as a claim with no edge, silently; it is an error at its
    /// line, and a top-level claim without a stance is still a thesis.
    #[test]
    fn a_top_level_claim_with_a_stance_is_an_error() {
        let text = "1. T\n1.1. Pro: a\n2. Con: x\n3. Pro: y\n4. U\n";
        let d = parse(&Source::new("k.txt", text), &ImportOptions::default()).unwrap_err();
        assert_eq!(d.codes(), ["E0731", "E0731"]);
        let d = d.iter().collect::<Vec<_>>();
        // `2. Con: x` is the third line, bytes 17..26 of the text.
        assert_eq!(d[0].span.map(|s| s.range()), Some(17..26));
        assert_eq!(
            d[0].message,
            "claim 2 is a thesis (a top-level number): `Con:` has no parent claim to answer"
        );
        assert!(
            d[1].help
                .iter()
                .any(|h| h.contains("`1.N. Pro: ...` answers thesis 1")
                    && h.contains("remove `Pro:`")),
            "{:?}",
            d[1].help
        );
        // Without the stances: four theses, the conclusion `1`, one edge.
        let text = "1. T\n1.1. Pro: a\n2. x\n3. y\n4. U\n";
        let p = parse(&Source::new("k.txt", text), &ImportOptions::default()).unwrap();
        assert_eq!((p.graph.conclusion.as_str(), p.graph.edges.len()), ("1", 1));
    }
}
