//! Travis CI's own way of leaking: a Slack notification token written in
//! `.travis.yml` instead of encrypted with `travis encrypt`.

use super::{entropy, is_placeholder};
use regex::Regex;
use std::sync::LazyLock;

/// Travis CI's Slack notification in the clear: `slack: team:token` or a
/// `rooms:` item `- team:token#channel`. Travis documents encrypting it
/// (`secure:`); a plain one lets anyone post to the team's channel.
static TRAVIS_SLACK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"^\s*(?:slack\s*:|-)\s*["']?[A-Za-z0-9_-]+:([A-Za-z0-9]{20,})(?:#[^\s"']*)?["']?\s*$"#,
    )
    .expect("static regex")
});

/// How a Travis Slack token in the clear is named in findings.
pub const TRAVIS_SLACK_FINDING: &str = "Slack notification token in the clear";

pub(super) fn slack_tokens(text: &str) -> Vec<(u32, String)> {
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let token = TRAVIS_SLACK.captures(line)?.get(1)?.as_str();
            let mixed = token.chars().any(|c| c.is_ascii_digit())
                && token.chars().any(|c| c.is_ascii_alphabetic());
            (mixed && entropy(token) >= 3.5 && !is_placeholder(token))
                .then(|| (i as u32 + 1, TRAVIS_SLACK_FINDING.to_owned()))
        })
        .collect()
}
