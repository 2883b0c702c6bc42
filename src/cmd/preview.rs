//! `careers preview`: the site as `serve` shows it, plus drafts, a watcher on
//! the roles folder, live reload in open tabs, an error overlay and a
//! dashboard. A save that breaks a role keeps its last good version on show.
//!
//! Pages go out uncompressed here, so a rebuild never waits on gzip or brotli.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use arc_swap::ArcSwap;
use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use tokio::net::TcpListener;
use tokio::sync::{broadcast, watch};

use crate::cli::PreviewArgs;
use crate::role::ReadCache;
use crate::server::preview::{PreviewState, new_token};
use crate::server::{self, AppState, Limits, Ops};
use crate::site::{Mode, Sink, Site, read_dir_cached};

/// How long the watcher waits for a burst of events (an editor's save is a
/// few) to settle before rebuilding once.
const DEBOUNCE: Duration = Duration::from_millis(30);

/// Previews until Ctrl-C or SIGTERM.
pub fn run(args: PreviewArgs) -> anyhow::Result<ExitCode> {
    if !args.share && !args.addr.ip().is_loopback() {
        bail!(
            "preview listens on loopback only (127.0.0.1 or ::1); to show {} to others use `--share`, which requires a token",
            args.addr
        );
    }
    let token = if args.share {
        Some(new_token().context("cannot make a share token")?)
    } else {
        None
    };
    let mut previewer = Previewer::new(&args.roles);
    let site = previewer
        .rebuild(None, None)
        .with_context(|| format!("cannot preview `{}`", args.roles.display()))?;
    let state = AppState::new(site).with_ops(Ops::ready().with_access_log(args.access_log));
    let (changes, _) = broadcast::channel(16);
    let (stop, stopping) = watch::channel(false);
    let _watcher = watch_folder(previewer, Arc::clone(&state.site), changes.clone())?;
    let preview = PreviewState {
        changes,
        site: Arc::clone(&state.site),
        stopping,
        token: token.clone(),
    };
    let app = server::preview_router(state, preview);
    let runtime = tokio::runtime::Runtime::new().context("failed to start the async runtime")?;
    runtime.block_on(async {
        let listener = TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("cannot listen on {}", args.addr))?;
        match &token {
            Some(token) => eprintln!(
                "Sharing the preview. Send this link (the token is printed once):\n  http://{}/?token={token}",
                args.addr
            ),
            None => eprintln!(
                "Previewing `{}` on http://{}/ (dashboard: http://{}/_preview). Save a role file and open pages follow.",
                args.roles.display(),
                args.addr,
                args.addr
            ),
        }
        let shutdown = async move {
            super::serve::shutdown_signal().await;
            // Ends the live-reload streams, which would hold shutdown forever.
            let _ = stop.send(true);
        };
        server::connections::serve(listener, app, Limits::default(), shutdown)
            .await
            .context("server failed")
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Reads and renders the folder for preview, every file afresh. A file that
/// no longer reads keeps the version `previous` showed, until it is fixed.
pub fn rebuild(dir: &Path, previous: Option<&Site>) -> anyhow::Result<Site> {
    Previewer::new(dir).rebuild(None, previous)
}

/// The preview's memory between rebuilds: each file's last reading, so a
/// save re-reads only the files that changed, and the site shares every page
/// the change cannot affect.
#[derive(Debug)]
pub struct Previewer {
    dir: PathBuf,
    cache: ReadCache,
}

impl Previewer {
    /// A previewer of `dir` that has read nothing yet.
    pub fn new(dir: &Path) -> Previewer {
        Previewer {
            dir: dir.to_owned(),
            cache: ReadCache::default(),
        }
    }

    /// Builds the preview after the files in `changed` changed (`None`: any
    /// may have), reusing what `previous` holds.
    pub fn rebuild(
        &mut self,
        changed: Option<&HashSet<PathBuf>>,
        previous: Option<&Site>,
    ) -> anyhow::Result<Site> {
        let started = Instant::now();
        let mut reading = read_dir_cached(&self.dir, &mut self.cache, changed)?;
        let read_ms = started.elapsed().as_millis();
        if let Some(previous) = previous {
            keep_last_good(&mut reading, previous);
        }
        for d in &reading.catalogue.diagnostics {
            tracing::debug!("{d}");
        }
        let now = jiff::Timestamp::now();
        let names: Option<HashSet<String>> = changed.map(|paths| {
            paths
                .iter()
                .filter_map(|p| Some(p.file_name()?.to_string_lossy().into_owned()))
                .chain(reading.stale.iter().cloned())
                .collect()
        });
        let build = match (previous, &names) {
            (Some(previous), Some(names)) => {
                reading.render_after(now, Mode::Preview, previous, names)?
            }
            _ => reading.render(now, Sink::Memory, Mode::Preview)?,
        };
        tracing::debug!(
            read_ms,
            total_ms = started.elapsed().as_millis(),
            "preview rebuild"
        );
        build.site.context("the pipeline rendered no site")
    }
}

fn keep_last_good(reading: &mut crate::site::Reading, previous: &Site) {
    let catalogue = &mut reading.catalogue;
    let broken: Vec<String> = catalogue
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .filter_map(|d| Some(d.path.file_name()?.to_string_lossy().into_owned()))
        .collect();
    for file in broken {
        let loaded = catalogue.roles.iter().any(|r| r.source_file == file);
        let Some(old) = previous.roles().iter().find(|r| r.source_file == file) else {
            continue;
        };
        let slug_taken = catalogue.roles.iter().any(|r| r.slug == old.slug);
        if !loaded && !slug_taken {
            catalogue.roles.push(Arc::clone(old));
            reading.stale.push(file);
        }
    }
}

/// Watches the folder (not the files: an editor's atomic save replaces the
/// file) and rebuilds on a thread of its own after each burst of changes.
fn watch_folder(
    mut previewer: Previewer,
    site: Arc<ArcSwap<Site>>,
    changes: broadcast::Sender<u64>,
) -> anyhow::Result<Debouncer<RecommendedWatcher, RecommendedCache>> {
    // `None` when the watcher lost track (every file may have changed).
    let (tx, rx) = mpsc::channel::<Option<Vec<PathBuf>>>();
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        match result {
            Ok(events) => {
                // The rebuild's own reads are access events: reacting to
                // them would rebuild forever.
                let paths: Vec<PathBuf> = events
                    .iter()
                    .filter(|e| !matches!(e.kind, EventKind::Access(_) | EventKind::Other))
                    .flat_map(|e| e.paths.iter().cloned())
                    .collect();
                if !paths.is_empty() {
                    let _ = tx.send(Some(paths));
                }
            }
            Err(errors) => {
                tracing::warn!(?errors, "file watcher error; reading every file again");
                let _ = tx.send(None);
            }
        }
    })
    .context("cannot start the file watcher")?;
    debouncer
        .watch(&previewer.dir, RecursiveMode::NonRecursive)
        .with_context(|| format!("cannot watch `{}`", previewer.dir.display()))?;
    std::thread::spawn(move || {
        while let Ok(first) = rx.recv() {
            // One rebuild for everything that arrived meanwhile.
            let mut changed: Option<HashSet<PathBuf>> = first.map(|p| p.into_iter().collect());
            while let Ok(more) = rx.try_recv() {
                changed = match (changed, more) {
                    (Some(mut all), Some(more)) => {
                        all.extend(more);
                        Some(all)
                    }
                    _ => None,
                };
            }
            let started = Instant::now();
            let previous = site.load_full();
            match previewer.rebuild(changed.as_ref(), Some(&previous)) {
                Ok(new) => {
                    site.store(Arc::new(new));
                    tracing::info!(ms = started.elapsed().as_millis(), "rebuilt the preview");
                }
                Err(error) => {
                    tracing::error!("rebuild failed, still showing the previous site: {error:#}")
                }
            }
            let _ = changes.send(site.load().generation());
        }
    });
    Ok(debouncer)
}
