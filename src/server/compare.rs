//! `/compare` and `/compare/{a}...{b}`: comparisons the site renders on
//! request and memoises; every answer asks search engines not to index it.

use std::sync::Arc;

use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use crate::server::render_pool::{Refused, busy_response};
use crate::server::respond::send;
use crate::server::state::AppState;
use crate::site::pages::compare::{Comparison, ComparisonCache};
use crate::site::{RenderError, Site, urls};

/// Whether `path` is the comparison form or a comparison.
pub(crate) fn is_compare(path: &str) -> bool {
    path == urls::COMPARE || path.starts_with("/compare/")
}

/// The answer for a comparison path: the form's GET redirects (303) to the
/// canonical comparison, a comparison is sent from the memo, an unknown slug
/// is the 404 page. What the memo does not hold is rendered in the render
/// pool, off the async workers; when the pool is full, a quick 503.
pub(crate) async fn respond(
    state: &AppState,
    uri: &Uri,
    request_headers: &HeaderMap,
    head: bool,
) -> Response {
    let site = state.site.load_full();
    let question = Question::of(uri);
    let answer = if question.is_memoised(state, &site) {
        Ok(question.answer(state, &site))
    } else {
        let (comparisons, site) = (Arc::clone(&state.comparisons), Arc::clone(&site));
        state
            .renders
            .run(move || question.answer_with(&comparisons, &site))
            .await
    };
    let mut response = match answer {
        Ok(Ok(Comparison::Page(page))) => send(&page, StatusCode::OK, request_headers, head),
        Ok(Ok(Comparison::Redirect(to))) => see_other(&to),
        Ok(Ok(Comparison::NotFound)) => send(
            site.not_found(),
            StatusCode::NOT_FOUND,
            request_headers,
            head,
        ),
        Ok(Err(error)) => {
            tracing::error!(error = %error, source = ?std::error::Error::source(&error), uri = %uri, "comparison failed to render");
            server_error(&site, request_headers, head)
        }
        Err(Refused::Busy) => busy_response(),
        Err(Refused::Failed) => server_error(&site, request_headers, head),
    };
    response
        .headers_mut()
        .insert("x-robots-tag", HeaderValue::from_static("noindex"));
    response
}

/// What a comparison path asks: the form (with its `a` and `b`), or a pair.
enum Question {
    Form(Option<String>, Option<String>),
    Pair(String, String),
    Unknown,
}

impl Question {
    fn of(uri: &Uri) -> Question {
        let path = uri.path();
        if path == urls::COMPARE {
            let (a, b) = form_values(uri.query().unwrap_or(""));
            return Question::Form(a, b);
        }
        match urls::compare_slugs(path) {
            Some((a, b)) => Question::Pair(a.to_owned(), b.to_owned()),
            None => Question::Unknown,
        }
    }

    /// Whether answering needs no rendering: the page is memoised, or the
    /// answer is a redirect or a 404 (cheap to find).
    fn is_memoised(&self, state: &AppState, site: &Site) -> bool {
        match self {
            Question::Form(Some(a), Some(b)) if !a.trim().is_empty() && !b.trim().is_empty() => {
                true
            }
            Question::Unknown => true,
            Question::Form(_, _) => state.comparisons.is_memoised(site, "", ""),
            Question::Pair(a, b) => state.comparisons.is_memoised(site, a, b),
        }
    }

    fn answer(&self, state: &AppState, site: &Site) -> Result<Comparison, RenderError> {
        self.answer_with(&state.comparisons, site)
    }

    fn answer_with(
        &self,
        comparisons: &ComparisonCache,
        site: &Site,
    ) -> Result<Comparison, RenderError> {
        match self {
            Question::Form(a, b) => comparisons.form(site, a.as_deref(), b.as_deref()),
            Question::Pair(a, b) => comparisons.compare(site, a, b),
            Question::Unknown => Ok(Comparison::NotFound),
        }
    }
}

fn server_error(site: &Site, request_headers: &HeaderMap, head: bool) -> Response {
    send(
        site.server_error(),
        StatusCode::INTERNAL_SERVER_ERROR,
        request_headers,
        head,
    )
}

/// `a` and `b` from a query string, decoded; the first of each.
fn form_values(query: &str) -> (Option<String>, Option<String>) {
    let (mut a, mut b) = (None, None);
    for (key, value) in urls::query_pairs(query) {
        let slot = match key.as_ref() {
            "a" => &mut a,
            "b" => &mut b,
            _ => continue,
        };
        if slot.is_none() {
            *slot = Some(value.into_owned());
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
