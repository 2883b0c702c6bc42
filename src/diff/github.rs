//! The report for a pull request: one workflow `::notice` per role (role
//! text escaped so it cannot start a command), then a Markdown summary.

use super::changes::{RoleChange, RoleDiff};
use super::summary_line;
use super::wording::{clean, describe, md};

/// One `::notice` per role: the change lines are the message, one per line.
pub(super) fn annotation(change: &RoleChange, path: &str) -> String {
    let mut message = Vec::new();
    for line in describe(change, clean) {
        message.push(line.text);
        message.extend(line.added.iter().map(|i| format!("  + {i}")));
        message.extend(line.removed.iter().map(|i| format!("  - {i}")));
    }
    let title = format!(
        "Role {}: {}",
        change.headline().as_str(),
        clean(&change.title)
    );
    format!(
        "::notice file={},title={}::{}",
        property(path),
        property(&title),
        escape(&message.join("\n"))
    )
}

/// Escapes a workflow command's message.
pub(super) fn escape(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property, where `,` and `:` end the value.
pub(super) fn property(text: &str) -> String {
    escape(text).replace(',', "%2C").replace(':', "%3A")
}

/// The Markdown summary for a pull request, printed after the annotations.
pub(super) fn markdown(found: &RoleDiff) -> String {
    let mut out = String::from("### Roles changed by this edit\n\n");
    out.push_str(&summary_line(found));
    out.push('\n');
    for change in &found.roles {
        out.push_str(&format!(
            "\n#### {} (`{}`)\n\n",
            md(&change.title),
            change.slug
        ));
        for line in describe(change, md) {
            out.push_str(&format!("- {}\n", line.text));
            for item in &line.added {
                out.push_str(&format!("  - added: {item}\n"));
            }
            for item in &line.removed {
                out.push_str(&format!("  - removed: {item}\n"));
            }
        }
    }
    out
}
