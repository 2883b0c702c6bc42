//! What the platform running careers asks of it: whether this replica is
//! ready for traffic, and which of the optional observers (the access log,
//! metrics) are on; `probes` answers the requests that ask. Both observers are off unless asked for, so
//! by default they cost the request path nothing.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::server::metrics::Metrics;

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
