//! `--format jsonl` as a stream: each repository's line is written as soon
//! as its turn in the input order comes, then the portfolio line, and
//! nothing of a written report is kept but its portfolio summary. Memory
//! stays flat however many repositories a run (or a shard) audits.
//!
//! Workers finish out of order. Finished reports wait in a reorder buffer
//! keyed by input position; a worker does not start a repository more
//! than `2 × threads` positions ahead of the last line written, so the
//! buffer is bounded by making workers wait, never by growing. The workers
//! are plain threads, not rayon tasks: a rayon task blocking on the buffer
//! could sit under another repository's parallel work and deadlock it.

use super::cli::AuditOptionsArgs;
use super::exit::{Exit, Policy};
use super::plan::Plan;
use crate::audit::audit_target;
use crate::discover::Target;
use crate::model::RepoReport;
use crate::model::portfolio::Verdict;
use crate::report::json::Tally;
use crate::report::jsonl;
use anyhow::Context;
use std::collections::BTreeMap;
use std::io::Write;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Condvar, Mutex};

/// Where the stream goes: the caller's stdout, or a temporary file renamed
/// over the `-o` path once the last line is written.
pub enum Sink<'a> {
    Stdout(&'a mut dyn Write),
    File(std::path::PathBuf),
}

/// What the workers and the writer share.
struct Queue {
    /// The next position a worker will take.
    next: usize,
    /// Positions below this are written (or dropped after an abort).
    written: usize,
    /// Finished reports waiting for their turn.
    done: BTreeMap<usize, RepoReport>,
    /// Set when the writer stopped early: workers take no more.
    abort: bool,
}

/// Audits `targets` (at `positions` in the whole target list) and streams
/// JSON Lines to `sink`; then judges the gates on what was written.
pub fn audit(
    targets: &[Target],
    positions: &[usize],
    plan: &Plan,
    args: &AuditOptionsArgs,
    sink: Sink<'_>,
) -> anyhow::Result<Exit> {
    let cancel = super::run::interrupt_flag();
    let progress = super::run::progress_bar(targets.len(), args);
    let mut options = plan.options.clone();
    options.cancel = Some(Arc::clone(&cancel));
    options.progress = progress.clone();
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
        .max(1);
    // With -j, parallel work inside one repository stays in a pool of that
    // size too, as it does without streaming.
    let pool = match args.threads {
        Some(n) => Some(
            rayon::ThreadPoolBuilder::new()
                .num_threads(n.max(1))
                .build()
                .context("starting worker threads")?,
        ),
        None => None,
    };
    let bound = 2 * threads;
    let shared = (
        Mutex::new(Queue {
            next: 0,
            written: 0,
            done: BTreeMap::new(),
            abort: false,
        }),
        Condvar::new(),
    );
    let mut writer = Writer::new(args, sink)?;
    let written = std::thread::scope(|scope| {
        for _ in 0..threads.min(targets.len()) {
            scope.spawn(|| {
                let (lock, ready) = &shared;
                loop {
                    let i = {
                        let Ok(mut q) = lock.lock() else { return };
                        while !q.abort && q.next < targets.len() && q.next >= q.written + bound {
                            q = match ready.wait(q) {
                                Ok(q) => q,
                                Err(_) => return,
                            };
                        }
                        if q.abort || q.next >= targets.len() {
                            return;
                        }
                        q.next += 1;
                        q.next - 1
                    };
                    let t = &targets[i];
                    let mut r = audit_caught(t, plan, &options, pool.as_ref());
                    r.position = positions.get(i).copied().unwrap_or(i);
                    let Ok(mut q) = lock.lock() else { return };
                    q.done.insert(i, r);
                    ready.notify_all();
                }
            });
        }
        let result = write_in_order(targets.len(), &shared, &mut writer, &cancel);
        // Whatever happened, release the workers.
        if let Ok(mut q) = shared.0.lock() {
            q.abort = true;
        }
        shared.1.notify_all();
        result
    });
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
    written?;
    if cancel.load(Ordering::SeqCst) {
        // The stream ends without its portfolio line: a reader can tell
        // the run did not finish.
        eprintln!("portfolio-audit: interrupted; the stream has no portfolio line");
        return Ok(Exit::Interrupted);
    }
    writer.finish()
}

/// One target, a panic turned into that repository's error entry: the
/// writer waits for every position, so a lost report would hang the run.
fn audit_caught(
    t: &Target,
    plan: &Plan,
    options: &crate::audit::AuditOptions,
    pool: Option<&rayon::ThreadPool>,
) -> RepoReport {
    let run = || match pool {
        Some(p) => p.install(|| audit_target(t, &plan.pack, options)),
        None => audit_target(t, &plan.pack, options),
    };
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)).unwrap_or_else(|_| {
        let mut r = RepoReport::new(&t.name, &t.path);
        r.errors.push(crate::error::AuditError::repo(
            "internal error: the audit of this repository panicked",
        ));
        r
    })
}

/// Takes the reports in input order as they arrive and writes each one.
fn write_in_order(
    total: usize,
    (lock, ready): &(Mutex<Queue>, Condvar),
    writer: &mut Writer<'_>,
    cancel: &std::sync::atomic::AtomicBool,
) -> anyhow::Result<()> {
    for i in 0..total {
        let report = {
            let mut q = lock
                .lock()
                .map_err(|_| anyhow::anyhow!("a worker thread panicked"))?;
            loop {
                if let Some(r) = q.done.remove(&i) {
                    break r;
                }
                q = ready
                    .wait(q)
                    .map_err(|_| anyhow::anyhow!("a worker thread panicked"))?;
            }
        };
        if cancel.load(Ordering::SeqCst) {
            return Ok(());
        }
        writer.write(report)?;
        let mut q = lock
            .lock()
            .map_err(|_| anyhow::anyhow!("a worker thread panicked"))?;
        q.written = i + 1;
        ready.notify_all();
    }
    Ok(())
}

/// Writes lines and keeps only what the last line and the gates need.
struct Writer<'a> {
    out: Output<'a>,
    candidate_given: bool,
    /// Where identity resolution may cache root commits (None: --no-cache).
    cache: Option<std::path::PathBuf>,
    policy: Policy,
    tally: Tally,
    verdict: Verdict,
    reasons: Vec<String>,
}

enum Output<'a> {
    Stdout(&'a mut dyn Write),
    File(std::io::BufWriter<super::report_file::ReportFile>),
}

impl<'a> Writer<'a> {
    fn new(args: &AuditOptionsArgs, sink: Sink<'a>) -> anyhow::Result<Self> {
        let out = match sink {
            Sink::Stdout(out) => Output::Stdout(out),
            Sink::File(path) => Output::File(std::io::BufWriter::new(
                super::report_file::ReportFile::create(&path)?,
            )),
        };
        Ok(Writer {
            out,
            candidate_given: !args.authors.is_empty(),
            cache: (!args.no_cache).then(crate::cache::default_dir).flatten(),
            policy: Policy::from_args(args),
            tally: Tally::default(),
            verdict: Verdict::default(),
            reasons: Vec::new(),
        })
    }

    fn write(&mut self, mut r: RepoReport) -> anyhow::Result<()> {
        r.identity = super::identity::resolve(&r, self.cache.as_deref());
        let entry = crate::model::portfolio::Entry::of(&r, self.candidate_given);
        let line = jsonl::repository_line(&r, entry.as_ref(), &jsonl::context(&r));
        self.emit(&line)?;
        self.tally.add(&r);
        self.verdict.extend(entry);
        self.reasons
            .extend(self.policy.reasons(std::slice::from_ref(&r), None));
        Ok(())
    }

    fn emit(&mut self, line: &str) -> anyhow::Result<()> {
        match &mut self.out {
            // Flushed per line: a reader downstream sees each repository
            // as soon as it is done.
            Output::Stdout(out) => super::render::emit(*out, line)?,
            Output::File(file) => file.write_all(line.as_bytes())?,
        }
        Ok(())
    }

    /// The portfolio line, the `-o` file renamed into place, the gates.
    fn finish(mut self) -> anyhow::Result<Exit> {
        let portfolio =
            (self.tally_repos() >= 2).then(|| std::mem::take(&mut self.verdict).finish());
        let line = jsonl::portfolio_line(&self.tally, portfolio.as_ref());
        self.emit(&line)?;
        if let Output::File(file) = self.out {
            file.into_inner()
                .map_err(|e| e.into_error())
                .context("writing the JSON Lines report")?
                .finish()?;
        }
        for reason in &self.reasons {
            eprintln!(
                "portfolio-audit: failing: {}",
                crate::report::text::clean(reason)
            );
        }
        Ok(if self.reasons.is_empty() {
            Exit::Success
        } else {
            Exit::Failed
        })
    }

    fn tally_repos(&self) -> usize {
        self.tally.repos()
    }
}
