//! The sections phase: which blocks are the preamble and which sections they
//! fall into, each section with its heading's anchor.

use std::ops::Range;

use super::Reader;
use super::blocks::{BlockKind, Body};
use super::title::Title;
use crate::role::anchor::Anchors;
use crate::role::model::{Markdown, Section, SectionKind};

/// A section's heading block and the blocks under it.
#[derive(Debug)]
pub(super) struct Draft {
    /// Index of the heading block.
    pub(super) heading: usize,
    pub(super) kind: SectionKind,
    /// 2 for a section, 3 for a sub-section.
    pub(super) level: u8,
    /// Indices of the blocks under the heading, up to the next section.
    pub(super) blocks: Range<usize>,
}

impl Draft {
    /// The section body's byte range in the fixed body: from the end of its
    /// heading to the start of the next section.
    pub(super) fn body_range(&self, body: &Body<'_>) -> Range<usize> {
        let end = body.start_of(self.blocks.end);
        let start = body.blocks[self.heading].range.end.min(end);
        start..end
    }
}

/// A bold label's reach: from its paragraph to the next label or heading.
#[derive(Debug)]
pub(super) struct Scope {
    /// What the label means.
    pub(super) kind: SectionKind,
    /// Indices of the blocks, the label's own paragraph first.
    pub(super) blocks: Range<usize>,
}

/// The body's blocks, arranged.
#[derive(Debug)]
pub(super) struct Outline {
    /// The scopes of bold labels, in order; they read like sub-sections but
    /// are not sections of the page.
    pub(super) labels: Vec<Scope>,
    /// Blocks before the first section, other than the title and headings.
    pub(super) preamble: Vec<usize>,
    /// The sections, in order.
    pub(super) drafts: Vec<Draft>,
    /// The sections as the role holds them, one per draft.
    pub(super) sections: Vec<Section>,
}

impl Outline {
    /// Each draft with its section, in order.
    pub(super) fn parts(&self) -> impl Iterator<Item = (&Draft, &Section)> {
        self.drafts.iter().zip(&self.sections)
    }
}

impl Reader<'_> {
    /// Every `##` (or `#` after the title) starts a section; a `###` starts a
    /// sub-section when the vocabulary knows its heading, except inside an
    /// expectations section, where sub-headings are expectations.
    pub(super) fn sections(&self, body: &Body<'_>, title: &Title) -> Outline {
        let blocks = &body.blocks;
        let start = title.block.map_or(0, |i| i + 1);
        let mut drafts: Vec<Draft> = Vec::new();
        let mut preamble: Vec<usize> = (0..start)
            .filter(|&i| Some(i) != title.block && blocks[i].level().is_none())
            .collect();
        for (i, block) in blocks.iter().enumerate().skip(start) {
            if let BlockKind::Heading { level, kind } = block.kind {
                let current = drafts.last().map(|d| d.kind);
                let starts_section = level <= 2
                    || (current != Some(SectionKind::Expectations)
                        && kind != SectionKind::Other
                        && (level == 3 || current.is_none()));
                if starts_section {
                    if let Some(d) = drafts.last_mut() {
                        d.blocks.end = i;
                    }
                    drafts.push(Draft {
                        heading: i,
                        kind,
                        level: if level <= 2 { 2 } else { 3 },
                        blocks: i + 1..blocks.len(),
                    });
                    continue;
                }
            }
            if drafts.is_empty() {
                preamble.push(i);
            }
        }

        // Anchors in document order: the title's first, so that a section
        // repeating the title's words gets the `-1`.
        let mut anchors = Anchors::default();
        if let Some(i) = title.block {
            anchors.next(&blocks[i].text);
        }
        let sections = drafts
            .iter()
            .map(|d| self.section(body, d, &mut anchors))
            .collect();
        Outline {
            labels: label_scopes(body),
            preamble,
            drafts,
            sections,
        }
    }

    fn section(&self, body: &Body<'_>, draft: &Draft, anchors: &mut Anchors) -> Section {
        let heading = &body.blocks[draft.heading];
        let anchor = anchors.next(&heading.text);
        let body_anchors = body.blocks[draft.blocks.clone()]
            .iter()
            .filter(|b| b.level().is_some())
            .map(|b| anchors.next(&b.text))
            .collect();
        let range = draft.body_range(body);
        Section {
            kind: draft.kind,
            heading: heading.text.trim().to_owned(),
            anchor,
            level: draft.level,
            body: Markdown {
                line: self.lines.line(body.to_file(range.start)),
                source: body.fixed[range].to_owned(),
            },
            body_anchors,
        }
    }
}

/// Each bold label's scope, up to the next label or heading.
fn label_scopes(body: &Body<'_>) -> Vec<Scope> {
    let blocks = &body.blocks;
    let mut scopes = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        let Some(label) = &block.label else {
            continue;
        };
        let end = (i + 1..blocks.len())
            .find(|&j| blocks[j].label.is_some() || blocks[j].level().is_some())
            .unwrap_or(blocks.len());
        scopes.push(Scope {
            kind: label.kind,
            blocks: i..end,
        });
    }
    scopes
}

/// Duties: the items of the lists in responsibilities sections (and under
/// bold labels that name duties), else, for a section without a list, its
/// paragraphs that are not a lead-in (ending in `:`).
pub(super) fn responsibilities(body: &Body<'_>, outline: &Outline) -> Vec<String> {
    let scopes = outline
        .drafts
        .iter()
        .filter(|d| d.kind == SectionKind::Responsibilities)
        .map(|d| d.blocks.clone())
        .chain(
            outline
                .labels
                .iter()
                .filter(|l| l.kind == SectionKind::Responsibilities)
                .map(|l| l.blocks.clone()),
        );
    let mut duties: Vec<String> = Vec::new();
    for blocks in scopes {
        let blocks = &body.blocks[blocks];
        let items: Vec<&String> = blocks
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::List(items) => Some(items),
                _ => None,
            })
            .flatten()
            .filter(|t| !t.is_empty())
            .collect();
        let found: Vec<String> = if items.is_empty() {
            blocks
                .iter()
                .filter(|b| b.kind == BlockKind::Paragraph && b.label.is_none())
                .map(|b| b.text.trim().to_owned())
                .filter(|t| !t.is_empty() && !t.ends_with(':'))
                .collect()
        } else {
            items.into_iter().cloned().collect()
        };
        for duty in found {
            if !duties.contains(&duty) {
                duties.push(duty);
            }
        }
    }
    duties
}

/// Benefits: every item of the lists in benefits sections.
pub(super) fn benefits(body: &Body<'_>, outline: &Outline) -> Vec<String> {
    outline
        .drafts
        .iter()
        .filter(|d| d.kind == SectionKind::Benefits)
        .flat_map(|d| &body.blocks[d.blocks.clone()])
        .filter_map(|b| match &b.kind {
            BlockKind::List(items) => Some(items),
            _ => None,
        })
        .flatten()
        .filter(|t| !t.is_empty())
        .cloned()
        .collect()
}

#[cfg(test)]
mod responsibility_tests {
    use crate::role::parse::test_support::role;

    #[test]
    fn duties_are_the_items_of_a_responsibilities_list() {
        let r = role(
            "x.md",
            "# Baker\n\nWe bake.\n\n## What you'll do\n\nEach day you will:\n\n- Mix the dough\n- Shape the loaves\n\n## Perks\n\n- Bread\n",
        );
        assert_eq!(r.responsibilities, ["Mix the dough", "Shape the loaves"]);
    }

    #[test]
    fn duties_without_a_list_are_the_paragraphs() {
        let r = role(
            "x.md",
            "# Baker\n\nWe bake.\n\n## Key objectives\n\nOpen the bakery at six.\n\nTrain the new starters.\n",
        );
        assert_eq!(
            r.responsibilities,
            ["Open the bakery at six.", "Train the new starters."]
        );
    }

    #[test]
    fn a_role_without_duties_has_none() {
        let r = role("x.md", "# Baker\n\nWe bake.\n\n## Perks\n\n- Bread\n");
        assert!(r.responsibilities.is_empty());
    }
}
