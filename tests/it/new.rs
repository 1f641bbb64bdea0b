//! `argmap new`: every template passes `check` with no warning, passes its own
//! expectations, is in the canonical layout, and no file is replaced without `--force`.

use crate::{argmap, stderr};

const TEMPLATES: [&str; 4] = ["basic", "debate", "paper", "exercise"];

#[test]
fn every_template_checks_tests_and_is_formatted() {
    let dir = tempfile::tempdir().unwrap();
    for t in TEMPLATES {
        let f = dir.path().join(format!("{t}.ron"));
        let f = f.to_str().unwrap();
        let o = argmap(&["new", f, "--template", t]);
        assert_eq!(o.status.code(), Some(0), "{t}: {}", stderr(&o));
        let o = argmap(&["check", "--deny-warnings", f]);
        assert_eq!(o.status.code(), Some(0), "{t}: {}", stderr(&o));
        let o = argmap(&["test", f]);
        assert_eq!(o.status.code(), Some(0), "{t}: {}", stderr(&o));
        let o = argmap(&["fmt", "--check", f]);
        assert_eq!(o.status.code(), Some(0), "{t} is not formatted");
        let text = std::fs::read_to_string(f).unwrap();
        // Explained in place: a comment before the nodes and the edges.
        assert!(text.matches("//").count() >= 5, "{t}");
    }
}

#[test]
fn an_existing_file_is_kept_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("mine.ron");
    std::fs::write(&f, "my work").unwrap();
    let o = argmap(&["new", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&f).unwrap(), "my work");
    let o = argmap(&[
        "new",
        f.to_str().unwrap(),
        "--template",
        "debate",
        "--force",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        std::fs::read_to_string(&f)
            .unwrap()
            .contains("Group(id: \"pro\"")
    );
}
