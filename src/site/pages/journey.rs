//! The pages around the roles that a candidate's journey passes through:
//! "How we hire" (`/how-we-hire`, the Markdown of `_hiring.md` in the roles
//! folder) and the accessibility statement (`/accessibility`, from
//! `site.yaml` `accessibility:`). Rendered when the site is built, like
//! every other page.

use askama::Template;

use crate::site::pages::templates::{AccessibilityPage, Chrome, GuidePage};
use crate::site::settings::{Compliance, Settings};
use crate::site::text::markdown::{self, RoleLinks};
use crate::site::{RenderError, Result, pages::views, urls};

/// The "How we hire" page from the Markdown of `_hiring.md` (front matter,
/// if any, is left out): its first `# ` heading is the title, the rest the
/// page. Links to role files become links to their pages.
pub(crate) fn hiring_page(chrome: &Chrome, source: &str, links: &RoleLinks) -> Result<String> {
    let body = crate::role::front_matter::split(source).map_or(source, |split| split.body);
    let (title, rest) = split_title(body);
    let words = chrome.words;
    let title = title.unwrap_or(words.how_we_hire).to_owned();
    let description = (words.hiring_description)(&chrome.at);
    let seo = views::seo(
        chrome,
        format!("{title} – {}", chrome.careers),
        format!("{title}{}", chrome.at),
        description,
        urls::HOW_WE_HIRE,
    );
    GuidePage {
        chrome: chrome.clone(),
        seo,
        title,
        html: markdown::render(&rest, &[], links),
    }
    .render()
    .map_err(|source| RenderError::Template {
        page: urls::HOW_WE_HIRE.into(),
        source,
    })
}

/// The first line that is a `# ` heading, and the text without it.
fn split_title(body: &str) -> (Option<&str>, String) {
    let mut title = None;
    let mut rest = String::with_capacity(body.len());
    for line in body.split_inclusive('\n') {
        match line.trim().strip_prefix("# ") {
            Some(heading) if title.is_none() => title = Some(heading.trim()),
            _ => rest.push_str(line),
        }
    }
    (title.filter(|t| !t.is_empty()), rest)
}

/// The accessibility statement: what careers knows of every site it builds,
/// then what the organisation states (compliance, known issues, a contact,
/// the day it was reviewed), each only when stated.
pub(crate) fn accessibility_page(chrome: &Chrome, settings: &Settings) -> Result<String> {
    let words = chrome.words;
    let stated = &settings.accessibility;
    let standard = stated
        .standard
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let compliance = stated.compliance.map(|c| {
        let how = match c {
            Compliance::Full => words.a11y_compliance[0],
            Compliance::Partial => words.a11y_compliance[1],
            Compliance::None => words.a11y_compliance[2],
        };
        (words.a11y_compliance_with)(how, standard)
    });
    let contact = stated
        .contact
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .or(Some(chrome.contact_email.trim()).filter(|c| !c.is_empty()))
        .map(|c| {
            let href = if c.contains(':') {
                c.to_owned()
            } else {
                format!("mailto:{c}")
            };
            (href, c.trim_start_matches("mailto:").to_owned())
        });
    let title = words.accessibility_statement;
    let seo = views::seo(
        chrome,
        format!("{title} – {}", chrome.careers),
        format!("{title}{}", chrome.at),
        words.a11y_description.into(),
        urls::ACCESSIBILITY,
    );
    AccessibilityPage {
        chrome: chrome.clone(),
        seo,
        lede: match chrome.organisation.as_str() {
            "" => words.a11y_lede.to_owned(),
            organisation => (words.a11y_lede_org)(organisation),
        },
        compliance,
        known_issues: stated.known_issues.clone(),
        contact,
        reviewed: stated
            .reviewed
            .map(|d| (words.a11y_reviewed)(&words.date(d))),
    }
    .render()
    .map_err(|source| RenderError::Template {
        page: urls::ACCESSIBILITY.into(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_heading_is_the_title_and_leaves_the_body() {
        let (title, rest) =
            split_title("# How we hire here\n\nWe read every application.\n# Not a title\n");
        assert_eq!(title, Some("How we hire here"));
        assert_eq!(rest, "\nWe read every application.\n# Not a title\n");
        assert_eq!(split_title("No heading.\n").0, None);
    }
}
