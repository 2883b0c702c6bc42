use std::fs;

use axum::http::header;

use careers::site::export;

use crate::support::{RouterExt, app, bytes, fixture, site};

#[tokio::test]
async fn export_holds_the_bytes_the_server_sends() {
    let out = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let site = site(&fixture("site/roles"));
    let written = export::write(&site, out.path(), &export::ExportOptions::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .written;
    assert!(written > 10);
    let app = app();
    for (path, file) in [
        ("/", "index.html"),
        ("/roles/lead-gardener", "roles/lead-gardener.html"),
        ("/roles/senior-gardener", "roles/senior-gardener.html"),
        ("/roles.json", "roles.json"),
        ("/roles/lead-gardener.json", "roles/lead-gardener.json"),
    ] {
        let on_disk = fs::read(out.path().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(on_disk, bytes(app.get(path).await).await, "{file}");
        for (encoding, suffix) in [("gzip", "gz"), ("br", "br")] {
            let response = app
                .send("GET", path, &[("accept-encoding", encoding)])
                .await;
            assert_eq!(
                response
                    .headers()
                    .get(header::CONTENT_ENCODING)
                    .map(|v| v.as_bytes()),
                Some(encoding.as_bytes())
            );
            let on_disk = fs::read(out.path().join(format!("{file}.{suffix}")))
                .unwrap_or_else(|e| panic!("{file}.{suffix}: {e}"));
            assert_eq!(on_disk, bytes(response).await, "{file}.{suffix}");
        }
    }
    // Small files may have no compressed variant; the server then sends none.
    for (path, file) in [
        ("/sitemap.xml", "sitemap.xml"),
        ("/robots.txt", "robots.txt"),
        ("/feed.xml", "feed.xml"),
    ] {
        let on_disk = fs::read(out.path().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let sent = app.get(path).await;
        let content_type = sent.headers().get(header::CONTENT_TYPE).cloned();
        assert_eq!(on_disk, bytes(sent).await, "{file}");
        assert!(content_type.is_some(), "{path}");
        for (encoding, suffix) in [("gzip", "gz"), ("br", "br")] {
            let response = app
                .send("GET", path, &[("accept-encoding", encoding)])
                .await;
            let encoded = response.headers().contains_key(header::CONTENT_ENCODING);
            let compressed = out.path().join(format!("{file}.{suffix}"));
            if encoded {
                let on_disk =
                    fs::read(&compressed).unwrap_or_else(|e| panic!("{file}.{suffix}: {e}"));
                assert_eq!(on_disk, bytes(response).await, "{file}.{suffix}");
            } else {
                assert!(
                    !compressed.exists(),
                    "{file}.{suffix} is not sent, so not written"
                );
            }
        }
    }
    // A static host cannot redirect with a request's campaign: each apply link
    // is a page that moves on by itself.
    let apply = fs::read_to_string(out.path().join("roles/lead-gardener/apply.html"))
        .unwrap_or_else(|e| panic!("apply page: {e}"));
    assert!(
        apply.contains(
            "<meta http-equiv=\"refresh\" content=\"0; url=https://jobs.example/apply/lead-gardener\">"
        ),
        "{apply}"
    );
    let mailto = fs::read_to_string(out.path().join("roles/mid-gardener/apply.html"))
        .unwrap_or_else(|e| panic!("apply page: {e}"));
    assert!(
        mailto.contains("url=mailto:jobs@gardens.example?subject=Application%3A%20Mid%20Gardener")
    );
    assert!(out.path().join("404.html").is_file());
    assert!(
        !out.path().join("roles/apprentice-gardener.html").exists(),
        "drafts are not exported"
    );
    let statics = fs::read_dir(out.path().join("static"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert!(statics >= 3, "assets are exported");
}

// See: issue #18 (share images are in the export, byte for byte).
#[tokio::test]
async fn the_export_holds_every_share_image_the_server_draws() {
    let out = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let site = site(&fixture("site/roles"));
    let paths: Vec<String> = site.share_cards().map(|c| c.path.clone()).collect();
    assert!(!paths.is_empty());
    export::write(&site, out.path(), &export::ExportOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let app = app();
    for path in paths {
        let file = out.path().join(path.trim_start_matches('/'));
        let on_disk = fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert_eq!(on_disk, bytes(app.get(&path).await).await, "{path}");
    }
}
