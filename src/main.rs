mod cli;

use anyhow::Context;
use clap::Parser;
use cli::{AuditOptionsArgs, Cli, ColorChoice, Command, Format};
use portfolio_audit::audit::{AuditOptions, audit_all};
use portfolio_audit::discover::{Target, discover};
use portfolio_audit::error::ConfigError;
use portfolio_audit::report::{self, RepoReport};
use portfolio_audit::rules::{self, Pack};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Reviewers audit clones owned by other users. libgit2's ownership check
    // guards against running a stranger's config; we only read objects and
    // never run anything from a repository, so it would only refuse work.
    // SAFETY: called once, before any thread touches libgit2.
    let _ = unsafe { git2::opts::set_verify_owner_validation(false) };
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("portfolio-audit: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn load_pack(extra: &[PathBuf]) -> Result<Pack, ConfigError> {
    let mut pack = rules::load_default_pack()?;
    for path in extra {
        rules::load_rules_path(&mut pack, path)?;
    }
    Ok(pack)
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Audit(args) => {
            let mut targets = Vec::new();
            for path in &args.paths {
                targets.extend(discover(path)?);
            }
            audit_and_render(&targets, &args.options)
        }
        Command::Demo { fixtures, options } => {
            let dir = tempfile::Builder::new()
                .prefix("portfolio-audit-demo")
                .tempdir()?;
            portfolio_audit::fixture::build_all(&fixtures, dir.path()).with_context(|| {
                format!("building the sample portfolio from {}", fixtures.display())
            })?;
            let mut targets = discover(dir.path())?;
            for t in &mut targets {
                let short = t
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                t.name = format!("{}/{short}", fixtures.display());
            }
            audit_and_render(&targets, &options)
        }
        Command::Rules { rules, format } => {
            let pack = load_pack(&rules)?;
            let mut out = std::io::stdout().lock();
            match format {
                Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&pack.rules)?)?,
                Format::Text => {
                    for r in &pack.rules {
                        writeln!(
                            out,
                            "{:<24} {:<8} {:<6} w{:<4} {}",
                            r.id,
                            r.family,
                            r.severity.to_string(),
                            r.weight,
                            r.title
                        )?;
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

fn audit_and_render(targets: &[Target], args: &AuditOptionsArgs) -> anyhow::Result<ExitCode> {
    let pack = load_pack(&args.rules)?;
    let options = AuditOptions {
        worktree: args.worktree,
        history: portfolio_audit::facts::history::HistoryOptions {
            max_commits: args.max_commits.max(1),
            authors: args.authors.clone(),
        },
    };
    let reports: Vec<RepoReport> = match args.threads {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
            .context("starting worker threads")?
            .install(|| audit_all(targets, &pack, &options)),
        None => audit_all(targets, &pack, &options),
    };
    let rendered = match args.format {
        Format::Json => report::json::render(&reports),
        Format::Text => report::text::render(
            &reports,
            report::text::Style {
                color: use_color(args.color),
            },
        ),
    };
    let mut out = std::io::stdout().lock();
    out.write_all(rendered.as_bytes())?;
    out.flush()?;
    if let Some(threshold) = args.fail_under {
        // A repository that could not be scored cannot be said to pass.
        if reports
            .iter()
            .any(|r| r.overall().is_none_or(|s| s < threshold))
        {
            return Ok(ExitCode::from(1));
        }
    }
    Ok(ExitCode::SUCCESS)
}
