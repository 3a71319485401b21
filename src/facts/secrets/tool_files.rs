//! Credential files a tool writes in a fixed format and reads from a fixed
//! place, so their name says what a value is: Kaggle's `kaggle.json`
//! (`{"username": ..., "key": ...}`), which its CLI and API read from
//! `~/.kaggle/`, and which notebooks and DAGs often carry along.

use super::is_placeholder;
use regex::Regex;
use std::sync::LazyLock;

/// How a Kaggle API key in `kaggle.json` is named in findings.
pub const KAGGLE_FINDING: &str = "Kaggle API key";

static KAGGLE_KEY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#""key"\s*:\s*"([0-9a-f]{32})""#).expect("static regex"));

/// Whether a path is a tool's credential file this module reads.
pub(super) fn is_tool_credential_file(path: &str) -> bool {
    path.rsplit('/').next() == Some("kaggle.json")
}

/// The Kaggle API key (32 hexadecimal digits) in a `kaggle.json`.
pub(super) fn kaggle_keys(text: &str) -> Vec<(u32, String)> {
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let key = KAGGLE_KEY.captures(line)?.get(1)?.as_str();
            let distinct = key.bytes().collect::<std::collections::BTreeSet<_>>().len();
            (distinct > 4 && !is_placeholder(key))
                .then(|| (i as u32 + 1, KAGGLE_FINDING.to_owned()))
        })
        .collect()
}
