//! Every channel says what the file says: dates from git (first commit,
//! last change), never the build date; the real binary on a folder with no
//! `site.yaml` invents no organisation or address.
//!
//! The git repositories here are made with the `git` command line, in a
//! temporary folder; careers itself reads them in-process.

use std::path::Path;
use std::process::{Command, Output};

use careers::site::{PipelineOptions, Sink, build_from_dir};

use crate::support::{self, RouterExt};

/// Runs `git ARGS` in `dir` with a fixed identity and commit date.
fn git(dir: &Path, date: &str, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.org")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.org")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run git: {e}"));
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

const SITE: &str = "organisation: Fernhill Nursery\napply_url: mailto:jobs@fernhill.example\ntime_zone: Europe/London\nbase_url: https://jobs.fernhill.example\n";

/// A repository whose `roles/` holds a role added on 1 October 2026 and
/// changed on 10 November 2026, and one committed with a `posted:` of its own.
fn repository() -> tempfile::TempDir {
    let repo = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = repo.path();
    git(dir, "2026-09-01T09:00:00Z", &["init", "-q", "-b", "main"]);
    write(&dir.join("roles/site.yaml"), SITE);
    write(
        &dir.join("roles/potting-assistant.md"),
        "---\nlocation: Frome, UK\n---\n# Potting Assistant\n\nPot on seedlings.\n",
    );
    git(dir, "2026-10-01T10:00:00Z", &["add", "-A"]);
    git(dir, "2026-10-01T10:00:00Z", &["commit", "-q", "-m", "add"]);
    write(
        &dir.join("roles/potting-assistant.md"),
        "---\nlocation: Frome, UK\n---\n# Potting Assistant\n\nPot on seedlings and label them.\n",
    );
    write(
        &dir.join("roles/seed-buyer.md"),
        "---\nlocation: Frome, UK\nposted: 2026-11-15\n---\n# Seed Buyer\n\nBuy seed.\n",
    );
    git(dir, "2026-11-10T23:30:00Z", &["add", "-A"]);
    git(
        dir,
        "2026-11-10T23:30:00Z",
        &["commit", "-q", "-m", "change"],
    );
    repo
}

fn with_history() -> PipelineOptions {
    PipelineOptions {
        git_history: true,
        ..PipelineOptions::default()
    }
}

// See: "Dates: posted from front matter, else the file's first commit".
#[tokio::test]
async fn dates_come_from_the_first_and_last_commits_of_each_file() {
    let repo = repository();
    let roles = repo.path().join("roles");
    let build = build_from_dir(&roles, support::now(), Sink::Memory, &with_history())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        !build.diagnostics.iter().any(|d| d.code == "no-posted-date"),
        "{:?}",
        build.diagnostics
    );
    let site = build.site.unwrap_or_else(|| panic!("a site"));
    let app = careers::server::router(careers::server::AppState::new(site));
    let page = app.page("/roles/potting-assistant").await;
    assert!(
        page.contains("<dt>Posted</dt><dd>1 October 2026</dd>"),
        "{page}"
    );
    // 23:30 UTC on 10 November is still the 10th in London (GMT).
    assert!(
        page.contains("<dt>Last updated</dt><dd>10 November 2026</dd>"),
        "{page}"
    );
    assert!(page.contains("\"datePosted\":\"2026-10-01\""), "{page}");
    let json = app.page("/roles/potting-assistant.json").await;
    assert!(json.contains("\"posted\":\"2026-10-01\""), "{json}");
    assert!(json.contains("\"updated\":\"2026-11-10\""), "{json}");
    // Front matter wins over the first commit.
    let buyer = app.page("/roles/seed-buyer").await;
    assert!(buyer.contains("<dt>Posted</dt><dd>15 November 2026</dd>"));
    let sitemap = app.page("/sitemap.xml").await;
    assert!(
        sitemap.contains("/roles/potting-assistant</loc><lastmod>2026-11-10</lastmod>"),
        "{sitemap}"
    );
    let feed = app.page("/feed.xml").await;
    assert!(
        feed.contains(
            "<published>2026-10-01T00:00:00Z</published>\n<updated>2026-11-10T00:00:00Z</updated>"
        ),
        "{feed}"
    );
}

/// Every file under `dir`, by relative path, with its bytes.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{e}")) {
            let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path
                    .strip_prefix(dir)
                    .unwrap_or(&path)
                    .display()
                    .to_string();
                out.push((name, std::fs::read(&path).unwrap_or_default()));
            }
        }
    }
    out.sort();
    out
}

fn careers(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_careers"))
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_LOG")
        .env_remove("CAREERS_BASE_URL")
        .output()
        .unwrap_or_else(|e| panic!("cannot run careers: {e}"))
}

// See: "Never the build date: two builds of one commit are byte-identical."
#[test]
fn two_builds_of_one_commit_are_byte_identical() {
    let repo = repository();
    for out in ["one", "two"] {
        let run = careers(repo.path(), &["build", "--out", out]);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
    let (one, two) = (
        files(&repo.path().join("one")),
        files(&repo.path().join("two")),
    );
    assert!(one.len() > 10, "the export wrote its files");
    assert_eq!(one.len(), two.len());
    for ((a, bytes_a), (b, bytes_b)) in one.iter().zip(&two) {
        assert_eq!(a, b);
        assert!(bytes_a == bytes_b, "{a} differs between two builds");
    }
    let page = String::from_utf8_lossy(
        &one.iter()
            .find(|(n, _)| n == "roles/potting-assistant.html")
            .unwrap_or_else(|| panic!("the role page"))
            .1,
    )
    .into_owned();
    assert!(page.contains("<dt>Last updated</dt><dd>10 November 2026</dd>"));
}

// See: "In a shallow clone first-published dates are unknown: claim none and
// say so once in check."
#[test]
fn a_shallow_clone_claims_no_first_dates_and_says_so_once() {
    let repo = repository();
    let clone = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let source = format!("file://{}", repo.path().display());
    git(
        clone.path(),
        "2026-11-20T00:00:00Z",
        &["clone", "-q", "--depth", "1", &source, "copy"],
    );
    let copy = clone.path().join("copy");
    assert!(copy.join(".git/shallow").exists());
    let run = careers(&copy, &["check"]);
    let out = String::from_utf8_lossy(&run.stdout).into_owned();
    assert_eq!(
        out.matches("warning[history-incomplete]").count(),
        1,
        "{out}"
    );
    assert!(
        out.contains("potting-assistant.md:1:1: warning[no-posted-date]"),
        "{out}"
    );
    assert!(!out.contains("seed-buyer.md:1:1: warning[no-posted-date]"));
}

// See: "Without site.yaml the pages name no made-up organisation or address".
#[test]
fn without_site_yaml_nothing_is_invented_and_each_unset_setting_is_said() {
    let folder = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    write(
        &folder.path().join("roles/gate-keeper.md"),
        "---\nlocation: Ripon\nposted: 2026-11-01\ncloses: 2027-01-31\n---\n# Gate Keeper\n\nOpen the gates at dawn.\n",
    );
    let check = careers(folder.path(), &["check"]);
    let out = String::from_utf8_lossy(&check.stdout).into_owned();
    for key in ["organisation", "apply_url", "time_zone"] {
        assert_eq!(
            out.matches(&format!("warning[setting-unset]: `{key}`"))
                .count(),
            1,
            "{out}"
        );
    }
    let build = careers(folder.path(), &["build", "--out", "site"]);
    let err = String::from_utf8_lossy(&build.stderr).into_owned();
    assert!(build.status.success(), "{err}");
    assert!(
        err.contains("warning[setting-unset]: `organisation`"),
        "{err}"
    );
    let page = std::fs::read_to_string(folder.path().join("site/roles/gate-keeper.html"))
        .unwrap_or_else(|e| panic!("{e}"));
    for invented in ["Acme", "example.com", "Europe/London", "11:59pm"] {
        assert!(!page.contains(invented), "{invented} in {page}");
    }
    assert!(
        !page.contains("class=\"apply\""),
        "no address, no Apply button"
    );
    assert!(
        !page.contains("application/ld+json"),
        "no organisation, no posting"
    );
    assert!(
        page.contains("<title>Gate Keeper – Careers</title>"),
        "{page}"
    );
    assert!(page.contains("31 January 2027</dd>"), "{page}");
    let listing = std::fs::read_to_string(folder.path().join("site/index.html"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(listing.contains("<h1 id=\"listing-heading\">Careers</h1>"));
}
