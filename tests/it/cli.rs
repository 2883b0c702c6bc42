//! The real binary on fixture folders: exit codes and what a person reads.
// See: issue #15 (tests shaped like mdBook's: a folder per case, run the binary).

use std::path::Path;
use std::process::{Command, Output};

use crate::support::fixture;

/// Runs `careers ARGS` and returns what it did.
fn careers(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_careers"))
        .args(args)
        .env_remove("RUST_LOG")
        .env_remove("CAREERS_BASE_URL")
        .output()
        .unwrap_or_else(|e| panic!("cannot run careers: {e}"))
}

fn code(output: &Output) -> i32 {
    output.status.code().unwrap_or(-1)
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn roles(case: &str) -> String {
    fixture(case).display().to_string()
}

#[test]
fn check_exits_0_on_a_clean_folder_and_prints_the_summary() {
    let out = careers(&["check", "--roles", &roles("cli/clean/roles")]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stdout(&out), "1 file, 1 role, 0 errors, 0 warnings\n");
}

#[test]
fn check_exits_1_on_errors_and_names_file_line_and_code() {
    let out = careers(&["check", "--roles", &roles("check/mixed/roles")]);
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    assert!(
        text.contains("bad_salary.md:1:1: warning[heading-no-space]"),
        "{text}"
    );
    assert!(text.lines().last().is_some_and(|l| l.contains("errors")));
}

#[test]
fn check_exits_2_when_the_folder_is_missing() {
    let out = careers(&["check", "--roles", "/nonexistent/roles"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).starts_with("error: cannot check `/nonexistent/roles`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn build_writes_the_site_and_exits_0() {
    let out_dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let target = out_dir.path().join("site");
    let target_text = target.display().to_string();
    let out = careers(&[
        "build",
        "--roles",
        &roles("cli/clean/roles"),
        "--out",
        &target_text,
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("built 1 role into"),
        "{}",
        stderr(&out)
    );
    for file in [
        "index.html",
        "roles/head-beekeeper.html",
        "roles.json",
        "404.html",
    ] {
        assert!(target.join(file).is_file(), "{file} written");
    }
}

#[test]
fn build_refuses_on_errors_and_writes_nothing() {
    let out_dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let target = out_dir.path().join("site");
    let target_text = target.display().to_string();
    let out = careers(&[
        "build",
        "--roles",
        &roles("check/mixed/roles"),
        "--out",
        &target_text,
    ]);
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert!(
        err.contains("error: not building: fix the errors above first"),
        "{err}"
    );
    assert!(!Path::new(&target).exists(), "nothing is written");
}

#[test]
fn build_exits_2_when_the_folder_is_missing() {
    let out_dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let target = out_dir.path().join("site").display().to_string();
    let out = careers(&["build", "--roles", "/nonexistent/roles", "--out", &target]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("cannot build from"),
        "{}",
        stderr(&out)
    );
}

// See: issue #16 (`build` never removed files of roles that are gone).
#[test]
fn build_removes_what_an_earlier_export_left_and_says_which() {
    let out_dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let target = out_dir.path();
    let target_text = target.display().to_string();
    let args = [
        "build",
        "--roles",
        &roles("cli/clean/roles"),
        "--out",
        &target_text,
    ];
    assert_eq!(code(&careers(&args)), 0);
    let stale = target.join("roles/retired-role.html");
    let write = |path: &Path| std::fs::write(path, "old").unwrap_or_else(|e| panic!("{e}"));
    write(&stale);
    write(&target.join("roles/retired-role.html.gz"));
    write(&target.join("CNAME"));
    let stale_apply = target.join("roles/retired-role/apply.html");
    std::fs::create_dir_all(target.join("roles/retired-role")).unwrap_or_else(|e| panic!("{e}"));
    write(&stale_apply);
    let out = careers(&args);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(!stale.exists(), "a removed role's page is gone");
    assert!(!target.join("roles/retired-role.html.gz").exists());
    assert!(!stale_apply.exists(), "a removed role's apply page is gone");
    assert!(
        !target.join("roles/retired-role").exists(),
        "and its folder"
    );
    assert!(target.join("roles/head-beekeeper/apply.html").exists());
    assert!(
        target.join("CNAME").exists(),
        "files careers does not write stay"
    );
    assert!(target.join("roles/head-beekeeper.html").exists());
    let err = stderr(&out);
    assert!(
        err.contains("retired-role.html`: no longer part of the site"),
        "{err}"
    );
}

#[test]
fn check_and_build_warn_when_a_loopback_base_url_would_be_published() {
    let out = careers(&["check", "--roles", &roles("cli/clean/roles")]);
    assert_eq!(code(&out), 0, "a warning, not an error");
    assert_eq!(stdout(&out), "1 file, 1 role, 0 errors, 0 warnings\n");
    assert!(
        stderr(&out)
            .contains("warning: the base URL is `http://127.0.0.1:3000`, a loopback address"),
        "{}",
        stderr(&out)
    );
    let out_dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let target = out_dir.path().display().to_string();
    let out = careers(&[
        "build",
        "--roles",
        &roles("cli/clean/roles"),
        "--out",
        &target,
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("a loopback address"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn base_url_flag_reaches_every_absolute_link() {
    let out_dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let target = out_dir.path();
    let target_text = target.display().to_string();
    let out = careers(&[
        "build",
        "--roles",
        &roles("cli/clean/roles"),
        "--out",
        &target_text,
        "--base-url",
        "https://jobs.example/",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
    let page = std::fs::read_to_string(target.join("roles/head-beekeeper.html"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        page.contains(
            "<link rel=\"canonical\" href=\"https://jobs.example/roles/head-beekeeper\">"
        ),
        "{page}"
    );
    let check = careers(&[
        "check",
        "--roles",
        &roles("cli/clean/roles"),
        "--base-url",
        "https://jobs.example",
    ]);
    assert!(!stderr(&check).contains("warning"), "{}", stderr(&check));
}
