//! What a readiness probe reports about a built site: how many roles it
//! publishes in each status, and an identifier of its bytes that two
//! replicas built from the same roles share.

use xxhash_rust::xxh3::Xxh3;

use crate::role::model::Status;
use crate::site::Site;

/// How many published roles a site holds in each status, on the day it was
/// built for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RoleCounts {
    /// Open for applications and listed.
    pub open: usize,
    /// Listed, not open for applications yet.
    pub upcoming: usize,
    /// Published at their address with a notice, not listed.
    pub closed: usize,
}

impl Site {
    /// How many published roles are open, upcoming and closed.
    pub fn role_counts(&self) -> RoleCounts {
        let mut counts = RoleCounts::default();
        for role in &self.roles {
            match role.effective_status(self.today) {
                Status::Open => counts.open += 1,
                Status::Upcoming => counts.upcoming += 1,
                Status::Closed => counts.closed += 1,
                Status::Draft => {}
            }
        }
        counts
    }

    /// An identifier of the site's bytes (every page's path and strong ETag,
    /// in path order), as 32 hex digits. It names no time and no folder, so
    /// replicas built from the same roles report the same one, and a
    /// rebuild that changed nothing keeps it.
    pub fn build_id(&self) -> String {
        let mut paths: Vec<(&String, &str)> = self
            .pages
            .iter()
            .map(|(path, page)| (path, page.identity.etag.as_str()))
            .collect();
        paths.sort_unstable();
        let mut hasher = Xxh3::new();
        for (path, etag) in paths {
            hasher.update(path.as_bytes());
            hasher.update(b"\0");
            hasher.update(etag.as_bytes());
            hasher.update(b"\n");
        }
        format!("{:032x}", hasher.digest128())
    }
}
