//! Accepting and serving connections with limits, like the servers people
//! trust most: no client can hold a connection forever, a full server makes
//! room by closing its oldest idle connection and answers a quick 503 only
//! when every connection is busy, and shutdown has a deadline.
//!
//! `axum::serve` has no header-read or idle timeout, so connections are served
//! here with hyper-util. Under its auto (HTTP/1 or HTTP/2) builder no timer
//! starts until the first bytes arrive, so the first read is bounded here too.
//!
//! Timeouts are deadlines per connection, checked by the connection's one
//! watchdog tick, never a timer per request or per write: the service and the
//! socket only record instants in the connection's [`Activity`].

use std::future::Future;
use std::sync::{Arc, LazyLock};
use std::time::Duration;

use axum::extract::Request;
use axum::http::header;
use axum::response::Response;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinSet;

use crate::server::activity::{Activity, TrackedBody};
use crate::server::app::App;
use crate::server::headers::security_header_lines;
use crate::server::registry::{ConnectionStats, Registry};
use crate::server::socket::WatchedStream;

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
    /// How long a client may leave what the server sends untaken (a socket
    /// write that cannot complete) before its connection is closed, like
    /// nginx's `send_timeout`: between two writes, not for a whole response.
    pub send_timeout: Duration,
    /// Connections served at once. At the cap a newcomer closes the oldest
    /// connection with no request in flight; when all are busy it gets a 503.
    pub max_connections: usize,
    /// How long shutdown waits for in-flight requests before cutting them.
    /// Idle connections are closed at once.
    pub shutdown_grace: Duration,
}

impl Default for Limits {
    /// Tighter than nginx's `client_header_timeout` 60 s, `keepalive_timeout`
    /// 75 s and `send_timeout` 60 s: a careers page is small, so a client
    /// that takes nothing for 30 s has gone. `serve` sizes the connection cap
    /// from the open-file limit; this default stays under the common 1,024.
    fn default() -> Limits {
        Limits {
            header_read_timeout: Duration::from_secs(15),
            idle_timeout: Duration::from_secs(60),
            send_timeout: Duration::from_secs(30),
            max_connections: 900,
            shutdown_grace: Duration::from_secs(10),
        }
    }
}

/// Sent to a connection over the cap when every connection is busy: small,
/// final, closes at once, and carries the security headers like every answer.
static FULL_RESPONSE: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let body = "The server is busy; retry.\r\n";
    let mut out = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: {}\r\nretry-after: 1\r\nconnection: close\r\ncache-control: no-store\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(security_header_lines());
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(body.as_bytes());
    out
});

/// Serves `app` on `listener` until `shutdown` completes, then closes idle
/// connections at once, lets in-flight requests finish for up to
/// [`Limits::shutdown_grace`] and cuts the rest.
pub(crate) async fn serve(
    listener: TcpListener,
    app: App,
    limits: Limits,
    stats: Arc<ConnectionStats>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let limits = Arc::new(limits);
    let app = Arc::new(app);
    let registry = Registry::new(limits.max_connections, Arc::clone(&stats));
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut connections = JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => {
                let stream = match accepted {
                    Ok((stream, _peer)) => stream,
                    Err(error) => {
                        // Out of file descriptors and the like: wait, do not spin.
                        tracing::warn!(%error, "accept failed");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let activity = Arc::new(Activity::new());
                let Some(place) = registry.admit(&activity) else {
                    stats.refused.add(1);
                    connections.spawn(refuse(stream));
                    continue;
                };
                let connection = Connection {
                    app: Arc::clone(&app),
                    limits: Arc::clone(&limits),
                    activity,
                    stats: Arc::clone(&stats),
                    stop: stop_rx.clone(),
                };
                connections.spawn(async move {
                    connection.serve(stream).await;
                    drop(place);
                });
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    drop(listener);
    drain(connections, &stop_tx, limits.shutdown_grace).await;
    stats.flush();
    Ok(())
}

/// Asks every connection to finish (idle ones close at once), waits up to
/// `grace`, then cuts the rest.
async fn drain(mut connections: JoinSet<()>, stop: &watch::Sender<bool>, grace: Duration) {
    let _ = stop.send(true);
    let open = connections.len();
    tracing::info!(
        open,
        "shutting down: closing idle connections, finishing in-flight requests"
    );
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
        stream.write_all(&FULL_RESPONSE).await?;
        stream.shutdown().await
    };
    let _ = tokio::time::timeout(Duration::from_secs(1), write).await;
}

/// One admitted connection and what it needs to be served.
struct Connection {
    app: Arc<App>,
    limits: Arc<Limits>,
    activity: Arc<Activity>,
    stats: Arc<ConnectionStats>,
    stop: watch::Receiver<bool>,
}

/// Why a connection's watchdog ends it.
enum Ending {
    /// Nothing is lost by closing it now.
    Now,
    /// Let the request in flight finish, then close.
    AfterInFlight,
}

impl Connection {
    async fn serve(mut self, stream: TcpStream) {
        if !self.first_bytes(&stream).await {
            return;
        }
        let builder = builder(&self.limits);
        let io = TokioIo::new(WatchedStream::new(stream, Arc::clone(&self.activity)));
        let connection = builder.serve_connection(
            io,
            service(Arc::clone(&self.app), Arc::clone(&self.activity)),
        );
        tokio::pin!(connection);
        let mut ticks = tokio::time::interval(check_every(&self.limits));
        let mut closing = false;
        loop {
            let ending = tokio::select! {
                result = connection.as_mut() => {
                    if let Err(error) = result {
                        tracing::debug!(%error, "connection ended with an error");
                    }
                    return;
                }
                _ = ticks.tick() => match self.overdue(closing) {
                    Some(ending) => ending,
                    None => continue,
                },
                () = self.activity.evicted(), if !closing => self.ending(),
                _ = self.stop.changed(), if !closing => self.ending(),
            };
            match ending {
                Ending::Now => return,
                Ending::AfterInFlight => {
                    connection.as_mut().graceful_shutdown();
                    closing = true;
                }
            }
        }
    }

    /// Waits for the client's first bytes: the auto builder waits for them
    /// before any timer starts, so a client that never sends a byte would
    /// otherwise hold the connection. False: close it.
    async fn first_bytes(&mut self, stream: &TcpStream) -> bool {
        let mut first = [0u8; 1];
        let peek = tokio::time::timeout(self.limits.header_read_timeout, stream.peek(&mut first));
        tokio::select! {
            peeked = peek => matches!(peeked, Ok(Ok(n)) if n > 0),
            () = self.activity.evicted() => false,
            _ = self.stop.changed() => false,
        }
    }

    /// On eviction or shutdown: idle connections close at once.
    fn ending(&self) -> Ending {
        if self.activity.is_idle() {
            Ending::Now
        } else {
            Ending::AfterInFlight
        }
    }

    /// The watchdog's check of the connection's deadlines.
    fn overdue(&self, closing: bool) -> Option<Ending> {
        if self
            .activity
            .send_stalled_for()
            .is_some_and(|stalled| stalled >= self.limits.send_timeout)
        {
            self.stats.stalled.add(1);
            return Some(Ending::Now);
        }
        let idle = self.activity.idle_for()?;
        if closing {
            // A graceful close that finds nothing in flight ends it now.
            return Some(Ending::Now);
        }
        (idle >= self.limits.idle_timeout).then_some(Ending::Now)
    }
}

/// How often a connection's watchdog looks at its deadlines.
fn check_every(limits: &Limits) -> Duration {
    (limits.idle_timeout.min(limits.send_timeout) / 4)
        .clamp(Duration::from_millis(10), Duration::from_secs(5))
}

fn builder(limits: &Limits) -> auto::Builder<TokioExecutor> {
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
    builder
}

/// The application as a hyper service that marks each request in flight
/// until its response body is handed over. An event stream is not tracked: an
/// open stream leaves its connection idle, so eviction and shutdown may close it.
fn service(
    app: Arc<App>,
    activity: Arc<Activity>,
) -> impl hyper::service::Service<
    Request<Incoming>,
    Response = Response<TrackedBody>,
    Error = std::convert::Infallible,
    Future = impl Future<Output = Result<Response<TrackedBody>, std::convert::Infallible>> + Send,
> + Clone {
    hyper::service::service_fn(move |request: Request<Incoming>| {
        let app = Arc::clone(&app);
        let busy = activity.request_started();
        async move {
            let response = app.answer(request).await;
            let stream = response
                .headers()
                .get(header::CONTENT_TYPE)
                .is_some_and(|t| t.as_bytes().starts_with(b"text/event-stream"));
            let busy = (!stream).then_some(busy);
            Ok(response.map(|body| TrackedBody::new(body, busy)))
        }
    })
}
