//! `argmap dot FILE [-o OUT]`: the graph as Graphviz DOT.

use std::io::Write;
use std::path::PathBuf;

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
    let (g, opts) = match args.diagram.load(cx) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let dot = argmap::export::to_dot(&g, &opts);
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
