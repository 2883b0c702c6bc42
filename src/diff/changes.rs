//! What an edit to the roles folder changes for candidates: two readings of
//! the folder compared role by role and field by field, never as text.
//!
//! Pure: [`diff`] takes the roles of both readings and the day closing dates
//! are judged on, and returns typed changes. Wording is `super::wording`.

use std::collections::{HashMap, HashSet};

use jiff::civil::Date;

use crate::role::model::{Role, SalaryBand, Section, SectionKind, Slug, Status};

/// Every role an edit changes, ordered by slug.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoleDiff {
    /// One entry per role that changed.
    pub roles: Vec<RoleChange>,
}

/// One role that was added, removed, renamed or edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleChange {
    /// The slug in the new reading (the old one for a removed role).
    pub slug: Slug,
    /// The title in the new reading (the old one for a removed role).
    pub title: String,
    /// The role's file name in the new reading (the old one for a removed role).
    pub file: String,
    /// The status candidates see, closing date applied, in that same reading.
    pub status: Status,
    /// What happened to the role as a whole.
    pub kind: ChangeKind,
    /// What changed inside it; empty for an added or removed role.
    pub changes: Vec<FieldChange>,
}

/// What happened to a role as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeKind {
    /// Only in the new reading.
    Added,
    /// Only in the old reading.
    Removed {
        /// A new role that lists the old slug as an alias, so its address
        /// still answers (with a redirect), though another rename claimed it.
        redirects_to: Option<Slug>,
    },
    /// In the new reading under a new slug that names the old one as an alias.
    Renamed {
        /// The slug in the old reading.
        from: Slug,
    },
    /// In both readings under one slug, with at least one change.
    Edited,
}

/// The one word a role's change is counted under in a summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Headline {
    /// A new role.
    Added,
    /// A role that is gone.
    Removed,
    /// Open to closed.
    Closed,
    /// Closed to open.
    Opened,
    /// Draft to open or closed.
    Published,
    /// Open or closed back to draft.
    Unpublished,
    /// A new slug, nothing bigger.
    Renamed,
    /// Any other change.
    Edited,
}

impl Headline {
    /// Every headline, in the order summaries list them.
    pub const ALL: [Headline; 8] = [
        Headline::Added,
        Headline::Removed,
        Headline::Renamed,
        Headline::Opened,
        Headline::Closed,
        Headline::Published,
        Headline::Unpublished,
        Headline::Edited,
    ];

    /// The lowercase word for the headline.
    pub fn as_str(self) -> &'static str {
        match self {
            Headline::Added => "added",
            Headline::Removed => "removed",
            Headline::Closed => "closed",
            Headline::Opened => "opened",
            Headline::Published => "published",
            Headline::Unpublished => "unpublished",
            Headline::Renamed => "renamed",
            Headline::Edited => "edited",
        }
    }
}

impl RoleChange {
    /// What the role is counted as: an addition or removal first, then a
    /// change of status (what candidates notice most), then a rename.
    pub fn headline(&self) -> Headline {
        match self.kind {
            ChangeKind::Added => return Headline::Added,
            ChangeKind::Removed { .. } => return Headline::Removed,
            ChangeKind::Renamed { .. } | ChangeKind::Edited => {}
        }
        let status = self.changes.iter().find_map(|c| match c {
            FieldChange::Status(s) => Some(match s {
                StatusChange::Opened | StatusChange::Upcoming { .. } => Headline::Opened,
                StatusChange::Closed { .. } => Headline::Closed,
                StatusChange::Published { .. } => Headline::Published,
                StatusChange::Unpublished { .. } => Headline::Unpublished,
            }),
            _ => None,
        });
        match (status, &self.kind) {
            (Some(headline), _) => headline,
            (None, ChangeKind::Renamed { .. }) => Headline::Renamed,
            (None, _) => Headline::Edited,
        }
    }
}

impl RoleDiff {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.roles.is_empty()
    }

    /// How many roles fall under each headline, in [`Headline::ALL`] order.
    pub fn counts(&self) -> Vec<(Headline, usize)> {
        Headline::ALL
            .iter()
            .map(|&h| (h, self.roles.iter().filter(|r| r.headline() == h).count()))
            .collect()
    }
}

/// One change inside a role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldChange {
    /// What candidates can see of the role changed.
    Status(StatusChange),
    /// A one-line field.
    Text(TextField, Value<String>),
    /// A date.
    Date(DateField, Value<Date>),
    /// A salary band, matched to its counterpart by location.
    Band(Value<SalaryBand>),
    /// Items of a list, matched by their normalised text.
    Items {
        /// Which list.
        list: ItemList,
        /// Items only in the new reading, in its order.
        added: Vec<String>,
        /// Items only in the old reading, in its order.
        removed: Vec<String>,
    },
    /// An expectation kept its title but its description reads differently.
    ExpectationReworded(String),
    /// The summary reads differently.
    SummaryReworded,
    /// A section other than experience, expectations and salary, by heading.
    Section(SectionChange),
}

/// How what candidates see of a role changed, closing date applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusChange {
    /// Closed before, open now.
    Opened,
    /// Open before, closed now.
    Closed {
        /// The closing date that closed it, when the file still says `open`.
        by_date: Option<Date>,
    },
    /// Listed again or first, saying when applications open.
    Upcoming {
        /// Open or closed before.
        from: Status,
    },
    /// A draft before, published now.
    Published {
        /// Open, or closed already.
        to: Status,
    },
    /// Published before, a draft now.
    Unpublished {
        /// Open or closed.
        from: Status,
    },
}

/// A one-line field of a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    /// The job title.
    Title,
    /// The level ("Senior").
    Level,
    /// The discipline.
    Discipline,
    /// The team.
    Team,
    /// Where the role is based.
    Location,
    /// Full-time, contract and so on.
    EmploymentType,
    /// Where to apply.
    ApplyUrl,
}

impl TextField {
    /// The stable name used in JSON.
    pub fn key(self) -> &'static str {
        match self {
            TextField::Title => "title",
            TextField::Level => "level",
            TextField::Discipline => "discipline",
            TextField::Team => "team",
            TextField::Location => "location",
            TextField::EmploymentType => "employment_type",
            TextField::ApplyUrl => "apply_url",
        }
    }
}

/// A date of a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateField {
    /// When applications close.
    Closes,
    /// When the role was posted.
    Posted,
}

impl DateField {
    /// The stable name used in JSON.
    pub fn key(self) -> &'static str {
        match self {
            DateField::Closes => "closes",
            DateField::Posted => "posted",
        }
    }
}

/// A list compared item by item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemList {
    /// Required experience.
    Required,
    /// Optional experience.
    Optional,
    /// Expectations, by title.
    Expectations,
}

impl ItemList {
    /// The stable name used in JSON.
    pub fn key(self) -> &'static str {
        match self {
            ItemList::Required => "required_experience",
            ItemList::Optional => "optional_experience",
            ItemList::Expectations => "expectations",
        }
    }
}

/// A section added, removed or reworded, named by its heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SectionChange {
    /// Only in the new reading.
    Added(String),
    /// Only in the old reading.
    Removed(String),
    /// Under the same heading, with different text.
    Reworded(String),
}

/// How a value that may be absent changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value<T> {
    /// Absent before.
    Set(T),
    /// Present in both, different.
    Changed {
        /// Before.
        from: T,
        /// After.
        to: T,
    },
    /// Absent now.
    Removed(T),
}

impl<T: PartialEq> Value<T> {
    /// The change from `old` to `new`, if there is one.
    fn between(old: Option<T>, new: Option<T>) -> Option<Value<T>> {
        match (old, new) {
            (None, None) => None,
            (None, Some(to)) => Some(Value::Set(to)),
            (Some(from), None) => Some(Value::Removed(from)),
            (Some(from), Some(to)) if from == to => None,
            (Some(from), Some(to)) => Some(Value::Changed { from, to }),
        }
    }
}

/// Compares two readings of the roles folder, judging closing dates on `today`.
pub fn diff(old: &[Role], new: &[Role], today: Date) -> RoleDiff {
    let old_by_slug: HashMap<&str, &Role> = old.iter().map(|r| (r.slug.as_str(), r)).collect();
    let new_slugs: HashSet<&str> = new.iter().map(|r| r.slug.as_str()).collect();
    let mut matched_old: HashSet<&str> = HashSet::new();
    let mut roles = Vec::new();

    // Same slug first, so that a rename can only claim a slug nobody kept.
    for role in new {
        if let Some(before) = old_by_slug.get(role.slug.as_str()) {
            matched_old.insert(before.slug.as_str());
            let changes = compare(before, role, today);
            if !changes.is_empty() {
                roles.push(entry(role, ChangeKind::Edited, changes, today));
            }
        }
    }
    for role in new
        .iter()
        .filter(|r| !old_by_slug.contains_key(r.slug.as_str()))
    {
        let renamed_from = role.meta.aliases.iter().find_map(|alias| {
            let before = old_by_slug.get(alias.as_str())?;
            (!new_slugs.contains(alias.as_str()) && matched_old.insert(alias.as_str()))
                .then_some(*before)
        });
        match renamed_from {
            Some(before) => {
                let kind = ChangeKind::Renamed {
                    from: before.slug.clone(),
                };
                roles.push(entry(role, kind, compare(before, role, today), today));
            }
            None => roles.push(entry(role, ChangeKind::Added, Vec::new(), today)),
        }
    }
    for role in old
        .iter()
        .filter(|r| !matched_old.contains(r.slug.as_str()))
    {
        let redirects_to = new
            .iter()
            .find(|n| n.meta.aliases.contains(&role.slug))
            .map(|n| n.slug.clone());
        roles.push(entry(
            role,
            ChangeKind::Removed { redirects_to },
            Vec::new(),
            today,
        ));
    }
    roles.sort_by(|a, b| a.slug.cmp(&b.slug));
    RoleDiff { roles }
}

fn entry(role: &Role, kind: ChangeKind, changes: Vec<FieldChange>, today: Date) -> RoleChange {
    RoleChange {
        slug: role.slug.clone(),
        title: role.title.clone(),
        file: role.source_file.clone(),
        status: role.effective_status(today),
        kind,
        changes,
    }
}

/// Every change from one reading of a role to the next, in the order a
/// reader meets the fields on the role page.
fn compare(old: &Role, new: &Role, today: Date) -> Vec<FieldChange> {
    let mut changes = Vec::new();
    if let Some(status) = status_change(old, new, today) {
        changes.push(FieldChange::Status(status));
    }
    let (old_level, new_level) = (
        old.level_name().map(str::to_owned),
        new.level_name().map(str::to_owned),
    );
    let texts: [(TextField, &Option<String>, &Option<String>); 6] = [
        (TextField::Level, &old_level, &new_level),
        (TextField::Discipline, &old.discipline, &new.discipline),
        (TextField::Team, &old.meta.team, &new.meta.team),
        (TextField::Location, &old.location, &new.location),
        (
            TextField::EmploymentType,
            &old.meta.employment_type,
            &new.meta.employment_type,
        ),
        (
            TextField::ApplyUrl,
            &old.meta.apply_url,
            &new.meta.apply_url,
        ),
    ];
    let title = Value::between(Some(old.title.trim()), Some(new.title.trim()));
    let texts = std::iter::once((TextField::Title, title)).chain(
        texts
            .into_iter()
            .map(|(field, a, b)| (field, Value::between(trimmed(a), trimmed(b)))),
    );
    for (field, value) in texts {
        if let Some(value) = value {
            changes.push(FieldChange::Text(field, owned(value)));
        }
    }
    changes.extend(
        bands(&old.salary, &new.salary)
            .into_iter()
            .map(FieldChange::Band),
    );
    let lists = [
        (
            ItemList::Required,
            &old.experience.required,
            &new.experience.required,
        ),
        (
            ItemList::Optional,
            &old.experience.optional,
            &new.experience.optional,
        ),
    ];
    for (list, a, b) in lists {
        let (added, removed) = items(a, b);
        if !added.is_empty() || !removed.is_empty() {
            changes.push(FieldChange::Items {
                list,
                added,
                removed,
            });
        }
    }
    changes.extend(expectations(old, new));
    let dates = [
        (DateField::Closes, old.meta.closes, new.meta.closes),
        (DateField::Posted, old.meta.posted, new.meta.posted),
    ];
    for (field, a, b) in dates {
        if let Some(value) = Value::between(a, b) {
            changes.push(FieldChange::Date(field, value));
        }
    }
    if normalise(&old.summary_text) != normalise(&new.summary_text) {
        changes.push(FieldChange::SummaryReworded);
    }
    changes.extend(sections(old, new).into_iter().map(FieldChange::Section));
    changes
}

fn trimmed(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn owned(value: Value<&str>) -> Value<String> {
    match value {
        Value::Set(to) => Value::Set(to.to_owned()),
        Value::Changed { from, to } => Value::Changed {
            from: from.to_owned(),
            to: to.to_owned(),
        },
        Value::Removed(from) => Value::Removed(from.to_owned()),
    }
}

fn status_change(old: &Role, new: &Role, today: Date) -> Option<StatusChange> {
    let (from, to) = (old.effective_status(today), new.effective_status(today));
    Some(match (from, to) {
        _ if from == to => return None,
        (Status::Draft, to) => StatusChange::Published { to },
        (from, Status::Draft) => StatusChange::Unpublished { from },
        (from, Status::Upcoming) => StatusChange::Upcoming { from },
        (_, Status::Open) => StatusChange::Opened,
        (_, Status::Closed) => StatusChange::Closed {
            by_date: matches!(new.status, Status::Open | Status::Upcoming)
                .then_some(new.meta.closes)
                .flatten(),
        },
    })
}

/// Bands paired by location (letter case and punctuation aside), in the order
/// written when a location has several; the location's text is not compared.
fn bands(old: &[SalaryBand], new: &[SalaryBand]) -> Vec<Value<SalaryBand>> {
    let key = |b: &SalaryBand| normalise(b.location().unwrap_or(""));
    let same = |a: &SalaryBand, b: &SalaryBand| {
        (a.min(), a.max(), a.currency(), a.period(), a.note())
            == (b.min(), b.max(), b.currency(), b.period(), b.note())
    };
    let mut used = vec![false; new.len()];
    let mut changes = Vec::new();
    for band in old {
        let counterpart = new
            .iter()
            .enumerate()
            .find(|(i, b)| !used[*i] && key(b) == key(band));
        match counterpart {
            Some((i, b)) => {
                used[i] = true;
                if !same(band, b) {
                    changes.push(Value::Changed {
                        from: band.clone(),
                        to: b.clone(),
                    });
                }
            }
            None => changes.push(Value::Removed(band.clone())),
        }
    }
    changes.extend(
        new.iter()
            .zip(&used)
            .filter(|(_, used)| !**used)
            .map(|(b, _)| Value::Set(b.clone())),
    );
    changes
}

/// `(added, removed)`: items matched by normalised text, each match used once.
fn items(old: &[String], new: &[String]) -> (Vec<String>, Vec<String>) {
    let new_keys: Vec<String> = new.iter().map(|t| normalise(t)).collect();
    let mut used = vec![false; new.len()];
    let mut removed = Vec::new();
    for item in old {
        let key = normalise(item);
        match (0..new.len()).find(|&i| !used[i] && new_keys[i] == key) {
            Some(i) => used[i] = true,
            None => removed.push(item.clone()),
        }
    }
    let added = new
        .iter()
        .zip(&used)
        .filter(|(_, used)| !**used)
        .map(|(t, _)| t.clone())
        .collect();
    (added, removed)
}

/// Expectations by title; a kept title whose description changed is reworded.
fn expectations(old: &Role, new: &Role) -> Vec<FieldChange> {
    let titles =
        |r: &Role| -> Vec<String> { r.expectations.iter().map(|e| e.title.clone()).collect() };
    let (added, removed) = items(&titles(old), &titles(new));
    let mut changes = Vec::new();
    if !added.is_empty() || !removed.is_empty() {
        changes.push(FieldChange::Items {
            list: ItemList::Expectations,
            added,
            removed,
        });
    }
    let mut used = vec![false; new.expectations.len()];
    for before in &old.expectations {
        let key = normalise(&before.title);
        let after = new
            .expectations
            .iter()
            .enumerate()
            .find(|(i, e)| !used[*i] && normalise(&e.title) == key);
        if let Some((i, after)) = after {
            used[i] = true;
            if normalise(&before.description_text) != normalise(&after.description_text) {
                changes.push(FieldChange::ExpectationReworded(after.title.clone()));
            }
        }
    }
    changes
}

/// Whether a section's content is compared field by field instead.
fn compared_elsewhere(kind: SectionKind) -> bool {
    matches!(
        kind,
        SectionKind::RequiredExperience
            | SectionKind::OptionalExperience
            | SectionKind::Expectations
            | SectionKind::Salary
    )
}

/// Sections matched by normalised heading, each match used once.
fn sections(old: &Role, new: &Role) -> Vec<SectionChange> {
    fn keep(r: &Role) -> Vec<(String, &Section)> {
        r.sections
            .iter()
            .filter(|s| !compared_elsewhere(s.kind) && !s.heading.trim().is_empty())
            .map(|s| (normalise(&s.heading), s))
            .collect()
    }
    let (before, after) = (keep(old), keep(new));
    let mut used = vec![false; after.len()];
    let mut changes = Vec::new();
    for (key, section) in &before {
        match (0..after.len()).find(|&i| !used[i] && after[i].0 == *key) {
            Some(i) => {
                used[i] = true;
                let now = after[i].1;
                if normalise(&section.body.source) != normalise(&now.body.source) {
                    changes.push(SectionChange::Reworded(now.heading.clone()));
                }
            }
            None => changes.push(SectionChange::Removed(section.heading.clone())),
        }
    }
    changes.extend(
        after
            .iter()
            .zip(&used)
            .filter(|(_, used)| !**used)
            .map(|((_, s), _)| SectionChange::Added(s.heading.clone())),
    );
    changes
}

/// Text as compared: lowercase, apostrophes dropped ("don't" is "dont"), every
/// other run of punctuation and whitespace one space, so that reflowing or
/// recasing a line is not a change.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        } else if !matches!(c, '\'' | '’' | '‘') {
            gap = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::role::load::roles_from_texts;

    const TODAY: Date = jiff::civil::date(2026, 11, 23);

    /// A small bakery role; each case below edits a copy of it.
    const BAKER: &str = "---
team: Bakery
level: Senior
location: York
employment_type: Full-time
posted: 2026-10-01
closes: 2099-03-01
apply_url: https://bakery.example/apply
salary:
  - { location: York, min: 24000, max: 28000 }
  - { location: Remote, min: 22000, max: 26000 }
---
# Senior Baker

We bake bread for the whole street before sunrise.

## What you will need

- Three years of shaping loaves by hand
- Comfort with early mornings

## Nice to have

- A food hygiene certificate

## Expectations

### Keep the ovens honest

Check the temperature every hour.

### Teach the apprentices

## Benefits

- Free bread on Fridays
";

    fn role(text: &str) -> Role {
        match roles_from_texts(&[("senior_baker.md", text)]).pop() {
            Some(role) => role,
            None => panic!("the role did not load:\n{text}"),
        }
    }

    /// The baker with each `(from, to)` replacement applied in turn.
    fn edited(edits: &[(&str, &str)]) -> String {
        let mut text = BAKER.to_owned();
        for (from, to) in edits {
            assert!(text.contains(from), "`{from}` is not in the role");
            text = text.replacen(from, to, 1);
        }
        text
    }

    fn band(location: &str, min: u64, max: u64) -> SalaryBand {
        match SalaryBand::new(min, Some(max)) {
            Ok(b) => b.with_location(Some(location.to_owned())),
            Err(e) => panic!("{e}"),
        }
    }

    fn text(field: TextField, value: Value<&str>) -> FieldChange {
        FieldChange::Text(field, owned(value))
    }

    fn list(list: ItemList, added: &[&str], removed: &[&str]) -> FieldChange {
        let own = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect();
        FieldChange::Items {
            list,
            added: own(added),
            removed: own(removed),
        }
    }

    fn changed<T>(from: T, to: T) -> Value<T> {
        Value::Changed { from, to }
    }

    type Case = (
        &'static str,
        Vec<(&'static str, &'static str)>,
        Vec<FieldChange>,
    );

    /// One-line fields and salary bands.
    fn field_cases() -> Vec<Case> {
        vec![
            (
                "reflowed, recased and repunctuated text is no change",
                vec![
                    (
                        "- Three years of shaping loaves by hand",
                        "- three years of shaping\n  loaves, by hand.",
                    ),
                    (
                        "We bake bread for the whole street",
                        "We bake bread for the\nwhole street",
                    ),
                    (
                        "Check the temperature every hour.",
                        "Check the temperature\nevery hour",
                    ),
                    ("- Free bread on Fridays", "-   Free bread on   Fridays"),
                    ("{ location: York,", "{ location: york,"),
                ],
                vec![],
            ),
            (
                "location changed",
                vec![("location: York", "location: York or remote (UK)")],
                vec![text(
                    TextField::Location,
                    changed("York", "York or remote (UK)"),
                )],
            ),
            (
                "title, team and employment type",
                vec![
                    ("# Senior Baker", "# Senior Bread Baker"),
                    ("team: Bakery", "team: Ovens"),
                    ("employment_type: Full-time\n", ""),
                ],
                vec![
                    text(
                        TextField::Title,
                        changed("Senior Baker", "Senior Bread Baker"),
                    ),
                    text(TextField::Discipline, changed("Baker", "Bread Baker")),
                    text(TextField::Team, changed("Bakery", "Ovens")),
                    text(TextField::EmploymentType, Value::Removed("Full-time")),
                ],
            ),
            (
                "level set by front matter",
                vec![("level: Senior", "level: Lead")],
                vec![text(TextField::Level, changed("Senior", "Lead"))],
            ),
            (
                "apply URL",
                vec![(
                    "https://bakery.example/apply",
                    "https://bakery.example/jobs",
                )],
                vec![text(
                    TextField::ApplyUrl,
                    changed(
                        "https://bakery.example/apply",
                        "https://bakery.example/jobs",
                    ),
                )],
            ),
            (
                "salary bands matched by location",
                vec![
                    ("min: 24000, max: 28000", "min: 25000, max: 29000"),
                    (
                        "{ location: Remote, min: 22000, max: 26000 }",
                        "{ location: Leeds, min: 23000, max: 27000 }",
                    ),
                ],
                vec![
                    FieldChange::Band(Value::Changed {
                        from: band("York", 24_000, 28_000),
                        to: band("York", 25_000, 29_000),
                    }),
                    FieldChange::Band(Value::Removed(band("Remote", 22_000, 26_000))),
                    FieldChange::Band(Value::Set(band("Leeds", 23_000, 27_000))),
                ],
            ),
        ]
    }

    /// Lists compared item by item.
    fn list_cases() -> Vec<Case> {
        vec![
            (
                "required items added and removed, optional item added",
                vec![
                    (
                        "- Comfort with early mornings\n",
                        "- Rye and spelt doughs\n- Running a deck oven\n",
                    ),
                    (
                        "- A food hygiene certificate\n",
                        "- A food hygiene certificate\n- A driving licence\n",
                    ),
                ],
                vec![
                    list(
                        ItemList::Required,
                        &["Rye and spelt doughs", "Running a deck oven"],
                        &["Comfort with early mornings"],
                    ),
                    list(ItemList::Optional, &["A driving licence"], &[]),
                ],
            ),
            (
                "expectations added, removed and reworded",
                vec![
                    (
                        "Check the temperature every hour.",
                        "Log the temperature twice an hour.",
                    ),
                    ("### Teach the apprentices", "### Order the flour"),
                ],
                vec![
                    list(
                        ItemList::Expectations,
                        &["Order the flour"],
                        &["Teach the apprentices"],
                    ),
                    FieldChange::ExpectationReworded("Keep the ovens honest".into()),
                ],
            ),
        ]
    }

    /// Dates, status and prose.
    fn other_cases() -> Vec<Case> {
        vec![
            (
                "closing date moved, posted date removed",
                vec![
                    ("closes: 2099-03-01", "closes: 2099-04-15"),
                    ("posted: 2026-10-01\n", ""),
                ],
                vec![
                    FieldChange::Date(
                        DateField::Closes,
                        changed(
                            jiff::civil::date(2099, 3, 1),
                            jiff::civil::date(2099, 4, 15),
                        ),
                    ),
                    FieldChange::Date(
                        DateField::Posted,
                        Value::Removed(jiff::civil::date(2026, 10, 1)),
                    ),
                ],
            ),
            (
                "a closing date in the past closes the role",
                vec![("closes: 2099-03-01", "closes: 2026-11-01")],
                vec![
                    FieldChange::Status(StatusChange::Closed {
                        by_date: Some(jiff::civil::date(2026, 11, 1)),
                    }),
                    FieldChange::Date(
                        DateField::Closes,
                        changed(
                            jiff::civil::date(2099, 3, 1),
                            jiff::civil::date(2026, 11, 1),
                        ),
                    ),
                ],
            ),
            (
                "closed by status",
                vec![("team: Bakery", "status: closed\nteam: Bakery")],
                vec![FieldChange::Status(StatusChange::Closed { by_date: None })],
            ),
            (
                "back to draft",
                vec![("team: Bakery", "status: draft\nteam: Bakery")],
                vec![FieldChange::Status(StatusChange::Unpublished {
                    from: Status::Open,
                })],
            ),
            (
                "summary reworded",
                vec![("for the whole street", "for the whole town")],
                vec![FieldChange::SummaryReworded],
            ),
            (
                "sections added, removed and reworded by heading",
                vec![(
                    "- Free bread on Fridays\n",
                    "- Free bread every day\n\n## Our ovens\n\nTwo wood-fired ovens.\n",
                )],
                vec![
                    FieldChange::Section(SectionChange::Reworded("Benefits".into())),
                    FieldChange::Section(SectionChange::Added("Our ovens".into())),
                ],
            ),
            (
                "a section removed",
                vec![("## Benefits\n\n- Free bread on Fridays\n", "")],
                vec![FieldChange::Section(SectionChange::Removed(
                    "Benefits".into(),
                ))],
            ),
        ]
    }

    #[test]
    fn each_kind_of_field_change() {
        let before = role(BAKER);
        let cases = [field_cases(), list_cases(), other_cases()];
        for (name, edits, expected) in cases.into_iter().flatten() {
            let after = role(&edited(&edits));
            let found = diff(std::slice::from_ref(&before), &[after], TODAY);
            let changes: Vec<FieldChange> =
                found.roles.into_iter().flat_map(|r| r.changes).collect();
            assert_eq!(changes, expected, "case: {name}");
        }
    }

    #[test]
    fn status_moves_judged_on_today() {
        let draft = role(&edited(&[("team: Bakery", "status: draft\nteam: Bakery")]));
        let closed = role(&edited(&[("team: Bakery", "status: closed\nteam: Bakery")]));
        let open = role(BAKER);
        let passed = role(&edited(&[("closes: 2099-03-01", "closes: 2026-11-01")]));
        let table = [
            (
                &draft,
                &open,
                Some(StatusChange::Published { to: Status::Open }),
            ),
            (
                &draft,
                &passed,
                Some(StatusChange::Published { to: Status::Closed }),
            ),
            (&closed, &open, Some(StatusChange::Opened)),
            (&closed, &passed, None),
            (
                &closed,
                &draft,
                Some(StatusChange::Unpublished {
                    from: Status::Closed,
                }),
            ),
        ];
        for (old, new, expected) in table {
            assert_eq!(status_change(old, new, TODAY), expected);
        }
        let found = diff(&[draft], &[open], TODAY);
        assert_eq!(found.roles[0].headline(), Headline::Published);
    }

    fn slugged(slug: &str, aliases: &str, title: &str) -> String {
        format!("---\nslug: {slug}\naliases: [{aliases}]\n---\n# {title}\n\nBooks for everyone.\n")
    }

    fn catalogue(files: &[(&str, String)]) -> Vec<Role> {
        let borrowed: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
        roles_from_texts(&borrowed)
    }

    #[test]
    fn roles_added_removed_and_renamed_through_an_alias() {
        let old = catalogue(&[
            ("archivist.md", slugged("archivist", "", "Archivist")),
            ("librarian.md", slugged("librarian", "", "Librarian")),
            ("porter.md", slugged("porter", "", "Porter")),
        ]);
        let new = catalogue(&[
            ("archivist.md", slugged("archivist", "", "Archivist")),
            (
                "branch-librarian.md",
                slugged("branch-librarian", "librarian", "Branch Librarian"),
            ),
            ("storyteller.md", slugged("storyteller", "", "Storyteller")),
        ]);
        let found = diff(&old, &new, TODAY);
        let summary: Vec<(&str, &ChangeKind, &str)> = found
            .roles
            .iter()
            .map(|r| (r.slug.as_str(), &r.kind, r.file.as_str()))
            .collect();
        let from = Slug::parse("librarian").map(|from| ChangeKind::Renamed { from });
        assert_eq!(
            summary,
            [
                (
                    "branch-librarian",
                    &from.unwrap_or(ChangeKind::Edited),
                    "branch-librarian.md"
                ),
                (
                    "porter",
                    &ChangeKind::Removed { redirects_to: None },
                    "porter.md"
                ),
                ("storyteller", &ChangeKind::Added, "storyteller.md"),
            ]
        );
        assert_eq!(
            found.roles[0].changes,
            [
                text(TextField::Title, changed("Librarian", "Branch Librarian")),
                // The discipline is read from the title, and places the role
                // on a career path, so it is a change of its own.
                text(
                    TextField::Discipline,
                    changed("Librarian", "Branch Librarian")
                ),
            ]
        );
        let counts: Vec<(Headline, usize)> =
            found.counts().into_iter().filter(|(_, n)| *n > 0).collect();
        assert_eq!(
            counts,
            [
                (Headline::Added, 1),
                (Headline::Removed, 1),
                (Headline::Renamed, 1)
            ]
        );
    }

    #[test]
    fn an_alias_is_not_a_rename_while_its_slug_remains() {
        let old = catalogue(&[("reader.md", slugged("reader", "", "Reader"))]);
        let new = catalogue(&[
            ("reader.md", slugged("reader", "", "Reader")),
            // The loader drops an alias that is also a role's slug; build the
            // case by hand so the comparison guards it on its own.
            (
                "senior-reader.md",
                slugged("senior-reader", "", "Senior Reader"),
            ),
        ]);
        let mut new = new;
        if let (Some(role), Some(alias)) = (new.get_mut(1), Slug::parse("reader")) {
            role.meta.aliases.push(alias);
        }
        let found = diff(&old, &new, TODAY);
        assert_eq!(found.roles.len(), 1);
        assert_eq!(found.roles[0].kind, ChangeKind::Added);
    }

    #[test]
    fn a_merged_role_is_removed_and_redirects() {
        let old = catalogue(&[
            ("binder.md", slugged("binder", "", "Binder")),
            ("mender.md", slugged("mender", "", "Mender")),
        ]);
        let new = catalogue(&[(
            "conservator.md",
            slugged("conservator", "binder, mender", "Conservator"),
        )]);
        let found = diff(&old, &new, TODAY);
        let kinds: Vec<&ChangeKind> = found.roles.iter().map(|r| &r.kind).collect();
        let binder = Slug::parse("binder").map(|from| ChangeKind::Renamed { from });
        let conservator = Slug::parse("conservator");
        assert_eq!(
            kinds,
            [
                &binder.unwrap_or(ChangeKind::Added),
                &ChangeKind::Removed {
                    redirects_to: conservator
                }
            ]
        );
    }

    #[test]
    fn nothing_changed_is_empty() {
        let roles = roles_from_texts(&[("senior_baker.md", BAKER)]);
        assert!(diff(&roles, &roles, TODAY).is_empty());
        assert!(diff(&[], &[], TODAY).is_empty());
    }

    #[test]
    fn normalise_collapses_case_punctuation_and_space() {
        for (text, want) in [
            ("  Don't   PANIC! ", "dont panic"),
            ("rye,\n spelt\tand wheat.", "rye spelt and wheat"),
            ("Café — crème", "café crème"),
            ("", ""),
            ("***", ""),
        ] {
            assert_eq!(normalise(text), want, "{text:?}");
        }
    }
}
