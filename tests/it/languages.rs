//! Languages, through the real router over `fixtures/languages` (its own
//! `site.yaml` with `lang: en-CA`): `<html lang>` per page, a role in French
//! with the interface's words in French, translations linked both ways
//! with `hreflang` and a visible link; and the same roles on a French site.
// See: issue 31, item 9.

use axum::Router;
use axum::http::StatusCode;

use careers::server::{AppState, router};
use careers::site::{Settings, Site};

use crate::support::{RouterExt, fixture, json, site_from_dir, text, today};

fn app() -> Router {
    router(AppState::new(site_from_dir(&fixture("languages/roles"))))
}

#[tokio::test]
async fn a_page_says_its_language_and_links_its_translation_both_ways() {
    let app = app();
    let english = app.page("/roles/park-ranger").await;
    assert!(english.contains(r#"<html lang="en-CA">"#), "{english}");
    assert!(english.contains(
        r#"<link rel="alternate" hreflang="fr" href="https://jobs.clearwater.example/roles/garde-forestier">"#
    ));
    assert!(english.contains(
        r#"<link rel="alternate" hreflang="en-CA" href="https://jobs.clearwater.example/roles/park-ranger">"#
    ));
    assert!(
        english
            .contains(r#"<a href="/roles/garde-forestier" hreflang="fr" lang="fr">Français</a>"#),
        "{english}"
    );
    let french = app.page("/roles/garde-forestier").await;
    assert!(french.contains(r#"<html lang="fr">"#), "{french}");
    assert!(
        french
            .contains(r#"<a href="/roles/park-ranger" hreflang="en-CA" lang="en-CA">English</a>"#)
    );
    let other = app.page("/roles/boat-mechanic").await;
    assert!(!other.contains("hreflang"), "no translations, no links");

    let json_of = |slug: &'static str| {
        let app = app.clone();
        async move { json(app.get(&format!("/roles/{slug}.json")).await).await }
    };
    assert_eq!(
        json_of("park-ranger").await["translations"],
        serde_json::json!(["garde-forestier"])
    );
    let garde = json_of("garde-forestier").await;
    assert_eq!(garde["translations"], serde_json::json!(["park-ranger"]));
    assert_eq!(garde["lang"], "fr");
}

#[tokio::test]
async fn a_french_role_page_speaks_french() {
    let html = app().page("/roles/garde-forestier").await;
    for words in [
        "Aller au contenu principal",
        "<h2 id=\"facts-heading\">En bref</h2>",
        "<dt>Salaire</dt>",
        "<dt>Lieu</dt>",
        "<dt>Date de clôture</dt>",
        "Clôture dans 22\u{a0}jours\u{a0}: 15 décembre 2026, à 23\u{a0}h\u{a0}59 (heure America/Toronto)",
        "de CA$52,000 à CA$58,000 par an",
        "Postuler à ce poste",
        "Carrières chez Clearwater River Parks",
        "Confidentialité\u{a0}: ce site ne dépose aucun cookie.",
    ] {
        assert!(html.contains(words), "{words}: {html}");
    }
    // The share image (a drawn picture, and its alt text) is still English.
    let main = html.split("<main").nth(1).unwrap_or_default();
    for english in [
        "Key facts",
        "Apply for this role",
        "Closing date",
        " a year",
    ] {
        assert!(!main.contains(english), "{english} on a French page");
    }
}

/// The fixture's roles on a site whose `lang` is French.
fn french_site() -> Router {
    let dir = fixture("languages/roles");
    let catalogue = careers::role::load(&dir).unwrap_or_else(|e| panic!("load: {e}"));
    let settings = Settings::from_yaml(
        "organisation: Parcs de la Rivière-Claire\nlang: fr-CA\ntime_zone: America/Toronto\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let site = Site::build(catalogue.roles, &settings, today()).unwrap_or_else(|e| panic!("{e}"));
    router(AppState::new(site))
}

#[tokio::test]
async fn on_a_french_site_the_listing_and_the_404_speak_french() {
    let app = french_site();
    let listing = app.page("/").await;
    for words in [
        r#"<html lang="fr-CA">"#,
        "Travaillez avec nous chez Parcs de la Rivière-Claire",
        "<label for=\"q\">Rechercher un poste</label>",
        "Afficher les postes",
        "Suivre ces postes",
        "3\u{a0}postes ouverts",
        "<dt>Salaire</dt>",
        "par an",
        "Par équipe",
    ] {
        assert!(listing.contains(words), "{words}: {listing}");
    }
    let missing = app.get("/no-such-page").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let html = text(missing).await;
    assert!(html.contains("<h1>Page introuvable</h1>"), "{html}");
    assert!(html.contains(r#"<html lang="fr-CA">"#));
    let filtered = app.page("/?team=Parks&sort=newest").await;
    assert!(
        filtered.contains("<h1 id=\"listing-heading\">2\u{a0}postes, équipe Parks</h1>"),
        "{filtered}"
    );
    assert!(filtered.contains(">Les plus récents</h2>"), "{filtered}");
    let statement = app.page("/accessibility").await;
    assert!(
        statement.contains("<h1>Déclaration d’accessibilité</h1>"),
        "{statement}"
    );
    assert!(statement.contains("Tout fonctionne sans JavaScript."));
    let english_role = app.page("/roles/park-ranger").await;
    assert!(
        english_role.contains(r#"<html lang="fr-CA">"#),
        "a role without its own lang is in the site's"
    );
}

#[test]
fn a_lang_that_is_not_a_language_tag_stops_the_settings() {
    let error = Settings::from_yaml("lang: French\n").map(|_| ());
    assert!(
        error
            .as_ref()
            .is_err_and(|e| e.to_string().contains("not a language tag")),
        "{error:?}"
    );
    assert!(Settings::from_yaml("lang: en_GB\n").is_ok_and(|s| s.lang.as_deref() == Some("en-GB")));
}
