//! The experience phase: required and optional experience from the lists in
//! experience sections.

use super::Reader;
use super::blocks::{Block, BlockKind, Body};
use super::sections::Outline;
use crate::role::diagnostic::Code;
use crate::role::headings;
use crate::role::model::{Experience, SectionKind};

impl Reader<'_> {
    /// Inside a required-experience section a sentence such as "Everything
    /// else is optional" (or an optional sub-heading) switches the lists after
    /// it to optional experience. A section that lists nothing is a warning.
    pub(super) fn experience(&mut self, body: &Body<'_>, outline: &Outline) -> Experience {
        let mut experience = Experience::default();
        for (draft, section) in outline.parts() {
            let optional = match draft.kind {
                SectionKind::RequiredExperience => false,
                SectionKind::OptionalExperience => true,
                _ => continue,
            };
            let blocks = &body.blocks[draft.blocks.clone()];
            let before = experience.required.len() + experience.optional.len();
            read_lists(&mut experience, blocks, optional);
            let after = experience.required.len() + experience.optional.len();
            // A sub-section straight after the heading carries the lists.
            let has_children = outline
                .drafts
                .iter()
                .any(|o| o.level > draft.level && o.heading == draft.blocks.end);
            // Prose alone can be a complete answer ("everyone starts in our
            // academy"); a lead-in ending in `:` with nothing after it, or no
            // body at all, is a list that never came.
            let last_paragraph = blocks.iter().rev().find(|b| b.kind == BlockKind::Paragraph);
            let list_missing = last_paragraph.is_none_or(|b| b.text.trim_end().ends_with(':'));
            if after == before && !has_children && list_missing {
                let at = body.to_file(body.blocks[draft.heading].range.start);
                self.warn(
                    at,
                    Code::ExperienceEmpty,
                    format!("`{}` lists no experience", section.heading),
                )
                .hint = Some("list each skill or experience as a `- ` bullet".into());
            }
        }
        experience
    }
}

/// Adds the items of the lists in `blocks` to required or optional experience.
fn read_lists(experience: &mut Experience, blocks: &[Block], mut optional: bool) {
    for block in blocks {
        match &block.kind {
            BlockKind::Paragraph if headings::introduces_optional(&block.text) => {
                optional = true;
            }
            BlockKind::Heading { kind, .. } => match kind {
                SectionKind::OptionalExperience => optional = true,
                SectionKind::RequiredExperience => optional = false,
                _ => {}
            },
            BlockKind::List(items) => {
                let target = if optional {
                    &mut experience.optional
                } else {
                    &mut experience.required
                };
                target.extend(items.iter().filter(|t| !t.is_empty()).cloned());
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::read;

    #[test]
    fn empty_experience_section_warns() {
        let p = read(
            "x.md",
            "# X\n\n## Skills and experience\n\nYou will need:\n\n## Salary\n",
        );
        assert_eq!(p.diagnostics[0].code, "experience-empty");
        let p = read(
            "x.md",
            "# X\n\n## Skills and experience\n\nEveryone starts in our academy.\n",
        );
        assert!(p.diagnostics.is_empty());
        let p = read("x.md", "# X\n\n## Skills and experience\n\n## Salary\n");
        assert_eq!(p.diagnostics[0].code, "experience-empty");
    }

    #[test]
    fn a_sub_section_carries_the_lists() {
        let p = read(
            "x.md",
            "# X\n\n## Skills and experience\n\n### Desirable skills\n\n- Knitting\n",
        );
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        let optional = p.role.map(|r| r.experience.optional);
        assert_eq!(optional, Some(vec!["Knitting".to_owned()]));
    }
}
