//! Words and numbers as a candidate reads them: "£60,000 to £75,000", "31 December 2026".

use jiff::civil::Date;

use crate::role::model::{Period, Role, SalaryBand};
use crate::site::text::words::{EN, Words};

/// What every page, card and feed says where a fact is not known: one
/// wording, in one case.
pub(crate) const NOT_STATED: &str = "not stated";

pub(crate) use crate::role::salary::money;

/// A band's range with its period, the same words on every page, card,
/// feed and share image: `£60,000 to £75,000 a year`, `£81,900 or more a
/// year`, `£94,500 a year`, `£450 to £550 a day`.
pub(crate) fn band_range(band: &SalaryBand) -> String {
    EN.band_range(band)
}

/// A period as it follows an amount: " a year", " a month", " a day", " an hour".
pub(crate) fn per(period: Period) -> &'static str {
    EN.per(period)
}

/// One line for a listing row: the single range, or each location's range.
pub(crate) fn salary_summary(role: &Role) -> Option<String> {
    salary_summary_in(role, &EN)
}

/// [`salary_summary`] in a language.
pub(crate) fn salary_summary_in(role: &Role, words: &Words) -> Option<String> {
    let first = role.salary.first()?;
    let range = |b: &SalaryBand| words.band_range(b);
    let same = role.salary.iter().all(|b| range(b) == range(first));
    if same || role.salary.len() == 1 {
        return Some(range(first));
    }
    Some(
        role.salary
            .iter()
            .map(|b| match b.location() {
                Some(l) => format!("{l}: {}", range(b)),
                None => range(b),
            })
            .collect::<Vec<_>>()
            .join("; "),
    )
}

/// What a card, feed or page says about pay: the bands in one line, else
/// "Pay under review" or "Pay not stated". Never empty, never a made-up figure.
pub(crate) fn pay_summary(role: &Role) -> String {
    pay_summary_in(role, &EN)
}

/// [`pay_summary`] in a language.
pub(crate) fn pay_summary_in(role: &Role, words: &Words) -> String {
    salary_summary_in(role, words)
        .or_else(|| pay_words(role, words).map(str::to_owned))
        .unwrap_or_default()
}

/// "Pay under review" or "Pay not stated" in a language; none when the
/// role publishes bands.
pub(crate) fn pay_words(role: &Role, words: &Words) -> Option<&'static str> {
    match role.pay_state() {
        crate::role::PayState::Published(_) => None,
        crate::role::PayState::UnderReview => Some(words.pay_under_review),
        crate::role::PayState::InText => Some(words.pay_in_text),
        crate::role::PayState::NotStated => Some(words.pay_not_stated),
    }
}

/// Text made safe inside HTML and XML (SVG): the four markup characters
/// become references, and control characters XML cannot hold are dropped.
pub(crate) fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c < ' ' && c != '\n' && c != '\t' && c != '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// `2026-12-31` -> `31 December 2026`.
pub(crate) fn date(d: Date) -> String {
    jiff::fmt::strtime::format("%-d %B %Y", d).unwrap_or_else(|_| d.to_string())
}

/// The first sentence-ish of a summary, at most `max` characters, cut at a word.
pub(crate) fn one_line(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut = String::new();
    for word in text.split_whitespace() {
        if cut.chars().count() + word.chars().count() + 1 > max {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(word);
    }
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_and_control_characters_xml_cannot_hold_are_dropped() {
        assert_eq!(
            escape_markup("R&D <Head> \"Lead\"\u{1}\tok"),
            "R&amp;D &lt;Head&gt; &quot;Lead&quot;\tok"
        );
    }

    #[test]
    fn formats_money_and_ranges() {
        assert_eq!(money(60_000, "£"), "£60,000");
        assert_eq!(money(1_234_567, "£"), "£1,234,567");
        assert_eq!(money(950, "£"), "£950");
        let band = SalaryBand::new(60_000, Some(75_000)).ok();
        assert_eq!(
            band.as_ref().map(band_range).as_deref(),
            Some("£60,000 to £75,000 a year")
        );
        let open = SalaryBand::new(81_900, None).ok();
        assert_eq!(
            open.as_ref().map(band_range).as_deref(),
            Some("£81,900 or more a year")
        );
    }

    #[test]
    fn formats_dates_and_lines() {
        assert_eq!(date(jiff::civil::date(2026, 12, 31)), "31 December 2026");
        assert_eq!(one_line("one two three four", 9), "one two…");
    }
}
