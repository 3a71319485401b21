//! The result cache: a second audit of an unchanged repository gives the
//! same report from the cache, a new commit invalidates it, `--no-cache`
//! bypasses it, and a corrupt entry is ignored and rewritten. Each test
//! uses its own temp cache dir through PORTFOLIO_AUDIT_CACHE_DIR.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Output;

fn audit(repo: &Path, cache: &Path, extra: &[&str]) -> Output {
    let out = std::process::Command::new(BIN)
        .env("PORTFOLIO_AUDIT_CACHE_DIR", cache)
        .args(["audit", ".", "--format", "json"])
        .args(extra)
        .current_dir(repo)
        .output()
        .expect("binary runs");
    assert!(out.status.code().is_some_and(|c| c < 2), "{}", stderr(&out));
    out
}

fn total_commits(out: &Output) -> serde_json::Value {
    json(out)["repos"][0]["facts"]["history"]["total_commits"].clone()
}

fn entries(cache: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(cache)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default()
}

fn project() -> TestRepo {
    let mut repo = TestRepo::new();
    repo.commit(
        "Add the app",
        &[
            ("app.py", b"print('hi')\n"),
            ("README.md", b"# App\n"),
            (
                "config.yml",
                b"token: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789'\n",
            ),
        ],
    );
    repo.commit(
        "Remove the token",
        &[("app.py", b"print('hi')\n"), ("README.md", b"# App\n")],
    );
    repo
}

#[test]
fn a_second_audit_gives_the_same_report() {
    let repo = project();
    let cache = tempfile::tempdir().expect("temp dir");
    let first = audit(repo.path(), cache.path(), &[]);
    assert_eq!(entries(cache.path()).len(), 1, "one history entry");
    let second = audit(repo.path(), cache.path(), &[]);
    assert_eq!(stdout(&first), stdout(&second));
    let leaks = &json(&second)["repos"][0]["facts"]["history"]["leaks"];
    assert_eq!(leaks.as_array().map(Vec::len), Some(1), "{leaks}");
    // Nothing is written inside the audited repository.
    assert!(!repo.path().join(".cache").exists());
}

#[test]
fn a_new_commit_invalidates_and_no_cache_bypasses() {
    let mut repo = project();
    let cache = tempfile::tempdir().expect("temp dir");
    audit(repo.path(), cache.path(), &[]);
    let [entry] = entries(cache.path()).try_into().expect("one entry");
    // A sound entry is used as it is: plant a figure no walk would give.
    let text = std::fs::read_to_string(&entry).expect("entry");
    std::fs::write(
        &entry,
        text.replace("\"total_commits\":2", "\"total_commits\":99"),
    )
    .expect("write");
    assert_eq!(total_commits(&audit(repo.path(), cache.path(), &[])), 99);
    // --no-cache neither reads nor writes it.
    let fresh = tempfile::tempdir().expect("temp dir");
    assert_eq!(
        total_commits(&audit(repo.path(), fresh.path(), &["--no-cache"])),
        2
    );
    assert!(entries(fresh.path()).is_empty());
    assert_eq!(
        total_commits(&audit(repo.path(), cache.path(), &["--no-cache"])),
        2
    );
    // A new HEAD is a new key.
    repo.commit(
        "Add notes",
        &[("app.py", b"print('hi')\n"), ("NOTES.md", b"n\n")],
    );
    assert_eq!(total_commits(&audit(repo.path(), cache.path(), &[])), 3);
    assert_eq!(entries(cache.path()).len(), 2);
}

#[test]
fn a_corrupt_entry_is_ignored_and_rewritten() {
    let repo = project();
    let cache = tempfile::tempdir().expect("temp dir");
    let clean = audit(repo.path(), cache.path(), &[]);
    let [entry] = entries(cache.path()).try_into().expect("one entry");
    for garbage in [&b"{\"header\":"[..], b"\xff\xfe not json", b"[]"] {
        std::fs::write(&entry, garbage).expect("write");
        let again = audit(repo.path(), cache.path(), &[]);
        assert_eq!(stdout(&clean), stdout(&again));
        let text = std::fs::read(&entry).expect("entry");
        assert!(serde_json::from_slice::<serde_json::Value>(&text).is_ok());
    }
}
