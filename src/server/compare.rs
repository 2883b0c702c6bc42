//! `/compare` and `/compare/{a}...{b}`: comparisons the site renders on
//! request and memoises; every answer asks search engines not to index it.

use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use crate::server::handlers::send;
use crate::server::state::AppState;
use crate::site::compare::Comparison;
use crate::site::{Site, urls};

/// Whether `path` is the comparison form or a comparison.
pub(crate) fn is_compare(path: &str) -> bool {
    path == urls::COMPARE || path.starts_with("/compare/")
}

/// The answer for a comparison path: the form's GET redirects (303) to the
/// canonical comparison, a comparison is sent from the memo, an unknown slug
/// is the 404 page.
pub(crate) fn respond(
    state: &AppState,
    site: &Site,
    uri: &Uri,
    request_headers: &HeaderMap,
    head: bool,
) -> Response {
    let path = uri.path();
    let answer = if path == urls::COMPARE {
        let (a, b) = form_values(uri.query().unwrap_or(""));
        state.comparisons.form(site, a.as_deref(), b.as_deref())
    } else {
        match urls::compare_slugs(path) {
            Some((a, b)) => state.comparisons.compare(site, a, b),
            None => Ok(Comparison::NotFound),
        }
    };
    let mut response = match answer {
        Ok(Comparison::Page(page)) => send(&page, StatusCode::OK, request_headers, head),
        Ok(Comparison::Redirect(to)) => see_other(&to),
        Ok(Comparison::NotFound) => send(
            site.not_found(),
            StatusCode::NOT_FOUND,
            request_headers,
            head,
        ),
        Err(error) => {
            tracing::error!(error = %error, source = ?std::error::Error::source(&error), uri = %uri, "comparison failed to render");
            send(
                site.server_error(),
                StatusCode::INTERNAL_SERVER_ERROR,
                request_headers,
                head,
            )
        }
    };
    response
        .headers_mut()
        .insert("x-robots-tag", HeaderValue::from_static("noindex"));
    response
}

/// `a` and `b` from a query string, decoded; the first of each.
fn form_values(query: &str) -> (Option<String>, Option<String>) {
    let (mut a, mut b) = (None, None);
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let slot = match key {
            "a" => &mut a,
            "b" => &mut b,
            _ => continue,
        };
        if slot.is_none() {
            *slot = urls::percent_decode(&value.replace('+', " "));
        }
    }
    (a, b)
}

/// A 303: the form's answer lives at the comparison's own address.
fn see_other(to: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(location) = HeaderValue::from_str(to) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_values_are_decoded_and_the_first_of_each_wins() {
        assert_eq!(
            form_values("a=mid%2Dbaker&b=lead+baker&a=other"),
            (Some("mid-baker".into()), Some("lead baker".into()))
        );
        assert_eq!(form_values(""), (None, None));
    }
}
