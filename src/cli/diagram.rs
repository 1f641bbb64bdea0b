//! Flags and helpers shared by `dot` and `render`.

use std::path::{Path, PathBuf};

use clap::ValueEnum;

use argmap::export::{DotOptions, Labels, RankDir, Scores, WhatIf};
use argmap::semantics::{Overlay, Qbaf, evaluate, evaluate_with};
use argmap::{ArgGraph, Scenario};

use super::Reported;
use super::eval::{EvalOpts, node_index};
use super::whatif::scenario_failure;

/// What both `dot` and `render` draw.
#[derive(Debug, clap::Args)]
pub(crate) struct DiagramArgs {
    /// The argument file (`.ron`; `-` reads standard input).
    pub file: PathBuf,
    /// Direction of the edges: BT puts the conclusion on top, TB at the bottom,
    /// LR and RL draw sideways.
    #[arg(long, value_enum, default_value_t = RankDirArg::Bt)]
    pub rankdir: RankDirArg,
    /// Draw only the neighbourhood of this node (see --depth).
    #[arg(long, value_name = "ID")]
    pub focus: Option<String>,
    /// With --focus: draw the nodes at most this many edges away from it.
    #[arg(long, value_name = "N", default_value_t = 2, requires = "focus", value_parser = super::eval::whole::<usize>)]
    pub depth: usize,
    /// Leave out evidence nodes; each claim shows how many pieces of evidence it had.
    #[arg(long)]
    pub hide_evidence: bool,
    /// Draw no legend.
    #[arg(long)]
    pub no_legend: bool,
    /// Draw no title (the graph's title and source).
    #[arg(long)]
    pub no_title: bool,
    /// What each box says: the statement's `text`, or its short `title` where the
    /// node has one (the text then shows on hover in SVG), and each group's
    /// `title` where it has one instead of its label. Titles make large maps
    /// fit a page at a readable size.
    #[arg(long, value_enum, default_value_t = LabelsArg::Text)]
    pub labels: LabelsArg,
    /// Wrap node text at this many columns.
    #[arg(long, value_name = "COLUMNS", default_value_t = 30, value_parser = super::eval::whole::<usize>)]
    pub wrap: usize,
    /// Draw again whenever the file changes (errors are printed, the last good
    /// output is kept).
    #[arg(long)]
    pub watch: bool,
    /// Show each node's base → strength and fill it by strength.
    #[arg(long)]
    pub scores: bool,
    /// What-if: draw the map with these nodes removed (greyed), each node
    /// showing its strength before → after (comma-separated or repeated).
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    pub remove: Vec<String>,
    /// What-if: remove every node with this tag.
    #[arg(long, value_name = "TAG", value_delimiter = ',')]
    pub remove_tag: Vec<String>,
    /// What-if: remove every node of this group and of its subgroups.
    #[arg(long, value_name = "GROUP", value_delimiter = ',')]
    pub remove_group: Vec<String>,
    #[command(flatten)]
    pub eval: EvalOpts,
}

/// `--rankdir`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum RankDirArg {
    /// Top to bottom: the conclusion at the bottom.
    #[value(name = "TB", alias = "tb")]
    Tb,
    /// Bottom to top: the conclusion on top.
    #[value(name = "BT", alias = "bt")]
    Bt,
    /// Left to right: the conclusion on the right.
    #[value(name = "LR", alias = "lr")]
    Lr,
    /// Right to left: the conclusion on the left.
    #[value(name = "RL", alias = "rl")]
    Rl,
}

/// `--labels`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum LabelsArg {
    /// The statement's text.
    Text,
    /// The node's `title` where it has one, else its text (a group's
    /// `title`, else its label).
    Title,
}

impl From<LabelsArg> for Labels {
    fn from(l: LabelsArg) -> Labels {
        match l {
            LabelsArg::Text => Labels::Text,
            LabelsArg::Title => Labels::Title,
        }
    }
}

impl From<RankDirArg> for RankDir {
    fn from(r: RankDirArg) -> RankDir {
        match r {
            RankDirArg::Tb => RankDir::TopToBottom,
            RankDirArg::Bt => RankDir::BottomToTop,
            RankDirArg::Lr => RankDir::LeftToRight,
            RankDirArg::Rl => RankDir::RightToLeft,
        }
    }
}

impl DiagramArgs {
    /// Loads the file (its diagnostics printed) and builds its [`DotOptions`]:
    /// what `dot` and `render` do first on every run, or every change with
    /// `--watch`. `Err` holds the exit code.
    pub fn load(&self, cx: &super::Ctx) -> Result<(ArgGraph, DotOptions), u8> {
        let rep = cx.reporter(super::DiagFormat::Human);
        let (_, g) = super::load_graph(&self.file, &rep).map_err(|Reported(code)| code)?;
        let opts = self.options(&g).map_err(|Reported(code)| code)?;
        Ok((g, opts))
    }

    /// The library options for graph `g`: resolves ids, tags and groups and runs
    /// the evaluations that `--scores` and a what-if need. Errors are printed.
    pub fn options(&self, g: &ArgGraph) -> Result<DotOptions, Reported> {
        let focus = match &self.focus {
            None => None,
            Some(id) => Some((node_index(g, id, "--focus")?, self.depth)),
        };
        let mut opts = DotOptions {
            rankdir: self.rankdir.into(),
            focus,
            hide_evidence: self.hide_evidence,
            legend: !self.no_legend,
            title: !self.no_title,
            wrap: self.wrap,
            labels: self.labels.into(),
            ..DotOptions::default()
        };
        let whatif =
            !(self.remove.is_empty() && self.remove_tag.is_empty() && self.remove_group.is_empty());
        if !(self.scores || whatif) {
            return Ok(opts);
        }
        let kind = self.eval.semantics(g)?;
        let params = self.eval.params();
        let q = Qbaf::from_graph(g);
        let before = evaluate(&q, kind, &params).map_err(|e| super::eval_failure(&e))?;
        if whatif {
            let (removed, caption) = self.removed(g)?;
            let overlay = Overlay {
                removed,
                ..Overlay::default()
            };
            let after =
                evaluate_with(&q, kind, &params, &overlay).map_err(|e| super::eval_failure(&e))?;
            opts.whatif = Some(WhatIf::new(g, &before, &after, &overlay, caption));
        } else {
            opts.scores = Some(Scores::new(&before));
        }
        Ok(opts)
    }

    /// The nodes `--remove`, `--remove-tag` and `--remove-group` name (resolved
    /// as `argmap whatif` does), and a caption saying so.
    fn removed(&self, g: &ArgGraph) -> Result<(Vec<bool>, String), Reported> {
        let scenario = Scenario {
            remove: self.remove.clone(),
            remove_tag: self.remove_tag.clone(),
            remove_group: self.remove_group.clone(),
            ..Scenario::default()
        };
        let resolved = scenario.resolve(g).map_err(|e| scenario_failure(&e))?;
        let mut parts = Vec::new();
        if !self.remove.is_empty() {
            parts.push(self.remove.join(", "));
        }
        parts.extend(self.remove_tag.iter().map(|t| format!("tag {t}")));
        parts.extend(self.remove_group.iter().map(|gr| format!("group {gr}")));
        Ok((resolved.removed, format!("without {}", parts.join("; "))))
    }
}

/// Refuses an output path that is the input file itself (`ext`: the extension
/// of the suggested other name).
pub(crate) fn check_output(input: &Path, output: &Path, ext: &str) -> Result<(), String> {
    if input.as_os_str() == "-" || output.as_os_str() == "-" {
        return Ok(());
    }
    let same = match (input.canonicalize(), output.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Err(format!(
            "refusing to write over the input file {}: choose another -o path, e.g. {}",
            output.display(),
            output.with_extension(ext).display()
        ));
    }
    Ok(())
}
