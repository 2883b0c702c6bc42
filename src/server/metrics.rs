//! Metrics in Prometheus' text format, served on their own listener by
//! `probes`
//! (`--metrics-addr`, off by default) so that a scrape never shares the
//! site's port and the site never exposes them.
//!
//! Every series is a preallocated atomic: requests by page kind and status,
//! bytes sent and a latency histogram by page kind, 304s, roles by status,
//! diagnostics by code, rebuilds (count, failures, duration), share images
//! drawn. Recording a request is a few relaxed atomic additions at indexes
//! known without allocating: no lock, no map lookup. prometheus-client
//! encodes them at scrape time, through one [`Collector`].

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::http::StatusCode;

use prometheus_client::collector::Collector;
use prometheus_client::encoding::prometheus_text;
use prometheus_client::encoding::{DescriptorEncoder, NoLabelSet};
use prometheus_client::metrics::MetricType;
use prometheus_client::registry::Registry;

use crate::role::diagnostic::{Code, Diagnostic};
use crate::server::registry::ConnectionStats;
use crate::site::Site;

/// What a request asked for, told from its path alone (a label of the
/// request series).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `/`, plain, filtered or paged.
    Listing,
    /// `/roles/{slug}`.
    Role,
    /// `/roles/{slug}.json`.
    RoleJson,
    /// `/roles.json`.
    RolesJson,
    /// `/roles/{slug}/apply`.
    Apply,
    /// A share image (`*.png`).
    ShareImage,
    /// `/paths/...`.
    CareerPath,
    /// `/compare...`.
    Comparison,
    /// `/static/...`.
    Asset,
    /// `/feed.xml`.
    Feed,
    /// `/sitemap.xml` and `/robots.txt`.
    Discovery,
    /// `/healthz` and `/readyz`.
    Health,
    /// The preview's own paths (`/_preview...`).
    Preview,
    /// Anything else (mostly 404s and redirects).
    Other,
}

impl Kind {
    /// Every kind, in label order.
    const ALL: [Kind; 14] = [
        Kind::Listing,
        Kind::Role,
        Kind::RoleJson,
        Kind::RolesJson,
        Kind::Apply,
        Kind::ShareImage,
        Kind::CareerPath,
        Kind::Comparison,
        Kind::Asset,
        Kind::Feed,
        Kind::Discovery,
        Kind::Health,
        Kind::Preview,
        Kind::Other,
    ];

    /// The kind of page a request path asks for.
    pub fn of_path(path: &str) -> Kind {
        match path {
            "/" => return Kind::Listing,
            "/roles.json" => return Kind::RolesJson,
            "/feed.xml" => return Kind::Feed,
            "/sitemap.xml" | "/robots.txt" => return Kind::Discovery,
            "/healthz" | "/readyz" => return Kind::Health,
            _ => {}
        }
        if path.ends_with(".png") {
            Kind::ShareImage
        } else if let Some(rest) = path.strip_prefix("/roles/") {
            if rest.ends_with(".json") {
                Kind::RoleJson
            } else if rest.ends_with("/apply") {
                Kind::Apply
            } else {
                Kind::Role
            }
        } else if path.starts_with("/static/") {
            Kind::Asset
        } else if path.starts_with("/paths/") {
            Kind::CareerPath
        } else if path.starts_with("/compare") {
            Kind::Comparison
        } else if path.starts_with("/page/") {
            Kind::Listing
        } else if path.starts_with("/_preview") {
            Kind::Preview
        } else {
            Kind::Other
        }
    }

    fn label(self) -> &'static str {
        match self {
            Kind::Listing => "listing",
            Kind::Role => "role",
            Kind::RoleJson => "role_json",
            Kind::RolesJson => "roles_json",
            Kind::Apply => "apply",
            Kind::ShareImage => "share_image",
            Kind::CareerPath => "career_path",
            Kind::Comparison => "comparison",
            Kind::Asset => "asset",
            Kind::Feed => "feed",
            Kind::Discovery => "discovery",
            Kind::Health => "health",
            Kind::Preview => "preview",
            Kind::Other => "other",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The statuses careers answers with, each its own series; any other is
/// counted as `other`.
const STATUSES: [u16; 16] = [
    200, 301, 302, 303, 304, 307, 308, 400, 401, 403, 404, 405, 408, 413, 500, 503,
];
/// Labels of [`STATUSES`], then `other`.
const STATUS_LABELS: [&str; 17] = [
    "200", "301", "302", "303", "304", "307", "308", "400", "401", "403", "404", "405", "408",
    "413", "500", "503", "other",
];

fn status_index(status: StatusCode) -> usize {
    let code = status.as_u16();
    STATUSES
        .iter()
        .position(|s| *s == code)
        .unwrap_or(STATUSES.len())
}

/// Upper bounds of the request latency buckets, in seconds.
const LATENCY_BOUNDS: [f64; 14] = [
    0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
    1.0,
];
/// Upper bounds of the rebuild duration buckets, in seconds.
const REBUILD_BOUNDS: [f64; 10] = [0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0];

/// A histogram of fixed buckets, each an atomic count.
#[derive(Debug)]
struct Histogram {
    bounds: &'static [f64],
    /// One count per bound, then the overflow (`+Inf`).
    buckets: Box<[AtomicU64]>,
    sum_micros: AtomicU64,
    count: AtomicU64,
}

impl Histogram {
    fn new(bounds: &'static [f64]) -> Histogram {
        Histogram {
            bounds,
            buckets: (0..=bounds.len()).map(|_| AtomicU64::new(0)).collect(),
            sum_micros: AtomicU64::new(0),
            count: AtomicU64::new(0),
        }
    }

    fn observe(&self, elapsed: Duration) {
        let seconds = elapsed.as_secs_f64();
        let at = self.bounds.partition_point(|bound| *bound < seconds);
        if let Some(bucket) = self.buckets.get(at) {
            bucket.fetch_add(1, Ordering::Relaxed);
        }
        let micros = u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX);
        self.sum_micros.fetch_add(micros, Ordering::Relaxed);
        self.count.fetch_add(1, Ordering::Relaxed);
    }

    fn encode(
        &self,
        encoder: &mut DescriptorEncoder<'_>,
        name: &str,
        help: &str,
        labels: &[(&'static str, &'static str)],
    ) -> std::fmt::Result {
        // Read once per scrape: allocation here is off the request path.
        let buckets: Vec<(f64, u64)> = self
            .bounds
            .iter()
            .copied()
            .chain([f64::INFINITY])
            .zip(self.buckets.iter().map(|b| b.load(Ordering::Relaxed)))
            .collect();
        let sum = self.sum_micros.load(Ordering::Relaxed) as f64 / 1e6;
        let count = self.count.load(Ordering::Relaxed);
        let mut metric = encoder.encode_descriptor(name, help, None, MetricType::Histogram)?;
        let mut family = metric.encode_family(&labels)?;
        family.encode_histogram::<NoLabelSet>(sum, count, &buckets, None)
    }
}

/// Every series careers exports, preallocated.
#[derive(Debug)]
pub struct Metrics {
    /// Requests, indexed `kind * STATUS_LABELS.len() + status`.
    requests: Box<[AtomicU64]>,
    /// Body bytes sent, by kind.
    bytes: Box<[AtomicU64]>,
    /// Time to the response head, by kind.
    latency: Box<[Histogram]>,
    not_modified: AtomicU64,
    /// Published roles: open, upcoming, closed.
    roles: [AtomicU64; 3],
    /// The last build's diagnostics, by [`Code::ALL`] index.
    diagnostics: Box<[AtomicU64]>,
    generation: AtomicU64,
    rebuilds: AtomicU64,
    rebuild_failures: AtomicU64,
    rebuild_duration: Histogram,
    share_images_drawn: AtomicU64,
    /// What the connection limits did, counted by the connection layer.
    pub connections: Arc<ConnectionStats>,
}

fn zeros(n: usize) -> Box<[AtomicU64]> {
    (0..n).map(|_| AtomicU64::new(0)).collect()
}

impl Default for Metrics {
    fn default() -> Metrics {
        Metrics::new()
    }
}

impl Metrics {
    /// Every series at zero.
    pub fn new() -> Metrics {
        Metrics {
            requests: zeros(Kind::ALL.len() * STATUS_LABELS.len()),
            bytes: zeros(Kind::ALL.len()),
            latency: Kind::ALL
                .iter()
                .map(|_| Histogram::new(&LATENCY_BOUNDS))
                .collect(),
            not_modified: AtomicU64::new(0),
            roles: [AtomicU64::new(0), AtomicU64::new(0), AtomicU64::new(0)],
            diagnostics: zeros(Code::ALL.len()),
            generation: AtomicU64::new(0),
            rebuilds: AtomicU64::new(0),
            rebuild_failures: AtomicU64::new(0),
            rebuild_duration: Histogram::new(&REBUILD_BOUNDS),
            share_images_drawn: AtomicU64::new(0),
            connections: Arc::default(),
        }
    }

    /// One answered request: its kind, status, body bytes and latency.
    pub fn record_request(&self, kind: Kind, status: StatusCode, bytes: u64, elapsed: Duration) {
        let at = kind.index() * STATUS_LABELS.len() + status_index(status);
        if let Some(count) = self.requests.get(at) {
            count.fetch_add(1, Ordering::Relaxed);
        }
        if let Some(sent) = self.bytes.get(kind.index()) {
            sent.fetch_add(bytes, Ordering::Relaxed);
        }
        if let Some(latency) = self.latency.get(kind.index()) {
            latency.observe(elapsed);
        }
        if status == StatusCode::NOT_MODIFIED {
            self.not_modified.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// The site now served: its roles by status and its generation.
    pub fn record_site(&self, site: &Site) {
        let counts = site.role_counts();
        for (gauge, n) in self
            .roles
            .iter()
            .zip([counts.open, counts.upcoming, counts.closed])
        {
            gauge.store(n as u64, Ordering::Relaxed);
        }
        self.generation.store(site.generation(), Ordering::Relaxed);
    }

    /// The diagnostics of the build just made, replacing the last build's.
    pub fn record_diagnostics(&self, diagnostics: &[Diagnostic]) {
        let mut counts = vec![0_u64; Code::ALL.len()];
        for d in diagnostics {
            if let Some(at) = Code::ALL.iter().position(|c| *c == d.code)
                && let Some(n) = counts.get_mut(at)
            {
                *n += 1;
            }
        }
        for (gauge, n) in self.diagnostics.iter().zip(counts) {
            gauge.store(n, Ordering::Relaxed);
        }
    }

    /// A rebuild (SIGHUP, a closing date) finished, or failed.
    pub fn record_rebuild(&self, elapsed: Duration, succeeded: bool) {
        self.rebuilds.fetch_add(1, Ordering::Relaxed);
        if !succeeded {
            self.rebuild_failures.fetch_add(1, Ordering::Relaxed);
        }
        self.rebuild_duration.observe(elapsed);
    }

    /// How many share images the server has drawn so far.
    pub(crate) fn sync_share_images(&self, drawn: u64) {
        self.share_images_drawn.fetch_max(drawn, Ordering::Relaxed);
    }
}

/// Every series in Prometheus' text format (version 0.0.4).
pub fn encode(metrics: &Arc<Metrics>) -> Result<String, std::fmt::Error> {
    let mut registry = Registry::with_prefix("careers");
    registry.register_collector(Box::new(Arc::clone(metrics)));
    let mut text = String::new();
    prometheus_text::encode(&mut text, &registry)?;
    Ok(text)
}

/// Encodes a counter or gauge series per label set.
fn encode_values<'a>(
    encoder: &mut DescriptorEncoder<'_>,
    name: &str,
    help: &str,
    metric_type: MetricType,
    series: impl Iterator<Item = (Vec<(&'static str, &'a str)>, u64)>,
) -> std::fmt::Result {
    let mut metric = encoder.encode_descriptor(name, help, None, metric_type)?;
    for (labels, value) in series {
        let mut family = metric.encode_family(&labels)?;
        match metric_type {
            MetricType::Counter => family.encode_counter::<NoLabelSet, u64, u64>(&value, None)?,
            _ => family.encode_gauge(&value)?,
        }
    }
    Ok(())
}

fn load(value: &AtomicU64) -> u64 {
    value.load(Ordering::Relaxed)
}

impl Collector for Metrics {
    fn encode(&self, mut encoder: DescriptorEncoder<'_>) -> std::fmt::Result {
        let requests = Kind::ALL.iter().flat_map(|kind| {
            STATUS_LABELS.iter().enumerate().map(move |(s, status)| {
                let at = kind.index() * STATUS_LABELS.len() + s;
                let n = self.requests.get(at).map_or(0, load);
                (vec![("kind", kind.label()), ("status", *status)], n)
            })
        });
        encode_values(
            &mut encoder,
            "http_requests",
            "Requests answered, by page kind and status.",
            MetricType::Counter,
            requests,
        )?;
        let bytes = Kind::ALL.iter().map(|kind| {
            (
                vec![("kind", kind.label())],
                self.bytes.get(kind.index()).map_or(0, load),
            )
        });
        encode_values(
            &mut encoder,
            "http_response_body_bytes",
            "Response body bytes sent (as encoded), by page kind.",
            MetricType::Counter,
            bytes,
        )?;
        for (kind, histogram) in Kind::ALL.iter().zip(self.latency.iter()) {
            histogram.encode(
                &mut encoder,
                "http_request_duration_seconds",
                "Time from request to response head, by page kind.",
                &[("kind", kind.label())],
            )?;
        }
        encode_values(
            &mut encoder,
            "http_not_modified",
            "304 Not Modified answers (a revalidated cache).",
            MetricType::Counter,
            std::iter::once((Vec::new(), load(&self.not_modified))),
        )?;
        let roles = ["open", "upcoming", "closed"]
            .into_iter()
            .zip(self.roles.iter())
            .map(|(status, n)| (vec![("status", status)], load(n)));
        encode_values(
            &mut encoder,
            "roles",
            "Published roles in the served site, by status.",
            MetricType::Gauge,
            roles,
        )?;
        let diagnostics = Code::ALL
            .iter()
            .zip(self.diagnostics.iter())
            .map(|(code, n)| (vec![("code", code.as_str())], load(n)));
        encode_values(
            &mut encoder,
            "diagnostics",
            "Problems the last build found in role files, by code.",
            MetricType::Gauge,
            diagnostics,
        )?;
        encode_values(
            &mut encoder,
            "site_generation",
            "Which build of this process is served.",
            MetricType::Gauge,
            std::iter::once((Vec::new(), load(&self.generation))),
        )?;
        encode_values(
            &mut encoder,
            "rebuilds",
            "Rebuilds after startup (SIGHUP, a closing date), failed ones included.",
            MetricType::Counter,
            std::iter::once((Vec::new(), load(&self.rebuilds))),
        )?;
        encode_values(
            &mut encoder,
            "rebuild_failures",
            "Rebuilds that failed (the previous site stayed).",
            MetricType::Counter,
            std::iter::once((Vec::new(), load(&self.rebuild_failures))),
        )?;
        self.rebuild_duration.encode(
            &mut encoder,
            "rebuild_duration_seconds",
            "How long each rebuild took.",
            &[],
        )?;
        encode_values(
            &mut encoder,
            "share_images_drawn",
            "Share images drawn (each is drawn once per site, then cached).",
            MetricType::Counter,
            std::iter::once((Vec::new(), load(&self.share_images_drawn))),
        )?;
        let connections = &self.connections;
        for (name, help, kind, value) in [
            (
                "connections_open",
                "Client connections open now.",
                MetricType::Gauge,
                connections.open(),
            ),
            (
                "connections_evicted",
                "Idle connections closed at the connection cap to admit a newcomer.",
                MetricType::Counter,
                connections.evicted(),
            ),
            (
                "connections_refused",
                "Connections answered 503 because every connection was busy at the cap.",
                MetricType::Counter,
                connections.refused(),
            ),
            (
                "connections_send_timeouts",
                "Connections closed because the client stopped reading (send timeout).",
                MetricType::Counter,
                connections.send_timeouts(),
            ),
        ] {
            encode_values(
                &mut encoder,
                name,
                help,
                kind,
                std::iter::once((Vec::new(), value)),
            )?;
        }
        Ok(())
    }
}
