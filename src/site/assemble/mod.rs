//! The assembly stage: from a roles folder to a [`Site`](super::Site).
//!
//! [`pipeline`] is the one way in (read the files, keep each file's last good
//! reading, render); [`stages`] renders every page as named stages; `reuse`
//! says what a rebuild may take from the site before it, `findings` what it
//! may take from the last review of each role; `memo` bounds the
//! pages made on request; [`readiness`] counts what a probe reports;
//! [`later`] lets `serve`'s first build answer before its role pages are
//! rendered; `assets` holds the static files.

pub(crate) mod assets;
pub(crate) mod findings;
pub mod later;
pub(crate) mod memo;
pub mod pipeline;
pub mod readiness;
pub(crate) mod reuse;
pub mod stages;
