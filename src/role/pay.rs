//! Pay states: whether a role publishes its pay, says in words that pay is
//! under review, or says nothing. The state is derived from the bands and one
//! flag, so a role can never hold bands and "under review" at once: published
//! bands win.

use serde::Serialize;

use crate::role::front_matter::{FrontMatter, SalaryValue};
use crate::role::model::{Currency, Period, Role, SalaryBand, Section, SectionKind};

/// The state of a role's pay, as a candidate should be told it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayState<'a> {
    /// One or more salary bands.
    Published(&'a [SalaryBand]),
    /// The salary section says in words that pay is being reviewed or is to
    /// be confirmed, and gives no band.
    UnderReview,
    /// The text states pay in a form careers could not read as a band (a
    /// monthly amount with no period, an unknown currency): shown as
    /// written, never as "not stated".
    InText,
    /// Nothing about pay that can be read.
    NotStated,
}

/// The name of a [`PayState`] in JSON (`pay_state`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PayStateName {
    /// `published`.
    Published,
    /// `under_review`.
    UnderReview,
    /// `in_text`.
    InText,
    /// `not_stated`.
    NotStated,
}

impl PayState<'_> {
    /// The state's stable name, for JSON.
    pub fn name(self) -> PayStateName {
        match self {
            PayState::Published(_) => PayStateName::Published,
            PayState::UnderReview => PayStateName::UnderReview,
            PayState::InText => PayStateName::InText,
            PayState::NotStated => PayStateName::NotStated,
        }
    }

    /// What a candidate reads where a figure would be; `None` when published.
    pub fn words(self) -> Option<&'static str> {
        match self {
            PayState::Published(_) => None,
            PayState::UnderReview => Some("Pay under review"),
            PayState::InText => Some("Pay stated in the text"),
            PayState::NotStated => Some("Pay not stated"),
        }
    }

    /// Whether the role has bands to show.
    pub fn is_published(self) -> bool {
        matches!(self, PayState::Published(_))
    }
}

impl Role {
    /// The role's pay state: its bands, else whether it said pay is under review.
    pub fn pay_state(&self) -> PayState<'_> {
        if !self.salary.is_empty() {
            PayState::Published(&self.salary)
        } else if self.pay_under_review {
            PayState::UnderReview
        } else if self.pay_in_text {
            PayState::InText
        } else {
            PayState::NotStated
        }
    }
}

/// Phrases that say pay is not settled yet; `tbc` and `tbd` only as words.
const PHRASES: &[&str] = &[
    "being reviewed",
    "under review",
    "to be confirmed",
    "to be decided",
    "to be agreed",
];
const WORDS: &[&str] = &["tbc", "tbd"];

/// Whether the salary sections (or a front matter salary line) say in words
/// that pay is under review. Only salary text is read: "under review" in a
/// section about code review says nothing about pay.
pub(crate) fn said_under_review(sections: &[Section], front_matter_line: Option<&str>) -> bool {
    sections
        .iter()
        .filter(|s| s.kind == SectionKind::Salary)
        .map(|s| s.body.source.as_str())
        .chain(front_matter_line)
        .any(says_under_review)
}

/// Front matter `salary` when it is a line of text (`salary: TBC`).
pub(crate) fn front_matter_line(front: &FrontMatter) -> Option<&str> {
    match front.salary.as_ref().map(|s| &s.value) {
        Some(SalaryValue::Line(text)) => Some(text),
        _ => None,
    }
}

/// Whether `text` says pay is under review.
pub(crate) fn says_under_review(text: &str) -> bool {
    let lower = text.to_lowercase();
    PHRASES.iter().any(|p| lower.contains(p))
        || lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|word| WORDS.contains(&word))
}

/// The currency most yearly bands of `roles` are in (the first seen wins a
/// tie, so the answer never depends on hashing); `None` without any.
pub fn usual_currency<'a>(roles: impl IntoIterator<Item = &'a Role>) -> Option<Currency> {
    let mut counts: Vec<(Currency, usize)> = Vec::new();
    let yearly = roles
        .into_iter()
        .flat_map(|r| &r.salary)
        .filter(|b| b.period() == Period::Year);
    for band in yearly {
        match counts.iter_mut().find(|(c, _)| *c == band.currency()) {
            Some((_, n)) => *n += 1,
            None => counts.push((band.currency(), 1)),
        }
    }
    counts.iter().rev().max_by_key(|(_, n)| *n).map(|(c, _)| *c)
}

#[cfg(test)]
mod tests {
    use test_case::test_case;

    use super::*;
    use crate::role::load::roles_from_texts;

    #[test_case("Pay for this role is being reviewed.", true)]
    #[test_case("Salary: TBC", true)]
    #[test_case("£TBD", true)]
    #[test_case("To be confirmed after the pay review", true)]
    #[test_case("The salary is Under Review this quarter.", true)]
    #[test_case("We work mainly remotely, with offices in Leeds.", false)]
    #[test_case("Salaries are reviewed every April.", false)]
    #[test_case("Our tbcx service", false)]
    fn says_under_review_reads_words_not_fragments(text: &str, expected: bool) {
        assert_eq!(says_under_review(text), expected);
    }

    #[test]
    fn pay_stated_in_a_form_careers_cannot_read_is_never_not_stated() {
        let r = crate::role::parse::parse(
            std::path::Path::new("x.md"),
            "# Baker\n\nWe bake.\n\n## Salary\n\nfrom 2000 up to 3000 EUR (net)\n",
        )
        .role;
        let r = r.expect("reads");
        assert!(r.salary.is_empty());
        assert_eq!(r.pay_state(), PayState::InText);
        assert_eq!(r.pay_state().name(), PayStateName::InText);
        let none = crate::role::parse::parse(std::path::Path::new("y.md"), "# Baker\n\nWe bake.\n")
            .role
            .expect("reads");
        assert_eq!(none.pay_state(), PayState::NotStated);
    }

    #[test_case(&[], None; "no bands name none")]
    #[test_case(&["$90,000 - $110,000", "$70,000", "£50,000"], Some(Currency::Usd); "the most bands win")]
    #[test_case(&["€60,000", "£50,000"], Some(Currency::Eur); "a tie goes to the first seen")]
    #[test_case(&["$40 - $55 per hour", "£50,000"], Some(Currency::Gbp); "only yearly bands count")]
    fn the_usual_currency_is_that_of_most_yearly_bands(
        salaries: &[&str],
        expected: Option<Currency>,
    ) {
        let texts: Vec<(String, String)> = salaries
            .iter()
            .enumerate()
            .map(|(i, s)| {
                (
                    format!("r{i}.md"),
                    format!("# Role {i}\n\n## Salary\n\n{s}\n"),
                )
            })
            .collect();
        let files: Vec<(&str, &str)> = texts
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        let roles = roles_from_texts(&files);
        assert_eq!(roles.len(), salaries.len());
        assert_eq!(usual_currency(&roles), expected);
    }

    fn state_of(text: &str) -> PayStateName {
        let roles = roles_from_texts(&[("x.md", text)]);
        match roles.first() {
            Some(role) => role.pay_state().name(),
            None => panic!("the role parses"),
        }
    }

    #[test]
    fn bands_win_over_words_and_words_win_over_silence() {
        assert_eq!(
            state_of("# X\n\n## Salary\n\n£40,000 - £50,000, under review in April\n"),
            PayStateName::Published
        );
        assert_eq!(
            state_of("# X\n\n## Salary\n\nThe salary for this role is being reviewed.\n"),
            PayStateName::UnderReview
        );
        assert_eq!(
            state_of("---\nsalary: TBC\n---\n# X\n"),
            PayStateName::UnderReview
        );
        assert_eq!(
            state_of("# X\n\n## About\n\nYour code will be under review.\n"),
            PayStateName::NotStated,
            "only salary text is read"
        );
    }
}
