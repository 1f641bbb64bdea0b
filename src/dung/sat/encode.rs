//! The SAT encodings of labellings on CaDiCaL (see docs/extensions.md, "SAT back end").
//!
//! Variables, for argument `a` of `n` (1-based DIMACS numbering):
//! * `x(a)` = `a + 1`: `a` is in the extension;
//! * `d(a)` = `n + a + 1`: `a` is attacked by the extension (`d(a) <-> OR x(b)` over the
//!   attackers `b` of `a`);
//! * `r(a)` = `2n + a + 1` (semi-stable and stage only): `a` is in the range
//!   (`r(a) <-> x(a) | d(a)`);
//! * fresh variables after those: activation literals of temporary clauses.
//!
//! Clauses (Besnard & Doutre 2004; Cerutti et al. 2013; as μ-toksia and crustabri use them):
//! * conflict-free: `-x(a) | -x(b)` for every attack `b -> a`;
//! * complete: `x(a) -> d(b)` for every attacker `b` of `a` (admissible) and
//!   `x(a) | -d(b1) | ... | -d(bk)` (a defended argument is in);
//! * stable: `x(a) | x(b1) | ... | x(bk)` (out of the extension means attacked by it).
//!
//! For the semantics whose extensions are complete (every one but stage and
//! conflict-free) the grounded labelling is preprocessing: its IN arguments are
//! unit clauses `x(a)`, its OUT ones `-x(a)`, and only the other arguments
//! ("free") appear in blocking and maximisation clauses.

use std::time::Instant;

use super::super::Framework;
use super::super::grounded::{Label, grounded_labelling};
use super::super::search::OutOfTime;

/// The solver's callback: stop at the deadline.
pub(crate) struct Clock {
    deadline: Option<Instant>,
}

impl cadical::Callbacks for Clock {
    fn terminate(&mut self) -> bool {
        self.deadline.is_some_and(|d| Instant::now() >= d)
    }
}

/// Which sets the clauses describe.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Base {
    /// Conflict-free sets (stage).
    ConflictFree,
    /// Complete extensions.
    Complete,
    /// Stable extensions.
    Stable,
}

/// A framework's encoding in one incremental solver.
pub(crate) struct Enc<'a> {
    pub(crate) af: &'a Framework,
    solver: cadical::Solver<Clock>,
    deadline: Option<Instant>,
    n: i32,
    /// The variables of the encoding (`x`, `d` and maybe `r`); activation literals follow.
    vars: i32,
    next: i32,
    /// The arguments the preprocessing left open, in index order.
    pub(crate) free: Vec<usize>,
    /// Whether the preprocessing put the argument in every extension.
    pub(crate) fixed_in: Vec<bool>,
    /// Literals of the last model: `model[v]` for variable `v` (index 0 unused).
    model: Vec<bool>,
}

impl<'a> Enc<'a> {
    /// The clauses of `base` (with range variables if `range`), the grounded
    /// labelling fixed when `base` is complete or stable.
    pub(crate) fn new(
        af: &'a Framework,
        base: Base,
        range: bool,
        deadline: Option<Instant>,
    ) -> Enc<'a> {
        let n = af.len();
        let ni = i32::try_from(n).expect("MAX_ARGUMENTS fits in i32");
        let mut solver = cadical::Solver::<Clock>::new();
        solver.set_callbacks(Some(Clock { deadline }));
        let vars = if range { 3 * ni } else { 2 * ni };
        solver.reserve(vars);
        let mut e = Enc {
            af,
            solver,
            deadline,
            n: ni,
            vars,
            next: vars,
            free: Vec::new(),
            fixed_in: vec![false; n],
            model: Vec::new(),
        };
        let labels = match base {
            Base::ConflictFree => None,
            Base::Complete | Base::Stable => Some(grounded_labelling(af)),
        };
        for a in 0..n {
            match labels.as_ref().map(|l| l[a]) {
                Some(Label::In) => {
                    e.fixed_in[a] = true;
                    e.solver.add_clause([e.x(a)]);
                }
                Some(Label::Out) => e.solver.add_clause([-e.x(a)]),
                _ => e.free.push(a),
            }
        }
        let mut clause: Vec<i32> = Vec::new();
        for a in 0..n {
            let att = af.attackers(a);
            for &b in att {
                let b = b as usize;
                if b == a {
                    e.solver.add_clause([-e.x(a)]);
                } else if b < a || !af.attacks(a, b) {
                    // each unordered conflicting pair once
                    e.solver.add_clause([-e.x(a), -e.x(b)]);
                }
            }
            let needs_d = base != Base::Stable || range;
            if needs_d {
                // d(a) <-> OR x(b)
                clause.clear();
                clause.push(-e.d(a));
                clause.extend(att.iter().map(|&b| e.x(b as usize)));
                e.solver.add_clause(clause.iter().copied());
                for &b in att {
                    e.solver.add_clause([-e.x(b as usize), e.d(a)]);
                }
            }
            match base {
                Base::ConflictFree => {}
                Base::Complete => {
                    clause.clear();
                    clause.push(e.x(a));
                    for &b in att {
                        e.solver.add_clause([-e.x(a), e.d(b as usize)]);
                        clause.push(-e.d(b as usize));
                    }
                    e.solver.add_clause(clause.iter().copied());
                }
                Base::Stable => {
                    clause.clear();
                    clause.push(e.x(a));
                    clause.extend(att.iter().map(|&b| e.x(b as usize)));
                    e.solver.add_clause(clause.iter().copied());
                }
            }
            if range {
                e.solver.add_clause([-e.r(a), e.x(a), e.d(a)]);
                e.solver.add_clause([-e.x(a), e.r(a)]);
                e.solver.add_clause([-e.d(a), e.r(a)]);
            }
        }
        e
    }

    /// The variable "`a` is in".
    pub(crate) fn x(&self, a: usize) -> i32 {
        a as i32 + 1
    }

    /// The variable "`a` is attacked by the extension".
    pub(crate) fn d(&self, a: usize) -> i32 {
        self.n + a as i32 + 1
    }

    /// The variable "`a` is in the range" (only with range variables).
    pub(crate) fn r(&self, a: usize) -> i32 {
        2 * self.n + a as i32 + 1
    }

    /// A new variable (for activation literals).
    pub(crate) fn fresh(&mut self) -> i32 {
        self.next += 1;
        self.next
    }

    /// Adds a permanent clause.
    pub(crate) fn add(&mut self, clause: &[i32]) {
        self.solver.add_clause(clause.iter().copied());
    }

    /// Solves under `assume`; on SAT the model is kept for [`Enc::value`].
    pub(crate) fn solve(&mut self, assume: &[i32]) -> Result<bool, OutOfTime> {
        self.solve_raw(assume)?.ok_or(OutOfTime)
    }

    /// [`Enc::solve`] giving up after `conflicts` conflicts: `None` then (the
    /// clauses learnt meanwhile stay). CaDiCaL's limit holds for one call.
    pub(crate) fn solve_limited(
        &mut self,
        assume: &[i32],
        conflicts: i32,
    ) -> Result<Option<bool>, OutOfTime> {
        // "conflicts" is one of CaDiCaL's documented limit names.
        let _ = self.solver.set_limit("conflicts", conflicts);
        self.solve_raw(assume)
    }

    /// One call: `None` when it stopped early (the conflict limit; the
    /// deadline is an error).
    fn solve_raw(&mut self, assume: &[i32]) -> Result<Option<bool>, OutOfTime> {
        let late = |d: Option<Instant>| d.is_some_and(|d| Instant::now() >= d);
        if late(self.deadline) {
            return Err(OutOfTime);
        }
        match self.solver.solve_with(assume.iter().copied()) {
            Some(true) => {
                self.model.clear();
                self.model.push(false);
                for v in 1..=self.vars {
                    self.model.push(self.solver.value(v) == Some(true));
                }
                Ok(Some(true))
            }
            Some(false) => Ok(Some(false)),
            None if late(self.deadline) => Err(OutOfTime),
            None => Ok(None),
        }
    }

    /// The deadline the solver stops at.
    pub(crate) fn deadline(&self) -> Option<Instant> {
        self.deadline
    }

    /// The value of variable `v` (positive) in the last model.
    pub(crate) fn value(&self, v: i32) -> bool {
        self.model[v as usize]
    }

    /// The extension of the last model, sorted.
    pub(crate) fn extension(&self) -> Vec<usize> {
        (0..self.n as usize)
            .filter(|&a| self.value(self.x(a)))
            .collect()
    }
}
