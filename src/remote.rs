//! Repositories a reviewer does not have locally: git URLs, GitHub URLs and
//! `gh:OWNER/REPO`. They are cloned bare into a cache with the user's own
//! `git` (which brings their credentials, proxies and ssh config) and
//! fetched on later runs; every read after that is in-process, like any
//! other repository.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Whether a command-line path is really a remote repository.
pub fn is_remote(arg: &str) -> bool {
    ["https://", "http://", "ssh://", "git://", "file://", "gh:"]
        .iter()
        .any(|p| arg.starts_with(p))
        || (arg.contains('@')
            && arg.contains(':')
            && !arg.contains("://")
            && !Path::new(arg).exists())
}

/// The URL git is given: `gh:OWNER/REPO` means GitHub over https.
pub fn url_of(arg: &str) -> String {
    match arg.strip_prefix("gh:") {
        Some(rest) => format!("https://github.com/{}.git", rest.trim_end_matches(".git")),
        None => arg.to_owned(),
    }
}

/// Where a URL's bare clone lives in the cache: one folder per host and path.
pub fn cache_path(cache: &Path, url: &str) -> PathBuf {
    let without_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let without_user = without_scheme
        .rsplit_once('@')
        .map_or(without_scheme, |(_, rest)| rest);
    let mut path = cache.to_path_buf();
    for part in without_user
        .split(['/', ':'])
        .filter(|p| !p.is_empty() && *p != "." && *p != "..")
    {
        let safe: String = part
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        path.push(safe);
    }
    if path.extension().is_none_or(|e| e != "git") {
        path.set_extension("git");
    }
    path
}

/// The default cache: $XDG_CACHE_HOME or ~/.cache, then portfolio-audit.
pub fn default_cache() -> PathBuf {
    std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(std::env::temp_dir)
        .join("portfolio-audit")
}

fn git(args: &[&str]) -> Result<(), String> {
    let out = Command::new("git")
        .args(args)
        // Never wait for a password prompt in a batch run; never let a
        // repository's hooks or config run anything.
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GCM_INTERACTIVE", "never")
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        let message = String::from_utf8_lossy(&out.stderr).trim().to_owned();
        Err(if message.is_empty() {
            format!("git exited with {}", out.status)
        } else {
            message
        })
    }
}

/// Clones (or, when cached, fetches) a bare copy; returns its path.
pub fn fetch(url: &str, cache: &Path) -> Result<PathBuf, String> {
    let dest = cache_path(cache, url);
    let dest_str = dest.to_string_lossy().into_owned();
    if dest.join("HEAD").exists() {
        git(&[
            "-c",
            "core.hooksPath=/dev/null",
            "--git-dir",
            &dest_str,
            "fetch",
            "--quiet",
            "--prune",
            "--tags",
            "origin",
            "+refs/heads/*:refs/heads/*",
        ])?;
        return Ok(dest);
    }
    if let Some(parent) = dest.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create the cache {}: {e}", parent.display()))?;
    }
    // Clone beside the final path and rename, so an interrupted clone never
    // looks like a cached one.
    let partial = dest.with_extension("partial");
    let _ = std::fs::remove_dir_all(&partial);
    let partial_str = partial.to_string_lossy().into_owned();
    let result = git(&[
        "-c",
        "core.hooksPath=/dev/null",
        "clone",
        "--bare",
        "--quiet",
        "--",
        url,
        &partial_str,
    ]);
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&partial);
        return Err(e);
    }
    std::fs::rename(&partial, &dest)
        .map_err(|e| format!("cannot move the clone into the cache: {e}"))?;
    Ok(dest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_cache_paths() {
        assert!(is_remote("gh:psf/requests"));
        assert!(is_remote("https://github.com/psf/requests"));
        assert!(is_remote("git@github.com:psf/requests.git"));
        assert!(!is_remote("some/local/path"));
        assert_eq!(
            url_of("gh:psf/requests"),
            "https://github.com/psf/requests.git"
        );
        let c = Path::new("/cache");
        assert_eq!(
            cache_path(c, "https://github.com/psf/requests.git"),
            Path::new("/cache/github.com/psf/requests.git")
        );
        assert_eq!(
            cache_path(c, "git@github.com:psf/requests"),
            Path::new("/cache/github.com/psf/requests.git")
        );
        assert_eq!(
            cache_path(c, "file:///tmp/../x"),
            Path::new("/cache/tmp/x.git")
        );
    }
}
