//! The built-in catalogue of argumentation schemes and their critical questions
//! (Walton, Reed & Macagno 2008), and which questions a map answers.
//!
//! The catalogue is data (`src/schemes.ron`, embedded in the binary and read
//! once); no scheme has code of its own. An inference (a `Support` or `Attack`,
//! possibly linked) names its scheme with `scheme: "expert_opinion"`; an
//! `Undercut` of it, or an `Attack` on one of its premises or on its
//! conclusion, says which critical question it raises with `question: "CQ4"`.
//! [`questions`] lists, for every scheme-bearing inference, each question and
//! what answers it. `docs/schemes.md` documents the catalogue and its sources.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::graph::ArgGraph;
use crate::model::EdgeKind;

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

/// The critical questions of every scheme-bearing inference of a graph.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Questions {
    /// One entry per edge with a `scheme`, in file order.
    pub inferences: Vec<InferenceQuestions>,
}

/// One inference and its critical questions.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InferenceQuestions {
    /// The edge's id (`#N`, its 1-based position among the edges, if it has none).
    pub edge: String,
    /// The edge's kind.
    pub kind: &'static str,
    /// Its premises.
    pub from: Vec<String>,
    /// Its target node (for an undercut: the edge it undercuts).
    pub to: String,
    /// The scheme's id.
    pub scheme: String,
    /// The scheme's name.
    pub name: String,
    /// Every question of the scheme, answered or open.
    pub questions: Vec<QuestionStatus>,
}

/// A critical question and what in the map raises it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuestionStatus {
    /// `CQ1`, ...
    pub id: String,
    /// The question.
    pub text: String,
    /// The premises of the undercuts and attacks that carry this question
    /// (node ids, in file order); empty while the question is open.
    pub answered_by: Vec<String>,
    /// The premises of supports that carry this question: a reply in the
    /// inference's favour (node ids, in file order).
    pub defended_by: Vec<String>,
}

impl QuestionStatus {
    /// Whether nothing in the map raises the question.
    pub fn is_open(&self) -> bool {
        self.answered_by.is_empty()
    }
}

/// The label of edge `j` in reports: its id, or `#N` (1-based).
pub fn edge_label(g: &ArgGraph, j: usize) -> String {
    match &g.model().edges[j].data().id {
        Some(id) => id.clone(),
        None => format!("#{}", j + 1),
    }
}

/// Lists the critical questions of every scheme-bearing inference of `g`.
///
/// A question of the inference `e` is answered by an edge `x` carrying
/// `question: "CQn"` when `x` undercuts `e`, or attacks one of `e`'s premises
/// or `e`'s target (an `Attack` there answers it against the inference, a
/// `Support` defends it).
pub fn questions(g: &ArgGraph) -> Questions {
    let model = g.model();
    let mut inferences = vec![];
    for (j, e) in model.edges.iter().enumerate() {
        let d = e.data();
        let Some(s) = d.scheme.as_deref().and_then(scheme) else {
            continue;
        };
        let mut qs: Vec<QuestionStatus> = s
            .questions
            .iter()
            .map(|q| QuestionStatus {
                id: q.id.clone(),
                text: q.text.clone(),
                answered_by: vec![],
                defended_by: vec![],
            })
            .collect();
        for (k, x) in model.edges.iter().enumerate() {
            let Some(qid) = x.data().question.as_deref() else {
                continue;
            };
            if !answers(g, k, j) {
                continue;
            }
            if let Some(q) = qs.iter_mut().find(|q| q.id == qid) {
                let list = match x.kind() {
                    EdgeKind::Support => &mut q.defended_by,
                    EdgeKind::Attack | EdgeKind::Undercut => &mut q.answered_by,
                };
                list.extend(x.data().from.iter().cloned());
            }
        }
        inferences.push(InferenceQuestions {
            edge: edge_label(g, j),
            kind: e.kind().name(),
            from: d.from.clone(),
            to: d.to.clone(),
            scheme: s.id.clone(),
            name: s.name.clone(),
            questions: qs,
        });
    }
    Questions { inferences }
}

/// Whether edge `k` bears on the inference of edge `j`: it undercuts `j`, or
/// it targets one of `j`'s premises or (for a node edge) `j`'s target node.
pub(crate) fn answers(g: &ArgGraph, k: usize, j: usize) -> bool {
    let lk = g.links()[k];
    let lj = g.links()[j];
    match lk.kind {
        EdgeKind::Undercut => lk.to == j,
        _ => (lj.kind != EdgeKind::Undercut && lk.to == lj.to) || g.premises(j).contains(&lk.to),
    }
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
