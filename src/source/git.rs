//! The committed tree at HEAD, read straight from the object database. No
//! checkout, no index, no filters, no hooks: works on bare mirrors too.

use super::{
    EntryKind, FileEntry, MAX_READ_BYTES, Source, SourceInfo, SourceKind, resolve_in_repo,
};
use crate::error::AuditError;
use git2::{ErrorCode, ObjectType, Oid, Repository, RepositoryOpenFlags};
use std::collections::HashMap;
use std::path::Path;

/// Directory depth past which a tree is not listed. Real projects stay far
/// below it; a crafted tree 6,000 levels deep gets an error entry.
pub const MAX_TREE_DEPTH: usize = 256;

type TreeItem = (Vec<u8>, Oid, Option<ObjectType>, i32);

/// A tree entry name git itself would write: not empty, not `.` or `..`,
/// no `/` or NUL. A crafted object can hold any of these, and a path built
/// from them could climb out of the repository in a report (SARIF URIs).
fn is_safe_name(name: &str) -> bool {
    !name.is_empty() && name != "." && name != ".." && !name.contains(['/', '\0'])
}

pub struct GitSource {
    repo: Repository,
    info: SourceInfo,
    files: Vec<FileEntry>,
    oids: HashMap<String, Oid>,
    errors: Vec<AuditError>,
}

/// Opens a repository without searching parent directories, so an audit of a
/// folder never wanders into an enclosing repository, and only after its git
/// directory passed [`super::safe::check_git_dir`]: libgit2 reads config,
/// refs and alternates itself and would follow them anywhere.
pub fn open_repository(path: &Path) -> Result<Repository, String> {
    super::safe::check_git_dir(path)?;
    Repository::open_ext(
        path,
        RepositoryOpenFlags::NO_SEARCH,
        std::iter::empty::<&std::ffi::OsStr>(),
    )
    .map_err(|e| e.message().to_owned())
}

/// Why a HEAD that libgit2 calls unborn is really unreadable, if it is:
/// HEAD itself cannot be read, the branch it names has a loose ref that
/// is not a regular file holding an object id, or `packed-refs` is not a
/// regular file or has a line that is neither a comment, a peeled id nor
/// `<id> <ref>`. Each names the file.
fn unborn_head_problem(git_dir: &Path) -> Option<AuditError> {
    use super::safe::{MAX_META_BYTES, read_regular};
    let at = |name: &str, message: String| Some(AuditError::at(format!(".git/{name}"), message));
    let is_oid = |s: &str| matches!(s.len(), 40 | 64) && s.bytes().all(|b| b.is_ascii_hexdigit());
    let head = match read_regular(&git_dir.join("HEAD"), MAX_META_BYTES) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).trim().to_owned(),
        Err(e) => return at("HEAD", format!("HEAD {e}")),
    };
    let target = head.strip_prefix("ref:").map(str::trim);
    let mut loose_exists = false;
    if let Some(target) = target {
        let loose = git_dir.join(target);
        loose_exists = std::fs::symlink_metadata(&loose).is_ok();
        if loose_exists {
            match read_regular(&loose, MAX_META_BYTES) {
                Ok(bytes) if is_oid(String::from_utf8_lossy(&bytes).trim()) => {}
                Ok(_) => {
                    return at(
                        target,
                        "the ref HEAD names does not hold an object id".to_owned(),
                    );
                }
                Err(e) => return at(target, format!("the ref HEAD names {e}")),
            }
        }
    }
    let packed = git_dir.join("packed-refs");
    if std::fs::symlink_metadata(&packed).is_err() {
        return None;
    }
    let bytes = match read_regular(&packed, MAX_META_BYTES) {
        Ok(bytes) => bytes,
        Err(e) => return at("packed-refs", format!("packed-refs {e}")),
    };
    for (n, line) in bytes.split(|b| *b == b'\n').enumerate() {
        let Ok(line) = std::str::from_utf8(line) else {
            return at(
                "packed-refs",
                format!("line {} is not UTF-8; the file is corrupt", n + 1),
            );
        };
        let line = line.trim_end_matches('\r');
        let sound = line.is_empty()
            || line.starts_with('#')
            || line.strip_prefix('^').is_some_and(is_oid)
            || line
                .split_once(' ')
                .is_some_and(|(id, name)| is_oid(id) && name.starts_with("refs/"));
        if !sound {
            return at(
                "packed-refs",
                format!("line {} is malformed; the file is corrupt", n + 1),
            );
        }
        if target.is_some_and(|t| line.ends_with(&format!(" {t}"))) {
            return at(
                "packed-refs",
                "names HEAD's branch, but it cannot be resolved".to_owned(),
            );
        }
    }
    // A fresh repository has no packed-refs; one that has it but lacks
    // HEAD's branch (and no loose ref holds it) was truncated or damaged.
    match target {
        Some(t) if !loose_exists => at(
            "packed-refs",
            format!(
                "holds no entry for HEAD's branch {t}, and no loose ref does; the file may be truncated"
            ),
        ),
        _ => None,
    }
}

impl GitSource {
    pub fn open(path: &Path) -> Result<Self, AuditError> {
        let repo = open_repository(path)
            .map_err(|e| AuditError::repo(format!("cannot open git repository: {e}")))?;
        let mut source = GitSource {
            info: SourceInfo {
                bare: repo.is_bare(),
                ..SourceInfo::default()
            },
            repo,
            files: Vec::new(),
            oids: HashMap::new(),
            errors: Vec::new(),
        };
        source.list_head()?;
        source.files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(source)
    }

    fn list_head(&mut self) -> Result<(), AuditError> {
        let (branch, commit_id, tree_id) = {
            let head = match self.repo.head() {
                Ok(head) => head,
                Err(e)
                    if e.code() == ErrorCode::UnbornBranch || e.code() == ErrorCode::NotFound =>
                {
                    // "No commits yet" only when the refs say so: a
                    // corrupt packed-refs or an unreadable branch ref is
                    // a damaged repository, not an empty one.
                    if let Some(problem) = unborn_head_problem(self.repo.path()) {
                        return Err(problem);
                    }
                    self.info.empty = true;
                    return Ok(());
                }
                Err(e) => {
                    return Err(AuditError::repo(format!(
                        "cannot resolve HEAD: {}",
                        e.message()
                    )));
                }
            };
            let branch = head
                .shorthand()
                .ok()
                .filter(|_| head.is_branch())
                .map(str::to_owned);
            let commit = head.peel_to_commit().map_err(|e| {
                AuditError::repo(format!(
                    "HEAD does not point at a readable commit: {}",
                    e.message()
                ))
            })?;
            (branch, commit.id(), commit.tree_id())
        };
        self.info.branch = branch;
        self.info.head_commit = Some(commit_id.to_string());
        self.walk(tree_id, "").map_err(|e| {
            AuditError::unreadable(
                format!("tree {tree_id}"),
                format!("cannot read the root tree: {}", e.message()),
            )
        })
    }

    /// Lists the tree at `tree_id` and everything below it. Iterative, with
    /// a depth bound: a crafted tree can nest thousands of levels, and the
    /// walk must cost neither the stack nor quadratic path building.
    fn walk(&mut self, tree_id: Oid, prefix: &str) -> Result<(), git2::Error> {
        let root = self.tree_entries(tree_id)?;
        let mut pending = vec![(root, prefix.to_owned(), 0usize)];
        while let Some((entries, prefix, depth)) = pending.pop() {
            for (name_bytes, id, kind, mode) in entries {
                let Some(path) = self.entry(&name_bytes, id, kind, mode, &prefix) else {
                    continue;
                };
                if depth + 1 > MAX_TREE_DEPTH {
                    self.errors.push(AuditError::at(
                        path,
                        format!(
                            "directories nested more than {MAX_TREE_DEPTH} levels deep; not listed"
                        ),
                    ));
                    continue;
                }
                match self.tree_entries(id) {
                    Ok(children) => pending.push((children, format!("{path}/"), depth + 1)),
                    Err(e) => self.errors.push(AuditError::unreadable(
                        path,
                        format!(
                            "directory tree object {id} is missing or corrupt: {}",
                            e.message()
                        ),
                    )),
                }
            }
        }
        Ok(())
    }

    fn tree_entries(&self, tree_id: Oid) -> Result<Vec<TreeItem>, git2::Error> {
        let tree = self.repo.find_tree(tree_id)?;
        Ok(tree
            .iter()
            .map(|e| (e.name_bytes().to_vec(), e.id(), e.kind(), e.filemode()))
            .collect())
    }

    /// Records one tree entry; returns the path of a subdirectory, which
    /// the caller lists.
    fn entry(
        &mut self,
        name_bytes: &[u8],
        id: Oid,
        kind: Option<ObjectType>,
        mode: i32,
        prefix: &str,
    ) -> Option<String> {
        let name = match std::str::from_utf8(name_bytes) {
            Ok(name) => name.to_owned(),
            Err(_) => {
                let lossy = String::from_utf8_lossy(name_bytes);
                self.errors.push(AuditError::at(
                    format!("{prefix}{lossy}"),
                    "file name is not valid UTF-8; skipped",
                ));
                return None;
            }
        };
        if !is_safe_name(&name) {
            self.errors.push(AuditError::at(
                format!("{prefix}{name}"),
                "tree entry name is empty, `.`, `..` or holds a `/`; skipped",
            ));
            return None;
        }
        let path = format!("{prefix}{name}");
        match kind {
            Some(ObjectType::Tree) => return Some(path),
            Some(ObjectType::Commit) => self.files.push(FileEntry {
                path,
                size: 0,
                kind: EntryKind::Submodule,
            }),
            Some(ObjectType::Blob) => {
                let kind = if mode == 0o120000 {
                    EntryKind::Symlink
                } else {
                    EntryKind::File
                };
                let size = match self.repo.odb().and_then(|odb| odb.read_header(id)) {
                    Ok((size, _)) => size as u64,
                    Err(e) => {
                        self.errors.push(AuditError::unreadable(
                            path.clone(),
                            format!("blob {id} is missing or corrupt: {}", e.message()),
                        ));
                        0
                    }
                };
                self.oids.insert(path.clone(), id);
                self.files.push(FileEntry { path, size, kind });
            }
            _ => {}
        }
        None
    }

    fn read_blob(&self, path: &str) -> Result<Vec<u8>, AuditError> {
        let oid = self
            .oids
            .get(path)
            .ok_or_else(|| AuditError::at(path, "no such file at HEAD"))?;
        let blob = self.repo.find_blob(*oid).map_err(|e| {
            AuditError::unreadable(
                path,
                format!("blob {oid} is missing or corrupt: {}", e.message()),
            )
        })?;
        Ok(blob.content().to_vec())
    }
}

impl Source for GitSource {
    fn kind(&self) -> SourceKind {
        SourceKind::GitHead
    }

    fn repository(&self) -> Option<&Repository> {
        Some(&self.repo)
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

    fn read(&self, path: &str) -> Result<Vec<u8>, AuditError> {
        let entry = self
            .files
            .binary_search_by(|f| f.path.as_str().cmp(path))
            .map(|i| &self.files[i])
            .map_err(|_| AuditError::at(path, "no such file at HEAD"))?;
        match entry.kind {
            EntryKind::Submodule => Err(AuditError::at(
                path,
                "is a submodule; submodules are never followed",
            )),
            EntryKind::Symlink => {
                let target = self.read_blob(path)?;
                let target = String::from_utf8_lossy(&target);
                let resolved = resolve_in_repo(path, target.trim()).ok_or_else(|| {
                    AuditError::at(path, "symlink points outside the repository; not followed")
                })?;
                match self
                    .files
                    .binary_search_by(|f| f.path.as_str().cmp(&resolved))
                {
                    Ok(i) if self.files[i].kind == EntryKind::File => {
                        self.read_file_entry(&self.files[i])
                    }
                    _ => Err(AuditError::at(
                        path,
                        format!("symlink target {resolved} is not a file in the repository"),
                    )),
                }
            }
            EntryKind::File => self.read_file_entry(entry),
        }
    }
}

impl GitSource {
    fn read_file_entry(&self, entry: &FileEntry) -> Result<Vec<u8>, AuditError> {
        if entry.size > MAX_READ_BYTES {
            return Err(AuditError::at(
                &entry.path,
                format!(
                    "{} bytes is over the {} byte read cap; not read",
                    entry.size, MAX_READ_BYTES
                ),
            ));
        }
        self.read_blob(&entry.path)
    }
}
