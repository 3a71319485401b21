//! Target resolution: what the user named (paths, remote URLs, a
//! `--from-file` list, a `--github-user` account) becomes the list of
//! targets to audit. Remote repositories are cloned or fetched into the
//! cache here, so everything after this step sees local repositories only.

use super::cli::AuditArgs;
use crate::discover::{self, Target, TargetKind};
use crate::error::ConfigError;
use crate::github;
use crate::remote::{self, Provenance};
use anyhow::Context;
use std::path::{Path, PathBuf};

/// One remote repository to fetch: what was given, and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remote {
    /// As given (`gh:OWNER/REPO` or a URL); shown only redacted.
    pub arg: String,
    pub provenance: Provenance,
}

/// What the arguments named, before any cloning: local targets already
/// discovered, and remote repositories still to fetch, each in the order
/// the user gave them.
#[derive(Debug, Default)]
pub struct Named {
    pub targets: Vec<Target>,
    pub remotes: Vec<Remote>,
}

impl Named {
    /// One path argument: a remote URL is kept for cloning; a local path
    /// must exist (a missing one is a usage error, as the user typed it).
    pub fn add_path(&mut self, path: &Path) -> Result<(), ConfigError> {
        let arg = path.to_string_lossy();
        if remote::is_remote(&arg) {
            self.remotes.push(Remote {
                arg: arg.into_owned(),
                provenance: Provenance::Typed,
            });
        } else {
            let mut found = discover::discover(path)?;
            if let [only] = found.as_mut_slice() {
                if only.path == path {
                    only.name = shown_name(path);
                }
            }
            self.targets.extend(found);
        }
        Ok(())
    }

    /// The lines of a `--from-file` list. Blank lines and `#` comments are
    /// skipped; a bad entry (a missing folder, a line that is not UTF-8, a
    /// URL with a transport a list may not use) becomes an error entry
    /// instead of stopping the run, so one typo in a list of thousands
    /// costs one repository.
    pub fn add_list(&mut self, bytes: &[u8]) {
        for (number, raw) in bytes.split(|b| *b == b'\n').enumerate() {
            let Ok(line) = std::str::from_utf8(raw) else {
                let name = format!("line {} of the list", number + 1);
                self.targets.push(invalid(
                    &name,
                    format!("line {} is not valid UTF-8; skipped", number + 1),
                ));
                continue;
            };
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(why) = listed_url_refusal(line) {
                self.targets
                    .push(invalid(&remote::redact(line), format!("refused: {why}")));
            } else if remote::is_remote(line) {
                self.remotes.push(Remote {
                    arg: line.to_owned(),
                    provenance: Provenance::Listed,
                });
            } else {
                self.targets.extend(discover::discover_list(line));
            }
        }
    }
}

/// Why a list line that names a URL (or a git transport) is refused; local
/// paths are read in-process and are not URLs.
fn listed_url_refusal(line: &str) -> Option<String> {
    let transport = line
        .split_once("::")
        .is_some_and(|(scheme, _)| !scheme.contains('/'));
    (transport || line.contains("://") || remote::is_remote(line))
        .then(|| remote::refuse_listed(line))
        .flatten()
}

/// An error entry for a target that is not audited.
fn invalid(name: &str, problem: String) -> Target {
    Target {
        name: name.to_owned(),
        path: PathBuf::from(name),
        kind: TargetKind::Invalid,
        problem: Some(problem),
    }
}

/// How a repository the user named directly is shown: as typed, unless
/// that names no folder (`.`, `..`), where its real folder name says more
/// ("exemplary", not ".") in a report or a CI summary.
pub fn shown_name(path: &Path) -> String {
    if path.file_name().is_some() {
        return path.display().to_string();
    }
    std::fs::canonicalize(path)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| path.display().to_string())
}

/// Every target the audit arguments name, remotes cloned, in order: local
/// paths, then listed paths, then the clones.
pub fn resolve(args: &AuditArgs) -> anyhow::Result<Vec<Target>> {
    Ok(resolve_shard(args)?.0)
}

/// The targets of this run's `--shard` (all of them without one), each
/// with its position in the whole list, remotes of other shards never
/// cloned.
pub fn resolve_shard(args: &AuditArgs) -> anyhow::Result<(Vec<Target>, Vec<usize>)> {
    let Named { targets, remotes } = name_targets(args)?;
    let keep = |key: String| args.shard.is_none_or(|s| super::shard::owns(s, &key));
    let locals = targets.len();
    let (mut kept, mut positions) = (Vec::new(), Vec::new());
    for (i, t) in targets.into_iter().enumerate() {
        if keep(super::shard::local_key(&t)) {
            kept.push(t);
            positions.push(i);
        }
    }
    let (remote_positions, remotes): (Vec<usize>, Vec<Remote>) = remotes
        .into_iter()
        .enumerate()
        .filter(|(_, r)| keep(super::shard::remote_key(&r.arg)))
        .map(|(j, r)| (locals + j, r))
        .unzip();
    if !remotes.is_empty() {
        let cache = args.cache_dir.clone().unwrap_or_else(remote::default_cache);
        kept.extend(clone_all(&remotes, &cache, args.jobs)?);
        positions.extend(remote_positions);
    }
    Ok((kept, positions))
}

/// Reads what the arguments name without cloning anything. With no path,
/// no list and no account, the current directory is audited.
pub fn name_targets(args: &AuditArgs) -> anyhow::Result<Named> {
    let mut named = Named::default();
    let default = [PathBuf::from(".")];
    let paths: &[PathBuf] =
        if args.paths.is_empty() && args.from_file.is_none() && args.github_user.is_none() {
            &default
        } else {
            &args.paths
        };
    for path in paths {
        named.add_path(path)?;
    }
    if let Some(list) = &args.from_file {
        named.add_list(&read_list(list)?);
    }
    if let Some(user) = &args.github_user {
        for url in account_repos(&args.api_url, user)? {
            match github::refuse_clone_url(&args.api_url, &url) {
                Some(why) => named
                    .targets
                    .push(invalid(&remote::redact(&url), format!("refused: {why}"))),
                None => named.remotes.push(Remote {
                    arg: url,
                    provenance: Provenance::Listed,
                }),
            }
        }
    }
    Ok(named)
}

/// The bytes of a `--from-file` list; `-` reads standard input. Lines
/// are decoded one by one, so one bad line costs one entry.
pub fn read_list(list: &Path) -> anyhow::Result<Vec<u8>> {
    if list.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)
            .context("reading the path list from stdin")?;
        return Ok(bytes);
    }
    std::fs::read(list).map_err(|e| {
        ConfigError::new(list.display().to_string(), format!("cannot read list: {e}")).into()
    })
}

/// The clone URLs of a GitHub account's own public repositories. An account
/// with none is worth a note, not an error: the run still reports the rest.
fn account_repos(api_url: &str, user: &str) -> Result<Vec<String>, ConfigError> {
    let token = std::env::var("GITHUB_TOKEN").ok();
    let urls = github::user_repos(api_url, user, token.as_deref())
        .map_err(|e| ConfigError::new(format!("--github-user {user}"), e))?;
    if urls.is_empty() {
        eprintln!("portfolio-audit: {user} has no public repositories of their own");
    }
    Ok(urls)
}

/// Clones or fetches every remote, `jobs` at a time. Each distinct URL is
/// cloned once, whoever named it how often (two clones of one URL would
/// race on one cache folder); every entry that named it gets the result.
/// A failed clone becomes that repository's error entry, carrying git's
/// own message with the URL's credentials removed.
pub fn clone_all(remotes: &[Remote], cache: &Path, jobs: usize) -> anyhow::Result<Vec<Target>> {
    let mut unique: Vec<(String, Provenance)> = Vec::new();
    for r in remotes {
        let url = remote::url_of(&r.arg);
        match unique.iter_mut().find(|(u, _)| *u == url) {
            // Typed once is typed: the reviewer vouched for it.
            Some(seen) if r.provenance == Provenance::Typed => seen.1 = Provenance::Typed,
            Some(_) => {}
            None => unique.push((url, r.provenance)),
        }
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .build()
        .context("starting clone threads")?;
    let fetched: Vec<Result<PathBuf, String>> = pool.install(|| {
        use rayon::prelude::*;
        unique
            .par_iter()
            .map(|(url, provenance)| remote::fetch(url, cache, *provenance))
            .collect()
    });
    Ok(remotes
        .iter()
        .map(|r| {
            let url = remote::url_of(&r.arg);
            let result = unique
                .iter()
                .position(|(u, _)| *u == url)
                .and_then(|i| fetched.get(i));
            let name = remote::redact(&r.arg);
            match result {
                Some(Ok(path)) => Target {
                    name,
                    path: path.clone(),
                    kind: TargetKind::Git,
                    problem: None,
                },
                Some(Err(message)) => {
                    let problem = format!("cannot clone {}: {message}", remote::redact(&url));
                    invalid(&name, problem)
                }
                None => invalid(&name, "not cloned".to_owned()),
            }
        })
        .collect())
}

/// The sample portfolio: every fixture under `fixtures` built as a git
/// repository in `dir`, named after the fixture folder so the report does
/// not show a temporary path: `label/NAME`.
pub fn demo(fixtures: &Path, dir: &Path, label: &Path) -> anyhow::Result<Vec<Target>> {
    crate::fixture::build_all(fixtures, dir)
        .with_context(|| format!("building the sample portfolio from {}", fixtures.display()))?;
    let mut targets = discover::discover(dir)?;
    for t in &mut targets {
        let short = t
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        t.name = format!("{}/{short}", label.display());
    }
    Ok(targets)
}
