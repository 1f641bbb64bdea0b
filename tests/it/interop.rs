//! Interchange (issue 21): argmap's JSON model, AIF, Argdown, Kialo, GraphML
//! and the Dung formats; `argmap convert`; every reader behind every command.

use std::path::{Path, PathBuf};

use argmap::{ArgumentGraph, Source};

use crate::root;

/// Every `.ron` file under `graphs/` and `tests/data/`, sorted.
fn ron_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "ron") {
                out.push(p);
            }
        }
    }
    let mut v = vec![];
    walk(&root().join("graphs"), &mut v);
    walk(&root().join("tests/data"), &mut v);
    v.sort();
    v
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
        for (ext, to) in [("json", "json"), ("aif.json", "aif"), ("ron", "ron")] {
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
    std::fs::write(&bad, "1. T\n1.1. Maybe: x\n1.5.1. Con: y\n").unwrap();
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
