//! SARIF 2.1.0 for GitHub code scanning: one run per repository, the rules
//! that produced findings in tool.driver.rules (their fix as help), and one
//! result per failing or partial rule, anchored to a file and line.

use super::RepoReport;
use crate::model::{Evidence, Location, Outcome, Severity, Status};
use serde_json::{Value, json};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warn => "warning",
        Severity::Info => "note",
    }
}

/// Where a finding is shown. Each evidence kind is mapped explicitly:
/// a file becomes a physical location at its line; a finding whose evidence
/// is only commits, authors or the repository gets logical locations and no
/// invented file; a finding with no evidence, or only directories, concerns
/// a document, so it is anchored at the manifest (dependency rules) or the README.
fn location(r: &RepoReport, o: &Outcome) -> Value {
    // A directory (`venv/`) is no place code scanning can show: such
    // findings fall through to the document anchor below.
    let is_file = |e: &&Evidence| e.file_path().is_some_and(|p| !p.ends_with('/'));
    if let Some(e) = o.evidence.iter().find(is_file) {
        if let Location::File { path, line, column } = &e.location {
            let mut physical = json!({ "artifactLocation": { "uri": uri(path) } });
            if let Some(l) = line {
                physical["region"] = json!({ "startLine": (*l).max(1) });
                if let Some(c) = column {
                    physical["region"]["startColumn"] = json!((*c).max(1));
                }
            }
            return json!({ "physicalLocation": physical });
        }
    }
    let in_tree = o.evidence.iter().any(|e| e.file_path().is_some());
    if !o.evidence.is_empty() && !in_tree {
        let logical: Vec<Value> = o
            .evidence
            .iter()
            .map(|e| {
                let kind = match e.location {
                    Location::Commit { .. } => "commit",
                    Location::Author { .. } => "author",
                    _ => "repository",
                };
                json!({ "fullyQualifiedName": e.location(), "kind": kind })
            })
            .collect();
        return json!({ "logicalLocations": logical });
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
    let path = anchor.or(readme).unwrap_or_else(|| "README.md".to_owned());
    json!({ "physicalLocation": { "artifactLocation": { "uri": uri(&path) } } })
}

/// A repository path as a relative URI reference: characters that are not
/// allowed in a URI (spaces, `%`, `#`, `?`, non-ASCII) are percent-encoded
/// so that a file with a space keeps its location.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
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
                json!({
                    "ruleId": o.id,
                    "ruleIndex": rules.iter().position(|x| x.id == o.id).unwrap_or(0),
                    "level": level(o.severity),
                    "message": { "text": format!("{} {}: {}. Fix: {}", o.id, o.title, o.message, o.fix) },
                    "locations": [location(r, o)],
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
        if !r.errors.is_empty() || !r.warnings.is_empty() {
            // Warnings (what the repository's configuration changed) are
            // notes; errors are warnings, as before.
            let notes = r.warnings.iter().map(|w| {
                json!({
                    "level": "note",
                    "message": { "text": w },
                })
            });
            let errors = r.errors.iter().map(|e| {
                json!({
                    "level": "warning",
                    "message": { "text": e.to_string() },
                })
            });
            run["invocations"] = json!([{
                "executionSuccessful": r.score.is_some(),
                "toolExecutionNotifications": notes.chain(errors).collect::<Vec<_>>(),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn failing(evidence: Vec<Evidence>) -> Outcome {
        Outcome {
            id: "X".into(),
            family: "history".into(),
            title: "t".into(),
            severity: Severity::Warn,
            weight: 1.0,
            status: Status::Fail,
            credit: 0.0,
            message: "m".into(),
            evidence,
            fix: "f".into(),
            cap: None,
        }
    }

    #[test]
    fn a_file_with_a_space_keeps_its_physical_location() {
        let r = RepoReport::new("r", std::path::Path::new("r"));
        let loc = location(&r, &failing(vec![Evidence::line("my dir/a b.py", Some(7))]));
        assert_eq!(
            loc["physicalLocation"]["artifactLocation"]["uri"],
            "my%20dir/a%20b.py"
        );
        assert_eq!(loc["physicalLocation"]["region"]["startLine"], 7);
    }

    #[test]
    fn a_commit_only_finding_is_not_pinned_to_a_file() {
        let r = RepoReport::new("r", std::path::Path::new("r"));
        let loc = location(
            &r,
            &failing(vec![Evidence::commit("abc1234"), Evidence::author("Ann")]),
        );
        assert!(loc.get("physicalLocation").is_none(), "{loc}");
        assert_eq!(
            loc["logicalLocations"][0]["fullyQualifiedName"],
            "commit abc1234"
        );
        assert_eq!(loc["logicalLocations"][0]["kind"], "commit");
        assert_eq!(loc["logicalLocations"][1]["kind"], "author");
    }

    #[test]
    fn a_finding_without_evidence_is_anchored_at_the_readme() {
        let r = RepoReport::new("r", std::path::Path::new("r"));
        let loc = location(&r, &failing(Vec::new()));
        assert_eq!(
            loc["physicalLocation"]["artifactLocation"]["uri"],
            "README.md"
        );
    }
}
