//! What a connection serves. A prebuilt page asked for plainly (GET or HEAD,
//! no query, no body) is answered here, straight from the current site with
//! the page's prebuilt headers: the request path of a bare static server,
//! with no router, layer, state clone or timer in it. Everything else goes
//! through the router and its layers, which answer it exactly as before.

use std::sync::Arc;
use std::time::Instant;

use arc_swap::ArcSwap;
use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, Response, StatusCode, Version, header};
use tower::ServiceExt;

use crate::server::observe;
use crate::server::ops::Ops;
use crate::server::respond;
use crate::server::state::AppState;
use crate::site::Site;

/// The router and, when the site's pages may be answered directly, the site.
#[derive(Debug)]
pub struct App {
    router: Router,
    /// `None` where every page must pass the router's own layers (the
    /// preview's token and live reload).
    direct: Option<Direct>,
}

/// The site whose pages are answered without the router, and the observers
/// those answers report to.
#[derive(Debug)]
struct Direct {
    site: Arc<ArcSwap<Site>>,
    ops: Arc<Ops>,
}

impl App {
    /// Every request through `router`.
    pub fn routed(router: Router) -> App {
        App {
            router,
            direct: None,
        }
    }

    /// `router`, with the prebuilt pages of `state`'s site answered first.
    pub fn with_direct_pages(router: Router, state: &AppState) -> App {
        App {
            router,
            direct: Some(Direct {
                site: Arc::clone(&state.site),
                ops: Arc::clone(&state.ops),
            }),
        }
    }

    /// The response to one request.
    pub async fn answer<B>(self: Arc<Self>, request: Request<B>) -> Response<Body>
    where
        B: axum::body::HttpBody<Data = bytes::Bytes> + Send + 'static,
        B::Error: Into<axum::BoxError>,
    {
        if let Some(response) = self.prebuilt(&request) {
            return response;
        }
        let Ok(mut response) = self.router.clone().oneshot(request.map(Body::new)).await;
        // axum sets a length from the empty body; a 304 must not carry one
        // that differs from the page's (RFC 9110, 8.6).
        if response.status() == StatusCode::NOT_MODIFIED {
            response.headers_mut().remove(header::CONTENT_LENGTH);
        }
        response
    }

    /// The prebuilt page `request` asks for, when it asks plainly.
    fn prebuilt<B>(&self, request: &Request<B>) -> Option<Response<Body>> {
        let direct = self.direct.as_ref()?;
        if !asks_plainly(request) {
            return None;
        }
        let started = direct.ops.observes().then(Instant::now);
        let site = direct.site.load();
        let page = site.page(request.uri().path())?;
        let head = request.method() == Method::HEAD;
        let response = respond::send(page, StatusCode::OK, request.headers(), head);
        if let Some(started) = started {
            observe::report_direct(&direct.ops, started, request, &response);
        }
        Some(response)
    }
}

/// Whether the router would answer `request` with its prebuilt page, when
/// the site has one at its path: GET or HEAD; no query (a listing's
/// filters, campaign parameters); no body (the router's size limit); one
/// `Host` in HTTP/1.1 (the router refuses the rest). What the router makes
/// on request (share images, comparisons) is never a prebuilt page, so the
/// lookup itself leaves it to the router. With debug logging on, every
/// request takes the router for its span.
fn asks_plainly<B>(request: &Request<B>) -> bool {
    let method = request.method();
    let uri = request.uri();
    let headers = request.headers();
    (method == Method::GET || method == Method::HEAD)
        && uri.query().is_none()
        && !headers.contains_key(header::CONTENT_LENGTH)
        && !headers.contains_key(header::TRANSFER_ENCODING)
        && (request.version() != Version::HTTP_11
            || headers.get_all(header::HOST).iter().count() == 1)
        && !tracing::enabled!(tracing::Level::DEBUG)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::Settings;

    /// The state of an empty site, with `ops`.
    fn state(ops: Ops) -> AppState {
        let Ok(site) = Site::build(
            Vec::<crate::role::Role>::new(),
            &Settings::default(),
            jiff::civil::date(2026, 1, 1),
        ) else {
            panic!("an empty site builds")
        };
        AppState::new(site).with_ops(ops)
    }

    fn app(state: &AppState) -> App {
        App::with_direct_pages(crate::server::router(state.clone()), state)
    }

    fn request(method: &str, uri: &str, hosts: usize) -> Request<Body> {
        let mut request = Request::builder().method(method).uri(uri);
        for _ in 0..hosts {
            request = request.header(header::HOST, "careers.test");
        }
        request
            .body(Body::empty())
            .unwrap_or_else(|e| panic!("request: {e}"))
    }

    #[test]
    fn only_plain_requests_for_prebuilt_pages_skip_the_router() {
        let app = app(&state(Ops::ready()));
        assert!(app.prebuilt(&request("GET", "/", 1)).is_some());
        assert!(app.prebuilt(&request("HEAD", "/sitemap.xml", 1)).is_some());
        for (method, uri, hosts) in [
            ("GET", "/?q=x", 1),
            ("GET", "/nothing-here", 1),
            ("POST", "/", 1),
            ("GET", "/", 0),
            ("GET", "/", 2),
            ("GET", "/compare/a...b", 1),
        ] {
            assert!(
                app.prebuilt(&request(method, uri, hosts)).is_none(),
                "{method} {uri} with {hosts} Host headers"
            );
        }
        let routed = App::routed(app.router);
        assert!(routed.prebuilt(&request("GET", "/", 1)).is_none());
    }

    #[test]
    fn a_page_answered_directly_is_counted_in_the_metrics() {
        let state = state(Ops::ready().with_metrics(true));
        let app = app(&state);
        let Some(metrics) = state.ops.metrics.as_ref() else {
            panic!("metrics are on")
        };
        let count = || {
            crate::server::metrics::encode(metrics)
                .unwrap_or_default()
                .lines()
                .filter(|l| {
                    l.starts_with("careers_http_requests_total") && l.contains("status=\"200\"")
                })
                .filter_map(|l| l.rsplit(' ').next()?.parse::<u64>().ok())
                .sum::<u64>()
        };
        let before = count();
        assert!(app.prebuilt(&request("GET", "/", 1)).is_some());
        assert_eq!(
            count(),
            before + 1,
            "{}",
            crate::server::metrics::encode(metrics).unwrap_or_default()
        );
    }
}
