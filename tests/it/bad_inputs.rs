//! The bad-input catalogue: `tests/data/bad/` holds one file per kind of bad
//! input a real user produces, and [`CATALOGUE`] says what each must give: the
//! exit code of `argmap check` and the diagnostic codes, in order. The exact
//! messages are snapshots (`snapshots/integration__bad_inputs__bad__<file>.snap`).
//! Inputs too large to commit (200 MB, pathological shapes) are generated here
//! into a temporary directory.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::{argmap, data, root, stderr, stdout};

/// One kind of bad input.
struct Case {
    /// File name in `tests/data/bad/`.
    file: &'static str,
    /// Exit code of `argmap check FILE`.
    exit: i32,
    /// Diagnostic codes, errors and warnings, in the order reported.
    codes: &'static [&'static str],
}

const fn case(file: &'static str, exit: i32, codes: &'static [&'static str]) -> Case {
    Case { file, exit, codes }
}

/// Every file in `tests/data/bad/`, with what it must give.
const CATALOGUE: &[Case] = &[
    // Terminal escape codes pasted into an id are shown escaped, never sent.
    case("ansi_escape_in_id.ron", 1, &["E0202"]),
    // `\u{d800}` is a lone surrogate: not a character.
    case(
        "bad_lines.af",
        1,
        &["E0604", "E0604", "E0603", "E0603", "E0603", "E0605"],
    ),
    case("bad_lines.apx", 1, &["E0606", "E0606"]),
    // A .bag typed by hand: decimal comma, space in a name, base 1.5, `atk`,
    // missing comma, negative weight, misspelt target.
    case(
        "bad_lines.bag",
        1,
        &[
            "E0502", "E0213", "E0204", "E0501", "E0502", "E0205", "E0202",
        ],
    ),
    case("bad_lines.tgf", 1, &["E0609", "E0609", "E0607"]),
    case("bad_unicode_escape.ron", 1, &["E0101"]),
    case("binary_garbage.bin", 1, &["E0004"]),
    // A UTF-8 byte-order mark: dropped, positions as an editor shows them.
    case("bom.ron", 1, &["E0202"]),
    case("comments_everywhere.ron", 0, &[]),
    // Windows line ends: columns unchanged.
    case("crlf.af", 0, &[]),
    case("crlf.ron", 1, &["E0105", "E0202"]),
    // BOM and CRLF in a .bag: positions unchanged.
    case("crlf_bom.bag", 1, &["E0202"]),
    case("decimal_comma.ron", 1, &["E0101"]),
    // 10 000 nested lists: refused at depth 128, no stack overflow.
    case("deep_nesting.ron", 1, &["E0101"]),
    case("duplicate_keys.ron", 1, &["E0108", "E0108"]),
    case("explicit_some.ron", 0, &[]),
    // 1e400 overflows to infinity.
    case("huge_exponent.ron", 1, &["E0204", "E0205"]),
    // Emoji are valid in ids; columns count them as one character.
    case("id_with_emoji.ron", 1, &["E0202"]),
    case("id_with_spaces.ron", 1, &["E0213"]),
    case("json_instead_of_ron.ron", 1, &["E0104"]),
    case("lowercase_kind.ron", 1, &["E0105", "E0105", "E0106"]),
    case("missing_comma.ron", 1, &["E0101"]),
    // A .tgf without its `#` line: every attack reads as a node line.
    case("missing_hash.tgf", 1, &["E0609", "E0609"]),
    case("nan_values.ron", 1, &["E0204", "E0205"]),
    // A file cut off by a crash and padded with NUL bytes.
    case("nul_padding.ron", 1, &["E0101"]),
    case("percent_base.ron", 1, &["E0204"]),
    case("quoted_number.ron", 1, &["E0104"]),
    case("single_quotes.ron", 1, &["E0101"]),
    case("tab_indented.ron", 1, &["E0202"]),
    case("trailing_commas.ron", 0, &[]),
    case(
        "typo_field_names.ron",
        1,
        &["E0103", "E0102", "E0103", "E0102", "E0103", "E0102"],
    ),
    case("unclosed_string.ron", 1, &["E0101"]),
    // Notepad's "Unicode": UTF-16 with a byte-order mark.
    case("utf16.ron", 1, &["E0004"]),
    // Valid for sum semantics: a warning at check time (exit 0).
    case("weight_1_5.bag", 0, &["W0303", "W0303", "W0306"]),
    case("weight_1_5.ron", 0, &["W0306"]),
    // `C:\Users\...`: `\U` is not an escape.
    case("windows_path.ron", 1, &["E0101"]),
    case("zero_nodes.ron", 1, &["E0212"]),
];

fn rel(name: &str) -> String {
    format!("tests/data/bad/{name}")
}

/// The codes the library reports for a file (a read error, or load + validate).
fn library_codes(path: &Path) -> Vec<&'static str> {
    let bytes = std::fs::read(path).unwrap();
    match argmap::Source::from_bytes(path.display().to_string(), bytes) {
        Err(e) => vec![e.diagnostic.code],
        Ok(src) => library_diagnostics(path, &src).codes(),
    }
}

/// What the library reports for a source, with the reader its extension names.
fn library_diagnostics(path: &Path, src: &argmap::Source) -> argmap::Diagnostics {
    use argmap::formats::{af, apx, bag, tgf};
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let dung =
        |r: Result<argmap::dung::Framework, argmap::Diagnostics>| r.err().unwrap_or_default();
    match ext {
        "bag" => bag::parse(src)
            .and_then(argmap::validate)
            .map_or_else(|d| d, |v| v.warnings),
        "af" => dung(af::read(src)),
        "apx" => dung(apx::read(src)),
        "tgf" => dung(tgf::read(src)),
        _ => argmap::check(src).map_or_else(|d| d, |v| v.warnings),
    }
}

#[test]
fn every_file_in_the_catalogue_is_listed() {
    let mut on_disk: Vec<String> = std::fs::read_dir(data("bad"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let listed: Vec<&str> = CATALOGUE.iter().map(|c| c.file).collect();
    assert_eq!(on_disk, listed, "tests/data/bad/ and CATALOGUE differ");
}

#[test]
fn each_bad_input_gives_its_exact_message_and_exit_code() {
    for c in CATALOGUE {
        let path = data("bad").join(c.file);
        assert_eq!(library_codes(&path), c.codes, "{}: library codes", c.file);
        let out = argmap(&["check", "--format", "short", &rel(c.file)]);
        assert_eq!(
            out.status.code(),
            Some(c.exit),
            "{}: exit code\n{}",
            c.file,
            stderr(&out)
        );
        // `--format short` is requested output: standard output.
        let text = stdout(&out);
        let lines = text.lines().count();
        assert_eq!(
            lines,
            c.codes.len(),
            "{}: one line per diagnostic\n{text}",
            c.file
        );
        for (line, code) in text.lines().zip(c.codes) {
            assert!(line.contains(&format!("[{code}]")), "{}: {line}", c.file);
        }
        insta::assert_snapshot!(format!("bad__{}", c.file), text);
    }
}

#[test]
fn positions_survive_crlf_bom_tabs_and_emoji() {
    // Line:column of each diagnostic, counted by hand in the file (columns in
    // characters, a tab or an emoji is one; the BOM and `\r` are not counted).
    let cases = [
        // line 6 `        Node(id: "h", kind: Claimm`: 8 spaces + 20 characters before it
        ("crlf.ron", "6:29: error[E0105]"),
        // line 9 `    edges: [Support(from: "e1", to: "hh"`: 4 + 32 characters before it
        ("crlf.ron", "9:37: error[E0202]"),
        // line 9 `    edges: [Support(from: "e2"`: 4 + 22 characters before it
        ("bom.ron", "9:27: error[E0202]"),
        // line 9 `\t\tSupport(from: "e1", to: "hh"`: 2 tabs + 24 characters before it
        ("tab_indented.ron", "9:27: error[E0202]"),
        // line 10: `    edges: [Support(from: "☁", to: "🌧"), Attack(from: ` is 54 characters
        ("id_with_emoji.ron", "10:55: error[E0202]"),
        // line 4 `att(b, c).` of a .bag with a BOM and CRLF
        ("crlf_bom.bag", "4:8: error[E0202]"),
    ];
    for (file, want) in cases {
        let out = argmap(&["check", "--format", "short", &rel(file)]);
        let text = stdout(&out);
        assert!(
            text.contains(&format!("{}:{want}", rel(file))),
            "{file}: want {want}\n{text}"
        );
        // The JSON form agrees.
        let out = argmap(&["check", "--format", "json", &rel(file)]);
        let v: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
        let found = v.as_array().unwrap().iter().any(|d| {
            format!(
                "{}:{}: {}[{}]",
                d["line"], d["column"], d["severity"], d["code"]
            )
            .replace('"', "")
                == want
        });
        assert!(found, "{file}: json positions {v}");
    }
    // And the human form puts the caret under the right characters.
    for file in [
        "crlf.ron",
        "bom.ron",
        "tab_indented.ron",
        "id_with_emoji.ron",
        "ansi_escape_in_id.ron",
    ] {
        let out = argmap(&["check", &rel(file)]);
        let text = stderr(&out);
        assert!(
            !text.contains('\u{1b}'),
            "{file}: an escape reached the terminal"
        );
        assert!(
            !text.contains('\r'),
            "{file}: a carriage return reached the terminal"
        );
        insta::assert_snapshot!(format!("bad_human__{file}"), text);
    }
}

#[test]
fn the_library_short_form_matches_the_cli() {
    // The lines the CLI prints are the library's `Diagnostic::short`.
    for c in CATALOGUE {
        let name = rel(c.file);
        let bytes = std::fs::read(root().join(&name)).unwrap();
        let Ok(src) = argmap::Source::from_bytes(name.clone(), bytes) else {
            continue;
        };
        let lib = library_diagnostics(Path::new(&name), &src).short(&src);
        let out = argmap(&["check", "--format", "short", &name]);
        assert_eq!(stdout(&out), lib, "{name}");
    }
}

/// Writes a child's standard input.
type Feeder = Box<dyn FnOnce(&mut dyn Write) + Send>;

#[test]
fn a_weight_of_1_5_is_refused_by_product_semantics_at_eval_time() {
    // `check` warns (W0306, exit 0, in CATALOGUE); `eval` with df-quad or
    // sd-df-quad refuses the graph (exit 1), naming the file, the edge and its
    // position; sum-aggregation semantics evaluate it.
    for file in ["weight_1_5.ron", "weight_1_5.bag"] {
        let at = if file.ends_with("ron") {
            "12:46"
        } else {
            "5:12"
        };
        for sem in ["df-quad", "sd-df-quad"] {
            let out = argmap(&["eval", &rel(file), "--semantics", sem]);
            assert_eq!(out.status.code(), Some(1), "{file} {sem}");
            // After the file's warning (a .ron map: W0306, printed by every
            // command, issue 16; a .bag file's lints only by `check`).
            let warning = if file.ends_with("ron") {
                format!(
                    "{0}:{at}: warning[W0306]: weight 1.5 is above 1 (help: only sum- and \
                     top-aggregation semantics (quadratic-energy, euler-based, mlp-based, ...) \
                     accept weights above 1; df-quad and sd-df-quad refuse them)\nnote: 1 \
                     warning in {0}: `argmap check {0}` gives the full report, --quiet hides \
                     them\n",
                    rel(file)
                )
            } else {
                String::new()
            };
            assert_eq!(
                stderr(&out),
                warning
                    + &format!(
                        "error: {}:{at}: {sem} needs edge weights <= 1 (product aggregation), but \
                     the edge `e1` -> `h` has weight 1.5; lower the weight or use a \
                     sum-aggregation semantics such as quadratic-energy\n",
                        rel(file)
                    )
            );
        }
        // Hand calculation, quadratic energy: E = 1.5·0.8 − 1·0.6 = 0.6,
        // h(E) = 0.36/1.36, σ(h) = 0.5 + 0.5·h(E) = 0.632352941...
        let out = argmap(&[
            "eval",
            &rel(file),
            "--semantics",
            "quadratic-energy",
            "--json",
        ]);
        assert_eq!(out.status.code(), Some(0), "{file}: {}", stderr(&out));
        let v: serde_json::Value = serde_json::from_str(&crate::stdout(&out)).unwrap();
        let s = v["conclusion"]["strength"].as_f64().unwrap();
        assert!((s - (0.5 + 0.5 * 0.36 / 1.36)).abs() < 1e-9, "{file}: {s}");
    }
}

/// How long a bounded run may wait on the clock: only a process that stops
/// computing without ending (a deadlock) gets near it, since every bounded run
/// uses at most a few minutes of processor time, which even at a load of 20 on
/// two cores is well under an hour.
const DEADLOCK_GUARD: Duration = Duration::from_secs(3600);

/// Runs argmap with `args`, `env` and (optionally) `stdin_bytes` fed from a
/// thread, under a limit of `cpu_seconds` of processor time (`ulimit -S -t`): an
/// input must never hang the tool. The limit is on the time argmap itself
/// computes, not on the clock, so a loaded machine (other processes taking the
/// cores) cannot make it fail; only argmap's own work counts. A process that
/// waits without computing is caught by [`DEADLOCK_GUARD`] instead.
fn run_bounded(
    args: &[&str],
    env: &[(&str, &str)],
    stdin_bytes: Option<Feeder>,
    cpu_seconds: u64,
) -> (Option<i32>, String) {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!("ulimit -S -t {cpu_seconds} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_argmap"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .stdin(if stdin_bytes.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    let feeder = stdin_bytes.map(|feed| {
        let mut stdin = child.stdin.take().unwrap();
        std::thread::spawn(move || feed(&mut stdin))
    });
    // Both streams (`--format short` is output, the human format is on
    // standard error), standard output first.
    let read = |mut r: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut s = String::new();
            let _ = r.read_to_string(&mut s);
            s
        })
    };
    let out_reader = read(Box::new(child.stdout.take().unwrap()));
    let reader = read(Box::new(child.stderr.take().unwrap()));
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > DEADLOCK_GUARD {
            let _ = child.kill();
            panic!("argmap {args:?} still running after {DEADLOCK_GUARD:?}: a deadlock");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    // SIGXCPU (24) ends a process over its soft processor-time limit.
    if std::os::unix::process::ExitStatusExt::signal(&status) == Some(24) {
        panic!("argmap {args:?} used more than {cpu_seconds} s of processor time: a hang");
    }
    if let Some(f) = feeder {
        let _ = f.join();
    }
    (
        status.code(),
        out_reader.join().unwrap() + &reader.join().unwrap(),
    )
}

const MIB: u64 = 1024 * 1024;

#[test]
fn a_200_mb_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    // A sparse file: 200 MB long, no disk used; argmap must not read it.
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(200 * 1000 * 1000).unwrap();
    drop(f);
    let p = path.to_str().unwrap();
    let (code, err) = run_bounded(&["check", "--format", "short", p], &[], None, 60);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(
        err,
        format!(
            "{p}: error[E0005]: the file is too large (190.7 MiB; the limit is 32 MiB) \
             (help: an argument map is rarely over a few MiB: check that this is the file you \
             meant; to read it anyway, raise the limit with the environment variable \
             ARGMAP_MAX_FILE_MB (loading takes about 20 times the file's size in memory))\n"
        )
    );
    // The library refuses it the same way.
    let e = argmap::Source::read(&path).unwrap_err();
    assert_eq!(e.diagnostic.code, "E0005");
    assert!(!e.io);
}

#[test]
fn a_200_mb_stream_on_standard_input_is_cut_off_at_the_limit() {
    // Valid-looking text that never ends within the limit: argmap reads 32 MiB
    // and one byte, then stops (the writer sees a broken pipe).
    let feed = Box::new(|w: &mut dyn Write| {
        let _ = w.write_all(b"ArgumentGraph(title: \"endless\", nodes: [\n");
        let line =
            b"    Node(id: \"n\", kind: Claim, text: \"padding padding padding\", base: 0.5),\n";
        let mut sent = 0u64;
        while sent < 200 * 1000 * 1000 {
            if w.write_all(line).is_err() {
                return;
            }
            sent += line.len() as u64;
        }
    });
    let (code, err) = run_bounded(&["check", "--format", "short", "-"], &[], Some(feed), 120);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.starts_with(
            "<stdin>: error[E0005]: the file is too large (more than 32 MiB; the limit is 32 MiB)"
        ),
        "{err}"
    );
}

/// A valid graph of `n` nodes in a binary tree (each node supports or attacks
/// its parent), about 155 bytes per node.
fn tree_graph(n: usize) -> String {
    let mut s =
        String::from("ArgumentGraph(title: \"generated\", conclusion: \"n0\",\n nodes: [\n");
    for i in 0..n {
        s.push_str(&format!(
            "  Node(id: \"n{i}\", kind: Claim, text: \"Statement number {i} of a generated graph.\", base: 0.5),\n"
        ));
    }
    s.push_str(" ],\n edges: [\n");
    for i in 1..n {
        let kind = if i % 3 == 0 { "Attack" } else { "Support" };
        s.push_str(&format!(
            "  {kind}(from: \"n{i}\", to: \"n{}\", weight: 0.5),\n",
            (i - 1) / 2
        ));
    }
    s.push_str(" ],\n)\n");
    s
}

#[test]
fn the_size_limit_can_be_set_with_argmap_max_file_mb() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("two_mib.ron");
    let text = tree_graph(14_000);
    assert!(text.len() as u64 > MIB && (text.len() as u64) < 3 * MIB);
    std::fs::write(&path, &text).unwrap();
    let p = path.to_str().unwrap();
    let limited = |mb: &str| {
        run_bounded(
            &["check", "--format", "short", p],
            &[("ARGMAP_MAX_FILE_MB", mb)],
            None,
            120,
        )
    };
    let (code, err) = limited("1");
    assert_eq!(code, Some(1), "{err}");
    let size = format!("{:.1} MiB", text.len() as f64 / MIB as f64);
    assert!(
        err.contains(&format!(
            "error[E0005]: the file is too large ({size}; the limit is 1 MiB)"
        )),
        "{err}"
    );
    // Raised again (or not a number, which is ignored): read and checked.
    for mb in ["3", "lots"] {
        let (code, err) = limited(mb);
        assert_eq!(code, Some(0), "ARGMAP_MAX_FILE_MB={mb}: {err}");
        assert!(!err.contains("E0005"), "{err}");
    }
}

/// The stated memory bound (docs/format.md, `Source::MAX_BYTES`): loading takes
/// at most 16 times the file's size plus 20 MiB. Checked by running argmap
/// under an address-space limit (`ulimit -v`), which makes any allocation
/// beyond it fail.
#[cfg(target_os = "linux")]
#[test]
fn a_large_file_loads_within_the_stated_memory_bound() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ten_mib.ron");
    let text = tree_graph(65_000);
    std::fs::write(&path, &text).unwrap();
    let bound_kib = (16 * text.len() as u64 + 20 * MIB) / 1024;
    let script =
        format!("ulimit -v {bound_kib} && exec \"$0\" check --format short \"$1\" 2>/dev/null");
    let start = Instant::now();
    let out = Command::new("sh")
        .args([
            "-c",
            &script,
            env!("CARGO_BIN_EXE_argmap"),
            path.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    // Exit 0: a valid graph (its warnings go to the null device).
    assert_eq!(
        out.status.code(),
        Some(0),
        "{} MiB file under a {} MiB limit ({:?})",
        text.len() as u64 / MIB,
        bound_kib / 1024,
        start.elapsed()
    );
}

/// Shapes that once took quadratic (or cubic) time or overflowed the stack,
/// each a few MB: each must finish, with exit 0 or 1. The limit, 120 s of
/// processor time, is far above what a linear algorithm needs in a debug build
/// (a few seconds), far below what the old ones took (minutes to hours): a hang
/// guard, not a speed test. It counts processor time, not the clock, because a
/// wall-clock limit (90 s, then 600 s) failed on a loaded machine.
#[test]
fn pathological_shapes_are_checked_in_bounded_time() {
    let n = 20_000;
    let head = "ArgumentGraph(conclusion: \"h\", ";
    let h = "Node(id: \"h\", kind: Claim, text: \"x\", base: 0.5)";
    let join =
        |f: &dyn Fn(usize) -> String, k: usize| (0..k).map(f).collect::<Vec<_>>().join(",\n");
    // (what, text, exit code, also in the human format)
    let shapes: Vec<(&str, String, i32, bool)> = vec![
        // Validation walked every group's parent chain anew: cubic.
        (
            "a chain of 5 000 nested groups",
            format!(
                "{head}groups: [{}], nodes: [{h}])",
                join(
                    &|i| format!("Group(id: \"g{i}\", parent: \"g{}\")", i + 1),
                    5_000
                ) + ",\nGroup(id: \"g5000\")"
            ),
            0,
            false,
        ),
        // Each wrong id was compared with every id for a suggestion: quadratic.
        (
            "20 000 edges from nodes that do not exist",
            format!(
                "{head}nodes: [{h},\n{}], edges: [{}])",
                join(
                    &|i| format!("Node(id: \"node_{i}\", kind: Claim, text: \"x\", base: 0.5)"),
                    n
                ),
                join(
                    &|i| format!("Support(from: \"nodx_{i}\", to: \"node_{i}\")"),
                    n
                )
            ),
            1,
            false,
        ),
        // Duplicate fields were found by a linear search per field: quadratic.
        (
            "a node with 100 000 unknown fields",
            format!(
                "{head}nodes: [Node(id: \"h\", kind: Claim, text: \"x\", base: 0.5, {})])",
                join(&|i| format!("f{i}: 1"), 100_000)
            ),
            1,
            false,
        ),
        // Columns were counted from the start of the line: quadratic in a
        // one-line file with many diagnostics.
        (
            "20 000 duplicate ids on one line",
            format!("{head}nodes: [{}])", vec![h; n].join(",")),
            1,
            true,
        ),
        // petgraph's recursive Tarjan overflowed the stack on a long cycle.
        (
            "a cycle through 50 000 nodes",
            format!(
                "{head}nodes: [{h},\n{}], edges: [{},\nAttack(from: \"n0\", to: \"h\")])",
                join(
                    &|i| format!("Node(id: \"n{i}\", kind: Claim, text: \"x\", base: 0.5)"),
                    50_000
                ),
                join(
                    &|i| format!("Attack(from: \"n{i}\", to: \"n{}\")", (i + 1) % 50_000),
                    50_000
                )
            ),
            0,
            false,
        ),
        // Edit distance is quadratic in the length of the ids compared.
        (
            "an edge from a 1 000 000-character id",
            format!(
                "{head}nodes: [Node(id: \"{}\", kind: Claim, text: \"x\", base: 0.5)], edges: [Attack(from: \"{}b\", to: \"h\")])",
                "a".repeat(1_000_000),
                "a".repeat(999_999)
            ),
            1,
            false,
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (i, (what, text, exit, human)) in shapes.iter().enumerate() {
        let path = dir.path().join(format!("shape{i}.ron"));
        std::fs::write(&path, text).unwrap();
        let formats: &[&str] = if *human {
            &["short", "human"]
        } else {
            &["short"]
        };
        for format in formats {
            let (code, err) = run_bounded(
                &["check", "--format", format, path.to_str().unwrap()],
                &[],
                None,
                120,
            );
            let head: String = err.chars().take(600).collect();
            assert_eq!(code, Some(*exit), "{what} ({format}): {head}");
        }
    }
}

#[test]
fn no_command_panics_on_any_catalogue_file() {
    // Every subcommand that reads a graph, on every file of the catalogue:
    // an exit code of 0 to 3, never 101 (a panic) or a signal.
    let dir = tempfile::tempdir().unwrap();
    let out_dot = dir.path().join("out.dot");
    let out_svg = dir.path().join("out.svg");
    let (dot, svg) = (out_dot.to_str().unwrap(), out_svg.to_str().unwrap());
    for c in CATALOGUE {
        let f = rel(c.file);
        let f = f.as_str();
        let runs: Vec<Vec<&str>> = vec![
            vec!["eval", f],
            vec!["eval", f, "--semantics", "df-quad", "--json"],
            vec!["whatif", f, "--set-base", "h=0.1"],
            vec!["contrib", f, "--method", "all"],
            vec!["flip", f, "--among", "all"],
            vec!["explain", f],
            vec!["test", f],
            vec!["dot", f, "-o", dot],
            vec!["render", f, "--engine", "embedded", "-o", svg],
            vec!["extensions", f, "-s", "preferred"],
        ];
        for args in runs {
            let out = argmap(&args);
            assert!(
                matches!(out.status.code(), Some(0..=3)),
                "{args:?}: exit {:?}\n{}",
                out.status.code(),
                stderr(&out)
            );
            assert!(
                !stderr(&out).contains("panicked"),
                "{args:?}: {}",
                stderr(&out)
            );
        }
    }
}

/// Found by `benches/fuzz_inputs.py --seed 1` (case 1214: `E0601_no_header.af`
/// cut to its comment line): an `.af` file with no header has nothing to point
/// at, and the report named neither the file nor a position.
#[test]
fn a_header_less_af_file_is_named_in_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("comment_only.af");
    std::fs::write(&f, "# arguments 1").unwrap();
    let out = argmap(&["check", f.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("error[E0601]"), "{err}");
    assert!(err.contains(&format!("= in {}", f.display())), "{err}");
}

/// An empty file is told what its own format holds (each reader refuses an
/// empty text itself), not that "an argument file starts with
/// `ArgumentGraph(`" (RON): through `check`, and through the commands that
/// pick a reader otherwise (`convert --from`, `extensions`, `eval`'s fast
/// `.bag` path). Before, `.aif`, `.txt` (Kialo) and `.argdown` got RON's help.
#[test]
fn an_empty_file_gets_the_help_of_its_own_format() {
    let dir = tempfile::tempdir().unwrap();
    let formats = [
        ("af", "`p af N`"),
        ("i23", "`p af N`"),
        ("apx", "`arg(a).`"),
        ("tgf", "a line `#`"),
        ("bag", "`arg(a, 0.5).`"),
        ("json", "argmap JSON"),
        ("aif", "\"nodeID\""),
        ("txt", "`Discussion Title:"),
        ("kialo", "`Discussion Title:"),
        ("argdown", "`[title]: text`"),
        ("ad", "`[title]: text`"),
        ("ron", "`ArgumentGraph(`"),
        ("unknown", "`ArgumentGraph(`"),
    ];
    let empty = |ext: &str| {
        let f = dir.path().join(format!("empty.{ext}"));
        std::fs::write(&f, "\n \n").unwrap();
        f.to_str().unwrap().to_string()
    };
    let expect = |what: &str, out: std::process::Output, help: &str, ron: bool| {
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{what}: {err}");
        assert!(
            err.contains("error[E0003]: the file is empty"),
            "{what}: {err}"
        );
        assert!(err.contains(help), "{what}: {err}");
        assert_eq!(
            err.contains("ArgumentGraph("),
            ron,
            "{what}: only RON's help names ArgumentGraph\n{err}"
        );
    };
    for (ext, help) in formats {
        let f = empty(ext);
        let ron = matches!(ext, "ron" | "unknown");
        expect(ext, argmap(&["check", &f]), help, ron);
    }
    // The reader named by a flag, whatever the extension.
    let f = empty("data");
    for (from, help) in [("aif", "\"nodeID\""), ("kialo", "`Discussion Title:")] {
        let out = argmap(&["convert", "--from", from, "--to", "ron", "-o", "-", &f]);
        expect(from, out, help, false);
    }
    for (fmt, help) in [
        ("af", "`p af N`"),
        ("apx", "`arg(a).`"),
        ("tgf", "a line `#`"),
    ] {
        let out = argmap(&["extensions", "--input-format", fmt, &f]);
        expect(fmt, out, help, false);
    }
    expect(
        "eval .bag",
        argmap(&["eval", &empty("bag")]),
        "`arg(a, 0.5).`",
        false,
    );
    // GraphML is written, never read: the error says so, empty or not.
    let out = argmap(&["check", &empty("graphml")]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error[E0702]") && err.contains("only writes it"),
        "{err}"
    );
    assert!(!err.contains("ArgumentGraph("), "{err}");
}

/// `extensions --input-format apx` on an `.af` file: every line is an error in
/// the wrong reader. The report shows the first, says the text is an `.af`
/// file and how to read it as one, and does not suggest `arg` for `p`.
#[test]
fn a_framework_read_as_the_wrong_format_says_which_format_it_is() {
    let af = data("frameworks/probo_ex1.af");
    let af = af.to_str().unwrap();
    let out = argmap(&["extensions", "--input-format", "apx", af]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.matches("error[").count(), 1, "{err}");
    assert!(
        err.contains("this looks like an ICCMA .af file")
            && err.contains("drop `--input-format apx` (the extension `.af` picks af) or pass `--input-format af`")
            && err.contains("(7 more errors like this one not shown)"),
        "{err}"
    );
    assert!(!err.contains("did you mean `arg`"), "{err}");
    // The other way round, and through `iccma` (which has no --input-format):
    // an .apx text in a file named .af.
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("floating.af");
    std::fs::copy(data("frameworks/floating.apx"), &f).unwrap();
    let out = argmap(&["iccma", "-p", "SE-GR", "-f", f.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("this looks like an ASPARTIX .apx file")
            && err.contains("give the file the extension `.apx`"),
        "{err}"
    );
    // A format that matches is read as before.
    let out = argmap(&["extensions", "--input-format", "af", af]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// The extension picks a framework reader whatever its case, as the `.ron` /
/// `.json` readers do (`Format::from_extension`): `.AF`, `.Apx`, `.I23` are
/// read as `.af`, `.apx`, `.af` by `extensions` and `check` (before, `.AF`
/// was read as RON, and `extensions` failed on the first line).
#[test]
fn a_framework_extension_in_capitals_picks_its_reader() {
    let dir = tempfile::tempdir().unwrap();
    for (from, to) in [
        ("frameworks/probo_ex1.af", "EX.AF"),
        ("frameworks/probo_ex1.af", "ex.I23"),
        ("frameworks/floating.apx", "floating.Apx"),
    ] {
        let f = dir.path().join(to);
        std::fs::copy(data(from), &f).unwrap();
        let f = f.to_str().unwrap();
        let want = argmap(&[
            "extensions",
            data(from).to_str().unwrap(),
            "--semantics",
            "preferred",
        ]);
        let out = argmap(&["extensions", f, "--semantics", "preferred"]);
        assert_eq!(out.status.code(), Some(0), "{to}: {}", stderr(&out));
        assert_eq!(stdout(&out), stdout(&want), "{to}");
        let out = argmap(&["check", f]);
        assert_eq!(out.status.code(), Some(0), "{to}: {}", stderr(&out));
    }
}

/// A negative number given to a numeric flag is refused with the flag's own
/// reason, not clap's "unexpected argument '-1'" (whose tip, `-- -1`, would
/// make it a file name); a `--threshold` outside [0, 1] can never be crossed
/// by a strength, so `flip` and `sensitivity` refuse it instead of searching.
#[test]
fn negative_and_out_of_range_flag_values_say_why() {
    let g = "graphs/bike_theft.ron";
    for (args, says) in [
        (vec!["eval", g, "--delta", "-1"], "`-1` is not a number > 0"),
        (
            vec!["eval", g, "--time-budget", "-1"],
            "`-1` is not a number of seconds",
        ),
        (
            vec!["sensitivity", g, "--delta", "-0.1"],
            "`-0.1` is not a number >= 0",
        ),
        (
            vec!["flip", g, "--threshold", "7"],
            "`7` is not a strength in [0, 1]",
        ),
        (
            vec!["sensitivity", g, "--threshold", "-0.2"],
            "`-0.2` is not a strength in [0, 1]",
        ),
        (
            vec!["gen", "--nodes", "5", "--support-ratio", "-1"],
            "must be in [0, 1], not -1",
        ),
        // Whole-number flags (clap's "unexpected argument '-1'" before).
        (
            vec!["render", g, "--focus", "h_sam", "--depth", "-1", "-o", "-"],
            "`-1` is not a whole number, 0 or more",
        ),
        (
            vec!["whatif", g, "--remove", "e_camera", "--top", "-1"],
            "`-1` is not a whole number, 0 or more",
        ),
        (
            vec!["sensitivity", g, "--samples", "-1"],
            "`-1` is not a whole number of draws",
        ),
        (
            vec!["contrib", g, "--samples", "-1"],
            "`-1` is not a whole number, 0 or more",
        ),
        (
            vec!["contrib", g, "--samples", "1"],
            "`1` is too few samples: 2 or more",
        ),
        (
            vec!["gen", "--nodes", "-5"],
            "`-5` is not a whole number, 0 or more",
        ),
        (
            vec!["gen", "--nodes", "5", "--seed", "18446744073709551616"],
            "is too large a number for this flag",
        ),
    ] {
        let out = argmap(&args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(!err.contains("unexpected argument"), "{args:?}: {err}");
    }
}

/// A bounded, seeded run of the command-line mutation fuzzer
/// (`benches/fuzz_inputs.py`, docs/reliability.md): 300 mutants of the bundled
/// files through every command that reads them, none may panic, die of a
/// signal, hang (60 s a run, a watchdog, not a timing), exit outside 0-3, fail
/// silently, report an error without its file or position, or lose a file to
/// `fmt`. Long runs: `benches/fuzz_inputs.py --cases 5000 --seed N`.
#[test]
fn the_command_line_fuzzer_finds_nothing_in_a_bounded_run() {
    let out = Command::new("python3")
        .args([
            "benches/fuzz_inputs.py",
            "--binary",
            env!("CARGO_BIN_EXE_argmap"),
            "--cases",
            "300",
            "--seed",
            "1",
            "--timeout",
            "60",
        ])
        .current_dir(root())
        .output()
        .expect("python3 runs (.ci/run installs it)");
    let text = format!("{}{}", stdout(&out), stderr(&out));
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("300 cases in") && text.contains("\n0 flagged"),
        "{text}"
    );
}
