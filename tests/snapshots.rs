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
