//! The response headers every careers response carries, whoever sends it:
//! the server adds them to each response, and the export writes them into
//! the configuration it leaves for static hosts (`_headers`, nginx), so a
//! page has the same policy wherever it is served from.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

use http::header::{self, HeaderMap, HeaderName, HeaderValue};

/// No inline script or style anywhere, so the policy needs no nonces and the
/// pages can be prebuilt (see `docs/architecture.md`, "Security").
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Every security header, as (lowercase name, value).
pub const SECURITY_HEADERS: [(&str, &str); 6] = [
    ("content-security-policy", CONTENT_SECURITY_POLICY),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "strict-origin-when-cross-origin"),
    (
        "permissions-policy",
        "camera=(), microphone=(), geolocation=(), payment=()",
    ),
    ("cross-origin-opener-policy", "same-origin"),
];

/// How a response's body is encoded on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// As written.
    Identity,
    /// `Content-Encoding: gzip`.
    Gzip,
    /// `Content-Encoding: br`.
    Brotli,
}

impl Encoding {
    /// Every encoding, as written beside each other in an export.
    pub const ALL: [Encoding; 3] = [Encoding::Identity, Encoding::Gzip, Encoding::Brotli];

    /// Its `Content-Encoding` value; none for the bytes as written.
    pub fn content_encoding(self) -> Option<&'static str> {
        match self {
            Encoding::Identity => None,
            Encoding::Gzip => Some("gzip"),
            Encoding::Brotli => Some("br"),
        }
    }

    /// What an export adds to a file's name for this encoding (`.gz`, `.br`).
    pub fn file_suffix(self) -> &'static str {
        match self {
            Encoding::Identity => "",
            Encoding::Gzip => ".gz",
            Encoding::Brotli => ".br",
        }
    }
}

/// What decides a page's headers apart from its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HeaderKey {
    /// `Content-Type`.
    pub content_type: &'static str,
    /// `Cache-Control`.
    pub cache_control: &'static str,
    /// Readable from any origin (the JSON API).
    pub cross_origin: bool,
    /// Sent compressed to clients that accept it, so `Vary: Accept-Encoding`.
    pub varies: bool,
}

/// The headers a kind of page is sent with, made once and shared by every
/// page of that kind: one map per encoding and one for a 304. Each holds an
/// ETag (and, but for the 304, a `Content-Length`) that a response replaces
/// with its variant's, in place.
#[derive(Debug)]
pub struct HeaderSet {
    identity: HeaderMap,
    gzip: HeaderMap,
    brotli: HeaderMap,
    /// A 304 carries no representation headers (type, length, encoding).
    pub not_modified: HeaderMap,
}

impl HeaderSet {
    /// The set for `key`, shared with every page of the same key.
    pub fn shared(key: HeaderKey) -> Arc<HeaderSet> {
        static SETS: LazyLock<Mutex<HashMap<HeaderKey, Arc<HeaderSet>>>> =
            LazyLock::new(Mutex::default);
        let mut sets = SETS.lock().unwrap_or_else(PoisonError::into_inner);
        Arc::clone(
            sets.entry(key)
                .or_insert_with(|| Arc::new(HeaderSet::new(key))),
        )
    }

    fn new(key: HeaderKey) -> HeaderSet {
        let sent = |encoding: Option<&'static str>| {
            let mut map = HeaderMap::with_capacity(16);
            map.insert(header::CONTENT_TYPE, value(key.content_type));
            map.insert(header::CONTENT_LENGTH, HeaderValue::from_static("0"));
            if let Some(encoding) = encoding {
                map.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
            }
            map.extend(revalidation(key));
            map
        };
        HeaderSet {
            identity: sent(Encoding::Identity.content_encoding()),
            gzip: sent(Encoding::Gzip.content_encoding()),
            brotli: sent(Encoding::Brotli.content_encoding()),
            not_modified: revalidation(key),
        }
    }

    /// The map for a full response in `encoding`.
    pub fn sent(&self, encoding: Encoding) -> &HeaderMap {
        match encoding {
            Encoding::Identity => &self.identity,
            Encoding::Gzip => &self.gzip,
            Encoding::Brotli => &self.brotli,
        }
    }
}

/// What a 304 and a full response share: the validator, the caching rules
/// and the security headers.
fn revalidation(key: HeaderKey) -> HeaderMap {
    let mut map = HeaderMap::with_capacity(16);
    map.insert(header::ETAG, HeaderValue::from_static("\"\""));
    map.insert(header::CACHE_CONTROL, value(key.cache_control));
    if key.varies {
        map.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    }
    // On a 304 too: a browser revalidating a cross-origin fetch checks it there.
    if key.cross_origin {
        map.insert(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        );
    }
    for (name, value) in security_headers() {
        map.insert(name, value.clone());
    }
    map
}

/// [`SECURITY_HEADERS`] as a header map, made once: every response's
/// security headers, whoever adds them.
pub fn security_headers() -> &'static HeaderMap {
    static MAP: LazyLock<HeaderMap> = LazyLock::new(|| {
        SECURITY_HEADERS
            .iter()
            .map(|&(name, value)| {
                (
                    HeaderName::from_static(name),
                    HeaderValue::from_static(value),
                )
            })
            .collect()
    });
    &MAP
}

/// A header value from one of careers' own constants; an impossible bad
/// constant becomes an empty value rather than a panic.
fn value(text: &'static str) -> HeaderValue {
    HeaderValue::from_str(text).unwrap_or_else(|_| HeaderValue::from_static(""))
}
