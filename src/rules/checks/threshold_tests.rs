//! Unit tests of `threshold`, one per metric family.

use super::*;
use crate::facts::history::{CommitRef, HistoryFacts};
use crate::rules::checks::testing::facts_with_readme;

fn check(metric: Metric, pass_at: f64, partial_at: f64) -> Threshold {
    Threshold {
        metric,
        pass_at,
        partial_at,
    }
}

#[test]
fn credit_rises_between_the_bars() {
    let mut facts = Facts::default();
    facts.python.source_lines = 100;
    facts.python.test_lines = 20;
    facts.python.test_files = vec!["tests/test_a.py".into()];
    let ratio = check(Metric::TestRatio, 0.3, 0.1).evaluate(&facts);
    assert!(ratio.credit > 0.25 && ratio.credit < 1.0, "{ratio:?}");
    assert_eq!(ratio.evidence.len(), 1);
    assert_eq!(
        check(Metric::TestFiles, 1.0, 1.0).evaluate(&facts).credit,
        1.0
    );
    assert_eq!(
        check(Metric::TestRatio, 0.5, 0.3).evaluate(&facts).credit,
        0.0
    );
    assert!(check(Metric::Tags, 1.0, 2.0).validate().is_err());
}

#[test]
fn test_functions_name_empty_test_files() {
    let mut facts = Facts::default();
    facts.python.tests.empty_test_files = vec!["tests/test_stub.py".into()];
    let v = check(Metric::TestFunctions, 1.0, 1.0).evaluate(&facts);
    assert_eq!(v.credit, 0.0);
    assert!(v.message.contains("(1 file hold no test)"), "{}", v.message);
    assert_eq!(v.evidence[0].note.as_deref(), Some("no test functions"));
}

#[test]
fn coverage_metrics_need_something_to_measure() {
    let mut facts = Facts::default();
    let docs = check(Metric::DocstringCoverage, 0.5, 0.1);
    assert!(
        docs.evaluate(&facts)
            .message
            .starts_with("nothing to measure")
    );
    facts.python.type_hints.total = 4;
    facts.python.type_hints.covered = 2;
    let hints = check(Metric::TypeHintCoverage, 0.5, 0.1).evaluate(&facts);
    assert_eq!(hints.credit, 1.0);
    assert!(hints.message.contains("(50%)"));
}

#[test]
fn history_metrics() {
    let mut facts = facts_with_readme("# T\n\none two three four five\n");
    assert_eq!(
        check(Metric::ReadmeWords, 5.0, 1.0).evaluate(&facts).credit,
        1.0
    );
    let commits = check(Metric::Commits, 10.0, 3.0);
    assert_eq!(
        commits.evaluate(&facts).message,
        "no git history; passes at 10"
    );
    let mut h = HistoryFacts {
        non_merge_commits: 12,
        active_days: 1,
        tags: 0,
        ..HistoryFacts::default()
    };
    h.messages.considered = 4;
    h.messages.good_subjects = 1;
    h.messages.with_body = 4;
    h.messages.weak_examples = vec![CommitRef {
        commit: "abc1234".into(),
        subject: "wip".into(),
    }];
    facts.history = Some(h);
    assert_eq!(commits.evaluate(&facts).credit, 1.0);
    assert_eq!(
        check(Metric::ActiveDays, 7.0, 2.0).evaluate(&facts).credit,
        0.0
    );
    assert_eq!(check(Metric::Tags, 1.0, 1.0).evaluate(&facts).credit, 0.0);
    assert_eq!(
        check(Metric::CommitBodies, 0.2, 0.05)
            .evaluate(&facts)
            .credit,
        1.0
    );
    let subjects = check(Metric::GoodSubjects, 0.8, 0.4).evaluate(&facts);
    assert_eq!(subjects.credit, 0.0);
    assert_eq!(subjects.evidence[0].location(), "commit abc1234");
}

#[test]
fn descriptions_name_the_metric_and_bars() {
    let d = check(Metric::GoodSubjects, 0.8, 0.4).describe();
    assert!(
        d.pass.contains("`good-subjects`") && d.pass.contains("80%"),
        "{d:?}"
    );
    assert!(d.fail.contains("under 40%"), "{d:?}");
}

#[test]
fn bdd_scenarios_count_as_tests_once_behave_runs_them() {
    let mut facts = Facts::default();
    facts.python.tests.scenarios = 3;
    let exist = check(Metric::TestFunctions, 1.0, 1.0);
    assert_eq!(exist.evaluate(&facts).credit, 0.0);
    facts.python.imports.insert("behave".into());
    let v = exist.evaluate(&facts);
    assert_eq!(v.credit, 1.0);
    assert!(v.message.contains("and 3 BDD scenarios"), "{}", v.message);
}
