//! Invariants of the default pack, and the promise that every rule passes on
//! one fixture and fails on another.

mod common;

use common::*;
use portfolio_audit::rules::load_default_pack;
use std::collections::{BTreeMap, BTreeSet};

#[test]
fn ids_are_unique_and_every_rule_explains_itself() {
    let pack = load_default_pack().expect("default pack loads");
    let mut seen = BTreeSet::new();
    for r in &pack.rules {
        assert!(seen.insert(r.id.clone()), "duplicate id {}", r.id);
        assert!(r.rationale.len() > 60, "{} needs a real rationale", r.id);
        assert!(r.fix.len() > 20, "{} needs a concrete fix", r.id);
        let guide = r
            .guide
            .as_deref()
            .unwrap_or_else(|| panic!("{} cites no guide", r.id));
        assert!(
            // An unknown name is returned as it is, taken for a title.
            portfolio_audit::model::guides::title(guide) != guide,
            "{} cites an unknown guide {guide}",
            r.id
        );
        assert!(r.weight > 0.0, "{} has no weight", r.id);
    }
    assert!(
        pack.rules.len() >= 30,
        "the pack covers the signals of the brief"
    );
}

/// Statuses per rule across the whole fixture portfolio.
fn statuses() -> BTreeMap<String, BTreeMap<String, String>> {
    let out = run_in(portfolio(), &["audit", ".", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = json(&out);
    let mut by_rule: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for repo in report["repos"].as_array().expect("repos") {
        let name = repo["name"].as_str().expect("name").to_owned();
        for o in repo["outcomes"].as_array().expect("outcomes") {
            by_rule
                .entry(o["id"].as_str().expect("id").to_owned())
                .or_default()
                .insert(
                    name.clone(),
                    o["status"].as_str().expect("status").to_owned(),
                );
        }
    }
    by_rule
}

#[test]
fn every_rule_passes_on_one_fixture_and_fails_on_another() {
    let pack = load_default_pack().expect("pack");
    let by_rule = statuses();
    // Committing a file over 5 MB to our own repository would be the very
    // junk the rule exists to catch; its failing case is built below.
    let built_elsewhere = ["HYGIENE-LARGE-FILES", "HISTORY-NO-LARGE-FILES"];
    let mut problems = Vec::new();
    for rule in &pack.rules {
        let seen = by_rule.get(&rule.id).cloned().unwrap_or_default();
        let has = |s: &str| seen.values().any(|v| v == s);
        if !has("pass") {
            problems.push(format!("{} passes on no fixture: {seen:?}", rule.id));
        }
        if !has("fail") && !built_elsewhere.contains(&rule.id.as_str()) {
            problems.push(format!("{} fails on no fixture: {seen:?}", rule.id));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_large_file_deleted_later_still_fails_the_history_rule() {
    let mut repo = TestRepo::new();
    let big = vec![b'x'; 11 * 1024 * 1024];
    repo.commit(
        "Add the raw export",
        &[("README.md", b"# Data\n"), ("data/raw.csv", &big)],
    );
    repo.commit("Remove the raw export", &[("README.md", b"# Data\n")]);
    let report = json(&run_in(repo.path(), &["audit", ".", "--format", "json"]));
    let o = outcome(&report, "HISTORY-NO-LARGE-FILES");
    assert_eq!(o["status"], "fail");
    assert_eq!(o["evidence"][0]["path"], "data/raw.csv");
    let note = o["evidence"][0]["note"].as_str().expect("note");
    assert!(note.starts_with("11.0 MB added in commit "), "{note}");
    assert!(
        note.ends_with("deleted since, still in every clone"),
        "{note}"
    );
    assert_eq!(outcome(&report, "HYGIENE-LARGE-FILES")["status"], "pass");
}

#[test]
fn large_files_fail_the_size_rule() {
    let mut repo = TestRepo::new();
    let big = vec![b'x'; 6_000_000];
    repo.commit(
        "Add a data dump",
        &[("README.md", b"# Data\n"), ("data/dump.csv", &big)],
    );
    let out = run_in(repo.path(), &["audit", ".", "--format", "json"]);
    let report = json(&out);
    let o = outcome(&report, "HYGIENE-LARGE-FILES");
    assert_eq!(o["status"], "fail");
    assert_eq!(o["evidence"][0]["path"], "data/dump.csv");
    assert_eq!(o["evidence"][0]["note"], "5.7 MB");
}

#[test]
fn every_profile_rule_passes_on_one_fixture_and_fails_on_another() {
    let default = load_default_pack().expect("pack");
    let mut problems = Vec::new();
    for (name, _, _) in portfolio_audit::rules::PROFILES {
        let pack = portfolio_audit::rules::load_profile(name).expect("profile loads");
        let out = run_in(
            portfolio(),
            &["audit", ".", "--format", "json", "--profile", name],
        );
        let report = json(&out);
        for rule in pack.rules.iter().filter(|r| default.rule(&r.id).is_none()) {
            let statuses: BTreeSet<String> = report["repos"]
                .as_array()
                .expect("repos")
                .iter()
                .filter_map(|r| {
                    r["outcomes"]
                        .as_array()?
                        .iter()
                        .find(|o| o["id"] == rule.id.as_str())
                })
                .map(|o| o["status"].as_str().unwrap_or("").to_owned())
                .collect();
            for wanted in ["pass", "fail"] {
                if !statuses.contains(wanted) {
                    problems.push(format!(
                        "{name}: {} never {wanted}s ({statuses:?})",
                        rule.id
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
