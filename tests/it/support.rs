use std::path::{Path, PathBuf};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

use careers::role;
use careers::server::{AppState, router};
use careers::site::{Settings, Site};

/// A fixture folder under `tests/fixtures`.
pub(crate) fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The date the fixtures are judged on, so closing dates do not drift.
pub(crate) fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 11, 23)
}

/// The instant the fixtures are judged at: midday on [`today`], UTC.
pub(crate) fn now() -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_795_435_200).unwrap_or_else(|e| panic!("{e}"))
}

/// Builds a site from a roles folder, compressed, as `serve` would after startup.
pub(crate) fn site(roles: &Path) -> Site {
    let catalogue = role::load(roles).unwrap_or_else(|e| panic!("load {}: {e}", roles.display()));
    let settings = Settings {
        organisation: "Test Gardens".into(),
        apply_url: "mailto:jobs@gardens.example".into(),
        ..Settings::default()
    };
    let site =
        Site::build(catalogue.roles, &settings, today()).unwrap_or_else(|e| panic!("build: {e}"));
    site.compress_all();
    site
}

/// The router over the `site` fixture.
pub(crate) fn app() -> Router {
    router(AppState::new(site(&fixture("site/roles"))))
}

/// Steps on a router.
pub(crate) trait RouterExt {
    /// Sends a request with headers.
    async fn send(&self, method: &str, uri: &str, headers: &[(&str, &str)]) -> Response<Body>;
    /// `GET uri`.
    async fn get(&self, uri: &str) -> Response<Body> {
        self.send("GET", uri, &[]).await
    }
}

impl RouterExt for Router {
    async fn send(&self, method: &str, uri: &str, headers: &[(&str, &str)]) -> Response<Body> {
        let mut request = Request::builder().method(method).uri(uri);
        // HTTP/1.1 requires one Host; a test that is about Host sets its own.
        if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("host")) {
            request = request.header("host", "careers.test");
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request
            .body(Body::empty())
            .unwrap_or_else(|e| panic!("request: {e}"));
        self.clone()
            .oneshot(request)
            .await
            .unwrap_or_else(|e| panic!("router: {e}"))
    }
}

/// Reads a response body.
pub(crate) async fn bytes(response: Response<Body>) -> Vec<u8> {
    response
        .into_body()
        .collect()
        .await
        .map(|b| b.to_bytes().to_vec())
        .unwrap_or_else(|e| panic!("body: {e}"))
}

/// Reads a response body as text.
pub(crate) async fn text(response: Response<Body>) -> String {
    String::from_utf8(bytes(response).await).unwrap_or_else(|e| panic!("utf-8: {e}"))
}

/// Reads a response body as JSON.
pub(crate) async fn json(response: Response<Body>) -> serde_json::Value {
    serde_json::from_slice(&bytes(response).await).unwrap_or_else(|e| panic!("json: {e}"))
}

/// A header as text, or "" when absent.
pub(crate) fn header_of(response: &Response<Body>, name: header::HeaderName) -> &str {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

/// Asserts a status with the path in the message.
pub(crate) fn assert_status(response: &Response<Body>, status: StatusCode, what: &str) {
    assert_eq!(response.status(), status, "{what}");
}
