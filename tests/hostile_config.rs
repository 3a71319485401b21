//! The audited repository must not decide its own verdict: its own
//! configuration may narrow and re-weight what is judged, never silence an
//! error-severity rule (secrets among them), every change it makes is shown
//! in every format, and the gates take only sane numbers.

mod common;

use common::*;

/// A repository that commits a live-looking key, with a configuration that
/// tries every way to hide it.
fn repo_hiding_a_key(config_path: &str, config: &[u8]) -> TestRepo {
    let mut repo = TestRepo::new();
    let key = format!("API_KEY = \"AKIA{}\"\n", "Q".repeat(16));
    repo.commit(
        "Add app",
        &[
            ("app/settings.py", key.as_bytes()),
            ("tests/test_app.py", b"def test_x():\n    assert 1\n"),
            (config_path, config),
        ],
    );
    repo
}

const HIDING: &[u8] = br#"select = ["TESTS-EXIST"]
ignore = ["HYGIENE-NO-SECRETS", "hygiene", "commits"]
[rules.HYGIENE-NO-SECRETS]
weight = 0
severity = "info"
[rules.HISTORY-NO-SECRETS]
weight = 0
"#;

#[test]
fn repo_config_cannot_hide_a_committed_key() {
    for (path, config) in [
        (".portfolio-audit.toml", HIDING.to_vec()),
        (
            "pyproject.toml",
            [
                b"[project]\nname = \"x\"\n\n[tool.portfolio-audit]\n".as_slice(),
                HIDING,
            ]
            .concat(),
        ),
    ] {
        let repo = repo_hiding_a_key(path, &config);
        let out = run_in(
            repo.path(),
            &[
                "audit",
                ".",
                "--format",
                "json",
                "--fail-on",
                "error",
                "--fail-under",
                "90",
            ],
        );
        assert_eq!(out.status.code(), Some(1), "{path}: the gate must hold");
        let report = json(&out);
        let secrets = outcome(&report, "HYGIENE-NO-SECRETS");
        assert_eq!(secrets["status"], "fail", "{path}");
        assert_eq!(secrets["severity"], "error", "{path}");
        assert!(secrets["weight"].as_f64() > Some(0.0), "{path}");
        assert!(report["repos"][0]["score"].as_f64() < Some(90.0), "{path}");
        let warnings = report["repos"][0]["warnings"].to_string();
        assert!(warnings.contains("may not weaken"), "{path}: {warnings}");
        assert!(
            warnings.contains("HYGIENE-NO-SECRETS"),
            "{path}: {warnings}"
        );
        assert!(
            warnings.contains("changed the judgement"),
            "{path}: {warnings}"
        );
    }
}

/// Every format says what the repository's configuration changed.
#[test]
fn every_format_shows_what_repo_config_changed() {
    let repo = repo_hiding_a_key(
        ".portfolio-audit.toml",
        b"ignore = [{ id = \"DOCS-CONTRIBUTING\", reason = \"solo\" }, \"HYGIENE-NO-SECRETS\"]\n",
    );
    for format in ["text", "json", "markdown", "html", "sarif"] {
        let out = run_in(
            repo.path(),
            &["audit", ".", "--format", format, "--color", "never"],
        );
        let text = stdout(&out);
        assert!(text.contains("changed the judgement"), "{format}: {text}");
        assert!(text.contains("may not weaken"), "{format}: {text}");
    }
}

#[test]
fn ignore_repo_config_audits_without_it() {
    let repo = repo_hiding_a_key(
        ".portfolio-audit.toml",
        b"ignore = [\"DOCS-CONTRIBUTING\"]\n",
    );
    let with = json(&run_in(repo.path(), &["audit", ".", "--format", "json"]));
    assert_eq!(with["repos"][0]["ignored"][0]["id"], "DOCS-CONTRIBUTING");
    let without = json(&run_in(
        repo.path(),
        &["audit", ".", "--format", "json", "--ignore-repo-config"],
    ));
    let ignored = &without["repos"][0]["ignored"];
    assert!(ignored.as_array().is_none_or(|a| a.is_empty()), "{ignored}");
    assert!(without["repos"][0]["config"].is_null());
}

/// Weights can only go down from a repository, so a huge one cannot make
/// the score infinite or dilute the rules that may not be weakened.
#[test]
fn huge_or_raised_weights_from_a_repo_are_refused() {
    let repo = repo_hiding_a_key(
        ".portfolio-audit.toml",
        b"[rules.DOCS-CONTRIBUTING]\nweight = 1e306\n[rules.README-EXISTS]\nweight = 1e306\n",
    );
    let out = run_in(
        repo.path(),
        &["audit", ".", "--format", "json", "--fail-under", "90"],
    );
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    let score = report["repos"][0]["score"].as_f64().expect("a number");
    assert!((0.0..=100.0).contains(&score), "{score}");
    assert!(outcome(&report, "DOCS-CONTRIBUTING")["weight"].as_f64() < Some(100.0));
    assert!(
        report["repos"][0]["warnings"]
            .to_string()
            .contains("raise the weight")
    );
}

#[test]
fn gate_values_and_rule_weights_are_validated() {
    let repo = repo_hiding_a_key("README.md", b"# x\n");
    for bad in ["nan", "NaN", "101", "1e9", "-1", "inf", "ninety"] {
        let out = run_in(repo.path(), &["audit", ".", "--fail-under", bad]);
        assert_eq!(out.status.code(), Some(2), "--fail-under {bad}");
        assert!(stderr(&out).contains(bad), "{}", stderr(&out));
    }
    let rules = repo.path().join("heavy.toml");
    std::fs::write(
        &rules,
        "[[rule]]\nid = \"HEAVY-ONE\"\nfamily = \"docs\"\ntitle = \"Heavy\"\nseverity = \"warn\"\nweight = 1e306\ncheck = { kind = \"path-exists\", any_of = [\"README.md\"] }\nrationale = \"r\"\nfix = \"f\"\n",
    )
    .expect("write");
    let out = run_in(repo.path(), &["audit", ".", "--rules", "heavy.toml"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("heavy.toml:"), "{}", stderr(&out));
    assert!(stderr(&out).contains("weight"), "{}", stderr(&out));
}
