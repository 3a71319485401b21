//! The terminal and JSON reports, snapshot-tested on the fixture portfolio.
//! Review changes with `cargo insta review` (or INSTA_UPDATE=always).

mod common;

use common::*;

fn audit(args: &[&str]) -> String {
    let out = run_in(portfolio(), args);
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn text_report_for_the_whole_portfolio() {
    insta::assert_snapshot!(audit(&["audit", ".", "--color", "never"]));
}

#[test]
fn text_report_for_one_exemplary_repository() {
    insta::assert_snapshot!(audit(&["audit", "exemplary", "--color", "never"]));
}

#[test]
fn text_report_for_one_repository_full_of_mistakes() {
    insta::assert_snapshot!(audit(&["audit", "mistakes", "--color", "never"]));
}

#[test]
fn json_report_for_a_tutorial_dump() {
    insta::assert_snapshot!(audit(&["audit", "tutorial-dump", "--format", "json"]));
}

#[test]
fn json_report_for_a_rst_data_pipeline() {
    insta::assert_snapshot!(audit(&["audit", "data-pipeline", "--format", "json"]));
}

#[test]
fn coloured_text_uses_ansi_styles() {
    let out = audit(&["audit", "beginner-no-tests", "--color", "always"]);
    insta::assert_snapshot!(out.replace('\x1b', "<ESC>"));
}

#[test]
fn summary_prints_only_the_table_and_the_portfolio_verdict() {
    insta::assert_snapshot!(audit(&["audit", ".", "--summary", "--color", "never"]));
}

#[test]
fn verbose_text_lists_every_rule() {
    insta::assert_snapshot!(audit(&["audit", "exemplary", "-v", "--color", "never"]));
}

/// A typical repository fits one screen: every sample repository's default
/// report, alone and as a section of `demo`, is under 80 lines.
#[test]
fn every_sample_repository_fits_one_screen() {
    const SCREEN: usize = 80;
    let names = fixture_names();
    assert!(names.len() >= 12, "{names:?}");
    for name in &names {
        let text = audit(&["audit", name, "--color", "never"]);
        let lines = text.lines().count();
        assert!(lines < SCREEN, "{name}: {lines} lines\n{text}");
    }
    let tmp = tempfile::tempdir().expect("tmp");
    let demo = run_in(tmp.path(), &["demo", "--color", "never"]);
    assert!(demo.status.success(), "{}", stderr(&demo));
    let text = format!("\n{}", stdout(&demo));
    // The sections come first, then the table ("repo  score ...").
    let sections = text.split("\nrepo ").next().unwrap_or_default();
    let mut counted = 0;
    for section in sections.split("\ntest-repos/").skip(1) {
        let name = section.split_whitespace().next().unwrap_or_default();
        let lines = section.trim_end().lines().count();
        assert!(lines < SCREEN, "demo {name}: {lines} lines\n{section}");
        counted += 1;
    }
    assert_eq!(counted, names.len(), "{text}");
}

/// Rules failed only by a missing prerequisite fold into one line under it
/// in the terminal; JSON still lists every one of them.
#[test]
fn a_missing_prerequisite_is_one_line_in_text_and_every_rule_in_json() {
    let text = audit(&["audit", "beginner-no-tests", "--color", "never"]);
    let folded: Vec<&str> = text.lines().filter(|l| l.contains(", so ")).collect();
    assert!(
        folded.iter().any(|l| l.trim_start().starts_with(
            "✗ no tests, so 4 rules fail: TESTS-ASSERT, TESTS-FIXTURES, TESTS-MOCKING, TESTS-API"
        )),
        "{text}"
    );
    assert!(!text.contains("TESTS-API              "), "{text}");
    for args in [
        &["audit", ".", "--color", "never"][..],
        &["audit", "beginner-no-tests", "-v", "--color", "never"][..],
    ] {
        let text = audit(args);
        assert!(!text.contains("(repository)"), "{text}");
    }
    let doc: serde_json::Value =
        serde_json::from_str(&audit(&["audit", "beginner-no-tests", "--format", "json"]))
            .expect("json");
    let api = outcome(&doc, "TESTS-API");
    assert_eq!(api["status"], "fail", "{api}");
}

#[test]
fn failures_say_why_and_cite_guides_by_title() {
    let text = audit(&["audit", "mistakes", "--color", "never"]);
    // Every finding shown in full says why it matters; with -v, all do.
    let count = |text: &str, start: &str| {
        text.lines()
            .filter(|l| l.trim_start().starts_with(start))
            .count()
    };
    let (fixes, whys) = (count(&text, "fix: "), count(&text, "why: "));
    assert!(fixes > 0 && whys == fixes, "{fixes} fixes, {whys} whys");
    let verbose = audit(&["audit", "mistakes", "-v", "--color", "never"]);
    let unmet = count(&verbose, "✗") + count(&verbose, "~");
    assert_eq!(count(&verbose, "why: "), unmet, "{verbose}");
    // Guides are cited by title, never by file name.
    assert!(!text.contains("9c24faeb2b7f41c7"), "{text}");
    assert!(text.contains("(Career Path for a Python Developer)"));
}
