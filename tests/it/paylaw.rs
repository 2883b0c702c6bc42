//! Pay-transparency law and fair wording, as `check` reports them: a fixture
//! folder per jurisdiction (`paylaw/<code>/roles`) whose `meets.md` meets
//! every rule and whose `misses-<rule>.md` misses exactly one, the wording
//! lists with their false friends, and the real binary with a `site.yaml`
//! that makes pay-law findings errors.

use std::path::Path;
use std::process::Command;

use careers::cli::Format;
use careers::cmd::check::report;
use careers::role::Diagnostic;
use careers::site::{PipelineOptions, Sink, build_from_dir};

use crate::support::{self, fixture};

/// The codes of this feature.
const CODES: &[&str] = &[
    "pay-law",
    "coded-wording",
    "gendered-title",
    "exclusionary-wording",
];

/// Each jurisdiction's folder and the rules it has a `misses-` file for.
const FOLDERS: &[(&str, &[&str])] = &[
    ("us-co", &["pay", "benefits", "closing", "top"]),
    ("us-ca", &["pay"]),
    ("us-wa", &["pay", "benefits"]),
    ("us-ny", &["pay"]),
    ("us-il", &["pay", "benefits"]),
    ("us-nj", &["pay", "benefits"]),
    ("us-mn", &["pay", "benefits"]),
    ("us-ma", &["pay"]),
    ("us-vt", &["pay"]),
    ("us-md", &["pay", "benefits"]),
    ("us-hi", &["pay"]),
    ("us-dc", &["pay"]),
    ("ca-on", &["pay", "ai", "vacancy", "wide", "experience"]),
    ("ca-bc", &["pay"]),
    ("pl", &["pay", "title"]),
    ("eu", &["pay", "title"]),
];

/// What each rule's message says.
fn wants(rule: &str) -> &'static str {
    match rule {
        "pay" => "requires the pay or a pay range; this role does not state it",
        "benefits" => "requires a general description of benefits; this role does not state it",
        "closing" => "requires the date applications close; this role does not state it",
        "top" => "requires the pay or a pay range with a top; this role's band has no top",
        "ai" => "whether artificial intelligence screens, assesses or selects applicants",
        "vacancy" => "whether the posting is for an existing vacancy",
        "wide" => {
            "no wider than $50,000 when its top is under $200,000; this role's range is $60,000 wide"
        }
        "experience" => "requires that a posting not ask for Canadian experience",
        "title" => "a gender-neutral job title; the title `Salesman` names a gender",
        other => panic!("no message for {other}"),
    }
}

fn diagnostics(folder: &str) -> Vec<Diagnostic> {
    build_from_dir(
        &fixture(folder),
        support::now(),
        Sink::None,
        &PipelineOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{folder}: {e}"))
    .diagnostics
    .to_vec()
}

fn ours_in<'a>(diagnostics: &'a [Diagnostic], file: &str) -> Vec<&'a Diagnostic> {
    diagnostics
        .iter()
        .filter(|d| d.path.file_name().is_some_and(|n| n == file))
        .filter(|d| CODES.iter().any(|c| d.code == *c))
        .collect()
}

#[test]
fn each_jurisdiction_warns_once_for_each_rule_missed_and_never_for_a_role_that_meets_them() {
    for (code, rules) in FOLDERS {
        let found = diagnostics(&format!("paylaw/{code}/roles"));
        assert!(
            ours_in(&found, "meets.md").is_empty(),
            "{code}: meets.md should be quiet: {found:#?}"
        );
        for rule in *rules {
            let file = format!("misses-{rule}.md");
            let ours = ours_in(&found, &file);
            let pay_law: Vec<_> = ours.iter().filter(|d| d.code == "pay-law").collect();
            let tag = format!("({code}");
            assert!(
                pay_law.iter().any(|d| d.message.contains(&tag)),
                "{code}/{file}: no pay-law warning naming {code}: {ours:#?}"
            );
            assert!(
                pay_law
                    .iter()
                    .all(|d| d.message.contains(wants(rule)) && !d.is_error() && d.hint.is_some()),
                "{code}/{file}: {pay_law:#?}"
            );
        }
    }
}

#[test]
fn poland_is_in_the_eu_and_shares_one_line_for_one_gap() {
    let found = diagnostics("paylaw/pl/roles");
    let title: Vec<_> = ours_in(&found, "misses-title.md")
        .into_iter()
        .filter(|d| d.code == "pay-law")
        .collect();
    assert_eq!(title.len(), 1, "{title:#?}");
    assert!(
        title[0]
            .message
            .starts_with("Poland and the EU Pay Transparency Directive (pl, eu) require"),
        "{title:#?}"
    );
}

#[test]
fn remote_roles_take_the_site_jurisdictions_and_remote_in_the_uk_none() {
    let found = diagnostics("paylaw/remote/roles");
    let anywhere: Vec<&str> = ours_in(&found, "anywhere.md")
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(anywhere.len(), 3, "{anywhere:#?}");
    assert!(anywhere[0].starts_with("Colorado (us-co) requires the pay or a pay range, a general description of benefits and the date applications close; this role states none of them"));
    assert!(anywhere[1].starts_with("Ontario (ca-on)"));
    assert!(anywhere[2].starts_with("the EU Pay Transparency Directive (eu)"));
    assert!(ours_in(&found, "in-the-uk.md").is_empty());
}

/// `file:line:col code text` for each wording warning of one file.
fn wording(found: &[Diagnostic], file: &str) -> Vec<String> {
    ours_in(found, file)
        .iter()
        .map(|d| {
            let word = d.message.split('`').nth(1).unwrap_or("");
            format!("{}:{} {} {word}", d.line, d.col, d.code)
        })
        .collect()
}

#[test]
fn wording_warnings_name_the_word_its_line_and_a_neutral_alternative() {
    let found = diagnostics("paylaw/wording/roles");
    assert_eq!(
        wording(&found, "coded.md"),
        [
            "6:12 coded-wording aggressive",
            "6:24 coded-wording competitive",
            "6:56 coded-wording ambitious",
            "7:5 coded-wording decisive",
            "7:28 coded-wording dominate",
        ]
    );
    assert_eq!(
        wording(&found, "gendered.md"),
        [
            "6:29 gendered-title Chairman",
            "6:39 gendered-title He/she",
            "7:5 gendered-title he or she",
        ]
    );
    assert_eq!(
        wording(&found, "exclusionary.md"),
        [
            "6:10 exclusionary-wording young and dynamic",
            "6:44 exclusionary-wording digital native",
            "7:7 exclusionary-wording native English speaker",
        ]
    );
    let chairman = ours_in(&found, "gendered.md")[0];
    assert_eq!(
        chairman.hint.as_deref(),
        Some("try `chair`; to keep it, add `accept_wording: [chairman]` to the front matter")
    );
}

#[test]
fn false_friends_and_accepted_words_stay_quiet() {
    let found = diagnostics("paylaw/wording/roles");
    assert_eq!(wording(&found, "false-friends.md"), Vec::<String>::new());
    assert_eq!(wording(&found, "accepted.md"), Vec::<String>::new());
}

#[test]
fn the_wording_switch_turns_the_wording_checks_off() {
    let found = diagnostics("paylaw/wording-off/roles");
    assert!(
        found.iter().all(|d| CODES.iter().all(|c| d.code != *c)),
        "{found:#?}"
    );
}

#[test]
fn github_annotations_carry_the_jurisdiction() {
    let dir = fixture("paylaw/us-co/roles");
    let build = build_from_dir(
        &dir,
        support::now(),
        Sink::None,
        &PipelineOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let out = report(&build, Format::Github).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        out.lines().any(|l| l.starts_with("::warning file=")
            && l.contains("misses-closing.md,line=6,col=1,title=pay-law::Colorado (us-co) requires the date applications close")),
        "{out}"
    );
}

/// Writes `files` into `dir`.
fn write_all(dir: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

// Run as a person does: from a folder holding `roles/`, default flags.
#[test]
fn site_yaml_can_make_pay_law_findings_errors_that_fail_check() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let roles = dir.path().join("roles");
    std::fs::create_dir(&roles).unwrap_or_else(|e| panic!("{e}"));
    write_all(
        &roles,
        &[
            ("site.yaml", "jurisdictions: [us-co]\npay_law: error\n"),
            (
                "engineer.md",
                "# Platform Engineer\n\nBuild and run the platform.\n",
            ),
        ],
    );
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_careers"))
            .arg("check")
            .current_dir(dir.path())
            .env_remove("CAREERS_BASE_URL")
            .output()
            .unwrap_or_else(|e| panic!("cannot run careers: {e}"))
    };
    let out = run();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("roles/engineer.md:1:1: error[pay-law]: Colorado (us-co) requires the pay or a pay range"),
        "{stdout}"
    );
    write_all(&roles, &[("site.yaml", "jurisdictions: [us-co]\n")]);
    let out = run();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("warning[pay-law]"), "{stdout}");
    write_all(
        &roles,
        &[("site.yaml", "jurisdictions: [us-co]\npay_law: off\n")],
    );
    let stdout = String::from_utf8_lossy(&run().stdout).into_owned();
    assert!(!stdout.contains("pay-law"), "{stdout}");
}

#[test]
fn the_preview_dashboard_has_a_compliance_line_per_role() {
    let mut pipeline = careers::cmd::preview::open(&fixture("paylaw/us-co/roles"))
        .unwrap_or_else(|e| panic!("{e:#}"));
    let site =
        careers::cmd::preview::rebuild(&mut pipeline, None).unwrap_or_else(|e| panic!("{e:#}"));
    let page = site
        .lazy_page("/_preview")
        .unwrap_or_else(|| panic!("no dashboard"))
        .page(&site)
        .unwrap_or_else(|e| panic!("{e}"));
    let html = String::from_utf8_lossy(&page.identity.body);
    assert!(
        html.contains("Pay law and wording: Colorado (us-co) requires the date applications close; this role does not state it (pay-law)"),
        "{html}"
    );
    assert!(html.contains("Pay law and wording: no findings."), "{html}");
}

#[test]
fn a_draft_is_told_but_never_fails_the_build() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    write_all(
        dir.path(),
        &[
            ("site.yaml", "pay_law: error\n"),
            (
                "draft.md",
                "---\nstatus: draft\nlocation: Denver, CO\n---\n# Platform Engineer\n\nBuild it.\n",
            ),
        ],
    );
    let build = build_from_dir(
        dir.path(),
        support::now(),
        Sink::None,
        &PipelineOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let pay_law: Vec<_> = build
        .diagnostics
        .iter()
        .filter(|d| d.code == "pay-law")
        .collect();
    assert_eq!(pay_law.len(), 1, "{pay_law:#?}");
    assert!(!pay_law[0].is_error());
}
