//! The history read on several threads is the history read on one.

use super::{HistoryOptions, analyse_with};
use crate::source::{GitSource, Source};
use git2::{Repository, Signature, Time};

/// A history long enough to be split into many slices, with what the
/// replay must order right: secrets added, removed and re-added (the same
/// blob at two paths), exact renames, `.env` files and junk.
fn long_history(dir: &std::path::Path) -> Repository {
    let repo = Repository::init(dir).expect("init");
    let mut parent: Option<git2::Oid> = None;
    let mut files: std::collections::BTreeMap<String, Vec<u8>> = Default::default();
    for i in 0..400u32 {
        match i % 7 {
            0 => {
                files.insert(format!("pkg/mod{i}.py"), format!("x = {i}\n").into_bytes());
            }
            1 => {
                let key = format!("token = 'ghp_{:0>36}'\n", i % 3);
                files.insert(format!("conf/settings{}.yml", i % 5), key.into_bytes());
            }
            2 => {
                if let Some(k) = files.keys().find(|k| k.starts_with("pkg/")).cloned() {
                    let v = files.remove(&k).expect("present");
                    files.insert(format!("moved/{i}/{}", &k[4..]), v);
                }
            }
            3 => {
                files.insert(".env".into(), format!("SECRET_KEY=v{i}\n").into_bytes());
            }
            4 => {
                files.insert(format!("venv/lib/m{i}.pyc"), vec![0, 1, 2]);
            }
            5 => {
                files.retain(|k, _| !k.starts_with("conf/settings1"));
            }
            _ => {
                files.insert("README.md".into(), format!("# r{i}\n").into_bytes());
            }
        }
        let mut index = git2::Index::new().expect("index");
        for (path, bytes) in &files {
            let oid = repo.blob(bytes).expect("blob");
            let entry = git2::IndexEntry {
                ctime: git2::IndexTime::new(0, 0),
                mtime: git2::IndexTime::new(0, 0),
                dev: 0,
                ino: 0,
                mode: 0o100644,
                uid: 0,
                gid: 0,
                file_size: bytes.len() as u32,
                id: oid,
                flags: 0,
                flags_extended: 0,
                path: path.as_bytes().to_vec(),
            };
            index.add(&entry).expect("add");
        }
        let tree_id = index.write_tree_to(&repo).expect("tree");
        let tree = repo.find_tree(tree_id).expect("tree");
        let sig = Signature::new(
            "A",
            "a@example.com",
            &Time::new(1_700_000_000 + i64::from(i) * 3600, 0),
        )
        .expect("sig");
        let parents: Vec<git2::Commit<'_>> = parent
            .iter()
            .map(|p| repo.find_commit(*p).expect("parent"))
            .collect();
        let refs: Vec<&git2::Commit<'_>> = parents.iter().collect();
        let id = repo
            .commit(
                Some("HEAD"),
                &sig,
                &sig,
                &format!("Change {i}"),
                &tree,
                &refs,
            )
            .expect("commit");
        parent = Some(id);
    }
    repo
}

#[test]
fn threads_do_not_change_the_history() {
    let dir = tempfile::tempdir().expect("tempdir");
    drop(long_history(dir.path()));
    let source = GitSource::open(dir.path()).expect("open");
    let repo = source.repository().expect("repo");
    let opts = HistoryOptions::default();
    let run = |threads| {
        let mut errors = Vec::new();
        let facts = analyse_with(repo, source.files(), &opts, &mut errors, threads);
        (serde_json::to_string(&facts).expect("json"), errors)
    };
    let (serial, serial_errors) = run(1);
    assert!(serial.contains("GitHub token"), "{serial}");
    assert!(serial.contains("bytecode"), "{serial}");
    for threads in [2, 3, 8] {
        let (parallel, errors) = run(threads);
        assert_eq!(serial, parallel, "{threads} threads");
        assert_eq!(serial_errors, errors);
    }
}

/// Moves the current branch to `to`, as a push or a reset would.
fn move_head(repo: &Repository, to: git2::Oid) {
    let head = repo.head().expect("HEAD names a branch");
    let name = String::from_utf8_lossy(head.name_bytes()).into_owned();
    repo.reference(&name, to, true, "move").expect("move");
}

/// A commit on `parents` with the first parent's tree plus one file.
fn commit_on(repo: &Repository, parents: &[git2::Oid], file: &str, time: i64) -> git2::Oid {
    let parents: Vec<git2::Commit<'_>> = parents
        .iter()
        .map(|p| repo.find_commit(*p).expect("parent"))
        .collect();
    let base = parents.first().map(|p| p.tree().expect("tree"));
    let mut builder = repo.treebuilder(base.as_ref()).expect("builder");
    let blob = repo
        .blob(format!("{file} at {time}\n").as_bytes())
        .expect("blob");
    builder.insert(file, blob, 0o100644).expect("insert");
    let tree = repo
        .find_tree(builder.write().expect("write"))
        .expect("tree");
    let sig = Signature::new("B", "b@example.com", &Time::new(time, 0)).expect("sig");
    let refs: Vec<&git2::Commit<'_>> = parents.iter().collect();
    repo.commit(None, &sig, &sig, &format!("Add {file}"), &tree, &refs)
        .expect("commit")
}

/// The first-parent chain from HEAD, oldest first.
fn chain(repo: &Repository) -> Vec<git2::Oid> {
    let mut ids = Vec::new();
    let mut at = repo.head().ok().and_then(|h| h.peel_to_commit().ok());
    while let Some(c) = at {
        ids.push(c.id());
        at = c.parent(0).ok();
    }
    ids.reverse();
    ids
}

/// The cached, resumable analysis at the current HEAD against a full one:
/// equal facts and errors; returns how the resumable one was made.
fn resumed_equals_full(
    dir: &std::path::Path,
    cache: &std::path::Path,
    opts: &HistoryOptions,
) -> (String, usize) {
    let source = GitSource::open(dir).expect("open");
    let repo = source.repository().expect("repo");
    let head = repo.head().expect("head").target().expect("oid");
    let mut errors = Vec::new();
    let (facts, how, diffed) =
        super::incremental::analyse_how(repo, cache, head, source.files(), opts, &mut errors)
            .expect("facts");
    let mut full_errors = Vec::new();
    let full = analyse_with(repo, source.files(), opts, &mut full_errors, 2).expect("facts");
    assert_eq!(
        serde_json::to_string_pretty(&facts).expect("json"),
        serde_json::to_string_pretty(&full).expect("json"),
        "{how}"
    );
    assert_eq!(errors, full_errors);
    (how, diffed)
}

#[test]
fn resumed_history_is_the_full_history() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cache = tempfile::tempdir().expect("cache");
    let repo = long_history(dir.path());
    let ids = chain(&repo);
    let opts = HistoryOptions::default();
    let check = |at: usize| {
        move_head(&repo, ids[at]);
        resumed_equals_full(dir.path(), cache.path(), &opts)
    };
    let (how, diffed) = check(300);
    assert!(how.starts_with("full scan: no earlier"), "{how}");
    assert_eq!(diffed, 301);
    assert_eq!(
        check(301),
        (format!("incremental from {}", super::short(ids[300])), 1)
    );
    let (how, diffed) = check(399);
    assert!(how.starts_with("incremental"), "{how}");
    assert_eq!(diffed, 98);
    // Unchanged: nothing to diff.
    assert_eq!(check(399).1, 0);
    // A reset to an older commit is not a continuation.
    let (how, diffed) = check(250);
    assert!(how.contains("not an ancestor"), "{how}");
    assert_eq!(diffed, 251);
}

#[test]
fn merges_resume_only_when_they_start_at_the_old_head() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cache = tempfile::tempdir().expect("cache");
    let repo = long_history(dir.path());
    let ids = chain(&repo);
    let opts = HistoryOptions::default();
    let old = ids[399];
    resumed_equals_full(dir.path(), cache.path(), &opts);
    let t = 1_700_000_000 + 400 * 3600;
    // A side branch from the old HEAD, dated before it (clock skew), and
    // a commit on the main line, merged.
    let side = commit_on(&repo, &[old], "side.py", t - 500_000);
    let main = commit_on(&repo, &[old], "main.py", t + 10);
    let side2 = commit_on(&repo, &[side], "side2.py", t + 20);
    let merge = commit_on(&repo, &[main, side2], "merged.py", t + 30);
    move_head(&repo, merge);
    let (how, diffed) = resumed_equals_full(dir.path(), cache.path(), &opts);
    assert!(how.starts_with("incremental"), "{how}");
    assert_eq!(diffed, 3, "the merge itself is not diffed");
    // A merge of a branch that left from older history: a full scan.
    let fork = commit_on(&repo, &[ids[100]], "fork.py", t + 40);
    let merge2 = commit_on(&repo, &[merge, fork], "merged2.py", t + 50);
    move_head(&repo, merge2);
    let (how, _) = resumed_equals_full(dir.path(), cache.path(), &opts);
    assert!(how.contains("merges older history"), "{how}");
    // The window would slide past --max-commits: a full scan.
    let tight = HistoryOptions {
        max_commits: 406,
        ..HistoryOptions::default()
    };
    resumed_equals_full(dir.path(), cache.path(), &tight);
    let next = commit_on(&repo, &[merge2], "next.py", t + 60);
    move_head(&repo, next);
    let (how, _) = resumed_equals_full(dir.path(), cache.path(), &tight);
    assert!(how.contains("longer than --max-commits"), "{how}");
    // With no earlier result at all, the lasting reason is still the one
    // given: such a history is never stored, so there never will be one.
    let empty = tempfile::tempdir().expect("cache");
    let (how, _) = resumed_equals_full(dir.path(), empty.path(), &tight);
    assert!(how.contains("longer than --max-commits"), "{how}");
}

/// A commit on HEAD (or a root commit) whose tree is the parent's plus one
/// file with the given text, moving HEAD to it.
fn commit_text(repo: &Repository, file: &str, text: &str, time: i64) {
    let parent = repo.head().ok().and_then(|h| h.peel_to_commit().ok());
    let base = parent.as_ref().map(|p| p.tree().expect("tree"));
    let mut index = git2::Index::new().expect("index");
    if let Some(tree) = &base {
        index.read_tree(tree).expect("read tree");
    }
    let oid = repo.blob(text.as_bytes()).expect("blob");
    let entry = git2::IndexEntry {
        ctime: git2::IndexTime::new(0, 0),
        mtime: git2::IndexTime::new(0, 0),
        dev: 0,
        ino: 0,
        mode: 0o100644,
        uid: 0,
        gid: 0,
        file_size: text.len() as u32,
        id: oid,
        flags: 0,
        flags_extended: 0,
        path: file.as_bytes().to_vec(),
    };
    index.add(&entry).expect("add");
    let tree = repo
        .find_tree(index.write_tree_to(repo).expect("write"))
        .expect("tree");
    let sig = Signature::new("A", "a@example.com", &Time::new(time, 0)).expect("sig");
    let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
    repo.commit(
        Some("HEAD"),
        &sig,
        &sig,
        &format!("Change {file}"),
        &tree,
        &parents,
    )
    .expect("commit");
}

#[test]
fn history_judges_credentials_as_head_does() {
    let dir = tempfile::tempdir().expect("tempdir");
    let repo = Repository::init(dir.path()).expect("init");
    commit_text(&repo, "README.md", "# Blog\n", 1_699_999_000);
    // Django's generated key is a development credential at HEAD.
    commit_text(
        &repo,
        "blog/settings.py",
        "# SECURITY WARNING: keep the secret key used in production secret!\n\
         SECRET_KEY = 'django-insecure-_&6#brv**6#!1ap1c4j7)ay=n5lrt!r5&y=8g@c4w'\n",
        1_700_000_000,
    );
    // A generated provider key is a leak wherever it went later.
    commit_text(
        &repo,
        "weather.py",
        "OPENWEATHER_API_KEY = \"3f8a91c2d47be6059a1f7c3e28d4b6a0\"\n",
        1_700_000_200,
    );
    commit_text(&repo, "weather.py", "import os\n", 1_700_000_300);
    drop(repo);
    let source = GitSource::open(dir.path()).expect("open");
    let repo = source.repository().expect("repo");
    let mut errors = Vec::new();
    let facts = analyse_with(
        repo,
        source.files(),
        &HistoryOptions::default(),
        &mut errors,
        1,
    )
    .expect("a history");
    let leaks: Vec<(&str, bool)> = facts
        .leaks
        .iter()
        .map(|l| (l.path.as_str(), l.still_present))
        .collect();
    assert_eq!(leaks, [("weather.py", false)], "{errors:?}");
}
