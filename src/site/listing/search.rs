//! What the listing's filters match against: a word-prefix index over every
//! word a candidate can read on each listed role's page, and the choices the
//! filter form offers, prepared once per build so that a search costs lookups
//! rather than a scan of every role's text.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, OnceLock};

use pulldown_cmark::{Event, Parser};
use rayon::prelude::*;
use unicode_normalization::UnicodeNormalization;

use crate::role::eligibility::ApplyFrom;
use crate::role::model::{Level, Period, Role};
use crate::role::parse::html_text;
use crate::role::place::{self, Place, PlaceMatch};
use crate::site::listing::ListingQuery;

mod suggest;

/// Where on a role page a word appears, best first: a search ranks a role
/// whose title has the word above one whose summary or key facts have it,
/// and those above one that has it only further down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Field {
    /// The role's title.
    Title = 0,
    /// The summary and the key facts (location, team, discipline, level,
    /// employment type).
    Facts = 1,
    /// Everything else on the page: sections, expectations, experience.
    Body = 2,
}

/// Bits of a posting that hold its [`Field`]; the rest hold the role.
const FIELD_BITS: u32 = 2;
/// A role's best field for a word it lacks.
const ABSENT: u8 = 3;
/// What a missing word adds to a role's score: more than any number of
/// query words (a query is at most 100 characters) can add otherwise.
const MISSING: u32 = 1 << 16;

/// What the filters match against, prepared once per catalogue, so that a
/// search costs lookups rather than a scan of every role's text.
///
/// Free text matches by word prefix, after folding plurals on both sides:
/// `engin` finds "engineer" and "Engineering", `engineers` finds "engineer".
/// Each query word must start some word of the role's page (title, summary,
/// key facts, sections, expectations).
///
/// The words can wait for the first search that has text
/// ([`SearchIndex::deferred`]): a preview rebuilt on every save then never
/// reads every role's text for a search nobody made.
#[derive(Debug)]
pub struct SearchIndex {
    /// The words of the listed roles, once indexed.
    text: OnceLock<TextIndex>,
    /// The listed roles whose words a deferred index reads on first use
    /// (empty when they were indexed at once).
    unread: Vec<Arc<Role>>,
    /// What the filters other than text read, shared with the next site
    /// when no role changed any of it.
    facets: Arc<Facets>,
}

/// What the filters other than free text read of each listed role, in
/// listing order.
#[derive(Debug)]
struct Facets {
    /// Each listed role's group (team, else discipline), for the team filter.
    groups: Vec<String>,
    /// Each listed role's level, empty when it has none.
    levels: Vec<String>,
    /// Where each listed role can be done from, from its location.
    places: Vec<Vec<Place>>,
    /// The highest salary each role offers: `u64::MAX` when a band is open
    /// ended, 0 without bands.
    top_salary: Vec<u64>,
    /// Whether each role states no pay at all (none, or "under review").
    pay_unstated: Vec<bool>,
    /// Where candidates may apply from, per role; empty when not stated.
    apply_from: Vec<Vec<ApplyFrom>>,
}

/// What the filters (all but free text) and their choices read of a role:
/// while no changed role changes it, nor the listing's order, a rebuild can
/// keep the last index's facets and choices.
pub(crate) fn filtered_by(role: &Role) -> impl PartialEq + '_ {
    (
        (role.group(), &role.level, role.location.as_deref()),
        (&role.salary, &role.meta.eligibility.apply_from),
    )
}

/// The listed roles' words, for free-text search and suggestions.
#[derive(Debug)]
struct TextIndex {
    /// Distinct folded lowercase words of the listed roles, sorted, each with
    /// its postings: `role << FIELD_BITS | field`, ascending by role, one per
    /// role with the best field the word appears in. Sorted, so every word
    /// with a given prefix sits in one run.
    words: Vec<(Box<str>, Vec<u32>)>,
    /// The same words as an FST, for suggestions when a search finds nothing.
    word_set: suggest::WordSet,
}

/// Text as the index compares it: Unicode compatibility-composed (NFKC, so
/// `café` typed as `e` and a combining accent, or as one letter, and a
/// full-width `Ｒｕｓｔ` are the same word) and lowercase.
pub(crate) fn search_text(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.nfkc().collect::<String>().to_lowercase()
}

/// Lowercase words: runs of letters and digits.
pub(crate) fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// A lowercase word with an English plural ending folded, so that a search and
/// a page that differ only in number meet: `engineers` -> `engineer`,
/// `policies` -> `policy`, `boxes` -> `box`, `classes` -> `class`. Only plural
/// endings: `-ing` and `-ed` are left alone, because a prefix search already
/// finds "engineering" from "engineer" and cutting them joins unrelated words
/// ("need" and "nee").
pub(crate) fn fold_plural(word: &str) -> Cow<'_, str> {
    let n = word.len();
    if n > 4 && word.ends_with("ies") {
        return Cow::Owned(format!("{}y", &word[..n - 3]));
    }
    if n > 4
        && ["sses", "xes", "zes", "ches", "shes"]
            .iter()
            .any(|e| word.ends_with(e))
    {
        return Cow::Borrowed(&word[..n - 2]);
    }
    if n > 3 && word.ends_with('s') && !["ss", "us", "is"].iter().any(|e| word.ends_with(e)) {
        return Cow::Borrowed(&word[..n - 1]);
    }
    Cow::Borrowed(word)
}

/// The text of a Markdown fragment as a reader sees it: no link targets, no
/// markup.
fn markdown_text(source: &str, out: &mut String) {
    for event in Parser::new(source) {
        match event {
            Event::Text(t) | Event::Code(t) => {
                out.push(' ');
                out.push_str(&t);
            }
            // The text of an HTML block is on the page too (sanitised).
            Event::Html(html) => {
                out.push(' ');
                out.push_str(&html_text(&html));
            }
            _ => {}
        }
    }
}

/// The text of each field of a role's page, best field first.
fn field_texts(role: &Role) -> [(Field, String); 3] {
    let mut facts = role.summary_text.clone();
    for fact in [
        role.location.as_deref(),
        role.meta.team.as_deref(),
        role.discipline.as_deref(),
        role.level_name(),
        role.meta.employment_type.as_deref(),
    ]
    .into_iter()
    .flatten()
    {
        facts.push(' ');
        facts.push_str(fact);
    }
    let mut body = String::new();
    for section in &role.sections {
        body.push(' ');
        body.push_str(&section.heading);
        markdown_text(&section.body.source, &mut body);
    }
    for e in &role.expectations {
        body.push(' ');
        body.push_str(&e.title);
        body.push(' ');
        body.push_str(&e.description_text);
    }
    for item in role
        .experience
        .required
        .iter()
        .chain(&role.experience.optional)
    {
        body.push(' ');
        body.push_str(item);
    }
    [
        (Field::Title, search_text(&role.title)),
        (Field::Facts, search_text(&facts)),
        (Field::Body, search_text(&body)),
    ]
}

/// Postings of one run of roles, numbered from `first`.
fn chunk_postings(roles: &[&Role], first: usize) -> HashMap<Box<str>, Vec<u32>> {
    let mut postings: HashMap<Box<str>, Vec<u32>> = HashMap::new();
    for (k, role) in roles.iter().enumerate() {
        let i = u32::try_from(first + k).unwrap_or(u32::MAX >> FIELD_BITS);
        // Fields come best first, so a word's first posting for a role is its best.
        for (field, text) in field_texts(role) {
            for word in words(&text) {
                let word = fold_plural(word);
                let posting = i << FIELD_BITS | field as u32;
                match postings.get_mut(&*word) {
                    Some(list) => {
                        if list.last().is_none_or(|p| p >> FIELD_BITS != i) {
                            list.push(posting);
                        }
                    }
                    None => {
                        postings.insert(Box::from(&*word), vec![posting]);
                    }
                }
            }
        }
    }
    postings
}

impl TextIndex {
    /// Indexes the words of `roles`, in listing order.
    fn new(roles: &[&Role]) -> TextIndex {
        // Word lists per chunk of roles in parallel, then joined in chunk order,
        // so every list stays ascending.
        const CHUNK: usize = 512;
        let chunks: Vec<HashMap<Box<str>, Vec<u32>>> = roles
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(c, chunk)| chunk_postings(chunk, c * CHUNK))
            .collect();
        let mut postings: HashMap<Box<str>, Vec<u32>> = HashMap::new();
        for chunk in chunks {
            for (word, list) in chunk {
                postings.entry(word).or_default().extend(list);
            }
        }
        let mut words: Vec<(Box<str>, Vec<u32>)> = postings
            .into_iter()
            .map(|(w, mut l)| {
                l.shrink_to_fit();
                (w, l)
            })
            .collect();
        words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let word_set = suggest::WordSet::new(words.iter().map(|(w, _)| &**w));
        TextIndex { words, word_set }
    }
}

impl Facets {
    /// What the filters other than text read of `roles`.
    fn new(roles: &[&Role]) -> Facets {
        Facets {
            pay_unstated: roles.iter().map(|r| r.salary.is_empty()).collect(),
            apply_from: roles
                .iter()
                .map(|r| r.meta.eligibility.apply_from.clone())
                .collect(),
            groups: roles.iter().map(|r| r.group().to_owned()).collect(),
            levels: roles
                .iter()
                .map(|r| r.level_name().unwrap_or_default().to_owned())
                .collect(),
            places: roles
                .iter()
                .map(|r| r.location.as_deref().map(place::places).unwrap_or_default())
                .collect(),
            top_salary: roles
                .iter()
                .map(|r| {
                    // The filter asks for a yearly amount: an hourly or
                    // daily figure is not comparable with it.
                    r.salary
                        .iter()
                        .filter(|b| b.period() == Period::Year)
                        .map(|b| b.max().unwrap_or(u64::MAX))
                        .max()
                        .unwrap_or(0)
                })
                .collect(),
        }
    }
}

impl SearchIndex {
    /// Indexes the listed roles, in listing order, words included.
    pub fn new(roles: &[&Role]) -> SearchIndex {
        SearchIndex {
            text: OnceLock::from(TextIndex::new(roles)),
            unread: Vec::new(),
            facets: Arc::new(Facets::new(roles)),
        }
    }

    /// Indexes the listed roles, in listing order, leaving their words for
    /// the first search that has text.
    pub fn deferred(roles: Vec<Arc<Role>>) -> SearchIndex {
        let refs: Vec<&Role> = roles.iter().map(|r| &**r).collect();
        let facets = Arc::new(Facets::new(&refs));
        SearchIndex {
            text: OnceLock::new(),
            unread: roles,
            facets,
        }
    }

    /// [`SearchIndex::deferred`] with `previous`'s facets: for listed
    /// `roles` in the order `previous` was made of, each the same as before
    /// by `filtered_by`.
    pub fn deferred_keeping_facets(previous: &SearchIndex, roles: Vec<Arc<Role>>) -> SearchIndex {
        SearchIndex {
            text: OnceLock::new(),
            unread: roles,
            facets: Arc::clone(&previous.facets),
        }
    }

    /// The words, indexed now if they were left for the first search.
    /// Reads the roles' words now if they were left for later (the
    /// background work after `serve` stores a site).
    pub fn read_words(&self) {
        let _ = self.text();
    }

    /// Whether the roles' words have been read.
    pub fn has_read_words(&self) -> bool {
        self.text.get().is_some()
    }

    fn text(&self) -> &TextIndex {
        self.text.get_or_init(|| {
            let roles: Vec<&Role> = self.unread.iter().map(|r| &**r).collect();
            TextIndex::new(&roles)
        })
    }

    /// Each role's best field for a word starting with `prefix`
    /// ([`ABSENT`] when it has none).
    fn best_fields(&self, prefix: &str, roles: usize) -> Vec<u8> {
        let mut best = vec![ABSENT; roles];
        let words = &self.text().words;
        let start = words.partition_point(|(w, _)| &**w < prefix);
        for (_, list) in words[start..]
            .iter()
            .take_while(|(w, _)| w.starts_with(prefix))
        {
            for &posting in list {
                let field = (posting & ((1 << FIELD_BITS) - 1)) as u8;
                if let Some(b) = best.get_mut((posting >> FIELD_BITS) as usize) {
                    *b = (*b).min(field);
                }
            }
        }
        best
    }

    /// Per role, the sum of its best fields over the query's words (lower is
    /// better), or `None` when the query has no words. A missing word adds
    /// [`MISSING`], so a role has every word when its score is below it.
    fn text_scores(&self, q: &str, roles: usize) -> Option<Vec<u32>> {
        let q = search_text(q);
        let mut scores: Option<Vec<u32>> = None;
        for word in words(&q) {
            let best = self.best_fields(&fold_plural(word), roles);
            let scores = scores.get_or_insert_with(|| vec![0; roles]);
            let mut any = false;
            for (score, &b) in scores.iter_mut().zip(&best) {
                *score = score.saturating_add(if b == ABSENT { MISSING } else { u32::from(b) });
                any |= *score < MISSING;
            }
            // No role has every word so far: the rest cannot bring one back.
            if !any {
                break;
            }
        }
        scores
    }

    /// Indexes (into the roles given to [`SearchIndex::new`]) of the roles
    /// that pass every filter: with free text, best match first (title, then
    /// summary and key facts, then the rest; ties in listing order), else in
    /// listing order.
    pub fn matches(&self, query: &ListingQuery) -> Vec<usize> {
        let roles = self.facets.places.len();
        let text = self.text_scores(&query.q, roles);
        let has_all = |i: usize| {
            text.as_ref()
                .is_none_or(|scores| scores.get(i).is_some_and(|&s| s < MISSING))
        };
        let any_of = |values: &[String], have: &str| {
            values.is_empty() || values.iter().any(|v| v.eq_ignore_ascii_case(have))
        };
        let min_salary = query.min_salary();
        let found: Vec<usize> = (0..roles)
            .filter(|&i| {
                has_all(i)
                    && any_of(&query.team, &self.facets.groups[i])
                    && any_of(&query.level, &self.facets.levels[i])
                    && self.place_match(i, &query.location).is_some()
                    && self.admits(i, &query.from)
                    && min_salary.is_none_or(|min| self.facets.top_salary[i] >= min)
            })
            .collect();
        match &text {
            Some(scores) => rank(&found, scores),
            None => found,
        }
    }

    /// With a minimum salary, the roles that pass every other filter but
    /// state no pay (none given, or under review): a minimum cannot judge
    /// them, so the listing shows them after the matches under their own
    /// heading rather than hiding them. Empty without a minimum salary.
    pub fn pay_not_stated(&self, query: &ListingQuery) -> Vec<usize> {
        if query.min_salary().is_none() {
            return Vec::new();
        }
        let others = ListingQuery {
            min_salary: String::new(),
            ..query.clone()
        };
        self.matches(&others)
            .into_iter()
            .filter(|&i| self.facets.pay_unstated.get(i).copied().unwrap_or(false))
            .collect()
    }

    /// How role `i` answers the Location filter's values: `Named` when it has
    /// none or the role names one of them (the card then shows why), else the
    /// remote place that reaches one ("Remote (UK)" for London), else `None`.
    fn place_match(&self, i: usize, wanted: &[String]) -> Option<PlaceMatch> {
        if wanted.is_empty() {
            return Some(PlaceMatch::Named);
        }
        let places = self.facets.places.get(i)?;
        let found: Vec<PlaceMatch> = wanted
            .iter()
            .filter_map(|w| place::place_match(places, w))
            .collect();
        if found.contains(&PlaceMatch::Named) {
            return Some(PlaceMatch::Named);
        }
        found.into_iter().next()
    }

    /// Whether role `i` takes candidates from one of `wanted` (the "Can
    /// apply from" filter): a role that does not say where candidates may
    /// apply from is not claimed to take them.
    fn admits(&self, i: usize, wanted: &[String]) -> bool {
        wanted.is_empty()
            || self
                .facets
                .apply_from
                .get(i)
                .is_some_and(|places| wanted.iter().any(|w| places.iter().any(|p| p.admits(w))))
    }

    /// Why role `i` matched the location filter, when its card would not show
    /// it: "Remote (UK), which includes London".
    pub fn location_reason(&self, i: usize, query: &ListingQuery) -> Option<String> {
        if let PlaceMatch::Named = self.place_match(i, &query.location)? {
            return None;
        }
        let places = self.facets.places.get(i)?;
        query
            .location
            .iter()
            .find_map(|wanted| match place::place_match(places, wanted)? {
                PlaceMatch::RemoteWithin(label) => {
                    Some(format!("{label}, which includes {wanted}"))
                }
                PlaceMatch::Named => None,
            })
    }
}

/// Matches best score first, ties in listing order. Scores of matches are
/// small (at most two per query word), so a pass per score beats a sort.
fn rank(found: &[usize], scores: &[u32]) -> Vec<usize> {
    let score = |i: usize| scores.get(i).copied().unwrap_or(0);
    let worst = found.iter().map(|&i| score(i)).max().unwrap_or(0);
    let mut ranked = Vec::with_capacity(found.len());
    for s in 0..=worst {
        ranked.extend(found.iter().copied().filter(|&i| score(i) == s));
    }
    ranked
}

/// The choices for the filter form, from the listed roles.
#[derive(Debug, Default, Clone)]
pub struct FilterChoices {
    /// Teams (or disciplines), sorted.
    pub teams: Vec<String>,
    /// Levels, junior to senior.
    pub levels: Vec<String>,
    /// Places named in roles' locations, sorted, then "Remote" and remote
    /// within each region named.
    pub locations: Vec<String>,
    /// Places roles say candidates may apply from, sorted.
    pub apply_from: Vec<String>,
}

/// Choices in the order people read them, whatever their letter case
/// ("bakery" beside "Bakery", not after "Zoo"), each shown as written.
fn as_read(choices: BTreeSet<String>) -> Vec<String> {
    let mut choices: Vec<String> = choices.into_iter().collect();
    choices.sort_by_cached_key(|c| (c.to_lowercase(), c.clone()));
    choices
}

impl FilterChoices {
    /// Collects the choices.
    pub fn new(roles: &[&Role]) -> FilterChoices {
        let teams = as_read(roles.iter().map(|r| r.group().to_owned()).collect());
        let mut levels: Vec<Level> = roles.iter().filter_map(|r| r.level.clone()).collect();
        levels.sort();
        levels.dedup();
        let mut named: BTreeSet<String> = BTreeSet::new();
        let mut remote: BTreeSet<String> = BTreeSet::new();
        for place in roles
            .iter()
            .filter_map(|r| r.location.as_deref())
            .flat_map(place::places)
        {
            match place {
                Place::Named(name) => named.insert(name),
                Place::Remote(_) => remote.insert(place.to_string()),
            };
        }
        // Cities and regions first, then "Remote" (any remote role), then
        // remote within each region.
        let mut locations: Vec<String> = as_read(named);
        if !remote.is_empty() {
            locations.push("Remote".to_owned());
            locations.extend(remote.into_iter().filter(|r| r != "Remote"));
        }
        let apply_from = as_read(
            roles
                .iter()
                .flat_map(|r| r.meta.eligibility.apply_from.iter().map(ApplyFrom::label))
                .collect(),
        );
        FilterChoices {
            teams,
            levels: levels.iter().map(|l| l.name().to_owned()).collect(),
            locations,
            apply_from,
        }
    }
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
    fn a_deferred_index_finds_and_suggests_what_an_indexed_one_does() {
        let roles = [
            role("Senior Data Engineer", "Pipelines in Rust.", "£50,000"),
            role("Mid Content Designer", "Words for GOV services.", ""),
            role("Lead Data Scientist", "Models and data.", "£70,000+"),
        ];
        let refs: Vec<&Role> = roles.iter().collect();
        let now = SearchIndex::new(&refs);
        let later = SearchIndex::deferred(roles.iter().cloned().map(Arc::new).collect());
        assert!(later.text.get().is_none(), "no words read before a search");
        for (q, min_salary) in [("", ""), ("data", ""), ("dat rust", ""), ("", "60000")] {
            let query = ListingQuery {
                q: q.into(),
                min_salary: min_salary.into(),
                ..ListingQuery::default()
            };
            assert_eq!(now.matches(&query), later.matches(&query), "{q:?}");
            assert_eq!(
                now.pay_not_stated(&query),
                later.pay_not_stated(&query),
                "{q:?}"
            );
        }
        let typo = ListingQuery {
            q: "sceintist".into(),
            ..ListingQuery::default()
        };
        assert_eq!(
            now.suggest(&typo).map(|s| s.q),
            later.suggest(&typo).map(|s| s.q)
        );
    }

    // See: issue #25 (`café` written two ways found different roles).
    #[test]
    fn a_word_is_found_however_its_letters_are_encoded() {
        let composed = role("Caf\u{e9} Manager", "Runs the caf\u{e9}.", "");
        let decomposed = role("Cafe\u{301} Host", "Greets guests.", "");
        let wide = role(
            "\u{ff32}\u{ff55}\u{ff53}\u{ff54} Engineer",
            "Writes code.",
            "",
        );
        let roles = [composed, decomposed, wide];
        assert_eq!(search(&roles, "caf\u{e9}", ""), [0, 1]);
        assert_eq!(search(&roles, "cafe\u{301}", ""), [0, 1]);
        assert_eq!(search(&roles, "rust", ""), [2]);
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
        let day_rate = [role(
            "Lead Data Engineer",
            "Pipelines.",
            "£650 - £700 a day",
        )];
        assert_eq!(
            search(&day_rate, "", "500"),
            Vec::<usize>::new(),
            "a day rate is not a year"
        );
        assert_eq!(search(&roles, "data", "65000"), [2]);
    }

    fn role_file(front: &str, body: &str) -> Role {
        let text = format!("---\n{front}\n---\n{body}");
        crate::role::load::roles_from_texts(&[("role.md", &text)])
            .pop()
            .unwrap_or_else(|| panic!("role did not parse:\n{text}"))
    }

    #[test]
    fn every_word_on_the_page_is_found() {
        let roles = [
            role_file(
                "location: Leeds or remote (UK)\nteam: Platform\nemployment_type: Contract",
                "# Platform Lead\n\nRun the clusters.\n\n## What the job involves\n\nMostly Ruby on Rails and [a wiki](https://docs.example/zebra).\n\n## Expectations\n\n### Grow the team\n\nHire and mentor quietly.\n",
            ),
            role("Content Designer", "Words for people.", "£40,000"),
        ];
        for q in [
            "leeds", "remote", "ruby", "rails", "mentor", "platform", "contract", "grow",
        ] {
            assert_eq!(search(&roles, q, ""), [0], "{q}");
        }
        assert_eq!(
            search(&roles, "zebra", ""),
            Vec::<usize>::new(),
            "link targets are not text"
        );
    }

    #[test]
    fn words_in_an_html_section_are_found_but_not_its_markup() {
        let roles = [
            role_file(
                "team: Platform",
                "# Platform Lead\n\nRun the clusters.\n\n## About the job\n\n<div class=\"govuk-body\">\n<p>Mostly <strong>terraform</strong> work.</p>\n</div>\n",
            ),
            role("Content Designer", "Words for people.", "£40,000"),
        ];
        assert_eq!(search(&roles, "terraform", ""), [0]);
        assert_eq!(search(&roles, "govuk", ""), Vec::<usize>::new());
    }

    #[test_case::test_case("engineers", "engineer"; "plain s")]
    #[test_case::test_case("policies", "policy"; "ies")]
    #[test_case::test_case("boxes", "box"; "xes")]
    #[test_case::test_case("classes", "class"; "sses")]
    #[test_case::test_case("roles", "role"; "silent e")]
    #[test_case::test_case("class", "class"; "double s stays")]
    #[test_case::test_case("status", "status"; "us stays")]
    #[test_case::test_case("analysis", "analysis"; "is stays")]
    #[test_case::test_case("gas", "gas"; "short words stay")]
    #[test_case::test_case("engineering", "engineering"; "no ing stemming")]
    fn plurals_fold(word: &str, folded: &str) {
        assert_eq!(fold_plural(word), folded);
    }

    #[test]
    fn plurals_and_singulars_find_each_other() {
        let roles = [
            role("Data Engineer", "Pipelines.", "£50,000"),
            role("Lead", "Lead a team of engineers and policies.", "£70,000"),
        ];
        assert_eq!(search(&roles, "engineers", ""), [0, 1]);
        assert_eq!(search(&roles, "engineer", ""), [0, 1]);
        assert_eq!(search(&roles, "policy", ""), [1]);
        assert_eq!(search(&roles, "pipeline", ""), [0]);
    }

    #[test]
    fn a_title_match_ranks_above_a_summary_match_above_the_rest() {
        let roles = [
            role_file(
                "team: Design",
                "# Designer\n\nPixels.\n\n## About\n\nSome data work.\n",
            ),
            role("Analyst", "Reads data all day.", "£40,000"),
            role("Data Scientist", "Models.", "£60,000"),
        ];
        assert_eq!(search(&roles, "data", ""), [2, 1, 0]);
        assert_eq!(
            search(&roles, "", ""),
            [0, 1, 2],
            "no text keeps listing order"
        );
    }
}
