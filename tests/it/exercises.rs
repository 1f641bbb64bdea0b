//! The course in `exercises/`: every model checks without warnings and meets
//! its own expectations, grades itself 100, is unchanged by renaming; the
//! embedded list matches the folders; crafted student maps of several
//! exercises give the findings they should; `argmap exercise` starts a file.

use argmap::exercises::{self, Exercise};
use argmap::{FindingKind, Qbaf, Rubric, SemanticsKind};

use crate::grade::{assert_rename_invariant, edit, grade_texts, graph, kinds};
use crate::{argmap, root, stderr, stdout};

fn without_expect(text: &str) -> String {
    match text.find("    expect: [") {
        Some(i) => format!("{})\n", &text[..i]),
        None => text.to_string(),
    }
}

fn ex(name: &str) -> &'static Exercise {
    exercises::find(name).unwrap_or_else(|| panic!("no exercise {name}"))
}

#[test]
fn the_embedded_list_matches_the_folders() {
    let mut dirs: Vec<String> = std::fs::read_dir(root().join("exercises"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .map(|p| p.file_name().unwrap().to_str().unwrap().to_string())
        .collect();
    dirs.sort();
    let names: Vec<&str> = exercises::ALL.iter().map(|x| x.name).collect();
    assert_eq!(names, dirs);
    assert!(names.len() >= 12, "the course has at least 12 exercises");
    for (i, x) in exercises::ALL.iter().enumerate() {
        assert!(x.name.starts_with(&format!("{:02}-", i + 1)), "{}", x.name);
        let first = x.task.lines().next().unwrap();
        assert!(
            first.starts_with(&format!("# Exercise {}: ", i + 1)),
            "{}: {first}",
            x.name
        );
        for (file, text) in [("passage.md", x.passage), ("hints.md", x.hints)] {
            assert!(text.len() > 100, "{}/{file} is too short", x.name);
        }
        // The syllabus lists every exercise.
        let readme = std::fs::read_to_string(root().join("exercises/README.md")).unwrap();
        assert!(
            readme.contains(&format!("]({}/)", x.name)),
            "README misses {}",
            x.name
        );
    }
    // Names, short names and numbers find the same exercise.
    assert_eq!(ex("3").name, "03-independent-or-linked");
    assert_eq!(ex("03").name, "03-independent-or-linked");
    assert_eq!(ex("independent-or-linked").name, "03-independent-or-linked");
    assert_eq!(
        ex("exercises/03-independent-or-linked/").name,
        "03-independent-or-linked"
    );
    assert!(exercises::find("13").is_none() && exercises::find("").is_none());
}

#[test]
fn every_model_checks_without_warnings_and_meets_its_expectations() {
    for x in exercises::ALL {
        let src = argmap::Source::new(x.path("model.ron"), x.model);
        let v = argmap::check(&src).unwrap_or_else(|d| panic!("{}", d.short(&src)));
        assert!(v.warnings.is_empty(), "{}", v.warnings.short(&src));
        let g = argmap::build(&v);
        assert!(
            !g.model().expect.is_empty(),
            "{} has no expectations",
            x.name
        );
        let kind = g
            .model()
            .semantics
            .as_deref()
            .and_then(SemanticsKind::from_name)
            .unwrap_or_default();
        let q = Qbaf::from_graph(&g);
        for o in argmap::check_expectations(&g, &q, kind, &Default::default()) {
            assert!(
                o.passed,
                "{}: expectation {} fails: {:?}",
                x.name, o.index, o.result
            );
        }
        Rubric::from_ron(x.rubric).unwrap_or_else(|e| panic!("{}/rubric.ron: {e}", x.name));
    }
    // The files on disk are what is embedded, and they are formatted.
    let models: Vec<String> = exercises::ALL.iter().map(|x| x.path("model.ron")).collect();
    let mut args = vec!["fmt", "--check"];
    args.extend(models.iter().map(String::as_str));
    let out = argmap(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let out = argmap(&[
        "test",
        "--quiet",
        "exercises/01-find-the-conclusion/model.ron",
    ]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn every_model_grades_itself_100_and_ignores_renaming() {
    for x in exercises::ALL {
        let g = grade_texts(x.model, x.model);
        assert_eq!(g.score, 100, "{}", x.name);
        assert!(g.findings.is_empty(), "{}: {:#?}", x.name, g.findings);
        let n = graph("m.ron", x.model).len();
        let reversed: Vec<usize> = (0..n).rev().collect();
        assert_rename_invariant(x.model, &reversed);
        let shifted: Vec<usize> = (0..n).map(|i| (i + 3) % n).collect();
        assert_rename_invariant(x.model, &shifted);
    }
}

#[test]
fn the_paper_exercises_are_parts_of_the_bundled_map() {
    let full = graph(
        "sino.ron",
        &std::fs::read_to_string(root().join("graphs/sino_russian_distrust.ron")).unwrap(),
    );
    for name in ["08", "09", "10"] {
        let x = ex(name);
        let m = graph("m.ron", x.model);
        for n in m.nodes() {
            let i = full
                .index_of(&n.id)
                .unwrap_or_else(|| panic!("{}: {} not in the map", x.name, n.id));
            assert_eq!(full.node(i).text, n.text, "{}: {}", x.name, n.id);
        }
        for e in &m.model().edges {
            let d = e.data();
            assert!(
                full.model().edges.iter().any(|f| f.kind() == e.kind()
                    && f.data().from == d.from
                    && f.data().to == d.to),
                "{}: {} {} -> {} is not an edge of the map",
                x.name,
                e.kind().name(),
                d.from_label(),
                d.to
            );
        }
        // A student's exact copy of the section scores its share against the whole map.
        let g = argmap::grade(&m, &full, &Default::default()).unwrap();
        assert_eq!(g.matched.len(), m.len(), "{}", x.name);
        assert!(
            g.findings.iter().all(|f| f.kind == FindingKind::Missing),
            "{}",
            x.name
        );
    }
}

/// Grades an edited copy of exercise `name`'s model against the model and
/// returns the findings as (kind, sorted model ids), sorted.
fn crafted(name: &str, edits: &[(&str, &str)]) -> Vec<(FindingKind, Vec<String>)> {
    let x = ex(name);
    let student = without_expect(&edit(x.model, edits));
    let g = grade_texts(&student, x.model);
    assert!(g.score < 100, "{name}");
    let mut k = kinds(&g);
    k.sort();
    k
}

fn f(kind: FindingKind, ids: &[&str]) -> (FindingKind, Vec<String>) {
    let mut v: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
    v.sort();
    (kind, v)
}

#[test]
fn crafted_student_maps_of_several_exercises() {
    use FindingKind::*;
    // Exercise 1: the budget committee's view taken for the conclusion.
    assert_eq!(
        crafted(
            "1",
            &[(r#"conclusion: "h_sunday""#, r#"conclusion: "e_saving""#)]
        ),
        [f(Conclusion, &["h_sunday"])]
    );
    // Exercise 2: evidence drawn from the claim, and the objection drawn as a reason for.
    assert_eq!(
        crafted(
            "2",
            &[
                (
                    r#"from: "e_brookfield", to: "c_safer""#,
                    r#"from: "c_safer", to: "e_brookfield""#
                ),
                (
                    "Attack(\n            from: \"c_slower\"",
                    "Support(\n            from: \"c_slower\""
                ),
            ]
        ),
        [
            f(Reversed, &["c_safer", "e_brookfield"]),
            f(Polarity, &["c_slower", "h_20mph"])
        ]
    );
    // Exercise 3: the co-premises drawn as independent reasons.
    assert_eq!(
        crafted(
            "3",
            &[(
                r#"from: ["e_price", "e_budget"], to: "c_unaffordable", weight: 1.0,"#,
                r#"from: "e_price", to: "c_unaffordable"),
        Support(from: "e_budget", to: "c_unaffordable","#,
            )]
        ),
        [f(Linked, &["c_unaffordable", "e_budget", "e_price"])]
    );
    // Exercise 4: a rebuttal drawn onto the conclusion instead of the objection.
    assert_eq!(
        crafted(
            "4",
            &[(
                r#"from: "e_office", to: "c_emergency""#,
                r#"from: "e_office", to: "h_ban""#
            )]
        ),
        [f(Missing, &["c_emergency", "e_office"]), f(Extra, &[])]
    );
    // Exercise 5: the third factor drawn as an attack on the conclusion.
    assert_eq!(
        crafted(
            "5",
            &[(
                r#"Undercut(
            id: "u_third_factor", from: "e_better_off", to: "s_survey", weight: 0.8,
            question: "CQ4",
        ),"#,
                r#"Attack(id: "u_third_factor", from: "e_better_off", to: "h_breakfast"),"#,
            )]
        ),
        [f(Undercut, &["e_better_off"])]
    );
    // Exercise 6: the bias drawn as a rebuttal; the second expert drawn as an undercut.
    assert_eq!(
        crafted(
            "6",
            &[
                (
                    r#"Undercut(id: "u_paid", from: "e_paid", to: "s_expert", weight: 0.8, question: "CQ4"),"#,
                    r#"Attack(id: "u_paid", from: "e_paid", to: "h_safe", weight: 0.8),"#,
                ),
                (
                    r#"Attack(id: "a_corrosion", from: "e_corrosion", to: "h_safe", weight: 0.8, question: "CQ5"),"#,
                    r#"Undercut(id: "a_corrosion", from: "e_corrosion", to: "s_expert", weight: 0.8, question: "CQ5"),"#,
                ),
            ]
        ),
        [
            f(Undercut, &["e_corrosion", "h_safe"]),
            f(Undercut, &["e_paid"])
        ]
    );
}

#[test]
fn a_paraphrased_map_of_exercise_1_is_matched_and_graded() {
    let student = r#"ArgumentGraph(
    conclusion: "open",
    nodes: [
        Node(id: "open", kind: Claim, base: 0.5, text: "The Riverside library should stay open on Sundays."),
        Node(id: "kids", kind: Evidence, base: 0.8, text: "Children borrow a fifth more books since the library began opening on Sundays.", cite: (ref: "Annual report")),
        Node(id: "survey", kind: Evidence, base: 0.7, text: "60% of families with children say Sunday is the only day they can visit together.", cite: (ref: "Survey")),
        Node(id: "money", kind: Evidence, base: 0.8, text: "Sunday closing would save the council £40,000 a year.", cite: (ref: "Committee")),
    ],
    edges: [
        Support(from: "kids", to: "open"),
        Support(from: "survey", to: "open"),
        Support(from: "money", to: "open"),
    ],
)"#;
    let g = grade_texts(student, ex("1").model);
    let pairs: Vec<(&str, &str)> = g
        .matched
        .iter()
        .map(|m| (m.student.as_str(), m.model.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("open", "h_sunday"),
            ("kids", "e_borrowing"),
            ("survey", "e_families"),
            ("money", "e_saving")
        ]
    );
    assert_eq!(
        kinds(&g),
        [f(FindingKind::Polarity, &["e_saving", "h_sunday"])]
    );
    // Rubric of exercise 1: 50 + 25 + 25 × (2 + 0.5)/3 = 95.83 -> 96 (by hand).
    let model = graph("m.ron", ex("1").model);
    let opts = argmap::GradeOptions {
        rubric: Rubric::from_ron(ex("1").rubric).unwrap(),
        ..Default::default()
    };
    let g = argmap::grade(&graph("s.ron", student), &model, &opts).unwrap();
    assert_eq!(g.score, 96);
}

#[test]
fn the_exercise_command_starts_a_file_that_grade_finds_the_model_for() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.ron");
    let f = file.to_str().unwrap();
    let out = argmap(&["exercise", "objections-and-rebuttals", f]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("// # Exercise 4: Objections and rebuttals\n"));
    assert!(text.contains("// The head proposed that phones be banned during lessons."));
    // It is kept without --force.
    let out = argmap(&["exercise", "4", f]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    // Every exercise's starting file checks (warnings only: the map is empty).
    for x in exercises::ALL {
        let start = exercises::starting_file(x);
        let src = argmap::Source::new("start.ron", start.as_str());
        argmap::check(&src).unwrap_or_else(|d| panic!("{}: {}", x.name, d.short(&src)));
    }
    // grade finds the model by name and uses the exercise's rubric.
    let out = argmap(&["grade", f, "4", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["score"], 0);
    assert_eq!(v["findings"][0]["kind"], "conclusion");
    let out = argmap(&["grade", f, "no-such-exercise"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("neither a file nor a bundled exercise"));
    let out = argmap(&["exercise", "--list"]);
    assert_eq!(stdout(&out).lines().count(), exercises::ALL.len());
    let out = argmap(&["exercise", "4", "--hints"]);
    assert_eq!(stdout(&out), ex("4").hints);
}
