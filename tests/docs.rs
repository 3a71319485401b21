//! Generated docs stay true, and the explaining commands work.

mod common;

use common::*;

#[test]
fn docs_rules_md_matches_the_rule_files() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = run_in(dir.path(), &["rules", "--format", "markdown", "--all"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let committed =
        std::fs::read_to_string(manifest_dir().join("docs/rules.md")).expect("docs/rules.md");
    assert!(
        committed == stdout(&out),
        "docs/rules.md is stale: regenerate it with `cargo run -- rules --format markdown --all > docs/rules.md`"
    );
}

#[test]
fn rules_filters_by_family_and_profile() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = stdout(&run_in(dir.path(), &["rules", "--family", "ci"]));
    assert!(out.lines().all(|l| l.contains(" ci ")), "{out}");
    assert!(out.contains("CI-TESTS"));
    let backend = stdout(&run_in(
        dir.path(),
        &["rules", "--profile", "backend", "--format", "json"],
    ));
    let rules: serde_json::Value = serde_json::from_str(&backend).expect("json");
    let api = rules
        .as_array()
        .expect("rules")
        .iter()
        .find(|r| r["id"] == "TESTS-API")
        .expect("TESTS-API");
    assert_eq!(api["weight"], 4.0);
    assert_eq!(api["severity"], "error");
    assert!(
        rules
            .as_array()
            .expect("rules")
            .iter()
            .any(|r| r["id"] == "BACKEND-MIGRATIONS")
    );
}

#[test]
fn explain_gives_rationale_fix_examples_and_guide() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = run_in(dir.path(), &["explain", "readme-install"]);
    assert!(out.status.success());
    let text = stdout(&out);
    for part in [
        "README-INSTALL",
        "Why it matters",
        "How to fix it",
        "Passes when",
        "Fails when",
        "Guide: Career Path for a Python Developer",
    ] {
        assert!(text.contains(part), "missing {part}:\n{text}");
    }
    // A guide is cited by its title, never by the file it is stored in.
    assert!(!text.contains(".txt"), "{text}");
    // A profile's rule is found without naming the profile.
    assert!(stdout(&run_in(dir.path(), &["explain", "DEVOPS-NON-ROOT"])).contains("USER"));
    let missing = run_in(dir.path(), &["explain", "NOPE"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn init_writes_a_valid_starter_once() {
    let dir = tempfile::tempdir().expect("tmp");
    assert!(run_in(dir.path(), &["init"]).status.success());
    let text = std::fs::read_to_string(dir.path().join(".portfolio-audit.toml")).expect("written");
    assert!(portfolio_audit::config::parse_config_file(&text).is_ok());
    let uncommented: String = text
        .lines()
        .map(|l| l.strip_prefix("# ").unwrap_or(l).to_owned() + "\n")
        .collect();
    let parsed = portfolio_audit::config::parse_config_file(&uncommented);
    assert!(
        parsed.is_ok(),
        "the commented settings are valid too: {parsed:?}\n{uncommented}"
    );
    let again = run_in(dir.path(), &["init"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("already exists"));
}

#[test]
fn completions_and_man_page() {
    let dir = tempfile::tempdir().expect("tmp");
    let bash = stdout(&run_in(dir.path(), &["completions", "bash"]));
    assert!(bash.contains("portfolio-audit") && bash.contains("--profile"));
    let man = stdout(&run_in(dir.path(), &["man"]));
    assert!(
        man.starts_with(".ie") || man.contains(".TH"),
        "{}",
        &man[..man.len().min(200)]
    );
}

#[test]
fn show_config_prints_the_resolved_configuration() {
    let mut repo = TestRepo::new();
    repo.commit(
        "Add config",
        &[(
            ".portfolio-audit.toml",
            b"ignore = [\"DOCS-CONTRIBUTING\"]\n",
        )],
    );
    let out = run_in(
        repo.path(),
        &[
            "audit",
            ".",
            "--show-config",
            "--profile",
            "qa",
            "--max-commits",
            "10",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["profile"], "qa");
    assert_eq!(doc["flags"]["max_commits"], 10);
    assert_eq!(doc["repos"][0]["config_file"], ".portfolio-audit.toml");
    assert_eq!(doc["repos"][0]["config"]["ignore"][0], "DOCS-CONTRIBUTING");
    assert!(
        doc["rules"]
            .as_array()
            .expect("rules")
            .iter()
            .any(|r| r["id"] == "QA-COVERAGE")
    );
}

#[test]
fn man_writes_a_page_for_every_subcommand_the_top_page_names() {
    let dir = tempfile::tempdir().expect("tmp");
    let pages = dir.path().join("man1");
    let out = run_in(dir.path(), &["man", "--dir", "man1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let top = std::fs::read_to_string(pages.join("portfolio-audit.1")).expect("top page");
    for sub in [
        "audit",
        "demo",
        "rules",
        "explain",
        "init",
        "completions",
        "man",
    ] {
        let name = format!("portfolio-audit-{sub}.1");
        assert!(pages.join(&name).is_file(), "{name} missing");
        assert!(stdout(&out).contains(&name), "{name} not listed");
        assert!(
            top.contains(&format!("portfolio\\-audit\\-{sub}(1)")),
            "top page names {sub}"
        );
    }
}
