//! Sensitivity analysis: does a topic's verdict come from the evidence, or from
//! the numbers and the shape of the map?
//!
//! For a topic `t` (default the conclusion) and a threshold `θ` (default 0.5):
//!
//! * **strengths**: `σ(t)` under every semantics that accepts the graph;
//! * **structure-only baseline**: `σ(t)` with every evidence node removed, under
//!   the same semantics: what the claims, their bases and the edges say alone;
//! * **tornado**: every base and weight that can reach `t`, moved one at a time to
//!   the ends of its interval (its `base_range` / `weight_range` from the file,
//!   else `value ± delta` clamped to `[0, 1]`, or to `[0, ∞)` for a weight already
//!   above 1), with `σ(t)` at each end; sorted by swing `|high − low|`, largest
//!   first;
//! * **Monte Carlo**: every such parameter drawn at once, uniformly in its
//!   interval, `samples` times from a seeded generator; the 5th, 50th and 95th
//!   percentiles of `σ(t)` (nearest rank) and the share of draws that keep the
//!   verdict, i.e. stay on the same side of `θ` as `σ(t)` (above, or at or below).
//!
//! Only the topic's ancestors can move it, so the tornado re-evaluates just the
//! cone from each parameter to the topic ([`crate::semantics::reevaluate_into`])
//! and the Monte Carlo draws evaluate the ancestors alone.
//!
//! ```
//! use argmap::{SensitivityOptions, sensitivity};
//! let src = argmap::Source::new("m.ron", r#"ArgumentGraph(conclusion: "h", nodes: [
//!     Node(id: "h", kind: Claim, text: "H", base: 0.5),
//!     Node(id: "e", kind: Evidence, text: "E", base: 0.8, cite: (ref: "A 2020")),
//! ], edges: [Attack(from: "e", to: "h", weight: 0.5)])"#);
//! let g = argmap::build(&argmap::check(&src).unwrap());
//! let s = sensitivity(&g, &SensitivityOptions::default(), &argmap::Params::default(), &mut |_, _| {})?;
//! // Quadratic energy by hand: E = −0.5·0.8 = −0.4, σ = 0.5 − 0.5·0.16/1.16.
//! assert!((s.strength - (0.5 - 0.5 * 0.16 / 1.16)).abs() < 1e-12);
//! // Without the evidence, h keeps its base.
//! assert_eq!(s.baseline[0].1, 0.5);
//! # Ok::<(), argmap::Error>(())
//! ```

use std::time::Instant;

use crate::analysis::contrib::{SplitMix64, ancestors};
use crate::error::Error;
use crate::graph::ArgGraph;
use crate::model::{EdgeKind, NodeKind};
use crate::semantics::{
    Overlay, Params, Qbaf, Scratch, SemanticsKind, evaluate, evaluate_with, reevaluate_into,
};

/// What to analyse and how.
#[derive(Clone, Debug)]
pub struct SensitivityOptions {
    /// The topic node (default: the conclusion).
    pub topic: Option<usize>,
    /// The verdict's threshold: above it, or at or below it.
    pub threshold: f64,
    /// How far each base and weight moves when the file gives no range.
    pub delta: f64,
    /// Monte Carlo draws (0: none).
    pub samples: usize,
    /// Seed of the Monte Carlo generator.
    pub seed: u64,
    /// The semantics of the tornado and the Monte Carlo run (default: the file's,
    /// else quadratic energy).
    pub semantics: Option<SemanticsKind>,
}

impl Default for SensitivityOptions {
    fn default() -> Self {
        SensitivityOptions {
            topic: None,
            threshold: 0.5,
            delta: 0.1,
            samples: 1000,
            seed: 1,
            semantics: None,
        }
    }
}

/// A base score or an edge weight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Parameter {
    /// The base score of a node.
    Base(usize),
    /// The weight of an edge (its index in the file).
    Weight(usize),
}

/// One bar of the tornado.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// The parameter moved.
    pub parameter: Parameter,
    /// Its value in the file.
    pub value: f64,
    /// The interval it was moved over.
    pub range: (f64, f64),
    /// The topic's strength with the parameter at the low end.
    pub low: f64,
    /// The topic's strength with the parameter at the high end.
    pub high: f64,
}

impl Bar {
    /// `|high − low|`.
    pub fn swing(&self) -> f64 {
        (self.high - self.low).abs()
    }
}

/// The Monte Carlo run.
#[derive(Clone, Debug, PartialEq)]
pub struct MonteCarlo {
    /// Draws made.
    pub samples: usize,
    /// The generator's seed.
    pub seed: u64,
    /// Share of draws on the same side of the threshold as the topic's strength.
    pub held: f64,
    /// 5th, 50th and 95th percentiles (nearest rank) of the topic's strength.
    pub p05: f64,
    /// See `p05`.
    pub p50: f64,
    /// See `p05`.
    pub p95: f64,
    /// Every draw's value, in draw order (for a histogram).
    pub values: Vec<f64>,
}

/// The result of [`sensitivity`].
#[derive(Clone, Debug, PartialEq)]
pub struct Sensitivity {
    /// The topic node.
    pub topic: usize,
    /// The threshold.
    pub threshold: f64,
    /// The semantics of the tornado and the Monte Carlo run.
    pub semantics: SemanticsKind,
    /// The topic's strength under `semantics`.
    pub strength: f64,
    /// The topic's strength under every semantics that accepts the graph.
    pub strengths: Vec<(SemanticsKind, f64)>,
    /// The same with every evidence node removed.
    pub baseline: Vec<(SemanticsKind, f64)>,
    /// Semantics that refused the graph, with the reason.
    pub skipped: Vec<(SemanticsKind, String)>,
    /// The tornado, largest swing first (ties: file order, bases before weights).
    pub tornado: Vec<Bar>,
    /// The Monte Carlo run (`None` with 0 samples).
    pub monte_carlo: Option<MonteCarlo>,
}

/// The overlay that removes every evidence node: what the structure alone
/// gives (the structure-only baseline).
fn without_evidence(g: &ArgGraph) -> Overlay {
    Overlay {
        removed: g
            .nodes()
            .iter()
            .map(|n| n.kind == NodeKind::Evidence)
            .collect(),
        ..Overlay::default()
    }
}

/// A topic's strength with its evidence and with every evidence node removed,
/// under one semantics (what `argmap check` reports when the structure alone
/// already gives the verdict).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Baseline {
    /// The topic (a node index).
    pub topic: usize,
    /// The semantics of both evaluations.
    pub semantics: SemanticsKind,
    /// The topic's strength.
    pub with_evidence: f64,
    /// Its strength with every evidence node removed.
    pub without_evidence: f64,
}

impl Baseline {
    /// Whether both strengths lie strictly on the same side of `threshold`:
    /// the structure alone already gives the verdict the evidence gives (a
    /// baseline exactly at the threshold gives none).
    pub fn same_side(&self, threshold: f64) -> bool {
        (self.with_evidence > threshold && self.without_evidence > threshold)
            || (self.with_evidence < threshold && self.without_evidence < threshold)
    }
}

/// The conclusion's [`Baseline`] under `kind`; `None` when the graph has no
/// evidence node (there is nothing to remove).
///
/// # Errors
/// The evaluation's ([`Error::NoConvergence`], a semantics refusing the graph, ...).
pub fn baseline(g: &ArgGraph, kind: SemanticsKind, p: &Params) -> Result<Option<Baseline>, Error> {
    if !g.nodes().iter().any(|n| n.kind == NodeKind::Evidence) {
        return Ok(None);
    }
    let q = Qbaf::from_graph(g);
    let topic = g.conclusion();
    Ok(Some(Baseline {
        topic,
        semantics: kind,
        with_evidence: evaluate(&q, kind, p)?.strengths[topic],
        without_evidence: evaluate_with(&q, kind, p, &without_evidence(g))?.strengths[topic],
    }))
}

/// The interval a parameter moves over: the file's range, else `value ± delta`
/// clamped to `[0, 1]` (a weight already above 1: `[0, ∞)`).
fn interval(value: f64, given: Option<(f64, f64)>, delta: f64) -> (f64, f64) {
    if let Some(r) = given {
        return r;
    }
    let top = if value > 1.0 { f64::INFINITY } else { 1.0 };
    ((value - delta).max(0.0), (value + delta).min(top))
}

/// Runs the analysis; `progress(done, total)` is called as the tornado and the
/// Monte Carlo draws advance. [`Params::time_budget`] bounds each evaluation and
/// the whole run: it is checked between evaluations, and when it has run out the
/// analysis stops with [`Error::TimeBudget`] (so a huge `samples` cannot run on
/// past the budget).
pub fn sensitivity(
    g: &ArgGraph,
    opts: &SensitivityOptions,
    p: &Params,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Sensitivity, Error> {
    let bad = |what: String| Err(Error::InvalidParams { what });
    if !(opts.delta.is_finite() && opts.delta >= 0.0) {
        return bad(format!("delta must be a number >= 0, not {}", opts.delta));
    }
    if !opts.threshold.is_finite() {
        return bad(format!(
            "threshold must be a number, not {}",
            opts.threshold
        ));
    }
    let topic = opts.topic.unwrap_or_else(|| g.conclusion());
    if topic >= g.len() {
        return bad(format!("topic #{topic} does not exist"));
    }
    let kind = opts
        .semantics
        .or_else(|| {
            g.model()
                .semantics
                .as_deref()
                .and_then(SemanticsKind::from_name)
        })
        .unwrap_or(SemanticsKind::QuadraticEnergy);
    let q = Qbaf::from_graph(g);
    let no_evidence = without_evidence(g);
    let (mut strengths, mut baseline, mut skipped) = (vec![], vec![], vec![]);
    for k in SemanticsKind::ALL {
        match evaluate(&q, k, p) {
            Ok(e) => {
                strengths.push((k, e.strengths[topic]));
                baseline.push((k, evaluate_with(&q, k, p, &no_evidence)?.strengths[topic]));
            }
            Err(Error::SupportsInAttackOnly { .. }) if k != kind => {
                skipped.push((k, "attack-only, and the graph has supports".into()));
            }
            Err(Error::WeightAboveOne { .. }) if k != kind => {
                skipped.push((k, "refuses weights above 1".into()));
            }
            Err(e) => return Err(e),
        }
    }
    let before = evaluate(&q, kind, p)?;
    let strength = before.strengths[topic];

    // The parameters that can reach the topic.
    let anc = ancestors(&q, topic);
    let mut params: Vec<(Parameter, f64, (f64, f64))> = vec![];
    for (v, n) in g.nodes().iter().enumerate() {
        if anc[v] {
            params.push((
                Parameter::Base(v),
                n.base,
                interval(n.base, n.base_range, opts.delta),
            ));
        }
    }
    for (j, e) in g.model().edges.iter().enumerate() {
        if q.edge(j).is_some_and(|(_, t)| anc[t]) {
            let d = e.data();
            params.push((
                Parameter::Weight(j),
                d.weight,
                interval(d.weight, d.weight_range, opts.delta),
            ));
        }
    }
    let total = params.len().saturating_add(opts.samples);
    let mut done = 0;
    // The whole run's budget, checked between evaluations (each evaluation
    // also stops at the budget on its own).
    let start = Instant::now();
    let out_of_time = || match p.time_budget {
        Some(l) if start.elapsed() > l => Err(Error::TimeBudget {
            what: "sensitivity analysis".into(),
            seconds: l.as_secs_f64(),
        }),
        _ => Ok(()),
    };

    // Tornado: one cone re-evaluation per end.
    let mut scratch = Scratch::new(&q, &before);
    scratch.focus(&q, &[topic]);
    let mut tornado = Vec::with_capacity(params.len());
    let mut o = Overlay::default();
    for &(parameter, value, range) in &params {
        let mut at = |x: f64, o: &mut Overlay| -> Result<f64, Error> {
            o.base.clear();
            o.weight.clear();
            match parameter {
                Parameter::Base(v) => o.base.push((v, x)),
                Parameter::Weight(j) => o.weight.push((j, x)),
            }
            Ok(reevaluate_into(&q, kind, p, o, &[], &mut scratch)?[topic])
        };
        out_of_time()?;
        let low = at(range.0, &mut o)?;
        let high = at(range.1, &mut o)?;
        tornado.push(Bar {
            parameter,
            value,
            range,
            low,
            high,
        });
        done += 1;
        if done % 16 == 0 {
            progress(done, total);
        }
    }
    tornado.sort_by(|a, b| b.swing().total_cmp(&a.swing()));

    // Monte Carlo over the ancestors alone.
    let monte_carlo = if opts.samples == 0 {
        None
    } else {
        // Every node of the QBAF: the inference nodes of structured
        // arguments too (they follow the file's nodes, as in the whole).
        let mut local = vec![usize::MAX; q.len()];
        let orig: Vec<usize> = (0..q.len()).filter(|&v| anc[v]).collect();
        for (i, &v) in orig.iter().enumerate() {
            local[v] = i;
        }
        let mut edges: Vec<(usize, usize, EdgeKind, f64)> = vec![];
        let mut edge_local = vec![usize::MAX; q.edge_count()];
        for (j, slot) in edge_local.iter_mut().enumerate() {
            if let (Some((f, t)), Some(k), Some(w)) = (q.edge(j), q.edge_kind(j), q.weight(j))
                && anc[f]
                && anc[t]
            {
                *slot = edges.len();
                edges.push((local[f], local[t], k, w));
            }
        }
        let mut sub = Qbaf::new(orig.iter().map(|&v| q.base()[v]).collect(), &edges)?;
        if q.has_inferences() {
            // The premise edges follow the others here too (both keep their
            // order), as `mark_inferences` expects.
            let args = orig.iter().filter(|&&v| !q.is_inference(v)).count();
            let premise_edges = (0..q.premise_edges())
                .filter(|&j| edge_local[j] != usize::MAX)
                .count();
            crate::semantics::mark_inferences(&mut sub, args, premise_edges);
        }
        let t = local[topic];
        let mut rng = SplitMix64(opts.seed);
        // Grown as the draws come: `samples` is the user's number, which may be
        // far more than memory holds (the time budget or the user stops it).
        let mut values = Vec::with_capacity(opts.samples.min(1 << 16));
        let mut o = Overlay::default();
        let side = strength > opts.threshold;
        let mut held = 0usize;
        for _ in 0..opts.samples {
            out_of_time()?;
            o.base.clear();
            o.weight.clear();
            for &(parameter, _, (lo, hi)) in &params {
                // A uniform draw in [0, 1) from the top 53 bits.
                let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
                let hi = if hi.is_finite() {
                    hi
                } else {
                    lo + 2.0 * opts.delta
                };
                let x = lo + (hi - lo) * u;
                match parameter {
                    Parameter::Base(v) => o.base.push((local[v], x)),
                    Parameter::Weight(j) => o.weight.push((edge_local[j], x)),
                }
            }
            let s = evaluate_with(&sub, kind, p, &o)?.strengths[t];
            held += usize::from((s > opts.threshold) == side);
            values.push(s);
            done += 1;
            if done % 16 == 0 {
                progress(done, total);
            }
        }
        let mut sorted = values.clone();
        sorted.sort_by(f64::total_cmp);
        let rank = |pct: f64| {
            let k = ((pct * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
            sorted[k - 1]
        };
        Some(MonteCarlo {
            samples: opts.samples,
            seed: opts.seed,
            held: held as f64 / opts.samples as f64,
            p05: rank(0.05),
            p50: rank(0.5),
            p95: rank(0.95),
            values,
        })
    };
    progress(total, total);
    Ok(Sensitivity {
        topic,
        threshold: opts.threshold,
        semantics: kind,
        strength,
        strengths,
        baseline,
        skipped,
        tornado,
        monte_carlo,
    })
}
