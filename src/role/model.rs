//! The typed role: what a role file means once it has been read.
//!
//! Every type here is built by the parser and cannot hold nonsense: a [`Slug`]
//! is always a valid URL segment and a [`SalaryBand`] always has `min <= max`.

use std::fmt;
use std::path::PathBuf;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// A URL-safe identifier for a role: lowercase ASCII letters, digits and
/// single hyphens, never empty, never starting or ending with a hyphen.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Slug(String);

impl Slug {
    /// Accepts a slug exactly as written (front matter, URLs).
    pub fn parse(text: &str) -> Option<Slug> {
        let valid = !text.is_empty()
            && text.len() <= 200
            && !text.starts_with('-')
            && !text.ends_with('-')
            && !text.contains("--")
            && text
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        valid.then(|| Slug(text.to_owned()))
    }

    /// Derives a slug from a file stem: lowercased, `_` and spaces become `-`,
    /// anything else that is not a letter or digit is dropped.
    pub fn from_file_stem(stem: &str) -> Option<Slug> {
        let mut out = String::with_capacity(stem.len());
        for c in stem.chars().flat_map(char::to_lowercase) {
            if c.is_ascii_alphanumeric() {
                out.push(c);
            } else if (c == '-' || c == '_' || c.is_whitespace()) && !out.ends_with('-') {
                out.push('-');
            }
        }
        Slug::parse(out.trim_matches('-'))
    }

    /// The slug as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether a role is advertised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Listed and open for applications.
    #[default]
    Open,
    /// Still answers at its URL with a notice, but is not listed.
    Closed,
    /// Listed, saying when applications open, with no Apply button. Its
    /// opening date (`opens`/`posted`) reached, it is open.
    Upcoming,
    /// Not published at all.
    Draft,
}

impl Status {
    /// The lowercase name used in JSON and front matter.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Closed => "closed",
            Status::Upcoming => "upcoming",
            Status::Draft => "draft",
        }
    }
}

/// Currency of a salary band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Currency {
    /// Pounds sterling.
    #[default]
    #[serde(rename = "GBP")]
    Gbp,
    /// Euros.
    #[serde(rename = "EUR")]
    Eur,
    /// US dollars.
    #[serde(rename = "USD")]
    Usd,
    /// Canadian dollars.
    #[serde(rename = "CAD")]
    Cad,
    /// Indian rupees.
    #[serde(rename = "INR")]
    Inr,
    /// Australian dollars.
    #[serde(rename = "AUD")]
    Aud,
    /// New Zealand dollars.
    #[serde(rename = "NZD")]
    Nzd,
    /// Swiss francs.
    #[serde(rename = "CHF")]
    Chf,
    /// Swedish kronor.
    #[serde(rename = "SEK")]
    Sek,
    /// Norwegian kroner.
    #[serde(rename = "NOK")]
    Nok,
    /// Danish kroner.
    #[serde(rename = "DKK")]
    Dkk,
    /// Polish złoty.
    #[serde(rename = "PLN")]
    Pln,
    /// Japanese yen.
    #[serde(rename = "JPY")]
    Jpy,
    /// Singapore dollars.
    #[serde(rename = "SGD")]
    Sgd,
}

impl Currency {
    /// Every currency careers reads pay in.
    pub const ALL: [Currency; 14] = [
        Currency::Gbp,
        Currency::Eur,
        Currency::Usd,
        Currency::Cad,
        Currency::Inr,
        Currency::Aud,
        Currency::Nzd,
        Currency::Chf,
        Currency::Sek,
        Currency::Nok,
        Currency::Dkk,
        Currency::Pln,
        Currency::Jpy,
        Currency::Sgd,
    ];

    /// The ISO 4217 entry, whose code and symbol the maintained table
    /// (`iso_currency`) gives.
    fn iso(self) -> iso_currency::Currency {
        use iso_currency::Currency as Iso;
        match self {
            Currency::Gbp => Iso::GBP,
            Currency::Eur => Iso::EUR,
            Currency::Usd => Iso::USD,
            Currency::Cad => Iso::CAD,
            Currency::Inr => Iso::INR,
            Currency::Aud => Iso::AUD,
            Currency::Nzd => Iso::NZD,
            Currency::Chf => Iso::CHF,
            Currency::Sek => Iso::SEK,
            Currency::Nok => Iso::NOK,
            Currency::Dkk => Iso::DKK,
            Currency::Pln => Iso::PLN,
            Currency::Jpy => Iso::JPY,
            Currency::Sgd => Iso::SGD,
        }
    }

    /// The least a year's pay in this currency plausibly is (about 10,000
    /// pounds, euros or dollars): a smaller amount on a line that names no
    /// period is not read as a year's.
    pub fn least_yearly_pay(self) -> u64 {
        match self {
            Currency::Sek | Currency::Nok | Currency::Dkk | Currency::Inr => 100_000,
            Currency::Pln => 30_000,
            Currency::Jpy => 1_000_000,
            _ => 10_000,
        }
    }

    /// The ISO 4217 code (`GBP`).
    pub fn code(self) -> &'static str {
        self.iso().code()
    }

    /// Reads a currency code (`GBP`, `eur`, ...), as `site.yaml` and the
    /// front matter's `currency` key write it.
    pub fn from_code(code: &str) -> Option<Currency> {
        let iso = iso_currency::Currency::from_code(&code.trim().to_ascii_uppercase())?;
        Currency::ALL.into_iter().find(|c| c.iso() == iso)
    }

    /// The sign the ISO table gives when no other currency careers reads
    /// shares it (`₹`, `¥`, `zł`); `None` for shared ones (`$`, `kr`).
    pub fn own_sign(self) -> Option<String> {
        let sign = self.iso().symbol().symbol;
        let shared = Currency::ALL
            .into_iter()
            .filter(|c| c.iso().symbol().symbol == sign)
            .count()
            > 1;
        (!shared && sign != self.code() && !sign.is_empty()).then_some(sign)
    }

    /// The symbol written before an amount on our pages: unambiguous among
    /// the currencies careers reads (`CA$`, `A$`; a code where signs are shared).
    pub fn symbol(self) -> &'static str {
        match self {
            Currency::Gbp => "£",
            Currency::Eur => "€",
            Currency::Usd => "$",
            Currency::Cad => "CA$",
            Currency::Inr => "₹",
            Currency::Aud => "A$",
            Currency::Nzd => "NZ$",
            Currency::Chf => "CHF ",
            Currency::Sek => "SEK ",
            Currency::Nok => "NOK ",
            Currency::Dkk => "DKK ",
            Currency::Pln => "PLN ",
            Currency::Jpy => "¥",
            Currency::Sgd => "S$",
        }
    }
}

/// A kind of employment a role states, in words or a front matter key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EmploymentType {
    /// Full time.
    FullTime,
    /// Part time.
    PartTime,
    /// A contract (contractor, freelance, interim).
    Contract,
    /// Fixed term or temporary.
    FixedTerm,
    /// Permanent.
    Permanent,
    /// An internship.
    Internship,
}

impl EmploymentType {
    /// Every kind, with the words that state it (lowercase, spaces between).
    const WORDS: [(EmploymentType, &'static [&'static str]); 6] = [
        // English, then Italian, Portuguese, Spanish, German, French, Latvian.
        (
            EmploymentType::FullTime,
            &[
                "full time",
                "fulltime",
                "tempo pieno",
                "tempo integral",
                "tiempo completo",
                "jornada completa",
                "vollzeit",
                "temps plein",
                "pilna slodze",
            ],
        ),
        (
            EmploymentType::PartTime,
            &[
                "part time",
                "parttime",
                "tempo parziale",
                "meio período",
                "tiempo parcial",
                "media jornada",
                "teilzeit",
                "temps partiel",
                "nepilna slodze",
            ],
        ),
        (
            EmploymentType::Contract,
            &["contract", "contractor", "freelance", "interim"],
        ),
        (
            EmploymentType::FixedTerm,
            &[
                "fixed term",
                "temporary",
                "temp",
                "seasonal",
                "tempo determinato",
                "befristet",
                "cdd",
            ],
        ),
        (
            EmploymentType::Permanent,
            &[
                "permanent",
                "perm",
                "tempo indeterminato",
                "unbefristet",
                "festanstellung",
                "cdi",
            ],
        ),
        (
            EmploymentType::Internship,
            &[
                "internship",
                "intern",
                "tirocinio",
                "estágio",
                "prácticas",
                "praktikum",
            ],
        ),
    ];

    /// Words that may join types on a line that is nothing but types.
    const JOINERS: [&'static str; 10] = [
        "or",
        "and",
        "role",
        "position",
        "job",
        "employment",
        "basis",
        "a",
        "this",
        "is",
    ];

    /// Every word or phrase that states a kind.
    #[cfg(test)]
    pub(crate) fn every_word() -> impl Iterator<Item = &'static str> {
        Self::WORDS
            .iter()
            .flat_map(|(_, words)| words.iter().copied())
    }

    /// The kinds a text states, in this enum's order, once each: "Full-time,
    /// permanent" gives two; "contract type" (a label) gives none.
    pub fn read(text: &str) -> Vec<EmploymentType> {
        let words = Self::words(text);
        let padded = format!(" {} ", words.join(" "));
        let has = |p: &str| {
            padded
                .match_indices(p)
                .any(|(i, _)| padded[..i].ends_with(' ') && padded[i + p.len()..].starts_with(' '))
        };
        Self::WORDS
            .iter()
            .filter(|(kind, phrases)| {
                phrases.iter().any(|p| has(p))
                    && !(*kind == EmploymentType::Contract && padded.contains(" contract type "))
                    && !(*kind == EmploymentType::FixedTerm && padded.contains(" term time "))
            })
            .map(|(kind, _)| *kind)
            .collect()
    }

    /// Whether a text is nothing but employment types and joining words.
    pub fn only_types(text: &str) -> bool {
        let words = Self::words(text);
        let mut i = 0;
        while i < words.len() {
            let two = words.get(i + 1).map(|next| format!("{} {next}", words[i]));
            let known = |w: &str| Self::WORDS.iter().any(|(_, ps)| ps.contains(&w));
            if two.as_deref().is_some_and(known) {
                i += 2;
            } else if known(&words[i]) || Self::JOINERS.contains(&words[i].as_str()) {
                i += 1;
            } else {
                return false;
            }
        }
        !words.is_empty()
    }

    fn words(text: &str) -> Vec<String> {
        text.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect::<Vec<_>>()
    }

    /// The words a candidate reads ("Full-time").
    pub fn label(self) -> &'static str {
        match self {
            EmploymentType::FullTime => "Full-time",
            EmploymentType::PartTime => "Part-time",
            EmploymentType::Contract => "Contract",
            EmploymentType::FixedTerm => "Fixed term",
            EmploymentType::Permanent => "Permanent",
            EmploymentType::Internship => "Internship",
        }
    }

    /// Google's `employmentType` for this kind: permanent says nothing of
    /// hours, so it has none.
    pub fn schema_org(self) -> Option<&'static str> {
        match self {
            EmploymentType::FullTime => Some("FULL_TIME"),
            EmploymentType::PartTime => Some("PART_TIME"),
            EmploymentType::Contract => Some("CONTRACTOR"),
            EmploymentType::FixedTerm => Some("TEMPORARY"),
            EmploymentType::Internship => Some("INTERN"),
            EmploymentType::Permanent => None,
        }
    }
}

/// The order of day and month in a date written in figures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateOrder {
    /// `4/08/17` is 4 August (the UK and most of the world).
    #[default]
    DayFirst,
    /// `4/08/17` is April 8 (the US).
    MonthFirst,
}

/// How often a salary amount is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// Per year (the default).
    #[default]
    Year,
    /// Per month.
    Month,
    /// Per day (contract rates).
    Day,
    /// Per hour.
    Hour,
}

/// One salary range, optionally for one location.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SalaryBand {
    location: Option<String>,
    min: u64,
    max: Option<u64>,
    currency: Currency,
    period: Period,
    note: Option<String>,
}

/// Why a [`SalaryBand`] could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SalaryBandError {
    /// The maximum is below the minimum.
    #[error("the maximum {max} is below the minimum {min}")]
    Inverted {
        /// The lower bound as written.
        min: u64,
        /// The upper bound as written.
        max: u64,
    },
    /// A zero salary is never meant.
    #[error("a salary of zero is not a salary")]
    Zero,
}

impl SalaryBand {
    /// Builds a band; `max: None` means open-ended (`£81,900+`).
    pub fn new(min: u64, max: Option<u64>) -> Result<SalaryBand, SalaryBandError> {
        if min == 0 {
            return Err(SalaryBandError::Zero);
        }
        if let Some(max) = max
            && max < min
        {
            return Err(SalaryBandError::Inverted { min, max });
        }
        Ok(SalaryBand {
            location: None,
            min,
            max,
            currency: Currency::Gbp,
            period: Period::Year,
            note: None,
        })
    }

    /// Sets the location the band applies to.
    pub fn with_location(mut self, location: Option<String>) -> Self {
        self.location = location.filter(|l| !l.is_empty());
        self
    }

    /// Sets the currency.
    pub fn with_currency(mut self, currency: Currency) -> Self {
        self.currency = currency;
        self
    }

    /// Sets the pay period.
    pub fn with_period(mut self, period: Period) -> Self {
        self.period = period;
        self
    }

    /// Sets the qualifying words ("basic with OTE").
    pub fn with_note(mut self, note: Option<String>) -> Self {
        self.note = note.filter(|n| !n.is_empty());
        self
    }

    /// The location this band is for, if it is location specific.
    pub fn location(&self) -> Option<&str> {
        self.location.as_deref()
    }
    /// The lowest amount, in whole units.
    pub fn min(&self) -> u64 {
        self.min
    }
    /// The highest amount; `None` when open-ended.
    pub fn max(&self) -> Option<u64> {
        self.max
    }
    /// The currency.
    pub fn currency(&self) -> Currency {
        self.currency
    }
    /// The pay period.
    pub fn period(&self) -> Period {
        self.period
    }
    /// Words that qualify the band, such as "+ commission".
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }
}

/// Markdown source text of a fragment of a role file, rendered later by the site.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Markdown {
    /// The Markdown as written.
    pub source: String,
    /// The file line the fragment starts on (1-based), for diagnostics.
    pub line: u32,
}

/// One expectation: what the role holder is expected to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expectation {
    /// The expectation itself, usually one sentence.
    pub title: String,
    /// Anchor id of the expectation's heading, when it was a heading.
    pub anchor: Option<String>,
    /// Further explanation as Markdown; may be empty.
    pub description: Markdown,
    /// Plain text of the description.
    pub description_text: String,
    /// The group heading it sits under ("Senior Engineer Expectations").
    pub group: Option<String>,
}

/// Required and optional experience.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Experience {
    /// What a candidate must bring, as plain text.
    pub required: Vec<String>,
    /// What is welcome but not needed, as plain text.
    pub optional: Vec<String>,
}

/// What a section of a role file is about, decided from its heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    /// About the role: what the job entails.
    About,
    /// Experience a candidate must have.
    RequiredExperience,
    /// Experience that is welcome but optional.
    OptionalExperience,
    /// What the role holder is responsible for.
    Responsibilities,
    /// Competencies and behaviours.
    Competencies,
    /// How success is measured.
    KeyMeasures,
    /// One heading per expectation.
    Expectations,
    /// Benefits and perks.
    Benefits,
    /// Pay.
    Salary,
    /// Where the work happens.
    Location,
    /// How to apply.
    Applying,
    /// What working here is like.
    Culture,
    /// Any heading the vocabulary does not know, shown as written.
    Other,
}

/// A section of a role file, in source order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// What the section is about.
    pub kind: SectionKind,
    /// The heading as written (plain text).
    pub heading: String,
    /// A stable, GitHub-compatible anchor id for the heading.
    pub anchor: String,
    /// Heading level (2 for `##`, 3 for a `###` sub-section).
    pub level: u8,
    /// The section's body, without its heading.
    pub body: Markdown,
    /// Anchor ids for headings inside the body, in order.
    pub body_anchors: Vec<String>,
}

/// Metadata from front matter, all optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// Team the role sits in.
    pub team: Option<String>,
    /// Employment type ("Full-time", "Contract").
    pub employment_type: Option<String>,
    /// The kinds of employment `employment_type` states; empty when it
    /// states none careers knows (or there is none).
    pub employment: Vec<EmploymentType>,
    /// A grade on a pay scale ("HEO", "GS-15"): shown in key facts, never pay.
    pub grade: Option<String>,
    /// When the role was posted.
    pub posted: Option<Date>,
    /// When applications close.
    pub closes: Option<Date>,
    /// Where to apply; the site's default when absent.
    pub apply_url: Option<String>,
    /// Old slugs that redirect to this role.
    pub aliases: Vec<Slug>,
    /// Front matter `description`: one sentence for cards and meta
    /// descriptions. Never the summary, which the body gives.
    pub description: Option<String>,
    /// Front matter keys careers does not read, each with its value as
    /// written (YAML text for a list or mapping), kept and otherwise ignored.
    pub extra: Vec<(String, String)>,
    /// Facts in a facts list of the body that careers does not type, as
    /// written (label, value): shown with the key facts, never lost.
    pub other_facts: Vec<(String, String)>,
    /// Who can apply from where, visa sponsorship and relocation.
    pub eligibility: crate::role::eligibility::Eligibility,
    /// What happened to a closed role (front matter `outcome`).
    pub outcome: Option<Outcome>,
    /// The language the role is written in (front matter `lang`, a BCP 47
    /// tag such as `fr`); the site's when absent.
    pub lang: Option<String>,
    /// Roles this one is a translation of, or that translate it (front
    /// matter `translation_of` and `translations`), as slugs.
    pub translations: Vec<Slug>,
}

/// What happened to a closed role, as its front matter `outcome` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Applications have closed and are being read.
    ReviewingApplications,
    /// Someone was appointed.
    Filled,
    /// Nobody was appointed.
    NotFilled,
}

impl Outcome {
    /// Every outcome, in the order a role goes through them.
    pub const ALL: [Outcome; 3] = [
        Outcome::ReviewingApplications,
        Outcome::Filled,
        Outcome::NotFilled,
    ];

    /// Reads `reviewing applications`, `filled` or `not filled` (any case,
    /// `_` or `-` for spaces).
    pub fn read(text: &str) -> Option<Outcome> {
        let words = text.trim().to_lowercase().replace(['_', '-'], " ");
        match words
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .as_str()
        {
            "reviewing applications" | "reviewing" => Some(Outcome::ReviewingApplications),
            "filled" => Some(Outcome::Filled),
            "not filled" | "unfilled" => Some(Outcome::NotFilled),
            _ => None,
        }
    }

    /// The front matter's words for it.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::ReviewingApplications => "reviewing applications",
            Outcome::Filled => "filled",
            Outcome::NotFilled => "not filled",
        }
    }
}

/// A role, read from one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    /// URL identifier.
    pub slug: Slug,
    /// The job title.
    pub title: String,
    /// The file line of the title's heading (1 when front matter or the
    /// file name gives the title), for diagnostics about its wording.
    pub title_line: u32,
    /// Summary as Markdown (the paragraphs before the first section).
    pub summary: Markdown,
    /// Summary as plain text.
    pub summary_text: String,
    /// Where the role is based.
    pub location: Option<String>,
    /// Level ("Senior"), from front matter or the title, with its order.
    pub level: Option<Level>,
    /// Discipline ("Software Engineer"): the title without its level.
    pub discipline: Option<String>,
    /// Salary bands, in the order written.
    pub salary: Vec<SalaryBand>,
    /// The salary text says in words that pay is under review ("TBC"); read
    /// it through [`Role::pay_state`], where published bands win.
    pub pay_under_review: bool,
    /// The text states pay careers could not read as a band (a
    /// `salary-unreadable` warning was given): read it through
    /// [`Role::pay_state`], which then never says "not stated".
    pub pay_in_text: bool,
    /// Required and optional experience.
    pub experience: Experience,
    /// Expectations, in the order written.
    pub expectations: Vec<Expectation>,
    /// Duties as plain text ("What you'll do", "Responsibilities", "Key
    /// objectives"): the items of those sections' lists, else their
    /// paragraphs; empty when the file has none.
    pub responsibilities: Vec<String>,
    /// Benefits, one per list item.
    pub benefits: Vec<String>,
    /// Every section, in source order.
    pub sections: Vec<Section>,
    /// Publication status.
    pub status: Status,
    /// Front matter metadata.
    pub meta: Meta,
    /// The role file's name, e.g. `senior-reliability-engineer.md`.
    pub source_file: String,
    /// The role file's path as given to the parser, for diagnostics that
    /// span files (duplicate slugs, links).
    pub path: PathBuf,
    /// Relative `.md` links to other role files, for checking they exist.
    pub role_links: Vec<RoleLink>,
    /// What the git history says about the file (empty outside a repository);
    /// set by the pipeline after parsing, never by the parser.
    pub history: FileDates,
}

/// A role file's dates from git, as days where the site is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FileDates {
    /// The day of the first commit that added the file: first published.
    pub added: Option<Date>,
    /// The day of the last commit that changed the file: last updated.
    pub changed: Option<Date>,
}

/// A link from a role file to another role file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleLink {
    /// The linked file name, e.g. `lead_engineer.md`.
    pub file: String,
    /// Line of the link (1-based).
    pub line: u32,
    /// Column of the link (1-based).
    pub col: u32,
}

/// A role's level, ordered from junior to senior. Intermediate sits beside
/// Mid, Staff between Senior and Lead, Distinguished after Principal, as
/// ladders that use those words place them.
pub const LEVELS: &[&str] = &[
    "Academy",
    "Junior",
    "Associate",
    "Mid",
    "Intermediate",
    "Senior",
    "Staff",
    "Lead",
    "Principal",
    "Distinguished",
    "Head of",
    "Director",
];

/// A role's level: its name as written and its place on the ladder, so that
/// career paths and comparisons order levels without looking names up again.
/// A level that is not one of [`LEVELS`] keeps its name and sorts after them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Level {
    name: String,
    rank: usize,
}

impl Level {
    /// The level named `name` (any letter case for the known ones).
    pub fn new(name: &str) -> Level {
        let name = name.trim();
        let rank = LEVELS
            .iter()
            .position(|k| k.eq_ignore_ascii_case(name))
            .unwrap_or(LEVELS.len());
        Level {
            name: name.to_owned(),
            rank,
        }
    }

    /// The name as written ("Senior").
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The position on the ladder, junior first; [`LEVELS`]`.len()` when unknown.
    pub fn rank(&self) -> usize {
        self.rank
    }

    /// Whether this is one of the levels the ladder knows.
    pub fn is_known(&self) -> bool {
        self.rank < LEVELS.len()
    }
}

impl Ord for Level {
    fn cmp(&self, other: &Level) -> std::cmp::Ordering {
        (self.rank, &self.name).cmp(&(other.rank, &other.name))
    }
}

impl PartialOrd for Level {
    fn partial_cmp(&self, other: &Level) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

impl Serialize for Level {
    fn serialize<S: serde::Serializer>(&self, out: S) -> Result<S::Ok, S::Error> {
        out.serialize_str(&self.name)
    }
}

impl Role {
    /// Position of the role's level on the ladder; unknown levels sort last.
    pub fn level_rank(&self) -> usize {
        self.level.as_ref().map_or(LEVELS.len(), Level::rank)
    }

    /// The heading the role is listed under: its team, else its discipline.
    pub fn group(&self) -> &str {
        self.meta
            .team
            .as_deref()
            .or(self.discipline.as_deref())
            .unwrap_or("Other roles")
    }

    /// The level's name, if the role has one.
    pub fn level_name(&self) -> Option<&str> {
        self.level.as_ref().map(Level::name)
    }

    /// Whether the role should be listed, given today's date: open, or
    /// upcoming (listed with when applications open).
    pub fn is_listed(&self, today: Date) -> bool {
        matches!(
            self.effective_status(today),
            Status::Open | Status::Upcoming
        )
    }

    /// The status after applying the closing date, and for an upcoming role
    /// its opening date.
    pub fn effective_status(&self, today: Date) -> Status {
        match (self.status, self.meta.closes, self.meta.posted) {
            (Status::Open | Status::Upcoming, Some(closes), _) if closes < today => Status::Closed,
            (Status::Upcoming, _, Some(opens)) if opens <= today => Status::Open,
            (status, _, _) => status,
        }
    }

    /// When applications open, for a role that is upcoming today.
    pub fn opens(&self, today: Date) -> Option<Date> {
        (self.effective_status(today) == Status::Upcoming)
            .then_some(self.meta.posted)
            .flatten()
    }
}

#[cfg(test)]
mod tests {
    use test_case::test_case;

    use super::*;

    #[test_case("senior_software_engineer", Some("senior-software-engineer"))]
    #[test_case("Associate Business Analyst", Some("associate-business-analyst"))]
    #[test_case("senior-software-engineer-2", Some("senior-software-engineer-2"))]
    #[test_case("UCP (Principal)", Some("ucp-principal"))]
    #[test_case("__", None)]
    #[test_case("", None)]
    fn slug_from_file_stem(stem: &str, expected: Option<&str>) {
        assert_eq!(
            Slug::from_file_stem(stem).as_ref().map(Slug::as_str),
            expected
        );
    }

    #[test_case("good-slug", true)]
    #[test_case("Bad", false)]
    #[test_case("-x", false)]
    #[test_case("a--b", false)]
    #[test_case("../etc", false)]
    fn slug_parse(text: &str, ok: bool) {
        assert_eq!(Slug::parse(text).is_some(), ok);
    }

    #[test]
    fn levels_carry_their_order() {
        let (mid, senior, odd) = (Level::new("mid"), Level::new("Senior"), Level::new("GS-13"));
        assert!(mid < senior && senior < odd);
        assert_eq!(mid.name(), "mid", "the name stays as written");
        assert!(!odd.is_known() && senior.is_known());
        let ladder: Vec<_> = [
            "Academy",
            "Junior",
            "Intermediate",
            "Senior",
            "Staff",
            "Lead",
            "Principal",
            "Distinguished",
            "Head of",
            "Director",
        ]
        .iter()
        .map(|l| Level::new(l))
        .collect();
        assert!(ladder.windows(2).all(|w| w[0] < w[1]), "{ladder:?}");
        assert!(Level::new("Associate") < Level::new("Mid"));
        assert!(Level::new("Mid") < Level::new("Intermediate"));
    }

    #[test]
    fn an_upcoming_role_is_listed_opens_on_its_date_and_closes_on_its_own() {
        let mut role = crate::role::parse::parse(
            std::path::Path::new("x.md"),
            "---\nstatus: upcoming\nposted: 2027-03-03\ncloses: 2027-03-31\n---\n# Seed Keeper\n",
        )
        .role
        .unwrap_or_else(|| panic!("the role loads"));
        let day = |m, d| jiff::civil::date(2027, m, d);
        assert_eq!(role.effective_status(day(3, 2)), Status::Upcoming);
        assert!(role.is_listed(day(3, 2)));
        assert_eq!(role.opens(day(3, 2)), Some(day(3, 3)));
        assert_eq!(role.effective_status(day(3, 3)), Status::Open);
        assert_eq!(role.opens(day(3, 3)), None);
        assert_eq!(role.effective_status(day(4, 1)), Status::Closed);
        role.meta.posted = None;
        assert_eq!(
            role.effective_status(day(3, 30)),
            Status::Upcoming,
            "no opening date: upcoming until changed"
        );
        assert_eq!(Status::Upcoming.as_str(), "upcoming");
    }

    #[test]
    fn salary_band_rejects_inverted_and_zero() {
        assert_eq!(
            SalaryBand::new(75_000, Some(60_000)),
            Err(SalaryBandError::Inverted {
                min: 75_000,
                max: 60_000
            })
        );
        assert_eq!(SalaryBand::new(0, None), Err(SalaryBandError::Zero));
        let open = SalaryBand::new(81_900, None).map(|b| b.max());
        assert_eq!(open, Ok(None));
    }
}
