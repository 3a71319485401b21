mod cli;

use anyhow::Context;
use clap::{CommandFactory, Parser};
use cli::{AuditOptionsArgs, Cli, ColorChoice, Command, Format, RulesFormat};
use portfolio_audit::audit::{AuditOptions, audit_all, read_repo_config};
use portfolio_audit::discover::{Target, discover};
use portfolio_audit::error::ConfigError;
use portfolio_audit::facts::history::HistoryOptions;
use portfolio_audit::report::{self, RepoReport, rules_doc};
use portfolio_audit::rules::{self, PROFILES, Pack, Rule};
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

/// The pack for a profile spec ("default", a track, a file), with the
/// user's --rules files applied last so they win over profile rules.
fn load_pack(profile: &str, extra: &[PathBuf]) -> Result<Pack, ConfigError> {
    let mut pack = match profile {
        "default" | "auto" => rules::load_default_pack()?,
        spec => rules::load_profile(spec)?,
    };
    for path in extra {
        rules::load_rules_path(&mut pack, path)?;
    }
    Ok(pack)
}

/// Every built-in profile, for `--profile auto`.
fn all_profiles(extra: &[PathBuf]) -> Result<Vec<(String, Pack)>, ConfigError> {
    PROFILES
        .iter()
        .map(|(name, _, _)| Ok(((*name).to_owned(), load_pack(name, extra)?)))
        .collect()
}

fn write_out(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
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
        Command::Rules {
            rules: extra,
            family,
            profile,
            format,
            all,
        } => {
            let pack = load_pack(&profile, &extra)?;
            let selected: Vec<&Rule> = pack
                .rules
                .iter()
                .filter(|r| family.as_ref().is_none_or(|f| r.family == *f))
                .collect();
            let text = match format {
                RulesFormat::Json => serde_json::to_string_pretty(&selected)? + "\n",
                RulesFormat::Text => rules_doc::text(&selected),
                RulesFormat::Markdown if all => rules_doc::reference(&pack, &all_profiles(&extra)?),
                RulesFormat::Markdown => rules_doc::markdown(&pack, &selected, "## Rules"),
            };
            write_out(&text)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain {
            id,
            profile,
            rules: extra,
        } => {
            let pack = load_pack(&profile, &extra)?;
            let wanted = id.to_ascii_uppercase();
            let rule = match pack.rule(&wanted) {
                Some(rule) => rule,
                // A profile's own rule may be asked for without naming it.
                None => match all_profiles(&extra)?
                    .into_iter()
                    .find_map(|(_, p)| p.rule(&wanted).cloned())
                {
                    Some(rule) => {
                        write_out(&rules_doc::explain(&rule))?;
                        return Ok(ExitCode::SUCCESS);
                    }
                    None => {
                        return Err(ConfigError::new(
                            &id,
                            "no rule with this id; `portfolio-audit rules` lists them",
                        )
                        .into());
                    }
                },
            };
            write_out(&rules_doc::explain(rule))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Init { dir } => {
            let path = dir.join(portfolio_audit::config::CONFIG_FILE);
            if path.exists() {
                return Err(ConfigError::new(
                    path.display().to_string(),
                    "already exists; not overwritten",
                )
                .into());
            }
            std::fs::write(&path, portfolio_audit::config::STARTER)
                .with_context(|| format!("writing {}", path.display()))?;
            println!("wrote {}", path.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "portfolio-audit",
                &mut std::io::stdout(),
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout())?;
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

fn show_config(
    targets: &[Target],
    pack: &Pack,
    options: &AuditOptions,
    args: &AuditOptionsArgs,
) -> anyhow::Result<()> {
    let repos: Vec<serde_json::Value> = targets
        .iter()
        .map(|t| {
            let (cfg, from, errors) = read_repo_config(t, options);
            serde_json::json!({
                "name": t.name,
                "config_file": from,
                "config": cfg,
                "errors": errors,
            })
        })
        .collect();
    let rules: Vec<serde_json::Value> = pack
        .rules
        .iter()
        .map(|r| serde_json::json!({ "id": r.id, "family": r.family, "severity": r.severity, "weight": r.weight, "origin": r.origin }))
        .collect();
    let doc = serde_json::json!({
        "profile": args.profile,
        "profiles_for_auto": options.auto_profiles.iter().map(|(n, _)| n).collect::<Vec<_>>(),
        "rules_files": args.rules,
        "rules": rules,
        "repos": repos,
        "flags": {
            "worktree": args.worktree,
            "fail_under": args.fail_under,
            "authors": args.authors,
            "max_commits": args.max_commits,
            "threads": args.threads,
            "color": args.color,
        },
    });
    write_out(&(serde_json::to_string_pretty(&doc)? + "\n"))
}

fn audit_and_render(targets: &[Target], args: &AuditOptionsArgs) -> anyhow::Result<ExitCode> {
    let pack = load_pack(&args.profile, &args.rules)?;
    let options = AuditOptions {
        worktree: args.worktree,
        history: HistoryOptions {
            max_commits: args.max_commits.max(1),
            authors: args.authors.clone(),
        },
        auto_profiles: if args.profile == "auto" {
            all_profiles(&args.rules)?
        } else {
            Vec::new()
        },
    };
    if args.show_config {
        show_config(targets, &pack, &options, args)?;
        return Ok(ExitCode::SUCCESS);
    }
    let reports: Vec<RepoReport> = match args.threads {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
            .context("starting worker threads")?
            .install(|| audit_all(targets, &pack, &options)),
        None => audit_all(targets, &pack, &options),
    };
    let portfolio = (reports.len() >= 2)
        .then(|| portfolio_audit::portfolio::verdict(&reports, !args.authors.is_empty()));
    let rendered = match args.format {
        Format::Json => report::json::render(&reports, portfolio.as_ref()),
        Format::Text => report::text::render(
            &reports,
            portfolio.as_ref(),
            report::text::Style {
                color: use_color(args.color),
            },
        ),
    };
    write_out(&rendered)?;
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
