//! The preview's own pages: the status the live-reload script paints its
//! error overlay from (`/_preview/status.json`) and the dashboard
//! (`/_preview`: how every role was read, problems first), both made on their
//! first request after a save. Neither exists on a site built for candidates.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use askama::Template;
use serde::Serialize;

use crate::role::Diagnostic;
use crate::role::model::Role;
use crate::site::pages::templates::{
    Chrome, DashboardPage, DashboardProblem, DashboardRole, DashboardRoleCard,
};
use crate::site::{
    LazyPage, Page, PageKind, RenderError, Result, SettingsProblem, Site, pages::views,
    text::format, urls,
};

/// The dashboard's path.
pub const DASHBOARD: &str = "/_preview";
/// The overlay's data.
pub const STATUS: &str = "/_preview/status.json";
/// The live-reload event stream (served by the server, not prebuilt).
pub const EVENTS: &str = "/_preview/events";

/// What the overlay shows: every error, then the warnings of the file the
/// page in view was built from (the script picks them by `page`), and a
/// broken `site.yaml` on every page.
#[derive(Debug, Serialize)]
struct Status<'a> {
    /// The site this status belongs to.
    generation: u64,
    /// `site.yaml` could not be used: the preview runs on the last settings
    /// that read.
    settings: Option<StatusProblem<'a>>,
    /// Every error, in file and line order.
    errors: Vec<StatusProblem<'a>>,
    /// Every warning, in file and line order.
    warnings: Vec<StatusProblem<'a>>,
    /// Files shown as their last good version.
    stale: &'a [String],
}

/// One problem, where it is and which page it concerns.
#[derive(Debug, Serialize)]
struct StatusProblem<'a> {
    file: String,
    /// The path of the page built from the file, when one is.
    page: Option<String>,
    line: u32,
    col: u32,
    code: String,
    message: &'a str,
    hint: Option<&'a str>,
}

/// Each role's dashboard row as last rendered, by source file: a rebuild
/// renders again only the rows that differ.
#[derive(Debug, Default)]
pub(crate) struct DashboardRows {
    /// The "Careers at ..." every row was rendered with.
    careers: String,
    by_file: HashMap<String, (DashboardRole, Arc<str>)>,
}

impl DashboardRows {
    /// The rendered rows, in the order of `rows`; files not among them are
    /// forgotten.
    fn render(&mut self, rows: Vec<DashboardRole>, careers: &str) -> Result<Vec<Arc<str>>> {
        if self.careers != careers {
            self.by_file.clear();
            careers.clone_into(&mut self.careers);
        }
        let mut kept = HashMap::with_capacity(rows.len());
        let mut rendered = Vec::with_capacity(rows.len());
        for row in rows {
            let html = match self.by_file.remove(&row.file) {
                Some((was, html)) if was == row => html,
                _ => Arc::from(render_row(&row, careers)?),
            };
            rendered.push(Arc::clone(&html));
            kept.insert(row.file.clone(), (row, html));
        }
        self.by_file = kept;
        Ok(rendered)
    }
}

fn render_row(row: &DashboardRole, careers: &str) -> Result<String> {
    DashboardRoleCard { r: row, careers }
        .render()
        .map_err(|source| RenderError::Template {
            page: format!("{DASHBOARD} row for {}", row.file),
            source,
        })
}

/// Adds the overlay's status and the dashboard to a preview site, each made
/// on its first request (see [`LazyPage`]); `rows` keeps the dashboard's
/// rows between rebuilds.
pub(crate) fn add_pages(
    mut site: Site,
    diagnostics: &Arc<[Diagnostic]>,
    stale: &[String],
    settings: Option<&SettingsProblem>,
    rows: &Arc<Mutex<DashboardRows>>,
) -> Site {
    let build = Arc::new(BuildRead {
        roles: site.roles().to_vec(),
        diagnostics: Arc::clone(diagnostics),
        stale: stale.to_vec(),
    });
    let status = StatusInput {
        generation: site.generation(),
        settings: settings.cloned(),
        build: Arc::clone(&build),
    };
    let dashboard = DashboardInput {
        chrome: site.chrome.clone(),
        build,
        rows: Arc::clone(rows),
    };
    site.made_on_request.insert(
        STATUS.into(),
        Arc::new(LazyPage::new(move |_| status.render())),
    );
    site.made_on_request.insert(
        DASHBOARD.into(),
        Arc::new(LazyPage::new(move |_| dashboard.render())),
    );
    site
}

/// What both pages are made from: the site's roles, and the build's
/// diagnostics and the files shown as their last good version.
struct BuildRead {
    roles: Vec<Arc<Role>>,
    diagnostics: Arc<[Diagnostic]>,
    stale: Vec<String>,
}

/// What the overlay's status is made from.
struct StatusInput {
    generation: u64,
    settings: Option<SettingsProblem>,
    build: Arc<BuildRead>,
}

impl StatusInput {
    fn render(&self) -> Result<Page> {
        let build = &*self.build;
        let pages: HashMap<&str, String> = build
            .roles
            .iter()
            .map(|r| (r.source_file.as_str(), urls::role(&r.slug)))
            .collect();
        let problem = |d| status_problem(d, &pages);
        let status = Status {
            generation: self.generation,
            settings: self.settings.as_ref().map(|p| StatusProblem {
                file: p.path.display().to_string(),
                page: None,
                line: p.line,
                col: p.col,
                code: "settings".into(),
                message: &p.message,
                hint: Some("the preview uses the last settings that read until the file is fixed"),
            }),
            errors: build
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(problem)
                .collect(),
            warnings: build
                .diagnostics
                .iter()
                .filter(|d| !d.is_error())
                .map(problem)
                .collect(),
            stale: &build.stale,
        };
        let json = serde_json::to_vec(&status).map_err(|source| RenderError::Json {
            page: STATUS.into(),
            source,
        })?;
        Ok(Page::json(PageKind::PreviewStatus, json))
    }
}

/// What a dashboard is made from: the site's chrome, and the rows kept
/// between rebuilds.
struct DashboardInput {
    chrome: Chrome,
    build: Arc<BuildRead>,
    rows: Arc<Mutex<DashboardRows>>,
}

impl DashboardInput {
    fn render(&self) -> Result<Page> {
        let started = std::time::Instant::now();
        let mut rows = self.rows.lock().unwrap_or_else(PoisonError::into_inner);
        let html = dashboard(&self.build, &self.chrome, &mut rows)?
            .render()
            .map_err(|source| RenderError::Template {
                page: DASHBOARD.into(),
                source,
            })?;
        tracing::debug!(
            ms = started.elapsed().as_millis(),
            "made the preview dashboard"
        );
        Ok(Page::html(PageKind::Dashboard, html))
    }
}

fn status_problem<'a>(d: &'a Diagnostic, pages: &HashMap<&str, String>) -> StatusProblem<'a> {
    let file = file_name(d);
    StatusProblem {
        page: pages.get(file.as_str()).cloned(),
        file,
        line: d.line,
        col: d.col,
        code: d.code.to_string(),
        message: &d.message,
        hint: d.hint.as_deref(),
    }
}

fn file_name(d: &Diagnostic) -> String {
    d.path.file_name().map_or_else(
        || d.path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn dashboard(
    build: &BuildRead,
    chrome: &Chrome,
    rows: &mut DashboardRows,
) -> Result<DashboardPage> {
    let BuildRead {
        roles,
        diagnostics,
        stale,
    } = build;
    let problems: Vec<DashboardProblem> = diagnostics
        .iter()
        .map(|d| DashboardProblem {
            file: file_name(d),
            position: format!("{}:{}", d.line, d.col),
            error: d.is_error(),
            code: d.code.to_string(),
            message: d.message.clone(),
            hint: d.hint.clone(),
        })
        .collect();
    // Each file's problems looked up once, not searched for per role.
    let mut by_file: HashMap<&str, Vec<&DashboardProblem>> = HashMap::new();
    for p in &problems {
        by_file.entry(p.file.as_str()).or_default().push(p);
    }
    let mut roles: Vec<DashboardRole> = roles
        .iter()
        .map(|r| {
            let own = by_file.get(r.source_file.as_str());
            dashboard_role(chrome, r, own.map_or(&[], Vec::as_slice), stale)
        })
        .collect();
    // Problems first, then the listing's order.
    roles.sort_by_key(|r| std::cmp::Reverse((r.errors, r.warnings)));
    let mut problems = problems;
    problems.sort_by_key(|p| !p.error);
    let mut seo = views::seo(
        chrome,
        format!("Preview dashboard – {}", chrome.careers),
        "Preview dashboard".into(),
        "How every role file was read".into(),
        DASHBOARD,
    );
    seo.robots = Some("noindex, nofollow");
    Ok(DashboardPage {
        roles: rows.render(roles, &chrome.careers)?,
        chrome: chrome.clone(),
        seo,
        errors: problems.iter().filter(|p| p.error).count(),
        warnings: problems.iter().filter(|p| !p.error).count(),
        problems,
    })
}

/// The codes the dashboard's compliance column shows.
const COMPLIANCE_CODES: &[&str] = &[
    "pay-law",
    "coded-wording",
    "gendered-title",
    "exclusionary-wording",
];

/// One role on the dashboard, with the problems of its file (`own`).
fn dashboard_role(
    chrome: &Chrome,
    role: &Role,
    own: &[&DashboardProblem],
    stale: &[String],
) -> DashboardRole {
    let url = urls::role(&role.slug);
    let description = format::one_line(&role.summary_text, 160);
    DashboardRole {
        title: role.title.clone(),
        file: role.source_file.clone(),
        absolute_url: chrome.base_url.absolute(&url),
        url,
        status: role.status.as_str(),
        stale: stale.contains(&role.source_file),
        sections: role
            .sections
            .iter()
            .map(|s| (s.heading.clone(), format!("{:?}", s.kind)))
            .collect(),
        bands: role.salary.iter().map(format::band_range).collect(),
        required: role.experience.required.len(),
        optional: role.experience.optional.len(),
        expectations: role.expectations.len(),
        errors: own.iter().filter(|p| p.error).count(),
        warnings: own.iter().filter(|p| !p.error).count(),
        search_title: format!("{} – {}", role.title, chrome.careers),
        description,
        compliance: own
            .iter()
            .filter(|p| COMPLIANCE_CODES.contains(&p.code.as_str()))
            .map(|p| format!("{} ({})", p.message, p.code))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(file: &str, title: &str) -> DashboardRole {
        DashboardRole {
            title: title.to_owned(),
            file: file.to_owned(),
            url: format!("/roles/{file}"),
            absolute_url: format!("https://example.com/roles/{file}"),
            status: "open",
            stale: false,
            sections: vec![("About".to_owned(), "Other".to_owned())],
            bands: Vec::new(),
            required: 1,
            optional: 0,
            expectations: 2,
            errors: 0,
            warnings: 1,
            search_title: format!("{title} – Careers"),
            description: "Bakes.".to_owned(),
            compliance: Vec::new(),
        }
    }

    fn fresh(rows: &[DashboardRole]) -> Vec<String> {
        rows.iter()
            .map(|r| render_row(r, "Careers").unwrap_or_else(|e| panic!("{e}")))
            .collect()
    }

    #[test]
    fn the_status_and_the_dashboard_are_made_on_request() {
        let today = jiff::civil::date(2026, 12, 7);
        let settings = crate::site::Settings::default();
        let site = Site::build_for(Vec::new(), &settings, today, crate::site::Mode::Preview)
            .unwrap_or_else(|e| panic!("{e}"));
        let site = add_pages(site, &Arc::from(Vec::new()), &[], None, &Arc::default());
        for path in [STATUS, DASHBOARD] {
            assert!(
                site.page(path).is_none(),
                "{path} is not built with the site"
            );
            let lazy = site.lazy_page(path).unwrap_or_else(|| panic!("no {path}"));
            assert!(!lazy.is_made(), "{path}: nothing made before a request");
            lazy.page(&site).unwrap_or_else(|e| panic!("{e}"));
            assert!(lazy.is_made());
        }
        let made = |path| {
            let page = site
                .lazy_page(path)
                .and_then(|p| p.page(&site).ok())
                .unwrap_or_else(|| panic!("no {path}"));
            String::from_utf8_lossy(&page.identity.body).into_owned()
        };
        assert!(made(DASHBOARD).contains("Preview dashboard"));
        assert!(
            made(STATUS).starts_with("{\"generation\":"),
            "{}",
            made(STATUS)
        );
    }

    #[test]
    fn only_a_changed_row_is_rendered_again_and_rows_read_as_rendered_afresh() {
        let mut memo = DashboardRows::default();
        let first = vec![row("a.md", "Baker"), row("b.md", "Florist")];
        let before = memo
            .render(first, "Careers")
            .unwrap_or_else(|e| panic!("{e}"));
        let second = vec![row("b.md", "Head Florist"), row("a.md", "Baker")];
        let after = memo
            .render(second.clone(), "Careers")
            .unwrap_or_else(|e| panic!("{e}"));
        let text: Vec<String> = after.iter().map(|h| h.to_string()).collect();
        assert_eq!(text, fresh(&second));
        assert!(Arc::ptr_eq(&before[0], &after[1]), "a.md is shared");
        assert!(!Arc::ptr_eq(&before[1], &after[0]), "b.md is rendered");
        let gone = memo
            .render(vec![row("a.md", "Baker")], "Careers")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(gone.len(), 1);
        assert_eq!(memo.by_file.len(), 1, "b.md is forgotten");
    }
}
