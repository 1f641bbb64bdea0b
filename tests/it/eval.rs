//! `argmap eval` and the `.bag` reader, end to end.

use crate::{argmap, stderr, stdout};

fn json(args: &[&str]) -> serde_json::Value {
    let o = argmap(args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap()
}

#[test]
fn human_output_snapshot() {
    // QDT example 4.1 (kcyras/QDT exampleQDT.ipynb): published a = 0.51875517241626,
    // b = 0.172413793103448, c = 0.625, which print as 0.5188, 0.1724, 0.6250.
    let o = argmap(&["eval", "tests/data/eval/qdt_example_4_1.ron"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("conclusion a: 0.5188 (base 0.5000, change +0.0188)\n"),
        "{out}"
    );
    insta::assert_snapshot!(out);
}

#[test]
fn json_shape_and_values() {
    let v = json(&["eval", "tests/data/eval/qdt_example_4_1.ron", "--json"]);
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(|k| k.as_str()).collect();
    // serde_json without preserve_order sorts keys; the order is checked on the text below.
    for k in [
        "semantics",
        "solver",
        "converged",
        "iterations",
        "residual",
        "conclusion",
        "strengths",
    ] {
        assert!(keys.contains(&k), "missing {k}");
    }
    assert_eq!(v["semantics"], "quadratic-energy");
    assert_eq!(v["solver"], "exact");
    assert_eq!(v["converged"], true);
    assert_eq!(v["iterations"], 0);
    assert_eq!(v["residual"], 0.0);
    assert_eq!(v["conclusion"]["id"], "a");
    // Published values (QDT example 4.1).
    let s = &v["strengths"];
    for (id, want) in [
        ("a", 0.51875517241626),
        ("b", 0.172413793103448),
        ("c", 0.625),
    ] {
        let got = s[id].as_f64().unwrap();
        assert!((got - want).abs() < 1e-12, "{id}: {got} vs {want}");
    }
    assert_eq!(v["conclusion"]["strength"], s["a"]);
    // Key order and strengths in file order, as documented.
    let o = argmap(&["eval", "tests/data/eval/qdt_example_4_1.ron", "--json"]);
    let text = stdout(&o);
    let pos = |k: &str| text.find(&format!("\"{k}\"")).unwrap();
    let order = [
        "semantics",
        "solver",
        "converged",
        "iterations",
        "residual",
        "conclusion",
        "strengths",
    ];
    assert!(order.windows(2).all(|w| pos(w[0]) < pos(w[1])), "{text}");
    let ids = [
        "\"a\": ", "\"b\": ", "\"c\": ", "\"d\": ", "\"e\": ", "\"f\": ",
    ];
    let strengths = &text[pos("strengths")..];
    let at: Vec<usize> = ids.iter().map(|i| strengths.find(i).unwrap()).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{text}");
}

#[test]
fn node_flag_shows_another_node() {
    let o = argmap(&["eval", "tests/data/eval/qdt_example_4_1.ron", "--node", "c"]);
    assert!(stdout(&o).starts_with("node c: 0.6250 (base 0.8500, change -0.2250)\n"));
    let v = json(&[
        "eval",
        "tests/data/eval/qdt_example_4_1.ron",
        "--node",
        "c",
        "--json",
    ]);
    assert_eq!(v["node"]["id"], "c");
    assert_eq!(v["conclusion"]["id"], "a");
    let o = argmap(&[
        "eval",
        "tests/data/eval/qdt_example_4_1.ron",
        "--node",
        "cc",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("did you mean `c`?"), "{}", stderr(&o));
}

#[test]
fn oscillating_cycle_exit_3_under_discrete_converges_under_continuous() {
    // Potyka KR 2018 3-cycle, bases 1, 0, 0 (A supports B, B supports C, C attacks A).
    let o = argmap(&[
        "eval",
        "tests/data/bag/cycle3.bag",
        "--semantics",
        "df-quad",
        "--solver",
        "discrete",
        "--max-iterations",
        "1000",
    ]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stdout(&o).is_empty(), "no unconverged iterate is printed");
    let err = stderr(&o);
    assert!(err.contains("df-quad did not converge: the discrete solver stopped after 1000 iterations with residual 1e0"), "{err}");
    assert!(err.contains("--solver continuous"), "{err}");
    // Hand calculation: at the fixed point A = 1 − C, B = A, C = B, so all are 1/2.
    let v = json(&[
        "eval",
        "tests/data/bag/cycle3.bag",
        "--semantics",
        "df-quad",
        "--solver",
        "continuous",
        "--json",
    ]);
    assert_eq!(v["solver"], "continuous");
    for id in ["A", "B", "C"] {
        assert!((v["strengths"][id].as_f64().unwrap() - 0.5).abs() < 1e-8);
    }
    // Auto falls back to the continuous model by itself.
    let v = json(&[
        "eval",
        "tests/data/bag/cycle3.bag",
        "--semantics",
        "df-quad",
        "--json",
    ]);
    assert_eq!(v["solver"], "continuous");
}

#[test]
fn time_budget_exceeded_is_exit_3() {
    let o = argmap(&[
        "eval",
        "tests/data/bag/cycle3.bag",
        "--semantics",
        "df-quad",
        "--solver",
        "discrete",
        "--max-iterations",
        "1000000000",
        "--time-budget",
        "0.05",
    ]);
    assert_eq!(o.status.code(), Some(3));
    assert!(
        stderr(&o).contains("exceeded its time budget of 0.05 s"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn refusals_exit_1_with_the_reason() {
    let o = argmap(&[
        "eval",
        "tests/data/eval/heavy_weight.ron",
        "--semantics",
        "df-quad",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("df-quad needs edge weights <= 1 (product aggregation), but the edge `e` -> `h` has weight 2"), "{}", stderr(&o));
    let o = argmap(&[
        "eval",
        "tests/data/eval/heavy_weight.ron",
        "--semantics",
        "weighted-h-categorizer",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("weighted-h-categorizer is attack-only, but `e` supports `h`"),
        "{}",
        stderr(&o)
    );
    // Sum aggregation takes it. Hand calculation: E = 2·0.5 − 0.5 = 0.5,
    // σ(h) = 0.5 + 0.5·0.25/1.25 = 0.6.
    let v = json(&["eval", "tests/data/eval/heavy_weight.ron", "--json"]);
    assert!((v["conclusion"]["strength"].as_f64().unwrap() - 0.6).abs() < 1e-15);
}

#[test]
fn bad_flags_are_usage_errors() {
    let o = argmap(&[
        "eval",
        "tests/data/eval/qdt_example_4_1.ron",
        "--semantics",
        "df-qad",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let o = argmap(&[
        "eval",
        "tests/data/eval/qdt_example_4_1.ron",
        "--epsilon",
        "-1",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn bag_edemocracy_reproduces_rago_et_al() {
    // Rago et al. KR 2016 e-democracy example; DF-QuAD outputs printed in Uncertainpy's
    // gradual_argumentation_examples.ipynb: A1 0.862, A2 0.85, P2 0.08.
    let v = json(&[
        "eval",
        "tests/data/bag/edemocracy.bag",
        "--semantics",
        "df-quad",
        "--json",
    ]);
    assert_eq!(
        v["conclusion"]["id"], "A1",
        "first declared (two arguments have no outgoing edge)"
    );
    for (id, want) in [("A1", 0.862), ("A2", 0.85), ("P2", 0.08)] {
        assert!(
            (v["strengths"][id].as_f64().unwrap() - want).abs() < 1e-12,
            "{id}"
        );
    }
}

#[test]
fn bag_without_dots_with_weights_and_two_statements_a_line() {
    // Hand calculation (df-quad): v_sup = 0.5·0.8 = 0.4, v_att = 0.6, σ(h) = 0.5 − 0.5·0.2 = 0.4.
    let v = json(&[
        "eval",
        "tests/data/bag/loose.bag",
        "--semantics",
        "df-quad",
        "--json",
    ]);
    assert_eq!(
        v["conclusion"]["id"], "h",
        "the only argument that attacks or supports nothing"
    );
    assert!((v["strengths"]["h"].as_f64().unwrap() - 0.4).abs() < 1e-15);
}

#[test]
fn bad_bag_lines_are_diagnostics_with_positions() {
    let o = argmap(&["eval", "tests/data/bag/bad.bag"]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!(stderr(&o));
    // The library reports the same problems as data.
    let src = argmap::Source::read(std::path::Path::new("tests/data/bag/bad.bag")).unwrap();
    let d = argmap::formats::bag::parse(&src)
        .and_then(argmap::validate)
        .unwrap_err();
    assert_eq!(
        d.codes(),
        [
            "E0501", "E0502", "E0503", "E0503", "E0504", "E0505", "E0504", "E0204", "E0202"
        ]
    );
    // A file with no statement at all.
    let src = argmap::Source::new("x.bag", "% only a comment\n");
    assert_eq!(
        argmap::formats::bag::parse(&src).unwrap_err().codes(),
        ["E0506"]
    );
}

#[test]
fn bag_garbage_never_panics() {
    let pieces = [
        "arg", "att", "sup", "(", ")", ",", ".", "a", "b", "0.5", "1e400", "NaN", " ", "\n", "%",
        "#", "é", "(,)",
    ];
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..3000 {
        let mut text = String::new();
        for _ in 0..12 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            text.push_str(pieces[(x % pieces.len() as u64) as usize]);
        }
        let src = argmap::Source::new("fuzz.bag", text);
        if let Ok(v) = argmap::formats::bag::parse(&src).and_then(argmap::validate) {
            let g = argmap::build(&v);
            let _ = argmap::evaluate(
                &g,
                argmap::SemanticsKind::DfQuad,
                &argmap::Params::default(),
            );
        }
    }
}

#[test]
fn json_exact_text() {
    // Hand calculation (quadratic energy): E(h) = 0.5·0.8 − 0.6 = −0.2,
    // σ(h) = 0.5 − 0.5·0.04/1.04 = 25/52.
    let o = argmap(&["eval", "tests/data/bag/loose.bag", "--json"]);
    assert_eq!(
        stdout(&o),
        "{\"semantics\": \"quadratic-energy\", \"solver\": \"exact\", \"converged\": true, \"iterations\": 0, \"residual\": 0.0, \"conclusion\": {\"id\": \"h\", \"strength\": 0.4807692307692308}, \"strengths\": {\"h\": 0.4807692307692308, \"e\": 0.8, \"x\": 0.6}}\n"
    );
    // With --node, that node alone in `strengths` (issue 16).
    let o = argmap(&["eval", "tests/data/bag/loose.bag", "--json", "--node", "e"]);
    assert_eq!(
        stdout(&o),
        "{\"semantics\": \"quadratic-energy\", \"solver\": \"exact\", \"converged\": true, \"iterations\": 0, \"residual\": 0.0, \"conclusion\": {\"id\": \"h\", \"strength\": 0.4807692307692308}, \"node\": {\"id\": \"e\", \"strength\": 0.8}, \"strengths\": {\"e\": 0.8}}\n"
    );
    assert_eq!(25.0f64 / 52.0, 0.4807692307692308);
}
