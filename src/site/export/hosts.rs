//! What the export writes for the hosts that serve it, so that a page has
//! the headers careers would send wherever it is published:
//!
//! - `_headers` (Netlify, Cloudflare Pages: they read it and do not serve
//!   it): the security headers on every path, and each file's own
//!   `Cache-Control`, `Content-Type` and CORS where the host's default is
//!   not careers'.
//! - `_careers/object-metadata.json`, for S3-style object stores: each
//!   object's `Content-Type`, `Content-Encoding` and `Cache-Control`, and
//!   the extensionless key a clean URL needs.
//! - `_careers/nginx.conf`, a `server` block serving the folder with the same
//!   headers, the precompressed variants and clean URLs.
//!
//! Nothing here names the folder or the time of the build: two exports of
//! the same roles are the same bytes wherever they were made.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::site::headers::{Encoding, SECURITY_HEADERS};
use crate::site::page::{CachePolicy, HTML, Page};

/// Where the hosts' files go, relative to the output folder.
pub const HEADERS_FILE: &str = "_headers";
/// See [`HEADERS_FILE`].
pub const OBJECT_METADATA_FILE: &str = "_careers/object-metadata.json";
/// See [`HEADERS_FILE`].
pub const NGINX_FILE: &str = "_careers/nginx.conf";

/// One exported page: its URL path, its file and the variants written.
#[derive(Debug)]
pub(super) struct Exported<'a> {
    /// The request path (`/roles/x`), or `None` for `404.html`.
    pub(super) url: Option<&'a str>,
    /// The identity file, relative to the output folder.
    pub(super) file: PathBuf,
    pub(super) page: &'a Page,
    /// The variants the folder holds for it (written now, or kept).
    pub(super) encodings: Vec<Encoding>,
}

/// The three files, as (relative path, bytes).
pub(super) fn files(exported: &[Exported<'_>]) -> Vec<(PathBuf, Vec<u8>)> {
    let mut sorted: Vec<&Exported<'_>> = exported.iter().collect();
    sorted.sort_by(|a, b| a.file.cmp(&b.file));
    vec![
        (
            PathBuf::from(HEADERS_FILE),
            headers_file(&sorted).into_bytes(),
        ),
        (
            PathBuf::from(OBJECT_METADATA_FILE),
            object_metadata(&sorted),
        ),
        (PathBuf::from(NGINX_FILE), nginx_conf(&sorted).into_bytes()),
    ]
}

/// The path of a file as a URL (`roles/x.json` -> `/roles/x.json`).
fn url_of(file: &Path) -> String {
    format!("/{}", file.to_string_lossy().replace('\\', "/"))
}

/// Netlify's and Cloudflare Pages' `_headers`. Their default `Cache-Control`
/// is careers' own for HTML and JSON (`public, max-age=0,
/// must-revalidate`), so only immutable files get a rule of their own.
fn headers_file(exported: &[&Exported<'_>]) -> String {
    let mut out = String::from(
        "# Written by `careers build`: the headers careers sends, for Netlify and\n\
         # Cloudflare Pages (which read this file and do not serve it).\n/*\n",
    );
    for (name, value) in SECURITY_HEADERS {
        let _ = writeln!(out, "  {}: {value}", title_case(name));
    }
    for e in exported {
        let Some(url) = e.url else { continue };
        let mut lines = Vec::new();
        if e.page.cache != CachePolicy::Revalidate {
            lines.push(format!("  Cache-Control: {}", e.page.cache.header()));
        }
        if e.page.content_type != HTML && !url.ends_with(".json") && !url.ends_with(".png") {
            lines.push(format!("  Content-Type: {}", e.page.content_type));
        }
        if e.page.kind.is_api() {
            lines.push("  Access-Control-Allow-Origin: *".to_owned());
        }
        if !lines.is_empty() {
            let _ = writeln!(out, "{url}\n{}", lines.join("\n"));
        }
    }
    out
}

/// `content-security-policy` -> `Content-Security-Policy`.
fn title_case(name: &str) -> String {
    name.split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// One object of an S3-style upload.
#[derive(Debug, Serialize)]
struct Object<'a> {
    /// The file, relative to the output folder.
    key: String,
    /// Where a clean URL needs it too (`roles/x.html` -> `roles/x`), if anywhere.
    clean_key: Option<String>,
    content_type: &'a str,
    /// `gzip` or `br` for the `.gz` and `.br` variants.
    content_encoding: Option<&'static str>,
    cache_control: &'static str,
}

/// The metadata each object needs, as JSON.
fn object_metadata(exported: &[&Exported<'_>]) -> Vec<u8> {
    let mut objects = Vec::new();
    for e in exported {
        let key = e.file.to_string_lossy().replace('\\', "/");
        let clean_key = key
            .strip_suffix(".html")
            .filter(|stem| *stem != "index" && *stem != "404")
            .map(str::to_owned);
        for &encoding in &e.encodings {
            let suffix = encoding.file_suffix();
            objects.push(Object {
                key: format!("{key}{suffix}"),
                clean_key: clean_key.as_ref().map(|k| format!("{k}{suffix}")),
                content_type: e.page.content_type,
                content_encoding: encoding.content_encoding(),
                cache_control: e.page.cache.header(),
            });
        }
    }
    let document = BTreeMap::from([("objects", objects)]);
    let mut bytes = serde_json::to_vec_pretty(&document).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// The folder nginx is told to serve until someone edits the block.
pub const NGINX_ROOT: &str = "/srv/careers/site";

/// An nginx `server` block: the security headers on every answer, each
/// file's `Cache-Control` and type, `gzip_static`, `brotli_static` where the
/// module is loaded, clean URLs and the site's 404 page.
fn nginx_conf(exported: &[&Exported<'_>]) -> String {
    let mut types: BTreeMap<String, &str> = BTreeMap::new();
    let mut exact = Vec::new();
    for e in exported {
        let ext = e
            .file
            .extension()
            .map(|x| x.to_string_lossy().into_owned())
            .unwrap_or_default();
        match types.get(&ext) {
            Some(known) if *known != e.page.content_type => exact.push(e),
            Some(_) => {}
            None => {
                types.insert(ext, e.page.content_type);
            }
        }
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Written by `careers build`: serves this export as careers serves the site."
    );
    let _ = writeln!(
        out,
        "# Include it inside `http {{ }}`; set `root` to the folder `build --out` wrote."
    );
    let _ = writeln!(
        out,
        "# Precompressed brotli needs libnginx-mod-http-brotli-static (Debian): with it"
    );
    let _ = writeln!(out, "# loaded, uncomment `brotli_static on;`.");
    out.push_str("server {\n    listen 8080;\n");
    let _ = writeln!(out, "    root {NGINX_ROOT};");
    out.push_str("    server_tokens off;\n    charset off;\n    types {\n");
    for (ext, content_type) in &types {
        if !ext.is_empty() {
            let _ = writeln!(out, "        \"{content_type}\" {ext};");
        }
    }
    out.push_str("    }\n    default_type application/octet-stream;\n");
    out.push_str(
        "    gzip off;\n    gzip_static on;\n    gzip_vary on;\n    # brotli_static on;\n",
    );
    out.push_str("    error_page 404 /404.html;\n\n");
    out.push_str("    # careers' own files are not part of the site.\n");
    out.push_str("    location ~ ^/(_careers/|_headers$|\\.careers-manifest\\.json$) {\n        return 404;\n    }\n");
    let revalidate = CachePolicy::Revalidate.header();
    let immutable = CachePolicy::Immutable.header();
    location(
        &mut out,
        "location / {",
        revalidate,
        &["try_files $uri $uri.html $uri/index.html =404;"],
    );
    location(
        &mut out,
        "location = /404.html {",
        revalidate,
        &["internal;"],
    );
    location(&mut out, "location /static/ {", immutable, &[]);
    location(&mut out, "location ~ \\.png$ {", immutable, &[]);
    location(
        &mut out,
        "location ~ ^/roles(/[^/]+)?\\.json$ {",
        revalidate,
        &["add_header Access-Control-Allow-Origin \"*\" always;"],
    );
    for e in exact {
        let url = url_of(&e.file);
        let header = format!("location = {url} {{");
        let default = format!("types {{ }} default_type \"{}\";", e.page.content_type);
        // An exact location wins over the JSON one above, so it says CORS too.
        let cors = "add_header Access-Control-Allow-Origin \"*\" always;";
        let extra: &[&str] = if e.page.kind.is_api() {
            &[&default, cors]
        } else {
            &[&default]
        };
        location(&mut out, &header, e.page.cache.header(), extra);
    }
    out.push_str("}\n");
    out
}

/// A location with the security headers and a `Cache-Control` (nginx drops
/// a level's `add_header`s where a deeper level has its own, so each
/// location repeats them).
fn location(out: &mut String, opening: &str, cache: &str, extra: &[&str]) {
    let _ = writeln!(out, "\n    {opening}");
    for (name, value) in SECURITY_HEADERS {
        let _ = writeln!(
            out,
            "        add_header {} \"{value}\" always;",
            title_case(name)
        );
    }
    let _ = writeln!(out, "        add_header Cache-Control \"{cache}\" always;");
    for line in extra {
        let _ = writeln!(out, "        {line}");
    }
    out.push_str("    }\n");
}
