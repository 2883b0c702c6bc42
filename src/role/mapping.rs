//! What a site's `site.yaml` tells the reader about its own words: foreign
//! front matter keys that mean one of ours (`front_matter: {tagline:
//! salary}`) or whose prose is a kind of section (`front_matter:
//! {key_objectives: duties}`), and headings that mean a kind of section (`headings: {"A
//! plus": optional}`). One map each; the reader consults them before its own
//! vocabulary, so a site's words win.

use crate::role::headings;
use crate::role::model::{Currency, DateOrder, Period, SectionKind};

/// What the site tells the reader of role files about what a file leaves
/// unsaid (from `site.yaml`): one reading per site, the same for every file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// The site's own words: foreign front matter keys and headings.
    pub mapping: std::sync::Arc<Mapping>,
    /// The site's currency: pay in front matter written as plain numbers is
    /// in it, and on a Canadian site a bare `$` is Canadian dollars.
    /// `None`: not told, so plain numbers name no currency and `$` is US.
    pub currency: Option<Currency>,
    /// Which comes first in a date written in figures (`4/08/17`).
    pub date_order: DateOrder,
    /// Whether the site said the order (`date_order` in `site.yaml`); when
    /// it did not, a date both orders can read is a warning.
    pub date_order_set: bool,
    /// The period of amounts on this site when a line names none
    /// (`pay_period: month`); `None`: a year, and an amount too small for
    /// one is not read.
    pub pay_period: Option<Period>,
    /// Leave out the second look for facts the reading did not take: its
    /// warnings are for authors (`check`, `build`, `preview`), and `serve`
    /// only logs them, at an eighth of the time of reading a folder.
    pub skip_second_look: bool,
}

impl ReadOptions {
    /// What a bare `$` means when the line does not say.
    pub fn dollar(&self) -> Currency {
        match self.currency {
            Some(Currency::Cad) => Currency::Cad,
            _ => Currency::Usd,
        }
    }
}

/// A site's own words, checked when `site.yaml` is read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mapping {
    /// Foreign front matter key -> one of ours, as written in `site.yaml`.
    front_matter: Vec<(String, String)>,
    /// Normalised heading words -> the kind of section they mean.
    headings: Vec<(String, SectionKind)>,
    /// Front matter key -> the kind of section its prose is.
    sections: Vec<(String, SectionKind)>,
}

/// The section kinds a `headings:` entry may name, by the name it uses.
const KIND_NAMES: &[(&str, SectionKind)] = &[
    ("required", SectionKind::RequiredExperience),
    ("optional", SectionKind::OptionalExperience),
    ("responsibilities", SectionKind::Responsibilities),
    ("duties", SectionKind::Responsibilities),
    ("expectations", SectionKind::Expectations),
    ("benefits", SectionKind::Benefits),
    ("salary", SectionKind::Salary),
    ("location", SectionKind::Location),
    ("applying", SectionKind::Applying),
    ("about", SectionKind::About),
    ("culture", SectionKind::Culture),
    ("competencies", SectionKind::Competencies),
    ("measures", SectionKind::KeyMeasures),
    ("other", SectionKind::Other),
];

impl Mapping {
    /// Checks and keeps a site's maps against `ours`, the front matter keys
    /// the reader knows; `Err` names the first entry careers cannot use and
    /// what it can. [`crate::role::site_mapping`] passes the reader's keys.
    pub fn new<'a>(
        ours: &[&str],
        front_matter: impl IntoIterator<Item = (&'a str, &'a str)>,
        headings: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Mapping, String> {
        let mut mapping = Mapping::default();
        for (foreign, our) in front_matter {
            if ours.contains(&our) {
                mapping
                    .front_matter
                    .push((foreign.to_owned(), our.to_owned()));
            } else if let Some(kind) = kind_named(our) {
                // Its section is classified as the site says, and so is a
                // body heading of the same words.
                let heading = headings::from_key(foreign);
                mapping.sections.push((foreign.to_owned(), kind));
                mapping.headings.push((headings::normalise(&heading), kind));
            } else {
                return Err(format!(
                    "front_matter: `{foreign}` maps to `{our}`, which is not a key careers reads ({}) nor a kind of section ({})",
                    ours.join(", "),
                    kind_names().join(", ")
                ));
            }
        }
        for (heading, kind) in headings {
            let Some(kind) = kind_named(kind) else {
                return Err(format!(
                    "headings: `{heading}` maps to `{kind}`, which is not a kind of section; use one of {}",
                    kind_names().join(", ")
                ));
            };
            mapping.headings.push((headings::normalise(heading), kind));
        }
        Ok(mapping)
    }

    /// The key of ours a foreign front matter key means on this site.
    pub(crate) fn our_key(&self, foreign: &str) -> Option<&str> {
        self.front_matter
            .iter()
            .find(|(f, _)| f == foreign)
            .map(|(_, ours)| ours.as_str())
    }

    /// The kind of section a front matter key's prose is on this site, when
    /// `front_matter:` maps it to one.
    pub(crate) fn section(&self, key: &str) -> Option<SectionKind> {
        self.sections
            .iter()
            .find(|(k, _)| k == key)
            .map(|&(_, kind)| kind)
    }

    /// The kind of section a heading means on this site, when it says.
    pub(crate) fn heading(&self, heading: &str) -> Option<SectionKind> {
        if self.headings.is_empty() {
            return None;
        }
        let words = headings::normalise(heading);
        self.headings
            .iter()
            .find(|(h, _)| *h == words)
            .map(|&(_, kind)| kind)
    }

    /// Whether the site maps any heading (the reader skips its pass if not).
    pub(crate) fn has_headings(&self) -> bool {
        !self.headings.is_empty()
    }
}

/// The kind of section a `site.yaml` name means.
fn kind_named(name: &str) -> Option<SectionKind> {
    KIND_NAMES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|&(_, kind)| kind)
}

/// Every name a `site.yaml` entry may give a kind of section.
fn kind_names() -> Vec<&'static str> {
    KIND_NAMES.iter().map(|(n, _)| *n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const OURS: &[&str] = &["title", "salary", "closes"];

    #[test]
    fn a_site_maps_its_keys_and_headings() {
        let m = Mapping::new(OURS, [("tagline", "salary")], [("A plus!", "optional")])
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(m.our_key("tagline"), Some("salary"));
        assert_eq!(m.heading("a plus"), Some(SectionKind::OptionalExperience));
        assert_eq!(m.heading("Perks"), None);
    }

    #[test]
    fn a_front_matter_key_maps_to_a_kind_of_section_and_its_heading_too() {
        let m = Mapping::new(OURS, [("info_intro", "about"), ("key_goals", "duties")], [])
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(m.section("key_goals"), Some(SectionKind::Responsibilities));
        assert_eq!(m.our_key("key_goals"), None);
        assert_eq!(m.heading("Key goals"), Some(SectionKind::Responsibilities));
        assert_eq!(m.section("info_intro"), Some(SectionKind::About));
    }

    #[test]
    fn an_entry_careers_cannot_use_is_refused_by_name() {
        let e = Mapping::new(OURS, [("tagline", "salry")], []).err();
        assert!(e.is_some_and(|e| e.contains("`tagline` maps to `salry`")));
        let e = Mapping::new(OURS, [("tagline", "maybe")], []).err();
        assert!(e.is_some_and(|e| e.contains("nor a kind of section")));
        let e = Mapping::new(OURS, [], [("Extras", "maybe")]).err();
        assert!(e.is_some_and(|e| e.contains("`Extras` maps to `maybe`")));
    }
}
