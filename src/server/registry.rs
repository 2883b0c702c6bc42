//! The table of open connections, oldest first, and the rule at the cap:
//! a newcomer is served by closing the oldest connection that has no request
//! in flight (an idle keep-alive, a socket that never sent a byte, an open
//! event stream); only when every connection is busy does it get the 503.
//!
//! Evictions, refusals and send-timeout closes are counted and logged at
//! most once per [`LOG_EVERY`], so a flood of sockets cannot flood the log.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::server::activity::Activity;

/// At most one log line per kind of event in this period.
const LOG_EVERY: Duration = Duration::from_secs(10);

/// Open connections by age (ids only grow).
#[derive(Debug)]
pub(crate) struct Registry {
    table: Mutex<Table>,
    max: usize,
    /// Idle connections closed to make room for a newcomer.
    pub(crate) evicted: Tally,
}

#[derive(Debug, Default)]
struct Table {
    next_id: u64,
    open: BTreeMap<u64, Arc<Activity>>,
}

/// A connection's place in the table; dropping it frees the place.
#[derive(Debug)]
pub(crate) struct Place {
    id: u64,
    registry: Arc<Registry>,
}

impl Drop for Place {
    fn drop(&mut self) {
        if let Ok(mut table) = self.registry.table.lock() {
            table.open.remove(&self.id);
        }
    }
}

impl Registry {
    /// A table of at most `max` connections.
    pub(crate) fn new(max: usize) -> Arc<Registry> {
        Arc::new(Registry {
            table: Mutex::new(Table::default()),
            max: max.max(1),
            evicted: Tally::new(
                "closed the oldest idle connections to admit new ones: the connection cap was reached",
            ),
        })
    }

    /// A place for a new connection, made by evicting the oldest idle one if
    /// the table is full; `None` when every connection is busy.
    pub(crate) fn admit(self: &Arc<Self>, activity: &Arc<Activity>) -> Option<Place> {
        let mut table = self.table.lock().ok()?;
        if table.open.len() >= self.max {
            let oldest_idle = table
                .open
                .iter()
                .find(|(_, a)| a.is_idle())
                .map(|(id, _)| *id)?;
            if let Some(victim) = table.open.remove(&oldest_idle) {
                victim.evict();
                self.evicted.add(1);
            }
        }
        let id = table.next_id;
        table.next_id += 1;
        table.open.insert(id, Arc::clone(activity));
        Some(Place {
            id,
            registry: Arc::clone(self),
        })
    }

    /// Connections open now.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.table.lock().map(|t| t.open.len()).unwrap_or(0)
    }
}

/// A count of one kind of event, logged at most once per [`LOG_EVERY`] with
/// how many happened since the last line.
#[derive(Debug)]
pub(crate) struct Tally {
    what: &'static str,
    started: Instant,
    unlogged: AtomicU64,
    total: AtomicU64,
    /// Milliseconds since `started` of the last line (plus one; 0: never).
    logged_ms: AtomicU64,
}

impl Tally {
    /// A tally logged as `what`.
    pub(crate) fn new(what: &'static str) -> Tally {
        Tally {
            what,
            started: Instant::now(),
            unlogged: AtomicU64::new(0),
            total: AtomicU64::new(0),
            logged_ms: AtomicU64::new(0),
        }
    }

    /// Counts `n` events, and logs them with the earlier unlogged ones
    /// unless a line was written less than [`LOG_EVERY`] ago.
    pub(crate) fn add(&self, n: u64) {
        self.unlogged.fetch_add(n, Ordering::Relaxed);
        self.total.fetch_add(n, Ordering::Relaxed);
        let now = u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX - 1) + 1;
        let last = self.logged_ms.load(Ordering::Relaxed);
        let due = last == 0 || now.saturating_sub(last) >= LOG_EVERY.as_millis() as u64;
        if due
            && self
                .logged_ms
                .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
        {
            self.flush();
        }
    }

    /// Logs what was counted since the last line, if anything.
    pub(crate) fn flush(&self) {
        let count = self.unlogged.swap(0, Ordering::Relaxed);
        if count > 0 {
            let total = self.total.load(Ordering::Relaxed);
            tracing::warn!(count, total, "{}", self.what);
        }
    }

    /// Events counted since start.
    #[cfg(test)]
    pub(crate) fn total(&self) -> u64 {
        self.total.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_the_cap_the_oldest_idle_connection_makes_room() {
        let registry = Registry::new(2);
        let (a, b, c) = (
            Arc::new(Activity::new()),
            Arc::new(Activity::new()),
            Arc::new(Activity::new()),
        );
        let _busy = a.request_started();
        let _pa = registry.admit(&a);
        let _pb = registry.admit(&b);
        let place_c = registry.admit(&c);
        assert!(place_c.is_some(), "b was idle");
        assert!(b.is_evicted() && !a.is_evicted());
        assert_eq!(registry.len(), 2);
        assert_eq!(registry.evicted.total(), 1);
        let _c_busy = c.request_started();
        let d = Arc::new(Activity::new());
        assert!(registry.admit(&d).is_none(), "every connection is busy");
    }

    #[test]
    fn a_closed_connection_frees_its_place() {
        let registry = Registry::new(1);
        let a = Arc::new(Activity::new());
        let place = registry.admit(&a);
        assert_eq!(registry.len(), 1);
        drop(place);
        assert_eq!(registry.len(), 0);
    }
}
