//! Template text left in a role file: "ENTER ROLE TITLE HERE", "[programme
//! area]", "[Add any other desirable skills]", `TBD`. Each is a warning at its
//! line and column; the role is still published, as written.

use super::Reader;
use super::fence::Fence;
use crate::role::diagnostic::Code;

/// Words a bracketed placeholder often starts with.
const PROMPTS: &[&str] = &["add ", "insert ", "enter ", "describe ", "list "];

impl Reader<'_> {
    /// Warns for every placeholder in the body outside code.
    pub(super) fn placeholders(&mut self, body: &str, body_offset: usize) {
        for (at, found) in find(body) {
            self.warn(
                body_offset + at,
                Code::Placeholder,
                format!("`{found}` looks like template text left in the role"),
            )
            .hint = Some("replace it with the real text, or remove it".into());
        }
    }
}

/// Byte offsets (in `body`) and text of each placeholder.
fn find(body: &str) -> Vec<(usize, String)> {
    // Most files hold no placeholder: look for each kind once in the whole
    // body, and only in its lines when it is there at all.
    let kinds = Kinds {
        enter: body.contains("ENTER "),
        bracket: body.contains('['),
        tbd: body.contains("TBD") || body.contains("TBC"),
    };
    if !(kinds.enter || kinds.bracket || kinds.tbd) {
        return Vec::new();
    }
    let mut fence = Fence::default();
    let mut found = Vec::new();
    let mut start = 0;
    for line in body.split_inclusive('\n') {
        if !fence.line(line) {
            for (at, text) in in_line(line, kinds) {
                found.push((start + at, text));
            }
        }
        start += line.len();
    }
    found
}

/// Which kinds of placeholder a body may hold.
#[derive(Debug, Clone, Copy)]
struct Kinds {
    enter: bool,
    bracket: bool,
    tbd: bool,
}

fn in_line(line: &str, kinds: Kinds) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    if kinds.enter
        && let (Some(from), Some(to)) = (line.find("ENTER "), line.find(" HERE"))
        && from < to
    {
        found.push((from, line[from..to + 5].to_owned()));
    }
    for (i, _) in line.match_indices('[').filter(|_| kinds.bracket) {
        let rest = &line[i + 1..];
        let Some(end) = rest.find(']') else { continue };
        let inner = &rest[..end];
        let after = rest[end + 1..].chars().next();
        // A link (`[text](url)`, `[text][ref]`) or a task box is not a placeholder.
        if matches!(after, Some('(' | '[' | ':')) || inner.trim().len() <= 1 {
            continue;
        }
        let lower = inner.to_lowercase();
        let prompt = PROMPTS.iter().any(|p| lower.starts_with(p));
        let lowercase_words = inner.chars().next().is_some_and(char::is_lowercase)
            && inner.split_whitespace().count() >= 2;
        if prompt || lowercase_words {
            found.push((i, format!("[{inner}]")));
        }
    }
    for word in ["TBD", "TBC"].into_iter().filter(|_| kinds.tbd) {
        for (i, _) in line.match_indices(word) {
            let before = line[..i].chars().next_back();
            let after = line[i + word.len()..].chars().next();
            let alone = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
            if alone(before) && alone(after) {
                found.push((i, word.to_owned()));
            }
        }
    }
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use test_case::test_case;

    use super::*;

    #[test_case("# ENTER ROLE TITLE HERE\n", &["ENTER ROLE TITLE HERE"])]
    #[test_case("Work on [programme area] with us.\n", &["[programme area]"])]
    #[test_case("- [Add any other desirable skills]\n", &["[Add any other desirable skills]"])]
    #[test_case("Salary: TBD\n", &["TBD"])]
    #[test_case("See [our blog](https://x.example) and [the guide][g].\n", &[])]
    #[test_case("- [ ] a task\n- [x] done\n", &[])]
    #[test_case("We use TBDX and STBC.\n", &[])]
    #[test_case("[Senior Engineer] roles\n", &[])]
    #[test_case("```\n[fill this in later]\nTBD\n```\n", &[])]
    fn placeholders(body: &str, expected: &[&str]) {
        let found: Vec<String> = find(body).into_iter().map(|(_, t)| t).collect();
        assert_eq!(found, expected);
    }
}
