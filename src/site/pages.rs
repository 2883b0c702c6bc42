//! One askama struct per template, each holding ready-to-print view data.

use askama::Template;

use crate::site::urls::BaseUrl;

/// What every page needs from the site.
#[derive(Debug, Clone)]
pub struct Chrome {
    /// Organisation name.
    pub organisation: String,
    /// Public base URL, for absolute links.
    pub base_url: BaseUrl,
    /// Logo URL, if any.
    pub logo: Option<String>,
    /// Contact address.
    pub contact_email: String,
    /// Fingerprinted stylesheet URL.
    pub css_url: String,
    /// Fingerprinted script URL.
    pub js_url: String,
    /// Fingerprinted favicon URL.
    pub icon_url: String,
    /// The live-reload script, in preview only.
    pub preview_js_url: Option<String>,
}

/// A role's card in the listing: rendered once per build, then copied into
/// every listing page that shows the role, so a search renders no rows.
#[derive(Debug, Template)]
#[template(path = "card.html", whitespace = "minimize")]
pub struct RoleCard {
    /// The role's listing data.
    pub row: RoleRow,
}

/// A role as one row of the listing.
#[derive(Debug, Clone)]
pub struct RoleRow {
    /// Job title.
    pub title: String,
    /// `/roles/{slug}`.
    pub url: String,
    /// One line of summary.
    pub summary: String,
    /// Salary text, if published.
    pub salary: Option<String>,
    /// Location, if known.
    pub location: Option<String>,
    /// Level, if known.
    pub level: Option<String>,
    /// Closing date, formatted.
    pub closes: Option<String>,
    /// Closing date as `YYYY-MM-DD` for `<time datetime>`.
    pub closes_iso: Option<String>,
    /// A draft, shown in preview only.
    pub draft: bool,
}

/// A group of rows under a team heading.
#[derive(Debug, Clone)]
pub struct RowGroup<'a> {
    /// Team or discipline.
    pub name: String,
    /// Anchor id for the group heading.
    pub id: String,
    /// The roles' cards (HTML from [`RoleCard`], rendered once per build), by level.
    pub cards: Vec<&'a str>,
}

/// One `<option>` of a filter.
#[derive(Debug, Clone)]
pub struct Choice {
    /// Value and label.
    pub value: String,
    /// Whether it is the current filter.
    pub selected: bool,
}

/// The listing (`/`, and filtered views of it).
#[derive(Template)]
#[template(path = "listing.html", whitespace = "minimize")]
pub struct ListingPage<'a> {
    /// Site chrome.
    pub chrome: Chrome,
    /// Page `<title>`.
    pub page_title: String,
    /// Groups of roles on this page.
    pub groups: Vec<RowGroup<'a>>,
    /// How many roles match, across all pages.
    pub total: usize,
    /// "1 open role" / "12 open roles" / "3 roles match".
    pub count_text: String,
    /// Whether any filter is applied.
    pub filtered: bool,
    /// Current free text.
    pub q: String,
    /// Current minimum salary.
    pub min_salary: String,
    /// Team choices.
    pub teams: Vec<Choice>,
    /// Level choices.
    pub levels: Vec<Choice>,
    /// Location choices.
    pub locations: Vec<Choice>,
    /// Link to the previous page.
    pub prev_url: Option<String>,
    /// Link to the next page.
    pub next_url: Option<String>,
    /// "Page 2 of 5", when there is more than one page.
    pub page_text: Option<String>,
}

/// A key fact of a role ("Location", "Bristol").
#[derive(Debug, Clone)]
pub struct Fact {
    /// Label.
    pub label: &'static str,
    /// Value.
    pub value: String,
}

/// One salary band on the role page.
#[derive(Debug, Clone)]
pub struct BandRow {
    /// Location or "All locations".
    pub location: Option<String>,
    /// "£60,000 to £75,000".
    pub range: String,
    /// Qualifying words.
    pub note: Option<String>,
}

/// One expectation on the role page.
#[derive(Debug, Clone)]
pub struct ExpectationView {
    /// Anchor id.
    pub id: Option<String>,
    /// The expectation.
    pub title: String,
    /// Description HTML (sanitised), may be empty.
    pub description_html: String,
}

/// Expectations under one group heading.
#[derive(Debug, Clone)]
pub struct ExpectationGroup {
    /// Group heading, if any.
    pub name: Option<String>,
    /// The expectations.
    pub items: Vec<ExpectationView>,
}

/// A section of the role page.
#[derive(Debug, Clone)]
pub struct SectionView {
    /// Anchor id.
    pub id: String,
    /// Heading as written.
    pub heading: String,
    /// 2 or 3.
    pub level: u8,
    /// CSS class naming the kind.
    pub class: &'static str,
    /// Body HTML (sanitised); unused when `expectations` is not empty.
    pub html: String,
    /// Expectations, for an expectations section.
    pub expectations: Vec<ExpectationGroup>,
}

/// A link to another role.
#[derive(Debug, Clone)]
pub struct RoleLinkView {
    /// Title.
    pub title: String,
    /// URL.
    pub url: String,
    /// Level.
    pub level: Option<String>,
    /// Whether this is the page's own role.
    pub current: bool,
}

/// A role page (`/roles/{slug}`).
#[derive(Template)]
#[template(path = "role.html", whitespace = "minimize")]
pub struct RolePage {
    /// Site chrome.
    pub chrome: Chrome,
    /// Job title.
    pub title: String,
    /// Meta description.
    pub description: String,
    /// Canonical URL.
    pub canonical: String,
    /// Summary HTML (sanitised).
    pub summary_html: String,
    /// Whether the role is closed.
    pub closed: bool,
    /// A draft, shown in preview only.
    pub draft: bool,
    /// Key facts.
    pub facts: Vec<Fact>,
    /// Salary bands.
    pub bands: Vec<BandRow>,
    /// Where to apply.
    pub apply_url: String,
    /// Table of contents: (id, heading, level).
    pub toc: Vec<(String, String, u8)>,
    /// Sections in order.
    pub sections: Vec<SectionView>,
    /// Other roles in the same team or discipline.
    pub related: Vec<RoleLinkView>,
    /// The discipline's levels, junior to senior, when there are several.
    pub progression: Vec<RoleLinkView>,
    /// Breadcrumb: the listing filtered to this role's team.
    pub group_name: String,
    /// URL of that filtered listing.
    pub group_url: String,
}

/// The not-found page (and other errors).
#[derive(Template)]
#[template(path = "error.html", whitespace = "minimize")]
pub struct ErrorPage {
    /// Site chrome.
    pub chrome: Chrome,
    /// Heading.
    pub title: String,
    /// Explanation.
    pub message: String,
    /// A few open roles to offer instead.
    pub suggestions: Vec<RoleLinkView>,
}

/// One diagnostic on the preview dashboard.
#[derive(Debug, Clone)]
pub struct DashboardProblem {
    /// File name.
    pub file: String,
    /// `line:col`.
    pub position: String,
    /// Error (else warning).
    pub error: bool,
    /// Stable code.
    pub code: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

/// How one role was read, on the preview dashboard.
#[derive(Debug, Clone)]
pub struct DashboardRole {
    /// Title.
    pub title: String,
    /// Source file name.
    pub file: String,
    /// Site path.
    pub url: String,
    /// Absolute URL, as a search result shows it.
    pub absolute_url: String,
    /// Status as written.
    pub status: &'static str,
    /// Shown as its last good version because the file no longer reads.
    pub stale: bool,
    /// (heading, kind) of every section.
    pub sections: Vec<(String, String)>,
    /// Salary bands in words.
    pub bands: Vec<String>,
    /// Required experience items.
    pub required: usize,
    /// Optional experience items.
    pub optional: usize,
    /// Expectations.
    pub expectations: usize,
    /// Errors in this file.
    pub errors: usize,
    /// Warnings in this file.
    pub warnings: usize,
    /// The page title a search engine shows.
    pub search_title: String,
    /// The description a search engine or link card shows.
    pub description: String,
}

/// The preview dashboard (`/_preview`).
#[derive(Template)]
#[template(path = "dashboard.html", whitespace = "minimize")]
pub struct DashboardPage {
    /// Site chrome.
    pub chrome: Chrome,
    /// Every diagnostic, errors first.
    pub problems: Vec<DashboardProblem>,
    /// Error count.
    pub errors: usize,
    /// Warning count.
    pub warnings: usize,
    /// Every role, those with problems first.
    pub roles: Vec<DashboardRole>,
}
