//! Resolving each report's [`Identity`]: its canonical path, its `origin`
//! remote and its root commit. Read-only, through the same repository
//! opener as the audit (no search upwards), so nothing here reaches outside
//! the repository the user named.

use crate::model::{Identity, RepoReport};
use std::path::Path;

/// The identity of the repository at `path` (a report's path as given).
/// The root commit comes from the audit's history walk when that reached
/// it (`r.identity.root_commit`, set by the audit); otherwise, with a cache
/// directory, it is looked up by HEAD's id, and else walked to, which
/// reads every commit on the first-parent line.
pub fn resolve(r: &RepoReport, cache: Option<&Path>) -> Identity {
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
    // Found by the audit's own history walk, when it walked to the root.
    let walked = r.identity.root_commit.clone();
    id.root_commit = match (cache, repo.head().ok().and_then(|h| h.target())) {
        (Some(dir), Some(head)) => {
            let key = crate::cache::key("root", &[&head.to_string()]);
            if let Some(root) = walked {
                // For a later run whose facts come from the cache.
                crate::cache::store(dir, &key, &root);
                Some(root)
            } else {
                // An entry is untrusted: only a commit id is taken from it.
                let cached = crate::cache::load::<String>(dir, &key)
                    .filter(|s| s.len() == 40 && s.bytes().all(|b| b.is_ascii_hexdigit()));
                cached.or_else(|| {
                    let root = root_commit(&repo)?;
                    crate::cache::store(dir, &key, &root);
                    Some(root)
                })
            }
        }
        _ => walked.or_else(|| root_commit(&repo)),
    };
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
