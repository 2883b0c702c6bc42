//! How much of each role file's text reaches its page: for every line of a
//! role file's body as the reader reads it (`careers::role::body_as_read`:
//! front matter left out, template comments and tags run or removed),
//! Markdown and HTML markup removed, whether its words appear, in order, in
//! the visible text of the role's page (`<main>`).
//!
//! A line that is not on the page counts as explained, not lost, when the
//! reading warned at that line why it is not published (an empty section).
//! Shared by the `conservation` test and `examples/conservation.rs`, so the
//! test and the measurement over real folders judge lines the same way.

use std::path::Path;

use careers::role::parse::markdown_options;
use careers::role::{Code, Diagnostic, body_as_read};
use careers::site::{PipelineOptions, Sink, build_from_dir};
use pulldown_cmark::{BrokenLink, CowStr, Event, Parser};

/// Codes whose warning says why the line it stands on is not on the page.
const EXPLAINS_HIDDEN: &[Code] = &[Code::EmptySection];

/// Lines of text and what became of them.
#[derive(Debug, Default)]
pub(crate) struct Count {
    /// Lines whose words are on the page.
    pub(crate) kept: usize,
    /// Lines not on the page, with a warning at the line saying why.
    pub(crate) explained: usize,
    /// Lines of text judged (kept, explained and lost).
    pub(crate) lines: usize,
    /// Lines not on the page and not explained.
    pub(crate) lost: Vec<Lost>,
}

/// One line of a role file that did not reach its page.
#[derive(Debug)]
pub(crate) struct Lost {
    /// The role file's name.
    pub(crate) file: String,
    /// The file line, from 1.
    pub(crate) line: u32,
    /// The line as written, trimmed.
    pub(crate) text: String,
}

impl Count {
    /// Kept and explained lines as a percentage of the lines judged.
    pub(crate) fn percent(&self) -> f64 {
        if self.lines == 0 {
            return 100.0;
        }
        (self.kept + self.explained) as f64 * 100.0 / self.lines as f64
    }
}

/// The count over every published role of `dir`, read as `build` reads it
/// (its `site.yaml` included) at the instant `now`.
pub(crate) fn measure(dir: &Path, now: jiff::Timestamp) -> anyhow::Result<Count> {
    let build = build_from_dir(dir, now, Sink::Memory, &PipelineOptions::default())?;
    let site = build
        .site
        .ok_or_else(|| anyhow::anyhow!("no site was built"))?;
    let mut count = Count::default();
    for role in site.roles() {
        let Some(page) = site.page(&format!("/roles/{}", role.slug)) else {
            continue;
        };
        let visible = format!(
            " {} ",
            words(&visible_text(&String::from_utf8_lossy(&page.identity.body)))
        );
        let source = std::fs::read_to_string(&role.path)?;
        let Some(body) = body_as_read(&source) else {
            continue;
        };
        let explained = explained_lines(&build.diagnostics, &role.path);
        for (n, line) in body.text.lines().enumerate() {
            let text = words(&plain(&without_code(line.trim_start())));
            if text.is_empty() {
                continue;
            }
            let at = body.first_line + n as u32;
            count.lines += 1;
            if visible.contains(&format!(" {text} ")) {
                count.kept += 1;
            } else if explained.contains(&at) {
                count.explained += 1;
            } else {
                count.lost.push(Lost {
                    file: role.source_file.clone(),
                    line: at,
                    text: line.trim().to_owned(),
                });
            }
        }
    }
    Ok(count)
}

/// The lines of `path` where a warning says why the text is not published.
fn explained_lines(diagnostics: &[Diagnostic], path: &Path) -> Vec<u32> {
    diagnostics
        .iter()
        .filter(|d| d.path.file_name() == path.file_name())
        .filter(|d| EXPLAINS_HIDDEN.contains(&d.code))
        .map(|d| d.line)
        .collect()
}

/// One line of Markdown as its plain text: the text a reader sees. A
/// reference link whose definition is elsewhere in the file keeps its text.
fn plain(line: &str) -> String {
    let mut as_link = |_: BrokenLink<'_>| Some((CowStr::from(""), CowStr::from("")));
    let mut out = String::new();
    let parser =
        Parser::new_with_broken_link_callback(line, markdown_options(), Some(&mut as_link));
    for event in parser {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::Html(h) | Event::InlineHtml(h) => out.push_str(&strip_tags(&h)),
            _ => out.push(' '),
        }
    }
    out
}

/// The visible text of an HTML page's `<main>` (or the whole page).
fn visible_text(html: &str) -> String {
    let document = scraper::Html::parse_document(html);
    let main = scraper::Selector::parse("main").ok();
    let root = main
        .as_ref()
        .and_then(|s| document.select(s).next())
        .unwrap_or_else(|| document.root_element());
    root.text().collect::<Vec<_>>().join(" ")
}

/// `line` without its `<script>` and `<style>` elements: code, never text a
/// page shows (an element left open runs to the end of the line).
fn without_code(line: &str) -> String {
    let lower = line.to_ascii_lowercase();
    let mut out = String::new();
    let mut at = 0;
    while let Some(open) = ["<script", "<style"]
        .iter()
        .filter_map(|tag| lower[at..].find(tag).map(|i| (at + i, &tag[1..])))
        .min()
    {
        out.push_str(&line[at..open.0]);
        let close = format!("</{}>", open.1);
        at = lower[open.0..]
            .find(&close)
            .map_or(line.len(), |i| open.0 + i + close.len());
    }
    out.push_str(&line[at..]);
    out
}

/// Text with `<...>` tags replaced by spaces.
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in html.chars() {
        match c {
            '<' => inside = true,
            '>' => {
                inside = false;
                out.push(' ');
            }
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

/// Lowercase words joined by single spaces, punctuation dropped, so markup's
/// spacing and typographic quotes do not count as loss.
fn words(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}
