//! The output folder, guarded: an export writes only below it, never through
//! a symbolic link, never into (or around) the roles folder, and never over a
//! file it did not write unless told to.

use std::fs;
use std::io::ErrorKind;
use std::path::{Component, Path, PathBuf};

use super::ExportError;
use super::manifest::{MANIFEST_NAME, Manifest};

/// How many foreign files an error names before "and N more".
const NAMED_FOREIGN: usize = 5;

/// An output folder that passed the checks, with the manifest of the export
/// before (if any).
#[derive(Debug)]
pub(super) struct OutputFolder {
    /// The folder, as given.
    root: PathBuf,
    /// What the last export here wrote; empty for a new folder.
    pub(super) previous: Manifest,
    /// Whether files already here that no manifest lists may be overwritten.
    adopt: bool,
}

impl OutputFolder {
    /// Checks `out` against the roles folder and what it holds.
    ///
    /// Refused: `out` that is the roles folder, inside it or holds it; a
    /// folder that is not empty and has no manifest, unless `force`.
    pub(super) fn open(
        out: &Path,
        roles: Option<&Path>,
        force: bool,
    ) -> Result<OutputFolder, ExportError> {
        if let Some(roles) = roles {
            refuse_overlap(out, roles)?;
        }
        let previous = Manifest::load(out)?;
        if previous.is_none() && !force {
            let foreign = foreign_entries(out);
            if !foreign.is_empty() {
                return Err(ExportError::NotOurs {
                    out: out.to_owned(),
                    named: describe(&foreign),
                });
            }
        }
        fs::create_dir_all(out).map_err(|source| ExportError::Write {
            path: out.to_owned(),
            source,
        })?;
        Ok(OutputFolder {
            root: out.to_owned(),
            adopt: force || previous.is_none(),
            previous: previous.unwrap_or_default(),
        })
    }

    /// The folder.
    pub(super) fn root(&self) -> &Path {
        &self.root
    }

    /// Writes `bytes` to `relative`, creating folders on the way. Refuses a
    /// path that leaves the folder, passes through a symbolic link, or is a
    /// file careers did not write (unless the folder was adopted).
    pub(super) fn write(&self, relative: &Path, bytes: &[u8]) -> Result<(), ExportError> {
        let path = self.checked(relative)?;
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(ExportError::Symlink { path });
            }
            Ok(_) if !self.adopt && self.previous.hash_of(relative).is_none() => {
                return Err(ExportError::WouldOverwrite { path });
            }
            _ => {}
        }
        fs::write(&path, bytes).map_err(|source| ExportError::Write { path, source })
    }

    /// The bytes of `relative` when it is a plain file below the folder.
    pub(super) fn read(&self, relative: &Path) -> Option<Vec<u8>> {
        let path = self.checked(relative).ok()?;
        let meta = fs::symlink_metadata(&path).ok()?;
        meta.file_type().is_file().then(|| fs::read(&path).ok())?
    }

    /// Removes `relative` if it is a plain file still holding the bytes with
    /// `hash`; says whether it did. A changed file is left where it is.
    pub(super) fn remove_if_unchanged(
        &self,
        relative: &Path,
        hash: &str,
    ) -> Result<Removal, ExportError> {
        let Ok(path) = self.checked(relative) else {
            return Ok(Removal::Kept);
        };
        let Some(bytes) = self.read(relative) else {
            return Ok(Removal::Gone);
        };
        if super::manifest::hash(&bytes) != hash {
            return Ok(Removal::Kept);
        }
        fs::remove_file(&path).map_err(|source| ExportError::Write {
            path: path.clone(),
            source,
        })?;
        self.remove_empty_parents(relative);
        Ok(Removal::Removed)
    }

    /// Removes the folders above `relative` that are now empty, up to the
    /// root (only empty ones: `remove_dir` refuses the rest).
    fn remove_empty_parents(&self, relative: &Path) {
        let mut parent = relative.parent();
        while let Some(folder) = parent.filter(|p| !p.as_os_str().is_empty()) {
            if fs::remove_dir(self.root.join(folder)).is_err() {
                break;
            }
            parent = folder.parent();
        }
    }

    /// The full path of `relative` after checking each folder on the way:
    /// created when missing, refused when a symbolic link.
    fn checked(&self, relative: &Path) -> Result<PathBuf, ExportError> {
        let plain = relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
        if !plain {
            return Err(ExportError::OutsideFolder {
                path: relative.to_owned(),
            });
        }
        let mut path = self.root.clone();
        let folders = relative.parent().into_iter().flat_map(Path::components);
        for folder in folders {
            path.push(folder);
            match fs::symlink_metadata(&path) {
                Ok(meta) if meta.file_type().is_symlink() => {
                    return Err(ExportError::Symlink { path });
                }
                Ok(_) => {}
                Err(e) if e.kind() == ErrorKind::NotFound => {
                    fs::create_dir(&path).map_err(|source| ExportError::Write {
                        path: path.clone(),
                        source,
                    })?;
                }
                Err(source) => return Err(ExportError::Write { path, source }),
            }
        }
        Ok(self.root.join(relative))
    }
}

/// What [`OutputFolder::remove_if_unchanged`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Removal {
    /// The file was ours and unchanged; it is gone.
    Removed,
    /// The file changed since careers wrote it (or is not a plain file): kept.
    Kept,
    /// Nothing was there any more.
    Gone,
}

/// Refuses an output folder that is the roles folder, is inside it or holds it.
fn refuse_overlap(out: &Path, roles: &Path) -> Result<(), ExportError> {
    let (Some(out_full), Ok(roles_full)) = (resolve(out), roles.canonicalize()) else {
        return Ok(());
    };
    if out_full.starts_with(&roles_full) || roles_full.starts_with(&out_full) {
        return Err(ExportError::OverlapsRoles {
            out: out.to_owned(),
            roles: roles.to_owned(),
        });
    }
    Ok(())
}

/// `path` made absolute with symbolic links resolved, also when it does not
/// exist yet (its nearest existing folder is resolved and the rest appended).
fn resolve(path: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(path).ok()?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(full) = existing.canonicalize() {
            return Some(rest.iter().rev().fold(full, |acc, part| acc.join(part)));
        }
        rest.push(existing.file_name()?.to_owned());
        existing = existing.parent()?;
    }
}

/// The entries of `out` (sorted by name), leaving out careers' own
/// leftovers; empty when `out` is missing or empty.
fn foreign_entries(out: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(out) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with(MANIFEST_NAME))
        .collect();
    names.sort();
    names
}

/// "`a`, `b` and 3 more".
fn describe(names: &[String]) -> String {
    let shown: Vec<String> = names
        .iter()
        .take(NAMED_FOREIGN)
        .map(|n| format!("`{n}`"))
        .collect();
    match names.len().saturating_sub(NAMED_FOREIGN) {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp() -> tempfile::TempDir {
        tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_folder_holding_files_careers_did_not_write_is_refused() {
        let dir = temp();
        fs::write(dir.path().join("package.json"), "{}").unwrap_or_else(|e| panic!("{e}"));
        let refused = OutputFolder::open(dir.path(), None, false);
        let Err(ExportError::NotOurs { named, .. }) = refused else {
            panic!("expected NotOurs, got {refused:?}");
        };
        assert_eq!(named, "`package.json`");
        assert!(
            OutputFolder::open(dir.path(), None, true).is_ok(),
            "--force"
        );
    }

    #[test]
    fn the_roles_folder_inside_or_around_the_output_is_refused() {
        let dir = temp();
        let roles = dir.path().join("roles");
        fs::create_dir(&roles).unwrap_or_else(|e| panic!("{e}"));
        for out in [roles.clone(), roles.join("site"), dir.path().to_owned()] {
            let refused = OutputFolder::open(&out, Some(&roles), true);
            assert!(
                matches!(refused, Err(ExportError::OverlapsRoles { .. })),
                "{}: {refused:?}",
                out.display()
            );
        }
        assert!(OutputFolder::open(&dir.path().join("site"), Some(&roles), false).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn nothing_is_written_through_a_symbolic_link() {
        let dir = temp();
        let outside = temp();
        let out = dir.path().join("site");
        fs::create_dir(&out).unwrap_or_else(|e| panic!("{e}"));
        std::os::unix::fs::symlink(outside.path(), out.join("roles"))
            .unwrap_or_else(|e| panic!("{e}"));
        let folder = OutputFolder::open(&out, None, true).unwrap_or_else(|e| panic!("{e}"));
        let refused = folder.write(Path::new("roles/a.html"), b"a");
        assert!(
            matches!(refused, Err(ExportError::Symlink { .. })),
            "{refused:?}"
        );
        assert!(!outside.path().join("a.html").exists());
        let target = outside.path().join("victim.html");
        fs::write(&target, "mine").unwrap_or_else(|e| panic!("{e}"));
        std::os::unix::fs::symlink(&target, out.join("index.html"))
            .unwrap_or_else(|e| panic!("{e}"));
        let refused = folder.write(Path::new("index.html"), b"page");
        assert!(
            matches!(refused, Err(ExportError::Symlink { .. })),
            "{refused:?}"
        );
        assert_eq!(fs::read_to_string(&target).unwrap_or_default(), "mine");
    }

    #[test]
    fn paths_that_leave_the_folder_are_refused() {
        let dir = temp();
        let folder = OutputFolder::open(dir.path(), None, false).unwrap_or_else(|e| panic!("{e}"));
        let refused = folder.write(Path::new("../escape.html"), b"x");
        assert!(matches!(refused, Err(ExportError::OutsideFolder { .. })));
    }

    #[test]
    fn a_changed_file_is_kept() {
        let dir = temp();
        let folder = OutputFolder::open(dir.path(), None, false).unwrap_or_else(|e| panic!("{e}"));
        folder
            .write(Path::new("roles/a.html"), b"ours")
            .unwrap_or_else(|e| panic!("{e}"));
        let recorded = super::super::manifest::hash(b"before the edit");
        let kept = folder.remove_if_unchanged(Path::new("roles/a.html"), &recorded);
        assert!(matches!(kept, Ok(Removal::Kept)));
        let ours = super::super::manifest::hash(b"ours");
        let removed = folder.remove_if_unchanged(Path::new("roles/a.html"), &ours);
        assert!(matches!(removed, Ok(Removal::Removed)));
        assert!(
            !dir.path().join("roles").exists(),
            "the empty folder goes too"
        );
    }

    #[test]
    fn long_lists_of_foreign_files_are_cut_short() {
        let names: Vec<String> = (1..=7).map(|i| format!("f{i}")).collect();
        assert_eq!(describe(&names), "`f1`, `f2`, `f3`, `f4`, `f5` and 2 more");
    }
}
