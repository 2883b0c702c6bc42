//! What a rebuild may take from the last one's findings about each role
//! (the pay-law and wording review, the text a page will not publish), so
//! that a save re-reads the wording of the saved file only, not of every
//! role in the folder.
//!
//! A role's findings depend on the role as read and on a context the whole
//! folder shares (the review's options and the date; the role files and
//! slugs links may name). A role is the same reading while its `Arc` is the
//! one the read cache handed out before: an edited file gives a new one.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use jiff::civil::Date;
use jiff::tz::TimeZone;
use rayon::prelude::*;

use crate::role::compliance::ComplianceOptions;
use crate::role::load::FileCommits;
use crate::role::model::FileDates;
use crate::role::{Diagnostic, Role};
use crate::site::pages::preview::DashboardRows;
use crate::site::text::markdown::RoleLinks;

/// The findings a pipeline keeps between rebuilds, and the preview
/// dashboard's rows made from them.
#[derive(Debug, Default)]
pub(crate) struct Findings {
    /// The pay-law and wording review, under the site's options, on a date.
    pub(crate) review: FindingsMemo<(ComplianceOptions, Date)>,
    /// Text a page will not publish, given where relative links can lead
    /// (`source_url`, and a fingerprint of every role file and slug).
    pub(crate) unpublished: FindingsMemo<(Option<url::Url>, u64)>,
    /// Where relative links lead, for that same context.
    pub(crate) links: Option<((Option<url::Url>, u64), RoleLinks)>,
    /// The preview dashboard's row of each role, rendered (shared with the
    /// dashboards of the sites built, which are made on request).
    pub(crate) dashboard: Arc<Mutex<DashboardRows>>,
    /// Each role with the dates git gives it.
    pub(crate) dated: DatedRoles,
}

/// Each role with its git dates, kept between rebuilds: a role read before
/// with the same commits is the `Arc` the last rebuild made, not a fresh copy
/// of the whole role on every save (which a git checkout otherwise gets for
/// every file in the folder), and its commit times are not turned into days
/// again.
#[derive(Debug, Default)]
pub(crate) struct DatedRoles {
    /// The time zone the days were taken in: another forgets every role.
    zone: Option<TimeZone>,
    /// By source file: the role as read, its commits, and the role dated.
    by_file: HashMap<String, (Arc<Role>, FileCommits, Arc<Role>)>,
}

impl DatedRoles {
    /// `read` with the days of `commits` in `zone`: the one made before when
    /// `read` is the same reading with the same commits.
    pub(crate) fn dated(
        &mut self,
        read: &Arc<Role>,
        commits: FileCommits,
        zone: &TimeZone,
    ) -> Arc<Role> {
        if self.zone.as_ref() != Some(zone) {
            self.by_file.clear();
            self.zone = Some(zone.clone());
        }
        if let Some((was, made_from, dated)) = self.by_file.get(&read.source_file)
            && Arc::ptr_eq(was, read)
            && *made_from == commits
        {
            return Arc::clone(dated);
        }
        let day = |t: Option<jiff::Timestamp>| t.map(|t| t.to_zoned(zone.clone()).date());
        let dates = FileDates {
            added: day(commits.added),
            changed: day(commits.changed),
        };
        let mut dated = Arc::clone(read);
        if dated.history != dates {
            Arc::make_mut(&mut dated).history = dates;
        }
        let entry = (Arc::clone(read), commits, Arc::clone(&dated));
        self.by_file.insert(read.source_file.clone(), entry);
        dated
    }

    /// Forgets the files of none of `roles`, once more are kept than there
    /// are roles (a file gone leaves its entry until then: it is found by
    /// name, and a new file of that name is a new reading, dated afresh).
    pub(crate) fn keep_only(&mut self, roles: &[Arc<Role>]) {
        if self.by_file.len() > roles.len() {
            let files: HashSet<&str> = roles.iter().map(|r| r.source_file.as_str()).collect();
            self.by_file.retain(|file, _| files.contains(file.as_str()));
        }
    }
}

/// Each role file's findings, for one context.
#[derive(Debug)]
pub(crate) struct FindingsMemo<C> {
    /// What every finding kept was found under.
    context: Option<C>,
    /// By source file: the role the findings are about, and the findings.
    by_file: HashMap<String, (Arc<Role>, Arc<[Diagnostic]>)>,
}

impl<C> Default for FindingsMemo<C> {
    fn default() -> FindingsMemo<C> {
        FindingsMemo {
            context: None,
            by_file: HashMap::new(),
        }
    }
}

impl<C: PartialEq> FindingsMemo<C> {
    /// What `find` says about each of `roles` under `context`, in the order
    /// of `roles`: kept findings for a role read before under the same
    /// context, `find` (on all cores) for the others. Files no longer among
    /// `roles` are forgotten.
    pub(crate) fn findings(
        &mut self,
        context: C,
        roles: &[Arc<Role>],
        find: impl Fn(&Role) -> Vec<Diagnostic> + Sync,
    ) -> Vec<Diagnostic> {
        if self.context.as_ref() != Some(&context) {
            self.by_file.clear();
            self.context = Some(context);
        }
        let kept = &self.by_file;
        // Each role's findings, and whether they were found now.
        let findings: Vec<(Arc<[Diagnostic]>, bool)> = roles
            .par_iter()
            .map(|role| match kept.get(&role.source_file) {
                Some((read, found)) if Arc::ptr_eq(read, role) => (Arc::clone(found), false),
                _ => (Arc::from(find(role)), true),
            })
            .collect();
        let found = findings
            .iter()
            .flat_map(|(f, _)| f.iter().cloned())
            .collect();
        // Updated in place: a save changes one entry, not ten thousand keys.
        for (role, (findings, _)) in roles.iter().zip(findings).filter(|(_, (_, new))| *new) {
            let entry = (Arc::clone(role), findings);
            self.by_file.insert(role.source_file.clone(), entry);
        }
        if self.by_file.len() > roles.len() {
            let now: HashSet<&str> = roles.iter().map(|r| r.source_file.as_str()).collect();
            self.by_file.retain(|file, _| now.contains(file.as_str()));
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::role::Code;
    use crate::role::load::roles_from_texts;

    fn roles(files: &[(&str, &str)]) -> Vec<Arc<Role>> {
        roles_from_texts(files).into_iter().map(Arc::new).collect()
    }

    fn title_warning(role: &Role) -> Vec<Diagnostic> {
        vec![Diagnostic::warning(
            &role.path,
            (1, 1),
            Code::EmptySection,
            role.title.clone(),
        )]
    }

    #[test]
    fn a_role_read_before_with_the_same_commits_is_not_copied_again() {
        let read = roles(&[("a.md", "# Alpha Role\n")]);
        let at = |s: &str| {
            s.parse::<jiff::Timestamp>()
                .unwrap_or_else(|e| panic!("{e}"))
        };
        let commits = FileCommits {
            added: Some(at("2026-01-02T12:00:00Z")),
            changed: Some(at("2026-03-04T23:30:00Z")),
        };
        let utc = TimeZone::UTC;
        let mut memo = DatedRoles::default();
        let first = memo.dated(&read[0], commits, &utc);
        assert_eq!(first.history.added, Some(jiff::civil::date(2026, 1, 2)));
        assert_eq!(first.history.changed, Some(jiff::civil::date(2026, 3, 4)));
        assert!(
            !Arc::ptr_eq(&first, &read[0]),
            "the read role itself keeps no dates"
        );
        assert!(
            Arc::ptr_eq(&memo.dated(&read[0], commits, &utc), &first),
            "the same reading, the same commits"
        );
        let later = FileCommits {
            changed: Some(at("2026-05-06T10:00:00Z")),
            ..commits
        };
        let moved = memo.dated(&read[0], later, &utc);
        assert!(!Arc::ptr_eq(&moved, &first), "a new commit, new dates");
        assert_eq!(moved.history.changed, Some(jiff::civil::date(2026, 5, 6)));
        let east = TimeZone::fixed(jiff::tz::offset(2));
        let elsewhere = memo.dated(&read[0], later, &east);
        assert_eq!(
            elsewhere.history.changed,
            Some(jiff::civil::date(2026, 5, 6)),
        );
        assert_eq!(
            memo.dated(&read[0], commits, &east).history.changed,
            Some(jiff::civil::date(2026, 3, 5)),
            "23:30 UTC is the next day two hours east"
        );
        let reread = roles(&[("a.md", "# Alpha Role\n")]);
        assert!(
            !Arc::ptr_eq(&memo.dated(&reread[0], commits, &east), &first),
            "a file read again is dated again"
        );
        memo.keep_only(&[]);
        assert!(memo.by_file.is_empty());
    }

    #[test]
    fn only_a_role_read_again_is_looked_at_again_and_the_findings_are_the_same() {
        let first = roles(&[("a.md", "# Alpha Role\n"), ("b.md", "# Beta Role\n")]);
        let calls = AtomicUsize::new(0);
        let find = |role: &Role| {
            calls.fetch_add(1, Ordering::Relaxed);
            title_warning(role)
        };
        let mut memo = FindingsMemo::default();
        memo.findings(1, &first, find);
        assert_eq!(calls.load(Ordering::Relaxed), 2);
        let edited = roles(&[("b.md", "# Beta Role Renamed\n")]);
        let second = vec![Arc::clone(&first[0]), Arc::clone(&edited[0])];
        let found = memo.findings(1, &second, find);
        assert_eq!(calls.load(Ordering::Relaxed), 3, "only b.md again");
        let whole: Vec<Diagnostic> = second.iter().flat_map(|r| title_warning(r)).collect();
        assert_eq!(found, whole, "the same as looking at every role");
        memo.findings(2, &second, find);
        assert_eq!(calls.load(Ordering::Relaxed), 5, "a new context, all again");
    }

    #[test]
    fn a_removed_file_is_forgotten() {
        let both = roles(&[("a.md", "# Alpha Role\n"), ("b.md", "# Beta Role\n")]);
        let mut memo = FindingsMemo::default();
        memo.findings((), &both, title_warning);
        let found = memo.findings((), &both[..1], title_warning);
        assert_eq!(found.len(), 1);
        assert_eq!(memo.by_file.len(), 1);
    }
}
