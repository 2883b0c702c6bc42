//! Front matter facts a candidate reads besides the job itself: where they
//! may apply from (`work_from`), visa sponsorship, relocation, what happened
//! to a closed role (`outcome`), the role's language (`lang`) and its
//! translations (`translation_of`, `translations`). Each value is checked
//! here; one that cannot be read is left out with a warning (the caller's).

use super::FrontMatter;
use super::fields::Field;
use crate::role::eligibility::{ApplyFrom, Stated};
use crate::role::model::{Outcome, Slug};

/// What a value of `field` must be, for the warning when it is not.
pub(super) fn expected(field: Field) -> &'static str {
    match field {
        Field::WorkFrom => "a place or a list of places (countries, regions, time zones)",
        Field::VisaSponsorship | Field::Relocation => "yes or no",
        Field::Outcome => "one of reviewing applications, filled, not filled",
        Field::Lang => "a language tag such as en or fr-CA",
        Field::Translations => "a role's slug or a list of slugs",
        _ => "text",
    }
}

/// Reads the values of one key into `keys`; `false` when they cannot be read.
/// A key met twice (ours and a foreign one) keeps the first reading.
pub(super) fn read(keys: &mut FrontMatter, field: Field, values: &[String]) -> bool {
    let one = || match values {
        [one] => Some(one.as_str()),
        _ => None,
    };
    match field {
        Field::WorkFrom => {
            if keys.eligibility.apply_from.is_empty() {
                keys.eligibility.apply_from = values
                    .iter()
                    .flat_map(|v| v.split([',', ';']))
                    .map(|v| v.trim().trim_end_matches(" only"))
                    .filter_map(ApplyFrom::read)
                    .collect();
            }
            true
        }
        Field::VisaSponsorship | Field::Relocation => {
            let Some(answer) = one().and_then(Stated::read) else {
                return values.is_empty();
            };
            let slot = if field == Field::Relocation {
                &mut keys.eligibility.relocation
            } else {
                &mut keys.eligibility.visa_sponsorship
            };
            if *slot == Stated::NotStated {
                *slot = answer;
            }
            true
        }
        Field::Outcome => match one().map(Outcome::read) {
            Some(Some(outcome)) => {
                keys.outcome.get_or_insert(outcome);
                true
            }
            Some(None) => false,
            None => values.is_empty(),
        },
        Field::Lang => match one().and_then(language_tag) {
            Some(tag) => {
                keys.lang.get_or_insert(tag);
                true
            }
            None => values.is_empty(),
        },
        Field::Translations => {
            let slugs: Vec<String> = values
                .iter()
                .filter_map(|v| {
                    Slug::parse(v.trim())
                        .or_else(|| Slug::from_file_stem(v.trim().trim_end_matches(".md")))
                })
                .map(|s| s.as_str().to_owned())
                .collect();
            if slugs.len() != values.len() {
                return false;
            }
            for slug in slugs {
                if !keys.translations.contains(&slug) {
                    keys.translations.push(slug);
                }
            }
            true
        }
        _ => true,
    }
}

/// A BCP 47 language tag as pages write it (`fr`, `en-GB`, `en_GB` read as
/// `en-GB`): a 2 or 3 letter language, then letter or digit subtags.
pub(crate) fn language_tag(text: &str) -> Option<String> {
    let text = text.trim().replace('_', "-");
    let mut parts = text.split('-');
    let language = parts.next()?.to_ascii_lowercase();
    let language_ok =
        (2..=3).contains(&language.len()) && language.bytes().all(|b| b.is_ascii_alphabetic());
    let mut tag = language;
    for part in parts {
        if !(1..=8).contains(&part.len()) || !part.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return None;
        }
        tag.push('-');
        // Regions are written in capitals (`en-GB`), other subtags as given.
        if part.len() == 2 {
            tag.push_str(&part.to_ascii_uppercase());
        } else {
            tag.push_str(part);
        }
    }
    language_ok.then_some(tag)
}

#[cfg(test)]
mod tests {
    use test_case::test_case;

    use super::*;
    use crate::role::eligibility::Eligibility;

    /// What a front matter gives a role, and the codes of its diagnostics.
    fn read(yaml: &str) -> (Option<crate::role::Role>, Vec<&'static str>) {
        let parsed = crate::role::parse(
            std::path::Path::new("x.md"),
            &format!("---\n{yaml}\n---\n# Orchard Hand\n"),
        );
        let codes = parsed.diagnostics.iter().map(|d| d.code.as_str()).collect();
        (parsed.role, codes)
    }

    // See: issue 31, item 5.
    #[test]
    fn a_misspelt_key_of_ours_is_a_warning() {
        let (role, codes) = read("visa_sponsorshp: yes");
        assert_eq!(codes, ["front-matter-misspelling"]);
        let eligibility = role.map(|r| r.meta.eligibility);
        assert_eq!(eligibility, Some(Eligibility::default()), "not read");
    }

    #[test]
    fn a_value_that_is_not_yes_or_no_is_a_warning_and_not_stated() {
        let (role, codes) = read("visa_sponsorship: sometimes\nrelocation: true");
        assert_eq!(codes, ["front-matter-value"]);
        let e = role.map(|r| r.meta.eligibility).unwrap_or_default();
        assert_eq!(
            (e.visa_sponsorship, e.relocation),
            (Stated::NotStated, Stated::Yes)
        );
    }

    #[test]
    fn foreign_keys_map_onto_ours() {
        let (role, codes) = read(
            "applicant_locations: UK only, Ireland\nsponsorship: no\noutcome: Not Filled\nlocale: fr_CA",
        );
        assert!(codes.is_empty(), "{codes:?}");
        let Some(role) = role else {
            panic!("the role loads")
        };
        assert_eq!(
            role.meta.eligibility.apply_from_text().as_deref(),
            Some("United Kingdom, Ireland")
        );
        assert_eq!(role.meta.eligibility.visa_sponsorship, Stated::No);
        assert_eq!(role.meta.outcome, Some(Outcome::NotFilled));
        assert_eq!(role.meta.lang.as_deref(), Some("fr-CA"));
    }

    #[test]
    fn an_unreadable_outcome_or_translation_is_a_warning() {
        let (_, codes) = read("outcome: maybe\ntranslation_of: '!!'");
        assert_eq!(codes, ["front-matter-value", "front-matter-value"]);
    }

    #[test_case("fr", Some("fr"))]
    #[test_case("en_gb", Some("en-GB"))]
    #[test_case("fr-CA", Some("fr-CA"))]
    #[test_case("French", None)]
    #[test_case("e", None)]
    fn language_tags(text: &str, expected: Option<&str>) {
        assert_eq!(language_tag(text).as_deref(), expected);
    }
}
