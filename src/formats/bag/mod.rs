//! The plain `.bag` text format of existing QBAF tools (Uncertainpy's `BAG`
//! reader, QBAF-Py examples): one statement per line,
//!
//! ```text
//! % the e-democracy example (Rago et al. 2016)
//! arg(A1, 0.5).        # an argument and its base score in [0, 1]
//! arg(P1, 0.7).
//! sup(P1, A1).         # P1 supports A1 (weight 1)
//! att(C1, A1, 0.4).    # C1 attacks A1 with weight 0.4 (argmap's extension)
//! ```
//!
//! What is accepted:
//! * `arg(ID, BASE)`, `att(FROM, TO)`, `sup(FROM, TO)`, and `att`/`sup` with a
//!   third argument, the edge weight (a number `>= 0`; default 1).
//! * The final `.` is optional (Uncertainpy's own examples omit it); several
//!   statements may share a line. Spaces around names and numbers are ignored.
//! * `#` and `%` start a comment that runs to the end of the line; blank lines
//!   are ignored.
//! * Statements may come in any order (an edge may name an argument declared
//!   further down).
//!
//! The result is an ordinary [`ArgumentGraph`] model (every node a `Claim` whose
//! text is its id; the title is empty) with positions, checked by
//! [`crate::validate`] like a RON file: duplicate ids, unknown endpoints, bases
//! outside `[0, 1]`, self-loops and repeated edges are reported at their line.
//!
//! **Conclusion.** The format has none. argmap takes the only argument that
//! attacks or supports nothing (the root of the debate), if there is exactly one;
//! otherwise the first argument declared. `argmap eval --node ID` shows another.
//!
//! Codes `E05xx`: E0501 unknown statement, E0502 wrong number of arguments,
//! E0503 a base or weight that is not a number, E0504 malformed statement
//! (parentheses, stray text), E0505 an empty name, E0506 no `arg` statement.

pub mod fast;

use crate::diag::{Diagnostic, Diagnostics, Source, Span, suggest};
use crate::load::{EdgeSpans, NodeSpans, Parsed, Spans};
use crate::model::{ArgumentGraph, Edge, EdgeData, EdgeKind, Node, NodeKind};

/// What an empty file is told it should hold (`E0003`, see [`crate::diag::refuse_empty`]).
const EMPTY_HELP: &str =
    "a .bag file lists `arg(a, 0.5).` facts, then `att(b, a).` and `sup(c, a).`";

/// Reads a `.bag` file into a model with positions. Like [`crate::parse`], the
/// problems of single statements come back inside [`Parsed::diagnostics`] (the
/// other statements are still read), so that [`crate::validate`] reports them
/// together with its own; `Err` only when no argument could be read at all.
pub fn parse(src: &Source) -> Result<Parsed, Diagnostics> {
    crate::diag::refuse_empty(src, EMPTY_HELP)?;
    let text = src.text();
    let mut diags = Diagnostics::default();
    let mut graph = ArgumentGraph::default();
    let mut spans = Spans {
        whole: Span::new(0, text.len()),
        ..Spans::default()
    };
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        // Drop the comment, if any.
        let body = match line.find(['#', '%']) {
            Some(i) => &line[..i],
            None => line,
        };
        let mut at = 0;
        while let Some(stmt) = next_statement(body, &mut at, start, &mut diags) {
            stmt.add_to(&mut graph, &mut spans, &mut diags);
        }
    }
    if graph.nodes.is_empty() {
        if !diags.has_errors() {
            diags.push(
                Diagnostic::error("E0506", "no argument is declared")
                    .at(Span::new(0, text.len().min(1)))
                    .help("declare each argument with its base score, e.g. `arg(a, 0.5).`, then the relations: `att(b, a).`, `sup(c, a).`"),
            );
        }
        return Err(diags);
    }
    graph.conclusion = pick_conclusion(&graph);
    Ok(Parsed {
        graph,
        spans,
        diagnostics: diags,
    })
}

/// The only argument with no outgoing edge, else the first one.
fn pick_conclusion(g: &ArgumentGraph) -> String {
    let sources: std::collections::HashSet<&str> = g
        .edges
        .iter()
        .flat_map(|e| &e.data().from)
        .map(String::as_str)
        .collect();
    let mut sinks = g.nodes.iter().filter(|n| !sources.contains(n.id.as_str()));
    match (sinks.next(), sinks.next()) {
        (Some(only), None) => only.id.clone(),
        _ => g.nodes[0].id.clone(),
    }
}

/// One statement: its name, arguments (trimmed, with spans) and whole span.
struct Statement<'a> {
    name: &'a str,
    name_span: Span,
    args: Vec<(&'a str, Span)>,
    whole: Span,
    args_span: Span,
}

/// Parses the next statement of `body` from byte `*at` (`base` is the line's
/// offset in the file). Reports malformed text and skips the rest of the line.
fn next_statement<'a>(
    body: &'a str,
    at: &mut usize,
    base: usize,
    diags: &mut Diagnostics,
) -> Option<Statement<'a>> {
    let rest = &body[*at..];
    let skip = rest.len() - rest.trim_start().len();
    let s0 = *at + skip;
    if body[s0..].trim().is_empty() {
        return None;
    }
    let line_end = body.trim_end().len();
    let Some(open) = body[s0..].find('(').map(|i| s0 + i) else {
        diags.push(
            Diagnostic::error("E0504", "expected a statement such as `arg(a, 0.5).`")
                .at(Span::new(base + s0, base + line_end))
                .help("a .bag line is `arg(ID, BASE).`, `att(FROM, TO).` or `sup(FROM, TO).`; comments start with `#` or `%`"),
        );
        *at = body.len();
        return None;
    };
    let Some(close) = body[open..].find(')').map(|i| open + i) else {
        diags.push(
            Diagnostic::error("E0504", "missing `)`")
                .at(Span::new(base + s0, base + line_end))
                .help("close the statement, e.g. `att(b, a).`"),
        );
        *at = body.len();
        return None;
    };
    let name = body[s0..open].trim_end();
    let mut args = vec![];
    let mut p = open + 1;
    for piece in body[open + 1..close].split(',') {
        let lead = piece.len() - piece.trim_start().len();
        let t = piece.trim();
        let a = p + lead;
        args.push((t, Span::new(base + a, base + a + t.len())));
        p += piece.len() + 1;
    }
    // After `)`: an optional `.`, then either the end or another statement.
    let mut end = close + 1;
    let after = &body[end..];
    let ws = after.len() - after.trim_start().len();
    if after[ws..].starts_with('.') {
        end += ws + 1;
    }
    *at = end;
    Some(Statement {
        name,
        name_span: Span::new(base + s0, base + s0 + name.len()),
        args,
        whole: Span::new(base + s0, base + end),
        args_span: Span::new(base + open, base + close + 1),
    })
}

impl Statement<'_> {
    fn add_to(&self, g: &mut ArgumentGraph, spans: &mut Spans, diags: &mut Diagnostics) {
        let kind = match self.name {
            "arg" => None,
            "att" => Some(EdgeKind::Attack),
            "sup" => Some(EdgeKind::Support),
            other => {
                let mut d = Diagnostic::error(
                    "E0501",
                    format!("unknown statement `{}`", other.escape_debug()),
                )
                .at(self.name_span);
                if let Some(s) = suggest(other, ["arg", "att", "sup"]) {
                    d = d.help(format!("did you mean `{s}`?"));
                }
                diags.push(d.help("a .bag file has `arg(ID, BASE)`, `att(FROM, TO)` and `sup(FROM, TO)` statements"));
                return;
            }
        };
        let (min, max, usage) = match kind {
            None => (2, 2, "`arg(ID, BASE)`, e.g. `arg(a, 0.5).`"),
            Some(_) => (
                2,
                3,
                "`att(FROM, TO)` or `att(FROM, TO, WEIGHT)` (likewise `sup`)",
            ),
        };
        if self.args.len() < min || self.args.len() > max {
            // `arg(b, 0,4)`: a decimal comma splits the number in two.
            let n = self.args.len();
            let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
            let decimal_comma = (n == max + 1
                && digits(self.args[n - 2].0.trim_start_matches('-'))
                && digits(self.args[n - 1].0))
            .then(|| {
                format!(
                    "decimals are written with a point: `{}.{}`, not `{},{}`",
                    self.args[n - 2].0,
                    self.args[n - 1].0,
                    self.args[n - 2].0,
                    self.args[n - 1].0
                )
            });
            diags.push(
                Diagnostic::error(
                    "E0502",
                    format!(
                        "`{}` takes {} arguments, found {}",
                        self.name,
                        if min == max {
                            min.to_string()
                        } else {
                            format!("{min} or {max}")
                        },
                        self.args.len()
                    ),
                )
                .at(self.args_span)
                .help(decimal_comma.unwrap_or(format!("write {usage}"))),
            );
            return;
        }
        let mut ok = true;
        for &(a, span) in &self.args[..2] {
            if a.is_empty() {
                diags.push(
                    Diagnostic::error("E0505", "empty name")
                        .at(if span.start == span.end {
                            self.args_span
                        } else {
                            span
                        })
                        .help(format!("write {usage}")),
                );
                ok = false;
            }
        }
        let number =
            |(t, span): (&str, Span), what: &str, diags: &mut Diagnostics| match t.parse::<f64>() {
                Ok(x) => Some(x),
                Err(_) => {
                    diags.push(
                        Diagnostic::error(
                            "E0503",
                            format!("{what} `{}` is not a number", t.escape_debug()),
                        )
                        .at(span)
                        .help(format!("write {usage}")),
                    );
                    None
                }
            };
        match kind {
            None => {
                let (id, id_span) = self.args[0];
                let Some(b) = number(self.args[1], "base", diags) else {
                    return;
                };
                if !ok {
                    return;
                }
                g.nodes.push(Node {
                    id: id.to_string(),
                    kind: NodeKind::Claim,
                    text: id.to_string(),
                    base: b,
                    ..Node::default()
                });
                spans.nodes.push(NodeSpans {
                    whole: self.whole,
                    id: Some(id_span),
                    kind: None,
                    base: Some(self.args[1].1),
                    ..NodeSpans::default()
                });
            }
            Some(kind) => {
                let weight = match self.args.get(2) {
                    Some(&w) => match number(w, "weight", diags) {
                        Some(x) => Some(x),
                        None => return,
                    },
                    None => None,
                };
                if !ok {
                    return;
                }
                g.edges.push(Edge::new(
                    kind,
                    EdgeData {
                        weight: weight.unwrap_or(1.0),
                        ..EdgeData::new(self.args[0].0, self.args[1].0)
                    },
                ));
                spans.edges.push(EdgeSpans {
                    premises: vec![],
                    id: None,
                    scheme: None,
                    question: None,
                    whole: self.whole,
                    from: Some(self.args[0].1),
                    to: Some(self.args[1].1),
                    weight: self.args.get(2).map(|a| a.1),
                    ..EdgeSpans::default()
                });
            }
        }
    }
}
