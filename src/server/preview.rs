//! What `careers preview` adds to the site's router: the live-reload event
//! stream, `noindex` and no long-lived caching on every response, and, when a
//! preview is shared, a token on every request.

use std::convert::Infallible;
use std::sync::Arc;

use arc_swap::ArcSwap;
use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderValue};
use axum::http::{HeaderName, StatusCode};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::stream::{self, Stream, StreamExt};
use tokio::sync::{broadcast, watch};

use crate::site::Site;
use crate::site::pages::preview::EVENTS;

/// The cookie a shared preview sets once its link has been opened.
const COOKIE: &str = "careers_preview";

/// What the preview routes share.
#[derive(Debug, Clone)]
pub struct PreviewState {
    /// Fires after every rebuild, good or failed, with the site's generation.
    pub changes: broadcast::Sender<u64>,
    /// The site being served. Its generation is told to each new event
    /// stream: a page that reloaded while a rebuild landed compares it with
    /// the generation that sent it there, so no save is missed.
    pub site: Arc<ArcSwap<Site>>,
    /// Turns true on shutdown, ending every event stream (an open stream
    /// would otherwise hold graceful shutdown forever).
    pub stopping: watch::Receiver<bool>,
    /// Required on every request when the preview is shared.
    pub token: Option<String>,
}

/// The preview's routes and layers around the site's router.
pub(crate) fn wrap(site_routes: Router, preview: PreviewState) -> Router {
    let events = Router::new()
        .route(EVENTS, get(events_handler))
        .with_state(preview.clone());
    let app = events.merge(site_routes);
    let app = match preview.token {
        Some(_) => app.layer(middleware::from_fn_with_state(preview, require_token)),
        None => app,
    };
    // Outside the token check, so its 401 and 303 are marked too.
    app.layer(middleware::map_response(not_for_search_engines))
}

/// `GET /_preview/events`: a `hello` with the current generation, then a
/// `reload` with the new one after every rebuild.
async fn events_handler(State(preview): State<PreviewState>) -> impl IntoResponse {
    // Subscribed before reading the generation, so nothing falls between.
    let changes = preview.changes.subscribe();
    let hello = Event::default()
        .event("hello")
        .data(preview.site.load().generation().to_string());
    let stream =
        stream::once(async move { Ok(hello) }).chain(reload_events(changes, preview.stopping));
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

fn reload_events(
    changes: broadcast::Receiver<u64>,
    stopping: watch::Receiver<bool>,
) -> impl Stream<Item = Result<Event, Infallible>> {
    stream::unfold(
        (changes, stopping),
        |(mut changes, mut stopping)| async move {
            if *stopping.borrow() {
                return None;
            }
            tokio::select! {
                changed = stopping.changed() => {
                    let _ = changed;
                    None
                }
                received = changes.recv() => match received {
                    Ok(generation) => {
                        let event = Event::default().event("reload").data(generation.to_string());
                        Some((Ok(event), (changes, stopping)))
                    }
                    // Missed a few rebuilds: one reload covers them all.
                    Err(broadcast::error::RecvError::Lagged(_)) => {
                        let event = Event::default().event("reload").data("0");
                        Some((Ok(event), (changes, stopping)))
                    }
                    Err(broadcast::error::RecvError::Closed) => None,
                },
            }
        },
    )
}

/// A preview is never indexed and never cached for long.
async fn not_for_search_engines(mut response: Response) -> Response {
    let h = response.headers_mut();
    h.insert(
        HeaderName::from_static("x-robots-tag"),
        HeaderValue::from_static("noindex, nofollow"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// A shared preview answers only to its token: first as `?token=`, which
/// sets a cookie and redirects to the same address without it (so the token
/// does not linger in the address bar), then by that cookie.
///
/// The cookie is `SameSite=Lax`: the link is usually clicked in webmail or a
/// chat, on another site, and a browser does not send a `Strict` cookie on a
/// redirect chain that began there, so the page after the redirect (and
/// every reload) would be a 401. `Lax` is sent on top-level navigations and
/// never on another site's embedded or cross-site `POST` requests.
async fn require_token(
    State(preview): State<PreviewState>,
    request: Request,
    next: Next,
) -> Response {
    let Some(token) = preview.token.as_deref() else {
        return next.run(request).await;
    };
    let uri = request.uri().clone();
    let (from_query, rest) = split_token(uri.query().unwrap_or(""));
    if from_query.as_deref().is_some_and(|t| same(t, token)) {
        let path = local_path(uri.path());
        let path = if rest.is_empty() {
            path
        } else {
            format!("{path}?{rest}")
        };
        let cookie = format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax");
        let mut response = StatusCode::SEE_OTHER.into_response();
        let h = response.headers_mut();
        if let (Ok(location), Ok(cookie)) =
            (HeaderValue::from_str(&path), HeaderValue::from_str(&cookie))
        {
            h.insert(header::LOCATION, location);
            h.insert(header::SET_COOKIE, cookie);
        }
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        return response;
    }
    if cookie_token(&request).is_some_and(|t| same(t, token)) {
        return next.run(request).await;
    }
    let mut response = (
        StatusCode::UNAUTHORIZED,
        "This preview is private. Open it with the link you were sent.\n",
    )
        .into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A path of this site for a redirect: `//evil.example/` (or with
/// backslashes, which browsers read as slashes) would name another host, so
/// leading slashes collapse to one.
fn local_path(path: &str) -> String {
    format!("/{}", path.trim_start_matches(['/', '\\']))
}

/// The `token` parameter, and the rest of the query without it.
fn split_token(query: &str) -> (Option<String>, String) {
    let mut token = None;
    let mut rest = url::form_urlencoded::Serializer::new(String::new());
    for (key, value) in crate::site::urls::query_pairs(query) {
        if key == "token" {
            token = Some(value.into_owned());
        } else {
            rest.append_pair(&key, &value);
        }
    }
    (token, rest.finish())
}

fn cookie_token(request: &Request) -> Option<&str> {
    request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix(COOKIE)?.strip_prefix('='))
}

/// Compares in time that does not depend on where the strings differ.
fn same(given: &str, token: &str) -> bool {
    given.len() == token.len()
        && given
            .bytes()
            .zip(token.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// A new share token: 128 random bits as hex.
pub fn new_token() -> std::io::Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(std::io::Error::other)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_is_taken_out_of_the_query() {
        assert_eq!(
            split_token("q=baker&token=abc&team=Bread"),
            (Some("abc".into()), "q=baker&team=Bread".into())
        );
        assert_eq!(split_token(""), (None, String::new()));
    }

    #[test]
    fn a_redirect_never_leaves_the_site() {
        assert_eq!(local_path("//evil.example/"), "/evil.example/");
        assert_eq!(local_path("/\\evil.example"), "/evil.example");
        assert_eq!(local_path("/roles/x"), "/roles/x");
        assert_eq!(local_path("/"), "/");
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(same("abcd", "abcd"));
        assert!(!same("abce", "abcd"));
        assert!(!same("abc", "abcd"));
    }

    #[test]
    fn tokens_are_random_hex() {
        let (Ok(a), Ok(b)) = (new_token(), new_token()) else {
            panic!("the system has randomness")
        };
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }
}
