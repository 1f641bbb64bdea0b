//! The modular core (Potyka, "Extending modular semantics for bipolar weighted
//! argumentation", AAMAS 2019; Kampik et al. 2024): a semantics is an
//! *aggregation* of the weighted strengths of a node's attackers and supporters
//! into one number `E`, followed by an *influence* function `ι_τ(E)` that moves the
//! base score `τ` up (E > 0) or down (E < 0).
//!
//! Aggregations: [`Sum`], [`Product`], [`Top`]. Influences: [`Linear`] (Linear(1)),
//! [`OneMax`] (1-Max(1)), [`TwoMax`] (2-Max(1)), [`Euler`], [`Logistic`]. Each named
//! semantics (one file each in this directory) picks one of each, or, for the
//! attack-only ones, implements [`Semantics`] directly.
//!
//! Everything here is generic and `#[inline]`, so the solver's inner loop is
//! monomorphized per semantics: no dynamic dispatch and no allocation per node.

use super::SemanticsKind;

/// One input of a node: an incoming edge's weight times its source's strength.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Input {
    /// `w · σ(source)`.
    pub ws: f64,
    /// Whether the source's *base* score is above 0 (only card-based uses it).
    pub founded: bool,
}

/// A gradual semantics: the strength of a node from its base and inputs.
pub(crate) trait Semantics {
    /// Which named semantics this is.
    const KIND: SemanticsKind;
    /// Whether [`Input::founded`] is read (otherwise the solver need not compute it).
    const USES_FOUNDED: bool = false;
    /// The strength of a node with base `base`, given its attackers' and
    /// supporters' inputs (each in edge order).
    fn strength(
        base: f64,
        att: impl Iterator<Item = Input>,
        sup: impl Iterator<Item = Input>,
    ) -> f64;
}

/// Aggregates inputs into the energy `E` (positive: support wins).
pub(crate) trait Aggregation {
    /// `E`.
    fn aggregate(att: impl Iterator<Item = Input>, sup: impl Iterator<Item = Input>) -> f64;
}

/// Moves a base score by an energy.
pub(crate) trait Influence {
    /// `ι_τ(E)`.
    fn influence(base: f64, e: f64) -> f64;
}

/// Sum aggregation: `E = Σ_sup w·σ − Σ_att w·σ` (sums in edge order).
pub(crate) struct Sum;

impl Aggregation for Sum {
    #[inline(always)]
    fn aggregate(att: impl Iterator<Item = Input>, sup: impl Iterator<Item = Input>) -> f64 {
        let mut a = 0.0;
        for x in att {
            a += x.ws;
        }
        let mut s = 0.0;
        for x in sup {
            s += x.ws;
        }
        s - a
    }
}

/// Product aggregation (DF-QuAD): `E = Π_att(1 − w·σ) − Π_sup(1 − w·σ)`, empty
/// products 1. Equals `v_sup − v_att` with `v = 1 − Π(1 − w·σ)`. Needs `w ≤ 1`.
pub(crate) struct Product;

impl Aggregation for Product {
    #[inline(always)]
    fn aggregate(att: impl Iterator<Item = Input>, sup: impl Iterator<Item = Input>) -> f64 {
        let mut pa = 1.0;
        for x in att {
            pa *= 1.0 - x.ws;
        }
        let mut ps = 1.0;
        for x in sup {
            ps *= 1.0 - x.ws;
        }
        pa - ps
    }
}

/// Top aggregation: `E = max(0, max_sup w·σ) − max(0, max_att w·σ)` (as QBAF-Py:
/// both maxima start at 0).
pub(crate) struct Top;

impl Aggregation for Top {
    #[inline(always)]
    fn aggregate(att: impl Iterator<Item = Input>, sup: impl Iterator<Item = Input>) -> f64 {
        max0(sup) - max0(att)
    }
}

/// `max(0, max of the inputs)`.
#[inline(always)]
pub(crate) fn max0(xs: impl Iterator<Item = Input>) -> f64 {
    let mut m = 0.0;
    for x in xs {
        if x.ws > m {
            m = x.ws;
        }
    }
    m
}

/// `h_p(x) = max(0,x)^p / (1 + max(0,x)^p)`, 1 where the power overflows.
#[inline(always)]
fn h(x: f64, p: i32) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    let m = if p == 1 { x } else { x * x };
    if m.is_infinite() { 1.0 } else { m / (1.0 + m) }
}

/// Linear(1): `τ − τ·max(0, −E) + (1 − τ)·max(0, E)`.
///
/// Only one of the two terms is non-zero; computing just that one gives the
/// same bits (`τ − 0 = τ`, `x + 0 = x`).
pub(crate) struct Linear;

impl Influence for Linear {
    #[inline(always)]
    fn influence(base: f64, e: f64) -> f64 {
        if e > 0.0 {
            base + (1.0 - base) * e
        } else {
            base - base * (-e).max(0.0)
        }
    }
}

/// 1-Max(1): `τ − τ·h₁(−E) + (1 − τ)·h₁(E)`, `h₁(x) = x/(1+x)` for `x > 0`.
pub(crate) struct OneMax;

impl Influence for OneMax {
    #[inline(always)]
    fn influence(base: f64, e: f64) -> f64 {
        // One term is 0, as for Linear(1).
        if e > 0.0 {
            base + (1.0 - base) * h(e, 1)
        } else {
            base - base * h(-e, 1)
        }
    }
}

/// 2-Max(1): `τ − τ·h₂(−E) + (1 − τ)·h₂(E)`, `h₂(x) = x²/(1+x²)` for `x > 0`.
pub(crate) struct TwoMax;

impl Influence for TwoMax {
    #[inline(always)]
    fn influence(base: f64, e: f64) -> f64 {
        // One term is 0, as for Linear(1).
        if e > 0.0 {
            base + (1.0 - base) * h(e, 2)
        } else {
            base - base * h(-e, 2)
        }
    }
}

/// Euler-based: `1 − (1 − τ²)/(1 + τ·e^E)`. Exactly 0 at `τ = 0` (where `0·∞`
/// would be NaN), 1 when `e^E` overflows, and exactly `τ` at `E = 0` (the
/// formula's value, which rounding would miss by a few ulps: a node with no
/// attacker or supporter keeps its base, bit for bit).
pub(crate) struct Euler;

impl Influence for Euler {
    #[inline(always)]
    fn influence(base: f64, e: f64) -> f64 {
        if base <= 0.0 {
            return 0.0;
        }
        if e == 0.0 {
            return base;
        }
        let x = e.exp();
        if x.is_infinite() {
            return 1.0;
        }
        1.0 - (1.0 - base * base) / (1.0 + base * x)
    }
}

/// Logistic (MLP-based): `1/(1 + exp(−(ln(τ/(1−τ)) + E)))`, exactly 0 at `τ = 0`
/// and 1 at `τ = 1` whatever `E` (the limits of the formula), and exactly `τ`
/// at `E = 0` (where `exp` and `ln` would round it by a few ulps).
pub(crate) struct Logistic;

impl Influence for Logistic {
    #[inline(always)]
    fn influence(base: f64, e: f64) -> f64 {
        if base <= 0.0 {
            return 0.0;
        }
        if base >= 1.0 || e == 0.0 {
            return base;
        }
        let x = (base / (1.0 - base)).ln() + e;
        if x >= 0.0 {
            1.0 / (1.0 + (-x).exp())
        } else {
            let z = x.exp();
            z / (1.0 + z)
        }
    }
}
