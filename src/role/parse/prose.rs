//! Front matter prose as sections: each key whose value is
//! prose (`role/front_matter/prose.rs` decides) is written as a `##` section
//! after the body, so that every phase reads it as it reads a body section:
//! the heading classifier (or the site's `front_matter:` map) gives its kind,
//! its list items are duties or experience, its words are searched. A body
//! section with the same heading and nothing under it (an `{% include %}`
//! that rendered the key was removed) takes its place, so the page keeps the
//! author's order. Diagnostics and lines inside the appended text point at
//! the key's line in the front matter.

use super::blocks::Body;
use super::sections::Outline;
use crate::role::diagnostic::{Diagnostic, to_u32};
use crate::role::front_matter::ProseKey;
use crate::role::headings;

/// The sections appended after a file's text, and where each came from.
#[derive(Debug, Clone, Default)]
pub(super) struct Appendix {
    /// The file's length in bytes: appended text starts here.
    pub(super) from: usize,
    /// The Markdown appended.
    pub(super) text: String,
    /// (first line of the part in the extended text, the key's file line).
    parts: Vec<(u32, u32)>,
}

impl Appendix {
    /// The sections for `keys`, to append to `text`.
    pub(super) fn new(text: &str, keys: &[ProseKey]) -> Appendix {
        let mut appendix = Appendix {
            from: text.len(),
            ..Appendix::default()
        };
        let mut line = to_u32(text.lines().count()) + 1;
        if !text.ends_with('\n') && !text.is_empty() {
            appendix.text.push('\n');
        }
        for key in keys {
            let part = format!("\n## {}\n\n{}\n", key.heading, key.markdown);
            appendix.parts.push((line, key.line));
            line += to_u32(part.matches('\n').count());
            appendix.text.push_str(&part);
        }
        appendix
    }

    /// The file line a line of the extended text stands for: its own below
    /// the appendix, else the line of the key it came from.
    pub(super) fn file_line(&self, line: u32) -> u32 {
        self.parts
            .iter()
            .rev()
            .find(|(first, _)| *first <= line)
            .map_or(line, |&(_, key)| key)
    }

    /// Points diagnostics inside the appended text at their keys' lines.
    pub(super) fn relocate(&self, diagnostics: &mut [Diagnostic]) {
        let Some(&(first, _)) = self.parts.first() else {
            return;
        };
        for d in diagnostics.iter_mut().filter(|d| d.line >= first) {
            d.line = self.file_line(d.line);
            d.col = 1;
        }
    }
}

/// Moves each appended section (with its sub-sections) into the place of an
/// earlier body section of the same heading and level that is empty, under
/// that section's anchor, so that deep links and the order stay the file's.
pub(super) fn fill_empty_namesakes(outline: &mut Outline, body: &Body<'_>, from: usize) {
    let appended = |outline: &Outline, i: usize| {
        body.to_file(body.blocks[outline.drafts[i].heading].range.start) >= from
    };
    let Some(mut first) = (0..outline.drafts.len()).find(|&i| appended(outline, i)) else {
        return;
    };
    let mut at = first;
    while at < outline.drafts.len() {
        let end = (at + 1..outline.drafts.len())
            .find(|&j| outline.drafts[j].level <= outline.drafts[at].level)
            .unwrap_or(outline.drafts.len());
        let words = headings::normalise(&outline.sections[at].heading);
        let namesake = (0..first).find(|&i| {
            let s = &outline.sections[i];
            s.level == outline.sections[at].level
                && s.body.source.trim().is_empty()
                && headings::normalise(&s.heading) == words
        });
        let Some(empty) = namesake else {
            at = end;
            continue;
        };
        let anchor = outline.sections[empty].anchor.clone();
        let drafts: Vec<_> = outline.drafts.drain(at..end).collect();
        let mut sections: Vec<_> = outline.sections.drain(at..end).collect();
        sections[0].anchor = anchor;
        outline.drafts.splice(empty..=empty, drafts);
        outline.sections.splice(empty..=empty, sections);
        // One section before them replaced by `end - at`: what follows
        // moved by one less.
        first += end - at - 1;
        at = end - 1;
    }
}

#[cfg(test)]
mod tests {
    use crate::role::model::SectionKind;
    use crate::role::parse::test_support::{read, role};

    const KEEPER: &str = "---\ntitle: Seed Keeper\nlayout: job\nduties:\n  - Count every seed lot that arrives\n  - Dry and store the seeds\n---\nWe keep seeds.\n\n## Duties\n\n{% include duties.html %}\n\n## The bank\n\nAn old orchard.\n";

    // See: issue 27 item 3 (prose kept in front matter becomes sections).
    #[test]
    fn issue_27_a_list_in_front_matter_fills_the_empty_section_of_its_name() {
        let r = role("keeper.md", KEEPER);
        let got: Vec<_> = r
            .sections
            .iter()
            .map(|s| (s.heading.as_str(), s.kind, s.anchor.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("Duties", SectionKind::Responsibilities, "duties"),
                ("The bank", SectionKind::Other, "the-bank"),
            ]
        );
        assert_eq!(
            r.responsibilities,
            [
                "Count every seed lot that arrives",
                "Dry and store the seeds"
            ]
        );
        // Its lines are the key's in the front matter.
        assert_eq!(r.sections[0].body.line, 4);
    }

    #[test]
    fn a_prose_key_without_a_namesake_follows_the_body_and_a_short_one_stays_unknown() {
        let text = "---\ntitle: Seed Keeper\nlayout: job\nwhat_we_offer: |\n  Thirty days of leave.\n  A bicycle.\n---\nWe keep seeds.\n\n## The bank\n\nAn old orchard.\n";
        let p = read("keeper.md", text);
        let unknown: Vec<_> = p.unknown_keys.iter().map(|k| k.key.as_str()).collect();
        assert_eq!(unknown, ["layout"]);
        let r = p.role.unwrap_or_else(|| panic!("the role loads"));
        let headings: Vec<_> = r.sections.iter().map(|s| s.heading.as_str()).collect();
        assert_eq!(headings, ["The bank", "What we offer"]);
        assert_eq!(r.sections[1].kind, SectionKind::Benefits);
    }

    #[test]
    fn a_file_without_prose_keys_reads_as_before() {
        let text = "---\ntitle: Seed Keeper\nlayout: job\ngs: 15\n---\nWe keep seeds.\n\n## Duties\n\n- Count seeds\n";
        let r = role("keeper.md", text);
        let headings: Vec<_> = r.sections.iter().map(|s| s.heading.as_str()).collect();
        assert_eq!(headings, ["Duties"]);
        assert_eq!(r.sections[0].body.line, 9);
    }

    #[test]
    fn a_warning_inside_front_matter_prose_points_at_its_key() {
        let text = "---\ntitle: Seed Keeper\nintro_text: |\n  We keep seeds.\n  The pay is TBD until the budget is set.\n---\nWe keep seeds.\n";
        let p = read("keeper.md", text);
        let placeholder: Vec<_> = p
            .diagnostics
            .iter()
            .filter(|d| d.code == "placeholder")
            .map(|d| (d.line, d.col))
            .collect();
        assert_eq!(placeholder, [(3, 1)], "{:?}", p.diagnostics);
    }
}
