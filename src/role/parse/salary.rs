//! The salary phase: every line of a salary section, and any line elsewhere
//! that says "salary", read by [`crate::role::salary::parse_line`]; front
//! matter `salary` replaces them all.

use std::ops::Range;

use super::Reader;
use super::blocks::Body;
use super::fence::Fence;
use super::sections::Outline;
use crate::role::diagnostic::Code;
use crate::role::front_matter::{FrontMatter, SalaryValue};
use crate::role::model::{Currency, Period, SalaryBand, SectionKind};
use crate::role::salary;

impl Reader<'_> {
    /// The role's salary bands. Front matter `salary` replaces the body's,
    /// so the body's lines are not read then (nor warned about).
    pub(super) fn salary(
        &mut self,
        front: &FrontMatter,
        body: &Body<'_>,
        outline: &Outline,
    ) -> Vec<SalaryBand> {
        if let Some(value) = &front.salary {
            return self.front_matter_salary(&value.value, value.line);
        }
        let mut sections: Vec<Range<usize>> = outline
            .drafts
            .iter()
            .filter(|d| d.kind == SectionKind::Salary)
            .map(|d| {
                let range = d.body_range(body);
                body.to_file(range.start)..body.to_file(range.end)
            })
            .collect();
        // A bold `**Salary range:**` line opens a salary scope like a heading.
        sections.extend(
            outline
                .labels
                .iter()
                .filter(|l| l.kind == SectionKind::Salary)
                .map(|l| {
                    let start = body.start_of(l.blocks.start);
                    body.to_file(start)..body.to_file(body.start_of(l.blocks.end))
                }),
        );
        let mut bands = self.read_salary_lines(body.offset(), &sections);
        bands.dedup();
        bands
    }

    /// Reads salary lines in `sections` (file offsets) and lines elsewhere that
    /// mention salary, outside code fences and headings.
    fn read_salary_lines(
        &mut self,
        body_offset: usize,
        sections: &[Range<usize>],
    ) -> Vec<SalaryBand> {
        let mut bands = Vec::new();
        let mut offset = body_offset;
        let mut fence = Fence::default();
        let text = self.text;
        // Inside a Liquid `{% comment %}` the amounts are a template's notes.
        let mut in_comment = false;
        for raw in text[body_offset..].split_inclusive('\n') {
            let line_start = offset;
            offset += raw.len();
            if fence.line(raw) {
                continue;
            }
            // A heading is read only when it states pay itself
            // (`### Salary: £46,424 - £55,275`).
            let heading = raw.trim_start().starts_with('#');
            if heading && !mentions_salary(raw) {
                continue;
            }
            // Squashed only when it can hold a Liquid tag: most lines cannot.
            let squashed: String = match raw.contains('{') && raw.contains('%') {
                true => raw.split_whitespace().collect(),
                false => String::new(),
            };
            if squashed.contains("{%comment") {
                in_comment = !squashed.contains("{%endcomment");
                continue;
            }
            if in_comment {
                in_comment = !squashed.contains("{%endcomment");
                continue;
            }
            let in_section = sections.iter().any(|r| r.contains(&line_start));
            if !in_section && !mentions_salary(raw) {
                continue;
            }
            let (clean, shift) = strip_line_markup(raw.trim_start().trim_start_matches('#'));
            let mut read =
                salary::parse_line_on_site(&clean, self.options.dollar(), self.options.pay_period);
            // In a salary section, amounts with no currency at all are in
            // the site's, when `site.yaml` names one (`RAL 35-45k` on a
            // site whose `currency` is EUR).
            if let Some(site) = self.options.currency
                && in_section
                && read.bands.is_empty()
                && read.unreadable.is_empty()
                && bare_amount(&clean).is_some()
                && !clean.contains(['$', '£', '€', '¥', '₹'])
            {
                let with_currency = format!("{clean} {}", site.code());
                read = salary::parse_line_on_site(
                    &with_currency,
                    self.options.dollar(),
                    self.options.pay_period,
                );
            }
            if in_section
                && read.bands.is_empty()
                && read.unreadable.is_empty()
                && let Some(amount) = bare_amount(&clean)
            {
                let at = raw.find(amount).unwrap_or(0);
                self.warn(
                    line_start + at,
                    Code::SalaryUnreadable,
                    format!(
                        "cannot read the salary `{amount}`: it names no currency careers knows; no band was made"
                    ),
                )
                .hint = Some("write the currency with the amount, e.g. `€35,000 - €45,000` or `35,000 - 45,000 EUR`".into());
            }
            bands.extend(read.bands);
            for u in read.unreadable {
                let at = raw.find(&u.text).unwrap_or(shift + u.offset).min(raw.len());
                self.warn(
                    line_start + at,
                    Code::SalaryUnreadable,
                    format!(
                        "cannot read the salary `{}`: {}; no band was made",
                        u.text, u.reason
                    ),
                )
                .hint = Some(u.hint.into());
            }
        }
        bands
    }

    /// Front matter bands; one that cannot be read is a warning and left out.
    fn front_matter_salary(&mut self, value: &SalaryValue, line: u32) -> Vec<SalaryBand> {
        match value {
            SalaryValue::Line(text) => {
                let read = salary::parse_line_on_site(
                    text,
                    self.options.dollar(),
                    self.options.pay_period,
                );
                if read.bands.is_empty() || !read.unreadable.is_empty() {
                    self.warn_at(
                        (line, 1),
                        Code::FrontMatterValue,
                        format!("front matter: cannot read the salary `{text}`; it is left out"),
                    );
                }
                read.bands
            }
            SalaryValue::Bands(values) => {
                let mut bands = Vec::new();
                for v in values {
                    match SalaryBand::new(v.min, v.max) {
                        Ok(band) => bands.push(
                            band.with_location(v.location.clone())
                                .with_note(v.note.clone())
                                .with_currency(
                                    v.currency
                                        .or(self.options.currency)
                                        .unwrap_or(Currency::Gbp),
                                )
                                .with_period(v.period.unwrap_or(Period::Year)),
                        ),
                        Err(e) => {
                            self.warn_at(
                                (line, 1),
                                Code::FrontMatterValue,
                                format!("front matter: salary band: {e}; it is left out"),
                            );
                        }
                    }
                }
                bands
            }
        }
    }
}

fn mentions_salary(line: &str) -> bool {
    // Runs on every line of every file: look for a currency sign first (most
    // lines have none), then for "salary" in any case, without allocating.
    let (mut figure, mut maybe_sign) = (false, false);
    for b in line.bytes() {
        figure |= b.is_ascii_digit() || b == b'$';
        // The first bytes of `£` and `€` in UTF-8, and of an entity.
        maybe_sign |= matches!(b, 0xC2 | 0xE2 | b'&');
    }
    (figure
        || (maybe_sign && (line.contains('£') || line.contains('€') || has_currency_entity(line))))
        && (line
            .as_bytes()
            .windows(6)
            .any(|w| w.eq_ignore_ascii_case(b"salary"))
            || labelled_as_pay(line))
}

/// Labels that say a line states pay, though it says no "salary".
const PAY_LABELS: &[&str] = &[
    "pay",
    "pay range",
    "pay band",
    "pay scale",
    "base pay",
    "day rate",
    "daily rate",
    "hourly rate",
    "rate of pay",
    "compensation",
    "remuneration",
    "wage",
    "wages",
];

/// Whether a line starts with a label of pay: `Pay: $50 per hour`,
/// `- **Day rate:** £450`, `Compensation: $120k`, `### Pay: £30,000`.
fn labelled_as_pay(line: &str) -> bool {
    let text = line
        .trim_start()
        .trim_start_matches(['-', '*', '+', '_', '#', ' ']);
    let Some((label, _)) = text.split_once(':') else {
        return false;
    };
    let label = label.trim().trim_end_matches(['*', '_']).trim();
    label.len() <= 20 && PAY_LABELS.iter().any(|l| label.eq_ignore_ascii_case(l))
}

/// Whether a line writes a currency sign as an HTML entity (`&pound;`).
fn has_currency_entity(line: &str) -> bool {
    line.contains('&') && CURRENCY_ENTITIES.iter().any(|(e, _)| line.contains(e))
}

/// HTML entities for currency signs and spaces, as hand-written HTML has them.
const CURRENCY_ENTITIES: &[(&str, &str)] = &[
    ("&pound;", "£"),
    ("&#163;", "£"),
    ("&#xa3;", "£"),
    ("&euro;", "€"),
    ("&#8364;", "€"),
    ("&dollar;", "$"),
    ("&#36;", "$"),
    ("&yen;", "¥"),
    ("&#8377;", "₹"),
    ("&nbsp;", " "),
    ("&ndash;", "–"),
    ("&mdash;", "—"),
    ("&amp;", "&"),
];

/// Drops list markers, emphasis and a trailing `\` hard break from a line.
/// Returns the clean line and how many leading bytes were removed.
fn strip_line_markup(line: &str) -> (String, usize) {
    let trimmed = line.trim_start();
    let mut shift = line.len() - trimmed.len();
    let mut rest = trimmed;
    for marker in ["- ", "* ", "+ ", "> "] {
        if let Some(r) = rest.strip_prefix(marker) {
            shift += marker.len();
            rest = r;
            break;
        }
    }
    let mut decoded = rest.trim_end().to_owned();
    if decoded.contains('&') {
        for (entity, sign) in CURRENCY_ENTITIES {
            decoded = decoded.replace(entity, sign);
        }
    }
    let clean = strip_tags(&decoded)
        .trim_end()
        .trim_end_matches('\\')
        .replace("**", "")
        .replace(['*', '`'], "")
        .replace("__", "");
    (clean, shift)
}

/// Drops HTML tags (`<br>`), which say nothing about pay.
fn strip_tags(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push(' ');
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// The first amount in a line that names no currency: digits grouped in
/// thousands (`35.000`, `120,000`), a `k` amount (`45k`), or four or more
/// digits that are not a year. `None` when the line holds no such amount.
fn bare_amount(line: &str) -> Option<&str> {
    line.split(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '(' | ')' | '/' | ':'))
        .map(|t| t.trim_matches(|c: char| matches!(c, ',' | '.' | ';' | '*' | '_')))
        .find(|t| {
            let digits = t.bytes().filter(u8::is_ascii_digit).count();
            let grouped = digits >= 4
                && t.bytes()
                    .all(|b| b.is_ascii_digit() || matches!(b, b',' | b'.' | b'\''))
                && t.contains([',', '.', '\'']);
            let thousands = t.len() >= 2
                && t.ends_with(['k', 'K'])
                && t[..t.len() - 1].bytes().all(|b| b.is_ascii_digit());
            let plain = t.len() >= 4
                && t.bytes().all(|b| b.is_ascii_digit())
                && !t.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y));
            grouped || thousands || plain
        })
}

#[cfg(test)]
mod tests {
    use super::super::test_support::read;

    use super::super::test_support::role;
    use test_case::test_case;

    #[test]
    fn amounts_with_no_currency_in_a_salary_section_are_in_the_site_currency() {
        let read_on_site = |line: &str| {
            let text = format!("# Baker\n\nWe bake.\n\n## Salary\n\n{line}\n");
            let options = crate::role::mapping::ReadOptions {
                currency: Some(crate::role::model::Currency::Eur),
                ..Default::default()
            };
            crate::role::parse::parse_in(std::path::Path::new("x.md"), &text, options)
        };
        let p = read_on_site("RAL 35-45k");
        let band = p.role.as_ref().and_then(|r| r.salary.first().cloned());
        assert_eq!(
            band.map(|b| (b.min(), b.max(), b.currency())),
            Some((35_000, Some(45_000), crate::role::model::Currency::Eur))
        );
        // A sign careers does not know is never the site's currency.
        let p = read_on_site("R$ 8.000 - R$ 12.000 / mês");
        assert!(p.role.as_ref().is_some_and(|r| r.salary.is_empty()));
    }

    #[test_case("RAL 35-45k", true; "k amounts")]
    #[test_case("R$ 8.000 - R$ 12.000 / mês", true; "a currency careers does not know")]
    #[test_case("Salary reviewed every April since 2019", false; "a year")]
    #[test_case("Competitive", false; "no amount")]
    #[test_case("Grade 7", false; "a grade")]
    fn an_amount_with_no_currency_in_a_salary_section_is_warned(line: &str, warned: bool) {
        // (On a site that names no currency.)
        let p = read(
            "x.md",
            &format!("# Baker\n\nWe bake.\n\n## Salary\n\n{line}\n"),
        );
        let codes: Vec<&str> = p.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(
            codes.contains(&"salary-unreadable"),
            warned,
            "{line}: {codes:?}"
        );
    }

    fn amounts(text: &str) -> Vec<(u64, Option<u64>)> {
        role("x.md", text)
            .salary
            .iter()
            .map(|b| (b.min(), b.max()))
            .collect()
    }

    #[test]
    fn currency_signs_written_as_html_entities_are_read() {
        let text = "# X\n\n## Salary\n\n&pound;46,424 - &pound;55,275\n";
        assert_eq!(amounts(text), [(46_424, Some(55_275))]);
    }

    #[test_case("Pay: $50 per hour", true)]
    #[test_case("- **Day rate:** £450-£550", true)]
    #[test_case("Compensation: $120k - $140k", true)]
    #[test_case("We pay £1,000 towards your learning", false)]
    #[test_case("Payments team: 4 people", false)]
    fn a_line_labelled_as_pay_mentions_salary(line: &str, expected: bool) {
        assert_eq!(super::mentions_salary(line), expected);
    }

    #[test]
    fn pay_on_a_labelled_line_outside_a_salary_section_is_read() {
        let r = role(
            "x.md",
            "# Barista\n\nCoffee.\n\nPay: $18 - $22/hour\n\nWe brew.\n",
        );
        let bands: Vec<_> = r
            .salary
            .iter()
            .map(|b| (b.min(), b.max(), b.period()))
            .collect();
        assert_eq!(bands, [(18, Some(22), crate::role::model::Period::Hour)]);
    }

    #[test]
    fn a_heading_that_states_the_salary_is_read() {
        let text = "# X\n\nWe count.\n\n### Salary: £46,424 - £55,275\n\nMore.\n";
        assert_eq!(amounts(text), [(46_424, Some(55_275))]);
    }

    #[test]
    fn a_package_of_up_to_is_a_ceiling_not_a_place() {
        let r = role(
            "x.md",
            "# X\n\nWe count.\n\nSALARY SCALE: package of up to £73,000\n",
        );
        let band = &r.salary[0];
        assert_eq!(
            (band.min(), band.max(), band.location(), band.note()),
            (73_000, Some(73_000), None, Some("up to"))
        );
    }

    #[test_case::test_case("compensation: '£50,000 - £60,000'"; "compensation")]
    #[test_case::test_case("salary_range: '£50,000 - £60,000'"; "salary range")]
    #[test_case::test_case("pay: '£50,000 - £60,000'"; "pay")]
    fn foreign_pay_keys_are_the_salary(yaml: &str) {
        let text = format!("---\n{yaml}\n---\n# X\n");
        assert_eq!(amounts(&text), [(50_000, Some(60_000))]);
    }

    #[test]
    fn our_salary_key_wins_over_a_foreign_one() {
        let text = "---\npay: '£1,000'\nsalary: '£50,000'\n---\n# X\n";
        assert_eq!(amounts(text), [(50_000, Some(50_000))]);
    }

    #[test]
    fn unreadable_salary_warns_with_its_line() {
        let p = read("x.md", "# X\n\n## Salary\n\n- London: £60,00 - £70,000\n");
        let d = &p.diagnostics[0];
        assert_eq!(
            (d.code.as_str(), d.line, d.col),
            ("salary-unreadable", 5, 11)
        );
        assert_eq!(p.role.map(|r| r.salary.len()), Some(0));
    }

    #[test]
    fn body_salary_lines_that_front_matter_replaces_do_not_warn() {
        let text = "---\nsalary: £40,000 - £50,000\n---\n# X\n\n- Salary: £60,00\n\n## Salary\n\n£7,0 - £8\n";
        let p = read("x.md", text);
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        let bands = p
            .role
            .map(|r| r.salary.iter().map(|b| b.min()).collect::<Vec<_>>());
        assert_eq!(bands, Some(vec![40_000]));
        let p = read("x.md", "# X\n\n- Salary: £60,00\n");
        assert_eq!(p.diagnostics[0].code, "salary-unreadable");
    }

    #[test]
    fn amounts_in_a_liquid_comment_are_not_salary() {
        let text = "# X\n\n## Salary\n\n{% comment %}\nFor example: $10,000 - $20,000\n{% endcomment %}\n$50,000 - $60,000\n\n{% comment %}one line $5,000{% endcomment %}\n";
        let p = read("x.md", text);
        let bands = p
            .role
            .map(|r| r.salary.iter().map(|b| b.min()).collect::<Vec<_>>());
        assert_eq!(bands, Some(vec![50_000]));
    }

    #[test]
    fn salary_lines_in_any_fence_are_code() {
        let text = "# X\n\n## Salary\n\n£40,000 - £50,000\n\n```\n~~~\nSalary: £1,00\n```\n";
        let p = read("x.md", text);
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        assert_eq!(p.role.map(|r| r.salary.len()), Some(1));
    }
}
