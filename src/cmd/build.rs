//! `careers build`: write the site to a folder, failing on any error.

use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;

use crate::cli::BuildArgs;
use crate::cmd::{check, load_settings, today};
use crate::role;
use crate::site::{Site, export};

/// Builds the static copy; exit 1 when a role file has an error.
pub fn run(args: &BuildArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let catalogue = role::load(&args.roles)
        .with_context(|| format!("cannot build from `{}`", args.roles.display()))?;
    for d in &catalogue.diagnostics {
        eprintln!("{d}");
    }
    if catalogue.error_count() > 0 {
        eprintln!("{}", check::summary(&catalogue));
        eprintln!("error: not building: fix the errors above first");
        return Ok(ExitCode::from(1));
    }
    let settings = load_settings(&args.roles)?;
    let roles = catalogue.roles.len();
    let site =
        Site::build(catalogue.roles, &settings, today()).context("failed to render the site")?;
    let files = export::write(&site, &args.out)
        .with_context(|| format!("failed to write the site to `{}`", args.out.display()))?;
    eprintln!(
        "built {roles} role{} into `{}`: {files} files in {:.2?}",
        if roles == 1 { "" } else { "s" },
        args.out.display(),
        started.elapsed()
    );
    Ok(ExitCode::SUCCESS)
}
