//! The paper map (`graphs/sino_russian_distrust.ron`) is faithful to the paper:
//! its structure covers every section, its citations name the paper's reference
//! list, and every quote appears verbatim in the paper's text (read from
//! `../shared/paper/`; the checks that need it are skipped, with a message, when
//! it is absent).

use argmap::{ArgGraph, NodeKind};

use crate::root;

const MAP: &str = "graphs/sino_russian_distrust.ron";

pub fn load(rel: &str) -> ArgGraph {
    let src = argmap::Source::read(&root().join(rel)).unwrap();
    argmap::build(&argmap::check(&src).unwrap_or_else(|d| panic!("{}", d.short(&src))))
}

fn paper_text() -> Option<String> {
    let dir = root().join("../shared/paper");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    std::fs::read_to_string(files.first()?).ok()
}

/// The entries of the paper's reference list (lines `- Author, ... (Year) ...`).
fn reference_list(paper: &str) -> Vec<&str> {
    let start = paper
        .rfind("\nReferences")
        .expect("the paper has a reference list");
    paper[start..]
        .lines()
        .filter_map(|l| l.strip_prefix("- "))
        .collect()
}

/// Whether a `ref` such as "Bolt and Cross 2018" or "Lukin 2021" names an entry:
/// its first author's surname starts the entry, and its year stands in brackets.
fn names_an_entry(reference: &str, entries: &[&str]) -> bool {
    let Some((authors, year)) = reference.rsplit_once(' ') else {
        return false;
    };
    let first = authors
        .split([','])
        .next()
        .unwrap()
        .split(" and ")
        .next()
        .unwrap();
    let first = first.trim_end_matches(" et al.").trim();
    entries.iter().any(|e| {
        (e.starts_with(&format!("{first},")) || e.starts_with(&format!("{first} (")))
            && e.contains(&format!("({year})"))
    })
}

/// How the map cites the paper itself (a sentence of the paper).
const PAPER_REF: &str = "Mirza, Abbas and Qaisrani 2023";

#[test]
fn every_section_has_its_claim_and_two_cited_evidence_nodes() {
    let g = load(MAP);
    let sections = [
        ("systemic", "2.1"),
        ("domestic", "2.2"),
        ("div_world_order", "3.1"),
        ("div_influence", "3.2"),
        ("div_geoeconomics", "3.3"),
        ("div_far_east", "3.4"),
        ("div_ideology", "3.5"),
        ("div_asymmetry", "3.6"),
    ];
    for (group, section) in sections {
        let in_group = |k: NodeKind| {
            g.nodes()
                .iter()
                .filter(move |n| n.group.as_deref() == Some(group) && n.kind == k)
        };
        assert!(
            in_group(NodeKind::Claim).count() >= 1,
            "section {section} has a claim"
        );
        let cited = in_group(NodeKind::Evidence)
            .filter(|n| n.cite.is_some())
            .count();
        assert!(
            cited >= 2,
            "section {section} has {cited} cited evidence nodes"
        );
    }
    // The hypothesis (structural differences) attacks long-term cordiality, and
    // the six divergence factors of section 3 each support the hypothesis.
    let hyp = g.index_of("c_differences").unwrap();
    assert!(
        g.links()
            .iter()
            .any(|l| l.from == hyp && l.to == g.conclusion() && l.kind == argmap::EdgeKind::Attack)
    );
    let factors = g
        .links()
        .iter()
        .filter(|l| l.to == hyp && l.kind == argmap::EdgeKind::Support)
        .filter(|l| {
            g.node(l.from)
                .group
                .as_deref()
                .is_some_and(|x| x.starts_with("div_"))
        })
        .count();
    assert!(
        factors >= 6,
        "{factors} divergence factors support the hypothesis"
    );
}

#[test]
fn every_citation_names_the_paper_or_its_reference_list() {
    let g = load(MAP);
    let Some(paper) = paper_text() else {
        eprintln!("skipped: ../shared/paper/ is absent, cannot check references");
        return;
    };
    let entries = reference_list(&paper);
    let mut works: Vec<&str> = vec![];
    for n in g.nodes().iter().filter(|n| n.kind == NodeKind::Evidence) {
        let cite = n
            .cite
            .as_ref()
            .unwrap_or_else(|| panic!("{} has no cite", n.id));
        assert!(cite.locator.is_some(), "{} has no locator", n.id);
        let named = std::iter::once(&cite.reference)
            .chain(&cite.cites)
            .chain(&cite.via);
        for work in named.filter(|w| w.as_str() != PAPER_REF) {
            assert!(
                names_an_entry(work, &entries),
                "{}: `{work}` is not in the reference list",
                n.id
            );
            works.push(work);
        }
    }
    works.sort_unstable();
    works.dedup();
    assert!(
        works.len() >= 25,
        "only {} distinct references cited",
        works.len()
    );
}

/// The paper's text with every run of whitespace made one space (quotes are
/// verbatim up to line and page breaks), and for each byte of it the byte of the
/// original text it comes from.
fn normalised(text: &str) -> (String, Vec<usize>) {
    let mut out = String::new();
    let mut at = vec![];
    let mut space = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            at.push(i);
            space = false;
        }
        out.push(c);
        at.extend(std::iter::repeat_n(i, c.len_utf8()));
    }
    (out, at)
}

/// The stretches of `text` inside quotation marks: “...”, "...", and ‘...’ or
/// '...' (an opening single mark follows no letter, a closing one precedes none,
/// so apostrophes such as "China's" or "that’s" do not end a quotation).
fn quoted_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let alnum = |k: usize| chars.get(k).is_some_and(|&(_, c)| c.is_alphanumeric());
    let mut spans = vec![];
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        let close = match c {
            '“' => Some('”'),
            '"' => Some('"'),
            '‘' | '\'' if k == 0 || !alnum(k - 1) => Some(if c == '‘' { '’' } else { '\'' }),
            _ => None,
        };
        let Some(close) = close else {
            k += 1;
            continue;
        };
        let single = matches!(close, '’' | '\'');
        let end = (k + 1..chars.len()).find(|&j| chars[j].1 == close && (!single || !alnum(j + 1)));
        match end {
            Some(j) => {
                spans.push(i + c.len_utf8()..chars[j].0);
                k = if single { k + 1 } else { j + 1 };
            }
            None => k += 1,
        }
    }
    spans
}

/// The section (`"abstract"`, `"1"`, `"2.1"` ...) each heading of the paper
/// opens, with the byte where it starts.
fn sections(paper: &str) -> Vec<(usize, String)> {
    let mut out = vec![];
    let mut at = 0;
    for line in paper.split_inclusive('\n') {
        if line.starts_with("Abstract.") {
            out.push((at, "abstract".to_string()));
        }
        let number: String = line
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let number = number.trim_end_matches('.');
        if !number.is_empty() && line[number.len()..].starts_with(". ") && number.len() <= 3 {
            out.push((at, number.to_string()));
        }
        at += line.len();
    }
    out
}

/// The problems with one quotation: not verbatim, in the wrong section, or credited
/// to a cited author although the paper does not put the words in quotation marks.
fn quote_problems(paper: &str, cite: &argmap::Cite) -> Vec<String> {
    let Some(quote) = cite.quote.as_deref() else {
        return vec![];
    };
    let (text, at) = normalised(paper);
    let quote = normalised(quote).0;
    let hits: Vec<usize> = text.match_indices(&quote).map(|(i, _)| at[i]).collect();
    if hits.is_empty() {
        return vec![format!("not verbatim in the paper: {quote:?}")];
    }
    let mut problems = vec![];
    let heads = sections(paper);
    let section_of = |i: usize| {
        heads
            .iter()
            .rev()
            .find(|(start, _)| *start <= i)
            .map_or("front matter", |(_, s)| s.as_str())
    };
    let locator = cite.locator.as_deref().unwrap_or("");
    let names = |s: &str| {
        let want = if s == "abstract" {
            "abstract".to_string()
        } else {
            format!("section {s}")
        };
        locator == want || locator.starts_with(&format!("{want},"))
    };
    if !hits.iter().any(|&i| names(section_of(i))) {
        problems.push(format!(
            "locator {locator:?}, but the quote stands in section {}",
            section_of(hits[0])
        ));
    }
    if cite.reference == PAPER_REF {
        if cite.via.is_some() {
            problems.push("a sentence of the paper needs no `via`".to_string());
        }
    } else {
        if cite.via.as_deref() != Some(PAPER_REF) {
            problems.push(format!(
                "words quoted in the paper need `via: {PAPER_REF:?}`"
            ));
        }
        let spans = quoted_spans(paper);
        let inside = paper
            .match_indices(&quote)
            .any(|(i, q)| spans.iter().any(|s| s.start <= i && i + q.len() <= s.end))
            || normalised_inside(paper, &quote, &spans);
        if !inside {
            problems.push(format!(
                "credited to {}, but the paper does not put these words in quotation marks: {quote:?}",
                cite.reference
            ));
        }
    }
    problems
}

/// Whether `quote` (whitespace-normalised) lies inside one quoted span.
fn normalised_inside(paper: &str, quote: &str, spans: &[std::ops::Range<usize>]) -> bool {
    spans
        .iter()
        .any(|s| normalised(&paper[s.clone()]).0.contains(quote))
}

#[test]
fn every_quote_is_verbatim_in_its_section_and_credited_to_whose_words_it_is() {
    let Some(paper) = paper_text() else {
        eprintln!("skipped: ../shared/paper/ is absent, cannot check quotes");
        return;
    };
    let mut checked = 0;
    let mut problems = vec![];
    for rel in crate::bundled_graphs() {
        let rel = rel
            .strip_prefix(root())
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        let g = load(&rel);
        let from_paper = g.model().source.as_ref().and_then(|s| s.doi.as_deref())
            == Some("10.3176/tr.2023.4.02");
        if !from_paper {
            continue;
        }
        for n in g.nodes() {
            if let Some(c) = &n.cite {
                problems.extend(
                    quote_problems(&paper, c)
                        .into_iter()
                        .map(|p| format!("{rel}: {}: {p}", n.id)),
                );
                checked += usize::from(c.quote.is_some());
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(checked >= 25, "only {checked} quotes checked");
}

#[test]
fn the_quote_checker_rejects_misattribution_and_wrong_sections() {
    let Some(paper) = paper_text() else {
        eprintln!("skipped: ../shared/paper/ is absent");
        return;
    };
    let cite = |reference: &str, via: Option<&str>, locator: &str, quote: &str| argmap::Cite {
        reference: reference.into(),
        via: via.map(String::from),
        locator: Some(locator.into()),
        quote: Some(quote.into()),
        ..Default::default()
    };
    // The paper's own sentence, credited to the work it cites (the old map's e_us_nss_2017).
    let sentence = "declared China and Russia as 'revisionist states' posing a threat to the interests of the US and its allies";
    let p = quote_problems(
        &paper,
        &cite("Trump 2017", Some(PAPER_REF), "section 2.1", sentence),
    );
    assert!(p.iter().any(|p| p.contains("quotation marks")), "{p:?}");
    assert!(quote_problems(&paper, &cite(PAPER_REF, None, "section 2.1", sentence)).is_empty());
    // Words in quotation marks credited to their author, read in the paper.
    let words = "Beijing and Moscow are close, but not allies";
    assert!(
        quote_problems(
            &paper,
            &cite("Ying 2016", Some(PAPER_REF), "section 2.2", words)
        )
        .is_empty()
    );
    let p = quote_problems(&paper, &cite("Ying 2016", None, "section 2.2", words));
    assert!(p.iter().any(|p| p.contains("via")), "{p:?}");
    // The wrong section (the old map's e_russian_interventions quoted section 2 for 3.1).
    let p = quote_problems(
        &paper,
        &cite(
            PAPER_REF,
            None,
            "section 3.1",
            "Russia's unilateral annexation of Crimea and attack on Ukraine",
        ),
    );
    assert!(p.iter().any(|p| p.contains("section 2")), "{p:?}");
    // Not verbatim; and across a page break, verbatim up to whitespace.
    let p = quote_problems(
        &paper,
        &cite(
            PAPER_REF,
            None,
            "section 3.6",
            "China abstained in the Security Council",
        ),
    );
    assert!(p.iter().any(|p| p.contains("not verbatim")), "{p:?}");
    let across = "but ‘abstained’ from voting in the United States Security Council";
    assert!(quote_problems(&paper, &cite(PAPER_REF, None, "section 3.6", across)).is_empty());
    // Quotation marks: apostrophes do not end a quotation.
    let spans = quoted_spans("He said ‘it’s fine’ and 'China's' \"yes\".");
    let text = "He said ‘it’s fine’ and 'China's' \"yes\".";
    let got: Vec<&str> = spans.iter().map(|s| &text[s.clone()]).collect();
    assert_eq!(got, ["it’s fine", "China's", "yes"]);
}

/// The coding protocol written in the map's header: an evidence base is its
/// source type minus its hedges (never below 0.3), a weight is one of the four
/// steps, a claim's base is 0 (the conclusion's 0.5); anything else has a note.
#[test]
fn every_number_follows_the_coding_protocol_or_says_why_not() {
    let g = load(MAP);
    let types = [
        ("fact", 0.8),
        ("fact_uncited", 0.7),
        ("judgement", 0.65),
        ("interpretation", 0.55),
        ("rhetoric", 0.5),
    ];
    let hedges = [
        ("hedge_possibility", 0.15),
        ("hedge_uncertain", 0.1),
        ("hedge_some", 0.1),
    ];
    let mut departures = vec![];
    for n in g.nodes() {
        let expected = match n.kind {
            NodeKind::Claim if n.id == g.id(g.conclusion()) => 0.5,
            NodeKind::Claim => 0.0,
            NodeKind::Evidence => {
                let t: Vec<f64> = types
                    .iter()
                    .filter(|(t, _)| n.tags.iter().any(|x| x == t))
                    .map(|x| x.1)
                    .collect();
                assert_eq!(t.len(), 1, "{} has one source type tag", n.id);
                let h: f64 = hedges
                    .iter()
                    .filter(|(h, _)| n.tags.iter().any(|x| x == h))
                    .map(|x| x.1)
                    .sum();
                (t[0] - h).max(0.3)
            }
        };
        if (n.base - expected).abs() > 1e-9 && n.note.is_none() {
            departures.push(format!("{}: base {} (protocol {expected})", n.id, n.base));
        }
    }
    for (l, e) in g.links().iter().zip(&g.model().edges) {
        let on_scale = [0.2, 0.4, 0.6, 0.8]
            .iter()
            .any(|w| (l.weight - w).abs() < 1e-9);
        if !on_scale && e.data().note.is_none() {
            departures.push(format!(
                "{} -> {}: weight {}",
                g.id(l.from),
                g.id(l.to),
                l.weight
            ));
        }
    }
    assert!(
        departures.is_empty(),
        "without a note:\n{}",
        departures.join("\n")
    );
}

#[test]
fn reference_matching_is_strict() {
    // Hand-made entries in the paper's style: the matcher must not accept near misses.
    let entries = [
        "Lukin, Alexander (2021) The Russia–China entente.",
        "Bolt, Paul J. and Sharyl N. Cross (2018) China, Russia, and twenty-first century.",
    ];
    assert!(names_an_entry("Lukin 2021", &entries));
    assert!(names_an_entry("Bolt and Cross 2018", &entries));
    assert!(!names_an_entry("Lukin 2020", &entries));
    assert!(!names_an_entry("Luk 2021", &entries));
}

/// The six semantics that take supports as well as attacks. The three attack-only
/// semantics (weighted h-categorizer, max-based, card-based) refuse this map,
/// which is bipolar: see `attack_only_semantics_refuse_the_map`.
fn bipolar() -> impl Iterator<Item = argmap::SemanticsKind> {
    argmap::SemanticsKind::ALL
        .into_iter()
        .filter(|k| !k.is_attack_only())
}

/// Strengths of `ids` under `kind`, with the nodes for which `remove` holds removed.
fn strengths(
    g: &ArgGraph,
    kind: argmap::SemanticsKind,
    remove: impl Fn(&argmap::Node) -> bool,
    ids: &[&str],
) -> Vec<f64> {
    let q = argmap::Qbaf::from_graph(g);
    let overlay = argmap::Overlay {
        removed: g.nodes().iter().map(remove).collect(),
        ..Default::default()
    };
    let e = argmap::semantics::evaluate_with(&q, kind, &argmap::Params::default(), &overlay)
        .unwrap_or_else(|e| panic!("{}: {e}", kind.name()));
    assert!(e.converged);
    ids.iter()
        .map(|id| e.strengths[g.index_of(id).unwrap()])
        .collect()
}

/// Whether a node is evidence filed under group `group` or one nested in it.
fn evidence_in<'a>(g: &'a ArgGraph, group: &'a str) -> impl Fn(&argmap::Node) -> bool + 'a {
    let groups: Vec<String> = g
        .group_and_descendants(group)
        .into_iter()
        .map(String::from)
        .collect();
    move |n| n.kind == NodeKind::Evidence && n.group.as_ref().is_some_and(|x| groups.contains(x))
}

/// Whether a node is evidence.
fn evidence(n: &argmap::Node) -> bool {
    n.kind == NodeKind::Evidence
}

/// The semantics under which a claim with base 0 can be moved by its evidence.
/// Euler-based, euler-based-top and mlp-based scale the change by the base, so a
/// base-0 claim stays 0 there (see docs/paper-map.md).
fn additive() -> [argmap::SemanticsKind; 3] {
    [
        argmap::SemanticsKind::QuadraticEnergy,
        argmap::SemanticsKind::DfQuad,
        argmap::SemanticsKind::SdDfQuad,
    ]
}

#[test]
fn the_structure_alone_gives_no_verdict_under_any_semantics() {
    // Every claim but the conclusion has base 0: without evidence nothing moves.
    let g = load(MAP);
    assert_eq!(g.id(g.conclusion()), "h_cordiality");
    for kind in bipolar() {
        let s = strengths(&g, kind, evidence, &["h_cordiality"])[0];
        assert!(
            (0.45..=0.55).contains(&s),
            "{}: structure-only baseline {s}",
            kind.name()
        );
    }
}

#[test]
fn the_evidence_moves_the_conclusion_where_claims_can_move() {
    let g = load(MAP);
    for kind in additive() {
        let s = strengths(&g, kind, |_| false, &["h_cordiality", "c_differences"]);
        let base = strengths(&g, kind, evidence, &["h_cordiality"])[0];
        assert!(
            (s[0] - base).abs() > 0.02 && s[1] > 0.4,
            "{}: cordiality {} (baseline {base}), hypothesis {}",
            kind.name(),
            s[0],
            s[1]
        );
    }
    for kind in bipolar().filter(|k| !additive().contains(k)) {
        let s = strengths(&g, kind, |_| false, &["h_cordiality", "c_differences"]);
        assert_eq!(s, [0.5, 0.0], "{}: base-0 claims stay at 0", kind.name());
    }
}

#[test]
fn removing_the_divergence_evidence_raises_cordiality() {
    let g = load(MAP);
    let divergence = evidence_in(&g, "divergence");
    assert!(g.nodes().iter().filter(|n| divergence(n)).count() >= 12);
    for kind in additive() {
        let before = strengths(&g, kind, |_| false, &["h_cordiality"])[0];
        let after = strengths(&g, kind, &divergence, &["h_cordiality"])[0];
        assert!(
            after > before,
            "{}: cordiality {before} -> {after} without divergence evidence",
            kind.name()
        );
    }
}

#[test]
fn removing_the_systemic_evidence_lowers_the_partnership() {
    let g = load(MAP);
    let systemic = evidence_in(&g, "systemic");
    assert!(g.nodes().iter().filter(|n| systemic(n)).count() >= 5);
    for kind in additive() {
        let before = strengths(&g, kind, |_| false, &["c_partnership"])[0];
        let after = strengths(&g, kind, &systemic, &["c_partnership"])[0];
        assert!(
            after < before,
            "{}: partnership {before} -> {after} without systemic evidence",
            kind.name()
        );
    }
}

#[test]
fn attack_only_semantics_refuse_the_map() {
    let g = load(MAP);
    let q = argmap::Qbaf::from_graph(&g);
    for kind in argmap::SemanticsKind::ALL
        .into_iter()
        .filter(|k| k.is_attack_only())
    {
        let err = argmap::semantics::evaluate(&q, kind, &argmap::Params::default()).unwrap_err();
        assert!(
            err.to_string().contains("support"),
            "{}: {err}",
            kind.name()
        );
    }
}

#[test]
fn every_bundled_graph_evaluates_under_every_semantics() {
    for path in crate::bundled_graphs() {
        let rel = path
            .strip_prefix(root())
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        let g = load(&rel);
        assert!(
            g.model().description.is_some(),
            "{rel} says what it teaches"
        );
        let q = argmap::Qbaf::from_graph(&g);
        let has_supports = g
            .links()
            .iter()
            .any(|l| l.kind == argmap::EdgeKind::Support);
        for kind in argmap::SemanticsKind::ALL {
            match argmap::semantics::evaluate(&q, kind, &argmap::Params::default()) {
                Ok(e) => {
                    assert!(e.converged, "{rel} {}", kind.name());
                    assert!(
                        e.strengths.iter().all(|s| (0.0..=1.0).contains(s)),
                        "{rel} {}",
                        kind.name()
                    );
                }
                Err(e) => assert!(
                    kind.is_attack_only() && has_supports,
                    "{rel} {}: {e}",
                    kind.name()
                ),
            }
        }
    }
}

#[test]
fn the_expectations_pinned_in_the_paper_map_hold() {
    let out = crate::argmap(&["test", MAP]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        crate::stdout(&out),
        crate::stderr(&out)
    );
    assert!(
        crate::stdout(&out).contains("12 passed, 0 failed"),
        "{}",
        crate::stdout(&out)
    );
}
