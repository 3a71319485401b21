//! Incremental history: after new commits, read only those.
//!
//! The history facts of a HEAD are a fold over its commits, newest first,
//! and a replay of the diff window oldest first. When an earlier run left
//! the state of that fold for an ancestor of HEAD, and the new commits all
//! come before every old one in the walk, the fold can go on from it: the
//! new commits are walked and diffed, the rest is merged. The report is then
//! the one a full scan gives (tests/incremental.rs holds them equal).
//!
//! A full scan is made instead, and the reason said under
//! `PORTFOLIO_AUDIT_HISTORY_STATS`, when:
//! - there is no earlier state for this repository and these options;
//! - the earlier HEAD is not an ancestor of HEAD (a force-push, a reset);
//! - the history is longer than `--max-commits`: the window then slides
//!   and drops old commits, which changes who created what;
//! - a new commit has no parent, or a parent older than the earlier HEAD
//!   (a merge of older history): the walk may then interleave old and new;
//! - the clone is shallow (grafts move);
//! - the stored state does not hold together (it is untrusted input).
//!
//! One state per repository (by its git directory) and options is kept,
//! overwritten by every run, in the cache directory.

use super::diff::WindowScan;
use super::{
    AuthorStat, BigFile, CommitInfo, HistoryFacts, HistoryJunk, HistoryOptions, Leak, MessageStats,
    Tally, finish, walk_into,
};
use crate::error::AuditError;
use crate::source::FileEntry;
use git2::{Oid, Repository};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

/// The environment variable that makes each cached history analysis say on
/// stderr how it was made and how many commits it diffed.
pub const STATS_VAR: &str = "PORTFOLIO_AUDIT_HISTORY_STATS";

/// Why a history longer than `--max-commits` is always scanned in full.
const WINDOW_SLIDES: &str = "the history is longer than --max-commits";

/// The fold's state at a HEAD, as stored.
#[derive(Serialize, Deserialize)]
struct Stored {
    head: String,
    total_commits: usize,
    non_merge_commits: usize,
    first_commit_time: Option<i64>,
    last_commit_time: Option<i64>,
    messages: MessageStats,
    days: BTreeSet<i64>,
    authors: BTreeMap<String, AuthorStat>,
    /// Every commit, newest first: id, subject, whether a merge.
    commits: Vec<(String, String, bool)>,
    /// Window index of the commit that created each path.
    created: BTreeMap<String, usize>,
    created_count: Vec<usize>,
    /// Blobs scanned for secrets.
    scanned: Vec<String>,
    /// Leaks as found (not yet compared with HEAD), with their blob.
    leaks: Vec<(Leak, Option<String>)>,
    big: Vec<BigFile>,
    junk: Vec<HistoryJunk>,
}

/// A stored state that holds together, read back.
struct Prior {
    head: Oid,
    facts: HistoryFacts,
    tally: Tally,
    scan: WindowScan,
}

/// [`super::analyse`] for HEAD `head`, resuming from the stored state of an
/// ancestor when it can, and storing the new state when the run was clean.
pub(super) fn analyse(
    repo: &Repository,
    dir: &Path,
    head: Oid,
    head_files: &[FileEntry],
    opts: &HistoryOptions,
    errors: &mut Vec<AuditError>,
) -> Option<HistoryFacts> {
    let (facts, how, diffed) = analyse_how(repo, dir, head, head_files, opts, errors)?;
    if std::env::var_os(STATS_VAR).is_some() {
        eprintln!(
            "history {}: {how}; {diffed} commits diffed",
            super::short(head)
        );
    }
    Some(facts)
}

/// [`analyse`], also saying how the result was made (a full scan and why,
/// or incremental) and how many commits were diffed.
pub(super) fn analyse_how(
    repo: &Repository,
    dir: &Path,
    head: Oid,
    head_files: &[FileEntry],
    opts: &HistoryOptions,
    errors: &mut Vec<AuditError>,
) -> Option<(HistoryFacts, String, usize)> {
    let threads = rayon::current_num_threads();
    let key = state_key(repo, opts);
    let before = errors.len();
    let mut facts = HistoryFacts {
        shallow: repo.is_shallow(),
        ..HistoryFacts::default()
    };
    let mut tally = Tally::default();
    let prior = resume(repo, dir, &key, head, opts);
    let hidden = prior.as_ref().ok().map(|p| p.head);
    walk_into(repo, head, hidden, &mut facts, &mut tally, errors)?;
    let fresh = tally.commits.len();
    let checked = prior.and_then(|p| exact_resume(repo, &tally, &p, opts).map(|()| p));
    let (how, scan) = match checked {
        Ok(p) => {
            let how = format!("incremental from {}", super::short(p.head));
            merge(&mut facts, &mut tally, p.facts, p.tally);
            (how, Some(p.scan.shifted(fresh)))
        }
        Err(reason) => {
            if hidden.is_some() {
                // Only the new commits were walked: walk them all.
                errors.truncate(before);
                facts = HistoryFacts {
                    shallow: repo.is_shallow(),
                    ..HistoryFacts::default()
                };
                tally = Tally::default();
                walk_into(repo, head, None, &mut facts, &mut tally, errors)?;
            }
            // A history past the window is never stored, so "no earlier
            // result" would hide the lasting reason.
            let reason = if tally.commits.len() > opts.max_commits {
                WINDOW_SLIDES
            } else {
                reason
            };
            (format!("full scan: {reason}"), None)
        }
    };
    let fresh = if scan.is_some() {
        fresh
    } else {
        tally.commits.len()
    };
    let diffed = tally
        .commits
        .iter()
        .take(fresh.min(opts.max_commits))
        .filter(|c| !c.merge)
        .count();
    let (facts, scan) = finish(
        repo,
        head_files,
        opts,
        (facts, &tally, scan, fresh, threads),
        errors,
    );
    if errors.len() == before
        && !repo.is_shallow()
        && tally.commits.len() <= opts.max_commits
        && let Some(scan) = scan
    {
        crate::cache::store(dir, &key, &to_stored(head, &facts, &tally, &scan));
    }
    Some((facts, how, diffed))
}

/// One state per repository and options: the git directory names the
/// repository. Whichever repository it came from, a state is only used for
/// an ancestor of HEAD, whose history is the same in any clone.
fn state_key(repo: &Repository, opts: &HistoryOptions) -> String {
    let path = repo.path().to_string_lossy().into_owned();
    let max = opts.max_commits.to_string();
    let mut parts = vec![path, max];
    parts.extend(opts.authors.iter().cloned());
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    crate::cache::key("resume", &parts)
}

/// The stored state, when one can be resumed from for `head`; else why not.
fn resume(
    repo: &Repository,
    dir: &Path,
    key: &str,
    head: Oid,
    opts: &HistoryOptions,
) -> Result<Prior, &'static str> {
    if repo.is_shallow() {
        return Err("shallow clone");
    }
    let stored: Stored = crate::cache::load(dir, key).ok_or("no earlier result")?;
    let prior = from_stored(stored, opts).ok_or("the earlier result does not hold together")?;
    if prior.head != head && !repo.graph_descendant_of(head, prior.head).unwrap_or(false) {
        return Err("the earlier HEAD is not an ancestor (force-push or reset)");
    }
    Ok(prior)
}

/// Whether the new commits (the walk down to the old HEAD) can go before
/// the old ones as they are; else why not. Every new commit must descend
/// from the old HEAD alone: a parent, and every parent new or the old HEAD
/// itself. Then the topological walk from HEAD emits all new commits
/// first, and from the old HEAD on it is the old walk. The window must
/// also keep every commit, or old commits would drop out of it.
fn exact_resume(
    repo: &Repository,
    tally: &Tally,
    prior: &Prior,
    opts: &HistoryOptions,
) -> Result<(), &'static str> {
    if tally.commits.len() + prior.tally.commits.len() > opts.max_commits {
        return Err(WINDOW_SLIDES);
    }
    let new: HashSet<Oid> = tally.commits.iter().map(|c| c.oid).collect();
    let descends = |c: &CommitInfo| {
        repo.find_commit(c.oid).is_ok_and(|commit| {
            commit.parent_count() > 0
                && commit
                    .parent_ids()
                    .all(|p| p == prior.head || new.contains(&p))
        })
    };
    if new.contains(&prior.head) || !tally.commits.iter().all(descends) {
        return Err("a new commit has no parent or merges older history");
    }
    Ok(())
}

/// Adds the old fold (`old_facts`, `old`) after the new commits' fold.
fn merge(facts: &mut HistoryFacts, tally: &mut Tally, old_facts: HistoryFacts, old: Tally) {
    facts.total_commits += old_facts.total_commits;
    facts.non_merge_commits += old_facts.non_merge_commits;
    facts.first_commit_time = min_max(
        facts.first_commit_time,
        old_facts.first_commit_time,
        i64::min,
    );
    facts.last_commit_time = min_max(facts.last_commit_time, old_facts.last_commit_time, i64::max);
    let (m, o) = (&mut facts.messages, old_facts.messages);
    m.considered += o.considered;
    m.good_subjects += o.good_subjects;
    m.with_body += o.with_body;
    m.conventional += o.conventional;
    // The weakest subjects, newest first: the new commits' come first.
    let room = 5usize.saturating_sub(m.weak_examples.len());
    m.weak_examples
        .extend(o.weak_examples.into_iter().take(room));
    tally.days.extend(old.days);
    // The walk keeps an author's name as first seen, newest first: the
    // new commits' spelling wins.
    for (k, a) in old.authors {
        tally
            .authors
            .entry(k)
            .and_modify(|n| n.commits += a.commits)
            .or_insert(a);
    }
    tally.commits.extend(old.commits);
}

fn min_max(a: Option<i64>, b: Option<i64>, f: fn(i64, i64) -> i64) -> Option<i64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(f(a, b)),
        (a, b) => a.or(b),
    }
}

impl WindowScan {
    /// This scan, for a window with `n` new commits in front.
    fn shifted(mut self, n: usize) -> Self {
        for i in self.created.values_mut() {
            *i += n;
        }
        let mut counts = vec![0; n];
        counts.append(&mut self.created_count);
        self.created_count = counts;
        self
    }
}

fn to_stored(head: Oid, facts: &HistoryFacts, tally: &Tally, scan: &WindowScan) -> Stored {
    Stored {
        head: head.to_string(),
        total_commits: facts.total_commits,
        non_merge_commits: facts.non_merge_commits,
        first_commit_time: facts.first_commit_time,
        last_commit_time: facts.last_commit_time,
        messages: facts.messages.clone(),
        days: tally.days.clone(),
        authors: tally.authors.clone(),
        commits: tally
            .commits
            .iter()
            .map(|c| (c.oid.to_string(), c.subject.clone(), c.merge))
            .collect(),
        created: scan.created.iter().map(|(k, v)| (k.clone(), *v)).collect(),
        created_count: scan.created_count.clone(),
        scanned: scan.scanned.iter().map(Oid::to_string).collect(),
        leaks: scan
            .leaks
            .iter()
            .map(|l| (l.clone(), l.blob.map(|b| b.to_string())))
            .collect(),
        big: scan.big.clone(),
        junk: scan.junk.clone(),
    }
}

/// The state read back, when it is consistent: every commit in the window,
/// indices inside it, ids that parse. Anything else is ignored.
fn from_stored(s: Stored, opts: &HistoryOptions) -> Option<Prior> {
    let n = s.commits.len();
    if n == 0
        || n != s.total_commits
        || n > opts.max_commits
        || s.created_count.len() != n
        || s.created.values().any(|i| *i >= n)
        || s.non_merge_commits > n
    {
        return None;
    }
    let commits = s
        .commits
        .into_iter()
        .map(|(id, subject, merge)| {
            Some(CommitInfo {
                oid: Oid::from_str(&id).ok()?,
                subject,
                merge,
                tree: Oid::ZERO_SHA1,
                parent: None,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let scanned = s
        .scanned
        .iter()
        .map(|id| Oid::from_str(id).ok())
        .collect::<Option<HashSet<_>>>()?;
    let leaks = s
        .leaks
        .into_iter()
        .map(|(mut l, blob)| {
            l.blob = match blob {
                Some(b) => Some(Oid::from_str(&b).ok()?),
                None => None,
            };
            Some(l)
        })
        .collect::<Option<Vec<_>>>()?;
    let facts = HistoryFacts {
        total_commits: s.total_commits,
        non_merge_commits: s.non_merge_commits,
        first_commit_time: s.first_commit_time,
        last_commit_time: s.last_commit_time,
        messages: s.messages,
        ..HistoryFacts::default()
    };
    Some(Prior {
        head: Oid::from_str(&s.head).ok()?,
        facts,
        tally: Tally {
            commits,
            days: s.days,
            authors: s.authors,
        },
        scan: WindowScan {
            created: s.created.into_iter().collect::<HashMap<_, _>>(),
            created_count: s.created_count,
            scanned,
            leaks,
            big: s.big,
            junk: s.junk,
        },
    })
}
