//! Who wrote the project: bot and e-mail checks, the candidate among the
//! authors, and which files count as hand-written when shares are judged.

use super::{AuthorStat, HistoryFacts};
use crate::facts::{hygiene, manifests};
use regex::Regex;
use std::sync::LazyLock;

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[^@\s]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$").expect("static regex")
});

pub fn is_bot(name: &str, email: &str) -> bool {
    let n = name.to_ascii_lowercase();
    let e = email.to_ascii_lowercase();
    n.ends_with("[bot]")
        || e.contains("[bot]")
        || [
            "dependabot",
            "renovate",
            "pre-commit-ci",
            "github-actions",
            "greenkeeper",
            "snyk-bot",
            "allcontributors",
        ]
        .iter()
        .any(|b| n.contains(b) || e.contains(b))
}

pub fn valid_email(email: &str) -> bool {
    let e = email.to_ascii_lowercase();
    EMAIL.is_match(&e)
        && !e.ends_with("@localhost")
        && !e.ends_with(".local")
        && !e.ends_with(".localdomain")
        && !e.contains("(none)")
}

/// Names the candidate: the authors asked for, or the most frequent
/// human author.
pub(super) fn pick_candidate(facts: &mut HistoryFacts, wanted: &[String]) {
    let wanted: Vec<String> = wanted.iter().map(|w| w.to_ascii_lowercase()).collect();
    let matches = |a: &AuthorStat| {
        wanted
            .iter()
            .any(|w| a.email.eq_ignore_ascii_case(w) || a.name.to_ascii_lowercase() == *w)
    };
    if wanted.is_empty() {
        if let Some(top) = facts.authors.iter().find(|a| !a.bot) {
            facts.candidate = Some(format!("{} <{}>", top.name, top.email));
            facts.candidate_commits = top.commits;
        }
    } else {
        facts.candidate_commits = facts
            .authors
            .iter()
            .filter(|a| matches(a))
            .map(|a| a.commits)
            .sum();
        facts.candidate = Some(wanted.join(", "));
    }
}

/// Bytes of one file that count toward authorship shares.
pub(super) const AUTHORED_FILE_CAP: u64 = 16 * 1024;

/// Files a person writes (code, docs, config), as opposed to data, media,
/// lock files and junk: only these count when judging who wrote the project.
pub fn is_authored_text(path: &str) -> bool {
    if hygiene::junk_of(path).is_some() || manifests::is_lock_file(path) {
        return false;
    }
    let lower = path.to_ascii_lowercase();
    if lower.contains(".min.")
        || lower.split('/').any(|d| {
            matches!(
                d,
                "vendor" | "vendored" | "third_party" | "libs" | "node_modules" | "static"
            )
        })
    {
        return false;
    }
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        None => matches!(
            name,
            "Dockerfile" | "Makefile" | "Procfile" | "Jenkinsfile" | "LICENSE" | "README"
        ),
        Some(e) => matches!(
            e,
            "py" | "pyi"
                | "md"
                | "rst"
                | "txt"
                | "toml"
                | "cfg"
                | "ini"
                | "yml"
                | "yaml"
                | "html"
                | "htm"
                | "css"
                | "scss"
                | "js"
                | "jsx"
                | "ts"
                | "tsx"
                | "vue"
                | "sql"
                | "sh"
                | "bash"
                | "j2"
                | "jinja"
                | "jinja2"
                | "tf"
                | "r"
                | "go"
                | "rs"
                | "c"
                | "h"
                | "cpp"
                | "java"
                | "kt"
                | "rb"
                | "php"
                | "mako"
                | "proto"
                | "graphql"
                | "env"
                | "dockerfile"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bots_and_emails() {
        assert!(is_bot(
            "dependabot[bot]",
            "49699333+dependabot[bot]@users.noreply.github.com"
        ));
        assert!(is_bot("pre-commit-ci[bot]", "x@y.z"));
        assert!(!is_bot("Ada", "ada@example.com"));
        assert!(valid_email("ada@example.com"));
        assert!(!valid_email("root@localhost"));
        assert!(!valid_email("ada@laptop.local"));
        assert!(!valid_email("ada"));
    }
}
