//! View builders: typed roles to the ready-to-print structs the templates take.
//! Every value a template shows is decided here; templates only lay it out.

use std::collections::HashMap;

use crate::role::model::{Role, Section, SectionKind, Status};
use crate::site::career::CareerPaths;
use crate::site::format;
use crate::site::listing::ListingQuery;
use crate::site::markdown::{self, RoleLinks};
use crate::site::pages::{
    BandRow, Chrome, ExpectationGroup, ExpectationView, Fact, RoleLinkView, RolePage, RoleRow,
    SectionView,
};
use crate::site::urls;

/// What a role page needs from the rest of the build.
pub(crate) struct RoleContext<'a> {
    /// Header, footer and asset URLs.
    pub chrome: &'a Chrome,
    /// Ladders per discipline.
    pub paths: &'a CareerPaths<'a>,
    /// Roles per listing group (team, else discipline), in listing order.
    pub by_group: &'a HashMap<&'a str, Vec<&'a Role>>,
    /// Where links to role files go.
    pub links: &'a RoleLinks,
}

/// A role as one row (card) of the listing.
pub(crate) fn row(role: &Role) -> RoleRow {
    RoleRow {
        title: role.title.clone(),
        url: urls::role(&role.slug),
        summary: format::one_line(&role.summary_text, 180),
        salary: format::salary_summary(role),
        location: role.location.clone(),
        level: role.level_name().map(str::to_owned),
        closes: role.meta.closes.map(format::date),
        closes_iso: role.meta.closes.map(|d| d.to_string()),
        draft: role.status == Status::Draft,
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
pub(crate) fn role_page(
    role: &Role,
    status: Status,
    apply_url: &str,
    cx: &RoleContext<'_>,
) -> RolePage {
    let sections: Vec<SectionView> = role
        .sections
        .iter()
        .map(|s| section_view(role, s, cx.links))
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
    RolePage {
        chrome: cx.chrome.clone(),
        title: role.title.clone(),
        description: format::one_line(&role.summary_text, 160),
        canonical: cx.chrome.base_url.absolute(&urls::role(&role.slug)),
        summary_html: markdown::render(&role.summary.source, &[], cx.links),
        closed: status == Status::Closed,
        draft: status == Status::Draft,
        facts: facts(role),
        bands: bands(role),
        apply_url: apply_url.to_owned(),
        toc,
        sections,
        related,
        progression: path
            .iter()
            .map(|r| link_view(r, r.slug == role.slug))
            .collect(),
        group_name: group.to_owned(),
        group_url: ListingQuery {
            team: group.to_owned(),
            ..ListingQuery::default()
        }
        .url(1),
    }
}

/// The key facts shown beside the title, in a fixed order.
fn facts(role: &Role) -> Vec<Fact> {
    let candidates: [(&'static str, Option<String>); 6] = [
        ("Location", role.location.clone()),
        ("Level", role.level_name().map(str::to_owned)),
        (
            "Team",
            role.meta.team.clone().or_else(|| role.discipline.clone()),
        ),
        ("Employment type", role.meta.employment_type.clone()),
        ("Posted", role.meta.posted.map(format::date)),
        ("Closing date", role.meta.closes.map(format::date)),
    ];
    candidates
        .into_iter()
        .filter_map(|(label, value)| {
            let value = value.filter(|v| !v.is_empty())?;
            Some(Fact { label, value })
        })
        .collect()
}

fn bands(role: &Role) -> Vec<BandRow> {
    role.salary
        .iter()
        .map(|b| BandRow {
            location: b.location().map(str::to_owned),
            range: format::band_range(b),
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
