//! The listing path, whole: the query a GET form sends, the page it renders
//! (from the in-memory catalogue: no file reads, no parsing), the Atom feed of
//! the same query, and the bounded memo of rendered filtered listings and feeds
//! with their background compression.
//!
//! The plain listing and feed are prebuilt with the site; only filtered or
//! paged ones are rendered on request, once per distinct query and site.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use askama::Template;
use serde::Deserialize;

use crate::role::anchor::slugify;
use crate::role::model::Role;
use crate::site::memo::SiteMemo;
use crate::site::pages::{Choice, ListingPage, RowGroup};
use crate::site::{ATOM, CachePolicy, Page, PageKind, RenderError, Site, urls, views};

/// How many filtered listings to remember.
const LISTING_CACHE_SIZE: usize = 512;
/// How many filtered listings may wait for background compression at once.
const MAX_PENDING_COMPRESSIONS: usize = 32;

/// Roles per listing page: at most 100, so every page stays light whatever
/// the catalogue's size.
pub const PAGE_SIZE: usize = 100;

/// Entries in a feed: the newest 100 matches, for the same reason. The sitemap
/// names every open role.
pub const FEED_SIZE: usize = 100;

/// What a query is rendered as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListingFormat {
    /// The HTML listing (`/`).
    Html,
    /// The Atom feed (`/feed.xml`).
    Atom,
}

impl ListingFormat {
    /// The path the plain (unfiltered) one is prebuilt at.
    pub fn path(self) -> &'static str {
        match self {
            ListingFormat::Html => urls::HOME,
            ListingFormat::Atom => urls::FEED,
        }
    }

    /// The format served at a path, if any.
    pub fn at(path: &str) -> Option<ListingFormat> {
        [ListingFormat::Html, ListingFormat::Atom]
            .into_iter()
            .find(|f| f.path() == path)
    }
}

/// Query parameters of `/`. Everything is a string so that a bad value is
/// ignored rather than answered with a 400.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq, Hash)]
#[serde(default)]
pub struct ListingQuery {
    /// Free text over title, summary and experience.
    pub q: String,
    /// Team (or discipline, for roles without a team).
    pub team: String,
    /// Level, e.g. "Senior".
    pub level: String,
    /// A place named in the role's location or salary bands.
    pub location: String,
    /// Minimum salary in whole units.
    pub min_salary: String,
    /// Page number from 1.
    pub page: String,
}

impl ListingQuery {
    /// Trimmed, bounded and normalised, so equal searches share a cache entry.
    pub fn canonical(&self) -> ListingQuery {
        let clip = |s: &str| s.trim().chars().take(100).collect::<String>();
        ListingQuery {
            q: clip(&self.q)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            team: clip(&self.team),
            level: clip(&self.level),
            location: clip(&self.location),
            min_salary: self
                .min_salary()
                .map_or_else(String::new, |n| n.to_string()),
            page: match self.page_number() {
                1 => String::new(),
                n => n.to_string(),
            },
        }
    }

    /// Whether any filter is set (the page number is not a filter).
    pub fn is_filtered(&self) -> bool {
        !(self.q.is_empty()
            && self.team.is_empty()
            && self.level.is_empty()
            && self.location.is_empty()
            && self.min_salary.is_empty())
    }

    /// The minimum salary, read leniently (`45,000`, `45000`, `£45k`).
    pub fn min_salary(&self) -> Option<u64> {
        let s = self.min_salary.trim().to_lowercase();
        let (digits, k) = match s.strip_suffix('k') {
            Some(d) => (d, 1000),
            None => (s.as_str(), 1),
        };
        let digits: String = digits.chars().filter(char::is_ascii_digit).collect();
        digits
            .parse::<u64>()
            .ok()
            .map(|n| n.saturating_mul(k))
            .filter(|n| *n > 0)
    }

    /// The page number, from 1.
    pub fn page_number(&self) -> usize {
        self.page
            .trim()
            .parse()
            .ok()
            .filter(|n| *n >= 1)
            .unwrap_or(1)
            .min(10_000)
    }

    /// The query string for these filters at another page (`?team=x&page=2`).
    pub fn url(&self, page: usize) -> String {
        self.url_at(urls::HOME, page)
    }

    /// The Atom feed of these filters (`/feed.xml?team=x`): every match, so no page.
    pub fn feed_url(&self) -> String {
        self.url_at(urls::FEED, 1)
    }

    fn url_at(&self, path: &str, page: usize) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        for (key, value) in [
            ("q", &self.q),
            ("team", &self.team),
            ("level", &self.level),
            ("location", &self.location),
            ("min_salary", &self.min_salary),
        ] {
            if !value.is_empty() {
                pairs.push((key, value.clone()));
            }
        }
        if page > 1 {
            pairs.push(("page", page.to_string()));
        }
        if pairs.is_empty() {
            return path.into();
        }
        let query: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", urls::query_value(v)))
            .collect();
        format!("{path}?{}", query.join("&"))
    }
}

/// Filtered listings and feeds rendered on request, remembered per site.
///
/// It lives beside the site rather than inside it, so a [`Site`] stays an
/// immutable snapshot that can be swapped whole. Entries from an earlier site
/// are dropped the first time a newer site asks.
#[derive(Debug)]
pub struct ListingCache {
    memo: SiteMemo<(ListingFormat, ListingQuery)>,
    /// Filtered listings queued for background compression.
    compressing: Arc<AtomicUsize>,
}

impl Default for ListingCache {
    fn default() -> ListingCache {
        ListingCache::new()
    }
}

impl ListingCache {
    /// An empty cache.
    pub fn new() -> ListingCache {
        ListingCache {
            memo: SiteMemo::new(LISTING_CACHE_SIZE),
            compressing: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// The listing for a query: prebuilt for the plain listing, else rendered
    /// from the site's roles and remembered. A failed render is not cached.
    pub fn listing(&self, site: &Site, query: &ListingQuery) -> Result<Arc<Page>, RenderError> {
        self.get(site, ListingFormat::Html, query)
    }

    /// The Atom feed for a query, the same way. A feed has no pages.
    pub fn feed(&self, site: &Site, query: &ListingQuery) -> Result<Arc<Page>, RenderError> {
        self.get(site, ListingFormat::Atom, query)
    }

    /// A query in either format.
    pub fn get(
        &self,
        site: &Site,
        format: ListingFormat,
        query: &ListingQuery,
    ) -> Result<Arc<Page>, RenderError> {
        let mut query = query.canonical();
        if format == ListingFormat::Atom {
            query.page.clear();
        }
        if query == ListingQuery::default()
            && let Some(plain) = site.page(format.path())
        {
            return Ok(Arc::clone(plain));
        }
        let key = (format, query);
        if let Some(page) = self.memo.get(site, &key) {
            return Ok(page);
        }
        let page = Arc::new(match format {
            ListingFormat::Html => site.render_listing(&key.1)?,
            ListingFormat::Atom => site.render_feed(&key.1)?,
        });
        self.compress_later(&page);
        self.memo.put(site, key, &page);
        Ok(page)
    }

    /// Compresses off the request path; until then the page goes out
    /// uncompressed. A flood of distinct searches must not queue unbounded
    /// work, so past a few pending jobs a page simply stays uncompressed.
    fn compress_later(&self, page: &Arc<Page>) {
        if self.compressing.fetch_add(1, Ordering::AcqRel) < MAX_PENDING_COMPRESSIONS {
            let background = Arc::clone(page);
            let pending = Arc::clone(&self.compressing);
            rayon::spawn(move || {
                background.compress();
                pending.fetch_sub(1, Ordering::AcqRel);
            });
        } else {
            self.compressing.fetch_sub(1, Ordering::AcqRel);
        }
    }
}

impl Site {
    /// Renders one listing page from the in-memory catalogue.
    pub(crate) fn render_listing(&self, query: &ListingQuery) -> Result<Page, RenderError> {
        let matches = self.index.matches(query);
        let total = matches.len();
        let pages = total.div_ceil(PAGE_SIZE).max(1);
        let page = query.page_number().min(pages);
        let shown = matches.iter().skip((page - 1) * PAGE_SIZE).take(PAGE_SIZE);
        let groups = if query.q.trim().is_empty() {
            self.row_groups(shown.copied())
        } else {
            self.ranked_group(shown.copied())
        };
        let filtered = query.is_filtered();
        let choose = |values: &[String], current: &str| -> Vec<Choice> {
            values
                .iter()
                .map(|v| Choice {
                    value: v.clone(),
                    selected: v.eq_ignore_ascii_case(current),
                })
                .collect()
        };
        let html = ListingPage {
            chrome: self.chrome.clone(),
            seo: views::listing_seo(&self.chrome, query, page, total),
            groups,
            total,
            count_text: count_text(total, filtered),
            filtered,
            q: query.q.clone(),
            min_salary: query.min_salary.clone(),
            teams: choose(&self.choices.teams, &query.team),
            levels: choose(&self.choices.levels, &query.level),
            locations: choose(&self.choices.locations, &query.location),
            prev_url: (page > 1).then(|| query.url(page - 1)),
            next_url: (page < pages).then(|| query.url(page + 1)),
            page_text: (pages > 1).then(|| format!("Page {page} of {pages}")),
        }
        .render()
        .map_err(|source| RenderError::Template {
            page: query.url(page),
            source,
        })?;
        Ok(Page::html(PageKind::Listing, html))
    }

    /// Renders the Atom feed of a query: its newest matches, newest first.
    pub(crate) fn render_feed(&self, query: &ListingQuery) -> Result<Page, RenderError> {
        let mut matches = self.index.matches(query);
        matches.sort_unstable_by_key(|&i| self.feed_rank.get(i).copied().unwrap_or(u32::MAX));
        matches.truncate(FEED_SIZE);
        let roles: Vec<&Role> = matches
            .iter()
            .filter_map(|&i| self.listed.get(i).and_then(|&r| self.roles.get(r)))
            .map(|r| &**r)
            .collect();
        let xml = views::feed_page(&self.chrome, query, &roles, self.today)
            .render()
            .map_err(|source| RenderError::Template {
                page: query.feed_url(),
                source,
            })?;
        Ok(Page::new(
            PageKind::Feed,
            ATOM,
            CachePolicy::Revalidate,
            xml,
        ))
    }

    /// The shown roles' prebuilt cards as one list in search rank order: a
    /// search answers best match first, not team by team.
    fn ranked_group(&self, shown: impl Iterator<Item = usize>) -> Vec<RowGroup<'_>> {
        let cards: Vec<&str> = shown.filter_map(|i| self.cards.get(i)).map(|c| &**c).collect();
        if cards.is_empty() {
            return Vec::new();
        }
        vec![RowGroup {
            name: "Best matches first".to_owned(),
            id: "matches".to_owned(),
            cards,
        }]
    }

    /// The shown roles' prebuilt cards under their group headings.
    fn row_groups(&self, shown: impl Iterator<Item = usize>) -> Vec<RowGroup<'_>> {
        let mut groups: Vec<RowGroup<'_>> = Vec::new();
        for i in shown {
            let Some(role) = self.listed.get(i).map(|&r| &self.roles[r]) else {
                continue;
            };
            let name = role.group();
            if groups.last().is_none_or(|g| g.name != name) {
                groups.push(RowGroup {
                    name: name.to_owned(),
                    id: format!("team-{}", slugify(name)),
                    cards: Vec::new(),
                });
            }
            if let (Some(group), Some(card)) = (groups.last_mut(), self.cards.get(i)) {
                group.cards.push(card);
            }
        }
        groups
    }
}

/// "12 open roles", or "3 roles match your search".
fn count_text(total: usize, filtered: bool) -> String {
    let plural = if total == 1 { "" } else { "s" };
    if filtered {
        let verb = if total == 1 { "matches" } else { "match" };
        format!("{total} role{plural} {verb} your search")
    } else {
        format!("{total} open role{plural}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_queries_share_a_key() {
        let a = ListingQuery {
            q: "  rust   engineer ".into(),
            min_salary: "£45k".into(),
            page: "1".into(),
            ..ListingQuery::default()
        };
        let c = a.canonical();
        assert_eq!(c.q, "rust engineer");
        assert_eq!(c.min_salary, "45000");
        assert_eq!(c.page, "");
        assert_eq!(c.url(2), "/?q=rust+engineer&min_salary=45000&page=2");
    }
}
