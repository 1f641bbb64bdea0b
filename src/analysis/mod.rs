//! The analyses, the pipeline's stage after [`crate::semantics`]: each takes an
//! evaluated graph and answers one question about it.
//!
//! * [`whatif`]: strengths before and after a scenario (removals, new base
//!   scores and weights).
//! * [`contrib`]: how much each node contributes to a topic's strength
//!   (removal, intrinsic removal, Shapley, gradient).
//! * [`flip`]: the smallest sets of removals that move a topic across a threshold.
//! * [`explain`]: why one node has its strength, every number shown.
//! * [`expect`]: the expectations a file states about its own strengths.
//! * [`grade`]: a student's map compared with a model answer: findings, a score
//!   and both verdicts.
//! * [`sensitivity`]: whether a verdict comes from the evidence: strengths under
//!   every semantics, the structure-only baseline, a tornado of bases and weights,
//!   and a seeded Monte Carlo run.
//!
//! They are reached through the crate root's re-exports (`argmap::compare`,
//! `argmap::contributions`, ...).

pub(crate) mod contrib;
pub(crate) mod expect;
pub(crate) mod explain;
pub(crate) mod flip;
pub(crate) mod grade;
pub(crate) mod sensitivity;
pub(crate) mod whatif;
