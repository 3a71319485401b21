//! Reading files an audited repository controls without trusting them: only
//! regular files, never through a symlink, never blocking on a FIFO or a
//! device, and never more than a cap. Used for everything read outside the
//! `Source` interface: ignore files and git's own metadata, which the
//! `ignore` crate and libgit2 would otherwise open themselves.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Git metadata and ignore files larger than this are refused.
pub const MAX_META_BYTES: u64 = 1024 * 1024;

/// Why a file was not read. Callers branch on it: a failed read may pass
/// next time, a refusal (not a regular file, over the cap) will not.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    Refused(String),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "cannot read: {e}"),
            ReadError::Refused(why) => f.write_str(why),
        }
    }
}

/// Opens `path` only if it is a regular file reached without following a
/// symlink in its last component, and reads at most `cap` bytes of it.
pub fn read_regular(path: &Path, cap: u64) -> Result<Vec<u8>, ReadError> {
    let file = open_no_follow(path)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::Refused(
            "is not a regular file; not read".to_owned(),
        ));
    }
    if meta.len() > cap {
        return Err(ReadError::Refused(format!(
            "{} bytes is over the {cap} byte read cap; not read",
            meta.len()
        )));
    }
    let mut bytes = Vec::new();
    // The cap applies while reading too: a file can grow after the stat.
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > cap {
        return Err(ReadError::Refused(format!(
            "over the {cap} byte read cap; not read"
        )));
    }
    Ok(bytes)
}

#[cfg(unix)]
fn open_no_follow(path: &Path) -> Result<File, ReadError> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        // O_NONBLOCK: opening a FIFO must not wait for a writer.
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| {
            if e.raw_os_error() == Some(libc::ELOOP) {
                ReadError::Refused("is a symlink; not followed".to_owned())
            } else {
                ReadError::Io(e)
            }
        })
}

#[cfg(not(unix))]
fn open_no_follow(path: &Path) -> Result<File, ReadError> {
    let meta = std::fs::symlink_metadata(path).map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::Refused(
            "is not a regular file; not read".to_owned(),
        ));
    }
    File::open(path).map_err(ReadError::Io)
}

/// What a path is, without following it: `None` when it does not exist.
fn kind(path: &Path) -> Option<std::fs::FileType> {
    std::fs::symlink_metadata(path).ok().map(|m| m.file_type())
}

/// Checks a repository's git directory before libgit2 opens it. libgit2
/// reads `config`, `packed-refs`, `HEAD`, `commondir`, alternates and
/// config includes itself, following symlinks and blocking on FIFOs; a
/// `.git` that is a symlink or a `gitdir:` file, or alternates, would audit
/// another repository under this one's name. Any of these is refused.
pub fn check_git_dir(root: &Path) -> Result<(), String> {
    let dot_git = root.join(".git");
    let git_dir: PathBuf = match kind(&dot_git) {
        Some(t) if t.is_dir() => dot_git,
        Some(t) if t.is_symlink() => {
            return Err(".git is a symlink; repositories elsewhere are not followed".to_owned());
        }
        Some(_) => {
            return Err(
                ".git is a file (a `gitdir:` link to another folder); not followed".to_owned(),
            );
        }
        None => root.to_path_buf(),
    };
    for name in [
        "commondir",
        "objects/info/alternates",
        "objects/info/http-alternates",
    ] {
        if kind(&git_dir.join(name)).is_some() {
            return Err(format!(
                "{name} points at objects outside this repository; not followed"
            ));
        }
    }
    for name in ["config", "packed-refs", "HEAD", "info/exclude"] {
        let path = git_dir.join(name);
        match kind(&path) {
            None => {}
            Some(t) if t.is_file() => {}
            Some(_) => {
                return Err(format!(
                    "git metadata {name} is not a regular file; repository not opened"
                ));
            }
        }
    }
    for dir in ["objects", "refs"] {
        if kind(&git_dir.join(dir)).is_some_and(|t| t.is_symlink()) {
            return Err(format!("git folder {dir} is a symlink; not followed"));
        }
    }
    check_config_includes(&git_dir)
}

/// `include.path` and `includeIf` make libgit2 open further files. Only
/// regular files inside the git directory are allowed.
fn check_config_includes(git_dir: &Path) -> Result<(), String> {
    let config = git_dir.join("config");
    if kind(&config).is_none() {
        return Ok(());
    }
    let text = read_regular(&config, MAX_META_BYTES).map_err(|e| format!("git config {e}"))?;
    let text = String::from_utf8_lossy(&text);
    let mut in_include = false;
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with('[') {
            let section = t.trim_start_matches('[').to_ascii_lowercase();
            in_include = section.starts_with("include");
            continue;
        }
        if !in_include {
            continue;
        }
        let Some((key, value)) = t.split_once('=') else {
            continue;
        };
        if !key.trim().eq_ignore_ascii_case("path") {
            continue;
        }
        let value = value.trim().trim_matches('"');
        let target = git_dir.join(value);
        let inside = !value.starts_with('~')
            && !Path::new(value).is_absolute()
            && !value.split(['/', '\\']).any(|p| p == "..");
        if !inside || !kind(&target).is_none_or(|t| t.is_file()) {
            return Err(format!(
                "git config includes {value}, which is not a regular file inside the repository; not opened"
            ));
        }
    }
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_are_read_and_the_cap_holds() {
        let dir = tempfile::tempdir().expect("tmp");
        let file = dir.path().join("a");
        std::fs::write(&file, "hello").expect("write");
        assert_eq!(read_regular(&file, 10).expect("reads"), b"hello");
        assert!(read_regular(&file, 3).is_err());
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&file, &link).expect("symlink");
        assert!(
            read_regular(&link, 10)
                .unwrap_err()
                .to_string()
                .contains("symlink")
        );
        let zero = dir.path().join("zero");
        std::os::unix::fs::symlink("/dev/zero", &zero).expect("symlink");
        assert!(read_regular(&zero, 10).is_err());
        assert!(read_regular(Path::new("/dev/zero"), 10).is_err());
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.to_str().expect("utf8")).expect("cstr");
        // SAFETY: mkfifo with a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert!(read_regular(&fifo, 10).is_err());
    }
}
