//! GitHub-compatible heading ids, so deep links written against a handbook on
//! GitHub keep working on the site.

use std::collections::HashMap;

/// Hands out heading ids for one document, de-duplicating repeats with `-1`, `-2`.
#[derive(Debug, Default)]
pub(crate) struct Anchors {
    seen: HashMap<String, usize>,
}

impl Anchors {
    /// The id for the next heading with this text.
    pub(crate) fn next(&mut self, heading: &str) -> String {
        let mut base = slugify(heading);
        if base.is_empty() {
            base.push_str("section");
        }
        let count = self.seen.entry(base.clone()).or_insert(0);
        let id = if *count == 0 {
            base.clone()
        } else {
            format!("{base}-{count}")
        };
        *count += 1;
        // A generated `x-1` must not collide with a later heading literally named "x 1".
        if id != base {
            self.seen.entry(id.clone()).or_insert(1);
        }
        id
    }
}

/// GitHub's slug: lowercase, spaces to `-`, anything but letters, digits, `-` and `_` dropped.
pub(crate) fn slugify(text: &str) -> String {
    text.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use test_case::test_case;

    use super::*;

    #[test_case(
        "What experience are we looking for?",
        "what-experience-are-we-looking-for"
    )]
    #[test_case("Salary and location ", "salary-and-location")]
    #[test_case("Competencies & Experience", "competencies--experience")]
    #[test_case("Growing Made Tech’s Impact", "growing-made-techs-impact")]
    fn github_slugs(heading: &str, expected: &str) {
        assert_eq!(slugify(heading), expected);
    }

    #[test]
    fn repeats_get_numbered() {
        let mut anchors = Anchors::default();
        assert_eq!(anchors.next("KPIs"), "kpis");
        assert_eq!(anchors.next("KPIs"), "kpis-1");
        assert_eq!(anchors.next("KPIs"), "kpis-2");
        assert_eq!(anchors.next("?"), "section");
    }
}
