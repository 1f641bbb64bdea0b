//! The crate-wide operation error: an evaluation (or another operation on a valid
//! graph) could not produce a result.
//!
//! Invalid *input files* are reported as [`crate::Diagnostics`] instead; this type
//! is for operations that fail on valid input (a cyclic graph whose iteration does
//! not converge, a semantics that refuses the graph's weights, a time budget).
//! Messages name the offending value, start lowercase and have no trailing period.

/// Why an operation failed.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An iterative solver reached its iteration limit without converging.
    /// Never accompanied by a result: the last iterate is not a fixed point.
    #[error(
        "{semantics} did not converge: the {solver} solver stopped after {iterations} iterations with residual {residual:e}; {hint}"
    )]
    NoConvergence {
        /// The semantics' name.
        semantics: &'static str,
        /// `discrete` or `continuous`.
        solver: &'static str,
        /// Iterations (sweeps or RK4 steps) done.
        iterations: usize,
        /// The largest change in the last iteration (discrete) or the largest
        /// `|ds/dt|` (continuous).
        residual: f64,
        /// What would help, e.g. `try --solver continuous`.
        hint: String,
    },
    /// A product-aggregation semantics (df-quad, sd-df-quad) got an edge weight
    /// above 1, for which `1 - w·σ` can be negative.
    #[error(
        "{semantics} needs edge weights <= 1 (product aggregation), but the edge `{from}` -> `{to}` has weight {weight}; lower the weight or use a sum-aggregation semantics such as quadratic-energy"
    )]
    WeightAboveOne {
        /// The semantics' name.
        semantics: &'static str,
        /// The edge's source id.
        from: String,
        /// The edge's target id.
        to: String,
        /// The weight.
        weight: f64,
    },
    /// An attack-only semantics got a graph with a support edge.
    #[error(
        "{semantics} is attack-only, but `{from}` supports `{to}`; remove the supports or use a bipolar semantics such as quadratic-energy or df-quad"
    )]
    SupportsInAttackOnly {
        /// The semantics' name.
        semantics: &'static str,
        /// The support's source id.
        from: String,
        /// The support's target id.
        to: String,
    },
    /// The operation took longer than the time budget it was given.
    #[error("{what} exceeded its time budget of {seconds} s")]
    TimeBudget {
        /// What was running, e.g. `quadratic-energy evaluation`.
        what: String,
        /// The budget in seconds.
        seconds: f64,
    },
    /// [`crate::semantics::Qbaf::new`] was given what is not a QBAF (a base
    /// outside `[0, 1]`, a negative or non-finite weight, an endpoint out of range).
    #[error("invalid QBAF: {what}")]
    InvalidQbaf {
        /// What is wrong.
        what: String,
    },
    /// A what-if [`crate::semantics::Overlay`] (or a seed list) names a node or
    /// edge that does not exist, or sets a value out of range.
    #[error("invalid overlay: {what}")]
    InvalidOverlay {
        /// What is wrong.
        what: String,
    },
    /// A Dung-extension search found more extensions than it was allowed to
    /// list ([`crate::dung::Limits::max_extensions`]).
    #[error("there are more than {limit} {semantics} extensions")]
    TooManyExtensions {
        /// The semantics' name, e.g. `preferred`.
        semantics: &'static str,
        /// The limit.
        limit: usize,
    },
    /// A Dung-extension count does not fit in 128 bits
    /// ([`crate::dung::count_wide`]).
    #[error("there are more than 2^128 {semantics} extensions (more than a 128-bit count holds)")]
    CountTooLarge {
        /// The semantics' name, e.g. `stable`.
        semantics: &'static str,
    },
    /// An argument index past the end of a Dung framework.
    #[error("argument {index} does not exist (the framework has {len} arguments)")]
    NoSuchArgument {
        /// The index asked for.
        index: usize,
        /// The number of arguments.
        len: usize,
    },
    /// An output file could not be written (the command writes files atomically; the
    /// library writes none).
    #[error("cannot write {}: {reason}", path.display())]
    Write {
        /// The file.
        path: std::path::PathBuf,
        /// What the operating system said.
        reason: String,
    },
    /// Evaluation parameters out of range (epsilon or delta not a finite number > 0).
    #[error("invalid parameters: {what}")]
    InvalidParams {
        /// What is wrong.
        what: String,
    },
    /// A what-if scenario does not fit the graph (an unknown id, tag or group, a
    /// missing edge, a value out of range) or a scenario flag is malformed.
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
}

/// Why a scenario does not fit a graph, or a scenario flag is malformed.
/// Messages name the offending value and say how to fix it.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ScenarioError {
    /// No node has this id.
    #[error("no node `{id}` in this graph{}{}", did_you_mean(suggestion), if *group { " (that is a group: use --remove-group)" } else { "" })]
    UnknownNode {
        /// The id given.
        id: String,
        /// The closest id, if any is close.
        suggestion: Option<String>,
        /// Whether the id names a group instead.
        group: bool,
    },
    /// No node carries this tag.
    #[error("no node has the tag `{tag}`{}", did_you_mean(suggestion))]
    UnknownTag {
        /// The tag given.
        tag: String,
        /// The closest tag in use, if any is close.
        suggestion: Option<String>,
    },
    /// No group has this id.
    #[error("no group `{group}` in this graph{}{}", did_you_mean(suggestion), if *node { " (that is a node: use --remove)" } else { "" })]
    UnknownGroup {
        /// The group id given.
        group: String,
        /// The closest group id, if any is close.
        suggestion: Option<String>,
        /// Whether the id names a node instead.
        node: bool,
    },
    /// The two nodes exist but no edge joins them in this direction.
    #[error("no edge from `{from}` to `{to}`{}", edge_hint(targets, *reversed))]
    NoEdge {
        /// Source id.
        from: String,
        /// Target id.
        to: String,
        /// The targets `from` does have edges to.
        targets: Vec<String>,
        /// Whether the edge exists the other way round.
        reversed: bool,
    },
    /// No edge has this id.
    #[error("no edge with the id `{id}` in this graph{}{}", did_you_mean(suggestion), if *node { " (that is a node: use --remove)" } else { "" })]
    UnknownEdge {
        /// The id given.
        id: String,
        /// The closest edge id, if any is close.
        suggestion: Option<String>,
        /// Whether the id names a node instead.
        node: bool,
    },
    /// A base score outside `[0, 1]` or not a number.
    #[error("base score {value} for `{id}` is not in [0, 1]; give a number such as 0.25")]
    BaseOutOfRange {
        /// The node id.
        id: String,
        /// The value given.
        value: f64,
    },
    /// A negative or non-finite weight.
    #[error("weight {value} for the edge `{from}` -> `{to}` is not a finite number >= 0")]
    BadWeight {
        /// Source id.
        from: String,
        /// Target id.
        to: String,
        /// The value given.
        value: f64,
    },
    /// A flag value that does not have the expected shape.
    #[error("{flag} expects {expected}, got `{value}`")]
    Malformed {
        /// The flag, e.g. `--set-base`.
        flag: &'static str,
        /// What it expects, e.g. `ID=X (e.g. e1=0.3)`.
        expected: &'static str,
        /// What was given.
        value: String,
    },
    /// The scenario removes the conclusion, so the modified map would have none.
    #[error(
        "the scenario removes the conclusion `{id}`: a map without its conclusion cannot be written or evaluated (keep `{id}`, or compare with `whatif`, which reports it as removed)"
    )]
    ConclusionRemoved {
        /// The conclusion's id.
        id: String,
    },
}

fn did_you_mean(s: &Option<String>) -> String {
    s.as_ref()
        .map(|s| format!(" (did you mean `{s}`?)"))
        .unwrap_or_default()
}

fn edge_hint(targets: &[String], reversed: bool) -> String {
    if reversed {
        return " (the edge goes the other way: swap FROM and TO)".into();
    }
    match targets {
        [] => " (it has no outgoing edges)".into(),
        ts => format!(
            " (it has edges to {})",
            ts.iter()
                .map(|t| format!("`{t}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}
