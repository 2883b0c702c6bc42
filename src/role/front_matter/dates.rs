//! Dates and placeholders as people write them in front matter: ISO dates
//! (`2026-11-30`, also with a time after them) and dates in words
//! ("November 30, 2026", "30 November 2026", with an optional time such as
//! ", 8pm EDT"); dates in figures (`4/08/17`, `04.08.2017`), read day first
//! or month first as the site says; and the words that mean "not decided
//! yet" (`TBD`).

use jiff::civil::Date;

use crate::role::model::DateOrder;

/// A date read from figures, and whether the other order would have read a
/// different, valid date (`4/08/17`), so the author should be told which
/// was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NumericDate {
    /// The date in the order used.
    pub(crate) date: Date,
    /// Both orders give a date, and they differ.
    pub(crate) ambiguous: bool,
}

/// Reads a date in words or ISO form ([`read_date`]), else in figures
/// (`day/month/year` or `month/day/year` as `order` says; `/`, `.` or `-`
/// between; two-digit years are 20xx). `None` when it is not a date.
pub(crate) fn read_date_in(text: &str, order: DateOrder) -> Option<NumericDate> {
    if let Some(date) = read_date(text) {
        return Some(NumericDate {
            date,
            ambiguous: false,
        });
    }
    let parts: Vec<&str> = text.trim().split(['/', '.', '-']).map(str::trim).collect();
    let [a, b, y] = parts.as_slice() else {
        return None;
    };
    // `03-Mar-2019`: the month in words says the order.
    if let Some(m) = month(b) {
        let year: i16 = y.parse().ok().filter(|y| (1900..=2200).contains(y))?;
        let date = Date::new(year, m, day(a)?).ok()?;
        return Some(NumericDate {
            date,
            ambiguous: false,
        });
    }
    // `2019/03/03`: a year first is always followed by the month.
    if a.len() == 4 {
        let year: i16 = a.parse().ok()?;
        let (m, d): (i8, i8) = (b.parse().ok()?, y.parse().ok()?);
        let date = Date::new(year, m, d).ok()?;
        return Some(NumericDate {
            date,
            ambiguous: false,
        });
    }
    let figure = |t: &str| {
        (!t.is_empty() && t.len() <= 2)
            .then(|| t.parse::<i8>().ok())
            .flatten()
    };
    let (a, b) = (figure(a)?, figure(b)?);
    let year: i16 = match y.len() {
        2 => 2000 + y.parse::<i16>().ok()?,
        4 => y.parse().ok()?,
        _ => return None,
    };
    let day_first = Date::new(year, b, a).ok();
    let month_first = Date::new(year, a, b).ok();
    let (taken, other) = match order {
        DateOrder::DayFirst => (day_first, month_first),
        DateOrder::MonthFirst => (month_first, day_first),
    };
    match (taken, other) {
        (Some(date), other) => Some(NumericDate {
            date,
            ambiguous: other.is_some_and(|o| o != date),
        }),
        // Only the other order makes a date (`12/31/26` on a day-first site).
        (None, Some(date)) => Some(NumericDate {
            date,
            ambiguous: false,
        }),
        (None, None) => None,
    }
}

/// Reads a date as written in front matter, or `None` when it is not one.
pub(crate) fn read_date(text: &str) -> Option<Date> {
    let text = text.trim();
    if let Ok(date) = text.parse::<Date>() {
        return Some(date);
    }
    // `2026-11-30 17:00` or `2026-11-30T17:00:00Z`: the day is what counts.
    if let (Some(day), Some(rest)) = (text.get(..10), text.get(10..))
        && (rest.starts_with(' ') || rest.starts_with('T'))
        && let Ok(date) = day.parse::<Date>()
    {
        return Some(date);
    }
    in_words(text)
}

/// "November 9, 2018", "Nov 9 2018", "9 November 2018", "9th Nov, 2018",
/// each optionally followed by a time of day.
fn in_words(text: &str) -> Option<Date> {
    // "31 de março de 2026": the Portuguese and Spanish "of" joins nothing.
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty() && !matches!(*w, "de" | "del" | "of"))
        .collect();
    let (first, second, third) = (words.first()?, words.get(1)?, words.get(2)?);
    let (month, day) = match (month(first), month(second)) {
        (Some(m), _) => (m, day(second)?),
        (None, Some(m)) => (m, day(first)?),
        (None, None) => return None,
    };
    let year: i16 = third.trim_end_matches('.').parse().ok()?;
    if !(1900..=2200).contains(&year) || !is_time(&words[3..]) {
        return None;
    }
    Date::new(year, month, day).ok()
}

/// Month names, written out in full, in Italian, Portuguese, Spanish,
/// German and French.
const OTHER_LANGUAGES: [[&str; 12]; 5] = [
    [
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ],
    [
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ],
    [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    [
        "januar",
        "februar",
        "märz",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "dezember",
    ],
    [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
];

fn month(word: &str) -> Option<i8> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let word = word.trim_end_matches('.').to_ascii_lowercase();
    if word.len() < 3 {
        return None;
    }
    let index = MONTHS
        .iter()
        .position(|m| *m == word || (word.len() <= 4 && m.starts_with(&word)))
        .or_else(|| {
            let word = word.to_lowercase();
            // Spanish also writes September "setiembre".
            let word = if word == "setiembre" {
                "septiembre".to_owned()
            } else {
                word
            };
            OTHER_LANGUAGES
                .iter()
                .find_map(|months| months.iter().position(|m| *m == word))
        })?;
    i8::try_from(index + 1).ok()
}

fn day(word: &str) -> Option<i8> {
    let digits = word
        .trim_end_matches(['.'])
        .trim_end_matches("st")
        .trim_end_matches("nd")
        .trim_end_matches("rd")
        .trim_end_matches("th");
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// Whether the words after a date are a time of day: nothing, or
/// `[at] 8pm|8:00|8 pm [EDT]`.
fn is_time(words: &[&str]) -> bool {
    let words = match words.first() {
        Some(w) if w.eq_ignore_ascii_case("at") => &words[1..],
        _ => words,
    };
    let Some((clock, rest)) = words.split_first() else {
        return true;
    };
    let lower = clock.to_ascii_lowercase();
    let digits = lower.trim_end_matches("am").trim_end_matches("pm");
    let meridiem = digits.len() < lower.len();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit() || c == ':') {
        return false;
    }
    let rest = match rest.first() {
        Some(w) if !meridiem && (w.eq_ignore_ascii_case("am") || w.eq_ignore_ascii_case("pm")) => {
            &rest[1..]
        }
        _ => rest,
    };
    match rest {
        [] => true,
        [zone] => (2..=5).contains(&zone.len()) && zone.chars().all(|c| c.is_ascii_uppercase()),
        _ => false,
    }
}

/// Whether a value is a placeholder meaning "not set yet" (`TBD`, `TBC`,
/// "to be confirmed", "an upcoming date").
pub(crate) fn is_placeholder(text: &str) -> bool {
    const PLACEHOLDERS: &[&str] = &[
        "tbd",
        "tbc",
        "tba",
        "to be confirmed",
        "to be decided",
        "to be determined",
        "to be announced",
        "an upcoming date",
        "upcoming",
        "coming soon",
        "soon",
        "ongoing",
        "open until filled",
        "until filled",
        "rolling",
        "n/a",
        "na",
        "none",
        "?",
        "$",
        "£",
        "€",
        "xx",
        "xxx",
    ];
    let lower = text
        .trim()
        .trim_matches(|c: char| c == '[' || c == ']' || c == '(' || c == ')' || c == '.')
        .trim()
        .to_ascii_lowercase();
    PLACEHOLDERS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;
    use test_case::test_case;

    use super::*;

    #[test_case("2026-11-30", Some(date(2026, 11, 30)))]
    #[test_case("2026-11-30 17:00", Some(date(2026, 11, 30)))]
    #[test_case("2026-11-30T17:00:00Z", Some(date(2026, 11, 30)))]
    #[test_case("November 9, 2018", Some(date(2018, 11, 9)))]
    #[test_case("November 9, 2018, 8pm EDT", Some(date(2018, 11, 9)))]
    #[test_case("Nov 9 2018 at 8:00 pm", Some(date(2018, 11, 9)))]
    #[test_case("9 November 2018", Some(date(2018, 11, 9)))]
    #[test_case("31 marzo 2026", Some(date(2026, 3, 31)); "italian")]
    #[test_case("3rd of March 2019", Some(date(2019, 3, 3)); "of between day and month")]
    #[test_case("31 de março de 2026", Some(date(2026, 3, 31)); "portuguese")]
    #[test_case("15. März 2026", Some(date(2026, 3, 15)); "german")]
    #[test_case("3 de setiembre de 2026", Some(date(2026, 9, 3)); "spanish setiembre")]
    #[test_case("1 août 2026", Some(date(2026, 8, 1)); "french")]
    #[test_case("31 marz 2026", None; "a misspelt month is no month")]
    #[test_case("9th Sept 2018", Some(date(2018, 9, 9)))]
    #[test_case("February 30, 2026", None)]
    #[test_case("November 9, 2018, or thereabouts", None)]
    #[test_case("soon", None)]
    #[test_case("2026-13-01", None)]
    fn reads_dates(text: &str, expected: Option<Date>) {
        assert_eq!(read_date(text), expected);
    }

    #[test_case("4/08/17", DateOrder::DayFirst, Some((date(2017, 8, 4), true)))]
    #[test_case("4/08/17", DateOrder::MonthFirst, Some((date(2017, 4, 8), true)))]
    #[test_case("31/12/2026", DateOrder::MonthFirst, Some((date(2026, 12, 31), false)))]
    #[test_case("12.31.2026", DateOrder::DayFirst, Some((date(2026, 12, 31), false)))]
    #[test_case("5/5/2026", DateOrder::DayFirst, Some((date(2026, 5, 5), false)))]
    #[test_case("2026-11-30", DateOrder::MonthFirst, Some((date(2026, 11, 30), false)))]
    #[test_case("1/2/3/4", DateOrder::DayFirst, None)]
    #[test_case("40/40/2026", DateOrder::DayFirst, None)]
    #[test_case("03-Mar-2019", DateOrder::MonthFirst, Some((date(2019, 3, 3), false)); "a month in words between figures")]
    #[test_case("2019/03/04", DateOrder::DayFirst, Some((date(2019, 3, 4), false)); "a year first")]
    #[test_case("2019/13/04", DateOrder::DayFirst, None; "a year first then no month")]
    fn reads_dates_in_figures(text: &str, order: DateOrder, expected: Option<(Date, bool)>) {
        assert_eq!(
            read_date_in(text, order).map(|d| (d.date, d.ambiguous)),
            expected
        );
    }

    #[test_case("TBD", true)]
    #[test_case("tbc", true)]
    #[test_case(" To be confirmed ", true)]
    #[test_case("an upcoming date", true)]
    #[test_case("$", true)]
    #[test_case("2026-11-30", false)]
    #[test_case("Tuesday", false)]
    fn placeholders(text: &str, expected: bool) {
        assert_eq!(is_placeholder(text), expected);
    }
}
