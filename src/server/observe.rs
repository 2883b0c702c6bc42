//! The one layer that watches requests: the access log line and the request
//! metrics. It is added to the router only when one of them is on, so a
//! server with neither pays nothing. With them on, the request path does no
//! locking: the metrics are preallocated atomic counters, the page kind comes
//! from the path without allocating, and only the access log copies the path.
//!
//! The access log names the path only, never the query string: a shared
//! preview's link carries its token there.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Instant;

use axum::body::HttpBody;
use axum::http::{HeaderValue, Method, Request, Response, header};
use pin_project_lite::pin_project;
use tower::{Layer, Service};

use crate::server::metrics::Kind;
use crate::server::ops::Ops;

/// Wraps a service in [`Observe`].
#[derive(Clone, Debug)]
pub(crate) struct ObserveLayer {
    ops: Arc<Ops>,
}

impl ObserveLayer {
    /// A layer reporting to `ops`' access log and metrics.
    pub(crate) fn new(ops: Arc<Ops>) -> ObserveLayer {
        ObserveLayer { ops }
    }
}

impl<S> Layer<S> for ObserveLayer {
    type Service = Observe<S>;

    fn layer(&self, inner: S) -> Observe<S> {
        Observe {
            inner,
            ops: Arc::clone(&self.ops),
        }
    }
}

/// Times each request and reports its outcome when the response is ready.
#[derive(Clone, Debug)]
pub(crate) struct Observe<S> {
    inner: S,
    ops: Arc<Ops>,
}

/// What is known of a request before its response.
#[derive(Debug)]
struct Seen {
    started: Instant,
    kind: Kind,
    method: Method,
    /// Copied only for the access log.
    path: Option<Box<str>>,
}

impl Seen {
    /// What `request`, started at `started`, will be reported as.
    fn new<B>(ops: &Ops, request: &Request<B>, started: Instant) -> Seen {
        let path = request.uri().path();
        Seen {
            started,
            kind: Kind::of_path(path),
            method: request.method().clone(),
            path: ops.access_log.then(|| path.into()),
        }
    }
}

impl<S, B, R> Service<Request<B>> for Observe<S>
where
    S: Service<Request<B>, Response = Response<R>>,
    R: HttpBody,
{
    type Response = Response<R>;
    type Error = S::Error;
    type Future = ObserveFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        let seen = Seen::new(&self.ops, &request, Instant::now());
        ObserveFuture {
            inner: self.inner.call(request),
            seen: Some(seen),
            ops: Arc::clone(&self.ops),
        }
    }
}

pin_project! {
    /// The inner service's future, reporting once it completes.
    pub(crate) struct ObserveFuture<F> {
        #[pin]
        inner: F,
        seen: Option<Seen>,
        ops: Arc<Ops>,
    }
}

impl<F, R, E> Future for ObserveFuture<F>
where
    F: Future<Output = Result<Response<R>, E>>,
    R: HttpBody,
{
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let output = std::task::ready!(this.inner.poll(cx));
        if let (Ok(response), Some(seen)) = (&output, this.seen.take()) {
            report(this.ops, &seen, response);
        }
        Poll::Ready(output)
    }
}

/// Reports a response made without the router (a prebuilt page answered
/// directly), as the layer reports the router's.
pub(crate) fn report_direct<B, R: HttpBody>(
    ops: &Ops,
    started: Instant,
    request: &Request<B>,
    response: &Response<R>,
) {
    report(ops, &Seen::new(ops, request, started), response);
}

/// The response's outcome to the metrics and the access log.
fn report<R: HttpBody>(ops: &Ops, seen: &Seen, response: &Response<R>) {
    let elapsed = seen.started.elapsed();
    let status = response.status();
    let bytes = response.body().size_hint().exact().unwrap_or(0);
    let encoding = response
        .headers()
        .get(header::CONTENT_ENCODING)
        .map_or("identity", encoding_name);
    if let Some(metrics) = &ops.metrics {
        metrics.record_request(seen.kind, status, bytes, elapsed);
    }
    if let Some(path) = &seen.path {
        tracing::info!(
            target: "careers::access",
            method = %seen.method,
            path = %path,
            status = status.as_u16(),
            bytes,
            encoding,
            duration_us = u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX),
            "request"
        );
    }
}

/// The encodings careers sends, as static names (anything else is "other").
fn encoding_name(value: &HeaderValue) -> &'static str {
    match value.as_bytes() {
        b"gzip" => "gzip",
        b"br" => "br",
        _ => "other",
    }
}
