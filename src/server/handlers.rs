//! Handlers: look a prebuilt page up and hand it out. No rendering happens
//! here, except filtered listings, which the site memoises.

use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use crate::server::state::AppState;
use crate::site::listing::ListingQuery;
use crate::site::page::{Page, Variant};

/// `GET /healthz`: the process is up and has a site.
pub async fn healthz_handler(State(state): State<AppState>) -> Response {
    let site = state.site.load();
    let mut response = format!("ok: {} roles listed\n", site.listed_count()).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Every other path: prebuilt pages, alias redirects, filtered listings, 404.
pub async fn page_handler(
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
    let site = state.site.load();
    let path = uri.path();
    let head = method == Method::HEAD;
    if path == "/" && uri.query().is_some_and(|q| !q.is_empty()) {
        let query = Query::<ListingQuery>::try_from_uri(&uri)
            .map(|Query(q)| q)
            .unwrap_or_default();
        return match state.listings.listing(&site, &query) {
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
    if let Some(target) = site.redirect(path) {
        return redirect(target);
    }
    // `/roles/x/` -> `/roles/x`: one canonical URL per page.
    if let Some(trimmed) = path.strip_suffix('/')
        && !trimmed.is_empty()
        && (site.page(trimmed).is_some() || site.redirect(trimmed).is_some())
    {
        return redirect(site.redirect(trimmed).unwrap_or(trimmed));
    }
    send(
        site.not_found(),
        StatusCode::NOT_FOUND,
        &request_headers,
        head,
    )
}

fn redirect(target: &str) -> Response {
    let mut response = StatusCode::MOVED_PERMANENTLY.into_response();
    if let Ok(location) = HeaderValue::from_str(target) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    response
}

/// Which encodings the client accepts, from `Accept-Encoding` (q=0 refuses).
fn accepts(request_headers: &HeaderMap) -> (bool, bool) {
    let mut br = false;
    let mut gzip = false;
    for value in request_headers.get_all(header::ACCEPT_ENCODING) {
        let Ok(value) = value.to_str() else { continue };
        for part in value.split(',') {
            let mut pieces = part.split(';');
            let coding = pieces.next().unwrap_or("").trim();
            let refused = pieces.any(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            if refused {
                continue;
            }
            if coding.eq_ignore_ascii_case("br") {
                br = true;
            } else if coding.eq_ignore_ascii_case("gzip") || coding == "*" {
                gzip = true;
            }
        }
    }
    (br, gzip)
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

fn send(page: &Page, status: StatusCode, request_headers: &HeaderMap, head: bool) -> Response {
    let (br, gzip) = accepts(request_headers);
    let (variant, encoding): (&Variant, Option<&'static str>) =
        match (page.brotli().filter(|_| br), page.gzip().filter(|_| gzip)) {
            (Some(v), _) => (v, Some("br")),
            (None, Some(v)) => (v, Some("gzip")),
            (None, None) => (&page.identity, None),
        };
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
        if page.kind.is_api() {
            h.insert(
                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                HeaderValue::from_static("*"),
            );
        }
        response
    };
    let h = response.headers_mut();
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

    #[test]
    fn accept_encoding_respects_q_zero() {
        assert_eq!(
            accepts(&with(header::ACCEPT_ENCODING, "gzip, br")),
            (true, true)
        );
        assert_eq!(
            accepts(&with(header::ACCEPT_ENCODING, "br;q=0, gzip")),
            (false, true)
        );
        assert_eq!(accepts(&HeaderMap::new()), (false, false));
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
