//! The modular core (Potyka, "Extending modular semantics for bipolar weighted
//! argumentation", AAMAS 2019; Kampik et al. 2024): a semantics is an
//! *aggregation* of the weighted strengths of a node's attackers and supporters
//! into one number `E`, followed by an *influence* function `ι_τ(E)` that moves the
//! base score `τ` up (E > 0) or down (E < 0).
//!
//! Aggregations: [`Sum`], [`Product`], [`Top`], and for the attack-only semantics
//! (Amgoud et al., IJCAI 2017) [`AttackSum`], [`AttackMax`], [`AttackCard`], which
//! give the divisor `D`. Influences: [`Linear`] (Linear(1)), [`OneMax`] (1-Max(1)),
//! [`TwoMax`] (2-Max(1)), [`Euler`], [`Logistic`], and [`Divide`] (`τ / D`). Each
//! named semantics (one file each in this directory) picks one of each.
//!
//! Each formula is written here once, with its partial derivatives beside it:
//! the solver uses the values, [`crate::explain`] the values and the aggregate,
//! the gradient contribution the derivatives ([`local`], [`directional`]).
//! Where a formula has a kink (a tie in a maximum, `E = 0` under Linear(1) and
//! 1-Max(1)) the derivative is one-sided: [`Aggregation::directional`] and
//! [`Influence::slope_down`] give the change in a given direction, exact at the
//! kink. At base 0 and 1 the partial `∂σ/∂τ` is the one-sided derivative into
//! `[0, 1]` (at 1 the left one), as QBAF-Py's `determine_gradient_ctrb` and
//! Kampik et al. (2024) take it.
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

/// A gradual semantics: an aggregation of a node's inputs followed by an
/// influence function.
pub(crate) trait Semantics {
    /// Which named semantics this is.
    const KIND: SemanticsKind;
    /// Whether [`Input::founded`] is read (otherwise the solver need not compute it).
    const USES_FOUNDED: bool = false;
    /// How the inputs are combined.
    type Agg: Aggregation;
    /// How base and aggregate give the strength.
    type Infl: Influence;
    /// The strength of a node with base `base`, given its attackers' and
    /// supporters' inputs (each in edge order).
    #[inline(always)]
    fn strength(
        base: f64,
        att: impl Iterator<Item = Input>,
        sup: impl Iterator<Item = Input>,
    ) -> f64 {
        Self::Infl::influence(base, Self::Agg::aggregate(att, sup))
    }
}

/// Aggregates inputs into the energy `E` (positive: support wins), or for the
/// attack-only semantics into the divisor `D`.
pub(crate) trait Aggregation {
    /// `E` (or `D`).
    fn aggregate(att: impl Iterator<Item = Input>, sup: impl Iterator<Item = Input>) -> f64;

    /// `∂E/∂(w·σ)` of each attacker (into `d_att`) and supporter (into `d_sup`,
    /// both as long as the inputs). Returns `false` at a kink (a tied maximum),
    /// where the entries are the derivatives for one input rising alone and
    /// [`Aggregation::directional`] gives the exact one-sided change.
    fn partials(att: &[Input], sup: &[Input], d_att: &mut [f64], d_sup: &mut [f64]) -> bool;

    /// How `E` changes when the inputs change at the rates `dx_att` and
    /// `dx_sup`: the one-sided directional derivative, exact at a kink too.
    fn directional(att: &[Input], sup: &[Input], dx_att: &[f64], dx_sup: &[f64]) -> f64 {
        let mut d_att = vec![0.0; att.len()];
        let mut d_sup = vec![0.0; sup.len()];
        Self::partials(att, sup, &mut d_att, &mut d_sup);
        let dot = |d: &[f64], dx: &[f64]| d.iter().zip(dx).map(|(a, b)| a * b).sum::<f64>();
        dot(&d_att, dx_att) + dot(&d_sup, dx_sup)
    }
}

/// Moves a base score by an energy (or divides it by `D`).
pub(crate) trait Influence {
    /// `ι_τ(E)`.
    fn influence(base: f64, e: f64) -> f64;

    /// `(∂ι/∂τ, ∂ι/∂E)`. `∂ι/∂τ` is one-sided at `τ = 0` (right) and `τ = 1`
    /// (left); at a kink in `E` the second is the slope as `E` rises.
    fn partials(base: f64, e: f64) -> (f64, f64);

    /// `∂ι/∂E` as `E` falls: the second of [`Influence::partials`] except at a kink.
    fn slope_down(base: f64, e: f64) -> f64 {
        Self::partials(base, e).1
    }

    /// Whether `E` is at a kink of `ι` (the slopes either side differ).
    fn kink(_e: f64) -> bool {
        false
    }
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

    fn partials(_: &[Input], _: &[Input], d_att: &mut [f64], d_sup: &mut [f64]) -> bool {
        d_att.fill(-1.0);
        d_sup.fill(1.0);
        true
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

    fn partials(att: &[Input], sup: &[Input], d_att: &mut [f64], d_sup: &mut [f64]) -> bool {
        // The product of the other factors, without dividing (a factor may be 0).
        let others = |xs: &[Input], i: usize| -> f64 {
            let mut p = 1.0;
            for (j, y) in xs.iter().enumerate() {
                if j != i {
                    p *= 1.0 - y.ws;
                }
            }
            p
        };
        for (i, d) in d_att.iter_mut().enumerate() {
            *d = -others(att, i);
        }
        for (i, d) in d_sup.iter_mut().enumerate() {
            *d = others(sup, i);
        }
        true
    }
}

/// Top aggregation: `E = max(0, max_sup w·σ) − max(0, max_att w·σ)` (as QBAF-Py:
/// both maxima start at 0).
pub(crate) struct Top;

impl Aggregation for Top {
    #[inline(always)]
    fn aggregate(att: impl Iterator<Item = Input>, sup: impl Iterator<Item = Input>) -> f64 {
        max0(sup.map(|x| x.ws)) - max0(att.map(|x| x.ws))
    }

    fn partials(att: &[Input], sup: &[Input], d_att: &mut [f64], d_sup: &mut [f64]) -> bool {
        let a = max_partials(att, d_att, -1.0);
        let s = max_partials(sup, d_sup, 1.0);
        a && s
    }

    fn directional(att: &[Input], sup: &[Input], dx_att: &[f64], dx_sup: &[f64]) -> f64 {
        max_directional(sup, dx_sup) - max_directional(att, dx_att)
    }
}

/// `max(0, max of the values)`.
#[inline(always)]
pub(crate) fn max0(xs: impl Iterator<Item = f64>) -> f64 {
    let mut m = 0.0;
    for x in xs {
        if x > m {
            m = x;
        }
    }
    m
}

/// `∂max0/∂(w·σ)` times `sign` for each input: `sign` for the inputs at the
/// maximum, 0 for the others. Returns `false` if the maximum is tied (by two
/// inputs, or by an input and the floor 0).
fn max_partials(xs: &[Input], d: &mut [f64], sign: f64) -> bool {
    let m = max0(xs.iter().map(|x| x.ws));
    let mut at_max = usize::from(m == 0.0);
    for (i, x) in xs.iter().enumerate() {
        d[i] = if x.ws == m {
            at_max += 1;
            sign
        } else {
            0.0
        };
    }
    at_max <= 1
}

/// The rate of change of `max0` when the inputs change at the rates `dx`: the
/// largest rate among the inputs at the maximum (and 0, the floor's, if the
/// maximum is 0).
fn max_directional(xs: &[Input], dx: &[f64]) -> f64 {
    let m = max0(xs.iter().map(|x| x.ws));
    let floor = if m == 0.0 { 0.0 } else { f64::NEG_INFINITY };
    let top = xs
        .iter()
        .zip(dx)
        .filter(|(x, _)| x.ws == m)
        .fold(floor, |r, (_, &d)| r.max(d));
    if top.is_finite() { top } else { 0.0 }
}

/// Attack-only sum (weighted h-categorizer): `D = 1 + Σ_att w·σ`.
pub(crate) struct AttackSum;

impl Aggregation for AttackSum {
    #[inline(always)]
    fn aggregate(att: impl Iterator<Item = Input>, _sup: impl Iterator<Item = Input>) -> f64 {
        let mut a = 0.0;
        for x in att {
            a += x.ws;
        }
        1.0 + a
    }

    fn partials(_: &[Input], _: &[Input], d_att: &mut [f64], d_sup: &mut [f64]) -> bool {
        d_att.fill(1.0);
        d_sup.fill(0.0);
        true
    }
}

/// Attack-only maximum (weighted max-based): `D = 1 + max(0, max_att w·σ)`.
pub(crate) struct AttackMax;

impl Aggregation for AttackMax {
    #[inline(always)]
    fn aggregate(att: impl Iterator<Item = Input>, _sup: impl Iterator<Item = Input>) -> f64 {
        1.0 + max0(att.map(|x| x.ws))
    }

    fn partials(att: &[Input], _: &[Input], d_att: &mut [f64], d_sup: &mut [f64]) -> bool {
        d_sup.fill(0.0);
        max_partials(att, d_att, 1.0)
    }

    fn directional(att: &[Input], _: &[Input], dx_att: &[f64], _: &[f64]) -> f64 {
        max_directional(att, dx_att)
    }
}

/// Attack-only count and mean (weighted card-based), over the founded
/// attackers `F` (base above 0): `D = 1 + |F| + Σ_F w·σ / |F|`, and `D = 1`
/// when `F` is empty. The count changes only when an attacker's base crosses 0,
/// so the partials hold `F` fixed.
pub(crate) struct AttackCard;

impl Aggregation for AttackCard {
    #[inline(always)]
    fn aggregate(att: impl Iterator<Item = Input>, _sup: impl Iterator<Item = Input>) -> f64 {
        let mut n = 0usize;
        let mut sum = 0.0;
        for x in att {
            if x.founded {
                n += 1;
                sum += x.ws;
            }
        }
        if n == 0 {
            1.0
        } else {
            1.0 + n as f64 + sum / n as f64
        }
    }

    fn partials(att: &[Input], _: &[Input], d_att: &mut [f64], d_sup: &mut [f64]) -> bool {
        let n = att.iter().filter(|x| x.founded).count();
        for (d, x) in d_att.iter_mut().zip(att) {
            *d = if x.founded { 1.0 / n as f64 } else { 0.0 };
        }
        d_sup.fill(0.0);
        true
    }
}

/// `h_p(x) = max(0,x)^p / (1 + max(0,x)^p)` (1 where the power overflows) and
/// its derivative.
#[inline(always)]
fn h(x: f64, p: i32) -> (f64, f64) {
    if x <= 0.0 {
        return (0.0, 0.0);
    }
    let m = if p == 1 { x } else { x * x };
    if m.is_infinite() {
        return (1.0, 0.0);
    }
    let dm = if p == 1 { 1.0 } else { 2.0 * x };
    (m / (1.0 + m), dm / (1.0 + m) / (1.0 + m))
}

/// `(∂ι/∂τ, ∂ι/∂E)` of `τ − τ·h_p(−E) + (1 − τ)·h_p(E)`.
fn p_max_partials(base: f64, e: f64, p: i32) -> (f64, f64) {
    let (hp, dhp) = h(e, p);
    let (hn, dhn) = h(-e, p);
    (1.0 - hn - hp, base * dhn + (1.0 - base) * dhp)
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

    fn partials(base: f64, e: f64) -> (f64, f64) {
        (1.0 - e.abs(), if e < 0.0 { base } else { 1.0 - base })
    }

    fn slope_down(base: f64, e: f64) -> f64 {
        if e > 0.0 { 1.0 - base } else { base }
    }

    fn kink(e: f64) -> bool {
        e == 0.0
    }
}

/// 1-Max(1): `τ − τ·h₁(−E) + (1 − τ)·h₁(E)`, `h₁(x) = x/(1+x)` for `x > 0`.
pub(crate) struct OneMax;

impl Influence for OneMax {
    #[inline(always)]
    fn influence(base: f64, e: f64) -> f64 {
        // One term is 0, as for Linear(1).
        if e > 0.0 {
            base + (1.0 - base) * h(e, 1).0
        } else {
            base - base * h(-e, 1).0
        }
    }

    fn partials(base: f64, e: f64) -> (f64, f64) {
        if e == 0.0 {
            return (1.0, 1.0 - base); // h₁'(0) = 1 from the right
        }
        p_max_partials(base, e, 1)
    }

    fn slope_down(base: f64, e: f64) -> f64 {
        if e == 0.0 {
            return base;
        }
        p_max_partials(base, e, 1).1
    }

    fn kink(e: f64) -> bool {
        e == 0.0
    }
}

/// 2-Max(1): `τ − τ·h₂(−E) + (1 − τ)·h₂(E)`, `h₂(x) = x²/(1+x²)` for `x > 0`.
pub(crate) struct TwoMax;

impl Influence for TwoMax {
    #[inline(always)]
    fn influence(base: f64, e: f64) -> f64 {
        // One term is 0, as for Linear(1).
        if e > 0.0 {
            base + (1.0 - base) * h(e, 2).0
        } else {
            base - base * h(-e, 2).0
        }
    }

    fn partials(base: f64, e: f64) -> (f64, f64) {
        p_max_partials(base, e, 2)
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

    fn partials(base: f64, e: f64) -> (f64, f64) {
        let x = e.exp();
        if base <= 0.0 {
            return (x, 0.0); // the right derivative at τ = 0
        }
        if x.is_infinite() {
            return (0.0, 0.0);
        }
        let q = 1.0 + base * x;
        let a = (1.0 - base * base) / q;
        let xq = 1.0 / (1.0 / x + base); // x / q, without overflow
        (2.0 * base / q + a * xq, a * base * xq)
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

    fn partials(base: f64, e: f64) -> (f64, f64) {
        if base <= 0.0 {
            return (e.exp(), 0.0); // σ ≈ τ·e^E near 0: the right derivative
        }
        if base >= 1.0 {
            return ((-e).exp(), 0.0); // 1 − σ ≈ (1 − τ)·e^−E near 1: the left derivative
        }
        let v = Self::influence(base, e);
        let s = v * (1.0 - v);
        (s / (base * (1.0 - base)), s)
    }
}

/// The attack-only semantics' influence: `σ = τ / D`.
pub(crate) struct Divide;

impl Influence for Divide {
    #[inline(always)]
    fn influence(base: f64, d: f64) -> f64 {
        base / d
    }

    fn partials(base: f64, d: f64) -> (f64, f64) {
        (1.0 / d, -base / (d * d))
    }
}

/// One node's update under `S`, with its derivatives: what `explain` shows and
/// what the gradient contribution chains.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Local {
    /// The strength.
    pub strength: f64,
    /// The aggregate `E` (or `D` for the attack-only semantics).
    pub aggregate: f64,
    /// `∂σ/∂τ`, one-sided at `τ = 0` and `τ = 1`.
    pub d_base: f64,
    /// `∂σ/∂E` (as `E` rises, at a kink).
    pub d_aggregate: f64,
    /// Whether the update is differentiable in its inputs here (no tied
    /// maximum, no kink of the influence at `E`).
    pub smooth: bool,
}

/// [`Local`] for the node with base `base` and inputs `att` and `sup`; writes
/// `∂E/∂(w·σ)` of each input into `d_att` and `d_sup` (resized to fit).
pub(crate) fn local<S: Semantics>(
    base: f64,
    att: &[Input],
    sup: &[Input],
    d_att: &mut Vec<f64>,
    d_sup: &mut Vec<f64>,
) -> Local {
    d_att.clear();
    d_att.resize(att.len(), 0.0);
    d_sup.clear();
    d_sup.resize(sup.len(), 0.0);
    let e = S::Agg::aggregate(att.iter().copied(), sup.iter().copied());
    let smooth = S::Agg::partials(att, sup, d_att, d_sup) && !S::Infl::kink(e);
    let (d_base, d_aggregate) = S::Infl::partials(base, e);
    Local {
        strength: S::Infl::influence(base, e),
        aggregate: e,
        d_base,
        d_aggregate,
        smooth,
    }
}

/// The rate of change of the strength of a node with base `base` and inputs
/// `att` and `sup` when its base changes at the rate `d_base` and its inputs'
/// `w·σ` at the rates `dx_att` and `dx_sup`: the one-sided directional
/// derivative, exact at kinks (a tied maximum, `E = 0` under Linear(1)).
pub(crate) fn directional<S: Semantics>(
    base: f64,
    att: &[Input],
    sup: &[Input],
    d_base: f64,
    dx_att: &[f64],
    dx_sup: &[f64],
) -> f64 {
    let e = S::Agg::aggregate(att.iter().copied(), sup.iter().copied());
    let de = S::Agg::directional(att, sup, dx_att, dx_sup);
    let (dt, slope_up) = S::Infl::partials(base, e);
    let slope = if de < 0.0 {
        S::Infl::slope_down(base, e)
    } else {
        slope_up
    };
    dt * d_base + slope * de
}

#[cfg(test)]
mod tests {
    use super::super::{local_directional, local_update};
    use super::*;

    fn inp(ws: f64) -> Input {
        Input { ws, founded: true }
    }

    /// The strength of a node, computed by the solver's own entry point
    /// ([`Semantics::strength`] through [`local_update`]).
    fn value(kind: SemanticsKind, base: f64, att: &[Input], sup: &[Input]) -> f64 {
        local_update(kind, base, att, sup, &mut vec![], &mut vec![]).strength
    }

    /// Every partial derivative against a central difference of the value
    /// (an independent computation: only the formulas' values are used), for
    /// every semantics, away from kinks.
    #[test]
    fn partials_match_central_differences() {
        let cases: Vec<(f64, Vec<Input>, Vec<Input>)> = vec![
            (0.5, vec![inp(0.25), inp(0.6)], vec![inp(0.56)]),
            (0.3, vec![inp(0.09)], vec![inp(0.54), inp(0.08)]),
            (0.7, vec![inp(0.4), inp(0.56)], vec![]),
            (0.05, vec![inp(0.3)], vec![inp(0.9)]),
            (0.95, vec![inp(0.7)], vec![inp(0.2), inp(0.45)]),
        ];
        let h = 1e-6;
        for kind in SemanticsKind::ALL {
            for (base, att, sup) in &cases {
                let sup: &[Input] = if kind.is_attack_only() { &[] } else { sup };
                let (mut da, mut ds) = (vec![], vec![]);
                let l = local_update(kind, *base, att, sup, &mut da, &mut ds);
                assert!(l.smooth, "{kind:?}: the cases avoid kinks");
                let f = |b: f64, att: &[Input], sup: &[Input]| value(kind, b, att, sup);
                let num = (f(base + h, att, sup) - f(base - h, att, sup)) / (2.0 * h);
                assert!(
                    (l.d_base - num).abs() < 1e-7,
                    "{kind:?} ∂σ/∂τ {} vs {num}",
                    l.d_base
                );
                for side in [0, 1] {
                    let (xs, d) = if side == 0 {
                        (&att[..], &da)
                    } else {
                        (sup, &ds)
                    };
                    for i in 0..xs.len() {
                        let moved = |dx: f64| {
                            let mut ys = xs.to_vec();
                            ys[i].ws += dx;
                            if side == 0 {
                                f(*base, &ys, sup)
                            } else {
                                f(*base, att, &ys)
                            }
                        };
                        let num = (moved(h) - moved(-h)) / (2.0 * h);
                        let got = d[i] * l.d_aggregate;
                        assert!(
                            (got - num).abs() < 1e-7,
                            "{kind:?} side {side} input {i}: {got} vs {num}"
                        );
                    }
                }
            }
        }
    }

    /// At kinks the directional derivative is the one-sided difference quotient
    /// in the direction taken.
    #[test]
    fn directional_derivatives_are_one_sided_at_kinks() {
        use SemanticsKind as K;
        let h = 1e-7;
        // (semantics, base, attackers, supporters, rates of the attackers, of the supporters)
        type Case = (K, f64, Vec<Input>, Vec<Input>, Vec<f64>, Vec<f64>);
        let cases: Vec<Case> = vec![
            // two attackers tied at the maximum, one moving down, one up
            (
                K::EulerBasedTop,
                0.5,
                vec![inp(0.6), inp(0.6)],
                vec![inp(0.2)],
                vec![-1.0, 0.0],
                vec![0.0],
            ),
            (
                K::EulerBasedTop,
                0.5,
                vec![inp(0.6), inp(0.6)],
                vec![inp(0.2)],
                vec![1.0, 0.0],
                vec![0.0],
            ),
            (
                K::EulerBasedTop,
                0.5,
                vec![inp(0.6), inp(0.6)],
                vec![inp(0.2)],
                vec![-1.0, -0.5],
                vec![0.0],
            ),
            (
                K::WeightedMaxBased,
                0.8,
                vec![inp(0.6), inp(0.6)],
                vec![],
                vec![-1.0, 0.0],
                vec![],
            ),
            (
                K::WeightedMaxBased,
                0.8,
                vec![inp(0.0)],
                vec![],
                vec![1.0],
                vec![],
            ),
            // E = 0 under Linear(1) and 1-Max(1), moving either way
            (
                K::DfQuad,
                0.3,
                vec![inp(0.5)],
                vec![inp(0.5)],
                vec![1.0],
                vec![0.0],
            ),
            (
                K::DfQuad,
                0.3,
                vec![inp(0.5)],
                vec![inp(0.5)],
                vec![-1.0],
                vec![0.0],
            ),
            (
                K::SdDfQuad,
                0.3,
                vec![inp(0.5)],
                vec![inp(0.5)],
                vec![0.0],
                vec![1.0],
            ),
            (
                K::SdDfQuad,
                0.3,
                vec![inp(0.5)],
                vec![inp(0.5)],
                vec![0.0],
                vec![-1.0],
            ),
        ];
        for (kind, base, att, sup, ra, rs) in cases {
            let step = |x: &[Input], r: &[f64]| -> Vec<Input> {
                x.iter().zip(r).map(|(x, r)| inp(x.ws + h * r)).collect()
            };
            let num = (value(kind, base, &step(&att, &ra), &step(&sup, &rs))
                - value(kind, base, &att, &sup))
                / h;
            let got = local_directional(kind, base, &att, &sup, 0.0, &ra, &rs);
            assert!(
                (got - num).abs() < 1e-6,
                "{kind:?} {ra:?} {rs:?}: {got} vs {num}"
            );
        }
    }

    /// Hand calculation, DF-QuAD: τ = 0.5, one supporter 0.7 (w 1), one attacker
    /// 0.2 (w 1): E = (1 − 0.2) − (1 − 0.7) = 0.5 > 0, σ = 0.5 + (1 − 0.5)·0.5 = 0.75;
    /// ∂σ/∂τ = 1 − |E| = 0.5; ∂E/∂σ_sup = +1 and ∂E/∂σ_att = −1 (no other factor
    /// in either product), times ∂ι/∂E = 1 − τ = 0.5 for E > 0.
    #[test]
    fn dfquad_by_hand() {
        let (mut da, mut ds) = (vec![], vec![]);
        let l = local_update(
            SemanticsKind::DfQuad,
            0.5,
            &[inp(0.2)],
            &[inp(0.7)],
            &mut da,
            &mut ds,
        );
        assert!((l.aggregate - 0.5).abs() < 1e-15 && (l.strength - 0.75).abs() < 1e-15);
        assert!((l.d_base - 0.5).abs() < 1e-15 && (l.d_aggregate - 0.5).abs() < 1e-15);
        assert_eq!((da[0], ds[0]), (-1.0, 1.0));
    }

    #[test]
    fn extreme_bases_are_one_sided() {
        // Logistic at τ = 0: σ ≈ τ·e^E near 0, so ∂σ/∂τ = e^E from the right;
        // at τ = 1, 1 − σ ≈ (1 − τ)·e^−E, so ∂σ/∂τ = e^−E from the left.
        assert_eq!(Logistic::influence(0.0, 0.5), 0.0);
        assert_eq!(Logistic::partials(0.0, 0.5), (0.5f64.exp(), 0.0));
        assert_eq!(Logistic::influence(1.0, 0.5), 1.0);
        assert_eq!(Logistic::partials(1.0, 0.5), ((-0.5f64).exp(), 0.0));
        assert_eq!(Euler::influence(0.5, 1e6), 1.0);
        assert_eq!(Euler::partials(0.0, 0.5), (0.5f64.exp(), 0.0));
    }
}
