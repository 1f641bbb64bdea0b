//! `df-quad`: product aggregation with linear influence.
//!
//! **Formula.** `E(a) = Π_{b attacks a}(1 − w·σ(b)) − Π_{b supports a}(1 − w·σ(b))`
//! (empty products are 1), then `σ(a) = τ − τ·max(0, −E) + (1 − τ)·max(0, E)`.
//! Written the original way: with `v_att = 1 − Π_att(1 − w·σ)` and
//! `v_sup = 1 − Π_sup(1 − w·σ)`, `E = v_sup − v_att`; if `v_att ≥ v_sup` then
//! `σ = τ − τ·(v_att − v_sup)`, else `σ = τ + (1 − τ)·(v_sup − v_att)`.
//!
//! **Reference.** A. Rago, F. Toni, M. Aurisicchio, P. Baroni, "Discontinuity-free
//! decision support with quantitative argumentation debates", KR 2016. Checked
//! against QBAF-Py and Uncertainpy (product aggregation + Linear(1); see
//! `tests/reference/README.md`); the e-democracy example of the paper, as encoded
//! in Uncertainpy, is a test case (A1 = 0.862, A2 = 0.85, P2 = 0.08).
//!
//! **Guarantees.** Strengths stay in `[0, 1]`; the result is unique on acyclic
//! graphs. Product aggregation needs weights `<= 1` (otherwise `1 − w·σ` can be
//! negative and the result leaves `[0, 1]`): a larger weight is refused with
//! [`crate::Error::WeightAboveOne`].
//!
//! **Quirks.** *Saturation:* one attacker at full strength (`w·σ = 1`) makes
//! `Π_att = 0`, so every other attacker is ignored (it "masks all others"), and a
//! full-strength attacker against a full-strength supporter cancel exactly, however
//! many other arguments there are. The influence is linear, with a kink at `E = 0`.
//! On cycles the discrete iteration can oscillate forever: on the 3-cycle A
//! supports B, B supports C, C attacks A (bases 1, 0, 0) it runs round the period-6
//! orbit (1,0,0) → (1,1,0) → (1,1,1) → (0,1,1) → (0,0,1) → (0,0,0) → (1,0,0); the
//! continuous model converges to (½, ½, ½).

use super::SemanticsKind;
use super::core::{Linear, Product, Semantics};

/// DF-QuAD.
pub(crate) struct DfQuad;

impl Semantics for DfQuad {
    const KIND: SemanticsKind = SemanticsKind::DfQuad;
    type Agg = Product;
    type Infl = Linear;
}
