//! `careers preview`: drafts, the error overlay's data, the last good page,
//! the dashboard, the share token, and an edit reaching the running binary.
// See: issue #17 (hiring managers: preview an edit live, share it unpublished).

use std::fs;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use axum::Router;
use axum::http::{StatusCode, header};
use tokio::sync::{broadcast, watch};

use careers::cmd::preview::{open, rebuild};
use careers::server::preview::PreviewState;
use careers::server::{AppState, preview_router};
use careers::site::Pipeline;

use crate::support::{
    RouterExt, Running, app, assert_status, eventually, fixture, folder_with_roles, free_port,
    header_of, http_get, json, text,
};

/// The preview's router over `roles`, its state, and the pipeline that
/// rebuilds it (see [`save`]).
fn preview_app(roles: &Path, token: Option<&str>) -> (Router, AppState, Pipeline) {
    let mut pipeline = open(roles).unwrap_or_else(|e| panic!("{e:#}"));
    let site = rebuild(&mut pipeline, None).unwrap_or_else(|e| panic!("{e:#}"));
    let state = AppState::shared(site);
    let (changes, _) = broadcast::channel(4);
    let (_stop, stopping) = watch::channel(false);
    let preview = PreviewState {
        changes,
        site: Arc::clone(&state.site),
        stopping,
        token: token.map(str::to_owned),
    };
    (preview_router(state.clone(), preview), state, pipeline)
}

/// What the watcher does after a save: rebuild through the pipeline (every
/// file read again) and swap the site.
fn save(pipeline: &mut Pipeline, state: &AppState) {
    let site = rebuild(pipeline, None).unwrap_or_else(|e| panic!("{e:#}"));
    state.site.store(site);
}

#[tokio::test]
async fn drafts_appear_in_preview_only_with_a_banner() {
    let (preview, _, _) = preview_app(&fixture("site/roles"), None);
    let page = preview.get("/roles/apprentice-gardener").await;
    assert_status(&page, StatusCode::OK, "a draft in preview");
    assert_eq!(
        header_of(&page, header::HeaderName::from_static("x-robots-tag")),
        "noindex, nofollow"
    );
    let html = text(page).await;
    assert!(html.contains("DRAFT: not published"), "draft banner");
    assert!(html.contains("/static/preview."), "the live-reload script");
    let listing = text(preview.get("/").await).await;
    assert!(listing.contains("Apprentice Gardener") && listing.contains("tag-draft"));

    let live = app();
    assert_status(
        &live.get("/roles/apprentice-gardener").await,
        StatusCode::NOT_FOUND,
        "serve",
    );
    let html = text(live.get("/").await).await;
    assert!(!html.contains("Apprentice Gardener"));
    assert!(
        !html.contains("/static/preview."),
        "no preview script for candidates"
    );
    assert!(!html.contains("preview-bar"));
}

#[tokio::test]
async fn a_broken_save_keeps_the_last_good_page_and_names_the_problem() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = dir.path().join("tree-surgeon.md");
    let good = "# Tree Surgeon\n\nClimb, cut and care for old oaks.\n";
    fs::write(&file, good).unwrap_or_else(|e| panic!("{e}"));
    let (app, state, mut pipeline) = preview_app(dir.path(), None);
    let before = text(app.get("/roles/tree-surgeon").await).await;

    fs::write(&file, "---\nclosed: [never\n---\n# Tree Surgeon\n")
        .unwrap_or_else(|e| panic!("{e}"));
    save(&mut pipeline, &state);
    let page = app.get("/roles/tree-surgeon").await;
    assert_status(
        &page,
        StatusCode::OK,
        "the last good version is still served",
    );
    assert_eq!(text(page).await, before);
    let status = json(app.get("/_preview/status.json").await).await;
    assert_eq!(status["stale"][0], "tree-surgeon.md");
    let error = &status["errors"][0];
    assert_eq!(error["file"], "tree-surgeon.md");
    assert_eq!(error["line"], 2, "{status}");
    let dashboard = text(app.get("/_preview").await).await;
    assert!(
        dashboard.contains("tree-surgeon.md:2:"),
        "problem on the dashboard"
    );
    assert!(dashboard.contains("showing the last good version"));

    fs::write(&file, good.replace("old oaks", "old beeches")).unwrap_or_else(|e| panic!("{e}"));
    save(&mut pipeline, &state);
    let status = json(app.get("/_preview/status.json").await).await;
    assert_eq!(
        status["errors"].as_array().map(Vec::len),
        Some(0),
        "fixing clears it"
    );
    assert!(
        text(app.get("/roles/tree-surgeon").await)
            .await
            .contains("old beeches")
    );
}

#[tokio::test]
async fn the_dashboard_shows_how_each_role_was_read() {
    let (app, _, _) = preview_app(&fixture("site/roles"), None);
    let html = text(app.get("/_preview").await).await;
    assert!(html.contains("Preview dashboard"));
    assert!(html.contains("lead-gardener.md"));
    assert!(html.contains("RequiredExperience"), "heading to kind");
    assert!(html.contains("class=\"serp\""), "as a search result");
    assert!(html.contains("class=\"link-card\""), "as a link preview");
    // Made on request in a preview, like the dashboard: still answered.
    let catalogue = json(app.get("/roles.json").await).await;
    let listed = catalogue["roles"].as_array().map_or(0, Vec::len);
    assert!(listed > 0, "{catalogue}");
    let status = json(app.get("/_preview/status.json").await).await;
    assert!(status["generation"].is_u64(), "{status}");
    assert_status(
        &router_only().get("/_preview").await,
        StatusCode::NOT_FOUND,
        "not on serve",
    );
}

fn router_only() -> Router {
    app()
}

#[tokio::test]
async fn a_shared_preview_needs_its_token() {
    let token = "0123456789abcdef0123456789abcdef";
    let (app, _, _) = preview_app(&fixture("site/roles"), Some(token));
    for path in [
        "/",
        "/roles/lead-gardener",
        "/_preview",
        "/_preview/events",
        "/roles.json",
    ] {
        let refused = app.get(path).await;
        assert_status(&refused, StatusCode::UNAUTHORIZED, path);
        assert!(!text(refused).await.contains("Gardener"), "nothing else");
    }
    let wrong = app.get("/?token=ffffffffffffffffffffffffffffffff").await;
    assert_status(&wrong, StatusCode::UNAUTHORIZED, "wrong token");
    assert_eq!(
        header_of(&wrong, header::HeaderName::from_static("x-robots-tag")),
        "noindex, nofollow",
        "the 401 is not for search engines either"
    );
    let crafted = app.get(&format!("//evil.example/?token={token}")).await;
    assert_status(&crafted, StatusCode::SEE_OTHER, "a crafted address");
    let location = header_of(&crafted, header::LOCATION);
    assert!(
        location.starts_with('/') && !location.starts_with("//"),
        "stays on this site: {location}"
    );

    let first = app
        .get(&format!("/roles/lead-gardener?token={token}"))
        .await;
    assert_status(&first, StatusCode::SEE_OTHER, "the link sets a cookie");
    assert_eq!(header_of(&first, header::LOCATION), "/roles/lead-gardener");
    let cookie = header_of(&first, header::SET_COOKIE).to_owned();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
    let pair = cookie.split(';').next().unwrap_or_default().to_owned();
    let page = app
        .send("GET", "/roles/lead-gardener", &[("cookie", &pair)])
        .await;
    assert_status(&page, StatusCode::OK, "with the cookie");
    assert_eq!(
        header_of(&page, header::HeaderName::from_static("x-robots-tag")),
        "noindex, nofollow"
    );
}

/// 200 saves while pages are being read: every response is one whole version.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rapid_saves_never_give_a_half_rendered_page() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = dir.path().join("hedge-layer.md");
    let version = |n: usize| {
        format!(
            "# Hedge Layer\n\nVersion {n} of the hedge.\n\n## Salary\n\n£{},000\n",
            20 + n
        )
    };
    fs::write(&file, version(0)).unwrap_or_else(|e| panic!("{e}"));
    let (app, state, mut pipeline) = preview_app(dir.path(), None);
    let readers: Vec<_> = (0..2)
        .map(|_| {
            let app = app.clone();
            tokio::spawn(async move {
                let mut last = 0;
                for _ in 0..150 {
                    let response = app.get("/roles/hedge-layer").await;
                    assert_status(&response, StatusCode::OK, "every load succeeds");
                    let html = text(response).await;
                    assert!(html.trim_end().ends_with("</html>"), "a whole page");
                    let n: usize = html
                        .split("Version ")
                        .nth(1)
                        .and_then(|rest| rest.split(' ').next())
                        .and_then(|n| n.parse().ok())
                        .unwrap_or_else(|| panic!("no version in the page"));
                    assert!(
                        html.contains(&format!("£{},000", 20 + n)),
                        "salary of the same version {n}"
                    );
                    // The site only moves forward: no load shows an older version.
                    assert!(n >= last, "version {n} after version {last}");
                    last = n;
                }
            })
        })
        .collect();
    for n in 1..=200 {
        fs::write(&file, version(n)).unwrap_or_else(|e| panic!("{e}"));
        save(&mut pipeline, &state);
        tokio::task::yield_now().await;
    }
    for reader in readers {
        reader.await.unwrap_or_else(|e| panic!("{e}"));
    }
    assert!(
        text(app.get("/roles/hedge-layer").await)
            .await
            .contains("Version 200 ")
    );
}

/// Run as the README says: from a folder holding `roles/`, `careers preview`
/// with no `--roles` (the default, a relative path) and only a free port. The
/// watcher reports absolute paths; the edit must still be read.
// See: issue "Edits never show when the folder is given as a relative path".
#[test]
fn an_edit_reaches_the_running_preview_under_the_default_flags() {
    let dir = folder_with_roles(&[("pond-keeper.md", "# Pond Keeper\n\nKeep the pond clear.\n")]);
    let file = dir.path().join("roles/pond-keeper.md");
    let port = free_port();
    let _preview = Running::start(
        dir.path(),
        &["preview", "--addr", &format!("127.0.0.1:{port}")],
        &[],
    );
    assert!(eventually(
        || http_get(port, "/roles/pond-keeper").is_some_and(|r| r.contains("Keep the pond clear"))
    ));
    for n in 1..=3 {
        let words = format!("Keep the pond clear of weed, pass {n}.");
        fs::write(&file, format!("# Pond Keeper\n\n{words}\n")).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            eventually(|| http_get(port, "/roles/pond-keeper").is_some_and(|r| r.contains(&words))),
            "save {n} is served without a restart"
        );
    }
}

/// `--share` on every address prints a link a colleague can open, never
/// `http://0.0.0.0:...`.
#[test]
fn a_shared_preview_on_every_address_prints_a_link_that_opens() {
    let dir = folder_with_roles(&[("ferry-hand.md", "# Ferry Hand\n\nTie the ropes.\n")]);
    let port = free_port();
    let mut preview = Running::start(
        dir.path(),
        &["preview", "--share", "--addr", &format!("0.0.0.0:{port}")],
        &[],
    );
    assert!(preview.logged("?token="), "{}", preview.log());
    let log = preview.log();
    assert!(!log.contains("http://0.0.0.0"), "{log}");
    let link = log
        .split_whitespace()
        .find(|w| w.contains("?token="))
        .unwrap_or_default()
        .to_owned();
    assert!(link.contains(&format!(":{port}/?token=")), "{link}");
}

/// At `RUST_LOG=debug` every request is traced: the token is not in it.
#[test]
fn the_share_token_is_never_logged() {
    let dir = folder_with_roles(&[("ferry-hand.md", "# Ferry Hand\n\nTie the ropes.\n")]);
    let port = free_port();
    let mut preview = Running::start(
        dir.path(),
        &["preview", "--share", "--addr", &format!("127.0.0.1:{port}")],
        &[("RUST_LOG", "debug")],
    );
    assert!(preview.logged("?token="));
    let log = preview.log();
    let token = log
        .split("?token=")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_default()
        .to_owned();
    assert_eq!(token.len(), 32, "{log}");
    for path in [
        format!("/?token={token}"),
        format!("/roles/ferry-hand?q=x&token={token}"),
    ] {
        assert!(eventually(
            || http_get(port, &path).is_some_and(|r| r.starts_with("HTTP/1.1 303"))
        ));
    }
    assert!(preview.logged("request"), "requests are traced at debug");
    let log = preview.log();
    assert_eq!(
        log.matches(&token).count(),
        1,
        "only the printed link: {log}"
    );
}

#[test]
fn preview_refuses_a_public_address_without_share() {
    let out = Command::new(env!("CARGO_BIN_EXE_careers"))
        .args([
            "preview",
            "--roles",
            &fixture("site/roles").display().to_string(),
            "--addr",
            "0.0.0.0:0",
        ])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("loopback only"));
}

/// The file an absolute path names, as the pipeline sees it.
fn pipeline_file(dir: &Path, name: &str) -> Option<careers::role::RoleFile> {
    let folder = dir.canonicalize().ok()?;
    open(dir).ok()?.role_file(&folder.join(name))
}

/// Every page of `site`, those made on request made now, by path.
fn every_page(site: &careers::site::Site) -> Vec<(String, Vec<u8>)> {
    let made = site.lazy_pages().map(|(path, lazy)| {
        let page = lazy.page(site).unwrap_or_else(|e| panic!("{path}: {e}"));
        (
            format!("{path} (made on request)"),
            page.identity.body.to_vec(),
        )
    });
    let mut all: Vec<(String, Vec<u8>)> = site
        .pages()
        .map(|(path, page)| (path.to_owned(), page.identity.body.to_vec()))
        .chain(made)
        .collect();
    all.sort();
    all
}

fn same_pages(a: &careers::site::Site, b: &careers::site::Site, what: &str) {
    let (left, right) = (every_page(a), every_page(b));
    let paths = |v: &[(String, Vec<u8>)]| v.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&left), paths(&right), "{what}: the same pages");
    for ((path, x), (_, y)) in left.iter().zip(&right) {
        if path.starts_with("/_preview/status.json") {
            // Names the generation of its own site; the rest must match.
            let without = |bytes: &[u8]| {
                let mut v: serde_json::Value =
                    serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{e}"));
                v["generation"] = serde_json::Value::Null;
                v
            };
            assert_eq!(without(x), without(y), "{what}: the overlay's status");
            continue;
        }
        assert!(x == y, "{what}: {path} differs from a full build");
    }
}

/// Work scales with what changed, and the result is the full build's bytes.
// See: issue #17 (re-read only the files that changed, re-render only the pages they affect).
#[test]
fn an_incremental_rebuild_gives_the_same_bytes_as_a_full_one() {
    use std::collections::HashSet;

    use careers::role::RoleFile;

    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let write = |name: &str, text: &str| {
        fs::write(dir.path().join(name), text).unwrap_or_else(|e| panic!("{e}"))
    };
    write(
        "junior-baker.md",
        "# Junior Baker\n\nLearn the ovens.\n\n## Salary\n\n£22,000\n",
    );
    write(
        "mid-baker.md",
        "# Mid Baker\n\nBake daily. See the [senior role](senior-baker.md).\n\n## Salary\n\n£26,000\n",
    );
    write("senior-baker.md", "# Senior Baker\n\nRun the bakehouse.\n");
    write(
        "mid-florist.md",
        "---\nteam: Flowers\n---\n# Mid Florist\n\nArrange flowers.\n",
    );
    write(
        "senior-florist.md",
        "---\nteam: Flowers\n---\n# Senior Florist\n\nLead the shop floor.\n",
    );
    write(
        "lead-gardener.md",
        "# Lead Gardener\n\nLinks to [the mid baker](mid-baker.md).\n",
    );
    let mut pipeline = open(dir.path()).unwrap_or_else(|e| panic!("{e:#}"));
    let first = rebuild(&mut pipeline, None).unwrap_or_else(|e| panic!("{e:#}"));
    // The watcher reports absolute paths; the pipeline maps them to files.
    let changed = |names: &[&str]| -> HashSet<RoleFile> {
        names
            .iter()
            .filter_map(|n| pipeline_file(dir.path(), n))
            .collect()
    };
    let full = || {
        let mut fresh = open(dir.path()).unwrap_or_else(|e| panic!("{e:#}"));
        rebuild(&mut fresh, None).unwrap_or_else(|e| panic!("{e:#}"))
    };

    write(
        "mid-baker.md",
        "# Mid Baker\n\nBake bread daily.\n\n## Salary\n\n£27,500\n",
    );
    let edited = rebuild(&mut pipeline, Some(&changed(&["mid-baker.md"])))
        .unwrap_or_else(|e| panic!("{e:#}"));
    same_pages(&edited, &full(), "an edit");
    let shared = |a: &careers::site::Site, b: &careers::site::Site, path: &str| matches!((a.page(path), b.page(path)), (Some(x), Some(y)) if Arc::ptr_eq(x, y));
    assert!(
        shared(&first, &edited, "/roles/mid-florist"),
        "an unaffected page is shared, not rendered"
    );
    assert!(
        !shared(&first, &edited, "/roles/mid-baker"),
        "the edited page is rendered"
    );
    assert!(
        !shared(&first, &edited, "/roles/junior-baker"),
        "its career path is rendered"
    );

    write(
        "senior-florist.md",
        "---\nteam: Flowers\nslug: head-florist\n---\n# Head Florist\n\nLead the shop floor.\n",
    );
    let renamed = rebuild(&mut pipeline, Some(&changed(&["senior-florist.md"])))
        .unwrap_or_else(|e| panic!("{e:#}"));
    same_pages(&renamed, &full(), "a rename");

    fs::remove_file(dir.path().join("mid-baker.md")).unwrap_or_else(|e| panic!("{e}"));
    write("pastry-cook.md", "# Pastry Cook\n\nLaminate dough.\n");
    let moved = rebuild(
        &mut pipeline,
        Some(&changed(&["mid-baker.md", "pastry-cook.md"])),
    )
    .unwrap_or_else(|e| panic!("{e:#}"));
    same_pages(&moved, &full(), "a removal and an addition");
}

/// The overlay's data: every error, each file's warnings with the page they
/// concern, at the line and column of the mistake.
// See: issue "Warnings are invisible where the author looks".
#[tokio::test]
async fn the_overlay_has_each_pages_warnings_and_an_unclosed_quote_at_its_line() {
    let (app, _, _) = preview_app(&fixture("preview/overlay/roles"), None);
    let status = json(app.get("/_preview/status.json").await).await;
    let warnings = status["warnings"].as_array().cloned().unwrap_or_default();
    let unreadable_pay = warnings
        .iter()
        .find(|w| w["file"] == "harbour-pilot.md" && w["code"] == "front-matter-value")
        .unwrap_or_else(|| panic!("the `min: abc` warning: {status}"));
    assert_eq!(unreadable_pay["page"], "/roles/harbour-pilot");
    // At the band's `min:` line, not the `salary:` key above it.
    assert_eq!(
        (&unreadable_pay["line"], &unreadable_pay["col"]),
        (&4.into(), &1.into())
    );
    let quote = status["errors"]
        .as_array()
        .and_then(|e| e.iter().find(|e| e["file"] == "lock-keeper.md"))
        .unwrap_or_else(|| panic!("the unclosed quote: {status}"));
    assert_eq!(
        (&quote["line"], &quote["col"]),
        (&5.into(), &8.into()),
        "{quote}"
    );
    assert!(
        quote["message"]
            .as_str()
            .is_some_and(|m| m.contains("quote is never closed"))
    );
}

/// A broken `site.yaml` is on every page (through the overlay's status),
/// while the preview goes on with the settings that last read.
#[tokio::test]
async fn a_broken_site_yaml_is_shown_and_the_preview_goes_on() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    fs::write(dir.path().join("site.yaml"), "organisation: Canal Trust\n")
        .unwrap_or_else(|e| panic!("{e}"));
    fs::write(
        dir.path().join("lock-keeper.md"),
        "# Lock Keeper\n\nWork the gates.\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let (app, state, mut pipeline) = preview_app(dir.path(), None);
    fs::write(
        dir.path().join("site.yaml"),
        "organisation: Canal Trust\ntime_zone: [Europe\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    save(&mut pipeline, &state);
    let status = json(app.get("/_preview/status.json").await).await;
    assert!(
        status["settings"]["file"]
            .as_str()
            .is_some_and(|f| f.ends_with("site.yaml")),
        "{status}"
    );
    assert!(
        status["settings"]["line"].as_u64().is_some_and(|l| l >= 2),
        "{status}"
    );
    let page = app.page("/roles/lock-keeper").await;
    assert!(page.contains("Canal Trust"), "the last settings that read");
    fs::write(dir.path().join("site.yaml"), "organisation: Canal Trust\n")
        .unwrap_or_else(|e| panic!("{e}"));
    save(&mut pipeline, &state);
    let status = json(app.get("/_preview/status.json").await).await;
    assert!(status["settings"].is_null(), "fixing it clears it");
}

/// A preview renders the home page with each save; the listing's later
/// pages, the sitemap and the feeds are made when asked for, and answer as
/// a built site's do. A feed with filters is still the filtered feed.
// See: issue #26 (a save at 10,000 roles in under 100 ms).
#[tokio::test]
async fn the_pages_a_preview_makes_on_request_answer_in_full() {
    let texts: Vec<(String, String)> = (0..120)
        .map(|n| {
            let team = if n % 2 == 0 { "Bakery" } else { "Garden" };
            (
                format!("role-{n:03}.md"),
                format!("---\nteam: {team}\n---\n# Role {n:03}\n\nDo the work.\n"),
            )
        })
        .collect();
    let files: Vec<(&str, &str)> = texts
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let dir = folder_with_roles(&files);
    let (preview, state, _) = preview_app(&dir.path().join("roles"), None);
    let site = state.site.load_full();
    for path in ["/page/2", "/sitemap.xml", "/feed.xml", "/feed.json"] {
        assert!(
            site.page(path).is_none(),
            "{path} is not made with the site"
        );
        assert!(site.lazy_page(path).is_some(), "{path} is made on request");
    }
    let second = preview.page("/page/2").await;
    assert!(second.contains("Page 2"), "{second}");
    let sitemap = text(preview.get("/sitemap.xml").await).await;
    assert_eq!(sitemap.matches("/roles/role-").count(), 120, "{sitemap}");
    let feed = text(preview.get("/feed.xml").await).await;
    assert!(
        feed.contains("Role 000") && feed.contains("Role 001"),
        "{feed}"
    );
    let bakery = text(preview.get("/feed.xml?team=Bakery").await).await;
    assert!(bakery.contains("Role 000"), "{bakery}");
    assert!(!bakery.contains("Role 001"), "the filtered feed: {bakery}");
}
