//! Counting complete and stable labellings without listing them: a DPLL
//! model counter with component decomposition and caching (as sharpSAT and
//! d4 count CNF models), on the labelling conditions directly.
//!
//! A complete labelling gives every argument IN, OUT or UNDEC so that each
//! argument's label is the one its attackers call for: IN when all of them
//! are OUT, OUT when one is IN, UNDEC otherwise (Caminada 2006). Its IN sets
//! are the complete extensions, one to one; those without UNDEC are the
//! stable extensions. So one counter serves both ([`Labels`]).
//!
//! * **Domains and propagation.** Each argument keeps the labels still
//!   possible. Its constraint ("my label is the one my attackers call for")
//!   is made arc-consistent: a label stays only if some choice from the
//!   other arguments' domains satisfies the constraint with it. One pass over
//!   the attackers counts those that can be IN, must be IN, can be UNDEC and
//!   cannot be OUT; each label's support is read from these counts. A
//!   narrowed domain re-checks its own constraint and those of the arguments
//!   it attacks.
//! * **Components.** A constraint whose arguments are all labelled, or that
//!   holds however the rest is labelled (an OUT argument with an IN
//!   attacker; an UNDEC one with an UNDEC attacker, or attacking itself), is
//!   done. The arguments still open and the labelled ones whose constraint is
//!   not done split into components linked by the constraints left; their
//!   counts multiply.
//! * **Caching.** What is left of a constraint depends only on its arguments'
//!   domains and on whether a labelled attacker is UNDEC (a labelled IN
//!   attacker would have made it OUT, and done; OUT ones change nothing), so
//!   a component's count is cached under its arguments, their domains and
//!   that flag.
//! * **Branching** on the open argument of the component with the most open
//!   neighbours, over each label in its domain.
//!
//! Checked against the brute-force oracle (tests/it/dung.rs) through
//! [`super::count`], on random frameworks that are mostly one strongly
//! connected piece.

use std::collections::HashMap;
use std::time::Instant;

use super::count_value::ExtensionCount;
use super::framework::Framework;
use super::search::OutOfTime;

/// The most `u32`s the cache keeps (64 MB); past that, nothing new is stored.
const CACHE_WORDS: usize = 16 << 20;

const IN: u8 = 1;
const OUT: u8 = 2;
const UNDEC: u8 = 4;

/// Which labellings are counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Labels {
    /// Complete labellings: the complete extensions.
    Complete,
    /// Complete labellings without UNDEC: the stable extensions.
    Stable,
}

/// The number of `labels` labellings of `af`, exact at any size; `tick` is
/// called at every branch (progress).
pub(crate) fn count(
    af: &Framework,
    labels: Labels,
    deadline: Option<Instant>,
    tick: &mut dyn FnMut(),
) -> Result<ExtensionCount, OutOfTime> {
    Counter::new(af, labels, deadline, tick).run()
}

/// The product of the counts of independent pieces, computed as they come:
/// 0 at the first piece with none (the rest are not counted).
pub(crate) fn product(
    counts: impl Iterator<Item = Result<ExtensionCount, OutOfTime>>,
) -> Result<ExtensionCount, OutOfTime> {
    let mut total = ExtensionCount::ONE;
    for n in counts {
        let n = n?;
        if n.is_zero() {
            return Ok(n);
        }
        total *= &n;
    }
    Ok(total)
}

struct Counter<'a, 't> {
    af: &'a Framework,
    deadline: Option<Instant>,
    /// The labels still possible for each argument (bits IN, OUT, UNDEC).
    dom: Vec<u8>,
    /// Changes to undo: (argument, its domain before).
    trail: Vec<(u32, u8)>,
    /// Arguments whose constraint is to be checked, and whether each is queued.
    queue: Vec<u32>,
    queued: Vec<bool>,
    /// Component counts by key.
    cache: HashMap<Vec<u32>, ExtensionCount>,
    cache_words: usize,
    /// Scratch: component numbers.
    mark: Vec<u32>,
    nodes: u64,
    tick: &'t mut dyn FnMut(),
}

/// Whether a domain holds exactly one label.
fn labelled(d: u8) -> bool {
    d.is_power_of_two()
}

/// `mark` of an argument of the current list not yet given a component.
const UNSEEN: u32 = u32::MAX - 1;

impl<'a, 't> Counter<'a, 't> {
    fn new(
        af: &'a Framework,
        labels: Labels,
        deadline: Option<Instant>,
        tick: &'t mut dyn FnMut(),
    ) -> Counter<'a, 't> {
        let n = af.len();
        let all = match labels {
            Labels::Complete => IN | OUT | UNDEC,
            Labels::Stable => IN | OUT,
        };
        Counter {
            af,
            deadline,
            dom: vec![all; n],
            trail: Vec::new(),
            queue: (0..n as u32).rev().collect(),
            queued: vec![true; n],
            cache: HashMap::new(),
            cache_words: 0,
            mark: vec![u32::MAX; n],
            nodes: 0,
            tick,
        }
    }

    fn run(&mut self) -> Result<ExtensionCount, OutOfTime> {
        if !self.propagate() {
            return Ok(ExtensionCount::ZERO);
        }
        let live: Vec<u32> = (0..self.af.len() as u32)
            .filter(|&a| self.live(a as usize))
            .collect();
        self.count_all(&live)
    }

    /// Keeps only the labels `keep` of `a`'s domain; false if none is left.
    fn narrow(&mut self, a: usize, keep: u8) -> bool {
        let d = self.dom[a];
        let nd = d & keep;
        if nd == d {
            return true;
        }
        if nd == 0 {
            return false;
        }
        self.trail.push((a as u32, d));
        self.dom[a] = nd;
        self.enqueue(a);
        let af = self.af;
        for &t in af.attacked_by(a) {
            self.enqueue(t as usize);
        }
        true
    }

    fn enqueue(&mut self, a: usize) {
        if !self.queued[a] {
            self.queued[a] = true;
            self.queue.push(a as u32);
        }
    }

    /// Makes `a`'s constraint arc-consistent; false on a conflict.
    fn revise(&mut self, a: usize) -> bool {
        let af = self.af;
        // Over the attackers other than `a`: how many cannot be OUT, can be
        // IN, must be IN, can be UNDEC.
        let (mut self_attack, mut no_out, mut can_in, mut must_in, mut can_undec) =
            (false, 0u32, 0u32, 0u32, 0u32);
        for &b in af.attackers(a) {
            let b = b as usize;
            if b == a {
                self_attack = true;
                continue;
            }
            let d = self.dom[b];
            no_out += u32::from(d & OUT == 0);
            can_in += u32::from(d & IN != 0);
            must_in += u32::from(d == IN);
            can_undec += u32::from(d & UNDEC != 0);
        }
        // `a`'s labels with a support. A self-attacker is never IN, and
        // supplies its own UNDEC attacker.
        let mut keep = 0;
        if !self_attack && no_out == 0 {
            keep |= IN;
        }
        if can_in > 0 {
            keep |= OUT;
        }
        if must_in == 0 && (self_attack || can_undec > 0) {
            keep |= UNDEC;
        }
        if !self.narrow(a, keep) {
            return false;
        }
        let da = self.dom[a];
        // Each attacker's labels with a support, from the others' counts
        // (as they were before this loop narrowed any: still sound, and
        // a narrowed attacker queues `a` again).
        for &b in af.attackers(a) {
            let b = b as usize;
            if b == a {
                continue;
            }
            let d = self.dom[b];
            let no_out = no_out - u32::from(d & OUT == 0);
            let can_in = can_in - u32::from(d & IN != 0);
            let must_in = must_in - u32::from(d == IN);
            let can_undec = can_undec - u32::from(d & UNDEC != 0);
            let mut keep = 0;
            if da & IN != 0 && no_out == 0 {
                keep |= OUT;
            }
            if da & OUT != 0 {
                keep |= IN;
                if can_in > 0 {
                    keep |= OUT | UNDEC;
                }
            }
            if da & UNDEC != 0 && must_in == 0 {
                keep |= UNDEC;
                if self_attack || can_undec > 0 {
                    keep |= OUT;
                }
            }
            if !self.narrow(b, keep) {
                return false;
            }
        }
        true
    }

    /// Checks every queued constraint until none changes; false on a conflict.
    fn propagate(&mut self) -> bool {
        while let Some(a) = self.queue.pop() {
            self.queued[a as usize] = false;
            if !self.revise(a as usize) {
                for q in self.queue.drain(..) {
                    self.queued[q as usize] = false;
                }
                return false;
            }
        }
        true
    }

    fn undo(&mut self, to: usize) {
        while self.trail.len() > to {
            let (a, d) = self.trail.pop().expect("trail longer than `to`");
            self.dom[a as usize] = d;
        }
    }

    /// Whether `a` still matters: open, or labelled with a constraint not
    /// done (after propagation).
    fn live(&self, a: usize) -> bool {
        let d = self.dom[a];
        if !labelled(d) {
            return true;
        }
        if d == IN {
            // Its attackers are all OUT (propagation).
            return false;
        }
        let mut open = false;
        for &b in self.af.attackers(a) {
            let b = b as usize;
            if b == a {
                if d == UNDEC {
                    return false;
                }
                continue;
            }
            let db = self.dom[b];
            if !labelled(db) {
                open = true;
            } else if (d == OUT && db == IN) || (d == UNDEC && db == UNDEC) {
                return false;
            }
        }
        open
    }

    /// The count over the arguments `live` (sorted): the product over its
    /// components.
    fn count_all(&mut self, live: &[u32]) -> Result<ExtensionCount, OutOfTime> {
        let comps = self.components(live);
        product(comps.iter().map(|comp| self.count_component(comp)))
    }

    /// The components of `live` (sorted): an open argument is linked to its
    /// open attackers and to the live arguments it attacks; a labelled live
    /// one to its open attackers. Each sorted.
    fn components(&mut self, live: &[u32]) -> Vec<Vec<u32>> {
        let mut comps: Vec<Vec<u32>> = Vec::new();
        for &a in live {
            self.mark[a as usize] = UNSEEN;
        }
        let af = self.af;
        let mut stack: Vec<u32> = Vec::new();
        for &s in live {
            if self.mark[s as usize] != UNSEEN {
                continue;
            }
            let id = comps.len() as u32;
            let mut comp = vec![s];
            self.mark[s as usize] = id;
            stack.push(s);
            while let Some(x) = stack.pop() {
                let x = x as usize;
                let open = !labelled(self.dom[x]);
                let ins = af
                    .attackers(x)
                    .iter()
                    .filter(|&&b| !labelled(self.dom[b as usize]));
                let outs = af.attacked_by(x).iter().filter(|_| open);
                for &y in ins.chain(outs) {
                    if self.mark[y as usize] == UNSEEN {
                        self.mark[y as usize] = id;
                        comp.push(y);
                        stack.push(y);
                    }
                }
            }
            comp.sort_unstable();
            comps.push(comp);
        }
        for &a in live {
            self.mark[a as usize] = u32::MAX;
        }
        comps
    }

    /// A component's cache key: each argument with its domain and whether a
    /// labelled attacker is UNDEC (which is all the rest of its constraint
    /// depends on).
    fn key(&self, comp: &[u32]) -> Vec<u32> {
        comp.iter()
            .map(|&a| {
                let undec_attacker = self
                    .af
                    .attackers(a as usize)
                    .iter()
                    .any(|&b| b != a && self.dom[b as usize] == UNDEC);
                a * 16 + u32::from(self.dom[a as usize]) + 8 * u32::from(undec_attacker)
            })
            .collect()
    }

    fn count_component(&mut self, comp: &[u32]) -> Result<ExtensionCount, OutOfTime> {
        // Every argument labelled: propagation checked their constraints.
        let Some(branch) = self.pick(comp) else {
            return Ok(ExtensionCount::ONE);
        };
        let key = self.key(comp);
        if let Some(n) = self.cache.get(&key) {
            return Ok(n.clone());
        }
        self.nodes += 1;
        if self.nodes.is_multiple_of(256) && self.deadline.is_some_and(|d| Instant::now() >= d) {
            return Err(OutOfTime);
        }
        (self.tick)();
        let mut total = ExtensionCount::ZERO;
        for label in [IN, OUT, UNDEC] {
            if self.dom[branch] & label == 0 {
                continue;
            }
            let mark = self.trail.len();
            if self.narrow(branch, label) && self.propagate() {
                let rest: Vec<u32> = comp
                    .iter()
                    .copied()
                    .filter(|&a| self.live(a as usize))
                    .collect();
                let r = self.count_all(&rest);
                self.undo(mark);
                total += &r?;
            } else {
                self.undo(mark);
            }
        }
        if self.cache_words + key.len() <= CACHE_WORDS {
            self.cache_words += key.len();
            self.cache.insert(key, total.clone());
        }
        Ok(total)
    }

    /// The open argument of `comp` with the most open neighbours.
    fn pick(&self, comp: &[u32]) -> Option<usize> {
        comp.iter()
            .map(|&a| a as usize)
            .filter(|&a| !labelled(self.dom[a]))
            .max_by_key(|&a| {
                let open = |s: &[u32]| {
                    s.iter()
                        .filter(|&&b| !labelled(self.dom[b as usize]))
                        .count()
                };
                (
                    open(self.af.attackers(a)) + open(self.af.attacked_by(a)),
                    std::cmp::Reverse(a),
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The number of labellings of `af` by the definition (Caminada 2006),
    /// all 3^n of them tried: each argument IN iff all its attackers are
    /// OUT, OUT iff one is IN, UNDEC otherwise; without UNDEC for stable.
    /// Independent of the counter: no propagation, no components.
    fn by_definition(af: &Framework, labels: Labels) -> u128 {
        let n = af.len();
        let mut count = 0;
        let mut l = vec![0u8; n];
        'all: for code in 0..3u32.pow(n as u32) {
            let mut c = code;
            for x in l.iter_mut() {
                *x = [IN, OUT, UNDEC][(c % 3) as usize];
                c /= 3;
            }
            if labels == Labels::Stable && l.contains(&UNDEC) {
                continue;
            }
            for a in 0..n {
                let att = af.attackers(a).iter().map(|&b| l[b as usize]);
                let called = if att.clone().all(|x| x == OUT) {
                    IN
                } else if att.clone().any(|x| x == IN) {
                    OUT
                } else {
                    UNDEC
                };
                if l[a] != called {
                    continue 'all;
                }
            }
            count += 1;
        }
        count
    }

    #[test]
    fn counts_agree_with_the_definition_on_random_frameworks() {
        // A fixed linear congruential generator: 400 frameworks of 1 to 9
        // arguments, attack densities from sparse to dense, self-attacks.
        let mut seed: u64 = 24;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as u32
        };
        for case in 0..400 {
            let n = 1 + (next() % 9) as usize;
            let p = 5 + next() % 50; // percent
            let mut att = Vec::new();
            for a in 0..n as u32 {
                for b in 0..n as u32 {
                    let q = if a == b { p / 4 } else { p };
                    if next() % 100 < q {
                        att.push((a, b));
                    }
                }
            }
            let af = Framework::numbered(n, &att);
            for labels in [Labels::Complete, Labels::Stable] {
                let want = by_definition(&af, labels);
                let got = count(&af, labels, None, &mut || {}).unwrap();
                assert_eq!(got, want, "case {case}: {labels:?} of {att:?}");
            }
        }
    }
}
