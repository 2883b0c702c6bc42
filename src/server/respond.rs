//! A prebuilt page as a response: the encoding the client prefers among
//! those ready, a 304 when its ETag matches, and the page's prebuilt headers.
//! Every handler that hands out a page, and the fast path, answer through
//! [`send`].

use axum::body::Body;
use axum::http::header::{self, HeaderMap};
use axum::http::{Response, StatusCode};

use crate::site::headers::Encoding;
use crate::site::page::{Page, Variant};

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
fn choose(page: &Page, accepted: Accepted) -> (&Variant, Encoding) {
    let br = page.brotli().filter(|_| accepted.br > 0.0);
    let gzip = page.gzip().filter(|_| accepted.gzip > 0.0);
    match (br, gzip) {
        (Some(_), Some(g)) if accepted.gzip > accepted.br => (g, Encoding::Gzip),
        (Some(b), _) => (b, Encoding::Brotli),
        (None, Some(g)) => (g, Encoding::Gzip),
        (None, None) => (&page.identity, Encoding::Identity),
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

/// `page` with `status`, in the encoding the request prefers, or a 304 when
/// the request already holds these bytes. Its headers are the page's
/// prebuilt set, copied, with this variant's ETag and length put in place
/// (the security headers included: the response needs no further layer).
pub(crate) fn send(
    page: &Page,
    status: StatusCode,
    request_headers: &HeaderMap,
    head: bool,
) -> Response<Body> {
    let (variant, encoding) = choose(page, accepts(request_headers));
    let set = page.headers();
    if status == StatusCode::OK && not_modified(request_headers, &variant.etag) {
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::NOT_MODIFIED;
        let mut headers = set.not_modified.clone();
        headers.insert(header::ETAG, variant.etag_header.clone());
        *response.headers_mut() = headers;
        return response;
    }
    let body = if head {
        Body::empty()
    } else {
        Body::from(variant.body.clone())
    };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let mut headers = set.sent(encoding).clone();
    headers.insert(header::ETAG, variant.etag_header.clone());
    headers.insert(header::CONTENT_LENGTH, variant.length_header.clone());
    *response.headers_mut() = headers;
    response
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;
    use crate::site::PageKind;

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
        let page = Page::html(PageKind::Role, "<p>compress me</p>".repeat(50));
        page.compress();
        let pick =
            |value: &'static str| choose(&page, accepts(&with(header::ACCEPT_ENCODING, value))).1;
        assert_eq!(pick("gzip;q=1.0, br;q=0.1"), Encoding::Gzip);
        assert_eq!(pick("gzip, br;Q=0"), Encoding::Gzip);
        assert_eq!(
            pick("br;q=0.5, gzip;q=0.5"),
            Encoding::Brotli,
            "a tie goes to the smaller"
        );
        assert_eq!(
            pick("*;q=0.2, gzip;q=0"),
            Encoding::Brotli,
            "`*` covers what is not named"
        );
        assert_eq!(
            pick("gzip;q=abc"),
            Encoding::Identity,
            "an unreadable q ignores the element"
        );
        assert_eq!(pick("identity"), Encoding::Identity);
    }

    #[test]
    fn if_none_match_uses_weak_comparison() {
        let h = with(header::IF_NONE_MATCH, "W/\"abc\", \"def\"");
        assert!(not_modified(&h, "\"abc\""));
        assert!(not_modified(&h, "\"def\""));
        assert!(!not_modified(&h, "\"xyz\""));
        assert!(not_modified(&with(header::IF_NONE_MATCH, "*"), "\"q\""));
    }

    #[test]
    fn each_response_carries_its_own_variants_etag_length_and_encoding() {
        let page = Page::html(PageKind::Role, "<p>compress me</p>".repeat(50));
        page.compress();
        let gzip = send(
            &page,
            StatusCode::OK,
            &with(header::ACCEPT_ENCODING, "gzip"),
            false,
        );
        let plain = send(&page, StatusCode::OK, &HeaderMap::new(), false);
        let get = |r: &Response<Body>, name| {
            r.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        assert_eq!(
            get(&gzip, header::CONTENT_ENCODING).as_deref(),
            Some("gzip")
        );
        assert_eq!(get(&plain, header::CONTENT_ENCODING), None);
        assert_ne!(get(&gzip, header::ETAG), get(&plain, header::ETAG));
        let length = page.gzip().map(|v| v.body.len().to_string());
        assert_eq!(get(&gzip, header::CONTENT_LENGTH), length);
        assert_eq!(
            get(&plain, header::CONTENT_LENGTH),
            Some(page.identity.body.len().to_string())
        );
        assert!(
            plain
                .headers()
                .contains_key(header::CONTENT_SECURITY_POLICY)
        );
        assert_eq!(
            get(&plain, header::VARY).as_deref(),
            Some("Accept-Encoding")
        );
    }

    #[test]
    fn a_304_names_the_variant_and_carries_no_representation_headers() {
        let page = Page::json(PageKind::RoleJson, "{\"a\": 1}".repeat(60));
        let etag = page.identity.etag.clone();
        let mut request = HeaderMap::new();
        request.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_str(&etag).unwrap_or(HeaderValue::from_static("x")),
        );
        let response = send(&page, StatusCode::OK, &request, false);
        assert_eq!(response.status(), StatusCode::NOT_MODIFIED);
        let h = response.headers();
        assert_eq!(
            h.get(header::ETAG).and_then(|v| v.to_str().ok()),
            Some(etag.as_str())
        );
        assert!(!h.contains_key(header::CONTENT_LENGTH));
        assert!(!h.contains_key(header::CONTENT_TYPE));
        assert!(
            h.contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN),
            "the API's CORS on a 304 too"
        );
        assert!(h.contains_key(header::CONTENT_SECURITY_POLICY));
    }
}
