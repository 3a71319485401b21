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
pub use checks::{Check, CheckKind, Conditions, content_globs, globset};
pub use conditions::condition_name;
pub use eval::evaluate;
pub use pack::{
    PROFILES, Pack, ProfileInfo, load_default_pack, load_profile, load_rules_path, parse_rules_text,
};

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Info,
    Warn,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warn => "warn",
            Severity::Error => "error",
        })
    }
}

/// Conditions under which a rule applies; otherwise it is not-applicable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Condition {
    /// The code reads environment variables (os.environ, getenv, dotenv...).
    ReadsEnvVars,
    /// A web framework is a dependency or is imported.
    WebProject,
    /// The repository has Python files of its own.
    HasPythonCode,
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
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub when: Vec<Condition>,
    pub check: Check,
    pub rationale: String,
    pub fix: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guide: Option<String>,
    /// Where the rule was defined, `file:line`.
    pub origin: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Pass,
    Partial,
    Fail,
    NotApplicable,
    Error,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Partial => "partial",
            Status::Fail => "fail",
            Status::NotApplicable => "n/a",
            Status::Error => "error",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Evidence {
    pub fn file(path: impl Into<String>) -> Self {
        Evidence {
            path: path.into(),
            line: None,
            note: None,
        }
    }

    pub fn line(path: impl Into<String>, line: Option<u32>) -> Self {
        Evidence {
            path: path.into(),
            line,
            note: None,
        }
    }

    /// `path:line`, or the path alone.
    pub fn location(&self) -> String {
        match self.line {
            Some(l) => format!("{}:{l}", self.path),
            None => self.path.clone(),
        }
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }
}

/// The result of one rule on one repository.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub id: String,
    pub family: String,
    pub title: String,
    pub severity: Severity,
    pub weight: f64,
    pub status: Status,
    /// 0.0 to 1.0; what the rule contributes to the score.
    pub credit: f64,
    /// What was found, in one sentence.
    pub message: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    pub fix: String,
}
