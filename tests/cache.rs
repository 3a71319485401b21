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

fn all_entries(cache: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(cache)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default()
}

/// The entries of one kind (`history`, `facts`).
fn entries_of(cache: &Path, kind: &str) -> Vec<PathBuf> {
    let prefix = format!("{kind}-");
    all_entries(cache)
        .into_iter()
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(&prefix))
        })
        .collect()
}

fn entries(cache: &Path) -> Vec<PathBuf> {
    entries_of(cache, "history")
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
                b"token: 'ghp_q8Zr2LmX7vK1pT9sW4nB6cY3dE5fH0jR2tUw'\n",
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
    assert_eq!(
        entries_of(cache.path(), "facts").len(),
        1,
        "one facts entry"
    );
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
    // A sound entry is used as it is: plant a figure no walk would give.
    for entry in all_entries(cache.path()) {
        let text = std::fs::read_to_string(&entry).expect("entry");
        std::fs::write(
            &entry,
            text.replace("\"total_commits\":2", "\"total_commits\":99"),
        )
        .expect("write");
    }
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
    let all = all_entries(cache.path());
    for garbage in [&b"{\"header\":"[..], b"\xff\xfe not json", b"[]"] {
        for entry in &all {
            std::fs::write(entry, garbage).expect("write");
        }
        let again = audit(repo.path(), cache.path(), &[]);
        assert_eq!(stdout(&clean), stdout(&again));
        for entry in &all {
            let text = std::fs::read(entry).expect("entry");
            assert!(serde_json::from_slice::<serde_json::Value>(&text).is_ok());
        }
    }
}

/// Every fixture: the report from a filled cache is the report of a run
/// without one, byte for byte (facts the reports leave out, such as file
/// texts and parse details, must survive the entry too).
#[test]
fn warm_reports_equal_cold_ones_on_every_fixture() {
    let cache = tempfile::tempdir().expect("temp dir");
    let dir = portfolio();
    let cold = audit(dir, cache.path(), &["--no-cache"]);
    let filling = audit(dir, cache.path(), &[]);
    assert_eq!(
        entries_of(cache.path(), "facts").len(),
        fixture_names().len(),
        "one facts entry per fixture"
    );
    let warm = audit(dir, cache.path(), &[]);
    assert_eq!(stdout(&cold), stdout(&filling));
    assert_eq!(stdout(&cold), stdout(&warm));
}

/// A warm re-audit reads no object: with every object deleted (refs and
/// HEAD kept), the report is the same. Refs are still counted afresh.
#[test]
fn a_warm_audit_reads_no_objects() {
    let repo = project();
    let cache = tempfile::tempdir().expect("temp dir");
    let cold = audit(repo.path(), cache.path(), &[]);
    let objects = repo.path().join(".git/objects");
    std::fs::remove_dir_all(&objects).expect("remove objects");
    std::fs::create_dir_all(objects.join("pack")).expect("objects dir");
    std::fs::create_dir_all(objects.join("info")).expect("objects dir");
    let warm = audit(repo.path(), cache.path(), &[]);
    assert_eq!(stdout(&cold), stdout(&warm));
    // Without the cache the same repository is plainly broken.
    let broken = audit(repo.path(), cache.path(), &["--no-cache"]);
    assert_ne!(stdout(&cold), stdout(&broken));
}

/// What decides which facts are gathered is part of the key: another rule
/// pack's section vocabulary or content globs is another entry.
#[test]
fn the_rule_pack_inputs_are_part_of_the_key() {
    let repo = project();
    let cache = tempfile::tempdir().expect("temp dir");
    audit(repo.path(), cache.path(), &[]);
    audit(repo.path(), cache.path(), &["--profile", "library"]);
    audit(repo.path(), cache.path(), &["--max-commits", "1"]);
    assert_eq!(entries_of(cache.path(), "facts").len(), 3);
}
