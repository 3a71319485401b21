//! Tree diffs over the most recent commits: who created each file still at
//! HEAD, big files and secrets ever committed.

use super::authors::{AUTHORED_FILE_CAP, is_authored_text};
use super::{
    BigFile, CommitInfo, DumpShare, EVER_LARGE_BYTES, HistoryFacts, HistoryJunk, Leak,
    MAX_SCAN_BYTES, short,
};
use crate::error::AuditError;
use crate::facts::hygiene::{self, JunkCategory};
use crate::facts::secrets::{self, find_secrets_in_bytes};
use crate::facts::text::decode_lossy;
use crate::source::{EntryKind, FileEntry, MAX_TREE_DEPTH};
use git2::{ObjectType, Oid, Repository};
use std::collections::{HashMap, HashSet};

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
        let (ta, tb) = (load_tree(repo, old)?, load_tree(repo, new)?);
        let (la, lb) = (tree_entries(ta.as_ref()), tree_entries(tb.as_ref()));
        let (a, b) = (by_name(&la), by_name(&lb));
        let mut items = Vec::new();
        for (name, ea, eb) in join(&a, &b) {
            if ea.map(|e| e.0) == eb.map(|e| e.0) {
                continue;
            }
            let Ok(name) = std::str::from_utf8(name) else {
                continue;
            };
            let path = format!("{prefix}{name}");
            let (ta, tb) = (of_kind(ea, ObjectType::Tree), of_kind(eb, ObjectType::Tree));
            if ta.is_some() || tb.is_some() {
                items.push(Work::Diff(ta, tb, format!("{path}/"), depth + 1));
            }
            let (ba, bb) = (of_kind(ea, ObjectType::Blob), of_kind(eb, ObjectType::Blob));
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

/// A tree entry as the diff needs it: id and kind.
type Entry = (Oid, Option<ObjectType>);

fn load_tree(repo: &Repository, id: Option<Oid>) -> Result<Option<git2::Tree<'_>>, git2::Error> {
    id.map(|id| repo.find_tree(id)).transpose()
}

/// A tree's entries, submodules (commits, not files) left out.
fn tree_entries<'t>(tree: Option<&'t git2::Tree<'_>>) -> Vec<git2::TreeEntry<'t>> {
    tree.map(|t| {
        t.iter()
            .filter(|e| e.kind() != Some(ObjectType::Commit))
            .collect()
    })
    .unwrap_or_default()
}

/// Entries by name, in byte order. Names borrow from the entries: no copy
/// per entry. Git sorts a subtree as if its name ended in `/`, so entries
/// are sorted again when needed; of two entries with one name (a malformed
/// tree) the later wins.
fn by_name<'e>(list: &'e [git2::TreeEntry<'_>]) -> Vec<(&'e [u8], Entry)> {
    let mut out: Vec<(&[u8], Entry)> = list
        .iter()
        .map(|e| (e.name_bytes(), (e.id(), e.kind())))
        .collect();
    if !out.is_sorted_by(|x, y| x.0 < y.0) {
        // Stable: among equal names the later entry stays last.
        out.sort_by(|x, y| x.0.cmp(y.0));
        let mut kept: Vec<(&[u8], Entry)> = Vec::with_capacity(out.len());
        for e in out {
            match kept.last_mut() {
                Some(last) if last.0 == e.0 => *last = e,
                _ => kept.push(e),
            }
        }
        out = kept;
    }
    out
}

/// Both sides' entries by name, in byte order: a merge of two sorted lists.
fn join<'a>(
    a: &'a [(&'a [u8], Entry)],
    b: &'a [(&'a [u8], Entry)],
) -> Vec<(&'a [u8], Option<&'a Entry>, Option<&'a Entry>)> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(a.len().max(b.len()));
    while i < a.len() || j < b.len() {
        let order = match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) => x.0.cmp(y.0),
            (Some(_), None) => std::cmp::Ordering::Less,
            _ => std::cmp::Ordering::Greater,
        };
        match order {
            std::cmp::Ordering::Less => {
                out.push((a[i].0, Some(&a[i].1), None));
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push((b[j].0, None, Some(&b[j].1)));
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push((a[i].0, Some(&a[i].1), Some(&b[j].1)));
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// The entry's id when it is of `kind`.
fn of_kind(e: Option<&Entry>, kind: ObjectType) -> Option<Oid> {
    e.filter(|e| e.1 == Some(kind)).map(|e| e.0)
}

/// Files worth opening when hunting for secrets in history.
fn scan_candidate(path: &str) -> bool {
    hygiene::may_hold_key(path)
}

/// What the diffs of the window found, before HEAD is compared with it:
/// the state a later run resumes from (see `super::incremental`).
#[derive(Clone, Default)]
pub(super) struct WindowScan {
    /// path -> index in the window of the commit that created it; files
    /// that predate the window have no entry.
    pub(super) created: HashMap<String, usize>,
    /// Files each commit of the window created.
    pub(super) created_count: Vec<usize>,
    /// Blobs already scanned for secrets.
    pub(super) scanned: HashSet<Oid>,
    pub(super) leaks: Vec<Leak>,
    pub(super) big: Vec<BigFile>,
    /// Junk roots added, first commit only.
    pub(super) junk: Vec<HistoryJunk>,
}

impl WindowScan {
    /// The scan of a window of `len` commits of which nothing is read yet.
    pub(super) fn empty(len: usize) -> Self {
        WindowScan {
            created_count: vec![0; len],
            ..WindowScan::default()
        }
    }
}

/// Tree diffs over the `window` (the most recent commits, newest first),
/// read oldest first: who created each file still at HEAD, big files and
/// secrets ever committed.
///
/// `scan` is what earlier reading found: empty for a full scan, or the
/// state of an earlier run whose window is the tail of this one. Only the
/// first `fresh` commits of the window (the ones `scan` has not seen) are
/// read. Returns the scan as it was before HEAD was compared with it, so a
/// later run can resume from it.
///
/// The reading (tree diffs, blob sizes, secret scans) is split across
/// threads in slices of the window, each with its own repository handle;
/// what was read is then replayed in commit order on one thread, so the
/// result is the serial walk's whatever the split.
pub(super) fn diff_window(
    repo: &Repository,
    window: &[&CommitInfo],
    head_files: &[FileEntry],
    (mut scan, fresh, threads): (WindowScan, usize, usize),
    facts: &mut HistoryFacts,
    errors: &mut Vec<AuditError>,
) -> Option<WindowScan> {
    facts.analysed_commits = window.len();
    let reads = read_window(repo, window, fresh, threads)?;
    for read in reads {
        errors.extend(read.errors.iter().cloned());
        scan.replay(window, read);
    }
    finish_window(repo, window, head_files, &scan, facts);
    Some(scan)
}

/// Everything after the replay: HEAD's attribution and what is still there.
fn finish_window(
    repo: &Repository,
    window: &[&CommitInfo],
    head_files: &[FileEntry],
    scan: &WindowScan,
    facts: &mut HistoryFacts,
) {
    attribute_head(window, head_files, scan, facts);
    let (mut leaks, mut big, mut junk) = (scan.leaks.clone(), scan.big.clone(), scan.junk.clone());
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

/// Commits below this many are read on the calling thread: opening more
/// repository handles would cost more than it saves.
const MIN_SLICE: usize = 64;

/// Reads every non-merge commit among the first `fresh` of the window,
/// oldest first, in slices on up to `threads` threads. None when the
/// object database cannot be read.
fn read_window(
    repo: &Repository,
    window: &[&CommitInfo],
    fresh: usize,
    threads: usize,
) -> Option<Vec<CommitRead>> {
    use rayon::prelude::*;
    // Oldest first: the order the replay needs, and the order in which a
    // blob's first sighting in a slice is its first in the window.
    let order: Vec<usize> = (0..fresh.min(window.len()))
        .rev()
        .filter(|i| !window[*i].merge)
        .collect();
    // Several slices per thread, so one slice of big commits does not
    // leave the other threads idle.
    let slices = if threads <= 1 {
        1
    } else {
        (threads * 4).min(order.len() / MIN_SLICE).max(1)
    };
    // Each commit's tree by id, for its children's diffs.
    let trees: HashMap<Oid, Oid> = window
        .iter()
        .filter(|c| !c.tree.is_zero())
        .map(|c| (c.oid, c.tree))
        .collect();
    let window = (window, &trees);
    if slices == 1 {
        return Some(read_slice(repo, window, &order));
    }
    let path = repo.path().to_path_buf();
    let size = order.len().div_ceil(slices);
    let parts: Vec<Option<Vec<CommitRead>>> = order
        .par_chunks(size)
        .map(|slice| {
            // git2::Repository is not Sync: each slice opens its own.
            let own = crate::source::git::open_repository(&path).ok()?;
            Some(read_slice(&own, window, slice))
        })
        .collect();
    let mut reads = Vec::with_capacity(order.len());
    for part in parts {
        match part {
            Some(p) => reads.extend(p),
            None => return Some(read_slice(repo, window, &order)),
        }
    }
    Some(reads)
}

/// Reads the commits at `slice` (window indices, oldest first).
fn read_slice(
    repo: &Repository,
    (window, trees): (&[&CommitInfo], &HashMap<Oid, Oid>),
    slice: &[usize],
) -> Vec<CommitRead> {
    let Ok(odb) = repo.odb() else {
        return Vec::new();
    };
    let mut scanned = HashSet::new();
    slice
        .iter()
        .map(|&idx| read_commit(repo, &odb, (idx, window[idx], trees), &mut scanned))
        .collect()
}

/// What one commit changed, read from the object database.
struct CommitRead {
    idx: usize,
    changes: Vec<Change>,
    /// Per change, what its new blob holds (None for deletions).
    blobs: Vec<Option<BlobRead>>,
    errors: Vec<AuditError>,
}

/// A blob a commit added or changed.
struct BlobRead {
    /// The path it was added at in an exact rename, which does not author it.
    renamed_from: Option<String>,
    /// Its size, when it is a readable blob.
    size: Option<u64>,
    /// For a `.env`-like file it created: whether it sets values.
    env_values: bool,
    /// The secrets in it, when this slice scanned it (its first sighting).
    secrets: Option<Vec<(u32, String)>>,
}

fn read_commit(
    repo: &Repository,
    odb: &git2::Odb<'_>,
    (idx, info, trees): (usize, &CommitInfo, &HashMap<Oid, Oid>),
    scanned: &mut HashSet<Oid>,
) -> CommitRead {
    let mut read = CommitRead {
        idx,
        changes: Vec::new(),
        blobs: Vec::new(),
        errors: Vec::new(),
    };
    let Ok(tree) = repo.find_tree(info.tree) else {
        read.errors.push(AuditError::at(
            format!("commit {}", short(info.oid)),
            "tree object is missing",
        ));
        return read;
    };
    // The parent's tree as the walk read it, else looked up (a parent the
    // walk did not reach: a shallow boundary, a missing object).
    let parent_tree = info.parent.and_then(|p| {
        trees
            .get(&p)
            .copied()
            .or_else(|| repo.find_commit(p).ok().map(|c| c.tree_id()))
    });
    if let Err(e) = diff_trees(repo, parent_tree, Some(tree.id()), "", &mut read.changes) {
        read.errors.push(AuditError::at(
            format!("commit {}", short(info.oid)),
            format!("cannot diff: {}", e.message()),
        ));
        read.changes.clear();
        return read;
    }
    // Exact renames: a blob deleted at one path and added at another.
    let deleted: HashMap<Oid, &str> = read
        .changes
        .iter()
        .filter(|c| c.new.is_none())
        .filter_map(|c| c.old.map(|o| (o, c.path.as_str())))
        .collect();
    read.blobs = read
        .changes
        .iter()
        .map(|c| {
            let oid = c.new?;
            if c.old.is_none()
                && let Some(from) = deleted.get(&oid)
            {
                return Some(BlobRead {
                    renamed_from: Some((*from).to_owned()),
                    size: None,
                    env_values: false,
                    secrets: None,
                });
            }
            let env_values = c.old.is_none() && env_sets_values(repo, &c.path, oid);
            Some(read_blob(repo, odb, &c.path, oid, env_values, scanned))
        })
        .collect();
    read
}

/// Whether a `.env`-like file (not a fixture, not junk by name) sets values.
fn env_sets_values(repo: &Repository, path: &str, oid: Oid) -> bool {
    hygiene::junk_of(path).is_none()
        && hygiene::is_env_file_name(path)
        && !hygiene::is_fixture_path(path)
        && repo
            .find_blob(oid)
            .ok()
            .filter(|b| b.size() as u64 <= MAX_SCAN_BYTES as u64)
            .and_then(|b| decode_lossy(b.content()))
            .is_some_and(|t| !hygiene::env_values(&t).is_empty())
}

/// A blob's size and, at its first sighting, the secrets in it.
fn read_blob(
    repo: &Repository,
    odb: &git2::Odb<'_>,
    path: &str,
    oid: Oid,
    env_values: bool,
    scanned: &mut HashSet<Oid>,
) -> BlobRead {
    let size = match odb.read_header(oid) {
        Ok((size, ObjectType::Blob)) => Some(size as u64),
        _ => None,
    };
    let secrets = size
        .filter(|s| scan_eligible(path, *s) && scanned.insert(oid))
        .and_then(|_| repo.find_blob(oid).ok())
        .map(|b| find_secrets_in_bytes(path, b.content()));
    BlobRead {
        renamed_from: None,
        size,
        env_values,
        secrets,
    }
}

/// Whether a blob at `path` of `size` bytes is scanned for secrets.
fn scan_eligible(path: &str, size: u64) -> bool {
    size as usize <= MAX_SCAN_BYTES
        && scan_candidate(path)
        && !hygiene::is_fixture_path(path)
        && hygiene::junk_of(path).is_none()
}

impl WindowScan {
    /// Applies one commit's changes, in the order the serial walk did.
    fn replay(&mut self, window: &[&CommitInfo], read: CommitRead) {
        let info = window[read.idx];
        for change in &read.changes {
            if change.new.is_none() {
                self.created.remove(&change.path);
            }
        }
        for (change, blob) in read.changes.into_iter().zip(read.blobs) {
            let (Some(oid), Some(blob)) = (change.new, blob) else {
                continue;
            };
            let path = change.path;
            if let Some(from) = &blob.renamed_from {
                if let Some(origin) = self.created.remove(from) {
                    self.created.insert(path, origin);
                }
                continue;
            }
            if change.old.is_none() {
                self.created.insert(path.clone(), read.idx);
                self.created_count[read.idx] += 1;
                self.note_junk(info, &path, blob.env_values);
            }
            self.blob(info, path, oid, blob);
        }
    }

    /// A file a commit added that is junk by name (a virtualenv, bytecode,
    /// caches) or a `.env` that sets values: recorded once per junk root,
    /// with the first commit that added it.
    fn note_junk(&mut self, info: &CommitInfo, path: &str, env_values: bool) {
        let found = match hygiene::junk_of(path) {
            Some(hit) => Some(hit),
            None if env_values => Some((hygiene::JunkCategory::EnvFile, path.to_owned())),
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
    fn blob(&mut self, info: &CommitInfo, path: String, oid: Oid, blob: BlobRead) {
        let Some(size) = blob.size else {
            return;
        };
        if size > EVER_LARGE_BYTES {
            self.big.push(BigFile {
                path: path.clone(),
                size,
                commit: short(info.oid),
                still_present: false,
            });
        }
        if !scan_eligible(&path, size) || !self.scanned.insert(oid) {
            return;
        }
        // The first sighting in the window is the first in its slice, so
        // the slice scanned it.
        for (line, kind) in blob.secrets.unwrap_or_default() {
            // Judged as HEAD judges them: a development credential (Django's
            // generated insecure key, a local database's stock password) and
            // a test's example login are lesser findings there, not leaks,
            // and were no more a leak in an older commit.
            if !matches!(
                secrets::category(&path, &kind),
                JunkCategory::Secret | JunkCategory::PrivateKey
            ) {
                continue;
            }
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
