//! Command-line arguments: the clap definitions of every subcommand and
//! flag. They live in the library so the application layer (and its tests)
//! can take parsed arguments without spawning the binary.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "portfolio-audit",
    version,
    about = "Audit Python project repositories the way a hiring reviewer would"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Audit repositories or folders of projects and score them.
    Audit(AuditArgs),
    /// Build the sample fixtures bundled in the binary as git repositories
    /// in a temporary folder and audit them: a sample portfolio.
    Demo {
        /// Build fixtures from this folder instead of the bundled ones
        /// (laid out as test-repos/ in the source tree).
        #[arg(long, value_name = "DIR")]
        fixtures: Option<PathBuf>,
        /// Build the repositories here and keep them (default: a temporary
        /// folder, removed afterwards).
        #[arg(long, value_name = "DIR")]
        into: Option<PathBuf>,
        #[command(flatten)]
        options: AuditOptionsArgs,
    },
    /// List the resolved rules.
    Rules {
        /// Extra rule files or folders, as for `audit`.
        #[arg(long = "rules", value_name = "FILE|DIR")]
        rules: Vec<PathBuf>,
        /// Only this family.
        #[arg(long)]
        family: Option<String>,
        /// A profile to apply: a track name or a profile file.
        #[arg(long, default_value = "default")]
        profile: String,
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        format: RulesFormat,
        /// With markdown: the whole reference (default pack and every
        /// profile), as in docs/rules.md.
        #[arg(long)]
        all: bool,
    },
    /// Explain one rule: why it matters, how to fix it, what passing and
    /// failing look like, and the guide it comes from.
    Explain {
        id: String,
        #[arg(long, default_value = "default")]
        profile: String,
        #[arg(long = "rules", value_name = "FILE|DIR")]
        rules: Vec<PathBuf>,
    },
    /// Write a commented starter .portfolio-audit.toml (never overwrites).
    Init {
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Measure the tool against hand-labelled repositories: agreement of
    /// scores with tiers, and of each rule with the labels. A measurement,
    /// not a gate: exits 0 whenever it ran.
    Calibrate(CalibrateArgs),
    /// Combine the JSON Lines of `audit --shard` runs into one report and
    /// one portfolio verdict, in any format, as one run over all the
    /// targets would have written. A malformed line is an error naming
    /// FILE:LINE (exit 2).
    Merge(MergeArgs),
    /// Print shell completions.
    Completions { shell: clap_complete::Shell },
    /// Print the man page (roff); with --dir, write it and one page per
    /// subcommand (portfolio-audit-audit.1, ...) into DIR.
    Man {
        /// Write every page here instead of printing the top one.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Repositories, project folders or folders holding several projects.
    /// Default: the current directory, unless --from-file is given.
    pub paths: Vec<PathBuf>,
    /// Audit every public, non-fork repository of this GitHub user as one
    /// portfolio (uses GITHUB_TOKEN when set).
    #[arg(long, value_name = "NAME")]
    pub github_user: Option<String>,
    /// The GitHub API to ask (GitHub Enterprise, or a test server).
    #[arg(long, default_value = "https://api.github.com", value_name = "URL")]
    pub api_url: String,
    /// Where bare clones of remote repositories are kept and fetched.
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// How many remote repositories to clone at once.
    #[arg(long, default_value_t = 4, value_name = "N")]
    pub jobs: usize,
    /// Also audit the paths listed in FILE, one per line (`-` for stdin).
    /// A bad entry becomes an error entry; the rest are audited.
    #[arg(long, value_name = "FILE")]
    pub from_file: Option<PathBuf>,
    /// Audit only shard I of N (1-based) of the targets, for a CI matrix
    /// or a Kubernetes Indexed Job; `portfolio-audit merge` combines the
    /// shards' `--format jsonl` reports. A target's shard is a stable hash
    /// of its normalised path or remote URL, so editing the list moves
    /// only the lines edited. Remote repositories of other shards are not
    /// cloned.
    #[arg(long, value_name = "I/N", value_parser = parse_shard)]
    pub shard: Option<Shard>,
    #[command(flatten)]
    pub options: AuditOptionsArgs,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The shards' `--format jsonl` reports (`-` for stdin).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output and gate flags work as for `audit`; flags that choose what
    /// to audit or how (--rules, --profile, --worktree, --author...) were
    /// the shards' to give and are ignored here.
    #[command(flatten)]
    pub options: AuditOptionsArgs,
}

#[derive(Debug, Args)]
pub struct CalibrateArgs {
    /// The labels: per repository a tier and per-rule expectations
    /// (see calibration/README.md).
    pub labels: PathBuf,
    /// The repositories, each matched to a label by `path` or by its slug
    /// in the path (`owner+name`, `owner__name` or `owner/name`).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Which labelled set to measure; `all` shows dev, holdout and both,
    /// with per-repository lists for dev only.
    #[arg(long, value_enum, default_value_t = crate::calibrate::Selection::Dev)]
    pub set: crate::calibrate::Selection,
    #[arg(long, value_enum, default_value_t = crate::calibrate::Format::Text)]
    pub format: crate::calibrate::Format,
    /// Extra rule files or folders, as for `audit`.
    #[arg(long = "rules", value_name = "FILE|DIR")]
    pub rules: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct AuditOptionsArgs {
    /// Audit the working directory (honouring .gitignore) instead of the
    /// committed tree at HEAD.
    #[arg(long)]
    pub worktree: bool,
    /// Judge every repository by the reviewer's rules alone: skip its own
    /// .portfolio-audit.toml and [tool.portfolio-audit].
    #[arg(long)]
    pub ignore_repo_config: bool,
    /// Add rules from a TOML file or a folder of them; a rule with an
    /// existing id replaces it. Repeatable.
    #[arg(long = "rules", value_name = "FILE|DIR")]
    pub rules: Vec<PathBuf>,
    /// The career-track profile: auto (each repository's strongest track),
    /// default (no profile), a track name, or a profile file.
    #[arg(long, default_value = "auto", value_name = "auto|default|TRACK|FILE")]
    pub profile: String,
    /// The report format (default: text, or what an `-o` file's extension
    /// says: .json, .sarif, .md, .html, .xml, .svg).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Show every rule with its message and every piece of evidence (text).
    #[arg(long, short = 'v', conflicts_with = "summary")]
    pub verbose: bool,
    /// Print only the summary table and the portfolio verdict (text).
    #[arg(long)]
    pub summary: bool,
    /// When to colour terminal output. NO_COLOR is honoured under `auto`.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Exit with code 1 when any repository scores below this (0-100), or
    /// could not be scored at all. Says on stderr which one and why.
    #[arg(long, value_name = "SCORE", value_parser = parse_score)]
    pub fail_under: Option<f64>,
    /// Compare with an earlier `--format json` report: regressions and
    /// improvements per repository and rule.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// With --baseline: exit 1 when a score dropped or a passing rule now
    /// fails.
    #[arg(long, requires = "baseline")]
    pub fail_on_regression: bool,
    /// Exit with code 1 when any rule of this severity (or worse) fails, or
    /// a repository could not be audited. Says on stderr which rule failed.
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Who the candidate is (a name or email), for authorship measures.
    /// Repeatable. Default: the most frequent human author.
    #[arg(long = "author", value_name = "NAME|EMAIL")]
    pub authors: Vec<String>,
    /// Diff-based history measures look at this many recent commits.
    #[arg(long, default_value_t = 5000, value_name = "N")]
    pub max_commits: usize,
    /// Do not read or write the result cache ($XDG_CACHE_HOME/portfolio-audit,
    /// or $PORTFOLIO_AUDIT_CACHE_DIR), which skips the history walk when a
    /// repository's HEAD has not moved.
    #[arg(long)]
    pub no_cache: bool,
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
    /// Print the resolved configuration (pack, profile, each repository's
    /// own configuration, flags) as JSON and exit.
    #[arg(long)]
    pub show_config: bool,
    /// Write the report to FILE instead of stdout, in --format or else the
    /// format its extension names; `FORMAT=FILE` (for example
    /// `sarif=results.sarif`) writes that format there. An unknown FORMAT
    /// is a usage error. Repeatable,
    /// so one run can write several reports. Each is written to a temporary
    /// file and renamed, so a failed or interrupted run never leaves a
    /// truncated report.
    #[arg(long, short = 'o', value_name = "[FORMAT=]FILE")]
    pub output: Vec<PathBuf>,
    /// No progress bar.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

impl AuditOptionsArgs {
    /// The format for stdout: --format, else text.
    pub fn stdout_format(&self) -> Format {
        self.format.unwrap_or(Format::Text)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    /// JSON Lines: one line per repository as soon as it is audited (in
    /// input order), then one line with the portfolio verdict.
    Jsonl,
    /// SARIF 2.1.0 for GitHub code scanning.
    Sarif,
    /// Markdown for $GITHUB_STEP_SUMMARY and pull-request comments.
    Markdown,
    /// JUnit XML: one test case per rule.
    Junit,
    /// One self-contained HTML page: no external assets, no scripts.
    Html,
    /// An SVG badge with the score and grade (the portfolio's for several
    /// repositories).
    Badge,
    /// A shields.io endpoint JSON with the same score.
    Shields,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warn,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// One shard of a target list: `index` of `count`, 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

/// A `--shard` value: `I/N` with 1 <= I <= N.
fn parse_shard(text: &str) -> Result<Shard, String> {
    let (i, n) = text
        .trim()
        .split_once('/')
        .ok_or_else(|| format!("`{text}` is not I/N (for example 2/8)"))?;
    let index: u32 = i
        .trim()
        .parse()
        .map_err(|_| format!("`{i}` is not a shard number"))?;
    let count: u32 = n
        .trim()
        .parse()
        .map_err(|_| format!("`{n}` is not a shard count"))?;
    if count == 0 || index == 0 || index > count {
        return Err(format!(
            "`{text}`: shards are numbered 1 to N, and N is at least 1"
        ));
    }
    Ok(Shard { index, count })
}

/// A `--fail-under` value: a number from 0 to 100. NaN would disable the
/// gate silently, and 101 could never pass.
fn parse_score(text: &str) -> Result<f64, String> {
    let value: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a number"))?;
    if value.is_finite() && (0.0..=100.0).contains(&value) {
        Ok(value)
    } else {
        Err(format!("`{text}` is not a score from 0 to 100"))
    }
}
