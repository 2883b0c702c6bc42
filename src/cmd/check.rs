//! `careers check`: the real loader without a render sink; one line per problem.

use std::process::ExitCode;

use anyhow::Context;
use serde::Serialize;

use crate::cli::{CheckArgs, Format};
use crate::role::{Diagnostic, Severity};
use crate::site::{Build, PipelineOptions, Sink, build_from_dir};

/// Prints every diagnostic and a summary; exit 1 when there is an error.
pub fn run(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let options = PipelineOptions {
        base_url: args.base_url.clone(),
    };
    let build = build_from_dir(&args.roles, jiff::Timestamp::now(), Sink::None, &options)
        .with_context(|| format!("cannot check `{}`", args.roles.display()))?;
    print!("{}", report(&build, args.format)?);
    // On stderr, so the report on stdout stays exactly what tools read.
    if let Some(warning) = build.settings.base_url_warning() {
        eprintln!("warning: {warning}");
    }
    Ok(if build.error_count() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The whole report in one format.
pub fn report(build: &Build, format: Format) -> anyhow::Result<String> {
    let summary = build.summary();
    Ok(match format {
        Format::Human => {
            let mut out = String::new();
            for d in &build.diagnostics {
                out.push_str(&d.to_string());
                out.push('\n');
            }
            out.push_str(&summary);
            out.push('\n');
            out
        }
        Format::Github => {
            let mut out = String::new();
            for d in &build.diagnostics {
                out.push_str(&github(d));
                out.push('\n');
            }
            out.push_str(&summary);
            out.push('\n');
            out
        }
        Format::Json => {
            #[derive(Serialize)]
            struct Report<'a> {
                files: usize,
                roles: usize,
                errors: usize,
                warnings: usize,
                diagnostics: &'a [Diagnostic],
            }
            let report = Report {
                files: build.files,
                roles: build.roles,
                errors: build.error_count(),
                warnings: build.warning_count(),
                diagnostics: &build.diagnostics,
            };
            serde_json::to_string_pretty(&report).context("cannot write the report as JSON")? + "\n"
        }
    })
}

/// A GitHub Actions annotation: `::warning file=..,line=..,col=..,title=..::message`.
fn github(d: &Diagnostic) -> String {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let escape = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let mut message = d.message.clone();
    if let Some(hint) = &d.hint {
        message.push_str(" (hint: ");
        message.push_str(hint);
        message.push(')');
    }
    format!(
        "::{level} file={},line={},col={},title={}::{}",
        escape(&d.path.display().to_string())
            .replace(',', "%2C")
            .replace(':', "%3A"),
        d.line,
        d.col,
        d.code,
        escape(&message)
    )
}
