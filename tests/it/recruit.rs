//! What recruiters need from the site: link previews on every page, closed roles
//! that lead somewhere, Google for Jobs structured data, the sitemap and feed,
//! and apply links that keep a campaign's parameters. Over the `recruit` fixture.

use std::collections::HashSet;

use axum::http::{StatusCode, header};

use crate::support::{
    RECRUIT_BASE, RouterExt, app, assert_status, header_of, json, link_href, meta, recruit_app,
    text, title,
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
            "Careers at Hollow Lane Gardens"
        );
        // A role page shows its own share image; other pages the logo.
        // See: issue #18 (a share image per role).
        let image = present("property", "og:image");
        if og_type == "article" {
            assert!(
                image.starts_with(&format!("{RECRUIT_BASE}/roles/")),
                "{path}: {image}"
            );
            assert!(
                image.contains("/share.") && image.ends_with(".png"),
                "{path}: {image}"
            );
            assert_eq!(present("property", "og:image:width"), "1200", "{path}");
            assert_eq!(present("property", "og:image:height"), "630", "{path}");
            assert!(present("property", "og:image:alt").contains("Hollow Lane Gardens"));
            assert_eq!(
                present("name", "twitter:card"),
                "summary_large_image",
                "{path}"
            );
        } else {
            assert_eq!(image, "https://cdn.hollowlane.example/logo.png", "{path}");
            assert_eq!(present("property", "og:image:width"), "512", "{path}");
            assert_eq!(present("property", "og:image:height"), "512", "{path}");
            assert_eq!(
                present("property", "og:image:alt"),
                "Hollow Lane Gardens logo"
            );
            assert_eq!(present("name", "twitter:card"), "summary", "{path}");
        }
        present("name", "twitter:title");
        present("name", "twitter:description");
        assert_eq!(present("name", "twitter:image"), image, "{path}");
        present("name", "twitter:image:alt");
    }
}

#[tokio::test]
async fn without_a_logo_every_page_has_a_drawn_share_image() {
    // See: issue #18 (a share image per role, and an image on every page):
    // this replaced "no image without a logo".
    let app = app();
    let html = text(app.get("/roles/lead-gardener").await).await;
    assert!(meta(&html, "property", "og:title").is_some());
    let image = meta(&html, "property", "og:image").unwrap_or_default();
    assert!(image.contains("/roles/lead-gardener/share."), "{image}");
    assert_eq!(meta(&html, "name", "twitter:image"), Some(image));
    for path in ["/", "/?team=Glasshouses", "/no-such-page"] {
        let page = text(app.get(path).await).await;
        let site_image = meta(&page, "property", "og:image")
            .unwrap_or_default()
            .to_owned();
        assert!(
            site_image.contains("/share.") && site_image.ends_with(".png"),
            "{path}: {site_image}"
        );
        assert_eq!(
            meta(&page, "property", "og:image:width"),
            Some("1200"),
            "{path}"
        );
        assert_eq!(
            meta(&page, "name", "twitter:card"),
            Some("summary_large_image"),
            "{path}"
        );
        let local = site_image
            .split_once("3000")
            .map(|(_, p)| p.to_owned())
            .unwrap_or_default();
        let png = crate::support::bytes(app.get(&local).await).await;
        assert_eq!(&png[..4], b"\x89PNG", "{path}: {local} is a PNG");
    }
}

/// Filtered and paged listings stay out of search indexes and name the plain
/// listing as canonical; each listing links to its own feed.
#[tokio::test]
async fn filtered_and_paged_listings_are_noindex_and_link_their_feed() {
    let app = recruit_app();
    for (path, feed) in [
        ("/?team=Glasshouses", "/feed.xml?team=Glasshouses"),
        ("/?q=newts&level=Mid", "/feed.xml?q=newts&level=Mid"),
        // Unfiltered pages have paths (`/page/2`); see `ops::paged_listings_have_a_path`.
        ("/?team=Glasshouses&page=2", "/feed.xml?team=Glasshouses"),
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

/// Checks one posting of the fixture's organisation.
fn assert_job_posting(posting: &serde_json::Value, slug: &str, title: &str) {
    assert_job_posting_of(
        posting,
        slug,
        title,
        (
            "Hollow Lane Gardens",
            RECRUIT_BASE,
            Some("https://cdn.hollowlane.example/logo.png"),
        ),
    );
}

/// Checks one posting against the types Google documents for each property;
/// `org` is the organisation's name, `sameAs` and logo.
fn assert_job_posting_of(
    posting: &serde_json::Value,
    slug: &str,
    title: &str,
    org: (&str, &str, Option<&str>),
) {
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
    let (name, same_as, logo) = org;
    let org = typed(&posting["hiringOrganization"], "Organization", slug);
    assert_eq!(org["name"], name);
    assert_eq!(org["sameAs"], same_as);
    match logo {
        Some(logo) => assert_eq!(org["logo"], logo),
        None => assert!(org.get("logo").is_none(), "{slug}: no logo"),
    }
    let remote = posting.get("jobLocationType").is_some();
    if remote {
        assert_eq!(posting["jobLocationType"], "TELECOMMUTE", "{slug}");
    }
    if let Some(areas) = posting.get("applicantLocationRequirements") {
        for area in one_or_many(areas) {
            let kind = string(&area["@type"], "applicantLocationRequirements.@type");
            assert!(["Country", "State"].contains(&kind), "{slug}: {kind}");
            string(&area["name"], "applicantLocationRequirements.name");
        }
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
    assert_eq!(id["name"], name);
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
        // See: a posting date is never the build date; without one, no posting.
        if role["posted"].is_null() {
            assert!(blocks.is_empty(), "{slug}: no posting date, no JSON-LD");
            continue;
        }
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
    // See: issue 31. TELECOMMUTE is for work done entirely away from an
    // office, which "Leeds or remote (UK)" is not.
    assert!(lead.get("jobLocationType").is_none(), "{lead}");
    assert!(
        lead.get("applicantLocationRequirements").is_none(),
        "{lead}"
    );
    // The instant the page names: 11:59pm in the site's zone (London, GMT in January).
    assert_eq!(lead["validThrough"], "2027-01-31T23:59:59+00:00");
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
    // The site default is the role's location on its page too, not only in
    // the posting, so candidates and search engines read the same place.
    let mid_page = text(app.get("/roles/mid-glasshouse-keeper").await).await;
    assert!(
        mid_page.contains("<dt>Location</dt><dd>Harrogate, UK</dd>"),
        "{mid_page}"
    );
    let harrogate = text(app.get("/?location=Harrogate").await).await;
    assert!(
        harrogate.contains("href=\"/roles/mid-glasshouse-keeper\""),
        "and the location filter finds it: {harrogate}"
    );
    // No `posted:` and no history: no posting date is made up, so no posting.
    assert!(!postings.contains_key("tree-planner"));
    let planner = text(app.get("/roles/tree-planner").await).await;
    assert!(
        !planner.contains("<dt>Posted</dt>"),
        "no date the file does not give"
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

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

/// The text of `parent`'s first child element called `name` in `ns`.
fn child<'a>(
    parent: roxmltree::Node<'a, 'a>,
    ns: &str,
    name: &str,
) -> Option<roxmltree::Node<'a, 'a>> {
    parent.children().find(|n| {
        n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(ns)
    })
}

fn child_text<'a>(parent: roxmltree::Node<'a, 'a>, ns: &str, name: &str) -> &'a str {
    child(parent, ns, name)
        .and_then(|n| n.text())
        .unwrap_or_else(|| panic!("<{name}> missing under <{}>", parent.tag_name().name()))
}

/// One feed entry as (id, title, link, updated, summary).
fn feed_entries(xml: &str) -> Vec<[String; 5]> {
    let doc = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("feed XML: {e}"));
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(feed.tag_name().namespace(), Some(ATOM_NS));
    for name in ["title", "id"] {
        assert!(!child_text(feed, ATOM_NS, name).is_empty(), "feed {name}");
    }
    let has_entries = feed.children().any(|n| n.tag_name().name() == "entry");
    assert_eq!(
        child(feed, ATOM_NS, "updated").is_some(),
        has_entries,
        "the feed is as new as its newest entry; a feed of nothing has no date"
    );
    assert!(
        child(feed, ATOM_NS, "author").is_some(),
        "Atom needs an author"
    );
    feed.children()
        .filter(|n| n.tag_name().name() == "entry")
        .map(|entry| {
            let link = child(entry, ATOM_NS, "link").and_then(|l| l.attribute("href"));
            // An entry without a known date has none (never the build date).
            let updated = child(entry, ATOM_NS, "updated")
                .and_then(|n| n.text())
                .unwrap_or_default();
            assert!(
                updated.is_empty() || updated.parse::<jiff::Timestamp>().is_ok(),
                "RFC 3339: {updated}"
            );
            [
                child_text(entry, ATOM_NS, "id").to_owned(),
                child_text(entry, ATOM_NS, "title").to_owned(),
                link.unwrap_or_default().to_owned(),
                updated.to_owned(),
                child_text(entry, ATOM_NS, "summary").to_owned(),
            ]
        })
        .collect()
}

/// The sitemap names the listing and every open role, with `lastmod`; robots.txt
/// names the sitemap by its absolute URL.
#[tokio::test]
async fn sitemap_and_robots_list_only_open_roles() {
    let app = recruit_app();
    let response = app.get("/sitemap.xml").await;
    assert_status(&response, StatusCode::OK, "sitemap");
    assert_eq!(
        header_of(&response, header::CONTENT_TYPE),
        "application/xml"
    );
    let xml = text(response).await;
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("sitemap XML: {e}"));
    let urlset = doc.root_element();
    assert_eq!(urlset.tag_name().name(), "urlset");
    assert_eq!(urlset.tag_name().namespace(), Some(SITEMAP_NS));
    let mut locs: Vec<String> = Vec::new();
    for url in urlset.children().filter(roxmltree::Node::is_element) {
        let loc = child_text(url, SITEMAP_NS, "loc").to_owned();
        // See: never the build date. The tree planner has no `posted:` and
        // no history, so its page shows no date and the sitemap gives none.
        match child(url, SITEMAP_NS, "lastmod").and_then(|n| n.text()) {
            Some(lastmod) => assert!(
                lastmod.parse::<jiff::civil::Date>().is_ok(),
                "lastmod {lastmod}"
            ),
            None => assert!(loc.ends_with("/roles/tree-planner"), "{loc}: no lastmod"),
        }
        locs.push(loc);
    }
    let expected: Vec<String> = [
        "/",
        "/roles/mid-glasshouse-keeper",
        "/roles/lead-glasshouse-keeper",
        "/roles/tree-planner",
        "/roles/pond-keeper",
        // See: issue #21 (a discipline with two or more levels has a career path).
        "/paths/glasshouse-keeper",
    ]
    .iter()
    .map(|p| format!("{RECRUIT_BASE}{p}"))
    .collect();
    assert_eq!(
        locs, expected,
        "the listing, open roles in listing order, then career paths"
    );
    let robots = app.get("/robots.txt").await;
    assert_status(&robots, StatusCode::OK, "robots.txt");
    assert_eq!(
        header_of(&robots, header::CONTENT_TYPE),
        "text/plain; charset=utf-8"
    );
    let robots = text(robots).await;
    assert!(
        robots
            .lines()
            .any(|l| l == format!("Sitemap: {RECRUIT_BASE}/sitemap.xml")),
        "{robots}"
    );
}

/// The feed lists open roles newest first (by `posted`; undated roles last,
/// with no date: never the build date), as Atom, and the listing's filters
/// work on it.
#[tokio::test]
async fn the_feed_is_atom_of_open_roles_newest_first_and_takes_filters() {
    let app = recruit_app();
    let response = app.get("/feed.xml").await;
    assert_status(&response, StatusCode::OK, "feed");
    assert_eq!(
        header_of(&response, header::CONTENT_TYPE),
        "application/atom+xml"
    );
    let plain = text(response).await;
    let entries = feed_entries(&plain);
    let ids: Vec<&str> = entries.iter().map(|e| e[0].as_str()).collect();
    let expected: Vec<String> = [
        "mid-glasshouse-keeper",
        "pond-keeper",
        "lead-glasshouse-keeper",
        "tree-planner",
    ]
    .iter()
    .map(|s| format!("{RECRUIT_BASE}/roles/{s}"))
    .collect();
    assert_eq!(ids, expected, "open roles only, newest first");
    assert_eq!(entries[3][3], "", "an undated role has no <updated>");
    let [id, title, link, updated, summary] = &entries[2];
    assert_eq!(link, id);
    assert_eq!(title, "Lead Glasshouse Keeper");
    assert_eq!(updated, "2026-10-05T00:00:00Z");
    assert!(
        summary.contains("Run the three old glasshouses"),
        "{summary}"
    );
    assert_eq!(
        entries[1][1], "Pond Keeper </script><script>alert(1)</script> <!-- & friends",
        "escaped as XML, read back as written"
    );

    // The same query as a listing first: the two share a cache, not an entry.
    let listing = app.get("/?team=Glasshouses").await;
    assert_eq!(
        header_of(&listing, header::CONTENT_TYPE),
        "text/html; charset=utf-8"
    );
    let filtered = app.get("/feed.xml?team=Glasshouses").await;
    assert_status(&filtered, StatusCode::OK, "filtered feed");
    assert_eq!(
        header_of(&filtered, header::CONTENT_TYPE),
        "application/atom+xml"
    );
    let filtered = text(filtered).await;
    let ids: Vec<String> = feed_entries(&filtered)
        .into_iter()
        .map(|[id, ..]| id)
        .collect();
    assert_eq!(
        ids,
        [
            format!("{RECRUIT_BASE}/roles/mid-glasshouse-keeper"),
            format!("{RECRUIT_BASE}/roles/lead-glasshouse-keeper")
        ]
    );
    assert!(filtered.contains(&format!(
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{RECRUIT_BASE}/feed.xml?team=Glasshouses\"/>"
    )));
    let none = text(app.get("/feed.xml?q=astronaut&page=3").await).await;
    assert!(
        feed_entries(&none).is_empty(),
        "a feed of nothing is still a feed"
    );
    let same = text(app.get("/feed.xml?utm_source=news").await).await;
    assert_eq!(same, plain, "unknown parameters give the plain feed");
}

/// `/roles/{slug}/apply` answers 302 to the role's apply address with the
/// request's campaign parameters, and is never cached.
#[tokio::test]
async fn apply_links_carry_campaign_parameters() {
    let app = recruit_app();
    let html = text(app.get("/roles/lead-glasshouse-keeper").await).await;
    assert_eq!(
        html.matches("<a class=\"apply\" href=\"/roles/lead-glasshouse-keeper/apply\"")
            .count(),
        2,
        "both Apply buttons go through the apply link"
    );
    let cases = [
        (
            "/roles/lead-glasshouse-keeper/apply?utm_source=x",
            "https://apply.hollowlane.example/jobs/17?src=careers&utm_source=x",
        ),
        (
            "/roles/lead-glasshouse-keeper/apply?ref=1&utm_campaign=spring+hiring&utm_medium=e%2Fmail&utm_source=a%26b&utm_term=t&utm_content=c&utm_other=no",
            "https://apply.hollowlane.example/jobs/17?src=careers&utm_campaign=spring%20hiring&utm_medium=e%2Fmail&utm_source=a%26b&utm_term=t&utm_content=c",
        ),
        (
            "/roles/lead-glasshouse-keeper/apply",
            "https://apply.hollowlane.example/jobs/17?src=careers",
        ),
        (
            "/roles/mid-glasshouse-keeper/apply?utm_source=x",
            "mailto:jobs@hollowlane.example?subject=Application%3A%20Mid%20Glasshouse%20Keeper",
        ),
        (
            "/roles/senior-glasshouse-keeper/apply?utm_source=x",
            "/roles/senior-glasshouse-keeper",
        ),
    ];
    for (from, to) in cases {
        let response = app.get(from).await;
        assert_status(&response, StatusCode::FOUND, from);
        assert_eq!(header_of(&response, header::LOCATION), to, "{from}");
        assert_eq!(
            header_of(&response, header::CACHE_CONTROL),
            "no-store",
            "{from}"
        );
        assert!(!header_of(&response, header::CONTENT_SECURITY_POLICY).is_empty());
    }
    let pond = app.get("/roles/pond-keeper/apply").await;
    assert_eq!(
        header_of(&pond, header::LOCATION),
        "mailto:jobs@hollowlane.example?subject=Application%3A%20Pond%20Keeper%20%3C%2Fscript%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E%20%3C%21--%20%26%20friends"
    );
}

/// The role page is prebuilt, so a click on its Apply button brings the page's
/// campaign in `Referer`; old and miscased apply links redirect first.
#[tokio::test]
async fn apply_links_take_the_campaign_of_the_page_they_were_clicked_on() {
    let app = recruit_app();
    let referer =
        format!("{RECRUIT_BASE}/roles/lead-glasshouse-keeper?utm_source=li&utm_medium=social");
    let response = app
        .send(
            "GET",
            "/roles/lead-glasshouse-keeper/apply",
            &[("referer", &referer)],
        )
        .await;
    assert_status(&response, StatusCode::FOUND, "apply from the page");
    assert_eq!(
        header_of(&response, header::LOCATION),
        "https://apply.hollowlane.example/jobs/17?src=careers&utm_source=li&utm_medium=social"
    );
    let elsewhere = format!("{RECRUIT_BASE}/roles/pond-keeper?utm_source=li");
    let response = app
        .send(
            "GET",
            "/roles/lead-glasshouse-keeper/apply",
            &[("referer", &elsewhere)],
        )
        .await;
    assert_eq!(
        header_of(&response, header::LOCATION),
        "https://apply.hollowlane.example/jobs/17?src=careers",
        "another page's campaign is not this link's"
    );
    for from in [
        "/roles/glasshouse-lead/apply?utm_source=x",
        "/roles/Lead-Glasshouse-Keeper/apply?utm_source=x",
        "/roles/lead-glasshouse-keeper/apply/?utm_source=x",
    ] {
        let response = app.get(from).await;
        assert_status(&response, StatusCode::MOVED_PERMANENTLY, from);
        assert_eq!(
            header_of(&response, header::LOCATION),
            "/roles/lead-glasshouse-keeper/apply?utm_source=x",
            "{from}"
        );
    }
    let head = app
        .send("HEAD", "/roles/lead-glasshouse-keeper/apply", &[])
        .await;
    assert_status(&head, StatusCode::FOUND, "HEAD");
}

/// Every open role of the bundled catalogue reaches Google for Jobs.
// See: issue #18 (the JSON-LD of every open bundled role, parsed and typed).
#[tokio::test]
async fn every_open_bundled_role_embeds_a_job_posting() {
    let bundled = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("roles");
    let app = careers::server::router(careers::server::AppState::new(
        crate::support::site_from_dir(&bundled),
    ));
    let roles = json(app.get("/roles.json").await).await;
    let roles = roles["roles"].as_array().cloned().unwrap_or_default();
    assert!(roles.len() >= 4, "the bundled roles are listed");
    for role in &roles {
        let slug = role["slug"].as_str().unwrap_or_default().to_owned();
        let html = text(app.get(&format!("/roles/{slug}")).await).await;
        let blocks = json_ld(&html);
        // Outside git (this build reads no history), a role without
        // `posted:` has no posting date, so no posting.
        let expected = usize::from(!role["posted"].is_null());
        assert_eq!(blocks.len(), expected, "{slug}: JSON-LD blocks");
        if expected == 0 {
            continue;
        }
        let title = role["title"].as_str().unwrap_or_default();
        let org = ("Northwind Digital", "http://127.0.0.1:3000", None);
        assert_job_posting_of(&blocks[0], &slug, title, org);
    }
}
