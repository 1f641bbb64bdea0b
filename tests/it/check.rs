//! `argmap check` and the diagnostics behind it: one fixture per code under
//! `tests/data/{invalid,warn}/`, named `<CODE>_<what>.ron`, each with a snapshot
//! of its exact messages.

use std::path::Path;

use crate::{argmap, bundled_graphs, data, root, stderr, stdout};

fn fixtures(dir: &str) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(data(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

/// The code a fixture is named after.
fn expected_code(p: &Path) -> String {
    p.file_name()
        .unwrap()
        .to_str()
        .unwrap()
        .split('_')
        .next()
        .unwrap()
        .to_string()
}

/// The short diagnostics of a file, with the path made relative for stable snapshots.
fn short(p: &Path) -> (Vec<&'static str>, String) {
    let rel = p.strip_prefix(root()).unwrap().display().to_string();
    let bytes = std::fs::read(p).unwrap();
    let src = match argmap::Source::from_bytes(rel.clone(), bytes) {
        Ok(s) => s,
        Err(e) => {
            let d = *e.diagnostic;
            return (
                vec![d.code],
                format!("{rel}: {}[{}]: {}\n", d.severity, d.code, d.message),
            );
        }
    };
    match argmap::check(&src) {
        Ok(v) => (v.warnings.codes(), v.warnings.short(&src)),
        Err(d) => (d.codes(), d.short(&src)),
    }
}

#[test]
fn every_invalid_fixture_gives_exactly_its_error() {
    let all = fixtures("invalid");
    assert!(all.len() >= 25, "one fixture per error code");
    for p in all {
        let (codes, text) = short(&p);
        assert_eq!(codes, [expected_code(&p)], "{}:\n{text}", p.display());
        let name = p.file_stem().unwrap().to_str().unwrap().to_string();
        insta::assert_snapshot!(format!("invalid__{name}"), text);
    }
}

#[test]
fn every_warning_fixture_gives_exactly_its_warning() {
    for p in fixtures("warn") {
        let (codes, text) = short(&p);
        assert_eq!(codes, [expected_code(&p)], "{}:\n{text}", p.display());
        let name = p.file_stem().unwrap().to_str().unwrap().to_string();
        insta::assert_snapshot!(format!("warn__{name}"), text);
    }
}

#[test]
fn bundled_graphs_are_clean_even_with_deny_warnings() {
    let mut args = vec!["check".to_string(), "--deny-warnings".into()];
    args.extend(bundled_graphs().iter().map(|p| p.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = argmap(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn each_bad_fixture_exits_1_at_the_right_place() {
    // Line:column of the first diagnostic, read off the fixture by hand.
    let cases = [
        ("invalid/E0101_missing_comma.ron", "6:9: error[E0101]"),
        ("invalid/E0102_unknown_field.ron", "6:57: error[E0102]"),
        ("invalid/E0202_unknown_id.ron", "11:22: error[E0202]"),
        ("invalid/E0204_base_out_of_range.ron", "7:67: error[E0204]"),
        ("invalid/E0207_duplicate_edge.ron", "12:9: error[E0207]"),
    ];
    for (f, want) in cases {
        let path = format!("tests/data/{f}");
        let out = argmap(&["check", "--format", "short", &path]);
        assert_eq!(out.status.code(), Some(1), "{f}");
        assert!(
            stdout(&out).contains(&format!("{path}:{want}")),
            "{f}: {}",
            stdout(&out)
        );
    }
    for p in fixtures("invalid") {
        let out = argmap(&["check", p.to_str().unwrap()]);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}: {}",
            p.display(),
            stderr(&out)
        );
    }
}

#[test]
fn warnings_pass_unless_denied() {
    let f = "tests/data/warn/W0304_one_sided.ron";
    assert_eq!(argmap(&["check", f]).status.code(), Some(0));
    let denied = argmap(&["check", "--deny-warnings", "--format", "short", f]);
    assert_eq!(denied.status.code(), Some(1));
    assert!(
        stdout(&denied).contains("error[W0304]"),
        "{}",
        stdout(&denied)
    );
}

#[test]
fn several_problems_in_one_file_are_all_reported() {
    let text = r#"ArgumentGraph(
    conclusion: "h",
    nodes: [
        Node(id: "h", kind: Claim, text: "H", base: 0.5),
        Node(id: "e1", kind: Evidnce, text: "E", base: 1.5),
        Node(id: "e1", kind: Evidence, text: "E", bsae: 0.5),
    ],
    edges: [Support(from: "e1", to: "hh"), Atack(from: "e1", to: "h")],
)"#;
    let src = argmap::Source::new("many.ron", text);
    let d = argmap::check(&src).unwrap_err();
    assert_eq!(
        d.codes(),
        [
            "E0105", "E0204", "E0103", "E0201", "E0102", "E0202", "E0106"
        ]
    );
    insta::assert_snapshot!(d.short(&src), @r#"
    many.ron:5:30: error[E0105]: unknown node kind `Evidnce` (help: did you mean `Evidence`?) (help: a node's kind is `Claim` or `Evidence`)
    many.ron:5:56: error[E0204]: base 1.5 is outside [0, 1] (help: a base score is a number from 0 to 1, e.g. `base: 0.5`)
    many.ron:6:9: error[E0103]: missing field `base` in a node (help: add `base: 0.5`)
    many.ron:6:18: error[E0201]: duplicate node id `e1` (help: give each node its own id; edges refer to nodes by id)
    many.ron:6:51: error[E0102]: unknown field `bsae` in a node (help: did you mean `base`?) (help: a node has the fields: id, kind, base, base_range, group, tags, text, title, cite, note)
    many.ron:8:37: error[E0202]: edge target `hh` is not a node of this graph (help: did you mean `h`?)
    many.ron:8:44: error[E0106]: unknown edge kind `Atack` (help: did you mean `Attack`?) (help: an edge is `Support(from: ..., to: ...)`, `Attack(from: ..., to: ...)` or `Undercut(from: ..., to: EDGE_ID)`)
    "#);
}

#[test]
fn human_format_shows_the_line_and_a_caret() {
    let out = argmap(&["check", "tests/data/invalid/E0202_unknown_id.ron"]);
    insta::assert_snapshot!(stderr(&out), @r#"
    error[E0202]: edge source `e3` is not a node of this graph
       ┌─ tests/data/invalid/E0202_unknown_id.ron:11:22
       │
    11 │         Attack(from: "e3", to: "h", weight: 0.5),
       │                      ^^^^
       │
       = help: did you mean `e1`?

    checked 1 file: 1 error, 0 warnings
    "#);
}

#[test]
fn json_format_is_machine_readable() {
    let out = argmap(&[
        "check",
        "--format",
        "json",
        "tests/data/invalid/E0201_duplicate_id.ron",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    let d = &v[0];
    assert_eq!(d["code"], "E0201");
    assert_eq!(d["severity"], "error");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(8), Some(18))
    );
    assert_eq!(d["labels"][0]["line"], 6);
}

#[test]
fn missing_file_and_directory_are_io_failures() {
    let out = argmap(&["check", "no/such/file.ron"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("E0001"), "{}", stderr(&out));
    let out = argmap(&["check", "tests/data"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("E0002"), "{}", stderr(&out));
}

#[test]
fn standard_input_is_read_with_dash() {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_argmap"))
        .args(["check", "--format", "short", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"ArgumentGraph(conclusion: \"h\", nodes: [Node(id: \"h\", kind: Claim, text: \"H\", base: 2)])").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).starts_with("<stdin>:1:84: error[E0204]"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn usage_errors_exit_2_and_help_has_examples() {
    assert_eq!(argmap(&["check"]).status.code(), Some(2));
    assert_eq!(argmap(&["frobnicate"]).status.code(), Some(2));
    let help = crate::stdout(&argmap(&["check", "--help"]));
    assert!(help.contains("Examples:"), "{help}");
    assert!(crate::stdout(&argmap(&["--version"])).starts_with("argmap "));
}

#[test]
fn each_subcommand_help_opens_with_its_line_in_the_command_list() {
    // The argument structs' doc comments and the subcommands' own lines are
    // both about texts (clap applies the subcommand's last, so it wins). The
    // list in `argmap --help` and each `argmap <sub> --help` must say the same.
    let top = crate::stdout(&argmap(&["--help"]));
    let list = top.split("Commands:\n").nth(1).expect("a command list");
    let mut seen = 0;
    // A name at column 2; a long about goes on in lines indented further.
    let entries = list.lines().take_while(|l| !l.is_empty());
    for line in entries.filter(|l| !l.starts_with("   ")) {
        let (name, about) = line.trim().split_once(' ').expect("name and about");
        if name == "help" {
            continue;
        }
        let help = crate::stdout(&argmap(&[name, "--help"]));
        let first = help.lines().next().unwrap_or_default();
        assert!(
            first.starts_with(about.trim()),
            "argmap {name} --help: {first}\nlisted as: {about}"
        );
        seen += 1;
    }
    assert!(seen >= 10, "{top}");
}

#[test]
fn the_documented_example_in_docs_format_loads() {
    let doc = std::fs::read_to_string(root().join("docs/format.md")).unwrap();
    let start = doc
        .find("```ron\n")
        .expect("docs/format.md has a ```ron example")
        + 7;
    let end = start + doc[start..].find("```").unwrap();
    let src = argmap::Source::new("docs/format.md", &doc[start..end]);
    let v = argmap::check(&src).unwrap_or_else(|d| panic!("{}", d.short(&src)));
    assert!(v.warnings.is_empty(), "{}", v.warnings.short(&src));
}

/// Issue 18: `check` says when the structure alone already gives the verdict:
/// the conclusion on the same side of 0.5 with and without its evidence. The
/// two numbers are checked against `argmap eval` of the file and of a copy
/// with every evidence node (and its edges) deleted.
#[test]
fn check_reports_a_structure_only_verdict() {
    let eval = |path: &str| -> f64 {
        let v: serde_json::Value =
            serde_json::from_str(&stdout(&argmap(&["eval", path, "--json"]))).unwrap();
        v["conclusion"]["strength"].as_f64().unwrap()
    };
    let nixon = "graphs/nixon_diamond.ron";
    let text = std::fs::read_to_string(root().join(nixon)).unwrap();
    let mut g = argmap::ArgumentGraph::from_ron(&text).unwrap();
    let evidence: Vec<String> = g
        .nodes
        .iter()
        .filter(|n| n.kind == argmap::NodeKind::Evidence)
        .map(|n| n.id.clone())
        .collect();
    g.nodes.retain(|n| !evidence.contains(&n.id));
    g.edges
        .retain(|e| !evidence.contains(&e.data().from[0]) && !evidence.contains(&e.data().to));
    let dir = tempfile::tempdir().unwrap();
    let bare = dir.path().join("bare.ron");
    std::fs::write(&bare, g.to_ron()).unwrap();
    let (with, without) = (eval(nixon), eval(bare.to_str().unwrap()));
    assert!(with < 0.5 && without < 0.5, "{with} {without}");

    let out = argmap(&["check", nixon]);
    assert_eq!(out.status.code(), Some(0));
    let err = stderr(&out);
    let note = format!(
        "note: {nixon}: without any evidence, the conclusion `h_pacifist` would be {without:.4} \
         under quadratic-energy, already below 0.5 as with it ({with:.4}): the structure alone \
         gives this verdict"
    );
    assert!(err.contains(&note), "{err}\n{note}");
    // Not when the evidence decides (the paper map: 0.5 without it), not in
    // JSON, not with --quiet.
    for args in [
        vec!["check", "graphs/sino_russian_distrust.ron"],
        vec!["check", "--format", "json", nixon],
        vec!["check", "--quiet", nixon],
    ] {
        let out = argmap(&args);
        assert!(!stderr(&out).contains("structure alone"), "{args:?}");
    }
}
