//! Career paths: each discipline's roles as a ladder of levels, junior to
//! senior. Grouped once per build so a role page looks its ladder up instead
//! of scanning every role (that scan made a 10,000-role build quadratic).
//!
//! The model is kept apart from the views so that pages comparing levels can
//! walk the same ladders.

use std::collections::HashMap;
use std::sync::Arc;

use jiff::civil::Date;

use crate::role::model::Role;

/// Every discipline's ladder, by discipline name.
#[derive(Debug, Default)]
pub(crate) struct CareerPaths<'a> {
    ladders: HashMap<&'a str, Vec<Rung<'a>>>,
}

/// One level of a discipline's ladder.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rung<'a> {
    /// The level's position, junior first.
    pub(crate) rank: usize,
    /// The role shown for this level: the first open one, else the first.
    pub(crate) shown: &'a Role,
}

impl<'a> CareerPaths<'a> {
    /// Groups roles that have both a discipline and a level.
    pub(crate) fn new(roles: &'a [Arc<Role>], today: Date) -> CareerPaths<'a> {
        let mut by_discipline: HashMap<&str, Vec<&Role>> = HashMap::new();
        for role in roles {
            if let (Some(d), Some(_)) = (role.discipline.as_deref(), &role.level) {
                by_discipline.entry(d).or_default().push(role);
            }
        }
        let ladders = by_discipline
            .into_iter()
            .map(|(discipline, same)| (discipline, ladder(same, today)))
            .collect();
        CareerPaths { ladders }
    }

    /// The ladder of one discipline, junior to senior.
    pub(crate) fn ladder(&self, discipline: &str) -> &[Rung<'a>] {
        self.ladders.get(discipline).map_or(&[], Vec::as_slice)
    }

    /// Every discipline with two or more levels, by name, each with its
    /// ladder: the disciplines that get a career path page.
    pub(crate) fn with_several_levels(&self) -> Vec<(&'a str, &[Rung<'a>])> {
        let mut all: Vec<(&'a str, &[Rung<'a>])> = self
            .ladders
            .iter()
            .filter(|(_, ladder)| ladder.len() >= 2)
            .map(|(d, ladder)| (*d, ladder.as_slice()))
            .collect();
        all.sort_by_key(|(d, _)| *d);
        all
    }

    /// The career path through a role's discipline, one role per level, with
    /// this role at its own level; empty when the discipline has one level.
    /// One link per level keeps pages small however many roles share a level.
    pub(crate) fn path_through(&self, role: &'a Role) -> Vec<&'a Role> {
        let ladder = role
            .discipline
            .as_deref()
            .map_or(&[][..], |d| self.ladder(d));
        if ladder.len() < 2 {
            return Vec::new();
        }
        let own = role.level_rank();
        ladder
            .iter()
            .map(|rung| if rung.rank == own { role } else { rung.shown })
            .collect()
    }
}

/// One rung per level: roles sorted by level, then title.
fn ladder(mut same: Vec<&Role>, today: Date) -> Vec<Rung<'_>> {
    same.sort_by_cached_key(|r| (r.level_rank(), r.title.clone()));
    same.chunk_by(|a, b| a.level_rank() == b.level_rank())
        .filter_map(|rung| {
            let shown = rung.iter().find(|r| r.is_listed(today)).or(rung.first())?;
            Some(Rung {
                rank: shown.level_rank(),
                shown,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::role::load::roles_from_texts;

    fn titles(path: &[&Role]) -> Vec<String> {
        path.iter().map(|r| r.title.clone()).collect()
    }

    #[test]
    fn career_path_has_one_rung_per_level_with_this_role_on_its_own() {
        let today = Date::constant(2026, 11, 23);
        let all = roles_from_texts(&[
            ("junior-baker.md", "# Junior Baker\n"),
            (
                "mid-baker-a.md",
                "---\ndiscipline: Baker\n---\n# Mid Baker A\n",
            ),
            (
                "mid-baker-b.md",
                "---\ndiscipline: Baker\n---\n# Mid Baker B\n",
            ),
            (
                "senior-baker.md",
                "---\nstatus: closed\n---\n# Senior Baker\n",
            ),
            (
                "senior-baker-x.md",
                "---\ndiscipline: Baker\n---\n# Senior Baker X\n",
            ),
            ("lead-baker.md", "# Lead Baker\n"),
        ]);
        let all: Vec<Arc<Role>> = all.into_iter().map(Arc::new).collect();
        let paths = CareerPaths::new(&all, today);
        let from = |slug: &str| all.iter().find(|r| r.slug.as_str() == slug).unwrap();

        let path = paths.path_through(from("mid-baker-b"));
        assert_eq!(
            titles(&path),
            [
                "Junior Baker",
                "Mid Baker B",
                "Senior Baker X",
                "Lead Baker"
            ],
            "own rung shows this role; a closed role gives way to an open one"
        );
        let path = paths.path_through(from("junior-baker"));
        assert_eq!(titles(&path)[1], "Mid Baker A");
    }

    #[test]
    fn a_single_level_is_not_a_career_path() {
        let today = Date::constant(2026, 11, 23);
        let all = roles_from_texts(&[
            ("senior-cook.md", "# Senior Cook\n"),
            (
                "senior-cook-b.md",
                "---\ndiscipline: Cook\n---\n# Senior Cook B\n",
            ),
        ]);
        let all: Vec<Arc<Role>> = all.into_iter().map(Arc::new).collect();
        let paths = CareerPaths::new(&all, today);
        assert_eq!(paths.ladder("Cook").len(), 1);
        assert!(paths.path_through(&all[0]).is_empty());
    }
}
