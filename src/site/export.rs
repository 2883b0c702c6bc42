//! Writes a [`Site`] to a folder: the same bytes the server sends, with `.gz`
//! and `.br` beside each file (`docs/architecture.md`, "Export").

use std::fs;
use std::path::{Path, PathBuf};

use crate::site::{Page, Site};

/// A file could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write `{path}`")]
pub struct ExportError {
    /// The file.
    pub path: PathBuf,
    /// Why.
    #[source]
    pub source: std::io::Error,
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

/// Writes every page (compressing what is not compressed yet) and `404.html`.
/// Returns how many files were written.
pub fn write(site: &Site, out: &Path) -> Result<usize, ExportError> {
    site.compress_all();
    let mut written = 0;
    let pages = site
        .pages()
        .map(|(path, page)| (file_for(path), page))
        .chain([(PathBuf::from("404.html"), site.not_found())]);
    for (file, page) in pages {
        written += write_page(&out.join(file), page)?;
    }
    Ok(written)
}

fn write_page(path: &Path, page: &Page) -> Result<usize, ExportError> {
    let fail = |source| ExportError {
        path: path.to_owned(),
        source,
    };
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(fail)?;
    }
    fs::write(path, &page.identity.body).map_err(fail)?;
    let mut written = 1;
    for (suffix, variant) in [("gz", page.gzip()), ("br", page.brotli())] {
        let mut name = path.as_os_str().to_owned();
        name.push(".");
        name.push(suffix);
        let target = PathBuf::from(name);
        // Without a useful variant, a stale file from an earlier build must not linger.
        match variant {
            Some(v) => {
                fs::write(&target, &v.body).map_err(|source| ExportError {
                    path: target.clone(),
                    source,
                })?;
                written += 1;
            }
            None => {
                let _ = fs::remove_file(&target);
            }
        }
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
