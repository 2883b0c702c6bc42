//! What an edit to the roles folder changes for candidates, and the report
//! that says it: [`changes`] compares two readings role by role and field by
//! field (never as text); `wording` puts each change in words; `human`,
//! `github` (workflow annotations and a pull-request summary) and `json` are
//! the report's three formats.
//!
//! Every piece of role text printed here goes through `wording::clean`
//! first: in the `github` format stdout is read by the Actions runner, and a
//! line break in a title or a location would let a role file start a
//! workflow command.

pub mod changes;
mod github;
mod human;
mod json;
mod wording;

use std::path::Path;

use anyhow::Context;

pub use changes::{RoleChange, RoleDiff, diff};

use crate::cli::Format;

/// The whole report in one format; file paths are under `new_dir`.
pub fn report(found: &RoleDiff, new_dir: &Path, format: Format) -> anyhow::Result<String> {
    let path = |c: &RoleChange| new_dir.join(&c.file).display().to_string();
    Ok(match format {
        Format::Human => human::report(found, &path),
        Format::Github => {
            let mut out = String::new();
            for change in &found.roles {
                out.push_str(&github::annotation(change, &path(change)));
                out.push('\n');
            }
            if !found.is_empty() {
                out.push('\n');
            }
            out.push_str(&github::markdown(found));
            out
        }
        Format::Json => {
            serde_json::to_string_pretty(&json::report(found, &path))
                .context("cannot write the report as JSON")?
                + "\n"
        }
    })
}

/// `3 roles changed: 1 added, 1 closed, 1 edited`, or that nothing changed.
pub fn summary_line(found: &RoleDiff) -> String {
    if found.is_empty() {
        return "No changes for candidates.".into();
    }
    let counts: Vec<String> = found
        .counts()
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(h, n)| format!("{n} {}", h.as_str()))
        .collect();
    let n = found.roles.len();
    format!(
        "{n} {} changed: {}",
        if n == 1 { "role" } else { "roles" },
        counts.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::role::load::roles_from_texts;

    const TODAY: jiff::civil::Date = jiff::civil::date(2026, 11, 23);

    #[test]
    fn role_text_cannot_start_a_workflow_command() {
        let old = roles_from_texts(&[("a.md", "---\nlocation: York\n---\n# Archivist\n")]);
        let new = roles_from_texts(&[(
            "a.md",
            "---\nlocation: \"York\\n::error::pwned\"\n---\n# Archivist\n",
        )]);
        let found = diff(&old, &new, TODAY);
        let out =
            report(&found, Path::new("roles"), Format::Github).unwrap_or_else(|e| panic!("{e}"));
        let commands: Vec<&str> = out.lines().filter(|l| l.starts_with("::")).collect();
        assert_eq!(commands.len(), 1, "{out}");
        assert!(
            commands[0].starts_with("::notice file=roles/a.md,title=Role edited%3A Archivist::")
        );
        let human =
            report(&found, Path::new("roles"), Format::Human).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            human.contains("location changed from `York` to `York ::error::pwned`"),
            "{human}"
        );
    }
}
