//! `explain` says what passes and fails for every rule, in words written
//! for that rule: no two rules of a pack share one text.

use portfolio_audit::report::rules_doc;
use portfolio_audit::rules::{PROFILES, Pack, load_default_pack, load_profile};
use std::collections::BTreeMap;

fn assert_distinct(name: &str, pack: &Pack) {
    let mut by_pass: BTreeMap<String, &str> = BTreeMap::new();
    let mut by_fail: BTreeMap<String, &str> = BTreeMap::new();
    for rule in &pack.rules {
        let (pass, fail) = rules_doc::examples(&rule.check);
        assert!(
            !pass.trim().is_empty(),
            "{name}: {} has no pass text",
            rule.id
        );
        assert!(
            !fail.trim().is_empty(),
            "{name}: {} has no fail text",
            rule.id
        );
        for (seen, text) in [(&mut by_pass, pass), (&mut by_fail, fail)] {
            if let Some(other) = seen.insert(text.clone(), &rule.id) {
                panic!(
                    "{name}: {} and {other} share one explain text: {text}",
                    rule.id
                );
            }
        }
        let explained = rules_doc::explain(rule);
        for part in ["Passes when", "Fails when"] {
            assert!(explained.contains(part), "{}: no {part}", rule.id);
        }
    }
}

#[test]
fn every_rule_of_the_pack_has_its_own_pass_and_fail_text() {
    let pack = load_default_pack().expect("default pack");
    assert_distinct("default", &pack);
}

#[test]
fn every_rule_of_every_profile_has_its_own_pass_and_fail_text() {
    for (name, _, _) in PROFILES {
        let pack = load_profile(name).expect("profile loads");
        assert_distinct(name, &pack);
    }
}

#[test]
fn coded_checks_explain_what_passes() {
    let pack = load_default_pack().expect("default pack");
    let rule = pack.rule("CI-EXISTS").expect("CI-EXISTS");
    let text = rules_doc::explain(rule);
    assert!(!text.contains("fact holds"), "{text}");
    assert!(
        text.contains("defines a job with something to run"),
        "{text}"
    );
}
