//! Static files, compiled into the binary and served under fingerprinted URLs
//! (`/static/style.3f9a1c2b.css`) so they can be cached for a year.

/// One asset: its name, fingerprinted URL, content type and bytes.
#[derive(Debug, Clone)]
pub(crate) struct Asset {
    /// `/static/{stem}.{hash}.{ext}`.
    pub(crate) url: String,
    /// `Content-Type` value.
    pub(crate) content_type: &'static str,
    /// The file's bytes.
    pub(crate) bytes: &'static [u8],
}

/// The site's assets, by role.
#[derive(Debug, Clone)]
pub(crate) struct Assets {
    /// The stylesheet.
    pub(crate) css: Asset,
    /// Progressive enhancement script (copy a section link).
    pub(crate) js: Asset,
    /// Favicon.
    pub(crate) icon: Asset,
    /// Live reload and the error overlay; served by `preview` only.
    pub(crate) preview_js: Asset,
}

impl Assets {
    /// Fingerprints the compiled-in files.
    pub(crate) fn new() -> Assets {
        Assets {
            css: asset(
                "style.css",
                "text/css; charset=utf-8",
                include_bytes!("../../../static/style.css"),
            ),
            js: asset(
                "enhance.js",
                "text/javascript; charset=utf-8",
                include_bytes!("../../../static/enhance.js"),
            ),
            icon: asset(
                "favicon.svg",
                "image/svg+xml",
                include_bytes!("../../../static/favicon.svg"),
            ),
            preview_js: asset(
                "preview.js",
                "text/javascript; charset=utf-8",
                include_bytes!("../../../static/preview.js"),
            ),
        }
    }

    /// Every asset candidates' pages use.
    pub(crate) fn all(&self) -> [&Asset; 3] {
        [&self.css, &self.js, &self.icon]
    }
}

impl Default for Assets {
    fn default() -> Assets {
        Assets::new()
    }
}

fn asset(name: &'static str, content_type: &'static str, bytes: &'static [u8]) -> Asset {
    let hash = xxhash_rust::xxh3::xxh3_64(bytes);
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    Asset {
        url: format!(
            "{}{stem}.{:08x}.{ext}",
            crate::site::urls::STATIC_PREFIX,
            hash >> 32
        ),
        content_type,
        bytes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_fingerprinted() {
        let assets = Assets::new();
        assert!(assets.css.url.starts_with("/static/style."));
        assert!(assets.css.url.ends_with(".css"));
        assert_eq!(assets.css.url.len(), "/static/style.12345678.css".len());
    }
}
