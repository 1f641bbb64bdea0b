//! Issue 23, a page through Graphviz: `argmap render --page` to PNG or PDF
//! (or `--engine graphviz`) draws the embedded layout's fitted page with
//! Graphviz, every position pinned (`neato -n2`), so that the picture has the
//! page's size and its text prints as large as in the embedded SVG.

use std::path::Path;

use argmap::ArgGraph;
use argmap::export::{DotOptions, Fit, Labels, RankDir, draw_svg, to_pinned_dot};

use crate::drawing::{
    Box4, box_of, graphviz_svg, have_graphviz, load, parse_xml, scores, smallest_font, whatif,
};
use crate::page::printed_pt;
use crate::{argmap, bundled_graphs, stderr};

/// The options of the README picture: scores, evidence folded, titles, 16:9.
fn readme(g: &ArgGraph) -> DotOptions {
    DotOptions {
        scores: Some(scores(g)),
        hide_evidence: true,
        labels: Labels::Title,
        fit: Fit::named("16:9"),
        ..DotOptions::default()
    }
}

/// Fitted views of `g` to try: on a slide with scores, evidence shown and
/// folded, a what-if on A3, on A4 sideways (wrapped ranks, not blocks), a
/// shape only, and each split page.
fn variants(g: &ArgGraph) -> Vec<(String, DotOptions)> {
    let mut out = vec![
        ("readme".to_string(), readme(g)),
        (
            "16:9 with evidence".to_string(),
            DotOptions {
                scores: Some(scores(g)),
                fit: Fit::named("16:9"),
                ..DotOptions::default()
            },
        ),
        (
            "what-if on A3".to_string(),
            DotOptions {
                whatif: Some(whatif(g)),
                fit: Fit::named("a3"),
                ..DotOptions::default()
            },
        ),
        (
            "a4 LR".to_string(),
            DotOptions {
                rankdir: RankDir::LeftToRight,
                fit: Fit::named("a4"),
                ..DotOptions::default()
            },
        ),
        (
            "aspect 1.5 TB".to_string(),
            DotOptions {
                rankdir: RankDir::TopToBottom,
                fit: Some(Fit::aspect(1.5)),
                ..DotOptions::default()
            },
        ),
    ];
    let pages = argmap::export::split_pages(g, &readme(g));
    for k in 0..pages.len() {
        out.push((
            format!("split page {}", k + 1),
            DotOptions {
                split_page: Some(k),
                ..readme(g)
            },
        ));
    }
    out
}

/// Each `<g class="node">` of an SVG: its `data-id`, whether it is a stub,
/// and the box of its first shape.
fn nodes(svg: &str) -> Vec<(String, bool, Box4)> {
    // Graphviz's SVG has a DOCTYPE.
    let doc = parse_xml(svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some("node"))
        .map(|g| {
            let shape = g
                .descendants()
                .find(|s| {
                    ["rect", "path", "polygon"]
                        .iter()
                        .any(|t| s.has_tag_name(*t))
                })
                .unwrap();
            (
                g.attribute("data-id").unwrap().to_string(),
                g.attribute("data-stub") == Some("true"),
                box_of(shape),
            )
        })
        .collect()
}

/// `(x, y, width, height)` of an SVG's view box.
fn view_box(svg: &str) -> (f64, f64, f64, f64) {
    let doc = parse_xml(svg).unwrap();
    let v: Vec<f64> = doc
        .root_element()
        .attribute("viewBox")
        .unwrap()
        .split(' ')
        .map(|s| s.parse().unwrap())
        .collect();
    (v[0], v[1], v[2], v[3])
}

/// Graphviz draws every node of the embedded page where the embedded SVG
/// draws it, at its size: on every bundled graph, in every fitted view,
/// each `<g class="node">` of the SVG Graphviz writes from the pinned DOT
/// (annotated as `render` does) has the same `data-id`, stub mark and box
/// as one of the embedded SVG's, within half a unit. Graphviz
/// writes its own coordinates, whose `y` runs up from the bottom of the page,
/// negated (its SVG moves them down by the page's height): the bottom left
/// corner of the view box is 0, 0, so the embedded boxes are moved by the view
/// box's top left corner and up by its height. And Graphviz warns about no label:
/// every text fits its fixed box by Graphviz's own font metrics.
#[test]
fn graphviz_pins_every_node_where_the_svg_draws_it() {
    if !have_graphviz("graphviz_pins_every_node_where_the_svg_draws_it") {
        return;
    }
    for path in bundled_graphs() {
        let g = load(&path);
        for (name, opts) in variants(&g) {
            let what = format!("{} ({name})", path.display());
            let embedded = draw_svg(&g, &opts).svg;
            let pinned = to_pinned_dot(&g, &opts).unwrap();
            let raw = graphviz_svg(&pinned.dot, &argmap::export::PINNED_ARGS, &what);
            let drawn = argmap::export::annotate_graphviz_svg(&raw, &g, &opts);
            let (vx, vy, _, vh) = view_box(&embedded);
            // Graphviz draws the nodes of each cluster together: both in
            // the order of their ids (a stub's id is its node's), then left
            // to right.
            let sorted = |mut v: Vec<(String, bool, Box4)>| {
                v.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)).then(a.2.0.total_cmp(&b.2.0)));
                v
            };
            let want = sorted(nodes(&embedded));
            let got = sorted(nodes(&drawn));
            assert_eq!(want.len(), got.len(), "{what}");
            assert!(!want.is_empty(), "{what}");
            for ((id, stub, b), (gid, gstub, gb)) in want.iter().zip(&got) {
                assert_eq!((id, stub), (gid, gstub), "{what}");
                let moved = (b.0 - vx, b.1 - vy - vh, b.2 - vx, b.3 - vy - vh);
                let close = [
                    (moved.0, gb.0),
                    (moved.1, gb.1),
                    (moved.2, gb.2),
                    (moved.3, gb.3),
                ]
                .iter()
                .all(|(a, b)| (a - b).abs() <= 0.5);
                assert!(
                    close,
                    "{what}: {id} at {moved:?} in the SVG, {gb:?} by Graphviz"
                );
            }
            // Graphviz's legend is its own table: it stays within the
            // embedded legend's box grown by 7 units (the packing leaves 10
            // between blocks; 14, twice the margin, when this was written).
            let legend = |svg: &str| {
                let doc = parse_xml(svg).unwrap();
                doc.descendants()
                    .find(|n| n.attribute("class") == Some("legend"))
                    .and_then(|g| {
                        g.descendants()
                            .find(|s| s.has_tag_name("rect") || s.has_tag_name("polygon"))
                    })
                    .map(box_of)
            };
            match (legend(&embedded), legend(&drawn)) {
                (Some(b), Some(gb)) => {
                    let moved = (b.0 - vx, b.1 - vy - vh, b.2 - vx, b.3 - vy - vh);
                    let inside = gb.0 >= moved.0 - 7.0
                        && gb.1 >= moved.1 - 7.0
                        && gb.2 <= moved.2 + 7.0
                        && gb.3 <= moved.3 + 7.0;
                    assert!(
                        inside,
                        "{what}: legend {gb:?} by Graphviz, {moved:?} in the SVG"
                    );
                    // And as wide: Graphviz's table takes the SVG's columns.
                    assert!(
                        gb.2 - gb.0 >= moved.2 - moved.0 - 2.0,
                        "{what}: legend {gb:?} by Graphviz narrower than {moved:?} in the SVG"
                    );
                }
                (None, None) => {}
                other => panic!("{what}: legend {other:?}"),
            }
        }
    }
}

/// On a scored page the folded evidence joins the score line (`7 for · 0.000
/// → 0.783`, two lines a box): both legends show that count as the boxes do,
/// not the `evidence: 2 for` line of an unfitted drawing, which keeps it.
#[test]
fn the_legend_shows_folded_evidence_as_the_page_boxes_do() {
    let g = load(&crate::root().join("graphs/sino_russian_distrust.ron"));
    let page = readme(&g);
    let svg = draw_svg(&g, &page).svg;
    let dot = to_pinned_dot(&g, &page).unwrap().dot;
    // A box of the page: the count, a middle dot, the scores.
    assert!(svg.contains(" for · 0.000 → "), "{svg}");
    for (what, out) in [("SVG", &svg), ("DOT", &dot)] {
        assert!(out.contains(">2 for ·<"), "{what}: {out}");
        assert!(!out.contains("evidence: 2 for"), "{what}: {out}");
    }
    let unfitted = DotOptions {
        fit: None,
        ..readme(&g)
    };
    let svg = draw_svg(&g, &unfitted).svg;
    let dot = argmap::export::to_dot(&g, &unfitted);
    for (what, out) in [("SVG", &svg), ("DOT", &dot)] {
        assert!(out.contains(">evidence: 2 for<"), "{what}: {out}");
    }
}

/// The DOT's own numbers: the viewport is the page's printed size, zoomed by
/// the page's width over the view box's (960 / view box width for 16:9), and
/// the smallest font size in the DOT times that zoom is the printed size
/// `draw_svg` reports for the embedded SVG of the same page.
#[test]
fn the_pinned_dot_prints_at_the_svg_size() {
    for path in bundled_graphs() {
        let g = load(&path);
        let opts = readme(&g);
        let drawing = draw_svg(&g, &opts);
        let pinned = to_pinned_dot(&g, &opts).unwrap();
        let (_, _, vw, vh) = view_box(&drawing.svg);
        let viewport = pinned
            .dot
            .split("viewport=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .unwrap();
        let v: Vec<f64> = viewport.split(',').map(|s| s.parse().unwrap()).collect();
        let what = path.display();
        assert_eq!((v[0], v[1]), (960.0, 540.0), "{what}");
        assert!((v[2] - 960.0 / vw).abs() < 1e-5, "{what}: zoom {}", v[2]);
        assert_eq!((v[3], v[4]), (vw / 2.0, vh / 2.0), "{what}");
        let (a, b) = (pinned.text_pt.unwrap(), drawing.text_pt.unwrap());
        assert!(
            (a - b).abs() < 1e-6,
            "{what}: {a} pt through Graphviz, {b} pt in the SVG"
        );
    }
}

/// The size of a PNG (its IHDR chunk: width and height, big-endian).
fn png_size(png: &[u8]) -> (u32, u32) {
    assert!(png.starts_with(b"\x89PNG"));
    let be = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

/// The `MediaBox` of each page of a PDF (cairo writes them uncompressed).
fn media_boxes(pdf: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(pdf);
    text.split("/MediaBox [")
        .skip(1)
        .map(|r| r.split(']').next().unwrap().trim().to_string())
        .collect()
}

/// Renders the paper map as the README does (`--scores --hide-evidence
/// --labels title --page 16:9`) to `out`, with `extra` arguments; returns
/// what the command said.
fn render_paper(out: &Path, extra: &[&str]) -> String {
    let mut args = vec![
        "render",
        "graphs/sino_russian_distrust.ron",
        "--scores",
        "--hide-evidence",
        "--labels",
        "title",
        "--page",
        "16:9",
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend(extra);
    let run = argmap(&args);
    assert_eq!(run.status.code(), Some(0), "{extra:?}: {}", stderr(&run));
    stderr(&run)
}

/// A 16:9 slide is 960 x 540 pt: the PDF's page is that size, the PNG
/// (at 144 dpi, two pixels a point) 1920 x 1080 pixels; a 4:3 slide (720 x
/// 540 pt) 1440 x 1080. And the warning says the text prints at the size
/// the embedded SVG's warning says (the paper map does not read at 9 pt on a
/// slide: see docs/diagrams.md).
#[test]
fn a_page_through_graphviz_has_the_page_size() {
    if !have_graphviz("a_page_through_graphviz_has_the_page_size") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("map.svg");
    let said_svg = render_paper(&svg, &["--engine", "embedded"]);
    let warning = |said: &str| {
        said.lines()
            .find(|l| l.starts_with("warning: on this page"))
            .unwrap_or_else(|| panic!("no warning in {said}"))
            .to_string()
    };
    let pdf = dir.path().join("map.pdf");
    let said_pdf = render_paper(&pdf, &[]);
    assert!(said_pdf.contains("with Graphviz"), "{said_pdf}");
    assert_eq!(media_boxes(&std::fs::read(&pdf).unwrap()), ["0 0 960 540"]);
    assert_eq!(warning(&said_pdf), warning(&said_svg));

    let png = dir.path().join("map.png");
    let said_png = render_paper(&png, &[]);
    assert_eq!(png_size(&std::fs::read(&png).unwrap()), (1920, 1080));
    assert_eq!(warning(&said_png), warning(&said_svg));
    let png43 = dir.path().join("map43.png");
    let run = argmap(&[
        "render",
        "graphs/nixon_diamond.ron",
        "--page",
        "4:3",
        "-o",
        png43.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert_eq!(png_size(&std::fs::read(&png43).unwrap()), (1440, 1080));

    // `--engine graphviz` writes the same page as an SVG, in points; its
    // text, measured in what Graphviz wrote (each `font-size` times the
    // drawing's `scale`, on a page 960 pt wide and as many units), prints
    // as large as the embedded SVG's (by the page tests' own reckoning).
    let gv = dir.path().join("gv.svg");
    render_paper(&gv, &["--engine", "graphviz"]);
    let gv = std::fs::read_to_string(&gv).unwrap();
    assert!(gv.contains("<svg width=\"960pt\" height=\"540pt\""), "{gv}");
    let doc = parse_xml(&gv).unwrap();
    assert_eq!(view_box(&gv).2, 960.0);
    let scale: f64 = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("graph"))
        .and_then(|n| n.attribute("transform"))
        .and_then(|t| t.strip_prefix("scale("))
        .and_then(|t| t.split(' ').next())
        .unwrap()
        .parse()
        .unwrap();
    let smallest = smallest_font(&doc);
    let embedded = printed_pt(&std::fs::read_to_string(&svg).unwrap());
    // Graphviz writes the scale with two decimals.
    assert!(
        (smallest * scale - embedded).abs() < 0.05,
        "Graphviz: {smallest} x {scale}, the SVG: {embedded} pt"
    );
}

/// `--split groups --page 16:9 -o map.pdf` through Graphviz: one PDF with a
/// 960 x 540 pt page for each of the paper map's six pages.
#[test]
fn split_pages_through_graphviz_fill_slides() {
    let have_rsvg = std::process::Command::new("rsvg-convert")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !have_graphviz("split_pages_through_graphviz_fill_slides") || !have_rsvg {
        eprintln!("skipping split_pages_through_graphviz_fill_slides: needs rsvg-convert");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("map.pdf");
    let said = render_paper(&pdf, &["--split", "groups"]);
    assert!(said.contains("6 pages"), "{said}");
    assert_eq!(
        media_boxes(&std::fs::read(&pdf).unwrap()),
        ["0 0 960 540"; 6]
    );
}

/// On a page, Graphviz only draws what the embedded layout laid out, so
/// `--max-nodes` speaks of the embedded layout (whose default limit applies)
/// and does not suggest installing Graphviz.
#[test]
fn a_page_through_graphviz_is_laid_out_by_the_embedded_layout() {
    if !have_graphviz("a_page_through_graphviz_is_laid_out_by_the_embedded_layout") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.pdf");
    let run = argmap(&[
        "render",
        "graphs/nixon_diamond.ron",
        "--page",
        "a4",
        "--max-nodes",
        "3",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    let err = stderr(&run);
    assert!(err.contains("the embedded layout would take long"), "{err}");
    assert!(!err.contains("install Graphviz"), "{err}");
    assert!(!out.exists());
}

/// `argmap dot --page 16:9` writes the DOT `render` hands Graphviz for that
/// page (the library's `to_pinned_dot`, byte for byte); without `--page`, the
/// DOT of Graphviz's own layout, which has no `pos`.
#[test]
fn the_dot_command_writes_the_pinned_page() {
    let g = load(Path::new("graphs/nixon_diamond.ron"));
    let opts = DotOptions {
        fit: Fit::named("16:9"),
        ..DotOptions::default()
    };
    let want = to_pinned_dot(&g, &opts).unwrap().dot;
    let run = argmap(&["dot", "graphs/nixon_diamond.ron", "--page", "16:9"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert_eq!(crate::stdout(&run), want);
    let plain = argmap(&["dot", "graphs/nixon_diamond.ron"]);
    assert_eq!(
        crate::stdout(&plain),
        argmap::export::to_dot(&g, &DotOptions::default())
    );
    assert!(!crate::stdout(&plain).contains(" pos="));
}
