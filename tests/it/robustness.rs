//! No input makes the loader panic: truncated and garbled copies of real files.

use crate::bundled_graphs;

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn check_bytes(bytes: Vec<u8>) {
    // Whatever the bytes, the result is Ok or diagnostics, never a panic.
    if let Ok(src) = argmap::Source::from_bytes("fuzz.ron".into(), bytes) {
        match argmap::check(&src) {
            Ok(v) => {
                let _ = argmap::build(&v);
            }
            Err(d) => {
                assert!(d.has_errors());
                let _ = d.short(&src); // positions resolve
            }
        }
    }
}

#[test]
fn truncated_copies_of_every_bundled_graph_never_panic() {
    for p in bundled_graphs() {
        let text = std::fs::read(&p).unwrap();
        let step = (text.len() / 400).max(1);
        for cut in (0..text.len()).step_by(step) {
            check_bytes(text[..cut].to_vec());
        }
    }
}

#[test]
fn garbled_copies_never_panic() {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let alphabet = b"()[]{},:\"'\\/*#-+.0123456789eEinfNaSomeNodeClaimEvidence \n\t\xff\xc3";
    for p in bundled_graphs() {
        let text = std::fs::read(&p).unwrap();
        for _ in 0..400 {
            let mut t = text.clone();
            for _ in 0..1 + rng.below(8) {
                let at = rng.below(t.len());
                match rng.below(3) {
                    0 => t[at] = alphabet[rng.below(alphabet.len())],
                    1 => {
                        t.remove(at);
                    }
                    _ => t.insert(at, alphabet[rng.below(alphabet.len())]),
                }
            }
            check_bytes(t);
        }
    }
}

#[test]
fn pathological_shapes_are_refused_cleanly() {
    for text in [
        "[".repeat(100_000),
        "(".repeat(100_000),
        "\"".to_string(),
        "/*".to_string(),
        "r#\"".to_string(),
        "-".to_string(),
        "'".to_string(),
        "0x".to_string(),
        "\u{feff}".to_string(),
    ] {
        check_bytes(text.into_bytes());
    }
}

#[test]
fn the_cli_never_exits_101_on_garbled_input() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read(&bundled_graphs()[0]).unwrap();
    let mut rng = Rng(7);
    for i in 0..20 {
        let mut t = text.clone();
        let cut = rng.below(t.len());
        t.truncate(cut);
        if i % 2 == 0 {
            t.extend_from_slice(b"\xff\x00]]");
        }
        let p = dir.path().join(format!("g{i}.ron"));
        std::fs::write(&p, &t).unwrap();
        let out = crate::argmap(&["check", p.to_str().unwrap()]);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{}",
            crate::stderr(&out)
        );
    }
}
