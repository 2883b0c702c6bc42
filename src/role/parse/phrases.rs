//! A list of phrases looked for in many lines at once: one pass over the
//! line (Aho-Corasick) instead of one search per phrase, which showed up
//! in profiles of reading 10,000 roles.

use std::ops::Range;

use aho_corasick::AhoCorasick;

/// Whether a search reports matches that overlap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Overlapping {
    Yes,
    No,
}

/// Phrases, any of which may occur in a text.
pub(crate) struct AnyOf {
    phrases: Vec<&'static str>,
    /// Whether ASCII letters match in either case.
    ignore_case: bool,
    /// `None` only if the automaton could not be built (it can for any
    /// list of short phrases); then each phrase is searched in turn.
    matcher: Option<AhoCorasick>,
}

impl AnyOf {
    /// The matcher for `phrases` (compared as written: lowercase the text).
    pub(crate) fn new(phrases: &[&'static str]) -> AnyOf {
        AnyOf {
            phrases: phrases.to_vec(),
            ignore_case: false,
            matcher: AhoCorasick::new(phrases).ok(),
        }
    }

    /// The matcher for lowercase `phrases`, ASCII letters in `text`
    /// matching in either case (`Closing`, `FULL-TIME`).
    pub(crate) fn ignoring_case(phrases: &[&'static str]) -> AnyOf {
        AnyOf {
            phrases: phrases.to_vec(),
            ignore_case: true,
            matcher: AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(phrases)
                .ok(),
        }
    }

    /// Where the phrases occur in `text`, in order, none overlapping, each
    /// with the index of its phrase.
    pub(crate) fn find_all<'t>(
        &'t self,
        text: &'t str,
    ) -> impl Iterator<Item = (Range<usize>, usize)> + 't {
        let found = self
            .matcher
            .iter()
            .flat_map(move |m| m.find_iter(text))
            .map(|m| (m.range(), m.pattern().as_usize()));
        found.chain(self.find_each_in_turn(text, Overlapping::No))
    }

    /// Every place any phrase occurs in `text`, overlapping ones too, each
    /// with the index of its phrase (in no promised order).
    pub(crate) fn find_overlapping<'t>(
        &'t self,
        text: &'t str,
    ) -> impl Iterator<Item = (Range<usize>, usize)> + 't {
        let found = self
            .matcher
            .iter()
            .flat_map(move |m| m.find_overlapping_iter(text))
            .map(|m| (m.range(), m.pattern().as_usize()));
        found.chain(self.find_each_in_turn(text, Overlapping::Yes))
    }

    /// [`AnyOf::find_all`] or [`AnyOf::find_overlapping`] without the
    /// automaton (empty with one).
    fn find_each_in_turn(
        &self,
        text: &str,
        overlapping: Overlapping,
    ) -> Vec<(Range<usize>, usize)> {
        if self.matcher.is_some() {
            return Vec::new();
        }
        let searched = if self.ignore_case {
            std::borrow::Cow::Owned(text.to_ascii_lowercase())
        } else {
            std::borrow::Cow::Borrowed(text)
        };
        let mut found: Vec<(Range<usize>, usize)> = self
            .phrases
            .iter()
            .enumerate()
            .flat_map(|(i, p)| {
                searched
                    .match_indices(p)
                    .map(move |(at, _)| (at..at + p.len(), i))
            })
            .collect();
        found.sort_by_key(|(range, _)| (range.start, std::cmp::Reverse(range.end)));
        if overlapping == Overlapping::No {
            let mut read_to = 0;
            found.retain(|(range, _)| {
                let keep = range.start >= read_to;
                read_to = read_to.max(range.end);
                keep
            });
        }
        found
    }

    /// Whether any of the phrases occurs in `text`.
    pub(crate) fn is_in(&self, text: &str) -> bool {
        match &self.matcher {
            Some(matcher) => matcher.is_match(text),
            None if self.ignore_case => {
                let lower = text.to_ascii_lowercase();
                self.phrases.iter().any(|p| lower.contains(p))
            }
            None => self.phrases.iter().any(|p| text.contains(p)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::AnyOf;

    #[test]
    fn finds_any_phrase_and_only_those() {
        let any = AnyOf::new(&["closing date", "apply by", "mês"]);
        assert!(any.is_in("the closing date is 3 may"));
        assert!(any.is_in("€2.000 por mês"));
        assert!(!any.is_in("the closing of the year"));
        assert!(!any.is_in(""));
        let any_case = AnyOf::ignoring_case(&["closing date"]);
        assert!(any_case.is_in("CLOSING DATE: 3 May"));
        assert!(!AnyOf::new(&["closing date"]).is_in("Closing Date: 3 May"));
    }

    #[test]
    fn finds_every_place_in_order_with_or_without_the_automaton() {
        let phrases = ["sponsor", "work", "relocat"];
        let text = "We WORK here; we sponsor visas and help you relocate. Work!";
        let expected = vec![(3..7, 1), (17..24, 0), (44..51, 2), (54..58, 1)];
        let automaton = AnyOf::ignoring_case(&phrases);
        assert_eq!(automaton.find_all(text).collect::<Vec<_>>(), expected);
        let by_hand = AnyOf {
            matcher: None,
            ..AnyOf::ignoring_case(&phrases)
        };
        assert_eq!(by_hand.find_all(text).collect::<Vec<_>>(), expected);
        assert_eq!(automaton.find_all("").count(), 0);
    }

    #[test]
    fn finds_overlapping_places_with_or_without_the_automaton() {
        let phrases = ["per day", "day rate", "a day"];
        let text = "paid per day rate";
        let mut expected = vec![(5..12, 0), (9..17, 1)];
        let by_hand = AnyOf {
            matcher: None,
            ..AnyOf::new(&phrases)
        };
        for any in [AnyOf::new(&phrases), by_hand] {
            let mut found: Vec<_> = any.find_overlapping(text).collect();
            found.sort_by_key(|(range, _)| range.start);
            assert_eq!(found, expected);
        }
        expected.clear();
        assert_eq!(
            AnyOf::new(&phrases)
                .find_overlapping("")
                .collect::<Vec<_>>(),
            expected
        );
    }
}
