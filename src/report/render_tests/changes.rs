//! The baseline comparison as text.

use super::fixture::changes;
use crate::report::changes::render;

#[test]
fn each_change_is_one_line_with_its_escaped_name() {
    assert_eq!(
        render(&changes(), crate::report::text::clean),
        "\nchanges since the baseline:\n  \
         alpha: 95.0 -> 92.4; regressed: TESTS-ASSERT\n  \
         beta<b>&\"q\"'@you #1\\u{1b}[31m\\u{202e}x: 50.0 -> 59.0; improved: CI-TESTS, CI-LINT\n  \
         mixed: 70.0 -> 70.0; regressed: A-1; improved: B-2\n  \
         gamma: 80.0 -> -\n  \
         docs-site: new, 61.2\n"
    );
    assert_eq!(
        render(&[], crate::report::text::clean),
        "\nchanges since the baseline:\n"
    );
}
