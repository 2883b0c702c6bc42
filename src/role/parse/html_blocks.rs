//! HTML bodies read for their structure: an HTML block that holds headings
//! or lists (`<h2>Requirements</h2><ul><li>Go</li></ul>`, as files exported
//! from a CMS are written) is split into heading, list and paragraph blocks,
//! each with the range of its own source, so sections, duties and
//! requirements are read from it as from Markdown. The page still shows
//! each piece's HTML, sanitised as always.
//!
//! A small scanner, not a parser: it never fails. Containers (`<div>`,
//! `<section>`, `<article>`, `<main>`) are looked into; anything else it
//! does not know (a table, a `<dl>`) stays one HTML block.

use std::ops::Range;

use super::blocks::{Block, BlockKind};
use super::html_text::html_text;

/// The blocks an HTML block holds, when it holds a heading or a list;
/// `None` to keep it whole. `range` is the block's range in `body`.
pub(super) fn split(body: &str, range: Range<usize>) -> Option<Vec<Block>> {
    let html = body.get(range.clone())?;
    let lower = html.to_ascii_lowercase();
    let structured = (1..=6).any(|n| lower.contains(&format!("<h{n}")))
        || lower.contains("<ul")
        || lower.contains("<ol");
    if !structured {
        return None;
    }
    let mut blocks = Vec::new();
    elements(html, &lower, 0..html.len(), range.start, &mut blocks);
    (!blocks.is_empty()).then_some(blocks)
}

/// Elements looked into: their content is read as blocks of its own.
const CONTAINERS: &[&str] = &[
    "div", "section", "article", "main", "header", "footer", "aside",
];

/// Other elements that start a block; any other tag (`<b>`, `<a>`,
/// `<br>`) is part of the text around it.
const BLOCKS: &[&str] = &[
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "p",
    "table",
    "dl",
    "blockquote",
    "pre",
    "figure",
    "form",
    "details",
    "hr",
    "nav",
];

/// The elements of `html[span]`, in order, as blocks (`base` is where
/// `html` starts in the body); text and inline elements between blocks
/// form a paragraph.
fn elements(html: &str, lower: &str, span: Range<usize>, base: usize, out: &mut Vec<Block>) {
    let mut run = span.start;
    let mut at = span.start;
    while let Some(open) = lower[at..span.end].find('<').map(|p| at + p) {
        let name = tag_name(&lower[open + 1..span.end]);
        let Some(head_end) = lower[open..span.end].find('>').map(|p| open + p + 1) else {
            break;
        };
        let container = CONTAINERS.contains(&name.as_str());
        if !container && !BLOCKS.contains(&name.as_str()) {
            // Text, an inline element, an end tag or a comment.
            at = head_end;
            continue;
        }
        text_block(html, run..open, base, out);
        let end = element_end(lower, &name, head_end, span.end);
        let inner = head_end..end.inner;
        let whole = open..end.outer;
        let range = whole.start + base..whole.end + base;
        match name.as_str() {
            _ if container => elements(html, lower, inner, base, out),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name.as_bytes()[1] - b'0';
                let kind = crate::role::model::SectionKind::Other;
                let text = html_text(&html[inner]);
                out.push(block(BlockKind::Heading { level, kind }, range, text));
            }
            "ul" | "ol" => {
                let items = list_items(html, lower, inner);
                let text = items.join(" ");
                out.push(block(BlockKind::List(items), range, text));
            }
            "p" => out.push(block(BlockKind::Paragraph, range, html_text(&html[inner]))),
            _ => out.push(block(
                BlockKind::Html,
                range,
                html_text(&html[whole.clone()]),
            )),
        }
        at = whole.end.max(open + 1);
        run = at;
    }
    text_block(html, run..span.end, base, out);
}

/// Text between elements (`Apply by Friday.<br>`) as a paragraph.
fn text_block(html: &str, span: Range<usize>, base: usize, out: &mut Vec<Block>) {
    let text = html_text(&html[span.clone()]);
    if !text.trim().is_empty() {
        out.push(block(
            BlockKind::Paragraph,
            span.start + base..span.end + base,
            text,
        ));
    }
}

fn block(kind: BlockKind, range: Range<usize>, text: String) -> Block {
    Block {
        kind,
        range,
        text: text.trim().to_owned(),
        label: None,
        nested: Vec::new(),
    }
}

/// The lowercase name of the start tag at the start of `rest` (after its
/// `<`): letters and digits; empty for an end tag, a comment or a doctype.
fn tag_name(rest: &str) -> String {
    rest.chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect()
}

/// Where an element's content and the element end.
struct End {
    inner: usize,
    outer: usize,
}

/// The end of the element `name` whose start tag ends at `from`: its
/// matching end tag (counting elements of the same name inside it), else
/// the end of `limit`. `<p>` also ends where a block starts, as browsers
/// read it.
fn element_end(lower: &str, name: &str, from: usize, limit: usize) -> End {
    if name == "hr" {
        // A void element: it has no content and no end tag.
        return End {
            inner: from,
            outer: from,
        };
    }
    let open = format!("<{name}");
    let close = format!("</{name}");
    let mut depth = 1usize;
    let mut at = from;
    while let Some(p) = lower[at..limit].find('<').map(|p| at + p) {
        let rest = &lower[p..limit];
        let after = |prefix: &str| {
            rest.strip_prefix(prefix)
                .is_some_and(|r| r.starts_with(|c: char| c == '>' || c.is_ascii_whitespace()))
        };
        if after(&close) {
            depth -= 1;
            if depth == 0 {
                let outer = rest.find('>').map_or(limit, |q| p + q + 1);
                return End { inner: p, outer };
            }
        } else if after(&open) {
            depth += 1;
        } else if name == "p" && starts_block(rest) {
            return End { inner: p, outer: p };
        }
        at = p + 1;
    }
    End {
        inner: limit,
        outer: limit,
    }
}

/// Whether `rest` starts with a tag that ends an open `<p>`.
fn starts_block(rest: &str) -> bool {
    [
        "<h1", "<h2", "<h3", "<h4", "<h5", "<h6", "<ul", "<ol", "<div", "<table", "<p", "</div",
    ]
    .iter()
    .any(|t| {
        rest.strip_prefix(t)
            .is_some_and(|r| r.starts_with(|c: char| c == '>' || c.is_ascii_whitespace()))
    })
}

/// The text of each `<li>` of a list (`span` is its content), without the
/// text of lists nested in it.
fn list_items(html: &str, lower: &str, span: Range<usize>) -> Vec<String> {
    let mut items = Vec::new();
    let mut at = span.start;
    while let Some(p) = lower[at..span.end].find("<li").map(|p| at + p) {
        let is_item =
            lower[p + 3..span.end].starts_with(|c: char| c == '>' || c.is_ascii_whitespace());
        let Some(head_end) = lower[p..span.end].find('>').map(|q| p + q + 1) else {
            break;
        };
        if !is_item {
            at = head_end;
            continue;
        }
        let end = element_end(lower, "li", head_end, span.end);
        // Up to a list nested in the item: its items are the nested list's.
        let own_end = ["<ul", "<ol"]
            .iter()
            .filter_map(|t| lower[head_end..end.inner].find(t))
            .min()
            .map_or(end.inner, |q| head_end + q);
        let text = html_text(&html[head_end..own_end]);
        if !text.trim().is_empty() {
            items.push(text.trim().to_owned());
        }
        at = end.outer.max(p + 1);
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(html: &str) -> Vec<(String, String)> {
        split(html, 0..html.len())
            .unwrap_or_default()
            .iter()
            .map(|b| {
                let kind = match &b.kind {
                    BlockKind::Heading { level, .. } => format!("h{level}"),
                    BlockKind::List(items) => format!("list{items:?}"),
                    BlockKind::Paragraph => "p".into(),
                    BlockKind::Html => "html".into(),
                    BlockKind::Other => "other".into(),
                };
                (kind, b.text.clone())
            })
            .collect()
    }

    #[test]
    fn headings_lists_and_paragraphs_become_blocks() {
        let html = "<div class=\"job\"><h2>Requirements</h2>\n<ul>\n<li>Go</li>\n<li>Kafka <b>is</b> a plus</li></ul><p>We build.</p></div>";
        assert_eq!(
            kinds(html),
            [
                ("h2".to_owned(), "Requirements".to_owned()),
                (
                    "list[\"Go\", \"Kafka is a plus\"]".to_owned(),
                    "Go Kafka is a plus".to_owned()
                ),
                ("p".to_owned(), "We build.".to_owned()),
            ]
        );
    }

    #[test]
    fn each_block_keeps_the_range_of_its_own_source() {
        let html = "<h2>Duties</h2>\n<ul><li>Bake</li></ul>";
        let blocks = split(html, 0..html.len()).unwrap_or_default();
        assert_eq!(&html[blocks[0].range.clone()], "<h2>Duties</h2>");
        assert_eq!(&html[blocks[1].range.clone()], "<ul><li>Bake</li></ul>");
    }

    #[test]
    fn nested_lists_and_unclosed_items_are_read() {
        let html = "<ul><li>One<ul><li>Inner</li></ul></li><li>Two</ul>";
        assert_eq!(kinds(html)[0].0, "list[\"One\", \"Two\"]");
    }

    #[test]
    fn inline_elements_stay_in_their_paragraph_and_a_rule_ends_nothing() {
        let html = "<h2>Details</h2><strong>Location:</strong> Riga<br><hr><ul><li>Go</li></ul>";
        let got = kinds(html);
        assert_eq!(got[1], ("p".to_owned(), "Location: Riga".to_owned()));
        assert_eq!(got[3].0, "list[\"Go\"]");
    }

    #[test]
    fn a_role_written_in_html_is_read_like_markdown() {
        let text = "---\ntitle: Engineer\n---\n\n<p>We build payments.</p>\n\n<h2>Responsibilities</h2>\n<ul>\n  <li>Build APIs</li>\n</ul>\n\n<h2>Requirements</h2>\n<ul><li>Go</li><li>Kafka is a plus</li></ul>\n";
        let r = crate::role::parse::test_support::role("engineer.md", text);
        assert_eq!(r.responsibilities, ["Build APIs"]);
        assert_eq!(r.experience.required, ["Go"]);
        assert_eq!(r.experience.optional, ["Kafka is a plus"]);
        assert_eq!(r.summary_text, "We build payments.");
        assert!(
            r.sections
                .iter()
                .any(|s| s.heading == "Requirements" && s.body.source.contains("<li>Go</li>"))
        );
    }

    #[test]
    fn html_with_no_heading_or_list_stays_whole() {
        assert!(split("<p>Hello</p>", 0..12).is_none());
        assert!(split("<table><tr><td>a</td></tr></table>", 0..34).is_none());
    }

    proptest::proptest! {
        #[test]
        fn never_panics(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "<h2>", "</h2>", "<ul>", "</ul>", "<li>", "</li>", "<p>", "</p>", "<div>", "</div>",
                "<", ">", "é", "text", " ", "<!--", "-->", "<LI ", "</", "<h9>",
            ]), 0..40)
        ) {
            let html = pieces.concat();
            let _ = split(&html, 0..html.len());
        }
    }
}
