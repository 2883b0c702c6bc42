//! The summary phase: front matter `summary`, else the preamble's paragraphs,
//! else the first paragraph of an "about the role" section.

use super::Reader;
use super::blocks::{BlockKind, Body, join_text};
use super::preamble::Preamble;
use super::sections::Outline;
use crate::role::front_matter::FrontMatter;
use crate::role::model::{Markdown, SectionKind};

impl Reader<'_> {
    /// The summary as Markdown and as plain text.
    pub(super) fn summary(
        &self,
        front: &FrontMatter,
        body: &Body<'_>,
        outline: &Outline,
        preamble: &Preamble,
    ) -> (Markdown, String) {
        let parts: Vec<_> = preamble.summary.iter().map(|&i| &body.blocks[i]).collect();
        let text = match &front.summary {
            Some(s) => s.trim().to_owned(),
            None => {
                // Prose only: a heading or a bold label above a paragraph is
                // not run into the card and meta description.
                let text = join_text(parts.iter().filter_map(|b| match (&b.kind, &b.label) {
                    (BlockKind::Paragraph, Some(label)) => Some(label.rest.as_str()),
                    (BlockKind::Paragraph | BlockKind::Html, None) => Some(b.text.as_str()),
                    _ => None,
                }));
                if text.is_empty() {
                    // No preamble: the first paragraph of the first "about" section.
                    outline
                        .drafts
                        .iter()
                        .filter(|d| d.kind == SectionKind::About)
                        .flat_map(|d| &body.blocks[d.blocks.clone()])
                        .find(|b| b.kind == BlockKind::Paragraph)
                        .map(|b| b.text.clone())
                        .unwrap_or_default()
                } else {
                    text
                }
            }
        };
        let markdown = Markdown {
            source: match &front.summary {
                Some(s) => s.clone(),
                None => parts
                    .iter()
                    .map(|b| &body.fixed[b.range.clone()])
                    .collect::<Vec<_>>()
                    .join("\n\n"),
            },
            line: parts
                .first()
                .map_or(1, |b| self.lines.line(body.to_file(b.range.start))),
        };
        (markdown, text)
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::role;

    #[test]
    fn without_a_preamble_the_about_section_gives_the_summary() {
        let r = role(
            "x.md",
            "# Gardener\n\n## About the role\n\nYou will grow things.\n\nMore.\n",
        );
        assert_eq!(r.summary_text, "You will grow things.");
        assert!(r.summary.source.is_empty());
    }

    #[test]
    fn the_summary_text_is_prose_without_headings_or_labels() {
        let r = role(
            "x.md",
            "# Hedge Layer\n\n### About the team\n\nWe lay hedges.\n\n**Season**\nWinter only.\n\n## Duties\n\nLay.\n",
        );
        assert_eq!(r.summary_text, "We lay hedges. Winter only.");
        assert!(
            r.summary.source.contains("### About the team"),
            "the page keeps it"
        );
    }
}
