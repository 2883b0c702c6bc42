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
//! A heading's meaning comes from [`headings::classify`]. Inside a
//! required-experience section a sentence such as "Everything else is optional"
//! switches the lists after it to optional experience. Inside an expectations
//! section each sub-heading is one expectation (its body the description), and
//! a sub-heading that itself says "expectations" names a group. Any line that
//! mentions salary, and every line of a salary section, is read by
//! [`salary::parse_line`]. Nothing in the body is an error except a file with no
//! readable title; what cannot be classified stays a section as written.

use std::borrow::Cow;
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::role::anchor::Anchors;
use crate::role::diagnostic::{Code, Diagnostic, LineIndex};
use crate::role::front_matter::{self, FrontMatter, SalaryValue};
use crate::role::headings;
use crate::role::model::{
    Currency, Expectation, Experience, LEVELS, Markdown, Meta, Period, Role, RoleLink, SalaryBand,
    Section, SectionKind, Slug, Status,
};
use crate::role::salary;

/// The one set of Markdown options, shared by the parser and the renderer so
/// both see the same headings and lists.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// The outcome of reading one file: a role unless there was an error, and
/// every diagnostic either way.
#[derive(Debug)]
pub struct Parsed {
    /// The role, when the file had no errors.
    pub role: Option<Role>,
    /// Everything worth telling the author.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads a role file. `path` names the file in diagnostics; its file name is
/// the role's `source_file` and, without front matter `slug`, its slug.
pub fn parse(path: &Path, text: &str) -> Parsed {
    let mut reader = Reader {
        path,
        text,
        lines: LineIndex::new(text),
        diagnostics: Vec::new(),
    };
    let role = reader.read();
    Parsed {
        role,
        diagnostics: reader.diagnostics,
    }
}

struct Reader<'a> {
    path: &'a Path,
    text: &'a str,
    lines: LineIndex,
    diagnostics: Vec<Diagnostic>,
}

/// A top-level Markdown block with its byte range in the (fixed) body.
#[derive(Debug)]
struct Block {
    kind: BlockKind,
    range: Range<usize>,
    text: String,
}

#[derive(Debug, PartialEq)]
enum BlockKind {
    Heading(u8),
    Paragraph,
    List(Vec<String>),
    Other,
}

/// A section being assembled: its heading block and the blocks under it.
struct Draft {
    heading_block: Option<usize>,
    kind: SectionKind,
    level: u8,
    blocks: Range<usize>,
}

impl Reader<'_> {
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

    fn warn(&mut self, offset: usize, code: Code, message: String) -> &mut Diagnostic {
        let position = self.lines.position(self.text, offset);
        self.diagnostics
            .push(Diagnostic::warning(self.path, position, code, message));
        let last = self.diagnostics.len() - 1;
        &mut self.diagnostics[last]
    }

    fn error(&mut self, position: (u32, u32), code: Code, message: String) {
        self.diagnostics
            .push(Diagnostic::error(self.path, position, code, message));
    }

    fn read(&mut self) -> Option<Role> {
        if self.text.trim().is_empty() {
            self.error((1, 1), Code::EmptyFile, "the file is empty".into());
            return None;
        }
        let split = match front_matter::split(self.text) {
            Ok(split) => split,
            Err(e) => {
                self.error((e.line, e.col), Code::FrontMatter, e.message);
                return None;
            }
        };
        let fm = match split.yaml.map(front_matter::parse).transpose() {
            Ok(fm) => fm.unwrap_or_default(),
            Err(e) => {
                self.error((e.line, e.col), Code::FrontMatter, e.message);
                return None;
            }
        };
        let slug = self.slug(&fm)?;
        let body_offset = split.body_offset;
        let (fixed, inserted) = fix_heading_spaces(split.body);
        let to_file = |fixed_offset: usize| -> usize {
            body_offset + fixed_offset - inserted.partition_point(|&p| p < fixed_offset)
        };
        for &p in &inserted {
            let at = to_file(p);
            self.warn(
                at.saturating_sub(1),
                Code::HeadingNoSpace,
                "heading has no space after `#`; read as a heading".into(),
            )
            .hint = Some("write `# Title` with a space after the `#`".into());
        }

        let (blocks, links) = scan_blocks(&fixed);
        let mut role_links = Vec::new();
        for (dest, offset) in links {
            let (line, col) = self.lines.position(self.text, to_file(offset));
            role_links.push(RoleLink {
                file: dest,
                line,
                col,
            });
        }

        // Title: the first H1 unless it is a generic word.
        let mut anchors = Anchors::default();
        let first_h1 = blocks.iter().position(|b| b.kind == BlockKind::Heading(1));
        let title_block = first_h1.filter(|&i| {
            !blocks[i].text.trim().is_empty() && !headings::is_generic_title(&blocks[i].text)
        });
        let title = match (&fm.title, title_block) {
            (Some(t), _) => t.trim().to_owned(),
            (None, Some(i)) => blocks[i].text.trim().to_owned(),
            (None, None) => {
                let from_name = title_from_file_stem(&self.stem());
                let at = first_h1.map_or(body_offset, |i| to_file(blocks[i].range.start));
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
        if let Some(i) = title_block {
            anchors.next(&blocks[i].text);
        }

        // Split blocks into the preamble (summary) and sections.
        let start = title_block.map_or(0, |i| i + 1);
        let mut drafts: Vec<Draft> = Vec::new();
        let mut summary_blocks: Vec<usize> = (0..start)
            .filter(|&i| Some(i) != title_block && !matches!(blocks[i].kind, BlockKind::Heading(_)))
            .collect();
        for i in start..blocks.len() {
            let current_kind = drafts.last().map(|d| d.kind);
            if let BlockKind::Heading(level) = blocks[i].kind {
                let kind = headings::classify(&blocks[i].text);
                let starts_section = level <= 2
                    || (current_kind != Some(SectionKind::Expectations)
                        && kind != SectionKind::Other
                        && (level == 3 || current_kind.is_none()));
                if starts_section {
                    if let Some(d) = drafts.last_mut() {
                        d.blocks.end = i;
                    }
                    drafts.push(Draft {
                        heading_block: Some(i),
                        kind,
                        level: if level <= 2 { 2 } else { 3 },
                        blocks: i + 1..blocks.len(),
                    });
                    continue;
                }
            }
            if drafts.is_empty() {
                summary_blocks.push(i);
            }
        }

        // The preamble: a location line, a key-facts list, then the summary.
        let mut location = fm.location.clone();
        let mut team = fm.team.clone();
        let mut employment_type = fm.employment_type.clone();
        let mut summary_parts: Vec<&Block> = Vec::new();
        for (n, &i) in summary_blocks.iter().enumerate() {
            let block = &blocks[i];
            match &block.kind {
                BlockKind::Paragraph if n == 0 && looks_like_location(&block.text) => {
                    if location.is_none() {
                        location = Some(clean_location(&block.text));
                    }
                }
                BlockKind::List(items) if is_key_facts(items) => {
                    for item in items {
                        let Some((key, value)) = item.split_once(':') else {
                            continue;
                        };
                        let value = value.trim().trim_end_matches('.').to_owned();
                        match headings::normalise(key).as_str() {
                            "location" | "locations" | "based" if location.is_none() => {
                                location = Some(value);
                            }
                            "team" if team.is_none() => team = Some(value),
                            "contract" | "employment type" | "type" | "hours"
                                if employment_type.is_none() =>
                            {
                                employment_type = Some(value);
                            }
                            _ => {}
                        }
                    }
                }
                _ => summary_parts.push(block),
            }
        }

        // Sections with their anchors.
        let mut sections = Vec::new();
        for d in &drafts {
            let (heading, anchor, body_start) = match d.heading_block {
                Some(h) => (
                    blocks[h].text.trim().to_owned(),
                    anchors.next(&blocks[h].text),
                    blocks[h].range.end,
                ),
                None => (String::new(), String::new(), 0),
            };
            let body_end = blocks
                .get(d.blocks.end)
                .map_or(fixed.len(), |b| b.range.start);
            let body_anchors = blocks[d.blocks.clone()]
                .iter()
                .filter(|b| matches!(b.kind, BlockKind::Heading(_)))
                .map(|b| anchors.next(&b.text))
                .collect();
            let body_start = body_start.min(body_end);
            sections.push(Section {
                kind: d.kind,
                heading,
                anchor,
                level: d.level,
                body: Markdown {
                    source: fixed[body_start..body_end].to_owned(),
                    line: self.lines.line(to_file(body_start)),
                },
                body_anchors,
            });
        }

        // Experience, expectations and benefits from the sections' blocks.
        let mut experience = Experience::default();
        let mut expectations = Vec::new();
        let mut benefits = Vec::new();
        for (d, section) in drafts.iter().zip(&sections) {
            let section_blocks = &blocks[d.blocks.clone()];
            match d.kind {
                SectionKind::RequiredExperience | SectionKind::OptionalExperience => {
                    let mut optional = d.kind == SectionKind::OptionalExperience;
                    let before = experience.required.len() + experience.optional.len();
                    for block in section_blocks {
                        match &block.kind {
                            BlockKind::Paragraph if headings::introduces_optional(&block.text) => {
                                optional = true;
                            }
                            BlockKind::Heading(_) => match headings::classify(&block.text) {
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
                    let after = experience.required.len() + experience.optional.len();
                    let has_children = drafts
                        .iter()
                        .any(|o| o.level > d.level && o.blocks.start == d.blocks.end + 1);
                    // Prose alone can be a complete answer ("everyone starts in our
                    // academy"); a lead-in ending in `:` with nothing after it, or no
                    // body at all, is a list that never came.
                    let last_paragraph = section_blocks
                        .iter()
                        .rev()
                        .find(|b| b.kind == BlockKind::Paragraph);
                    let list_missing =
                        last_paragraph.is_none_or(|b| b.text.trim_end().ends_with(':'));
                    if after == before && !has_children && list_missing {
                        let at = d
                            .heading_block
                            .map_or(body_offset, |h| to_file(blocks[h].range.start));
                        self.warn(
                            at,
                            Code::ExperienceEmpty,
                            format!("`{}` lists no experience", section.heading),
                        )
                        .hint = Some("list each skill or experience as a `- ` bullet".into());
                    }
                }
                SectionKind::Expectations => {
                    expectations.extend(read_expectations(
                        &fixed,
                        &section.heading,
                        section_blocks,
                        &section.body_anchors,
                        |offset| self.lines.line(to_file(offset)),
                    ));
                }
                SectionKind::Benefits => {
                    for block in section_blocks {
                        if let BlockKind::List(items) = &block.kind {
                            benefits.extend(items.iter().filter(|t| !t.is_empty()).cloned());
                        }
                    }
                }
                SectionKind::Location if location.is_none() => {
                    location = section_blocks
                        .iter()
                        .find(|b| b.kind == BlockKind::Paragraph && b.text.len() <= 120)
                        .map(|b| clean_location(&b.text));
                }
                _ => {}
            }
        }

        // Salary: every line of a salary section, and any line that says "salary".
        let salary_ranges: Vec<Range<usize>> = drafts
            .iter()
            .filter(|d| d.kind == SectionKind::Salary)
            .filter_map(|d| {
                let start = blocks[d.heading_block?].range.end;
                let end = blocks
                    .get(d.blocks.end)
                    .map_or(fixed.len(), |b| b.range.start);
                Some(to_file(start)..to_file(end.max(start)))
            })
            .collect();
        let mut bands = self.read_salary_lines(body_offset, &salary_ranges);
        bands.dedup();
        if let Some(value) = &fm.salary {
            bands = self.front_matter_salary(value);
        }

        let summary_text = match &fm.summary {
            Some(s) => s.trim().to_owned(),
            None => {
                let text = join_text(summary_parts.iter().map(|b| b.text.as_str()));
                if text.is_empty() {
                    // No preamble: the first paragraph of the first "about" section.
                    drafts
                        .iter()
                        .filter(|d| d.kind == SectionKind::About)
                        .flat_map(|d| &blocks[d.blocks.clone()])
                        .find(|b| b.kind == BlockKind::Paragraph)
                        .map(|b| b.text.clone())
                        .unwrap_or_default()
                } else {
                    text
                }
            }
        };
        let summary = Markdown {
            source: match &fm.summary {
                Some(s) => s.clone(),
                None => summary_parts
                    .iter()
                    .map(|b| &fixed[b.range.clone()])
                    .collect::<Vec<_>>()
                    .join("\n\n"),
            },
            line: summary_parts
                .first()
                .map_or(1, |b| self.lines.line(to_file(b.range.start))),
        };

        let (level, discipline) = level_and_discipline(&title, &self.stem());
        let level = fm.level.clone().or(level);
        let discipline = fm.discipline.clone().or(discipline);
        let aliases = self.aliases(&fm);

        Some(Role {
            slug,
            title,
            summary,
            summary_text,
            location,
            level,
            discipline,
            salary: bands,
            experience,
            expectations,
            benefits,
            sections,
            status: fm.status.unwrap_or(Status::Open),
            meta: Meta {
                team,
                employment_type,
                posted: fm.posted,
                closes: fm.closes,
                apply_url: fm.apply_url.clone(),
                aliases,
            },
            source_file: self.file_name(),
            role_links,
        })
    }

    fn slug(&mut self, fm: &FrontMatter) -> Option<Slug> {
        match &fm.slug {
            Some(s) => {
                let slug = Slug::parse(s);
                if slug.is_none() {
                    let line = line_of_key(self.text, "slug");
                    self.error(
                        (line, 1),
                        Code::FrontMatter,
                        format!("front matter: slug `{s}` is not lowercase letters, digits and single hyphens"),
                    );
                }
                slug
            }
            None => {
                let slug = Slug::from_file_stem(&self.stem());
                if slug.is_none() {
                    let name = self.file_name();
                    self.error(
                        (1, 1),
                        Code::BadFileName,
                        format!("cannot make a URL slug from the file name `{name}`"),
                    );
                }
                slug
            }
        }
    }

    fn aliases(&mut self, fm: &FrontMatter) -> Vec<Slug> {
        let mut out = Vec::new();
        for alias in &fm.aliases {
            match Slug::parse(alias).or_else(|| Slug::from_file_stem(alias)) {
                Some(slug) => out.push(slug),
                None => {
                    let line = line_of_key(self.text, "aliases");
                    self.diagnostics.push(Diagnostic::warning(
                        self.path,
                        (line, 1),
                        Code::BadAlias,
                        format!("alias `{alias}` cannot be a URL slug; ignored"),
                    ));
                }
            }
        }
        out
    }

    /// Reads salary lines in `ranges` (file offsets) and lines elsewhere that mention salary.
    fn read_salary_lines(
        &mut self,
        body_offset: usize,
        ranges: &[Range<usize>],
    ) -> Vec<SalaryBand> {
        let mut bands = Vec::new();
        let mut offset = body_offset;
        let mut in_fence = false;
        let text = self.text;
        for raw in text[body_offset..].split_inclusive('\n') {
            let line_start = offset;
            offset += raw.len();
            let trimmed = raw.trim_start();
            if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
                in_fence = !in_fence;
                continue;
            }
            if in_fence || trimmed.starts_with('#') {
                continue;
            }
            let in_section = ranges.iter().any(|r| r.contains(&line_start));
            if !in_section && !mentions_salary(raw) {
                continue;
            }
            let (clean, shift) = strip_line_markup(raw);
            let read = salary::parse_line(&clean);
            bands.extend(read.bands);
            for u in read.unreadable {
                let at = raw.find(&u.text).unwrap_or(shift + u.offset).min(raw.len());
                self.warn(
                    line_start + at,
                    Code::SalaryUnreadable,
                    format!(
                        "cannot read the salary `{}`: {}; no band was made",
                        u.text, u.reason
                    ),
                )
                .hint = Some("write each amount in full, e.g. `£45,000 - £60,000`".into());
            }
        }
        bands
    }

    fn front_matter_salary(&mut self, value: &SalaryValue) -> Vec<SalaryBand> {
        let line = line_of_key(self.text, "salary");
        match value {
            SalaryValue::Line(text) => {
                let read = salary::parse_line(text);
                if read.bands.is_empty() || !read.unreadable.is_empty() {
                    self.error(
                        (line, 1),
                        Code::FrontMatter,
                        format!("front matter: cannot read the salary `{text}`"),
                    );
                }
                read.bands
            }
            SalaryValue::Bands(values) => {
                let mut bands = Vec::new();
                for v in values {
                    match SalaryBand::new(v.min, v.max) {
                        Ok(band) => bands.push(
                            band.with_location(v.location.clone())
                                .with_note(v.note.clone())
                                .with_currency(v.currency.unwrap_or(Currency::Gbp))
                                .with_period(v.period.unwrap_or(Period::Year)),
                        ),
                        Err(e) => self.error(
                            (line, 1),
                            Code::FrontMatter,
                            format!("front matter: salary band: {e}"),
                        ),
                    }
                }
                bands
            }
        }
    }
}

/// Reads an expectations section: one expectation per sub-heading (its body the
/// description), or one per list item when the section has no sub-headings.
fn read_expectations(
    source: &str,
    heading: &str,
    blocks: &[Block],
    anchors: &[String],
    line_of: impl Fn(usize) -> u32,
) -> Vec<Expectation> {
    let mut group = (headings::normalise(heading) != "expectations").then(|| heading.to_owned());
    let has_headings = blocks.iter().any(|b| {
        matches!(b.kind, BlockKind::Heading(_))
            && headings::classify(&b.text) != SectionKind::Expectations
    });
    let mut out: Vec<Expectation> = Vec::new();
    let mut description: Vec<&Block> = Vec::new();
    let mut anchor_iter = anchors.iter();
    let finish = |out: &mut Vec<Expectation>, description: &mut Vec<&Block>| {
        if let Some(last) = out.last_mut() {
            last.description = Markdown {
                source: description
                    .iter()
                    .map(|b| &source[b.range.clone()])
                    .collect::<Vec<_>>()
                    .join("\n\n"),
                line: description.first().map_or(0, |b| line_of(b.range.start)),
            };
            last.description_text = join_text(description.iter().map(|b| b.text.as_str()));
        }
        description.clear();
    };
    for block in blocks {
        match &block.kind {
            BlockKind::Heading(_) => {
                let anchor = anchor_iter.next().cloned();
                if has_headings {
                    finish(&mut out, &mut description);
                }
                if headings::classify(&block.text) == SectionKind::Expectations {
                    group = Some(block.text.trim().to_owned());
                    if has_headings {
                        out.push(Expectation {
                            title: String::new(),
                            anchor: None,
                            description: Markdown::default(),
                            description_text: String::new(),
                            group: None,
                        });
                    }
                } else if has_headings {
                    out.push(Expectation {
                        title: block.text.trim().to_owned(),
                        anchor,
                        description: Markdown::default(),
                        description_text: String::new(),
                        group: group.clone(),
                    });
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
            _ if has_headings && !out.is_empty() => description.push(block),
            _ => {}
        }
    }
    if has_headings {
        finish(&mut out, &mut description);
    }
    // Group headings were pushed as placeholders to end the previous description.
    out.retain(|e| !e.title.is_empty());
    out
}

/// Walks the Markdown once and returns its top-level blocks with their plain
/// text, and every link to a `.md` file with its offset.
fn scan_blocks(body: &str) -> (Vec<Block>, Vec<(String, usize)>) {
    let mut blocks: Vec<Block> = Vec::new();
    let mut links = Vec::new();
    let mut depth = 0usize;
    let mut list_depth = 0usize;
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if let Tag::Link { dest_url, .. } = &tag
                    && let Some(file) = role_link_target(dest_url)
                {
                    links.push((file, range.start));
                }
                if depth == 0 {
                    let kind = match &tag {
                        Tag::Heading { level, .. } => BlockKind::Heading(heading_level(*level)),
                        Tag::Paragraph => BlockKind::Paragraph,
                        Tag::List(_) => BlockKind::List(Vec::new()),
                        _ => BlockKind::Other,
                    };
                    blocks.push(Block {
                        kind,
                        range: range.clone(),
                        text: String::new(),
                    });
                }
                match &tag {
                    Tag::List(_) => list_depth += 1,
                    Tag::Item if list_depth == 1 && depth == 1 => {
                        if let Some(Block {
                            kind: BlockKind::List(items),
                            ..
                        }) = blocks.last_mut()
                        {
                            items.push(String::new());
                        }
                    }
                    _ => {}
                }
                depth += 1;
            }
            Event::End(tag) => {
                depth = depth.saturating_sub(1);
                match tag {
                    TagEnd::List(_) => list_depth = list_depth.saturating_sub(1),
                    TagEnd::Paragraph if list_depth == 1 => push_text(&mut blocks, " ", 1),
                    _ => {}
                }
            }
            Event::Text(t) | Event::Code(t) => push_text(&mut blocks, &t, list_depth),
            Event::SoftBreak | Event::HardBreak => push_text(&mut blocks, " ", list_depth),
            _ => {}
        }
    }
    for block in &mut blocks {
        squash(&mut block.text);
        if let BlockKind::List(items) = &mut block.kind {
            items.iter_mut().for_each(squash);
        }
    }
    (blocks, links)
}

/// Appends text to the current block, or to its current list item when the text
/// is in the top-level list (not a nested one).
fn push_text(blocks: &mut [Block], text: &str, list_depth: usize) {
    let Some(block) = blocks.last_mut() else {
        return;
    };
    match &mut block.kind {
        BlockKind::List(items) => {
            if list_depth == 1
                && let Some(item) = items.last_mut()
            {
                item.push_str(text);
            }
            block.text.push_str(text);
            block.text.push(' ');
        }
        _ => block.text.push_str(text),
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// A relative link to a file in the roles folder: `other_role.md` or
/// `./other_role.md#salary`. Absolute URLs and paths into other folders are not.
pub fn role_link_target(dest: &str) -> Option<String> {
    let path = dest.split('#').next().unwrap_or("");
    let path = path.strip_prefix("./").unwrap_or(path);
    let is_md = path.len() > 3 && path.to_ascii_lowercase().ends_with(".md");
    let relative = !path.contains(':') && !path.contains('/') && !path.contains('\\');
    (is_md && relative).then(|| path.to_owned())
}

/// `#Title` -> `# Title` on lines outside code fences. Returns the fixed text
/// and the fixed-text offsets where a space was inserted.
fn fix_heading_spaces(body: &str) -> (Cow<'_, str>, Vec<usize>) {
    let mut inserted = Vec::new();
    let mut out = String::new();
    let mut in_fence = false;
    let mut copied = 0;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
        }
        let hashes = line.bytes().take_while(|&b| b == b'#').count();
        let next = line[hashes..].chars().next();
        if !in_fence && (1..=6).contains(&hashes) && next.is_some_and(char::is_alphanumeric) {
            out.push_str(&body[copied..offset + hashes]);
            inserted.push(out.len());
            out.push(' ');
            copied = offset + hashes;
        }
        offset += line.len();
    }
    if inserted.is_empty() {
        return (Cow::Borrowed(body), inserted);
    }
    out.push_str(&body[copied..]);
    (Cow::Owned(out), inserted)
}

/// A short line under the title naming places: "Bristol, Manchester & London, UK."
fn looks_like_location(text: &str) -> bool {
    let text = text.trim();
    if let Some(rest) = text
        .strip_prefix("Location:")
        .or_else(|| text.strip_prefix("Locations:"))
    {
        return !rest.trim().is_empty();
    }
    if text.is_empty() || text.len() > 80 || text.starts_with('(') {
        return false;
    }
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '/' | '.' | '(' | ')'))
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty()
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || matches!(*w, "&" | "and" | "or" | "-" | "remote" | "hybrid" | "based")
        })
}

fn clean_location(text: &str) -> String {
    let text = text.trim();
    let text = text
        .strip_prefix("Location:")
        .or_else(|| text.strip_prefix("Locations:"))
        .unwrap_or(text);
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

fn mentions_salary(line: &str) -> bool {
    // Runs on every line of every file: look for a currency sign first (most
    // lines have none), then for "salary" in any case, without allocating.
    (line.contains('£') || line.contains('$') || line.contains('€'))
        && line
            .as_bytes()
            .windows(6)
            .any(|w| w.eq_ignore_ascii_case(b"salary"))
}

/// Drops list markers, emphasis and a trailing `\` hard break from a line.
/// Returns the clean line and how many leading bytes were removed.
fn strip_line_markup(line: &str) -> (String, usize) {
    let trimmed = line.trim_start();
    let mut shift = line.len() - trimmed.len();
    let mut rest = trimmed;
    for marker in ["- ", "* ", "+ ", "> "] {
        if let Some(r) = rest.strip_prefix(marker) {
            shift += marker.len();
            rest = r;
            break;
        }
    }
    let clean = rest
        .trim_end()
        .trim_end_matches('\\')
        .replace("**", "")
        .replace(['*', '`'], "")
        .replace("__", "");
    (clean, shift)
}

fn join_text<'b>(parts: impl Iterator<Item = &'b str>) -> String {
    parts
        .filter(|p| !p.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Collapses runs of whitespace to one space and trims the ends.
fn squash(text: &mut String) {
    // List items arrive with a trailing space; most text is otherwise tidy
    // (single spaces, none leading), so trim in place and check in one pass
    // before rebuilding it (the rebuild showed up in profiles).
    text.truncate(text.trim_end().len());
    let bytes = text.as_bytes();
    // Branch-free over bytes (about a cycle each); chars only for non-ASCII text.
    let mut untidy = bytes.first() == Some(&b' ');
    let mut after_space = false;
    for &b in bytes {
        let space = b == b' ';
        untidy |= (space & after_space) | (b.wrapping_sub(b'\t') < 5);
        after_space = space;
    }
    let tidy =
        !untidy && (bytes.is_ascii() || !text.chars().any(|c| !c.is_ascii() && c.is_whitespace()));
    if !tidy {
        let mut out = String::with_capacity(text.len());
        for word in text.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
        *text = out;
    }
}

/// The 1-based file line of a front matter key, for errors serde cannot place.
fn line_of_key(text: &str, key: &str) -> u32 {
    text.lines()
        .position(|l| l.trim_start().starts_with(&format!("{key}:")))
        .map_or(1, |i| u32::try_from(i + 1).unwrap_or(u32::MAX))
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
    let lead = |text: &str| -> Option<(&'static str, usize)> {
        let lower = text.to_lowercase();
        LEVELS.iter().find_map(|level| {
            let l = level.to_lowercase();
            let rest = lower.strip_prefix(&l)?;
            rest.starts_with([' ', '_', '-'])
                .then_some((*level, level.len()))
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
    use super::*;

    fn read(name: &str, text: &str) -> Parsed {
        parse(Path::new(name), text)
    }

    fn role(name: &str, text: &str) -> Role {
        match read(name, text).role {
            Some(role) => role,
            None => panic!("{name} did not parse"),
        }
    }

    const BASIC: &str = "# Senior Widget Engineer\n\nBristol, Leeds & London, UK.\n\nWe make widgets that people love.\n\n## What experience are we looking for?\n\nYou will need:\n\n- Building widgets\n- Testing widgets\n  - nested detail\n- Shipping widgets\n\nEverything else is optional but highly sought after:\n\n- Painting widgets\n\n## Desirable skills and experience\n\n- Selling widgets\n\n## Salary\n\nThis role has a salary of £50-65k depending on experience.\n\n## Expectations\n\n### Build widgets well\n\nWith care.\n\n### Teach others\n\n## Perks\n\n- A free widget\n";

    #[test]
    fn squash_collapses_every_kind_of_whitespace() {
        for (text, want) in [
            ("tidy text", "tidy text"),
            ("  two  spaces ", "two spaces"),
            ("tab\tand\nnewline\u{b}vt", "tab and newline vt"),
            ("no\u{a0}break\u{2003}em", "no break em"),
            ("", ""),
        ] {
            let mut text = text.to_owned();
            squash(&mut text);
            assert_eq!(text, want);
        }
    }

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
        assert_eq!(r.level.as_deref(), Some("Senior"));
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

    #[test]
    fn title_without_space_is_read_with_a_warning() {
        let p = read("x.md", "#Data Wrangler\n\nText.\n");
        assert_eq!(p.role.map(|r| r.title), Some("Data Wrangler".to_owned()));
        assert_eq!(p.diagnostics.len(), 1);
        assert_eq!(p.diagnostics[0].code, "heading-no-space");
        assert_eq!((p.diagnostics[0].line, p.diagnostics[0].col), (1, 1));
    }

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
    fn empty_file_is_an_error() {
        let p = read("x.md", "  \n");
        assert!(p.role.is_none());
        assert_eq!(p.diagnostics[0].code, "empty-file");
    }

    #[test]
    fn unreadable_salary_warns_with_its_line() {
        let p = read("x.md", "# X\n\n## Salary\n\n- London: £60,00 - £70,000\n");
        let d = &p.diagnostics[0];
        assert_eq!(
            (d.code.as_str(), d.line, d.col),
            ("salary-unreadable", 5, 11)
        );
        assert_eq!(p.role.map(|r| r.salary.len()), Some(0));
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

    #[test]
    fn front_matter_overrides_and_errors() {
        let text = "---\ntitle: Platform Lead\nteam: Platform\nstatus: draft\nsalary:\n  - min: 70000\n    max: 90000\n    location: London\naliases: [old-platform-lead]\n---\n# Ignored\n\n## Salary\n\n£1 - £2\n";
        let r = role("platform.md", text);
        assert_eq!(r.title, "Platform Lead");
        assert_eq!(r.status, Status::Draft);
        assert_eq!(r.meta.team.as_deref(), Some("Platform"));
        assert_eq!(r.salary[0].location(), Some("London"));
        assert_eq!(r.meta.aliases[0].as_str(), "old-platform-lead");

        let bad = read("x.md", "---\nteam: A\ncolour: red\n---\n# X\n");
        assert!(bad.role.is_none());
        assert_eq!(
            (bad.diagnostics[0].code.as_str(), bad.diagnostics[0].line),
            ("front-matter", 3)
        );
    }

    #[test]
    fn links_to_role_files_are_collected() {
        let r = role(
            "x.md",
            "# X\n\nSee [lead](lead_x.md#salary) and [web](https://a.example/b.md).\n",
        );
        assert_eq!(r.role_links.len(), 1);
        assert_eq!(r.role_links[0].file, "lead_x.md");
    }

    #[test]
    fn level_from_file_name_when_the_title_has_none() {
        let r = role("mid_data_engineer.md", "# Data Engineer\n\nText.\n");
        assert_eq!(r.level.as_deref(), Some("Mid"));
        assert_eq!(r.discipline.as_deref(), Some("Data Engineer"));
    }

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
}
