//! A first build that answers before its role pages exist. At 10,000 roles
//! the role pages are most of the rendering, and a candidate's first request
//! is most often the listing: `serve` builds every other page, answers, and
//! renders the whole site next, which it then serves and compresses. A
//! request for anything the first site lacks (a role's page or JSON,
//! `/roles.json`, a redirect, an apply link, a share image, or a true 404)
//! waits for the whole site and is answered from it, so no request ever sees
//! missing what the whole site has. A role's own page or JSON need not wait:
//! [`Site::role_page_now`] renders it alone.
//!
//! The waiting is a `tokio::sync::watch` channel held by the first site
//! (tokio's channels need no runtime to send): when the first site is
//! dropped, by a reload that replaced it or by the whole site's swap, its
//! waiters wake too, so no path that stores a new site has to remember them.

use tokio::sync::watch;

use crate::site::{Result, Site};

/// Who waits for the role pages of a site built without them. What they are
/// rendered from is the site's own: its published roles (publishing them
/// again changes nothing) and what it was built with.
pub struct RolePagesLater {
    /// `true` once the whole site is served; a request for a page the first
    /// site lacks waits for it.
    served: watch::Sender<bool>,
}

impl RolePagesLater {
    pub(crate) fn new() -> RolePagesLater {
        RolePagesLater {
            served: watch::Sender::new(false),
        }
    }
}

impl Site {
    /// For a site built with its role pages left for later, what tells when
    /// the whole site is served (it is when the value is `true`, or when
    /// this site is dropped); `None` on a whole site.
    pub fn role_pages_pending(&self) -> Option<watch::Receiver<bool>> {
        self.role_pages_later.as_ref().map(|l| l.served.subscribe())
    }

    /// The whole site, role pages and all, rendered from the same roles,
    /// settings and day as this one; `None` when this site is whole.
    pub fn with_role_pages(&self) -> Option<Result<Site>> {
        self.role_pages_later.as_ref()?;
        let (settings, today, mode) = &self.built_with;
        Some(Site::build_for(self.roles.clone(), settings, *today, *mode))
    }

    /// Wakes the requests waiting for the role pages: call once the whole
    /// site is the one served.
    pub fn role_pages_served(&self) {
        if let Some(later) = &self.role_pages_later {
            later.served.send_replace(true);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::role::Role;
    use crate::role::parse;
    use crate::site::Settings;

    fn roles() -> Vec<Arc<Role>> {
        let files = [
            ("data-engineer.md", "# Data Engineer\n\nBuild pipelines.\n"),
            ("designer.md", "# Designer\n\nDesign services.\n"),
        ];
        files
            .iter()
            .filter_map(|(name, text)| parse(std::path::Path::new(name), text).role)
            .map(Arc::new)
            .collect()
    }

    #[test]
    fn the_first_site_has_the_listing_and_the_whole_site_has_the_same_bytes() {
        let today = jiff::civil::date(2026, 12, 8);
        let settings = Settings::default();
        let first = Site::build_role_pages_later(roles(), &settings, today)
            .unwrap_or_else(|e| panic!("{e}"));
        let whole = Site::build_for(roles(), &settings, today, crate::site::Mode::Publish)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(whole.listed_count(), 2);
        assert!(whole.page("/roles/designer").is_some());
        assert!(first.role_pages_pending().is_some());
        assert!(whole.role_pages_pending().is_none());
        for path in ["/roles/designer", "/roles/designer.json", "/roles.json"] {
            assert!(first.page(path).is_none(), "{path} rendered early");
        }
        assert!(first.apply("/roles/designer/apply").is_none());
        assert!(whole.apply("/roles/designer/apply").is_some());
        assert_eq!(first.redirect("/roles"), None);
        assert_eq!(whole.redirect("/roles"), Some("/"));
        let later = first
            .with_role_pages()
            .unwrap_or_else(|| panic!("no role pages left"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(later.with_role_pages().is_none());
        assert_eq!(later.build_id(), whole.build_id());
        let body = |site: &Site, path: &str| site.page(path).map(|p| p.identity.body.clone());
        for path in ["/", "/feed.xml", "/sitemap.xml", "/roles/designer"] {
            assert_eq!(body(&later, path), body(&whole, path), "{path}");
        }
        assert_eq!(body(&first, "/"), body(&whole, "/"));
        for path in ["/roles/designer", "/roles/data-engineer.json"] {
            let alone = first
                .role_page_now(path)
                .map(|p| p.map(|p| p.identity.body));
            let alone = alone.unwrap_or_else(|| panic!("{path} not rendered alone"));
            assert_eq!(alone.ok(), body(&whole, path), "{path}");
        }
        assert!(first.role_page_now("/roles/nobody").is_none());
        assert!(whole.role_page_now("/roles/designer").is_none());
    }

    #[test]
    fn every_page_of_the_first_site_is_the_whole_sites_page() {
        let folder =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site/roles");
        let roles = crate::role::load(&folder)
            .unwrap_or_else(|e| panic!("{e}"))
            .roles;
        let settings = Settings {
            organisation: "Test Gardens".into(),
            apply_url: "mailto:jobs@gardens.example".into(),
            ..Settings::default()
        };
        let today = jiff::civil::date(2026, 11, 23);
        let first = Site::build_role_pages_later(roles.clone(), &settings, today)
            .unwrap_or_else(|e| panic!("{e}"));
        let whole = Site::build_for(roles, &settings, today, crate::site::Mode::Publish)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(first.pages.len() >= 10, "{} pages", first.pages.len());
        for (path, page) in &first.pages {
            let same = whole.pages.get(path).map(|p| &p.identity.body);
            assert_eq!(same, Some(&page.identity.body), "{path}");
        }
        for role in &whole.roles {
            let path = crate::site::urls::role(&role.slug);
            let alone = first.role_page_now(&path).and_then(Result::ok);
            let same = whole.pages.get(&path).map(|p| &p.identity.body);
            assert_eq!(alone.as_ref().map(|p| &p.identity.body), same, "{path}");
        }
    }

    #[test]
    fn waiting_requests_wake_when_the_whole_site_is_served_or_the_first_is_dropped() {
        let today = jiff::civil::date(2026, 12, 8);
        let first = Site::build_role_pages_later(roles(), &Settings::default(), today)
            .unwrap_or_else(|e| panic!("{e}"));
        let mut served = first
            .role_pages_pending()
            .unwrap_or_else(|| panic!("nothing pending"));
        assert!(!*served.borrow_and_update());
        first.role_pages_served();
        assert!(*served.borrow_and_update());
        let dropped = first
            .role_pages_pending()
            .unwrap_or_else(|| panic!("nothing pending"));
        drop(first);
        assert!(
            dropped.has_changed().is_err(),
            "the channel outlived its site"
        );
    }
}
