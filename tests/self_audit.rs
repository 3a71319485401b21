//! Practise what we audit: this repository, audited at HEAD by the tool it
//! ships, passes every error-severity rule and is not capped. The calibration
//! notes once quoted a labelled repository's password and capped this
//! repository at 59; nothing else checked it. As a Rust crate it gets no
//! score, and the rules that need a Python project do not apply; every
//! other error rule still must pass.

mod common;
use common::*;

/// Error-severity rules this repository is known to fail, each with why.
const KNOWN: &[(&str, &str)] = &[(
    "HISTORY-NO-SECRETS",
    "a proptest regression seed holding a fake AKIA key, committed and deleted before this test existed",
)];

#[test]
fn this_repository_passes_its_own_error_rules_and_is_not_capped() {
    let cache = tempfile::tempdir().expect("tmp");
    let repo = manifest_dir();
    let out = std::process::Command::new(BIN)
        .args([
            "audit",
            repo.to_str().expect("utf-8 path"),
            "--format",
            "json",
            "-q",
        ])
        .env("PORTFOLIO_AUDIT_CACHE_DIR", cache.path())
        .output()
        .expect("run the binary");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    let repo = &report["repos"][0];
    assert!(repo["capped_by"].is_null(), "capped: {}", repo["capped_by"]);
    let failing: Vec<String> = repo["outcomes"]
        .as_array()
        .expect("outcomes")
        .iter()
        .filter(|o| o["severity"] == "error")
        .filter(|o| o["status"] != "pass" && o["status"] != "not-applicable")
        .filter(|o| !KNOWN.iter().any(|(id, _)| o["id"] == *id))
        .map(|o| format!("{} ({}): {}", o["id"], o["status"], o["message"]))
        .collect();
    assert!(
        failing.is_empty(),
        "error rules failing on this repository:\n{}",
        failing.join("\n")
    );
}
