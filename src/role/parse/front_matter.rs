//! The front matter phase: the YAML block, read into [`FrontMatter`], and the
//! slug and aliases it gives.

use super::Reader;
use crate::role::diagnostic::{Code, to_u32};
use crate::role::front_matter::{self, FrontMatter};
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
    /// Splits off and reads the front matter. An empty file, or front matter
    /// that cannot be read, is an error and the file is left out.
    pub(super) fn front_matter(&mut self) -> Option<Front<'a>> {
        if self.text.trim().is_empty() {
            self.error((1, 1), Code::EmptyFile, "the file is empty".into());
            return None;
        }
        let split = match front_matter::split(self.text) {
            Ok(split) => split,
            Err(e) => {
                self.error((e.line, e.col), Code::FrontMatter, e.message);
                return None;
            }
        };
        self.front_matter_end = split.body_offset;
        let keys = match split.yaml.map(front_matter::parse).transpose() {
            Ok(keys) => keys.unwrap_or_default(),
            Err(e) => {
                self.error((e.line, e.col), e.code, e.message);
                return None;
            }
        };
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

    /// Aliases that are slugs (or can be made into one); others are warnings.
    pub(super) fn aliases(&mut self, front: &FrontMatter) -> Vec<Slug> {
        let mut out = Vec::new();
        for alias in &front.aliases {
            match Slug::parse(alias).or_else(|| Slug::from_file_stem(alias)) {
                Some(slug) => out.push(slug),
                None => {
                    let line = self.line_of_key("aliases");
                    self.warn_at(
                        (line, 1),
                        Code::BadAlias,
                        format!("alias `{alias}` cannot be a URL slug; ignored"),
                    );
                }
            }
        }
        out
    }

    /// Front matter `apply_url`, unless the allow-list refuses it (an error;
    /// the field is left out and the site's default applies).
    pub(super) fn apply_url(&mut self, front: &FrontMatter) -> Option<String> {
        let url = front.apply_url.as_ref()?;
        match check_url(url) {
            Ok(()) => Some(url.clone()),
            Err(refused) => {
                let line = self.line_of_key("apply_url");
                self.error(
                    (line, 1),
                    Code::UnsafeUrl,
                    format!("front matter: apply_url refused: {refused}"),
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

#[cfg(test)]
mod tests {
    use super::super::test_support::{read, role};
    use crate::role::model::Status;

    #[test]
    fn front_matter_overrides_and_errors() {
        let text = "---\ntitle: Platform Lead\nteam: Platform\nstatus: draft\nsalary:\n  - min: 70000\n    max: 90000\n    location: London\naliases: [old-platform-lead]\n---\n# Ignored\n\n## Salary\n\n£1 - £2\n";
        let r = role("platform.md", text);
        assert_eq!(r.title, "Platform Lead");
        assert_eq!(r.status, Status::Draft);
        assert_eq!(r.meta.team.as_deref(), Some("Platform"));
        assert_eq!(r.salary[0].location(), Some("London"));
        assert_eq!(r.meta.aliases[0].as_str(), "old-platform-lead");

        let bad = read("x.md", "---\nteam: A\ncolour: red\n---\n# X\n");
        assert!(bad.role.is_none());
        assert_eq!(
            (bad.diagnostics[0].code.as_str(), bad.diagnostics[0].line),
            ("front-matter", 3)
        );
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
}
