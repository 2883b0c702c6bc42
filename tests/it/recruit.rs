//! What recruiters need from the site: link previews on every page, closed roles
//! that lead somewhere, Google for Jobs structured data, the sitemap and feed,
//! and apply links that keep a campaign's parameters. Over the `recruit` fixture.

use std::collections::HashSet;

use axum::http::StatusCode;

use crate::support::{
    RECRUIT_BASE, RouterExt, app, assert_status, json, link_href, meta, recruit_app, text, title,
};

/// Every kind of HTML page says what it is to search engines and link previews.
#[tokio::test]
async fn every_page_type_has_title_description_canonical_open_graph_and_twitter_tags() {
    let app = recruit_app();
    let cases = [
        ("/", StatusCode::OK, "website", "/"),
        ("/?team=Glasshouses", StatusCode::OK, "website", "/"),
        ("/?q=pond&page=2", StatusCode::OK, "website", "/"),
        (
            "/roles/lead-glasshouse-keeper",
            StatusCode::OK,
            "article",
            "/roles/lead-glasshouse-keeper",
        ),
        (
            "/roles/senior-glasshouse-keeper",
            StatusCode::OK,
            "article",
            "/roles/senior-glasshouse-keeper",
        ),
        ("/no-such-page", StatusCode::NOT_FOUND, "website", "/"),
    ];
    let mut titles = HashSet::new();
    for (path, status, og_type, canonical) in cases {
        let response = app.get(path).await;
        assert_status(&response, status, path);
        let html = text(response).await;
        let canonical = format!("{RECRUIT_BASE}{canonical}");
        assert!(
            titles.insert(title(&html).to_owned()),
            "{path}: title {:?} is not unique",
            title(&html)
        );
        assert!(title(&html).contains("Hollow Lane Gardens"), "{path}");
        let present = |attr: &str, key: &str| {
            let value = meta(&html, attr, key).unwrap_or_else(|| panic!("{path}: no {key}"));
            assert!(!value.trim().is_empty(), "{path}: empty {key}");
            value.to_owned()
        };
        present("name", "description");
        assert_eq!(
            link_href(&html, "canonical"),
            Some(canonical.as_str()),
            "{path}"
        );
        assert_eq!(present("property", "og:type"), og_type, "{path}");
        assert!(
            present("property", "og:title").contains("Hollow Lane Gardens"),
            "{path}"
        );
        present("property", "og:description");
        assert_eq!(present("property", "og:url"), canonical, "{path}");
        assert_eq!(
            present("property", "og:site_name"),
            "Hollow Lane Gardens careers"
        );
        assert_eq!(
            present("property", "og:image"),
            "https://cdn.hollowlane.example/logo.png"
        );
        assert_eq!(present("property", "og:image:width"), "512", "{path}");
        assert_eq!(present("property", "og:image:height"), "512", "{path}");
        assert_eq!(
            present("property", "og:image:alt"),
            "Hollow Lane Gardens logo"
        );
        assert_eq!(present("name", "twitter:card"), "summary", "{path}");
        present("name", "twitter:title");
        present("name", "twitter:description");
        assert_eq!(
            present("name", "twitter:image"),
            "https://cdn.hollowlane.example/logo.png"
        );
        present("name", "twitter:image:alt");
    }
}

#[tokio::test]
async fn without_a_logo_there_is_no_share_image() {
    let html = text(app().get("/roles/lead-gardener").await).await;
    assert!(meta(&html, "property", "og:title").is_some());
    assert_eq!(meta(&html, "property", "og:image"), None);
    assert_eq!(meta(&html, "name", "twitter:image"), None);
}

/// Filtered and paged listings stay out of search indexes and name the plain
/// listing as canonical; each listing links to its own feed.
#[tokio::test]
async fn filtered_and_paged_listings_are_noindex_and_link_their_feed() {
    let app = recruit_app();
    for (path, feed) in [
        ("/?team=Glasshouses", "/feed.xml?team=Glasshouses"),
        ("/?q=newts&level=Mid", "/feed.xml?q=newts&level=Mid"),
        ("/?page=2", "/feed.xml"),
    ] {
        let html = text(app.get(path).await).await;
        assert_eq!(
            meta(&html, "name", "robots"),
            Some("noindex, follow"),
            "{path}"
        );
        assert_eq!(
            link_href(&html, "canonical"),
            Some(format!("{RECRUIT_BASE}/").as_str()),
            "{path}"
        );
        assert_eq!(
            link_href(&html, "alternate"),
            Some(feed.replace('&', "&#38;").as_str()),
            "{path}"
        );
        assert!(html.contains("<link rel=\"alternate\" type=\"application/atom+xml\""));
    }
    let plain = text(app.get("/").await).await;
    assert_eq!(
        meta(&plain, "name", "robots"),
        None,
        "the listing is indexed"
    );
    assert_eq!(link_href(&plain, "alternate"), Some("/feed.xml"));
    let role = text(app.get("/roles/lead-glasshouse-keeper").await).await;
    assert_eq!(meta(&role, "name", "robots"), None, "roles are indexed");
    let missing = text(app.get("/nope").await).await;
    assert_eq!(meta(&missing, "name", "robots"), Some("noindex"));
}

/// A closed role keeps its notice and leads to open roles in its discipline.
#[tokio::test]
async fn a_closed_role_links_to_open_roles_like_it() {
    let app = recruit_app();
    let html = text(app.get("/roles/senior-glasshouse-keeper").await).await;
    assert!(html.contains("This role is closed"));
    let notice = html
        .split("class=\"notice\"")
        .nth(1)
        .and_then(|n| n.split("</div>").next())
        .unwrap_or_default();
    for open in [
        "/roles/lead-glasshouse-keeper",
        "/roles/mid-glasshouse-keeper",
    ] {
        assert!(notice.contains(&format!("href=\"{open}\"")), "{notice}");
    }
    assert!(!notice.contains("senior-glasshouse-keeper"), "not itself");
    assert!(
        html.contains("href=\"/?team=Glasshouses\""),
        "its team has open roles"
    );
}

/// A role closed by its date, in a discipline with no open role, offers every
/// open role, and its breadcrumb does not lead to a search with no results.
#[tokio::test]
async fn a_closed_role_alone_in_its_discipline_offers_every_open_role() {
    let app = recruit_app();
    let html = text(app.get("/roles/lead-beekeeper").await).await;
    assert!(html.contains("This role is closed"));
    assert!(html.contains("<a href=\"/\">See every role that is open now</a>"));
    assert!(
        !html.contains("?team=Apiary"),
        "no breadcrumb to an empty listing"
    );
    let empty = text(app.get("/?team=Apiary").await).await;
    assert!(
        empty.contains("No roles match your search"),
        "as the breadcrumb would have led"
    );
}

/// The JSON-LD blocks of a page, each parsed; a block that does not parse
/// (say, one a title closed early) fails the test.
fn json_ld(html: &str) -> Vec<serde_json::Value> {
    html.split("<script type=\"application/ld+json\">")
        .skip(1)
        .map(|rest| {
            let data = rest.split("</script>").next().unwrap_or_default();
            serde_json::from_str(data).unwrap_or_else(|e| panic!("JSON-LD: {e}: {data}"))
        })
        .collect()
}

fn string<'a>(value: &'a serde_json::Value, what: &str) -> &'a str {
    value
        .as_str()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| panic!("{what} should be a non-empty string: {value}"))
}

fn typed<'a>(value: &'a serde_json::Value, kind: &str, what: &str) -> &'a serde_json::Value {
    assert_eq!(value["@type"], kind, "{what}: {value}");
    value
}

fn one_or_many(value: &serde_json::Value) -> Vec<&serde_json::Value> {
    match value.as_array() {
        Some(items) => items.iter().collect(),
        None => vec![value],
    }
}

/// Checks one posting against the types Google documents for each property.
fn assert_job_posting(posting: &serde_json::Value, slug: &str, title: &str) {
    assert_eq!(posting["@context"], "https://schema.org", "{slug}");
    typed(posting, "JobPosting", slug);
    assert_eq!(posting["title"], title, "{slug}");
    assert!(string(&posting["description"], "description").contains("<p>"));
    let posted = string(&posting["datePosted"], "datePosted");
    assert!(
        posted.parse::<jiff::civil::Date>().is_ok(),
        "{slug}: datePosted {posted}"
    );
    if let Some(until) = posting.get("validThrough") {
        let until = string(until, "validThrough");
        assert!(
            until.parse::<jiff::Timestamp>().is_ok(),
            "{slug}: validThrough {until}"
        );
    }
    let org = typed(&posting["hiringOrganization"], "Organization", slug);
    assert_eq!(org["name"], "Hollow Lane Gardens");
    assert_eq!(org["sameAs"], RECRUIT_BASE);
    assert_eq!(org["logo"], "https://cdn.hollowlane.example/logo.png");
    let remote = posting.get("jobLocationType").is_some();
    if remote {
        assert_eq!(posting["jobLocationType"], "TELECOMMUTE", "{slug}");
        let country = typed(&posting["applicantLocationRequirements"], "Country", slug);
        string(&country["name"], "applicantLocationRequirements.name");
    }
    if let Some(place) = posting.get("jobLocation") {
        let address = typed(
            &typed(place, "Place", slug)["address"],
            "PostalAddress",
            slug,
        );
        assert!(address["addressLocality"].is_string() || address["addressCountry"].is_string());
        if let Some(country) = address.get("addressCountry") {
            assert_eq!(
                string(country, "addressCountry").len(),
                2,
                "ISO 3166-1 alpha-2"
            );
        }
    } else {
        assert!(remote, "{slug}: a posting needs a place or TELECOMMUTE");
    }
    if let Some(types) = posting.get("employmentType") {
        for t in one_or_many(types) {
            let t = string(t, "employmentType");
            assert!(
                [
                    "FULL_TIME",
                    "PART_TIME",
                    "CONTRACTOR",
                    "TEMPORARY",
                    "INTERN"
                ]
                .contains(&t),
                "{slug}: {t}"
            );
        }
    }
    if let Some(salary) = posting.get("baseSalary") {
        for amount in one_or_many(salary) {
            typed(amount, "MonetaryAmount", slug);
            assert_eq!(string(&amount["currency"], "currency").len(), 3);
            let value = typed(&amount["value"], "QuantitativeValue", slug);
            let min = value["minValue"]
                .as_u64()
                .unwrap_or_else(|| panic!("minValue"));
            if let Some(max) = value.get("maxValue") {
                assert!(max.as_u64().is_some_and(|max| max >= min), "{slug}");
            }
            assert!(
                ["YEAR", "MONTH", "DAY", "HOUR"].contains(&string(&value["unitText"], "unitText"))
            );
        }
    }
    let id = typed(&posting["identifier"], "PropertyValue", slug);
    assert_eq!(id["name"], "Hollow Lane Gardens");
    assert_eq!(id["value"], slug);
    assert_eq!(posting["directApply"], false, "{slug}");
}

/// Every open role embeds one `JobPosting` with each required property typed as
/// Google documents it; closed roles carry none.
#[tokio::test]
async fn open_roles_embed_a_job_posting_google_can_read() {
    let app = recruit_app();
    let roles = json(app.get("/roles.json").await).await;
    let roles = roles["roles"].as_array().cloned().unwrap_or_default();
    assert_eq!(roles.len(), 4, "four open roles in the fixture");
    let mut postings = std::collections::HashMap::new();
    for role in &roles {
        let slug = role["slug"].as_str().unwrap_or_default().to_owned();
        let html = text(app.get(&format!("/roles/{slug}")).await).await;
        let blocks = json_ld(&html);
        assert_eq!(blocks.len(), 1, "{slug}: one JSON-LD block");
        assert_job_posting(
            &blocks[0],
            &slug,
            role["title"].as_str().unwrap_or_default(),
        );
        postings.insert(slug, blocks[0].clone());
    }
    let lead = &postings["lead-glasshouse-keeper"];
    assert_eq!(
        lead["jobLocation"]["address"],
        serde_json::json!({"@type": "PostalAddress", "addressLocality": "Leeds", "addressCountry": "GB"}),
        "Leeds or remote (UK) is both a place and remote"
    );
    assert_eq!(lead["jobLocationType"], "TELECOMMUTE");
    assert_eq!(
        lead["applicantLocationRequirements"]["name"],
        "United Kingdom"
    );
    assert_eq!(lead["validThrough"], "2027-01-31T23:59:59Z");
    assert_eq!(lead["datePosted"], "2026-10-05");
    assert_eq!(lead["employmentType"], "FULL_TIME");
    assert_eq!(
        lead["baseSalary"].as_array().map(Vec::len),
        Some(2),
        "one per band"
    );
    assert_eq!(lead["baseSalary"][1]["value"]["minValue"], 44000);
    let mid = &postings["mid-glasshouse-keeper"];
    assert_eq!(
        mid["jobLocation"]["address"]["addressLocality"], "Harrogate",
        "site default"
    );
    assert!(mid.get("baseSalary").is_none(), "no bands, no baseSalary");
    assert_eq!(mid["employmentType"], "PART_TIME");
    let planner = &postings["tree-planner"];
    assert!(planner.get("jobLocation").is_none(), "fully remote");
    assert_eq!(planner["baseSalary"]["value"]["unitText"], "DAY");
    assert_eq!(planner["employmentType"], "CONTRACTOR");
    assert_eq!(
        planner["datePosted"], "2026-11-23",
        "the build date without `posted`"
    );
    for closed in ["/roles/senior-glasshouse-keeper", "/roles/lead-beekeeper"] {
        let html = text(app.get(closed).await).await;
        assert!(!html.contains("application/ld+json"), "{closed}");
    }
}

/// A title that tries to end the script element stays inside it.
#[tokio::test]
async fn a_title_containing_a_closing_script_tag_cannot_end_the_element() {
    let html = text(recruit_app().get("/roles/pond-keeper").await).await;
    let blocks = json_ld(&html);
    assert_eq!(blocks.len(), 1);
    assert_eq!(
        blocks[0]["title"],
        "Pond Keeper </script><script>alert(1)</script> <!-- & friends"
    );
    let outside: String = html
        .split("<script type=\"application/ld+json\">")
        .enumerate()
        .map(|(n, part)| match n {
            0 => part,
            _ => part.split_once("</script>").map_or("", |(_, after)| after),
        })
        .collect();
    assert!(
        !outside.contains("<script>alert(1)"),
        "no script element from the title"
    );
    assert!(
        outside.contains("Pond Keeper &#60;/script&#62;"),
        "escaped in the page"
    );
    let head = html.split("</head>").next().unwrap_or_default();
    assert_eq!(
        head.matches("</script>").count(),
        2,
        "the JSON-LD's and enhance.js's"
    );
}
