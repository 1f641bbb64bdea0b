//! argmap: structured argument graphs.
//!
//! An argument is written as a graph in a RON file: a conclusion, the claims
//! that support or attack it, and the evidence under them (see
//! `docs/format.md`). argmap reads such a file with positions, checks it and
//! reports every problem at once, and turns it into an [`ArgGraph`] that the
//! later stages work on.
//!
//! ```
//! let text = r#"ArgumentGraph(
//!     title: "Demo",
//!     conclusion: "h",
//!     nodes: [
//!         Node(id: "h", kind: Claim, text: "It will rain.", base: 0.5),
//!         Node(id: "clouds", kind: Evidence, text: "Dark clouds.", base: 0.8, cite: (ref: "Sky 2024")),
//!         Node(id: "forecast", kind: Evidence, text: "Forecast: dry.", base: 0.6, cite: (ref: "Met 2024")),
//!     ],
//!     edges: [Support(from: "clouds", to: "h"), Attack(from: "forecast", to: "h", weight: 0.5)],
//! )"#;
//! let src = argmap::Source::new("demo.ron", text);
//! let checked = argmap::check(&src)?;            // load + validate: all problems at once
//! assert!(checked.warnings.is_empty());           // lint advice travels with success
//! let graph = argmap::build(&checked);            // cannot fail once validated
//! assert_eq!(graph.id(graph.conclusion()), "h");
//! assert_eq!(graph.links().len(), 2);
//!
//! // A broken file gives diagnostics with positions and fixes, never a panic.
//! let bad = argmap::Source::new("bad.ron", text.replace("\"forecast\", to", "\"forcast\", to"));
//! let diags = argmap::check(&bad).unwrap_err();
//! assert_eq!(diags.codes(), ["E0202"]);
//! assert_eq!(
//!     diags.short(&bad).trim(),
//!     "bad.ron:9:60: error[E0202]: edge source `forcast` is not a node of this graph (help: did you mean `forecast`?)"
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The pipeline, one module per stage: [`parse`] (text to model, `E01xx`) →
//! [`validate`] (`E02xx`, lints `W03xx`) → [`build`] ([`ArgGraph`]) → the
//! [`semantics`] and the analyses built on them.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod analysis;
mod diag;
pub mod dung;
mod error;
pub mod exercises;
pub mod export;
pub mod format;
pub mod formats;
pub mod generator;
mod graph;
pub mod ide;
mod load;
mod model;
pub mod schemes;
pub mod semantics;
mod validate;

pub use crate::analysis::contrib::{
    ContribOptions, Contributions, Estimate, Method, Players, ancestors, contributions,
    sign_disagreements,
};
pub use crate::analysis::expect::{ExpectOutcome, check_expectations};
pub use crate::analysis::explain::{
    Aggregation, Decisive, Explanation, InferenceParts, Influence, InputTerm, explain,
    inference_parts,
};
pub use crate::analysis::flip::{Flip, FlipOptions, FlipSet, FlipStop, flip};
pub use crate::analysis::grade::{
    Finding, FindingKind, Grade, GradeOptions, MatchedBy, NodeMatch, Points, Rubric, Verdict,
    grade, text_similarity,
};
pub use crate::analysis::sensitivity::{
    Bar, Baseline, MonteCarlo, Parameter, Sensitivity, SensitivityOptions, baseline, sensitivity,
};
pub use crate::analysis::whatif::{Change, Comparison, Resolved, Scenario, compare, compare_with};
pub use crate::diag::{
    Diagnostic, Diagnostics, Label, LineIndex, ReadError, Severity, Source, Span, printable,
    suggest,
};
pub use crate::error::{Error, ScenarioError};
pub use crate::graph::{ArgGraph, Link, build, build_owned};
pub use crate::load::{
    CiteSpans, EdgeSpans, ExpectSpans, GroupSpans, NodeSpans, Parsed, Spans, parse,
};
pub use crate::model::*;
pub use crate::semantics::{
    Evaluation, Overlay, Params, Qbaf, Solver, SolverUsed, evaluate_graph as evaluate,
};
pub use crate::validate::{Validated, validate};

/// Reads, parses and validates a source in one step.
pub fn check(src: &Source) -> Result<Validated, Diagnostics> {
    validate(parse(src)?)
}
