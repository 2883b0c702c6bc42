//! The one allow-list for URLs an author writes: front matter `apply_url` and
//! every link and image in a role file's Markdown.
//!
//! Allowed: `https:`, `http:`, `mailto:`, and relative URLs (no scheme: `/x`,
//! `x.md#a`, `#frag`, and `//host`, which a browser resolves with the page's
//! own scheme). Every other scheme is refused, in any letter case. Browsers
//! drop surrounding whitespace and tabs or newlines inside a URL before they
//! read its scheme (`java\tscript:` runs as `javascript:`), so the check drops
//! them too, and every other control character with them, before deciding.

use std::fmt;

/// Schemes a role may link to.
const ALLOWED: &[&str] = &["https", "http", "mailto"];

/// A URL the allow-list refused, naming its scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlRefused {
    /// The scheme as a browser would read it, lowercased (`javascript`).
    pub scheme: String,
}

impl fmt::Display for UrlRefused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the `{}:` scheme is not allowed; use https:, http:, mailto: or a relative link",
            self.scheme
        )
    }
}

impl std::error::Error for UrlRefused {}

/// Hosts of applicant tracking systems: a link to one of them is where a
/// candidate applies, whatever key or words lead to it.
const APPLICANT_TRACKING_HOSTS: &[&str] = &[
    "applytojob.com",
    "greenhouse.io",
    "lever.co",
    "workable.com",
    "smartrecruiters.com",
    "recruitee.com",
    "bamboohr.com",
    "teamtailor.com",
    "personio.de",
    "personio.com",
    "ashbyhq.com",
    "breezy.hr",
    "myworkdayjobs.com",
    "icims.com",
    "jobvite.com",
    "homerun.co",
    "freshteam.com",
    "pinpointhq.com",
    "recruiterbox.com",
    "usajobs.gov",
];

/// Whether `url` is an `https:` or `http:` link to an applicant tracking
/// system (`https://acme.applytojob.com/apply/x`, `https://jobs.lever.co/acme/1`).
pub fn is_applicant_tracking(url: &str) -> bool {
    let url = url.trim();
    let Some(rest) = ["https://", "http://"].iter().find_map(|s| {
        url.get(..s.len())
            .filter(|p| p.eq_ignore_ascii_case(s))
            .map(|_| &url[s.len()..])
    }) else {
        return false;
    };
    let host = rest
        .split(['/', '?', '#', ':'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    APPLICANT_TRACKING_HOSTS
        .iter()
        .any(|h| host == *h || host.strip_suffix(h).is_some_and(|sub| sub.ends_with('.')))
}

/// Whether a URL may be published: `Ok` for the allowed schemes and for
/// relative URLs, `Err` naming the scheme otherwise.
pub fn check_url(url: &str) -> Result<(), UrlRefused> {
    match scheme(url) {
        Some(scheme) if !ALLOWED.contains(&scheme.as_str()) => Err(UrlRefused { scheme }),
        _ => Ok(()),
    }
}

/// The lowercased scheme a browser would read from `url`, if it has one.
fn scheme(url: &str) -> Option<String> {
    let mut scheme = String::new();
    let cleaned = url
        .trim_matches(|c: char| c.is_whitespace() || c.is_control())
        .chars()
        .filter(|c| !c.is_control());
    for c in cleaned {
        match c {
            ':' => return (!scheme.is_empty()).then_some(scheme),
            c if c.is_ascii_alphabetic() => scheme.push(c.to_ascii_lowercase()),
            c if !scheme.is_empty() && (c.is_ascii_digit() || matches!(c, '+' | '-' | '.')) => {
                scheme.push(c);
            }
            // Anything else before a `:` (a `/`, `?`, `#`, a space, a leading
            // digit) means there is no scheme: the URL is relative.
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use test_case::test_case;

    use super::*;

    #[test_case("https://jobs.example/apply")]
    #[test_case("HTTP://jobs.example")]
    #[test_case("mailto:jobs@example.org")]
    #[test_case("MailTo:jobs@example.org")]
    #[test_case("/roles/lead")]
    #[test_case("lead_gardener.md#salary")]
    #[test_case("#salary")]
    #[test_case("//cdn.example/x.png")]
    #[test_case("")]
    #[test_case("  https://a.example  ")]
    #[test_case("docs/a:b")]
    #[test_case("?q=a:b")]
    #[test_case("javascript%3Aalert(1)")]
    #[test_case("1http:x")]
    fn allowed(url: &str) {
        assert_eq!(check_url(url), Ok(()));
    }

    #[test_case("javascript:alert(1)", "javascript")]
    #[test_case("JavaScript:alert(1)", "javascript")]
    #[test_case(" \u{1}javascript:alert(1)", "javascript")]
    #[test_case("java\tscript:alert(1)", "javascript")]
    #[test_case("java\nscript:alert(1)", "javascript")]
    #[test_case("java\r\nscr\u{0}ipt:alert(1)", "javascript")]
    #[test_case("\tvbscript:msgbox", "vbscript")]
    #[test_case("data:text/html,<b>hi</b>", "data")]
    #[test_case("DATA:image/png;base64,AAAA", "data")]
    #[test_case("file:///etc/passwd", "file")]
    #[test_case("ftp://files.example", "ftp")]
    #[test_case("h\tttps-x:y", "https-x")]
    #[test_case("x-custom+app.v2:open", "x-custom+app.v2")]
    fn refused(url: &str, scheme: &str) {
        assert_eq!(
            check_url(url),
            Err(UrlRefused {
                scheme: scheme.to_owned()
            })
        );
    }

    #[test]
    fn the_message_names_the_scheme_and_the_choices() {
        let message = check_url("data:x").err().map(|e| e.to_string());
        assert_eq!(
            message.as_deref(),
            Some(
                "the `data:` scheme is not allowed; use https:, http:, mailto: or a relative link"
            )
        );
    }

    #[test]
    fn links_to_applicant_tracking_systems_are_known_by_their_host() {
        for url in [
            "https://acme.applytojob.com/apply/A2l/Engineer",
            "https://jobs.lever.co/acme/91ee",
            "HTTPS://boards.greenhouse.io/acme/jobs/1",
            "https://www.usajobs.gov/job/1",
        ] {
            assert!(is_applicant_tracking(url), "{url}");
        }
        for url in [
            "https://notlever.co/x",
            "https://lever.co.evil.example/x",
            "mailto:jobs@lever.co",
            "javascript:lever.co",
            "https://example.org/?next=jobs.lever.co",
        ] {
            assert!(!is_applicant_tracking(url), "{url}");
        }
    }
}
