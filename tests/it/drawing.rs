//! Helpers shared by the diagram tests (`export`, `page`, `page_graphviz`):
//! a bundled graph loaded and scored, the what-if they draw, Graphviz run on
//! a DOT, and an SVG's shapes read back as boxes.

use std::path::Path;
use std::process::Command;

use argmap::export::{Scores, WhatIf};
use argmap::semantics::{Overlay, Params, Qbaf, evaluate, evaluate_with};
use argmap::{ArgGraph, SemanticsKind, Source};

/// A box `(x0, y0, x1, y1)`.
pub(crate) type Box4 = (f64, f64, f64, f64);

/// A graph file, checked and built.
pub(crate) fn load(path: &Path) -> ArgGraph {
    let src = Source::read(path).unwrap();
    argmap::build(&argmap::check(&src).unwrap())
}

/// The file's own semantics, else the default.
pub(crate) fn semantics(g: &ArgGraph) -> SemanticsKind {
    g.model()
        .semantics
        .as_deref()
        .and_then(SemanticsKind::from_name)
        .unwrap_or_default()
}

pub(crate) fn scores(g: &ArgGraph) -> Scores {
    Scores::new(&evaluate(&Qbaf::from_graph(g), semantics(g), &Params::default()).unwrap())
}

/// The what-if used for every bundled graph: remove the first node (in file
/// order) that has an edge into the conclusion.
pub(crate) fn whatif(g: &ArgGraph) -> WhatIf {
    let first = g
        .links()
        .iter()
        .find(|l| l.to == g.conclusion())
        .unwrap()
        .from;
    let mut removed = vec![false; g.len()];
    removed[first] = true;
    let overlay = Overlay {
        removed,
        ..Overlay::default()
    };
    let caption = format!("without {}", g.id(first));
    let q = Qbaf::from_graph(g);
    let before = evaluate(&q, semantics(g), &Params::default()).unwrap();
    let after = evaluate_with(&q, semantics(g), &Params::default(), &overlay).unwrap();
    WhatIf::new(g, &before, &after, &overlay, caption)
}

/// Parses XML, allowing the DOCTYPE that Graphviz's SVG has.
pub(crate) fn parse_xml(xml: &str) -> Result<roxmltree::Document<'_>, roxmltree::Error> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(xml, opts)
}

/// Whether Graphviz's `dot` runs here; prints why a test is skipped otherwise.
pub(crate) fn have_graphviz(test: &str) -> bool {
    let ok = Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{test}: CI=true and Graphviz `dot` is not installed: .ci/run installs it"
        );
        eprintln!("skipping {test}: Graphviz `dot` is not installed (CI installs it)");
    }
    ok
}

/// Runs Graphviz's `dot ARGS -Tsvg` on `dot` (`render` adds
/// [`argmap::export::PINNED_ARGS`] for a fitted page); returns the SVG,
/// failing on any error or warning (such as a label too large for its fixed
/// box or cell).
pub(crate) fn graphviz_svg(dot: &str, args: &[&str], what: &str) -> String {
    use std::io::Write;
    let mut child = Command::new("dot")
        .args(args)
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(dot.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "Graphviz rejected {what}:\n{err}");
    assert!(
        err.trim().is_empty(),
        "Graphviz warned about {what}:\n{err}"
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The bounding box `(x0, y0, x1, y1)` of an SVG shape (`rect`, `circle`,
/// `ellipse`, `polygon` or `path`).
pub(crate) fn shape_box(n: roxmltree::Node) -> Option<Box4> {
    let f = |a: &str| n.attribute(a).and_then(|v| v.parse::<f64>().ok());
    let points: Vec<(f64, f64)> = match n.tag_name().name() {
        "rect" => {
            let (x, y, w, h) = (f("x")?, f("y")?, f("width")?, f("height")?);
            vec![(x, y), (x + w, y + h)]
        }
        "circle" => {
            let (x, y, r) = (f("cx")?, f("cy")?, f("r")?);
            vec![(x - r, y - r), (x + r, y + r)]
        }
        "ellipse" => {
            let (x, y, rx, ry) = (f("cx")?, f("cy")?, f("rx")?, f("ry")?);
            vec![(x - rx, y - ry), (x + rx, y + ry)]
        }
        "polygon" => n
            .attribute("points")?
            .split_whitespace()
            .filter_map(|p| {
                let (a, b) = p.split_once(',')?;
                Some((a.parse().ok()?, b.parse().ok()?))
            })
            .collect(),
        "path" => flatten_path(n.attribute("d")?),
        _ => return None,
    };
    let fold = |pick: fn(&(f64, f64)) -> f64, min: bool| {
        points.iter().map(pick).fold(
            if min {
                f64::INFINITY
            } else {
                f64::NEG_INFINITY
            },
            if min { f64::min } else { f64::max },
        )
    };
    Some((
        fold(|p| p.0, true),
        fold(|p| p.1, true),
        fold(|p| p.0, false),
        fold(|p| p.1, false),
    ))
}

/// [`shape_box`] of a shape that has one (a test's own drawing).
pub(crate) fn box_of(n: roxmltree::Node) -> Box4 {
    shape_box(n).unwrap_or_else(|| panic!("no box for <{}>", n.tag_name().name()))
}

/// The box of a `<g class="node">`: its first shape (`rect` or `path`), which
/// docs/diagrams.md promises is the node's box.
pub(crate) fn node_box(n: roxmltree::Node) -> Box4 {
    let shape = n
        .children()
        .find(|c| c.has_tag_name("rect") || c.has_tag_name("path"))
        .unwrap_or_else(|| panic!("a node with no shape: {:?}", n.attribute("data-id")));
    box_of(shape)
}

/// The smallest `font-size` of an SVG (in its own units).
pub(crate) fn smallest_font(doc: &roxmltree::Document) -> f64 {
    doc.descendants()
        .filter_map(|n| n.attribute("font-size"))
        .map(|s| s.parse::<f64>().unwrap())
        .fold(f64::INFINITY, f64::min)
}

/// The points of an SVG path's `d` (absolute `M`, `L`, `H`, `V`, `C`, as
/// both writers use), cubic curves flattened into short straight pieces.
pub(crate) fn flatten_path(d: &str) -> Vec<(f64, f64)> {
    let mut tokens: Vec<String> = Vec::new();
    for c in d.chars() {
        if c.is_ascii_alphabetic() && c != 'e' {
            tokens.push(c.to_string());
            tokens.push(String::new());
        } else if c == ','
            || c.is_whitespace()
            || (c == '-'
                && tokens
                    .last()
                    .is_some_and(|t| !t.is_empty() && !t.ends_with('e')))
        {
            tokens.push(if c == '-' { "-".into() } else { String::new() });
        } else if let Some(t) = tokens.last_mut() {
            t.push(c);
        }
    }
    let mut out: Vec<(f64, f64)> = Vec::new();
    let (mut cmd, mut nums) = ('M', Vec::<f64>::new());
    let flush = |cmd: char, nums: &mut Vec<f64>, out: &mut Vec<(f64, f64)>| {
        let last = out.last().copied().unwrap_or((0.0, 0.0));
        match cmd {
            'M' | 'L' => out.extend(nums.chunks_exact(2).map(|p| (p[0], p[1]))),
            'H' => out.extend(nums.iter().map(|&x| (x, last.1))),
            'V' => out.extend(nums.iter().map(|&y| (last.0, y))),
            'C' => {
                let mut p0 = last;
                for c in nums.chunks_exact(6) {
                    let (p1, p2, p3) = ((c[0], c[1]), (c[2], c[3]), (c[4], c[5]));
                    let n = 200;
                    for i in 1..=n {
                        let u = f64::from(i) / f64::from(n);
                        let (a, b, cc, dd) = (
                            (1.0 - u).powi(3),
                            3.0 * (1.0 - u).powi(2) * u,
                            3.0 * (1.0 - u) * u * u,
                            u.powi(3),
                        );
                        out.push((
                            a * p0.0 + b * p1.0 + cc * p2.0 + dd * p3.0,
                            a * p0.1 + b * p1.1 + cc * p2.1 + dd * p3.1,
                        ));
                    }
                    p0 = p3;
                }
            }
            _ => {}
        }
        nums.clear();
    };
    for t in tokens.iter().filter(|t| !t.is_empty()) {
        match t.chars().next() {
            Some(c) if c.is_ascii_alphabetic() => {
                flush(cmd, &mut nums, &mut out);
                cmd = c;
            }
            _ => nums.push(
                t.parse()
                    .unwrap_or_else(|_| panic!("bad number {t} in {d}")),
            ),
        }
    }
    flush(cmd, &mut nums, &mut out);
    out
}
