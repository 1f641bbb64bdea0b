//! The `argmap` command: parses arguments, runs one subcommand, maps the outcome
//! to an exit code (0 ok, 1 the input has errors, 2 usage or I/O failure,
//! 3 an iterative computation did not converge).

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
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
