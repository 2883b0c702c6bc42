//! `careers build`: write the site to a folder, failing on any error (or,
//! with `--keep-going`, leaving out the files that have one).

use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;

use crate::cli::BuildArgs;
use crate::site::{PipelineOptions, Sink, build_from_dir, export};

/// Builds the static copy; exit 1 when a role file has an error.
pub fn run(args: &BuildArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let options = PipelineOptions {
        base_url: args.base_url.clone(),
        git_history: true,
        ..PipelineOptions::default()
    };
    let build = build_from_dir(&args.roles, jiff::Timestamp::now(), Sink::Memory, &options)
        .with_context(|| format!("cannot build from `{}`", args.roles.display()))?;
    print_diagnostics(&build.diagnostics);
    if let Some(warning) = build.settings.base_url_warning() {
        eprintln!("warning: {warning}");
    }
    let errors = build.error_count();
    let site = match build.site {
        Some(site) if errors == 0 || args.keep_going => site,
        _ => {
            eprintln!("{}", build.summary());
            eprintln!("error: not building: fix the errors above first");
            return Ok(ExitCode::from(1));
        }
    };
    let options = export::ExportOptions {
        roles: Some(&args.roles),
        force: args.force,
    };
    let export = export::write(&site, &args.out, &options)
        .with_context(|| format!("failed to write the site to `{}`", args.out.display()))?;
    for path in &export.removed {
        eprintln!("removed `{}`: no longer part of the site", path.display());
    }
    for path in &export.kept_changed {
        eprintln!(
            "kept `{}`: no longer part of the site, but changed since careers wrote it",
            path.display()
        );
    }
    let unchanged = match export.unchanged_pages {
        0 => String::new(),
        n => format!(" ({n} pages unchanged since the last build, left as they were)"),
    };
    eprintln!(
        "built {} role{} into `{}`: {} files{unchanged} in {:.2?}",
        build.roles,
        if build.roles == 1 { "" } else { "s" },
        args.out.display(),
        export.written,
        started.elapsed()
    );
    if errors == 0 {
        return Ok(ExitCode::SUCCESS);
    }
    let left_out = files_with_errors(&build.diagnostics);
    eprintln!("left out {} file(s) with errors:", left_out.len());
    for path in left_out {
        eprintln!("  {}", path.display());
    }
    Ok(ExitCode::from(1))
}

/// Every diagnostic on stderr, through one buffer: ten thousand roles can
/// carry as many warnings, and unbuffered stderr writes each piece of each
/// line on its own (190,000 writes for 14,000 warnings, by `strace`).
fn print_diagnostics(diagnostics: &[crate::role::Diagnostic]) {
    use std::io::Write;
    let mut err = std::io::BufWriter::new(std::io::stderr().lock());
    for d in diagnostics {
        // Like `eprintln!`, a closed stderr is not worth failing the build.
        let _ = writeln!(err, "{d}");
    }
    let _ = err.flush();
}

/// Each file with an error, once, in the order reported.
fn files_with_errors(diagnostics: &[crate::role::Diagnostic]) -> Vec<&std::path::Path> {
    let mut files: Vec<&std::path::Path> = Vec::new();
    for d in diagnostics.iter().filter(|d| d.is_error()) {
        if !files.contains(&d.path.as_path()) {
            files.push(&d.path);
        }
    }
    files
}
