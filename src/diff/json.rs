//! The report as JSON: `{"roles": [...], "summary": {...}}`, key names
//! stable and every key always present.

use jiff::civil::Date;
use serde::Serialize;

use super::changes::{
    ChangeKind, FieldChange, Headline, RoleChange, RoleDiff, SectionChange, StatusChange, Value,
};
use super::wording::{clean, range};
use crate::role::Status;

/// `{"roles": [...], "summary": {...}}`: names stable, every key always present.
#[derive(Serialize)]
pub(super) struct JsonReport {
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

pub(super) fn report(found: &RoleDiff, path: &dyn Fn(&RoleChange) -> String) -> JsonReport {
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
