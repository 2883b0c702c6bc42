//! Every URL the site links to, in one place: paths for links inside the site,
//! and absolute URLs (canonical links, feeds) from the configured base URL.
//!
//! The route table in `docs/architecture.md` lists the same paths; a new page
//! kind adds its path here first, so no template or handler formats one by hand.

use crate::role::Slug;

/// The listing.
pub const HOME: &str = "/";
/// Every open role as JSON.
pub const ROLES_JSON: &str = "/roles.json";
/// The Atom feed of open roles; the listing's filters work on it too.
pub const FEED: &str = "/feed.xml";
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

/// `/roles/{slug}.json`: a role as JSON.
pub fn role_json(slug: &Slug) -> String {
    format!("/roles/{slug}.json")
}

/// `/roles/{alias}` for an old slug, and its JSON twin.
pub fn alias_paths(alias: &Slug) -> [String; 2] {
    [role(alias), role_json(alias)]
}

/// `/roles`: not a page of its own; it answers with a redirect to the listing.
pub const ROLES_INDEX: &str = "/roles";

/// The paths a handbook or an old export may use for a role file (`Lead_Gardener.md`):
/// the file name, its stem, and the stem as `.html`. Written as the file is named; a
/// lookup compares them by [`lookup_key`].
pub fn file_paths(source_file: &str) -> Vec<String> {
    let mut paths = vec![format!("/roles/{source_file}")];
    if let Some(stem) = source_file
        .strip_suffix(".md")
        .or_else(|| source_file.strip_suffix(".MD"))
        .filter(|s| !s.is_empty())
    {
        paths.push(format!("/roles/{stem}"));
        paths.push(format!("/roles/{stem}.html"));
    }
    paths
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
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
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
