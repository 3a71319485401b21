//! Where a repository's files come from: the committed tree at HEAD, or the
//! files on disk. Everything above this module sees one interface.

pub(crate) mod git;
pub(crate) mod safe;
mod worktree;

pub use git::{GitSource, MAX_TREE_DEPTH};
pub use worktree::DiskSource;

use crate::error::AuditError;
use serde::{Deserialize, Serialize};

/// Files bigger than this are listed (so size rules still see them) but never
/// read: a reviewer's tool has no business loading a 2 GB CSV into memory.
pub const MAX_READ_BYTES: u64 = 2 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntryKind {
    File,
    Symlink,
    Submodule,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileEntry {
    /// Repository-relative path with `/` separators.
    pub path: String,
    pub size: u64,
    pub kind: EntryKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// The committed tree at HEAD, read from the object database.
    GitHead,
    /// The working directory of a git repository (`--worktree`).
    Worktree,
    /// A plain folder with no git repository.
    Folder,
}

/// What a source knows about itself beyond its files.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SourceInfo {
    pub head_commit: Option<String>,
    pub branch: Option<String>,
    pub bare: bool,
    /// Set when a git repository has no commits yet.
    pub empty: bool,
}

pub trait Source {
    fn kind(&self) -> SourceKind;
    fn info(&self) -> &SourceInfo;
    /// Every file in the audited tree, sorted by path.
    fn files(&self) -> &[FileEntry];
    /// Problems met while listing (unreadable directories, missing objects,
    /// non-UTF-8 names). They become error entries; the audit goes on.
    fn listing_errors(&self) -> &[AuditError];
    /// The bytes of one file. Symlinks resolve only while they stay inside
    /// the repository.
    fn read(&self, path: &str) -> Result<Vec<u8>, AuditError>;
    /// The git repository behind the source, for history.
    fn repository(&self) -> Option<&git2::Repository> {
        None
    }
}

/// Resolves `target` (a symlink's content) relative to the directory of
/// `link`, refusing anything that climbs out of the repository root.
pub(crate) fn resolve_in_repo(link: &str, target: &str) -> Option<String> {
    if target.starts_with('/') || target.contains('\\') || target.contains(':') {
        return None;
    }
    let mut parts: Vec<&str> = link.split('/').collect();
    parts.pop();
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    if parts.is_empty() {
        return None;
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::resolve_in_repo;

    #[test]
    fn symlink_targets_stay_inside_the_repo() {
        assert_eq!(
            resolve_in_repo("README.md", "docs/index.md").as_deref(),
            Some("docs/index.md")
        );
        assert_eq!(resolve_in_repo("a/b/link", "../c").as_deref(), Some("a/c"));
        assert_eq!(resolve_in_repo("link", "../outside"), None);
        assert_eq!(resolve_in_repo("a/link", "../../etc/passwd"), None);
        assert_eq!(resolve_in_repo("link", "/etc/passwd"), None);
    }
}
