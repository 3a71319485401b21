//! JUnit XML.

use super::fixture::reports;
use crate::report::junit::render;

#[test]
fn the_junit_snapshot() {
    insta::assert_snapshot!(render(&reports()));
}

#[test]
fn suites_count_tests_failures_errors_and_skips() {
    let out = render(&reports());
    assert!(
        out.contains(
            "<testsuite name=\"alpha\" tests=\"8\" failures=\"2\" errors=\"0\" skipped=\"1\">"
        ),
        "{out}"
    );
    assert!(out.contains(
        "<testsuite name=\"beta&lt;b&gt;&amp;&quot;q&quot;&apos;@you #1[31m\\u{202e}x\" tests=\"11\" failures=\"10\" errors=\"1\" skipped=\"0\">"
    ), "{out}");
    assert!(
        out.contains(
            "<testsuite name=\"gamma\" tests=\"0\" failures=\"0\" errors=\"1\" skipped=\"0\">"
        ),
        "{out}"
    );
    assert!(!out.contains('\u{1b}'));
}
