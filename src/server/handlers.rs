//! Handlers: look a prebuilt page up and hand it out. No rendering happens
//! here, except filtered listings, which the site memoises.

use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use crate::server::render_pool::{Refused, busy_response};
use crate::server::state::AppState;
use crate::site::listing::{self, ListingFormat, ListingQuery};
use crate::site::page::{Page, Variant};

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
        let query = ListingQuery::from_pairs(pairs);
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
    send(
        site.not_found(),
        StatusCode::NOT_FOUND,
        &request_headers,
        head,
    )
}

/// A role's share image: from the cache, else drawn in the render pool (it
/// takes tens of milliseconds and megabytes). `None` when no role has an
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

/// How much the client wants each encoding we have, from `Accept-Encoding`
/// (RFC 9110, 12.5.3): a q-value from 0 (refused) to 1; `*` stands for any
/// coding not named. Without the header, only identity.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Accepted {
    br: f32,
    gzip: f32,
}

fn accepts(request_headers: &HeaderMap) -> Accepted {
    let (mut br, mut gzip, mut any) = (None, None, None);
    for value in request_headers.get_all(header::ACCEPT_ENCODING) {
        let Ok(value) = value.to_str() else { continue };
        for part in value.split(',') {
            let mut pieces = part.split(';');
            let coding = pieces.next().unwrap_or("").trim();
            let Some(q) = quality(pieces) else { continue };
            let slot = if coding.eq_ignore_ascii_case("br") {
                &mut br
            } else if coding.eq_ignore_ascii_case("gzip") || coding.eq_ignore_ascii_case("x-gzip") {
                &mut gzip
            } else if coding == "*" {
                &mut any
            } else {
                continue;
            };
            *slot = Some(q);
        }
    }
    Accepted {
        br: br.or(any).unwrap_or(0.0),
        gzip: gzip.or(any).unwrap_or(0.0),
    }
}

/// The `q` parameter of one element: 1 when absent, `None` when unreadable
/// (the element is then ignored, as if not sent).
fn quality<'a>(params: impl Iterator<Item = &'a str>) -> Option<f32> {
    for param in params {
        let Some((name, value)) = param.split_once('=') else {
            continue;
        };
        if name.trim().eq_ignore_ascii_case("q") {
            let q: f32 = value.trim().parse().ok()?;
            return (0.0..=1.0).contains(&q).then_some(q);
        }
    }
    Some(1.0)
}

/// The best variant that is ready: the client's higher q wins; on a tie,
/// brotli (smaller).
fn choose(page: &Page, accepted: Accepted) -> (&Variant, Option<&'static str>) {
    let br = page.brotli().filter(|_| accepted.br > 0.0);
    let gzip = page.gzip().filter(|_| accepted.gzip > 0.0);
    match (br, gzip) {
        (Some(_), Some(g)) if accepted.gzip > accepted.br => (g, Some("gzip")),
        (Some(b), _) => (b, Some("br")),
        (None, Some(g)) => (g, Some("gzip")),
        (None, None) => (&page.identity, None),
    }
}

/// Whether `If-None-Match` matches this ETag (weak comparison, `*`).
fn not_modified(request_headers: &HeaderMap, etag: &str) -> bool {
    request_headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == "*" || t == etag)
}

pub(crate) fn send(
    page: &Page,
    status: StatusCode,
    request_headers: &HeaderMap,
    head: bool,
) -> Response {
    let (variant, encoding) = choose(page, accepts(request_headers));
    let mut response = if status == StatusCode::OK && not_modified(request_headers, &variant.etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let body = if head {
            Body::empty()
        } else {
            Body::from(variant.body.clone())
        };
        let mut response = Response::new(body);
        *response.status_mut() = status;
        let h = response.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(page.content_type),
        );
        h.insert(
            header::CONTENT_LENGTH,
            HeaderValue::from(variant.body.len()),
        );
        if let Some(encoding) = encoding {
            h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
        }
        response
    };
    let h = response.headers_mut();
    // On a 304 too: a browser revalidating a cross-origin fetch checks it there.
    if page.kind.is_api() {
        h.insert(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        );
    }
    if let Ok(etag) = HeaderValue::from_str(&variant.etag) {
        h.insert(header::ETAG, etag);
    }
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(page.cache.header()),
    );
    if page.compressible() {
        h.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(name: header::HeaderName, value: &'static str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(name, HeaderValue::from_static(value));
        h
    }

    fn accepted(value: &'static str) -> (bool, bool) {
        let a = accepts(&with(header::ACCEPT_ENCODING, value));
        (a.br > 0.0, a.gzip > 0.0)
    }

    #[test]
    fn accept_encoding_respects_q_zero() {
        assert_eq!(accepted("gzip, br"), (true, true));
        assert_eq!(accepted("br;q=0, gzip"), (false, true));
        let none = accepts(&HeaderMap::new());
        assert_eq!((none.br > 0.0, none.gzip > 0.0), (false, false));
    }

    // See: issue #16 (Accept-Encoding ignored q-values).
    #[test]
    fn accept_encoding_follows_q_values_in_any_case() {
        let page = Page::html(crate::site::PageKind::Role, "<p>compress me</p>".repeat(50));
        page.compress();
        let pick =
            |value: &'static str| choose(&page, accepts(&with(header::ACCEPT_ENCODING, value))).1;
        assert_eq!(pick("gzip;q=1.0, br;q=0.1"), Some("gzip"));
        assert_eq!(pick("gzip, br;Q=0"), Some("gzip"));
        assert_eq!(
            pick("br;q=0.5, gzip;q=0.5"),
            Some("br"),
            "a tie goes to the smaller"
        );
        assert_eq!(
            pick("*;q=0.2, gzip;q=0"),
            Some("br"),
            "`*` covers what is not named"
        );
        assert_eq!(
            pick("gzip;q=abc"),
            None,
            "an unreadable q ignores the element"
        );
        assert_eq!(pick("identity"), None);
    }

    #[test]
    fn if_none_match_uses_weak_comparison() {
        let h = with(header::IF_NONE_MATCH, "W/\"abc\", \"def\"");
        assert!(not_modified(&h, "\"abc\""));
        assert!(not_modified(&h, "\"def\""));
        assert!(!not_modified(&h, "\"xyz\""));
        assert!(not_modified(&with(header::IF_NONE_MATCH, "*"), "\"q\""));
    }
}
