//! `argmap iccma`: the ICCMA 2023 solver interface, its exact output, and the
//! answers crustabri 1.1.1 gave on the public frameworks (recorded fixture).

use argmap::dung::{self, Limits, Semantics};

fn run(args: &[&str]) -> (i32, String, String) {
    let o = crate::argmap(args);
    (
        o.status.code().unwrap_or(-1),
        crate::stdout(&o),
        crate::stderr(&o),
    )
}

fn iccma(problem: &str, file: &str, arg: Option<&str>) -> String {
    let mut a = vec!["iccma", "-p", problem, "-f", file];
    if let Some(x) = arg {
        a.extend(["-a", x]);
    }
    let (code, out, err) = run(&a);
    assert_eq!(code, 0, "{problem} {file}: {err}");
    out
}

#[test]
fn problems_lists_every_task() {
    let (code, out, _) = run(&["iccma", "--problems"]);
    assert_eq!(code, 0);
    let list = out
        .trim()
        .strip_prefix('[')
        .and_then(|s| s.strip_suffix(']'));
    let list: Vec<&str> = list.expect("[...]").split(',').collect();
    assert_eq!(list.len(), 5 * 7);
    for p in [
        "DC-CO", "DS-PR", "SE-ST", "DC-SST", "DS-STG", "SE-ID", "EE-PR", "CE-CO",
    ] {
        assert!(list.contains(&p), "{p}");
    }
}

/// probo's example 1 (tests/data/frameworks/probo_ex1.af), by hand: every
/// argument is attacked, so grounded is {}; the complete extensions are {},
/// {1, 3, 4} and {2, 5}; both non-empty ones attack everything outside
/// them, so they are the preferred, stable, semi-stable and stage ones; the
/// preferred ones have an empty intersection, so ideal is {}.
#[test]
fn exact_output_on_probo_example() {
    let f = "tests/data/frameworks/probo_ex1.af";
    assert_eq!(iccma("SE-GR", f, None), "w\n");
    assert_eq!(iccma("SE-ID", f, None), "w\n");
    assert_eq!(iccma("SE-CO", f, None), "w\n");
    assert_eq!(iccma("CE-CO", f, None), "3\n");
    for sem in ["PR", "ST", "SST", "STG"] {
        let se = iccma(&format!("SE-{sem}"), f, None);
        assert!(se == "w 1 3 4\n" || se == "w 2 5\n", "SE-{sem}: {se}");
        let mut ee: Vec<String> = iccma(&format!("EE-{sem}"), f, None)
            .lines()
            .map(String::from)
            .collect();
        ee.sort();
        assert_eq!(ee, ["w 1 3 4", "w 2 5"], "EE-{sem}");
        assert_eq!(iccma(&format!("CE-{sem}"), f, None), "2\n");
        assert_eq!(iccma(&format!("DC-{sem}"), f, Some("1")), "YES\nw 1 3 4\n");
        assert_eq!(iccma(&format!("DS-{sem}"), f, Some("1")), "NO\nw 2 5\n");
    }
    assert_eq!(iccma("DC-CO", f, Some("5")), "YES\nw 2 5\n");
    assert_eq!(iccma("DS-CO", f, Some("5")), "NO\nw\n");
    assert_eq!(iccma("DC-GR", f, Some("5")), "NO\n");
    assert_eq!(iccma("DS-ID", f, Some("2")), "NO\nw\n");
}

/// A 3-cycle: no stable extension (SE prints NO, DS is vacuously YES);
/// semi-stable = preferred = {}; the stage extensions are the singletons
/// (each has range 2, and no conflict-free set has more).
#[test]
fn exact_output_without_stable_extension() {
    let f = "tests/data/frameworks/odd_cycle.af";
    assert_eq!(iccma("SE-ST", f, None), "NO\n");
    assert_eq!(iccma("EE-ST", f, None), "");
    assert_eq!(iccma("CE-ST", f, None), "0\n");
    assert_eq!(iccma("DC-ST", f, Some("1")), "NO\n");
    assert_eq!(iccma("DS-ST", f, Some("1")), "YES\n");
    assert_eq!(iccma("SE-SST", f, None), "w\n");
    assert_eq!(iccma("CE-STG", f, None), "3\n");
    assert_eq!(iccma("DC-STG", f, Some("2")), "YES\nw 2\n");
    let ds = iccma("DS-STG", f, Some("2"));
    assert!(ds == "NO\nw 1\n" || ds == "NO\nw 3\n", "{ds}");
}

#[test]
fn limits_and_errors() {
    // 8 disjoint 2-cycles, 3^8 complete extensions: no time to count them.
    let f = "tests/data/frameworks/eight_pairs.af";
    let (code, out, err) = run(&["iccma", "-p", "CE-CO", "-f", f, "--time-budget", "0"]);
    assert_eq!((code, out.as_str()), (3, ""), "{err}");
    assert!(err.contains("time budget"), "{err}");
    assert_eq!(iccma("CE-CO", f, None), "6561\n");
    let (code, _, err) = run(&["iccma", "-p", "XX-PR", "-f", f]);
    assert_eq!(code, 2);
    assert!(err.contains("--problems"), "{err}");
    assert!(!err.contains("did you mean"), "{err}");
    // The ICCMA names are upper case; a lower-case one is pointed to it.
    let (code, _, err) = run(&["iccma", "-p", "se-pr", "-f", f]);
    assert_eq!(code, 2);
    assert!(
        err.contains("unknown problem `se-pr` (did you mean `SE-PR`?)"),
        "{err}"
    );
    let (code, _, err) = run(&["iccma", "-p", "DC-PR", "-f", f]);
    assert_eq!(code, 2);
    assert!(err.contains("-a ARG"), "{err}");
    let (code, _, err) = run(&["iccma", "-p", "DC-PR", "-f", f, "-a", "17"]);
    assert_eq!(code, 2);
    assert!(err.contains("no argument `17`"), "{err}");
    let (code, _, _) = run(&[
        "iccma",
        "-p",
        "SE-PR",
        "-f",
        "tests/data/frameworks/floating.apx",
    ]);
    assert_eq!(code, 0);
}

/// Every answer crustabri 1.1.1 gave (tests/data/frameworks/crustabri_answers.tsv,
/// recorded by benches/record_crustabri.sh) is argmap's.
#[test]
fn crustabri_answers_on_public_frameworks() {
    let dir = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/argumentation-frameworks"
    ));
    if !dir.is_dir() {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    }
    let fixture = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/frameworks/crustabri_answers.tsv"
    ))
    .unwrap();
    let mut checked = 0;
    let mut cache: Option<(String, dung::Framework)> = None;
    for line in fixture.lines().filter(|l| !l.starts_with('#')) {
        let v: Vec<&str> = line.split('\t').collect();
        let [file, problem, arg, answer] = v[..] else {
            panic!("bad fixture line {line:?}")
        };
        if cache.as_ref().is_none_or(|(f, _)| f != file) {
            let src = argmap::Source::read(&dir.join(file)).unwrap();
            let af =
                argmap::formats::af::read(&src).unwrap_or_else(|d| panic!("{}", d.short(&src)));
            cache = Some((file.to_string(), af));
        }
        let af = &cache.as_ref().unwrap().1;
        let (task, sem) = problem.split_once('-').unwrap();
        let sem = match sem {
            "CO" => Semantics::Complete,
            "GR" => Semantics::Grounded,
            "PR" => Semantics::Preferred,
            "ST" => Semantics::Stable,
            "SST" => Semantics::SemiStable,
            "STG" => Semantics::Stage,
            "ID" => Semantics::Ideal,
            _ => panic!("{problem}"),
        };
        let a = af.index_of(arg).unwrap();
        let l = Limits::default();
        let yes = if task == "DC" {
            dung::credulous(af, sem, a, &l).unwrap()
        } else {
            dung::skeptical(af, sem, a, &l).unwrap()
        };
        assert_eq!(if yes { "YES" } else { "NO" }, answer, "{line}");
        checked += 1;
    }
    assert!(checked >= 100, "{checked} answers checked");
}

/// `argmap extensions` takes the new semantics names. Floating reinstatement
/// (1 <-> 2, both attack 3, 3 -> 4), by hand: the stable extensions {1, 4}
/// and {2, 4} are the semi-stable and the stage ones; the preferred ones
/// meet in {4}, which does not defend itself against 3, so ideal is {}.
#[test]
fn extensions_take_the_new_semantics() {
    let f = "tests/data/frameworks/floating.af";
    for sem in ["semi-stable", "stage"] {
        let (code, out, _) = run(&["extensions", f, "--semantics", sem, "--json"]);
        assert_eq!(code, 0);
        assert_eq!(
            out,
            format!("{{\"semantics\":\"{sem}\",\"extensions\":[[\"1\",\"4\"],[\"2\",\"4\"]]}}\n")
        );
    }
    let (code, out, _) = run(&["extensions", f, "--semantics", "ideal"]);
    assert_eq!((code, out.as_str()), (0, "{}\n"));
}

/// `extensions --accepted` on an `.af`, whose arguments are numbered 1 to N:
/// an unknown number is answered with the range, not with a "near" number
/// (`9` used to get "did you mean `1`?" on the 5 arguments of probo_ex1).
#[test]
fn an_unknown_af_argument_is_answered_with_the_range() {
    let (code, out, err) = run(&[
        "extensions",
        "tests/data/frameworks/probo_ex1.af",
        "--semantics",
        "preferred",
        "--accepted",
        "9",
        "--mode",
        "credulous",
    ]);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert!(
        err.contains("no argument `9` in tests/data/frameworks/probo_ex1.af (its arguments are numbered 1 to 5)"),
        "{err}"
    );
    assert!(!err.contains("did you mean"), "{err}");
}

/// `k` disjoint mutual attacks `2i-1 <-> 2i`: each pair is in its own stable
/// extension either way, so there are exactly 2^k stable extensions (and 2^k
/// preferred ones; complete: 3^k, each pair also undecided).
fn pairs_af(dir: &std::path::Path, k: usize) -> String {
    let mut text = format!("p af {}\n", 2 * k);
    for i in 1..=k {
        text.push_str(&format!(
            "{} {}\n{} {}\n",
            2 * i - 1,
            2 * i,
            2 * i,
            2 * i - 1
        ));
    }
    let f = dir.join(format!("pairs{k}.af"));
    std::fs::write(&f, text).unwrap();
    f.to_str().unwrap().to_string()
}

/// CE past 128 and 256 bits: every digit on standard output, exit 0
/// (2^k stable and preferred extensions of k pairs, 3^k complete ones, in
/// hand decimal arithmetic); `extensions --count --json` writes the number
/// and, past 2^53 - 1, the same digits as the string `count_decimal`.
#[test]
fn counts_past_2_to_the_128_and_2_to_the_256_print_every_digit() {
    use crate::dung::decimal::power;
    let dir = tempfile::tempdir().unwrap();
    // 2^127 still fits in 128 bits: 170141183460469231731687303715884105728.
    let f127 = pairs_af(dir.path(), 127);
    assert_eq!(
        iccma("CE-ST", &f127, None),
        "170141183460469231731687303715884105728\n"
    );
    for k in [130, 300] {
        let f = pairs_af(dir.path(), k);
        for (p, base) in [("CE-ST", 2), ("CE-PR", 2), ("CE-CO", 3), ("CE-SST", 2)] {
            assert_eq!(
                iccma(p, &f, None),
                format!("{}\n", power(base, k as u32)),
                "{p} {k}"
            );
        }
    }
    let f130 = pairs_af(dir.path(), 130);
    let (code, out, err) = run(&["extensions", "--count", "-s", "stable", &f130]);
    assert_eq!((code, out), (0, format!("{}\n", power(2, 130))), "{err}");
    let (code, out, err) = run(&["extensions", "--count", "--json", "-s", "stable", &f130]);
    let n = power(2, 130);
    assert_eq!(
        (code, out),
        (
            0,
            format!("{{\"semantics\":\"stable\",\"count\":{n},\"count_decimal\":\"{n}\"}}\n")
        ),
        "{err}"
    );
    // 2^53 - 1 and below: the number alone, as before; 2^53: with the string.
    let f53 = pairs_af(dir.path(), 53);
    let (_, out, _) = run(&["extensions", "--count", "--json", "-s", "stable", &f53]);
    assert_eq!(
        out,
        "{\"semantics\":\"stable\",\"count\":9007199254740992,\"count_decimal\":\"9007199254740992\"}\n"
    );
    let f52 = pairs_af(dir.path(), 52);
    let (_, out, _) = run(&["extensions", "--count", "--json", "-s", "stable", &f52]);
    assert_eq!(
        out,
        "{\"semantics\":\"stable\",\"count\":4503599627370496}\n"
    );
}
