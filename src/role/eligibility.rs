//! Who can apply from where: the places candidates may live or work from
//! (countries, regions within a country, time zones), whether the employer
//! sponsors visas and whether it helps with relocation.
//!
//! Read from front matter (`work_from`, `visa_sponsorship`, `relocation`, and
//! the foreign keys mapped onto them in `front_matter/keys.rs`), else from a
//! few body phrasings that can be read one way only ("We are unable to
//! sponsor visas", "Visa sponsorship is available", "You must have the right
//! to work in the UK"). A sentence that hedges ("may", "some", "depending")
//! or a body that says both yes and no leaves the fact not stated: careers
//! never guesses who may apply.

use serde::Serialize;

use crate::role::parse::phrases::AnyOf;

/// A country: its ISO 3166-1 code and its English name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code ("GB").
    pub code: &'static str,
    /// English name ("United Kingdom").
    pub name: &'static str,
}

/// One place candidates may apply from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ApplyFrom {
    /// A country.
    Country(Country),
    /// A region within a country (a US state, a UK nation): its name as the
    /// table writes it, and the country that holds it.
    Region {
        /// The region's name ("Scotland").
        name: &'static str,
        /// The country that holds it.
        country: Country,
    },
    /// A time zone or a range of them ("UTC-5 to UTC+1"), as written.
    TimeZone(String),
    /// A place careers cannot type ("EMEA"), shown and filtered as written,
    /// never claimed as a country.
    Other(String),
}

impl ApplyFrom {
    /// Reads one place as written: a country, a region, a time zone, else
    /// kept as written.
    pub fn read(text: &str) -> Option<ApplyFrom> {
        let text = text.trim().trim_end_matches('.').trim();
        if text.is_empty() {
            return None;
        }
        let lower = text.to_lowercase();
        let lower = lower.strip_prefix("the ").unwrap_or(&lower);
        if let Some((name, country)) = region(lower) {
            return Some(ApplyFrom::Region { name, country });
        }
        if let Some(country) = country(lower) {
            return Some(ApplyFrom::Country(country));
        }
        if is_time_zone(text) {
            return Some(ApplyFrom::TimeZone(text.to_owned()));
        }
        Some(ApplyFrom::Other(text.to_owned()))
    }

    /// The words a candidate reads ("United Kingdom", "Scotland").
    pub fn label(&self) -> String {
        match self {
            ApplyFrom::Country(c) => c.name.to_owned(),
            ApplyFrom::Region { name, .. } => (*name).to_owned(),
            ApplyFrom::TimeZone(t) => format!("Time zones {t}"),
            ApplyFrom::Other(t) => t.clone(),
        }
    }

    /// Whether a candidate in `wanted` (a label of the filter's choices) may
    /// apply: the same place, or a region within a country this names.
    pub fn admits(&self, wanted: &str) -> bool {
        if self.label().eq_ignore_ascii_case(wanted.trim()) {
            return true;
        }
        match (self, ApplyFrom::read(wanted)) {
            (ApplyFrom::Country(c), Some(ApplyFrom::Region { country, .. })) => *c == country,
            _ => false,
        }
    }
}

/// A yes or no the role may leave unsaid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stated {
    /// Yes.
    Yes,
    /// No.
    No,
    /// The role does not say, or says it in a way that can be read two ways.
    #[default]
    NotStated,
}

impl Stated {
    /// From a flag.
    pub fn from_bool(yes: bool) -> Stated {
        if yes { Stated::Yes } else { Stated::No }
    }

    /// Reads a front matter value: `true`/`false`, yes/no, available/not
    /// available, offered/not offered. `None` for anything else.
    pub fn read(text: &str) -> Option<Stated> {
        let lower = text.trim().to_lowercase().replace(['_', '-'], " ");
        match lower.as_str() {
            "true" | "yes" | "available" | "offered" | "provided" => Some(Stated::Yes),
            "false" | "no" | "not available" | "unavailable" | "not offered" | "none"
            | "not provided" => Some(Stated::No),
            _ => None,
        }
    }
}

/// Where candidates may apply from, and the help a move gets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Eligibility {
    /// Places candidates may live or work from; empty when not stated.
    pub apply_from: Vec<ApplyFrom>,
    /// Whether the employer sponsors work visas.
    pub visa_sponsorship: Stated,
    /// Whether the employer helps with relocation.
    pub relocation: Stated,
}

impl Eligibility {
    /// The front matter's facts, with what the body says filling only what
    /// the front matter leaves unsaid.
    pub fn with_body(mut self, body: &[&str]) -> Eligibility {
        let said = BodySays::read(body);
        if self.apply_from.is_empty() {
            self.apply_from = said.right_to_work;
        }
        if self.visa_sponsorship == Stated::NotStated {
            self.visa_sponsorship = said.visa;
        }
        if self.relocation == Stated::NotStated {
            self.relocation = said.relocation;
        }
        self
    }

    /// The labels of [`Eligibility::apply_from`], joined for a page.
    pub fn apply_from_text(&self) -> Option<String> {
        let labels: Vec<String> = self.apply_from.iter().map(ApplyFrom::label).collect();
        (!labels.is_empty()).then(|| labels.join(", "))
    }
}

/// The facts read from body sentences.
#[derive(Debug, Default)]
struct BodySays {
    visa: Stated,
    relocation: Stated,
    right_to_work: Vec<ApplyFrom>,
}

/// Words that make a sentence say "sometimes": it is not read.
const HEDGES: &[&str] = &[
    "may",
    "might",
    "some",
    "depend",
    "depending",
    "possibly",
    "unless",
    "except",
    "usually",
    "sometimes",
    "case",
    "certain",
    "consider",
    "considered",
    "occasionally",
    "limited",
];

const NO_VISA: &[&str] = &[
    "unable to sponsor",
    "cannot sponsor",
    "can not sponsor",
    "can't sponsor",
    "not able to sponsor",
    "do not sponsor",
    "don't sponsor",
    "does not sponsor",
    "will not sponsor",
    "won't sponsor",
    "do not offer visa sponsorship",
    "don't offer visa sponsorship",
    "does not offer visa sponsorship",
    "cannot offer visa sponsorship",
    "unable to offer visa sponsorship",
    "no visa sponsorship",
    "visa sponsorship is not available",
    "visa sponsorship is not offered",
    "visa sponsorship is unavailable",
    "not offer sponsorship",
];

const YES_VISA: &[&str] = &[
    "visa sponsorship is available",
    "visa sponsorship available",
    "we offer visa sponsorship",
    "we provide visa sponsorship",
    "we sponsor visas",
    "we will sponsor",
    "we can sponsor",
    "we are able to sponsor",
    "we're able to sponsor",
    "can offer visa sponsorship",
    "visa sponsorship is offered",
    "visa sponsorship is provided",
];

const NO_RELOCATION: &[&str] = &[
    "relocation is not available",
    "relocation support is not available",
    "relocation assistance is not available",
    "no relocation",
    "do not offer relocation",
    "don't offer relocation",
    "does not offer relocation",
    "cannot offer relocation",
    "unable to offer relocation",
    "cannot help with relocation",
    "unable to help with relocation",
    "not able to offer relocation",
];

const YES_RELOCATION: &[&str] = &[
    "relocation support is available",
    "relocation assistance is available",
    "relocation package",
    "we offer relocation",
    "we provide relocation",
    "we help with relocation",
    "we will help you relocate",
    "we'll help you relocate",
    "relocation is available",
    "relocation support provided",
    "relocation assistance provided",
];

/// Phrases that end just before a country: "right to work in the UK".
const RIGHT_TO_WORK: &[&str] = &[
    "have the right to work in",
    "have the legal right to work in",
    "be eligible to work in",
    "be authorised to work in",
    "be authorized to work in",
    "be legally authorised to work in",
    "be legally authorized to work in",
    "need the right to work in",
    "need to have the right to work in",
];

/// Words every phrase of a list holds: a sentence without it is not
/// searched for that list's phrases, so most sentences cost one search per
/// list instead of one per phrase (the phrase searches were most of the
/// time of reading 10,000 roles).
const VISA_WORD: &str = "sponsor";
/// See [`VISA_WORD`].
const RELOCATION_WORD: &str = "relocat";
/// See [`VISA_WORD`].
const RIGHT_TO_WORK_WORDS: &str = "to work in";
/// A word one of the three lists' key words holds even before spaces are
/// collapsed: sentences without any are skipped before any other work.
const KEY_WORDS: [&str; 3] = ["sponsor", "relocat", "work"];

/// [`KEY_WORDS`] in either case, found in one pass. (A non-ASCII letter that
/// lowercases to an ASCII one, such as the Kelvin sign, is not seen: such a
/// sentence is left unread, never misread.)
fn key_words() -> &'static AnyOf {
    static MATCHER: std::sync::LazyLock<AnyOf> =
        std::sync::LazyLock::new(|| AnyOf::ignoring_case(&KEY_WORDS));
    &MATCHER
}

impl BodySays {
    fn read(body: &[&str]) -> BodySays {
        let mut visa = Votes::default();
        let mut relocation = Votes::default();
        let mut places: Vec<ApplyFrom> = Vec::new();
        let mut unclear_place = false;
        // Each sentence holding a key word, found from the key words' places
        // in one search of each text: most sentences hold none, and "work"
        // counts only as in "to work in".
        let sentences = body.iter().flat_map(|text| sentences_to_read(text));
        for written in sentences {
            let sentence = plain_sentence(written);
            let says_visa = sentence.contains(VISA_WORD);
            let says_relocation = sentence.contains(RELOCATION_WORD);
            let says_right_to_work = sentence.contains(RIGHT_TO_WORK_WORDS);
            // "work" alone is in many sentences: hedges are looked for only
            // in one that could say something.
            if !(says_visa || says_relocation || says_right_to_work) || hedged(&sentence) {
                continue;
            }
            if says_visa {
                visa.count(&sentence, NO_VISA, YES_VISA);
            }
            if says_relocation {
                relocation.count(&sentence, NO_RELOCATION, YES_RELOCATION);
            }
            if !says_right_to_work {
                continue;
            }
            for country in right_to_work(&sentence) {
                match country {
                    Some(place) if !places.contains(&place) => places.push(place),
                    Some(_) => {}
                    None => unclear_place = true,
                }
            }
        }
        BodySays {
            visa: visa.answer(),
            relocation: relocation.answer(),
            // "the right to work in the UK or another country" names no
            // requirement careers can type: none is claimed.
            right_to_work: if unclear_place { Vec::new() } else { places },
        }
    }
}

/// The sentences of `text` (split at [`SENTENCE_ENDS`]) that hold a key
/// word, in order, each once; a "work" counts only between "to" and "in" as
/// [`plain_sentence`] would make them, since nothing else it holds is read.
fn sentences_to_read(text: &str) -> Vec<&str> {
    let mut sentences = Vec::new();
    let mut read_to = 0;
    for (found, which) in key_words().find_all(text) {
        if found.start < read_to || KEY_WORDS[which] == "work" && !to_work_in(text, &found) {
            continue;
        }
        let start = text[..found.start]
            .rfind(SENTENCE_ENDS)
            .map_or(0, |at| at + 1);
        let end = text[found.end..]
            .find(SENTENCE_ENDS)
            .map_or(text.len(), |at| found.end + at);
        sentences.push(&text[start..end]);
        read_to = end;
    }
    sentences
}

/// Whether the word at `found` has "to" before it and "in" after it, in
/// either case, with spaces or markup between, as [`plain_sentence`] reads
/// "to *work* in".
fn to_work_in(text: &str, found: &std::ops::Range<usize>) -> bool {
    let gap = |c: char| c.is_whitespace() || MARKUP.contains(&c);
    let before = text[..found.start].trim_end_matches(gap);
    let after = text[found.end..].trim_start_matches(gap);
    let spaced = before.len() < found.start && after.len() < text.len() - found.end;
    let to = before.len() >= 2 && before.as_bytes()[before.len() - 2..].eq_ignore_ascii_case(b"to");
    let within = after.len() >= 2 && after.as_bytes()[..2].eq_ignore_ascii_case(b"in");
    spaced && to && within
}

/// Yes and no found in a body; both is not stated.
#[derive(Debug, Default)]
struct Votes {
    yes: bool,
    no: bool,
}

impl Votes {
    fn count(&mut self, sentence: &str, no: &[&str], yes: &[&str]) {
        let said_no = no.iter().any(|p| contains_phrase(sentence, p));
        self.no |= said_no;
        self.yes |= !said_no && yes.iter().any(|p| contains_phrase(sentence, p));
    }

    fn answer(&self) -> Stated {
        match (self.yes, self.no) {
            (true, false) => Stated::Yes,
            (false, true) => Stated::No,
            _ => Stated::NotStated,
        }
    }
}

/// Markdown's marks, which [`plain_sentence`] reads as spaces.
const MARKUP: [char; 5] = ['*', '_', '`', '#', '>'];

/// Where a body's sentences end.
const SENTENCE_ENDS: [char; 5] = ['.', '!', '?', ';', '\n'];

/// A sentence as written, lowercased, markup characters and curly quotes
/// normalised, one space between words and none at the ends: in one pass,
/// since a sentence read here is a sentence that holds a key word.
fn plain_sentence(written: &str) -> String {
    let mut plain = String::with_capacity(written.len());
    let mut space = false;
    let mut push = |c: char| {
        if c.is_whitespace() {
            space = !plain.is_empty();
            return;
        }
        if space {
            plain.push(' ');
            space = false;
        }
        plain.push(c);
    };
    for c in written.chars() {
        match c {
            '\u{2019}' | '\u{2018}' => push('\''),
            c if MARKUP.contains(&c) => push(' '),
            c if c.is_ascii() => push(c.to_ascii_lowercase()),
            c => c.to_lowercase().for_each(&mut push),
        }
    }
    plain
}

fn hedged(sentence: &str) -> bool {
    sentence
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| HEDGES.contains(&w))
}

/// Whether `phrase` occurs in `sentence` between word boundaries.
fn contains_phrase(sentence: &str, phrase: &str) -> bool {
    sentence.match_indices(phrase).any(|(at, _)| {
        let before = sentence[..at].chars().next_back();
        let after = sentence[at + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The places a right-to-work sentence names: `Some` for each country or
/// region it names alone, `None` when what follows is not one place
/// ("the UK or EU", "the country you live in").
fn right_to_work(sentence: &str) -> Vec<Option<ApplyFrom>> {
    RIGHT_TO_WORK
        .iter()
        .flat_map(|p| sentence.match_indices(p).map(move |(at, _)| at + p.len()))
        .map(|end| {
            let rest = sentence[end..].split(',').next().unwrap_or("").trim();
            let rest = rest.strip_prefix("the ").unwrap_or(rest);
            match ApplyFrom::read(rest) {
                Some(place @ (ApplyFrom::Country(_) | ApplyFrom::Region { .. })) => Some(place),
                _ => None,
            }
        })
        .collect()
}

/// Whether a place as written is a time zone or a range of them: `UTC+1`,
/// `GMT-5 to GMT+2`, `Europe/London`, `CET`.
fn is_time_zone(text: &str) -> bool {
    const NAMES: &[&str] = &[
        "utc", "gmt", "cet", "cest", "eet", "wet", "bst", "est", "edt", "cst", "cdt", "mst", "mdt",
        "pst", "pdt", "et", "ct", "mt", "pt", "ist", "aest", "aedt", "nzst", "jst",
    ];
    let lower = text.to_lowercase();
    let first = lower
        .split(|c: char| !c.is_ascii_alphabetic())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    let iana = text.contains('/')
        && text
            .split('/')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphabetic() || c == '_'));
    iana || (NAMES.contains(&first) && lower.starts_with(first))
}

/// A country named in a text, by name or common abbreviation (lowercase);
/// a UK nation is the United Kingdom here, as a location line means it.
pub fn country(text: &str) -> Option<Country> {
    let text = text.trim().trim_end_matches('.');
    COUNTRIES
        .iter()
        .find(|(names, _)| names.contains(&text))
        .map(|&(_, country)| country)
}

/// A region within a country (lowercase name), with the country.
fn region(text: &str) -> Option<(&'static str, Country)> {
    REGIONS.iter().find_map(|&(code, names)| {
        let name = names.iter().find(|n| n.eq_ignore_ascii_case(text))?;
        let country = COUNTRIES.iter().find(|(_, c)| c.code == code)?.1;
        Some((*name, country))
    })
}

const fn c(code: &'static str, name: &'static str) -> Country {
    Country { code, name }
}

/// Countries by the names people write, lowercase.
const COUNTRIES: &[(&[&str], Country)] = &[
    (
        &[
            "uk",
            "u.k",
            "united kingdom",
            "great britain",
            "britain",
            "gb",
            "england",
            "scotland",
            "wales",
            "northern ireland",
        ],
        c("GB", "United Kingdom"),
    ),
    (
        &["ireland", "republic of ireland", "ie"],
        c("IE", "Ireland"),
    ),
    (
        &[
            "us",
            "u.s",
            "usa",
            "u.s.a",
            "united states",
            "united states of america",
        ],
        c("US", "United States"),
    ),
    (&["canada"], c("CA", "Canada")),
    (&["germany", "deutschland"], c("DE", "Germany")),
    (&["france"], c("FR", "France")),
    (&["spain"], c("ES", "Spain")),
    (&["portugal"], c("PT", "Portugal")),
    (&["netherlands", "the netherlands"], c("NL", "Netherlands")),
    (&["belgium"], c("BE", "Belgium")),
    (&["luxembourg"], c("LU", "Luxembourg")),
    (&["italy"], c("IT", "Italy")),
    (&["poland"], c("PL", "Poland")),
    (&["sweden"], c("SE", "Sweden")),
    (&["norway"], c("NO", "Norway")),
    (&["denmark"], c("DK", "Denmark")),
    (&["finland"], c("FI", "Finland")),
    (&["switzerland"], c("CH", "Switzerland")),
    (&["austria"], c("AT", "Austria")),
    (&["australia"], c("AU", "Australia")),
    (&["new zealand"], c("NZ", "New Zealand")),
    (&["india"], c("IN", "India")),
    (&["singapore"], c("SG", "Singapore")),
    (&["south africa"], c("ZA", "South Africa")),
    (&["japan"], c("JP", "Japan")),
    (&["mexico"], c("MX", "Mexico")),
    (&["brazil"], c("BR", "Brazil")),
];

/// Regions within countries, by ISO country code: the names a role writes
/// for where candidates must live.
const REGIONS: &[(&str, &[&str])] = &[
    ("GB", &["England", "Scotland", "Wales", "Northern Ireland"]),
    (
        "US",
        &[
            "Alabama",
            "Alaska",
            "Arizona",
            "Arkansas",
            "California",
            "Colorado",
            "Connecticut",
            "Delaware",
            "Florida",
            "Georgia",
            "Hawaii",
            "Idaho",
            "Illinois",
            "Indiana",
            "Iowa",
            "Kansas",
            "Kentucky",
            "Louisiana",
            "Maine",
            "Maryland",
            "Massachusetts",
            "Michigan",
            "Minnesota",
            "Mississippi",
            "Missouri",
            "Montana",
            "Nebraska",
            "Nevada",
            "New Hampshire",
            "New Jersey",
            "New Mexico",
            "New York",
            "North Carolina",
            "North Dakota",
            "Ohio",
            "Oklahoma",
            "Oregon",
            "Pennsylvania",
            "Rhode Island",
            "South Carolina",
            "South Dakota",
            "Tennessee",
            "Texas",
            "Utah",
            "Vermont",
            "Virginia",
            "Washington",
            "West Virginia",
            "Wisconsin",
            "Wyoming",
            "District of Columbia",
        ],
    ),
    (
        "CA",
        &[
            "Alberta",
            "British Columbia",
            "Manitoba",
            "New Brunswick",
            "Newfoundland and Labrador",
            "Nova Scotia",
            "Ontario",
            "Prince Edward Island",
            "Quebec",
            "Saskatchewan",
            "Northwest Territories",
            "Nunavut",
            "Yukon",
        ],
    ),
    (
        "AU",
        &[
            "New South Wales",
            "Victoria",
            "Queensland",
            "South Australia",
            "Western Australia",
            "Tasmania",
            "Australian Capital Territory",
            "Northern Territory",
        ],
    ),
];

#[cfg(test)]
mod tests {
    use test_case::test_case;

    use super::*;

    #[test_case(
        "  We  *cannot*\tSponsor\u{2019}s visas  ",
        "we cannot sponsor's visas"
    )]
    #[test_case("**Visa** sponsorship", "visa sponsorship")]
    #[test_case("RELOCATION \u{C9}TUDE", "relocation \u{e9}tude")]
    #[test_case("* * *", "")]
    fn a_sentence_is_lowercased_with_one_space_between_words(written: &str, plain: &str) {
        assert_eq!(plain_sentence(written), plain);
    }

    #[test]
    fn only_sentences_with_a_key_word_are_read_each_once() {
        let text = "We work hard. You need the right to *work* in the UK, and to work in a team.\n\
                    We cannot sponsor visas; relocation is available! Teamwork matters";
        assert_eq!(
            sentences_to_read(text),
            vec![
                " You need the right to *work* in the UK, and to work in a team",
                "We cannot sponsor visas",
                " relocation is available",
            ]
        );
    }

    #[test_case("the right to work in the UK", true)]
    #[test_case("the right TO **Work**\u{a0}IN the UK", true)]
    #[test_case("how we work in teams", false)]
    #[test_case("to work with us", false)]
    #[test_case("towork in", false)]
    fn work_counts_only_between_to_and_in(text: &str, counts: bool) {
        let at = text.to_ascii_lowercase().find("work").unwrap_or_default();
        assert_eq!(to_work_in(text, &(at..at + 4)), counts);
    }

    #[test]
    fn every_phrase_holds_the_word_that_lets_a_sentence_be_searched() {
        let lists: [(&[&str], &str); 5] = [
            (NO_VISA, VISA_WORD),
            (YES_VISA, VISA_WORD),
            (NO_RELOCATION, RELOCATION_WORD),
            (YES_RELOCATION, RELOCATION_WORD),
            (RIGHT_TO_WORK, RIGHT_TO_WORK_WORDS),
        ];
        for (phrases, word) in lists {
            for phrase in phrases {
                assert!(phrase.contains(word), "`{phrase}` lacks `{word}`");
            }
        }
    }

    #[test_case("United Kingdom", "United Kingdom")]
    #[test_case("the UK", "United Kingdom")]
    #[test_case("scotland", "Scotland")]
    #[test_case("Ontario", "Ontario")]
    #[test_case("UTC-5 to UTC+1", "Time zones UTC-5 to UTC+1")]
    #[test_case("Europe/Lisbon", "Time zones Europe/Lisbon")]
    #[test_case("EMEA", "EMEA")]
    fn places_read_as_written(text: &str, label: &str) {
        assert_eq!(
            ApplyFrom::read(text).map(|p| p.label()).as_deref(),
            Some(label)
        );
    }

    #[test]
    fn a_country_admits_its_regions_but_a_region_not_its_country() {
        let uk = ApplyFrom::read("UK").unwrap_or_else(|| panic!("read"));
        let scotland = ApplyFrom::read("Scotland").unwrap_or_else(|| panic!("read"));
        assert!(uk.admits("United Kingdom") && uk.admits("Scotland"));
        assert!(!scotland.admits("United Kingdom"));
        assert!(!uk.admits("Ireland"));
    }

    fn said(text: &str) -> (Stated, Stated, Vec<String>) {
        let e = Eligibility::default().with_body(&[text]);
        let places = e.apply_from.iter().map(ApplyFrom::label).collect();
        (e.visa_sponsorship, e.relocation, places)
    }

    #[test_case("We are unable to sponsor visas for this role.", Stated::No)]
    #[test_case("Unfortunately we **can't sponsor** work visas.", Stated::No)]
    #[test_case("Visa sponsorship is available for the right person.", Stated::Yes)]
    #[test_case("We may be able to sponsor visas in some cases.", Stated::NotStated; "hedged")]
    #[test_case("We can sponsor visas. We cannot sponsor dependants.", Stated::NotStated; "both")]
    #[test_case("Sponsorship of our charity run is welcome.", Stated::NotStated; "other sponsorship")]
    fn visa_phrasings(text: &str, expected: Stated) {
        assert_eq!(said(text).0, expected);
    }

    #[test_case("Relocation support is available.", Stated::Yes)]
    #[test_case("We do not offer relocation.", Stated::No)]
    #[test_case("Relocation may be considered.", Stated::NotStated)]
    fn relocation_phrasings(text: &str, expected: Stated) {
        assert_eq!(said(text).1, expected);
    }

    #[test_case("You must have the right to work in the UK.", &["United Kingdom"])]
    #[test_case("Applicants must be authorized to work in the United States, without sponsorship.", &["United States"])]
    #[test_case("You must have the right to work in the UK or the EU.", &[]; "two places")]
    #[test_case("You must have the right to work in the country you live in.", &[]; "no place")]
    fn right_to_work_names_a_country(text: &str, expected: &[&str]) {
        assert_eq!(said(text).2, expected);
    }

    #[test]
    fn front_matter_wins_over_the_body() {
        let front = Eligibility {
            visa_sponsorship: Stated::Yes,
            ..Eligibility::default()
        };
        let e = front.with_body(&["We cannot sponsor visas. Relocation support is available."]);
        assert_eq!(
            (e.visa_sponsorship, e.relocation),
            (Stated::Yes, Stated::Yes)
        );
    }

    #[test_case("yes", Some(Stated::Yes))]
    #[test_case("Not available", Some(Stated::No))]
    #[test_case("false", Some(Stated::No))]
    #[test_case("sometimes", None)]
    fn front_matter_answers(text: &str, expected: Option<Stated>) {
        assert_eq!(Stated::read(text), expected);
    }
}
