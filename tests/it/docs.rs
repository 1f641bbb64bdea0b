//! The documentation's examples are tests (as in jaq's manual): every block
//!
//! ````text
//! ```console
//! $ argmap eval docs/tutorial/step3.ron
//! ...the exact output...
//! ```
//! ````
//!
//! in `docs/*.md` and `README.md` is run from the package root, and its standard
//! output followed by its standard error must match the text shown. A block may
//! hold several `$ ` commands. Set `ARGMAP_BLESS=1` to rewrite the shown output
//! with the real one (then review the diff).

use std::path::Path;

use crate::root;

struct Block {
    /// Byte range of the block's body (after the opening fence line).
    body: std::ops::Range<usize>,
    /// (command line, shown output) pairs.
    runs: Vec<(String, String)>,
}

fn blocks(doc: &str) -> Vec<Block> {
    let mut out = vec![];
    let mut pos = 0;
    while let Some(i) = doc[pos..].find("```console\n") {
        let start = pos + i + "```console\n".len();
        let Some(len) = doc[start..].find("```\n") else {
            break;
        };
        let body = &doc[start..start + len];
        let mut runs: Vec<(String, String)> = vec![];
        for line in body.split_inclusive('\n') {
            if let Some(cmd) = line.strip_prefix("$ ") {
                runs.push((cmd.trim_end().to_string(), String::new()));
            } else if let Some(last) = runs.last_mut() {
                last.1.push_str(line);
            }
        }
        out.push(Block {
            body: start..start + len,
            runs,
        });
        pos = start + len + 4;
    }
    out
}

/// Splits a command line into words; `'...'` and `"..."` quote.
fn words(cmd: &str) -> Vec<String> {
    let mut out = vec![];
    let mut cur = String::new();
    let mut quote = None;
    let mut any = false;
    for c in cmd.chars() {
        match (quote, c) {
            (None, '\'' | '"') => {
                quote = Some(c);
                any = true;
            }
            (Some(q), c) if c == q => quote = None,
            (None, ' ') => {
                if any {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            (_, c) => {
                cur.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(cur);
    }
    out
}

fn run(cmd: &str) -> String {
    let w = words(cmd);
    assert_eq!(w[0], "argmap", "doc commands start with `argmap`: {cmd}");
    let args: Vec<&str> = w[1..].iter().map(String::as_str).collect();
    let out = crate::argmap(&args);
    crate::stdout(&out) + &crate::stderr(&out)
}

fn check_doc(rel: &str) -> usize {
    let path = root().join(rel);
    let doc = std::fs::read_to_string(&path).unwrap();
    let bless = std::env::var_os("ARGMAP_BLESS").is_some();
    let mut blessed = String::new();
    let mut last = 0;
    let mut n = 0;
    for b in blocks(&doc) {
        let mut body = String::new();
        for (cmd, shown) in &b.runs {
            let real = run(cmd);
            n += 1;
            if !bless {
                assert_eq!(
                    real.trim_end(),
                    shown.trim_end(),
                    "{rel}: `$ {cmd}` prints something else"
                );
            }
            body.push_str(&format!("$ {cmd}\n{}", real.trim_end()));
            body.push('\n');
        }
        blessed.push_str(&doc[last..b.body.start]);
        blessed.push_str(&body);
        last = b.body.end;
    }
    blessed.push_str(&doc[last..]);
    if bless && blessed != doc {
        std::fs::write(&path, blessed).unwrap();
    }
    n
}

#[test]
fn documented_commands_print_what_the_docs_show() {
    let mut docs: Vec<String> = vec!["README.md".into()];
    let mut more: Vec<String> = std::fs::read_dir(root().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| {
            p.strip_prefix(root())
                .unwrap()
                .to_str()
                .unwrap()
                .to_string()
        })
        .collect();
    more.sort();
    docs.extend(more);
    let total: usize = docs.iter().map(|d| check_doc(d)).sum();
    assert!(Path::new(&root().join("docs/tutorial.md")).exists());
    assert!(total >= 5, "only {total} documented commands found");
}

#[test]
fn words_split_like_a_shell() {
    assert_eq!(
        words("argmap whatif 'a b' --remove x"),
        ["argmap", "whatif", "a b", "--remove", "x"]
    );
}
