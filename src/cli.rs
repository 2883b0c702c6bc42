//! The command line: `serve` (the default), `preview`, `check`, `build` and `diff`.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// A fast careers site from a folder of Markdown role files.
#[derive(Debug, Parser)]
#[command(
    name = "careers",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// What to do; `serve` when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// `serve`'s options, so that `careers --roles DIR` (and `CAREERS_ROLES`)
    /// work without naming the subcommand.
    #[command(flatten)]
    pub serve: ServeArgs,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the site over HTTP.
    Serve(ServeArgs),
    /// Serve the site with drafts, following edits live, for the people who
    /// write the roles.
    Preview(PreviewArgs),
    /// Read every role file and report problems; exit 1 on any error.
    Check(CheckArgs),
    /// Write the site to a folder: the same bytes the server sends.
    Build(BuildArgs),
    /// Say what an edit to the roles changes for candidates, role by role
    /// (for the pull request that publishes it); always exits 0 once it ran.
    Diff(DiffArgs),
}

/// Options of `careers serve`.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// Folder of role files.
    #[arg(long, env = "CAREERS_ROLES", default_value = "roles")]
    pub roles: PathBuf,
    /// Public URL of the site, for absolute links (canonical, sitemap, feed);
    /// over `base_url` in site.yaml.
    #[arg(long, env = "CAREERS_BASE_URL", value_name = "URL")]
    pub base_url: Option<String>,
    /// Address to listen on.
    #[arg(long, env = "CAREERS_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,
    /// Seconds a client has to send a request's headers (also how long an
    /// idle HTTP/1 keep-alive connection stays open).
    #[arg(long, value_name = "SECONDS", default_value_t = 15)]
    pub header_timeout: u64,
    /// Seconds a connection may sit with no request before it is closed.
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    pub idle_timeout: u64,
    /// Seconds a client may leave a response untaken (a write the socket
    /// cannot accept) before its connection is closed, like nginx's
    /// `send_timeout`.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub send_timeout: u64,
    /// Connections served at once (default: from the open-file limit, which
    /// `serve` raises to its hard limit). At the cap a new connection closes
    /// the oldest idle one; only when all are busy does it get a quick 503.
    #[arg(long, value_name = "N")]
    pub max_connections: Option<usize>,
    /// Seconds shutdown waits for in-flight requests before cutting them
    /// (idle connections are closed at once).
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    pub shutdown_grace: u64,
}

/// Options of `careers preview`.
#[derive(Debug, Clone, clap::Args)]
pub struct PreviewArgs {
    /// Folder of role files.
    #[arg(long, default_value = "roles")]
    pub roles: PathBuf,
    /// Address to listen on: loopback only, unless `--share`.
    #[arg(long, default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,
    /// Let others open the preview: any address is allowed, and every request
    /// needs the random token printed at start (a ready link).
    #[arg(long)]
    pub share: bool,
}

/// Options of `careers check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Folder of role files.
    #[arg(long, default_value = "roles")]
    pub roles: PathBuf,
    /// Public URL of the site, for absolute links (canonical, sitemap, feed);
    /// over `base_url` in site.yaml.
    #[arg(long, env = "CAREERS_BASE_URL", value_name = "URL")]
    pub base_url: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// List every front matter key careers does not read (the summary only
    /// counts them).
    #[arg(long, short)]
    pub verbose: bool,
}

/// How `check` and `diff` print their report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Lines for a person (`check`: `path:line:col: severity[code]: message`).
    Human,
    /// One JSON document, for tools.
    Json,
    /// GitHub Actions workflow commands (pull-request annotations); `diff`
    /// adds a Markdown summary after them.
    Github,
}

/// Options of `careers build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Folder of role files.
    #[arg(long, default_value = "roles")]
    pub roles: PathBuf,
    /// Folder to write the site to: empty, missing, or written by careers
    /// before (it keeps a manifest there and removes only files it wrote).
    #[arg(long)]
    pub out: PathBuf,
    /// Write into a folder that holds files careers did not write (they are
    /// kept; a file where a page goes is overwritten).
    #[arg(long)]
    pub force: bool,
    /// Public URL of the site, for absolute links (canonical, sitemap, feed);
    /// over `base_url` in site.yaml.
    #[arg(long, env = "CAREERS_BASE_URL", value_name = "URL")]
    pub base_url: Option<String>,
    /// Write the site without the role files that have errors, list them,
    /// and exit 1; without it, any error means nothing is written.
    #[arg(long)]
    pub keep_going: bool,
}

/// Options of `careers diff`.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// Folder of role files before the edit (e.g. the base branch's `roles`).
    pub old: PathBuf,
    /// Folder of role files after the edit; paths in the report are under it.
    pub new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Judge closing dates on this day (YYYY-MM-DD) instead of today (UTC),
    /// e.g. to see what a change means on the day it goes live.
    #[arg(long, value_name = "DATE")]
    pub today: Option<jiff::civil::Date>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("careers").chain(args.iter().copied()))
    }

    #[test]
    fn serve_options_work_without_the_subcommand() {
        let cli = parse(&["--roles", "elsewhere", "--addr", "127.0.0.1:8080"])
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(cli.command.is_none());
        assert_eq!(cli.serve.roles, PathBuf::from("elsewhere"));
        assert_eq!(cli.serve.addr.port(), 8080);
        let cli = parse(&["serve", "--roles", "here"]).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            matches!(cli.command, Some(Command::Serve(ServeArgs { ref roles, .. })) if roles == &PathBuf::from("here"))
        );
    }

    #[test]
    fn other_subcommands_do_not_take_serve_options() {
        assert!(parse(&["--addr", "127.0.0.1:8080", "check"]).is_err());
        let cli = parse(&["check", "--roles", "x"]).unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(cli.command, Some(Command::Check(_))));
    }

    #[test]
    fn diff_takes_two_folders_a_format_and_a_day() {
        let cli = parse(&[
            "diff",
            "a/roles",
            "b/roles",
            "--format",
            "json",
            "--today",
            "2026-11-23",
        ])
        .unwrap_or_else(|e| panic!("{e}"));
        let Some(Command::Diff(args)) = cli.command else {
            panic!("not diff: {cli:?}");
        };
        assert_eq!((args.old, args.new), ("a/roles".into(), "b/roles".into()));
        assert_eq!(args.format, Format::Json);
        assert_eq!(args.today, Some(jiff::civil::date(2026, 11, 23)));
        assert!(
            parse(&["diff", "a/roles"]).is_err(),
            "both folders are needed"
        );
        assert!(parse(&["diff", "a", "b", "--today", "23/11/2026"]).is_err());
    }
}
