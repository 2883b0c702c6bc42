//! Bytes to HTTP: routes, conditional GET, content negotiation and headers.
//! Nothing here parses or renders; the site is prebuilt.

pub mod handlers;
pub mod headers;
pub mod state;

use std::future::Future;
use std::time::Duration;

use axum::Router;
use axum::http::StatusCode;
use axum::routing::get;
use tokio::net::TcpListener;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

pub use state::AppState;

/// Requests carry no body worth having; anything larger is refused.
const BODY_LIMIT: usize = 16 * 1024;
/// A slow client cannot hold a worker for longer than this.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// The application: every route with its layers.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(handlers::healthz_handler))
        .fallback(handlers::page_handler)
        .with_state(state)
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(TraceLayer::new_for_http())
}

/// Serves until `shutdown` completes, then finishes in-flight requests.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await
}
