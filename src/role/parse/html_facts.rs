//! HTML facts in a role file: a `<dl>` or a table of two-cell rows between
//! the title and the first section (a GOV.UK summary list:
//! `<dl><div><dt>Grade</dt><dd>SEO</dd></div>...</dl>`) read as key facts.
//!
//! A small scanner, not a parser: it never fails, and what it cannot read
//! (a tag without its `>`, an unknown entity) is skipped or kept as written.

use jiff::civil::Date;

use super::blocks::{BlockKind, Body};
use super::html_text::html_text;
use crate::role::front_matter::read_date;
use crate::role::headings;

/// Facts read from `<dl>` lists in the preamble, and the blocks they came
/// from (which are then no part of the summary).
#[derive(Debug, Default, PartialEq)]
pub(super) struct HtmlFacts {
    pub(super) grade: Option<String>,
    pub(super) location: Option<String>,
    pub(super) closes: Option<Date>,
    pub(super) team: Option<String>,
    pub(super) employment_type: Option<String>,
    /// Pairs of those lists careers does not type ("Download", "Word
    /// version"), as written: the lists leave the body, so these are shown
    /// with the key facts rather than lost.
    pub(super) other: Vec<(String, String)>,
    /// Indices of the blocks that were facts lists.
    pub(super) blocks: Vec<usize>,
}

/// Reads every HTML `<dl>` block, or table of two-cell rows, that holds at
/// least one fact we know; the first value of each fact wins. Those among
/// `preamble` (block indices) leave the body and show as key facts; a table
/// in a section ("Additional information") stays where it is written.
pub(super) fn read(body: &Body<'_>, preamble: &[usize]) -> HtmlFacts {
    let mut facts = HtmlFacts::default();
    for i in 0..body.blocks.len() {
        let block = &body.blocks[i];
        if block.kind != BlockKind::Html {
            continue;
        }
        let html = &body.fixed[block.range.clone()];
        let lower = html.to_ascii_lowercase();
        let pairs = if lower.contains("<dl") {
            definition_pairs(html)
        } else if lower.contains("<table") {
            table_pairs(html)
        } else {
            continue;
        };
        let mut known = false;
        let mut other = Vec::new();
        for (key, value) in pairs {
            if facts.fact(&key, value.clone()) {
                known = true;
            } else if !key.trim().is_empty() && !value.trim().is_empty() {
                other.push((key.trim().to_owned(), value.trim().to_owned()));
            }
        }
        if known && preamble.contains(&i) {
            facts.blocks.push(i);
            facts.other.append(&mut other);
        }
    }
    facts
}

impl HtmlFacts {
    /// Takes one `<dt>`/`<dd>` pair; true when the key is a fact we read.
    fn fact(&mut self, key: &str, value: String) -> bool {
        let slot = match headings::normalise(key).trim_end_matches(':') {
            "grade" | "grades" | "pay grade" | "civil service grade" | "band" | "pay band" => {
                &mut self.grade
            }
            key if key == "where" || headings::is_location_key(key) => &mut self.location,
            "team" | "department" | "directorate" | "division" => &mut self.team,
            "contract type" | "type of contract" | "employment type" | "type of employment"
            | "working pattern" | "type of job" | "job type" | "position type" | "employment" => {
                &mut self.employment_type
            }
            "closing date"
            | "closes"
            | "closing"
            | "apply by"
            | "deadline"
            | "application deadline" => {
                if self.closes.is_none() {
                    self.closes = read_date(&value);
                }
                return true;
            }
            _ => return false,
        };
        if slot.is_none() && !value.is_empty() {
            *slot = Some(value);
        }
        true
    }
}

/// The `<dt>` and `<dd>` of a definition list, as text, each term with the
/// first description after it.
fn definition_pairs(html: &str) -> Vec<(String, String)> {
    let lower = html.to_ascii_lowercase();
    let mut pairs = Vec::new();
    let mut term: Option<String> = None;
    let mut at = 0;
    while let Some((start, name)) = next_tag(&lower, at, &["dt", "dd"]) {
        let Some(open_end) = lower[start..].find('>').map(|p| start + p + 1) else {
            break;
        };
        // An item ends at its end tag, or where the next item or the list ends.
        let end = [
            format!("</{name}"),
            "<dt".into(),
            "<dd".into(),
            "</dl".into(),
        ]
        .iter()
        .filter_map(|stop| lower[open_end..].find(stop.as_str()))
        .min()
        .map_or(html.len(), |p| open_end + p);
        let text = html_text(&html[open_end..end]);
        if name == "dt" {
            term = Some(text);
        } else if let Some(key) = term.take() {
            pairs.push((key, text));
        }
        at = end.max(start + 1);
    }
    pairs
}

/// The rows of a table of facts that have exactly two cells (`<th>` or
/// `<td>`), as (first cell, second cell) text.
fn table_pairs(html: &str) -> Vec<(String, String)> {
    let lower = html.to_ascii_lowercase();
    let mut pairs = Vec::new();
    let rows: Vec<usize> = lower.match_indices("<tr").map(|(at, _)| at).collect();
    for (n, &start) in rows.iter().enumerate() {
        let end = rows.get(n + 1).copied().unwrap_or(html.len());
        let row = &lower[start..end];
        let mut cells = Vec::new();
        let mut at = 0;
        while let Some((tag_at, _)) = next_tag(row, at, &["td", "th"]) {
            let Some(open_end) = row[tag_at..].find('>').map(|p| tag_at + p + 1) else {
                break;
            };
            let close = ["</td", "</th", "<td", "<th", "</tr"]
                .iter()
                .filter_map(|stop| row[open_end..].find(stop))
                .min()
                .map_or(row.len(), |p| open_end + p);
            cells.push(html_text(&html[start + open_end..start + close]));
            at = close.max(tag_at + 1);
        }
        if let [key, value] = cells.as_slice() {
            pairs.push((key.clone(), value.clone()));
        }
    }
    pairs
}

/// The next start tag named one of `names` (lowercase, two letters) at or
/// after `from`: where it starts, and its name.
fn next_tag(lower: &str, from: usize, names: &[&'static str]) -> Option<(usize, &'static str)> {
    let mut at = from;
    while let Some(p) = lower.get(at..)?.find('<') {
        let start = at + p;
        let rest = &lower[start + 1..];
        for &name in names {
            if rest.starts_with(name)
                && rest[name.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| c.is_ascii_whitespace() || c == '>')
            {
                return Some((start, name));
            }
        }
        at = start + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::test_support::role;
    use super::*;

    proptest::proptest! {
        /// Any mix of tag pieces: no panic, and no tag left in the text.
        #[test]
        fn never_panics(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "<dl>", "<dt", "<dd", ">", "</dt>", "</dd>", "<!--", "-->", "<script>", "</script>",
                "&amp;", "&#x1F600;", "&#99999999;", "&", ";", "\"", "é", "Grade", " ",
            ]), 0..40)
        ) {
            let html = pieces.concat();
            let _ = definition_pairs(&html);
        }

        /// Any mix of table pieces and other text: no panic.
        #[test]
        fn tables_never_panic(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "<table>", "<tr", "<td", "<th", ">", "</td>", "</th>", "</tr>", "<TD ", "é", "Ü",
                "Location", " ", "<", "&amp;", "</table>",
            ]), 0..40)
        ) {
            let html = pieces.concat();
            let _ = table_pairs(&html);
        }
    }

    #[test]
    fn a_table_of_facts_before_the_first_section_gives_key_facts() {
        let text = "# Researcher\n\n<table>\n<tr><th>Location</th><td>Zürich</td></tr>\n<tr><td>Closing date</td><td>9 March 2027</td></tr>\n<tr><td>Grade</td><td>B2</td><td>extra</td></tr>\n<tr><td>Hours</td><td>Four days</td></tr>\n</table>\n\nWe research.\n";
        let r = role("researcher.md", text);
        assert_eq!(r.location.as_deref(), Some("Zürich"));
        assert_eq!(
            r.meta.closes.map(|d| d.to_string()).as_deref(),
            Some("2027-03-09")
        );
        assert_eq!(r.meta.grade, None, "a row of three cells is not a fact");
        assert_eq!(
            table_pairs("<table><tr><td>Hours</td><td>Four days</td></tr></table>"),
            [("Hours".to_owned(), "Four days".to_owned())]
        );
    }

    #[test]
    fn a_table_of_facts_in_a_section_gives_facts_and_stays_in_its_section() {
        let text = "# Engineer\n\nWe build.\n\n## Requirements\n\n- Go\n\n## Additional information\n\n<table class=\"t\">\n<tr><th>Location</th><td>Riga, Latvia</td></tr>\n<tr><th>Type of job</th><td>full-time</td></tr>\n<tr><th>Contact person</th><td>A. Person</td></tr>\n</table>\n";
        let r = role("engineer.md", text);
        assert_eq!(r.location.as_deref(), Some("Riga, Latvia"));
        assert_eq!(r.meta.employment_type.as_deref(), Some("full-time"));
        assert!(
            r.meta.other_facts.is_empty(),
            "the table is shown where it is"
        );
        let section = r
            .sections
            .iter()
            .find(|s| s.heading == "Additional information");
        assert!(section.is_some_and(|s| s.body.source.contains("A. Person")));
    }

    #[test]
    fn a_table_in_a_section_with_no_fact_we_know_gives_nothing() {
        let text = "# Engineer\n\nWe build.\n\n## Pay scale\n\n<table><tr><td>Band 5</td><td>£30,000</td></tr></table>\n";
        let r = role("engineer.md", text);
        assert_eq!(r.location, None);
        assert_eq!(r.meta.grade, None);
    }

    #[test]
    fn definition_pairs_survive_missing_end_tags() {
        let pairs = definition_pairs("<dl><dt>Grade<dd>HEO<dt>Location</dt>\n<dd> Kew </dd></dl>");
        assert_eq!(
            pairs,
            [
                ("Grade".to_owned(), "HEO".to_owned()),
                ("Location".to_owned(), "Kew".to_owned())
            ]
        );
    }

    #[test]
    fn a_summary_list_before_the_first_section_gives_key_facts() {
        let text = "# Plant Scientist\n\n<dl class=\"govuk-summary-list\">\n  <div class=\"govuk-summary-list__row\">\n    <dt>Grade</dt>\n    <dd>\n      Senior Scientific Officer\n    </dd>\n  </div>\n  <div><dt>Location</dt><dd>Wakehurst</dd></div>\n  <div><dt>Closing date</dt><dd>9 March 2027</dd></div>\n  <div><dt>Download</dt><dd><a href=\"word\">Word document</a></dd></div>\n</dl>\n\nWe study seeds.\n\n## What you will do\n\n- Count seeds\n";
        let r = role("plant_scientist.md", text);
        assert_eq!(r.meta.grade.as_deref(), Some("Senior Scientific Officer"));
        assert_eq!(r.location.as_deref(), Some("Wakehurst"));
        assert_eq!(
            r.meta.closes.map(|d| d.to_string()).as_deref(),
            Some("2027-03-09")
        );
        assert_eq!(
            r.summary_text, "We study seeds.",
            "the facts are no part of the summary"
        );
        assert!(!r.summary.source.contains("<dl"), "{}", r.summary.source);
    }

    // See: issue #27 (a fact careers does not type vanished with its list).
    #[test]
    fn facts_careers_does_not_type_are_kept_as_written() {
        let text = "# Botanist\n\n<dl>\n<dt>Location</dt><dd>Kew</dd>\n<dt>Download</dt><dd><a href=\"x\">Word version</a></dd>\n</dl>\n\n## About\n\nText.\n";
        let role = crate::role::parse(std::path::Path::new("botanist.md"), text)
            .role
            .unwrap_or_else(|| panic!("no role"));
        assert_eq!(role.location.as_deref(), Some("Kew"));
        assert_eq!(
            role.meta.other_facts,
            [("Download".to_owned(), "Word version".to_owned())]
        );
    }

    #[test]
    fn front_matter_wins_over_html_facts() {
        let text = "---\nlocation: Kew\n---\n# Gardener\n\n<dl><dt>Location</dt><dd>Wakehurst</dd></dl>\n\nWe grow.\n";
        assert_eq!(role("x.md", text).location.as_deref(), Some("Kew"));
    }

    #[test]
    fn an_html_block_gives_its_text_to_the_summary() {
        let r = role(
            "x.md",
            "# Gardener\n\n<p>We grow <em>rare</em> plants.</p>\n\n## Duties\n\n- Dig\n",
        );
        assert_eq!(r.summary_text, "We grow rare plants.");
    }
}
