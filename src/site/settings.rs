//! Site settings: organisation name, base URL, logo, default apply address,
//! contact, and where roles are based when their files do not say.
//!
//! They live in `site.yaml` beside the role files (not a `.md`, so never a role)
//! and every key can be overridden by an environment variable, e.g.
//! `CAREERS_BASE_URL`. Every key is optional, so an empty folder still works,
//! but nothing a candidate reads is invented: without `organisation` the
//! pages say "Careers" and name no one, without `apply_url` there is no
//! Apply button, without `contact_email` no address, without `time_zone`
//! no time of day is claimed (closing days are then judged in UTC). `check`
//! and `build` warn about each of these that candidates would see.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Deserialize;

use crate::role::compliance::ComplianceOptions;
use crate::role::compliance::rules::{self, Jurisdiction};

use crate::role::{Currency, DateOrder, Mapping, Period, ReadOptions, Role, Severity};

/// Settings for the whole site.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// The organisation's name, shown in the header and page titles; empty
    /// when not set (pages then name no organisation).
    pub organisation: String,
    /// Public URL of the site, without a trailing slash (for absolute links).
    pub base_url: String,
    /// Path or URL of a logo image; none shows the name only. It is also the
    /// image link previews show (`og:image`).
    pub logo: Option<String>,
    /// The logo's width in pixels, for link previews that ask for it.
    pub logo_width: Option<u32>,
    /// The logo's height in pixels.
    pub logo_height: Option<u32>,
    /// Where to apply when a role has no `apply_url`; empty when not set
    /// (such a role then shows no Apply button).
    pub apply_url: String,
    /// Contact address for questions; empty when not set.
    pub contact_email: String,
    /// The IANA time zone closing dates are judged in: `closes: 2027-01-31`
    /// means open until the end of that day there, and pages say so. Not
    /// set: judged in UTC, and pages give the day only.
    pub time_zone: Option<String>,
    /// Where a role is based when its file names no location ("Leeds, UK"):
    /// its page, card, JSON, filters and structured data then say this.
    pub default_location: Option<String>,
    /// Where the text of role files comes from, by file name: a short credit
    /// line on that role's page ("Text from Example Ltd's handbook, kept as
    /// published").
    pub credits: std::collections::BTreeMap<String, String>,
    /// The site's currency (`GBP`, `EUR`, `USD`, `CAD`): pay written as plain
    /// numbers in front matter is in it, a Canadian site's bare `$` is
    /// Canadian dollars, and the salary filter speaks it. Without it, plain
    /// numbers name no currency and the filter speaks the bands' own.
    #[serde(deserialize_with = "currency_code")]
    pub currency: Option<Currency>,
    /// Where candidates sign up to hear of new roles by email (a mailing
    /// list's sign-up page or a feed-to-email service). The listing links it
    /// as "Get new roles by email", carrying the feed of the current filter:
    /// `{feed}` in it is replaced by that feed's address, percent-encoded,
    /// else the address is added as a `feed` query parameter.
    pub alerts_url: Option<String>,
    /// Which comes first in dates written in figures (`4/08/17`):
    /// `day-first` (the default) or `month-first` (US sites). Unset, a date
    /// both orders can read is read day first, with a warning.
    pub date_order: Option<DateOrder>,
    /// The period of pay amounts on this site when a line names none
    /// (`month`, where salaries are stated monthly, as in much of Europe):
    /// `hour`, `day`, `month` or `year`. Unset, such a line is a year's pay,
    /// and an amount too small for a year is a warning, not a band.
    pub pay_period: Option<Period>,
    /// The address of the roles folder on the organisation's own site (its
    /// handbook), `https` only: a relative link that leaves the roles
    /// folder (`../values.md`, `/company/handbook`) is read against it
    /// instead of being dropped. A trailing `/` is added when missing.
    pub source_url: Option<String>,
    /// Front matter keys of this site's own that mean one of ours
    /// (`tagline: salary`, `close_date: closes`), or whose prose is a kind
    /// of section (`key_objectives: duties`, `info_intro: about`).
    pub front_matter: BTreeMap<String, String>,
    /// Headings of this site's own and the kind of section each is
    /// (`"A plus": optional`).
    pub headings: BTreeMap<String, String>,
    /// `front_matter` and `headings`, checked, as the reader takes them.
    #[serde(skip)]
    pub mapping: Arc<Mapping>,
    /// Where roles are advertised when their location does not say (no
    /// location, remote from anywhere, a place careers cannot place): codes
    /// of the pay-law table (`us-co`, `ca-on`, `eu`; `us` for every US
    /// state in it, `canada` for every province). Empty: only roles whose
    /// places careers can place are checked against pay law.
    pub jurisdictions: Vec<String>,
    /// How `check` reports a role that misses a pay-law rule: `warning`
    /// (the default), `error` (for CI that must stop it) or `off`.
    pub pay_law: PayLawLevel,
    /// Whether `check` reads roles' wording (gender-coded words, gendered
    /// titles, exclusionary phrasings). On by default.
    pub wording: bool,
    /// The language pages are written in (a BCP 47 tag: `en`, `fr`,
    /// `en-GB`): `<html lang>` and the interface's words. Unset: English
    /// (`en`). A role's front matter `lang` wins for its page.
    pub lang: Option<String>,
    /// What the accessibility statement (`/accessibility`) says beyond what
    /// is true of every careers site.
    pub accessibility: AccessibilitySettings,
    /// The "How we hire" page: the Markdown of `_hiring.md` in the roles
    /// folder, read with `site.yaml`; none without that file.
    #[serde(skip)]
    pub hiring: Option<String>,
}

/// `site.yaml` `accessibility:`: what the organisation states about the
/// site's accessibility. Every key is optional; unset, the statement says
/// only what careers knows to be true of the site.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct AccessibilitySettings {
    /// Where to report a problem (an email address or a web address);
    /// unset, the site's `contact_email`, else none.
    pub contact: Option<String>,
    /// How far the site meets the standard: `full`, `partial` or `none`.
    pub compliance: Option<Compliance>,
    /// The standard it is judged against, e.g. `WCAG 2.2 AA`.
    pub standard: Option<String>,
    /// The day the statement was last reviewed (`2026-11-30`).
    pub reviewed: Option<jiff::civil::Date>,
    /// Content known not to be accessible, one item each.
    pub known_issues: Vec<String>,
}

/// How far a site meets an accessibility standard, as public bodies state it.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Compliance {
    /// Fully compliant.
    Full,
    /// Partially compliant.
    Partial,
    /// Not compliant.
    None,
}

/// How `check` reports pay-law findings (`site.yaml` `pay_law`).
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum PayLawLevel {
    /// A warning: the role is published.
    #[default]
    Warning,
    /// An error: `check` exits 1 and `build` refuses the folder.
    Error,
    /// Not checked.
    Off,
}

/// Reads `currency: usd` as well as `currency: USD`.
fn currency_code<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Currency>, D::Error> {
    let code: Option<String> = Option::deserialize(d)?;
    code.map(|c| {
        Currency::from_code(&c).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "currency: `{c}` is not a currency careers knows; use GBP, EUR, USD, CAD, INR, AUD, NZD, CHF, SEK, NOK, DKK, PLN, JPY or SGD"
            ))
        })
    })
    .transpose()
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            organisation: String::new(),
            base_url: "http://127.0.0.1:3000".into(),
            logo: None,
            logo_width: None,
            logo_height: None,
            apply_url: String::new(),
            contact_email: String::new(),
            time_zone: None,
            default_location: None,
            credits: std::collections::BTreeMap::new(),
            currency: None,
            alerts_url: None,
            jurisdictions: Vec::new(),
            pay_law: PayLawLevel::Warning,
            wording: true,
            date_order: None,
            pay_period: None,
            source_url: None,
            front_matter: BTreeMap::new(),
            headings: BTreeMap::new(),
            mapping: Arc::default(),
            lang: None,
            accessibility: AccessibilitySettings::default(),
            hiring: None,
        }
    }
}

/// The settings file could not be read.
#[derive(Debug, thiserror::Error)]
#[error("site settings: {0}")]
pub struct SettingsError(String);

impl SettingsError {
    /// An error with this message.
    pub(crate) fn new(message: String) -> SettingsError {
        SettingsError(message)
    }
}

impl Settings {
    /// Reads settings from YAML text (the contents of `site.yaml`).
    pub fn from_yaml(text: &str) -> Result<Settings, SettingsError> {
        if text.trim().is_empty() {
            return Ok(Settings::default());
        }
        let mut settings: Settings =
            serde_yaml::from_str(text).map_err(|e| SettingsError(e.to_string()))?;
        let mapping = crate::role::site_mapping(
            settings
                .front_matter
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str())),
            settings
                .headings
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str())),
        )
        .map_err(SettingsError)?;
        settings.mapping = Arc::new(mapping);
        if let Some(zone) = &settings.time_zone
            && let Err(e) = jiff::tz::TimeZone::get(zone)
        {
            return Err(SettingsError(format!(
                "time_zone: `{zone}` is not a time zone ({e}); use an IANA name such as Europe/London"
            )));
        }
        settings.site_jurisdictions()?;
        if let Some(lang) = &settings.lang {
            settings.lang = Some(crate::role::front_matter::language_tag(lang).ok_or_else(
                || {
                    SettingsError(format!(
                        "lang: `{lang}` is not a language tag; use one such as en, fr or en-GB"
                    ))
                },
            )?);
        }
        Ok(settings)
    }

    /// The jurisdictions of `jurisdictions`, in table order; an unknown code
    /// is an error naming the codes careers knows.
    fn site_jurisdictions(&self) -> Result<Vec<&'static Jurisdiction>, SettingsError> {
        let mut out: Vec<&'static Jurisdiction> = Vec::new();
        for code in &self.jurisdictions {
            let found: Vec<&'static Jurisdiction> = match code.trim().to_lowercase().as_str() {
                "us" => rules::united_states().collect(),
                "canada" => rules::canada().collect(),
                other => rules::by_code(other).into_iter().collect(),
            };
            if found.is_empty() {
                let known: Vec<&str> = rules::JURISDICTIONS.iter().map(|j| j.code).collect();
                return Err(SettingsError(format!(
                    "jurisdictions: `{code}` is not a jurisdiction careers knows; use {}, `us` or `canada`",
                    known.join(", ")
                )));
            }
            out.extend(found);
        }
        Ok(rules::JURISDICTIONS
            .iter()
            .filter(|j| out.iter().any(|o| o.code == j.code))
            .collect())
    }

    /// What `check`'s pay-law and wording checks are told.
    pub fn compliance_options(&self) -> ComplianceOptions {
        ComplianceOptions {
            // Checked when the settings were read.
            jurisdictions: self.site_jurisdictions().unwrap_or_default(),
            pay_law: match self.pay_law {
                PayLawLevel::Warning => Some(Severity::Warning),
                PayLawLevel::Error => Some(Severity::Error),
                PayLawLevel::Off => None,
            },
            wording: self.wording,
        }
    }

    /// Every URL the operator gives passes the same allow-list as an author's:
    /// the base URL must be absolute `http(s)`, the logo and apply address
    /// must be `https`, `http`, `mailto` (apply) or relative.
    pub fn check_urls(&self) -> Result<(), SettingsError> {
        let refuse = |key: &str, value: &str, why: String| {
            Err(SettingsError(format!(
                "{key}: `{value}` cannot be used: {why}"
            )))
        };
        let base = self.base_url.to_ascii_lowercase();
        if !(base.starts_with("https://") || base.starts_with("http://")) {
            return refuse(
                "base_url",
                &self.base_url,
                "it must start with https:// or http://".into(),
            );
        }
        for (key, value) in [
            (
                "apply_url",
                Some(self.apply_url.as_str()).filter(|u| !u.is_empty()),
            ),
            ("logo", self.logo.as_deref()),
            ("alerts_url", self.alerts_url.as_deref()),
            (
                "accessibility.contact",
                self.accessibility
                    .contact
                    .as_deref()
                    .filter(|c| c.contains(':')),
            ),
        ] {
            if let Some(value) = value
                && let Err(e) = crate::role::url::check_url(value)
            {
                return refuse(key, value, e.to_string());
            }
        }
        if let Some(source) = &self.source_url {
            if !source.to_ascii_lowercase().starts_with("https://") {
                return refuse("source_url", source, "it must start with https://".into());
            }
            if let Err(e) = crate::role::url::check_url(source) {
                return refuse("source_url", source, e.to_string());
            }
            if let Err(e) = url::Url::parse(source) {
                return refuse("source_url", source, e.to_string());
            }
        }
        Ok(())
    }

    /// `source_url` as the base relative links are read against (a folder:
    /// it ends in `/`); `None` when unset (or unusable, which
    /// [`Settings::check_urls`] refuses).
    pub fn source_base(&self) -> Option<url::Url> {
        let source = self.source_url.as_deref()?.trim();
        let folder = if source.ends_with('/') {
            source.to_owned()
        } else {
            format!("{source}/")
        };
        url::Url::parse(&folder)
            .ok()
            .filter(|u| u.scheme() == "https")
    }

    /// The currency pay is spoken in where a role does not say (the salary
    /// filter, `check`'s hints): the site's, else the one most yearly bands
    /// of `roles` are in, else pounds.
    pub fn pay_currency<'a>(&self, roles: impl IntoIterator<Item = &'a Role>) -> Currency {
        self.currency
            .or_else(|| crate::role::pay::usual_currency(roles))
            .unwrap_or_default()
    }

    /// What the role files' reader is told about what files leave unsaid.
    pub fn read_options(&self) -> ReadOptions {
        ReadOptions {
            mapping: std::sync::Arc::clone(&self.mapping),
            currency: self.currency,
            date_order: self.date_order.unwrap_or_default(),
            date_order_set: self.date_order.is_some(),
            pay_period: self.pay_period,
            skip_second_look: false,
        }
    }

    /// The time zone closing dates are judged in: the site's, else UTC.
    pub fn time_zone(&self) -> jiff::tz::TimeZone {
        self.named_time_zone().unwrap_or(jiff::tz::TimeZone::UTC)
    }

    /// The time zone `site.yaml` names, if it names one pages may claim.
    pub fn named_time_zone(&self) -> Option<jiff::tz::TimeZone> {
        self.time_zone
            .as_deref()
            .and_then(|zone| jiff::tz::TimeZone::get(zone).ok())
    }

    /// Each setting candidates would see that is not set, with what pages do
    /// without it: `(key, consequence)`. `apply_url` matters only when a role
    /// names no address of its own, `time_zone` only when a role closes.
    pub fn unset_for_candidates<'a>(
        &self,
        roles: impl IntoIterator<Item = &'a Role> + Clone,
    ) -> Vec<(&'static str, &'static str)> {
        let mut unset = Vec::new();
        if self.organisation.trim().is_empty() {
            unset.push((
                "organisation",
                "pages name no organisation and carry no Google for Jobs data",
            ));
        }
        let needs_address = roles
            .clone()
            .into_iter()
            .any(|r| r.meta.apply_url.is_none());
        if self.apply_url.trim().is_empty() && needs_address {
            unset.push((
                "apply_url",
                "roles without their own `apply_url` show no Apply button",
            ));
        }
        let closes = roles.into_iter().any(|r| r.meta.closes.is_some());
        if self.time_zone.is_none() && closes {
            unset.push((
                "time_zone",
                "closing dates are judged in UTC and pages give the day only, no time",
            ));
        }
        unset
    }

    /// Applies `CAREERS_*` overrides from a variable lookup (the environment in
    /// the binary, a map in tests).
    pub fn with_overrides(mut self, var: impl Fn(&str) -> Option<String>) -> Settings {
        let fields: [(&str, &mut String); 4] = [
            ("CAREERS_ORGANISATION", &mut self.organisation),
            ("CAREERS_BASE_URL", &mut self.base_url),
            ("CAREERS_APPLY_URL", &mut self.apply_url),
            ("CAREERS_CONTACT_EMAIL", &mut self.contact_email),
        ];
        for (name, field) in fields {
            if let Some(value) = var(name).filter(|v| !v.trim().is_empty()) {
                *field = value;
            }
        }
        if let Some(logo) = var("CAREERS_LOGO") {
            self.logo = Some(logo).filter(|l| !l.is_empty());
        }
        if let Some(alerts) = var("CAREERS_ALERTS_URL") {
            self.alerts_url = Some(alerts).filter(|a| !a.trim().is_empty());
        }
        if let Some(location) = var("CAREERS_DEFAULT_LOCATION") {
            self.default_location = Some(location).filter(|l| !l.trim().is_empty());
        }
        self.base_url = self.base_url.trim_end_matches('/').to_owned();
        self
    }

    /// The base URL given on the command line (`--base-url`), over everything else.
    pub fn with_base_url(mut self, base_url: Option<&str>) -> Settings {
        if let Some(url) = base_url.map(str::trim).filter(|u| !u.is_empty()) {
            self.base_url = url.trim_end_matches('/').to_owned();
        }
        self
    }

    /// Why the base URL would make a published site point somewhere wrong:
    /// canonical links, the sitemap, the feed and structured data are absolute.
    pub fn base_url_warning(&self) -> Option<String> {
        let url = &self.base_url;
        let fix = "set `base_url` in site.yaml, CAREERS_BASE_URL or --base-url";
        let Some(rest) = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
        else {
            return Some(format!(
                "the base URL `{url}` does not start with http:// or https://, so absolute links will not work; {fix}"
            ));
        };
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host = match authority.strip_prefix('[') {
            Some(v6) => v6.split(']').next().unwrap_or(""),
            None => authority.rsplit_once(':').map_or(authority, |(h, _)| h),
        };
        let loopback = host.eq_ignore_ascii_case("localhost")
            || host.starts_with("127.")
            || host == "::1"
            || host == "0.0.0.0";
        loopback.then(|| {
            format!(
                "the base URL is `{url}`, a loopback address: canonical links, the sitemap, the feed and structured data would point at it; {fix}"
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_yaml_and_overrides() {
        assert_eq!(Settings::from_yaml("").ok(), Some(Settings::default()));
        let s = Settings::from_yaml("organisation: Widgets Ltd\nbase_url: https://jobs.example/\n")
            .map(|s| {
                s.with_overrides(|k| {
                    (k == "CAREERS_CONTACT_EMAIL").then(|| "hi@example.org".into())
                })
            });
        let Ok(s) = s else {
            panic!("settings should parse")
        };
        assert_eq!(s.organisation, "Widgets Ltd");
        assert_eq!(s.base_url, "https://jobs.example");
        assert_eq!(s.contact_email, "hi@example.org");
        assert!(Settings::from_yaml("colour: red\n").is_err());
        assert_eq!(Settings::default().time_zone().iana_name(), Some("UTC"));
        assert_eq!(Settings::default().named_time_zone(), None);
        assert_eq!(Settings::default().organisation, "", "no made-up name");
        assert_eq!(Settings::default().apply_url, "", "no made-up address");
        let Err(e) = Settings::from_yaml("time_zone: Mars/Olympus\n") else {
            panic!("an unknown zone is refused")
        };
        assert!(e.to_string().contains("Mars/Olympus"), "{e}");
    }

    // See: issue #19 (`$` is US dollars unless a setting says otherwise).
    #[test]
    fn the_currency_is_a_code_in_either_case_and_tells_the_reader() {
        let read = |yaml: &str| Settings::from_yaml(yaml).map(|s| s.read_options());
        assert_eq!(read("").ok(), Some(ReadOptions::default()));
        assert_eq!(
            read("currency: cad\n").ok(),
            Some(ReadOptions {
                currency: Some(Currency::Cad),
                ..ReadOptions::default()
            })
        );
        assert_eq!(
            read("currency: USD\n").ok().map(|o| o.dollar()),
            Some(Currency::Usd)
        );
        let Err(e) = read("currency: yen\n") else {
            panic!("an unknown currency is refused")
        };
        assert!(e.to_string().contains("GBP, EUR, USD, CAD"), "{e}");
    }

    #[test]
    fn the_pay_period_tells_the_reader_what_unnamed_periods_are() {
        let read = |yaml: &str| Settings::from_yaml(yaml).map(|s| s.read_options().pay_period);
        assert_eq!(read("").ok(), Some(None));
        assert_eq!(read("pay_period: month\n").ok(), Some(Some(Period::Month)));
        assert!(read("pay_period: fortnight\n").is_err());
    }

    // See: issue #16 (every URL an operator gives is checked against the allow-list).
    #[test]
    fn operator_urls_pass_the_allow_list() {
        assert!(Settings::default().check_urls().is_ok());
        let with = |f: fn(&mut Settings)| {
            let mut s = Settings::default();
            f(&mut s);
            s.check_urls()
        };
        let Err(e) = with(|s| s.logo = Some(" JavaScript:alert(1)".into())) else {
            panic!("a script logo is refused")
        };
        assert!(e.to_string().contains("logo"), "{e}");
        assert!(with(|s| s.apply_url = "data:text/html,hi".into()).is_err());
        assert!(with(|s| s.base_url = "javascript:alert(1)".into()).is_err());
        assert!(with(|s| s.base_url = "jobs.example".into()).is_err());
        assert!(with(|s| s.logo = Some("/static/logo.svg".into())).is_ok());
    }

    // See: issue 27 item 3 (relative links read against the handbook's address).
    #[test]
    fn source_url_is_https_and_read_as_a_folder() {
        let with = |url: &str| Settings {
            source_url: Some(url.into()),
            ..Settings::default()
        };
        assert!(with("http://handbook.example/jobs").check_urls().is_err());
        assert!(with("javascript:alert(1)").check_urls().is_err());
        assert!(with("/jobs").check_urls().is_err());
        let s = with("https://handbook.example/jobs");
        assert!(s.check_urls().is_ok());
        assert_eq!(
            s.source_base().map(String::from).as_deref(),
            Some("https://handbook.example/jobs/")
        );
        assert_eq!(Settings::default().source_base(), None);
    }

    #[test]
    fn jurisdictions_pay_law_and_wording_tell_the_checks() {
        let Ok(s) = Settings::from_yaml(
            "jurisdictions: [us-co, ca-on, eu]\npay_law: error\nwording: false\n",
        ) else {
            panic!("settings should parse")
        };
        let options = s.compliance_options();
        let codes: Vec<&str> = options.jurisdictions.iter().map(|j| j.code).collect();
        assert_eq!(codes, ["us-co", "ca-on", "eu"]);
        assert_eq!(options.pay_law, Some(Severity::Error));
        assert!(!options.wording);
        let defaults = Settings::default().compliance_options();
        assert!(defaults.jurisdictions.is_empty() && defaults.wording);
        assert_eq!(defaults.pay_law, Some(Severity::Warning));
        let Err(e) = Settings::from_yaml("jurisdictions: [us-zz]\n") else {
            panic!("an unknown code is refused")
        };
        assert!(
            e.to_string().contains("`us-zz` is not a jurisdiction"),
            "{e}"
        );
        let us = Settings::from_yaml("jurisdictions: [US]\n")
            .map(|s| s.compliance_options().jurisdictions.len());
        assert_eq!(us.ok(), Some(12));
    }

    #[test]
    fn loopback_and_schemeless_base_urls_are_warned_about() {
        let with = |url: &str| Settings::default().with_base_url(Some(url));
        assert!(
            Settings::default().base_url_warning().is_some(),
            "the default"
        );
        for url in [
            "http://localhost:8080",
            "http://127.0.0.2",
            "http://[::1]:3000/careers",
            "jobs.example",
        ] {
            assert!(with(url).base_url_warning().is_some(), "{url}");
        }
        for url in ["https://jobs.example", "https://localhost.example.org/x"] {
            assert_eq!(with(url).base_url_warning(), None, "{url}");
        }
        assert_eq!(
            with("https://jobs.example/").base_url,
            "https://jobs.example"
        );
        assert_eq!(with("  ").base_url, Settings::default().base_url);
    }
}
