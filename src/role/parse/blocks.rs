//! The blocks phase: `#Title` fixed to `# Title`, then one walk over the
//! Markdown into top-level blocks (each heading classified once, here), links
//! to other role files, and link or image URLs the allow-list refuses.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use super::fence::Fence;
use super::html_text::html_text;
use super::{Reader, markdown_options};
use crate::role::diagnostic::Code;
use crate::role::headings;
use crate::role::model::{RoleLink, SectionKind};
use crate::role::url::{UrlRefused, check_url};

/// The Markdown body of a file, fixed and split into blocks.
#[derive(Debug)]
pub(super) struct Body<'a> {
    /// Byte offset of the body in the file.
    offset: usize,
    /// The body with a space inserted after the `#`s of `#Title` headings.
    pub(super) fixed: Cow<'a, str>,
    /// Offsets in `fixed` where a space was inserted, ascending.
    inserted: Vec<usize>,
    /// Top-level blocks in source order.
    pub(super) blocks: Vec<Block>,
}

impl Body<'_> {
    /// The file offset of an offset in the fixed body.
    pub(super) fn to_file(&self, fixed_offset: usize) -> usize {
        self.offset + fixed_offset - self.inserted.partition_point(|&p| p < fixed_offset)
    }

    /// The file offset where the body starts.
    pub(super) fn offset(&self) -> usize {
        self.offset
    }

    /// The offset in `fixed` where block `i` starts, or the end of the body.
    pub(super) fn start_of(&self, i: usize) -> usize {
        self.blocks
            .get(i)
            .map_or(self.fixed.len(), |b| b.range.start)
    }
}

/// A top-level Markdown block with its byte range in the fixed body.
#[derive(Debug)]
pub(super) struct Block {
    pub(super) kind: BlockKind,
    pub(super) range: Range<usize>,
    /// Plain text, whitespace squashed.
    pub(super) text: String,
    /// For a paragraph that starts with a bold line alone
    /// (`**What we look for:**`), that line read as a heading would be.
    pub(super) label: Option<Label>,
    /// For a list, the plain text of the items nested directly in each
    /// top-level item (one entry per item, often empty).
    pub(super) nested: Vec<Vec<String>>,
}

/// A bold line alone at the start of a paragraph, acting as a heading for
/// reading (experience, salary, location). It is not a heading on the page
/// and takes no id, so the renderer's heading ids stay in step.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Label {
    /// What the words mean, by the heading vocabulary.
    pub(super) kind: SectionKind,
    /// The bold words, without a trailing colon.
    pub(super) text: String,
    /// The rest of the paragraph after the line break (`Washington, DC`).
    pub(super) rest: String,
}

/// Where a paragraph is in reading a leading bold line.
#[derive(Debug, Default)]
enum Lead {
    /// Nothing read yet.
    Fresh,
    /// Inside the opening bold span, with its text so far.
    Bold(String),
    /// After the bold span, before a line break.
    AfterBold(String),
    /// The bold line stood alone; the rest of the paragraph starts at this
    /// length of the block's raw text.
    Label(String, usize),
    /// Not a label.
    #[default]
    No,
}

impl Block {
    /// The heading level, when the block is a heading.
    pub(super) fn level(&self) -> Option<u8> {
        match self.kind {
            BlockKind::Heading { level, .. } => Some(level),
            _ => None,
        }
    }

    /// What a heading means, when the block is a heading.
    pub(super) fn section_kind(&self) -> Option<SectionKind> {
        match self.kind {
            BlockKind::Heading { kind, .. } => Some(kind),
            _ => None,
        }
    }
}

#[derive(Debug, PartialEq)]
pub(super) enum BlockKind {
    /// A heading, classified by the vocabulary when it was scanned.
    Heading {
        level: u8,
        kind: SectionKind,
    },
    Paragraph,
    /// A list with the plain text of each top-level item.
    List(Vec<String>),
    /// An HTML block; its text is the text without tags.
    Html,
    Other,
}

impl<'a> Reader<'a> {
    /// Fixes `#Title` headings (with a warning each), scans the blocks,
    /// collects links to role files and reports every link or image URL the
    /// allow-list refuses (an error at its line and column).
    pub(super) fn blocks(&mut self, body: &'a str, offset: usize) -> (Body<'a>, Vec<RoleLink>) {
        let (fixed, inserted) = fix_heading_spaces(body);
        let (blocks, destinations) = scan_blocks(&fixed);
        let body = Body {
            offset,
            fixed,
            inserted,
            blocks,
        };
        for i in 0..body.inserted.len() {
            let at = body.to_file(body.inserted[i]);
            let no_break = body.fixed[body.inserted[i] + 1..].starts_with('\u{a0}');
            let message = if no_break {
                "heading has a no-break space after `#`, which Markdown does not count; read as a heading"
            } else {
                "heading has no space after `#`; read as a heading"
            };
            self.warn(at.saturating_sub(1), Code::HeadingNoSpace, message.into())
                .hint = Some("write `# Title` with a space after the `#`".into());
        }
        let mut role_links = Vec::new();
        for (at, destination) in destinations {
            let (line, col) = self.lines.position(self.text, body.to_file(at));
            match destination {
                Destination::RoleFile(file) => role_links.push(RoleLink { file, line, col }),
                Destination::Refused { image, refused } => {
                    let what = if image { "image" } else { "link" };
                    self.error(
                        (line, col),
                        Code::UnsafeUrl,
                        format!("{what} URL refused: {refused}"),
                    );
                }
            }
        }
        (body, role_links)
    }
}

/// A link or image destination worth reporting.
#[derive(Debug)]
enum Destination {
    /// A relative link to a file in the roles folder.
    RoleFile(String),
    /// A URL the allow-list refused.
    Refused { image: bool, refused: UrlRefused },
}

/// Walks the Markdown once and returns its top-level blocks with their plain
/// text, and the link and image destinations worth reporting, with offsets.
fn scan_blocks(body: &str) -> (Vec<Block>, Vec<(usize, Destination)>) {
    let mut scanner = Scanner::default();
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(tag) => scanner.start(&tag, range, body),
            Event::End(tag) => scanner.end(tag),
            Event::Text(_) if scanner.in_raw_inline => {}
            // A top-level HTML block's text was taken whole when it started.
            Event::Html(t) if scanner.depth > 1 => scanner.push_text(&html_text(&t)),
            Event::InlineHtml(t) => scanner.inline_html(&t),
            Event::Text(t) | Event::Code(t) => scanner.text(&t),
            Event::SoftBreak | Event::HardBreak => scanner.line_break(),
            _ => {}
        }
    }
    let (blocks, destinations) = scanner.finish();
    let mut blocks = with_html_structure(blocks, body);
    marked_lines_as_lists(&mut blocks, body);
    (blocks, destinations)
}

/// Every HTML block that holds headings or lists, split into the blocks it
/// holds (see [`super::html_blocks`]), its headings classified.
fn with_html_structure(blocks: Vec<Block>, body: &str) -> Vec<Block> {
    if !blocks.iter().any(|b| b.kind == BlockKind::Html) {
        return blocks;
    }
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks {
        let split = (block.kind == BlockKind::Html)
            .then(|| super::html_blocks::split(body, block.range.clone()))
            .flatten();
        match split {
            Some(parts) => out.extend(parts.into_iter().map(|mut part| {
                if let BlockKind::Heading { kind, .. } = &mut part.kind {
                    *kind = headings::classify(&part.text);
                }
                part
            })),
            None => out.push(block),
        }
    }
    out
}

/// What some authors start each line of a list with instead of `-`: check
/// marks, crosses, arrows and bullet characters.
const LINE_MARKERS: &[char] = &[
    '✅', '✔', '✓', '☑', '✗', '❌', '•', '◦', '▪', '▫', '▸', '►', '➡', '→', '⁃', '‣', '👉', '🔹',
    '🔸', '⭐',
];

/// A paragraph whose every line (two or more) starts with one of
/// [`LINE_MARKERS`] is read as a list of those lines, as it reads to a
/// person; its page still shows it as written.
fn marked_lines_as_lists(blocks: &mut [Block], body: &str) {
    for block in blocks
        .iter_mut()
        .filter(|b| b.kind == BlockKind::Paragraph && b.label.is_none())
    {
        let Some(source) = body.get(block.range.clone()) else {
            continue;
        };
        let lines = source.lines().map(str::trim).filter(|l| !l.is_empty());
        let count = lines.clone().count();
        if count < 2 || !lines.clone().all(|l| l.starts_with(LINE_MARKERS)) {
            continue;
        }
        let items: Vec<String> = block
            .text
            .split(LINE_MARKERS)
            .map(|t| t.trim_start_matches('\u{fe0f}').trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect();
        // A marker inside a line as well would split it: read as written.
        if items.len() == count {
            block.kind = BlockKind::List(items);
        }
    }
}

/// The state of one [`scan_blocks`] walk.
#[derive(Default)]
struct Scanner {
    blocks: Vec<Block>,
    destinations: Vec<(usize, Destination)>,
    /// Tags open: 0 between top-level blocks.
    depth: usize,
    /// Lists open.
    list_depth: usize,
    /// Inside inline `<script>` or `<style>`: its text is no text.
    in_raw_inline: bool,
    /// Where the current paragraph is in reading a leading bold line.
    lead: Lead,
}

impl Scanner {
    fn start(&mut self, tag: &Tag<'_>, range: Range<usize>, body: &str) {
        self.destination(tag, range.start);
        if self.depth == 0 {
            self.open_block(tag, range, body);
        } else if self.depth == 1 {
            self.lead = match (std::mem::take(&mut self.lead), tag) {
                (Lead::Fresh, Tag::Strong) => Lead::Bold(String::new()),
                (Lead::Bold(t), _) => Lead::Bold(t),
                (Lead::Label(t, at), _) => Lead::Label(t, at),
                _ => Lead::No,
            };
        }
        match tag {
            Tag::List(_) => self.list_depth += 1,
            Tag::Item if self.list_depth == 1 && self.depth == 1 => {
                if let Some(Block {
                    kind: BlockKind::List(items),
                    nested,
                    ..
                }) = self.blocks.last_mut()
                {
                    items.push(String::new());
                    nested.push(Vec::new());
                }
            }
            Tag::Item if self.list_depth == 2 => {
                if let Some(item) = self.blocks.last_mut().and_then(|b| b.nested.last_mut()) {
                    item.push(String::new());
                }
            }
            _ => {}
        }
        self.depth += 1;
    }

    /// Records a link or image destination the allow-list refuses, or one
    /// that names another role file.
    fn destination(&mut self, tag: &Tag<'_>, at: usize) {
        let (Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = tag else {
            return;
        };
        let image = matches!(tag, Tag::Image { .. });
        if let Err(refused) = check_url(dest_url) {
            self.destinations
                .push((at, Destination::Refused { image, refused }));
        } else if let Some(file) = role_link_target(dest_url).filter(|_| !image) {
            self.destinations.push((at, Destination::RoleFile(file)));
        }
    }

    /// A new top-level block; an HTML block's text is taken whole here.
    fn open_block(&mut self, tag: &Tag<'_>, range: Range<usize>, body: &str) {
        let kind = match tag {
            Tag::Heading { level, .. } => BlockKind::Heading {
                level: heading_level(*level),
                kind: SectionKind::Other,
            },
            Tag::Paragraph => BlockKind::Paragraph,
            Tag::List(_) => BlockKind::List(Vec::new()),
            Tag::HtmlBlock => BlockKind::Html,
            _ => BlockKind::Other,
        };
        let text = match kind {
            BlockKind::Html => html_text(body.get(range.clone()).unwrap_or_default()),
            _ => String::new(),
        };
        self.lead = if matches!(tag, Tag::Paragraph) {
            Lead::Fresh
        } else {
            Lead::No
        };
        self.blocks.push(Block {
            kind,
            range,
            text,
            label: None,
            nested: Vec::new(),
        });
    }

    fn end(&mut self, tag: TagEnd) {
        self.depth = self.depth.saturating_sub(1);
        match tag {
            TagEnd::List(_) => self.list_depth = self.list_depth.saturating_sub(1),
            TagEnd::Paragraph if (1..=2).contains(&self.list_depth) => self.push_text(" "),
            TagEnd::Strong if self.depth == 1 => {
                if let Lead::Bold(t) = std::mem::take(&mut self.lead) {
                    self.lead = Lead::AfterBold(t);
                }
            }
            TagEnd::Paragraph if self.depth == 0 => {
                let len = self.blocks.last().map_or(0, |b| b.text.len());
                let read = match std::mem::take(&mut self.lead) {
                    Lead::AfterBold(t) => Lead::Label(t, len),
                    other => other,
                };
                finish_label(&mut self.blocks, read);
            }
            _ => {}
        }
    }

    fn inline_html(&mut self, html: &str) {
        let tag = html.trim_start_matches('<').to_ascii_lowercase();
        if tag.starts_with("script") || tag.starts_with("style") {
            self.in_raw_inline = true;
        } else if tag.starts_with("/script") || tag.starts_with("/style") {
            self.in_raw_inline = false;
        }
    }

    fn text(&mut self, text: &str) {
        self.lead = match std::mem::take(&mut self.lead) {
            Lead::Bold(mut b) => {
                b.push_str(text);
                Lead::Bold(b)
            }
            Lead::AfterBold(b) if matches!(text.trim(), "" | ":") => Lead::AfterBold(b),
            Lead::Fresh if text.trim().is_empty() => Lead::Fresh,
            Lead::Label(b, at) => Lead::Label(b, at),
            _ => Lead::No,
        };
        self.push_text(text);
    }

    fn line_break(&mut self) {
        self.lead = match std::mem::take(&mut self.lead) {
            Lead::AfterBold(b) => Lead::Label(b, self.blocks.last().map_or(0, |b| b.text.len())),
            Lead::Bold(mut b) => {
                b.push(' ');
                Lead::Bold(b)
            }
            other => other,
        };
        self.push_text(" ");
    }

    fn push_text(&mut self, text: &str) {
        push_text(&mut self.blocks, text, self.list_depth);
    }

    /// Squashes whitespace and classifies each heading, once every block is read.
    fn finish(mut self) -> (Vec<Block>, Vec<(usize, Destination)>) {
        for block in &mut self.blocks {
            if let Some(label) = &mut block.label {
                squash(&mut label.rest);
            }
            squash(&mut block.text);
            match &mut block.kind {
                BlockKind::List(items) => {
                    items.iter_mut().for_each(squash);
                    block.nested.iter_mut().flatten().for_each(squash);
                }
                BlockKind::Heading { kind, .. } => *kind = headings::classify(&block.text),
                _ => {}
            }
        }
        (self.blocks, self.destinations)
    }
}

/// Sets the label of the paragraph just ended, when its bold line stood
/// alone and is short enough to be a heading.
fn finish_label(blocks: &mut [Block], lead: Lead) {
    let (Lead::Label(bold, at), Some(block)) = (lead, blocks.last_mut()) else {
        return;
    };
    let text = bold.trim().trim_end_matches(':').trim().to_owned();
    let words = text.split_whitespace().count();
    if words == 0 || words > 10 {
        return;
    }
    let rest = block.text.get(at..).unwrap_or("").to_owned();
    block.label = Some(Label {
        kind: headings::classify(&text),
        text,
        rest,
    });
}

/// Appends text to the current block, and to its current list item when the
/// text is in the top-level list, or to the current nested item one deeper.
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
            } else if list_depth == 2
                && let Some(item) = block.nested.last_mut().and_then(|n| n.last_mut())
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
    let mut fence = Fence::default();
    let mut copied = 0;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let code = fence.line(line);
        let hashes = line.bytes().take_while(|&b| b == b'#').count();
        let next = line[hashes..].chars().next();
        // A no-break space after the `#`s is no space to Markdown either.
        let glued = next.is_some_and(|c| c.is_alphanumeric() || c == '\u{a0}');
        if !code && (1..=6).contains(&hashes) && glued {
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

/// Plain text of blocks, joined by single spaces.
pub(super) fn join_text<'b>(parts: impl Iterator<Item = &'b str>) -> String {
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

#[cfg(test)]
mod tests {
    use super::super::test_support::{read, role};
    use super::*;

    #[test]
    fn lines_that_each_start_with_a_check_mark_are_a_list() {
        let text = "# Analyst\n\nWe count.\n\n## What you'll do\n\n✅ Build dashboards\n✅ Talk to **users**\n\n## Essential\n\n✔️ SQL\n✔️ Statistics\n\n## Desirable\n\n• Python\n• R\n";
        let r = role("x.md", text);
        assert_eq!(r.responsibilities, ["Build dashboards", "Talk to users"]);
        assert_eq!(r.experience.required, ["SQL", "Statistics"]);
        assert_eq!(r.experience.optional, ["Python", "R"]);
    }

    #[test]
    fn a_marker_only_at_some_lines_or_inside_one_leaves_the_paragraph() {
        let (blocks, _) = scan_blocks(
            "✅ Done today\nand more tomorrow\n\n✅ One ✅ two\n✅ three\n\n✅ Alone\n",
        );
        assert!(
            blocks.iter().all(|b| b.kind == BlockKind::Paragraph),
            "{blocks:?}"
        );
    }

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
    fn title_without_space_is_read_with_a_warning() {
        let p = read("x.md", "#Data Wrangler\n\nText.\n");
        assert_eq!(p.role.map(|r| r.title), Some("Data Wrangler".to_owned()));
        assert_eq!(p.diagnostics.len(), 1);
        assert_eq!(p.diagnostics[0].code, "heading-no-space");
        assert_eq!((p.diagnostics[0].line, p.diagnostics[0].col), (1, 1));
    }

    #[test]
    fn hashes_in_a_backtick_fence_holding_a_tilde_line_stay_code() {
        let text =
            "# Build Engineer\n\nWe build the builds.\n\n```\n~~~\n#include <stdio.h>\n```\n";
        let (fixed, inserted) = fix_heading_spaces(text);
        assert!(inserted.is_empty(), "{fixed}");
        let p = read("x.md", text);
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        let source = p.role.map(|r| r.summary.source).unwrap_or_default();
        assert!(source.contains("#include <stdio.h>"), "{source}");
    }

    #[test]
    fn headings_are_classified_when_scanned() {
        let (blocks, _) = scan_blocks("# Engineer\n\n## Perks\n\nText.\n\n### Leading teams\n");
        let kinds: Vec<_> = blocks.iter().map(Block::section_kind).collect();
        assert_eq!(
            kinds,
            [
                Some(SectionKind::Other),
                Some(SectionKind::Benefits),
                None,
                Some(SectionKind::Other)
            ]
        );
    }

    #[test]
    fn refused_link_and_image_urls_are_errors_at_their_position() {
        let text = "# X\n\nSee [a](JavaScript:alert(1)) or ![b](data:image/png,x).\n\n- [c](java&#9;script:x) and [d](https://ok.example) [e](#top)\n";
        let p = read("x.md", text);
        let got: Vec<_> = p
            .diagnostics
            .iter()
            .map(|d| (d.code.as_str(), d.line, d.col, d.is_error()))
            .collect();
        assert_eq!(
            got,
            [
                ("unsafe-url", 3, 5, true),
                ("unsafe-url", 3, 33, true),
                ("unsafe-url", 5, 3, true)
            ]
        );
        assert!(p.diagnostics[0].message.contains("`javascript:`"));
        assert!(p.diagnostics[1].message.starts_with("image URL refused"));
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
}
