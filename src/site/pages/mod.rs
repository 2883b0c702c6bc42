//! The pages stage: typed roles to the pages a person reads.
//!
//! `views` turns roles into template data, `templates` holds one askama
//! struct per template, and the rest are page families: [`compare`] (two
//! roles side by side), `paths` and `career` (career ladders per
//! discipline), [`api`] (the JSON API's shapes) and [`preview`] (the
//! preview's dashboard and overlay).

pub mod api;
pub(crate) mod career;
pub mod compare;
pub(crate) mod journey;
pub(crate) mod paths;
pub mod preview;
pub(crate) mod templates;
pub(crate) mod views;
