//! The query a listing's GET form sends, read once: filters, page and
//! order, kept as typed text so a bad value is shown back, never a 400.

use crate::site::Site;
use crate::site::listing::sort::Sort;
use crate::site::urls;

/// Most values one filter takes (`?team=a&team=b..`): enough for any form,
/// and a bound on the work a crafted address can ask for.
const MAX_VALUES: usize = 20;

/// Query parameters of `/`. Everything is text so that a bad value is shown
/// back with a message (the minimum salary) or ignored, never answered with a
/// 400. Team, level and location may repeat; repeated values OR together.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ListingQuery {
    /// Free text over every word of the role page.
    pub q: String,
    /// Teams (or disciplines, for roles without a team): any of them.
    pub team: Vec<String>,
    /// Levels, e.g. "Senior": any of them.
    pub level: Vec<String>,
    /// Places a role can be done from (see [`crate::role::place`]): any of them.
    pub location: Vec<String>,
    /// Places a candidate may apply from (the roles' "Can apply from"
    /// facts, see [`crate::role::eligibility`]): any of them.
    pub from: Vec<String>,
    /// Minimum salary in whole units, as typed.
    pub min_salary: String,
    /// Page number from 1.
    pub page: String,
    /// The order (`relevance`, `newest`, `closing`, `pay`; see
    /// [`crate::site::listing::sort::Sort`]); empty for the default.
    pub sort: String,
}

/// Why a minimum salary cannot be used.
pub const MIN_SALARY_ERROR: &str =
    "Enter the minimum salary as a number of pounds a year, like 45000 or 45k";

/// A salary as typed: `45,000`, `45000`, `£45k`. `Ok(None)` when empty,
/// `Err` when it is not a number of pounds (words, other symbols, more than
/// fits).
fn read_salary(text: &str) -> Result<Option<u64>, ()> {
    let s: String = text
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| !matches!(c, ',' | '£' | ' ' | '_'))
        .collect();
    if s.is_empty() {
        return Ok(None);
    }
    let (digits, unit) = match s.strip_suffix('k') {
        Some(d) => (d, 1000),
        None => (s.as_str(), 1),
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(());
    }
    let n: u64 = digits.parse().map_err(|_| ())?;
    n.checked_mul(unit).map(|n| (n > 0).then_some(n)).ok_or(())
}

impl ListingQuery {
    /// Page `n` of the unfiltered listing: the home page is the listing as
    /// asked for with no query.
    pub fn unfiltered_page(n: usize) -> ListingQuery {
        ListingQuery {
            page: if n <= 1 { String::new() } else { n.to_string() },
            ..ListingQuery::default()
        }
    }

    /// The query of a request's `key=value` pairs: unknown keys are ignored,
    /// a repeated single-valued key keeps its first value.
    pub fn from_pairs<K: AsRef<str>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> ListingQuery {
        let mut query = ListingQuery::default();
        let (mut seen_q, mut seen_min, mut seen_page) = (false, false, false);
        let mut seen_sort = false;
        for (key, value) in pairs {
            match key.as_ref() {
                "team" => query.team.push(value.into()),
                "level" => query.level.push(value.into()),
                "location" => query.location.push(value.into()),
                "from" => query.from.push(value.into()),
                "q" if !seen_q => (query.q, seen_q) = (value.into(), true),
                "min_salary" if !seen_min => (query.min_salary, seen_min) = (value.into(), true),
                "page" if !seen_page => (query.page, seen_page) = (value.into(), true),
                "sort" if !seen_sort => (query.sort, seen_sort) = (value.into(), true),
                _ => {}
            }
        }
        query
    }

    /// Trimmed, bounded and normalised, so equal searches share a cache entry.
    pub fn canonical(&self) -> ListingQuery {
        let clip = |s: &str| s.trim().chars().take(100).collect::<String>();
        let values = |list: &[String]| {
            let mut kept: Vec<String> = Vec::new();
            for v in list.iter().map(|v| clip(v)).filter(|v| !v.is_empty()) {
                if kept.len() < MAX_VALUES && !kept.iter().any(|k| k.eq_ignore_ascii_case(&v)) {
                    kept.push(v);
                }
            }
            kept
        };
        ListingQuery {
            q: clip(&self.q)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            team: values(&self.team),
            level: values(&self.level),
            location: values(&self.location),
            from: values(&self.from),
            // An unreadable value is kept as typed, to be shown back with the error.
            min_salary: match read_salary(&self.min_salary) {
                Ok(n) => n.map_or_else(String::new, |n| n.to_string()),
                Err(()) => clip(&self.min_salary),
            },
            page: match self.page_number() {
                1 => String::new(),
                n => n.to_string(),
            },
            // An order that is the default anyway is dropped, so it shares the key.
            sort: self
                .explicit_sort()
                .map_or_else(String::new, |s| s.value().to_owned()),
        }
    }

    /// Whether any filter is set (the page number is not a filter).
    pub fn is_filtered(&self) -> bool {
        !(self.q.is_empty()
            && self.team.is_empty()
            && self.level.is_empty()
            && self.location.is_empty()
            && self.from.is_empty()
            && self.min_salary.is_empty())
    }

    /// The minimum salary, read leniently (`45,000`, `45000`, `£45k`); `None`
    /// when empty or unreadable (see [`ListingQuery::min_salary_error`]).
    pub fn min_salary(&self) -> Option<u64> {
        read_salary(&self.min_salary).ok().flatten()
    }

    /// The message to show by the minimum salary field when its value cannot
    /// be read ("eighty thousand", `abc`, a 25-digit number).
    pub fn min_salary_error(&self) -> Option<&'static str> {
        read_salary(&self.min_salary)
            .is_err()
            .then_some(MIN_SALARY_ERROR)
    }

    /// The order asked for, unless it is the default for this query
    /// (relevance) or unknown.
    fn explicit_sort(&self) -> Option<Sort> {
        Sort::parse(&self.sort).filter(|s| *s != Sort::Relevance)
    }

    /// The order to show: the one asked for, else relevance (best match
    /// first with a search, the listing's own order without).
    pub fn sort(&self) -> Sort {
        self.explicit_sort().unwrap_or(Sort::Relevance)
    }

    /// The page number, from 1.
    pub fn page_number(&self) -> usize {
        self.page
            .trim()
            .parse()
            .ok()
            .filter(|n| *n >= 1)
            .unwrap_or(1)
            .min(10_000)
    }

    /// The query string for these filters at another page (`?team=x&page=2`).
    pub fn url(&self, page: usize) -> String {
        self.url_at(urls::HOME, page)
    }

    /// Where an unfiltered `/?page=n` lives (`/page/n`, or `/` for the first
    /// page), clamped to the site's last page; `None` for a filtered query or
    /// one that named no `page`.
    pub fn paged_path(&self, names_page: bool, site: &Site) -> Option<String> {
        if self.is_filtered() || !names_page {
            return None;
        }
        Some(urls::listing_page(
            self.page_number().min(site.listing_pages()),
        ))
    }

    /// The Atom feed of these filters (`/feed.xml?team=x`): every match, so no page.
    pub fn feed_url(&self) -> String {
        self.url_at(urls::FEED, 1)
    }

    /// The JSON Feed of these filters (`/feed.json?team=x`).
    pub fn json_feed_url(&self) -> String {
        self.url_at(urls::JSON_FEED, 1)
    }

    fn url_at(&self, path: &str, page: usize) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        let single = |v: &String| std::slice::from_ref(v).to_vec();
        for (key, values) in [
            ("q", single(&self.q)),
            ("team", self.team.clone()),
            ("level", self.level.clone()),
            ("location", self.location.clone()),
            ("from", self.from.clone()),
            ("min_salary", single(&self.min_salary)),
        ] {
            for value in values.into_iter().filter(|v| !v.is_empty()) {
                pairs.push((key, value));
            }
        }
        if !self.sort.is_empty() {
            pairs.push(("sort", self.sort.clone()));
        }
        if pairs.is_empty() && path == urls::HOME {
            return urls::listing_page(page);
        }
        if page > 1 {
            pairs.push(("page", page.to_string()));
        }
        if pairs.is_empty() {
            return path.into();
        }
        let query: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", urls::query_value(v)))
            .collect();
        format!("{path}?{}", query.join("&"))
    }
}

/// The query string of a shared listing address without its empty parameters
/// (`q=&team=Platform&level=` -> `team=Platform`), or `None` when it has none
/// to drop. A form sends every field, so without this each shared search
/// would carry the empty ones; other parameters (`utm_source`) are kept.
pub fn without_empty_values(pairs: &[(String, String)]) -> Option<String> {
    if !pairs.iter().any(|(_, v)| v.trim().is_empty()) {
        return None;
    }
    let kept: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{}={}", urls::query_value(k), urls::query_value(v)))
        .collect();
    Some(kept.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_queries_share_a_key() {
        let a = ListingQuery {
            q: "  rust   engineer ".into(),
            min_salary: "£45k".into(),
            page: "1".into(),
            ..ListingQuery::default()
        };
        let c = a.canonical();
        assert_eq!(c.q, "rust engineer");
        assert_eq!(c.min_salary, "45000");
        assert_eq!(c.page, "");
        assert_eq!(c.url(2), "/?q=rust+engineer&min_salary=45000&page=2");
    }
    #[test]
    fn repeated_values_are_kept_and_single_ones_take_the_first() {
        let q = ListingQuery::from_pairs([
            ("team", "Design"),
            ("team", "Platform"),
            ("team", " design "),
            ("q", "data"),
            ("q", "ignored"),
            ("utm_source", "mail"),
        ])
        .canonical();
        assert_eq!(q.team, ["Design", "Platform"]);
        assert_eq!(q.q, "data");
        assert_eq!(q.url(1), "/?q=data&team=Design&team=Platform");
    }
    #[test_case::test_case("45000", Some(45000); "digits")]
    #[test_case::test_case("£45,000", Some(45000); "pounds and commas")]
    #[test_case::test_case("45k", Some(45000); "thousands")]
    #[test_case::test_case("", None; "empty")]
    fn salaries_read(text: &str, expected: Option<u64>) {
        assert_eq!(read_salary(text), Ok(expected));
    }
    #[test_case::test_case("eighty thousand"; "words")]
    #[test_case::test_case("abc"; "letters")]
    #[test_case::test_case("1234567890123456789012345"; "25 digits")]
    #[test_case::test_case("99999999999999999k"; "overflows in thousands")]
    #[test_case::test_case("45-50k"; "a range")]
    fn unreadable_salaries_are_errors_kept_as_typed(text: &str) {
        let q = ListingQuery {
            min_salary: text.into(),
            ..ListingQuery::default()
        };
        assert_eq!(q.min_salary_error(), Some(MIN_SALARY_ERROR));
        assert_eq!(q.canonical().min_salary, text);
        assert_eq!(q.min_salary(), None);
    }
    #[test]
    fn empty_values_are_dropped_from_a_shared_address() {
        let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
            list.iter()
                .map(|(k, v)| ((*k).into(), (*v).into()))
                .collect()
        };
        assert_eq!(
            without_empty_values(&pairs(&[("q", ""), ("team", "Platform"), ("level", "")])),
            Some("team=Platform".into())
        );
        assert_eq!(
            without_empty_values(&pairs(&[("q", " ")])),
            Some(String::new())
        );
        assert_eq!(without_empty_values(&pairs(&[("team", "Data & AI")])), None);
    }
}
