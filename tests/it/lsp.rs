//! `argmap lsp`: a scripted client drives the real server process over stdio
//! (initialize, open a file with errors, diagnostics, hover, definition,
//! references, rename, completion, symbols, formatting, shutdown).

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};

use serde_json::{Value, json};

use crate::{argmap, root, stdout};

/// The server process and the messages it sends.
struct Client {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    next: i64,
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_argmap"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("argmap lsp starts");
        let stdin = child.stdin.take().unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            loop {
                let mut len = 0usize;
                loop {
                    let mut line = String::new();
                    if out.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        len = n.parse().unwrap();
                    }
                }
                let mut body = vec![0; len];
                if out.read_exact(&mut body).is_err() {
                    return;
                }
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            rx,
            next: 1,
        }
    }

    fn send(&mut self, v: &Value) {
        let body = v.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message that satisfies `want` (others are skipped).
    fn wait(&mut self, want: impl Fn(&Value) -> bool) -> Value {
        loop {
            let m = self
                .rx
                .recv_timeout(crate::PATIENCE)
                .expect("the server answers");
            if want(&m) {
                return m;
            }
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let r = self.send_request(method, params);
        assert!(r.get("error").is_none(), "{method}: {r}");
        r["result"].clone()
    }

    /// The whole response (`result` or `error`).
    fn send_request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next;
        self.next += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait(|m| m["id"] == id)
    }

    fn diagnostics(&mut self) -> Vec<Value> {
        let m = self.wait(|m| m["method"] == "textDocument/publishDiagnostics");
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }
}

const URI: &str = "file:///tmp/map.ron";

/// A map with a misspelt id in an edge (E0202) and, once that is fixed, a
/// missing citation (W0301).
const BROKEN: &str = r#"ArgumentGraph(
    title: "T",
    conclusion: "h",
    groups: [Group(id: "pro", label: "For")],
    nodes: [
        Node(id: "h", kind: Claim, base: 0.5, text: "The claim."),
        Node(id: "e_trial", kind: Evidence, base: 0.8, group: "pro", text: "A trial.", cite: (ref: "S 2020")),
        Node(id: "e_doubt", kind: Evidence, base: 0.5, text: "A doubt."),
    ],
    edges: [
        Support(from: "e_trail", to: "h", weight: 0.9),
        Attack(from: "e_doubt", to: "h", weight: 0.5),
    ],
)
"#;

/// Line and UTF-16 column of the `n`-th occurrence of `needle` in `text`, plus `skip` characters.
fn pos(text: &str, needle: &str, n: usize, skip: usize) -> Value {
    let at = text.match_indices(needle).nth(n).unwrap().0 + skip;
    let line = text[..at].matches('\n').count();
    let col = at - text[..at].rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": col})
}

fn doc_pos(text: &str, needle: &str, n: usize, skip: usize) -> Value {
    json!({"textDocument": {"uri": URI}, "position": pos(text, needle, n, skip)})
}

#[test]
fn a_scripted_editor_session() {
    let mut c = Client::start();
    let init = c.request("initialize", json!({"capabilities": {}, "processId": null}));
    for cap in [
        "hoverProvider",
        "definitionProvider",
        "referencesProvider",
        "renameProvider",
        "documentFormattingProvider",
        "completionProvider",
        "documentSymbolProvider",
    ] {
        assert!(!init["capabilities"][cap].is_null(), "{cap}: {init}");
    }
    c.notify("initialized", json!({}));

    // Open a file with an error and a warning: the same codes, messages and
    // positions as `argmap check --format json`.
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "ron", "version": 1, "text": BROKEN}}),
    );
    let diags = c.diagnostics();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("map.ron");
    std::fs::write(&file, BROKEN).unwrap();
    let check: Value = serde_json::from_str(&stdout(&argmap(&[
        "check",
        "--format",
        "json",
        file.to_str().unwrap(),
    ])))
    .unwrap();
    let check = check.as_array().unwrap();
    assert_eq!(diags.len(), check.len(), "{diags:?}\n{check:?}");
    for (d, k) in diags.iter().zip(check) {
        assert_eq!(d["code"], k["code"]);
        assert!(
            d["message"]
                .as_str()
                .unwrap()
                .starts_with(k["message"].as_str().unwrap())
        );
        // check's lines and columns count from 1.
        assert_eq!(
            d["range"]["start"]["line"].as_u64().unwrap() + 1,
            k["line"].as_u64().unwrap()
        );
        assert_eq!(
            d["range"]["start"]["character"].as_u64().unwrap() + 1,
            k["column"].as_u64().unwrap()
        );
        let sev = if k["severity"] == "error" { 1 } else { 2 };
        assert_eq!(d["severity"], sev);
    }
    let codes: Vec<&str> = diags.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"E0202"), "{codes:?}");
    let e0202 = diags.iter().find(|d| d["code"] == "E0202").unwrap();
    assert!(
        e0202["message"].as_str().unwrap().contains("e_trial"),
        "{e0202}"
    );

    // The suggested fix as a code action.
    let mut p = json!({"textDocument": {"uri": URI}, "context": {"diagnostics": []}});
    p["range"] = e0202["range"].clone();
    let actions = c.request("textDocument/codeAction", p);
    let edit = &actions[0]["edit"]["changes"][URI][0];
    assert_eq!(edit["newText"], "\"e_trial\"", "{actions}");
    assert_eq!(edit["range"], e0202["range"]);

    // Fix the typo: no more errors.
    let fixed = BROKEN.replace("e_trail", "e_trial");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    let diags = c.diagnostics();
    // Warnings are reported too (as by `check`, once the file has no error).
    assert!(diags.iter().all(|d| d["severity"] == 2), "{diags:?}");
    // Warnings are reported too (as by `check`, once the file has no error).
    assert!(diags.iter().any(|d| d["code"] == "W0301"), "{diags:?}");
    assert!(diags.iter().any(|d| d["code"] == "W0301"), "{diags:?}");

    // Hover on the id in the edge: kind, text, base and strength.
    let h = c.request("textDocument/hover", doc_pos(&fixed, "\"e_trial\"", 1, 3));
    let text = h["contents"]["value"].as_str().unwrap();
    assert!(
        text.contains("Evidence") && text.contains("A trial.") && text.contains("base 0.8"),
        "{text}"
    );
    assert!(
        text.contains("strength 0.8000 under quadratic-energy"),
        "{text}"
    );
    // Hover on an edge (on its weight): kind, weight, source's strength.
    let h = c.request("textDocument/hover", doc_pos(&fixed, "weight: 0.5", 0, 9));
    let text = h["contents"]["value"].as_str().unwrap();
    assert!(
        text.contains("Attack")
            && text.contains("weight 0.5")
            && text.contains("source strength 0.5000"),
        "{text}"
    );

    // Definition of the id in the edge: the node's id.
    let d = c.request(
        "textDocument/definition",
        doc_pos(&fixed, "\"e_trial\"", 1, 1),
    );
    assert_eq!(d["range"]["start"], pos(&fixed, "\"e_trial\"", 0, 1));
    assert_eq!(d["uri"], URI);

    // References: the declaration and the edge.
    let mut p = doc_pos(&fixed, "\"e_trial\"", 0, 2);
    p["context"] = json!({"includeDeclaration": true});
    let r = c.request("textDocument/references", p);
    assert_eq!(r.as_array().unwrap().len(), 2, "{r}");

    // Rename the conclusion's id: one edit per place it is written (the
    // conclusion, the node, two edges).
    let mut p = doc_pos(&fixed, "\"h\"", 1, 1);
    p["newName"] = json!("h_claim");
    let w = c.request("textDocument/rename", p);
    let edits = w["changes"][URI].as_array().unwrap();
    assert_eq!(edits.len(), 4, "{w}");
    assert!(edits.iter().all(|e| e["newText"] == "h_claim"));

    // Completion offers node ids, group ids, kinds and semantics names.
    let items = c.request(
        "textDocument/completion",
        doc_pos(&fixed, "\"e_doubt\"", 1, 1),
    );
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    for want in [
        "e_trial",
        "pro",
        "Evidence",
        "df-quad",
        "weight",
        "expert_opinion",
    ] {
        assert!(labels.contains(&want), "{want}: {labels:?}");
    }

    // Symbols: the group with its node, then the nodes in no group.
    let s = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    assert_eq!(s[0]["name"], "pro");
    assert_eq!(s[0]["children"][0]["name"], "e_trial");
    assert_eq!(s.as_array().unwrap().len(), 3);

    // Inlay hints: each node's strength after its id (e_trial has nothing
    // bearing on it, so its strength is its base, 0.8).
    let hints = c.request("textDocument/inlayHint", json!({"textDocument": {"uri": URI}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}}));
    let hints = hints.as_array().unwrap();
    assert_eq!(hints.len(), 3);
    assert_eq!(hints[1]["label"], "σ 0.800");
    assert_eq!(hints[1]["position"], pos(&fixed, "\"e_trial\"", 0, 9));
    // Folding: the list of nodes (the only struct over several lines).
    let folds = c.request(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": URI}}),
    );
    assert_eq!(folds[0]["startLine"], 4, "{folds}");
    assert_eq!(folds[0]["endLine"], 8, "{folds}");

    // Formatting: the whole text, as `argmap fmt` writes it.
    let f = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": URI}, "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    std::fs::write(&file, &fixed).unwrap();
    let o = argmap(&["fmt", file.to_str().unwrap()]);
    assert!(o.status.success());
    assert_eq!(
        f[0]["newText"].as_str().unwrap(),
        std::fs::read_to_string(&file).unwrap()
    );

    // Half-typed text never stops the server: it reports the syntax error.
    let half = &fixed[..fixed.len() / 2];
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 3}, "contentChanges": [{"text": half}]}),
    );
    let diags = c.diagnostics();
    assert_eq!(diags[0]["code"], "E0101", "{diags:?}");
    let h = c.request("textDocument/hover", doc_pos(half, "\"e_trial\"", 0, 2));
    assert!(h.is_null() || h["contents"].is_object());

    c.request("shutdown", Value::Null);
    c.notify("exit", Value::Null);
    let status = c.child.wait().unwrap();
    assert!(status.success());
    let _ = root();
}

#[test]
fn inlay_hints_can_be_turned_off() {
    let mut c = Client::start();
    c.request(
        "initialize",
        json!({"capabilities": {}, "processId": null, "initializationOptions": {"inlayHints": false}}),
    );
    c.notify("initialized", json!({}));
    let text = BROKEN.replace("e_trail", "e_trial");
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "ron", "version": 1, "text": text}}),
    );
    c.diagnostics();
    let hints = c.request("textDocument/inlayHint", json!({"textDocument": {"uri": URI}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}}));
    assert_eq!(hints, json!([]));
    c.request("shutdown", Value::Null);
    c.notify("exit", Value::Null);
    assert!(c.child.wait().unwrap().success());
}

/// Edge ids, `Undercut.to` and linked `from` lists through the protocol:
/// definition, references, hover, rename and completion (issue 20 on issue
/// 17's structure).
#[test]
fn structured_arguments_in_the_editor() {
    const MAP: &str = r#"ArgumentGraph(
    title: "T",
    conclusion: "c",
    nodes: [
        Node(id: "c", kind: Claim, base: 0.5, text: "The bridge is safe."),
        Node(id: "e_says", kind: Evidence, base: 0.9, text: "Dr Ng says so.", cite: (ref: "I 2024")),
        Node(id: "e_is_expert", kind: Evidence, base: 0.8, text: "Dr Ng is an engineer.", cite: (ref: "R 2024")),
        Node(id: "e_conflict", kind: Evidence, base: 0.5, text: "Dr Ng's firm built it.", cite: (ref: "F 2020")),
    ],
    edges: [
        Support(id: "s_expert", from: ["e_says", "e_is_expert"], to: "c", scheme: "expert_opinion"),
        Undercut(id: "u1", from: "e_conflict", to: "s_expert", weight: 0.8, question: "CQ4"),
    ],
)
"#;
    let mut c = Client::start();
    c.request("initialize", json!({"capabilities": {}, "processId": null}));
    c.notify("initialized", json!({}));
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "ron", "version": 1, "text": MAP}}),
    );
    let diags = c.diagnostics();
    assert!(diags.iter().all(|d| d["severity"] != 1), "{diags:?}");

    // Definition of the edge id an undercut names: the edge's `id`.
    let d = c.request(
        "textDocument/definition",
        doc_pos(MAP, "\"s_expert\"", 1, 2),
    );
    assert_eq!(d["range"]["start"], pos(MAP, "\"s_expert\"", 0, 1), "{d}");
    // Definition of a premise inside a linked `from` list: the node.
    let d = c.request(
        "textDocument/definition",
        doc_pos(MAP, "\"e_is_expert\"", 1, 2),
    );
    assert_eq!(
        d["range"]["start"],
        pos(MAP, "\"e_is_expert\"", 0, 1),
        "{d}"
    );

    // References of the edge id: its declaration and the undercut's `to`.
    let mut p = doc_pos(MAP, "\"s_expert\"", 0, 2);
    p["context"] = json!({"includeDeclaration": true});
    let r = c.request("textDocument/references", p);
    assert_eq!(r.as_array().unwrap().len(), 2, "{r}");
    // Without the declaration: the undercut's `to` only.
    let mut p = doc_pos(MAP, "\"s_expert\"", 0, 2);
    p["context"] = json!({"includeDeclaration": false});
    let r = c.request("textDocument/references", p);
    assert_eq!(
        r[0]["range"]["start"],
        pos(MAP, "\"s_expert\"", 1, 1),
        "{r}"
    );

    // Hover on the undercut's `to`: the inference it weakens, its linked
    // premises with their strengths, the scheme, and who undercuts it.
    let h = c.request("textDocument/hover", doc_pos(MAP, "\"s_expert\"", 1, 3));
    let text = h["contents"]["value"].as_str().unwrap();
    for want in [
        "**Support** `s_expert`",
        "`e_says` + `e_is_expert` → `c`",
        "linked premises (jointly; as strong as the weakest): `e_says` 0.9000, `e_is_expert` 0.8000",
        "weakest 0.8000 under quadratic-energy",
        "scheme `expert_opinion` (Argument from expert opinion)",
        "undercut by `u1`",
    ] {
        assert!(text.contains(want), "{want}: {text}");
    }
    // Hover on the undercut itself (on its weight): it targets an inference.
    let h = c.request("textDocument/hover", doc_pos(MAP, "weight: 0.8", 0, 9));
    let text = h["contents"]["value"].as_str().unwrap();
    assert!(
        text.contains("**Undercut** `u1`: `e_conflict` → the inference `s_expert`")
            && text.contains("source strength 0.5000")
            && text.contains("question CQ4"),
        "{text}"
    );
    // Hover on a premise in the list: the node.
    let h = c.request("textDocument/hover", doc_pos(MAP, "\"e_says\"", 1, 2));
    let text = h["contents"]["value"].as_str().unwrap();
    assert!(text.contains("Dr Ng says so."), "{text}");

    // Rename the edge id: its declaration and the undercut's `to`.
    let mut p = doc_pos(MAP, "\"s_expert\"", 1, 1);
    p["newName"] = json!("s_ng");
    let e = c.request("textDocument/rename", p);
    let edits = e["changes"][URI].as_array().unwrap();
    assert_eq!(edits.len(), 2, "{e}");
    assert!(edits.iter().all(|x| x["newText"] == "s_ng"), "{e}");
    // Rename a premise of the linked list: the node and the list entry.
    let mut p = doc_pos(MAP, "\"e_is_expert\"", 1, 1);
    p["newName"] = json!("e_engineer");
    let e = c.request("textDocument/rename", p);
    assert_eq!(e["changes"][URI].as_array().unwrap().len(), 2, "{e}");
    // An edge id is taken: renaming a node to it is refused.
    let mut p = doc_pos(MAP, "\"c\"", 0, 1);
    p["newName"] = json!("u1");
    let e = c.send_request("textDocument/rename", p);
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("already an id"),
        "{e}"
    );

    // Completion offers the edge ids (for an undercut's `to`) and `Undercut`.
    let items = c.request(
        "textDocument/completion",
        doc_pos(MAP, "\"s_expert\"", 1, 1),
    );
    let items = items.as_array().unwrap();
    let edge = items.iter().find(|i| i["label"] == "s_expert").unwrap();
    assert_eq!(edge["kind"], 18, "REFERENCE: {edge}");
    assert!(
        edge["detail"]
            .as_str()
            .unwrap()
            .contains("Support: e_says + e_is_expert -> c"),
        "{edge}"
    );
    assert!(items.iter().any(|i| i["label"] == "u1"));
    assert!(items.iter().any(|i| i["label"] == "Undercut"));

    c.request("shutdown", Value::Null);
    c.notify("exit", Value::Null);
    assert!(c.child.wait().unwrap().success());
}
