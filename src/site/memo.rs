//! A bounded memo of pages made on request (filtered listings, feeds, share
//! images), kept beside a site rather than inside it so a [`Site`] stays an
//! immutable snapshot. Entries belong to one site: the first request from a
//! newer site drops them, and a page made from an older site is never stored
//! for a newer one.

use std::hash::Hash;
use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex};

use crate::site::{Page, Site};

/// Pages by key, for the site of one generation.
#[derive(Debug)]
pub(crate) struct SiteMemo<K: Hash + Eq> {
    inner: Mutex<(u64, lru::LruCache<K, Arc<Page>>)>,
}

impl<K: Hash + Eq> SiteMemo<K> {
    /// A memo of at most `size` pages.
    pub(crate) fn new(size: usize) -> SiteMemo<K> {
        let size = NonZeroUsize::new(size).unwrap_or(NonZeroUsize::MIN);
        SiteMemo {
            inner: Mutex::new((0, lru::LruCache::new(size))),
        }
    }

    /// The page `site` made for `key` earlier, if it is still kept.
    pub(crate) fn get(&self, site: &Site, key: &K) -> Option<Arc<Page>> {
        let mut inner = self.inner.lock().ok()?;
        if inner.0 != site.generation() {
            inner.1.clear();
            inner.0 = site.generation();
            return None;
        }
        inner.1.get(key).map(Arc::clone)
    }

    /// Keeps a page `site` made, unless a newer site has been asked for since.
    pub(crate) fn put(&self, site: &Site, key: K, page: &Arc<Page>) {
        if let Ok(mut inner) = self.inner.lock()
            && inner.0 == site.generation()
        {
            inner.1.put(key, Arc::clone(page));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::{PageKind, Settings};

    fn site() -> Site {
        let built = Site::build(
            Vec::<crate::role::Role>::new(),
            &Settings::default(),
            jiff::civil::date(2026, 1, 1),
        );
        let Ok(site) = built else {
            panic!("an empty site builds")
        };
        site
    }

    #[test]
    fn a_page_from_an_older_site_is_never_kept_for_a_newer_one() {
        let (old, new) = (site(), site());
        let memo = SiteMemo::new(4);
        let page = Arc::new(Page::html(PageKind::Listing, "<p>old</p>"));
        assert!(memo.get(&old, &"q").is_none());
        memo.put(&old, "q", &page);
        assert!(memo.get(&old, &"q").is_some(), "kept for its own site");
        assert!(memo.get(&new, &"q").is_none(), "a newer site starts afresh");
        // A render from the old site that finishes after the new one asked.
        memo.put(&old, "q", &page);
        assert!(
            memo.get(&new, &"q").is_none(),
            "not stored for the newer site"
        );
    }
}
