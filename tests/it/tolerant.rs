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
    assert_eq!(
        out.lines().last(),
        Some("4 files, 4 roles, 0 errors, 3 warnings, 6 unknown front-matter keys")
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
    let reading = careers::site::pipeline::read_dir(&dir).unwrap_or_else(|e| panic!("{e}"));
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
