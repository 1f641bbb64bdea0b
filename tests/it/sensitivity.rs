//! `argmap sensitivity`: strengths under every semantics, the structure-only
//! baseline, the tornado and the Monte Carlo run, checked against hand
//! calculations (quadratic energy, Potyka 2018: σ = τ − τ·E²/(1 + E²) for E < 0).

use crate::{argmap, root, stdout};

fn json(args: &[&str]) -> serde_json::Value {
    let out = argmap(args);
    assert_eq!(out.status.code(), Some(0), "{}", crate::stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

/// `argmap sensitivity FILE --json ARGS...`, parsed.
fn sensitivity(file: &str, args: &[&str]) -> serde_json::Value {
    json(&[&["sensitivity", file, "--json"], args].concat())
}

/// `h` (base 0.5) attacked by evidence `e` (base 0.8, weight 0.5).
const ONE: &str = r#"ArgumentGraph(conclusion: "h", nodes: [
    Node(id: "h", kind: Claim, text: "H", base: 0.5),
    Node(id: "e", kind: Evidence, text: "E", base: 0.8, cite: (ref: "A 2020")RANGE),
], edges: [Attack(from: "e", to: "h", weight: 0.5WRANGE)])"#;

fn write(name: &str, range: &str, wrange: &str) -> String {
    let dir = root().join("target/test-sensitivity");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, ONE.replace("WRANGE", wrange).replace("RANGE", range)).unwrap();
    path.to_str().unwrap().to_string()
}

/// Quadratic energy for `h`: base τ, one attacker of input x.
fn qe(tau: f64, x: f64) -> f64 {
    tau - tau * x * x / (1.0 + x * x)
}

fn close(a: &serde_json::Value, b: f64) {
    let a = a.as_f64().unwrap();
    assert!((a - b).abs() < 1e-12, "{a} != {b}");
}

#[test]
fn strengths_baseline_and_tornado_match_a_hand_calculation() {
    let f = write("one.ron", "", "");
    let j = sensitivity(&f, &["--samples", "0"]);
    // The contract's keys.
    for k in [
        "topic",
        "threshold",
        "strengths",
        "baseline_without_evidence",
        "tornado",
        "monte_carlo",
    ] {
        assert!(j.get(k).is_some(), "missing {k}: {j}");
    }
    assert_eq!(j["topic"], "h");
    assert_eq!(j["threshold"], 0.5);
    close(&j["strengths"]["quadratic-energy"], qe(0.5, 0.4));
    // Without the evidence h keeps its base, under every semantics.
    for (_, v) in j["baseline_without_evidence"].as_object().unwrap() {
        close(v, 0.5);
    }
    // Attack-only semantics take this map (it has no supports): all nine.
    assert_eq!(j["strengths"].as_object().unwrap().len(), 9);
    let bar = |p: &str| {
        j["tornado"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["parameter"] == p)
            .unwrap_or_else(|| panic!("no bar {p}: {j}"))
            .clone()
    };
    // base e: 0.7 and 0.9; weight: 0.4 and 0.6; base h: 0.4 and 0.6.
    let b = bar("base e");
    close(&b["low"], qe(0.5, 0.5 * 0.7));
    close(&b["high"], qe(0.5, 0.5 * 0.9));
    let w = bar("weight e -> h");
    close(&w["low"], qe(0.5, 0.4 * 0.8));
    close(&w["high"], qe(0.5, 0.6 * 0.8));
    let h = bar("base h");
    close(&h["low"], qe(0.4, 0.4));
    close(&h["high"], qe(0.6, 0.4));
    // Largest swing first: base h moves it most.
    assert_eq!(j["tornado"][0]["parameter"], "base h");
    assert_eq!(j["monte_carlo"], serde_json::Value::Null);
}

#[test]
fn monte_carlo_uses_the_files_ranges_and_is_seeded() {
    // Ranges of width 0 everywhere: every draw is the strength itself.
    let f = write(
        "fixed.ron",
        ", base_range: (0.8, 0.8)",
        ", weight_range: (0.5, 0.5)",
    );
    let fixed_h = std::fs::read_to_string(&f)
        .unwrap()
        .replace("base: 0.5)", "base: 0.5, base_range: (0.5, 0.5))");
    std::fs::write(&f, fixed_h).unwrap();
    let j = sensitivity(&f, &["--samples", "50"]);
    let m = &j["monte_carlo"];
    assert_eq!(m["samples"], 50);
    for k in ["p05", "p50", "p95"] {
        close(&m[k], qe(0.5, 0.4));
    }
    close(&m["held"], 1.0);
    // The tornado moves to the ends of the file's range: nothing moves.
    for b in j["tornado"].as_array().unwrap() {
        assert_eq!(b["low"], b["high"], "{b}");
    }
    // Without ranges: the same seed gives the same draws, another seed others.
    let g = write("seeded.ron", "", "");
    let a = sensitivity(&g, &["--samples", "200", "--seed", "7"]);
    let b = sensitivity(&g, &["--samples", "200", "--seed", "7"]);
    let c = sensitivity(&g, &["--samples", "200", "--seed", "8"]);
    assert_eq!(a, b);
    assert_ne!(a["monte_carlo"]["p50"], c["monte_carlo"]["p50"]);
    // Every draw lies between the corners: base h in [0.4, 0.6], weight in
    // [0.4, 0.6], base e in [0.7, 0.9]; σ(h) rises with its base and falls with the
    // attack's input, so it is at least qe(0.4, 0.6·0.9) and at most qe(0.6, 0.4·0.7).
    let (lo, hi) = (qe(0.4, 0.6 * 0.9), qe(0.6, 0.4 * 0.7));
    for k in ["p05", "p50", "p95"] {
        let v = a["monte_carlo"][k].as_f64().unwrap();
        assert!(lo <= v && v <= hi, "{k} {v} outside [{lo}, {hi}]");
    }
    // A threshold above every draw (hi < 0.56): all stay at or below it, as h does.
    let d = sensitivity(&g, &["--samples", "100", "--threshold", "0.6"]);
    close(&d["monte_carlo"]["held"], 1.0);
    // One below every draw (lo > 0.31): all stay above it, as h does.
    let d = sensitivity(&g, &["--samples", "100", "--threshold", "0.3"]);
    close(&d["monte_carlo"]["held"], 1.0);
    let e = sensitivity(&g, &["--samples", "100", "--threshold", "0.45"]);
    let held = e["monte_carlo"]["held"].as_f64().unwrap();
    assert!(
        held > 0.0 && held < 1.0,
        "a threshold inside the spread: {held}"
    );
}

#[test]
fn a_bad_range_is_an_error_with_its_position() {
    let f = write("bad.ron", ", base_range: (0.9, 0.2)", "");
    let out = argmap(&["sensitivity", &f]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        crate::stderr(&out).contains("E0215"),
        "{}",
        crate::stderr(&out)
    );
}

#[test]
fn the_paper_map_has_no_structure_only_verdict_and_draws_a_chart() {
    let svg = root().join("target/test-sensitivity/paper.svg");
    std::fs::create_dir_all(svg.parent().unwrap()).unwrap();
    let j = json(&[
        "sensitivity",
        "graphs/sino_russian_distrust.ron",
        "--json",
        "--samples",
        "100",
        "-o",
        svg.to_str().unwrap(),
    ]);
    assert_eq!(j["topic"], "h_cordiality");
    let base = j["baseline_without_evidence"].as_object().unwrap();
    assert_eq!(base.len(), 6, "the six semantics that take supports");
    for (k, v) in base {
        let v = v.as_f64().unwrap();
        assert!((0.45..=0.55).contains(&v), "{k}: {v}");
    }
    let text = std::fs::read_to_string(&svg).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let labels: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    // The ten largest bars are labelled, the largest first.
    let first = j["tornado"][0]["parameter"].as_str().unwrap();
    assert!(labels.contains(&first), "{labels:?}");
    assert!(
        labels.iter().any(|l| l.starts_with("Monte Carlo")),
        "{labels:?}"
    );
}

#[test]
fn text_output_names_every_semantics_and_the_share() {
    let out = argmap(&[
        "sensitivity",
        "graphs/sino_russian_distrust.ron",
        "--samples",
        "100",
    ]);
    let text = stdout(&out);
    for k in [
        "quadratic-energy",
        "df-quad",
        "euler-based",
        "tornado:",
        "Monte Carlo: 100 draws",
        "keep the verdict",
    ] {
        assert!(text.contains(k), "{k}:\n{text}");
    }
}

/// A structured map (linked premises, undercuts, an undercut with linked
/// premises): the Monte Carlo run evaluates the inference nodes too. With
/// `--delta 0` every draw is the unperturbed map, so every percentile equals
/// the strength `eval` reports (before the fix, the run panicked on the
/// inference nodes).
#[test]
fn monte_carlo_on_a_structured_map_matches_eval() {
    let bike = "graphs/bike_theft.ron";
    let e = json(&["eval", bike, "--json"]);
    let strength = e["conclusion"]["strength"].as_f64().unwrap();
    for sem in ["quadratic-energy", "df-quad", "euler-based-top"] {
        let v = json(&[
            "sensitivity",
            bike,
            "--delta",
            "0",
            "--samples",
            "20",
            "--semantics",
            sem,
            "--json",
        ]);
        let s = v["strengths"][sem].as_f64().unwrap();
        let m = &v["monte_carlo"];
        for k in ["p05", "p50", "p95"] {
            close(&m[k], s);
        }
        if sem == "quadratic-energy" {
            close(&m["p50"], strength);
        }
    }
    // With the default ±0.1 the run completes and brackets the strength.
    let v = sensitivity(bike, &["--samples", "200"]);
    let m = &v["monte_carlo"];
    assert!(
        m["p05"].as_f64().unwrap() <= strength && strength <= m["p95"].as_f64().unwrap(),
        "{v}"
    );
}
