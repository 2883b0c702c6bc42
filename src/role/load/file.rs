//! Reading one role file without ever leaving the roles folder: a symbolic
//! link is refused, never followed, and anything that is not a regular file
//! (a folder, FIFO, socket or device) is refused before it is opened, so a
//! role file can never make the loader read `/etc/passwd`, block on a pipe
//! or stream `/dev/zero`.

use std::fs::{self, File, FileType, Metadata};
use std::io::{self, Read};
use std::path::Path;

use crate::role::diagnostic::{Code, Diagnostic};

/// The largest role file read: real ones are a few kilobytes, and every file
/// is held in memory while the folder is parsed.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Reads one role file, or says why it was refused (an error at line 1).
pub(super) fn read_role_file(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    let refuse = |code, message: String| Diagnostic::error(path, (1, 1), code, message);
    let unreadable =
        |e: io::Error| refuse(Code::FileUnreadable, format!("cannot read the file: {e}"));
    let examined = fs::symlink_metadata(path).map_err(unreadable)?;
    let kind = examined.file_type();
    if kind.is_symlink() {
        let target = match fs::read_link(path) {
            Ok(target) => format!("`{}`", target.display()),
            Err(e) => format!("a target that cannot be read ({e})"),
        };
        return Err(refuse(
            Code::SymlinkRefused,
            format!("the file is a symbolic link to {target}; links are not followed"),
        )
        .with_hint("put the role file itself in the folder, not a link to it"));
    }
    if !kind.is_file() {
        return Err(refuse(
            Code::NotAFile,
            format!(
                "not a regular file but {}; only regular files are read",
                describe(kind)
            ),
        ));
    }
    if examined.len() > MAX_FILE_BYTES {
        return Err(too_large(path, Some(examined.len())));
    }
    let file = File::open(path).map_err(unreadable)?;
    // The name could have been swapped for something else since it was
    // examined: read only the very file that was examined.
    let opened = file.metadata().map_err(unreadable)?;
    if !opened.is_file() || !same_file(&examined, &opened) {
        return Err(refuse(
            Code::NotAFile,
            "the file was replaced while it was being read; try again".into(),
        ));
    }
    match read_capped(file, examined.len()) {
        Ok(Some(bytes)) => Ok(bytes),
        Ok(None) => Err(too_large(path, None)),
        Err(e) => Err(unreadable(e)),
    }
}

/// The error for a file above [`MAX_FILE_BYTES`], with its size when known.
pub(super) fn too_large(path: &Path, size: Option<u64>) -> Diagnostic {
    let limit = format!("{} MiB", MAX_FILE_BYTES / (1024 * 1024));
    let size = size.map_or_else(|| format!("more than {limit}"), |n| format!("{n} bytes"));
    Diagnostic::error(
        path,
        (1, 1),
        Code::FileTooLarge,
        format!(
            "the file is {size}, above the limit of {limit} ({MAX_FILE_BYTES} bytes); it is left out"
        ),
    )
    .with_hint("a role file is a page of text: split it, or move large content elsewhere")
}

/// Reads at most [`MAX_FILE_BYTES`]; `None` when there is more, so a file
/// that grows after its size was checked still cannot exceed the limit.
fn read_capped(reader: impl Read, expected: u64) -> io::Result<Option<Vec<u8>>> {
    let capacity = usize::try_from(expected.min(MAX_FILE_BYTES)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    reader.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    let within = u64::try_from(bytes.len()).unwrap_or(u64::MAX) <= MAX_FILE_BYTES;
    Ok(within.then_some(bytes))
}

#[cfg(unix)]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &Metadata, _: &Metadata) -> bool {
    true
}

/// What kind of thing a file name names, for the error.
fn describe(kind: FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    if kind.is_dir() {
        "a folder"
    } else {
        "something other than a file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_endless_reader_stops_past_the_limit() {
        assert_eq!(read_capped(io::repeat(b'a'), 10).ok(), Some(None));
        let exact = vec![b'a'; 1024 * 1024];
        let read = read_capped(exact.as_slice(), 0).ok().flatten();
        assert_eq!(read.map(|b| b.len()), Some(exact.len()));
    }
}
