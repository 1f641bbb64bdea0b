//! Minimal flips: the smallest sets of nodes whose removal moves a topic across a
//! threshold.
//!
//! "Above" means a strength strictly greater than the threshold. If the topic is
//! above, a flip brings it to the threshold or below; otherwise a flip lifts it
//! strictly above. [`flip`] tries sets of size 1, 2, ... up to
//! [`FlipOptions::max_size`], and stops at the first size that has a flip,
//! reporting every set of that size (so each reported set is as small as
//! possible, and no smaller set exists).
//!
//! Only the topic's ancestors can move it, so the search runs over the candidates
//! that are ancestors, on the ancestors alone; each set is evaluated by
//! re-evaluating the part of the graph it reaches. On an acyclic graph under a
//! semantics that is monotone (every one except `weighted-card-based`, where
//! removing an attacker also changes the count it divides by), whole branches of
//! the search are pruned by a sound bound: a doubled graph carries each node's
//! lowest and highest possible strength when any of the remaining candidates may
//! also be removed, and a branch whose bound cannot reach the goal is skipped.
//! The search stops at [`FlipOptions::time_budget`] and says how far it got.

use std::time::{Duration, Instant};

use crate::analysis::contrib::{Sub, ancestors};
use crate::error::Error;
use crate::model::EdgeKind;
use crate::semantics::{Overlay, Params, Qbaf, Scratch, SemanticsKind, evaluate, reevaluate_into};

/// Options of [`flip`].
#[derive(Clone, Debug)]
pub struct FlipOptions {
    /// The threshold. Default 0.5.
    pub threshold: f64,
    /// The largest set size tried. Default 3.
    pub max_size: usize,
    /// Stop searching after this long. Default 10 s.
    pub time_budget: Option<Duration>,
    /// Keep at most this many sets (all are counted). Default 100.
    pub max_sets: usize,
}

impl Default for FlipOptions {
    fn default() -> Self {
        FlipOptions {
            threshold: 0.5,
            max_size: 3,
            time_budget: Some(Duration::from_secs(10)),
            max_sets: 100,
        }
    }
}

/// A set whose removal flips the topic.
#[derive(Clone, Debug, PartialEq)]
pub struct FlipSet {
    /// The removed nodes, ascending.
    pub nodes: Vec<usize>,
    /// The topic's strength without them.
    pub strength: f64,
}

/// Why the search stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlipStop {
    /// Flips were found; every set of their size was tried.
    Found,
    /// Every set up to the maximum size was tried; none flips the topic.
    MaxSize,
    /// The time budget ran out during the given set size.
    TimeBudget,
    /// The bound shows that no set of candidates, of any size, flips the topic
    /// (see [`Flip::reach`]).
    Unreachable,
}

/// The result of [`flip`].
#[derive(Clone, Debug)]
pub struct Flip {
    /// The topic.
    pub topic: usize,
    /// The threshold.
    pub threshold: f64,
    /// The topic's strength with nothing removed.
    pub before: f64,
    /// Whether a flip must lift the topic above the threshold (it is at or below
    /// it now) rather than bring it down to it or below.
    pub upward: bool,
    /// The flipping sets found (at most [`FlipOptions::max_sets`]), by the
    /// strength they leave (furthest across first), then by their nodes.
    pub sets: Vec<FlipSet>,
    /// How many flipping sets were found in all.
    pub found: usize,
    /// Every set of at most this size was tried.
    pub complete_up_to: usize,
    /// Why the search stopped.
    pub stop: FlipStop,
    /// The candidates that are ancestors of the topic (the others cannot move it).
    pub candidates: usize,
    /// Sets evaluated.
    pub evaluated: u64,
    /// Branches skipped by the bound.
    pub pruned: u64,
    /// Whether the bound was used (acyclic graph, monotone semantics).
    pub bounded: bool,
    /// With the bound: the furthest the topic can go toward the goal when any
    /// subset of the candidates is removed (the highest possible strength for an
    /// upward flip, the lowest for a downward one).
    pub reach: Option<f64>,
}

/// Searches the smallest sets of `candidates` whose removal moves `topic` across
/// the threshold. `candidates` other than the topic's ancestors (and the topic
/// itself) are ignored. [`Params::time_budget`] is ignored; the search's budget
/// is [`FlipOptions::time_budget`], checked between evaluations (including
/// the first pass over the single candidates).
pub fn flip(
    q: &Qbaf,
    kind: SemanticsKind,
    p: &Params,
    topic: usize,
    candidates: &[usize],
    opts: &FlipOptions,
) -> Result<Flip, Error> {
    check_request(q, topic, opts)?;
    // The budget is checked between evaluations (each one is bounded by
    // `max_iterations`), so that a search with no time left still reports
    // how far it got.
    let p = Params {
        time_budget: None,
        ..p.clone()
    };
    let start = Instant::now();
    let anc = ancestors(q, topic);
    let sub = Sub::new(q, &anc, topic);
    let t = sub.topic;
    let full = evaluate(&sub.q, kind, &p)?;
    let before = full.strengths[t];
    let upward = before <= opts.threshold;
    let mut cands: Vec<usize> = candidates
        .iter()
        .copied()
        .filter(|&x| x < q.len() && x != topic && anc[x])
        .map(|x| sub.local[x])
        .collect();
    cands.sort_unstable();
    cands.dedup();

    let mut s = Search {
        q: &sub.q,
        kind,
        p: &p,
        t,
        threshold: opts.threshold,
        upward,
        scratch: Scratch::new(&sub.q, &full),
        removed: vec![false; sub.q.len()],
        bound: None,
        start,
        budget: opts.time_budget,
        evaluated: 0,
        pruned: 0,
        visits: 0,
        hits: vec![],
        out_of_time: false,
    };
    s.scratch.focus(&sub.q, &[t]);
    // (The bound doubles the graph node by node; an inference's weakest-premise
    // rule is not in it, so structured graphs search without it.)
    if sub.q.is_acyclic() && kind != SemanticsKind::WeightedCardBased && !sub.q.has_inferences() {
        s.bound = Some(Bound::new(&sub, kind, &p)?);
    }
    let order = order_by_single_removal(&mut s, &cands)?;
    let (stop, complete_up_to, reach) = search_by_size(&mut s, &order, cands.len(), opts)?;
    let orig: Vec<usize> = (0..q.len()).filter(|&v| anc[v]).collect();
    let (sets, found) = flip_sets(&s, &orig, opts.max_sets);
    Ok(Flip {
        topic,
        threshold: opts.threshold,
        before,
        upward,
        sets,
        found,
        complete_up_to,
        stop,
        candidates: cands.len(),
        evaluated: s.evaluated,
        pruned: s.pruned,
        bounded: s.bound.is_some(),
        reach,
    })
}

/// Refuses a topic that is not a node and a threshold that is not a number.
fn check_request(q: &Qbaf, topic: usize, opts: &FlipOptions) -> Result<(), Error> {
    if topic >= q.len() {
        return Err(Error::InvalidParams {
            what: format!(
                "topic #{topic} does not exist (the graph has {} nodes)",
                q.len()
            ),
        });
    }
    if !opts.threshold.is_finite() {
        return Err(Error::InvalidParams {
            what: format!("threshold {} is not a number", opts.threshold),
        });
    }
    Ok(())
}

/// The candidates whose single removal moves the topic furthest toward the
/// goal first, so that flips (and the time budget) meet the likely sets early.
fn order_by_single_removal(s: &mut Search, cands: &[usize]) -> Result<Vec<usize>, Error> {
    let mut single = vec![];
    for &x in cands {
        // The budget covers this pass too: one evaluation per candidate can
        // take longer than the whole budget on a large cyclic graph.
        if s.budget.is_some_and(|b| s.start.elapsed() >= b) {
            s.out_of_time = true;
            break;
        }
        let v = s.eval(&[x])?;
        single.push((x, v));
    }
    let upward = s.upward;
    let toward = |v: f64| if upward { -v } else { v };
    single.sort_by(|a, b| toward(a.1).total_cmp(&toward(b.1)).then(a.0.cmp(&b.0)));
    Ok(single.iter().map(|x| x.0).collect())
}

/// Searches the removal sets by size, smallest first, until one flips the
/// topic, the bound says none can, the time is up or `max_size` is reached.
/// Returns why it stopped, the size up to which the search is complete, and
/// the bound's reach (the furthest the topic can go) if there is a bound.
fn search_by_size(
    s: &mut Search,
    order: &[usize],
    candidates: usize,
    opts: &FlipOptions,
) -> Result<(FlipStop, usize, Option<f64>), Error> {
    let mut complete_up_to = 0;
    let mut stop = FlipStop::MaxSize;
    let mut reach = None;
    let (kind, p, upward) = (s.kind, s.p, s.upward);
    if let Some(b) = &mut s.bound {
        let (lo, hi) = b.range(kind, p, &[], order)?;
        reach = Some(if upward { hi } else { lo });
        let reachable = if upward {
            hi > opts.threshold
        } else {
            lo <= opts.threshold
        };
        if !reachable {
            stop = FlipStop::Unreachable;
        }
    }
    if s.out_of_time {
        stop = FlipStop::TimeBudget;
    }
    let sizes = if matches!(stop, FlipStop::Unreachable | FlipStop::TimeBudget) {
        0
    } else {
        opts.max_size.min(order.len())
    };
    for k in 1..=sizes {
        let mut chosen = vec![];
        s.dfs(order, 0, k, &mut chosen)?;
        if s.out_of_time {
            stop = FlipStop::TimeBudget;
            break;
        }
        complete_up_to = k;
        if !s.hits.is_empty() {
            stop = FlipStop::Found;
            break;
        }
    }
    if stop == FlipStop::MaxSize {
        complete_up_to = opts.max_size;
    }
    if stop == FlipStop::Unreachable {
        complete_up_to = candidates;
    }
    Ok((stop, complete_up_to, reach))
}

/// The sets found, in the graph's indices, closest to the goal first (then
/// by their nodes), at most `max_sets` of them, and how many were found.
fn flip_sets(s: &Search, orig: &[usize], max_sets: usize) -> (Vec<FlipSet>, usize) {
    let upward = s.upward;
    let toward = |v: f64| if upward { -v } else { v };
    let mut sets: Vec<FlipSet> = s
        .hits
        .iter()
        .map(|(nodes, v)| {
            let mut nodes: Vec<usize> = nodes.iter().map(|&x| orig[x]).collect();
            nodes.sort_unstable();
            FlipSet {
                nodes,
                strength: *v,
            }
        })
        .collect();
    sets.sort_by(|a, b| {
        toward(a.strength)
            .total_cmp(&toward(b.strength))
            .then_with(|| a.nodes.cmp(&b.nodes))
    });
    let found = sets.len();
    sets.truncate(max_sets);
    (sets, found)
}

struct Search<'a> {
    q: &'a Qbaf,
    kind: SemanticsKind,
    p: &'a Params,
    t: usize,
    threshold: f64,
    upward: bool,
    scratch: Scratch,
    removed: Vec<bool>,
    bound: Option<Bound>,
    start: Instant,
    budget: Option<Duration>,
    evaluated: u64,
    pruned: u64,
    visits: u64,
    hits: Vec<(Vec<usize>, f64)>,
    out_of_time: bool,
}

impl Search<'_> {
    fn flips(&self, v: f64) -> bool {
        if self.upward {
            v > self.threshold
        } else {
            v <= self.threshold
        }
    }

    /// The topic's strength with `set` removed.
    fn eval(&mut self, set: &[usize]) -> Result<f64, Error> {
        self.evaluated += 1;
        for &x in set {
            self.removed[x] = true;
        }
        let o = Overlay {
            removed: std::mem::take(&mut self.removed),
            ..Overlay::default()
        };
        let r = reevaluate_into(self.q, self.kind, self.p, &o, &[], &mut self.scratch)
            .map(|s| s[self.t]);
        self.removed = o.removed;
        for &x in set {
            self.removed[x] = false;
        }
        r
    }

    /// Tries every `k`-set that extends `chosen` with candidates from `order[i..]`.
    fn dfs(
        &mut self,
        order: &[usize],
        i: usize,
        k: usize,
        chosen: &mut Vec<usize>,
    ) -> Result<(), Error> {
        if self.out_of_time {
            return Ok(());
        }
        self.visits += 1;
        if self.visits.is_multiple_of(64) && self.budget.is_some_and(|b| self.start.elapsed() >= b)
        {
            self.out_of_time = true;
            return Ok(());
        }
        if chosen.len() == k {
            let v = self.eval(chosen)?;
            if self.flips(v) {
                self.hits.push((chosen.clone(), v));
            }
            return Ok(());
        }
        if order.len() - i < k - chosen.len() {
            return Ok(());
        }
        if let Some(b) = &mut self.bound {
            let (lo, hi) = b.range(self.kind, self.p, chosen, &order[i..])?;
            let reachable = if self.upward {
                hi > self.threshold
            } else {
                lo <= self.threshold
            };
            if !reachable {
                self.pruned += 1;
                return Ok(());
            }
        }
        for j in i..order.len() {
            chosen.push(order[j]);
            self.dfs(order, j + 1, k, chosen)?;
            chosen.pop();
            if self.out_of_time {
                break;
            }
        }
        Ok(())
    }
}

/// The doubled graph behind the bound: node `v` carries the highest strength
/// `v` can have and node `v + n` the lowest. A support passes highs to highs
/// and lows to lows; an attack passes the attacker's low to the target's high and
/// its high to the target's low. Removing a node for sure removes both copies;
/// a node that may be removed loses only its low copy (its lowest contribution
/// is nothing). Every aggregation and influence except card-based is monotone
/// (more support or less attack never lowers a strength), so on an acyclic
/// graph the two copies of the topic bound its strength under every choice.
struct Bound {
    q: Qbaf,
    n: usize,
    t: usize,
    scratch: Scratch,
    removed: Vec<bool>,
}

impl Bound {
    fn new(sub: &Sub, kind: SemanticsKind, p: &Params) -> Result<Bound, Error> {
        let n = sub.q.len();
        let base: Vec<f64> = sub.q.base().iter().chain(sub.q.base()).copied().collect();
        let mut edges = Vec::with_capacity(2 * sub.edges.len());
        for &(f, t, k, w) in &sub.edges {
            match k {
                EdgeKind::Support => {
                    edges.push((f, t, k, w));
                    edges.push((f + n, t + n, k, w));
                }
                EdgeKind::Attack | EdgeKind::Undercut => {
                    edges.push((f + n, t, k, w));
                    edges.push((f, t + n, k, w));
                }
            }
        }
        let q = Qbaf::new(base, &edges)?;
        let full = evaluate(&q, kind, p)?;
        let mut scratch = Scratch::new(&q, &full);
        scratch.focus(&q, &[sub.topic, sub.topic + n]);
        Ok(Bound {
            removed: vec![false; 2 * n],
            q,
            n,
            t: sub.topic,
            scratch,
        })
    }

    /// The lowest and highest strength of the topic with `sure` removed and any
    /// subset of `maybe` removed too.
    fn range(
        &mut self,
        kind: SemanticsKind,
        p: &Params,
        sure: &[usize],
        maybe: &[usize],
    ) -> Result<(f64, f64), Error> {
        let n = self.n;
        for &x in sure {
            self.removed[x] = true;
            self.removed[x + n] = true;
        }
        for &x in maybe {
            self.removed[x + n] = true;
        }
        let o = Overlay {
            removed: std::mem::take(&mut self.removed),
            ..Overlay::default()
        };
        let r = reevaluate_into(&self.q, kind, p, &o, &[], &mut self.scratch)
            .map(|s| (s[self.t + n], s[self.t]));
        self.removed = o.removed;
        for &x in sure.iter().chain(maybe) {
            self.removed[x] = false;
            self.removed[x + n] = false;
        }
        r
    }
}
