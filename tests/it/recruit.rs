//! What recruiters need from the site: link previews on every page, closed roles
//! that lead somewhere, Google for Jobs structured data, the sitemap and feed,
//! and apply links that keep a campaign's parameters. Over the `recruit` fixture.

use std::collections::HashSet;

use axum::http::StatusCode;

use crate::support::{
    RECRUIT_BASE, RouterExt, app, assert_status, link_href, meta, recruit_app, text, title,
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
