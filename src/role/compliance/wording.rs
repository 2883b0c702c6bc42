//! Fair wording: words and phrasings that put people off applying, found line
//! by line with a neutral alternative for each.
//!
//! - Gender-coded words: the word stems of Gaucher, Friesen and Kay (2011),
//!   "Evidence that gendered wording in job advertisements exists and
//!   sustains gender inequality", Journal of Personality and Social
//!   Psychology 101(1), Appendix A, written out here from the paper's stems
//!   (`compet*` is any word starting `compet`). As in the research, what
//!   matters is which way an advert leans: a file's words are reported only
//!   for the side with at least [`LEAN`] more uses, so a balanced advert is
//!   quiet.
//! - Gendered job titles and pronouns ("salesman", "he/she"): always.
//! - Exclusionary phrasings ("young and dynamic", "native English speaker").
//!
//! False friends stay quiet: a word matches from its start only ("workforce"
//! is not `force*`); "lead" is a level and a verb, not `lead*`; words that
//! name a job or a duty ("analyst", "responsibilities", "competencies") and a
//! few everyday phrases ("this kind of") are listed as exceptions.

/// Which way a coded word leans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coding {
    /// Masculine-coded.
    Masculine,
    /// Feminine-coded.
    Feminine,
}

/// What kind of wording a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A gender-coded word.
    Coded(Coding),
    /// A job title or pronoun that names a gender.
    GenderedTitle,
    /// A phrasing that shuts out people by age, origin or body.
    Exclusionary,
}

/// One flagged word or phrase at its place in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// File line (1-based).
    pub line: u32,
    /// Column (1-based, in characters).
    pub col: u32,
    /// The word or phrase as written.
    pub text: String,
    /// The stem or phrase of the list that matched, lowercase.
    pub entry: &'static str,
    /// What kind of wording it is.
    pub kind: Kind,
    /// A neutral way to say it.
    pub alternative: &'static str,
    /// How many more times the same entry is used in the file.
    pub more: usize,
}

/// Masculine-coded stems (Gaucher et al. 2011); `*` means "words starting".
const MASCULINE: &[(&str, &str)] = &[
    ("active", "involved"),
    ("adventurous", "curious"),
    ("aggress*", "proactive"),
    ("ambitio*", "motivated"),
    ("analy*", "methodical"),
    ("assert*", "clear"),
    ("athlet*", "leave it out unless the job needs it"),
    ("autonom*", "able to plan your own work"),
    ("boast*", "share"),
    ("challeng*", "complex"),
    (
        "compet*",
        "at or above the market rate (for pay), skilled (for people)",
    ),
    ("confident", "sure of"),
    ("courag*", "willing"),
    ("decide", "choose"),
    ("decisive", "clear"),
    ("decision*", "choice"),
    ("determin*", "steady"),
    ("domina*", "well established"),
    ("force*", "push for"),
    ("greedy", "leave it out"),
    ("headstrong", "firm"),
    ("hierarch*", "structured"),
    ("hostil*", "leave it out"),
    ("impulsive", "quick to act"),
    ("independen*", "self-directed"),
    ("individual*", "person"),
    ("intellect*", "thoughtful"),
    ("lead*", "guide, guiding others"),
    ("logic", "reasoning"),
    ("masculine", "leave it out"),
    ("objective", "impartial"),
    ("opinion", "view"),
    ("outspoken", "candid"),
    ("persist", "keep going"),
    ("principle*", "values"),
    ("reckless", "leave it out"),
    ("self-confiden*", "sure of yourself"),
    ("self-relian*", "self-directed"),
    ("self-sufficien*", "self-directed"),
    ("stubborn", "patient"),
    ("superior", "excellent"),
];

/// Feminine-coded stems (Gaucher et al. 2011). `child*` is left out: in
/// education and social care it names the service, not a trait.
const FEMININE: &[(&str, &str)] = &[
    ("affectionate", "friendly"),
    ("cheer*", "positive"),
    ("commit*", "dedicated"),
    ("communal", "shared"),
    ("compassion*", "caring about people"),
    ("connect*", "work with"),
    ("considerate", "thoughtful"),
    ("cooperat*", "work with"),
    ("co-operat*", "work with"),
    ("depend*", "reliable"),
    ("emotiona*", "leave it out"),
    ("empath*", "aware of others' needs"),
    ("feminine", "leave it out"),
    ("flatterable", "leave it out"),
    ("gentle", "calm"),
    ("honest", "open"),
    ("interdependen*", "working with others"),
    ("interpersona*", "working with others"),
    ("kind", "friendly"),
    ("kinship", "belonging"),
    ("loyal*", "dedicated"),
    ("modesty", "leave it out"),
    ("nag", "leave it out"),
    ("nurtur*", "develop"),
    ("pleasant*", "friendly"),
    ("polite", "courteous"),
    ("quiet*", "calm"),
    ("respon*", "accountable"),
    ("sensitiv*", "aware"),
    ("submissive", "leave it out"),
    ("support*", "help"),
    ("sympath*", "understanding of others"),
    ("tender*", "caring"),
    ("together*", "with others"),
    ("trust*", "reliable"),
    ("understand*", "know"),
    ("warm*", "friendly"),
    ("whin*", "leave it out"),
    ("yield*", "give way"),
];

/// Words a stem would match that name a job, a field or a duty, or mean
/// something else: never flagged.
const EXCEPTIONS: &[&str] = &[
    "lead",
    "leads",
    "leading",
    "analyst",
    "analysts",
    "analysis",
    "analyses",
    "analytics",
    "competency",
    "competencies",
    "competence",
    "competences",
    "competent",
    "committee",
    "committees",
    "depend",
    "depends",
    "depending",
    "dependent",
    "dependents",
    "dependant",
    "dependants",
    "responsibility",
    "responsibilities",
    "response",
    "responses",
    "respond",
    "responding",
    "tender",
    "tenders",
    "tendering",
    "trustee",
    "trustees",
    "individually",
    "forces",
    "warmup",
    "dependency",
    "dependencies",
    "determine",
    "determines",
    "determining",
];

/// Job titles and pronouns that name a gender, with a neutral form.
const GENDERED_TITLES: &[(&str, &str)] = &[
    ("salesman", "salesperson"),
    ("salesmen", "salespeople"),
    ("saleswoman", "salesperson"),
    ("chairman", "chair"),
    ("chairwoman", "chair"),
    ("foreman", "supervisor"),
    ("spokesman", "spokesperson"),
    ("craftsman", "craftsperson"),
    ("workman", "worker"),
    ("manpower", "staffing"),
    ("headmaster", "head teacher"),
    ("headmistress", "head teacher"),
    ("waitress", "server"),
    ("draughtsman", "drafter"),
    ("draftsman", "drafter"),
    ("cameraman", "camera operator"),
    ("handyman", "maintenance technician"),
    ("fireman", "firefighter"),
    ("policeman", "police officer"),
    ("businessman", "businessperson"),
    ("repairman", "repair technician"),
    ("barman", "bartender"),
    ("stewardess", "flight attendant"),
    ("he/she", "they"),
    ("s/he", "they"),
    ("he or she", "they"),
    ("his/her", "their"),
    ("his or her", "their"),
    ("him/her", "them"),
];

/// Phrasings that shut people out by age, origin or body.
const EXCLUSIONARY: &[(&str, &str)] = &[
    ("young and dynamic", "motivated"),
    ("young team", "friendly team"),
    ("young professionals", "professionals"),
    ("digital natives", "people confident with digital tools"),
    ("digital native", "confident with digital tools"),
    (
        "native english speaker",
        "fluent in English (say the level, e.g. C1)",
    ),
    ("native speaker", "fluent (say the level needed)"),
    ("native-level", "fluent (say the level needed)"),
    ("mother tongue", "fluent (say the level needed)"),
    ("able-bodied", "able to (name the physical task)"),
];

/// How many more uses of one side's coded words than the other's make a
/// file lean that way: a word or two either way is everyday language.
pub const LEAN: usize = 3;

/// A line of a role file to read, with its file line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line<'a> {
    /// File line (1-based).
    pub number: u32,
    /// The text of the line.
    pub text: &'a str,
}

/// Every flagged word or phrase in `lines`, coded words only for the side
/// the file leans to, each entry once (at its first use, with a count);
/// entries or words in `accepted` (lowercase) are left out.
pub fn check(lines: &[Line<'_>], accepted: &[String]) -> Vec<Finding> {
    let mut found: Vec<Finding> = Vec::new();
    for line in lines {
        for finding in phrases(line).into_iter().chain(coded_words(line)) {
            let ok = accepted
                .iter()
                .any(|a| *a == finding.entry || *a == finding.text.to_lowercase());
            if ok {
                continue;
            }
            match found.iter_mut().find(|f| f.entry == finding.entry) {
                Some(first) => first.more += 1,
                None => found.push(finding),
            }
        }
    }
    let uses = |c: Coding| -> usize {
        found
            .iter()
            .filter(|f| f.kind == Kind::Coded(c))
            .map(|f| f.more + 1)
            .sum()
    };
    let (masculine, feminine) = (uses(Coding::Masculine), uses(Coding::Feminine));
    found.retain(|f| match f.kind {
        Kind::Coded(Coding::Masculine) => masculine >= feminine + LEAN,
        Kind::Coded(Coding::Feminine) => feminine >= masculine + LEAN,
        _ => true,
    });
    found
}

/// The gendered titles and exclusionary phrases on one line.
fn phrases(line: &Line<'_>) -> Vec<Finding> {
    let lists = [
        (GENDERED_TITLES, Kind::GenderedTitle),
        (EXCLUSIONARY, Kind::Exclusionary),
    ];
    let mut out = Vec::new();
    // The phrases are ASCII, so an ASCII case-insensitive comparison on the
    // line as written finds them at their own offsets. Only where a word
    // starts, and only the phrases starting with its letter: one pass over
    // the line, not one search per phrase (which made `check` of 10,000
    // roles three times slower).
    let bytes = line.text.as_bytes();
    for (at, first) in bytes.iter().enumerate() {
        let starts_word =
            first.is_ascii_alphabetic() && (at == 0 || !bytes[at - 1].is_ascii_alphanumeric());
        if !starts_word {
            continue;
        }
        let first = first.to_ascii_lowercase();
        for (list, kind) in lists {
            for &(phrase, alternative) in list {
                let end = at + phrase.len();
                let matched = phrase.as_bytes()[0] == first
                    && bytes
                        .get(at..end)
                        .is_some_and(|b| b.eq_ignore_ascii_case(phrase.as_bytes()));
                if !matched || !is_word_boundary(line.text, at, end) {
                    continue;
                }
                out.push(Finding {
                    line: line.number,
                    col: column(line.text, at),
                    text: line.text[at..end].to_owned(),
                    entry: phrase,
                    kind,
                    alternative,
                    more: 0,
                });
            }
        }
    }
    out
}

fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let joins = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '/');
    !joins(before) && !joins(after)
}

fn column(text: &str, at: usize) -> u32 {
    crate::role::diagnostic::to_u32(text.get(..at).map_or(at, |s| s.chars().count()) + 1)
}

/// The gender-coded words on one line, outside link targets and code.
fn coded_words(line: &Line<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut words = words(line.text).peekable();
    while let Some((at, word)) = words.next() {
        let lower = lowercase(word);
        let Some((entry, alternative, coding)) = coded(&lower) else {
            continue;
        };
        // "this kind of" is a sort, not a trait; an "individual
        // contributor" is a career track.
        let next = words.peek().map(|(_, w)| lowercase(w));
        let phrase = matches!(
            (lower.as_ref(), next.as_deref()),
            ("kind", Some("of")) | ("individual", Some("contributor" | "contributors"))
        );
        if !phrase {
            out.push(Finding {
                line: line.number,
                col: column(line.text, at),
                text: word.to_owned(),
                entry,
                kind: Kind::Coded(coding),
                alternative,
                more: 0,
            });
        }
    }
    out
}

/// A word in lowercase, copied only when it has capitals.
fn lowercase(word: &str) -> std::borrow::Cow<'_, str> {
    if word.chars().any(char::is_uppercase) {
        std::borrow::Cow::Owned(word.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

/// The stem a lowercase word matches, whole or by a hyphenated part.
fn coded(word: &str) -> Option<(&'static str, &'static str, Coding)> {
    let first = *word.as_bytes().first()?;
    let lists = [(MASCULINE, Coding::Masculine), (FEMININE, Coding::Feminine)];
    let whole = lists.iter().find_map(|(list, coding)| {
        list.iter()
            .filter(|(stem, _)| stem.as_bytes()[0] == first)
            .find(|(stem, _)| matches_stem(word, stem))
            .map(|(stem, alt)| (*stem, *alt, *coding))
    });
    if whole.is_some() && EXCEPTIONS.contains(&word) {
        return None;
    }
    whole.or_else(|| {
        if !word.contains('-') {
            return None;
        }
        word.split('-')
            .find_map(|part| coded(part).filter(|_| !part.is_empty() && part.len() < word.len()))
    })
}

fn matches_stem(word: &str, stem: &str) -> bool {
    match stem.strip_suffix('*') {
        Some(prefix) => word.starts_with(prefix),
        None => word == stem,
    }
}

/// The words of a line with their byte offsets: letters, digits, `-` and
/// `'` inside a word; URLs, inline code and Markdown link targets skipped.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut out = Vec::new();
    let mut in_code = false;
    let mut skip_to: usize = 0;
    let mut start: Option<usize> = None;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        if i < skip_to {
            continue;
        }
        if c == '`' {
            in_code = !in_code;
        }
        // A link target `](...)` or a bare URL: skip to its end.
        let link = c == '(' && i > 0 && bytes.get(i - 1) == Some(&b']');
        let url =
            c == 'h' && (text[i..].starts_with("http://") || text[i..].starts_with("https://"));
        if link || url {
            if let Some(s) = start.take() {
                out.push((s, &text[s..i]));
            }
            let end = text[i..]
                .find(|ch: char| ch == ')' || ch.is_whitespace())
                .map_or(text.len(), |e| i + e);
            skip_to = end;
            continue;
        }
        let in_word =
            !in_code && (c.is_alphanumeric() || ((c == '-' || c == '\'') && start.is_some()));
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out.into_iter()
        .map(|(s, w)| (s, w.trim_end_matches(['-', '\''])))
        .filter(|(_, w)| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use test_case::test_case;

    use super::*;

    fn flagged(text: &str) -> Vec<String> {
        let lines: Vec<Line<'_>> = text
            .lines()
            .enumerate()
            .map(|(i, t)| Line {
                number: crate::role::diagnostic::to_u32(i + 1),
                text: t,
            })
            .collect();
        check(&lines, &[]).iter().map(|f| f.text.clone()).collect()
    }

    #[test_case("We want an aggressive, competitive self-reliant hacker.", &["aggressive", "competitive", "self-reliant"]; "masculine words")]
    #[test_case("You are warm, supportive and understanding.", &["warm", "supportive", "understanding"]; "feminine words")]
    #[test_case("A competitive salary and a supportive team.", &[]; "balanced wording is quiet")]
    #[test_case("The salesman reports to the Chairman.", &["salesman", "Chairman"]; "gendered titles")]
    #[test_case("He/she will join us; he or she reports weekly.", &["He/she", "he or she"]; "pronouns")]
    #[test_case("Join our young and dynamic team of digital natives.", &["young and dynamic", "digital natives"]; "exclusionary")]
    #[test_case("Native English speaker required.", &["Native English speaker"]; "native speaker")]
    #[test_case("As Lead Engineer you will lead a team.", &[]; "lead as a level and a verb")]
    #[test_case("A data analyst on the workforce committee with clear responsibilities.", &[]; "words inside other words and job nouns")]
    #[test_case("Our salesmanship course and the chairmanship.", &[]; "titles inside longer words")]
    #[test_case("What kind of work is this?", &[]; "kind of")]
    #[test_case("An individual contributor who can determine the dependencies of a competent analyst, aggressively.", &[]; "verbs and careers that share a stem")]
    #[test_case("See [our leadership page](https://example.com/leadership-aggressive), be decisive and logic-led.", &["leadership", "decisive", "logic-led"]; "link targets skipped")]
    #[test_case("It depends on support and trust.", &[]; "two feminine words are no lean")]
    #[test_case("Run `aggressive-mode` in the shell.", &[]; "inline code skipped")]
    fn wording(text: &str, expected: &[&str]) {
        assert_eq!(flagged(text), expected);
    }

    #[test]
    fn text_whose_lowercase_shifts_bytes_is_read_without_panicking() {
        // The Kelvin sign shrinks by two bytes and each `Ⱥ` grows by one, so
        // the lowercase line is as long as the original but offset inside:
        // in the first line the phrase ends inside the original's dash.
        for text in [
            "\u{23a}\u{23a} salesman\u{2014} \u{212a}",
            "\u{212a}\u{23a}\u{23a} salesman",
            "\u{212a}\u{23a}\u{23a}salesman x",
            "İ he/she",
        ] {
            let lines = [Line { number: 1, text }];
            let _ = check(&lines, &[]);
        }
    }

    proptest::proptest! {
        #[test]
        fn any_line_is_read_without_panicking(text in "\\PC{0,80}") {
            let lines = [Line { number: 1, text: &text }];
            let _ = check(&lines, &[]);
        }
    }

    #[test]
    fn a_word_used_again_is_one_finding_with_a_count_and_accepted_words_are_quiet() {
        let lines = [
            Line {
                number: 3,
                text: "Be competitive.",
            },
            Line {
                number: 5,
                text: "Stay Competitive and ambitious, and assertive.",
            },
        ];
        let found = check(&lines, &[]);
        assert_eq!(found.len(), 3);
        assert_eq!((found[0].line, found[0].col, found[0].more), (3, 4, 1));
        let found = check(&lines, &["competitive".to_owned()]);
        assert!(found.is_empty(), "two uses are not a lean: {found:?}");
        let found = check(&lines, &["compet*".to_owned()]);
        assert!(found.is_empty());
    }
}
