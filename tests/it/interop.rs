//! Interchange (issue 21): argmap's JSON model, AIF, Argdown, Kialo, GraphML
//! and the Dung formats; `argmap convert`; every reader behind every command.

use std::path::{Path, PathBuf};

use argmap::{ArgumentGraph, Source};

use crate::root;

/// Every `.ron` file under `graphs/` and `tests/data/`, sorted.
fn ron_files() -> Vec<PathBuf> {
    crate::files_under(&["graphs", "tests/data"], crate::is_ron)
}

/// Whether every number of the model is finite. JSON has no `NaN` or
/// infinity (`check` refuses them anyway: E0204, E0205); the writers put `null`.
fn all_finite(g: &ArgumentGraph) -> bool {
    let pair = |r: Option<(f64, f64)>| r.is_none_or(|(a, b)| a.is_finite() && b.is_finite());
    g.nodes
        .iter()
        .all(|n| n.base.is_finite() && pair(n.base_range))
        && g.edges
            .iter()
            .all(|e| e.data().weight.is_finite() && pair(e.data().weight_range))
        && g.expect
            .iter()
            .all(|x| x.above.is_none_or(f64::is_finite) && x.below.is_none_or(f64::is_finite))
}

/// The models of every fixture and bundled graph that reads without a
/// problem (a file with a load error has placeholders, not a model to keep)
/// and whose numbers are finite.
pub(crate) fn clean_models() -> Vec<(PathBuf, ArgumentGraph)> {
    ron_files()
        .into_iter()
        .filter_map(|p| {
            let src = Source::read(&p).ok()?;
            let parsed = argmap::parse(&src).ok()?;
            (parsed.diagnostics.is_empty() && all_finite(&parsed.graph))
                .then_some((p, parsed.graph))
        })
        .collect()
}

#[test]
fn ron_to_json_to_ron_is_lossless_for_every_fixture_and_bundled_graph() {
    let models = clean_models();
    // Every bundled graph is among them, and most fixtures.
    assert!(models.len() >= 60, "only {} models", models.len());
    for g in crate::bundled_graphs() {
        assert!(models.iter().any(|(p, _)| *p == g), "{}", g.display());
    }
    for (path, g) in &models {
        let json = argmap::formats::json::to_json_string(g);
        // An independent reader accepts it: serde_json.
        let v: serde_json::Value = serde_json::from_str(&json)
            .unwrap_or_else(|e| panic!("{}: {e}\n{json}", path.display()));
        assert_eq!(
            v["nodes"].as_array().unwrap().len(),
            g.nodes.len(),
            "{}",
            path.display()
        );
        let src = Source::new("back.json", json.as_str());
        let back = argmap::formats::json::parse(&src)
            .unwrap_or_else(|d| panic!("{}: {}", path.display(), d.short(&src)));
        assert!(
            back.diagnostics.is_empty(),
            "{}: {}",
            path.display(),
            back.diagnostics.short(&src)
        );
        assert_eq!(back.graph, *g, "{}", path.display());
        // And the RON written from it reads back the same again.
        assert_eq!(
            ArgumentGraph::from_ron(&back.graph.to_ron()).unwrap(),
            *g,
            "{}",
            path.display()
        );
    }
}

#[test]
fn the_json_edge_shape_is_the_documented_one() {
    let src = Source::read(&root().join("graphs/bike_theft.ron")).unwrap();
    let g = argmap::parse(&src).unwrap().graph;
    let v: serde_json::Value =
        serde_json::from_str(&argmap::formats::json::to_json_string(&g)).unwrap();
    // Hand-read from graphs/bike_theft.ron: the first edge is the linked support
    // `s_witness`, the second the undercut `u_feud` of it.
    assert_eq!(
        v["edges"][0],
        serde_json::json!({"kind": "Support", "id": "s_witness",
            "from": ["e_lee_window", "e_lee_says"], "to": "h_sam", "weight": 0.8,
            "scheme": "witness_testimony"})
    );
    assert_eq!(
        v["edges"][1],
        serde_json::json!({"kind": "Undercut", "id": "u_feud", "from": "e_feud",
            "to": "s_witness", "weight": 0.8, "question": "CQ4"})
    );
    assert_eq!(v["nodes"][0]["kind"], "Claim");
    assert_eq!(v["conclusion"], "h_sam");
    assert_eq!(v["expect"][0]["remove"], serde_json::json!(["e_feud"]));
}

/// The checked models of every fixture and bundled graph (for the writers
/// that need a valid map: AIF's edges join existing nodes).
fn checked_models() -> Vec<(PathBuf, argmap::ArgGraph)> {
    clean_models()
        .into_iter()
        .filter_map(|(p, _)| {
            let src = Source::read(&p).ok()?;
            let v = argmap::check(&src).ok()?;
            Some((p, argmap::build_owned(v)))
        })
        .collect()
}

#[test]
fn ron_to_aif_to_ron_is_lossless_for_every_checked_fixture_and_bundled_graph() {
    let models = checked_models();
    assert!(models.len() >= 25, "only {} models", models.len());
    for (path, g) in &models {
        let aif = argmap::formats::aif::to_aif_string(g.model());
        // An independent reader accepts it, and it has the AIF shape: one I
        // node per argmap node, one RA/CA node per edge.
        let v: serde_json::Value = serde_json::from_str(&aif).unwrap();
        let types: Vec<&str> = v["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["type"].as_str().unwrap())
            .collect();
        let m = g.model();
        assert_eq!(types.iter().filter(|t| **t == "I").count(), m.nodes.len());
        assert_eq!(types.len(), m.nodes.len() + m.edges.len());
        let src = Source::new("back.json", aif.as_str());
        assert_eq!(
            argmap::formats::detect(None, &aif),
            argmap::formats::Format::Aif
        );
        let back = argmap::formats::aif::parse(&src, &Default::default())
            .unwrap_or_else(|d| panic!("{}: {}", path.display(), d.short(&src)));
        assert!(
            back.diagnostics.is_empty(),
            "{}: {}",
            path.display(),
            back.diagnostics.short(&src)
        );
        assert_eq!(back.graph, *m, "{}", path.display());
    }
}

#[test]
fn ron_to_argdown_to_ron_is_lossless_for_every_checked_fixture_and_bundled_graph() {
    let models = checked_models();
    assert!(models.len() >= 25, "only {} models", models.len());
    for (path, g) in &models {
        let text = argmap::formats::argdown::to_argdown_string(g.model());
        let src = Source::new("back.argdown", text.as_str());
        let back =
            argmap::formats::read(&src, argmap::formats::Format::Argdown, &Default::default())
                .unwrap_or_else(|d| panic!("{}: {}\n{text}", path.display(), d.short(&src)));
        assert!(
            back.diagnostics.is_empty(),
            "{}: {}\n{text}",
            path.display(),
            back.diagnostics.short(&src)
        );
        assert_eq!(back.graph, *g.model(), "{}\n{text}", path.display());
    }
}

/// The shared samples (`../shared/interop-samples`, see its README), or `None`
/// (with a message) when absent, as on a machine without the shared data.
fn samples() -> Option<PathBuf> {
    let dir = root().join("../shared/interop-samples");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} is absent", dir.display());
        None
    }
}

/// Per AIF sample: I nodes, supports, attacks, undercuts, linked edges.
/// Counted independently of argmap, with python3's json module
/// (`tests/data/interop/count_aif.py`), following the mapping of
/// docs/formats.md (an RA/CA node with at least one I-node
/// premise and a conclusion gives one edge per conclusion: RA -> I a support,
/// CA -> I an attack, CA -> kept RA/CA an undercut; linked when it has
/// several I-node premises; a relation repeated with the same premises and
/// conclusion counted once; L/YA/TA/MA/PA nodes and their edges dropped).
const AIF_COUNTS: &[(&str, usize, usize, usize, usize, usize)] = &[
    ("achargnav_covidorigins.json", 53, 24, 17, 6, 9),
    ("achargnav_ffkosciuszko_19393.json", 12, 2, 8, 0, 0),
    ("achargnav_ffkosciuszko_19396.json", 36, 18, 9, 0, 1),
    ("amfeval_xaif_28038.json", 38, 20, 24, 0, 0),
    ("amfeval_xaif_28111.json", 14, 10, 6, 0, 1),
    ("arguebuf_6064-original.json", 9, 5, 0, 0, 0),
    ("arguebuf_6064-reconstructed.json", 9, 5, 0, 0, 0),
    ("carneades_nodeset10.json", 4, 1, 0, 0, 1),
    ("carneades_nodeset118.json", 4, 3, 0, 0, 0),
    ("carneades_nodeset127.json", 6, 4, 1, 0, 0),
    ("carneades_nodeset137.json", 7, 2, 2, 0, 2),
    ("carneades_nodeset198.json", 24, 13, 0, 0, 9),
    ("carneades_nodeset215.json", 20, 14, 0, 0, 4),
    ("carneades_nodeset233.json", 5, 1, 2, 0, 1),
    ("carneades_nodeset316.json", 19, 8, 0, 0, 8),
    ("carneades_nodeset513.json", 3, 1, 1, 0, 0),
    ("carneades_nodeset543.json", 19, 5, 2, 0, 5),
    ("carneades_nodeset652.json", 6, 4, 0, 0, 1),
    ("carneades_nodeset664.json", 26, 22, 3, 0, 0),
    ("carneades_nodeset667.json", 2, 1, 0, 0, 0),
    ("dialam2024_qt30_test_map1.json", 19, 3, 1, 0, 0),
    ("dialam2024_qt30_test_map5.json", 19, 7, 0, 0, 3),
    ("xaif_tutorial_basic.json", 3, 1, 0, 0, 0),
    ("xaif_tutorial_ova3.json", 2, 1, 0, 0, 0),
];

#[test]
fn every_aif_sample_imports_and_checks_with_independently_counted_nodes_and_edges() {
    let Some(dir) = samples() else { return };
    let mut seen = 0;
    for &(file, i, sup, att, und, linked) in AIF_COUNTS {
        let path = dir.join("aif").join(file);
        let src = Source::read(&path).unwrap();
        assert_eq!(
            argmap::formats::detect(Some(&path), src.text()),
            argmap::formats::Format::Aif,
            "{file}"
        );
        let parsed = argmap::formats::aif::parse(&src, &Default::default())
            .unwrap_or_else(|d| panic!("{file}: {}", d.short(&src)));
        let v = argmap::validate(parsed).unwrap_or_else(|d| panic!("{file}: {}", d.short(&src)));
        let g = argmap::build(&v);
        let m = g.model();
        let kinds = |k: argmap::EdgeKind| m.edges.iter().filter(|e| e.kind() == k).count();
        assert_eq!(m.nodes.len(), i, "{file}: I nodes");
        assert_eq!(kinds(argmap::EdgeKind::Support), sup, "{file}: supports");
        assert_eq!(kinds(argmap::EdgeKind::Attack), att, "{file}: attacks");
        assert_eq!(kinds(argmap::EdgeKind::Undercut), und, "{file}: undercuts");
        let n_linked = m.edges.iter().filter(|e| e.data().is_linked()).count();
        assert_eq!(n_linked, linked, "{file}: linked");
        // The import says what it did: neutral defaults, once.
        assert_eq!(
            v.warnings.codes().iter().filter(|c| **c == "W0701").count(),
            1,
            "{file}"
        );
        // And it evaluates.
        let e = argmap::evaluate(&g, argmap::SemanticsKind::default(), &Default::default())
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(
            e.strengths.iter().all(|s| (0.0..=1.0).contains(s)),
            "{file}"
        );
        seen += 1;
    }
    // Every sample is either counted above or a documented bad input below.
    let all = std::fs::read_dir(dir.join("aif")).unwrap().count();
    assert_eq!(
        seen + AIF_BAD.len() + 1,
        all,
        "a sample is neither counted nor bad"
    );
}

/// The deliberately broken AIF samples (their README says how) and the
/// diagnostic each gives; the blank xAIF file has no node at all.
const AIF_BAD: &[(&str, &str)] = &[
    ("achargnav_corp_esp.json", "E0712"),
    ("achargnav_ffkosciuszko_full.json", "E0713"),
    ("xaif_tutorial_ova3_skeptic.json", "E0701"),
];

#[test]
fn malformed_aif_samples_give_diagnostics_with_positions() {
    let Some(dir) = samples() else { return };
    for &(file, code) in AIF_BAD {
        let src = Source::read(&dir.join("aif").join(file)).unwrap();
        let d = argmap::formats::aif::parse(&src, &Default::default()).unwrap_err();
        assert!(
            d.codes().iter().all(|c| *c == code),
            "{file}: {:?}",
            d.codes()
        );
        // Every problem at once, each at a position inside the file.
        assert!(!d.is_empty());
        for x in d.iter() {
            let span = x.span.expect("a position");
            assert!((span.end as usize) <= src.text().len(), "{file}");
        }
    }
    // The duplicates, counted with python3's json module: 85 repeated nodeIDs.
    let src = Source::read(&dir.join("aif/achargnav_corp_esp.json")).unwrap();
    let d = argmap::formats::aif::parse(&src, &Default::default()).unwrap_err();
    assert_eq!(d.len(), 85);
    // The dangling edges: 3 edges name a node the file does not have.
    let src = Source::read(&dir.join("aif/achargnav_ffkosciuszko_full.json")).unwrap();
    let d = argmap::formats::aif::parse(&src, &Default::default()).unwrap_err();
    assert_eq!(d.len(), 3);
    // The blank xAIF file is AIF, with no claim to import.
    let src = Source::read(&dir.join("aif/xaif_tutorial_blank.json")).unwrap();
    let d = argmap::formats::aif::parse(&src, &Default::default()).unwrap_err();
    assert_eq!(d.codes(), ["E0716"]);
}

#[test]
fn dung_and_graphml_writers_say_what_they_leave_out_and_read_back() {
    use argmap::formats::{Format, write};
    for (path, g) in checked_models() {
        let fl = argmap::dung::flatten(&g);
        let pairs: Vec<(String, String)> = fl
            .framework
            .attack_pairs()
            .map(|(a, b)| (fl.framework.name(a).into(), fl.framework.name(b).into()))
            .collect();
        for (fmt, read) in [
            (Format::Af, argmap::formats::af::read as fn(&Source) -> _),
            (Format::Apx, argmap::formats::apx::read),
            (Format::Tgf, argmap::formats::tgf::read),
        ] {
            let w = write(&g, fmt).unwrap();
            assert!(!w.left_out.is_empty());
            let src = Source::new("x", w.text.as_str());
            let back = read(&src).unwrap_or_else(|d| {
                panic!("{} as {}: {}", path.display(), fmt.name(), d.short(&src))
            });
            assert_eq!(back.len(), fl.framework.len(), "{}", path.display());
            // .af numbers the arguments in the same order; the others keep names.
            let got: Vec<(String, String)> = back
                .attack_pairs()
                .map(|(a, b)| match fmt {
                    Format::Af => (fl.framework.name(a).into(), fl.framework.name(b).into()),
                    _ => (back.name(a).into(), back.name(b).into()),
                })
                .collect();
            let (mut a, mut b) = (got, pairs.clone());
            a.sort();
            b.sort();
            assert_eq!(a, b, "{} as {}", path.display(), fmt.name());
        }
        // GraphML: well-formed XML (roxmltree), one node per argmap node plus
        // one per reified inference, one edge per premise of a reified edge
        // plus one per edge.
        let w = write(&g, Format::Graphml).unwrap();
        let doc = roxmltree::Document::parse(&w.text)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let count = |tag: &str| {
            doc.descendants()
                .filter(|n| n.tag_name().name() == tag)
                .count()
        };
        let m = g.model();
        let reified: Vec<usize> = (0..m.edges.len())
            .filter(|&j| g.premises(j).len() > 1 || !g.undercuts(j).is_empty())
            .collect();
        assert_eq!(
            count("node"),
            m.nodes.len() + reified.len(),
            "{}",
            path.display()
        );
        let premise_edges: usize = reified.iter().map(|&j| g.premises(j).len()).sum();
        assert_eq!(
            count("edge"),
            m.edges.len() + premise_edges,
            "{}",
            path.display()
        );
    }
}

#[test]
fn convert_writes_atomically_reports_and_refuses_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("h.ron");
    let o = crate::argmap(&[
        "convert",
        "tests/data/interop/handmade.aif.json",
        "-o",
        out.to_str().unwrap(),
        "--json",
    ]);
    assert!(o.status.success(), "{}", crate::stderr(&o));
    let report: serde_json::Value = serde_json::from_str(&crate::stdout(&o)).unwrap();
    // Hand-counted from the file: 6 I nodes; RA 10 (linked 1+2), RA 11, CA 12
    // and CA 13 (on RA 10) give 4 edges; 2 dialogue nodes, 1 MA node dropped.
    assert_eq!(report["from"], "aif");
    assert_eq!(report["nodes"], 6);
    assert_eq!(report["edges"], 4);
    assert_eq!(report["conclusion"], "3");
    let codes: Vec<&str> = report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["W0703", "W0704", "W0705", "W0701"]);
    let ron = std::fs::read_to_string(&out).unwrap();
    let g = ArgumentGraph::from_ron(&ron).unwrap();
    assert_eq!(g.edges[3].kind(), argmap::EdgeKind::Undercut);
    assert_eq!(g.edges[0].data().scheme.as_deref(), Some("expert_opinion"));
    // The other commands read the same file directly.
    let o = crate::argmap(&["eval", "tests/data/interop/handmade.aif.json", "--json"]);
    assert!(o.status.success(), "{}", crate::stderr(&o));
    assert!(crate::stderr(&o).contains("W0701"), "{}", crate::stderr(&o));
    // --conclusion picks another node.
    let o = crate::argmap(&[
        "convert",
        "tests/data/interop/handmade.aif.json",
        "--conclusion",
        "5",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", crate::stderr(&o));
    let g = ArgumentGraph::from_ron(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(g.conclusion, "5");
    // A broken input writes nothing and leaves the old file as it was.
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        "{\"nodes\": [{\"nodeID\": \"1\", \"type\": \"I\"},], \"edges\": []}",
    )
    .unwrap();
    std::fs::write(&out, "old").unwrap();
    let o = crate::argmap(&[
        "convert",
        bad.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(crate::stderr(&o).contains("E0701"), "{}", crate::stderr(&o));
    assert!(
        crate::stderr(&o).contains("bad.json:1:40"),
        "{}",
        crate::stderr(&o)
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    // Formats it does not write are usage errors.
    let o = crate::argmap(&["convert", "graphs/bike_theft.ron", "-o", "x.bag"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn bundled_graphs_convert_through_every_writable_format() {
    let dir = tempfile::tempdir().unwrap();
    for g in crate::bundled_graphs() {
        let model = ArgumentGraph::from_ron(&std::fs::read_to_string(&g).unwrap()).unwrap();
        for (ext, to) in [
            ("json", "json"),
            ("aif.json", "aif"),
            ("argdown", "argdown"),
            ("ron", "ron"),
        ] {
            let out = dir.path().join(format!("x.{ext}"));
            let o = crate::argmap(&[
                "convert",
                g.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
                "--to",
                to,
            ]);
            assert!(o.status.success(), "{}", crate::stderr(&o));
            // Back to RON through the command too: the same model.
            let back = dir.path().join("back.ron");
            let o = crate::argmap(&[
                "convert",
                out.to_str().unwrap(),
                "-o",
                back.to_str().unwrap(),
            ]);
            assert!(o.status.success(), "{}", crate::stderr(&o));
            let again = ArgumentGraph::from_ron(&std::fs::read_to_string(&back).unwrap()).unwrap();
            assert_eq!(again, model, "{} via {to}", g.display());
        }
        for to in ["graphml", "af", "apx", "tgf"] {
            let out = dir.path().join(format!("x.{to}"));
            let o = crate::argmap(&["convert", g.to_str().unwrap(), "-o", out.to_str().unwrap()]);
            assert!(o.status.success(), "{}", crate::stderr(&o));
            assert!(
                crate::stderr(&o).contains("leaves out"),
                "{}",
                crate::stderr(&o)
            );
        }
    }
}

#[test]
fn the_readme_shows_the_real_analysis_of_an_aif_corpus_file() {
    let Some(dir) = samples() else { return };
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let at = readme
        .find("<!-- aif-example")
        .expect("the README's AIF example");
    let block = &readme[at..];
    let start = block.find("$ argmap eval nodeset137.json\n").unwrap() + 30;
    let shown = &block[start..start + block[start..].find("```").unwrap()];
    let f = dir.join("aif/carneades_nodeset137.json");
    let o = crate::argmap(&["eval", f.to_str().unwrap()]);
    assert!(o.status.success(), "{}", crate::stderr(&o));
    assert_eq!(crate::stdout(&o).trim_end(), shown.trim_end());
    let err = crate::stderr(&o);
    assert!(err.contains("W0701") && err.contains("W0705"), "{err}");
    // And it renders.
    let out = tempfile::tempdir().unwrap();
    let svg = out.path().join("n.svg");
    let o = crate::argmap(&["render", f.to_str().unwrap(), "-o", svg.to_str().unwrap()]);
    assert!(o.status.success(), "{}", crate::stderr(&o));
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("An exemption should be given"), "{text}");
}

#[test]
fn a_kialo_export_imports_checks_and_evaluates() {
    // tests/data/interop/debate.txt, read by hand: 8 numbered claims, one of
    // them (1.2.1) a link to 1.1.1, so 7 nodes; every numbered claim but the
    // thesis is an edge to its parent (Pro: support, Con: attack): 7 edges,
    // 3 supports (1.1, 1.2.1 = 1.1.1 -> 1.2, 1.3) and 4 attacks (1.1.1,
    // 1.1.1.1, 1.2, 1.2.2).
    let o = crate::argmap(&["convert", "tests/data/interop/debate.txt", "-o", "-"]);
    assert!(o.status.success(), "{}", crate::stderr(&o));
    assert!(crate::stderr(&o).contains("W0701"), "{}", crate::stderr(&o));
    let g = ArgumentGraph::from_ron(&crate::stdout(&o)).unwrap();
    assert_eq!(g.title, "Should the city centre be car-free?");
    assert_eq!(g.conclusion, "1");
    assert_eq!(g.nodes.len(), 7);
    assert_eq!(g.edges.len(), 7);
    let supports = g
        .edges
        .iter()
        .filter(|e| e.kind() == argmap::EdgeKind::Support)
        .count();
    assert_eq!(supports, 3);
    assert!(
        g.edges
            .iter()
            .any(|e| e.data().from == ["1.1.1"] && e.data().to == "1.2")
    );
    // Every command reads it directly.
    let o = crate::argmap(&["eval", "tests/data/interop/debate.txt", "--json"]);
    assert!(o.status.success(), "{}", crate::stderr(&o));
    // A broken outline: the problems at their lines, nothing written.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, "1. T\n1.1. Maybe: x\n1.5.1. Con: y\n2. Pro: z\n").unwrap();
    let out = dir.path().join("out.ron");
    let o = crate::argmap(&[
        "convert",
        bad.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = crate::stderr(&o);
    assert!(err.contains("E0731") && err.contains("E0733"), "{err}");
    // A top-level claim is a thesis: a stance there is an error at its line.
    assert!(
        err.contains("error[E0731]: claim 2 is a thesis") && err.contains("bad.txt:4:1"),
        "{err}"
    );
    assert!(!out.exists());
}

/// The reference Argdown parser (`@argdown/cli`, which `.ci/run` installs
/// under `target/argdown-cli`; `ARGDOWN_CLI` names another), or `None` with a
/// notice where a test may skip. Under `CI=true` its absence is a failure.
fn argdown_cli() -> Option<PathBuf> {
    let path = std::env::var_os("ARGDOWN_CLI")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target/argdown-cli/node_modules/.bin/argdown"));
    let node = std::process::Command::new("node").arg("--version").output();
    if path.is_file() && node.is_ok_and(|o| o.status.success()) {
        return Some(path);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "CI=true and the reference Argdown parser is not at {}: .ci/run installs it (npm install --prefix target/argdown-cli @argdown/cli)",
        path.display()
    );
    eprintln!(
        "note: the Argdown reference-parser test is skipped: {} not found (npm install --prefix target/argdown-cli @argdown/cli)",
        path.display()
    );
    None
}

#[test]
fn argdown_output_parses_with_the_reference_parser() {
    let Some(cli) = argdown_cli() else { return };
    let models = checked_models();
    let dir = tempfile::tempdir().unwrap();
    let (inp, out) = (dir.path().join("in"), dir.path().join("out"));
    std::fs::create_dir_all(&inp).unwrap();
    let mut names = vec![];
    for (k, (path, g)) in models.iter().enumerate() {
        let text = argmap::formats::argdown::to_argdown_string(g.model());
        // Deterministic.
        assert_eq!(text, argmap::formats::argdown::to_argdown_string(g.model()));
        let name = format!("m{k:03}");
        std::fs::write(inp.join(format!("{name}.argdown")), text).unwrap();
        names.push((name, path));
    }
    // One run over every file (the parser starts slowly).
    let o = std::process::Command::new(&cli)
        .arg("json")
        .arg(inp.join("*.argdown"))
        .arg(&out)
        .output()
        .unwrap();
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(o.status.success(), "{log}");
    assert!(!log.contains("error"), "{log}");
    for ((name, path), (_, g)) in names.iter().zip(&models) {
        let json = std::fs::read_to_string(out.join(format!("{name}.json")))
            .unwrap_or_else(|e| panic!("{}: {e}\n{log}", path.display()));
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        let m = g.model();
        let at = path.display();
        // What the writer promises (docs/formats.md): a statement per node
        // (with its base in its data, and its text), an argument per edge (with its
        // weight), a relation per premise of an attack or undercut plus the
        // attack or undercut itself (a support is the argument's
        // premise-conclusion structure, which the parser holds as `pcs`), a
        // section per group.
        let statements = v["statements"].as_object().unwrap();
        assert_eq!(statements.len(), m.nodes.len(), "{at}");
        for n in &m.nodes {
            let s = &statements[n.id.as_str()];
            assert_eq!(s["data"]["base"].as_f64(), Some(n.base), "{at} {}", n.id);
            // The text as the parser reads it (escapes undone; its raw
            // member text still holds the `#(tag)`s) is the node's text, or
            // the exact text travels in the data.
            let shown = s["members"]
                .as_array()
                .unwrap()
                .iter()
                .find_map(|m| m["text"].as_str())
                .unwrap();
            let shown = n.tags.iter().fold(shown.to_string(), |t, tag| {
                t.replace(&format!(" #({tag})"), "")
            });
            match s["data"]["text"].as_str() {
                Some(exact) => assert_eq!(exact, n.text, "{at} {}", n.id),
                None => assert_eq!(shown.trim(), n.text, "{at} {}", n.id),
            }
            let tags: Vec<&str> = s["tags"]
                .as_array()
                .map(|t| t.iter().map(|t| t.as_str().unwrap()).collect())
                .unwrap_or_default();
            if !tags.is_empty() {
                assert_eq!(tags, n.tags, "{at} {}", n.id);
            }
        }
        let arguments = v["arguments"].as_object().unwrap();
        assert_eq!(arguments.len(), m.edges.len(), "{at}");
        let mut want = std::collections::BTreeMap::new();
        for e in &m.edges {
            let d = e.data();
            match e.kind() {
                argmap::EdgeKind::Support => {
                    let pcs_len = d.from.len() + 1;
                    let found = arguments.values().any(|a| {
                        a["data"]["weight"].as_f64() == Some(d.weight)
                            && a["pcs"].as_array().map(Vec::len) == Some(pcs_len)
                    });
                    assert!(found, "{at}: no argument for {:?}", d.id);
                }
                k => {
                    *want.entry("support").or_insert(0) += d.from.len();
                    let kind = if k == argmap::EdgeKind::Attack {
                        "attack"
                    } else {
                        "undercut"
                    };
                    *want.entry(kind).or_insert(0) += 1;
                }
            }
        }
        let mut got = std::collections::BTreeMap::new();
        for r in v["relations"].as_array().unwrap() {
            *got.entry(r["relationType"].as_str().unwrap().to_string())
                .or_insert(0) += 1;
        }
        let want: std::collections::BTreeMap<String, usize> =
            want.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        assert_eq!(got, want, "{at}");
        let sections = v["sections"].as_array().map_or(0, |s| {
            fn count(s: &[serde_json::Value]) -> usize {
                s.iter()
                    .map(|x| 1 + x["children"].as_array().map_or(0, |c| count(c)))
                    .sum()
            }
            count(s)
        });
        assert_eq!(sections, m.groups.len(), "{at}");
    }
}

/// Per Argdown sample that the reference parser reads without an error:
/// statements, arguments, relations and sections, as `@argdown/cli` 1.7.5's
/// JSON export counts them (`argdown json FILE OUTDIR`: the keys of
/// `statements` and `arguments`, the items of `relations` (contrary and
/// entails relations included), the `sections` with their `children`).
/// `argdown_samples_read_as_the_reference_parser_reads_them` re-derives these
/// numbers from the parser whenever it is installed.
const ARGDOWN_COUNTS: &[(&str, usize, usize, usize, usize)] = &[
    (
        "Populism-Core-Argument-Argdown-Example.argdown",
        69,
        27,
        24,
        3,
    ),
    ("argdown-primer.argdown", 17, 4, 10, 3),
    ("core-test_intro.argdown", 12, 5, 7, 3),
    ("core-test_lexer-comment.argdown", 4, 1, 1, 0),
    ("core-test_lexer-emptyline-dedent.argdown", 4, 0, 2, 0),
    ("core-test_lexer-indentation.argdown", 10, 0, 8, 0),
    (
        "core-test_lexer-token-locations-first-line-empty.argdown",
        1,
        0,
        0,
        0,
    ),
    ("core-test_lexer-windows-line-endings.argdown", 4, 1, 1, 0),
    ("core-test_model-escaped-chars.argdown", 1, 0, 0, 0),
    ("core-test_parser-arguments.argdown", 10, 4, 3, 0),
    ("core-test_parser-mix.argdown", 29, 2, 15, 2),
    ("core-test_veggie_debate.argdown", 25, 22, 58, 13),
    ("docs_a-first-example_contradiction.argdown", 4, 1, 1, 0),
    (
        "docs_colorizing-maps_all-relation-types.argdown",
        4,
        4,
        6,
        0,
    ),
    ("docs_elements-of-an-argument-map.argdown", 1, 3, 3, 2),
    ("docs_syntax_equivalence-class.argdown", 3, 2, 0, 0),
    ("docs_syntax_strict-inconsistency.argdown", 4, 2, 2, 0),
    ("docs_syntax_teleological-proof.argdown", 5, 1, 0, 0),
    ("greenspan-schefczyk_hardwrap.argdown", 36, 6, 5, 2),
    ("legalisation-softdrugs.argdown", 1, 17, 19, 0),
    ("semmelweis_betz.argdown", 32, 10, 6, 6),
    ("state-censorship.argdown", 28, 7, 4, 0),
    ("vscode-test_argdown.ad", 1, 1, 1, 0),
];

/// The samples the reference parser rejects (their README says how), and
/// the diagnostic argmap gives each; `None`: read anyway, like the reference
/// parser, which reports the missing empty line after the front matter but
/// builds the model.
const ARGDOWN_BAD: &[(&str, Option<&str>)] = &[
    // The Argdown+ dialect.
    ("argdown-plus-quickstart.argdown", Some("E0748")),
    // `-----` / text / `-----`: no conclusion between two inference lines.
    ("argvu-demo.argdown", Some("E0745")),
    // A paragraph that starts with a relation.
    (
        "core-test_lexer-relation-after-emptyline.argdown",
        Some("E0742"),
    ),
    ("core-test_lexer-relations.argdown", Some("E0742")),
    // `<A>(1): Text`: text after an argument reference.
    (
        "core-test_lexer-statements-by-number.argdown",
        Some("E0746"),
    ),
    ("docs_syntax_undercut-first-step.argdown", None),
];

fn read_argdown(path: &Path) -> (Source, Result<argmap::Parsed, argmap::Diagnostics>) {
    let src = Source::read(path).unwrap();
    assert_eq!(
        argmap::formats::detect(Some(path), src.text()),
        argmap::formats::Format::Argdown
    );
    let parsed = argmap::formats::read(&src, argmap::formats::Format::Argdown, &Default::default());
    (src, parsed)
}

#[test]
fn every_argdown_sample_imports_and_checks_with_the_reference_parsers_counts() {
    let Some(dir) = samples() else { return };
    let dir = dir.join("argdown");
    for &(file, statements, arguments, relations, sections) in ARGDOWN_COUNTS {
        let (src, parsed) = read_argdown(&dir.join(file));
        let o = argmap::formats::argdown::outline(&src)
            .unwrap_or_else(|d| panic!("{file}: {}", d.short(&src)));
        assert_eq!(o.statements.len(), statements, "{file}: statements");
        assert_eq!(o.arguments.len(), arguments, "{file}: arguments");
        assert_eq!(o.relations.len(), relations, "{file}: relations");
        assert_eq!(o.sections.len(), sections, "{file}: sections");
        let parsed = parsed.unwrap_or_else(|d| panic!("{file}: {}", d.short(&src)));
        let v = argmap::validate(parsed).unwrap_or_else(|d| panic!("{file}: {}", d.short(&src)));
        let g = argmap::build(&v);
        let m = g.model();
        // Every statement is a node; an argument is a node (W0708) or edges.
        assert!(m.nodes.len() >= statements, "{file}");
        let claims = v.warnings.codes().contains(&"W0708");
        let reconstructed = o.arguments.iter().filter(|a| a.1).count();
        assert_eq!(
            m.nodes.len() > statements,
            claims,
            "{file}: arguments read as claims iff W0708"
        );
        assert!(m.edges.len() >= reconstructed, "{file}");
        // Neutral defaults, said once.
        assert_eq!(
            v.warnings.codes().iter().filter(|c| **c == "W0701").count(),
            1,
            "{file}"
        );
        let e = argmap::evaluate(&g, argmap::SemanticsKind::default(), &Default::default())
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(
            e.strengths.iter().all(|s| (0.0..=1.0).contains(s)),
            "{file}"
        );
    }
    for &(file, code) in ARGDOWN_BAD {
        let (src, parsed) = read_argdown(&dir.join(file));
        match (code, parsed) {
            (Some(code), Err(d)) => {
                assert!(d.codes().contains(&code), "{file}: {}", d.short(&src));
                // At a line and column.
                assert!(d.0.iter().all(|x| x.span.is_some()), "{file}");
            }
            (None, Ok(p)) => {
                argmap::validate(p).unwrap_or_else(|d| panic!("{file}: {}", d.short(&src)));
            }
            (want, got) => panic!(
                "{file}: expected {want:?}, got {:?}",
                got.err().map(|d| d.short(&src))
            ),
        }
    }
    let all = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(
        ARGDOWN_COUNTS.len() + ARGDOWN_BAD.len(),
        all,
        "a sample is neither counted nor bad"
    );
}

#[test]
fn small_argdown_samples_map_as_counted_by_hand() {
    let Some(dir) = samples() else { return };
    let model = |file: &str| {
        let (src, parsed) = read_argdown(&dir.join("argdown").join(file));
        let v = argmap::validate(parsed.unwrap_or_else(|d| panic!("{}", d.short(&src))))
            .unwrap_or_else(|d| panic!("{}", d.short(&src)));
        (argmap::build_owned(v).model().clone(), ())
    };
    let kinds = |m: &ArgumentGraph| {
        let n = |k| m.edges.iter().filter(|e| e.kind() == k).count();
        (
            n(argmap::EdgeKind::Support),
            n(argmap::EdgeKind::Attack),
            n(argmap::EdgeKind::Undercut),
        )
    };
    // A +B -C (<+D (<-E (+>F))) ->G ; H -I -J (K continues J's text): 10
    // statements, each relation one edge: supports B>A, D>C, E>F; attacks
    // C>A, E>D, A>G, I>H, J>H. H starts no inference and has the most edges
    // into it among F, G, H.
    let (m, _) = model("core-test_lexer-indentation.argdown");
    assert_eq!((m.nodes.len(), kinds(&m)), (10, (3, 5, 0)));
    assert_eq!(m.conclusion, "Untitled_8");
    assert!(m.nodes.iter().any(|n| n.text == "J K"));
    // Four arguments without premise-conclusion structure (claims) and four
    // statements: a2 attacks, a3 supports, a4 undercuts a1 (a claim: read as
    // an attack); s2 attacks (contrary), s3 supports (entails), s4
    // contradicts s1 (an attack each way): 8 nodes, 2 supports, 5 attacks.
    let (m, _) = model("docs_colorizing-maps_all-relation-types.argdown");
    assert_eq!((m.nodes.len(), kinds(&m)), (8, (2, 5, 0)));
    // Two one-step arguments joined by the equivalence class t1: s1 -> t1 ->
    // s4, two supports; 3 statements.
    let (m, _) = model("docs_syntax_equivalence-class.argdown");
    assert_eq!((m.nodes.len(), kinds(&m)), (3, (2, 0, 0)));
    assert_eq!(m.edges[0].data().id.as_deref(), Some("a"));
    // One argument in two steps: (1),(2) => (3); (3),(4) => (5) God: two
    // linked supports; 5 statements (two titled and referenced, three
    // untitled ... in the structure, of which (1) and (5) are references).
    let (m, _) = model("docs_syntax_teleological-proof.argdown");
    assert_eq!((m.nodes.len(), kinds(&m)), (5, (2, 0, 0)));
    assert!(m.edges.iter().all(|e| e.data().from.len() == 2));
    assert_eq!(m.conclusion, "God");
    // <a> in two steps, its first undercut by <b> (whose conclusion s8
    // undercuts it): 8 statements, 3 linked supports, 1 undercut of a_step1.
    let (m, _) = model("docs_syntax_undercut-first-step.argdown");
    assert_eq!((m.nodes.len(), kinds(&m)), (8, (3, 0, 1)));
    let u = m
        .edges
        .iter()
        .find(|e| e.kind() == argmap::EdgeKind::Undercut)
        .unwrap();
    assert_eq!(
        (u.data().from.as_slice(), u.data().to.as_str()),
        (&["Untitled_8".to_string()][..], "a_step1")
    );
    // `[A]: \[text\] text`: the escapes undone.
    let (m, _) = model("core-test_model-escaped-chars.argdown");
    assert_eq!(m.nodes[0].text, "[text] text");
}

#[test]
fn argdown_samples_read_as_the_reference_parser_reads_them() {
    let Some(cli) = argdown_cli() else { return };
    let Some(dir) = samples() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let (inp, out) = (tmp.path().join("in"), tmp.path().join("out"));
    std::fs::create_dir_all(&inp).unwrap();
    let mut files = vec![];
    for e in std::fs::read_dir(dir.join("argdown")).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_str().unwrap().to_string();
        let stem = p.file_stem().unwrap().to_str().unwrap().to_string();
        std::fs::copy(&p, inp.join(format!("{stem}.argdown"))).unwrap();
        files.push((name, stem));
    }
    // One run over every file (the parser starts slowly); it skips the
    // export of a file with syntax errors (and then exits with 1).
    std::process::Command::new(&cli)
        .arg("json")
        .arg(inp.join("*.argdown"))
        .arg(&out)
        .output()
        .unwrap();
    let mut compared = 0;
    for (name, stem) in &files {
        let Ok(json) = std::fs::read_to_string(out.join(format!("{stem}.json"))) else {
            // No model: one of the bad samples that argmap refuses too.
            assert!(
                ARGDOWN_BAD.iter().any(|(f, c)| f == name
                    && (c.is_some() || *f == "docs_syntax_undercut-first-step.argdown")),
                "{name}: the reference parser rejects it"
            );
            continue;
        };
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        let keys = |k: &str| -> Vec<String> {
            let mut v: Vec<String> = v[k].as_object().unwrap().keys().cloned().collect();
            v.sort();
            v
        };
        let src = Source::read(&dir.join("argdown").join(name)).unwrap();
        let o = argmap::formats::argdown::outline(&src)
            .unwrap_or_else(|d| panic!("{name}: {}", d.short(&src)));
        let mut st = o.statements.clone();
        st.sort();
        let mut ar: Vec<String> = o.arguments.iter().map(|a| a.0.clone()).collect();
        ar.sort();
        assert_eq!(st, keys("statements"), "{name}");
        assert_eq!(ar, keys("arguments"), "{name}");
        // The relations by kind (contrary and entails are Argdown's names
        // for an attack and a support between statements in strict mode).
        let mut want = std::collections::BTreeMap::new();
        for r in v["relations"].as_array().unwrap() {
            let k = match r["relationType"].as_str().unwrap() {
                "contrary" => "attack",
                "entails" => "support",
                k => k,
            };
            *want.entry(k.to_string()).or_insert(0) += 1;
        }
        let mut got = std::collections::BTreeMap::new();
        for r in &o.relations {
            *got.entry(r.2.to_string()).or_insert(0) += 1;
        }
        assert_eq!(got, want, "{name}");
        // The recorded table holds these numbers.
        let row = ARGDOWN_COUNTS.iter().find(|r| r.0 == name).expect(name);
        assert_eq!(
            (row.1, row.2, row.3),
            (st.len(), ar.len(), o.relations.len()),
            "{name}"
        );
        // Arguments with a premise-conclusion structure.
        for (title, has_pcs) in &o.arguments {
            let pcs = v["arguments"][title.as_str()]["pcs"]
                .as_array()
                .is_some_and(|p| !p.is_empty());
            assert_eq!(pcs, *has_pcs, "{name}: <{title}>");
        }
        compared += 1;
    }
    assert_eq!(compared, ARGDOWN_COUNTS.len());
}

#[test]
fn malformed_argdown_gives_every_problem_with_its_position_and_a_fix() {
    let read = |text: &str| {
        let src = Source::new("bad.argdown", text);
        let d = argmap::formats::read(&src, argmap::formats::Format::Argdown, &Default::default())
            .err()
            .unwrap_or_else(|| panic!("accepted: {text}"));
        assert!(d.0.iter().all(|x| !x.help.is_empty()), "{}", d.short(&src));
        d.short(&src)
    };
    // Everything at once, each at its line and column.
    let all = read(
        "[A: the bracket is never closed\n\n[B]: b\n  + [C]: c\n    - [D]: d\n + [E]: e\n\n+ [F]: no parent\n\n[G]: g {base: 0.7, weight: }\n[H]: h {base: [0.1, 0.2}\n",
    );
    for want in [
        "bad.argdown:1:1: error[E0741]",
        "bad.argdown:6:2: error[E0743]",
        "bad.argdown:8:1: error[E0742]",
        "bad.argdown:11:24: error[E0744]",
    ] {
        assert!(all.contains(want), "{want} in\n{all}");
    }
    assert!(read("===\ntitle: x\n\n[A]: a\n").contains("bad.argdown:1:1: error[E0740]"));
    assert!(read("<A>\n\n(1) p\n(2) q\n").contains("error[E0745]"));
    assert!(read("<A>\n\n(1) p\n----\n").contains("error[E0745]"));
    assert!(read("[A]: a\n  +\n").contains("bad.argdown:2:3: error[E0742]"));
    assert!(read("[A]: a <!-- never closed\n").contains("error[E0741]"));
    assert!(read("[A] trailing text\n").contains("bad.argdown:1:5: error[E0746]"));
    assert!(read("<!-- a comment only -->\n").contains("error[E0747]"));
    // An empty document is an empty file, with what an Argdown file holds.
    assert!(
        read("\n").contains("bad.argdown: error[E0003]: the file is empty (help: an Argdown file")
    );
    // A value of the wrong type in the data: the map's own check, at its place.
    let src = Source::new("bad.argdown", "[A]: a {base: \"high\"}\n");
    let p =
        argmap::formats::read(&src, argmap::formats::Format::Argdown, &Default::default()).unwrap();
    let d = argmap::validate(p).unwrap_err();
    assert!(
        d.short(&src).contains("bad.argdown:1:15: error[E0104]"),
        "{}",
        d.short(&src)
    );
}

#[test]
fn argdown_reads_relations_wrapped_text_tags_data_and_sections() {
    let text = "===\r\ntitle: Bikes\r\nauthor: me\r\n===\r\n\r\n# Witness {group: w}\r\n\r\n[claim]: Sam took\r\nthe bike. #key {base: 0.6, kind: Claim}\r\n  + [seen]: Lee saw \\[him\\]. {base: 0.8, kind: Evidence, cite: {ref: Site visit}}\r\n  - <Alibi>: He was away. // a comment\r\n    _> <Witness>\r\n\r\n<Witness>\r\n\r\n(1) [seen]\r\n(2) [window]: The window faces the rack.\r\n-- Testimony --\r\n(3) [claim]\r\n";
    let src = Source::new("t.argdown", text);
    let p = argmap::formats::read(&src, argmap::formats::Format::Argdown, &Default::default())
        .unwrap_or_else(|d| panic!("{}", d.short(&src)));
    let warnings = p
        .diagnostics
        .codes()
        .iter()
        .map(|c| c.to_string())
        .collect::<Vec<_>>();
    let v = argmap::validate(p).unwrap_or_else(|d| panic!("{}", d.short(&src)));
    let m = argmap::build_owned(v).model().clone();
    assert_eq!(m.title, "Bikes");
    assert_eq!(m.conclusion, "claim");
    let claim = &m.nodes[0];
    assert_eq!(
        (claim.id.as_str(), claim.text.as_str(), claim.base),
        ("claim", "Sam took the bike.", 0.6)
    );
    assert_eq!(claim.tags, ["key"]);
    assert_eq!(claim.group.as_deref(), Some("w"));
    assert_eq!(m.groups[0].label.as_deref(), Some("Witness"));
    let seen = m.nodes.iter().find(|n| n.id == "seen").unwrap();
    assert_eq!(
        (seen.text.as_str(), seen.kind),
        ("Lee saw [him].", argmap::NodeKind::Evidence)
    );
    assert_eq!(seen.cite.as_ref().unwrap().reference, "Site visit");
    // The support `seen -> claim` of the relation tree and the reconstructed
    // <Witness> (linked: seen, window -> claim); the Alibi (an argument with
    // no premises: a claim) attacks the claim and undercuts <Witness>, whose
    // relation it is: an undercut of the Witness edge.
    let edge = |kind, to: &str| {
        m.edges
            .iter()
            .find(|e| e.kind() == kind && e.data().to == to)
            .map(|e| e.data().from.clone())
    };
    assert_eq!(
        edge(argmap::EdgeKind::Support, "claim"),
        Some(vec!["seen".to_string()])
    );
    assert!(
        m.edges
            .iter()
            .any(|e| e.data().id.as_deref() == Some("Witness")
                && e.data().from == ["seen", "window"])
    );
    assert_eq!(
        edge(argmap::EdgeKind::Undercut, "Witness"),
        Some(vec!["Alibi".to_string()])
    );
    assert_eq!(
        edge(argmap::EdgeKind::Attack, "claim"),
        Some(vec!["Alibi".to_string()])
    );
    // What was approximated and dropped is said: the argument read as a claim,
    // the front matter's author, the inference rule; the neutral base of the
    // nodes without one.
    for w in ["W0708", "W0710", "W0701"] {
        assert!(warnings.contains(&w.to_string()), "{w}: {warnings:?}");
    }
}

#[test]
fn the_readme_shows_the_real_analysis_of_an_argdown_file() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let at = readme
        .find("<!-- argdown-example")
        .expect("the README's Argdown example");
    let block = &readme[at..];
    let head = "$ argmap eval map.argdown\n";
    let start = block.find(head).unwrap() + head.len();
    let shown = &block[start..start + block[start..].find("```").unwrap()];
    let o = crate::argmap(&["eval", "tests/data/interop/map.argdown"]);
    assert!(o.status.success(), "{}", crate::stderr(&o));
    assert_eq!(crate::stdout(&o).trim_end(), shown.trim_end());
    // Bases and weights are given: no neutral-default warning.
    assert!(
        !crate::stderr(&o).contains("W0701"),
        "{}",
        crate::stderr(&o)
    );
    // What the README says of it.
    let o = crate::argmap(&["convert", "tests/data/interop/map.argdown", "-o", "-"]);
    let g = ArgumentGraph::from_ron(&crate::stdout(&o)).unwrap();
    let witness = g
        .edges
        .iter()
        .find(|e| e.data().id.as_deref() == Some("Witness"))
        .unwrap();
    assert_eq!(witness.data().from, ["Window", "Seen"]);
    assert!(
        g.edges
            .iter()
            .any(|e| e.kind() == argmap::EdgeKind::Undercut
                && e.data().from == ["Feud"]
                && e.data().to == "Witness")
    );
    assert_eq!(g.groups.len(), 2);
    // `--json` lists what an import approximated.
    let Some(dir) = samples() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("m.json");
    let f = dir.join("argdown/docs_colorizing-maps_all-relation-types.argdown");
    let o = crate::argmap(&[
        "convert",
        f.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--json",
    ]);
    assert!(o.status.success(), "{}", crate::stderr(&o));
    let report = crate::stdout(&o);
    assert!(
        report.contains("W0708") && report.contains("W0709"),
        "{report}"
    );
}

#[test]
fn ids_that_cannot_be_argdown_titles_travel_in_the_data() {
    // Valid argmap ids (E0213 refuses only white space, controls, `:`, `=`,
    // `,`) that would end or break an Argdown title.
    let ron = r#"ArgumentGraph(title: "odd", conclusion: "h]x", nodes: [
        Node(id: "h]x", kind: Claim, text: "H", base: 0.5),
        Node(id: "e<1>", kind: Evidence, text: "E", base: 0.6),
        Node(id: "-f#t//x", kind: Evidence, text: "F", base: 0.6),
        Node(id: "n1", kind: Claim, text: "N", base: 0.5),
    ], edges: [
        Support(id: "s>1", from: "e<1>", to: "h]x", weight: 0.8),
        Attack(id: "a]", from: ["-f#t//x", "n1"], to: "h]x"),
        Undercut(from: "n1", to: "s>1"),
    ])"#;
    let src = Source::new("odd.ron", ron);
    let g = argmap::build_owned(argmap::check(&src).unwrap());
    let text = argmap::formats::argdown::to_argdown_string(g.model());
    let back_src = Source::new("odd.argdown", text.as_str());
    let back = argmap::formats::argdown::parse(&back_src, &Default::default())
        .unwrap_or_else(|d| panic!("{}\n{text}", d.short(&back_src)));
    assert!(
        back.diagnostics.is_empty(),
        "{}",
        back.diagnostics.short(&back_src)
    );
    assert_eq!(back.graph, *g.model(), "{text}");
}
