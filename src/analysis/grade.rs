//! Grading a student's map against a model answer (`argmap grade`).
//!
//! [`grade`] matches the student's nodes to the model's (by identical text,
//! then by id, then by text similarity: a student's ids and wording differ
//! from the model's), compares the edges through that matching, and returns
//! [`Finding`]s a student can read, a score from 0 to 100 computed with a
//! [`Rubric`], and the verdict each map gives on its conclusion. Everything is
//! data; the CLI renders it. `docs/teaching.md` documents the score.
//!
//! ```
//! let text = r#"ArgumentGraph(
//!     conclusion: "h",
//!     nodes: [
//!         Node(id: "h", kind: Claim, text: "Sam took the bike.", base: 0.5),
//!         Node(id: "e", kind: Evidence, text: "A witness saw Sam ride off on it.", base: 0.8, cite: (ref: "Statement")),
//!     ],
//!     edges: [Support(from: "e", to: "h")],
//! )"#;
//! let model = argmap::build(&argmap::check(&argmap::Source::new("model.ron", text))?);
//! // The student drew the edge the wrong way round, with ids of their own.
//! let student_text = text.replace("\"h\"", "\"bike\"").replace("\"e\"", "\"saw\"")
//!     .replace("from: \"saw\", to: \"bike\"", "from: \"bike\", to: \"saw\"");
//! let student = argmap::build(&argmap::check(&argmap::Source::new("student.ron", student_text))?);
//! let g = argmap::grade(&student, &model, &argmap::GradeOptions::default())?;
//! assert_eq!(g.findings.len(), 1);
//! assert_eq!(g.findings[0].kind, argmap::FindingKind::Reversed);
//! assert_eq!(g.matched[0].student, "bike"); // matched by identical text
//! // 20 for the conclusion, 30 for both nodes, half of the edge's 50 for a reversed edge.
//! assert_eq!(g.score, 75);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::graph::ArgGraph;
use crate::model::{ArgumentGraph, EdgeKind, NodeKind, SemanticsKind};
use crate::semantics::{Params, evaluate_graph};

/// The weights of the score (`rubric.ron` beside an exercise's model; every
/// field optional, the defaults below). Points are earned for the conclusion,
/// for the model's nodes found and for its edges drawn right; a flawed edge
/// loses a share of its points; extras may cost points.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Rubric {
    /// Points for choosing the model's conclusion. Default 20.
    pub conclusion: f64,
    /// Points shared equally by the model's nodes, earned for each one found.
    /// Default 30.
    pub nodes: f64,
    /// Points shared equally by the model's edges, earned for each one drawn
    /// right. Default 50.
    pub edges: f64,
    /// Share of an edge's points lost when it is drawn the wrong way round.
    /// Default 0.5.
    pub reversed: f64,
    /// Share lost when it supports where the model attacks, or the reverse.
    /// Default 0.5.
    pub polarity: f64,
    /// Share lost when co-premises are drawn as independent reasons, or the
    /// reverse. Default 0.5.
    pub linked: f64,
    /// Share lost when an attack on a claim stands for an attack on an
    /// inference (an undercut), or the reverse. Default 0.5.
    pub undercut: f64,
    /// Points lost for each node or edge not in the model. Default 0: an extra
    /// is not necessarily wrong.
    pub extra: f64,
    /// The least text similarity (0 to 1) at which a student's node is taken
    /// for a model node it does not share its id with. Default 0.5.
    pub similarity: f64,
}

impl Default for Rubric {
    fn default() -> Self {
        Rubric {
            conclusion: 20.0,
            nodes: 30.0,
            edges: 50.0,
            reversed: 0.5,
            polarity: 0.5,
            linked: 0.5,
            undercut: 0.5,
            extra: 0.0,
            similarity: 0.5,
        }
    }
}

impl Rubric {
    /// Reads a rubric from RON text (`Rubric(nodes: 40, edges: 40, ...)`,
    /// every field optional) and checks its values. The error names the
    /// position or the field and what is allowed.
    pub fn from_ron(text: &str) -> Result<Rubric, String> {
        let r: Rubric = ron::from_str(text).map_err(|e| {
            format!(
                "{}:{}: {} (fields: conclusion, nodes, edges, reversed, polarity, linked, undercut, extra, similarity)",
                e.span.start.line, e.span.start.col, e.code
            )
        })?;
        r.checked()
    }

    /// The rubric, or what is wrong with it: points finite and `>= 0`, not all
    /// zero; shares and the similarity within `[0, 1]`.
    pub fn checked(self) -> Result<Rubric, String> {
        for (name, v) in [
            ("conclusion", self.conclusion),
            ("nodes", self.nodes),
            ("edges", self.edges),
            ("extra", self.extra),
        ] {
            if !(v.is_finite() && v >= 0.0) {
                return Err(format!("`{name}` must be a number of points >= 0, not {v}"));
            }
        }
        for (name, v) in [
            ("reversed", self.reversed),
            ("polarity", self.polarity),
            ("linked", self.linked),
            ("undercut", self.undercut),
            ("similarity", self.similarity),
        ] {
            if !(0.0..=1.0).contains(&v) {
                return Err(format!("`{name}` must be within [0, 1], not {v}"));
            }
        }
        if self.total() <= 0.0 {
            return Err("`conclusion`, `nodes` and `edges` are all 0: nothing to score".into());
        }
        Ok(self)
    }

    /// The points there are: conclusion + nodes + edges.
    pub fn total(&self) -> f64 {
        self.conclusion + self.nodes + self.edges
    }

    /// The share of an edge's points a finding of `kind` costs.
    fn share_lost(&self, kind: FindingKind) -> f64 {
        match kind {
            FindingKind::Reversed => self.reversed,
            FindingKind::Polarity => self.polarity,
            FindingKind::Linked => self.linked,
            FindingKind::Undercut => self.undercut,
            _ => 1.0,
        }
    }
}

/// How [`grade`] runs.
#[derive(Clone, Debug, Default)]
pub struct GradeOptions {
    /// The score's weights.
    pub rubric: Rubric,
    /// The semantics both maps are evaluated with for the verdicts (default:
    /// the model file's `semantics`, else quadratic-energy).
    pub semantics: Option<SemanticsKind>,
    /// Evaluation parameters.
    pub params: Params,
}

/// What a finding is about. The names (`missing`, `extra`, ...) are those of
/// `argmap grade --json`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FindingKind {
    /// A node or edge of the model that the student's map does not have.
    Missing,
    /// A node or edge that is not in the model (not necessarily wrong).
    Extra,
    /// An edge drawn the wrong way round.
    Reversed,
    /// A support where the model attacks, or the reverse.
    Polarity,
    /// Co-premises drawn as independent reasons, or the reverse.
    Linked,
    /// An attack on a claim where the model attacks an inference, or the reverse.
    Undercut,
    /// A different conclusion.
    Conclusion,
}

impl FindingKind {
    /// `missing`, `extra`, `reversed`, `polarity`, `linked`, `undercut` or `conclusion`.
    pub fn name(self) -> &'static str {
        match self {
            FindingKind::Missing => "missing",
            FindingKind::Extra => "extra",
            FindingKind::Reversed => "reversed",
            FindingKind::Polarity => "polarity",
            FindingKind::Linked => "linked",
            FindingKind::Undercut => "undercut",
            FindingKind::Conclusion => "conclusion",
        }
    }

    /// Every kind, in report order.
    pub const ALL: [FindingKind; 7] = [
        FindingKind::Conclusion,
        FindingKind::Missing,
        FindingKind::Reversed,
        FindingKind::Polarity,
        FindingKind::Linked,
        FindingKind::Undercut,
        FindingKind::Extra,
    ];
}

/// One thing the student's map does differently from the model.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// What kind of difference.
    pub kind: FindingKind,
    /// The student's node ids involved (empty when the student has none).
    pub student: Vec<String>,
    /// The model's node ids involved (empty for an extra).
    pub model: Vec<String>,
    /// A sentence for the student.
    pub message: String,
}

/// How a student's node was matched to a model node.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum MatchedBy {
    /// Same id (and the texts are not unrelated).
    Id,
    /// Text similarity in `[0, 1]` (1: the same text).
    Text(f64),
}

/// A student's node taken for a model node.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeMatch {
    /// The student's id.
    pub student: String,
    /// The model's id.
    pub model: String,
    /// Why.
    pub by: MatchedBy,
    /// The texts' similarity ([`text_similarity`]), whatever the match was by.
    pub similarity: f64,
}

/// The conclusion's strength in each map.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    /// The semantics both were evaluated with.
    pub semantics: SemanticsKind,
    /// The student's conclusion, or why the student's map could not be
    /// evaluated under the semantics.
    pub student: Result<f64, Error>,
    /// The model's conclusion.
    pub model: f64,
}

/// Where the score's points came from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Points {
    /// For the conclusion.
    pub conclusion: f64,
    /// For the model's nodes found.
    pub nodes: f64,
    /// For the model's edges (flawed edges earn part).
    pub edges: f64,
    /// Lost for extras.
    pub extra: f64,
    /// The rubric's total.
    pub total: f64,
}

/// The result of [`grade`].
#[derive(Clone, Debug, PartialEq)]
pub struct Grade {
    /// 0 to 100: the points earned as a share of the rubric's total, rounded.
    pub score: u32,
    /// The breakdown.
    pub points: Points,
    /// The matching used, in the student's node order.
    pub matched: Vec<NodeMatch>,
    /// The differences, conclusion first, then in the model's order, extras last.
    pub findings: Vec<Finding>,
    /// The conclusion's strength in each map.
    pub verdict: Verdict,
}

/// Grades a student's map against a model answer.
///
/// # Returns
/// * `Ok`: the matching, the findings, the score and the verdicts. Grading the
///   model against itself gives 100 and no findings; renaming ids changes
///   nothing but the student ids reported.
/// * `Err`: the model could not be evaluated under the semantics (a student's
///   map that cannot be is reported in [`Verdict::student`]).
///
/// # Complexity
/// O(n·m) text comparisons for n student and m model nodes, plus
/// O(e·f) edge comparisons and two evaluations.
pub fn grade(student: &ArgGraph, model: &ArgGraph, opts: &GradeOptions) -> Result<Grade, Error> {
    let kind = opts.semantics.unwrap_or_else(|| {
        model
            .model()
            .semantics
            .as_deref()
            .and_then(SemanticsKind::from_name)
            .unwrap_or_default()
    });
    let model_strength = evaluate_graph(model, kind, &opts.params)?.strengths[model.conclusion()];
    let student_strength =
        evaluate_graph(student, kind, &opts.params).map(|e| e.strengths[student.conclusion()]);
    let (s, m) = (student.model(), model.model());
    let pairs = match_nodes(s, m, opts.rubric.similarity);
    let mut to_model: Vec<Option<usize>> = vec![None; s.nodes.len()];
    let mut to_student: Vec<Option<usize>> = vec![None; m.nodes.len()];
    let mut matched = vec![];
    for &(i, j, by) in &pairs {
        to_model[i] = Some(j);
        to_student[j] = Some(i);
        matched.push(NodeMatch {
            student: s.nodes[i].id.clone(),
            model: m.nodes[j].id.clone(),
            by,
            similarity: match by {
                MatchedBy::Text(x) => x,
                MatchedBy::Id => text_similarity(&s.nodes[i].text, &m.nodes[j].text),
            },
        });
    }
    let cx = Cx {
        s,
        m,
        to_model: &to_model,
        to_student: &to_student,
    };
    let mut findings = vec![];
    let rubric = &opts.rubric;

    // The conclusion.
    let sc = student.conclusion();
    let mc = model.conclusion();
    let conclusion_ok = to_model[sc] == Some(mc);
    if !conclusion_ok {
        let yours = match to_student[mc] {
            Some(i) => format!(
                "; it is in your map as {}, so make that your conclusion",
                cx.s_label(i)
            ),
            None => String::new(),
        };
        findings.push(Finding {
            kind: FindingKind::Conclusion,
            student: vec![s.nodes[sc].id.clone()],
            model: vec![m.nodes[mc].id.clone()],
            message: format!(
                "Your conclusion is {}, but the passage argues for {}{yours}. The conclusion is what the other statements are given as reasons for.",
                cx.s_label(sc),
                cx.m_label(mc)
            ),
        });
    }

    // The nodes.
    for (j, n) in m.nodes.iter().enumerate() {
        if to_student[j].is_none() {
            findings.push(Finding {
                kind: FindingKind::Missing,
                student: vec![],
                model: vec![n.id.clone()],
                message: format!(
                    "Your map has nothing like the {} {}. Look for it in the passage{}.",
                    kind_word(n.kind),
                    cx.m_label(j),
                    match n.kind {
                        NodeKind::Evidence => ": a fact, figure or report the argument rests on",
                        NodeKind::Claim => ": a statement the passage argues for or against",
                    }
                ),
            });
        }
    }
    let nodes_found = to_student.iter().filter(|x| x.is_some()).count();

    // The edges.
    let edges = compare_edges(&cx);
    let mut edge_credit = 0.0;
    for r in &edges.model {
        match r {
            EdgeResult::Right => edge_credit += 1.0,
            EdgeResult::Flawed(k, f) => {
                edge_credit += 1.0 - rubric.share_lost(*k);
                if let Some(f) = f {
                    findings.push(f.clone());
                }
            }
            EdgeResult::Missing(f) => {
                if let Some(f) = f {
                    findings.push(f.clone());
                }
            }
        }
    }
    // Findings that several model edges share (a linked edge standing for
    // independent ones) come once.
    findings.extend(edges.shared);

    // Extras: student nodes and edges the model does not have.
    let mut extras = 0usize;
    for (i, n) in s.nodes.iter().enumerate() {
        if to_model[i].is_none() {
            extras += 1;
            findings.push(Finding {
                kind: FindingKind::Extra,
                student: vec![n.id.clone()],
                model: vec![],
                message: format!(
                    "The {} {} is not in the model. That is not necessarily wrong: check that the passage says it, and that it bears on the argument the way you drew it.",
                    kind_word(n.kind),
                    cx.s_label(i)
                ),
            });
        }
    }
    for (e, used) in edges.student_used.iter().enumerate() {
        if !used {
            extras += 1;
            findings.push(Finding {
                kind: FindingKind::Extra,
                student: cx.s_edge_nodes(e),
                model: vec![],
                message: format!(
                    "The model has no edge like your {}. That is not necessarily wrong: make sure the passage gives this as a reason.",
                    cx.s_edge_words(e)
                ),
            });
        }
    }

    let share = |n: usize, of: usize| if of == 0 { 1.0 } else { n as f64 / of as f64 };
    let points = Points {
        conclusion: if conclusion_ok {
            rubric.conclusion
        } else {
            0.0
        },
        nodes: rubric.nodes * share(nodes_found, m.nodes.len()),
        edges: if m.edges.is_empty() {
            rubric.edges
        } else {
            rubric.edges * edge_credit / m.edges.len() as f64
        },
        extra: rubric.extra * extras as f64,
        total: rubric.total(),
    };
    let earned = points.conclusion + points.nodes + points.edges - points.extra;
    let score = (100.0 * (earned / points.total).clamp(0.0, 1.0)).round() as u32;
    Ok(Grade {
        score,
        points,
        matched,
        findings,
        verdict: Verdict {
            semantics: kind,
            student: student_strength,
            model: model_strength,
        },
    })
}

/// Text similarity of two statements in `[0, 1]` (1: the same words): the
/// Sørensen–Dice coefficient of their content words (lower case, common
/// function words dropped, plural and tense endings cut), or of their
/// character bigrams, whichever is higher.
pub fn text_similarity(a: &str, b: &str) -> f64 {
    let (la, lb) = (a.trim().to_lowercase(), b.trim().to_lowercase());
    if la == lb {
        return 1.0;
    }
    let (wa, wb) = (content_words(&la), content_words(&lb));
    let words = if wa.is_empty() && wb.is_empty() {
        0.0
    } else {
        2.0 * wa.intersection(&wb).count() as f64 / (wa.len() + wb.len()) as f64
    };
    // Character bigrams catch spelling variants; they overrate unrelated
    // sentences of shared vocabulary, hence the discount.
    let chars = 0.8 * strsim::sorensen_dice(&la, &lb);
    words.max(chars)
}

const STOP: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with",
    "from", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that",
    "these", "those", "there", "their", "they", "he", "she", "his", "her", "has", "have", "had",
    "do", "does", "did", "so", "than", "then", "which", "who", "whom", "what", "will", "would",
    "can", "could", "should", "may", "might", "must", "shall", "about", "into", "over", "also",
    "very", "just", "only", "s",
];

fn content_words(s: &str) -> BTreeSet<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !STOP.contains(w))
        .map(stem)
        .collect()
}

/// A crude stem: plural and tense endings cut from words long enough.
fn stem(w: &str) -> String {
    for suffix in ["ing", "ies", "ed", "es", "s"] {
        if let Some(root) = w.strip_suffix(suffix)
            && root.chars().count() >= 3
        {
            return root.to_string();
        }
    }
    w.to_string()
}

/// Pairs (student index, model index, how), in student order: first the
/// nodes with the same text, then those with the same id whose texts are not
/// unrelated (at least half the threshold), then by similarity, the most
/// similar pairs first.
fn match_nodes(
    s: &ArgumentGraph,
    m: &ArgumentGraph,
    threshold: f64,
) -> Vec<(usize, usize, MatchedBy)> {
    let mut to_model: Vec<Option<(usize, MatchedBy)>> = vec![None; s.nodes.len()];
    let mut taken = vec![false; m.nodes.len()];
    let norm = |t: &str| {
        t.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    // 1. The same text: ids may have been renamed, even swapped.
    let mtexts: Vec<String> = m.nodes.iter().map(|n| norm(&n.text)).collect();
    for (i, n) in s.nodes.iter().enumerate() {
        let t = norm(&n.text);
        if let Some(j) = (0..m.nodes.len()).find(|&j| !taken[j] && mtexts[j] == t) {
            let by = if n.id == m.nodes[j].id {
                MatchedBy::Id
            } else {
                MatchedBy::Text(1.0)
            };
            to_model[i] = Some((j, by));
            taken[j] = true;
        }
    }
    // Similarities of the pairs still open.
    let mut sims: Vec<(f64, usize, usize)> = vec![];
    for (i, n) in s.nodes.iter().enumerate() {
        if to_model[i].is_some() {
            continue;
        }
        for (j, mn) in m.nodes.iter().enumerate() {
            if !taken[j] {
                sims.push((text_similarity(&n.text, &mn.text), i, j));
            }
        }
    }
    // 2. The same id, unless the texts are unrelated.
    for &(sim, i, j) in &sims {
        if to_model[i].is_none()
            && !taken[j]
            && s.nodes[i].id == m.nodes[j].id
            && sim >= threshold / 2.0
        {
            to_model[i] = Some((j, MatchedBy::Id));
            taken[j] = true;
        }
    }
    // 3. The most similar pairs first (ties in file order: deterministic, and
    // the same whatever the ids).
    sims.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for &(sim, i, j) in &sims {
        if sim >= threshold && to_model[i].is_none() && !taken[j] {
            to_model[i] = Some((j, MatchedBy::Text(sim)));
            taken[j] = true;
        }
    }
    to_model
        .into_iter()
        .enumerate()
        .filter_map(|(i, x)| x.map(|(j, by)| (i, j, by)))
        .collect()
}

/// The two maps and the matching, for the edge comparison and the messages.
struct Cx<'a> {
    s: &'a ArgumentGraph,
    m: &'a ArgumentGraph,
    to_model: &'a [Option<usize>],
    to_student: &'a [Option<usize>],
}

/// An edge's target: a node, or (for an undercut) an edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Node(usize),
    Edge(usize),
}

/// An edge with its premises and target as indices of its own map.
#[derive(Clone, Debug)]
struct Shape {
    kind: EdgeKind,
    premises: BTreeSet<usize>,
    target: Target,
}

fn shapes(g: &ArgumentGraph) -> Vec<Shape> {
    let node = |id: &str| {
        g.nodes
            .iter()
            .position(|n| n.id == id)
            .unwrap_or(usize::MAX)
    };
    g.edges
        .iter()
        .map(|e| {
            let d = e.data();
            let target = if e.kind() == EdgeKind::Undercut {
                Target::Edge(
                    g.edges
                        .iter()
                        .position(|x| x.data().id.as_deref() == Some(d.to.as_str()))
                        .unwrap_or(usize::MAX),
                )
            } else {
                Target::Node(node(&d.to))
            };
            Shape {
                kind: e.kind(),
                premises: d.from.iter().map(|p| node(p)).collect(),
                target,
            }
        })
        .collect()
}

/// How one model edge fared.
enum EdgeResult {
    Right,
    /// Drawn, but with a flaw (the finding is `None` when another model
    /// edge's shared finding covers it).
    Flawed(FindingKind, Option<Finding>),
    /// Not drawn (no finding when one of its nodes is missing: that is
    /// reported already).
    Missing(Option<Finding>),
}

struct EdgeComparison {
    /// One result per model edge.
    model: Vec<EdgeResult>,
    /// Findings shared by several model edges.
    shared: Vec<Finding>,
    /// Which student edges stand for some model edge.
    student_used: Vec<bool>,
}

impl Cx<'_> {
    fn s_label(&self, i: usize) -> String {
        label(&self.s.nodes[i].id, &self.s.nodes[i].text)
    }

    fn m_label(&self, j: usize) -> String {
        // The model's statement in the student's words when they have it.
        match self.to_student[j] {
            Some(i) => self.s_label(i),
            None => label(&self.m.nodes[j].id, &self.m.nodes[j].text),
        }
    }

    /// A student node in model indices (unmatched nodes get indices past the
    /// model's, so that they never equal a model node).
    fn map(&self, i: usize) -> usize {
        match self.to_model.get(i) {
            Some(Some(j)) => *j,
            _ => self.m.nodes.len() + i,
        }
    }

    fn s_edge_nodes(&self, e: usize) -> Vec<String> {
        let d = self.s.edges[e].data();
        let mut v = d.from.clone();
        if self.s.edges[e].kind() != EdgeKind::Undercut {
            v.push(d.to.clone());
        }
        v
    }

    fn m_edge_nodes(&self, e: usize) -> Vec<String> {
        let d = self.m.edges[e].data();
        let mut v = d.from.clone();
        if self.m.edges[e].kind() != EdgeKind::Undercut {
            v.push(d.to.clone());
        }
        v
    }

    /// The student ids of a model edge's nodes that the student has.
    fn student_ids_of(&self, e: usize, shapes: &[Shape]) -> Vec<String> {
        let sh = &shapes[e];
        let mut v: Vec<usize> = sh.premises.iter().copied().collect();
        if let Target::Node(t) = sh.target {
            v.push(t);
        }
        v.into_iter()
            .filter_map(|j| self.to_student.get(j).copied().flatten())
            .map(|i| self.s.nodes[i].id.clone())
            .collect()
    }

    /// "support from `a` to `b`", in the student's words.
    fn s_edge_words(&self, e: usize) -> String {
        let edge = &self.s.edges[e];
        let d = edge.data();
        let from = d
            .from
            .iter()
            .map(|p| format!("`{p}`"))
            .collect::<Vec<_>>()
            .join(" + ");
        match edge.kind() {
            EdgeKind::Undercut => format!("undercut from {from} of the inference `{}`", d.to),
            k => format!("{} from {from} to `{}`", k.name().to_lowercase(), d.to),
        }
    }

    /// "support from `a` to `b`", in the model's words (the student's ids
    /// where the student has the node).
    fn m_edge_words(&self, e: usize, shapes: &[Shape]) -> String {
        let sh = &shapes[e];
        let id = |j: usize| match self.to_student.get(j).copied().flatten() {
            Some(i) => format!("`{}`", self.s.nodes[i].id),
            None => format!("`{}`", self.m.nodes[j].id),
        };
        let from = sh
            .premises
            .iter()
            .map(|&j| id(j))
            .collect::<Vec<_>>()
            .join(" + ");
        match sh.target {
            Target::Node(t) => {
                format!("{} from {from} to {}", sh.kind.name().to_lowercase(), id(t))
            }
            Target::Edge(x) => {
                let inner = shapes
                    .get(x)
                    .map_or_else(String::new, |ish| match ish.target {
                        Target::Node(t) => format!(
                            " (from {} to {})",
                            ish.premises
                                .iter()
                                .map(|&j| id(j))
                                .collect::<Vec<_>>()
                                .join(" + "),
                            id(t)
                        ),
                        Target::Edge(_) => String::new(),
                    });
                format!("undercut from {from} of the inference{inner}")
            }
        }
    }
}

fn label(id: &str, text: &str) -> String {
    const MAX: usize = 70;
    let t: String = if text.chars().count() > MAX {
        let cut: String = text.chars().take(MAX - 1).collect();
        format!("{}…", cut.trim_end())
    } else {
        text.to_string()
    };
    format!("`{id}` (\"{t}\")")
}

fn kind_word(k: NodeKind) -> &'static str {
    match k {
        NodeKind::Claim => "claim",
        NodeKind::Evidence => "evidence",
    }
}

/// The node an edge's chain of undercuts ends on (for a support or an attack,
/// its target).
fn end_node(shapes: &[Shape], mut e: usize) -> Option<usize> {
    for _ in 0..=shapes.len() {
        match shapes.get(e)?.target {
            Target::Node(t) => return Some(t),
            Target::Edge(x) => e = x,
        }
    }
    None
}

/// How deep an edge sits in a chain of undercuts (0 for a support or attack).
fn depth(shapes: &[Shape], mut e: usize) -> usize {
    let mut d = 0;
    while let Some(Target::Edge(x)) = shapes.get(e).map(|s| s.target) {
        d += 1;
        e = x;
        if d > shapes.len() {
            break;
        }
    }
    d
}

fn compare_edges(cx: &Cx) -> EdgeComparison {
    let ms = shapes(cx.m);
    let ss_raw = shapes(cx.s);
    let nm = cx.m.edges.len();
    let ns = cx.s.edges.len();
    // Student edges in model node indices; undercut targets stay student
    // edge indices and go through `corr` (student edge -> model edge).
    let ss: Vec<Shape> = ss_raw
        .iter()
        .map(|sh| Shape {
            kind: sh.kind,
            premises: sh.premises.iter().map(|&i| cx.map(i)).collect(),
            target: match sh.target {
                Target::Node(t) => Target::Node(cx.map(t)),
                t => t,
            },
        })
        .collect();
    let s_end: Vec<Option<usize>> = (0..ns).map(|e| end_node(&ss, e)).collect();
    let mut corr: Vec<Option<usize>> = vec![None; ns];
    let mut used = vec![false; ns];
    let mut result: Vec<Option<EdgeResult>> = (0..nm).map(|_| None).collect();
    let mut shared: Vec<Finding> = vec![];
    // A student's linked edge standing for several model edges: its shared finding.
    let mut linked_shared: Vec<Option<usize>> = vec![None; ns];

    let same_target = |s_t: Target, m_t: Target, corr: &[Option<usize>]| match (s_t, m_t) {
        (Target::Node(a), Target::Node(b)) => a == b,
        (Target::Edge(a), Target::Edge(b)) => corr.get(a).copied().flatten() == Some(b),
        _ => false,
    };
    let max_depth = (0..nm).map(|e| depth(&ms, e)).max().unwrap_or(0);
    for level in 0..=max_depth {
        let level_edges: Vec<usize> = (0..nm).filter(|&e| depth(&ms, e) == level).collect();
        // Pass 1: drawn exactly.
        for &e in &level_edges {
            let m = &ms[e];
            if let Some(x) = (0..ns).find(|&x| {
                !used[x]
                    && ss[x].kind == m.kind
                    && ss[x].premises == m.premises
                    && same_target(ss[x].target, m.target, &corr)
            }) {
                used[x] = true;
                corr[x] = Some(e);
                result[e] = Some(EdgeResult::Right);
            }
        }
        // Pass 2: polarity (a support for an attack or the reverse).
        for &e in &level_edges {
            let m = &ms[e];
            if result[e].is_some() || m.kind == EdgeKind::Undercut {
                continue;
            }
            if let Some(x) = (0..ns).find(|&x| {
                !used[x]
                    && ss[x].kind != EdgeKind::Undercut
                    && ss[x].kind != m.kind
                    && ss[x].premises == m.premises
                    && ss[x].target == m.target
            }) {
                used[x] = true;
                corr[x] = Some(e);
                let should = match m.kind {
                    EdgeKind::Attack => "counts against",
                    _ => "counts for",
                };
                result[e] = Some(EdgeResult::Flawed(
                    FindingKind::Polarity,
                    Some(Finding {
                        kind: FindingKind::Polarity,
                        student: cx.s_edge_nodes(x),
                        model: cx.m_edge_nodes(e),
                        message: format!(
                            "Your {} makes it a reason {}, but in the passage it {should} its target: it is a reason {}.",
                            cx.s_edge_words(x),
                            if m.kind == EdgeKind::Attack {
                                "for"
                            } else {
                                "against"
                            },
                            if m.kind == EdgeKind::Attack {
                                "against, an objection"
                            } else {
                                "for, not an objection"
                            }
                        ),
                    }),
                ));
            }
        }
        // Pass 3: reversed (single premise, drawn from the target to the premise).
        for &e in &level_edges {
            let m = &ms[e];
            if result[e].is_some() || m.kind == EdgeKind::Undercut || m.premises.len() != 1 {
                continue;
            }
            let Target::Node(t) = m.target else { continue };
            let p = *m.premises.iter().next().unwrap_or(&usize::MAX);
            if let Some(x) = (0..ns).find(|&x| {
                !used[x]
                    && ss[x].kind != EdgeKind::Undercut
                    && ss[x].premises.len() == 1
                    && ss[x].premises.contains(&t)
                    && ss[x].target == Target::Node(p)
            }) {
                used[x] = true;
                corr[x] = Some(e);
                let also = if ss[x].kind != m.kind {
                    format!(
                        ", and as {} where the passage has {}",
                        article(ss[x].kind),
                        article(m.kind)
                    )
                } else {
                    String::new()
                };
                result[e] = Some(EdgeResult::Flawed(
                    FindingKind::Reversed,
                    Some(Finding {
                        kind: FindingKind::Reversed,
                        student: cx.s_edge_nodes(x),
                        model: cx.m_edge_nodes(e),
                        message: format!(
                            "Your {} points the wrong way{also}: the passage gives {} as a reason bearing on {}, not the other way round. An arrow goes from the reason to what it is a reason for.",
                            cx.s_edge_words(x),
                            cx.m_label(p),
                            cx.m_label(t)
                        ),
                    }),
                ));
            }
        }
        // Pass 4: linked premises drawn as independent reasons, or the reverse.
        for &e in &level_edges {
            let m = &ms[e];
            if result[e].is_some() {
                continue;
            }
            // Student edges of the same kind into the same target whose
            // premises overlap the model's.
            let cands: Vec<usize> = (0..ns)
                .filter(|&x| {
                    ss[x].kind == m.kind
                        && same_target(ss[x].target, m.target, &corr)
                        && ss[x].premises != m.premises
                        && !ss[x].premises.is_disjoint(&m.premises)
                })
                .collect();
            if m.premises.len() > 1 {
                // The model links; the student drew separate edges (or a
                // different linked set).
                let free: Vec<usize> = cands.iter().copied().filter(|&x| !used[x]).collect();
                if free.is_empty() {
                    continue;
                }
                for &x in &free {
                    used[x] = true;
                    corr[x] = Some(e);
                }
                let all_single = free.iter().all(|&x| ss[x].premises.len() == 1);
                let premises = cx.m_edge_words(e, &ms);
                let message = if all_single {
                    format!(
                        "You drew independent reasons where the passage has co-premises: in the {premises}, the premises support only jointly (neither counts without the other), so draw one edge with `from: [...]` listing them all."
                    )
                } else {
                    format!(
                        "Your linked edge {} groups different premises than the passage: the model's is the {premises}. Co-premises are the statements that count only together.",
                        free.iter()
                            .map(|&x| cx.s_edge_words(x))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                };
                let mut student: Vec<String> = vec![];
                for &x in &free {
                    for id in cx.s_edge_nodes(x) {
                        if !student.contains(&id) {
                            student.push(id);
                        }
                    }
                }
                result[e] = Some(EdgeResult::Flawed(
                    FindingKind::Linked,
                    Some(Finding {
                        kind: FindingKind::Linked,
                        student,
                        model: cx.m_edge_nodes(e),
                        message,
                    }),
                ));
            } else if let Some(&x) = cands
                .iter()
                .find(|&&x| ss[x].premises.len() > 1 && (!used[x] || linked_shared[x].is_some()))
            {
                // The model has independent reasons; the student linked them:
                // one finding per student edge, naming every model edge it covers.
                used[x] = true;
                corr[x].get_or_insert(e);
                let p = m.premises.iter().next().copied().unwrap_or(usize::MAX);
                match linked_shared[x] {
                    Some(k) => {
                        let f: &mut Finding = &mut shared[k];
                        for id in cx.m_edge_nodes(e) {
                            if !f.model.contains(&id) {
                                f.model.push(id);
                            }
                        }
                        result[e] = Some(EdgeResult::Flawed(FindingKind::Linked, None));
                    }
                    None => {
                        linked_shared[x] = Some(shared.len());
                        shared.push(Finding {
                            kind: FindingKind::Linked,
                            student: cx.s_edge_nodes(x),
                            model: cx.m_edge_nodes(e),
                            message: format!(
                                "Your {} links premises that the passage gives as independent reasons: {} counts on its own, even without the others, so give each its own edge.",
                                cx.s_edge_words(x),
                                cx.m_label(p)
                            ),
                        });
                        result[e] = Some(EdgeResult::Flawed(FindingKind::Linked, None));
                    }
                }
            }
        }
        // Pass 5: an attack on a claim for an undercut of an inference, or the reverse.
        for &e in &level_edges {
            let m = &ms[e];
            if result[e].is_some() {
                continue;
            }
            match (m.kind, m.target) {
                (EdgeKind::Undercut, Target::Edge(inner)) => {
                    // The student attacked the inference's conclusion or a premise.
                    let Some(inner_shape) = ms.get(inner) else {
                        continue;
                    };
                    let end = end_node(&ms, inner);
                    let found = (0..ns).find(|&x| {
                        !used[x]
                            && ss[x].kind == EdgeKind::Attack
                            && ss[x].premises == m.premises
                            && match ss[x].target {
                                Target::Node(t) => {
                                    Some(t) == end || inner_shape.premises.contains(&t)
                                }
                                Target::Edge(_) => false,
                            }
                    });
                    if let Some(x) = found {
                        used[x] = true;
                        corr[x] = Some(e);
                        let Target::Node(t) = ss[x].target else {
                            continue;
                        };
                        let on_premise = inner_shape.premises.contains(&t);
                        result[e] = Some(EdgeResult::Flawed(
                            FindingKind::Undercut,
                            Some(Finding {
                                kind: FindingKind::Undercut,
                                student: cx.s_edge_nodes(x),
                                model: cx.m_edge_nodes(e),
                                message: format!(
                                    "Your {} says that {} is false, but the passage does not deny it: it says the step does not follow. That is an undercut of the {} (`Undercut` with `to:` the edge's id).",
                                    cx.s_edge_words(x),
                                    cx.m_label(t),
                                    if on_premise {
                                        "inference that premise supports".to_string()
                                    } else {
                                        cx.m_edge_words(inner, &ms).replacen(
                                            "support",
                                            "inference",
                                            1,
                                        )
                                    }
                                ),
                            }),
                        ));
                    }
                }
                (EdgeKind::Attack, Target::Node(t)) => {
                    // The student undercut an inference into the attacked claim.
                    let found = (0..ns).find(|&x| {
                        !used[x]
                            && ss[x].kind == EdgeKind::Undercut
                            && ss[x].premises == m.premises
                            && match ss[x].target {
                                Target::Edge(y) => s_end.get(y).copied().flatten() == Some(t),
                                Target::Node(_) => false,
                            }
                    });
                    if let Some(x) = found {
                        used[x] = true;
                        corr[x] = Some(e);
                        result[e] = Some(EdgeResult::Flawed(
                            FindingKind::Undercut,
                            Some(Finding {
                                kind: FindingKind::Undercut,
                                student: cx.s_edge_nodes(x),
                                model: cx.m_edge_nodes(e),
                                message: format!(
                                    "Your {} says only that a step does not follow, but the passage argues that {} is false: draw an `Attack` on it (a rebuttal), not an undercut.",
                                    cx.s_edge_words(x),
                                    cx.m_label(t)
                                ),
                            }),
                        ));
                    }
                }
                _ => {}
            }
        }
    }
    let model = (0..nm)
        .map(|e| {
            result[e].take().unwrap_or_else(|| {
                // Report a missing edge only when the student has all its
                // nodes (a missing node is reported already).
                let sh = &ms[e];
                let mut nodes: Vec<usize> = sh.premises.iter().copied().collect();
                if let Target::Node(t) = sh.target {
                    nodes.push(t);
                }
                let have_all = nodes
                    .iter()
                    .all(|&j| cx.to_student.get(j).copied().flatten().is_some());
                let target_ok = match sh.target {
                    Target::Edge(x) => corr.contains(&Some(x)),
                    Target::Node(_) => true,
                };
                EdgeResult::Missing((have_all && target_ok).then(|| Finding {
                    kind: FindingKind::Missing,
                    student: cx.student_ids_of(e, &ms),
                    model: cx.m_edge_nodes(e),
                    message: format!(
                        "Your map has no {}. {}",
                        cx.m_edge_words(e, &ms),
                        match sh.kind {
                            EdgeKind::Support =>
                                "The passage gives the one as a reason for the other.",
                            EdgeKind::Attack =>
                                "The passage gives the one as a reason against the other.",
                            EdgeKind::Undercut =>
                                "The passage questions whether that step follows.",
                        }
                    ),
                }))
            })
        })
        .collect();
    EdgeComparison {
        model,
        shared,
        student_used: used,
    }
}

fn article(k: EdgeKind) -> &'static str {
    match k {
        EdgeKind::Support => "a support",
        EdgeKind::Attack => "an attack",
        EdgeKind::Undercut => "an undercut",
    }
}
