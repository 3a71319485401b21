//! The facts cache: everything gathered from the committed tree at HEAD
//! depends only on the HEAD commit, the options that shape the history
//! analysis, and the two things the rule pack asks of the gathering (the
//! README section vocabulary and the files whose text content rules read).
//! A re-audit of an unchanged repository opens it, resolves HEAD to a
//! commit id and counts refs; it reads no object.
//!
//! The worktree mode is not cached: files on disk have no commit id, and
//! hashing them would cost the reading the cache is there to save.

use crate::error::AuditError;
use crate::facts::Facts;
use crate::facts::history::HistoryOptions;
use crate::facts::readme::SectionTable;
use crate::source::{FileEntry, Source, SourceInfo, SourceKind};
use git2::Repository;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What a cold run gathered, as stored.
#[derive(Serialize, Deserialize)]
pub struct Entry {
    pub facts: Facts,
    pub errors: Vec<AuditError>,
    /// Text of the configuration files, by path.
    pub config_files: BTreeMap<String, String>,
}

/// HEAD, resolved without reading an object: the key's first part.
pub struct Head {
    pub repo: Repository,
    pub info: SourceInfo,
    dir: PathBuf,
    key: String,
}

/// Opens the repository (through the same safety checks as a cold run)
/// and makes the key. None when there is no cache or HEAD is unborn or
/// unreadable: the cold path then reports what is wrong.
pub fn resolve(
    path: &Path,
    history: &HistoryOptions,
    sections: &SectionTable,
    content_globs: &[String],
) -> Option<Head> {
    let dir = history.cache.clone()?;
    let repo = crate::source::git::open_repository(path).ok()?;
    let (oid, branch) = {
        let head = repo.head().ok()?;
        let branch = head
            .shorthand()
            .ok()
            .filter(|_| head.is_branch())
            .map(str::to_owned);
        (head.target()?, branch)
    };
    let mut parts = vec![
        oid.to_string(),
        repo.is_shallow().to_string(),
        history.max_commits.to_string(),
        format!("{sections:?}"),
        content_globs.join("\u{1}"),
    ];
    parts.extend(history.authors.iter().cloned());
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    let key = crate::cache::key("facts", &parts);
    let info = SourceInfo {
        head_commit: Some(oid.to_string()),
        branch,
        bare: repo.is_bare(),
        empty: false,
    };
    Some(Head {
        repo,
        info,
        dir,
        key,
    })
}

impl Head {
    /// The cached facts, refs counted afresh (a new tag does not move HEAD).
    pub fn load(&self) -> Option<(CachedSource, Facts, Vec<AuditError>)> {
        let Entry {
            mut facts,
            errors,
            config_files,
        } = crate::cache::load::<Entry>(&self.dir, &self.key)?;
        if let Some(h) = facts.history.as_mut() {
            h.tags = 0;
            h.branches = 0;
            crate::facts::history::count_refs(&self.repo, h);
        }
        let source = CachedSource {
            info: self.info.clone(),
            files: facts.files.clone(),
            config_files,
        };
        Some((source, facts, errors))
    }

    /// Stores what a cold run gathered, unless an error says an object was
    /// missing or unreadable: a repaired repository is then read again.
    /// `config_files` are where the repository's own configuration may
    /// live; their text is kept so it is read as on a cold run.
    pub fn store(
        &self,
        source: &dyn Source,
        facts: &Facts,
        errors: &[AuditError],
        config_files: &[&str],
    ) {
        if source.kind() != SourceKind::GitHead
            || source.info().head_commit != self.info.head_commit
            || !source.listing_errors().is_empty()
            || errors.iter().any(transient)
        {
            return;
        }
        let config_files = config_files
            .iter()
            .filter(|p| facts.path_exists(p))
            .filter_map(|p| {
                let bytes = source.read(p).ok()?;
                Some((
                    (*p).to_owned(),
                    String::from_utf8_lossy(&bytes).into_owned(),
                ))
            })
            .collect();
        let entry = EntryRef {
            facts,
            errors,
            config_files,
        };
        crate::cache::store(&self.dir, &self.key, &entry);
    }
}

#[derive(Serialize)]
struct EntryRef<'a> {
    facts: &'a Facts,
    errors: &'a [AuditError],
    config_files: BTreeMap<String, String>,
}

/// An error that may not happen again: an object missing or corrupt, a
/// file that could not be read, the repository as a whole unreadable
/// (the sources mark these with `AuditError::unreadable` and `repo`).
fn transient(e: &AuditError) -> bool {
    e.transient || e.path.is_none()
}

/// The source a cached run sees: HEAD's file list and the configuration
/// files' text, from the entry.
pub struct CachedSource {
    info: SourceInfo,
    files: Vec<FileEntry>,
    config_files: BTreeMap<String, String>,
}

impl Source for CachedSource {
    fn kind(&self) -> SourceKind {
        SourceKind::GitHead
    }

    fn info(&self) -> &SourceInfo {
        &self.info
    }

    fn files(&self) -> &[FileEntry] {
        &self.files
    }

    fn listing_errors(&self) -> &[AuditError] {
        &[]
    }

    fn read(&self, path: &str) -> Result<Vec<u8>, AuditError> {
        self.config_files
            .get(path)
            .map(|t| t.as_bytes().to_vec())
            .ok_or_else(|| AuditError::at(path, "not in the facts cache"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_reads_that_may_pass_are_transient() {
        assert!(transient(&AuditError::repo("cannot open repository")));
        assert!(transient(&AuditError::unreadable(
            "app.py",
            "blob 3f2a is missing or corrupt"
        )));
        // A malformed file stays malformed: its report can be cached, even
        // when the parser's message happens to say "missing".
        assert!(!transient(&AuditError::at(
            "pyproject.toml:3",
            "malformed pyproject.toml: missing closing bracket"
        )));
    }
}
