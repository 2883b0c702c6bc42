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
    }
}
