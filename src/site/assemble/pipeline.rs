//! The one way from a roles folder to a site: read the role files, read the
//! site settings beside them, and (unless only checking) render every page.
//!
//! `serve` (startup, SIGHUP, a closing date passing), `preview` (every save),
//! `build`, `check` and `diff` all go through a [`Pipeline`], so they cannot
//! drift apart. A long-lived one remembers each file's last reading and last
//! good role, the settings and the last site; [`build_from_dir`] is one run
//! of a fresh one.

use std::collections::HashSet;
use std::collections::hash_map::DefaultHasher;
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::role::load::History;
use crate::role::model::{Section, SectionKind, Status};
use crate::role::{
    self, Catalogue, Diagnostic, KeepLastGood, LoadError, ReadCache, ReadOptions, Role, RoleFile,
};
use crate::site::assemble::findings::{DatedRoles, Findings};
use crate::site::settings::SettingsError;
use crate::site::{Mode, RenderError, Settings, Site, pages::preview};

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
    /// Leave out the pay-law and wording review and the second look for
    /// facts the reading did not take (`serve`: nobody reads their findings
    /// there, and each costs a pass over every line of every role; `check`,
    /// `build` and `preview` keep them).
    pub skip_review: bool,
    /// Let the first build leave the role pages for
    /// [`Pipeline::complete_role_pages`] (`serve`: the listing answers
    /// while they render; see [`Site::build_role_pages_later`]).
    pub role_pages_later: bool,
}

/// What one run of the pipeline produced.
#[derive(Debug)]
pub struct Build {
    /// The rendered site; `None` with [`Sink::None`].
    pub site: Option<Site>,
    /// Every problem found, ordered by path and line (shared with the
    /// preview's dashboard, which is made on request).
    pub diagnostics: Arc<[Diagnostic]>,
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
    /// Asked for a site, the pipeline rendered none (a bug, never input).
    #[error("the pipeline rendered no site")]
    NoSite,
}

/// Reads `dir` and, for [`Sink::Memory`], renders the site as of `now`: one
/// run of a [`Pipeline`], for callers that build once.
pub fn build_from_dir(
    dir: &Path,
    now: Timestamp,
    sink: Sink,
    options: &PipelineOptions,
) -> Result<Build, PipelineError> {
    Pipeline::open(dir, Mode::Publish, options.clone())?.build(now, sink, None)
}

/// The folder, read: the first half of a build, for callers that look at the
/// reading before rendering (`check` keeps the unknown keys, `diff` renders
/// nothing).
#[derive(Debug)]
pub struct Reading {
    /// Every role file, read.
    pub catalogue: Catalogue,
    /// The site settings.
    pub settings: Settings,
    /// Files whose last good version stands in for a broken one.
    pub stale: Vec<String>,
    /// Why `site.yaml` could not be used, when the preview goes on with the
    /// last settings that read (every other command stops instead).
    pub settings_problem: Option<SettingsProblem>,
    /// What git says about each file (empty until [`Reading::with_history`]).
    pub history: History,
    /// The roles folder, which diagnostics about `site.yaml` name.
    pub folder: PathBuf,
    /// Whether rendering reviews each role for pay law and wording.
    pub review: bool,
    /// Whether rendering leaves the role pages for later (a first build
    /// with [`PipelineOptions::role_pages_later`]).
    pub role_pages_later: bool,
}

/// `site.yaml` could not be used: where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsProblem {
    /// The settings file, as the folder was given.
    pub path: PathBuf,
    /// 1-based line, when the YAML reader said.
    pub line: u32,
    /// 1-based column, when the YAML reader said.
    pub col: u32,
    /// What is wrong.
    pub message: String,
}

/// Reads the role files and `site.yaml` of `dir`.
pub fn read_dir(dir: &Path) -> Result<Reading, PipelineError> {
    Pipeline::open(dir, Mode::Publish, PipelineOptions::default())?.read(None)
}

/// The one long-lived way from a roles folder to a site. It owns the folder
/// (resolved once, so a relative, absolute, `.`-containing or symlinked path
/// names the same files), each file's last reading and last good role, the
/// settings and the last site built. `serve` (startup, SIGHUP, a closing
/// date), `preview` (every save), `build`, `check` and `diff` all read
/// through one.
#[derive(Debug)]
pub struct Pipeline {
    /// The folder as given, for messages and diagnostics (`roles/x.md`).
    given: PathBuf,
    /// The folder resolved: what file events are matched against.
    folder: PathBuf,
    mode: Mode,
    options: PipelineOptions,
    cache: ReadCache,
    /// The last settings that read, which a preview keeps using while
    /// `site.yaml` is broken.
    settings: Option<Settings>,
    /// The last site built into memory, which the next rebuild reuses.
    site: Option<Arc<Site>>,
    /// The git history last read and the `HEAD` it was read at: a save that
    /// moves no commit reads no history again.
    history: Option<(String, History)>,
    /// Each role's findings in the last build, which a save re-finds for the
    /// saved file only.
    findings: Findings,
}

impl Pipeline {
    /// A pipeline over `dir` that has read nothing yet; fails when the folder
    /// does not exist.
    pub fn open(
        dir: &Path,
        mode: Mode,
        options: PipelineOptions,
    ) -> Result<Pipeline, PipelineError> {
        let folder = dir
            .canonicalize()
            .map_err(|source| LoadError::FolderUnreadable {
                path: dir.to_owned(),
                source,
            })?;
        Ok(Pipeline {
            given: dir.to_owned(),
            folder,
            mode,
            options,
            cache: ReadCache::default(),
            settings: None,
            site: None,
            history: None,
            findings: Findings::default(),
        })
    }

    /// The folder as given.
    pub fn dir(&self) -> &Path {
        &self.given
    }

    /// The folder resolved (absolute, no `.`, `..` or symbolic links).
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// The role file a path names, if it names one in this folder: the
    /// watcher's absolute path and the path as typed give the same file.
    pub fn role_file(&self, path: &Path) -> Option<RoleFile> {
        self.in_folder(path).then(|| RoleFile::of(path)).flatten()
    }

    /// Whether a path names this folder's `site.yaml` (or `_hiring.md`, read
    /// with it).
    pub fn is_settings(&self, path: &Path) -> bool {
        path.file_name()
            .is_some_and(|n| n == SETTINGS_FILE || n == role::load::HIRING_FILE)
            && self.in_folder(path)
    }

    fn in_folder(&self, path: &Path) -> bool {
        let parent = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        parent == self.folder || parent.canonicalize().is_ok_and(|p| p == self.folder)
    }

    /// The last site built into memory.
    pub fn site(&self) -> Option<&Arc<Site>> {
        self.site.as_ref()
    }

    /// Reads `site.yaml` and the role files in `changed` (every file with
    /// `None`; the rest come from the cache), and puts back the last good
    /// version of each broken file that may stand in for itself: in
    /// `preview` any file with an error, elsewhere only a file that cannot be
    /// read whole (a save caught half-way). Each such file is logged.
    pub fn read(&mut self, changed: Option<&HashSet<RoleFile>>) -> Result<Reading, PipelineError> {
        let (settings, settings_problem) = self.read_settings()?;
        let read_options = ReadOptions {
            skip_second_look: self.options.skip_review,
            ..settings.read_options()
        };
        let mut catalogue = role::load_cached(&self.given, &mut self.cache, changed, read_options)?;
        let policy = match self.mode {
            Mode::Preview => KeepLastGood::AnyError,
            Mode::Publish => KeepLastGood::Torn,
        };
        let kept = self.cache.keep_last_good(&mut catalogue, policy);
        for k in &kept {
            tracing::warn!(
                file = %self.given.join(k.file.name()).display(),
                "showing the last good version of this file: {}",
                k.why
            );
        }
        let reading = Reading {
            catalogue,
            settings,
            stale: kept.into_iter().map(|k| k.file.name().to_owned()).collect(),
            settings_problem,
            history: History::default(),
            folder: self.given.clone(),
            review: !self.options.skip_review,
            role_pages_later: self.options.role_pages_later
                && self.mode == Mode::Publish
                && self.site.is_none(),
        };
        Ok(if self.options.git_history {
            let history = self.history();
            reading.with_history(history)
        } else {
            reading
        })
    }

    /// The git history around the folder (the one read outside it), read
    /// again only when `HEAD` has moved since the last read.
    fn history(&mut self) -> Result<History, role::load::HistoryError> {
        let head = role::load::head_commit(&self.given);
        if let (Some(head), Some((read_at, history))) = (&head, &self.history)
            && head == read_at
        {
            return Ok(history.clone());
        }
        let history = role::load::read_history(&self.given)?;
        self.history = head.map(|head| (head, history.clone()));
        Ok(history)
    }

    /// The settings, with the command's flags over them. A preview goes on
    /// with the last settings that read (or the defaults) and reports the
    /// problem; every other command stops.
    fn read_settings(&mut self) -> Result<(Settings, Option<SettingsProblem>), PipelineError> {
        match load_settings(&self.given) {
            Ok(settings) => {
                let settings = settings.with_base_url(self.options.base_url.as_deref());
                self.settings = Some(settings.clone());
                Ok((settings, None))
            }
            Err(error) if self.mode == Mode::Preview => {
                let problem = settings_problem(&error);
                tracing::error!(
                    "{}: {}; using the last settings that read",
                    self.given.join(SETTINGS_FILE).display(),
                    problem.as_ref().map_or("", |p| p.message.as_str())
                );
                let last = self.settings.clone().unwrap_or_else(|| {
                    Settings::default().with_base_url(self.options.base_url.as_deref())
                });
                Ok((last, problem))
            }
            Err(error) => Err(error),
        }
    }

    /// Reads (see [`Pipeline::read`]) and renders into `sink` as of `now`.
    /// A preview with `changed` known re-renders only what those files can
    /// affect, sharing every other page with the last site.
    pub fn build(
        &mut self,
        now: Timestamp,
        sink: Sink,
        changed: Option<&HashSet<RoleFile>>,
    ) -> Result<Build, PipelineError> {
        let started = std::time::Instant::now();
        let reading = self.read(changed)?;
        tracing::debug!(ms = started.elapsed().as_millis(), "read the folder");
        let previous = self.site.clone();
        match (sink, previous.as_deref(), changed) {
            (Sink::Memory, Some(previous), Some(changed)) => {
                let names: HashSet<String> = changed
                    .iter()
                    .map(|f| f.name().to_owned())
                    .chain(reading.stale.iter().cloned())
                    .collect();
                reading.render_reusing(
                    now,
                    (Sink::Memory, self.mode),
                    Some((previous, &names)),
                    &mut self.findings,
                )
            }
            _ => reading.render_reusing(now, (sink, self.mode), None, &mut self.findings),
        }
    }

    /// [`Pipeline::build`] into memory, keeping the site as the one the next
    /// rebuild starts from. The returned build's `site` is taken out: the
    /// site is the first half of the pair.
    pub fn rebuild(
        &mut self,
        now: Timestamp,
        changed: Option<&HashSet<RoleFile>>,
    ) -> Result<(Arc<Site>, Build), PipelineError> {
        let mut build = self.build(now, Sink::Memory, changed)?;
        let site = Arc::new(build.site.take().ok_or(PipelineError::NoSite)?);
        self.site = Some(Arc::clone(&site));
        Ok((site, build))
    }

    /// Renders the role pages the last build left for later, and keeps the
    /// whole site as the one the next rebuild starts from; `None` when the
    /// last site is whole (no build left any, or a rebuild came first).
    pub fn complete_role_pages(&mut self) -> Result<Option<Arc<Site>>, PipelineError> {
        let Some(whole) = self.site.as_ref().and_then(|site| site.with_role_pages()) else {
            return Ok(None);
        };
        let whole = Arc::new(whole?);
        self.site = Some(Arc::clone(&whole));
        Ok(Some(whole))
    }
}

/// Where serde_yaml's message says the mistake is (`at line 3 column 7`).
fn settings_problem(error: &PipelineError) -> Option<SettingsProblem> {
    let (path, message) = match error {
        PipelineError::Settings { path, source } => (path, source.to_string()),
        PipelineError::SettingsUnreadable { path, source } => (path, source.to_string()),
        _ => return None,
    };
    let number = |word: &str| -> Option<u32> {
        let rest = message.split(word).nth(1)?;
        rest.trim_start()
            .split(|c: char| !c.is_ascii_digit())
            .next()?
            .parse()
            .ok()
    };
    let line = number(" line ").unwrap_or(1);
    let col = number(" column ").unwrap_or(1);
    Some(SettingsProblem {
        path: path.clone(),
        line,
        col,
        message,
    })
}

impl Reading {
    /// Adds the dates a read of the git history around the folder gave
    /// (first commit, last change of each file). A shallow clone, or a
    /// history that cannot be read, is said once.
    pub fn with_history(mut self, history: Result<History, role::load::HistoryError>) -> Reading {
        let folder = self.folder.clone();
        let unknown = |message: String| {
            Diagnostic::warning(&folder, (1, 1), role::Code::HistoryIncomplete, message).with_hint(
                "fetch the whole history (`git fetch --unshallow`, or `fetch-depth: 0` in CI), or set `posted:` in front matter",
            )
        };
        match history {
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
        self.render_reusing(now, (sink, mode), None, &mut Findings::default())
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
        self.render_reusing(
            now,
            (Sink::Memory, mode),
            Some((previous, changed)),
            &mut Findings::default(),
        )
    }

    fn render_reusing(
        self,
        now: Timestamp,
        (sink, mode): (Sink, Mode),
        previous: Option<(&Site, &HashSet<String>)>,
        findings: &mut Findings,
    ) -> Result<Build, PipelineError> {
        let Reading {
            mut catalogue,
            settings,
            stale,
            settings_problem,
            history,
            folder,
            review,
            role_pages_later,
        } = self;
        let zone = settings.time_zone();
        let today = today(now, &zone);
        // Before the dates: neither finding reads them, and the roles as
        // read are the ones the memo knows again.
        let unpublished = unpublished_findings(findings, &catalogue.roles, &settings);
        let reviewed = if review {
            review_findings(findings, &catalogue.roles, &settings, today)
        } else {
            Vec::new()
        };
        add_dates(&mut catalogue.roles, &history, &zone, &mut findings.dated);
        catalogue
            .diagnostics
            .extend(undated(&catalogue.roles, today));
        catalogue
            .diagnostics
            .extend(unset_settings(&folder, &settings, &catalogue.roles));
        catalogue.diagnostics.extend(unpublished);
        if settings.default_location.is_none() {
            catalogue
                .diagnostics
                .extend(unplaceable(&catalogue.roles, today));
        }
        catalogue
            .diagnostics
            .extend(unpaid(&catalogue.roles, today, &settings));
        catalogue.diagnostics.extend(reviewed);
        if mode == Mode::Publish {
            catalogue.diagnostics.extend(all_drafts(&catalogue.roles));
        }
        let next_change = next_closing(&catalogue.roles, today, &zone);
        let roles = catalogue.roles.len();
        let diagnostics: Arc<[Diagnostic]> = catalogue.diagnostics.into();
        let started = std::time::Instant::now();
        let site = match sink {
            Sink::None => None,
            Sink::Memory => {
                let site = match previous {
                    Some(previous) => {
                        Site::rebuild_after(catalogue.roles, &settings, today, mode, previous)?
                    }
                    None if role_pages_later => {
                        Site::build_role_pages_later(catalogue.roles, &settings, today)?
                    }
                    None => Site::build_for(catalogue.roles, &settings, today, mode)?,
                };
                let built_ms = started.elapsed().as_millis();
                let site = match mode {
                    Mode::Publish => site,
                    Mode::Preview => preview::add_pages(
                        site,
                        &diagnostics,
                        &stale,
                        settings_problem.as_ref(),
                        &findings.dashboard,
                    ),
                };
                let total_ms = started.elapsed().as_millis();
                tracing::debug!(built_ms, total_ms, "rendered the site and preview pages");
                Some(site)
            }
        };
        Ok(Build {
            site,
            diagnostics,
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

/// [`unpublished_text`] of every role, found again only for roles read
/// again, or all when the files and slugs links may name have changed.
fn unpublished_findings(
    findings: &mut Findings,
    roles: &[Arc<Role>],
    settings: &Settings,
) -> Vec<Diagnostic> {
    let mut names = DefaultHasher::new();
    for role in roles {
        (&role.source_file, role.slug.as_str()).hash(&mut names);
    }
    let context = (settings.source_base(), names.finish());
    // Where links lead changes only with the files, their slugs and
    // `source_url`, which is what the context hashes: kept until it changes.
    let links = match findings.links.take() {
        Some((made_for, links)) if made_for == context => links,
        // Every role file of the folder, and the site's `source_url`.
        _ => crate::site::text::markdown::RoleLinks::to_roles(roles, settings.source_base()),
    };
    let found = findings
        .unpublished
        .findings(context.clone(), roles, |r| unpublished_text(r, &links));
    findings.links = Some((context, links));
    found
}

/// The pay-law and wording review of every role (the wording is read line
/// by line), done again only for roles read again.
fn review_findings(
    findings: &mut Findings,
    roles: &[Arc<Role>],
    settings: &Settings,
    today: Date,
) -> Vec<Diagnostic> {
    let compliance = settings.compliance_options();
    let check = |r: &Role| role::compliance::check(r, &compliance, today);
    findings
        .review
        .findings((compliance.clone(), today), roles, check)
}

/// Whether a section's heading is itself a fact careers read
/// (`### Location: Leeds`, `### Salary: £46,424 - £55,275`): nothing is lost
/// when the empty section under it is left out, since the fact is shown.
/// The reader's own classification of the heading says which fact it is.
fn heading_is_a_read_fact(role: &Role, section: &Section) -> bool {
    let Some((_, value)) = section.heading.split_once(':') else {
        return false;
    };
    let value = value.trim();
    !value.is_empty()
        && match section.kind {
            SectionKind::Location => role.location.as_deref().is_some_and(|l| value.contains(l)),
            SectionKind::Salary => !role.salary.is_empty(),
            _ => false,
        }
}

/// What a role's page will not publish as written: an empty section (left
/// out) and a link that leaves the roles folder with no `source_url` to read
/// it against (its text kept, the link dropped, since this site would answer
/// 404).
fn unpublished_text(
    role: &Role,
    links: &crate::site::text::markdown::RoleLinks,
) -> Vec<Diagnostic> {
    let mut found: Vec<Diagnostic> = crate::site::pages::views::empty_sections(role)
        .into_iter()
        .filter(|&i| !heading_is_a_read_fact(role, &role.sections[i]))
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
        for (lines, url) in crate::site::text::markdown::outside_links(&text.source, links) {
            found.push(
                Diagnostic::warning(
                    &role.path,
                    (text.line.saturating_add(lines), 1),
                    role::Code::LinkOutsideFolder,
                    format!("the link `{url}` points outside the roles folder, where this site has no page; its text is shown without the link"),
                )
                .with_hint("set `source_url` in site.yaml to the address of this folder on your own site (its relative links are then read against it), or link with a full address (https://...), or to a role file in this folder"),
            );
        }
    }
    found
}

/// Gives each role the days (where the site is) of its file's first commit
/// and last change; roles the history does not know keep none.
fn add_dates(roles: &mut [Arc<Role>], history: &History, zone: &TimeZone, memo: &mut DatedRoles) {
    for role in roles.iter_mut() {
        if let Some(commits) = history.files.get(&role.source_file) {
            *role = memo.dated(role, *commits, zone);
        }
    }
    memo.keep_only(roles);
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
/// When every role is a draft the site lists none: said once, plainly, at
/// the first role file, so nobody mistakes an empty site for a broken build.
fn all_drafts(roles: &[Arc<Role>]) -> Option<Diagnostic> {
    let first = roles.first()?;
    if roles.iter().any(|r| r.status != Status::Draft) {
        return None;
    }
    let n = roles.len();
    let message = if n == 1 {
        "the one role in the folder is a draft, so the site lists no role".to_owned()
    } else {
        format!("all {n} roles in the folder are drafts, so the site lists no role")
    };
    Some(
        Diagnostic::warning(&first.path, (1, 1), role::Code::AllDrafts, message).with_hint(
            "a role is a draft when its front matter says `status: draft`, `draft: true`, `published: false`, `hidden: true` or `active: false`; remove that to publish it",
        ),
    )
}

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
                role::PayState::InText => (
                    "this open role states its pay in a form careers could not read, so it shows no salary",
                    format!("write the band as careers reads it, e.g. {band}, with its period (see the salary-unreadable warning)"),
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
    let mut settings = settings.map_err(|source| PipelineError::Settings { path, source })?;
    // The "How we hire" page is site content beside the settings: read
    // with them, so a change to it rebuilds the site as a settings change does.
    settings.hiring = role::load::read_site_page(dir, role::load::HIRING_FILE).map_err(|d| {
        PipelineError::Settings {
            path: dir.join(role::load::HIRING_FILE),
            source: crate::site::settings::SettingsError::new(d.message),
        }
    })?;
    Ok(settings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::role::load::roles_from_texts;

    #[test]
    fn an_empty_section_whose_heading_states_a_fact_read_is_not_reported_lost() {
        let text = "# Surveyor\n\nWe survey.\n\n### Location: Edinburgh\n\n### Compensation: £40,000 - £50,000\n\n## Role\n\nMaps.\n\n## Benefits: many\n";
        let roles = roles_from_texts(&[("surveyor.md", text)]);
        let [role] = &roles[..] else {
            panic!("{roles:?}")
        };
        assert_eq!(role.location.as_deref(), Some("Edinburgh"));
        assert!(!role.salary.is_empty());
        let lost: Vec<String> = unpublished_text(role, &Default::default())
            .into_iter()
            .filter(|d| d.code == "empty-section")
            .map(|d| d.message)
            .collect();
        let [benefits] = &lost[..] else {
            panic!("only the empty benefits are lost: {lost:?}")
        };
        assert!(benefits.contains("Benefits: many"), "{benefits}");
    }

    fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        std::fs::create_dir(dir.path().join("roles")).unwrap_or_else(|e| panic!("{e}"));
        for (name, text) in files {
            std::fs::write(dir.path().join("roles").join(name), text)
                .unwrap_or_else(|e| panic!("{e}"));
        }
        dir
    }

    // See: issue "Edits never show when the folder is given as a relative path".
    #[cfg(unix)]
    #[test]
    fn every_way_of_naming_a_file_names_the_same_file() {
        let dir = folder(&[("deckhand.md", "# Deckhand\n")]);
        let link = dir.path().join("through-a-link");
        std::os::unix::fs::symlink(dir.path(), &link).unwrap_or_else(|e| panic!("{e}"));
        let given = link.join("roles");
        let pipeline = Pipeline::open(&given, Mode::Preview, PipelineOptions::default())
            .unwrap_or_else(|e| panic!("{e}"));
        let absolute = dir.path().join("roles/deckhand.md");
        let dotted = dir.path().join("roles/./deckhand.md");
        let up = dir.path().join("roles/../roles/deckhand.md");
        let linked = given.join("deckhand.md");
        let resolved = pipeline.folder().join("deckhand.md");
        let expected = RoleFile::named("deckhand.md");
        for path in [&absolute, &dotted, &up, &linked, &resolved] {
            assert_eq!(pipeline.role_file(path), expected, "{}", path.display());
        }
        let elsewhere = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            pipeline.role_file(&elsewhere.path().join("deckhand.md")),
            None
        );
        assert_eq!(
            pipeline.role_file(&dir.path().join("roles/README.md")),
            None
        );
        assert!(pipeline.is_settings(&dir.path().join("roles/site.yaml")));
    }

    // See: issue "A reload can pin old sites in memory".
    #[test]
    fn a_rebuild_lets_the_site_before_it_go_while_it_compresses() {
        let dir = folder(&[("a.md", "# Alpha Role\n\nText.\n")]);
        let mut pipeline = Pipeline::open(
            &dir.path().join("roles"),
            Mode::Publish,
            PipelineOptions::default(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let now = Timestamp::UNIX_EPOCH;
        let (first, _) = pipeline
            .rebuild(now, None)
            .unwrap_or_else(|e| panic!("{e}"));
        let weak = Arc::downgrade(&first);
        Site::compress_in_background(&first, |_| {});
        drop(first);
        let (second, _) = pipeline
            .rebuild(now, None)
            .unwrap_or_else(|e| panic!("{e}"));
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while weak.strong_count() > 0 && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert_eq!(weak.strong_count(), 0, "nothing holds the replaced site");
        assert!(pipeline.site().is_some_and(|s| Arc::ptr_eq(s, &second)));
    }

    #[test]
    fn a_reload_keeps_only_a_torn_files_last_good_version_and_preview_any() {
        let dir = folder(&[
            ("a.md", "# Alpha Role\n"),
            ("b.md", "---\nteam: Boats\n---\n# Beta Role\n"),
        ]);
        let roles = dir.path().join("roles");
        let titles = |pipeline: &mut Pipeline| -> (Vec<String>, Vec<String>) {
            let reading = pipeline.read(None).unwrap_or_else(|e| panic!("{e}"));
            let titles = reading
                .catalogue
                .roles
                .iter()
                .map(|r| r.title.clone())
                .collect();
            (titles, reading.stale)
        };
        let mut serve = Pipeline::open(&roles, Mode::Publish, PipelineOptions::default())
            .unwrap_or_else(|e| panic!("{e}"));
        let mut preview = Pipeline::open(&roles, Mode::Preview, PipelineOptions::default())
            .unwrap_or_else(|e| panic!("{e}"));
        titles(&mut serve);
        titles(&mut preview);
        for torn in ["", "---\nteam: Bo", "---\nteam: [Boats\n---\n# Beta Role\n"] {
            std::fs::write(roles.join("b.md"), torn).unwrap_or_else(|e| panic!("{e}"));
            let (kept, stale) = titles(&mut serve);
            assert_eq!(kept, ["Alpha Role", "Beta Role"], "{torn:?}");
            assert_eq!(stale, ["b.md"]);
        }
        std::fs::write(
            roles.join("b.md"),
            "---\nstatus: clsoed\n---\n# Beta Role\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            titles(&mut serve).0,
            ["Alpha Role"],
            "an error leaves it out"
        );
        assert_eq!(
            titles(&mut preview).0,
            ["Alpha Role", "Beta Role"],
            "preview shows it"
        );
        std::fs::remove_file(roles.join("b.md")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            titles(&mut serve).0,
            ["Alpha Role"],
            "a removed file is gone"
        );
    }

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
