//! The JSON Feed (<https://jsonfeed.org/version/1.1>) of a listing query:
//! the Atom feed's entries, in its order, for readers and automations that
//! prefer JSON. Rendered from the same `FeedPage` view as
//! the Atom feed, so the two never disagree.

use serde::Serialize;

use crate::site::listing::ListingQuery;
use crate::site::{CachePolicy, Page, PageKind, RenderError, Site, pages::views};

/// The media type jsonfeed.org registers.
pub const JSON_FEED_TYPE: &str = "application/feed+json";

/// The feed document.
#[derive(Serialize)]
struct JsonFeed {
    version: &'static str,
    title: String,
    home_page_url: String,
    feed_url: String,
    /// The organisation, when the site names one (never a made-up name).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<Author>,
    items: Vec<Item>,
}

/// The organisation, as the feed's author.
#[derive(Serialize)]
struct Author {
    name: String,
}

/// One open role.
#[derive(Serialize)]
struct Item {
    id: String,
    url: String,
    title: String,
    /// The Atom entry's summary: location, pay, then the role's summary.
    content_text: String,
    /// Only the posted day the role's page shows: never the build date.
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
}

impl Site {
    /// Renders the JSON Feed of a query: the Atom feed's entries.
    pub(crate) fn render_json_feed(&self, query: &ListingQuery) -> Result<Page, RenderError> {
        let roles = self.feed_roles(query);
        let atom = crate::site::listing::words::feed_page(&self.chrome, query, &roles, self.today);
        let items = atom
            .entries
            .into_iter()
            .zip(&roles)
            .map(|(entry, role)| Item {
                id: entry.url.clone(),
                url: entry.url,
                title: entry.title,
                content_text: entry.summary,
                date_published: views::posted(role, self.today).map(|d| format!("{d}T00:00:00Z")),
                tags: entry.category.into_iter().collect(),
            })
            .collect();
        let feed = JsonFeed {
            version: "https://jsonfeed.org/version/1.1",
            title: atom.title,
            home_page_url: atom.alternate_url,
            feed_url: self.chrome.base_url.absolute(&query.json_feed_url()),
            authors: atom
                .author
                .map(|name| Author { name })
                .into_iter()
                .collect(),
            items,
        };
        let body = serde_json::to_vec_pretty(&feed).map_err(|source| RenderError::Json {
            page: query.json_feed_url(),
            source,
        })?;
        Ok(Page::new(
            PageKind::Feed,
            JSON_FEED_TYPE,
            CachePolicy::Revalidate,
            body,
        ))
    }
}
