//! What the listing's filters match against: a word-prefix index over the
//! listed roles and the choices the filter form offers, prepared once per build
//! so that a search costs lookups rather than a scan of every role's text.

use std::collections::{BTreeSet, HashMap};

use rayon::prelude::*;

use crate::role::model::{Level, Role};
use crate::site::listing::ListingQuery;

/// What the filters match against, prepared once per catalogue, so that a
/// search costs lookups rather than a scan of every role's text.
///
/// Free text matches by word prefix: `engin` finds "engineer" and "Engineering".
/// Each query word must start some word of the role's title, summary,
/// discipline or experience.
#[derive(Debug)]
pub struct SearchIndex {
    /// Distinct lowercase words of the listed roles, sorted, each with the
    /// (ascending) indexes of the roles that use it. Sorted, so every word
    /// with a given prefix sits in one run.
    words: Vec<(Box<str>, Vec<u32>)>,
    /// Each listed role's group (team, else discipline), for the team filter.
    groups: Vec<String>,
    /// Each listed role's level, empty when it has none.
    levels: Vec<String>,
    /// Lowercase places per listed role.
    places: Vec<String>,
    /// The highest salary each role offers: `u64::MAX` when a band is open
    /// ended, 0 without bands.
    top_salary: Vec<u64>,
}

/// Lowercase words: runs of letters and digits.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

impl SearchIndex {
    /// Indexes the listed roles, in listing order.
    pub fn new(roles: &[&Role]) -> SearchIndex {
        let texts: Vec<String> = roles
            .par_iter()
            .map(|r| {
                let mut h = format!(
                    "{} {} {}",
                    r.title,
                    r.summary_text,
                    r.discipline.as_deref().unwrap_or("")
                );
                for item in r.experience.required.iter().chain(&r.experience.optional) {
                    h.push(' ');
                    h.push_str(item);
                }
                h.to_lowercase()
            })
            .collect();
        // Word lists per chunk of roles in parallel, then joined in chunk order,
        // so every list stays ascending.
        const CHUNK: usize = 512;
        let chunks: Vec<HashMap<&str, Vec<u32>>> = texts
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(c, chunk)| {
                let mut postings: HashMap<&str, Vec<u32>> = HashMap::new();
                for (k, text) in chunk.iter().enumerate() {
                    let i = u32::try_from(c * CHUNK + k).unwrap_or(u32::MAX);
                    for word in words(text) {
                        let list = postings.entry(word).or_default();
                        if list.last() != Some(&i) {
                            list.push(i);
                        }
                    }
                }
                postings
            })
            .collect();
        let mut postings: HashMap<&str, Vec<u32>> = HashMap::new();
        for chunk in chunks {
            for (word, list) in chunk {
                postings.entry(word).or_default().extend(list);
            }
        }
        let mut words: Vec<(Box<str>, Vec<u32>)> = postings
            .into_iter()
            .map(|(w, l)| (Box::from(w), l))
            .collect();
        words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        SearchIndex {
            words,
            groups: roles.iter().map(|r| r.group().to_owned()).collect(),
            levels: roles
                .iter()
                .map(|r| r.level_name().unwrap_or_default().to_owned())
                .collect(),
            places: roles
                .iter()
                .map(|r| {
                    let mut p = r.location.clone().unwrap_or_default();
                    for band in &r.salary {
                        p.push(' ');
                        p.push_str(band.location().unwrap_or(""));
                    }
                    p.to_lowercase()
                })
                .collect(),
            top_salary: roles
                .iter()
                .map(|r| {
                    r.salary
                        .iter()
                        .map(|b| b.max().unwrap_or(u64::MAX))
                        .max()
                        .unwrap_or(0)
                })
                .collect(),
        }
    }

    /// The roles with a word starting with `prefix`, as a bit set.
    fn with_prefix(&self, prefix: &str, roles: usize) -> Vec<u64> {
        let mut set = vec![0u64; roles.div_ceil(64)];
        let start = self.words.partition_point(|(w, _)| &**w < prefix);
        for (_, list) in self.words[start..]
            .iter()
            .take_while(|(w, _)| w.starts_with(prefix))
        {
            for &i in list {
                if let Some(block) = set.get_mut(i as usize / 64) {
                    *block |= 1 << (i % 64);
                }
            }
        }
        set
    }

    /// Indexes (into the roles given to [`SearchIndex::new`]) of the roles
    /// that pass every filter, in listing order.
    pub fn matches(&self, query: &ListingQuery) -> Vec<usize> {
        let roles = self.places.len();
        let q = query.q.to_lowercase();
        // Roles with every query word, as a bit set; `None` when there is no text.
        let text = words(&q)
            .map(|word| self.with_prefix(word, roles))
            .reduce(|mut all, set| {
                all.iter_mut().zip(&set).for_each(|(a, b)| *a &= b);
                all
            });
        let place = query.location.to_lowercase();
        let min_salary = query.min_salary();
        (0..roles)
            .filter(|&i| {
                text.as_ref()
                    .is_none_or(|set| set.get(i / 64).is_some_and(|b| b >> (i % 64) & 1 == 1))
                    && (query.team.is_empty() || self.groups[i].eq_ignore_ascii_case(&query.team))
                    && (query.level.is_empty() || self.levels[i].eq_ignore_ascii_case(&query.level))
                    && (place.is_empty() || self.places[i].contains(&place))
                    && min_salary.is_none_or(|min| self.top_salary[i] >= min)
            })
            .collect()
    }
}

/// The choices for the filter form, from the listed roles.
#[derive(Debug, Default)]
pub struct FilterChoices {
    /// Teams (or disciplines), sorted.
    pub teams: Vec<String>,
    /// Levels, junior to senior.
    pub levels: Vec<String>,
    /// Places named in locations and salary bands, sorted.
    pub locations: Vec<String>,
}

impl FilterChoices {
    /// Collects the choices.
    pub fn new(roles: &[&Role]) -> FilterChoices {
        let teams: BTreeSet<String> = roles.iter().map(|r| r.group().to_owned()).collect();
        let mut levels: Vec<Level> = roles.iter().filter_map(|r| r.level.clone()).collect();
        levels.sort();
        levels.dedup();
        let mut locations: BTreeSet<String> = BTreeSet::new();
        for role in roles {
            let bands = role.salary.iter().filter_map(|b| b.location());
            for text in role.location.as_deref().into_iter().chain(bands) {
                for place in split_places(text) {
                    locations.insert(place);
                }
            }
        }
        FilterChoices {
            teams: teams.into_iter().collect(),
            levels: levels.iter().map(|l| l.name().to_owned()).collect(),
            locations: locations.into_iter().collect(),
        }
    }
}

/// `Bristol, Manchester & London, UK.` -> Bristol, Manchester, London, UK.
fn split_places(text: &str) -> Vec<String> {
    text.replace(" and ", ",")
        .replace(" or ", ",")
        .split([',', '&', '/', ';', '(', ')'])
        .map(|p| p.trim().trim_end_matches('.').trim())
        .filter(|p| {
            !p.is_empty()
                && p.len() <= 30
                && p.split_whitespace().count() <= 3
                && p.chars().next().is_some_and(char::is_uppercase)
        })
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::listing::ListingQuery;

    fn role(title: &str, summary: &str, salary: &str) -> Role {
        let text = format!("# {title}\n\n{summary}\n\n## Salary\n\n{salary}\n");
        crate::role::load::roles_from_texts(&[("role.md", &text)])
            .pop()
            .unwrap_or_else(|| panic!("{title} did not parse"))
    }

    fn search(roles: &[Role], q: &str, min_salary: &str) -> Vec<usize> {
        let refs: Vec<&Role> = roles.iter().collect();
        let query = ListingQuery {
            q: q.into(),
            min_salary: min_salary.into(),
            ..ListingQuery::default()
        };
        SearchIndex::new(&refs).matches(&query)
    }

    #[test]
    fn words_match_by_prefix_in_any_case_and_all_must_match() {
        let roles = [
            role(
                "Senior Data Engineer",
                "Pipelines in Rust.",
                "£50,000 - £60,000",
            ),
            role("Mid Content Designer", "Words for GOV services.", "£40,000"),
            role(
                "Lead Data Scientist",
                "Models and data-driven decisions.",
                "£70,000+",
            ),
        ];
        assert_eq!(search(&roles, "data", ""), [0, 2]);
        assert_eq!(search(&roles, "ENGIN", ""), [0]);
        assert_eq!(search(&roles, "data rust", ""), [0]);
        assert_eq!(search(&roles, "driven", ""), [2], "hyphenated words split");
        assert_eq!(
            search(&roles, "gineer", ""),
            Vec::<usize>::new(),
            "prefixes only"
        );
        assert_eq!(search(&roles, "data astronaut", ""), Vec::<usize>::new());
        assert_eq!(search(&roles, "", ""), [0, 1, 2]);
    }

    #[test]
    fn minimum_salary_counts_open_ended_bands() {
        let roles = [
            role("Senior Data Engineer", "Pipelines.", "£50,000 - £60,000"),
            role("Mid Content Designer", "Words.", "£40,000"),
            role("Lead Data Scientist", "Models.", "£70,000+"),
        ];
        assert_eq!(search(&roles, "", "60000"), [0, 2]);
        assert_eq!(search(&roles, "", "100k"), [2]);
        assert_eq!(search(&roles, "data", "65000"), [2]);
    }

    #[test]
    fn places_split() {
        assert_eq!(
            split_places("Bristol, Manchester & London, UK."),
            ["Bristol", "Manchester", "London", "UK"]
        );
    }
}
