//! The title phase: the job title, and the level and discipline it implies.

use super::Reader;
use super::blocks::Body;
use crate::role::diagnostic::Code;
use crate::role::front_matter::FrontMatter;
use crate::role::headings;
use crate::role::model::{LEVELS, Level};

/// The job title and where it came from.
#[derive(Debug)]
pub(super) struct Title {
    /// The title as shown.
    pub(super) text: String,
    /// The H1 block it was read from; `None` when it came from front matter
    /// or the file name and no H1 named the job.
    pub(super) block: Option<usize>,
}

impl Reader<'_> {
    /// Front matter `title`, else the first H1 unless it is a generic word
    /// ("Summary"), else the file name with a warning. No title at all is an
    /// error and the file is left out.
    pub(super) fn title(&mut self, front: &FrontMatter, body: &Body<'_>) -> Option<Title> {
        let blocks = &body.blocks;
        let first_h1 = blocks.iter().position(|b| b.level() == Some(1));
        let block = first_h1.filter(|&i| {
            !blocks[i].text.trim().is_empty() && !headings::is_generic_title(&blocks[i].text)
        });
        let text = match (&front.title, block) {
            (Some(t), _) => t.trim().to_owned(),
            (None, Some(i)) => blocks[i].text.trim().to_owned(),
            (None, None) => {
                let from_name = title_from_file_stem(&self.stem());
                let at = first_h1.map_or(body.offset(), |i| body.to_file(blocks[i].range.start));
                if from_name.is_empty() {
                    let position = self.lines.position(self.text, at);
                    self.error(
                        position,
                        Code::TitleMissing,
                        "no `# Title` heading and no usable file name".into(),
                    );
                    return None;
                }
                let message = match first_h1 {
                    Some(i) => format!(
                        "the first heading `# {}` is not a job title; using `{from_name}` from the file name",
                        blocks[i].text.trim()
                    ),
                    None => format!("no `# Title` heading; using `{from_name}` from the file name"),
                };
                self.warn(at, Code::TitleMissing, message).hint =
                    Some(format!("start the file with `# {from_name}`"));
                from_name
            }
        };
        Some(Title { text, block })
    }

    /// Level and discipline: front matter, else read from the title (and the
    /// file name for the level).
    pub(super) fn level_and_discipline(
        &self,
        front: &FrontMatter,
        title: &str,
    ) -> (Option<Level>, Option<String>) {
        let (level, discipline) = level_and_discipline(title, &self.stem());
        (
            front.level.clone().or(level).map(|l| Level::new(&l)),
            front.discipline.clone().or(discipline),
        )
    }
}

/// `senior_software_engineer` -> `Senior Software Engineer`.
fn title_from_file_stem(stem: &str) -> String {
    stem.split(['_', '-', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect::<String>()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Level from the title's leading word (else the file name's), and the
/// discipline as the title without its level.
fn level_and_discipline(title: &str, stem: &str) -> (Option<String>, Option<String>) {
    // Compared on ASCII bytes: the levels are ASCII, and the length matched is
    // then a char boundary of `text` to slice at.
    let lead = |text: &str| -> Option<(&'static str, usize)> {
        LEVELS.iter().find_map(|level| {
            let bytes = text.as_bytes();
            let matched = bytes
                .get(..level.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(level.as_bytes()));
            let separated = matches!(bytes.get(level.len()), Some(b' ' | b'_' | b'-'));
            (matched && separated).then_some((*level, level.len()))
        })
    };
    let trim_discipline = |text: &str| -> Option<String> {
        let mut words: Vec<&str> = text.split_whitespace().collect();
        if words.last().is_some_and(|w| {
            w.chars().all(|c| c.is_ascii_digit()) || matches!(*w, "I" | "II" | "III")
        }) {
            words.pop();
        }
        let d = words.join(" ");
        (!d.is_empty()).then_some(d)
    };
    match lead(title) {
        Some((level, len)) => (Some(level.to_owned()), trim_discipline(&title[len..])),
        None => (
            lead(stem).map(|(level, _)| level.to_owned()),
            trim_discipline(title),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{read, role};

    #[test]
    fn generic_title_falls_back_to_the_file_name() {
        let p = read(
            "finance_partner.md",
            "# Summary\n\nWe count beans.\n\n## Skills\n\n- Counting\n",
        );
        let r = p
            .role
            .as_ref()
            .map(|r| (r.title.as_str(), r.summary_text.as_str()));
        assert_eq!(r, Some(("Finance Partner", "We count beans.")));
        assert_eq!(p.diagnostics[0].code, "title-missing");
    }

    #[test]
    fn level_from_file_name_when_the_title_has_none() {
        let r = role("mid_data_engineer.md", "# Data Engineer\n\nText.\n");
        assert_eq!(r.level_name(), Some("Mid"));
        assert_eq!(r.discipline.as_deref(), Some("Data Engineer"));
    }
}
