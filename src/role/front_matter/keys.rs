//! Reading each front matter key on its own, so that one bad value costs only
//! its own field and every problem in a file is reported, each at its line.
//!
//! Our keys come first; [`FOREIGN_KEYS`] maps the keys other site generators
//! use for the same facts onto ours, and is read only where ours are absent.

use serde_yaml::{Mapping, Value};

use super::dates::{is_placeholder, read_date_in};
use super::fields::{FOREIGN_KEYS, Field, OUR_KEYS};
use super::prose::{self, ProseKey};
use super::spelling::suggestion;
use super::{Alias, BandValue, FrontMatter, Located, Problem, SalaryValue};
use crate::role::diagnostic::{Code, Severity};
use crate::role::mapping::ReadOptions;
use crate::role::model::{Currency, SectionKind, Status};

/// Foreign employment keys that other generators also use for other things.
const GENERIC_EMPLOYMENT_KEYS: &[&str] = &[
    "type",
    "employment",
    "contract",
    "hours",
    "schedule",
    "commitment",
    "work_type",
    "workType",
];

/// The key names a misspelling is compared with.
fn known_names() -> Vec<&'static str> {
    OUR_KEYS
        .iter()
        .chain(FOREIGN_KEYS)
        .map(|(name, _)| *name)
        .collect()
}

/// One key as written, with its value and file line.
struct Entry {
    key: String,
    value: Value,
    line: u32,
}

/// Reads every key of a front matter mapping; `lines` gives a key's file
/// line; `site` what the site says about pay the file leaves unsaid.
pub(crate) fn read(
    map: Mapping,
    lines: &KeyLines<'_>,
    site: ReadOptions,
) -> (FrontMatter, Vec<Problem>) {
    let mut reading = KeyReader {
        site,
        ..KeyReader::default()
    };
    let mut foreign = Vec::new();
    let nested = params_entries(&map, lines);
    for (key, value) in map {
        let key = match key {
            Value::String(s) => s,
            other => scalar_text(&other).unwrap_or_else(|| "?".into()),
        };
        let line = (lines.top)(&key);
        let entry = Entry { key, value, line };
        let mapped = reading
            .site
            .mapping
            .our_key(&entry.key)
            .and_then(|ours| OUR_KEYS.iter().find(|(k, _)| *k == ours));
        let section = reading.site.mapping.section(&entry.key);
        if let Some(&(_, field)) = OUR_KEYS.iter().find(|(k, _)| *k == entry.key) {
            reading.field(field, &entry, false);
        } else if let Some(&(_, field)) = mapped {
            // The site's own word for one of ours (`site.yaml` front_matter).
            foreign.push((field, entry));
        } else if let Some(kind) = section {
            // The site's word for a kind of section: any text of it is shown.
            reading.prose(entry, Some(kind));
        } else if let Some(&(_, field)) = FOREIGN_KEYS.iter().find(|(k, _)| *k == entry.key) {
            foreign.push((field, entry));
        } else if crate::role::compliance::FRONT_MATTER_KEYS.contains(&entry.key.as_str()) {
            reading.unknown(entry);
        } else {
            reading.prose(entry, None);
        }
    }
    for (field, entry) in &foreign {
        reading.field(*field, entry, true);
    }
    // Keys careers reads, written under Hugo's `params:` or Zola's
    // `extra:`, fill what the top level left unset.
    for entry in &nested {
        let field = OUR_KEYS
            .iter()
            .chain(FOREIGN_KEYS)
            .find(|(k, _)| *k == entry.key)
            .map(|&(_, field)| field);
        if let Some(field) = field {
            reading.field(field, entry, true);
        }
    }
    reading.finish_salary();
    if reading.remote && reading.keys.location.is_none() {
        reading.keys.location = Some("Remote".to_owned());
    }
    for (at, parent_line, child) in std::mem::take(&mut reading.nested) {
        if let (Some(line), Some(problem)) = (
            (lines.nested)(parent_line, &child),
            reading.problems.get_mut(at),
        ) {
            problem.line = line;
        }
    }
    reading.problems.sort_by_key(|p| p.line);
    (reading.keys, reading.problems)
}

/// The entries of a `params:` (Hugo) or `extra:` (Zola) mapping, with the
/// file line of each where the format says (else the parent's).
fn params_entries(map: &Mapping, lines: &KeyLines<'_>) -> Vec<Entry> {
    let mut out = Vec::new();
    for parent in ["params", "extra"] {
        let Some(Value::Mapping(inner)) = map.get(parent) else {
            continue;
        };
        let parent_line = (lines.top)(parent);
        for (key, value) in inner {
            let Value::String(key) = key else {
                continue;
            };
            let line = (lines.nested)(parent_line, key).unwrap_or(parent_line);
            out.push(Entry {
                key: key.clone(),
                value: value.clone(),
                line,
            });
        }
    }
    out
}

/// Where the keys of a front matter block are: `top` gives a top-level
/// key's file line; `nested` the line of a key written under the key on a
/// given line (a band's `min:` under `salary:`), when the format says.
pub(crate) struct KeyLines<'a> {
    pub(crate) top: &'a dyn Fn(&str) -> u32,
    pub(crate) nested: &'a dyn Fn(u32, &str) -> Option<u32>,
}

/// The first key of a band written as a mapping (or a list of them) whose
/// value cannot be read: tried on its own beside a readable `min`.
fn unreadable_band_key(value: &Value) -> Option<String> {
    let bands: Vec<&Value> = match value {
        Value::Sequence(items) => items.iter().collect(),
        Value::Mapping(_) => vec![value],
        _ => return None,
    };
    bands
        .into_iter()
        .filter_map(Value::as_mapping)
        .flat_map(|band| band.iter())
        .find_map(|(key, value)| {
            let name = key.as_str()?;
            let mut alone = Mapping::new();
            if name != "min" {
                alone.insert(Value::from("min"), Value::from(1));
            }
            alone.insert(key.clone(), value.clone());
            let read = serde_yaml::from_value::<super::BandValue>(Value::Mapping(alone));
            read.is_err().then(|| name.to_owned())
        })
}

/// The state of reading one file's front matter keys: what they said so
/// far, and the problems found.
#[derive(Default)]
struct KeyReader {
    keys: FrontMatter,
    problems: Vec<Problem>,
    /// Foreign pay-range keys, read into a band once every key is seen.
    salary_min: Option<(u64, Option<Currency>, u32)>,
    salary_max: Option<(u64, Option<Currency>, u32)>,
    currency: Option<Currency>,
    /// What the site (`site.yaml`) says: its currency, what `$` means.
    site: ReadOptions,
    /// Whether a pay-range amount was written with a bare `$`.
    bare_dollar: bool,
    /// Whether our `status` key was present (it wins over foreign ones).
    status_set: bool,
    /// A flag said the role is remote (`remote: true`): its place when no
    /// key names one.
    remote: bool,
    /// Problems about a key written under another (problem index, the
    /// parent key's line, the nested key), moved to the nested key's line.
    nested: Vec<(usize, u32, String)>,
}

impl KeyReader {
    fn problem(&mut self, severity: Severity, code: Code, line: u32, message: String) {
        self.problems.push(Problem {
            severity,
            code,
            line,
            col: 1,
            message,
            hint: None,
        });
    }

    /// A value of a known key that cannot be read: a warning, the field left out.
    fn unusable(&mut self, entry: &Entry, expected: &str) {
        let message = format!(
            "`{}` must be {expected}; found {}; it is left out",
            entry.key,
            found(&entry.value)
        );
        self.problem(
            Severity::Warning,
            Code::FrontMatterValue,
            entry.line,
            message,
        );
    }

    fn placeholder(&mut self, entry: &Entry, text: &str) {
        let message = format!("`{}: {text}` is a placeholder; read as not set", entry.key);
        self.problem(
            Severity::Warning,
            Code::FrontMatterPlaceholder,
            entry.line,
            message,
        );
    }

    /// A key the site maps to a section (`kind`), or an unknown key whose
    /// value is prose: a section of the page. Anything else is unknown.
    fn prose(&mut self, entry: Entry, kind: Option<SectionKind>) {
        match prose::markdown(&entry.value, kind.is_some()) {
            Some(markdown) => self.keys.prose.push(ProseKey {
                heading: crate::role::headings::from_key(&entry.key),
                key: entry.key,
                kind,
                markdown,
                line: entry.line,
            }),
            None => self.unknown(entry),
        }
    }

    fn unknown(&mut self, entry: Entry) {
        if let Some(ours) = suggestion(&entry.key, &known_names()) {
            let message = format!(
                "unknown front matter key `{}`: did you mean `{ours}`?",
                entry.key
            );
            self.problem(
                Severity::Warning,
                Code::FrontMatterMisspelling,
                entry.line,
                message,
            );
        }
        let value = yaml_text(&entry.value);
        self.keys.unknown.push((entry.key, value, entry.line));
    }

    /// Reads one key into its field; a foreign key fills only an empty field.
    fn field(&mut self, field: Field, entry: &Entry, foreign: bool) {
        let keys = &mut self.keys;
        let slot: Option<&mut Option<String>> = match field {
            Field::Title => Some(&mut keys.title),
            Field::Summary => Some(&mut keys.summary),
            Field::Team => Some(&mut keys.team),
            Field::Level => Some(&mut keys.level),
            Field::Discipline => Some(&mut keys.discipline),
            Field::Location => Some(&mut keys.location),
            Field::EmploymentType => Some(&mut keys.employment_type),
            Field::Description => Some(&mut keys.description),
            Field::Grade => Some(&mut keys.grade),
            _ => None,
        };
        if let Some(slot) = slot {
            if slot.is_some() {
                return;
            }
            // A list of places (`location: [London, Remote]`) is the places.
            let value = match (field, &entry.value) {
                (Field::Location, Value::Sequence(items)) => text_list(items),
                // `office: true` is a flag for a template, not a place.
                (Field::Location, Value::Bool(_)) => Err(()),
                _ => text(&entry.value),
            };
            match value {
                // `type: section` (Hugo's content type) or `hours: 37.5` say
                // no kind of employment: such generic keys count only when
                // they name one.
                Ok(Some(v))
                    if field == Field::EmploymentType
                        && GENERIC_EMPLOYMENT_KEYS.contains(&entry.key.as_str())
                        && crate::role::model::EmploymentType::read(&v).is_empty() =>
                {
                    let written = yaml_text(&entry.value);
                    self.keys
                        .unknown
                        .push((entry.key.clone(), written, entry.line));
                }
                Ok(value) => {
                    *slot = value.map(|v| {
                        if field == Field::EmploymentType && foreign {
                            employment_type(&v)
                        } else if entry.key == "gs_level" && v.bytes().all(|b| b.is_ascii_digit()) {
                            format!("GS-{v}")
                        } else {
                            v
                        }
                    });
                }
                Err(()) => self.unusable(entry, "text"),
            }
            return;
        }
        match field {
            Field::Slug => self.slug(entry),
            Field::Status | Field::Archived | Field::OpenFlag => {
                self.status(field, entry, foreign);
            }
            Field::Unpublished => self.unpublished(entry),
            Field::Posted | Field::Closes => self.date(field, entry, foreign),
            Field::ApplyUrl => self.apply_url(entry),
            Field::RemoteFlag => match &entry.value {
                Value::Bool(remote) => self.remote = *remote,
                Value::String(s) if matches!(s.trim().to_ascii_lowercase().as_str(), "true" | "yes") => {
                    self.remote = true;
                }
                _ => {}
            },
            Field::Aliases => self.aliases(entry, foreign),
            Field::Salary => self.salary(entry),
            Field::SalaryMin | Field::SalaryMax => self.amount(field, entry),
            Field::WorkFrom
            | Field::VisaSponsorship
            | Field::Relocation
            | Field::Outcome
            | Field::Lang
            | Field::Translations => self.candidate_fact(field, entry),
            Field::Currency => match text(&entry.value) {
                Ok(None) => {}
                Ok(Some(t)) => match currency_of(&t) {
                    Some(c) => self.currency = Some(c),
                    None => self.unusable(entry, "one of GBP, EUR, USD, CAD, INR, AUD, NZD, CHF, SEK, NOK, DKK, PLN, JPY or SGD"),
                },
                Err(()) => self.unusable(entry, "one of GBP, EUR, USD, CAD, INR, AUD, NZD, CHF, SEK, NOK, DKK, PLN, JPY or SGD"),
            },
            _ => {}
        }
    }

    /// The facts a candidate reads besides the job itself (who can apply
    /// from where, what happened, which language): read by
    /// [`super::candidate::read`], a warning when the value cannot be read.
    fn candidate_fact(&mut self, field: Field, entry: &Entry) {
        let texts = match &entry.value {
            Value::Sequence(items) => items.iter().map(text).collect::<Result<Vec<_>, ()>>(),
            value => text(value).map(|t| vec![t]),
        };
        let Ok(texts) = texts else {
            return self.unusable(entry, super::candidate::expected(field));
        };
        let texts: Vec<String> = texts.into_iter().flatten().collect();
        if !super::candidate::read(&mut self.keys, field, &texts) {
            self.unusable(entry, super::candidate::expected(field));
        }
    }

    fn slug(&mut self, entry: &Entry) {
        match text(&entry.value) {
            Ok(value) => self.keys.slug = value,
            Err(()) => {
                let message = format!(
                    "`slug` must be text such as `senior-engineer`; found {}; the file is left out",
                    found(&entry.value)
                );
                self.problem(Severity::Error, Code::FrontMatter, entry.line, message);
            }
        }
    }

    fn status(&mut self, field: Field, entry: &Entry, foreign: bool) {
        if self.status_set || (foreign && self.keys.status.is_some()) {
            return;
        }
        let read = match (field, &entry.value) {
            (_, Value::Null) => return,
            (Field::Archived, Value::Bool(true)) => Some(Status::Closed),
            (Field::Archived, Value::Bool(false)) => return,
            (Field::Archived, Value::String(s)) => match s.trim().to_ascii_lowercase().as_str() {
                "true" | "yes" => Some(Status::Closed),
                "false" | "no" => return,
                _ => None,
            },
            (Field::OpenFlag, Value::Bool(open)) => {
                Some(if *open { Status::Open } else { Status::Closed })
            }
            (Field::OpenFlag, Value::String(s)) => match s.trim().to_ascii_lowercase().as_str() {
                "true" | "yes" => Some(Status::Open),
                "false" | "no" => Some(Status::Closed),
                // `open: 2026-01-05` is no flag: a key careers does not
                // read (with its "did you mean `opens`?"), not a lost file.
                _ => {
                    self.unknown(Entry {
                        key: entry.key.clone(),
                        value: entry.value.clone(),
                        line: entry.line,
                    });
                    return;
                }
            },
            (Field::Status, Value::String(s)) => match s.trim().to_ascii_lowercase().as_str() {
                "open" => Some(Status::Open),
                "closed" => Some(Status::Closed),
                // Other generators' words for the same states.
                "active" | "live" | "hiring" if foreign => Some(Status::Open),
                "expired" | "filled" | "archived" | "inactive" if foreign => Some(Status::Closed),
                "draft" if !foreign => Some(Status::Draft),
                "upcoming" => Some(Status::Upcoming),
                _ => None,
            },
            _ => None,
        };
        match read {
            Some(status) => {
                self.keys.status = Some(status);
                self.status_set = !foreign;
            }
            None => {
                let expected = if matches!(field, Field::Archived | Field::OpenFlag) {
                    "true or false"
                } else if foreign {
                    "one of open, closed, upcoming"
                } else {
                    "one of open, closed, draft, upcoming"
                };
                let message = format!(
                    "`{}` must be {expected}; found {}; the file is left out, as its status is unknown",
                    entry.key,
                    found(&entry.value)
                );
                self.problem(Severity::Error, Code::FrontMatter, entry.line, message);
            }
        }
    }

    /// A generator's "not published" flag makes the role a draft, over any
    /// foreign status (an archived draft is still a draft); our `status` wins.
    fn unpublished(&mut self, entry: &Entry) {
        if self.status_set {
            return;
        }
        let set = match &entry.value {
            Value::Bool(b) => Some(*b),
            Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
                "true" | "yes" => Some(true),
                "false" | "no" => Some(false),
                // `published: 2024-05-01` is a date, not a flag.
                _ if read_date_in(s, self.site.date_order).is_some() => return,
                _ => None,
            },
            Value::Null => return,
            _ => None,
        };
        let Some(set) = set else {
            return self.unusable(entry, "true or false");
        };
        // `published` and `active` say the page is shown when true.
        let shown_when_set = matches!(entry.key.as_str(), "published" | "active");
        if set != shown_when_set {
            self.keys.status = Some(Status::Draft);
        }
    }

    fn date(&mut self, field: Field, entry: &Entry, foreign: bool) {
        let slot = match field {
            Field::Closes => &mut self.keys.closes,
            _ => &mut self.keys.posted,
        };
        if slot.is_some() {
            return;
        }
        let Ok(Some(written)) = text(&entry.value) else {
            if !matches!(entry.value, Value::Null) {
                self.bad_date(field, entry);
            }
            return;
        };
        if let Some(read) = read_date_in(&written, self.site.date_order) {
            *slot = Some(read.date);
            if read.ambiguous && !self.site.date_order_set {
                self.ambiguous_date(entry, &written, read.date);
            }
        } else if is_placeholder(&written) {
            self.placeholder(entry, &written);
        } else if foreign {
            // Another generator's key: its value may be words we cannot
            // read ("when filled"), which must not take the role down.
            self.unusable(entry, "a date such as 2026-11-30 or November 30, 2026");
        } else {
            self.bad_date(field, entry);
        }
    }

    fn ambiguous_date(&mut self, entry: &Entry, written: &str, date: jiff::civil::Date) {
        let message = format!(
            "`{}: {written}` can be read day first or month first; read as {date}",
            entry.key
        );
        self.problems.push(Problem {
            severity: Severity::Warning,
            code: Code::DateAmbiguous,
            line: entry.line,
            col: 1,
            message,
            hint: Some(
                "write the date as 2026-11-30, or set `date_order: day-first` or `month-first` in site.yaml"
                    .into(),
            ),
        });
    }

    fn bad_date(&mut self, field: Field, entry: &Entry) {
        let expected = "a date such as 2026-11-30 or November 30, 2026";
        if field == Field::Closes {
            let message = format!(
                "`closes` must be {expected}; found {}; the file is left out, as candidates cannot tell when it closes",
                found(&entry.value)
            );
            self.problem(Severity::Error, Code::FrontMatter, entry.line, message);
        } else {
            self.unusable(entry, expected);
        }
    }

    fn apply_url(&mut self, entry: &Entry) {
        if self.keys.apply_url.is_some() {
            return;
        }
        match text(&entry.value) {
            Ok(Some(url)) if is_placeholder(&url) => self.placeholder(entry, &url),
            // A bare address is an email link.
            Ok(Some(url)) if is_email(&url) => {
                self.keys.apply_url = Some(Located {
                    value: format!("mailto:{url}"),
                    line: entry.line,
                    key: entry.key.clone(),
                });
            }
            // A foreign key's value must look like an address: `apply: true`
            // is a flag for that generator's template, not a path.
            Ok(Some(url))
                if entry.key != "apply_url" && !(url.contains(':') || url.starts_with('/')) =>
            {
                self.unusable(
                    entry,
                    "a link (https:, http: or mailto:) or an email address",
                );
            }
            Ok(value) => {
                self.keys.apply_url = value.map(|value| Located {
                    value,
                    line: entry.line,
                    key: entry.key.clone(),
                });
            }
            Err(()) => self.unusable(entry, "a link (https:, http: or mailto:)"),
        }
    }

    fn aliases(&mut self, entry: &Entry, foreign: bool) {
        let items: Vec<&Value> = match &entry.value {
            Value::Null => return,
            Value::Sequence(items) => items.iter().collect(),
            other => vec![other],
        };
        for item in items {
            // A bare number is a slip (`aliases: 7`), not a page's address.
            if matches!(item, Value::Number(_)) {
                self.unusable(entry, "a slug or a list of slugs, such as `old-role-name`");
                continue;
            }
            match text(item) {
                Ok(Some(written)) => self.keys.aliases.push(Alias {
                    written,
                    line: entry.line,
                    foreign,
                }),
                Ok(None) => {}
                Err(()) => self.unusable(entry, "a slug or a list of slugs"),
            }
        }
    }

    fn salary(&mut self, entry: &Entry) {
        if matches!(entry.value, Value::Null) || self.keys.salary.is_some() {
            return;
        }
        match serde_yaml::from_value::<SalaryValue>(entry.value.clone()) {
            Ok(value) => {
                self.keys.salary = Some(Located {
                    value,
                    line: entry.line,
                    key: entry.key.clone(),
                });
            }
            Err(_) => {
                self.unusable(
                    entry,
                    "a line such as \"£40,000 - £50,000\" or a list of bands, each with `min` (and `max`, `location`, `note`, `currency`, `period`)",
                );
                if let Some(key) = unreadable_band_key(&entry.value) {
                    let at = self.problems.len() - 1;
                    if let Some(problem) = self.problems.get_mut(at) {
                        problem
                            .message
                            .push_str(&format!(" (its `{key}` cannot be read)"));
                    }
                    self.nested.push((at, entry.line, key));
                }
            }
        }
    }

    fn amount(&mut self, field: Field, entry: &Entry) {
        let written = match &entry.value {
            Value::Null => return,
            Value::Number(n) => n.to_string(),
            other => match text(other) {
                Ok(Some(t)) => t,
                Ok(None) => return,
                Err(()) => return self.unusable(entry, "an amount such as 98,500"),
            },
        };
        if is_placeholder(&written) {
            return self.placeholder(entry, &written);
        }
        // A bare `$` is settled once every key is read: the file's own
        // `currency: CAD` or `USD` says which dollars, else the site does.
        let bare_dollar = written.trim().starts_with('$');
        self.bare_dollar |= bare_dollar;
        let currency = if bare_dollar {
            None
        } else {
            currency_of(&written)
        };
        let digits: String = written
            .trim()
            .trim_start_matches(['$', '£', '€'])
            .trim()
            .chars()
            .filter(|c| *c != ',')
            .collect();
        let amount = digits
            .strip_suffix(".00")
            .unwrap_or(&digits)
            .parse::<u64>()
            .ok()
            .filter(|&a| a > 0);
        let Some(amount) = amount else {
            return self.unusable(entry, "an amount such as 98,500");
        };
        let read = Some((amount, currency, entry.line));
        if field == Field::SalaryMin {
            self.salary_min = self.salary_min.or(read);
        } else {
            self.salary_max = self.salary_max.or(read);
        }
    }

    /// Makes one band of the foreign pay-range keys, when our `salary` is absent.
    fn finish_salary(&mut self) {
        let (min, max) = (self.salary_min.take(), self.salary_max.take());
        let Some(&(_, _, line)) = min.as_ref().or(max.as_ref()) else {
            return;
        };
        if self.keys.salary.is_some() {
            return;
        }
        let dollars = self
            .currency
            .filter(|c| matches!(c, Currency::Usd | Currency::Cad))
            .unwrap_or(self.site.dollar());
        let currency = min
            .and_then(|m| m.1)
            .or(max.and_then(|m| m.1))
            .or(self.bare_dollar.then_some(dollars))
            .or(self.currency)
            .or(self.site.currency);
        let Some(currency) = currency else {
            self.problems.push(Problem {
                severity: Severity::Warning,
                code: Code::FrontMatterValue,
                line,
                col: 1,
                message: "the pay range names no currency; it is left out".into(),
                hint: Some(
                    "write the symbol (`$98,500`), add `currency: USD`, or set `currency` in site.yaml"
                        .into(),
                ),
            });
            return;
        };
        let (low, high) = match (min, max) {
            (Some(m), Some(x)) => (m.0, Some(x.0)),
            (Some(m), None) => (m.0, None),
            (None, Some(x)) => (x.0, Some(x.0)),
            (None, None) => return,
        };
        self.keys.salary = Some(Located {
            value: SalaryValue::Bands(vec![BandValue {
                min: low,
                max: high,
                location: None,
                note: None,
                currency: Some(currency),
                period: None,
            }]),
            line,
            key: "salary_min".into(),
        });
    }
}

/// Whether a value is a bare email address (`jobs@example.org`).
fn is_email(text: &str) -> bool {
    text.split_once('@').is_some_and(|(user, host)| {
        !user.is_empty()
            && !user.contains([':', '/', ' '])
            && host.contains('.')
            && !host.contains(['/', ' ', '@'])
    })
}

/// A scalar as text: strings trimmed (empty means not set), numbers and
/// booleans as written; `Err` for a list or mapping.
fn text(value: &Value) -> Result<Option<String>, ()> {
    match value {
        Value::Null => Ok(None),
        Value::String(s) => {
            let s = s.trim();
            Ok((!s.is_empty()).then(|| s.to_owned()))
        }
        Value::Tagged(tagged) => text(&tagged.value),
        other => scalar_text(other).map(Some).ok_or(()),
    }
}

/// A list of texts (or numbers) as one text, joined by commas; an error for
/// any other item (a mapping, a list).
fn text_list(items: &[Value]) -> Result<Option<String>, ()> {
    let mut texts = Vec::with_capacity(items.len());
    for item in items {
        if let Some(t) = text(item)? {
            texts.push(t);
        }
    }
    Ok((!texts.is_empty()).then(|| texts.join(", ")))
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(s.clone()),
        _ => None,
    }
}

/// What a value is, in words, for messages: "a list", "`maybe`".
pub(crate) fn found(value: &Value) -> String {
    match value {
        Value::Null => "nothing".into(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => {
            let short: String = s.chars().take(60).collect();
            let more = if short.len() < s.len() { "…" } else { "" };
            format!("`{short}{more}`")
        }
        Value::Sequence(_) => "a list".into(),
        Value::Mapping(_) => "a group of `key: value` lines".into(),
        Value::Tagged(t) => found(&t.value),
    }
}

/// A value kept as written, for the metadata of unknown keys.
fn yaml_text(value: &Value) -> String {
    match scalar_text(value) {
        Some(text) => text,
        None => serde_yaml::to_string(value)
            .map(|s| s.trim_end().to_owned())
            .unwrap_or_default(),
    }
}

/// The currency a front matter value names: a code (`CAD`) or the symbol
/// it starts with (`$` is US here; a Canadian site's reading says otherwise).
fn currency_of(text: &str) -> Option<Currency> {
    let t = text.trim();
    Currency::from_code(t).or_else(|| match t.chars().next() {
        Some('$') => Some(Currency::Usd),
        Some('£') => Some(Currency::Gbp),
        Some('€') => Some(Currency::Eur),
        _ => None,
    })
}

/// Job-board shorthand for an appointment, in words a candidate reads.
fn employment_type(written: &str) -> String {
    match written.to_ascii_lowercase().as_str() {
        "perm" | "permanent" => "Permanent".into(),
        "term" => "Fixed term".into(),
        _ => written.to_owned(),
    }
}
