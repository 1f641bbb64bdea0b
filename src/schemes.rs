//! The built-in catalogue of argumentation schemes and their critical questions
//! (Walton, Reed & Macagno 2008), and which questions a map answers.
//!
//! The catalogue is data (`src/schemes.ron`, embedded in the binary and read
//! once); no scheme has code of its own. `docs/schemes.md` documents the
//! catalogue and its sources.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// One argumentation scheme: its premise roles, conclusion and critical
/// questions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scheme {
    /// The id used in files (`scheme: "expert_opinion"`).
    pub id: String,
    /// Its name, e.g. "Argument from expert opinion".
    pub name: String,
    /// The premises, in the usual order.
    pub premises: Vec<Role>,
    /// The conclusion's form.
    pub conclusion: String,
    /// The critical questions, `CQ1`, `CQ2`, ... in order.
    pub questions: Vec<Question>,
    /// Where the scheme is taken from.
    pub source: String,
}

/// A premise of a scheme.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Role {
    /// A short name (`major`, `minor`, `goal`, ...).
    pub id: String,
    /// The premise's form.
    pub text: String,
    /// Whether maps commonly leave it implicit (a general rule, a warrant): a
    /// linked edge may then give one premise fewer.
    #[serde(default)]
    pub optional: bool,
}

/// A critical question of a scheme.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Question {
    /// `CQ1`, `CQ2`, ...
    pub id: String,
    /// A one- or two-word name (`expertise`, `bias`).
    pub name: String,
    /// The question.
    pub text: String,
}

impl Scheme {
    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// How many premises an inference of this scheme may have: every role, or
    /// every role but the optional ones.
    pub fn premise_range(&self) -> std::ops::RangeInclusive<usize> {
        let required = self.premises.iter().filter(|r| !r.optional).count();
        required..=self.premises.len()
    }
}

/// The catalogue, in file order (read from `src/schemes.ron` on first use).
pub fn catalogue() -> &'static [Scheme] {
    static CATALOGUE: OnceLock<Vec<Scheme>> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        // The file is part of the source, and a test reads it: a mistake in it
        // fails the build's tests, never a user's run.
        ron::from_str(include_str!("schemes.ron")).expect("src/schemes.ron is valid")
    })
}

/// The scheme with this id.
pub fn scheme(id: &str) -> Option<&'static Scheme> {
    catalogue().iter().find(|s| s.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The catalogue reads, has the twelve schemes the format promises, and
    /// numbers each scheme's questions CQ1, CQ2, ... without gaps.
    #[test]
    fn catalogue_is_complete_and_numbered() {
        let ids: Vec<&str> = catalogue().iter().map(|s| s.id.as_str()).collect();
        for want in [
            "expert_opinion",
            "position_to_know",
            "witness_testimony",
            "popular_opinion",
            "analogy",
            "example",
            "sign",
            "cause_to_effect",
            "correlation_to_cause",
            "consequences",
            "practical_reasoning",
            "verbal_classification",
        ] {
            assert!(ids.contains(&want), "{want} missing from {ids:?}");
        }
        for s in catalogue() {
            assert!(
                !s.premises.is_empty() && !s.questions.is_empty(),
                "{}",
                s.id
            );
            for (i, q) in s.questions.iter().enumerate() {
                assert_eq!(q.id, format!("CQ{}", i + 1), "{}", s.id);
            }
            assert!(!s.premise_range().is_empty(), "{}", s.id);
        }
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), ids.len(), "duplicate scheme id");
    }

    #[test]
    fn expert_opinion_has_two_premises_and_six_questions() {
        // Walton, Reed & Macagno 2008: major and minor premise, six critical
        // questions (expertise, field, opinion, trustworthiness, consistency,
        // backup evidence).
        let s = scheme("expert_opinion").unwrap();
        assert_eq!(s.premise_range(), 2..=2);
        assert_eq!(s.questions.len(), 6);
        assert_eq!(s.question("CQ4").unwrap().name, "trustworthiness");
        assert!(scheme("expert").is_none());
    }
}
