//! `careers serve`: build through the pipeline, then serve from memory. A
//! broken role file is logged and left out; the rest of the site is served.
//! SIGHUP rebuilds through the same pipeline and swaps the site whole; a
//! rebuild that fails keeps the old site and logs why. So does the moment a
//! role's closing date passes. A file caught half-saved at a reload (empty,
//! cut short, front matter that does not parse, not UTF-8) keeps its last
//! good version, logged; a file that reads but has an error is left out, as
//! at startup.

use std::process::ExitCode;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use anyhow::Context;
use jiff::Timestamp;
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::cli::ServeArgs;
use crate::server::{self, AppState, Limits, Ops};
use crate::site::{Mode, Pipeline, PipelineOptions, Site};

/// Serves until Ctrl-C or SIGTERM.
pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let options = PipelineOptions {
        base_url: args.base_url.clone(),
        git_history: true,
        skip_review: true,
        role_pages_later: true,
    };
    let ops = Arc::new(
        Ops::starting()
            .with_access_log(args.access_log)
            .with_metrics(args.metrics_addr.is_some()),
    );
    let cannot = || format!("cannot serve `{}`", args.roles.display());
    let mut pipeline = Pipeline::open(&args.roles, Mode::Publish, options).with_context(cannot)?;
    let (site, next_change) = build(&mut pipeline, &ops).with_context(cannot)?;
    let state = AppState::shared(site).with_ops(ops);
    let (schedule, due) = watch::channel(next_change);
    let open_files = server::raise_open_file_limit();
    let limits = Limits {
        header_read_timeout: Duration::from_secs(args.header_timeout.max(1)),
        idle_timeout: Duration::from_secs(args.idle_timeout.max(1)),
        send_timeout: Duration::from_secs(args.send_timeout.max(1)),
        max_connections: args
            .max_connections
            .unwrap_or_else(|| server::connection_cap(open_files))
            .max(1),
        shutdown_grace: Duration::from_secs(args.shutdown_grace),
    };
    tracing::info!(
        open_files,
        max_connections = limits.max_connections,
        "connection cap"
    );

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
        let rebuilder = Rebuilder {
            pipeline: Arc::new(Mutex::new(pipeline)),
            state: state.clone(),
            schedule,
        };
        let whole = rebuilder.clone();
        std::thread::spawn(move || whole.serve_whole_site(started));
        tokio::spawn(reload_on_hangup(rebuilder.clone()));
        tokio::spawn(expire_on_time(rebuilder, due));
        if let Some(addr) = args.metrics_addr {
            serve_metrics(addr, state.clone()).await?;
        }
        server::serve(listener, state, limits, shutdown_signal())
            .await
            .context("server failed")
    })?;
    Ok(ExitCode::SUCCESS)
}

/// One run of the pipeline into memory, every file read again, diagnostics
/// logged; with it, when the next role closes by its date. Each diagnostic
/// is logged with its file, line and code as fields too, so the JSON log
/// format can be searched by them.
fn build(pipeline: &mut Pipeline, ops: &Ops) -> anyhow::Result<(Arc<Site>, Option<Timestamp>)> {
    let (site, build) = pipeline.rebuild(Timestamp::now(), None)?;
    for d in build.diagnostics.iter() {
        let (file, line, code) = (d.path.display(), d.line, d.code.as_str());
        if d.is_error() {
            tracing::error!(%file, line, code, "{d}");
        } else {
            tracing::warn!(%file, line, code, "{d}");
        }
    }
    if let Some(metrics) = &ops.metrics {
        metrics.record_diagnostics(&build.diagnostics);
        metrics.record_site(&site);
    }
    Ok((site, build.next_change))
}

/// Binds the metrics listener and serves it in the background.
async fn serve_metrics(addr: std::net::SocketAddr, state: AppState) -> anyhow::Result<()> {
    let listener = TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen for metrics on {addr}"))?;
    tracing::info!("metrics on http://{addr}/metrics");
    tokio::spawn(async move {
        if let Err(error) = server::probes::serve(listener, state, shutdown_signal()).await {
            tracing::error!(%error, "the metrics listener failed");
        }
    });
    Ok(())
}

/// Rebuilds the served site through the pipeline, from any trigger.
#[derive(Clone)]
struct Rebuilder {
    /// The one pipeline, which remembers each file's last good version.
    pipeline: Arc<Mutex<Pipeline>>,
    state: AppState,
    /// When the next role closes; every rebuild updates it.
    schedule: watch::Sender<Option<Timestamp>>,
}

impl Rebuilder {
    /// After the first answer: renders the role pages the first build left
    /// for later, serves the whole site and wakes the requests that wait for
    /// it, then compresses every page; the server is ready then. A reload
    /// that came first has served a whole site already: that one is
    /// compressed.
    fn serve_whole_site(&self, started: Instant) {
        let site = {
            let mut pipeline = self.pipeline.lock().unwrap_or_else(PoisonError::into_inner);
            match pipeline.complete_role_pages() {
                Ok(Some(whole)) => {
                    // Swapped while the pipeline is held, so no reload's
                    // newer site can be replaced by this one.
                    let first = self.state.site.swap(Arc::clone(&whole));
                    first.role_pages_served();
                    if let Some(metrics) = &self.state.ops.metrics {
                        metrics.record_site(&whole);
                    }
                    whole
                }
                Ok(None) => self.state.site.load_full(),
                Err(error) => {
                    tracing::error!("cannot render the role pages: {error:#}");
                    std::process::exit(1);
                }
            }
        };
        let rendered = started.elapsed().as_millis();
        let ops = Arc::clone(&self.state.ops);
        Site::compress_in_background(&site, move |_| {
            ops.mark_ready();
            tracing::info!(
                sites_alive = Site::alive(),
                "every page compressed {} ms after start (every page rendered by {rendered} ms)",
                started.elapsed().as_millis()
            );
        });
    }

    /// Builds on a blocking thread and swaps the site whole; a failure keeps
    /// the site being served.
    async fn rebuild(&self, why: &'static str) {
        let started = Instant::now();
        let pipeline = Arc::clone(&self.pipeline);
        let ops = Arc::clone(&self.state.ops);
        let built = tokio::task::spawn_blocking(move || {
            // A rebuild that panicked leaves the pipeline as it was: usable.
            let mut pipeline = pipeline.lock().unwrap_or_else(PoisonError::into_inner);
            build(&mut pipeline, &ops)
        })
        .await;
        if let Some(metrics) = &self.state.ops.metrics {
            metrics.record_rebuild(started.elapsed(), matches!(built, Ok(Ok(_))));
        }
        match built {
            Ok(Ok((site, next_change))) => {
                let listed = site.listed_count();
                Site::compress_in_background(&site, |_| {});
                self.state.site.store(site);
                let _ = self.schedule.send(next_change);
                tracing::info!(
                    listed,
                    why,
                    ms = started.elapsed().as_millis(),
                    sites_alive = Site::alive(),
                    "rebuilt the site"
                );
            }
            Ok(Err(error)) => {
                tracing::error!(
                    why,
                    "rebuild failed, still serving the previous site: {error:#}"
                );
            }
            Err(error) => tracing::error!(%error, "rebuild task failed"),
        }
    }
}

/// A role whose closing date passes leaves the listing then, not at the next
/// restart: sleep until the next closing instant and rebuild.
async fn expire_on_time(rebuilder: Rebuilder, mut due: watch::Receiver<Option<Timestamp>>) {
    loop {
        let next = *due.borrow_and_update();
        let wait = next.map(|at| {
            let left = at.duration_since(Timestamp::now());
            // A second late rather than early: the build judges by the clock.
            Duration::try_from(left).unwrap_or(Duration::ZERO) + Duration::from_secs(1)
        });
        tokio::select! {
            () = sleep_or_forever(wait) => rebuilder.rebuild("a closing date passed").await,
            changed = due.changed() => if changed.is_err() { return },
        }
    }
}

async fn sleep_or_forever(wait: Option<Duration>) {
    match wait {
        Some(wait) => tokio::time::sleep(wait).await,
        None => std::future::pending().await,
    }
}

/// SIGHUP rebuilds the site through the pipeline.
#[cfg(unix)]
async fn reload_on_hangup(rebuilder: Rebuilder) {
    use tokio::signal::unix::{SignalKind, signal};
    let Ok(mut hangups) = signal(SignalKind::hangup()) else {
        tracing::warn!("cannot listen for SIGHUP; reload by restarting");
        return;
    };
    while hangups.recv().await.is_some() {
        rebuilder.rebuild("SIGHUP").await;
    }
}

#[cfg(not(unix))]
async fn reload_on_hangup(_rebuilder: Rebuilder) {}

/// Ctrl-C or SIGTERM.
pub(crate) async fn shutdown_signal() {
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
