//! `careers serve`: build through the pipeline, then serve from memory. A
//! broken role file is logged and left out; the rest of the site is served.
//! SIGHUP rebuilds through the same pipeline and swaps the site whole; a
//! rebuild that fails keeps the old site and logs why.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use tokio::net::TcpListener;

use crate::cli::ServeArgs;
use crate::server::{self, AppState, Limits};
use crate::site::{Build, PipelineOptions, Sink, Site, build_from_dir};

/// Serves until Ctrl-C or SIGTERM.
pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let options = PipelineOptions {
        base_url: args.base_url.clone(),
    };
    let site = build(&args.roles, &options)
        .with_context(|| format!("cannot serve `{}`", args.roles.display()))?;
    let rendered = started.elapsed().as_millis();
    let state = AppState::new(site);
    compress_in_background(&state, move |elapsed| {
        tracing::info!(
            "every page compressed {} ms after start (pages rendered by {rendered} ms)",
            elapsed.as_millis()
        );
    });
    let limits = Limits {
        header_read_timeout: Duration::from_secs(args.header_timeout.max(1)),
        idle_timeout: Duration::from_secs(args.idle_timeout.max(1)),
        max_connections: args.max_connections.max(1),
        shutdown_grace: Duration::from_secs(args.shutdown_grace),
    };

    let runtime = tokio::runtime::Runtime::new().context("failed to start the async runtime")?;
    runtime.block_on(async {
        let listener = TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("cannot listen on {}", args.addr))?;
        tracing::info!(
            "serving {} open roles on http://{} (ready in {} ms)",
            state.site.load().listed_count(),
            args.addr,
            started.elapsed().as_millis()
        );
        tokio::spawn(reload_on_hangup(args.roles.clone(), options, state.clone()));
        server::serve(listener, state, limits, shutdown_signal())
            .await
            .context("server failed")
    })?;
    Ok(ExitCode::SUCCESS)
}

/// One run of the pipeline into memory, diagnostics logged.
fn build(roles: &Path, options: &PipelineOptions) -> anyhow::Result<Site> {
    let build: Build = build_from_dir(roles, jiff::Timestamp::now(), Sink::Memory, options)?;
    for d in &build.diagnostics {
        if d.is_error() {
            tracing::error!("{d}");
        } else {
            tracing::warn!("{d}");
        }
    }
    build.site.context("the pipeline rendered no site")
}

/// Compresses every page off the request path: until a page's variants are
/// ready the server sends the identity bytes, so no response waits.
fn compress_in_background(state: &AppState, done: impl FnOnce(Duration) + Send + 'static) {
    let site = state.site.load_full();
    let started = Instant::now();
    std::thread::spawn(move || {
        site.compress_all();
        done(started.elapsed());
    });
}

/// SIGHUP: rebuild on a blocking thread and swap the site whole.
#[cfg(unix)]
async fn reload_on_hangup(roles: PathBuf, options: PipelineOptions, state: AppState) {
    use tokio::signal::unix::{SignalKind, signal};
    let Ok(mut hangups) = signal(SignalKind::hangup()) else {
        tracing::warn!("cannot listen for SIGHUP; reload by restarting");
        return;
    };
    while hangups.recv().await.is_some() {
        let started = Instant::now();
        let dir = roles.clone();
        let options = options.clone();
        match tokio::task::spawn_blocking(move || build(&dir, &options)).await {
            Ok(Ok(site)) => {
                let listed = site.listed_count();
                state.site.store(Arc::new(site));
                compress_in_background(&state, |_| {});
                tracing::info!(
                    listed,
                    ms = started.elapsed().as_millis(),
                    "reloaded the site"
                );
            }
            Ok(Err(error)) => {
                tracing::error!("reload failed, still serving the previous site: {error:#}");
            }
            Err(error) => tracing::error!(%error, "reload task failed"),
        }
    }
}

#[cfg(not(unix))]
async fn reload_on_hangup(_roles: PathBuf, _options: PipelineOptions, _state: AppState) {}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
