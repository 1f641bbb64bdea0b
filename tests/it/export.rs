//! Diagrams: DOT snapshots of every bundled graph, Graphviz accepts every DOT,
//! the embedded SVG is well-formed XML, hostile labels stay escaped, output is
//! deterministic, and the `dot` / `render` commands.
//!
//! The snapshots pin the DOT of `graphs/*.ron`: a change to a bundled graph
//! changes them too. Review and accept with
//! `INSTA_UPDATE=always cargo test export` and `git diff tests/it/snapshots`.

use std::path::Path;
use std::process::Command;

use argmap::export::{DotOptions, RankDir, Scores, WhatIf, annotate_graphviz_svg, to_dot, to_svg};
use argmap::semantics::{Overlay, Params, Qbaf, evaluate, evaluate_with};
use argmap::{ArgGraph, SemanticsKind, Source};

use crate::drawing::{
    flatten_path, graphviz_svg, have_graphviz, load, parse_xml, scores, shape_box, whatif,
};
use crate::{argmap, bundled_graphs, root, stderr, stdout};

fn graph_of(text: &str) -> ArgGraph {
    let src = Source::new("test.ron", text);
    argmap::build(&argmap::check(&src).unwrap())
}

/// Every variant drawn in the tests below, with a name.
fn variants(g: &ArgGraph) -> Vec<(&'static str, DotOptions)> {
    let d = DotOptions::default;
    vec![
        ("plain", d()),
        (
            "scores",
            DotOptions {
                scores: Some(scores(g)),
                ..d()
            },
        ),
        (
            "whatif",
            DotOptions {
                whatif: Some(whatif(g)),
                ..d()
            },
        ),
        (
            "folded",
            DotOptions {
                hide_evidence: true,
                scores: Some(scores(g)),
                ..d()
            },
        ),
        (
            "focus",
            DotOptions {
                focus: Some((g.conclusion(), 1)),
                ..d()
            },
        ),
        (
            "lr",
            DotOptions {
                rankdir: RankDir::LeftToRight,
                legend: false,
                title: false,
                ..d()
            },
        ),
    ]
}

#[test]
fn dot_of_every_bundled_graph() {
    insta::glob!("../../graphs", "*.ron", |path| {
        insta::assert_snapshot!(to_dot(&load(path), &DotOptions::default()));
    });
}

#[test]
fn dot_of_every_bundled_graph_with_scores() {
    insta::glob!("../../graphs", "*.ron", |path| {
        let g = load(path);
        insta::assert_snapshot!(to_dot(
            &g,
            &DotOptions {
                scores: Some(scores(&g)),
                ..Default::default()
            }
        ));
    });
}

#[test]
fn dot_of_every_bundled_graph_with_a_whatif() {
    insta::glob!("../../graphs", "*.ron", |path| {
        let g = load(path);
        insta::assert_snapshot!(to_dot(
            &g,
            &DotOptions {
                whatif: Some(whatif(&g)),
                ..Default::default()
            }
        ));
    });
}

#[test]
fn graphviz_accepts_the_dot_of_every_bundled_graph() {
    if !have_graphviz("graphviz_accepts_the_dot_of_every_bundled_graph") {
        return;
    }
    for path in bundled_graphs() {
        let g = load(&path);
        for (name, opts) in variants(&g) {
            let what = format!("{} ({name})", path.display());
            let dot = to_dot(&g, &opts);
            graphviz_rust::parse(&dot).unwrap_or_else(|e| panic!("{what}: {e}"));
            let svg = graphviz_svg(&dot, &[], &what);
            parse_xml(&svg).unwrap_or_else(|e| panic!("{what}: {e}"));
        }
    }
}

/// Parses an embedded SVG and checks its shape: one `<g>` with a `<title>`
/// per node and edge, the legend box.
fn check_svg(svg: &str, what: &str) -> usize {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{what}: {e}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg", "{what}");
    assert!(
        !doc.descendants().any(|n| n.has_tag_name("script")),
        "{what}"
    );
    doc.descendants()
        .filter(|n| {
            n.has_tag_name("g")
                && n.first_element_child()
                    .is_some_and(|c| c.has_tag_name("title"))
        })
        .count()
}

#[test]
fn embedded_svg_renders_every_bundled_graph() {
    for path in bundled_graphs() {
        let g = load(&path);
        for (name, opts) in variants(&g) {
            let what = format!("{} ({name})", path.display());
            let svg = to_svg(&g, &opts);
            let shapes = check_svg(&svg, &what);
            let dot = to_dot(&g, &opts);
            // As many nodes and edges as the DOT of the same view has.
            let dot_items = dot.matches(" tooltip=").count();
            assert_eq!(shapes, dot_items, "{what}");
        }
    }
}

/// The stable structure of docs/diagrams.md in an SVG of `g` drawn with
/// default options: one `<g class="node" data-id>` per node whose first shape
/// is its (filled) box, and `<g class="edge">` groups whose data name every
/// edge of the file. Returns the `data-edge` values seen.
fn check_structure(svg: &str, g: &ArgGraph, what: &str) -> Vec<String> {
    let doc = parse_xml(svg).unwrap_or_else(|e| panic!("{what}: {e}"));
    let class =
        |n: &roxmltree::Node, c: &str| n.has_tag_name("g") && n.attribute("class") == Some(c);
    let mut ids: Vec<&str> = Vec::new();
    for n in doc.descendants().filter(|n| class(n, "node")) {
        let id = n
            .attribute("data-id")
            .unwrap_or_else(|| panic!("{what}: node without data-id"));
        ids.push(id);
        let shape = n
            .descendants()
            .find(|d| ["rect", "path", "polygon", "ellipse"].contains(&d.tag_name().name()))
            .unwrap_or_else(|| panic!("{what}: node {id} has no shape"));
        // The box is filled (white, paper or a strength); an outer ring is not.
        assert_ne!(
            shape.attribute("fill"),
            Some("none"),
            "{what}: first shape of {id}"
        );
        assert!(
            shape.attribute("fill").is_some(),
            "{what}: first shape of {id}"
        );
    }
    let mut expected: Vec<&str> = g.nodes().iter().map(|n| n.id.as_str()).collect();
    ids.sort_unstable();
    expected.sort_unstable();
    assert_eq!(ids, expected, "{what}");
    let mut edges = Vec::new();
    for e in doc
        .descendants()
        .filter(|n| class(n, "edge") || class(n, "junction"))
    {
        let attr = |a: &str| {
            e.attribute(a)
                .unwrap_or_else(|| panic!("{what}: edge without {a}"))
        };
        let k = (0..g.links().len())
            .find(|&k| g.edge_label(k) == attr("data-edge"))
            .unwrap_or_else(|| panic!("{what}: no edge {}", attr("data-edge")));
        let data = &g.model().edges[k];
        assert_eq!(attr("data-from"), data.data().from.join(" "), "{what}");
        assert_eq!(attr("data-to"), data.data().to, "{what}");
        assert_eq!(
            attr("data-kind"),
            data.kind().name().to_lowercase(),
            "{what}"
        );
        edges.push(attr("data-edge").to_string());
    }
    edges
}

#[test]
fn svg_structure_is_stable_in_both_writers() {
    let graphviz = have_graphviz("svg_structure_is_stable_in_both_writers");
    for path in bundled_graphs() {
        let g = load(&path);
        let opts = DotOptions::default();
        let mut svgs = vec![("embedded", to_svg(&g, &opts))];
        if graphviz {
            let raw = graphviz_svg(&to_dot(&g, &opts), &[], &path.display().to_string());
            svgs.push(("graphviz", annotate_graphviz_svg(&raw, &g, &opts)));
        }
        for (engine, svg) in svgs {
            let what = format!("{} ({engine})", path.display());
            let mut edges = check_structure(&svg, &g, &what);
            // Every edge of the file is drawn, linked premises and undercuts too.
            let mut all: Vec<String> = (0..g.links().len()).map(|k| g.edge_label(k)).collect();
            edges.sort_unstable();
            edges.dedup();
            all.sort_unstable();
            assert_eq!(edges, all, "{what}");
        }
    }
}

/// The teaching map's structure (graphs/bike_theft.ron): the linked premises
/// of `s_witness` join at one junction named by its scheme before one arrow;
/// undercuts end on the junction of the inference they attack.
#[test]
fn linked_premises_and_undercuts_are_drawn() {
    let g = load(Path::new("graphs/bike_theft.ron"));
    let opts = DotOptions::default();
    let dot = to_dot(&g, &opts);
    // Junctions in file order of their edges: s_witness, s_camera, s_shed,
    // u_anyone (linked); s_witness's is named by its scheme.
    assert!(
        dot.contains(r#""argmap junction 0"[id="argmap_j0" shape=box"#),
        "{dot}"
    );
    assert!(dot.contains("<i>witness testimony</i>"), "{dot}");
    for premise in ["e_lee_window", "e_lee_says"] {
        // The premise's line stops at the junction, without a head.
        let edge = format!(r#""{premise}" -> "argmap junction 0" ["#);
        let line = dot
            .lines()
            .find(|l| l.contains(&edge))
            .unwrap_or_else(|| panic!("{dot}"));
        assert!(line.contains("arrowhead=none"), "{line}");
        assert!(!line.contains("label="), "{line}");
    }
    // One arrow from the junction to the claim, with the weight.
    let line = dot
        .lines()
        .find(|l| l.contains(r#""argmap junction 0" -> "h_sam" ["#))
        .unwrap();
    assert!(
        line.contains(r#"label="0.8""#) && !line.contains("arrowhead"),
        "{line}"
    );
    // The feud undercuts that inference: it ends on its junction, with its question.
    let line = dot
        .lines()
        .find(|l| l.contains(r#""e_feud" -> "argmap junction 0" ["#))
        .unwrap();
    assert!(
        line.contains("arrowhead=tee") && line.contains("CQ4 · 0.8"),
        "{line}"
    );
    // The linked undercut u_anyone joins at its own (unnamed) dot, which ends on s_shed's.
    assert!(
        dot.contains(r#""argmap junction 3" -> "argmap junction 2" ["#),
        "{dot}"
    );
    assert!(
        dot.contains(r#""e_shed_open" -> "argmap junction 3" ["#),
        "{dot}"
    );
    // No edge from a premise straight to the claim it supports only jointly.
    assert!(!dot.contains(r#""e_lee_says" -> "h_sam""#), "{dot}");
    for row in [
        "linked premises",
        "undercut: attacks the inference",
        "argumentation scheme",
    ] {
        assert!(dot.contains(row), "{row}");
    }

    let svg = to_svg(&g, &opts);
    assert!(
        svg.contains(r#"<g class="junction" data-from="e_lee_window e_lee_says" data-to="h_sam" data-edge="s_witness" data-kind="support">"#),
        "{svg}"
    );
    assert!(
        svg.contains(r#"<g class="edge" data-from="e_feud" data-to="s_witness" data-edge="u_feud" data-kind="undercut">"#),
        "{svg}"
    );
    assert!(svg.contains(">witness testimony</text>"), "{svg}");
    for row in [
        "linked premises",
        "undercut: attacks the inference",
        "argumentation scheme",
    ] {
        assert!(svg.contains(row), "{row}");
    }

    // With evidence folded, the claim counts the undercuts it lost too.
    let folded = to_dot(
        &g,
        &DotOptions {
            hide_evidence: true,
            ..DotOptions::default()
        },
    );
    assert!(
        folded.contains("evidence: 3 for, 1 against, 3 undercutting"),
        "{folded}"
    );
    assert!(!folded.contains("argmap junction"), "{folded}");
}

#[test]
fn render_through_graphviz_writes_the_stable_structure() {
    if !have_graphviz("render_through_graphviz_writes_the_stable_structure") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.svg");
    let o = argmap(&[
        "render",
        "graphs/nixon_diamond.ron",
        "--engine",
        "graphviz",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(
        svg.contains(r#"class="node" data-id="h_pacifist">"#),
        "{svg}"
    );
    assert!(
        svg.contains(r##"class="edge" data-from="c_quaker" data-to="h_pacifist" data-edge="#1" data-kind="support">"##),
        "{svg}"
    );
}

#[test]
fn render_without_graphviz_uses_the_embedded_layout() {
    let dir = tempfile::tempdir().unwrap();
    let empty = tempfile::tempdir().unwrap(); // a PATH with no `dot`
    let out = dir.path().join("map.svg");
    let run = Command::new(env!("CARGO_BIN_EXE_argmap"))
        .args(["render", "graphs/nixon_diamond.ron", "-o"])
        .arg(&out)
        .current_dir(root())
        .env("PATH", empty.path())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(stderr(&run).contains("embedded layout"), "{}", stderr(&run));
    check_svg(&std::fs::read_to_string(&out).unwrap(), "render");

    // PNG needs Graphviz: exit 2 and say how to install it.
    let png = dir.path().join("map.png");
    let run = Command::new(env!("CARGO_BIN_EXE_argmap"))
        .args(["render", "graphs/nixon_diamond.ron", "-o"])
        .arg(&png)
        .current_dir(root())
        .env("PATH", empty.path())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let err = stderr(&run);
    assert!(
        err.contains("needs Graphviz") && err.contains("apt-get install graphviz"),
        "{err}"
    );
    assert!(!png.exists());
}

/// A diagram too large to lay out in reasonable time is refused before the
/// layout starts (exit 2), with the ways out; `--hide-evidence` and
/// `--max-nodes` change what is allowed.
#[test]
fn render_refuses_a_diagram_over_max_nodes() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.ron");
    let out = dir.path().join("big.svg");
    // 400 nodes, half of them evidence.
    let made = argmap(&[
        "gen",
        "--nodes",
        "400",
        "--seed",
        "1",
        "-o",
        big.to_str().unwrap(),
    ]);
    assert_eq!(made.status.code(), Some(0), "{}", stderr(&made));
    let render = |extra: &[&str]| {
        let mut args = vec!["render", big.to_str().unwrap(), "-o", out.to_str().unwrap()];
        args.extend(["--engine", "embedded"]);
        args.extend(extra);
        argmap(&args)
    };
    let run = render(&["--max-nodes", "300"]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    let err = stderr(&run);
    assert!(
        err.contains("the diagram would have 400 nodes, more than --max-nodes 300")
            && err.contains("--hide-evidence")
            && err.contains("--max-nodes 400"),
        "{err}"
    );
    assert!(!out.exists());
    // The claims alone (200 and the conclusion) are over a limit of 150...
    let run = render(&["--hide-evidence", "--max-nodes", "150"]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("would have 200 nodes"),
        "{}",
        stderr(&run)
    );
    // ... and the focus around the conclusion is small enough to draw.
    let run = render(&["--focus", "h", "--depth", "1", "--hide-evidence"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    check_svg(&std::fs::read_to_string(&out).unwrap(), "focus");
}

#[test]
fn render_with_graphviz_writes_png_and_pdf() {
    if !have_graphviz("render_with_graphviz_writes_png_and_pdf") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (ext, magic) in [
        ("png", &b"\x89PNG"[..]),
        ("pdf", &b"%PDF"[..]),
        ("svg", &b"<?xml"[..]),
    ] {
        let out = dir.path().join(format!("map.{ext}"));
        let o = argmap(&[
            "render",
            "graphs/nixon_diamond.ron",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(stderr(&o).contains("with Graphviz"), "{}", stderr(&o));
        assert!(std::fs::read(&out).unwrap().starts_with(magic), "{ext}");
    }
}

/// A graph whose every text field is hostile.
const HOSTILE: &str = r#"ArgumentGraph(
    title: "Title \"quoted\" <script>alert(1)</script> & \\N \\G",
    description: "x",
    source: (authors: ["Jörg \"J\" Müller", "王 小明"], year: 2024, venue: "<i>Venue</i> & Co"),
    conclusion: "h\"<&>",
    groups: [
        Group(id: "g<1>", label: "Group \"one\" </td></tr> \\ ]]> <!-- -->"),
        Group(id: "g2", label: "Вложенная группа\nс переводом строки", parent: "g<1>"),
    ],
    nodes: [
        Node(id: "h\"<&>", kind: Claim, base: 0.5,
             text: "Conclusion with \"quotes\", a back\\slash, <script>alert('x')</script>,\na newline and 中文 text: 中俄关系长期友好合作"),
        Node(id: "e\\", kind: Evidence, base: 0.8, group: "g2",
             text: "Evidence ]]> & <b>not bold</b> \\l \\n end",
             cite: (ref: "Ref \"2024\" <a href='x'>", locator: "p. 1\\2", quote: "\"quoted\" & <q>"),
             note: "note with </title> and \\"),
        Node(id: "c_日本", kind: Claim, base: 0.4, group: "g<1>", text: "Ünïcödé — ελληνικά — עברית — العربية"),
    ],
    edges: [
        Support(from: "e\\", to: "h\"<&>", weight: 0.7, note: "edge note \"x\" <y> & \\"),
        Attack(from: "c_日本", to: "h\"<&>"),
        Support(from: "e\\", to: "c_日本", weight: 0.25),
    ],
)"#;

#[test]
fn hostile_labels_stay_well_formed() {
    let g = graph_of(HOSTILE);
    for (name, opts) in variants(&g) {
        let dot = to_dot(&g, &opts);
        // graphviz-rust's own DOT parser reads it back.
        graphviz_rust::parse(&dot).unwrap_or_else(|e| panic!("{name}: {e}\n{dot}"));
        // In HTML-like labels markup characters become entities (in DOT strings,
        // such as tooltips, `<` is plain text and Graphviz escapes it in its SVG).
        if name != "focus" && name != "folded" {
            assert!(
                dot.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"),
                "{name}"
            );
        }
        if name != "lr" {
            assert!(
                dot.contains("<b>Title &quot;quoted&quot; &lt;script&gt;alert(1)&lt;/script&gt;"),
                "{name}"
            );
        }
        if name != "lr" {
            // `\N`, `\G` would be Graphviz's node and graph name: backslashes are
            // doubled, in HTML-like labels and in DOT strings alike.
            assert!(dot.contains(r"&amp; \\N \\G</b>"), "{name}");
        }
        if name != "focus" && name != "folded" {
            assert!(dot.contains(r"a back\\slash, <script>"), "{name}");
        }
        let svg = to_svg(&g, &opts);
        check_svg(&svg, name);
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let text: String = doc
            .descendants()
            .filter(|n| n.is_text())
            .map(|n| n.text().unwrap())
            .collect();
        if name != "lr" {
            assert!(
                text.contains("<script>alert(1)</script>"),
                "{name}: the title is shown as text"
            );
        }
        if name != "focus" && name != "folded" {
            assert!(text.contains("中俄关系"), "{name}");
            assert!(
                text.contains("Evidence ]]> & <b>not bold</b> \\l \\n end"),
                "{name}"
            );
        }
        if have_graphviz("hostile_labels_stay_well_formed (Graphviz part)") {
            let svg = graphviz_svg(&dot, &[], name);
            let doc = parse_xml(&svg).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(
                !doc.descendants().any(|n| n.has_tag_name("script")),
                "{name}"
            );
            let text: String = doc
                .descendants()
                .filter(|n| n.is_text())
                .map(|n| n.text().unwrap())
                .collect();
            if name != "lr" {
                assert!(
                    text.contains("<script>alert(1)</script> & \\N \\G"),
                    "{name}"
                );
            }
            if name != "focus" && name != "folded" {
                assert!(
                    text.contains("\\l \\n end"),
                    "{name}: backslashes drawn literally"
                );
            }
        }
    }
}

#[test]
fn output_is_deterministic_across_processes() {
    let dir = tempfile::tempdir().unwrap();
    for path in bundled_graphs() {
        let file = path.to_str().unwrap();
        let mut outs = Vec::new();
        for run in 0..2 {
            let dot = dir.path().join(format!("{run}.dot"));
            let svg = dir.path().join(format!("{run}.svg"));
            let o = argmap(&["dot", file, "-o", dot.to_str().unwrap()]);
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
            let o = argmap(&[
                "render",
                file,
                "--engine",
                "embedded",
                "-o",
                svg.to_str().unwrap(),
            ]);
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
            outs.push((std::fs::read(&dot).unwrap(), std::fs::read(&svg).unwrap()));
        }
        assert!(outs[0] == outs[1], "{file}: two runs differ");
    }
    // And within one process, with every variant.
    let g = load(&root().join("graphs/sino_russian_distrust.ron"));
    for (name, opts) in variants(&g) {
        assert_eq!(to_dot(&g, &opts), to_dot(&g, &opts), "{name}");
        assert_eq!(to_svg(&g, &opts), to_svg(&g, &opts), "{name}");
    }
}

/// DF-QuAD, by hand (Rago et al. 2016): `a` (base 0.5) with one supporter `b`
/// (base 0.8, weight 1) and nothing attacking it has strength
/// 0.5 + (1 − 0.5)·0.8 = 0.9; with `b` removed it keeps its base 0.5, a change of
/// −0.40; `b` itself has no parents and keeps 0.8.
const TWO: &str = r#"ArgumentGraph(
    conclusion: "a",
    nodes: [Node(id: "a", kind: Claim, text: "A", base: 0.5), Node(id: "b", kind: Evidence, text: "B", base: 0.8, cite: (ref: "R"))],
    edges: [Support(from: "b", to: "a")],
)"#;

#[test]
fn scores_and_whatif_labels() {
    let g = graph_of(TWO);
    let q = Qbaf::from_graph(&g);
    let before = evaluate(&q, SemanticsKind::DfQuad, &Params::default()).unwrap();
    let s = Scores::new(&before);
    let dot = to_dot(
        &g,
        &DotOptions {
            scores: Some(s),
            ..Default::default()
        },
    );
    // df-quad by hand: a = 0.5 + (1 - 0.5) * 0.8 = 0.9; b has nothing acting on it.
    assert!(dot.contains("<b>0.500 → 0.900</b>"), "{dot}");
    // Issue 23: evidence shows its base only, not `0.80 → 0.80`.
    assert!(dot.contains("<b>0.800</b>"), "{dot}");
    assert!(!dot.contains("0.800 →"), "{dot}");
    assert!(
        dot.contains(">fill: strength (df-quad); label: base"),
        "{dot}"
    );
    // The same in the embedded SVG.
    let svg = to_svg(
        &g,
        &DotOptions {
            scores: Some(Scores::new(&before)),
            ..Default::default()
        },
    );
    assert!(svg.contains(">0.500 → 0.900</text>"), "{svg}");
    assert!(svg.contains(">0.800</text>"), "{svg}");
    assert!(!svg.contains("0.800 →"), "{svg}");

    let overlay = Overlay {
        removed: vec![false, true],
        ..Overlay::default()
    };
    let after = evaluate_with(&q, SemanticsKind::DfQuad, &Params::default(), &overlay).unwrap();
    let w = WhatIf::new(&g, &before, &after, &overlay, "without b");
    let dot = to_dot(
        &g,
        &DotOptions {
            whatif: Some(w),
            ..Default::default()
        },
    );
    assert!(
        dot.contains("<b>0.900 → 0.500  (\u{2212}0.400)</b>"),
        "{dot}"
    );
    assert!(dot.contains("<b>removed</b>"), "{dot}");
    assert!(dot.contains("What if: without b"), "{dot}");
    // `a` moved most: outlined; `b` is removed: grey, dashed; its edge dotted.
    assert!(
        dot.contains(r#""a"[shape=box style="rounded,filled,bold" "#)
            || dot.contains("penwidth=3.5"),
        "{dot}"
    );
    assert!(dot.contains(r#"style="filled,dashed""#), "{dot}");
    assert!(dot.contains("style=dotted"), "{dot}");
}

/// Issue 23, honest labels: a strength near the threshold keeps its side, a
/// long citation wraps instead of being cut, `cite.url` is a link (web links
/// only), and a focus view says how many neighbours it leaves out.
#[test]
fn labels_are_honest() {
    let g = graph_of(
        r#"ArgumentGraph(
    conclusion: "c",
    nodes: [
        Node(id: "c", kind: Claim, text: "C", base: 0.5),
        Node(id: "m", kind: Claim, text: "M", base: 0.5),
        Node(id: "e1", kind: Evidence, text: "E1", base: 0.8,
             cite: (ref: "Jarvis, Deschenes and Jha 2022", locator: "p. 12, table 3",
                    url: "https://example.org/paper?a=1&b=2")),
        Node(id: "e2", kind: Evidence, text: "E2", base: 0.6,
             cite: (ref: "X", url: "javascript:alert(1)")),
        Node(id: "e3", kind: Evidence, text: "E3", base: 0.6, cite: (ref: "Y")),
    ],
    edges: [
        Support(from: "m", to: "c", weight: 0.3),
        Attack(from: "e2", to: "c", weight: 0.5),
        Support(from: "e1", to: "m", weight: 0.9996),
        Support(from: "e3", to: "m", weight: 0.125),
    ],
)"#,
    );
    let strengths = vec![0.4996, 0.831, 0.8, 0.6, 0.6];
    let opts = DotOptions {
        scores: Some(Scores {
            semantics: SemanticsKind::QuadraticEnergy,
            strengths,
        }),
        wrap: 20,
        ..DotOptions::default()
    };
    let dot = to_dot(&g, &opts);
    // 0.4996 at three decimals would be 0.500: on the threshold, not below it.
    assert!(dot.contains("<b>0.500 → 0.4996</b>"), "{dot}");
    // The citation (45 columns) wraps at 20 columns; nothing is cut.
    assert!(!dot.contains('…'), "{dot}");
    assert!(dot.contains("<i>Jarvis, Deschenes</i>"), "{dot}");
    assert!(dot.contains("<i>table 3</i>"), "{dot}");
    // The link: on the citation's cell in DOT, on its text in the embedded SVG.
    assert!(
        dot.contains(r#"<td href="https://example.org/paper?a=1&amp;b=2""#),
        "{dot}"
    );
    assert!(!dot.contains("javascript:"), "{dot}");
    // A weight keeps its digits: 0.9996 is labelled because it is not 1, so
    // its label never reads `1` (two decimals did); 0.125 is not cut to 0.13.
    assert!(dot.contains(r#"label="0.9996""#), "{dot}");
    assert!(dot.contains(r#"label="0.125""#), "{dot}");
    assert!(!dot.contains(r#"label="1""#), "{dot}");
    let svg = to_svg(&g, &opts);
    roxmltree::Document::parse(&svg).unwrap();
    // The same labels in the embedded SVG.
    assert!(svg.contains(">0.500 → 0.4996</text>"), "{svg}");
    assert!(!svg.contains('…'), "{svg}");
    assert!(svg.contains(">Jarvis, Deschenes</text>"), "{svg}");
    assert!(svg.contains(">table 3</text>"), "{svg}");
    assert!(svg.contains(">0.9996</text>"), "{svg}");
    assert!(svg.contains(">0.125</text>"), "{svg}");
    assert!(
        svg.contains(r#"<a href="https://example.org/paper?a=1&amp;b=2""#),
        "{svg}"
    );
    assert!(!svg.contains("href=\"javascript"), "{svg}");
    if have_graphviz("labels_are_honest") {
        let raw = graphviz_svg(&dot, &[], "labels");
        let svg = annotate_graphviz_svg(&raw, &g, &opts);
        // Graphviz 2.43 leaves `&` bare in xlink:href; the annotated SVG is well-formed.
        parse_xml(&svg).unwrap();
        assert!(
            svg.contains(r#"xlink:href="https://example.org/paper?a=1&amp;b=2""#),
            "{svg}"
        );
        // What Graphviz drew from the DOT says the same.
        assert!(svg.contains(">0.500 → 0.4996</text>"), "{svg}");
        assert!(!svg.contains('…'), "{svg}");
        assert!(svg.contains(">Jarvis, Deschenes</text>"), "{svg}");
        assert!(svg.contains(">0.9996</text>"), "{svg}");
    }

    // Focus on the conclusion, depth 1: m's evidence e1 and e3 are left out.
    let focus = DotOptions {
        focus: Some((g.index_of("c").unwrap(), 1)),
        ..DotOptions::default()
    };
    let dot = to_dot(&g, &focus);
    assert!(dot.contains("+2 not shown"), "{dot}");
    assert!(dot.contains("not shown here: e1, e3"), "{dot}");
    assert_eq!(dot.matches("not shown<").count(), 1, "{dot}");
    assert!(to_svg(&g, &focus).contains(">+2 not shown</text>"));
    if have_graphviz("labels_are_honest (focus, Graphviz part)") {
        let svg = graphviz_svg(&dot, &[], "focus");
        assert!(svg.contains(">+2 not shown</text>"), "{svg}");
    }
}

/// The distance from `p` to the polyline `line`.
fn distance_to(p: (f64, f64), line: &[(f64, f64)]) -> f64 {
    let seg = |a: (f64, f64), b: (f64, f64)| {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len2 = dx * dx + dy * dy;
        let t = if len2 == 0.0 {
            0.0
        } else {
            (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0)
        };
        (p.0 - a.0 - t * dx).hypot(p.1 - a.1 - t * dy)
    };
    match line {
        [] => f64::INFINITY,
        [a] => seg(*a, *a),
        _ => line
            .windows(2)
            .map(|w| seg(w[0], w[1]))
            .fold(f64::INFINITY, f64::min),
    }
}

/// One piece of an edge's line: its `data-edge`, its points.
type EdgeLine = (String, Vec<(f64, f64)>);

/// One weight (or critical question) label of an SVG: its edge's
/// `data-edge`, the point where it meets its edge, and its box.
struct EdgeLabel {
    edge: String,
    text: String,
    anchor: (f64, f64),
    rect: (f64, f64, f64, f64),
}

/// Every edge's line (`data-edge` -> its pieces' paths, flattened) and every
/// label: in the embedded SVG a card (`g.edge-label`) centred on the point of
/// its edge where it sits; through Graphviz a text in the edge's group with
/// the line `decorate` draws from it (underline, then to its edge: the
/// anchor is where that line ends).
fn edge_lines_and_labels(svg: &str, what: &str) -> (Vec<EdgeLine>, Vec<EdgeLabel>) {
    let doc = parse_xml(svg).unwrap_or_else(|e| panic!("{what}: {e}"));
    let mut lines = Vec::new();
    let mut labels = Vec::new();
    for g in doc.descendants().filter(|n| n.has_tag_name("g")) {
        let Some(edge) = g.attribute("data-edge") else {
            continue;
        };
        match g.attribute("class") {
            Some("edge") => {
                for p in g.descendants().filter(|n| n.has_tag_name("path")) {
                    lines.push((edge.to_string(), flatten_path(p.attribute("d").unwrap())));
                }
                let Some(t) = g.descendants().find(|n| n.has_tag_name("text")) else {
                    continue;
                };
                let f = |a: &str| t.attribute(a).unwrap().parse::<f64>().unwrap();
                let (x, y, size) = (f("x"), f("y"), f("font-size"));
                let text = t.text().unwrap_or("").to_string();
                let leader = g
                    .descendants()
                    .filter(|n| n.has_tag_name("polyline"))
                    .map(|n| {
                        n.attribute("points")
                            .unwrap()
                            .split_whitespace()
                            .map(|p| {
                                let (a, b) = p.split_once(',').unwrap();
                                (a.parse::<f64>().unwrap(), b.parse::<f64>().unwrap())
                            })
                            .collect::<Vec<_>>()
                    })
                    // The underline (level, under the text), then the line to the edge.
                    .find(|p| p.len() == 3 && p[0].1 == p[1].1 && (p[0].1 - y).abs() < size)
                    .unwrap_or_else(|| {
                        panic!("{what}: label {text} of {edge} has no line to its edge")
                    });
                // Box: a rough width (0.5 em a character), from the baseline up.
                let w = 0.5 * size * text.chars().count() as f64;
                labels.push(EdgeLabel {
                    edge: edge.to_string(),
                    text,
                    anchor: leader[2],
                    rect: (x - w / 2.0, y - 0.75 * size, w, 0.75 * size),
                });
            }
            Some("edge-label") => {
                let r = g.first_element_child().unwrap();
                let f = |a: &str| r.attribute(a).unwrap().parse::<f64>().unwrap();
                let rect = (f("x"), f("y"), f("width"), f("height"));
                labels.push(EdgeLabel {
                    edge: edge.to_string(),
                    text: g
                        .descendants()
                        .find_map(|n| n.text())
                        .unwrap_or("")
                        .to_string(),
                    anchor: (rect.0 + rect.2 / 2.0, rect.1 + rect.3 / 2.0),
                    rect,
                });
            }
            _ => {}
        }
    }
    (lines, labels)
}

/// Issue 23: each edge weight label belongs to one edge, in both engines. In
/// the embedded SVG each label's card is centred on its own edge's line, and
/// no other edge's line is nearer (where the layout leaves room, none passes
/// under the card); through Graphviz, which places labels beside their edges
/// (in a row between edges that converge), `decorate` draws a line from each
/// label to its edge, which ends on its own edge's line, nearer to it than to
/// any other (or at a point where two edges cross). No two labels overlap.
#[test]
fn weight_labels_belong_to_their_own_edge() {
    let graphviz = have_graphviz("weight_labels_belong_to_their_own_edge (Graphviz part)");
    let mut seen = [0usize; 2];
    for path in bundled_graphs() {
        let g = load(&path);
        for (name, opts) in variants(&g) {
            let mut svgs = vec![("embedded", to_svg(&g, &opts))];
            if graphviz {
                let raw = graphviz_svg(&to_dot(&g, &opts), &[], &path.display().to_string());
                svgs.push(("graphviz", annotate_graphviz_svg(&raw, &g, &opts)));
            }
            for (engine, svg) in svgs {
                let what = format!("{} ({name}, {engine})", path.display());
                let (lines, labels) = edge_lines_and_labels(&svg, &what);
                seen[usize::from(engine == "graphviz")] += labels.len();
                for l in &labels {
                    let near = |own: bool| {
                        lines
                            .iter()
                            .filter(|(e, _)| (*e == l.edge) == own)
                            .map(|(_, line)| distance_to(l.anchor, line))
                            .fold(f64::INFINITY, f64::min)
                    };
                    let (own, other) = (near(true), near(false));
                    let label = format!("{what}: label {} of edge {}", l.text, l.edge);
                    if engine == "embedded" {
                        // On its own line (up to the flattening of the curve).
                        assert!(own < 0.5, "{label}: {own:.2} from its own edge");
                        assert!(
                            other > own,
                            "{label}: another edge is {other:.2} away, its own {own:.2}"
                        );
                    } else {
                        // Graphviz ends the line near the curve (a few points off on long curves).
                        assert!(own < 8.0, "{label}: its line ends {own:.2} from its edge");
                        assert!(
                            other > own || (own < 1.0 && other < 1.0),
                            "{label}: its line ends {other:.2} from another edge, {own:.2} from its own"
                        );
                    }
                }
                for (i, a) in labels.iter().enumerate() {
                    for b in &labels[i + 1..] {
                        let (a, b) = (a.rect, b.rect);
                        let apart = a.0 + a.2 <= b.0
                            || b.0 + b.2 <= a.0
                            || a.1 + a.3 <= b.1
                            || b.1 + b.3 <= a.1;
                        assert!(apart, "{what}: labels {a:?} and {b:?} overlap");
                    }
                }
            }
        }
    }
    // The bundled graphs have weights other than 1 (see graphs/*.ron).
    assert!(seen[0] > 100, "{seen:?}");
    assert!(!graphviz || seen[1] == seen[0], "{seen:?}");
}

/// Issue 23: the legend draws each node kind in the nodes' own shape (evidence
/// as a page with a folded corner, the conclusion with two borders).
#[test]
fn legend_shapes_are_the_node_shapes() {
    let g = graph_of(TWO);
    let dot = to_dot(&g, &DotOptions::default());
    // The folded corner: a cell with only its left and bottom sides.
    assert!(
        dot.contains(r#"<td sides="LB" width="5" height="5"></td>"#),
        "{dot}"
    );
    assert!(
        dot.contains(r#"<table border="2" cellborder="0" color="black" style="rounded""#),
        "{dot}"
    );
    let svg = to_svg(&g, &DotOptions::default());
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let legend = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("legend"))
        .unwrap();
    let folds = legend
        .descendants()
        .filter(|n| {
            n.has_tag_name("path")
                && n.attribute("d")
                    .is_some_and(|d| d.contains(" V") && d.ends_with('Z'))
        })
        .count();
    assert_eq!(folds, 1, "{svg}");
}

/// The ranks of a drawing: each node's (and junction's, `#E` for edge E's)
/// rank, counted in the order its centre's position along the rank
/// direction takes (`y`, or `x` when `across`) among all of them; and the
/// arcs drawn: premise to junction, junction (or premise) to target, an
/// undercut to the junction of the edge it undercuts.
fn drawn_ranks(
    svg: &str,
    across: bool,
    what: &str,
) -> (
    std::collections::BTreeMap<String, usize>,
    Vec<(String, String)>,
) {
    let doc = parse_xml(svg).unwrap_or_else(|e| panic!("{what}: {e}"));
    let mut centre = std::collections::BTreeMap::new();
    let mut edges = Vec::new();
    for g in doc.descendants().filter(|n| n.has_tag_name("g")) {
        let class = g.attribute("class").unwrap_or("");
        let key = match class {
            "node" => g.attribute("data-id").unwrap().to_string(),
            "junction" => format!("#{}", g.attribute("data-edge").unwrap()),
            "edge" => {
                let from: Vec<String> = g
                    .attribute("data-from")
                    .unwrap()
                    .split(' ')
                    .map(str::to_string)
                    .collect();
                edges.push((
                    g.attribute("data-edge").unwrap().to_string(),
                    from,
                    g.attribute("data-to").unwrap().to_string(),
                ));
                continue;
            }
            _ => continue,
        };
        let b = g
            .descendants()
            .filter(|n| n.is_element())
            .find_map(shape_box)
            .unwrap_or_else(|| panic!("{what}: {key} has no shape"));
        let c = if across { b.0 + b.2 } else { b.1 + b.3 } / 2.0;
        centre.insert(key, (c * 2.0).round() / 2.0);
    }
    let mut levels: Vec<f64> = centre.values().copied().collect();
    levels.sort_by(f64::total_cmp);
    levels.dedup();
    let rank = centre
        .iter()
        .map(|(k, c)| (k.clone(), levels.iter().position(|l| l == c).unwrap()))
        .collect();
    let mut arcs = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for (e, from, to) in edges {
        if !seen.insert(e.clone()) {
            continue; // the pieces of one edge carry the same data
        }
        let junction = format!("#{e}");
        let target = if centre.contains_key(&format!("#{to}")) {
            format!("#{to}")
        } else {
            to
        };
        if centre.contains_key(&junction) {
            arcs.extend(from.into_iter().map(|f| (f, junction.clone())));
            arcs.push((junction, target));
        } else {
            arcs.extend(from.into_iter().map(|f| (f, target.clone())));
        }
    }
    (rank, arcs)
}

/// Issue 23, item 4: sibling reasons on one rank, and no rank gaps that mean
/// nothing. With --hide-evidence the paper map's conclusion had its direct
/// reasons on three rows (`minlen` 2 and 3 left over from staggered
/// evidence); then Graphviz still sank `c_differences`, which has seven
/// reasons of its own, a rank below its three siblings. Now, in both engines,
/// the conclusion's direct reasons (those that do not lead to one another)
/// share one rank on every bundled graph; and through Graphviz, in every
/// view, each node or junction that has reasons sits one rank below its
/// nearest target (evidence may be staggered over ranks on purpose), and
/// with --hide-evidence every node does; and with --hide-evidence the
/// embedded layout keeps the reasons of `c_differences` on one rank.
#[test]
fn sibling_reasons_share_a_rank() {
    let g = load(&root().join("graphs/sino_russian_distrust.ron"));
    let opts = DotOptions {
        hide_evidence: true,
        ..DotOptions::default()
    };
    let dot = to_dot(&g, &opts);
    assert!(!dot.contains("minlen"), "{dot}");
    // Evidence fanning out from one claim is still spread over ranks.
    assert!(to_dot(&g, &DotOptions::default()).contains("minlen=2"));

    let graphviz = have_graphviz("sibling_reasons_share_a_rank (Graphviz part)");
    let mut checked = 0;
    for path in bundled_graphs() {
        let g = load(&path);
        for (name, opts) in variants(&g) {
            let folded = opts.hide_evidence;
            let across = opts.rankdir == RankDir::LeftToRight;
            let mut svgs = vec![("embedded", to_svg(&g, &opts))];
            if graphviz {
                let raw = graphviz_svg(&to_dot(&g, &opts), &[], &path.display().to_string());
                svgs.push(("graphviz", annotate_graphviz_svg(&raw, &g, &opts)));
            }
            for (engine, svg) in svgs {
                let what = format!("{} ({name}, {engine})", path.display());
                let (rank, arcs) = drawn_ranks(&svg, across, &what);
                let reaches = |a: &str, b: &str| {
                    let mut todo = vec![a.to_string()];
                    let mut seen = std::collections::BTreeSet::new();
                    while let Some(x) = todo.pop() {
                        for (f, t) in &arcs {
                            if *f == x && seen.insert(t.clone()) {
                                if t == b {
                                    return true;
                                }
                                todo.push(t.clone());
                            }
                        }
                    }
                    false
                };
                let conclusion = g.id(g.conclusion());
                let direct: Vec<&String> = arcs
                    .iter()
                    .filter(|(_, t)| t == conclusion)
                    .map(|(f, _)| f)
                    .collect();
                let siblings: std::collections::BTreeSet<(usize, &str)> = direct
                    .iter()
                    .filter(|&&a| !direct.iter().any(|&b| a != b && reaches(a, b)))
                    .map(|a| (rank[a.as_str()], a.as_str()))
                    .collect();
                if folded || name == "plain" && engine == "graphviz" {
                    let ranks: std::collections::BTreeSet<usize> =
                        siblings.iter().map(|s| s.0).collect();
                    assert!(
                        ranks.len() <= 1,
                        "{what}: the conclusion's direct reasons on several ranks: {siblings:?}"
                    );
                    checked += 1;
                }
                // Further down the paper map, the reasons of `c_differences`
                // share one rank too in the embedded layout (`c_world_order`,
                // whose reason `c_reform_order` sits far above it, was pulled
                // a rank away from the others).
                if folded && engine == "embedded" && path.ends_with("sino_russian_distrust.ron") {
                    let reasons: std::collections::BTreeSet<(usize, &str)> = arcs
                        .iter()
                        .filter(|(_, t)| t == "c_differences")
                        .map(|(f, _)| (rank[f.as_str()], f.as_str()))
                        .collect();
                    let ranks: std::collections::BTreeSet<usize> =
                        reasons.iter().map(|s| s.0).collect();
                    assert!(reasons.len() > 1, "{what}: {reasons:?}");
                    assert!(
                        ranks.len() == 1,
                        "{what}: the reasons of c_differences on several ranks: {reasons:?}"
                    );
                    checked += 1;
                }
                if engine == "graphviz" {
                    for (item, r) in &rank {
                        let has_reasons = arcs.iter().any(|(_, t)| t == item);
                        let spans: Vec<usize> = arcs
                            .iter()
                            .filter(|(f, _)| f == item)
                            .map(|(_, t)| r.abs_diff(rank[t.as_str()]))
                            .collect();
                        if (has_reasons || folded) && !spans.is_empty() {
                            assert_eq!(
                                spans.iter().min(),
                                Some(&1),
                                "{what}: {item} is more than one rank from each of its targets"
                            );
                        }
                    }
                }
            }
        }
    }
    assert!(checked >= 5, "{checked}");
}

#[test]
fn focus_and_folded_evidence() {
    let g = load(&root().join("graphs/nixon_diamond.ron"));
    let c = g.conclusion();
    let dot = to_dot(
        &g,
        &DotOptions {
            focus: Some((c, 1)),
            legend: false,
            ..Default::default()
        },
    );
    // The conclusion and its three direct arguments (see graphs/nixon_diamond.ron).
    let nodes: Vec<&str> = dot
        .lines()
        .filter(|l| l.trim_start().starts_with('"') && !l.contains("->"))
        .collect();
    assert_eq!(nodes.len(), 4, "{dot}");
    for id in ["h_pacifist", "c_quaker", "c_republican", "c_record"] {
        assert!(dot.contains(&format!("\"{id}\"[")), "{id}");
    }
    // Out of range: no node at all.
    let dot = to_dot(
        &g,
        &DotOptions {
            focus: Some((g.len(), 3)),
            legend: false,
            ..Default::default()
        },
    );
    assert!(!dot.contains("shape=box"), "{dot}");

    // Folded: c_quaker has two supporting pieces of evidence and one attacking
    // (e_navy_service undercuts it); c_record two for, one against.
    let dot = to_dot(
        &g,
        &DotOptions {
            hide_evidence: true,
            ..Default::default()
        },
    );
    assert!(!dot.contains("shape=note"), "{dot}");
    assert_eq!(
        dot.matches("evidence: 2 for, 1 against").count(),
        2,
        "{dot}"
    );
    assert!(dot.contains("evidence: 2 for<"), "{dot}"); // c_republican
}

#[test]
fn dot_command_writes_atomically_and_never_over_its_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("map.ron");
    std::fs::copy(root().join("graphs/nixon_diamond.ron"), &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    let o = argmap(&[
        "dot",
        input.to_str().unwrap(),
        "-o",
        input.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("refusing to write over the input file"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&input).unwrap(), before);

    let out = dir.path().join("map.dot");
    let o = argmap(&["dot", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("digraph argmap {")
    );
    let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 2, "a temporary file was left behind");

    // To standard output by default.
    let o = argmap(&["dot", "graphs/nixon_diamond.ron", "--hide-evidence"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("evidence: 2 for, 1 against"));
}

#[test]
fn unknown_focus_and_unknown_format_are_clear_errors() {
    let o = argmap(&["dot", "graphs/nixon_diamond.ron", "--focus", "c_quakr"]);
    assert_eq!(o.status.code(), Some(2));
    insta::assert_snapshot!(stderr(&o), @"error: --focus `c_quakr`: no node has this id (did you mean `c_quaker`?)");
    // A group's id given where a node is wanted says so, and names one of its
    // nodes (bike_theft.ron: group `witness` holds e_lee_says, its first node).
    let o = argmap(&["dot", "graphs/bike_theft.ron", "--focus", "witness"]);
    assert_eq!(o.status.code(), Some(2));
    insta::assert_snapshot!(stderr(&o), @"error: --focus `witness`: no node has this id (that is a group: name one of its nodes, such as `e_lee_says`)");
    let o = argmap(&["render", "graphs/nixon_diamond.ron", "-o", "map.jpg"]);
    assert_eq!(o.status.code(), Some(2));
    insta::assert_snapshot!(stderr(&o), @"error: cannot tell the picture format of map.jpg: name it .svg, .png or .pdf, or pass --format svg|png|pdf");
    // A page shape written W:H that is not a named page: the error offers
    // --aspect with the ratio (16 / 10 = 1.6; 21 / 9 = 2.33 to two decimals).
    for (page, aspect) in [
        ("16:10", "--aspect 1.6 for a 16:10 shape"),
        ("21:9", "--aspect 2.33"),
    ] {
        let o = argmap(&[
            "render",
            "graphs/nixon_diamond.ron",
            "--page",
            page,
            "-o",
            "m.svg",
        ]);
        assert_eq!(o.status.code(), Some(2));
        let err = stderr(&o);
        assert!(err.contains("use one of a4, a3, 16:9, 4:3"), "{err}");
        assert!(err.contains(aspect), "{err}");
    }
    let o = argmap(&[
        "render",
        "graphs/nixon_diamond.ron",
        "--page",
        "a5",
        "-o",
        "m.svg",
    ]);
    assert!(!stderr(&o).contains("--aspect"), "{}", stderr(&o));
    // Invalid input: exit 1 with the diagnostics, nothing written.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    std::fs::write(
        &bad,
        "ArgumentGraph(conclusion: \"x\", nodes: [], edges: [])",
    )
    .unwrap();
    let out = dir.path().join("bad.svg");
    let o = argmap(&[
        "render",
        bad.to_str().unwrap(),
        "--engine",
        "embedded",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!out.exists());
}

/// Polls `cond` until it holds (at most [`crate::PATIENCE`]: the machine may
/// be busy).
fn wait_for(what: &str, mut cond: impl FnMut() -> bool) {
    let start = std::time::Instant::now();
    while !cond() {
        assert!(
            start.elapsed() < crate::PATIENCE,
            "timed out waiting for {what}"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn watch_redraws_on_change_and_keeps_the_last_good_output() {
    use std::io::Read;
    use std::sync::{Arc, Mutex};
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("map.ron");
    let out = dir.path().join("map.dot");
    std::fs::write(&input, TWO).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_argmap"))
        .args(["dot", "--watch", "-o"])
        .arg(&out)
        .arg(&input)
        .env("NO_COLOR", "1")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Standard error as it comes, so each step can wait for the run it caused.
    let err = Arc::new(Mutex::new(String::new()));
    let reader = {
        let err = Arc::clone(&err);
        let mut stream = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stream.read(&mut buf) {
                if n == 0 {
                    break;
                }
                err.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        })
    };
    let errors = || err.lock().unwrap().matches("error").count();
    let read = || std::fs::read_to_string(&out).unwrap_or_default();
    wait_for("the first drawing", || read().contains("\"b\" -> \"a\""));

    // A valid change is drawn.
    crate::save(&input, &TWO.replace("text: \"B\"", "text: \"Changed\""));
    wait_for("the redrawing", || read().contains("Changed"));

    // A broken file: the error is reported, the last good drawing stays. (Wait
    // for the report, not for a fixed time: the fix below must come after the
    // run on the broken file, or the watcher may only ever see the fixed one.)
    let good = read();
    assert_eq!(errors(), 0, "{}", err.lock().unwrap());
    crate::save(&input, "ArgumentGraph(nodes: [");
    wait_for("the broken file's report", || errors() > 0);
    assert_eq!(read(), good);

    // Fixed again: drawn again.
    crate::save(&input, &TWO.replace("text: \"A\"", "text: \"Fixed\""));
    wait_for("the drawing after the fix", || read().contains("Fixed"));
    child.kill().unwrap();
    child.wait().unwrap();
    reader.join().unwrap();
    let err = err.lock().unwrap();
    assert!(err.contains("watching"), "{err}");
}

/// A graph of `n` claims with the given edges, as RON.
fn random_graph(n: usize, edges: &[(usize, usize, bool, u8)]) -> String {
    let nodes: Vec<String> = (0..n)
        .map(|i| format!("Node(id: \"n{i}\", kind: Claim, text: \"node {i}\", base: 0.5)"))
        .collect();
    let mut seen = std::collections::HashSet::new();
    let edges: Vec<String> = edges
        .iter()
        .filter(|(f, t, _, _)| f % n != t % n && seen.insert((f % n, t % n)))
        .map(|&(f, t, attack, w)| {
            let kind = if attack { "Attack" } else { "Support" };
            let w = f64::from(w % 11) / 10.0;
            format!(
                "{kind}(from: \"n{}\", to: \"n{}\", weight: {w})",
                f % n,
                t % n
            )
        })
        .collect();
    format!(
        "ArgumentGraph(conclusion: \"n0\", nodes: [{}], edges: [{}])",
        nodes.join(", "),
        edges.join(", ")
    )
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
    /// Any valid graph, cycles and disconnected parts included, draws without a
    /// panic, as well-formed SVG and DOT that graphviz-rust's parser reads.
    #[test]
    fn any_graph_draws(
        n in 1usize..14,
        edges in proptest::collection::vec((0usize..14, 0usize..14, proptest::bool::ANY, 0u8..11), 0..30),
        lr in proptest::bool::ANY,
    ) {
        let g = graph_of(&random_graph(n, &edges));
        let rankdir = if lr { RankDir::LeftToRight } else { RankDir::BottomToTop };
        let opts = DotOptions { rankdir, scores: Some(scores(&g)), ..Default::default() };
        check_svg(&to_svg(&g, &opts), "random");
        graphviz_rust::parse(&to_dot(&g, &opts)).unwrap();
    }
}

/// `--page` sizes the embedded SVG to the page (landscape A4 here) with a view
/// box of the page's shape; `--aspect` gives the shape alone; a tall shape
/// wraps the ranks of a map without groups into more rows than a wide one.
/// Unknown pages are refused.
#[test]
fn render_fits_the_drawing_to_a_page() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.svg");
    // A last argument ending in `.ron` is the map to draw (default: the
    // paper map).
    let draw = |extra: &[&str]| {
        let (file, extra) = match extra.split_last() {
            Some((f, rest)) if f.ends_with(".ron") => (*f, rest),
            _ => ("graphs/sino_russian_distrust.ron", extra),
        };
        let mut args = vec!["render", file, "--engine", "embedded"];
        args.extend(["-o", out.to_str().unwrap()]);
        args.extend(extra);
        let run = argmap(&args);
        assert_eq!(run.status.code(), Some(0), "{extra:?}: {}", stderr(&run));
        (std::fs::read_to_string(&out).unwrap(), stderr(&run))
    };
    let view_box = |svg: &str| -> (f64, f64) {
        let doc = roxmltree::Document::parse(svg).unwrap();
        let vb: Vec<f64> = doc
            .root_element()
            .attribute("viewBox")
            .unwrap()
            .split(' ')
            .map(|x| x.parse().unwrap())
            .collect();
        (vb[2], vb[3])
    };
    let (svg, err) = draw(&["--page", "a4"]);
    check_svg(&svg, "a4");
    assert!(
        svg.contains("width=\"841.9pt\" height=\"595.3pt\""),
        "{}",
        &svg[..300]
    );
    let (w, h) = view_box(&svg);
    // 297 / 210 = 1.414, up to the rounding of the view box to whole pixels.
    assert!((w / h - 297.0 / 210.0).abs() < 0.01, "{w} x {h}");
    // 130 nodes on one A4 page: too small to read, and said so.
    assert!(err.contains("below the 9 pt"), "{err}");
    // A claim with 24 reasons and no groups (a map with groups is packed
    // as blocks: see tests/it/page.rs).
    let star = dir.path().join("star.ron");
    let reasons: Vec<String> = (0..24)
        .map(|i| format!("Node(id: \"r{i}\", kind: Claim, text: \"reason {i}\", base: 0.5)"))
        .collect();
    let edges: Vec<String> = (0..24)
        .map(|i| format!("Support(from: \"r{i}\", to: \"c\", weight: 0.5)"))
        .collect();
    std::fs::write(
        &star,
        format!(
            "ArgumentGraph(conclusion: \"c\", nodes: [Node(id: \"c\", kind: Claim, text: \"claim\", base: 0.5), {}], edges: [{}])",
            reasons.join(", "),
            edges.join(", ")
        ),
    )
    .unwrap();
    let star = star.to_str().unwrap();
    let (wide, _) = draw(&["--aspect", "4", star]);
    let (tall, _) = draw(&["--aspect", "0.5", star]);
    let rows = |svg: &str| {
        let doc = roxmltree::Document::parse(svg).unwrap();
        let mut ys: Vec<i64> = doc
            .descendants()
            .filter(|n| n.has_tag_name("rect") && n.attribute("rx") == Some("6"))
            .map(|n| n.attribute("y").unwrap().parse::<f64>().unwrap().round() as i64)
            .collect();
        ys.sort_unstable();
        ys.dedup();
        ys.len()
    };
    assert!(
        rows(&tall) > rows(&wide),
        "{} rows tall, {} wide",
        rows(&tall),
        rows(&wide)
    );
    let run = argmap(&[
        "render",
        "graphs/nixon_diamond.ron",
        "-o",
        out.to_str().unwrap(),
        "--page",
        "b5",
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("use one of a4, a3, 16:9, 4:3"),
        "{}",
        stderr(&run)
    );
}

/// `--split groups` writes one numbered SVG per top-level group and one for
/// the nodes in no group; each page draws its own nodes, plus a dashed stub
/// naming the page of each node its edges lead to, and says which page it is.
#[test]
fn render_splits_by_groups() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.svg");
    let run = argmap(&[
        "render",
        "graphs/nixon_diamond.ron",
        "--engine",
        "embedded",
        "--split",
        "groups",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    // nixon_diamond.ron: two top-level groups (the diamond, Nixon's record),
    // and the conclusion in no group.
    let pages: Vec<String> = (1..=3)
        .map(|k| std::fs::read_to_string(dir.path().join(format!("map-{k}.svg"))).unwrap())
        .collect();
    assert!(!dir.path().join("map-4.svg").exists());
    assert!(!out.exists());
    for (k, svg) in pages.iter().enumerate() {
        check_svg(svg, "split");
        assert!(svg.contains(&format!("page {} of 3", k + 1)), "page {k}");
    }
    // Page 1, the diamond: c_quaker is drawn there, c_record only on page 2,
    // and the conclusion is a stub pointing to page 3.
    assert!(pages[0].contains("data-id=\"c_quaker\""));
    assert!(!pages[0].contains("data-id=\"c_record\""));
    assert!(pages[0].contains("→ page 3: other nodes"), "{}", pages[0]);
    // Page 3: the conclusion, with stubs to the claims of pages 1 and 2.
    assert!(pages[2].contains("→ page 1: The diamond"));
    assert!(pages[2].contains("→ page 2: Extension"));
}

/// Through Graphviz, `--split groups -o map.pdf` writes one PDF with a page per
/// group (Graphviz draws each, rsvg-convert joins them).
#[test]
fn render_splits_a_pdf_into_pages() {
    let have_rsvg = Command::new("rsvg-convert")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !have_graphviz("render_splits_a_pdf_into_pages") || !have_rsvg {
        eprintln!(
            "skipping render_splits_a_pdf_into_pages: needs dot and rsvg-convert (CI installs both)"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.pdf");
    let run = argmap(&[
        "render",
        "graphs/nixon_diamond.ron",
        "--split",
        "groups",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let pdf = std::fs::read(&out).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    // One page tree of three pages (two top-level groups and the conclusion).
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("/Count 3"), "{}", stderr(&run));
}
