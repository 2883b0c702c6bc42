//! Each change in words, the same for every format; `plain` prepares role
//! text outside code spans (`clean` for plain text, `md` for Markdown).

use jiff::civil::Date;

use super::changes::{
    ChangeKind, DateField, FieldChange, ItemList, RoleChange, SectionChange, StatusChange,
    TextField, Value,
};
use crate::role::model::Period;
use crate::role::{SalaryBand, Status};
use crate::site::text::format::{date, money};

/// Role text on one line: control characters (line breaks above all) become
/// spaces, so no role file can add a line to the report.
pub(super) fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Role text for Markdown: [`clean`], then inline markup characters escaped
/// so that a title reads as written and cannot link or embed anything.
pub(super) fn md(text: &str) -> String {
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
pub(super) fn quote(text: &str) -> String {
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
pub(super) struct Line {
    pub(super) text: String,
    pub(super) added: Vec<String>,
    pub(super) removed: Vec<String>,
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
pub(super) fn describe(change: &RoleChange, plain: fn(&str) -> String) -> Vec<Line> {
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

pub(super) fn describe_field(change: &FieldChange, plain: fn(&str) -> String) -> Line {
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

pub(super) fn describe_status(status: &StatusChange) -> String {
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

pub(super) fn text_name(field: TextField) -> &'static str {
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
pub(super) fn value_line<T>(
    name: &str,
    verb: &str,
    value: &Value<T>,
    show: impl Fn(&T) -> String,
) -> String {
    match value {
        Value::Set(to) => format!("{name} set to {}", show(to)),
        Value::Changed { from, to } => format!("{name} {verb} from {} to {}", show(from), show(to)),
        Value::Removed(from) => format!("{name} removed (was {})", show(from)),
    }
}

/// `salary band (London) changed from £60,000–£75,000 to £65,000–£80,000`.
pub(super) fn band_line(value: &Value<SalaryBand>, plain: fn(&str) -> String) -> String {
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
pub(super) fn range(band: &SalaryBand, plain: fn(&str) -> String) -> String {
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
pub(super) fn items_line(list: ItemList, added: usize, removed: usize) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn markdown_escapes_role_text_outside_code_spans() {
        assert_eq!(md("Baker <b>[x](y)</b>"), "Baker \\<b\\>\\[x\\](y)\\</b\\>");
    }
}
