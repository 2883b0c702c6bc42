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
    /// The image link previews show for every page; none without a logo.
    pub share_image: Option<ShareImage>,
}

/// What a page says about itself to search engines and link previews (Open
/// Graph, Twitter cards): the tags `base.html` writes into every `<head>`.
#[derive(Debug, Clone)]
pub struct Seo {
    /// `<title>`, different on every page.
    pub title: String,
    /// `og:title` and `twitter:title`, naming the organisation.
    pub og_title: String,
    /// Meta, Open Graph and Twitter description.
    pub description: String,
    /// Absolute canonical URL, also `og:url`.
    pub canonical: String,
    /// `og:type`: `website`, or `article` for a role.
    pub og_type: &'static str,
    /// `og:site_name`.
    pub site_name: String,
    /// `og:image` and `twitter:image`.
    pub image: Option<ShareImage>,
    /// `<meta name="robots">`, e.g. `noindex, follow` on filtered listings.
    pub robots: Option<&'static str>,
    /// The Atom feed of this listing, for `<link rel="alternate">`.
    pub feed_url: Option<String>,
}

/// The image a link preview shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareImage {
    /// Absolute URL.
    pub url: String,
    /// Width in pixels, when known.
    pub width: Option<u32>,
    /// Height in pixels, when known.
    pub height: Option<u32>,
    /// Text for readers who cannot see it.
    pub alt: String,
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
    /// Head tags.
    pub seo: Seo,
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
    /// Head tags.
    pub seo: Seo,
    /// Job title.
    pub title: String,
    /// Summary HTML (sanitised).
    pub summary_html: String,
    /// Whether the role is closed.
    pub closed: bool,
    /// Key facts.
    pub facts: Vec<Fact>,
    /// Salary bands.
    pub bands: Vec<BandRow>,
    /// Where the Apply buttons go: `/roles/{slug}/apply`, which redirects to
    /// the real address with the campaign's parameters.
    pub apply_url: String,
    /// An open role's `JobPosting` JSON-LD, escaped for a script element.
    pub job_posting: Option<String>,
    /// Table of contents: (id, heading, level).
    pub toc: Vec<(String, String, u8)>,
    /// Sections in order.
    pub sections: Vec<SectionView>,
    /// Other roles in the same team or discipline.
    pub related: Vec<RoleLinkView>,
    /// The discipline's levels, junior to senior, when there are several.
    pub progression: Vec<RoleLinkView>,
    /// A closed role's way on: open roles in its discipline (none: every open role).
    pub open_alike: Vec<RoleLinkView>,
    /// Breadcrumb: the listing filtered to this role's team.
    pub group_name: String,
    /// URL of that filtered listing; none when it would show no role.
    pub group_url: Option<String>,
}

/// The not-found page (and other errors).
#[derive(Template)]
#[template(path = "error.html", whitespace = "minimize")]
pub struct ErrorPage {
    /// Site chrome.
    pub chrome: Chrome,
    /// Head tags.
    pub seo: Seo,
    /// Heading.
    pub title: String,
    /// Explanation.
    pub message: String,
    /// A few open roles to offer instead.
    pub suggestions: Vec<RoleLinkView>,
}

/// `/sitemap.xml`: the listing and every open role.
#[derive(Template)]
#[template(path = "sitemap.xml", whitespace = "minimize")]
pub struct SitemapPage {
    /// One entry per page, the listing first.
    pub urls: Vec<SitemapUrl>,
}

/// One `<url>` of the sitemap.
#[derive(Debug, Clone)]
pub struct SitemapUrl {
    /// Absolute URL.
    pub loc: String,
    /// `YYYY-MM-DD`.
    pub lastmod: String,
}

/// `/feed.xml` (and filtered feeds): open roles as Atom, newest first.
#[derive(Template)]
#[template(path = "feed.xml", whitespace = "minimize")]
pub struct FeedPage {
    /// Feed title, naming the organisation and any filters.
    pub title: String,
    /// The feed's own absolute URL: its id and `rel="self"` link.
    pub id: String,
    /// The listing the feed follows.
    pub alternate_url: String,
    /// RFC 3339: the newest entry's date.
    pub updated: String,
    /// The organisation.
    pub author: String,
    /// The roles.
    pub entries: Vec<FeedEntry>,
}

/// One role in the feed.
#[derive(Debug, Clone)]
pub struct FeedEntry {
    /// Absolute URL of the role's page, also the entry's id.
    pub url: String,
    /// Job title.
    pub title: String,
    /// RFC 3339: posted, else the build date.
    pub updated: String,
    /// Team or discipline.
    pub category: Option<String>,
    /// Plain-text summary, with location and salary when known.
    pub summary: String,
}

/// In the static export, `roles/{slug}/apply.html`: where the server would
/// redirect, as a page that moves on by itself (no script).
#[derive(Template)]
#[template(path = "apply.html", whitespace = "minimize")]
pub struct ApplyPage {
    /// Site chrome.
    pub chrome: Chrome,
    /// Head tags.
    pub seo: Seo,
    /// Job title.
    pub title: String,
    /// The role's page.
    pub page: String,
    /// Where applications go (a closed role's page, for a closed role).
    pub target: String,
}
