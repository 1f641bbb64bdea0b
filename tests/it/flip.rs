//! Minimal flips, checked against brute force: every subset of every size up to
//! the maximum, evaluated from scratch with the node removal done by an overlay.

use std::time::Duration;

use argmap::semantics::{Overlay, Params, Qbaf, SemanticsKind, evaluate, evaluate_with};
use argmap::{EdgeKind, FlipOptions, FlipStop, flip};
use proptest::prelude::*;

type Graph = (Vec<f64>, Vec<(usize, usize, EdgeKind, f64)>);

/// Random graphs on 3 to 8 nodes; `acyclic` keeps only edges to higher indices.
fn graph(acyclic: bool) -> impl Strategy<Value = Graph> {
    (3usize..9).prop_flat_map(move |n| {
        let bases = prop::collection::vec(0.0f64..=1.0, n);
        let edges = prop::collection::vec(
            (0usize..n, 0usize..n, any::<bool>(), 0.1f64..1.0),
            n..(3 * n),
        );
        (bases, edges).prop_map(move |(b, es)| {
            let es = es
                .into_iter()
                .filter(|(f, t, _, _)| if acyclic { f < t } else { f != t })
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

/// Every smallest flipping set (up to `max`) by exhaustive search over all
/// non-topic nodes, each subset evaluated from scratch.
fn brute(
    q: &Qbaf,
    kind: SemanticsKind,
    t: usize,
    theta: f64,
    max: usize,
) -> Option<Vec<Vec<usize>>> {
    let p = Params::default();
    let before = evaluate(q, kind, &p).ok()?.strengths[t];
    let upward = before <= theta;
    let others: Vec<usize> = (0..q.len()).filter(|&v| v != t).collect();
    for k in 1..=max.min(others.len()) {
        let mut found = vec![];
        for mask in 0u32..(1 << others.len()) {
            if mask.count_ones() as usize != k {
                continue;
            }
            let set: Vec<usize> = (0..others.len())
                .filter(|b| mask & (1 << b) != 0)
                .map(|b| others[b])
                .collect();
            let mut removed = vec![false; q.len()];
            for &x in &set {
                removed[x] = true;
            }
            let v = evaluate_with(
                q,
                kind,
                &p,
                &Overlay {
                    removed,
                    ..Overlay::default()
                },
            )
            .ok()?
            .strengths[t];
            if (upward && v > theta) || (!upward && v <= theta) {
                found.push(set);
            }
        }
        if !found.is_empty() {
            found.sort();
            return Some(found);
        }
    }
    Some(vec![])
}

/// `off`: the threshold's distance from the topic's strength, so that flips
/// within three removals are common.
fn check(g: Graph, k: usize, off: f64) -> Result<(), TestCaseError> {
    let (base, edges) = g;
    let q = Qbaf::new(base.clone(), &edges).unwrap();
    let kind = SemanticsKind::ALL[k];
    let t = base.len() - 1;
    let Ok(e) = evaluate(&q, kind, &Params::default()) else {
        return Ok(());
    };
    let theta = e.strengths[t] + off;
    let Some(want) = brute(&q, kind, t, theta, 3) else {
        return Ok(()); // the semantics refuses the graph, or no convergence
    };
    let opts = FlipOptions {
        threshold: theta,
        max_size: 3,
        time_budget: None,
        max_sets: 1000,
    };
    let all: Vec<usize> = (0..t).collect();
    let f = flip(&q, kind, &Params::default(), t, &all, &opts).unwrap();
    let mut got: Vec<Vec<usize>> = f.sets.iter().map(|s| s.nodes.clone()).collect();
    got.sort();
    prop_assert_eq!(&got, &want, "{:?} bounded {}", kind, f.bounded);
    if want.is_empty() {
        prop_assert!(matches!(f.stop, FlipStop::MaxSize | FlipStop::Unreachable));
    } else {
        prop_assert_eq!(f.stop, FlipStop::Found);
    }
    if f.stop == FlipStop::Unreachable {
        // The bound's claim: no subset of any size flips it.
        prop_assert_eq!(brute(&q, kind, t, theta, q.len()), Some(vec![]));
        let reach = f.reach.unwrap();
        let holds = if f.upward {
            reach <= theta
        } else {
            reach > theta
        };
        prop_assert!(holds);
    }
    for s in &f.sets {
        let across = if f.upward {
            s.strength > theta
        } else {
            s.strength <= theta
        };
        prop_assert!(across);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Acyclic graphs (the bound prunes, except under card-based).
    #[test]
    fn flips_match_brute_force_acyclic(g in graph(true), k in 0usize..9, off in -0.12f64..0.12) {
        check(g, k, off)?;
    }

    /// Cyclic graphs (no bound).
    #[test]
    fn flips_match_brute_force_cyclic(g in graph(false), k in 0usize..6, off in -0.12f64..0.12) {
        check(g, k, off)?;
    }
}

/// Hand calculation, DF-QuAD: h (base 0.5) is supported by s1 and s2 (base 1,
/// weight 1 each). σ(h) = 0.5 + 0.5·1 = 1 while any supporter remains (one
/// saturated supporter is enough), and 0.5 with both gone. So for threshold 0.6
/// no single removal flips h, and {s1, s2} is the only flip; with threshold 0.5
/// the same set flips (0.5 is not above 0.5).
#[test]
fn saturated_supporters_need_both_removed() {
    let q = Qbaf::new(
        vec![0.5, 1.0, 1.0],
        &[
            (1, 0, EdgeKind::Support, 1.0),
            (2, 0, EdgeKind::Support, 1.0),
        ],
    )
    .unwrap();
    for theta in [0.6, 0.5] {
        let opts = FlipOptions {
            threshold: theta,
            ..FlipOptions::default()
        };
        let f = flip(
            &q,
            SemanticsKind::DfQuad,
            &Params::default(),
            0,
            &[1, 2],
            &opts,
        )
        .unwrap();
        assert_eq!(f.stop, FlipStop::Found);
        assert!(!f.upward && f.before == 1.0);
        assert_eq!(f.sets.len(), 1);
        assert_eq!(f.sets[0].nodes, [1, 2]);
        assert_eq!(f.sets[0].strength, 0.5);
        assert_eq!(f.complete_up_to, 2);
    }
}

/// A search that runs out of time says so and how far it got.
#[test]
fn time_budget_is_reported() {
    // A chain of 40 attackers on a cycle-free star under card-based (no bound),
    // and a threshold no removal can reach: the search would try 10 660 sets.
    let n = 41;
    let edges: Vec<_> = (1..n).map(|v| (v, 0, EdgeKind::Attack, 0.5)).collect();
    let q = Qbaf::new(vec![0.5; n], &edges).unwrap();
    let opts = FlipOptions {
        threshold: 2.0,
        max_size: 3,
        time_budget: Some(Duration::ZERO),
        max_sets: 10,
    };
    let all: Vec<usize> = (1..n).collect();
    let f = flip(
        &q,
        SemanticsKind::WeightedCardBased,
        &Params::default(),
        0,
        &all,
        &opts,
    )
    .unwrap();
    assert_eq!(f.stop, FlipStop::TimeBudget);
    assert!(f.complete_up_to < 3 && f.sets.is_empty());
}
