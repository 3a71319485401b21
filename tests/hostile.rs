//! Damaged, awkward and hostile repositories: each is audited as far as it
//! can be, the damage is named, and nothing is written or executed.

mod common;

use common::*;
use std::fs;
use std::path::Path;

fn audit_json(dir: &Path, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["audit", ".", "--format", "json"];
    args.extend_from_slice(extra);
    let out = run_in(dir, &args);
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        stderr(&out)
    );
    json(&out)
}

#[test]
fn a_corrupt_object_is_an_error_on_that_file() {
    let mut repo = TestRepo::new();
    repo.commit(
        "Add files",
        &[
            ("README.md", b"# Project\n\nA sentence about it.\n"),
            ("app/core.py", b"x = 1\n"),
        ],
    );
    let oid = repo
        .repo
        .revparse_single("HEAD:app/core.py")
        .expect("blob")
        .id()
        .to_string();
    let object = repo
        .path()
        .join(".git/objects")
        .join(&oid[..2])
        .join(&oid[2..]);
    let mut perms = fs::metadata(&object).expect("meta").permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    fs::set_permissions(&object, perms).expect("chmod");
    fs::write(&object, b"this is not zlib data").expect("corrupt");
    let report = audit_json(repo.path(), &[]);
    let errors = report["repos"][0]["errors"].as_array().expect("errors");
    assert!(
        errors.iter().any(|e| e["path"] == "app/core.py"),
        "{errors:?}"
    );
    assert_eq!(report["repos"][0]["facts"]["readme"]["path"], "README.md");
}

#[test]
fn an_unborn_branch_is_reported_not_a_crash() {
    let mut repo = TestRepo::new();
    repo.commit("Add app", &[("app.py", b"x = 1\n")]);
    repo.repo.set_head("refs/heads/ghost").expect("set head");
    let report = audit_json(repo.path(), &[]);
    assert_eq!(report["repos"][0]["git"]["empty"], true);
    assert!(
        report["repos"][0]["warnings"][0]
            .as_str()
            .expect("w")
            .contains("no commits")
    );
}

#[test]
fn a_detached_head_is_audited() {
    let mut repo = TestRepo::new();
    let first = repo.commit("Add app", &[("app.py", b"x = 1\n")]);
    repo.commit(
        "Add license",
        &[("app.py", b"x = 1\n"), ("LICENSE", b"MIT")],
    );
    repo.repo.set_head_detached(first).expect("detach");
    let report = audit_json(repo.path(), &[]);
    assert_eq!(report["repos"][0]["git"]["head_commit"], first.to_string());
    assert!(report["repos"][0]["git"]["branch"].is_null());
    assert_eq!(
        outcome(&report, "DOCS-LICENSE")["status"],
        "fail",
        "HEAD, not the branch tip"
    );
}

#[test]
fn submodules_and_nested_repositories_are_listed_never_followed() {
    let mut repo = TestRepo::new();
    let inner = TestRepo::new();
    let fake_commit = git2::Oid::from_str("0123456789abcdef0123456789abcdef01234567").expect("oid");
    let blob = repo.repo.blob(b"[submodule \"vendor/lib\"]\n\tpath = vendor/lib\n\turl = https://example.com/lib.git\n").expect("blob");
    let tree = {
        let mut vendor = repo.repo.treebuilder(None).expect("tb");
        vendor
            .insert("lib", fake_commit, 0o160000)
            .expect("gitlink");
        let vendor_id = vendor.write().expect("tree");
        let mut root = repo.repo.treebuilder(None).expect("tb");
        root.insert(".gitmodules", blob, 0o100644).expect("insert");
        root.insert("vendor", vendor_id, 0o040000).expect("insert");
        root.write().expect("tree")
    };
    repo.commit_tree("Add a submodule", tree);
    let report = audit_json(repo.path(), &[]);
    assert_eq!(
        report["repos"][0]["facts"]["submodules"],
        serde_json::json!(["vendor/lib"])
    );
    assert_eq!(report["repos"][0]["errors"].as_array().expect("e").len(), 0);

    // On disk: a repository inside the working tree is not walked.
    fs::create_dir_all(repo.path().join("nested")).expect("mkdir");
    fs::rename(inner.path().join(".git"), repo.path().join("nested/.git")).expect("move");
    fs::write(repo.path().join("nested/secret_notes.py"), "x = 1\n").expect("write");
    let report = audit_json(repo.path(), &["--worktree"]);
    let subs = report["repos"][0]["facts"]["submodules"]
        .as_array()
        .expect("subs");
    assert!(subs.iter().any(|s| s == "nested"), "{subs:?}");
    assert_eq!(report["repos"][0]["facts"]["python"]["source_files"], 0);
}

#[test]
fn lfs_pointers_are_recognised_not_read_as_code() {
    let mut repo = TestRepo::new();
    let pointer = b"version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n";
    repo.commit(
        "Track the model with LFS",
        &[("models/model.py", pointer), ("app.py", b"import os\n")],
    );
    let report = audit_json(repo.path(), &[]);
    let facts = &report["repos"][0]["facts"];
    assert_eq!(
        facts["lfs_pointers"],
        serde_json::json!(["models/model.py"])
    );
    assert_eq!(facts["python"]["source_files"], 1);
    assert_eq!(
        facts["python"]["syntax_errors"]
            .as_array()
            .expect("s")
            .len(),
        0
    );
}

#[test]
fn non_utf8_contents_and_a_binary_readme() {
    let mut repo = TestRepo::new();
    repo.commit(
        "Add odd files",
        &[
            ("README.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00binary"),
            ("app/legacy.py", b"name = '\xe9t\xe9'\nprint(name)\n"),
        ],
    );
    let report = audit_json(repo.path(), &[]);
    let errors = report["repos"][0]["errors"].as_array().expect("errors");
    assert!(
        errors
            .iter()
            .any(|e| e["path"] == "README.md"
                && e["message"].as_str().unwrap_or("").contains("binary")),
        "{errors:?}"
    );
    assert_eq!(report["repos"][0]["facts"]["python"]["source_files"], 1);
}

#[test]
fn a_hundred_thousand_files_and_deep_directories() {
    let mut repo = TestRepo::new();
    let blob = repo.repo.blob(b"x = 1\n").expect("blob");
    let tree = {
        let mut root = repo.repo.treebuilder(None).expect("tb");
        for d in 0..100 {
            let mut dir = repo.repo.treebuilder(None).expect("tb");
            for f in 0..1000 {
                dir.insert(format!("f{f}.txt"), blob, 0o100644)
                    .expect("insert");
            }
            root.insert(format!("d{d}"), dir.write().expect("tree"), 0o040000)
                .expect("insert");
        }
        // 200 levels deep, one file at the bottom.
        let mut deep = {
            let mut leaf = repo.repo.treebuilder(None).expect("tb");
            leaf.insert("bottom.py", blob, 0o100644).expect("insert");
            leaf.write().expect("tree")
        };
        for level in (0..200).rev() {
            let mut t = repo.repo.treebuilder(None).expect("tb");
            t.insert(format!("l{level}"), deep, 0o040000)
                .expect("insert");
            deep = t.write().expect("tree");
        }
        root.insert("deep", deep, 0o040000).expect("insert");
        root.write().expect("tree")
    };
    repo.commit_tree("Add a lot", tree);
    let report = audit_json(repo.path(), &[]);
    assert_eq!(report["repos"][0]["facts"]["file_count"], 100_001);
    assert_eq!(report["repos"][0]["facts"]["python"]["source_files"], 1);
}

#[test]
fn malformed_requirements_and_notebooks_are_survived() {
    let mut repo = TestRepo::new();
    repo.commit(
        "Add broken files",
        &[
            (
                "requirements.txt",
                b"flask==\n==1.0\n-r\n\xff\xfegarbage\n[[[\n",
            ),
            (
                "eda.ipynb",
                b"{\"cells\": [ {\"cell_type\": \"code\", \"source\": ",
            ),
            ("app.py", b"import flask\n"),
        ],
    );
    let report = audit_json(repo.path(), &[]);
    let errors = report["repos"][0]["errors"].as_array().expect("errors");
    assert!(
        errors.iter().any(|e| e["path"] == "eda.ipynb"),
        "{errors:?}"
    );
    assert_eq!(outcome(&report, "DEPS-DECLARED")["status"], "pass");
}

#[test]
fn a_list_file_of_ten_thousand_entries_some_bad() {
    let root = tempfile::tempdir().expect("tmp");
    let mut good = Vec::new();
    for i in 0..3 {
        let dir = root.path().join(format!("good{i}"));
        fs::create_dir_all(&dir).expect("mkdir");
        fs::write(dir.join("requirements.txt"), "flask==3.0.0\n").expect("write");
        fs::write(dir.join("app.py"), "import flask\n").expect("write");
        good.push(dir);
    }
    let mut list = String::new();
    for i in 0..10_000 {
        match i % 3333 {
            0 => list.push_str(&format!("{}\n", good[i / 3333 % 3].display())),
            1 => list.push_str("# a comment\n\n"),
            _ => list.push_str(&format!("/no/such/repo/{i}\n")),
        }
    }
    fs::write(root.path().join("list.txt"), list).expect("write");
    let out = run_in(
        root.path(),
        &["audit", "--from-file", "list.txt", "--format", "json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let report = json(&out);
    let repos = report["repos"].as_array().expect("repos");
    assert!(repos.len() > 9_000);
    assert_eq!(repos.iter().filter(|r| r["score"].is_number()).count(), 4);
    let bad = repos
        .iter()
        .find(|r| r["name"] == "/no/such/repo/2")
        .expect("bad entry");
    assert!(
        bad["errors"][0]["message"]
            .as_str()
            .expect("m")
            .contains("cannot audit")
    );
}

#[test]
fn an_output_file_is_replaced_whole() {
    let mut repo = TestRepo::new();
    repo.commit("Add app", &[("app.py", b"x = 1\n")]);
    let target = repo.path().join("report.json");
    fs::write(&target, "old report").expect("write");
    let out = run_in(
        repo.path(),
        &["audit", ".", "--format", "json", "--output", "report.json"],
    );
    assert!(out.status.success());
    assert!(stdout(&out).is_empty());
    let text = fs::read_to_string(&target).expect("report");
    assert!(serde_json::from_str::<serde_json::Value>(&text).is_ok());
    // A failing run leaves the old file alone.
    fs::write(&target, "old report").expect("write");
    let bad = run_in(
        repo.path(),
        &["audit", "missing-dir", "--output", "report.json"],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(fs::read_to_string(&target).expect("read"), "old report");
    let leftovers: Vec<_> = fs::read_dir(repo.path())
        .expect("ls")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

/// Every file under `dir` (the .git folder included) with its bytes.
fn snapshot(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut all = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).expect("read").flatten() {
            let p = e.path();
            if e.file_type().expect("type").is_dir() {
                stack.push(p);
            } else {
                all.push((p.clone(), fs::read(&p).unwrap_or_default()));
            }
        }
    }
    all.sort();
    all
}

#[test]
fn hostile_git_config_never_runs_and_nothing_is_written() {
    let mut repo = TestRepo::new();
    repo.commit(
        "Add files",
        &[
            (".gitattributes", b"* filter=evil\n"),
            ("app.py", b"x = 1\n"),
            ("README.md", b"# A\n"),
        ],
    );
    let marker_dir = tempfile::tempdir().expect("tmp");
    let marker = |name: &str| marker_dir.path().join(name);
    let hooks = repo.path().join(".git/evil-hooks");
    fs::create_dir_all(&hooks).expect("mkdir");
    for hook in [
        "post-checkout",
        "pre-commit",
        "post-index-change",
        "fsmonitor-watchman",
    ] {
        let script = hooks.join(hook);
        fs::write(
            &script,
            format!("#!/bin/sh\ntouch {}\n", marker(hook).display()),
        )
        .expect("write");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).expect("chmod");
        }
    }
    let mut config = repo.repo.config().expect("config");
    config
        .set_str(
            "core.fsmonitor",
            &format!("touch {}", marker("fsmonitor").display()),
        )
        .expect("set");
    config
        .set_str("core.hooksPath", hooks.to_str().expect("utf8"))
        .expect("set");
    config
        .set_str(
            "filter.evil.smudge",
            &format!("touch {}", marker("smudge").display()),
        )
        .expect("set");
    config
        .set_str(
            "filter.evil.clean",
            &format!("touch {}", marker("clean").display()),
        )
        .expect("set");
    config
        .set_str(
            "filter.evil.process",
            &format!("touch {}", marker("process").display()),
        )
        .expect("set");
    drop(config);

    let before = snapshot(repo.path());
    audit_json(repo.path(), &[]);
    audit_json(repo.path(), &["--worktree"]);
    let after = snapshot(repo.path());
    assert!(before == after, "the audit changed files in the repository");
    let markers: Vec<_> = fs::read_dir(marker_dir.path())
        .expect("ls")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(markers.is_empty(), "something ran: {markers:?}");
}

#[test]
fn yaml_alias_bombs_are_read_without_expanding() {
    let mut bomb = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
    for w in names.windows(2) {
        let (prev, name) = (w[0], w[1]);
        bomb.push_str(&format!("{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
    }
    bomb.push_str("jobs:\n  test:\n    steps:\n      - run: pytest\n");
    let mut repo = TestRepo::new();
    repo.commit(
        "Add workflow",
        &[
            (".github/workflows/bomb.yml", bomb.as_bytes()),
            ("app.py", b"x = 1\n"),
            (
                "tests/test_app.py",
                b"from app import x\n\ndef test_x():\n    assert x == 1\n",
            ),
        ],
    );
    let report = audit_json(repo.path(), &[]);
    assert_eq!(outcome(&report, "CI-TESTS")["status"], "pass");
}

#[test]
fn ctrl_c_stops_cleanly_and_leaves_no_report() {
    let root = tempfile::tempdir().expect("tmp");
    for i in 0..150 {
        let dir = root.path().join(format!("p{i:03}"));
        fs::create_dir_all(dir.join("pkg")).expect("mkdir");
        fs::write(dir.join("requirements.txt"), "flask==3.0.0\n").expect("write");
        for m in 0..20 {
            fs::write(
                dir.join(format!("pkg/m{m}.py")),
                "def f(x: int) -> int:\n    return x\n".repeat(50),
            )
            .expect("write");
        }
    }
    let child = std::process::Command::new(BIN)
        .env("PORTFOLIO_AUDIT_CACHE_DIR", cache_dir())
        .args([
            "audit",
            ".",
            "--format",
            "json",
            "--output",
            "report.json",
            "-j",
            "1",
        ])
        .current_dir(root.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    // Deterministic: signal once the binary has installed its Ctrl-C
    // handler (it does so as the audit starts), seen in /proc; 150
    // repositories on one thread take far longer than one poll.
    let pid = child.id();
    let status = format!("/proc/{pid}/status");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !catches_sigint(&fs::read_to_string(&status).unwrap_or_default()) {
        assert!(
            std::time::Instant::now() < deadline,
            "the binary never installed its Ctrl-C handler"
        );
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    let pid = libc::pid_t::try_from(pid).expect("pid");
    // SAFETY: sends a signal to our own child, which has not been reaped.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0, "kill failed");
    let out = child.wait_with_output().expect("wait");
    assert_eq!(
        out.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("interrupted"));
    assert!(!root.path().join("report.json").exists());
    let leftovers: Vec<_> = fs::read_dir(root.path())
        .expect("ls")
        .flatten()
        .filter(|e| e.path().is_file())
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Whether a `/proc/PID/status` shows SIGINT (signal 2) as caught.
fn catches_sigint(status: &str) -> bool {
    status
        .lines()
        .find_map(|l| l.strip_prefix("SigCgt:"))
        .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
        .is_some_and(|mask| mask & (1 << (libc::SIGINT - 1)) != 0)
}

#[test]
fn files_over_the_size_caps_are_skipped_with_a_note() {
    let mut repo = TestRepo::new();
    let big_py = "x = 1\n".repeat(200_000);
    let big_readme = format!("# Big\n\n{}", "word ".repeat(500_000));
    repo.commit(
        "Add big files",
        &[
            ("generated/big.py", big_py.as_bytes()),
            ("README.md", big_readme.as_bytes()),
            ("app.py", b"import os\n"),
        ],
    );
    let report = audit_json(repo.path(), &[]);
    let errors = report["repos"][0]["errors"].as_array().expect("errors");
    let note = |path: &str| {
        errors
            .iter()
            .find(|e| e["path"] == path)
            .map(|e| e["message"].as_str().unwrap_or("").to_owned())
    };
    assert!(
        note("generated/big.py").is_some_and(|m| m.contains("cap") && m.contains("skipped")),
        "{errors:?}"
    );
    assert!(
        note("README.md").is_some_and(|m| m.contains("read cap")),
        "{errors:?}"
    );
    assert_eq!(report["repos"][0]["facts"]["python"]["source_files"], 1);
}
