//! Special files and links an audited repository can hold: symlinks to
//! /dev/zero or outside the repository, FIFOs where git metadata or ignore
//! files belong, and git indirections to other repositories. Each is
//! refused with an error entry naming it; nothing hangs, nothing outside the
//! repository is read. The special files are made here, never committed.
#![cfg(unix)]

mod common;

use common::*;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs an audit with a deadline: a hang is a test failure, not a stuck
/// suite. (The deadline is a guard, not a speed claim.)
fn audit_with_deadline(dir: &Path, extra: &[&str]) -> serde_json::Value {
    let mut child = Command::new(BIN)
        .args(["audit", ".", "--format", "json"])
        .args(extra)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("audit hung on {}", dir.display());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().expect("output");
    assert!(out.status.success(), "{}", stderr(&out));
    json(&out)
}

/// Runs a command to the end, reading its output as it comes (a report
/// bigger than a pipe must not stall it), with a deadline that is a guard
/// against a hang, not a speed claim.
fn output_with_deadline(mut command: Command, what: &str) -> std::process::Output {
    let child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let pid = child.id();
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(child.wait_with_output());
    });
    match receive.recv_timeout(Duration::from_secs(120)) {
        Ok(out) => out.expect("output"),
        Err(_) => {
            let _ = Command::new("kill").arg(pid.to_string()).status();
            panic!("audit hung on {what}");
        }
    }
}

fn errors(report: &serde_json::Value) -> String {
    report["repos"][0]["errors"].to_string()
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success());
}

fn plain_repo() -> TestRepo {
    let mut repo = TestRepo::new();
    repo.commit(
        "Add app",
        &[
            ("README.md", b"# App\n\nIt runs.\n"),
            ("app.py", b"x = 1\n"),
            ("sub/mod.py", b"y = 2\n"),
        ],
    );
    repo
}

#[test]
fn ignore_files_that_are_devices_fifos_or_outside_links_are_refused() {
    let outside = tempfile::tempdir().expect("tmp");
    fs::write(outside.path().join("ignore-all"), "*\n").expect("write");
    for mode in [&["--worktree"][..], &[][..]] {
        let repo = plain_repo();
        let root = repo.path();
        fs::create_dir_all(root.join("sub")).expect("mkdir");
        fs::write(root.join("app.py"), "x = 1\n").expect("write");
        fs::write(root.join("sub/mod.py"), "y = 2\n").expect("write");
        symlink("/dev/zero", root.join(".gitignore")).expect("symlink");
        fs::create_dir_all(root.join(".git/info")).expect("mkdir");
        fs::remove_file(root.join(".git/info/exclude")).ok();
        symlink("/dev/zero", root.join(".git/info/exclude")).expect("symlink");
        symlink(
            outside.path().join("ignore-all"),
            root.join("sub/.gitignore"),
        )
        .expect("symlink");
        mkfifo(&root.join(".ignore"));
        // Plain-folder mode: the same files in a folder without .git.
        let folder = tempfile::tempdir().expect("tmp");
        fs::write(folder.path().join("app.py"), "x = 1\n").expect("write");
        symlink("/dev/zero", folder.path().join(".gitignore")).expect("symlink");
        mkfifo(&folder.path().join(".ignore"));
        let (dir, names): (&Path, &[&str]) = if mode.is_empty() {
            (folder.path(), &[".gitignore", ".ignore"])
        } else {
            (
                root,
                &[
                    ".gitignore",
                    ".ignore",
                    "sub/.gitignore",
                    ".git/info/exclude",
                ],
            )
        };
        let report = audit_with_deadline(dir, mode);
        let errors = errors(&report);
        for name in names {
            assert!(
                errors.contains(&format!("\"{name}\"")),
                "{mode:?} {name}: {errors}"
            );
        }
        // The outside `*` was not applied: sub/mod.py is still counted.
        let want = if mode.is_empty() { 1 } else { 2 };
        assert_eq!(
            report["repos"][0]["facts"]["python"]["source_files"], want,
            "{mode:?}"
        );
    }
}

#[test]
fn fifos_in_git_metadata_are_refused_not_waited_on() {
    for name in ["config", "packed-refs", "info/exclude"] {
        let repo = plain_repo();
        let path = repo.path().join(".git").join(name);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::remove_file(&path).ok();
        mkfifo(&path);
        let report = audit_with_deadline(repo.path(), &[]);
        assert!(
            errors(&report).contains(name),
            "{name}: {}",
            errors(&report)
        );
    }
    // A config include aimed at a FIFO, and one aimed outside.
    for target in ["evil-fifo", "/etc/hostname", "../../elsewhere"] {
        let repo = plain_repo();
        let fifo = repo.path().join(".git/evil-fifo");
        mkfifo(&fifo);
        let mut config = fs::read_to_string(repo.path().join(".git/config")).expect("config");
        config.push_str(&format!("[include]\n\tpath = {target}\n"));
        fs::write(repo.path().join(".git/config"), config).expect("write");
        let report = audit_with_deadline(repo.path(), &[]);
        assert!(
            errors(&report).contains("includes"),
            "{target}: {}",
            errors(&report)
        );
    }
}

#[test]
fn git_indirections_to_other_repositories_are_refused() {
    let mut other = TestRepo::new();
    other.commit("Impostor", &[("impostor.py", b"z = 3\n")]);
    let other_git = other.path().join(".git");
    // .git as a symlink, .git as a `gitdir:` file, and alternates.
    let linked = tempfile::tempdir().expect("tmp");
    fs::write(linked.path().join("app.py"), "x = 1\n").expect("write");
    symlink(&other_git, linked.path().join(".git")).expect("symlink");
    let gitdir = tempfile::tempdir().expect("tmp");
    fs::write(gitdir.path().join("app.py"), "x = 1\n").expect("write");
    fs::write(
        gitdir.path().join(".git"),
        format!("gitdir: {}\n", other_git.display()),
    )
    .expect("write");
    let alternates = plain_repo();
    fs::write(
        alternates.path().join(".git/objects/info/alternates"),
        format!("{}\n", other_git.join("objects").display()),
    )
    .expect("write");
    for (dir, needle) in [
        (linked.path(), ".git is a symlink"),
        (gitdir.path(), "gitdir"),
        (alternates.path(), "alternates"),
    ] {
        let report = audit_with_deadline(dir, &[]);
        let text = report.to_string();
        assert!(
            errors(&report).contains(needle),
            "{needle}: {}",
            errors(&report)
        );
        assert!(
            !text.contains("impostor.py"),
            "{needle}: audited the other repository"
        );
    }
}

/// Each file a collector looks for by name (manifests, CI configs, .env,
/// notebooks, modules), symlinked out of the repository, is refused with
/// an error entry naming it; none is read, none is skipped in silence.
#[test]
fn symlinked_named_files_out_of_the_repository_are_error_entries() {
    let outside = tempfile::tempdir().expect("tmp");
    let secret = outside.path().join("secret.txt");
    fs::write(&secret, "[project]\nname = \"stolen\"\nOUTSIDE=1\n").expect("write");
    let dir = tempfile::tempdir().expect("tmp");
    fs::write(dir.path().join("README.md"), "# App\n\nIt runs.\n").expect("write");
    fs::write(dir.path().join("app.py"), "x = 1\n").expect("write");
    fs::create_dir_all(dir.path().join(".github/workflows")).expect("mkdir");
    let links = [
        "pyproject.toml",
        "requirements.txt",
        "setup.cfg",
        ".github/workflows/ci.yml",
        ".env",
        "notebook.ipynb",
        "linked.py",
        "Dockerfile",
    ];
    for link in links {
        symlink(&secret, dir.path().join(link)).expect("symlink");
    }
    let report = audit_with_deadline(dir.path(), &[]);
    let errors = errors(&report);
    for link in links {
        assert!(
            errors.contains(&format!("\"{link}\"")),
            "{link} refused silently: {errors}"
        );
    }
    assert!(!report.to_string().contains("stolen"));
}

/// A CI config, a manifest or a .env that cannot be decoded as text (a
/// NUL byte) is an error entry naming it, not "no CI".
#[test]
fn undecodable_named_files_are_error_entries() {
    let dir = tempfile::tempdir().expect("tmp");
    fs::write(dir.path().join("README.md"), "# App\n\nIt runs.\n").expect("write");
    fs::write(dir.path().join("app.py"), "x = 1\n").expect("write");
    fs::create_dir_all(dir.path().join(".github/workflows")).expect("mkdir");
    let nul = b"on: push\n\0jobs:\n  t:\n    runs-on: ubuntu-latest\n";
    for name in [
        ".github/workflows/ci.yml",
        ".gitlab-ci.yml",
        ".env",
        "requirements.txt",
    ] {
        fs::write(dir.path().join(name), nul).expect("write");
    }
    let report = audit_with_deadline(dir.path(), &[]);
    let errors = errors(&report);
    for name in [
        ".github/workflows/ci.yml",
        ".gitlab-ci.yml",
        ".env",
        "requirements.txt",
    ] {
        assert!(
            errors.contains(&format!("\"{name}\"")),
            "{name} undecodable but silent: {errors}"
        );
    }
}

/// The reviewer's own git config is never read, by libgit2 or by the git
/// that clones: a FIFO as ~/.gitconfig (or the XDG one) would block any
/// reader forever, so finishing is the proof.
#[test]
fn the_reviewers_git_config_is_not_read() {
    let home = tempfile::tempdir().expect("home");
    mkfifo(&home.path().join(".gitconfig"));
    fs::create_dir_all(home.path().join("xdg/git")).expect("mkdir");
    mkfifo(&home.path().join("xdg/git/config"));
    let repo = plain_repo();
    let url = format!("file://{}", repo.path().display());
    let cache = tempfile::tempdir().expect("cache");
    let mut command = Command::new(BIN);
    command
        .args(["audit", ".", &url, "--format", "json", "--cache-dir"])
        .arg(cache.path())
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("xdg"))
        .env_remove("GIT_CONFIG_GLOBAL")
        .current_dir(repo.path());
    let out = output_with_deadline(command, "the reviewer's git config (a FIFO)");
    assert!(out.status.success(), "{}", stderr(&out));
    let report = json(&out);
    for r in report["repos"].as_array().expect("repos") {
        assert!(r["score"].is_number(), "{r}");
    }
}

/// A damaged ref store is an error entry naming the file, never a silent
/// "no commits yet": a corrupt packed-refs (garbage, a truncated id, bytes
/// that are not text) or a branch ref that holds no object id.
#[test]
fn corrupt_refs_are_error_entries_not_an_empty_repository() {
    let cases: [(&str, &[u8]); 4] = [
        // Truncated to its header: libgit2 calls HEAD unborn.
        ("packed-refs", b"# pack-refs with: peeled\n"),
        (
            "packed-refs",
            b"# pack-refs with: peeled\nzzzz refs/heads/BRANCH\n",
        ),
        ("packed-refs", b"0123abc refs/heads/BRANCH\n"),
        ("packed-refs", b"\xff\xfe\x00garbage\n"),
    ];
    let mut checked = 0;
    for (file, bytes) in cases
        .iter()
        .copied()
        .chain([("LOOSE", &b"not-a-hash\n"[..])])
    {
        let repo = plain_repo();
        let git = repo.path().join(".git");
        let head = fs::read_to_string(git.join("HEAD")).expect("HEAD");
        let target = head.trim().trim_start_matches("ref:").trim().to_owned();
        let branch = target.trim_start_matches("refs/heads/").to_owned();
        if file == "LOOSE" {
            fs::write(git.join(&target), bytes).expect("write");
        } else {
            fs::remove_file(git.join(&target)).expect("rm loose ref");
            let text = String::from_utf8_lossy(bytes).replace("BRANCH", &branch);
            let bytes = if bytes.starts_with(b"\xff") {
                bytes.to_vec()
            } else {
                text.into_bytes()
            };
            fs::write(git.join(file), bytes).expect("write");
        }
        let report = audit_with_deadline(repo.path(), &[]);
        let errors = errors(&report);
        assert!(
            errors.contains(".git/") || errors.contains("HEAD"),
            "{file} {bytes:?}: {errors}"
        );
        assert_ne!(report["repos"][0]["git"]["empty"], true, "{report}");
        checked += 1;
    }
    assert_eq!(checked, 5);
}
