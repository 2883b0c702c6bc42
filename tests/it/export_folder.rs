//! `careers build --out` touches only its own files: run from a folder that
//! holds `roles/`, with relative paths, as the README tells a person to.
// See: issue #25 (a build deleted a package.json, a logo and a hand-written
// script it had not written, and wrote through symbolic links).

use std::fs;
use std::path::Path;
use std::process::Output;

use crate::support::{careers_in, checkout};

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
    }
    fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

#[test]
fn a_second_build_keeps_every_file_careers_did_not_write() {
    let dir = checkout("cli/clean/roles");
    let out = careers_in(dir.path(), &["build", "--out", "public"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let public = dir.path().join("public");
    let theirs = [
        "package.json",
        "tsconfig.json",
        "logo.png",
        "static/app.js",
        "roles/notes.html",
        "CNAME",
    ];
    for file in theirs {
        write(&public.join(file), "a person's own file");
    }
    let out = careers_in(dir.path(), &["build", "--out", "public"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for file in theirs {
        let text = fs::read_to_string(public.join(file)).unwrap_or_default();
        assert_eq!(text, "a person's own file", "{file} was touched");
    }
}

#[test]
fn a_role_that_is_gone_takes_only_the_files_careers_wrote_for_it() {
    let dir = checkout("cli/clean/roles");
    let extra = dir.path().join("roles/retired-keeper.md");
    write(&extra, "# Retired Keeper\n\nKeeps the old hives.\n");
    let out = careers_in(dir.path(), &["build", "--out", "public"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let public = dir.path().join("public");
    assert!(public.join("roles/retired-keeper.html").is_file());
    assert!(public.join("roles/retired-keeper.json").is_file());
    fs::remove_file(&extra).unwrap_or_else(|e| panic!("{e}"));
    // A person edited one of careers' files since: it is kept, and said so.
    write(
        &public.join("roles/retired-keeper.json"),
        "{\"edited\": true}",
    );
    let out = careers_in(dir.path(), &["build", "--out", "public"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(!public.join("roles/retired-keeper.html").exists(), "{err}");
    assert!(
        err.contains("retired-keeper.html`: no longer part of the site"),
        "{err}"
    );
    assert!(public.join("roles/retired-keeper.json").is_file(), "{err}");
    assert!(
        err.contains("kept `public/roles/retired-keeper.json`"),
        "{err}"
    );
    assert!(public.join("roles/head-beekeeper.html").is_file());
}

#[test]
fn a_folder_of_someone_elses_files_is_refused_unless_forced() {
    let dir = checkout("cli/clean/roles");
    let public = dir.path().join("public");
    write(&public.join("package.json"), "{}");
    write(&public.join("app.js"), "// mine");
    let out = careers_in(dir.path(), &["build", "--out", "public"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("it holds files careers did not write (`app.js`, `package.json`)"),
        "{err}"
    );
    assert!(!public.join("index.html").exists(), "nothing written");
    let out = careers_in(dir.path(), &["build", "--out", "public", "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(public.join("index.html").is_file());
    assert_eq!(
        fs::read_to_string(public.join("app.js")).unwrap_or_default(),
        "// mine"
    );
}

#[test]
fn the_roles_folder_is_never_the_output() {
    let dir = checkout("cli/clean/roles");
    for out_dir in ["roles", "roles/site", "."] {
        let out = careers_in(dir.path(), &["build", "--out", out_dir, "--force"]);
        assert_eq!(out.status.code(), Some(2), "{out_dir}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("the roles folder"),
            "{}",
            stderr(&out)
        );
    }
    assert!(!dir.path().join("roles/index.html").exists());
    assert!(!dir.path().join("index.html").exists());
}

#[cfg(unix)]
#[test]
fn nothing_is_written_or_deleted_through_a_symbolic_link() {
    let dir = checkout("cli/clean/roles");
    let outside = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = careers_in(dir.path(), &["build", "--out", "public"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let public = dir.path().join("public");
    // `static/` replaced by a link to a folder elsewhere, holding a file with
    // the name of one of careers' assets.
    let statics: Vec<_> = fs::read_dir(public.join("static"))
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    fs::remove_dir_all(public.join("static")).unwrap_or_else(|e| panic!("{e}"));
    for name in &statics {
        fs::write(outside.path().join(name), "theirs").unwrap_or_else(|e| panic!("{e}"));
    }
    std::os::unix::fs::symlink(outside.path(), public.join("static"))
        .unwrap_or_else(|e| panic!("{e}"));
    let out = careers_in(dir.path(), &["build", "--out", "public"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("symbolic link"), "{}", stderr(&out));
    for name in &statics {
        let text = fs::read_to_string(outside.path().join(name)).unwrap_or_default();
        assert_eq!(text, "theirs", "{name:?} was written through the link");
    }
}

/// A build after a one-role edit writes that role's files and leaves every
/// page whose bytes did not change as it was, yet the folder ends up holding
/// exactly what a first build into an empty folder writes. A page file a
/// person changed by hand is written again.
#[test]
fn a_build_after_an_edit_writes_what_changed_and_ends_as_a_fresh_build() {
    use crate::support::files_under;
    let dir = checkout("recruit/roles");
    let first = careers_in(dir.path(), &["build", "--out", "site"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert!(!stderr(&first).contains("unchanged"), "{}", stderr(&first));

    let again = careers_in(dir.path(), &["build", "--out", "site"]);
    assert!(
        stderr(&again).contains("pages unchanged since the last build"),
        "{}",
        stderr(&again)
    );

    let role = dir.path().join("roles/pond_keeper.md");
    let text = fs::read_to_string(&role).unwrap_or_default();
    write(&role, &format!("{text}\nThe pond has newts now.\n"));
    let page = dir.path().join("site/roles/lead-beekeeper.html");
    let served = fs::read(&page).unwrap_or_default();
    write(&page, "edited by hand");
    let edited = careers_in(dir.path(), &["build", "--out", "site"]);
    assert_eq!(edited.status.code(), Some(0), "{}", stderr(&edited));
    assert_eq!(fs::read(&page).unwrap_or_default(), served, "rewritten");

    let fresh = checkout("recruit/roles");
    write(
        &fresh.path().join("roles/pond_keeper.md"),
        &format!("{text}\nThe pond has newts now.\n"),
    );
    let out = careers_in(fresh.path(), &["build", "--out", "site"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let ours = files_under(&dir.path().join("site"));
    let theirs = files_under(&fresh.path().join("site"));
    assert_eq!(
        ours.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        theirs.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    for ((path, a), (_, b)) in ours.iter().zip(&theirs) {
        assert!(a == b, "{} differs from a fresh build", path.display());
    }
    let newts =
        fs::read_to_string(dir.path().join("site/roles/pond-keeper.html")).unwrap_or_default();
    assert!(newts.contains("newts"), "the edit is published");
}
