//! Repositories a reviewer does not have locally: git URLs, GitHub URLs and
//! `gh:OWNER/REPO`. They are cloned bare into a cache with the user's own
//! `git` binary (their ssh config, ssh agent and proxy variables apply;
//! their git config does not, see [`git`]) and fetched on later runs;
//! every read after that is in-process, like any other repository. A URL
//! is shown only through [`redact`].

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

/// Where a URL came from, which decides what git may be asked to do
/// with it: a reviewer may type `file://` on the command line, but a list
/// or an API answer is untrusted input and gets the network transports
/// only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provenance {
    /// Typed on the command line.
    Typed,
    /// Read from a `--from-file` list or a GitHub API answer.
    Listed,
}

impl Provenance {
    /// `GIT_ALLOW_PROTOCOL` for git: it overrides every `protocol.*.allow`
    /// setting, so `ext::` and `fd::` never run whatever config says.
    fn allowed_protocols(self) -> &'static str {
        match self {
            Provenance::Typed => "https:http:ssh:git:file",
            Provenance::Listed => "https:ssh:git",
        }
    }
}

/// Why a URL from a list or an API answer is refused, if it is: only
/// https, ssh (`ssh://` or scp-like `user@host:path`), git:// and
/// `gh:OWNER/REPO` are taken; `file://`, `http://`, transport helpers
/// (`ext::`, `fd::`) and anything else are not.
pub fn refuse_listed(url: &str) -> Option<String> {
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) || url.starts_with('-') {
        return Some("a URL with spaces or control characters is not taken from a list".to_owned());
    }
    if let Some((scheme, _)) = url.split_once("::") {
        if !scheme.contains('/') {
            return Some(format!(
                "the `{scheme}::` transport is never used for a listed URL"
            ));
        }
    }
    if let Some((scheme, _)) = url.split_once("://") {
        return match scheme.to_ascii_lowercase().as_str() {
            "https" | "ssh" | "git" | "git+ssh" | "ssh+git" => None,
            other => Some(format!(
                "`{other}://` URLs are taken only from the command line, not from a list or an API; expected https, ssh or git"
            )),
        };
    }
    if url.starts_with("gh:") || is_remote(url) {
        return None;
    }
    Some("not an https, ssh or git URL".to_owned())
}

/// A URL as it may be shown: credentials in the authority
/// (`https://alice:s3cr3t@host`, a token as the user name) and secret
/// query values (`?token=`, `access_token=`) are replaced by `***`. Every
/// name, error and log line that shows a URL goes through this; ssh's
/// plain `git@` user is kept, since it is no secret.
pub fn redact(url: &str) -> String {
    let (head, query) = match url.split_once('?') {
        Some((h, q)) => (h, Some(q)),
        None => (url, None),
    };
    let mut out = match head.split_once("://") {
        Some((scheme, rest)) => {
            let end = rest.find('/').unwrap_or(rest.len());
            let (authority, path) = rest.split_at(end);
            let authority = match authority.rsplit_once('@') {
                Some((user, host))
                    if scheme.to_ascii_lowercase().contains("ssh") && !user.contains(':') =>
                {
                    format!("{user}@{host}")
                }
                Some((_, host)) => format!("***@{host}"),
                None => authority.to_owned(),
            };
            format!("{scheme}://{authority}{path}")
        }
        None => head.to_owned(),
    };
    if let Some(query) = query {
        out.push('?');
        let parts: Vec<String> = query
            .split('&')
            .map(|part| match part.split_once('=') {
                Some((key, _)) if is_secret_key(key) => format!("{key}=***"),
                _ => part.to_owned(),
            })
            .collect();
        out.push_str(&parts.join("&"));
    }
    out
}

fn is_secret_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    [
        "token",
        "key",
        "secret",
        "pass",
        "sig",
        "auth",
        "credential",
    ]
    .iter()
    .any(|w| key.contains(w))
}

/// The secrets `redact` hides in `url`, longest first.
fn secrets_of(url: &str) -> Vec<String> {
    let mut found = Vec::new();
    let head = url.split_once('?').map_or(url, |(h, _)| h);
    if let Some((_, rest)) = head.split_once("://") {
        let authority = &rest[..rest.find('/').unwrap_or(rest.len())];
        if let Some((user, _)) = authority.rsplit_once('@') {
            found.push(user.to_owned());
            found.extend(user.split_once(':').map(|(_, p)| p.to_owned()));
        }
    }
    if let Some((_, query)) = url.split_once('?') {
        for part in query.split('&') {
            if let Some((key, value)) = part.split_once('=') {
                if is_secret_key(key) {
                    found.push(value.to_owned());
                }
            }
        }
    }
    found.retain(|s| s.len() >= 3);
    found.sort_by_key(|s| std::cmp::Reverse(s.len()));
    found
}

/// `text` (git's own message, say) with every secret of `url` in it
/// replaced by `***`, whether git quoted the URL whole or in pieces.
pub fn redact_in(text: &str, url: &str) -> String {
    let mut out = text.replace(url, &redact(url));
    for secret in secrets_of(url) {
        out = out.replace(&secret, "***");
        // git percent-decodes before it complains.
        if let Some(decoded) = percent_decode(&secret) {
            if decoded.len() >= 3 {
                out = out.replace(&decoded, "***");
            }
        }
    }
    out
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Where a URL's bare clone lives in the cache: a readable host and name,
/// then a hash of the whole URL, so two URLs that only look alike
/// (`file:///r/evil@/r/real` and `file:///r/real`) never share a clone.
pub fn cache_path(cache: &Path, url: &str) -> PathBuf {
    let shown = redact(url);
    let without_scheme = shown.split_once("://").map_or(shown.as_str(), |(_, r)| r);
    let safe = |part: &str| -> String {
        part.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                    c
                } else {
                    '_'
                }
            })
            .take(64)
            .collect::<String>()
            .replace("..", "__")
    };
    let parts: Vec<&str> = without_scheme
        .split(['/', ':', '@'])
        .filter(|p| !p.is_empty() && *p != "." && *p != ".." && *p != "***")
        .collect();
    let host = parts
        .first()
        .map_or_else(|| "local".to_owned(), |h| safe(h));
    let name = parts
        .last()
        .map_or_else(|| "repo".to_owned(), |n| safe(n.trim_end_matches(".git")));
    let hash = git2::Oid::hash_object(git2::ObjectType::Blob, url.trim().as_bytes())
        .map(|oid| oid.to_string())
        .unwrap_or_default();
    let short = hash.get(..16).unwrap_or("unhashable");
    cache.join(host).join(format!("{name}-{short}.git"))
}

/// The default cache: $XDG_CACHE_HOME or ~/.cache, then portfolio-audit.
pub fn default_cache() -> PathBuf {
    std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(std::env::temp_dir)
        .join("portfolio-audit")
}

/// Runs git with an environment that makes it inert and predictable: no
/// prompt, no system or global config (a reviewer's `protocol.ext.allow`
/// or `url.insteadOf` cannot change what a URL does), only the transports
/// the URL's provenance allows, and none "from the user" (submodules,
/// redirects). Errors have the URL's secrets removed.
fn git(args: &[&str], provenance: Provenance, url: &str) -> Result<(), String> {
    let out = Command::new("git")
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GCM_INTERACTIVE", "never")
        .env("GIT_PROTOCOL_FROM_USER", "0")
        .env("GIT_ALLOW_PROTOCOL", provenance.allowed_protocols())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        let message = String::from_utf8_lossy(&out.stderr).trim().to_owned();
        Err(if message.is_empty() {
            format!("git exited with {}", out.status)
        } else {
            redact_in(&message, url)
        })
    }
}

/// Whether the cached clone at `dest` was cloned from `url`. A clone
/// whose origin says otherwise (planted, or from an older cache layout)
/// is never reused.
fn origin_matches(dest: &Path, url: &str) -> bool {
    git2::Repository::open_bare(dest)
        .ok()
        .and_then(|r| r.find_remote("origin").ok()?.url().ok().map(|u| u == url))
        .unwrap_or(false)
}

/// Clones (or, when cached, fetches) a bare copy; returns its path.
pub fn fetch(url: &str, cache: &Path, provenance: Provenance) -> Result<PathBuf, String> {
    let dest = cache_path(cache, url);
    let dest_str = dest.to_string_lossy().into_owned();
    if dest.join("HEAD").exists() {
        if origin_matches(&dest, url) {
            git(
                &[
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
                ],
                provenance,
                url,
            )?;
            return Ok(dest);
        }
        std::fs::remove_dir_all(&dest).map_err(|e| {
            format!(
                "the cached clone {} is of another origin and cannot be removed: {e}",
                dest.display()
            )
        })?;
    }
    let parent = dest.parent().unwrap_or(cache);
    std::fs::create_dir_all(parent)
        .map_err(|e| format!("cannot create the cache {}: {e}", parent.display()))?;
    // Clone into a fresh folder of its own and rename, so an interrupted
    // clone never looks like a cached one and two runs never share one.
    let partial = tempfile::Builder::new()
        .prefix(".partial-")
        .tempdir_in(parent)
        .map_err(|e| format!("cannot create the cache {}: {e}", parent.display()))?;
    let into = partial.path().join("clone.git");
    let into_str = into.to_string_lossy().into_owned();
    git(
        &[
            "-c",
            "core.hooksPath=/dev/null",
            "clone",
            "--bare",
            "--quiet",
            "--",
            url,
            &into_str,
        ],
        provenance,
        url,
    )?;
    if let Err(e) = std::fs::rename(&into, &dest) {
        // Another run finished the same clone first: theirs will do.
        if !(dest.join("HEAD").exists() && origin_matches(&dest, url)) {
            return Err(format!("cannot move the clone into the cache: {e}"));
        }
    }
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
        let requests = cache_path(c, "https://github.com/psf/requests.git");
        assert!(requests.starts_with("/cache/github.com"), "{requests:?}");
        assert!(
            requests.to_string_lossy().contains("requests-"),
            "{requests:?}"
        );
        // Look-alike URLs never share a clone.
        assert_ne!(
            cache_path(c, "file:///tmp/r/evil@/tmp/r/real"),
            cache_path(c, "file:///tmp/r/real")
        );
        assert_ne!(
            cache_path(c, "git@github.com:psf/requests"),
            cache_path(c, "https://github.com/psf/requests.git")
        );
        let climbing = cache_path(c, "file:///tmp/../../x");
        assert!(climbing.starts_with("/cache/tmp"), "{climbing:?}");
    }

    #[test]
    fn credentials_never_show() {
        for (url, shown) in [
            ("https://alice:s3cr3t@host/x.git", "https://***@host/x.git"),
            (
                "https://ghp_token123@github.com/a/b",
                "https://***@github.com/a/b",
            ),
            ("ssh://git@host/x.git", "ssh://git@host/x.git"),
            ("ssh://git:pw123@host/x.git", "ssh://***@host/x.git"),
            ("git@github.com:a/b.git", "git@github.com:a/b.git"),
            (
                "https://host/x.git?token=abc123&ref=main",
                "https://host/x.git?token=***&ref=main",
            ),
            (
                "https://host/x.git?access_token=abc123",
                "https://host/x.git?access_token=***",
            ),
            (
                "file:///tmp/r/evil@/tmp/r/real",
                "file:///tmp/r/evil@/tmp/r/real",
            ),
        ] {
            assert_eq!(redact(url), shown, "{url}");
        }
        let message = "fatal: could not read from 'https://alice:s3cr3t@host/x.git': s3cr3t";
        let cleaned = redact_in(message, "https://alice:s3cr3t@host/x.git");
        assert!(!cleaned.contains("s3cr3t"), "{cleaned}");
        assert!(!redact_in("token abc%2B1 bad", "https://h/x?token=abc%2B1").contains("abc+1"));
    }

    #[test]
    fn listed_urls_get_network_transports_only() {
        for ok in [
            "https://github.com/a/b",
            "ssh://git@host/x.git",
            "git://host/x.git",
            "git@github.com:a/b.git",
            "gh:a/b",
        ] {
            assert_eq!(refuse_listed(ok), None, "{ok}");
        }
        for bad in [
            "file:///etc",
            "http://host/x.git",
            "ext::sh -c touch% /tmp/pwned",
            "fd::3",
            "ext::sh",
            "ftp://host/x",
            "-uhttps://x",
        ] {
            assert!(refuse_listed(bad).is_some(), "{bad}");
        }
    }
}
