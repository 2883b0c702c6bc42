//! The report for a person at a terminal: one block per role, then the summary.

use super::changes::{RoleChange, RoleDiff};
use super::summary_line;
use super::wording::{clean, describe};

pub(super) fn report(found: &RoleDiff, path: &dyn Fn(&RoleChange) -> String) -> String {
    let mut out = String::new();
    for change in &found.roles {
        out.push_str(&format!(
            "{} — {} ({})\n",
            change.slug,
            clean(&change.title),
            clean(&path(change))
        ));
        for line in describe(change, clean) {
            out.push_str(&format!("  {}\n", line.text));
            for item in &line.added {
                out.push_str(&format!("      + {item}\n"));
            }
            for item in &line.removed {
                out.push_str(&format!("      - {item}\n"));
            }
        }
        out.push('\n');
    }
    out.push_str(&summary_line(found));
    out.push('\n');
    out
}
