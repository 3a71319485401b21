//! Commit messages: whether a subject tells a reader what changed, and
//! which commits are not the author's own words (reverts, fixups).

use regex::Regex;
use std::sync::LazyLock;

pub(super) static CONVENTIONAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(feat|fix|docs|style|refactor|perf|test|tests|build|ci|chore|revert)(\([^)]*\))?!?: \S",
    )
    .expect("static regex")
});
/// Subjects GitHub's web editor writes for you.
static WEB_UI_DEFAULT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i)(update|create|delete|add|rename) [\w./-]+\.\w+$|^(?i)add files via upload$|^(?i)(initial|first) commit$")
        .expect("static regex")
});
const VAGUE: &[&str] = &[
    "wip",
    "fix",
    "fixes",
    "fixed",
    "fixing",
    "update",
    "updates",
    "updated",
    "change",
    "changes",
    "changed",
    "asdf",
    "test",
    "tests",
    "testing",
    "commit",
    "stuff",
    "misc",
    "minor",
    "more",
    "save",
    "temp",
    "tmp",
    "done",
    "final",
    "new",
    "code",
    "work",
    "progress",
    "edit",
    "edits",
    "refactor",
    "cleanup",
    "clean up",
    "bug fix",
    "bugfix",
    "small fix",
    "small changes",
    "minor changes",
    "minor fixes",
    "some changes",
    "first",
    "init",
    "initial",
    "upload",
    "files",
    "add",
    "added",
    "changes made",
    "working",
    "final version",
    "v1",
    "v2",
    "x",
    "a",
    "aa",
    "qwerty",
    "test commit",
    "update readme",
    "updated readme",
    "readme",
    "oops",
    "again",
    "finally",
    "idk",
];

/// Whether a subject tells a reader what changed.
pub fn subject_is_good(subject: &str) -> bool {
    let s = subject.trim();
    let len = s.chars().count();
    if !(5..=72).contains(&len) || s.ends_with('.') {
        return false;
    }
    let norm: String = s
        .to_ascii_lowercase()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == ' ' {
                c
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if VAGUE.contains(&norm.as_str()) || WEB_UI_DEFAULT.is_match(s) {
        return false;
    }
    // One bare word ("Refactoring", "Tweaks") says almost nothing.
    norm.split(' ').count() >= 2 || CONVENTIONAL.is_match(s)
}

pub(super) fn skip_message(subject: &str) -> bool {
    let s = subject.trim_start();
    s.starts_with("Revert \"")
        || s.starts_with("fixup!")
        || s.starts_with("squash!")
        || s.starts_with("amend!")
}

/// Trailers alone (Signed-off-by) are not a message body.
pub(super) fn is_trailer(line: &str) -> bool {
    let l = line.trim();
    [
        "Signed-off-by:",
        "Co-authored-by:",
        "Reviewed-by:",
        "Change-Id:",
        "Acked-by:",
    ]
    .iter()
    .any(|t| l.starts_with(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects() {
        assert!(subject_is_good("Add login endpoint with JWT tokens"));
        assert!(subject_is_good("feat: add login"));
        assert!(!subject_is_good("update"));
        assert!(!subject_is_good("Update README.md"));
        assert!(subject_is_good("Add changelog and release 0.3.0"));
        assert!(!subject_is_good("Add files via upload"));
        assert!(!subject_is_good("Fix the bug."));
        assert!(!subject_is_good("wip"));
        assert!(!subject_is_good("Refactoring"));
        assert!(!subject_is_good(&"x".repeat(73)));
    }
}
