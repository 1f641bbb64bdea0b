//! `mlp-based`: sum aggregation with the logistic influence.
//!
//! **Formula.** `E(a) = Σ_sup w·σ − Σ_att w·σ`, then
//! `σ(a) = 1/(1 + exp(−(ln(τ/(1 − τ)) + E)))`, i.e. the logistic function of the
//! base's log-odds plus the energy: each node is a neuron whose bias is `logit(τ)`.
//!
//! **Reference.** N. Potyka, "Interpreting neural networks as quantitative
//! argumentation frameworks", AAAI 2021. Checked against the formula (Uncertainpy's
//! `MLPBasedInfluence` misplaces a parenthesis and is not used as an oracle; see
//! `tests/reference/README.md`).
//!
//! **Guarantees.** Strengths in `[0, 1]`; with no inputs the strength is τ. Needs
//! weights above 1 to express strong relations (a weight plays the role of a neural
//! network weight), so any weight `>= 0` is accepted.
//!
//! **Quirks.** Bases 0 and 1 never move: `ln(τ/(1−τ))` is `∓∞` there, and argmap
//! returns the limits 0 and 1 whatever `E`. Near them, moving the base by a tiny
//! amount changes the result a lot (the log-odds are steep).

use super::SemanticsKind;
use super::core::{Logistic, Semantics, Sum};

/// MLP-based.
pub(crate) struct MlpBased;

impl Semantics for MlpBased {
    const KIND: SemanticsKind = SemanticsKind::MlpBased;
    type Agg = Sum;
    type Infl = Logistic;
}
