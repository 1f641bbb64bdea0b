//! `sd-df-quad`: product aggregation with 1-Max(1) influence.
//!
//! **Formula.** `E` as in [df-quad](super::df_quad): `Π_att(1 − w·σ) − Π_sup(1 − w·σ)`;
//! then for `E > 0`, `σ = τ + (1 − τ)·E/(1 + E)`, and for `E ≤ 0`,
//! `σ = τ − τ·(−E)/(1 − E)`.
//!
//! **Reference.** The "squared DF-QuAD" of QBAF-Py (`SquaredDFQuAD_model` =
//! `product` + `max_1_1`), the companion code of Kampik, Potyka, Yin, Čyras, Toni,
//! "Contribution functions for quantitative bipolar argumentation graphs", 2024;
//! 1-Max(1) is from Potyka, AAMAS 2019. Beware: Uncertainpy's
//! `ContinuousSquaredDFQuADModel` is a different model; argmap follows QBAF-Py.
//!
//! **Guarantees.** Strengths stay in `[0, 1]`; weights must be `<= 1` (refused
//! otherwise, as for df-quad). Because `|E| ≤ 1`, a node moves at most half-way
//! from its base towards 0 or 1: `σ ∈ [τ/2, (1 + τ)/2]`.
//!
//! **Quirks.** It inherits df-quad's saturation: one full-strength attacker masks
//! all other attackers. Unlike df-quad, the discrete iteration converges on the
//! Potyka 3-cycle and on the `CycleK` family (N = 1, 2, 3, 5, 10 tested by the
//! reference implementation); for N = 2 the argument A ends at 1/φ ≈ 0.618.

use super::SemanticsKind;
use super::core::{OneMax, Product, Semantics};

/// Squared DF-QuAD.
pub(crate) struct SdDfQuad;

impl Semantics for SdDfQuad {
    const KIND: SemanticsKind = SemanticsKind::SdDfQuad;
    type Agg = Product;
    type Infl = OneMax;
}
