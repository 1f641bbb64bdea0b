//! Dung extensions: the search against an independent brute force, the public
//! frameworks in ../shared/argumentation-frameworks, the readers, the CLI.

use argmap::dung::{self, Framework, Limits, Semantics};
use proptest::prelude::*;

const ALL: [Semantics; 4] = [
    Semantics::Grounded,
    Semantics::Complete,
    Semantics::Preferred,
    Semantics::Stable,
];

/// Subset enumeration with the textbook definitions (Dung 1995), on bit masks.
/// Independent of the library: it only reads the attack relation.
mod brute {
    use argmap::dung::Framework;

    pub struct Brute {
        n: usize,
        /// `att[a]`: bit mask of the arguments `a` attacks.
        att: Vec<u32>,
        /// `by[a]`: bit mask of the attackers of `a`.
        by: Vec<u32>,
    }

    impl Brute {
        pub fn new(af: &Framework) -> Brute {
            let n = af.len();
            assert!(n <= 20, "brute force is for small frameworks");
            let mut att = vec![0u32; n];
            let mut by = vec![0u32; n];
            for (a, b) in af.attack_pairs() {
                att[a] |= 1 << b;
                by[b] |= 1 << a;
            }
            Brute { n, att, by }
        }

        /// The arguments attacked by some member of `s`.
        fn attacked(&self, s: u32) -> u32 {
            (0..self.n)
                .filter(|&a| s >> a & 1 == 1)
                .fold(0, |m, a| m | self.att[a])
        }

        pub fn conflict_free(&self, s: u32) -> bool {
            self.attacked(s) & s == 0
        }

        /// F(S): the arguments all of whose attackers S attacks.
        pub fn defended(&self, s: u32) -> u32 {
            let hit = self.attacked(s);
            (0..self.n)
                .filter(|&a| self.by[a] & !hit == 0)
                .fold(0, |m, a| m | 1 << a)
        }

        pub fn admissible(&self, s: u32) -> bool {
            self.conflict_free(s) && s & !self.defended(s) == 0
        }

        /// Complete: admissible and a fixed point of the characteristic function.
        pub fn complete(&self, s: u32) -> bool {
            self.admissible(s) && self.defended(s) == s
        }

        pub fn stable(&self, s: u32) -> bool {
            let all = if self.n == 32 {
                u32::MAX
            } else {
                (1u32 << self.n) - 1
            };
            self.conflict_free(s) && self.attacked(s) | s == all
        }

        fn subsets(&self) -> impl Iterator<Item = u32> {
            0..(1u32 << self.n)
        }

        pub fn extensions(&self, sem: &str) -> Vec<u32> {
            let adm: Vec<u32> = self.subsets().filter(|&s| self.admissible(s)).collect();
            match sem {
                "complete" => self.subsets().filter(|&s| self.complete(s)).collect(),
                "stable" => self.subsets().filter(|&s| self.stable(s)).collect(),
                // Maximal admissible sets.
                "preferred" => adm
                    .iter()
                    .copied()
                    .filter(|&s| !adm.iter().any(|&t| t != s && t & s == s))
                    .collect(),
                // The least complete extension: the one contained in all others.
                "grounded" => {
                    let comp = self.extensions("complete");
                    comp.iter()
                        .copied()
                        .filter(|&s| comp.iter().all(|&t| s & t == s))
                        .collect()
                }
                _ => unreachable!(),
            }
        }

        pub fn to_sorted(&self, sets: &[u32]) -> Vec<Vec<usize>> {
            let mut v: Vec<Vec<usize>> = sets
                .iter()
                .map(|&s| (0..self.n).filter(|&a| s >> a & 1 == 1).collect())
                .collect();
            v.sort();
            v
        }
    }
}

fn framework(n: usize, attacks: &[(u32, u32)]) -> Framework {
    Framework::new((0..n).map(|i| format!("a{i}")), attacks)
}

/// Checks every entry point under every semantics against the brute force.
fn check_against_brute(af: &Framework) {
    let b = brute::Brute::new(af);
    let l = Limits::default();
    for sem in ALL {
        let expect_sets = b.extensions(sem.name());
        let expect = b.to_sorted(&expect_sets);
        let got = dung::extensions(af, sem, &l).unwrap();
        assert_eq!(
            got,
            expect,
            "{sem} extensions of {:?}",
            af.attack_pairs().collect::<Vec<_>>()
        );
        assert_eq!(
            dung::count(af, sem, &l).unwrap(),
            expect.len() as u64,
            "{sem} count"
        );
        match dung::one(af, sem, &l).unwrap() {
            Some(e) => assert!(expect.contains(&e), "{sem} one: {e:?} not in {expect:?}"),
            None => assert!(expect.is_empty(), "{sem} one: none, but {expect:?}"),
        }
        for a in 0..af.len() {
            let cred = expect.iter().any(|e| e.contains(&a));
            // Empty intersection convention: with no extension, all are skeptical.
            let skep = expect.iter().all(|e| e.contains(&a));
            assert_eq!(
                dung::credulous(af, sem, a, &l).unwrap(),
                cred,
                "{sem} credulous {a}"
            );
            assert_eq!(
                dung::skeptical(af, sem, a, &l).unwrap(),
                skep,
                "{sem} skeptical {a}"
            );
        }
    }
    assert_eq!(
        [dung::grounded(af)].to_vec(),
        b.to_sorted(&b.extensions("grounded"))
    );
}

/// Frameworks with up to 10 arguments; each possible attack (self-attacks
/// included) is present with probability `p`, for p from sparse to dense.
fn small_framework() -> impl Strategy<Value = Framework> {
    (0usize..=10, 0.05f64..0.6).prop_flat_map(|(n, p)| {
        proptest::collection::vec(proptest::bool::weighted(p), n * n).prop_map(move |bits| {
            let att: Vec<(u32, u32)> = (0..n * n)
                .filter(|&k| bits[k])
                .map(|k| ((k / n) as u32, (k % n) as u32))
                .collect();
            framework(n, &att)
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    #[test]
    fn search_agrees_with_brute_force(af in small_framework()) {
        check_against_brute(&af);
    }
}

/// Hand-picked shapes the random ones may miss.
#[test]
fn brute_force_on_classic_shapes() {
    let cycle = |n: u32| -> Vec<(u32, u32)> { (0..n).map(|i| (i, (i + 1) % n)).collect() };
    // Odd and even cycles of length 1..8 (odd: no stable extension).
    for n in 1..=8 {
        check_against_brute(&framework(n as usize, &cycle(n)));
    }
    // Floating reinstatement (Baroni & Giacomin): a <-> b, both attack c, c -> d.
    check_against_brute(&framework(4, &[(0, 1), (1, 0), (0, 2), (1, 2), (2, 3)]));
    // A 3-cycle attacking an argument of a 2-cycle.
    check_against_brute(&framework(
        5,
        &[(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 3)],
    ));
    // Complete digraph on 6 with all self-attacks, and without.
    let all: Vec<(u32, u32)> = (0..6).flat_map(|a| (0..6).map(move |b| (a, b))).collect();
    check_against_brute(&framework(6, &all));
    let no_self: Vec<(u32, u32)> = all.iter().copied().filter(|(a, b)| a != b).collect();
    check_against_brute(&framework(6, &no_self));
    // Five disjoint 2-cycles (3^5 complete extensions) plus an isolated argument.
    let pairs: Vec<(u32, u32)> = (0..5)
        .flat_map(|i| [(2 * i, 2 * i + 1), (2 * i + 1, 2 * i)])
        .collect();
    check_against_brute(&framework(11, &pairs));
    check_against_brute(&framework(0, &[]));
}
