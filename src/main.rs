//! The `careers` binary: parse the command line, set up logging, run.

use std::process::ExitCode;

use clap::Parser;
use tracing_subscriber::EnvFilter;

use careers::cli::{Cli, LogFormat};

/// mimalloc instead of the C library's allocator: glibc's malloc kept the
/// heap of every replaced site (resident memory grew with each reload, by
/// measurement), and the request path's few allocations are cheaper. Built
/// without transparent huge pages (`no_thp`): with them every fresh 2 MiB
/// region was zeroed whole on first touch (a third of `serve`'s startup
/// samples at 10,000 roles were the kernel clearing pages, by `perf`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(cli.log_format);
    match careers::cmd::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// Logs go to stderr, as text or one JSON object a line; `RUST_LOG` picks
/// what is logged (by default careers' own events at info).
fn init_logging(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("careers=info,tower_http=warn"));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Text => logs.init(),
        LogFormat::Json => logs.json().init(),
    }
}
