use careers::cli::Format;
use careers::cmd::check::report;
use careers::site::{PipelineOptions, Sink, build_from_dir};

use crate::support::{self, fixture};

fn check(name: &str, format: Format) -> String {
    let dir = fixture(name);
    let build = build_from_dir(
        &dir,
        support::now(),
        Sink::None,
        &PipelineOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    report(&build, format)
        .unwrap_or_else(|e| panic!("{e}"))
        .replace(&dir.display().to_string(), "[ROOT]")
}

#[test]
fn human_report_names_file_line_and_code() {
    insta::assert_snapshot!(check("check/mixed/roles", Format::Human));
}

#[test]
fn github_annotations() {
    let out = check("check/mixed/roles", Format::Github);
    assert!(
        out.contains("::warning file=[ROOT]/bad_salary.md,line=5,col=11,title=salary-unreadable::"),
        "{out}"
    );
    assert!(
        // `salry:` is a likely misspelling of `salary`: a warning, not an error.
        out.contains("::warning file=[ROOT]/broken_front_matter.md,line=3,"),
        "{out}"
    );
}

#[test]
fn json_report_counts() {
    let out = check("check/mixed/roles", Format::Json);
    let value: serde_json::Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    assert_eq!(value["files"], 5);
    // `broken_front_matter.md` now loads: its `salry:` is a warning.
    assert_eq!(value["roles"], 3);
    assert_eq!(value["errors"], 2);
    assert!(value["diagnostics"][0]["code"].is_string());
}

// A role with no `posted:` outside a git repository has no posting date:
// it is said, and nothing else is wrong with the folder.
#[test]
fn the_site_fixture_is_clean_but_for_one_undated_role() {
    let out = check("site/roles", Format::Human);
    assert_eq!(
        out,
        "[ROOT]/mid_gardener.md:1:1: warning[no-posted-date]: this open role has no posting date, so it carries no Google for Jobs data\n  = hint: add `posted: YYYY-MM-DD` to its front matter, or commit the file to a git repository\n4 files, 4 roles, 0 errors, 1 warning\n"
    );
}

// See: issue #25 (an unclosed comment published the text it was meant to
// hide, while the warning said "removed" and `check` passed).
#[test]
fn an_unclosed_comment_is_an_error_and_its_text_is_never_published() {
    let out = check("check/hidden_text/roles", Format::Human);
    assert!(
        out.contains("[ROOT]/kiln-lead.md:5:1: error[unclosed-comment]:"),
        "{out}"
    );
    assert!(out.contains("2 files, 1 role, 1 error"), "{out}");
    let site = support::site(&fixture("check/hidden_text/roles"));
    assert!(site.pages().all(|(_, page)| {
        !String::from_utf8_lossy(&page.identity.body).contains("bottom of the band")
    }));
}
