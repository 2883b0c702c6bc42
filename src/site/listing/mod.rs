//! The listing path, whole: the query a GET form sends, the page it renders
//! (from the in-memory catalogue: no file reads, no parsing), the Atom feed of
//! the same query, and the bounded memo of rendered filtered listings and feeds
//! with their background compression.
//!
//! The plain listing and feed are prebuilt with the site; only filtered or
//! paged ones are rendered on request, once per distinct query and site.

pub mod query;
pub mod search;
pub mod sort;
pub(crate) mod words;

pub use query::{ListingQuery, MIN_SALARY_ERROR, without_empty_values};

use rayon::prelude::*;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use askama::Template;

use crate::role::anchor::slugify;
use crate::role::model::{Role, Status};
use crate::site::assemble::memo::SiteMemo;
use crate::site::listing::sort::Sort;
use crate::site::pages::templates::{
    CardView, Choice, Follow, ListingPage, RoleLinkView, RowGroup, SortChoice, Suggestion,
};
use crate::site::text::words::Words;
use crate::site::{ATOM, CachePolicy, Page, PageKind, RenderError, Site, urls};

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
    /// The JSON Feed (`/feed.json`), with the Atom feed's entries.
    JsonFeed,
}

impl ListingFormat {
    /// The path the plain (unfiltered) one is prebuilt at.
    pub fn path(self) -> &'static str {
        match self {
            ListingFormat::Html => urls::HOME,
            ListingFormat::Atom => urls::FEED,
            ListingFormat::JsonFeed => urls::JSON_FEED,
        }
    }

    /// The format served at a path, if any.
    pub fn at(path: &str) -> Option<ListingFormat> {
        [
            ListingFormat::Html,
            ListingFormat::Atom,
            ListingFormat::JsonFeed,
        ]
        .into_iter()
        .find(|f| f.path() == path)
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
        if format != ListingFormat::Html {
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
            ListingFormat::JsonFeed => site.render_json_feed(&key.1)?,
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

/// The listed roles one listing shows, in its order (indexes into the
/// site's listed roles), worked out once for all of its pages.
struct ListingOrder {
    /// The matches, then the roles a minimum salary cannot judge.
    matches: Vec<usize>,
    /// How many of `matches` are matches proper.
    stated: usize,
    /// How many of them open later.
    upcoming: usize,
}

impl Site {
    /// Renders one listing page from the in-memory catalogue.
    pub(crate) fn render_listing(&self, query: &ListingQuery) -> Result<Page, RenderError> {
        self.render_listing_in(query, &self.listing_order(query))
    }

    /// Every page of the unfiltered listing, the home page first, by path:
    /// the order of the roles is worked out once for all of them, and the
    /// pages are rendered in parallel.
    pub(crate) fn render_listing_pages(&self) -> Result<Vec<(String, Page)>, RenderError> {
        let order = self.listing_order(&ListingQuery::default());
        (1..=self.listing_pages())
            .into_par_iter()
            .map(|n| {
                let query = ListingQuery::unfiltered_page(n);
                Ok((
                    urls::listing_page(n),
                    self.render_listing_in(&query, &order)?,
                ))
            })
            .collect()
    }

    /// Page `n` of the unfiltered listing (1 is the home page).
    pub(crate) fn render_listing_page(&self, n: usize) -> Result<Page, RenderError> {
        let order = self.listing_order(&ListingQuery::default());
        self.render_listing_in(&ListingQuery::unfiltered_page(n), &order)
    }

    /// The listed roles a query shows, in its order: its matches, then the
    /// roles a minimum salary cannot judge. The query's page is not read.
    fn listing_order(&self, query: &ListingQuery) -> ListingOrder {
        let mut matches = self.index.matches(query);
        let sort = query.sort();
        let listed = self.listed_roles();
        sort.apply(&mut matches, &listed, self.today);
        let stated = matches.len();
        let mut unstated = self.index.pay_not_stated(query);
        sort.apply(&mut unstated, &listed, self.today);
        matches.extend(unstated);
        let upcoming = matches
            .iter()
            .filter_map(|&i| self.listed_role(i))
            .filter(|r| r.effective_status(self.today) == Status::Upcoming)
            .count();
        ListingOrder {
            matches,
            stated,
            upcoming,
        }
    }

    /// The heading of the listed roles (by index into `listed`) a minimum
    /// salary cannot judge: "Pay not stated" when none of them states pay,
    /// else words true of a role whose pay is in its text too.
    fn unjudged_pay_heading(&self, unjudged: &[usize]) -> &'static str {
        let states_pay = unjudged
            .iter()
            .filter_map(|&i| self.listed_role(i))
            .any(|role| role.pay_state() == crate::role::PayState::InText);
        if states_pay {
            self.chrome.words.pay_not_compared
        } else {
            self.chrome.words.pay_not_stated
        }
    }

    /// The listing page `query` names, of the roles in `order` (which is
    /// the order of `query` but for its page).
    fn render_listing_in(
        &self,
        query: &ListingQuery,
        order: &ListingOrder,
    ) -> Result<Page, RenderError> {
        let ListingOrder {
            matches,
            stated,
            upcoming,
        } = order;
        let (stated, upcoming) = (*stated, *upcoming);
        let sort = query.sort();
        let total = matches.len();
        let pages = total.div_ceil(PAGE_SIZE).max(1);
        let page = query.page_number().min(pages);
        let first = (page - 1) * PAGE_SIZE;
        let shown: Vec<usize> = matches
            .iter()
            .skip(first)
            .take(PAGE_SIZE)
            .copied()
            .collect();
        // How many of the shown roles are matches; the rest state no pay.
        let split = stated.saturating_sub(first).min(shown.len());
        let (with_pay, without_pay) = shown.split_at(split);
        let with_pay = with_pay.iter().copied();
        let mut groups = match (sort, query.q.trim().is_empty()) {
            (Sort::Relevance, true) => self.row_groups(with_pay, query),
            (Sort::Relevance, false) => {
                self.ranked_group(with_pay, query, self.chrome.words.best_matches_first)
            }
            (other, _) => {
                let at = Sort::ALL.iter().position(|s| *s == other).unwrap_or(0);
                let label = self.chrome.words.sort_labels.get(at).copied();
                self.ranked_group(with_pay, query, label.unwrap_or(other.label()))
            }
        };
        let pay_heading = self.unjudged_pay_heading(without_pay);
        let mut pay_group = self.ranked_group(without_pay.iter().copied(), query, pay_heading);
        for g in &mut pay_group {
            g.id = "pay-not-stated".to_owned();
        }
        groups.extend(pay_group);
        let filtered = query.is_filtered();
        // A value asked for that no role offers (`?location=Leeds`, answered
        // by roles remote within the UK) is still shown as chosen, so the
        // form never claims "All locations" while the listing is filtered.
        let choose = |values: &[String], current: &[String]| -> Vec<Choice> {
            let mut choices: Vec<Choice> = values
                .iter()
                .map(|v| Choice {
                    value: v.clone(),
                    selected: current.iter().any(|c| v.eq_ignore_ascii_case(c)),
                })
                .collect();
            for c in current {
                if !values.iter().any(|v| v.eq_ignore_ascii_case(c)) {
                    choices.push(Choice {
                        value: c.clone(),
                        selected: true,
                    });
                }
            }
            choices
        };
        let heading = if filtered || page > 1 {
            words::listing_heading(
                query,
                (total, page, pages),
                self.chrome.pay_currency,
                self.chrome.words,
            )
        } else {
            match self.chrome.organisation.as_str() {
                "" => self.chrome.words.careers.to_owned(),
                organisation => (self.chrome.words.work_with_us_at)(organisation),
            }
        };
        let filters_set = [&query.team, &query.level, &query.location, &query.from]
            .iter()
            .filter(|v| !v.is_empty())
            .count()
            + usize::from(!query.min_salary.is_empty());
        let html = ListingPage {
            chrome: self.chrome.clone(),
            seo: words::listing_seo(&self.chrome, query, (page, pages), (total, upcoming)),
            groups,
            total,
            count_text: if filtered {
                (self.chrome.words.match_count)(total)
            } else {
                (self.chrome.words.open_count)(total, upcoming)
            },
            heading,
            min_salary_error: query.min_salary_error(),
            filters_set_text: (filters_set > 0)
                .then(|| (self.chrome.words.filters_set)(filters_set)),
            filtered,
            q: query.q.clone(),
            min_salary: query.min_salary.clone(),
            teams: choose(&self.choices.teams, &query.team),
            levels: choose(&self.choices.levels, &query.level),
            locations: choose(&self.choices.locations, &query.location),
            apply_from: choose(&self.choices.apply_from, &query.from),
            prev_url: (page > 1).then(|| query.url(page - 1)),
            next_url: (page < pages).then(|| query.url(page + 1)),
            page_text: (pages > 1).then(|| format!("Page {page} of {pages}")),
            career_paths: self
                .career_paths
                .iter()
                .map(|(_, p)| p.link.clone())
                .collect(),
            suggestion: (total == 0).then(|| self.suggestion(query)).flatten(),
            closed: self.closed_named(&query.q),
            follow: self.follow(query),
            sorts: Site::sort_choices(query, self.chrome.words),
            any_remote: self
                .choices
                .locations
                .iter()
                .any(|l| l.starts_with("Remote")),
        }
        .render()
        .map_err(|source| RenderError::Template {
            page: query.url(page),
            source,
        })?;
        Ok(Page::html(PageKind::Listing, html))
    }

    /// The roles a feed of `query` holds: its newest matches, newest first.
    pub(crate) fn feed_roles(&self, query: &ListingQuery) -> Vec<&Role> {
        let mut matches = self.index.matches(query);
        matches.sort_unstable_by_key(|&i| self.feed_rank.get(i).copied().unwrap_or(u32::MAX));
        matches.truncate(FEED_SIZE);
        matches
            .iter()
            .filter_map(|&i| self.listed_role(i))
            .collect()
    }

    /// Renders the Atom feed of a query: its newest matches, newest first.
    pub(crate) fn render_feed(&self, query: &ListingQuery) -> Result<Page, RenderError> {
        let roles = self.feed_roles(query);
        let xml = words::feed_page(&self.chrome, query, &roles, self.today)
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

    /// The feeds of `query`'s filters, and the email sign-up with its feed.
    fn follow(&self, query: &ListingQuery) -> Follow {
        let feed_url = query.feed_url();
        let absolute = self.chrome.base_url.absolute(&feed_url);
        Follow {
            alerts_url: self
                .built_with
                .0
                .alerts_url
                .as_deref()
                .map(|alerts| alerts_link(alerts, &absolute)),
            json_feed_url: query.json_feed_url(),
            feed_url,
        }
    }

    /// The listed role at index `i` of the listing (the search index's).
    fn listed_role(&self, i: usize) -> Option<&Role> {
        self.listed
            .get(i)
            .and_then(|&r| self.roles.get(r))
            .map(|r| &**r)
    }

    /// The listed roles, in listing order (indexes as the search index's).
    pub(crate) fn listed_roles(&self) -> Vec<&Role> {
        self.listed
            .iter()
            .filter_map(|&r| self.roles.get(r))
            .map(|r| &**r)
            .collect()
    }

    /// The sort choices of the form, the current one selected. The first
    /// sends no value: the default order, named for what it is.
    fn sort_choices(query: &ListingQuery, words: &Words) -> Vec<SortChoice> {
        let current = query.sort();
        Sort::ALL
            .into_iter()
            .zip(words.sort_labels)
            .map(|(s, label)| SortChoice {
                value: if s == Sort::Relevance { "" } else { s.value() },
                label: match (s, query.q.trim().is_empty()) {
                    (Sort::Relevance, true) => words.by_team,
                    _ => label,
                },
                selected: s == current,
            })
            .collect()
    }

    /// A search like `query` that finds roles, when `query` finds none
    /// because of a misspelt word.
    fn suggestion(&self, query: &ListingQuery) -> Option<Suggestion> {
        let better = self.index.suggest(query)?;
        Some(Suggestion {
            url: better.url(1),
            q: better.q,
        })
    }

    /// Closed roles whose title (or slug) is the search text, in any case
    /// and punctuation: a candidate looking for a role that has closed is
    /// told so, with its page, rather than just "no roles".
    fn closed_named(&self, q: &str) -> Vec<RoleLinkView> {
        let plain = |text: &str| -> String {
            let text = search::search_text(text);
            search::words(&text).collect::<Vec<_>>().join(" ")
        };
        let wanted = plain(q);
        if wanted.is_empty() {
            return Vec::new();
        }
        self.roles
            .iter()
            .filter(|r| !r.is_listed(self.today) && r.status != Status::Draft)
            .filter(|r| plain(&r.title) == wanted || plain(r.slug.as_str()) == wanted)
            .map(|r| RoleLinkView {
                title: r.title.clone(),
                url: urls::role(&r.slug),
                current: false,
            })
            .collect()
    }

    /// The shown roles' prebuilt cards as one list in search rank order: a
    /// search answers best match first, not team by team.
    fn ranked_group(
        &self,
        shown: impl Iterator<Item = usize>,
        query: &ListingQuery,
        name: &str,
    ) -> Vec<RowGroup<'_>> {
        let cards: Vec<CardView<'_>> = shown.filter_map(|i| self.card(i, query)).collect();
        if cards.is_empty() {
            return Vec::new();
        }
        vec![RowGroup {
            name: name.to_owned(),
            id: "matches".to_owned(),
            cards,
        }]
    }

    /// Listed role `i`'s card, saying why it matched the location filter
    /// when the card would not show it.
    fn card(&self, i: usize, query: &ListingQuery) -> Option<CardView<'_>> {
        let card = self.cards.get(i)?;
        Some(CardView::new(card, self.index.location_reason(i, query)))
    }

    /// The shown roles' prebuilt cards under their group headings; one list
    /// without a heading when no role names a team.
    fn row_groups(
        &self,
        shown: impl Iterator<Item = usize>,
        query: &ListingQuery,
    ) -> Vec<RowGroup<'_>> {
        if !self.grouped {
            let cards: Vec<CardView<'_>> = shown.filter_map(|i| self.card(i, query)).collect();
            if cards.is_empty() {
                return Vec::new();
            }
            return vec![RowGroup {
                name: String::new(),
                id: "roles".to_owned(),
                cards,
            }];
        }
        let mut groups: Vec<RowGroup<'_>> = Vec::new();
        for i in shown {
            let Some(role) = self.listed_role(i) else {
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
            if let (Some(group), Some(card)) = (groups.last_mut(), self.card(i, query)) {
                group.cards.push(card);
            }
        }
        groups
    }
}

/// The email sign-up address carrying a feed: in place of `{feed}`, else as
/// a `feed` query parameter (before any `#fragment`).
fn alerts_link(alerts: &str, feed: &str) -> String {
    let encoded = urls::percent_encode(feed);
    if alerts.contains("{feed}") {
        return alerts.replace("{feed}", &encoded);
    }
    let (address, fragment) = alerts.split_once('#').map_or((alerts, ""), |(a, f)| (a, f));
    let joiner = if address.contains('?') { '&' } else { '?' };
    let mut link = format!("{address}{joiner}feed={encoded}");
    if !fragment.is_empty() {
        link.push('#');
        link.push_str(fragment);
    }
    link
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_prebuilt_listing_page_reads_as_that_page_rendered_alone() {
        let sources = (0..250)
            .map(|i| {
                let text = format!("# Orchard Hand {i}\n\nLook after row {i}.\n");
                (
                    std::path::PathBuf::from(format!("roles/hand-{i:03}.md")),
                    text.into_bytes(),
                )
            })
            .collect();
        let catalogue = crate::role::load::from_sources(sources);
        let today = jiff::civil::date(2026, 12, 7);
        let site = Site::build_for(
            catalogue.roles,
            &crate::site::Settings::default(),
            today,
            crate::site::Mode::Publish,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let pages = site
            .render_listing_pages()
            .unwrap_or_else(|e| panic!("{e}"));
        let paths: Vec<&str> = pages.iter().map(|(path, _)| path.as_str()).collect();
        assert_eq!(paths, ["/", "/page/2", "/page/3"]);
        for (n, (_, page)) in (1..).zip(&pages) {
            let alone = site
                .render_listing(&ListingQuery {
                    page: if n == 1 { String::new() } else { n.to_string() },
                    ..ListingQuery::default()
                })
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(page.identity.body, alone.identity.body, "page {n}");
            let html = String::from_utf8_lossy(&page.identity.body);
            assert!(html.contains(&format!("Page {n} of 3")), "{html}");
        }
    }

    #[test]
    fn the_email_sign_up_carries_the_feed() {
        let feed = "https://jobs.example/feed.xml?team=Data";
        let encoded = "https%3A%2F%2Fjobs.example%2Ffeed.xml%3Fteam%3DData";
        assert_eq!(
            alerts_link("https://mail.example/subscribe?list=jobs", feed),
            format!("https://mail.example/subscribe?list=jobs&feed={encoded}")
        );
        assert_eq!(
            alerts_link("https://mail.example/add#form", feed),
            format!("https://mail.example/add?feed={encoded}#form")
        );
        assert_eq!(
            alerts_link("https://rss2mail.example/new?url={feed}&x=1", feed),
            format!("https://rss2mail.example/new?url={encoded}&x=1")
        );
    }
}
