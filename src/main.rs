//! The `argmap` command: parses arguments, runs one subcommand, maps the outcome
//! to an exit code (0 ok, 1 the input has errors, 2 usage or I/O failure,
//! 3 an iterative computation did not converge).

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
