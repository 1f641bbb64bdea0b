//! The fast `.bag` path (`argmap::formats::bag::fast`) against the ordinary one: the
//! same graph, the same strengths, the same `argmap eval` output.

use argmap::generator::{Format, GenOptions, Shape, generate};
use argmap::semantics::{Params, SemanticsKind, evaluate, evaluate_graph};

use crate::{argmap, stdout};

fn bag(shape: Shape, nodes: usize, seed: u64, weighted_text: bool) -> String {
    let mut o = GenOptions::new(shape, nodes);
    o.seed = seed;
    let g = generate(&o).unwrap();
    let mut v = vec![];
    g.write(Format::Bag, &mut v).unwrap();
    let mut text = String::from_utf8(v).unwrap();
    if weighted_text {
        // Give every third edge an explicit weight (the third argument).
        let mut k = 0;
        text = text
            .lines()
            .map(|l| {
                if l.starts_with("att(") || l.starts_with("sup(") {
                    k += 1;
                    if k % 3 == 0 {
                        return l.replace(").", &format!(", 0.{}).", k % 9 + 1));
                    }
                }
                l.to_string()
            })
            .collect::<Vec<_>>()
            .join("\n");
    }
    text
}

#[test]
fn same_graph_and_strengths_as_the_ordinary_path() {
    for shape in [Shape::Layered, Shape::Cyclic, Shape::ScaleFree, Shape::Tree] {
        for seed in 0..2 {
            let text = bag(shape, 300, seed, seed == 1);
            let src = argmap::Source::new("g.bag", text);
            let c = argmap::formats::bag::fast::read_bag(&src).expect("generated files are clean");
            let v = argmap::formats::bag::parse(&src)
                .and_then(argmap::validate)
                .unwrap();
            let g = argmap::build(&v);
            assert_eq!(c.len(), g.len());
            assert_eq!(c.conclusion(), g.conclusion());
            for i in 0..g.len() {
                assert_eq!(c.id(i), g.id(i));
                assert_eq!(c.qbaf().base()[i], g.node(i).base);
            }
            for kind in [SemanticsKind::QuadraticEnergy, SemanticsKind::DfQuad] {
                let p = Params::default();
                let a = evaluate(c.qbaf(), kind, &p).unwrap();
                let b = evaluate_graph(&g, kind, &p).unwrap();
                // Bit for bit: the same Qbaf, the same solver.
                assert_eq!(a.strengths, b.strengths, "{shape} {seed} {kind:?}");
                assert_eq!((a.iterations, a.converged), (b.iterations, b.converged));
            }
        }
    }
}

#[test]
fn eval_prints_the_same_as_the_ordinary_path() {
    // Two statements on one line are valid .bag, but the fast path leaves
    // such files to the ordinary path: so `joined` goes the ordinary way and
    // `text` the compact way, and their outputs must be identical.
    let dir = tempfile::tempdir().unwrap();
    let text = bag(Shape::Cyclic, 200, 3, true);
    let lines: Vec<&str> = text.lines().collect();
    let joined = format!("{} {}\n{}\n", lines[2], lines[3], lines[4..].join("\n"));
    let fast = dir.path().join("fast.bag");
    let slow = dir.path().join("slow.bag");
    std::fs::write(&fast, &text).unwrap();
    std::fs::write(&slow, &joined).unwrap();
    assert!(
        argmap::formats::bag::fast::read_bag(&argmap::Source::new("s", joined.clone())).is_none()
    );
    assert!(
        argmap::formats::bag::fast::read_bag(&argmap::Source::new("f", text.clone())).is_some()
    );
    for extra in [
        vec!["--json"],
        vec![],
        vec!["--semantics", "df-quad", "--json"],
        vec!["--semantics", "euler-based", "--node", "c5"],
    ] {
        let run = |p: &std::path::Path| {
            let mut args = vec!["eval", p.to_str().unwrap()];
            args.extend(&extra);
            let o = argmap(&args);
            assert!(o.status.success(), "{args:?}");
            stdout(&o)
        };
        assert_eq!(run(&fast), run(&slow), "{extra:?}");
    }
    // Problems still go the ordinary way, with their diagnostics and exit codes.
    let bad = dir.path().join("bad.bag");
    std::fs::write(&bad, text.replace("arg(c5, ", "arg(c5x, ")).unwrap();
    let o = argmap(&["eval", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let o = argmap(&["eval", fast.to_str().unwrap(), "--node", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    let o = argmap(&[
        "eval",
        fast.to_str().unwrap(),
        "--semantics",
        "weighted-h-categorizer",
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "supports refused by an attack-only semantics"
    );
}
