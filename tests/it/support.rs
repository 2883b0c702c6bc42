use std::path::{Path, PathBuf};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

use careers::role;
use careers::server::{AppState, router};
use careers::site::{PipelineOptions, Settings, Sink, Site, build_from_dir};

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

/// The settings [`site`] builds with.
pub(crate) fn garden_settings() -> Settings {
    Settings {
        organisation: "Test Gardens".into(),
        apply_url: "mailto:jobs@gardens.example".into(),
        time_zone: Some("Europe/London".into()),
        ..Settings::default()
    }
}

/// Builds a site from a roles folder, compressed, as `serve` would after startup.
pub(crate) fn site(roles: &Path) -> Site {
    let catalogue = role::load(roles).unwrap_or_else(|e| panic!("load {}: {e}", roles.display()));
    let site = Site::build(catalogue.roles, &garden_settings(), today())
        .unwrap_or_else(|e| panic!("build: {e}"));
    site.compress_all();
    site
}

/// The router over the `site` fixture.
pub(crate) fn app() -> Router {
    router(AppState::new(site(&fixture("site/roles"))))
}

/// A site built through the pipeline from a fixture folder with its own
/// `site.yaml`, compressed, as `serve` would after startup.
pub(crate) fn site_from_dir(roles: &Path) -> Site {
    let build = build_from_dir(roles, now(), Sink::Memory, &PipelineOptions::default())
        .unwrap_or_else(|e| panic!("build {}: {e}", roles.display()));
    let site = build
        .site
        .unwrap_or_else(|| panic!("a memory sink renders a site"));
    site.compress_all();
    site
}

/// The router over the `recruit` fixture: a logo, a default location, open,
/// closed and remote roles, several bands, a title that tries to end a script.
pub(crate) fn recruit_app() -> Router {
    router(AppState::new(site_from_dir(&fixture("recruit/roles"))))
}

/// The base URL in the `recruit` fixture's `site.yaml`.
pub(crate) const RECRUIT_BASE: &str = "https://careers.hollowlane.example";

/// The `content` of `<meta {attr}="{key}" content="..">`, as written (escaped).
pub(crate) fn meta<'a>(html: &'a str, attr: &str, key: &str) -> Option<&'a str> {
    let start = format!("<meta {attr}=\"{key}\" content=\"");
    let at = html.find(&start)? + start.len();
    html[at..].split('"').next()
}

/// The `href` of the first `<link rel="{rel}" ..>`.
pub(crate) fn link_href<'a>(html: &'a str, rel: &str) -> Option<&'a str> {
    let start = format!("<link rel=\"{rel}\"");
    let at = html.find(&start)? + start.len();
    let tag = html[at..].split('>').next()?;
    let href = tag.find("href=\"")? + "href=\"".len();
    tag[href..].split('"').next()
}

/// The text of `<title>`.
pub(crate) fn title(html: &str) -> &str {
    html.split("<title>")
        .nth(1)
        .and_then(|t| t.split("</title>").next())
        .unwrap_or("")
}

/// Steps on a router.
pub(crate) trait RouterExt {
    /// Sends a request with headers.
    async fn send(&self, method: &str, uri: &str, headers: &[(&str, &str)]) -> Response<Body>;
    /// `GET uri`.
    async fn get(&self, uri: &str) -> Response<Body> {
        self.send("GET", uri, &[]).await
    }
    /// `GET uri`, which must answer 200: the page's text.
    async fn page(&self, uri: &str) -> String {
        let response = self.get(uri).await;
        assert_status(&response, StatusCode::OK, uri);
        text(response).await
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

/// A loopback port nothing listens on right now.
pub(crate) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or_else(|e| panic!("{e}"))
}

/// `GET path` on a real loopback server; the whole answer, or `None` when
/// nothing answers yet.
pub(crate) fn http_get(port: u16, path: &str) -> Option<String> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(5)))
        .ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\n\r\n"
    )
    .ok()?;
    let mut out = String::new();
    stream.read_to_string(&mut out).ok()?;
    Some(out)
}

/// Polls until `check` holds, for at most ten seconds: a guard against a
/// hung test, never a timing assertion.
pub(crate) fn eventually(mut check: impl FnMut() -> bool) -> bool {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while std::time::Instant::now() < deadline {
        if check() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    false
}

/// The real binary, started as the README tells a person to run it: from
/// `dir` (a folder holding `roles/`), with the flags given. Its stderr is
/// collected line by line; it is killed when dropped.
pub(crate) struct Running {
    child: std::process::Child,
    log: std::sync::mpsc::Receiver<String>,
    /// Every line read from the log so far.
    seen: Vec<String>,
}

impl Running {
    pub(crate) fn start(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Running {
        use std::io::BufRead;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_careers"))
            .current_dir(dir)
            .args(args)
            .envs(env.iter().copied())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"));
        let (tx, log) = std::sync::mpsc::channel::<String>();
        if let Some(stderr) = child.stderr.take() {
            std::thread::spawn(move || {
                for line in std::io::BufReader::new(stderr)
                    .lines()
                    .map_while(Result::ok)
                {
                    let _ = tx.send(line);
                }
            });
        }
        Running {
            child,
            log,
            seen: Vec::new(),
        }
    }

    /// Whether a line of the log so far contains `needle`, waiting for it
    /// (bounded by [`eventually`]).
    pub(crate) fn logged(&mut self, needle: &str) -> bool {
        eventually(|| {
            self.seen.extend(self.log.try_iter());
            self.seen.iter().any(|l| l.contains(needle))
        })
    }

    /// The whole log so far.
    pub(crate) fn log(&mut self) -> String {
        self.seen.extend(self.log.try_iter());
        self.seen.join("\n")
    }

    /// Sends SIGHUP.
    pub(crate) fn hangup(&self) {
        let pid = self.child.id().to_string();
        let sent = std::process::Command::new("kill")
            .args(["-HUP", &pid])
            .status();
        assert!(sent.is_ok_and(|s| s.success()), "kill -HUP");
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A temporary folder holding `roles/` with these files.
pub(crate) fn folder_with_roles(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let roles = dir.path().join("roles");
    std::fs::create_dir(&roles).unwrap_or_else(|e| panic!("{e}"));
    for (name, text) in files {
        std::fs::write(roles.join(name), text).unwrap_or_else(|e| panic!("{e}"));
    }
    dir
}

/// A fresh folder holding `roles/`, a copy of a fixture's roles folder: a
/// person's checkout, for tests that run the binary as the README says.
pub(crate) fn checkout(roles_fixture: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let roles = dir.path().join("roles");
    std::fs::create_dir(&roles).unwrap_or_else(|e| panic!("{e}"));
    let from = fixture(roles_fixture);
    for entry in std::fs::read_dir(&from).unwrap_or_else(|e| panic!("{e}")) {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        let name = path.file_name().unwrap_or_else(|| panic!("no name"));
        std::fs::copy(&path, roles.join(name)).unwrap_or_else(|e| panic!("{e}"));
    }
    dir
}

/// Runs `careers ARGS` in `dir`, with no log filter or base URL from the
/// environment, and returns what it did.
pub(crate) fn careers_in(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_careers"))
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_LOG")
        .env_remove("CAREERS_BASE_URL")
        .output()
        .unwrap_or_else(|e| panic!("cannot run careers: {e}"))
}

/// Every file under `root`, relative, sorted, with its bytes.
pub(crate) fn files_under(root: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut found = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap_or_else(|e| panic!("{e}")) {
            let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
            if path.is_dir() {
                folders.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
                let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                found.push((relative, bytes));
            }
        }
    }
    found.sort();
    found
}
