//! A list of phrases looked for in many lines at once: one pass over the
//! line (Aho-Corasick) instead of one search per phrase, which showed up
//! in profiles of reading 10,000 roles.

use aho_corasick::AhoCorasick;

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
}
