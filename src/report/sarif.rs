//! SARIF 2.1.0 for GitHub code scanning: one run per repository, the rules
//! that produced findings in tool.driver.rules (their fix as help), and one
//! result per failing or partial rule, anchored to a file and line.

use super::RepoReport;
use crate::rules::{Outcome, Severity, Status};
use serde_json::{Value, json};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warn => "warning",
        Severity::Info => "note",
    }
}

/// Evidence paths that name a file in the repository (not "commit abc" or
/// "(imports)").
fn is_file_path(p: &str) -> bool {
    !p.is_empty() && !p.contains(' ') && !p.starts_with('(') && !p.ends_with('/')
}

/// Where a finding is shown: its first file evidence, else the README, else
/// the manifest it concerns, else the repository root's README.md.
fn location(r: &RepoReport, o: &Outcome) -> (String, Option<u32>) {
    if let Some(e) = o.evidence.iter().find(|e| is_file_path(&e.path)) {
        return (e.path.clone(), e.line);
    }
    let facts = r.facts.as_ref();
    let anchor = match o.family.as_str() {
        "deps" => facts
            .and_then(|f| f.manifests.manifests.first())
            .map(|m| m.path.clone()),
        _ => None,
    };
    let readme = facts
        .and_then(|f| f.readme.as_ref())
        .map(|rd| rd.path.clone());
    (
        anchor.or(readme).unwrap_or_else(|| "README.md".to_owned()),
        None,
    )
}

pub fn render(reports: &[RepoReport]) -> String {
    let mut runs = Vec::new();
    for r in reports {
        let mut rules: Vec<&Outcome> = Vec::new();
        for o in &r.outcomes {
            if !rules.iter().any(|x| x.id == o.id) {
                rules.push(o);
            }
        }
        let driver_rules: Vec<Value> = rules
            .iter()
            .map(|o| {
                json!({
                    "id": o.id,
                    "name": o.id.to_lowercase().replace('-', "_"),
                    "shortDescription": { "text": o.title },
                    "help": { "text": o.fix },
                    "defaultConfiguration": { "level": level(o.severity) },
                    "properties": { "tags": [o.family], "weight": o.weight },
                })
            })
            .collect();
        let results: Vec<Value> = r
            .outcomes
            .iter()
            .filter(|o| matches!(o.status, Status::Fail | Status::Partial))
            .map(|o| {
                let (uri, line) = location(r, o);
                let mut region = json!({});
                if let Some(l) = line {
                    region = json!({ "startLine": l.max(1) });
                }
                let mut physical = json!({ "artifactLocation": { "uri": uri } });
                if line.is_some() {
                    physical["region"] = region;
                }
                json!({
                    "ruleId": o.id,
                    "ruleIndex": rules.iter().position(|x| x.id == o.id).unwrap_or(0),
                    "level": level(o.severity),
                    "message": { "text": format!("{} {}: {}. Fix: {}", o.id, o.title, o.message, o.fix) },
                    "locations": [{ "physicalLocation": physical }],
                    "properties": { "status": o.status.label(), "credit": o.credit },
                })
            })
            .collect();
        let mut run = json!({
            "tool": { "driver": {
                "name": env!("CARGO_PKG_NAME"),
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/portfolio-audit/portfolio-audit",
                "rules": driver_rules,
            }},
            "automationDetails": { "id": format!("portfolio-audit/{}", r.name) },
            "results": results,
        });
        if !r.errors.is_empty() {
            run["invocations"] = json!([{
                "executionSuccessful": r.score.is_some(),
                "toolExecutionNotifications": r.errors.iter().map(|e| json!({
                    "level": "warning",
                    "message": { "text": e.to_string() },
                })).collect::<Vec<_>>(),
            }]);
        }
        runs.push(run);
    }
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": runs,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}
