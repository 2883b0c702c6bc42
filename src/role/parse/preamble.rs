//! The preamble phase: between the title and the first section, a location
//! line and a key-facts list (`- Team: Platform`) give facts; the rest is the
//! summary.

use super::blocks::{Block, BlockKind, Body};
use super::sections::Outline;
use crate::role::front_matter::FrontMatter;
use crate::role::headings;
use crate::role::model::SectionKind;
use crate::role::place::{self, Place};

/// Facts read from the preamble (front matter first), and the blocks left
/// for the summary.
#[derive(Debug, Default)]
pub(super) struct Preamble {
    pub(super) location: Option<String>,
    pub(super) team: Option<String>,
    pub(super) employment_type: Option<String>,
    /// A grade on a pay scale (`SEO`, `GS-11`): never pay, shown in key facts.
    pub(super) grade: Option<String>,
    /// Indices of the preamble blocks that are the summary.
    pub(super) summary: Vec<usize>,
    /// Key-facts items careers does not type, as written (label, value): an
    /// item with no `Key:` is labelled "Note", so no item is lost.
    pub(super) other: Vec<(String, String)>,
}

/// Front matter wins; then the location line, the key facts, and for the
/// location a short paragraph in a location section.
pub(super) fn preamble(front: &FrontMatter, body: &Body<'_>, outline: &Outline) -> Preamble {
    let mut facts = Preamble {
        location: front.location.clone(),
        team: front.team.clone(),
        employment_type: front.employment_type.clone(),
        grade: None,
        summary: Vec::new(),
        other: Vec::new(),
    };
    // A short capitalised line under the title is read as its places only
    // when text follows it there, or it says so itself: alone, a line such
    // as "Design." is the summary, not a place.
    let followed = outline.preamble.len() > 1;
    for (n, &i) in outline.preamble.iter().enumerate() {
        let block = &body.blocks[i];
        match &block.kind {
            BlockKind::Paragraph
                if n == 0
                    && (followed || is_location_label(&block.text))
                    && looks_like_location(&block.text) =>
            {
                if facts.location.is_none() {
                    facts.location = Some(clean_location(&first_paragraph_place(body, block)));
                }
            }
            BlockKind::List(items) if is_key_facts(items) => facts.key_facts(items),
            _ => facts.summary.push(i),
        }
    }
    if facts.location.is_none() {
        facts.location = outline
            .drafts
            .iter()
            .filter(|d| d.kind == SectionKind::Location)
            .find_map(|d| {
                // The place its heading states (`## Location: Leeds`), else
                // its first short paragraph.
                location_line(&body.blocks[d.heading].text).or_else(|| {
                    body.blocks[d.blocks.clone()]
                        .iter()
                        .find(|b| b.kind == BlockKind::Paragraph && b.text.len() <= 120)
                        .map(|b| b.text.clone())
                })
            })
            .map(|text| clean_location(&text));
    }
    if facts.location.is_none() {
        facts.location = location_elsewhere(body, outline);
    }
    if facts.location.is_none() {
        facts.location = workplace_in_location_prose(body, outline);
    }
    if facts.location.is_none() {
        facts.location = facts
            .summary
            .iter()
            .find_map(|&i| places_in_prose(&body.blocks[i].text));
    }
    if facts.location.is_none() {
        facts.location = facts
            .summary
            .iter()
            .find_map(|&i| anywhere_in(&body.blocks[i].text));
    }
    if facts.location.is_none()
        && facts
            .summary
            .iter()
            .any(|&i| says_the_role_is_remote(&body.blocks[i].text))
    {
        facts.location = Some("Remote".to_owned());
    }
    if facts.grade.is_none() {
        facts.grade = grade_anywhere(body);
    }
    facts
}

/// The place the paragraph under the title states: its text, but when it
/// is a `Location:` line with more lines after it (fact lines with no blank
/// line between them, which Markdown joins into one paragraph), that line's
/// place alone, not the facts after it.
fn first_paragraph_place(body: &Body<'_>, block: &Block) -> String {
    let source = &body.fixed[block.range.clone()];
    let mut lines = source.lines().filter(|l| !l.trim().is_empty());
    match (lines.next().and_then(location_line), lines.next()) {
        (Some(place), Some(_)) => place,
        _ => block.text.clone(),
    }
}

/// A grade written as a fact anywhere: a `Grade: SEO` line (emphasis and a
/// list marker allowed), or a bold `**Grade:**` line with the grade in the
/// next paragraph. Only a short value is a grade, so a sentence about how
/// grades work is not.
fn grade_anywhere(body: &Body<'_>) -> Option<String> {
    let usable = |text: &str| grade_value(text);
    body.blocks
        .iter()
        .enumerate()
        .find_map(|(i, b)| match &b.kind {
            BlockKind::Paragraph => match &b.label {
                Some(label) if is_grade_key(&label.text) => usable(&label.rest).or_else(|| {
                    body.blocks
                        .get(i + 1)
                        .filter(|next| next.kind == BlockKind::Paragraph)
                        .and_then(|next| usable(&next.text))
                }),
                _ => body.fixed[b.range.clone()]
                    .lines()
                    .find_map(|line| labelled(line, is_grade_key))
                    .and_then(|v| usable(&v)),
            },
            BlockKind::List(items) => items
                .iter()
                .find_map(|item| labelled(item, is_grade_key))
                .and_then(|v| usable(&v)),
            _ => None,
        })
}

/// A value that reads as a grade ("SEO", "G7", "GS-11", "Band 6", "8"): a
/// few words starting with a capital or a digit, not a sentence ("depends on
/// experience") nor a link.
fn grade_value(text: &str) -> Option<String> {
    let text = text.trim().trim_end_matches('.').trim();
    let looks_like_grade = !text.is_empty()
        && text.len() <= 40
        && text.split_whitespace().count() <= 4
        && text.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && !text.contains(['[', '{', '(', '<']);
    looks_like_grade.then(|| text.to_owned())
}

fn is_grade_key(key: &str) -> bool {
    matches!(
        headings::normalise(key).as_str(),
        "grade" | "grades" | "pay grade" | "grade level" | "gs level" | "civil service grade"
    )
}

/// The value of a `Key: value` line whose key `is_key` accepts (emphasis, a
/// list marker and a trailing `<br>` allowed). Every line of every paragraph
/// comes here, so a line without a short key is turned away before anything
/// is allocated.
fn labelled(line: &str, is_key: fn(&str) -> bool) -> Option<String> {
    // `Location: Leeds`, or `Location - Leeds` with a dash for the colon.
    let (colon, width) = match line.find(':') {
        Some(at) => (at, 1),
        // Most lines hold neither a colon nor any dash.
        None if !line.contains(['-', '–', '—']) => return None,
        None => [" - ", " – ", " — "]
            .iter()
            .find_map(|dash| line.find(dash).map(|at| (at, dash.len())))?,
    };
    let key = line[..colon]
        .trim()
        .trim_start_matches("- ")
        .trim_matches(['*', '_', ' ']);
    if key.is_empty() || key.len() > 40 || !is_key(key) {
        return None;
    }
    let value = line[colon + width..].replace(['*', '_'], "");
    let value = value.trim().trim_end_matches("<br>").trim();
    (!value.is_empty()).then(|| value.to_owned())
}

/// The places of a sentence such as "We have offices in Leeds, York and
/// Hull; most of us work remotely": the names after "locations in",
/// "offices in" or "based in", up to the end of the clause.
fn places_in_prose(text: &str) -> Option<String> {
    const LEADS: &[&str] = &["locations in ", "offices in ", "based in ", "located in "];
    let lower = text.to_ascii_lowercase();
    LEADS
        .iter()
        .find_map(|lead| {
            let at = lower.find(lead)? + lead.len();
            let rest = text.get(at..)?;
            // "based in our London office": the name after "our" or "the".
            let rest = ["our ", "the ", "one of our "]
                .iter()
                .find_map(|w| rest.strip_prefix(w))
                .unwrap_or(rest);
            let end = rest.find([';', '.', '(', '—']).unwrap_or(rest.len());
            let places = leading_names(&rest[..end]);
            (places.len() <= 80
                && places.contains(|c: char| c.is_uppercase())
                && looks_like_location(places))
            .then(|| places.to_owned())
        })
        .or_else(|| office_in_prose(text))
}

/// "two days a week in our Manchester office": the names between "in our"
/// and "office" (or "offices", "hub", "studio"), and nothing else after
/// "in our" ("in our Slack channel" names no place).
fn office_in_prose(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    lower.match_indices("in our ").find_map(|(at, lead)| {
        let rest = text.get(at + lead.len()..)?;
        let places = leading_names(rest);
        let after = rest.get(places.len()..)?.trim_start().to_ascii_lowercase();
        let office = ["office", "offices", "hub", "hubs", "studio"]
            .iter()
            .any(|w| after.starts_with(w));
        (office && !places.is_empty() && places.len() <= 80 && looks_like_location(places))
            .then(|| places.to_owned())
    })
}

/// "You can work from anywhere in the UK": "Anywhere in the UK", the place
/// as the sentence names it (a capitalised name after "anywhere in").
fn anywhere_in(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let at = lower.find("from anywhere in ")? + "from anywhere in ".len();
    let rest = text.get(at..)?;
    let (the, rest) = match rest.strip_prefix("the ") {
        Some(after) => ("the ", after),
        None => ("", rest),
    };
    let end = rest.find([';', '.', '(', ',', '—']).unwrap_or(rest.len());
    let names = leading_names(&rest[..end]);
    (!names.is_empty() && names.len() <= 60 && looks_like_location(names))
        .then(|| format!("Anywhere in {the}{names}"))
}

/// Whether a summary says the role itself is remote ("our first fully
/// remote engineering role", "This is a remote position"), and does not
/// deny it ("not a remote role").
fn says_the_role_is_remote(text: &str) -> bool {
    const PHRASES: &[&str] = &[
        "fully remote",
        "100% remote",
        "remote role",
        "remote position",
        "remote job",
        "remote opportunity",
        "role is remote",
        "position is remote",
        "job is remote",
    ];
    let lower = text.to_lowercase();
    lower.split(['.', '!', '?', ';']).any(|sentence| {
        PHRASES.iter().any(|p| sentence.contains(p))
            && ![" not ", "n't ", "n’t ", " no "]
                .iter()
                .any(|n| sentence.contains(n))
    })
}

/// Where the work is, as a section about location describes it in prose
/// ("Salary and location": "We mainly work remotely but may visit the
/// office. We have offices in Leeds and York."): the offices, and remote or
/// hybrid working when the same paragraph says so. Remote work is within the
/// region that holds the offices (so "Remote (UK)"), else anywhere.
fn workplace_in_location_prose(body: &Body<'_>, outline: &Outline) -> Option<String> {
    outline
        .drafts
        .iter()
        .filter(|d| {
            d.kind == SectionKind::Location || {
                let heading = body.blocks[d.heading].text.to_lowercase();
                heading
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w == "location" || w == "locations")
            }
        })
        .flat_map(|d| &body.blocks[d.blocks.clone()])
        .filter(|b| b.kind == BlockKind::Paragraph)
        .find_map(|b| workplace(&b.text))
}

/// One paragraph's workplace: `None` unless it names offices.
fn workplace(text: &str) -> Option<String> {
    let named: Vec<String> = place::places(&places_in_prose(text)?)
        .into_iter()
        .filter_map(|p| match p {
            Place::Named(name) => Some(name),
            Place::Remote(_) => None,
        })
        .collect();
    // "London, UK": a region that holds another office is no office itself.
    let offices: Vec<String> = named
        .iter()
        .filter(|o| !named.iter().any(|p| p != *o && place::region_holds(o, p)))
        .cloned()
        .collect();
    let (last, rest) = offices.split_last()?;
    let list = if rest.is_empty() {
        last.clone()
    } else {
        format!("{} or {last}", rest.join(", "))
    };
    let words: Vec<String> = text
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    if says(&words, &["hybrid"]) {
        return Some(format!("{list}, with hybrid working"));
    }
    if !says(&words, &["remote", "remotely"]) {
        return Some(list);
    }
    // The first region that holds every office; none when one is unknown
    // ("London and Toronto") or no region holds them all.
    let region = place::REGIONS
        .iter()
        .map(|(region, _)| *region)
        .find(|region| offices.iter().all(|o| place::region_holds(region, o)));
    Some(match region {
        Some(region) => format!("Remote ({region}), {list}"),
        None => format!("Remote, {list}"),
    })
}

/// Whether `words` hold one of `wanted` that is not negated by one of the
/// three words before it ("Remote working is not available" says remote,
/// then takes it back: a negation after it, in the same sentence, counts too).
fn says(words: &[String], wanted: &[&str]) -> bool {
    const NOT: &[&str] = &[
        "not",
        "no",
        "non",
        "isn't",
        "aren't",
        "cannot",
        "can't",
        "won't",
        "never",
        "unavailable",
    ];
    words.iter().enumerate().any(|(i, w)| {
        wanted.contains(&w.as_str())
            && !words[i.saturating_sub(3)..(i + 4).min(words.len())]
                .iter()
                .any(|n| NOT.contains(&n.as_str()))
    })
}

/// The run of names a clause starts with: "Leeds, York and Hull and our
/// clients are across the UK" -> "Leeds, York and Hull".
fn leading_names(clause: &str) -> &str {
    let mut end = 0;
    for (at, word) in clause.split_inclusive(' ').scan(0, |at, w| {
        let start = *at;
        *at += w.len();
        Some((start, w))
    }) {
        let bare = word.trim().trim_end_matches(',');
        let name = bare.starts_with(|c: char| c.is_uppercase());
        let joins = bare.is_empty() || JOINING_WORDS.contains(&bare);
        if !(name || joins) {
            break;
        }
        if name {
            end = at + word.trim_end().len();
        }
    }
    clause[..end].trim().trim_end_matches(',')
}

/// A location written outside the preamble: a bold `**Location:**` line with
/// the place after it, a heading that states it (`### Location: Leeds`), a
/// `Location: ...` line anywhere in a paragraph of facts, or a key-facts list
/// in any section.
fn location_elsewhere(body: &Body<'_>, outline: &Outline) -> Option<String> {
    let usable = |text: &str| {
        let text = clean_location(text);
        (!text.is_empty() && text.len() <= 160 && !text.contains("{{")).then_some(text)
    };
    let from_label = outline
        .labels
        .iter()
        .filter(|l| l.kind == SectionKind::Location)
        .find_map(|l| {
            let label = body.blocks[l.blocks.start].label.as_ref()?;
            usable(&label.rest).or_else(|| {
                body.blocks[l.blocks.start + 1..l.blocks.end]
                    .iter()
                    .find(|b| b.kind == BlockKind::Paragraph)
                    .and_then(|b| usable(&b.text))
            })
        });
    // A heading that states the place itself: `### Location: Edinburgh`.
    let from_heading = || {
        outline
            .drafts
            .iter()
            .find_map(|d| location_line(&body.blocks[d.heading].text))
            .and_then(|v| usable(&v))
    };
    from_label.or_else(from_heading).or_else(|| {
        body.blocks.iter().find_map(|b| match &b.kind {
            BlockKind::Paragraph => body.fixed[b.range.clone()]
                .lines()
                .find_map(location_line)
                .and_then(|v| usable(&v)),
            BlockKind::List(items) if is_key_facts(items) => {
                let mut facts = Preamble::default();
                facts.key_facts(items);
                facts.location.and_then(|v| usable(&v))
            }
            _ => None,
        })
    })
}

/// The place on a `Location: Leeds` line (emphasis and a list marker allowed).
fn location_line(line: &str) -> Option<String> {
    labelled(line, |key| {
        headings::is_location_key(&headings::normalise(key))
    })
}

impl Preamble {
    /// Types the items of a key-facts list; what it does not type (a key it
    /// does not know, a second value for a fact already set, a salary that
    /// gives no band, a grade that is a sentence) is kept in `other`.
    fn key_facts(&mut self, items: &[String]) {
        for item in items {
            let Some((key, value)) = item.split_once(':') else {
                self.other.push(("Note".to_owned(), item.trim().to_owned()));
                continue;
            };
            let value = value.trim().trim_end_matches('.').to_owned();
            if !self.type_fact(&headings::normalise(key), &value) {
                self.other.push((key.trim().to_owned(), value));
            }
        }
    }

    /// Sets the fact `key` names, if careers types it and it is not set yet;
    /// whether the value is shown that way (a salary item is read as pay by
    /// the salary phase, so it is shown when it gives a band).
    fn type_fact(&mut self, key: &str, value: &str) -> bool {
        let slot = match key {
            key if headings::is_location_key(key) => &mut self.location,
            "team" => &mut self.team,
            "contract" | "employment type" | "type" | "hours" => &mut self.employment_type,
            key if is_grade_key(key) => {
                if self.grade.is_some() {
                    return self.grade.as_deref() == Some(value);
                }
                self.grade = grade_value(value);
                return self.grade.is_some();
            }
            key if key.starts_with("salary") || key.starts_with("pay") => {
                return !crate::role::salary::parse_line(value).bands.is_empty();
            }
            _ => return false,
        };
        match slot {
            Some(set) => set == value,
            None => {
                *slot = Some(value.to_owned());
                true
            }
        }
    }
}

/// Small words between names or inside one ("Leeds and York", "Newcastle
/// upon Tyne") in a list of places.
const JOINING_WORDS: &[&str] = &[
    "and", "or", "&", "upon", "on", "under", "de", "la", "le", "du",
];

/// Whether a line says it is a location: `Location: ...`.
fn is_location_label(text: &str) -> bool {
    location_label_value(text).is_some()
}

/// The place after a location label (`Location:`, `Sede:`, `Location -`,
/// or a pin: `📍 Lisbon, Portugal`), if the text starts with one.
fn location_label_value(text: &str) -> Option<String> {
    let text = text.trim();
    match text.strip_prefix('📍') {
        Some(rest) => Some(rest.trim().to_owned()).filter(|place| !place.is_empty()),
        None => location_line(text),
    }
}

/// A short line under the title naming places: "Bristol, Manchester & London, UK."
fn looks_like_location(text: &str) -> bool {
    let text = text.trim();
    if is_location_label(text) {
        return true;
    }
    // "VACANCY REFERENCE NUMBER:" is a label waiting for its value.
    if text.is_empty() || text.len() > 80 || text.starts_with('(') || text.ends_with(':') {
        return false;
    }
    // One word and a full stop ("Work.", "Design.") is a sentence; a place
    // written alone under a title has no full stop, or is one of several.
    if let Some(word) = text.strip_suffix('.')
        && !word.contains([' ', ','])
        && !matches!(word.to_lowercase().as_str(), "remote" | "hybrid")
    {
        return false;
    }
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '/' | '.' | '(' | ')'))
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty()
        && words.iter().all(|w| {
            // "Virtual (100% Remote)": a share of the time is a word of a place.
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                || JOINING_WORDS.contains(w)
                || matches!(*w, "-" | ";" | "remote" | "hybrid" | "based" | "virtual")
        })
}

fn clean_location(text: &str) -> String {
    let text = location_label_value(text).unwrap_or_else(|| text.trim().to_owned());
    text.trim().trim_end_matches('.').trim().to_owned()
}

/// A list whose items are mostly `Key: value` pairs.
fn is_key_facts(items: &[String]) -> bool {
    let pairs = items
        .iter()
        .filter(|item| {
            item.split_once(':').is_some_and(|(key, value)| {
                !key.is_empty()
                    && key.len() <= 30
                    && key.split_whitespace().count() <= 4
                    && !value.trim().is_empty()
            })
        })
        .count();
    !items.is_empty() && pairs * 2 > items.len()
}

#[cfg(test)]
mod tests {
    use test_case::test_case;

    use super::super::test_support::role;

    #[test]
    fn key_facts_with_salary_per_place() {
        let text = "# Lead Designer \n\n- Salary outside London: £54,000 - £63,000\n- Salary inside London: £60,000-£70,000\n- Location: Leeds, York or Hull\n- SFIA: [Level 5](sfia/lead.md)\n\nDesigners design.\n\n## Summary\n\nMore.\n";
        let r = role("lead_designer.md", text);
        assert_eq!(r.title, "Lead Designer");
        assert_eq!(r.location.as_deref(), Some("Leeds, York or Hull"));
        let got: Vec<_> = r
            .salary
            .iter()
            .map(|b| (b.location(), b.min(), b.max()))
            .collect();
        assert_eq!(
            got,
            [
                (Some("outside London"), 54_000, Some(63_000)),
                (Some("inside London"), 60_000, Some(70_000))
            ]
        );
        assert!(
            r.role_links.is_empty(),
            "links into sub-folders are not role links"
        );
    }

    // See: issue 27 item 3 (nothing in a file is lost).
    #[test]
    fn key_facts_careers_does_not_type_are_kept_as_written() {
        let text = "# Potter\n\n- Location: Stoke\n- Studios: Stoke and Leek\n- Salary: see the advert when it opens\n- Kiln grade: Level 4\n- Half the week at the wheel\n\nWe throw pots.\n";
        let r = role("potter.md", text);
        assert_eq!(r.location.as_deref(), Some("Stoke"));
        assert_eq!(
            r.meta.other_facts,
            [
                ("Studios".to_owned(), "Stoke and Leek".to_owned()),
                (
                    "Salary".to_owned(),
                    "see the advert when it opens".to_owned()
                ),
                ("Kiln grade".to_owned(), "Level 4".to_owned()),
                ("Note".to_owned(), "Half the week at the wheel".to_owned()),
            ]
        );
    }

    #[test]
    fn key_facts_careers_types_add_nothing_as_written() {
        let text = "---\nlocation: Stoke\n---\n# Potter\n\n- Location: Stoke\n- Team: Glazes\n- Salary: £30,000 - £34,000\n- Grade: SEO\n\nWe throw pots.\n";
        let r = role("potter.md", text);
        assert!(r.meta.other_facts.is_empty(), "{:?}", r.meta.other_facts);
        assert_eq!(r.meta.team.as_deref(), Some("Glazes"));
    }

    #[test]
    fn a_second_location_that_differs_is_kept_as_written() {
        let text = "---\nlocation: Stoke\n---\n# Potter\n\n- Location: Leek\n- Team: Glazes\n\nWe throw pots.\n";
        let r = role("potter.md", text);
        assert_eq!(r.location.as_deref(), Some("Stoke"));
        assert_eq!(
            r.meta.other_facts,
            [("Location".to_owned(), "Leek".to_owned())]
        );
    }

    #[test]
    fn key_facts_give_location_and_salary() {
        let text = "# Mid Designer\n\n- Location: mostly remote\n- Salary: £30,000 - £40,000 with a London-weighting of £31,500 - £42,000\n\nDesigners design.\n\n## Summary\n\nMore.\n";
        let r = role("mid_designer.md", text);
        assert_eq!(r.location.as_deref(), Some("mostly remote"));
        assert_eq!(r.summary_text, "Designers design.");
        let got: Vec<_> = r.salary.iter().map(|b| (b.location(), b.min())).collect();
        assert_eq!(got, [(None, 30_000), (Some("London"), 31_500)]);
    }

    #[test_case("Remote", "Remote"; "remote")]
    #[test_case("Virtual (100% Remote)", "Virtual (100% Remote)"; "virtual")]
    #[test_case("Halifax, Regina, Victoria", "Halifax, Regina, Victoria"; "cities")]
    fn a_line_under_the_title_naming_a_place_is_the_location(line: &str, want: &str) {
        let r = role("x.md", &format!("# Surveyor\n\n{line}\n\nWe survey.\n"));
        assert_eq!(r.location.as_deref(), Some(want));
        assert_eq!(r.summary_text, "We survey.");
    }

    #[test]
    fn places_named_in_the_summary_give_the_location() {
        let text = "# Surveyor\n\nWe have offices in Halifax, Regina and Victoria; most of us work from home.\n";
        let r = role("x.md", text);
        assert_eq!(r.location.as_deref(), Some("Halifax, Regina and Victoria"));
        let r = role("x.md", "# Surveyor\n\nWe are based in a converted mill.\n");
        assert_eq!(r.location, None);
    }

    #[test]
    fn a_bold_location_line_with_the_place_below_gives_the_location() {
        let text = "# Surveyor\n\nWe survey.\n\n## Basic facts\n\n**Openings:**\n2\n\n**Location:**\nAnywhere in the country (remote)\n\n**Grade:**\nGS-11\n";
        let r = role("x.md", text);
        assert_eq!(
            r.location.as_deref(),
            Some("Anywhere in the country (remote)")
        );
    }

    #[test]
    fn a_lone_capitalised_line_under_the_title_is_the_summary_not_a_place() {
        let r = role("x.md", "# Designer\n\nDesign.\n\n## Duties\n\n- Draw\n");
        assert_eq!(r.location, None);
        let r = role(
            "x.md",
            "# Designer\n\nWork.\n\nClosing date: 9 March 2027\n",
        );
        assert_eq!(r.location, None, "a one-word sentence");
        let r = role("x.md", "# Designer\n\nLeeds or York.\n\nWe design.\n");
        assert_eq!(r.location.as_deref(), Some("Leeds or York"));
        let r = role(
            "x.md",
            "# Designer\n\nLocation: Leeds\n\n## Duties\n\n- Draw\n",
        );
        assert_eq!(r.location.as_deref(), Some("Leeds"));
    }

    #[test_case("# Surveyor\n\nWe survey.\n\n### Location: Edinburgh\n\n## Role\n\nMaps.\n", Some("Edinburgh"); "a heading alone")]
    #[test_case("# Ops Lead\n\nLocation: Remote (UK)\nEmployment type: Full-time\n\nWe work.\n", Some("Remote (UK)"); "fact lines with no blank line between them")]
    #[test_case("# Ops Lead\n\n**Location:** Leeds\n**Closing date:** 5 January 2027\n", Some("Leeds"); "bold fact lines, nothing after")]
    #[test_case("# Surveyor\n\nWe survey.\n\n## Location: Leeds or remote\n\nOffice twice a week.\n", Some("Leeds or remote"); "a heading over prose")]
    #[test_case("# Surveyor\n\nWe survey.\n\n## Location\n\n## Role\n\nMaps.\n", None; "a heading with no place")]
    #[test_case("# Sviluppatore\n\n**Sede:** Roma\n**Contratto:** tempo indeterminato\n\nSviluppiamo.\n", Some("Roma"); "an italian label")]
    #[test_case("# Engineer\n\nStandort: Berlin\n\nWe build.\n", Some("Berlin"); "a german label")]
    #[test_case("# Engineer\n\n📍 Lisbon, Portugal\n\nWe build.\n", Some("Lisbon, Portugal"); "a pin")]
    #[test_case("# Engineer\n\nWe build.\n\n## Details\n\nLocation - Leeds\n", Some("Leeds"); "a dash for the colon")]
    #[test_case("# Engineer\n\nHybrid - 2 days a week in our Manchester office.\n\n## Role\n\nBuild.\n", Some("Manchester"); "in our office")]
    #[test_case("# Engineer\n\nYou can work from anywhere in the UK.\n\n## Role\n\nBuild.\n", Some("Anywhere in the UK"); "anywhere in a country")]
    #[test_case("# Engineer\n\nWork from anywhere in your home, really.\n\n## Role\n\nBuild.\n", None; "anywhere in something else")]
    #[test_case("# Engineer\n\nWe chat in our Slack channel daily.\n\n## Role\n\nBuild.\n", None; "in our something else")]
    #[test_case("# Engineer\n\nWe build.\n\n## Details\n\nOffice location: Leeds\n", Some("Leeds"); "office location")]
    #[test_case("# Engineer\n\nWe build.\n\n## Details\n\nLocation(s): Leeds or York\n", Some("Leeds or York"); "locations in brackets")]
    #[test_case("# Engineer\n\nWe build.\n\n## Details\n\nPlace of work: Leeds\n", Some("Leeds"); "place of work")]
    #[test_case("# Engineer\n\nVACANCY REFERENCE NUMBER:\n\nPOST TITLE:\t\tDeveloper\nLOCATION:        London\n\nWe build.\n", Some("London"); "a label with no value is no place")]
    #[test_case("# Engineer\n\nWe are hiring for our first fully remote engineering role.\n\n## Role\n\nBuild.\n", Some("Remote"); "a fully remote role in the summary")]
    #[test_case("# Engineer\n\nThis is not a remote role. We build.\n\n## Role\n\nBuild.\n", None; "a role said not to be remote")]
    #[test_case("# Engineer\n\nWe build remote sensing tools.\n\n## Role\n\nBuild.\n", None; "remote about something else")]
    #[test_case("# Engineer\n\nBased in our London office, with some remote working.\n\n## Role\n\nBuild.\n", Some("London"); "based in our office")]
    fn a_heading_that_states_the_location_gives_it(text: &str, expected: Option<&str>) {
        assert_eq!(role("x.md", text).location.as_deref(), expected);
    }

    #[test]
    fn a_location_line_anywhere_in_a_facts_paragraph_gives_the_location() {
        let text = "# Surveyor\n\nWe survey.\n\n## Details\n\n**Team:** Maps<br>\n**Location:** Dundee or remote\n";
        let r = role("x.md", text);
        assert_eq!(r.location.as_deref(), Some("Dundee or remote"));
    }

    #[test_case("# Surveyor\n\n- Location: Leeds\n- Grade: SEO\n\nWe survey.\n", Some("SEO"); "a key facts item")]
    #[test_case("# Surveyor\n\nWe survey.\n\n## Details\n\n**Team:** Maps<br>\n**Grade:** HEO\n", Some("HEO"); "a line in a facts paragraph")]
    #[test_case("# Surveyor\n\nWe survey.\n\n## Basic facts\n\n**Grade:**\nGS-11\n", Some("GS-11"); "a bold label with the grade below")]
    #[test_case("# Surveyor\n\nWe survey.\n\n## Pay\n\nGrade: pay is set by the national scheme agreed with the unions every year.\n", None; "a sentence is not a grade")]
    #[test_case("# Surveyor\n\nGrades of rock matter to us.\n", None; "the word alone is not a grade")]
    #[test_case("# Surveyor\n\n- Location: Leeds\n- Grade: depends on experience\n\nWe survey.\n", None; "a short sentence in key facts is not a grade")]
    #[test_case("# Surveyor\n\nWe survey.\n\n## Details\n\nGrades: see our pay policy.\n", None; "a pointer is not a grade")]
    #[test_case("# Surveyor\n\nWe survey.\n\n## Details\n\nGrade: [SEO](https://x.example/grades)\n", None; "a link is not read as a grade")]
    fn a_grade_written_as_a_fact_is_read(text: &str, expected: Option<&str>) {
        let r = role("x.md", text);
        assert_eq!(r.meta.grade.as_deref(), expected);
    }

    #[test]
    fn a_grade_beside_a_salary_is_never_pay() {
        let text = "# Surveyor\n\n- Grade: SEO\n- Salary: £40,000 - £45,000\n\nWe survey.\n";
        let r = role("x.md", text);
        assert_eq!(r.meta.grade.as_deref(), Some("SEO"));
        let bands: Vec<_> = r.salary.iter().map(|b| (b.min(), b.max())).collect();
        assert_eq!(bands, [(40_000, Some(45_000))], "the grade adds no band");
    }

    #[test_case("We mainly work remotely but you may need to visit the office now and then. We have offices in Leeds, York, and Manchester.", Some("Remote (UK), Leeds, York or Manchester"); "remote within the offices' country")]
    #[test_case("We mainly work remotely. We have offices in Leeds and Hull.", Some("Remote, Leeds or Hull"); "an office careers does not know names no region")]
    #[test_case("We adopt a hybrid approach: some time in our offices, some at clients, some working remotely. We have offices in Leeds and Hull.", Some("Leeds or Hull, with hybrid working"); "hybrid")]
    #[test_case("You will work from one of our offices in Dundee or Perth.", Some("Dundee or Perth"); "offices only")]
    #[test_case("We work remotely. We have offices in London, Cardiff and Glasgow.", Some("Remote (UK), London, Cardiff or Glasgow"); "offices across nations are all in the UK")]
    #[test_case("We work remotely. We have offices in London and Chicago.", Some("Remote, London or Chicago"); "offices across countries")]
    #[test_case("Remote working is not available for this role. You will work from our offices in Leeds or York.", Some("Leeds or York"); "remote taken back")]
    #[test_case("This is not a hybrid role: you will be based in Leeds.", Some("Leeds"); "hybrid taken back")]
    #[test_case("We work remotely. We have offices in London, UK and Leeds.", Some("Remote (UK), London or Leeds"); "a country after a city is no office")]
    #[test_case("We mostly work remotely and meet once a quarter.", None; "no offices named")]
    #[test_case("We adopt a hybrid approach. We have offices in Leeds, York, and Hull and our clients are across the UK.", Some("Leeds, York or Hull, with hybrid working"); "the clause after the offices")]
    #[test_case("You will work from our offices in Newcastle upon Tyne and Leeds.", Some("Newcastle upon Tyne or Leeds"); "a small word inside a name")]
    fn a_location_paragraph_describes_the_workplace(paragraph: &str, expected: Option<&str>) {
        let text = format!(
            "# Surveyor\n\nWe survey.\n\n## Salary and location\n\n{paragraph}\n\nThe salary is £40,000.\n"
        );
        let r = role("x.md", &text);
        assert_eq!(r.location.as_deref(), expected);
        assert_eq!(r.salary.len(), 1, "the salary is still read");
    }

    #[test]
    fn a_location_section_gives_the_location() {
        let r = role(
            "x.md",
            "# Gardener\n\nwe grow things.\n\n## Location\n\nKew, on site.\n",
        );
        assert_eq!(r.location.as_deref(), Some("Kew, on site"));
    }
}
