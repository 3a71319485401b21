//! The plan of an audit: the rule pack and the audit options, resolved from
//! the arguments before any repository is opened, so a bad rule file or
//! profile stops the run (exit 2) before work starts.

use super::cli::AuditOptionsArgs;
use crate::audit::AuditOptions;
use crate::error::ConfigError;
use crate::facts::history::HistoryOptions;
use crate::rules::{self, PROFILES, Pack};
use std::path::PathBuf;

/// What an audit needs that does not depend on the repositories.
#[derive(Debug, Clone)]
pub struct Plan {
    pub pack: Pack,
    /// Cancellation and progress are left empty: [`super::run`] attaches
    /// them when the audit actually starts.
    pub options: AuditOptions,
}

impl Plan {
    pub fn from_args(args: &AuditOptionsArgs) -> Result<Self, ConfigError> {
        let pack = load_pack(&args.profile, &args.rules)?;
        let options = AuditOptions {
            cancel: None,
            progress: None,
            worktree: args.worktree,
            ignore_repo_config: args.ignore_repo_config,
            history: HistoryOptions {
                max_commits: args.max_commits.max(1),
                authors: args.authors.clone(),
                cache: (!args.no_cache).then(crate::cache::default_dir).flatten(),
            },
            auto_profiles: if args.profile == "auto" {
                all_profiles(&args.rules)?
            } else {
                Vec::new()
            },
        };
        Ok(Plan { pack, options })
    }
}

/// The pack for a profile spec ("default", a track, a file), with the
/// user's --rules files applied last so they win over profile rules.
pub fn load_pack(profile: &str, extra: &[PathBuf]) -> Result<Pack, ConfigError> {
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
pub fn all_profiles(extra: &[PathBuf]) -> Result<Vec<(String, Pack)>, ConfigError> {
    PROFILES
        .iter()
        .map(|(name, _, _)| Ok(((*name).to_owned(), load_pack(name, extra)?)))
        .collect()
}
