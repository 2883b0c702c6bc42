//! careers: a folder of Markdown role files served as a fast careers site.
//!
//! The pipeline reads top to bottom and data flows one way:
//! [`role`] (text to typed roles) -> `site` (typed roles to rendered bytes)
//! -> `server` (bytes to HTTP) -> `cmd` (one file per subcommand).

pub mod cli;
pub mod cmd;
pub mod role;
pub mod server;
pub mod site;
