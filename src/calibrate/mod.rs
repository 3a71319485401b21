//! `portfolio-audit calibrate`: how well the tool agrees with careful human
//! labels. It audits the given repositories exactly as `audit` would, then
//! measures the scores against the labelled tiers and each rule's verdict
//! against the labelled expectations. It is a measurement, not a gate: it
//! exits 0 whenever it ran.
//!
//! ```text
//! labels (parse, merge labellers) ──► matching (path → slug)
//!     ──► observe (audit_all, compare) ──► figures (per set) ──► render
//! ```
//!
//! The caller (the application layer) resolves the pack and audit options,
//! so this module never depends on the command line.

pub mod figures;
pub mod labels;
pub mod matching;
pub mod measure;
pub mod observe;
pub mod render;

use crate::audit::AuditOptions;
use crate::rules::Pack;
use labels::{Labels, Set};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

/// Which part of the corpus to measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Selection {
    Dev,
    Holdout,
    /// Dev and holdout apart, then together; per-repository lists for the
    /// dev set only.
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// What to calibrate, resolved from the command line.
#[derive(Debug, Clone)]
pub struct Request {
    pub labels: PathBuf,
    pub paths: Vec<PathBuf>,
    pub selection: Selection,
    pub format: Format,
}

/// A repository that was selected but not measured, or a note on one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Note {
    pub repo: String,
    pub message: String,
}

/// Everything `calibrate` reports.
#[derive(Debug, Clone, Serialize)]
pub struct Calibration {
    pub labels: String,
    /// Entries in the labels file, and the repositories they label.
    pub entries: usize,
    pub labelled_repos: usize,
    pub selection: &'static str,
    pub parts: Vec<figures::Figures>,
    /// Selected repositories the tool could not score.
    pub errors: Vec<Note>,
    /// HEAD differs from the labelled commit, or cannot be checked.
    pub warnings: Vec<Note>,
    /// Given paths that match no labelled repository.
    pub unmatched_paths: Vec<Note>,
    /// Selected labelled repositories no path was given for.
    pub missing: Vec<String>,
    pub labellers: Labellers,
}

/// How far the labellers agree where a repository was labelled twice.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Labellers {
    /// Repositories (in the selection) with more than one entry.
    pub repos: usize,
    /// Of those, how many were given one tier by every labeller.
    pub same_tier: usize,
    /// Per-rule verdicts set aside because the labellers differ.
    pub disputed: usize,
}

impl Selection {
    fn includes(self, set: Set) -> bool {
        match self {
            Selection::Dev => set == Set::Dev,
            Selection::Holdout => set == Set::Holdout,
            Selection::All => true,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Selection::Dev => "dev",
            Selection::Holdout => "holdout",
            Selection::All => "all",
        }
    }
}

/// Runs a calibration and writes it to `out`. Only a bad labels file is an
/// error (a `ConfigError`, exit 2); every problem with a repository is a
/// line in the report.
pub fn run(
    request: &Request,
    pack: &Pack,
    options: &AuditOptions,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let labels = labels::load(&request.labels)?;
    let calibration = measure_paths(request, &labels, pack, options);
    match request.format {
        Format::Text => render::text(&calibration, out)?,
        Format::Json => render::json(&calibration, out)?,
    }
    Ok(())
}

/// Matches, audits and measures; everything but reading the labels file
/// and writing the result.
pub fn measure_paths(
    request: &Request,
    labels: &Labels,
    pack: &Pack,
    options: &AuditOptions,
) -> Calibration {
    let selection = request.selection;
    let matching = matching::match_paths(labels, &request.paths);
    let chosen: Vec<(&labels::LabelledRepo, PathBuf)> = matching
        .matched
        .iter()
        .map(|(i, p)| (&labels.repos[*i], p.clone()))
        .filter(|(r, _)| selection.includes(r.set))
        .collect();
    let observations = observe::observe(&chosen, pack, options);
    let part = |set: Option<Set>| -> Vec<&observe::Observation> {
        observations
            .iter()
            .filter(|o| set.is_none_or(|s| o.set == s))
            .collect()
    };
    let parts = match selection {
        Selection::Dev => vec![figures::figures("dev", &part(Some(Set::Dev)), true)],
        Selection::Holdout => vec![figures::figures("holdout", &part(Some(Set::Holdout)), true)],
        Selection::All => vec![
            figures::figures("dev", &part(Some(Set::Dev)), true),
            figures::figures("holdout", &part(Some(Set::Holdout)), false),
            figures::figures("all", &part(None), false),
        ],
    };
    let selected: Vec<&labels::LabelledRepo> = labels
        .repos
        .iter()
        .filter(|r| selection.includes(r.set))
        .collect();
    let note = |o: &observe::Observation, m: &str| Note {
        repo: o.slug.clone(),
        message: m.to_owned(),
    };
    Calibration {
        labels: request.labels.display().to_string(),
        entries: labels.entries,
        labelled_repos: labels.repos.len(),
        selection: selection.name(),
        parts,
        errors: observations
            .iter()
            .filter_map(|o| o.problem.as_deref().map(|m| note(o, m)))
            .collect(),
        warnings: observations
            .iter()
            .filter_map(|o| o.warning.as_deref().map(|m| note(o, m)))
            .collect(),
        unmatched_paths: matching
            .unmatched
            .iter()
            .map(|(p, m)| Note {
                repo: p.display().to_string(),
                message: m.clone(),
            })
            .collect(),
        missing: matching
            .missing(labels)
            .iter()
            .filter(|r| selection.includes(r.set))
            .map(|r| r.slug.clone())
            .collect(),
        labellers: Labellers {
            repos: selected.iter().filter(|r| r.entries > 1).count(),
            same_tier: selected
                .iter()
                .filter(|r| r.entries > 1 && r.tier.is_some())
                .count(),
            disputed: selected.iter().map(|r| r.disputed.len()).sum(),
        },
    }
}
