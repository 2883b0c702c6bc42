//! The export's record of what it wrote: every file's path (relative to the
//! output folder, `/`-separated) and a hash of its bytes, kept in the output
//! folder as [`MANIFEST_NAME`].
//!
//! The next export removes only files this record lists, and only while they
//! still hold the bytes it recorded: a file careers did not write, or one a
//! person changed since, is never deleted.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::ExportError;

/// The manifest's file name in the output folder. A dot file: static hosts
/// do not serve it, and it sorts out of the way.
pub const MANIFEST_NAME: &str = ".careers-manifest.json";

/// The version of the manifest's format this build writes and reads.
const VERSION: u32 = 1;

/// What one export wrote.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    /// The format's version, so a later format can be told apart.
    version: u32,
    /// Relative path -> xxh3 hash of the bytes written, as 16 hex digits.
    files: BTreeMap<String, String>,
}

/// A file's hash as the manifest records it.
pub fn hash(bytes: &[u8]) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(bytes))
}

/// The manifest's key for a path relative to the output folder.
pub fn key(relative: &Path) -> String {
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

impl Manifest {
    /// An empty manifest for a new export.
    pub fn new() -> Manifest {
        Manifest {
            version: VERSION,
            files: BTreeMap::new(),
        }
    }

    /// The manifest an earlier export left in `out`, or `None` when there is
    /// none. One that cannot be read is an error: guessing what is ours could
    /// delete a person's file.
    pub fn load(out: &Path) -> Result<Option<Manifest>, ExportError> {
        let path = out.join(MANIFEST_NAME);
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(ExportError::Write { path, source }),
        };
        match serde_json::from_str::<Manifest>(&text) {
            Ok(manifest) if manifest.version == VERSION => Ok(Some(manifest)),
            Ok(manifest) => Err(ExportError::Manifest {
                path,
                reason: format!("it is version {}, not {VERSION}", manifest.version),
            }),
            Err(e) => Err(ExportError::Manifest {
                path,
                reason: e.to_string(),
            }),
        }
    }

    /// Records that `relative` now holds a file with this hash.
    pub fn record(&mut self, relative: &Path, hash: String) {
        self.files.insert(key(relative), hash);
    }

    /// The hash recorded for `relative`, if this manifest lists it.
    pub fn hash_of(&self, relative: &Path) -> Option<&str> {
        self.files.get(&key(relative)).map(String::as_str)
    }

    /// Every listed file, relative to the output folder.
    pub fn files(&self) -> impl Iterator<Item = (PathBuf, &str)> {
        self.files
            .iter()
            .map(|(path, hash)| (PathBuf::from(path), hash.as_str()))
    }

    /// How many files are listed.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether no file is listed.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Writes the manifest into `out`, whole or not at all (a temporary file
    /// renamed over the old one).
    pub fn save(&self, out: &Path) -> Result<(), ExportError> {
        let path = out.join(MANIFEST_NAME);
        let temporary = out.join(format!("{MANIFEST_NAME}.tmp"));
        let fail = |path: &Path| {
            let path = path.to_owned();
            move |source| ExportError::Write { path, source }
        };
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        fs::write(&temporary, text).map_err(fail(&temporary))?;
        fs::rename(&temporary, &path).map_err(fail(&path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_survives_a_round_trip() {
        let out = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut manifest = Manifest::new();
        manifest.record(Path::new("roles/a.html"), hash(b"a"));
        manifest.save(out.path()).unwrap_or_else(|e| panic!("{e}"));
        let loaded = Manifest::load(out.path())
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_default();
        assert_eq!(
            loaded.hash_of(Path::new("roles/a.html")),
            Some(&*hash(b"a"))
        );
        assert_eq!(loaded.len(), 1);
    }

    #[test]
    fn no_manifest_is_none_and_a_broken_one_is_an_error() {
        let out = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(Manifest::load(out.path()), Ok(None)));
        fs::write(out.path().join(MANIFEST_NAME), "{not json").unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(
            Manifest::load(out.path()),
            Err(ExportError::Manifest { .. })
        ));
    }

    #[test]
    fn keys_use_forward_slashes() {
        assert_eq!(key(Path::new("roles/x/apply.html")), "roles/x/apply.html");
    }
}
