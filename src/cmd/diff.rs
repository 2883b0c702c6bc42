//! `careers diff OLD NEW`: what an edit to the roles changes for candidates,
//! for the pull request that publishes it. This file loads the two folders
//! and prints; the comparison and its wording are [`crate::diff`].

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;

use crate::cli::DiffArgs;
use crate::diff::{diff, report};
use crate::role::{self, Catalogue, Role};

/// A folder's role files, read as its `site.yaml` says. `diff` renders
/// nothing, so settings it cannot read (a key from a newer version, a URL
/// refused) are a note on stderr and the defaults, never a failed comparison.
fn read_folder(dir: &Path, err: &mut String) -> anyhow::Result<Catalogue> {
    use crate::site::PipelineError;
    match crate::site::read_dir(dir) {
        Ok(reading) => Ok(reading.catalogue),
        Err(e @ (PipelineError::Settings { .. } | PipelineError::SettingsUnreadable { .. })) => {
            let why = anyhow::Error::from(e);
            err.push_str(&format!(
                "warning: {why:#}; reading `{}` with the default settings\n",
                dir.display()
            ));
            role::load(dir).context("cannot compare the roles")
        }
        Err(e) => Err(anyhow::Error::from(e).context("cannot compare the roles")),
    }
}

/// Loads both folders, prints the report; exit 0 whether or not anything changed.
pub fn run(args: &DiffArgs) -> anyhow::Result<ExitCode> {
    let today = args.today.unwrap_or_else(|| {
        jiff::Timestamp::now()
            .to_zoned(jiff::tz::TimeZone::UTC)
            .date()
    });
    let mut err = String::new();
    let old = read_folder(&args.old, &mut err)?;
    let new = read_folder(&args.new, &mut err)?;
    let (old_roles, new_roles) = comparable(&old, &new, &args.old, &args.new, &mut err);
    let found = diff(&old_roles, &new_roles, today);
    let out = report(&found, &args.new, args.format)?;
    // Diagnostics first, so that a reader of both streams sees why a role is
    // missing before the report that leaves it out.
    std::io::stderr()
        .lock()
        .write_all(err.as_bytes())
        .context("cannot write to stderr")?;
    match std::io::stdout().lock().write_all(out.as_bytes()) {
        // A reader that stopped early (`| head`) has what it wanted.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(e).context("cannot write the report")
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// The roles of each reading that can be compared. A file that did not load
/// in one reading would otherwise look added or removed, so its role is left
/// out of the other reading too, and `err` says so after the file's errors.
fn comparable(
    old: &Catalogue,
    new: &Catalogue,
    old_dir: &Path,
    new_dir: &Path,
    err: &mut String,
) -> (Vec<Role>, Vec<Role>) {
    for d in old.diagnostics.iter().chain(&new.diagnostics) {
        if d.is_error() {
            err.push_str(&d.to_string());
            err.push('\n');
        }
    }
    let (old_broken, new_broken) = (unloaded(old), unloaded(new));
    let keep = |roles: &[Arc<Role>], broken: &BTreeSet<String>, dir: &Path, err: &mut String| {
        let mut kept = Vec::with_capacity(roles.len());
        for role in roles {
            if broken.contains(&role.source_file) {
                err.push_str(&format!(
                    "note: `{}` is left out of the comparison: it did not load from `{}`\n",
                    role.source_file,
                    dir.display()
                ));
            } else {
                kept.push(Role::clone(role));
            }
        }
        kept
    };
    let old_roles = keep(&old.roles, &new_broken, new_dir, err);
    let new_roles = keep(&new.roles, &old_broken, old_dir, err);
    (old_roles, new_roles)
}

/// File names with an error that produced no role.
fn unloaded(catalogue: &Catalogue) -> BTreeSet<String> {
    let loaded: BTreeSet<&str> = catalogue
        .roles
        .iter()
        .map(|r| r.source_file.as_str())
        .collect();
    catalogue
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .filter_map(|d| Some(d.path.file_name()?.to_string_lossy().into_owned()))
        .filter(|name| !loaded.contains(name.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_did_not_load_is_left_out_of_both_readings() {
        use std::path::PathBuf;
        let source =
            |name: &str, text: &str| (PathBuf::from("roles").join(name), text.as_bytes().to_vec());
        let old = role::load::from_sources(vec![
            source("archivist.md", "# Archivist\n"),
            source("porter.md", "---\nteam: [\n---\n# Porter\n"),
        ]);
        let new = role::load::from_sources(vec![
            source("archivist.md", "---\nteam: [\n---\n# Archivist\n"),
            source("porter.md", "# Porter\n"),
        ]);
        let mut err = String::new();
        let (a, b) = comparable(&old, &new, Path::new("old"), Path::new("new"), &mut err);
        assert!(a.is_empty() && b.is_empty(), "{a:?} {b:?}");
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 4, "{err}");
        assert!(lines[0].starts_with("roles/porter.md:2:"), "{err}");
        assert!(lines[1].starts_with("roles/archivist.md:2:"), "{err}");
        assert_eq!(
            lines[2],
            "note: `archivist.md` is left out of the comparison: it did not load from `new`"
        );
        assert_eq!(
            lines[3],
            "note: `porter.md` is left out of the comparison: it did not load from `old`"
        );
    }
}
