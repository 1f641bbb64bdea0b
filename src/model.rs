//! The RON schema: the types an argument file is made of.
//!
//! These types derive serde, so a program can also read and write argument files
//! with `ron` directly ([`ArgumentGraph::to_ron`]); argmap's own loader
//! ([`crate::parse`]) reads the same format but keeps positions and reports every
//! problem at once. The field names are a contract: see `docs/format.md`.

use serde::{Deserialize, Serialize};

/// A whole argument file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ArgumentGraph {
    /// Short title.
    pub title: String,
    /// Free text about the graph.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The publication the graph encodes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceInfo>,
    /// The id of the node scored by default.
    pub conclusion: String,
    /// The default semantics (a CLI flag overrides it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub semantics: Option<String>,
    /// Groups (clusters) of nodes, possibly nested.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Group>,
    /// The nodes, in file order.
    pub nodes: Vec<Node>,
    /// The edges, in file order.
    pub edges: Vec<Edge>,
    /// Expectations checked by `argmap test`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub expect: Vec<Expect>,
}

/// Bibliographic data of the work a graph encodes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SourceInfo {
    /// Authors, as in the publication.
    pub authors: Vec<String>,
    /// Year of publication.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i64>,
    /// Title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Journal, book or conference.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub venue: Option<String>,
    /// DOI without the resolver prefix.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    /// A URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A named group of nodes, shown as a cluster.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Group {
    /// Unique id.
    pub id: String,
    /// Label shown in diagrams (defaults to the id).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// A short name for the group (a few words), which diagrams show instead
    /// of the label with `argmap render --labels title`, as a node's `title`
    /// stands for its text: for a slide, where a long label takes two lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The enclosing group.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

/// What a node stands for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NodeKind {
    /// A statement argued for or against.
    #[default]
    Claim,
    /// A fact, figure or quotation from a source; should carry a `cite`.
    Evidence,
}

impl NodeKind {
    /// The name used in files: `Claim` or `Evidence`.
    pub fn name(self) -> &'static str {
        match self {
            NodeKind::Claim => "Claim",
            NodeKind::Evidence => "Evidence",
        }
    }

    /// All kinds, for messages.
    pub const ALL: [NodeKind; 2] = [NodeKind::Claim, NodeKind::Evidence];
}

/// A citation: where a piece of evidence comes from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Cite {
    /// The reference whose words or figures these are, e.g. `Lukin 2021`.
    #[serde(rename = "ref")]
    pub reference: String,
    /// The work the quote was taken from, when it is not `ref`'s own text: a
    /// quotation of Rose found in Ripsman et al. is `ref: "Rose 1998", via:
    /// "Ripsman et al. 2016"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    /// Works the quoted passage itself cites: a sentence of a paper ending in
    /// "(Trump 2017)" is `ref: "<the paper>", cites: ["Trump 2017"]`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cites: Vec<String>,
    /// Where in it: section, page, table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locator: Option<String>,
    /// A short verbatim quotation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// A link.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Cite {
    /// One line saying whose words these are and where they were found, as
    /// diagrams show it: `Ref, locator`, then `via Work` when the quote was taken
    /// from another work, then `citing A; B` for the works the passage cites.
    pub fn attribution(&self) -> String {
        let mut out = self.reference.clone();
        if let Some(via) = &self.via {
            out.push_str(&format!(" via {via}"));
        }
        if let Some(loc) = &self.locator {
            out.push_str(&format!(", {loc}"));
        }
        if !self.cites.is_empty() {
            out.push_str(&format!(" (citing {})", self.cites.join("; ")));
        }
        out
    }
}

/// A node: a claim or a piece of evidence.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Node {
    /// Unique id (no whitespace).
    pub id: String,
    /// Claim or evidence.
    pub kind: NodeKind,
    /// The statement.
    pub text: String,
    /// A short name for the statement (a few words), which diagrams can show
    /// instead of the text (`argmap render --labels title`), as Argdown shows
    /// a statement's title. The text stays the statement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Base score (prior credibility) in `[0, 1]`.
    pub base: f64,
    /// The group it belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Free tags, e.g. for `--remove-tag`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Its source, for evidence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cite: Option<Cite>,
    /// Why it has this base score.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The interval the base may plausibly take, `(low, high)` within `[0, 1]`:
    /// `argmap sensitivity` draws the base from it (instead of `base ± delta`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_range: Option<(f64, f64)>,
}

/// Whether an edge supports or attacks its target node, or undercuts an inference.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EdgeKind {
    /// Raises the target's strength.
    Support,
    /// Lowers the target's strength.
    Attack,
    /// Attacks the inference of another edge (its `to` is an edge id): "that
    /// does not follow", not "that is false".
    Undercut,
}

impl EdgeKind {
    /// `Support`, `Attack` or `Undercut`.
    pub fn name(self) -> &'static str {
        match self {
            EdgeKind::Support => "Support",
            EdgeKind::Attack => "Attack",
            EdgeKind::Undercut => "Undercut",
        }
    }

    /// All kinds, for messages.
    pub const ALL: [EdgeKind; 3] = [EdgeKind::Support, EdgeKind::Attack, EdgeKind::Undercut];
}

/// The fields of an edge.
///
/// `from` holds the premises: one node for an ordinary edge, several for a
/// *linked* edge whose premises support or attack only jointly (written
/// `from: ["a", "b"]`; `from: ["a"]` is exactly `from: "a"`, and is written
/// back as `from: "a"`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EdgeData {
    /// The edge's own id, unique among edges (optional; an `Undercut` names
    /// the edge it attacks by it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The premises: source node ids (at least one).
    #[serde(with = "premises")]
    pub from: Vec<String>,
    /// Target node id; for an `Undercut`, the id of the edge it attacks.
    pub to: String,
    /// Strength of the relation, `>= 0`, default 1.
    #[serde(default = "one")]
    pub weight: f64,
    /// The argumentation scheme the inference instantiates (an id of the
    /// built-in catalogue, see `docs/schemes.md`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
    /// The critical question (`CQ1`, ...) this edge answers, of the scheme of
    /// the inference it undercuts or whose premise or conclusion it attacks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// Why this weight.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The interval the weight may plausibly take, `(low, high)` with
    /// `0 <= low <= high`: `argmap sensitivity` draws the weight from it (instead
    /// of `weight ± delta`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_range: Option<(f64, f64)>,
}

impl Default for EdgeData {
    fn default() -> Self {
        EdgeData {
            id: None,
            from: vec![],
            to: String::new(),
            weight: 1.0,
            scheme: None,
            question: None,
            note: None,
            weight_range: None,
        }
    }
}

impl EdgeData {
    /// An edge `from` -> `to` with weight 1 and nothing else.
    pub fn new(from: impl Into<String>, to: impl Into<String>) -> EdgeData {
        EdgeData {
            from: vec![from.into()],
            to: to.into(),
            ..EdgeData::default()
        }
    }

    /// Whether the premises are linked (more than one).
    pub fn is_linked(&self) -> bool {
        self.from.len() > 1
    }

    /// The premises joined for messages: `a`, or `a + b`.
    pub fn from_label(&self) -> String {
        self.from.join(" + ")
    }
}

/// `from` as a string or a list of strings; one premise is written as a string.
mod premises {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }

    pub(super) fn serialize<S: Serializer>(v: &[String], s: S) -> Result<S::Ok, S::Error> {
        match v {
            [one] => one.serialize(s),
            many => many.serialize(s),
        }
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
        Ok(match OneOrMany::deserialize(d)? {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        })
    }
}

fn one() -> f64 {
    1.0
}

/// An edge, written `Support(from: "a", to: "b", weight: 0.8)`, `Attack(...)`
/// or `Undercut(from: "c", to: "EDGE_ID")`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Edge {
    /// `from` supports `to`.
    Support(EdgeData),
    /// `from` attacks `to`.
    Attack(EdgeData),
    /// `from` attacks the inference of the edge whose id is `to`.
    Undercut(EdgeData),
}

impl Edge {
    /// Support, attack or undercut.
    pub fn kind(&self) -> EdgeKind {
        match self {
            Edge::Support(_) => EdgeKind::Support,
            Edge::Attack(_) => EdgeKind::Attack,
            Edge::Undercut(_) => EdgeKind::Undercut,
        }
    }

    /// The fields.
    pub fn data(&self) -> &EdgeData {
        match self {
            Edge::Support(d) | Edge::Attack(d) | Edge::Undercut(d) => d,
        }
    }

    /// The fields, to change them.
    pub fn data_mut(&mut self) -> &mut EdgeData {
        match self {
            Edge::Support(d) | Edge::Attack(d) | Edge::Undercut(d) => d,
        }
    }

    /// Builds an edge of `kind`.
    pub fn new(kind: EdgeKind, data: EdgeData) -> Edge {
        match kind {
            EdgeKind::Support => Edge::Support(data),
            EdgeKind::Attack => Edge::Attack(data),
            EdgeKind::Undercut => Edge::Undercut(data),
        }
    }
}

/// An expectation about the graph's evaluation, checked by `argmap test`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Expect {
    /// The node whose strength is checked (default: the conclusion).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
    /// The strength must be strictly above this.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub above: Option<f64>,
    /// The strength must be strictly below this.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub below: Option<f64>,
    /// Nodes removed before evaluating.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub remove: Vec<String>,
    /// Nodes with these tags removed before evaluating.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub remove_tag: Vec<String>,
    /// Nodes of these groups (and their subgroups) removed before evaluating.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub remove_group: Vec<String>,
    /// The semantics to use (default: the file's, else the default).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub semantics: Option<String>,
    /// What the expectation means, shown when it fails.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl ArgumentGraph {
    /// Whether any edge is structured: linked (several premises) or an
    /// `Undercut`. A graph without structure evaluates exactly as before
    /// structure existed.
    pub fn has_structure(&self) -> bool {
        self.edges
            .iter()
            .any(|e| e.kind() == EdgeKind::Undercut || e.data().is_linked())
    }

    /// Writes the graph as pretty RON in the documented format (optional fields
    /// without `Some(...)`).
    pub fn to_ron(&self) -> String {
        let cfg = ron::ser::PrettyConfig::new().struct_names(true).extensions(
            ron::extensions::Extensions::IMPLICIT_SOME
                | ron::extensions::Extensions::UNWRAP_VARIANT_NEWTYPES,
        );
        // Serialising plain data to a String cannot fail.
        ron::ser::to_string_pretty(self, cfg).unwrap_or_default()
    }

    /// Reads a graph with `ron` and serde alone: no positions, the first problem only.
    /// [`crate::parse`] is the loader with full diagnostics; this one exists for
    /// programs that only need the data, and as an independent check of it.
    pub fn from_ron(text: &str) -> Result<ArgumentGraph, ron::error::SpannedError> {
        ron::Options::default()
            .with_default_extension(
                ron::extensions::Extensions::IMPLICIT_SOME
                    | ron::extensions::Extensions::UNWRAP_VARIANT_NEWTYPES,
            )
            .from_str(text)
    }
}

/// The named gradual semantics (the CLI values are their [`name`](SemanticsKind::name)s).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SemanticsKind {
    /// Sum aggregation, 2-Max(1) influence (Potyka, KR 2018). The default.
    #[default]
    QuadraticEnergy,
    /// Product aggregation, linear influence (Rago et al., KR 2016).
    DfQuad,
    /// Product aggregation, 1-Max(1) influence.
    SdDfQuad,
    /// Sum aggregation, Euler-based influence (Amgoud & Ben-Naim 2018).
    EulerBased,
    /// Top aggregation, Euler-based influence.
    EulerBasedTop,
    /// Sum aggregation, logistic influence (Potyka, AAAI 2021).
    MlpBased,
    /// Attack-only weighted h-categorizer (Amgoud et al., IJCAI 2017).
    WeightedHCategorizer,
    /// Attack-only weighted max-based.
    WeightedMaxBased,
    /// Attack-only weighted card-based.
    WeightedCardBased,
}

impl SemanticsKind {
    /// Every semantics, in documentation order.
    pub const ALL: [SemanticsKind; 9] = [
        SemanticsKind::QuadraticEnergy,
        SemanticsKind::DfQuad,
        SemanticsKind::SdDfQuad,
        SemanticsKind::EulerBased,
        SemanticsKind::EulerBasedTop,
        SemanticsKind::MlpBased,
        SemanticsKind::WeightedHCategorizer,
        SemanticsKind::WeightedMaxBased,
        SemanticsKind::WeightedCardBased,
    ];

    /// The name used in files, flags and reports, e.g. `quadratic-energy`.
    pub fn name(self) -> &'static str {
        match self {
            SemanticsKind::QuadraticEnergy => "quadratic-energy",
            SemanticsKind::DfQuad => "df-quad",
            SemanticsKind::SdDfQuad => "sd-df-quad",
            SemanticsKind::EulerBased => "euler-based",
            SemanticsKind::EulerBasedTop => "euler-based-top",
            SemanticsKind::MlpBased => "mlp-based",
            SemanticsKind::WeightedHCategorizer => "weighted-h-categorizer",
            SemanticsKind::WeightedMaxBased => "weighted-max-based",
            SemanticsKind::WeightedCardBased => "weighted-card-based",
        }
    }

    /// The semantics with this name.
    pub fn from_name(name: &str) -> Option<SemanticsKind> {
        SemanticsKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Whether the semantics uses product aggregation and so refuses edge
    /// weights above 1 (`df-quad`, `sd-df-quad`).
    pub fn needs_weights_at_most_one(self) -> bool {
        matches!(self, SemanticsKind::DfQuad | SemanticsKind::SdDfQuad)
    }

    /// Whether the semantics only knows attacks and refuses supports
    /// (`weighted-h-categorizer`, `weighted-max-based`, `weighted-card-based`).
    pub fn is_attack_only(self) -> bool {
        matches!(
            self,
            SemanticsKind::WeightedHCategorizer
                | SemanticsKind::WeightedMaxBased
                | SemanticsKind::WeightedCardBased
        )
    }
}

/// The fields of each struct of the format, in canonical order: the order
/// `argmap fmt` writes them in, the order diagnostics list them in, and what
/// the language server completes. The one list of the schema's field names
/// (the loader, the formatter and the editor support all read it).
pub mod fields {
    /// `ArgumentGraph(...)`.
    pub const GRAPH: &[&str] = &[
        "title",
        "description",
        "source",
        "conclusion",
        "semantics",
        "groups",
        "nodes",
        "edges",
        "expect",
    ];
    /// `source: (...)`.
    pub const SOURCE: &[&str] = &["authors", "year", "title", "venue", "doi", "url"];
    /// `Group(...)`.
    pub const GROUP: &[&str] = &["id", "label", "title", "parent"];
    /// `Node(...)`.
    pub const NODE: &[&str] = &[
        "id",
        "kind",
        "base",
        "base_range",
        "group",
        "tags",
        "text",
        "title",
        "cite",
        "note",
    ];
    /// `cite: (...)`.
    pub const CITE: &[&str] = &["ref", "via", "cites", "locator", "quote", "url"];
    /// `Support(...)`, `Attack(...)`, `Undercut(...)`.
    pub const EDGE: &[&str] = &[
        "id",
        "from",
        "to",
        "weight",
        "weight_range",
        "scheme",
        "question",
        "note",
    ];
    /// `Expect(...)`.
    pub const EXPECT: &[&str] = &[
        "node",
        "above",
        "below",
        "remove",
        "remove_tag",
        "remove_group",
        "semantics",
        "note",
    ];
    /// Every struct's fields, in the order above.
    pub const ALL: &[&[&str]] = &[GRAPH, SOURCE, GROUP, NODE, CITE, EDGE, EXPECT];

    /// Every field name once, in the order of [`ALL`] (first occurrence).
    pub fn names() -> Vec<&'static str> {
        let mut out: Vec<&'static str> = vec![];
        for f in ALL.iter().flat_map(|s| s.iter()) {
            if !out.contains(f) {
                out.push(f);
            }
        }
        out
    }
}
