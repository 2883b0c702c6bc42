//! What a rebuild may take from the site before it, so that the work of a
//! rebuild scales with what changed, not with the catalogue.
//!
//! A role page shows, besides its own role, the titles and links of its
//! listing group (related roles) and of its discipline (career path), and
//! links to other role files. So after some files change, the pages to render
//! again are: the changed roles, every role in the group or discipline of a
//! changed role (before or after the change), and every role that links to a
//! changed file. Every other role's page, JSON and listing card is the same
//! bytes as before and is shared, not copied. Anything that touches every
//! page (the settings, the date, the mode) means a full build.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use jiff::civil::Date;

use crate::role::model::Role;
use crate::site::{Mode, Page, Settings, Site, urls};

/// The previous site, and which of its pages still hold.
pub(crate) struct Reuse<'a> {
    previous: &'a Site,
    /// Source files whose page must be rendered again.
    affected: HashSet<&'a str>,
    /// The previous listing card of each listed role, by source file.
    cards: HashMap<&'a str, &'a str>,
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
        let touched: Vec<&Role> = previous
            .roles
            .iter()
            .chain(published)
            .filter(|r| changed.contains(&r.source_file))
            .map(|r| &**r)
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
        let cards = previous
            .listed
            .iter()
            .zip(&previous.cards)
            .filter_map(|(&i, card)| Some((previous.roles.get(i)?.source_file.as_str(), &**card)))
            .collect();
        Some(Reuse {
            previous,
            affected,
            cards,
        })
    }

    /// The role's previous page and JSON, when neither can have changed.
    pub(crate) fn pages(&self, role: &Role) -> Option<(Arc<Page>, Arc<Page>)> {
        if self.affected.contains(role.source_file.as_str()) {
            return None;
        }
        let html = self.previous.page(&urls::role(&role.slug))?;
        let json = self.previous.page(&urls::role_json(&role.slug))?;
        Some((Arc::clone(html), Arc::clone(json)))
    }

    /// The role's previous listing card, when it cannot have changed.
    pub(crate) fn card(&self, role: &Role) -> Option<Box<str>> {
        if self.affected.contains(role.source_file.as_str()) {
            return None;
        }
        self.cards
            .get(role.source_file.as_str())
            .map(|c| Box::from(*c))
    }

    /// How many roles must be rendered again.
    pub(crate) fn affected(&self) -> usize {
        self.affected.len()
    }
}
