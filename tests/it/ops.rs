//! Operations: readiness, logs, metrics, configuration from the environment.

use axum::http::{StatusCode, header};

use careers::server::{AppState, Ops, router};

use crate::support::{RouterExt, assert_status, files_under, fixture, header_of, site, text};

/// `/readyz` says what is served: role counts, the generation, a build
/// identifier; 503 until the server marks itself ready.
#[tokio::test]
async fn readyz_reports_the_site_and_waits_for_readiness() {
    let state = AppState::new(site(&fixture("site/roles"))).with_ops(Ops::starting());
    let ops = std::sync::Arc::clone(&state.ops);
    let app = router(state);
    let starting = app.get("/readyz").await;
    assert_status(&starting, StatusCode::SERVICE_UNAVAILABLE, "not ready yet");
    assert_eq!(header_of(&starting, header::CACHE_CONTROL), "no-store");
    ops.mark_ready();
    let ready = app.get("/readyz").await;
    assert_status(&ready, StatusCode::OK, "ready");
    let report: serde_json::Value =
        serde_json::from_str(&text(ready).await).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report["ready"], true);
    assert!(
        report["roles"]["listed"].as_u64().unwrap_or(0) > 0,
        "{report}"
    );
    assert!(report["roles"]["open"].is_u64(), "{report}");
    assert!(report["roles"]["closed"].is_u64(), "{report}");
    assert!(report["generation"].is_u64(), "{report}");
    let build = report["build"].as_str().unwrap_or_default();
    assert_eq!(build.len(), 32, "{report}");
    // Another build of the same roles (another generation) names the same bytes.
    let again = router(AppState::new(site(&fixture("site/roles"))));
    let other: serde_json::Value = serde_json::from_str(&text(again.get("/readyz").await).await)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(other["build"], report["build"]);
    assert_ne!(other["generation"], report["generation"]);
}

/// The temp folder a person would run careers from: `roles/` holding the
/// `site` fixture's files.
fn folder_with_roles() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let roles = dir.path().join("roles");
    std::fs::create_dir(&roles).unwrap_or_else(|e| panic!("{e}"));
    let from = fixture("site/roles");
    for entry in std::fs::read_dir(&from).unwrap_or_else(|e| panic!("{e}")) {
        let entry = entry.unwrap_or_else(|e| panic!("{e}"));
        if entry.path().is_file() {
            std::fs::copy(entry.path(), roles.join(entry.file_name()))
                .unwrap_or_else(|e| panic!("{e}"));
        }
    }
    dir
}

/// Kills the child when the test ends, passing or not.
struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A shared preview with the access log on, as JSON lines and with every
/// debug event: the request is logged with its path, status, bytes,
/// encoding and duration, and the share token appears only in the link
/// printed at start, never in a log line about a request.
#[test]
fn the_access_log_is_json_and_never_carries_the_share_token() {
    use crate::support::{eventually, free_port, http_get};
    let dir = folder_with_roles();
    let log = dir.path().join("stderr.log");
    let port = free_port();
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_careers"))
        .current_dir(dir.path())
        .args(["preview", "--share", "--access-log", "--log-format", "json"])
        .args(["--addr", &format!("127.0.0.1:{port}")])
        .env("RUST_LOG", "debug")
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap_or_else(|e| panic!("{e}")))
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let _preview = Running(child);
    let read_log = || std::fs::read_to_string(&log).unwrap_or_default();
    assert!(
        eventually(|| read_log().contains("?token=")),
        "{}",
        read_log()
    );
    let printed = read_log();
    let token = printed
        .split("?token=")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no token in {printed}"))
        .to_owned();
    assert!(http_get(port, &format!("/?token={token}")).is_some());
    let access = |text: &str| -> Option<serde_json::Value> {
        text.lines()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .find(|event| event["target"] == "careers::access")
    };
    assert!(
        eventually(|| access(&read_log()).is_some()),
        "{}",
        read_log()
    );
    let logged = read_log();
    let Some(event) = access(&logged) else {
        panic!("no access line in {logged}")
    };
    let fields = &event["fields"];
    assert_eq!(fields["method"], "GET", "{event}");
    assert_eq!(fields["path"], "/", "{event}");
    assert!(fields["status"].is_u64(), "{event}");
    assert!(fields["bytes"].is_u64(), "{event}");
    assert_eq!(fields["encoding"], "identity", "{event}");
    assert!(fields["duration_us"].is_u64(), "{event}");
    assert_eq!(
        logged.matches(token.as_str()).count(),
        1,
        "the token is printed once, in the link, and logged nowhere else:\n{logged}"
    );
}

/// Without `--access-log` no request is logged.
#[test]
fn the_access_log_is_off_by_default() {
    use crate::support::{eventually, free_port, http_get};
    let dir = folder_with_roles();
    let log = dir.path().join("stderr.log");
    let port = free_port();
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_careers"))
        .current_dir(dir.path())
        .args(["--addr", &format!("127.0.0.1:{port}")])
        .env_remove("RUST_LOG")
        .env_remove("CAREERS_ACCESS_LOG")
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap_or_else(|e| panic!("{e}")))
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let _serve = Running(child);
    assert!(eventually(
        || http_get(port, "/readyz").is_some_and(|r| r.starts_with("HTTP/1.1 200"))
    ));
    assert!(http_get(port, "/roles/lead-gardener").is_some());
    let logged = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(!logged.contains("lead-gardener"), "{logged}");
    assert!(!logged.contains("careers::access"), "{logged}");
}

/// The metrics listener's `/metrics`, in Prometheus' text format, counts
/// what the site's router answered.
#[tokio::test]
async fn metrics_count_requests_by_kind_and_status() {
    use careers::server::probes;
    let state =
        AppState::new(site(&fixture("site/roles"))).with_ops(Ops::ready().with_metrics(true));
    let app = router(state.clone());
    let etag = header_of(&app.get("/roles/lead-gardener").await, header::ETAG).to_owned();
    let revalidated = app
        .send("GET", "/roles/lead-gardener", &[("if-none-match", &etag)])
        .await;
    assert_status(&revalidated, StatusCode::NOT_MODIFIED, "revalidated");
    assert_status(&app.get("/nope").await, StatusCode::NOT_FOUND, "missing");
    let scrape = probes::router(state).get("/metrics").await;
    assert_status(&scrape, StatusCode::OK, "metrics");
    assert!(
        header_of(&scrape, header::CONTENT_TYPE).starts_with("text/plain; version=0.0.4"),
        "Prometheus text format"
    );
    let body = text(scrape).await;
    for line in [
        "careers_http_requests_total{kind=\"role\",status=\"200\"} 1",
        "careers_http_requests_total{kind=\"role\",status=\"304\"} 1",
        "careers_http_requests_total{kind=\"other\",status=\"404\"} 1",
        "careers_http_not_modified_total 1",
        "careers_http_request_duration_seconds_count{kind=\"role\"} 2",
        "careers_roles{status=\"closed\"} ",
        "careers_diagnostics{code=\"salary-unreadable\"} 0",
        "careers_rebuilds_total 0",
        "careers_share_images_drawn_total 0",
    ] {
        assert!(body.contains(line), "{line} in\n{body}");
    }
    let bytes_line = body
        .lines()
        .find(|l| l.starts_with("careers_http_response_body_bytes_total{kind=\"role\"}"))
        .unwrap_or_default();
    assert!(!bytes_line.ends_with(" 0"), "{bytes_line}");
}

/// Each flag with its variable and the commands that take it, as a map.
type EnvTable = std::collections::BTreeMap<(String, String), Vec<String>>;

/// What `careers COMMAND --help` says: every flag (but `--help` and
/// `--version`) and the `[env: ...]` it names, or an empty name.
fn flags_in_help() -> EnvTable {
    let mut table = EnvTable::new();
    for command in ["serve", "preview", "check", "build", "diff"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_careers"))
            .args([command, "--help"])
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let help = String::from_utf8_lossy(&out.stdout).into_owned();
        let mut flag: Option<String> = None;
        for line in help.lines() {
            let trimmed = line.trim_start();
            let option = trimmed
                .starts_with('-')
                .then(|| trimmed.split_whitespace().find(|w| w.starts_with("--")))
                .flatten()
                .map(|word| {
                    word.trim_start_matches("--")
                        .trim_end_matches(',')
                        .to_owned()
                });
            if let Some(name) = option {
                if let Some(unnamed) = flag.take() {
                    table
                        .entry((unnamed, String::new()))
                        .or_default()
                        .push(command.into());
                }
                if name != "help" && name != "version" {
                    flag = Some(format!("--{name}"));
                }
            } else if let Some(env) = trimmed.strip_prefix("[env: ")
                && let Some(name) = flag.take()
            {
                let env = env.split('=').next().unwrap_or_default().to_owned();
                table.entry((name, env)).or_default().push(command.into());
            }
        }
        if let Some(unnamed) = flag {
            table
                .entry((unnamed, String::new()))
                .or_default()
                .push(command.into());
        }
    }
    table
}

/// The README's table under "Configuration from the environment".
fn table_in_readme() -> EnvTable {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .unwrap_or_else(|e| panic!("{e}"));
    let section = readme
        .split("### Configuration from the environment")
        .nth(1)
        .unwrap_or_else(|| panic!("the README has no configuration section"));
    let mut table = EnvTable::new();
    for row in section.lines().filter(|l| l.starts_with("| `--")) {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let [_, flag, env, commands, ..] = cells[..] else {
            panic!("row {row}")
        };
        table.insert(
            (flag.trim_matches('`').into(), env.trim_matches('`').into()),
            commands.split(',').map(|c| c.trim().to_owned()).collect(),
        );
    }
    table
}

/// Every flag of every command has a `CAREERS_*` variable, and the README's
/// table says exactly which, for which commands.
#[test]
fn every_flag_has_an_environment_variable_and_the_readme_lists_them() {
    let help = flags_in_help();
    assert!(help.len() > 10, "flags read from --help: {help:?}");
    for ((flag, env), commands) in &help {
        assert!(
            env.starts_with("CAREERS_"),
            "{flag} ({commands:?}) has no CAREERS_* variable"
        );
    }
    assert_eq!(table_in_readme(), help, "README table vs --help");
}

/// A variable sets its flag, as the table says.
#[test]
fn environment_variables_set_flags() {
    let dir = folder_with_roles();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_careers"))
        .current_dir(dir.path())
        .arg("check")
        .env("CAREERS_FORMAT", "json")
        .env_remove("CAREERS_ROLES")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    assert!(report.is_object(), "{report}");
}

/// The export writes what static hosts need to send careers' headers:
/// `_headers`, an object-metadata list and an nginx server block, each
/// recorded in the manifest (so a later export may replace or remove it).
#[tokio::test]
async fn the_export_writes_headers_for_static_hosts() {
    use careers::site::export;
    let site = site(&fixture("site/roles"));
    let out = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    export::write(&site, out.path(), &export::ExportOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let read = |file: &str| {
        std::fs::read_to_string(out.path().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
    };
    let served = router(AppState::new(site)).get("/").await;
    let csp = header_of(&served, header::CONTENT_SECURITY_POLICY).to_owned();

    let headers = read("_headers");
    assert!(
        headers.contains(&format!("/*\n  Content-Security-Policy: {csp}\n")),
        "{headers}"
    );
    assert!(
        headers.contains("  Cache-Control: public, max-age=31536000, immutable"),
        "{headers}"
    );
    assert!(
        headers.contains("/roles.json\n  Access-Control-Allow-Origin: *"),
        "{headers}"
    );

    let metadata: serde_json::Value = serde_json::from_str(&read("_careers/object-metadata.json"))
        .unwrap_or_else(|e| panic!("{e}"));
    let objects = metadata["objects"].as_array().cloned().unwrap_or_default();
    let object = |key: &str| {
        objects
            .iter()
            .find(|o| o["key"] == key)
            .cloned()
            .unwrap_or_else(|| panic!("{key} missing from the object metadata"))
    };
    let role_gz = object("roles/lead-gardener.html.gz");
    assert_eq!(role_gz["content_type"], "text/html; charset=utf-8");
    assert_eq!(role_gz["content_encoding"], "gzip");
    assert_eq!(role_gz["clean_key"], "roles/lead-gardener.gz");
    assert_eq!(
        role_gz["cache_control"],
        "public, max-age=0, must-revalidate"
    );
    assert_eq!(object("feed.xml")["content_type"], "application/atom+xml");

    let nginx = read("_careers/nginx.conf");
    for line in [
        "gzip_static on;",
        "# brotli_static on;",
        "try_files $uri $uri.html $uri/index.html =404;",
        "error_page 404 /404.html;",
        &format!("add_header Content-Security-Policy \"{csp}\" always;"),
    ] {
        assert!(nginx.contains(line), "{line} in\n{nginx}");
    }
    assert!(
        !nginx.contains(&out.path().display().to_string()),
        "no folder leaks into the block"
    );

    let manifest = read(".careers-manifest.json");
    for file in [
        "_headers",
        "_careers/object-metadata.json",
        "_careers/nginx.conf",
    ] {
        assert!(
            manifest.contains(&format!("\"{file}\"")),
            "{file} is recorded"
        );
    }
}

/// A roles folder of `n` open roles, written for the test.
fn many_roles(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for i in 1..=n {
        let text = format!("# Orchard Hand {i}\n\nLook after row {i} of the orchard.\n");
        std::fs::write(dir.path().join(format!("orchard-hand-{i}.md")), text)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    dir
}

/// Past 100 roles the listing's second page has a path a static host can
/// serve (`/page/2`); `/?page=2` answers 301 to it.
#[tokio::test]
async fn paged_listings_have_a_path() {
    use crate::support::site_from_dir;
    let roles = many_roles(150);
    let app = router(AppState::new(site_from_dir(roles.path())));
    let first = text(app.get("/").await).await;
    assert!(
        first.contains("<a href=\"/page/2\" rel=\"next\">"),
        "{first}"
    );
    let second = app.get("/page/2").await;
    assert_status(&second, StatusCode::OK, "/page/2");
    let second = text(second).await;
    assert!(second.contains("<a href=\"/\" rel=\"prev\">"), "{second}");
    assert!(second.contains("Page 2 of 2"), "{second}");
    assert!(
        second.contains("<meta name=\"robots\" content=\"noindex, follow\">"),
        "a paged listing stays out of search indexes"
    );
    for (asked, target) in [
        ("/?page=2", "/page/2"),
        ("/?page=7", "/page/2"),
        ("/?page=1", "/"),
    ] {
        let moved = app.get(asked).await;
        assert_status(&moved, StatusCode::MOVED_PERMANENTLY, asked);
        assert_eq!(header_of(&moved, header::LOCATION), target, "{asked}");
    }
    assert_status(
        &app.get("/page/3").await,
        StatusCode::NOT_FOUND,
        "past the last page",
    );
    // A filtered listing's pages keep their query: only the server answers them.
    let filtered = text(app.get("/?q=orchard").await).await;
    assert!(
        filtered.contains("href=\"/?q=orchard&#38;page=2\""),
        "{filtered}"
    );
}

/// The export writes the second page where a static host looks for it.
#[tokio::test]
async fn the_export_writes_paged_listings() {
    use careers::site::export;

    use crate::support::{bytes, site_from_dir};
    let roles = many_roles(150);
    let site = site_from_dir(roles.path());
    let out = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    export::write(&site, out.path(), &export::ExportOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let written = std::fs::read(out.path().join("page/2.html")).unwrap_or_else(|e| panic!("{e}"));
    let served = bytes(router(AppState::new(site)).get("/page/2").await).await;
    assert_eq!(
        written,
        served.to_vec(),
        "page/2.html holds what the server sends"
    );
    let index = std::fs::read_to_string(out.path().join("index.html")).unwrap_or_default();
    assert!(index.contains("href=\"/page/2\""));
}

/// Two replicas building the same roles in different folders, as a person
/// runs `careers build --out site` beside `roles/`, write the same files,
/// byte for byte: no build time, no folder and no order leaks into them.
#[test]
fn replicas_export_the_same_bytes() {
    let source = fixture("recruit/roles");
    let mut exports = Vec::new();
    for nesting in ["a", "somewhere/much/deeper/b"] {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let here = dir.path().join(nesting);
        std::fs::create_dir_all(here.join("roles")).unwrap_or_else(|e| panic!("{e}"));
        for (file, bytes) in files_under(&source) {
            std::fs::write(here.join("roles").join(file), bytes).unwrap_or_else(|e| panic!("{e}"));
        }
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_careers"))
            .current_dir(&here)
            .args(["build", "--out", "site"])
            .env_remove("CAREERS_BASE_URL")
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        exports.push((files_under(&here.join("site")), dir));
    }
    let (first, second) = (&exports[0].0, &exports[1].0);
    let names = |files: &[(std::path::PathBuf, Vec<u8>)]| {
        files.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>()
    };
    assert_eq!(names(first), names(second), "the same files");
    assert!(first.len() > 20, "{} files", first.len());
    for ((path, a), (_, b)) in first.iter().zip(second) {
        assert!(a == b, "{} differs between the replicas", path.display());
    }
}

// See: issue #30 (metrics: connections open, evicted and refused).
#[tokio::test]
async fn metrics_count_connections_open_and_evicted_at_the_cap() {
    use std::time::Duration;

    use careers::server::{Limits, probes, serve};
    use tokio::net::{TcpListener, TcpStream};

    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("bind: {e}"));
    let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
    let state =
        AppState::new(site(&fixture("site/roles"))).with_ops(Ops::ready().with_metrics(true));
    let limits = Limits {
        max_connections: 2,
        ..Limits::default()
    };
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(serve(listener, state.clone(), limits, async {
        let _ = stopped.await;
    }));
    let scrape = || async { text(probes::router(state.clone()).get("/metrics").await).await };
    let mut idle = Vec::new();
    for _ in 0..3 {
        idle.push(
            TcpStream::connect(addr)
                .await
                .unwrap_or_else(|e| panic!("connect: {e}")),
        );
    }
    // The third connection evicts the oldest idle one; two stay open.
    let mut body = String::new();
    for _ in 0..50 {
        body = scrape().await;
        if body.contains("careers_connections_evicted_total 1") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    for line in [
        "careers_connections_open 2",
        "careers_connections_evicted_total 1",
        "careers_connections_refused_total 0",
        "careers_connections_send_timeouts_total 0",
    ] {
        assert!(body.contains(line), "{line} in\n{body}");
    }
    drop(idle);
    let _ = stop.send(());
    let _ = server.await;
}
