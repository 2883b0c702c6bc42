//! Bytes to HTTP: routes, conditional GET, content negotiation and headers.
//! Nothing here parses or renders; the site is prebuilt.

pub(crate) mod activity;
pub mod app;
pub(crate) mod compare;
pub(crate) mod connections;
pub(crate) mod handlers;
pub(crate) mod headers;
pub mod metrics;
mod observe;
mod open_files;
pub mod ops;
pub mod preview;
pub mod probes;
pub(crate) mod registry;
mod respond;

pub use registry::ConnectionStats;
pub mod render_pool;
pub(crate) mod socket;
pub(crate) mod state;

use std::any::Any;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use arc_swap::ArcSwap;
use axum::Router;
use axum::body::Body;
use axum::http::StatusCode;
use axum::http::header::{self, HeaderValue};
use axum::middleware;
use axum::response::Response;
use axum::routing::get;
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

pub use app::App;
pub use connections::Limits;
pub use open_files::{connection_cap, raise_open_file_limit};
pub use ops::Ops;
pub use render_pool::RenderPool;
pub use state::AppState;

use crate::site::Site;

/// Requests carry no body worth having; anything larger is refused.
const BODY_LIMIT: usize = 16 * 1024;
/// A slow client cannot hold a worker for longer than this.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// The application: every route with its layers. Layers run outermost last
/// in this list, so the security headers reach every response, including
/// those the inner layers make themselves (408, 413, a caught panic's 500).
pub fn router(state: AppState) -> Router {
    let site = Arc::clone(&state.site);
    let ops = Arc::clone(&state.ops);
    observed(with_layers(routes(state), site), ops)
}

/// The preview's application: the site's routes plus live reload, `noindex`,
/// and the share token when there is one.
pub fn preview_router(state: AppState, preview: preview::PreviewState) -> Router {
    let site = Arc::clone(&state.site);
    let ops = Arc::clone(&state.ops);
    observed(
        with_layers(preview::wrap(routes(state), preview), site),
        ops,
    )
}

/// The access log and request metrics, outermost so that they see every
/// response and its whole latency; not there at all when both are off.
fn observed(app: Router, ops: Arc<Ops>) -> Router {
    if ops.observes() {
        app.layer(observe::ObserveLayer::new(ops))
    } else {
        app
    }
}

fn routes(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(handlers::healthz_handler))
        .route("/readyz", get(probes::readyz_handler))
        .fallback(handlers::page_handler)
        .with_state(state)
}

fn with_layers(routes: Router, site: Arc<ArcSwap<Site>>) -> Router {
    let panics = panic_response(site);
    routes
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(middleware::map_request(headers::require_one_host))
        .layer(CatchPanicLayer::custom(panics))
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .layer(middleware::map_response(headers::secure_response))
}

/// The span each request is traced in: method and path, never the query,
/// which can hold a shared preview's token (and searches people typed).
fn request_span<B>(request: &axum::http::Request<B>) -> tracing::Span {
    tracing::debug_span!(
        "request",
        method = %request.method(),
        path = %request.uri().path(),
        version = ?request.version(),
    )
}

/// A panic in a handler becomes the site's 500 page (no details), logged.
fn panic_response(
    site: Arc<ArcSwap<Site>>,
) -> impl Fn(Box<dyn Any + Send + 'static>) -> Response + Clone {
    move |panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        tracing::error!(panic = %what, "a handler panicked");
        let page = Arc::clone(site.load().server_error());
        let mut response = Response::new(Body::from(page.identity.body.clone()));
        *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(page.content_type),
        );
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        response
    }
}

/// Serves until `shutdown` completes, then finishes in-flight requests
/// within the limits' grace period.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let stats = state
        .ops
        .metrics
        .as_ref()
        .map_or_else(Arc::default, |m| Arc::clone(&m.connections));
    let app = App::with_direct_pages(router(state.clone()), &state);
    connections::serve(listener, app, limits, stats, shutdown).await
}

#[cfg(test)]
mod tests {
    use axum::body::to_bytes;
    use axum::http::Request;
    use tower::ServiceExt;

    use super::*;
    use crate::site::Settings;

    // See: issue #16 (panics stay contained).
    #[tokio::test]
    async fn a_panicking_handler_becomes_a_500_page_with_the_usual_headers() {
        let site = Site::build(
            Vec::<crate::role::Role>::new(),
            &Settings::default(),
            jiff::civil::date(2026, 1, 1),
        );
        let Ok(site) = site else {
            panic!("an empty site builds")
        };
        let state = AppState::new(site);
        let site = Arc::clone(&state.site);
        let boom = routes(state).route(
            "/boom",
            get(|| async {
                panic!("a handler bug");
                #[allow(unreachable_code, reason = "the handler needs a return type")]
                ""
            }),
        );
        let app = with_layers(boom, site);
        for _ in 0..2 {
            let request = Request::get("/boom")
                .header(header::HOST, "careers.test")
                .body(Body::empty());
            let Ok(request) = request else {
                panic!("request")
            };
            let Ok(response) = app.clone().oneshot(request).await;
            assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
            assert!(
                response
                    .headers()
                    .contains_key(header::CONTENT_SECURITY_POLICY)
            );
            let body = to_bytes(response.into_body(), 1 << 20)
                .await
                .unwrap_or_default();
            let body = String::from_utf8_lossy(&body);
            assert!(body.contains("Something went wrong"), "{body}");
            assert!(
                !body.contains("a handler bug"),
                "no internals reach the client"
            );
        }
    }
}
