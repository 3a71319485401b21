//! The commands that do not audit: list and explain rules, write a starter
//! configuration, print completions and the man page. Each writes to the
//! given output and returns a usage error when the arguments name nothing.

use super::cli::{Cli, RulesFormat};
use super::exit::Exit;
use super::plan::{all_profiles, load_pack};
use super::render::emit;
use crate::error::ConfigError;
use crate::report::rules_doc;
use crate::rules::Rule;
use anyhow::Context;
use clap::CommandFactory;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What `rules` was asked for.
#[derive(Debug, Clone)]
pub struct RulesQuery {
    pub extra: Vec<PathBuf>,
    pub family: Option<String>,
    pub profile: String,
    pub format: RulesFormat,
    /// With markdown: the whole reference, every profile included.
    pub all: bool,
}

/// `rules`: the resolved rules of a profile, in text, JSON or markdown.
pub fn rules(query: &RulesQuery, out: &mut dyn Write) -> anyhow::Result<Exit> {
    let pack = load_pack(&query.profile, &query.extra)?;
    let selected: Vec<&Rule> = pack
        .rules
        .iter()
        .filter(|r| query.family.as_ref().is_none_or(|f| r.family == *f))
        .collect();
    let text = match query.format {
        RulesFormat::Json => serde_json::to_string_pretty(&selected)? + "\n",
        RulesFormat::Text => rules_doc::text(&selected),
        RulesFormat::Markdown if query.all => {
            rules_doc::reference(&pack, &all_profiles(&query.extra)?)
        }
        RulesFormat::Markdown => rules_doc::markdown(&pack, &selected, "## Rules"),
    };
    emit(out, &text)?;
    Ok(Exit::Success)
}

/// `explain ID`: one rule, looked up case-insensitively in the chosen
/// profile first, then in every built-in profile (a profile's own rule may
/// be asked for without naming the profile).
pub fn explain(
    id: &str,
    profile: &str,
    extra: &[PathBuf],
    out: &mut dyn Write,
) -> anyhow::Result<Exit> {
    let pack = load_pack(profile, extra)?;
    let wanted = id.to_ascii_uppercase();
    let text = match pack.rule(&wanted) {
        Some(rule) => rules_doc::explain(rule),
        None => match all_profiles(extra)?
            .into_iter()
            .find_map(|(_, p)| p.rule(&wanted).cloned())
        {
            Some(rule) => rules_doc::explain(&rule),
            None => {
                return Err(ConfigError::new(
                    id,
                    "no rule with this id; `portfolio-audit rules` lists them",
                )
                .into());
            }
        },
    };
    emit(out, &text)?;
    Ok(Exit::Success)
}

/// `init`: a commented starter configuration in `dir`, never overwriting
/// one that exists.
pub fn init(dir: &Path, out: &mut dyn Write) -> anyhow::Result<Exit> {
    let path = dir.join(crate::config::CONFIG_FILE);
    if path.exists() {
        return Err(ConfigError::new(
            path.display().to_string(),
            "already exists; not overwritten",
        )
        .into());
    }
    std::fs::write(&path, crate::config::STARTER)
        .with_context(|| format!("writing {}", path.display()))?;
    emit(out, &format!("wrote {}\n", path.display()))?;
    Ok(Exit::Success)
}

/// `completions SHELL`: the completion script for one shell.
pub fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> Exit {
    clap_complete::generate(shell, &mut Cli::command(), "portfolio-audit", out);
    Exit::Success
}

/// `man`: the top man page, in roff, on stdout. With a folder, every page
/// is written there, the subcommands' too, since the top page refers to
/// them (`portfolio-audit-audit(1)`); the files written are listed.
pub fn man(dir: Option<&std::path::Path>, out: &mut dyn Write) -> anyhow::Result<Exit> {
    let Some(dir) = dir else {
        clap_mangen::Man::new(Cli::command()).render(out)?;
        return Ok(Exit::Success);
    };
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    clap_mangen::generate_to(Cli::command(), dir)
        .with_context(|| format!("writing man pages to {}", dir.display()))?;
    let mut pages: Vec<String> = std::fs::read_dir(dir)?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("portfolio-audit") && n.ends_with(".1"))
        .collect();
    pages.sort();
    for page in pages {
        writeln!(out, "{}", dir.join(page).display())?;
    }
    Ok(Exit::Success)
}
