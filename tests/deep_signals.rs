//! History, Python source and CI facts on real fixture histories, checked
//! against what the fixtures' history.toml and files say.

mod common;

use common::*;

fn facts(name: &str) -> serde_json::Value {
    let out = run_in(portfolio(), &["audit", name, "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    json(&out)["repos"][0].clone()
}

fn status(repo: &serde_json::Value, id: &str) -> String {
    repo["outcomes"]
        .as_array()
        .expect("outcomes")
        .iter()
        .find(|o| o["id"] == id)
        .map(|o| o["status"].as_str().unwrap_or("").to_owned())
        .unwrap_or_else(|| panic!("no outcome {id}"))
}

fn commits_in_history_toml(name: &str) -> usize {
    let text = std::fs::read_to_string(
        manifest_dir()
            .join("test-repos")
            .join(name)
            .join("history.toml"),
    )
    .expect("read");
    text.lines().filter(|l| l.trim() == "[[commit]]").count()
}

#[test]
fn commit_counts_match_the_fixture_histories() {
    for name in fixture_names() {
        let repo = facts(&name);
        let h = &repo["facts"]["history"];
        assert_eq!(
            h["non_merge_commits"],
            commits_in_history_toml(&name) as u64,
            "{name}"
        );
        assert_eq!(
            h["total_commits"], h["analysed_commits"],
            "{name}: no cap was hit"
        );
    }
}

#[test]
fn a_single_commit_dump_is_flagged_and_named() {
    let repo = facts("tutorial-dump");
    assert_eq!(status(&repo, "COMMITS-NO-DUMP"), "fail");
    let top = &repo["facts"]["history"]["largest_creator"];
    assert_eq!(top["share"], 1.0);
    assert_eq!(top["subject"], "Add files via upload");
    assert_eq!(status(&facts("exemplary"), "COMMITS-NO-DUMP"), "pass");
}

#[test]
fn a_secret_deleted_later_is_still_reported_with_its_commit() {
    let repo = facts("web-api");
    let leak = &repo["facts"]["history"]["leaks"][0];
    assert_eq!(leak["path"], "config/settings.py");
    assert_eq!(leak["still_present"], false);
    assert_eq!(leak["commit"].as_str().expect("commit").len(), 10);
    assert_eq!(status(&repo, "HISTORY-NO-SECRETS"), "fail");
    // At HEAD the settings read the key from the environment.
    assert_eq!(status(&repo, "HYGIENE-NO-SECRETS"), "pass");
}

#[test]
fn message_quality_bodies_and_tags() {
    let ex = facts("exemplary");
    let h = &ex["facts"]["history"];
    assert_eq!(h["messages"]["good_subjects"], h["messages"]["considered"]);
    assert_eq!(h["tags"], 2);
    assert_eq!(status(&ex, "COMMITS-BODIES"), "pass");
    let beginner = facts("beginner-no-tests");
    assert_eq!(status(&beginner, "COMMITS-SUBJECTS"), "fail");
    let weak = beginner["facts"]["history"]["messages"]["weak_examples"]
        .as_array()
        .expect("examples");
    assert!(weak.iter().any(|c| c["subject"] == "update"), "{weak:?}");
}

#[test]
fn invalid_identities_and_the_candidate() {
    let repo = facts("mistakes");
    assert_eq!(status(&repo, "COMMITS-IDENTITY"), "fail");
    let out = run_in(
        portfolio(),
        &[
            "audit",
            "mistakes",
            "--format",
            "json",
            "--author",
            "root@localhost",
        ],
    );
    let h = &json(&out)["repos"][0]["facts"]["history"];
    assert_eq!(h["candidate_commits"], 1);
    assert_eq!(h["candidate"], "root@localhost");
}

#[test]
fn max_commits_caps_diffs_and_says_so() {
    let out = run_in(
        portfolio(),
        &[
            "audit",
            "exemplary",
            "--max-commits",
            "5",
            "--color",
            "never",
        ],
    );
    let text = stdout(&out);
    assert!(text.contains("analysed 5 of 13 commits"), "{text}");
    let report = json(&run_in(
        portfolio(),
        &[
            "audit",
            "exemplary",
            "--max-commits",
            "5",
            "--format",
            "json",
        ],
    ));
    let h = &report["repos"][0]["facts"]["history"];
    assert_eq!(h["analysed_commits"], 5);
    assert_eq!(h["largest_creator"]["commit"], "(earlier history)");
}

#[test]
fn shallow_clones_are_reported_as_such() {
    let mut repo = TestRepo::new();
    repo.commit("Add app", &[("app.py", b"x = 1\n")]);
    let second = repo.commit(
        "Add readme",
        &[("app.py", b"x = 1\n"), ("README.md", b"# A\n")],
    );
    repo.commit(
        "Add license",
        &[
            ("app.py", b"x = 1\n"),
            ("README.md", b"# A\n"),
            ("LICENSE", b"MIT"),
        ],
    );
    std::fs::write(repo.path().join(".git/shallow"), format!("{second}\n")).expect("write shallow");
    let out = run_in(repo.path(), &["audit", ".", "--format", "json"]);
    assert!(out.status.success());
    let report = json(&out);
    let h = &report["repos"][0]["facts"]["history"];
    assert_eq!(h["shallow"], true);
    assert_eq!(h["total_commits"], 2);
    let text = stdout(&run_in(repo.path(), &["audit", ".", "--color", "never"]));
    assert!(text.contains("shallow clone: history is partial"), "{text}");
}

#[test]
fn python_source_facts_on_fixtures() {
    let ex = facts("exemplary");
    let t = &ex["facts"]["python"]["tests"];
    assert!(t["functions"].as_u64().expect("n") >= 8, "{t}");
    assert_eq!(t["with_assertions"], t["functions"]);
    assert_eq!(t["api_tests"], true);
    let mistakes = facts("mistakes");
    assert_eq!(status(&mistakes, "TESTS-ASSERT"), "fail");
    assert_eq!(status(&mistakes, "QUALITY-ERROR-HANDLING"), "fail");
    let course = facts("course-scripts");
    let errors = course["facts"]["python"]["syntax_errors"]
        .as_array()
        .expect("errors");
    assert_eq!(errors[0]["path"], "week07/old_homework.py");
    let nb = &course["facts"]["python"]["notebooks"][0];
    assert_eq!(nb["executed_in_order"], false);
    assert_eq!(status(&facts("flask-notes"), "TESTS-API"), "fail");
}

#[test]
fn ci_facts_on_fixtures() {
    let ex = facts("exemplary");
    let ci = &ex["facts"]["ci"]["configs"][0];
    let kinds: Vec<&str> = ci["kinds"]
        .as_array()
        .expect("kinds")
        .iter()
        .map(|k| k.as_str().expect("k"))
        .collect();
    assert!(
        kinds.contains(&"tests") && kinds.contains(&"lint") && kinds.contains(&"type-check"),
        "{kinds:?}"
    );
    assert!(
        ci["triggers"]
            .as_array()
            .expect("t")
            .iter()
            .any(|t| t == "pull_request")
    );
    let mistakes = facts("mistakes");
    let kinds = &mistakes["facts"]["ci"]["configs"][0]["kinds"];
    assert_eq!(kinds, &serde_json::json!(["deploy"]));
    assert_eq!(status(&mistakes, "CI-TESTS"), "fail");
}
