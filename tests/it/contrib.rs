//! Contribution functions against the reference cases (tests/reference/cases.json:
//! the 2024 paper's companion notebook, the QDT notebook, hand calculations and
//! the Python reference qbaf_ref.py, each case naming its source), plus the
//! properties the functions must have whatever the graph.

use argmap::semantics::{Overlay, Params, Qbaf, SemanticsKind, Solver, evaluate, evaluate_with};
use argmap::{ContribOptions, EdgeKind, Estimate, Method, contributions, sign_disagreements};
use proptest::prelude::*;
use serde_json::Value;

/// A reference case as a [`Qbaf`] with node names (index order = sorted names).
struct Case {
    q: Qbaf,
    names: Vec<String>,
    case: Value,
}

fn contribution_cases() -> Vec<Case> {
    let all: Vec<Value> = serde_json::from_str(include_str!("../reference/cases.json")).unwrap();
    all.into_iter()
        .filter(|c| c["kind"] == "contribution")
        .map(|c| {
            let nodes = c["graph"]["nodes"].as_object().unwrap();
            let names: Vec<String> = nodes.keys().cloned().collect();
            let base: Vec<f64> = nodes.values().map(|v| v.as_f64().unwrap()).collect();
            let idx = |n: &Value| names.iter().position(|x| x == n.as_str().unwrap()).unwrap();
            let edges: Vec<_> = c["graph"]["edges"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| {
                    let kind = if e[0] == "att" {
                        EdgeKind::Attack
                    } else {
                        EdgeKind::Support
                    };
                    let w = e.get(3).and_then(Value::as_f64).unwrap_or(1.0);
                    (idx(&e[1]), idx(&e[2]), kind, w)
                })
                .collect();
            Case {
                q: Qbaf::new(base, &edges).unwrap(),
                names,
                case: c,
            }
        })
        .collect()
}

fn params_of(case: &Value) -> Params {
    Params {
        solver: match case.get("solver").and_then(Value::as_str) {
            None => Solver::Auto,
            Some("rk4") => Solver::Continuous,
            Some("jacobi") => Solver::Discrete,
            Some(s) => panic!("unknown solver {s}"),
        },
        delta: case.get("delta").and_then(Value::as_f64).unwrap_or(0.1),
        epsilon: 1e-13,
        ..Params::default()
    }
}

/// All 14 contribution cases of cases.json, every contributor, within each
/// case's tolerance (and the published numbers, where a case has them, within
/// the precision they were printed with: the generator checked those against
/// the same expected values).
#[test]
fn reference_contribution_cases() {
    let cases = contribution_cases();
    assert_eq!(cases.len(), 14);
    for c in &cases {
        let name = &c.case["name"];
        let kind = SemanticsKind::from_name(c.case["semantics"].as_str().unwrap()).unwrap();
        let method = Method::from_name(c.case["method"].as_str().unwrap()).unwrap();
        let topic = c
            .names
            .iter()
            .position(|n| n == c.case["topic"].as_str().unwrap())
            .unwrap();
        // The reference's players: every argument but the topic.
        let players: Vec<usize> = (0..c.names.len()).filter(|&v| v != topic).collect();
        let r = contributions(
            &c.q,
            kind,
            &params_of(&c.case),
            topic,
            &players,
            method,
            &ContribOptions::default(),
        )
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            r.estimate == Estimate::Exact,
            c.q.is_acyclic() || method != Method::Gradient
        );
        let tol = c.case["tolerance"].as_f64().unwrap();
        for (node, want) in c.case["expected"].as_object().unwrap() {
            let v = c.names.iter().position(|n| n == node).unwrap();
            let got = r.values.iter().find(|(x, _)| *x == v).unwrap().1;
            let want = want.as_f64().unwrap();
            assert!(
                (got - want).abs() <= tol,
                "{name} ({}): {node} got {got}, expected {want}",
                c.case["source"]
            );
        }
    }
}

/// Hand calculation (cases.json `shapley/qe-two-strong-attackers`): two
/// attackers of base 1 on a (base 0.5), quadratic energy. v({}) = 0.5,
/// v({b}) = 0.5 − 0.5·1/(1+1) = 0.25, v({b, c}) = 0.5 − 0.5·4/5 = 0.1, so
/// φ_b = ((0.25 − 0.5) + (0.1 − 0.25))/2 = −0.2; removal gives
/// 0.1 − 0.25 = −0.15 (the notebook's printed value): the methods agree in sign
/// but not in size, and the Shapley values add up to 0.1 − 0.5 = −0.4.
#[test]
fn shapley_and_removal_by_hand() {
    let q = Qbaf::new(
        vec![0.5, 1.0, 1.0],
        &[(1, 0, EdgeKind::Attack, 1.0), (2, 0, EdgeKind::Attack, 1.0)],
    )
    .unwrap();
    let p = Params::default();
    let o = ContribOptions::default();
    let kind = SemanticsKind::QuadraticEnergy;
    let s = contributions(&q, kind, &p, 0, &[1, 2], Method::Shapley, &o).unwrap();
    let r = contributions(&q, kind, &p, 0, &[1, 2], Method::Removal, &o).unwrap();
    for i in 0..2 {
        assert!((s.values[i].1 + 0.2).abs() < 1e-12);
        assert!((r.values[i].1 + 0.15).abs() < 1e-12);
    }
    assert!((s.baseline - 0.5).abs() < 1e-15 && (s.strength - 0.1).abs() < 1e-12);
}

/// The methods disagree in sign (hand calculation, DF-QuAD; the reference
/// qbaf_ref.py gives the same four numbers). t (base 0.5); a (base 1) supports t
/// with weight 0.6 and supports b (base 0.2) with weight 1; b attacks t (weight 1).
///
/// * With a: σ(b) = 0.2 + 0.8·1 = 1; at t, E = (1 − 1) − (1 − 0.6) = −0.4, so
///   σ(t) = 0.5 − 0.5·0.4 = 0.3. Without a: σ(b) = 0.2, E = 0.8 − 1 = −0.2,
///   σ(t) = 0.4. Removal(a) = 0.3 − 0.4 = −0.1 (a has no inputs, so intrinsic
///   removal is the same).
/// * Shapley over {a, b}: v(∅) = 0.5, v({a}) = 0.5 + 0.5·0.6 = 0.8, v({b}) = 0.4,
///   v({a, b}) = 0.3; φ(a) = ((0.8 − 0.5) + (0.3 − 0.4))/2 = +0.1,
///   φ(b) = ((0.4 − 0.5) + (0.3 − 0.8))/2 = −0.3 (sum −0.2 = 0.3 − 0.5).
/// * Gradient: σ(b) = 0.2 + 0.8·τ(a), E = 0.6·τ(a) − σ(b) = −0.2 − 0.2·τ(a) < 0,
///   σ(t) = 0.5 + 0.5·E, so ∂σ(t)/∂τ(a) = −0.1 (one-sided at τ(a) = 1).
#[test]
fn sign_disagreement_by_hand() {
    // t = 0, a = 1, b = 2
    let q = Qbaf::new(
        vec![0.5, 1.0, 0.2],
        &[
            (1, 0, EdgeKind::Support, 0.6),
            (1, 2, EdgeKind::Support, 1.0),
            (2, 0, EdgeKind::Attack, 1.0),
        ],
    )
    .unwrap();
    let p = Params::default();
    let all: Vec<_> = Method::ALL
        .iter()
        .map(|&m| {
            let o = ContribOptions::default();
            contributions(&q, SemanticsKind::DfQuad, &p, 0, &[1, 2], m, &o).unwrap()
        })
        .collect();
    let a: Vec<f64> = all.iter().map(|c| c.values[0].1).collect();
    let want = [-0.1, -0.1, 0.1, -0.1];
    for (got, want) in a.iter().zip(want) {
        assert!((got - want).abs() < 1e-12, "{a:?}");
    }
    assert!((all[2].values[1].1 + 0.3).abs() < 1e-12);
    assert_eq!(sign_disagreements(&all), [1]);
}

/// Random acyclic graphs: node i's parents are among 0..i, so edges go from lower
/// to higher indices and the topic is the last node.
type Graph = (Vec<f64>, Vec<(usize, usize, EdgeKind, f64)>);

fn acyclic_graph() -> impl Strategy<Value = Graph> {
    (3usize..9).prop_flat_map(|n| {
        let bases = prop::collection::vec(0.05f64..0.95, n);
        let edges = prop::collection::vec(
            (0usize..n, 0usize..n, any::<bool>(), 0.1f64..1.0),
            1..(2 * n),
        );
        (bases, edges).prop_map(|(b, es)| {
            let es = es
                .into_iter()
                .filter(|(f, t, _, _)| f < t)
                .map(|(f, t, s, w)| {
                    let k = if s {
                        EdgeKind::Support
                    } else {
                        EdgeKind::Attack
                    };
                    (f, t, k, w)
                })
                .collect();
            (b, es)
        })
    })
}

const SMOOTH: [SemanticsKind; 3] = [
    SemanticsKind::QuadraticEnergy,
    SemanticsKind::EulerBased,
    SemanticsKind::MlpBased,
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Efficiency: with every other node a player, the Shapley values add up to
    /// σ(topic) − τ(topic), exactly and (by construction, per permutation) when
    /// sampled.
    #[test]
    fn shapley_sums_to_change_from_base((base, edges) in acyclic_graph(), k in 0usize..9) {
        let q = Qbaf::new(base.clone(), &edges).unwrap();
        let kind = SemanticsKind::ALL[k];
        let t = base.len() - 1;
        let players: Vec<usize> = (0..t).collect();
        let p = Params::default();
        let Ok(full) = evaluate(&q, kind, &p) else { return Ok(()) }; // refused (attack-only)
        for exact_max in [20, 0] {
            let o = ContribOptions { exact_max, samples: 50, seed: 7 };
            let c = contributions(&q, kind, &p, t, &players, Method::Shapley, &o).unwrap();
            let sum: f64 = c.values.iter().map(|v| v.1).sum();
            prop_assert!((sum - (full.strengths[t] - base[t])).abs() < 1e-9,
                "{kind:?} exact_max {exact_max}: sum {sum}, change {}", full.strengths[t] - base[t]);
            prop_assert!((c.baseline - base[t]).abs() < 1e-15);
        }
    }

    /// Removal is the difference of two evaluations: with the node, and with it
    /// removed by an overlay.
    #[test]
    fn removal_is_a_difference_of_evaluations((base, edges) in acyclic_graph(), k in 0usize..9) {
        let q = Qbaf::new(base.clone(), &edges).unwrap();
        let kind = SemanticsKind::ALL[k];
        let t = base.len() - 1;
        let players: Vec<usize> = (0..t).collect();
        let p = Params::default();
        let Ok(full) = evaluate(&q, kind, &p) else { return Ok(()) };
        let c = contributions(&q, kind, &p, t, &players, Method::Removal, &ContribOptions::default()).unwrap();
        let i = contributions(&q, kind, &p, t, &players, Method::IntrinsicRemoval, &ContribOptions::default()).unwrap();
        for (&x, (&(_, r), &(_, ir))) in players.iter().zip(c.values.iter().zip(&i.values)) {
            let mut removed = vec![false; q.len()];
            removed[x] = true;
            let without = evaluate_with(&q, kind, &p, &Overlay { removed, ..Overlay::default() }).unwrap();
            prop_assert!((r - (full.strengths[t] - without.strengths[t])).abs() < 1e-12);
            let cut: Vec<usize> = (0..edges.len()).filter(|&j| edges[j].1 == x).collect();
            let g2 = evaluate_with(&q, kind, &p, &Overlay { removed_edges: cut, ..Overlay::default() }).unwrap();
            prop_assert!((ir - (g2.strengths[t] - without.strengths[t])).abs() < 1e-12);
        }
    }

    /// On every semantics, kinks included, the gradient is the one-sided
    /// difference quotient of two evaluations in the feasible direction (up,
    /// or down from base 1). Bases 0 and 1, ties and `E = 0` come up because
    /// the graph's bases are rounded to tenths (0, 0.1, ..., 1).
    #[test]
    fn gradient_is_the_one_sided_difference((base, edges) in acyclic_graph(), k in 0usize..9) {
        let base: Vec<f64> = base.iter().map(|b| ((b - 0.05) / 0.9 * 10.0).round() / 10.0).collect();
        let edges: Vec<_> = edges.into_iter().map(|(f, t, kind, _)| (f, t, kind, 1.0)).collect();
        let kind = SemanticsKind::ALL[k];
        if kind.is_attack_only() && edges.iter().any(|e| e.2 == EdgeKind::Support) {
            return Ok(());
        }
        let q = Qbaf::new(base.clone(), &edges).unwrap();
        let t = base.len() - 1;
        let players: Vec<usize> = (0..t).collect();
        let p = Params::default();
        let c = contributions(&q, kind, &p, t, &players, Method::Gradient, &ContribOptions::default()).unwrap();
        let h = 1e-7;
        for &(x, g) in &c.values {
            if kind == SemanticsKind::WeightedCardBased && base[x] == 0.0 {
                continue; // card-based jumps when an attacker's base leaves 0: no derivative
            }
            let at = |b: f64| evaluate_with(&q, kind, &p, &Overlay { base: vec![(x, b)], ..Overlay::default() }).unwrap().strengths[t];
            let dir = if base[x] >= 1.0 { -1.0 } else { 1.0 };
            let fd = (at(base[x] + dir * h) - at(base[x])) / (dir * h);
            prop_assert!((g - fd).abs() < 1e-5, "{kind:?} node {x}: gradient {g}, one-sided difference {fd}");
        }
    }

    /// The exact (reverse-mode) gradient matches a central difference of two
    /// evaluations, for the semantics without kinks.
    #[test]
    fn gradient_matches_finite_difference((base, edges) in acyclic_graph(), k in 0usize..3) {
        let q = Qbaf::new(base.clone(), &edges).unwrap();
        let kind = SMOOTH[k];
        let t = base.len() - 1;
        let players: Vec<usize> = (0..t).collect();
        let p = Params::default();
        let c = contributions(&q, kind, &p, t, &players, Method::Gradient, &ContribOptions::default()).unwrap();
        prop_assert_eq!(&c.estimate, &Estimate::Exact);
        let h = 1e-6;
        for &(x, g) in &c.values {
            let at = |b: f64| evaluate_with(&q, kind, &p, &Overlay { base: vec![(x, b)], ..Overlay::default() }).unwrap().strengths[t];
            let fd = (at(base[x] + h) - at(base[x] - h)) / (2.0 * h);
            prop_assert!((g - fd).abs() < 1e-6, "{kind:?} node {x}: gradient {g}, difference {fd}");
        }
    }
}

/// Kampik, Potyka, Yin, Čyras, Toni (2024), Figure 4: `a` (base 0.5) attacked
/// by `b` and `c`, both of base and strength 1, under Euler-based-top. The
/// paper reports gradient contribution 0 for each: at base 1 only the left
/// derivative exists, and lowering one of two tied maxima leaves the maximum,
/// and so `a`, unchanged. (A two-sided average would give half the single
/// attacker's slope.)
#[test]
fn gradient_at_a_tied_top_is_zero_kampik_figure_4() {
    let q = Qbaf::new(
        vec![0.5, 1.0, 1.0],
        &[(1, 0, EdgeKind::Attack, 1.0), (2, 0, EdgeKind::Attack, 1.0)],
    )
    .unwrap();
    let kind = SemanticsKind::EulerBasedTop;
    let p = Params::default();
    let o = ContribOptions::default();
    let c = contributions(&q, kind, &p, 0, &[1, 2], Method::Gradient, &o).unwrap();
    assert_eq!(c.estimate, Estimate::Exact);
    assert_eq!(c.values, [(1, 0.0), (2, 0.0)]);
    // With one attacker the maximum moves with it: by hand, σ(a) = 1 − (1 − τ²)/(1 + τ·e^(−σ_b))
    // with τ = 0.5, σ_b = 1: ∂σ(a)/∂σ_b = −(1 − τ²)·τ·e^−1/(1 + τ·e^−1)², and σ_b = τ_b.
    let one = Qbaf::new(vec![0.5, 1.0], &[(1, 0, EdgeKind::Attack, 1.0)]).unwrap();
    let c = contributions(&one, kind, &p, 0, &[1], Method::Gradient, &o).unwrap();
    let x = (-1.0f64).exp();
    let by_hand = -(1.0 - 0.25) * 0.5 * x / ((1.0 + 0.5 * x) * (1.0 + 0.5 * x));
    assert!(
        (c.values[0].1 - by_hand).abs() < 1e-15,
        "{} vs {by_hand}",
        c.values[0].1
    );
}
