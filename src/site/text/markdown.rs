//! The one Markdown-to-HTML function. pulldown-cmark is not a sanitiser, so the
//! event stream is rewritten before rendering: headings get our ids (and no
//! author attributes), dangerous URL schemes are neutralised, and links to
//! other role files point at role pages. A link that leaves the roles folder
//! (`../handbook/x.md`, `/company/values`) would answer 404 on this site, so
//! its text stays and the link goes (and `check` says so). A Mermaid block is
//! shown as its source text in a `<pre>` that wraps. HTML an author wrote is passed
//! through and the whole fragment is then sanitised once
//! ([`super::sanitise`]); a fragment without any is already safe and
//! is not parsed again.

use std::collections::HashMap;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Parser, Tag, TagEnd};

use crate::role::parse::{markdown_options, role_link_target};
use crate::role::url::check_url;
use crate::site::{text::sanitise, urls};

/// Where links written in role files go: links to role files become role
/// pages, and, when the site names its handbook (`site.yaml` `source_url`),
/// relative links that leave the roles folder are read against it.
#[derive(Debug, Clone, Default)]
pub(crate) struct RoleLinks {
    /// Role file name -> role URL path.
    files: HashMap<String, String>,
    /// Each role's URL path, by its slug (a link may name a role so).
    slugs: HashMap<String, String>,
    /// The address of the roles folder on the organisation's own site.
    source: Option<url::Url>,
}

/// Where one link goes.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// The link as written (an absolute URL, a fragment, a path we serve).
    AsWritten,
    /// A role page (with the fragment, if any).
    Role(String),
    /// The same path on the organisation's own site.
    Source(String),
    /// Outside the roles folder, and the site names no `source_url`.
    Outside,
}

impl FromIterator<(String, String)> for RoleLinks {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(files: I) -> RoleLinks {
        let files: HashMap<String, String> = files.into_iter().collect();
        let slugs = files
            .values()
            .filter_map(|path| {
                // `urls::role` paths: `/roles/{slug}`.
                let slug = path.strip_prefix("/roles/")?;
                Some((slug.to_owned(), path.clone()))
            })
            .collect();
        RoleLinks {
            files,
            slugs,
            source: None,
        }
    }
}

impl RoleLinks {
    /// The same links, with relative links out of the folder read against
    /// `source` (the roles folder's address, checked by the settings).
    /// Links to the files of `roles`, with relative links that leave the
    /// folder read against `source` (see [`RoleLinks::with_source`]).
    pub(crate) fn to_roles(
        roles: &[std::sync::Arc<crate::role::model::Role>],
        source: Option<url::Url>,
    ) -> RoleLinks {
        roles
            .iter()
            .map(|r| (r.source_file.clone(), urls::role(&r.slug)))
            .collect::<RoleLinks>()
            .with_source(source)
    }

    pub(crate) fn with_source(mut self, source: Option<url::Url>) -> RoleLinks {
        self.source = source;
        self
    }

    /// Where a link written in a role file goes.
    fn target(&self, url: &str) -> Target {
        if let Some(file) = role_link_target(url) {
            let fragment = url.split_once('#').map(|(_, f)| f);
            let target = self.files.get(&file).cloned().unwrap_or_else(|| {
                let stem = file.strip_suffix(".md").unwrap_or(&file);
                crate::role::Slug::from_file_stem(stem)
                    .map_or_else(|| urls::HOME.to_owned(), |s| urls::role(&s))
            });
            return Target::Role(match fragment {
                Some(f) => format!("{target}#{f}"),
                None => target,
            });
        }
        if !leaves_folder(url) {
            return Target::AsWritten;
        }
        if let Some(role) = self.extensionless_role(url) {
            return Target::Role(role);
        }
        match self.source.as_ref().and_then(|s| s.join(url.trim()).ok()) {
            Some(resolved) => Target::Source(resolved.into()),
            None => Target::Outside,
        }
    }

    /// `other-role` or `./other_role#skills`, naming a role file (without
    /// `.md`) or a slug of this folder: that role's page.
    fn extensionless_role(&self, url: &str) -> Option<String> {
        let (path, fragment) = match url.trim().split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (url.trim(), None),
        };
        let path = path.strip_prefix("./").unwrap_or(path);
        if path.is_empty() || path.contains(['/', '\\', ':', '?', '.']) {
            return None;
        }
        let page = self
            .files
            .get(&format!("{path}.md"))
            .or_else(|| self.slugs.get(path))?;
        Some(match fragment {
            Some(f) => format!("{page}#{f}"),
            None => page.clone(),
        })
    }
}

/// Renders Markdown to safe HTML. `anchors` are the ids for the headings in
/// `source`, in order (computed once by the role parser).
pub(crate) fn render(source: &str, anchors: &[String], links: &RoleLinks) -> String {
    let ours = anchors;
    let mut anchors = anchors.iter();
    let mut has_html = false;
    // For each open link, whether it was dropped for having no address.
    let mut links_open: Vec<bool> = Vec::new();
    let mut in_diagram = false;
    let events = Parser::new_ext(source, markdown_options()).filter_map(|event| {
        Some(match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                has_html = true;
                Event::Html(html)
            }
            // A task list item's box as a character, not a form control: the
            // sanitiser lets no `<input>` through.
            Event::TaskListMarker(done) => Event::Text(if done { "☑ " } else { "☐ " }.into()),
            Event::Start(Tag::Heading { level, .. }) => Event::Start(Tag::Heading {
                level,
                id: anchors.next().map(|a| CowStr::from(a.clone())),
                classes: Vec::new(),
                attrs: Vec::new(),
            }),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                // `[text]()`: the address was a template tag, removed; keep the
                // text. The same for an address outside the roles folder that
                // no `source_url` resolves.
                let empty =
                    dest_url.trim().is_empty() || links.target(&dest_url) == Target::Outside;
                links_open.push(empty);
                if empty {
                    return None;
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url: rewrite_url(dest_url, links),
                    title,
                    id,
                })
            }
            Event::End(TagEnd::Link) => {
                if links_open.pop().unwrap_or(false) {
                    return None;
                }
                Event::End(TagEnd::Link)
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: rewrite_url(dest_url, links),
                title,
                id,
            }),
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) if is_diagram(&lang) => {
                in_diagram = true;
                Event::Html(CowStr::Borrowed("<pre class=\"diagram\">"))
            }
            Event::End(TagEnd::CodeBlock) if in_diagram => {
                in_diagram = false;
                Event::Html(CowStr::Borrowed("</pre>\n"))
            }
            other => other,
        })
    });
    let mut html = String::with_capacity(source.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    let html = alignment_classes(html);
    if has_html {
        return html_role_links(sanitise::sanitise(&html, ours), links);
    }
    html
}

/// pulldown-cmark aligns table cells with a `style` attribute, which the CSP
/// (`style-src 'self'`) blocks: say it with a class the stylesheet knows.
fn alignment_classes(html: String) -> String {
    if !html.contains(" style=\"text-align: ") {
        return html;
    }
    ["left", "center", "right"].iter().fold(html, |html, side| {
        html.replace(
            &format!(" style=\"text-align: {side}\""),
            &format!(" class=\"align-{side}\""),
        )
    })
}

/// Links an author wrote in HTML (`<a href="lead_engineer.md">`) to role
/// pages, as Markdown links are. Runs on sanitised HTML, where text has its
/// `<` escaped, so an `href` after an unclosed `<` is inside a tag.
fn html_role_links(html: String, links: &RoleLinks) -> String {
    if !html.contains(".md") {
        return html;
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(at) = rest.find("href=\"") {
        let start = at + "href=\"".len();
        let Some(len) = rest[start..].find('"') else {
            break;
        };
        out.push_str(&rest[..start]);
        let value = &rest[start..start + len];
        let in_tag = out.rfind('<') > out.rfind('>');
        let written = value.replace("&amp;", "&");
        if in_tag && role_link_target(&written).is_some() {
            out.push_str(&rewrite_url(CowStr::from(written), links).replace('&', "&amp;"));
        } else {
            out.push_str(value);
        }
        rest = &rest[start + len..];
    }
    out.push_str(rest);
    out
}

/// A fenced block in a diagram language careers does not draw: ```` ```mermaid ````.
fn is_diagram(lang: &str) -> bool {
    lang.split_whitespace()
        .next()
        .is_some_and(|l| l.eq_ignore_ascii_case("mermaid"))
}

/// Whether a link's address points outside the roles folder, where this site
/// has nothing: `../handbook/x.md`, `/company/values`, `team/x.html`. Not a
/// role file (`lead.md`), a fragment, an absolute URL, or a path the site
/// serves (`/roles/x`, `/paths/x`, `/`).
pub(crate) fn leaves_folder(url: &str) -> bool {
    let url = url.trim();
    if url.is_empty() || url.starts_with('#') || url.starts_with("//") {
        return false;
    }
    let path = url.split(['#', '?']).next().unwrap_or("");
    let scheme = path.find(':').is_some_and(|c| !path[..c].contains('/'));
    if scheme || role_link_target(url).is_some() {
        return false;
    }
    let served = ["/roles/", "/paths/", "/compare", "/static/"];
    let site = path == "/"
        || path == urls::FEED
        || path == urls::ROLES_JSON
        || served.iter().any(|p| path.starts_with(p));
    !site
}

/// The addresses of the links in `source` that leave the roles folder and
/// that `links` cannot resolve (no `source_url`, no role of that name), each
/// with how many lines into `source` it is.
pub(crate) fn outside_links(source: &str, links: &RoleLinks) -> Vec<(u32, String)> {
    // Most files have none; skip the parse unless one could be there.
    if !may_link_outside(source) {
        return Vec::new();
    }
    Parser::new_ext(source, markdown_options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. })
                if links.target(&dest_url) == Target::Outside =>
            {
                let lines = source[..range.start].matches('\n').count();
                Some((
                    u32::try_from(lines).unwrap_or(u32::MAX),
                    dest_url.into_string(),
                ))
            }
            _ => None,
        })
        .collect()
}

/// Whether `source` may hold a link that leaves the folder: a reference
/// definition (`[x]: ...`), or an inline link (`](...`) whose address does
/// not start with a scheme (`https:`, `mailto:`) or a `#`. Handbooks link
/// the web far more often than files beside them, and this spares their
/// texts a second Markdown parse.
fn may_link_outside(source: &str) -> bool {
    if source.contains("]:") {
        return true;
    }
    source.match_indices("](").any(|(at, _)| {
        let url = source[at + 2..].trim_start();
        let url = url.strip_prefix('<').unwrap_or(url);
        let end = url
            .find([':', '/', '?', '#', ')', '<', '>', '\\'])
            .unwrap_or(url.len());
        let scheme =
            url[end..].starts_with(':') && end > 0 && !url[..end].contains(char::is_whitespace);
        !(scheme || url.starts_with('#'))
    })
}

fn rewrite_url<'a>(url: CowStr<'a>, links: &RoleLinks) -> CowStr<'a> {
    // The parser already reported any URL the allow-list refuses; it is never
    // written to a page.
    if check_url(&url).is_err() {
        return CowStr::Borrowed("#");
    }
    match links.target(&url) {
        Target::Role(path) | Target::Source(path) => CowStr::from(path),
        Target::AsWritten | Target::Outside => url,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_text_that_may_link_outside_is_parsed_again() {
        for web_only in [
            "See [our handbook](https://handbook.example/a) and [this]( <http://x.example>).",
            "[mail](mailto:jobs@x.example) or [skills](#skills)",
            "no links at all",
        ] {
            assert!(!may_link_outside(web_only), "{web_only}");
        }
        for may in [
            "[guide](../guide.md)",
            "[role](lead_engineer.md)",
            "[ref][x]\n\n[x]: ../a.md",
            "[odd](foo?x:y)",
        ] {
            assert!(may_link_outside(may), "{may}");
        }
        let mixed = "[web](https://x.example) then [guide](../guide.md)";
        assert_eq!(
            outside_links(mixed, &links()),
            vec![(0, "../guide.md".to_owned())]
        );
    }

    fn links() -> RoleLinks {
        [(
            "lead_engineer.md".to_owned(),
            "/roles/lead-engineer".to_owned(),
        )]
        .into_iter()
        .collect()
    }

    fn html(source: &str) -> String {
        render(source, &["first".into(), "second".into()], &links())
    }

    #[test]
    fn links_that_leave_the_folder_keep_their_text_and_lose_the_link() {
        let out = html(
            "See [the handbook](../handbook/hedges.md), [values](/company/values), [lead](lead_engineer.md), [web](https://example.org) and [top](#first).\n",
        );
        assert!(out.contains("See the handbook, values, "), "{out}");
        assert!(out.contains("href=\"/roles/lead-engineer\""), "{out}");
        assert!(out.contains("href=\"https://example.org\""), "{out}");
        assert!(out.contains("href=\"#first\""), "{out}");
        assert_eq!(
            outside_links("Intro.\n\nSee [x](../x.md) and [y](/y).\n", &links()),
            [(2, "../x.md".to_owned()), (2, "/y".to_owned())]
        );
    }

    // See: issue 27 item 3 (relative links).
    #[test]
    fn links_out_of_the_folder_are_read_against_the_source_url() {
        let source = url::Url::parse("https://handbook.example/people/jobs/").ok();
        let links = links().with_source(source);
        let out = render(
            "See [values](../values.md), [leave](/benefits/leave#days), [mail](mailto:a@b.example) and [top](#first).\n",
            &[],
            &links,
        );
        assert!(
            out.contains("href=\"https://handbook.example/people/values.md\""),
            "{out}"
        );
        assert!(
            out.contains("href=\"https://handbook.example/benefits/leave#days\""),
            "{out}"
        );
        assert!(out.contains("href=\"mailto:a@b.example\""), "{out}");
        assert!(out.contains("href=\"#first\""), "{out}");
        assert!(outside_links("[x](../x.md)\n", &links).is_empty());
    }

    #[test]
    fn a_link_naming_a_role_without_md_goes_to_its_page() {
        let out = html(
            "[a](lead_engineer), [b](./lead-engineer#skills), [c](lead_engineer.md), [d](not-a-role)\n",
        );
        assert!(
            out.contains("<a href=\"/roles/lead-engineer\">a</a>"),
            "{out}"
        );
        assert!(
            out.contains("<a href=\"/roles/lead-engineer#skills\">b</a>"),
            "{out}"
        );
        assert!(
            out.contains("<a href=\"/roles/lead-engineer\">c</a>"),
            "{out}"
        );
        assert!(
            out.contains(", d</p>"),
            "a name that is no role stays text: {out}"
        );
        assert_eq!(
            outside_links("[a](lead_engineer) [d](not-a-role)\n", &links()),
            [(0, "not-a-role".to_owned())]
        );
    }

    #[test]
    fn a_mermaid_block_is_its_source_in_a_pre_that_wraps() {
        let out = html("```mermaid\ngraph TD; A-->B;\n```\n");
        assert_eq!(out, "<pre class=\"diagram\">graph TD; A--&gt;B;\n</pre>\n");
    }

    #[test]
    fn table_alignment_is_a_class_the_csp_allows() {
        for source in [
            "| A | B |\n|:--|--:|\n| 1 | 2 |\n",
            "<b>x</b>\n\n| A |\n|:-:|\n| 1 |\n",
        ] {
            let out = html(source);
            assert!(!out.contains("style="), "{out}");
            assert!(out.contains("class=\"align-"), "{out}");
        }
    }

    #[test]
    fn task_list_boxes_are_characters_not_form_controls() {
        let out = html("- [x] Done\n- [ ] To do\n\n<b>x</b>\n");
        assert!(out.contains("☑ Done") && out.contains("☐ To do"), "{out}");
        assert!(!out.contains("<input"), "{out}");
    }

    #[test]
    fn raw_html_is_sanitised_not_printed() {
        let out = html(
            "Hi <img src=x onerror=alert(1)> <b>bold</b>\n\n<script>alert(1)</script>\n\n<dl class=\"facts\"><div><dt>Grade</dt><dd>7</dd></div></dl>\n",
        );
        assert!(!out.contains("<script") && !out.contains("alert"), "{out}");
        assert!(!out.contains("onerror") && !out.contains("&lt;"), "{out}");
        assert!(out.contains("<b>bold</b>"), "{out}");
        assert!(
            out.contains("<dl><div><dt>Grade</dt><dd>7</dd></div></dl>"),
            "{out}"
        );
    }

    #[test]
    fn html_keeps_our_heading_ids_and_role_links() {
        let out = html(
            "## Pay {#evil}\n\n<div>[lead](lead_engineer.md) and <em>x</em></div>\n\nSee [lead](lead_engineer.md).\n",
        );
        assert!(out.contains("<h2 id=\"first\">"), "{out}");
        assert!(out.contains("href=\"/roles/lead-engineer\""), "{out}");
    }

    #[test]
    fn a_filled_value_in_an_address_reads_as_written() {
        // The template pass writes punctuation of a filled value as numeric
        // references, which an HTML attribute and a Markdown address decode.
        let out =
            html("<a href=\"https://a.example/x&#95;y\">go</a> [b](https://a.example/x&#95;y)\n");
        assert_eq!(
            out.matches("href=\"https://a.example/x_y\"").count(),
            2,
            "{out}"
        );
    }

    #[test]
    fn html_links_to_role_files_become_role_pages_but_code_stays() {
        let out = html(
            "<p><a href=\"lead_engineer.md#pay\">lead</a> <a href=\"https://a.example/x.md\">web</a></p>\n\nShown: `<a href=\"lead_engineer.md\">`\n",
        );
        assert!(
            out.contains("<a href=\"/roles/lead-engineer#pay\">lead</a>"),
            "{out}"
        );
        assert!(out.contains("href=\"https://a.example/x.md\""), "{out}");
        assert!(out.contains("&lt;a href=\"lead_engineer.md\"&gt;"), "{out}");
    }

    #[test]
    fn a_link_without_an_address_is_its_text() {
        let out = html("Read [our pay policy]() first.");
        assert_eq!(out, "<p>Read our pay policy first.</p>\n");
    }

    #[test]
    fn code_showing_html_stays_code() {
        let out = html("Write `<dl>` like this:\n\n```\n<script>x</script>\n```\n");
        assert!(out.contains("<code>&lt;dl&gt;</code>"), "{out}");
        assert!(out.contains("&lt;script&gt;x&lt;/script&gt;"), "{out}");
    }

    #[test]
    fn headings_get_ids_in_order() {
        let out = html("### One\n\n#### Two\n");
        assert!(out.contains("<h3 id=\"first\">One</h3>"), "{out}");
        assert!(out.contains("<h4 id=\"second\">Two</h4>"), "{out}");
    }

    #[test]
    fn dangerous_links_are_neutralised() {
        let out = html("[x](javascript:alert(1)) [y](JavaScript:alert(1)) [z](data:text/html,hi)");
        assert!(!out.to_lowercase().contains("javascript:"), "{out}");
        assert!(!out.contains("data:"), "{out}");
    }

    #[test]
    fn role_file_links_become_role_pages() {
        let out = html(
            "[lead](lead_engineer.md#salary) [gone](old_role.md) [web](https://example.com/a.md)",
        );
        assert!(
            out.contains("href=\"/roles/lead-engineer#salary\""),
            "{out}"
        );
        assert!(out.contains("href=\"/roles/old-role\""), "{out}");
        assert!(out.contains("href=\"https://example.com/a.md\""), "{out}");
    }
}
