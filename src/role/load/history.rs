//! Dates from git: when each role file was first committed (its first
//! published date) and last changed, read from the repository the roles folder
//! sits in.
//!
//! This is the one read outside the roles folder, and it is read-only,
//! in-process (gix, no `git` subprocess) and bounded: at most
//! [`MAX_COMMITS`] commits are walked. The history is read once per build
//! (one walk of the commits, never one per file): for each commit, the roles
//! folder's tree is compared with its first parent's, and only when they
//! differ are the file entries compared. A file is "added" by a commit whose
//! first parent lacks it and "changed" by one whose first parent holds
//! another version; the earliest addition and the latest change win.
//!
//! In a shallow clone (`.git/shallow`, as CI checkouts at depth 1 are) the
//! first commit of a file is not known: no first date is claimed, and the
//! caller says so once.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use gix::ObjectId;
use jiff::Timestamp;

/// The most commits one reading walks.
pub const MAX_COMMITS: usize = 100_000;

/// What the history says about one role file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FileCommits {
    /// The commit time of the first commit that added the file; `None` in a
    /// shallow clone, where that commit may be missing.
    pub added: Option<Timestamp>,
    /// The commit time of the last commit that changed the file.
    pub changed: Option<Timestamp>,
}

/// The history of a roles folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    /// Each role file's commits, by file name.
    pub files: HashMap<String, FileCommits>,
    /// The repository is a shallow clone: first dates are unknown.
    pub shallow: bool,
    /// The repository's folder, when the roles folder is inside one.
    pub repository: Option<PathBuf>,
}

/// The history could not be read (a damaged repository): no dates are claimed.
#[derive(Debug, thiserror::Error)]
#[error("cannot read the git history of `{path}`: {message}")]
pub struct HistoryError {
    /// The roles folder.
    pub path: PathBuf,
    /// What went wrong.
    pub message: String,
}

/// The commit `HEAD` names in the repository around `dir`, as hex; `None`
/// outside a repository or before its first commit. Dates depend on nothing
/// else, so a history read at one `HEAD` holds until it moves.
pub fn head_commit(dir: &Path) -> Option<String> {
    let repo = gix::discover(dir).ok()?;
    repo.head_id().ok().map(|id| id.to_string())
}

/// The history of the role files directly inside `dir`; an empty history when
/// `dir` is not inside a git repository or the repository has no commit yet.
pub fn read_history(dir: &Path) -> Result<History, HistoryError> {
    let fail = |message: String| HistoryError {
        path: dir.to_owned(),
        message,
    };
    let Ok(repo) = gix::discover(dir) else {
        return Ok(History::default());
    };
    let Some(workdir) = repo.workdir() else {
        return Ok(History::default());
    };
    let folder = relative_folder(dir, workdir).map_err(fail)?;
    let shallow = repo.is_shallow().unwrap_or(false);
    let mut history = History {
        shallow,
        repository: Some(workdir.to_owned()),
        ..History::default()
    };
    let Ok(head) = repo.head_id() else {
        return Ok(history);
    };
    let walk = head.ancestors().all().map_err(|e| fail(e.to_string()))?;
    let mut folders: HashMap<ObjectId, Option<ObjectId>> = HashMap::new();
    for info in walk.take(MAX_COMMITS) {
        let info = info.map_err(|e| fail(e.to_string()))?;
        let commit = info.object().map_err(|e| fail(e.to_string()))?;
        let seconds = commit.time().map_err(|e| fail(e.to_string()))?.seconds;
        let Ok(when) = Timestamp::from_second(seconds) else {
            continue;
        };
        let ours = folder_tree(&repo, info.id, &folder, &mut folders).map_err(fail)?;
        let parent = match info.parent_ids.first() {
            Some(&p) => folder_tree(&repo, p, &folder, &mut folders).map_err(fail)?,
            // The edge of a shallow clone: what came before is not known.
            None if shallow => continue,
            None => None,
        };
        if ours == parent {
            continue;
        }
        let before = role_blobs(&repo, parent).map_err(fail)?;
        for (name, blob) in role_blobs(&repo, ours).map_err(fail)? {
            let file = history.files.entry(name.clone()).or_default();
            match before.get(&name) {
                Some(old) if *old == blob => continue,
                Some(_) => {}
                None if shallow => {}
                None => file.added = Some(file.added.map_or(when, |t| t.min(when))),
            }
            file.changed = Some(file.changed.map_or(when, |t| t.max(when)));
        }
    }
    Ok(history)
}

/// `dir` relative to the repository's working tree (empty for the top).
fn relative_folder(dir: &Path, workdir: &Path) -> Result<PathBuf, String> {
    let canonical = |p: &Path| {
        p.canonicalize()
            .map_err(|e| format!("{}: {e}", p.display()))
    };
    let (dir, workdir) = (canonical(dir)?, canonical(workdir)?);
    dir.strip_prefix(&workdir)
        .map(Path::to_owned)
        .map_err(|_| format!("{} is outside {}", dir.display(), workdir.display()))
}

/// The tree of the roles folder in `commit`, memoised by commit.
fn folder_tree(
    repo: &gix::Repository,
    commit: ObjectId,
    folder: &Path,
    memo: &mut HashMap<ObjectId, Option<ObjectId>>,
) -> Result<Option<ObjectId>, String> {
    if let Some(&tree) = memo.get(&commit) {
        return Ok(tree);
    }
    let root = repo
        .find_commit(commit)
        .and_then(|c| c.tree())
        .map_err(|e| e.to_string())?;
    let tree = if folder.as_os_str().is_empty() {
        Some(root.id)
    } else {
        root.lookup_entry_by_path(folder)
            .map_err(|e| e.to_string())?
            .filter(|e| e.mode().is_tree())
            .map(|e| e.object_id())
    };
    memo.insert(commit, tree);
    Ok(tree)
}

/// The role files (`*.md` blobs) directly inside a folder tree, by name.
fn role_blobs(
    repo: &gix::Repository,
    tree: Option<ObjectId>,
) -> Result<HashMap<String, ObjectId>, String> {
    let Some(tree) = tree else {
        return Ok(HashMap::new());
    };
    let tree = repo.find_tree(tree).map_err(|e| e.to_string())?;
    let mut blobs = HashMap::new();
    for entry in tree.iter() {
        let entry = entry.map_err(|e| e.to_string())?;
        let name = entry.filename().to_string();
        if entry.mode().is_blob() && super::is_role_file(&name) {
            blobs.insert(name, entry.object_id());
        }
    }
    Ok(blobs)
}
