//! Files as they are on disk: a git working directory (`--worktree`) or a plain
//! folder. `.gitignore` is honoured in both, because that is what would be
//! pushed; in a working tree, files the index tracks stay listed even when
//! a later `.gitignore` names them, since they are pushed all the same. Symlinks are listed, never walked, and read only when they resolve
//! inside the root.

use super::{EntryKind, FileEntry, MAX_READ_BYTES, Source, SourceInfo, SourceKind};
use crate::error::AuditError;
use ignore::WalkBuilder;
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// `.gitignore`, `.ignore` and `.git/info/exclude`, read by us rather than by
/// the `ignore` crate: it opens them itself, following a symlink to
/// `/dev/zero` or blocking on a FIFO. Here each is read with
/// [`super::safe::read_regular`] (regular files only, capped), and each
/// refusal is an error entry.
struct Ignores {
    root: PathBuf,
    /// Matchers by directory, built on first use.
    cache: Mutex<HashMap<PathBuf, Option<Arc<Gitignore>>>>,
    exclude: Option<Gitignore>,
    errors: Mutex<Vec<AuditError>>,
}

impl Ignores {
    fn new(root: &Path) -> Self {
        let ignores = Ignores {
            root: root.to_path_buf(),
            cache: Mutex::default(),
            exclude: None,
            errors: Mutex::default(),
        };
        // Only through a real .git folder: a symlinked one leads elsewhere.
        let real_git_dir = std::fs::symlink_metadata(root.join(".git")).is_ok_and(|m| m.is_dir());
        let exclude = real_git_dir
            .then(|| ignores.build(root, &[".git/info/exclude"]))
            .flatten();
        Ignores {
            exclude: exclude.map(|m| (*m).clone()),
            ..ignores
        }
    }

    /// A matcher rooted at `dir` from the named files, later ones winning.
    fn build(&self, dir: &Path, names: &[&str]) -> Option<Arc<Gitignore>> {
        let mut builder = GitignoreBuilder::new(dir);
        let mut any = false;
        for name in names {
            let path = dir.join(name);
            if std::fs::symlink_metadata(&path).is_err() {
                continue;
            }
            let shown = path
                .strip_prefix(&self.root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            match super::safe::read_regular(&path, super::safe::MAX_META_BYTES) {
                Ok(bytes) => {
                    for line in String::from_utf8_lossy(&bytes).lines() {
                        // A malformed glob only loses that line, as in git.
                        let _ = builder.add_line(None, line);
                    }
                    any = true;
                }
                Err(e) => {
                    if let Ok(mut errors) = self.errors.lock() {
                        errors.push(AuditError::at(shown, format!("ignore file {e}")));
                    }
                }
            }
        }
        if !any {
            return None;
        }
        builder.build().ok().map(Arc::new)
    }

    fn for_dir(&self, dir: &Path) -> Option<Arc<Gitignore>> {
        if let Some(found) = self.cache.lock().ok()?.get(dir) {
            return found.clone();
        }
        let built = self.build(dir, &[".gitignore", ".ignore"]);
        if let Ok(mut cache) = self.cache.lock() {
            cache.insert(dir.to_path_buf(), built.clone());
        }
        built
    }

    /// Whether `path` is ignored: the nearest directory's rules win, as in
    /// git, then `.git/info/exclude`.
    fn is_ignored(&self, path: &Path, is_dir: bool) -> bool {
        let mut dir = path.parent();
        while let Some(d) = dir {
            if !d.starts_with(&self.root) {
                break;
            }
            if let Some(m) = self.for_dir(d) {
                let found = m.matched(path, is_dir);
                if found.is_ignore() {
                    return true;
                }
                if found.is_whitelist() {
                    return false;
                }
            }
            dir = d.parent();
        }
        self.exclude
            .as_ref()
            .is_some_and(|m| m.matched(path, is_dir).is_ignore())
    }
}

pub struct DiskSource {
    root: PathBuf,
    canonical_root: PathBuf,
    kind: SourceKind,
    info: SourceInfo,
    files: Vec<FileEntry>,
    errors: Vec<AuditError>,
    /// For a working tree: its repository, whose history is still audited.
    repo: Option<git2::Repository>,
}

/// Directories that are never part of a project's own content. A virtualenv
/// is recorded by its `pyvenv.cfg` (so hygiene rules see it) but not walked:
/// it can hold tens of thousands of files.
fn is_environment_dir(path: &Path) -> bool {
    path.join("pyvenv.cfg").is_file()
}

impl DiskSource {
    pub fn open(root: &Path, kind: SourceKind) -> Result<Self, AuditError> {
        let canonical_root = root
            .canonicalize()
            .map_err(|e| AuditError::repo(format!("cannot read folder {}: {e}", root.display())))?;
        let mut source = DiskSource {
            root: root.to_path_buf(),
            canonical_root,
            kind,
            info: SourceInfo::default(),
            files: Vec::new(),
            errors: Vec::new(),
            repo: None,
        };
        if kind == SourceKind::Worktree {
            match super::git::open_repository(root) {
                Ok(repo) => source.repo = Some(repo),
                Err(e) => source
                    .errors
                    .push(AuditError::repo(format!("git history not read: {e}"))),
            }
        }
        source.walk();
        source.files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(source)
    }

    fn walk(&mut self) {
        let skipped_envs: Arc<Mutex<Vec<PathBuf>>> = Arc::default();
        let envs = Arc::clone(&skipped_envs);
        let skipped_repos: Arc<Mutex<Vec<PathBuf>>> = Arc::default();
        let nested_repos = Arc::clone(&skipped_repos);
        let ignores = Arc::new(Ignores::new(&self.root));
        let filter_ignores = Arc::clone(&ignores);
        let walker = WalkBuilder::new(&self.root)
            .hidden(false)
            .parents(false)
            .git_global(false)
            .git_ignore(false)
            .git_exclude(false)
            .ignore(false)
            .require_git(false)
            .follow_links(false)
            .filter_entry(move |entry| {
                let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                if entry.depth() == 0 {
                    return true;
                }
                if filter_ignores.is_ignored(entry.path(), is_dir) {
                    return false;
                }
                if !is_dir {
                    return true;
                }
                if entry.file_name() == ".git" {
                    return false;
                }
                if is_environment_dir(entry.path()) {
                    if let Ok(mut envs) = envs.lock() {
                        envs.push(entry.path().to_path_buf());
                    }
                    return false;
                }
                // A repository inside the repository is its own project:
                // listed like a submodule, never walked.
                if entry.path().join(".git").exists() {
                    if let Ok(mut nested) = nested_repos.lock() {
                        nested.push(entry.path().to_path_buf());
                    }
                    return false;
                }
                true
            })
            .build();
        for result in walker {
            let entry = match result {
                Ok(entry) => entry,
                Err(e) => {
                    self.errors.push(AuditError::repo(format!(
                        "cannot read part of the folder: {e}"
                    )));
                    continue;
                }
            };
            let Some(file_type) = entry.file_type() else {
                continue;
            };
            if file_type.is_dir() {
                continue;
            }
            let Some(rel) = self.relative(entry.path()) else {
                continue;
            };
            let kind = if file_type.is_symlink() {
                EntryKind::Symlink
            } else {
                EntryKind::File
            };
            let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
            self.files.push(FileEntry {
                path: rel,
                size,
                kind,
            });
        }
        if let Ok(mut errors) = ignores.errors.lock() {
            self.errors.append(&mut errors);
        }
        let nested = skipped_repos.lock().map(|v| v.clone()).unwrap_or_default();
        for repo in nested {
            if let Some(rel) = self.relative(&repo) {
                self.files.push(FileEntry {
                    path: rel,
                    size: 0,
                    kind: EntryKind::Submodule,
                });
            }
        }
        let envs = skipped_envs.lock().map(|v| v.clone()).unwrap_or_default();
        self.add_tracked_but_ignored(&envs);
        for env in envs {
            if let Some(rel) = self.relative(&env.join("pyvenv.cfg")) {
                self.files.push(FileEntry {
                    path: rel,
                    size: 0,
                    kind: EntryKind::File,
                });
            }
        }
    }

    /// Files the index tracks that a `.gitignore` written later hides from
    /// the walk: they are still pushed, so they are still judged (a `.env`
    /// committed, then ignored). Only regular files and symlinks inside the
    /// root; nothing under a skipped virtualenv.
    fn add_tracked_but_ignored(&mut self, envs: &[PathBuf]) {
        let Some(index) = self.repo.as_ref().and_then(|r| r.index().ok()) else {
            return;
        };
        let known: std::collections::HashSet<String> =
            self.files.iter().map(|f| f.path.clone()).collect();
        let mut added = Vec::new();
        for entry in index.iter() {
            // Gitlinks (submodules) are listed by the walk, never read.
            if entry.mode == 0o160000 {
                continue;
            }
            let Ok(rel) = std::str::from_utf8(&entry.path) else {
                continue;
            };
            if known.contains(rel)
                || rel
                    .split('/')
                    .any(|c| c.is_empty() || c == "." || c == ".." || c == ".git")
            {
                continue;
            }
            let full = self.root.join(rel);
            if envs.iter().any(|e| full.starts_with(e)) {
                continue;
            }
            // Its folder must really be inside the root (no symlinked dir).
            let inside = full
                .parent()
                .and_then(|p| p.canonicalize().ok())
                .is_some_and(|p| p.starts_with(&self.canonical_root));
            let Ok(meta) = std::fs::symlink_metadata(&full) else {
                continue;
            };
            if !inside || !(meta.is_file() || meta.file_type().is_symlink()) {
                continue;
            }
            added.push(FileEntry {
                path: rel.to_owned(),
                size: meta.len(),
                kind: if meta.file_type().is_symlink() {
                    EntryKind::Symlink
                } else {
                    EntryKind::File
                },
            });
        }
        self.files.extend(added);
    }

    fn relative(&mut self, path: &Path) -> Option<String> {
        let rel = path.strip_prefix(&self.root).ok()?;
        match rel.to_str() {
            Some(s) => Some(s.replace('\\', "/")),
            None => {
                self.errors.push(AuditError::at(
                    rel.to_string_lossy().into_owned(),
                    "file name is not valid UTF-8; skipped",
                ));
                None
            }
        }
    }
}

impl Source for DiskSource {
    fn kind(&self) -> SourceKind {
        self.kind
    }

    fn info(&self) -> &SourceInfo {
        &self.info
    }

    fn files(&self) -> &[FileEntry] {
        &self.files
    }

    fn listing_errors(&self) -> &[AuditError] {
        &self.errors
    }

    fn repository(&self) -> Option<&git2::Repository> {
        self.repo.as_ref()
    }

    fn read(&self, path: &str) -> Result<Vec<u8>, AuditError> {
        let full = self.root.join(path);
        // Canonicalising resolves every symlink on the way; the result must
        // still be under the root, or we refuse to read it.
        let real = full
            .canonicalize()
            .map_err(|e| AuditError::at(path, format!("cannot resolve: {e}")))?;
        if !real.starts_with(&self.canonical_root) {
            return Err(AuditError::at(
                path,
                "symlink points outside the repository; not followed",
            ));
        }
        // `real` has no symlinks left; the read still refuses anything but a
        // regular file and stops at the cap, whatever the file became since.
        super::safe::read_regular(&real, MAX_READ_BYTES).map_err(|e| match e {
            // An I/O failure may pass; a file too large or not regular will not.
            super::safe::ReadError::Io(_) => AuditError::unreadable(path, e.to_string()),
            super::safe::ReadError::Refused(why) => AuditError::at(path, why),
        })
    }
}
