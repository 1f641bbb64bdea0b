//! Issue 23: maps fitted to a page (`argmap render --page`): how large their
//! text prints, read from each SVG's own numbers, and that a fitted drawing
//! keeps its boxes apart (no two node boxes overlap, every node inside its
//! groups' boxes and outside the others, group labels clear of other text).

use argmap::ArgGraph;
use argmap::export::{DotOptions, Fit, RankDir, draw_svg};

use crate::drawing::{Box4, box_of, load, node_box, scores, smallest_font};
use crate::{argmap, bundled_graphs, root, stderr};

/// The printed size in points of the smallest text of an SVG sized in points:
/// its smallest `font-size` (in view box units) times the printed width over
/// the view box's width. By hand for the README picture before issue 23's
/// page work: ids at 9 units, a view box 3759 wide printed 960 pt wide:
/// 9 x 960 / 3759 = 2.30 pt.
pub(crate) fn printed_pt(svg: &str) -> f64 {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let root = doc.root_element();
    let width = root.attribute("width").unwrap();
    let page_w: f64 = width.strip_suffix("pt").unwrap().parse().unwrap();
    let view_w: f64 = root
        .attribute("viewBox")
        .unwrap()
        .split(' ')
        .nth(2)
        .unwrap()
        .parse()
        .unwrap();
    smallest_font(&doc) * page_w / view_w
}

#[test]
fn the_hand_check_of_the_printed_size() {
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="960.0pt" height="540.0pt" viewBox="0 0 3759 2114"><text font-size="12">a</text><text font-size="9">b</text></svg>"#;
    assert!(
        (printed_pt(svg) - 2.30).abs() < 0.005,
        "{}",
        printed_pt(svg)
    );
}

/// Renders with the CLI and returns the SVG and what the command said.
fn render(file: &str, extra: &[&str]) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.svg");
    let mut args = vec!["render", file, "--engine", "embedded", "-o"];
    args.push(out.to_str().unwrap());
    args.extend(extra);
    let run = argmap(&args);
    assert_eq!(run.status.code(), Some(0), "{extra:?}: {}", stderr(&run));
    (std::fs::read_to_string(&out).unwrap(), stderr(&run))
}

/// The README picture: `render graphs/sino_russian_distrust.ron --scores
/// --hide-evidence --page 16:9 --labels title` (SVG, stderr).
fn readme_picture() -> (String, String) {
    render(
        "graphs/sino_russian_distrust.ron",
        &[
            "--scores",
            "--hide-evidence",
            "--page",
            "16:9",
            "--labels",
            "title",
        ],
    )
}

/// The README picture (`--scores --hide-evidence --page 16:9`): 32 claims of
/// 92 characters on average cannot print at 9 pt on a 13.33 x 7.5 in slide
/// (their boxes alone, at 9-10 px text, cover most of a 960 x 540 view box),
/// so the command says how large the text prints, and that figure is the one
/// the SVG's own numbers give. Packing the groups as blocks more than doubled
/// the view box's scale: the smallest text printed at 2.30 pt before (see
/// [`printed_pt`]); at least 3.5 pt now.
#[test]
fn the_readme_map_prints_as_large_as_it_says() {
    let (svg, err) = render(
        "graphs/sino_russian_distrust.ron",
        &["--scores", "--hide-evidence", "--page", "16:9"],
    );
    assert!(svg.contains("width=\"960.0pt\" height=\"540.0pt\""));
    let pt = printed_pt(&svg);
    assert!(pt >= 3.5, "{pt}");
    assert!(
        err.contains(&format!("the smallest text prints at {pt:.1} pt")),
        "{pt:.1}: {err}"
    );
}

/// The README picture as the README draws it, with `--labels title`: each box
/// shows the claim's short title (about 20 characters, not 92) and no id line,
/// so the drawing is about half as wide and its text prints larger than with
/// the full text (4.0 pt and 4.7 pt when this test was written). The warning
/// without titles suggests them; with titles it does not repeat it. Each
/// group's `title` (`Ideology (3.5)`) stands for its label (`Ideological
/// cleavages and the big-brother dilemma (3.5)`, two lines on the page).
#[test]
fn titles_print_the_paper_map_larger() {
    let args = ["--scores", "--hide-evidence", "--page", "16:9"];
    let (text_svg, text_err) = render("graphs/sino_russian_distrust.ron", &args);
    let mut titled = args.to_vec();
    titled.extend(["--labels", "title"]);
    let (title_svg, title_err) = render("graphs/sino_russian_distrust.ron", &titled);
    let (text_pt, title_pt) = (printed_pt(&text_svg), printed_pt(&title_svg));
    assert!(title_pt > text_pt * 1.1, "{title_pt} vs {text_pt}");
    assert!(text_err.contains("--labels title"), "{text_err}");
    assert!(!title_err.contains("--labels title"), "{title_err}");
    // The title replaces the text and the id line; the text stays in the tooltip.
    assert!(title_svg.contains(">Lasting cordiality<"));
    assert!(!title_svg.contains(">h_cordiality<"));
    assert!(title_svg.contains("will not inhibit it."));
    assert!(!text_svg.contains(">Lasting cordiality<"));
    // A group's title replaces its label, which would take two lines on the
    // page; without `--labels title` the label stays.
    assert!(title_svg.contains(">Ideology (3.5)<"), "group title");
    assert!(!title_svg.contains("big-brother dilemma"));
    assert!(text_svg.contains("big-brother dilemma"));
    assert!(!text_svg.contains(">Ideology (3.5)<"));
}

/// A map that fits: the teaching maps with evidence folded print at 9 pt or
/// more on a 16:9 slide, and the command does not warn.
#[test]
fn small_maps_read_on_a_slide() {
    for file in ["graphs/nixon_diamond.ron", "graphs/bike_theft.ron"] {
        let (svg, err) = render(file, &["--scores", "--hide-evidence", "--page", "16:9"]);
        let pt = printed_pt(&svg);
        assert!(pt >= 9.0, "{file}: {pt}");
        assert!(!err.contains("warning"), "{file}: {err}");
    }
}

/// The whole paper map with its evidence (93 nodes drawn) cannot fit a slide
/// at 9 pt: the command says how large the text prints and what to do.
#[test]
fn a_map_too_large_for_the_page_says_so() {
    let (svg, err) = render(
        "graphs/sino_russian_distrust.ron",
        &["--scores", "--page", "16:9"],
    );
    let pt = printed_pt(&svg);
    assert!(pt < 9.0, "{pt}");
    assert!(
        err.contains(&format!("the smallest text prints at {pt:.1} pt")),
        "{err}"
    );
    assert!(err.contains("--hide-evidence"), "{err}");
    assert!(err.contains("--split groups"), "{err}");
    // With evidence already folded, the advice does not repeat it.
    let (_, err) = render(
        "graphs/sino_russian_distrust.ron",
        &["--scores", "--hide-evidence", "--page", "a4"],
    );
    assert!(err.contains("--split groups"), "{err}");
    assert!(!err.contains("--hide-evidence"), "{err}");
}

/// An axis-aligned box: left, top, right, bottom.
fn overlap(a: Box4, b: Box4) -> bool {
    a.0 < b.2 - 0.05 && b.0 < a.2 - 0.05 && a.1 < b.3 - 0.05 && b.1 < a.3 - 0.05
}

fn inside(a: Box4, outer: Box4) -> bool {
    outer.0 <= a.0 + 0.05 && outer.1 <= a.1 + 0.05 && a.2 <= outer.2 + 0.05 && a.3 <= outer.3 + 0.05
}

/// The advance of `c` in Helvetica, in thousandths of an em: Adobe's
/// published metrics (Helvetica.afm, the Core 14 fonts) for printable ASCII;
/// other characters as a digit (556), or a full em from U+2000 on (arrows).
fn helvetica(c: char) -> f64 {
    const PUNCT: &str = " !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    const PUNCT_W: [u16; 33] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 278, 278,
        584, 584, 584, 556, 1015, 278, 278, 278, 469, 556, 333, 334, 260, 334, 584,
    ];
    const UPPER: [u16; 26] = [
        667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722,
        667, 611, 722, 667, 944, 667, 667, 611,
    ];
    const LOWER: [u16; 26] = [
        556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333,
        500, 278, 556, 500, 722, 500, 500, 500,
    ];
    let w = match c {
        'A'..='Z' => UPPER[c as usize - 'A' as usize],
        'a'..='z' => LOWER[c as usize - 'a' as usize],
        '0'..='9' => 556,
        _ => match PUNCT.chars().position(|p| p == c) {
            Some(i) => PUNCT_W[i],
            None if (c as u32) < 0x2000 => 556,
            None => 1000,
        },
    };
    f64::from(w)
}

/// The box a line of text covers, measured independently of the writer with
/// Helvetica's metrics (the SVG's first font): its advance widths, and from
/// the baseline up its ascender (718/1000) and down its descender (207/1000).
pub(crate) fn text_box(n: roxmltree::Node) -> Box4 {
    let f = |a: &str| n.attribute(a).unwrap().parse::<f64>().unwrap();
    let size = f("font-size");
    let w = n.text().unwrap_or("").chars().map(helvetica).sum::<f64>() * size / 1000.0;
    let x = match n.attribute("text-anchor") {
        Some("middle") => f("x") - w / 2.0,
        Some("end") => f("x") - w,
        _ => f("x"),
    };
    (x, f("y") - 0.718 * size, x + w, f("y") + 0.207 * size)
}

/// Checks a fitted drawing of `g`: no two node boxes overlap; every node
/// (other than a stub) lies inside the boxes of its group and the groups
/// around it, and overlaps no other group's box; no group label overlaps a
/// node box, an edge's weight card or another group label.
pub(crate) fn check_boxes(svg: &str, g: &ArgGraph, what: &str) {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{what}: {e}"));
    let class =
        |n: &roxmltree::Node, c: &str| n.has_tag_name("g") && n.attribute("class") == Some(c);
    // Nodes: (id, stub, box).
    let nodes: Vec<(String, bool, Box4)> = doc
        .descendants()
        .filter(|n| class(n, "node"))
        .map(|n| {
            (
                n.attribute("data-id").unwrap().to_string(),
                n.attribute("data-stub") == Some("true"),
                node_box(n),
            )
        })
        .collect();
    assert!(!nodes.is_empty(), "{what}");
    for (i, a) in nodes.iter().enumerate() {
        for b in &nodes[i + 1..] {
            assert!(!overlap(a.2, b.2), "{what}: {} and {} overlap", a.0, b.0);
        }
    }
    // Groups: (label, box, label's box). On a page a long label is wrapped
    // into several lines (one `text` each): the label is their words joined
    // by spaces, its box the box around them all.
    let clusters: Vec<(String, Box4, Box4)> = doc
        .descendants()
        .filter(|n| class(n, "cluster"))
        .map(|n| {
            let r = n.children().find(|c| c.has_tag_name("rect")).unwrap();
            let lines: Vec<roxmltree::Node> =
                n.children().filter(|c| c.has_tag_name("text")).collect();
            assert!(!lines.is_empty(), "{what}: a group without a label");
            let label: Vec<&str> = lines.iter().map(|t| t.text().unwrap()).collect();
            let b = lines.iter().map(|t| text_box(*t)).fold(
                (
                    f64::INFINITY,
                    f64::INFINITY,
                    f64::NEG_INFINITY,
                    f64::NEG_INFINITY,
                ),
                |a, b| (a.0.min(b.0), a.1.min(b.1), a.2.max(b.2), a.3.max(b.3)),
            );
            (label.join(" "), box_of(r), b)
        })
        .collect();
    let groups = g.groups();
    // What a group's box may say: its label, or with `--labels title` its title.
    let labels_of = |id: &str| {
        let gr = groups.iter().find(|x| x.id == id).unwrap();
        let label = gr.label.clone().unwrap_or_else(|| gr.id.clone());
        [Some(label), gr.title.clone()].into_iter().flatten()
    };
    for (id, stub, b) in &nodes {
        if *stub {
            continue;
        }
        let node = g.nodes().iter().find(|n| &n.id == id).unwrap();
        // Its group and every group around it.
        let mut mine = Vec::new();
        let mut cur = node.group.clone();
        while let Some(gid) = cur {
            mine.extend(labels_of(&gid));
            cur = groups
                .iter()
                .find(|x| x.id == gid)
                .and_then(|x| x.parent.clone());
        }
        for (label, cb, _) in &clusters {
            if mine.contains(label) {
                assert!(inside(*b, *cb), "{what}: {id} sticks out of `{label}`");
            } else {
                assert!(!overlap(*b, *cb), "{what}: {id} lies in `{label}`");
            }
        }
    }
    let cards: Vec<Box4> = doc
        .descendants()
        .filter(|n| class(n, "edge-label"))
        .map(|n| box_of(n.first_element_child().unwrap()))
        .collect();
    for (i, (label, _, lb)) in clusters.iter().enumerate() {
        for (id, _, b) in &nodes {
            assert!(!overlap(*lb, *b), "{what}: label `{label}` covers {id}");
        }
        for c in &cards {
            assert!(!overlap(*lb, *c), "{what}: label `{label}` covers a weight");
        }
        for (other, _, ob) in &clusters[i + 1..] {
            assert!(
                !overlap(*lb, *ob),
                "{what}: labels `{label}` and `{other}` overlap"
            );
        }
    }
}

/// Each edge of a drawing (`from -> to`) and points along its path as
/// drawn: each cubic segment (or line) sampled at 65 points.
pub(crate) fn edge_points(doc: &roxmltree::Document, what: &str) -> Vec<(String, Vec<(f64, f64)>)> {
    let class =
        |n: &roxmltree::Node, c: &str| n.has_tag_name("g") && n.attribute("class") == Some(c);
    let mut out = Vec::new();
    for e in doc.descendants().filter(|n| class(n, "edge")) {
        let id = format!(
            "{} -> {}",
            e.attribute("data-from").unwrap(),
            e.attribute("data-to").unwrap()
        );
        let Some(path) = e.children().find(|c| c.has_tag_name("path")) else {
            continue;
        };
        // `M x,y` then `C x,y x,y x,y` segments (and `L x,y` lines).
        let pt = |t: &str| {
            let (a, b) = t.split_once(',').unwrap();
            (a.parse::<f64>().unwrap(), b.parse::<f64>().unwrap())
        };
        let toks: Vec<&str> = path.attribute("d").unwrap().split(' ').collect();
        let mut cur = (0.0, 0.0);
        let mut i = 0;
        let mut points = Vec::new();
        while i < toks.len() {
            let (cmd, rest) = toks[i].split_at(1);
            let pts = match cmd {
                "M" => {
                    cur = pt(rest);
                    i += 1;
                    continue;
                }
                "L" => {
                    i += 1;
                    let p = pt(rest);
                    [cur, cur, p, p]
                }
                "C" => {
                    let p = [cur, pt(rest), pt(toks[i + 1]), pt(toks[i + 2])];
                    i += 3;
                    p
                }
                _ => panic!("{what}: {id}: unexpected path command `{}`", toks[i]),
            };
            for k in 0..=64 {
                let t = f64::from(k) / 64.0;
                let u = 1.0 - t;
                let w = [u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t];
                let x = (0..4).map(|j| w[j] * pts[j].0).sum::<f64>();
                let y = (0..4).map(|j| w[j] * pts[j].1).sum::<f64>();
                points.push((x, y));
            }
            cur = pts[3];
        }
        out.push((id, points));
    }
    out
}

/// Checks that no edge of a drawing passes through its legend's box: each
/// cubic segment of each edge's path, sampled at 64 points, stays outside
/// the box (shrunk by a unit, so that a line along its border passes).
pub(crate) fn check_legend_clear(svg: &str, what: &str) {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{what}: {e}"));
    let class =
        |n: &roxmltree::Node, c: &str| n.has_tag_name("g") && n.attribute("class") == Some(c);
    let Some(legend) = doc.descendants().find(|n| class(n, "legend")) else {
        return;
    };
    let (x0, y0, x1, y1) = box_of(legend.children().find(|c| c.has_tag_name("rect")).unwrap());
    let inside = |x: f64, y: f64| x > x0 + 1.0 && x < x1 - 1.0 && y > y0 + 1.0 && y < y1 - 1.0;
    for (id, points) in edge_points(&doc, what) {
        for (x, y) in points {
            assert!(
                !inside(x, y),
                "{what}: edge {id} passes through the legend at ({x:.1}, {y:.1})"
            );
        }
    }
}

/// Checks that no edge of a drawing runs over a group's label: no point of
/// an edge's path (see [`edge_points`]) lies in the box of a line of a
/// group's label by Helvetica's metrics (see [`text_box`]).
pub(crate) fn check_group_labels_clear(svg: &str, what: &str) {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{what}: {e}"));
    let lines: Vec<(String, Box4)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some("cluster"))
        .flat_map(|n| n.children().filter(|c| c.has_tag_name("text")))
        .map(|t| (t.text().unwrap_or("").to_string(), text_box(t)))
        .collect();
    for (id, points) in edge_points(&doc, what) {
        for (x, y) in points {
            for (line, b) in &lines {
                assert!(
                    !(x > b.0 && x < b.2 && y > b.1 && y < b.3),
                    "{what}: edge {id} runs over the group label `{line}` at ({x:.1}, {y:.1})"
                );
            }
        }
    }
}

/// Every bundled graph, fitted to each page and with its evidence folded or
/// not, in both vertical directions, keeps its boxes apart (the README
/// picture among them), and no edge runs through its legend.
#[test]
fn fitted_drawings_keep_their_boxes_apart() {
    for path in bundled_graphs() {
        let g = load(&path);
        let s = scores(&g);
        for page in ["16:9", "a4"] {
            for hide_evidence in [true, false] {
                for rankdir in [RankDir::BottomToTop, RankDir::TopToBottom] {
                    let opts = DotOptions {
                        scores: Some(s.clone()),
                        hide_evidence,
                        rankdir,
                        fit: Fit::named(page),
                        ..DotOptions::default()
                    };
                    let what = format!(
                        "{} --page {page} --hide-evidence {hide_evidence} {}",
                        path.display(),
                        rankdir.name()
                    );
                    let d = draw_svg(&g, &opts);
                    check_boxes(&d.svg, &g, &what);
                    check_legend_clear(&d.svg, &what);
                    // Edges keep off the groups' labels.
                    check_group_labels_clear(&d.svg, &what);
                    // The size the writer reports is the SVG's own (up to the
                    // printed width written to 0.1 pt: 841.89 as 841.9 for A4).
                    let pt = d.text_pt.unwrap();
                    assert!((pt - printed_pt(&d.svg)).abs() < 0.01, "{what}");
                }
            }
        }
    }
}

/// The pages of the paper map split by groups, fitted to a slide, keep their
/// boxes apart too.
#[test]
fn split_pages_keep_their_boxes_apart() {
    let g = load(&root().join("graphs/sino_russian_distrust.ron"));
    let opts = DotOptions {
        scores: Some(scores(&g)),
        hide_evidence: true,
        fit: Fit::named("16:9"),
        ..DotOptions::default()
    };
    let pages = argmap::export::split_pages(&g, &opts);
    for k in 0..pages.len() {
        let page = DotOptions {
            split_page: Some(k),
            ..opts.clone()
        };
        check_boxes(&draw_svg(&g, &page).svg, &g, &format!("page {}", k + 1));
    }
}

/// The README picture, drawn with its caption's command (`--scores
/// --hide-evidence --page 16:9 --labels title`): the printed size of its
/// smallest text, computed as in [`printed_pt`] (smallest `font-size` x 960 pt
/// / the view box's width), is the one the command reports, and at least
/// 6.0 pt: 6.4 pt when this test was written (10-unit text in a view box
/// 1505 wide: 10 x 960 / 1505 = 6.38), up from 4.7 pt (9-unit text, 1850
/// wide) before every line of a box was set at one size, the folded evidence
/// joined the score line, group labels were wrapped and groups with
/// subgroups were packed as blocks; 6.5 pt (1474 wide: 6.51) since a node
/// joined to two subgroups has a stub in each; 6.6 pt (1448 wide: 6.63)
/// since the legend may take two columns (drawn below Convergence); 6.8 pt
/// (1416 wide: 6.78) since the gaps between packed blocks are narrower; 7.2
/// pt (1323 wide: 7.26) since each group's `title` stands for its label. It
/// is not yet the 9 pt the issue asks for (a view box at most 1067 wide for
/// 10-unit text). No edge
/// runs over a group's label (see [`check_group_labels_clear`]). Its boxes keep
/// apart (see [`check_boxes`]), and each line of a node fits its box by
/// Helvetica's own metrics (see [`text_box`]): the widths the writer
/// estimates are honest.
#[test]
fn the_readme_picture_prints_at_7_pt_and_keeps_its_boxes_apart() {
    let (svg, err) = readme_picture();
    let pt = printed_pt(&svg);
    assert!(pt >= 7.2, "{pt}");
    assert!(
        err.contains(&format!("the smallest text prints at {pt:.1} pt")),
        "{pt:.1}: {err}"
    );
    let g = load(&root().join("graphs/sino_russian_distrust.ron"));
    check_boxes(&svg, &g, "README picture");
    check_group_labels_clear(&svg, "README picture");
    let doc = roxmltree::Document::parse(&svg).unwrap();
    for n in doc
        .descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some("node"))
    {
        let id = n.attribute("data-id").unwrap();
        let b = node_box(n);
        for t in n.descendants().filter(|c| c.has_tag_name("text")) {
            let tb = text_box(t);
            // Helvetica Bold runs about 5% wider than the regular metrics.
            let more = if t.attribute("font-weight") == Some("bold") {
                (tb.2 - tb.0) * 0.05
            } else {
                0.0
            };
            assert!(
                tb.0 - more / 2.0 >= b.0 && tb.2 + more / 2.0 <= b.2,
                "{id}: `{}` is wider than its box",
                t.text().unwrap_or("")
            );
        }
    }
}

/// On the README picture the support of `c_partnership` (Convergence) for
/// `c_managed` (What the paper concedes) joins the top node of one group to
/// the only node of the other: it is drawn across, one line from box to box,
/// not cut into two dashed stubs (one above `c_partnership`, a rank of its
/// own, and one below `c_managed`), and the edges that stay cut still end
/// on stubs. Cut, each of the two would be drawn twice (itself and its
/// stub).
#[test]
fn the_readme_picture_draws_an_edge_between_two_groups_tops_across() {
    let (svg, _) = readme_picture();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let drawn = |id: &str| {
        doc.descendants()
            .filter(|n| n.attribute("class") == Some("node") && n.attribute("data-id") == Some(id))
            .count()
    };
    assert_eq!(drawn("c_managed"), 1, "c_managed drawn once");
    assert_eq!(
        drawn("c_partnership"),
        2,
        "itself and a stub for c_china_cautious"
    );
    let edges = doc
        .descendants()
        .filter(|n| {
            n.attribute("class") == Some("edge")
                && n.attribute("data-from") == Some("c_partnership")
                && n.attribute("data-to") == Some("c_managed")
        })
        .count();
    assert_eq!(edges, 1, "one edge from c_partnership to c_managed");
    // The attack of c_china_cautious (deep in Challenges) on c_partnership
    // is still cut: a stub of it in Convergence.
    assert_eq!(drawn("c_china_cautious"), 2);
    let g = load(&root().join("graphs/sino_russian_distrust.ron"));
    check_boxes(&svg, &g, "README picture");
    check_group_labels_clear(&svg, "README picture");
}

/// On a page the legend may take two columns, and the conclusion's block
/// may stand left of centre to leave the legend room beside it, where that
/// prints larger: the car-free centre on a slide prints at 8.3 pt or more
/// (8.38: 10-unit text in a view box 1145 wide, the legend in two columns
/// beside the conclusion; 8.82, 1088 wide, since the gaps between blocks
/// are narrower and the page's legend compact), 7.67 pt (1252 wide) when
/// the legend had one column beside a centred conclusion. The two columns'
/// explanations (at 10 units, as the page's boxes) start at two places.
#[test]
fn a_two_column_legend_beside_the_conclusion_prints_the_car_free_centre_larger() {
    let (svg, _) = render("graphs/car_free_centre.ron", &["--page", "16:9"]);
    let pt = printed_pt(&svg);
    assert!(pt >= 8.8, "{pt}");
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let legend = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("legend"))
        .unwrap();
    // Compact on a page: no heading, its six rows in three lines of 18
    // units (6 + 3 x 18 + 6 = 66), not four of 20 (92).
    assert!(legend.descendants().all(|t| t.text() != Some("Legend")));
    let frame = legend.first_element_child().unwrap();
    assert_eq!(frame.attribute("height"), Some("66.0"));
    let mut starts: Vec<String> = legend
        .children()
        .filter(|t| t.has_tag_name("text") && t.attribute("font-size") == Some("10"))
        .filter(|t| t.attribute("font-weight").is_none())
        .filter(|t| t.attribute("text-anchor") == Some("start"))
        .map(|t| t.attribute("x").unwrap().to_string())
        .collect();
    starts.sort();
    starts.dedup();
    assert_eq!(starts.len(), 2, "{starts:?}");
    let g = load(&root().join("graphs/car_free_centre.ron"));
    check_boxes(&svg, &g, "car-free centre");
    check_legend_clear(&svg, "car-free centre");
}
