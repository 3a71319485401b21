//! Promises issue 16 found no test for: malformed setup.cfg, the
//! tutorial-clone flag from a name and a dump, `--worktree` on a bare
//! repository, a failed fetch beside a cached clone, profile files that are
//! wrong, and baselines that are empty, of another schema, or missing a
//! repository.

mod common;

use common::*;
use portfolio_audit::facts::manifests::{ManifestFacts, ManifestReader};
use std::path::Path;

fn read_setup_cfg(text: &str) -> (ManifestFacts, Vec<portfolio_audit::error::AuditError>) {
    let mut facts = ManifestFacts::default();
    let mut errors = Vec::new();
    ManifestReader {
        facts: &mut facts,
        errors: &mut errors,
    }
    .read("setup.cfg", "setup.cfg", text);
    (facts, errors)
}

#[test]
fn a_malformed_setup_cfg_is_reported_by_line_and_read_as_far_as_it_can() {
    // An unclosed header: configparser (and so pip) refuses the file.
    let (facts, errors) = read_setup_cfg(
        "[metadata]\nname = demo\n[options\ninstall_requires =\n    requests\n[options]\ninstall_requires =\n    flask==2.0\n",
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].path.as_deref(), Some("setup.cfg:3"));
    assert!(
        errors[0].message.contains("malformed setup.cfg"),
        "{}",
        errors[0].message
    );
    let names: Vec<&str> = facts.dependencies.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(
        names,
        ["flask"],
        "requests sits under the broken header, not [options]"
    );

    // A key before any section.
    let (_, errors) = read_setup_cfg("name = demo\n[options]\ninstall_requires = flask\n");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].path.as_deref(), Some("setup.cfg:1"));

    // Well-formed files, comments first and a byte-order mark, are not errors.
    let (facts, errors) = read_setup_cfg(
        "\u{feff}# comment\n; another\n\n[options]\ninstall_requires =\n    flask\n",
    );
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(facts.dependencies.len(), 1);
}

#[test]
fn a_malformed_setup_cfg_is_an_error_entry_and_the_run_goes_on() {
    let mut bad = TestRepo::new();
    bad.commit(
        "Add package",
        &[
            ("setup.cfg", b"[options\ninstall_requires = flask\n"),
            ("app.py", b"x = 1\n"),
        ],
    );
    let out = json(&run_in(
        bad.path(),
        &["audit", ".", "--format", "json", "--no-cache"],
    ));
    let errors = out["repos"][0]["errors"].as_array().expect("errors");
    assert!(
        errors.iter().any(|e| e["path"] == "setup.cfg:1"
            && e["message"]
                .as_str()
                .unwrap_or("")
                .contains("malformed setup.cfg")),
        "{errors:?}"
    );
    assert!(out["repos"][0]["score"].is_number(), "still scored");
}

/// A git repository at `dir/name` built in `commits` daily commits, each
/// adding one more small Python file.
fn repo_named(dir: &Path, name: &str, commits: usize) {
    let path = dir.join(name);
    std::fs::create_dir_all(&path).expect("mkdir");
    let repo = git2::Repository::init(&path).expect("init");
    let sig = git2::Signature::new("Ada", "ada@example.com", &git2::Time::new(1_700_000_000, 0))
        .expect("sig");
    let mut parent: Option<git2::Oid> = None;
    for i in 0..commits {
        let mut tb = repo.treebuilder(None).expect("tb");
        for j in 0..=i {
            let blob = repo
                .blob(format!("def f{j}():\n    return {j}\n").as_bytes())
                .expect("blob");
            tb.insert(format!("todo{j}.py"), blob, 0o100644)
                .expect("insert");
        }
        let readme = repo
            .blob(b"# My todo list\n\nA list of things to do.\n")
            .expect("blob");
        tb.insert("README.md", readme, 0o100644).expect("insert");
        let tree = repo.find_tree(tb.write().expect("tree")).expect("tree");
        let parents: Vec<git2::Commit> = parent
            .map(|p| repo.find_commit(p).expect("parent"))
            .into_iter()
            .collect();
        let refs: Vec<&git2::Commit> = parents.iter().collect();
        let when = git2::Signature::new(
            "Ada",
            "ada@example.com",
            &git2::Time::new(1_700_000_000 + 86_400 * i as i64, 0),
        )
        .expect("sig");
        parent = Some(
            repo.commit(
                Some("HEAD"),
                &when,
                &sig,
                &format!("Add step {i}"),
                &tree,
                &refs,
            )
            .expect("commit"),
        );
    }
}

#[test]
fn a_starter_exercise_name_is_a_tutorial_clone_only_when_dumped_in_one_commit() {
    let root = tempfile::tempdir().expect("tmp");
    repo_named(root.path(), "todo-app", 1);
    repo_named(root.path(), "todo-list", 6);
    let report = json(&run_in(
        root.path(),
        &[
            "audit",
            "todo-app",
            "todo-list",
            "--format",
            "json",
            "--no-cache",
        ],
    ));
    let projects = report["portfolio"]["projects"]
        .as_array()
        .expect("projects");
    let tutorial = |name: &str| {
        projects.iter().find(|p| p["name"] == name).expect(name)["weak"]
            .as_array()
            .expect("weak")
            .iter()
            .find(|w| w["kind"] == "tutorial clone")
            .map(|w| w["evidence"].as_str().unwrap_or("").to_owned())
    };
    let dumped = tutorial("todo-app").expect("a todo app in one commit is flagged");
    assert!(dumped.contains("todo"), "{dumped}");
    assert_eq!(tutorial("todo-list"), None, "six commits are not a dump");
}

#[test]
fn worktree_on_a_bare_repository_falls_back_to_the_committed_tree_and_says_so() {
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
    let out = run_in(
        bare.path(),
        &[
            "audit",
            "mirror.git",
            "--worktree",
            "--format",
            "json",
            "--no-cache",
        ],
    );
    let report = json(&out);
    let warnings = report["repos"][0]["warnings"].as_array().expect("warnings");
    assert!(
        warnings.iter().any(|w| w
            .as_str()
            .unwrap_or("")
            .contains("bare repository has no working tree")),
        "{warnings:?}"
    );
    assert_eq!(
        report["repos"][0]["source"], "git-head",
        "{}",
        report["repos"][0]
    );
    assert_eq!(
        outcome(&report, "DOCS-LICENSE")["status"],
        "pass",
        "the committed tree was read"
    );
}

#[test]
fn a_failed_fetch_beside_a_cached_clone_is_an_error_entry_and_keeps_the_cache() {
    let mut origin = TestRepo::new();
    origin.commit(
        "Add app",
        &[("app.py", b"x = 1\n"), ("README.md", b"# App\n")],
    );
    let cache = tempfile::tempdir().expect("cache");
    let cache_arg = cache.path().to_str().expect("utf8");
    let url = format!("file://{}", origin.path().display());
    let first = json(&run_in(
        cache.path(),
        &["audit", &url, "--cache-dir", cache_arg, "--format", "json"],
    ));
    let cached = std::path::PathBuf::from(first["repos"][0]["path"].as_str().expect("path"));
    assert!(cached.join("HEAD").exists(), "cloned into the cache");

    // The origin goes away: the next fetch fails.
    let gone = origin.path().with_extension("moved");
    std::fs::rename(origin.path(), &gone).expect("move origin");
    let out = run_in(
        cache.path(),
        &["audit", &url, "--cache-dir", cache_arg, "--format", "json"],
    );
    // With a gate, the repository that could not be audited fails it.
    let gated = run_in(
        cache.path(),
        &[
            "audit",
            &url,
            "--cache-dir",
            cache_arg,
            "--fail-under",
            "1",
            "--quiet",
        ],
    );
    std::fs::rename(&gone, origin.path()).expect("restore origin");
    let report = json(&out);
    assert_eq!(
        out.status.code(),
        Some(0),
        "an error entry, not a failed run: {}",
        stderr(&out)
    );
    assert_eq!(gated.status.code(), Some(1), "{}", stderr(&gated));
    let repo = &report["repos"][0];
    assert!(
        repo["score"].is_null(),
        "a stale cache is not audited as if fresh: {repo}"
    );
    let message = repo["errors"][0]["message"].as_str().unwrap_or("");
    assert!(message.contains(&url), "{repo}");
    assert!(
        cached.join("HEAD").exists(),
        "the cached clone survives a failed fetch"
    );
}

fn profile_file(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path.display().to_string()
}

#[test]
fn a_bad_profile_file_is_a_usage_error_at_its_line_and_column() {
    let dir = tempfile::tempdir().expect("tmp");
    let broken = profile_file(
        dir.path(),
        "broken.toml",
        "[profile]\nname = \"team\"\nextends = \"backend\"\ndisable = [\"README-LICENSE\"\n",
    );
    let out = run_in(portfolio(), &["audit", "exemplary", "--profile", &broken]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{broken}:4:")),
        "file:line:col: {err}"
    );
    assert!(stdout(&out).is_empty(), "no report: {}", stdout(&out));

    let unknown_parent = profile_file(
        dir.path(),
        "orphan.toml",
        "[profile]\nname = \"orphan\"\ndescription = \"x\"\nextends = \"wizard\"\n",
    );
    let out = run_in(
        portfolio(),
        &["audit", "exemplary", "--profile", &unknown_parent],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("wizard"), "{}", stderr(&out));
}

fn baseline_file(dir: &Path, text: &str) -> String {
    let path = dir.join("baseline.json");
    std::fs::write(&path, text).expect("write");
    path.display().to_string()
}

#[test]
fn the_baseline_reader_knows_the_schema_the_json_report_writes() {
    assert_eq!(
        portfolio_audit::baseline::READS_SCHEMA,
        u64::from(portfolio_audit::report::json::SCHEMA_VERSION)
    );
}

#[test]
fn baselines_empty_of_another_schema_or_missing_a_repository() {
    let dir = tempfile::tempdir().expect("tmp");
    let args = |base: &str| -> Vec<String> {
        [
            "audit",
            "exemplary",
            "mistakes",
            "--baseline",
            base,
            "--fail-on-regression",
            "--format",
            "json",
            "--no-cache",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect()
    };
    let run = |base: &str| {
        let a = args(base);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        run_in(portfolio(), &a)
    };

    // Empty: every repository is new, none regressed, and no "matched none".
    let empty = baseline_file(dir.path(), r#"{"schema_version":1,"repos":[]}"#);
    let out = run(&empty);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("matched none"), "{}", stderr(&out));

    // Another schema version: refused with exit 2, naming the file.
    let future = baseline_file(dir.path(), r#"{"schema_version":2,"repos":[]}"#);
    let out = run(&future);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains(&future), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("schema version 2"),
        "{}",
        stderr(&out)
    );

    // One repository missing: it is new; the other is compared.
    let saved = run_in(
        portfolio(),
        &["audit", "exemplary", "--format", "json", "--no-cache"],
    );
    let base = baseline_file(dir.path(), &stdout(&saved));
    let out = run(&base);
    assert_eq!(
        out.status.code(),
        Some(0),
        "nothing regressed: {}",
        stderr(&out)
    );
    let text_args = [
        "audit",
        "exemplary",
        "mistakes",
        "--baseline",
        base.as_str(),
        "--color",
        "never",
        "--no-cache",
    ];
    let text = stdout(&run_in(portfolio(), &text_args));
    assert!(text.contains("mistakes: new"), "{text}");
    assert!(!text.contains("exemplary: new"), "{text}");
}
