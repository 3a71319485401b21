//! Reports: what one audit found, and the renderers that print them. Reports
//! are collected first and rendered once, so output is never interleaved.

pub mod badge;
pub mod html;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod rules_doc;
pub mod sarif;
pub mod text;

use crate::config::Ignored;
use crate::error::AuditError;
use crate::facts::Facts;
use crate::rules::Outcome;
use crate::score::Score;
use crate::source::{SourceInfo, SourceKind};
use serde::Serialize;
use std::path::Path;

/// Escapes text for XML and HTML, attributes and content alike; drops
/// characters XML 1.0 cannot carry. Used by the JUnit and HTML reports.
pub fn escape_markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Bumped whenever the JSON shape changes in a way a consumer could notice.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize)]
pub struct RepoReport {
    pub name: String,
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub git: Option<SourceInfo>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub score: Option<Score>,
    /// The profile that judged it, and why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile: Option<crate::audit::ProfileChoice>,
    /// Where the repository's own configuration came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config: Option<String>,
    pub outcomes: Vec<Outcome>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ignored: Vec<Ignored>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    pub errors: Vec<AuditError>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facts: Option<Facts>,
}

impl RepoReport {
    pub fn new(name: &str, path: &Path) -> Self {
        RepoReport {
            name: name.to_owned(),
            path: path.display().to_string(),
            source: None,
            git: None,
            score: None,
            profile: None,
            config: None,
            outcomes: Vec::new(),
            ignored: Vec::new(),
            warnings: Vec::new(),
            errors: Vec::new(),
            facts: None,
        }
    }

    pub fn overall(&self) -> Option<f64> {
        self.score.as_ref().and_then(|s| s.score)
    }
}
