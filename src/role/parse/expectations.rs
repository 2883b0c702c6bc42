//! The expectations phase: what the role holder is expected to do.

use super::Reader;
use super::blocks::{Block, BlockKind, Body, join_text};
use super::sections::Outline;
use crate::role::headings;
use crate::role::model::{Expectation, Markdown, Section, SectionKind};

impl Reader<'_> {
    /// Expectations from every expectations section, in order.
    pub(super) fn expectations(&self, body: &Body<'_>, outline: &Outline) -> Vec<Expectation> {
        let mut out = Vec::new();
        for (draft, section) in outline.parts() {
            if draft.kind == SectionKind::Expectations {
                let blocks = &body.blocks[draft.blocks.clone()];
                self.read_expectations(body, section, blocks, &mut out);
            }
        }
        out
    }

    /// One expectation per sub-heading (its body the description), or one per
    /// list item when the section has no sub-headings. A sub-heading that
    /// itself says "expectations" names the group of those after it (see
    /// [`names_group`]), and so does the section's own heading unless it is
    /// just "Expectations".
    fn read_expectations<'b>(
        &self,
        body: &Body<'_>,
        section: &Section,
        blocks: &'b [Block],
        out: &mut Vec<Expectation>,
    ) {
        let mut group = (headings::normalise(&section.heading) != "expectations")
            .then(|| section.heading.clone());
        let has_headings = blocks.iter().enumerate().any(|(i, b)| {
            b.section_kind()
                .is_some_and(|k| k != SectionKind::Expectations || !names_group(blocks, i))
        });
        let mut anchors = section.body_anchors.iter();
        // The expectation being read, with the blocks of its description.
        let mut current: Option<(Expectation, Vec<&'b Block>)> = None;
        for (i, block) in blocks.iter().enumerate() {
            match &block.kind {
                BlockKind::Heading { kind, .. } => {
                    let anchor = anchors.next().cloned();
                    if let Some(done) = current.take() {
                        self.finish(body, done, out);
                    }
                    if *kind == SectionKind::Expectations && names_group(blocks, i) {
                        group = Some(block.text.trim().to_owned());
                    } else {
                        let expectation = Expectation {
                            title: block.text.trim().to_owned(),
                            anchor,
                            description: Markdown::default(),
                            description_text: String::new(),
                            group: group.clone(),
                        };
                        current = Some((expectation, Vec::new()));
                    }
                }
                BlockKind::List(items) if !has_headings => {
                    out.extend(items.iter().filter(|t| !t.is_empty()).map(|t| Expectation {
                        title: t.clone(),
                        anchor: None,
                        description: Markdown::default(),
                        description_text: String::new(),
                        group: group.clone(),
                    }));
                }
                _ => {
                    if let Some((_, description)) = &mut current {
                        description.push(block);
                    }
                }
            }
        }
        if let Some(done) = current {
            self.finish(body, done, out);
        }
    }

    /// Gives an expectation its description and keeps it, unless its heading
    /// was empty.
    fn finish(
        &self,
        body: &Body<'_>,
        (mut expectation, description): (Expectation, Vec<&Block>),
        out: &mut Vec<Expectation>,
    ) {
        if expectation.title.is_empty() {
            return;
        }
        expectation.description = Markdown {
            source: description
                .iter()
                .map(|b| &body.fixed[b.range.clone()])
                .collect::<Vec<_>>()
                .join("\n\n"),
            line: description
                .first()
                .map_or(0, |b| self.lines.line(body.to_file(b.range.start))),
        };
        expectation.description_text = join_text(description.iter().map(|b| b.text.as_str()));
        out.push(expectation);
    }
}

/// Whether the heading at `i`, which says "expectations", names a group
/// rather than being one expectation: it ends with the word ("Senior
/// Engineer Expectations"), or the headings after it sit deeper. A sentence
/// that merely uses the word ("Ensure customer expectations are exceeded")
/// is an expectation like its neighbours.
fn names_group(blocks: &[Block], i: usize) -> bool {
    if headings::normalise(&blocks[i].text).ends_with("expectations") {
        return true;
    }
    let level = blocks[i].level();
    blocks[i + 1..]
        .iter()
        .find_map(Block::level)
        .is_some_and(|next| level.is_some_and(|l| next > l))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::role;

    #[test]
    fn grouped_expectations_keep_their_group() {
        let text = "# Engineer\n\n## Expectations\n\n### Core Engineer Expectations\n\n#### Write tests\n\n#### Review code\n\n### Senior Engineer Expectations\n\n#### Lead design\n";
        let r = role("engineer.md", text);
        let got: Vec<_> = r
            .expectations
            .iter()
            .map(|e| (e.title.as_str(), e.group.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("Write tests", Some("Core Engineer Expectations")),
                ("Review code", Some("Core Engineer Expectations")),
                ("Lead design", Some("Senior Engineer Expectations"))
            ]
        );
    }

    #[test]
    fn expectation_groups_as_h2_with_list_items() {
        let text = "# Engineer\n\n## Core Engineer Expectations\n\n- Write tests\n- Review code\n";
        let r = role("engineer.md", text);
        assert_eq!(r.expectations.len(), 2);
        assert_eq!(
            r.expectations[1].group.as_deref(),
            Some("Core Engineer Expectations")
        );
    }

    #[test]
    fn expectation_groups_as_h2_with_h3_items() {
        let text = "# Lead Engineer\n\n## Expectations\n\n### Lead by example\n\nAlways.\n\n## Commercially Aware Engineer Expectations\n\n### Build trust\n\nWith clients.\n\n### Spot opportunities\n\n## Core Engineer Expectations\n\n### Practise TDD\n";
        let r = role("lead_engineer.md", text);
        let got: Vec<_> = r
            .expectations
            .iter()
            .map(|e| {
                (
                    e.title.as_str(),
                    e.group.as_deref(),
                    e.description_text.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("Lead by example", None, "Always."),
                (
                    "Build trust",
                    Some("Commercially Aware Engineer Expectations"),
                    "With clients."
                ),
                (
                    "Spot opportunities",
                    Some("Commercially Aware Engineer Expectations"),
                    ""
                ),
                ("Practise TDD", Some("Core Engineer Expectations"), "")
            ]
        );
    }

    #[test]
    fn text_under_a_group_heading_is_no_description() {
        let text = "# Engineer\n\n## Expectations\n\n### Write tests\n\nAlways.\n\n### Senior Engineer Expectations\n\nIntroduction to the group.\n\n### Lead design\n\nOften.\n";
        let r = role("engineer.md", text);
        let got: Vec<_> = r
            .expectations
            .iter()
            .map(|e| (e.title.as_str(), e.description_text.as_str()))
            .collect();
        assert_eq!(got, [("Write tests", "Always."), ("Lead design", "Often.")]);
    }

    #[test]
    fn a_heading_that_uses_the_word_expectations_is_an_expectation() {
        let text = "# Engineer\n\n## Expectations\n\n### Write tests\n\n### Ensure customer expectations are exceeded\n\nBy listening.\n\n### Review code\n";
        let r = role("engineer.md", text);
        let got: Vec<_> = r
            .expectations
            .iter()
            .map(|e| {
                (
                    e.title.as_str(),
                    e.group.is_none(),
                    e.description_text.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("Write tests", true, ""),
                (
                    "Ensure customer expectations are exceeded",
                    true,
                    "By listening."
                ),
                ("Review code", true, "")
            ]
        );
    }
}
