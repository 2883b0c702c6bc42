//! A finished response body with its content type, ETag and compressed variants.
//!
//! Pages are built once; compressed variants may arrive later from a background
//! thread (`OnceLock`), and the server sends the best variant that is ready.
//! A [`LazyPage`] is made on its first request instead (the preview's pages
//! that a save need not wait for).

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use bytes::Bytes;
use http::HeaderValue;

use crate::site::headers::{Encoding, HeaderKey, HeaderSet};

/// How long clients may keep a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CachePolicy {
    /// HTML and JSON: revalidate with the ETag every time.
    Revalidate,
    /// Fingerprinted assets: the URL changes when the bytes do.
    Immutable,
}

impl CachePolicy {
    /// The `Cache-Control` value.
    pub fn header(self) -> &'static str {
        match self {
            CachePolicy::Revalidate => "public, max-age=0, must-revalidate",
            CachePolicy::Immutable => "public, max-age=31536000, immutable",
        }
    }
}

/// One encoding of a page's body.
#[derive(Debug, Clone)]
pub struct Variant {
    /// The encoded bytes.
    pub body: Bytes,
    /// A strong ETag for exactly these bytes, quoted.
    pub etag: String,
    /// The ETag as a header value, made once.
    pub etag_header: HeaderValue,
    /// The body's length as a `Content-Length` value, made once.
    pub length_header: HeaderValue,
}

impl Variant {
    fn new(body: Bytes, etag: String) -> Variant {
        let etag_header =
            HeaderValue::from_str(&etag).unwrap_or_else(|_| HeaderValue::from_static("\"\""));
        let length_header = HeaderValue::from(body.len());
        Variant {
            body,
            etag,
            etag_header,
            length_header,
        }
    }
}

/// Compression levels chosen by measurement on generated and real role pages
/// (README, "Performance"): gzip 6 is as small as gzip 9 at 1.5x the speed;
/// brotli 5 is 6 % smaller than brotli 4 at about the same speed, while 6 and
/// above cost more for no gain.
pub const GZIP_LEVEL: u32 = 6;
/// See [`GZIP_LEVEL`].
pub const BROTLI_LEVEL: u32 = 5;

/// What a page is, so the server can decide per kind (CORS for the API,
/// status for errors) without reading content types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PageKind {
    /// The listing, plain or filtered.
    Listing,
    /// A role's page.
    Role,
    /// A discipline's career path (`/paths/{discipline}`).
    CareerPath,
    /// A page about the journey around the roles: "How we hire", the
    /// accessibility statement.
    Guide,
    /// Two roles side by side (`/compare/{a}...{b}`), made on request.
    Comparison,
    /// A role as JSON (`/roles/{slug}.json`).
    RoleJson,
    /// Every open role as JSON (`/roles.json`).
    RolesJson,
    /// A fingerprinted static file.
    Asset,
    /// The static export's page for an apply link (the server redirects instead).
    Apply,
    /// `/sitemap.xml`.
    Sitemap,
    /// `/robots.txt`.
    Robots,
    /// An Atom feed of open roles (`/feed.xml`, plain or filtered).
    Feed,
    /// The not-found page.
    NotFound,
    /// The page sent when a request fails inside the server.
    ServerError,
    /// A role's share image (drawn on first request).
    ShareImage,
    /// The preview dashboard (preview only).
    Dashboard,
    /// What the preview's error overlay shows (preview only).
    PreviewStatus,
}

impl PageKind {
    /// Whether the page is part of the public JSON API, readable from any origin.
    pub fn is_api(self) -> bool {
        matches!(self, PageKind::RoleJson | PageKind::RolesJson)
    }
}

/// HTML content type.
pub const HTML: &str = "text/html; charset=utf-8";
/// JSON content type.
pub const JSON: &str = "application/json";
/// Sitemap content type.
pub const XML: &str = "application/xml";
/// Atom feed content type.
pub const ATOM: &str = "application/atom+xml";
/// `robots.txt` content type.
pub const TEXT: &str = "text/plain; charset=utf-8";

/// A prebuilt response.
#[derive(Debug)]
pub struct Page {
    /// What the page is.
    pub kind: PageKind,
    /// `Content-Type` value.
    pub content_type: &'static str,
    /// Caching rule.
    pub cache: CachePolicy,
    /// The uncompressed body and its ETag.
    pub identity: Variant,
    /// gzip variant, once compressed (absent when it would not be smaller).
    pub gzip: OnceLock<Option<Variant>>,
    /// brotli variant, once compressed.
    pub brotli: OnceLock<Option<Variant>>,
    /// The headers it is sent with, shared with every page of its kind.
    headers: Arc<HeaderSet>,
}

impl Page {
    /// An HTML page (revalidated on every use).
    pub fn html(kind: PageKind, body: impl Into<Bytes>) -> Page {
        Page::new(kind, HTML, CachePolicy::Revalidate, body)
    }

    /// A JSON document (revalidated on every use).
    pub fn json(kind: PageKind, body: impl Into<Bytes>) -> Page {
        Page::new(kind, JSON, CachePolicy::Revalidate, body)
    }

    /// A fingerprinted asset, cached for a year.
    pub fn asset(content_type: &'static str, body: impl Into<Bytes>) -> Page {
        Page::new(PageKind::Asset, content_type, CachePolicy::Immutable, body)
    }

    /// A page whose variants are not compressed yet.
    pub fn new(
        kind: PageKind,
        content_type: &'static str,
        cache: CachePolicy,
        body: impl Into<Bytes>,
    ) -> Page {
        let body: Bytes = body.into();
        let etag = format!("\"{:016x}\"", xxhash_rust::xxh3::xxh3_64(&body));
        let headers = HeaderSet::shared(HeaderKey {
            content_type,
            cache_control: cache.header(),
            cross_origin: kind.is_api(),
            varies: compressible(content_type, body.len()),
        });
        Page {
            kind,
            content_type,
            cache,
            identity: Variant::new(body, etag),
            gzip: OnceLock::new(),
            brotli: OnceLock::new(),
            headers,
        }
    }

    /// The headers every response of this page carries, per encoding.
    pub fn headers(&self) -> &HeaderSet {
        &self.headers
    }

    /// Whether compressing this content type is worth it.
    pub fn compressible(&self) -> bool {
        compressible(self.content_type, self.identity.body.len())
    }

    /// Fills both compressed variants (idempotent).
    pub fn compress(&self) {
        self.compress_gzip();
        self.compress_brotli();
    }

    /// Fills the gzip variant (idempotent): the quicker one, so done first.
    pub fn compress_gzip(&self) {
        self.gzip.get_or_init(|| self.encode("gz", gzip));
    }

    /// Fills the brotli variant (idempotent).
    pub fn compress_brotli(&self) {
        self.brotli.get_or_init(|| self.encode("br", brotli));
    }

    fn encode(&self, suffix: &str, codec: fn(&[u8]) -> Vec<u8>) -> Option<Variant> {
        if !self.compressible() {
            return None;
        }
        let body = codec(&self.identity.body);
        (body.len() < self.identity.body.len()).then(|| {
            let etag = format!("{}-{suffix}\"", self.identity.etag.trim_end_matches('"'));
            Variant::new(Bytes::from(body), etag)
        })
    }

    /// The gzip variant, if ready and useful.
    pub fn gzip(&self) -> Option<&Variant> {
        self.gzip.get().and_then(Option::as_ref)
    }

    /// The brotli variant, if ready and useful.
    pub fn brotli(&self) -> Option<&Variant> {
        self.brotli.get().and_then(Option::as_ref)
    }

    /// The variant in an encoding, if ready and useful (the bytes as
    /// written always are).
    pub fn variant(&self, encoding: Encoding) -> Option<&Variant> {
        match encoding {
            Encoding::Identity => Some(&self.identity),
            Encoding::Gzip => self.gzip(),
            Encoding::Brotli => self.brotli(),
        }
    }
}

/// Whether compressing a body of this type and length is worth it.
fn compressible(content_type: &str, length: usize) -> bool {
    !content_type.starts_with("image/png") && length > 256
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(data.len() / 3),
        flate2::Compression::new(GZIP_LEVEL),
    );
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(data);
    encoder.finish().unwrap_or_default()
}

fn brotli(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 3);
    // A window just big enough for the body: the default 4 MiB window cost
    // 1.5x the time on 15 KB pages to set up. Below 2^18 this brotli port
    // switches to a matcher that ran 20x slower (measured), hence the floor.
    let bits = usize::BITS - data.len().leading_zeros();
    let params = brotli::enc::BrotliEncoderParams {
        quality: i32::try_from(BROTLI_LEVEL).unwrap_or(5),
        lgwin: i32::try_from(bits.clamp(18, 24)).unwrap_or(22),
        ..Default::default()
    };
    let mut input = data;
    let _ = brotli::BrotliCompress(&mut input, &mut out, &params);
    out
}

/// A page made on its first request, once, rather than with the site: for
/// the preview, whose every save should reach the open pages without waiting
/// for pages few have open that cost a pass over every role (the dashboard,
/// the overlay's status, `/roles.json`, the sitemap). Requests that come
/// while it is being made wait for that one making; a making that fails is
/// tried again by the next request. `S` is what it is made from: for a
/// site's pages, the site itself, handed in when the page is asked for (a
/// page cannot hold its own site: that would be a cycle no site leaves).
pub struct LazyPage<S> {
    state: Mutex<LazyState<S>>,
}

/// How a [`LazyPage`] is made from `S`.
pub type MakePage<S> = Box<dyn Fn(&S) -> crate::site::Result<Page> + Send + Sync>;

enum LazyState<S> {
    Pending(MakePage<S>),
    Ready(Arc<Page>),
}

impl<S> LazyPage<S> {
    /// A page that `make` makes when first asked for.
    pub fn new(
        make: impl Fn(&S) -> crate::site::Result<Page> + Send + Sync + 'static,
    ) -> LazyPage<S> {
        LazyPage {
            state: Mutex::new(LazyState::Pending(Box::new(make))),
        }
    }

    /// The page, made now from `from` (for a site's page, the site it
    /// belongs to) if no request has made it yet.
    pub fn page(&self, from: &S) -> crate::site::Result<Arc<Page>> {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let page = match &*state {
            LazyState::Ready(page) => return Ok(Arc::clone(page)),
            LazyState::Pending(make) => Arc::new(make(from)?),
        };
        *state = LazyState::Ready(Arc::clone(&page));
        Ok(page)
    }

    /// Whether the page has been made.
    pub fn is_made(&self) -> bool {
        matches!(
            *self.state.lock().unwrap_or_else(PoisonError::into_inner),
            LazyState::Ready(_)
        )
    }
}

impl<S> std::fmt::Debug for LazyPage<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LazyPage")
            .field("made", &self.is_made())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn variants_round_trip_and_have_their_own_etags() {
        let html = "<p>hello world</p>".repeat(100);
        let page = Page::html(PageKind::Role, html.clone());
        assert!(page.gzip().is_none(), "not compressed until asked");
        page.compress();
        let (Some(gz), Some(br)) = (page.gzip(), page.brotli()) else {
            panic!("both variants should exist")
        };
        let mut out = String::new();
        let _ = flate2::read::GzDecoder::new(&gz.body[..]).read_to_string(&mut out);
        assert_eq!(out, html);
        let mut out = Vec::new();
        let _ = brotli::BrotliDecompress(&mut &br.body[..], &mut out);
        assert_eq!(out, html.as_bytes());
        let tags = [&page.identity.etag, &gz.etag, &br.etag];
        assert!(tags[0] != tags[1] && tags[1] != tags[2] && tags[0] != tags[2]);
        assert!(tags.iter().all(|t| t.starts_with('"') && t.ends_with('"')));
    }

    #[test]
    fn tiny_bodies_are_not_compressed() {
        let page = Page::json(PageKind::RoleJson, "{}");
        page.compress();
        assert!(page.gzip().is_none() && page.brotli().is_none());
    }

    #[test]
    fn a_lazy_page_is_made_on_its_first_request_once_and_again_after_a_failure() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let made = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&made);
        let lazy = LazyPage::new(move |_: &()| match counter.fetch_add(1, Ordering::SeqCst) {
            0 => Err(crate::site::RenderError::Json {
                page: "/x".into(),
                source: serde_json::Error::io(std::io::Error::other("first try fails")),
            }),
            _ => Ok(Page::json(PageKind::RoleJson, "{}")),
        });
        assert!(!lazy.is_made());
        assert_eq!(
            made.load(Ordering::SeqCst),
            0,
            "nothing made before a request"
        );
        assert!(lazy.page(&()).is_err());
        let first = lazy.page(&()).unwrap_or_else(|e| panic!("{e}"));
        let again = lazy.page(&()).unwrap_or_else(|e| panic!("{e}"));
        assert!(Arc::ptr_eq(&first, &again));
        assert_eq!(
            made.load(Ordering::SeqCst),
            2,
            "made once, after the failure"
        );
        assert!(lazy.is_made());
    }
}
