//! Shared state: the current site snapshot, swapped whole on reload.

use std::sync::Arc;

use arc_swap::ArcSwap;

use crate::server::ops::Ops;
use crate::server::render_pool::RenderPool;
use crate::site::Site;
use crate::site::discovery::share::ShareImageCache;
use crate::site::listing::ListingCache;
use crate::site::pages::compare::ComparisonCache;

/// What every handler can reach.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The current site. Handlers `load()` it once per request and use that
    /// snapshot throughout, so a reload never mixes two builds in one response.
    pub site: Arc<ArcSwap<Site>>,
    /// Filtered listings rendered on request; entries of a replaced site
    /// are dropped when the new one is first asked.
    pub listings: Arc<ListingCache>,
    /// Share images drawn on first request, bounded like the listings.
    pub share_images: Arc<ShareImageCache>,
    /// Comparisons of two roles rendered on request, bounded like the listings.
    pub comparisons: Arc<ComparisonCache>,
    /// Where comparisons and share images are made on a cache miss: off the
    /// async workers, a few at once.
    pub renders: Arc<RenderPool>,
    /// Readiness and the optional observers (access log, metrics).
    pub ops: Arc<Ops>,
}

impl AppState {
    /// State serving one site.
    pub fn new(site: Site) -> AppState {
        AppState::shared(Arc::new(site))
    }

    /// State serving a site already shared (with the pipeline that built it).
    pub fn shared(site: Arc<Site>) -> AppState {
        AppState {
            site: Arc::new(ArcSwap::new(site)),
            listings: Arc::new(ListingCache::new()),
            share_images: Arc::new(ShareImageCache::default()),
            comparisons: Arc::new(ComparisonCache::default()),
            renders: Arc::new(RenderPool::default()),
            ops: Arc::new(Ops::ready()),
        }
    }

    /// The same state with other readiness and observers.
    pub fn with_ops(self, ops: impl Into<Arc<Ops>>) -> AppState {
        AppState {
            ops: ops.into(),
            ..self
        }
    }
}
