//! "Did you mean `salary`?": the key of ours an unknown key was likely meant to be.

/// The known key `key` is most likely a misspelling of, if any: the same
/// name in another letter case or with `-` or a space for `_`, or one within
/// a small edit distance (one edit for short names, two for long ones).
pub(crate) fn suggestion(key: &str, known: &[&'static str]) -> Option<&'static str> {
    let key: String = key
        .trim()
        .chars()
        .map(|c| match c {
            '-' | ' ' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    let length = key.chars().count();
    if length < 3 {
        return None;
    }
    let limit = if length >= 7 { 2 } else { 1 };
    known
        .iter()
        .map(|&k| (distance(&key, k), k))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, k)| k)
}

/// Edit distance counting a swap of two neighbouring letters as one edit
/// (`salray` is one edit from `salary`), so typing slips rank closest.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows: two back (for swaps), the previous one and the current one.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            current[j] = best;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use test_case::test_case;

    use super::*;

    const KNOWN: &[&str] = &["salary", "title", "status", "closes", "apply_url", "team"];

    #[test_case("salray", Some("salary"))]
    #[test_case("salry", Some("salary"))]
    #[test_case("Title", Some("title"))]
    #[test_case("apply-url", Some("apply_url"))]
    #[test_case("aply_url", Some("apply_url"))]
    #[test_case("stauts", Some("status"))]
    #[test_case("layout", None)]
    #[test_case("tags", None)]
    #[test_case("type", None)]
    #[test_case("gs", None)]
    fn suggests_likely_misspellings_only(key: &str, expected: Option<&str>) {
        assert_eq!(suggestion(key, KNOWN), expected);
    }

    #[test]
    fn distance_counts_swaps_as_one() {
        assert_eq!(distance("salray", "salary"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
