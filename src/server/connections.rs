//! Accepting and serving connections with limits, like the servers people
//! trust most: no client can hold a connection forever, the server answers a
//! quick 503 rather than starving when full, and shutdown has a deadline.
//!
//! `axum::serve` has no header-read or idle timeout, so connections are served
//! here with hyper-util. Under its auto (HTTP/1 or HTTP/2) builder no timer
//! starts until the first bytes arrive, so the first read is bounded here too.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Semaphore, watch};
use tokio::task::JoinSet;
use tower::ServiceExt;

/// The limits every connection is served under.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Time for a client to send its first bytes, and then each request's
    /// headers. In HTTP/1 the same timer runs while a kept-alive connection
    /// waits for its next request, so it also closes idle keep-alive
    /// connections.
    pub header_read_timeout: Duration,
    /// A connection with no request in flight for this long is closed
    /// (HTTP/2 as well, where pings alone would keep it open).
    pub idle_timeout: Duration,
    /// Connections served at once; past this a new one gets a 503 and is closed.
    pub max_connections: usize,
    /// How long shutdown waits for in-flight requests before cutting them.
    pub shutdown_grace: Duration,
}

impl Default for Limits {
    /// Tighter than nginx's `client_header_timeout` 60 s and
    /// `keepalive_timeout` 75 s: a careers page needs neither. The connection
    /// cap stays under the common 1,024 open-file limit.
    fn default() -> Limits {
        Limits {
            header_read_timeout: Duration::from_secs(15),
            idle_timeout: Duration::from_secs(60),
            max_connections: 900,
            shutdown_grace: Duration::from_secs(10),
        }
    }
}

/// Sent to a connection over the cap: small, final, and closes at once.
const FULL_RESPONSE: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: 29\r\nretry-after: 1\r\nconnection: close\r\ncache-control: no-store\r\nx-content-type-options: nosniff\r\n\r\nThe server is busy; retry.\r\n\r\n";

/// Serves `app` on `listener` until `shutdown` completes, then lets in-flight
/// requests finish for up to [`Limits::shutdown_grace`] and cuts the rest.
pub(crate) async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let limits = Arc::new(limits);
    let permits = Arc::new(Semaphore::new(limits.max_connections));
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut connections = JoinSet::new();
    let refused = AtomicU64::new(0);
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => {
                let (stream, peer) = match accepted {
                    Ok(pair) => pair,
                    Err(error) => {
                        // Out of file descriptors and the like: wait, do not spin.
                        tracing::warn!(%error, "accept failed");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let Ok(permit) = Arc::clone(&permits).try_acquire_owned() else {
                    let n = refused.fetch_add(1, Ordering::Relaxed) + 1;
                    if n.is_power_of_two() {
                        tracing::warn!(%peer, refused = n, max = limits.max_connections, "connection limit reached; answering 503");
                    }
                    connections.spawn(refuse(stream));
                    continue;
                };
                let app = app.clone();
                let limits = Arc::clone(&limits);
                let stop = stop_rx.clone();
                connections.spawn(async move {
                    serve_one(stream, app, &limits, stop).await;
                    drop(permit);
                });
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    drop(listener);
    drain(connections, &stop_tx, limits.shutdown_grace).await;
    Ok(())
}

/// Asks every connection to finish, waits up to `grace`, then cuts the rest.
async fn drain(mut connections: JoinSet<()>, stop: &watch::Sender<bool>, grace: Duration) {
    let _ = stop.send(true);
    let open = connections.len();
    tracing::info!(open, "shutting down: finishing in-flight requests");
    let deadline = tokio::time::sleep(grace);
    tokio::pin!(deadline);
    loop {
        tokio::select! {
            () = &mut deadline => break,
            next = connections.join_next() => if next.is_none() { break },
        }
    }
    let cut = connections.len();
    if cut > 0 {
        tracing::warn!(
            cut,
            grace_ms = grace.as_millis(),
            "shutdown deadline passed; cutting connections"
        );
        connections.shutdown().await;
    } else {
        tracing::info!("every connection finished");
    }
}

async fn refuse(mut stream: TcpStream) {
    let write = async {
        stream.write_all(FULL_RESPONSE).await?;
        stream.shutdown().await
    };
    let _ = tokio::time::timeout(Duration::from_secs(1), write).await;
}

/// When a connection last finished a request, and how many are in flight.
#[derive(Debug)]
struct Activity {
    started: Instant,
    last_ms: AtomicU64,
    in_flight: AtomicUsize,
}

impl Activity {
    fn touch(&self) {
        let ms = u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last_ms.store(ms, Ordering::Relaxed);
    }

    fn idle_for(&self) -> Option<Duration> {
        if self.in_flight.load(Ordering::Relaxed) > 0 {
            return None;
        }
        let last = Duration::from_millis(self.last_ms.load(Ordering::Relaxed));
        Some(self.started.elapsed().saturating_sub(last))
    }
}

async fn serve_one(
    stream: TcpStream,
    app: Router,
    limits: &Limits,
    mut stop: watch::Receiver<bool>,
) {
    // A client that never sends a byte would otherwise hold the connection:
    // the auto builder waits for the first bytes before any timer starts.
    let mut first = [0u8; 1];
    match tokio::time::timeout(limits.header_read_timeout, stream.peek(&mut first)).await {
        Ok(Ok(n)) if n > 0 => {}
        Ok(_) => return,
        Err(_) => {
            tracing::debug!("closing a connection that sent nothing");
            return;
        }
    }
    let activity = Arc::new(Activity {
        started: Instant::now(),
        last_ms: AtomicU64::new(0),
        in_flight: AtomicUsize::new(0),
    });
    let service = {
        let activity = Arc::clone(&activity);
        hyper::service::service_fn(move |request: Request<Incoming>| {
            let app = app.clone();
            let activity = Arc::clone(&activity);
            activity.in_flight.fetch_add(1, Ordering::Relaxed);
            async move {
                let mut response = app.oneshot(request.map(Body::new)).await;
                activity.in_flight.fetch_sub(1, Ordering::Relaxed);
                activity.touch();
                // axum sets a length from the empty body; a 304 must not
                // carry one that differs from the page's (RFC 9110, 8.6).
                if let Ok(r) = &mut response
                    && r.status() == StatusCode::NOT_MODIFIED
                {
                    r.headers_mut().remove(header::CONTENT_LENGTH);
                }
                response
            }
        })
    };
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout);
    builder
        .http2()
        .timer(TokioTimer::new())
        .keep_alive_interval(Some(Duration::from_secs(20)))
        .keep_alive_timeout(Duration::from_secs(10))
        .max_concurrent_streams(64);
    let connection = builder.serve_connection(TokioIo::new(stream), service);
    tokio::pin!(connection);
    let check_every =
        (limits.idle_timeout / 4).clamp(Duration::from_millis(10), Duration::from_secs(5));
    let mut ticks = tokio::time::interval(check_every);
    let mut closing = false;
    loop {
        tokio::select! {
            result = connection.as_mut() => {
                if let Err(error) = result {
                    tracing::debug!(%error, "connection ended with an error");
                }
                return;
            }
            _ = ticks.tick(), if !closing => {
                if activity.idle_for().is_some_and(|idle| idle >= limits.idle_timeout) {
                    tracing::debug!("closing an idle connection");
                    connection.as_mut().graceful_shutdown();
                    closing = true;
                }
            }
            changed = stop.changed(), if !closing => {
                let _ = changed;
                connection.as_mut().graceful_shutdown();
                closing = true;
            }
        }
    }
}
