//! Reads one role file into a [`Role`].
//!
//! # Grammar (lenient)
//!
//! ```text
//! file      := [front-matter] body
//! body      := [preamble] title summary section*
//! title     := "# " text                 // the first H1; `#Title` is read with a warning
//! summary   := [location-line] [key-facts-list] paragraph*
//! section   := ("## " | "# ") heading block*      // an H1 after the title acts as an H2
//!            | "### " known-heading block*        // a sub-section when its heading is known
//! ```
//!
//! A heading's meaning comes from `headings::classify` (in `role/headings.rs`). Inside a
//! required-experience section a sentence such as "Everything else is optional"
//! switches the lists after it to optional experience. Inside an expectations
//! section each sub-heading is one expectation (its body the description), and
//! a sub-heading that itself says "expectations" names a group. Any line that
//! mentions salary, and every line of a salary section, is read by
//! [`salary::parse_line`]. Nothing in the body is an error except a file with no
//! readable title; what cannot be classified stays a section as written.
//!
//! Reading runs in phases, one module each, in this order: templates
//! (kramdown's attribute lists and contents markers removed, then the
//! generator's tags run or removed, before anything reads the body), front
//! matter, blocks (where each heading is classified, once), title, sections,
//! preamble (location line and key facts, then a `<dl>` of facts in HTML),
//! experience, expectations, salary and summary.
//!
//! [`salary::parse_line`]: crate::role::salary::parse_line

mod blocks;
mod expectations;
mod experience;
mod facts;
mod fence;
mod front_matter;
mod html_blocks;
mod html_facts;
mod html_text;
mod kramdown;
pub(crate) mod phrases;
mod placeholders;
mod preamble;
mod prose;
mod salary;
mod second_look;
mod sections;
mod summary;
mod templates;
mod title;

use std::borrow::Cow;
use std::path::Path;

use pulldown_cmark::Options;

use crate::role::diagnostic::{Code, Diagnostic, LineIndex, UnknownKey};
use crate::role::mapping::ReadOptions;
use crate::role::model::{EmploymentType, Meta, Role, Status};

pub use blocks::role_link_target;
pub(crate) use html_text::html_text;

/// The one set of Markdown options, shared by the parser and the renderer so
/// both see the same headings and lists.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// The outcome of reading one file: a role unless there was an error, and
/// every diagnostic either way.
#[derive(Debug)]
pub struct Parsed {
    /// The role, unless an error means the file must be left out. Some
    /// errors keep the role and drop only what they are about: an unsafe
    /// `apply_url` or an unreadable front matter salary is left out, and an
    /// unsafe link in the body is reported where it stands.
    pub role: Option<Role>,
    /// Everything worth telling the author.
    pub diagnostics: Vec<Diagnostic>,
    /// Front matter keys careers does not read, whether or not the role loaded.
    pub unknown_keys: Vec<UnknownKey>,
}

/// Reads a role file. `path` names the file in diagnostics; its file name is
/// the role's `source_file` and, without front matter `slug`, its slug. A
/// leading byte-order mark is dropped (editors on Windows write one), so
/// front matter after it is still front matter and columns do not count it.
pub fn parse(path: &Path, text: &str) -> Parsed {
    parse_in(path, text, ReadOptions::default())
}

/// [`parse`] on a site whose settings say what files leave unsaid.
pub fn parse_in(path: &Path, text: &str, options: ReadOptions) -> Parsed {
    let written = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (text, diagnostics) = run_templates(path, written);
    let from_templates = diagnostics.len();
    let mut reader = Reader::new(path, (&text, written), diagnostics, options);
    let mut role = reader.read();
    // Prose in front matter is read as sections after the body: read the
    // file again with them (rare, so the common file is read once).
    let extended;
    if let Some(appendix) = reader.prose.take() {
        extended = format!("{text}{}", appendix.text);
        let mut diagnostics = std::mem::take(&mut reader.diagnostics);
        diagnostics.truncate(from_templates);
        let options = std::mem::take(&mut reader.options);
        reader = Reader::new(path, (&extended, written), diagnostics, options);
        reader.appendix = Some(appendix);
        role = reader.read();
        if let Some(appendix) = &reader.appendix {
            appendix.relocate(&mut reader.diagnostics);
            if let Some(role) = &mut role {
                for section in &mut role.sections {
                    section.body.line = appendix.file_line(section.body.line);
                }
            }
        }
    }
    // The template pass's errors leave out the file: publishing it would show
    // hidden text or a partly filled page.
    let template_error = reader
        .diagnostics
        .iter()
        .any(|d| d.is_error() && matches!(d.code, Code::UnclosedComment | Code::TemplateTooLarge));
    let role = role.filter(|_| !template_error);
    Parsed {
        role,
        diagnostics: reader.diagnostics,
        unknown_keys: reader.unknown_keys,
    }
}

/// A role file's body as every phase of the reader sees it, for tools that
/// compare a file with its page (the conservation measure): the text after
/// the front matter, with kramdown markup removed and template tags run or
/// removed (comments included), lines kept, so line `n` of `text` is file
/// line `first_line + n`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyAsRead {
    /// The body, lines as in the file.
    pub text: String,
    /// The file line (from 1) of the body's first line.
    pub first_line: u32,
}

/// The body of `text` as the reader reads it (see [`BodyAsRead`]); `None`
/// when the front matter cannot be split off, as the reader then reads no
/// body either.
pub fn body_as_read(text: &str) -> Option<BodyAsRead> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (read, _) = run_templates(Path::new(""), text);
    let split = crate::role::front_matter::split(&read).ok()?;
    let lines = LineIndex::new(&read);
    Some(BodyAsRead {
        text: split.body.to_owned(),
        first_line: lines.line(split.body_offset),
    })
}

/// The template pass, before anything else reads the body, so that every
/// phase sees the text a site generator would have made: the file with other
/// dialects' markup removed (kramdown attribute lists, contents markers) and
/// its template tags run or removed, lines kept; and a warning for each at
/// its line and column in the file.
fn run_templates<'t>(path: &Path, text: &'t str) -> (Cow<'t, str>, Vec<Diagnostic>) {
    let Ok(split) = crate::role::front_matter::split(text) else {
        return (Cow::Borrowed(text), Vec::new());
    };
    let markup = kramdown::has_markup(split.body);
    if !markup && !templates::has_tags(split.body) {
        return (Cow::Borrowed(text), Vec::new());
    }
    let mut diagnostics = Vec::new();
    let warn = |diagnostics: &mut Vec<Diagnostic>, read: &str, notes: Vec<templates::Note>| {
        let lines = LineIndex::new(read);
        diagnostics.extend(notes.into_iter().map(|note| {
            let at = lines.position(read, split.body_offset + note.offset);
            match note.error {
                Some(code) => Diagnostic::error(path, at, code, note.message),
                None => Diagnostic::warning(path, at, Code::TemplateTag, note.message),
            }
        }));
    };
    // Kramdown first: it only blanks whole lines and cuts line ends, so a
    // position in what it leaves is the file's line and column, and the
    // template pass's notes stay exact.
    let mut body = Cow::Borrowed(split.body);
    let mut read = Cow::Borrowed(text);
    if markup {
        let (stripped, notes) = kramdown::strip(split.body);
        warn(&mut diagnostics, text, notes);
        read = Cow::Owned(format!("{}{stripped}", &text[..split.body_offset]));
        body = Cow::Owned(stripped);
    }
    if templates::has_tags(&body) {
        let values = split
            .yaml
            .map(|text| crate::role::front_matter::template_values(split.format, text))
            .unwrap_or_default();
        let (expanded, notes) = templates::expand(&body, &values);
        warn(&mut diagnostics, &read, notes);
        body = Cow::Owned(expanded);
    }
    diagnostics.sort_by_key(|d| (d.line, d.col));
    let mut out = String::with_capacity(split.body_offset + body.len());
    out.push_str(&text[..split.body_offset]);
    out.push_str(&body);
    (Cow::Owned(out), diagnostics)
}

/// One file being read; each phase is a method in its own module.
struct Reader<'a> {
    path: &'a Path,
    text: &'a str,
    /// The file as written, before the template pass (same lines as `text`).
    written: &'a str,
    lines: LineIndex,
    /// Byte offset where the front matter ends (0 without front matter).
    front_matter_end: usize,
    diagnostics: Vec<Diagnostic>,
    unknown_keys: Vec<UnknownKey>,
    /// What the site says about what files leave unsaid.
    options: ReadOptions,
    /// Front matter prose to append and read again (set by the first read).
    prose: Option<prose::Appendix>,
    /// The prose appended to `text` (set on the second read).
    appendix: Option<prose::Appendix>,
}

impl<'a> Reader<'a> {
    fn new(
        path: &'a Path,
        (text, written): (&'a str, &'a str),
        diagnostics: Vec<Diagnostic>,
        options: ReadOptions,
    ) -> Reader<'a> {
        Reader {
            path,
            text,
            written,
            lines: LineIndex::new(text),
            front_matter_end: 0,
            diagnostics,
            unknown_keys: Vec::new(),
            options,
            prose: None,
            appendix: None,
        }
    }

    fn read(&mut self) -> Option<Role> {
        let front = self.front_matter()?;
        if self.appendix.is_none() && !front.keys.prose.is_empty() {
            self.prose = Some(prose::Appendix::new(self.text, &front.keys.prose));
            return None;
        }
        let slug = self.slug(&front.keys)?;
        let (mut body, role_links) = self.blocks(front.body, front.body_offset);
        self.site_headings(&mut body);
        self.placeholders(front.body, front.body_offset);
        let title = self.title(&front.keys, &body)?;
        let mut outline = self.sections(&body, &title);
        if let Some(appendix) = &self.appendix {
            prose::fill_empty_namesakes(&mut outline, &body, appendix.from);
        }
        let mut facts = preamble::preamble(&front.keys, &body, &outline);
        let html_facts = html_facts::read(&body, &outline.preamble);
        facts.summary.retain(|i| !html_facts.blocks.contains(i));
        facts.location = facts.location.or(html_facts.location);
        facts.team = facts.team.or(html_facts.team);
        facts.employment_type = facts.employment_type.or(html_facts.employment_type);
        let body_facts = self.body_facts(&body, &outline);
        if facts.employment_type.is_none() {
            facts.employment_type = body_facts.employment.map(|(text, _)| text);
        }
        if facts.employment_type.is_none() {
            facts.employment_type = title::employment_in_title(&title.text);
        }
        let employment = facts
            .employment_type
            .as_deref()
            .map(EmploymentType::read)
            .unwrap_or_default();
        let experience = self.experience(&body, &outline);
        let expectations = self.expectations(&body, &outline);
        let benefits = sections::benefits(&body, &outline);
        let responsibilities = sections::responsibilities(&body, &outline);
        let unreadable_before = self.count(Code::SalaryUnreadable);
        let salary = self.salary(&front.keys, &body, &outline);
        let pay_in_text = self.count(Code::SalaryUnreadable) > unreadable_before;
        let (summary, summary_text) = self.summary(&front.keys, &body, &outline, &facts);
        let (level, discipline) = self.level_and_discipline(&front.keys, &title.text);
        let title_line = title.block.map_or(1, |i| {
            self.lines.line(body.to_file(body.blocks[i].range.start))
        });
        let aliases = self.aliases(&front.keys, &slug);
        let apply_url = self
            .apply_url(&front.keys)
            .or_else(|| self.body_apply_url(body_facts.apply));
        let pay_under_review = crate::role::pay::said_under_review(
            &outline.sections,
            crate::role::pay::front_matter_line(&front.keys),
        );
        let keys = front.keys;
        let title_says_closed = title.says_closed;
        let role = Role {
            slug,
            title: title.text,
            title_line,
            summary,
            summary_text,
            location: facts.location,
            level,
            discipline,
            salary,
            pay_under_review,
            pay_in_text,
            experience,
            expectations,
            responsibilities,
            benefits,
            sections: outline.sections,
            status: keys
                .status
                .unwrap_or(if body_facts.closed || title_says_closed {
                    Status::Closed
                } else {
                    Status::Open
                }),
            meta: Meta {
                team: facts.team,
                employment_type: facts.employment_type,
                employment,
                posted: keys.posted,
                closes: keys.closes.or(html_facts.closes).or(body_facts.closes),
                grade: keys.grade.or(html_facts.grade).or(facts.grade),
                apply_url,
                aliases,
                description: keys.description,
                extra: keys
                    .unknown
                    .into_iter()
                    .map(|(key, value, _)| (key, value))
                    .collect(),
                other_facts: facts.other.into_iter().chain(html_facts.other).collect(),
                eligibility: Default::default(),
                outcome: keys.outcome,
                lang: keys.lang,
                translations: keys
                    .translations
                    .iter()
                    .filter_map(|s| crate::role::model::Slug::parse(s))
                    .collect(),
            },
            source_file: self.file_name(),
            path: self.path.to_owned(),
            role_links,
            history: Default::default(),
        };
        let mut role = role;
        role.meta.eligibility = eligibility_of(keys.eligibility, &role);
        if !self.options.skip_second_look {
            self.second_look(&role, &body, &outline.drafts);
        }
        Some(role)
    }

    /// Headings and bold labels the site's `headings:` map names take the
    /// kind it gives, over the vocabulary's.
    fn site_headings(&self, body: &mut blocks::Body<'_>) {
        let mapping = &self.options.mapping;
        if !mapping.has_headings() {
            return;
        }
        for block in &mut body.blocks {
            if let blocks::BlockKind::Heading { kind, .. } = &mut block.kind
                && let Some(mapped) = mapping.heading(&block.text)
            {
                *kind = mapped;
            }
            if let Some(label) = &mut block.label
                && let Some(mapped) = mapping.heading(&label.text)
            {
                label.kind = mapped;
            }
        }
    }

    fn file_name(&self) -> String {
        self.path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    }

    fn stem(&self) -> String {
        self.path
            .file_stem()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    }

    /// How many diagnostics of `code` this file has had so far.
    fn count(&self, code: Code) -> usize {
        self.diagnostics.iter().filter(|d| d.code == code).count()
    }

    /// Adds a warning at a byte offset; returns it so a hint can be set.
    fn warn(&mut self, offset: usize, code: Code, message: String) -> &mut Diagnostic {
        let position = self.lines.position(self.text, offset);
        self.warn_at(position, code, message)
    }

    /// Adds a warning at a line and column; returns it so a hint can be set.
    fn warn_at(&mut self, position: (u32, u32), code: Code, message: String) -> &mut Diagnostic {
        self.diagnostics
            .push(Diagnostic::warning(self.path, position, code, message));
        let last = self.diagnostics.len() - 1;
        &mut self.diagnostics[last]
    }

    fn error(&mut self, position: (u32, u32), code: Code, message: String) {
        self.diagnostics
            .push(Diagnostic::error(self.path, position, code, message));
    }
}

/// Who can apply from where: the front matter's facts, then what the
/// summary and sections say where it is silent.
fn eligibility_of(
    front: crate::role::eligibility::Eligibility,
    role: &Role,
) -> crate::role::eligibility::Eligibility {
    let texts: Vec<&str> = std::iter::once(role.summary.source.as_str())
        .chain(role.sections.iter().map(|s| s.body.source.as_str()))
        .collect();
    front.with_body(&texts)
}

/// Shared steps for the phases' tests.
#[cfg(test)]
mod test_support {
    use std::path::Path;

    use super::{Parsed, parse};
    use crate::role::model::Role;

    pub(super) fn read(name: &str, text: &str) -> Parsed {
        parse(Path::new(name), text)
    }

    pub(super) fn role(name: &str, text: &str) -> Role {
        match read(name, text).role {
            Some(role) => role,
            None => panic!("{name} did not parse"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::{read, role};
    use crate::role::model::SectionKind;

    #[test]
    fn a_tag_and_kramdown_markup_on_one_line_are_each_warned_at_their_column() {
        let text = "---\nteam: \"R&D (Ops)\"\n---\n# Baker\n\n{% include badge.html %} Prune the trees {: .lead}\n{{ page.team }} bakes {: .x}\n";
        let p = read("x.md", text);
        let at: Vec<(u32, u32)> = p
            .diagnostics
            .iter()
            .filter(|d| d.code == "template-tag")
            .map(|d| (d.line, d.col))
            .collect();
        assert_eq!(at, [(6, 1), (6, 42), (7, 23)]);
        let role = p.role.unwrap_or_else(|| panic!("the role loads"));
        assert_eq!(role.summary_text, "Prune the trees R&D (Ops) bakes");
    }

    const BASIC: &str = "# Senior Widget Engineer\n\nBristol, Leeds & London, UK.\n\nWe make widgets that people love.\n\n## What experience are we looking for?\n\nYou will need:\n\n- Building widgets\n- Testing widgets\n  - nested detail\n- Shipping widgets\n\nEverything else is optional but highly sought after:\n\n- Painting widgets\n\n## Desirable skills and experience\n\n- Selling widgets\n\n## Salary\n\nThis role has a salary of £50-65k depending on experience.\n\n## Expectations\n\n### Build widgets well\n\nWith care.\n\n### Teach others\n\n## Perks\n\n- A free widget\n";

    #[test]
    fn reads_the_shape_of_a_role() {
        let r = role("senior_widget_engineer.md", BASIC);
        assert_eq!(r.title, "Senior Widget Engineer");
        assert_eq!(r.slug.as_str(), "senior-widget-engineer");
        assert_eq!(r.location.as_deref(), Some("Bristol, Leeds & London, UK"));
        assert_eq!(r.summary_text, "We make widgets that people love.");
        assert_eq!(
            r.experience.required,
            ["Building widgets", "Testing widgets", "Shipping widgets"]
        );
        assert_eq!(
            r.experience.optional,
            ["Painting widgets", "Selling widgets"]
        );
        assert_eq!(r.salary.len(), 1);
        assert_eq!(
            (r.salary[0].min(), r.salary[0].max()),
            (50_000, Some(65_000))
        );
        let titles: Vec<_> = r.expectations.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, ["Build widgets well", "Teach others"]);
        assert_eq!(r.expectations[0].description_text, "With care.");
        assert_eq!(
            r.expectations[0].anchor.as_deref(),
            Some("build-widgets-well")
        );
        assert_eq!(r.level_name(), Some("Senior"));
        assert_eq!(r.discipline.as_deref(), Some("Widget Engineer"));
        // Section kinds in order; "Perks" is benefits.
        let kinds: Vec<_> = r.sections.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                SectionKind::RequiredExperience,
                SectionKind::OptionalExperience,
                SectionKind::Salary,
                SectionKind::Expectations,
                SectionKind::Benefits
            ]
        );
        assert_eq!(r.benefits, ["A free widget"]);
    }

    #[test]
    fn front_matter_after_a_byte_order_mark_is_read() {
        let p = read("x.md", "\u{feff}---\nteam: Grounds\n---\n#X\n");
        assert_eq!(p.role.and_then(|r| r.meta.team), Some("Grounds".to_owned()));
        let d = &p.diagnostics[0];
        assert_eq!((d.code.as_str(), d.line, d.col), ("heading-no-space", 4, 1));
    }

    #[test]
    fn templates_run_before_the_markdown_is_read() {
        let text = "---\nlocation: Kew\nstate: open\n---\n# Gardener\n\nWe grow things in {{ page.location }}.\n\n{% comment %}\nSalary: £99,000\n{% endcomment %}\n\n{% include notice.html %}\n\n## Salary\n\n£30,000 - £35,000\n";
        let p = read("x.md", text);
        let got: Vec<_> = p
            .diagnostics
            .iter()
            .map(|d| (d.code.as_str(), d.line, d.col))
            .collect();
        assert_eq!(got, [("template-tag", 13, 1)]);
        assert!(p.diagnostics[0].message.contains("`include`"));
        let r = p.role.expect("the role loads");
        assert_eq!(r.summary_text, "We grow things in Kew.");
        let bands: Vec<_> = r.salary.iter().map(|b| (b.min(), b.max())).collect();
        assert_eq!(
            bands,
            [(30_000, Some(35_000))],
            "the commented amount is no salary"
        );
    }

    #[test]
    fn empty_file_is_an_error() {
        let p = read("x.md", "  \n");
        assert!(p.role.is_none());
        assert_eq!(p.diagnostics[0].code, "empty-file");
    }
}
