//! Commit history, read in one pass with git2: how much work, spread over how
//! long, with what messages, by whom, and whether one commit dumped the
//! project in. Diff-based measures look at the most recent `max_commits`
//! commits; everything before that window counts as one "earlier history".

use crate::error::AuditError;
use crate::source::{EntryKind, FileEntry};
use git2::{ObjectType, Oid, Repository, Sort};
use regex::Regex;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::LazyLock;

#[derive(Debug, Clone)]
pub struct HistoryOptions {
    pub max_commits: usize,
    /// Who the candidate is: names or emails (case-insensitive). Empty means
    /// the most frequent human author.
    pub authors: Vec<String>,
}

impl Default for HistoryOptions {
    fn default() -> Self {
        HistoryOptions {
            max_commits: 5000,
            authors: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CommitRef {
    pub commit: String,
    pub subject: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct MessageStats {
    /// Commits whose messages were judged (no merges, reverts, fixups, bots).
    pub considered: usize,
    pub good_subjects: usize,
    pub with_body: usize,
    pub conventional: usize,
    /// A few of the weakest subjects, newest first.
    pub weak_examples: Vec<CommitRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AuthorStat {
    pub name: String,
    pub email: String,
    pub commits: usize,
    pub valid_email: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub bot: bool,
}

#[derive(Debug, Clone, Serialize)]
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

#[derive(Debug, Clone, Serialize)]
pub struct BigFile {
    pub path: String,
    pub size: u64,
    pub commit: String,
    pub still_present: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct DumpShare {
    /// The commit that created the largest share of HEAD's bytes, or
    /// "(earlier history)" for files older than the analysed window.
    pub commit: String,
    pub subject: String,
    pub share: f64,
}

#[derive(Debug, Clone, Default, Serialize)]
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
    pub tags: usize,
    pub branches: usize,
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

static CONVENTIONAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(feat|fix|docs|style|refactor|perf|test|tests|build|ci|chore|revert)(\([^)]*\))?!?: \S",
    )
    .expect("static regex")
});
/// Subjects GitHub's web editor writes for you.
static WEB_UI_DEFAULT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i)(update|create|delete|add|rename) [\w./-]+\.\w+$|^(?i)add files via upload$|^(?i)(initial|first) commit$")
        .expect("static regex")
});
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[^@\s]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$").expect("static regex")
});

const VAGUE: &[&str] = &[
    "wip",
    "fix",
    "fixes",
    "fixed",
    "fixing",
    "update",
    "updates",
    "updated",
    "change",
    "changes",
    "changed",
    "asdf",
    "test",
    "tests",
    "testing",
    "commit",
    "stuff",
    "misc",
    "minor",
    "more",
    "save",
    "temp",
    "tmp",
    "done",
    "final",
    "new",
    "code",
    "work",
    "progress",
    "edit",
    "edits",
    "refactor",
    "cleanup",
    "clean up",
    "bug fix",
    "bugfix",
    "small fix",
    "small changes",
    "minor changes",
    "minor fixes",
    "some changes",
    "first",
    "init",
    "initial",
    "upload",
    "files",
    "add",
    "added",
    "changes made",
    "working",
    "final version",
    "v1",
    "v2",
    "x",
    "a",
    "aa",
    "qwerty",
    "test commit",
    "update readme",
    "updated readme",
    "readme",
    "oops",
    "again",
    "finally",
    "idk",
];

/// Whether a subject tells a reader what changed.
pub fn subject_is_good(subject: &str) -> bool {
    let s = subject.trim();
    let len = s.chars().count();
    if !(5..=72).contains(&len) || s.ends_with('.') {
        return false;
    }
    let norm: String = s
        .to_ascii_lowercase()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == ' ' {
                c
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if VAGUE.contains(&norm.as_str()) || WEB_UI_DEFAULT.is_match(s) {
        return false;
    }
    // One bare word ("Refactoring", "Tweaks") says almost nothing.
    norm.split(' ').count() >= 2 || CONVENTIONAL.is_match(s)
}

pub fn is_bot(name: &str, email: &str) -> bool {
    let n = name.to_ascii_lowercase();
    let e = email.to_ascii_lowercase();
    n.ends_with("[bot]")
        || e.contains("[bot]")
        || [
            "dependabot",
            "renovate",
            "pre-commit-ci",
            "github-actions",
            "greenkeeper",
            "snyk-bot",
            "allcontributors",
        ]
        .iter()
        .any(|b| n.contains(b) || e.contains(b))
}

pub fn valid_email(email: &str) -> bool {
    let e = email.to_ascii_lowercase();
    EMAIL.is_match(&e)
        && !e.ends_with("@localhost")
        && !e.ends_with(".local")
        && !e.ends_with(".localdomain")
        && !e.contains("(none)")
}

fn skip_message(subject: &str) -> bool {
    let s = subject.trim_start();
    s.starts_with("Revert \"")
        || s.starts_with("fixup!")
        || s.starts_with("squash!")
        || s.starts_with("amend!")
}

/// Known token formats; (kind, pattern).
static SECRET_PATTERNS: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    [
        ("AWS access key", r"\b(AKIA|ASIA)[0-9A-Z]{16}\b"),
        (
            "GitHub token",
            r"\bgh[pousr]_[A-Za-z0-9]{36,}\b|\bgithub_pat_[A-Za-z0-9_]{50,}\b",
        ),
        ("OpenAI key", r"\bsk-(proj-)?[A-Za-z0-9_-]{20,}\b"),
        ("Slack token", r"\bxox[baprs]-[A-Za-z0-9-]{10,}\b"),
        ("Stripe live key", r"\b[rs]k_live_[A-Za-z0-9]{16,}\b"),
        ("Google API key", r"\bAIza[0-9A-Za-z_-]{35}\b"),
        (
            "private key",
            r"-----BEGIN ((RSA|DSA|EC|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY( BLOCK)?-----",
        ),
    ]
    .into_iter()
    .map(|(k, p)| (k, Regex::new(p).expect("static regex")))
    .collect()
});

static SECRET_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(secret|passw|pwd|token|api_?key|access_?key|private_?key|credential|auth_?key)",
    )
    .expect("static regex")
});
/// `SECRET_KEY = "..."` and `password: '...'` with a real-looking value.
static ASSIGNED_SECRET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b([A-Za-z_]*(secret|secret_?key|passw(or)?d|pwd|token|api_?key|access_?key|private_?key))\s*[:=]\s*["']([^"'\s]{8,})["']"#)
        .expect("static regex")
});

static SECRET_TARGET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[A-Za-z0-9_]*(secret|secret_?key|passw(or)?d|pwd|token|api_?key|access_?key|private_?key|client_?secret)$")
        .expect("static regex")
});

/// Whether a variable, argument or key name says it holds a credential.
pub fn is_secret_name(name: &str) -> bool {
    SECRET_TARGET.is_match(name)
}

/// The kind of known token format found in a text, if any.
pub fn token_kind(text: &str) -> Option<&'static str> {
    SECRET_PATTERNS
        .iter()
        .find(|(_, re)| re.is_match(text))
        .map(|(k, _)| *k)
}

/// `scheme://user:password@host`; the password is group 1.
static URL_PASSWORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b[a-z][a-z0-9+]*://([^/\s:@]+):([^/\s@]+)@([^/\s:@]+)").expect("static regex")
});

/// Whether a value is a stand-in rather than a secret.
pub fn is_placeholder(value: &str) -> bool {
    let v = value.to_ascii_lowercase();
    // References to a variable or template, not values.
    if v.starts_with('$')
        || v.starts_with("%(")
        || v.contains("{{")
        || v.starts_with("my_")
        || v.starts_with("my-")
    {
        return true;
    }
    super::hygiene::PLACEHOLDERS.iter().any(|p| v.contains(p))
        || v.chars().all(|c| c == v.chars().next().unwrap_or('x'))
}

/// Secrets in a text: (line, kind). Also used for the working tree.
pub fn find_secrets(path: &str, text: &str) -> Vec<(u32, String)> {
    let mut out: Vec<(u32, String)> = Vec::new();
    let python = path.ends_with(".py");
    let mut in_docstring = false;
    for (i, line) in text.lines().enumerate() {
        let lineno = i as u32 + 1;
        // Examples in docstrings are documentation, not credentials.
        if python && (line.matches("\"\"\"").count() + line.matches("'''").count()) % 2 == 1 {
            in_docstring = !in_docstring;
        }
        for (kind, re) in SECRET_PATTERNS.iter() {
            if re.is_match(line) {
                out.push((lineno, (*kind).to_owned()));
            }
        }
        if let Some(c) = URL_PASSWORD.captures(line) {
            let (user, password, host) = (&c[1], &c[2], &c[3]);
            let stock = [
                "password", "postgres", "pass", "secret", "root", "admin", "test", "example",
                "user", "guest",
            ];
            // A throwaway database for local runs and CI services.
            let local = matches!(host, "localhost" | "127.0.0.1" | "0.0.0.0") || user == password;
            if !local
                && !is_placeholder(password)
                && !stock.contains(&password.to_ascii_lowercase().as_str())
            {
                out.push((lineno, "password in a URL".to_owned()));
                continue;
            }
        }
        if let Some(c) = ASSIGNED_SECRET.captures(line).filter(|_| !in_docstring) {
            let value = c.get(4).map_or("", |m| m.as_str());
            if !is_placeholder(value)
                && !value.contains("os.environ")
                && !out.iter().any(|(l, _)| *l == lineno)
            {
                out.push((lineno, format!("hard-coded {}", &c[1])));
            }
        }
    }
    if super::hygiene::is_env_file_name(path) {
        for (line, key) in super::hygiene::env_values(text) {
            if SECRET_NAME.is_match(&key) && !out.iter().any(|(l, _)| *l == line) {
                out.push((line, format!(".env secret {key}")));
            }
        }
    }
    out
}

/// Files worth opening when hunting for secrets in history.
fn scan_candidate(path: &str) -> bool {
    super::hygiene::may_hold_key(path)
}

struct CommitInfo {
    oid: Oid,
    subject: String,
    merge: bool,
}

pub fn analyse(
    repo: &Repository,
    head_files: &[FileEntry],
    opts: &HistoryOptions,
    errors: &mut Vec<AuditError>,
) -> Option<HistoryFacts> {
    let head = repo.head().ok()?.peel_to_commit().ok()?;
    let mut facts = HistoryFacts {
        shallow: repo.is_shallow(),
        ..HistoryFacts::default()
    };
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
    if walk.push(head.id()).is_err() {
        return None;
    }

    let mut commits: Vec<CommitInfo> = Vec::new();
    let mut days: BTreeSet<i64> = BTreeSet::new();
    let mut authors: BTreeMap<String, AuthorStat> = BTreeMap::new();
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
        let commit = match repo.find_commit(oid) {
            Ok(c) => c,
            Err(e) => {
                errors.push(AuditError::at(
                    format!("commit {oid}"),
                    format!("missing or corrupt: {}", e.message()),
                ));
                continue;
            }
        };
        facts.total_commits += 1;
        let merge = commit.parent_count() > 1;
        let author = commit.author();
        let name = String::from_utf8_lossy(author.name_bytes()).into_owned();
        let email = String::from_utf8_lossy(author.email_bytes()).into_owned();
        let when = author.when();
        let local = when.seconds() + i64::from(when.offset_minutes()) * 60;
        let subject =
            String::from_utf8_lossy(commit.summary_bytes().unwrap_or_default()).into_owned();
        if !merge {
            facts.non_merge_commits += 1;
            days.insert(local.div_euclid(86_400));
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
            authors
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
                let m = &mut facts.messages;
                m.considered += 1;
                let good = subject_is_good(&subject);
                if good {
                    m.good_subjects += 1;
                } else if m.weak_examples.len() < 5 {
                    m.weak_examples.push(CommitRef {
                        commit: short(oid),
                        subject: subject.clone(),
                    });
                }
                let body =
                    String::from_utf8_lossy(commit.body_bytes().unwrap_or_default()).into_owned();
                // Trailers alone (Signed-off-by) are not a body.
                if body.lines().any(|l| !l.trim().is_empty() && !is_trailer(l)) {
                    m.with_body += 1;
                }
                if CONVENTIONAL.is_match(&subject) {
                    m.conventional += 1;
                }
            }
        }
        commits.push(CommitInfo {
            oid,
            subject,
            merge,
        });
    }

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
    facts.authors = authors.into_values().collect();
    facts
        .authors
        .sort_by(|a, b| b.commits.cmp(&a.commits).then(a.email.cmp(&b.email)));
    pick_candidate(&mut facts, &opts.authors);

    diff_window(
        repo,
        &commits,
        head_files,
        opts.max_commits,
        &mut facts,
        errors,
    );

    if let Ok(refs) = repo.references() {
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
    Some(facts)
}

/// Bytes of one file that count toward authorship shares.
const AUTHORED_FILE_CAP: u64 = 16 * 1024;

/// Files a person writes (code, docs, config), as opposed to data, media,
/// lock files and junk: only these count when judging who wrote the project.
pub fn is_authored_text(path: &str) -> bool {
    if super::hygiene::junk_of(path).is_some() || super::manifests::is_lock_file(path) {
        return false;
    }
    let lower = path.to_ascii_lowercase();
    if lower.contains(".min.")
        || lower.split('/').any(|d| {
            matches!(
                d,
                "vendor" | "vendored" | "third_party" | "libs" | "node_modules" | "static"
            )
        })
    {
        return false;
    }
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        None => matches!(
            name,
            "Dockerfile" | "Makefile" | "Procfile" | "Jenkinsfile" | "LICENSE" | "README"
        ),
        Some(e) => matches!(
            e,
            "py" | "pyi"
                | "md"
                | "rst"
                | "txt"
                | "toml"
                | "cfg"
                | "ini"
                | "yml"
                | "yaml"
                | "html"
                | "htm"
                | "css"
                | "scss"
                | "js"
                | "jsx"
                | "ts"
                | "tsx"
                | "vue"
                | "sql"
                | "sh"
                | "bash"
                | "j2"
                | "jinja"
                | "jinja2"
                | "tf"
                | "r"
                | "go"
                | "rs"
                | "c"
                | "h"
                | "cpp"
                | "java"
                | "kt"
                | "rb"
                | "php"
                | "mako"
                | "proto"
                | "graphql"
                | "env"
                | "dockerfile"
        ),
    }
}

/// One changed blob path between two trees: `old` is None when added,
/// `new` is None when deleted.
struct Change {
    path: String,
    old: Option<Oid>,
    new: Option<Oid>,
}

/// Compares two trees by object id, descending only into subtrees that
/// differ. Cheaper than a general diff: no config, no pathspecs, no
/// content.
fn diff_trees(
    repo: &Repository,
    old: Option<Oid>,
    new: Option<Oid>,
    prefix: &str,
    out: &mut Vec<Change>,
) -> Result<(), git2::Error> {
    if old == new {
        return Ok(());
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
    let (a, b) = (entries(old)?, entries(new)?);
    let names: BTreeSet<&Vec<u8>> = a.keys().chain(b.keys()).collect();
    for name in names {
        let (ea, eb) = (a.get(name), b.get(name));
        if ea.map(|e| e.0) == eb.map(|e| e.0) {
            continue;
        }
        let Ok(name) = std::str::from_utf8(name) else {
            continue;
        };
        let path = format!("{prefix}{name}");
        let tree_id = |e: Option<&(Oid, Option<ObjectType>)>| {
            e.filter(|e| e.1 == Some(ObjectType::Tree)).map(|e| e.0)
        };
        let blob_id = |e: Option<&(Oid, Option<ObjectType>)>| {
            e.filter(|e| e.1 == Some(ObjectType::Blob)).map(|e| e.0)
        };
        let (ta, tb) = (tree_id(ea), tree_id(eb));
        if ta.is_some() || tb.is_some() {
            diff_trees(repo, ta, tb, &format!("{path}/"), out)?;
        }
        let (ba, bb) = (blob_id(ea), blob_id(eb));
        if ba.is_some() || bb.is_some() {
            out.push(Change {
                path,
                old: ba,
                new: bb,
            });
        }
    }
    Ok(())
}

fn is_trailer(line: &str) -> bool {
    let l = line.trim();
    [
        "Signed-off-by:",
        "Co-authored-by:",
        "Reviewed-by:",
        "Change-Id:",
        "Acked-by:",
    ]
    .iter()
    .any(|t| l.starts_with(t))
}

fn short(oid: Oid) -> String {
    oid.to_string()[..10].to_owned()
}

fn pick_candidate(facts: &mut HistoryFacts, wanted: &[String]) {
    let wanted: Vec<String> = wanted.iter().map(|w| w.to_ascii_lowercase()).collect();
    let matches = |a: &AuthorStat| {
        wanted
            .iter()
            .any(|w| a.email.eq_ignore_ascii_case(w) || a.name.to_ascii_lowercase() == *w)
    };
    if wanted.is_empty() {
        if let Some(top) = facts.authors.iter().find(|a| !a.bot) {
            facts.candidate = Some(format!("{} <{}>", top.name, top.email));
            facts.candidate_commits = top.commits;
        }
    } else {
        facts.candidate_commits = facts
            .authors
            .iter()
            .filter(|a| matches(a))
            .map(|a| a.commits)
            .sum();
        facts.candidate = Some(wanted.join(", "));
    }
}

/// Tree diffs over the most recent `max` commits, oldest first: who created
/// each file still at HEAD, big files and secrets ever committed.
fn diff_window(
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
    // path -> index in `window` of the commit that created it; files that
    // predate the window have no entry.
    let mut created: HashMap<String, usize> = HashMap::new();
    let mut created_count: Vec<usize> = vec![0; window.len()];
    let mut scanned: HashSet<Oid> = HashSet::new();
    let mut leaks: Vec<Leak> = Vec::new();
    let mut big: Vec<BigFile> = Vec::new();
    for (idx, info) in window.iter().enumerate().rev() {
        if info.merge {
            continue;
        }
        let Ok(commit) = repo.find_commit(info.oid) else {
            continue;
        };
        let Ok(tree) = commit.tree() else {
            errors.push(AuditError::at(
                format!("commit {}", short(info.oid)),
                "tree object is missing",
            ));
            continue;
        };
        let parent_tree = commit.parent(0).ok().map(|p| p.tree_id());
        let mut changes = Vec::new();
        if let Err(e) = diff_trees(repo, parent_tree, Some(tree.id()), "", &mut changes) {
            errors.push(AuditError::at(
                format!("commit {}", short(info.oid)),
                format!("cannot diff: {}", e.message()),
            ));
            continue;
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
                created.remove(&change.path);
            }
        }
        for change in changes {
            let Some(oid) = change.new else { continue };
            let path = change.path;
            if change.old.is_none() {
                match deleted.get(&oid) {
                    Some(from) => {
                        if let Some(origin) = created.remove(from) {
                            created.insert(path.clone(), origin);
                        }
                        continue;
                    }
                    None => {
                        created.insert(path.clone(), idx);
                        created_count[idx] += 1;
                    }
                }
            }
            let size = match odb.read_header(oid) {
                Ok((size, ObjectType::Blob)) => size as u64,
                _ => continue,
            };
            if size > EVER_LARGE_BYTES {
                big.push(BigFile {
                    path: path.clone(),
                    size,
                    commit: short(info.oid),
                    still_present: false,
                });
            }
            if size as usize <= MAX_SCAN_BYTES
                && scan_candidate(&path)
                && !super::hygiene::is_fixture_path(&path)
                && super::hygiene::junk_of(&path).is_none()
                && scanned.insert(oid)
            {
                if let Ok(blob) = repo.find_blob(oid) {
                    let bytes = blob.content();
                    if !bytes[..bytes.len().min(8192)].contains(&0) {
                        let text = String::from_utf8_lossy(bytes);
                        for (line, kind) in find_secrets(&path, &text) {
                            if !leaks.iter().any(|l| l.path == path && l.kind == kind) {
                                leaks.push(Leak {
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
            }
        }
    }

    // Attribute HEAD's bytes to the commit that created each file.
    let head_paths: HashSet<&str> = head_files.iter().map(|f| f.path.as_str()).collect();
    let mut bytes_by: HashMap<Option<usize>, u64> = HashMap::new();
    let mut total: u64 = 0;
    for f in head_files
        .iter()
        .filter(|f| f.kind == EntryKind::File && is_authored_text(&f.path))
    {
        // Capped, so one generated bundle or data dump cannot outweigh the
        // hand-written files around it.
        let weight = f.size.min(AUTHORED_FILE_CAP);
        *bytes_by.entry(created.get(&f.path).copied()).or_default() += weight;
        total += weight;
    }
    if total > 0 {
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
                b as f64 >= 0.3 * total as f64 || created_count[*i] >= 50
            })
            .count();
    }
    let head_tree = repo.head().ok().and_then(|h| h.peel_to_tree().ok());
    for l in &mut leaks {
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
                    find_secrets(&l.path, &String::from_utf8_lossy(b.content()))
                        .iter()
                        .any(|(_, k)| *k == l.kind)
                })
                .unwrap_or(false),
        };
    }
    for b in &mut big {
        b.still_present = head_paths.contains(b.path.as_str());
    }
    facts.leaks = leaks;
    facts.big_files = big;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects() {
        assert!(subject_is_good("Add login endpoint with JWT tokens"));
        assert!(subject_is_good("feat: add login"));
        assert!(!subject_is_good("update"));
        assert!(!subject_is_good("Update README.md"));
        assert!(subject_is_good("Add changelog and release 0.3.0"));
        assert!(!subject_is_good("Add files via upload"));
        assert!(!subject_is_good("Fix the bug."));
        assert!(!subject_is_good("wip"));
        assert!(!subject_is_good("Refactoring"));
        assert!(!subject_is_good(&"x".repeat(73)));
    }

    #[test]
    fn bots_and_emails() {
        assert!(is_bot(
            "dependabot[bot]",
            "49699333+dependabot[bot]@users.noreply.github.com"
        ));
        assert!(is_bot("pre-commit-ci[bot]", "x@y.z"));
        assert!(!is_bot("Ada", "ada@example.com"));
        assert!(valid_email("ada@example.com"));
        assert!(!valid_email("root@localhost"));
        assert!(!valid_email("ada@laptop.local"));
        assert!(!valid_email("ada"));
    }

    #[test]
    fn secrets() {
        let s = find_secrets("settings.py", "AWS = 'AKIAABCDEFGHIJKLMNOP'\nx = 1\n");
        assert_eq!(s, vec![(1, "AWS access key".to_owned())]);
        assert!(find_secrets(".env", "DEBUG=true\n").is_empty());
        let s = find_secrets(".env", "DEBUG=true\nSTRIPE_API_KEY=abc123def456\n");
        assert_eq!(s, vec![(2, ".env secret STRIPE_API_KEY".to_owned())]);
        let s = find_secrets(
            "app/settings.py",
            "SECRET_KEY = 'django-insecure-8x#k2!p'\n",
        );
        assert_eq!(s, vec![(1, "hard-coded SECRET_KEY".to_owned())]);
        assert!(find_secrets("app/settings.py", "SECRET_KEY = 'changethis'\n").is_empty());
    }
}
