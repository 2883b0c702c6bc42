//! The open-file limit, which bounds how many sockets the server can hold.
//!
//! Like Go's runtime, `serve` raises the soft limit (often 1,024) to the hard
//! limit at startup: a fixed low limit let a few thousand idle sockets lock
//! every visitor out. The default connection cap is then sized from it,
//! leaving room for role files, the watcher and logs.

/// Connections the default cap never exceeds, whatever the limit: each open
/// connection holds buffers, and past this eviction keeps the server
/// answering anyway.
const MOST_CONNECTIONS: u64 = 16_384;

/// The cap where the open-file limit cannot be read.
const FALLBACK_CONNECTIONS: usize = 900;

/// Raises the soft open-file limit to the hard limit; the limit in force.
#[cfg(unix)]
pub fn raise_open_file_limit() -> Option<u64> {
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(limit) => Some(limit),
        Err(error) => {
            tracing::warn!(%error, "cannot raise the open-file limit");
            rlimit::getrlimit(rlimit::Resource::NOFILE)
                .ok()
                .map(|(soft, _)| soft)
        }
    }
}

/// Not needed where there is no such limit.
#[cfg(not(unix))]
pub fn raise_open_file_limit() -> Option<u64> {
    None
}

/// The default connection cap for an open-file limit: a tenth of it (at
/// least 64 files) is left for everything else, and at most 16,384 (each
/// open connection holds buffers; past that, eviction keeps the server
/// answering anyway).
pub fn connection_cap(open_files: Option<u64>) -> usize {
    let Some(limit) = open_files else {
        return FALLBACK_CONNECTIONS;
    };
    let headroom = (limit / 10).max(64);
    let cap = limit.saturating_sub(headroom).clamp(16, MOST_CONNECTIONS);
    usize::try_from(cap).unwrap_or(FALLBACK_CONNECTIONS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cap_leaves_room_for_other_files() {
        assert_eq!(connection_cap(Some(1024)), 922);
        assert_eq!(connection_cap(Some(20_000)), 16_384);
        assert_eq!(connection_cap(Some(256)), 192);
        assert_eq!(connection_cap(Some(10)), 16);
        assert_eq!(connection_cap(None), 900);
    }
}
