//! argmap: structured argument graphs.
#![deny(missing_docs)]

mod diag;
mod graph;
mod load;
mod model;
pub mod semantics;
mod validate;

pub use crate::diag::{
    Diagnostic, Diagnostics, Label, LineIndex, ReadError, Severity, Source, Span, suggest,
};
pub use crate::graph::{ArgGraph, Link, build};
pub use crate::load::{EdgeSpans, ExpectSpans, GroupSpans, NodeSpans, Parsed, Spans, parse};
pub use crate::model::*;
pub use crate::semantics::SemanticsKind;
pub use crate::validate::{Validated, validate};

/// Reads, parses and validates a source in one step.
pub fn check(src: &Source) -> Result<Validated, Diagnostics> {
    validate(parse(src)?)
}
