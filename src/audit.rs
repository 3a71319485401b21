//! One repository, start to finish: open its source, resolve its rules,
//! gather facts once, evaluate, score. Many repositories run in parallel and
//! come back in the order they were given.

use crate::config::{self, CONFIG_FILE, RepoConfig};
use crate::discover::{Target, TargetKind};
use crate::error::AuditError;
use crate::facts;
use crate::report::RepoReport;
use crate::rules::{self, Check, Pack, Rule};
use crate::score;
use crate::source::{DiskSource, GitSource, Source, SourceKind};
use globset::GlobSet;
use rayon::prelude::*;

#[derive(Debug, Clone, Default)]
pub struct AuditOptions {
    /// Audit the working directory of git repositories instead of HEAD.
    pub worktree: bool,
    pub history: facts::history::HistoryOptions,
}

pub fn audit_all(targets: &[Target], pack: &Pack, options: &AuditOptions) -> Vec<RepoReport> {
    targets
        .par_iter()
        .map(|t| audit_one(t, pack, options))
        .collect()
}

fn open_source(
    target: &Target,
    options: &AuditOptions,
    warnings: &mut Vec<String>,
) -> Result<Box<dyn Source>, AuditError> {
    match target.kind {
        TargetKind::Folder => Ok(Box::new(DiskSource::open(
            &target.path,
            SourceKind::Folder,
        )?)),
        TargetKind::Git if options.worktree => {
            if crate::discover::is_bare_repo(&target.path) && !target.path.join(".git").exists() {
                warnings.push(
                    "bare repository has no working tree; audited the committed tree at HEAD"
                        .to_owned(),
                );
                Ok(Box::new(GitSource::open(&target.path)?))
            } else {
                Ok(Box::new(DiskSource::open(
                    &target.path,
                    SourceKind::Worktree,
                )?))
            }
        }
        TargetKind::Git => Ok(Box::new(GitSource::open(&target.path)?)),
    }
}

/// Reads the repository's own configuration, if it has one.
fn repo_config(source: &dyn Source, errors: &mut Vec<AuditError>) -> (RepoConfig, Option<String>) {
    let exists = |p: &str| source.files().iter().any(|f| f.path == p);
    if exists(CONFIG_FILE) {
        match source.read(CONFIG_FILE) {
            Ok(bytes) => match config::parse_config_file(&String::from_utf8_lossy(&bytes)) {
                Ok(cfg) => return (cfg, Some(CONFIG_FILE.to_owned())),
                Err(e) => errors.push(e),
            },
            Err(e) => errors.push(e),
        }
        return (RepoConfig::default(), None);
    }
    if exists("pyproject.toml") {
        if let Ok(bytes) = source.read("pyproject.toml") {
            match config::parse_pyproject(&String::from_utf8_lossy(&bytes)) {
                Some(Ok(cfg)) => {
                    return (
                        cfg,
                        Some("pyproject.toml [tool.portfolio-audit]".to_owned()),
                    );
                }
                Some(Err(e)) => errors.push(e),
                None => {}
            }
        }
    }
    (RepoConfig::default(), None)
}

/// Globs of the files whose text enabled rules will search.
fn content_globs(rules: &[Rule]) -> GlobSet {
    fn collect(check: &Check, out: &mut Vec<String>) {
        match check {
            Check::FileContains { paths, .. } => out.extend(paths.iter().cloned()),
            Check::Any { of } => of.iter().for_each(|c| collect(c, out)),
            _ => {}
        }
    }
    let mut globs = Vec::new();
    for r in rules {
        collect(&r.check, &mut globs);
    }
    globs.sort();
    globs.dedup();
    rules::globset(&globs)
}

pub fn audit_one(target: &Target, pack: &Pack, options: &AuditOptions) -> RepoReport {
    let mut report = RepoReport::new(&target.name, &target.path);
    let source = match open_source(target, options, &mut report.warnings) {
        Ok(s) => s,
        Err(e) => {
            report.errors.push(e);
            return report;
        }
    };
    report.source = Some(source.kind());
    report.git = (source.kind() == SourceKind::GitHead).then(|| source.info().clone());
    if source.info().empty {
        // Nothing to judge: a score of an empty tree would only mislead.
        report
            .warnings
            .push("repository has no commits yet; nothing to audit".to_owned());
        return report;
    }
    report
        .errors
        .extend(source.listing_errors().iter().cloned());

    let (cfg, cfg_source) = repo_config(source.as_ref(), &mut report.errors);
    let resolved = cfg.apply(&pack.rules, cfg_source);
    report.config = resolved.source.clone();
    report.ignored = resolved.ignored;
    report.warnings.extend(resolved.warnings);

    let (facts, errors) = facts::gather(
        source.as_ref(),
        &pack.section_table(),
        &content_globs(&resolved.rules),
        &options.history,
    );
    report.errors.extend(errors);
    report.outcomes = resolved
        .rules
        .iter()
        .map(|r| rules::evaluate(r, &facts))
        .collect();
    report.score = Some(score::score(&report.outcomes));
    report.facts = Some(facts);
    report
}
