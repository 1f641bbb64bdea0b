//! `argmap gen --shape S --nodes N [--edges M] ... [-o FILE]`

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use clap::ValueEnum;

use argmap::generator::{Format, GenOptions, Shape, generate};

/// Generate a seeded test graph.
#[derive(Debug, clap::Args)]
pub(crate) struct GenArgs {
    /// The shape: layered (evidence at the bottom, claims in layers up to the
    /// conclusion), tree, random (a DAG), scale-free (preferential attachment),
    /// cyclic (random with back edges).
    #[arg(long, value_enum, default_value_t = ShapeArg::Layered)]
    pub shape: ShapeArg,
    /// Number of nodes, the conclusion included.
    #[arg(long, value_parser = super::eval::whole::<usize>)]
    pub nodes: usize,
    /// Number of edges (default: 4 per node, or as many as fit; a tree has nodes - 1).
    #[arg(long, value_parser = super::eval::whole::<usize>)]
    pub edges: Option<usize>,
    /// Share of supports among the edges, in [0, 1] (default 0.5; 0 for --format af).
    #[arg(long)]
    pub support_ratio: Option<f64>,
    /// Share of evidence among the nodes, in [0, 1] (not for trees, whose evidence are
    /// their leaves).
    #[arg(long)]
    pub evidence_ratio: Option<f64>,
    /// For --shape cyclic: share of the edges out of claims that go back to a later
    /// claim, in [0, 1].
    #[arg(long)]
    pub back_ratio: Option<f64>,
    /// Random weights in [0.1, 1] (RON only) instead of weight 1.
    #[arg(long)]
    pub weighted: bool,
    /// The seed: the same options give the same file.
    #[arg(long, default_value_t = 0, value_parser = super::eval::whole::<u64>)]
    pub seed: u64,
    /// Output format (default: from the extension of --output, else ron).
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// Output file, written atomically (default: standard output).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

/// `--shape` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ShapeArg {
    /// Layers of claims above a layer of evidence (acyclic).
    Layered,
    /// A random recursive tree.
    Tree,
    /// A random DAG.
    Random,
    /// Preferential attachment (acyclic).
    ScaleFree,
    /// Random with back edges.
    Cyclic,
}

impl From<ShapeArg> for Shape {
    fn from(s: ShapeArg) -> Shape {
        match s {
            ShapeArg::Layered => Shape::Layered,
            ShapeArg::Tree => Shape::Tree,
            ShapeArg::Random => Shape::Random,
            ShapeArg::ScaleFree => Shape::ScaleFree,
            ShapeArg::Cyclic => Shape::Cyclic,
        }
    }
}

/// `--format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum FormatArg {
    /// argmap's RON argument file.
    Ron,
    /// `arg(id, base).`, `att(a, b).`, `sup(a, b).` lines.
    Bag,
    /// ICCMA 2023 abstract framework (attacks only).
    Af,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Ron => Format::Ron,
            FormatArg::Bag => Format::Bag,
            FormatArg::Af => Format::Af,
        }
    }
}

pub(crate) fn run(args: &GenArgs) -> u8 {
    match run_inner(args) {
        Ok(()) => 0,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("error: {e}");
            super::EXIT_FAILURE
        }
    }
}

fn usage(msg: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, msg.into())
}

fn run_inner(args: &GenArgs) -> io::Result<()> {
    let format = match (args.format, &args.output) {
        (Some(f), _) => Format::from(f),
        (None, Some(p)) => p
            .extension()
            .and_then(|e| e.to_str())
            .and_then(Format::from_name)
            .unwrap_or(Format::Ron),
        (None, None) => Format::Ron,
    };
    let shape = Shape::from(args.shape);
    let mut opts = GenOptions::new(shape, args.nodes);
    opts.support_ratio = match (args.support_ratio, format) {
        (Some(r), _) => r,
        (None, Format::Af) => 0.0,
        (None, _) => opts.support_ratio,
    };
    if let Some(r) = args.evidence_ratio {
        if shape == Shape::Tree {
            return Err(usage(
                "--evidence-ratio does not apply to trees (their evidence are their leaves)",
            ));
        }
        opts.evidence_ratio = r;
    }
    if let Some(r) = args.back_ratio {
        if shape != Shape::Cyclic {
            return Err(usage("--back-ratio applies only to --shape cyclic"));
        }
        opts.back_ratio = r;
    }
    opts.weighted = args.weighted;
    opts.seed = args.seed;
    opts.edges = args.edges.unwrap_or_else(|| opts.default_edges());
    // Refuse bad options before spending time generating.
    opts.check().map_err(|e| usage(e.to_string()))?;
    opts.check_format(format)
        .map_err(|e| usage(e.to_string()))?;
    let g = generate(&opts).map_err(|e| usage(e.to_string()))?;
    match &args.output {
        None => {
            let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
            g.write(format, &mut out)?;
            out.flush()
        }
        // `argmap::Error::Write` says "cannot write PATH: REASON".
        Some(path) => super::io::write_atomic_with(path, |mut w| g.write(format, &mut w))
            .map_err(|e| io::Error::other(e.to_string())),
    }
}
