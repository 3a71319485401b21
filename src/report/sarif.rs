//! SARIF 2.1.0 for GitHub code scanning: one run per repository, the rules
//! evaluated in tool.driver.rules (why they matter and their fix as `help`,
//! the rules reference as `helpUri`), and one result per failing or partial
//! rule with a location per piece of file evidence.

use super::RepoReport;
use crate::model::{Location, Outcome, Severity, Status};
use serde_json::{Value, json};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warn => "warning",
        Severity::Info => "note",
    }
}

/// Where a finding is shown: one physical location per file evidence item
/// (each committed secret, each `print()` call), so code scanning shows
/// them all. Evidence that names no file (commits, authors, the repository
/// as a whole) becomes logical locations; a finding with no evidence at
/// all concerns the repository and gets a logical location saying so,
/// never an invented file. Directories (`venv/`) are no place code
/// scanning can show, so they are logical too.
fn locations(o: &Outcome) -> Vec<Value> {
    let mut physical = Vec::new();
    let mut logical = Vec::new();
    for e in &o.evidence {
        match &e.location {
            Location::File { path, line, column } if !path.ends_with('/') => {
                let mut loc = json!({ "artifactLocation": { "uri": uri(path) } });
                if let Some(l) = line {
                    loc["region"] = json!({ "startLine": (*l).max(1) });
                    if let Some(c) = column {
                        loc["region"]["startColumn"] = json!((*c).max(1));
                    }
                }
                let mut item = json!({ "physicalLocation": loc });
                if let Some(note) = &e.note {
                    item["message"] = json!({ "text": note });
                }
                physical.push(item);
            }
            other => {
                let kind = match other {
                    Location::Commit { .. } => "commit",
                    Location::Author { .. } => "author",
                    Location::File { .. } => "directory",
                    Location::Repository => "repository",
                };
                logical.push(json!({ "fullyQualifiedName": e.location(), "kind": kind }));
            }
        }
    }
    if physical.is_empty() {
        if logical.is_empty() {
            logical.push(json!({ "fullyQualifiedName": "(repository)", "kind": "repository" }));
        }
        return vec![json!({ "logicalLocations": logical })];
    }
    physical
}

/// Where a rule is documented, for `helpUri`.
const RULES_DOC: &str =
    "https://github.com/portfolio-audit/portfolio-audit/blob/main/docs/rules.md";

/// The rule's family section in docs/rules.md (one heading per family).
fn help_uri(family: &str) -> String {
    format!("{RULES_DOC}#{}", family.to_ascii_lowercase())
}

/// Why the rule matters (citing its guide by title), then how to fix it.
fn help(o: &Outcome) -> Value {
    let why = o.why_cited();
    let text = if why.is_empty() {
        format!("Fix: {}", o.fix)
    } else {
        format!("Why it matters: {why}\nFix: {}", o.fix)
    };
    let markdown = if why.is_empty() {
        format!("**Fix:** {}", o.fix)
    } else {
        format!("**Why it matters:** {why}\n\n**Fix:** {}", o.fix)
    };
    json!({ "text": text, "markdown": markdown })
}

/// A repository path as a relative URI reference: characters that are not
/// allowed in a URI (spaces, `%`, `#`, `?`, `<`, `\\`, non-ASCII) are
/// percent-encoded so that a file with a space keeps its location, and a
/// crafted tree entry cannot climb or leave the repository: `.` and `..`
/// segments are encoded (`%2E%2E` is a name, not a step up) and empty
/// segments (a leading `/` or `//host`) are dropped.
fn uri(path: &str) -> String {
    let mut segments = Vec::new();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        if segment.bytes().all(|b| b == b'.') && segment.len() <= 2 {
            segments.push("%2E".repeat(segment.len()));
            continue;
        }
        let mut out = String::with_capacity(segment.len());
        for b in segment.bytes() {
            match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    out.push(b as char)
                }
                _ => out.push_str(&format!("%{b:02X}")),
            }
        }
        segments.push(out);
    }
    segments.join("/")
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
                    "fullDescription": { "text": o.why_cited() },
                    "help": help(o),
                    "helpUri": help_uri(&o.family),
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
                    "locations": locations(o),
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
    use crate::model::Evidence;

    fn failing(evidence: Vec<Evidence>) -> Outcome {
        Outcome {
            family: "history".into(),
            title: "t".into(),
            message: "m".into(),
            evidence,
            fix: "f".into(),
            ..Outcome::example("X", Status::Fail)
        }
    }

    #[test]
    fn a_file_with_a_space_keeps_its_physical_location() {
        let loc = &locations(&failing(vec![Evidence::line("my dir/a b.py", Some(7))]))[0];
        assert_eq!(
            loc["physicalLocation"]["artifactLocation"]["uri"],
            "my%20dir/a%20b.py"
        );
        assert_eq!(loc["physicalLocation"]["region"]["startLine"], 7);
    }

    #[test]
    fn every_file_evidence_item_is_its_own_location() {
        let locs = locations(&failing(vec![
            Evidence::line("a.py", Some(1)),
            Evidence::line("a.py", Some(9)),
            Evidence::line("b.py", Some(2)).with_note("print"),
            Evidence::commit("abc1234"),
        ]));
        assert_eq!(locs.len(), 3, "{locs:?}");
        assert_eq!(locs[1]["physicalLocation"]["region"]["startLine"], 9);
        assert_eq!(locs[2]["message"]["text"], "print");
    }

    #[test]
    fn a_commit_only_finding_is_not_pinned_to_a_file() {
        let locs = locations(&failing(vec![
            Evidence::commit("abc1234"),
            Evidence::author("Ann"),
        ]));
        let loc = &locs[0];
        assert!(loc.get("physicalLocation").is_none(), "{loc}");
        assert_eq!(
            loc["logicalLocations"][0]["fullyQualifiedName"],
            "commit abc1234"
        );
        assert_eq!(loc["logicalLocations"][0]["kind"], "commit");
        assert_eq!(loc["logicalLocations"][1]["kind"], "author");
    }

    #[test]
    fn a_finding_without_evidence_names_the_repository_not_a_file() {
        let locs = locations(&failing(Vec::new()));
        assert_eq!(locs.len(), 1);
        assert!(locs[0].get("physicalLocation").is_none());
        assert_eq!(locs[0]["logicalLocations"][0]["kind"], "repository");
    }

    #[test]
    fn help_says_why_and_how_and_links_the_rule() {
        let mut o = failing(Vec::new());
        o.rationale = "Reviewers care. More.".into();
        o.guide = Some("002_b23f094648aa08d3.txt".into());
        let h = help(&o);
        assert!(
            h["text"]
                .as_str()
                .is_some_and(|t| t.contains("Reviewers care. (Python Developer Careers)")),
            "{h}"
        );
        assert!(help_uri("readme").ends_with("rules.md#readme"));
    }

    #[test]
    fn uris_are_encoded_and_stay_inside_the_repository() {
        for (path, expected) in [
            ("src/app.py", "src/app.py"),
            ("a b/c%d.py", "a%20b/c%25d.py"),
            ("x#y?z<w>\\v.py", "x%23y%3Fz%3Cw%3E%5Cv.py"),
            ("caf\u{e9}.py", "caf%C3%A9.py"),
            ("../../escape.py", "%2E%2E/%2E%2E/escape.py"),
            ("a/./b/../c", "a/%2E/b/%2E%2E/c"),
            ("/etc/passwd", "etc/passwd"),
            ("//evil.example/x", "evil.example/x"),
            ("c:/x", "c%3A/x"),
            (".../x", ".../x"),
        ] {
            assert_eq!(uri(path), expected, "{path}");
        }
    }
}
