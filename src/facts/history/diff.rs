//! Tree diffs over the most recent commits: who created each file still at
//! HEAD, big files and secrets ever committed.

use super::authors::{AUTHORED_FILE_CAP, is_authored_text};
use super::{
    BigFile, CommitInfo, DumpShare, EVER_LARGE_BYTES, HistoryFacts, HistoryJunk, Leak,
    MAX_SCAN_BYTES, short,
};
use crate::error::AuditError;
use crate::facts::text::decode_lossy;
use crate::facts::{hygiene, secrets::find_secrets_in_bytes};
use crate::source::{EntryKind, FileEntry, MAX_TREE_DEPTH};
use git2::{ObjectType, Oid, Repository};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// One changed blob path between two trees: `old` is None when added,
/// `new` is None when deleted.
struct Change {
    path: String,
    old: Option<Oid>,
    new: Option<Oid>,
}

/// Compares two trees by object id, descending only into subtrees that
/// differ. Cheaper than a general diff: no config, no pathspecs, no
/// content. Iterative and depth-bounded like the HEAD listing, so a tree
/// nested thousands of levels costs neither the stack nor the batch; the
/// order of `out` is that of a recursive walk.
fn diff_trees(
    repo: &Repository,
    old: Option<Oid>,
    new: Option<Oid>,
    prefix: &str,
    out: &mut Vec<Change>,
) -> Result<(), git2::Error> {
    enum Work {
        Diff(Option<Oid>, Option<Oid>, String, usize),
        Emit(Change),
    }
    type Entries = BTreeMap<Vec<u8>, (Oid, Option<ObjectType>)>;
    let entries = |id: Option<Oid>| -> Result<Entries, git2::Error> {
        let mut map = Entries::new();
        if let Some(id) = id {
            let tree = repo.find_tree(id)?;
            for e in tree.iter() {
                // Submodules (commits) are not files.
                if e.kind() == Some(ObjectType::Commit) {
                    continue;
                }
                map.insert(e.name_bytes().to_vec(), (e.id(), e.kind()));
            }
        }
        Ok(map)
    };
    let tree_id = |e: Option<&(Oid, Option<ObjectType>)>| {
        e.filter(|e| e.1 == Some(ObjectType::Tree)).map(|e| e.0)
    };
    let blob_id = |e: Option<&(Oid, Option<ObjectType>)>| {
        e.filter(|e| e.1 == Some(ObjectType::Blob)).map(|e| e.0)
    };
    let mut stack = vec![Work::Diff(old, new, prefix.to_owned(), 0)];
    while let Some(work) = stack.pop() {
        let (old, new, prefix, depth) = match work {
            Work::Emit(change) => {
                out.push(change);
                continue;
            }
            Work::Diff(old, new, prefix, depth) => (old, new, prefix, depth),
        };
        if old == new || depth > MAX_TREE_DEPTH {
            continue;
        }
        let (a, b) = (entries(old)?, entries(new)?);
        let names: BTreeSet<&Vec<u8>> = a.keys().chain(b.keys()).collect();
        let mut items = Vec::new();
        for name in names {
            let (ea, eb) = (a.get(name), b.get(name));
            if ea.map(|e| e.0) == eb.map(|e| e.0) {
                continue;
            }
            let Ok(name) = std::str::from_utf8(name) else {
                continue;
            };
            let path = format!("{prefix}{name}");
            let (ta, tb) = (tree_id(ea), tree_id(eb));
            if ta.is_some() || tb.is_some() {
                items.push(Work::Diff(ta, tb, format!("{path}/"), depth + 1));
            }
            let (ba, bb) = (blob_id(ea), blob_id(eb));
            if ba.is_some() || bb.is_some() {
                items.push(Work::Emit(Change {
                    path,
                    old: ba,
                    new: bb,
                }));
            }
        }
        stack.extend(items.into_iter().rev());
    }
    Ok(())
}

/// Files worth opening when hunting for secrets in history.
fn scan_candidate(path: &str) -> bool {
    hygiene::may_hold_key(path)
}

/// What the diffs of the window found, before HEAD is compared with it.
struct WindowScan {
    /// path -> index in the window of the commit that created it; files
    /// that predate the window have no entry.
    created: HashMap<String, usize>,
    /// Files each commit of the window created.
    created_count: Vec<usize>,
    /// Blobs already scanned for secrets.
    scanned: HashSet<Oid>,
    leaks: Vec<Leak>,
    big: Vec<BigFile>,
    /// Junk roots added, first commit only.
    junk: Vec<HistoryJunk>,
}

/// Tree diffs over the most recent `max` commits, oldest first: who created
/// each file still at HEAD, big files and secrets ever committed.
pub(super) fn diff_window(
    repo: &Repository,
    commits: &[CommitInfo],
    head_files: &[FileEntry],
    max: usize,
    facts: &mut HistoryFacts,
    errors: &mut Vec<AuditError>,
) {
    let window: Vec<&CommitInfo> = commits.iter().take(max).collect();
    facts.analysed_commits = window.len();
    let odb = match repo.odb() {
        Ok(o) => o,
        Err(_) => return,
    };
    let mut scan = WindowScan {
        created: HashMap::new(),
        created_count: vec![0; window.len()],
        scanned: HashSet::new(),
        leaks: Vec::new(),
        big: Vec::new(),
        junk: Vec::new(),
    };
    for (idx, info) in window.iter().enumerate().rev() {
        if !info.merge {
            scan.commit(repo, &odb, idx, info, errors);
        }
    }
    attribute_head(&window, head_files, &scan, facts);
    let WindowScan {
        mut leaks,
        mut big,
        mut junk,
        ..
    } = scan;
    mark_leaks_at_head(repo, &mut leaks);
    let head_paths: HashSet<&str> = head_files.iter().map(|f| f.path.as_str()).collect();
    for b in &mut big {
        b.still_present = head_paths.contains(b.path.as_str());
    }
    for j in &mut junk {
        j.still_present = if j.path.ends_with('/') {
            head_files
                .iter()
                .any(|f| f.path.starts_with(j.path.as_str()))
        } else {
            head_paths.contains(j.path.as_str())
        };
    }
    facts.leaks = leaks;
    facts.big_files = big;
    facts.junk = junk;
}

impl WindowScan {
    /// Diffs one commit against its first parent and looks at what it added.
    fn commit(
        &mut self,
        repo: &Repository,
        odb: &git2::Odb<'_>,
        idx: usize,
        info: &CommitInfo,
        errors: &mut Vec<AuditError>,
    ) {
        let Ok(commit) = repo.find_commit(info.oid) else {
            return;
        };
        let Ok(tree) = commit.tree() else {
            errors.push(AuditError::at(
                format!("commit {}", short(info.oid)),
                "tree object is missing",
            ));
            return;
        };
        let parent_tree = commit.parent(0).ok().map(|p| p.tree_id());
        let mut changes = Vec::new();
        if let Err(e) = diff_trees(repo, parent_tree, Some(tree.id()), "", &mut changes) {
            errors.push(AuditError::at(
                format!("commit {}", short(info.oid)),
                format!("cannot diff: {}", e.message()),
            ));
            return;
        }
        // Exact renames: a blob deleted at one path and added at another.
        // Moving a file does not author it.
        let deleted: HashMap<Oid, String> = changes
            .iter()
            .filter(|c| c.new.is_none())
            .filter_map(|c| c.old.map(|o| (o, c.path.clone())))
            .collect();
        for change in &changes {
            if change.new.is_none() {
                self.created.remove(&change.path);
            }
        }
        for change in changes {
            let Some(oid) = change.new else { continue };
            let path = change.path;
            if change.old.is_none() {
                match deleted.get(&oid) {
                    Some(from) => {
                        if let Some(origin) = self.created.remove(from) {
                            self.created.insert(path.clone(), origin);
                        }
                        continue;
                    }
                    None => {
                        self.created.insert(path.clone(), idx);
                        self.created_count[idx] += 1;
                        self.note_junk(repo, info, &path, oid);
                    }
                }
            }
            self.blob(repo, odb, info, path, oid);
        }
    }

    /// A file a commit added that is junk by name (a virtualenv, bytecode,
    /// caches) or a `.env` that sets values: recorded once per junk root,
    /// with the first commit that added it.
    fn note_junk(&mut self, repo: &Repository, info: &CommitInfo, path: &str, oid: Oid) {
        let found = match hygiene::junk_of(path) {
            Some(hit) => Some(hit),
            None if hygiene::is_env_file_name(path) && !hygiene::is_fixture_path(path) => repo
                .find_blob(oid)
                .ok()
                .filter(|b| b.size() as u64 <= MAX_SCAN_BYTES as u64)
                .and_then(|b| decode_lossy(b.content()))
                .filter(|t| !hygiene::env_values(t).is_empty())
                .map(|_| (hygiene::JunkCategory::EnvFile, path.to_owned())),
            None => None,
        };
        let Some((category, root)) = found else {
            return;
        };
        // Bytecode inside a committed virtualenv is part of that finding.
        if self
            .junk
            .iter()
            .any(|j| j.path == root || (j.path.ends_with('/') && root.starts_with(j.path.as_str())))
        {
            return;
        }
        self.junk.push(HistoryJunk {
            category,
            path: root,
            commit: short(info.oid),
            still_present: false,
        });
    }

    /// A blob a commit added or changed: too big, or holding a secret.
    fn blob(
        &mut self,
        repo: &Repository,
        odb: &git2::Odb<'_>,
        info: &CommitInfo,
        path: String,
        oid: Oid,
    ) {
        let size = match odb.read_header(oid) {
            Ok((size, ObjectType::Blob)) => size as u64,
            _ => return,
        };
        if size > EVER_LARGE_BYTES {
            self.big.push(BigFile {
                path: path.clone(),
                size,
                commit: short(info.oid),
                still_present: false,
            });
        }
        if size as usize > MAX_SCAN_BYTES
            || !scan_candidate(&path)
            || hygiene::is_fixture_path(&path)
            || hygiene::junk_of(&path).is_some()
            || !self.scanned.insert(oid)
        {
            return;
        }
        let Ok(blob) = repo.find_blob(oid) else {
            return;
        };
        for (line, kind) in find_secrets_in_bytes(&path, blob.content()) {
            if !self.leaks.iter().any(|l| l.path == path && l.kind == kind) {
                self.leaks.push(Leak {
                    blob: Some(oid),
                    path: path.clone(),
                    line,
                    kind,
                    commit: short(info.oid),
                    still_present: false,
                });
            }
        }
    }
}

/// Attributes HEAD's bytes to the commit that created each file: the
/// largest creator, and the commits that dumped much of the project in.
fn attribute_head(
    window: &[&CommitInfo],
    head_files: &[FileEntry],
    scan: &WindowScan,
    facts: &mut HistoryFacts,
) {
    let mut bytes_by: HashMap<Option<usize>, u64> = HashMap::new();
    let mut total: u64 = 0;
    for f in head_files
        .iter()
        .filter(|f| f.kind == EntryKind::File && is_authored_text(&f.path))
    {
        // Capped, so one generated bundle or data dump cannot outweigh the
        // hand-written files around it.
        let weight = f.size.min(AUTHORED_FILE_CAP);
        *bytes_by
            .entry(scan.created.get(&f.path).copied())
            .or_default() += weight;
        total += weight;
    }
    if total == 0 {
        return;
    }
    if let Some((who, bytes)) = bytes_by
        .iter()
        .max_by_key(|(k, v)| (**v, std::cmp::Reverse(**k)))
    {
        let share = *bytes as f64 / total as f64;
        let (commit, subject) = match who {
            Some(i) => (short(window[*i].oid), window[*i].subject.clone()),
            None => ("(earlier history)".to_owned(), String::new()),
        };
        facts.largest_creator = Some(DumpShare {
            commit,
            subject,
            share: (share * 1000.0).round() / 1000.0,
        });
    }
    facts.huge_commits = (0..window.len())
        .filter(|i| {
            let b = bytes_by.get(&Some(*i)).copied().unwrap_or(0);
            b as f64 >= 0.3 * total as f64 || scan.created_count[*i] >= 50
        })
        .count();
}

/// A leak is still present when HEAD holds the same blob, or a later blob
/// at that path with the same kind of secret.
fn mark_leaks_at_head(repo: &Repository, leaks: &mut [Leak]) {
    let head_tree = repo.head().ok().and_then(|h| h.peel_to_tree().ok());
    for l in leaks {
        let at_head = head_tree
            .as_ref()
            .and_then(|t| t.get_path(std::path::Path::new(&l.path)).ok())
            .map(|e| e.id());
        l.still_present = match at_head {
            None => false,
            Some(id) if Some(id) == l.blob => true,
            Some(id) => repo
                .find_blob(id)
                .map(|b| {
                    find_secrets_in_bytes(&l.path, b.content())
                        .iter()
                        .any(|(_, k)| *k == l.kind)
                })
                .unwrap_or(false),
        };
    }
}
