//! `euler-based`: sum aggregation with the Euler-based influence.
//!
//! **Formula.** `E(a) = Σ_sup w·σ − Σ_att w·σ`, then
//! `σ(a) = 1 − (1 − τ²)/(1 + τ·e^E)`.
//!
//! **Reference.** L. Amgoud, J. Ben-Naim, "Evaluation of arguments in weighted
//! bipolar graphs", International Journal of Approximate Reasoning 99 (2018).
//! Checked against QBAF-Py's `euler_based` influence. The Kampik et al. 2024
//! counterexample (two full attackers on a node of base 0.5, final strength
//! 0.29753420374977824) is a test case.
//!
//! **Guarantees.** Strengths stay in `[τ², 1)` for `0 < τ < 1`; with no inputs
//! (`E = 0`) the strength is exactly τ. Accepts any weight `>= 0`.
//!
//! **Quirks.** Bases 0 and 1 never move: `τ = 0` gives 0 and `τ = 1` gives 1 whatever
//! the attackers and supporters (so such nodes are immune to argument). Attack can
//! never push a node below τ², so a strongly attacked node keeps a floor.
//! The effect is asymmetric: support saturates towards 1, attack towards τ². For
//! large `E`, `e^E` overflows; the limit 1 is returned.

use super::SemanticsKind;
use super::core::{Euler, Semantics, Sum};

/// Euler-based.
pub(crate) struct EulerBased;

impl Semantics for EulerBased {
    const KIND: SemanticsKind = SemanticsKind::EulerBased;
    type Agg = Sum;
    type Infl = Euler;
}
