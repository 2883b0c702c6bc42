//! Text to typed role: reading role files into [`Role`]s.
//!
//! Nothing here knows about HTML or HTTP. [`parse::parse`] is pure; [`load()`]
//! is the only code in this module that touches the filesystem.

pub(crate) mod anchor;
pub mod compliance;
pub mod diagnostic;
pub mod eligibility;
pub(crate) mod front_matter;
pub(crate) mod headings;
pub mod load;
pub mod mapping;
pub mod model;
pub mod parse;
pub mod pay;
pub mod place;
pub mod salary;
pub mod url;

pub use diagnostic::{Code, Diagnostic, LineIndex, Severity};
pub use load::{
    Catalogue, KeepLastGood, Kept, LoadError, ReadCache, RoleFile, load, load_cached, load_in,
};
pub use mapping::Mapping;
pub use mapping::ReadOptions;
pub use model::{Currency, DateOrder, Period, Role, SalaryBand, Slug, Status};
pub use parse::{BodyAsRead, Parsed, body_as_read, parse, parse_in};
pub use pay::{PayState, PayStateName};
pub use url::{UrlRefused, check_url};

/// A site's mapping (`site.yaml` `front_matter:` and `headings:`), checked
/// against the front matter keys the reader knows.
pub fn site_mapping<'a>(
    front_matter: impl IntoIterator<Item = (&'a str, &'a str)>,
    headings: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<Mapping, String> {
    Mapping::new(&front_matter::our_key_names(), front_matter, headings)
}
