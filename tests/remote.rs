//! Remote repositories over real transports on loopback: file:// and a
//! `git daemon` started by the test. Nothing leaves this machine.

mod common;

use common::*;
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Daemon(Child);

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

fn start_daemon(base: &std::path::Path) -> Option<(Daemon, u16)> {
    let port = free_port();
    let child = Command::new("git")
        .args([
            "daemon",
            "--reuseaddr",
            "--export-all",
            "--listen=127.0.0.1",
            &format!("--port={port}"),
        ])
        .arg(format!("--base-path={}", base.display()))
        .arg(base)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let daemon = Daemon(child);
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Some((daemon, port));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    None
}

#[test]
fn file_urls_are_cloned_into_the_cache_and_fetched_again() {
    let mut origin = TestRepo::new();
    origin.commit(
        "Add app",
        &[("app.py", b"x = 1\n"), ("README.md", b"# App\n")],
    );
    let cache = tempfile::tempdir().expect("cache");
    let url = format!("file://{}", origin.path().display());
    let cache_arg = cache.path().to_str().expect("utf8");
    let first = json(&run_in(
        cache.path(),
        &["audit", &url, "--cache-dir", cache_arg, "--format", "json"],
    ));
    assert_eq!(first["repos"][0]["name"], url.as_str());
    assert_eq!(first["repos"][0]["git"]["bare"], true);
    assert_eq!(outcome(&first, "DOCS-LICENSE")["status"], "fail");

    // A new commit upstream is fetched into the same cached clone.
    let head = origin.commit(
        "Add license",
        &[
            ("app.py", b"x = 1\n"),
            ("README.md", b"# App\n"),
            ("LICENSE", b"MIT"),
        ],
    );
    let second = json(&run_in(
        cache.path(),
        &["audit", &url, "--cache-dir", cache_arg, "--format", "json"],
    ));
    assert_eq!(second["repos"][0]["git"]["head_commit"], head.to_string());
    assert_eq!(outcome(&second, "DOCS-LICENSE")["status"], "pass");
    assert_eq!(
        first["repos"][0]["path"], second["repos"][0]["path"],
        "one cached clone"
    );
}

#[test]
fn git_daemon_clones_and_failures_become_error_entries() {
    let served = tempfile::tempdir().expect("served");
    let repo_dir = served.path().join("project");
    std::fs::create_dir_all(&repo_dir).expect("mkdir");
    let repo = git2::Repository::init(&repo_dir).expect("init");
    let sig = git2::Signature::new("T", "t@example.com", &git2::Time::new(1_700_000_000, 0))
        .expect("sig");
    let blob = repo.blob(b"# Project\n").expect("blob");
    let mut tb = repo.treebuilder(None).expect("tb");
    tb.insert("README.md", blob, 0o100644).expect("insert");
    let tree = repo.find_tree(tb.write().expect("tree")).expect("tree");
    repo.commit(Some("HEAD"), &sig, &sig, "Add readme", &tree, &[])
        .expect("commit");

    let Some((_daemon, port)) = start_daemon(served.path()) else {
        panic!("git daemon did not start on loopback");
    };
    let cache = tempfile::tempdir().expect("cache");
    let cache_arg = cache.path().to_str().expect("utf8");
    let good = format!("git://127.0.0.1:{port}/project");
    let missing = format!("git://127.0.0.1:{port}/no-such-project");
    let closed = format!("git://127.0.0.1:{}/project", free_port());
    let out = run_in(
        cache.path(),
        &[
            "audit",
            &good,
            &missing,
            &closed,
            "--cache-dir",
            cache_arg,
            "--format",
            "json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let report = json(&out);
    let by_name = |n: &str| {
        report["repos"]
            .as_array()
            .expect("repos")
            .iter()
            .find(|r| r["name"] == n)
            .cloned()
            .expect(n)
    };
    assert!(by_name(&good)["score"].is_number());
    let not_found = by_name(&missing)["errors"][0]["message"]
        .as_str()
        .expect("message")
        .to_owned();
    assert!(
        not_found.contains("cannot clone") && not_found.contains("no-such-project"),
        "{not_found}"
    );
    let down = by_name(&closed)["errors"][0]["message"]
        .as_str()
        .expect("message")
        .to_owned();
    assert!(down.contains("cannot clone"), "{down}");
    assert!(
        !cache
            .path()
            .read_dir()
            .expect("ls")
            .flatten()
            .any(|e| e.path().extension().is_some_and(|x| x == "partial"))
    );
}
