//! The body facts phase: facts stated in the text rather than in front
//! matter, each from a line that says what it is.
//!
//! - A closing date from a labelled line (`Closing date: 4/08/17`,
//!   `### Closing date: CLOSED`, `**Deadline:** 30 June 2026`), read day or
//!   month first as the site says; a value that says "closed" closes the role.
//! - Closed in words: "Applications have closed", "This position has been
//!   filled", "no longer accepting applications".
//! - An employment type from a labelled line (`Employment type: Part-time`,
//!   `Contract: fixed term`, `Hours: full time`), or a line that is nothing
//!   but one (`Full-time, permanent`).
//! - An apply address: the one link or email address of a "How to apply"
//!   section (two different ones are a choice careers does not make).
//!
//! Front matter wins over every one of these; the parser decides that.

use std::borrow::Cow;
use std::sync::LazyLock;

use jiff::civil::Date;

use super::Reader;
use super::blocks::{BlockKind, Body};
use super::phrases::AnyOf;
use super::sections::Outline;
use crate::role::diagnostic::Code;
use crate::role::front_matter::read_date_in;
use crate::role::model::{EmploymentType, SectionKind};

/// What the body says about closing, employment type and applying.
#[derive(Debug, Default, PartialEq)]
pub(super) struct BodyFacts {
    /// A closing date from a labelled line.
    pub(super) closes: Option<Date>,
    /// The text says applications have closed.
    pub(super) closed: bool,
    /// Employment types from a labelled or bare line, as written there.
    pub(super) employment: Option<(String, Vec<EmploymentType>)>,
    /// The one address of a "How to apply" section, with its file offset.
    pub(super) apply: Option<(String, usize)>,
}

/// Labels that introduce a closing date.
const CLOSING_LABELS: &[&str] = &[
    "application deadline",
    "applications close",
    "closing date",
    "close date",
    "closing",
    "closes",
    "deadline",
    "apply by",
    "apply before",
    // Italian, Portuguese, Spanish, German, French, Latvian.
    "scadenza",
    "data di scadenza",
    "scadenza candidature",
    "prazo",
    "prazo de candidatura",
    "fecha límite",
    "bewerbungsschluss",
    "bewerbungsfrist",
    "date limite",
    "date limite de candidature",
    "pieteikšanās termiņš",
];

/// Pieces of the words of closing labels and phrases, in every language
/// read: a line with none of them states no closing (most lines).
const CLOSING_STEMS: &[&str] = &[
    "clos",
    "fill",
    "longer",
    "dead",
    "apply",
    "accepted ",
    "accepting ",
    "are due",
    "s due",
    "until",
    "scadenza",
    "prazo",
    "fecha",
    "bewerbung",
    "limite",
    "termiņš",
];

/// Pieces of the words of every employment type, in every language read
/// (see `EmploymentType::read`): a line with none of them states no type,
/// and most lines hold none.
const EMPLOYMENT_STEMS: &[&str] = &[
    "time",
    "ontract",
    "ermanent",
    "ntern",
    "interim",
    "emp",
    "reelance",
    "easonal",
    "perm",
    "fixed",
    "tempo",
    "zeit",
    "cdi",
    "cdd",
    "slodze",
    "jornada",
    "tiempo",
    "befrist",
    "festan",
    "tirocin",
    "estági",
    "práctic",
    "praktik",
    "integral",
    "período",
    "parcial",
    "vertrag",
    "anstellung",
    // "0.8 FTE": see `full_time_equivalent`.
    "fte",
];

/// Labels that introduce an employment type.
const EMPLOYMENT_LABELS: &[&str] = &[
    "employment type",
    "type of employment",
    "contract type",
    "job type",
    "type of contract",
    "working pattern",
    "position type",
    "appointment type",
    "position",
    "contract length",
    "type of posting",
    "type of appointment",
    "contract",
    "hours",
    "employment",
    "type",
    "contratto",
    "tipo di contratto",
    "tipo de contrato",
    "vertragsart",
    "anstellungsart",
    "type de contrat",
];

/// Sentences that say a role no longer takes applications.
const CLOSED_PHRASES: &[&str] = &[
    "applications have closed",
    "applications are closed",
    "applications are now closed",
    "applications for this role have closed",
    "applications for this position have closed",
    "this role is now closed",
    "this role has closed",
    "this role is closed",
    "this position is now closed",
    "this position is closed",
    "this position has closed",
    "this position has been filled",
    "this role has been filled",
    "this vacancy is now closed",
    "this vacancy has closed",
    "this vacancy is closed",
    "this job is closed",
    "this posting is closed",
    "this posting has closed",
    "no longer accepting applications",
    "we are no longer accepting applications",
    "applications now closed",
    "position filled",
    "role filled",
    "vacancy filled",
    "this vacancy has been filled",
    "this position has now been filled",
    "this role has now been filled",
    "this vacancy has now been filled",
    "applications have now closed",
    "applications for this role have now closed",
    "applications for this position have now closed",
    "applications for this vacancy have now closed",
    "this role has now closed",
    "this position has now closed",
    "this vacancy has now closed",
    "this job has been filled",
    "this job has closed",
    "this job is no longer available",
    "this position is no longer available",
    "this role is no longer available",
    "this position is no longer open",
    "this role is no longer open",
    "the closing date has passed",
];

impl Reader<'_> {
    /// Reads the body's facts; a closing date both orders can read is a
    /// warning when the site did not say the order.
    pub(super) fn body_facts(&mut self, body: &Body<'_>, outline: &Outline) -> BodyFacts {
        let mut facts = BodyFacts::default();
        for block in &body.blocks {
            if matches!(block.kind, BlockKind::Other) {
                continue;
            }
            let raw = &body.fixed[block.range.clone()];
            let mut at = block.range.start;
            for line in raw.split_inclusive('\n') {
                if !may_state_a_fact(line) {
                    at += line.len();
                    continue;
                }
                let plain = plain_text(line);
                // Lowercased only for a line that could still give a fact:
                // a long sentence once the type is known may not.
                let may_type = facts.employment.is_none() && plain.len() <= 120;
                if may_type || may_close(&plain) {
                    let lower = plain.to_lowercase();
                    self.closing_line(&plain, &lower, body.to_file(at), &mut facts);
                    static TYPE_STEMS: LazyLock<AnyOf> =
                        LazyLock::new(|| AnyOf::new(EMPLOYMENT_STEMS));
                    if may_type && TYPE_STEMS.is_in(&lower) {
                        facts.employment = employment_line(&plain);
                    }
                }
                at += line.len();
            }
        }
        facts.apply = apply_address(body, outline);
        facts
    }
}

/// Whether a body line may hold a closing or an employment fact: every one
/// holds a stem of [`CLOSING_STEMS`] or [`EMPLOYMENT_STEMS`] once made plain
/// and lowercase. Made plain, a line loses emphasis, `&nbsp;` and table
/// bars, and lowercased, a non-ASCII capital changes: a line with any of
/// those is read in full; the rest are searched as written, in either case,
/// with no allocation (most lines of a body hold no stem).
fn may_state_a_fact(line: &str) -> bool {
    static FACT_WORDS: LazyLock<AnyOf> =
        LazyLock::new(|| AnyOf::ignoring_case(&[CLOSING_STEMS, EMPLOYMENT_STEMS].concat()));
    line.bytes()
        .any(|b| matches!(b, b'*' | b'_' | b'&' | b'|') || !b.is_ascii())
        || FACT_WORDS.is_in(line)
}

impl Reader<'_> {
    fn closing_line(&mut self, plain: &str, lower: &str, offset: usize, facts: &mut BodyFacts) {
        // Every phrase and label holds one of these; most lines hold none.
        // A closing date holds a figure (its year); without one, only a
        // sentence or value saying "closed" can tell.
        static STEMS: LazyLock<AnyOf> = LazyLock::new(|| AnyOf::new(CLOSING_STEMS));
        if !may_close(plain) || !STEMS.is_in(lower) {
            return;
        }
        if CLOSED_PHRASES.iter().any(|p| lower.contains(p)) {
            facts.closed = true;
        }
        if facts.closes.is_some() {
            return;
        }
        let Some(value) = closing_value(plain) else {
            return;
        };
        let value_lower = value.to_lowercase();
        if value_lower.starts_with("closed") {
            facts.closed = true;
            return;
        }
        let order = self.options.date_order;
        let Some(read) = date_in(value, order) else {
            return;
        };
        facts.closes = Some(read.date);
        if read.ambiguous && !self.options.date_order_set {
            let message = format!(
                "closing date `{value}` can be read day first or month first; read as {}",
                read.date
            );
            self.warn(offset, Code::DateAmbiguous, message).hint = Some(
                "write the date as 30 November 2026, or set `date_order: day-first` or `month-first` in site.yaml"
                    .into(),
            );
        }
    }
}

/// Whether a plain line could hold a closing fact: a closing date holds a
/// figure (its year); without one, only a sentence or value saying "closed",
/// "filled" or "no longer" can tell. (In either case: lowercasing makes no
/// ASCII letter of another letter.)
fn may_close(plain: &str) -> bool {
    static CLOSED_WORDS: LazyLock<AnyOf> =
        LazyLock::new(|| AnyOf::ignoring_case(&["clos", "fill", "longer"]));
    plain.bytes().any(|b| b.is_ascii_digit()) || CLOSED_WORDS.is_in(plain)
}

/// A line without Markdown's heading marks, list bullets, emphasis or
/// quote marks, trimmed.
pub(super) fn plain_line(line: &str) -> String {
    plain_text(line).into_owned()
}

/// [`plain_line`], borrowed from `line` when nothing in it is replaced.
fn plain_text(line: &str) -> Cow<'_, str> {
    // A Markdown table row of two cells (`| Closing date | 3 May 2019 |`)
    // is a labelled line.
    if let Some(row) = line.trim().strip_prefix('|') {
        let cells: Vec<&str> = row
            .trim_end()
            .trim_end_matches('|')
            .split('|')
            .map(str::trim)
            .collect();
        if let [key, value] = cells.as_slice()
            && !key.is_empty()
            && !key.starts_with(['-', ':'])
        {
            return Cow::Owned(plain_line(&format!("{key}: {value}")));
        }
    }
    let t = line.trim().trim_start_matches(['#', '>', ' ']);
    let t = t
        .strip_prefix("- ")
        .or_else(|| t.strip_prefix("* "))
        .or_else(|| t.strip_prefix("+ "))
        .unwrap_or(t);
    // Each replacement in turn, as written, and only where it has something
    // to replace (a replacement always allocates).
    let mut plain = Cow::Borrowed(t);
    for (from, to) in [("**", ""), ("__", ""), ("&nbsp;", " ")] {
        if plain.contains(from) {
            plain = plain.replace(from, to).into();
        }
    }
    match plain {
        Cow::Borrowed(t) => Cow::Borrowed(t.trim()),
        Cow::Owned(t) => Cow::Owned(t.trim().to_owned()),
    }
}

/// The value after one of `labels` at the start of a line, followed by `:`
/// (or a dash); `None` when the line does not start with a label.
pub(super) fn labelled<'l>(plain: &'l str, labels: &[&str]) -> Option<&'l str> {
    let lower = plain.to_lowercase();
    labels.iter().find_map(|label| {
        let rest = lower.strip_prefix(label)?;
        let skip = plain.len() - rest.len();
        let after = plain.get(skip..)?.trim_start();
        let value = after
            .strip_prefix(':')
            .or_else(|| after.strip_prefix('-'))
            .or_else(|| after.strip_prefix('–'))?;
        let value = value.trim().trim_end_matches(['.', '*', '_']).trim();
        (!value.is_empty()).then_some(value)
    })
}

/// The value of a closing line: after a closing label and a colon
/// (`Closing date: ...`), after a longer label that holds one
/// (`Closing date for applications: ...`, `Deadline for applications: ...`),
/// or after a label that reads on into its date with no colon
/// (`Apply by 15 January 2027`, `Applications close on 15 January 2027`).
fn closing_value(plain: &str) -> Option<&str> {
    if let Some(value) = labelled(plain, CLOSING_LABELS) {
        return Some(value);
    }
    // A label of a few words before a colon that holds a closing phrase.
    if let Some((label, value)) = plain.split_once(':') {
        let label = label.trim().to_lowercase();
        let words = label.split_whitespace().count();
        let value = value.trim().trim_end_matches(['.', '*', '_']).trim();
        let other_date = ["interview", "start", "shortlist", "offer"]
            .iter()
            .any(|w| label.contains(w));
        if words <= 6
            && LONG_LABEL_PHRASES.iter().any(|p| label.contains(p))
            && !other_date
            && !value.is_empty()
        {
            return Some(value);
        }
    }
    // A label read on into its value: only worth a date (see `date_in`).
    // ASCII lowercasing keeps byte offsets, so an offset in `lower` is one
    // in `plain` (the phrases are ASCII).
    let lower = plain.to_ascii_lowercase();
    RUN_ON_LABELS
        .iter()
        .find_map(|label| {
            let rest = lower.strip_prefix(label)?;
            let value = plain.get(plain.len() - rest.len()..)?.trim();
            let value = value.strip_prefix("on ").unwrap_or(value);
            (!value.is_empty()).then_some(value)
        })
        .or_else(|| {
            // "The deadline to apply is January 31, 2020.": a phrase in a
            // sentence, with the date right after it.
            CLOSING_IN_SENTENCE.iter().find_map(|phrase| {
                let at = lower.find(phrase)? + phrase.len();
                let value = plain.get(at..)?.trim().trim_end_matches(['.', ';']);
                let value = value.strip_prefix("on ").unwrap_or(value);
                (!value.is_empty()).then_some(value)
            })
        })
}

/// Phrases in a sentence that a closing date follows ("Applications will
/// be accepted through March 15, 2021"); the second look warns about a
/// date beside one that the reading did not take.
pub(super) const CLOSING_IN_SENTENCE: &[&str] = &[
    "deadline to apply is ",
    "deadline for applications is ",
    "the deadline is ",
    "accepted through ",
    "accepted until ",
    "applications are due by ",
    "applications are due ",
    "applications due by ",
    "apply by ",
    "apply before ",
    "closes on ",
    "close on ",
    "rolling basis until ",
    "accepting applications until ",
    "applications must be received by ",
    "submit your application by ",
];

/// Phrases that make a longer label before a colon a closing label.
const LONG_LABEL_PHRASES: &[&str] = &["closing date", "deadline", "applications close"];

/// Labels a date may follow with no colon: `Apply by 15 January 2027`.
const RUN_ON_LABELS: &[&str] = &[
    "apply by ",
    "apply before ",
    "applications close ",
    "the closing date is ",
    "closing date is ",
    "applications must be received by ",
];

/// A date at the start of a closing line's value: the whole value, else its
/// first words ("4/08/17 at 23:55", "Friday 14 May 2027, midnight"), after
/// any time and weekday before it ("12 noon, Friday 15 January 2027",
/// "23:59 on 15 January 2027").
fn date_in(
    value: &str,
    order: crate::role::model::DateOrder,
) -> Option<crate::role::front_matter::NumericDate> {
    let words: Vec<&str> = value
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let mut start = 0;
    while let Some(word) = words.get(start) {
        // `12 noon`, `5 pm`: an hour is a time only before such a word.
        let hour_before_time = word.len() <= 2
            && word.bytes().all(|b| b.is_ascii_digit())
            && words.get(start + 1).is_some_and(|next| {
                let next = next.to_ascii_lowercase();
                matches!(next.as_str(), "noon" | "midday" | "midnight" | "am" | "pm")
            });
        if !(is_time_word(word) || hour_before_time) {
            break;
        }
        start += 1;
    }
    let rest = words.get(start..).unwrap_or_default();
    // Up to six words: "15 de janeiro de 2027".
    (1..=rest.len().min(6))
        .rev()
        .find_map(|n| read_date_in(&rest[..n].join(" "), order))
}

/// A word that says when in the day, or which day of the week, before a
/// date: `Friday`, `12`, `noon`, `23:59`, `5pm`, `at`, `on`.
fn is_time_word(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    let w = w.trim_matches(|c: char| matches!(c, '(' | ')' | '.'));
    if is_weekday(w) || matches!(w, "at" | "on" | "by" | "noon" | "midday" | "midnight") {
        return true;
    }
    // A time: `5pm`, `11.59pm`, `23:59`, `9am` (an hour alone is one only
    // before a word such as `noon`: see `date_in`).
    let digits = w.trim_end_matches("am").trim_end_matches("pm");
    let clock = digits
        .split_once([':', '.'])
        .is_some_and(|(hour, minutes)| {
            (1..=2).contains(&hour.len())
                && minutes.len() == 2
                && hour
                    .bytes()
                    .chain(minutes.bytes())
                    .all(|b| b.is_ascii_digit())
        });
    let hour_with_meridiem = digits.len() < w.len()
        && !digits.is_empty()
        && digits.len() <= 2
        && digits.bytes().all(|b| b.is_ascii_digit());
    clock || hour_with_meridiem
}

fn is_weekday(word: &str) -> bool {
    const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let w = word.to_ascii_lowercase();
    w.len() >= 3 && DAYS.iter().any(|d| w.starts_with(d))
}

/// An employment type from a labelled line, or a line that is nothing but
/// employment types ("Full-time, permanent").
fn employment_line(plain: &str) -> Option<(String, Vec<EmploymentType>)> {
    if let Some(value) = labelled(plain, EMPLOYMENT_LABELS) {
        let types = EmploymentType::read(value);
        if types.is_empty() {
            return full_time_equivalent(value);
        }
        return Some((value.to_owned(), types));
    }
    if plain.len() <= 60 && EmploymentType::only_types(plain) {
        let types = EmploymentType::read(plain);
        return (!types.is_empty()).then(|| (plain.to_owned(), types));
    }
    if let Some(found) = employment_in_sentence(plain) {
        return Some(found);
    }
    // "Full time, 37.5 hours per week", "Full Time | Remote | Engineering":
    // a short line that starts with nothing but types.
    if plain.len() <= 60
        && let Some(first) = plain.split([',', '|', '/', '·', '•', ';']).next()
        && first.len() < plain.len()
        && EmploymentType::only_types(first)
    {
        let types = EmploymentType::read(first);
        return (!types.is_empty()).then(|| (first.trim().to_owned(), types));
    }
    full_time_equivalent(plain)
}

/// Hours stated as a share of full time, a public-sector habit: `1.0 FTE`
/// or `100% FTE` is full time, `0.6 FTE` or `60% FTE` part time. A figure
/// past one whole (`a team of 40 FTE`) is a headcount, not this role's
/// hours, and states nothing.
fn full_time_equivalent(plain: &str) -> Option<(String, Vec<EmploymentType>)> {
    let words: Vec<&str> = plain
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | ';'))
        .map(|w| w.trim_end_matches(['.', ':', '!']))
        .filter(|w| !w.is_empty())
        .collect();
    let at = words.iter().position(|w| w.eq_ignore_ascii_case("fte"))?;
    let figure = at.checked_sub(1).and_then(|i| words.get(i))?;
    let share = match figure.strip_suffix('%') {
        Some(percent) => percent.parse::<f64>().ok()? / 100.0,
        None => figure.parse::<f64>().ok()?,
    };
    let kind = if share > 0.0 && share < 1.0 {
        EmploymentType::PartTime
    } else if (share - 1.0).abs() < f64::EPSILON {
        EmploymentType::FullTime
    } else {
        return None;
    };
    Some((format!("{figure} FTE"), vec![kind]))
}

/// Words that make the role the subject of a sentence: the types named
/// right after them are the role's ("This is a full-time, permanent
/// position", "This role is part-time").
const ROLE_SUBJECTS: &[&str] = &[
    "this is a ",
    "this is an ",
    "this role is ",
    "this role is a ",
    "this position is ",
    "this position is a ",
    "the role is ",
    "the role is a ",
    "the position is ",
    "the position is a ",
    "this job is ",
    "this job is a ",
    "it's a ",
    "it’s a ",
    "it is a ",
    "we are hiring a ",
    "we're hiring a ",
    "we’re hiring a ",
    "we are looking for a ",
    "we're looking for a ",
    "we’re looking for a ",
];

/// The types a sentence names right after it makes the role its subject;
/// shown as the types' own words ("Full-time, Permanent").
fn employment_in_sentence(plain: &str) -> Option<(String, Vec<EmploymentType>)> {
    let lower = plain.to_lowercase();
    ROLE_SUBJECTS.iter().find_map(|subject| {
        let at = lower.find(subject)?;
        // The phrase starts the line or a sentence.
        let before = lower[..at].trim_end();
        if !(before.is_empty() || before.ends_with(['.', '!', '?', ':'])) {
            return None;
        }
        let after = &lower[at + subject.len()..];
        // Types right after the subject, after any length ("a 6-month
        // contract"): "a role in our full-time team" is about the team.
        let words: Vec<&str> = after
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .skip_while(|w| {
                w.bytes().all(|b| b.is_ascii_digit())
                    || matches!(*w, "month" | "months" | "year" | "years" | "week" | "weeks")
            })
            .take(6)
            .collect();
        let leading = (1..=words.len())
            .rev()
            .map(|n| words[..n].join(" "))
            .find(|w| EmploymentType::only_types(w))?;
        let types = EmploymentType::read(&leading);
        (!types.is_empty()).then(|| {
            let shown = types
                .iter()
                .map(|t| t.label())
                .collect::<Vec<_>>()
                .join(", ");
            (shown, types)
        })
    })
}

/// The sentence of `line` (start and end offsets in `text`) that holds
/// offset `at`: from after the last `. `, `! ` or `? ` before it to the
/// next one after it (the dots inside an address are not followed by a
/// space).
fn sentence_around(
    text: &str,
    (line_start, line_end): (usize, usize),
    at: usize,
) -> (usize, usize) {
    let ends = |w: &[u8]| matches!(w, [b'.' | b'!' | b'?', b' ']);
    let bytes = text.as_bytes();
    let from = bytes[line_start..at]
        .windows(2)
        .rposition(ends)
        .map_or(line_start, |p| line_start + p + 2);
    let to = bytes[at..line_end]
        .windows(2)
        .position(ends)
        .map_or(line_end, |p| at + p + 1);
    (from, to)
}

/// The one link or email address in the "How to apply" sections; when there
/// are several, the one every link saying "apply" gives, else the one every
/// line saying "apply" gives; without any, the one the rest of the body
/// plainly gives for applying; none otherwise.
fn apply_address(body: &Body<'_>, outline: &Outline) -> Option<(String, usize)> {
    let in_sections: Vec<Found> = outline
        .parts()
        .filter(|(_, section)| section.kind == SectionKind::Applying)
        .flat_map(|(draft, _)| scored_addresses(body, draft.body_range(body)))
        .collect();
    from_applying_sections(&in_sections).or_else(|| from_anywhere(body))
}

/// In the How to apply sections: every address when each is for applying,
/// else the one the links saying "apply" give, else the one the sentences
/// saying "apply" give.
fn from_applying_sections(found: &[Found]) -> Option<(String, usize)> {
    found
        .iter()
        .all(|f| f.for_applying)
        .then(|| the_one(found.iter()))
        .flatten()
        .or_else(|| the_one(found.iter().filter(|f| f.strength == 2)))
        .or_else(|| the_one(found.iter().filter(|f| f.strength >= 1)))
}

/// Anywhere in the body, when no applying section gave one: the one
/// address that links saying "apply" give (`[Apply here](...)`), else that
/// sentences saying how to apply give, else the one link to an applicant
/// tracking system, else, when the role asks for a CV with no address
/// beside it, its one email address (a contact in its facts).
fn from_anywhere(body: &Body<'_>) -> Option<(String, usize)> {
    let found = scored_addresses(body, 0..body.fixed.len());
    let tracking = |f: &&Found| crate::role::url::is_applicant_tracking(&f.address);
    the_one(found.iter().filter(|f| f.strength == 2))
        .or_else(|| the_one(found.iter().filter(|f| f.to_apply)))
        .or_else(|| the_one(found.iter().filter(tracking)))
        .or_else(|| {
            the_one(found.iter().filter(|f| f.address.starts_with("mailto:")))
                .filter(|_| asks_for_an_application(&body.fixed))
        })
}

/// The address, and where it first stands, when every one of `found` is
/// the same address; none for no address or two different ones (no choice
/// careers makes).
fn the_one<'f>(mut found: impl Iterator<Item = &'f Found>) -> Option<(String, usize)> {
    let first = found.next()?;
    found
        .all(|f| f.address == first.address)
        .then(|| (first.address.clone(), first.offset))
}

/// Whether the text asks the candidate to send an application (`send us
/// your CV`, `submit your résumé`).
fn asks_for_an_application(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.split(['.', '!', '?', '\n']).any(|sentence| {
        (sentence.contains("send") || sentence.contains("submit"))
            && ["cv", "resume", "résumé", "application"]
                .iter()
                .any(|w| crate::role::salary::find_word(sentence, w).is_some())
    })
}

/// An address found in the body, and how plainly it is for applying.
struct Found {
    address: String,
    /// File offset of the address.
    offset: usize,
    /// 2 when its link's own words say "apply", 1 when its sentence does,
    /// else 0.
    strength: u8,
    /// Its sentence speaks of applying at all (a CV, a form, a careers
    /// site): a link to guidance on interviews is no apply address.
    for_applying: bool,
    /// Its sentence tells how to apply ("To apply, visit ...", "apply
    /// online at ..."), not merely uses the word.
    to_apply: bool,
}

/// Every address in `range` of the body, scored.
fn scored_addresses(body: &Body<'_>, range: std::ops::Range<usize>) -> Vec<Found> {
    let text = &body.fixed[range.clone()];
    let mut found = Vec::new();
    for (at, address) in addresses(text) {
        let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
        let line_end = text[at..].find('\n').map_or(text.len(), |n| at + n);
        // A link whose own words say "apply" (`[Apply here](...)`) speaks
        // for it; otherwise the words of its sentence do ("For questions,
        // hr@... . Apply at https://..." gives the link).
        let link_words = text[line_start..at]
            .strip_suffix("](")
            .and_then(|before| before.rfind('[').map(|open| &before[open..]));
        let link_says = link_words.is_some_and(|w| w.to_lowercase().contains("apply"));
        let (from, to) = sentence_around(text, (line_start, line_end), at);
        let sentence = text[from..to].to_lowercase();
        let says_apply = link_says || sentence.contains("apply");
        found.push(Found {
            address,
            offset: body.to_file(range.start + at),
            strength: u8::from(says_apply) + u8::from(link_says),
            for_applying: says_apply || APPLYING_WORDS.iter().any(|w| sentence.contains(w)),
            to_apply: HOW_TO_APPLY.iter().any(|p| sentence.contains(p)),
        });
    }
    found
}

/// Phrases of a sentence that tells how to apply (not "applying for
/// benefits"); the second look warns about an address beside one that the
/// reading did not take.
pub(super) const HOW_TO_APPLY: &[&str] = &[
    "to apply",
    "apply here",
    "apply at",
    "apply via",
    "apply through",
    "apply online",
    "apply now",
    "apply by email",
    "apply by sending",
    "send your cv",
    "send your resume",
    "send your résumé",
    "send us your",
    "applications to",
    "application form",
];

/// Words of a sentence (its address included) about sending an
/// application, besides "apply".
const APPLYING_WORDS: &[&str] = &[
    "applic", "cv", "résumé", "resume", "submit", "send", "careers", "jobs", "recruit", "vacanc",
];

/// Links (`](https://...)`, `<https://...>`, bare `https://...`) and email
/// addresses in a stretch of Markdown, with their offsets.
fn addresses(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let stop = |c: char| c.is_whitespace() || matches!(c, ')' | '>' | ']' | '"' | '<' | '\'');
    let bytes = text.as_bytes();
    let mut i = 0;
    // Every address holds a `:` (after its scheme) or an `@`: jump from one
    // to the next rather than test every character (this runs over whole
    // bodies).
    while let Some(p) = bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|&b| b == b':' || b == b'@'))
    {
        let at = i + p;
        if bytes[at] == b':' {
            let scheme = ["https", "http", "mailto"].iter().find(|scheme| {
                at >= scheme.len()
                    && bytes[at - scheme.len()..at].eq_ignore_ascii_case(scheme.as_bytes())
                    && (**scheme == "mailto" || bytes[at..].starts_with(b"://"))
            });
            let Some(scheme) = scheme else {
                i = at + 1;
                continue;
            };
            let start = at - scheme.len();
            let rest = &text[start..];
            let end = rest.find(stop).unwrap_or(rest.len());
            let url = rest[..end].trim_end_matches(['.', ',', ';']);
            out.push((start, url.to_owned()));
            i = start + end.max(1);
            continue;
        }
        // After the stop character before the `@`, which may be wider than
        // one byte (a thin space).
        let before = text[..at]
            .char_indices()
            .rfind(|&(_, c)| stop(c))
            .map_or(0, |(p, c)| p + c.len_utf8());
        let end = text[at..].find(stop).map_or(text.len(), |e| at + e);
        let address = text[before..end].trim_matches(['.', ',', ';', '(', '[', '*', '_']);
        let is_email = address.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty() && !user.contains(':') && host.contains('.') && !host.starts_with('.')
        });
        if is_email && !text[before..at].contains(':') {
            out.push((before, format!("mailto:{address}")));
        }
        i = end.max(at + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;
    use test_case::test_case;

    use super::*;
    use crate::role::model::Status;
    use crate::role::parse::test_support::{read, role};

    #[test]
    fn every_employment_word_holds_a_stem_the_line_filter_looks_for() {
        for word in EmploymentType::every_word() {
            assert!(
                EMPLOYMENT_STEMS.iter().any(|stem| word.contains(stem)),
                "{word}"
            );
        }
    }

    #[test_case("## Closing date: 3 May 2026\n", "Closing date: 3 May 2026", false)]
    #[test_case("  - Full time, 37.5 hours\n", "Full time, 37.5 hours", false)]
    #[test_case("> * **Closes:** 3 May", "Closes: 3 May", true)]
    #[test_case("| Closing date | 3 May 2026 |", "Closing date: 3 May 2026", true)]
    #[test_case("| a | b | c |", "| a | b | c |", false)]
    #[test_case("Salary&nbsp;band: __£40,000__", "Salary band: £40,000", true)]
    #[test_case("A *gentle* start", "A *gentle* start", false)]
    #[test_case("", "", false)]
    fn a_plain_line_is_copied_only_when_something_is_replaced(
        line: &str,
        plain: &str,
        copied: bool,
    ) {
        let made = plain_text(line);
        assert_eq!(made, plain);
        assert_eq!(matches!(made, Cow::Owned(_)), copied);
    }

    #[test_case("Applications close on Friday", true)]
    #[test_case("This role has been FILLED", true)]
    #[test_case("Apply by 3 May", true ; "a figure")]
    #[test_case("We are no longer hiring", true)]
    #[test_case("Apply through our site", false)]
    fn only_a_line_with_a_figure_or_a_closing_word_may_close(plain: &str, may: bool) {
        assert_eq!(may_close(plain), may);
    }

    #[test_case("CLOSING DATE: 3 May 2026", true ; "a stem in capitals")]
    #[test_case("- This is a Full-Time role", true ; "an employment stem")]
    #[test_case("Applications are&nbsp;due by Friday", true ; "read in full: an entity")]
    #[test_case("Applications are **due** Friday", true ; "read in full: emphasis")]
    #[test_case("PER\u{cd}ODO INTEGRAL", true ; "read in full: a non-ASCII capital")]
    #[test_case("- Write clear, tested code", false ; "no stem")]
    #[test_case("Salary: 40,000 GBP", false ; "a label with no stem")]
    fn a_line_may_state_a_fact_only_with_a_stem(line: &str, may: bool) {
        assert_eq!(may_state_a_fact(line), may);
    }

    #[test_case("Closing date: 4/08/17", Some("4/08/17"))]
    #[test_case("Closes - 30 June 2026", Some("30 June 2026"))]
    #[test_case("Deadline:", None)]
    #[test_case("Closing the gap", None)]
    fn finds_labelled_values(line: &str, expected: Option<&str>) {
        assert_eq!(labelled(line, CLOSING_LABELS), expected);
    }

    #[test_case("Closing date for applications: 15 January 2027"; "a longer label")]
    #[test_case("Deadline for applications: 15/01/2027"; "a longer deadline label")]
    #[test_case("Closing date: 12 noon, Friday 15 January 2027"; "a time and a weekday first")]
    #[test_case("Closing date: 23:59 on 15 January 2027"; "a clock time first")]
    #[test_case("Closing date: 5pm on Friday 15 January 2027"; "an hour with pm first")]
    #[test_case("Apply by 15 January 2027"; "a label that reads on")]
    #[test_case("Applications close on 15 January 2027."; "applications close on")]
    #[test_case("Closing date: 15.01.27"; "points between day, month and year")]
    #[test_case("Scadenza: 15 gennaio 2027"; "italian")]
    #[test_case("**Prazo de candidatura:** 15 de janeiro de 2027"; "portuguese")]
    #[test_case("Bewerbungsschluss: 15. Januar 2027"; "german")]
    #[test_case("The deadline to apply is January 15, 2027."; "a deadline in a sentence")]
    #[test_case("Applications will be accepted through January 15, 2027."; "accepted through")]
    #[test_case("This posting closes on 2027-01-15."; "closes on in a sentence")]
    #[test_case("| Closing date | 15 January 2027 |"; "a markdown table row")]
    #[test_case("Applications are due by January 15, 2027."; "due by")]
    #[test_case("Please apply by 15 January 2027 at 23:59."; "apply by in a sentence")]
    #[test_case("We review applications on a rolling basis until 15 January 2027."; "rolling basis until")]
    fn reads_closing_dates_in_the_shapes_postings_write(line: &str) {
        let r = role("x.md", &format!("# Baker\n\nWe bake.\n\n{line}\n"));
        assert_eq!(r.meta.closes, Some(date(2027, 1, 15)), "{line}");
    }

    #[test_case("Apply by sending your CV"; "no date after a run-on label")]
    #[test_case("Interview date: 15 January 2027"; "not a closing label")]
    #[test_case("Interview deadline: 15 January 2027"; "another deadline")]
    #[test_case("Closing the gap: 15 January 2027 plans"; "closing alone is not a long label")]
    fn reads_no_closing_date_from_other_lines(line: &str) {
        let r = role("x.md", &format!("# Baker\n\nWe bake.\n\n{line}\n"));
        assert_eq!(r.meta.closes, None, "{line}");
    }

    #[test_case("This is a full-time, permanent position based in Leeds.", Some("Full-time, Permanent"); "a sentence about the role")]
    #[test_case("Full time, 37.5 hours per week", Some("Full time"); "a line that starts with a type")]
    #[test_case("**Full Time** | Remote | Engineering", Some("Full Time"); "cells")]
    #[test_case("Position: Full-time / Remote", Some("Full-time / Remote"); "a position label")]
    #[test_case("This is a 6-month contract role.", Some("Contract"); "a contract")]
    #[test_case("This role is full-time and remote.", Some("Full-time"); "the role is")]
    #[test_case("We are hiring a part-time designer (3 days a week).", Some("Part-time"); "hiring a")]
    #[test_case("This is a team of full-time bakers.", None; "a type that is not right after the subject")]
    #[test_case("Our clients are full-time parents.", None; "a type about someone else")]
    #[test_case("Permanent staff get a bonus.", None; "a type at the start of a sentence about something else")]
    fn an_employment_type_stated_in_the_body(line: &str, expected: Option<&str>) {
        let r = role("x.md", &format!("# Baker\n\nWe bake.\n\n{line}\n"));
        assert_eq!(r.meta.employment_type.as_deref(), expected, "{line}");
    }

    #[test]
    fn a_closing_line_in_the_body_gives_the_date_day_first_with_a_warning() {
        let p = read("x.md", "# Baker\n\nWe bake.\n\n**Closing date:** 4/08/17\n");
        let r = p.role.expect("loads");
        assert_eq!(r.meta.closes, Some(date(2017, 8, 4)));
        let d: Vec<_> = p
            .diagnostics
            .iter()
            .map(|d| (d.code.as_str(), d.line))
            .collect();
        assert_eq!(d, [("date-ambiguous", 5)]);
    }

    #[test]
    fn a_closing_heading_that_says_closed_closes_the_role() {
        let r = role("x.md", "# Baker\n\nWe bake.\n\n### Closing date: CLOSED\n");
        assert_eq!(r.status, Status::Closed);
    }

    #[test]
    fn words_that_say_applications_closed_close_the_role() {
        let r = role(
            "x.md",
            "# Baker\n\n*Applications have closed for this role.*\n\nWe bake.\n",
        );
        assert_eq!(r.status, Status::Closed);
    }

    #[test]
    fn front_matter_status_wins_over_the_body() {
        let r = role(
            "x.md",
            "---\nstatus: open\n---\n# Baker\n\nApplications have closed.\n",
        );
        assert_eq!(r.status, Status::Open);
    }

    #[test]
    fn the_address_in_the_sentence_that_says_apply_is_the_apply_address() {
        let text = "# Baker\n\nWe bake.\n\n## How to apply\n\nFor questions contact hr@example.org. Apply at https://jobs.example.org/baker.\n";
        let r = role("x.md", text);
        assert_eq!(
            r.meta.apply_url.as_deref(),
            Some("https://jobs.example.org/baker")
        );
        let both = "# Baker\n\nWe bake.\n\n## How to apply\n\nApply at https://jobs.example.org/baker or hr@example.org.\n";
        assert_eq!(
            role("x.md", both).meta.apply_url,
            None,
            "two in one sentence: neither"
        );
    }

    #[test_case("Position filled."; "position filled")]
    #[test_case("**Update:** this vacancy has now been filled, thank you."; "now filled")]
    #[test_case("Applications now closed"; "now closed")]
    fn a_role_said_to_be_filled_or_closed_is_closed(line: &str) {
        let r = role("x.md", &format!("# Baker\n\nWe bake.\n\n{line}\n\nMore.\n"));
        assert_eq!(r.status, Status::Closed, "{line}");
    }

    #[test]
    fn a_history_date_is_no_closing_date() {
        let r = role(
            "x.md",
            "# Baker\n\nWe opened on 4/08/17 and closed the old bakery in 2019.\n",
        );
        assert_eq!((r.meta.closes, r.status), (None, Status::Open));
    }

    #[test_case("Hours: 0.6 FTE (3 days a week)", &[EmploymentType::PartTime])]
    #[test_case("This post is 1.0 FTE.", &[EmploymentType::FullTime])]
    #[test_case("- 80% FTE", &[EmploymentType::PartTime])]
    #[test_case("Employment type: Part-time", &[EmploymentType::PartTime])]
    #[test_case("- **Contract:** Fixed term, 12 months", &[EmploymentType::FixedTerm])]
    #[test_case("Full-time, permanent", &[EmploymentType::FullTime, EmploymentType::Permanent])]
    #[test_case("This is a full-time, permanent position.", &[EmploymentType::FullTime, EmploymentType::Permanent])]
    #[test_case("We are a team of 40 FTE across three bakeries", &[])]
    #[test_case("Hours: 1.5 FTE", &[])]
    #[test_case("Afterwards we bake.", &[])]
    #[test_case("This is a role in our full-time team of bakers", &[])]
    #[test_case("We are a full-time team of bakers who love bread", &[])]
    fn reads_employment_from_a_line(line: &str, expected: &[EmploymentType]) {
        let got = employment_line(&plain_line(line))
            .map(|(_, t)| t)
            .unwrap_or_default();
        assert_eq!(got, expected);
    }

    #[test]
    fn the_one_address_of_how_to_apply_is_the_apply_link() {
        let r = role(
            "x.md",
            "# Baker\n\nWe bake.\n\n## How to apply\n\nSend your CV to jobs@bakery.example.\n",
        );
        assert_eq!(
            r.meta.apply_url.as_deref(),
            Some("mailto:jobs@bakery.example")
        );
        let r = role(
            "x.md",
            "# Baker\n\nWe bake.\n\n## How to apply\n\nUse [our form](https://apply.example/baker).\n",
        );
        assert_eq!(
            r.meta.apply_url.as_deref(),
            Some("https://apply.example/baker")
        );
    }

    #[test]
    fn a_lone_link_about_something_else_is_no_apply_address() {
        let r = role(
            "x.md",
            "# Baker\n\nWe bake.\n\n## How to apply\n\nInterviews follow the [Success Profiles](https://gov.example/profiles) framework.\n",
        );
        assert_eq!(r.meta.apply_url, None);
        let r = role(
            "x.md",
            "# Baker\n\nWe bake.\n\n## Application process\n\nThere is a sift. Send your CV to jobs@bakery.example.\n",
        );
        assert_eq!(
            r.meta.apply_url.as_deref(),
            Some("mailto:jobs@bakery.example")
        );
    }

    #[test]
    fn among_several_addresses_the_one_the_apply_lines_give_is_taken() {
        let r = role(
            "x.md",
            "# Baker\n\nWe bake.\n\n## How to apply\n\n1. You [apply here](https://a.example/x).\n2. Questions? Email b@c.example.\n\n[Apply now](https://a.example/x)\n",
        );
        assert_eq!(r.meta.apply_url.as_deref(), Some("https://a.example/x"));
    }

    #[test_case("## About\n\nWe bake.\n\n**[Click here to apply](https://jobs.example/baker)**\n", Some("https://jobs.example/baker"); "a link saying apply")]
    #[test_case("## About\n\nWe bake. To apply, send your CV to jobs@bakery.example.\n", Some("mailto:jobs@bakery.example"); "a sentence saying to apply")]
    #[test_case("## About\n\nWe bake.\n\n## Role\n\nSee https://acme.applytojob.com/apply/x for details.\n", Some("https://acme.applytojob.com/apply/x"); "a link to an applicant tracking system")]
    #[test_case("## About\n\nWe apply our craft daily: see https://blog.example/bread.\n", None; "apply used of something else")]
    #[test_case("## Offer\n\nPlease send us a few lines along with your CV.\n\n## More\n\n<table><tr><th>Contact email</th><td><a href=\"mailto:ann@bakery.example\">ann@bakery.example</a></td></tr></table>\n", Some("mailto:ann@bakery.example"); "a request for a cv and the one email address")]
    #[test_case("## Offer\n\nQuestions? Write to ann@bakery.example.\n", None; "an email address with no request for a cv")]
    #[test_case("## About\n\n[Apply in London](https://a.example/l) or [apply in Leeds](https://a.example/y).\n", None; "two apply links are no choice to make")]
    fn outside_an_applying_section_only_a_plain_apply_address_is_taken(
        sections: &str,
        expected: Option<&str>,
    ) {
        let r = role("x.md", &format!("# Baker\n\nWe bake.\n\n{sections}"));
        assert_eq!(r.meta.apply_url.as_deref(), expected);
    }

    #[test]
    fn two_addresses_in_how_to_apply_are_no_choice_for_careers_to_make() {
        let r = role(
            "x.md",
            "# Baker\n\nWe bake.\n\n## How to apply\n\nApply at https://a.example/x or ask b@c.example.\n",
        );
        assert_eq!(r.meta.apply_url, None);
    }
}

/// Front matter in each format a site generator writes, read by one set of rules.
#[cfg(test)]
mod front_matter_forms {
    use jiff::civil::date;
    use test_case::test_case;

    use crate::role::model::Status;
    use crate::role::parse::test_support::{read, role};

    #[test]
    fn toml_between_plus_lines_is_front_matter() {
        let text = "+++\ntitle = \"Head Baker\"\nexpiryDate = 2026-03-01T00:00:00Z\ndraft = false\n+++\nWe bake.\n";
        let r = role("x.md", text);
        assert_eq!(r.title, "Head Baker");
        assert_eq!(r.meta.closes, Some(date(2026, 3, 1)));
        assert_eq!(r.summary_text, "We bake.");
    }

    #[test]
    fn json_at_the_top_is_front_matter() {
        let text =
            "{\n  \"title\": \"Pastry Chef\",\n  \"deadline\": \"2026-05-01\"\n}\nWe bake.\n";
        let r = role("x.md", text);
        assert_eq!(r.title, "Pastry Chef");
        assert_eq!(r.meta.closes, Some(date(2026, 5, 1)));
        assert!(!r.summary_text.contains('{'), "{}", r.summary_text);
    }

    #[test]
    fn a_fence_with_trailing_spaces_still_opens_front_matter() {
        let r = role("x.md", "--- \t\ntitle: Miller\n---  \nWe mill.\n");
        assert_eq!(
            (r.title.as_str(), r.summary_text.as_str()),
            ("Miller", "We mill.")
        );
    }

    #[test]
    fn toml_that_cannot_be_read_is_an_error_at_its_line_and_never_text() {
        let p = read("x.md", "+++\ntitle = \"Miller\"\nteam = \n+++\n# Miller\n");
        assert!(p.role.is_none());
        let d = &p.diagnostics[0];
        assert_eq!(
            (d.code.as_str(), d.line),
            ("front-matter", 3),
            "{}",
            d.message
        );
    }

    #[test]
    fn a_liquid_tag_first_is_no_json() {
        let r = role("x.md", "{% raw %}\n# Miller\n\nWe mill.\n");
        assert_eq!(r.title, "Miller");
    }

    #[test_case("draft: true", Status::Draft)]
    #[test_case("published: false", Status::Draft)]
    #[test_case("hidden: true", Status::Draft)]
    #[test_case("active: false", Status::Draft)]
    #[test_case("active: true", Status::Open)]
    #[test_case("published: 2024-05-01", Status::Open)]
    #[test_case("archived: true\ndraft: true", Status::Draft)]
    #[test_case("status: open\ndraft: true", Status::Open)]
    fn unpublished_flags_make_a_draft(yaml: &str, expected: Status) {
        let r = role("x.md", &format!("---\n{yaml}\n---\n# Miller\n"));
        assert_eq!(r.status, expected);
    }

    #[test_case("close_date: 2026-06-30")]
    #[test_case("closing_date: 30 June 2026")]
    #[test_case("closing: 2026-06-30")]
    #[test_case("closingDate: 2026-06-30")]
    #[test_case("apply_by: June 30, 2026")]
    #[test_case("expiryDate: 2026-06-30T12:00:00Z")]
    fn foreign_closing_keys_give_the_closing_date(yaml: &str) {
        let r = role("x.md", &format!("---\n{yaml}\n---\n# Miller\n"));
        assert_eq!(r.meta.closes, Some(date(2026, 6, 30)));
    }

    #[test]
    fn a_foreign_closing_key_in_words_is_a_warning_not_an_error() {
        let p = read(
            "x.md",
            "---\ndeadline: when we find the right person\n---\n# Miller\n",
        );
        assert!(p.role.is_some());
        assert_eq!(p.diagnostics[0].code, "front-matter-value");
    }

    #[test_case("apply_link: https://jobs.example/1", Some("https://jobs.example/1"))]
    #[test_case("applyEmail: jobs@mill.example", Some("mailto:jobs@mill.example"))]
    #[test_case(
        "application_url: https://jobs.example/2",
        Some("https://jobs.example/2")
    )]
    #[test_case(
        "jazz_url: https://acme.applytojob.com/apply/A2l/Baker",
        Some("https://acme.applytojob.com/apply/A2l/Baker");
        "an unknown key linking to an applicant tracking system"
    )]
    #[test_case("homepage: https://bakery.example/", None; "an unknown key linking elsewhere")]
    #[test_case(
        "jazz_url: https://acme.applytojob.com/apply/1\napply_url: https://a.example/x",
        Some("https://a.example/x");
        "the apply key wins"
    )]
    #[test_case("apply: true", None)]
    fn apply_keys_give_the_apply_link(yaml: &str, expected: Option<&str>) {
        let r = role("x.md", &format!("---\n{yaml}\n---\n# Miller\n"));
        assert_eq!(r.meta.apply_url.as_deref(), expected);
    }

    #[test_case("type: Part-time", Some("Part-time"))]
    #[test_case("type: section", None)]
    #[test_case("hours: 37.5 a week", None)]
    #[test_case("employment_type: Seasonal picking", Some("Seasonal picking"))]
    fn employment_keys_give_a_type_only_when_they_state_one(yaml: &str, expected: Option<&str>) {
        let r = role("x.md", &format!("---\n{yaml}\n---\n# Miller\n"));
        assert_eq!(r.meta.employment_type.as_deref(), expected);
    }
}
