//! The heading vocabulary: the headings people write, mapped to what they mean.
//!
//! Headings are compared on normalised words (lowercase, punctuation and
//! apostrophes dropped), and a phrase matches when its words appear in the
//! heading as a whole. A phrase written `^words` matches only at the start of
//! the heading (short words such as "pay" mean something else mid-sentence),
//! and `=words` only the whole heading. The first entry that matches wins, so
//! more specific meanings (optional experience) come before broader ones
//! (experience), and a group of [`SectionKind::Other`] phrases says what a
//! heading is not (conditions of employment are not experience).
//! To teach the parser a new heading, add a phrase here and a test below.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::role::model::SectionKind;

/// Phrases per kind, in priority order.
pub(crate) const VOCABULARY: &[(SectionKind, &[&str])] = &[
    (
        SectionKind::Responsibilities,
        &[
            "^key objective",
            "^key objectives",
            "^objective",
            "^objectives",
        ],
    ),
    (
        SectionKind::OptionalExperience,
        &[
            "would be an asset",
            "an asset",
            "would be assets",
            "are assets",
            "a plus",
            "is a plus",
            "are a plus",
            "optional",
            "desirable",
            "desireable",
            "nice to have",
            "nice to haves",
            "bonus points",
            "not essential",
            "if you dont already have",
            "good to have",
            "would be great",
            "preferred",
            "highly desired",
            "sought after",
            "excellent candidate if",
            "extra credit",
            "ideally",
            "even better if",
            "wed love it if",
            "we would love it if",
            "desired skills",
            "desired qualifications",
            "desired experience",
            "=desired",
            "=pluses",
            "=bonus",
            "titoli preferenziali",
            "preferenziale",
            "preferenziali",
            "graditi",
            "gradito",
            "diferencial",
            "diferenciais",
            "valorizado",
            "valorizados",
            "deseable",
            "deseables",
            "valorable",
            "wünschenswert",
            "von vorteil",
            "un plus",
            "serait un plus",
            "apprécié",
            "priekšrocība",
            "priekšrocības",
        ],
    ),
    (SectionKind::Expectations, &["expectations"]),
    // Conditions of employment and what to send are not experience.
    (
        SectionKind::Other,
        &[
            "citizenship",
            "employment requirements",
            "conditions of employment",
            "security clearance",
        ],
    ),
    (
        SectionKind::Applying,
        &[
            "submission requirements",
            "required documents",
            "documents required",
            "on your resume",
            "on your résumé",
            "in your resume",
            "in your résumé",
        ],
    ),
    (
        SectionKind::RequiredExperience,
        &[
            "selection criteria",
            "well evaluate you based on",
            "we will evaluate you based on",
            "will be evaluated on",
            "ideal candidate will",
            "great candidate will",
            "excellent candidate will",
            "youll fit right in if",
            "you may be a perfect fit if",
            "perfect fit if",
            "were interested in people who",
            "we are interested in people who",
            "=youll have",
            "=you will have",
            "will be assessed",
            "must have",
            "must haves",
            "need from you",
            "essential",
            "requirements",
            "required",
            "what you will need",
            "what youll need",
        ],
    ),
    (
        SectionKind::Salary,
        &[
            "salary",
            "^pay",
            "compensation",
            "remuneration",
            // Italian, Portuguese, Spanish, German, French, Latvian.
            "retribuzione",
            "stipendio",
            "compenso",
            "^ral",
            "salário",
            "remuneração",
            "salario",
            "remuneración",
            "gehalt",
            "vergütung",
            "salaire",
            "rémunération",
            "=alga",
            "atalgojums",
        ],
    ),
    (
        SectionKind::Benefits,
        &[
            "benefits",
            "perks",
            "what we will provide",
            "what we provide",
            "what we offer",
            "what you get",
            "what youll get",
            "offriamo",
            "cosa offriamo",
            "=benefit",
            "oferecemos",
            "o que oferecemos",
            "benefícios",
            "ofrecemos",
            "qué ofrecemos",
            "beneficios",
            "wir bieten",
            "was wir bieten",
            "avantages",
            "nous offrons",
            "ce que nous offrons",
            "piedāvājam",
            "mēs piedāvājam",
        ],
    ),
    (
        SectionKind::Applying,
        &[
            "applying",
            "how to apply",
            "^apply",
            "application process",
            "interview process",
            "hiring process",
            "=next steps",
            "recruitment process",
            "selection process",
            "come candidarsi",
            "come candidarti",
            "candidatura",
            "como candidatar",
            "cómo aplicar",
            "cómo postular",
            "postulación",
            "bewerbung",
            "so bewirbst du dich",
            "postuler",
            "comment postuler",
            "candidature",
            "pieteikšanās",
            "kā pieteikties",
        ],
    ),
    (
        SectionKind::KeyMeasures,
        &[
            "key measures",
            "measures",
            "outcomes",
            "definition of success",
            "^success",
            "kpis",
            "kpi",
        ],
    ),
    (
        SectionKind::Responsibilities,
        &[
            "responsibilities",
            "responsibility",
            "what you will do",
            "what youll do",
            "what you will be doing",
            "what youll be doing",
            "what you will work on",
            "what youll work on",
            "what you will be working on",
            "=your mission",
            "what youll be working on",
            "how youll spend your time",
            "how you will spend your time",
            "in this role you will",
            "youll be responsible for",
            "you will be responsible for",
            "=you will",
            "^in the first",
            "accomplish the following",
            "your impact",
            "day to day",
            "duties",
            "accountabilities",
            "=tasks",
            "your tasks",
            "key tasks",
            "main tasks",
            "responsabilità",
            "mansioni",
            "=compiti",
            "cosa farai",
            "ti occuperai",
            "responsabilidades",
            "funções",
            "o que vais fazer",
            "o que vai fazer",
            "qué harás",
            "funciones",
            "aufgaben",
            "deine aufgaben",
            "ihre aufgaben",
            "^missions",
            "vos missions",
            "tes missions",
            "responsabilités",
            "pienākumi",
            "darba pienākumi",
        ],
    ),
    (
        SectionKind::Competencies,
        &["competencies", "competency", "behaviours", "behaviors"],
    ),
    (
        SectionKind::Location,
        &[
            "location",
            "locations",
            "where you will work",
            "where youll work",
            "=sede",
            "luogo di lavoro",
            "localização",
            "local de trabalho",
            "ubicación",
            "lugar de trabajo",
            "standort",
            "arbeitsort",
            "lieu de travail",
            "localisation",
            "atrašanās vieta",
            "darba vieta",
        ],
    ),
    (
        SectionKind::Culture,
        &[
            "culture",
            "what is it like",
            "life at",
            "why join",
            "about us",
            "who we are",
            "our values",
            "chi siamo",
            "quem somos",
            "quiénes somos",
            "über uns",
            "qui sommes nous",
            "par mums",
        ],
    ),
    (
        SectionKind::About,
        &[
            "what does the job entail",
            "job entail",
            "what the job involves",
            "whats involved",
            "your role",
            "the role",
            "^summary",
            "role description",
            "about the role",
            "role profile",
            "job description",
            "^overview",
            "^introduction",
            "descrizione",
            "descrição",
            "descripción",
            "beschreibung",
            "description du poste",
            "apraksts",
        ],
    ),
    (
        SectionKind::RequiredExperience,
        &[
            "experience",
            "skills",
            "looking for",
            "look for",
            "qualifications",
            "who you are",
            "about you",
            "person specification",
            "=your profile",
            "=profile",
            "=you have",
            "what you bring",
            "what youll bring",
            "what you will bring",
            "ideal candidate",
            "right candidate",
            "requisiti",
            "qualifiche",
            "cosa cerchiamo",
            "chi cerchiamo",
            "competenze richieste",
            "=profilo",
            "il tuo profilo",
            "requisitos",
            "qualificações",
            "o que procuramos",
            "=perfil",
            "o teu perfil",
            "o seu perfil",
            "tu perfil",
            "qué buscamos",
            "anforderungen",
            "qualifikationen",
            "dein profil",
            "ihr profil",
            "was du mitbringst",
            "was sie mitbringen",
            "profil recherché",
            "votre profil",
            "ton profil",
            "compétences requises",
            "prasības",
            "kvalifikācija",
            "mēs sagaidām",
        ],
    ),
];

/// Whether a fact's label (normalised by [`normalise`], no colon) names
/// where the job is: `Location`, `Based in`, and the same in Italian,
/// Portuguese, Spanish, German, French and Latvian (`Sede`, `Standort`).
pub(crate) fn is_location_key(key: &str) -> bool {
    matches!(
        key,
        "location"
            | "locations"
            | "based"
            | "based in"
            | "office"
            | "office location"
            | "work location"
            | "job location"
            | "role location"
            | "location s"
            | "place of work"
            | "workplace"
            | "work place"
            | "sede"
            | "sede di lavoro"
            | "luogo di lavoro"
            | "localização"
            | "local de trabalho"
            | "ubicación"
            | "lugar de trabajo"
            | "standort"
            | "arbeitsort"
            | "lieu"
            | "lieu de travail"
            | "localisation"
            | "atrašanās vieta"
            | "darba vieta"
    )
}

/// Headings that are never a job title, when they come first as an H1.
pub(crate) const GENERIC_TITLES: &[&str] = &[
    "summary",
    "role description",
    "job description",
    "about the role",
    "overview",
    "introduction",
    "role",
    "the role",
    "description",
    "role profile",
];

/// Lowercase words of a heading, punctuation and apostrophes dropped.
pub(crate) fn normalise(heading: &str) -> String {
    let mut out = String::with_capacity(heading.len());
    let mut pending_space = false;
    let mut push = |c: char| {
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        } else if !matches!(c, '\'' | '’' | '‘') {
            // Apostrophes vanish ("don't" -> "dont"), so the vocabulary need not
            // spell them; anything else separates words.
            pending_space = true;
        }
    };
    for c in heading.chars() {
        // ASCII first: full Unicode lowercasing showed up in profiles.
        if c.is_ascii() {
            push(c.to_ascii_lowercase());
        } else {
            c.to_lowercase().for_each(&mut push);
        }
    }
    out
}

/// What a heading means; [`SectionKind::Other`] when the vocabulary does not know it.
pub(crate) fn classify(heading: &str) -> SectionKind {
    static INDEX: LazyLock<PhraseIndex> = LazyLock::new(|| PhraseIndex::new(VOCABULARY));
    let words = normalise(heading);
    // In a sentence-long heading, "user experience" and "customer experience"
    // are what the work improves, not the experience a candidate brings.
    let words = if words.split(' ').count() >= 4 {
        words
            .replace("user experience", "user_experience")
            .replace("customer experience", "customer_experience")
    } else {
        words
    };
    INDEX
        .first_match(&words)
        .map_or(SectionKind::Other, |i| VOCABULARY[i].0)
}

/// Whether an H1 is a generic word rather than a job title.
pub(crate) fn is_generic_title(heading: &str) -> bool {
    GENERIC_TITLES.contains(&normalise(heading).as_str())
}

/// A sentence inside a required-experience section that starts the optional list,
/// such as "Everything else is optional but highly sought after".
pub(crate) fn introduces_optional(sentence: &str) -> bool {
    static INDEX: LazyLock<PhraseIndex> =
        LazyLock::new(|| PhraseIndex::new(&[((), OPTIONAL_LEAD_INS)]));
    INDEX.first_match(&normalise(sentence)).is_some()
}

/// Phrases in a required-experience section that start the optional list.
const OPTIONAL_LEAD_INS: &[&str] = &[
    "optional",
    "nice to have",
    "desirable",
    "sought after",
    "bonus",
    "would love you to have",
    "not essential",
    "if you dont already have",
    "good to have",
    "would be great",
    "would be a plus",
    "a plus",
    "would be assets",
    "highly desired",
    "excellent candidate if",
    "extra credit",
    "ideally",
    "even better if",
    "wed love it if",
    "we would love it if",
    "not required",
];

/// Phrase groups indexed by first word, so matching a heading costs a lookup
/// per word rather than a search per phrase (that search dominated parsing).
struct PhraseIndex {
    by_first_word: HashMap<&'static str, Vec<(usize, &'static str, Anchor)>>,
}

/// Where in a heading a phrase may match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Anchor {
    /// Anywhere, as whole words.
    Anywhere,
    /// Only at the start (`^words`).
    Start,
    /// Only as the whole heading (`=words`).
    Whole,
}

/// A vocabulary phrase without its anchor mark, and the anchor.
fn anchor_of(phrase: &'static str) -> (&'static str, Anchor) {
    if let Some(rest) = phrase.strip_prefix('^') {
        (rest, Anchor::Start)
    } else if let Some(rest) = phrase.strip_prefix('=') {
        (rest, Anchor::Whole)
    } else {
        (phrase, Anchor::Anywhere)
    }
}

impl PhraseIndex {
    fn new<T>(groups: &[(T, &[&'static str])]) -> PhraseIndex {
        let mut by_first_word: HashMap<&str, Vec<(usize, &str, Anchor)>> = HashMap::new();
        for (group, (_, phrases)) in groups.iter().enumerate() {
            for phrase in *phrases {
                let (phrase, anchor) = anchor_of(phrase);
                let first = phrase.split(' ').next().unwrap_or(phrase);
                by_first_word
                    .entry(first)
                    .or_default()
                    .push((group, phrase, anchor));
            }
        }
        PhraseIndex { by_first_word }
    }

    /// The first group (in the order given) with a phrase in normalised `words`.
    fn first_match(&self, words: &str) -> Option<usize> {
        let mut best: Option<usize> = None;
        let mut rest = words;
        while !rest.is_empty() {
            let at_start = rest.len() == words.len();
            let (word, next) = rest.split_once(' ').unwrap_or((rest, ""));
            for &(group, phrase, anchor) in self.by_first_word.get(word).into_iter().flatten() {
                let placed = match anchor {
                    Anchor::Anywhere => starts_with_phrase(rest, phrase),
                    Anchor::Start => at_start && starts_with_phrase(rest, phrase),
                    Anchor::Whole => words == phrase,
                };
                if best.is_none_or(|b| group < b) && placed {
                    best = Some(group);
                }
            }
            rest = next;
        }
        best
    }
}

/// Whether normalised `words` begin with `phrase` as whole words.
fn starts_with_phrase(words: &str, phrase: &str) -> bool {
    words
        .strip_prefix(phrase)
        .is_some_and(|after| after.is_empty() || after.starts_with(' '))
}

/// A key as a heading: `key_objectives`, `key objectives` and
/// `keyObjectives` are all "Key objectives".
pub(crate) fn from_key(key: &str) -> String {
    let mut words = String::with_capacity(key.len() + 4);
    let mut previous_lower = false;
    for c in key.chars() {
        if c == '_' || c == '-' || c.is_whitespace() {
            if !words.ends_with(' ') {
                words.push(' ');
            }
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower {
            words.push(' ');
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        words.extend(c.to_lowercase());
    }
    let words = words.trim();
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use test_case::test_case;

    use super::*;

    #[test_case("key_objectives", "Key objectives")]
    #[test_case("key objectives", "Key objectives")]
    #[test_case("keyObjectives", "Key objectives")]
    #[test_case("info-intro", "Info intro")]
    #[test_case("FAQ", "Faq")]
    fn a_key_becomes_a_heading(key: &str, want: &str) {
        assert_eq!(from_key(key), want);
    }
    use SectionKind::*;

    #[test]
    fn phrases_match_whole_words_only() {
        let index =
            PhraseIndex::new(&[((), &["skills and", "nice to have"][..]), ((), &["skill"])]);
        assert_eq!(
            index.first_match("desirable skills and experience"),
            Some(0)
        );
        assert_eq!(index.first_match("it would be nice to have"), Some(0));
        assert_eq!(index.first_match("skill"), Some(1));
        assert_eq!(index.first_match("the skills"), None);
        assert_eq!(index.first_match("skillset"), None);
        assert_eq!(index.first_match("nice to haves"), None);
        assert_eq!(index.first_match(""), None);
    }

    #[test]
    fn earlier_groups_win_wherever_they_match() {
        let index = PhraseIndex::new(&[((), &["optional"][..]), ((), &["experience"])]);
        assert_eq!(index.first_match("experience that is optional"), Some(0));
    }

    #[test_case("What does the job entail?", About)]
    #[test_case("Your role at Acme", About)]
    #[test_case("Summary of role", About)]
    #[test_case("Role Description", About)]
    #[test_case("About the role", About)]
    #[test_case("Role Profile", About)]
    #[test_case("What experience are we looking for?", RequiredExperience)]
    #[test_case("What skills and experience do we look for?", RequiredExperience)]
    #[test_case(
        "In the application process the following skills will be assessed",
        RequiredExperience
    )]
    #[test_case(
        "The following skills will be assessed during the application process",
        RequiredExperience
    )]
    #[test_case("Skills people must have", RequiredExperience)]
    #[test_case("What we need from you", RequiredExperience)]
    #[test_case("Skills and experience", RequiredExperience)]
    #[test_case("Skills", RequiredExperience)]
    #[test_case("Application process", Applying)]
    #[test_case("Key accountabilities", Responsibilities)]
    #[test_case("Your tasks", Responsibilities)]
    #[test_case("Key tasks", Responsibilities)]
    #[test_case("Qualifiche chiave", RequiredExperience)]
    #[test_case("Requisiti", RequiredExperience)]
    #[test_case("Titoli preferenziali", OptionalExperience)]
    #[test_case("Descrizione e responsabilità", Responsibilities)]
    #[test_case("Cosa offriamo", Benefits)]
    #[test_case("Retribuzione", Salary)]
    #[test_case("Requisitos", RequiredExperience)]
    #[test_case("Diferenciais", OptionalExperience)]
    #[test_case("O que vais fazer", Responsibilities)]
    #[test_case("Local de trabalho", Location)]
    #[test_case("Deine Aufgaben", Responsibilities)]
    #[test_case("Dein Profil", RequiredExperience)]
    #[test_case("Was wir bieten", Benefits)]
    #[test_case("Vos missions", Responsibilities)]
    #[test_case("Profil recherché", RequiredExperience)]
    #[test_case("Prasības", RequiredExperience)]
    #[test_case("Pienākumi", Responsibilities)]
    #[test_case("Mēs piedāvājam", Benefits)]
    #[test_case("Alga", Salary)]
    #[test_case("Kā pieteikties", Applying)]
    #[test_case("Next steps", Applying)]
    #[test_case("Desired skills", OptionalExperience)]
    #[test_case("Pluses", OptionalExperience)]
    #[test_case("Bonus", OptionalExperience)]
    #[test_case("Extra credit", OptionalExperience)]
    #[test_case("Recruitment process", Applying)]
    #[test_case("Person specification", RequiredExperience)]
    #[test_case("Your profile", RequiredExperience)]
    #[test_case("You have", RequiredExperience)]
    #[test_case("What you'll bring", RequiredExperience)]
    #[test_case("The ideal candidate", RequiredExperience)]
    #[test_case("Optional experience", OptionalExperience)]
    #[test_case("Desirable skills and experience", OptionalExperience)]
    #[test_case("Desirable experience", OptionalExperience)]
    #[test_case("Desireable experience", OptionalExperience)]
    #[test_case("You'll be an excellent candidate if you have", OptionalExperience)]
    #[test_case("Nice to have", OptionalExperience)]
    #[test_case("Optional skills", OptionalExperience)]
    #[test_case("Desirable (not essential) skills", OptionalExperience)]
    #[test_case(
        "If you don't already have the following skills, we can help",
        OptionalExperience
    )]
    #[test_case("Responsibilities", Responsibilities)]
    #[test_case("Key responsibilities", Responsibilities)]
    #[test_case("Competencies", Competencies)]
    #[test_case("Competencies & Experience", Competencies)]
    #[test_case("Behaviours", Competencies)]
    #[test_case("Key measures", KeyMeasures)]
    #[test_case("Expected outcomes", KeyMeasures)]
    #[test_case("Definition of success", KeyMeasures)]
    #[test_case("KPIs:", KeyMeasures)]
    #[test_case("Expectations", Expectations)]
    #[test_case("Core Engineer Expectations", Expectations)]
    #[test_case("Senior Engineer Expectations", Expectations)]
    #[test_case("Work perks and benefits", Benefits)]
    #[test_case("What we will provide you", Benefits)]
    #[test_case("Salary", Salary)]
    #[test_case("Salary and location", Salary)]
    #[test_case("Salary, work perks and benefits", Salary)]
    #[test_case("Location", Location)]
    #[test_case("Applying", Applying)]
    #[test_case("How to apply", Applying)]
    #[test_case("What is it like to work at Acme?", Culture)]
    #[test_case("Our culture", Culture)]
    #[test_case("Selection criteria", RequiredExperience)]
    #[test_case("We'll evaluate you based on", RequiredExperience)]
    #[test_case("All candidates will be evaluated on", RequiredExperience)]
    #[test_case("The ideal candidate will", RequiredExperience)]
    #[test_case("A great candidate will have", RequiredExperience)]
    #[test_case("An excellent candidate will", RequiredExperience)]
    #[test_case("You'll fit right in if", RequiredExperience)]
    #[test_case("You may be a perfect fit if", RequiredExperience)]
    #[test_case("We're interested in people who", RequiredExperience)]
    #[test_case("You'll have", RequiredExperience)]
    #[test_case("You'll have a budget for books", Other; "you'll have only as the whole heading")]
    #[test_case("Qualifications", RequiredExperience)]
    #[test_case("A driving licence would be an asset", OptionalExperience)]
    #[test_case("Key requirements: US citizenship", Other)]
    #[test_case("Employment requirements", Other)]
    #[test_case("Submission requirements", Applying)]
    #[test_case("Required documents", Applying)]
    #[test_case("Requirements", RequiredExperience)]
    #[test_case("Improve the user experience of every service", Other)]
    #[test_case("Shape the customer experience from end to end", Other)]
    #[test_case("Key objective #2: define success for the team", Responsibilities)]
    #[test_case("Key objectives", Responsibilities)]
    #[test_case("What you'll be doing", Responsibilities)]
    #[test_case("In the first 90 days, you will…", Responsibilities)]
    #[test_case("You will", Responsibilities)]
    #[test_case("Pay and benefits", Salary)]
    #[test_case("Help teams pay down technical debt", Other)]
    #[test_case("Apply now", Applying)]
    #[test_case("Teams that apply design systems", Other)]
    #[test_case("For each job on your resume, provide", Applying; "resume instructions")]
    #[test_case("Nice-to-haves", OptionalExperience)]
    #[test_case("Required", RequiredExperience)]
    #[test_case("Salary Range", Salary)]
    #[test_case("Community of Practice (CoP)", Other)]
    #[test_case("Leading teams", Other)]
    fn classifies_headings(heading: &str, kind: SectionKind) {
        assert_eq!(classify(heading), kind);
    }

    #[test]
    fn every_vocabulary_phrase_classifies_as_its_kind_or_an_earlier_one() {
        for (position, (kind, phrases)) in VOCABULARY.iter().enumerate() {
            for phrase in *phrases {
                let (phrase, _) = anchor_of(phrase);
                let got = classify(phrase);
                let first = VOCABULARY.iter().position(|(k, _)| *k == got);
                assert!(
                    got == *kind || first.is_some_and(|f| f < position),
                    "`{phrase}` should be {kind:?}, got {got:?}"
                );
                assert_eq!(
                    normalise(phrase),
                    *phrase,
                    "phrase `{phrase}` must be normalised"
                );
            }
        }
    }

    #[test_case(
        "Everything else is optional but highly sought after. We would love you to have experience in:",
        true
    )]
    #[test_case(
        "While we will look for you to have experience in these things, if you don’t have one of these don’t let that stop you applying.",
        false
    )]
    #[test_case("Further required experience:", false)]
    fn optional_introductions(sentence: &str, expected: bool) {
        assert_eq!(introduces_optional(sentence), expected);
    }

    #[test_case("Summary", true)]
    #[test_case("Senior Designer", false)]
    fn generic_titles(heading: &str, expected: bool) {
        assert_eq!(is_generic_title(heading), expected);
    }
}
