//! What the platform running careers asks of it: whether this replica is
//! ready for traffic (`/readyz`), and which of the optional observers (the
//! access log, metrics) are on. Both observers are off unless asked for, so
//! by default they cost the request path nothing.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::{self, HeaderValue};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::server::metrics::Metrics;
use crate::server::state::AppState;
use crate::site::build::readiness::RoleCounts;

/// Readiness and the optional observers of one server.
#[derive(Debug)]
pub struct Ops {
    /// Set once the first site is built and compressed.
    ready: AtomicBool,
    /// Log one line per request (method, path, status, bytes, encoding,
    /// duration) at info level.
    pub access_log: bool,
    /// Request, site and rebuild metrics, when a metrics listener is on.
    pub metrics: Option<Arc<Metrics>>,
}

impl Ops {
    /// A server that is ready from the start (tests, preview), with no
    /// observers.
    pub fn ready() -> Ops {
        Ops {
            ready: AtomicBool::new(true),
            access_log: false,
            metrics: None,
        }
    }

    /// The same, logging one line per request or not.
    pub fn with_access_log(self, access_log: bool) -> Ops {
        Ops { access_log, ..self }
    }

    /// The same, counting metrics or not.
    pub fn with_metrics(self, metrics: bool) -> Ops {
        Ops {
            metrics: metrics.then(|| Arc::new(Metrics::new())),
            ..self
        }
    }

    /// Whether a layer has to watch requests at all.
    pub(crate) fn observes(&self) -> bool {
        self.access_log || self.metrics.is_some()
    }

    /// A server whose `/readyz` answers 503 until [`Ops::mark_ready`].
    pub fn starting() -> Ops {
        Ops {
            ready: AtomicBool::new(false),
            ..Ops::ready()
        }
    }

    /// This replica can take traffic from now on.
    pub fn mark_ready(&self) {
        self.ready.store(true, Ordering::Release);
    }

    /// Whether [`Ops::mark_ready`] was called.
    pub fn is_ready(&self) -> bool {
        self.ready.load(Ordering::Acquire)
    }
}

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
