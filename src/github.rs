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

/// The origin (`scheme://host[:port]`, lower-cased) of an http(s) URL.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    if authority.is_empty() || authority.contains('@') {
        return None;
    }
    Some(format!("{scheme}://{authority}").to_ascii_lowercase())
}

/// Whether a pagination link may be followed: only to the API's own
/// origin, since every request carries the token.
fn same_origin(api: &str, link: &str) -> bool {
    origin_of(api).is_some_and(|a| origin_of(link) == Some(a))
}

/// The host clone URLs must name: github.com for the public API, else the
/// API's own host (GitHub Enterprise serves both from one).
fn clone_host(api: &str) -> Option<String> {
    let origin = origin_of(api)?;
    let host = origin.split_once("://")?.1.to_owned();
    let host = host.split(':').next().unwrap_or_default().to_owned();
    Some(if host == "api.github.com" {
        "github.com".to_owned()
    } else {
        host
    })
}

/// Why a clone URL from the API's answer is refused, if it is: it must be
/// https, carry no credentials and name the expected host. An answer is
/// untrusted input; a `file://` or `ext::` URL in it is never cloned.
pub fn refuse_clone_url(api: &str, url: &str) -> Option<String> {
    let expected = clone_host(api).unwrap_or_default();
    let Some(rest) = url.strip_prefix("https://") else {
        return Some(format!(
            "the GitHub API gave a clone URL that is not https; expected https://{expected}/"
        ));
    };
    let authority = &rest[..rest.find('/').unwrap_or(rest.len())];
    let host = authority.split(':').next().unwrap_or_default();
    if authority.contains('@') || !host.eq_ignore_ascii_case(&expected) {
        return Some(format!(
            "the GitHub API gave a clone URL on another host; expected https://{expected}/"
        ));
    }
    None
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
                return Err(format!(
                    "GitHub API answered {code} for {}",
                    crate::remote::redact(&current)
                ));
            }
            Err(e) => {
                let api = crate::remote::redact(api);
                let e = crate::remote::redact_in(&e.to_string(), &current);
                return Err(format!("cannot reach the GitHub API at {api}: {e}"));
            }
        };
        url = response.header("link").and_then(next_link);
        if let Some(next) = url.take_if(|next| !same_origin(api, next)) {
            eprintln!(
                "portfolio-audit: warning: the GitHub API's next page is on another origin ({}); not followed, the list may be incomplete",
                crate::remote::redact(&next)
            );
        }
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

    #[test]
    fn the_token_stays_with_the_api_origin() {
        let api = "https://api.github.com";
        assert!(super::same_origin(
            api,
            "https://api.github.com/user/1/repos?page=2"
        ));
        assert!(super::same_origin(api, "HTTPS://API.GITHUB.COM/x"));
        for other in [
            "https://evil.example/x",
            "http://api.github.com/x",
            "https://api.github.com.evil.example/x",
            "https://api.github.com:444/x",
            "https://user@api.github.com/x",
            "file:///etc/passwd",
        ] {
            assert!(!super::same_origin(api, other), "{other}");
        }
    }

    #[test]
    fn clone_urls_must_be_https_on_the_expected_host() {
        let api = "https://api.github.com";
        assert_eq!(
            super::refuse_clone_url(api, "https://github.com/a/b.git"),
            None
        );
        for bad in [
            "file:///tmp/r",
            "http://github.com/a/b.git",
            "ext::sh -c touch% /tmp/x",
            "https://evil.example/a/b.git",
            "https://github.com.evil.example/a/b.git",
            "https://tok@github.com/a/b.git",
            "git@github.com:a/b.git",
        ] {
            assert!(super::refuse_clone_url(api, bad).is_some(), "{bad}");
        }
        let ghe = "https://ghe.corp.example/api/v3";
        assert_eq!(
            super::refuse_clone_url(ghe, "https://ghe.corp.example/a/b.git"),
            None
        );
    }
}
