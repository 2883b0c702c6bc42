//! The build, as named stages: publish, role pages and their JSON, career
//! path pages, the catalogue JSON, assets, redirects, error pages, listing cards, discovery
//! (sitemap, robots.txt), home and feed.
//!
//! Drafts are left out; closed roles (by status, or by a closing date that has
//! passed) keep their page and JSON but leave the listing and `/roles.json`.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use askama::Template;
use bytes::Bytes;
use jiff::civil::Date;
use rayon::prelude::*;

use crate::role::model::{Currency, Role, Status};
use crate::site::assemble::assets::Assets;
use crate::site::assemble::later::RolePagesLater;
use crate::site::assemble::reuse::Reuse;
use crate::site::discovery::share::{self, ShareCard};
use crate::site::listing::ListingQuery;
use crate::site::listing::search::{FilterChoices, SearchIndex, filtered_by};
use crate::site::pages::api::RoleJson;
use crate::site::pages::career::CareerPaths;
use crate::site::pages::journey;
use crate::site::pages::paths;
use crate::site::pages::templates::{
    Chrome, ErrorPage, RoleCard, RoleLinkView, ShareImage, SitemapUrl,
};
use crate::site::pages::views::{self, RoleContext};
use crate::site::text::markdown::RoleLinks;
use crate::site::text::words::Words;
use crate::site::urls::{self, BaseUrl};
use crate::site::{
    Apply, CachePolicy, LazyPage, Page, PageKind, RenderError, Result, Settings, Site, TEXT, XML,
};

/// Who the site is built for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Candidates (`serve`, `build`): drafts are left out.
    #[default]
    Publish,
    /// A hiring manager's preview: drafts are listed with a banner, and every
    /// page loads the live-reload script.
    Preview,
}

/// Every site this process builds gets the next number.
static GENERATION: AtomicU64 = AtomicU64::new(1);

/// The prebuilt pages, by request path.
type PageMap = HashMap<String, Arc<Page>>;

/// Whether a build renders the role pages and what leads to them (see
/// [`Site::build_role_pages_later`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RolePages {
    Now,
    Later,
}

impl Site {
    /// Renders every page of the site for `today`, for candidates.
    pub fn build<R: Into<Arc<Role>>>(
        roles: impl IntoIterator<Item = R>,
        settings: &Settings,
        today: Date,
    ) -> Result<Site> {
        let roles = roles.into_iter().map(Into::into).collect();
        Site::build_for(roles, settings, today, Mode::Publish)
    }

    /// Renders every page of the site for `today`, in a mode.
    pub fn build_for(
        roles: Vec<Arc<Role>>,
        settings: &Settings,
        today: Date,
        mode: Mode,
    ) -> Result<Site> {
        Site::rebuild(roles, settings, today, mode, None, RolePages::Now)
    }

    /// The site for candidates with every page but the role pages (each
    /// role's page and JSON, and `/roles.json` made of them) and what leads
    /// to them (redirects, apply links, share images), which
    /// [`Site::with_role_pages`] renders next: `serve` answers with the
    /// listing while they render. Requests for a page it lacks wait for the
    /// whole site ([`Site::role_pages_pending`]).
    pub fn build_role_pages_later(
        roles: Vec<Arc<Role>>,
        settings: &Settings,
        today: Date,
    ) -> Result<Site> {
        let mut site = Site::rebuild(
            roles,
            settings,
            today,
            Mode::Publish,
            None,
            RolePages::Later,
        )?;
        site.role_pages_later = Some(RolePagesLater::new());
        Ok(site)
    }

    /// Builds the site again after the files named in `changed` (by file
    /// name) changed, sharing every page of `previous` that cannot have.
    pub fn rebuild_after(
        roles: Vec<Arc<Role>>,
        settings: &Settings,
        today: Date,
        mode: Mode,
        previous: (&Site, &HashSet<String>),
    ) -> Result<Site> {
        Site::rebuild(roles, settings, today, mode, Some(previous), RolePages::Now)
    }

    fn rebuild(
        roles: Vec<Arc<Role>>,
        settings: &Settings,
        today: Date,
        mode: Mode,
        previous: Option<(&Site, &HashSet<String>)>,
        role_pages: RolePages,
    ) -> Result<Site> {
        let started = std::time::Instant::now();
        let assets = Assets::new();
        let published = publish(roles, mode, settings.default_location.as_deref());
        let pay_currency = settings.pay_currency(published.iter().map(|r| &**r));
        let chrome = chrome(settings, &assets, mode, pay_currency);
        let published_ms = started.elapsed().as_millis();
        let reuse = reuse(previous, &published, &chrome, (settings, today, mode));
        let listed: Vec<usize> = (0..published.len())
            .filter(|&i| published[i].is_listed(today) || published[i].status == Status::Draft)
            .collect();
        let listed_refs: Vec<&Role> = listed.iter().map(|&i| &*published[i]).collect();

        let mut pages = PageMap::with_capacity(published.len() * 2 + 8);
        let (role_json, links, (index, choices), built_paths) = pages_and_index(
            (&published, &listed, &listed_refs),
            (settings, today, &chrome),
            (&mut pages, role_pages),
            reuse.as_ref(),
        )?;
        let path_urls = add_career_paths(&built_paths, &mut pages);
        let pages_ms = started.elapsed().as_millis();
        let mut made_on_request: HashMap<String, Arc<LazyPage<Site>>> = HashMap::new();
        // Made of the role pages' JSON: none when they come later.
        if role_pages == RolePages::Now {
            let listed_json = listed.iter().filter_map(|&i| role_json.get(i).cloned());
            roles_catalogue(
                listed_json.collect(),
                mode,
                &mut pages,
                &mut made_on_request,
            );
        }
        drop(role_json);
        let roles_json_ms = started.elapsed().as_millis();
        add_assets(&assets, mode, &mut pages);
        journey_pages(&chrome, settings, &published, &mut pages)?;
        let (not_found, server_error) = error_pages(&chrome, &listed_refs)?;
        let cards = cards(&listed_refs, reuse.as_ref(), today, chrome.words)?;
        // What leads to a role (old addresses, apply links, share images)
        // comes with its page: a request for one waits for the whole site.
        let (redirect_map, share_cards, applies) = match role_pages {
            RolePages::Now => (
                redirect_map(&published, &pages, reuse.as_ref(), &built_paths),
                share_card_map(&published, &settings.organisation, today, reuse.as_ref()),
                apply_map(&published, settings, today, reuse.as_ref()),
            ),
            RolePages::Later => Default::default(),
        };
        let feed_rank = feed_rank(&listed_refs, today, reuse.as_ref());
        drop(reuse);
        let cards_ms = started.elapsed().as_millis();
        discovery(
            (&chrome, &listed_refs, today, mode),
            path_urls,
            &mut pages,
            &mut made_on_request,
        )?;
        let discovery_ms = started.elapsed().as_millis();
        let grouped = listed_refs.iter().any(|r| r.meta.team.is_some());
        drop(listed_refs);
        Site::count_new();
        let mut site = Site {
            generation: GENERATION.fetch_add(1, Ordering::Relaxed),
            built_with: (settings.clone(), today, mode),
            redirects: redirect_map,
            share_cards,
            made_on_request,
            career_paths: built_paths,
            applies,
            links,
            pages,
            not_found: Arc::new(not_found),
            server_error: Arc::new(server_error),
            roles: published,
            listed,
            cards,
            feed_rank,
            today,
            grouped,
            index,
            choices,
            chrome,
            role_pages_later: None,
        };
        let stages_ms = started.elapsed().as_millis();
        listing_and_feeds(&mut site, mode)?;
        tracing::debug!(
            published_ms,
            pages_ms,
            roles_json_ms,
            cards_ms,
            discovery_ms,
            stages_ms,
            total_ms = started.elapsed().as_millis(),
            "site built"
        );
        Ok(site)
    }
}

/// What the previous site can lend this build, if anything (see [`Reuse`]):
/// nothing when the site's usual pay currency changed, since every page
/// shows it.
fn reuse<'a>(
    previous: Option<(&'a Site, &'a HashSet<String>)>,
    published: &'a [Arc<Role>],
    chrome: &Chrome,
    build: (&Settings, Date, Mode),
) -> Option<Reuse<'a>> {
    let (site, changed) = previous?;
    if site.chrome.pay_currency != chrome.pay_currency {
        return None;
    }
    let reuse = Reuse::new(site, published, changed, build)?;
    tracing::debug!(
        affected = reuse.affected(),
        of = published.len(),
        "rebuilding the pages a change affects"
    );
    Some(reuse)
}

/// What [`pages_and_index`] makes: each role's JSON, where role-file links
/// lead, the search index with the filter form's choices, and the career
/// path pages.
type PagesAndIndex = (
    Vec<Bytes>,
    Arc<RoleLinks>,
    (SearchIndex, FilterChoices),
    Vec<PathOf>,
);

/// Stage 2: the role pages (into `pages`) side by side with the search
/// index, which has sequential steps, and the career path pages. Each
/// discipline's ladder is worked out once: role pages link their rungs, and
/// each ladder of several levels is a career path page.
fn pages_and_index(
    (published, listed, listed_refs): (&[Arc<Role>], &[usize], &[&Role]),
    (settings, today, chrome): (&Settings, Date, &Chrome),
    (pages, render_role_pages): (&mut PageMap, RolePages),
    reuse: Option<&Reuse<'_>>,
) -> Result<PagesAndIndex> {
    let ladders = CareerPaths::new(published, today);
    let (role_json, (index, built_paths)) = rayon::join(
        || match render_role_pages {
            RolePages::Now => role_pages(
                published,
                (settings, today),
                (chrome, &ladders),
                pages,
                reuse,
            ),
            RolePages::Later => Ok((Vec::new(), role_links(published, settings, reuse))),
        },
        || {
            rayon::join(
                || search_index((published, listed, listed_refs), reuse),
                || career_path_pages(&ladders, (today, chrome), reuse),
            )
        },
    );
    let (role_json, links) = role_json?;
    Ok((role_json, links, index, built_paths?))
}

/// Stage 3: `/roles.json`, every listed role's JSON joined. Tens of
/// megabytes at 10,000 roles, for a page a preview seldom shows: there it is
/// made on request.
fn roles_catalogue(
    listed_json: Vec<Bytes>,
    mode: Mode,
    pages: &mut PageMap,
    made_on_request: &mut HashMap<String, Arc<LazyPage<Site>>>,
) {
    let catalogue = move || Page::json(PageKind::RolesJson, roles_json(listed_json.iter()));
    match mode {
        Mode::Publish => {
            pages.insert(urls::ROLES_JSON.into(), Arc::new(catalogue()));
        }
        Mode::Preview => {
            let lazy = LazyPage::new(move |_| Ok(catalogue()));
            made_on_request.insert(urls::ROLES_JSON.into(), Arc::new(lazy));
        }
    }
}

/// The stylesheet, scripts, fonts and icon (and the preview's script in a
/// preview) at their fingerprinted paths.
fn add_assets(assets: &Assets, mode: Mode, pages: &mut PageMap) {
    let preview_js = (mode == Mode::Preview).then_some(&assets.preview_js);
    for asset in assets.all().into_iter().chain(preview_js) {
        pages.insert(
            asset.url.clone(),
            Arc::new(Page::asset(asset.content_type, asset.bytes)),
        );
    }
}

/// The search index of the listed roles, their words left for the first
/// search with text: a preview, rebuilt on every save, may never be
/// searched, and `serve` reads them in the background as soon as the site is
/// stored ([`Site::compress_in_background`]), so its first answer does not
/// wait for them.
///
/// With the filter form's choices. After a change that left every listed
/// role in its place in the listing and the same to every filter but free
/// text, the previous site's facets and choices serve again.
fn search_index(
    (published, listed, listed_refs): (&[Arc<Role>], &[usize], &[&Role]),
    reuse: Option<&Reuse<'_>>,
) -> (SearchIndex, FilterChoices) {
    let roles: Vec<Arc<Role>> = listed.iter().map(|&i| Arc::clone(&published[i])).collect();
    if let Some(reuse) = reuse
        && reuse.same_by(|was, now| filtered_by(was) == filtered_by(now))
        && reuse.same_listing(listed_refs)
    {
        let previous = reuse.previous;
        let index = SearchIndex::deferred_keeping_facets(&previous.index, roles);
        return (index, previous.choices.clone());
    }
    (
        SearchIndex::deferred(roles),
        FilterChoices::new(listed_refs),
    )
}

/// What every page shows around its content.
fn chrome(settings: &Settings, assets: &Assets, mode: Mode, pay_currency: Currency) -> Chrome {
    let base_url = BaseUrl::new(&settings.base_url);
    // Until there are share images of their own, previews show the logo; with
    // no logo they show none rather than a picture scrapers cannot read.
    let logo = settings
        .logo
        .as_deref()
        .and_then(|logo| base_url.absolute_link(logo))
        .map(|url| ShareImage {
            url,
            width: settings.logo_width,
            height: settings.logo_height,
            alt: format!("{} logo", settings.organisation).trim().to_owned(),
        });
    let logo_url = logo.as_ref().map(|l| l.url.clone());
    // Without a logo, the site's own card (a role page shows its own).
    let share_image = logo.or_else(|| {
        let card = ShareCard::for_site(settings.organisation.trim());
        Some(ShareImage {
            url: base_url.absolute(&card.path),
            width: Some(share::WIDTH),
            height: Some(share::HEIGHT),
            alt: card.alt,
        })
    });
    let words = Words::for_lang(settings.lang.as_deref());
    Chrome {
        lang: settings.lang.clone().unwrap_or_else(|| "en-GB".to_owned()),
        words,
        preview_js_url: (mode == Mode::Preview).then(|| assets.preview_js.url.clone()),
        organisation: settings.organisation.trim().to_owned(),
        careers: match settings.organisation.trim() {
            "" => words.careers.to_owned(),
            name => (words.careers_at)(name),
        },
        at: match settings.organisation.trim() {
            "" => String::new(),
            name => (words.at)(name),
        },
        base_url,
        logo: settings.logo.clone(),
        contact_email: settings.contact_email.clone(),
        css_url: assets.css.url.clone(),
        js_url: assets.js.url.clone(),
        icon_url: assets.icon.url.clone(),
        share_image,
        logo_url,
        pay_currency,
        hiring_url: settings
            .hiring
            .is_some()
            .then(|| urls::HOW_WE_HIRE.to_owned()),
    }
}

/// Stage 1: drafts leave (unless previewing); a role whose file names no
/// location takes the site's `default_location`, so its page, card, JSON,
/// filters and structured data all say the same place; the rest in listing
/// order (group without regard to letter case, level, title).
fn publish(roles: Vec<Arc<Role>>, mode: Mode, default_location: Option<&str>) -> Vec<Arc<Role>> {
    let default_location = default_location.map(str::trim).filter(|l| !l.is_empty());
    let published: Vec<Arc<Role>> = roles
        .into_iter()
        .filter(|r| mode == Mode::Preview || r.status != Status::Draft)
        .map(|mut role| {
            let unplaced = role.location.as_deref().is_none_or(|l| l.trim().is_empty());
            if let (true, Some(place)) = (unplaced, default_location) {
                Arc::make_mut(&mut role).location = Some(place.to_owned());
            }
            role
        })
        .collect();
    // By group (letter case aside, then as written), level and title: each
    // group lowercased once, the rest compared where it is.
    let lower: Vec<String> = published.iter().map(|r| r.group().to_lowercase()).collect();
    let mut order: Vec<usize> = (0..published.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&published[a], &published[b]);
        (&lower[a], x.group(), x.level_rank(), &x.title).cmp(&(
            &lower[b],
            y.group(),
            y.level_rank(),
            &y.title,
        ))
    });
    order
        .into_iter()
        .map(|i| Arc::clone(&published[i]))
        .collect()
}

/// Stage 2: every published role's page and JSON, on all cores. Returns each
/// role's JSON (same order as `published`) so `/roles.json` can join them.
fn role_pages(
    published: &[Arc<Role>],
    (settings, today): (&Settings, Date),
    (chrome, paths): (&Chrome, &CareerPaths<'_>),
    pages: &mut PageMap,
    reuse: Option<&Reuse<'_>>,
) -> Result<(Vec<Bytes>, Arc<RoleLinks>)> {
    let links = role_links(published, settings, reuse);
    type Rendered = (String, Arc<Page>, String, Arc<Page>);
    let rendered: Vec<Result<Rendered>> = in_role_context(
        published,
        (settings, today),
        (chrome, paths, &links),
        |cx| {
            published
                .par_iter()
                .map(|role| {
                    let (html_url, json_url) =
                        (urls::role(&role.slug), urls::role_json(&role.slug));
                    let (html, json) = match reuse.and_then(|r| r.pages(role, &html_url, &json_url))
                    {
                        Some(shared) => shared,
                        None => {
                            let (html, json) = render_role(role, today, settings, cx)?;
                            let json = Page::json(PageKind::RoleJson, json);
                            (Arc::new(html), Arc::new(json))
                        }
                    };
                    Ok((html_url, html, json_url, json))
                })
                .collect()
        },
    );
    let mut all_json = Vec::with_capacity(published.len());
    for result in rendered {
        let (html_url, html, json_url, json) = result?;
        all_json.push(json.identity.body.clone());
        pages.insert(html_url, html);
        pages.insert(json_url, json);
    }
    Ok((all_json, links))
}

/// Runs `render` in the context every role page is rendered in (see
/// [`RoleContext`]), made once from the published roles.
fn in_role_context<T>(
    published: &[Arc<Role>],
    (settings, today): (&Settings, Date),
    (chrome, paths, links): (&Chrome, &CareerPaths<'_>, &RoleLinks),
    render: impl FnOnce(&RoleContext<'_>) -> T,
) -> T {
    let mut by_group: HashMap<&str, Vec<&Role>> = HashMap::new();
    let mut open_by_discipline: HashMap<String, Vec<&Role>> = HashMap::new();
    let mut listed_groups = HashSet::new();
    for role in published {
        by_group.entry(role.group()).or_default().push(role);
        if role.is_listed(today) {
            listed_groups.insert(role.group());
        }
        // Suggested to candidates of a closed role as open now.
        if role.effective_status(today) == Status::Open
            && let Some(discipline) = &role.discipline
        {
            open_by_discipline
                .entry(discipline.to_lowercase())
                .or_default()
                .push(role);
        }
    }
    let zone = settings.named_time_zone();
    let translations = translation_groups(published);
    render(&RoleContext {
        translations: &translations,
        chrome,
        paths,
        by_group: &by_group,
        open_by_discipline: &open_by_discipline,
        listed_groups: &listed_groups,
        links,
        today,
        time_zone: zone.as_ref(),
    })
}

impl Site {
    /// The page or JSON of the role at `path` (`/roles/{slug}` or
    /// `/roles/{slug}.json`), rendered now, alone, in the context the whole
    /// site renders it in, so byte for byte the page it will serve; for a
    /// site whose role pages come later (see
    /// [`Site::build_role_pages_later`]), while they render. `None` when
    /// `path` names no published role or this site is whole.
    pub fn role_page_now(&self, path: &str) -> Option<Result<Page>> {
        self.role_pages_later.as_ref()?;
        let (settings, today, _) = &self.built_with;
        let name = path.strip_prefix("/roles/")?;
        let (slug, json) = match name.strip_suffix(".json") {
            Some(slug) => (slug, true),
            None => (name, false),
        };
        let role = self.roles.iter().find(|r| r.slug.as_str() == slug)?;
        let paths = CareerPaths::new(&self.roles, *today);
        let context = (&self.chrome, &paths, &*self.links);
        let rendered = in_role_context(&self.roles, (settings, *today), context, |cx| {
            render_role(role, *today, settings, cx)
        });
        Some(rendered.map(|(html, body)| match json {
            true => Page::json(PageKind::RoleJson, body),
            false => html,
        }))
    }
}

/// Where links written in role files go: the previous site's map when no
/// file came or went and no changed role changed its slug.
fn role_links(
    published: &[Arc<Role>],
    settings: &Settings,
    reuse: Option<&Reuse<'_>>,
) -> Arc<RoleLinks> {
    if let Some(reuse) = reuse
        && reuse.same_by(|was, now| (&was.slug, &was.source_file) == (&now.slug, &now.source_file))
    {
        return Arc::clone(&reuse.previous.links);
    }
    Arc::new(RoleLinks::to_roles(published, settings.source_base()))
}

/// The roles that are translations of each other (front matter
/// `translation_of`/`translations`, in either direction, through any
/// chain), each group in listing order, keyed by each member's slug. A
/// slug that names no published role is ignored.
fn translation_groups(published: &[Arc<Role>]) -> HashMap<&str, Vec<&Role>> {
    if published.iter().all(|r| r.meta.translations.is_empty()) {
        return HashMap::new();
    }
    let index: HashMap<&str, usize> = published
        .iter()
        .enumerate()
        .map(|(i, r)| (r.slug.as_str(), i))
        .collect();
    let mut linked: Vec<Vec<usize>> = vec![Vec::new(); published.len()];
    for (i, role) in published.iter().enumerate() {
        for other in role
            .meta
            .translations
            .iter()
            .filter_map(|s| index.get(s.as_str()))
        {
            if *other != i {
                linked[i].push(*other);
                linked[*other].push(i);
            }
        }
    }
    let mut groups = HashMap::new();
    let mut seen = vec![false; published.len()];
    for start in 0..published.len() {
        if seen[start] || linked[start].is_empty() {
            continue;
        }
        let mut members = vec![start];
        seen[start] = true;
        let mut next = 0;
        while let Some(&at) = members.get(next) {
            for &other in &linked[at] {
                if !seen[other] {
                    seen[other] = true;
                    members.push(other);
                }
            }
            next += 1;
        }
        members.sort_unstable();
        let roles: Vec<&Role> = members.iter().map(|&i| &*published[i]).collect();
        for &i in &members {
            groups.insert(published[i].slug.as_str(), roles.clone());
        }
    }
    groups
}

/// A role's page and its JSON.
fn render_role(
    role: &Role,
    today: Date,
    settings: &Settings,
    cx: &RoleContext<'_>,
) -> Result<(Page, Bytes)> {
    let status = role.effective_status(today);
    let apply_url = apply_target(role, settings);
    // Sized up front: growing a 12 KB page from askama's small estimate
    // copied every page several times.
    let source_len: usize = role.sections.iter().map(|s| s.body.source.len()).sum();
    let mut html = String::with_capacity(source_len * 2 + 8 * 1024);
    let mut page = views::role_page(role, status, cx);
    if apply_url.is_none() {
        page.apply_url = None;
    }
    // On paper a link cannot be followed: an email address is printed as
    // itself, not as the apply link's address.
    page.apply_email = apply_url
        .and_then(|u| u.strip_prefix("mailto:"))
        .map(|address| address.split('?').next().unwrap_or(address).to_owned());
    page.credit = settings.credits.get(&role.source_file).cloned();
    // Closed roles leave Google for Jobs with the listing.
    if status == Status::Open {
        page.job_posting = views::job_posting(role, &page, cx)
            .map(|posting| posting.to_script())
            .transpose()
            .map_err(|source| RenderError::Json {
                page: urls::role(&role.slug),
                source,
            })?;
    }
    page.render_into(&mut html)
        .map_err(|source| RenderError::Template {
            page: urls::role(&role.slug),
            source,
        })?;
    let mut json = Vec::with_capacity(source_len / 2 + 1024);
    let mut view = RoleJson::new(role, status, apply_url, today);
    view.translations = cx
        .translations
        .get(role.slug.as_str())
        .into_iter()
        .flatten()
        .filter(|r| r.slug != role.slug)
        .map(|r| r.slug.as_str())
        .collect();
    serde_json::to_writer(&mut json, &view).map_err(|source| RenderError::Json {
        page: urls::role_json(&role.slug),
        source,
    })?;
    Ok((Page::html(PageKind::Role, html), Bytes::from(json)))
}

/// Stage 2b: a career path page for every discipline with two or more
/// levels, rendered side by side (beside the role pages: see
/// [`Site::rebuild`]). Two spellings of one discipline share a slug: the
/// first keeps it. A path whose rungs are the very roles (the same reading,
/// the same dates) of the previous site's path is that path: a page shows
/// only its rungs, and the settings and the date are the same in a reuse.
fn career_path_pages(
    ladders: &CareerPaths<'_>,
    (today, chrome): (Date, &Chrome),
    reuse: Option<&Reuse<'_>>,
) -> Result<Vec<PathOf>> {
    let rendered: Vec<Result<Option<PathOf>>> = ladders
        .with_several_levels()
        .into_par_iter()
        .map(|(discipline, ladder)| {
            let rungs: Vec<usize> = ladder
                .iter()
                .map(|r| std::ptr::from_ref(r.shown).addr())
                .collect();
            if let Some(before) = reuse.and_then(|r| r.previous.career_path(discipline))
                && before.rungs == rungs
            {
                return Ok(Some((discipline.to_owned(), Arc::clone(before))));
            }
            let Some(view) = paths::career_path_page(chrome, discipline, ladder, today) else {
                return Ok(None);
            };
            let html = view.page.render().map_err(|source| RenderError::Template {
                page: view.url.clone(),
                source,
            })?;
            let sitemap = view.any_open.then(|| SitemapUrl {
                loc: chrome.base_url.absolute(&view.url),
                lastmod: view.lastmod.map(|d| d.to_string()),
            });
            let page = CareerPathPage {
                rungs,
                page: Arc::new(Page::html(PageKind::CareerPath, html)),
                url: view.url,
                link: view.link,
                sitemap,
            };
            Ok(Some((discipline.to_owned(), Arc::new(page))))
        })
        .collect();
    let mut seen = HashSet::new();
    let mut built = Vec::new();
    for path in rendered {
        if let Some(path) = path?
            && seen.insert(path.1.url.clone())
        {
            built.push(path);
        }
    }
    Ok(built)
}

/// A discipline and its career path page.
pub(crate) type PathOf = (String, Arc<CareerPathPage>);

/// A career path page with what the listing and the sitemap say of it.
#[derive(Debug)]
pub(crate) struct CareerPathPage {
    /// The address of each rung's role, top to bottom: the same roles (alive
    /// in the site that keeps this) make the same page.
    rungs: Vec<usize>,
    page: Arc<Page>,
    url: String,
    /// The discipline's name, as the listing links to it.
    pub(crate) link: RoleLinkView,
    /// Its sitemap entry, when a level is listed (open or upcoming).
    sitemap: Option<SitemapUrl>,
}

/// Adds the career path pages to `pages`; returns the sitemap entries of
/// the paths with an open level.
fn add_career_paths(built: &[PathOf], pages: &mut PageMap) -> Vec<SitemapUrl> {
    let mut sitemap = Vec::new();
    for (_, path) in built {
        pages.insert(path.url.clone(), Arc::clone(&path.page));
        sitemap.extend(path.sitemap.clone());
    }
    sitemap
}

impl Site {
    /// The career path page of `discipline`, if one was built.
    fn career_path(&self, discipline: &str) -> Option<&Arc<CareerPathPage>> {
        let at = (self.career_paths)
            .binary_search_by(|(d, _)| d.as_str().cmp(discipline))
            .ok()?;
        Some(&self.career_paths[at].1)
    }
}

/// Stage 3: `{"roles":[ROLE,...]}`. A listed role's entry is byte for byte its
/// own JSON (status "open"), so the entries are joined, not serialised again.
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

/// Stage 4: every other way a link may name a role, by [`urls::lookup_key`]: old
/// slugs (`aliases`), the role file's name as a handbook links it, and the
/// canonical path in another letter case; and `/roles` for the listing. One map,
/// built once, so a request costs one lookup.
fn redirects(published: &[Arc<Role>]) -> HashMap<String, String> {
    let mut redirects = HashMap::with_capacity(published.len() * 6 + 1);
    redirects.insert(urls::ROLES_INDEX.to_owned(), urls::HOME.to_owned());
    let mut add = |from: &str, to: &str| {
        redirects.insert(urls::lookup_key(from), to.to_owned());
    };
    for role in published {
        let page = urls::role(&role.slug);
        let json = urls::role_json(&role.slug);
        let apply = urls::role_apply(&role.slug);
        for alias in &role.meta.aliases {
            let [alias_page, alias_json, alias_apply] = urls::alias_paths(alias);
            add(&alias_page, &page);
            add(&alias_json, &json);
            add(&alias_apply, &apply);
        }
        for from in urls::file_paths(&role.source_file) {
            add(&from, &page);
        }
        // The file's name names its JSON and apply link too.
        if let Some(stem) = urls::file_stem(&role.source_file) {
            add(&format!("/roles/{stem}.json"), &json);
            add(&format!("/roles/{stem}/apply"), &apply);
        }
    }
    // Last, so a role's own path always leads to that role even when another
    // role's alias or file name says the same.
    for role in published {
        for path in [
            urls::role(&role.slug),
            urls::role_json(&role.slug),
            urls::role_apply(&role.slug),
        ] {
            add(&path, &path);
        }
    }
    redirects
}

/// Stage 4a: a career path's address in another letter case, with `_` for
/// `-`, or naming one of its roles (its slug, an old slug, its file's name)
/// leads to the path. Only paths that were built are led to.
fn path_redirects(
    redirects: &mut HashMap<String, String>,
    published: &[Arc<Role>],
    pages: &PageMap,
) {
    let mut add = |from: String, to: &str| {
        redirects
            .entry(urls::lookup_key(&from))
            .or_insert_with(|| to.to_owned());
    };
    let mut exact = Vec::new();
    for role in published {
        let Some(path) = role.discipline.as_deref().and_then(urls::career_path) else {
            continue;
        };
        if !pages.contains_key(&path) {
            continue;
        }
        let names = std::iter::once(role.slug.as_str().to_owned())
            .chain(role.meta.aliases.iter().map(|a| a.as_str().to_owned()))
            .chain(urls::file_stem(&role.source_file).map(str::to_owned));
        for name in names {
            add(format!("{}{name}", urls::PATHS_PREFIX), &path);
        }
        add(path.replace('-', "_"), &path);
        exact.push(path);
    }
    // Last, so a path's own address always leads to itself.
    for path in exact {
        redirects.insert(urls::lookup_key(&path), path);
    }
}

/// Stage 4: [`redirects`] and [`path_redirects`], or the previous site's
/// when no changed role moved (slug, old slugs, file, discipline, place in
/// the listing order) and the same career paths were built.
fn redirect_map(
    published: &[Arc<Role>],
    pages: &PageMap,
    reuse: Option<&Reuse<'_>>,
    career_paths: &[PathOf],
) -> Arc<HashMap<String, String>> {
    let same_paths = |before: &[PathOf]| {
        before.len() == career_paths.len()
            && before
                .iter()
                .zip(career_paths)
                .all(|(a, b)| a.1.url == b.1.url)
    };
    // Where a role sits in the listing order decides which of two roles
    // claiming one address wins it.
    let unmoved = |r: &Role| {
        (
            (
                r.slug.clone(),
                r.meta.aliases.clone(),
                r.source_file.clone(),
            ),
            (r.discipline.clone(), r.group().to_owned(), r.level_rank()),
            r.title.clone(),
        )
    };
    if let Some(reuse) = reuse
        && same_paths(&reuse.previous.career_paths)
        && reuse.same(unmoved)
    {
        return Arc::clone(&reuse.previous.redirects);
    }
    let mut map = redirects(published);
    path_redirects(&mut map, published, pages);
    Arc::new(map)
}

/// Stage 4b: where each role's apply link leads: its own `apply_url` or the
/// site's, a `mailto:` with the role in its subject; a closed role's leads
/// back to its page. After a change that kept every slug, the previous
/// site's map with the changed roles' entries made again.
fn apply_map(
    published: &[Arc<Role>],
    settings: &Settings,
    today: Date,
    reuse: Option<&Reuse<'_>>,
) -> Arc<HashMap<String, Apply>> {
    let entry = |role: &Role| apply_entry(role, settings, today);
    match reuse.filter(|r| r.same(|role| role.slug.clone())) {
        Some(reuse) => reuse.patched(&reuse.previous.applies, entry),
        None => Arc::new(published.iter().map(|r| entry(r)).collect()),
    }
}

/// One role's apply link and where it leads.
fn apply_entry(role: &Role, settings: &Settings, today: Date) -> (String, Apply) {
    let target = apply_target(role, settings);
    let apply = Apply {
        title: role.title.clone(),
        page: urls::role(&role.slug),
        target: target.map_or_else(String::new, |t| urls::apply_address(t, &role.title)),
        // An upcoming role takes no applications yet, and without an
        // address there is nowhere to send one.
        open: role.effective_status(today) == Status::Open && target.is_some(),
    };
    (urls::role_apply(&role.slug), apply)
}

/// Where a role's applications go: its own `apply_url`, else the site's;
/// `None` when neither gives one.
fn apply_target<'a>(role: &'a Role, settings: &'a Settings) -> Option<&'a str> {
    role.meta
        .apply_url
        .as_deref()
        .or(Some(settings.apply_url.as_str()))
        .filter(|u| !u.trim().is_empty())
}

/// Each published role's share image card (the SVG only: drawing waits for
/// the first request, or for `build`), saying when the role is closed or
/// not open yet. After a change that kept every slug, the previous site's
/// map with the changed roles' cards made again.
fn share_card_map(
    published: &[Arc<Role>],
    organisation: &str,
    today: Date,
    reuse: Option<&Reuse<'_>>,
) -> Arc<HashMap<String, ShareCard>> {
    let organisation = organisation.trim();
    let entry = |role: &Role| share_card(role, organisation, today);
    if let Some(reuse) = reuse.filter(|r| r.same(|role| role.slug.clone())) {
        return reuse.patched(&reuse.previous.share_cards, entry);
    }
    let mut cards: HashMap<String, ShareCard> = published.par_iter().map(|r| entry(r)).collect();
    let site = ShareCard::for_site(organisation);
    cards.insert(site.path.clone(), site);
    Arc::new(cards)
}

/// One role's share card, by its path.
fn share_card(role: &Role, organisation: &str, today: Date) -> (String, ShareCard) {
    let status = views::status_words(role, role.effective_status(today), today);
    let card = ShareCard::new(role, organisation, status.as_deref());
    (card.path.clone(), card)
}

/// Stage 5: the pages around the roles: "How we hire" (when the folder has
/// a `_hiring.md`) and the accessibility statement.
fn journey_pages(
    chrome: &Chrome,
    settings: &Settings,
    published: &[Arc<Role>],
    pages: &mut PageMap,
) -> Result<()> {
    if let Some(source) = &settings.hiring {
        let links: RoleLinks = published
            .iter()
            .map(|r| (r.source_file.clone(), urls::role(&r.slug)))
            .collect();
        let html = journey::hiring_page(chrome, source, &links)?;
        pages.insert(
            urls::HOW_WE_HIRE.into(),
            Arc::new(Page::html(PageKind::Guide, html)),
        );
    }
    let html = journey::accessibility_page(chrome, settings)?;
    pages.insert(
        urls::ACCESSIBILITY.into(),
        Arc::new(Page::html(PageKind::Guide, html)),
    );
    Ok(())
}

/// Stage 5: the not-found page, offering a few open roles, and the page for a
/// failure inside the server, which says nothing about the cause.
fn error_pages(chrome: &Chrome, listed: &[&Role]) -> Result<(Page, Page)> {
    let render = |page: ErrorPage, name: &str| {
        page.render().map_err(|source| RenderError::Template {
            page: name.into(),
            source,
        })
    };
    let error_page = |title: &str, message: &str, suggestions| {
        let mut seo = views::seo(
            chrome,
            format!("{title} – {}", chrome.careers),
            format!("{title} – {}", chrome.careers),
            message.to_owned(),
            urls::HOME,
        );
        seo.robots = Some("noindex");
        ErrorPage {
            chrome: chrome.clone(),
            seo,
            title: title.to_owned(),
            message: message.to_owned(),
            suggestions,
        }
    };
    let words = chrome.words;
    let not_found = error_page(
        words.not_found,
        words.not_found_text,
        listed
            .iter()
            .take(8)
            .map(|r| views::link_view(r, false))
            .collect(),
    );
    let server_error = error_page(words.went_wrong, words.went_wrong_text, Vec::new());
    Ok((
        Page::html(PageKind::NotFound, render(not_found, "404")?),
        Page::html(PageKind::ServerError, render(server_error, "500")?),
    ))
}

/// Stage 6: each listed role's card, rendered once and copied into every
/// listing page that shows it, so a search renders no rows.
fn cards(
    listed: &[&Role],
    reuse: Option<&Reuse<'_>>,
    today: Date,
    words: &'static Words,
) -> Result<Vec<Arc<str>>> {
    listed
        .par_iter()
        .enumerate()
        .map(|(at, r)| {
            if let Some(card) = reuse.and_then(|reuse| reuse.card(r, at)) {
                return Ok(card);
            }
            RoleCard {
                words,
                row: views::row(r, today, words),
                posted: posted_on_card(r, today, words),
            }
            .render()
            .map(Arc::from)
            .map_err(|source| RenderError::Template {
                page: format!("listing card for {}", urls::role(&r.slug)),
                source,
            })
        })
        .collect()
}

/// A card's "Posted" date: the day the role's page says it was posted
/// (front matter `posted`, else its file's first commit); none for an
/// upcoming role, whose card says when it opens.
fn posted_on_card(role: &Role, today: Date, words: &Words) -> Option<(String, String)> {
    views::posted(role, today).map(|d| (words.date(d), d.to_string()))
}

/// Stage 7: what crawlers read: `/sitemap.xml` (the listing, every open
/// role and the career `paths` with an open level) and `/robots.txt` naming
/// it. A preview, which crawlers never see, makes its sitemap on request: at
/// 10,000 roles it is milliseconds of every save.
fn discovery(
    (chrome, listed, today, mode): (&Chrome, &[&Role], Date, Mode),
    paths: Vec<SitemapUrl>,
    pages: &mut PageMap,
    made_on_request: &mut HashMap<String, Arc<LazyPage<Site>>>,
) -> Result<()> {
    match mode {
        Mode::Publish => {
            let sitemap = sitemap(chrome, listed, today, &paths)?;
            pages.insert(urls::SITEMAP.into(), Arc::new(sitemap));
        }
        Mode::Preview => {
            let lazy = LazyPage::new(move |site: &Site| {
                sitemap(&site.chrome, &site.listed_roles(), site.today, &paths)
            });
            made_on_request.insert(urls::SITEMAP.into(), Arc::new(lazy));
        }
    }
    pages.insert(
        urls::ROBOTS.into(),
        Arc::new(Page::new(
            PageKind::Robots,
            TEXT,
            CachePolicy::Revalidate,
            views::robots_txt(chrome),
        )),
    );
    Ok(())
}

/// The sitemap of the `listed` roles and the career `paths`.
fn sitemap(chrome: &Chrome, listed: &[&Role], today: Date, paths: &[SitemapUrl]) -> Result<Page> {
    let mut sitemap = views::sitemap_page(chrome, listed, today);
    sitemap.urls.extend(paths.iter().cloned());
    let sitemap = sitemap.render().map_err(|source| RenderError::Template {
        page: urls::SITEMAP.into(),
        source,
    })?;
    Ok(Page::new(
        PageKind::Sitemap,
        XML,
        CachePolicy::Revalidate,
        sitemap,
    ))
}

/// Stage 8: the unfiltered listing's pages and the feeds. A preview renders
/// only the home page with the site; the listing's later pages and the
/// feeds are made on request (a pass over every listed role each, on every
/// save, for pages an author seldom opens).
fn listing_and_feeds(site: &mut Site, mode: Mode) -> Result<()> {
    let feed = |site: &Site| site.render_feed(&ListingQuery::default());
    let json_feed = |site: &Site| site.render_json_feed(&ListingQuery::default());
    match mode {
        Mode::Publish => {
            for (path, page) in site.render_listing_pages()? {
                site.pages.insert(path, Arc::new(page));
            }
            let pages = [
                (urls::FEED, feed(site)?),
                (urls::JSON_FEED, json_feed(site)?),
            ];
            for (path, page) in pages {
                site.pages.insert(path.into(), Arc::new(page));
            }
        }
        Mode::Preview => {
            let home = site.render_listing_page(1)?;
            site.pages.insert(urls::HOME.into(), Arc::new(home));
            let later = (2..=site.listing_pages()).map(|n| {
                let lazy = LazyPage::new(move |site: &Site| site.render_listing_page(n));
                (urls::listing_page(n), lazy)
            });
            let feeds = [
                (urls::FEED.to_owned(), LazyPage::new(feed)),
                (urls::JSON_FEED.to_owned(), LazyPage::new(json_feed)),
            ];
            for (path, lazy) in later.chain(feeds) {
                site.made_on_request.insert(path, Arc::new(lazy));
            }
        }
    }
    Ok(())
}

/// Each listed role's place in the feed: open roles first, newest posted
/// first (undated last), then roles opening soon; then by title. The
/// previous site's places while the listing is the same and no changed role
/// moved in that order.
fn feed_rank(listed: &[&Role], today: Date, reuse: Option<&Reuse<'_>>) -> Vec<u32> {
    let key = |role: &Role| {
        (
            role.effective_status(today) == Status::Upcoming,
            std::cmp::Reverse(views::posted(role, today)),
            role.title.to_lowercase(),
        )
    };
    if let Some(reuse) = reuse
        && reuse.same_listing(listed)
        && reuse.same(key)
    {
        return reuse.previous.feed_rank.clone();
    }
    let mut order: Vec<usize> = (0..listed.len()).collect();
    order.sort_by_cached_key(|&i| key(listed[i]));
    let mut rank = vec![0; listed.len()];
    for (place, &i) in order.iter().enumerate() {
        rank[i] = u32::try_from(place).unwrap_or(u32::MAX);
    }
    rank
}
