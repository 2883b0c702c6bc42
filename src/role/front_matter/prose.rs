//! Prose kept in front matter: keys whose values are text a site generator's
//! template renders as the body (`key_objectives:` as a list of duties,
//! `info_intro: |` a paragraph, HTML in a string), which careers shows as a
//! section of its own instead of dropping them.
//!
//! A value is prose when it is text with a line break, HTML, or a sentence
//! of [`MIN_WORDS`] words or more; a list of strings one of which has three
//! words or more; or a list of groups each with a title and items or text.
//! A short scalar (`layout: job`, `gs: 15`) is no prose: it stays an unknown
//! key. A site maps a key to a kind of section in `site.yaml`
//! (`front_matter: {info_intro: about}`), and then any text or list of it is
//! prose.

use serde_yaml::Value;

use crate::role::model::SectionKind;

/// Words a one-line string needs to be read as prose rather than a value.
const MIN_WORDS: usize = 12;

/// A front matter key whose value is prose, as a section of Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProseKey {
    /// The key as written (`key_objectives`).
    pub(crate) key: String,
    /// The heading careers gives it (`Key objectives`).
    pub(crate) heading: String,
    /// The kind of section `site.yaml` says it is; `None`: classified by
    /// its heading, like a body heading.
    pub(crate) kind: Option<SectionKind>,
    /// The value as Markdown: text as written, a list as a list, groups as
    /// sub-headings (`###`) with their items.
    pub(crate) markdown: String,
    /// The key's file line.
    pub(crate) line: u32,
}

/// The value as a section body, when it is prose (or, `mapped`, any text).
pub(crate) fn markdown(value: &Value, mapped: bool) -> Option<String> {
    match value {
        Value::String(text) => string(text, mapped),
        Value::Sequence(items) => {
            list(items, mapped).or_else(|| groups(items).filter(|g| !g.is_empty()))
        }
        Value::Tagged(tagged) => markdown(&tagged.value, mapped),
        _ => None,
    }
}

fn string(text: &str, mapped: bool) -> Option<String> {
    let text = text.trim();
    let prose = text.contains('\n')
        || looks_like_html(text)
        || text.split_whitespace().count() >= MIN_WORDS;
    (!text.is_empty() && (prose || mapped)).then(|| format!("{text}\n"))
}

/// Whether a string holds an HTML element: `<p>`, `<ul>`, `<br/>` ...
fn looks_like_html(text: &str) -> bool {
    text.match_indices('<').any(|(at, _)| {
        let rest = &text[at + 1..];
        let name: String = rest
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        !name.is_empty() && rest.contains('>')
    })
}

/// A list of strings as a Markdown list; `None` unless every item is text
/// and one reads as a sentence (a list of tags is no prose).
fn list(items: &[Value], mapped: bool) -> Option<String> {
    let texts: Vec<&str> = items
        .iter()
        .map(|item| item.as_str().map(str::trim))
        .collect::<Option<_>>()?;
    let sentence = texts.iter().any(|t| t.split_whitespace().count() >= 3);
    if texts.is_empty() || !(sentence || mapped) {
        return None;
    }
    let mut out = String::new();
    for text in texts.into_iter().filter(|t| !t.is_empty()) {
        out.push_str("- ");
        out.push_str(&text.split_whitespace().collect::<Vec<_>>().join(" "));
        out.push('\n');
    }
    Some(out)
}

/// A list of groups (`- title: ...` with `items:` or `text:`) as
/// sub-headings; `None` when an entry is not such a group.
fn groups(items: &[Value]) -> Option<String> {
    let mut out = String::new();
    for item in items {
        let map = item.as_mapping()?;
        let field = |names: &[&str]| {
            names
                .iter()
                .find_map(|name| map.get(*name))
                .filter(|v| !v.is_null())
        };
        let title = field(&["title", "heading", "name"])?.as_str()?.trim();
        let body = match field(&["items", "list", "text", "description", "body", "content"]) {
            Some(value) => markdown(value, true)?,
            None => String::new(),
        };
        out.push_str(&format!("### {title}\n\n{body}\n"));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use test_case::test_case;

    use super::*;

    fn yaml(text: &str) -> Value {
        serde_yaml::from_str(text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test_case("layout: job"; "a word")]
    #[test_case("gs: 15"; "a number")]
    #[test_case("url: https://x.example/jobs/12"; "a url")]
    #[test_case("tags: [jobs, design, remote]"; "a list of tags")]
    #[test_case("sessions:\n  - link: https://x.example\n    date: 2026-01-01"; "a list of records")]
    #[test_case("alert: true"; "a flag")]
    fn a_short_value_is_no_prose(text: &str) {
        let value = yaml(text);
        let value = value.as_mapping().and_then(|m| m.values().next()).cloned();
        assert_eq!(value.and_then(|v| markdown(&v, false)), None);
    }

    #[test]
    fn text_with_a_line_break_is_kept_as_written() {
        let v = yaml("intro: |\n  You will run the seed bank.\n\n  - count seeds\n  - dry seeds\n");
        let got = markdown(&v["intro"], false);
        assert_eq!(
            got.as_deref(),
            Some("You will run the seed bank.\n\n- count seeds\n- dry seeds\n")
        );
    }

    #[test]
    fn a_long_sentence_and_html_are_prose() {
        let v = yaml(
            "a: You will look after the seed bank and train the volunteers who sort the seeds each week\nb: <p>Sort seeds</p>\n",
        );
        assert!(markdown(&v["a"], false).is_some());
        assert_eq!(
            markdown(&v["b"], false).as_deref(),
            Some("<p>Sort seeds</p>\n")
        );
    }

    #[test]
    fn a_list_of_sentences_is_a_list() {
        let v = yaml("duties:\n  - Count the seeds each week\n  - Dry and label them\n");
        assert_eq!(
            markdown(&v["duties"], false).as_deref(),
            Some("- Count the seeds each week\n- Dry and label them\n")
        );
    }

    #[test]
    fn groups_with_items_are_sub_headings() {
        let v = yaml(
            "goals:\n  - title: Run the bank\n    items:\n      - Count seeds\n      - Dry seeds\n  - title: Teach\n    text: Train the volunteers.\n",
        );
        assert_eq!(
            markdown(&v["goals"], false).as_deref(),
            Some(
                "### Run the bank\n\n- Count seeds\n- Dry seeds\n\n### Teach\n\nTrain the volunteers.\n\n"
            )
        );
    }

    #[test]
    fn a_mapped_key_takes_any_text() {
        let v = yaml("intro: Seeds.\nlist: [a, b]\n");
        assert_eq!(markdown(&v["intro"], true).as_deref(), Some("Seeds.\n"));
        assert_eq!(markdown(&v["list"], true).as_deref(), Some("- a\n- b\n"));
        assert_eq!(markdown(&v["intro"], false), None);
    }
}
