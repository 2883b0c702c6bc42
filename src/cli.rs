//! The command line: `serve` (the default), `check` and `build`.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// A fast careers site from a folder of Markdown role files.
#[derive(Debug, Parser)]
#[command(name = "careers", version, about)]
pub struct Cli {
    /// What to do; `serve` when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the site over HTTP.
    Serve(ServeArgs),
    /// Read every role file and report problems; exit 1 on any error.
    Check(CheckArgs),
    /// Write the site to a folder: the same bytes the server sends.
    Build(BuildArgs),
}

/// Options of `careers serve`.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// Folder of role files.
    #[arg(long, env = "CAREERS_ROLES", default_value = "roles")]
    pub roles: PathBuf,
    /// Address to listen on.
    #[arg(long, env = "CAREERS_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,
}

impl Default for ServeArgs {
    fn default() -> ServeArgs {
        ServeArgs {
            roles: PathBuf::from("roles"),
            addr: SocketAddr::from(([127, 0, 0, 1], 3000)),
        }
    }
}

/// Options of `careers check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Folder of role files.
    #[arg(long, default_value = "roles")]
    pub roles: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// How `check` prints diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `path:line:col: severity[code]: message`.
    Human,
    /// One JSON document with every diagnostic and the counts.
    Json,
    /// GitHub Actions workflow commands (pull-request annotations).
    Github,
}

/// Options of `careers build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Folder of role files.
    #[arg(long, default_value = "roles")]
    pub roles: PathBuf,
    /// Folder to write the site to.
    #[arg(long)]
    pub out: PathBuf,
}
