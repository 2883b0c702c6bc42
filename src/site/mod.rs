//! Typed roles to rendered bytes: every page of the site, built once.
//!
//! A [`Site`] is one immutable snapshot: the page cache (path -> [`Page`]),
//! redirects for aliases, and the listed roles for filtered listings. `serve`
//! holds it in memory and swaps it whole on reload; `build` writes the same
//! bytes to disk ([`export`]). Nothing here knows about HTTP.

pub mod api;
pub mod assets;
pub mod export;
pub mod format;
pub mod listing;
pub mod markdown;
pub mod page;
pub mod pages;
pub mod settings;

use std::collections::HashMap;
use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use askama::Template;
use bytes::Bytes;
use jiff::civil::Date;
use rayon::prelude::*;

use crate::role::model::{Role, SectionKind, Status};
use crate::site::api::RoleJson;
use crate::site::assets::Assets;
use crate::site::listing::{FilterChoices, ListingQuery, PAGE_SIZE, SearchIndex, group_name};
use crate::site::markdown::RoleLinks;
pub use crate::site::page::{CachePolicy, Page};
use crate::site::pages::{
    BandRow, Choice, Chrome, ErrorPage, ExpectationGroup, ExpectationView, Fact, ListingPage,
    RoleCard, RoleLinkView, RolePage, RoleRow, RowGroup, SectionView,
};
pub use crate::site::settings::Settings;

/// HTML content type.
pub const HTML: &str = "text/html; charset=utf-8";
/// JSON content type.
pub const JSON: &str = "application/json";

/// How many filtered listings to remember.
const LISTING_CACHE_SIZE: usize = 512;
/// How many filtered listings may wait for background compression at once.
const MAX_PENDING_COMPRESSIONS: usize = 32;

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

/// One immutable build of the site.
pub struct Site {
    pages: HashMap<String, Arc<Page>>,
    redirects: HashMap<String, String>,
    not_found: Arc<Page>,
    /// Published roles (open and closed), in listing order.
    roles: Vec<Role>,
    /// Indexes into `roles` of the listed (open) ones; no second copy of any role.
    listed: Vec<usize>,
    /// Each listed role's card in the listing, pre-rendered (same order as `listed`).
    cards: Vec<Box<str>>,
    index: SearchIndex,
    choices: FilterChoices,
    chrome: Chrome,
    filtered: Mutex<lru::LruCache<ListingQuery, Arc<Page>>>,
    /// Filtered listings queued for background compression.
    compressing: Arc<AtomicUsize>,
}

impl std::fmt::Debug for Site {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Site")
            .field("pages", &self.pages.len())
            .field("listed", &self.listed.len())
            .finish_non_exhaustive()
    }
}

impl Site {
    /// Renders every page. Drafts are left out; closed roles keep their page
    /// and JSON but leave the listing (DECISIONS.md, "Status").
    pub fn build(roles: Vec<Role>, settings: &Settings, today: Date) -> Result<Site> {
        let assets = Assets::new();
        let chrome = Chrome {
            organisation: settings.organisation.clone(),
            base_url: settings.base_url.clone(),
            logo: settings.logo.clone(),
            contact_email: settings.contact_email.clone(),
            css_url: assets.css.url.clone(),
            js_url: assets.js.url.clone(),
            icon_url: assets.icon.url.clone(),
        };
        let mut published: Vec<Role> = roles
            .into_iter()
            .filter(|r| r.status != Status::Draft)
            .collect();
        published
            .sort_by_cached_key(|r| (group_name(r).to_owned(), r.level_rank(), r.title.clone()));
        let links: RoleLinks = published
            .iter()
            .map(|r| (r.source_file.clone(), format!("/roles/{}", r.slug)))
            .collect();
        let listed: Vec<usize> = (0..published.len())
            .filter(|&i| published[i].is_listed(today))
            .collect();
        let listed_refs: Vec<&Role> = listed.iter().map(|&i| &published[i]).collect();
        let kin = Kin::new(&published, today);

        let mut pages: HashMap<String, Arc<Page>> = HashMap::with_capacity(published.len() * 2 + 8);
        // The search index has sequential steps: build it beside the pages.
        let (rendered, (index, choices)): (Vec<Result<(Page, Bytes)>>, _) = rayon::join(
            || {
                published
                    .par_iter()
                    .map(|role| render_role(role, today, settings, &kin, &chrome, &links))
                    .collect()
            },
            || {
                (
                    SearchIndex::new(&listed_refs),
                    FilterChoices::new(&listed_refs),
                )
            },
        );
        let mut role_json: Vec<Bytes> = Vec::with_capacity(published.len());
        for (role, result) in published.iter().zip(rendered) {
            let (html, json) = result?;
            pages.insert(format!("/roles/{}", role.slug), Arc::new(html));
            pages.insert(
                format!("/roles/{}.json", role.slug),
                Arc::new(Page::new(JSON, CachePolicy::Revalidate, json.clone())),
            );
            role_json.push(json);
        }

        let json = roles_json(listed.iter().map(|&i| &role_json[i]));
        drop(role_json);
        pages.insert(
            "/roles.json".into(),
            Arc::new(Page::new(JSON, CachePolicy::Revalidate, json)),
        );

        for asset in assets.all() {
            pages.insert(
                asset.url.clone(),
                Arc::new(Page::new(
                    asset.content_type,
                    CachePolicy::Immutable,
                    asset.bytes,
                )),
            );
        }

        let mut redirects = HashMap::new();
        for role in &published {
            for alias in &role.meta.aliases {
                redirects.insert(format!("/roles/{alias}"), format!("/roles/{}", role.slug));
                redirects.insert(
                    format!("/roles/{alias}.json"),
                    format!("/roles/{}.json", role.slug),
                );
            }
        }

        let suggestions: Vec<RoleLinkView> = listed_refs
            .iter()
            .take(8)
            .map(|r| link_view(r, false))
            .collect();
        let not_found = ErrorPage {
            chrome: chrome.clone(),
            title: "Page not found".into(),
            message: "We could not find that page. The role may have been renamed or closed, or the link may be mistyped.".into(),
            suggestions,
        }
        .render()
        .map_err(|source| RenderError::Template { page: "404".into(), source })?;

        let cards = listed_refs
            .par_iter()
            .map(|r| {
                RoleCard { row: row(r) }
                    .render()
                    .map(String::into_boxed_str)
                    .map_err(|source| RenderError::Template {
                        page: format!("listing card for /roles/{}", r.slug),
                        source,
                    })
            })
            .collect::<Result<Vec<_>>>()?;
        drop(listed_refs);
        drop(kin);
        let mut site = Site {
            pages,
            redirects,
            not_found: Arc::new(Page::new(HTML, CachePolicy::Revalidate, not_found)),
            roles: published,
            listed,
            cards,
            index,
            choices,
            chrome,
            filtered: Mutex::new(lru::LruCache::new(
                NonZeroUsize::new(LISTING_CACHE_SIZE).unwrap_or(NonZeroUsize::MIN),
            )),
            compressing: Arc::new(AtomicUsize::new(0)),
        };
        let home = site
            .render_listing(&ListingQuery::default())
            .map_err(|source| RenderError::Template {
                page: "/".into(),
                source,
            })?;
        site.pages.insert("/".into(), Arc::new(home));
        Ok(site)
    }

    /// The prebuilt page at a request path.
    pub fn page(&self, path: &str) -> Option<&Arc<Page>> {
        self.pages.get(path)
    }

    /// Where an alias path redirects to.
    pub fn redirect(&self, path: &str) -> Option<&str> {
        self.redirects.get(path).map(String::as_str)
    }

    /// The not-found page.
    pub fn not_found(&self) -> &Arc<Page> {
        &self.not_found
    }

    /// Every prebuilt page with its path, for export.
    pub fn pages(&self) -> impl Iterator<Item = (&str, &Arc<Page>)> {
        self.pages.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// How many roles are listed.
    pub fn listed_count(&self) -> usize {
        self.listed.len()
    }

    /// Compresses every page that is not compressed yet, on all cores: gzip
    /// for every page first (quick, and every client takes it), then brotli.
    /// The listing goes first in each pass, as the page most asked for.
    pub fn compress_all(&self) {
        let mut pages: Vec<&Arc<Page>> = self.pages.values().chain([&self.not_found]).collect();
        if let Some(home) = self.pages.get("/") {
            pages.insert(0, home);
        }
        pages.par_iter().for_each(|p| p.compress_gzip());
        pages.par_iter().for_each(|p| p.compress_brotli());
    }

    /// The listing for a query: prebuilt for the plain listing, else rendered
    /// from the in-memory roles and remembered in a bounded cache.
    pub fn listing(&self, query: &ListingQuery) -> Arc<Page> {
        let query = query.canonical();
        if query == ListingQuery::default()
            && let Some(home) = self.pages.get("/")
        {
            return Arc::clone(home);
        }
        if let Ok(mut cache) = self.filtered.lock()
            && let Some(page) = cache.get(&query)
        {
            return Arc::clone(page);
        }
        let page = match self.render_listing(&query) {
            Ok(page) => Arc::new(page),
            // askama only fails on a formatter error, which our views never raise.
            Err(error) => {
                tracing::error!(?error, "listing failed to render");
                Arc::clone(&self.not_found)
            }
        };
        // Compress off the request path; until then this page goes out
        // uncompressed. A flood of distinct searches must not queue unbounded
        // work, so past a few pending jobs a page simply stays uncompressed.
        if self.compressing.fetch_add(1, Ordering::AcqRel) < MAX_PENDING_COMPRESSIONS {
            let background = Arc::clone(&page);
            let pending = Arc::clone(&self.compressing);
            rayon::spawn(move || {
                background.compress();
                pending.fetch_sub(1, Ordering::AcqRel);
            });
        } else {
            self.compressing.fetch_sub(1, Ordering::AcqRel);
        }
        if let Ok(mut cache) = self.filtered.lock() {
            cache.put(query, Arc::clone(&page));
        }
        page
    }

    fn render_listing(&self, query: &ListingQuery) -> std::result::Result<Page, askama::Error> {
        let matches = self.index.matches(query);
        let total = matches.len();
        let pages = total.div_ceil(PAGE_SIZE).max(1);
        let page = query.page_number().min(pages);
        let shown = matches.iter().skip((page - 1) * PAGE_SIZE).take(PAGE_SIZE);
        let mut groups: Vec<RowGroup<'_>> = Vec::new();
        for &i in shown {
            let Some(role) = self.listed.get(i).map(|&r| &self.roles[r]) else {
                continue;
            };
            let name = group_name(role);
            if groups.last().is_none_or(|g| g.name != name) {
                groups.push(RowGroup {
                    name: name.to_owned(),
                    id: format!("team-{}", crate::role::anchor::slugify(name)),
                    cards: Vec::new(),
                });
            }
            if let (Some(group), Some(card)) = (groups.last_mut(), self.cards.get(i)) {
                group.cards.push(card);
            }
        }
        let filtered = query.is_filtered();
        let plural = if total == 1 { "" } else { "s" };
        let count_text = if filtered {
            let verb = if total == 1 { "matches" } else { "match" };
            format!("{total} role{plural} {verb} your search")
        } else {
            format!("{total} open role{plural}")
        };
        let choose = |values: &[String], current: &str| -> Vec<Choice> {
            values
                .iter()
                .map(|v| Choice {
                    value: v.clone(),
                    selected: v.eq_ignore_ascii_case(current),
                })
                .collect()
        };
        let page_title = if filtered {
            format!("Search results – Careers at {}", self.chrome.organisation)
        } else {
            format!("Careers at {}", self.chrome.organisation)
        };
        let html = ListingPage {
            chrome: self.chrome.clone(),
            page_title,
            groups,
            total,
            count_text,
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
        .render()?;
        Ok(Page::new(HTML, CachePolicy::Revalidate, html))
    }
}

/// Each role's relatives, grouped once per build so a role page looks them up
/// instead of scanning every role (that scan made a 10,000-role build quadratic).
struct Kin<'a> {
    /// Per discipline, one rung per level, junior to senior.
    ladders: HashMap<&'a str, Vec<Rung<'a>>>,
    /// Roles per listing group (team, else discipline), in listing order.
    by_group: HashMap<&'a str, Vec<&'a Role>>,
}

/// One level of a discipline's ladder.
struct Rung<'a> {
    rank: usize,
    /// The role shown for this level: the first open one, else the first.
    shown: &'a Role,
}

impl<'a> Kin<'a> {
    fn new(roles: &'a [Role], today: Date) -> Kin<'a> {
        let mut by_discipline: HashMap<&str, Vec<&Role>> = HashMap::new();
        let mut by_group: HashMap<&str, Vec<&Role>> = HashMap::new();
        for role in roles {
            if let (Some(d), Some(_)) = (role.discipline.as_deref(), &role.level) {
                by_discipline.entry(d).or_default().push(role);
            }
            by_group.entry(group_name(role)).or_default().push(role);
        }
        let ladders = by_discipline
            .into_iter()
            .map(|(discipline, mut same)| {
                same.sort_by_cached_key(|r| (r.level_rank(), r.title.clone()));
                let rungs = same
                    .chunk_by(|a, b| a.level_rank() == b.level_rank())
                    .filter_map(|rung| {
                        let shown = rung.iter().find(|r| r.is_listed(today)).or(rung.first())?;
                        Some(Rung {
                            rank: shown.level_rank(),
                            shown,
                        })
                    })
                    .collect();
                (discipline, rungs)
            })
            .collect();
        Kin { ladders, by_group }
    }
}

/// A role's page and its JSON.
fn render_role(
    role: &Role,
    today: Date,
    settings: &Settings,
    kin: &Kin<'_>,
    chrome: &Chrome,
    links: &RoleLinks,
) -> Result<(Page, Bytes)> {
    let status = role.effective_status(today);
    let apply_url = role
        .meta
        .apply_url
        .as_deref()
        .unwrap_or(&settings.apply_url);
    // Sized up front: growing a 12 KB page from askama's small estimate
    // copied every page several times.
    let source_len: usize = role.sections.iter().map(|s| s.body.source.len()).sum();
    let mut html = String::with_capacity(source_len * 2 + 8 * 1024);
    role_page(role, status, apply_url, kin, chrome, links)
        .render_into(&mut html)
        .map_err(|source| RenderError::Template {
            page: format!("/roles/{}", role.slug),
            source,
        })?;
    let mut json = Vec::with_capacity(source_len / 2 + 1024);
    serde_json::to_writer(&mut json, &RoleJson::new(role, status.as_str(), apply_url)).map_err(
        |source| RenderError::Json {
            page: format!("/roles/{}.json", role.slug),
            source,
        },
    )?;
    Ok((
        Page::new(HTML, CachePolicy::Revalidate, html),
        Bytes::from(json),
    ))
}

/// `{"roles":[ROLE,...]}`. A listed role's entry is byte for byte its own JSON
/// (status "open"), so the entries are joined rather than serialised again.
fn roles_json<'a>(entries: impl Iterator<Item = &'a Bytes> + Clone) -> Vec<u8> {
    let mut json = Vec::with_capacity(entries.clone().map(|e| e.len() + 1).sum::<usize>() + 16);
    json.extend_from_slice(b"{\"roles\":[");
    for (n, entry) in entries.enumerate() {
        if n > 0 {
            json.push(b',');
        }
        json.extend_from_slice(entry);
    }
    json.extend_from_slice(b"]}");
    json
}

fn row(role: &Role) -> RoleRow {
    RoleRow {
        title: role.title.clone(),
        url: format!("/roles/{}", role.slug),
        summary: format::one_line(&role.summary_text, 180),
        salary: format::salary_summary(role),
        location: role.location.clone(),
        level: role.level.clone(),
        closes: role.meta.closes.map(format::date),
        closes_iso: role.meta.closes.map(|d| d.to_string()),
    }
}

fn link_view(role: &Role, current: bool) -> RoleLinkView {
    RoleLinkView {
        title: role.title.clone(),
        url: format!("/roles/{}", role.slug),
        level: role.level.clone(),
        current,
    }
}

fn kind_class(kind: SectionKind) -> &'static str {
    match kind {
        SectionKind::About => "about",
        SectionKind::RequiredExperience => "required",
        SectionKind::OptionalExperience => "optional",
        SectionKind::Responsibilities => "responsibilities",
        SectionKind::Competencies => "competencies",
        SectionKind::KeyMeasures => "measures",
        SectionKind::Expectations => "expectations",
        SectionKind::Benefits => "benefits",
        SectionKind::Salary => "salary",
        SectionKind::Location => "location",
        SectionKind::Applying => "applying",
        SectionKind::Culture => "culture",
        SectionKind::Other => "other",
    }
}

/// The career path through a role's discipline, one role per level, junior to
/// senior, with this role at its own level. One link per level keeps pages
/// small however many roles share a level.
fn career_path<'a>(role: &'a Role, ladder: &[Rung<'a>]) -> Vec<&'a Role> {
    if ladder.len() < 2 {
        return Vec::new();
    }
    let own = role.level_rank();
    ladder
        .iter()
        .map(|rung| if rung.rank == own { role } else { rung.shown })
        .collect()
}

fn role_page(
    role: &Role,
    status: Status,
    apply_url: &str,
    kin: &Kin<'_>,
    chrome: &Chrome,
    links: &RoleLinks,
) -> RolePage {
    let mut facts = Vec::new();
    let mut push = |label: &'static str, value: Option<String>| {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            facts.push(Fact { label, value });
        }
    };
    push("Location", role.location.clone());
    push("Level", role.level.clone());
    push(
        "Team",
        role.meta.team.clone().or_else(|| role.discipline.clone()),
    );
    push("Employment type", role.meta.employment_type.clone());
    push("Posted", role.meta.posted.map(format::date));
    push("Closing date", role.meta.closes.map(format::date));

    let bands = role
        .salary
        .iter()
        .map(|b| BandRow {
            location: b.location().map(str::to_owned),
            range: format::band_range(b),
            note: b.note().map(str::to_owned),
        })
        .collect();

    let sections: Vec<SectionView> = role
        .sections
        .iter()
        .map(|s| {
            let expectations = if s.kind == SectionKind::Expectations {
                let mut groups: Vec<ExpectationGroup> = Vec::new();
                for e in role.expectations.iter().filter(|e| {
                    // Expectations belong to the section whose anchors hold theirs,
                    // or (list-style) to the first expectations section.
                    e.anchor.as_ref().is_none_or(|a| s.body_anchors.contains(a))
                }) {
                    if groups.last().is_none_or(|g| g.name != e.group) {
                        groups.push(ExpectationGroup {
                            name: e.group.clone(),
                            items: Vec::new(),
                        });
                    }
                    if let Some(g) = groups.last_mut() {
                        g.items.push(ExpectationView {
                            id: e.anchor.clone(),
                            title: e.title.clone(),
                            description_html: markdown::render(&e.description.source, &[], links),
                        });
                    }
                }
                groups
            } else {
                Vec::new()
            };
            SectionView {
                id: s.anchor.clone(),
                heading: s.heading.clone(),
                level: s.level,
                class: kind_class(s.kind),
                html: if expectations.is_empty() {
                    markdown::render(&s.body.source, &s.body_anchors, links)
                } else {
                    String::new()
                },
                expectations,
            }
        })
        .collect();
    let toc = sections
        .iter()
        .filter(|s| !s.heading.is_empty())
        .map(|s| (s.id.clone(), s.heading.clone(), s.level))
        .collect();

    let path = role
        .discipline
        .as_deref()
        .and_then(|d| kin.ladders.get(d))
        .map(|ladder| career_path(role, ladder))
        .unwrap_or_default();
    let group = group_name(role);
    // Roles already on the career path are not repeated as related roles.
    let on_path = |r: &Role| path.iter().any(|p| p.slug == r.slug);
    let related: Vec<RoleLinkView> = kin
        .by_group
        .get(group)
        .into_iter()
        .flatten()
        .filter(|r| r.slug != role.slug && !on_path(r))
        .take(6)
        .map(|r| link_view(r, false))
        .collect();

    RolePage {
        chrome: chrome.clone(),
        title: role.title.clone(),
        description: format::one_line(&role.summary_text, 160),
        canonical: format!("{}/roles/{}", chrome.base_url, role.slug),
        summary_html: markdown::render(&role.summary.source, &[], links),
        closed: status != Status::Open,
        facts,
        bands,
        apply_url: apply_url.to_owned(),
        toc,
        sections,
        related,
        progression: path
            .iter()
            .map(|r| link_view(r, r.slug == role.slug))
            .collect(),
        group_name: group.to_owned(),
        group_url: ListingQuery {
            team: group.to_owned(),
            ..ListingQuery::default()
        }
        .url(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::role::load::roles_from_texts;

    fn titles(path: &[&Role]) -> Vec<String> {
        path.iter().map(|r| r.title.clone()).collect()
    }

    #[test]
    fn career_path_has_one_rung_per_level_with_this_role_on_its_own() {
        let today = Date::constant(2026, 11, 23);
        let all = roles_from_texts(&[
            ("junior-baker.md", "# Junior Baker\n"),
            (
                "mid-baker-a.md",
                "---\ndiscipline: Baker\n---\n# Mid Baker A\n",
            ),
            (
                "mid-baker-b.md",
                "---\ndiscipline: Baker\n---\n# Mid Baker B\n",
            ),
            (
                "senior-baker.md",
                "---\nstatus: closed\n---\n# Senior Baker\n",
            ),
            (
                "senior-baker-x.md",
                "---\ndiscipline: Baker\n---\n# Senior Baker X\n",
            ),
            ("lead-baker.md", "# Lead Baker\n"),
        ]);
        let kin = Kin::new(&all, today);
        let ladder = &kin.ladders["Baker"];
        let from = |slug: &str| all.iter().find(|r| r.slug.as_str() == slug).unwrap();

        let path = career_path(from("mid-baker-b"), ladder);
        assert_eq!(
            titles(&path),
            [
                "Junior Baker",
                "Mid Baker B",
                "Senior Baker X",
                "Lead Baker"
            ],
            "own rung shows this role; a closed role gives way to an open one"
        );
        let path = career_path(from("junior-baker"), ladder);
        assert_eq!(titles(&path)[1], "Mid Baker A");
    }

    #[test]
    fn a_single_level_is_not_a_career_path() {
        let today = Date::constant(2026, 11, 23);
        let all = roles_from_texts(&[
            ("senior-cook.md", "# Senior Cook\n"),
            (
                "senior-cook-b.md",
                "---\ndiscipline: Cook\n---\n# Senior Cook B\n",
            ),
        ]);
        let kin = Kin::new(&all, today);
        assert!(career_path(&all[0], &kin.ladders["Cook"]).is_empty());
    }
}
