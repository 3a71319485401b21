//! Resolving each report's [`Identity`]: its canonical path, its `origin`
//! remote and its root commit. Read-only, through the same repository
//! opener as the audit (no search upwards), so nothing here reaches outside
//! the repository the user named.

use crate::model::{Identity, RepoReport};
use std::path::Path;

/// The identity of the repository at `path` (a report's path as given).
pub fn resolve(r: &RepoReport) -> Identity {
    let path = Path::new(&r.path);
    let canonical_path = std::fs::canonicalize(path)
        .ok()
        .map(|p| p.display().to_string());
    let mut id = Identity {
        canonical_path,
        ..Identity::default()
    };
    if r.git.is_none() {
        return id;
    }
    let Ok(repo) = crate::source::git::open_repository(path) else {
        return id;
    };
    id.remote = repo
        .find_remote("origin")
        .ok()
        .and_then(|remote| remote.url().ok().map(Identity::normalize_remote));
    id.root_commit = root_commit(&repo);
    id
}

/// The last commit on HEAD's first-parent line.
fn root_commit(repo: &git2::Repository) -> Option<String> {
    let mut walk = repo.revwalk().ok()?;
    walk.push_head().ok()?;
    walk.simplify_first_parent().ok()?;
    walk.filter_map(Result::ok)
        .last()
        .map(|oid| oid.to_string())
}
