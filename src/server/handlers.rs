//! Handlers: look a prebuilt page up and hand it out. No rendering happens
//! here, except filtered listings, which the site memoises.

use axum::extract::{Query, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use crate::server::render_pool::{Refused, busy_response};
use crate::server::respond::send;
use crate::server::state::AppState;
use crate::site::listing::{self, ListingFormat, ListingQuery};
use crate::site::page::Page;

/// `GET /healthz`: the process is up and has a site.
pub(crate) async fn healthz_handler(State(state): State<AppState>) -> Response {
    let site = state.site.load();
    let mut response = format!("ok: {} roles listed\n", site.listed_count()).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Every other path: prebuilt pages, redirects, filtered listings and feeds, 404.
pub(crate) async fn page_handler(
    State(state): State<AppState>,
    method: Method,
    uri: Uri,
    request_headers: HeaderMap,
) -> Response {
    answer(state, method, uri, request_headers, WaitForRolePages::Yes).await
}

/// Whether a request the site has no page for waits for the role pages of
/// a site that answered before they were rendered.
#[derive(Clone, Copy, PartialEq, Eq)]
enum WaitForRolePages {
    Yes,
    /// Waited once already: answer from the site there is.
    No,
}

async fn answer(
    state: AppState,
    method: Method,
    uri: Uri,
    request_headers: HeaderMap,
    wait: WaitForRolePages,
) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut response = (StatusCode::METHOD_NOT_ALLOWED, "method not allowed\n").into_response();
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let path = uri.path();
    let head = method == Method::HEAD;
    if path.ends_with(".png") {
        match share_image(&state, path).await {
            Some(Ok(page)) => return send(&page, StatusCode::OK, &request_headers, head),
            Some(Err(Refused::Busy)) => return busy_response(),
            Some(Err(Refused::Failed)) | None => {}
        }
    }
    if crate::server::compare::is_compare(path) {
        return crate::server::compare::respond(&state, &uri, &request_headers, head).await;
    }
    // A listing or feed with filters is rendered for its query below; the
    // page made on request at its path is the unfiltered one.
    let filtered = ListingFormat::at(path).is_some() && uri.query().is_some_and(|q| !q.is_empty());
    if !filtered && let Some(made) = made_on_request(&state, path).await {
        return match made {
            Ok(page) => send(&page, StatusCode::OK, &request_headers, head),
            Err(Refused::Busy) => busy_response(),
            Err(Refused::Failed) => send(
                state.site.load().server_error(),
                StatusCode::INTERNAL_SERVER_ERROR,
                &request_headers,
                head,
            ),
        };
    }
    let site = state.site.load();
    if let Some(format) = ListingFormat::at(path)
        && uri.query().is_some_and(|q| !q.is_empty())
    {
        let pairs = Query::<Vec<(String, String)>>::try_from_uri(&uri)
            .map(|Query(pairs)| pairs)
            .unwrap_or_default();
        // A shared search should not carry the form's empty fields.
        if let Some(kept) = listing::without_empty_values(&pairs) {
            return redirect(path, Some(&kept));
        }
        let names_page = pairs.iter().any(|(key, _)| key == "page");
        let query = ListingQuery::from_pairs(pairs);
        // `/?page=2` has a path a static host can serve too.
        if format == ListingFormat::Html
            && let Some(target) = query.paged_path(names_page, &site)
        {
            return redirect(&target, None);
        }
        return match state.listings.get(&site, format, &query) {
            Ok(page) => send(&page, StatusCode::OK, &request_headers, head),
            Err(error) => {
                tracing::error!(error = %error, source = ?std::error::Error::source(&error), uri = %uri, "listing failed to render");
                send(
                    site.server_error(),
                    StatusCode::INTERNAL_SERVER_ERROR,
                    &request_headers,
                    head,
                )
            }
        };
    }
    if let Some(page) = site.page(path) {
        return send(page, StatusCode::OK, &request_headers, head);
    }
    if let Some(apply) = site.apply(path) {
        let referer = request_headers
            .get(header::REFERER)
            .and_then(|v| v.to_str().ok());
        return apply_redirect(&apply.location(uri.query(), referer), &apply.page);
    }
    if let Some(target) = site.redirect(path) {
        return redirect(target, uri.query());
    }
    // `/roles/x/` -> `/roles/x`: one canonical URL per page.
    if let Some(trimmed) = path.strip_suffix('/')
        && !trimmed.is_empty()
        && (site.page(trimmed).is_some()
            || site.redirect(trimmed).is_some()
            || site.apply(trimmed).is_some())
    {
        return redirect(site.redirect(trimmed).unwrap_or(trimmed), uri.query());
    }
    // Its role pages are still being rendered (`serve`'s first moments):
    // the page may be one of them, so answer from the whole site.
    if wait == WaitForRolePages::Yes
        && let Some(mut served) = site.role_pages_pending()
    {
        drop(site);
        // A role's own page is rendered for this request alone.
        if let Some(page) = role_page_now(&state, path).await {
            return send(&page, StatusCode::OK, &request_headers, head);
        }
        // An error means the first site is gone: a whole one is served.
        let _ = served.wait_for(|served| *served).await;
        let again = answer(state, method, uri, request_headers, WaitForRolePages::No);
        return Box::pin(again).await;
    }
    send(
        site.not_found(),
        StatusCode::NOT_FOUND,
        &request_headers,
        head,
    )
}

/// A page made on its first request (the preview's dashboard, its overlay's
/// status, its `/roles.json`, sitemap, feeds and later listing pages), made
/// in the render pool: at 10,000 roles each is a pass over every role or
/// tens of megabytes. `None` when no such page is at `path` (always, on
/// `serve`, whose requests then cost no reference count: the site is held
/// as an `Arc`, to live across the wait, only when there is a page to make).
async fn made_on_request(
    state: &AppState,
    path: &str,
) -> Option<Result<std::sync::Arc<Page>, Refused>> {
    let guard = state.site.load();
    let lazy = std::sync::Arc::clone(guard.lazy_page(path)?);
    let site = arc_swap::Guard::into_inner(guard);
    let made = state.renders.run(move || lazy.page(&site)).await;
    Some(made.and_then(|page| {
        page.map_err(|error| {
            tracing::error!(error = %error, source = ?std::error::Error::source(&error), "a page made on request failed to render");
            Refused::Failed
        })
    }))
}

/// The role page at `path`, rendered in the render pool for this request
/// alone while the site's role pages are still being rendered (see
/// `Site::role_page_now`). `None` when `path` is no role's page or JSON, the
/// pool is busy or the page failed (logged): the request then waits for the
/// whole site.
async fn role_page_now(state: &AppState, path: &str) -> Option<Page> {
    let site = state.site.load_full();
    let path = path.to_owned();
    match state.renders.run(move || site.role_page_now(&path)).await {
        Ok(Some(Ok(page))) => Some(page),
        Ok(Some(Err(error))) => {
            tracing::error!(error = %error, "a role page rendered alone failed");
            None
        }
        Ok(None) | Err(_) => None,
    }
}

/// A role's share image: from the cache, else drawn in the render pool (it
/// takes milliseconds and megabytes). `None` when no role has an
/// image at `path`. The site is held as an `Arc`, not a `load()` guard,
/// because it lives across the wait.
async fn share_image(
    state: &AppState,
    path: &str,
) -> Option<Result<std::sync::Arc<Page>, Refused>> {
    let site = state.site.load_full();
    site.share_card(path)?;
    if let Some(page) = state.share_images.cached(&site, path) {
        return Some(Ok(page));
    }
    let images = std::sync::Arc::clone(&state.share_images);
    let path = path.to_owned();
    match state.renders.run(move || images.image(&site, &path)).await {
        Ok(Some(page)) => Some(Ok(page)),
        Ok(None) => None,
        Err(refused) => Some(Err(refused)),
    }
}

/// A 302 to where applications go. Never cached: the answer depends on the
/// request's campaign parameters.
fn apply_redirect(location: &str, fallback: &str) -> Response {
    let mut response = StatusCode::FOUND.into_response();
    if let Ok(location) =
        HeaderValue::from_str(location).or_else(|_| HeaderValue::from_str(fallback))
    {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A 301 that keeps the query, so a campaign link (`?utm_source=..`) through an
/// old or miscased address still arrives with its parameters.
fn redirect(target: &str, query: Option<&str>) -> Response {
    let mut response = StatusCode::MOVED_PERMANENTLY.into_response();
    let location = match query.filter(|q| !q.is_empty()) {
        Some(query) => HeaderValue::from_str(&format!("{target}?{query}")),
        None => HeaderValue::from_str(target),
    };
    if let Ok(location) = location {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    response
}
