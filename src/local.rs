//! One node's update, written out: the aggregation of its inputs, the influence
//! function, and their partial derivatives.
//!
//! The solvers in [`crate::semantics`] are generic and monomorphised for speed
//! and expose strengths only. The gradient contribution (reverse mode along the
//! topological order) and `explain` (which shows every intermediate number) need
//! the pieces of the same formulas, so they are restated here, once, from the
//! same sources (Potyka AAMAS 2019 for the modular ones, Amgoud et al. IJCAI 2017
//! for the attack-only ones; conventions of tests/reference/README.md). A test
//! checks that [`update`] reproduces the solver's strengths on every bundled
//! graph and reference case under every semantics.
//!
//! Where a formula has a kink (`E = 0` for Linear(1) and 1-Max(1), a tie in a
//! maximum), the derivative is not defined; these functions return the average
//! of the two one-sided derivatives, the value a central difference tends to.

use crate::model::EdgeKind;
use crate::semantics::SemanticsKind;

/// How a semantics combines a node's inputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Agg {
    /// `E = Σ_sup w·σ − Σ_att w·σ`.
    Sum,
    /// `E = Π_att(1 − w·σ) − Π_sup(1 − w·σ)`.
    Product,
    /// `E = max(0, max_sup w·σ) − max(0, max_att w·σ)`.
    Top,
    /// Attack-only: `D = 1 + Σ_att w·σ`, `σ = τ / D`.
    HSum,
    /// Attack-only: `D = 1 + max(0, max_att w·σ)`.
    HMax,
    /// Attack-only over the founded attackers `F` (base > 0):
    /// `D = 1 + |F| + Σ_F w·σ / |F|`, and `σ = τ` when `F` is empty.
    HCard,
}

/// How a modular semantics turns the aggregate `E` into a strength.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Infl {
    /// Linear(1): `τ − τ·max(0, −E) + (1 − τ)·max(0, E)`.
    Linear,
    /// p-Max(1) with p = 1 or 2: `τ − τ·h(−E) + (1 − τ)·h(E)`, `h(x) = x^p/(1 + x^p)`.
    PMax(i32),
    /// Euler-based: `1 − (1 − τ²)/(1 + τ·e^E)`.
    Euler,
    /// MLP-based: `1/(1 + e^−(ln(τ/(1−τ)) + E))`.
    Logistic,
    /// The attack-only semantics: `σ = τ / D`.
    Divide,
}

/// The aggregation and influence of a semantics.
pub(crate) fn parts(kind: SemanticsKind) -> (Agg, Infl) {
    use SemanticsKind as K;
    match kind {
        K::QuadraticEnergy => (Agg::Sum, Infl::PMax(2)),
        K::DfQuad => (Agg::Product, Infl::Linear),
        K::SdDfQuad => (Agg::Product, Infl::PMax(1)),
        K::EulerBased => (Agg::Sum, Infl::Euler),
        K::EulerBasedTop => (Agg::Top, Infl::Euler),
        K::MlpBased => (Agg::Sum, Infl::Logistic),
        K::WeightedHCategorizer => (Agg::HSum, Infl::Divide),
        K::WeightedMaxBased => (Agg::HMax, Infl::Divide),
        K::WeightedCardBased => (Agg::HCard, Infl::Divide),
    }
}

/// One input of a node: an incoming edge with its source's current strength.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct In {
    /// Attack or support.
    pub kind: EdgeKind,
    /// The edge's weight.
    pub weight: f64,
    /// The source's strength.
    pub strength: f64,
    /// Whether the source's base is above 0 (card-based counts only those).
    pub founded: bool,
}

impl In {
    fn ws(&self) -> f64 {
        self.weight * self.strength
    }
}

/// The aggregate of a node's inputs and `∂aggregate/∂(w·σ)` of each input
/// (written into `d`, one entry per input).
pub(crate) fn aggregate(agg: Agg, inputs: &[In], d: &mut Vec<f64>) -> f64 {
    d.clear();
    d.resize(inputs.len(), 0.0);
    let att = |x: &In| x.kind == EdgeKind::Attack;
    match agg {
        Agg::Sum => {
            let mut e = 0.0;
            for (i, x) in inputs.iter().enumerate() {
                d[i] = if att(x) { -1.0 } else { 1.0 };
                e += d[i] * x.ws();
            }
            e
        }
        Agg::HSum => {
            let mut e = 0.0;
            for (i, x) in inputs.iter().enumerate().filter(|(_, x)| att(x)) {
                d[i] = 1.0;
                e += x.ws();
            }
            e
        }
        Agg::Product => {
            let mut pa = 1.0;
            let mut ps = 1.0;
            for x in inputs {
                if att(x) {
                    pa *= 1.0 - x.ws();
                } else {
                    ps *= 1.0 - x.ws();
                }
            }
            // Products of the other factors, without dividing (a factor may be 0).
            for (i, x) in inputs.iter().enumerate() {
                let others: f64 = inputs
                    .iter()
                    .enumerate()
                    .filter(|(j, y)| *j != i && att(y) == att(x))
                    .map(|(_, y)| 1.0 - y.ws())
                    .product();
                d[i] = if att(x) { -others } else { others };
            }
            pa - ps
        }
        Agg::Top => {
            max_with_ties(inputs, |x| !att(x), d, 1.0) - max_with_ties(inputs, att, d, -1.0)
        }
        Agg::HMax => max_with_ties(inputs, att, d, 1.0),
        Agg::HCard => {
            let n = inputs.iter().filter(|x| att(x) && x.founded).count();
            if n == 0 {
                return 0.0;
            }
            let nf = n as f64;
            let mut sum = 0.0;
            for (i, x) in inputs.iter().enumerate() {
                if att(x) && x.founded {
                    sum += x.ws();
                    d[i] = 1.0 / nf;
                }
            }
            nf + sum / nf
        }
    }
}

/// `max(0, max of the selected inputs' w·σ)`; each input at the maximum gets
/// derivative `sign` (or `sign / 2` at a tie, including a tie with the floor 0).
fn max_with_ties(inputs: &[In], select: impl Fn(&In) -> bool, d: &mut [f64], sign: f64) -> f64 {
    let mut m = 0.0;
    for x in inputs.iter().filter(|x| select(x)) {
        if x.ws() > m {
            m = x.ws();
        }
    }
    let at_max: Vec<usize> = (0..inputs.len())
        .filter(|&i| select(&inputs[i]) && inputs[i].ws() == m)
        .collect();
    // A unique maximum above the floor moves one-for-one both ways; otherwise
    // moving it down leaves the maximum where it is.
    let unique = at_max.len() == 1 && m > 0.0;
    for i in at_max {
        d[i] = if unique { sign } else { sign / 2.0 };
    }
    m
}

/// `h_p(x) = x^p / (1 + x^p)` for `x > 0`, else 0, and its derivative.
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

/// `ι(τ, E)` with `∂ι/∂τ` and `∂ι/∂E`.
pub(crate) fn influence(infl: Infl, base: f64, e: f64) -> (f64, f64, f64) {
    let t = base;
    match infl {
        Infl::Linear => {
            let v = t - t * (-e).max(0.0) + (1.0 - t) * e.max(0.0);
            let de = if e > 0.0 {
                1.0 - t
            } else if e < 0.0 {
                t
            } else {
                0.5
            };
            (v, 1.0 - e.abs(), de)
        }
        Infl::PMax(p) => {
            let (hp, dhp) = h(e, p);
            let (hn, dhn) = h(-e, p);
            let v = t - t * hn + (1.0 - t) * hp;
            let de = if e == 0.0 && p == 1 {
                0.5 // the one-sided slopes are τ (below) and 1 − τ (above)
            } else {
                t * dhn + (1.0 - t) * dhp
            };
            (v, 1.0 - hn - hp, de)
        }
        Infl::Euler => {
            let x = e.exp();
            if t <= 0.0 {
                return (0.0, x, 0.0); // right derivative at τ = 0
            }
            if x.is_infinite() {
                return (1.0, 0.0, 0.0);
            }
            let q = 1.0 + t * x;
            let a = (1.0 - t * t) / q;
            let xq = 1.0 / (1.0 / x + t); // x / q, without overflow
            (1.0 - a, 2.0 * t / q + a * xq, a * t * xq)
        }
        Infl::Logistic => {
            if t <= 0.0 {
                return (0.0, e.exp(), 0.0); // right derivative at τ = 0
            }
            if t >= 1.0 {
                return (1.0, (-e).exp(), 0.0); // left derivative at τ = 1
            }
            let z = (t / (1.0 - t)).ln() + e;
            let v = if z >= 0.0 {
                1.0 / (1.0 + (-z).exp())
            } else {
                let y = z.exp();
                y / (1.0 + y)
            };
            let s = v * (1.0 - v);
            (v, s / (t * (1.0 - t)), s)
        }
        Infl::Divide => {
            // e is D − 1 here.
            let d = 1.0 + e;
            (t / d, 1.0 / d, -t / (d * d))
        }
    }
}

/// A node's update under `kind`: its strength from its base and inputs, with
/// `∂σ/∂τ` and, in `d_in`, `∂σ/∂σ(source)` of each input (the weight included).
/// Returns `(strength, aggregate, ∂σ/∂τ)`.
pub(crate) fn update(
    kind: SemanticsKind,
    base: f64,
    inputs: &[In],
    d_in: &mut Vec<f64>,
) -> (f64, f64, f64) {
    let (agg, infl) = parts(kind);
    let e = aggregate(agg, inputs, d_in);
    if agg == Agg::HCard
        && !inputs
            .iter()
            .any(|x| x.founded && x.kind == EdgeKind::Attack)
    {
        d_in.iter_mut().for_each(|x| *x = 0.0);
        return (base, 0.0, 1.0);
    }
    let (v, dt, de) = influence(infl, base, e);
    for (d, x) in d_in.iter_mut().zip(inputs) {
        *d *= de * x.weight;
    }
    (v, e, dt)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inp(kind: EdgeKind, weight: f64, strength: f64) -> In {
        In {
            kind,
            weight,
            strength,
            founded: true,
        }
    }

    /// Every partial derivative against a central difference, away from kinks.
    #[test]
    fn derivatives_match_central_differences() {
        use EdgeKind::{Attack as A, Support as S};
        let cases: Vec<(f64, Vec<In>)> = vec![
            (
                0.5,
                vec![inp(S, 0.8, 0.7), inp(A, 0.5, 0.3), inp(A, 1.0, 0.6)],
            ),
            (
                0.3,
                vec![inp(S, 0.6, 0.9), inp(S, 0.4, 0.2), inp(A, 0.9, 0.1)],
            ),
            (0.7, vec![inp(A, 1.0, 0.4), inp(A, 0.7, 0.8)]),
        ];
        let h = 1e-6;
        for kind in SemanticsKind::ALL {
            for (base, ins) in &cases {
                let attack_only = matches!(parts(kind).1, Infl::Divide);
                if attack_only && ins.iter().any(|x| x.kind == S) {
                    continue;
                }
                let mut d = vec![];
                let (_, _, dt) = update(kind, *base, ins, &mut d);
                let f = |b: f64, ins: &[In]| update(kind, b, ins, &mut vec![]).0;
                let num = (f(base + h, ins) - f(base - h, ins)) / (2.0 * h);
                assert!((dt - num).abs() < 1e-7, "{kind:?} d/dτ {dt} vs {num}");
                for i in 0..ins.len() {
                    let mut up = ins.clone();
                    up[i].strength += h;
                    let mut dn = ins.clone();
                    dn[i].strength -= h;
                    let num = (f(*base, &up) - f(*base, &dn)) / (2.0 * h);
                    assert!(
                        (d[i] - num).abs() < 1e-7,
                        "{kind:?} d/dσ{i} {} vs {num}",
                        d[i]
                    );
                }
            }
        }
    }

    /// Hand calculation, DF-QuAD: τ = 0.5, one supporter 0.7 (w 1), one attacker
    /// 0.2 (w 1): E = (1 − 0.2) − (1 − 0.7) = 0.5 > 0, σ = 0.5 + (1 − 0.5)·0.5 = 0.75;
    /// ∂σ/∂τ = 1 − |E| = 0.5; ∂E/∂σ_sup = +1 and ∂E/∂σ_att = −1 (no other factor
    /// in either product), times ∂ι/∂E = 1 − τ = 0.5 for E > 0.
    #[test]
    fn dfquad_by_hand() {
        let ins = [
            inp(EdgeKind::Support, 1.0, 0.7),
            inp(EdgeKind::Attack, 1.0, 0.2),
        ];
        let mut d = vec![];
        let (v, e, dt) = update(SemanticsKind::DfQuad, 0.5, &ins, &mut d);
        assert!((e - 0.5).abs() < 1e-15 && (v - 0.75).abs() < 1e-15);
        assert!((dt - 0.5).abs() < 1e-15);
        assert!((d[0] - 0.5).abs() < 1e-15 && (d[1] + 0.5).abs() < 1e-15);
    }

    #[test]
    fn extreme_bases_are_one_sided() {
        // Logistic at τ = 0: σ ≈ τ·e^E near 0, so ∂σ/∂τ = e^E from the right.
        let (v, dt, de) = influence(Infl::Logistic, 0.0, 0.5);
        assert_eq!((v, de), (0.0, 0.0));
        assert!((dt - 0.5f64.exp()).abs() < 1e-15);
        let (v, dt, _) = influence(Infl::Logistic, 1.0, 0.5);
        assert_eq!(v, 1.0);
        assert!((dt - (-0.5f64).exp()).abs() < 1e-15);
        let (v, ..) = influence(Infl::Euler, 0.5, 1e6);
        assert_eq!(v, 1.0);
    }
}
