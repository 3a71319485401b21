//! `--github-user NAME`: a candidate's public, non-fork repositories, listed
//! through the GitHub REST API (HTTPS with rustls; no OpenSSL).

use serde::Deserialize;

#[derive(Deserialize)]
struct Repo {
    clone_url: String,
    #[serde(default)]
    fork: bool,
    #[serde(default)]
    archived: bool,
}

/// The next page from a `Link` header, if any.
fn next_link(link: &str) -> Option<String> {
    link.split(',').find_map(|part| {
        let (url, rel) = part.split_once(';')?;
        rel.contains("rel=\"next\"").then(|| {
            url.trim()
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_owned()
        })
    })
}

/// Clone URLs of the user's own public repositories, following pagination.
/// `api` is https://api.github.com, a GitHub Enterprise API, or a test
/// server. `token` (GITHUB_TOKEN) raises the rate limit.
pub fn user_repos(api: &str, user: &str, token: Option<&str>) -> Result<Vec<String>, String> {
    let agent = ureq::AgentBuilder::new()
        .timeout(std::time::Duration::from_secs(30))
        .build();
    let mut url = Some(format!(
        "{}/users/{user}/repos?type=owner&per_page=100",
        api.trim_end_matches('/')
    ));
    let mut out = Vec::new();
    let mut pages = 0;
    while let Some(current) = url.take() {
        pages += 1;
        if pages > 100 {
            return Err("more than 100 pages of repositories; stopping".to_owned());
        }
        let mut request = agent
            .get(&current)
            .set("Accept", "application/vnd.github+json")
            .set(
                "User-Agent",
                concat!("portfolio-audit/", env!("CARGO_PKG_VERSION")),
            );
        if let Some(t) = token.filter(|t| !t.is_empty()) {
            request = request.set("Authorization", &format!("Bearer {t}"));
        }
        let response = match request.call() {
            Ok(r) => r,
            Err(ureq::Error::Status(code, r)) => {
                let remaining = r.header("x-ratelimit-remaining").map(str::to_owned);
                let reset = r.header("x-ratelimit-reset").map(str::to_owned);
                if (code == 403 || code == 429) && remaining.as_deref() == Some("0") {
                    let when = reset
                        .map(|s| format!(" (resets at unix time {s})"))
                        .unwrap_or_default();
                    return Err(format!(
                        "GitHub API rate limit reached{when}; set GITHUB_TOKEN to raise it"
                    ));
                }
                if code == 404 {
                    return Err(format!("GitHub user `{user}` not found"));
                }
                return Err(format!("GitHub API answered {code} for {current}"));
            }
            Err(e) => return Err(format!("cannot reach the GitHub API at {api}: {e}")),
        };
        url = response.header("link").and_then(next_link);
        let body = response
            .into_string()
            .map_err(|e| format!("cannot read the GitHub API's answer: {e}"))?;
        let repos: Vec<Repo> = serde_json::from_str(&body)
            .map_err(|e| format!("unexpected answer from the GitHub API: {e}"))?;
        out.extend(
            repos
                .into_iter()
                .filter(|r| !r.fork && !r.archived)
                .map(|r| r.clone_url),
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn link_headers() {
        let link = "<https://api.github.com/user/1/repos?page=2>; rel=\"next\", <https://api.github.com/user/1/repos?page=5>; rel=\"last\"";
        assert_eq!(
            super::next_link(link).as_deref(),
            Some("https://api.github.com/user/1/repos?page=2")
        );
        assert_eq!(super::next_link("<x>; rel=\"prev\""), None);
    }
}
