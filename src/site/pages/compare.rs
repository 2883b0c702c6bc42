//! Two roles side by side (`/compare/{a}...{b}`): key facts and pay, then
//! experience and expectations, each item of the second marked in words as
//! added, kept or changed relative to the first, and the first's leftovers as
//! dropped. Rendered on request from the typed catalogue (any pair can be
//! asked for) and memoised in a bounded [`ComparisonCache`].

use std::sync::Arc;

use askama::Template;

use crate::role::model::Role;
use crate::site::assemble::memo::SiteMemo;
use crate::site::pages::templates::{
    CompareChoice, CompareFact, ComparePage, DiffItem, DiffSection,
};
use crate::site::pages::views;
use crate::site::text::format;
use crate::site::urls;
use crate::site::{Page, PageKind, RenderError, Site};

/// How many rendered comparisons are kept.
const COMPARISON_CACHE_SIZE: usize = 256;

/// Token-set similarity at or above which two items are the same one, "Kept".
pub(crate) const KEPT: f64 = 0.75;
/// At or above which (and below [`KEPT`]) an item is "Changed" from the other.
pub(crate) const CHANGED: f64 = 0.5;

/// Words that carry no meaning of their own in an experience line.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "e", "etc", "for", "g", "in", "is", "of",
    "on", "or", "our", "such", "the", "to", "we", "with", "you", "your",
];

/// Lowercased words without punctuation or stop words, each lightly stemmed
/// ("Written" -> "writt", "Test-Driven" -> "test", "driv"), without repeats.
pub(crate) fn tokens(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let word = word.to_lowercase();
        if STOP_WORDS.contains(&word.as_str()) {
            continue;
        }
        let stem = stem(&word);
        if !out.contains(&stem) {
            out.push(stem);
        }
    }
    out
}

/// Drops one common ending, keeping at least three letters ("pastries"
/// becomes "pastry").
fn stem(word: &str) -> String {
    if let Some(rest) = word.strip_suffix("ies")
        && rest.chars().count() >= 3
    {
        return format!("{rest}y");
    }
    for suffix in ["ing", "ed", "en", "es", "s"] {
        if let Some(rest) = word.strip_suffix(suffix)
            && rest.chars().count() >= 3
        {
            return rest.to_owned();
        }
    }
    word.to_owned()
}

/// Two stems are one word when equal, or when one begins the other, the
/// shorter has four letters or more and the longer at most two more ("writ"
/// and "writt", "databas" and "database"; not "work" and "workshop").
fn same_word(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short == long
        || (short.chars().count() >= 4 && long.len() - short.len() <= 2 && long.starts_with(short))
}

/// Jaccard similarity of two token sets, a word matching at most one other.
pub(crate) fn similarity(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let mut used = vec![false; b.len()];
    let mut matched = 0usize;
    for word in a {
        if let Some(j) = (0..b.len()).find(|&j| !used[j] && same_word(word, &b[j])) {
            used[j] = true;
            matched += 1;
        }
    }
    matched as f64 / (a.len() + b.len() - matched) as f64
}

/// How the items of two lists pair up.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Alignment {
    /// For each item of the first list, its partner in the second and their similarity.
    pub(crate) first: Vec<Option<(usize, f64)>>,
    /// For each item of the second list, its partner in the first and their similarity.
    pub(crate) second: Vec<Option<(usize, f64)>>,
}

/// Pairs items whose similarity reaches [`CHANGED`], best pairs first (ties
/// in list order), each item used once: a greedy assignment, which keeps an
/// exact match from being taken by an earlier, looser one.
pub(crate) fn align(first: &[String], second: &[String]) -> Alignment {
    let a: Vec<Vec<String>> = first.iter().map(|t| tokens(t)).collect();
    let b: Vec<Vec<String>> = second.iter().map(|t| tokens(t)).collect();
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (i, x) in a.iter().enumerate() {
        for (j, y) in b.iter().enumerate() {
            let s = if x.is_empty() && y.is_empty() {
                if first[i].trim().eq_ignore_ascii_case(second[j].trim()) {
                    1.0
                } else {
                    0.0
                }
            } else {
                similarity(x, y)
            };
            if s >= CHANGED {
                pairs.push((s, i, j));
            }
        }
    }
    pairs.sort_by(|p, q| q.0.total_cmp(&p.0).then(p.1.cmp(&q.1)).then(p.2.cmp(&q.2)));
    let mut alignment = Alignment {
        first: vec![None; first.len()],
        second: vec![None; second.len()],
    };
    for (s, i, j) in pairs {
        if alignment.first[i].is_none() && alignment.second[j].is_none() {
            alignment.first[i] = Some((j, s));
            alignment.second[j] = Some((i, s));
        }
    }
    alignment
}

fn mark(similarity: f64) -> (&'static str, &'static str) {
    if similarity >= KEPT {
        ("Kept", "diff-kept")
    } else {
        ("Changed", "diff-changed")
    }
}

/// One section of the comparison: both lists, each item marked in words.
fn diff_section(id: &str, heading: &str, first: &[String], second: &[String]) -> DiffSection {
    let alignment = align(first, second);
    let first_items = first
        .iter()
        .zip(&alignment.first)
        .map(|(text, pair)| match pair {
            Some((_, s)) => {
                let (mark, class) = mark(*s);
                item(mark, class, text, None)
            }
            None => item("Dropped", "diff-dropped", text, None),
        })
        .collect();
    let second_items = second
        .iter()
        .zip(&alignment.second)
        .map(|(text, pair)| match pair {
            Some((i, s)) => {
                let (mark, class) = mark(*s);
                let was = (mark == "Changed").then(|| first[*i].clone());
                item(mark, class, text, was)
            }
            None => item("Added", "diff-added", text, None),
        })
        .collect();
    let second_kept = |at_least: f64| {
        alignment
            .second
            .iter()
            .filter(|p| p.is_some_and(|(_, s)| s >= at_least))
            .count()
    };
    let kept = second_kept(KEPT);
    let changed = second_kept(CHANGED) - kept;
    let added = alignment.second.iter().filter(|p| p.is_none()).count();
    let dropped = alignment.first.iter().filter(|p| p.is_none()).count();
    DiffSection {
        id: id.to_owned(),
        heading: heading.to_owned(),
        first: first_items,
        second: second_items,
        summary: format!("{added} added, {dropped} dropped, {kept} kept, {changed} changed"),
    }
}

fn item(mark: &'static str, class: &'static str, text: &str, was: Option<String>) -> DiffItem {
    DiffItem {
        mark,
        class,
        text: text.to_owned(),
        was,
    }
}

/// Key facts of both roles, one row each, pay in words when not published.
fn facts(a: &Role, b: &Role, site: &Site) -> Vec<CompareFact> {
    let today = site.today;
    let status = |r: &Role| r.effective_status(today).as_str().to_owned();
    let pay = |r: &Role| -> Vec<String> {
        if r.salary.is_empty() {
            return vec![format::pay_summary(r)];
        }
        r.salary
            .iter()
            .map(|band| match band.location() {
                Some(l) => format!("{l}: {}", format::band_range(band)),
                None => format::band_range(band),
            })
            .collect()
    };
    let text = |v: Option<&str>| vec![v.unwrap_or(format::NOT_STATED).to_owned()];
    vec![
        CompareFact {
            label: "Salary",
            first: pay(a),
            second: pay(b),
        },
        CompareFact {
            label: "Level",
            first: text(a.level_name()),
            second: text(b.level_name()),
        },
        CompareFact {
            label: "Discipline",
            first: text(a.discipline.as_deref()),
            second: text(b.discipline.as_deref()),
        },
        CompareFact {
            label: "Location",
            first: text(a.location.as_deref()),
            second: text(b.location.as_deref()),
        },
        CompareFact {
            label: "Employment type",
            first: text(a.meta.employment_type.as_deref()),
            second: text(b.meta.employment_type.as_deref()),
        },
        CompareFact {
            label: "Status",
            first: vec![status(a)],
            second: vec![status(b)],
        },
    ]
}

fn titles(role: &Role) -> Vec<String> {
    role.expectations.iter().map(|e| e.title.clone()).collect()
}

/// Every published role, for the form's two selects.
fn choices(site: &Site, selected: Option<&Role>) -> Vec<CompareChoice> {
    let mut all: Vec<CompareChoice> = site
        .roles
        .iter()
        .map(|r| CompareChoice {
            slug: r.slug.to_string(),
            title: r.title.clone(),
            selected: selected.is_some_and(|s| s.slug == r.slug),
        })
        .collect();
    all.sort_by(|x, y| x.title.cmp(&y.title));
    all
}

/// The page comparing `a` with `b`, or the form alone when `pair` is `None`.
fn render(site: &Site, pair: Option<(&Role, &Role)>) -> Result<Page, RenderError> {
    let chrome = &site.chrome;
    let (careers, at) = (&chrome.careers, &chrome.at);
    let (title, path) = match pair {
        Some((a, b)) => (
            format!("Compare {} and {}", a.title, b.title),
            urls::compare(&a.slug, &b.slug),
        ),
        None => ("Compare two roles".to_owned(), urls::COMPARE.to_owned()),
    };
    let mut seo = views::seo(
        chrome,
        format!("{title} – {careers}"),
        format!("{title}{at}"),
        format!("{title}: pay, experience and expectations side by side."),
        &path,
    );
    seo.robots = Some("noindex");
    let page = ComparePage {
        chrome: chrome.clone(),
        seo,
        title,
        first: pair.map(|(a, _)| views::link_view(a, false)),
        second: pair.map(|(_, b)| views::link_view(b, false)),
        facts: pair.map(|(a, b)| facts(a, b, site)).unwrap_or_default(),
        sections: pair
            .map(|(a, b)| {
                vec![
                    diff_section(
                        "required",
                        "Required experience",
                        &a.experience.required,
                        &b.experience.required,
                    ),
                    diff_section(
                        "optional",
                        "Optional experience",
                        &a.experience.optional,
                        &b.experience.optional,
                    ),
                    diff_section("expectations", "Expectations", &titles(a), &titles(b)),
                ]
            })
            .unwrap_or_default(),
        first_choices: choices(site, pair.map(|(a, _)| a)),
        second_choices: choices(site, pair.map(|(_, b)| b)),
    };
    let html = page.render().map_err(|source| RenderError::Template {
        page: path.clone(),
        source,
    })?;
    Ok(Page::html(PageKind::Comparison, html))
}

/// What a comparison path leads to.
#[derive(Debug, Clone)]
pub enum Comparison {
    /// The page to send.
    Page(Arc<Page>),
    /// A redirect elsewhere: the canonical comparison, or the role itself
    /// when both slugs name it.
    Redirect(String),
    /// A slug names no published role.
    NotFound,
}

/// Rendered comparisons and the form, for the site of one generation.
#[derive(Debug)]
pub struct ComparisonCache {
    memo: SiteMemo<(String, String)>,
}

impl Default for ComparisonCache {
    fn default() -> ComparisonCache {
        ComparisonCache {
            memo: SiteMemo::new(COMPARISON_CACHE_SIZE),
        }
    }
}

impl ComparisonCache {
    /// `/compare?a=&b=`: the canonical comparison when both are given, else the form.
    pub fn form(
        &self,
        site: &Site,
        a: Option<&str>,
        b: Option<&str>,
    ) -> Result<Comparison, RenderError> {
        match (given(a), given(b)) {
            (Some(a), Some(b)) => Ok(self
                .resolve(site, a, b)
                .map_or(Comparison::NotFound, |(a, b)| {
                    Comparison::Redirect(urls::compare(&a.slug, &b.slug))
                })),
            _ => self.cached(site, (String::new(), String::new()), None),
        }
    }

    /// `/compare/{a}...{b}`: the comparison; another letter case redirects,
    /// one role twice redirects to its page.
    pub fn compare(&self, site: &Site, a: &str, b: &str) -> Result<Comparison, RenderError> {
        let Some((first, second)) = self.resolve(site, a, b) else {
            return Ok(Comparison::NotFound);
        };
        if first.slug == second.slug {
            return Ok(Comparison::Redirect(urls::role(&first.slug)));
        }
        if first.slug.as_str() != a || second.slug.as_str() != b {
            return Ok(Comparison::Redirect(urls::compare(
                &first.slug,
                &second.slug,
            )));
        }
        let key = (a.to_owned(), b.to_owned());
        self.cached(site, key, Some((first, second)))
    }

    /// Whether the page for `a` and `b` as asked (`""` and `""` for the
    /// empty form) is memoised, so answering costs no rendering.
    pub fn is_memoised(&self, site: &Site, a: &str, b: &str) -> bool {
        self.memo.get(site, &(a.to_owned(), b.to_owned())).is_some()
    }

    fn resolve<'s>(&self, site: &'s Site, a: &str, b: &str) -> Option<(&'s Role, &'s Role)> {
        Some((find(site, a)?, find(site, b)?))
    }

    fn cached(
        &self,
        site: &Site,
        key: (String, String),
        pair: Option<(&Role, &Role)>,
    ) -> Result<Comparison, RenderError> {
        if let Some(page) = self.memo.get(site, &key) {
            return Ok(Comparison::Page(page));
        }
        let page = Arc::new(render(site, pair)?);
        // Gzip once, as it is stored (a fraction of a millisecond at ~17 KB),
        // so every later answer for this pair goes out compressed.
        page.compress_gzip();
        // Brotli too (level 5: about 0.4 ms more at that size), so a browser
        // gets the smallest variant, as for every prebuilt page.
        page.compress_brotli();
        self.memo.put(site, key, &page);
        Ok(Comparison::Page(page))
    }
}

/// A form value that was filled in.
fn given(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|s| !s.is_empty())
}

/// The published role a slug names, in any letter case, with or without a
/// trailing slash, or by one of its old slugs (`aliases`): the comparison
/// then redirects to the canonical address.
fn find<'s>(site: &'s Site, slug: &str) -> Option<&'s Role> {
    let slug = slug.trim_end_matches('/').to_ascii_lowercase();
    let named = |r: &&Arc<Role>| r.slug.as_str() == slug;
    let aliased = |r: &&Arc<Role>| r.meta.aliases.iter().any(|a| a.as_str() == slug);
    site.roles
        .iter()
        .find(named)
        .or_else(|| site.roles.iter().find(aliased))
        .map(|r| &**r)
}

/// Renders the comparison of two roles without the cache: what a cache miss
/// costs (for benchmarks).
pub fn render_uncached(site: &Site, a: &Role, b: &Role) -> Result<Page, RenderError> {
    render(site, Some((a, b)))
}

#[cfg(test)]
mod tests {
    use test_case::test_case;

    use super::*;

    fn sim(a: &str, b: &str) -> f64 {
        similarity(&tokens(a), &tokens(b))
    }

    #[test_case(
        "Written code with test-driven development",
        "Writing code with Test Driven Development"
    )]
    #[test_case("Worked with many databases", "Working with many database")]
    #[test_case(
        "Agile practices such as Scrum, XP, and/or Kanban",
        "agile practices: scrum, xp or kanban"
    )]
    fn near_identical_lines_are_kept(a: &str, b: &str) {
        assert!(sim(a, b) >= KEPT, "{a} / {b}: {}", sim(a, b));
    }

    #[test_case(
        "The React ecosystem including a TDD approach",
        "The React ecosystem including a test-driven approach"
    )]
    fn a_word_or_two_of_difference_is_a_change(a: &str, b: &str) {
        let s = sim(a, b);
        assert!((CHANGED..KEPT).contains(&s), "{s}");
    }

    #[test_case("Debugging infrastructure", "Writing blog posts and giving talks")]
    #[test_case("Consultancy", "Use of architectural decision records")]
    #[test_case("Working with users", "Workshops with users")]
    fn different_lines_do_not_match(a: &str, b: &str) {
        assert!(sim(a, b) < CHANGED, "{a} / {b}: {}", sim(a, b));
    }

    #[test]
    fn tokens_drop_case_punctuation_stop_words_and_repeats() {
        assert_eq!(
            tokens("Test-Driven Development, and the TESTS"),
            ["test", "driv", "development"]
        );
        assert_eq!(tokens("Pastries"), tokens("pastry"));
    }

    fn owned(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn the_best_pair_wins_even_when_a_looser_one_comes_first() {
        // Taken in list order, "Pair programming often" would claim the one
        // candidate and leave the exact match dropped.
        let first = owned(&["Pair programming often", "Pair programming"]);
        let second = owned(&["Pair programming"]);
        let a = align(&first, &second);
        assert_eq!(a.second[0], Some((1, 1.0)), "the exact pair wins");
        assert_eq!(a.first[0], None);
    }

    #[test]
    fn each_item_is_used_once_and_leftovers_stay_unpaired() {
        let first = owned(&["Kanban", "Kanban boards", "Cooking"]);
        let second = owned(&["Kanban"]);
        let a = align(&first, &second);
        assert_eq!(a.second, vec![Some((0, 1.0))]);
        assert_eq!(a.first[1], None, "Kanban is already taken");
        assert_eq!(a.first[2], None);
        let section = diff_section("x", "X", &first, &second);
        assert_eq!(section.summary, "0 added, 2 dropped, 1 kept, 0 changed");
    }
}
