//! `weighted-h-categorizer` (attack-only).
//!
//! **Formula.** `σ(a) = τ / (1 + Σ_{b attacks a} w·σ(b))`.
//!
//! **Reference.** L. Amgoud, J. Ben-Naim, D. Doder, S. Vesic, "Acceptability
//! semantics for weighted argumentation frameworks", IJCAI 2017 (weighted
//! h-categorizer). The edge weight `w` is argmap's extension (the paper has none):
//! with all weights 1 it is the paper's semantics.
//!
//! **Guarantees.** Strengths in `[0, τ]`; attacks only ever lower a node. Without
//! edge weights (all 1) the iteration has a unique limit on every graph (Amgoud et
//! al. 2017); with edge weights above 1 this is not guaranteed, and argmap reports
//! non-convergence if it happens.
//!
//! **Quirks.** Supports are not part of the semantics: a graph with a support edge
//! is refused with [`crate::Error::SupportsInAttackOnly`]. Many weak attackers add
//! up and can beat one strong attacker.

use super::SemanticsKind;
use super::core::{AttackSum, Divide, Semantics};

/// Weighted h-categorizer.
pub(crate) struct HCategorizer;

impl Semantics for HCategorizer {
    const KIND: SemanticsKind = SemanticsKind::WeightedHCategorizer;
    type Agg = AttackSum;
    type Infl = Divide;
}
