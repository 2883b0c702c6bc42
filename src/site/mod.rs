//! Typed roles to rendered bytes: every page of the site, built once.
//!
//! A [`Site`] is one immutable snapshot: the page cache (path -> [`Page`]),
//! redirects (aliases, file names, other letter cases), where each apply link
//! leads, and the listed roles that filtered listings and feeds are rendered
//! from. `serve` holds it in memory and swaps it whole on reload;
//! `build` writes the same bytes to disk ([`export`]). Nothing here serves
//! HTTP: a page carries only its prebuilt header maps (`http` types). The
//! one way in from a folder is a [`Pipeline`].
//!
//! Rooms, in the order a build runs: [`assemble`] (the [`Pipeline`] and the
//! build as named stages), [`pages`] (typed roles to the pages a person
//! reads), [`listing`] (the request-time listing, its search and sort),
//! [`discovery`] (JobPosting, feeds and share images), [`text`] (Markdown,
//! sanitising, formatting) and [`export`] (the site written to a folder);
//! [`settings`], [`urls`], [`page`] and [`headers`] are shared by all.

pub mod assemble;
pub mod discovery;
pub mod export;
pub mod headers;
pub mod listing;
pub mod page;
pub mod pages;
pub mod settings;
pub mod text;
pub mod urls;

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};
use std::time::{Duration, Instant};

use askama::Template;
use rayon::prelude::*;

use crate::role::model::Role;
use crate::site::listing::search::{FilterChoices, SearchIndex};
use crate::site::pages::templates::Chrome;

pub use crate::site::assemble::pipeline::{
    Build, Pipeline, PipelineError, PipelineOptions, Reading, SettingsProblem, Sink,
    build_from_dir, read_dir,
};
pub use crate::site::assemble::stages::Mode;
pub use crate::site::page::{ATOM, CachePolicy, HTML, JSON, LazyPage, Page, PageKind, TEXT, XML};
pub use crate::site::settings::Settings;

/// A template failed to render while building the site.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// askama reported an error.
    #[error("failed to render {page}")]
    Template {
        /// Which page.
        page: String,
        /// The cause.
        #[source]
        source: askama::Error,
    },
    /// JSON serialisation failed.
    #[error("failed to write JSON for {page}")]
    Json {
        /// Which page.
        page: String,
        /// The cause.
        #[source]
        source: serde_json::Error,
    },
}

/// Result type of this layer.
pub type Result<T, E = RenderError> = std::result::Result<T, E>;

/// Where a role's apply link (`/roles/{slug}/apply`) leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Apply {
    /// The role's title.
    pub title: String,
    /// The role's page: a closed role's apply link leads back to it, and a
    /// click on it names it in `Referer`.
    pub page: String,
    /// Where applications go; a `mailto:` carries its subject.
    pub target: String,
    /// Whether the role takes applications.
    pub open: bool,
}

impl Apply {
    /// Where one request for the apply link goes: the target with the
    /// request's `utm_*` parameters, else those of the role page it was
    /// clicked on (`referer`), since that page is prebuilt and cannot carry
    /// them in its links.
    pub fn location(&self, query: Option<&str>, referer: Option<&str>) -> String {
        if !self.open {
            return self.page.clone();
        }
        let mut campaign = urls::campaign(query.unwrap_or(""));
        if campaign.is_empty()
            && let Some(referer) = referer
        {
            campaign = urls::referer_campaign(referer, &self.page);
        }
        urls::with_campaign(&self.target, &campaign)
    }
}

/// One immutable build of the site.
pub struct Site {
    /// Which build this is; caches kept beside a site key on it.
    generation: u64,
    /// What every page depends on: a rebuild with other values shares nothing.
    built_with: (Settings, jiff::civil::Date, Mode),
    pages: HashMap<String, Arc<Page>>,
    /// Lowercased, percent-decoded path -> the path it redirects to.
    redirects: Arc<HashMap<String, String>>,
    /// `/roles/{slug}/apply` -> where it leads.
    applies: Arc<HashMap<String, Apply>>,
    not_found: Arc<Page>,
    server_error: Arc<Page>,
    /// Published roles (open and closed), in listing order.
    roles: Vec<Arc<Role>>,
    /// Indexes into `roles` of the listed (open) ones; no second copy of any role.
    listed: Vec<usize>,
    /// Each listed role's card in the listing, pre-rendered (same order as `listed`).
    cards: Vec<Arc<str>>,
    /// Each listed role's place in the feed (same order as `listed`): newest
    /// posted first, then by title.
    feed_rank: Vec<u32>,
    /// The date the site was built for.
    today: jiff::civil::Date,
    /// Whether any listed role names a team: only then is the listing
    /// grouped under headings (one heading per role helps no one).
    grouped: bool,
    index: SearchIndex,
    choices: FilterChoices,
    chrome: Chrome,
    /// Every career path page with its discipline, sorted by discipline
    /// (the listing links them; the next rebuild keeps those whose roles
    /// did not change).
    career_paths: Vec<(String, Arc<assemble::stages::CareerPathPage>)>,
    /// Where links written in role files go (kept for the next rebuild).
    links: Arc<text::markdown::RoleLinks>,
    /// Each published role's share image, by path, drawn on request.
    share_cards: Arc<HashMap<String, discovery::share::ShareCard>>,
    /// Pages made on their first request, by path (in a preview: the
    /// dashboard, the overlay's status, `/roles.json`, the sitemap, the
    /// feeds and the listing's pages after the first; none on a site for
    /// candidates, whose every page is prebuilt).
    made_on_request: HashMap<String, Arc<LazyPage<Site>>>,
    /// What a site built with its role pages left for later needs to render
    /// them (see [`Site::build_role_pages_later`]); `None` on a whole site.
    role_pages_later: Option<assemble::later::RolePagesLater>,
}

/// How many sites this process holds: one being served, and briefly a second
/// while a reload builds. More than that means something keeps old sites
/// alive; `serve` logs it after every reload.
static ALIVE: AtomicUsize = AtomicUsize::new(0);

impl Drop for Site {
    fn drop(&mut self) {
        ALIVE.fetch_sub(1, AtomicOrdering::Relaxed);
    }
}

impl std::fmt::Debug for Site {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Site")
            .field("generation", &self.generation)
            .field("pages", &self.pages.len())
            .field("listed", &self.listed.len())
            .finish_non_exhaustive()
    }
}

impl Site {
    /// The prebuilt page at a request path.
    pub fn page(&self, path: &str) -> Option<&Arc<Page>> {
        self.pages.get(path)
    }

    /// Where a path that is not a page redirects to: an alias, a role file's
    /// name, a role's path in another letter case, `/roles`. One lookup in a map
    /// keyed by [`urls::lookup_key`]; `None` when the path is already the target.
    pub fn redirect(&self, path: &str) -> Option<&str> {
        self.redirects
            .get(&urls::lookup_key(path))
            .map(String::as_str)
            .filter(|target| *target != path)
    }

    /// What an apply link (`/roles/{slug}/apply`, exactly) leads to.
    pub fn apply(&self, path: &str) -> Option<&Apply> {
        self.applies.get(path)
    }

    /// The static export's stand-in for each apply link: a page that sends the
    /// browser on by itself. Rendered on demand, since only `build` needs them.
    pub fn apply_pages(&self) -> Result<Vec<(&str, Page)>> {
        self.applies
            .par_iter()
            .map(|(path, apply)| {
                let html = pages::views::apply_page(&self.chrome, apply)
                    .render()
                    .map_err(|source| RenderError::Template {
                        page: path.clone(),
                        source,
                    })?;
                Ok((path.as_str(), Page::html(PageKind::Apply, html)))
            })
            .collect()
    }

    /// The not-found page.
    pub fn not_found(&self) -> &Arc<Page> {
        &self.not_found
    }

    /// The page sent when a request fails inside the server (no details).
    pub fn server_error(&self) -> &Arc<Page> {
        &self.server_error
    }

    /// Every prebuilt page with its path, for export.
    pub fn pages(&self) -> impl Iterator<Item = (&str, &Arc<Page>)> {
        self.pages.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// How many roles are listed.
    pub fn listed_count(&self) -> usize {
        self.listed.len()
    }

    /// How many pages the unfiltered listing has (at least one).
    pub fn listing_pages(&self) -> usize {
        self.listed.len().div_ceil(listing::PAGE_SIZE).max(1)
    }

    /// The share image card at a path, if a role has one there.
    pub fn share_card(&self, path: &str) -> Option<&discovery::share::ShareCard> {
        self.share_cards.get(path)
    }

    /// Every share image card, for export.
    pub fn share_cards(&self) -> impl Iterator<Item = &discovery::share::ShareCard> {
        self.share_cards.values()
    }

    /// The page at a request path that is made on its first request, if
    /// one is (see [`LazyPage`]).
    pub fn lazy_page(&self, path: &str) -> Option<&Arc<LazyPage<Site>>> {
        self.made_on_request.get(path)
    }

    /// Every page made on its first request, with its path.
    pub fn lazy_pages(&self) -> impl Iterator<Item = (&str, &Arc<LazyPage<Site>>)> {
        self.made_on_request.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Every published role (open and closed), in listing order.
    pub fn roles(&self) -> &[Arc<Role>] {
        &self.roles
    }

    /// How many sites are alive in this process: one being served, and
    /// briefly a second while a reload builds or a replaced site finishes a
    /// batch of compression. More means something keeps old sites alive.
    pub fn alive() -> usize {
        ALIVE.load(AtomicOrdering::Relaxed)
    }

    /// Counts a site being made; its `Drop` counts it gone.
    pub(crate) fn count_new() {
        ALIVE.fetch_add(1, AtomicOrdering::Relaxed);
    }

    /// Which build this is: distinct for every site built by this process.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Compresses every page that is not compressed yet, on all cores: gzip
    /// for every page first (quick, and every client takes it), then brotli.
    /// The listing goes first in each pass, as the page most asked for.
    pub fn compress_all(&self) {
        let pages = self.pages_to_compress();
        pages.par_iter().for_each(|p| p.compress_gzip());
        pages.par_iter().for_each(|p| p.compress_brotli());
    }

    fn pages_to_compress(&self) -> Vec<&Arc<Page>> {
        let mut pages: Vec<&Arc<Page>> = self
            .pages
            .values()
            .chain([&self.not_found, &self.server_error])
            .collect();
        if let Some(home) = self.pages.get(urls::HOME) {
            pages.insert(0, home);
        }
        pages
    }

    /// The work left after a site is stored, on a thread of its own: the
    /// search index's words, then [`Site::compress_all`]. The site is held
    /// only weakly between batches: once a reload replaces the site and the
    /// last request lets go of it, the work stops and the old site's memory
    /// is freed, instead of every reload pinning the site before it until
    /// its compression ends. `done` hears how long it took, if it finished.
    pub fn compress_in_background(site: &Arc<Site>, done: impl FnOnce(Duration) + Send + 'static) {
        let site = Arc::downgrade(site);
        let started = Instant::now();
        std::thread::spawn(move || {
            if let Some(site) = site.upgrade() {
                site.index.read_words();
            }
            tracing::debug!(ms = started.elapsed().as_millis(), "search words read");
            for brotli in [false, true] {
                let mut from = 0;
                loop {
                    let Some(site) = site.upgrade() else { return };
                    let pages = site.pages_to_compress();
                    let batch = pages.get(from..(from + COMPRESS_BATCH).min(pages.len()));
                    let Some(batch) = batch.filter(|b| !b.is_empty()) else {
                        break;
                    };
                    batch.par_iter().for_each(|p| match brotli {
                        false => p.compress_gzip(),
                        true => p.compress_brotli(),
                    });
                    from += COMPRESS_BATCH;
                }
                tracing::debug!(
                    brotli,
                    ms = started.elapsed().as_millis(),
                    "pages compressed"
                );
            }
            done(started.elapsed());
        });
    }
}

/// Pages compressed between two looks at whether the site is still wanted.
const COMPRESS_BATCH: usize = 256;

#[cfg(test)]
mod tests {
    use super::*;

    // See: issue "A reload can pin old sites in memory".
    #[test]
    fn background_compression_lets_a_replaced_site_go() {
        let site = Site::build(
            Vec::<Role>::new(),
            &Settings::default(),
            jiff::civil::date(2026, 1, 1),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let site = Arc::new(site);
        let weak = Arc::downgrade(&site);
        let (tx, rx) = std::sync::mpsc::channel();
        Site::compress_in_background(&site, move |_| {
            let _ = tx.send(());
        });
        drop(site);
        // The thread holds the site only while it compresses a batch.
        let deadline = Instant::now() + Duration::from_secs(10);
        while weak.strong_count() > 0 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(weak.strong_count(), 0, "nothing keeps the old site alive");
        drop(rx);
    }

    // See: issue #29 (the first 200 does not wait for the search words).
    #[test]
    fn the_search_words_are_read_after_the_site_is_stored_not_before() {
        let roles = crate::role::load(std::path::Path::new("roles"))
            .unwrap_or_else(|e| panic!("{e}"))
            .roles;
        let site = Site::build(roles, &Settings::default(), jiff::civil::date(2026, 12, 1))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            !site.index.has_read_words(),
            "a stored site has not read them"
        );
        let site = Arc::new(site);
        let (tx, rx) = std::sync::mpsc::channel();
        Site::compress_in_background(&site, move |_| {
            let _ = tx.send(());
        });
        assert!(
            rx.recv_timeout(Duration::from_secs(60)).is_ok(),
            "the work ends"
        );
        assert!(site.index.has_read_words(), "the background work read them");
    }
}
