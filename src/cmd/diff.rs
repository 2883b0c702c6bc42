//! `careers diff OLD NEW`: what an edit to the roles changes for candidates,
//! in words, for the pull request that publishes it. The comparison is
//! [`crate::role::diff`]; this file only loads the two folders and words it.
//!
//! Every piece of role text printed here went through `clean` first: in the
//! `github` format stdout is read by the Actions runner, and a line break in
//! a title or a location would let a role file start a workflow command.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use jiff::civil::Date;
use serde::Serialize;

use crate::cli::{DiffArgs, Format};
use crate::role::diff::{
    ChangeKind, DateField, FieldChange, Headline, ItemList, RoleChange, RoleDiff, SectionChange,
    StatusChange, TextField, Value,
};
use crate::role::model::Period;
use crate::role::{self, Catalogue, Role, SalaryBand, Status};
use crate::site::text::format::{date, money};

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
    let found = role::diff::diff(&old_roles, &new_roles, today);
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

/// The whole report in one format; file paths are under `new_dir`.
pub fn report(found: &RoleDiff, new_dir: &Path, format: Format) -> anyhow::Result<String> {
    let path = |c: &RoleChange| new_dir.join(&c.file).display().to_string();
    Ok(match format {
        Format::Human => human(found, &path),
        Format::Github => {
            let mut out = String::new();
            for change in &found.roles {
                out.push_str(&annotation(change, &path(change)));
                out.push('\n');
            }
            if !found.is_empty() {
                out.push('\n');
            }
            out.push_str(&markdown(found));
            out
        }
        Format::Json => {
            serde_json::to_string_pretty(&json(found, &path))
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

fn human(found: &RoleDiff, path: &dyn Fn(&RoleChange) -> String) -> String {
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

/// One `::notice` per role: the change lines are the message, one per line.
fn annotation(change: &RoleChange, path: &str) -> String {
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
fn escape(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property, where `,` and `:` end the value.
fn property(text: &str) -> String {
    escape(text).replace(',', "%2C").replace(':', "%3A")
}

/// The Markdown summary for a pull request, printed after the annotations.
fn markdown(found: &RoleDiff) -> String {
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

/// Role text on one line: control characters (line breaks above all) become
/// spaces, so no role file can add a line to the report.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Role text for Markdown: [`clean`], then inline markup characters escaped
/// so that a title reads as written and cannot link or embed anything.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in clean(text).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '!' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A code span holding `text` exactly: a fence longer than any run of
/// backticks inside, padded when the text starts or ends with one.
fn quote(text: &str) -> String {
    let text = clean(text);
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    if text.starts_with('`') || text.ends_with('`') {
        format!("{fence} {text} {fence}")
    } else {
        format!("{fence}{text}{fence}")
    }
}

/// One line of a role's report, with the list items it names.
struct Line {
    text: String,
    added: Vec<String>,
    removed: Vec<String>,
}

impl Line {
    fn new(text: String) -> Line {
        Line {
            text,
            added: Vec::new(),
            removed: Vec::new(),
        }
    }
}

/// Every line for one role; `plain` prepares role text outside code spans.
fn describe(change: &RoleChange, plain: fn(&str) -> String) -> Vec<Line> {
    let mut lines = Vec::new();
    let was = |status: Status| match status {
        Status::Open => "was open",
        Status::Closed => "was closed",
        Status::Upcoming => "was upcoming",
        Status::Draft => "was a draft",
    };
    match &change.kind {
        ChangeKind::Added => lines.push(Line::new(
            match change.status {
                Status::Open => "added (open)",
                Status::Closed => "added, already closed",
                Status::Upcoming => "added (upcoming: applications not open yet)",
                Status::Draft => "added as a draft (not published)",
            }
            .into(),
        )),
        ChangeKind::Removed { redirects_to } => lines.push(Line::new(match redirects_to {
            None => format!("removed ({})", was(change.status)),
            Some(to) => format!(
                "removed ({}); its address now redirects to {}",
                was(change.status),
                quote(to.as_str())
            ),
        })),
        ChangeKind::Renamed { from } => lines.push(Line::new(format!(
            "renamed from {}; the old address redirects here",
            quote(from.as_str())
        ))),
        ChangeKind::Edited => {}
    }
    for field in &change.changes {
        lines.push(describe_field(field, plain));
    }
    lines
}

fn describe_field(change: &FieldChange, plain: fn(&str) -> String) -> Line {
    match change {
        FieldChange::Status(status) => Line::new(describe_status(status)),
        FieldChange::Text(field, value) => Line::new(value_line(
            text_name(*field),
            "changed",
            value,
            |v: &String| quote(v),
        )),
        FieldChange::Date(field, value) => {
            let name = match field {
                DateField::Closes => "closing date",
                DateField::Posted => "posted date",
            };
            Line::new(value_line(name, "moved", value, |d: &Date| date(*d)))
        }
        FieldChange::Band(value) => Line::new(band_line(value, plain)),
        FieldChange::Items {
            list,
            added,
            removed,
        } => Line {
            text: items_line(*list, added.len(), removed.len()),
            added: added.iter().map(|i| plain(i)).collect(),
            removed: removed.iter().map(|i| plain(i)).collect(),
        },
        FieldChange::ExpectationReworded(title) => {
            Line::new(format!("expectation {} reworded", quote(title)))
        }
        FieldChange::SummaryReworded => Line::new("summary reworded".into()),
        FieldChange::Section(section) => Line::new(match section {
            SectionChange::Added(h) => format!("section {} added", quote(h)),
            SectionChange::Removed(h) => format!("section {} removed", quote(h)),
            SectionChange::Reworded(h) => format!("section {} reworded", quote(h)),
        }),
    }
}

fn describe_status(status: &StatusChange) -> String {
    match status {
        StatusChange::Opened => "opened (back in the listing)".into(),
        StatusChange::Upcoming { .. } => "upcoming (listed; applications not open yet)".into(),
        StatusChange::Closed { by_date: None } => "closed (leaves the listing)".into(),
        StatusChange::Closed { by_date: Some(d) } => {
            format!("closed: its closing date, {}, has passed", date(*d))
        }
        StatusChange::Published { to: Status::Closed } => {
            "published, already closed (was a draft)".into()
        }
        StatusChange::Published { .. } => "published (was a draft)".into(),
        StatusChange::Unpublished { from } => {
            format!("back to draft (was {}): no longer published", from.as_str())
        }
    }
}

fn text_name(field: TextField) -> &'static str {
    match field {
        TextField::Title => "title",
        TextField::Level => "level",
        TextField::Discipline => "discipline",
        TextField::Team => "team",
        TextField::Location => "location",
        TextField::EmploymentType => "employment type",
        TextField::ApplyUrl => "apply URL",
    }
}

/// `location changed from `Leeds` to `York``, `closing date moved from …`.
fn value_line<T>(name: &str, verb: &str, value: &Value<T>, show: impl Fn(&T) -> String) -> String {
    match value {
        Value::Set(to) => format!("{name} set to {}", show(to)),
        Value::Changed { from, to } => format!("{name} {verb} from {} to {}", show(from), show(to)),
        Value::Removed(from) => format!("{name} removed (was {})", show(from)),
    }
}

/// `salary band (London) changed from £60,000–£75,000 to £65,000–£80,000`.
fn band_line(value: &Value<SalaryBand>, plain: fn(&str) -> String) -> String {
    let place = |b: &SalaryBand| b.location().map(|l| format!(" ({})", plain(l)));
    match value {
        Value::Set(b) => format!(
            "salary band added: {}{}",
            range(b, plain),
            place(b).unwrap_or_default()
        ),
        Value::Removed(b) => format!(
            "salary band removed: {}{}",
            range(b, plain),
            place(b).unwrap_or_default()
        ),
        Value::Changed { from, to } => format!(
            "salary band{} changed from {} to {}",
            place(to).or_else(|| place(from)).unwrap_or_default(),
            range(from, plain),
            range(to, plain)
        ),
    }
}

/// A band's amounts in the site's money format: `£60,000–£75,000`,
/// `£81,900 or more`, `£450–£550 a day`, with its note after.
fn range(band: &SalaryBand, plain: fn(&str) -> String) -> String {
    let symbol = band.currency().symbol();
    let mut text = match band.max() {
        None => format!("{} or more", money(band.min(), symbol)),
        Some(max) if max == band.min() => money(max, symbol),
        Some(max) => format!("{}–{}", money(band.min(), symbol), money(max, symbol)),
    };
    text.push_str(match band.period() {
        Period::Year => "",
        Period::Month => " a month",
        Period::Day => " a day",
        Period::Hour => " an hour",
    });
    if let Some(note) = band.note() {
        text.push_str(&format!(" {}", plain(note)));
    }
    text
}

/// `2 required items added, 1 removed`, `1 expectation removed`.
fn items_line(list: ItemList, added: usize, removed: usize) -> String {
    let noun = |n: usize| match (list, n) {
        (ItemList::Required, 1) => "required item",
        (ItemList::Required, _) => "required items",
        (ItemList::Optional, 1) => "optional item",
        (ItemList::Optional, _) => "optional items",
        (ItemList::Expectations, 1) => "expectation",
        (ItemList::Expectations, _) => "expectations",
    };
    match (added, removed) {
        (0, r) => format!("{r} {} removed", noun(r)),
        (a, 0) => format!("{a} {} added", noun(a)),
        (a, r) => format!("{a} {} added, {r} removed", noun(a)),
    }
}

/// `{"roles": [...], "summary": {...}}`: names stable, every key always present.
#[derive(Serialize)]
struct JsonReport {
    roles: Vec<JsonRole>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonRole {
    slug: String,
    title: String,
    file: String,
    /// `added`, `removed`, `renamed` or `edited`.
    change: &'static str,
    /// What candidates see in the reading the role is from.
    status: &'static str,
    changes: Vec<JsonChange>,
}

#[derive(Serialize)]
struct JsonChange {
    field: &'static str,
    kind: &'static str,
    /// The band's location, the section's heading or the expectation's title.
    name: Option<String>,
    from: Option<String>,
    to: Option<String>,
    items: Vec<String>,
}

#[derive(Serialize)]
struct JsonSummary {
    roles_changed: usize,
    added: usize,
    removed: usize,
    renamed: usize,
    opened: usize,
    closed: usize,
    published: usize,
    unpublished: usize,
    edited: usize,
}

fn json(found: &RoleDiff, path: &dyn Fn(&RoleChange) -> String) -> JsonReport {
    let count = |h: Headline| found.roles.iter().filter(|r| r.headline() == h).count();
    JsonReport {
        roles: found.roles.iter().map(|c| json_role(c, path(c))).collect(),
        summary: JsonSummary {
            roles_changed: found.roles.len(),
            added: count(Headline::Added),
            removed: count(Headline::Removed),
            renamed: count(Headline::Renamed),
            opened: count(Headline::Opened),
            closed: count(Headline::Closed),
            published: count(Headline::Published),
            unpublished: count(Headline::Unpublished),
            edited: count(Headline::Edited),
        },
    }
}

fn json_role(change: &RoleChange, file: String) -> JsonRole {
    let mut changes = Vec::new();
    let kind = match &change.kind {
        ChangeKind::Added => "added",
        ChangeKind::Removed { .. } => "removed",
        ChangeKind::Renamed { from } => {
            changes.push(JsonChange {
                from: Some(from.to_string()),
                to: Some(change.slug.to_string()),
                ..JsonChange::new("slug", "changed")
            });
            "renamed"
        }
        ChangeKind::Edited => "edited",
    };
    for field in &change.changes {
        json_field(field, &mut changes);
    }
    JsonRole {
        slug: change.slug.to_string(),
        title: change.title.clone(),
        file,
        change: kind,
        status: change.status.as_str(),
        changes,
    }
}

impl JsonChange {
    fn new(field: &'static str, kind: &'static str) -> JsonChange {
        JsonChange {
            field,
            kind,
            name: None,
            from: None,
            to: None,
            items: Vec::new(),
        }
    }

    /// A `set`, `changed` or `removed` change of a value shown by `show`.
    fn value<T>(field: &'static str, value: &Value<T>, show: impl Fn(&T) -> String) -> JsonChange {
        let (kind, from, to) = match value {
            Value::Set(to) => ("set", None, Some(show(to))),
            Value::Changed { from, to } => ("changed", Some(show(from)), Some(show(to))),
            Value::Removed(from) => ("removed", Some(show(from)), None),
        };
        JsonChange {
            from,
            to,
            ..JsonChange::new(field, kind)
        }
    }
}

fn json_field(change: &FieldChange, out: &mut Vec<JsonChange>) {
    let named = |field, kind, name: &str| JsonChange {
        name: Some(name.to_owned()),
        ..JsonChange::new(field, kind)
    };
    match change {
        FieldChange::Status(status) => {
            let (kind, from, to) = match status {
                StatusChange::Opened => ("opened", Status::Closed, Status::Open),
                StatusChange::Upcoming { from } => ("upcoming", *from, Status::Upcoming),
                StatusChange::Closed { .. } => ("closed", Status::Open, Status::Closed),
                StatusChange::Published { to } => ("published", Status::Draft, *to),
                StatusChange::Unpublished { from } => ("unpublished", *from, Status::Draft),
            };
            out.push(JsonChange {
                from: Some(from.as_str().into()),
                to: Some(to.as_str().into()),
                ..JsonChange::new("status", kind)
            });
        }
        FieldChange::Text(field, value) => {
            out.push(JsonChange::value(field.key(), value, String::clone));
        }
        FieldChange::Date(field, value) => {
            out.push(JsonChange::value(field.key(), value, Date::to_string));
        }
        FieldChange::Band(value) => {
            let band = match value {
                Value::Set(b) | Value::Removed(b) | Value::Changed { to: b, .. } => b,
            };
            let mut entry = JsonChange::value("salary", value, |b| range(b, clean));
            if matches!(value, Value::Set(_)) {
                // A band is one of a list, like an item: it is added, not set.
                entry.kind = "added";
            }
            entry.name = band.location().map(str::to_owned);
            out.push(entry);
        }
        FieldChange::Items {
            list,
            added,
            removed,
        } => {
            for (kind, items) in [("added", added), ("removed", removed)] {
                if !items.is_empty() {
                    out.push(JsonChange {
                        items: items.clone(),
                        ..JsonChange::new(list.key(), kind)
                    });
                }
            }
        }
        FieldChange::ExpectationReworded(title) => {
            out.push(named("expectations", "reworded", title));
        }
        FieldChange::SummaryReworded => out.push(JsonChange::new("summary", "reworded")),
        FieldChange::Section(section) => out.push(match section {
            SectionChange::Added(h) => named("section", "added", h),
            SectionChange::Removed(h) => named("section", "removed", h),
            SectionChange::Reworded(h) => named("section", "reworded", h),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::role::diff::diff;
    use crate::role::load::roles_from_texts;

    const TODAY: Date = jiff::civil::date(2026, 11, 23);

    #[test]
    fn code_spans_hold_any_text() {
        assert_eq!(quote("Leeds"), "`Leeds`");
        assert_eq!(quote("a `b` c"), "``a `b` c``");
        assert_eq!(quote("`x"), "`` `x ``");
        assert_eq!(quote("two\nlines"), "`two lines`");
    }

    #[test]
    fn item_counts_read_as_words() {
        assert_eq!(
            items_line(ItemList::Required, 2, 1),
            "2 required items added, 1 removed"
        );
        assert_eq!(
            items_line(ItemList::Optional, 1, 0),
            "1 optional item added"
        );
        assert_eq!(
            items_line(ItemList::Expectations, 0, 2),
            "2 expectations removed"
        );
    }

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

    #[test]
    fn markdown_escapes_role_text_outside_code_spans() {
        assert_eq!(md("Baker <b>[x](y)</b>"), "Baker \\<b\\>\\[x\\](y)\\</b\\>");
    }

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
