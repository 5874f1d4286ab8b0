//! The `cvshield` command-line tool: batch work on CVs, natively and on all cores.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::run());
}

// Cargo builds every binary when it builds integration tests, the wasm ones
// included; the CLI itself (threads, files, terminal) is native only.
#[cfg(target_arch = "wasm32")]
fn main() {}
