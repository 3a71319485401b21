//! Facts are gathered once per repository, and this is the only place that
//! reads file contents. Rules are pure functions of `&Facts`.
//!
//! `gather` runs the collectors registered in `collectors::COLLECTORS`, in
//! order; each fills in one concern. The flow is one way: the source's file
//! list and blobs go in, `Facts` and the read errors come out.

pub mod cached;
pub mod ci;
mod collectors;
mod declared;
pub mod docker;
pub mod history;
pub mod hygiene;
pub mod language;
pub mod manifests;
pub mod package;
mod parsed;
pub mod pysrc;
pub mod python;
mod reader;
pub mod readme;
pub mod secrets;
pub mod stdlib;
pub mod text;
pub mod tracks;
pub mod vocabulary;
pub mod yaml;

pub use docker::{Dockerfile, image_is_pinned, is_dockerfile};
pub use hygiene::is_env_example;

use crate::error::AuditError;
use crate::source::{FileEntry, Source};
use globset::GlobSet;
use hygiene::HygieneFacts;
use manifests::ManifestFacts;
use python::PythonFacts;
use readme::{ReadmeFacts, SectionTable};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Facts {
    #[serde(skip_serializing_if = "crate::cache::in_output", default)]
    pub files: Vec<FileEntry>,
    pub file_count: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub readme: Option<ReadmeFacts>,
    pub manifests: ManifestFacts,
    pub ci: ci::CiFacts,
    pub python: PythonFacts,
    pub hygiene: HygieneFacts,
    /// Commit history, for git sources with commits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history: Option<history::HistoryFacts>,
    /// Environment variables the code reads by name, and the file that
    /// documents each one (README, docs/, an example env file).
    pub env_documented: BTreeMap<String, Option<String>>,
    pub dockerfiles: Vec<Dockerfile>,
    /// `package.json` files that build a user interface: they depend on a
    /// front-end framework, bundler or UI kit (`vocabulary::FRONT_END_PACKAGES`).
    /// One that only runs a docs generator or a formatter builds no UI.
    #[serde(skip_serializing_if = "crate::cache::in_output", default)]
    pub front_end_manifests: Vec<String>,
    /// Submodules and nested repositories: listed, never followed.
    pub submodules: Vec<String>,
    /// Git LFS pointer files: the content lives elsewhere, so they are not
    /// read as code or data.
    pub lfs_pointers: Vec<String>,
    /// Likely career tracks, strongest first, with evidence.
    pub tracks: Vec<tracks::TrackMatch>,
    /// Web frameworks found in dependencies or imports.
    pub web_frameworks: Vec<String>,
    /// Whether it is a published package (a library), and why.
    pub package: package::PackageFacts,
    /// The language the repository is mainly written in, when it holds
    /// some Python but is another language's project.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub other_language: Option<language::OtherLanguage>,
    /// Text of the files that content rules asked for.
    #[serde(skip_serializing_if = "crate::cache::in_output", default)]
    pub contents: BTreeMap<String, String>,
}

impl Facts {
    pub fn reads_env_vars(&self) -> bool {
        !self.python.env_reads.is_empty()
    }

    pub fn has_python_code(&self) -> bool {
        self.python.source_files + self.python.test_files.len() > 0
    }

    /// Python files or notebooks, in a repository that is not mainly
    /// another language's project: what makes a Python project that gets
    /// a score.
    pub fn is_python_project(&self) -> bool {
        (self.has_python_code() || !self.python.notebooks.is_empty())
            && self.other_language.is_none()
    }

    pub fn path_exists(&self, path: &str) -> bool {
        self.files
            .binary_search_by(|f| f.path.as_str().cmp(path))
            .is_ok()
    }

    pub fn dir_exists(&self, dir: &str) -> bool {
        let prefix = format!("{}/", dir.trim_end_matches('/'));
        let i = self
            .files
            .partition_point(|f| f.path.as_str() < prefix.as_str());
        self.files
            .get(i)
            .is_some_and(|f| f.path.starts_with(&prefix))
    }
}

/// Gathers every fact about one repository. Errors (unreadable files,
/// malformed configs, files over a size cap) come back beside the facts,
/// one per file.
pub fn gather(
    source: &dyn Source,
    sections: &SectionTable,
    content_globs: &GlobSet,
    history_options: &history::HistoryOptions,
) -> (Facts, Vec<AuditError>) {
    let mut ctx = collectors::GatherContext::new(source, sections, content_globs, history_options);
    ctx.run();
    let (facts, errors) = ctx.finish();
    // One error per file: a file several facts wanted is one problem.
    let mut seen = std::collections::HashSet::new();
    let mut errors = errors;
    errors.retain(|e| e.path.as_ref().is_none_or(|p| seen.insert(p.clone())));
    (facts, errors)
}
