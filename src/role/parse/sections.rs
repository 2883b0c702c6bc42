//! The sections phase: which blocks are the preamble and which sections they
//! fall into, each section with its heading's anchor.

use std::ops::Range;

use super::Reader;
use super::blocks::{BlockKind, Body};
use super::title::Title;
use crate::role::anchor::Anchors;
use crate::role::headings;
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

        self.group_headings(body, &mut drafts);
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

    /// A section heading written with nothing under it, straight before
    /// other section headings ("## Key responsibilities" then "## Scope"),
    /// heads them: the sections after it that the vocabulary does not know
    /// become its sub-sections, so its heading is published with them
    /// instead of being dropped as empty. A heading left empty because a
    /// template tag under it was removed heads nothing (the tag's text is
    /// what is missing), so this is judged on the file as written.
    fn group_headings(&self, body: &Body<'_>, drafts: &mut [Draft]) {
        let mut i = 0;
        while i + 1 < drafts.len() {
            let (head, next) = (&drafts[i], &drafts[i + 1]);
            let heads = head.level == 2
                && next.level == 2
                && next.kind == SectionKind::Other
                && head.blocks.is_empty()
                && self.written_empty(body, head, next);
            if !heads {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < drafts.len() && drafts[j].level == 2 && drafts[j].kind == SectionKind::Other {
                drafts[j].level = 3;
                j += 1;
            }
            i = j;
        }
    }

    /// Whether the file as written has nothing but blank lines between the
    /// heading of `head` and that of `next`.
    fn written_empty(&self, body: &Body<'_>, head: &Draft, next: &Draft) -> bool {
        let line = |i: usize| self.lines.line(body.to_file(body.blocks[i].range.start)) as usize;
        let (from, to) = (line(head.heading), line(next.heading));
        to > from
            && self
                .written
                .lines()
                .skip(from)
                .take(to - from - 1)
                .all(|l| l.trim().is_empty())
            && self.written.lines().nth(to - 1).is_some()
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
/// paragraphs that are not a lead-in (ending in `:`); and the items of the
/// lists in the sections an empty responsibilities heading heads.
pub(super) fn responsibilities(body: &Body<'_>, outline: &Outline) -> Vec<String> {
    let labels = outline
        .labels
        .iter()
        .filter(|l| l.kind == SectionKind::Responsibilities)
        .map(|l| (l.blocks.clone(), DutyScope::Whole));
    let mut duties: Vec<String> = Vec::new();
    for (blocks, scope) in duty_sections(outline).into_iter().chain(labels) {
        let blocks = &body.blocks[blocks];
        let items = list_items(blocks);
        let found: Vec<String> = if items.is_empty() && scope == DutyScope::Whole {
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
    for duty in led_in_duties(body, outline) {
        if !duties.contains(&duty) {
            duties.push(duty);
        }
    }
    duties
}

/// How much of a section holding duties is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DutyScope {
    /// Its lists, else its paragraphs: a responsibilities section.
    Whole,
    /// Its lists only: a section an empty responsibilities heading heads.
    ListsOnly,
}

/// The items of the lists among `blocks`, empty ones left out.
fn list_items(blocks: &[super::blocks::Block]) -> Vec<&String> {
    blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::List(items) => Some(items),
            _ => None,
        })
        .flatten()
        .filter(|t| !t.is_empty())
        .collect()
}

/// The sections that hold duties, in the file's order: each responsibilities
/// section, and the sections under one written with nothing of its own
/// ("## Key responsibilities" then "### Scope", or "## Scope" that it
/// heads), up to the next heading of its level or a section the vocabulary
/// knows ("## Key measures").
fn duty_sections(outline: &Outline) -> Vec<(Range<usize>, DutyScope)> {
    let mut head: Option<u8> = None;
    let mut sections = Vec::new();
    for draft in &outline.drafts {
        match head {
            Some(level) if draft.level > level && draft.kind == SectionKind::Other => {
                sections.push((draft.blocks.clone(), DutyScope::ListsOnly));
                continue;
            }
            _ => head = None,
        }
        if draft.kind == SectionKind::Responsibilities {
            sections.push((draft.blocks.clone(), DutyScope::Whole));
            if draft.blocks.is_empty() {
                head = Some(draft.level);
            }
        }
    }
    sections
}

/// The list after a lead-in that introduces duties ("In this role you
/// will:", "Day to day, you will:", "Your responsibilities will include:")
/// under the title or in a section about the role or of no known kind.
fn led_in_duties(body: &Body<'_>, outline: &Outline) -> Vec<String> {
    let about = outline
        .drafts
        .iter()
        .filter(|d| matches!(d.kind, SectionKind::About | SectionKind::Other))
        .flat_map(|d| d.blocks.clone());
    let mut duties = Vec::new();
    for i in outline.preamble.iter().copied().chain(about) {
        let (Some(lead), Some(next)) = (body.blocks.get(i), body.blocks.get(i + 1)) else {
            continue;
        };
        if let (BlockKind::Paragraph, BlockKind::List(items)) = (&lead.kind, &next.kind)
            && lead.label.is_none()
            && introduces_duties(&lead.text)
        {
            duties.extend(items.iter().filter(|t| !t.is_empty()).cloned());
        }
    }
    duties
}

/// Whether a paragraph ending in `:` introduces duties: its last sentence,
/// or the last clause of it ("As a developer, you'll be:"), is one the
/// vocabulary knows as responsibilities.
fn introduces_duties(text: &str) -> bool {
    let Some(sentence) = lead_in_sentence(text) else {
        return false;
    };
    let clause = sentence.rsplit(',').next().unwrap_or(sentence);
    // Under the title or in a section about the role, "you'll be:" leads
    // into what the job is.
    let says_you_will = matches!(
        headings::normalise(clause).as_str(),
        "youll be" | "you will be" | "you will" | "youll"
    );
    says_you_will
        || [sentence, clause]
            .iter()
            .any(|t| headings::classify(t) == SectionKind::Responsibilities)
}

/// The last sentence of a lead-in, a paragraph that ends in `:` or `...`
/// and introduces the list after it ("Working alongside a team, the main
/// duties are:"); `None` for any other paragraph.
pub(super) fn lead_in_sentence(text: &str) -> Option<&str> {
    let text = text.trim_end();
    let words = text
        .strip_suffix(':')
        .or_else(|| text.strip_suffix("..."))
        .or_else(|| text.strip_suffix('…'))?;
    Some(
        words
            .rsplit(['.', '!', '?', '\n'])
            .next()
            .unwrap_or(words)
            .trim(),
    )
}

/// Benefits: every item of the lists in benefits sections.
pub(super) fn benefits(body: &Body<'_>, outline: &Outline) -> Vec<String> {
    outline
        .drafts
        .iter()
        .filter(|d| d.kind == SectionKind::Benefits)
        .flat_map(|d| list_items(&body.blocks[d.blocks.clone()]))
        .cloned()
        .collect()
}

#[cfg(test)]
mod responsibility_tests {
    use test_case::test_case;

    use crate::role::parse::test_support::role;

    #[test_case("## About the role\n\nIn this role you will:\n\n"; "in this role you will")]
    #[test_case("## The job\n\nAs a baker, you'll be:\n\n"; "you'll be after a comma")]
    #[test_case("## Your role\n\nDay to day, you will:\n\n"; "day to day")]
    #[test_case("## About the job\n\nYour responsibilities will include:\n\n"; "responsibilities will include")]
    #[test_case("In this role you will:\n\n"; "under the title")]
    #[test_case("## How you'll spend your time\n\n"; "a heading")]
    fn a_lead_in_to_duties_gives_the_list_after_it(lead: &str) {
        let r = role(
            "x.md",
            &format!(
                "# Baker\n\nWe bake.\n\n{lead}- Mix the dough\n- Shape the loaves\n\n## Requirements\n\n- Flour\n"
            ),
        );
        assert_eq!(r.responsibilities, ["Mix the dough", "Shape the loaves"]);
        assert_eq!(r.experience.required.len(), 1);
    }

    #[test]
    fn a_lead_in_about_the_candidate_in_requirements_stays_experience() {
        let r = role(
            "x.md",
            "# Baker\n\nWe bake.\n\n## About you\n\nYou will be:\n\n- Patient\n- Early to rise\n",
        );
        assert!(r.responsibilities.is_empty());
        assert_eq!(r.experience.required.len(), 2);
    }

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

#[cfg(test)]
mod group_tests {
    use crate::role::parse::test_support::role;

    fn levels(text: &str) -> Vec<(String, u8)> {
        role("x.md", text)
            .sections
            .iter()
            .map(|s| (s.heading.clone(), s.level))
            .collect()
    }

    // See: issue 27 item 3 (a heading written empty before others heads them).
    #[test]
    fn an_empty_heading_written_before_others_heads_them() {
        let text = "# Baker\n\nWe bake.\n\n## Key responsibilities\n\n## Ovens\n\n- Light them\n\n## Counter\n\n- Serve\n\n## Salary\n\n£30,000\n";
        let got = levels(text);
        let want = [
            ("Key responsibilities", 2),
            ("Ovens", 3),
            ("Counter", 3),
            ("Salary", 2),
        ];
        assert_eq!(got, want.map(|(h, l)| (h.to_owned(), l)));
    }

    #[test]
    fn the_lists_a_duties_heading_heads_are_its_duties() {
        let text = "# Baker\n\nWe bake.\n\n## Key responsibilities\n\n## Ovens\n\n- Light them\n\n## Counter\n\n- Serve\n\n## Key measures\n\n- Loaves sold\n\n## Salary\n\n£30,000\n";
        assert_eq!(role("x.md", text).responsibilities, ["Light them", "Serve"]);
        let nested = "# Baker\n\nWe bake.\n\n## Duties\n\n### Ovens\n\n- Light them\n\n## Team\n\n- Six bakers\n";
        assert_eq!(role("x.md", nested).responsibilities, ["Light them"]);
    }

    #[test]
    fn duties_keep_the_order_of_the_file() {
        let text = "# Baker\n\nWe bake.\n\n## What you'll do\n\n- Mix the dough\n\n## Key responsibilities\n\n## Ovens\n\n- Light them\n";
        assert_eq!(
            role("x.md", text).responsibilities,
            ["Mix the dough", "Light them"]
        );
    }

    #[test]
    fn sections_after_a_duties_heading_with_its_own_text_or_another_empty_heading_are_not_duties() {
        let own = "# Baker\n\nWe bake.\n\n## Key responsibilities\n\nWe bake bread.\n\n## Ovens\n\n- Light them\n";
        assert_eq!(role("x.md", own).responsibilities, ["We bake bread."]);
        let other = "# Baker\n\nWe bake.\n\n## About us\n\n## Ovens\n\n- Light them\n";
        assert!(role("x.md", other).responsibilities.is_empty());
    }

    #[test]
    fn a_heading_emptied_by_a_removed_tag_heads_nothing() {
        let text = "# Baker\n\nWe bake.\n\n## How to apply\n\n{% include apply.html %}\n\n## Ovens\n\n- Light them\n";
        let got = levels(text);
        assert_eq!(
            got,
            [("How to apply".to_owned(), 2), ("Ovens".to_owned(), 2)]
        );
    }

    #[test]
    fn sections_with_text_keep_their_level() {
        let text = "# Baker\n\nWe bake.\n\n## Ovens\n\nHot.\n\n## Counter\n\n- Serve\n";
        let got = levels(text);
        assert_eq!(got, [("Ovens".to_owned(), 2), ("Counter".to_owned(), 2)]);
    }
}
