//! The command line as users meet it: discovery, sources, configuration,
//! exit codes and bad input.

mod common;

use common::*;
use std::fs;

#[test]
fn missing_path_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = run_in(dir.path(), &["audit", "no-such-dir"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no-such-dir"), "{}", stderr(&out));
}

#[test]
fn a_file_where_a_folder_was_expected_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("tmp");
    fs::write(dir.path().join("notes.txt"), "x").expect("write");
    let out = run_in(dir.path(), &["audit", "notes.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("notes.txt: is a file"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn fail_under_sets_exit_code_1() {
    let mut repo = TestRepo::new();
    repo.commit("Add script", &[("main.py", b"print('hi')\n")]);
    let ok = run_in(repo.path(), &["audit", ".", "--fail-under", "1"]);
    assert_eq!(ok.status.code(), Some(0), "{}", stdout(&ok));
    let low = run_in(repo.path(), &["audit", ".", "--fail-under", "90"]);
    assert_eq!(low.status.code(), Some(1));
}

#[test]
fn head_is_audited_not_uncommitted_files_unless_worktree() {
    let mut repo = TestRepo::new();
    repo.commit("Add app", &[("app.py", b"x = 1\n")]);
    fs::write(repo.path().join("LICENSE"), "MIT").expect("write");
    let head = json(&run_in(repo.path(), &["audit", ".", "--format", "json"]));
    assert_eq!(outcome(&head, "DOCS-LICENSE")["status"], "fail");
    assert_eq!(head["repos"][0]["source"], "git-head");
    let work = json(&run_in(
        repo.path(),
        &["audit", ".", "--worktree", "--format", "json"],
    ));
    assert_eq!(outcome(&work, "DOCS-LICENSE")["status"], "pass");
    assert_eq!(work["repos"][0]["source"], "worktree");
}

#[test]
fn worktree_honours_gitignore_and_skips_virtualenvs_without_walking_them() {
    let mut repo = TestRepo::new();
    repo.commit("Add app", &[("app.py", b"x = 1\n")]);
    fs::create_dir_all(repo.path().join("venv/lib/python3.12/site-packages/pkg")).expect("mkdir");
    fs::write(repo.path().join("venv/pyvenv.cfg"), "home = /usr\n").expect("write");
    fs::write(
        repo.path()
            .join("venv/lib/python3.12/site-packages/pkg/x.py"),
        "",
    )
    .expect("write");
    let out = json(&run_in(
        repo.path(),
        &["audit", ".", "--worktree", "--format", "json"],
    ));
    assert_eq!(outcome(&out, "HYGIENE-NO-VENV")["status"], "fail");
    assert_eq!(
        outcome(&out, "HYGIENE-NO-VENV")["evidence"][0]["path"],
        "venv/"
    );
    fs::write(repo.path().join(".gitignore"), "venv/\n").expect("write");
    let out = json(&run_in(
        repo.path(),
        &["audit", ".", "--worktree", "--format", "json"],
    ));
    assert_eq!(outcome(&out, "HYGIENE-NO-VENV")["status"], "pass");
}

#[test]
fn bare_mirrors_are_audited_from_the_object_database() {
    let mut repo = TestRepo::new();
    repo.commit(
        "Add readme",
        &[("README.md", b"# Tool\n"), ("LICENSE", b"MIT")],
    );
    let bare = tempfile::tempdir().expect("tmp");
    git2::build::RepoBuilder::new()
        .bare(true)
        .clone(
            repo.path().to_str().expect("utf8"),
            &bare.path().join("mirror.git"),
        )
        .expect("bare clone");
    let out = json(&run_in(
        bare.path(),
        &["audit", "mirror.git", "--format", "json"],
    ));
    assert_eq!(out["repos"][0]["git"]["bare"], true);
    assert_eq!(outcome(&out, "DOCS-LICENSE")["status"], "pass");
}

#[test]
fn a_folder_of_projects_is_discovered_and_not_descended_into() {
    let root = tempfile::tempdir().expect("tmp");
    for name in ["b-api", "a-tool"] {
        let p = root.path().join("projects").join(name);
        fs::create_dir_all(p.join("nested")).expect("mkdir");
        fs::write(p.join("pyproject.toml"), "[project]\nname='x'\n").expect("write");
        // A project marker deeper inside must not become its own target.
        fs::write(p.join("nested/setup.py"), "").expect("write");
    }
    let out = json(&run_in(
        root.path(),
        &["audit", "projects", "--format", "json"],
    ));
    let names: Vec<&str> = out["repos"]
        .as_array()
        .expect("repos")
        .iter()
        .map(|r| r["name"].as_str().expect("name"))
        .collect();
    assert_eq!(names, ["projects/a-tool", "projects/b-api"]);
    assert_eq!(out["repos"][0]["source"], "folder");
}

#[test]
fn repo_config_ignores_with_reasons_reweights_and_warns_on_unknown_ids() {
    let mut repo = TestRepo::new();
    let cfg = br#"
ignore = [{ id = "DOCS-CONTRIBUTING", reason = "solo project" }, "NOT-A-RULE"]
[rules.DOCS-LICENSE]
severity = "info"
weight = 0.5
"#;
    repo.commit(
        "Add config",
        &[(".portfolio-audit.toml", cfg), ("main.py", b"x = 1\n")],
    );
    let out = json(&run_in(repo.path(), &["audit", ".", "--format", "json"]));
    let r = &out["repos"][0];
    assert_eq!(r["ignored"][0]["id"], "DOCS-CONTRIBUTING");
    assert_eq!(r["ignored"][0]["reason"], "solo project");
    assert!(
        r["warnings"][0]
            .as_str()
            .expect("warning")
            .contains("NOT-A-RULE")
    );
    assert_eq!(outcome(&out, "DOCS-LICENSE")["severity"], "info");
    assert_eq!(outcome(&out, "DOCS-LICENSE")["weight"], 0.5);
    let text = stdout(&run_in(repo.path(), &["audit", ".", "--color", "never"]));
    assert!(text.contains("DOCS-CONTRIBUTING (solo project)"), "{text}");
}

#[test]
fn pyproject_tool_section_configures_too() {
    let mut repo = TestRepo::new();
    let py = b"[project]\nname = \"x\"\n\n[tool.portfolio-audit]\nselect = [\"docs\"]\n";
    repo.commit("Add pyproject", &[("pyproject.toml", py)]);
    let out = json(&run_in(repo.path(), &["audit", ".", "--format", "json"]));
    // Error-severity rules stay whatever the repository selects.
    let families: Vec<&str> = out["repos"][0]["outcomes"]
        .as_array()
        .expect("o")
        .iter()
        .filter(|o| o["severity"] != "error")
        .map(|o| o["family"].as_str().expect("f"))
        .collect();
    assert!(
        !families.is_empty() && families.iter().all(|f| *f == "docs"),
        "{families:?}"
    );
}

#[test]
fn a_malformed_repo_config_is_an_error_entry_and_the_audit_goes_on() {
    let mut repo = TestRepo::new();
    repo.commit(
        "Add config",
        &[
            (".portfolio-audit.toml", b"ignore = [\n"),
            ("README.md", b"# x\n"),
            ("app.py", b"print('hi')\n"),
        ],
    );
    let out = run_in(repo.path(), &["audit", ".", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let report = json(&out);
    let err = &report["repos"][0]["errors"][0];
    assert!(
        err["path"]
            .as_str()
            .expect("path")
            .starts_with(".portfolio-audit.toml:"),
        "{err}"
    );
    assert!(report["repos"][0]["score"].is_number());
}

#[test]
fn unreadable_repo_is_an_error_entry_and_others_are_still_audited() {
    let root = tempfile::tempdir().expect("tmp");
    let broken = root.path().join("broken");
    fs::create_dir_all(broken.join(".git")).expect("mkdir");
    fs::write(broken.join(".git/HEAD"), "garbage").expect("write");
    let good = root.path().join("good");
    fs::create_dir_all(&good).expect("mkdir");
    fs::write(good.join("requirements.txt"), "flask==3.0.0\n").expect("write");
    fs::write(good.join("app.py"), "import flask\n").expect("write");
    let out = run_in(root.path(), &["audit", ".", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let report = json(&out);
    assert_eq!(report["repos"][0]["name"], "./broken");
    assert!(
        report["repos"][0]["errors"][0]["message"]
            .as_str()
            .expect("msg")
            .contains("git")
    );
    assert!(report["repos"][0].get("score").is_none());
    assert!(report["repos"][1]["score"].is_number());
}

#[test]
fn a_missing_blob_is_an_error_on_that_file_only() {
    let mut repo = TestRepo::new();
    repo.commit(
        "Add files",
        &[
            ("README.md", b"# Kept\n\nSome words here.\n"),
            ("data/big.csv", b"a,b\n1,2\n"),
        ],
    );
    let oid = repo
        .repo
        .revparse_single("HEAD:data/big.csv")
        .expect("blob")
        .id()
        .to_string();
    fs::remove_file(
        repo.path()
            .join(".git/objects")
            .join(&oid[..2])
            .join(&oid[2..]),
    )
    .expect("remove loose object");
    let out = json(&run_in(repo.path(), &["audit", ".", "--format", "json"]));
    let errors = out["repos"][0]["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["path"], "data/big.csv");
    assert!(errors[0]["message"].as_str().expect("msg").contains(&oid));
    assert_eq!(out["repos"][0]["facts"]["readme"]["path"], "README.md");
}

#[test]
fn malformed_manifests_and_workflows_are_errors_naming_the_file() {
    let mut repo = TestRepo::new();
    repo.commit(
        "Add broken files",
        &[
            ("pyproject.toml", b"[project\nname = 'x'\n"),
            (".github/workflows/ci.yml", b"jobs:\n  test: [\n"),
            ("requirements.txt", b"flask==3.0.0\n"),
            ("app.py", b"import flask\n"),
        ],
    );
    let out = run_in(repo.path(), &["audit", ".", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let report = json(&out);
    let paths: Vec<String> = report["repos"][0]["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["path"].as_str().unwrap_or("").to_owned())
        .collect();
    assert!(
        paths.iter().any(|p| p.starts_with("pyproject.toml:")),
        "{paths:?}"
    );
    assert!(
        paths
            .iter()
            .any(|p| p.starts_with(".github/workflows/ci.yml:")),
        "{paths:?}"
    );
    assert_eq!(outcome(&report, "DEPS-DECLARED")["status"], "pass");
}

#[test]
fn non_utf8_file_names_are_reported_and_skipped() {
    let mut repo = TestRepo::new();
    let blob = repo.repo.blob(b"x").expect("blob");
    let tree = {
        let mut tb = repo.repo.treebuilder(None).expect("tb");
        tb.insert(b"caf\xe9.py".as_slice(), blob, 0o100644)
            .expect("insert");
        tb.insert("ok.py", blob, 0o100644).expect("insert");
        tb.write().expect("tree")
    };
    repo.commit_tree("Add files", tree);
    let report = json(&run_in(repo.path(), &["audit", ".", "--format", "json"]));
    let errors = report["repos"][0]["errors"].as_array().expect("errors");
    assert!(
        errors.iter().any(|e| e["message"]
            .as_str()
            .unwrap_or("")
            .contains("not valid UTF-8")),
        "{errors:?}"
    );
    assert_eq!(report["repos"][0]["facts"]["file_count"], 1);
}

#[test]
fn symlinks_out_of_the_repo_are_never_followed() {
    let outside = tempfile::tempdir().expect("tmp");
    fs::write(
        outside.path().join("secret.md"),
        "# Installation\n\nLEAKED\n",
    )
    .expect("write");
    let mut repo = TestRepo::new();
    let blob = repo
        .repo
        .blob(
            outside
                .path()
                .join("secret.md")
                .to_str()
                .expect("utf8")
                .as_bytes(),
        )
        .expect("blob");
    let tree = {
        let mut tb = repo.repo.treebuilder(None).expect("tb");
        tb.insert("README.md", blob, 0o120000).expect("insert");
        tb.write().expect("tree")
    };
    repo.commit_tree("Link readme", tree);
    let head = json(&run_in(repo.path(), &["audit", ".", "--format", "json"]));
    assert!(head["repos"][0]["facts"].get("readme").is_none());
    assert!(
        head["repos"][0]["errors"][0]["message"]
            .as_str()
            .expect("m")
            .contains("outside the repository")
    );

    // The same on disk.
    let disk = tempfile::tempdir().expect("tmp");
    std::os::unix::fs::symlink(
        outside.path().join("secret.md"),
        disk.path().join("README.md"),
    )
    .expect("symlink");
    fs::write(disk.path().join("setup.py"), "").expect("write");
    let out = stdout(&run_in(disk.path(), &["audit", ".", "--format", "json"]));
    assert!(!out.contains("LEAKED"));
    assert!(out.contains("outside the repository"), "{out}");
}

#[test]
fn the_audit_never_writes_to_the_repository() {
    let mut repo = TestRepo::new();
    repo.commit(
        "Add app",
        &[
            ("app.py", b"import os\nos.getenv('X')\n"),
            ("README.md", b"# A\n"),
        ],
    );
    let snapshot = |p: &std::path::Path| {
        let mut all = Vec::new();
        let mut stack = vec![p.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in fs::read_dir(&d).expect("read").flatten() {
                let path = e.path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    all.push((
                        path.clone(),
                        fs::read(&path).expect("read"),
                        e.metadata().expect("meta").modified().ok(),
                    ));
                }
            }
        }
        all.sort();
        all
    };
    let before = snapshot(repo.path());
    run_in(repo.path(), &["audit", ".", "--format", "json"]);
    run_in(repo.path(), &["audit", ".", "--worktree"]);
    assert_eq!(before, snapshot(repo.path()));
}

#[test]
fn terminal_output_escapes_control_characters_from_the_repository() {
    let mut repo = TestRepo::new();
    // A committed bytecode file reaches the verbose report as evidence.
    // (CommonMark allows no control characters in a link destination, so
    // README links cannot carry them.)
    repo.commit(
        "Add files",
        &[
            ("evil\x1b[31m.pyc", b"x"),
            ("app.py", b"x = 1\n"),
            ("README.md", b"# \x1b]0;pwned\x07Title\n"),
        ],
    );
    let out = stdout(&run_in(
        repo.path(),
        &["audit", ".", "-v", "--color", "never"],
    ));
    assert!(
        !out.contains('\x1b') && !out.contains('\x07'),
        "raw escape reached the terminal: {out:?}"
    );
    assert!(out.contains("evil\\u{1b}[31m.pyc"), "{out}");
}

/// Runs the binary under a pseudo-terminal (util-linux `script`), so
/// `--color auto` sees a terminal and only NO_COLOR can turn colour off.
fn run_on_a_terminal(cwd: &std::path::Path, no_color: Option<&str>) -> String {
    let mut cmd = std::process::Command::new("script");
    cmd.args(["-qec", &format!("{BIN} audit ."), "/dev/null"])
        .current_dir(cwd)
        .env("PORTFOLIO_AUDIT_CACHE_DIR", cache_dir())
        .env_remove("NO_COLOR");
    if let Some(v) = no_color {
        cmd.env("NO_COLOR", v);
    }
    let out = cmd
        .output()
        .expect("the NO_COLOR test needs `script` (util-linux) for a pseudo-terminal");
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let mut repo = TestRepo::new();
    repo.commit("Add app", &[("app.py", b"x = 1\n")]);
    let always = stdout(&run_in(repo.path(), &["audit", ".", "--color", "always"]));
    assert!(always.contains('\x1b'));
    let never = stdout(&run_in(repo.path(), &["audit", ".", "--color", "never"]));
    assert!(!never.contains('\x1b'));
    assert!(
        run_on_a_terminal(repo.path(), None).contains("\x1b["),
        "auto colours a terminal"
    );
    assert!(
        !run_on_a_terminal(repo.path(), Some("1")).contains("\x1b["),
        "NO_COLOR turns colour off on a terminal"
    );
    assert!(
        run_on_a_terminal(repo.path(), Some("")).contains("\x1b["),
        "an empty NO_COLOR is not set"
    );
}

#[test]
fn empty_repository_is_reported_as_such() {
    let repo = TestRepo::new();
    let out = run_in(repo.path(), &["audit", ".", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let report = json(&out);
    assert_eq!(report["repos"][0]["git"]["empty"], true);
    assert!(
        report["repos"][0]["warnings"][0]
            .as_str()
            .expect("w")
            .contains("no commits")
    );
    assert_eq!(
        report["repos"][0]["errors"]
            .as_array()
            .expect("errors")
            .len(),
        0
    );
}

#[test]
fn extra_rules_from_a_folder_add_and_override_rules() {
    let mut repo = TestRepo::new();
    repo.commit(
        "Add app",
        &[("app.py", b"x = 1\n"), ("NOTES.md", b"notes\n")],
    );
    let rules = tempfile::tempdir().expect("tmp");
    fs::write(
        rules.path().join("team.toml"),
        r#"
[[rule]]
id = "TEAM-NOTES"
family = "docs"
title = "Has design notes"
severity = "info"
weight = 1
check = { kind = "path-exists", any_of = ["NOTES.md"] }
rationale = "Our team keeps design notes beside the code."
fix = "Add NOTES.md."

[[rule]]
id = "DOCS-LICENSE"
family = "docs"
title = "Licence may be anywhere"
severity = "info"
weight = 1
check = { kind = "path-exists", any_of = ["**/NOTES.md"] }
rationale = "Replaced for this test."
fix = "n/a"
"#,
    )
    .expect("write");
    let dir = rules.path().to_str().expect("utf8");
    let report = json(&run_in(
        repo.path(),
        &["audit", ".", "--rules", dir, "--format", "json"],
    ));
    assert_eq!(outcome(&report, "TEAM-NOTES")["status"], "pass");
    assert_eq!(
        outcome(&report, "DOCS-LICENSE")["title"],
        "Licence may be anywhere"
    );
    assert_eq!(outcome(&report, "DOCS-LICENSE")["status"], "pass");
    let listed = stdout(&run_in(repo.path(), &["rules", "--rules", dir]));
    assert!(listed.contains("TEAM-NOTES"), "{listed}");
}

#[test]
fn demo_works_far_from_the_source_folder() {
    // The fixtures are compiled in: an empty folder has no test-repos/.
    let empty = tempfile::tempdir().expect("tmp");
    let out = run_in(empty.path(), &["demo", "--format", "json", "--quiet"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let repos = report["repos"].as_array().expect("repos");
    assert_eq!(repos.len(), fixture_names().len());
    assert!(repos.iter().all(|r| {
        r["name"]
            .as_str()
            .is_some_and(|n| n.starts_with("test-repos/"))
    }));
    assert!(report["portfolio"]["score"].is_number());
    assert_eq!(
        std::fs::read_dir(empty.path()).expect("dir").count(),
        0,
        "demo writes nothing here"
    );
}

#[test]
fn a_failing_gate_says_why_on_stderr() {
    let out = run_in(
        portfolio(),
        &["audit", "mistakes", "--fail-under", "97", "--quiet"],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("mistakes scored") && err.contains("below --fail-under 97"),
        "{err}"
    );
    let out = run_in(portfolio(), &["audit", "mistakes", "--fail-under", "nan"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}
