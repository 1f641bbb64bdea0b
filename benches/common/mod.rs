//! What several benchmarks share (`mod common;`): the CPU-time measurement and
//! a seeded generator. Not a benchmark target of its own (a folder without
//! `main.rs`).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::Bencher;

/// CPU time used by this thread so far (Linux), if available.
fn cpu_now() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace()
        .next()?
        .parse::<u64>()
        .ok()
        .map(Duration::from_nanos)
}

/// Runs `f` `iters` times and reports the CPU time it took (wall time if the
/// CPU clock is unavailable). The kernel's per-thread CPU clock advances in
/// scheduler ticks, so the batch is repeated until it has used at least 50 ms,
/// and the average batch is reported.
pub fn cpu_timed<R>(b: &mut Bencher<'_>, mut f: impl FnMut() -> R) {
    const MIN: Duration = Duration::from_millis(50);
    b.iter_custom(|iters| {
        let (c0, w0) = (cpu_now(), Instant::now());
        let mut rounds = 0u32;
        loop {
            for _ in 0..iters {
                black_box(f());
            }
            rounds += 1;
            match (c0, cpu_now()) {
                (Some(a), Some(b)) if b - a >= MIN => return (b - a) / rounds,
                (Some(_), Some(_)) => {}
                _ => return w0.elapsed() / rounds,
            }
        }
    })
}

/// A tiny seeded linear congruential generator (Knuth's MMIX constants).
pub struct Lcg(pub u64);

impl Lcg {
    /// The next 53 bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 11
    }

    /// A number in [0, 1).
    #[allow(dead_code)] // not every benchmark draws numbers
    pub fn unit(&mut self) -> f64 {
        self.next() as f64 / (1u64 << 53) as f64
    }

    /// An index below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}
