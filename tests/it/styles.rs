//! Role folders kept for other site generators (Jekyll with Liquid and
//! kramdown attribute lists, GOV.UK
//! HTML, Hugo shortcodes, Middleman ERB): every page built from them shows
//! no template tag and no escaped HTML, and what the tags and HTML meant is
//! read. See: issue #19.

use axum::Router;
use careers::server::{AppState, router};
use careers::site::{PipelineOptions, Sink, build_from_dir};

use crate::support::{RouterExt, fixture, json, now, site_from_dir};

const STYLES: &[&str] = &["jekyll-liquid", "govuk-html", "hugo-shortcodes", "erb"];

fn app(style: &str) -> Router {
    router(AppState::new(site_from_dir(&fixture(&format!(
        "styles/{style}/roles"
    )))))
}

/// A page without what sits in `<code>` (tags shown on purpose) or in the
/// JSON-LD `<script>` (data, where `}}` closes nested objects).
fn outside_code(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    loop {
        let next = [("<code", "</code>"), ("<script", "</script>")]
            .into_iter()
            .filter_map(|(open, close)| rest.find(open).map(|at| (at, close)))
            .min();
        let Some((start, close)) = next else {
            break;
        };
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find(close)
            .map_or("", |end| &rest[start + end..]);
    }
    out.push_str(rest);
    out
}

#[tokio::test]
async fn no_page_shows_a_template_tag_or_escaped_html() {
    for style in STYLES {
        let dir = fixture(&format!("styles/{style}/roles"));
        let app = app(style);
        let site = site_from_dir(&dir);
        let mut seen = 0;
        for role in site.roles() {
            let path = format!("/roles/{}", role.slug);
            let html = outside_code(&app.page(&path).await);
            for tag in ["{{", "{%", "<%", "%}", "}}", "%>", "{:", ">TOC<"] {
                assert!(!html.contains(tag), "{path} ({style}) shows `{tag}`");
            }
            for (at, _) in html.match_indices("&lt;") {
                let next = html[at + 4..].chars().next().unwrap_or(' ');
                assert!(
                    !(next.is_ascii_alphabetic() || next == '/' || next == '!'),
                    "{path} ({style}) shows escaped HTML: {}",
                    &html[at..(at + 40).min(html.len())]
                );
            }
            seen += 1;
        }
        assert!(seen > 0, "{style} built no role page");
    }
}

#[tokio::test]
async fn liquid_is_filled_from_front_matter_and_its_comments_are_dropped() {
    let app = app("jekyll-liquid");
    let html = app.page("/roles/seed-keeper").await;
    assert!(
        html.contains("the Long Glasshouse, in Wakehurst, Sussex"),
        "page values are filled"
    );
    assert!(html.contains("Applications open on Wednesday, March 3, 2027."));
    assert!(!html.contains("999"), "a comment's amount is never shown");
    assert!(
        !html.contains("pay guide</a>"),
        "a link whose address was a tag is not a link"
    );
    assert!(
        html.contains("Read more in our pay guide"),
        "a link whose address was a tag keeps its text"
    );
    assert!(
        html.contains("<code>{{ page.location }}</code>"),
        "code stays code"
    );
    let role = json(app.get("/roles/seed-keeper.json").await).await;
    assert_eq!(role["salary"][0]["min"], 61_000, "{role}");
    assert_eq!(role["salary"].as_array().map(Vec::len), Some(1), "{role}");
    let orchard = app.page("/roles/orchard-lead").await;
    assert!(orchard.contains("Orchards is hiring an orchard lead for Brogdale, Kent."));
    assert!(
        !orchard.contains("not open yet"),
        "a false branch is dropped"
    );
}

#[test]
fn unknown_tags_are_warned_about_at_their_line() {
    let build = build_from_dir(
        &fixture("styles/jekyll-liquid/roles"),
        now(),
        Sink::None,
        &PipelineOptions::default(),
    )
    .unwrap_or_else(|e| panic!("build: {e}"));
    let tags: Vec<(String, u32, u32, &str)> = build
        .diagnostics
        .iter()
        .filter(|d| d.code == "template-tag")
        .map(|d| {
            let file = d.path.file_name().map(|n| n.to_string_lossy().into_owned());
            (file.unwrap_or_default(), d.line, d.col, d.message.as_str())
        })
        .collect();
    let at: Vec<(&str, u32, u32)> = tags.iter().map(|t| (t.0.as_str(), t.1, t.2)).collect();
    assert_eq!(
        at,
        [
            ("orchard_lead.md", 11, 1),
            ("orchard_lead.md", 21, 1),
            ("orchard_lead.md", 23, 35),
            ("seed_keeper.md", 27, 1),
            ("seed_keeper.md", 38, 32),
        ],
        "{tags:?}"
    );
    assert!(tags[0].3.contains("table of contents"), "{tags:?}");
    assert!(tags[1].3.contains("`{: .usa-heading}`"), "{tags:?}");
    assert!(tags[3].3.contains("`include`"), "{tags:?}");
    assert!(tags[4].3.contains("`link`"), "{tags:?}");
    assert!(build.diagnostics.iter().all(|d| !d.is_error()));
}

#[tokio::test]
async fn an_upcoming_role_says_when_it_opens_and_takes_no_applications() {
    let app = app("jekyll-liquid");
    let html = app.page("/roles/seed-keeper").await;
    assert!(html.contains("Applications open on <strong>3 March 2027</strong>"));
    assert!(!html.contains("class=\"apply\""), "no Apply button");
    assert!(!html.contains("/roles/seed-keeper/apply"), "no apply link");
    assert!(
        !html.contains("application/ld+json"),
        "no JobPosting before it opens"
    );
    let apply = app.get("/roles/seed-keeper/apply").await;
    assert_eq!(
        apply
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok()),
        Some("/roles/seed-keeper"),
        "its apply address leads back to its page"
    );
    let role = json(app.get("/roles/seed-keeper.json").await).await;
    assert_eq!(role["status"], "upcoming");
    let listing = app.page("/").await;
    assert!(listing.contains("<span class=\"tag-upcoming\">Opens 3 March 2027</span>"));
    let sitemap = app.page("/sitemap.xml").await;
    assert!(sitemap.contains("/roles/seed-keeper<"), "{sitemap}");
    let open = app.page("/roles/orchard-lead").await;
    assert!(
        open.contains("class=\"apply\""),
        "an open role keeps its button"
    );
}

#[tokio::test]
async fn govuk_html_is_sanitised_and_its_summary_list_is_key_facts() {
    let app = app("govuk-html");
    let html = app.page("/roles/plant-scientist").await;
    assert!(
        html.contains("<dt>Grade</dt><dd>Senior Scientific Officer</dd>"),
        "grade in key facts"
    );
    assert!(html.contains("<dt>Location</dt><dd>Wakehurst</dd>"));
    assert!(
        html.contains("<dt>Closing date</dt><dd>Closes in ") && html.contains("9 March 2027</dd>"),
        "closing date from the summary list"
    );
    assert!(
        !html.contains("11:59pm"),
        "no site.yaml names a time zone, so no time of day is claimed"
    );
    // See: issue #27 (nothing the file says is lost): a fact careers does
    // not type is shown with the key facts as written, not as summary.
    assert!(
        html.contains("<dt>Download</dt><dd>Word version</dd>"),
        "an untyped fact is kept in key facts"
    );
    assert_eq!(html.matches("Word version").count(), 1, "and only there");
    for gone in [
        "steal()",
        "onclick",
        "onerror",
        "javascript:",
        "<iframe",
        "govuk-",
    ] {
        assert!(!html.contains(gone), "`{gone}` is removed");
    }
    assert!(html.contains("<img src=\"lab.png\" alt=\"The seed lab\">"));
    assert!(
        html.contains("<details>") && html.contains("<summary>What a week looks like</summary>")
    );
    assert!(html.contains("<td>Monday</td>"), "tables stay");
    assert!(
        html.contains(
            "<a href=\"https://video.example/embed/seed-vault\">A walk through the seed vault</a>"
        ),
        "an iframe becomes a link to its source"
    );
    let role = json(app.get("/roles/plant-scientist.json").await).await;
    assert_eq!(
        role["summary"],
        "We study how seeds survive a century in the cold."
    );
    assert_eq!(role["location"], "Wakehurst");
    assert_eq!(role["closes"], "2027-03-09");
    assert_eq!(role["grade"], "Senior Scientific Officer");
}

#[tokio::test]
async fn shortcodes_and_erb_are_removed_and_paired_text_kept() {
    let hugo = app("hugo-shortcodes").page("/roles/tree-surgeon").await;
    assert!(hugo.contains("Bring your own climbing harness if you have one."));
    assert!(hugo.contains("Survey trees after storms"));
    let erb = app("erb").page("/roles/greenhouse-technician").await;
    assert!(
        erb.contains("Checks the boilers every day"),
        "text between ERB tags stays"
    );
    assert!(
        erb.contains("<a href=\"https://video.example/embed/glasshouse-tour\">https://video.example/embed/glasshouse-tour</a>"),
        "an untitled iframe is a link named by its address"
    );
}
