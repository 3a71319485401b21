//! The JSON report and JSON Lines (docs/json-format.md).

use super::fixture::{changes, portfolio, reports};
use crate::model::portfolio::Entry;
use crate::report::json::{Tally, render};
use crate::report::jsonl;
use serde_json::Value;

/// The document with each repository's `facts` taken out: the facts are
/// serialized as gathered (tests/json_schema.rs pins their keys); here
/// the report's own fields are the contract.
fn without_facts(mut doc: Value) -> Value {
    for r in doc["repos"].as_array_mut().expect("repos") {
        r.as_object_mut().expect("repo").remove("facts");
    }
    doc
}

#[test]
fn the_json_report_snapshot() {
    let out = render(&reports(), Some(&portfolio()), Some(&changes()));
    assert!(out.ends_with("}\n"), "one trailing newline");
    let doc: Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(
        doc["repos"][0]["facts"]["file_count"], 0,
        "alpha's facts are there"
    );
    assert!(
        doc["repos"][1].get("facts").is_none(),
        "a recorded report without facts has none"
    );
    let pretty = serde_json::to_string_pretty(&without_facts(doc)).expect("json");
    insta::assert_snapshot!(pretty);
}

#[test]
fn without_a_portfolio_or_baseline_the_keys_are_absent() {
    let out = render(&reports()[..1], None, None);
    let doc: Value = serde_json::from_str(&out).expect("valid JSON");
    assert!(
        doc.get("portfolio").is_none() && doc.get("baseline").is_none(),
        "{doc}"
    );
    assert_eq!(doc["summary"]["mean_score"], 92.4);
}

#[test]
fn the_summary_counts_scored_unscored_and_errored_repositories() {
    let mut tally = Tally::default();
    for r in &reports() {
        tally.add(r);
    }
    assert_eq!(tally.repos(), 4);
    let summary = serde_json::to_value(tally.summary()).expect("json");
    // (92.4 + 59.0) / 2 = 75.7
    assert_eq!(
        summary,
        serde_json::json!({"repos": 4, "scored": 2, "unscored": 1, "errored": 1, "mean_score": 75.7})
    );
    // One decimal, rounded: 92.4 and 61.25 make 76.825, shown 76.8.
    let mut tally = Tally::default();
    let mut r = reports().remove(0);
    tally.add(&r);
    r.score.as_mut().expect("score").score = Some(61.25);
    tally.add(&r);
    let summary = serde_json::to_value(tally.summary()).expect("json");
    assert_eq!(summary["mean_score"], 76.8);
    assert_eq!(summary["scored"], 2);
    // Nothing scored: no mean at all.
    let mut tally = Tally::default();
    tally.add(&reports()[2]);
    let summary = serde_json::to_value(tally.summary()).expect("json");
    assert_eq!(
        summary,
        serde_json::json!({"repos": 1, "scored": 0, "unscored": 0, "errored": 1})
    );
    assert_eq!(Tally::default().repos(), 0);
}

#[test]
fn json_lines_carry_each_repository_then_the_portfolio() {
    let reports = reports();
    let entries: Vec<Option<Entry>> = reports.iter().map(|r| Entry::of(r, false)).collect();
    let out = jsonl::render(&reports, &entries, Some(&portfolio()));
    assert!(out.ends_with("}\n"));
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 5, "{out}");
    let json = without_facts(serde_json::from_str(&render(&reports, None, None)).expect("json"));
    for (i, line) in lines[..4].iter().enumerate() {
        assert_eq!(line["kind"], "repository");
        assert_eq!(line["schema_version"], 1);
        assert_eq!(line["position"], i);
        // The wire fields are the JSON report's repository object.
        let mut wire = line.as_object().expect("line").clone();
        for key in ["kind", "schema_version", "position", "record", "facts"] {
            wire.remove(key);
        }
        assert_eq!(Value::Object(wire), json["repos"][i], "line {i}");
        assert_eq!(line["record"]["report"]["name"], reports[i].name.as_str());
        assert_eq!(
            line["record"]["entry"].is_null(),
            entries[i].is_none(),
            "line {i}"
        );
    }
    assert_eq!(
        lines[0]["record"]["context"][0],
        "history: 95 non-merge commits over 40 days (12 active); analysed 100 of 120 commits; \
         90% clear subjects; Conventional Commits; shallow clone: history is partial"
    );
    assert_eq!(
        lines[1]["record"]["context"][0],
        "history: 3 commits\u{1b}[2J over 1 day"
    );
    assert_eq!(lines[2]["record"]["context"], serde_json::json!([]));
    let last = &lines[4];
    assert_eq!(last["kind"], "portfolio");
    assert_eq!(last["schema_version"], 1);
    assert_eq!(last["tool"]["name"], "portfolio-audit");
    assert_eq!(last["summary"]["repos"], 4);
    assert_eq!(last["summary"]["mean_score"], 75.7);
    assert_eq!(last["portfolio"]["score"], 59.0);
    assert_eq!(last["portfolio"]["risks"][0]["cap"], 59.0);
}

#[test]
fn a_json_line_is_one_line_and_the_context_is_read_from_facts_or_record() {
    let reports = reports();
    let line = jsonl::repository_line(&reports[1], None, &["a\nb".to_owned()]);
    assert_eq!(line.matches('\n').count(), 1, "{line}");
    assert!(line.ends_with("}\n"));
    let v: Value = serde_json::from_str(&line).expect("json");
    assert_eq!(v["record"]["context"][0], "a\nb");
    assert!(v["record"].get("entry").is_none());
    assert_eq!(
        jsonl::context(&reports[1]),
        ["history: 3 commits\u{1b}[2J over 1 day"]
    );
    assert_eq!(jsonl::context(&reports[0]).len(), 3);
    assert!(jsonl::context(&reports[2]).is_empty());
    let last = jsonl::portfolio_line(&Tally::default(), None);
    assert_eq!(
        last,
        format!(
            "{{\"kind\":\"portfolio\",\"schema_version\":1,\"tool\":{{\"name\":\"portfolio-audit\",\"version\":\"{}\"}},\"summary\":{{\"repos\":0,\"scored\":0,\"unscored\":0,\"errored\":0}}}}\n",
            env!("CARGO_PKG_VERSION")
        )
    );
}

#[test]
fn identity_is_written_when_either_half_is_known() {
    let identity = |r: &crate::model::RepoReport| {
        let out = render(std::slice::from_ref(r), None, None);
        let doc: Value = serde_json::from_str(&out).expect("json");
        doc["repos"][0].get("identity").cloned()
    };
    let mut r = reports().remove(2);
    assert_eq!(identity(&r), None, "neither half: no identity");
    r.identity.root_commit = Some("fedcba9".into());
    assert_eq!(
        identity(&r),
        Some(serde_json::json!({"root_commit": "fedcba9"}))
    );
    r.identity.root_commit = None;
    r.identity.remote = Some("https://github.com/ann/gamma".into());
    assert_eq!(
        identity(&r),
        Some(serde_json::json!({"remote": "https://github.com/ann/gamma"}))
    );
}
