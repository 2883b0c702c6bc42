//! The one way from a roles folder to a site: read the role files, read the
//! site settings beside them, and (unless only checking) render every page.
//!
//! `serve`, `build`, `check` and every rebuild (a reload, a closing date
//! passing) call [`build_from_dir`], so they cannot drift apart.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::role::load::History;
use crate::role::model::{FileDates, Status};
use crate::role::{self, Catalogue, Diagnostic, LoadError, ReadCache, Role};
use crate::site::settings::SettingsError;
use crate::site::{Mode, RenderError, Settings, Site, preview};

/// The settings file, beside the role files (not a `.md`, so never a role).
pub const SETTINGS_FILE: &str = "site.yaml";

/// Where the rendered pages go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sink {
    /// Nowhere: read and report only (`check`).
    None,
    /// Into a [`Site`] in memory (`serve`, and `build` before it writes).
    Memory,
}

/// What a command asks of the pipeline beyond the folder: flags that win over
/// `site.yaml` and the environment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PipelineOptions {
    /// `--base-url`: the public URL, over `site.yaml` and `CAREERS_BASE_URL`.
    pub base_url: Option<String>,
    /// Read the git history around the roles folder for dates (the commands
    /// do; tests of a fixture inside this project's own repository do not, so
    /// their pages do not change with its commits).
    pub git_history: bool,
}

/// What one run of the pipeline produced.
#[derive(Debug)]
pub struct Build {
    /// The rendered site; `None` with [`Sink::None`].
    pub site: Option<Site>,
    /// Every problem found, ordered by path and line.
    pub diagnostics: Vec<Diagnostic>,
    /// How many role files there were.
    pub files: usize,
    /// How many of them loaded as roles.
    pub roles: usize,
    /// The settings the site was built with.
    pub settings: Settings,
    /// The date closing dates were judged on.
    pub today: Date,
    /// The next instant a role closes by its date (the end of its closing
    /// day in the site's time zone): the site must be rebuilt then.
    pub next_change: Option<Timestamp>,
}

impl Build {
    /// How many diagnostics are errors.
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// How many diagnostics are warnings.
    pub fn warning_count(&self) -> usize {
        self.diagnostics.len() - self.error_count()
    }

    /// `N files, N roles, N errors, N warnings`.
    pub fn summary(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        format!(
            "{}, {}, {}, {}",
            plural(self.files, "file"),
            plural(self.roles, "role"),
            plural(self.error_count(), "error"),
            plural(self.warning_count(), "warning"),
        )
    }
}

/// The folder could not be read as a whole, or the site could not be rendered.
/// Problems inside single role files are diagnostics, never this.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// The roles folder is missing or unreadable.
    #[error(transparent)]
    Folder(#[from] LoadError),
    /// `site.yaml` exists but cannot be read.
    #[error("cannot read `{path}`")]
    SettingsUnreadable {
        /// The settings file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// `site.yaml` is not valid settings.
    #[error("in `{path}`")]
    Settings {
        /// The settings file.
        path: PathBuf,
        /// What is wrong.
        #[source]
        source: SettingsError,
    },
    /// A page failed to render.
    #[error("failed to render the site")]
    Render(#[from] RenderError),
}

/// Reads `dir` and, for [`Sink::Memory`], renders the site as of `now`.
pub fn build_from_dir(
    dir: &Path,
    now: Timestamp,
    sink: Sink,
    options: &PipelineOptions,
) -> Result<Build, PipelineError> {
    let mut reading = read_dir(dir)?;
    reading.settings = reading.settings.with_base_url(options.base_url.as_deref());
    if options.git_history {
        reading = reading.with_history(dir);
    }
    reading.render(now, sink, Mode::Publish)
}

/// The folder, read: the first half of [`build_from_dir`], for callers that
/// adjust the roles before rendering (preview keeps the last good version of
/// a file that stopped reading).
#[derive(Debug)]
pub struct Reading {
    /// Every role file, read.
    pub catalogue: Catalogue,
    /// The site settings.
    pub settings: Settings,
    /// Files whose last good version stands in for a broken one (preview).
    pub stale: Vec<String>,
    /// What git says about each file (empty until [`Reading::with_history`]).
    pub history: History,
    /// The roles folder, which diagnostics about `site.yaml` name.
    pub folder: PathBuf,
}

/// Reads the role files and `site.yaml` of `dir`.
pub fn read_dir(dir: &Path) -> Result<Reading, PipelineError> {
    let settings = load_settings(dir)?;
    Ok(Reading {
        catalogue: role::load_in(dir, settings.read_options())?,
        settings,
        stale: Vec::new(),
        history: History::default(),
        folder: dir.to_owned(),
    })
}

/// [`read_dir`], re-reading only the role files in `changed` (all of them
/// with `None`); the rest come from `cache`. `site.yaml` is always read.
pub fn read_dir_cached(
    dir: &Path,
    cache: &mut ReadCache,
    changed: Option<&HashSet<PathBuf>>,
) -> Result<Reading, PipelineError> {
    let settings = load_settings(dir)?;
    Ok(Reading {
        catalogue: role::load_cached(dir, cache, changed, settings.read_options())?,
        settings,
        stale: Vec::new(),
        history: History::default(),
        folder: dir.to_owned(),
    })
}

impl Reading {
    /// Adds the dates the git history around `dir` gives (first commit,
    /// last change of each file): the one read outside the roles folder.
    /// A shallow clone, or a history that cannot be read, is said once.
    pub fn with_history(mut self, dir: &Path) -> Reading {
        let unknown = |message: String| {
            Diagnostic::warning(dir, (1, 1), role::Code::HistoryIncomplete, message).with_hint(
                "fetch the whole history (`git fetch --unshallow`, or `fetch-depth: 0` in CI), or set `posted:` in front matter",
            )
        };
        match role::load::read_history(dir) {
            Ok(history) => {
                if history.shallow {
                    self.catalogue.diagnostics.push(unknown(
                        "the repository is a shallow clone, so when each role was first published is not known".to_owned(),
                    ));
                }
                self.history = history;
            }
            Err(e) => self.catalogue.diagnostics.push(unknown(e.to_string())),
        }
        self
    }

    /// The second half of [`build_from_dir`]: render (or not) as of `now`.
    pub fn render(self, now: Timestamp, sink: Sink, mode: Mode) -> Result<Build, PipelineError> {
        self.render_reusing(now, sink, mode, None)
    }

    /// [`Reading::render`] after the files named in `changed` (by file
    /// name) changed, sharing every page of `previous` that cannot have.
    pub fn render_after(
        self,
        now: Timestamp,
        mode: Mode,
        previous: &Site,
        changed: &HashSet<String>,
    ) -> Result<Build, PipelineError> {
        self.render_reusing(now, Sink::Memory, mode, Some((previous, changed)))
    }

    fn render_reusing(
        self,
        now: Timestamp,
        sink: Sink,
        mode: Mode,
        previous: Option<(&Site, &HashSet<String>)>,
    ) -> Result<Build, PipelineError> {
        let Reading {
            mut catalogue,
            settings,
            stale,
            history,
            folder,
        } = self;
        let zone = settings.time_zone();
        let today = today(now, &zone);
        add_dates(&mut catalogue.roles, &history, &zone);
        catalogue
            .diagnostics
            .extend(undated(&catalogue.roles, today));
        catalogue
            .diagnostics
            .extend(unset_settings(&folder, &settings, &catalogue.roles));
        catalogue
            .diagnostics
            .extend(catalogue.roles.iter().flat_map(|r| unpublished_text(r)));
        if settings.default_location.is_none() {
            catalogue
                .diagnostics
                .extend(unplaceable(&catalogue.roles, today));
        }
        catalogue
            .diagnostics
            .extend(unpaid(&catalogue.roles, today, &settings));
        let next_change = next_closing(&catalogue.roles, today, &zone);
        let roles = catalogue.roles.len();
        let site = match sink {
            Sink::None => None,
            Sink::Memory => {
                let site = match previous {
                    Some(previous) => {
                        Site::rebuild_after(catalogue.roles, &settings, today, mode, previous)?
                    }
                    None => Site::build_for(catalogue.roles, &settings, today, mode)?,
                };
                Some(match mode {
                    Mode::Publish => site,
                    Mode::Preview => preview::add_pages(site, &catalogue.diagnostics, &stale)?,
                })
            }
        };
        Ok(Build {
            site,
            diagnostics: catalogue.diagnostics,
            files: catalogue.files,
            roles,
            settings,
            today,
            next_change,
        })
    }
}

/// The date a closing date is judged on: today where the site is.
pub fn today(now: Timestamp, zone: &TimeZone) -> Date {
    now.to_zoned(zone.clone()).date()
}

/// One warning for each setting candidates would see that `site.yaml` (or
/// the environment) leaves unset: pages say nothing there rather than make
/// something up, and the person publishing should know.
fn unset_settings(folder: &Path, settings: &Settings, roles: &[Arc<Role>]) -> Vec<Diagnostic> {
    let published = roles
        .iter()
        .filter(|r| r.status != Status::Draft)
        .map(|r| &**r);
    settings
        .unset_for_candidates(published)
        .into_iter()
        .map(|(key, consequence)| {
            Diagnostic::warning(
                folder.join(SETTINGS_FILE),
                (1, 1),
                role::Code::SettingUnset,
                format!("`{key}` is not set, so {consequence}"),
            )
            .with_hint(format!("set `{key}:` in {SETTINGS_FILE}"))
        })
        .collect()
}

/// What a role's page will not publish as written: an empty section (left
/// out) and a link that leaves the roles folder (its text kept, the link
/// dropped, since this site would answer 404).
fn unpublished_text(role: &Role) -> Vec<Diagnostic> {
    let mut found: Vec<Diagnostic> = crate::site::views::empty_sections(role)
        .into_iter()
        .map(|i| {
            let section = &role.sections[i];
            Diagnostic::warning(
                &role.path,
                (section.body.line.saturating_sub(1).max(1), 1),
                role::Code::EmptySection,
                format!(
                    "the section `{}` has nothing under it, so it is not published",
                    section.heading
                ),
            )
            .with_hint("write what belongs there, or delete the heading (an include or template tag may have been removed)")
        })
        .collect();
    let texts = std::iter::once(&role.summary).chain(role.sections.iter().map(|s| &s.body));
    for text in texts {
        for (lines, url) in crate::site::markdown::outside_links(&text.source) {
            found.push(
                Diagnostic::warning(
                    &role.path,
                    (text.line.saturating_add(lines), 1),
                    role::Code::LinkOutsideFolder,
                    format!("the link `{url}` points outside the roles folder, where this site has no page; its text is shown without the link"),
                )
                .with_hint("link with a full address (https://...), or to a role file in this folder"),
            );
        }
    }
    found
}

/// Gives each role the days (where the site is) of its file's first commit
/// and last change; roles the history does not know keep none.
fn add_dates(roles: &mut [Arc<Role>], history: &History, zone: &TimeZone) {
    let day = |t: Option<Timestamp>| t.map(|t| t.to_zoned(zone.clone()).date());
    for role in roles {
        let Some(commits) = history.files.get(&role.source_file) else {
            continue;
        };
        let dates = FileDates {
            added: day(commits.added),
            changed: day(commits.changed),
        };
        if role.history != dates {
            Arc::make_mut(role).history = dates;
        }
    }
}

/// Open roles with no date they were posted (no `posted:`, no commit): they
/// carry no structured data, since a posting date would be a guess.
fn undated(roles: &[Arc<Role>], today: Date) -> Vec<Diagnostic> {
    roles
        .iter()
        .filter(|r| r.effective_status(today) == Status::Open)
        .filter(|r| r.meta.posted.is_none() && r.history.added.is_none())
        .map(|r| {
            Diagnostic::warning(
                &r.path,
                (1, 1),
                role::Code::NoPostedDate,
                "this open role has no posting date, so it carries no Google for Jobs data".to_owned(),
            )
            .with_hint("add `posted: YYYY-MM-DD` to its front matter, or commit the file to a git repository")
        })
        .collect()
}

/// Open roles with no location: without a `default_location` they carry no
/// structured data, and search engines' job listings leave them out.
fn unplaceable(roles: &[Arc<Role>], today: Date) -> Vec<Diagnostic> {
    roles
        .iter()
        .filter(|r| r.effective_status(today) == Status::Open)
        .filter(|r| r.location.as_deref().is_none_or(|l| l.trim().is_empty()))
        .map(|r| {
            Diagnostic::warning(
                &r.path,
                (1, 1),
                role::Code::NoLocation,
                "this open role has no location, so Google for Jobs will not list it".to_owned(),
            )
            .with_hint(
                "add `location:` to its front matter, or set `default_location` in site.yaml",
            )
        })
        .collect()
}

/// Open roles without published pay: candidates ask first about pay, and
/// such a role sorts after every role with pay.
fn unpaid(roles: &[Arc<Role>], today: Date, settings: &Settings) -> Vec<Diagnostic> {
    // The roles the site publishes, as the salary filter counts them.
    let published = roles.iter().filter(|r| r.status != Status::Draft);
    let symbol = settings.pay_currency(published.map(|r| &**r)).symbol();
    let band = format!("`{symbol}45,000 - {symbol}60,000`");
    roles
        .iter()
        .filter(|r| r.effective_status(today) == Status::Open)
        .filter_map(|r| {
            let (message, hint) = match r.pay_state() {
                role::PayState::Published(_) => return None,
                role::PayState::UnderReview => (
                    "this open role says its pay is under review, so it shows no salary",
                    format!("publish the band once it is agreed, e.g. {band} under `## Salary`"),
                ),
                role::PayState::NotStated => (
                    "this open role does not state its pay",
                    format!("add a `## Salary` section with a band, e.g. {band}"),
                ),
            };
            Some(
                Diagnostic::warning(&r.path, (1, 1), role::Code::NoPay, message.to_owned())
                    .with_hint(hint),
            )
        })
        .collect()
}

/// When the site must next be rebuilt, in the site's time zone: when the next
/// listed role closes (the start of the day after its closing date) or the
/// next upcoming role opens (the start of its opening day), and the next
/// midnight while an open role has a closing date, because its page counts
/// the days left ("Closes in 5 days"), which goes stale at every midnight.
pub fn next_closing(roles: &[Arc<Role>], today: Date, zone: &TimeZone) -> Option<Timestamp> {
    let change = roles
        .iter()
        .filter(|r| r.is_listed(today))
        .flat_map(|r| {
            // An upcoming role opens at the start of its opening day.
            let opens = r.opens(today).and_then(|d| d.yesterday().ok());
            r.meta.closes.into_iter().chain(opens)
        })
        .filter_map(|closes| closes.tomorrow().ok())
        .min();
    let counting_down = roles
        .iter()
        .any(|r| r.effective_status(today) == Status::Open && r.meta.closes.is_some());
    let midnight = today.tomorrow().ok().filter(|_| counting_down);
    change
        .into_iter()
        .chain(midnight)
        .min()
        .and_then(|day| day.to_zoned(zone.clone()).ok())
        .map(|start| start.timestamp())
}

/// Settings from `site.yaml` in the roles folder (optional), then `CAREERS_*`
/// environment variables over them.
fn load_settings(dir: &Path) -> Result<Settings, PipelineError> {
    let path = dir.join(SETTINGS_FILE);
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(source) => return Err(PipelineError::SettingsUnreadable { path, source }),
    };
    let settings = Settings::from_yaml(&text).and_then(|s| {
        let s = s.with_overrides(|name| std::env::var(name).ok());
        s.check_urls().map(|()| s)
    });
    settings.map_err(|source| PipelineError::Settings { path, source })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::role::load::roles_from_texts;

    #[test]
    fn the_next_rebuild_is_the_next_midnight_where_the_site_is_while_a_role_closes() {
        let roles: Vec<Arc<Role>> = roles_from_texts(&[
            ("a.md", "---\ncloses: 2026-12-10\n---\n# Later Role\n"),
            ("b.md", "---\ncloses: 2026-11-30\n---\n# Sooner Role\n"),
            ("c.md", "---\ncloses: 2026-11-01\n---\n# Already Closed\n"),
            ("d.md", "# Never Closes\n"),
        ])
        .into_iter()
        .map(Arc::new)
        .collect();
        let today = jiff::civil::date(2026, 11, 23);
        let Ok(new_york) = TimeZone::get("America/New_York") else {
            panic!("the bundled database has New York")
        };
        let next = next_closing(&roles, today, &new_york).map(|t| t.to_string());
        assert_eq!(
            next.as_deref(),
            Some("2026-11-24T05:00:00Z"),
            "days left change at midnight"
        );
        let london = next_closing(&roles, today, &TimeZone::UTC).map(|t| t.to_string());
        assert_eq!(london.as_deref(), Some("2026-11-24T00:00:00Z"));
        assert_eq!(next_closing(&roles[3..], today, &TimeZone::UTC), None);
    }
}
