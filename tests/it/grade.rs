//! `argmap grade`: a student's map against a model answer. Crafted student
//! files (edits of a model) for each finding kind, id renaming, paraphrase,
//! the JSON shape and a folder graded into CSV.

use argmap::{ArgGraph, FindingKind, Grade, GradeOptions, Rubric, Source};
use proptest::prelude::*;

use crate::{argmap, root, stdout};

pub(crate) fn graph(name: &str, text: &str) -> ArgGraph {
    let src = Source::new(name, text);
    match argmap::check(&src) {
        Ok(v) => argmap::build_owned(v),
        Err(d) => panic!("{name} does not check:\n{}", d.short(&src)),
    }
}

pub(crate) fn grade_texts(student: &str, model: &str) -> Grade {
    argmap::grade(
        &graph("student.ron", student),
        &graph("model.ron", model),
        &GradeOptions::default(),
    )
    .unwrap()
}

/// The findings as (kind, sorted model ids).
pub(crate) fn kinds(g: &Grade) -> Vec<(FindingKind, Vec<String>)> {
    g.findings
        .iter()
        .map(|f| {
            let mut m = f.model.clone();
            m.sort();
            (f.kind, m)
        })
        .collect()
}

fn bike() -> String {
    std::fs::read_to_string(root().join("graphs/bike_theft.ron")).unwrap()
}

/// `text` with each `(from, to)` replaced, each exactly once.
pub(crate) fn edit(text: &str, edits: &[(&str, &str)]) -> String {
    let mut s = text.to_string();
    for (a, b) in edits {
        assert_eq!(s.matches(a).count(), 1, "`{a}` should occur once");
        s = s.replace(a, b);
    }
    s
}

/// Renames every node and edge id of a model: node ids are permuted among
/// themselves (by `perm`) and edge ids get a fresh prefix. Ids are quoted
/// strings, so replacing `"id"` renames every use.
pub(crate) fn rename(text: &str, perm: &[usize]) -> (String, Vec<(String, String)>) {
    let g = graph("x.ron", text);
    let ids: Vec<String> = g.nodes().iter().map(|n| n.id.clone()).collect();
    let mut map: Vec<(String, String)> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.clone(), ids[perm[i] % ids.len()].clone()))
        .collect();
    // A permutation: make it one (perm may repeat); fall back on fresh names.
    let mut seen = std::collections::HashSet::new();
    for (k, (_, to)) in map.iter_mut().enumerate() {
        if !seen.insert(to.clone()) {
            *to = format!("n{k}_fresh");
        }
    }
    for e in &g.model().edges {
        if let Some(id) = &e.data().id {
            map.push((id.clone(), format!("edge_{id}")));
        }
    }
    // Two passes through placeholders, so that a swap does not collide.
    let mut s = text.to_string();
    for (i, (from, _)) in map.iter().enumerate() {
        s = s.replace(&format!("\"{from}\""), &format!("\"@@{i}@@\""));
    }
    for (i, (_, to)) in map.iter().enumerate() {
        s = s.replace(&format!("\"@@{i}@@\""), &format!("\"{to}\""));
    }
    (s, map)
}

/// Grading a renamed copy of `model` against it: everything as for the model
/// itself, but the student ids, which are the renamed ones.
pub(crate) fn assert_rename_invariant(model: &str, perm: &[usize]) {
    let (renamed, map) = rename(model, perm);
    let g = grade_texts(&renamed, model);
    assert_eq!(g.score, 100, "{:#?}", g.findings);
    assert!(g.findings.is_empty(), "{:#?}", g.findings);
    let m = graph("m.ron", model);
    assert_eq!(g.matched.len(), m.len());
    for x in &g.matched {
        let renamed_to = &map.iter().find(|(f, _)| f == &x.model).unwrap().1;
        assert_eq!(&x.student, renamed_to, "{x:?}");
    }
    let own = grade_texts(model, model);
    assert_eq!(g.verdict.model, own.verdict.model);
    assert_eq!(g.verdict.student, own.verdict.student);
}

#[test]
fn a_model_graded_against_itself_scores_100_with_no_findings() {
    for p in crate::bundled_graphs() {
        let text = std::fs::read_to_string(&p).unwrap();
        let g = grade_texts(&text, &text);
        assert_eq!(g.score, 100, "{}", p.display());
        assert!(g.findings.is_empty(), "{}: {:#?}", p.display(), g.findings);
        assert_eq!(g.verdict.student.as_ref().ok(), Some(&g.verdict.model));
    }
}

#[test]
fn swapping_every_id_changes_nothing() {
    // Reverse the ids: each node gets another's id, so matching by id would
    // pair the wrong nodes; matching goes by text first.
    let text = bike();
    let n = graph("b.ron", &text).len();
    let perm: Vec<usize> = (0..n).rev().collect();
    assert_rename_invariant(&text, &perm);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn renaming_ids_changes_nothing(shift in 1usize..40, graph_pick in 0usize..4) {
        let graphs = crate::bundled_graphs();
        let p = &graphs[graph_pick % graphs.len()];
        let text = std::fs::read_to_string(p).unwrap();
        let n = graph("x.ron", &text).len();
        let perm: Vec<usize> = (0..n).map(|i| (i + shift) % n).collect();
        assert_rename_invariant(&text, &perm);
    }
}

#[test]
fn each_finding_kind_on_a_crafted_student_map() {
    let model = bike();
    type Case<'a> = (
        &'a str,
        Vec<(&'a str, &'a str)>,
        Vec<(FindingKind, Vec<&'a str>)>,
    );
    let cases: Vec<Case> = vec![
        (
            "reversed",
            vec![(
                r#"Support(id: "s_shed", from: "e_in_shed", to: "h_sam", weight: 0.6, scheme: "sign")"#,
                r#"Support(id: "s_shed", from: "h_sam", to: "e_in_shed", weight: 0.6, scheme: "sign")"#,
            )],
            vec![(FindingKind::Reversed, vec!["e_in_shed", "h_sam"])],
        ),
        (
            "polarity",
            vec![(
                r#"Attack(id: "a_alibi", from: "e_coach""#,
                r#"Support(id: "a_alibi", from: "e_coach""#,
            )],
            vec![(FindingKind::Polarity, vec!["e_coach", "h_sam"])],
        ),
        (
            "linked drawn as independent",
            vec![(
                r#"id: "s_witness", from: ["e_lee_window", "e_lee_says"], to: "h_sam", weight: 0.8,
            scheme: "witness_testimony","#,
                r#"id: "s_witness", from: "e_lee_says", to: "h_sam", weight: 0.8, scheme: "witness_testimony"),
        Support(from: "e_lee_window", to: "h_sam", weight: 0.8,"#,
            )],
            vec![(
                FindingKind::Linked,
                vec!["e_lee_says", "e_lee_window", "h_sam"],
            )],
        ),
        (
            "independent drawn as linked",
            vec![
                (
                    r#"Support(id: "s_camera", from: "e_camera", to: "h_sam", weight: 0.5, scheme: "sign")"#,
                    r#"Support(id: "s_camera", from: ["e_camera", "e_in_shed"], to: "h_sam", weight: 0.5, scheme: "sign")"#,
                ),
                (
                    r#"Support(id: "s_shed", from: "e_in_shed", to: "h_sam", weight: 0.6, scheme: "sign"),"#,
                    "",
                ),
                (
                    r#"Undercut(
            id: "u_anyone", from: ["e_shed_open", "e_shed_path"], to: "s_shed", question: "CQ2",
        ),"#,
                    r#"Undercut(id: "u_anyone", from: ["e_shed_open", "e_shed_path"], to: "s_camera"),"#,
                ),
            ],
            vec![
                // One finding for the linked edge, naming both model edges.
                (FindingKind::Linked, vec!["e_camera", "e_in_shed", "h_sam"]),
                // The undercut on the shed's inference now undercuts the merged
                // edge: a different inference, so missing and extra.
                (FindingKind::Extra, vec![]),
            ],
        ),
        (
            "an attack on the conclusion for an undercut",
            vec![(
                r#"Undercut(id: "u_feud", from: "e_feud", to: "s_witness", weight: 0.8, question: "CQ4")"#,
                r#"Attack(id: "u_feud", from: "e_feud", to: "h_sam", weight: 0.8)"#,
            )],
            vec![(FindingKind::Undercut, vec!["e_feud"])],
        ),
        (
            "an undercut for a rebuttal",
            vec![(
                r#"Attack(id: "a_alibi", from: "e_coach", to: "h_sam", weight: 0.8)"#,
                r#"Undercut(id: "a_alibi", from: "e_coach", to: "s_camera", weight: 0.8)"#,
            )],
            vec![(FindingKind::Undercut, vec!["e_coach", "h_sam"])],
        ),
        (
            "a missing node and its edge, an extra node and its edge",
            vec![
                (
                    r#"text: "The red jacket is the school's sports jacket; dozens of pupils own one.""#,
                    r#"text: "It rained all morning, so few people were out.""#,
                ),
                (
                    r#"Undercut(id: "u_jackets", from: "e_red_jackets", to: "s_camera", question: "CQ2")"#,
                    r#"Attack(id: "u_jackets", from: "e_red_jackets", to: "h_sam")"#,
                ),
            ],
            vec![
                (FindingKind::Missing, vec!["e_red_jackets"]),
                (FindingKind::Extra, vec![]),
                (FindingKind::Extra, vec![]),
            ],
        ),
        (
            "a missing edge between nodes the student has",
            vec![(
                r#"Attack(id: "a_alibi", from: "e_coach", to: "h_sam", weight: 0.8),"#,
                "",
            )],
            vec![(FindingKind::Missing, vec!["e_coach", "h_sam"])],
        ),
        (
            "a different conclusion",
            vec![(r#"conclusion: "h_sam""#, r#"conclusion: "e_in_shed""#)],
            vec![(FindingKind::Conclusion, vec!["h_sam"])],
        ),
    ];
    for (name, edits, want) in cases {
        let student = edit(&model, &edits);
        // The expectations of the model may not hold for the student's map.
        let student = match student.find("    expect: [") {
            Some(i) => format!("{})\n", &student[..i]),
            None => student,
        };
        let g = grade_texts(&student, &model);
        let mut want: Vec<(FindingKind, Vec<String>)> = want
            .into_iter()
            .map(|(k, ids)| {
                let mut ids: Vec<String> = ids.into_iter().map(String::from).collect();
                ids.sort();
                (k, ids)
            })
            .collect();
        let mut got = kinds(&g);
        got.sort();
        want.sort();
        // The extra findings carry only student ids; compare their kind.
        for x in got.iter_mut().chain(want.iter_mut()) {
            if x.0 == FindingKind::Extra {
                x.1.clear();
            }
        }
        assert_eq!(got, want, "{name}: {:#?}", g.findings);
        assert!(g.score < 100, "{name}");
        for f in &g.findings {
            assert!(f.message.ends_with('.'), "{name}: {}", f.message);
        }
    }
}

#[test]
fn the_score_follows_the_rubric() {
    let model = bike();
    // A reversed edge: 1 of 7 edges at half credit; the rest right.
    let student = edit(
        &model,
        &[(
            r#"Support(id: "s_camera", from: "e_camera", to: "h_sam", weight: 0.5, scheme: "sign")"#,
            r#"Support(id: "s_camera", from: "h_sam", to: "e_camera", weight: 0.5, scheme: "sign")"#,
        )],
    );
    let student = format!("{})\n", &student[..student.find("    expect: [").unwrap()]);
    let s = graph("s.ron", &student);
    let m = graph("m.ron", &model);
    let g = argmap::grade(&s, &m, &GradeOptions::default()).unwrap();
    // Default rubric: 20 + 30 + 50 × (6 + 0.5)/7 = 96.43 -> 96 (by hand).
    assert_eq!(g.score, 96);
    let rubric = Rubric::from_ron("Rubric(reversed: 1.0, edges: 70, nodes: 10)").unwrap();
    let g = argmap::grade(
        &s,
        &m,
        &GradeOptions {
            rubric,
            ..GradeOptions::default()
        },
    )
    .unwrap();
    // 20 + 10 + 70 × 6/7 = 90 of 100 (by hand).
    assert_eq!(g.score, 90);
    assert!(
        Rubric::from_ron("Rubric(reversd: 1.0)")
            .unwrap_err()
            .contains("reversd")
    );
    assert!(
        Rubric::from_ron("Rubric(linked: 2)")
            .unwrap_err()
            .contains("[0, 1]")
    );
}

#[test]
fn paraphrased_text_with_ids_of_ones_own_is_matched() {
    let model = bike();
    let student = r#"ArgumentGraph(
    conclusion: "thief",
    nodes: [
        Node(id: "thief", kind: Claim, base: 0.5, text: "Sam is the one who took the bike from the library rack."),
        Node(id: "saw", kind: Evidence, base: 0.9, text: "Mrs Lee says she saw Sam riding off on the bike around 9:15.", cite: (ref: "Lee")),
        Node(id: "window", kind: Evidence, base: 0.8, text: "Her kitchen window looks directly onto the bike rack.", cite: (ref: "Lee")),
        Node(id: "fence", kind: Evidence, base: 0.7, text: "Mrs Lee has a long dispute with Sam's family over a fence.", cite: (ref: "Mum")),
        Node(id: "cctv", kind: Evidence, base: 0.8, text: "The CCTV camera shows a person in a red jacket like Sam's at the rack at 9:14.", cite: (ref: "CCTV")),
        Node(id: "coach", kind: Evidence, base: 0.6, text: "The coach says Sam was at football practice from 9 to 10.", cite: (ref: "coach")),
    ],
    edges: [
        Support(id: "w", from: ["saw", "window"], to: "thief"),
        Undercut(from: "fence", to: "w"),
        Support(from: "cctv", to: "thief"),
        Attack(from: "coach", to: "thief"),
    ],
)"#;
    let g = grade_texts(student, &model);
    let pairs: Vec<(&str, &str)> = g
        .matched
        .iter()
        .map(|m| (m.student.as_str(), m.model.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("thief", "h_sam"),
            ("saw", "e_lee_says"),
            ("window", "e_lee_window"),
            ("fence", "e_feud"),
            ("cctv", "e_camera"),
            ("coach", "e_coach"),
        ]
    );
    // Everything drawn is right; what is missing is the jackets and the shed.
    let mut got = kinds(&g);
    got.sort();
    let missing = |id: &str| (FindingKind::Missing, vec![id.to_string()]);
    assert_eq!(
        got,
        [
            missing("e_in_shed"),
            missing("e_red_jackets"),
            missing("e_shed_open"),
            missing("e_shed_path")
        ]
    );
    // 20 + 30 × 6/10 + 50 × 4/7 = 66.57 -> 67 (by hand).
    assert_eq!(g.score, 67);
}

#[test]
fn unrelated_statements_are_not_similar() {
    let s = argmap::text_similarity;
    assert_eq!(
        s("The shed is never locked.", "the shed is never locked. "),
        1.0
    );
    assert!(s("The shed is never locked.", "Nobody ever locks the shed.") >= 0.5);
    assert!(s("Sam took the bike.", "The shed is never locked.") < 0.3);
    assert!(
        s(
            "Cars pollute the centre.",
            "Shops lose customers when cars are banned."
        ) < 0.5
    );
}

#[test]
fn json_has_the_documented_keys() {
    let out = argmap(&[
        "grade",
        "graphs/bike_theft.ron",
        "graphs/bike_theft.ron",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["score"], 100);
    assert_eq!(v["matched"][0], serde_json::json!(["h_sam", "h_sam"]));
    assert_eq!(v["findings"], serde_json::json!([]));
    assert!(v["verdict"]["student"].is_f64() && v["verdict"]["model"].is_f64());
}

#[test]
fn a_folder_is_graded_into_csv() {
    let dir = tempfile::tempdir().unwrap();
    let model = bike();
    std::fs::write(dir.path().join("a_same.ron"), &model).unwrap();
    let flipped = edit(
        &model,
        &[(
            r#"Attack(id: "a_alibi", from: "e_coach""#,
            r#"Support(id: "a_alibi", from: "e_coach""#,
        )],
    );
    let flipped = format!("{})\n", &flipped[..flipped.find("    expect: [").unwrap()]);
    std::fs::write(dir.path().join("b_flipped.ron"), flipped).unwrap();
    std::fs::write(dir.path().join("c_broken.ron"), "ArgumentGraph(").unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a map").unwrap();
    let csv = dir.path().join("grades.csv");
    let out = argmap(&[
        "grade",
        dir.path().to_str().unwrap(),
        "graphs/bike_theft.ron",
        "-o",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", crate::stderr(&out));
    let text = std::fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(
        lines[0]
            .starts_with("file,score,conclusion,missing,extra,reversed,polarity,linked,undercut,")
    );
    let cells = |l: &str| l.split(',').map(String::from).collect::<Vec<_>>();
    assert_eq!(cells(lines[1])[1], "100");
    // A flipped edge: 20 + 30 + 50 × 6.5/7 = 96.4 -> 96; one polarity finding.
    assert_eq!(cells(lines[2])[1], "96");
    assert_eq!(cells(lines[2])[6], "1");
    assert!(cells(lines[3])[1].is_empty() && lines[3].contains("does not check"));
    // A folder gives CSV, not JSON.
    let out = argmap(&[
        "grade",
        dir.path().to_str().unwrap(),
        "graphs/bike_theft.ron",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(crate::stderr(&out).contains("one CSV line per map"));
}
