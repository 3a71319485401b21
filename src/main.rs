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
    // Re-hashing every object read cost 6% of a large audit (the profile in
    // BENCHMARKS.md). A damaged object still fails to inflate and is
    // reported; nothing is written, so a mismatched id cannot spread.
    git2::opts::strict_hash_verification(false);
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
            let default = [PathBuf::from(".")];
            let paths: &[PathBuf] = if args.paths.is_empty()
                && args.from_file.is_none()
                && args.github_user.is_none()
            {
                &default
            } else {
                &args.paths
            };
            let mut remotes: Vec<String> = Vec::new();
            for path in paths {
                let arg = path.to_string_lossy();
                if portfolio_audit::remote::is_remote(&arg) {
                    remotes.push(arg.into_owned());
                } else {
                    targets.extend(discover(path)?);
                }
            }
            if let Some(list) = &args.from_file {
                let text = if list.as_os_str() == "-" {
                    std::io::read_to_string(std::io::stdin())
                        .context("reading the path list from stdin")?
                } else {
                    std::fs::read_to_string(list).map_err(|e| {
                        ConfigError::new(
                            list.display().to_string(),
                            format!("cannot read list: {e}"),
                        )
                    })?
                };
                for line in text
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                {
                    if portfolio_audit::remote::is_remote(line) {
                        remotes.push(line.to_owned());
                    } else {
                        targets.extend(portfolio_audit::discover::discover_list(line));
                    }
                }
            }
            if let Some(user) = &args.github_user {
                let token = std::env::var("GITHUB_TOKEN").ok();
                let urls =
                    portfolio_audit::github::user_repos(&args.api_url, user, token.as_deref())
                        .map_err(|e| ConfigError::new(format!("--github-user {user}"), e))?;
                if urls.is_empty() {
                    eprintln!("portfolio-audit: {user} has no public repositories of their own");
                }
                remotes.extend(urls);
            }
            if !remotes.is_empty() {
                let cache = args
                    .cache_dir
                    .clone()
                    .unwrap_or_else(portfolio_audit::remote::default_cache);
                targets.extend(clone_all(&remotes, &cache, args.jobs)?);
            }
            audit_and_render(&targets, &args.options)
        }
        Command::Demo {
            fixtures,
            into,
            options,
        } => {
            let temp = tempfile::Builder::new()
                .prefix("portfolio-audit-demo")
                .tempdir()?;
            let dir = into.unwrap_or_else(|| temp.path().to_path_buf());
            portfolio_audit::fixture::build_all(&fixtures, &dir).with_context(|| {
                format!("building the sample portfolio from {}", fixtures.display())
            })?;
            let mut targets = discover(&dir)?;
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

/// Clones or fetches every remote, `jobs` at a time. A failed clone becomes
/// that repository's error entry, carrying git's own message.
fn clone_all(
    remotes: &[String],
    cache: &std::path::Path,
    jobs: usize,
) -> anyhow::Result<Vec<Target>> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .build()
        .context("starting clone threads")?;
    Ok(pool.install(|| {
        use rayon::prelude::*;
        remotes
            .par_iter()
            .map(|arg| {
                let url = portfolio_audit::remote::url_of(arg);
                match portfolio_audit::remote::fetch(&url, cache) {
                    Ok(path) => Target {
                        name: arg.clone(),
                        path,
                        kind: portfolio_audit::discover::TargetKind::Git,
                        problem: None,
                    },
                    Err(message) => Target {
                        name: arg.clone(),
                        path: PathBuf::from(arg),
                        kind: portfolio_audit::discover::TargetKind::Invalid,
                        problem: Some(format!("cannot clone {url}: {message}")),
                    },
                }
            })
            .collect()
    }))
}

/// Writes beside the target and renames, so readers never see half a file.
fn write_atomically(path: &std::path::Path, text: &str) -> anyhow::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("creating a temporary file in {}", dir.display()))?;
    tmp.write_all(text.as_bytes())?;
    tmp.flush()?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

/// A bar on stderr for runs a person is watching: a terminal, text output,
/// not --quiet. It appears for more than a handful of repositories, or
/// once a run has taken a second.
fn progress_bar(total: usize, args: &AuditOptionsArgs) -> Option<indicatif::ProgressBar> {
    if args.quiet
        || args.format != Format::Text
        || args.show_config
        || !std::io::stderr().is_terminal()
    {
        return None;
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(total as u64),
        indicatif::ProgressDrawTarget::hidden(),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} auditing {pos}/{len} repositories {wide_bar} {elapsed}",
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
    let cancel = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    {
        let cancel = std::sync::Arc::clone(&cancel);
        // A second Ctrl-C ends at once: the first may be stuck in one repo.
        let _ = ctrlc::set_handler(move || {
            if cancel.swap(true, std::sync::atomic::Ordering::SeqCst) {
                std::process::exit(130);
            }
        });
    }
    let progress = progress_bar(targets.len(), args);
    let options = AuditOptions {
        cancel: Some(std::sync::Arc::clone(&cancel)),
        progress: progress.clone(),
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
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
    if cancel.load(std::sync::atomic::Ordering::SeqCst) {
        eprintln!("portfolio-audit: interrupted; no report written");
        return Ok(ExitCode::from(130));
    }
    let changes = match &args.baseline {
        Some(path) => Some(portfolio_audit::baseline::compare(
            &portfolio_audit::baseline::load(path)?,
            &reports,
        )),
        None => None,
    };
    let portfolio = (reports.len() >= 2)
        .then(|| portfolio_audit::portfolio::verdict(&reports, !args.authors.is_empty()));
    let render = |format: Format| -> String {
        let mut rendered = match format {
            Format::Json => report::json::render(&reports, portfolio.as_ref(), changes.as_deref()),
            Format::Sarif => report::sarif::render(&reports),
            Format::Junit => report::junit::render(&reports),
            Format::Html => report::html::render(&reports, portfolio.as_ref()),
            Format::Badge | Format::Shields => {
                let value = match (&portfolio, reports.first()) {
                    (Some(p), _) => p.score.zip(p.grade),
                    (None, Some(r)) => r.score.as_ref().and_then(|s| s.score.zip(s.grade)),
                    _ => None,
                };
                if format == Format::Badge {
                    report::badge::svg(value)
                } else {
                    report::badge::shields(value)
                }
            }
            Format::Markdown => report::markdown::render(&reports, portfolio.as_ref()),
            Format::Text => report::text::render(
                &reports,
                portfolio.as_ref(),
                report::text::Style {
                    color: use_color(args.color) && args.output.is_empty(),
                },
            ),
        };
        if let (Some(changes), Format::Text | Format::Markdown) = (&changes, format) {
            rendered.push_str(&portfolio_audit::baseline::render_text(changes));
        }
        rendered
    };
    if args.output.is_empty() {
        write_out(&render(args.format))?;
    }
    // `-o FILE` takes --format; `-o sarif=FILE` names its own, so one run
    // can write several reports.
    for spec in &args.output {
        let text = spec.to_string_lossy();
        let (format, path) = match text.split_once('=') {
            Some((name, path)) => match <Format as clap::ValueEnum>::from_str(name, true) {
                Ok(format) => (format, PathBuf::from(path)),
                Err(_) => (args.format, spec.clone()),
            },
            None => (args.format, spec.clone()),
        };
        write_atomically(&path, &render(format))?;
    }
    if args.fail_on_regression && changes.iter().flatten().any(|c| c.regressed()) {
        return Ok(ExitCode::from(1));
    }
    if let Some(level) = args.fail_on {
        let worst = match level {
            cli::FailOn::Error => portfolio_audit::rules::Severity::Error,
            cli::FailOn::Warn => portfolio_audit::rules::Severity::Warn,
        };
        let failing = reports
            .iter()
            .flat_map(|r| &r.outcomes)
            .any(|o| o.status == portfolio_audit::rules::Status::Fail && o.severity >= worst);
        if failing {
            return Ok(ExitCode::from(1));
        }
    }
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
