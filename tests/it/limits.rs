//! Limits stated: every iterative or exponential computation is bounded by
//! `--max-iterations` and a time budget, and hitting a bound is reported
//! (exit 3 with a message, or a result that says it is partial), never silent.
//! One test per bound and command.

use std::time::Duration;

use argmap::semantics::{Params, Qbaf, SemanticsKind};
use argmap::{ContribOptions, EdgeKind, FlipOptions, FlipStop, Method};

use crate::{argmap, stderr, stdout};

/// Potyka's 3-cycle (A supports B, B supports C, C attacks A; bases 1, 0, 0):
/// the discrete DF-QuAD iteration runs round a period-6 orbit for ever
/// (tests/reference/README.md), so only a bound stops it.
const CYCLE3: &str = "tests/data/bag/cycle3.bag";

/// The same graph as RON, with an expectation, for `argmap test`.
fn cycle3_ron() -> tempfile::NamedTempFile {
    let mut f = tempfile::Builder::new().suffix(".ron").tempfile().unwrap();
    std::io::Write::write_all(
        &mut f,
        br#"ArgumentGraph(conclusion: "A", semantics: "df-quad",
    nodes: [Node(id: "A", kind: Claim, text: "A", base: 1.0),
            Node(id: "B", kind: Claim, text: "B", base: 0.0),
            Node(id: "C", kind: Claim, text: "C", base: 0.0)],
    edges: [Support(from: "A", to: "B"), Support(from: "B", to: "C"), Attack(from: "C", to: "A")],
    expect: [Expect(node: "A", above: 0.1)])"#,
    )
    .unwrap();
    f
}

#[test]
fn the_iteration_limit_is_reported_by_every_command_that_evaluates() {
    let ron = cycle3_ron();
    let ron = ron.path().to_str().unwrap();
    let bound = [
        "--semantics",
        "df-quad",
        "--solver",
        "discrete",
        "--max-iterations",
        "100",
    ];
    let commands: Vec<Vec<&str>> = vec![
        vec!["eval", CYCLE3],
        vec!["whatif", CYCLE3, "--set-base", "A=0.9"],
        vec!["contrib", CYCLE3],
        vec!["contrib", CYCLE3, "--method", "shapley"],
        vec!["flip", CYCLE3, "--among", "all"],
        vec!["explain", CYCLE3],
        vec!["test", ron],
    ];
    let message = "df-quad did not converge: the discrete solver stopped after 100 iterations \
                   with residual 1e0; the discrete iteration may oscillate on this cycle: try the \
                   continuous model (`--solver continuous`), or raise --max-iterations (now 100)";
    for mut args in commands {
        args.extend(bound);
        let out = argmap(&args);
        if args[0] == "test" {
            // `argmap test` counts an expectation it cannot evaluate as failed,
            // says why on standard output with the other results, and exits 3
            // like `eval` (a bound was hit: not the graph's fault).
            assert_eq!(out.status.code(), Some(3), "{args:?}: {}", stderr(&out));
            let text = stdout(&out);
            assert!(
                text.contains(&format!("could not evaluate: {message}")),
                "{text}"
            );
            continue;
        }
        assert_eq!(out.status.code(), Some(3), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(message), "{args:?}: {}", stderr(&out));
        assert!(
            stdout(&out).is_empty(),
            "{args:?}: a partial result was printed"
        );
    }
    // The continuous model has its own limit, with its own advice.
    let out = argmap(&[
        "eval",
        CYCLE3,
        "--semantics",
        "df-quad",
        "--solver",
        "continuous",
        "--max-iterations",
        "10",
    ]);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("the continuous solver stopped after 10 iterations")
            && stderr(&out).contains("raise --max-iterations (now 10) or --epsilon (now 1e-9), or change --delta (now 0.1)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_time_budget_is_reported_by_every_command_that_evaluates() {
    // An iteration limit far beyond reach: only the time budget can stop it.
    let ron = cycle3_ron();
    let ron = ron.path().to_str().unwrap();
    let bound = [
        "--semantics",
        "df-quad",
        "--solver",
        "discrete",
        "--max-iterations",
        "4000000000",
        "--time-budget",
        "0.2",
    ];
    let commands: Vec<Vec<&str>> = vec![
        vec!["eval", CYCLE3],
        vec!["whatif", CYCLE3, "--set-base", "A=0.9"],
        vec!["contrib", CYCLE3],
        vec!["explain", CYCLE3],
        vec!["test", ron],
    ];
    for mut args in commands {
        args.extend(bound);
        let out = argmap(&args);
        let (code, text) = if args[0] == "test" {
            (3, stdout(&out)) // reported with the results, as above
        } else {
            (3, stderr(&out))
        };
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", stderr(&out));
        let want = "df-quad evaluation exceeded its time budget of 0.2 s";
        assert!(text.contains(want), "{args:?}: {text}");
    }
}

/// A cyclic graph of `n` nodes: node i attacks i+1 and supports i+2 (mod n),
/// bases spread over (0, 1).
fn ring(n: usize) -> Qbaf {
    let base: Vec<f64> = (0..n)
        .map(|i| 0.1 + 0.8 * ((i * 37) % n) as f64 / n as f64)
        .collect();
    let mut edges = vec![];
    for i in 0..n {
        edges.push((i, (i + 1) % n, EdgeKind::Attack, 0.7));
        edges.push((i, (i + 2) % n, EdgeKind::Support, 0.4));
    }
    Qbaf::new(base, &edges).unwrap()
}

/// [`ring`] as a RON file: n claims, each attacking the next and supporting
/// the one after.
fn ring_ron(n: usize) -> String {
    let mut s = String::from("ArgumentGraph(conclusion: \"n0\", nodes: [\n");
    for i in 0..n {
        let base = 0.1 + 0.8 * ((i * 37) % n) as f64 / n as f64;
        s.push_str(&format!(
            "Node(id: \"n{i}\", kind: Claim, text: \"x\", base: {base}),\n"
        ));
    }
    s.push_str("], edges: [\n");
    for i in 0..n {
        let (a, b) = ((i + 1) % n, (i + 2) % n);
        s.push_str(&format!(
            "Attack(from: \"n{i}\", to: \"n{a}\", weight: 0.7),\n"
        ));
        s.push_str(&format!(
            "Support(from: \"n{i}\", to: \"n{b}\", weight: 0.4),\n"
        ));
    }
    s + "])\n"
}

#[test]
fn shapley_sampling_says_when_the_budget_cut_it_short() {
    // 21 players (one more than `exact_max`, so Shapley is sampled), a million
    // permutations asked for (2.1e7 evaluations: about 45 s in a release build,
    // far more than fit in half a second on any machine), two at least (42
    // evaluations of a 22-node graph: about 1.3 ms of processor time in a debug
    // build, so even a machine at a load of 20 fits them in half a second).
    // Measured with `argmap contrib ring22.ron --method shapley --samples N`:
    // 2 000 samples took 1.35 s of user time (debug build), 20 000 took 0.89 s
    // (release build).
    let q = ring(22);
    let players: Vec<usize> = (1..22).collect();
    let p = Params {
        time_budget: Some(Duration::from_millis(500)),
        ..Params::default()
    };
    let opts = ContribOptions {
        samples: 1_000_000,
        ..ContribOptions::default()
    };
    let c = argmap::contributions(
        &q,
        SemanticsKind::QuadraticEnergy,
        &p,
        0,
        &players,
        Method::Shapley,
        &opts,
    )
    .unwrap();
    match c.estimate {
        argmap::Estimate::Sampled {
            samples, requested, ..
        } => {
            assert_eq!(requested, 1_000_000);
            assert!((2..requested).contains(&samples), "{samples}");
        }
        e => panic!("{e:?}"),
    }
    // Too small a budget for two permutations: an error, not an estimate
    // without an error bound.
    let tiny = Params {
        time_budget: Some(Duration::from_nanos(1)),
        ..Params::default()
    };
    let e = argmap::contributions(
        &ring(400),
        SemanticsKind::QuadraticEnergy,
        &tiny,
        0,
        &(1..400).collect::<Vec<_>>(),
        Method::Shapley,
        &opts,
    )
    .unwrap_err();
    assert!(matches!(e, argmap::Error::TimeBudget { .. }), "{e}");
}

#[test]
fn the_shapley_budget_note_reaches_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ring.ron");
    // The 22-node ring of the test above: two permutations fit in the budget
    // on a loaded machine, a million do not fit on any.
    std::fs::write(&path, ring_ron(22)).unwrap();
    let p = path.to_str().unwrap();
    let out = argmap(&[
        "contrib",
        p,
        "--method",
        "shapley",
        "--samples",
        "1000000",
        "--time-budget",
        "0.5",
    ]);
    // A partial answer under a time budget: printed, then exit 3 (issue 16).
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("of the 1000000 asked for, because the time budget ran out (raise --time-budget for more)"),
        "{}",
        stdout(&out)
    );
    let out = argmap(&[
        "contrib",
        p,
        "--method",
        "shapley",
        "--samples",
        "1000000",
        "--time-budget",
        "0.5",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["samples_requested"], 1_000_000);
    assert!(v["samples"].as_u64().unwrap() < 1_000_000);
}

#[test]
fn the_flip_search_stops_at_its_budget_even_before_the_search_proper() {
    // 400 candidates on a cycle (no bound to prune with): sets of 3 are
    // C(400, 3) ≈ 10 million evaluations, far beyond 0.3 s.
    let q = ring(401);
    let candidates: Vec<usize> = (1..401).collect();
    let opts = FlipOptions {
        threshold: 0.99,
        max_size: 3,
        time_budget: Some(Duration::from_millis(300)),
        ..FlipOptions::default()
    };
    let f = argmap::flip(
        &q,
        SemanticsKind::QuadraticEnergy,
        &Params::default(),
        0,
        &candidates,
        &opts,
    )
    .unwrap();
    assert_eq!(f.stop, FlipStop::TimeBudget);
    assert!(f.complete_up_to < 3);
    // With a budget smaller than one pass over the single candidates (which
    // once ran to completion whatever the budget: 73 s for a 1 s budget on a
    // 20 000-node cyclic graph), the search stops inside that pass.
    let opts = FlipOptions {
        time_budget: Some(Duration::from_nanos(1)),
        ..opts
    };
    let f = argmap::flip(
        &q,
        SemanticsKind::QuadraticEnergy,
        &Params::default(),
        0,
        &candidates,
        &opts,
    )
    .unwrap();
    assert_eq!(f.stop, FlipStop::TimeBudget);
    assert_eq!(f.complete_up_to, 0);
    assert!(
        f.evaluated < candidates.len() as u64,
        "{} evaluations",
        f.evaluated
    );
}

#[test]
fn the_flip_budget_is_reported_on_the_command_line() {
    // The ring as a file; sets of up to 4 of its 60 candidates are C(60, 4) ≈
    // 490 000 evaluations, seconds on any machine, so 0.3 s runs out.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ring.ron");
    std::fs::write(&path, ring_ron(61)).unwrap();
    let p = path.to_str().unwrap();
    let args = [
        "flip",
        p,
        "--among",
        "all",
        "--max-size",
        "4",
        "--threshold",
        "0.99",
        "--time-budget",
        "0.3",
    ];
    let out = argmap(&args);
    // The partial report is printed, then exit 3 (issue 16).
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("the time budget (0.3 s, --time-budget) ran out"),
        "{text}"
    );
    let mut json = args.to_vec();
    json.push("--json");
    let v: serde_json::Value = serde_json::from_str(&stdout(&argmap(&json))).unwrap();
    assert_eq!(v["stopped"], "time-budget");
    // A budget smaller than the pass over the single candidates: stopped
    // there, and said so.
    let out = argmap(&["flip", p, "--among", "all", "--time-budget", "0.000000001"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("ran out while trying sets of 1 nodes: no size was searched completely"),
        "{text}"
    );
}

#[test]
fn dung_searches_report_their_limits() {
    // 30 disjoint mutual attacks: 2^30 preferred extensions.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pairs.af");
    let mut s = String::from("p af 60\n");
    for i in 0..30 {
        s.push_str(&format!(
            "{} {}\n{} {}\n",
            2 * i + 1,
            2 * i + 2,
            2 * i + 2,
            2 * i + 1
        ));
    }
    std::fs::write(&path, s).unwrap();
    let p = path.to_str().unwrap();
    let out = argmap(&["extensions", p, "-s", "preferred", "--max-extensions", "10"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("there are more than 10 preferred extensions"),
        "{}",
        stderr(&out)
    );
    // Counting multiplies the 30 components' counts (2 each: hand count,
    // either side of a pair), so it needs no time; listing them cannot finish.
    let out = argmap(&["extensions", p, "-s", "preferred", "--count"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "1073741824\n");
    let out = argmap(&["extensions", p, "-s", "preferred", "--time-limit", "0.2"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("extensions found so far) exceeded its time budget of 0.2 s"),
        "{}",
        stderr(&out)
    );
}

/// Every `--time-budget` takes seconds, 0 or more, and a huge value or `inf`
/// as no limit: `nan` and negative values are refused (exit 2, naming the
/// flag and what it takes), where they used to be read as 0 (extensions,
/// iccma: "exceeded its time budget of 0 s") or to panic converting to a
/// `Duration` (sensitivity); and values past what a `Duration` or an
/// `Instant` holds (1e300, 1e19 s) panicked in eval, flip, contrib,
/// sensitivity and extensions. Each command answers the small Nixon diamond
/// (or the 5-argument probo example, SE-PR) at once, so a huge budget exits 0.
#[test]
fn every_time_budget_refuses_nan_and_negatives_and_takes_huge_values() {
    let ron = "graphs/nixon_diamond.ron";
    let af = "tests/data/frameworks/probo_ex1.af";
    let commands: Vec<Vec<&str>> = vec![
        vec!["eval", ron],
        vec!["whatif", ron, "--set-base", "e_nixon_quaker=0.5"],
        vec!["contrib", ron],
        vec!["flip", ron],
        vec!["sensitivity", ron],
        vec!["extensions", ron, "--semantics", "preferred"],
        vec!["iccma", "-p", "SE-PR", "-f", af],
    ];
    for cmd in &commands {
        for bad in ["nan", "-1", "-0.5", "abc"] {
            let flag = format!("--time-budget={bad}");
            let mut args = cmd.clone();
            args.push(&flag);
            let o = argmap(&args);
            let err = stderr(&o);
            assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
            assert!(
                err.contains("--time-budget") && err.contains("0 or more"),
                "{args:?}: {err}"
            );
            assert!(!err.contains("panicked"), "{args:?}: {err}");
        }
        for huge in ["1e300", "1e19", "inf"] {
            let mut args = cmd.clone();
            args.extend(["--time-budget", huge]);
            let o = argmap(&args);
            assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        }
    }
}

/// Found by hand after the CLI fuzzer (benches/fuzz_inputs.py) left flags
/// alone: `sensitivity --time-budget` bounded each evaluation but not the run,
/// so `--samples 18446744073709551615 --time-budget 1` ran on (and before
/// that panicked with "capacity overflow", allocating room for every draw).
/// The budget now bounds the whole analysis, checked between evaluations, and
/// `--samples` is capped at what memory can hold.
#[test]
fn the_sensitivity_budget_bounds_the_whole_run_and_draws_are_capped() {
    let g = "graphs/sino_russian_distrust.ron";
    let out = argmap(&[
        "sensitivity",
        g,
        "--samples",
        "100000000",
        "--time-budget",
        "0.2",
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(
        err.contains("sensitivity analysis exceeded its time budget of 0.2 s"),
        "{err}"
    );
    let out = argmap(&["sensitivity", g, "--samples", "18446744073709551615"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("more than the 100000000 argmap keeps in memory"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}
