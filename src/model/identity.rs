//! Which repository a report is about, independent of how its path was
//! spelt: `./repo/` and `/abs/repo` are one repository, and so are two
//! clones of it. The baseline comparison matches on this.

/// What identifies a repository beyond its name.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Identity {
    /// The canonical path on this machine, when it could be resolved.
    pub canonical_path: Option<String>,
    /// The `origin` remote's URL, credentials removed.
    pub remote: Option<String>,
    /// The first commit on HEAD's first-parent line: shared by every clone.
    pub root_commit: Option<String>,
}

impl Identity {
    /// A remote URL as the same repository is spelt every time: no user
    /// or password, no trailing `.git` or slash, lower-case host part.
    pub fn normalize_remote(url: &str) -> String {
        // A query (`?access_token=`) never identifies a repository.
        let url = url.trim().split(['?', '#']).next().unwrap_or_default();
        let url = url.trim_end_matches('/');
        let url = url.strip_suffix(".git").unwrap_or(url);
        match url.split_once("://") {
            Some((scheme, rest)) => {
                let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
                let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
                format!("{scheme}://{}/{path}", host.to_ascii_lowercase())
            }
            // scp-like `git@host:path`
            None => match url.split_once('@') {
                Some((_, rest)) => rest.to_owned(),
                None => url.to_owned(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Identity;

    #[test]
    fn remotes_lose_credentials_and_spelling_differences() {
        assert_eq!(
            Identity::normalize_remote("https://ann:tok3n@GitHub.com/ann/app.git/"),
            "https://github.com/ann/app"
        );
        assert_eq!(
            Identity::normalize_remote("git@github.com:ann/app.git"),
            "github.com:ann/app"
        );
        assert_eq!(
            Identity::normalize_remote("https://h.example/a/b.git?access_token=s3cr3t"),
            "https://h.example/a/b"
        );
        assert_eq!(
            Identity::normalize_remote("file:///r/evil@/r/real"),
            "file:///r/evil@/r/real"
        );
    }
}
