//! Front matter written for other site generators: unknown keys are kept and
//! counted, foreign keys mapped onto ours, and every problem in a file
//! reported at its line.

use std::process::Command;

use careers::cli::Format;
use careers::cmd::check::{Extras, report_with};
use careers::role::{self, Status};
use careers::site::{Sink, build_from_dir};

use crate::support::{self, fixture};

/// `careers check` on a fixture folder, paths under it shown as `[ROOT]`.
fn check(case: &str, args: &[&str]) -> (i32, String) {
    let dir = fixture(case);
    let out = Command::new(env!("CARGO_BIN_EXE_careers"))
        .args(["check", "--roles"])
        .arg(&dir)
        .args(args)
        .env_remove("RUST_LOG")
        .output()
        .unwrap_or_else(|e| panic!("cannot run careers: {e}"));
    let text = String::from_utf8_lossy(&out.stdout).replace(&dir.display().to_string(), "[ROOT]");
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn foreign_front_matter_builds_every_role_and_counts_unknown_keys() {
    let (code, out) = check("tolerant/foreign/roles", &[]);
    assert_eq!(code, 0, "{out}");
    // The three without pay are warned about (see: issue #21); the one whose
    // `salary_min`/`salary_max` were mapped onto ours is not.
    assert_eq!(
        out.lines()
            .filter(|l| l.contains("warning[no-pay]"))
            .count(),
        3,
        "{out}"
    );
    assert!(!out.contains("federal_lighthouse_keeper.md:1:1: warning[no-pay]"));
    // The folder's site.yaml names no organisation and no apply address, and
    // the one role with a closing date is judged in a zone no one named.
    assert_eq!(
        out.lines()
            .filter(|l| l.contains("warning[setting-unset]"))
            .count(),
        3,
        "{out}"
    );
    assert_eq!(
        out.lines().last(),
        Some("4 files, 4 roles, 0 errors, 6 warnings, 6 unknown front-matter keys")
    );
}

#[test]
fn verbose_lists_each_unknown_key_at_its_line() {
    let (_, out) = check("tolerant/foreign/roles", &["--verbose"]);
    let lines: Vec<&str> = out.lines().filter(|l| l.contains(": note: ")).collect();
    assert_eq!(lines.len(), 6, "{out}");
    assert_eq!(
        lines[0],
        "[ROOT]/federal_lighthouse_keeper.md:2:1: note: unknown front matter key `layout`, kept and ignored"
    );
    assert!(
        lines.contains(
            &"[ROOT]/lamp_designer.md:8:1: note: unknown front matter key `translationKey`, kept and ignored"
        ),
        "{out}"
    );
}

#[test]
fn the_json_report_counts_unknown_keys_and_lists_them_when_verbose() {
    let dir = fixture("tolerant/foreign/roles");
    let reading =
        careers::site::assemble::pipeline::read_dir(&dir).unwrap_or_else(|e| panic!("{e}"));
    let unknown = reading.catalogue.unknown_keys;
    let build = build_from_dir(&dir, support::now(), Sink::None, &Default::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let extras = Extras {
        unknown_keys: &unknown,
        verbose: true,
    };
    let out = report_with(&build, &extras, Format::Json).unwrap_or_else(|e| panic!("{e}"));
    let value: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(value["unknown_front_matter_keys"], 6);
    assert_eq!(value["unknown_keys"][0]["key"], "layout");
    assert_eq!(value["unknown_keys"][0]["line"], 2);
}

#[test]
fn foreign_keys_give_the_facts_a_candidate_reads() {
    let catalogue =
        role::load(&fixture("tolerant/foreign/roles")).unwrap_or_else(|e| panic!("{e}"));
    let find = |slug: &str| {
        catalogue
            .roles
            .iter()
            .find(|r| r.slug.as_str() == slug)
            .unwrap_or_else(|| panic!("no {slug}"))
    };
    let keeper = find("federal-lighthouse-keeper");
    assert_eq!(keeper.title, "Lighthouse Keeper (GS-12)");
    assert_eq!(keeper.status, Status::Open);
    let aliases: Vec<&str> = keeper.meta.aliases.iter().map(|a| a.as_str()).collect();
    assert_eq!(aliases, ["lighthouse-keeper", "lighthouse-keeper-2025"]);
    assert_eq!(
        keeper.meta.posted.map(|d| d.to_string()).as_deref(),
        Some("2026-10-01")
    );
    assert_eq!(
        keeper.meta.closes.map(|d| d.to_string()).as_deref(),
        Some("2026-11-30")
    );
    assert_eq!(keeper.meta.team.as_deref(), Some("Coastal Lights"));
    assert_eq!(keeper.meta.employment_type.as_deref(), Some("Permanent"));
    assert_eq!(
        keeper.meta.apply_url.as_deref(),
        Some("https://jobs.example.gov/lighthouse/1234")
    );
    let band = &keeper.salary[0];
    assert_eq!(
        (band.min(), band.max(), band.currency().symbol()),
        (72_500, Some(94_250), "$")
    );
    assert_eq!(
        keeper.meta.grade.as_deref(),
        Some("GS-12"),
        "gs_level is a grade, shown in key facts"
    );

    let designer = find("lamp-designer");
    assert_eq!(designer.title, "Lamp Designer");
    assert_eq!(
        designer.meta.description.as_deref(),
        Some("We design the lamps that keep ships off the rocks.")
    );
    let aliases: Vec<&str> = designer.meta.aliases.iter().map(|a| a.as_str()).collect();
    assert_eq!(
        aliases,
        ["concepteur-de-lampes"],
        "its own slug is no alias"
    );

    let polisher = find("lens-polisher");
    assert!(
        polisher.meta.aliases.is_empty(),
        "its canonical path is itself"
    );
}

#[test]
fn every_problem_in_a_file_is_reported_and_only_status_closes_and_slug_leave_it_out() {
    let (code, out) = check("tolerant/problems/roles", &[]);
    assert_eq!(code, 1, "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn an_expectation_that_says_expectations_stays_in_its_group() {
    let catalogue =
        role::load(&fixture("tolerant/expectations/roles")).unwrap_or_else(|e| panic!("{e}"));
    let role = &catalogue.roles[0];
    let got: Vec<(&str, Option<&str>)> = role
        .expectations
        .iter()
        .map(|e| (e.title.as_str(), e.group.as_deref()))
        .collect();
    let core = Some("Core Harbour Engineer Expectations");
    assert_eq!(
        got,
        [
            ("Keep the cranes running", core),
            ("Ensure visiting crews' expectations are exceeded", core),
            ("Write it down", core),
            (
                "Lead the winter refit",
                Some("Senior Harbour Engineer Expectations")
            ),
        ]
    );
    assert_eq!(
        role.expectations[1].description_text,
        "Greet each crew, explain the berth, and follow up after they sail."
    );
}

/// The roles of the `tolerant/phrasings` fixture: postings in the styles of a
/// US federal Jekyll site, a Canadian one paid in CAD and a Hugo handbook.
fn phrasings() -> Vec<std::sync::Arc<careers::role::Role>> {
    role::load(&fixture("tolerant/phrasings/roles"))
        .unwrap_or_else(|e| panic!("{e}"))
        .roles
}

fn find<'a>(
    roles: &'a [std::sync::Arc<careers::role::Role>],
    slug: &str,
) -> &'a careers::role::Role {
    roles
        .iter()
        .find(|r| r.slug.as_str() == slug)
        .unwrap_or_else(|| panic!("no {slug}"))
}

// See: issue #19
#[test]
fn issue_19_a_federal_posting_reads_its_band_location_grade_and_experience() {
    let roles = phrasings();
    let surveyor = find(&roles, "federal-river-surveyor");
    let bands: Vec<_> = surveyor
        .salary
        .iter()
        .map(|b| (b.min(), b.max(), b.currency().symbol()))
        .collect();
    assert_eq!(
        bands,
        [(117_962, Some(153_354), "$")],
        "steps are not amounts, and the pay system's cap is not the band"
    );
    assert_eq!(
        surveyor.location.as_deref(),
        Some("Anywhere in the country (remote)")
    );
    assert_eq!(
        (surveyor.level_name(), surveyor.discipline.as_deref()),
        (Some("GS14"), Some("River Surveyor"))
    );
    assert_eq!(
        surveyor.experience.required,
        [
            "Five years of field survey work.",
            "Comfort in small boats."
        ],
        "resume instructions and the list under an unknown sub-heading are not experience"
    );
    // Prose in front matter is a section of the page (issue 27 item 3).
    let intro = surveyor.sections.iter().find(|s| s.heading == "Intro");
    assert_eq!(
        intro.map(|s| s.body.source.trim()),
        Some(
            "We chart the rivers of the republic: their depth, their banks and the bridges over them."
        )
    );
    assert!(!surveyor.meta.extra.iter().any(|(k, _)| k == "intro"));
}

// See: issue #19
#[test]
fn issue_19_a_canadian_posting_is_paid_in_cad_and_scopes_lists_by_their_lead_ins() {
    let roles = phrasings();
    let editor = find(&roles, "canadian-map-editor");
    let band = &editor.salary[0];
    assert_eq!(
        (band.min(), band.max(), band.currency().symbol()),
        (72_000, Some(95_000), "CA$")
    );
    assert_eq!(
        editor.location.as_deref(),
        Some("Halifax, Regina, Victoria")
    );
    assert_eq!(editor.level_name(), Some("Intermediate"));
    assert_eq!(
        editor.experience.required,
        ["Care with place names.", "Fluency in English and French."]
    );
    assert_eq!(editor.experience.optional, ["Published maps."]);
}

// See: issue #19
#[test]
fn issue_19_a_handbook_posting_reads_required_and_nice_to_have_items_and_other_currencies() {
    let roles = phrasings();
    let engineer = find(&roles, "staff-tide-engineer");
    assert_eq!(engineer.title, "Staff Tide Engineer");
    assert_eq!(engineer.level_name(), Some("Staff"));
    assert_eq!(engineer.location.as_deref(), Some("Remote"));
    assert_eq!(
        engineer.experience.required,
        ["Five years of numerical modelling.", "Python or Julia."]
    );
    assert_eq!(engineer.experience.optional, ["Time at sea."]);
    let bands: Vec<_> = engineer
        .salary
        .iter()
        .map(|b| (b.min(), b.currency().symbol(), b.period()))
        .collect();
    use careers::role::model::Period;
    assert_eq!(
        bands,
        [(4_100, "€", Period::Month), (58, "$", Period::Hour)]
    );
}

// See: issue #19
#[test]
fn issue_19_check_reads_the_other_styles_with_only_the_warnings_a_reader_would_agree_with() {
    let (code, out) = check("tolerant/phrasings/roles", &[]);
    assert_eq!(code, 0, "{out}");
    let codes: Vec<&str> = out
        .lines()
        .filter_map(|l| {
            l.split_once("warning[")
                .map(|(_, c)| c.split(']').next().unwrap_or(""))
        })
        .collect();
    assert_eq!(
        codes,
        [
            "front-matter-repaired",
            "front-matter-repaired",
            "front-matter-repaired",
            "heading-no-space",
            // No site.yaml: no organisation, no apply address (see: no invented defaults).
            "setting-unset",
            "setting-unset",
        ],
        "{out}"
    );
    assert!(
        // `schedule: full-time` is read as the employment type (issue #28).
        out.ends_with("3 files, 3 roles, 0 errors, 6 warnings, 1 unknown front-matter key\n"),
        "{out}"
    );
}

// See: issue #19
#[test]
fn issue_19_role_pages_show_each_band_in_its_own_currency() {
    let site = support::site(&fixture("tolerant/phrasings/roles"));
    let page = |path: &str| {
        let page = site.page(path).unwrap_or_else(|| panic!("no {path}"));
        String::from_utf8_lossy(&page.identity.body).into_owned()
    };
    let editor = page("/roles/canadian-map-editor");
    assert!(editor.contains("CA$72,000 to CA$95,000"), "{editor}");
    let engineer = page("/roles/staff-tide-engineer");
    assert!(engineer.contains("€4,100 to €4,600 a month"), "{engineer}");
    assert!(engineer.contains("$58 an hour"), "{engineer}");
}

// See: issue #19 (`$` is US dollars unless a setting says otherwise).
#[tokio::test]
async fn a_site_that_says_it_pays_in_canadian_dollars_is_read_and_shown_so() {
    use crate::support::{RouterExt, json, site_from_dir, text};
    use careers::server::{AppState, router};

    let app = router(AppState::new(site_from_dir(&fixture(
        "tolerant/canadian/roles",
    ))));
    let band = |role: &serde_json::Value| {
        let b = &role["salary"][0];
        (b["currency"].clone(), b["min"].clone(), b["max"].clone())
    };
    let deckhand = json(app.get("/roles/deckhand.json").await).await;
    assert_eq!(
        band(&deckhand),
        ("CAD".into(), 52_000.into(), 61_000.into()),
        "a bare `$` on a Canadian site"
    );
    let pilot = json(app.get("/roles/harbour-pilot.json").await).await;
    assert_eq!(
        band(&pilot),
        ("CAD".into(), 98_000.into(), 121_000.into()),
        "plain numbers in front matter are in the site's currency"
    );
    let engineer = json(app.get("/roles/fleet-engineer.json").await).await;
    assert_eq!(
        band(&engineer),
        ("USD".into(), 88_000.into(), 104_000.into()),
        "a line that says USD keeps US dollars"
    );

    let page = text(app.get("/roles/deckhand").await).await;
    assert!(page.contains("CA$52,000 to CA$61,000 a year"), "{page}");
    let listing = text(app.get("/?min_salary=90000").await).await;
    assert!(
        listing.contains("paying from CA$90,000"),
        "the salary filter speaks the site's currency: {listing}"
    );
}

#[test]
fn without_a_site_currency_plain_numbers_name_none_and_check_says_where_to_set_it() {
    let dir = fixture("tolerant/canadian/roles");
    let plain = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for name in ["harbour_pilot.md", "deckhand.md"] {
        std::fs::copy(dir.join(name), plain.path().join(name)).unwrap_or_else(|e| panic!("{e}"));
    }
    let catalogue = role::load(plain.path()).unwrap_or_else(|e| panic!("{e}"));
    let pilot = catalogue
        .diagnostics
        .iter()
        .find(|d| d.path.ends_with("harbour_pilot.md"))
        .unwrap_or_else(|| panic!("a warning for the pay range"));
    assert_eq!(pilot.code.as_str(), "front-matter-value");
    assert!(
        pilot
            .hint
            .as_deref()
            .is_some_and(|h| h.contains("site.yaml")),
        "{pilot:?}"
    );
    let deckhand = catalogue
        .roles
        .iter()
        .find(|r| r.slug.as_str() == "deckhand")
        .unwrap_or_else(|| panic!("deckhand loads"));
    assert_eq!(deckhand.salary[0].currency().symbol(), "$");
}

/// The roles of the `shapes` fixture: postings written the way other
/// organisations' sites write them (an HTML table of facts in a late
/// section, an applicant tracking link under an unknown key, Hugo's
/// `[params]`, an HTML body, headings in Italian).
fn shapes() -> Vec<std::sync::Arc<careers::role::Role>> {
    role::load(&fixture("tolerant/shapes/roles"))
        .unwrap_or_else(|e| panic!("{e}"))
        .roles
}

// See: issue #28
#[test]
fn issue_28_a_facts_table_in_a_late_section_gives_place_type_and_where_to_send_a_cv() {
    let roles = shapes();
    let keeper = find(&roles, "lighthouse-keeper");
    assert_eq!(keeper.location.as_deref(), Some("Kuldīga, Latvia"));
    assert_eq!(keeper.meta.employment_type.as_deref(), Some("full-time"));
    assert_eq!(
        keeper.meta.apply_url.as_deref(),
        Some("mailto:keepers@harbour.example")
    );
    assert_eq!(
        keeper.experience.optional,
        ["Experience with diesel generators is a big plus"]
    );
    // A monthly amount with no period is not a year's pay: stated, unread.
    assert!(keeper.salary.is_empty());
    assert_eq!(keeper.pay_state(), role::PayState::InText);
}

// See: issue #28
#[test]
fn issue_28_a_title_marked_closed_and_a_tracking_link_under_an_unknown_key() {
    let roles = shapes();
    let pilot = find(&roles, "ferry-pilot");
    assert_eq!(pilot.title, "Ferry Pilot");
    assert_eq!(pilot.status, Status::Closed);
    assert_eq!(
        pilot.meta.apply_url.as_deref(),
        Some("https://harbour.applytojob.com/apply/x1/Ferry-Pilot")
    );
    assert_eq!(
        pilot.responsibilities,
        ["Steering the morning ferry", "Checking the tide tables"]
    );
}

// See: issue #28
#[test]
fn issue_28_hugo_params_and_an_html_body_are_read_like_our_own() {
    let roles = shapes();
    let mender = find(&roles, "net-mender");
    assert_eq!(mender.location.as_deref(), Some("Porto, Portugal"));
    assert_eq!(
        mender.meta.closes.map(|d| d.to_string()).as_deref(),
        Some("2099-06-30")
    );
    assert_eq!(mender.salary.first().map(|b| b.min()), Some(24_000));
    assert_eq!(
        mender.responsibilities,
        ["Mend torn nets", "Teach apprentices"]
    );
    assert_eq!(mender.experience.required, ["Nimble fingers"]);
    assert_eq!(mender.experience.optional, ["Knowing knots is helpful"]);
    assert_eq!(
        mender.summary_text,
        "We mend the nets of the fishing fleet."
    );
}

// See: issue #28
#[test]
fn issue_28_sentences_and_headings_in_other_languages_state_facts() {
    let roles = shapes();
    let clerk = find(&roles, "dock-clerk");
    assert_eq!(
        clerk.meta.employment_type.as_deref(),
        Some("Part-time, Permanent")
    );
    assert_eq!(clerk.location.as_deref(), Some("Bristol"));
    assert_eq!(
        clerk.responsibilities,
        ["Record cargo", "Answer the harbour phone"]
    );
    assert_eq!(clerk.experience.required, ["Neat handwriting"]);
    assert_eq!(clerk.experience.optional, ["Italian"]);
    assert_eq!(
        clerk.meta.closes.map(|d| d.to_string()).as_deref(),
        Some("2099-03-15")
    );
    assert_eq!(
        clerk.meta.apply_url.as_deref(),
        Some("mailto:clerks@harbour.example")
    );
}

// See: issue #28
#[test]
fn issue_28_the_shapes_folder_checks_with_no_error_and_says_where_pay_was_not_read() {
    let (code, out) = check("tolerant/shapes/roles", &[]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("lighthouse_keeper.md:30:29: warning[salary-unreadable]"),
        "{out}"
    );
}
