//! The two role files the project started from, as bundled in `roles/`.
//! See: issue #2 (the seed counts are part of the contract).

use std::path::Path;

use careers::role::{self, Role};

fn bundled(file: &str) -> Role {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("roles")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
    let parsed = role::parse(&path, &text);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    parsed
        .role
        .unwrap_or_else(|| panic!("{file} did not parse"))
}

#[test]
fn issue_2_senior_reliability_engineer_counts() {
    let r = bundled("senior-reliability-engineer.md");
    assert_eq!(r.title, "Senior Reliability Engineer");
    assert_eq!(r.experience.required.len(), 7);
    assert_eq!(r.experience.optional.len(), 4);
    assert_eq!(r.expectations.len(), 40);
    assert_eq!(r.salary.len(), 1);
    assert_eq!(
        (r.salary[0].min(), r.salary[0].max()),
        (60_000, Some(75_000))
    );
    assert_eq!(
        r.experience.required[0],
        "Debugging a range of applications"
    );
    assert_eq!(r.experience.optional[0], "Working directly with customers");
}

#[test]
fn issue_2_senior_software_engineer_2_counts() {
    let r = bundled("senior-software-engineer-2.md");
    assert_eq!(r.title, "Senior Software Engineer 2");
    assert_eq!(r.experience.required.len(), 14);
    assert_eq!(r.experience.optional.len(), 8);
    assert_eq!(r.expectations.len(), 0);
    assert_eq!(
        (r.salary[0].min(), r.salary[0].max()),
        (75_000, Some(100_000))
    );
    assert_eq!(r.benefits.len(), 13);
    assert_eq!(r.level_name(), Some("Senior"));
}

#[test]
fn bundled_roles_check_clean() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("roles");
    let catalogue = role::load(&dir).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(catalogue.diagnostics, []);
    assert!(catalogue.roles.len() >= 5);
}
