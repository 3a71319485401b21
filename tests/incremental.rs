//! Incremental history through the binary: after one new commit, a cached
//! audit diffs only that commit and reports what a `--no-cache` run
//! reports. `PORTFOLIO_AUDIT_HISTORY_STATS` makes the binary say how each
//! history was made; the tests read that, never a time.

mod common;

use common::*;
use std::path::Path;
use std::process::Output;

fn audit(repo: &Path, cache: &Path, extra: &[&str]) -> Output {
    let out = std::process::Command::new(BIN)
        .env("PORTFOLIO_AUDIT_CACHE_DIR", cache)
        .env("PORTFOLIO_AUDIT_HISTORY_STATS", "1")
        .args(["audit", ".", "--format", "json"])
        .args(extra)
        .current_dir(repo)
        .output()
        .expect("binary runs");
    assert!(out.status.code().is_some_and(|c| c < 2), "{}", stderr(&out));
    out
}

/// The stats line the cached run printed.
fn how(out: &Output) -> String {
    stderr(out)
        .lines()
        .find(|l| l.starts_with("history "))
        .unwrap_or_else(|| panic!("no stats line: {}", stderr(out)))
        .to_owned()
}

/// A project with a history worth merging: a leak, a rename, authors.
fn project(commits: usize) -> TestRepo {
    let mut repo = TestRepo::new();
    repo.commit(
        "Add the app with a token",
        &[
            ("app.py", b"print('hi')\n"),
            (
                "config.yml",
                b"token: 'ghp_q8Zr2LmX7vK1pT9sW4nB6cY3dE5fH0jR2tUw'\n",
            ),
        ],
    );
    for i in 0..commits {
        let text = format!("x = {i}\n");
        repo.commit(
            &format!("Change the module, step {i}"),
            &[
                ("app.py", b"print('hi')\n"),
                ("pkg/mod.py", text.as_bytes()),
                ("README.md", b"# App\n"),
            ],
        );
    }
    repo
}

#[test]
fn one_new_commit_is_the_only_one_diffed() {
    let mut repo = project(20);
    let cache = tempfile::tempdir().expect("temp dir");
    let first = audit(repo.path(), cache.path(), &[]);
    assert!(
        how(&first).contains("full scan: no earlier result"),
        "{}",
        how(&first)
    );
    repo.commit(
        "Add the notes",
        &[
            ("app.py", b"print('hi')\n"),
            // A changed module is parsed again; app.py's analysis is kept.
            ("pkg/mod.py", b"x = 19\nprint(x)\n"),
            ("README.md", b"# App\n"),
            ("NOTES.md", b"notes\n"),
        ],
    );
    let second = audit(repo.path(), cache.path(), &[]);
    assert!(
        how(&second).contains("incremental from"),
        "{}",
        how(&second)
    );
    assert!(
        how(&second).ends_with("; 1 commits diffed"),
        "{}",
        how(&second)
    );
    let cold = audit(repo.path(), cache.path(), &["--no-cache"]);
    assert_eq!(stdout(&second), stdout(&cold));
    let report = json(&second);
    assert_eq!(report["repos"][0]["facts"]["history"]["total_commits"], 22);
    // Unchanged since: the whole report comes from the cache.
    let third = audit(repo.path(), cache.path(), &[]);
    assert_eq!(stdout(&third), stdout(&cold));
}

#[test]
fn a_force_push_is_a_full_scan() {
    let mut repo = project(5);
    let cache = tempfile::tempdir().expect("temp dir");
    audit(repo.path(), cache.path(), &[]);
    // Rewrite the last commit: the old HEAD is no ancestor of the new one.
    let head = repo
        .repo
        .head()
        .expect("head")
        .peel_to_commit()
        .expect("commit");
    let parent = head.parent_id(0).expect("parent");
    let name = String::from_utf8_lossy(repo.repo.head().expect("head").name_bytes()).into_owned();
    repo.repo
        .reference(&name, parent, true, "rewind")
        .expect("rewind");
    drop(head);
    repo.commit("Rewrite the last step", &[("app.py", b"print('bye')\n")]);
    let pushed = audit(repo.path(), cache.path(), &[]);
    assert!(how(&pushed).contains("not an ancestor"), "{}", how(&pushed));
    let cold = audit(repo.path(), cache.path(), &["--no-cache"]);
    assert_eq!(stdout(&pushed), stdout(&cold));
}

#[test]
fn a_corrupt_or_forged_state_is_ignored() {
    let mut repo = project(5);
    let cache = tempfile::tempdir().expect("temp dir");
    audit(repo.path(), cache.path(), &[]);
    let states: Vec<_> = std::fs::read_dir(cache.path())
        .expect("cache")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains("resume-"))
        .collect();
    assert_eq!(states.len(), 1, "one resumable state per repository");
    repo.commit("Add the notes", &[("NOTES.md", b"n\n")]);
    let cold = audit(repo.path(), cache.path(), &["--no-cache"]);
    let text = std::fs::read_to_string(&states[0]).expect("state");
    // Well-formed but inconsistent (a figure no walk gives), then garbage.
    let forged = text.replace("\"total_commits\":6", "\"total_commits\":99");
    assert_ne!(forged, text);
    for bad in [forged.as_str(), "{\"header\":", "[]"] {
        std::fs::write(&states[0], bad).expect("write");
        // The HEAD-keyed entries would hide the state: only it is tested.
        for e in std::fs::read_dir(cache.path()).expect("cache").flatten() {
            if !e.path().to_string_lossy().contains("resume-") {
                std::fs::remove_file(e.path()).expect("remove");
            }
        }
        let again = audit(repo.path(), cache.path(), &[]);
        assert!(how(&again).contains("full scan"), "{}", how(&again));
        assert_eq!(stdout(&again), stdout(&cold));
        // Rewritten sound: the next audit resumes from it.
        std::fs::write(&states[0], &text).expect("restore");
    }
}
