//! Structured arguments (issue 17): linked premises, undercuts, schemes and
//! critical questions, from the file to the reports.

use crate::{argmap, stderr, stdout};

const EXPERT: &str = "tests/data/structure/expert.ron";

#[test]
fn questions_json_lists_answered_and_open_questions() {
    let out = argmap(&["questions", EXPERT, "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let inf = &v["inferences"];
    // One edge carries a scheme: `s_expert`, expert opinion with its six
    // questions (Walton, Reed & Macagno 2008).
    assert_eq!(inf.as_array().unwrap().len(), 1);
    assert_eq!(inf[0]["edge"], "s_expert");
    assert_eq!(inf[0]["scheme"], "expert_opinion");
    assert_eq!(inf[0]["from"], serde_json::json!(["e_says", "e_is_expert"]));
    let qs = inf[0]["questions"].as_array().unwrap();
    assert_eq!(qs.len(), 6);
    let answered: Vec<(&str, Vec<&str>)> = qs
        .iter()
        .map(|q| {
            let by = q["answered_by"].as_array().unwrap();
            (
                q["id"].as_str().unwrap(),
                by.iter().map(|x| x.as_str().unwrap()).collect(),
            )
        })
        .collect();
    // CQ4 by the undercut from `e_conflict`; CQ1 by the attack on the premise
    // `e_is_expert`; the rest are open.
    assert_eq!(
        answered,
        [
            ("CQ1", vec!["e_retired"]),
            ("CQ2", vec![]),
            ("CQ3", vec![]),
            ("CQ4", vec!["e_conflict"]),
            ("CQ5", vec![]),
            ("CQ6", vec![]),
        ]
    );
    assert!(qs[3]["text"].as_str().unwrap().contains("reliable"));
}

#[test]
fn questions_human_output_says_which_are_open() {
    let out = argmap(&["questions", EXPERT]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with(
            "s_expert (Support e_says + e_is_expert -> c): Argument from expert opinion\n"
        ),
        "{text}"
    );
    assert!(text.contains("  CQ4  answered"), "{text}");
    assert!(
        text.contains("            raised by e_conflict\n"),
        "{text}"
    );
    assert!(
        text.ends_with("1 inference(s), 4 of 6 critical questions open\n"),
        "{text}"
    );
}

#[test]
fn structured_file_checks_clean() {
    let out = argmap(&["check", "--deny-warnings", EXPERT]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

// ---------------------------------------------------------------------------
// The six properties of issue 17, under every semantics, on random acyclic
// graphs with linked edges and undercuts (docs/semantics.md says why each
// holds). Cases: `ARGMAP_PROPTEST_CASES` (default 200); CI fixes the seed.

mod properties {
    use argmap::semantics::SemanticsKind;
    use argmap::{ArgumentGraph, Edge, EdgeData, EdgeKind, Node, NodeKind, Params, Source};
    use proptest::prelude::*;
    use proptest::test_runner::Config;

    fn config() -> Config {
        let cases = std::env::var("ARGMAP_PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(200);
        Config {
            cases,
            failure_persistence: None,
            ..Config::default()
        }
    }

    /// A value in [0, 1], with 0, 1/2 and 1 exactly now and then.
    fn unit() -> impl Strategy<Value = f64> {
        prop_oneof![1 => Just(0.0), 1 => Just(0.5), 1 => Just(1.0), 6 => 0.0..=1.0f64]
    }

    /// A random acyclic structured graph: node `i` only bears on nodes before
    /// it (`edges` from later to earlier), edges with 1 to 3 premises, undercuts
    /// from nodes after the undercut edge's target. `attacks_only` for the
    /// attack-only semantics.
    fn graph(attacks_only: bool) -> impl Strategy<Value = ArgumentGraph> {
        (3usize..8)
            .prop_flat_map(move |n| {
                let bases = proptest::collection::vec(unit(), n);
                let edges = proptest::collection::vec(
                    (
                        0..n,
                        proptest::collection::vec(0..n, 1..4),
                        any::<bool>(),
                        unit(),
                    ),
                    0..(2 * n),
                );
                let cuts =
                    proptest::collection::vec((0..n, any::<prop::sample::Index>(), unit()), 0..4);
                (bases, edges, cuts)
            })
            .prop_map(move |(bases, raw, cuts)| {
                let n = bases.len();
                let id = |i: usize| format!("n{i}");
                let nodes = bases
                    .iter()
                    .enumerate()
                    .map(|(i, &b)| Node {
                        id: id(i),
                        kind: NodeKind::Claim,
                        text: format!("N{i}"),
                        base: b,
                        ..Node::default()
                    })
                    .collect();
                let mut edges = vec![];
                let mut seen = std::collections::HashSet::new();
                for (t, prem, support, w) in raw {
                    let mut p: Vec<usize> = prem.into_iter().filter(|&x| x > t).collect();
                    p.sort_unstable();
                    p.dedup();
                    if p.is_empty() || t + 1 >= n || !seen.insert((p.clone(), t)) {
                        continue;
                    }
                    let kind = if support && !attacks_only {
                        EdgeKind::Support
                    } else {
                        EdgeKind::Attack
                    };
                    let data = EdgeData {
                        id: Some(format!("e{}", edges.len())),
                        from: p.iter().map(|&x| id(x)).collect(),
                        to: id(t),
                        weight: w,
                        ..EdgeData::default()
                    };
                    edges.push((Edge::new(kind, data), t));
                }
                let mut out: Vec<Edge> = edges.iter().map(|e| e.0.clone()).collect();
                let mut undercut: std::collections::HashSet<(usize, usize)> = Default::default();
                for (x, which, w) in cuts {
                    if edges.is_empty() {
                        break;
                    }
                    let j = which.index(edges.len());
                    let t = edges[j].1;
                    if x <= t || !undercut.insert((x, j)) {
                        continue;
                    }
                    out.push(Edge::Undercut(EdgeData {
                        from: vec![id(x)],
                        to: format!("e{j}"),
                        weight: w,
                        ..EdgeData::default()
                    }));
                }
                ArgumentGraph {
                    conclusion: id(0),
                    nodes,
                    edges: out,
                    ..ArgumentGraph::default()
                }
            })
    }

    fn semantics(attacks_only: bool) -> Vec<SemanticsKind> {
        SemanticsKind::ALL
            .into_iter()
            .filter(|k| attacks_only || !k.is_attack_only())
            .collect()
    }

    /// Every node's strength (the file's nodes), or the reason it failed.
    fn eval(g: &ArgumentGraph, k: SemanticsKind) -> Vec<f64> {
        let src = Source::new("p.ron", g.to_ron());
        let checked =
            argmap::check(&src).unwrap_or_else(|d| panic!("{}\n{}", d.short(&src), src.text()));
        let graph = argmap::build(&checked);
        let e = argmap::evaluate(&graph, k, &Params::default())
            .unwrap_or_else(|e| panic!("{}: {e}", k.name()));
        assert_eq!(e.strengths.len(), g.nodes.len());
        e.strengths
    }

    /// A fresh source node with this base and nothing bearing on it (its
    /// strength is its base under every semantics).
    fn add_leaf(g: &mut ArgumentGraph, base: f64) -> String {
        let id = format!("z{}", g.nodes.len());
        g.nodes.push(Node {
            id: id.clone(),
            kind: NodeKind::Claim,
            text: "Z".into(),
            base,
            ..Node::default()
        });
        id
    }

    /// The index of a support or attack edge, if any.
    fn node_edge(g: &ArgumentGraph, pick: prop::sample::Index) -> Option<usize> {
        let js: Vec<usize> = (0..g.edges.len())
            .filter(|&j| g.edges[j].kind() != EdgeKind::Undercut)
            .collect();
        (!js.is_empty()).then(|| js[pick.index(js.len())])
    }

    fn same(a: &[f64], b: &[f64]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= 1e-12)
    }

    fn cases() -> impl Strategy<Value = (bool, ArgumentGraph)> {
        any::<bool>().prop_flat_map(|a| (Just(a), graph(a)))
    }

    proptest! {
        #![proptest_config(config())]

        /// 1. `from: ["a"]` gives exactly the plain edge's result: every edge with
        /// one premise written both ways, bit for bit.
        #[test]
        fn one_premise_list_is_the_plain_edge((a, g) in cases()) {
            let text = g.to_ron();
            let listed = text.lines().map(|l| {
                match (l.find("from: \""), l.contains("Support(") || l.contains("Attack(") || l.contains("Undercut(")) {
                    (Some(i), _) => {
                        let end = l[i + 7..].find('"').unwrap() + i + 8;
                        format!("{}from: [{}]{}", &l[..i], &l[i + 6..end], &l[end..])
                    }
                    _ => l.to_string(),
                }
            }).collect::<Vec<_>>().join("\n");
            let as_list = ArgumentGraph::from_ron(&listed).unwrap();
            prop_assert_eq!(&as_list, &g);
            for k in semantics(a) {
                let (x, y) = (eval(&g, k), eval(&as_list, k));
                prop_assert!(x.iter().zip(&y).all(|(p, q)| p.to_bits() == q.to_bits()), "{}", k.name());
            }
        }

        /// 2. A linked edge one of whose premises has strength 0 has no effect:
        /// adding one (possibly undercut) changes no strength.
        #[test]
        fn zero_premise_makes_a_linked_edge_ineffective(
            (a, g) in cases(), t in 0usize..3, support: bool, w in 0.0..=1.0f64, cut: bool,
        ) {
            let t = t.min(g.nodes.len() - 2);
            let mut with = g.clone();
            let z = add_leaf(&mut with, 0.0);
            let other = format!("n{}", g.nodes.len() - 1);
            let kind = if support && !a { EdgeKind::Support } else { EdgeKind::Attack };
            // (No other edge has exactly these premises and this target: `z` is new.)
            with.edges.push(Edge::new(kind, EdgeData {
                id: Some("linked".into()),
                from: vec![other, z.clone()],
                to: format!("n{t}"),
                weight: w,
                ..EdgeData::default()
            }));
            if cut {
                let u = add_leaf(&mut with, 0.7);
                with.edges.push(Edge::Undercut(EdgeData { from: vec![u], to: "linked".into(), ..EdgeData::default() }));
            }
            for k in semantics(a) {
                let (x, y) = (eval(&g, k), eval(&with, k));
                prop_assert!(same(&x, &y[..x.len()]), "{}: {x:?} vs {y:?}", k.name());
            }
        }

        /// 3. An undercutter of strength 0 has no effect.
        #[test]
        fn zero_undercutter_has_no_effect((a, g) in cases(), pick: prop::sample::Index, w in 0.0..=1.0f64) {
            let Some(j) = node_edge(&g, pick) else { return Ok(()) };
            let mut with = g.clone();
            let z = add_leaf(&mut with, 0.0);
            let target = g.edges[j].data().id.clone().unwrap();
            with.edges.push(Edge::Undercut(EdgeData { from: vec![z], to: target, weight: w, ..EdgeData::default() }));
            for k in semantics(a) {
                let (x, y) = (eval(&g, k), eval(&with, k));
                prop_assert!(same(&x, &y[..x.len()]), "{}: {x:?} vs {y:?}", k.name());
            }
        }

        /// 4. Raising an undercutter's strength never raises the target of an
        /// undercut support and never lowers the target of an undercut attack.
        #[test]
        fn stronger_undercutter_weakens_the_inference(
            (a, g) in cases(), pick: prop::sample::Index, w in 0.0..=1.0f64, lo in unit(), hi in unit(),
        ) {
            let Some(j) = node_edge(&g, pick) else { return Ok(()) };
            let (lo, hi) = (lo.min(hi), lo.max(hi));
            let kind = g.edges[j].kind();
            let t: usize = g.edges[j].data().to[1..].parse().unwrap();
            let with = |b: f64| {
                let mut h = g.clone();
                let u = add_leaf(&mut h, b);
                let target = g.edges[j].data().id.clone().unwrap();
                h.edges.push(Edge::Undercut(EdgeData { from: vec![u], to: target, weight: w, ..EdgeData::default() }));
                h
            };
            let (weak, strong) = (with(lo), with(hi));
            for k in semantics(a) {
                let (x, y) = (eval(&weak, k)[t], eval(&strong, k)[t]);
                match kind {
                    EdgeKind::Support => prop_assert!(y <= x + 1e-12, "{}: support target {x} -> {y}", k.name()),
                    _ => prop_assert!(y >= x - 1e-12, "{}: attack target {x} -> {y}", k.name()),
                }
            }
        }

        /// 5. Under DF-QuAD an undercutter of strength 1 with weight 1 cancels
        /// the inference: as if the edge were not there.
        #[test]
        fn full_undercut_cancels_under_df_quad(g in graph(false), pick: prop::sample::Index) {
            let Some(j) = node_edge(&g, pick) else { return Ok(()) };
            let mut with = g.clone();
            let u = add_leaf(&mut with, 1.0);
            let target = g.edges[j].data().id.clone().unwrap();
            with.edges.push(Edge::Undercut(EdgeData { from: vec![u], to: target.clone(), weight: 1.0, ..EdgeData::default() }));
            // Without the edge: also without the undercuts of it (and theirs).
            let mut without = g.clone();
            let mut gone = vec![target];
            loop {
                let before = without.edges.len();
                without.edges.retain(|e| {
                    let d = e.data();
                    !(d.id.as_ref().is_some_and(|i| gone.contains(i)) || (e.kind() == EdgeKind::Undercut && gone.contains(&d.to)))
                });
                let more: Vec<String> = g.edges.iter().filter(|e| e.kind() == EdgeKind::Undercut && gone.contains(&e.data().to)).filter_map(|e| e.data().id.clone()).collect();
                gone.extend(more);
                if without.edges.len() == before {
                    break;
                }
            }
            let k = SemanticsKind::DfQuad;
            let (x, y) = (eval(&with, k), eval(&without, k));
            prop_assert!(same(&x[..g.nodes.len()], &y), "{x:?} vs {y:?}");
        }

        /// Every semantics evaluates every structured graph (acyclic: exactly,
        /// one pass), within [0, 1].
        #[test]
        fn structured_graphs_evaluate((a, g) in cases()) {
            for k in semantics(a) {
                prop_assert!(eval(&g, k).iter().all(|x| (0.0..=1.0).contains(x)), "{}", k.name());
            }
        }
    }
}

/// `argmap extensions` on structured maps: the Dung mapping of
/// docs/semantics.md (an inference as an argument), against extensions worked
/// out by hand in each test.
mod dung_mapping {
    use argmap::dung::{self, Limits, Semantics};
    use argmap::{ArgGraph, Source};

    use crate::{argmap, stderr, stdout};

    /// A graph of claims `nodes` (the first is the conclusion) and these edges.
    fn graph(nodes: &[&str], edges: &str) -> ArgGraph {
        let nodes: String = nodes
            .iter()
            .map(|n| format!("Node(id: \"{n}\", kind: Claim, base: 0.5, text: \"{n}\"),"))
            .collect();
        let text = format!(
            "ArgumentGraph(title: \"t\", conclusion: \"c\", nodes: [{nodes}], edges: [{edges}])"
        );
        let src = Source::new("t.ron", text);
        let checked = argmap::check(&src).unwrap_or_else(|d| panic!("{}", d.short(&src)));
        argmap::build(&checked)
    }

    /// Every extension under `sem`, by name, each sorted by name.
    fn ext(g: &ArgGraph, sem: Semantics) -> Vec<Vec<String>> {
        let af = dung::flatten(g).framework;
        let mut out: Vec<Vec<String>> = dung::extensions(&af, sem, &Limits::default())
            .unwrap()
            .iter()
            .map(|e| {
                let mut names: Vec<String> = af.names_of(e).map(String::from).collect();
                names.sort();
                names
            })
            .collect();
        out.sort();
        out
    }

    fn sets(s: &[&[&str]]) -> Vec<Vec<String>> {
        let mut v: Vec<Vec<String>> = s
            .iter()
            .map(|e| {
                let mut e: Vec<String> = e.iter().map(|x| x.to_string()).collect();
                e.sort();
                e
            })
            .collect();
        v.sort();
        v
    }

    #[test]
    fn linked_attack_needs_every_premise() {
        // l: {a, b} jointly attack c; d attacks the *second* premise b.
        // Framework: d -> b, l -> c, d -> l (an attack on a premise attacks
        // the inference built on it). Grounded: d is unattacked (in), so b
        // and l are out, a is unattacked (in), and c's only attacker l is out:
        // c is in. Reading the linked attack as one from its first premise
        // (a -> c) would put c out instead.
        let g = graph(
            &["c", "a", "b", "d"],
            r#"Attack(id: "l", from: ["a", "b"], to: "c"), Attack(from: "d", to: "b"),"#,
        );
        assert_eq!(ext(&g, Semantics::Grounded), sets(&[&["a", "c", "d"]]));
        // Without d, both premises stand, l is in and c is out.
        let g = graph(
            &["c", "a", "b", "d"],
            r#"Attack(id: "l", from: ["a", "b"], to: "c"),"#,
        );
        assert_eq!(ext(&g, Semantics::Grounded), sets(&[&["a", "b", "d", "l"]]));
    }

    #[test]
    fn linked_attack_in_a_cycle_has_the_set_attack_extensions() {
        // l: {a, b} jointly attack c; c attacks a. Framework: c -> a,
        // l -> c, c -> l (c attacks l's premise a). c and l attack each other,
        // b is unattacked. Preferred (= stable): {b, c} (c defeats a and l)
        // and {a, b, l} (l defeats c, which defends a); grounded: {b}. On the
        // nodes these are Nielsen & Parsons' set-attack extensions {b, c} and
        // {a, b}.
        let g = graph(
            &["c", "a", "b"],
            r#"Attack(id: "l", from: ["a", "b"], to: "c"), Attack(from: "c", to: "a"),"#,
        );
        let two = sets(&[&["b", "c"], &["a", "b", "l"]]);
        assert_eq!(ext(&g, Semantics::Preferred), two);
        assert_eq!(ext(&g, Semantics::Stable), two);
        assert_eq!(ext(&g, Semantics::Grounded), sets(&[&["b"]]));
        // Complete: the grounded one and the two preferred ones.
        assert_eq!(
            ext(&g, Semantics::Complete),
            sets(&[&["b"], &["b", "c"], &["a", "b", "l"]])
        );
    }

    #[test]
    fn undercut_defeats_the_inference_not_its_premise() {
        // e: a attacks c; u undercuts e. Framework: e -> c, u -> e (a attacks
        // nothing directly any more). Grounded: a and u in, e out, c in.
        let g = graph(
            &["c", "a", "u", "v"],
            r#"Attack(id: "e", from: "a", to: "c"), Undercut(id: "k", from: "u", to: "e"),"#,
        );
        assert_eq!(ext(&g, Semantics::Grounded), sets(&[&["a", "c", "u", "v"]]));
        // An undercut of the undercut: v undercuts k, so k is an inference of
        // its own: k -> e, v -> k. Grounded: a, u, v in; k out; e in; c out.
        let g = graph(
            &["c", "a", "u", "v"],
            r#"Attack(id: "e", from: "a", to: "c"), Undercut(id: "k", from: "u", to: "e"),
               Undercut(from: "v", to: "k"),"#,
        );
        assert_eq!(ext(&g, Semantics::Grounded), sets(&[&["a", "e", "u", "v"]]));
        let flat = dung::flatten(&g);
        assert_eq!(flat.inferences, [0, 1]);
        // 4 nodes + 2 inferences; attacks e -> c, k -> e, v -> k.
        assert_eq!(flat.framework.len(), 6);
        assert_eq!(flat.framework.attack_count(), 3);
    }

    #[test]
    fn attacks_on_an_undercut_inference_come_from_its_premises() {
        // e: a attacks c; k: {u, w} jointly undercut e; d attacks w.
        // Framework: e -> c, k -> e, d -> k. Grounded: a, d, u in; w out
        // (d), k out, e in, c out.
        let g = graph(
            &["c", "a", "u", "w", "d"],
            r#"Attack(id: "e", from: "a", to: "c"), Undercut(id: "k", from: ["u", "w"], to: "e"),
               Attack(from: "d", to: "w"),"#,
        );
        assert_eq!(ext(&g, Semantics::Grounded), sets(&[&["a", "d", "e", "u"]]));
    }

    #[test]
    fn undercuts_of_supports_and_supports_are_ignored() {
        // s: {a, b} jointly support c, u undercuts s: no attack at all. Every
        // node is unattacked, so grounded = every node.
        let g = graph(
            &["c", "a", "b", "u"],
            r#"Support(id: "s", from: ["a", "b"], to: "c"), Undercut(id: "k", from: "u", to: "s"),"#,
        );
        assert_eq!(ext(&g, Semantics::Grounded), sets(&[&["a", "b", "c", "u"]]));
        let flat = dung::flatten(&g);
        assert!(flat.inferences.is_empty());
        assert_eq!(
            (flat.supports.as_slice(), flat.ignored_undercuts.as_slice()),
            (&[0][..], &[1][..])
        );
    }

    #[test]
    fn cli_maps_structure_and_says_what_it_ignores() {
        // bike_theft: the only attack is the plain alibi a_alibi; u_feud,
        // u_jackets and u_anyone undercut supports. Dung reading: e_coach
        // (unattacked) defeats h_sam; every other node is unattacked.
        let out = argmap(&["extensions", "graphs/bike_theft.ron", "--json"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        let ext = v["extensions"][0].as_array().unwrap();
        assert_eq!(ext.len(), 9, "{v}");
        assert!(!ext.contains(&serde_json::json!("h_sam")));
        let err = stderr(&out);
        assert!(err.contains("3 support edges ignored"), "{err}");
        assert!(
            err.contains("undercuts of a support ignored (a support has no Dung meaning): u_feud, u_jackets, u_anyone"),
            "{err}"
        );
        // expert.ron: the linked attack #4 ({e_a, e_b} -> c) is an inference;
        // its premises are unattacked, so it is in and defeats c; e_retired
        // defeats e_is_expert.
        let out = argmap(&["extensions", super::EXPERT]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_eq!(
            stdout(&out),
            "{h, e_trial, e_says, e_a, e_b, e_conflict, e_retired, #4}\n"
        );
        assert!(
            stderr(&out).contains("named by edge): #4"),
            "{}",
            stderr(&out)
        );
    }
}

/// `whatif --remove-edge ID`: removing an inference or an undercut.
mod remove_edge {
    use crate::{argmap, stderr, stdout};

    /// h (0.5) gets the linked support s from a (0.8) and b (0.6); c (0.4)
    /// attacks h; d (0.5) undercuts s.
    const MAP: &str = r#"ArgumentGraph(title: "t", conclusion: "h", semantics: "quadratic-energy",
        nodes: [
            Node(id: "h", kind: Claim, base: 0.5, text: "h"),
            Node(id: "a", kind: Claim, base: 0.8, text: "a"),
            Node(id: "b", kind: Claim, base: 0.6, text: "b"),
            Node(id: "c", kind: Claim, base: 0.4, text: "c"),
            Node(id: "d", kind: Claim, base: 0.5, text: "d"),
        ],
        edges: [
            Support(id: "s", from: ["a", "b"], to: "h"),
            Attack(from: "c", to: "h"),
            Undercut(id: "u", from: "d", to: "s"),
        ])"#;

    fn whatif(args: &[&str]) -> (i32, serde_json::Value, String) {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("m.ron");
        std::fs::write(&f, MAP).unwrap();
        let mut all = vec!["whatif", f.to_str().unwrap()];
        all.extend_from_slice(args);
        let out = argmap(&all);
        let v = serde_json::from_str(&stdout(&out)).unwrap_or(serde_json::Value::Null);
        (out.status.code().unwrap(), v, stderr(&out))
    }

    /// Quadratic energy by hand: inference s = 0.6 (its weakest premise)
    /// lowered by d: E = -0.5, 0.6 - 0.6 * 0.25 / 1.25 = 0.48. h: E = 0.48 -
    /// 0.4 = 0.08, 0.5 + 0.5 * 0.0064 / 1.0064 = 0.503179650...
    const BEFORE: f64 = 0.5 + 0.5 * 0.0064 / 1.0064;

    #[test]
    fn removing_an_inference_removes_what_it_carries() {
        let (code, v, err) = whatif(&["--remove-edge", "s", "--json"]);
        assert_eq!(code, 0, "{err}");
        assert!(
            (v["before"].as_f64().unwrap() - BEFORE).abs() < 1e-12,
            "{v}"
        );
        // Without s only c's attack is left: E = -0.4, 0.5 - 0.5 * 0.16 / 1.16.
        let after = 0.5 - 0.5 * 0.16 / 1.16;
        assert!((v["after"].as_f64().unwrap() - after).abs() < 1e-12, "{v}");
        assert_eq!(v["removed_edges"], serde_json::json!(["s"]));
        assert_eq!(v["removed"], serde_json::json!([]));
    }

    #[test]
    fn removing_an_undercut_restores_the_inference() {
        // Without u, the inference is 0.6: E = 0.2, 0.5 + 0.5 * 0.04 / 1.04.
        let (code, v, err) = whatif(&["--remove-edge", "u", "--json"]);
        assert_eq!(code, 0, "{err}");
        let after = 0.5 + 0.5 * 0.04 / 1.04;
        assert!((v["after"].as_f64().unwrap() - after).abs() < 1e-12, "{v}");
        // `#2` is the second edge (c's attack, which has no id): E = 0.48,
        // 0.5 + 0.5 * 0.2304 / 1.2304.
        let (code, v, err) = whatif(&["--remove-edge", "#2", "--json"]);
        assert_eq!(code, 0, "{err}");
        let after = 0.5 + 0.5 * 0.2304 / 1.2304;
        assert!((v["after"].as_f64().unwrap() - after).abs() < 1e-12, "{v}");
        assert_eq!(v["removed_edges"], serde_json::json!(["#2"]));
    }

    #[test]
    fn human_output_names_the_edge_and_its_idle_undercuts() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("m.ron");
        std::fs::write(&f, MAP).unwrap();
        let out = argmap(&["whatif", f.to_str().unwrap(), "--remove-edge", "s"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let text = stdout(&out);
        assert!(
            text.contains("removed edge s (Support from a + b to h) (1 undercut of it now idle)\n"),
            "{text}"
        );
        let out = argmap(&["whatif", f.to_str().unwrap(), "--remove-edge", "u"]);
        assert!(
            stdout(&out).contains("removed edge u (Undercut from d to the inference s)\n"),
            "{}",
            stdout(&out)
        );
    }

    #[test]
    fn unknown_edges_are_refused_with_a_suggestion() {
        let (code, _, err) = whatif(&["--remove-edge", "uu"]);
        assert_eq!(code, 2, "{err}");
        assert!(
            err.contains("no edge with the id `uu` in this graph (did you mean `u`?)"),
            "{err}"
        );
        let (code, _, err) = whatif(&["--remove-edge", "c"]);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("(that is a node: use --remove)"), "{err}");
    }
}
