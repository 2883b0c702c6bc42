//! One askama struct per template, each holding ready-to-print view data.

use std::borrow::Cow;

use askama::Template;

use crate::role::model::Currency;
use crate::site::text::words::Words;
use crate::site::urls::BaseUrl;

/// What every page needs from the site.
#[derive(Debug, Clone)]
pub(crate) struct Chrome {
    /// Organisation name; empty when `site.yaml` names none.
    pub(crate) organisation: String,
    /// "Careers at {organisation}", or just "Careers" without one: what
    /// titles end with.
    pub(crate) careers: String,
    /// " at {organisation}", or nothing without one: "Gardener at Hollow Lane".
    pub(crate) at: String,
    /// Public base URL, for absolute links.
    pub(crate) base_url: BaseUrl,
    /// Logo URL, if any.
    pub(crate) logo: Option<String>,
    /// Contact address; empty when not set (the footer then gives none).
    pub(crate) contact_email: String,
    /// Fingerprinted stylesheet URL.
    pub(crate) css_url: String,
    /// Fingerprinted script URL.
    pub(crate) js_url: String,
    /// Fingerprinted favicon URL.
    pub(crate) icon_url: String,
    /// The logo as an absolute URL, for structured data; none without one.
    pub(crate) logo_url: Option<String>,
    /// The live-reload script, in preview only.
    pub(crate) preview_js_url: Option<String>,
    /// The image link previews show for every page; none without a logo.
    pub(crate) share_image: Option<ShareImage>,
    /// The currency the salary filter speaks: the site's, else the one most
    /// yearly bands are in.
    pub(crate) pay_currency: Currency,
    /// `/how-we-hire` when the roles folder has a `_hiring.md`, else none.
    pub(crate) hiring_url: Option<String>,
    /// The page's language tag, for `<html lang>` (the site's `lang`, or a
    /// role's own).
    pub(crate) lang: String,
    /// The interface's words in that language.
    pub(crate) words: &'static Words,
}

/// What a page says about itself to search engines and link previews (Open
/// Graph, Twitter cards): the tags `base.html` writes into every `<head>`.
#[derive(Debug, Clone)]
pub(crate) struct Seo {
    /// `<title>`, different on every page.
    pub(crate) title: String,
    /// `og:title` and `twitter:title`, naming the organisation.
    pub(crate) og_title: String,
    /// Meta, Open Graph and Twitter description.
    pub(crate) description: String,
    /// Absolute canonical URL, also `og:url`.
    pub(crate) canonical: String,
    /// `og:type`: `website`, or `article` for a role.
    pub(crate) og_type: &'static str,
    /// `og:site_name`.
    pub(crate) site_name: String,
    /// `og:image` and `twitter:image`.
    pub(crate) image: Option<ShareImage>,
    /// `<meta name="robots">`, e.g. `noindex, follow` on filtered listings.
    pub(crate) robots: Option<&'static str>,
    /// Whether the image is a full-width card (`summary_large_image`).
    pub(crate) large_image: bool,
    /// The Atom feed of this listing, for `<link rel="alternate">`.
    pub(crate) feed_url: Option<String>,
}

/// The image a link preview shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ShareImage {
    /// Absolute URL.
    pub(crate) url: String,
    /// Width in pixels, when known.
    pub(crate) width: Option<u32>,
    /// Height in pixels, when known.
    pub(crate) height: Option<u32>,
    /// Text for readers who cannot see it.
    pub(crate) alt: String,
}

/// A role's card in the listing: rendered once per build, then copied into
/// every listing page that shows the role, so a search renders no rows.
#[derive(Debug, Template)]
#[template(path = "card.html", whitespace = "minimize")]
pub(crate) struct RoleCard {
    /// The interface's words in the listing's language.
    pub(crate) words: &'static Words,
    /// The role's listing data.
    pub(crate) row: RoleRow,
    /// When the role was posted ("5 October 2026", ISO date), if its file or
    /// history says; never the build date. Not shown for an upcoming role,
    /// which says when it opens instead.
    pub(crate) posted: Option<(String, String)>,
}

/// A role as one row of the listing.
#[derive(Debug, Clone)]
pub(crate) struct RoleRow {
    /// Job title.
    pub(crate) title: String,
    /// `/roles/{slug}`.
    pub(crate) url: String,
    /// One line of summary.
    pub(crate) summary: String,
    /// Salary text, if published.
    pub(crate) salary: Option<String>,
    /// Location, if known.
    pub(crate) location: Option<String>,
    /// Level, if known.
    pub(crate) level: Option<String>,
    /// Closing date, formatted.
    pub(crate) closes: Option<String>,
    /// Closing date as `YYYY-MM-DD` for `<time datetime>`.
    pub(crate) closes_iso: Option<String>,
    /// A draft, shown in preview only.
    pub(crate) draft: bool,
    /// Upcoming: listed, applications not open yet.
    pub(crate) upcoming: bool,
    /// When applications open, formatted, if known.
    pub(crate) opens: Option<String>,
}

/// A group of rows under a team heading.
#[derive(Debug, Clone)]
pub(crate) struct RowGroup<'a> {
    /// Team or discipline; empty for the one list of a folder without teams.
    pub(crate) name: String,
    /// Anchor id for the group heading.
    pub(crate) id: String,
    /// The roles' cards (HTML from [`RoleCard`], rendered once per build), by level.
    pub(crate) cards: Vec<CardView<'a>>,
}

/// One prebuilt card in a listing, with what this query adds to it.
#[derive(Debug, Clone)]
pub(crate) struct CardView<'a> {
    /// The card's HTML up to its closing tag.
    pub(crate) open: &'a str,
    /// The closing tag (`</li>`), or empty when the card had none to split.
    pub(crate) close: &'static str,
    /// Why it matched when the card does not show it: "Remote (UK), which
    /// includes London".
    pub(crate) reason: Option<String>,
}

impl<'a> CardView<'a> {
    /// A prebuilt card, split before its closing tag so a reason can go inside.
    pub(crate) fn new(card: &'a str, reason: Option<String>) -> CardView<'a> {
        match card.trim_end().strip_suffix("</li>") {
            Some(open) => CardView {
                open,
                close: "</li>",
                reason,
            },
            None => CardView {
                open: card,
                close: "",
                reason: None,
            },
        }
    }
}

/// One `<option>` of a filter.
#[derive(Debug, Clone)]
pub(crate) struct Choice {
    /// Value and label.
    pub(crate) value: String,
    /// Whether it is the current filter.
    pub(crate) selected: bool,
}

/// The listing (`/`, and filtered views of it).
#[derive(Template)]
#[template(path = "listing.html", whitespace = "minimize")]
pub(crate) struct ListingPage<'a> {
    /// Site chrome.
    pub(crate) chrome: Chrome,
    /// Head tags.
    pub(crate) seo: Seo,
    /// Groups of roles on this page.
    pub(crate) groups: Vec<RowGroup<'a>>,
    /// How many roles match, across all pages.
    pub(crate) total: usize,
    /// "1 open role" / "12 open roles" / "3 roles match".
    pub(crate) count_text: String,
    /// The page's heading: what it shows ("3 roles matching ‘data’ in
    /// London – page 2 of 3"), or the welcome on the plain listing.
    pub(crate) heading: String,
    /// The message by the minimum salary field when it cannot be read.
    pub(crate) min_salary_error: Option<&'static str>,
    /// " (2 set)" after "Filters", in the page's language; none when no
    /// filter is set.
    pub(crate) filters_set_text: Option<String>,
    /// Whether any filter is applied.
    pub(crate) filtered: bool,
    /// Current free text.
    pub(crate) q: String,
    /// Current minimum salary.
    pub(crate) min_salary: String,
    /// Team choices.
    pub(crate) teams: Vec<Choice>,
    /// Level choices.
    pub(crate) levels: Vec<Choice>,
    /// Location choices.
    pub(crate) locations: Vec<Choice>,
    /// "Can apply from" choices: the places roles say candidates may apply
    /// from; the filter is left out when no role says.
    pub(crate) apply_from: Vec<Choice>,
    /// Link to the previous page.
    pub(crate) prev_url: Option<String>,
    /// Link to the next page.
    pub(crate) next_url: Option<String>,
    /// "Page 2 of 5", when there is more than one page.
    pub(crate) page_text: Option<String>,
    /// Every discipline's career path page.
    pub(crate) career_paths: Vec<RoleLinkView>,
    /// "Did you mean ...?" when a search finds nothing but a near word would.
    pub(crate) suggestion: Option<Suggestion>,
    /// Closed roles the search text names, each linked to its page.
    pub(crate) closed: Vec<RoleLinkView>,
    /// Ways to hear of new roles matching this listing's filters.
    pub(crate) follow: Follow,
    /// The orders the listing can be sorted in.
    pub(crate) sorts: Vec<SortChoice>,
    /// Whether any location choice is remote (they form their own group).
    pub(crate) any_remote: bool,
}

/// One `<option>` of the sort control.
pub(crate) struct SortChoice {
    /// The `sort` value sent (empty for the default order).
    pub(crate) value: &'static str,
    /// What the option says.
    pub(crate) label: &'static str,
    /// Whether it is the current order.
    pub(crate) selected: bool,
}

/// "Follow these roles": the feeds of the current filter and, where the
/// organisation sets one, an email sign-up carrying that feed.
pub(crate) struct Follow {
    /// The Atom feed of the current filter.
    pub(crate) feed_url: String,
    /// The JSON Feed of the current filter.
    pub(crate) json_feed_url: String,
    /// The email sign-up (`alerts_url` in `site.yaml`) with the feed in it.
    pub(crate) alerts_url: Option<String>,
}

/// A search to try instead of one that found nothing.
pub(crate) struct Suggestion {
    /// The free text to try ("engineer").
    pub(crate) q: String,
    /// The listing of that text with the other filters kept.
    pub(crate) url: String,
}

/// A key fact of a role ("Location", "Bristol").
#[derive(Debug, Clone)]
pub(crate) struct Fact {
    /// Label: one of careers' own, or as the file wrote it.
    pub(crate) label: Cow<'static, str>,
    /// Value.
    pub(crate) value: String,
}

/// One salary band on the role page.
#[derive(Debug, Clone)]
pub(crate) struct BandRow {
    /// Location or "All locations".
    pub(crate) location: Option<String>,
    /// "£60,000 to £75,000".
    pub(crate) range: String,
    /// Qualifying words.
    pub(crate) note: Option<String>,
}

/// One expectation on the role page.
#[derive(Debug, Clone)]
pub(crate) struct ExpectationView {
    /// Anchor id.
    pub(crate) id: Option<String>,
    /// The expectation.
    pub(crate) title: String,
    /// Description HTML (sanitised), may be empty.
    pub(crate) description_html: String,
}

/// Expectations under one group heading.
#[derive(Debug, Clone)]
pub(crate) struct ExpectationGroup {
    /// Group heading, if any.
    pub(crate) name: Option<String>,
    /// The expectations.
    pub(crate) items: Vec<ExpectationView>,
}

/// A section of the role page.
#[derive(Debug, Clone)]
pub(crate) struct SectionView {
    /// Anchor id.
    pub(crate) id: String,
    /// Heading as written.
    pub(crate) heading: String,
    /// 2 or 3.
    pub(crate) level: u8,
    /// CSS class naming the kind.
    pub(crate) class: &'static str,
    /// Body HTML (sanitised); unused when `expectations` is not empty.
    pub(crate) html: String,
    /// Expectations, for an expectations section.
    pub(crate) expectations: Vec<ExpectationGroup>,
}

/// A link to another role.
#[derive(Debug, Clone)]
pub(crate) struct RoleLinkView {
    /// Title.
    pub(crate) title: String,
    /// URL.
    pub(crate) url: String,
    /// Whether this is the page's own role.
    pub(crate) current: bool,
}

/// A role page (`/roles/{slug}`).
#[derive(Template)]
#[template(path = "role.html", whitespace = "minimize")]
pub(crate) struct RolePage {
    /// Site chrome.
    pub(crate) chrome: Chrome,
    /// Head tags.
    pub(crate) seo: Seo,
    /// Job title.
    pub(crate) title: String,
    /// Summary HTML (sanitised).
    pub(crate) summary_html: String,
    /// Whether the role is closed.
    pub(crate) closed: bool,
    /// The email address applications go to, when the apply address is a
    /// `mailto:`: printed as itself under the Apply button.
    pub(crate) apply_email: Option<String>,
    /// The role's translations and the role itself, each with its
    /// language; empty when it has none (`<link rel="alternate" hreflang>`
    /// and a visible link to each other one).
    pub(crate) translations: Vec<TranslationLink>,
    /// What happened to a closed role, in words ("This role has been
    /// filled."), when its front matter `outcome` says.
    pub(crate) outcome: Option<&'static str>,
    /// Upcoming: the page says when applications open, with no Apply button.
    pub(crate) upcoming: bool,
    /// When applications open, formatted, if known.
    pub(crate) opens: Option<String>,
    /// A draft, shown in preview only.
    pub(crate) draft: bool,
    /// Key facts.
    pub(crate) facts: Vec<Fact>,
    /// Salary bands.
    pub(crate) bands: Vec<BandRow>,
    /// "Pay under review" or "Pay not stated" when there are no bands.
    pub(crate) pay_words: Option<&'static str>,
    /// Where the Apply buttons go: `/roles/{slug}/apply`, which redirects to
    /// the real address with the campaign's parameters; none (no button)
    /// when neither the role nor the site gives an address.
    pub(crate) apply_url: Option<String>,
    /// Where the role's text comes from (`credits` in `site.yaml`), shown
    /// as a short line under it.
    pub(crate) credit: Option<String>,
    /// An open role's `JobPosting` JSON-LD, escaped for a script element.
    pub(crate) job_posting: Option<String>,
    /// Table of contents: (id, heading, level).
    pub(crate) toc: Vec<(String, String, u8)>,
    /// Sections in order.
    pub(crate) sections: Vec<SectionView>,
    /// Other roles in the same team or discipline.
    pub(crate) related: Vec<RoleLinkView>,
    /// The discipline's levels, junior to senior, when there are several.
    pub(crate) progression: Vec<RoleLinkView>,
    /// The discipline's career path page, when it has one.
    pub(crate) career_path_url: Option<String>,
    /// "Compare with the next level": (the next level's title, the comparison).
    pub(crate) compare_next: Option<(String, String)>,
    /// A closed role's way on: open roles in its discipline (none: every open role).
    pub(crate) open_alike: Vec<RoleLinkView>,
    /// Breadcrumb: the listing filtered to this role's team.
    pub(crate) group_name: String,
    /// URL of that filtered listing; none when it would show no role.
    pub(crate) group_url: Option<String>,
}

/// The not-found page (and other errors).
#[derive(Template)]
#[template(path = "error.html", whitespace = "minimize")]
pub(crate) struct ErrorPage {
    /// Site chrome.
    pub(crate) chrome: Chrome,
    /// Head tags.
    pub(crate) seo: Seo,
    /// Heading.
    pub(crate) title: String,
    /// Explanation.
    pub(crate) message: String,
    /// A few open roles to offer instead.
    pub(crate) suggestions: Vec<RoleLinkView>,
}

/// A role in one language, for the links between translations.
#[derive(Debug, Clone)]
pub(crate) struct TranslationLink {
    /// Its language tag (`fr`).
    pub(crate) lang: String,
    /// The language's own name ("Français").
    pub(crate) name: String,
    /// Its page's path.
    pub(crate) url: String,
    /// Its page's absolute URL, for `hreflang` links.
    pub(crate) absolute: String,
    /// Whether it is the page's own role.
    pub(crate) current: bool,
}

/// A page of the site written in Markdown beside the roles ("How we hire").
#[derive(Template)]
#[template(path = "guide.html", whitespace = "minimize")]
pub(crate) struct GuidePage {
    /// Site chrome.
    pub(crate) chrome: Chrome,
    /// Head tags.
    pub(crate) seo: Seo,
    /// Heading: the file's first `# ` heading.
    pub(crate) title: String,
    /// The rest of the file, rendered and sanitised.
    pub(crate) html: String,
}

/// The accessibility statement.
#[derive(Template)]
#[template(path = "accessibility.html", whitespace = "minimize")]
pub(crate) struct AccessibilityPage {
    /// Site chrome.
    pub(crate) chrome: Chrome,
    /// Head tags.
    pub(crate) seo: Seo,
    /// The explanation under the heading, naming the organisation when set.
    pub(crate) lede: String,
    /// "This website is partially compliant with WCAG 2.2 AA.", when the
    /// organisation states it.
    pub(crate) compliance: Option<String>,
    /// Content known not to be accessible, as the organisation lists it.
    pub(crate) known_issues: Vec<String>,
    /// Where to report a problem: (link, text), when an address is given.
    pub(crate) contact: Option<(String, String)>,
    /// "This statement was last reviewed on 30 November 2026.", when the
    /// organisation gives the day.
    pub(crate) reviewed: Option<String>,
}

/// One diagnostic on the preview dashboard.
#[derive(Debug, Clone)]
pub(crate) struct DashboardProblem {
    /// File name.
    pub(crate) file: String,
    /// `line:col`.
    pub(crate) position: String,
    /// Error (else warning).
    pub(crate) error: bool,
    /// Stable code.
    pub(crate) code: String,
    /// What is wrong.
    pub(crate) message: String,
    /// How to fix it.
    pub(crate) hint: Option<String>,
}

/// How one role was read, on the preview dashboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DashboardRole {
    /// Title.
    pub(crate) title: String,
    /// Source file name.
    pub(crate) file: String,
    /// Site path.
    pub(crate) url: String,
    /// Absolute URL, as a search result shows it.
    pub(crate) absolute_url: String,
    /// Status as written.
    pub(crate) status: &'static str,
    /// Shown as its last good version because the file no longer reads.
    pub(crate) stale: bool,
    /// (heading, kind) of every section.
    pub(crate) sections: Vec<(String, String)>,
    /// Salary bands in words.
    pub(crate) bands: Vec<String>,
    /// Required experience items.
    pub(crate) required: usize,
    /// Optional experience items.
    pub(crate) optional: usize,
    /// Expectations.
    pub(crate) expectations: usize,
    /// Errors in this file.
    pub(crate) errors: usize,
    /// Warnings in this file.
    pub(crate) warnings: usize,
    /// The page title a search engine shows.
    pub(crate) search_title: String,
    /// The description a search engine or link card shows.
    pub(crate) description: String,
    /// Pay-law and wording findings in this file (the compliance column).
    pub(crate) compliance: Vec<String>,
}

/// One role on the preview dashboard, rendered on its own so a rebuild
/// renders again only the roles whose row changed.
#[derive(Template)]
#[template(path = "dashboard_role.html", whitespace = "minimize")]
pub(crate) struct DashboardRoleCard<'a> {
    /// The role as read.
    pub(crate) r: &'a DashboardRole,
    /// "Careers at ...", as a link card shows it.
    pub(crate) careers: &'a str,
}

/// The preview dashboard (`/_preview`).
#[derive(Template)]
#[template(path = "dashboard.html", whitespace = "minimize")]
pub(crate) struct DashboardPage {
    /// Site chrome.
    pub(crate) chrome: Chrome,
    /// Head tags.
    pub(crate) seo: Seo,
    /// Every diagnostic, errors first.
    pub(crate) problems: Vec<DashboardProblem>,
    /// Error count.
    pub(crate) errors: usize,
    /// Warning count.
    pub(crate) warnings: usize,
    /// Every role's rendered [`DashboardRoleCard`], those with problems first.
    pub(crate) roles: Vec<std::sync::Arc<str>>,
}

/// `/sitemap.xml`: the listing and every open role.
#[derive(Template)]
#[template(path = "sitemap.xml", whitespace = "minimize")]
pub(crate) struct SitemapPage {
    /// One entry per page, the listing first.
    pub(crate) urls: Vec<SitemapUrl>,
}

/// One `<url>` of the sitemap.
#[derive(Debug, Clone)]
pub(crate) struct SitemapUrl {
    /// Absolute URL.
    pub(crate) loc: String,
    /// `YYYY-MM-DD`: when the page last changed, when known.
    pub(crate) lastmod: Option<String>,
}

/// `/feed.xml` (and filtered feeds): open roles as Atom, newest first.
#[derive(Template)]
#[template(path = "feed.xml", whitespace = "minimize")]
pub(crate) struct FeedPage {
    /// Feed title, naming the organisation and any filters.
    pub(crate) title: String,
    /// The feed's own absolute URL: its id and `rel="self"` link.
    pub(crate) id: String,
    /// The listing the feed follows.
    pub(crate) alternate_url: String,
    /// RFC 3339: the newest entry's date; none when no entry has one.
    pub(crate) updated: Option<String>,
    /// The organisation; none when `site.yaml` names none.
    pub(crate) author: Option<String>,
    /// The roles.
    pub(crate) entries: Vec<FeedEntry>,
}

/// One role in the feed.
#[derive(Debug, Clone)]
pub(crate) struct FeedEntry {
    /// Absolute URL of the role's page, also the entry's id.
    pub(crate) url: String,
    /// Job title.
    pub(crate) title: String,
    /// RFC 3339: the day the role was posted, when known.
    pub(crate) published: Option<String>,
    /// RFC 3339: the day the role last changed (else was posted), when known.
    pub(crate) updated: Option<String>,
    /// Team or discipline.
    pub(crate) category: Option<String>,
    /// Plain-text summary, with location and salary when known.
    pub(crate) summary: String,
}

/// In the static export, `roles/{slug}/apply.html`: where the server would
/// redirect, as a page that moves on by itself (no script).
#[derive(Template)]
#[template(path = "apply.html", whitespace = "minimize")]
pub(crate) struct ApplyPage {
    /// Site chrome.
    pub(crate) chrome: Chrome,
    /// Head tags.
    pub(crate) seo: Seo,
    /// Job title.
    pub(crate) title: String,
    /// The role's page.
    pub(crate) page: String,
    /// Where applications go (a closed role's page, for a closed role).
    pub(crate) target: String,
}

/// A discipline's career path (`/paths/{discipline}`).
#[derive(Template)]
#[template(path = "path.html", whitespace = "minimize")]
pub(crate) struct PathPage {
    /// Site chrome.
    pub(crate) chrome: Chrome,
    /// Head tags.
    pub(crate) seo: Seo,
    /// The discipline ("Reliability Engineer").
    pub(crate) discipline: String,
    /// One entry per level, junior first.
    pub(crate) levels: Vec<PathLevel>,
    /// Pay by level as inline SVG (escaped when drawn).
    pub(crate) chart_svg: String,
    /// The chart's figures as table rows.
    pub(crate) pay_rows: Vec<PayRow>,
    /// Links comparing each level with the next.
    pub(crate) compare_steps: Vec<RoleLinkView>,
}

/// One level of a career path.
#[derive(Debug, Clone)]
pub(crate) struct PathLevel {
    /// "Senior".
    pub(crate) level: String,
    /// The role's title.
    pub(crate) title: String,
    /// `/roles/{slug}`.
    pub(crate) url: String,
    /// "Open", "Closed" or "Draft".
    pub(crate) status: &'static str,
    /// Whether it takes applications.
    pub(crate) open: bool,
    /// Pay in one line, or "Pay under review" / "Pay not stated".
    pub(crate) pay: String,
}

/// One row of a pay table: a level's band for one location.
#[derive(Debug, Clone)]
pub(crate) struct PayRow {
    /// "Senior".
    pub(crate) level: String,
    /// "London", or "All locations".
    pub(crate) location: String,
    /// "£60,000 to £75,000", or the pay state in words.
    pub(crate) pay: String,
}

/// Two roles side by side (`/compare/{a}...{b}`), or the form alone (`/compare`).
#[derive(Template)]
#[template(path = "compare.html", whitespace = "minimize")]
pub(crate) struct ComparePage {
    /// Site chrome.
    pub(crate) chrome: Chrome,
    /// Head tags (always `noindex`).
    pub(crate) seo: Seo,
    /// "Compare A and B", or "Compare two roles".
    pub(crate) title: String,
    /// The first role, when comparing.
    pub(crate) first: Option<RoleLinkView>,
    /// The second role, when comparing.
    pub(crate) second: Option<RoleLinkView>,
    /// Key facts, both roles.
    pub(crate) facts: Vec<CompareFact>,
    /// Experience and expectations, item by item.
    pub(crate) sections: Vec<DiffSection>,
    /// The form's first select.
    pub(crate) first_choices: Vec<CompareChoice>,
    /// The form's second select.
    pub(crate) second_choices: Vec<CompareChoice>,
}

/// One key fact of both roles.
#[derive(Debug, Clone)]
pub(crate) struct CompareFact {
    /// "Salary".
    pub(crate) label: &'static str,
    /// The first role's value, one line each.
    pub(crate) first: Vec<String>,
    /// The second role's value.
    pub(crate) second: Vec<String>,
}

/// One list compared: the first role's items and the second's, each marked.
#[derive(Debug, Clone)]
pub(crate) struct DiffSection {
    /// Anchor id.
    pub(crate) id: String,
    /// "Required experience".
    pub(crate) heading: String,
    /// The first role's items: Kept, Changed or Dropped.
    pub(crate) first: Vec<DiffItem>,
    /// The second role's items: Kept, Changed or Added.
    pub(crate) second: Vec<DiffItem>,
    /// "12 added, 5 dropped, 2 kept, 0 changed".
    pub(crate) summary: String,
}

/// One item of a compared list.
#[derive(Debug, Clone)]
pub(crate) struct DiffItem {
    /// "Added", "Dropped", "Kept" or "Changed": the mark in words.
    pub(crate) mark: &'static str,
    /// CSS class of the mark.
    pub(crate) class: &'static str,
    /// The item as written.
    pub(crate) text: String,
    /// For a changed item of the second role: the first role's wording.
    pub(crate) was: Option<String>,
}

/// One `<option>` of the comparison form.
#[derive(Debug, Clone)]
pub(crate) struct CompareChoice {
    /// The role's slug (the value sent).
    pub(crate) slug: String,
    /// The role's title (the label).
    pub(crate) title: String,
    /// Whether it is selected.
    pub(crate) selected: bool,
}
