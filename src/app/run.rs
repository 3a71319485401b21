//! Running the audit: Ctrl-C cancellation, the progress bar, the worker
//! threads, then collecting what the renderers read (reports, the
//! portfolio verdict, the comparison with a baseline).

use super::cli::AuditOptionsArgs;
use super::plan::Plan;
use crate::audit::audit_all;
use crate::baseline::{self, RepoChange};
use crate::discover::Target;
use crate::portfolio::{self, Portfolio};
use crate::report::RepoReport;
use anyhow::Context;
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

/// Audits every target with the plan. `None` when the user pressed Ctrl-C:
/// a partial report would look complete, so none is written.
pub fn audit(
    targets: &[Target],
    plan: &Plan,
    args: &AuditOptionsArgs,
) -> anyhow::Result<Option<Vec<RepoReport>>> {
    let cancel = interrupt_flag();
    let progress = progress_bar(targets.len(), args);
    let mut options = plan.options.clone();
    options.cancel = Some(Arc::clone(&cancel));
    options.progress = progress.clone();
    let reports = match args.threads {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
            .context("starting worker threads")?
            .install(|| audit_all(targets, &plan.pack, &options)),
        None => audit_all(targets, &plan.pack, &options),
    };
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
    Ok((!cancel.load(Ordering::SeqCst)).then_some(reports))
}

/// The flag Ctrl-C sets, with its handler installed on first use (a process
/// has one handler). Installed only when an audit starts, so Ctrl-C while
/// cloning or building fixtures still ends the process at once. A second
/// Ctrl-C ends at once too: the first may be stuck in one repository.
pub(super) fn interrupt_flag() -> Arc<AtomicBool> {
    static FLAG: OnceLock<Arc<AtomicBool>> = OnceLock::new();
    Arc::clone(FLAG.get_or_init(|| {
        let flag = Arc::new(AtomicBool::new(false));
        let cancel = Arc::clone(&flag);
        let _ = ctrlc::set_handler(move || {
            if cancel.swap(true, Ordering::SeqCst) {
                std::process::exit(130);
            }
        });
        flag
    }))
}

/// A bar on stderr for runs a person is watching: stderr is a terminal
/// and no --quiet, whatever the format (the report goes to stdout or a
/// file, never where the bar is drawn). It names the repository in flight. It appears for more than a handful of repositories, or
/// once a run has taken a second.
pub(super) fn progress_bar(
    total: usize,
    args: &AuditOptionsArgs,
) -> Option<indicatif::ProgressBar> {
    if args.quiet || args.show_config || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(total as u64),
        indicatif::ProgressDrawTarget::hidden(),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} auditing {pos}/{len} {bar:20} {elapsed} {wide_msg}",
    ) {
        bar.set_style(style);
    }
    if total > 5 {
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    } else {
        let later = bar.clone();
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_secs(1));
            if !later.is_finished() {
                later.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                later.enable_steady_tick(std::time::Duration::from_millis(120));
            }
        });
    }
    Some(bar)
}

/// Everything the renderers and the exit policy read about one run.
#[derive(Debug)]
pub struct Results {
    pub reports: Vec<RepoReport>,
    /// The verdict over all repositories; only for two or more.
    pub portfolio: Option<Portfolio>,
    /// Per repository, what changed since `--baseline`.
    pub changes: Option<Vec<RepoChange>>,
    /// Per report, its portfolio summary (scored reports only).
    pub entries: Vec<Option<portfolio::Entry>>,
}

/// Adds the portfolio verdict and the baseline comparison to the reports.
/// An unreadable baseline is a usage error.
/// `entries` (one per report) are the portfolio summaries of reports read
/// back from shards; without them each is made from its report's facts.
pub fn collect(
    mut reports: Vec<RepoReport>,
    entries: Option<Vec<Option<portfolio::Entry>>>,
    args: &AuditOptionsArgs,
) -> anyhow::Result<Results> {
    let cache = (!args.no_cache).then(crate::cache::default_dir).flatten();
    for r in &mut reports {
        // Reports merged from shards carry the identity their run resolved.
        if r.recorded.is_none() {
            r.identity = super::identity::resolve(r, cache.as_deref());
        }
    }
    let changes = match &args.baseline {
        Some(path) => {
            let base = baseline::load(path)?;
            let changes = baseline::compare(&base, &reports);
            if let Some(warning) = baseline::nothing_matched(&base, &changes) {
                eprintln!("portfolio-audit: warning: {}: {warning}", path.display());
            }
            Some(changes)
        }
        None => None,
    };
    let candidate_given = !args.authors.is_empty();
    let entries = entries.unwrap_or_else(|| {
        reports
            .iter()
            .map(|r| portfolio::Entry::of(r, candidate_given))
            .collect()
    });
    let portfolio = (reports.len() >= 2).then(|| {
        let mut verdict = portfolio::Verdict::default();
        for entry in &entries {
            verdict.extend(entry.clone());
        }
        verdict.finish()
    });
    Ok(Results {
        reports,
        portfolio,
        changes,
        entries,
    })
}
