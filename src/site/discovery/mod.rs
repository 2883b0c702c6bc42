//! The discovery stage: what tells the world about the roles beyond their
//! pages: [`jobposting`] (Google for Jobs JSON-LD), [`json_feed`] (the JSON
//! Feed beside the Atom feed) and [`share`] (the share image per role).

pub mod jobposting;
pub mod json_feed;
pub mod share;
