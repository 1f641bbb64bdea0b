//! The conventions every command follows (docs/conventions.md, issue 16):
//! streams, exit codes, the same flag names, warnings everywhere, `test
//! --json`, `eval --node` and `eval --semantics all`. Each runs the real
//! binary.

use std::path::{Path, PathBuf};

use crate::{argmap, stderr, stdout};

/// A map with a lint warning: `weight: 7` (W0306), meant as 0.7.
const WEIGHT_7: &str = r#"ArgumentGraph(
    title: "A weight of 7",
    conclusion: "h",
    nodes: [
        Node(id: "h", kind: Claim, text: "The claim.", base: 0.5),
        Node(id: "e1", kind: Evidence, text: "For.", base: 0.8, cite: (ref: "A")),
        Node(id: "e2", kind: Evidence, text: "Against.", base: 0.6, cite: (ref: "B")),
    ],
    edges: [
        Support(from: "e1", to: "h", weight: 7),
        Attack(from: "e2", to: "h", weight: 0.5),
    ],
)
"#;

/// A clean map with a cycle a → b → c → a (every node of base 0.5 attacks the
/// next): the discrete solver with one iteration cannot settle (exit 3). An
/// expectation so that `test` evaluates it.
const CYCLE: &str = r#"ArgumentGraph(
    title: "A cycle",
    conclusion: "a",
    nodes: [
        Node(id: "a", kind: Claim, text: "A.", base: 0.5),
        Node(id: "b", kind: Claim, text: "B.", base: 0.5),
        Node(id: "c", kind: Claim, text: "C.", base: 0.5),
        Node(id: "e", kind: Evidence, text: "E.", base: 0.9, cite: (ref: "R")),
    ],
    edges: [
        Attack(from: "b", to: "a"),
        Attack(from: "c", to: "b"),
        Attack(from: "a", to: "c"),
        Support(from: "e", to: "a"),
    ],
    expect: [Expect(above: 0.1)],
)
"#;

/// A file with an error (an edge to an unknown node, E0202).
const BROKEN: &str = "tests/data/invalid/E0202_unknown_id.ron";
const GOOD: &str = "graphs/nixon_diamond.ron";
/// [`WEIGHT_7`] with the weight meant (no warning), for the commands that
/// name its nodes.
fn clean(dir: &Path) -> PathBuf {
    write(
        dir,
        "clean.ron",
        &WEIGHT_7.replace("weight: 7", "weight: 0.7"),
    )
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// The commands that read one argument file, with the arguments each needs
/// besides the file (`render` writes into `out`).
fn commands(out: &Path) -> Vec<Vec<String>> {
    let svg = out.join("map.svg").display().to_string();
    [
        vec!["eval"],
        vec!["whatif", "--remove", "e2"],
        vec!["contrib"],
        vec!["flip"],
        vec!["explain"],
        vec!["test"],
        vec!["dot"],
        vec!["render", "--engine", "embedded", "-o", &svg],
        vec!["extensions"],
    ]
    .into_iter()
    .map(|v| v.into_iter().map(String::from).collect())
    .collect()
}

/// `argmap CMD FILE REST... EXTRA...`.
fn run(cmd: &[String], file: &str, extra: &[&str]) -> std::process::Output {
    let mut args: Vec<&str> = vec![cmd[0].as_str(), file];
    args.extend(cmd[1..].iter().map(String::as_str));
    args.extend(extra);
    argmap(&args)
}

#[test]
fn requested_output_goes_to_stdout_diagnostics_to_stderr() {
    // check --format json: the array on stdout, nothing else there.
    let out = argmap(&["check", "--format", "json", BROKEN]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON on stdout");
    assert_eq!(v[0]["code"], "E0202");
    // --json is the same.
    assert_eq!(stdout(&argmap(&["check", "--json", BROKEN])), stdout(&out));
    // --format short: one line on stdout.
    let out = argmap(&["check", "--format", "short", BROKEN]);
    assert!(stdout(&out).contains("error[E0202]"), "{}", stdout(&out));
    // The human report is for a person: standard error, stdout empty.
    let out = argmap(&["check", BROKEN]);
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).contains("error[E0202]"));
    // extensions --format json (and its old spelling) on a broken RON file.
    for flag in ["--format", "--diagnostic-format"] {
        let out = argmap(&["extensions", BROKEN, flag, "json"]);
        assert_eq!(out.status.code(), Some(1));
        let v: serde_json::Value =
            serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{flag}: {e}"));
        assert_eq!(v[0]["code"], "E0202", "{flag}");
    }
    // A map with warnings: the JSON on stdout parses, the warning is on stderr.
    let dir = tempfile::tempdir().unwrap();
    let w7 = write(dir.path(), "w7.ron", WEIGHT_7);
    let out = argmap(&["eval", w7.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let _: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert!(stderr(&out).contains("warning[W0306]"), "{}", stderr(&out));
}

#[test]
fn every_command_exits_0_1_2_as_documented() {
    let dir = tempfile::tempdir().unwrap();
    let good = clean(dir.path());
    let good = good.to_str().unwrap();
    for cmd in commands(dir.path()) {
        let ok = run(&cmd, good, &[]);
        assert!(!stderr(&ok).contains("warning"), "{cmd:?}: {}", stderr(&ok));
        // `test` on a file without expectations passes (0 passed, 0 failed).
        assert_eq!(ok.status.code(), Some(0), "{cmd:?}: {}", stderr(&ok));
        let bad = run(&cmd, BROKEN, &[]);
        assert_eq!(bad.status.code(), Some(1), "{cmd:?}: {}", stderr(&bad));
        let missing = run(&cmd, "no/such/file.ron", &[]);
        assert_eq!(
            missing.status.code(),
            Some(2),
            "{cmd:?}: {}",
            stderr(&missing)
        );
        let usage = run(&cmd, good, &["--no-such-flag"]);
        assert_eq!(usage.status.code(), Some(2), "{cmd:?}");
    }
    // check: 0 clean, 1 errors, 2 missing.
    assert_eq!(argmap(&["check", GOOD]).status.code(), Some(0));
    assert_eq!(argmap(&["check", BROKEN]).status.code(), Some(1));
    assert_eq!(argmap(&["check", "no/such.ron"]).status.code(), Some(2));
    // gen: 0, and 2 for an impossible request.
    assert_eq!(argmap(&["gen", "--nodes", "3"]).status.code(), Some(0));
    let out = argmap(&["gen", "--nodes", "3", "--support-ratio", "2"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn every_evaluating_command_exits_3_when_a_limit_is_hit() {
    let dir = tempfile::tempdir().unwrap();
    let cycle = write(dir.path(), "cycle.ron", CYCLE);
    let f = cycle.to_str().unwrap();
    let limit = ["--solver", "discrete", "--max-iterations", "1"];
    for cmd in commands(dir.path()) {
        if cmd[0] == "extensions" || cmd[0] == "flip" {
            continue; // no gradual evaluation flags / its own budget, below
        }
        let mut cmd = cmd.clone();
        if cmd[0] == "whatif" {
            cmd = vec!["whatif".into(), "--remove".into(), "e".into()];
        }
        if cmd[0] == "dot" || cmd[0] == "render" {
            cmd.push("--scores".into());
        }
        let out = run(&cmd, f, &limit);
        assert_eq!(out.status.code(), Some(3), "{cmd:?}: {}", stderr(&out));
        // On standard error, or (`test`) in the failed result on stdout.
        let said = stderr(&out) + &stdout(&out);
        assert!(said.contains("did not converge"), "{cmd:?}: {said}");
    }
    // flip under a time budget too small for anything: the partial report on
    // stdout, then 3.
    let out = argmap(&["flip", f, "--among", "all", "--time-budget", "0.000000001"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stdout(&out).contains("the time budget"), "{}", stdout(&out));
    // extensions: eight disjoint mutual attacks have 2^8 preferred extensions.
    let out = argmap(&[
        "extensions",
        "tests/data/frameworks/eight_pairs.af",
        "--semantics",
        "preferred",
        "--max-extensions",
        "10",
    ]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
}

#[test]
fn old_flag_spellings_work_but_are_hidden() {
    let f = "tests/data/frameworks/floating.af";
    let new = argmap(&[
        "extensions",
        f,
        "--semantics",
        "preferred",
        "--time-budget",
        "5",
    ]);
    let old = argmap(&["extensions", f, "-s", "preferred", "--time-limit", "5"]);
    assert_eq!(new.status.code(), Some(0), "{}", stderr(&new));
    assert_eq!(stdout(&new), stdout(&old));
    let help = stdout(&argmap(&["extensions", "--help"]));
    for shown in ["--semantics", "--time-budget", "--format", "--json"] {
        assert!(help.contains(shown), "{shown} missing:\n{help}");
    }
    for hidden in ["-s,", "--time-limit", "--diagnostic-format"] {
        assert!(!help.contains(hidden), "{hidden} shown:\n{help}");
    }
    // Every command that evaluates has --semantics and --time-budget.
    for cmd in [
        "eval", "whatif", "contrib", "flip", "explain", "test", "dot", "render",
    ] {
        let help = stdout(&argmap(&[cmd, "--help"]));
        for flag in ["--semantics", "--time-budget", "--quiet", "--deny-warnings"] {
            assert!(help.contains(flag), "{cmd}: {flag} missing");
        }
    }
}

#[test]
fn warnings_reach_every_command_once_and_quiet_silences_them() {
    let dir = tempfile::tempdir().unwrap();
    let w7 = write(dir.path(), "w7.ron", WEIGHT_7);
    let f = w7.to_str().unwrap();
    for cmd in commands(dir.path()) {
        let out = run(&cmd, f, &[]);
        assert_eq!(out.status.code(), Some(0), "{cmd:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert_eq!(err.matches("warning[W0306]").count(), 1, "{cmd:?}: {err}");
        assert!(
            err.contains(&format!("`argmap check {f}` gives the full report")),
            "{cmd:?}: {err}"
        );
        assert!(!stdout(&out).contains("W0306"), "{cmd:?}");
        let quiet = run(&cmd, f, &["--quiet"]);
        assert_eq!(quiet.status.code(), Some(0), "{cmd:?}");
        assert!(
            !stderr(&quiet).contains("W0306"),
            "{cmd:?}: {}",
            stderr(&quiet)
        );
        let denied = run(&cmd, f, &["--deny-warnings"]);
        assert_eq!(denied.status.code(), Some(1), "{cmd:?}");
        assert!(stderr(&denied).contains("error[W0306]"), "{cmd:?}");
        if cmd[0] == "test" {
            assert!(stdout(&denied).contains("1 file does not check"), "{cmd:?}");
        } else {
            assert_eq!(stdout(&denied).trim(), "", "{cmd:?}: nothing runs");
        }
    }
    // check --quiet lists errors only.
    let out = argmap(&["check", "--quiet", "--format", "short", f]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "");
}

#[test]
fn test_json_reports_each_expectation_and_files_that_do_not_check() {
    let out = argmap(&[
        "test",
        "--json",
        "tests/data/expect/pass.ron",
        "tests/data/expect/fail.ron",
        BROKEN,
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["failed", "passed", "results"]); // serde_json sorts them
    let results = v["results"].as_array().unwrap();
    // pass.ron has 4 expectations that hold, fail.ron 3 that fail and 1 that
    // holds (see the files), and the broken file is one failed result.
    assert_eq!(v["passed"], 5);
    assert_eq!(v["failed"], 4);
    assert_eq!(results.len(), 9);
    for r in results {
        let mut k: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
        k.sort_unstable();
        assert_eq!(k, ["expectation", "file", "message", "ok", "value"]);
    }
    // The hand calculation in pass.ron: σ(h) = 0.5283.
    assert_eq!(results[0]["file"], "tests/data/expect/pass.ron");
    assert_eq!(results[0]["ok"], true);
    assert!((results[0]["value"].as_f64().unwrap() - 0.5283).abs() < 5e-5);
    assert!(results[0]["message"].is_null());
    let broken = &results[8];
    assert_eq!(broken["file"], BROKEN);
    assert_eq!(broken["ok"], false);
    assert!(broken["expectation"].is_null());
    assert!(
        broken["message"]
            .as_str()
            .unwrap()
            .contains("does not check")
    );
    // Human: no "0 passed, 0 failed" for a file with errors.
    let out = argmap(&["test", BROKEN]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("0 passed, 1 failed (1 file does not check)"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn eval_node_prints_that_node_only() {
    let out = argmap(&["eval", GOOD, "--node", "c_quaker"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.starts_with("node c_quaker: "), "{text}");
    assert!(!text.contains("e_navy_service"), "{text}");
    let out = argmap(&["eval", GOOD, "--node", "c_quaker", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let s = v["strengths"].as_object().unwrap();
    assert_eq!(s.keys().collect::<Vec<_>>(), ["c_quaker"]);
    assert_eq!(v["node"]["strength"], s["c_quaker"]);
}

#[test]
fn eval_semantics_all_has_a_column_per_semantics() {
    let out = argmap(&["eval", GOOD, "--semantics", "all", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["semantics"], "all");
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["conclusion", "semantics", "strengths"]); // sorted by serde_json
    // Each column is what `eval --semantics NAME --json` gives on its own.
    let names = [
        "quadratic-energy",
        "df-quad",
        "sd-df-quad",
        "euler-based",
        "euler-based-top",
        "mlp-based",
    ];
    for name in names {
        let one = argmap(&["eval", GOOD, "--semantics", name, "--json"]);
        let one: serde_json::Value = serde_json::from_str(&stdout(&one)).unwrap();
        assert_eq!(v["strengths"][name], one["strengths"], "{name}");
        assert_eq!(
            v["conclusion"]["strengths"][name], one["conclusion"]["strength"],
            "{name}"
        );
        let x = one["conclusion"]["strength"].as_f64().unwrap();
        let want = if x > 0.5 { "accepted" } else { "rejected" };
        assert_eq!(v["conclusion"]["verdicts"][name], want, "{name}");
    }
    // The map has supports: the attack-only semantics are skipped, with a note.
    for name in [
        "weighted-h-categorizer",
        "weighted-max-based",
        "weighted-card-based",
    ] {
        assert!(v["strengths"].get(name).is_none(), "{name}");
        assert!(stderr(&out).contains(name), "{}", stderr(&out));
    }
    // Human: the verdicts on top, then one column per semantics.
    let text = stdout(&argmap(&["eval", GOOD, "--semantics", "all"]));
    assert!(
        text.starts_with("conclusion h_pacifist (base 0.5000): above 0.5 under 0 of 6 semantics\n"),
        "{text}"
    );
    let header = text.lines().find(|l| l.starts_with("id ")).unwrap();
    for name in names {
        assert!(header.contains(name), "{header}");
    }
    // Other commands take one semantics only.
    let out = argmap(&[
        "whatif",
        GOOD,
        "--remove",
        "e_navy_service",
        "--semantics",
        "all",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn every_help_states_the_exit_codes() {
    for cmd in [
        "check",
        "eval",
        "extensions",
        "gen",
        "whatif",
        "contrib",
        "flip",
        "explain",
        "test",
        "dot",
        "render",
        "fmt",
    ] {
        let help = stdout(&argmap(&[cmd, "--help"]));
        assert!(help.contains("Exit codes: 0"), "{cmd}:\n{help}");
        if !matches!(cmd, "check" | "gen" | "fmt") {
            assert!(
                help.contains("3 a limit was hit")
                    || help.contains("3 the search hit")
                    || help.contains("3 an evaluation hit a limit"),
                "{cmd}:\n{help}"
            );
        }
    }
}

#[test]
fn the_usual_mistakes_are_named_by_check_and_by_every_command() {
    let short = |f: &str| {
        let out = argmap(&["check", "--format", "short", &format!("tests/data/{f}")]);
        stdout(&out)
    };
    // from/to swapped: the edge turned around is shown.
    let s = short("warn/W0308_swapped_edge.ron");
    assert!(s.contains("warning[W0308]"), "{s}");
    assert!(s.contains("did you swap `from` and `to`?"), "{s}");
    assert!(s.contains(r#"Support(from: "e3", to: "h")"#), "{s}");
    // A weight of 7 (0.7) and a base of 85 (0.85).
    let s = short("warn/W0306_weight_seven.ron");
    assert!(s.contains("did you mean 0.7?"), "{s}");
    let s = short("invalid/E0204_base_percentage.ron");
    assert!(s.contains("did you mean 0.85?"), "{s}");
    // One-sided the other way.
    let s = short("warn/W0304_one_sided_against.ron");
    assert!(s.contains("nothing supports the conclusion `h`"), "{s}");
    // `citation:` for `cite`, an edge's field in a node, a misspelt
    // conclusion, an edge that names a group.
    let s = short("invalid/E0102_field_of_citation.ron");
    assert!(s.contains("did you mean `cite`?"), "{s}");
    let s = short("invalid/E0102_field_of_another_struct.ron");
    assert!(s.contains("`weight` is a field of an edge"), "{s}");
    let s = short("invalid/E0202_conclusion_typo.ron");
    assert!(s.contains("did you mean `h_remote_work`?"), "{s}");
    // A conclusion named by part of its id.
    let dir = tempfile::tempdir().unwrap();
    let typo = std::fs::read_to_string(crate::data("invalid/E0202_conclusion_typo.ron"))
        .unwrap()
        .replace("\"the_claim\"", "\"remote\"");
    let p = write(dir.path(), "typo.ron", &typo);
    let s = stdout(&argmap(&[
        "check",
        "--format",
        "short",
        p.to_str().unwrap(),
    ]));
    assert!(
        s.contains("did you mean `h_remote_work`? (the one claim whose id contains `remote`)"),
        "{s}"
    );
    let s = short("invalid/E0202_edge_names_group.ron");
    assert!(s.contains("`record` is a group, not a node"), "{s}");
    // And `eval` says it too (the typo used to move the conclusion silently).
    let out = argmap(&["eval", "tests/data/warn/W0306_weight_seven.ron"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("did you mean 0.7?"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn one_sign_convention_in_every_command() {
    // Removing e_navy_service raises h_pacifist (0.3616 -> 0.4216 in the
    // explain snapshot): the change is after − before > 0, the contribution
    // σ(with) − σ(without) < 0, the same number with the opposite sign.
    let json = |args: &[&str]| -> serde_json::Value {
        let out = argmap(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        serde_json::from_str(&stdout(&out)).unwrap()
    };
    let w = json(&["whatif", GOOD, "--remove", "e_navy_service", "--json"]);
    let change = w["change"].as_f64().unwrap();
    assert!(change > 0.0, "{w}");
    let after_minus_before = w["after"].as_f64().unwrap() - w["before"].as_f64().unwrap();
    assert!((change - after_minus_before).abs() < 1e-12);
    let x = json(&["explain", GOOD, "--json"]);
    let d = x["decisive"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "e_navy_service")
        .unwrap();
    assert!(
        (d["change"].as_f64().unwrap() - change).abs() < 1e-12,
        "{d}"
    );
    assert!(
        (d["contribution"].as_f64().unwrap() + change).abs() < 1e-12,
        "{d}"
    );
    let c = json(&["contrib", GOOD, "--json"]);
    let removal = c["contributions"]["e_navy_service"].as_f64().unwrap();
    assert!((removal + change).abs() < 1e-12, "{c}");
    // The text forms: whatif prints the change, explain and contrib the
    // contribution, the what-if diagram the change.
    let shown = format!("{:+.4}", change);
    let text = stdout(&argmap(&["whatif", GOOD, "--remove", "e_navy_service"]));
    assert!(
        text.lines().next().unwrap().contains(&format!("({shown})")),
        "{text}"
    );
    let text = stdout(&argmap(&["explain", GOOD]));
    let minus = format!("{:+.4}", -change);
    assert!(
        text.lines()
            .any(|l| l.trim_start().starts_with("e_navy_service") && l.contains(&minus)),
        "{text}"
    );
    let text = stdout(&argmap(&["contrib", GOOD]));
    assert!(
        text.lines()
            .any(|l| l.starts_with("e_navy_service") && l.contains(&minus)),
        "{text}"
    );
    let dot = stdout(&argmap(&["dot", GOOD, "--remove", "e_navy_service"]));
    assert!(
        dot.contains(&format!("(+{:.3})", change)),
        "diagram: after − before"
    );
}
