//! Markdown for step summaries and pull-request comments.

use super::fixture::{portfolio, reports};
use crate::report::markdown::render;

#[test]
fn the_markdown_snapshot() {
    insta::assert_snapshot!(render(&reports(), Some(&portfolio())));
}

#[test]
fn a_clean_repository_says_every_rule_passes_and_no_portfolio_line() {
    let mut r = reports().remove(0);
    r.outcomes
        .retain(|o| o.status == crate::model::Status::Pass);
    r.warnings.clear();
    let out = render(&[r], None);
    assert!(out.contains("\nEvery applicable rule passes.\n"), "{out}");
    assert!(!out.contains("Portfolio"), "{out}");
    assert!(out.contains("| alpha | 92/100 (A) | 0 | 0 | 0 |"), "{out}");
}

#[test]
fn one_rule_failed_by_a_prerequisite_is_one_rule() {
    let mut r = reports().remove(1);
    r.outcomes.retain(|o| o.id != "README-USAGE");
    let out = render(&[r], None);
    assert!(
        out.contains("- **no README**, so 1 rule fail: `README-INSTALL`\n"),
        "{out}"
    );
}
