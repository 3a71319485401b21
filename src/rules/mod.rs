//! Rules are data. This module loads rule files (the embedded default pack,
//! then `--rules` files), validates them with file:line:col errors, and
//! evaluates them against gathered facts. The check kinds a rule can name
//! live in the catalogue, `checks/`.

pub mod checks;
mod conditions;
mod eval;
mod pack;

pub use checks::fact::FactName;
pub use checks::threshold::Metric;
pub use checks::{Check, CheckKind, Conditions, content_glob_patterns, content_globs, globset};
pub use conditions::{condition_name, missing_reason, missing_short};
pub use eval::evaluate;
pub use pack::{
    PROFILES, Pack, ProfileInfo, load_default_pack, load_profile, load_rules_path, parse_rules_text,
};

pub use crate::model::{Evidence, Location, Outcome, Severity, Status};
use serde::{Deserialize, Serialize};

/// A property of the repository. In a rule's `when` it decides whether the
/// rule applies at all (not-applicable otherwise); in its `requires` it names
/// something the project should have had, and its absence fails the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Condition {
    /// The code reads environment variables (os.environ, getenv, dotenv...).
    ReadsEnvVars,
    /// A web framework is a runtime dependency or the project's own code
    /// imports it (see `Facts::web_frameworks`).
    WebProject,
    /// A web framework that serves pages or an API (not only a dashboard
    /// builder such as Streamlit) is a runtime dependency or imported by
    /// the project's own code.
    WebApi,
    /// The repository has Python files of its own.
    HasPythonCode,
    /// A Python project in any form: Python files or Jupyter notebooks. A
    /// notebooks-only analysis still needs its dependencies declared and
    /// can still be tested; it is not "no Python".
    PythonProject,
    /// The repository has a CI configuration.
    HasCi,
    /// The repository has a README.
    HasReadme,
    /// There is at least one real test function.
    HasTests,
    /// The code imports an HTTP client or a cloud/API SDK.
    CallsNetwork,
    /// The repository holds Jupyter notebooks.
    HasNotebooks,
    /// The source is a git repository with commits.
    HasGitHistory,
}

#[derive(Debug, Clone, Serialize)]
pub struct Rule {
    pub id: String,
    pub family: String,
    pub title: String,
    pub severity: Severity,
    pub weight: f64,
    /// The rule applies only when all of these hold.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub when: Vec<Condition>,
    /// What the project should have had for the rule to pass: when one is
    /// missing the rule fails with credit 0 (absence never earns points).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<Condition>,
    /// The prerequisite this rule's passing establishes (README-EXISTS
    /// provides `has-readme`): the gain of fixing it includes the rules
    /// that fail only because it is missing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provides: Option<Condition>,
    /// An error-severity failure of this rule caps the score at this value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cap: Option<f64>,
    /// A "nothing bad committed" rule: its pass earns no points (absence
    /// of a leak or of junk is no merit), its failure costs its weight.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub guardrail: bool,
    pub check: Check,
    pub rationale: String,
    pub fix: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guide: Option<String>,
    /// Where the rule was defined, `file:line`.
    pub origin: String,
}
