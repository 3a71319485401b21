//! Comparing a run with an earlier JSON report: what regressed and what
//! improved, per repository and per rule.

use crate::error::ConfigError;
use crate::model::RepoReport;
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

/// Statuses per repository and rule from an earlier `--format json` report.
pub struct Baseline {
    repos: HashMap<String, (Option<f64>, HashMap<String, String>)>,
}

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
    let repos = doc["repos"].as_array().ok_or_else(|| {
        ConfigError::new(
            &shown,
            "not a portfolio-audit JSON report (no `repos` list)",
        )
    })?;
    let mut out = HashMap::new();
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
        out.insert(name.to_owned(), (r["score"].as_f64(), statuses));
    }
    Ok(Baseline { repos: out })
}

pub fn compare(baseline: &Baseline, reports: &[RepoReport]) -> Vec<RepoChange> {
    reports
        .iter()
        .map(|r| {
            let Some((before, statuses)) = baseline.repos.get(&r.name) else {
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
                let Some(was) = statuses.get(&o.id) else {
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
                before: *before,
                after: r.overall(),
                regressions,
                improvements,
                new: false,
            }
        })
        .collect()
}
