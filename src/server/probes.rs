//! The requests a platform sends: `GET /readyz` on the site's router (200
//! once the first site is built and compressed, 503 with the same report
//! before) and `GET /metrics` on the metrics listener of its own.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::{self, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use prometheus_client::encoding::prometheus_text;
use serde::Serialize;
use tokio::net::TcpListener;

use crate::server::metrics::encode;
use crate::server::state::AppState;
use crate::site::assemble::readiness::RoleCounts;

/// The body of `/readyz`.
#[derive(Debug, Serialize)]
struct Readiness {
    ready: bool,
    roles: RolesReport,
    /// Which build of this process is being served (counts up on reload).
    generation: u64,
    /// Identifies the served bytes; equal on replicas of the same roles.
    build: String,
    version: &'static str,
}

#[derive(Debug, Serialize)]
struct RolesReport {
    listed: usize,
    open: usize,
    upcoming: usize,
    closed: usize,
}

impl From<(usize, RoleCounts)> for RolesReport {
    fn from((listed, counts): (usize, RoleCounts)) -> RolesReport {
        RolesReport {
            listed,
            open: counts.open,
            upcoming: counts.upcoming,
            closed: counts.closed,
        }
    }
}

/// `GET /readyz`: 200 with what is served once the first site is built and
/// compressed, 503 (with the same report) before.
pub(crate) async fn readyz_handler(State(state): State<AppState>) -> Response {
    let site = state.site.load();
    let ready = state.ops.is_ready();
    let report = Readiness {
        ready,
        roles: (site.listed_count(), site.role_counts()).into(),
        generation: site.generation(),
        build: site.build_id(),
        version: env!("CARGO_PKG_VERSION"),
    };
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let mut response = (status, axum::Json(report)).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The metrics listener's application: `GET /metrics`, everything else 404.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(metrics_handler))
        .with_state(state)
}

/// `GET /metrics` on the metrics listener.
async fn metrics_handler(State(state): State<AppState>) -> Response {
    let Some(metrics) = &state.ops.metrics else {
        return StatusCode::NOT_FOUND.into_response();
    };
    metrics.sync_share_images(state.share_images.drawn());
    match encode(metrics) {
        Ok(text) => {
            let mut response = text.into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(prometheus_text::CONTENT_TYPE),
            );
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Err(error) => {
            tracing::error!(%error, "metrics failed to encode");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Serves `/metrics` on its own listener until `shutdown`.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await
}
