//! `euler-based-top`: top aggregation with the Euler-based influence.
//!
//! **Formula.** `E(a) = max(0, max_sup w·σ) − max(0, max_att w·σ)`, then
//! `σ(a) = 1 − (1 − τ²)/(1 + τ·e^E)`.
//!
//! **Reference.** The top-based variant of Amgoud & Ben-Naim's Euler-based
//! semantics (Amgoud, Ben-Naim, IJAR 2018), as implemented in QBAF-Py (its `top`
//! aggregation, whose maxima start at 0, with the Euler-based influence).
//!
//! **Guarantees.** As euler-based: strengths in `[τ², 1)`, exactly τ with no inputs;
//! any weight `>= 0`.
//!
//! **Quirks.** Only the strongest attacker and the strongest supporter count: adding
//! a weaker argument on either side changes nothing (its contribution is 0 until it
//! becomes the strongest). Bases 0 and 1 never move. Ties between the two strongest
//! make the result non-differentiable there.

use super::SemanticsKind;
use super::core::{Euler, Semantics, Top};

/// Euler-based with top aggregation.
pub(crate) struct EulerBasedTop;

impl Semantics for EulerBasedTop {
    const KIND: SemanticsKind = SemanticsKind::EulerBasedTop;
    type Agg = Top;
    type Infl = Euler;
}
