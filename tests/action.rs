//! Runs action.yml's own steps locally, in order, with a simulated GitHub
//! environment: the workspace, the step summary and the outputs file are
//! temporary files, and inputs arrive as the step's INPUT_* variables.

mod common;

use common::*;
use portfolio_audit::facts::yaml::{self, Node};
use std::collections::BTreeMap;
use std::path::Path;

fn run_action(
    workspace: &Path,
    inputs: &[(&str, &str)],
) -> (i32, String, String, tempfile::TempDir) {
    let text = std::fs::read_to_string(manifest_dir().join("action.yml")).expect("action.yml");
    let doc = yaml::parse(&text).expect("action.yml parses").remove(0);
    // Input defaults, then the test's values.
    let mut values: BTreeMap<String, String> = BTreeMap::new();
    for (name, spec) in doc.get("inputs").map(Node::entries).unwrap_or_default() {
        let default = spec.get("default").and_then(Node::as_str).unwrap_or("");
        values.insert(name.as_str().expect("name").to_owned(), default.to_owned());
    }
    for (k, v) in inputs {
        values.insert((*k).to_owned(), (*v).to_owned());
    }
    let tmp = tempfile::tempdir().expect("tmp");
    let summary = tmp.path().join("summary.md");
    let outputs = tmp.path().join("outputs.txt");
    std::fs::write(&summary, "").expect("write");
    std::fs::write(&outputs, "").expect("write");
    let bin_dir = Path::new(BIN).parent().expect("bin dir");
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut last_status = 0;
    for step in doc
        .get("runs")
        .and_then(|r| r.get("steps"))
        .map(Node::items)
        .unwrap_or_default()
    {
        let Some(script) = step.get("run").and_then(Node::as_str) else {
            // `uses:` steps (the build cache) need GitHub's runner; skipped.
            continue;
        };
        let mut cmd = std::process::Command::new("bash");
        cmd.arg("-c")
            .arg(script)
            .current_dir(workspace)
            .env("PATH", &path)
            .env("GITHUB_ACTION_PATH", manifest_dir())
            .env("GITHUB_WORKSPACE", workspace)
            .env("GITHUB_STEP_SUMMARY", &summary)
            .env("GITHUB_OUTPUT", &outputs)
            .env("PORTFOLIO_AUDIT_CACHE_DIR", cache_dir());
        for (key, value) in step.get("env").map(Node::entries).unwrap_or_default() {
            let value = value.as_str().unwrap_or("");
            let resolved = match value
                .strip_prefix("${{ inputs.")
                .and_then(|v| v.strip_suffix(" }}"))
            {
                Some(input) => values.get(input).cloned().unwrap_or_default(),
                None => value.to_owned(),
            };
            cmd.env(key.as_str().expect("key"), resolved);
        }
        let out = cmd.output().expect("step runs");
        last_status = out.status.code().unwrap_or(-1);
        if last_status != 0 {
            break;
        }
    }
    let summary_text = std::fs::read_to_string(&summary).expect("summary");
    let outputs_text = std::fs::read_to_string(&outputs).expect("outputs");
    (last_status, summary_text, outputs_text, tmp)
}

#[test]
fn the_action_writes_summary_sarif_and_outputs() {
    let workspace = portfolio();
    let sarif = workspace.join("action-test.sarif");
    let (status, summary, outputs, _tmp) = run_action(
        workspace,
        &[
            ("paths", "exemplary web-api"),
            ("sarif-file", sarif.to_str().expect("utf8")),
        ],
    );
    assert_eq!(status, 0);
    assert!(summary.starts_with("## portfolio-audit"), "{summary}");
    assert!(summary.contains("exemplary") && summary.contains("web\\-api"));
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).expect("sarif")).expect("json");
    assert_eq!(doc["version"], "2.1.0");
    assert_eq!(doc["runs"].as_array().expect("runs").len(), 2);
    let score_line = outputs
        .lines()
        .find(|l| l.starts_with("score="))
        .expect("score output");
    assert!(
        score_line["score=".len()..].parse::<f64>().is_ok(),
        "{outputs}"
    );
    assert!(
        outputs
            .lines()
            .any(|l| l.len() == "grade=A".len() && l.starts_with("grade=")),
        "{outputs}"
    );
    let _ = std::fs::remove_file(sarif);
}

#[test]
fn the_action_fails_the_step_on_its_gates() {
    let workspace = portfolio();
    let sarif = workspace.join("action-gate.sarif");
    let (status, summary, outputs, _tmp) = run_action(
        workspace,
        &[
            ("paths", "mistakes"),
            ("fail-on", "error"),
            ("sarif-file", sarif.to_str().expect("utf8")),
        ],
    );
    assert_eq!(status, 1);
    assert!(
        summary.contains("mistakes"),
        "the summary is written before the gate"
    );
    assert!(outputs.contains("grade=F"), "{outputs}");
    let _ = std::fs::remove_file(sarif);
}

#[test]
fn the_action_audits_once_uploads_sarif_and_keys_its_cache_on_the_version() {
    let script = std::fs::read_to_string(manifest_dir().join("action/run.sh")).expect("run.sh");
    assert_eq!(
        script.matches("portfolio-audit audit").count(),
        1,
        "one audit writes every report"
    );
    let text = std::fs::read_to_string(manifest_dir().join("action.yml")).expect("action.yml");
    let doc = yaml::parse(&text).expect("action.yml parses").remove(0);
    let steps = doc
        .get("runs")
        .and_then(|r| r.get("steps"))
        .map(Node::items)
        .unwrap_or_default();
    let uses = |step: &Node| {
        step.get("uses")
            .and_then(Node::as_str)
            .unwrap_or("")
            .to_owned()
    };
    let upload = steps
        .iter()
        .find(|s| uses(s).starts_with("github/codeql-action/upload-sarif@"))
        .expect("an upload-sarif step");
    let condition = upload.get("if").and_then(Node::as_str).unwrap_or("");
    assert!(condition.contains("inputs.upload-sarif"), "{condition}");
    let cache = steps
        .iter()
        .find(|s| uses(s).starts_with("actions/cache@"))
        .expect("a cache step");
    let key = cache
        .get("with")
        .and_then(|w| w.get("key"))
        .and_then(Node::as_str)
        .unwrap_or("");
    // The wheel cache is keyed on a hash of the source the wheel is built
    // from, Cargo.toml (the version) and Cargo.lock included: a new release
    // is a new key.
    assert!(key.contains("steps.wheel-key.outputs.wheel-key"), "{key}");
    let keyer = steps
        .iter()
        .find(|s| s.get("id").and_then(Node::as_str) == Some("wheel-key"))
        .and_then(|s| s.get("run"))
        .and_then(Node::as_str)
        .unwrap_or("");
    assert!(
        keyer.contains("Cargo.toml") && keyer.contains("Cargo.lock"),
        "{keyer}"
    );
    assert!(
        doc.get("inputs")
            .and_then(|i| i.get("upload-sarif"))
            .is_some(),
        "an input turns the upload off"
    );
}

#[test]
fn the_action_names_the_checked_out_repository_not_dot() {
    let workspace = portfolio().join("exemplary");
    let sarif = portfolio().join("action-dot.sarif");
    let (status, summary, outputs, _tmp) = run_action(
        &workspace,
        &[
            ("paths", "."),
            ("sarif-file", sarif.to_str().expect("utf8")),
        ],
    );
    assert_eq!(status, 0);
    assert!(summary.contains("| exemplary |"), "{summary}");
    assert!(!summary.contains("| . |"), "{summary}");
    assert!(outputs.contains("sarif="), "{outputs}");
    let _ = std::fs::remove_file(sarif);
}

#[test]
fn the_action_keeps_the_result_cache_between_runs_unless_told_not_to() {
    let text = std::fs::read_to_string(manifest_dir().join("action.yml")).expect("action.yml");
    let doc = yaml::parse(&text).expect("action.yml parses").remove(0);
    let input = doc.get("inputs").and_then(|i| i.get("cache"));
    assert_eq!(
        input.and_then(|i| i.get("default")).and_then(Node::as_str),
        Some("true"),
        "an input, on by default, turns the cache off"
    );
    let steps = doc
        .get("runs")
        .and_then(|r| r.get("steps"))
        .map(Node::items)
        .unwrap_or_default();
    let text_of = |step: &Node, field: &str| {
        step.get("with")
            .and_then(|w| w.get(field))
            .and_then(Node::as_str)
            .unwrap_or("")
            .to_owned()
    };
    let cache = steps
        .iter()
        .find(|s| text_of(s, "path").contains("steps.result-key.outputs.dir"))
        .expect("an actions/cache step for the result cache");
    let uses = cache.get("uses").and_then(Node::as_str).unwrap_or("");
    assert!(uses.starts_with("actions/cache@"), "{uses}");
    let condition = cache.get("if").and_then(Node::as_str).unwrap_or("");
    assert!(condition.contains("inputs.cache"), "{condition}");
    assert!(text_of(cache, "key").contains("steps.result-key.outputs.key"));
    let restore = text_of(cache, "restore-keys");
    assert!(
        restore.contains("outputs.prefix") && restore.contains("outputs.version-prefix"),
        "{restore}"
    );
    // The keyer runs before the audit and hands it the folder it caches.
    let position = |id: &str| {
        steps
            .iter()
            .position(|s| s.get("id").and_then(Node::as_str) == Some(id))
            .unwrap_or_else(|| panic!("a step with id {id}"))
    };
    assert!(position("result-key") < position("audit"));

    // The key names the tool version and the targets, and ends with the run.
    let key_for = |paths: &str| {
        let tmp = tempfile::tempdir().expect("tmp");
        let (outputs, env) = (tmp.path().join("out"), tmp.path().join("env"));
        let status = std::process::Command::new("bash")
            .arg(manifest_dir().join("action/cache-key.sh"))
            .current_dir(tmp.path())
            .env("GITHUB_ACTION_PATH", manifest_dir())
            .env("GITHUB_WORKSPACE", tmp.path())
            .env("GITHUB_OUTPUT", &outputs)
            .env("GITHUB_ENV", &env)
            .env("GITHUB_RUN_ID", "42")
            .env("RUNNER_OS", "Linux")
            .env("INPUT_PATHS", paths)
            .env("PORTFOLIO_AUDIT_CACHE_DIR", "/cache/pa")
            .status()
            .expect("cache-key.sh runs");
        assert!(status.success());
        let out = std::fs::read_to_string(&outputs).expect("outputs");
        let env = std::fs::read_to_string(&env).expect("env");
        assert!(env.contains("PORTFOLIO_AUDIT_CACHE_DIR=/cache/pa"), "{env}");
        assert!(out.contains("dir=/cache/pa"), "{out}");
        out.lines()
            .find_map(|l| l.strip_prefix("key="))
            .expect("a key")
            .to_owned()
    };
    let key = key_for("repos/a repos/b");
    let version = format!("-v{}-", env!("CARGO_PKG_VERSION"));
    assert!(key.starts_with("portfolio-audit-results-Linux"), "{key}");
    assert!(key.contains(&version) && key.ends_with("-42-1"), "{key}");
    assert_ne!(key, key_for("repos/a"), "other targets, another key");
    assert_eq!(key, key_for("repos/a repos/b"));
}
