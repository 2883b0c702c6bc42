//! The few pages made on request that cost milliseconds (a comparison of two
//! roles, a share image's first drawing) are made here: on tokio's blocking
//! threads, never on the async workers that hand out prebuilt pages, and at
//! most a few at once. A request that cannot start within a short wait gets
//! a quick 503 with `Retry-After`, so a flood of them costs bounded CPU and
//! memory and the rest of the site stays fast.

use std::sync::Arc;
use std::time::Duration;

use axum::http::StatusCode;
use axum::http::header::{self, HeaderValue};
use axum::response::{IntoResponse, Response};
use tokio::sync::Semaphore;

/// How long a request waits for a free slot before it is answered 503.
const WAIT: Duration = Duration::from_millis(200);

/// Bounded room for expensive work.
#[derive(Debug)]
pub struct RenderPool {
    slots: Arc<Semaphore>,
    wait: Duration,
}

/// Why work did not run to the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refused {
    /// Every slot stayed taken for the whole wait.
    Busy,
    /// The work panicked (a bug; logged).
    Failed,
}

impl Default for RenderPool {
    /// One slot per core, less one kept for serving prebuilt pages (at least one).
    fn default() -> RenderPool {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        RenderPool::new(cores.saturating_sub(1).max(1), WAIT)
    }
}

impl RenderPool {
    /// A pool of `slots` that waits up to `wait` for one. With no slots,
    /// nothing is made on request: every such request is answered 503.
    pub fn new(slots: usize, wait: Duration) -> RenderPool {
        RenderPool {
            slots: Arc::new(Semaphore::new(slots)),
            wait,
        }
    }

    /// Runs `work` on a blocking thread once a slot is free. The slot is
    /// held until the work ends, even if the request that asked is gone.
    pub(crate) async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Refused> {
        let slot = tokio::time::timeout(self.wait, Arc::clone(&self.slots).acquire_owned())
            .await
            .ok()
            .and_then(Result::ok)
            .ok_or(Refused::Busy)?;
        tokio::task::spawn_blocking(move || {
            let _slot = slot;
            work()
        })
        .await
        .map_err(|error| {
            tracing::error!(%error, "rendering on request failed");
            Refused::Failed
        })
    }
}

/// The quick answer when the pool is full: come back in a second.
pub(crate) fn busy_response() -> Response {
    let mut response = (
        StatusCode::SERVICE_UNAVAILABLE,
        "The server is busy; retry in a moment.\n",
    )
        .into_response();
    let headers = response.headers_mut();
    headers.insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_full_pool_refuses_after_its_wait() {
        let pool = Arc::new(RenderPool::new(1, Duration::from_millis(20)));
        let (hold, held) = std::sync::mpsc::channel::<()>();
        let (started, running) = tokio::sync::oneshot::channel::<()>();
        let busy = Arc::clone(&pool);
        let first = tokio::spawn(async move {
            busy.run(move || {
                let _ = started.send(());
                let _ = held.recv();
            })
            .await
        });
        let _ = running.await;
        assert_eq!(pool.run(|| 1).await, Err(Refused::Busy));
        let _ = hold.send(());
        assert!(matches!(first.await, Ok(Ok(()))));
        assert_eq!(pool.run(|| 2).await, Ok(2));
    }
}
