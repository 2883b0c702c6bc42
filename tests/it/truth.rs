//! Every channel says what the file says: dates from git (first commit,
//! last change), never the build date; the real binary on a folder with no
//! `site.yaml` invents no organisation or address.
//!
//! The git repositories here are made with the `git` command line, in a
//! temporary folder; careers itself reads them in-process.

use std::path::Path;
use std::process::Command;

use careers::site::{PipelineOptions, Sink, build_from_dir};

use crate::support::{self, RouterExt, careers_in};

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

// See: issue "preview still runs without git dates".
#[test]
fn the_preview_shows_the_dates_git_gives_as_serve_does() {
    let repo = repository();
    let port = support::free_port();
    let _preview = support::Running::start(
        repo.path(),
        &["preview", "--addr", &format!("127.0.0.1:{port}")],
        &[],
    );
    let mut page = String::new();
    assert!(support::eventually(|| {
        page = support::http_get(port, "/roles/potting-assistant").unwrap_or_default();
        page.contains("200 OK")
    }));
    assert!(
        page.contains("<dt>Posted</dt><dd>1 October 2026</dd>"),
        "{page}"
    );
    assert!(
        page.contains("<dt>Last updated</dt><dd>10 November 2026</dd>"),
        "{page}"
    );
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

// See: "Never the build date: two builds of one commit are byte-identical."
#[test]
fn two_builds_of_one_commit_are_byte_identical() {
    let repo = repository();
    for out in ["one", "two"] {
        let run = careers_in(repo.path(), &["build", "--out", out]);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
    let (one, two) = (
        crate::support::files_under(&repo.path().join("one")),
        crate::support::files_under(&repo.path().join("two")),
    );
    assert!(one.len() > 10, "the export wrote its files");
    assert_eq!(one.len(), two.len());
    for ((a, bytes_a), (b, bytes_b)) in one.iter().zip(&two) {
        assert_eq!(a, b);
        assert!(
            bytes_a == bytes_b,
            "{} differs between two builds",
            a.display()
        );
    }
    let page = String::from_utf8_lossy(
        &one.iter()
            .find(|(n, _)| n == Path::new("roles/potting-assistant.html"))
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
    let run = careers_in(&copy, &["check"]);
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
    let check = careers_in(folder.path(), &["check"]);
    let out = String::from_utf8_lossy(&check.stdout).into_owned();
    for key in ["organisation", "apply_url", "time_zone"] {
        assert_eq!(
            out.matches(&format!("warning[setting-unset]: `{key}`"))
                .count(),
            1,
            "{out}"
        );
    }
    let build = careers_in(folder.path(), &["build", "--out", "site"]);
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

/// The text a person sees on a page: every text node of `<body>` outside
/// `<script>`, whitespace squashed.
fn visible_text(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let body = scraper::Selector::parse("body").unwrap_or_else(|e| panic!("{e}"));
    let mut words = Vec::new();
    for node in doc.select(&body).flat_map(|b| b.descendants()) {
        let Some(text) = node.value().as_text() else {
            continue;
        };
        let in_script = node
            .ancestors()
            .filter_map(|a| a.value().as_element())
            .any(|e| e.name() == "script" || e.name() == "style");
        if !in_script {
            words.extend(text.split_whitespace().map(str::to_owned));
        }
    }
    words.join(" ")
}

/// The JobPosting of a page, if it has one.
fn job_posting(html: &str) -> Option<serde_json::Value> {
    let doc = scraper::Html::parse_document(html);
    let script = scraper::Selector::parse("script[type=\"application/ld+json\"]")
        .unwrap_or_else(|e| panic!("{e}"));
    let json = doc.select(&script).next()?.text().collect::<String>();
    serde_json::from_str(&json.replace("<\\/", "</")).ok()
}

/// `2026-11-02` (or an RFC 3339 instant) as pages write the day: `2 November 2026`.
fn spoken_date(iso: &str) -> String {
    let day: jiff::civil::Date = iso[..10].parse().unwrap_or_else(|e| panic!("{iso}: {e}"));
    jiff::fmt::strtime::format("%-d %B %Y", day).unwrap_or_else(|e| panic!("{e}"))
}

/// `78000` as pages write it: `78,000`.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Words a page may use for a country the posting gives (code or name).
fn country_words(country: &str) -> &'static [&'static str] {
    match country {
        "GB" | "United Kingdom" => &[
            "UK",
            "United Kingdom",
            "England",
            "Scotland",
            "Wales",
            "Britain",
        ],
        "US" | "United States" => &["USA", "US", "United States", "America"],
        "CA" | "Canada" => &["Canada"],
        "IE" | "Ireland" => &["Ireland"],
        _ => panic!("add the words a page uses for {country}"),
    }
}

/// Checks every fact of `posting` against the visible text of its page;
/// returns what is missing.
fn missing_facts(posting: &serde_json::Value, text: &str) -> Vec<String> {
    let mut missing = Vec::new();
    let mut expect = |fact: &str, found: bool| {
        if !found {
            missing.push(fact.to_owned());
        }
    };
    let s = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_owned();
    let title = s(&posting["title"]);
    expect(&format!("title {title}"), text.contains(&title));
    let organisation = s(&posting["hiringOrganization"]["name"]);
    expect(
        &format!("organisation {organisation}"),
        text.contains(&organisation),
    );
    let address = &posting["jobLocation"]["address"];
    if let Some(place) = address["addressLocality"].as_str() {
        expect(&format!("place {place}"), text.contains(place));
    }
    if let Some(code) = address["addressCountry"].as_str() {
        let found = country_words(code).iter().any(|w| text.contains(w));
        expect(&format!("country {code}"), found);
    }
    // One Country or State, or a list of them (issue 31: who can apply from where).
    let areas = match &posting["applicantLocationRequirements"] {
        serde_json::Value::Array(all) => all.clone(),
        serde_json::Value::Null => Vec::new(),
        one => vec![one.clone()],
    };
    for area in &areas {
        let name = s(&area["name"]);
        let found = if area["@type"] == "Country" {
            text.contains(&name) || country_words(&name).iter().any(|w| text.contains(w))
        } else {
            text.contains(&name)
        };
        expect(&format!("applicant location {name}"), found);
    }
    let salaries = match &posting["baseSalary"] {
        serde_json::Value::Array(all) => all.clone(),
        serde_json::Value::Null => Vec::new(),
        one => vec![one.clone()],
    };
    for salary in &salaries {
        for key in ["minValue", "maxValue"] {
            if let Some(n) = salary["value"][key].as_u64() {
                expect(&format!("pay {n}"), text.contains(&grouped(n)));
            }
        }
        let unit = s(&salary["value"]["unitText"]).to_lowercase();
        expect(
            &format!("pay period {unit}"),
            text.contains(&format!("a {unit}")) || text.contains(&format!("an {unit}")),
        );
    }
    let posted = s(&posting["datePosted"]);
    expect(
        &format!("posted {posted}"),
        text.contains(&format!("Posted {}", spoken_date(&posted))),
    );
    if let Some(until) = posting["validThrough"].as_str() {
        expect(
            &format!("closes {until}"),
            text.contains(&spoken_date(until)),
        );
        if until.len() > 10 {
            expect("the closing time", text.contains("11:59pm"));
        }
    }
    let types = match &posting["employmentType"] {
        serde_json::Value::Array(all) => all.iter().map(&s).collect(),
        serde_json::Value::Null => Vec::new(),
        one => vec![s(one)],
    };
    let lower = text.to_lowercase();
    for kind in types {
        let words: &[&str] = match kind.as_str() {
            "FULL_TIME" => &["full-time", "full time", "fulltime", "permanent"],
            "PART_TIME" => &["part-time", "part time"],
            "CONTRACTOR" => &["contract", "freelance", "interim"],
            "TEMPORARY" => &["temporary", "temp", "fixed-term", "fixed term", "seasonal"],
            "INTERN" => &["intern"],
            _ => &[],
        };
        expect(
            &format!("employment type {kind}"),
            words.iter().any(|w| lower.contains(w)),
        );
    }
    missing
}

/// Every role page's JobPosting facts in a site, against its visible text;
/// returns how many postings were checked.
async fn check_postings(roles: &Path, git_history: bool) -> usize {
    let options = PipelineOptions {
        git_history,
        ..PipelineOptions::default()
    };
    let build = build_from_dir(roles, support::now(), Sink::Memory, &options)
        .unwrap_or_else(|e| panic!("{}: {e}", roles.display()));
    let site = build.site.unwrap_or_else(|| panic!("a site"));
    let app = careers::server::router(careers::server::AppState::new(site));
    let listed: serde_json::Value =
        serde_json::from_str(&app.page("/roles.json").await).unwrap_or_else(|e| panic!("{e}"));
    let mut checked = 0;
    for role in listed["roles"].as_array().into_iter().flatten() {
        let url = role["url"].as_str().unwrap_or_default();
        let html = app.page(url).await;
        let Some(posting) = job_posting(&html) else {
            continue;
        };
        let missing = missing_facts(&posting, &visible_text(&html));
        assert!(
            missing.is_empty(),
            "{}{url}: {missing:?} not on the page: {}",
            roles.display(),
            visible_text(&html)
        );
        checked += 1;
    }
    checked
}

// See: "Every fact in JobPosting ... is a fact the page shows."
#[tokio::test]
async fn every_job_posting_fact_is_on_its_page_in_the_bundled_site_and_every_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The bundled roles as `serve` reads them, git history included.
    let bundled = check_postings(&root.join("roles"), true).await;
    assert!(bundled >= 4, "{bundled} bundled postings checked");
    let mut folders = Vec::new();
    let mut stack = vec![support::fixture("")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{e}")) {
            let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n == "roles") {
                    folders.push(path);
                } else {
                    stack.push(path);
                }
            }
        }
    }
    folders.sort();
    assert!(folders.len() >= 15, "{folders:?}");
    let mut checked = 0;
    for folder in &folders {
        checked += check_postings(folder, false).await;
    }
    assert!(checked >= 8, "{checked} fixture postings checked");
}

// See: "a closed role shows no countdown anywhere; share images say Closed or
// Opens 3 March; the listing says 6 open roles, 1 opening soon; an upcoming
// role is not first in the feed and never has a future Posted".
#[tokio::test]
async fn closed_and_upcoming_roles_say_so_on_every_channel() {
    let roles = support::fixture("truth/statuses/roles");
    let build = || {
        build_from_dir(
            &roles,
            support::now(),
            Sink::Memory,
            &PipelineOptions::default(),
        )
        .unwrap_or_else(|e| panic!("{e}"))
        .site
        .unwrap_or_else(|| panic!("a site"))
    };
    let cards_site = build();
    let app = careers::server::router(careers::server::AppState::new(build()));
    let share_text = |html: &str| {
        let url =
            support::meta(html, "property", "og:image").unwrap_or_else(|| panic!("an og:image"));
        let path = url.trim_start_matches("https://jobs.larkrise.example");
        let card = cards_site
            .share_card(path)
            .unwrap_or_else(|| panic!("a card at {path}"));
        (card.svg().to_owned(), card.alt.clone())
    };

    let closed = app.page("/roles/sack-hand").await;
    assert!(closed.contains("This role is closed"));
    assert!(
        !closed.contains("Closes in"),
        "no countdown on a closed role"
    );
    assert!(
        closed.contains("<dt>Closing date</dt><dd>Closed</dd>"),
        "{closed}"
    );
    let (svg, alt) = share_text(&closed);
    assert!(svg.contains(">Closed<") && alt.contains("Closed"), "{alt}");
    let json = app.page("/roles/sack-hand.json").await;
    assert!(json.contains("\"status\":\"closed\""), "{json}");

    let upcoming = app.page("/roles/wheelwright").await;
    assert!(upcoming.contains("Applications open on <strong>3 March 2027</strong>"));
    assert!(
        !upcoming.contains("<dt>Posted</dt>"),
        "no future Posted date"
    );
    assert!(job_posting(&upcoming).is_none());
    let (svg, alt) = share_text(&upcoming);
    assert!(svg.contains(">Opens 3 March 2027<"), "{svg}");
    assert!(alt.contains("Opens 3 March 2027"), "{alt}");
    let json = app.page("/roles/wheelwright.json").await;
    assert!(json.contains("\"status\":\"upcoming\""), "{json}");
    assert!(
        json.contains("\"posted\":null,\"opens\":\"2027-03-03\""),
        "{json}"
    );

    let open = app.page("/roles/miller").await;
    let (svg, _) = share_text(&open);
    assert!(!svg.contains("Closed") && !svg.contains("Opens"), "{svg}");
    assert!(
        svg.contains("£27,000 to £31,000 a year"),
        "pay with its period: {svg}"
    );

    let listing = app.page("/").await;
    assert!(
        listing.contains(">1 open role, 1 opening soon<"),
        "{listing}"
    );
    assert!(listing.contains("<span class=\"tag-upcoming\">Opens 3 March 2027</span>"));
    assert!(
        !listing.contains("/roles/sack-hand\""),
        "a closed role leaves the listing"
    );
    assert!(
        listing.contains("£27,000 to £31,000 a year"),
        "cards say the period"
    );

    let feed = app.page("/feed.xml").await;
    let miller = feed.find("/roles/miller<").unwrap_or(usize::MAX);
    let wheelwright = feed
        .find("/roles/wheelwright<")
        .unwrap_or_else(|| panic!("{feed}"));
    assert!(
        miller < wheelwright,
        "the upcoming role is not first: {feed}"
    );
    assert!(feed.contains("Opens 3 March 2027. Stroud, UK."), "{feed}");
    assert!(
        !feed.contains("2027-03-03T"),
        "no future date in the feed: {feed}"
    );
    assert!(!feed.contains("sack-hand"), "a closed role leaves the feed");
}

// See: "breadcrumbs without repeats", "listing groups only when the folder
// has teams", "groups and filter choices sorted case-insensitively".
#[tokio::test]
async fn a_folder_without_teams_is_one_list_and_choices_ignore_letter_case() {
    let folder = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let roles = folder.path().join("roles");
    write(&roles.join("site.yaml"), SITE);
    write(
        &roles.join("gardener.md"),
        "---\nlocation: bath\nposted: 2026-11-01\n---\n# Gardener\n\nDig.\n",
    );
    write(
        &roles.join("senior-gardener.md"),
        "---\nlocation: Aldeburgh\nposted: 2026-11-01\n---\n# Senior Gardener\n\nDig more.\n",
    );
    write(
        &roles.join("beekeeper.md"),
        "---\nlocation: Crewe\nposted: 2026-11-01\n---\n# Beekeeper\n\nKeep bees.\n",
    );
    let build = build_from_dir(
        &roles,
        support::now(),
        Sink::Memory,
        &PipelineOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let app = careers::server::router(careers::server::AppState::new(
        build.site.unwrap_or_else(|| panic!("a site")),
    ));
    let listing = app.page("/").await;
    assert_eq!(
        listing.matches("<section class=\"group\"").count(),
        1,
        "{listing}"
    );
    assert!(
        !listing.contains("<h2 id=\"team-"),
        "no heading per role: {listing}"
    );
    let page = app.page("/roles/gardener").await;
    assert_eq!(
        page.matches("<span aria-current=\"page\">Gardener</span>")
            .count(),
        1
    );
    assert!(
        !page.contains("?team=Gardener\">Gardener</a></li>"),
        "no crumb repeating the title"
    );
}

// See: "groups and filter choices sorted case-insensitively, displayed as written".
#[tokio::test]
async fn teams_are_grouped_and_chosen_without_regard_to_letter_case() {
    let folder = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let roles = folder.path().join("roles");
    write(&roles.join("site.yaml"), SITE);
    for (file, team) in [("a.md", "Platform"), ("b.md", "data"), ("c.md", "Bakery")] {
        write(
            &roles.join(file),
            &format!("---\nteam: {team}\nposted: 2026-11-01\n---\n# Role {file}\n\nWork.\n"),
        );
    }
    let build = build_from_dir(
        &roles,
        support::now(),
        Sink::Memory,
        &PipelineOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let app = careers::server::router(careers::server::AppState::new(
        build.site.unwrap_or_else(|| panic!("a site")),
    ));
    let listing = app.page("/").await;
    let at = |needle: &str| {
        listing
            .find(needle)
            .unwrap_or_else(|| panic!("{needle}: {listing}"))
    };
    assert!(at(">Bakery</h2>") < at(">data</h2>") && at(">data</h2>") < at(">Platform</h2>"));
    assert!(
        at(">Bakery</option>") < at(">data</option>")
            && at(">data</option>") < at(">Platform</option>")
    );
}

// The pipeline keeps the history read at one `HEAD`: a save with no commit
// keeps the dates, and a new commit is read (a cache that never re-read
// would fail the last assertion).
#[test]
fn a_rebuild_reads_the_history_again_only_when_head_moves() {
    use careers::site::{Mode, Pipeline};

    let repo = repository();
    let roles = repo.path().join("roles");
    let mut pipeline =
        Pipeline::open(&roles, Mode::Publish, with_history()).unwrap_or_else(|e| panic!("{e}"));
    let updated = |pipeline: &mut Pipeline| {
        pipeline
            .rebuild(support::now(), None)
            .unwrap_or_else(|e| panic!("{e}"));
        pipeline
            .site()
            .and_then(|site| site.page("/roles/potting-assistant.json"))
            .map(|page| String::from_utf8_lossy(&page.identity.body).into_owned())
            .unwrap_or_default()
    };
    let first = updated(&mut pipeline);
    assert!(first.contains("\"updated\":\"2026-11-10\""), "{first}");
    // A save with no commit: the same history.
    write(
        &roles.join("potting-assistant.md"),
        "---\nlocation: Frome, UK\n---\n# Potting Assistant\n\nPot on seedlings, label and water them.\n",
    );
    let saved = updated(&mut pipeline);
    assert!(saved.contains("\"updated\":\"2026-11-10\""), "{saved}");
    // A commit moves HEAD: read again.
    git(repo.path(), "2026-12-01T12:00:00Z", &["add", "-A"]);
    git(
        repo.path(),
        "2026-12-01T12:00:00Z",
        &["commit", "-q", "-m", "water"],
    );
    let committed = updated(&mut pipeline);
    assert!(
        committed.contains("\"updated\":\"2026-12-01\""),
        "{committed}"
    );
}
