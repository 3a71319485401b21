//! One repository, start to finish: open its source, resolve its rules,
//! gather facts once, evaluate, score. Many repositories run in parallel and
//! come back in the order they were given.

use crate::config::{self, CONFIG_FILE, RepoConfig};
use crate::discover::{Target, TargetKind};
use crate::error::AuditError;
use crate::facts;
use crate::model::RepoReport;
use crate::rules::{self, Pack, Rule};
use crate::score;
use crate::source::{DiskSource, GitSource, Source, SourceKind};
use globset::GlobSet;
use rayon::prelude::*;

#[derive(Debug, Clone, Default)]
pub struct AuditOptions {
    /// Audit the working directory of git repositories instead of HEAD.
    pub worktree: bool,
    /// `--ignore-repo-config`: the repository's own configuration is not
    /// read at all.
    pub ignore_repo_config: bool,
    pub history: facts::history::HistoryOptions,
    /// For `--profile auto`: every built-in profile, by track name. Empty
    /// when a profile was forced or profiles are off.
    pub auto_profiles: Vec<(String, Pack)>,
    /// Set by Ctrl-C: repositories not yet started are skipped.
    pub cancel: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
    pub progress: Option<indicatif::ProgressBar>,
}

pub fn audit_all(targets: &[Target], pack: &Pack, options: &AuditOptions) -> Vec<RepoReport> {
    targets
        .par_iter()
        .map(|t| audit_target(t, pack, options))
        .collect()
}

/// One target of a run: skipped after Ctrl-C, counted on the progress bar.
pub fn audit_target(t: &Target, pack: &Pack, options: &AuditOptions) -> RepoReport {
    // After Ctrl-C, the remaining repositories are not started.
    if options
        .cancel
        .as_ref()
        .is_some_and(|c| c.load(std::sync::atomic::Ordering::Relaxed))
    {
        let mut r = RepoReport::new(&t.name, &t.path);
        r.errors.push(AuditError::repo(
            "interrupted before this repository was audited",
        ));
        return r;
    }
    if let Some(bar) = &options.progress {
        // The repository in flight, escaped: names are untrusted.
        bar.set_message(crate::report::text::clean(&t.name));
    }
    let r = audit_one(t, pack, options);
    if let Some(bar) = &options.progress {
        bar.inc(1);
    }
    r
}

fn open_source(
    target: &Target,
    options: &AuditOptions,
    warnings: &mut Vec<String>,
) -> Result<Box<dyn Source>, AuditError> {
    match target.kind {
        TargetKind::Invalid => Err(AuditError::repo(
            target
                .problem
                .clone()
                .unwrap_or_else(|| "cannot be audited".to_owned()),
        )),
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

/// Opens a target just to read its own configuration (for --show-config).
pub fn read_repo_config(
    target: &Target,
    options: &AuditOptions,
) -> (Option<RepoConfig>, Option<String>, Vec<AuditError>) {
    let mut warnings = Vec::new();
    match open_source(target, options, &mut warnings) {
        Ok(source) => {
            let mut errors = Vec::new();
            let (cfg, from) = repo_config(source.as_ref(), &mut errors);
            (from.is_some().then_some(cfg), from, errors)
        }
        Err(e) => (None, None, vec![e]),
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
    rules::content_globs(rules)
}

pub use crate::model::ProfileChoice;

pub use crate::model::report::NOT_PYTHON;

fn choose_profile<'p>(
    pack: &'p Pack,
    options: &'p AuditOptions,
    facts: &facts::Facts,
) -> (&'p Pack, Option<ProfileChoice>) {
    if let Some(info) = &pack.profile {
        return (
            pack,
            Some(ProfileChoice {
                name: info.name.clone(),
                reason: "chosen with --profile".to_owned(),
            }),
        );
    }
    if options.auto_profiles.is_empty() {
        return (pack, None);
    }
    // A published package is judged as a library whatever its track: its
    // docs live on a docs site, and its README is a pointer to it.
    let library = options.auto_profiles.iter().find(|(n, _)| n == "library");
    if let (true, Some((name, chosen))) = (facts.package.is_library, library) {
        let p = &facts.package;
        return (
            chosen,
            Some(ProfileChoice {
                name: name.clone(),
                reason: format!(
                    "a published package: {} in {}, package {}, {}",
                    p.name.as_deref().unwrap_or("?"),
                    p.metadata.as_deref().unwrap_or("?"),
                    p.package.as_deref().unwrap_or("?"),
                    p.release_hints.join(", ")
                ),
            }),
        );
    }
    let Some(top) = facts.tracks.first() else {
        return (
            pack,
            Some(ProfileChoice {
                name: "default".to_owned(),
                reason: "no career track stood out".to_owned(),
            }),
        );
    };
    match options
        .auto_profiles
        .iter()
        .find(|(name, _)| *name == top.track)
    {
        Some((name, chosen)) => (
            chosen,
            Some(ProfileChoice {
                name: name.clone(),
                reason: format!(
                    "strongest track: {} (score {:.1}): {}",
                    top.track,
                    top.score,
                    top.evidence.join(", ")
                ),
            }),
        ),
        None => (pack, None),
    }
}

/// Facts gathered from a source, with the per-file errors met on the way.
type Gathered = (facts::Facts, Vec<AuditError>);

/// The source and the facts gathered from it: from the facts cache when a
/// git repository's HEAD was audited before with the same options, else
/// read now (and stored for next time).
fn source_and_facts(
    target: &Target,
    options: &AuditOptions,
    all_rules: &[Rule],
    sections: &facts::readme::SectionTable,
    warnings: &mut Vec<String>,
) -> Result<(Box<dyn Source>, Option<Gathered>), AuditError> {
    let head = (target.kind == TargetKind::Git && !options.worktree)
        .then(|| {
            let globs = rules::content_glob_patterns(all_rules);
            facts::cached::resolve(&target.path, &options.history, sections, &globs)
        })
        .flatten();
    if let Some((source, facts, errors)) = head.as_ref().and_then(|h| h.load()) {
        return Ok((Box::new(source), Some((facts, errors))));
    }
    let source = open_source(target, options, warnings)?;
    if source.info().empty {
        return Ok((source, None));
    }
    let gathered = facts::gather(
        source.as_ref(),
        sections,
        &content_globs(all_rules),
        &options.history,
    );
    if let Some(h) = &head {
        let config_files = [CONFIG_FILE, "pyproject.toml"];
        h.store(source.as_ref(), &gathered.0, &gathered.1, &config_files);
    }
    Ok((source, Some(gathered)))
}

pub fn audit_one(target: &Target, pack: &Pack, options: &AuditOptions) -> RepoReport {
    let mut report = RepoReport::new(&target.name, &target.path);
    // With --profile auto the pack depends on the facts, so gather what
    // any candidate profile could ask for.
    let all_rules: Vec<Rule> = pack
        .rules
        .iter()
        .chain(
            options
                .auto_profiles
                .iter()
                .flat_map(|(_, p)| p.rules.iter()),
        )
        .cloned()
        .collect();
    let sections = pack.section_table();
    let (source, gathered) =
        match source_and_facts(target, options, &all_rules, &sections, &mut report.warnings) {
            Ok(s) => s,
            Err(e) => {
                report.errors.push(e);
                return report;
            }
        };
    report.source = Some(source.kind());
    report.git = (source.kind() == SourceKind::GitHead).then(|| source.info().clone());
    // The history walk found the root commit on its way (a cold run):
    // the identity takes it, rather than walking every commit again.
    if report.git.is_some() {
        report.identity.root_commit = gathered
            .as_ref()
            .and_then(|(f, _)| f.history.as_ref())
            .and_then(|h| h.root_commit.clone());
    }
    let Some((facts, errors)) = gathered else {
        // Nothing to judge: a score of an empty tree would only mislead.
        report
            .warnings
            .push("repository has no commits yet; nothing to audit".to_owned());
        return report;
    };
    report
        .errors
        .extend(source.listing_errors().iter().cloned());

    let (cfg, cfg_source) = if options.ignore_repo_config {
        (RepoConfig::default(), None)
    } else {
        repo_config(source.as_ref(), &mut report.errors)
    };
    report.errors.extend(errors);

    let (chosen, choice) = choose_profile(pack, options, &facts);
    report.profile = choice;
    let resolved = cfg.apply(&chosen.rules, cfg_source);
    report.config = resolved.source.clone();
    report.ignored = resolved.ignored;
    report.warnings.extend(resolved.warnings);
    report.outcomes = resolved
        .rules
        .iter()
        .map(|r| rules::evaluate(r, &facts))
        .collect();
    if facts.is_python_project() {
        report.score = Some(score::score(&report.outcomes));
    } else {
        // A Python reviewer's score of a folder with no Python would only
        // mislead (an empty folder used to score 53, a Rust crate 85). The
        // outcomes stay: a committed key is worth knowing about anywhere.
        report.warnings.push(match &facts.other_language {
            Some(lang) => crate::model::report::not_python_note(&lang.describe()),
            None => NOT_PYTHON.to_owned(),
        });
    }
    // Keep what reports show; the file list and file texts were only for
    // the rules, and would grow memory with every repository in a run.
    let mut facts = facts;
    facts.files = Vec::new();
    facts.contents.clear();
    if let Some(r) = facts.readme.as_mut() {
        let mut cut = r.text.len().min(8 * 1024);
        while !r.text.is_char_boundary(cut) {
            cut -= 1;
        }
        r.text.truncate(cut);
    }
    report.facts = Some(facts);
    report
}
