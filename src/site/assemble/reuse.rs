//! What a rebuild may take from the site before it, so that the work of a
//! rebuild scales with what changed, not with the catalogue.
//!
//! A role page shows, besides its own role, the titles and links of its
//! listing group (related roles) and of its discipline (career path), and
//! links to other role files. So after some files change, the pages to render
//! again are: the changed roles, every role in the group or discipline of a
//! changed role that changed what others show of it (before or after the
//! change), and every role that links to a changed file. An edit to a
//! role's text alone renders its own page and card only. Every other role's
//! page, JSON and listing card is the same bytes as before and is shared,
//! not copied. Anything that touches every page (the settings, the date, the
//! mode) means a full build.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use jiff::civil::Date;

use crate::role::model::Role;
use crate::site::{Mode, Page, Settings, Site};

/// What another role's page, JSON or listing place may show of a role, or
/// depend on: its address, title, place in the listing, groups and career
/// ladder, status, language and translations, and (for good measure, as
/// the career path pages show it) its pay.
fn seen_by_others(role: &Role, today: Date) -> impl PartialEq + '_ {
    (
        (&role.slug, &role.source_file, &role.title, role.group()),
        (role.discipline.as_deref(), role.level_rank(), &role.salary),
        (
            role.status,
            role.effective_status(today),
            role.is_listed(today),
        ),
        (role.meta.lang.as_deref(), &role.meta.translations),
    )
}

/// The previous site, and which of its pages still hold.
pub(crate) struct Reuse<'a> {
    /// The site before this build.
    pub(crate) previous: &'a Site,
    /// The roles of the changed files before the change, by source file.
    before: HashMap<&'a str, &'a Role>,
    /// The roles of the changed files now.
    after: Vec<&'a Role>,
    /// Source files whose page must be rendered again.
    affected: HashSet<&'a str>,
    /// The previous site's place among its listed roles of each listed
    /// role, by source file: made only when a card is not where it was.
    listed_at: OnceLock<HashMap<&'a str, usize>>,
}

impl<'a> Reuse<'a> {
    /// What `previous` can lend a build of `published`, after `changed` files
    /// (by file name) changed; `None` when nothing can be reused.
    pub(crate) fn new(
        previous: &'a Site,
        published: &'a [Arc<Role>],
        changed: &'a HashSet<String>,
        build: (&Settings, Date, Mode),
    ) -> Option<Reuse<'a>> {
        let (settings, today, mode) = build;
        if previous.built_with != (settings.clone(), today, mode) {
            return None;
        }
        let before: HashMap<&str, &Role> = previous
            .roles
            .iter()
            .filter(|r| changed.contains(&r.source_file))
            .map(|r| (r.source_file.as_str(), &**r))
            .collect();
        let after: Vec<&Role> = published
            .iter()
            .filter(|r| changed.contains(&r.source_file))
            .map(|r| &**r)
            .collect();
        // Only a role that changed what other pages show of it makes them
        // render again: before and after, so both its old and new
        // neighbours do.
        let moved = |now: &Role| {
            before
                .get(now.source_file.as_str())
                .is_none_or(|was| seen_by_others(was, today) != seen_by_others(now, today))
        };
        let kept: HashSet<&str> = after
            .iter()
            .filter(|r| !moved(r))
            .map(|r| r.source_file.as_str())
            .collect();
        let touched: Vec<&Role> = before
            .values()
            .chain(&after)
            .copied()
            .filter(|r| !kept.contains(r.source_file.as_str()))
            .collect();
        let groups: HashSet<&str> = touched.iter().map(|r| r.group()).collect();
        let disciplines: HashSet<&str> = touched
            .iter()
            .filter_map(|r| r.discipline.as_deref())
            .collect();
        // Translations link each other: a change to one (or to whom it names)
        // changes the others' language links.
        let touched_slugs: HashSet<&str> = touched.iter().map(|r| r.slug.as_str()).collect();
        let translated: HashSet<&str> = touched
            .iter()
            .flat_map(|r| r.meta.translations.iter().map(|s| s.as_str()))
            .collect();
        let affected = published
            .iter()
            .filter(|r| {
                changed.contains(&r.source_file)
                    || translated.contains(r.slug.as_str())
                    || r.meta
                        .translations
                        .iter()
                        .any(|t| touched_slugs.contains(t.as_str()))
                    || groups.contains(r.group())
                    || r.discipline
                        .as_deref()
                        .is_some_and(|d| disciplines.contains(d))
                    || r.role_links.iter().any(|l| changed.contains(&l.file))
            })
            .map(|r| r.source_file.as_str())
            .collect();
        Some(Reuse {
            previous,
            before,
            after,
            affected,
            listed_at: OnceLock::new(),
        })
    }

    /// Whether every changed file gives a role as before, and the same
    /// `key` of it: no file added or removed, none that no longer reads.
    pub(crate) fn same<K: PartialEq>(&self, key: impl Fn(&Role) -> K) -> bool {
        self.same_by(|was, now| key(was) == key(now))
    }

    /// [`Reuse::same`] with the comparison given whole (for keys that
    /// borrow from the role).
    pub(crate) fn same_by(&self, same: impl Fn(&Role, &Role) -> bool) -> bool {
        self.before.len() == self.after.len()
            && self.after.iter().all(|now| {
                self.before
                    .get(now.source_file.as_str())
                    .is_some_and(|was| same(was, now))
            })
    }

    /// Whether `listed` (the listed roles, in listing order) are the
    /// previous site's listed roles, file for file, in the same places.
    pub(crate) fn same_listing(&self, listed: &[&Role]) -> bool {
        let previous = self.previous;
        previous.listed.len() == listed.len()
            && previous.listed.iter().zip(listed).all(|(&i, now)| {
                previous
                    .roles
                    .get(i)
                    .is_some_and(|was| was.source_file == now.source_file)
            })
    }

    /// A map of the previous site with one entry per role (`previous`),
    /// with the changed roles' entries made again by `entry`: the previous
    /// map itself when none differs. Only for maps whose entries each depend
    /// on their own role alone, after [`Reuse::same`] said every changed
    /// role keeps its slug.
    pub(crate) fn patched<V: Clone + PartialEq>(
        &self,
        previous: &Arc<HashMap<String, V>>,
        entry: impl Fn(&Role) -> (String, V),
    ) -> Arc<HashMap<String, V>> {
        let fresh: Vec<(String, V)> = self.after.iter().map(|r| entry(r)).collect();
        if fresh.iter().all(|(k, v)| previous.get(k) == Some(v)) {
            return Arc::clone(previous);
        }
        let mut map = HashMap::clone(previous);
        // A key may say what the entry holds (a share card's path does).
        for was in self.before.values() {
            map.remove(&entry(was).0);
        }
        map.extend(fresh);
        Arc::new(map)
    }

    /// The role's previous page and JSON (at `html_url` and `json_url`,
    /// its addresses), when neither can have changed.
    pub(crate) fn pages(
        &self,
        role: &Role,
        html_url: &str,
        json_url: &str,
    ) -> Option<(Arc<Page>, Arc<Page>)> {
        if self.affected.contains(role.source_file.as_str()) {
            return None;
        }
        let html = self.previous.page(html_url)?;
        let json = self.previous.page(json_url)?;
        Some((Arc::clone(html), Arc::clone(json)))
    }

    /// The role's previous listing card, when it cannot have changed. `at`
    /// is its place among the listed roles now: after most saves, its place
    /// before too.
    pub(crate) fn card(&self, role: &Role, at: usize) -> Option<Arc<str>> {
        if self.affected.contains(role.source_file.as_str()) {
            return None;
        }
        let previous = self.previous;
        let listed_file = |k: usize| {
            let i = *previous.listed.get(k)?;
            Some(previous.roles.get(i)?.source_file.as_str())
        };
        let k = if listed_file(at) == Some(role.source_file.as_str()) {
            at
        } else {
            *self.listed_at().get(role.source_file.as_str())?
        };
        previous.cards.get(k).cloned()
    }

    fn listed_at(&self) -> &HashMap<&'a str, usize> {
        self.listed_at.get_or_init(|| {
            let previous = self.previous;
            (previous.listed.iter().enumerate())
                .filter_map(|(k, &i)| Some((previous.roles.get(i)?.source_file.as_str(), k)))
                .collect()
        })
    }

    /// How many roles must be rendered again.
    pub(crate) fn affected(&self) -> usize {
        self.affected.len()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::role::load::roles_from_texts;
    use crate::site::Mode;

    const FILES: &[(&str, &str)] = &[
        (
            "junior-baker.md",
            "---\naliases: [apprentice-baker]\n---\n# Junior Baker\n\nLearn the ovens.\n",
        ),
        ("mid-baker.md", "# Mid Baker\n\nBake daily.\n"),
        ("senior-baker.md", "# Senior Baker\n\nRun the bakehouse.\n"),
        (
            "florist.md",
            "---\nteam: Flowers\napply_url: mailto:jobs@example.com\n---\n# Florist\n\nArrange flowers.\n",
        ),
    ];

    fn roles(edit: Option<(&str, &str)>) -> Vec<Arc<Role>> {
        let files: Vec<(&str, &str)> = FILES
            .iter()
            .map(|&(name, text)| match edit {
                Some((edited, new)) if edited == name => (name, new),
                _ => (name, text),
            })
            .collect();
        roles_from_texts(&files).into_iter().map(Arc::new).collect()
    }

    /// The roles after `edit`, as the pipeline gives them: a file not read
    /// again is the same role (the same `Arc`) as in `read`.
    fn edited(read: &[Arc<Role>], (file, text): (&str, &str)) -> Vec<Arc<Role>> {
        let again = roles(Some((file, text)));
        read.iter()
            .map(|r| match r.source_file == file {
                true => again.iter().find(|a| a.source_file == file).cloned(),
                false => Some(Arc::clone(r)),
            })
            .collect::<Option<Vec<_>>>()
            .unwrap_or_else(|| panic!("{file}"))
    }

    fn build(roles: Vec<Arc<Role>>, previous: Option<(&Site, &HashSet<String>)>) -> Site {
        let settings = Settings::default();
        let today = jiff::civil::date(2026, 12, 1);
        let built = match previous {
            Some(previous) => Site::rebuild_after(roles, &settings, today, Mode::Preview, previous),
            None => Site::build_for(roles, &settings, today, Mode::Preview),
        };
        built.unwrap_or_else(|e| panic!("{e}"))
    }

    /// Everything a request can be answered from, in a stable order.
    fn answers(site: &Site) -> BTreeMap<String, String> {
        let mut all = BTreeMap::new();
        let body = |page: &Page| String::from_utf8_lossy(&page.identity.body).into_owned();
        for (path, page) in site.pages() {
            all.insert(format!("page {path}"), body(page));
        }
        for (path, lazy) in &site.made_on_request {
            let page = lazy.page(site).unwrap_or_else(|e| panic!("{path}: {e}"));
            all.insert(format!("made on request {path}"), body(&page));
        }
        // Filters read the search index's facets and the form's choices.
        for (key, value) in [
            ("location", "Leeds"),
            ("team", "Flowers"),
            ("min_salary", "30000"),
        ] {
            let query = crate::site::listing::ListingQuery::from_pairs([(key, value)]);
            let page = site
                .render_listing(&query)
                .unwrap_or_else(|e| panic!("{e}"));
            all.insert(format!("listing {key}={value}"), body(&page));
        }
        for (from, to) in site.redirects.iter() {
            all.insert(format!("redirect {from}"), to.clone());
        }
        for (path, apply) in site.applies.iter() {
            all.insert(format!("apply {path}"), format!("{apply:?}"));
        }
        for (path, card) in site.share_cards.iter() {
            all.insert(format!("card {path}"), format!("{card:?}"));
        }
        all
    }

    // See: issue #26 (a save at 10,000 roles in under 100 ms).
    #[test]
    fn a_rebuild_after_one_change_answers_as_a_full_build_does() {
        let edits = [
            ("mid-baker.md", "# Mid Baker\n\nBake bread daily.\n"),
            ("mid-baker.md", "# Lead Baker\n\nBake daily.\n"),
            ("junior-baker.md", "# Junior Baker\n\nNo more old slugs.\n"),
            (
                "senior-baker.md",
                "---\nstatus: closed\n---\n# Senior Baker\n\nRun the bakehouse.\n",
            ),
            (
                "senior-baker.md",
                "# Senior Baker\n\n## Salary\n\n£40,000\n",
            ),
            (
                "florist.md",
                "---\nteam: Flowers\nslug: head-florist\n---\n# Head Florist\n\nLead.\n",
            ),
            (
                "florist.md",
                "---\nteam: Flowers\napply_url: https://example.com/apply\n---\n# Florist\n\nArrange flowers.\n",
            ),
            (
                "florist.md",
                "---\nteam: Flowers\nlocation: Leeds\n---\n# Florist\n\nArrange flowers.\n",
            ),
            (
                "mid-baker.md",
                "# Mid Baker\n\nBake daily.\n\n## Salary\n\n£35,000\n",
            ),
        ];
        let read = roles(None);
        let first = build(read.clone(), None);
        for (file, text) in edits {
            let changed = HashSet::from([file.to_owned()]);
            let after = build(edited(&read, (file, text)), Some((&first, &changed)));
            let full = build(roles(Some((file, text))), None);
            let (after, full) = (answers(&after), answers(&full));
            for (key, value) in &full {
                assert_eq!(after.get(key), Some(value), "after editing {file}");
            }
            assert_eq!(after.len(), full.len(), "after editing {file}");
        }
    }

    #[test]
    fn an_edit_to_a_roles_text_alone_renders_its_own_page_only() {
        let shared = |a: &Site, b: &Site, path: &str| matches!((a.page(path), b.page(path)), (Some(x), Some(y)) if Arc::ptr_eq(x, y));
        let first = build(roles(None), None);
        let changed = HashSet::from(["mid-baker.md".to_owned()]);
        let text = ("mid-baker.md", "# Mid Baker\n\nBake bread daily.\n");
        let after = build(roles(Some(text)), Some((&first, &changed)));
        assert!(!shared(&first, &after, "/roles/mid-baker"), "its own page");
        assert!(
            shared(&first, &after, "/roles/junior-baker"),
            "its career path shows nothing of its text"
        );
        let title = ("mid-baker.md", "# Mid Baker Two\n\nBake daily.\n");
        let after = build(roles(Some(title)), Some((&first, &changed)));
        assert!(
            !shared(&first, &after, "/roles/junior-baker"),
            "its career path shows its title"
        );
    }

    #[test]
    fn a_career_path_is_rendered_again_only_when_one_of_its_rungs_changed() {
        let read = roles(None);
        let edited = |edit| edited(&read, edit);
        let first = build(read.clone(), None);
        let path = |site: &Site| {
            let (discipline, path) = site
                .career_paths
                .first()
                .unwrap_or_else(|| panic!("no path"));
            (discipline.clone(), Arc::clone(path))
        };
        let (discipline, before) = path(&first);
        let changed = HashSet::from(["florist.md".to_owned()]);
        let edit = (
            "florist.md",
            "---\nteam: Flowers\n---\n# Florist\n\nArrange tulips.\n",
        );
        let elsewhere = build(edited(edit), Some((&first, &changed)));
        assert!(
            Arc::ptr_eq(&before, &path(&elsewhere).1),
            "{discipline}: shared"
        );
        let changed = HashSet::from(["mid-baker.md".to_owned()]);
        let edit = ("mid-baker.md", "# Mid Baker\n\n## Salary\n\n£31,000\n");
        let on_it = build(edited(edit), Some((&first, &changed)));
        let (_, after) = path(&on_it);
        assert!(
            !Arc::ptr_eq(&before, &after),
            "{discipline}: rendered again"
        );
        let page = on_it.pages().find(|(p, _)| p.starts_with("/paths/"));
        let (_, page) = page.unwrap_or_else(|| panic!("no path page"));
        let body = String::from_utf8_lossy(&page.identity.body).into_owned();
        assert!(body.contains("31,000"), "{body}");
    }

    #[test]
    fn an_edit_that_moves_no_address_shares_the_maps() {
        let first = build(roles(None), None);
        let changed = HashSet::from(["mid-baker.md".to_owned()]);
        let edit = ("mid-baker.md", "# Mid Baker\n\nBake bread daily.\n");
        let after = build(roles(Some(edit)), Some((&first, &changed)));
        assert!(Arc::ptr_eq(&first.redirects, &after.redirects));
        assert!(Arc::ptr_eq(&first.applies, &after.applies));
        assert!(Arc::ptr_eq(&first.share_cards, &after.share_cards));
    }
}
