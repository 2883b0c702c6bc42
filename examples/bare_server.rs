//! The speed reference: a minimal axum server handing out the bytes of a
//! `careers build` export from memory, as fast as axum can. `benches/speed.sh`
//! measures careers against it (and against nginx) in the same run.
//!
//!     cargo run --release --example bare_server -- EXPORT_DIR 127.0.0.1:18082
//!
//! It does what a bare static server must and nothing more: the path's file
//! (`/roles/x` -> `roles/x.html`), its `.gz` twin when the client accepts
//! gzip, a content type, an ETag and a 304 for it. No security headers, no
//! limits, no logging: it is the floor, not a server to deploy.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::Response;

/// One file of the export, ready to send.
struct File {
    content_type: HeaderValue,
    identity: (bytes::Bytes, HeaderValue),
    gzip: Option<(bytes::Bytes, HeaderValue)>,
}

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(addr)) = (args.next(), args.next()) else {
        eprintln!("usage: bare_server EXPORT_DIR ADDR");
        std::process::exit(2);
    };
    let mut files = HashMap::new();
    load(Path::new(&dir), Path::new(&dir), &mut files)?;
    eprintln!("bare_server: {} paths on http://{addr}", files.len());
    let files = Arc::new(files);
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async move {
        let app = axum::Router::new().fallback(move |uri: Uri, headers: HeaderMap| {
            let files = Arc::clone(&files);
            async move { answer(&files, &uri, &headers) }
        });
        let listener = tokio::net::TcpListener::bind(&addr).await?;
        axum::serve(listener, app).await
    })
}

fn answer(files: &HashMap<String, File>, uri: &Uri, headers: &HeaderMap) -> Response {
    let Some(file) = files.get(uri.path()) else {
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::NOT_FOUND;
        return response;
    };
    let gzip_accepted = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("gzip"));
    let (body, etag) = match &file.gzip {
        Some(gzip) if gzip_accepted => gzip,
        _ => &file.identity,
    };
    if headers.get(header::IF_NONE_MATCH) == Some(etag) {
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::NOT_MODIFIED;
        response.headers_mut().insert(header::ETAG, etag.clone());
        return response;
    }
    let mut response = Response::new(Body::from(body.clone()));
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, file.content_type.clone());
    h.insert(header::ETAG, etag.clone());
    if file.gzip.is_some() {
        h.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
        if gzip_accepted {
            h.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        }
    }
    response
}

/// Every file under `dir` by the path a visitor asks for.
fn load(root: &Path, dir: &Path, files: &mut HashMap<String, File>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            load(root, &path, files)?;
            continue;
        }
        let name = path.to_string_lossy();
        if name.ends_with(".gz") || name.ends_with(".br") {
            continue;
        }
        let Ok(relative) = path.strip_prefix(root) else {
            continue;
        };
        let relative = relative.to_string_lossy().replace('\\', "/");
        let url = match relative.as_str() {
            "index.html" => "/".to_owned(),
            other => format!("/{}", other.strip_suffix(".html").unwrap_or(other)),
        };
        let gzip = std::fs::read(format!("{name}.gz")).ok().map(with_etag);
        let file = File {
            content_type: HeaderValue::from_static(content_type(&relative)),
            identity: with_etag(std::fs::read(&path)?),
            gzip,
        };
        files.insert(url, file);
    }
    Ok(())
}

fn with_etag(body: Vec<u8>) -> (bytes::Bytes, HeaderValue) {
    let etag = format!("\"{:016x}\"", xxhash_rust::xxh3::xxh3_64(&body));
    let etag = HeaderValue::from_str(&etag).unwrap_or(HeaderValue::from_static("\"0\""));
    (bytes::Bytes::from(body), etag)
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        Some("css") => "text/css",
        Some("js") => "text/javascript",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    }
}
