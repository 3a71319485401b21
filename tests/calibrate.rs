//! `calibrate` on the bundled fixtures, built into temporary git
//! repositories, against labels written here. The fixtures chosen are far
//! apart (an exemplary project, a web API, a beginner project, one full of
//! mistakes), so the figures asserted depend on the order of their scores
//! and on plain facts (CI present, tests present, a committed secret), not
//! on the exact scores.

mod common;

use common::{manifest_dir, run_in, stderr, stdout};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The fixtures, laid out as mirrors are: `owner+name/repo`.
fn mirrors() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = common::process_temp_dir("pa-calibrate");
        for name in ["exemplary", "web-api", "beginner-no-tests", "mistakes"] {
            portfolio_audit::fixture::build(
                &manifest_dir().join("test-repos").join(name),
                &dir.join(format!("fixtures+{name}")).join("repo"),
            )
            .expect("fixture builds");
        }
        dir
    })
}

fn repo(name: &str) -> String {
    mirrors()
        .join(format!("fixtures+{name}"))
        .join("repo")
        .display()
        .to_string()
}

const LABELS: &str = r#"
[[repo]]
slug = "fixtures/exemplary"
set = "dev"
tier = "strong"
[repo.expect]
CI-EXISTS = "pass"
TESTS-EXIST = "pass"
HYGIENE-NO-SECRETS = "pass"

[[repo]]
slug = "fixtures/web-api"
set = "dev"
tier = "solid"

[[repo]]
slug = "fixtures/beginner-no-tests"
set = "dev"
tier = "weak"
[repo.expect]
CI-EXISTS = "fail"
TESTS-EXIST = "fail"

[[repo]]
slug = "someone/named-by-path"
path = "MISTAKES"
set = "dev"
tier = "weak"
[repo.expect]
CI-EXISTS = "pass"
HYGIENE-NO-SECRETS = "fail"
# Deliberately wrong: the fixture has no licence, so the tool fails it.
DOCS-LICENSE = "pass"

[[repo]]
slug = "fixtures/never-given"
set = "dev"
tier = "solid"

[[repo]]
slug = "fixtures/kept-aside"
set = "holdout"
tier = "strong"
"#;

/// Writes labels next to nothing in particular; `MISTAKES` becomes the
/// absolute path of that fixture, to test `path = "..."`.
fn labels_file(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("labels.toml");
    std::fs::write(&path, text.replace("MISTAKES", &repo("mistakes"))).expect("write labels");
    (dir, path)
}

fn calibrate(labels: &Path, extra: &[&str]) -> (Value, std::process::Output) {
    let labels = labels.display().to_string();
    let mut args = vec!["calibrate", labels.as_str()];
    let repos = [
        repo("exemplary"),
        repo("web-api"),
        repo("beginner-no-tests"),
        repo("mistakes"),
    ];
    args.extend(repos.iter().map(String::as_str));
    args.extend_from_slice(extra);
    args.extend_from_slice(&["--format", "json"]);
    let out = run_in(&manifest_dir(), &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json = serde_json::from_str(&stdout(&out)).expect("json output");
    (json, out)
}

fn close(v: &Value, want: f64) -> bool {
    v.as_f64().is_some_and(|v| (v - want).abs() < 1e-9)
}

#[test]
fn scores_follow_the_tiers_and_rules_are_measured_against_labels() {
    let (_dir, labels) = labels_file(LABELS);
    let (json, _) = calibrate(&labels, &["/nowhere/stranger"]);
    assert_eq!(json["entries"], 6);
    let dev = &json["parts"][0];
    assert_eq!(dev["set"], "dev");
    assert_eq!(dev["repos"], 4);
    assert_eq!(dev["ranked"], 4);
    // strong > solid > weak, weak: 5 pairs of different tiers, all ordered.
    assert_eq!(dev["pairwise"]["pairs"], 5);
    assert!(close(&dev["pairwise"]["share"], 1.0), "{}", dev["pairwise"]);
    // Score ranks 4 3 {2,1} against tier ranks 4 3 1.5 1.5: ρ = 3/√10.
    assert!(
        close(&dev["spearman"], 3.0 / 10f64.sqrt()),
        "{}",
        dev["spearman"]
    );
    let tiers = &dev["tiers"];
    assert_eq!(tiers[0]["tier"], "strong");
    assert_eq!(tiers[0]["n"], 1);
    assert_eq!(tiers[2]["n"], 2);
    assert!(
        dev["details"]["inversions"]
            .as_array()
            .expect("list")
            .is_empty()
    );

    let ci = &dev["rules"]["CI-EXISTS"];
    assert_eq!(
        (ci["n"].as_u64(), ci["agreeing"].as_u64()),
        (Some(3), Some(3))
    );
    assert!(close(&ci["precision"], 1.0) && close(&ci["recall"], 1.0));
    let secrets = &dev["rules"]["HYGIENE-NO-SECRETS"];
    assert!(close(&secrets["recall"], 1.0), "{secrets}");
    // The wrong label is a false failure: precision 0, no recall to speak of.
    let licence = &dev["rules"]["DOCS-LICENSE"];
    assert_eq!(licence["false_fail"], 1);
    assert!(close(&licence["precision"], 0.0));
    assert!(licence["recall"].is_null());
    assert_eq!(dev["signals"]["n"], 8);
    assert_eq!(dev["signals"]["agreeing"], 7);

    let disagreements = dev["details"]["disagreements"].as_array().expect("list");
    assert_eq!(disagreements.len(), 1, "{disagreements:?}");
    assert_eq!(disagreements[0]["repo"], "someone/named-by-path");
    assert_eq!(disagreements[0]["rule"], "DOCS-LICENSE");
    assert_eq!(disagreements[0]["status"], "fail");

    assert_eq!(json["missing"], serde_json::json!(["fixtures/never-given"]));
    assert_eq!(json["unmatched_paths"][0]["repo"], "/nowhere/stranger");
    // Fixtures are git repositories but no commit was labelled: no warning.
    assert_eq!(json["warnings"], serde_json::json!([]));
}

#[test]
fn an_inverted_pair_is_listed_with_its_gap() {
    let text = LABELS
        .replacen("tier = \"strong\"", "tier = \"weak\"", 1)
        .replacen(
            "tier = \"weak\"\n[repo.expect]\nCI-EXISTS = \"fail\"",
            "tier = \"strong\"\n[repo.expect]\nCI-EXISTS = \"fail\"",
            1,
        );
    let (_dir, labels) = labels_file(&text);
    let (json, _) = calibrate(&labels, &[]);
    let inv = &json["parts"][0]["details"]["inversions"];
    let worst = &inv[0];
    assert_eq!(worst["lower"], "fixtures/exemplary");
    assert_eq!(worst["higher"], "fixtures/beginner-no-tests");
    let gap = worst["gap"].as_f64().expect("gap");
    let scores = worst["lower_score"].as_f64().expect("score")
        - worst["higher_score"].as_f64().expect("score");
    assert!(gap > 0.0 && (gap - scores).abs() < 1e-9);
    assert!(
        json["parts"][0]["pairwise"]["share"]
            .as_f64()
            .expect("share")
            < 1.0
    );
}

#[test]
fn all_shows_each_set_and_keeps_the_holdout_lists_hidden() {
    let (_dir, labels) = labels_file(LABELS);
    let (json, out) = calibrate(&labels, &["--set", "all"]);
    let sets: Vec<&str> = json["parts"]
        .as_array()
        .expect("parts")
        .iter()
        .map(|p| p["set"].as_str().expect("set"))
        .collect();
    assert_eq!(sets, vec!["dev", "holdout", "all"]);
    assert!(json["parts"][0]["details"].is_object());
    assert!(json["parts"][1].get("details").is_none());
    assert!(json["parts"][2].get("details").is_none());
    assert_eq!(json["parts"][1]["repos"], 0);
    let missing = json["missing"].as_array().expect("missing");
    assert!(missing.contains(&Value::from("fixtures/kept-aside")));
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
}

#[test]
fn a_repository_that_cannot_be_audited_is_an_error_line_not_a_drop() {
    let (_dir, labels) = labels_file(LABELS);
    let gone = mirrors().join("fixtures+never-given").join("repo");
    let (json, _) = calibrate(&labels, &[gone.to_str().expect("utf-8")]);
    let errors = json["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["repo"], "fixtures/never-given");
    assert_eq!(json["parts"][0]["repos"], 5);
    assert_eq!(json["parts"][0]["unscored"], 1);
    assert_eq!(json["parts"][0]["ranked"], 4);
}

#[test]
fn text_output_names_the_figures() {
    let (_dir, labels) = labels_file(LABELS);
    let labels = labels.display().to_string();
    let exemplary = repo("exemplary");
    let beginner = repo("beginner-no-tests");
    let out = run_in(
        &manifest_dir(),
        &["calibrate", &labels, &exemplary, &beginner],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    for want in [
        "pairwise agreement with tiers: 100.0% (1 of 1 pairs",
        "Spearman correlation of score with tier: 1.00",
        "CI-EXISTS",
        "track agreement:",
        "labelled but no path given (3):",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
}

#[test]
fn a_labels_file_with_a_mistake_exits_2_with_its_position() {
    for (bad, at) in [
        (LABELS.replacen("\"strong\"", "\"stellar\"", 1), ":5:8"),
        (LABELS.replacen("= \"pass\"", "= \"ok\"", 1), ":7:13"),
        (LABELS.replacen("tier =", "teir =", 1), ":5:1"),
        ("[[repo]\n".to_owned(), ":1:"),
    ] {
        let (_dir, labels) = labels_file(&bad);
        let shown = labels.display().to_string();
        let out = run_in(&manifest_dir(), &["calibrate", &shown, &repo("exemplary")]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains(&format!("{shown}{at}")), "want {at} in: {err}");
        assert!(stdout(&out).is_empty());
    }
}
