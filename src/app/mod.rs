//! The application layer: what the command line does, reachable from the
//! library so it can be tested without spawning the binary.
//!
//! Arguments are turned into ready objects before anything runs (ripgrep's
//! pattern), then one direction of flow:
//!
//! ```text
//! cli ──► targets (paths, URLs, lists, accounts; remotes cloned)
//!     ──► plan (pack, profiles, audit options)
//!     ──► run (Ctrl-C, progress, threads) ──► collect (portfolio, baseline)
//!     ──► render (formats, -o files) ──► exit (policy → code)
//! ```
//!
//! The commands that do not audit live in [`commands`].

pub mod cli;
pub mod commands;
pub mod demo;
pub mod exit;
pub mod identity;
pub mod merge;
pub mod plan;
pub mod render;
pub mod report_file;
pub mod run;
pub mod shard;
pub mod show_config;
pub mod stream;
pub mod targets;

pub use exit::Exit;

use crate::discover::Target;
use cli::{AuditOptionsArgs, Cli, Command};
use std::io::Write;

/// Runs one parsed command line, writing what it prints to `out`
/// (messages for a person go to stderr). An error means nothing useful was
/// written; [`exit::for_error`] says how the process should end.
pub fn run(cli: Cli, out: &mut dyn Write) -> anyhow::Result<Exit> {
    match cli.command {
        Command::Audit(args) => {
            let (targets, positions) = targets::resolve_shard(&args)?;
            audit_at(&targets, &positions, &args.options, out)
        }
        Command::Merge(args) => merge::run(&args, out),
        Command::Demo {
            fixtures,
            into,
            options,
        } => {
            // Removed when this returns, after the report is written.
            let temp = tempfile::Builder::new()
                .prefix("portfolio-audit-demo")
                .tempdir()?;
            let dir = into.unwrap_or_else(|| temp.path().join("repos"));
            let source = match &fixtures {
                Some(path) => path.clone(),
                None => {
                    let unpacked = temp.path().join("test-repos");
                    demo::unpack(&unpacked)?;
                    unpacked
                }
            };
            let label = fixtures
                .as_deref()
                .unwrap_or(std::path::Path::new("test-repos"));
            let targets = targets::demo(&source, &dir, label)?;
            audit(&targets, &options, out)
        }
        Command::Rules {
            rules,
            family,
            profile,
            format,
            all,
        } => {
            let query = commands::RulesQuery {
                extra: rules,
                family,
                profile,
                format,
                all,
            };
            commands::rules(&query, out)
        }
        Command::Explain { id, profile, rules } => commands::explain(&id, &profile, &rules, out),
        Command::Init { dir } => commands::init(&dir, out),
        Command::Calibrate(args) => calibrate(&args, out),
        Command::Completions { shell } => Ok(commands::completions(shell, out)),
        Command::Man { dir } => commands::man(dir.as_deref(), out),
    }
}

/// Audits resolved targets as the options say: plan, run, collect, render,
/// then judge the exit. `--show-config` stops after the plan.
pub fn audit(
    targets: &[Target],
    args: &AuditOptionsArgs,
    out: &mut dyn Write,
) -> anyhow::Result<Exit> {
    let positions: Vec<usize> = (0..targets.len()).collect();
    audit_at(targets, &positions, args, out)
}

/// [`audit`] of targets at these positions of the whole target list
/// (a `--shard` audits some of them).
pub fn audit_at(
    targets: &[Target],
    positions: &[usize],
    args: &AuditOptionsArgs,
    out: &mut dyn Write,
) -> anyhow::Result<Exit> {
    let plan = plan::Plan::from_args(args)?;
    // A bad `-o` is a usage error before any repository is read.
    let mut outputs = render::outputs(args)?;
    if args.show_config {
        render::emit(out, &show_config::render(targets, &plan, args)?)?;
        return Ok(Exit::Success);
    }
    // JSON Lines alone streams; beside other formats, or compared with a
    // baseline, the reports are collected as for any format.
    let streams = args.baseline.is_none()
        && match outputs.as_slice() {
            [] => args.stdout_format() == cli::Format::Jsonl,
            [(cli::Format::Jsonl, _)] => true,
            _ => false,
        };
    if streams {
        let sink = match outputs.pop() {
            Some((_, path)) => stream::Sink::File(path),
            None => stream::Sink::Stdout(out),
        };
        return stream::audit(targets, positions, &plan, args, sink);
    }
    let Some(mut reports) = run::audit(targets, &plan, args)? else {
        eprintln!("portfolio-audit: interrupted; no report written");
        return Ok(Exit::Interrupted);
    };
    for (r, position) in reports.iter_mut().zip(positions) {
        r.position = *position;
    }
    finish(reports, None, args, out)
}

/// Collect, render, judge: the end of an audit and of a merge.
/// `entries` are the reports' portfolio summaries when they were read back
/// from shards (computed from the facts otherwise).
fn finish(
    reports: Vec<crate::model::RepoReport>,
    entries: Option<Vec<Option<crate::model::portfolio::Entry>>>,
    args: &AuditOptionsArgs,
    out: &mut dyn Write,
) -> anyhow::Result<Exit> {
    let results = run::collect(reports, entries, args)?;
    render::write_reports(&results, args, out)?;
    let reasons =
        exit::Policy::from_args(args).reasons(&results.reports, results.changes.as_deref());
    for reason in &reasons {
        eprintln!(
            "portfolio-audit: failing: {}",
            crate::report::text::clean(reason)
        );
    }
    Ok(if reasons.is_empty() {
        Exit::Success
    } else {
        Exit::Failed
    })
}

/// Calibrates with the normal pack and `--profile auto`, as `audit` would
/// judge the same repositories.
fn calibrate(args: &cli::CalibrateArgs, out: &mut dyn Write) -> anyhow::Result<Exit> {
    let pack = plan::load_pack("auto", &args.rules)?;
    let options = crate::audit::AuditOptions {
        auto_profiles: plan::all_profiles(&args.rules)?,
        ..Default::default()
    };
    let request = crate::calibrate::Request {
        labels: args.labels.clone(),
        paths: args.paths.clone(),
        selection: args.set,
        format: args.format,
    };
    crate::calibrate::run(&request, &pack, &options, out)?;
    Ok(Exit::Success)
}
