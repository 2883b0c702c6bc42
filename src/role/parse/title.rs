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
    /// The title as shown, without a marker that says the role is closed.
    pub(super) text: String,
    /// The title said the role is closed or filled (`Designer (Closed)`,
    /// `[FILLED] Designer`).
    pub(super) says_closed: bool,
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
        let (text, says_closed) = match without_closed_marker(&text) {
            Some(rest) => (rest, true),
            None => (text, false),
        };
        Some(Title {
            text,
            block,
            says_closed,
        })
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

/// The employment type a title states in brackets or after a dash
/// (`Designer (Part-time)`, `Data Engineer - Contract`): the words as
/// written, when they are nothing but types.
pub(super) fn employment_in_title(title: &str) -> Option<String> {
    let title = title.trim();
    let bracketed = title
        .strip_suffix(')')
        .and_then(|t| t.rfind('(').map(|at| &t[at + 1..]));
    let dashed = [" - ", " – ", " — ", " | "]
        .iter()
        .find_map(|d| title.rsplit_once(d))
        .filter(|(head, _)| !head.trim().is_empty())
        .map(|(_, tail)| tail);
    [bracketed, dashed]
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|words| !words.is_empty() && crate::role::model::EmploymentType::only_types(words))
        .map(str::to_owned)
}

/// The title without a marker that says the role is closed, when it has
/// one: `Designer (Closed)`, `[CLOSED] Designer`, `Designer - Filled`,
/// `CLOSED: Designer`; `None` otherwise (`Closed Loop Engineer` is a title).
fn without_closed_marker(title: &str) -> Option<String> {
    const MARKERS: &[&str] = &[
        "closed",
        "filled",
        "position filled",
        "role filled",
        "expired",
    ];
    let is_marker = |words: &str| {
        let words = words.trim().to_lowercase();
        MARKERS.contains(&words.as_str())
    };
    let title = title.trim();
    // A marker in brackets, at either end.
    for (open, close) in [('(', ')'), ('[', ']')] {
        if let Some(inner) = title.strip_suffix(close)
            && let Some(at) = inner.rfind(open)
            && is_marker(&inner[at + 1..])
        {
            return Some(inner[..at].trim().to_owned()).filter(|t| !t.is_empty());
        }
        if let Some(inner) = title.strip_prefix(open)
            && let Some(at) = inner.find(close)
            && is_marker(&inner[..at])
        {
            return Some(inner[at + 1..].trim().to_owned()).filter(|t| !t.is_empty());
        }
    }
    // A marker set off by a dash or a colon.
    if let Some((rest, marker)) = title.rsplit_once([' ', '-', '–', '—'])
        && is_marker(marker)
        && rest.trim_end().ends_with(['-', '–', '—'])
    {
        let rest = rest.trim_end().trim_end_matches(['-', '–', '—']).trim();
        return Some(rest.to_owned()).filter(|t| !t.is_empty());
    }
    if let Some((marker, rest)) = title.split_once(':')
        && is_marker(marker)
    {
        return Some(rest.trim().to_owned()).filter(|t| !t.is_empty());
    }
    None
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

/// Level from the title's leading word (else the file name's, else a grade in
/// the title), and the discipline as the title without its level or grade.
/// An organisation before a colon (`Maps Office: Senior Surveyor`) is neither.
fn level_and_discipline(title: &str, stem: &str) -> (Option<String>, Option<String>) {
    let title = without_organisation(title);
    let (title, grade) = without_grade(title);
    let (level, discipline) = level_and_discipline_of(title, stem);
    (level.or(grade), discipline)
}

/// `Maps Office: Senior Surveyor` -> `Senior Surveyor`, when the part before
/// the colon is a short name.
fn without_organisation(title: &str) -> &str {
    match title.split_once(": ") {
        Some((org, rest)) if org.split_whitespace().count() <= 4 && !rest.trim().is_empty() => {
            rest.trim()
        }
        _ => title,
    }
}

/// The title without a grade at its end (`GS15`, `GS-15`, `(CS-04)`, `HEO`,
/// `Grade 7`), and that grade.
fn without_grade(title: &str) -> (&str, Option<String>) {
    let trimmed = title.trim_end();
    let (head, last) = trimmed.rsplit_once(' ').unwrap_or(("", trimmed));
    let bare = last.trim_matches(['(', ')']);
    if !head.is_empty() && is_grade(bare) {
        return (head.trim_end(), Some(bare.to_owned()));
    }
    if let Some(before) = head
        .strip_suffix(" Grade")
        .or_else(|| head.strip_suffix(" grade"))
        && bare.bytes().all(|b| b.is_ascii_digit())
        && !bare.is_empty()
    {
        return (before.trim_end(), Some(format!("Grade {bare}")));
    }
    (title, None)
}

/// A pay grade: `GS-15`, `GS15`, `CS-04`, `G7`, or a civil service grade name.
fn is_grade(word: &str) -> bool {
    const NAMED: &[&str] = &["AA", "AO", "EO", "HEO", "SEO", "SCS"];
    let letters = word.bytes().take_while(u8::is_ascii_uppercase).count();
    let number = word[letters..]
        .strip_prefix('-')
        .unwrap_or(&word[letters..]);
    NAMED.contains(&word)
        || ((1..=3).contains(&letters)
            && (1..=2).contains(&number.len())
            && number.bytes().all(|b| b.is_ascii_digit()))
}

fn level_and_discipline_of(title: &str, stem: &str) -> (Option<String>, Option<String>) {
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
        // "Director of Marketing": the discipline is Marketing; "Senior /
        // Principal Developer": a second level is no part of it either.
        if words.first() == Some(&"of") {
            words.remove(0);
        }
        let second_level = words.len() > 2
            && matches!(words[0], "/" | "and" | "or" | "&")
            && LEVELS.iter().any(|l| l.eq_ignore_ascii_case(words[1]));
        if second_level {
            words.drain(..2);
        }
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
    use test_case::test_case;

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

    #[test_case("Staff Cartographer", Some("Staff"), Some("Cartographer"))]
    #[test_case("Junior Cartographer", Some("Junior"), Some("Cartographer"))]
    #[test_case(
        "Intermediate Cartographer",
        Some("Intermediate"),
        Some("Cartographer")
    )]
    #[test_case("Principal Cartographer", Some("Principal"), Some("Cartographer"))]
    #[test_case(
        "Distinguished Cartographer",
        Some("Distinguished"),
        Some("Cartographer")
    )]
    #[test_case("Senior Cartographer GS-14", Some("Senior"), Some("Cartographer"); "a grade after a level")]
    #[test_case("Cartographer GS13", Some("GS13"), Some("Cartographer"); "a grade is the level when nothing else is")]
    #[test_case("Cartographer (CS-04)", Some("CS-04"), Some("Cartographer"); "a grade in brackets")]
    #[test_case("Cartographer HEO", Some("HEO"), Some("Cartographer"); "a civil service grade")]
    #[test_case("Map Office: Lead Cartographer", Some("Lead"), Some("Cartographer"); "an organisation before a colon")]
    #[test_case("Director of Cartography", Some("Director"), Some("Cartography"); "director of")]
    #[test_case("Senior / Principal Cartographer", Some("Senior"), Some("Cartographer"); "two levels")]
    fn levels_and_grades_are_not_the_discipline(
        title: &str,
        level: Option<&str>,
        discipline: Option<&str>,
    ) {
        let r = role("x.md", &format!("# {title}\n\nWe map.\n"));
        assert_eq!(
            (r.level_name(), r.discipline.as_deref()),
            (level, discipline)
        );
    }

    #[test]
    fn level_from_file_name_when_the_title_has_none() {
        let r = role("mid_data_engineer.md", "# Data Engineer\n\nText.\n");
        assert_eq!(r.level_name(), Some("Mid"));
        assert_eq!(r.discipline.as_deref(), Some("Data Engineer"));
    }

    #[test_case("Senior Developer (Closed)", Some("Senior Developer"))]
    #[test_case("[CLOSED] Designer", Some("Designer"))]
    #[test_case("Designer - Filled", Some("Designer"))]
    #[test_case("Designer – position filled", None; "a two-word marker after a dash is not split")]
    #[test_case("CLOSED: Designer", Some("Designer"))]
    #[test_case("Closed Loop Engineer", None)]
    #[test_case("Designer (Remote)", None)]
    #[test_case("(Closed)", None)]
    fn a_title_that_says_the_role_is_closed(title: &str, expected: Option<&str>) {
        assert_eq!(super::without_closed_marker(title).as_deref(), expected);
    }

    #[test_case("Designer (Part-time)", Some("Part-time"))]
    #[test_case("Data Engineer - Contract", Some("Contract"))]
    #[test_case("Data Engineer | Full-time, Permanent", Some("Full-time, Permanent"))]
    #[test_case("Designer (Remote)", None)]
    #[test_case("Contract Manager", None)]
    #[test_case("Part-time", None; "a title that is only a type says nothing more")]
    fn a_title_that_states_the_employment_type(title: &str, expected: Option<&str>) {
        assert_eq!(super::employment_in_title(title).as_deref(), expected);
    }
}
