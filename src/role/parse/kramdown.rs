//! Markup that Markdown dialects of other site generators add, removed after
//! the template pass so it never reaches a page as text: kramdown's
//! attribute lists (`{: .note}`, `{:#intro}`, a trailing `{: .lead}`) and
//! extensions (`{::options ... /}`), and the table-of-contents markers of
//! kramdown (`* TOC` over `{:toc}`) and GitLab (`[[_TOC_]]`, `[TOC]`): the
//! role page has a table of contents of its own.
//!
//! Lines inside fenced code, and lines indented as code (four spaces or a
//! tab), stay. A removed line leaves its newline, so every later line number
//! is the file's.

use super::fence::Fence;
use super::templates::Note;

/// Whether `body` may hold any of this markup (the common case is no).
pub(super) fn has_markup(body: &str) -> bool {
    body.contains("{:") || body.contains("TOC")
}

/// The body without the markup, and a note for each piece removed.
pub(super) fn strip(body: &str) -> (String, Vec<Note>) {
    let mut out = String::with_capacity(body.len());
    let mut notes = Vec::new();
    let mut fence = Fence::default();
    let mut offset = 0;
    // Where the last line written starts in `out`, and whether it was a
    // `* TOC` list item that a `{:toc}` below would turn into a contents list.
    let mut last_line: Option<(usize, bool)> = None;
    for line in body.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let newline = if line.ends_with('\n') { "\n" } else { "" };
        let text = line.trim_end_matches(['\n', '\r']);
        if fence.line(line) || text.starts_with("    ") || text.starts_with('\t') {
            last_line = Some((out.len(), false));
            out.push_str(line);
            continue;
        }
        let trimmed = text.trim();
        let indent = text.len() - text.trim_start().len();
        if is_toc_marker(trimmed) {
            if let Some((at, true)) = last_line
                && is_kramdown_toc(trimmed)
            {
                // The `* TOC` item above is the marker's list: both go.
                let kept_newlines = out[at..].matches('\n').count();
                out.truncate(at);
                out.push_str(&"\n".repeat(kept_newlines));
            }
            notes.push(note(
                start + indent,
                trimmed,
                "asks for a table of contents; the page has its own, so it is removed",
            ));
            last_line = Some((out.len(), false));
            out.push_str(newline);
            continue;
        }
        if is_attribute_list(trimmed) {
            let what = if trimmed.starts_with("{::") {
                "is a kramdown extension, which does nothing here; removed"
            } else {
                ATTRIBUTES
            };
            notes.push(note(start + indent, trimmed, what));
            last_line = Some((out.len(), false));
            out.push_str(newline);
            continue;
        }
        let kept = match trailing_attribute_list(text) {
            Some(at) => {
                notes.push(note(start + at, text[at..].trim(), ATTRIBUTES));
                text[..at].trim_end()
            }
            None => text,
        };
        last_line = Some((out.len(), is_toc_item(kept.trim())));
        out.push_str(kept);
        out.push_str(newline);
    }
    (out, notes)
}

const ATTRIBUTES: &str = "is a kramdown attribute list, which styles nothing here; removed";

fn note(offset: usize, written: &str, what: &str) -> Note {
    let shown: String = written.chars().take(60).collect();
    Note {
        offset,
        message: format!("`{shown}` {what}"),
        error: None,
    }
}

/// `{: .note}`, `{:#id}`, `{::options parse_block_html="true" /}`: a whole
/// line of kramdown block markup.
fn is_attribute_list(line: &str) -> bool {
    line.starts_with("{:") && line.ends_with('}') && !line[1..].contains('{')
}

/// Where a span's trailing attribute list starts (`Bakes bread {: .lead}`).
fn trailing_attribute_list(line: &str) -> Option<usize> {
    let trimmed = line.trim_end();
    if !trimmed.ends_with('}') {
        return None;
    }
    let at = trimmed.rfind(" {:")? + 1;
    (!trimmed[at + 1..].contains('{') && !trimmed[..at].trim().is_empty()).then_some(at)
}

fn is_toc_marker(line: &str) -> bool {
    matches!(line, "[[_TOC_]]" | "[[TOC]]" | "[TOC]" | "[_TOC_]") || is_kramdown_toc(line)
}

fn is_kramdown_toc(line: &str) -> bool {
    matches!(line.replace(' ', "").as_str(), "{:toc}" | "{:.toc}")
}

/// `* TOC`, `- TOC`, `1. TOC`: the list item kramdown replaces with contents.
fn is_toc_item(line: &str) -> bool {
    let item = line
        .strip_prefix(['*', '-', '+'])
        .or_else(|| {
            let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            (digits > 0)
                .then(|| line[digits..].strip_prefix('.'))
                .flatten()
        })
        .map(str::trim);
    matches!(
        item,
        Some("TOC" | "Table of contents" | "Table of Contents")
    )
}

#[cfg(test)]
mod tests {
    use test_case::test_case;

    use super::*;

    fn stripped(body: &str) -> (String, usize) {
        let (out, notes) = strip(body);
        (out, notes.len())
    }

    #[test_case("Intro.\n{: .lead}\n\nMore.\n", "Intro.\n\n\nMore.\n", 1; "a block attribute list")]
    #[test_case("{::options parse_block_html=\"true\" /}\n# X\n", "\n# X\n", 1; "an extension")]
    #[test_case("- Bakes bread {: .highlight}\n- Ovens\n", "- Bakes bread\n- Ovens\n", 1; "a trailing span list")]
    #[test_case("* TOC\n{:toc}\n\n## Role\n", "\n\n\n## Role\n", 1; "the kramdown contents list and its item")]
    #[test_case("[[_TOC_]]\n\n## Role\n", "\n\n## Role\n", 1; "the gitlab marker")]
    #[test_case("```\n{: .note}\n```\n", "```\n{: .note}\n```\n", 0; "code stays")]
    #[test_case("Example:\n\n    {: .note}\n", "Example:\n\n    {: .note}\n", 0; "indented code stays")]
    #[test_case("Pay: {:currency} is set {: later}.\n", "Pay: {:currency} is set {: later}.\n", 0; "braces inside a sentence stay")]
    #[test_case("A set {a, b} and {: .x}\n", "A set {a, b} and\n", 1; "only the trailing list goes")]
    #[test_case("- TOC\n- Real item\n", "- TOC\n- Real item\n", 0; "a TOC item without the marker stays")]
    fn kramdown_markup_never_reaches_the_page(body: &str, expected: &str, notes: usize) {
        assert_eq!(stripped(body), (expected.to_owned(), notes));
    }

    #[test]
    fn lines_are_kept_so_diagnostics_point_at_the_file() {
        let body = "a\n{: .x}\nb {: .y}\n* TOC\n{:toc}\nc\n";
        let (out, notes) = strip(body);
        assert_eq!(out.matches('\n').count(), body.matches('\n').count());
        let offsets: Vec<usize> = notes.iter().map(|n| n.offset).collect();
        assert_eq!(offsets, [2, 11, 24]);
        assert!(
            notes[0].message.contains("`{: .x}`"),
            "{}",
            notes[0].message
        );
    }
}
