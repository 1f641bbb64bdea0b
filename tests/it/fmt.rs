//! `argmap fmt`: golden output, idempotence, meaning preservation on every
//! fixture and bundled graph, `--check` and atomic rewrites.

use std::path::PathBuf;

use argmap::Source;
use argmap::format::format;

use crate::{argmap, data, stdout};

/// Every `.ron` file under the fixtures, the bundled graphs and the examples.
fn every_ron() -> Vec<PathBuf> {
    crate::files_under(&["tests/data", "graphs", "examples"], crate::is_ron)
}

/// The non-blank characters other than commas, sorted: formatting may move
/// fields and comments and change whitespace and trailing commas, nothing else.
fn ink(text: &str) -> Vec<char> {
    let mut v: Vec<char> = text
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ',')
        .collect();
    v.sort_unstable();
    v
}

/// For the fuzzer and the tests below: when `src` formats, the result formats
/// to itself, keeps every character but whitespace and commas, and reads as
/// the same model with the same diagnostic codes.
pub fn format_keeps_meaning(src: &Source) -> Result<(), String> {
    let Ok(once) = format(src) else {
        return Ok(());
    };
    let again = Source::new(src.name(), once.clone());
    let twice =
        format(&again).map_err(|d| format!("the formatted text does not format: {d:?}\n{once}"))?;
    if twice != once {
        return Err(format!("not idempotent:\n{once}\n---\n{twice}"));
    }
    if ink(src.text()) != ink(&once) {
        return Err(format!("characters changed:\n{}\n---\n{once}", src.text()));
    }
    let (before, after) = (argmap::parse(src), argmap::parse(&again));
    match (before, after) {
        (Ok(b), Ok(a)) => {
            // Debug text, so that NaN equals NaN.
            if format!("{:?}", b.graph) != format!("{:?}", a.graph) {
                return Err(format!("the model changed:\n{}\n---\n{once}", src.text()));
            }
            let codes = |p: &argmap::Parsed| p.diagnostics.codes();
            if codes(&b) != codes(&a) {
                return Err(format!(
                    "diagnostics changed: {:?} -> {:?}",
                    codes(&b),
                    codes(&a)
                ));
            }
            let v = |p: argmap::Parsed| {
                argmap::validate(p)
                    .map(|v| v.warnings.codes())
                    .map_err(|d| d.codes())
            };
            if v(b) != v(a) {
                return Err("validation changed".into());
            }
        }
        (b, a) => {
            return Err(format!(
                "reading changed: {:?} -> {:?}",
                b.is_ok(),
                a.is_ok()
            ));
        }
    }
    Ok(())
}

#[test]
fn golden_messy_file() {
    let src = Source::read(&data("fmt/messy.ron")).unwrap();
    let out = format(&src).unwrap();
    insta::assert_snapshot!(out);
    format_keeps_meaning(&src).unwrap();
}

#[test]
fn every_fixture_and_bundled_graph_keeps_its_meaning() {
    let mut formatted = 0;
    for p in every_ron() {
        let Ok(src) = Source::read(&p) else { continue };
        if format(&src).is_ok() {
            formatted += 1;
        }
        format_keeps_meaning(&src).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    }
    // Every file that is RON formats (the count is of files the reader accepts).
    assert!(formatted > 60, "{formatted}");
}

/// `eval --json` (every semantics) is byte for byte the same before and after
/// formatting, on every bundled graph and every fixture that evaluates.
#[test]
fn eval_json_is_identical_after_formatting() {
    let dir = tempfile::tempdir().unwrap();
    let mut compared = 0;
    for p in every_ron() {
        let before = argmap(&["eval", "--json", "--semantics", "all", p.to_str().unwrap()]);
        if !before.status.success() {
            continue;
        }
        let copy = dir.path().join(p.file_name().unwrap());
        std::fs::copy(&p, &copy).unwrap();
        let f = argmap(&["fmt", copy.to_str().unwrap()]);
        assert!(f.status.success(), "{}: {}", p.display(), crate::stderr(&f));
        let after = argmap(&[
            "eval",
            "--json",
            "--semantics",
            "all",
            copy.to_str().unwrap(),
        ]);
        assert_eq!(stdout(&before), stdout(&after), "{}", p.display());
        compared += 1;
    }
    assert!(compared >= 3 + 10, "{compared}");
}

#[test]
fn check_lists_files_that_would_change_and_fmt_rewrites_them() {
    let dir = tempfile::tempdir().unwrap();
    let messy = dir.path().join("messy.ron");
    std::fs::copy(data("fmt/messy.ron"), &messy).unwrap();
    let tidy = dir.path().join("tidy.ron");
    std::fs::write(&tidy, format(&Source::read(&messy).unwrap()).unwrap()).unwrap();
    let d = dir.path().to_str().unwrap();

    let o = argmap(&["fmt", "--check", d]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o).trim(), messy.display().to_string());
    // --check changes nothing.
    assert_eq!(
        std::fs::read(&messy).unwrap(),
        std::fs::read(data("fmt/messy.ron")).unwrap()
    );

    let o = argmap(&["fmt", d]);
    assert_eq!(o.status.code(), Some(0), "{}", crate::stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&messy).unwrap(),
        std::fs::read_to_string(&tidy).unwrap()
    );
    let o = argmap(&["fmt", "--check", d]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "");
    // No temporary file is left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

#[test]
fn a_syntax_error_is_reported_like_check_and_the_file_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    std::fs::copy(data("invalid/E0101_truncated.ron"), &bad).unwrap();
    let o = argmap(&["fmt", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(crate::stderr(&o).contains("E0101"), "{}", crate::stderr(&o));
    assert_eq!(
        std::fs::read(&bad).unwrap(),
        std::fs::read(data("invalid/E0101_truncated.ron")).unwrap()
    );
}

#[test]
fn the_bundled_graphs_are_formatted() {
    let o = argmap(&["fmt", "--check", "graphs"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "run `argmap fmt graphs/`: {}",
        stdout(&o)
    );
}
