//! Nothing in a file is lost: every line of text of every role file in the
//! bundled site and every fixture folder reaches its page, or the reading
//! says at that line why it does not (issue 27 item 3).

mod measure;

use std::path::{Path, PathBuf};

use crate::support;

/// Every folder named `roles` under `tests/fixtures`, sorted.
fn fixture_folders() -> Vec<PathBuf> {
    let mut folders = Vec::new();
    let mut stack = vec![support::fixture("")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{e}")) {
            let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
            if !path.is_dir() {
                continue;
            }
            if path.file_name().is_some_and(|n| n == "roles") {
                folders.push(path);
            } else {
                stack.push(path);
            }
        }
    }
    folders.sort();
    folders
}

/// The lines of `dir` that did not reach their page, as `file:line: text`.
fn lost_in(dir: &Path) -> (usize, Vec<String>) {
    let count = measure::measure(dir, support::now())
        .unwrap_or_else(|e| panic!("{}: {e:#}", dir.display()));
    if !count.lost.is_empty() {
        eprintln!("{}: {:.1}% kept", dir.display(), count.percent());
    }
    let lost = count
        .lost
        .iter()
        .map(|l| format!("{}/{}:{}: {}", dir.display(), l.file, l.line, l.text))
        .collect();
    (count.lines, lost)
}

// See: issue 27 item 3 ("every line of a role file's text reaches its page").
#[test]
fn issue_27_every_line_of_every_fixture_and_bundled_role_reaches_its_page() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut folders = vec![root.join("roles")];
    folders.extend(fixture_folders());
    assert!(folders.len() >= 20, "{folders:?}");
    let (mut lines, mut lost) = (0, Vec::new());
    for folder in &folders {
        let (n, missing) = lost_in(folder);
        lines += n;
        lost.extend(missing);
    }
    assert!(lines > 1000, "only {lines} lines judged");
    assert!(
        lost.is_empty(),
        "{} lines lost:\n{}",
        lost.len(),
        lost.join("\n")
    );
}
