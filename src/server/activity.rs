//! What one connection is doing, as a few atomics its watchdog reads: how
//! many requests are in flight, when the last one finished, and since when
//! the client has not taken what the server is sending it.
//!
//! Requests mark themselves in flight with a [`Busy`] guard that the response
//! body carries until hyper has taken its last frame ([`TrackedBody`]), so a
//! connection is idle only once its responses are handed over. A write that
//! the socket cannot accept is recorded by the socket wrapper
//! (`server::socket`). Nothing here starts a timer: the connection's one
//! watchdog compares these instants with its deadlines.

use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::body::Body;
use hyper::body::{Frame, SizeHint};
use tokio::sync::Notify;

/// "Not set" in the millisecond fields (instants are stored plus one).
const UNSET: u64 = 0;

/// The state of one connection, shared by its service, its socket wrapper,
/// its watchdog and the connection table.
#[derive(Debug)]
pub(crate) struct Activity {
    opened: Instant,
    in_flight: AtomicUsize,
    /// When the last request finished (milliseconds since `opened`).
    last_done_ms: AtomicU64,
    /// Since when a socket write has been waiting (plus one; 0: none waiting).
    write_waiting_since: AtomicU64,
    /// Response bodies whose latest frame hyper has not yet sent on.
    bodies_waiting: AtomicUsize,
    /// When a response body last handed hyper a frame (plus one).
    body_sent_ms: AtomicU64,
    evicted: AtomicBool,
    evict: Notify,
}

impl Activity {
    /// A connection opened now, with nothing in flight.
    pub(crate) fn new() -> Activity {
        Activity {
            opened: Instant::now(),
            in_flight: AtomicUsize::new(0),
            last_done_ms: AtomicU64::new(0),
            write_waiting_since: AtomicU64::new(UNSET),
            bodies_waiting: AtomicUsize::new(0),
            body_sent_ms: AtomicU64::new(UNSET),
            evicted: AtomicBool::new(false),
            evict: Notify::new(),
        }
    }

    fn now_ms(&self) -> u64 {
        u64::try_from(self.opened.elapsed().as_millis()).unwrap_or(u64::MAX - 1)
    }

    fn since(&self, stamp_plus_one: u64) -> Duration {
        let at = Duration::from_millis(stamp_plus_one.saturating_sub(1));
        self.opened.elapsed().saturating_sub(at)
    }

    /// Marks a request in flight until the guard is dropped.
    pub(crate) fn request_started(self: &Arc<Self>) -> Busy {
        self.in_flight.fetch_add(1, Ordering::Relaxed);
        Busy(Arc::clone(self))
    }

    /// No request in flight and no write waiting: closing it loses nothing.
    /// An open event stream counts as idle (its response is not tracked).
    pub(crate) fn is_idle(&self) -> bool {
        self.in_flight.load(Ordering::Relaxed) == 0
            && self.write_waiting_since.load(Ordering::Relaxed) == UNSET
    }

    /// How long the connection has been idle, if it is.
    pub(crate) fn idle_for(&self) -> Option<Duration> {
        if !self.is_idle() {
            return None;
        }
        let last = Duration::from_millis(self.last_done_ms.load(Ordering::Relaxed));
        Some(self.opened.elapsed().saturating_sub(last))
    }

    /// How long the client has left what the server sends it untaken: a
    /// socket write waiting, or a response frame hyper has not sent on (an
    /// HTTP/2 stream without flow-control window). `None` while output moves.
    pub(crate) fn send_stalled_for(&self) -> Option<Duration> {
        let write = self.write_waiting_since.load(Ordering::Relaxed);
        if write != UNSET {
            return Some(self.since(write));
        }
        if self.bodies_waiting.load(Ordering::Relaxed) > 0 {
            let sent = self.body_sent_ms.load(Ordering::Relaxed);
            if sent != UNSET {
                return Some(self.since(sent));
            }
        }
        None
    }

    /// Records whether the latest socket write had to wait.
    pub(crate) fn note_write(&self, waiting: bool) {
        let since = self.write_waiting_since.load(Ordering::Relaxed);
        if waiting && since == UNSET {
            self.write_waiting_since
                .store(self.now_ms() + 1, Ordering::Relaxed);
        } else if !waiting && since != UNSET {
            self.write_waiting_since.store(UNSET, Ordering::Relaxed);
        }
    }

    /// Asks the connection to close: it was chosen to make room.
    pub(crate) fn evict(&self) {
        self.evicted.store(true, Ordering::Relaxed);
        self.evict.notify_one();
    }

    /// Whether [`Activity::evict`] was called.
    #[cfg(test)]
    pub(crate) fn is_evicted(&self) -> bool {
        self.evicted.load(Ordering::Relaxed)
    }

    /// Completes when the connection is asked to close to make room.
    pub(crate) async fn evicted(&self) {
        self.evict.notified().await;
    }
}

/// A request in flight on its connection; dropping it marks the request done.
#[derive(Debug)]
pub(crate) struct Busy(Arc<Activity>);

impl Drop for Busy {
    fn drop(&mut self) {
        let activity = &self.0;
        activity
            .last_done_ms
            .store(activity.now_ms(), Ordering::Relaxed);
        activity.in_flight.fetch_sub(1, Ordering::Relaxed);
    }
}

/// A response body that keeps its request in flight until its last frame is
/// taken, and records when each frame was handed over. Without a guard (an
/// event stream) it only passes frames through.
#[derive(Debug)]
pub(crate) struct TrackedBody {
    inner: Body,
    busy: Option<Busy>,
    /// A frame was handed over and hyper has not asked for the next yet.
    waiting: bool,
}

impl TrackedBody {
    /// `inner`, keeping `busy` in flight until it ends.
    pub(crate) fn new(inner: Body, busy: Option<Busy>) -> TrackedBody {
        TrackedBody {
            inner,
            busy,
            waiting: false,
        }
    }

    fn stop_waiting(&mut self) {
        if self.waiting {
            self.waiting = false;
            if let Some(Busy(activity)) = &self.busy {
                activity.bodies_waiting.fetch_sub(1, Ordering::Relaxed);
            }
        }
    }
}

impl hyper::body::Body for TrackedBody {
    type Data = bytes::Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        let this = self.get_mut();
        this.stop_waiting();
        let polled = Pin::new(&mut this.inner).poll_frame(cx);
        match &polled {
            Poll::Ready(Some(Ok(_))) => {
                if let Some(Busy(activity)) = &this.busy {
                    activity
                        .body_sent_ms
                        .store(activity.now_ms() + 1, Ordering::Relaxed);
                    activity.bodies_waiting.fetch_add(1, Ordering::Relaxed);
                    this.waiting = true;
                }
            }
            Poll::Ready(_) => this.busy = None,
            Poll::Pending => {}
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

impl Drop for TrackedBody {
    fn drop(&mut self) {
        self.stop_waiting();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_is_in_flight_until_its_body_is_done() {
        let activity = Arc::new(Activity::new());
        assert!(activity.is_idle());
        let body = TrackedBody::new(Body::from("page"), Some(activity.request_started()));
        assert!(!activity.is_idle(), "the response is not yet handed over");
        drop(body);
        assert!(activity.is_idle());
        assert_eq!(activity.send_stalled_for(), None);
    }

    #[test]
    fn a_waiting_write_is_a_stall_and_not_idle() {
        let activity = Activity::new();
        activity.note_write(true);
        assert!(!activity.is_idle());
        assert!(activity.send_stalled_for().is_some());
        activity.note_write(false);
        assert!(activity.is_idle());
        assert_eq!(activity.send_stalled_for(), None);
    }

    #[test]
    fn eviction_is_remembered() {
        let activity = Activity::new();
        assert!(!activity.is_evicted());
        activity.evict();
        assert!(activity.is_evicted());
    }
}
