//! Writes a [`Site`] to a folder: the same bytes the server sends, with `.gz`
//! and `.br` beside each file (`docs/architecture.md`, "Export").

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::site::share::{self, ShareCard};
use crate::site::{Page, RenderError, Site};

/// The export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// A file could not be written or removed.
    #[error("cannot write `{path}`")]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A page only the export has could not be rendered.
    #[error(transparent)]
    Render(#[from] RenderError),
}

/// The export file for a request path: `/` -> `index.html`,
/// `/roles/x` -> `roles/x.html`, `/roles/x.json` and `/static/..` as they are.
pub fn file_for(path: &str) -> PathBuf {
    let trimmed = path.trim_start_matches('/');
    if trimmed.is_empty() {
        return PathBuf::from("index.html");
    }
    let has_extension = Path::new(trimmed).extension().is_some();
    if has_extension {
        PathBuf::from(trimmed)
    } else {
        PathBuf::from(format!("{trimmed}.html"))
    }
}

/// What an export did.
#[derive(Debug, Default)]
pub struct Export {
    /// How many files were written.
    pub written: usize,
    /// Files of an earlier export that this site no longer has (a role that
    /// was removed or renamed), deleted so a static host stops serving them.
    pub removed: Vec<PathBuf>,
}

/// Writes every page (compressing what is not compressed yet), `404.html` and
/// a page for each apply link (`roles/{slug}/apply.html`: a static host cannot
/// redirect with a request's campaign, so it moves on by itself), then removes
/// what an earlier export left that this one did not write.
pub fn write(site: &Site, out: &Path) -> Result<Export, ExportError> {
    site.compress_all();
    let applies = site.apply_pages()?;
    applies.par_iter().for_each(|(_, page)| page.compress());
    // Drawn here, all in parallel: the server draws each on first request.
    // An image's name is a hash of what it shows, so one an earlier export
    // already wrote under that name is kept, not drawn again.
    let cards: Vec<&ShareCard> = site.share_cards().collect();
    let (kept, to_draw): (Vec<&ShareCard>, Vec<&ShareCard>) = cards
        .into_iter()
        .partition(|card| out.join(file_for(&card.path)).is_file());
    let images: Vec<(&str, Page)> = to_draw
        .par_iter()
        .filter_map(|card| Some((card.path.as_str(), share::image_page(card.draw()?))))
        .collect();
    let mut written: HashSet<PathBuf> = kept
        .iter()
        .map(|card| out.join(file_for(&card.path)))
        .collect();
    let pages = site
        .pages()
        .map(|(path, page)| (file_for(path), page.as_ref()))
        .chain([(PathBuf::from("404.html"), site.not_found().as_ref())])
        .chain(applies.iter().map(|(path, page)| (file_for(path), page)))
        .chain(images.iter().map(|(path, page)| (file_for(path), page)));
    for (file, page) in pages {
        written.extend(write_page(&out.join(file), page)?);
    }
    let removed = remove_stale(out, &written)?;
    Ok(Export {
        written: written.len(),
        removed,
    })
}

/// The folders an export writes into, relative to its root.
const EXPORT_FOLDERS: [&str; 3] = ["", "roles", "static"];
/// The kinds of file an export writes; anything else in the folder is not ours
/// and is left alone.
const EXPORT_EXTENSIONS: [&str; 8] = ["html", "json", "gz", "br", "css", "js", "svg", "png"];

fn remove_stale(out: &Path, written: &HashSet<PathBuf>) -> Result<Vec<PathBuf>, ExportError> {
    let mut removed = Vec::new();
    for folder in EXPORT_FOLDERS {
        let dir = out.join(folder);
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            let is_file = entry.file_type().is_ok_and(|t| t.is_file());
            if folder == "roles" && entry.file_type().is_ok_and(|t| t.is_dir()) {
                remove_stale_applies(&path, written, &mut removed)?;
                continue;
            }
            let ours = is_file
                && path
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| EXPORT_EXTENSIONS.contains(&e));
            if ours && !written.contains(&path) {
                remove(&path, &mut removed)?;
            }
        }
    }
    removed.sort();
    Ok(removed)
}

/// In `roles/{slug}/`, only the apply page and its variants are ours; the
/// folder goes too once nothing else is in it.
fn remove_stale_applies(
    dir: &Path,
    written: &HashSet<PathBuf>,
    removed: &mut Vec<PathBuf>,
) -> Result<(), ExportError> {
    let before = removed.len();
    for name in ["apply.html", "apply.html.gz", "apply.html.br"] {
        let path = dir.join(name);
        if path.is_file() && !written.contains(&path) {
            remove(&path, removed)?;
        }
    }
    if removed.len() > before {
        // Fails, harmlessly, while the folder still holds something not ours.
        let _ = fs::remove_dir(dir);
    }
    Ok(())
}

fn remove(path: &Path, removed: &mut Vec<PathBuf>) -> Result<(), ExportError> {
    fs::remove_file(path).map_err(|source| ExportError::Write {
        path: path.to_owned(),
        source,
    })?;
    removed.push(path.to_owned());
    Ok(())
}

fn write_page(path: &Path, page: &Page) -> Result<Vec<PathBuf>, ExportError> {
    let fail = |source| ExportError::Write {
        path: path.to_owned(),
        source,
    };
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(fail)?;
    }
    fs::write(path, &page.identity.body).map_err(fail)?;
    let mut written = vec![path.to_owned()];
    // Without a useful variant nothing is written, and a stale file from an
    // earlier build is removed with the rest of what this build did not write.
    let variants = [("gz", page.gzip()), ("br", page.brotli())];
    for (suffix, variant) in variants {
        let Some(variant) = variant else { continue };
        let mut name = path.as_os_str().to_owned();
        name.push(".");
        name.push(suffix);
        let target = PathBuf::from(name);
        fs::write(&target, &variant.body).map_err(|source| ExportError::Write {
            path: target.clone(),
            source,
        })?;
        written.push(target);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_urls_map_to_html_files() {
        assert_eq!(file_for("/"), PathBuf::from("index.html"));
        assert_eq!(
            file_for("/roles/lead-engineer"),
            PathBuf::from("roles/lead-engineer.html")
        );
        assert_eq!(
            file_for("/roles/lead-engineer.json"),
            PathBuf::from("roles/lead-engineer.json")
        );
        assert_eq!(
            file_for("/static/style.1234abcd.css"),
            PathBuf::from("static/style.1234abcd.css")
        );
    }
}
