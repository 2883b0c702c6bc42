//! Whether a role meets the pay-transparency law of the places it is
//! advertised in, and whether its wording puts people off: `check`'s
//! `pay-law`, `coded-wording`, `gendered-title` and `exclusionary-wording`
//! warnings. Pure: a typed [`Role`] and [`ComplianceOptions`] in,
//! diagnostics out. The site's settings build the options; the pipeline
//! runs it after the roles are read, beside `no-pay`.
//!
//! - [`rules`]: the table of jurisdictions (what an advert must state, from
//!   when, and the source);
//! - [`jurisdiction`]: where a role is advertised;
//! - [`wording`]: the word lists and the line-by-line reader.

pub mod jurisdiction;
pub mod rules;
pub mod wording;

use jiff::civil::Date;

use crate::role::diagnostic::{Code, Diagnostic, Severity};
use crate::role::model::{Currency, Role, SalaryBand, SectionKind, Status};
use rules::{Jurisdiction, Requirement};
use wording::{Coding, Kind, Line};

/// What the site asks of the checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplianceOptions {
    /// Where roles are advertised when their places do not say
    /// (`site.yaml` `jurisdictions`).
    pub jurisdictions: Vec<&'static Jurisdiction>,
    /// How serious a pay-law finding is; `None` turns them off.
    pub pay_law: Option<Severity>,
    /// Whether to read the wording.
    pub wording: bool,
}

impl Default for ComplianceOptions {
    fn default() -> ComplianceOptions {
        ComplianceOptions {
            jurisdictions: Vec::new(),
            pay_law: Some(Severity::Warning),
            wording: true,
        }
    }
}

/// Front matter key listing words the author keeps on purpose.
pub const ACCEPT_WORDING_KEY: &str = "accept_wording";
/// Front matter key saying whether AI screens applicants (Ontario).
pub const AI_SCREENING_KEY: &str = "ai_screening";
/// Front matter key saying whether the vacancy exists (Ontario).
pub const VACANCY_KEY: &str = "vacancy";

/// The front matter keys these checks read (kept by the reader as
/// unknown keys, but not reported as unknown).
pub const FRONT_MATTER_KEYS: &[&str] = &[ACCEPT_WORDING_KEY, AI_SCREENING_KEY, VACANCY_KEY];

/// Every pay-law and wording diagnostic for one role, as of `today`. Closed
/// roles are not advertised and get none; a draft's pay-law findings stay
/// warnings whatever the site's `pay_law` says.
pub fn check(role: &Role, options: &ComplianceOptions, today: Date) -> Vec<Diagnostic> {
    if role.effective_status(today) == Status::Closed {
        return Vec::new();
    }
    let lines = role_lines(role);
    let mut out = Vec::new();
    if let Some(mut severity) = options.pay_law {
        // A draft is not advertised yet: told, but never failing a build.
        if role.status == Status::Draft {
            severity = Severity::Warning;
        }
        let places = jurisdiction::advertised_in(role.location.as_deref(), &options.jurisdictions);
        let applying: Vec<_> = places.into_iter().filter(|j| j.applies_on(today)).collect();
        out.extend(
            pay_law(role, &lines, &applying)
                .into_iter()
                .map(|d| Diagnostic { severity, ..d }),
        );
    }
    if options.wording {
        out.extend(fair_wording(role, &lines));
    }
    out.sort_by_key(|d| (d.line, d.col));
    out
}

/// The lines of the role's text that candidates read, with their file
/// lines: the title, the summary and every section body (headings and code
/// blocks left out: a heading is the vocabulary careers reads, not prose).
fn role_lines(role: &Role) -> Vec<Line<'_>> {
    let mut lines = vec![Line {
        number: role.title_line,
        text: &role.title,
    }];
    let mut seen = std::collections::HashSet::new();
    let fragments = std::iter::once(&role.summary).chain(role.sections.iter().map(|s| &s.body));
    for fragment in fragments {
        let mut fenced = false;
        for (i, text) in fragment.source.lines().enumerate() {
            let trimmed = text.trim_start();
            if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
                fenced = !fenced;
                continue;
            }
            if fenced || trimmed.starts_with('#') {
                continue;
            }
            let number = fragment
                .line
                .saturating_add(crate::role::diagnostic::to_u32(i));
            // A sub-section's lines are also its parent's: read them once.
            if seen.insert(number) {
                lines.push(Line { number, text });
            }
        }
    }
    lines
}

/// A front matter value the reader kept as written, by key.
fn extra<'a>(role: &'a Role, key: &str) -> Option<&'a str> {
    role.meta
        .extra
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v.as_str())
}

/// The entries of a front matter list kept as YAML text (`[a, b]`, `- a`)
/// or one word, lowercase.
fn list_entries(value: &str) -> Vec<String> {
    value
        .trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .split([',', '\n'])
        .map(|s| {
            s.trim()
                .trim_start_matches("- ")
                .trim()
                .trim_matches(['"', '\''])
                .to_lowercase()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// One requirement a role does not meet, with where to point and what to say.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Gap {
    requirement: Requirement,
    /// What the law asks for, in words.
    wants: String,
    /// What the role does instead, when it says something wrong rather
    /// than nothing.
    found: Option<String>,
    line: u32,
    col: u32,
    hint: String,
}

fn pay_law(role: &Role, lines: &[Line<'_>], places: &[&'static Jurisdiction]) -> Vec<Diagnostic> {
    let text = lines
        .iter()
        .map(|l| l.text.to_lowercase())
        .collect::<Vec<_>>()
        .join("\n");
    let mut per_place: Vec<(&'static Jurisdiction, Vec<Gap>)> = places
        .iter()
        .map(|j| (*j, gaps(role, lines, &text, j)))
        .filter(|(_, gaps)| !gaps.is_empty())
        .collect();
    // Places with the same gaps share one diagnostic: a role remote in the
    // US would otherwise repeat one line for every state.
    let mut out = Vec::new();
    while let Some((_, gaps)) = per_place.first().cloned() {
        let same: Vec<&'static Jurisdiction> = per_place
            .iter()
            .filter(|(_, g)| *g == gaps)
            .map(|(j, _)| *j)
            .collect();
        per_place.retain(|(_, g)| *g != gaps);
        out.extend(diagnostics_for(role, &same, &gaps));
    }
    out
}

/// The requirements of `place` the role does not meet.
fn gaps(role: &Role, lines: &[Line<'_>], text: &str, place: &Jurisdiction) -> Vec<Gap> {
    let at_title = |requirement, wants: &str, hint: String| Gap {
        requirement,
        wants: wants.to_owned(),
        found: None,
        line: role.title_line,
        col: 1,
        hint,
    };
    let mut out = Vec::new();
    for &requirement in place.requires {
        match requirement {
            Requirement::Pay => out.extend(pay_gap(role, place)),
            Requirement::Benefits if !states_benefits(role) => out.push(at_title(
                requirement,
                "a general description of benefits",
                "add a `## Benefits` section listing them in general terms (health cover, pension, paid leave)".into(),
            )),
            Requirement::ClosingDate if role.meta.closes.is_none() => out.push(at_title(
                requirement,
                "the date applications close",
                "add `closes: YYYY-MM-DD` to the front matter".into(),
            )),
            Requirement::AiDisclosure if !states_ai_use(role, text) => out.push(at_title(
                requirement,
                "whether artificial intelligence screens, assesses or selects applicants",
                format!("add `{AI_SCREENING_KEY}: no` (or `yes`) to the front matter, or a sentence such as \"We do not use artificial intelligence to screen applications.\""),
            )),
            Requirement::VacancyStatus if !states_vacancy(role, text) => out.push(at_title(
                requirement,
                "whether the posting is for an existing vacancy",
                format!("add `{VACANCY_KEY}: existing` (or `future`) to the front matter, or say \"This posting is for an existing vacancy.\""),
            )),
            Requirement::NeutralTitle => out.extend(title_gap(role)),
            Requirement::NoLocalExperience => out.extend(local_experience_gap(lines)),
            _ => {}
        }
    }
    out
}

/// Pay: a published band with a top, no wider than the place allows.
fn pay_gap(role: &Role, place: &Jurisdiction) -> Option<Gap> {
    let gap = |wants: String, found: Option<String>, hint: String| Gap {
        requirement: Requirement::Pay,
        wants,
        found,
        line: role.title_line,
        col: 1,
        hint,
    };
    let example = match place.code {
        "eu" => "`€45,000 - €55,000`",
        "pl" => "`PLN 9,000 - 12,000 a month`",
        _ => "`$85,000 - $110,000`",
    };
    if role.salary.is_empty() {
        return Some(gap(
            "the pay or a pay range".into(),
            None,
            format!("add a `## Salary` section with a band, e.g. {example}"),
        ));
    }
    if role.salary.iter().all(|b| b.max().is_none()) {
        return Some(gap(
            "the pay or a pay range with a top".into(),
            Some("this role's band has no top".into()),
            format!("give the band a top, e.g. {example}"),
        ));
    }
    let limit = place.range_limit?;
    let wide = role
        .salary
        .iter()
        .find(|b| too_wide(b, limit.max_width, limit.below_top))?;
    let width = wide.max().unwrap_or(0).saturating_sub(wide.min());
    Some(gap(
        format!(
            "a pay range no wider than {} when its top is under {}",
            money(limit.max_width),
            money(limit.below_top)
        ),
        Some(format!("this role's range is {} wide", money(width))),
        format!("narrow the range to at most {}", money(limit.max_width)),
    ))
}

fn too_wide(band: &SalaryBand, max_width: u64, below_top: u64) -> bool {
    // The limit is in dollars; careers compares dollar bands only.
    let dollars = matches!(band.currency(), Currency::Cad | Currency::Usd);
    band.max()
        .is_some_and(|max| dollars && max < below_top && max.saturating_sub(band.min()) > max_width)
}

/// A dollar amount (the width limits are in dollars): `$50,000`.
fn money(n: u64) -> String {
    crate::role::salary::money(n, "$")
}

fn states_benefits(role: &Role) -> bool {
    !role.benefits.is_empty()
        || role
            .sections
            .iter()
            .any(|s| s.kind == SectionKind::Benefits && !s.body.source.trim().is_empty())
        || extra(role, "benefits").is_some()
}

fn states_ai_use(role: &Role, text: &str) -> bool {
    extra(role, AI_SCREENING_KEY).is_some()
        || text.contains("artificial intelligence")
        || text
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w == "ai")
            && ["screen", "assess", "select", "applica"]
                .iter()
                .any(|w| text.contains(w))
}

fn states_vacancy(role: &Role, text: &str) -> bool {
    const SAYS: &[&str] = &[
        "existing vacancy",
        "existing position",
        "existing role",
        "future vacancy",
        "future vacancies",
        "currently vacant",
        "vacancy exists",
        "talent pool",
    ];
    extra(role, VACANCY_KEY).is_some() || SAYS.iter().any(|s| text.contains(s))
}

fn title_gap(role: &Role) -> Option<Gap> {
    let line = Line {
        number: role.title_line,
        text: &role.title,
    };
    let found = wording::check(std::slice::from_ref(&line), &[])
        .into_iter()
        .find(|f| f.kind == Kind::GenderedTitle)?;
    Some(Gap {
        requirement: Requirement::NeutralTitle,
        wants: "a gender-neutral job title".into(),
        found: Some(format!("the title `{}` names a gender", found.text)),
        line: found.line,
        // Columns count in the title's text, not its heading line.
        col: 1,
        hint: format!("write `{}` instead", found.alternative),
    })
}

fn local_experience_gap(lines: &[Line<'_>]) -> Option<Gap> {
    lines.iter().find_map(|l| {
        let lower = l.text.to_lowercase();
        let at = lower
            .find("canadian experience")
            .or_else(|| lower.find("canadian work experience"))?;
        Some(Gap {
            requirement: Requirement::NoLocalExperience,
            wants: "that a posting not ask for Canadian experience".into(),
            found: Some("this role asks for it".into()),
            line: l.number,
            col: crate::role::diagnostic::to_u32(
                l.text.get(..at).map_or(at, |s| s.chars().count()) + 1,
            ),
            hint: "ask for the skills the job needs, wherever they were gained".into(),
        })
    })
}

/// `Colorado (us-co)`, `Colorado and Illinois (us-co, us-il)`.
fn places_named(places: &[&Jurisdiction]) -> (String, bool) {
    let names: Vec<&str> = places.iter().map(|j| j.name).collect();
    let codes: Vec<&str> = places.iter().map(|j| j.code).collect();
    let named = match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.join(""),
    };
    (format!("{named} ({})", codes.join(", ")), places.len() > 1)
}

/// The diagnostics for one group of places with the same gaps: the things
/// the role leaves unsaid in one line, each thing it says wrongly in its own.
fn diagnostics_for(role: &Role, places: &[&Jurisdiction], gaps: &[Gap]) -> Vec<Diagnostic> {
    let (who, plural) = places_named(places);
    let verb = if plural { "require" } else { "requires" };
    let unsaid: Vec<&Gap> = gaps.iter().filter(|g| g.found.is_none()).collect();
    let mut out = Vec::new();
    if !unsaid.is_empty() {
        let wants: Vec<&str> = unsaid.iter().map(|g| g.wants.as_str()).collect();
        let (list, states) = match wants.as_slice() {
            [one] => (one.to_string(), "this role does not state it"),
            [a, b] => (format!("{a} and {b}"), "this role states neither"),
            [rest @ .., last] => (
                format!("{} and {last}", rest.join(", ")),
                "this role states none of them",
            ),
            [] => (String::new(), ""),
        };
        let hint = unsaid
            .iter()
            .map(|g| g.hint.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        out.push(
            Diagnostic::warning(
                &role.path,
                (role.title_line, 1),
                Code::PayLaw,
                format!("{who} {verb} {list}; {states}"),
            )
            .with_hint(hint),
        );
    }
    for gap in gaps.iter().filter(|g| g.found.is_some()) {
        let found = gap.found.as_deref().unwrap_or_default();
        out.push(
            Diagnostic::warning(
                &role.path,
                (gap.line, gap.col),
                Code::PayLaw,
                format!("{who} {verb} {}; {found}", gap.wants),
            )
            .with_hint(gap.hint.clone()),
        );
    }
    out
}

/// The wording findings of one role, as diagnostics.
fn fair_wording(role: &Role, lines: &[Line<'_>]) -> Vec<Diagnostic> {
    let accepted = extra(role, ACCEPT_WORDING_KEY)
        .map(list_entries)
        .unwrap_or_default();
    wording::check(lines, &accepted)
        .into_iter()
        .map(|mut f| {
            if f.line == role.title_line {
                // Columns count in the title's text, not its heading line.
                f.col = 1;
            }
            let (code, what) = match f.kind {
                Kind::Coded(Coding::Masculine) => (Code::CodedWording, "a masculine-coded word"),
                Kind::Coded(Coding::Feminine) => (Code::CodedWording, "a feminine-coded word"),
                Kind::GenderedTitle => (Code::GenderedTitle, "names a gender"),
                Kind::Exclusionary => (Code::ExclusionaryWording, "shuts people out"),
            };
            let again = match (f.more, f.entry.strip_suffix('*')) {
                (0, _) => String::new(),
                (1, None) => " (used once more)".to_owned(),
                (n, None) => format!(" (used {n} more times)"),
                (1, Some(stem)) => format!(" (and 1 more word starting `{stem}`)"),
                (n, Some(stem)) => format!(" (and {n} more words starting `{stem}`)"),
            };
            let message = match f.kind {
                Kind::Coded(_) => format!(
                    "`{}` is {what}, and this role leans that way{again}",
                    f.text
                ),
                _ => format!("`{}` {what}{again}", f.text),
            };
            Diagnostic::warning(&role.path, (f.line, f.col), code, message).with_hint(format!(
                "try `{}`; to keep it, add `{ACCEPT_WORDING_KEY}: [{}]` to the front matter",
                f.alternative,
                f.text.to_lowercase()
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::role::load::roles_from_texts;

    fn codes_and_messages(text: &str, site: &[&str]) -> Vec<String> {
        let roles = roles_from_texts(&[("a.md", text)]);
        let options = ComplianceOptions {
            jurisdictions: site.iter().filter_map(|c| rules::by_code(c)).collect(),
            ..ComplianceOptions::default()
        };
        let today = jiff::civil::date(2026, 12, 7);
        roles
            .iter()
            .flat_map(|r| check(r, &options, today))
            .map(|d| {
                format!(
                    "{}:{}: {}[{}]: {}",
                    d.line, d.col, d.severity, d.code, d.message
                )
            })
            .collect()
    }

    #[test]
    fn colorado_names_what_is_missing_in_one_line() {
        let found = codes_and_messages(
            "---\nlocation: Denver, CO\n---\n# Platform Engineer\n\nBuild things.\n",
            &[],
        );
        assert_eq!(
            found,
            [
                "4:1: warning[pay-law]: Colorado (us-co) requires the pay or a pay range, a general description of benefits and the date applications close; this role states none of them"
            ]
        );
    }

    #[test]
    fn states_with_the_same_gaps_share_a_line() {
        let found = codes_and_messages(
            "---\nlocation: Remote (US)\ncloses: 2027-01-31\n---\n# Platform Engineer\n\n## Salary\n\n$90,000 - $120,000\n",
            &[],
        );
        assert_eq!(
            found,
            [
                "5:1: warning[pay-law]: Colorado, Washington, Illinois, New Jersey, Minnesota and Maryland (us-co, us-wa, us-il, us-nj, us-mn, us-md) require a general description of benefits; this role does not state it"
            ]
        );
    }

    #[test]
    fn ontario_limits_the_width_and_asks_about_ai_and_the_vacancy() {
        let text = "---\nlocation: Toronto\n---\n# Analyst\n\nCanadian experience is required.\n\n## Salary\n\n$90,000 - $150,000\n";
        let found = codes_and_messages(text, &[]);
        assert_eq!(found.len(), 3, "{found:#?}");
        assert!(
            found[0].contains("whether artificial intelligence screens"),
            "{found:#?}"
        );
        assert!(
            found[1].contains(
                "no wider than $50,000 when its top is under $200,000; this role's range is $60,000 wide"
            ),
            "{found:#?}"
        );
        assert!(found[2].starts_with("6:1: warning[pay-law]: Ontario (ca-on) requires that a posting not ask for Canadian experience"), "{found:#?}");
    }

    #[test]
    fn a_role_that_meets_everything_is_quiet() {
        let text = "---\nlocation: Toronto, Denver, CO or Berlin\ncloses: 2027-01-31\nai_screening: no\nvacancy: existing\n---\n# Platform Engineer\n\nYou will build and run our platform with a friendly team.\n\n## Salary\n\n$90,000 - $120,000\n\n## Benefits\n\n- Health cover\n- Paid leave\n";
        assert_eq!(codes_and_messages(text, &["eu"]), Vec::<String>::new());
    }

    #[test]
    fn the_eu_wants_a_neutral_title_and_wording_is_its_own_warning() {
        let text = "---\nlocation: Berlin\n---\n# Salesman\n\n## Salary\n\n€45,000 - €55,000\n";
        let found = codes_and_messages(text, &[]);
        assert_eq!(
            found,
            [
                "4:1: warning[pay-law]: the EU Pay Transparency Directive (eu) requires a gender-neutral job title; the title `Salesman` names a gender",
                "4:1: warning[gendered-title]: `Salesman` names a gender",
            ]
        );
    }

    #[test]
    fn accepted_words_and_a_role_in_the_uk_are_quiet() {
        let text = "---\nlocation: Leeds\naccept_wording: [competitive, Aggressive]\n---\n# Engineer\n\nA competitive, aggressive, ambitious and assertive team.\n";
        assert_eq!(codes_and_messages(text, &["us-co"]), Vec::<String>::new());
    }
}
