//! Expectations: the `expect` list of an argument file, checked by `argmap test`.
//!
//! Each [`Expect`] names a node (default: the conclusion), an optional scenario
//! (nodes removed by id, tag or group), an optional semantics, and bounds
//! (`above`, `below`, both strict). [`check_expectations`] evaluates each one and
//! says whether it holds; an expectation that cannot be evaluated (no
//! convergence, a semantics that refuses the graph, a tag no node carries) fails
//! with the reason.

use std::collections::BTreeMap;

use crate::analysis::whatif::Scenario;
use crate::error::Error;
use crate::graph::ArgGraph;
use crate::model::Expect;
use crate::semantics::{Evaluation, Params, Qbaf, SemanticsKind, evaluate, reevaluate};

/// The outcome of one expectation.
#[derive(Clone, Debug, PartialEq)]
pub struct ExpectOutcome {
    /// Its position in the file's `expect` list.
    pub index: usize,
    /// The node checked.
    pub node: usize,
    /// The semantics used.
    pub semantics: SemanticsKind,
    /// The nodes removed first, ascending.
    pub removed: Vec<usize>,
    /// The node's strength, or why it could not be computed.
    pub result: Result<f64, Error>,
    /// Whether the expectation holds.
    pub passed: bool,
}

impl ExpectOutcome {
    /// How far the strength is outside the bounds (0 when it holds or could not
    /// be computed): positive when it is too high, negative when too low.
    pub fn miss(&self, x: &Expect) -> f64 {
        let Ok(s) = self.result else {
            return 0.0;
        };
        match (x.above, x.below) {
            (_, Some(b)) if s >= b => s - b,
            (Some(a), _) if s <= a => s - a,
            _ => 0.0,
        }
    }
}

/// Checks every expectation of `g` (with `q` its [`Qbaf`]). `default` is the
/// semantics for expectations that name none (the caller's choice: a flag, the
/// file's `semantics`, or quadratic-energy). Results are in file order.
pub fn check_expectations(
    g: &ArgGraph,
    q: &Qbaf,
    default: SemanticsKind,
    p: &Params,
) -> Vec<ExpectOutcome> {
    let mut before: BTreeMap<SemanticsKind, Result<Evaluation, Error>> = BTreeMap::new();
    g.model()
        .expect
        .iter()
        .enumerate()
        .map(|(index, x)| {
            let kind = x
                .semantics
                .as_deref()
                .and_then(SemanticsKind::from_name)
                .unwrap_or(default);
            let node = x
                .node
                .as_deref()
                .and_then(|id| g.index_of(id))
                .unwrap_or(g.conclusion());
            let scenario = Scenario::from_expect(x).resolve(g);
            let removed = scenario
                .as_ref()
                .map(|r| r.removed_nodes())
                .unwrap_or_default();
            let base = before
                .entry(kind)
                .or_insert_with(|| evaluate(q, kind, p))
                .clone();
            let result = scenario.map_err(Error::from).and_then(|r| {
                let e = base?;
                if r.is_empty() {
                    return Ok(e.strengths[node]);
                }
                if r.removed[node] {
                    return Err(Error::InvalidParams {
                        what: format!(
                            "the expectation removes `{}`, the node it checks",
                            g.id(node)
                        ),
                    });
                }
                Ok(reevaluate(q, kind, p, &e, &r.overlay(), &[])?.strengths[node])
            });
            let passed = result
                .as_ref()
                .is_ok_and(|&s| x.above.is_none_or(|a| s > a) && x.below.is_none_or(|b| s < b));
            ExpectOutcome {
                index,
                node,
                semantics: kind,
                removed,
                result,
                passed,
            }
        })
        .collect()
}
