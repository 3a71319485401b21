//! Hostile remotes, lists and API answers (issue 12, items 8-12 and 17):
//! credentials in URLs never shown, look-alike URLs never share a cached
//! clone, one URL named twice is cloned once, lists and the API get only
//! network transports, the token stays with the API's origin, and a list
//! line that is not UTF-8 costs that line only. Everything runs on
//! loopback or file://.

mod common;

use common::http::serve;
use common::*;
use std::path::Path;
use std::process::Command;

fn audit(cwd: &Path, args: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .env("PORTFOLIO_AUDIT_CACHE_DIR", cache_dir())
        .args(["audit"])
        .args(args)
        .current_dir(cwd)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("runs")
}

fn repo_with(file: &str) -> TestRepo {
    let mut repo = TestRepo::new();
    repo.commit(
        "Add app",
        &[(file, b"x = 1\n"), ("README.md", b"# App\n\nIt runs.\n")],
    );
    repo
}

fn by_name<'a>(report: &'a serde_json::Value, name: &str) -> Vec<&'a serde_json::Value> {
    report["repos"]
        .as_array()
        .expect("repos")
        .iter()
        .filter(|r| r["name"] == name)
        .collect()
}

#[test]
fn credentials_in_urls_are_shown_in_no_format() {
    // A closed port: the clone fails, so the URL reaches the error text too.
    let port = TcpListenerPort::free();
    let cache = tempfile::tempdir().expect("cache");
    let cache_arg = cache.path().to_str().expect("utf8");
    let typed = format!("https://alice:s3cr3tpw@127.0.0.1:{port}/x.git");
    let token = format!("https://127.0.0.1:{port}/y.git?access_token=t0kenvalue&ref=main");
    let list = cache.path().join("list.txt");
    std::fs::write(
        &list,
        format!("https://bob:hunter22@127.0.0.1:{port}/z.git\nhttps://127.0.0.1:{port}/w.git?token=lsttoken9\n"),
    )
    .expect("list");
    for format in [
        "json", "sarif", "junit", "html", "markdown", "text", "badge", "shields",
    ] {
        let out = audit(
            cache.path(),
            &[
                &typed,
                &token,
                "--from-file",
                list.to_str().expect("utf8"),
                "--cache-dir",
                cache_arg,
                "--format",
                format,
                "-v",
            ],
        );
        let all = format!("{}{}", stdout(&out), stderr(&out));
        for secret in [
            "s3cr3tpw",
            "t0kenvalue",
            "hunter22",
            "lsttoken9",
            "alice",
            "bob:",
        ] {
            assert!(!all.contains(secret), "{format} shows {secret}:\n{all}");
        }
        if format == "json" {
            let report = json(&out);
            let names: Vec<&str> = report["repos"]
                .as_array()
                .expect("repos")
                .iter()
                .filter_map(|r| r["name"].as_str())
                .collect();
            assert!(
                names.contains(&format!("https://***@127.0.0.1:{port}/x.git").as_str()),
                "{names:?}"
            );
        }
    }
}

/// A port nothing listens on.
struct TcpListenerPort;
impl TcpListenerPort {
    fn free() -> u16 {
        std::net::TcpListener::bind("127.0.0.1:0")
            .expect("bind")
            .local_addr()
            .expect("addr")
            .port()
    }
}

#[test]
fn look_alike_urls_never_share_a_cached_clone_and_origins_are_verified() {
    let base = tempfile::tempdir().expect("base");
    let real_dir = base.path().join("real");
    // `file://BASE/evil@BASE/real` once mapped to the same cache folder
    // as `file://BASE/real`.
    let impostor_dir = base
        .path()
        .join("evil@")
        .join(base.path().strip_prefix("/").expect("absolute"))
        .join("real");
    for (dir, file) in [(&real_dir, "real.py"), (&impostor_dir, "impostor.py")] {
        std::fs::create_dir_all(dir).expect("mkdir");
        let repo = git2::Repository::init(dir).expect("init");
        let sig = git2::Signature::new("T", "t@example.com", &git2::Time::new(1_700_000_000, 0))
            .expect("sig");
        let blob = repo.blob(b"x = 1\n").expect("blob");
        let mut tb = repo.treebuilder(None).expect("tb");
        tb.insert(file, blob, 0o100644).expect("insert");
        let tree = repo.find_tree(tb.write().expect("tree")).expect("tree");
        repo.commit(Some("HEAD"), &sig, &sig, "Add", &tree, &[])
            .expect("commit");
    }
    let real = format!("file://{}", real_dir.display());
    let impostor = format!(
        "file://{}/evil@{}",
        base.path().display(),
        real_dir.display()
    );
    let cache = tempfile::tempdir().expect("cache");
    let cache_arg = cache.path().to_str().expect("utf8");
    let report = json(&audit(
        cache.path(),
        &[
            &impostor,
            &real,
            "--cache-dir",
            cache_arg,
            "--format",
            "json",
        ],
    ));
    let paths: Vec<String> = [&impostor, &real]
        .iter()
        .map(|n| by_name(&report, n)[0]["path"].to_string())
        .collect();
    assert_ne!(paths[0], paths[1], "one cache folder for two URLs");
    let head = |r: &serde_json::Value| r["git"]["head_commit"].clone();
    let real_head = git2::Repository::open(&real_dir)
        .expect("open")
        .head()
        .expect("head")
        .target()
        .expect("oid")
        .to_string();
    assert_eq!(head(by_name(&report, &real)[0]), real_head.as_str());

    // A clone of another origin planted where `real` is cached is not
    // reused: the audit clones `real` afresh.
    let planted = portfolio_audit::remote::cache_path(cache.path(), &real);
    std::fs::remove_dir_all(&planted).expect("rm");
    git2::build::RepoBuilder::new()
        .bare(true)
        .clone(&impostor, &planted)
        .expect("plant");
    let again = json(&audit(
        cache.path(),
        &[&real, "--cache-dir", cache_arg, "--format", "json"],
    ));
    assert_eq!(head(&again["repos"][0]), real_head.as_str(), "{again}");
}

#[test]
fn one_url_named_twice_is_cloned_once_and_both_entries_are_reported() {
    let origin = repo_with("app.py");
    let url = format!("file://{}", origin.path().display());
    let cache = tempfile::tempdir().expect("cache");
    let cache_arg = cache.path().to_str().expect("utf8");
    let list = cache.path().join("list.txt");
    std::fs::write(&list, format!("{url}\n")).expect("list");
    let out = audit(
        cache.path(),
        &[
            &url,
            &url,
            "--jobs",
            "2",
            "--cache-dir",
            cache_arg,
            "--format",
            "json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let report = json(&out);
    let entries = by_name(&report, &url);
    assert_eq!(entries.len(), 2, "{report}");
    for e in entries {
        assert!(e["score"].is_number(), "{e}");
    }
    let leftovers: Vec<_> = walk(cache.path())
        .into_iter()
        .filter(|p| p.to_string_lossy().contains("partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        out.push(e.path());
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            out.extend(walk(&e.path()));
        }
    }
    out
}

#[test]
fn listed_urls_get_network_transports_only() {
    let origin = repo_with("app.py");
    let typed = format!("file://{}", origin.path().display());
    let cache = tempfile::tempdir().expect("cache");
    let cache_arg = cache.path().to_str().expect("utf8");
    let pwned = cache.path().join("pwned");
    let list = cache.path().join("list.txt");
    let bad = [
        format!("ext::sh -c touch% {}", pwned.display()),
        format!("ext::sh -c touch {}", pwned.display()),
        "fd::0".to_owned(),
        typed.clone(),
        format!("http://127.0.0.1:{}/x.git", TcpListenerPort::free()),
        "ftp://127.0.0.1/x.git".to_owned(),
    ];
    std::fs::write(&list, bad.join("\n")).expect("list");
    let out = audit(
        cache.path(),
        &[
            &typed,
            "--from-file",
            list.to_str().expect("utf8"),
            "--cache-dir",
            cache_arg,
            "--format",
            "json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let report = json(&out);
    assert!(!pwned.exists(), "a listed ext:: URL ran a command");
    let repos = report["repos"].as_array().expect("repos");
    // The typed file:// URL is audited; every listed line is refused.
    let scored: Vec<&serde_json::Value> = repos.iter().filter(|r| r["score"].is_number()).collect();
    assert_eq!(scored.len(), 1, "{report}");
    let refused = repos
        .iter()
        .filter(|r| {
            r["errors"][0]["message"]
                .as_str()
                .is_some_and(|m| m.contains("refused"))
        })
        .count();
    assert_eq!(refused, bad.len(), "{report}");
}

#[test]
fn a_list_line_that_is_not_utf8_costs_that_line_only() {
    let good = repo_with("app.py");
    let dir = tempfile::tempdir().expect("tmp");
    let list = dir.path().join("list.txt");
    let mut bytes = b"/no/such/\xff\xfe/repo\n".to_vec();
    bytes.extend_from_slice(good.path().to_str().expect("utf8").as_bytes());
    bytes.extend_from_slice(b"\n");
    std::fs::write(&list, bytes).expect("list");
    let out = audit(
        dir.path(),
        &[
            "--from-file",
            list.to_str().expect("utf8"),
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = json(&out);
    let repos = report["repos"].as_array().expect("repos");
    assert_eq!(repos.len(), 2, "{report}");
    assert!(
        repos[0]["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("line 1") && m.contains("UTF-8")),
        "{report}"
    );
    assert!(repos[1]["score"].is_number(), "{report}");
}

#[test]
fn the_token_stays_with_the_api_origin_and_api_clone_urls_are_checked() {
    let page1 = "[{\"clone_url\": \"file:///tmp/not-from-an-api\", \"fork\": false}, {\"clone_url\": \"https://127.0.0.1/dana/ok.git\", \"fork\": false}]".to_owned();
    let (port, seen) = serve(vec![
        (
            "/users/dana/repos?type=owner&per_page=100&page=2",
            "200 OK".to_owned(),
            vec![],
            "[]".to_owned(),
        ),
        (
            "/users/dana/repos",
            "200 OK".to_owned(),
            vec![(
                "Link".to_owned(),
                // Same server, another origin: `localhost` is not `127.0.0.1`.
                "<http://localhost:PORT/users/dana/repos?type=owner&per_page=100&page=2>; rel=\"next\"".to_owned(),
            )],
            page1,
        ),
    ]);
    let api = format!("http://127.0.0.1:{port}");
    let cache = tempfile::tempdir().expect("cache");
    let out = Command::new(BIN)
        .env("PORTFOLIO_AUDIT_CACHE_DIR", cache_dir())
        .env("GITHUB_TOKEN", "test-token-value")
        .args([
            "audit",
            "--github-user",
            "dana",
            "--api-url",
            &api,
            "--cache-dir",
            cache.path().to_str().expect("utf8"),
            "--format",
            "json",
        ])
        .current_dir(cache.path())
        .output()
        .expect("runs");
    let requests = seen.lock().expect("lock").clone();
    assert_eq!(
        requests.len(),
        1,
        "the next page was followed: {requests:?}"
    );
    assert!(stderr(&out).contains("another origin"), "{}", stderr(&out));
    let report = json(&out);
    let refused = by_name(&report, "file:///tmp/not-from-an-api");
    assert!(
        refused[0]["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("refused")),
        "{report}"
    );
    assert!(!stdout(&out).contains("test-token-value"));
}
