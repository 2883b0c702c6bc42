//! Every URL the site links to, in one place: paths for links inside the site,
//! and absolute URLs (canonical links, feeds) from the configured base URL.
//!
//! The route table in `docs/architecture.md` lists the same paths; a new page
//! kind adds its path here first, so no template or handler formats one by hand.

use std::borrow::Cow;

use crate::role::Slug;

/// The listing.
pub const HOME: &str = "/";

/// The unfiltered listing's page `n` (from 1): `/` for the first, then
/// `/page/{n}`, a path a static host can serve (it ignores `?page=`).
pub fn listing_page(n: usize) -> String {
    if n <= 1 {
        HOME.to_owned()
    } else {
        format!("/page/{n}")
    }
}

/// The listing filtered to one team or discipline (`/?team=Data%20and%20AI`),
/// as a role page's breadcrumb links it.
pub fn team_listing(team: &str) -> String {
    format!("{HOME}?team={}", query_value(team))
}
/// Every open role as JSON.
pub const ROLES_JSON: &str = "/roles.json";

/// The "How we hire" page, from `_hiring.md` (only when that file exists).
pub const HOW_WE_HIRE: &str = "/how-we-hire";

/// The accessibility statement, from `site.yaml` `accessibility:`.
pub const ACCESSIBILITY: &str = "/accessibility";
/// The Atom feed of open roles; the listing's filters work on it too.
pub const FEED: &str = "/feed.xml";
/// The JSON Feed (jsonfeed.org 1.1) of open roles: the Atom feed's entries.
pub const JSON_FEED: &str = "/feed.json";
/// The sitemap.
pub const SITEMAP: &str = "/sitemap.xml";
/// Rules for crawlers, naming the sitemap.
pub const ROBOTS: &str = "/robots.txt";
/// Where static assets live, each under a fingerprinted name.
pub const STATIC_PREFIX: &str = "/static/";

/// `/roles/{slug}`: a role's page, the canonical address of a role.
pub fn role(slug: &Slug) -> String {
    format!("/roles/{slug}")
}

/// `/roles/{slug}/share.{hash}.png`: a role's share image; the hash follows
/// what the image shows, so it can be cached for a year.
pub fn share_image(slug: &Slug, hash: u64) -> String {
    format!("/roles/{slug}/share.{:08x}.png", hash >> 32)
}

/// `/share.{hash}.png`: the site's own share image.
pub fn site_share_image(hash: u64) -> String {
    format!("/share.{:08x}.png", hash >> 32)
}

/// `/roles/{slug}.json`: a role as JSON.
pub fn role_json(slug: &Slug) -> String {
    format!("/roles/{slug}.json")
}

/// `/roles/{slug}/apply`: answers with a redirect to where applications go,
/// carrying a campaign's `utm_*` parameters.
pub fn role_apply(slug: &Slug) -> String {
    format!("/roles/{slug}/apply")
}

/// What crawlers are asked to leave alone: apply redirects are not pages.
pub const APPLY_PATTERN: &str = "/roles/*/apply";

/// `/roles/{alias}` for an old slug, its JSON twin and its apply link.
pub fn alias_paths(alias: &Slug) -> [String; 3] {
    [role(alias), role_json(alias), role_apply(alias)]
}

/// The campaign parameters Google Analytics and most tools read; no others
/// are passed on to an apply address.
pub const CAMPAIGN_KEYS: [&str; 5] = [
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "utm_term",
    "utm_content",
];

/// A query string's `name=value` pairs, decoded as a browser's form encodes
/// them (`+` is a space, `%xx` a byte). Every reader of a query goes
/// through this one parser (or axum's `Query`, which is the same).
pub fn query_pairs(query: &str) -> impl Iterator<Item = (Cow<'_, str>, Cow<'_, str>)> {
    url::form_urlencoded::parse(query.as_bytes())
}

/// The `utm_*` parameters of a query string, decoded, the first of each name,
/// each at most 200 characters; empty values are dropped.
pub fn campaign(query: &str) -> Vec<(&'static str, String)> {
    let mut found: Vec<(&'static str, String)> = Vec::new();
    for (key, value) in query_pairs(query) {
        let Some(key) = CAMPAIGN_KEYS.into_iter().find(|k| *k == key) else {
            continue;
        };
        let value: String = value.trim().chars().take(200).collect();
        if !value.is_empty() && found.iter().all(|(k, _)| *k != key) {
            found.push((key, value));
        }
    }
    found
}

/// The campaign of the page a click came from: the `Referer`'s query, when
/// the referring page is `page` (the role's own page) on any host.
pub fn referer_campaign(referer: &str, page: &str) -> Vec<(&'static str, String)> {
    let after_scheme = referer.split_once("://").map_or(referer, |(_, rest)| rest);
    let Some(start) = after_scheme.find('/') else {
        return Vec::new();
    };
    let path_and_query = after_scheme[start..].split('#').next().unwrap_or("");
    match path_and_query.split_once('?') {
        Some((path, query)) if path == page => campaign(query),
        _ => Vec::new(),
    }
}

/// An apply address with a campaign's parameters appended (percent-encoded,
/// before any `#fragment`; a name the address already has is left as it is).
/// A `mailto:` address takes none: they would land in the email.
pub fn with_campaign(target: &str, campaign: &[(&'static str, String)]) -> String {
    if campaign.is_empty() || is_mailto(target) {
        return target.to_owned();
    }
    let (base, fragment) = match target.split_once('#') {
        Some((base, fragment)) => (base, Some(fragment)),
        None => (target, None),
    };
    let existing = base.split_once('?').map_or("", |(_, q)| q);
    let mut url = base.to_owned();
    for (key, value) in campaign {
        let present = existing
            .split('&')
            .any(|pair| pair.split('=').next() == Some(*key));
        if present {
            continue;
        }
        if !url.contains('?') {
            url.push('?');
        } else if !url.ends_with(['?', '&']) {
            url.push('&');
        }
        url.push_str(key);
        url.push('=');
        url.push_str(&percent_encode(value));
    }
    if let Some(fragment) = fragment {
        url.push('#');
        url.push_str(fragment);
    }
    url
}

/// Whether an address opens an email (`mailto:` in any case).
pub fn is_mailto(target: &str) -> bool {
    target
        .get(..7)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("mailto:"))
}

/// A `mailto:` apply address with `subject=Application: {title}`, unless it
/// sets a subject already; any other address as it is.
pub fn apply_address(target: &str, title: &str) -> String {
    let target = header_safe(target.trim());
    if !is_mailto(&target) || target.to_ascii_lowercase().contains("subject=") {
        return target;
    }
    let separator = if target.contains('?') { '&' } else { '?' };
    format!(
        "{target}{separator}subject={}",
        percent_encode(&format!("Application: {title}"))
    )
}

/// A URL as an HTTP header may carry it: bytes outside visible ASCII (a space,
/// a non-ASCII letter in a front-matter address) percent-encoded.
pub fn header_safe(url: &str) -> String {
    escape(url, |b| (0x21..0x7f).contains(&b))
}

/// Where career path pages live: `/paths/{discipline}`.
pub const PATHS_PREFIX: &str = "/paths/";

/// `/paths/{discipline}`: a discipline's ladder of levels, its name as a slug
/// (`Reliability Engineer` -> `reliability-engineer`); `None` when no slug
/// can be made from it.
pub fn career_path(discipline: &str) -> Option<String> {
    Slug::from_file_stem(discipline).map(|slug| format!("{PATHS_PREFIX}{slug}"))
}

/// `/compare`: the form that asks which two roles to compare.
pub const COMPARE: &str = "/compare";

/// `/compare/{a}...{b}`: two roles side by side. Slugs hold no dots, so the
/// separator cannot be part of either.
pub fn compare(a: &Slug, b: &Slug) -> String {
    format!("{COMPARE}/{a}{COMPARE_SEPARATOR}{b}")
}

/// Between the two slugs of a comparison's path.
pub const COMPARE_SEPARATOR: &str = "...";

/// The two slugs of a comparison path, as written (not yet looked up).
pub fn compare_slugs(path: &str) -> Option<(&str, &str)> {
    path.strip_prefix(COMPARE)?
        .strip_prefix('/')?
        .split_once(COMPARE_SEPARATOR)
}

/// `/roles`: not a page of its own; it answers with a redirect to the listing.
pub const ROLES_INDEX: &str = "/roles";

/// The paths a handbook or an old export may use for a role file (`Lead_Gardener.md`):
/// the file name, its stem, and the stem as `.html`. Written as the file is named; a
/// lookup compares them by [`lookup_key`].
pub fn file_paths(source_file: &str) -> Vec<String> {
    let mut paths = vec![format!("/roles/{source_file}")];
    if let Some(stem) = file_stem(source_file) {
        paths.push(format!("/roles/{stem}"));
        paths.push(format!("/roles/{stem}.html"));
    }
    paths
}

/// A role file's name without `.md` (any case): `lead_gardener`.
pub fn file_stem(source_file: &str) -> Option<&str> {
    let cut = source_file.len().checked_sub(3)?;
    let (stem, ext) = (source_file.get(..cut)?, source_file.get(cut..)?);
    (ext.eq_ignore_ascii_case(".md") && !stem.is_empty()).then_some(stem)
}

/// The form a request path is compared in when it is not a page's exact path:
/// percent-decoded (a file name with a space arrives as `%20`) and lowercased, so
/// `/roles/Lead-Gardener` and `/roles/lead_gardener.MD` find their role. A path
/// that does not decode to UTF-8 is compared as sent.
pub fn lookup_key(path: &str) -> String {
    percent_decode(path)
        .unwrap_or_else(|| path.to_owned())
        .to_lowercase()
}

/// Decodes `%XX` escapes; `None` when the result is not UTF-8. A `%` not followed by
/// two hex digits stays as it is.
pub fn percent_decode(text: &str) -> Option<String> {
    if !text.contains('%') {
        return Some(text.to_owned());
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: Option<&u8>| b.and_then(|b| char::from(*b).to_digit(16));
        match (bytes[i], hex(bytes.get(i + 1)), hex(bytes.get(i + 2))) {
            (b'%', Some(hi), Some(lo)) => {
                out.push(u8::try_from(hi * 16 + lo).unwrap_or(b'?'));
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// Percent-encodes everything but RFC 3986's unreserved characters, a space as
/// `%20` (never `+`, which a `mailto:` body would show as written).
pub fn percent_encode(value: &str) -> String {
    escape(value, unreserved)
}

/// A value in a query string, as HTML forms send it: percent-encoded, a
/// space as `+`.
pub fn query_value(value: &str) -> String {
    escape(value, |b| unreserved(b) || b == b' ').replace(' ', "+")
}

fn unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~')
}

/// Every byte `keep` refuses, as `%XX`: the one percent-encoder.
fn escape(value: &str, keep: impl Fn(u8) -> bool) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if keep(b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0x0f)]));
        }
    }
    out
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Turns site paths into absolute URLs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

impl BaseUrl {
    /// The public origin (and optional path prefix) of the site; a trailing
    /// slash is dropped so that joining never doubles it.
    pub fn new(base: &str) -> BaseUrl {
        BaseUrl(base.trim_end_matches('/').to_owned())
    }

    /// The base as written, without a trailing slash.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The absolute URL of a site path (`/roles/x` -> `https://jobs.example/roles/x`).
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{path}", self.0)
    }

    /// A link as written in settings (`https://..`, `/logo.png`, `logo.png`) made
    /// absolute; `None` for what cannot be one (`data:`, other schemes).
    pub fn absolute_link(&self, link: &str) -> Option<String> {
        let link = link.trim();
        if link.starts_with("https://") || link.starts_with("http://") {
            Some(link.to_owned())
        } else if let Some(rest) = link.strip_prefix("//") {
            Some(format!("https://{rest}"))
        } else if link.is_empty() || link.contains(':') {
            None
        } else if link.starts_with('/') {
            Some(self.absolute(link))
        } else {
            Some(format!("{}/{link}", self.0))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_absolute_urls() {
        let Some(slug) = Slug::parse("lead-gardener") else {
            panic!("valid slug")
        };
        assert_eq!(role(&slug), "/roles/lead-gardener");
        assert_eq!(role_json(&slug), "/roles/lead-gardener.json");
        let base = BaseUrl::new("https://jobs.example/");
        assert_eq!(
            base.absolute(&role(&slug)),
            "https://jobs.example/roles/lead-gardener"
        );
        assert_eq!(base.absolute(HOME), "https://jobs.example/");
        assert_eq!(
            base.absolute_link("/static/logo.png").as_deref(),
            Some("https://jobs.example/static/logo.png")
        );
        assert_eq!(
            base.absolute_link("logo.png").as_deref(),
            Some("https://jobs.example/logo.png")
        );
        assert_eq!(
            base.absolute_link("https://cdn.example/l.png").as_deref(),
            Some("https://cdn.example/l.png")
        );
        assert_eq!(base.absolute_link("data:image/png;base64,AA"), None);
    }

    #[test]
    fn lookup_keys_fold_case_and_escapes() {
        assert_eq!(lookup_key("/roles/Lead-Gardener"), "/roles/lead-gardener");
        assert_eq!(
            lookup_key("/roles/Senior%20Gardener.MD"),
            "/roles/senior gardener.md"
        );
        assert_eq!(lookup_key("/roles/%zz%4"), "/roles/%zz%4");
        assert_eq!(lookup_key("/roles/%FF"), "/roles/%ff", "not UTF-8: as sent");
        assert_eq!(
            file_paths("mid_gardener.md"),
            [
                "/roles/mid_gardener.md",
                "/roles/mid_gardener",
                "/roles/mid_gardener.html"
            ]
        );
    }

    #[test]
    fn campaigns_are_read_and_appended() {
        let found = campaign(
            "utm_source=news+letter&x=1&utm_medium=e%2Fmail&utm_source=again&utm_term=&utm_foo=no",
        );
        assert_eq!(
            found,
            [
                ("utm_source", "news letter".to_owned()),
                ("utm_medium", "e/mail".to_owned())
            ]
        );
        assert_eq!(
            with_campaign("https://ats.example/jobs/17", &found),
            "https://ats.example/jobs/17?utm_source=news%20letter&utm_medium=e%2Fmail"
        );
        assert_eq!(
            with_campaign("https://ats.example/j?id=1&utm_source=ats#form", &found),
            "https://ats.example/j?id=1&utm_source=ats&utm_medium=e%2Fmail#form"
        );
        assert_eq!(
            with_campaign("MAILTO:jobs@example.org", &found),
            "MAILTO:jobs@example.org"
        );
        assert_eq!(
            with_campaign("https://a.example/?", &found[..1]),
            "https://a.example/?utm_source=news%20letter"
        );
        assert_eq!(
            referer_campaign(
                "https://careers.example/roles/x?utm_source=li#apply",
                "/roles/x"
            ),
            [("utm_source", "li".to_owned())]
        );
        assert!(
            referer_campaign("https://careers.example/roles/y?utm_source=li", "/roles/x")
                .is_empty()
        );
        assert!(referer_campaign("https://careers.example", "/roles/x").is_empty());
        assert!(referer_campaign("not a url", "/roles/x").is_empty());
    }

    #[test]
    fn mailto_apply_addresses_carry_a_subject() {
        assert_eq!(
            apply_address("mailto:jobs@example.org", "Lead Gardener"),
            "mailto:jobs@example.org?subject=Application%3A%20Lead%20Gardener"
        );
        assert_eq!(
            apply_address("mailto:jobs@example.org?cc=hr@example.org", "Mid"),
            "mailto:jobs@example.org?cc=hr@example.org&subject=Application%3A%20Mid"
        );
        assert_eq!(
            apply_address("mailto:jobs@example.org?Subject=Hi", "Mid"),
            "mailto:jobs@example.org?Subject=Hi"
        );
        assert_eq!(
            apply_address("https://ats.example/apply now", "Mid"),
            "https://ats.example/apply%20now"
        );
    }

    #[test]
    fn percent_encoding_round_trips() {
        let text = "Application: Lead Gardener & co/ü";
        let encoded = percent_encode(text);
        assert_eq!(
            encoded,
            "Application%3A%20Lead%20Gardener%20%26%20co%2F%C3%BC"
        );
        assert_eq!(percent_decode(&encoded).as_deref(), Some(text));
    }
}
