//! `careers preview`: the site as `serve` shows it, plus drafts, a watcher on
//! the roles folder, live reload in open tabs, an error overlay and a
//! dashboard. A save that breaks a role keeps its last good version on show.
//! Reading and rebuilding are the [`Pipeline`]'s; this file watches, serves
//! and prints.
//!
//! Pages go out uncompressed here, so a rebuild never waits on gzip or brotli.

use std::collections::HashSet;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, UdpSocket};
use std::path::PathBuf;
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
use crate::role::RoleFile;
use crate::server::preview::{PreviewState, new_token};
use crate::server::{self, AppState, Limits, Ops};
use crate::site::{Mode, Pipeline, PipelineOptions, Site};

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
    let cannot = || format!("cannot preview `{}`", args.roles.display());
    let mut pipeline = open(&args.roles).with_context(cannot)?;
    let site = rebuild(&mut pipeline, None).with_context(cannot)?;
    let state = AppState::shared(site).with_ops(Ops::ready().with_access_log(args.access_log));
    let (changes, _) = broadcast::channel(16);
    let (stop, stopping) = watch::channel(false);
    let _watcher = watch_folder(pipeline, Arc::clone(&state.site), changes.clone())?;
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
        let bound = listener.local_addr().unwrap_or(args.addr);
        match &token {
            Some(token) => eprintln!("{}", share_message(bound, token)),
            None => eprintln!(
                "Previewing `{}` on http://{bound}/ (dashboard: http://{bound}/_preview). Save a role file and open pages follow.",
                args.roles.display(),
            ),
        }
        let shutdown = async move {
            super::serve::shutdown_signal().await;
            // Ends the live-reload streams, which would hold shutdown forever.
            let _ = stop.send(true);
        };
        server::connections::serve(
            listener,
            server::App::routed(app),
            Limits::default(),
            Arc::default(),
            shutdown,
        )
            .await
            .context("server failed")
    })?;
    Ok(ExitCode::SUCCESS)
}

/// The preview's pipeline over `dir`: with the dates git gives, as `serve`
/// and `build` show them (the history is read again only when `HEAD` moves).
pub fn open(dir: &std::path::Path) -> anyhow::Result<Pipeline> {
    let options = PipelineOptions {
        git_history: true,
        ..PipelineOptions::default()
    };
    Ok(Pipeline::open(dir, Mode::Preview, options)?)
}

/// Builds the preview after the files in `changed` changed (`None`: any may
/// have), as of now, logging every diagnostic at debug level.
pub fn rebuild(
    pipeline: &mut Pipeline,
    changed: Option<&HashSet<RoleFile>>,
) -> anyhow::Result<Arc<Site>> {
    let started = Instant::now();
    let (site, build) = pipeline.rebuild(jiff::Timestamp::now(), changed)?;
    for d in build.diagnostics.iter() {
        tracing::debug!("{d}");
    }
    tracing::debug!(ms = started.elapsed().as_millis(), "preview rebuild");
    Ok(site)
}

/// The link to send, printed once. A wildcard address is no address a
/// colleague can open: name this machine's address instead, when it can be
/// found without asking the network, else say what to put in its place.
fn share_message(bound: SocketAddr, token: &str) -> String {
    let header = "Sharing the preview. Send this link (the token is printed once):";
    if !bound.ip().is_unspecified() {
        return format!("{header}\n  http://{bound}/?token={token}");
    }
    match outward_address(bound.ip()) {
        Some(ip) => {
            let at = SocketAddr::new(ip, bound.port());
            format!(
                "{header}\n  http://{at}/?token={token}\n(listening on every address of this machine; if a colleague reaches it by another name or address, put that in place of {ip})"
            )
        }
        None => format!(
            "{header}\n  http://HOST:{port}/?token={token}\nwhere HOST is this machine's name or address as your colleague reaches it (listening on every address; {ip} itself is not an address to open)",
            port = bound.port(),
            ip = bound.ip(),
        ),
    }
}

/// The address this machine sends from towards other machines: a UDP socket
/// "connected" to a documentation-only address sends nothing, but the
/// system picks the interface it would use.
fn outward_address(wildcard: IpAddr) -> Option<IpAddr> {
    let (bind, probe): (SocketAddr, SocketAddr) = match wildcard {
        IpAddr::V4(_) => (
            (Ipv4Addr::UNSPECIFIED, 0).into(),
            (Ipv4Addr::new(192, 0, 2, 1), 9).into(),
        ),
        IpAddr::V6(_) => ("[::]:0".parse().ok()?, "[2001:db8::1]:9".parse().ok()?),
    };
    let socket = UdpSocket::bind(bind).ok()?;
    socket.connect(probe).ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}

/// What one burst of file events means for the rebuild: `None` when every
/// file may have changed (the watcher lost track).
type Burst = Option<Vec<PathBuf>>;

/// Watches the folder (not the files: an editor's atomic save replaces the
/// file) and rebuilds on a thread of its own after each burst of changes.
fn watch_folder(
    mut pipeline: Pipeline,
    site: Arc<ArcSwap<Site>>,
    changes: broadcast::Sender<u64>,
) -> anyhow::Result<Debouncer<RecommendedWatcher, RecommendedCache>> {
    let (tx, rx) = mpsc::channel::<Burst>();
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        match result {
            // The system dropped events (its queue overflowed): which files
            // changed is not known, so every file is read again.
            Ok(events) if events.iter().any(|e| e.need_rescan()) => {
                tracing::warn!("the file watcher lost events; reading every file again");
                let _ = tx.send(None);
            }
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
    // The resolved folder: the watcher reports absolute paths under it, which
    // the pipeline maps to the same files as the folder given.
    debouncer
        .watch(pipeline.folder(), RecursiveMode::NonRecursive)
        .with_context(|| format!("cannot watch `{}`", pipeline.dir().display()))?;
    std::thread::spawn(move || {
        while let Ok(first) = rx.recv() {
            let Some(changed) = what_changed(&pipeline, first, &rx) else {
                continue;
            };
            let started = Instant::now();
            let replaced = match rebuild(&mut pipeline, changed.as_ref()) {
                Ok(new) => {
                    let replaced = site.swap(new);
                    tracing::info!(ms = started.elapsed().as_millis(), "rebuilt the preview");
                    Some(replaced)
                }
                Err(error) => {
                    tracing::error!("rebuild failed, still showing the previous site: {error:#}");
                    None
                }
            };
            let _ = changes.send(site.load().generation());
            // Open tabs hear of the new site first: letting go of the one
            // it replaced takes milliseconds at 10,000 roles.
            drop(replaced);
        }
    });
    Ok(debouncer)
}

/// The role files a burst (and any that arrived meanwhile, drained into one
/// rebuild) touched: `Some(None)` when any may have, `None` when none of
/// them is a role file or `site.yaml` (an editor's swap file, say).
fn what_changed(
    pipeline: &Pipeline,
    first: Burst,
    rx: &mpsc::Receiver<Burst>,
) -> Option<Option<HashSet<RoleFile>>> {
    let mut paths = first;
    while let Ok(more) = rx.try_recv() {
        paths = match (paths, more) {
            (Some(mut all), Some(more)) => {
                all.extend(more);
                Some(all)
            }
            _ => None,
        };
    }
    let Some(paths) = paths else {
        return Some(None);
    };
    let settings = paths.iter().any(|p| pipeline.is_settings(p));
    let files: HashSet<RoleFile> = paths.iter().filter_map(|p| pipeline.role_file(p)).collect();
    (settings || !files.is_empty()).then_some(Some(files))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wildcard_address_is_never_the_link_to_send() {
        let message = share_message(
            "0.0.0.0:4100".parse().unwrap_or_else(|e| panic!("{e}")),
            "abc",
        );
        assert!(!message.contains("http://0.0.0.0"), "{message}");
        assert!(message.contains(":4100/?token=abc"), "{message}");
        let named = share_message(
            "192.168.1.9:4100".parse().unwrap_or_else(|e| panic!("{e}")),
            "abc",
        );
        assert!(named.contains("http://192.168.1.9:4100/?token=abc"));
    }
}
