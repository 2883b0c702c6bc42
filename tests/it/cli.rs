//! The real binary on fixture folders: exit codes and what a person reads.
// See: issue #15 (tests shaped like mdBook's: a folder per case, run the binary).

use std::path::Path;
use std::process::{Command, Output};

use careers::site::{Sink, build_from_dir};

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

// See: issue #16 (author URLs are checked once, at parse time).
#[test]
fn no_script_url_reaches_any_page_or_the_api() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let roles = dir.path().join("roles");
    std::fs::create_dir(&roles).unwrap_or_else(|e| panic!("{e}"));
    let write = |name: &str, text: &str| {
        std::fs::write(roles.join(name), text).unwrap_or_else(|e| panic!("{e}"))
    };
    write(
        "kiln-operator.md",
        "---\napply_url: \"  JavaScript:alert(document.domain)\"\n---\n# Kiln Operator\n\nFire the kiln. [Click](java\tscript:alert(1)) ![x](data:image/svg+xml,<svg onload=alert(1)>)\n",
    );
    write(
        "glazer.md",
        "# Glazer\n\nGlaze pots. [Our shop](https://pots.example/shop)\n",
    );
    let roles_text = roles.display().to_string();
    let check = careers(&["check", "--roles", &roles_text]);
    assert_eq!(code(&check), 1, "an unsafe URL is an error");
    let report = stdout(&check);
    assert!(report.contains("kiln-operator.md:2:"), "{report}");
    assert!(
        report.contains("`javascript:` scheme is not allowed"),
        "{report}"
    );

    let build = build_from_dir(
        &roles,
        crate::support::now(),
        Sink::Memory,
        &Default::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let Some(site) = build.site else {
        panic!("a site is built")
    };
    for (path, page) in site.pages() {
        // A tab inside a destination makes it text, not a link; as text it is harmless.
        let body = String::from_utf8_lossy(&page.identity.body).to_ascii_lowercase();
        assert!(!body.contains("javascript:"), "{path} carries a script URL");
        assert!(!body.contains("src=\"data:"), "{path} carries a data URL");
    }
    assert!(
        site.page("/roles/glazer").is_some(),
        "the clean role is published"
    );
}

// See: issue #16 (`check --format json` printed an empty line for a file name
// that is not UTF-8).
#[cfg(unix)]
#[test]
fn check_json_reports_a_file_whose_name_is_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9-manager.md");
    std::fs::write(dir.path().join(name), "").unwrap_or_else(|e| panic!("{e}"));
    let out = careers(&[
        "check",
        "--roles",
        &dir.path().display().to_string(),
        "--format",
        "json",
    ]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let report: serde_json::Value =
        serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{e}: {}", stdout(&out)));
    let path = report["diagnostics"][0]["path"]
        .as_str()
        .unwrap_or_default();
    assert!(path.ends_with("caf\u{fffd}-manager.md"), "{path}");
    assert_eq!(report["errors"], 1);
}

// See: issue #16 (SIGHUP reloads the site; a reload that fails keeps the old one).
#[cfg(unix)]
#[test]
fn sighup_reloads_and_a_failed_reload_keeps_the_old_site() {
    use std::io::BufRead;

    use crate::support::{eventually, free_port, http_get};

    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = dir.path().join("well-digger.md");
    std::fs::write(&file, "# Well Digger\n\nDig deep wells.\n").unwrap_or_else(|e| panic!("{e}"));
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_careers"))
        .args(["serve", "--roles", &dir.path().display().to_string()])
        .args(["--addr", &format!("127.0.0.1:{port}")])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    // The server's log, line by line, to see a reload fail.
    let (log_tx, log) = std::sync::mpsc::channel::<String>();
    if let Some(stderr) = child.stderr.take() {
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stderr)
                .lines()
                .map_while(Result::ok)
            {
                let _ = log_tx.send(line);
            }
        });
    }
    let shows = |want: &str| {
        eventually(|| http_get(port, "/roles/well-digger").is_some_and(|p| p.contains(want)))
    };
    let hangup = || {
        let pid = child.id().to_string();
        let sent = Command::new("kill").args(["-HUP", &pid]).status();
        assert!(sent.is_ok_and(|s| s.success()), "kill -HUP");
    };
    assert!(shows("Dig deep wells."));
    std::fs::write(&file, "# Well Digger\n\nDig deeper wells.\n").unwrap_or_else(|e| panic!("{e}"));
    hangup();
    assert!(shows("Dig deeper wells."), "SIGHUP rebuilt the site");
    std::fs::write(dir.path().join("site.yaml"), "organisation: [unclosed\n")
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&file, "# Well Digger\n\nDig the deepest wells.\n")
        .unwrap_or_else(|e| panic!("{e}"));
    hangup();
    let failed = eventually(|| {
        log.try_iter()
            .any(|line| line.contains("rebuild failed, still serving the previous site"))
    });
    assert!(failed, "the reload was tried and failed");
    assert!(
        shows("Dig deeper wells."),
        "a failed reload keeps the old site"
    );
    assert!(child.try_wait().is_ok_and(|s| s.is_none()), "still running");
    let _ = child.kill();
    let _ = child.wait();
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

// See: issue #18 (a role with no location and no default gets no JSON-LD, and check says why).
#[test]
fn check_warns_when_an_open_role_has_nowhere_to_be() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.path().join("well-digger.md"),
        "# Well Digger\n\nDig wells.\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let roles = dir.path().display().to_string();
    let out = careers(&["check", "--roles", &roles]);
    assert_eq!(code(&out), 0, "a warning, not an error");
    let report = stdout(&out);
    assert!(
        report.contains("well-digger.md:1:1: warning[no-location]"),
        "{report}"
    );
    assert!(report.contains("default_location"), "{report}");
    std::fs::write(
        dir.path().join("site.yaml"),
        "default_location: Truro, UK\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let out = careers(&["check", "--roles", &roles]);
    assert!(!stdout(&out).contains("no-location"), "{}", stdout(&out));
}

/// A reload that catches a file half-saved keeps that role's last good page
/// (and says so in the log); a file that reads but has an error is left out,
/// as at startup. Run as the README says: from a folder holding `roles/`,
/// default flags but a free port.
// See: issue "SIGHUP with a half-written folder publishes a site without those roles".
#[test]
fn sighup_over_a_half_saved_file_keeps_its_last_good_page() {
    use crate::support::{Running, eventually, folder_with_roles, free_port, http_get};

    let dir = folder_with_roles(&[
        ("rope-maker.md", "# Rope Maker\n\nTwist the hemp.\n"),
        (
            "sail-maker.md",
            "---\nteam: Loft\n---\n# Sail Maker\n\nStitch the canvas.\n",
        ),
        ("net-mender.md", "# Net Mender\n\nMend the nets.\n"),
    ]);
    let roles = dir.path().join("roles");
    let port = free_port();
    let mut serve = Running::start(dir.path(), &["--addr", &format!("127.0.0.1:{port}")], &[]);
    let shows = |path: &str, want: &str| {
        eventually(|| http_get(port, path).is_some_and(|p| p.contains(want)))
    };
    assert!(shows("/roles/sail-maker", "Stitch the canvas."));

    // Cut short inside its front matter, as a save caught half-way is.
    std::fs::write(roles.join("sail-maker.md"), "---\nteam: Lo").unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        roles.join("net-mender.md"),
        "---\nstatus: clsoed\n---\n# Net Mender\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        roles.join("rope-maker.md"),
        "# Rope Maker\n\nTwist the flax.\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    serve.hangup();
    assert!(
        shows("/roles/rope-maker", "Twist the flax."),
        "the reload ran"
    );
    assert!(
        shows("/roles/sail-maker", "Stitch the canvas."),
        "the half-saved file keeps its last good page"
    );
    assert!(
        shows("/roles/net-mender", "HTTP/1.1 404"),
        "a file with an error is left out, as at startup"
    );
    assert!(serve.logged("sail-maker.md"), "{}", serve.log());
    assert!(
        serve.logged("showing the last good version"),
        "{}",
        serve.log()
    );
    let listing = http_get(port, "/").unwrap_or_default();
    assert!(listing.contains("Sail Maker") && listing.contains("Rope Maker"));
}
