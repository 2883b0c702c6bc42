//! Career paths, comparisons and pay states through the real router, over the
//! `paths` fixture (a Baker ladder: a closed junior, two levels with bands per
//! location, one open-ended band, one level whose pay is under review, and a
//! pastry chef who states no pay) and over the bundled roles.
//! See: issue #21.

use std::path::Path;

use axum::Router;
use axum::http::{StatusCode, header};

use careers::server::{AppState, router};
use careers::site::{PipelineOptions, Sink, build_from_dir};

use crate::support::{
    RouterExt, assert_status, fixture, header_of, json, now, site_from_dir, text,
};

fn paths_app() -> Router {
    router(AppState::new(site_from_dir(&fixture("paths/roles"))))
}

fn bundled_app() -> Router {
    let roles = Path::new(env!("CARGO_MANIFEST_DIR")).join("roles");
    router(AppState::new(site_from_dir(&roles)))
}

/// The inner text of each `<li>` of the first `<ol class="{class}">`.
fn items<'a>(html: &'a str, class: &str) -> Vec<&'a str> {
    let start = format!("<ol class=\"{class}\">");
    let list = html
        .split(&start)
        .nth(1)
        .and_then(|rest| rest.split("</ol>").next())
        .unwrap_or("");
    list.split("<li>").skip(1).collect()
}

fn svg(html: &str) -> &str {
    let start = html
        .find("<svg")
        .unwrap_or_else(|| panic!("no chart: {html}"));
    let end = html[start..]
        .find("</svg>")
        .map_or(html.len(), |e| start + e + 6);
    &html[start..end]
}

#[tokio::test]
async fn a_career_path_lists_its_ladder_in_level_order_with_links_and_status_in_words() {
    let html = paths_app().page("/paths/baker").await;
    let ladder = items(&html, "ladder");
    let expected = [
        ("Junior", "/roles/junior-baker", "Closed"),
        ("Mid", "/roles/mid-baker", "Open"),
        ("Senior", "/roles/senior-baker", "Open"),
        ("Lead", "/roles/lead-baker", "Open"),
    ];
    assert_eq!(ladder.len(), expected.len(), "{html}");
    for (item, (level, url, status)) in ladder.iter().zip(expected) {
        assert!(item.contains(&format!(">{level}<")), "{item}");
        assert!(item.contains(&format!("href=\"{url}\"")), "{item}");
        assert!(item.contains(&format!(">{status}<")), "{item}");
    }
    assert!(ladder[3].contains("Pay under review"), "{}", ladder[3]);
    assert!(html.contains("href=\"/compare/mid-baker...senior-baker\""));
}

#[tokio::test]
async fn the_pay_chart_is_xml_with_a_text_alternative_and_one_bar_per_band() {
    let html = paths_app().page("/paths/baker").await;
    let chart = svg(&html);
    let doc = roxmltree::Document::parse(chart).unwrap_or_else(|e| panic!("{e}: {chart}"));
    let root = doc.root_element();
    assert_eq!(root.attribute("role"), Some("img"));
    let labelled: Vec<&str> = root
        .attribute("aria-labelledby")
        .unwrap_or("")
        .split(' ')
        .collect();
    let text_of = |name: &str| {
        root.children()
            .find(|n| n.has_tag_name(name))
            .map(|n| (n.attribute("id").unwrap_or(""), n.text().unwrap_or("")))
            .unwrap_or_else(|| panic!("no <{name}>"))
    };
    let (title_id, title) = text_of("title");
    let (desc_id, desc) = text_of("desc");
    assert_eq!(labelled, [title_id, desc_id]);
    assert_eq!(title, "Pay by level: Baker");
    assert!(
        desc.contains("Senior: All locations £45,000 a year and above"),
        "{desc}"
    );
    assert!(desc.contains("Lead: pay under review"), "{desc}");
    let bars: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect"))
        .filter(|n| {
            n.attribute("class")
                .is_some_and(|c| c.split(' ').any(|c| c == "bar"))
        })
        .collect();
    // Junior 2 bands, Mid 2, Senior 1, Lead none (under review).
    assert_eq!(bars.len(), 5, "{chart}");
    let open: Vec<_> = bars
        .iter()
        .filter(|n| n.attribute("class") == Some("bar bar-open"))
        .collect();
    assert_eq!(open.len(), 1, "the one open-ended band");
    let labels: Vec<&str> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("chart-label"))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        // See: pay with its period everywhere, the chart too.
        labels.contains(&"Senior, All locations: £45,000 a year and above"),
        "{labels:?}"
    );
    assert!(labels.contains(&"Lead: Pay under review"), "{labels:?}");
    // The table beside it has the same figures: a row per band, one for Lead.
    let table = html.split("<tbody>").nth(1).unwrap_or("");
    assert_eq!(table.matches("<tr>").count(), 6, "{table}");
    assert!(table.contains("£33,000 to £40,000"));
}

#[tokio::test]
async fn career_paths_are_linked_from_the_listing_and_role_pages_and_in_the_sitemap() {
    let app = paths_app();
    let listing = app.page("/").await;
    assert!(listing.contains("Career paths"), "{listing}");
    assert!(listing.contains("<a href=\"/paths/baker\">Baker</a>"));
    let mid = app.page("/roles/mid-baker").await;
    assert!(mid.contains("href=\"/paths/baker\""));
    assert!(
        mid.contains("href=\"/compare/mid-baker...senior-baker\">Compare with the next level"),
        "{mid}"
    );
    let lead = app.page("/roles/lead-baker").await;
    assert!(
        !lead.contains("Compare with the next level"),
        "no level above Lead"
    );
    let sitemap = app.page("/sitemap.xml").await;
    assert!(sitemap.contains("<loc>https://jobs.crumb.example/paths/baker</loc>"));
    // One level is no career path.
    let response = app.get("/paths/pastry-chef").await;
    assert_status(&response, StatusCode::NOT_FOUND, "single level");
}

#[tokio::test]
async fn the_export_writes_each_career_path_page() {
    let site = site_from_dir(&fixture("paths/roles"));
    let out = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    careers::site::export::write(
        &site,
        out.path(),
        &careers::site::export::ExportOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let written = std::fs::read_to_string(out.path().join("paths/baker.html"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(written, paths_app().page("/paths/baker").await);
    assert!(out.path().join("paths/baker.html.br").is_file());
}

/// The marked items of a comparison, in page order: ("Added", "Training other bakers").
fn marks(html: &str) -> Vec<(String, String)> {
    html.split("<span class=\"diff-mark\">")
        .skip(1)
        .map(|rest| {
            let (mark, after) = rest.split_once("</span>").unwrap_or((rest, ""));
            let item = after
                .split(['<'])
                .next()
                .unwrap_or("")
                .trim()
                .replace("&#39;", "'");
            (mark.to_owned(), item)
        })
        .collect()
}

fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = format!("aria-labelledby=\"{id}\"");
    html.split(&start)
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .unwrap_or_else(|| panic!("no section {id}"))
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(m, t)| ((*m).to_owned(), (*t).to_owned()))
        .collect()
}

#[tokio::test]
async fn comparing_two_levels_marks_what_the_second_adds_drops_keeps_and_changes() {
    let html = paths_app().page("/compare/mid-baker...senior-baker").await;
    assert_eq!(
        marks(section(&html, "required")),
        pairs(&[
            ("Kept", "Following recipes exactly"),
            ("Changed", "Shaping sourdough by hand"),
            ("Dropped", "Working early mornings"),
            ("Kept", "Following recipes exactly"),
            ("Changed", "Shaping sourdough, rye and spelt by hand"),
            ("Added", "Training other bakers"),
            ("Added", "Planning a bake for three shops"),
        ])
    );
    assert!(html.contains("Was: Shaping sourdough by hand"));
    assert_eq!(
        marks(section(&html, "optional")),
        pairs(&[
            ("Kept", "Laminating dough for pastries"),
            ("Kept", "Laminating dough for pastry"),
        ])
    );
    assert_eq!(
        marks(section(&html, "expectations")),
        pairs(&[
            ("Kept", "To keep the starter alive"),
            ("Dropped", "To clean down the line after every shift"),
            ("Kept", "To keep the starter alive"),
            ("Added", "To write the week's bake plan"),
        ])
    );
    // Key facts side by side, pay in words where there is none.
    assert!(html.contains("London: £33,000 to £40,000"), "{html}");
    assert!(html.contains("£45,000 or more"));
}

// Checked by hand against the two seed files: of the reliability engineer's 7
// required items the second keeps 2 (agile practices; code written
// test-first, worded differently) and adds 12; of its 4 optional items it
// keeps the component-based design line, changes the React line (TDD ->
// test-driven) and drops 2, adding 6; it lists no expectations, so all 40 drop.
#[tokio::test]
async fn comparing_the_two_seed_roles_pins_what_changes() {
    let html = bundled_app()
        .page("/compare/senior-reliability-engineer...senior-software-engineer-2")
        .await;
    let required = marks(section(&html, "required"));
    let kept: Vec<&str> = required
        .iter()
        .filter(|(m, _)| m == "Kept")
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(
        kept,
        [
            "Writing code with Test Driven Development",
            "Agile practices such as Scrum, XP, and/or Kanban",
            "Agile practices such as Scrum, XP, and/or Kanban",
            "Written code with test-driven development",
        ]
    );
    let count =
        |list: &[(String, String)], mark: &str| list.iter().filter(|(m, _)| m == mark).count();
    assert_eq!(
        (count(&required, "Added"), count(&required, "Dropped")),
        (12, 5)
    );
    assert!(required.contains(&("Dropped".into(), "Debugging a range of applications".into())));
    assert!(required.contains(&("Added".into(), "Desire to mentor others".into())));
    let optional = marks(section(&html, "optional"));
    assert_eq!(
        optional
            .iter()
            .filter(|(m, _)| m != "Added")
            .cloned()
            .collect::<Vec<_>>(),
        pairs(&[
            ("Dropped", "Working directly with customers"),
            (
                "Dropped",
                "Writing code with Acceptance Test Driven Development"
            ),
            (
                "Kept",
                "Component based design techniques such as using pattern libraries, styled components, CSS-in-JS, BEM, and/or SUIT CSS"
            ),
            ("Changed", "The React ecosystem including a TDD approach"),
            (
                "Kept",
                "Component-based design techniques such as using pattern libraries, styled-components, CSS-in-JS, BEM, and/or SUIT CSS"
            ),
            (
                "Changed",
                "The React ecosystem including a test-driven approach"
            ),
        ])
    );
    assert_eq!(count(&optional, "Added"), 6);
    let expectations = marks(section(&html, "expectations"));
    assert_eq!(count(&expectations, "Dropped"), 40);
    assert_eq!(expectations.len(), 40);
    assert!(section(&html, "required").contains("12 added, 5 dropped, 2 kept, 0 changed"));
}

#[tokio::test]
async fn the_compare_form_redirects_to_the_canonical_comparison() {
    let app = paths_app();
    let response = app.get("/compare?a=mid-baker&b=Senior-Baker").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        header_of(&response, header::LOCATION),
        "/compare/mid-baker...senior-baker"
    );
    let response = app.get("/compare/MID-baker...senior-baker").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        header_of(&response, header::LOCATION),
        "/compare/mid-baker...senior-baker"
    );
    // Without both roles: the form itself, with every role to choose from.
    let form = app.page("/compare?a=mid-baker&b=").await;
    assert!(form.contains("<form class=\"compare-form\" action=\"/compare\" method=\"get\">"));
    assert!(form.contains("<option value=\"pastry-chef\">Pastry Chef</option>"));
}

#[tokio::test]
async fn comparisons_are_never_indexed() {
    let app = paths_app();
    for path in ["/compare/mid-baker...senior-baker", "/compare"] {
        let response = app.get(path).await;
        assert_status(&response, StatusCode::OK, path);
        assert_eq!(
            header_of(&response, "x-robots-tag".parse().unwrap_or(header::ALLOW)),
            "noindex"
        );
        let html = text(response).await;
        assert!(
            html.contains("<meta name=\"robots\" content=\"noindex\">"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn a_comparison_goes_out_compressed_to_a_browser_that_asks() {
    let app = paths_app();
    let path = "/compare/mid-baker...senior-baker";
    for _ in 0..2 {
        let response = app.send("GET", path, &[("accept-encoding", "gzip")]).await;
        assert_status(&response, StatusCode::OK, path);
        assert_eq!(header_of(&response, header::CONTENT_ENCODING), "gzip");
    }
}

#[tokio::test]
async fn an_unknown_role_is_a_404_and_one_role_twice_leads_to_its_page() {
    let app = paths_app();
    for path in [
        "/compare/mid-baker...no-such-baker",
        "/compare/mid-baker",
        "/compare?a=mid-baker&b=ghost",
    ] {
        let response = app.get(path).await;
        assert_status(&response, StatusCode::NOT_FOUND, path);
        assert!(text(response).await.contains("<h1"), "the site's 404 page");
    }
    let response = app.get("/compare/mid-baker...mid-baker").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(header_of(&response, header::LOCATION), "/roles/mid-baker");
}

#[tokio::test]
async fn the_json_api_names_each_pay_state() {
    let app = paths_app();
    for (slug, state, bands) in [
        ("mid-baker", "published", 2),
        ("lead-baker", "under_review", 0),
        ("pastry-chef", "not_stated", 0),
    ] {
        let role = json(app.get(&format!("/roles/{slug}.json")).await).await;
        assert_eq!(role["pay_state"], state, "{slug}");
        assert_eq!(
            role["salary"].as_array().map(Vec::len),
            Some(bands),
            "{slug}"
        );
    }
    let all = json(app.get("/roles.json").await).await;
    let states: Vec<&str> = all["roles"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["pay_state"].as_str())
        .collect();
    assert!(states.contains(&"under_review") && states.contains(&"not_stated"));
}

fn job_posting(html: &str) -> serde_json::Value {
    let script = html
        .split("<script type=\"application/ld+json\">")
        .nth(1)
        .and_then(|s| s.split("</script>").next())
        .unwrap_or_else(|| panic!("no JSON-LD"));
    serde_json::from_str(&script.replace("<\\/", "</")).unwrap_or_else(|e| panic!("{e}"))
}

#[tokio::test]
async fn pages_say_pay_in_words_and_structured_data_has_salary_only_when_published() {
    let app = paths_app();
    let lead = app.page("/roles/lead-baker").await;
    assert!(
        lead.contains("<dd class=\"pay-state\">Pay under review</dd>"),
        "{lead}"
    );
    assert!(job_posting(&lead).get("baseSalary").is_none());
    let chef = app.page("/roles/pastry-chef").await;
    assert!(chef.contains("<dd class=\"pay-state\">Pay not stated</dd>"));
    assert!(job_posting(&chef).get("baseSalary").is_none());
    let mid = app.page("/roles/mid-baker").await;
    assert!(job_posting(&mid).get("baseSalary").is_some());
    assert!(!mid.contains("pay-state"));
}

#[tokio::test]
async fn cards_and_the_feed_say_pay_in_words() {
    let app = paths_app();
    let listing = app.page("/").await;
    assert!(
        listing.contains("<dt>Salary</dt><dd>Pay under review</dd>"),
        "{listing}"
    );
    assert!(listing.contains("<dt>Salary</dt><dd>Pay not stated</dd>"));
    let feed = app.page("/feed.xml").await;
    assert!(feed.contains("Pay under review."), "{feed}");
    assert!(feed.contains("Pay not stated."));
    assert!(!feed.contains("£0"), "never a made-up figure");
}

#[tokio::test]
async fn a_minimum_salary_never_matches_a_role_without_published_pay() {
    let app = paths_app();
    let listing = app.page("/?min_salary=1").await;
    assert!(listing.contains("/roles/mid-baker"), "{listing}");
    assert!(listing.contains("/roles/senior-baker"));
    // Roles without published pay are not matches: they follow them under
    // their own heading, since a minimum cannot judge them.
    let heading = listing
        .find(">Pay not stated</h2>")
        .unwrap_or_else(|| panic!("{listing}"));
    for slug in ["mid-baker", "senior-baker"] {
        let at = listing
            .find(&format!("href=\"/roles/{slug}\""))
            .unwrap_or(usize::MAX);
        assert!(at < heading, "{slug} is a match");
    }
    for slug in ["lead-baker", "pastry-chef"] {
        let at = listing
            .find(&format!("href=\"/roles/{slug}\""))
            .unwrap_or(0);
        assert!(at > heading, "{slug} follows under Pay not stated");
    }
}

#[test]
fn check_warns_about_open_roles_without_published_pay() {
    let build = build_from_dir(
        &fixture("paths/roles"),
        now(),
        Sink::None,
        &PipelineOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut warned: Vec<String> = build
        .diagnostics
        .iter()
        .filter(|d| d.code == "no-pay")
        .map(|d| d.to_string())
        .collect();
    warned.sort();
    assert_eq!(warned.len(), 2, "{warned:?}");
    assert!(
        warned[0].contains(
            "lead-baker.md:1:1: warning[no-pay]: this open role says its pay is under review"
        ),
        "{}",
        warned[0]
    );
    assert!(
        warned[1]
            .contains("pastry-chef.md:1:1: warning[no-pay]: this open role does not state its pay"),
        "{}",
        warned[1]
    );
}
