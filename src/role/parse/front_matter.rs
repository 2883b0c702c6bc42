//! The front matter phase: the YAML block, read into [`FrontMatter`], and the
//! slug and aliases it gives.

use super::Reader;
use crate::role::diagnostic::{Code, Diagnostic, Severity, UnknownKey, to_u32};
use crate::role::front_matter::{self, FrontMatter, Problem};
use crate::role::model::Slug;
use crate::role::url::check_url;

/// What the front matter phase hands on: the keys, and where the body starts.
#[derive(Debug)]
pub(super) struct Front<'a> {
    pub(super) keys: FrontMatter,
    /// The Markdown after the front matter.
    pub(super) body: &'a str,
    /// Byte offset of the body in the file.
    pub(super) body_offset: usize,
}

impl<'a> Reader<'a> {
    /// Splits off and reads the front matter, reporting every problem in it.
    /// An empty file, front matter that cannot be read at all, or a problem
    /// that is an error (an unreadable `status`, `closes` or `slug`) leaves
    /// the file out.
    pub(super) fn front_matter(&mut self) -> Option<Front<'a>> {
        if self.text.trim().is_empty() {
            self.error((1, 1), Code::EmptyFile, "the file is empty".into());
            return None;
        }
        let split = match front_matter::split(self.text) {
            Ok(split) => split,
            Err(e) => {
                self.problem(e);
                return None;
            }
        };
        self.front_matter_end = split.body_offset;
        if let Some(closer) = split.closer {
            self.problem(closer);
        }
        let site = self.options.clone();
        let (keys, problems) = match split
            .yaml
            .map(|text| front_matter::parse_as(split.format, text, site))
            .transpose()
        {
            Ok(read) => read.unwrap_or_default(),
            Err(e) => {
                self.problem(e);
                return None;
            }
        };
        let fatal = problems.iter().any(|p| p.severity == Severity::Error);
        for p in problems {
            self.problem(p);
        }
        // Keys the compliance checks read are kept in `extra` but are not unknown.
        let read_later = crate::role::compliance::FRONT_MATTER_KEYS;
        self.unknown_keys.extend(
            keys.unknown
                .iter()
                .filter(|(key, _, _)| !read_later.contains(&key.as_str()))
                .map(|(key, _, line)| UnknownKey {
                    path: self.path.to_owned(),
                    line: *line,
                    key: key.clone(),
                }),
        );
        if fatal {
            return None;
        }
        if let (Some(posted), Some(closes)) = (keys.posted, keys.closes)
            && closes < posted
        {
            let line = self.line_of_key("closes");
            self.error(
                (line, 1),
                Code::ClosesBeforePosted,
                format!("front matter: closes {closes} is before posted {posted}"),
            );
            return None;
        }
        Some(Front {
            keys,
            body: split.body,
            body_offset: split.body_offset,
        })
    }

    /// Reports a front matter problem as a diagnostic.
    fn problem(&mut self, p: Problem) {
        let mut d = match p.severity {
            Severity::Error => Diagnostic::error(self.path, (p.line, p.col), p.code, p.message),
            Severity::Warning => Diagnostic::warning(self.path, (p.line, p.col), p.code, p.message),
        };
        d.hint = p.hint;
        self.diagnostics.push(d);
    }

    /// Front matter `slug`, else one made from the file name.
    pub(super) fn slug(&mut self, front: &FrontMatter) -> Option<Slug> {
        match &front.slug {
            Some(s) => {
                let slug = Slug::parse(s);
                if slug.is_none() {
                    let line = self.line_of_key("slug");
                    self.error(
                        (line, 1),
                        Code::FrontMatter,
                        format!("front matter: slug `{s}` is not lowercase letters, digits and single hyphens"),
                    );
                }
                slug
            }
            None => {
                let slug = Slug::from_file_stem(&self.stem());
                if slug.is_none() {
                    let name = self.file_name();
                    self.error(
                        (1, 1),
                        Code::BadFileName,
                        format!("cannot make a URL slug from the file name `{name}`"),
                    );
                }
                slug
            }
        }
    }

    /// Aliases that are slugs, or paths whose last segment is one; others are
    /// warnings. An alias equal to the role's own slug (a `permalink` naming
    /// the page itself) is dropped quietly.
    pub(super) fn aliases(&mut self, front: &FrontMatter, own: &Slug) -> Vec<Slug> {
        let mut out: Vec<Slug> = Vec::new();
        for alias in &front.aliases {
            let written = alias.written.trim();
            if written.contains("{{") || written.contains("{%") {
                // A template for the generator that wrote it, not a path.
                continue;
            }
            let segment = last_segment(written);
            match Slug::parse(segment).or_else(|| Slug::from_file_stem(segment)) {
                Some(slug) if slug == *own => {}
                Some(slug) => {
                    if !out.contains(&slug) {
                        out.push(slug);
                    }
                }
                None => {
                    self.warn_at(
                        (alias.line, 1),
                        Code::BadAlias,
                        format!("alias `{written}` cannot be a URL slug; ignored"),
                    );
                }
            }
        }
        out
    }

    /// Front matter `apply_url`, unless the allow-list refuses it (an error;
    /// the field is left out and the site's default applies).
    /// Without an apply key, a key careers does not know whose value is a
    /// link to an applicant tracking system (`jazz_url:`) is the apply link.
    pub(super) fn apply_url(&mut self, front: &FrontMatter) -> Option<String> {
        let Some(url) = front.apply_url.as_ref() else {
            return front
                .unknown
                .iter()
                .find(|(_, value, _)| crate::role::url::is_applicant_tracking(value))
                .map(|(_, value, _)| value.trim().to_owned());
        };
        match check_url(&url.value) {
            Ok(()) => Some(url.value.clone()),
            Err(refused) => {
                self.error(
                    (url.line, 1),
                    Code::UnsafeUrl,
                    format!("front matter: {} refused: {refused}", url.key),
                );
                None
            }
        }
    }

    /// The one address of a "How to apply" section, when the allow-list
    /// takes it; one it refuses is a warning (the text stays on the page).
    pub(super) fn body_apply_url(&mut self, found: Option<(String, usize)>) -> Option<String> {
        let (url, offset) = found?;
        match check_url(&url) {
            Ok(()) => Some(url),
            Err(refused) => {
                self.warn(
                    offset,
                    Code::UnsafeUrl,
                    format!("apply address `{url}` refused: {refused}"),
                );
                None
            }
        }
    }

    /// The 1-based file line of a front matter key, for errors serde cannot
    /// place; line 1 when the key is not found.
    pub(super) fn line_of_key(&self, key: &str) -> u32 {
        let front = self.text.get(..self.front_matter_end).unwrap_or("");
        front
            .lines()
            .position(|l| {
                l.trim_start()
                    .strip_prefix(key)
                    .is_some_and(|rest| rest.starts_with(':'))
            })
            .map_or(1, |i| to_u32(i + 1))
    }
}

/// The last segment of a path (`/join/old-role/` -> `old-role`), without a
/// page extension; a bare slug is its own last segment.
fn last_segment(path: &str) -> &str {
    let path = path.trim_end_matches('/');
    let segment = path.rsplit('/').next().unwrap_or(path);
    segment
        .strip_suffix(".html")
        .or_else(|| segment.strip_suffix(".htm"))
        .or_else(|| segment.strip_suffix(".md"))
        .unwrap_or(segment)
}

#[cfg(test)]
mod tests {
    use test_case::test_case;

    use super::super::test_support::{read, role};
    use crate::role::mapping::ReadOptions;
    use crate::role::model::{Currency, Status};
    use std::path::Path;

    #[test]
    fn front_matter_overrides_and_errors() {
        let text = "---\ntitle: Platform Lead\nteam: Platform\nstatus: draft\nsalary:\n  - min: 70000\n    max: 90000\n    location: London\naliases: [old-platform-lead]\n---\n# Ignored\n\n## Salary\n\n£1 - £2\n";
        let r = role("platform.md", text);
        assert_eq!(r.title, "Platform Lead");
        assert_eq!(r.status, Status::Draft);
        assert_eq!(r.meta.team.as_deref(), Some("Platform"));
        assert_eq!(r.salary[0].location(), Some("London"));
        assert_eq!(r.meta.aliases[0].as_str(), "old-platform-lead");

        // An unknown key is kept and ignored; an unreadable status is an error.
        let kept = read("x.md", "---\nteam: A\ncolour: red\n---\n# X\n");
        assert!(kept.diagnostics.is_empty(), "{:?}", kept.diagnostics);
        let extra = kept.role.map(|r| r.meta.extra);
        assert_eq!(extra, Some(vec![("colour".to_owned(), "red".to_owned())]));
        assert_eq!(kept.unknown_keys.first().map(|k| k.line), Some(3));
        let bad = read("x.md", "---\nteam: A\nstatus: red\n---\n# X\n");
        assert!(bad.role.is_none());
        assert_eq!(
            (bad.diagnostics[0].code.as_str(), bad.diagnostics[0].line),
            ("front-matter", 3)
        );
    }

    // See: issue #25 (`aliases: 7` passed silently).
    #[test]
    fn a_number_is_no_alias_and_is_told_at_its_line() {
        let p = read("x.md", "---\nteam: A\naliases: 7\n---\n# X\n");
        let d = &p.diagnostics[0];
        assert_eq!(
            (d.code.as_str(), d.line, d.is_error()),
            ("front-matter-value", 3, false)
        );
        assert!(
            d.message.contains("a slug or a list of slugs"),
            "{}",
            d.message
        );
        assert!(p.role.is_some_and(|r| r.meta.aliases.is_empty()));
    }

    #[test]
    fn an_unsafe_apply_url_is_an_error_and_left_out() {
        let p = read(
            "x.md",
            "---\nteam: A\napply_url: \" Java\\tScript:alert(1)\"\n---\n# X\n",
        );
        let d = &p.diagnostics[0];
        assert_eq!(
            (d.code.as_str(), d.line, d.is_error()),
            ("unsafe-url", 3, true)
        );
        assert!(d.message.contains("`javascript:`"), "{}", d.message);
        let role = p.role.map(|r| (r.title, r.meta.apply_url));
        assert_eq!(role, Some(("X".to_owned(), None)));

        let ok = role_of("---\napply_url: mailto:jobs@example.org\n---\n# X\n");
        assert_eq!(
            ok.meta.apply_url.as_deref(),
            Some("mailto:jobs@example.org")
        );
    }

    #[test]
    fn closes_before_posted_is_an_error_at_closes() {
        let p = read(
            "x.md",
            "---\nposted: 2026-10-01\nteam: A\ncloses: 2026-09-30\n---\n# X\n",
        );
        assert!(p.role.is_none());
        let d = &p.diagnostics[0];
        assert_eq!((d.code.as_str(), d.line), ("closes-before-posted", 4));
        assert!(d.message.contains("2026-09-30") && d.message.contains("2026-10-01"));
        let same_day = role_of("---\nposted: 2026-10-01\ncloses: 2026-10-01\n---\n# X\n");
        assert_eq!(same_day.meta.closes, same_day.meta.posted);
    }

    fn role_of(text: &str) -> crate::role::model::Role {
        role("x.md", text)
    }

    #[test]
    fn huge_front_matter_is_an_error_at_its_first_line() {
        let text = format!("---\n{}\n---\n# X\n", "[".repeat(200_000));
        let p = read("x.md", &text);
        assert!(p.role.is_none());
        let d = &p.diagnostics[0];
        assert_eq!(
            (d.code.as_str(), d.line, d.is_error()),
            ("front-matter-too-large", 1, true)
        );
        assert!(d.message.contains("64 KiB"), "{}", d.message);
    }

    #[test]
    fn keys_are_looked_up_in_the_front_matter_only() {
        let p = read(
            "x.md",
            "---\nteam: A\naliases: [\"!!\"]\n---\n# X\n\naliases: elsewhere\n",
        );
        let d = p.diagnostics.iter().map(|d| (d.code.as_str(), d.line));
        assert_eq!(d.collect::<Vec<_>>(), [("bad-alias", 3)]);
    }

    /// What a role says for the fields foreign keys map onto.
    fn facts(yaml: &str) -> String {
        let p = read(
            "senior-baker.md",
            &format!("---\n{yaml}\n---\n# Senior Baker\n"),
        );
        let codes: Vec<_> = p.diagnostics.iter().map(|d| d.code.as_str()).collect();
        let Some(r) = p.role else {
            return format!("left out {codes:?}");
        };
        let band = r
            .salary
            .first()
            .map(|b| format!("{}{}-{:?}", b.currency().symbol(), b.min(), b.max()));
        let aliases: Vec<&str> = r.meta.aliases.iter().map(|a| a.as_str()).collect();
        let aliases = aliases.join(",");
        let fields = [
            ("aliases", Some(aliases)),
            ("status", Some(r.status.as_str().to_owned())),
            ("posted", r.meta.posted.map(|d| d.to_string())),
            ("closes", r.meta.closes.map(|d| d.to_string())),
            ("salary", band),
            ("location", r.location),
            ("apply", r.meta.apply_url),
            ("team", r.meta.team),
            ("type", r.meta.employment_type),
            ("description", r.meta.description),
        ];
        let mut out: Vec<String> = fields
            .into_iter()
            .filter_map(|(k, v)| v.filter(|v| !v.is_empty()).map(|v| format!("{k}={v}")))
            .collect();
        out.retain(|f| f != "status=open");
        if !codes.is_empty() {
            out.push(format!("{codes:?}"));
        }
        out.join(" ")
    }

    #[test_case("permalink: /join/old-baker/", "aliases=old-baker"; "permalink")]
    #[test_case("permalink: /join/senior-baker/", ""; "permalink naming the page itself")]
    #[test_case("permalink: /join/{{ title | slugify }}.html", ""; "permalink template")]
    #[test_case("redirect_from:\n  - /join/baker-closed/\n  - join/baker-2/", "aliases=baker-closed,baker-2"; "redirect_from")]
    #[test_case("aliases: [/old-baker/, /boulanger/]", "aliases=old-baker,boulanger"; "aliases as paths")]
    #[test_case("canonical_path: \"/job-families/bakery/bread-baker/\"", "aliases=bread-baker"; "canonical_path")]
    #[test_case("state: closed", "status=closed"; "state closed")]
    #[test_case("state: upcoming", "status=upcoming"; "state upcoming")]
    #[test_case("state: draft", "left out [\"front-matter\"]"; "state has no draft")]
    #[test_case("archived: true", "status=closed"; "archived")]
    #[test_case("archived: false", ""; "archived false")]
    #[test_case("archive: true", "status=closed"; "archive")]
    #[test_case("open: false", "status=closed"; "open false")]
    #[test_case("hiring: false", "status=closed"; "hiring false")]
    #[test_case("is_open: true", ""; "is_open true")]
    #[test_case("open: 2026-01-05", "[\"front-matter-misspelling\"]"; "open with a date is a misspelt opens")]
    #[test_case("expired: true", "status=closed"; "expired")]
    #[test_case("state: filled", "status=closed"; "state filled")]
    #[test_case("state: active", ""; "state active is open")]
    #[test_case("permalink: /en/jobpositions/baker.htm", "aliases=baker"; "permalink with htm")]
    #[test_case("status: open\narchived: true", ""; "our status wins")]
    #[test_case("opens: 2026-04-03\ncloses: 2026-04-27", "posted=2026-04-03 closes=2026-04-27"; "opens")]
    #[test_case("date: 2026-04-03", "posted=2026-04-03"; "date")]
    #[test_case("opens: November 5, 2018\ncloses: November 9, 2018, 8pm EDT", "posted=2018-11-05 closes=2018-11-09"; "dates in words")]
    #[test_case("opens: 'an upcoming date'\ncloses: TBD", "[\"front-matter-placeholder\", \"front-matter-placeholder\"]"; "placeholders")]
    #[test_case("salary_min: '98,500'\nsalary_max: '128,000'\ncurrency: USD", "salary=$98500-Some(128000)"; "salary_min and salary_max")]
    #[test_case("min_payrange: $98,500\nmax_payrange: $128,000", "salary=$98500-Some(128000)"; "payrange with dollar signs")]
    #[test_case("min_payrange: $\nmax_payrange: $", "[\"front-matter-placeholder\", \"front-matter-placeholder\"]"; "empty payrange")]
    #[test_case("salary_min: '98,500'", "[\"front-matter-value\"]"; "payrange without currency")]
    #[test_case("location: 'Anywhere (remote)'", "location=Anywhere (remote)"; "location")]
    #[test_case("location: [London, Remote]", "location=London, Remote"; "a list of places")]
    #[test_case("location:\n  - Leeds\n  - York", "location=Leeds, York"; "a block list of places")]
    #[test_case("city: Riga", "location=Riga"; "a city key")]
    #[test_case("office: true", "[\"front-matter-value\"]"; "an office flag is no place")]
    #[test_case("remote: true", "location=Remote"; "a remote flag")]
    #[test_case("validThrough: 2027-01-31", "closes=2027-01-31"; "valid through")]
    #[test_case("expires: false", "[\"front-matter-value\"]"; "an expiry flag is no date, and is said")]
    #[test_case("commitment: Full-time", "type=Full-time"; "lever's commitment")]
    #[test_case("schedule: Mon to Fri", ""; "a schedule that names no type")]
    #[test_case("applyLink: https://jobs.example/1", "apply=https://jobs.example/1"; "apply link in camel case")]
    #[test_case("remote: true\ncity: Riga", "location=Riga"; "a named place wins over the remote flag")]
    #[test_case("remote: false", ""; "not remote says no place")]
    #[test_case("job_location: [Leeds, Remote]", "location=Leeds, Remote"; "a job location list")]
    #[test_case("location: York\noffice: Leeds", "location=York"; "our key wins over an office")]
    #[test_case("application link: https://jobs.example.org/1", "apply=https://jobs.example.org/1"; "application link")]
    #[test_case("application_link: https://jobs.example.org/2", "apply=https://jobs.example.org/2"; "application_link")]
    #[test_case("application_link:", ""; "empty application_link")]
    #[test_case("application link: javascript:alert(1)", "[\"unsafe-url\"]"; "application link is checked")]
    #[test_case("org: 'Bread (B)'", "team=Bread (B)"; "org")]
    #[test_case("department: Pastry", "team=Pastry"; "department")]
    #[test_case("team: Ovens\norg: Bread", "team=Ovens"; "our team wins")]
    #[test_case("appointment type: perm", "type=Permanent"; "appointment type")]
    #[test_case("work_schedule: Part-time", "type=Part-time"; "work_schedule")]
    #[test_case("description: >-\n  We bake bread.", "description=We bake bread."; "description")]
    fn foreign_keys_map_onto_ours(yaml: &str, expected: &str) {
        assert_eq!(facts(yaml), expected);
    }

    /// The first band of a front matter, on a site whose currency is `site`.
    fn band_on_site(yaml: &str, site: Option<Currency>) -> Option<(Currency, u64)> {
        let text = format!("---\n{yaml}\n---\n# Senior Baker\n");
        let options = ReadOptions {
            currency: site,
            ..ReadOptions::default()
        };
        let role = super::super::parse_in(Path::new("senior-baker.md"), &text, options).role?;
        role.salary.first().map(|b| (b.currency(), b.min()))
    }

    #[test_case("min_payrange: 98500\nmax_payrange: 128000", None, None; "plain numbers on a site that names no currency")]
    #[test_case("min_payrange: 98500\nmax_payrange: 128000", Some(Currency::Usd), Some((Currency::Usd, 98_500)); "plain numbers are in the site's currency")]
    #[test_case("min_payrange: $98,500", Some(Currency::Cad), Some((Currency::Cad, 98_500)); "a bare dollar on a Canadian site")]
    #[test_case("min_payrange: $98,500", Some(Currency::Eur), Some((Currency::Usd, 98_500)); "a bare dollar elsewhere is US")]
    #[test_case("salary_min: 98500\ncurrency: CAD", None, Some((Currency::Cad, 98_500)); "the currency key names Canadian dollars")]
    #[test_case("salary_min: 98500\ncurrency: eur", Some(Currency::Usd), Some((Currency::Eur, 98_500)); "the file's currency wins over the site's")]
    #[test_case("min_payrange: $98,500\ncurrency: USD", Some(Currency::Cad), Some((Currency::Usd, 98_500)); "the file says which dollars")]
    #[test_case("salary:\n  - min: 40000\n    max: 50000", Some(Currency::Eur), Some((Currency::Eur, 40_000)); "our bands without a currency")]
    fn the_site_currency_fills_what_a_file_leaves_unsaid(
        yaml: &str,
        site: Option<Currency>,
        expected: Option<(Currency, u64)>,
    ) {
        assert_eq!(band_on_site(yaml, site), expected);
    }

    #[test]
    fn keys_under_hugo_params_or_zola_extra_fill_what_the_top_level_leaves_unset() {
        let r = role_of(
            "---\nlocation: Leeds\nparams:\n  location: Porto\n  closing: 2027-06-30\n  salary: €45,000 - €60,000\n---\n# Baker\n",
        );
        assert_eq!(r.location.as_deref(), Some("Leeds"), "the top level wins");
        assert_eq!(
            r.meta.closes.map(|d| d.to_string()).as_deref(),
            Some("2027-06-30")
        );
        assert_eq!(r.salary.first().map(|b| b.min()), Some(45_000));
        let toml =
            role_of("+++\ntitle = \"Baker\"\n[extra]\nlocation = \"Porto\"\n+++\nWe bake.\n");
        assert_eq!(toml.location.as_deref(), Some("Porto"));
    }

    #[test]
    fn description_never_replaces_the_summary() {
        let r = role_of("---\ndescription: For cards.\n---\n# X\n\nThe summary.\n");
        assert_eq!(r.summary_text, "The summary.");
        assert_eq!(r.meta.description.as_deref(), Some("For cards."));
    }
}
