//! Dung's abstract argumentation: extensions of the attack relation under the
//! grounded, complete, preferred, stable, semi-stable, stage and ideal
//! semantics (Dung 1995; Caminada 2006; Verheij 1996; Dung, Mancarella & Toni
//! 2007).
//!
//! A [`Framework`] holds named arguments and the attack relation (supports of
//! an [`ArgGraph`](crate::ArgGraph) are ignored). Results name arguments by
//! index (input order); an extension is a sorted `Vec<usize>` and a list of
//! extensions is sorted lexicographically, so every result is deterministic.
//!
//! * [`grounded`]: queue labelling, O(n + m).
//! * Every other question ([`extensions`], [`for_each`], [`count`], [`one`],
//!   [`credulous`] / [`credulous_witness`], [`skeptical`] /
//!   [`skeptical_counterexample`]): a SAT back end on CaDiCaL with the
//!   grounded labelling as preprocessing and counterexample-guided loops for
//!   the maximal semantics (`sat/`); complete and stable enumeration start with
//!   the labelling search of `search.rs`. See docs/extensions.md. Exponential
//!   in the worst case, so every such call takes [`Limits`] and fails with
//!   [`Error`] when they are hit.
//!
//! ```
//! use argmap::dung::{self, Framework, Limits, Semantics};
//! // a <-> b, b -> c: preferred {a, c} and {b}; grounded is empty
//! let names = ["a", "b", "c"].map(String::from).to_vec();
//! let af = Framework::new(names, &[(0, 1), (1, 0), (1, 2)]);
//! assert_eq!(dung::grounded(&af), Vec::<usize>::new());
//! let pref = dung::preferred(&af, &Limits::default())?;
//! assert_eq!(pref, [vec![0, 2], vec![1]]);
//! assert!(dung::credulous(&af, Semantics::Stable, 2, &Limits::default())?);
//! assert!(!dung::skeptical(&af, Semantics::Preferred, 2, &Limits::default())?);
//! # Ok::<(), argmap::Error>(())
//! ```

mod count_labellings;
mod count_value;
mod decompose;
mod framework;
mod grounded;
mod sat;
mod search;
mod structure;

use std::fmt;
use std::time::{Duration, Instant};

pub use count_value::ExtensionCount;
pub use framework::{Framework, MAX_ARGUMENTS};
pub use grounded::{Label, grounded, grounded_labelling};
pub use structure::{Flattening, flatten};

use crate::Error;

use search::{Budget, Flow, Mode, OutOfTime, Solver};

/// The extension-based semantics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Semantics {
    /// The least complete extension (unique).
    Grounded,
    /// Admissible sets that contain every argument they defend.
    Complete,
    /// Maximal (for set inclusion) admissible sets.
    Preferred,
    /// Conflict-free sets that attack every argument outside them.
    Stable,
    /// Complete extensions whose range (the set and what it attacks) is
    /// maximal (Caminada 2006).
    SemiStable,
    /// Conflict-free sets whose range is maximal (Verheij 1996).
    Stage,
    /// The largest admissible set contained in every preferred extension
    /// (Dung, Mancarella & Toni 2007; unique).
    Ideal,
}

impl Semantics {
    /// The lowercase name used on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Semantics::Grounded => "grounded",
            Semantics::Complete => "complete",
            Semantics::Preferred => "preferred",
            Semantics::Stable => "stable",
            Semantics::SemiStable => "semi-stable",
            Semantics::Stage => "stage",
            Semantics::Ideal => "ideal",
        }
    }
}

impl fmt::Display for Semantics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Bounds on the exponential searches. The default has none.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Limits {
    /// Give up (with [`Error::TimeBudget`]) after this much wall-clock time.
    pub time: Option<Duration>,
    /// When listing extensions ([`extensions`], [`complete`], [`preferred`],
    /// [`stable`]), give up (with [`Error::TooManyExtensions`]) once more than
    /// this many are found. Counting and the other questions ignore it.
    pub max_extensions: Option<usize>,
}

/// All complete extensions, sorted. Exponential in the worst case.
pub fn complete(af: &Framework, limits: &Limits) -> Result<Vec<Vec<usize>>, Error> {
    extensions(af, Semantics::Complete, limits)
}

/// All preferred extensions, sorted. Exponential in the worst case.
pub fn preferred(af: &Framework, limits: &Limits) -> Result<Vec<Vec<usize>>, Error> {
    extensions(af, Semantics::Preferred, limits)
}

/// All stable extensions, sorted (possibly none). Exponential in the worst case.
pub fn stable(af: &Framework, limits: &Limits) -> Result<Vec<Vec<usize>>, Error> {
    extensions(af, Semantics::Stable, limits)
}

/// All extensions under `sem`, each sorted by index, the list sorted
/// lexicographically.
///
/// # Errors
/// [`Error::TimeBudget`] or [`Error::TooManyExtensions`] when `limits` are hit.
pub fn extensions(
    af: &Framework,
    sem: Semantics,
    limits: &Limits,
) -> Result<Vec<Vec<usize>>, Error> {
    let mut all: Vec<Vec<usize>> = Vec::new();
    let mut too_many = false;
    let run = Run::new(sem, limits);
    let r = run.each(af, |e| {
        if limits.max_extensions.is_some_and(|m| all.len() >= m) {
            too_many = true;
            return Flow::Stop;
        }
        all.push(e.to_vec());
        Flow::Continue
    });
    let found = all.len();
    run.check(r, || found_so_far(sem, found as u64))?;
    if too_many {
        return Err(Error::TooManyExtensions {
            semantics: sem.name(),
            limit: limits.max_extensions.unwrap_or(0),
        });
    }
    all.sort_unstable();
    Ok(all)
}

/// The number of extensions under `sem`, without listing them all: the
/// grounded labelling, the weakly connected components and (for complete,
/// stable and preferred) the strongly connected components split the
/// framework, and only the pieces that do not split further are enumerated
/// (see `decompose.rs` and docs/extensions.md).
///
/// # Errors
/// [`Error::TimeBudget`] when `limits.time` runs out;
/// [`Error::TooManyExtensions`] (limit `usize::MAX`) when the count does not
/// fit in 64 bits. `limits.max_extensions` is ignored.
pub fn count(af: &Framework, sem: Semantics, limits: &Limits) -> Result<u64, Error> {
    count_with(af, sem, limits, || {})
}

/// [`count`], calling `tick` for every extension of a piece that the count
/// enumerates and every branch of the model counter (for a progress
/// display: the number of ticks is not the count).
pub fn count_with(
    af: &Framework,
    sem: Semantics,
    limits: &Limits,
    tick: impl FnMut(),
) -> Result<u64, Error> {
    let n = count_exact(af, sem, limits, tick)?;
    n.to_u128()
        .and_then(|n| u64::try_from(n).ok())
        .ok_or(Error::TooManyExtensions {
            semantics: sem.name(),
            limit: usize::MAX,
        })
}

/// [`count_with`] in 128 bits (the CLI used it before counts became exact:
/// [`count_exact`]).
///
/// # Errors
/// [`Error::TimeBudget`] when `limits.time` runs out;
/// [`Error::CountTooLarge`] past 128 bits.
pub fn count_wide(
    af: &Framework,
    sem: Semantics,
    limits: &Limits,
    tick: impl FnMut(),
) -> Result<u128, Error> {
    count_exact(af, sem, limits, tick)?
        .to_u128()
        .ok_or(Error::CountTooLarge {
            semantics: sem.name(),
        })
}

/// [`count_with`], exact at any size: sparse frameworks can have more than
/// 2^128 extensions (k disjoint pairs have 2^k stable ones), which the
/// decomposition and the labelling counter count without listing them. The
/// count is 128-bit until it overflows, then a big integer
/// ([`ExtensionCount`]).
///
/// # Errors
/// [`Error::TimeBudget`] when `limits.time` runs out (a count that cannot
/// finish, whatever its size, ends this way).
pub fn count_exact(
    af: &Framework,
    sem: Semantics,
    limits: &Limits,
    mut tick: impl FnMut(),
) -> Result<ExtensionCount, Error> {
    if matches!(sem, Semantics::Grounded | Semantics::Ideal) {
        // Exactly one extension, by definition: nothing to compute.
        return Ok(ExtensionCount::ONE);
    }
    let run = Run::new(sem, limits);
    let mut ticks = 0u64;
    let r = decompose::count(af, sem, run.deadline, &mut || {
        ticks += 1;
        tick();
    });
    // The ticks are not extensions: a count finds no total until it ends.
    run.check(r, || {
        format!(
            "the {sem} count (no total yet, after {ticks} search steps: pieces' \
             extensions listed and model-counter branches)"
        )
    })
}

/// Calls `f` with every extension under `sem` as soon as it is found (each
/// sorted; the order is the solver's); `f` returns `false` to stop early.
/// Returns how many were passed to `f`.
///
/// Memory: besides the encoding (O(n + m)), one clause per extension found
/// (over the arguments the grounded labelling leaves open), except for
/// grounded and ideal (one extension).
///
/// # Errors
/// [`Error::TimeBudget`] when `limits.time` runs out; the extensions passed
/// to `f` until then are all correct. `limits.max_extensions` is ignored.
pub fn for_each(
    af: &Framework,
    sem: Semantics,
    limits: &Limits,
    mut f: impl FnMut(&[usize]) -> bool,
) -> Result<u64, Error> {
    let mut n = 0u64;
    let run = Run::new(sem, limits);
    let r = run.each(af, |e| {
        n += 1;
        if f(e) { Flow::Continue } else { Flow::Stop }
    });
    run.check(r, || found_so_far(sem, n))?;
    Ok(n)
}

/// One extension under `sem`, or `None` when there is none (only possible
/// for stable). For grounded and complete this is the grounded extension;
/// preferred, semi-stable and stage grow a first solution to a maximal one.
pub fn one(af: &Framework, sem: Semantics, limits: &Limits) -> Result<Option<Vec<usize>>, Error> {
    let run = Run::new(sem, limits);
    run.check(sat::one(af, sem, run.deadline), || search(sem))
}

/// Whether argument `arg` belongs to at least one extension under `sem`.
///
/// Grounded and ideal: membership in the one extension. Complete and
/// preferred: one SAT call for a complete extension containing `arg` (every
/// admissible set extends to a preferred one). Stable: one call. Semi-stable
/// and stage: a counterexample-guided loop over maximal ranges (see
/// docs/extensions.md).
pub fn credulous(
    af: &Framework,
    sem: Semantics,
    arg: usize,
    limits: &Limits,
) -> Result<bool, Error> {
    Ok(credulous_witness(af, sem, arg, limits)?.is_some())
}

/// An extension under `sem` that contains `arg` (the certificate of credulous
/// acceptance), or `None` when `arg` is not credulously accepted.
pub fn credulous_witness(
    af: &Framework,
    sem: Semantics,
    arg: usize,
    limits: &Limits,
) -> Result<Option<Vec<usize>>, Error> {
    check_arg(af, arg)?;
    let run = Run::new(sem, limits);
    run.check(sat::credulous(af, sem, arg, run.deadline), || search(sem))
}

/// Whether argument `arg` belongs to every extension under `sem`.
///
/// Grounded and complete: membership in the grounded extension (linear time).
/// Stable: one SAT call for a stable extension lacking `arg`. **Convention**:
/// when the framework has no stable extension, every argument is skeptically
/// accepted (the empty intersection is vacuously true; ICCMA's convention).
/// Preferred, semi-stable and stage: counterexample-guided loops (a candidate
/// lacking `arg`, grown to a maximal one; if that contains `arg`, everything
/// below it is excluded and the loop goes on).
pub fn skeptical(
    af: &Framework,
    sem: Semantics,
    arg: usize,
    limits: &Limits,
) -> Result<bool, Error> {
    Ok(skeptical_counterexample(af, sem, arg, limits)?.is_none())
}

/// An extension under `sem` that lacks `arg` (the certificate that `arg` is
/// not skeptically accepted), or `None` when `arg` is skeptically accepted.
pub fn skeptical_counterexample(
    af: &Framework,
    sem: Semantics,
    arg: usize,
    limits: &Limits,
) -> Result<Option<Vec<usize>>, Error> {
    check_arg(af, arg)?;
    let run = Run::new(sem, limits);
    run.check(sat::skeptical(af, sem, arg, run.deadline), || search(sem))
}

/// What a listing that ran out of time was doing: `the preferred search
/// (12 extensions found so far)`.
fn found_so_far(sem: Semantics, found: u64) -> String {
    format!("the {sem} search ({found} extensions found so far)")
}

/// What a single-answer search that ran out of time was doing.
fn search(sem: Semantics) -> String {
    format!("the {sem} search")
}

fn check_arg(af: &Framework, arg: usize) -> Result<(), Error> {
    if arg < af.len() {
        Ok(())
    } else {
        Err(Error::NoSuchArgument {
            index: arg,
            len: af.len(),
        })
    }
}

/// How long enumeration tries the labelling search before SAT (see `Run::each`).
const SEARCH_SLICE: Duration = Duration::from_millis(100);
/// Attacks per argument above which enumeration skips the labelling search:
/// without clause learning it stalls on dense frameworks, whose slice is then
/// lost (the public frameworks have at most 10 attacks per argument or at
/// least 29: afgen_*, iccma_st_890_86_9_572).
const SEARCH_DENSE: usize = 16;
/// The most arguments (plus one per extension) the labelling search reports
/// before SAT takes over (4 bytes each: 16 MB).
const SEARCH_SEEN: usize = 4 << 20;

/// One call's semantics, limits and clock.
struct Run {
    sem: Semantics,
    limit: Option<Duration>,
    deadline: Option<Instant>,
}

impl Run {
    fn new(sem: Semantics, limits: &Limits) -> Run {
        Run {
            sem,
            limit: limits.time,
            deadline: limits.time.map(|t| Instant::now() + t),
        }
    }

    /// Calls `f` with every extension under the semantics, in search order.
    ///
    /// Complete, stable and preferred: by decomposition when the grounded
    /// reduction leaves more than one piece (`decompose::each`), each piece
    /// listed as below.
    ///
    /// Complete and stable: the labelling search of `search.rs` first, for
    /// [`SEARCH_SLICE`] or [`SEARCH_SEEN`] reported members: without clause
    /// learning it lists many easy extensions far faster than one SAT call
    /// each (the 99630 complete extensions of pygarg_BA_numArg60_pbCycle0_9_7:
    /// 0.04 s against 2.6 s), but it stalls on hard frameworks
    /// (afgen_n160p3q24e: 47 of its 213 complete extensions in 10 s, SAT all
    /// in 6.5 s). If it has not finished by then, the SAT enumeration goes on
    /// with the extensions already reported blocked. Frameworks with more
    /// than [`SEARCH_DENSE`] attacks per argument go to SAT at once.
    fn each(&self, af: &Framework, mut f: impl FnMut(&[usize]) -> Flow) -> Result<Flow, OutOfTime> {
        // With a stable extension, semi-stable and stage are stable, which decomposes.
        if matches!(self.sem, Semantics::SemiStable | Semantics::Stage)
            && sat::has_stable(af, self.deadline)?
        {
            let stable = Run {
                sem: Semantics::Stable,
                ..*self
            };
            return stable.each(af, f);
        }
        match decompose::each(af, self.sem, self.deadline, &mut f)? {
            Some(flow) => Ok(flow),
            None => self.each_plain(af, f),
        }
    }

    /// [`Run::each`] without the decomposition (its pieces are listed with this).
    fn each_plain(
        &self,
        af: &Framework,
        mut f: impl FnMut(&[usize]) -> Flow,
    ) -> Result<Flow, OutOfTime> {
        let mode = match self.sem {
            Semantics::Complete => Mode::Complete,
            Semantics::Stable => Mode::Stable,
            _ => return sat::each(af, self.sem, self.deadline, &sat::Seen::default(), f),
        };
        if !decompose::sparse(af, SEARCH_DENSE) {
            return sat::each(af, self.sem, self.deadline, &sat::Seen::default(), f);
        }
        let slice = Instant::now() + SEARCH_SLICE;
        let mut budget = Budget::new(Some(self.deadline.map_or(slice, |d| d.min(slice))));
        let mut seen = sat::Seen::default();
        let mut stopped = false;
        let r = Solver::new(af, mode, &mut budget).search(|e| {
            seen.push(e);
            if f(e) == Flow::Stop {
                stopped = true;
                return Flow::Stop;
            }
            if seen.sets.len() + seen.ends.len() > SEARCH_SEEN {
                Flow::Stop
            } else {
                Flow::Continue
            }
        });
        match r {
            Ok(_) if stopped => Ok(Flow::Stop),
            Ok(Flow::Continue) => Ok(Flow::Continue),
            Err(OutOfTime) if self.deadline.is_some_and(|d| Instant::now() >= d) => Err(OutOfTime),
            _ => sat::each(af, self.sem, self.deadline, &seen, f),
        }
    }

    /// `r`, or [`Error::TimeBudget`] saying `what` ran out of time.
    fn check<T>(&self, r: Result<T, OutOfTime>, what: impl FnOnce() -> String) -> Result<T, Error> {
        r.map_err(|OutOfTime| Error::TimeBudget {
            what: what(),
            seconds: self.limit.unwrap_or_default().as_secs_f64(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn af(n: usize, att: &[(u32, u32)]) -> Framework {
        Framework::new((0..n).map(|i| i.to_string()), att)
    }

    /// `k` disjoint two-cycles `a <-> b`: each is in or out of a stable
    /// extension on its own, so there are exactly 2^k stable extensions (by
    /// hand: one of the two arguments of every cycle, independently).
    fn two_cycles(k: u32) -> Framework {
        let att: Vec<(u32, u32)> = (0..k)
            .flat_map(|i| [(2 * i, 2 * i + 1), (2 * i + 1, 2 * i)])
            .collect();
        af(2 * k as usize, &att)
    }

    /// `base^exp` in decimal, by repeated multiplication of a digit list
    /// (a hand method, independent of `ExtensionCount` and num-bigint).
    fn power_decimal(base: u32, exp: u32) -> String {
        let mut digits = vec![1u32]; // least significant first
        for _ in 0..exp {
            let mut carry = 0;
            for d in digits.iter_mut() {
                let v = *d * base + carry;
                *d = v % 10;
                carry = v / 10;
            }
            while carry > 0 {
                digits.push(carry % 10);
                carry /= 10;
            }
        }
        digits.iter().rev().map(|d| d.to_string()).collect()
    }

    #[test]
    fn counts_of_disjoint_pieces_are_exact_past_2_to_the_256() {
        let limits = Limits::default();
        let n = count_wide(&two_cycles(127), Semantics::Stable, &limits, || {}).unwrap();
        assert_eq!(n, 1u128 << 127);
        for k in [128, 130, 300] {
            let f = two_cycles(k);
            for (sem, base) in [
                (Semantics::Stable, 2),
                (Semantics::Preferred, 2),
                (Semantics::Complete, 3),
            ] {
                let n = count_exact(&f, sem, &limits, || {}).unwrap();
                assert_eq!(n.to_string(), power_decimal(base, k), "{sem} of {k} pairs");
            }
        }
        assert!(
            count_exact(&two_cycles(300), Semantics::Stable, &limits, || {})
                .unwrap()
                .bits()
                > 256
        );
        // The 128-bit entry point keeps its error past 2^128.
        let e = count_wide(&two_cycles(130), Semantics::Stable, &limits, || {}).unwrap_err();
        assert!(
            matches!(
                e,
                Error::CountTooLarge {
                    semantics: "stable"
                }
            ),
            "{e:?}"
        );
    }

    /// One strongly connected component: `k` two-cycles `a_i <-> b_i`
    /// (arguments `2i`, `2i + 1`) and a self-attacking hub `h` (argument
    /// `2k`) with `a_i <-> h` and `b_i -> h`. By hand: `h` is never IN, and
    /// OUT as soon as one argument of a pair is IN, so each pair is labelled
    /// on its own: `a_i` IN, `b_i` IN, or both UNDEC (then `h` is UNDEC only
    /// if all pairs are). So 2^k stable and preferred extensions (one of each
    /// pair: admissible, as each member attacks `h`; maximal) and 3^k
    /// complete ones.
    fn hub_of_two_cycles(k: u32) -> Framework {
        let h = 2 * k;
        let att: Vec<(u32, u32)> = (0..k)
            .flat_map(|i| {
                let (a, b) = (2 * i, 2 * i + 1);
                [(a, b), (b, a), (a, h), (h, a), (b, h)]
            })
            .chain([(h, h)])
            .collect();
        af(2 * k as usize + 1, &att)
    }

    #[test]
    fn counts_past_128_bits_in_one_strongly_connected_component() {
        let limits = Limits::default();
        let small = hub_of_two_cycles(5);
        assert_eq!(count(&small, Semantics::Stable, &limits), Ok(32));
        assert_eq!(count(&small, Semantics::Preferred, &limits), Ok(32));
        assert_eq!(count(&small, Semantics::Complete, &limits), Ok(243));
        // 2^130 stable and 3^130, 3^170 (> 2^256) complete: sums and
        // products of the labelling counter past 128 bits, in one component.
        let big = hub_of_two_cycles(130);
        let n = count_exact(&big, Semantics::Stable, &limits, || {}).unwrap();
        assert_eq!(n.to_string(), power_decimal(2, 130));
        let n = count_exact(&big, Semantics::Complete, &limits, || {}).unwrap();
        assert_eq!(n.to_string(), power_decimal(3, 130));
        let huge = hub_of_two_cycles(170);
        let n = count_exact(&huge, Semantics::Complete, &limits, || {}).unwrap();
        assert_eq!(n.to_string(), power_decimal(3, 170));
        // Preferred pieces that are strongly connected are listed: 2^130 of
        // them never finish, and the count ends as any count out of time.
        let l = Limits {
            time: Some(Duration::from_millis(200)),
            ..Limits::default()
        };
        let e = count_exact(&big, Semantics::Preferred, &l, || {}).unwrap_err();
        assert!(matches!(e, Error::TimeBudget { .. }), "{e:?}");
        // 3^80 < 2^128: the complete labellings counted exactly.
        let n = count_wide(&hub_of_two_cycles(80), Semantics::Complete, &limits, || {});
        assert_eq!(n, Ok(3u128.pow(80)));
    }

    #[test]
    fn a_piece_without_extensions_makes_an_overflowing_product_zero() {
        // 130 two-cycles (2^130 stable extensions) beside a three-cycle
        // (none): 0 stable extensions.
        let mut att: Vec<(u32, u32)> = (0..130)
            .flat_map(|i| [(2 * i, 2 * i + 1), (2 * i + 1, 2 * i)])
            .collect();
        att.extend([(260, 261), (261, 262), (262, 260)]);
        let f = af(263, &att);
        let n = count_wide(&f, Semantics::Stable, &Limits::default(), || {});
        assert_eq!(n, Ok(0));
    }

    #[test]
    fn time_budget_messages_say_what_was_found() {
        let f = hub_of_two_cycles(20);
        let l = Limits {
            time: Some(Duration::ZERO),
            ..Limits::default()
        };
        let e = count(&f, Semantics::Complete, &l).unwrap_err().to_string();
        assert!(e.contains("the complete count (no total yet, after"), "{e}");
        let e = extensions(&f, Semantics::Preferred, &l)
            .unwrap_err()
            .to_string();
        assert!(e.contains("extensions found so far"), "{e}");
        let e = one(&f, Semantics::Preferred, &l).unwrap_err().to_string();
        assert!(!e.contains("found so far"), "{e}");
    }

    #[test]
    fn odd_cycle_has_no_stable_extension() {
        // 0 -> 1 -> 2 -> 0: the only complete extension is {} (hand check:
        // any IN argument would need its attacker OUT, hence IN-attacked, and
        // going round the cycle makes it attack itself).
        let f = af(3, &[(0, 1), (1, 2), (2, 0)]);
        let l = Limits::default();
        assert_eq!(complete(&f, &l).unwrap(), [Vec::<usize>::new()]);
        assert_eq!(preferred(&f, &l).unwrap(), [Vec::<usize>::new()]);
        assert!(stable(&f, &l).unwrap().is_empty());
        // Convention: no stable extension, so everything is skeptically accepted.
        assert!(skeptical(&f, Semantics::Stable, 0, &l).unwrap());
        assert!(!credulous(&f, Semantics::Stable, 0, &l).unwrap());
    }

    #[test]
    fn even_cycle() {
        // 0 <-> 1: complete {}, {0}, {1}; preferred and stable {0}, {1}.
        let f = af(2, &[(0, 1), (1, 0)]);
        let l = Limits::default();
        assert_eq!(complete(&f, &l).unwrap(), [vec![], vec![0], vec![1]]);
        assert_eq!(preferred(&f, &l).unwrap(), [vec![0], vec![1]]);
        assert_eq!(stable(&f, &l).unwrap(), [vec![0], vec![1]]);
        assert_eq!(count(&f, Semantics::Complete, &l).unwrap(), 3);
        assert!(!skeptical(&f, Semantics::Preferred, 0, &l).unwrap());
        assert!(credulous(&f, Semantics::Preferred, 0, &l).unwrap());
    }

    #[test]
    fn limits_are_reported() {
        // 8 disjoint 2-cycles: 3^8 complete extensions.
        let att: Vec<(u32, u32)> = (0..8)
            .flat_map(|i| [(2 * i, 2 * i + 1), (2 * i + 1, 2 * i)])
            .collect();
        let f = af(16, &att);
        let l = Limits {
            max_extensions: Some(100),
            ..Limits::default()
        };
        assert_eq!(
            complete(&f, &l),
            Err(Error::TooManyExtensions {
                semantics: "complete",
                limit: 100
            })
        );
        assert_eq!(count(&f, Semantics::Complete, &l), Ok(6561));
        let l = Limits {
            time: Some(Duration::ZERO),
            ..Limits::default()
        };
        assert!(matches!(
            count(&f, Semantics::Complete, &l),
            Err(Error::TimeBudget { .. })
        ));
        assert!(matches!(
            credulous(&f, Semantics::Stable, 99, &l),
            Err(Error::NoSuchArgument { index: 99, len: 16 })
        ));
    }
}
