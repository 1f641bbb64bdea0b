//! Counting extensions by decomposition, without listing them.
//!
//! * **Grounded reduction.** Every complete labelling agrees with the grounded
//!   one on its IN and OUT arguments, and the undecided ("free") arguments have
//!   only OUT attackers outside them, so the complete (stable, preferred,
//!   semi-stable) labellings are those of the framework restricted to the free
//!   arguments, one to one (the UNDEC sets unchanged).
//! * **Weakly connected components.** The labellings of a disjoint union are
//!   the products of the components' labellings; maximality of the IN set
//!   (preferred), of the range (stage) and minimality of the UNDEC set
//!   (semi-stable) hold in the product iff they hold in every component. So
//!   the count is the product of the components' counts, for every semantics.
//! * **Strongly connected components** (complete, stable and preferred only:
//!   they are SCC-recursive, Baroni, Giacomin & Guida, "SCC-recursiveness: a
//!   general schema for argumentation semantics", AIJ 168, 2005; semi-stable
//!   and stage are not). In a component that is not strongly connected, the
//!   extensions of a source SCC `S` (one no other argument attacks) are listed,
//!   and for each the rest is counted under the labels `S` gives it: an argument
//!   attacked by an IN one is OUT and leaves the problem; one attacked by an
//!   UNDEC one (and by no IN one) can no longer be IN, which the subproblem
//!   expresses with a self-attacking "blocker" argument attacking it (an
//!   always-UNDEC attacker: the standard framework of an input labelling in
//!   Baroni et al., "On the input/output behavior of argumentation
//!   frameworks", AIJ 217, 2014). The count is the sum over `S`'s extensions.
//!   Subproblems are memoised by their arguments and blocked set, so
//!   extensions of `S` that label its attacks on the rest alike cost one count.
//!
//! * **Model counting.** A weakly connected piece under complete or stable
//!   semantics that is sparse ([`SPARSE`], [`SPARSE_UNDEC`]) is counted by
//!   the labelling counter of `count_labellings.rs`, which decomposes on its
//!   own as it labels.
//!
//! Counts are exact at any size ([`ExtensionCount`]: 128 bits until they
//! overflow, then a big integer).
//!
//! The other leaves (strongly connected, or past [`MAX_DEPTH`]) are counted
//! by listing their extensions with [`super::Run::each`]. Every path is
//! checked against the brute-force oracle of tests/it/dung.rs.

use std::collections::HashMap;
use std::time::Instant;

use super::count_labellings::{self, Labels};
use super::count_value::ExtensionCount;
use super::framework::Framework;
use super::grounded::{Label, grounded_labelling};
use super::search::{Flow, OutOfTime};
use super::{Run, Semantics, sat};
use crate::graph::scc::{components, members};

/// The deepest nesting of subproblems; deeper ones are counted as leaves (a
/// chain of thousands of SCCs would otherwise overflow the stack).
const MAX_DEPTH: usize = 256;
/// The most `u32`s the memo keeps (64 MB); past that, nothing new is stored.
const MEMO_WORDS: usize = 16 << 20;
/// The most arguments (summed over extensions) a source SCC's extensions may
/// hold; past that its component is counted as a leaf.
const SOURCE_WORDS: usize = 4 << 20;

/// The most attacks per argument of a weakly connected piece whose stable
/// extensions are counted by the model counter rather than listed: on sparse
/// pieces propagation splits the rest into components (the 4566 arguments of
/// iccma_a1210993's giant SCC: more than 2^64 stable extensions counted in
/// 0.2 s), on dense ones the SAT enumeration is faster (afgen_n160p3q24e,
/// 29 attacks per argument, 167 extensions: 0.94 s listed, 1.62 s counted).
const SPARSE: usize = 8;

/// [`SPARSE`] for complete labellings, whose UNDEC label propagates less:
/// on pygarg_ER_numArg100_pbAtt0_15_4 (one SCC of 100, 7.7 attacks per
/// argument, 2 complete extensions) the counter took 0.2 s, the listing
/// 0.06 s.
const SPARSE_UNDEC: usize = 4;

/// The most `u32`s of extensions the listing keeps in memory (64 MB).
const LIST_WORDS: usize = 16 << 20;

/// Lists the extensions under complete, stable or preferred semantics by
/// decomposition, calling `f` with each (sorted), when that pays: `None`
/// (nothing listed) for other semantics or when the grounded reduction leaves
/// one strongly connected piece. The undecided arguments are streamed by
/// [`Counter::stream`], the recursion of [`count`] listing instead of adding
/// up: memory stays bounded by [`LIST_WORDS`] and [`SOURCE_WORDS`] per level,
/// however many extensions there are.
pub(crate) fn each(
    af: &Framework,
    sem: Semantics,
    deadline: Option<Instant>,
    f: &mut dyn FnMut(&[usize]) -> Flow,
) -> Result<Option<Flow>, OutOfTime> {
    if !matches!(
        sem,
        Semantics::Complete | Semantics::Stable | Semantics::Preferred
    ) {
        return Ok(None);
    }
    let labels = grounded_labelling(af);
    let fixed: Vec<usize> = (0..af.len()).filter(|&a| labels[a] == Label::In).collect();
    let free: Vec<u32> = (0..af.len() as u32)
        .filter(|&a| labels[a as usize] == Label::Undec)
        .collect();
    let mut noop = || {};
    let mut c = Counter {
        af,
        sem,
        scc: true,
        deadline,
        memo: HashMap::new(),
        memo_words: 0,
        held: 0,
        pos: vec![u32::MAX; af.len()],
        tick: &mut noop,
    };
    if c.strongly_connected(&free) {
        return Ok(None);
    }
    let mut out: Vec<usize> = Vec::new();
    let mut bits: Vec<u64> = vec![0; af.len().div_ceil(64)];
    let mut late = false;
    let mut emitted = 0u32;
    let r = c.stream(&free, &[], 0, &mut |e: &[u32]| {
        emitted = emitted.wrapping_add(1);
        if emitted.is_multiple_of(1024) && deadline.is_some_and(|d| Instant::now() >= d) {
            late = true;
            return Flow::Stop;
        }
        // Sorted through a bit set: O(size + n/64), where sorting the
        // concatenation took an eighth of EE-CO on iccma17_aircoach.
        for &a in &fixed {
            bits[a / 64] |= 1 << (a % 64);
        }
        for &a in e {
            bits[a as usize / 64] |= 1 << (a % 64);
        }
        out.clear();
        for (w, word) in bits.iter_mut().enumerate() {
            while *word != 0 {
                out.push(w * 64 + word.trailing_zeros() as usize);
                *word &= *word - 1;
            }
        }
        f(&out)
    })?;
    if late {
        return Err(OutOfTime);
    }
    Ok(Some(r))
}

/// The number of extensions of `af` under `sem` (not grounded or ideal);
/// `tick` is called for every extension a leaf enumeration lists (progress).
/// Exact at any size.
pub(crate) fn count(
    af: &Framework,
    sem: Semantics,
    deadline: Option<Instant>,
    tick: &mut dyn FnMut(),
) -> Result<ExtensionCount, OutOfTime> {
    // With a stable extension, semi-stable and stage are stable (Caminada
    // 2006; Verheij 1996), which decomposes along SCCs: one call decides it.
    let sem = if matches!(sem, Semantics::SemiStable | Semantics::Stage)
        && sat::one(af, Semantics::Stable, deadline)?.is_some()
    {
        Semantics::Stable
    } else {
        sem
    };
    let args: Vec<u32> = if sem == Semantics::Stage {
        (0..af.len() as u32).collect()
    } else {
        let labels = grounded_labelling(af);
        (0..af.len() as u32)
            .filter(|&a| labels[a as usize] == Label::Undec)
            .collect()
    };
    let mut c = Counter {
        af,
        sem,
        scc: matches!(
            sem,
            Semantics::Complete | Semantics::Stable | Semantics::Preferred
        ),
        deadline,
        memo: HashMap::new(),
        memo_words: 0,
        held: 0,
        pos: vec![u32::MAX; af.len()],
        tick,
    };
    c.count(&args, &[], 0)
}

struct Counter<'a, 't> {
    af: &'a Framework,
    sem: Semantics,
    /// Whether the semantics decomposes along SCCs.
    scc: bool,
    deadline: Option<Instant>,
    /// Counts of subproblems, keyed by their arguments, `u32::MAX`, their blocked ones.
    memo: HashMap<Vec<u32>, ExtensionCount>,
    memo_words: usize,
    /// The `u32`s of extensions [`Counter::stream`] holds in lists now.
    held: usize,
    /// Scratch: the local index of each argument of the current subproblem.
    pos: Vec<u32>,
    tick: &'t mut dyn FnMut(),
}

/// A subproblem's framework: its arguments (global indices, sorted), then one
/// blocker when some are blocked.
struct Local {
    af: Framework,
    /// Attacks between the subproblem's arguments, in local indices.
    attacks: Vec<(u32, u32)>,
}

impl Counter<'_, '_> {
    /// The count of the subproblem: the arguments `args` (sorted), of which
    /// `blocked` (sorted) can no longer be IN.
    fn count(
        &mut self,
        args: &[u32],
        blocked: &[u32],
        depth: usize,
    ) -> Result<ExtensionCount, OutOfTime> {
        if args.is_empty() {
            return Ok(ExtensionCount::ONE);
        }
        if self.deadline.is_some_and(|d| Instant::now() >= d) {
            return Err(OutOfTime);
        }
        let mut key = Vec::with_capacity(args.len() + blocked.len() + 1);
        key.extend_from_slice(args);
        key.push(u32::MAX);
        key.extend_from_slice(blocked);
        if let Some(n) = self.memo.get(&key) {
            return Ok(n.clone());
        }
        let n = self.solve(args, blocked, depth)?;
        if self.memo_words + key.len() <= MEMO_WORDS {
            self.memo_words += key.len();
            self.memo.insert(key, n.clone());
        }
        Ok(n)
    }

    fn solve(
        &mut self,
        args: &[u32],
        blocked: &[u32],
        depth: usize,
    ) -> Result<ExtensionCount, OutOfTime> {
        let local = self.local(args, blocked);
        let parts = weak_components(args.len(), &local.attacks);
        if parts.len() > 1 {
            return count_labellings::product(parts.iter().map(|part| {
                let (sub, sub_blocked) = piece(args, blocked, part);
                self.count(&sub, &sub_blocked, depth + 1)
            }));
        }
        if let Some(labels) = self.labels(&local.af) {
            return count_labellings::count(&local.af, labels, self.deadline, &mut *self.tick);
        }
        let split = if self.scc && depth < MAX_DEPTH {
            self.split(args, blocked, &local)?
        } else {
            None
        };
        let Some(branches) = split else {
            return self.leaf(&local.af);
        };
        let mut total = ExtensionCount::ZERO;
        for (_, rest, rest_blocked) in branches {
            total += &self.count(&rest, &rest_blocked, depth + 1)?;
        }
        Ok(total)
    }

    /// The SCC step: `None` when the subproblem (one weakly connected piece)
    /// is strongly connected or its source SCC has too many extensions; else,
    /// for every extension of a source SCC `S`, its IN arguments (global
    /// indices) and the rest of the subproblem under the labels it gives:
    /// the arguments left (those no IN one attacks) and the blocked ones
    /// among them (attacked by an UNDEC one, or blocked before).
    #[allow(clippy::type_complexity)]
    fn split(
        &mut self,
        args: &[u32],
        blocked: &[u32],
        local: &Local,
    ) -> Result<Option<Vec<(Vec<u32>, Vec<u32>, Vec<u32>)>>, OutOfTime> {
        // SCCs of the arguments (the blocker, if any, is a source SCC of its own).
        let comp = components(local.af.attacks_csr());
        let k = args.len();
        let by_comp = members(&comp[..k]);
        if (0..by_comp.len())
            .filter(|&c| !by_comp.row(c).is_empty())
            .count()
            == 1
        {
            return Ok(None);
        }
        // The highest-numbered component is one no other component reaches.
        let source = comp[..k].iter().copied().max().unwrap_or(0) as usize;
        let s: Vec<u32> = by_comp.row(source).to_vec();
        let s_af = self.source_framework(args, blocked, &s);
        let mut exts: Vec<u32> = Vec::new();
        let mut ends: Vec<usize> = Vec::new();
        let mut too_big = false;
        let run = Run {
            sem: self.sem,
            limit: None,
            deadline: self.deadline,
        };
        let tick = &mut self.tick;
        run.each_plain(&s_af, |e| {
            tick();
            exts.extend(e.iter().filter(|&&a| a < s.len()).map(|&a| s[a]));
            ends.push(exts.len());
            if exts.len() + ends.len() * k > SOURCE_WORDS {
                too_big = true;
                Flow::Stop
            } else {
                Flow::Continue
            }
        })?;
        if too_big {
            return Ok(None);
        }
        let mut in_s = vec![false; k];
        for &i in &s {
            in_s[i as usize] = true;
        }
        let mut blocked_mask = vec![false; k];
        for &b in blocked {
            if let Ok(i) = args.binary_search(&b) {
                blocked_mask[i] = true;
            }
        }
        let attackers = |i: usize| local.af.attackers(i);
        // Labels of S's arguments: 0 UNDEC, 1 IN, 2 OUT.
        let mut state = vec![0u8; k];
        let mut branches = Vec::with_capacity(ends.len());
        let mut start = 0;
        for &end in &ends {
            for &i in &s {
                state[i as usize] = 0;
            }
            for &j in &exts[start..end] {
                state[j as usize] = 1;
            }
            for &i in &s {
                let i = i as usize;
                if state[i] == 0
                    && attackers(i)
                        .iter()
                        .any(|&b| (b as usize) < k && in_s[b as usize] && state[b as usize] == 1)
                {
                    state[i] = 2;
                }
            }
            let s_in: Vec<u32> = exts[start..end].iter().map(|&j| args[j as usize]).collect();
            start = end;
            let mut rest = Vec::new();
            let mut rest_blocked = Vec::new();
            for i in 0..k {
                if in_s[i] {
                    continue;
                }
                let mut out = false;
                let mut undec = blocked_mask[i];
                for &b in attackers(i) {
                    let b = b as usize;
                    if b < k && in_s[b] {
                        match state[b] {
                            1 => out = true,
                            0 => undec = true,
                            _ => {}
                        }
                    }
                }
                if !out {
                    rest.push(args[i]);
                    if undec {
                        rest_blocked.push(args[i]);
                    }
                }
            }
            branches.push((s_in, rest, rest_blocked));
        }
        Ok(Some(branches))
    }

    /// Calls `f` with every extension of the subproblem (global indices,
    /// unsorted), by the recursion of [`Counter::solve`]: a source SCC's
    /// extensions each followed by the rest's, streamed; of several weakly
    /// connected pieces, all but the one with the most extensions listed
    /// (while they fit in [`LIST_WORDS`], held by all levels together) and
    /// their product streamed with each extension of that one. Past the
    /// limits, the subproblem is enumerated whole ([`Counter::stream_leaf`]).
    fn stream(
        &mut self,
        args: &[u32],
        blocked: &[u32],
        depth: usize,
        f: &mut dyn FnMut(&[u32]) -> Flow,
    ) -> Result<Flow, OutOfTime> {
        if args.is_empty() {
            return Ok(f(&[]));
        }
        if self.deadline.is_some_and(|d| Instant::now() >= d) {
            return Err(OutOfTime);
        }
        let local = self.local(args, blocked);
        let parts = weak_components(args.len(), &local.attacks);
        if parts.len() > 1 {
            let mut subs = Vec::with_capacity(parts.len());
            for part in parts {
                let (sub, sub_blocked) = piece(args, blocked, &part);
                let n = self.count(&sub, &sub_blocked, depth + 1)?;
                if n.is_zero() {
                    return Ok(Flow::Continue);
                }
                subs.push((sub, sub_blocked, n));
            }
            // The piece streamed: the most extensions (words, saturating).
            let weight = |sub: &[u32], n: &ExtensionCount| {
                n.to_u128()
                    .map_or(u128::MAX, |n| n.saturating_mul(sub.len() as u128 + 1))
            };
            let big = (0..subs.len())
                .max_by_key(|&i| weight(&subs[i].0, &subs[i].2))
                .unwrap_or(0);
            let (big_args, big_blocked, _) = subs.swap_remove(big);
            let mut words = 0usize;
            for (sub, _, n) in &subs {
                let w = weight(sub, n);
                words = words.saturating_add(usize::try_from(w).unwrap_or(usize::MAX));
            }
            if self.held.saturating_add(words) > LIST_WORDS {
                return self.stream_leaf(args, blocked, f);
            }
            self.held += words;
            let mut lists: Vec<Vec<Vec<u32>>> = Vec::with_capacity(subs.len());
            for (sub, sub_blocked, _) in &subs {
                lists.push(self.list(sub, sub_blocked, depth + 1)?);
            }
            let mut buf: Vec<u32> = Vec::new();
            let mut at = vec![0usize; lists.len()];
            let r = self.stream(&big_args, &big_blocked, depth + 1, &mut |e| {
                // The product of the listed pieces, an odometer over their lists.
                at.fill(0);
                loop {
                    buf.clear();
                    buf.extend_from_slice(e);
                    for (l, &i) in lists.iter().zip(&at) {
                        buf.extend_from_slice(&l[i]);
                    }
                    if f(&buf) == Flow::Stop {
                        return Flow::Stop;
                    }
                    let mut k = 0;
                    loop {
                        if k == at.len() {
                            return Flow::Continue;
                        }
                        at[k] += 1;
                        if at[k] < lists[k].len() {
                            break;
                        }
                        at[k] = 0;
                        k += 1;
                    }
                }
            });
            self.held -= words;
            return r;
        }
        let split = if depth < MAX_DEPTH {
            self.split(args, blocked, &local)?
        } else {
            None
        };
        let Some(branches) = split else {
            return self.stream_leaf(args, blocked, f);
        };
        let mut buf: Vec<u32> = Vec::new();
        for (s_in, rest, rest_blocked) in branches {
            let r = self.stream(&rest, &rest_blocked, depth + 1, &mut |tail| {
                buf.clear();
                buf.extend_from_slice(&s_in);
                buf.extend_from_slice(tail);
                f(&buf)
            })?;
            if r == Flow::Stop {
                return Ok(Flow::Stop);
            }
        }
        Ok(Flow::Continue)
    }

    /// Calls `f` with every extension of a subproblem by enumerating its
    /// framework's (global indices).
    fn stream_leaf(
        &mut self,
        args: &[u32],
        blocked: &[u32],
        f: &mut dyn FnMut(&[u32]) -> Flow,
    ) -> Result<Flow, OutOfTime> {
        let local = self.local(args, blocked);
        let run = Run {
            sem: self.sem,
            limit: None,
            deadline: self.deadline,
        };
        let k = args.len();
        let mut buf: Vec<u32> = Vec::new();
        run.each_plain(&local.af, |e| {
            buf.clear();
            buf.extend(e.iter().filter(|&&i| i < k).map(|&i| args[i]));
            f(&buf)
        })
    }

    /// Whether the arguments `args` (sorted) form one SCC.
    fn strongly_connected(&mut self, args: &[u32]) -> bool {
        let local = self.local(args, &[]);
        let comp = components(local.af.attacks_csr());
        comp.iter().all(|&c| c == comp[0])
    }

    /// Every extension of a subproblem by listing its framework's; `None`
    /// past [`LIST_WORDS`].
    fn leaf_list(
        &mut self,
        args: &[u32],
        blocked: &[u32],
    ) -> Result<Option<Vec<Vec<u32>>>, OutOfTime> {
        let local = self.local(args, blocked);
        let run = Run {
            sem: self.sem,
            limit: None,
            deadline: self.deadline,
        };
        let mut all: Vec<Vec<u32>> = Vec::new();
        let mut words = 0usize;
        let k = args.len();
        run.each_plain(&local.af, |e| {
            words += e.len() + 1;
            all.push(e.iter().filter(|&&i| i < k).map(|&i| args[i]).collect());
            if words > LIST_WORDS {
                Flow::Stop
            } else {
                Flow::Continue
            }
        })?;
        Ok((words <= LIST_WORDS).then_some(all))
    }

    /// Every extension of a subproblem (global indices, unsorted), by the
    /// recursion of [`Counter::solve`]; the caller checked with
    /// [`Counter::count`] that they fit in memory.
    fn list(
        &mut self,
        args: &[u32],
        blocked: &[u32],
        depth: usize,
    ) -> Result<Vec<Vec<u32>>, OutOfTime> {
        if args.is_empty() {
            return Ok(vec![Vec::new()]);
        }
        if self.deadline.is_some_and(|d| Instant::now() >= d) {
            return Err(OutOfTime);
        }
        let local = self.local(args, blocked);
        let parts = weak_components(args.len(), &local.attacks);
        if parts.len() > 1 {
            let mut all: Vec<Vec<u32>> = vec![Vec::new()];
            for part in parts {
                let (sub, sub_blocked) = piece(args, blocked, &part);
                let l = self.list(&sub, &sub_blocked, depth + 1)?;
                all = all
                    .iter()
                    .flat_map(|a| {
                        l.iter().map(move |b| {
                            let mut e = a.clone();
                            e.extend_from_slice(b);
                            e
                        })
                    })
                    .collect();
                if all.is_empty() {
                    break;
                }
            }
            return Ok(all);
        }
        let split = if depth < MAX_DEPTH {
            self.split(args, blocked, &local)?
        } else {
            None
        };
        let Some(branches) = split else {
            let l = self.leaf_list(args, blocked)?;
            return Ok(l.unwrap_or_default());
        };
        let mut all = Vec::new();
        for (s_in, rest, rest_blocked) in branches {
            for tail in self.list(&rest, &rest_blocked, depth + 1)? {
                let mut e = s_in.clone();
                e.extend_from_slice(&tail);
                all.push(e);
            }
        }
        Ok(all)
    }

    /// The framework of `args` (local indices `0..k` in order) with a blocker
    /// `k` attacking the blocked ones (and itself) if there are any.
    fn local(&mut self, args: &[u32], blocked: &[u32]) -> Local {
        let k = args.len();
        for (i, &a) in args.iter().enumerate() {
            self.pos[a as usize] = i as u32;
        }
        let mut attacks = Vec::new();
        for (i, &a) in args.iter().enumerate() {
            for &b in self.af.attackers(a as usize) {
                let p = self.pos[b as usize];
                if p != u32::MAX {
                    attacks.push((p, i as u32));
                }
            }
        }
        for &a in args {
            self.pos[a as usize] = u32::MAX;
        }
        let mut all = attacks.clone();
        if !blocked.is_empty() {
            let blocker = k as u32;
            all.push((blocker, blocker));
            for &b in blocked {
                if let Ok(i) = args.binary_search(&b) {
                    all.push((blocker, i as u32));
                }
            }
        }
        let n = k + usize::from(!blocked.is_empty());
        Local {
            af: Framework::numbered(n, &all),
            attacks,
        }
    }

    /// The framework of the source SCC `s` (local indices of the subproblem),
    /// with a blocker if some of it is blocked.
    fn source_framework(&mut self, args: &[u32], blocked: &[u32], s: &[u32]) -> Framework {
        let s_args: Vec<u32> = s.iter().map(|&i| args[i as usize]).collect();
        let s_blocked: Vec<u32> = blocked
            .iter()
            .copied()
            .filter(|b| s_args.binary_search(b).is_ok())
            .collect();
        self.local(&s_args, &s_blocked).af
    }

    /// The labellings that count a subproblem's extensions when the model
    /// counter of `count_labellings.rs` is to count them: complete or stable
    /// semantics on a sparse framework (see [`SPARSE`], [`SPARSE_UNDEC`]).
    fn labels(&self, af: &Framework) -> Option<Labels> {
        let (labels, per_argument) = match self.sem {
            Semantics::Complete => (Labels::Complete, SPARSE_UNDEC),
            Semantics::Stable => (Labels::Stable, SPARSE),
            _ => return None,
        };
        sparse(af, per_argument).then_some(labels)
    }

    /// Counts the extensions of a subproblem's framework by listing them.
    fn leaf(&mut self, af: &Framework) -> Result<ExtensionCount, OutOfTime> {
        let run = Run {
            sem: self.sem,
            limit: None,
            deadline: self.deadline,
        };
        let mut n: u128 = 0;
        let tick = &mut self.tick;
        run.each_plain(af, |_| {
            tick();
            n += 1;
            Flow::Continue
        })?;
        Ok(ExtensionCount::from(n))
    }
}

/// Whether `af` has at most `per_argument` attacks per argument.
pub(crate) fn sparse(af: &Framework, per_argument: usize) -> bool {
    af.attack_count() <= per_argument * af.len()
}

/// One weakly connected piece of `args`: its arguments (`part` holds local
/// indices into `args`) and those of `blocked` among them, both sorted as
/// `args` is.
fn piece(args: &[u32], blocked: &[u32], part: &[u32]) -> (Vec<u32>, Vec<u32>) {
    let sub: Vec<u32> = part.iter().map(|&i| args[i as usize]).collect();
    let sub_blocked = blocked
        .iter()
        .copied()
        .filter(|b| sub.binary_search(b).is_ok())
        .collect();
    (sub, sub_blocked)
}

/// The weakly connected components of `0..k` under `attacks` (local
/// indices), each sorted, in order of their least member.
fn weak_components(k: usize, attacks: &[(u32, u32)]) -> Vec<Vec<u32>> {
    let mut parent: Vec<u32> = (0..k as u32).collect();
    fn find(p: &mut [u32], mut x: u32) -> u32 {
        while p[x as usize] != x {
            let up = p[p[x as usize] as usize];
            p[x as usize] = up;
            x = up;
        }
        x
    }
    for &(a, b) in attacks {
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb) as usize] = ra.min(rb);
        }
    }
    let mut index = vec![u32::MAX; k];
    let mut parts: Vec<Vec<u32>> = Vec::new();
    for i in 0..k as u32 {
        let r = find(&mut parent, i) as usize;
        if index[r] == u32::MAX {
            index[r] = parts.len() as u32;
            parts.push(Vec::new());
        }
        parts[index[r] as usize].push(i);
    }
    parts
}
