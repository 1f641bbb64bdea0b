//! `quadratic-energy` (the default): sum aggregation with 2-Max(1) influence.
//!
//! **Formula.** `E(a) = Σ_{b supports a} w·σ(b) − Σ_{b attacks a} w·σ(b)`, then
//! `σ(a) = τ − τ·h(−E) + (1 − τ)·h(E)` with `h(x) = max(0,x)² / (1 + max(0,x)²)`:
//! for `E > 0`, `σ = τ + (1 − τ)·E²/(1 + E²)`; for `E ≤ 0`, `σ = τ − τ·E²/(1 + E²)`.
//!
//! **Reference.** N. Potyka, "Continuous dynamical systems for weighted bipolar
//! argumentation", KR 2018. Checked against QBAF-Py (`QuadraticEnergy_model` =
//! `sum` + `p_max_k(2, 1)`) and the sympy notebooks of kcyras/QDT (see
//! `tests/reference/README.md`).
//!
//! **Guarantees.** Strengths stay in `[0, 1]`; a base of 0 can be raised by
//! support and a base of 1 lowered by attack (unlike Euler- and MLP-based). Sum
//! aggregation accepts any weight `>= 0`. The influence is smooth (its derivative
//! is 0 at `E = 0`), so small energies barely move the base: the effect grows
//! quadratically. On acyclic graphs the result is unique (one exact pass).
//!
//! **Quirks.** Weak evidence is damped: `E = 0.1` moves the base by only about 1%
//! of the remaining range. Attackers and supporters cancel exactly when their
//! weighted sums are equal, however many there are. On cyclic graphs the discrete
//! (Jacobi) iteration can oscillate: it converges on the 3-cycle of Potyka 2018
//! (A supports B, B supports C, C attacks A, bases 1, 0, 0), but not on the larger
//! `CycleK` family (N = 2: A supports B0, B1; each Bi supports C0, C1; both Cj
//! attack A), where it settles into a period-6 orbit; the continuous model
//! converges there.

use super::SemanticsKind;
use super::core::{Semantics, Sum, TwoMax};

/// Quadratic energy.
pub(crate) struct QuadraticEnergy;

impl Semantics for QuadraticEnergy {
    const KIND: SemanticsKind = SemanticsKind::QuadraticEnergy;
    type Agg = Sum;
    type Infl = TwoMax;
}
