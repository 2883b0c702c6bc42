//! How much of each role file's text reaches its page: for every line of a
//! role file's body (front matter left out, Markdown and HTML markup removed),
//! whether its words appear, in order, in the visible text of the role's page.
//!
//! ```text
//! cargo run --example conservation -- ROLES_DIR [ROLES_DIR ...] [--lost]
//! ```
//!
//! Prints `kept/lines` per folder; `--lost` also lists each line not found,
//! as `file:line: text`. A measurement, not a test: the rule "every line of a
//! role file's text reaches its page" is what it measures. Each line is read
//! on its own, unindented; lines holding a template tag (`{{`, `{%`, `<%`,
//! `{:`), which the template pass runs or removes by design, are counted
//! apart and not judged.

use std::path::Path;

use careers::site::{PipelineOptions, Sink, build_from_dir};
use pulldown_cmark::{Event, Parser};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show_lost = args.iter().any(|a| a == "--lost");
    let mut all = (0, 0);
    for dir in args.iter().filter(|a| !a.starts_with("--")) {
        match measure(Path::new(dir), show_lost) {
            Ok(Count {
                kept,
                lines,
                templates,
            }) => {
                println!(
                    "{dir}: {kept}/{lines} lines kept ({:.1}%); {templates} template lines not judged",
                    percent(kept, lines)
                );
                all = (all.0 + kept, all.1 + lines);
            }
            Err(e) => eprintln!("{dir}: {e:#}"),
        }
    }
    println!(
        "all: {}/{} lines kept ({:.1}%)",
        all.0,
        all.1,
        percent(all.0, all.1)
    );
}

fn percent(kept: usize, lines: usize) -> f64 {
    if lines == 0 {
        return 100.0;
    }
    kept as f64 * 100.0 / lines as f64
}

/// Lines of text and how many reached their page.
#[derive(Debug, Default)]
struct Count {
    kept: usize,
    lines: usize,
    templates: usize,
}

/// The count over every published role of `dir`.
fn measure(dir: &Path, show_lost: bool) -> anyhow::Result<Count> {
    let now = jiff::Timestamp::now();
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
        let (body, first_line) = body_of(&source);
        for (n, line) in body.lines().enumerate() {
            let line = line.trim_start();
            if ["{{", "{%", "<%", "{:"]
                .iter()
                .any(|tag| line.contains(tag))
            {
                count.templates += 1;
                continue;
            }
            let text = words(&plain(line));
            if text.is_empty() {
                continue;
            }
            count.lines += 1;
            if visible.contains(&format!(" {text} ")) {
                count.kept += 1;
            } else if show_lost {
                println!("  {}:{}: {}", role.source_file, first_line + n, line.trim());
            }
        }
    }
    Ok(count)
}

/// The body after a `---` or `+++` front matter block, and its first line.
fn body_of(source: &str) -> (&str, usize) {
    for fence in ["---", "+++"] {
        let Some(rest) = source.strip_prefix(fence) else {
            continue;
        };
        // `---` closes YAML; some hand-edited files close it with `--` or `...`.
        let end = [
            format!("\n{fence}"),
            "\n--\n".to_owned(),
            "\n...".to_owned(),
        ]
        .iter()
        .filter(|close| fence == "---" || **close == format!("\n{fence}"))
        .filter_map(|close| rest.find(close.as_str()).map(|at| (at, close.len())))
        .min();
        if let Some((end, close)) = end {
            let after = &rest[end + close..];
            let skipped = source.len() - after.len();
            return (after, source[..skipped].lines().count() + 1);
        }
    }
    (source, 1)
}

/// One line of Markdown as its plain text: the text a reader sees.
fn plain(line: &str) -> String {
    let mut out = String::new();
    for event in Parser::new(line) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::Html(h) | Event::InlineHtml(h) => out.push_str(&strip_tags(&h)),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
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
