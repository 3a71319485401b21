//! Facts drawn from other sources than the tree's files (the commit
//! history), or from facts gathered before them (web frameworks, tracks).

use super::GatherContext;
use crate::facts::{history, tracks, vocabulary};

/// Commit history, for git sources with commits.
pub(super) fn history(ctx: &mut GatherContext<'_>) {
    if let Some(repo) = ctx.source.repository() {
        // Only the committed tree at HEAD is keyed by the HEAD commit.
        let analyse = if ctx.source.kind() == crate::source::SourceKind::GitHead {
            history::analyse_cached
        } else {
            history::analyse
        };
        ctx.facts.history = analyse(repo, ctx.files, ctx.history_options, &mut ctx.reader.errors);
    }
}

/// Web frameworks found in dependencies or imports, in vocabulary order.
pub(super) fn web_frameworks(ctx: &mut GatherContext<'_>) {
    let facts = &ctx.facts;
    let mut web: Vec<String> = vocabulary::WEB_FRAMEWORKS
        .iter()
        .filter(|w| {
            facts.python.imports.contains(**w)
                || facts.manifests.dependencies.iter().any(|d| d.name == **w)
        })
        .map(|w| (*w).to_owned())
        .collect();
    web.dedup();
    ctx.facts.web_frameworks = web;
}

pub(super) fn tracks(ctx: &mut GatherContext<'_>) {
    ctx.facts.tracks = tracks::detect(&ctx.facts);
}
