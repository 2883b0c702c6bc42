//! Writes a [`Site`] to a folder: the same bytes the server sends, with `.gz`
//! and `.br` beside each file (`docs/architecture.md`, "Export").

mod folder;
pub mod hosts;
pub mod manifest;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::site::discovery::share::{self, ShareCard};
use crate::site::{Page, RenderError, Site};

use folder::{OutputFolder, Removal};
use hosts::Exported;
pub use manifest::{MANIFEST_NAME, Manifest};

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
    /// The output folder is the roles folder, inside it, or holds it.
    #[error(
        "refusing to write the site to `{out}`: it is, is inside or holds the roles folder `{roles}`; choose a folder of its own, e.g. `--out public`"
    )]
    OverlapsRoles {
        /// The output folder.
        out: PathBuf,
        /// The roles folder.
        roles: PathBuf,
    },
    /// The output folder holds files and no manifest of an earlier export.
    #[error(
        "refusing to write the site to `{out}`: it holds files careers did not write ({named}); choose an empty folder, or pass `--force` to write beside them (they are never deleted)"
    )]
    NotOurs {
        /// The output folder.
        out: PathBuf,
        /// The first few names found, for the message.
        named: String,
    },
    /// A file or folder on the way is a symbolic link.
    #[error("refusing to write through the symbolic link `{path}`")]
    Symlink {
        /// The link.
        path: PathBuf,
    },
    /// A file the earlier export did not write is where a page goes.
    #[error("refusing to overwrite `{path}`: careers did not write it; move it, or pass `--force`")]
    WouldOverwrite {
        /// The file.
        path: PathBuf,
    },
    /// A path would leave the output folder.
    #[error("refusing to write `{path}`: it leaves the output folder")]
    OutsideFolder {
        /// The path, relative to the output folder.
        path: PathBuf,
    },
    /// The manifest of the earlier export cannot be read.
    #[error(
        "cannot read `{path}` ({reason}); without it careers cannot tell its files from yours: remove it and pass `--force`"
    )]
    Manifest {
        /// The manifest.
        path: PathBuf,
        /// What was wrong.
        reason: String,
    },
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

/// How an export may treat its output folder.
#[derive(Debug, Default, Clone)]
pub struct ExportOptions<'a> {
    /// The roles folder the site was read from: the output may not be it,
    /// be inside it, or hold it.
    pub roles: Option<&'a Path>,
    /// Write into a folder that holds files and no manifest (`--force`).
    /// Files already there are still never deleted.
    pub force: bool,
}

/// What an export did.
#[derive(Debug, Default)]
pub struct Export {
    /// How many files were written (or kept, for share images unchanged).
    pub written: usize,
    /// Files of an earlier export that this site no longer has (a role that
    /// was removed or renamed), deleted so a static host stops serving them.
    pub removed: Vec<PathBuf>,
    /// Files an earlier export wrote that this one no longer has, kept
    /// because a person changed them since.
    pub kept_changed: Vec<PathBuf>,
}

/// Writes every page (compressing what is not compressed yet), `404.html` and
/// a page for each apply link (`roles/{slug}/apply.html`: a static host cannot
/// redirect with a request's campaign, so it moves on by itself), then removes
/// what the earlier export recorded in its manifest and this one did not write.
/// Nothing else in the folder is touched.
pub fn write(site: &Site, out: &Path, options: &ExportOptions<'_>) -> Result<Export, ExportError> {
    let folder = OutputFolder::open(out, options.roles, options.force)?;
    site.compress_all();
    let applies = site.apply_pages()?;
    applies.par_iter().for_each(|(_, page)| page.compress());
    let mut manifest = Manifest::new();
    let images = share_images(site, &folder, &mut manifest);
    let exported: Vec<Exported<'_>> = site
        .pages()
        .map(|(path, page)| (Some(path), page.as_ref()))
        .chain([(None, site.not_found().as_ref())])
        .chain(applies.iter().map(|(path, page)| (Some(*path), page)))
        .chain(images.iter().map(|(path, page)| (Some(*path), page)))
        .map(|(url, page)| Exported {
            url,
            file: url.map_or_else(|| PathBuf::from("404.html"), file_for),
            page,
        })
        .collect();
    for e in &exported {
        write_page(&folder, &e.file, e.page, &mut manifest)?;
    }
    for (file, bytes) in hosts::files(&exported) {
        folder.write(&file, &bytes)?;
        manifest.record(&file, manifest::hash(&bytes));
    }
    let mut export = remove_stale(&folder, &manifest)?;
    manifest.save(folder.root())?;
    export.written = manifest.len();
    Ok(export)
}

/// Draws the share images the folder does not hold yet, all in parallel (the
/// server draws each on first request). An image's name is a hash of what it
/// shows, so one the earlier export wrote, still unchanged, is kept.
fn share_images<'s>(
    site: &'s Site,
    folder: &OutputFolder,
    manifest: &mut Manifest,
) -> Vec<(&'s str, Page)> {
    let mut to_draw = Vec::new();
    for card in site.share_cards() {
        let file = file_for(&card.path);
        let recorded = folder.previous.hash_of(&file);
        let on_disk = recorded
            .and_then(|_| folder.read(&file))
            .map(|b| manifest::hash(&b));
        match (recorded, on_disk) {
            (Some(recorded), Some(found)) if recorded == found => manifest.record(&file, found),
            _ => to_draw.push(card),
        }
    }
    to_draw
        .par_iter()
        .filter_map(|card: &&ShareCard| Some((card.path.as_str(), share::image_page(card.draw()?))))
        .collect()
}

/// Removes each file the earlier manifest lists and this export did not
/// write, while it still holds the bytes careers wrote.
fn remove_stale(folder: &OutputFolder, written: &Manifest) -> Result<Export, ExportError> {
    let mut export = Export::default();
    for (file, hash) in folder.previous.files() {
        if written.hash_of(&file).is_some() {
            continue;
        }
        match folder.remove_if_unchanged(&file, hash)? {
            Removal::Removed => export.removed.push(folder.root().join(&file)),
            Removal::Kept => export.kept_changed.push(folder.root().join(&file)),
            Removal::Gone => {}
        }
    }
    Ok(export)
}

/// Writes a page and the compressed variants it has. Without a useful
/// variant nothing is written, and a stale file from an earlier build is
/// removed with the rest of what this build did not write.
fn write_page(
    folder: &OutputFolder,
    file: &Path,
    page: &Page,
    manifest: &mut Manifest,
) -> Result<(), ExportError> {
    let variants = [
        ("", Some(&page.identity)),
        (".gz", page.gzip()),
        (".br", page.brotli()),
    ];
    for (suffix, variant) in variants {
        let Some(variant) = variant else { continue };
        let mut name = file.as_os_str().to_owned();
        name.push(suffix);
        let target = PathBuf::from(name);
        folder.write(&target, &variant.body)?;
        manifest.record(&target, manifest::hash(&variant.body));
    }
    Ok(())
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
