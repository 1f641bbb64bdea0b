//! `weighted-max-based` (attack-only).
//!
//! **Formula.** `σ(a) = τ / (1 + max_{b attacks a} w·σ(b))`, with the maximum 0
//! when there is no attacker.
//!
//! **Reference.** L. Amgoud, J. Ben-Naim, D. Doder, S. Vesic, "Acceptability
//! semantics for weighted argumentation frameworks", IJCAI 2017 (weighted
//! max-based). The edge weight `w` is argmap's extension.
//!
//! **Guarantees.** Strengths in `[τ/2, τ]`: even the strongest attack only halves a
//! node (for edge weights `<= 1`). Without edge weights the iteration has a unique
//! limit on every graph (Amgoud et al. 2017); with edge weights above 1 argmap
//! reports non-convergence if it happens.
//!
//! **Quirks.** Only the strongest attacker counts: adding weaker attackers changes
//! nothing. A graph with a support edge is refused
//! ([`crate::Error::SupportsInAttackOnly`]).

use super::SemanticsKind;
use super::core::{AttackMax, Divide, Semantics};

/// Weighted max-based.
pub(crate) struct MaxBased;

impl Semantics for MaxBased {
    const KIND: SemanticsKind = SemanticsKind::WeightedMaxBased;
    type Agg = AttackMax;
    type Infl = Divide;
}
