//! SARIF 2.1.0 for code scanning.

use super::fixture::reports;
use crate::report::sarif::render;
use serde_json::Value;

#[test]
fn the_sarif_snapshot() {
    let out = render(&reports());
    assert!(out.ends_with("}\n"));
    insta::assert_snapshot!(out);
}

fn run(doc: &Value, i: usize) -> &Value {
    &doc["runs"][i]
}

#[test]
fn results_are_the_failing_and_partial_rules_indexed_into_the_driver() {
    let doc: Value = serde_json::from_str(&render(&reports())).expect("json");
    assert_eq!(doc["version"], "2.1.0");
    assert_eq!(doc["runs"].as_array().expect("runs").len(), 4);
    let alpha = run(&doc, 0);
    let rules = alpha["tool"]["driver"]["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), 8, "every evaluated rule, once");
    let results = alpha["results"].as_array().expect("results");
    let ids: Vec<&str> = results
        .iter()
        .map(|r| r["ruleId"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, ["TESTS-ASSERT", "CI-BADGE"], "fail and partial only");
    for r in results {
        let index = r["ruleIndex"].as_u64().expect("index") as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
    }
    assert_eq!(results[1]["ruleIndex"], 7);
    assert_eq!(results[1]["level"], "note");
    assert_eq!(results[0]["level"], "warning");
    assert_eq!(results[0]["properties"]["status"], "partial");
    assert_eq!(
        run(&doc, 1)["results"][0]["level"],
        "error",
        "an error-severity finding"
    );
    assert!(alpha.get("invocations").is_some(), "alpha has a warning");
    assert_eq!(alpha["invocations"][0]["executionSuccessful"], true);
    assert_eq!(
        alpha["invocations"][0]["toolExecutionNotifications"][0]["level"],
        "note"
    );
    let gamma = run(&doc, 2);
    assert_eq!(gamma["invocations"][0]["executionSuccessful"], false);
    assert_eq!(
        gamma["invocations"][0]["toolExecutionNotifications"][0],
        serde_json::json!({"level": "warning", "message": {"text": "could not open: not a git repository"}})
    );
    // No warning and no error: no invocation at all.
    let mut quiet = reports().remove(0);
    quiet.warnings.clear();
    let doc: Value = serde_json::from_str(&render(&[quiet])).expect("json");
    assert!(run(&doc, 0).get("invocations").is_none());
}

#[test]
fn a_repeated_rule_id_is_one_driver_rule() {
    let mut r = reports().remove(0);
    let again = r.outcomes[3].clone();
    r.outcomes.push(again);
    let doc: Value = serde_json::from_str(&render(&[r])).expect("json");
    let rules = doc["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    assert_eq!(rules.len(), 8);
    let results = doc["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 3);
    assert_eq!(results[2]["ruleIndex"], 3);
}

#[test]
fn file_evidence_is_physical_and_the_rest_logical() {
    let doc: Value = serde_json::from_str(&render(&reports())).expect("json");
    let secret = &run(&doc, 1)["results"][0];
    let locs = secret["locations"].as_array().expect("locations");
    assert_eq!(
        locs.len(),
        2,
        "the two files; commit, author and venv/ are not places: {secret}"
    );
    assert_eq!(
        locs[0]["physicalLocation"]["artifactLocation"]["uri"],
        "config/%3Csvg%20onload%3Dalert%281%29%3E.py"
    );
    assert_eq!(locs[0]["physicalLocation"]["region"]["startLine"], 4);
    assert_eq!(locs[0]["physicalLocation"]["region"]["startColumn"], 7);
    // Line 0 becomes 1: SARIF lines start at 1.
    assert_eq!(locs[1]["physicalLocation"]["region"]["startLine"], 1);
    // A finding whose evidence is all logical.
    let mut r = reports().remove(1);
    r.outcomes[0]
        .evidence
        .retain(|e| e.file_path().is_none_or(|p| p.ends_with('/')));
    let doc: Value = serde_json::from_str(&render(&[r])).expect("json");
    let logical = &doc["runs"][0]["results"][0]["locations"][0]["logicalLocations"];
    let kinds: Vec<&str> = logical
        .as_array()
        .expect("logical")
        .iter()
        .map(|l| l["kind"].as_str().expect("kind"))
        .collect();
    assert_eq!(kinds, ["commit", "author", "directory"]);
    assert_eq!(logical[2]["fullyQualifiedName"], "venv/");
}
