//! Counting stable extensions without listing them: a DPLL model counter
//! with component decomposition and caching (as sharpSAT and d4 count CNF
//! models), on the stable conditions directly.
//!
//! Each argument is *free* (may still go in or out), *pending* (out, and not
//! yet attacked by an argument in: it needs one) or *done* (in, or out and
//! attacked). Putting `a` in makes what it attacks done and its other
//! attackers pending; putting it out makes it pending. Propagation: a free
//! argument with no free attacker left must be in (nothing could attack it),
//! a pending one with none left is a conflict, and a pending one with exactly
//! one left forces that one in. The constraints left link a free argument to
//! every argument it attacks that is not done, so the arguments not done
//! split into independent components whose counts multiply; each component's
//! count is cached under its arguments and their states (done arguments
//! constrain nothing left: an in argument's neighbours are all done or
//! pending). Branching is on the free argument with the most free
//! neighbours in the component. Checked against the brute-force oracle
//! (tests/it/dung.rs) through [`super::count`].

use std::collections::HashMap;
use std::time::Instant;

use super::framework::Framework;
use super::search::OutOfTime;

/// The most `u32`s the cache keeps (64 MB); past that, nothing new is stored.
const CACHE_WORDS: usize = 16 << 20;

const FREE: u8 = 0;
const PENDING: u8 = 1;
const DONE: u8 = 2;

/// The number of stable extensions of `af`, `None` past 128 bits; `tick` is
/// called at every branch (progress).
pub(crate) fn count(
    af: &Framework,
    deadline: Option<Instant>,
    tick: &mut dyn FnMut(),
) -> Result<Option<u128>, OutOfTime> {
    let n = af.len();
    let mut c = Counter {
        af,
        deadline,
        state: vec![FREE; n],
        cand: (0..n).map(|a| af.attackers(a).len() as u32).collect(),
        trail: Vec::new(),
        queue: Vec::new(),
        cache: HashMap::new(),
        cache_words: 0,
        mark: vec![u32::MAX; n],
        nodes: 0,
        tick,
    };
    // Self-attacking arguments cannot be in.
    let mut ok = true;
    for a in 0..n {
        if af.attacks(a, a) && c.state[a] == FREE {
            ok &= c.set(a, PENDING);
        }
    }
    ok = ok && c.propagate();
    if !ok {
        return Ok(Some(0));
    }
    let active: Vec<u32> = (0..n as u32)
        .filter(|&a| c.state[a as usize] != DONE)
        .collect();
    c.count_all(&active)
}

struct Counter<'a, 't> {
    af: &'a Framework,
    deadline: Option<Instant>,
    state: Vec<u8>,
    /// The number of free attackers of each argument.
    cand: Vec<u32>,
    /// Changes to undo: (argument, its state before).
    trail: Vec<(u32, u8)>,
    /// Arguments forced in, not yet put in.
    queue: Vec<u32>,
    cache: HashMap<Vec<u32>, Option<u128>>,
    cache_words: usize,
    /// Scratch: component numbers.
    mark: Vec<u32>,
    nodes: u64,
    tick: &'t mut dyn FnMut(),
}

impl Counter<'_, '_> {
    /// Moves `a` to `to` (from free or pending); false on a conflict.
    fn set(&mut self, a: usize, to: u8) -> bool {
        let from = self.state[a];
        debug_assert!(to > from);
        self.trail.push((a as u32, from));
        self.state[a] = to;
        let mut ok = true;
        if from == FREE {
            for &t in self.af.attacked_by(a) {
                let t = t as usize;
                self.cand[t] -= 1;
                ok &= self.check(t);
            }
        }
        if to == PENDING {
            ok &= self.check(a);
        }
        ok
    }

    /// The consequences of `t`'s count of free attackers; false on a conflict.
    fn check(&mut self, t: usize) -> bool {
        match (self.state[t], self.cand[t]) {
            (FREE, 0) => self.queue.push(t as u32),
            (PENDING, 0) => return false,
            (PENDING, 1) => {
                if let Some(&b) = self
                    .af
                    .attackers(t)
                    .iter()
                    .find(|&&b| self.state[b as usize] == FREE)
                {
                    self.queue.push(b);
                }
            }
            _ => {}
        }
        true
    }

    /// Puts `a` in; false on a conflict. A queued argument that is no
    /// longer free is in already (done) or pending, which is a conflict (it
    /// was forced in).
    fn put_in(&mut self, a: usize) -> bool {
        if self.state[a] != FREE {
            return self.state[a] == DONE;
        }
        // What `a` attacks first: done, so that no check on them fires when
        // `a` stops being free.
        let mut ok = true;
        let af = self.af;
        for &t in af.attacked_by(a) {
            let t = t as usize;
            if self.state[t] != DONE && t != a {
                ok &= self.set(t, DONE);
            }
        }
        for &b in af.attackers(a) {
            let b = b as usize;
            if self.state[b] == FREE && b != a {
                ok &= self.set(b, PENDING);
            }
        }
        ok && self.set(a, DONE)
    }

    /// Puts every queued argument in; false on a conflict.
    fn propagate(&mut self) -> bool {
        while let Some(a) = self.queue.pop() {
            let a = a as usize;
            if self.state[a] == FREE {
                if !self.put_in(a) {
                    self.queue.clear();
                    return false;
                }
            } else if self.state[a] == PENDING {
                self.queue.clear();
                return false;
            }
        }
        true
    }

    fn undo(&mut self, to: usize) {
        while self.trail.len() > to {
            let (a, from) = self.trail.pop().expect("trail longer than `to`");
            let a = a as usize;
            if from == FREE {
                for &t in self.af.attacked_by(a) {
                    self.cand[t as usize] += 1;
                }
            }
            self.state[a] = from;
        }
    }

    /// The count over the arguments `active` (not done, sorted): the
    /// product over its components.
    fn count_all(&mut self, active: &[u32]) -> Result<Option<u128>, OutOfTime> {
        let mut total: u128 = 1;
        for comp in self.components(active) {
            match self.count_component(&comp)? {
                Some(0) => return Ok(Some(0)),
                Some(k) => match total.checked_mul(k) {
                    Some(t) => total = t,
                    None => return Ok(None),
                },
                None => return Ok(None),
            }
        }
        Ok(Some(total))
    }

    /// The components of `active` (sorted) under "a free argument and what
    /// it attacks", each sorted.
    fn components(&mut self, active: &[u32]) -> Vec<Vec<u32>> {
        let mut comps: Vec<Vec<u32>> = Vec::new();
        for &a in active {
            self.mark[a as usize] = u32::MAX - 1; // unvisited
        }
        let mut stack: Vec<u32> = Vec::new();
        for &s in active {
            if self.mark[s as usize] != u32::MAX - 1 {
                continue;
            }
            let id = comps.len() as u32;
            let mut comp = vec![s];
            self.mark[s as usize] = id;
            stack.push(s);
            while let Some(x) = stack.pop() {
                let x = x as usize;
                let af = self.af;
                // Linked: x's free attackers, and what x attacks (not done)
                // if x is free.
                let ins = af
                    .attackers(x)
                    .iter()
                    .filter(|&&y| self.state[y as usize] == FREE);
                let outs = af
                    .attacked_by(x)
                    .iter()
                    .filter(|&&t| self.state[x] == FREE && self.state[t as usize] != DONE);
                let next: Vec<u32> = ins
                    .chain(outs)
                    .copied()
                    .filter(|&y| self.mark[y as usize] == u32::MAX - 1)
                    .collect();
                for y in next {
                    if self.mark[y as usize] == u32::MAX - 1 {
                        self.mark[y as usize] = id;
                        comp.push(y);
                        stack.push(y);
                    }
                }
            }
            comp.sort_unstable();
            comps.push(comp);
        }
        for &a in active {
            self.mark[a as usize] = u32::MAX;
        }
        comps
    }

    fn count_component(&mut self, comp: &[u32]) -> Result<Option<u128>, OutOfTime> {
        // Only pending arguments: none can be attacked any more.
        let Some(branch) = self.pick(comp) else {
            return Ok(Some(0));
        };
        let key: Vec<u32> = comp
            .iter()
            .map(|&a| a * 2 + u32::from(self.state[a as usize] == PENDING))
            .collect();
        if let Some(&n) = self.cache.get(&key) {
            return Ok(n);
        }
        self.nodes += 1;
        if self.nodes.is_multiple_of(256) && self.deadline.is_some_and(|d| Instant::now() >= d) {
            return Err(OutOfTime);
        }
        (self.tick)();
        let mut total: u128 = 0;
        for go_in in [true, false] {
            let mark = self.trail.len();
            let ok = if go_in {
                self.put_in(branch)
            } else {
                self.set(branch, PENDING)
            } && self.propagate();
            if ok {
                let rest: Vec<u32> = comp
                    .iter()
                    .copied()
                    .filter(|&a| self.state[a as usize] != DONE)
                    .collect();
                let r = self.count_all(&rest);
                self.undo(mark);
                match r? {
                    Some(k) => match total.checked_add(k) {
                        Some(t) => total = t,
                        None => return Ok(None),
                    },
                    None => return Ok(None),
                }
            } else {
                self.queue.clear();
                self.undo(mark);
            }
        }
        if self.cache_words + key.len() <= CACHE_WORDS {
            self.cache_words += key.len();
            self.cache.insert(key, Some(total));
        }
        Ok(Some(total))
    }

    /// The free argument of `comp` with the most free or pending neighbours.
    fn pick(&self, comp: &[u32]) -> Option<usize> {
        comp.iter()
            .map(|&a| a as usize)
            .filter(|&a| self.state[a] == FREE)
            .max_by_key(|&a| {
                let deg = |s: &[u32]| {
                    s.iter()
                        .filter(|&&b| self.state[b as usize] != DONE)
                        .count()
                };
                (
                    deg(self.af.attackers(a)) + deg(self.af.attacked_by(a)),
                    std::cmp::Reverse(a),
                )
            })
    }
}
