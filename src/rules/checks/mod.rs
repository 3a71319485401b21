//! The check catalogue: every `kind` a rule file can name, one module per
//! family of kinds (ruff's one-rule-one-place, applied to the TOML
//! vocabulary).
//!
//! Each kind is a parameter struct that implements [`CheckKind`]: it
//! evaluates itself against `&Facts`, validates its parameters when the pack
//! loads, names the file contents it wants read, and describes what passes
//! and fails for the parameters a rule gave it. The [`catalogue!`] call below
//! is the one place that lists the kinds: adding a kind is one module plus
//! one line there.

mod any;
mod ci;
pub mod fact;
mod gitignore;
mod junk;
mod matching;
mod paths;
mod readme;
mod readme_links;
mod text;
pub mod threshold;
mod uses;

#[cfg(test)]
mod testing;

use super::Evidence;
use crate::facts::Facts;
use serde::{Deserialize, Serialize};

pub use matching::globset;

/// A check's verdict before the evaluation loop dresses it as an `Outcome`.
#[derive(Debug)]
pub struct Verdict {
    /// 0.0 to 1.0.
    pub credit: f64,
    /// What was found, in one sentence.
    pub message: String,
    pub evidence: Vec<Evidence>,
}

impl Verdict {
    pub fn new(credit: f64, message: impl Into<String>, evidence: Vec<Evidence>) -> Self {
        Verdict {
            credit: credit.clamp(0.0, 1.0),
            message: message.into(),
            evidence,
        }
    }
    pub fn pass(message: impl Into<String>, evidence: Vec<Evidence>) -> Self {
        Self::new(1.0, message, evidence)
    }
    pub fn fail(message: impl Into<String>, evidence: Vec<Evidence>) -> Self {
        Self::new(0.0, message, evidence)
    }
}

/// A parameter a rule file got wrong: the offending literal (so the loader
/// can point at its line and column) and what is wrong with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Invalid {
    pub needle: Option<String>,
    pub message: String,
}

impl Invalid {
    pub fn new(needle: Option<String>, message: impl Into<String>) -> Self {
        Invalid {
            needle,
            message: message.into(),
        }
    }
}

/// What a kind is for, written once per kind; `explain`, the generated docs
/// and docs/rule-format.md say the same thing.
#[derive(Debug, Clone, Copy)]
pub struct KindDoc {
    /// The `kind` value in a rule file.
    pub name: &'static str,
    /// What the kind looks at.
    pub checks: &'static str,
    /// Why a reviewer cares about checks of this shape.
    pub why: &'static str,
}

/// What passes and what fails, written for one rule's parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conditions {
    pub pass: String,
    pub fail: String,
}

impl Conditions {
    pub fn new(pass: impl Into<String>, fail: impl Into<String>) -> Self {
        Conditions {
            pass: pass.into(),
            fail: fail.into(),
        }
    }
}

/// One check kind: its parameters implement this.
pub trait CheckKind {
    /// The kind's own documentation.
    fn doc(&self) -> KindDoc;
    /// Judges the facts. Pure: no I/O happens here.
    fn evaluate(&self, facts: &Facts) -> Verdict;
    /// Checks the parameters when the pack loads (regexes compile, globs
    /// parse, names exist).
    fn validate(&self) -> Result<(), Invalid> {
        Ok(())
    }
    /// Globs of files whose text the check reads from `Facts::contents`.
    fn wanted_contents(&self) -> Vec<String> {
        Vec::new()
    }
    /// README section names the check relies on (validated against the
    /// pack's section table).
    fn readme_sections(&self) -> Vec<String> {
        Vec::new()
    }
    /// Pass and fail conditions for these parameters, for `explain`.
    fn describe(&self) -> Conditions;
}

/// Declares the `Check` enum and its one dispatching `match` from a single
/// list, so a kind is registered in exactly one line.
macro_rules! catalogue {
    ($($(#[$attr:meta])* $variant:ident($params:ty),)*) => {
        /// The check vocabulary: a few kinds, many rules. A rule file names
        /// one with `kind = "..."` (the variant in kebab-case).
        #[derive(Debug, Clone, Deserialize, Serialize)]
        #[serde(tag = "kind", rename_all = "kebab-case")]
        pub enum Check {
            $($(#[$attr])* $variant($params),)*
        }

        impl Check {
            /// The implementation behind this check: the registry's one match.
            pub fn kind(&self) -> &dyn CheckKind {
                match self {
                    $(Check::$variant(params) => params,)*
                }
            }
        }
    };
}

catalogue! {
    PathExists(paths::PathExists),
    PathAbsent(paths::PathAbsent),
    FileContains(paths::FileContains),
    ReadmeExists(readme::ReadmeExists),
    ReadmeSection(readme::ReadmeSection),
    ReadmeCodeBlocks(readme::ReadmeCodeBlocks),
    ReadmeTextAbsent(readme::ReadmeTextAbsent),
    ReadmeTextPresent(readme::ReadmeTextPresent),
    ReadmeLinksResolve(readme_links::ReadmeLinksResolve),
    ReadmeImage(readme::ReadmeImage),
    ReadmeLink(readme::ReadmeLink),
    CiRuns(ci::CiRuns),
    Fact(fact::Fact),
    Threshold(threshold::Threshold),
    JunkAbsent(junk::JunkAbsent),
    GitignoreCovers(gitignore::GitignoreCovers),
    Uses(uses::Uses),
    Any(any::Any),
}

impl Check {
    pub fn evaluate(&self, facts: &Facts) -> Verdict {
        self.kind().evaluate(facts)
    }

    pub fn describe(&self) -> Conditions {
        self.kind().describe()
    }
}

/// The globs of every file whose text some rule reads: gathering reads
/// exactly these into `Facts::contents`.
pub fn content_globs(rules: &[super::Rule]) -> globset::GlobSet {
    globset(&content_glob_patterns(rules))
}

/// The patterns behind [`content_globs`], sorted: part of the facts
/// cache's key, since they decide which texts are gathered.
pub fn content_glob_patterns(rules: &[super::Rule]) -> Vec<String> {
    let mut globs: Vec<String> = rules
        .iter()
        .flat_map(|r| r.check.kind().wanted_contents())
        .collect();
    globs.sort();
    globs.dedup();
    globs
}
