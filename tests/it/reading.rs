//! How role files are read, whatever generator wrote them: front matter in
//! YAML, TOML or JSON, unpublished flags, closing dates and facts in the
//! body, and a build that keeps going past one broken file. The binary runs
//! as the README tells a person to: from a folder holding `roles/`, with
//! relative paths and default flags.

use std::path::Path;

use crate::support::{careers_in, checkout, fixture};

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn role_json(dir: &Path, slug: &str) -> serde_json::Value {
    let path = dir.join("site/roles").join(format!("{slug}.json"));
    let body = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn keep_going_writes_every_readable_role_lists_the_broken_file_and_exits_1() {
    let dir = checkout("reading/forms/roles");
    let out = careers_in(dir.path(), &["build", "--keep-going", "--out", "site"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("left out 1 file(s) with errors:"), "{err}");
    assert!(err.contains("broken_front_matter_cook.md"), "{err}");
    let site = dir.path().join("site");
    assert!(!site.join("roles/broken-front-matter-cook.html").exists());
    assert!(
        !site.join("roles/hugo-draft-pastry.html").exists(),
        "a Hugo draft is not published"
    );
    let baker = role_json(dir.path(), "hugo-toml-baker");
    assert_eq!(baker["title"], "Night Baker");
    assert_eq!(baker["closes"], "2030-01-31");
    assert_eq!(baker["employment_type"], "Part-time");
    assert_eq!(baker["apply_url"], "https://jobs.example.org/night-baker");
    let miller = role_json(dir.path(), "json-miller");
    assert_eq!(miller["title"], "Stone Miller");
    assert_eq!(miller["apply_url"], "mailto:mill@jobs.example.org");
    let page = std::fs::read_to_string(site.join("roles/json-miller.html"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        !page.contains("applyEmail"),
        "front matter never shows as text"
    );
    let porter = role_json(dir.path(), "closed-in-words-porter");
    assert_eq!(porter["status"], "closed");
    assert_eq!(porter["closes"], "2021-05-14");
    assert_eq!(porter["employment_type"], "Full-time, Permanent");
}

#[test]
fn the_default_build_still_refuses_a_folder_with_an_error() {
    let dir = checkout("reading/forms/roles");
    let out = careers_in(dir.path(), &["build", "--out", "site"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!dir.path().join("site").exists(), "nothing is written");
}

#[test]
fn check_says_plainly_when_every_role_is_a_draft() {
    let dir = checkout("reading/drafts/roles");
    let out = careers_in(dir.path(), &["check"]);
    let report = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{report}");
    assert!(
        report.contains(
            "warning[all-drafts]: all 2 roles in the folder are drafts, so the site lists no role"
        ),
        "{report}"
    );
}

#[test]
fn site_yaml_maps_the_sites_own_keys_and_headings() {
    let dir = fixture("reading/mapped/roles");
    let reading =
        careers::site::assemble::pipeline::read_dir(&dir).unwrap_or_else(|e| panic!("{e}"));
    let role = reading
        .catalogue
        .roles
        .iter()
        .find(|r| r.title == "Flour Taster")
        .unwrap_or_else(|| panic!("the role loads"));
    let bands: Vec<_> = role.salary.iter().map(|b| (b.min(), b.max())).collect();
    assert_eq!(bands, [(31_000, Some(34_000))], "tagline: salary");
    assert_eq!(
        role.meta.closes.map(|d| d.to_string()).as_deref(),
        Some("2030-04-30"),
        "ends_on: closes"
    );
    assert_eq!(role.experience.optional, ["Knowing old grain varieties"]);
}

#[test]
fn a_mapping_to_a_key_careers_does_not_read_is_refused_by_check() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let roles = dir.path().join("roles");
    std::fs::create_dir(&roles).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(roles.join("site.yaml"), "front_matter:\n  tagline: salry\n")
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(roles.join("miller.md"), "# Miller\n\nWe mill.\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let out = careers_in(dir.path(), &["check"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("`tagline` maps to `salry`, which is not a key careers reads"),
        "{err}"
    );
}

// See: issue 27 item 3 ("Prose kept in front matter becomes sections").
#[test]
fn issue_27_prose_in_front_matter_is_published_as_sections() {
    let dir = checkout("reading/prose/roles");
    let out = careers_in(dir.path(), &["check"]);
    let report = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{report}");
    assert!(!report.contains("empty-section"), "{report}");
    assert!(
        report.contains("2 unknown front-matter keys"),
        "layout and grade_band: {report}"
    );
    let out = careers_in(dir.path(), &["build", "--out", "site"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let keeper = role_json(dir.path(), "seed-keeper");
    assert_eq!(
        keeper["responsibilities"],
        serde_json::json!([
            "Count and weigh every seed lot that arrives at the bank",
            "Dry the seeds and store them at the right temperature",
            "Keep the germination records up to date"
        ])
    );
    let page = std::fs::read_to_string(dir.path().join("site/roles/seed-keeper.html"))
        .unwrap_or_else(|e| panic!("{e}"));
    // In the author's order: the objectives where the include stood, then
    // the body's own section, then the other keys, the mapped one first.
    let order: Vec<usize> = [
        "id=\"key-objectives\"",
        "id=\"about-the-bank\"",
        "id=\"bank-intro\"",
        "id=\"what-we-offer\"",
    ]
    .iter()
    .map(|id| page.find(id).unwrap_or_else(|| panic!("{id} on the page")))
    .collect();
    assert!(order.is_sorted(), "{order:?}");
    assert!(page.contains("class=\"section section-about\" aria-labelledby=\"bank-intro\""));
    assert!(page.contains("<li>A bicycle to ride between the stores</li>"));
    let guide = std::fs::read_to_string(dir.path().join("site/roles/vault-guide.html"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        guide.contains("<h3 id=\"talking-to-visitors\">Talking to visitors</h3>"),
        "{guide}"
    );
    assert!(guide.contains("thermometers at the end of each day"));
}

#[test]
fn a_front_matter_key_mapped_to_a_kind_of_section_careers_does_not_have_is_refused() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let roles = dir.path().join("roles");
    std::fs::create_dir(&roles).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        roles.join("site.yaml"),
        "front_matter:\n  key_objectives: dutiess\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(roles.join("miller.md"), "# Miller\n\nWe mill.\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let out = careers_in(dir.path(), &["check"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("nor a kind of section (required, optional, responsibilities, duties"),
        "{err}"
    );
}

// See: issue 27 item 3 ("Relative links").
#[test]
fn issue_27_links_out_of_the_folder_are_warned_until_source_url_reads_them() {
    let dir = checkout("reading/links/roles");
    let out = careers_in(dir.path(), &["check"]);
    let report = text(&out.stdout);
    let outside: Vec<&str> = report
        .lines()
        .filter(|l| l.contains("warning[link-outside-folder]"))
        .collect();
    assert_eq!(outside.len(), 2, "{report}");
    assert!(
        outside[0].starts_with("roles/hedge_layer.md:8:1:"),
        "{report}"
    );
    assert!(
        report.contains("= hint: set `source_url` in site.yaml"),
        "{report}"
    );
    // A link naming a role file without `.md` is that role's page.
    let out = careers_in(dir.path(), &["build", "--out", "site"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let page = std::fs::read_to_string(dir.path().join("site/roles/hedge-layer.html"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        page.contains("<a href=\"/roles/coppice-worker\">coppice worker</a>"),
        "{page}"
    );
    assert!(
        page.contains("Read how we work with landowners before"),
        "{page}"
    );

    std::fs::write(
        dir.path().join("roles/site.yaml"),
        "source_url: https://handbook.hedges.example/people/jobs\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let out = careers_in(dir.path(), &["check"]);
    let report = text(&out.stdout);
    assert!(!report.contains("link-outside-folder"), "{report}");
    let out = careers_in(dir.path(), &["build", "--out", "site"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let page = std::fs::read_to_string(dir.path().join("site/roles/hedge-layer.html"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        page.contains("href=\"https://handbook.hedges.example/people/handbook/landowners.md\""),
        "{page}"
    );
    assert!(
        page.contains("href=\"https://handbook.hedges.example/company/safety#tools\""),
        "{page}"
    );
}

#[test]
fn a_source_url_that_is_not_https_is_refused_by_check() {
    let dir = checkout("reading/links/roles");
    std::fs::write(
        dir.path().join("roles/site.yaml"),
        "source_url: http://handbook.hedges.example/jobs\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let out = careers_in(dir.path(), &["check"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("source_url: `http://handbook.hedges.example/jobs` cannot be used: it must start with https://"), "{err}");
}
