//! `careers diff` on the bakery fixture: the real binary, its exit code and
//! the lines a person (or GitHub) reads in each format.

use std::path::Path;
use std::process::{Command, Output};

use crate::support::fixture;

/// Runs `careers diff ARGS` and returns (exit code, stdout, stderr), with the
/// fixture folder written as `[ROOT]`.
fn careers_diff(args: &[&str]) -> (i32, String, String) {
    let root = fixture("diff").display().to_string();
    let output: Output = Command::new(env!("CARGO_BIN_EXE_careers"))
        .arg("diff")
        .args(args)
        .env_remove("RUST_LOG")
        .output()
        .unwrap_or_else(|e| panic!("cannot run careers: {e}"));
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).replace(&root, "[ROOT]");
    (
        output.status.code().unwrap_or(-1),
        text(&output.stdout),
        text(&output.stderr),
    )
}

fn folder(which: &str) -> String {
    fixture("diff")
        .join(which)
        .join("roles")
        .display()
        .to_string()
}

/// The fixture's two readings, judged on a fixed day.
fn bakery(format: &str) -> (i32, String, String) {
    careers_diff(&[
        &folder("old"),
        &folder("new"),
        "--format",
        format,
        "--today",
        "2026-11-23",
    ])
}

#[test]
fn human_report_groups_changes_by_role() {
    let (code, out, err) = bakery("human");
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, "");
    for line in [
        "bread-baker — Bread Baker ([ROOT]/new/roles/bread-baker.md)",
        "  renamed from `baker`; the old address redirects here",
        "  closed (leaves the listing)",
        "  added (open)",
        "  removed (was open)",
        "  salary band (York) changed from £24,000–£28,000 to £26,000–£30,000",
        "  2 required items added, 1 removed",
        "      + Rye and spelt doughs",
        "      - Experience with a wood-fired oven",
        "  closing date moved from 1 March 2099 to 15 April 2099",
        "  section `Our ovens` added",
    ] {
        assert!(out.lines().any(|l| l == line), "missing `{line}` in\n{out}");
    }
    assert_eq!(
        out.lines().last(),
        Some("5 roles changed: 1 added, 1 removed, 1 renamed, 1 closed, 1 edited")
    );
    // The reflowed, repunctuated required item and the reflowed shop manager
    // are not changes.
    assert!(!out.contains("Three years"), "{out}");
    assert!(!out.contains("shop-manager"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn github_report_is_one_notice_per_role_then_markdown() {
    let (code, out, err) = bakery("github");
    assert_eq!(code, 0, "{err}");
    let notices: Vec<&str> = out.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(
        notices,
        [
            "::notice file=[ROOT]/new/roles/bread-baker.md,title=Role renamed%3A Bread Baker::renamed from `baker`; the old address redirects here%0Atitle changed from `Baker` to `Bread Baker`%0Adiscipline changed from `Baker` to `Bread Baker`",
            "::notice file=[ROOT]/new/roles/counter-assistant.md,title=Role closed%3A Counter Assistant::closed (leaves the listing)",
            "::notice file=[ROOT]/new/roles/delivery-rider.md,title=Role added%3A Delivery Rider::added (open)",
            "::notice file=[ROOT]/new/roles/pastry-chef.md,title=Role removed%3A Pastry Chef::removed (was open)",
            "::notice file=[ROOT]/new/roles/senior-baker.md,title=Role edited%3A Senior Baker::salary band (York) changed from £24,000–£28,000 to £26,000–£30,000%0A2 required items added, 1 removed%0A  + Rye and spelt doughs%0A  + Training an apprentice%0A  - Experience with a wood-fired oven%0Aclosing date moved from 1 March 2099 to 15 April 2099%0Asection `Our ovens` added",
        ]
    );
    let summary: String = out
        .lines()
        .skip_while(|l| l.starts_with("::") || l.is_empty())
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(
        summary.starts_with(
            "### Roles changed by this edit\n\n5 roles changed: 1 added, 1 removed, 1 renamed, 1 closed, 1 edited\n"
        ),
        "{summary}"
    );
    assert!(
        summary.contains(
            "#### Senior Baker (`senior-baker`)\n\n\
             - salary band (York) changed from £24,000–£28,000 to £26,000–£30,000\n\
             - 2 required items added, 1 removed\n  \
             - added: Rye and spelt doughs\n  \
             - added: Training an apprentice\n  \
             - removed: Experience with a wood-fired oven\n"
        ),
        "{summary}"
    );
}

#[test]
fn json_report_has_a_stable_shape() {
    let (code, out, err) = bakery("json");
    assert_eq!(code, 0, "{err}");
    let value: serde_json::Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    let roles = value["roles"].as_array().cloned().unwrap_or_default();
    let heads: Vec<(String, String)> = roles
        .iter()
        .map(|r| (r["slug"].to_string(), r["change"].to_string()))
        .collect();
    let want: Vec<(String, String)> = [
        ("bread-baker", "renamed"),
        ("counter-assistant", "edited"),
        ("delivery-rider", "added"),
        ("pastry-chef", "removed"),
        ("senior-baker", "edited"),
    ]
    .iter()
    .map(|(s, c)| (format!("\"{s}\""), format!("\"{c}\"")))
    .collect();
    assert_eq!(heads, want);
    assert_eq!(roles[0]["file"], "[ROOT]/new/roles/bread-baker.md");
    assert_eq!(
        roles[0]["changes"][0],
        serde_json::json!({"field": "slug", "kind": "changed", "name": null,
            "from": "baker", "to": "bread-baker", "items": []})
    );
    assert_eq!(
        roles[4]["changes"][0],
        serde_json::json!({"field": "salary", "kind": "changed", "name": "York",
            "from": "£24,000–£28,000", "to": "£26,000–£30,000", "items": []})
    );
    assert_eq!(
        roles[4]["changes"][1],
        serde_json::json!({"field": "required_experience", "kind": "added", "name": null,
            "from": null, "to": null, "items": ["Rye and spelt doughs", "Training an apprentice"]})
    );
    assert_eq!(
        value["summary"],
        serde_json::json!({"roles_changed": 5, "added": 1, "removed": 1, "renamed": 1,
            "opened": 0, "closed": 1, "published": 0, "unpublished": 0, "edited": 1})
    );
}

#[test]
fn no_changes_is_said_and_exits_0() {
    let (code, out, err) = careers_diff(&[&folder("old"), &folder("old")]);
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (0, "No changes for candidates.\n", "")
    );
    let (code, out, _) = careers_diff(&[&folder("new"), &folder("new"), "--format", "github"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "### Roles changed by this edit\n\nNo changes for candidates.\n"
    );
}

#[test]
fn the_day_given_decides_closing_dates() {
    // On 10 March 2099 the old reading's Senior Baker had closed (1 March);
    // the new one closes on 15 April, so the edit reopens it.
    let (code, out, err) = careers_diff(&[&folder("old"), &folder("new"), "--today", "2099-03-10"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\n  opened (back in the listing)\n"), "{out}");
    assert!(out.ends_with("1 opened, 1 closed\n"), "{out}");
}

#[test]
fn a_folder_that_cannot_be_read_exits_2() {
    let (code, out, err) = careers_diff(&[&folder("old"), "/nonexistent/roles"]);
    assert_eq!(code, 2);
    assert_eq!(out, "");
    assert!(
        err.starts_with(
            "error: cannot compare the roles: cannot read the roles folder `/nonexistent/roles`"
        ),
        "{err}"
    );
}

/// A writable copy of the new reading's roles folder (the guard keeps it).
fn copy_of_new_roles() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let new = dir.path().join("roles");
    std::fs::create_dir(&new).unwrap_or_else(|e| panic!("{e}"));
    for entry in std::fs::read_dir(fixture("diff/new/roles")).unwrap_or_else(|e| panic!("{e}")) {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        let name = path.file_name().map(Path::new).unwrap_or(Path::new("x"));
        std::fs::copy(&path, new.join(name)).unwrap_or_else(|e| panic!("{e}"));
    }
    (dir, new)
}

#[test]
fn a_broken_file_is_reported_and_not_called_removed() {
    let (_dir, new) = copy_of_new_roles();
    std::fs::write(
        new.join("shop-manager.md"),
        "---\nteam: [\n---\n# Shop Manager\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let new_text = new.display().to_string();
    let (code, out, err) = careers_diff(&[&folder("old"), &new_text]);
    assert_eq!(code, 0, "{err}");
    let err = err.replace(&new_text, "[NEW]");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].starts_with("[NEW]/shop-manager.md:2:7: error[front-matter]: "),
        "{err}"
    );
    assert_eq!(
        lines[1],
        "note: `shop-manager.md` is left out of the comparison: it did not load from `[NEW]`"
    );
    assert!(!out.contains("shop-manager"), "{out}");
    assert!(out.ends_with("5 roles changed: 1 added, 1 removed, 1 renamed, 1 closed, 1 edited\n"));
}

#[test]
fn settings_diff_cannot_read_are_a_warning_and_the_comparison_still_runs() {
    let (_dir, new) = copy_of_new_roles();
    std::fs::write(new.join("site.yaml"), "colour_scheme: autumn\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let new_text = new.display().to_string();
    let (code, out, err) = careers_diff(&[&folder("old"), &new_text]);
    assert_eq!(code, 0, "{err}");
    let err = err.replace(&new_text, "[NEW]");
    assert!(
        err.starts_with("warning: in `[NEW]/site.yaml`: ")
            && err.contains("colour_scheme")
            && err
                .trim_end()
                .ends_with("reading `[NEW]` with the default settings"),
        "{err}"
    );
    let (_, expected, _) = careers_diff(&[&folder("old"), &folder("new")]);
    assert_eq!(
        out.lines().last(),
        expected.lines().last(),
        "the same changes as without the settings file"
    );
    assert!(out.contains("roles changed"), "{out}");
}

mod props {
    use std::path::{Path, PathBuf};

    use proptest::prelude::*;

    use careers::cli::Format;
    use careers::diff::diff;
    use careers::diff::report;
    use careers::role::load::from_sources;

    /// Role-file-ish text: front matter keys, headings, list items, salaries
    /// and line breaks where they hurt.
    fn roleish() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("---\n".to_owned()),
            Just("status: closed\n".to_owned()),
            Just("status: draft\n".to_owned()),
            Just("closes: 2026-11-01\n".to_owned()),
            Just("aliases: [a, b]\n".to_owned()),
            Just("slug: b\n".to_owned()),
            Just("location: \"x\\n::error::y\"\n".to_owned()),
            Just("salary: \"£60,000 - £75,000\"\n".to_owned()),
            Just("# ".to_owned()),
            Just("## What you will need\n".to_owned()),
            Just("## Nice to have\n".to_owned()),
            Just("## Expectations\n".to_owned()),
            Just("## Benefits\n".to_owned()),
            Just("### ".to_owned()),
            Just("- ".to_owned()),
            Just("\n".to_owned()),
            Just("`".to_owned()),
            "[a-zA-Z0-9 ,.£:()*_-]{0,12}",
            any::<char>().prop_map(String::from),
        ];
        prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    fn roles(texts: &[String]) -> Vec<careers::role::Role> {
        let sources = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                (
                    PathBuf::from(format!("roles/r{i}.md")),
                    t.clone().into_bytes(),
                )
            })
            .collect();
        from_sources(sources)
            .roles
            .into_iter()
            .map(std::sync::Arc::unwrap_or_clone)
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn any_two_readings_compare_without_panicking(
            old in prop::collection::vec(roleish(), 0..4),
            new in prop::collection::vec(roleish(), 0..4),
        ) {
            let (old, new) = (roles(&old), roles(&new));
            let today = jiff::civil::date(2026, 11, 23);
            prop_assert!(diff(&old, &old, today).is_empty());
            let found = diff(&old, &new, today);
            for format in [Format::Human, Format::Github, Format::Json] {
                let out = report(&found, Path::new("roles"), format);
                prop_assert!(out.is_ok());
            }
            let github = report(&found, Path::new("roles"), Format::Github).unwrap_or_default();
            let commands = github.lines().filter(|l| l.starts_with("::")).count();
            prop_assert_eq!(commands, found.roles.len(), "{}", github);
        }
    }
}
