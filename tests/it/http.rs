use std::io::Read;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use careers::server::{App, AppState, router};

use crate::support::{fixture, site};

use crate::support::{RouterExt, app, assert_status, bytes, header_of, json, text};

#[tokio::test]
async fn listing_shows_open_roles_only() {
    let app = app();
    let response = app.get("/").await;
    assert_status(&response, StatusCode::OK, "listing");
    assert_eq!(
        header_of(&response, header::CONTENT_TYPE),
        "text/html; charset=utf-8"
    );
    let html = text(response).await;
    assert!(html.contains("Lead Gardener"));
    assert!(html.contains("Mid Gardener"));
    assert!(
        !html.contains("Senior Gardener"),
        "closed roles leave the listing"
    );
    assert!(
        !html.contains("Apprentice Gardener"),
        "drafts are not published"
    );
    assert!(html.contains("2 open roles"));
    assert!(html.contains("£28,000 to £34,000"), "salary range in words");
}

#[tokio::test]
async fn role_page_has_facts_apply_and_sanitised_html() {
    let app = app();
    let response = app.get("/roles/lead-gardener").await;
    assert_status(&response, StatusCode::OK, "role page");
    let html = text(response).await;
    assert!(html.contains("<h1 id=\"top\">Lead Gardener</h1>"));
    assert!(
        html.contains("<a class=\"apply\" href=\"/roles/lead-gardener/apply\" rel=\"nofollow\">")
    );
    let apply = app.get("/roles/lead-gardener/apply").await;
    assert_eq!(
        header_of(&apply, header::LOCATION),
        "https://jobs.example/apply/lead-gardener"
    );
    assert!(html.contains("UK:</span> <strong>£38,000 to £45,000 a year</strong>"));
    assert!(!html.contains("<script>alert"), "raw HTML is sanitised");
    assert!(!html.contains("owned"), "a script is dropped with its text");
    assert!(
        html.contains("href=\"/roles/mid-gardener\""),
        "links between role files"
    );
    assert!(
        html.contains("id=\"keep-the-glasshouses-alive\""),
        "expectation anchors"
    );
}

#[tokio::test]
async fn closed_role_keeps_its_page_with_a_notice() {
    let app = app();
    let response = app.get("/roles/senior-gardener").await;
    assert_status(&response, StatusCode::OK, "closed role");
    let html = text(response).await;
    assert!(html.contains("This role is closed"));
    assert!(
        !html.contains("class=\"apply\""),
        "no apply button on a closed role"
    );
    assert!(
        html.contains("<li><a href=\"/roles/lead-gardener\">Lead Gardener</a></li>"),
        "an open role in the same discipline"
    );
    let json = json(app.get("/roles/senior-gardener.json").await).await;
    assert_eq!(json["status"], "closed");
}

#[tokio::test]
async fn drafts_and_unknown_paths_are_helpful_404s() {
    let app = app();
    for path in [
        "/roles/apprentice-gardener",
        "/nope",
        "/roles/missing.json",
        "/roles/../etc/passwd",
    ] {
        let response = app.get(path).await;
        assert_status(&response, StatusCode::NOT_FOUND, path);
        assert_eq!(
            header_of(&response, header::CONTENT_TYPE),
            "text/html; charset=utf-8"
        );
        let html = text(response).await;
        assert!(html.contains("Page not found"), "{path}");
        assert!(
            html.contains("href=\"/roles/lead-gardener\""),
            "suggests open roles"
        );
    }
}

#[tokio::test]
async fn conditional_get_answers_304_with_etag_and_vary() {
    let app = app();
    let first = app.get("/roles/lead-gardener").await;
    let etag = header_of(&first, header::ETAG).to_owned();
    assert!(etag.starts_with('"'), "strong etag: {etag}");
    let second = app
        .send("GET", "/roles/lead-gardener", &[("if-none-match", &etag)])
        .await;
    assert_status(&second, StatusCode::NOT_MODIFIED, "revalidation");
    assert_eq!(header_of(&second, header::ETAG), etag);
    assert_eq!(header_of(&second, header::VARY), "Accept-Encoding");
    assert!(bytes(second).await.is_empty());
    let stale = app
        .send(
            "GET",
            "/roles/lead-gardener",
            &[("if-none-match", "\"old\"")],
        )
        .await;
    assert_status(&stale, StatusCode::OK, "stale etag");
}

#[tokio::test]
async fn encodings_are_negotiated_and_decode_to_the_same_bytes() {
    let app = app();
    let plain = bytes(app.get("/").await).await;
    let br = app
        .send("GET", "/", &[("accept-encoding", "gzip, br")])
        .await;
    assert_eq!(header_of(&br, header::CONTENT_ENCODING), "br");
    let br_etag = header_of(&br, header::ETAG).to_owned();
    let mut decoded = Vec::new();
    let body = bytes(br).await;
    let _ = brotli::BrotliDecompress(&mut &body[..], &mut decoded);
    assert_eq!(decoded, plain);

    let gz = app.send("GET", "/", &[("accept-encoding", "gzip")]).await;
    assert_eq!(header_of(&gz, header::CONTENT_ENCODING), "gzip");
    assert_ne!(
        header_of(&gz, header::ETAG),
        br_etag,
        "each encoding has its own etag"
    );
    let mut decoded = Vec::new();
    let body = bytes(gz).await;
    let _ = flate2::read::GzDecoder::new(&body[..]).read_to_end(&mut decoded);
    assert_eq!(decoded, plain);

    let refused = app
        .send("GET", "/", &[("accept-encoding", "br;q=0, gzip;q=0")])
        .await;
    assert_eq!(header_of(&refused, header::CONTENT_ENCODING), "");
}

#[tokio::test]
async fn head_sends_headers_without_a_body() {
    let app = app();
    let get = app.get("/roles.json").await;
    let length = header_of(&get, header::CONTENT_LENGTH).to_owned();
    assert!(!length.is_empty(), "GET sends Content-Length");
    let head = app.send("HEAD", "/roles.json", &[]).await;
    assert_status(&head, StatusCode::OK, "HEAD");
    assert_eq!(header_of(&head, header::CONTENT_LENGTH), length);
    assert!(bytes(head).await.is_empty());
}

#[tokio::test]
async fn aliases_and_trailing_slashes_redirect_permanently() {
    let app = app();
    let alias = app.get("/roles/head-gardener").await;
    assert_status(&alias, StatusCode::MOVED_PERMANENTLY, "alias");
    assert_eq!(header_of(&alias, header::LOCATION), "/roles/lead-gardener");
    let slash = app.get("/roles/mid-gardener/").await;
    assert_status(&slash, StatusCode::MOVED_PERMANENTLY, "trailing slash");
    assert_eq!(header_of(&slash, header::LOCATION), "/roles/mid-gardener");
}

/// Every other address of a role answers 301 to `/roles/{slug}`, keeping the
/// query so a campaign link keeps its parameters.
#[tokio::test]
async fn links_that_never_break() {
    let app = app();
    for (from, to) in [
        ("/roles/Lead-Gardener", "/roles/lead-gardener"),
        ("/roles/LEAD-GARDENER.json", "/roles/lead-gardener.json"),
        ("/roles/Lead-Gardener/", "/roles/lead-gardener"),
        ("/roles/Head-Gardener", "/roles/lead-gardener"),
        ("/roles/head-gardener.json", "/roles/lead-gardener.json"),
        ("/roles/mid_gardener.md", "/roles/mid-gardener"),
        ("/roles/Mid_Gardener.MD", "/roles/mid-gardener"),
        ("/roles/mid_gardener", "/roles/mid-gardener"),
        ("/roles/mid_gardener.html", "/roles/mid-gardener"),
        ("/roles/lead-gardener.md", "/roles/lead-gardener"),
        ("/roles/senior-gardener.md", "/roles/senior-gardener"),
        ("/roles/%4Cead-Gardener", "/roles/lead-gardener"),
        ("/roles", "/"),
        ("/roles/", "/"),
        ("/Roles/", "/"),
        ("/roles?team=Grounds", "/?team=Grounds"),
        (
            "/roles/Lead-Gardener?utm_source=news&utm_medium=email",
            "/roles/lead-gardener?utm_source=news&utm_medium=email",
        ),
    ] {
        let response = app.get(from).await;
        assert_status(&response, StatusCode::MOVED_PERMANENTLY, from);
        assert_eq!(header_of(&response, header::LOCATION), to, "{from}");
    }
    for path in [
        "/roles/apprentice-gardener.md",
        "/roles/readme.md",
        "/roles/lead-gardener.txt",
        "/roles/%FF%FE",
    ] {
        let response = app.get(path).await;
        assert_status(&response, StatusCode::NOT_FOUND, path);
    }
}

#[tokio::test]
async fn json_contract() {
    let app = app();
    let response = app.get("/roles.json").await;
    assert_eq!(
        header_of(&response, header::CONTENT_TYPE),
        "application/json"
    );
    let all = json(response).await;
    let roles = all["roles"].as_array().cloned().unwrap_or_default();
    let mut slugs: Vec<&str> = roles.iter().filter_map(|r| r["slug"].as_str()).collect();
    slugs.sort_unstable();
    assert_eq!(slugs, ["lead-gardener", "mid-gardener"], "open roles only");
    let lead = roles
        .iter()
        .find(|r| r["slug"] == "lead-gardener")
        .unwrap_or_else(|| panic!("lead-gardener missing"));
    for key in [
        "slug",
        "title",
        "url",
        "summary",
        "location",
        "team",
        "level",
        "discipline",
        "status",
        "salary",
        "required_experience",
        "optional_experience",
        "expectations",
        "source_file",
    ] {
        assert!(lead.get(key).is_some(), "missing {key}");
    }
    assert_eq!(lead["url"], "/roles/lead-gardener");
    assert_eq!(lead["source_file"], "lead-gardener.md");
    assert_eq!(lead["status"], "open");
    assert_eq!(
        lead["salary"][1],
        serde_json::json!({"location": "London", "min": 41000, "max": 48500, "currency": "GBP", "period": "year", "note": null})
    );
    assert_eq!(
        lead["required_experience"].as_array().map(Vec::len),
        Some(3)
    );
    assert_eq!(lead["optional_experience"][0], "Beekeeping");
    assert_eq!(
        lead["expectations"][0],
        serde_json::json!({"title": "Keep the glasshouses alive", "description": "Temperature, humidity and pests, all year round.", "group": null})
    );
    for role in &roles {
        let own = json(
            app.get(&format!(
                "/roles/{}.json",
                role["slug"].as_str().unwrap_or_default()
            ))
            .await,
        )
        .await;
        assert_eq!(&own, role, "a listing entry is the role's own JSON");
    }
    let mid = json(app.get("/roles/mid-gardener.json").await).await;
    assert_eq!(mid["salary"][0]["min"], 28000);
    assert_eq!(mid["location"], "Kew, London");
    assert_eq!(mid["level"], "Mid");
}

/// The JSON API may be read from any origin with GET (a simple request, so no
/// preflight), revalidation included; HTML pages may not.
#[tokio::test]
async fn the_json_api_allows_cross_origin_gets() {
    let app = app();
    for path in ["/roles.json", "/roles/lead-gardener.json"] {
        let response = app
            .send("GET", path, &[("origin", "https://elsewhere.example")])
            .await;
        assert_eq!(
            header_of(&response, header::ACCESS_CONTROL_ALLOW_ORIGIN),
            "*",
            "{path}"
        );
        let etag = header_of(&response, header::ETAG).to_owned();
        let again = app
            .send(
                "GET",
                path,
                &[
                    ("origin", "https://elsewhere.example"),
                    ("if-none-match", &etag),
                ],
            )
            .await;
        assert_status(&again, StatusCode::NOT_MODIFIED, path);
        assert_eq!(
            header_of(&again, header::ACCESS_CONTROL_ALLOW_ORIGIN),
            "*",
            "{path}: 304"
        );
    }
    let page = app
        .send("GET", "/", &[("origin", "https://elsewhere.example")])
        .await;
    assert_eq!(header_of(&page, header::ACCESS_CONTROL_ALLOW_ORIGIN), "");
}

#[tokio::test]
async fn security_and_cache_headers() {
    let app = app();
    let page = app.get("/").await;
    let csp = header_of(&page, header::CONTENT_SECURITY_POLICY);
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert_eq!(header_of(&page, header::X_CONTENT_TYPE_OPTIONS), "nosniff");
    assert!(header_of(&page, header::CACHE_CONTROL).contains("must-revalidate"));
    let html = text(page).await;
    let css = html
        .split("href=\"")
        .find_map(|s| s.split('"').next().filter(|u| u.ends_with(".css")))
        .unwrap_or_default()
        .to_owned();
    let asset = app.get(&css).await;
    assert_status(&asset, StatusCode::OK, "stylesheet");
    assert!(header_of(&asset, header::CACHE_CONTROL).contains("immutable"));
    let post = app.send("POST", "/", &[]).await;
    assert_status(&post, StatusCode::METHOD_NOT_ALLOWED, "POST");
}

#[tokio::test]
async fn filters_search_and_empty_results() {
    let app = app();
    let html = text(app.get("/?q=pruning").await).await;
    assert!(
        html.contains("1 role matches your search"),
        "search over experience"
    );
    assert!(html.contains("Mid Gardener") && !html.contains(">Lead Gardener<"));
    let html = text(app.get("/?q=PRUN").await).await;
    assert!(
        html.contains("1 role matches your search") && html.contains(">Mid Gardener<"),
        "words match by prefix, in any case"
    );
    let html = text(app.get("/?level=Lead&location=London").await).await;
    assert!(html.contains(">Lead Gardener<") && !html.contains(">Mid Gardener<"));
    let html = text(app.get("/?min_salary=40000").await).await;
    assert!(html.contains(">Lead Gardener<") && !html.contains(">Mid Gardener<"));
    let html = text(app.get("/?q=astronaut").await).await;
    assert!(html.contains("No roles match your search"));
    assert!(html.contains("<a href=\"/\">See all open roles</a>"));
    let odd = app.get("/?page=abc&min_salary=lots&q=%3Cscript%3E").await;
    assert_status(
        &odd,
        StatusCode::OK,
        "bad parameters are ignored, not errors",
    );
    assert!(!text(odd).await.contains("<script>"));
}

#[tokio::test]
async fn healthz() {
    let response = app().get("/healthz").await;
    assert_status(&response, StatusCode::OK, "healthz");
    assert!(text(response).await.starts_with("ok"));
}

#[tokio::test]
async fn role_page_article_snapshot() {
    let html = text(app().get("/roles/lead-gardener").await).await;
    let start = html.find("<article").unwrap_or(0);
    let end = html
        .find("</article>")
        .map_or(html.len(), |i| i + "</article>".len());
    insta::assert_snapshot!(&html[start..end]);
}

/// Every response the router produces carries the security headers, including
/// the ones inner layers make themselves.
// See: issue #15 (cross-cutting headers as a layer).
#[tokio::test]
async fn security_headers_reach_every_status() {
    let app = app();
    let etag = header_of(&app.get("/").await, header::ETAG).to_owned();
    let big = "x".repeat(20 * 1024);
    let cases = [
        (
            app.send("GET", "/", &[("if-none-match", &etag)]).await,
            StatusCode::NOT_MODIFIED,
        ),
        (app.get("/nope").await, StatusCode::NOT_FOUND),
        (
            app.get("/roles/lead-gardener/").await,
            StatusCode::MOVED_PERMANENTLY,
        ),
        (
            app.send("DELETE", "/", &[]).await,
            StatusCode::METHOD_NOT_ALLOWED,
        ),
        (
            app.send("POST", "/", &[("content-length", &big.len().to_string())])
                .await,
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
        (app.get("/healthz").await, StatusCode::OK),
    ];
    for (response, status) in cases {
        assert_status(&response, status, "status");
        let csp = header_of(&response, header::CONTENT_SECURITY_POLICY);
        assert!(csp.contains("default-src 'none'"), "{status}: CSP {csp:?}");
        assert_eq!(
            header_of(&response, header::X_CONTENT_TYPE_OPTIONS),
            "nosniff",
            "{status}"
        );
        assert_eq!(
            header_of(&response, header::X_FRAME_OPTIONS),
            "DENY",
            "{status}"
        );
    }
}

// See: issue #16 (an HTTP/1.1 request with no Host or two Hosts is a 400).
#[tokio::test]
async fn http_1_1_needs_exactly_one_host() {
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt;

    let app = app();
    let none = Request::get("/").body(Body::empty());
    let two = Request::get("/")
        .header("host", "a.example")
        .header("host", "b.example")
        .body(Body::empty());
    for request in [none, two] {
        let request = request.unwrap_or_else(|e| panic!("{e}"));
        let Ok(response) = app.clone().oneshot(request).await;
        assert_status(&response, StatusCode::BAD_REQUEST, "Host");
        assert!(!header_of(&response, header::CONTENT_SECURITY_POLICY).is_empty());
    }
    let one = app.send("GET", "/", &[("host", "a.example")]).await;
    assert_status(&one, StatusCode::OK, "one Host");
}

// See: issue #18 (a share image per role: 1200x630 PNG, fingerprinted, a year's caching).
#[tokio::test]
async fn each_role_has_a_share_image_that_link_previews_show() {
    let app = app();
    let html = text(app.get("/roles/lead-gardener").await).await;
    let image = html
        .split("<meta property=\"og:image\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no og:image"))
        .to_owned();
    assert!(html.contains("<meta property=\"og:image:width\" content=\"1200\">"));
    assert!(html.contains("<meta property=\"og:image:height\" content=\"630\">"));
    assert!(html.contains("content=\"summary_large_image\""));
    let path = image
        .split_once("/roles/")
        .map(|(_, rest)| format!("/roles/{rest}"))
        .unwrap_or_default();
    assert!(
        path.starts_with("/roles/lead-gardener/share.") && path.ends_with(".png"),
        "{path}"
    );
    let response = app.get(&path).await;
    assert_status(&response, StatusCode::OK, "share image");
    assert_eq!(header_of(&response, header::CONTENT_TYPE), "image/png");
    assert!(header_of(&response, header::CACHE_CONTROL).contains("immutable"));
    let png = bytes(response).await;
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let size = |at: usize| u32::from_be_bytes([png[at], png[at + 1], png[at + 2], png[at + 3]]);
    assert_eq!((size(16), size(20)), (1200, 630));
    assert_eq!(
        bytes(app.get(&path).await).await,
        png,
        "kept, and the same bytes"
    );
    let stale = path.replace("/share.", "/share.0");
    assert_status(
        &app.get(&stale).await,
        StatusCode::NOT_FOUND,
        "another hash",
    );
}

/// Sends one request through an [`App`] and returns status, headers sorted
/// by name, and body.
async fn through(app: &Arc<App>, method: &str, uri: &str, headers: &[(&str, &str)]) -> Answer {
    let mut request = Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = request
        .body(Body::empty())
        .unwrap_or_else(|e| panic!("request: {e}"));
    let response = Arc::clone(app).answer(request).await;
    let status = response.status();
    let mut names: Vec<(String, String)> = response
        .headers()
        .iter()
        .map(|(n, v)| {
            (
                n.to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    names.sort();
    (status, names, bytes(response).await)
}

type Answer = (StatusCode, Vec<(String, String)>, Vec<u8>);
/// A request: method, address, headers.
type Case<'a> = (&'a str, &'a str, Vec<(&'a str, &'a str)>);

// See: issue #29 (a request path as short as a bare server's). Prebuilt
// pages are answered without the router; every answer must be the router's.
#[tokio::test]
async fn prebuilt_pages_answered_directly_are_the_routers_answers_byte_for_byte() {
    let state = AppState::new(site(&fixture("site/roles")));
    let direct = Arc::new(App::with_direct_pages(router(state.clone()), &state));
    let routed = Arc::new(App::routed(router(state)));
    let host = ("host", "careers.test");
    let etag = {
        let first = through(&routed, "GET", "/roles/lead-gardener", &[host]).await;
        first
            .1
            .iter()
            .find(|(n, _)| n == "etag")
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let cases: Vec<Case<'_>> = vec![
        ("GET", "/", vec![host]),
        ("GET", "/", vec![host, ("accept-encoding", "gzip")]),
        (
            "GET",
            "/roles/lead-gardener",
            vec![host, ("accept-encoding", "br;q=0.5, gzip")],
        ),
        (
            "GET",
            "/roles/lead-gardener",
            vec![host, ("accept-encoding", "gzip, br")],
        ),
        ("HEAD", "/roles/lead-gardener", vec![host]),
        (
            "GET",
            "/roles/lead-gardener",
            vec![host, ("if-none-match", etag.as_str())],
        ),
        ("GET", "/roles.json", vec![host]),
        (
            "GET",
            "/roles/lead-gardener.json",
            vec![host, ("accept-encoding", "gzip")],
        ),
        ("GET", "/sitemap.xml", vec![host]),
        ("GET", "/feed.xml", vec![host]),
        ("GET", "/no-such-page", vec![host]),
        ("GET", "/roles/lead-gardener/", vec![host]),
        ("GET", "/?q=gardener", vec![host]),
        ("GET", "/compare", vec![host]),
        ("GET", "/compare/lead-gardener...mid-gardener", vec![host]),
        ("GET", "/roles/lead-gardener", vec![]),
        (
            "GET",
            "/roles/lead-gardener",
            vec![host, ("host", "other.test")],
        ),
        ("POST", "/roles/lead-gardener", vec![host]),
    ];
    for (method, uri, headers) in cases {
        let expected = through(&routed, method, uri, &headers).await;
        let got = through(&direct, method, uri, &headers).await;
        assert_eq!(got.0, expected.0, "{method} {uri} {headers:?}: status");
        assert_eq!(got.1, expected.1, "{method} {uri} {headers:?}: headers");
        assert!(got.2 == expected.2, "{method} {uri} {headers:?}: body");
    }
}

/// `serve`'s first site answers before its role pages are rendered: the
/// listing at once; a role's page or JSON rendered alone, the bytes the whole
/// site will serve; anything else it lacks (an apply link here) waits for
/// the whole site and is answered from it; a path no site has is a 404.
#[tokio::test]
async fn a_first_site_answers_the_listing_and_role_pages_before_the_whole_site() {
    let roles = careers::role::load(&fixture("site/roles"))
        .unwrap_or_else(|e| panic!("load: {e}"))
        .roles;
    let settings = crate::support::garden_settings();
    let today = crate::support::today();
    let first = careers::site::Site::build_role_pages_later(roles, &settings, today)
        .unwrap_or_else(|e| panic!("build: {e}"));
    let first = Arc::new(first);
    let whole = first
        .with_role_pages()
        .unwrap_or_else(|| panic!("no role pages were left for later"))
        .unwrap_or_else(|e| panic!("render: {e}"));
    let whole = Arc::new(whole);
    let state = AppState::shared(Arc::clone(&first));
    let app = router(state.clone());
    let whole_app = router(AppState::shared(Arc::clone(&whole)));
    assert!(
        app.page("/")
            .await
            .contains("href=\"/roles/lead-gardener\"")
    );
    for path in ["/roles/lead-gardener", "/roles/lead-gardener.json"] {
        let response = app.get(path).await;
        assert_status(&response, StatusCode::OK, path);
        let expected = whole.page(path).map(|p| p.identity.body.to_vec());
        assert_eq!(Some(bytes(response).await), expected, "{path}");
    }

    let asked = app.clone();
    let waiting = tokio::spawn(async move { asked.get("/roles/lead-gardener/apply").await });
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    assert!(
        !waiting.is_finished(),
        "an apply link answered before there was one"
    );
    state.site.store(Arc::clone(&whole));
    first.role_pages_served();
    let response = waiting.await.unwrap_or_else(|e| panic!("request: {e}"));
    let expected = whole_app.get("/roles/lead-gardener/apply").await;
    assert_eq!(response.status(), expected.status());
    assert_eq!(
        header_of(&response, header::LOCATION),
        header_of(&expected, header::LOCATION)
    );
    assert_status(&app.get("/nope").await, StatusCode::NOT_FOUND, "/nope");
}
