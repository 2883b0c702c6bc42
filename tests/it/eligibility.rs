//! Who can apply from where, through the real router over
//! `fixtures/eligibility` (its own `site.yaml`): facts from front matter and
//! from unambiguous body sentences, shown in key facts, filterable with
//! `?from=`, in the role JSON and in JSON-LD; a hedged sentence says nothing.
// See: issue 31, item 5.

use axum::Router;

use careers::server::{AppState, router};

use crate::support::{RouterExt, fixture, json, site_from_dir};

fn app() -> Router {
    router(AppState::new(site_from_dir(&fixture("eligibility/roles"))))
}

/// The key facts list of a role page: `(label, value)` pairs.
fn key_facts(html: &str) -> Vec<(String, String)> {
    let facts = html
        .split(r#"<h2 id="facts-heading">"#)
        .nth(1)
        .and_then(|rest| rest.split("</dl>").next())
        .unwrap_or_default();
    facts
        .split("<dt>")
        .skip(1)
        .filter_map(|f| {
            let (label, rest) = f.split_once("</dt><dd")?;
            let value = rest.split_once('>')?.1.split("</dd>").next()?;
            Some((label.to_owned(), value.to_owned()))
        })
        .collect()
}

fn fact<'a>(facts: &'a [(String, String)], label: &str) -> Option<&'a str> {
    facts
        .iter()
        .find(|(l, _)| l == label)
        .map(|(_, v)| v.as_str())
}

/// The JSON-LD block of a page.
fn posting(html: &str) -> serde_json::Value {
    let script = html
        .split(r#"<script type="application/ld+json">"#)
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .unwrap_or_else(|| panic!("no JSON-LD: {html}"));
    serde_json::from_str(&script.replace("<\\/", "</")).unwrap_or_else(|e| panic!("{e}"))
}

#[tokio::test]
async fn front_matter_facts_are_key_facts_json_and_json_ld() {
    let app = app();
    let html = app.page("/roles/orchard-surveyor").await;
    let facts = key_facts(&html);
    assert_eq!(
        fact(&facts, "Can apply from"),
        Some("United Kingdom, Ireland")
    );
    assert_eq!(fact(&facts, "Visa sponsorship"), Some("Not available"));
    assert_eq!(fact(&facts, "Relocation support"), Some("Offered"));
    let ld = posting(&html);
    assert_eq!(
        ld["jobLocationType"], "TELECOMMUTE",
        "Remote (UK) is fully remote"
    );
    assert_eq!(
        ld["applicantLocationRequirements"],
        serde_json::json!([
            {"@type": "Country", "name": "United Kingdom"},
            {"@type": "Country", "name": "Ireland"}
        ])
    );
    let role = json(app.get("/roles/orchard-surveyor.json").await).await;
    assert_eq!(
        role["eligibility"],
        serde_json::json!({
            "apply_from": [
                {"kind": "country", "name": "United Kingdom", "country": "GB"},
                {"kind": "country", "name": "Ireland", "country": "IE"}
            ],
            "visa_sponsorship": "no",
            "relocation": "yes"
        })
    );
}

#[tokio::test]
async fn unambiguous_body_sentences_are_read_and_hedged_ones_are_not() {
    let app = app();
    let curator = key_facts(&app.page("/roles/seed-bank-curator").await);
    assert_eq!(fact(&curator, "Can apply from"), Some("United Kingdom"));
    assert_eq!(fact(&curator, "Visa sponsorship"), Some("Available"));
    assert_eq!(fact(&curator, "Relocation support"), Some("Offered"));

    let chemist_html = app.page("/roles/soil-chemist").await;
    let chemist = key_facts(&chemist_html);
    assert_eq!(fact(&chemist, "Visa sponsorship"), None, "{chemist:?}");
    assert_eq!(fact(&chemist, "Can apply from"), None);
    let role = json(app.get("/roles/soil-chemist.json").await).await;
    assert_eq!(role["eligibility"]["visa_sponsorship"], "not_stated");
    assert_eq!(role["eligibility"]["apply_from"], serde_json::json!([]));
    let ld = posting(&chemist_html);
    assert!(
        ld.get("jobLocationType").is_none(),
        "Leeds or remote (UK) is not fully remote: {ld}"
    );
    assert!(ld.get("applicantLocationRequirements").is_none(), "{ld}");
}

#[tokio::test]
async fn regions_are_states_and_time_zones_stay_on_the_page_only() {
    let app = app();
    let html = app.page("/roles/field-botanist").await;
    let facts = key_facts(&html);
    assert_eq!(
        fact(&facts, "Can apply from"),
        Some("Ontario, Time zones UTC-5 to UTC-4")
    );
    assert_eq!(fact(&facts, "Visa sponsorship"), Some("Not available"));
    let ld = posting(&html);
    assert_eq!(
        ld["applicantLocationRequirements"],
        serde_json::json!({"@type": "State", "name": "Ontario"})
    );
}

#[tokio::test]
async fn the_listing_filters_by_where_a_candidate_can_apply_from() {
    let app = app();
    let plain = app.page("/").await;
    let select = plain
        .split(r#"<select id="from" name="from""#)
        .nth(1)
        .and_then(|rest| rest.split("</select>").next())
        .unwrap_or_else(|| panic!("no Can apply from filter: {plain}"));
    for place in ["United Kingdom", "Ireland", "Ontario"] {
        assert!(
            select.contains(&format!(r#"<option value="{place}">{place}</option>"#)),
            "{place}: {select}"
        );
    }
    assert!(plain.contains(r#"<label for="from">Can apply from</label>"#));

    let ireland = app.page("/?from=Ireland").await;
    assert!(ireland.contains(">Orchard Surveyor</a>"), "{ireland}");
    assert!(!ireland.contains(">Seed Bank Curator</a>"));
    assert!(
        !ireland.contains(">Soil Chemist</a>"),
        "not stated is not claimed"
    );
    assert!(ireland.contains(r#"<option value="Ireland" selected>"#));
    assert!(
        ireland.contains("open to candidates in Ireland"),
        "{ireland}"
    );
    assert!(ireland.contains(r#"href="/feed.xml?from=Ireland""#));

    // A candidate in Scotland may apply where the United Kingdom is named.
    let scotland = app.page("/?from=Scotland").await;
    assert!(scotland.contains(">Orchard Surveyor</a>"));
    assert!(scotland.contains(">Seed Bank Curator</a>"));
    assert!(!scotland.contains(">Field Botanist</a>"));
}

#[tokio::test]
async fn no_filter_when_no_role_says_where_candidates_may_apply_from() {
    let app = router(AppState::new(crate::support::site(&fixture(
        "candidates/roles",
    ))));
    let html = app.page("/").await;
    assert!(!html.contains(r#"name="from""#));
}
