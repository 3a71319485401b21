//! Per-repository configuration: `.portfolio-audit.toml`, or
//! `[tool.portfolio-audit]` in pyproject.toml. It selects or ignores rules and
//! changes weights and severities. It is repository content, so a malformed
//! one is an error entry for that repository, never the end of the run, and
//! it may not weaken error-severity rules (see [`is_protected`]).

use crate::error::{AuditError, line_col};
use crate::rules::{Rule, Severity};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const CONFIG_FILE: &str = ".portfolio-audit.toml";

/// What `portfolio-audit init` writes: every key, commented.
pub const STARTER: &str = r##"## portfolio-audit configuration for this repository.
## Reference: docs/rule-format.md (per-repository configuration) and docs/rules.md.
## List the rules with `portfolio-audit rules`; explain one with `portfolio-audit explain ID`.
## Lines starting with "# " are settings: remove the "# " to use them.

## Keep only these rule ids or families (empty keeps everything).
# select = ["readme", "tests", "ci", "CI-TESTS"]

## Drop rules or families, optionally saying why; the reason is shown in reports.
# ignore = [
#   "DOCS-CONTRIBUTING",
#   { id = "HYGIENE-DEPLOY", reason = "a library: nothing to deploy" },
# ]

## Lower a rule's weight (down to 0) or change its severity (error, warn, info).
## Error-severity rules (secrets among them) cannot be ignored, unselected,
## lowered or re-weighted from here, and every change is shown in reports.
# [rules.README-LICENSE]
# weight = 0.5
# severity = "info"
"##;

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RepoConfig {
    /// Rule ids or families to keep; empty keeps everything.
    #[serde(default)]
    pub select: Vec<String>,
    /// Rule ids or families to drop, optionally with a reason.
    #[serde(default)]
    pub ignore: Vec<IgnoreEntry>,
    /// Per-rule weight or severity changes, keyed by rule id.
    #[serde(default)]
    pub rules: BTreeMap<String, RuleOverride>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(untagged)]
pub enum IgnoreEntry {
    Id(String),
    WithReason { id: String, reason: String },
}

impl IgnoreEntry {
    fn id(&self) -> &str {
        match self {
            IgnoreEntry::Id(id) | IgnoreEntry::WithReason { id, .. } => id,
        }
    }
    fn reason(&self) -> Option<&str> {
        match self {
            IgnoreEntry::Id(_) => None,
            IgnoreEntry::WithReason { reason, .. } => Some(reason),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RuleOverride {
    pub weight: Option<f64>,
    pub severity: Option<Severity>,
}

pub use crate::model::Ignored;

/// The rules a repository is judged by, after its own configuration.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    pub rules: Vec<Rule>,
    pub ignored: Vec<Ignored>,
    pub warnings: Vec<String>,
    /// Where the configuration came from, if anywhere.
    pub source: Option<String>,
}

fn toml_error(path: &str, text: &str, e: &toml::de::Error) -> AuditError {
    let at = e
        .span()
        .map(|s| {
            let (l, c) = line_col(text, s.start);
            format!(":{l}:{c}")
        })
        .unwrap_or_default();
    AuditError::at(
        format!("{path}{at}"),
        format!(
            "invalid portfolio-audit configuration: {}",
            e.message().trim()
        ),
    )
}

/// Parses `.portfolio-audit.toml` text.
pub fn parse_config_file(text: &str) -> Result<RepoConfig, AuditError> {
    toml::from_str(text).map_err(|e| toml_error(CONFIG_FILE, text, &e))
}

/// Pulls `[tool.portfolio-audit]` out of pyproject.toml text, if present.
/// A pyproject that does not parse at all is reported by the manifest reader.
pub fn parse_pyproject(text: &str) -> Option<Result<RepoConfig, AuditError>> {
    let doc: toml::Table = toml::from_str(text).ok()?;
    let section = doc.get("tool")?.get("portfolio-audit")?.clone();
    Some(section.try_into::<RepoConfig>().map_err(|e| {
        AuditError::at(
            "pyproject.toml",
            format!("invalid [tool.portfolio-audit]: {}", e.message().trim()),
        )
    }))
}

/// Whether the repository's own configuration may not weaken `rule`.
///
/// A repository's configuration is the candidate's tool, not the
/// reviewer's: it may narrow and re-weight what is judged, but never the
/// error-severity rules. Those are the ones `--fail-on error` gates on, and
/// they hold every security rule (committed credentials, now or ever), so a
/// committed `.portfolio-audit.toml` cannot silence a live API key.
pub fn is_protected(rule: &Rule) -> bool {
    rule.severity == Severity::Error
}

impl RepoConfig {
    /// Applies the configuration to `rules` under the policy above. Every
    /// change and every refusal is described in `warnings`, which every
    /// report format shows.
    pub fn apply(&self, rules: &[Rule], source: Option<String>) -> Resolved {
        let mut warnings = Vec::new();
        let known = |key: &str| rules.iter().any(|r| r.id == key || r.family == key);
        for key in self
            .select
            .iter()
            .map(String::as_str)
            .chain(self.ignore.iter().map(IgnoreEntry::id))
        {
            if !known(key) {
                warnings.push(format!(
                    "configuration names `{key}`, which matches no rule id or family"
                ));
            }
        }
        for id in self.rules.keys() {
            if !rules.iter().any(|r| &r.id == id) {
                warnings.push(format!(
                    "configuration overrides `{id}`, which matches no rule id"
                ));
            }
        }
        let from = source.as_deref().unwrap_or("repository configuration");
        let mut changes = Vec::new();
        let mut refused = Vec::new();
        let mut kept = Vec::new();
        let mut ignored = Vec::new();
        let mut deselected = 0usize;
        for rule in rules {
            let protected = is_protected(rule);
            let selected = self.select.is_empty()
                || self
                    .select
                    .iter()
                    .any(|s| *s == rule.id || *s == rule.family);
            let ignore = self
                .ignore
                .iter()
                .find(|i| i.id() == rule.id || i.id() == rule.family);
            if let Some(entry) = ignore {
                if protected {
                    refused.push(format!("ignore {}", rule.id));
                } else {
                    ignored.push(Ignored {
                        id: rule.id.clone(),
                        reason: entry.reason().map(str::to_owned),
                    });
                    changes.push(format!("ignored {}", rule.id));
                    continue;
                }
            } else if !selected {
                if protected {
                    refused.push(format!("leave {} unselected", rule.id));
                } else {
                    deselected += 1;
                    continue;
                }
            }
            let mut rule = rule.clone();
            if let Some(o) = self.rules.get(&rule.id) {
                self.override_rule(&mut rule, o, protected, &mut changes, &mut refused);
            }
            kept.push(rule);
        }
        if deselected > 0 {
            changes.insert(0, format!("left {deselected} rules unselected (`select`)"));
        }
        if !changes.is_empty() {
            warnings.push(format!(
                "{from} changed the judgement: {}",
                changes.join("; ")
            ));
        }
        if !refused.is_empty() {
            warnings.push(format!(
                "{from} may not weaken error-severity rules; refused to {}",
                refused.join(", ")
            ));
        }
        Resolved {
            rules: kept,
            ignored,
            warnings,
            source,
        }
    }

    /// One rule's weight and severity change, within the policy: weights
    /// only go down (raising the others would dilute the rules that may
    /// not be weakened), and protected rules keep their weight and severity.
    fn override_rule(
        &self,
        rule: &mut Rule,
        o: &RuleOverride,
        protected: bool,
        changes: &mut Vec<String>,
        refused: &mut Vec<String>,
    ) {
        if let Some(w) = o.weight {
            if !w.is_finite() || w < 0.0 {
                refused.push(format!("set weight {w} on {} (must be 0 or more)", rule.id));
            } else if w > rule.weight {
                refused.push(format!(
                    "raise the weight of {} from {} to {w}",
                    rule.id, rule.weight
                ));
            } else if protected && w < rule.weight {
                refused.push(format!("lower the weight of {}", rule.id));
            } else if w != rule.weight {
                changes.push(format!("weight of {} {} -> {w}", rule.id, rule.weight));
                rule.weight = w;
            }
        }
        if let Some(s) = o.severity {
            if protected && s < rule.severity {
                refused.push(format!("lower the severity of {}", rule.id));
            } else if s != rule.severity {
                changes.push(format!("severity of {} {} -> {s}", rule.id, rule.severity));
                rule.severity = s;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignore_with_reason_and_unknown_ids() {
        let cfg = parse_config_file(
            "ignore = [\"docs\", { id = \"HYGIENE-DEPLOY\", reason = \"a library\" }, \"NOPE-1\"]\n[rules.README-LICENSE]\nweight = 0.5\n",
        )
        .expect("valid");
        let pack = crate::rules::load_default_pack().expect("pack");
        let r = cfg.apply(&pack.rules, None);
        assert!(r.rules.iter().all(|r| r.family != "docs"));
        assert!(
            r.ignored
                .iter()
                .any(|i| i.id == "HYGIENE-DEPLOY" && i.reason.as_deref() == Some("a library"))
        );
        assert!(r.warnings.iter().any(|w| w.contains("NOPE-1")));
        assert_eq!(
            r.rules
                .iter()
                .find(|r| r.id == "README-LICENSE")
                .map(|r| r.weight),
            Some(0.5)
        );
    }

    #[test]
    fn malformed_config_names_file_and_position() {
        let err = parse_config_file("select = [\"readme\"\nignore = 3\n").unwrap_err();
        assert!(
            err.path
                .as_deref()
                .unwrap_or("")
                .starts_with(".portfolio-audit.toml:")
        );
        let err = parse_config_file("selekt = []\n").unwrap_err();
        assert!(err.message.contains("select"), "{}", err.message);
    }
}
