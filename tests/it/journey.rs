//! The journey around a role, through the real router over
//! `fixtures/journey` (its own `site.yaml` and `_hiring.md`): the "How we
//! hire" page linked from every role page, a closed role's outcome, the
//! accessibility statement and the footer's privacy note; and the export
//! holding the same pages.
// See: issue 31, item 6.

use std::fs;

use axum::Router;
use axum::http::{StatusCode, header};

use careers::server::{AppState, router};
use careers::site::export;

use crate::support::{
    RouterExt, assert_status, bytes, careers_in, checkout, fixture, header_of, json, site,
    site_from_dir,
};

fn app() -> Router {
    router(AppState::new(site_from_dir(&fixture("journey/roles"))))
}

/// A folder whose files give no hiring page and no accessibility settings.
fn plain_app() -> Router {
    router(AppState::new(site(&fixture("candidates/roles"))))
}

#[tokio::test]
async fn the_hiring_page_is_the_folders_hiring_file_linked_from_every_role() {
    let app = app();
    let html = app.page("/how-we-hire").await;
    assert!(html.contains("<h1>How we hire at Millrace</h1>"), "{html}");
    assert!(html.contains(
        "<title>How we hire at Millrace – Careers at Millrace Bakery Co-operative</title>"
    ));
    assert!(html.contains("We read every application ourselves"));
    assert!(html.contains("Two bakers read your application"));
    assert!(
        html.contains(r#"<a href="/roles/night-baker">night baker</a>"#),
        "a link to a role file is a link to its page: {html}"
    );
    for role in [
        "/roles/night-baker",
        "/roles/pastry-lead",
        "/roles/delivery-rider",
    ] {
        let page = app.page(role).await;
        assert!(
            page.contains(
                r#"<a href="/how-we-hire">How we hire: what happens after you apply</a>"#
            ),
            "{role}: {page}"
        );
    }
    let slash = app.get("/how-we-hire/").await;
    assert_status(&slash, StatusCode::MOVED_PERMANENTLY, "/how-we-hire/");
    assert_eq!(header_of(&slash, header::LOCATION), "/how-we-hire");
    // `_hiring.md` is not a role.
    assert_eq!(
        app.get("/roles/hiring").await.status(),
        StatusCode::NOT_FOUND
    );
    let roles = json(app.get("/roles.json").await).await;
    assert_eq!(roles["roles"].as_array().map(Vec::len), Some(1));
}

#[tokio::test]
async fn without_a_hiring_file_there_is_no_page_and_no_link() {
    let app = plain_app();
    assert_eq!(
        app.get("/how-we-hire").await.status(),
        StatusCode::NOT_FOUND
    );
    let page = app.page("/roles/backend-engineer").await;
    assert!(!page.contains("/how-we-hire"), "{page}");
}

#[tokio::test]
async fn a_closed_role_says_what_happened_on_its_page_and_in_its_json() {
    let app = app();
    let reviewing = app.page("/roles/pastry-lead").await;
    assert!(
        reviewing.contains("Applications have closed and we are reviewing them."),
        "{reviewing}"
    );
    let filled = app.page("/roles/delivery-rider").await;
    assert!(
        filled.contains("This role has been filled."),
        "closed by its date: {filled}"
    );
    let json_of = |slug: &'static str| {
        let app = app.clone();
        async move { json(app.get(&format!("/roles/{slug}.json")).await).await }
    };
    assert_eq!(
        json_of("pastry-lead").await["outcome"],
        "reviewing_applications"
    );
    assert_eq!(json_of("delivery-rider").await["outcome"], "filled");
    assert!(json_of("night-baker").await["outcome"].is_null());
    let open = app.page("/roles/night-baker").await;
    assert!(!open.contains("class=\"outcome\""));
}

#[tokio::test]
async fn the_accessibility_statement_says_what_the_site_yaml_states() {
    let html = app().page("/accessibility").await;
    assert!(html.contains("<h1>Accessibility statement</h1>"), "{html}");
    assert!(html.contains("This website is partially compliant with WCAG 2.2 AA."));
    assert!(
        html.contains("The oven rota PDF linked from the night baker role is a scanned image.")
    );
    assert!(
        html.contains(r#"<a href="mailto:access@millrace.example">access@millrace.example</a>"#)
    );
    assert!(html.contains("This statement was last reviewed on 30 November 2026."));
    assert!(html.contains("Everything works without JavaScript"));
}

#[tokio::test]
async fn with_nothing_set_the_statement_says_only_what_is_true_of_the_site() {
    let html = plain_app().page("/accessibility").await;
    assert!(html.contains("semantic HTML"), "{html}");
    assert!(html.contains("checked with the axe accessibility engine"));
    for claim in [
        "compliant",
        "last reviewed",
        "Reporting a problem",
        "mailto:",
    ] {
        assert!(!html.contains(claim), "{claim} is not stated: {html}");
    }
}

#[tokio::test]
async fn every_page_links_the_statement_and_says_it_sets_no_cookies() {
    let app = app();
    for path in [
        "/",
        "/roles/night-baker",
        "/how-we-hire",
        "/accessibility",
        "/no-such-page",
    ] {
        let response = app.get(path).await;
        assert!(
            response.headers().get(header::SET_COOKIE).is_none(),
            "{path}"
        );
        let html = String::from_utf8(bytes(response).await).unwrap_or_default();
        assert!(
            html.contains(r#"<a href="/accessibility">Accessibility statement</a>"#),
            "{path}"
        );
        assert!(html.contains("this site sets no cookies"), "{path}");
    }
}

#[tokio::test]
async fn printing_a_role_that_takes_applications_by_email_prints_the_address() {
    let html = app().page("/roles/night-baker").await;
    assert!(
        html.contains(
            r#"<p class="print-only apply-address">Apply by email: bakehouse@millrace.example</p>"#
        ),
        "{html}"
    );
}

#[test]
fn the_export_holds_the_hiring_page_and_the_statement() {
    let out = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let site = site_from_dir(&fixture("journey/roles"));
    export::write(&site, out.path(), &export::ExportOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    for file in ["how-we-hire.html", "accessibility.html"] {
        let html =
            fs::read_to_string(out.path().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(html.contains("</html>"), "{file}");
    }
}

/// The real binary, as the README says to run it: `careers build --out site`
/// from a folder holding `roles/` with a `_hiring.md`.
#[test]
fn careers_build_writes_the_hiring_page_and_the_statement_from_a_checkout() {
    let dir = checkout("journey/roles");
    let run = careers_in(dir.path(), &["build", "--out", "site"]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let hiring = fs::read_to_string(dir.path().join("site/how-we-hire.html"))
        .unwrap_or_else(|e| panic!("how-we-hire.html: {e}"));
    assert!(hiring.contains("<h1>How we hire at Millrace</h1>"));
    let role = fs::read_to_string(dir.path().join("site/roles/night-baker.html"))
        .unwrap_or_else(|e| panic!("night-baker.html: {e}"));
    assert!(role.contains(r#"href="/how-we-hire""#));
    assert!(dir.path().join("site/accessibility.html").is_file());
    assert!(
        !dir.path().join("site/roles/hiring.html").exists(),
        "_hiring.md is no role"
    );
}
