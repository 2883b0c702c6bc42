//! careers: a folder of Markdown role files served as a fast careers site.
//!
//! The pipeline reads top to bottom and data flows one way:
//! [`role`] (text to typed roles) -> `site` (typed roles to rendered bytes)
//! -> `server` (bytes to HTTP) -> `cmd` (one file per subcommand). Beside
//! `site`, [`diff`] compares two readings of a folder and words the changes
//! for a pull request; `cli` holds the command line `cmd` runs.

pub mod cli;
pub mod cmd;
pub mod diff;
pub mod role;
pub mod server;
pub mod site;
