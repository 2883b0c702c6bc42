//! View builders: typed roles to the ready-to-print structs the templates take.
//! Every value a template shows is decided here; templates only lay it out.

use std::collections::{HashMap, HashSet};

use jiff::civil::Date;

use crate::role::eligibility::{Eligibility, Stated};
use crate::role::model::{Outcome, Role, Section, SectionKind, Status};
use crate::site::Apply;
use crate::site::discovery::jobposting::{Hiring, JobPosting};
use crate::site::discovery::share::{self, ShareCard};
use crate::site::pages::career::CareerPaths;
use crate::site::pages::templates::{
    ApplyPage, BandRow, Chrome, ExpectationGroup, ExpectationView, Fact, FeedEntry, RoleLinkView,
    RolePage, RoleRow, SectionView, Seo, ShareImage, SitemapPage, SitemapUrl, TranslationLink,
};
use crate::site::text::format;
use crate::site::text::markdown::{self, RoleLinks};
use crate::site::text::words::Words;
use crate::site::urls;

/// What a role page needs from the rest of the build.
pub(crate) struct RoleContext<'a> {
    /// Header, footer and asset URLs.
    pub chrome: &'a Chrome,
    /// Ladders per discipline.
    pub paths: &'a CareerPaths<'a>,
    /// Roles per listing group (team, else discipline), in listing order.
    pub by_group: &'a HashMap<&'a str, Vec<&'a Role>>,
    /// Open roles per discipline (lowercased), in listing order: where a closed
    /// role's page sends candidates.
    pub open_by_discipline: &'a HashMap<String, Vec<&'a Role>>,
    /// The groups with at least one open role: a listing filtered to any other
    /// would show nothing, so no breadcrumb links to one.
    pub listed_groups: &'a HashSet<&'a str>,
    /// Where links to role files go.
    pub links: &'a RoleLinks,
    /// The date the site is built for: days left, statuses.
    pub today: Date,
    /// The site's time zone, when `site.yaml` names one: when a role closes.
    pub time_zone: Option<&'a jiff::tz::TimeZone>,
    /// Each role that has translations (by slug): it and its translations,
    /// in listing order.
    pub translations: &'a HashMap<&'a str, Vec<&'a Role>>,
}

/// The head tags every page starts from: the canonical URL of `path` and the
/// site's share image.
pub(crate) fn seo(
    chrome: &Chrome,
    title: String,
    og_title: String,
    description: String,
    path: &str,
) -> Seo {
    Seo {
        title,
        og_title,
        description,
        canonical: chrome.base_url.absolute(path),
        og_type: "website",
        site_name: chrome.careers.clone(),
        image: chrome.share_image.clone(),
        robots: None,
        large_image: chrome
            .share_image
            .as_ref()
            .is_some_and(|i| i.width == Some(share::WIDTH) && i.height == Some(share::HEIGHT)),
        feed_url: None,
    }
}

/// The day a role counts as posted, as its page shows it: front matter
/// `posted`, else the first commit of its file. None for a role not open yet
/// (its `posted` is when it opens) and none in the future: a page never
/// says a role was posted on a day still to come.
pub(crate) fn posted(role: &Role, today: Date) -> Option<Date> {
    if role.effective_status(today) == Status::Upcoming {
        return None;
    }
    role.meta
        .posted
        .or(role.history.added)
        .filter(|d| *d <= today)
}

/// The day a role's file last changed (its last commit), as its page shows it.
pub(crate) fn updated(role: &Role) -> Option<Date> {
    role.history.changed
}

/// The day a feed or sitemap says a role last changed: its last commit,
/// else the day it was posted; none when the page shows neither.
pub(crate) fn lastmod(role: &Role, today: Date) -> Option<Date> {
    updated(role).or_else(|| posted(role, today))
}

/// Text as XML 1.0 allows it: a role file may hold control characters that
/// HTML shrugs off but that make a whole feed unreadable.
pub(crate) fn xml_text(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
        })
        .collect()
}

/// A day as Atom writes it: midnight UTC of that day.
pub(crate) fn atom_date(day: Date) -> String {
    format!("{day}T00:00:00Z")
}

pub(crate) fn feed_entry(role: &Role, chrome: &Chrome, today: Date) -> FeedEntry {
    let status = role.effective_status(today);
    let mut summary = String::new();
    let facts = [
        status_words(role, status, today),
        role.location.clone(),
        Some(format::pay_summary(role)),
    ];
    for fact in facts.into_iter().flatten() {
        summary.push_str(&fact);
        summary.push_str(". ");
    }
    summary.push_str(&role.summary_text);
    FeedEntry {
        url: xml_text(&chrome.base_url.absolute(&urls::role(&role.slug))),
        title: xml_text(&role.title),
        published: posted(role, today).map(atom_date),
        updated: lastmod(role, today).map(atom_date),
        category: Some(xml_text(role.group())).filter(|g| !g.is_empty()),
        summary: xml_text(summary.trim_end()),
    }
}

/// What a role's status is in a few words where it is not simply open:
/// "Closed", "Opens 3 March 2027", "Opening soon".
pub(crate) fn status_words(role: &Role, status: Status, today: Date) -> Option<String> {
    match status {
        Status::Closed => Some("Closed".to_owned()),
        Status::Upcoming => Some(match role.opens(today) {
            Some(day) => format!("Opens {}", format::date(day)),
            None => "Opening soon".to_owned(),
        }),
        Status::Open | Status::Draft => None,
    }
}

/// The sitemap: the listing (as new as its newest role) and every open role,
/// each with the day it last changed when that is known.
pub(crate) fn sitemap_page(chrome: &Chrome, listed: &[&Role], today: Date) -> SitemapPage {
    let newest = listed.iter().filter_map(|r| lastmod(r, today)).max();
    let home = SitemapUrl {
        loc: xml_text(&chrome.base_url.absolute(urls::HOME)),
        lastmod: newest.map(|d| d.to_string()),
    };
    let roles = listed.iter().map(|r| SitemapUrl {
        loc: xml_text(&chrome.base_url.absolute(&urls::role(&r.slug))),
        lastmod: lastmod(r, today).map(|d| d.to_string()),
    });
    SitemapPage {
        urls: std::iter::once(home).chain(roles).collect(),
    }
}

/// `robots.txt`: everything may be crawled; the sitemap by its absolute URL,
/// as the robots exclusion protocol asks.
pub(crate) fn robots_txt(chrome: &Chrome) -> String {
    format!(
        "User-agent: *\nAllow: /\nDisallow: {}\n\nSitemap: {}\n",
        urls::APPLY_PATTERN,
        chrome.base_url.absolute(urls::SITEMAP)
    )
}

/// The static export's page for an apply link: it cannot read a request's
/// campaign, so it sends every visitor to the plain address.
pub(crate) fn apply_page(chrome: &Chrome, apply: &Apply) -> ApplyPage {
    let (careers, at) = (&chrome.careers, &chrome.at);
    let mut seo = seo(
        chrome,
        format!("Apply for {} – {careers}", apply.title),
        format!("Apply for {}{at}", apply.title),
        format!("The application for {}{at}.", apply.title),
        &apply.page,
    );
    seo.robots = Some("noindex");
    ApplyPage {
        chrome: chrome.clone(),
        seo,
        title: apply.title.clone(),
        page: apply.page.clone(),
        target: apply.location(None, None),
    }
}

/// A role as one row (card) of the listing.
pub(crate) fn row(role: &Role, today: Date, words: &Words) -> RoleRow {
    RoleRow {
        title: role.title.clone(),
        url: urls::role(&role.slug),
        summary: format::one_line(&role.summary_text, 180),
        salary: Some(format::pay_summary_in(role, words)),
        location: role.location.clone(),
        level: role.level_name().map(str::to_owned),
        closes: role.meta.closes.map(|d| words.date(d)),
        closes_iso: role.meta.closes.map(|d| d.to_string()),
        draft: role.status == Status::Draft,
        upcoming: role.effective_status(today) == Status::Upcoming,
        opens: role.opens(today).map(|d| words.date(d)),
    }
}

/// A link to a role; `current` marks the page's own role.
pub(crate) fn link_view(role: &Role, current: bool) -> RoleLinkView {
    RoleLinkView {
        title: role.title.clone(),
        url: urls::role(&role.slug),
        current,
    }
}

/// A role's page.
pub(crate) fn role_page(role: &Role, status: Status, cx: &RoleContext<'_>) -> RolePage {
    let empty = empty_sections(role);
    let sections: Vec<SectionView> = role
        .sections
        .iter()
        .enumerate()
        .filter(|(i, _)| !empty.contains(i))
        .map(|(_, s)| section_view(role, s, cx.links))
        .collect();
    let toc = sections
        .iter()
        .filter(|s| !s.heading.is_empty())
        .map(|s| (s.id.clone(), s.heading.clone(), s.level))
        .collect();
    let path = cx.paths.path_through(role);
    let group = role.group();
    // Roles already on the career path are not repeated as related roles.
    let on_path = |r: &Role| path.iter().any(|p| p.slug == r.slug);
    let related = cx
        .by_group
        .get(group)
        .into_iter()
        .flatten()
        .filter(|r| r.slug != role.slug && !on_path(r))
        .take(6)
        .map(|r| link_view(r, false))
        .collect();
    let chrome = chrome_in(cx.chrome, role.meta.lang.as_deref());
    let words = chrome.words;
    RolePage {
        seo: role_seo(role, &chrome, status_words(role, status, cx.today)),
        translations: translation_links(role, cx, &chrome),
        title: role.title.clone(),
        summary_html: markdown::render(&role.summary.source, &[], cx.links),
        closed: status == Status::Closed,
        apply_email: None,
        outcome: role
            .meta
            .outcome
            .filter(|_| status == Status::Closed)
            .map(|o| outcome_words(o, words)),
        upcoming: status == Status::Upcoming,
        opens: role.opens(cx.today).map(|d| words.date(d)),
        draft: status == Status::Draft,
        facts: facts(role, status, cx, words),
        bands: bands(role, words),
        pay_words: format::pay_words(role, words),
        apply_url: Some(urls::role_apply(&role.slug)),
        credit: None,
        job_posting: None,
        toc,
        sections,
        related,
        progression: path
            .iter()
            .map(|r| link_view(r, r.slug == role.slug))
            .collect(),
        career_path_url: role
            .discipline
            .as_deref()
            .filter(|_| !path.is_empty())
            .and_then(urls::career_path),
        compare_next: next_level(role, &path)
            .map(|next| (next.title.clone(), urls::compare(&role.slug, &next.slug))),
        open_alike: if status == Status::Open {
            Vec::new()
        } else {
            open_alike(role, cx)
        },
        group_name: group.to_owned(),
        // A role with no level is its own discipline: "Gardener" under
        // "Gardener" says nothing, so the crumb is left out.
        group_url: (cx.listed_groups.contains(group) && !group.eq_ignore_ascii_case(&role.title))
            .then(|| urls::team_listing(group)),
        chrome,
    }
}

/// The site's chrome in a role's own language, when its front matter
/// names one: `<html lang>`, the interface's words and the title's
/// "Careers at ...".
fn chrome_in(chrome: &Chrome, lang: Option<&str>) -> Chrome {
    let mut chrome = chrome.clone();
    let Some(lang) = lang.filter(|l| !l.eq_ignore_ascii_case(&chrome.lang)) else {
        return chrome;
    };
    chrome.lang = lang.to_owned();
    chrome.words = Words::for_lang(Some(lang));
    if !chrome.organisation.is_empty() {
        chrome.careers = (chrome.words.careers_at)(&chrome.organisation);
        chrome.at = (chrome.words.at)(&chrome.organisation);
    } else {
        chrome.careers = chrome.words.careers.to_owned();
    }
    chrome
}

/// The role and its translations, each with its language; empty when the
/// role has none.
fn translation_links(role: &Role, cx: &RoleContext<'_>, chrome: &Chrome) -> Vec<TranslationLink> {
    let Some(group) = cx.translations.get(role.slug.as_str()) else {
        return Vec::new();
    };
    let site_lang = cx.chrome.lang.as_str();
    group
        .iter()
        .map(|r| {
            let lang = r.meta.lang.clone().unwrap_or_else(|| site_lang.to_owned());
            let url = urls::role(&r.slug);
            TranslationLink {
                name: language_name(&lang),
                absolute: chrome.base_url.absolute(&url),
                url,
                lang,
                current: r.slug == role.slug,
            }
        })
        .collect()
}

/// A language's own name ("Français") for a link to a page in it; the tag
/// itself for a language careers has no name for.
fn language_name(tag: &str) -> String {
    let language = tag.split('-').next().unwrap_or(tag).to_ascii_lowercase();
    match language.as_str() {
        "en" => "English".to_owned(),
        "fr" => "Français".to_owned(),
        "cy" => "Cymraeg".to_owned(),
        "ga" => "Gaeilge".to_owned(),
        "de" => "Deutsch".to_owned(),
        "es" => "Español".to_owned(),
        "nl" => "Nederlands".to_owned(),
        _ => tag.to_owned(),
    }
}

/// What a closed role's notice says happened.
fn outcome_words(outcome: Outcome, words: &Words) -> &'static str {
    match outcome {
        Outcome::ReviewingApplications => words.outcome_reviewing,
        Outcome::Filled => words.outcome_filled,
        Outcome::NotFilled => words.outcome_not_filled,
    }
}

/// The sections with nothing to publish, by index: a heading with no text
/// under it and no deeper heading after it (a removed include, a template
/// left half filled). They are not published; `check` says why.
pub(crate) fn empty_sections(role: &Role) -> Vec<usize> {
    let sections = &role.sections;
    (0..sections.len())
        .filter(|&i| {
            let section = &sections[i];
            let deeper_next = sections.get(i + 1).is_some_and(|n| n.level > section.level);
            section.body.source.trim().is_empty() && !deeper_next
        })
        .collect()
}

/// The role one level up a career path, if there is one.
fn next_level<'a>(role: &Role, path: &[&'a Role]) -> Option<&'a Role> {
    let at = path.iter().position(|r| r.slug == role.slug)?;
    path.get(at + 1).copied()
}

/// Open roles in a closed role's discipline, for its notice; empty when there
/// are none (the notice then offers every open role).
fn open_alike(role: &Role, cx: &RoleContext<'_>) -> Vec<RoleLinkView> {
    role.discipline
        .as_ref()
        .and_then(|d| cx.open_by_discipline.get(&d.to_lowercase()))
        .into_iter()
        .flatten()
        .filter(|r| r.slug != role.slug)
        .take(6)
        .map(|r| link_view(r, false))
        .collect()
}

/// An open role's Google for Jobs posting, its description the page's own
/// HTML; `None` when the page does not show a fact a posting needs: where
/// the role is based, the day it was posted, who is hiring.
pub(crate) fn job_posting<'a>(
    role: &'a Role,
    page: &RolePage,
    cx: &RoleContext<'a>,
) -> Option<JobPosting<'a>> {
    let hiring = Hiring {
        organisation: Some(cx.chrome.organisation.as_str()).filter(|o| !o.trim().is_empty())?,
        base_url: &cx.chrome.base_url,
        logo: cx.chrome.logo_url.as_deref(),
        time_zone: cx.time_zone,
    };
    JobPosting::new(
        role,
        description_html(page),
        page.seo.canonical.clone(),
        hiring,
        posted(role, cx.today)?,
    )
}

/// The role's summary and sections as one HTML document, as the page shows them.
fn description_html(page: &RolePage) -> String {
    let size = page.summary_html.len()
        + page
            .sections
            .iter()
            .map(|s| s.html.len() + 64)
            .sum::<usize>();
    let mut html = String::with_capacity(size);
    html.push_str(&page.summary_html);
    for section in &page.sections {
        let tag = if section.level == 3 { "h3" } else { "h2" };
        if !section.heading.is_empty() {
            html.push_str(&format!(
                "<{tag}>{}</{tag}>",
                format::escape_markup(&section.heading)
            ));
        }
        if section.expectations.is_empty() {
            html.push_str(&section.html);
            continue;
        }
        for group in &section.expectations {
            if let Some(name) = &group.name {
                html.push_str(&format!("<h3>{}</h3>", format::escape_markup(name)));
            }
            html.push_str("<ul>");
            for item in &group.items {
                html.push_str(&format!(
                    "<li><p>{}</p>{}</li>",
                    format::escape_markup(&item.title),
                    item.description_html
                ));
            }
            html.push_str("</ul>");
        }
    }
    html
}

fn role_seo(role: &Role, chrome: &Chrome, status: Option<String>) -> Seo {
    let (careers, at) = (&chrome.careers, &chrome.at);
    let description = if role.summary_text.trim().is_empty() {
        format!(
            "{}{at}: the salary, location and what we look for.",
            role.title
        )
    } else {
        format::one_line(&role.summary_text, 160)
    };
    let mut seo = seo(
        chrome,
        format!("{} – {careers}", role.title),
        format!("{}{at}", role.title),
        description,
        &urls::role(&role.slug),
    );
    seo.og_type = "article";
    let card = ShareCard::new(role, &chrome.organisation, status.as_deref());
    seo.image = Some(ShareImage {
        url: chrome.base_url.absolute(&card.path),
        width: Some(share::WIDTH),
        height: Some(share::HEIGHT),
        alt: card.alt,
    });
    seo.large_image = true;
    seo
}

/// The key facts shown beside the title, in a fixed order. What candidates
/// ask first (location, employment type, closing date) says "not stated"
/// rather than leaving its row out; a discipline is labelled as one, not as
/// a team. Dates are the ones every other channel uses: posted (never for a
/// role not open yet), last updated (its file's last commit).
fn facts(role: &Role, status: Status, cx: &RoleContext<'_>, words: &Words) -> Vec<Fact> {
    let group = match (&role.meta.team, &role.discipline) {
        (Some(team), _) => Some((words.team, team.clone())),
        (None, Some(discipline)) => Some((words.discipline, discipline.clone())),
        (None, None) => None,
    };
    let candidates: [(&'static str, Option<String>, bool); 8] = [
        (words.location, role.location.clone(), true),
        (words.level, role.level_name().map(str::to_owned), false),
        (words.grade, role.meta.grade.clone(), false),
        (
            group.as_ref().map_or(words.team, |g| g.0),
            group.as_ref().map(|g| g.1.clone()),
            false,
        ),
        (
            words.employment_type,
            role.meta.employment_type.clone(),
            true,
        ),
        (
            words.posted,
            posted(role, cx.today).map(|d| words.date(d)),
            false,
        ),
        (
            words.last_updated,
            updated(role).map(|d| words.date(d)),
            false,
        ),
        (
            words.closing_date,
            role.meta
                .closes
                .map(|d| closing_text(d, status, (cx.today, cx.time_zone), words)),
            true,
        ),
    ];
    let typed = candidates.into_iter().filter_map(|(label, value, always)| {
        let value = match value.filter(|v| !v.trim().is_empty()) {
            Some(v) => v,
            None if always => words.not_stated.to_owned(),
            None => return None,
        };
        Some(Fact {
            label: label.into(),
            value,
        })
    });
    let eligibility = eligibility_facts(&role.meta.eligibility, words);
    // What the file's facts list says that careers does not type, as written.
    let as_written = role.meta.other_facts.iter().map(|(label, value)| Fact {
        label: label.clone().into(),
        value: value.clone(),
    });
    typed.chain(eligibility).chain(as_written).collect()
}

/// Who can apply from where, visa sponsorship and relocation, each only
/// when the role states it: the rows JSON-LD's `applicantLocationRequirements`
/// and the role JSON repeat.
pub(crate) fn eligibility_facts(eligibility: &Eligibility, words: &Words) -> Vec<Fact> {
    let answer = |stated: Stated, yes: &str, no: &str| match stated {
        Stated::Yes => Some(yes.to_owned()),
        Stated::No => Some(no.to_owned()),
        Stated::NotStated => None,
    };
    [
        (words.can_apply_from, eligibility.apply_from_text()),
        (
            words.visa_sponsorship,
            answer(eligibility.visa_sponsorship, words.visa_yes, words.visa_no),
        ),
        (
            words.relocation_support,
            answer(
                eligibility.relocation,
                words.relocation_yes,
                words.relocation_no,
            ),
        ),
    ]
    .into_iter()
    .filter_map(|(label, value)| {
        Some(Fact {
            label: label.into(),
            value: value?,
        })
    })
    .collect()
}

/// "Closes in 5 days: 31 January 2027, at 11:59pm (Europe/London time)";
/// the time only when the site names its time zone (otherwise the page makes
/// no claim about one). A closed role counts no days: "Closed on 31 August
/// 2026", or "Closed" when its status closed it before its date. Counted
/// from the build date: the site is rebuilt at each midnight while a role
/// has a closing date (see `pipeline::next_closing`).
pub(crate) fn closing_text(
    closes: Date,
    status: Status,
    (today, time_zone): (Date, Option<&jiff::tz::TimeZone>),
    words: &Words,
) -> String {
    let date = words.date(closes);
    if status == Status::Closed {
        return if closes < today {
            (words.closed_on)(&date)
        } else {
            words.closed.to_owned()
        };
    }
    let days = today.until(closes).map_or(0, |span| span.get_days());
    let when = match days {
        ..0 => words.closed.to_owned(),
        0 => words.closes_today.to_owned(),
        1 => words.closes_tomorrow.to_owned(),
        n => (words.closes_in_days)(n),
    };
    match time_zone.and_then(jiff::tz::TimeZone::iana_name) {
        Some(zone) => (words.closes_at)(&when, &date, zone),
        None => (words.closes_on)(&when, &date),
    }
}

fn bands(role: &Role, words: &Words) -> Vec<BandRow> {
    role.salary
        .iter()
        .map(|b| BandRow {
            location: b.location().map(str::to_owned),
            range: words.band_range(b),
            note: b.note().map(str::to_owned),
        })
        .collect()
}

fn section_view(role: &Role, section: &Section, links: &RoleLinks) -> SectionView {
    let expectations = if section.kind == SectionKind::Expectations {
        expectation_groups(role, section, links)
    } else {
        Vec::new()
    };
    SectionView {
        id: section.anchor.clone(),
        heading: section.heading.clone(),
        level: section.level,
        class: kind_class(section.kind),
        html: if expectations.is_empty() {
            markdown::render(&section.body.source, &section.body_anchors, links)
        } else {
            String::new()
        },
        expectations,
    }
}

/// Expectations belong to the section whose anchors hold theirs, or
/// (list-style, without anchors) to the first expectations section.
fn expectation_groups(role: &Role, section: &Section, links: &RoleLinks) -> Vec<ExpectationGroup> {
    let mut groups: Vec<ExpectationGroup> = Vec::new();
    let own = role.expectations.iter().filter(|e| {
        e.anchor
            .as_ref()
            .is_none_or(|a| section.body_anchors.contains(a))
    });
    for e in own {
        if groups.last().is_none_or(|g| g.name != e.group) {
            groups.push(ExpectationGroup {
                name: e.group.clone(),
                items: Vec::new(),
            });
        }
        if let Some(g) = groups.last_mut() {
            g.items.push(ExpectationView {
                id: e.anchor.clone(),
                title: e.title.clone(),
                description_html: markdown::render(&e.description.source, &[], links),
            });
        }
    }
    groups
}

fn kind_class(kind: SectionKind) -> &'static str {
    match kind {
        SectionKind::About => "about",
        SectionKind::RequiredExperience => "required",
        SectionKind::OptionalExperience => "optional",
        SectionKind::Responsibilities => "responsibilities",
        SectionKind::Competencies => "competencies",
        SectionKind::KeyMeasures => "measures",
        SectionKind::Expectations => "expectations",
        SectionKind::Benefits => "benefits",
        SectionKind::Salary => "salary",
        SectionKind::Location => "location",
        SectionKind::Applying => "applying",
        SectionKind::Culture => "culture",
        SectionKind::Other => "other",
    }
}
