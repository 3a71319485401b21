//! Commit history, read in one pass with git2: how much work, spread over how
//! long, with what messages, by whom, and whether one commit dumped the
//! project in. Diff-based measures look at the most recent `max_commits`
//! commits; everything before that window counts as one "earlier history".

mod authors;
mod diff;
mod incremental;
mod messages;

pub use super::secrets::{find_secrets, is_placeholder, is_secret_name, token_kind};
pub use authors::{is_authored_text, is_bot, valid_email};
pub use messages::subject_is_good;

use crate::error::AuditError;
use crate::source::FileEntry;
use authors::pick_candidate;
use diff::{WindowScan, diff_window};
use git2::{Oid, Repository, Sort};
use messages::{CONVENTIONAL, is_trailer, skip_message};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

#[derive(Debug, Clone)]
pub struct HistoryOptions {
    pub max_commits: usize,
    /// Who the candidate is: names or emails (case-insensitive). Empty means
    /// the most frequent human author.
    pub authors: Vec<String>,
    /// Where results are cached (see [`crate::cache`]); None: no cache.
    pub cache: Option<std::path::PathBuf>,
}

impl Default for HistoryOptions {
    fn default() -> Self {
        HistoryOptions {
            max_commits: 5000,
            authors: Vec::new(),
            cache: None,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CommitRef {
    pub commit: String,
    pub subject: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct MessageStats {
    /// Commits whose messages were judged (no merges, reverts, fixups, bots).
    pub considered: usize,
    pub good_subjects: usize,
    pub with_body: usize,
    pub conventional: usize,
    /// A few of the weakest subjects, newest first.
    pub weak_examples: Vec<CommitRef>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AuthorStat {
    pub name: String,
    pub email: String,
    pub commits: usize,
    pub valid_email: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub bot: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Leak {
    #[serde(skip)]
    blob: Option<Oid>,
    pub path: String,
    pub line: u32,
    pub kind: String,
    /// The commit that first added it.
    pub commit: String,
    /// Whether the same content is still at that path at HEAD.
    pub still_present: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BigFile {
    pub path: String,
    pub size: u64,
    pub commit: String,
    pub still_present: bool,
}

/// Junk a commit added (a virtualenv, bytecode, a `.env` with values):
/// deleting it later leaves it in the history anyone can browse, so it is
/// recorded like a deleted secret.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HistoryJunk {
    pub category: crate::facts::hygiene::JunkCategory,
    /// The junk's top folder (`venv/`) or the file.
    pub path: String,
    /// The commit that first added it.
    pub commit: String,
    /// Whether anything of it is still at HEAD.
    pub still_present: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DumpShare {
    /// The commit that created the largest share of HEAD's bytes, or
    /// "(earlier history)" for files older than the analysed window.
    pub commit: String,
    pub subject: String,
    pub share: f64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct HistoryFacts {
    pub total_commits: usize,
    pub analysed_commits: usize,
    pub non_merge_commits: usize,
    pub shallow: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_commit_time: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_commit_time: Option<i64>,
    pub span_days: f64,
    pub active_days: usize,
    pub active_weeks: usize,
    pub commits_per_active_week: f64,
    pub messages: MessageStats,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub largest_creator: Option<DumpShare>,
    /// Commits that created at least 30% of HEAD's bytes or 50 files.
    pub huge_commits: usize,
    pub authors: Vec<AuthorStat>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub candidate: Option<String>,
    pub candidate_commits: usize,
    pub leaks: Vec<Leak>,
    pub big_files: Vec<BigFile>,
    /// Junk ever committed in the analysed window, deleted or not.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub junk: Vec<HistoryJunk>,
    pub tags: usize,
    pub branches: usize,
    /// The last commit on HEAD's first-parent line, when the walk reached
    /// it: the report's identity takes it from here rather than walking
    /// every commit a second time. Not stored or shown.
    #[serde(skip)]
    pub root_commit: Option<String>,
}

impl HistoryFacts {
    pub fn good_subject_share(&self) -> Option<f64> {
        let m = &self.messages;
        (m.considered > 0).then(|| m.good_subjects as f64 / m.considered as f64)
    }

    pub fn body_share(&self) -> Option<f64> {
        let m = &self.messages;
        (m.considered > 0).then(|| m.with_body as f64 / m.considered as f64)
    }

    pub fn candidate_share(&self) -> Option<f64> {
        let humans: usize = self
            .authors
            .iter()
            .filter(|a| !a.bot)
            .map(|a| a.commits)
            .sum();
        (humans > 0).then(|| self.candidate_commits as f64 / humans as f64)
    }
}

/// Bytes in a file that counts as a leak of size, ever.
pub const EVER_LARGE_BYTES: u64 = 10 * 1024 * 1024;
/// Blobs bigger than this are not scanned for secrets.
const MAX_SCAN_BYTES: usize = 256 * 1024;

#[derive(Clone)]
struct CommitInfo {
    oid: Oid,
    subject: String,
    merge: bool,
    /// Its tree and first parent, as the walk read them, so the diff does
    /// not look the commit up again. Zero and None for commits resumed
    /// from a stored state, which are never diffed again.
    tree: Oid,
    parent: Option<Oid>,
}

/// What the walk accumulates on the way, before it becomes `HistoryFacts`.
#[derive(Default, Clone)]
struct Tally {
    commits: Vec<CommitInfo>,
    /// Local calendar days with at least one non-merge commit.
    days: BTreeSet<i64>,
    /// Keyed by lower-cased e-mail (or name when there is none).
    authors: BTreeMap<String, AuthorStat>,
}

/// [`analyse`] through the cache, for the committed tree at HEAD: the
/// result depends only on the HEAD commit (its ancestry and tree), whether
/// the clone is shallow, and the options, which make the key. Refs are
/// counted afresh (a new tag does not move HEAD). A result that came with
/// errors is not stored, so a damaged repository is read again next time.
pub fn analyse_cached(
    repo: &Repository,
    head_files: &[FileEntry],
    opts: &HistoryOptions,
    errors: &mut Vec<AuditError>,
) -> Option<HistoryFacts> {
    let (Some(dir), Ok(head)) = (&opts.cache, repo.head().and_then(|h| h.peel_to_commit())) else {
        return analyse(repo, head_files, opts, errors);
    };
    let max = opts.max_commits.to_string();
    let shallow = repo.is_shallow().to_string();
    let mut parts = vec![head.id().to_string(), shallow, max];
    parts.extend(opts.authors.iter().cloned());
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    let key = crate::cache::key("history", &parts);
    if let Some(mut facts) = crate::cache::load::<HistoryFacts>(dir, &key) {
        facts.tags = 0;
        facts.branches = 0;
        count_refs(repo, &mut facts);
        return Some(facts);
    }
    let before = errors.len();
    let facts = incremental::analyse(repo, dir, head.id(), head_files, opts, errors)?;
    if errors.len() == before {
        crate::cache::store(dir, &key, &facts);
    }
    Some(facts)
}

pub fn analyse(
    repo: &Repository,
    head_files: &[FileEntry],
    opts: &HistoryOptions,
    errors: &mut Vec<AuditError>,
) -> Option<HistoryFacts> {
    analyse_with(repo, head_files, opts, errors, rayon::current_num_threads())
}

/// [`analyse`] with the diffs read on up to `threads` threads (1: on this
/// one); the result does not depend on it.
fn analyse_with(
    repo: &Repository,
    head_files: &[FileEntry],
    opts: &HistoryOptions,
    errors: &mut Vec<AuditError>,
    threads: usize,
) -> Option<HistoryFacts> {
    let head = repo.head().ok()?.peel_to_commit().ok()?;
    let mut facts = HistoryFacts {
        shallow: repo.is_shallow(),
        ..HistoryFacts::default()
    };
    let mut tally = Tally::default();
    walk_into(repo, head.id(), None, &mut facts, &mut tally, errors)?;
    let fresh = tally.commits.len();
    let done = finish(
        repo,
        head_files,
        opts,
        (facts, &tally, None, fresh, threads),
        errors,
    );
    Some(done.0)
}

/// Walks the commits from `head` (newest first, as `git log
/// --topo-order --date-order` would), stopping at `hide` and its ancestors
/// when given, into `facts` and `tally`. None when there is no walk.
fn walk_into(
    repo: &Repository,
    head: Oid,
    hide: Option<Oid>,
    facts: &mut HistoryFacts,
    tally: &mut Tally,
    errors: &mut Vec<AuditError>,
) -> Option<()> {
    let mut walk = match repo.revwalk() {
        Ok(w) => w,
        Err(e) => {
            errors.push(AuditError::repo(format!(
                "cannot walk history: {}",
                e.message()
            )));
            return None;
        }
    };
    let _ = walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME);
    if walk.push(head).is_err() || hide.is_some_and(|h| walk.hide(h).is_err()) {
        return None;
    }
    for oid in walk {
        let oid = match oid {
            Ok(o) => o,
            Err(e) => {
                errors.push(AuditError::repo(format!(
                    "history is incomplete: {}",
                    e.message()
                )));
                break;
            }
        };
        match repo.find_commit(oid) {
            Ok(commit) => record_commit(facts, tally, &commit),
            Err(e) => errors.push(AuditError::unreadable(
                format!("commit {oid}"),
                format!("missing or corrupt: {}", e.message()),
            )),
        }
    }
    Some(())
}

/// From a finished walk to the facts: activity, the candidate, the diff
/// window (of which the first `fresh` commits are read, the rest resumed
/// from `scan`), refs. Also returns the window's scan, for a later run.
fn finish(
    repo: &Repository,
    head_files: &[FileEntry],
    opts: &HistoryOptions,
    (mut facts, tally, scan, fresh, threads): (
        HistoryFacts,
        &Tally,
        Option<WindowScan>,
        usize,
        usize,
    ),
    errors: &mut Vec<AuditError>,
) -> (HistoryFacts, Option<WindowScan>) {
    summarise(&mut facts, &tally.days, &tally.authors);
    pick_candidate(&mut facts, &opts.authors);
    if !facts.shallow {
        facts.root_commit = first_parent_root(&tally.commits).map(|o| o.to_string());
    }
    let window: Vec<&CommitInfo> = tally.commits.iter().take(opts.max_commits).collect();
    let scan = scan.unwrap_or_else(|| WindowScan::empty(window.len()));
    let scan = diff_window(
        repo,
        &window,
        head_files,
        (scan, fresh, threads),
        &mut facts,
        errors,
    );
    count_refs(repo, &mut facts);
    (facts, scan)
}

/// Counts one commit: its author, its day and, for a human's non-merge
/// commit, its message.
fn record_commit(facts: &mut HistoryFacts, tally: &mut Tally, commit: &git2::Commit<'_>) {
    let oid = commit.id();
    facts.total_commits += 1;
    let merge = commit.parent_count() > 1;
    let author = commit.author();
    let name = String::from_utf8_lossy(author.name_bytes()).into_owned();
    let email = String::from_utf8_lossy(author.email_bytes()).into_owned();
    let when = author.when();
    let local = when.seconds() + i64::from(when.offset_minutes()) * 60;
    let subject = String::from_utf8_lossy(commit.summary_bytes().unwrap_or_default()).into_owned();
    if !merge {
        facts.non_merge_commits += 1;
        tally.days.insert(local.div_euclid(86_400));
        facts.first_commit_time = Some(
            facts
                .first_commit_time
                .map_or(when.seconds(), |t| t.min(when.seconds())),
        );
        facts.last_commit_time = Some(
            facts
                .last_commit_time
                .map_or(when.seconds(), |t| t.max(when.seconds())),
        );
        let bot = is_bot(&name, &email);
        let key = if email.is_empty() {
            name.to_ascii_lowercase()
        } else {
            email.to_ascii_lowercase()
        };
        tally
            .authors
            .entry(key)
            .or_insert_with(|| AuthorStat {
                valid_email: valid_email(&email),
                name: name.clone(),
                email: email.clone(),
                commits: 0,
                bot,
            })
            .commits += 1;
        if !bot && !skip_message(&subject) {
            let body = String::from_utf8_lossy(commit.body_bytes().unwrap_or_default());
            record_message(&mut facts.messages, oid, &subject, &body);
        }
    }
    tally.commits.push(CommitInfo {
        oid,
        subject,
        merge,
        tree: commit.tree_id(),
        parent: commit.parent_id(0).ok(),
    });
}

/// Counts a human-written message: a good subject, a body, the
/// conventional-commit form.
fn record_message(m: &mut MessageStats, oid: Oid, subject: &str, body: &str) {
    m.considered += 1;
    if subject_is_good(subject) {
        m.good_subjects += 1;
    } else if m.weak_examples.len() < 5 {
        m.weak_examples.push(CommitRef {
            commit: short(oid),
            subject: subject.to_owned(),
        });
    }
    // Trailers alone (Signed-off-by) are not a body.
    if body.lines().any(|l| !l.trim().is_empty() && !is_trailer(l)) {
        m.with_body += 1;
    }
    if CONVENTIONAL.is_match(subject) {
        m.conventional += 1;
    }
}

/// Turns the walk's tallies into activity figures and the author list.
fn summarise(
    facts: &mut HistoryFacts,
    days: &BTreeSet<i64>,
    authors: &BTreeMap<String, AuthorStat>,
) {
    facts.active_days = days.len();
    let weeks: BTreeSet<i64> = days.iter().map(|d| (d + 3).div_euclid(7)).collect();
    facts.active_weeks = weeks.len();
    if facts.active_weeks > 0 {
        facts.commits_per_active_week =
            (100.0 * facts.non_merge_commits as f64 / facts.active_weeks as f64).round() / 100.0;
    }
    if let (Some(a), Some(b)) = (facts.first_commit_time, facts.last_commit_time) {
        facts.span_days = ((b - a) as f64 / 86_400.0 * 10.0).round() / 10.0;
    }
    facts.authors = authors.values().cloned().collect();
    facts
        .authors
        .sort_by(|a, b| b.commits.cmp(&a.commits).then(a.email.cmp(&b.email)));
}

/// The end of the first-parent line from the first (HEAD) commit, as a
/// first-parent revwalk from HEAD would end. None unless every commit on
/// the line was walked in this run (resumed commits carry no parent) and
/// the line ends at a commit without parents.
fn first_parent_root(commits: &[CommitInfo]) -> Option<Oid> {
    let first = commits.first()?;
    let walked: HashMap<Oid, &CommitInfo> = commits.iter().map(|c| (c.oid, c)).collect();
    let mut at = first;
    // Each step moves to a distinct commit: a line longer than the walk
    // would be a cycle.
    for _ in 0..commits.len() {
        if at.tree.is_zero() {
            return None;
        }
        match at.parent {
            None => return Some(at.oid),
            Some(p) => at = walked.get(&p)?,
        }
    }
    None
}

/// Tags, and local and remote branches.
pub(crate) fn count_refs(repo: &Repository, facts: &mut HistoryFacts) {
    let Ok(refs) = repo.references() else {
        return;
    };
    for r in refs.flatten() {
        let name = r.name().unwrap_or("");
        if name.starts_with("refs/tags/") {
            facts.tags += 1;
        } else if name.starts_with("refs/heads/")
            || (name.starts_with("refs/remotes/") && !name.ends_with("/HEAD"))
        {
            facts.branches += 1;
        }
    }
}

fn short(oid: Oid) -> String {
    oid.to_string()[..10].to_owned()
}

#[cfg(test)]
mod tests;
