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
