//! One file per subcommand, each `run(args) -> anyhow::Result<ExitCode>`.

pub mod build;
pub mod check;
pub mod serve;

use std::fs;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use jiff::civil::Date;

use crate::cli::{Cli, Command};
use crate::site::Settings;

/// Runs the command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        None => serve::run(cli.serve),
        Some(Command::Serve(args)) => serve::run(args),
        Some(Command::Check(args)) => check::run(&args),
        Some(Command::Build(args)) => build::run(&args),
    }
}

/// Site settings from `site.yaml` in the roles folder (optional) and `CAREERS_*` variables.
pub fn load_settings(roles: &Path) -> anyhow::Result<Settings> {
    let path = roles.join("site.yaml");
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e).with_context(|| format!("cannot read `{}`", path.display())),
    };
    let settings =
        Settings::from_yaml(&text).with_context(|| format!("in `{}`", path.display()))?;
    Ok(settings.with_overrides(|name| std::env::var(name).ok()))
}

/// Today's date in UTC, for closing dates.
pub fn today() -> Date {
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
}
