//! Writes a [`Site`] to a folder: the same bytes the server sends, with `.gz`
//! and `.br` beside each file (`docs/architecture.md`, "Export").

mod folder;
pub mod hosts;
pub mod manifest;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::site::discovery::share::{self, ShareCard};
use crate::site::headers::Encoding;
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
    /// How many pages the earlier export had written with the same bytes,
    /// and were left as they were.
    pub unchanged_pages: usize,
}

/// Writes every page (compressing what is not compressed yet), `404.html` and
/// a page for each apply link (`roles/{slug}/apply.html`: a static host cannot
/// redirect with a request's campaign, so it moves on by itself), then removes
/// what the earlier export recorded in its manifest and this one did not write.
/// Nothing else in the folder is touched.
///
/// A page the earlier export wrote with the same bytes, whose files still
/// hold what the manifest records, is kept as it is: neither compressed nor
/// written again, so a build after a one-role change costs what changed.
pub fn write(site: &Site, out: &Path, options: &ExportOptions<'_>) -> Result<Export, ExportError> {
    let folder = OutputFolder::open(out, options.roles, options.force)?;
    let applies = site.apply_pages()?;
    let mut exported: Vec<Exported<'_>> = site
        .pages()
        .map(|(path, page)| (Some(path), page.as_ref()))
        .chain([(None, site.not_found().as_ref())])
        .chain(applies.iter().map(|(path, page)| (Some(*path), page)))
        .map(|(url, page)| to_export(url, page))
        .collect();
    // The share images are drawn while the pages are written: writing files
    // is one thread's work (and mostly the kernel's), so drawing keeps the
    // other cores busy meanwhile.
    let (images, written) = rayon::join(
        || share_images(site, &folder),
        || write_pages(&folder, &exported),
    );
    let mut manifest = Manifest::new();
    let kept_pages = place(&mut manifest, &mut exported, written?);
    let mut drawn: Vec<Exported<'_>> = images
        .drawn
        .iter()
        .map(|(path, page)| to_export(Some(path), page))
        .collect();
    let written = write_pages(&folder, &drawn)?;
    place(&mut manifest, &mut drawn, written);
    exported.extend(drawn);
    // An image kept from the earlier export is not drawn again, but the
    // hosts' files list it like any other: this page stands for it there (a
    // share image's type and caching), and is never written.
    let kept_image = share::image_page(Vec::new());
    for (path, hash) in images.kept {
        let file = file_for(path);
        manifest.record(&file, hash);
        exported.push(Exported {
            url: Some(path),
            file,
            page: &kept_image,
            encodings: vec![Encoding::Identity],
        });
    }
    for (file, bytes) in hosts::files(&exported) {
        folder.write(&file, &bytes)?;
        manifest.record(&file, manifest::hash(&bytes));
    }
    let mut export = remove_stale(&folder, &manifest)?;
    manifest.save(folder.root())?;
    export.written = manifest.len();
    export.unchanged_pages = kept_pages;
    Ok(export)
}

/// A page to export at a request path (`None`: `404.html`).
fn to_export<'a>(url: Option<&'a str>, page: &'a Page) -> Exported<'a> {
    Exported {
        url,
        file: url.map_or_else(|| PathBuf::from("404.html"), file_for),
        page,
        encodings: Vec::new(),
    }
}

/// What became of one page: kept as the earlier export wrote it (`true`) or
/// written now, and its files.
type PageFiles = (bool, Vec<Placed>);

/// Checks every page against the earlier export and compresses the ones to
/// write, on every core, then writes them one by one, stopping at the first
/// file that cannot be written.
fn write_pages(
    folder: &OutputFolder,
    pages: &[Exported<'_>],
) -> Result<Vec<PageFiles>, ExportError> {
    let unchanged: Vec<Option<Vec<Placed>>> = pages
        .par_iter()
        .map(|e| unchanged_on_disk(folder, &e.file, e.page))
        .collect();
    pages
        .par_iter()
        .zip(&unchanged)
        .filter(|(_, kept)| kept.is_none())
        .for_each(|(e, _)| e.page.compress());
    pages
        .iter()
        .zip(unchanged)
        .map(|(e, kept)| match kept {
            Some(files) => Ok((true, files)),
            None => write_page(folder, &e.file, e.page).map(|files| (false, files)),
        })
        .collect()
}

/// Records each page's files in the manifest and on the page (which
/// variants the folder holds); says how many were kept as they were.
fn place(manifest: &mut Manifest, pages: &mut [Exported<'_>], files: Vec<PageFiles>) -> usize {
    let mut kept_pages = 0;
    for (e, (kept, files)) in pages.iter_mut().zip(files) {
        kept_pages += usize::from(kept);
        e.encodings = files
            .into_iter()
            .map(|p| {
                manifest.record(&p.file, p.hash);
                p.encoding
            })
            .collect();
    }
    kept_pages
}

/// Where an export writes a page's variant: `roles/x.html.gz` beside
/// `roles/x.html`.
fn variant_file(file: &Path, encoding: Encoding) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(encoding.file_suffix());
    PathBuf::from(name)
}

/// One file of a page in the folder: written now, or kept as an earlier
/// export wrote it.
struct Placed {
    file: PathBuf,
    hash: String,
    encoding: Encoding,
}

/// The files an earlier export wrote for `page` at `file` (the identity file
/// and the compressed variants it recorded), when the identity it recorded
/// has these very bytes and every one of those files still holds what it
/// recorded; `None` when the page must be written.
fn unchanged_on_disk(folder: &OutputFolder, file: &Path, page: &Page) -> Option<Vec<Placed>> {
    if folder.previous.hash_of(file)? != manifest::hash(&page.identity.body) {
        return None;
    }
    let mut kept = Vec::with_capacity(3);
    for encoding in Encoding::ALL {
        let target = variant_file(file, encoding);
        let Some(recorded) = folder.previous.hash_of(&target) else {
            continue;
        };
        let on_disk = folder.read(&target).map(|b| manifest::hash(&b))?;
        if on_disk != recorded {
            return None;
        }
        kept.push(Placed {
            file: target,
            hash: on_disk,
            encoding,
        });
    }
    Some(kept)
}

/// The share images of an export: those drawn now, and those an earlier
/// export wrote that are still on disk as it recorded (path and hash).
struct ShareImages<'s> {
    drawn: Vec<(&'s str, Page)>,
    kept: Vec<(&'s str, String)>,
}

/// Draws the share images the folder does not hold yet, all in parallel (the
/// server draws each on first request). An image's name is a hash of what it
/// shows, so one the earlier export wrote, still unchanged, is kept.
fn share_images<'s>(site: &'s Site, folder: &OutputFolder) -> ShareImages<'s> {
    let cards: Vec<&ShareCard> = site.share_cards().collect();
    // Reading the earlier images back is most of a rebuild's export: on
    // every core, like the pages' check.
    let on_disk: Vec<Option<String>> = cards
        .par_iter()
        .map(|card| {
            let file = file_for(&card.path);
            let recorded = folder.previous.hash_of(&file)?;
            let found = manifest::hash(&folder.read(&file)?);
            (found == recorded).then_some(found)
        })
        .collect();
    let mut to_draw = Vec::new();
    let mut kept = Vec::new();
    for (card, found) in cards.into_iter().zip(on_disk) {
        match found {
            Some(found) => kept.push((card.path.as_str(), found)),
            None => to_draw.push(card),
        }
    }
    let drawn = to_draw
        .par_iter()
        .filter_map(|card: &&ShareCard| Some((card.path.as_str(), share::image_page(card.draw()?))))
        .collect();
    ShareImages { drawn, kept }
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

/// Writes a page and the compressed variants it has, and says what it
/// wrote. Without a useful variant nothing is written for it, and a stale
/// file from an earlier build is removed with the rest of what this build did
/// not write.
fn write_page(folder: &OutputFolder, file: &Path, page: &Page) -> Result<Vec<Placed>, ExportError> {
    let mut written = Vec::with_capacity(3);
    for encoding in Encoding::ALL {
        let Some(variant) = page.variant(encoding) else {
            continue;
        };
        let target = variant_file(file, encoding);
        folder.write(&target, &variant.body)?;
        written.push(Placed {
            file: target,
            hash: manifest::hash(&variant.body),
            encoding,
        });
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
