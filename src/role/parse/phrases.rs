//! A list of phrases looked for in many lines at once: one pass over the
//! line (Aho-Corasick) instead of one search per phrase, which showed up
//! in profiles of reading 10,000 roles.

use aho_corasick::AhoCorasick;

/// Phrases, any of which may occur in a text.
pub(super) struct AnyOf {
    phrases: &'static [&'static str],
    /// `None` only if the automaton could not be built (it can for any
    /// list of short phrases); then each phrase is searched in turn.
    matcher: Option<AhoCorasick>,
}

impl AnyOf {
    /// The matcher for `phrases` (compared as written: lowercase the text).
    pub(super) fn new(phrases: &'static [&'static str]) -> AnyOf {
        AnyOf {
            phrases,
            matcher: AhoCorasick::new(phrases).ok(),
        }
    }

    /// Whether any of the phrases occurs in `text`.
    pub(super) fn is_in(&self, text: &str) -> bool {
        match &self.matcher {
            Some(matcher) => matcher.is_match(text),
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
    }
}
