//! `argmap render FILE -o map.svg|map.png|map.pdf`: a picture of the graph,
//! through Graphviz when it is installed, else through the embedded layout (SVG).

use std::path::{Path, PathBuf};

use argmap::export::Fit;
use clap::ValueEnum;
use graphviz_rust::cmd::{CommandArg, Format};

use super::diagram::{DiagramArgs, check_output};
use super::{Ctx, EXIT_FAILURE};

/// Draw the graph as an SVG, PNG or PDF picture.
#[derive(Debug, clap::Args)]
pub(crate) struct RenderArgs {
    #[command(flatten)]
    pub diagram: DiagramArgs,
    /// The picture to write (atomically); its extension (.svg, .png, .pdf) gives
    /// the format unless --format is given.
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
    /// The picture format (default: from the extension of OUT).
    #[arg(long, value_enum)]
    pub format: Option<PictureFormat>,
    /// Who lays the graph out: `auto` uses Graphviz when `dot` is on the PATH
    /// and the embedded layout otherwise (SVG only).
    #[arg(long, value_enum, default_value_t = Engine::Auto)]
    pub engine: Engine,
    /// Refuse to draw more nodes than this [default: 5000 with the embedded
    /// layout, 2000 with Graphviz]: layout time grows with size (the embedded
    /// layout takes about 0.3 s at 1000 nodes, Graphviz about a minute at 2000).
    /// With --page or --aspect the embedded layout lays the map out and Graphviz
    /// only draws it: the embedded layout's limit.
    #[arg(long, value_name = "N", value_parser = super::eval::whole::<usize>)]
    pub max_nodes: Option<usize>,
    /// Fit the picture to a landscape page: `a4`, `a3`, `16:9` or `4:3` (slides).
    /// The embedded layout wraps ranks that are too wide into rows, packs groups
    /// as blocks and sizes the picture to the page, and says when the text would
    /// print below 9 pt; PNG and PDF (and --engine graphviz) are that page drawn
    /// by Graphviz with the positions pinned.
    #[arg(long, value_name = "PAGE", value_parser = parse_page, conflicts_with = "aspect")]
    pub page: Option<Fit>,
    /// Fit the picture to this shape, width over height (e.g. 1.5), as --page
    /// does but without a printed size.
    #[arg(long, value_name = "R", value_parser = parse_aspect)]
    pub aspect: Option<Fit>,
    /// `groups`: one page per top-level group (and one for the nodes in no
    /// group), each with dashed stubs naming the page of the nodes its edges
    /// lead to: numbered files (`map-1.svg`, `map-2.svg`, ...), or one PDF of
    /// several pages through Graphviz (joined by rsvg-convert).
    #[arg(long, value_enum, value_name = "BY")]
    pub split: Option<SplitBy>,
}

/// `--split`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum SplitBy {
    /// One page per top-level group.
    Groups,
}

/// `--page NAME`.
pub(crate) fn parse_page(s: &str) -> Result<Fit, String> {
    Fit::named(s).ok_or_else(|| {
        let mut msg = format!("unknown page `{s}`: use one of {}", Fit::NAMES.join(", "));
        // Another shape written W:H (16:10, 21:9): --aspect takes it.
        let ratio = s.split_once(':').and_then(|(w, h)| {
            let (w, h) = (w.trim().parse::<f64>().ok()?, h.trim().parse::<f64>().ok()?);
            Some(w / h).filter(|r| r.is_finite() && (0.05..=20.0).contains(r))
        });
        if let Some(r) = ratio {
            msg.push_str(&format!(
                ", or --aspect {} for a {s} shape",
                (r * 100.0).round() / 100.0
            ));
        }
        msg
    })
}

/// `--aspect R`.
pub(crate) fn parse_aspect(s: &str) -> Result<Fit, String> {
    match s.parse::<f64>() {
        Ok(r) if r.is_finite() && (0.05..=20.0).contains(&r) => Ok(Fit::aspect(r)),
        _ => Err(format!(
            "`{s}` is not a width-over-height ratio between 0.05 and 20 (e.g. 1.78 for 16:9)"
        )),
    }
}

/// The default of `--max-nodes` for each layout engine.
const MAX_NODES_EMBEDDED: usize = 5000;
const MAX_NODES_GRAPHVIZ: usize = 2000;

/// `--format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum PictureFormat {
    /// Scalable vector graphics.
    Svg,
    /// A bitmap (needs Graphviz).
    Png,
    /// A PDF page (needs Graphviz).
    Pdf,
}

/// `--engine`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Engine {
    /// Graphviz if `dot` is on the PATH, else the embedded layout.
    Auto,
    /// The layout built into argmap (SVG only; groups as nested boxes).
    Embedded,
    /// Graphviz's `dot` program (SVG, PNG, PDF; groups as nested boxes).
    Graphviz,
}

const INSTALL_HINT: &str = "install Graphviz (Debian/Ubuntu: `sudo apt-get install graphviz`; \
     Fedora: `sudo dnf install graphviz`; macOS: `brew install graphviz`; Windows: \
     `winget install graphviz`; or see https://graphviz.org/download/), or write an SVG \
     with the embedded layout: `-o map.svg`";

pub(crate) fn run(args: &RenderArgs, cx: &Ctx) -> u8 {
    let format = match args.format.or_else(|| format_of(&args.output)) {
        Some(f) => f,
        None => {
            eprintln!(
                "error: cannot tell the picture format of {}: name it .svg, .png or .pdf, or \
                 pass --format svg|png|pdf",
                args.output.display()
            );
            return EXIT_FAILURE;
        }
    };
    let ext = match format {
        PictureFormat::Svg => "svg",
        PictureFormat::Png => "png",
        PictureFormat::Pdf => "pdf",
    };
    if let Err(e) = check_output(&args.diagram.file, &args.output, ext) {
        eprintln!("error: {e}");
        return EXIT_FAILURE;
    }
    let dot = find_dot();
    let fit = args.page.or(args.aspect);
    let graphviz = match (args.engine, &dot, format) {
        (Engine::Embedded, _, PictureFormat::Svg) => false,
        // Only the embedded layout can wrap ranks to fit a page.
        (Engine::Auto, _, PictureFormat::Svg) if fit.is_some() => false,
        (Engine::Embedded, _, _) => {
            eprintln!(
                "error: the embedded layout writes SVG only; for {} use --engine graphviz \
                 (or convert the SVG, e.g. with `rsvg-convert`)",
                ext.to_uppercase()
            );
            return EXIT_FAILURE;
        }
        (Engine::Auto, None, PictureFormat::Svg) => false,
        (_, Some(_), _) => true,
        (Engine::Graphviz, None, _) | (Engine::Auto, None, _) => {
            let what = if args.engine == Engine::Graphviz {
                "--engine graphviz".to_string()
            } else {
                format!("a {} picture", ext.to_uppercase())
            };
            eprintln!("error: {what} needs Graphviz, and `dot` is not on the PATH");
            eprintln!("help: {INSTALL_HINT}");
            return EXIT_FAILURE;
        }
    };
    let engine = match (&dot, graphviz) {
        (Some(p), true) => format!("Graphviz ({})", p.display()),
        _ => "the embedded layout (no Graphviz needed)".into(),
    };
    let go = || once(args, cx, format, graphviz, &engine);
    if args.diagram.watch {
        super::watch::watch(std::slice::from_ref(&args.diagram.file), go)
    } else {
        go()
    }
}

fn once(args: &RenderArgs, cx: &Ctx, format: PictureFormat, graphviz: bool, engine: &str) -> u8 {
    let (g, mut opts) = match args.diagram.load(cx) {
        Ok(x) => x,
        Err(code) => return code,
    };
    opts.fit = args.page.or(args.aspect);
    let shown = argmap::export::shown_nodes(&g, &opts);
    // On a page, the embedded layout lays the map out even for Graphviz,
    // which only draws it (`to_pinned_dot`).
    let graphviz_lays_out = graphviz && opts.fit.is_none();
    let limit = args.max_nodes.unwrap_or(if graphviz_lays_out {
        MAX_NODES_GRAPHVIZ
    } else {
        MAX_NODES_EMBEDDED
    });
    if shown > limit {
        eprintln!(
            "error: the diagram would have {shown} nodes, more than --max-nodes {limit}: {} would \
             take {}",
            if graphviz_lays_out {
                "Graphviz"
            } else {
                "the embedded layout"
            },
            if graphviz_lays_out {
                "minutes (about 1 min at 2000 nodes)"
            } else {
                "long (about 2 s at 5000 nodes)"
            }
        );
        let mut help = vec![];
        if !opts.hide_evidence {
            help.push("draw the claims only with --hide-evidence".to_string());
        }
        if !graphviz {
            help.push("install Graphviz, which is faster on large graphs".into());
        }
        help.push(format!("or pass --max-nodes {shown} to draw it anyway"));
        eprintln!("help: {}", help.join("; "));
        return EXIT_FAILURE;
    }
    let Some(SplitBy::Groups) = args.split else {
        let bytes = match picture(&g, &opts, format, graphviz) {
            Ok(b) => b,
            Err(code) => return code,
        };
        if let Err(e) = super::io::write_atomic(&args.output, &bytes) {
            eprintln!("error: {e}");
            return EXIT_FAILURE;
        }
        eprintln!("wrote {} with {engine}", args.output.display());
        return 0;
    };
    let pages = argmap::export::split_pages(&g, &opts);
    let mut drawn = Vec::with_capacity(pages.len());
    // A multi-page PDF: Graphviz draws each page as SVG, rsvg-convert joins them.
    let joined = graphviz && format == PictureFormat::Pdf;
    for k in 0..pages.len() {
        opts.split_page = Some(k);
        let f = if joined { PictureFormat::Svg } else { format };
        match picture(&g, &opts, f, graphviz) {
            Ok(b) => drawn.push(b),
            Err(code) => return code,
        }
    }
    if joined {
        let bytes = match join_pdf(&drawn) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("error: {e}");
                return EXIT_FAILURE;
            }
        };
        if let Err(e) = super::io::write_atomic(&args.output, &bytes) {
            eprintln!("error: {e}");
            return EXIT_FAILURE;
        }
        eprintln!(
            "wrote {} ({} pages, one per top-level group) with {engine}",
            args.output.display(),
            pages.len()
        );
        return 0;
    }
    for (k, bytes) in drawn.iter().enumerate() {
        let path = numbered(&args.output, k + 1);
        if let Err(e) = super::io::write_atomic(&path, bytes) {
            eprintln!("error: {e}");
            return EXIT_FAILURE;
        }
        eprintln!("wrote {} ({}) with {engine}", path.display(), pages[k]);
    }
    0
}

/// One picture of `g`: through Graphviz, or with the embedded layout (SVG).
fn picture(
    g: &argmap::ArgGraph,
    opts: &argmap::export::DotOptions,
    format: PictureFormat,
    graphviz: bool,
) -> Result<Vec<u8>, u8> {
    if !graphviz {
        let drawing = argmap::export::draw_svg(g, opts);
        if let Some(pt) = drawing.text_pt {
            warn_small_text(pt, g, opts);
        }
        return Ok(drawing.svg.into_bytes());
    }
    // On a page, Graphviz draws the embedded layout's page with its
    // positions pinned: it cannot wrap ranks or pack groups itself.
    let pinned = argmap::export::to_pinned_dot(g, opts);
    if let Some(pt) = pinned.as_ref().and_then(|p| p.text_pt) {
        warn_small_text(pt, g, opts);
    }
    let f = match format {
        PictureFormat::Svg => Format::Svg,
        PictureFormat::Png => Format::Png,
        PictureFormat::Pdf => Format::Pdf,
    };
    let mut cmd = vec![CommandArg::Format(f)];
    if format == PictureFormat::Png {
        // 144 dpi: sharp on high-density screens, text readable when zoomed.
        cmd.push(CommandArg::Custom("-Gdpi=144".into()));
    }
    let dot = match pinned {
        Some(p) => {
            cmd.extend(
                argmap::export::PINNED_ARGS
                    .iter()
                    .map(|a| CommandArg::Custom(a.to_string())),
            );
            p.dot
        }
        None => argmap::export::to_dot(g, opts),
    };
    match graphviz_rust::exec_dot(dot, cmd) {
        // The stable structure of docs/diagrams.md (`data-id`, `data-from`, ...).
        Ok(b) if format == PictureFormat::Svg => match String::from_utf8(b) {
            Ok(svg) => Ok(argmap::export::annotate_graphviz_svg(&svg, g, opts).into_bytes()),
            Err(e) => Ok(e.into_bytes()),
        },
        Ok(b) => Ok(b),
        Err(e) => {
            eprintln!("error: Graphviz failed: {}", e.to_string().trim());
            Err(EXIT_FAILURE)
        }
    }
}

/// Warns when the smallest text of a page prints at `pt` points, below the 9
/// pt that read easily, and says how to draw less.
fn warn_small_text(pt: f64, g: &argmap::ArgGraph, opts: &argmap::export::DotOptions) {
    if pt >= 9.0 {
        return;
    }
    let mut less = Vec::new();
    if opts.labels == argmap::export::Labels::Text
        && g.model().nodes.iter().any(|n| n.title.is_some())
    {
        less.push("--labels title");
    }
    if !opts.hide_evidence {
        less.push("--hide-evidence");
    }
    if opts.split_page.is_none() {
        less.push("--split groups");
    }
    less.push("--focus ID");
    eprintln!(
        "warning: on this page the smallest text prints at {pt:.1} pt, below the 9 pt \
         that reads easily; draw less ({}) or use a larger --page",
        less.join(", ")
    );
}

/// `map.svg` -> `map-2.svg`: the file of page `k` of a split picture.
fn numbered(path: &Path, k: usize) -> PathBuf {
    let stem = path
        .file_stem()
        .map_or_else(|| "picture".into(), |s| s.to_string_lossy());
    let name = match path.extension() {
        Some(ext) => format!("{stem}-{k}.{}", ext.to_string_lossy()),
        None => format!("{stem}-{k}"),
    };
    path.with_file_name(name)
}

/// SVG pages joined into one PDF by `rsvg-convert` (librsvg), one page each.
fn join_pdf(pages: &[Vec<u8>]) -> Result<Vec<u8>, String> {
    let dir = tempfile::tempdir().map_err(|e| format!("cannot make a temporary folder: {e}"))?;
    let mut files = Vec::new();
    for (k, svg) in pages.iter().enumerate() {
        let f = dir.path().join(format!("page-{k:04}.svg"));
        std::fs::write(&f, svg).map_err(|e| format!("cannot write {}: {e}", f.display()))?;
        files.push(f);
    }
    let out = dir.path().join("joined.pdf");
    let run = std::process::Command::new("rsvg-convert")
        .args(["-f", "pdf", "-o"])
        .arg(&out)
        .args(&files)
        .output()
        .map_err(|e| {
            format!(
                "a PDF of several pages needs rsvg-convert (librsvg) to join them, and it did \
                 not run ({e}); install it (Debian/Ubuntu: `sudo apt-get install librsvg2-bin`) \
                 or write numbered SVG pages: `-o map.svg --split groups`"
            )
        })?;
    if !run.status.success() {
        return Err(format!(
            "rsvg-convert failed: {}",
            String::from_utf8_lossy(&run.stderr).trim()
        ));
    }
    std::fs::read(&out).map_err(|e| format!("cannot read {}: {e}", out.display()))
}

/// The picture format named by the extension of `path`.
fn format_of(path: &Path) -> Option<PictureFormat> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "svg" => Some(PictureFormat::Svg),
        "png" => Some(PictureFormat::Png),
        "pdf" => Some(PictureFormat::Pdf),
        _ => None,
    }
}

/// Graphviz's `dot` program on the PATH, if any.
pub(crate) fn find_dot() -> Option<PathBuf> {
    let names: &[&str] = if cfg!(windows) {
        &["dot.exe", "dot"]
    } else {
        &["dot"]
    };
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| is_executable(p))
}

#[cfg(unix)]
fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(p: &Path) -> bool {
    p.is_file()
}
