//! What candidates ask of the listing, through the real router over
//! `fixtures/candidates`: a misspelt search suggests the word the site knows,
//! and a search naming a closed role says so.

use axum::Router;
use axum::http::{StatusCode, header};

use careers::server::{AppState, router};
use careers::site::{Settings, Site};

use crate::support::{RouterExt, assert_status, fixture, header_of, site, text, today};

fn app() -> Router {
    router(AppState::new(site(&fixture("candidates/roles"))))
}

#[tokio::test]
async fn a_misspelt_search_suggests_the_nearest_word_keeping_other_filters() {
    let html = app().page("/?q=engneer&team=Payments").await;
    assert!(
        html.contains(
            r#"Did you mean <a href="/?q=engineer&#38;team=Payments" rel="nofollow">engineer</a>?"#
        ),
        "{html}"
    );
}

#[tokio::test]
async fn no_suggestion_when_the_search_finds_roles_or_nothing_is_near() {
    let app = app();
    assert!(!app.page("/?q=engineer").await.contains("Did you mean"));
    assert!(!app.page("/?q=qqqqqqqqq").await.contains("Did you mean"));
}

#[tokio::test]
async fn a_search_naming_a_closed_role_says_so_and_links_it() {
    let html = app().page("/?q=platform+architect").await;
    assert!(
        html.contains(r#"<a href="/roles/platform-architect">Platform Architect</a> has closed"#),
        "{html}"
    );
    let open = app().page("/?q=backend+engineer").await;
    assert!(!open.contains("has closed"));
}

/// The candidates fixture with an email sign-up address set.
fn app_with_alerts() -> Router {
    let dir = fixture("candidates/roles");
    let catalogue = careers::role::load(&dir).unwrap_or_else(|e| panic!("load: {e}"));
    let settings = Settings {
        organisation: "Flour Mills".into(),
        base_url: "https://jobs.flour.example".into(),
        alerts_url: Some("https://lists.flour.example/join?list=roles".into()),
        ..Settings::default()
    };
    let site = Site::build(catalogue.roles, &settings, today()).unwrap_or_else(|e| panic!("{e}"));
    router(AppState::new(site))
}

#[tokio::test]
async fn every_listing_offers_its_feed_and_the_email_sign_up_carries_the_filter() {
    let app = app_with_alerts();
    let plain = app.page("/").await;
    assert!(plain.contains("Follow these roles"), "{plain}");
    assert!(plain.contains(r#"href="/feed.xml""#));
    assert!(plain.contains(r#"href="/feed.json""#));
    let filtered = app.page("/?team=Payments").await;
    assert!(
        filtered.contains(r#"href="/feed.xml?team=Payments""#),
        "{filtered}"
    );
    assert!(filtered.contains(r#"href="/feed.json?team=Payments""#));
    assert!(
        filtered.contains(
            "https://lists.flour.example/join?list=roles&#38;feed=https%3A%2F%2Fjobs.flour.example%2Ffeed.xml%3Fteam%3DPayments"
        ),
        "{filtered}"
    );
    assert!(filtered.contains("Get new roles by email"));
}

#[tokio::test]
async fn no_email_link_without_an_alerts_address() {
    let html = app().page("/").await;
    assert!(html.contains("Follow these roles"));
    assert!(!html.contains("Get new roles by email"));
}

#[tokio::test]
async fn the_json_feed_holds_the_atom_feeds_entries_with_known_dates_only() {
    let app = app_with_alerts();
    let response = app.get("/feed.json?team=Payments").await;
    assert_status(&response, StatusCode::OK, "the JSON Feed");
    assert_eq!(
        header_of(&response, header::CONTENT_TYPE),
        "application/feed+json"
    );
    let feed: serde_json::Value =
        serde_json::from_str(&text(response).await).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(
        feed["feed_url"],
        "https://jobs.flour.example/feed.json?team=Payments"
    );
    let titles: Vec<&str> = feed["items"]
        .as_array()
        .map(|items| items.iter().filter_map(|i| i["title"].as_str()).collect())
        .unwrap_or_default();
    let atom = app.page("/feed.xml?team=Payments").await;
    let mut atom_titles: Vec<(usize, &str)> = ["Senior Backend Engineer", "Support Engineer"]
        .into_iter()
        .filter_map(|t| atom.find(&format!("<title>{t}</title>")).map(|at| (at, t)))
        .collect();
    atom_titles.sort_unstable();
    let atom_titles: Vec<&str> = atom_titles.into_iter().map(|(_, t)| t).collect();
    assert_eq!(titles, atom_titles, "the same entries in the same order");
    let date = |title: &str| {
        feed["items"]
            .as_array()
            .and_then(|items| items.iter().find(|i| i["title"] == title))
            .and_then(|i| i.get("date_published").cloned())
    };
    assert_eq!(
        date("Senior Backend Engineer"),
        Some(serde_json::json!("2026-10-05T00:00:00Z"))
    );
    assert_eq!(date("Support Engineer"), None, "its file gives no date");
    let plain = app.page("/feed.json").await;
    assert!(plain.contains("Product Designer"));
}

/// The titles of the role cards on a listing page, in page order.
fn card_titles(html: &str) -> Vec<&str> {
    html.split(r#"<li class="role-card">"#)
        .skip(1)
        .filter_map(|card| card.split("\">").nth(1)?.split("</a>").next())
        .collect()
}

#[tokio::test]
async fn cards_show_a_known_posted_date_or_when_an_upcoming_role_opens() {
    let html = app().page("/").await;
    assert!(
        html.contains(r#"<dt>Posted</dt><dd><time datetime="2026-10-05">5 October 2026</time>"#),
        "{html}"
    );
    assert!(html.contains("Opens 3 March 2027"), "{html}");
    assert_eq!(
        html.matches("<dt>Posted</dt>").count(),
        2,
        "only the two open roles whose files give a date"
    );
}

#[tokio::test]
async fn the_listing_sorts_by_newest_pay_or_closing_and_the_order_is_shareable() {
    let app = app();
    let newest = app.page("/?sort=newest").await;
    assert_eq!(
        card_titles(&newest)[..2],
        ["Product Designer", "Senior Backend Engineer"],
        "{newest}"
    );
    assert!(newest.contains(r#"<option value="newest" selected>Newest first</option>"#));
    let pay = app.page("/?sort=pay&team=Payments").await;
    assert_eq!(
        card_titles(&pay),
        ["Senior Backend Engineer", "Support Engineer"]
    );
    assert!(pay.contains("Highest pay"));
    let paged = app.page("/?q=engineer&sort=newest").await;
    assert!(
        paged.contains(r#"href="/feed.xml?q=engineer&#38;sort=newest""#)
            || paged.contains("Newest first")
    );
}

#[tokio::test]
async fn an_unknown_or_default_order_is_the_listings_own() {
    let app = app();
    let plain = app.page("/").await;
    assert_eq!(
        card_titles(&app.page("/?sort=cheapest").await),
        card_titles(&plain)
    );
    assert_eq!(
        card_titles(&app.page("/?sort=relevance").await),
        card_titles(&plain)
    );
    assert!(
        plain.contains(r#"<option value="" selected>By team</option>"#),
        "{plain}"
    );
}

#[tokio::test]
async fn a_minimum_salary_puts_roles_stating_no_pay_after_the_matches_under_their_own_heading() {
    let html = app().page("/?min_salary=50000").await;
    assert_eq!(
        card_titles(&html),
        [
            "Senior Backend Engineer",
            "Product Designer",
            "Data Analyst",
            "Support Engineer"
        ],
        "{html}"
    );
    let heading = html
        .find(">Pay not stated</h2>")
        .unwrap_or_else(|| panic!("{html}"));
    let backend = html
        .find(">Senior Backend Engineer</a>")
        .unwrap_or(usize::MAX);
    let designer = html.find(">Product Designer</a>").unwrap_or(0);
    assert!(backend < heading && heading < designer, "{html}");
    let too_high = app().page("/?min_salary=90000").await;
    assert!(!too_high.contains(">Senior Backend Engineer</a>"));
    assert!(too_high.contains(">Product Designer</a>"));
}

#[tokio::test]
async fn a_comparison_address_follows_aliases_letter_case_and_a_trailing_slash() {
    let app = app();
    let canonical = "/compare/backend-engineer...support-engineer";
    for path in [
        "/compare/payments-engineer...support-engineer",
        "/compare/Backend-Engineer...Support-Engineer",
        "/compare/backend-engineer...support-engineer/",
    ] {
        let response = app.get(path).await;
        assert!(
            response.status().is_redirection(),
            "{path}: {}",
            response.status()
        );
        assert_eq!(header_of(&response, header::LOCATION), canonical, "{path}");
    }
    app.page(canonical).await;
}

#[tokio::test]
async fn a_comparison_is_served_with_brotli() {
    let app = app();
    let path = "/compare/backend-engineer...support-engineer";
    app.page(path).await;
    let response = app
        .send("GET", path, &[("accept-encoding", "gzip, br")])
        .await;
    assert_status(&response, StatusCode::OK, path);
    assert_eq!(header_of(&response, header::CONTENT_ENCODING), "br");
}

#[tokio::test]
async fn remote_choices_are_one_family_in_the_location_filter() {
    let html = app().page("/").await;
    let group = html
        .split(r#"<optgroup label="Remote">"#)
        .nth(1)
        .and_then(|rest| rest.split("</optgroup>").next())
        .unwrap_or_else(|| panic!("no Remote group: {html}"));
    assert!(
        group.contains(r#"<option value="Remote">Remote</option>"#),
        "{group}"
    );
    assert!(
        group.contains(r#"<option value="Remote (UK)">Remote (UK)</option>"#),
        "{group}"
    );
    let remote = app().page("/?location=Remote").await;
    assert_eq!(
        card_titles(&remote),
        ["Senior Backend Engineer", "Support Engineer"],
        "Remote takes remote roles of every region"
    );
}

/// Asserts `from` answers 301 to `to`.
async fn assert_moves(app: &Router, from: &str, to: &str) {
    let response = app.get(from).await;
    assert_status(&response, StatusCode::MOVED_PERMANENTLY, from);
    assert_eq!(header_of(&response, header::LOCATION), to, "{from}");
}

// See: issue 31, item 8.
#[tokio::test]
async fn a_roles_json_and_apply_link_follow_the_same_redirects_as_its_page() {
    let site = crate::support::app();
    for (from, to) in [
        ("/roles/mid_gardener.json", "/roles/mid-gardener.json"),
        ("/roles/Mid_Gardener.JSON", "/roles/mid-gardener.json"),
        ("/roles/Mid-Gardener.json", "/roles/mid-gardener.json"),
        ("/roles/mid-gardener.json/", "/roles/mid-gardener.json"),
        ("/roles/mid_gardener/apply", "/roles/mid-gardener/apply"),
        ("/roles/Mid-Gardener/apply", "/roles/mid-gardener/apply"),
        ("/roles/mid-gardener/apply/", "/roles/mid-gardener/apply"),
    ] {
        assert_moves(&site, from, to).await;
    }
    let app = app();
    assert_moves(
        &app,
        "/roles/payments-engineer.json",
        "/roles/backend-engineer.json",
    )
    .await;
    assert_moves(
        &app,
        "/roles/Payments-Engineer/apply",
        "/roles/backend-engineer/apply",
    )
    .await;
}

// See: issue 31, item 8.
#[tokio::test]
async fn a_career_path_address_follows_case_a_trailing_slash_and_its_roles_names() {
    let app = router(AppState::new(crate::support::site_from_dir(&fixture(
        "paths/roles",
    ))));
    for from in [
        "/paths/Baker",
        "/paths/baker/",
        "/paths/BAKER/",
        "/paths/senior-baker",
        "/paths/Mid-Baker",
    ] {
        assert_moves(&app, from, "/paths/baker").await;
    }
    app.page("/paths/baker").await;
    let single = app.get("/paths/pastry-chef").await;
    assert_status(
        &single,
        StatusCode::NOT_FOUND,
        "one level is no career path",
    );
}

/// Under a minimum salary, the roles it cannot judge follow the matches
/// under a heading true of all of them: "Pay not stated" only when none of
/// them states pay; a role whose pay is in its text (in a form careers
/// cannot read as a figure) is not one that states none.
#[tokio::test]
async fn the_heading_of_roles_a_minimum_cannot_judge_is_true_of_each_of_them() {
    let dir = crate::support::folder_with_roles(&[
        (
            "baker.md",
            "# Baker\n\nWe bake.\n\n## Salary\n\n£40,000 - £50,000\n",
        ),
        ("cook.md", "# Cook\n\nWe cook.\n"),
    ]);
    let quiet = router(AppState::new(site(&dir.path().join("roles"))));
    let html = quiet.page("/?min_salary=30000").await;
    assert!(html.contains(">Pay not stated</h2>"), "{html}");
    std::fs::write(
        dir.path().join("roles/pastry-chef.md"),
        "# Pastry Chef\n\nWe make pastry.\n\n## Salary\n\nfrom 2000 up to 3000 EUR (net)\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mixed = router(AppState::new(site(&dir.path().join("roles"))));
    let html = mixed.page("/?min_salary=30000").await;
    assert!(!html.contains(">Pay not stated</h2>"), "{html}");
    let heading = html
        .find(">Pay the minimum salary cannot compare</h2>")
        .unwrap_or_else(|| panic!("{html}"));
    let baker = html.find(">Baker</a>").unwrap_or(usize::MAX);
    let chef = html.find(">Pastry Chef</a>").unwrap_or(0);
    let cook = html.find(">Cook</a>").unwrap_or(0);
    assert!(
        baker < heading && heading < chef && heading < cook,
        "{html}"
    );
}
