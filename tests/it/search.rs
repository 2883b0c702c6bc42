//! Search and filters through the real router, over `fixtures/search`: every
//! word of a role page, places read from locations, repeated values, an
//! unreadable minimum salary and the empty-parameter redirect. See: issue #20.

use axum::Router;
use axum::http::{StatusCode, header};

use careers::server::{AppState, router};

use crate::support::{RouterExt, assert_status, fixture, header_of, site, title};

const HOSTING: &str = "Lead Hosting Engineer";
const DESIGNER: &str = "Mid Service Designer";
const ANALYST: &str = "Senior Data Analyst";
const RESEARCHER: &str = "Senior User Researcher";
const ALL: [&str; 4] = [HOSTING, DESIGNER, ANALYST, RESEARCHER];

fn search_app() -> Router {
    router(AppState::new(site(&fixture("search/roles"))))
}

/// The titles of the role cards on a listing page, in order.
fn cards(html: &str) -> Vec<&'static str> {
    let mut found: Vec<(usize, &'static str)> = ALL
        .iter()
        .filter_map(|t| html.find(&format!(">{t}</a>")).map(|at| (at, *t)))
        .collect();
    found.sort_unstable();
    found.into_iter().map(|(_, t)| t).collect()
}

#[tokio::test]
async fn issue_20_words_anywhere_on_the_page_are_found() {
    let app = search_app();
    for (q, expected) in [
        ("remote", vec![HOSTING, RESEARCHER]),
        ("Leeds", vec![HOSTING]),
        ("Ruby", vec![HOSTING]),
        ("orchard", vec![HOSTING]),
        ("Platform", vec![HOSTING]),
    ] {
        let html = app.page(&format!("/?q={q}")).await;
        assert_eq!(cards(&html), expected, "q={q}");
    }
}

#[tokio::test]
async fn issue_20_a_plural_finds_the_singular_and_the_title_ranks_first() {
    let app = search_app();
    let html = app.page("/?q=engineers").await;
    assert_eq!(
        cards(&html),
        [HOSTING, ANALYST],
        "the title match first, then the summary's singular"
    );
    assert!(
        html.contains("Best matches first"),
        "one ranked list, not team groups"
    );
}

#[tokio::test]
async fn issue_20_location_options_come_from_where_the_jobs_are() {
    let html = search_app().page("/").await;
    for option in ["Leeds", "Bristol", "Manchester", "Remote", "Remote (UK)"] {
        assert!(
            html.contains(&format!("<option value=\"{option}\">{option}</option>")),
            "{option} offered"
        );
    }
    assert!(
        !html.contains("<option value=\"London\">"),
        "a pay band's name is not a place the job is"
    );
}

#[tokio::test]
async fn issue_20_a_city_finds_roles_there_and_roles_remote_within_its_country() {
    let app = search_app();
    let html = app.page("/?location=London").await;
    assert_eq!(cards(&html), [HOSTING]);
    assert!(
        html.contains("Matches: Remote (UK), which includes London"),
        "the card says why a Leeds role matched London"
    );
    assert!(
        html.contains("<option value=\"London\" selected>London</option>"),
        "the form shows the place asked for, though no role names it"
    );
    let html = app.page("/?location=Bristol").await;
    assert_eq!(cards(&html), [DESIGNER, HOSTING]);
    assert_eq!(
        html.matches("Matches:").count(),
        1,
        "the Bristol role needs no reason, the remote one does"
    );
    let html = app.page("/?location=Leeds").await;
    assert_eq!(cards(&html), [HOSTING]);
    assert!(
        !html.contains("Matches:"),
        "an obvious match needs no reason"
    );
    let html = app.page("/?location=Remote").await;
    assert_eq!(cards(&html), [HOSTING, RESEARCHER]);
}

#[tokio::test]
async fn issue_20_repeated_values_or_together() {
    let app = search_app();
    let html = app.page("/?team=Design&team=Platform").await;
    assert_eq!(cards(&html), [DESIGNER, HOSTING]);
    let html = app.page("/?location=Bristol&location=Manchester").await;
    assert_eq!(
        cards(&html),
        [DESIGNER, ANALYST, HOSTING],
        "either city, and the role remote within the UK"
    );
    let html = app.page("/?level=Senior&team=User+Researcher").await;
    assert_eq!(cards(&html), [RESEARCHER], "different filters still AND");
}

#[tokio::test]
async fn issue_20_an_unreadable_minimum_salary_is_shown_as_an_error_by_the_field() {
    let app = search_app();
    for typed in ["eighty+thousand", "abc", "1234567890123456789012345"] {
        let uri = format!("/?min_salary={typed}");
        let html = app.page(&uri).await;
        assert!(
            title(&html).starts_with("Error: "),
            "{uri}: title {}",
            title(&html)
        );
        assert!(
            html.contains("class=\"error-summary\""),
            "{uri}: error summary"
        );
        assert!(
            html.contains("<a href=\"#min_salary\">Enter the minimum salary"),
            "{uri}: the summary links to the field"
        );
        assert!(
            html.contains("aria-describedby=\"min-hint min-error\" aria-invalid=\"true\""),
            "{uri}: the field is marked invalid and described by the message"
        );
        assert!(
            html.contains("id=\"min-error\""),
            "{uri}: message by the field"
        );
        assert!(
            html.contains(&format!("value=\"{}\"", typed.replace('+', " "))),
            "{uri}: the value is shown back"
        );
        assert_eq!(cards(&html).len(), 4, "{uri}: nothing is filtered out");
    }
    let html = app.page("/?min_salary=57k").await;
    assert!(
        !html.contains("error-summary"),
        "a readable value is no error"
    );
    assert_eq!(cards(&html), [ANALYST, HOSTING, RESEARCHER]);
}

#[tokio::test]
async fn issue_20_empty_parameters_redirect_to_the_address_without_them() {
    let app = search_app();
    let response = app.get("/?q=&team=Platform&level=").await;
    assert_status(&response, StatusCode::MOVED_PERMANENTLY, "empty parameters");
    assert_eq!(header_of(&response, header::LOCATION), "/?team=Platform");
    let response = app.get("/?q=&location=").await;
    assert_status(&response, StatusCode::MOVED_PERMANENTLY, "all empty");
    assert_eq!(header_of(&response, header::LOCATION), "/");
}

#[tokio::test]
async fn issue_20_title_and_heading_say_what_the_listing_shows() {
    let app = search_app();
    let html = app.page("/?q=data&location=Manchester").await;
    assert!(
        html.contains("<h1 id=\"listing-heading\">1 role matching ‘data’ in Manchester</h1>"),
        "heading"
    );
    assert_eq!(
        title(&html),
        "1 role matching ‘data’ in Manchester – Careers at Test Gardens"
    );
    let html = app.page("/?team=Design&team=Platform&level=Mid").await;
    assert!(html.contains("1 role in Design or Platform at Mid level</h1>"));
    assert!(
        html.contains("<summary>Filters (2 set)</summary>"),
        "the disclosure counts the filters set"
    );
}

#[tokio::test]
async fn issue_20_role_pages_say_the_period_the_days_left_and_what_is_not_stated() {
    let app = search_app();
    let html = app.page("/roles/lead-hosting-engineer").await;
    assert!(
        html.contains("<strong>£70,000 to £82,000 a year</strong>"),
        "the period"
    );
    assert!(
        html.contains("Closes in 5 days: 28 November 2026, at 11:59pm (Europe/London time)"),
        "days left and the time it closes"
    );
    let html = app.page("/roles/mid-service-designer").await;
    for label in ["Employment type", "Closing date"] {
        assert!(
            html.contains(&format!("<dt>{label}</dt><dd>not stated</dd>")),
            "{label} not stated"
        );
    }
    let html = app.page("/roles/user-researcher").await;
    assert!(
        html.contains("<dt>Discipline</dt><dd>User Researcher</dd>"),
        "a discipline is not called a team"
    );
    assert!(!html.contains("<dt>Team</dt>"));
}
