//! Everything one audit found about one repository. Built by the audit,
//! scored by `model::score`, and only read by the renderers.

use super::identity::Identity;
use super::outcome::Outcome;
use super::recorded::Recorded;
use super::score::Score;
use crate::error::AuditError;
use crate::facts::Facts;
use crate::source::{SourceInfo, SourceKind};
use std::path::Path;

/// How every not-Python note ends: what `is_unscored` looks for.
pub const NOT_SCORED: &str = ": not a Python project, so not scored";

/// The note a repository without Python gets instead of a score.
pub const NOT_PYTHON: &str =
    "no Python code or notebooks found: not a Python project, so not scored";

/// The note a repository that is mainly another language's project gets,
/// from what `OtherLanguage::describe` says ("mainly Rust: ...").
pub fn not_python_note(why: &str) -> String {
    format!("{why}{NOT_SCORED}")
}

/// Which profile judged a repository, and why.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ProfileChoice {
    pub name: String,
    pub reason: String,
}

/// A rule the repository's own configuration switched off.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Ignored {
    pub id: String,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct RepoReport {
    pub name: String,
    pub path: String,
    pub source: Option<SourceKind>,
    pub git: Option<SourceInfo>,
    pub score: Option<Score>,
    /// The profile that judged it, and why.
    pub profile: Option<ProfileChoice>,
    /// Where the repository's own configuration came from.
    pub config: Option<String>,
    pub outcomes: Vec<Outcome>,
    pub ignored: Vec<Ignored>,
    pub warnings: Vec<String>,
    pub errors: Vec<AuditError>,
    /// Which repository this is, whatever its path's spelling (resolved
    /// after the audit; the baseline comparison matches on it).
    pub identity: Identity,
    /// The repository's position in the whole target list, before any
    /// `--shard`: a merge of shards puts reports back in this order.
    #[serde(default)]
    pub position: usize,
    /// What the rules were judged on; dropped after scoring unless a
    /// format needs it. Never in the JSON Lines record: the line carries
    /// the facts as the JSON report writes them.
    #[serde(skip)]
    pub facts: Option<Facts>,
    /// What a `merge` read back from a shard's JSON Lines in place of the
    /// facts: enough to render the report as the shard would have.
    #[serde(skip)]
    pub recorded: Option<Recorded>,
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
            identity: Identity::default(),
            position: 0,
            facts: None,
            recorded: None,
        }
    }

    /// The overall score, when anything could be scored.
    pub fn overall(&self) -> Option<f64> {
        self.score.as_ref().and_then(|s| s.score)
    }

    /// Left unscored on purpose: not a Python project. Not an error, and
    /// not counted as one.
    pub fn is_unscored(&self) -> bool {
        self.overall().is_none() && self.not_python_note().is_some()
    }

    /// The note that says why this is not a Python project, if one does.
    fn not_python_note(&self) -> Option<&str> {
        self.warnings
            .iter()
            .map(String::as_str)
            .find(|w| w.ends_with(NOT_SCORED))
    }

    /// No score because something went wrong (it could not be opened, or
    /// no rule could be evaluated).
    pub fn is_errored(&self) -> bool {
        self.overall().is_none() && !self.is_unscored()
    }

    /// The warnings a human report shows: all but the not-Python note of
    /// an unscored repository, which its no-score reason already gives.
    pub fn shown_warnings(&self) -> impl Iterator<Item = &String> {
        let unscored = self.is_unscored();
        self.warnings
            .iter()
            .filter(move |w| !(unscored && w.ends_with(NOT_SCORED)))
    }

    /// Why there is no score, when there is none: not a Python project,
    /// the first error, or that no rule applied. A reviewer should never
    /// see a bare "n/a".
    pub fn no_score_reason(&self) -> Option<String> {
        if self.overall().is_some() {
            return None;
        }
        if let Some(note) = self.not_python_note().filter(|_| self.is_unscored()) {
            let why = note.strip_suffix(NOT_SCORED).unwrap_or(note);
            return Some(format!("not a Python project ({why})"));
        }
        Some(match self.errors.first() {
            Some(e) => e.to_string(),
            None => "no rule applied to this repository".to_owned(),
        })
    }
}
