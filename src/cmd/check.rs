//! `careers check`: the real loader without a render sink; one line per problem.

use std::process::ExitCode;

use anyhow::Context;
use serde::Serialize;

use crate::cli::{CheckArgs, Format};
use crate::role::diagnostic::UnknownKey;
use crate::role::{Diagnostic, Severity};
use crate::site::{Build, Mode, Pipeline, PipelineOptions, Sink};

/// Prints every diagnostic and a summary; exit 1 when there is an error.
pub fn run(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let context = || format!("cannot check `{}`", args.roles.display());
    let options = PipelineOptions {
        base_url: args.base_url.clone(),
        git_history: true,
        ..PipelineOptions::default()
    };
    let mut pipeline = Pipeline::open(&args.roles, Mode::Publish, options).with_context(context)?;
    // The pipeline's two halves, to keep the unknown front matter keys the
    // reading found.
    let reading = pipeline.read(None).with_context(context)?;
    let unknown = reading.catalogue.unknown_keys.clone();
    let build = reading
        .render(jiff::Timestamp::now(), Sink::None, Mode::Publish)
        .with_context(context)?;
    let extras = Extras {
        unknown_keys: &unknown,
        verbose: args.verbose,
    };
    print!("{}", report_with(&build, &extras, args.format)?);
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

/// What `check` reports beside the build's diagnostics.
#[derive(Debug, Default)]
pub struct Extras<'a> {
    /// Front matter keys careers does not read: counted in the summary.
    pub unknown_keys: &'a [UnknownKey],
    /// List each unknown key (`--verbose`), not only their number.
    pub verbose: bool,
}

/// The whole report in one format, without unknown keys.
pub fn report(build: &Build, format: Format) -> anyhow::Result<String> {
    report_with(build, &Extras::default(), format)
}

/// The summary line: the build's, then the unknown keys when there are any,
/// so that a folder without them reads exactly as before.
fn summary(build: &Build, extras: &Extras<'_>) -> String {
    let mut summary = build.summary();
    let n = extras.unknown_keys.len();
    if n > 0 {
        let s = if n == 1 { "" } else { "s" };
        summary.push_str(&format!(", {n} unknown front-matter key{s}"));
    }
    summary
}

/// The whole report in one format.
pub fn report_with(build: &Build, extras: &Extras<'_>, format: Format) -> anyhow::Result<String> {
    let summary = summary(build, extras);
    let listed = if extras.verbose {
        extras.unknown_keys
    } else {
        &[]
    };
    Ok(match format {
        Format::Human => {
            let mut out = String::new();
            for d in build.diagnostics.iter() {
                out.push_str(&d.to_string());
                out.push('\n');
            }
            for key in listed {
                out.push_str(&key.to_string());
                out.push('\n');
            }
            out.push_str(&summary);
            out.push('\n');
            out
        }
        Format::Github => {
            let mut out = String::new();
            for d in build.diagnostics.iter() {
                out.push_str(&github(d));
                out.push('\n');
            }
            for key in listed {
                out.push_str(&key.to_string());
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
                unknown_front_matter_keys: usize,
                diagnostics: &'a [Diagnostic],
                #[serde(skip_serializing_if = "<[_]>::is_empty")]
                unknown_keys: &'a [UnknownKey],
            }
            let report = Report {
                files: build.files,
                roles: build.roles,
                errors: build.error_count(),
                warnings: build.warning_count(),
                unknown_front_matter_keys: extras.unknown_keys.len(),
                diagnostics: &build.diagnostics,
                unknown_keys: listed,
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
