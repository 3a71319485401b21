//! Remote repositories over real transports on loopback: file:// and a
//! `git daemon` started by the test. Nothing leaves this machine.

mod common;

use common::http::serve;
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
    let code = repo.blob(b"print('hi')\n").expect("blob");
    let mut tb = repo.treebuilder(None).expect("tb");
    tb.insert("README.md", blob, 0o100644).expect("insert");
    tb.insert("app.py", code, 0o100644).expect("insert");
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
    let partials = partial_clones(cache.path());
    assert!(partials.is_empty(), "{partials:?}");
}

/// Every `.partial` clone anywhere under the cache (they live at
/// `<cache>/<host>/<owner>/<name>.partial`).
fn partial_clones(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for e in dir.read_dir().expect("ls").flatten() {
        let path = e.path();
        if path.extension().is_some_and(|x| x == "partial") {
            found.push(path);
        } else if e.file_type().is_ok_and(|t| t.is_dir()) {
            found.extend(partial_clones(&path));
        }
    }
    found
}

#[test]
fn github_user_lists_own_repositories_across_pages() {
    let origin = tempfile::tempdir().expect("origin");
    let mut urls = Vec::new();
    for name in ["api", "etl"] {
        let dir = origin.path().join(name);
        let repo = git2::Repository::init(&dir).expect("init");
        let sig = git2::Signature::new("T", "t@example.com", &git2::Time::new(1_700_000_000, 0))
            .expect("sig");
        let blob = repo.blob(b"x = 1\n").expect("blob");
        let mut tb = repo.treebuilder(None).expect("tb");
        tb.insert("app.py", blob, 0o100644).expect("insert");
        let tree = repo.find_tree(tb.write().expect("tree")).expect("tree");
        repo.commit(Some("HEAD"), &sig, &sig, "Add app", &tree, &[])
            .expect("commit");
        urls.push(format!("file://{}", dir.display()));
    }
    let page1 = format!(
        "[{{\"clone_url\": \"{}\", \"fork\": false}}, {{\"clone_url\": \"file:///nowhere/forked\", \"fork\": true}}]",
        urls[0]
    );
    let page2 = format!("[{{\"clone_url\": \"{}\", \"fork\": false}}]", urls[1]);
    let (port, seen) = serve(vec![
        ("/users/casey/repos?type=owner&per_page=100&page=2", "200 OK".to_owned(), vec![], page2),
        (
            "/users/casey/repos",
            "200 OK".to_owned(),
            vec![(
                "Link".to_owned(),
                "<http://127.0.0.1:PORT/users/casey/repos?type=owner&per_page=100&page=2>; rel=\"next\"".to_owned(),
            )],
            page1,
        ),
        (
            "/users/limited/repos",
            "403 Forbidden".to_owned(),
            vec![("x-ratelimit-remaining".to_owned(), "0".to_owned()), ("x-ratelimit-reset".to_owned(), "1700000000".to_owned())],
            "{\"message\": \"API rate limit exceeded\"}".to_owned(),
        ),
    ]);
    let api = format!("http://127.0.0.1:{port}");
    let cache = tempfile::tempdir().expect("cache");
    let cache_arg = cache.path().to_str().expect("utf8");
    let out = std::process::Command::new(BIN)
        .env("PORTFOLIO_AUDIT_CACHE_DIR", cache_dir())
        .args([
            "audit",
            "--github-user",
            "casey",
            "--api-url",
            &api,
            "--cache-dir",
            cache_arg,
            "--format",
            "json",
        ])
        .env("GITHUB_TOKEN", "test-token")
        .current_dir(cache.path())
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let report = json(&out);
    let names: Vec<&str> = report["repos"]
        .as_array()
        .expect("repos")
        .iter()
        .map(|r| r["name"].as_str().expect("name"))
        .collect();
    assert!(names.contains(&urls[0].as_str()), "{names:?}");
    assert!(
        names.contains(&urls[1].as_str()),
        "the second page is followed: {names:?}"
    );
    // The API is untrusted: a file:// clone URL in its answer is refused.
    for r in report["repos"].as_array().expect("repos") {
        assert!(
            r["errors"][0]["message"]
                .as_str()
                .is_some_and(|m| m.contains("refused") && m.contains("https")),
            "{r}"
        );
    }
    assert!(
        !names.iter().any(|n| n.contains("forked")),
        "forks are left out"
    );
    assert!(report.get("portfolio").is_some() || names.len() == 1);
    let requests = seen.lock().expect("lock").join("\n").to_ascii_lowercase();
    assert!(
        requests.contains("authorization: bearer test-token"),
        "{requests}"
    );

    let limited = run_in(
        cache.path(),
        &[
            "audit",
            "--github-user",
            "limited",
            "--api-url",
            &api,
            "--cache-dir",
            cache_arg,
        ],
    );
    assert_eq!(limited.status.code(), Some(2));
    assert!(
        stderr(&limited).contains("rate limit") && stderr(&limited).contains("GITHUB_TOKEN"),
        "{}",
        stderr(&limited)
    );
}

#[test]
fn a_clone_that_needs_credentials_fails_without_prompting() {
    let (port, _seen) = serve(vec![(
        "/private.git",
        "401 Unauthorized".to_owned(),
        vec![(
            "WWW-Authenticate".to_owned(),
            "Basic realm=\"private\"".to_owned(),
        )],
        "{}".to_owned(),
    )]);
    let cache = tempfile::tempdir().expect("cache");
    let url = format!("http://127.0.0.1:{port}/private.git");
    let out = std::process::Command::new(BIN)
        .env("PORTFOLIO_AUDIT_CACHE_DIR", cache_dir())
        .args([
            "audit",
            &url,
            "--cache-dir",
            cache.path().to_str().expect("utf8"),
            "--format",
            "json",
        ])
        .current_dir(cache.path())
        .stdin(std::process::Stdio::null())
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let report = json(&out);
    let message = report["repos"][0]["errors"][0]["message"]
        .as_str()
        .expect("message")
        .to_owned();
    assert!(
        message.contains("cannot clone") && message.to_ascii_lowercase().contains("username"),
        "{message}"
    );
}

#[test]
fn a_remote_audit_matches_the_local_one() {
    let mut origin = TestRepo::new();
    origin.commit(
        "Add app",
        &[
            ("app.py", b"import os\nKEY = os.getenv('KEY')\n"),
            ("README.md", b"# App\n\nA small app.\n"),
        ],
    );
    origin.commit(
        "Add tests",
        &[
            ("app.py", b"import os\nKEY = os.getenv('KEY')\n"),
            ("README.md", b"# App\n\nA small app.\n"),
            ("tests/test_app.py", b"def test_x():\n    assert 1\n"),
        ],
    );
    let cache = tempfile::tempdir().expect("cache");
    let url = format!("file://{}", origin.path().display());
    let remote = json(&run_in(
        cache.path(),
        &[
            "audit",
            &url,
            "--cache-dir",
            cache.path().to_str().expect("utf8"),
            "--format",
            "json",
        ],
    ));
    let local = json(&run_in(origin.path(), &["audit", ".", "--format", "json"]));
    let statuses = |r: &serde_json::Value| -> Vec<(String, String)> {
        r["repos"][0]["outcomes"]
            .as_array()
            .expect("outcomes")
            .iter()
            .map(|o| {
                (
                    o["id"].as_str().unwrap_or("").to_owned(),
                    o["status"].as_str().unwrap_or("").to_owned(),
                )
            })
            .collect()
    };
    assert_eq!(statuses(&remote), statuses(&local));
    assert_eq!(remote["repos"][0]["score"], local["repos"][0]["score"]);
    assert_eq!(
        remote["repos"][0]["git"]["head_commit"],
        local["repos"][0]["git"]["head_commit"]
    );
}
