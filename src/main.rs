//! The `mtplan` binary: parse arguments, run the library, exit with its code.

use clap::Parser;

fn main() -> std::process::ExitCode {
    mtplan::cli::run(mtplan::cli::Cli::parse())
}
