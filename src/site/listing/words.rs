//! The listing's words: its heading, head tags, counts and feed, from a
//! [`ListingQuery`] and what it matched.

use jiff::civil::Date;

use crate::role::model::{Currency, Role};
use crate::site::listing::query::ListingQuery;
use crate::site::pages::templates::{Chrome, FeedPage, Seo};
use crate::site::pages::views::{atom_date, feed_entry, lastmod, seo, xml_text};
use crate::site::text::format;
use crate::site::text::words::Words;
use crate::site::urls;

/// The head tags of a listing page. A filtered or paged listing says what it
/// shows in its title (so no two share one), is kept out of search indexes
/// (`noindex, follow`: its roles are reached through the plain listing) and
/// names the plain listing as canonical. Each links to its own feed.
pub(crate) fn listing_seo(
    chrome: &Chrome,
    query: &ListingQuery,
    (page, pages): (usize, usize),
    (total, upcoming): (usize, usize),
) -> Seo {
    let (careers, at) = (&chrome.careers, &chrome.at);
    let filters = match filter_words(query, chrome.pay_currency) {
        words if words.is_empty() => "every open role".to_owned(),
        words => words,
    };
    let roles = open_count(total, upcoming);
    let page_words = if page > 1 {
        format!(", page {page}")
    } else {
        String::new()
    };
    // An unreadable minimum salary filters nothing, but its page shows the error.
    let (title, og_title, description) = if !query.is_filtered() {
        (
            if page > 1 {
                format!("Open roles{page_words} – {careers}")
            } else {
                careers.to_string()
            },
            careers.to_string(),
            format!("{roles}{at}, each with its salary, location and what we look for."),
        )
    } else {
        (
            format!(
                "{}{} – {careers}",
                if query.min_salary_error().is_some() {
                    "Error: "
                } else {
                    ""
                },
                listing_heading(
                    query,
                    (total, page, pages),
                    chrome.pay_currency,
                    chrome.words
                )
            ),
            format!("Open roles{at}: {filters}"),
            format!("{roles}{at} matching {filters}."),
        )
    };
    let mut seo = seo(chrome, title, og_title, description, urls::HOME);
    // The page asked for, not the one shown: `?page=9` of a short listing shows
    // page 1, and is still not the address to index.
    if query.is_filtered() || query.page_number() > 1 {
        seo.robots = Some("noindex, follow");
    }
    seo.feed_url = Some(query.feed_url());
    seo
}

/// "6 open roles, 1 opening soon": listed roles that take applications, then
/// those that will; `total` counts both.
pub(crate) fn open_count(total: usize, upcoming: usize) -> String {
    let open = total.saturating_sub(upcoming);
    let plural = if open == 1 { "" } else { "s" };
    match upcoming {
        0 => format!("{open} open role{plural}"),
        n => format!("{open} open role{plural}, {n} opening soon"),
    }
}

/// The filters of a query in words: `“roses”, Grounds, from £30,000`; empty
/// for the plain listing.
fn filter_words(query: &ListingQuery, currency: Currency) -> String {
    let mut filters: Vec<String> = Vec::new();
    if !query.q.is_empty() {
        filters.push(format!("“{}”", query.q));
    }
    for values in [&query.team, &query.level, &query.location] {
        if !values.is_empty() {
            filters.push(values.join(" or "));
        }
    }
    if !query.from.is_empty() {
        filters.push(format!("open to {}", query.from.join(" or ")));
    }
    if let Some(min) = query.min_salary() {
        filters.push(format!("from {}", format::money(min, currency.symbol())));
    }
    filters.join(", ")
}

/// What a filtered or paged listing shows, in words, for its heading and
/// title: "3 roles matching ‘data’ in London – page 2 of 3"; a minimum
/// salary is written in `currency`.
pub(crate) fn listing_heading(
    query: &ListingQuery,
    (total, page, pages): (usize, usize, usize),
    currency: Currency,
    words: &Words,
) -> String {
    let mut text = (words.heading_roles)(total, query.is_filtered());
    let or = |values: &[String]| values.join(words.or);
    if !query.q.is_empty() {
        text.push_str(&(words.heading_matching)(&query.q));
    }
    for (values, phrase) in [
        (&query.team, words.heading_team),
        (&query.level, words.heading_level),
        (&query.location, words.heading_location),
        (&query.from, words.heading_from),
    ] {
        if !values.is_empty() {
            text.push_str(&phrase(&or(values)));
        }
    }
    if let Some(min) = query.min_salary() {
        text.push_str(&(words.heading_paying)(&format::money(
            min,
            currency.symbol(),
        )));
    }
    if pages > 1 {
        text.push_str(&(words.heading_page)(page, pages));
    }
    text
}

/// An Atom feed of `roles` (already in feed order) for a listing query.
pub(crate) fn feed_page(
    chrome: &Chrome,
    query: &ListingQuery,
    roles: &[&Role],
    today: Date,
) -> FeedPage {
    let at = &chrome.at;
    let filters = filter_words(query, chrome.pay_currency);
    let title = if filters.is_empty() {
        format!("Open roles{at}")
    } else {
        format!("Open roles{at}: {filters}")
    };
    let updated = roles.iter().filter_map(|r| lastmod(r, today)).max();
    FeedPage {
        title: xml_text(&title),
        id: xml_text(&chrome.base_url.absolute(&query.feed_url())),
        alternate_url: xml_text(&chrome.base_url.absolute(&query.url(1))),
        updated: updated.map(atom_date),
        author: Some(xml_text(&chrome.organisation)).filter(|a| !a.is_empty()),
        entries: roles.iter().map(|r| feed_entry(r, chrome, today)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::urls::BaseUrl;

    fn chrome() -> Chrome {
        Chrome {
            organisation: "Hollow Lane".into(),
            careers: "Careers at Hollow Lane".into(),
            at: " at Hollow Lane".into(),
            base_url: BaseUrl::new("https://jobs.example"),
            logo: None,
            contact_email: String::new(),
            css_url: String::new(),
            js_url: String::new(),
            icon_url: String::new(),
            preview_js_url: None,
            logo_url: None,
            share_image: None,
            pay_currency: Currency::Gbp,
            hiring_url: None,
            lang: "en-GB".into(),
            words: &crate::site::text::words::EN,
        }
    }

    #[test]
    fn listing_titles_say_what_is_shown_and_only_the_plain_listing_is_indexed() {
        let plain = listing_seo(&chrome(), &ListingQuery::default(), (1, 1), (3, 0));
        assert_eq!(plain.title, "Careers at Hollow Lane");
        assert_eq!(plain.robots, None);
        assert_eq!(plain.canonical, "https://jobs.example/");
        assert_eq!(plain.feed_url.as_deref(), Some("/feed.xml"));
        let paged = ListingQuery {
            page: "2".into(),
            ..ListingQuery::default()
        };
        let second = listing_seo(&chrome(), &paged, (2, 3), (300, 0));
        assert_eq!(second.title, "Open roles, page 2 – Careers at Hollow Lane");
        assert_eq!(second.robots, Some("noindex, follow"));
        assert_eq!(second.canonical, "https://jobs.example/");
        let filtered = ListingQuery {
            q: "roses".into(),
            team: vec!["Grounds".into()],
            min_salary: "30k".into(),
            ..ListingQuery::default()
        }
        .canonical();
        let seo = listing_seo(&chrome(), &filtered, (1, 1), (1, 0));
        assert_eq!(
            seo.title,
            "1 role matching ‘roses’ in Grounds paying from £30,000 – Careers at Hollow Lane"
        );
        let paged = ListingQuery {
            q: "data".into(),
            location: vec!["London".into()],
            page: "2".into(),
            ..ListingQuery::default()
        };
        assert_eq!(
            listing_seo(&chrome(), &paged, (2, 3), (3, 0)).title,
            "3 roles matching ‘data’ in London – page 2 of 3 – Careers at Hollow Lane"
        );
        let unreadable = ListingQuery {
            min_salary: "eighty thousand".into(),
            ..ListingQuery::default()
        };
        assert!(
            listing_seo(&chrome(), &unreadable.canonical(), (1, 1), (12, 0))
                .title
                .starts_with("Error: 12 roles"),
            "an error page says so first in its title"
        );
        assert_eq!(
            seo.description,
            "1 open role at Hollow Lane matching “roses”, Grounds, from £30,000."
        );
        assert_eq!(seo.robots, Some("noindex, follow"));
        assert_eq!(
            seo.feed_url.as_deref(),
            Some("/feed.xml?q=roses&team=Grounds&min_salary=30000")
        );
    }
}
