//! Salary lines, as people write them, into [`SalaryBand`]s.
//!
//! # Grammar (lenient)
//!
//! ```text
//! line     := [location ":"] band ( sep band )* [note]
//! band     := amount [ ("-" | "–" | "to") amount ] ["+"]
//! amount   := [symbol | code] digits-with-commas ["k"] [code]   // £45,900  $60k  CAD 94,500  €50,000 EUR
//! weighting:= "(" location "weighting" band ")" | "with a" location "-weighting of" band
//! grade    := letters "-" digits | ("step" | "grade" | "level") digits  // GS-15, CS-04, Step 10
//! ```
//!
//! A band needs a currency on at least one side (`49,500 - £65,000`), so years
//! and counts in prose are never read as pay. `$` is US dollars unless the line
//! names another code (`$90,000 CAD`, `CA$`). A grade or step number is never an
//! amount, and grades between two amounts still make a range (`GS-14 Step 1
//! $111,521 to GS-14 Step 10 $176,300`). A sentence about the pay system's cap
//! ("the maximum salary available for the GS pay system is $176,300") is not
//! the role's band. An amount whose digit groups cannot be read without
//! guessing (`£60,00`) is reported and no band is made.

use std::sync::LazyLock;

use crate::role::model::{Currency, Period, SalaryBand};
use crate::role::parse::phrases::AnyOf;

/// What one line of text yielded.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SalaryLine {
    /// Bands read from the line, in order.
    pub bands: Vec<SalaryBand>,
    /// Amounts that could not be read: 0-based char column and the text.
    pub unreadable: Vec<Unreadable>,
}

/// An amount that looked like pay but could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// 0-based byte offset in the line as given.
    pub offset: usize,
    /// The amount as written.
    pub text: String,
    /// Why it could not be read.
    pub reason: &'static str,
    /// How to write it so that it reads.
    pub hint: &'static str,
}

/// The hint for an amount whose figures did not read.
const WRITE_IN_FULL: &str = "write each amount in full, e.g. `£45,000 - £60,000`";

#[derive(Debug, Clone)]
struct Amount {
    start: usize,
    end: usize,
    value: Option<u64>,
    currency: Option<Currency>,
    thousands: bool,
    open_ended: bool,
    /// Written with a bare `$`, whose dollars the line may name (`CAD`).
    dollar: bool,
    /// In lakhs (`18 LPA`, `12 lakh`): hundreds of thousands of rupees.
    lakh: bool,
}

/// Words that say when a line is prose about pay, not a location label.
const LABELS: &[&str] = &[
    "salary",
    "salary range",
    "pay",
    "pay range",
    "base salary",
    "compensation",
    "remuneration",
    "package",
];

/// Words that no place name contains but a label about pay does.
const PAY_WORDS: &[&str] = &[
    "salary",
    "scale",
    "package",
    "band",
    "salaries",
    "range",
    "pay",
    "compensation",
    "remuneration",
    "wage",
    "wages",
    "ctc",
    "ral",
    "stipend",
    // The same in Italian, Portuguese, Spanish, German, French, Latvian.
    "retribuzione",
    "stipendio",
    "compenso",
    "salário",
    "salario",
    "remuneração",
    "remuneración",
    "gehalt",
    "vergütung",
    "salaire",
    "rémunération",
    "alga",
    "atalgojums",
];

/// Words after an amount that qualify nothing and are dropped from the note
/// (besides the period words: [`DAY`], [`HOUR`], [`MONTH`], [`YEAR`]).
const FILLER: &[&str] = &[
    "depending on experience",
    "dependent on experience",
    "depending on skills and experience",
    "dependant on experience",
    "/hr",
    "/hour",
    "/yr",
    "/year",
    "/month",
    "/mth",
    "p.a.",
    "pa",
    "doe",
];

/// An amount as a reader writes it: `60000`, `£` -> `£60,000`.
pub fn money(amount: u64, symbol: &str) -> String {
    let digits = amount.to_string();
    let mut out = String::with_capacity(digits.len() + 4);
    out.push_str(symbol);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Reads every band in one line of text, a bare `$` being US dollars unless
/// the line says Canadian.
pub fn parse_line(line: &str) -> SalaryLine {
    parse_line_in(line, Currency::Usd)
}

/// [`parse_line`] where a bare `$` means `dollar` unless the line says
/// which dollars (`CAD`, `Canadian`, `USD`).
pub fn parse_line_in(line: &str, dollar: Currency) -> SalaryLine {
    parse_line_on_site(line, dollar, None)
}

/// [`parse_line_in`] on a site that says what period its amounts are for
/// when a line names none (`pay_period: month` in `site.yaml`).
pub fn parse_line_on_site(line: &str, dollar: Currency, site_period: Option<Period>) -> SalaryLine {
    let mut out = SalaryLine::default();
    let caps = cap_sentences(line);
    let dollars = dollar_currency(line, dollar);
    let mut amounts = scan_amounts(line);
    amounts.retain(|a| !caps.iter().any(|r| r.contains(&a.start)));
    // An amount read twice (a code after one number and before the next:
    // `2 USD 2`) overlaps its neighbour: keep the first reading, so the text
    // between two amounts is always a slice of the line.
    let mut end = 0;
    amounts.retain(|a| {
        let apart = a.start >= end;
        if apart {
            end = a.end;
        }
        apart
    });
    for a in &mut amounts {
        if a.currency == Some(Currency::Usd) && a.dollar {
            a.currency = Some(dollars);
        }
    }
    if !amounts.iter().any(|a| a.currency.is_some()) {
        return out;
    }
    let line_location = leading_location(line, amounts[0].start);
    let stated = stated_period(line).or(site_period);
    let period = stated.unwrap_or(Period::Year);
    let mut i = 0;
    let mut previous_end = 0;
    while i < amounts.len() {
        let first = &amounts[i];
        let pair = amounts
            .get(i + 1)
            .filter(|next| is_range_separator(&line[first.end..next.start]));
        let consumed = if pair.is_some() { 2 } else { 1 };
        let last = pair.unwrap_or(first);
        let symbol = first.currency.or(last.currency);
        let band_start = first.start;
        let gap = &line[previous_end..band_start];
        i += consumed;
        let Some(currency) = symbol else {
            previous_end = last.end;
            continue;
        };
        let unreadable: Vec<&Amount> = [first, last]
            .into_iter()
            .filter(|a| a.value.is_none())
            .collect();
        if !unreadable.is_empty() {
            for a in unreadable {
                if !out.unreadable.iter().any(|u| u.offset == a.start) {
                    out.unreadable.push(Unreadable {
                        offset: a.start,
                        text: line[a.start..a.end].trim().to_owned(),
                        reason: "its digit groups are not thousands (e.g. `60,000`)",
                        hint: WRITE_IN_FULL,
                    });
                }
            }
            previous_end = last.end;
            continue;
        }
        let (mut min, max) = match pair {
            Some(second) => (first.value.unwrap_or(0), second.value),
            None => (first.value.unwrap_or(0), first.value),
        };
        // `18-24 LPA`: the lakhs on the second amount cover both.
        if let Some(second) = pair
            && second.lakh
            && !first.lakh
            && min < 1000
        {
            min = min.saturating_mul(100_000);
        }
        // `£60-75k`: the `k` on the second amount covers both.
        if let Some(second) = pair
            && second.thousands
            && !first.thousands
            && min < 1000
        {
            min *= 1000;
        }
        // "from €2,000 per month" with no upper amount: a floor, said as such.
        let from = pair.is_none() && ends_with_word(&line[..band_start], "from");
        let max = if last.open_ended || from { None } else { max };
        // A year is what a line that names no period is read as: an amount
        // too small for a year's pay (`€4.500`, `$25`) is a month's or an
        // hour's, and which is not said. Left out rather than guessed.
        if stated.is_none() && max.unwrap_or(min) < currency.least_yearly_pay() {
            out.unreadable.push(Unreadable {
                offset: first.start,
                text: line[first.start..last.end].trim().to_owned(),
                reason: "it is too little for a year's pay, and the line does not say what period it is for",
                hint: "say the period, e.g. `€4.500 per month`, `$25 per hour` or `£45,000 a year`, or set `pay_period: month` in site.yaml when every amount on the site is monthly",
            });
            previous_end = last.end;
            continue;
        }
        let location = if out.bands.is_empty() {
            line_location.clone().or_else(|| inline_location(gap))
        } else {
            inline_location(gap)
        };
        // The note ends at the next amount, or at a sentence about a cap.
        let cap_start = caps
            .iter()
            .map(|r| r.start)
            .filter(|&s| s >= last.end)
            .min();
        let next_start = amounts
            .get(i)
            .map_or(line.len(), |a| a.start)
            .min(cap_start.unwrap_or(line.len()));
        // "package of up to £73,000": a ceiling, said as such.
        let up_to = line[..band_start]
            .trim_end()
            .to_ascii_lowercase()
            .ends_with("up to");
        // "Up to €70,000 plus bonus": the ceiling is said with the note.
        let note = match (up_to, note_after(&line[last.end..next_start])) {
            (true, Some(note)) => Some(format!("up to, {note}")),
            (true, None) => Some("up to".to_owned()),
            (false, note) => note,
        };
        // "£50,000 (London), £45,000 (elsewhere)": a place in brackets
        // right after the amount.
        let location = location.or_else(|| place_in_brackets(&line[last.end..next_start]));
        match SalaryBand::new(min, max) {
            Ok(band) => out.bands.push(
                band.with_location(location)
                    .with_currency(currency)
                    .with_period(period)
                    .with_note(note),
            ),
            Err(_) => out.unreadable.push(Unreadable {
                offset: first.start,
                text: line[first.start..last.end].trim().to_owned(),
                reason: "its maximum is below its minimum",
                hint: WRITE_IN_FULL,
            }),
        }
        previous_end = last.end;
    }
    out
}

/// Finds every number, with the currency symbol, `k` and `+` around it.
fn scan_amounts(line: &str) -> Vec<Amount> {
    let bytes = line.as_bytes();
    let mut amounts = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        // A digit glued to letters before it (`A1`, `v2`), or a grade or
        // step (`GS-15`, `Step 10`), is not an amount.
        if (i > 0 && bytes[i - 1].is_ascii_alphabetic()) || is_grade_number(line, i) {
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            continue;
        }
        let start_digits = i;
        let mut end = i;
        // Digits, commas and a comma followed by one space (`£114, 250`).
        while end < bytes.len() {
            let b = bytes[end];
            let digit_follows = bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
            if b.is_ascii_digit() || (b == b',' && digit_follows) {
                end += 1;
            } else if b == b','
                && bytes.get(end + 1) == Some(&b' ')
                && bytes.get(end + 2).is_some_and(u8::is_ascii_digit)
                && digit_run(bytes, end + 2) == 3
            {
                end += 2;
            } else if b == b'.' && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
                end += 1;
            } else if let Some(width) = apostrophe_at(bytes, end).or_else(|| space_at(bytes, end))
                && end > start_digits
                && digit_run(bytes, end + width) == 3
                && group_before(bytes, start_digits, end) <= 3
                // Not after commas or a point (`£40,000 100% remote`), nor
                // before a percentage.
                && !bytes[start_digits..end].iter().any(|b| matches!(b, b',' | b'.'))
                && bytes.get(end + width + 3) != Some(&b'%')
            {
                // Swiss grouping (`95'000`, `95’000`) and grouping by a
                // space (`46 424`, also no-break and thin spaces).
                end += width;
            } else {
                break;
            }
        }
        let raw = &line[start_digits..end];
        let mut cursor = end;
        let thousands = matches!(bytes.get(cursor), Some(b'k' | b'K'))
            && !bytes.get(cursor + 1).is_some_and(u8::is_ascii_alphabetic);
        if thousands {
            cursor += 1;
        }
        let lakh_words = lakh_after(&line[cursor..]);
        let lakh = lakh_words > 0;
        cursor += lakh_words;
        let open_ended = bytes.get(cursor) == Some(&b'+')
            && !line[cursor + 1..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit() || matches!(c, '£' | '$' | '€'));
        if open_ended {
            cursor += 1;
        }
        let (before, start) = currency_before(line, start_digits);
        // A code between two amounts (`1 CHF 2`) belongs to the first:
        // amounts never overlap, so every slice between them is valid.
        let previous_end = amounts.last().map_or(0, |a: &Amount| a.end);
        let (before, start) = if start < previous_end {
            (None, start_digits.max(previous_end))
        } else {
            (before, start)
        };
        let (after, end_code) = currency_after(line, cursor);
        let currency = after.or(before).or(lakh.then_some(Currency::Inr));
        let value = if lakh {
            read_lakhs(raw)
        } else if currency == Some(Currency::Inr) {
            read_number(raw, thousands).or_else(|| read_indian_grouping(raw))
        } else {
            read_number(raw, thousands)
        };
        amounts.push(Amount {
            start,
            end: end_code,
            value,
            currency,
            thousands,
            open_ended,
            dollar: after.is_none() && line[start..start_digits].trim() == "$",
            lakh,
        });
        i = cursor.max(end);
    }
    amounts
}

/// How many bytes of `rest` say the amount before it is in lakhs
/// (` LPA`, ` lakh`, ` lakhs per annum`, `L`); 0 when they do not.
fn lakh_after(rest: &str) -> usize {
    let trimmed = rest.trim_start_matches(' ');
    let spaces = rest.len() - trimmed.len();
    let lower = trimmed.to_ascii_lowercase();
    for word in ["l.p.a.", "lpa", "lakhs", "lakh", "lacs", "lac"] {
        if lower.starts_with(word)
            && !lower[word.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
        {
            return spaces + word.len();
        }
    }
    0
}

/// An amount in lakhs (`4.5` lakh is 450,000).
fn read_lakhs(raw: &str) -> Option<u64> {
    let (whole, fraction) = raw.split_once('.').unwrap_or((raw, ""));
    let whole: u64 = whole.replace(',', "").parse().ok()?;
    let fraction = fraction.get(..fraction.len().min(5))?;
    let scale = 10u64.pow(u32::try_from(5 - fraction.len()).ok()?);
    let part: u64 = if fraction.is_empty() {
        0
    } else {
        fraction.parse().ok()?
    };
    let value = whole.checked_mul(100_000)?.checked_add(part * scale)?;
    (value > 0).then_some(value)
}

/// Rupees grouped the Indian way (`12,00,000`, `1,20,00,000`): the last
/// group of three, the others of two.
fn read_indian_grouping(raw: &str) -> Option<u64> {
    let groups: Vec<&str> = raw.split(',').collect();
    let (last, rest) = groups.split_last()?;
    let (head, middle) = rest.split_first()?;
    let ok = last.len() == 3
        && (1..=2).contains(&head.len())
        && middle.iter().all(|g| g.len() == 2)
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    ok.then(|| groups.concat().parse().ok()).flatten()
}

fn digit_run(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count()
}

/// Signs and codes written before an amount, longest first, so `CA$` is
/// read before `$`: each currency's code and its own sign from the ISO table
/// ([`Currency::own_sign`]), and the dollar prefixes people write.
fn signs_before() -> &'static [(String, Currency)] {
    static SIGNS: LazyLock<Vec<(String, Currency)>> = LazyLock::new(|| {
        let mut signs: Vec<(String, Currency)> = [
            ("£", Currency::Gbp),
            ("€", Currency::Eur),
            ("CA$", Currency::Cad),
            ("C$", Currency::Cad),
            ("US$", Currency::Usd),
            ("A$", Currency::Aud),
            ("AU$", Currency::Aud),
            ("NZ$", Currency::Nzd),
            ("S$", Currency::Sgd),
            ("SG$", Currency::Sgd),
            ("Rs.", Currency::Inr),
            ("Rs", Currency::Inr),
            ("$", Currency::Usd),
        ]
        .into_iter()
        .map(|(s, c)| (s.to_owned(), c))
        .collect();
        for c in Currency::ALL {
            signs.push((c.code().to_owned(), c));
            if let Some(sign) = c.own_sign() {
                signs.push((sign, c));
            }
        }
        signs.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
        signs.dedup_by(|a, b| a.0 == b.0);
        signs
    });
    &SIGNS
}

/// A currency symbol directly before the digits, allowing one space (`£ 94,500`).
fn currency_before(line: &str, digits_start: usize) -> (Option<Currency>, usize) {
    let before = &line[..digits_start];
    let trimmed = before.strip_suffix(' ').unwrap_or(before);
    for (symbol, currency) in signs_before() {
        if let Some(rest) = trimmed.strip_suffix(symbol.as_str()) {
            let is_word = symbol.chars().all(|c| c.is_ascii_alphabetic() || c == '.');
            if is_word && rest.ends_with(|c: char| c.is_alphanumeric()) {
                continue;
            }
            // `R$`, `HK$`, `MX$`: dollars or reais careers does not know,
            // never US dollars.
            if symbol == "$" && rest.ends_with(|c: char| c.is_ascii_uppercase()) {
                return (None, digits_start);
            }
            return (Some(*currency), rest.len());
        }
    }
    (None, digits_start)
}

/// A currency code after an amount (`90,000 CAD`), or a sign written after
/// it (`8 000 zł`), and where it ends.
fn currency_after(line: &str, amount_end: usize) -> (Option<Currency>, usize) {
    static SIGNS: LazyLock<Vec<(String, Currency)>> = LazyLock::new(|| {
        Currency::ALL
            .into_iter()
            .flat_map(|c| {
                [Some(c.code().to_owned()), c.own_sign()]
                    .into_iter()
                    .flatten()
                    .map(move |name| (name, c))
            })
            .collect()
    });
    let rest = &line[amount_end..];
    let code = rest.strip_prefix(' ').unwrap_or(rest);
    for (name, currency) in SIGNS.iter() {
        if code.starts_with(name.as_str())
            && !code[name.len()..].starts_with(|c: char| c.is_alphanumeric())
        {
            return (Some(*currency), line.len() - code.len() + name.len());
        }
    }
    (None, amount_end)
}

/// The dollars a bare `$` means on this line: Canadian when the line says
/// `CAD` (or `Canadian`), US when it says `USD`, else the site's `dollar`.
fn dollar_currency(line: &str, dollar: Currency) -> Currency {
    let lower = line.to_lowercase();
    if find_word(&lower, "cad").is_some() || find_word(&lower, "canadian").is_some() {
        Currency::Cad
    } else if find_word(&lower, "usd").is_some() {
        Currency::Usd
    } else {
        dollar
    }
}

/// Whether the digits at `at` are a grade or step: after `XX-` (`GS-15`,
/// `CS-04`) or after the word step, grade or level.
fn is_grade_number(line: &str, at: usize) -> bool {
    let before = &line[..at];
    if let Some(letters) = before.strip_suffix('-') {
        let word: String = letters
            .chars()
            .rev()
            .take_while(char::is_ascii_alphabetic)
            .collect();
        let bounded = letters[..letters.len() - word.len()]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        return (1..=4).contains(&word.len()) && bounded;
    }
    let word = before.trim_end_matches(' ');
    let spaced = word.len() < before.len();
    let letters = word
        .bytes()
        .rev()
        .take_while(u8::is_ascii_alphabetic)
        .count();
    let last = word[word.len() - letters..].to_ascii_lowercase();
    spaced && matches!(last.as_str(), "step" | "grade" | "level")
}

/// Byte ranges of the sentences in a line that are about the pay system's
/// cap or a locality's maximum, not the role's band.
fn cap_sentences(line: &str) -> Vec<std::ops::Range<usize>> {
    const CAP: &[&str] = &[
        "pay system",
        "maximum salary available",
        "salary cap",
        "pay cap",
        "pay limit",
        "maximum pay",
    ];
    // ASCII lowercasing keeps byte offsets, so `lower` slices like `line`.
    let lower = line.to_ascii_lowercase();
    if !CAP.iter().any(|c| lower.contains(c)) {
        return Vec::new();
    }
    let mut ranges = Vec::new();
    let mut start = 0;
    for (i, _) in line
        .match_indices(". ")
        .chain(std::iter::once((line.len(), "")))
    {
        let sentence = lower.get(start..i).unwrap_or("");
        if CAP.iter().any(|c| sentence.contains(c)) {
            ranges.push(start..i);
        }
        start = i + 1;
    }
    ranges
}

/// How many bytes a space at `at` takes (a space, a no-break space, a
/// narrow no-break space or a thin space), if one is there.
fn space_at(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at..)? {
        [b' ', ..] => Some(1),
        [0xC2, 0xA0, ..] => Some(2),
        [0xE2, 0x80, 0xAF | 0x89, ..] => Some(3),
        _ => None,
    }
}

/// How many digits stand right before `end`, back to `start` or the last
/// character that is not a digit: a group of thousands has at most three.
fn group_before(bytes: &[u8], start: usize, end: usize) -> usize {
    bytes[start..end]
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_digit())
        .count()
}

/// How many bytes an apostrophe at `at` takes (`'` or `’`), if one is there.
fn apostrophe_at(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at..)? {
        [b'\'', ..] => Some(1),
        [0xE2, 0x80, 0x99, ..] => Some(3),
        _ => None,
    }
}

/// `45,900` -> 45900; `60k` -> 60000; `45.5k` -> 45500; `30,000.00` -> 30000.
/// `None` when the comma groups are not thousands (`60,00`).
fn read_number(raw: &str, thousands: bool) -> Option<u64> {
    if !thousands && let Some(value) = dot_grouped(raw) {
        return (value > 0).then_some(value);
    }
    let (whole, fraction) = match raw.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (raw, None),
    };
    let compact: String = whole
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}'))
        .map(|c| if matches!(c, '\'' | '’') { ',' } else { c })
        .collect();
    let mut groups = compact.split(',');
    let head = groups.next()?;
    if head.is_empty() || head.len() > 9 {
        return None;
    }
    let mut digits = head.to_owned();
    let mut grouped = false;
    for group in groups {
        if group.len() != 3 || (head.len() > 3) {
            return None;
        }
        grouped = true;
        digits.push_str(group);
    }
    let mut value: u64 = digits.parse().ok()?;
    match (fraction, thousands) {
        (Some(f), true) if !grouped => {
            let f = f.get(..f.len().min(3))?;
            let scale = 10u64.pow(u32::try_from(3 - f.len()).ok()?);
            value = value * 1000 + f.parse::<u64>().ok()? * scale;
        }
        (Some(f), false) if f.len() == 2 => {} // pence: `30,000.00`
        (Some(_), _) => return None,
        (None, true) => value = value.checked_mul(1000)?,
        (None, false) => {}
    }
    (value > 0).then_some(value)
}

/// Thousands grouped by points, as most of Europe writes them (`60.000`,
/// `1.250.000`, with cents after a comma: `4.500,50`): a point followed by
/// exactly three digits, every time. `None` for anything else (`60.5`,
/// `30,000.00`), which [`read_number`] reads as written in English.
fn dot_grouped(raw: &str) -> Option<u64> {
    let (whole, cents) = match raw.split_once(',') {
        Some((whole, cents)) => (whole, Some(cents)),
        None => (raw, None),
    };
    if cents.is_some_and(|c| !(1..=2).contains(&c.len()) || !c.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let mut groups = whole.split('.');
    let head = groups.next()?;
    if !(1..=3).contains(&head.len()) || !head.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut digits = head.to_owned();
    let mut grouped = false;
    for group in groups {
        if group.len() != 3 || !group.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        grouped = true;
        digits.push_str(group);
    }
    if !grouped {
        return None;
    }
    digits.parse().ok()
}

/// Whether the text between two amounts makes them a range; grades and
/// steps between them do not count (`$94,373 to GS-13 Step 10 $150,703`).
fn is_range_separator(between: &str) -> bool {
    let words: Vec<&str> = between.split_whitespace().collect();
    let mut kept = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i].trim_end_matches(':');
        let step = matches!(w.to_ascii_lowercase().as_str(), "step" | "grade" | "level")
            && words
                .get(i + 1)
                .is_some_and(|n| n.trim_end_matches(':').bytes().all(|b| b.is_ascii_digit()));
        if step {
            i += 2;
            continue;
        }
        if !is_grade_word(w) {
            kept.push(w);
        }
        i += 1;
    }
    // `min="$60,000" max="$75,000"`: a template's range parameters.
    matches!(
        kept.join(" ").as_str(),
        "-" | "–" | "—" | "to" | "and" | "−" | "--" | "up to" | "\" max=\""
    )
}

/// A label that names a grade or step (`Grade 7`, `GS-15 Step 1`), not a place.
fn is_grade_label(label: &str) -> bool {
    let words: Vec<&str> = label.split_whitespace().collect();
    words.iter().any(|w| is_grade_word(w))
        || words.windows(2).any(|w| {
            matches!(
                w[0].to_ascii_lowercase().as_str(),
                "step" | "grade" | "level"
            ) && w[1].bytes().all(|b| b.is_ascii_digit())
        })
}

/// `GS-13`, `GS13`, `CS-04`: letters then a number.
fn is_grade_word(word: &str) -> bool {
    let letters = word.bytes().take_while(u8::is_ascii_uppercase).count();
    let rest = word[letters..]
        .strip_prefix('-')
        .unwrap_or(&word[letters..]);
    (1..=4).contains(&letters)
        && (1..=2).contains(&rest.len())
        && rest.bytes().all(|b| b.is_ascii_digit())
}

/// `UK: £59,500` or `*London:* £30000`: the label before a colon, unless it is a
/// word like "Salary" that only says what follows.
fn leading_location(line: &str, first_amount: usize) -> Option<String> {
    let head = &line[..first_amount];
    let (label, _) = head.rsplit_once(':')?;
    let mut label = clean_words(label);
    // "Salary outside London:" names a place after the word "Salary".
    for prefix in ["salary range ", "salary ", "pay "] {
        if let Some(rest) = label
            .get(prefix.len()..)
            .filter(|_| label[..prefix.len()].eq_ignore_ascii_case(prefix))
        {
            label = clean_words(rest);
            break;
        }
    }
    let lower = label.to_lowercase();
    let is_label = names_pay(&lower)
        || LABELS
            .iter()
            .any(|l| lower == *l || lower.ends_with(&format!(" {l}")));
    let sentence =
        label.split_whitespace().count() > 10 || label.chars().any(|c| c.is_ascii_digit());
    (!label.is_empty() && !is_label && !sentence).then_some(label)
}

/// A place never names pay: "Range:" or "The base salary range for this
/// position is:" say what follows, like "Salary:". `lower` is lowercased.
fn names_pay(lower: &str) -> bool {
    lower.split_whitespace().any(|w| PAY_WORDS.contains(&w))
}

/// The location of a later band: `(London weighting £..`, `with a London-weighting of £..`,
/// `; London: £..`.
fn inline_location(gap: &str) -> Option<String> {
    // ASCII lowercasing keeps byte offsets, so `at` indexes `gap` too.
    let lower = gap.to_ascii_lowercase();
    if let Some(at) = lower.find("weighting") {
        let before = gap[..at].trim_end_matches(['-', ' ']);
        let words: Vec<&str> = before
            .split(['(', ',', ';'])
            .next_back()
            .unwrap_or("")
            .split_whitespace()
            .filter(|w| {
                !matches!(
                    w.to_lowercase().as_str(),
                    "with" | "a" | "an" | "the" | "plus"
                )
            })
            .collect();
        let location = clean_words(&words.join(" "));
        return (!location.is_empty()).then_some(location);
    }
    let (label, _) = gap.rsplit_once(':')?;
    let label = label.rsplit([',', ';', '(', '.']).next().unwrap_or("");
    let label = clean_words(label);
    let lower = label.to_lowercase();
    let is_label = LABELS.contains(&lower.as_str()) || names_pay(&lower) || is_grade_label(&label);
    (!label.is_empty() && !is_label && label.split_whitespace().count() <= 8).then_some(label)
}

/// A place in brackets at the start of `text` (`(London), ...`): a few
/// capitalised words or "elsewhere", never a period, a note or a number.
fn place_in_brackets(text: &str) -> Option<String> {
    let inner = text.trim_start().strip_prefix('(')?;
    let inner = &inner[..inner.find(')')?];
    let words: Vec<&str> = inner.split_whitespace().collect();
    let lower = inner.to_lowercase();
    let place = !words.is_empty()
        && words.len() <= 4
        && !inner.chars().any(|c| c.is_ascii_digit())
        && stated_period(inner).is_none()
        && !names_pay(&lower)
        && (words[0].starts_with(char::is_uppercase)
            || matches!(lower.as_str(), "elsewhere" | "outside london" | "remote"))
        && !FILLER.iter().any(|f| lower == *f)
        && !matches!(
            lower.as_str(),
            "gross" | "net" | "base" | "ote" | "pro rata" | "fte" | "usd" | "gbp" | "eur"
        );
    place.then(|| clean_words(inner))
}

/// Qualifying words after a band (`basic with OTE`, `+ commission`), without filler.
fn note_after(text: &str) -> Option<String> {
    let text = text.split(['(', ';', '<']).next().unwrap_or("");
    let lower = text.to_lowercase();
    // Text that introduces the next band's location is not a note.
    if lower.contains("weighting") || lower.trim_end().ends_with(':') {
        return None;
    }
    let mut note = text.trim().to_owned();
    let periods = [DAY, HOUR, MONTH, YEAR].into_iter().flatten();
    for filler in FILLER.iter().chain(periods) {
        // ASCII lowercasing keeps byte offsets, so `at` indexes `note` too.
        let l = note.to_ascii_lowercase();
        if let Some(at) = find_word(&l, filler) {
            note.replace_range(at..at + filler.len(), " ");
        }
    }
    let note = note
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | '-' | '–' | '/'))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let useful = note.chars().any(char::is_alphabetic)
        && note.len() <= 60
        && note.split_whitespace().count() <= 8;
    useful.then_some(note)
}

/// Whether `text` ends with `word` (ASCII, any case) as a whole word.
fn ends_with_word(text: &str, word: &str) -> bool {
    let text = text.trim_end();
    text.len() >= word.len()
        && text.is_char_boundary(text.len() - word.len())
        && text[text.len() - word.len()..].eq_ignore_ascii_case(word)
        && text[..text.len() - word.len()]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
}

/// Where `word` first stands in `haystack` as a whole word (no letter or
/// digit either side).
pub(crate) fn find_word(haystack: &str, word: &str) -> Option<usize> {
    haystack
        .match_indices(word)
        .map(|(i, _)| i)
        .find(|&i| stands_alone(haystack, i, i + word.len()))
}

/// The period a line says its pay is for, in English or in the words
/// European postings use (`pro Monat`, `par mois`, `al mese`, `per maand`,
/// `por mes`, ...); `None` when it says none.
fn stated_period(line: &str) -> Option<Period> {
    let lower = line.to_lowercase();
    let said = PeriodWords::get().said(&lower);
    // A day rate wins over any other word the line holds, then an hour...
    PERIODS
        .iter()
        .zip(said)
        .find_map(|(p, said)| said.then_some(p.0))
}

/// Each period with the words that say it (whole words) and the marks that
/// say it anywhere (`/day`, `p.a.`), in the order [`stated_period`] tries
/// them.
const PERIODS: [(Period, &[&str], &[&str]); 4] = [
    (Period::Day, DAY, &["/day"]),
    (Period::Hour, HOUR, &["/hr", "/hour", "/h ", "/stunde"]),
    (
        Period::Month,
        MONTH,
        &["/month", "/mth", "/monat", "/mois", "/mese", "/mes"],
    ),
    (
        Period::Year,
        YEAR,
        &["/year", "/yr", "p.a.", "/jahr", "/an ", "/anno", "/año"],
    ),
];

/// Every word and mark of [`PERIODS`], found in one pass over a line (a
/// search per word was a third of reading a pay line).
struct PeriodWords {
    words: AnyOf,
    /// For each word: its period's place in [`PERIODS`] and whether it must
    /// stand as a whole word.
    patterns: Vec<(usize, bool)>,
}

impl PeriodWords {
    fn get() -> &'static PeriodWords {
        static WORDS: LazyLock<PeriodWords> = LazyLock::new(|| {
            let mut texts = Vec::new();
            let mut patterns = Vec::new();
            for (i, (_, words, marks)) in PERIODS.iter().enumerate() {
                for (list, whole) in [(*words, true), (*marks, false)] {
                    texts.extend(list.iter().copied());
                    patterns.extend(list.iter().map(|_| (i, whole)));
                }
            }
            PeriodWords {
                words: AnyOf::new(&texts),
                patterns,
            }
        });
        &WORDS
    }

    /// Which of [`PERIODS`] a lowercased line says.
    fn said(&self, lower: &str) -> [bool; 4] {
        let mut said = [false; 4];
        for (found, pattern) in self.words.find_overlapping(lower) {
            let Some(&(i, whole)) = self.patterns.get(pattern) else {
                continue;
            };
            if !whole || stands_alone(lower, found.start, found.end) {
                said[i] = true;
            }
        }
        said
    }
}

/// Whether `haystack[start..end]` has no letter or digit either side.
fn stands_alone(haystack: &str, start: usize, end: usize) -> bool {
    let before = haystack[..start].chars().next_back();
    let after = haystack[end..].chars().next();
    before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
}

/// Words that say pay is for a day, in the languages [`stated_period`] reads.
const DAY: &[&str] = &[
    "per day",
    "a day",
    "day rate",
    "daily",
    "pro tag",
    "par jour",
    "al giorno",
    "per dag",
    "por día",
    "por dia",
];
/// ... for an hour.
const HOUR: &[&str] = &[
    "per hour",
    "an hour",
    "hourly",
    "pro stunde",
    "par heure",
    "de l'heure",
    "all'ora",
    "per uur",
    "por hora",
];
/// ... for a month.
const MONTH: &[&str] = &[
    "per month",
    "a month",
    "monthly",
    "pro monat",
    "im monat",
    "monatlich",
    "par mois",
    "mensuel",
    "al mese",
    "mensile",
    "per maand",
    "por mes",
    "al mes",
    "mensual",
    "por mês",
    "mensal",
    "mês",
    "mēnesī",
];
/// ... for a year.
const YEAR: &[&str] = &[
    "per year",
    "a year",
    "per annum",
    "annual",
    "annually",
    "yearly",
    "pro jahr",
    "jährlich",
    "par an",
    "annuel",
    "all'anno",
    "annuo",
    "lordi annui",
    "per jaar",
    "por año",
    "al año",
    "anual",
    "por ano",
    "anuales",
    "anuais",
    "gadā",
];

/// Drops Markdown emphasis and surrounding punctuation from a label.
fn clean_words(text: &str) -> String {
    text.replace(['*', '_', '`'], "")
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '-' | ':' | '(' | ')' | ',' | '.'))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    // Found by fuzzing: a code between two numbers was read with both, and
    // slicing the text between them panicked.
    #[test]
    fn overlapping_amounts_never_panic() {
        let line = " 2USD 222 USD 2USD 2USD";
        let read = super::parse_line(line);
        for band in read.bands {
            assert!(band.max().is_none_or(|max| max >= band.min()));
        }
    }

    use test_case::test_case;

    use super::*;

    #[test]
    fn periods_are_found_in_one_pass_as_by_a_search_per_word() {
        // The search per word this replaced, kept here as the reference.
        let by_word = |lower: &str| -> [bool; 4] {
            PERIODS.map(|(_, words, marks)| {
                words.iter().any(|w| find_word(lower, w).is_some())
                    || marks.iter().any(|m| lower.contains(m))
            })
        };
        for line in [
            "£450 per day, or £60 an hour",
            "$120,000 a year (annually reviewed)",
            "€3.000 al mese lordi",
            "£30/hr, paid monthly",
            "salary: £40,000 p.a.",
            "daily stand-ups; yearly bonus",
            "the annuity is not pay",
            "€2.000 por mês",
            "4.000 € pro monat",
            "no period at all",
            "",
        ] {
            assert_eq!(PeriodWords::get().said(line), by_word(line), "{line}");
        }
        assert_eq!(
            stated_period("£450 per day or £60 an hour"),
            Some(Period::Day)
        );
        assert_eq!(stated_period("the annuity is not pay"), None);
    }

    type Expected<'a> = &'a [(Option<&'a str>, u64, Option<u64>, Option<&'a str>)];

    type Read = (Option<String>, u64, Option<u64>, Option<String>);

    fn bands(line: &str) -> Vec<Read> {
        parse_line(line)
            .bands
            .iter()
            .map(|b| {
                (
                    b.location().map(str::to_owned),
                    b.min(),
                    b.max(),
                    b.note().map(str::to_owned),
                )
            })
            .collect()
    }

    #[test_case("This role has a salary of £60-75k depending on experience.", &[(None, 60_000, Some(75_000), None)]; "k on one side")]
    #[test_case("£45k-£60k", &[(None, 45_000, Some(60_000), None)]; "k on both")]
    #[test_case("£40,000-£50,000 per annum", &[(None, 40_000, Some(50_000), None)]; "per annum")]
    #[test_case("£27000 to £36000", &[(None, 27_000, Some(36_000), None)]; "to")]
    #[test_case("£81,900+", &[(None, 81_900, None, None)]; "open ended")]
    #[test_case("UK: £59,500 - £85,000", &[(Some("UK"), 59_500, Some(85_000), None)]; "location label")]
    #[test_case("London: £30000 to £39000", &[(Some("London"), 30_000, Some(39_000), None)]; "emphasised label")]
    #[test_case("London & South East: £40,162 - £75,862", &[(Some("London & South East"), 40_162, Some(75_862), None)]; "region")]
    #[test_case("Birmingham, Bristol, Glasgow, Manchester and Newcastle: £81,900+", &[(Some("Birmingham, Bristol, Glasgow, Manchester and Newcastle"), 81_900, None, None)]; "open ended cities")]
    #[test_case("£72,250 - £114, 250 (London weighting £75,862 - £120,487)", &[(None, 72_250, Some(114_250), None), (Some("London"), 75_862, Some(120_487), None)]; "weighting in brackets")]
    #[test_case("£38,250 - £72,250 with a London-weighting of £40,162 - £75,862", &[(None, 38_250, Some(72_250), None), (Some("London"), 40_162, Some(75_862), None)]; "with a weighting")]
    #[test_case("£ 94,500", &[(None, 94_500, Some(94_500), None)]; "space after symbol")]
    #[test_case("49,500 - £65,000", &[(None, 49_500, Some(65_000), None)]; "symbol on one side")]
    #[test_case("£50,000 - £60,000 basic with OTE", &[(None, 50_000, Some(60_000), Some("basic with OTE"))]; "ote note")]
    #[test_case("£35,000 + commission", &[(None, 35_000, Some(35_000), Some("+ commission"))]; "commission note")]
    #[test_case("Salary: £45,900-£63,000", &[(None, 45_900, Some(63_000), None)]; "salary label is not a location")]
    #[test_case("Salary outside London: £54,000 - £63,000", &[(Some("outside London"), 54_000, Some(63_000), None)]; "salary then place")]
    #[test_case("£45,900-£63,000", &[(None, 45_900, Some(63_000), None)]; "no spaces")]
    #[test_case("London: £30000 to £39000\\", &[(Some("London"), 30_000, Some(39_000), None)]; "hard break")]
    #[test_case("UK £40,000 – £50,000; London £45,000 – £55,000", &[(None, 40_000, Some(50_000), None), (None, 45_000, Some(55_000), None)]; "two ranges with en dashes")]
    #[test_case("£450 - £550 per day", &[(None, 450, Some(550), None)]; "day rate")]
    #[test_case("from 2000 up to 3000 EUR per month", &[(None, 2_000, Some(3_000), None)]; "from up to")]
    #[test_case("£50,000 (London), £45,000 (elsewhere)", &[(Some("London"), 50_000, Some(50_000), None), (Some("elsewhere"), 45_000, Some(45_000), None)]; "places in brackets")]
    #[test_case("£50,000 (pro rata)", &[(None, 50_000, Some(50_000), None)]; "a note in brackets is no place")]
    #[test_case("Up to €70,000 per year plus bonus", &[(None, 70_000, Some(70_000), Some("up to, plus bonus"))]; "a ceiling with a note")]
    #[test_case("R$ 8.000 - R$ 12.000 / mês", &[]; "reais are not dollars")]
    #[test_case("HK$ 30,000 - HK$ 40,000 per month", &[]; "hong kong dollars are not us dollars")]
    #[test_case("Retribuzione: 30.000 - 38.000 € lordi annui", &[(None, 30_000, Some(38_000), None)]; "an italian pay label")]
    #[test_case("from €2000 up to €3000 gross per month", &[(None, 2_000, Some(3_000), Some("gross"))]; "from up to with signs")]
    #[test_case("Salary: from £30,000", &[(None, 30_000, None, None)]; "from alone is a floor")]
    #[test_case("up to €3,000 per month", &[(None, 3_000, Some(3_000), Some("up to"))]; "up to alone is a ceiling")]
    #[test_case("CTC: 12 LPA to 18 LPA", &[(None, 1_200_000, Some(1_800_000), None)]; "ctc is a label")]
    #[test_case("Wherefrom: £30,000", &[(Some("Wherefrom"), 30_000, Some(30_000), None)]; "from inside a word is no floor")]
    #[test_case("GS-15 - $105,123 to $136,659", &[(None, 105_123, Some(136_659), None)]; "grade before a dollar range")]
    #[test_case("GS-14 Step 1 $111,521 to GS-14 Step 10 $176,300", &[(None, 111_521, Some(176_300), None)]; "steps between the amounts")]
    #[test_case("Base salary GS-12 - $72,553.00 to $ 94,317.00<br>", &[(None, 72_553, Some(94_317), None)]; "pence and a break tag")]
    #[test_case("Range: $89,000 - $116,000", &[(None, 89_000, Some(116_000), None)]; "range label is not a location")]
    #[test_case("The base salary range for this position is: $106,000 to $138,000", &[(None, 106_000, Some(138_000), None)]; "a sentence about pay is not a location")]
    #[test_case("Grade 7: £38,000 - £44,000", &[(None, 38_000, Some(44_000), None)]; "grade word is not a location or an amount")]
    #[test_case("Note the maximum salary available for the GS pay system is $191,900.", &[]; "pay system cap")]
    #[test_case("$58,000 to $71,000. The pay cap for the scale is $99,000", &[(None, 58_000, Some(71_000), None)]; "cap sentence after the band")]
    #[test_case("{% include pay.html min=\"$61,000\" max=\"$79,000\" %}", &[(None, 61_000, Some(79_000), None)]; "template range parameters")]
    #[test_case("We opened in 2019 with 12 people.", &[]; "numbers in prose")]
    #[test_case("UK: TBC", &[]; "to be confirmed")]
    fn reads_salary_shapes(line: &str, expected: Expected<'_>) {
        let expected: Vec<_> = expected
            .iter()
            .map(|(l, min, max, n)| (l.map(str::to_owned), *min, *max, n.map(str::to_owned)))
            .collect();
        assert_eq!(bands(line), expected);
    }

    #[test]
    fn letters_that_grow_when_lowercased_never_break_a_line() {
        // 'İ' lowercases to three bytes from two: offsets into a lowercased
        // copy must not be used on the original.
        let read = parse_line("£30,000 - £40,000 (İİİİİİİİİİİ weighting £35,000 - £45,000)");
        assert_eq!(read.bands.len(), 2);
        let read = parse_line("£30,000 - £40,000 İİİİİİİİİİİİİ depending on experience €");
        assert_eq!(read.bands.len(), 1);
    }

    #[test]
    fn unreadable_amount_is_reported_and_invents_nothing() {
        let line = parse_line("£60,00 - £75,000");
        assert!(line.bands.is_empty());
        assert_eq!(line.unreadable.len(), 1);
        assert_eq!(line.unreadable[0].text, "£60,00");
    }

    #[test]
    fn inverted_range_is_reported() {
        let line = parse_line("£75,000 - £60,000");
        assert!(line.bands.is_empty());
        assert_eq!(line.unreadable.len(), 1);
    }

    #[test_case("INR 18-24 LPA", Currency::Inr; "lakhs per annum")]
    #[test_case("CHF 95'000", Currency::Chf; "swiss grouping")]
    #[test_case("AUD 120,000 - 140,000", Currency::Aud; "aud code before")]
    #[test_case("A$120,000 - A$140,000", Currency::Aud; "aud prefix")]
    #[test_case("CHF 120,000 - 140,000 per year", Currency::Chf; "swiss francs")]
    #[test_case("¥8,000,000 - ¥10,000,000", Currency::Jpy; "yen sign")]
    #[test_case("550,000 - 650,000 SEK", Currency::Sek; "sek code after")]
    #[test_case("NZ$90,000", Currency::Nzd; "nzd prefix")]
    #[test_case("S$96,000 - S$120,000", Currency::Sgd; "sgd prefix")]
    #[test_case("PLN 18,000 - 24,000 per month", Currency::Pln; "zloty code")]
    #[test_case("₹12,00,000 - ₹18,00,000 CTC", Currency::Inr; "rupee sign with indian grouping")]
    #[test_case("$90,000 - $110,000 USD", Currency::Usd; "usd code after")]
    #[test_case("$72,000 to $95,000 CAD", Currency::Cad; "cad code makes dollars canadian")]
    #[test_case("CA$64,000 - CA$80,000", Currency::Cad; "ca dollar symbol")]
    #[test_case("CAD 64,000 - 80,000", Currency::Cad; "cad code before")]
    #[test_case("€52,000 - €60,000", Currency::Eur; "euro sign")]
    #[test_case("52,000 EUR", Currency::Eur; "eur code after")]
    #[test_case("$50,000", Currency::Usd; "bare dollar is us")]
    fn reads_currencies(line: &str, currency: Currency) {
        let got: Vec<_> = parse_line(line)
            .bands
            .iter()
            .map(SalaryBand::currency)
            .collect();
        assert_eq!(got, [currency]);
    }

    #[test_case("INR 18-24 LPA", (1_800_000, Some(2_400_000)); "a range in lakhs")]
    #[test_case("£10,000 CHF 20,000", (10_000, Some(10_000)); "a code between amounts belongs to the first")]
    #[test_case("₹4.5 lakh per annum", (450_000, Some(450_000)); "a fraction of a lakh")]
    #[test_case("₹12,00,000 - ₹18,00,000 CTC", (1_200_000, Some(1_800_000)); "indian grouping")]
    #[test_case("¥8,000,000", (8_000_000, Some(8_000_000)); "yen")]
    #[test_case("CHF 95'000 – 110'000", (95_000, Some(110_000)); "swiss grouping")]
    #[test_case("CHF 95’000 - 110’000 per year", (95_000, Some(110_000)); "swiss grouping, typographic apostrophe")]
    #[test_case("CHF 1'250'000", (1_250_000, Some(1_250_000)); "swiss grouping twice")]
    #[test_case("£46 424 – £55 275", (46_424, Some(55_275)); "grouped by spaces")]
    #[test_case("46\u{a0}424 € - 55\u{202f}275 €", (46_424, Some(55_275)); "grouped by no-break spaces")]
    #[test_case("SEK 1 250 000", (1_250_000, Some(1_250_000)); "grouped by spaces twice")]
    #[test_case("£40,000 100% remote", (40_000, Some(40_000)); "a percentage after an amount is not its digits")]
    #[test_case("£40,000 100 days a year", (40_000, Some(40_000)); "no space grouping after commas")]
    fn reads_amounts_in_more_currencies(line: &str, expected: (u64, Option<u64>)) {
        let got: Vec<_> = parse_line(line)
            .bands
            .iter()
            .map(|b| (b.min(), b.max()))
            .collect();
        assert_eq!(got, [expected]);
    }

    #[test]
    fn a_site_that_says_its_period_reads_lines_that_name_none() {
        let read = parse_line_on_site(
            "from 2000 up to 3000 EUR (net)",
            Currency::Usd,
            Some(Period::Month),
        );
        assert_eq!(read.bands.len(), 1);
        assert_eq!(read.bands[0].period(), Period::Month);
        assert!(read.unreadable.is_empty());
        let stated = parse_line_on_site("€40,000 a year", Currency::Usd, Some(Period::Month));
        assert_eq!(
            stated.bands[0].period(),
            Period::Year,
            "the line's own period wins"
        );
    }

    #[test_case("$90,000 - $110,000", Currency::Cad; "a bare dollar takes the site's")]
    #[test_case("$90,000 - $110,000 USD", Currency::Usd; "a code after wins")]
    #[test_case("US$90,000", Currency::Usd; "us dollar symbol")]
    #[test_case("Salary: $90,000 (USD)", Currency::Usd; "a line that says usd")]
    #[test_case("£50,000", Currency::Gbp; "pounds stay pounds")]
    fn a_canadian_site_reads_a_bare_dollar_as_canadian(line: &str, currency: Currency) {
        let got: Vec<_> = parse_line_in(line, Currency::Cad)
            .bands
            .iter()
            .map(SalaryBand::currency)
            .collect();
        assert_eq!(got, [currency]);
    }

    #[test_case("$40 - $55 per hour", Period::Hour; "per hour")]
    #[test_case("$40/hr", Period::Hour; "slash hr")]
    #[test_case("€4,000/month", Period::Month; "slash month")]
    #[test_case("$38 hourly", Period::Hour; "hourly")]
    #[test_case("$95,000/yr", Period::Year; "slash yr")]
    #[test_case("$95,000 a year", Period::Year; "a year")]
    #[test_case("€70,000 annually", Period::Year; "annually")]
    #[test_case("4.500 € pro Monat", Period::Month; "german month")]
    #[test_case("€2.400 par mois", Period::Month; "french month")]
    #[test_case("€1.450 - €1.800 por mês", Period::Month; "portuguese month")]
    #[test_case("€30 per uur", Period::Hour; "dutch hour")]
    #[test_case("€2.000 por mes", Period::Month; "spanish month")]
    #[test_case("€35.000 lordi annui", Period::Year; "italian year")]
    fn reads_periods(line: &str, period: Period) {
        let line = parse_line(line);
        let got: Vec<_> = line
            .bands
            .iter()
            .map(|b| (b.period(), b.note().map(str::to_owned)))
            .collect();
        assert_eq!(got, [(period, None)]);
    }

    #[test]
    fn period_is_read() {
        let line = parse_line("£450 - £550 per day");
        assert_eq!(line.bands[0].period(), Period::Day);
    }

    #[test_case("60.000 € - 75.000 €", (60_000, Some(75_000)); "points group thousands")]
    #[test_case("€1.250.000", (1_250_000, Some(1_250_000)); "two groups")]
    #[test_case("4.500,50 € per month", (4_500, Some(4_500)); "cents after a comma")]
    #[test_case("£46.5k", (46_500, Some(46_500)); "a point before k is a decimal")]
    #[test_case("$60.50/hour", (60, Some(60)); "cents after a point")]
    #[test_case("£30,000.00", (30_000, Some(30_000)); "english grouping with pence")]
    fn reads_amounts_grouped_by_points_and_commas(line: &str, band: (u64, Option<u64>)) {
        let read = parse_line(line);
        let got: Vec<_> = read.bands.iter().map(|b| (b.min(), b.max())).collect();
        assert_eq!(got, [band], "{line}");
    }

    #[test_case("£25"; "pounds")]
    #[test_case("€4.500"; "euros grouped by a point")]
    #[test_case("$1,800 - $2,400"; "a range")]
    #[test_case("45 000 SEK"; "kronor")]
    fn an_amount_too_small_for_a_year_with_no_period_is_not_read(line: &str) {
        let read = parse_line(line);
        assert!(read.bands.is_empty(), "{line}: {:?}", read.bands);
        let [unread] = &read.unreadable[..] else {
            panic!("{line}: {:?}", read.unreadable);
        };
        assert!(
            unread.reason.contains("too little for a year"),
            "{}",
            unread.reason
        );
        assert!(unread.hint.contains("per month"), "{}", unread.hint);
    }

    #[test_case("£25 per hour"; "an hour")]
    #[test_case("£9,000 a year"; "a year said")]
    #[test_case("£18,000 - £22,000"; "a year's pay")]
    #[test_case("550.000 SEK"; "kronor for a year")]
    fn an_amount_with_its_period_or_large_enough_is_read(line: &str) {
        let read = parse_line(line);
        assert_eq!(read.bands.len(), 1, "{line}: {:?}", read.unreadable);
    }
}
