//! SARIF and Markdown reports: SARIF validated against the official 2.1.0
//! schema (the copy shipped in the serde-sarif crate on crates.io), and
//! repository text escaped in Markdown.

mod common;

use common::*;
use std::path::PathBuf;

fn sarif_schema() -> serde_json::Value {
    let home = std::env::var("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(std::env::var("HOME").expect("HOME")).join(".cargo"));
    let registry = home.join("registry/src");
    let path = std::fs::read_dir(&registry)
        .expect("cargo registry")
        .flatten()
        .map(|index| index.path().join("serde-sarif-0.8.0/src/schema.json"))
        .find(|p| p.exists())
        .expect("the SARIF 2.1.0 schema shipped with the serde-sarif dev-dependency");
    let mut schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("read schema"))
            .expect("schema JSON");
    // The published schema's `run.language` pattern has a stray `]` that
    // ECMAScript reads as a literal and Rust's regex engine rejects; use the
    // evident intent (a language tag such as "en" or "en-US").
    fn fix(v: &mut serde_json::Value, fixed: &mut usize) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, child) in map.iter_mut() {
                    if k == "pattern" && child == "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$" {
                        *child = serde_json::json!("^[a-zA-Z]{2}(-[a-zA-Z]{2})?$");
                        *fixed += 1;
                    } else {
                        fix(child, fixed);
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(|i| fix(i, fixed)),
            _ => {}
        }
    }
    let mut fixed = 0;
    fix(&mut schema, &mut fixed);
    assert!(fixed > 0, "the schema changed; revisit this workaround");
    schema
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let out = run_in(portfolio(), &["audit", ".", "--format", "sarif"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let schema = sarif_schema();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .take(10)
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));

    let runs = sarif["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), fixture_names().len());
    let mistakes = runs
        .iter()
        .find(|r| r["automationDetails"]["id"] == "portfolio-audit/./mistakes")
        .expect("mistakes run");
    let rules = mistakes["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    let venv = mistakes["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|r| r["ruleId"] == "HYGIENE-NO-VENV")
        .expect("venv result");
    assert_eq!(venv["level"], "error");
    assert!(
        venv["locations"][0].get("physicalLocation").is_none(),
        "a directory is no file to pin: {venv}"
    );
    assert_eq!(
        venv["locations"][0]["logicalLocations"][0]["kind"], "directory",
        "{venv}"
    );
    let rule = &rules[venv["ruleIndex"].as_u64().expect("index") as usize];
    assert_eq!(rule["id"], "HYGIENE-NO-VENV");
    let help = rule["help"]["text"].as_str().expect("help");
    assert!(help.contains("git rm"), "{help}");
    assert!(help.contains("Why it matters:"), "{help}");
    assert!(
        help.contains("(Python Developer Career Path Guide)") && !help.contains("9632d8495c49f249"),
        "guides are cited by title: {help}"
    );
    assert!(
        rule["helpUri"]
            .as_str()
            .is_some_and(|u| u.ends_with("rules.md#hygiene")),
        "{rule}"
    );
    // No finding is pinned to a README that is not there, or to any file
    // its evidence does not name.
    for run in runs {
        for result in run["results"].as_array().expect("results") {
            for loc in result["locations"].as_array().expect("locations") {
                if let Some(uri) = loc["physicalLocation"]["artifactLocation"]["uri"].as_str() {
                    assert!(!uri.ends_with('/'), "{uri}");
                }
            }
        }
    }
    let secret = mistakes["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|r| r["ruleId"] == "HYGIENE-NO-SECRETS")
        .expect("secret");
    assert_eq!(
        secret["locations"][0]["physicalLocation"]["region"]["startLine"],
        1
    );
    // One location per file evidence item, as JSON lists them.
    let json: serde_json::Value = serde_json::from_slice(
        &run_in(portfolio(), &["audit", "mistakes", "--format", "json"]).stdout,
    )
    .expect("json");
    let evidence = json["repos"][0]["outcomes"]
        .as_array()
        .expect("rules")
        .iter()
        .find(|r| r["id"] == "HYGIENE-NO-SECRETS")
        .map(|r| r["evidence"].as_array().expect("evidence").len())
        .expect("secret rule in JSON");
    assert!(evidence > 1, "the fixture commits several secrets");
    assert_eq!(
        secret["locations"].as_array().expect("locations").len(),
        evidence,
        "{secret}"
    );
}

#[test]
fn markdown_escapes_repository_text() {
    let mut repo = TestRepo::new();
    repo.commit(
        "Add files",
        &[
            (
                "README.md",
                b"# <script>alert(1)</script> @octocat [x](javascript:alert(1))\n",
            ),
            (
                "tests/test_<img src=x onerror=alert(1)>.py",
                b"def test_a():\n    pass\n",
            ),
            ("app.py", b"x = 1\n"),
        ],
    );
    let out = run_in(repo.path(), &["audit", ".", "--format", "markdown"]);
    assert!(out.status.success());
    let md = stdout(&out);
    assert!(!md.contains("<img") && !md.contains("<script"), "{md}");
    assert!(
        !md.contains("@octocat"),
        "an @-mention would notify someone: {md}"
    );
    assert!(
        md.contains("&lt;img src=x onerror=alert\\(1\\)&gt;"),
        "{md}"
    );
    assert!(md.contains("<details><summary>"), "details are collapsed");
}

#[test]
fn markdown_report_snapshot() {
    let out = run_in(
        portfolio(),
        &["audit", "tutorial-dump", "web-api", "--format", "markdown"],
    );
    assert!(out.status.success());
    insta::assert_snapshot!(stdout(&out));
}

#[test]
fn junit_has_one_case_per_rule_and_escapes_text() {
    let mut repo = TestRepo::new();
    repo.commit(
        "Add files",
        &[
            ("README.md", b"# A & <B> \"quoted\"\n"),
            ("app.py", b"x = 1\n"),
            // Committed bytecode: its path reaches the failure as evidence.
            ("a&<b>\"q'.pyc", b"x"),
        ],
    );
    let out = run_in(repo.path(), &["audit", ".", "--format", "junit"]);
    assert!(out.status.success());
    let xml = stdout(&out);
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"));
    let report = json(&run_in(repo.path(), &["audit", ".", "--format", "json"]));
    let rules = report["repos"][0]["outcomes"]
        .as_array()
        .expect("outcomes")
        .len();
    assert_eq!(xml.matches("<testcase ").count(), rules);
    assert!(xml.contains("<failure type=\"error\""));
    assert!(xml.contains("<skipped "));
    assert_eq!(
        xml.matches("<testsuite ").count(),
        xml.matches("</testsuite>").count()
    );
    assert!(!xml.contains("<b>"), "{xml}");
    assert!(xml.contains("a&amp;&lt;b&gt;&quot;q&apos;.pyc"), "{xml}");
}

#[test]
fn badge_and_shields_endpoint() {
    let out = run_in(portfolio(), &["audit", "exemplary", "--format", "badge"]);
    let svg = stdout(&out);
    assert!(
        svg.starts_with("<svg") && svg.contains("(A)") && svg.contains("#2ea44f"),
        "{svg}"
    );
    let shields: serde_json::Value = serde_json::from_slice(
        &run_in(portfolio(), &["audit", "mistakes", "--format", "shields"]).stdout,
    )
    .expect("json");
    assert_eq!(shields["schemaVersion"], 1);
    assert_eq!(shields["color"], "red");
    assert!(
        shields["message"]
            .as_str()
            .expect("message")
            .ends_with("(F)")
    );
}

#[test]
fn fail_on_severity_sets_the_exit_code() {
    let good = run_in(
        portfolio(),
        &[
            "audit",
            "exemplary",
            "--fail-on",
            "error",
            "--format",
            "json",
        ],
    );
    assert_eq!(good.status.code(), Some(0));
    let bad = run_in(
        portfolio(),
        &[
            "audit",
            "mistakes",
            "--fail-on",
            "error",
            "--format",
            "json",
        ],
    );
    assert_eq!(bad.status.code(), Some(1));
    let warn = run_in(
        portfolio(),
        &[
            "audit",
            "exemplary",
            "--fail-on",
            "warn",
            "--format",
            "json",
        ],
    );
    let report = json(&warn);
    let has_warn_fail = report["repos"][0]["outcomes"]
        .as_array()
        .expect("o")
        .iter()
        .any(|o| o["status"] == "fail" && o["severity"] != "info");
    assert_eq!(warn.status.code(), Some(if has_warn_fail { 1 } else { 0 }));
}

#[test]
fn a_baseline_reports_regressions_and_improvements() {
    let mut repo = TestRepo::new();
    repo.commit("Add app", &[("app.py", b"x = 1\n"), ("LICENSE", b"MIT")]);
    let before = run_in(
        repo.path(),
        &["audit", ".", "--format", "json", "-o", "../before.json"],
    );
    assert!(before.status.success());
    // Drop the license, add a changelog.
    repo.commit(
        "Swap files",
        &[("app.py", b"x = 1\n"), ("CHANGELOG.md", b"# Changes\n")],
    );
    let baseline = repo.path().join("../before.json");
    let b = baseline.to_str().expect("utf8");
    let out = run_in(
        repo.path(),
        &["audit", ".", "--format", "json", "--baseline", b],
    );
    let report = json(&out);
    let change = &report["baseline"][0];
    assert_eq!(change["regressions"], serde_json::json!(["DOCS-LICENSE"]));
    let improved = change["improvements"].as_array().expect("improvements");
    assert!(
        improved.iter().any(|i| i == "DOCS-CHANGELOG"),
        "{improved:?}"
    );
    let text = stdout(&run_in(
        repo.path(),
        &["audit", ".", "--color", "never", "--baseline", b],
    ));
    assert!(
        text.contains("regressed: DOCS-LICENSE") && text.contains("improved: DOCS-CHANGELOG"),
        "{text}"
    );
    let gate = run_in(
        repo.path(),
        &[
            "audit",
            ".",
            "--format",
            "json",
            "--baseline",
            b,
            "--fail-on-regression",
        ],
    );
    assert_eq!(gate.status.code(), Some(1));
    let same = run_in(
        repo.path(),
        &["audit", ".", "--format", "json", "-o", "../now.json"],
    );
    assert!(same.status.success());
    let now = repo.path().join("../now.json");
    let steady = run_in(
        repo.path(),
        &[
            "audit",
            ".",
            "--format",
            "json",
            "--baseline",
            now.to_str().expect("utf8"),
            "--fail-on-regression",
        ],
    );
    assert_eq!(steady.status.code(), Some(0));
    let missing = run_in(repo.path(), &["audit", ".", "--baseline", "nope.json"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn html_is_self_contained_and_escaped() {
    let mut repo = TestRepo::new();
    repo.commit(
        "Add files",
        &[
            (
                "README.md",
                b"# <script>alert(1)</script>\n\n![s](docs/x<svg/onload=alert(1)>.png)\n",
            ),
            (
                "tests/test_<img src=x onerror=alert(1)>.py",
                b"def test_a():\n    pass\n",
            ),
            ("app.py", b"x = 1\n"),
            ("a&<b>\"q.pyc", b"x"),
        ],
    );
    let out = run_in(repo.path(), &["audit", ".", "--format", "html"]);
    assert!(out.status.success());
    let html = stdout(&out);
    assert!(html.starts_with("<!doctype html>"));
    assert!(
        !html.contains("<script") && !html.contains("<img"),
        "no scripts and no injected tags"
    );
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!html.contains("<svg"), "the README-LINKS note is escaped");
    assert!(
        html.contains("docs/x&lt;svg/onload=alert(1)&gt;.png does not exist"),
        "{html}"
    );
    assert!(html.contains("a&amp;&lt;b&gt;&quot;q.pyc"), "{html}");
    assert!(
        // Fix texts may quote a URL as text; no attribute may load one.
        !html.contains("=\"http") && !html.contains("='http") && !html.contains("<link"),
        "no external assets"
    );
    let portfolio_html = stdout(&run_in(
        portfolio(),
        &["audit", "exemplary", "mistakes", "--format", "html"],
    ));
    assert!(
        portfolio_html.contains("id=\"portfolio\"") && portfolio_html.contains("class=\"fill\"")
    );
}

#[test]
fn one_run_writes_several_formats() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = run_in(
        portfolio(),
        &[
            "audit",
            "exemplary",
            "--format",
            "json",
            "-o",
            &format!("sarif={}", dir.path().join("a.sarif").display()),
            "-o",
            &format!("markdown={}", dir.path().join("b.md").display()),
            "-o",
            &dir.path().join("c.json").display().to_string(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("a.sarif")).expect("sarif"))
            .expect("json");
    assert_eq!(sarif["version"], "2.1.0");
    assert!(
        std::fs::read_to_string(dir.path().join("b.md"))
            .expect("md")
            .starts_with("## portfolio-audit")
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("c.json")).expect("json"))
            .expect("json");
    assert_eq!(report["schema_version"], 1);
}
