//! `argmap dot FILE [-o OUT]`: the graph as Graphviz DOT (with `--page`, the
//! embedded layout's page with every position pinned, as `render` hands it
//! to Graphviz).

use std::io::Write;
use std::path::PathBuf;

use argmap::export::Fit;

use super::diagram::{DiagramArgs, check_output};
use super::{Ctx, EXIT_FAILURE};

/// Write the graph as Graphviz DOT.
#[derive(Debug, clap::Args)]
pub(crate) struct DotArgs {
    #[command(flatten)]
    pub diagram: DiagramArgs,
    /// Write the DOT to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Fit to a landscape page (`a4`, `a3`, `16:9`, `4:3`) as `render --page`
    /// does: the DOT of the embedded layout's page with every position pinned,
    /// for `dot -Kneato -n2` (e.g. `dot -Kneato -n2 -Tpdf`).
    #[arg(long, value_name = "PAGE", value_parser = super::render::parse_page, conflicts_with = "aspect")]
    pub page: Option<Fit>,
    /// Fit to this shape, width over height, as `render --aspect` does (a
    /// pinned DOT, as with --page).
    #[arg(long, value_name = "R", value_parser = super::render::parse_aspect)]
    pub aspect: Option<Fit>,
}

pub(crate) fn run(args: &DotArgs, cx: &Ctx) -> u8 {
    if let Some(out) = &args.output
        && let Err(e) = check_output(&args.diagram.file, out, "dot")
    {
        eprintln!("error: {e}");
        return EXIT_FAILURE;
    }
    if args.diagram.watch {
        super::watch::watch(std::slice::from_ref(&args.diagram.file), || once(args, cx))
    } else {
        once(args, cx)
    }
}

fn once(args: &DotArgs, cx: &Ctx) -> u8 {
    let (g, mut opts) = match args.diagram.load(cx) {
        Ok(x) => x,
        Err(code) => return code,
    };
    opts.fit = args.page.or(args.aspect);
    let dot = match argmap::export::to_pinned_dot(&g, &opts) {
        Some(p) => p.dot,
        None => argmap::export::to_dot(&g, &opts),
    };
    let written = match &args.output {
        Some(path) => super::io::write_atomic(path, dot.as_bytes()).map_err(|e| e.to_string()),
        None => std::io::stdout()
            .lock()
            .write_all(dot.as_bytes())
            .map_err(|e| format!("cannot write to standard output: {e}")),
    };
    match written {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_FAILURE
        }
    }
}
