//! Google for Jobs: an open role as a schema.org `JobPosting`, the JSON-LD its
//! page embeds in `<script type="application/ld+json">`.
//!
//! Typed structs with serde, so every property has the type Google documents
//! (developers.google.com/search/docs/appearance/structured-data/job-posting).
//! Every fact in a posting is one the role's page shows: the location (the
//! role's, or the site's `default_location`, which the page then shows too),
//! the day it was posted, the closing instant the page names. Without one a
//! posting needs (a location, a posting date, an organisation) there is none.
//! Closed roles carry none, and neither do upcoming ones: Google asks for
//! postings that take applications, and a posting it showed before the
//! opening date would send candidates to a page with no Apply button.

use jiff::civil::Date;
use serde::Serialize;

use crate::role::eligibility::{ApplyFrom, Country, country};
use crate::role::model::{Currency, EmploymentType, Period, Role, SalaryBand};
use crate::site::urls::BaseUrl;

/// A `JobPosting`, ready to serialise.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JobPosting<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    title: &'a str,
    /// The role's page as HTML, which Google shows as the description.
    description: String,
    /// `YYYY-MM-DD`.
    date_posted: String,
    /// The end of the closing day in the site's time zone, with its offset
    /// (the instant the page names); only the day when the site names no zone.
    #[serde(skip_serializing_if = "Option::is_none")]
    valid_through: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    employment_type: Option<OneOrMany<&'static str>>,
    hiring_organization: Organization<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    job_location: Option<Place>,
    #[serde(skip_serializing_if = "Option::is_none")]
    job_location_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    applicant_location_requirements: Option<OneOrMany<Area>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    base_salary: Option<OneOrMany<MonetaryAmount>>,
    identifier: PropertyValue<'a>,
    direct_apply: bool,
    url: String,
}

/// One value, or an array when there are several.
#[derive(Debug, Serialize)]
#[serde(untagged)]
enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

impl<T> OneOrMany<T> {
    fn from_vec(mut items: Vec<T>) -> Option<OneOrMany<T>> {
        match items.len() {
            0 => None,
            1 => items.pop().map(OneOrMany::One),
            _ => Some(OneOrMany::Many(items)),
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    same_as: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    logo: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct Place {
    #[serde(rename = "@type")]
    kind: &'static str,
    address: PostalAddress,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct PostalAddress {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    address_locality: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    address_country: Option<&'static str>,
}

/// A `Country` or a `State` candidates must apply from.
#[derive(Debug, Serialize)]
struct Area {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'static str,
}

impl Area {
    fn country(country: Country) -> Area {
        Area {
            kind: "Country",
            name: country.name,
        }
    }
}

#[derive(Debug, Serialize)]
struct MonetaryAmount {
    #[serde(rename = "@type")]
    kind: &'static str,
    currency: Currency,
    value: QuantitativeValue,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct QuantitativeValue {
    #[serde(rename = "@type")]
    kind: &'static str,
    min_value: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_value: Option<u64>,
    unit_text: &'static str,
}

#[derive(Debug, Serialize)]
struct PropertyValue<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    value: &'a str,
}

/// What a posting needs from the site besides the role.
#[derive(Debug, Clone, Copy)]
pub struct Hiring<'a> {
    /// The organisation's name.
    pub organisation: &'a str,
    /// The public base URL (the organisation's `sameAs`, and the posting's `url`).
    pub base_url: &'a BaseUrl,
    /// Absolute logo URL, if any.
    pub logo: Option<&'a str>,
    /// The site's time zone, when it names one: closing days end there.
    pub time_zone: Option<&'a jiff::tz::TimeZone>,
}

impl<'a> JobPosting<'a> {
    /// The posting for an open role posted on `posted`, with its page's HTML
    /// as the description; `None` when the role does not say where it is based.
    pub fn new(
        role: &'a Role,
        description: String,
        url: String,
        hiring: Hiring<'a>,
        posted: Date,
    ) -> Option<JobPosting<'a>> {
        let text = role.location.as_deref().filter(|l| !l.trim().is_empty())?;
        // "Mostly remote" names no country, and none is guessed.
        let place = read_location(text);
        let on_site = place.locality.is_some() || (!place.remote && place.country.is_some());
        if !on_site && !place.remote {
            return None;
        }
        let salaries = role.salary.iter().map(monetary_amount).collect();
        // Google's TELECOMMUTE is for work done entirely away from an
        // office: "Leeds or remote (UK)" keeps Leeds as its place and is not.
        let places = crate::role::place::places(text);
        let fully_remote = !places.is_empty()
            && places
                .iter()
                .all(|p| matches!(p, crate::role::place::Place::Remote(_)));
        Some(JobPosting {
            context: "https://schema.org",
            kind: "JobPosting",
            title: &role.title,
            description,
            date_posted: posted.to_string(),
            valid_through: role.meta.closes.map(|d| valid_through(d, hiring.time_zone)),
            employment_type: role
                .meta
                .employment_type
                .as_deref()
                .and_then(|t| OneOrMany::from_vec(employment_types(t))),
            hiring_organization: Organization {
                kind: "Organization",
                name: hiring.organisation,
                same_as: hiring.base_url.as_str(),
                logo: hiring.logo,
            },
            job_location: on_site.then(|| Place {
                kind: "Place",
                address: PostalAddress {
                    kind: "PostalAddress",
                    address_locality: place.locality.clone(),
                    address_country: place.country.map(|c| c.code),
                },
            }),
            job_location_type: fully_remote.then_some("TELECOMMUTE"),
            applicant_location_requirements: applicant_areas(role, &place, fully_remote),
            base_salary: OneOrMany::from_vec(salaries),
            identifier: PropertyValue {
                kind: "PropertyValue",
                name: hiring.organisation,
                value: role.slug.as_str(),
            },
            direct_apply: false,
            url,
        })
    }

    /// The JSON for inside `<script type="application/ld+json">`: `</` becomes
    /// `<\/` and `<!--` becomes `\u003c!--`, so no text in a role can end the
    /// element or open a comment inside it. `<` only occurs inside JSON
    /// strings, where both spellings mean the same.
    pub fn to_script(&self) -> Result<String, serde_json::Error> {
        let json = serde_json::to_string(self)?;
        Ok(json.replace("<!--", "\\u003c!--").replace("</", "<\\/"))
    }
}

/// Where candidates must apply from: the countries and regions the role
/// states (its "Can apply from" fact), else for a fully remote role the
/// country its location names ("Remote (UK)"). Time zones and places careers
/// cannot type have no schema.org shape, so they are left out.
fn applicant_areas(role: &Role, place: &Location, fully_remote: bool) -> Option<OneOrMany<Area>> {
    let stated: Vec<Area> = role
        .meta
        .eligibility
        .apply_from
        .iter()
        .filter_map(|p| match p {
            ApplyFrom::Country(c) => Some(Area::country(*c)),
            ApplyFrom::Region { name, .. } => Some(Area {
                kind: "State",
                name,
            }),
            ApplyFrom::TimeZone(_) | ApplyFrom::Other(_) => None,
        })
        .collect();
    if !stated.is_empty() {
        return OneOrMany::from_vec(stated);
    }
    place
        .country
        .filter(|_| fully_remote)
        .map(|c| OneOrMany::One(Area::country(c)))
}

/// The end of a closing day: 11:59:59pm in the site's time zone with its
/// offset (`2027-01-31T23:59:59+00:00`), the instant the page names; just the
/// day when the site names no zone, as the page gives just the day.
fn valid_through(closes: Date, zone: Option<&jiff::tz::TimeZone>) -> String {
    let end = zone.and_then(|zone| closes.at(23, 59, 59, 0).to_zoned(zone.clone()).ok());
    match end {
        Some(end) => jiff::fmt::strtime::format("%Y-%m-%dT%H:%M:%S%:z", &end)
            .unwrap_or_else(|_| closes.to_string()),
        None => closes.to_string(),
    }
}

fn monetary_amount(band: &SalaryBand) -> MonetaryAmount {
    MonetaryAmount {
        kind: "MonetaryAmount",
        currency: band.currency(),
        value: QuantitativeValue {
            kind: "QuantitativeValue",
            min_value: band.min(),
            max_value: band.max(),
            unit_text: match band.period() {
                Period::Year => "YEAR",
                Period::Month => "MONTH",
                Period::Day => "DAY",
                Period::Hour => "HOUR",
            },
        },
    }
}

/// Google's employment types named in the text, in Google's order, once
/// each, from the typed reading ([`EmploymentType::read`]): "Full-time or
/// part-time" gives both; "Permanent" says nothing of hours, so nothing.
fn employment_types(text: &str) -> Vec<&'static str> {
    let mut kinds: Vec<&'static str> = EmploymentType::read(text)
        .into_iter()
        .filter_map(EmploymentType::schema_org)
        .collect();
    kinds.dedup();
    kinds
}

/// What a location line says: its first place, a country, whether remote work is offered.
#[derive(Debug, Default, PartialEq, Eq)]
struct Location {
    locality: Option<String>,
    country: Option<Country>,
    remote: bool,
}

/// Reads a location line as people write it: "Leeds or remote (UK)",
/// "Bristol, Leeds & London, UK", "Remote (UK)", "London (hybrid)".
fn read_location(text: &str) -> Location {
    let mut location = Location::default();
    let separators = [',', '(', ')', ';', '/', '|', '&', '+', ':', '·', '–', '—'];
    let pieces = text
        .split(separators)
        .flat_map(|piece| split_phrases(piece, &[" or ", " and ", " - "]));
    for piece in pieces {
        let piece = piece.trim_matches(|c: char| c.is_whitespace() || ".'\"-".contains(c));
        if piece.is_empty() {
            continue;
        }
        let lower = piece.to_lowercase();
        let mut words: Vec<&str> = lower.split_whitespace().collect();
        let before = words.len();
        words.retain(|w| !REMOTE_WORDS.contains(w));
        if words.len() < before {
            location.remote = true;
        }
        let rest = words.join(" ");
        if let Some(country) = country(&rest) {
            location.country.get_or_insert(country);
        } else if words.len() < before || rest.is_empty() || NOT_PLACES.contains(&rest.as_str()) {
            // "fully remote", "hybrid": a way of working, not a place.
        } else if location.locality.is_none() && piece.chars().any(char::is_alphabetic) {
            location.locality = Some(piece.to_owned());
        }
    }
    location
}

/// Splits on any of `phrases`, matched without regard to ASCII case.
fn split_phrases<'t>(text: &'t str, phrases: &[&str]) -> Vec<&'t str> {
    let lower = text.to_ascii_lowercase();
    let mut cuts: Vec<(usize, usize)> = phrases
        .iter()
        .flat_map(|p| lower.match_indices(p).map(|(at, m)| (at, at + m.len())))
        .collect();
    cuts.sort_unstable();
    let mut pieces = Vec::new();
    let mut start = 0;
    for (at, end) in cuts {
        if at >= start {
            pieces.push(&text[start..at]);
            start = end;
        }
    }
    pieces.push(&text[start..]);
    pieces
}

/// Words that mark remote work.
const REMOTE_WORDS: &[&str] = &["remote", "remotely", "fully", "remote-first", "wfh"];

/// Words that describe a way of working rather than a place.
const NOT_PLACES: &[&str] = &[
    "hybrid",
    "flexible",
    "office",
    "office based",
    "on site",
    "onsite",
    "on-site",
    "anywhere",
    "various",
    "multiple locations",
    "home",
    "home based",
    "home-based",
    "work from home",
    "tbc",
    "mostly",
    "or",
];

#[cfg(test)]
mod tests {
    use test_case::test_case;

    use super::*;

    #[test_case("Leeds or remote (UK)", Some("Leeds"), Some("GB"), true)]
    #[test_case("Bristol, Leeds & London, UK", Some("Bristol"), Some("GB"), false)]
    #[test_case("Remote (UK)", None, Some("GB"), true)]
    #[test_case("Remote UK", None, Some("GB"), true)]
    #[test_case("Kew, London", Some("Kew"), None, false)]
    #[test_case("London (hybrid)", Some("London"), None, false)]
    #[test_case("Hybrid: Manchester", Some("Manchester"), None, false)]
    #[test_case("mostly remote", None, None, true)]
    #[test_case("Leeds, York or Hull", Some("Leeds"), None, false)]
    #[test_case("Dublin, Ireland", Some("Dublin"), Some("IE"), false)]
    #[test_case("Fully remote - USA", None, Some("US"), true)]
    #[test_case("Stoke-on-Trent OR Remote", Some("Stoke-on-Trent"), None, true)]
    #[test_case("", None, None, false)]
    #[test_case("(),;", None, None, false)]
    fn reads_locations(text: &str, locality: Option<&str>, country: Option<&str>, remote: bool) {
        let read = read_location(text);
        assert_eq!(read.locality.as_deref(), locality, "{text}");
        assert_eq!(read.country.map(|c| c.code), country, "{text}");
        assert_eq!(read.remote, remote, "{text}");
    }

    proptest::proptest! {
        /// Location lines and employment types come straight from role files.
        #[test]
        fn reading_any_text_never_panics(text in "\\PC{0,40}( [oO][rR] | - |[(),&/])?\\PC{0,20}") {
            let _ = read_location(&text);
            let _ = employment_types(&text);
        }
    }

    #[test_case("Full-time", &["FULL_TIME"])]
    #[test_case("Permanent, full time", &["FULL_TIME"])]
    #[test_case("Full-time or part-time", &["FULL_TIME", "PART_TIME"])]
    #[test_case("Contract (6 months)", &["CONTRACTOR"])]
    #[test_case("Fixed-term", &["TEMPORARY"])]
    #[test_case("Summer internship", &["INTERN"])]
    #[test_case("Temperate", &[])]
    #[test_case("Whenever you like", &[])]
    fn maps_employment_types(text: &str, expected: &[&str]) {
        assert_eq!(employment_types(text), expected);
    }

    fn role(name: &str, text: &str) -> Role {
        crate::role::load::roles_from_texts(&[(name, text)])
            .pop()
            .unwrap_or_else(|| panic!("{name} did not parse"))
    }

    fn hiring<'a>(base_url: &'a BaseUrl, time_zone: Option<&'a jiff::tz::TimeZone>) -> Hiring<'a> {
        Hiring {
            organisation: "Hollow Lane",
            base_url,
            logo: None,
            time_zone,
        }
    }

    fn posting_json(role: &Role, zone: Option<&jiff::tz::TimeZone>) -> Option<serde_json::Value> {
        let base = BaseUrl::new("https://jobs.example");
        let posting = JobPosting::new(
            role,
            String::new(),
            String::new(),
            hiring(&base, zone),
            jiff::civil::date(2026, 11, 2),
        )?;
        let script = posting.to_script().ok()?;
        serde_json::from_str(&script).ok()
    }

    #[test]
    fn script_text_cannot_end_the_element_or_open_a_comment() {
        let title = "Pond Keeper </script><script>alert(1)</script> <!-- x </SCRIPT";
        let r = role(
            "pond.md",
            &format!("---\ntitle: \"{title}\"\nlocation: York\n---\n# Pond\n"),
        );
        let base = BaseUrl::new("https://jobs.example");
        let script = JobPosting::new(
            &r,
            "<p>a</p><!-- b -->".into(),
            String::new(),
            hiring(&base, None),
            jiff::civil::date(2026, 11, 2),
        )
        .map(|p| p.to_script());
        let Some(Ok(script)) = script else {
            panic!("a posting")
        };
        assert!(!script.to_lowercase().contains("</script"), "{script}");
        assert!(!script.contains("<!--"), "{script}");
        let back: serde_json::Value = serde_json::from_str(&script).unwrap_or_default();
        assert_eq!(back["title"], title);
        assert_eq!(back["description"], "<p>a</p><!-- b -->");
    }

    #[test]
    fn without_a_location_there_is_no_posting_and_no_country_is_guessed() {
        let r = role(
            "gardener.md",
            "# Gardener\n\nDig the beds and keep the paths clear all through the year.\n",
        );
        assert!(posting_json(&r, None).is_none(), "no location at all");
        let r = role(
            "planner.md",
            "---\nlocation: mostly remote\n---\n# Planner\n",
        );
        let json = posting_json(&r, None).unwrap_or_default();
        assert_eq!(json["jobLocationType"], "TELECOMMUTE");
        assert!(json.get("jobLocation").is_none(), "no place to go to");
        assert!(
            json.get("applicantLocationRequirements").is_none(),
            "the role names no country"
        );
        assert_eq!(json["datePosted"], "2026-11-02");
    }

    // See: the page says "at 11:59pm (America/New_York time)"; so does the posting.
    #[test]
    fn valid_through_is_the_instant_the_page_names() {
        let r = role(
            "keeper.md",
            "---\nlocation: Albany, USA\ncloses: 2027-01-31\n---\n# Keeper\n",
        );
        let Ok(zone) = jiff::tz::TimeZone::get("America/New_York") else {
            panic!("the bundled database has New York")
        };
        let json = posting_json(&r, Some(&zone)).unwrap_or_default();
        assert_eq!(json["validThrough"], "2027-01-31T23:59:59-05:00");
        let json = posting_json(&r, None).unwrap_or_default();
        assert_eq!(
            json["validThrough"], "2027-01-31",
            "no zone named, no time claimed"
        );
    }
}
