//! The `cvshield` command-line tool: batch work on CVs, natively and on all cores.

mod cli;

fn main() {
    std::process::exit(cli::run());
}
