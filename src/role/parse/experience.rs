//! The experience phase: required and optional experience from the lists in
//! experience sections.

use super::Reader;
use super::blocks::{Block, BlockKind, Body};
use super::sections::Outline;
use crate::role::diagnostic::Code;
use crate::role::headings;
use crate::role::model::{Experience, SectionKind};

impl Reader<'_> {
    /// Experience from every section but expectations, and from the blocks
    /// before the first section. Inside a required-experience section a
    /// sentence such as "Everything else is optional" (or an optional
    /// sub-heading) switches the lists after it to optional experience. A
    /// required or optional experience section that lists nothing is a warning.
    pub(super) fn experience(&mut self, body: &Body<'_>, outline: &Outline) -> Experience {
        let mut experience = Experience::default();
        let preamble: Vec<&Block> = outline.preamble.iter().map(|&i| &body.blocks[i]).collect();
        read_lists(&mut experience, preamble, Into::Nowhere);
        for (draft, section) in outline.parts() {
            let start = match draft.kind {
                SectionKind::RequiredExperience => Into::Required,
                SectionKind::OptionalExperience => Into::Optional,
                SectionKind::Expectations => continue,
                _ => Into::Nowhere,
            };
            let blocks = &body.blocks[draft.blocks.clone()];
            let before = experience.required.len() + experience.optional.len();
            read_lists(&mut experience, blocks.iter().collect(), start);
            let after = experience.required.len() + experience.optional.len();
            if start == Into::Nowhere {
                continue;
            }
            // A sub-section straight after the heading carries the lists.
            let has_children = outline
                .drafts
                .iter()
                .any(|o| o.level > draft.level && o.heading == draft.blocks.end);
            // Prose alone can be a complete answer ("everyone starts in our
            // academy"); a lead-in ending in `:` with nothing after it, or no
            // body at all, is a list that never came.
            let last_paragraph = blocks.iter().rev().find(|b| b.kind == BlockKind::Paragraph);
            // A list that is something else (instructions) did come.
            let any_list = blocks.iter().any(|b| matches!(b.kind, BlockKind::List(_)));
            let list_missing =
                !any_list && last_paragraph.is_none_or(|b| b.text.trim_end().ends_with(':'));
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

/// Where the items of the next list go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Into {
    Required,
    Optional,
    /// Not experience (another kind of section, or after a sub-heading the
    /// vocabulary does not know).
    Nowhere,
}

impl Into {
    /// Where a heading, a bold label or a lead-in of this kind sends lists.
    fn of(kind: SectionKind) -> Into {
        match kind {
            SectionKind::RequiredExperience => Into::Required,
            SectionKind::OptionalExperience => Into::Optional,
            _ => Into::Nowhere,
        }
    }
}

/// Adds the items of the lists in `blocks` to required or optional
/// experience, starting with `start`. A sub-heading sets where the lists
/// after it go (one the vocabulary does not know ends experience), and so does
/// a bold label the vocabulary knows as experience, until the next label;
/// a paragraph ending in `:` that the vocabulary knows ("We'll evaluate you
/// on:", "For each job on your resume, provide:") sets it for the next list
/// only; an item such as `**Required**:` with a nested list is a sub-heading
/// for its nested items.
fn read_lists(experience: &mut Experience, blocks: Vec<&Block>, start: Into) {
    let mut into = start;
    let mut next_list: Option<Into> = None;
    // Whether `into` was set by a bold label, which the next label of another
    // kind ends; bold labels inside an experience section ("**Key skills**",
    // "**Client advisory**") only group its lists.
    let mut from_label = false;
    for block in blocks {
        if let Some(kind) = block.section_kind() {
            // A sub-heading the vocabulary does not know ("Technical
            // skills") groups the section's own lists; it does not end them.
            into = match Into::of(kind) {
                Into::Nowhere if kind == SectionKind::Other && !is_condition(&block.text) => start,
                set => set,
            };
            (next_list, from_label) = (None, false);
            continue;
        }
        if let Some(label) = &block.label {
            match Into::of(label.kind) {
                Into::Nowhere if from_label => (into, from_label) = (start, false),
                Into::Nowhere => {}
                set => (into, from_label) = (set, true),
            }
            next_list = None;
            continue;
        }
        match &block.kind {
            BlockKind::Paragraph => {
                // A line alone that is a heading's words (`Essential`,
                // `Desirable:`) heads the lists after it, like a label.
                if let Some(set) = plain_label(&block.text) {
                    (into, from_label, next_list) = (set, true, None);
                    continue;
                }
                if into != Into::Nowhere && headings::introduces_optional(&block.text) {
                    into = Into::Optional;
                }
                next_list = lead_in(&block.text);
            }
            BlockKind::List(items) => {
                let target = next_list.take().unwrap_or(into);
                // A list of nothing but conditions of the job (citizenship,
                // a clearance, the right to work) states no experience; the
                // section still shows it as written. Among skills, such an
                // item is a requirement as the author listed it.
                if only_conditions(items) {
                    continue;
                }
                let empty = Vec::new();
                for (n, item) in items.iter().enumerate() {
                    let nested = block.nested.get(n).unwrap_or(&empty);
                    match sub_heading(item, nested) {
                        Some(Into::Nowhere) => {}
                        Some(_) if only_conditions(nested) => {}
                        Some(sub) => push(experience, sub, nested),
                        None => push(experience, target, std::slice::from_ref(item)),
                    }
                }
            }
            _ => {}
        }
    }
}

fn push(experience: &mut Experience, into: Into, items: &[String]) {
    for item in items.iter().filter(|t| !t.is_empty()) {
        let target = match into {
            // An item that says it is optional is, whatever list it is in.
            Into::Required if marks_itself_optional(item) => &mut experience.optional,
            Into::Required => &mut experience.required,
            Into::Optional => &mut experience.optional,
            Into::Nowhere => return,
        };
        target.push(item.clone());
    }
}

/// Whether a list holds items and every one is a condition of the job.
fn only_conditions(items: &[String]) -> bool {
    let mut items = items.iter().filter(|t| !t.is_empty()).peekable();
    items.peek().is_some() && items.all(|t| is_condition_item(t))
}

/// An item that states a condition of the job rather than experience:
/// citizenship, a security clearance, a background check, the right to work.
fn is_condition_item(item: &str) -> bool {
    mentions_any(
        item,
        &[
            "citizenship",
            "security clearance",
            "background check",
            "right to work",
            "eligible to work",
            "eligibility to work",
            "work permit",
        ],
    )
}

/// Whether `text` holds any of `phrases` (lowercase), in any letter case.
fn mentions_any(text: &str, phrases: &[&str]) -> bool {
    let lower = text.to_lowercase();
    phrases.iter().any(|p| lower.contains(p))
}

/// An item that says itself it is optional: `Bonus: Rust`, `Kubernetes
/// (nice to have)`, `A degree would be an advantage`.
fn marks_itself_optional(item: &str) -> bool {
    let lower = item
        .trim()
        .trim_end_matches(['.', ';', ','])
        .trim()
        .to_lowercase();
    if let Some(open) = lower.rfind('(')
        && let Some(inside) = lower[open + 1..].strip_suffix(')')
        && headings::introduces_optional(inside)
    {
        return true;
    }
    if let Some((label, _)) = lower.split_once(':')
        && label.split_whitespace().count() <= 3
        && headings::introduces_optional(label)
    {
        return true;
    }
    const ENDINGS: &[&str] = &[
        "a plus",
        "an asset",
        "an advantage",
        "a bonus",
        "nice to have",
        "desirable",
        "preferred",
        "optional",
        "advantageous",
        "beneficial",
        "helpful",
        // The same in Italian, Portuguese, Spanish, German, French, Latvian.
        "un plus",
        "gradita",
        "gradito",
        "graditi",
        "gradite",
        "preferibile",
        "diferencial",
        "valorizado",
        "valorizada",
        "deseable",
        "valorable",
        "von vorteil",
        "wünschenswert",
        "souhaité",
        "souhaitée",
        "apprécié",
        "appréciée",
        "priekšrocība",
    ];
    // "... is a big plus", "... would be a strong plus".
    let mut words = lower.split_whitespace().rev();
    let graded_plus = words.next() == Some("plus")
        && words.next().is_some_and(|w| {
            matches!(
                w,
                "a" | "big" | "huge" | "strong" | "great" | "definite" | "real" | "major" | "added"
            )
        });
    // "Bonus points for Elixir", "Extra points if you know Go".
    let bonus_points = ["bonus point", "extra point"]
        .iter()
        .any(|p| lower.starts_with(p));
    // "SQL required, Python preferred" and "A degree. MBA preferred." hold a
    // requirement too: an ending speaks for the item only when it is one
    // clause that states nothing as required.
    let one_clause = !lower.contains(['.', ';'])
        && !["required", "must", "essential"]
            .iter()
            .any(|w| lower.contains(w));
    one_clause && (graded_plus || bonus_points || ENDINGS.iter().any(|e| lower.ends_with(e)))
}

/// Where the list after a lead-in ending in `:` or `...` goes, when the
/// vocabulary knows the lead-in. Only the lead-in's own sentence counts: a
/// paragraph that mentions experience earlier does not make the list required.
fn lead_in(text: &str) -> Option<Into> {
    let sentence = super::sections::lead_in_sentence(text)?;
    if headings::introduces_optional(sentence) {
        return Some(Into::Optional);
    }
    match headings::classify(sentence) {
        SectionKind::Other => None,
        kind => Some(Into::of(kind)),
    }
}

/// A sub-heading about the terms of the job (travel, citizenship, a
/// clearance), which are conditions, not experience a candidate brings.
fn is_condition(heading: &str) -> bool {
    mentions_any(
        heading,
        &[
            "travel",
            "citizenship",
            "clearance",
            "conditions",
            "eligibility",
            "relocation",
            "employment requirements",
        ],
    )
}

/// A short paragraph that is only a heading's words for experience
/// (`Essential`, `Desirable criteria:`).
fn plain_label(text: &str) -> Option<Into> {
    let words = text.trim().trim_end_matches(':').trim();
    if words.is_empty() || words.split_whitespace().count() > 3 {
        return None;
    }
    match Into::of(headings::classify(words)) {
        Into::Nowhere => None,
        set => Some(set),
    }
}

/// A short list item (`**Required**:`, `Nice-to-haves:`) whose nested list
/// it heads, when the vocabulary knows it.
fn sub_heading(item: &str, nested: &[String]) -> Option<Into> {
    let words = item.trim().trim_end_matches(':').trim();
    let short = words.split_whitespace().count() <= 3;
    if nested.is_empty() || !short {
        return None;
    }
    match headings::classify(words) {
        SectionKind::Other => None,
        kind => Some(Into::of(kind)),
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

    use super::super::test_support::role;

    #[test]
    fn a_lead_in_is_classified_by_its_own_sentence() {
        let r = role(
            "x.md",
            "# X\n\nWe have years of experience baking. Here is what a day looks like:\n\n- Light the oven\n",
        );
        assert!(r.experience.required.is_empty(), "{:?}", r.experience);
        let r = role(
            "x.md",
            "# X\n\nWe bake every day. You must have...\n\n- A steady hand\n",
        );
        assert_eq!(r.experience.required, ["A steady hand"]);
    }

    #[test]
    fn a_list_of_nothing_but_conditions_of_the_job_is_no_experience() {
        let text = "# Analyst\n\nWe count.\n\n## Key requirements\n\n- You must hold British citizenship\n- Security clearance (SC)\n- The right to work in the UK\n\n## Skills\n\n- SQL\n";
        let r = super::super::test_support::role("x.md", text);
        assert_eq!(r.experience.required, ["SQL"]);
        assert!(r.experience.optional.is_empty());
    }

    #[test]
    fn a_condition_listed_among_skills_stays_as_the_author_listed_it() {
        let text = "# Analyst\n\nWe count.\n\n## Skills people must have\n\n- Existing security clearance or eligible for it\n- SQL\n";
        let r = super::super::test_support::role("x.md", text);
        assert_eq!(
            r.experience.required,
            ["Existing security clearance or eligible for it", "SQL"]
        );
    }

    #[test]
    fn an_item_that_says_it_is_optional_is_optional_in_a_required_list() {
        let text = "# Baker\n\nWe bake.\n\n## Requirements\n\n- Bread\n- Bonus: sourdough\n- Pastry (nice to have)\n- A food hygiene certificate would be an advantage\n- Experience designing bonus schemes\n- SQL required, Python preferred\n- A degree. MBA preferred.\n";
        let r = super::super::test_support::role("x.md", text);
        assert_eq!(
            r.experience.required,
            [
                "Bread",
                "Experience designing bonus schemes",
                "SQL required, Python preferred",
                "A degree. MBA preferred."
            ]
        );
        assert_eq!(
            r.experience.optional,
            [
                "Bonus: sourdough",
                "Pastry (nice to have)",
                "A food hygiene certificate would be an advantage"
            ]
        );
    }

    #[test]
    fn graded_pluses_and_bonus_points_mark_an_item_optional() {
        for item in [
            "Experience with graph databases is a big plus",
            "Rust would be a strong plus",
            "Bonus points for Elixir",
            "Knowing Go is helpful",
            "A driving licence is advantageous",
            "Conoscenza di Kubernetes è un plus",
            "Experiência com Go é um diferencial",
            "Erfahrung mit Rust von Vorteil",
        ] {
            assert!(super::marks_itself_optional(item), "{item}");
        }
        for item in [
            "Java plus Spring",
            "Experience with C plus",
            "Bonus schemes design",
            "A degree is required; Go is helpful",
        ] {
            assert!(!super::marks_itself_optional(item), "{item}");
        }
    }

    #[test]
    fn a_plus_and_assets_are_optional() {
        let r = role(
            "x.md",
            "# X\n\n## Requirements\n\n- Bread\n\nThe following would be assets:\n\n- Cakes\n\n## A plus\n\n- Pies\n",
        );
        assert_eq!(r.experience.required, ["Bread"]);
        assert_eq!(r.experience.optional, ["Cakes", "Pies"]);
    }

    #[test]
    fn an_unknown_sub_heading_under_requirements_stays_required() {
        let r = role(
            "x.md",
            "# X\n\n## Requirements\n\n### Technical skills\n\n- Ovens\n\n### People skills\n\n- Patience\n",
        );
        assert_eq!(r.experience.required, ["Ovens", "Patience"]);
    }

    #[test]
    fn plain_essential_and_desirable_lines_head_their_lists() {
        let r = role(
            "x.md",
            "# X\n\n## Skills\n\nEssential\n\n- Ovens\n\nDesirable\n\n- Icing\n",
        );
        assert_eq!(r.experience.required, ["Ovens"]);
        assert_eq!(r.experience.optional, ["Icing"]);
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
