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
