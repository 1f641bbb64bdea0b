//! The `argmap` command: parses arguments, runs one subcommand, maps the outcome
//! to an exit code (0 ok, 1 the input has errors, 2 usage or I/O failure,
//! 3 an iterative computation did not converge).

mod cli;

fn main() -> std::process::ExitCode {
    keep_freed_memory();
    cli::main()
}

/// `mi_option_purge_delay` in `mimalloc.h`'s `mi_option_e` (the crate names
/// only some of the options): the one after `mi_option_eager_commit_delay`.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = libmimalloc_sys::mi_option_eager_commit_delay + 1;

/// Tells mimalloc never to return freed memory to the system (its
/// `purge_delay` option at -1; the default returns it 10 ms after it was
/// freed). A run is one job whose memory is reused while it lasts and
/// returned at exit anyway. With purging on, the exit itself purged every
/// segment: one `madvise(MADV_DONTNEED)` over 32 MiB that first splits the
/// heap's 2 MiB pages (`strace -c` counts the one call fewer). `hyperfine -N`,
/// minimum, both builds in the same run: `argmap --version` 0.83 -> 0.73 ms,
/// `eval --json` on a 10^4-node `.bag` 3.67 -> 3.43 ms. The peak memory of a
/// 10^6-node evaluation is the same (`/usr/bin/time`). This overrides a
/// `MIMALLOC_PURGE_DELAY` in the environment.
///
/// The one `unsafe` of the package (the library has `#![forbid(unsafe_code)]`).
#[allow(unsafe_code)]
fn keep_freed_memory() {
    // SAFETY: `mi_option_set` only stores the option's value (in an atomic);
    // it may be called at any time, from any thread.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) };
}

/// The command's allocator: mimalloc keeps freed memory for the next
/// allocation, where glibc returns each large block to the system and the next
/// one faults its pages in again (a third of the time on big graphs).
/// `argmap eval` on a 10^5-node `.bag`: 83 ms of CPU with glibc's allocator,
/// 53 ms with this one (`perf stat -r 20`, same machine, same run). The library
/// leaves the choice to the program that embeds it.
///
/// mimalloc v2 rather than v3 (the crate's default): v3 gives each size class
/// of arrays between 84 and 512 KiB its own 4 MiB page, so the dozen arrays of a 10^4-node
/// graph touch a dozen 2 MB transparent huge pages, each zeroed by the kernel
/// on first touch (a quarter of the run in `perf record`). With v2 the same
/// `eval --json` takes 4.8 ms instead of 6.1 (kernel time 1.3 ms instead of
/// 2.6), 37.5 instead of 38.9 ms at 10^5 nodes, and 171 instead of 198 MB for
/// the grounded extension of a 10^6-argument `.af` (`hyperfine -N`, minimum,
/// and `/usr/bin/time`, both builds in the same run).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(test)]
mod tests {
    /// `PURGE_DELAY` is the purge delay: its documented default (10 ms, unless
    /// the environment sets another), then -1 once set.
    #[test]
    #[allow(unsafe_code)]
    fn the_option_set_is_the_purge_delay() {
        // SAFETY: `mi_option_get` only reads the option's value.
        let get = || unsafe { libmimalloc_sys::mi_option_get(super::PURGE_DELAY) };
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(get(), 10);
        }
        super::keep_freed_memory();
        assert_eq!(get(), -1);
    }
}
