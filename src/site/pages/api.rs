//! The JSON API's shapes (`docs/architecture.md`, "JSON"). Views borrow from the roles;
//! every field name here is a stable contract.

use std::borrow::Cow;

use serde::Serialize;

use jiff::civil::Date;

use crate::role::eligibility::{ApplyFrom, Eligibility, Stated};
use crate::role::model::{Currency, Outcome, Period, Role, SalaryBand, Status};
use crate::role::pay::PayStateName;
use crate::site::{pages::views, urls};

/// One role: `GET /roles/{slug}.json`, and each entry of `GET /roles.json`
/// (`{"roles": [ROLE, ...]}`, open roles only, joined in `Site::build`).
#[derive(Debug, Serialize)]
pub struct RoleJson<'a> {
    /// URL identifier.
    pub slug: &'a str,
    /// Job title.
    pub title: &'a str,
    /// `/roles/{slug}`.
    pub url: String,
    /// Plain-text summary.
    pub summary: &'a str,
    /// Location or null.
    pub location: Option<&'a str>,
    /// Team or null.
    pub team: Option<&'a str>,
    /// Level or null.
    pub level: Option<&'a str>,
    /// Discipline or null.
    pub discipline: Option<&'a str>,
    /// `open`, `upcoming` or `closed`.
    pub status: &'static str,
    /// Duties, plain text ("What you'll do", "Key objectives"); empty when none.
    pub responsibilities: &'a [String],
    /// Salary bands.
    pub salary: Vec<BandJson<'a>>,
    /// `published`, `under_review` or `not_stated`: whether `salary` is
    /// empty because pay is not settled yet or because the role says nothing.
    pub pay_state: PayStateName,
    /// Required experience, plain text.
    pub required_experience: &'a [String],
    /// Optional experience, plain text.
    pub optional_experience: &'a [String],
    /// Expectations.
    pub expectations: Vec<ExpectationJson<'a>>,
    /// Benefits, plain text.
    pub benefits: &'a [String],
    /// Employment type or null: the kinds careers read, in words
    /// ("Full-time, Permanent"), else the text as written.
    pub employment_type: Option<Cow<'a, str>>,
    /// A grade on a pay scale ("HEO", "GS-15") or null; never pay.
    pub grade: Option<&'a str>,
    /// The day the role was posted (YYYY-MM-DD), as its page says: front
    /// matter `posted`, else its file's first commit; null when not known
    /// and for a role not open yet.
    pub posted: Option<String>,
    /// The day an upcoming role opens (YYYY-MM-DD), or null.
    pub opens: Option<String>,
    /// The day the role's file last changed (its last commit), or null.
    pub updated: Option<String>,
    /// Closing date (YYYY-MM-DD) or null.
    pub closes: Option<String>,
    /// Where to apply, or null when neither the role nor the site says.
    pub apply_url: Option<&'a str>,
    /// The role file's name.
    pub source_file: &'a str,
    /// Who can apply from where, visa sponsorship and relocation.
    pub eligibility: EligibilityJson,
    /// What happened to a closed role: `reviewing_applications`, `filled`,
    /// `not_filled`, or null (and always null for a role that is not closed).
    pub outcome: Option<Outcome>,
    /// The language the role is written in (a BCP 47 tag), or null when it
    /// is the site's.
    pub lang: Option<&'a str>,
    /// Slugs of the roles that are translations of this one.
    pub translations: Vec<&'a str>,
}

/// Who can apply from where.
#[derive(Debug, Serialize)]
pub struct EligibilityJson {
    /// Places candidates may apply from; empty when not stated.
    pub apply_from: Vec<ApplyFromJson>,
    /// `yes`, `no` or `not_stated`.
    pub visa_sponsorship: Stated,
    /// `yes`, `no` or `not_stated`.
    pub relocation: Stated,
}

/// One place candidates may apply from.
#[derive(Debug, Serialize)]
pub struct ApplyFromJson {
    /// `country`, `region`, `time_zone` or `other` (as written).
    pub kind: &'static str,
    /// The name a candidate reads ("United Kingdom", "Ontario", "UTC-5 to UTC+1").
    pub name: String,
    /// The ISO 3166-1 code of the country (of a region, the country that
    /// holds it), or null.
    pub country: Option<&'static str>,
}

impl EligibilityJson {
    fn new(eligibility: &Eligibility) -> EligibilityJson {
        let place = |p: &ApplyFrom| match p {
            ApplyFrom::Country(c) => ApplyFromJson {
                kind: "country",
                name: c.name.to_owned(),
                country: Some(c.code),
            },
            ApplyFrom::Region { name, country } => ApplyFromJson {
                kind: "region",
                name: (*name).to_owned(),
                country: Some(country.code),
            },
            ApplyFrom::TimeZone(t) => ApplyFromJson {
                kind: "time_zone",
                name: t.clone(),
                country: None,
            },
            ApplyFrom::Other(t) => ApplyFromJson {
                kind: "other",
                name: t.clone(),
                country: None,
            },
        };
        EligibilityJson {
            apply_from: eligibility.apply_from.iter().map(place).collect(),
            visa_sponsorship: eligibility.visa_sponsorship,
            relocation: eligibility.relocation,
        }
    }
}

/// One salary band.
#[derive(Debug, Serialize)]
pub struct BandJson<'a> {
    /// Location or null.
    pub location: Option<&'a str>,
    /// Minimum, whole units.
    pub min: u64,
    /// Maximum, or null when open-ended.
    pub max: Option<u64>,
    /// ISO currency code.
    pub currency: Currency,
    /// year, month, day or hour.
    pub period: Period,
    /// Qualifying words or null.
    pub note: Option<&'a str>,
}

/// One expectation.
#[derive(Debug, Serialize)]
pub struct ExpectationJson<'a> {
    /// The expectation.
    pub title: &'a str,
    /// Plain-text description, may be empty.
    pub description: &'a str,
    /// Group heading or null.
    pub group: Option<&'a str>,
}

impl<'a> RoleJson<'a> {
    /// The JSON view of a role; `status` is its effective status `today`.
    pub fn new(
        role: &'a Role,
        status: Status,
        apply_url: Option<&'a str>,
        today: Date,
    ) -> RoleJson<'a> {
        RoleJson {
            slug: role.slug.as_str(),
            title: &role.title,
            url: urls::role(&role.slug),
            summary: &role.summary_text,
            location: role.location.as_deref(),
            team: role.meta.team.as_deref(),
            level: role.level_name(),
            discipline: role.discipline.as_deref(),
            status: status.as_str(),
            responsibilities: &role.responsibilities,
            salary: role.salary.iter().map(BandJson::new).collect(),
            pay_state: role.pay_state().name(),
            required_experience: &role.experience.required,
            optional_experience: &role.experience.optional,
            expectations: role
                .expectations
                .iter()
                .map(|e| ExpectationJson {
                    title: &e.title,
                    description: &e.description_text,
                    group: e.group.as_deref(),
                })
                .collect(),
            benefits: &role.benefits,
            employment_type: employment_words(role),
            grade: role.meta.grade.as_deref(),
            posted: views::posted(role, today).map(|d| d.to_string()),
            opens: role.opens(today).map(|d| d.to_string()),
            updated: views::updated(role).map(|d| d.to_string()),
            closes: role.meta.closes.map(|d| d.to_string()),
            apply_url,
            source_file: &role.source_file,
            eligibility: EligibilityJson::new(&role.meta.eligibility),
            outcome: role.meta.outcome.filter(|_| status == Status::Closed),
            lang: role.meta.lang.as_deref(),
            translations: role.meta.translations.iter().map(|s| s.as_str()).collect(),
        }
    }
}

impl<'a> BandJson<'a> {
    fn new(band: &'a SalaryBand) -> BandJson<'a> {
        BandJson {
            location: band.location(),
            min: band.min(),
            max: band.max(),
            currency: band.currency(),
            period: band.period(),
            note: band.note(),
        }
    }
}

/// A role's employment type for the JSON: the typed kinds in words, else
/// the text as written, else none.
fn employment_words(role: &Role) -> Option<Cow<'_, str>> {
    if role.meta.employment.is_empty() {
        return role.meta.employment_type.as_deref().map(Cow::Borrowed);
    }
    let words: Vec<&str> = role.meta.employment.iter().map(|k| k.label()).collect();
    Some(Cow::Owned(words.join(", ")))
}
