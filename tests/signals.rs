//! Signals that must hold on real repositories (issue 11): cases built in
//! temporary repositories, each a shape real projects have that the audit
//! once misjudged.

mod common;

use common::*;
use std::fs;
use std::path::Path;

fn audit(dir: &Path, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["audit", ".", "--format", "json"];
    args.extend_from_slice(extra);
    let out = run_in(dir, &args);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("json")
}

fn status(report: &serde_json::Value, id: &str) -> String {
    outcome(report, id)["status"].as_str().unwrap_or("").to_owned()
}

/// A `.env` committed and later listed in `.gitignore` is still tracked,
/// so still pushed: `--worktree` must keep judging it.
#[test]
fn worktree_keeps_a_tracked_env_file_a_later_gitignore_lists() {
    let mut repo = TestRepo::new();
    let files: &[(&str, &[u8])] = &[
        ("app.py", b"import os\nTOKEN = os.environ['TOKEN']\n"),
        (".env-docker", b"TOKEN=b7f3c2d9e1a84f6c\n"),
    ];
    repo.commit("Add app", files);
    let mut index = repo.repo.index().expect("index");
    for (path, bytes) in files {
        fs::write(repo.path().join(path), bytes).expect("write");
        index.add_path(Path::new(path)).expect("add");
    }
    index.write().expect("write index");
    fs::write(repo.path().join(".gitignore"), ".env-docker\n").expect("write");
    let report = audit(repo.path(), &["--worktree"]);
    assert_eq!(status(&report, "HYGIENE-NO-ENV-FILE"), "fail");
    let head = audit(repo.path(), &[]);
    assert_eq!(status(&head, "HYGIENE-NO-ENV-FILE"), "fail");
}
