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
    outcome(report, id)["status"]
        .as_str()
        .unwrap_or("")
        .to_owned()
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

/// A virtualenv, bytecode and a `.env` committed, then deleted, are still
/// in the history a reviewer can browse.
#[test]
fn junk_committed_and_deleted_later_stays_in_the_history_facts() {
    let mut repo = TestRepo::new();
    repo.commit(
        "Add app",
        &[
            ("app.py", b"print('hi')\n"),
            ("venv/pyvenv.cfg", b"home = /usr/bin\n"),
            ("venv/lib/python3.12/site-packages/six.py", b"x = 1\n"),
            ("__pycache__/app.cpython-312.pyc", b"\x00\x01"),
            (".env", b"DATABASE_URL=postgres://u:p@db/app\n"),
            (".env.example", b"DATABASE_URL=\n"),
        ],
    );
    repo.commit(
        "Remove committed junk",
        &[
            ("app.py", b"print('hi')\n"),
            (".env.example", b"DATABASE_URL=\n"),
        ],
    );
    let report = audit(repo.path(), &[]);
    let junk = report["repos"][0]["facts"]["history"]["junk"]
        .as_array()
        .expect("history junk")
        .iter()
        .map(|j| {
            (
                j["category"].as_str().unwrap_or("").to_owned(),
                j["path"].as_str().unwrap_or("").to_owned(),
                j["still_present"].as_bool(),
            )
        })
        .collect::<Vec<_>>();
    let expect = |c: &str, p: &str| (c.to_owned(), p.to_owned(), Some(false));
    assert_eq!(
        junk,
        [
            expect("env-file", ".env"),
            expect("bytecode", "__pycache__/"),
            expect("virtualenv", "venv/"),
        ]
    );
    // HEAD itself is clean.
    assert_eq!(status(&report, "HYGIENE-NO-VENV"), "pass");
}

/// A pytest plugin is used by writing tests and running pytest: its
/// README's `pytest -v` is its usage, as it is not in other projects.
#[test]
fn a_pytest_plugin_is_used_by_running_pytest() {
    let readme = b"# checkhost\n\nChecks servers from your tests.\n\n## Quick start\n\n```\npip install pytest-checkhost\n```\n\nWrite `test_host.py`, then:\n\n```\npytest -v test_host.py\n```\n";
    let plugin = b"[project]\nname = \"pytest-checkhost\"\ndependencies = [\"pytest\"]\n\n[project.entry-points.pytest11]\ncheckhost = \"checkhost.plugin\"\n";
    let app = b"[project]\nname = \"checkhost\"\ndependencies = [\"pytest\"]\n";
    let mut verdicts = Vec::new();
    for pyproject in [&plugin[..], &app[..]] {
        let mut repo = TestRepo::new();
        repo.commit(
            "Add the plugin",
            &[
                ("README.md", readme),
                ("pyproject.toml", pyproject),
                ("checkhost/__init__.py", b""),
                (
                    "checkhost/plugin.py",
                    b"def pytest_addoption(parser):\n    pass\n",
                ),
            ],
        );
        verdicts.push(status(&audit(repo.path(), &[]), "README-USAGE"));
    }
    assert_eq!(verdicts, ["pass", "fail"]);
}
