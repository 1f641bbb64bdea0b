//! Backtracking search over complete (or stable) labellings with propagation.
//!
//! Every argument `a` has a domain, a subset of {IN, OUT, UNDEC} (a 3-bit
//! mask). A complete labelling satisfies, for every argument `a`, the
//! constraint C(a) of Caminada (2006):
//!
//! * `a` is IN iff every attacker of `a` is OUT;
//! * `a` is OUT iff some attacker of `a` is IN;
//! * `a` is UNDEC otherwise (no attacker IN, some attacker UNDEC).
//!
//! Stable labellings are the complete labellings without UNDEC, so stable mode
//! simply starts every domain as {IN, OUT}.
//!
//! Propagation keeps, for each argument, six counts over its attackers (how many
//! lack OUT, may be IN, are surely IN, may be UNDEC, are surely UNDEC, are not
//! surely OUT), updated incrementally when a domain shrinks and restored from a
//! trail on backtracking. From the counts, C(a) removes values from `a`'s own
//! domain that have no support (IN needs every attacker able to be OUT, OUT
//! needs an attacker able to be IN, UNDEC needs no sure IN and a possible
//! UNDEC) and, when `a` is decided, forces its attackers: IN forces all to OUT;
//! OUT with a single possible IN attacker forces it IN; UNDEC forbids IN to all
//! attackers and forces the single possible UNDEC one; "not IN" with a single
//! attacker that is not surely OUT forbids it OUT; "not OUT" forbids IN to all.
//!
//! These rules are all consequences of C(a), so they never lose a labelling;
//! when every domain is a single value, checking the rules is checking C(a), so
//! every leaf the search reports is a complete (stable) labelling, and each is
//! reported once because sibling branches take disjoint values.
//!
//! Only complete and stable enumeration use this search (for a short slice
//! before the SAT back end of `sat/` takes over; see `Run::each` in the parent
//! module): everything that needs learning is on SAT.

use std::time::Instant;

use super::Framework;
use crate::graph::scc::{components, members};

/// Domain bit: the argument may be IN.
pub(crate) const IN: u8 = 1;
/// Domain bit: the argument may be OUT.
pub(crate) const OUT: u8 = 2;
/// Domain bit: the argument may be UNDEC.
pub(crate) const UNDEC: u8 = 4;

/// Which labellings the solver searches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Complete labellings.
    Complete,
    /// Stable labellings (complete, no UNDEC).
    Stable,
}

/// What a callback asks the search to do after a solution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Flow {
    Continue,
    Stop,
}

/// The search ran out of time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct OutOfTime;

/// A shared deadline, checked every few decisions.
#[derive(Clone, Debug)]
pub(crate) struct Budget {
    deadline: Option<Instant>,
    ticks: u32,
}

impl Budget {
    pub(crate) fn new(deadline: Option<Instant>) -> Budget {
        Budget { deadline, ticks: 0 }
    }

    fn tick(&mut self) -> Result<(), OutOfTime> {
        self.ticks = self.ticks.wrapping_add(1);
        if self.ticks.is_multiple_of(16)
            && let Some(d) = self.deadline
            && Instant::now() >= d
        {
            return Err(OutOfTime);
        }
        Ok(())
    }
}

struct Conflict;

/// Counts over the attackers of one argument (see the module docs).
#[derive(Clone, Copy, Default)]
struct Counts {
    /// Attackers whose domain lacks OUT.
    no_out: u32,
    /// Attackers whose domain contains IN.
    may_in: u32,
    /// Attackers whose domain is {IN}.
    sure_in: u32,
    /// Attackers whose domain contains UNDEC.
    may_undec: u32,
    /// Attackers whose domain is {UNDEC}.
    sure_undec: u32,
    /// Attackers whose domain is not {OUT}.
    not_sure_out: u32,
}

/// The six predicates counted in [`Counts`], as 0/1 for one domain.
#[inline]
fn predicates(d: u8) -> [u32; 6] {
    [
        (d & OUT == 0) as u32,
        (d & IN != 0) as u32,
        (d == IN) as u32,
        (d & UNDEC != 0) as u32,
        (d == UNDEC) as u32,
        (d != OUT) as u32,
    ]
}

/// The labelling solver; see the module docs.
pub(crate) struct Solver<'a> {
    af: &'a Framework,
    dom: Vec<u8>,
    counts: Vec<Counts>,
    /// (argument, domain before the change), in change order.
    trail: Vec<(u32, u8)>,
    queue: Vec<u32>,
    queued: Vec<bool>,
    /// Whether propagation at the root already failed (no labelling at all).
    root_conflict: bool,
    /// The arguments grouped by strongly connected component, components in
    /// topological order (attackers' components first); the search branches
    /// in this order, so a choice never waits on a later component.
    order: Vec<u32>,
    budget: &'a mut Budget,
}

impl<'a> Solver<'a> {
    /// A solver for `mode` with the root propagated (for complete mode this
    /// already yields the grounded labelling).
    pub(crate) fn new(af: &'a Framework, mode: Mode, budget: &'a mut Budget) -> Solver<'a> {
        let n = af.len();
        let full = match mode {
            Mode::Complete => IN | OUT | UNDEC,
            Mode::Stable => IN | OUT,
        };
        let mut dom = vec![full; n];
        // A self-attacking argument is never IN (IN would need itself OUT);
        // removing it up front spares the search a branch.
        for (a, d) in dom.iter_mut().enumerate() {
            if af.attacks(a, a) {
                *d &= !IN;
            }
        }
        let mut counts = vec![Counts::default(); n];
        for (a, c) in counts.iter_mut().enumerate() {
            for &b in af.attackers(a) {
                let p = predicates(dom[b as usize]);
                c.no_out += p[0];
                c.may_in += p[1];
                c.sure_in += p[2];
                c.may_undec += p[3];
                c.sure_undec += p[4];
                c.not_sure_out += p[5];
            }
        }
        let mut s = Solver {
            af,
            dom,
            counts,
            trail: Vec::new(),
            queue: (0..n as u32).collect(),
            queued: vec![true; n],
            root_conflict: false,
            order: Vec::new(),
            budget,
        };
        s.order = scc_order(af).0;
        s.root_conflict = s.propagate().is_err();
        // The root is never undone: forget its trail.
        s.trail.clear();
        s
    }

    /// Searches the complete (stable) labellings, branching on the arguments
    /// component by component in topological order, calling `found` with each
    /// IN set (sorted) until it returns [`Flow::Stop`] or the space is
    /// exhausted. The solver is back at its root state afterwards. Returns
    /// whether it was stopped.
    pub(crate) fn search(
        &mut self,
        mut found: impl FnMut(&[usize]) -> Flow,
    ) -> Result<Flow, OutOfTime> {
        if self.root_conflict {
            return Ok(Flow::Continue);
        }
        let vars = std::mem::take(&mut self.order);
        let n = vars.len();
        let base = self.trail.len();
        let mut ok = true;
        let mut frames: Vec<Frame> = Vec::new();
        let mut next = 0usize;
        let mut ins: Vec<usize> = Vec::new();
        let result = 'search: loop {
            if ok {
                while next < n && self.dom[vars[next] as usize].count_ones() == 1 {
                    next += 1;
                }
                if next == n {
                    ins.clear();
                    ins.extend(
                        vars.iter()
                            .map(|&a| a as usize)
                            .filter(|&a| self.dom[a] == IN),
                    );
                    ins.sort_unstable();
                    if found(&ins) == Flow::Stop {
                        break Ok(Flow::Stop);
                    }
                } else {
                    if let Err(e) = self.budget.tick() {
                        break Err(e);
                    }
                    let arg = vars[next] as usize;
                    let d = self.dom[arg];
                    let v = first_value(d);
                    frames.push(Frame {
                        arg: arg as u32,
                        rest: d & !v,
                        trail: self.trail.len(),
                        next,
                    });
                    self.set(arg, v);
                    ok = self.propagate().is_ok();
                    if !ok {
                        self.clear_queues();
                    }
                    continue;
                }
            }
            // Backtrack to the latest decision with values left to try.
            loop {
                let Some(f) = frames.last_mut() else {
                    break 'search Ok(Flow::Continue);
                };
                if f.rest == 0 {
                    frames.pop();
                    continue;
                }
                let v = first_value(f.rest);
                f.rest &= !v;
                let (arg, trail) = (f.arg as usize, f.trail);
                next = f.next;
                self.undo_to(trail);
                self.set(arg, v);
                ok = self.propagate().is_ok();
                if !ok {
                    self.clear_queues();
                }
                break;
            }
        };
        self.undo_to(base);
        self.order = vars;
        result
    }

    fn enqueue(&mut self, a: usize) {
        if !self.queued[a] {
            self.queued[a] = true;
            self.queue.push(a as u32);
        }
    }

    fn clear_queues(&mut self) {
        for &a in &self.queue {
            self.queued[a as usize] = false;
        }
        self.queue.clear();
    }

    /// Changes `a`'s domain to `new` (a strict subset), recording the old one.
    fn set(&mut self, a: usize, new: u8) {
        let old = self.dom[a];
        debug_assert!(new != 0 && new & !old == 0 && new != old);
        self.trail.push((a as u32, old));
        self.dom[a] = new;
        self.recount(a, old, new, true);
    }

    /// Updates the counts of everything `a`'s domain feeds after it changed
    /// from `old` to `new`; enqueues the affected constraints if `wake`.
    fn recount(&mut self, a: usize, old: u8, new: u8, wake: bool) {
        let (po, pn) = (predicates(old), predicates(new));
        let delta: [u32; 6] = std::array::from_fn(|i| pn[i].wrapping_sub(po[i]));
        let af = self.af;
        for &t in af.attacked_by(a) {
            let c = &mut self.counts[t as usize];
            c.no_out = c.no_out.wrapping_add(delta[0]);
            c.may_in = c.may_in.wrapping_add(delta[1]);
            c.sure_in = c.sure_in.wrapping_add(delta[2]);
            c.may_undec = c.may_undec.wrapping_add(delta[3]);
            c.sure_undec = c.sure_undec.wrapping_add(delta[4]);
            c.not_sure_out = c.not_sure_out.wrapping_add(delta[5]);
            if wake {
                self.enqueue(t as usize);
            }
        }
        if wake {
            self.enqueue(a);
        }
    }

    fn undo_to(&mut self, len: usize) {
        while self.trail.len() > len {
            let (a, old) = self.trail.pop().expect("trail longer than len");
            let a = a as usize;
            let new = self.dom[a];
            self.dom[a] = old;
            self.recount(a, new, old, false);
        }
    }

    /// Intersects `a`'s domain with `allowed`.
    fn restrict(&mut self, a: usize, allowed: u8) -> Result<(), Conflict> {
        let d = self.dom[a];
        let nd = d & allowed;
        if nd == 0 {
            return Err(Conflict);
        }
        if nd != d {
            self.set(a, nd);
        }
        Ok(())
    }

    fn propagate(&mut self) -> Result<(), Conflict> {
        while let Some(a) = self.queue.pop() {
            self.queued[a as usize] = false;
            self.revise(a as usize)?;
        }
        Ok(())
    }

    /// Applies the rules of C(a); see the module docs.
    fn revise(&mut self, a: usize) -> Result<(), Conflict> {
        let c = self.counts[a];
        let d = self.dom[a];
        let mut nd = d;
        if c.no_out > 0 {
            nd &= !IN;
        }
        if c.may_in == 0 {
            nd &= !OUT;
        }
        if c.sure_in > 0 || c.may_undec == 0 {
            nd &= !UNDEC;
        }
        if nd == 0 {
            return Err(Conflict);
        }
        if nd != d {
            self.set(a, nd);
        }
        let af = self.af;
        let c = self.counts[a];
        match nd {
            IN if c.not_sure_out > 0 => {
                for &b in af.attackers(a) {
                    self.restrict(b as usize, OUT)?;
                }
            }
            OUT if c.sure_in == 0 && c.may_in == 1 => {
                let b = self.find_attacker(a, |d| d & IN != 0);
                self.restrict(b, IN)?;
            }
            UNDEC => {
                if c.may_in > 0 {
                    for &b in af.attackers(a) {
                        self.restrict(b as usize, OUT | UNDEC)?;
                    }
                }
                let c = self.counts[a];
                if c.may_undec == 1 && c.sure_undec == 0 {
                    let b = self.find_attacker(a, |d| d & UNDEC != 0);
                    self.restrict(b, UNDEC)?;
                }
            }
            x if x == OUT | UNDEC && c.not_sure_out == 1 && c.no_out == 0 => {
                let b = self.find_attacker(a, |d| d != OUT);
                self.restrict(b, IN | UNDEC)?;
            }
            x if x == IN | UNDEC && c.may_in > 0 => {
                for &b in af.attackers(a) {
                    self.restrict(b as usize, OUT | UNDEC)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn find_attacker(&self, a: usize, pred: impl Fn(u8) -> bool) -> usize {
        self.af
            .attackers(a)
            .iter()
            .map(|&b| b as usize)
            .find(|&b| pred(self.dom[b]))
            .expect("the counts say such an attacker exists")
    }
}

/// A decision: `arg` took a value; `rest` are the values still to try.
struct Frame {
    arg: u32,
    rest: u8,
    trail: usize,
    next: usize,
}

/// The value tried first: IN, then OUT, then UNDEC (IN first finds large
/// extensions early).
fn first_value(d: u8) -> u8 {
    d & d.wrapping_neg()
}

/// Strongly connected components of the attack graph
/// ([`crate::graph::scc::components`]), as the arguments grouped by component
/// with components in topological order (a component's attackers come before
/// it), each component's members sorted, and the start of each component.
/// O(n + m).
fn scc_order(af: &Framework) -> (Vec<u32>, Vec<u32>) {
    let comps = members(&components(af.attacks_csr()));
    // The components come sinks first: reversed here.
    let mut order = Vec::with_capacity(af.len());
    let mut start = vec![0u32];
    for k in (0..comps.len()).rev() {
        order.extend_from_slice(comps.row(k));
        start.push(order.len() as u32);
    }
    (order, start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_in_topological_order() {
        // 0 -> 1 <-> 2 -> 3, 4 -> 4, 5 isolated, 3 -> 0 closes no cycle with 4.
        let af = Framework::new(
            (0..6).map(|i| i.to_string()),
            &[(0, 1), (1, 2), (2, 1), (2, 3), (4, 4)],
        );
        let (order, start) = scc_order(&af);
        let comps: Vec<Vec<u32>> = start
            .windows(2)
            .map(|w| order[w[0] as usize..w[1] as usize].to_vec())
            .collect();
        assert_eq!(comps.len(), 5);
        let pos = |a: u32| comps.iter().position(|c| c.contains(&a)).unwrap();
        assert!(pos(0) < pos(1) && pos(1) == pos(2) && pos(2) < pos(3));
        assert_eq!(comps[pos(1)], [1, 2]);
    }
}
