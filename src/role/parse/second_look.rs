//! The second look: after a role is read, each line of its body is scanned
//! for text that looks like a fact the reading did not take (pay, a closing
//! date, an apply address, an employment type), and `check` warns at that
//! line with what it saw and how to write it so careers reads it.
//!
//! It looks only for facts the role lacks, and stays quiet where such text
//! is something else: amounts in a benefits section or about a budget or
//! allowance, and dates with no word about closing (history, founding years).

use std::ops::Range;
use std::sync::LazyLock;

use super::Reader;
use super::blocks::Body;
use super::facts::plain_line;
use super::fence::Fence;
use super::phrases::AnyOf;
use super::sections::Draft;
use crate::role::diagnostic::Code;
use crate::role::model::{EmploymentType, Role, SectionKind, Status};
use crate::role::salary;

/// Words that make an amount something other than pay.
const NOT_PAY: &[&str] = &[
    "budget",
    "stipend",
    "allowance",
    "bonus",
    "pension",
    "contribution",
    "reimburse",
    "towards",
    "equipment",
    "learning",
    "per employee",
    "raised",
    "revenue",
    "funding",
    "million",
    "billion",
];

/// Words that make a date a closing date.
const CLOSING_WORDS: &[&str] = &[
    "closing date",
    "applications close",
    "application deadline",
    "deadline",
    "apply by",
    "apply before",
    "closes on",
    "close on",
    "accepting applications until",
];

/// Words that make an employment type the role's own.
const ROLE_WORDS: &[&str] = &[
    "this role",
    "this position",
    "this is a",
    "the role is",
    "the position is",
    "this job",
];

/// What the second look found missing, from the reading.
struct Missing {
    pay: bool,
    closes: bool,
    apply: bool,
    employment: bool,
}

impl Reader<'_> {
    /// Warns at each line that states a fact `role` does not have.
    pub(super) fn second_look(&mut self, role: &Role, body: &Body<'_>, drafts: &[Draft]) {
        let missing = Missing {
            pay: role.salary.is_empty() && !role.pay_under_review,
            closes: role.meta.closes.is_none() && role.status != Status::Closed,
            apply: role.meta.apply_url.is_none(),
            employment: role.meta.employment_type.is_none(),
        };
        if !(missing.pay || missing.closes || missing.apply || missing.employment) {
            return;
        }
        let benefits = section_ranges(body, drafts, SectionKind::Benefits);
        let text = self.text;
        let start = body.offset();
        let mut offset = start;
        let mut fence = Fence::default();
        for raw in text[start..].split_inclusive('\n') {
            let at = offset;
            offset += raw.len();
            // Every fact it looks for holds a figure, an `@` or a link's
            // `:`, or (employment) a hyphen or "time"; most lines hold none.
            if fence.line(raw) || raw.trim().is_empty() || !worth_a_look(raw) {
                continue;
            }
            let in_benefits = benefits.iter().any(|r| r.contains(&at));
            if let Some((saw, fix)) = look_at(&plain_line(raw), &missing, in_benefits) {
                let column = raw.len() - raw.trim_start().len();
                self.warn(
                    at + column,
                    Code::UnreadFact,
                    format!("this line looks like {saw}, but careers did not read it"),
                )
                .hint = Some(fix.to_owned());
            }
        }
    }
}

/// Whether a line could state any fact the second look looks for.
fn worth_a_look(line: &str) -> bool {
    const TYPE_STEMS: [&str; 8] = [
        "time", "ontract", "ermanent", "ntern", "emporary", "reelance", "easonal", "erm",
    ];
    line.bytes()
        .any(|b| b.is_ascii_digit() || b == b'@' || b == b':' || b == b'-')
        || TYPE_STEMS.iter().any(|stem| line.contains(stem))
}

/// The file ranges of the sections of one kind.
fn section_ranges(body: &Body<'_>, drafts: &[Draft], kind: SectionKind) -> Vec<Range<usize>> {
    drafts
        .iter()
        .filter(|d| d.kind == kind)
        .map(|d| {
            let range = d.body_range(body);
            body.to_file(range.start)..body.to_file(range.end)
        })
        .collect()
}

/// What one line seems to state that the role lacks, and how to fix it.
fn look_at(line: &str, missing: &Missing, in_benefits: bool) -> Option<(String, &'static str)> {
    let lower = line.to_lowercase();
    let has_sign = line.contains(['£', '$', '€', '¥', '₹'])
        || line.bytes().filter(u8::is_ascii_uppercase).count() >= 3;
    if missing.pay && has_sign && !in_benefits && !NOT_PAY.iter().any(|w| lower.contains(w)) {
        let read = salary::parse_line(line);
        if let Some(band) = read.bands.first()
            && band.min() >= 1000
        {
            return Some((
                format!("pay ({}{})", band.currency().symbol(), band.min()),
                "put it under a `## Salary` heading or on a `Salary:` line, or in front matter `salary:`",
            ));
        }
    }
    // A closing date holds a figure (its year): most lines hold none.
    static CLOSING: LazyLock<AnyOf> =
        LazyLock::new(|| AnyOf::new(&[CLOSING_WORDS, super::facts::CLOSING_IN_SENTENCE].concat()));
    if missing.closes
        && lower.bytes().any(|b| b.is_ascii_digit())
        && CLOSING.is_in(&lower)
        && has_date(&lower)
    {
        return Some((
            "a closing date".to_owned(),
            "write it on its own line as `Closing date: 30 June 2026`, or in front matter `closes: 2026-06-30`",
        ));
    }
    if missing.apply
        && super::facts::HOW_TO_APPLY.iter().any(|w| lower.contains(w))
        && has_address(&lower)
    {
        return Some((
            "an apply address".to_owned(),
            "put the one link or email address under a `## How to apply` heading, or in front matter `apply_url:`",
        ));
    }
    if missing.employment && ROLE_WORDS.iter().any(|w| lower.contains(w)) {
        let types = EmploymentType::read(&lower);
        if let Some(kind) = types.first() {
            return Some((
                format!("an employment type ({})", kind.label()),
                "write it on its own line as `Employment type: Full-time`, or in front matter `employment_type:`",
            ));
        }
    }
    None
}

/// Whether a line holds something date-like: a month name or a date in figures.
fn has_date(lower: &str) -> bool {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may ",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    MONTHS.iter().any(|m| lower.contains(m))
        || lower
            .split(|c: char| c.is_whitespace() || c == ',')
            .any(|w| {
                w.matches(['/', '-', '.']).count() == 2
                    && w.chars().any(|c| c.is_ascii_digit())
                    && w.chars()
                        .all(|c| c.is_ascii_digit() || matches!(c, '/' | '-' | '.'))
            })
}

/// Whether a line holds a link or an email address.
fn has_address(lower: &str) -> bool {
    lower.contains("https://")
        || lower.contains("http://")
        || lower.split_whitespace().any(|w| {
            w.split_once('@')
                .is_some_and(|(u, h)| !u.is_empty() && h.contains('.'))
        })
}

#[cfg(test)]
mod tests {
    use crate::role::parse::test_support::read;

    fn seen(text: &str) -> Vec<(u32, String)> {
        read("x.md", text)
            .diagnostics
            .into_iter()
            .filter(|d| d.code == "unread-fact")
            .map(|d| (d.line, d.message))
            .collect()
    }

    #[test]
    fn pay_in_prose_the_reading_missed_is_warned_at_its_line() {
        let got = seen("# Baker\n\nWe bake.\n\nYou will earn £30,000 to £34,000.\n");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, 5);
        assert!(got[0].1.contains("pay (£30000)"), "{got:?}");
    }

    #[test]
    fn amounts_in_benefits_are_not_pay() {
        let got = seen(
            "# Baker\n\nWe bake.\n\n## Perks\n\n- £1,000 to spend on courses each year\n\nA home office budget of £500.\n",
        );
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn a_closing_date_in_a_sentence_is_warned_and_history_is_not() {
        let got = seen(
            "# Baker\n\nWe opened on 4 May 2010 and moved on 12/03/2015.\n\nApplications close in the week of 30 June 2030, so be quick.\n",
        );
        assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), [5], "{got:?}");
    }

    #[test]
    fn an_apply_address_and_an_employment_type_in_prose_are_warned() {
        let got = seen(
            "# Baker\n\nThis is a role in our part-time team in Kew.\n\nTo apply, email jobs@bakery.example or hr@bakery.example.\n",
        );
        assert_eq!(
            got.iter().map(|g| g.0).collect::<Vec<_>>(),
            [3, 5],
            "{got:?}"
        );
    }

    #[test]
    fn an_apply_address_the_reading_took_from_prose_is_not_warned() {
        let text = "# Baker\n\nWe bake.\n\nTo apply, email jobs@bakery.example with a note.\n";
        assert!(seen(text).is_empty(), "{:?}", seen(text));
        assert_eq!(
            super::super::test_support::role("x.md", text)
                .meta
                .apply_url
                .as_deref(),
            Some("mailto:jobs@bakery.example")
        );
    }

    #[test]
    fn a_link_beside_other_uses_of_apply_is_no_apply_address() {
        let got = seen(
            "# Baker\n\nWe help people applying for benefits; read [our handbook](https://handbook.example/x).\n",
        );
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn facts_the_reading_took_are_not_warned_again() {
        let got = seen(
            "# Baker\n\nWe bake.\n\nEmployment type: Part-time\n\n## Salary\n\n£30,000\n\n## How to apply\n\nEmail jobs@bakery.example.\n",
        );
        assert!(got.is_empty(), "{got:?}");
    }
}
