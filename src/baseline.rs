//! Comparing a run with an earlier JSON report: what regressed and what
//! improved, per repository and per rule.
//!
//! Repositories are matched by identity, not by how their path was typed:
//! the same canonical path (`./repo/` and `/abs/repo`), the same `origin`
//! remote, or the same root commit (a fresh clone), and only then by name.
//! A run where nothing matched says so, instead of calling every
//! repository new and letting a regression through unnoticed.

use crate::error::ConfigError;
use crate::model::{Identity, RepoReport};
use crate::rules::Status;
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct RepoChange {
    pub name: String,
    pub before: Option<f64>,
    pub after: Option<f64>,
    /// Rules that passed before and now fail or earn only partial credit.
    pub regressions: Vec<String>,
    /// Rules that failed or were partial before and now pass.
    pub improvements: Vec<String>,
    /// Not in the baseline.
    pub new: bool,
}

impl RepoChange {
    pub fn score_dropped(&self) -> bool {
        matches!((self.before, self.after), (Some(b), Some(a)) if a < b - 0.05)
            || (self.before.is_some() && self.after.is_none())
    }

    pub fn regressed(&self) -> bool {
        self.score_dropped() || !self.regressions.is_empty()
    }
}

/// One repository of an earlier report.
struct Entry {
    name: String,
    identity: Identity,
    score: Option<f64>,
    statuses: HashMap<String, String>,
}

/// Statuses per repository and rule from an earlier `--format json` report.
pub struct Baseline {
    repos: Vec<Entry>,
}

impl Baseline {
    pub fn len(&self) -> usize {
        self.repos.len()
    }

    pub fn is_empty(&self) -> bool {
        self.repos.is_empty()
    }

    /// The entry that is the same repository as `r`, by identity first.
    fn find(&self, r: &RepoReport) -> Option<&Entry> {
        let id = &r.identity;
        let same = |a: &Option<String>, b: &Option<String>| a.is_some() && a == b;
        let unique = |pred: &dyn Fn(&Entry) -> bool| {
            let mut hits = self.repos.iter().filter(|e| pred(e));
            match (hits.next(), hits.next()) {
                (Some(e), None) => Some(e),
                _ => None,
            }
        };
        unique(&|e| same(&e.identity.canonical_path, &id.canonical_path))
            .or_else(|| unique(&|e| same(&e.identity.remote, &id.remote)))
            .or_else(|| unique(&|e| same(&e.identity.root_commit, &id.root_commit)))
            .or_else(|| self.repos.iter().find(|e| e.name == r.name))
    }
}

/// The JSON report schema version a baseline must have. Kept here, not
/// read from `report::json` (which imports this module); tests/corners.rs
/// pins the two equal.
pub const READS_SCHEMA: u64 = 1;

pub fn load(path: &std::path::Path) -> Result<Baseline, ConfigError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| ConfigError::new(&shown, format!("cannot read baseline: {e}")))?;
    let doc: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        ConfigError::new(
            format!("{shown}:{}:{}", e.line(), e.column()),
            format!("baseline is not JSON: {e}"),
        )
    })?;
    // Another schema's fields may mean something else: refuse it rather
    // than compare scores that are not comparable. A report without the
    // field predates it and is read as version 1.
    let expected = READS_SCHEMA;
    if let Some(v) = doc
        .get("schema_version")
        .filter(|v| v.as_u64() != Some(expected))
    {
        return Err(ConfigError::new(
            &shown,
            format!("baseline has JSON schema version {v}; this build reads version {expected}"),
        ));
    }
    let repos = doc["repos"].as_array().ok_or_else(|| {
        ConfigError::new(
            &shown,
            "not a portfolio-audit JSON report (no `repos` list)",
        )
    })?;
    let mut out = Vec::new();
    for r in repos {
        let Some(name) = r["name"].as_str() else {
            continue;
        };
        let statuses = r["outcomes"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|o| {
                Some((
                    o["id"].as_str()?.to_owned(),
                    o["status"].as_str()?.to_owned(),
                ))
            })
            .collect();
        // The report's path as it was typed: resolved from here, which is
        // right for absolute paths and for runs from the same folder.
        let canonical_path = r["path"]
            .as_str()
            .and_then(|p| std::fs::canonicalize(p).ok())
            .map(|p| p.display().to_string());
        let text = |key: &str| r["identity"][key].as_str().map(str::to_owned);
        out.push(Entry {
            name: name.to_owned(),
            identity: Identity {
                canonical_path,
                remote: text("remote"),
                root_commit: text("root_commit"),
            },
            score: r["score"].as_f64(),
            statuses,
        });
    }
    Ok(Baseline { repos: out })
}

pub fn compare(baseline: &Baseline, reports: &[RepoReport]) -> Vec<RepoChange> {
    reports
        .iter()
        .map(|r| {
            let Some(entry) = baseline.find(r) else {
                return RepoChange {
                    name: r.name.clone(),
                    before: None,
                    after: r.overall(),
                    regressions: Vec::new(),
                    improvements: Vec::new(),
                    new: true,
                };
            };
            let mut regressions = Vec::new();
            let mut improvements = Vec::new();
            for o in &r.outcomes {
                let Some(was) = entry.statuses.get(&o.id) else {
                    continue;
                };
                let failing_now = matches!(o.status, Status::Fail | Status::Partial);
                if was == "pass" && failing_now {
                    regressions.push(o.id.clone());
                } else if (was == "fail" || was == "partial") && o.status == Status::Pass {
                    improvements.push(o.id.clone());
                }
            }
            RepoChange {
                name: r.name.clone(),
                before: entry.score,
                after: r.overall(),
                regressions,
                improvements,
                new: false,
            }
        })
        .collect()
}

/// When a baseline with repositories matched none of this run's: the
/// sentence the run prints, so a wrong baseline is not mistaken for "all
/// new, nothing regressed".
pub fn nothing_matched(baseline: &Baseline, changes: &[RepoChange]) -> Option<String> {
    (!baseline.is_empty() && !changes.is_empty() && changes.iter().all(|c| c.new)).then(|| {
        format!(
            "the baseline's {} matched none of the {} audited (by path, remote, root commit or name): every repository counts as new",
            repositories(baseline.len()),
            repositories(changes.len()),
        )
    })
}

fn repositories(n: usize) -> String {
    if n == 1 {
        "1 repository".to_owned()
    } else {
        format!("{n} repositories")
    }
}
