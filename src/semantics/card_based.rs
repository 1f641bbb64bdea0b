//! `weighted-card-based` (attack-only).
//!
//! **Formula.** With `Att⁺(a)` the attackers of `a` whose *base* score is above 0
//! ("founded" attackers): `σ(a) = τ / (1 + |Att⁺| + Σ_{b ∈ Att⁺} w·σ(b) / |Att⁺|)`,
//! and `σ(a) = τ` when `Att⁺` is empty.
//!
//! **Reference.** L. Amgoud, J. Ben-Naim, D. Doder, S. Vesic, "Acceptability
//! semantics for weighted argumentation frameworks", IJCAI 2017 (weighted
//! card-based). The edge weight `w` is argmap's extension.
//!
//! **Guarantees.** Strengths in `[0, τ]`. The number of founded attackers dominates
//! (cardinality precedence): of two nodes with the same base, the one with more
//! founded attackers of positive weighted strength always ends lower, whatever
//! their strengths, as long as weights are at most 1; a weight above 1 can make
//! one attack count for more than an attacker (see `docs/principles.md`).
//!
//! **Quirks.** `Att⁺` is decided by the attacker's *base*, not by its current
//! strength or its edge weight: an attacker with base 0 is ignored entirely, while
//! an attacker with base 0.001 (or weight 0) still counts fully in `|Att⁺|`. A graph
//! with a support edge is refused ([`crate::Error::SupportsInAttackOnly`]).

use super::SemanticsKind;
use super::core::{AttackCard, Divide, Semantics};

/// Weighted card-based.
pub(crate) struct CardBased;

impl Semantics for CardBased {
    const KIND: SemanticsKind = SemanticsKind::WeightedCardBased;
    const USES_FOUNDED: bool = true;
    type Agg = AttackCard;
    type Infl = Divide;
}
