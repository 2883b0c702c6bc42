//! `careers serve`: build through the pipeline, then serve from memory. A broken role file is
//! logged and left out; the rest of the site is served.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use tokio::net::TcpListener;

use crate::cli::ServeArgs;
use crate::server::{self, AppState};
use crate::site::{Sink, build_from_dir};

/// Serves until Ctrl-C or SIGTERM.
pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let build = build_from_dir(&args.roles, jiff::Timestamp::now(), Sink::Memory)
        .with_context(|| format!("cannot serve `{}`", args.roles.display()))?;
    for d in &build.diagnostics {
        if d.is_error() {
            tracing::error!("{d}");
        } else {
            tracing::warn!("{d}");
        }
    }
    let rendered = started.elapsed().as_millis();
    let site = build.site.context("the pipeline rendered no site")?;
    let state = AppState::new(site);
    // Compress off the request path: until a page's variants are ready the
    // server sends the identity bytes, so the first response never waits.
    let site = Arc::clone(&state.site);
    std::thread::spawn(move || {
        site.load().compress_all();
        tracing::info!(
            "every page compressed {} ms after start (pages rendered by {rendered} ms)",
            started.elapsed().as_millis()
        );
    });

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
        server::serve(listener, state, shutdown_signal())
            .await
            .context("server failed")
    })?;
    Ok(ExitCode::SUCCESS)
}

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
