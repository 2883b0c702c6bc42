//! A role whose closing date has passed leaves the listing on time, judged by
//! the instant the pipeline is given (no sleeps, no real clock).
// See: issue #15 (a test for the closing-date rule with an injected date).

use axum::http::StatusCode;
use jiff::Timestamp;

use careers::server::{AppState, router};
use careers::site::{PipelineOptions, Sink, build_from_dir};

use crate::support::{RouterExt, assert_status, fixture, json, text};

fn app_at(now: &str) -> axum::Router {
    let now: Timestamp = now.parse().unwrap_or_else(|e| panic!("{now}: {e}"));
    let build = build_from_dir(
        &fixture("closing/roles"),
        now,
        Sink::Memory,
        &PipelineOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let site = build
        .site
        .unwrap_or_else(|| panic!("a memory sink renders a site"));
    router(AppState::new(site))
}

#[tokio::test]
async fn an_open_role_is_listed_through_its_closing_day() {
    let app = app_at("2026-11-30T23:00:00Z");
    let html = text(app.get("/").await).await;
    assert!(
        html.contains("Seasonal Picker"),
        "still open on its closing day"
    );
    assert!(html.contains("2 open roles"));
}

#[tokio::test]
async fn a_role_whose_closing_date_passed_leaves_the_listing_but_keeps_its_page() {
    let app = app_at("2026-12-01T00:30:00Z");
    let html = text(app.get("/").await).await;
    assert!(
        !html.contains("Seasonal Picker"),
        "closed roles leave the listing"
    );
    assert!(html.contains("1 open role"));
    let all = json(app.get("/roles.json").await).await;
    let slugs: Vec<&str> = all["roles"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["slug"].as_str())
        .collect();
    assert_eq!(slugs, ["orchard-keeper"]);
    let page = app.get("/roles/seasonal-picker").await;
    assert_status(&page, StatusCode::OK, "closed role keeps its page");
    assert!(text(page).await.contains("This role is closed"));
    let role = json(app.get("/roles/seasonal-picker.json").await).await;
    assert_eq!(role["status"], "closed");
}

// See: issue #18 (expiry on time, judged in the site's time zone).
#[test]
fn the_build_says_when_it_must_be_rebuilt_and_that_instant_closes_the_role() {
    let dir = fixture("closing/roles");
    let at = |now: &str| {
        let now: Timestamp = now.parse().unwrap_or_else(|e| panic!("{now}: {e}"));
        build_from_dir(&dir, now, Sink::Memory, &Default::default())
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let before = at("2026-11-30T12:00:00Z");
    let due = before
        .next_change
        .unwrap_or_else(|| panic!("a role closes"));
    assert_eq!(
        due.to_string(),
        "2026-12-01T00:00:00Z",
        "end of the closing day in London"
    );
    let listed = |b: &careers::site::Build| b.site.as_ref().map(careers::site::Site::listed_count);
    assert_eq!(listed(&before), Some(2));
    let just_before = due
        .checked_sub(jiff::SignedDuration::from_secs(1))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(listed(&at(&just_before.to_string())), Some(2));
    let after = at(&due.to_string());
    assert_eq!(listed(&after), Some(1));
    assert_eq!(after.next_change, None, "nothing else closes");
}
