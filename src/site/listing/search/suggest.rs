//! "Did you mean ...?" for a search that finds nothing: each query word that
//! starts no word of the index is replaced by the nearest word the index
//! knows. One edit away is found with a Levenshtein automaton run over an FST
//! of the index's words (a walk of a small automaton, not a comparison with
//! every word); failing that, two edits (a swapped pair counting as one)
//! among the words with the same first letter. `examples/suggest_timing.rs`
//! times it.

use fst::automaton::Levenshtein;
use fst::{IntoStreamer, Set, Streamer};

use crate::site::listing::ListingQuery;
use crate::site::listing::search::{SearchIndex, fold_plural, search_text, words};

/// Words shorter than this are not corrected: one edit away from a two-letter
/// word is half the dictionary.
const MIN_WORD: usize = 3;
/// Words longer than this are not corrected (a bound on automaton size).
const MAX_WORD: usize = 30;

/// The index's words as an FST set, for typo-tolerant lookups.
#[derive(Debug, Default)]
pub(crate) struct WordSet(Option<Set<Vec<u8>>>);

impl WordSet {
    /// The set of `words`, which must be sorted and distinct (the index's
    /// word list is). `None` inside if the FST cannot be built.
    pub(crate) fn new<'a>(words: impl Iterator<Item = &'a str>) -> WordSet {
        WordSet(Set::from_iter(words).ok())
    }

    /// Words within `distance` edits of `word`, in byte order.
    fn near(&self, word: &str, distance: u32) -> Vec<String> {
        let (Some(set), Ok(automaton)) = (&self.0, Levenshtein::new(word, distance)) else {
            return Vec::new();
        };
        let mut stream = set.search(automaton).into_stream();
        let mut found = Vec::new();
        while let Some(key) = stream.next() {
            if let Ok(text) = std::str::from_utf8(key) {
                found.push(text.to_owned());
            }
        }
        found
    }
}

impl SearchIndex {
    /// Whether some indexed word starts with `prefix`.
    fn knows_prefix(&self, prefix: &str) -> bool {
        let words = &self.text().words;
        let start = words.partition_point(|(w, _)| &**w < prefix);
        words.get(start).is_some_and(|(w, _)| w.starts_with(prefix))
    }

    /// How many roles use `word`.
    fn roles_with(&self, word: &str) -> usize {
        let words = &self.text().words;
        words
            .binary_search_by(|(w, _)| (**w).cmp(word))
            .map_or(0, |i| words[i].1.len())
    }

    /// The indexed word nearest `word`: one edit away before two, then the
    /// one most roles use, then the first alphabetically.
    fn nearest_word(&self, word: &str) -> Option<String> {
        let length = word.chars().count();
        if !(MIN_WORD..=MAX_WORD).contains(&length) {
            return None;
        }
        let one = self.text().word_set.near(word, 1);
        let near = if one.is_empty() && length >= 6 {
            self.two_edits(word)
        } else {
            one
        };
        // Earliest wins ties, so the choice is the same on every run.
        near.into_iter().rev().max_by_key(|w| self.roles_with(w))
    }

    /// Indexed words two edits from `word` (a swap of two neighbouring
    /// letters counts as one), among those with its first letter. An FST
    /// automaton for two edits takes milliseconds to build for a long word,
    /// while this run of one letter's words takes well under one.
    fn two_edits(&self, word: &str) -> Vec<String> {
        let Some(first) = word.chars().next() else {
            return Vec::new();
        };
        let mut buf = [0; 4];
        let first: &str = first.encode_utf8(&mut buf);
        let length = word.chars().count();
        let words = &self.text().words;
        let start = words.partition_point(|(w, _)| &**w < first);
        words[start..]
            .iter()
            .map(|(w, _)| &**w)
            .take_while(|w| w.starts_with(first))
            .filter(|w| w.chars().count().abs_diff(length) <= 2)
            .filter(|w| strsim::damerau_levenshtein(w, word) <= 2)
            .map(str::to_owned)
            .collect()
    }

    /// A query like `query` whose free text has each unknown word replaced by
    /// the nearest known one, when that finds roles with the other filters
    /// as they are; `None` when every word is known or nothing near helps.
    pub fn suggest(&self, query: &ListingQuery) -> Option<ListingQuery> {
        let text = search_text(&query.q);
        let mut changed = false;
        let mut suggested: Vec<String> = Vec::new();
        for word in words(&text) {
            let folded = fold_plural(word);
            if self.knows_prefix(&folded) {
                suggested.push(word.to_owned());
                continue;
            }
            suggested.push(self.nearest_word(&folded)?);
            changed = true;
        }
        if !changed {
            return None;
        }
        let better = ListingQuery {
            q: suggested.join(" "),
            page: String::new(),
            ..query.clone()
        };
        // One known word alone always finds the roles it was indexed from;
        // anything more has to be tried.
        let alone = suggested.len() == 1
            && query.team.is_empty()
            && query.level.is_empty()
            && query.location.is_empty()
            && query.min_salary().is_none();
        (alone || !self.matches(&better).is_empty()).then_some(better)
    }
}

#[cfg(test)]
mod tests {
    use crate::role::model::Role;
    use crate::site::listing::ListingQuery;
    use crate::site::listing::search::SearchIndex;

    fn role(title: &str, summary: &str) -> Role {
        let text = format!("# {title}\n\n{summary}\n");
        crate::role::load::roles_from_texts(&[("role.md", &text)])
            .pop()
            .unwrap_or_else(|| panic!("{title} did not parse"))
    }

    fn index() -> SearchIndex {
        let roles = [
            role("Software Engineer", "Build our payments platform."),
            role("Data Engineer", "Pipelines for analytics."),
            role("Product Designer", "Design journeys."),
        ];
        let refs: Vec<&Role> = roles.iter().collect();
        SearchIndex::new(&refs)
    }

    fn suggest(q: &str, team: &[&str]) -> Option<String> {
        let query = ListingQuery {
            q: q.into(),
            team: team.iter().map(|t| (*t).to_owned()).collect(),
            ..ListingQuery::default()
        };
        index().suggest(&query).map(|s| s.q)
    }

    #[test]
    fn a_misspelt_word_suggests_the_nearest_known_one() {
        assert_eq!(suggest("engneer", &[]).as_deref(), Some("engineer"));
        assert_eq!(
            suggest("Data engneers", &[]).as_deref(),
            Some("data engineer")
        );
        assert_eq!(suggest("desinger", &[]).as_deref(), Some("designer"));
        assert_eq!(suggest("pipleines", &[]).as_deref(), Some("pipeline"));
    }

    #[test]
    fn no_suggestion_when_words_are_known_far_or_short() {
        assert_eq!(suggest("engineer", &[]), None);
        assert_eq!(suggest("zzzzzzzz", &[]), None);
        assert_eq!(suggest("xq", &[]), None);
        assert_eq!(suggest("", &[]), None);
    }

    #[test]
    fn a_suggestion_that_the_other_filters_would_empty_is_not_made() {
        assert_eq!(suggest("engneer", &["No such team"]), None);
    }
}
