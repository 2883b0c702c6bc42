//! The one way from a roles folder to a site: read the role files, read the
//! site settings beside them, and (unless only checking) render every page.
//!
//! `serve`, `build`, `check` and every rebuild (a reload, a closing date
//! passing) call [`build_from_dir`], so they cannot drift apart.

use std::fs;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::role::{self, Diagnostic, LoadError};
use crate::site::settings::SettingsError;
use crate::site::{RenderError, Settings, Site};

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
    let catalogue = role::load(dir)?;
    let settings = load_settings(dir)?.with_base_url(options.base_url.as_deref());
    let today = today(now);
    let roles = catalogue.roles.len();
    let site = match sink {
        Sink::None => None,
        Sink::Memory => Some(Site::build(catalogue.roles, &settings, today)?),
    };
    Ok(Build {
        site,
        diagnostics: catalogue.diagnostics,
        files: catalogue.files,
        roles,
        settings,
        today,
    })
}

/// The date a closing date is judged on.
pub fn today(now: Timestamp) -> Date {
    now.to_zoned(TimeZone::UTC).date()
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
    let settings =
        Settings::from_yaml(&text).map_err(|source| PipelineError::Settings { path, source })?;
    Ok(settings.with_overrides(|name| std::env::var(name).ok()))
}
