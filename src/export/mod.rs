//! Diagrams of argument graphs: Graphviz DOT ([`to_dot`]) and a self-contained
//! SVG laid out in-process ([`to_svg`]).
//!
//! Both are pure functions: they read an [`ArgGraph`] and [`DotOptions`] and
//! return a `String`, byte for byte the same on every run. They do no I/O and
//! start no process, and they evaluate nothing: [`Scores`] and [`WhatIf`] are
//! made from evaluations the caller ran. The CLI evaluates, writes files
//! (atomically) and runs Graphviz when asked to.
//!
//! Both draw the same picture, prepared once by a private `view` step:
//!
//! * support edges green (`#009E73`) and solid, attack edges red (`#D55E00`) and
//!   dashed; the pen gets wider with the weight, and a weight other than 1 is
//!   written on the edge;
//! * claims are rounded boxes, evidence is a `note` (a page with a folded
//!   corner) with a short citation line, and the conclusion has a bold double
//!   border; text is wrapped to [`DotOptions::wrap`] columns;
//! * with [`Scores`], each node shows `base → strength` and is filled on the
//!   cividis ramp by strength (dark blue 0, grey 0.5, yellow 1: the same for
//!   colour-blind readers, lightness rising steadily for greyscale print, and no
//!   green or red to confuse with the edges), with black or white text,
//!   whichever contrasts more;
//! * with a [`WhatIf`], each node shows `before → after`, removed nodes and
//!   edges are grey and dashed (edges dotted), and the nodes whose strength moved
//!   most get a thick black outline;
//! * linked premises join at one junction (a dot, or a small box naming the
//!   inference's scheme) before one arrow; an undercut ends on the junction of
//!   the inference it attacks;
//! * one cluster per group, nested as the groups nest, with its label;
//! * a legend.
//!
//! ```
//! let src = argmap::Source::new("demo.ron", r#"ArgumentGraph(
//!     conclusion: "c",
//!     nodes: [Node(id: "c", kind: Claim, text: "It will rain", base: 0.5),
//!             Node(id: "e", kind: Evidence, text: "Dark clouds", base: 0.8)],
//!     edges: [Support(from: "e", to: "c", weight: 0.6)])"#);
//! let graph = argmap::build(&argmap::check(&src)?);
//! let dot = argmap::export::to_dot(&graph, &argmap::export::DotOptions::default());
//! assert!(dot.starts_with("digraph argmap {"));
//! assert!(dot.contains(r#""e" -> "c""#));
//! let svg = argmap::export::to_svg(&graph, &argmap::export::DotOptions::default());
//! assert!(svg.contains("Dark clouds"));
//! # Ok::<(), argmap::Diagnostics>(())
//! ```

mod chart;
mod dot;
mod layout;
mod split;
mod svg;
pub(crate) mod text;
mod view;

pub use chart::sensitivity_svg;
pub use dot::{PINNED_ARGS, PinnedDot, annotate_graphviz_svg, to_dot, to_pinned_dot};
pub use svg::{Drawing, draw_svg, to_svg};

/// How many nodes a diagram of `g` with `opts` draws (after `focus` and
/// `hide_evidence`): layout time grows fast with it, so a caller can refuse a
/// diagram too large to lay out in reasonable time before starting.
///
/// ```
/// let src = argmap::Source::read(std::path::Path::new("graphs/nixon_diamond.ron")).unwrap();
/// let g = argmap::build(&argmap::check(&src).unwrap());
/// let all = argmap::export::DotOptions::default();
/// assert_eq!(argmap::export::shown_nodes(&g, &all), g.len());
/// ```
pub fn shown_nodes(g: &crate::ArgGraph, opts: &DotOptions) -> usize {
    view::build(g, opts).nodes.len()
}

use crate::graph::ArgGraph;
use crate::semantics::{Evaluation, Overlay, SemanticsKind};

/// The colours of a node of strength `x` in a scored diagram, `(fill, text)`
/// as `#RRGGBB`: the fill on the cividis ramp of the diagrams, the text black
/// or white, whichever contrasts more. For front ends that recolour a drawn
/// diagram (`argmap serve`'s page) with the diagrams' own scale.
///
/// ```
/// assert_eq!(argmap::export::strength_colours(0.0), ("#00224E".to_string(), "#FFFFFF".to_string()));
/// ```
pub fn strength_colours(x: f64) -> (String, String) {
    let fill = text::ramp(x);
    (fill.hex(), fill.text_on().hex())
}

/// How a diagram is drawn. The same options serve [`to_dot`] and [`to_svg`].
#[derive(Clone, Debug, PartialEq)]
pub struct DotOptions {
    /// Strengths to show and colour by (ignored when [`whatif`](Self::whatif) is set).
    pub scores: Option<Scores>,
    /// A what-if comparison to draw (strengths before and after a change).
    pub whatif: Option<WhatIf>,
    /// Direction of the edges. Default: [`RankDir::BottomToTop`], so the
    /// conclusion is at the top, as in argument maps.
    pub rankdir: RankDir,
    /// `(node index, depth)`: draw only the nodes at most `depth` edges away
    /// from this node (in either direction). An index out of range draws no node.
    pub focus: Option<(usize, usize)>,
    /// Leave out evidence nodes; each claim shows how many it had instead.
    pub hide_evidence: bool,
    /// Draw a legend.
    pub legend: bool,
    /// Draw the title (and the source, the semantics or the what-if) on top.
    pub title: bool,
    /// Wrap node text at this many columns (wide CJK characters count two).
    /// Values below 8 are treated as 8.
    pub wrap: usize,
    /// Fit the embedded SVG to a page: ranks wider than the page's shape allows
    /// are wrapped into rows, and the SVG is sized to the page (see [`Fit`]).
    /// Graphviz cannot wrap ranks; [`to_dot`] ignores it.
    pub fit: Option<Fit>,
    /// What each node's box says: its text, or its title where it has one.
    pub labels: Labels,
    /// Draw only page `k` (0-based) of the drawing split by top-level groups
    /// (see [`split_pages`]): the group's nodes, and a dashed stub naming the
    /// page of each node at the other end of an edge that leaves it.
    pub split_page: Option<usize>,
}

/// The pages of `g` drawn with `opts` and split by top-level groups (`argmap
/// render --split groups`): the label of each top-level group holding a shown
/// node, in file order, then `other nodes` if some node is in no group.
/// Draw page `k` with [`DotOptions::split_page`] set to `Some(k)`.
///
/// ```
/// let src = argmap::Source::read(std::path::Path::new("graphs/nixon_diamond.ron")).unwrap();
/// let g = argmap::build(&argmap::check(&src).unwrap());
/// let pages = argmap::export::split_pages(&g, &argmap::export::DotOptions::default());
/// assert_eq!(pages.len(), 3); // two top-level groups, and the conclusion outside them
/// assert_eq!(pages[2], "other nodes");
/// ```
pub fn split_pages(g: &crate::ArgGraph, opts: &DotOptions) -> Vec<String> {
    let whole = DotOptions {
        split_page: None,
        ..opts.clone()
    };
    split::pages(&view::build(g, &whole))
}

/// A page to fit a drawing to: its shape and, for a paper or slide size, its
/// printed size.
///
/// ```
/// let a4 = argmap::export::Fit::named("a4").unwrap();
/// assert!((a4.aspect - 297.0 / 210.0).abs() < 1e-9); // landscape
/// assert_eq!(argmap::export::Fit::named("16:9").unwrap().size_pt, Some((960.0, 540.0)));
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fit {
    /// Width over height of the drawing (at least 0.05, at most 20).
    pub aspect: f64,
    /// Printed width and height in points (1/72 inch), when it is a page.
    pub size_pt: Option<(f64, f64)>,
}

impl Fit {
    /// The pages `--page` knows, landscape: `a4`, `a3` (ISO 216), `16:9` and
    /// `4:3` (slides of 13.33 x 7.5 and 10 x 7.5 inches).
    pub const NAMES: [&'static str; 4] = ["a4", "a3", "16:9", "4:3"];

    /// The page called `name` (one of [`Fit::NAMES`], any case).
    pub fn named(name: &str) -> Option<Fit> {
        let mm = 72.0 / 25.4;
        let (w, h) = match name.to_ascii_lowercase().as_str() {
            "a4" => (297.0 * mm, 210.0 * mm),
            "a3" => (420.0 * mm, 297.0 * mm),
            "16:9" => (960.0, 540.0),
            "4:3" => (720.0, 540.0),
            _ => return None,
        };
        Some(Fit {
            aspect: w / h,
            size_pt: Some((w, h)),
        })
    }

    /// A shape only: width over height `aspect`, clamped to [0.05, 20].
    pub fn aspect(aspect: f64) -> Fit {
        Fit {
            aspect: if aspect.is_finite() {
                aspect.clamp(0.05, 20.0)
            } else {
                1.0
            },
            size_pt: None,
        }
    }
}

impl Default for DotOptions {
    fn default() -> Self {
        DotOptions {
            scores: None,
            whatif: None,
            rankdir: RankDir::default(),
            focus: None,
            hide_evidence: false,
            legend: true,
            title: true,
            wrap: 30,
            fit: None,
            labels: Labels::Text,
            split_page: None,
        }
    }
}

/// What a node's box says ([`DotOptions::labels`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Labels {
    /// The statement's text.
    #[default]
    Text,
    /// The node's short `title` where it has one, else its text; the text
    /// stays in the node's tooltip. A group's `title`, likewise, where it has
    /// one, else its label.
    Title,
}

/// Strengths computed by a semantics, one per node in file order.
#[derive(Clone, Debug, PartialEq)]
pub struct Scores {
    /// The semantics that computed them (named in the legend).
    pub semantics: SemanticsKind,
    /// One strength in `[0, 1]` per node, in file order. A missing value leaves
    /// its node unscored.
    pub strengths: Vec<f64>,
}

impl Scores {
    /// The strengths of an evaluation (of the graph to be drawn).
    pub fn new(e: &Evaluation) -> Scores {
        Scores {
            semantics: e.semantics,
            strengths: e.strengths.clone(),
        }
    }
}

/// A what-if comparison: the strengths of the original graph and of the
/// changed one, and what was removed.
#[derive(Clone, Debug, PartialEq)]
pub struct WhatIf {
    /// The semantics used for both evaluations.
    pub semantics: SemanticsKind,
    /// Strengths of the original graph, one per node in file order.
    pub before: Vec<f64>,
    /// Strengths after the change, one per node in file order (the value of a
    /// removed node is not shown).
    pub after: Vec<f64>,
    /// Removed nodes (`true` = removed), one per node in file order. Edges of a
    /// removed node are drawn as removed too.
    pub removed: Vec<bool>,
    /// Removed edges (`true` = removed), one per edge in file order.
    pub removed_edges: Vec<bool>,
    /// What the change is, shown in the title, e.g. `without e1, e2`.
    pub caption: String,
}

impl WhatIf {
    /// The what-if of `g` from two evaluations: `before` of `g` as it is and
    /// `after` under the scenario `overlay` (see
    /// [`crate::semantics::evaluate_with`]); `caption` says what changed.
    pub fn new(
        g: &ArgGraph,
        before: &Evaluation,
        after: &Evaluation,
        overlay: &Overlay,
        caption: impl Into<String>,
    ) -> WhatIf {
        let mut removed = overlay.removed.clone();
        removed.resize(g.len(), false);
        let mut removed_edges = vec![false; g.links().len()];
        for &k in &overlay.removed_edges {
            if let Some(r) = removed_edges.get_mut(k) {
                *r = true;
            }
        }
        WhatIf {
            semantics: before.semantics,
            before: before.strengths.clone(),
            after: after.strengths.clone(),
            removed,
            removed_edges,
            caption: caption.into(),
        }
    }
}

/// The direction edges point in (Graphviz's `rankdir`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum RankDir {
    /// Top to bottom (`TB`): the conclusion at the bottom.
    TopToBottom,
    /// Bottom to top (`BT`): evidence at the bottom, the conclusion on top.
    #[default]
    BottomToTop,
    /// Left to right (`LR`): the conclusion on the right.
    LeftToRight,
    /// Right to left (`RL`): the conclusion on the left.
    RightToLeft,
}

impl RankDir {
    /// Every direction.
    pub const ALL: [RankDir; 4] = [
        RankDir::TopToBottom,
        RankDir::BottomToTop,
        RankDir::LeftToRight,
        RankDir::RightToLeft,
    ];

    /// The Graphviz name: `TB`, `BT`, `LR` or `RL`.
    pub fn name(self) -> &'static str {
        match self {
            RankDir::TopToBottom => "TB",
            RankDir::BottomToTop => "BT",
            RankDir::LeftToRight => "LR",
            RankDir::RightToLeft => "RL",
        }
    }

    /// The direction with this Graphviz name (case-insensitive).
    pub fn from_name(name: &str) -> Option<RankDir> {
        RankDir::ALL
            .into_iter()
            .find(|r| r.name().eq_ignore_ascii_case(name))
    }
}
