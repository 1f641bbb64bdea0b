//! `argmap whatif`, `contrib`, `flip`, `explain` and `test`, end to end: results
//! checked against independent `argmap eval` runs on edited copies of the file,
//! explanations whose printed arithmetic is redone here, expectations with their
//! exit codes, and snapshots of the human output on the bundled graphs.

use std::io::Write;

use argmap::semantics::{Params, Qbaf, SemanticsKind, evaluate};
use argmap::{ArgumentGraph, NodeKind, Players};

use crate::{argmap, bundled_graphs, stderr, stdout};

fn ok(args: &[&str]) -> String {
    let o = argmap(args);
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    stdout(&o)
}

fn json(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(args)).unwrap()
}

/// A copy of the graph file `path` with the nodes `ids` (and their edges) deleted
/// and `edit` applied, written to a temporary file: the independent route, with
/// no overlay involved.
fn edited(
    path: &str,
    ids: &[&str],
    edit: impl FnOnce(&mut ArgumentGraph),
) -> tempfile::NamedTempFile {
    let text = std::fs::read_to_string(crate::root().join(path)).unwrap();
    let mut g = ArgumentGraph::from_ron(&text).unwrap();
    g.nodes.retain(|n| !ids.contains(&n.id.as_str()));
    // A removed premise leaves its linked edges (which stand on the premises
    // left); an edge with no premise left, or into a removed node, goes, and
    // so do the undercuts of an edge that went (docs/semantics.md).
    for e in &mut g.edges {
        e.data_mut().from.retain(|x| !ids.contains(&x.as_str()));
    }
    let mut gone: Vec<String> = vec![];
    loop {
        let before = g.edges.len();
        g.edges.retain(|e| {
            let d = e.data();
            let keep = !d.from.is_empty()
                && if e.kind() == argmap::EdgeKind::Undercut {
                    !gone.contains(&d.to)
                } else {
                    !ids.contains(&d.to.as_str())
                };
            if !keep && let Some(id) = &d.id {
                gone.push(id.clone());
            }
            keep
        });
        if g.edges.len() == before {
            break;
        }
    }
    edit(&mut g);
    let mut f = tempfile::Builder::new().suffix(".ron").tempfile().unwrap();
    f.write_all(g.to_ron().as_bytes()).unwrap();
    f
}

/// `argmap eval FILE --json --node ID` → the node's strength.
fn eval_strength(file: &str, node: &str, extra: &[&str]) -> f64 {
    let mut args = vec!["eval", file, "--json", "--node", node];
    args.extend_from_slice(extra);
    json(&args)["node"]["strength"].as_f64().unwrap()
}

/// Removal equals the difference of two `eval` runs: the file as it is, and a
/// copy with the node deleted from the text. Every node of the Nixon diamond,
/// every evidence node of the paper map, each under two semantics.
#[test]
fn removal_equals_two_eval_runs() {
    for (file, players) in [
        ("graphs/nixon_diamond.ron", "all"),
        ("graphs/sino_russian_distrust.ron", "evidence"),
    ] {
        for sem in ["quadratic-energy", "euler-based"] {
            let c = json(&[
                "contrib",
                file,
                "--players",
                players,
                "--semantics",
                sem,
                "--json",
            ]);
            let topic = c["topic"].as_str().unwrap().to_string();
            assert_eq!(c["method"], "removal");
            let before = eval_strength(file, &topic, &["--semantics", sem]);
            let values = c["contributions"].as_object().unwrap();
            assert!(values.len() >= 10);
            for (id, v) in values {
                let f = edited(file, &[id.as_str()], |_| {});
                let after =
                    eval_strength(f.path().to_str().unwrap(), &topic, &["--semantics", sem]);
                let want = before - after;
                assert!(
                    (v.as_f64().unwrap() - want).abs() < 1e-12,
                    "{file} {sem} {id}: contrib {v}, eval difference {want}"
                );
            }
        }
    }
}

/// `whatif` agrees with `eval` on an edited copy: removing a group, setting a
/// base, setting a weight.
#[test]
fn whatif_equals_eval_of_edited_file() {
    let file = "graphs/nixon_diamond.ron";
    let w = json(&["whatif", file, "--remove-group", "record", "--json"]);
    let removed: Vec<&str> = w["removed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        removed,
        [
            "c_record",
            "e_navy_service",
            "e_cambodia_1970",
            "e_paris_accords"
        ]
    );
    let f = edited(file, &removed, |_| {});
    let path = f.path().to_str().unwrap();
    let after = eval_strength(path, "h_pacifist", &[]);
    assert!((w["after"].as_f64().unwrap() - after).abs() < 1e-12);
    // The file's own description: without the record, the pure diamond leaves the
    // conclusion exactly at its prior 0.5.
    assert!((after - 0.5).abs() < 1e-12);
    for c in w["changed"].as_array().unwrap() {
        let id = c["id"].as_str().unwrap();
        assert!((c["after"].as_f64().unwrap() - eval_strength(path, id, &[])).abs() < 1e-12);
    }

    let file = "graphs/car_free_centre.ron";
    let w = json(&[
        "whatif",
        file,
        "--set-base",
        "e_no2_limit=0.3",
        "--set-weight",
        "c_air_quality:h_ban_cars=1",
        "--json",
    ]);
    let f = edited(file, &[], |g| {
        g.nodes
            .iter_mut()
            .find(|n| n.id == "e_no2_limit")
            .unwrap()
            .base = 0.3;
        for e in &mut g.edges {
            let d = e.data().clone();
            if d.from == ["c_air_quality"] && d.to == "h_ban_cars" {
                *e = argmap::Edge::new(e.kind(), argmap::EdgeData { weight: 1.0, ..d });
            }
        }
    });
    let after = eval_strength(f.path().to_str().unwrap(), "h_ban_cars", &[]);
    assert!((w["after"].as_f64().unwrap() - after).abs() < 1e-12);
    assert!(w["removed"].as_array().unwrap().is_empty());
}

/// Unknown ids, tags, groups and edges, and malformed values: exit 2 with the
/// closest name.
#[test]
fn scenario_errors_are_usage_errors() {
    let f = "graphs/nixon_diamond.ron";
    for (args, msg) in [
        (
            vec!["whatif", f, "--remove", "c_recrod"],
            "error: no node `c_recrod` in this graph (did you mean `c_record`?)\n",
        ),
        (
            vec!["whatif", f, "--remove-group", "recod"],
            "error: no group `recod` in this graph (did you mean `record`?)\n",
        ),
        (
            vec!["whatif", f, "--remove-tag", "x"],
            "error: no node has the tag `x`\n",
        ),
        (
            vec!["whatif", f, "--set-base", "c_record=2"],
            "error: base score 2 for `c_record` is not in [0, 1]; give a number such as 0.25\n",
        ),
        (
            vec!["whatif", f, "--set-base", "c_record"],
            "error: --set-base expects ID=X with X a number in [0, 1] (e.g. e1=0.3), got `c_record`\n",
        ),
        (
            vec!["whatif", f, "--set-weight", "h_pacifist:c_record=1"],
            "error: no edge from `h_pacifist` to `c_record` (the edge goes the other way: swap FROM and TO)\n",
        ),
        (
            vec!["whatif", f],
            "error: nothing to change: give --remove, --remove-tag, --remove-group, --remove-edge, --set-base or --set-weight\n",
        ),
        (
            vec!["contrib", f, "--topic", "h_pacifst"],
            "error: --topic `h_pacifst`: no node has this id (did you mean `h_pacifist`?)\n",
        ),
    ] {
        let o = argmap(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(stderr(&o), msg, "{args:?}");
        assert!(stdout(&o).is_empty());
    }
}

/// The JSON shapes: one object per method, `{"topic", "method",
/// "contributions": {id: value}}`, in an array for `all`; sampled Shapley adds
/// `samples` and `error_bound`.
#[test]
fn contrib_json_shapes() {
    let f = "graphs/car_free_centre.ron";
    let one = ok(&["contrib", f, "--method", "gradient", "--json"]);
    assert!(one.starts_with("{\"topic\": \"h_ban_cars\", \"method\": \"gradient\", \"contributions\": {\"c_air_quality\": "));
    let all = json(&["contrib", f, "--method", "all", "--json"]);
    let methods: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["method"].as_str().unwrap())
        .collect();
    assert_eq!(
        methods,
        ["removal", "intrinsic-removal", "shapley", "gradient"]
    );
    for o in all.as_array().unwrap() {
        assert_eq!(o.as_object().unwrap().len(), 3);
        assert_eq!(o["contributions"].as_object().unwrap().len(), 16);
    }
    // Shapley over 16 exact players sums to σ(h) − τ(h).
    let s: f64 = all[2]["contributions"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_f64().unwrap())
        .sum();
    let strength = eval_strength(f, "h_ban_cars", &[]);
    assert!((s - (strength - 0.5)).abs() < 1e-12);

    let m = json(&[
        "contrib",
        "graphs/sino_russian_distrust.ron",
        "--method",
        "shapley",
        "--samples",
        "100",
        "--seed",
        "3",
        "--json",
    ]);
    assert_eq!(m["samples"], 100);
    assert!(m["error_bound"].as_f64().unwrap() > 0.0);
}

/// A tiny calculator for the explanations' arithmetic: numbers, + - × / ^,
/// parentheses, `e` and `ln(...)`.
struct Calc<'a> {
    s: &'a [u8],
    i: usize,
}

impl Calc<'_> {
    fn eval(text: &str) -> Option<f64> {
        let t = text.replace('×', "*");
        let mut c = Calc {
            s: t.as_bytes(),
            i: 0,
        };
        let v = c.expr()?;
        c.ws();
        (c.i == c.s.len()).then_some(v)
    }
    fn ws(&mut self) {
        while self.s.get(self.i) == Some(&b' ') {
            self.i += 1;
        }
    }
    fn peek(&mut self) -> Option<u8> {
        self.ws();
        self.s.get(self.i).copied()
    }
    fn expr(&mut self) -> Option<f64> {
        let mut v = self.term()?;
        while let Some(op @ (b'+' | b'-')) = self.peek() {
            self.i += 1;
            let r = self.term()?;
            v = if op == b'+' { v + r } else { v - r };
        }
        Some(v)
    }
    fn term(&mut self) -> Option<f64> {
        let mut v = self.unary()?;
        while let Some(op @ (b'*' | b'/')) = self.peek() {
            self.i += 1;
            let r = self.unary()?;
            v = if op == b'*' { v * r } else { v / r };
        }
        Some(v)
    }
    fn unary(&mut self) -> Option<f64> {
        if self.peek() == Some(b'-') {
            self.i += 1;
            return Some(-self.unary()?);
        }
        let b = self.atom()?;
        if self.peek() == Some(b'^') {
            self.i += 1;
            return Some(b.powf(self.unary()?));
        }
        Some(b)
    }
    fn atom(&mut self) -> Option<f64> {
        match self.peek()? {
            b'(' => {
                self.i += 1;
                let v = self.expr()?;
                (self.peek()? == b')').then(|| self.i += 1)?;
                Some(v)
            }
            b'e' => {
                self.i += 1;
                Some(std::f64::consts::E)
            }
            b'l' if self.s[self.i..].starts_with(b"ln(") => {
                self.i += 2;
                Some(self.atom()?.ln())
            }
            c if c.is_ascii_digit() => {
                let start = self.i;
                while self
                    .s
                    .get(self.i)
                    .is_some_and(|c| c.is_ascii_digit() || *c == b'.')
                {
                    self.i += 1;
                }
                std::str::from_utf8(&self.s[start..self.i])
                    .ok()?
                    .parse()
                    .ok()
            }
            _ => None,
        }
    }
}

/// Redoes every `<numbers> = <number>` step of an explanation; returns how many
/// steps were checked. Printed numbers have 4 decimals, so each step holds to
/// within a few units of the last place.
fn check_arithmetic(text: &str) -> usize {
    let mut checked = 0;
    for line in text.lines() {
        let parts: Vec<&str> = line.split(" = ").collect();
        if parts.len() < 2 {
            continue;
        }
        let last = parts[parts.len() - 1].trim();
        let Ok(value) = last.split_whitespace().next().unwrap_or("").parse::<f64>() else {
            continue;
        };
        // The numeric side: strip the label before it (e.g. "E", "attacks:  ...").
        let lhs = parts[parts.len() - 2];
        let lhs = lhs.rsplit("  ").next().unwrap().trim();
        if let Some(v) = Calc::eval(lhs) {
            assert!(
                (v - value).abs() < 6e-4,
                "`{line}`: {lhs} is {v}, not {value}\n{text}"
            );
            checked += 1;
        }
    }
    checked
}

/// The numbers add up on the page, for every semantics that accepts the graph,
/// on the conclusion and on the first claim with inputs of each bundled graph
/// (and of two fixtures: attacks only, for the attack-only semantics, and a
/// small df-quad graph); and the result is the node's evaluated strength.
#[test]
fn explanations_add_up() {
    let mut files = bundled_graphs();
    files.push(crate::data("whatif/attacks.ron"));
    files.push(crate::data("whatif/disagree.ron"));
    for path in files {
        let file = path.to_str().unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let g = ArgumentGraph::from_ron(&text).unwrap();
        // (A map whose evidence bears on the conclusion directly, such as the
        // teaching graph bike_theft.ron, has no such claim.)
        let claim = g
            .nodes
            .iter()
            .find(|n| {
                n.kind == NodeKind::Claim
                    && n.id != g.conclusion
                    && g.edges.iter().any(|e| e.data().to == n.id)
            })
            .map(|n| n.id.as_str());
        for sem in SemanticsKind::ALL {
            for node in std::iter::once(g.conclusion.as_str()).chain(claim) {
                let o = argmap(&["explain", file, "--node", node, "--semantics", sem.name()]);
                if o.status.code() == Some(1) {
                    continue; // the semantics refuses the graph (supports, weights)
                }
                assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
                let out = stdout(&o);
                let n = check_arithmetic(&out);
                assert!(n >= 3, "{file} {sem:?} {node}: only {n} steps\n{out}");
                let strength = out.lines().nth(1).unwrap().split(' ').nth(1).unwrap();
                let result = out
                    .lines()
                    .find_map(|l| l.strip_prefix("5. result: "))
                    .or_else(|| {
                        out.lines().find_map(|l| {
                            l.strip_prefix(
                                "2. nothing attacks or supports it, so its strength is its base: ",
                            )
                        })
                    })
                    .unwrap();
                assert_eq!(result, strength, "{file} {sem:?} {node}\n{out}");
            }
        }
    }
}

/// The recomputed result of every node equals its evaluated strength, on every
/// bundled graph under every semantics that accepts it: the explanation's
/// formulas are the solver's.
#[test]
fn explanation_results_match_the_evaluation() {
    for path in bundled_graphs() {
        let src = argmap::Source::read(&path).unwrap();
        let g = argmap::build(&argmap::check(&src).unwrap());
        let q = Qbaf::from_graph(&g);
        for kind in SemanticsKind::ALL {
            let p = Params::default();
            let Ok(e) = evaluate(&q, kind, &p) else {
                continue;
            };
            for v in 0..g.len() {
                let x = argmap::explain(&q, kind, &p, &e, v, &Players::Evidence.select(&g, v), 3)
                    .unwrap();
                assert!(
                    (x.result - e.strengths[v]).abs() < 1e-12,
                    "{} {kind:?} {}: {} vs {}",
                    path.display(),
                    g.id(v),
                    x.result,
                    e.strengths[v]
                );
                assert!(x.decisive.len() <= 3);
            }
        }
    }
}

/// Expectations: all pass (exit 0), some fail (exit 1) with a readable diff.
/// The numbers are worked out by hand in the fixtures' comments.
#[test]
fn expectations_pass_and_fail() {
    let o = argmap(&["test", "tests/data/expect/pass.ron"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).ends_with("\n4 passed, 0 failed\n"));
    insta::assert_snapshot!("test_pass", stdout(&o));

    let o = argmap(&["test", "tests/data/expect/fail.ron"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("          actual: 0.5283 (too low by 0.0717)\n"));
    assert!(out.contains("          actual: 0.7250 (too high by 0.0250)\n"));
    assert!(out.ends_with("\n1 passed, 3 failed\n"));
    insta::assert_snapshot!("test_fail", out);

    // A tag no node carries is refused by the checks (E0214) before any
    // expectation runs.
    let o = argmap(&["test", "tests/data/invalid/E0214_unknown_tag.ron"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("error[E0214]: removed tag `polls` is carried by no node"));

    // Both files: still exit 1; a missing file: exit 2.
    let o = argmap(&[
        "test",
        "tests/data/expect/pass.ron",
        "tests/data/expect/fail.ron",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).ends_with("\n5 passed, 3 failed\n"));
    let o = argmap(&["test", "tests/data/expect/none.ron"]);
    assert_eq!(o.status.code(), Some(2));
    // --semantics changes the default, not an expectation's own semantics.
    let o = argmap(&[
        "test",
        "tests/data/expect/pass.ron",
        "--semantics",
        "df-quad",
    ]);
    let out = stdout(&o);
    assert!(
        out.contains("s above 0.8900 and below 0.9100 (df-quad): 0.9000"),
        "{out}"
    );
    assert!(out.contains("h above 0.5000 (df-quad): 0.7250"), "{out}");
}

/// Snapshots of the human output on the bundled graphs.
#[test]
fn human_output_snapshots() {
    let paper = "graphs/sino_russian_distrust.ron";
    let nixon = "graphs/nixon_diamond.ron";
    let car = "graphs/car_free_centre.ron";
    let runs: Vec<(&str, Vec<&str>)> = vec![
        (
            "whatif_nixon_record",
            vec!["whatif", nixon, "--remove-group", "record"],
        ),
        (
            "whatif_car_exemptions",
            vec!["whatif", car, "--remove", "e_exemptions"],
        ),
        (
            "whatif_paper_not_allies",
            vec![
                "whatif",
                paper,
                "--remove",
                "e_not_allies,e_alignment_agreement",
            ],
        ),
        (
            "contrib_nixon_all",
            vec!["contrib", nixon, "--method", "all"],
        ),
        (
            "contrib_car_all_evidence",
            vec!["contrib", car, "--method", "all", "--players", "evidence"],
        ),
        (
            "contrib_paper_removal",
            vec!["contrib", paper, "--players", "evidence"],
        ),
        (
            "contrib_paper_shapley_sampled",
            vec![
                "contrib",
                paper,
                "--method",
                "shapley",
                "--players",
                "evidence",
                "--samples",
                "200",
            ],
        ),
        ("flip_nixon_all", vec!["flip", nixon, "--among", "all"]),
        (
            "flip_car",
            vec!["flip", car, "--among", "all", "--threshold", "0.52"],
        ),
        // A budget far above the search's 1.4 s of processor time (debug
        // build): the default 10 s of wall clock ran out once on a loaded
        // machine. The report does not mention the budget when it is not hit.
        ("flip_paper", vec!["flip", paper, "--time-budget", "600"]),
        (
            "flip_paper_all_6",
            vec![
                "flip",
                paper,
                "--among",
                "all",
                "--max-size",
                "6",
                "--time-budget",
                "120",
            ],
        ),
        ("explain_nixon", vec!["explain", nixon]),
        (
            "explain_car_dfquad",
            vec!["explain", car, "--semantics", "df-quad"],
        ),
        ("explain_paper", vec!["explain", paper]),
        (
            "explain_paper_partnership_euler",
            vec![
                "explain",
                paper,
                "--node",
                "c_partnership",
                "--semantics",
                "euler-based",
            ],
        ),
    ];
    for (name, args) in runs {
        insta::assert_snapshot!(name, ok(&args));
    }
}

/// Removing one premise of a linked edge leaves the edge on the premises left
/// (docs/semantics.md, issue 17: "`remove` of a premise removes it from its
/// linked edges"), and the report says so, since the change can be 0.
///
/// Hand calculation (quadratic energy, Potyka 2018: σ = τ + (1 − τ)·E²/(1 + E²)
/// for E > 0): `h` (base 0.5) has one linked support from `a` (0.6) and `b`
/// (0.9), weight 1. Its inference has base min(0.6, 0.9) = 0.6 and no
/// undercutters, so E = 0.6 and σ(h) = 0.5 + 0.5·0.36/1.36 = 0.63235.
/// Without `b`: min(0.6) = 0.6, the same 0.63235 (+0.0000). Without `a`:
/// min(0.9) = 0.9, σ(h) = 0.5 + 0.5·0.81/1.81 = 0.72376. Without both: the
/// edge is gone, σ(h) = 0.5 and nothing stands. `b` false instead (base 0):
/// min = 0, E = 0, σ(h) = 0.5.
#[test]
fn removing_a_co_premise_says_the_linked_edge_still_stands() {
    let mut f = tempfile::Builder::new().suffix(".ron").tempfile().unwrap();
    f.write_all(
        br#"ArgumentGraph(conclusion: "h", nodes: [
    Node(id: "h", kind: Claim, text: "H", base: 0.5),
    Node(id: "a", kind: Evidence, text: "A", base: 0.6, cite: (ref: "A 2020")),
    Node(id: "b", kind: Evidence, text: "B", base: 0.9, cite: (ref: "B 2020")),
], edges: [Support(id: "s", from: ["a", "b"], to: "h", weight: 1.0)])"#,
    )
    .unwrap();
    let p = f.path().to_str().unwrap();
    let after = |flags: &[&str]| {
        let v = json(&[&["whatif", p, "--json"], flags].concat());
        (v["before"].as_f64().unwrap(), v["after"].as_f64().unwrap())
    };
    let before = 0.5 + 0.5 * 0.36 / 1.36;
    let close = |a: f64, b: f64| assert!((a - b).abs() < 1e-12, "{a} != {b}");
    let (b0, a0) = after(&["--remove", "b"]);
    close(b0, before);
    close(a0, before);
    close(after(&["--remove", "a"]).1, 0.5 + 0.5 * 0.81 / 1.81);
    close(after(&["--remove", "a,b"]).1, 0.5);
    close(after(&["--set-base", "b=0"]).1, 0.5);

    let note = "note: the linked support s still stands on `a`: a removed premise leaves the \
                inference to the premises left (to ask what if `b` were false: --set-base b=0; \
                to drop the inference: --remove-edge s)\n";
    let text = ok(&["whatif", p, "--remove", "b"]);
    assert!(text.contains(note), "{text}");
    assert!(text.contains("h: 0.6324 -> 0.6324 (+0.0000)"), "{text}");
    let text = ok(&["whatif", p, "--remove", "a"]);
    assert!(
        text.contains("note: the linked support s still stands on `b`"),
        "{text}"
    );
    // The same in the JSON (and so in `argmap serve`'s what-if).
    let v = json(&["whatif", p, "--remove", "b", "--json"]);
    assert_eq!(
        v["still_standing"],
        serde_json::json!([{"edge": "s", "on": ["a"], "without": ["b"]}])
    );
    // Nothing left to stand on, or the edge removed itself: no note.
    for flags in [
        &["--remove", "a,b"][..],
        &["--remove", "b", "--remove-edge", "s"],
    ] {
        let text = ok(&[&["whatif", p], flags].concat());
        assert!(!text.contains("note:"), "{flags:?}: {text}");
        let v = json(&[&["whatif", p, "--json"], flags].concat());
        assert_eq!(v["still_standing"], serde_json::json!([]), "{flags:?}");
    }
}
