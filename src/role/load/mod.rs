//! The only filesystem code in `role`: find the role files in a folder, read
//! them (never outside it: see `file.rs`), parse them in parallel and check
//! what spans files (slugs, links).

mod file;
mod history;

use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::role::diagnostic::{Code, Diagnostic, UnknownKey};
use crate::role::front_matter;
use crate::role::mapping::ReadOptions;
use crate::role::model::{Role, Status};
use crate::role::parse::parse_in;

pub use file::MAX_FILE_BYTES;
pub use history::{FileCommits, History, HistoryError, MAX_COMMITS, head_commit, read_history};

/// Every role read from one folder, with what was found on the way.
#[derive(Debug, Default)]
pub struct Catalogue {
    /// Roles that loaded, ordered by file name. Shared, so that a rebuild
    /// and the site before it hold one copy of every unchanged role.
    pub roles: Vec<Arc<Role>>,
    /// Problems in any file, ordered by path and line.
    pub diagnostics: Vec<Diagnostic>,
    /// Front matter keys careers does not read, ordered by path and line.
    pub unknown_keys: Vec<UnknownKey>,
    /// How many role files there were, including those refused or unreadable.
    pub files: usize,
    /// The file name of every role file, loaded or not, so that a link to a
    /// file that failed to load is not also reported as broken.
    names: HashSet<String>,
}

impl Catalogue {
    /// How many diagnostics are errors.
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// How many diagnostics are warnings.
    pub fn warning_count(&self) -> usize {
        self.diagnostics.len() - self.error_count()
    }
}

/// The folder could not be listed at all.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The roles folder is missing or unreadable.
    #[error("cannot read the roles folder `{path}`")]
    FolderUnreadable {
        /// The folder.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
}

/// Whether a file name is a role file: `*.md`, not `README.md` or `index.md`,
/// not starting with `_` or `.`: a folder's README and index, and partials or
/// editor files named `_x.md` or `.x.md`, are never roles.
pub fn is_role_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".md")
        && lower != "readme.md"
        && lower != "index.md"
        && !name.starts_with('_')
        && !name.starts_with('.')
}

/// The "How we hire" page's file in a roles folder: not a role (its name
/// starts with `_`), read with `site.yaml`.
pub const HIRING_FILE: &str = "_hiring.md";

/// Reads a page of the site that lives beside the roles (such as
/// [`HIRING_FILE`]) with the same guards as a role file (no symbolic link,
/// a regular file, at most [`MAX_FILE_BYTES`], UTF-8): `Ok(None)` when there
/// is no such file.
pub fn read_site_page(dir: &Path, name: &str) -> Result<Option<String>, Diagnostic> {
    let path = dir.join(name);
    if std::fs::symlink_metadata(&path).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound) {
        return Ok(None);
    }
    let bytes = file::read_role_file(&path)?;
    String::from_utf8(bytes).map(Some).map_err(|_| {
        Diagnostic::error(
            &path,
            (1, 1),
            Code::FileUnreadable,
            "the file is not UTF-8 text",
        )
    })
}

/// Reads every role file directly inside `dir`. A role file name that is a
/// symbolic link or not a regular file, or a file that cannot be read or is
/// too large, is an error naming the file, counted like any other file.
pub fn load(dir: &Path) -> Result<Catalogue, LoadError> {
    load_in(dir, ReadOptions::default())
}

/// [`load`] on a site whose settings say what files leave unsaid.
pub fn load_in(dir: &Path, options: ReadOptions) -> Result<Catalogue, LoadError> {
    let paths = role_paths(dir)?;
    // Read in parallel too: 10,000 sequential reads were a tenth of the load.
    let sources = paths
        .into_par_iter()
        .map(|p| {
            let read = file::read_role_file(&p);
            (p, read)
        })
        .collect();
    Ok(catalogue(sources, options))
}

/// Parses `(file name, text)` pairs: [`from_sources`] for unit tests.
#[cfg(test)]
pub(crate) fn roles_from_texts(files: &[(&str, &str)]) -> Vec<Role> {
    let sources = files
        .iter()
        .map(|(name, text)| (PathBuf::from(name), text.as_bytes().to_vec()))
        .collect();
    from_sources(sources)
        .roles
        .into_iter()
        .map(Arc::unwrap_or_clone)
        .collect()
}

/// One role file, named the one way every part of careers names it: by its
/// file name inside the roles folder. The path as typed (`roles/x.md`), the
/// watcher's absolute path and a path through a symbolic link to the folder
/// all come down to this, so a cache keyed by it cannot miss an edit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RoleFile {
    /// The name on disk, which need not be UTF-8.
    os: OsString,
    /// The name as text, for messages and for matching roles' `source_file`.
    name: String,
}

impl RoleFile {
    /// The role file with this name, if the name is one ([`is_role_file`]).
    pub fn named(name: &str) -> Option<RoleFile> {
        RoleFile::of(Path::new(name))
    }

    /// The role file a path ends in, whatever folder it was reached through;
    /// the caller checks that the folder is the roles folder.
    pub fn of(path: &Path) -> Option<RoleFile> {
        RoleFile::from_name(path.file_name()?.to_owned())
    }

    /// The role file with this name on disk, if the name is one.
    fn from_name(os: OsString) -> Option<RoleFile> {
        let name = os.to_string_lossy().into_owned();
        is_role_file(&name).then_some(RoleFile { os, name })
    }

    /// The file name as text.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The path of this file in `dir`.
    pub fn path_in(&self, dir: &Path) -> PathBuf {
        dir.join(&self.os)
    }
}

impl std::fmt::Display for RoleFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

/// Each role file's last reading and last good role, kept between rebuilds
/// by a long-running process (`serve`, `preview`), so that a rebuild re-reads
/// only the files that changed and a file caught half-saved can stand in for
/// itself with the version that last read.
#[derive(Debug, Default)]
pub struct ReadCache {
    files: HashMap<RoleFile, Entry>,
    /// The last role each file gave, until the file is removed.
    last_good: HashMap<RoleFile, Arc<Role>>,
    /// The options the readings were made with: new options re-read all.
    options: ReadOptions,
    /// The role files of the folder as last listed, sorted.
    listing: Option<Arc<[RoleFile]>>,
}

/// One file's reading, and whether its bytes could not be read whole.
#[derive(Debug, Clone)]
struct Entry {
    parsed: ParsedFile,
    /// Empty, not UTF-8, front matter that does not parse or never ends, or
    /// nothing after the front matter: what a save caught half-way looks like.
    torn: Option<&'static str>,
}

/// One file, parsed: its role (unless it had an error), diagnostics, and
/// the front matter keys careers does not read.
#[derive(Debug, Clone, Default)]
struct ParsedFile {
    role: Option<Arc<Role>>,
    diagnostics: Vec<Diagnostic>,
    unknown_keys: Vec<UnknownKey>,
}

impl ParsedFile {
    /// A file that gave no role, for one reason.
    fn refused(why: Diagnostic) -> ParsedFile {
        ParsedFile {
            diagnostics: vec![why],
            ..ParsedFile::default()
        }
    }
}

/// Which broken files a rebuild shows as their last good version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeepLastGood {
    /// Only a file that cannot be read whole (a save caught half-way); a file
    /// that reads but has an error is left out, as at startup (`serve`).
    Torn,
    /// Any file with an error, shown with the error beside it (`preview`).
    AnyError,
}

/// A file whose last good version stands in for what is on disk now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    /// The file.
    pub file: RoleFile,
    /// Why its current text was not used, in a few words.
    pub why: &'static str,
}

/// [`load`], re-reading only the files in `changed` and any not read before;
/// the rest come from `cache`. `None` re-reads every file, and so do options
/// other than the cache's. Checks that span files (slugs, links, aliases)
/// always run over the whole folder.
pub fn load_cached(
    dir: &Path,
    cache: &mut ReadCache,
    changed: Option<&HashSet<RoleFile>>,
    options: ReadOptions,
) -> Result<Catalogue, LoadError> {
    let files = match (changed, &cache.listing) {
        (Some(changed), Some(listed)) => listed_after(dir, listed, changed),
        _ => Arc::from(role_files(dir)?),
    };
    if cache.options != options {
        cache.files.clear();
        cache.options = options.clone();
    }
    if cache
        .listing
        .as_ref()
        .is_none_or(|listed| !Arc::ptr_eq(listed, &files))
    {
        cache.files.retain(|f, _| files.binary_search(f).is_ok());
        cache
            .last_good
            .retain(|f, _| files.binary_search(f).is_ok());
    }
    cache.listing = Some(Arc::clone(&files));
    let stale = stale_files(&files, cache, changed);
    let fresh: Vec<(RoleFile, Entry)> = stale
        .into_par_iter()
        .map(|f| (f.clone(), read_entry(&f.path_in(dir), options.clone())))
        .collect();
    for (file, entry) in fresh {
        if let Some(role) = &entry.parsed.role {
            cache.last_good.insert(file.clone(), Arc::clone(role));
        }
        cache.files.insert(file, entry);
    }
    let readings = files
        .iter()
        .filter_map(|f| cache.files.get(f).map(|e| e.parsed.clone()))
        .collect();
    let names = files.iter().map(|f| f.name().to_owned()).collect();
    Ok(from_readings(names, readings))
}

/// The listed `files` to read again: those `changed`, and any the cache
/// lacks. When every file the cache lacks is a changed one (a save), that
/// is the changed files alone, found without a pass over the folder.
fn stale_files<'a>(
    files: &'a [RoleFile],
    cache: &ReadCache,
    changed: Option<&'a HashSet<RoleFile>>,
) -> Vec<&'a RoleFile> {
    let uncached = files.len().saturating_sub(cache.files.len());
    if let Some(changed) = changed {
        let listed: Vec<&RoleFile> = changed
            .iter()
            .filter(|f| files.binary_search(f).is_ok())
            .collect();
        let new = listed.iter().filter(|f| !cache.files.contains_key(**f));
        if new.count() == uncached {
            return listed;
        }
    }
    files
        .iter()
        .filter(|f| changed.is_none_or(|c| c.contains(*f)) || !cache.files.contains_key(*f))
        .collect()
}

impl ReadCache {
    /// Puts back the last good version of each file that `policy` says may
    /// stand in for a broken one, unless another role took its slug since.
    /// The file's diagnostics stay, so the problem is still reported.
    pub fn keep_last_good(&self, catalogue: &mut Catalogue, policy: KeepLastGood) -> Vec<Kept> {
        let mut kept = Vec::new();
        let mut files: Vec<(&RoleFile, &Entry)> = self.files.iter().collect();
        files.sort_by(|a, b| a.0.cmp(b.0));
        for (file, entry) in files {
            let why = match (entry.torn, policy) {
                _ if entry.parsed.role.is_some() => continue,
                (Some(why), _) => why,
                (None, KeepLastGood::AnyError) => "it has an error",
                (None, KeepLastGood::Torn) => continue,
            };
            let Some(old) = self.last_good.get(file) else {
                continue;
            };
            if catalogue.roles.iter().any(|r| r.slug == old.slug) {
                continue;
            }
            let at = catalogue
                .roles
                .partition_point(|r| r.source_file.as_str() < file.name());
            catalogue.roles.insert(at, Arc::clone(old));
            kept.push(Kept {
                file: file.clone(),
                why,
            });
        }
        kept
    }
}

/// Reads and parses one file, noting whether it could not be read whole.
fn read_entry(path: &Path, options: ReadOptions) -> Entry {
    match file::read_role_file(path) {
        Ok(bytes) => {
            let parsed = parse_bytes(path, &bytes, options.clone());
            let torn = if parsed.role.is_none() {
                torn(&bytes, &options)
            } else {
                None
            };
            Entry { parsed, torn }
        }
        Err(refused) => Entry {
            parsed: ParsedFile::refused(refused),
            torn: None,
        },
    }
}

/// Why a file's bytes are not a whole role file (a save caught half-way),
/// or `None` when they read and the trouble is in what they say.
fn torn(bytes: &[u8], options: &ReadOptions) -> Option<&'static str> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Some("it is not UTF-8");
    };
    if text.trim().is_empty() {
        return Some("it is empty");
    }
    let Ok(split) = front_matter::split(text) else {
        return Some("its front matter block is incomplete");
    };
    if let Some(yaml) = split.yaml
        && front_matter::parse(yaml, options.clone()).is_err()
    {
        return Some("its front matter does not parse");
    }
    if split.yaml.is_some() && split.body.trim().is_empty() {
        return Some("nothing follows its front matter");
    }
    None
}

/// The role files of `dir` after the files in `changed` changed, from the
/// last listing: a file in `changed` is there when it exists now. The same
/// listing (not a copy) when no file came or went, which is the common save;
/// the folder is not listed again, which at 10,000 files is most of what
/// reading one changed file costs.
fn listed_after(
    dir: &Path,
    listed: &Arc<[RoleFile]>,
    changed: &HashSet<RoleFile>,
) -> Arc<[RoleFile]> {
    let moved: Vec<(&RoleFile, bool)> = changed
        .iter()
        .map(|f| (f, fs::symlink_metadata(f.path_in(dir)).is_ok()))
        .filter(|(f, exists)| listed.binary_search(f).is_ok() != *exists)
        .collect();
    if moved.is_empty() {
        return Arc::clone(listed);
    }
    let mut files: Vec<RoleFile> = listed
        .iter()
        .filter(|f| !moved.iter().any(|(m, exists)| m == f && !exists))
        .cloned()
        .chain(
            moved
                .iter()
                .filter(|(_, exists)| *exists)
                .map(|(f, _)| (*f).clone()),
        )
        .collect();
    files.sort_unstable();
    Arc::from(files)
}

/// The role files directly inside `dir`, sorted by name (bytes, not path
/// components: one folder, so the names alone order them).
fn role_files(dir: &Path) -> Result<Vec<RoleFile>, LoadError> {
    let unreadable = |source| LoadError::FolderUnreadable {
        path: dir.to_owned(),
        source,
    };
    let mut files: Vec<RoleFile> = fs::read_dir(dir)
        .map_err(unreadable)?
        .filter_map(Result::ok)
        .filter_map(|e| RoleFile::from_name(e.file_name()))
        .collect();
    files.sort_unstable();
    Ok(files)
}

/// The role files directly inside `dir`, as paths, sorted.
fn role_paths(dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    Ok(role_files(dir)?.iter().map(|f| f.path_in(dir)).collect())
}

/// Parses files already in memory; `load` without the disk, for tests and fuzzing.
pub fn from_sources(sources: Vec<(PathBuf, Vec<u8>)>) -> Catalogue {
    catalogue(
        sources
            .into_iter()
            .map(|(path, bytes)| (path, Ok(bytes)))
            .collect(),
        ReadOptions::default(),
    )
}

/// One file's bytes, or the error that stopped it being read.
type Source = (PathBuf, Result<Vec<u8>, Diagnostic>);

/// Parses every file and checks what spans files.
fn catalogue(sources: Vec<Source>, options: ReadOptions) -> Catalogue {
    let names: HashSet<String> = sources
        .iter()
        .filter_map(|(p, _)| Some(p.file_name()?.to_string_lossy().into_owned()))
        .collect();
    let parsed: Vec<ParsedFile> = sources
        .into_par_iter()
        .map(|(path, read)| match read {
            Ok(bytes) => parse_bytes(&path, &bytes, options.clone()),
            Err(refused) => ParsedFile::refused(refused),
        })
        .collect();
    from_readings(names, parsed)
}

/// Every file's reading, in file-name order, checked across files.
fn from_readings(names: HashSet<String>, parsed: Vec<ParsedFile>) -> Catalogue {
    let mut catalogue = Catalogue {
        files: parsed.len(),
        names,
        ..Catalogue::default()
    };
    // Slug -> the index in `catalogue.roles` of the role that has it.
    let mut by_slug: HashMap<String, usize> = HashMap::new();
    for file in parsed {
        catalogue.diagnostics.extend(file.diagnostics);
        catalogue.unknown_keys.extend(file.unknown_keys);
        let Some(role) = file.role else { continue };
        if let Some(first) = by_slug.get(role.slug.as_str()) {
            let first = &catalogue.roles[*first].path;
            catalogue.diagnostics.push(
                Diagnostic::error(
                    &role.path,
                    (1, 1),
                    Code::DuplicateSlug,
                    format!(
                        "slug `{}` is already used by `{}`; this file is left out",
                        role.slug,
                        first.display()
                    ),
                )
                .with_hint("rename one file, or set a different `slug:` in its front matter"),
            );
            continue;
        }
        by_slug.insert(role.slug.as_str().to_owned(), catalogue.roles.len());
        catalogue.roles.push(role);
    }
    check_links(&mut catalogue);
    check_aliases(&mut catalogue);
    // Every path here is a file of the one folder, so comparing the paths'
    // bytes orders them as comparing their components would, at a fraction
    // of the cost over thousands of diagnostics.
    catalogue.diagnostics.sort_by(|a, b| {
        (a.path.as_os_str(), a.line, a.col).cmp(&(b.path.as_os_str(), b.line, b.col))
    });
    catalogue
        .unknown_keys
        .sort_by(|a, b| (a.path.as_os_str(), a.line).cmp(&(b.path.as_os_str(), b.line)));
    catalogue
}

/// Parses one file's bytes: too large or not UTF-8 is an error.
fn parse_bytes(path: &Path, bytes: &[u8], options: ReadOptions) -> ParsedFile {
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > MAX_FILE_BYTES {
        return ParsedFile::refused(file::too_large(path, u64::try_from(bytes.len()).ok()));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            let p = parse_in(path, text, options);
            ParsedFile {
                role: p.role.map(Arc::new),
                diagnostics: p.diagnostics,
                unknown_keys: p.unknown_keys,
            }
        }
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            let d = Diagnostic::error(
                path,
                (u32::try_from(line).unwrap_or(u32::MAX), 1),
                Code::NotUtf8,
                format!(
                    "the file is not UTF-8 (invalid byte at offset {})",
                    e.valid_up_to()
                ),
            )
            .with_hint("save the file as UTF-8");
            ParsedFile::refused(d)
        }
    }
}

/// Links to role files that are not in the folder, and links to drafts
/// (which are not published, so the link would lead nowhere).
fn check_links(catalogue: &mut Catalogue) {
    let drafts: HashSet<&str> = catalogue
        .roles
        .iter()
        .filter(|r| r.status == Status::Draft)
        .map(|r| r.source_file.as_str())
        .collect();
    let mut found = Vec::new();
    for role in &catalogue.roles {
        for link in &role.role_links {
            let position = (link.line, link.col);
            if !catalogue.names.contains(&link.file) {
                found.push(
                    Diagnostic::warning(
                        &role.path,
                        position,
                        Code::BrokenRoleLink,
                        format!("link to `{}`, which is not a role file here", link.file),
                    )
                    .with_hint("check the file name; links name a file in the same folder"),
                );
            } else if drafts.contains(link.file.as_str()) && role.status != Status::Draft {
                found.push(
                    Diagnostic::warning(
                        &role.path,
                        position,
                        Code::LinkToDraft,
                        format!(
                            "link to `{}`, a draft: it is not published, so the link leads nowhere",
                            link.file
                        ),
                    )
                    .with_hint("publish that role first, or remove the link for now"),
                );
            }
        }
    }
    catalogue.diagnostics.extend(found);
}

fn check_aliases(catalogue: &mut Catalogue) {
    if catalogue.roles.iter().all(|r| r.meta.aliases.is_empty()) {
        return;
    }
    let slugs: HashSet<String> = catalogue
        .roles
        .iter()
        .map(|r| r.slug.as_str().to_owned())
        .collect();
    let mut seen: HashSet<String> = HashSet::new();
    let mut found = Vec::new();
    for i in 0..catalogue.roles.len() {
        let mut keep = Vec::new();
        for alias in &catalogue.roles[i].meta.aliases {
            if slugs.contains(alias.as_str()) || !seen.insert(alias.as_str().to_owned()) {
                found.push((catalogue.roles[i].path.clone(), alias.to_string()));
            } else {
                keep.push(alias.clone());
            }
        }
        if keep.len() != catalogue.roles[i].meta.aliases.len() {
            Arc::make_mut(&mut catalogue.roles[i]).meta.aliases = keep;
        }
    }
    for (path, alias) in found {
        catalogue.diagnostics.push(Diagnostic::warning(
            path,
            (1, 1),
            Code::AliasConflict,
            format!("alias `{alias}` is already a role or another role's alias; ignored"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use test_case::test_case;

    use super::*;
    use crate::role::model::Currency;

    #[test_case("senior_engineer.md", true)]
    #[test_case("README.md", false)]
    #[test_case("readme.MD", false)]
    #[test_case("Index.md", false)]
    #[test_case("_draft.md", false)]
    #[test_case(".hidden.md", false)]
    #[test_case("site.yaml", false)]
    fn role_files(name: &str, expected: bool) {
        assert_eq!(is_role_file(name), expected);
    }

    fn source(name: &str, text: &[u8]) -> (PathBuf, Vec<u8>) {
        (PathBuf::from("roles").join(name), text.to_vec())
    }

    #[test]
    fn a_cached_load_rereads_only_what_changed_and_reads_like_a_full_one() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let write = |name: &str, text: &str| {
            fs::write(dir.path().join(name), text).unwrap_or_else(|e| panic!("{e}"))
        };
        write("a.md", "# Alpha Role\n\nLink to [b](b.md).\n");
        write("b.md", "# Beta Role\n");
        let mut cache = ReadCache::default();
        let first = load_cached(dir.path(), &mut cache, None, ReadOptions::default())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(first.roles.len(), 2);
        // Edited on disk but not reported as changed: the cached reading stays.
        write("b.md", "# Beta Role Renamed\n");
        let none = HashSet::new();
        let kept = load_cached(dir.path(), &mut cache, Some(&none), ReadOptions::default())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(kept.roles[1].title, "Beta Role");
        let changed: HashSet<RoleFile> = RoleFile::named("b.md").into_iter().collect();
        let next = load_cached(
            dir.path(),
            &mut cache,
            Some(&changed),
            ReadOptions::default(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(next.roles[1].title, "Beta Role Renamed");
        // A removed file leaves, and links to it are checked again.
        fs::remove_file(dir.path().join("b.md")).unwrap_or_else(|e| panic!("{e}"));
        let gone = changed.clone();
        let after = load_cached(dir.path(), &mut cache, Some(&gone), ReadOptions::default())
            .unwrap_or_else(|e| panic!("{e}"));
        let full = load(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(after.roles, full.roles);
        assert_eq!(after.diagnostics, full.diagnostics);
        assert_eq!(after.diagnostics[0].code, "broken-role-link");
    }

    #[test]
    fn a_cached_load_lists_the_folder_again_only_when_told_it_may_have_changed() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let write = |name: &str, text: &str| {
            fs::write(dir.path().join(name), text).unwrap_or_else(|e| panic!("{e}"))
        };
        let named = |name: &str| RoleFile::named(name).unwrap_or_else(|| panic!("{name}"));
        write("a.md", "# Alpha Role\n");
        let mut cache = ReadCache::default();
        let titles = |c: &Catalogue| c.roles.iter().map(|r| r.title.clone()).collect::<Vec<_>>();
        let first = load_cached(dir.path(), &mut cache, None, ReadOptions::default())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(titles(&first), ["Alpha Role"]);
        // Created and reported: read; created and not reported: not yet.
        write("b.md", "# Beta Role\n");
        write("c.md", "# Gamma Role\n");
        let told = HashSet::from([named("b.md")]);
        let some = load_cached(dir.path(), &mut cache, Some(&told), ReadOptions::default())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(titles(&some), ["Alpha Role", "Beta Role"]);
        // Removed and reported: gone.
        fs::remove_file(dir.path().join("a.md")).unwrap_or_else(|e| panic!("{e}"));
        let told = HashSet::from([named("a.md")]);
        let less = load_cached(dir.path(), &mut cache, Some(&told), ReadOptions::default())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(titles(&less), ["Beta Role"]);
        // Not knowing what changed lists the folder again.
        let all = load_cached(dir.path(), &mut cache, None, ReadOptions::default())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(titles(&all), ["Beta Role", "Gamma Role"]);
        let full = load(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(all.roles, full.roles);
    }

    #[test]
    fn new_settings_re_read_every_file_even_when_none_changed() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        fs::write(
            dir.path().join("a.md"),
            "# Deckhand\n\n## Salary\n\n$52,000\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let mut cache = ReadCache::default();
        let currency = |options: ReadOptions, cache: &mut ReadCache| {
            let none = HashSet::new();
            let read = load_cached(dir.path(), cache, Some(&none), options)
                .unwrap_or_else(|e| panic!("{e}"));
            read.roles[0].salary[0].currency()
        };
        assert_eq!(currency(ReadOptions::default(), &mut cache), Currency::Usd);
        let canadian = ReadOptions {
            currency: Some(Currency::Cad),
            ..ReadOptions::default()
        };
        assert_eq!(currency(canadian, &mut cache), Currency::Cad);
    }

    #[test]
    fn duplicate_slugs_name_both_files() {
        let c = from_sources(vec![
            source("data_lead.md", b"# Data Lead\n"),
            source("data-lead.md", b"# Data Lead\n"),
        ]);
        assert_eq!(c.roles.len(), 1);
        let d = &c.diagnostics[0];
        assert_eq!(d.code, "duplicate-slug");
        assert!(d.message.contains("data-lead.md") || d.path.ends_with("data-lead.md"));
        assert!(d.to_string().contains("data_lead.md"));
    }

    #[test]
    fn a_bad_file_leaves_the_rest_alone() {
        let c = from_sources(vec![
            source("good.md", b"# Good\n\nText with [a link](missing.md).\n"),
            source("latin1.md", b"# Caf\xe9\n"),
            source("empty.md", b""),
        ]);
        assert_eq!(c.roles.len(), 1);
        let codes: Vec<_> = c.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["empty-file", "broken-role-link", "not-utf8"]);
        assert_eq!(c.error_count(), 2);
    }

    #[test]
    fn the_code_describes_the_limit_in_force() {
        let mib = format!("{} MiB", MAX_FILE_BYTES / (1024 * 1024));
        assert!(Code::FileTooLarge.description().contains(&mib));
    }

    #[test]
    fn a_file_above_the_limit_is_an_error_in_memory_too() {
        let mut big = b"# Big\n".to_vec();
        big.resize(1024 * 1024 + 1, b'a');
        let c = from_sources(vec![source("big.md", &big)]);
        let d = &c.diagnostics[0];
        assert_eq!(d.code, "file-too-large");
        assert!(d.message.contains("1048577 bytes") && d.message.contains("1 MiB"));
    }

    #[test]
    fn a_link_to_a_draft_is_a_warning_at_the_link() {
        let c = from_sources(vec![
            source("a.md", b"# A\n\nSee\nthe [new role](b.md#salary).\n"),
            source("b.md", b"---\nstatus: draft\n---\n# B\n\nSee [a](a.md).\n"),
        ]);
        let got: Vec<_> = c
            .diagnostics
            .iter()
            .map(|d| (d.code.as_str(), d.path.clone(), d.line, d.col))
            .collect();
        // A draft may link to another draft or to anything published.
        assert_eq!(
            got,
            [("link-to-draft", PathBuf::from("roles").join("a.md"), 4, 5)]
        );
        assert!(!c.diagnostics[0].is_error());
    }

    #[test]
    fn roles_keep_their_path_and_links_to_broken_files_are_not_broken() {
        let c = from_sources(vec![
            source("a.md", b"# A\n\nSee [b](b.md) and [c](c.md).\n"),
            source("b.md", b""),
        ]);
        assert_eq!(c.roles[0].path, PathBuf::from("roles").join("a.md"));
        let got: Vec<_> = c
            .diagnostics
            .iter()
            .map(|d| (d.code.as_str(), d.path.clone()))
            .collect();
        assert_eq!(
            got,
            [
                ("broken-role-link", PathBuf::from("roles").join("a.md")),
                ("empty-file", PathBuf::from("roles").join("b.md"))
            ]
        );
    }

    /// A folder built in the test: files with the given names and texts.
    #[cfg(unix)]
    fn folder(files: &[(&str, &[u8])]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
        for (name, text) in files {
            fs::write(dir.path().join(name), text).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        dir
    }

    /// Codes by file name, for the files that had a diagnostic.
    #[cfg(unix)]
    fn codes(c: &Catalogue) -> Vec<(String, &'static str)> {
        c.diagnostics
            .iter()
            .map(|d| {
                let name = d.path.file_name().map(|n| n.to_string_lossy().into_owned());
                (name.unwrap_or_default(), d.code.as_str())
            })
            .collect()
    }

    #[cfg(unix)]
    #[test]
    fn nothing_outside_the_folder_is_read_and_nothing_is_skipped_silently() {
        use std::os::unix::fs::symlink;
        use std::os::unix::net::UnixListener;

        let outside = folder(&[("secret.md", b"# Secret Role\n")]);
        fs::create_dir(outside.path().join("elsewhere")).unwrap_or_else(|e| panic!("{e}"));
        let mut big = b"# Big\n".to_vec();
        big.resize(1024 * 1024 + 1, b'a');
        let dir = folder(&[
            ("good.md", b"# Good\n\nSee [the link](link.md).\n"),
            ("big.md", &big),
        ]);
        let roles = dir.path();
        let link = |target: &Path, name: &str| {
            symlink(target, roles.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        };
        link(&outside.path().join("secret.md"), "link.md");
        link(Path::new("/dev/zero"), "zero.md");
        link(Path::new("/etc/passwd"), "passwd.md");
        link(&roles.join("no-such-file"), "dangling.md");
        link(&outside.path().join("elsewhere"), "dirlink.md");
        fs::create_dir(roles.join("d.md")).unwrap_or_else(|e| panic!("{e}"));
        let made = std::process::Command::new("mkfifo")
            .arg(roles.join("fifo.md"))
            .status()
            .unwrap_or_else(|e| panic!("mkfifo: {e}"));
        assert!(made.success(), "mkfifo failed");
        let _socket =
            UnixListener::bind(roles.join("socket.md")).unwrap_or_else(|e| panic!("socket: {e}"));

        let c = load(roles).unwrap_or_else(|e| panic!("{e}"));
        let titles: Vec<_> = c.roles.iter().map(|r| r.title.as_str()).collect();
        assert_eq!(titles, ["Good"]);
        assert_eq!(
            codes(&c),
            [
                ("big.md".to_owned(), "file-too-large"),
                ("d.md".to_owned(), "not-a-file"),
                ("dangling.md".to_owned(), "symlink-refused"),
                ("dirlink.md".to_owned(), "symlink-refused"),
                ("fifo.md".to_owned(), "not-a-file"),
                ("link.md".to_owned(), "symlink-refused"),
                ("passwd.md".to_owned(), "symlink-refused"),
                ("socket.md".to_owned(), "not-a-file"),
                ("zero.md".to_owned(), "symlink-refused"),
            ]
        );
        assert_eq!((c.files, c.error_count(), c.warning_count()), (10, 9, 0));
        let message = |name: &str| {
            c.diagnostics
                .iter()
                .find(|d| d.path.ends_with(name))
                .map(|d| d.to_string())
                .unwrap_or_default()
        };
        assert!(message("link.md").contains("secret.md`; links are not followed"));
        assert!(message("zero.md").contains("`/dev/zero`"));
        assert!(message("d.md").contains("a folder"), "{}", message("d.md"));
        assert!(
            message("fifo.md").contains("FIFO"),
            "{}",
            message("fifo.md")
        );
        assert!(message("socket.md").contains("socket"));
        assert!(message("big.md").contains("1 MiB"), "{}", message("big.md"));
    }

    #[cfg(unix)]
    #[test]
    fn an_unreadable_file_is_an_error_with_the_reason() {
        use std::os::unix::fs::PermissionsExt;

        let dir = folder(&[("locked.md", b"# Locked\n"), ("open.md", b"# Open\n")]);
        let locked = dir.path().join("locked.md");
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000))
            .unwrap_or_else(|e| panic!("{e}"));
        let c = load(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.files, 2);
        if fs::read(&locked).is_ok() {
            // Running as root, which reads any file: nothing to refuse.
            eprintln!("skipped the permission assertion: running with root's rights");
            assert_eq!(c.roles.len(), 2);
            return;
        }
        assert_eq!(codes(&c), [("locked.md".to_owned(), "file-unreadable")]);
        assert!(c.diagnostics[0].message.contains("ermission denied"));
        assert_eq!(c.roles.len(), 1);
    }
}
