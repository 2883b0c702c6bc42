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
    inner: Mutex<Kept<K>>,
    /// The most bytes of pages kept (their identity bodies).
    max_bytes: usize,
}

#[derive(Debug)]
struct Kept<K: Hash + Eq> {
    generation: u64,
    pages: lru::LruCache<K, Arc<Page>>,
    bytes: usize,
}

impl<K: Hash + Eq> Kept<K> {
    fn clear(&mut self, generation: u64) {
        self.pages.clear();
        self.bytes = 0;
        self.generation = generation;
    }
}

/// What a kept page weighs against the byte budget.
fn weight(page: &Page) -> usize {
    page.identity.body.len()
}

impl<K: Hash + Eq> SiteMemo<K> {
    /// A memo of at most `size` pages.
    pub(crate) fn new(size: usize) -> SiteMemo<K> {
        SiteMemo::with_byte_budget(size, usize::MAX)
    }

    /// A memo of at most `size` pages and `max_bytes` bytes: the least
    /// recently used pages go first.
    pub(crate) fn with_byte_budget(size: usize, max_bytes: usize) -> SiteMemo<K> {
        let size = NonZeroUsize::new(size).unwrap_or(NonZeroUsize::MIN);
        SiteMemo {
            inner: Mutex::new(Kept {
                generation: 0,
                pages: lru::LruCache::new(size),
                bytes: 0,
            }),
            max_bytes,
        }
    }

    /// The page `site` made for `key` earlier, if it is still kept.
    pub(crate) fn get(&self, site: &Site, key: &K) -> Option<Arc<Page>> {
        let mut inner = self.inner.lock().ok()?;
        if inner.generation != site.generation() {
            inner.clear(site.generation());
            return None;
        }
        inner.pages.get(key).map(Arc::clone)
    }

    /// Keeps a page `site` made, unless a newer site has been asked for since
    /// or the page alone is over the byte budget.
    pub(crate) fn put(&self, site: &Site, key: K, page: &Arc<Page>) {
        let Ok(mut inner) = self.inner.lock() else {
            return;
        };
        if inner.generation != site.generation() || weight(page) > self.max_bytes {
            return;
        }
        inner.bytes += weight(page);
        if let Some((_, out)) = inner.pages.push(key, Arc::clone(page)) {
            inner.bytes = inner.bytes.saturating_sub(weight(&out));
        }
        while inner.bytes > self.max_bytes {
            let Some((_, out)) = inner.pages.pop_lru() else {
                break;
            };
            inner.bytes = inner.bytes.saturating_sub(weight(&out));
        }
    }

    /// Bytes of pages kept now.
    #[cfg(test)]
    fn bytes(&self) -> usize {
        self.inner.lock().map(|inner| inner.bytes).unwrap_or(0)
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
    fn a_byte_budget_drops_the_least_recently_used_pages() {
        let site = site();
        let memo = SiteMemo::with_byte_budget(100, 2500);
        let page = |n: usize| Arc::new(Page::html(PageKind::Listing, "x".repeat(n)));
        assert!(memo.get(&site, &0).is_none());
        memo.put(&site, 1, &page(1000));
        memo.put(&site, 2, &page(1000));
        assert!(memo.get(&site, &1).is_some(), "1 is now the most recent");
        memo.put(&site, 3, &page(1000));
        assert!(memo.get(&site, &2).is_none(), "the least recent went");
        assert!(memo.get(&site, &1).is_some() && memo.get(&site, &3).is_some());
        assert_eq!(memo.bytes(), 2000);
        memo.put(&site, 3, &page(500));
        assert_eq!(memo.bytes(), 1500, "a replaced page gives back its bytes");
        memo.put(&site, 4, &page(3000));
        assert!(
            memo.get(&site, &4).is_none(),
            "a page over the budget is not kept"
        );
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
