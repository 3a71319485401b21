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

#[test]
fn a_sound_repository_fits_one_screen_and_failures_say_why() {
    for name in [
        "exemplary",
        "library-clean",
        "data-pipeline",
        "airflow-etl",
        "web-api",
        "tutorial-dump",
    ] {
        let text = audit(&["audit", name, "--color", "never"]);
        let lines = text.lines().count();
        assert!(lines < 80, "{name}: {lines} lines\n{text}");
    }
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
