//! Flags and helpers shared by `dot` and `render`.

use std::path::{Path, PathBuf};

use clap::ValueEnum;

use argmap::ArgGraph;
use argmap::export::{DotOptions, RankDir};

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
    #[arg(long, value_name = "N", default_value_t = 2, requires = "focus")]
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
    /// Wrap node text at this many columns.
    #[arg(long, value_name = "COLUMNS", default_value_t = 30)]
    pub wrap: usize,
    /// Draw again whenever the file changes (errors are printed, the last good
    /// output is kept).
    #[arg(long)]
    pub watch: bool,
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
    /// The library options for graph `g`; an unknown `--focus` id is an error.
    pub fn options(&self, g: &ArgGraph) -> Result<DotOptions, String> {
        let focus = match &self.focus {
            None => None,
            Some(id) => Some((node_index(g, id, "--focus")?, self.depth)),
        };
        Ok(DotOptions {
            rankdir: self.rankdir.into(),
            focus,
            hide_evidence: self.hide_evidence,
            legend: !self.no_legend,
            title: !self.no_title,
            wrap: self.wrap,
            ..DotOptions::default()
        })
    }
}

/// The index of node `id`, or an error naming the flag and the closest id.
pub(crate) fn node_index(g: &ArgGraph, id: &str, flag: &str) -> Result<usize, String> {
    g.index_of(id).ok_or_else(|| {
        let mut msg = format!("{flag}: no node `{id}` in this graph");
        if let Some(s) = argmap::suggest(id, g.nodes().iter().map(|n| n.id.as_str())) {
            msg.push_str(&format!("; did you mean `{s}`?"));
        }
        msg
    })
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
