//! One file per subcommand, each `run(args) -> anyhow::Result<ExitCode>`.
//! Each goes through the library's one pipeline ([`crate::site::Pipeline`])
//! and decides only what to print and where the pages go; `serve` and
//! `preview` keep theirs for every rebuild. `diff` renders nothing, so it
//! takes only the pipeline's first half ([`crate::site::read_dir`]) for both
//! folders: their role files, read as their `site.yaml` says.

pub mod build;
pub mod check;
pub mod diff;
pub mod preview;
pub mod serve;

use std::process::ExitCode;

use crate::cli::{Cli, Command};

/// Runs the command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        None => serve::run(cli.serve),
        Some(Command::Serve(args)) => serve::run(args),
        Some(Command::Check(args)) => check::run(&args),
        Some(Command::Build(args)) => build::run(&args),
        Some(Command::Preview(args)) => preview::run(args),
        Some(Command::Diff(args)) => diff::run(&args),
    }
}
