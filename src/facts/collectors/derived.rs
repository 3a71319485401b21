//! Facts drawn from other sources than the tree's files (the commit
//! history), or from facts gathered before them (web frameworks, tracks).

use super::GatherContext;
use crate::facts::{history, tracks, vocabulary};

/// Commit history, for git sources with commits: taken from the history
/// job when `gather` ran one beside the file collectors, else read here.
pub(super) fn history(ctx: &mut GatherContext<'_>) {
    if let Some((facts, errors)) = ctx.history_read.take() {
        ctx.facts.history = facts;
        ctx.reader.errors.extend(errors);
        return;
    }
    if let Some(repo) = ctx.source.repository() {
        let analyse = history_fn(ctx.source.kind());
        ctx.facts.history = analyse(repo, ctx.files, ctx.history_options, &mut ctx.reader.errors);
    }
}

type Analyse = fn(
    &git2::Repository,
    &[crate::source::FileEntry],
    &history::HistoryOptions,
    &mut Vec<crate::error::AuditError>,
) -> Option<history::HistoryFacts>;

/// Only the committed tree at HEAD is keyed by the HEAD commit, so only
/// it goes through the cache.
fn history_fn(kind: crate::source::SourceKind) -> Analyse {
    if kind == crate::source::SourceKind::GitHead {
        history::analyse_cached
    } else {
        history::analyse
    }
}

/// The history, read on its own repository handle so that it can run on
/// another thread than the collectors (a `Repository` is not `Sync`).
/// None when the repository cannot be opened again; the history collector
/// then reads it in its turn.
pub(super) struct HistoryJob<'a> {
    git_dir: std::path::PathBuf,
    analyse: Analyse,
    files: &'a [crate::source::FileEntry],
    options: &'a history::HistoryOptions,
}

impl<'a> HistoryJob<'a> {
    pub(super) fn of(ctx: &GatherContext<'a>) -> Option<Self> {
        let repo = ctx.source.repository()?;
        Some(HistoryJob {
            git_dir: repo.path().to_path_buf(),
            analyse: history_fn(ctx.source.kind()),
            files: ctx.files,
            options: ctx.history_options,
        })
    }

    pub(super) fn run(self) -> Option<super::HistoryRead> {
        let repo = crate::source::git::open_repository(&self.git_dir).ok()?;
        let mut errors = Vec::new();
        let facts = (self.analyse)(&repo, self.files, self.options, &mut errors);
        Some((facts, errors))
    }
}

/// Web frameworks the project itself is built on, in vocabulary order: one
/// its shipped code imports, or one a runtime manifest declares. A
/// framework that only tests, examples or docs import, or that only a dev
/// or test requirement brings, is a harness: an HTTP client's suite serves
/// its requests from a Flask app without making the client a web project.
pub(super) fn web_frameworks(ctx: &mut GatherContext<'_>) {
    let facts = &ctx.facts;
    let mut web: Vec<String> = vocabulary::WEB_FRAMEWORKS
        .iter()
        .filter(|w| {
            facts.python.imported_by_own_code(w)
                || facts
                    .manifests
                    .dependencies
                    .iter()
                    .any(|d| d.name.eq_ignore_ascii_case(w) && d.is_runtime_need())
        })
        .map(|w| (*w).to_owned())
        .collect();
    web.dedup();
    ctx.facts.web_frameworks = web;
}

pub(super) fn tracks(ctx: &mut GatherContext<'_>) {
    ctx.facts.tracks = tracks::detect(&ctx.facts);
}
