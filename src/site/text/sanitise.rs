//! HTML written in a role file, made safe to publish: an allow-list (ammonia,
//! over html5ever) keeps structure, text, tables, lists, `<details>` and
//! `<dl>`, and links and images whose URLs pass `role::url::check_url`; it
//! drops scripts, styles, event attributes, `class` (but our table-alignment
//! classes), `style` and `id` (but the heading ids we set). An `<iframe>`, `<embed>` or `<object>`
//! becomes a link to its source, named by its title.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use ammonia::{Builder, UrlRelative};

use crate::role::url::check_url;

/// Elements kept, with their text.
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
];

/// Elements dropped with everything inside them.
const DROPPED_WITH_CONTENT: &[&str] = &[
    "script", "style", "iframe", "object", "embed", "template", "noscript", "textarea", "select",
];

/// The one sanitiser, built once.
static SANITISER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut attributes: HashMap<&str, HashSet<&str>> = HashMap::new();
    let mut allow = |tag: &'static str, names: &[&'static str]| {
        attributes
            .entry(tag)
            .or_default()
            .extend(names.iter().copied());
    };
    allow("a", &["href", "title"]);
    allow("img", &["src", "alt", "title", "width", "height"]);
    allow("abbr", &["title"]);
    allow("time", &["datetime"]);
    allow("ol", &["start", "reversed"]);
    allow("td", &["colspan", "rowspan", "class"]);
    allow("th", &["colspan", "rowspan", "scope", "class"]);
    allow("col", &["span"]);
    allow("details", &["open"]);
    for heading in ["h1", "h2", "h3", "h4", "h5", "h6"] {
        allow(heading, &["id"]);
    }
    let mut builder = Builder::empty();
    builder
        .tags(TAGS.iter().copied().collect())
        .clean_content_tags(DROPPED_WITH_CONTENT.iter().copied().collect())
        .tag_attributes(attributes)
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .url_relative(UrlRelative::PassThrough)
        .link_rel(None)
        .strip_comments(true)
        .attribute_filter(|element, attribute, value| match (element, attribute) {
            ("a", "href") | ("img", "src") => check_url(value).is_ok().then(|| value.into()),
            // Table alignment, as `markdown` writes it; no other class.
            ("td" | "th", "class") => ALIGNMENTS.contains(&value).then(|| value.into()),
            (_, "id") => take_our_id(value).then(|| value.into()),
            _ => Some(value.into()),
        });
    builder
});

const ALIGNMENTS: &[&str] = &["align-left", "align-center", "align-right"];

thread_local! {
    /// The heading ids the fragment being cleaned may keep: ours, each once.
    static OUR_IDS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Whether `id` is one of ours not yet used (and uses it). An id an author
/// wrote is dropped: it could repeat one of ours, breaking deep links, or
/// take the id a script or `aria-labelledby` looks for.
fn take_our_id(id: &str) -> bool {
    OUR_IDS.with_borrow_mut(|ids| match ids.iter().position(|o| o == id) {
        Some(at) => {
            ids.swap_remove(at);
            true
        }
        None => false,
    })
}

/// Sanitises a rendered fragment that holds HTML an author wrote. `ours` are
/// the heading ids we set (the only ids kept).
pub(crate) fn sanitise(html: &str, ours: &[String]) -> String {
    OUR_IDS.set(ours.to_vec());
    let clean = SANITISER.clean(&embeds_to_links(html)).to_string();
    OUR_IDS.with_borrow_mut(Vec::clear);
    clean
}

/// Each `<iframe>`, `<embed>` and `<object>` replaced by a link to its source
/// (named by its `title`, else the address), or by nothing when it has no
/// source the URL allow-list accepts. The sanitiser runs after this, so a
/// link made here is checked again.
fn embeds_to_links(html: &str) -> Cow<'_, str> {
    let lower = html.to_ascii_lowercase();
    let mut out = String::new();
    let mut copied = 0;
    let mut from = 0;
    while let Some(found) = next_embed(&lower, from) {
        let (start, name) = found;
        let Some(tag_end) = start_tag_end(html, start) else {
            break;
        };
        let tag = &html[start..tag_end];
        let closing = format!("</{name}");
        let end = match name {
            "embed" => tag_end,
            _ => lower[tag_end..].find(&closing).map_or(tag_end, |p| {
                let close = tag_end + p;
                lower[close..]
                    .find('>')
                    .map_or(html.len(), |q| close + q + 1)
            }),
        };
        out.push_str(&html[copied..start]);
        let source = attribute(tag, if name == "object" { "data" } else { "src" });
        if let Some(src) = source.filter(|s| !s.trim().is_empty() && check_url(s).is_ok()) {
            let text = attribute(tag, "title").filter(|t| !t.trim().is_empty());
            out.push_str(&format!(
                "<a href=\"{}\">{}</a>",
                escape(&src),
                escape(text.as_deref().unwrap_or(&src))
            ));
        }
        copied = end;
        from = end;
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

/// The next `<iframe`, `<embed` or `<object` start tag at or after `from`, in
/// lowercased HTML.
fn next_embed(lower: &str, from: usize) -> Option<(usize, &'static str)> {
    let mut at = from;
    while let Some(p) = lower.get(at..)?.find('<') {
        let start = at + p;
        for name in ["iframe", "embed", "object"] {
            let after = start + 1 + name.len();
            if lower[start + 1..].starts_with(name)
                && lower[after..]
                    .chars()
                    .next()
                    .is_none_or(|c| c.is_ascii_whitespace() || c == '>' || c == '/')
            {
                return Some((start, name));
            }
        }
        at = start + 1;
    }
    None
}

/// The offset just past the `>` that ends the start tag at `start`, skipping
/// quoted attribute values.
fn start_tag_end(html: &str, start: usize) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in html[start..].char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '>' => return Some(start + i + 1),
            None => {}
        }
    }
    None
}

/// The value of an attribute in a start tag, as written (entities kept).
fn attribute(tag: &str, name: &str) -> Option<String> {
    let bytes = tag.as_bytes();
    let lower = tag.to_ascii_lowercase();
    let mut at = 0;
    while let Some(p) = lower.get(at..)?.find(name) {
        let start = at + p;
        let before = start.checked_sub(1).map(|b| bytes[b]);
        let rest = tag[start + name.len()..].trim_start();
        at = start + name.len();
        if !before.is_some_and(|b| b.is_ascii_whitespace()) {
            continue;
        }
        let Some(value) = rest.strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        let read = match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
            _ => value
                .split(|c: char| c.is_ascii_whitespace() || c == '>')
                .next()
                .unwrap_or(""),
        };
        return Some(read.to_owned());
    }
    None
}

/// Escapes text for an attribute value or element content. `&` is left, as
/// values read from the tag are already HTML (`?a=1&amp;b=2`).
fn escape(text: &str) -> String {
    text.replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_event_attributes_and_bad_schemes_are_dropped() {
        let out = sanitise(
            "<p onclick=\"steal()\">Hi<script>alert(1)</script><img src=x onerror=alert(1)> <a href=\"javascript:alert(1)\">x</a> <a href=\"JaVa&#9;script:alert(1)\">y</a></p><style>p{}</style>",
            &[],
        );
        assert_eq!(out, "<p>Hi<img src=\"x\"> <a>x</a> <a>y</a></p>");
    }

    // See: issue #25 (a bare `<input>`, a text box, survived sanitising).
    #[test]
    fn no_form_control_survives() {
        let out = sanitise(
            "<p>Name <input> <input type=\"checkbox\" checked> <textarea>x</textarea> <button>Go</button> <select><option>a</option></select></p>",
            &[],
        );
        assert!(!out.contains("<input"), "{out}");
        assert!(!out.contains("<textarea"), "{out}");
        assert!(!out.contains("<button"), "{out}");
        assert!(!out.contains("<select"), "{out}");
    }

    #[test]
    fn tables_details_and_definition_lists_are_kept() {
        let html = "<details><summary>More</summary><p>Text</p></details><table><thead><tr><th class=\"align-left\">A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table><dl><div><dt>Grade</dt><dd>7</dd></div></dl>";
        assert_eq!(sanitise(html, &[]), html);
        // Inline styles are blocked by the CSP, so none is kept.
        let styled = "<table><tr><td style=\"text-align: left\" class=\"wide\">1</td></tr></table>";
        assert_eq!(
            sanitise(styled, &[]),
            "<table><tbody><tr><td>1</td></tr></tbody></table>"
        );
    }

    #[test]
    fn classes_styles_and_ids_go_but_our_heading_ids_stay() {
        let ours = ["salary".to_owned()];
        let out = sanitise(
            "<h2 id=\"count\">Pay</h2><h2 id=\"salary\" class=\"x\">Pay</h2><h3 id=\"salary\">Again</h3><div id=\"main\" class=\"govuk-summary-list\" style=\"color:red\">t</div>",
            &ours,
        );
        assert_eq!(
            out,
            "<h2>Pay</h2><h2 id=\"salary\">Pay</h2><h3>Again</h3><div>t</div>"
        );
    }

    #[test]
    fn an_iframe_becomes_a_link_to_its_source() {
        let out = sanitise(
            "<p>Watch:</p><iframe width=\"560\" src=\"https://video.example/embed/abc?a=1&amp;b=2\" title=\"Meet the team\" allowfullscreen></iframe><embed src=\"javascript:alert(1)\"><object data=\"/files/plan.pdf\"></object>",
            &[],
        );
        assert_eq!(
            out,
            "<p>Watch:</p><a href=\"https://video.example/embed/abc?a=1&amp;b=2\">Meet the team</a><a href=\"/files/plan.pdf\">/files/plan.pdf</a>"
        );
    }

    proptest::proptest! {
        /// Any mix of embed and tag pieces: no panic, and nothing that runs.
        #[test]
        fn never_panics_and_nothing_runs(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "<iframe", "<embed", "<object", "</iframe>", "</object>", " src=", " data=", " title=",
                "\"", "'", ">", "<", "javascript:x", "https://a.example/é", "<script>", "</script>",
                " onload=x", "<a href=", "é", " ",
            ]), 0..40)
        ) {
            let out = sanitise(&pieces.concat(), &[]);
            // Text has its `<` escaped, so each `<` left opens a real tag.
            for rest in out.split('<').skip(1) {
                proptest::prop_assert!(!rest.starts_with("script") && !rest.starts_with("iframe"), "{}", out);
                let tag = &rest[..start_tag_end(&format!("<{rest}"), 0).map_or(rest.len(), |e| e - 1)];
                // Attribute names sit outside the quoted values.
                let outside: String = tag.split('"').step_by(2).collect();
                proptest::prop_assert!(!outside.contains(" on"), "{}", out);
                // No URL attribute runs script (a title may say anything).
                let pieces: Vec<&str> = tag.split('"').collect();
                for pair in pieces.chunks(2) {
                    if let [name, value] = pair {
                        let url = name.ends_with("href=") || name.ends_with("src=");
                        proptest::prop_assert!(!(url && value.trim().starts_with("javascript:")), "{}", out);
                    }
                }
            }
        }
    }

    #[test]
    fn links_with_safe_schemes_stay() {
        let out = sanitise(
            "<a href=\"https://a.example/x\" target=\"_blank\" rel=\"opener\">a</a> <a href=\"mailto:jobs@a.example\">b</a> <a href=\"/roles/x#pay\">c</a>",
            &[],
        );
        assert_eq!(
            out,
            "<a href=\"https://a.example/x\">a</a> <a href=\"mailto:jobs@a.example\">b</a> <a href=\"/roles/x#pay\">c</a>"
        );
    }
}
