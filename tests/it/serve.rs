//! `argmap serve`: the HTTP API through a real client (ureq) against the real
//! server (the binary, on a free port): every endpoint, its equality with the
//! command that prints the same document, bad input, path traversal, the
//! `Host` guard, limits, file watching, "save as" and many clients at once.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::server::{Server, agent, answer};
use crate::{PATIENCE, argmap, root, stdout};

const PAPER: &str = "graphs/sino_russian_distrust.ron";
const NIXON: &str = "graphs/nixon_diamond.ron";

fn cli(args: &[&str]) -> String {
    let o = argmap(args);
    assert!(o.status.success(), "{args:?}: {}", crate::stderr(&o));
    stdout(&o)
}

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

#[test]
fn serve_eval_explain_whatif_contrib_flip_test_print_what_the_commands_print() {
    let s = Server::start(&[PAPER, NIXON], &[]);
    // The unchanged map: byte for byte the command's output.
    assert_eq!(
        s.post("/api/eval", "{}"),
        (200, cli(&["eval", PAPER, "--json"]))
    );
    assert_eq!(
        s.post(
            "/api/eval?file=1",
            r#"{"semantics": "df-quad", "node": "e_nixon_quaker"}"#
        ),
        (
            200,
            cli(&[
                "eval",
                NIXON,
                "--json",
                "--semantics",
                "df-quad",
                "--node",
                "e_nixon_quaker"
            ])
        )
    );
    assert_eq!(
        s.post("/api/explain", r#"{"node": "c_partnership"}"#),
        (
            200,
            cli(&["explain", PAPER, "--json", "--node", "c_partnership"])
        )
    );
    assert_eq!(
        s.post("/api/explain?file=1", "{}"),
        (200, cli(&["explain", NIXON, "--json"]))
    );
    // A what-if, given as the API's JSON and as the command's flags.
    let body = r#"{"remove": ["e_visions_prevent", "e_not_allies"], "set_base": {"e_alliance_reasons": 0.2},
                   "set_weight": [{"from": "c_managed", "to": "h_cordiality", "weight": 0.9}]}"#;
    assert_eq!(
        s.post("/api/whatif", body),
        (
            200,
            cli(&[
                "whatif",
                PAPER,
                "--json",
                "--remove",
                "e_visions_prevent,e_not_allies",
                "--set-base",
                "e_alliance_reasons=0.2",
                "--set-weight",
                "c_managed:h_cordiality=0.9",
            ])
        )
    );
    assert_eq!(
        s.post("/api/whatif?file=1", r#"{"remove_group": ["record"]}"#),
        (
            200,
            cli(&["whatif", NIXON, "--json", "--remove-group", "record"])
        )
    );
    assert_eq!(
        s.post(
            "/api/contrib?file=1",
            r#"{"method": "all", "players": "evidence"}"#
        ),
        (
            200,
            cli(&[
                "contrib",
                NIXON,
                "--json",
                "--method",
                "all",
                "--players",
                "evidence"
            ])
        )
    );
    assert_eq!(
        s.post("/api/flip?file=1", r#"{"players": "all"}"#),
        (200, cli(&["flip", NIXON, "--json", "--among", "all"]))
    );
    assert_eq!(
        s.post("/api/test", "{}"),
        (200, cli(&["test", PAPER, "--json"]))
    );
}

#[test]
fn serve_eval_of_a_whatif_is_eval_of_the_saved_modified_map() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("paper.ron");
    std::fs::copy(root().join(PAPER), &map).unwrap();
    let s = Server::start(&[map.to_str().unwrap()], &[]);
    let change = r#""remove": ["e_visions_prevent"], "set_base": {"e_not_allies": 0.1}"#;
    let (code, saved) = s.post("/api/save", &format!(r#"{{"path": "mod.ron", {change}}}"#));
    assert_eq!(code, 200, "{saved}");
    let saved_path = dir.path().join("mod.ron");
    assert_eq!(json(&saved)["written"], saved_path.display().to_string());
    let saved_text = std::fs::read_to_string(&saved_path).unwrap();
    assert!(
        !saved_text.contains("\"e_visions_prevent\""),
        "{saved_text}"
    );
    let p = saved_path.to_str().unwrap();
    // The same document as the command on the written file, byte for byte.
    let (code, eval) = s.post("/api/eval", &format!("{{{change}}}"));
    assert_eq!(
        (code, eval.as_str()),
        (200, cli(&["eval", p, "--json"]).as_str())
    );
    let (code, explain) = s.post(
        "/api/explain",
        &format!(r#"{{"node": "c_partnership", {change}}}"#),
    );
    assert_eq!(
        (code, explain.as_str()),
        (
            200,
            cli(&["explain", p, "--json", "--node", "c_partnership"]).as_str()
        )
    );
    // And the strengths are those of the what-if (an independent path: a mask
    // over the unchanged map, not a new map) to the solver's precision.
    let w = json(&s.post("/api/whatif", &format!("{{{change}}}")).1);
    let e = json(&eval);
    let topic = w["after"].as_f64().unwrap();
    let strength = e["conclusion"]["strength"].as_f64().unwrap();
    assert!((topic - strength).abs() < 1e-9, "{topic} vs {strength}");
    for c in w["changed"].as_array().unwrap() {
        let id = c["id"].as_str().unwrap();
        let x = e["strengths"][id].as_f64().unwrap();
        assert!((c["after"].as_f64().unwrap() - x).abs() < 1e-9, "{id}");
    }
    // The original is untouched.
    assert_eq!(
        std::fs::read(&map).unwrap(),
        std::fs::read(root().join(PAPER)).unwrap()
    );
}

#[test]
fn serve_get_endpoints_and_the_page() {
    let s = Server::start(&[NIXON, PAPER], &[]);
    let (code, files) = s.get("/api/files");
    assert_eq!(code, 200);
    let files = json(&files);
    assert_eq!(files[0]["name"], NIXON);
    assert_eq!(files[1]["name"], PAPER);
    assert_eq!(files[1]["ok"], true);
    let (code, g) = s.get("/api/graph?file=1");
    assert_eq!(code, 200);
    // argmap's JSON model: it reads back as the file's model.
    let back = argmap::formats::json::parse(&argmap::Source::new("g.json", g.as_str())).unwrap();
    let ron = argmap::parse(&argmap::Source::read(&root().join(PAPER)).unwrap()).unwrap();
    assert_eq!(back.graph, ron.graph);
    assert_eq!(g, argmap::formats::json::to_json_string(&ron.graph));
    let (code, svg) = s.get("/api/svg");
    assert_eq!(code, 200);
    assert!(svg.contains("<svg"), "{svg}");
    // The stable structure of docs/diagrams.md, which the page clicks and colours.
    assert!(
        svg.contains(r#"class="node" data-id="e_nixon_quaker""#),
        "{svg}"
    );
    assert!(
        svg.contains(r#"data-from="c_quaker" data-to="h_pacifist""#),
        "{svg}"
    );
    let (code, text) = s.get("/api/source?file=0");
    assert_eq!(
        (code, text),
        (200, std::fs::read_to_string(root().join(NIXON)).unwrap())
    );
    let (code, page) = s.get("/");
    assert_eq!(code, 200);
    assert!(page.contains("<script src=\"/page.js\""), "{page}");
    for asset in ["/page.js", "/page.css"] {
        let (code, body) = s.get(asset);
        assert_eq!(code, 200, "{asset}");
        assert!(body.len() > 1000, "{asset}");
    }
    // The page's one round trip: the what-if, the verdicts and the colours.
    let (code, view) = s.post("/api/view?file=1", r#"{"remove": ["e_visions_prevent"]}"#);
    assert_eq!(code, 200);
    let v = json(&view);
    assert_eq!(v["verdict"]["before"], "rejected");
    assert_eq!(
        v["colours"]["h_cordiality"]["before"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert!(v["colours"]["e_visions_prevent"].get("after").is_none());
    assert_eq!(v["ramp"].as_array().unwrap().len(), 11);
    // The ramp's ends: cividis dark blue at 0 and yellow at 1 (the diagrams' scale).
    assert_eq!(v["ramp"][0], "#00224E");
}

#[test]
fn serve_bad_requests_get_400_with_a_message_and_unknown_paths_404() {
    let s = Server::start(&[NIXON], &[]);
    let bad = |path: &str, body: &str, status: u16, words: &str| {
        let (code, text) = s.post(path, body);
        assert_eq!(code, status, "{path} {body}: {text}");
        let j = json(&text);
        let msg = j["error"].as_str().unwrap().to_string();
        assert!(msg.contains(words), "{path} {body}: {msg}");
        j
    };
    bad("/api/eval", "{\"remove\": [", 400, "not a valid request");
    bad("/api/eval", "[1, 2]", 400, "not a valid request");
    bad(
        "/api/eval",
        r#"{"remvoe": ["e_nixon_quaker"]}"#,
        400,
        "unknown field `remvoe`",
    );
    bad(
        "/api/eval",
        r#"{"remove": ["e_nixon_quakr"]}"#,
        400,
        "did you mean `e_nixon_quaker`?",
    );
    bad(
        "/api/explain",
        r#"{"node": "nixn"}"#,
        400,
        "no node has this id",
    );
    bad(
        "/api/eval",
        r#"{"semantics": "df-qaud"}"#,
        400,
        "did you mean `df-quad`?",
    );
    bad(
        "/api/eval",
        r#"{"set_base": {"e_nixon_quaker": 1.5}}"#,
        400,
        "not in [0, 1]",
    );
    bad(
        "/api/whatif",
        r#"{"set_weight": [{"from": "h_pacifist", "to": "e_nixon_quaker", "weight": 0.5}]}"#,
        400,
        "no edge from",
    );
    bad(
        "/api/eval",
        r#"{"remove": ["h_pacifist"]}"#,
        400,
        "removes the conclusion",
    );
    bad(
        "/api/contrib",
        r#"{"method": "magic"}"#,
        400,
        "unknown method",
    );
    bad("/api/flip", r#"{"max_size": 99}"#, 400, "max_size 99");
    // As `argmap flip --threshold`: a strength cannot cross 7 (it searched 138 sets).
    bad(
        "/api/flip",
        r#"{"threshold": 7}"#,
        400,
        "threshold 7 is not a strength in [0, 1]",
    );
    bad("/api/save", "{}", 400, "needs `path`");
    bad("/api/eval?file=1", "{}", 404, "no served file `1`");
    bad(
        "/api/eval?file=..%2F..%2Fetc%2Fpasswd",
        "{}",
        404,
        "no served file",
    );
    // Not JSON: refused before anything is read.
    let (code, text) = answer(
        agent()
            .post(format!("{}api/eval", s.url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .send("remove=e_nixon_quaker"),
    );
    assert_eq!(code, 415, "{text}");
    // Too large a body: refused.
    let big = format!(r#"{{"remove": ["{}"]}}"#, "x".repeat(100_000));
    let (code, _) = s.post("/api/eval", &big);
    assert_eq!(code, 413);
    let (code, text) = s.get("/no/such/page");
    assert_eq!(code, 404);
    assert!(
        json(&text)["error"]
            .as_str()
            .unwrap()
            .contains("/no/such/page")
    );
    let (code, _) = s.get("/api/eval");
    assert_eq!(code, 405, "GET on a POST endpoint");
    // The server is still there.
    assert_eq!(s.get("/api/files").0, 200);
}

#[test]
fn serve_reads_no_path_a_request_names() {
    let s = Server::start(&[NIXON], &[]);
    let host = format!("Host: {}\r\nConnection: close\r\n\r\n", s.addr);
    for path in [
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2f..%2fetc%2fpasswd",
        "/page.js/../../Cargo.toml",
        "/graphs/nixon_diamond.ron",
        "/api/../Cargo.toml",
        "/api/graph?file=/etc/passwd",
        "/api/source?file=../../etc/passwd",
        "/api/svg?file=-1",
    ] {
        let r = s.raw(&format!("GET {path} HTTP/1.1\r\n{host}"));
        let status = r.split_whitespace().nth(1).unwrap_or_default();
        assert!(
            status == "404" || status == "400",
            "{path}: {}",
            r.lines().next().unwrap_or_default()
        );
        assert!(!r.contains("root:"), "{path}");
        assert!(!r.contains("[package]"), "{path}");
        assert!(!r.contains("ArgumentGraph("), "{path}");
    }
    // "save as" writes a plain file name next to the served file, nowhere else.
    for path in [
        "../evil.ron",
        "/tmp/evil.ron",
        "sub/evil.ron",
        ".hidden.ron",
        "evil.txt",
        "..\\evil.ron",
    ] {
        let (code, text) = s.post(
            "/api/save",
            &format!(r#"{{"path": {}}}"#, serde_json::Value::from(path)),
        );
        assert_eq!(code, 400, "{path}: {text}");
    }
    assert!(!root().join("../evil.ron").exists());
    assert!(!Path::new("/tmp/evil.ron").exists());
}

#[test]
fn serve_answers_only_its_own_host_name() {
    // A page of another site that makes its own name resolve to 127.0.0.1
    // (DNS rebinding) sends its own Host: refused.
    let s = Server::start(&[NIXON], &[]);
    let r = s.raw("GET /api/graph HTTP/1.1\r\nHost: evil.example:80\r\nConnection: close\r\n\r\n");
    assert!(r.starts_with("HTTP/1.1 403"), "{r}");
    assert!(!r.contains("e_nixon_quaker"), "{r}");
    let port = s.addr.split(':').nth(1).unwrap();
    let r = s.raw(&format!(
        "GET /api/files HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\n\r\n"
    ));
    assert!(r.starts_with("HTTP/1.1 200"), "{r}");
}

#[test]
fn serve_saves_atomically_and_never_over_a_file_without_confirmation() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("nixon.ron");
    std::fs::copy(root().join(NIXON), &map).unwrap();
    let original = std::fs::read_to_string(&map).unwrap();
    let s = Server::start(&[map.to_str().unwrap()], &[]);
    // Over the served file itself: refused without the confirmation.
    let (code, text) = s.post(
        "/api/save",
        r#"{"path": "nixon.ron", "remove": ["e_nixon_quaker"]}"#,
    );
    assert_eq!(code, 409, "{text}");
    assert!(text.contains("is the served file itself"), "{text}");
    assert_eq!(std::fs::read_to_string(&map).unwrap(), original);
    // A new name: written, in the canonical layout, and it checks.
    let (code, _) = s.post(
        "/api/save",
        r#"{"path": "w.ron", "remove": ["e_nixon_quaker"]}"#,
    );
    assert_eq!(code, 200);
    let w = dir.path().join("w.ron");
    let o = argmap(&["check", w.to_str().unwrap()]);
    assert!(o.status.success(), "{}", crate::stderr(&o));
    assert!(
        argmap(&["fmt", "--check", w.to_str().unwrap()])
            .status
            .success()
    );
    // Again: it exists now.
    let (code, _) = s.post("/api/save", r#"{"path": "w.ron"}"#);
    assert_eq!(code, 409);
    // Confirmed: replaced (the unchanged map this time), and no temporary
    // file is left in the directory.
    let (code, _) = s.post("/api/save", r#"{"path": "w.ron", "overwrite": true}"#);
    assert_eq!(code, 200);
    assert!(
        std::fs::read_to_string(&w)
            .unwrap()
            .contains("\"e_nixon_quaker\"")
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

/// Waits (at most [`PATIENCE`]) until `/api/files` shows `file` at a version
/// other than `old`; its entry then.
fn next_version(s: &Server, old: u64) -> serde_json::Value {
    let start = Instant::now();
    loop {
        let f = json(&s.get("/api/files").1)[0].clone();
        if f["version"].as_u64() != Some(old) {
            return f;
        }
        assert!(start.elapsed() < PATIENCE, "the change was not seen: {f}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn serve_follows_the_file_and_shows_a_broken_one_as_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("nixon.ron");
    let good = std::fs::read_to_string(root().join(NIXON)).unwrap();
    std::fs::write(&map, &good).unwrap();
    let s = Server::start(&[map.to_str().unwrap()], &[]);
    assert_eq!(json(&s.get("/api/files").1)[0]["version"], 1);
    // Broken: an edge to a node that does not exist.
    crate::save(
        &map,
        &good.replace("to: \"h_pacifist\"", "to: \"h_pacifst\""),
    );
    let f = next_version(&s, 1);
    assert_eq!(f["ok"], false, "{f}");
    let diag = f["diagnostics"][0]["code"].as_str().unwrap().to_string();
    assert!(diag.starts_with("E02"), "{f}");
    let (code, text) = s.post("/api/eval", "{}");
    assert_eq!(code, 422, "{text}");
    assert_eq!(json(&text)["diagnostics"][0]["code"], diag.as_str());
    assert_eq!(s.get("/api/graph").0, 422);
    // Fixed, with a change: the new map is served.
    let v = f["version"].as_u64().unwrap();
    crate::save(&map, &good.replace("base: 0.9", "base: 0.85"));
    let f = next_version(&s, v);
    assert_eq!(f["ok"], true, "{f}");
    let (code, text) = s.post("/api/eval", "{}");
    assert_eq!(code, 200);
    assert_eq!(text, cli(&["eval", map.to_str().unwrap(), "--json"]));
}

#[test]
fn serve_answers_many_clients_at_once() {
    let s = Server::start(&[PAPER], &[]);
    let bodies: Vec<String> = [
        "e_visions_prevent",
        "e_not_allies",
        "e_alliance_reasons",
        "e_rose_1998",
    ]
    .iter()
    .map(|id| format!(r#"{{"remove": ["{id}"]}}"#))
    .collect();
    let expected: Vec<(u16, String)> = bodies.iter().map(|b| s.post("/api/whatif", b)).collect();
    std::thread::scope(|t| {
        for k in 0..8 {
            let (s, bodies, expected) = (&s, &bodies, &expected);
            t.spawn(move || {
                for i in 0..6 {
                    let j = (k + i) % bodies.len();
                    assert_eq!(s.post("/api/whatif", &bodies[j]), expected[j], "client {k}");
                    assert_eq!(s.get("/api/files").0, 200);
                }
            });
        }
    });
}

#[test]
fn serve_answers_503_naming_the_limit_and_lives_on() {
    // A ring of 400 claims: a Shapley computation cannot finish two
    // permutations in a microsecond.
    let dir = tempfile::tempdir().unwrap();
    let ring = dir.path().join("ring.ron");
    let n = 400;
    let mut text = String::from("ArgumentGraph(conclusion: \"n0\", nodes: [\n");
    for i in 0..n {
        text.push_str(&format!(
            "Node(id: \"n{i}\", kind: Claim, text: \"x\", base: 0.5),\n"
        ));
    }
    text.push_str("], edges: [\n");
    for i in 0..n {
        text.push_str(&format!(
            "Attack(from: \"n{i}\", to: \"n{}\", weight: 0.7),\n",
            (i + 1) % n
        ));
    }
    std::fs::write(&ring, text + "])\n").unwrap();
    let s = Server::start(&[ring.to_str().unwrap()], &["--time-budget", "0.000001"]);
    let (code, text) = s.post("/api/contrib", r#"{"method": "shapley"}"#);
    assert_eq!(code, 503, "{text}");
    let j = json(&text);
    assert_eq!(j["limit"], "time-budget", "{j}");
    assert!(j["help"].as_str().unwrap().contains("--time-budget"), "{j}");
    assert_eq!(s.get("/api/files").0, 200);
}

#[test]
fn serve_refuses_what_it_cannot_serve() {
    let o = argmap(&["serve", "no/such/map.ron", "--port", "0"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        crate::stderr(&o).contains("no/such/map.ron"),
        "{}",
        crate::stderr(&o)
    );
    let o = argmap(&["serve", NIXON, "--host", "not-an-address", "--port", "0"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(crate::stderr(&o).contains("not an IP address"));
}

#[test]
fn serve_warns_when_it_listens_beyond_this_machine() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_argmap"))
        .args(["serve", NIXON, "--port", "0", "--host", "0.0.0.0"])
        .current_dir(root())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        first.starts_with(
            "warning: listening on 0.0.0.0, not on 127.0.0.1: anyone who can reach this machine"
        ),
        "{first}"
    );
}
