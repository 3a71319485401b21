//! Credentials written into files: known token formats, secret-named
//! assignments, passwords in URLs and secret-looking `.env` values. One
//! scanner serves the working tree (HEAD files and Python literals) and the
//! history walk, so a finding means the same thing wherever it was found,
//! and the mapping from a finding to its junk category is written once.

use super::hygiene::{self, JunkCategory};
use regex::Regex;
use std::sync::LazyLock;

/// Known token formats; (kind, pattern).
static SECRET_PATTERNS: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    [
        ("AWS access key", r"\b(AKIA|ASIA)[0-9A-Z]{16}\b"),
        (
            "GitHub token",
            r"\bgh[pousr]_[A-Za-z0-9]{36,}\b|\bgithub_pat_[A-Za-z0-9_]{50,}\b",
        ),
        ("OpenAI key", r"\bsk-(proj-)?[A-Za-z0-9_-]{20,}\b"),
        ("Slack token", r"\bxox[baprs]-[A-Za-z0-9-]{10,}\b"),
        ("Stripe live key", r"\b[rs]k_live_[A-Za-z0-9]{16,}\b"),
        ("Google API key", r"\bAIza[0-9A-Za-z_-]{35}\b"),
        (
            "private key",
            r"-----BEGIN ((RSA|DSA|EC|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY( BLOCK)?-----",
        ),
    ]
    .into_iter()
    .map(|(k, p)| (k, Regex::new(p).expect("static regex")))
    .collect()
});

static SECRET_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(secret|passw|pwd|token|api_?key|access_?key|private_?key|credential|auth_?key)",
    )
    .expect("static regex")
});
/// `SECRET_KEY = "..."` and `password: '...'` with a real-looking value.
static ASSIGNED_SECRET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b([A-Za-z_]*(secret|secret_?key|passw(or)?d|pwd|token|api_?key|access_?key|private_?key))\s*[:=]\s*["']([^"'\s]{8,})["']"#)
        .expect("static regex")
});

static SECRET_TARGET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[A-Za-z0-9_]*(secret|secret_?key|passw(or)?d|pwd|token|api_?key|access_?key|private_?key|client_?secret)$")
        .expect("static regex")
});

/// Whether a variable, argument or key name says it holds a credential.
pub fn is_secret_name(name: &str) -> bool {
    SECRET_TARGET.is_match(name)
}

/// The kind of known token format found in a text, if any.
pub fn token_kind(text: &str) -> Option<&'static str> {
    SECRET_PATTERNS
        .iter()
        .find(|(_, re)| re.is_match(text))
        .map(|(k, _)| *k)
}

/// `scheme://user:password@host`; the password is group 1.
static URL_PASSWORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b[a-z][a-z0-9+]*://([^/\s:@]+):([^/\s@]+)@([^/\s:@]+)").expect("static regex")
});

/// Whether a value is a stand-in rather than a secret.
pub fn is_placeholder(value: &str) -> bool {
    let v = value.to_ascii_lowercase();
    // References to a variable or template, not values.
    if v.starts_with('$')
        || v.starts_with("%(")
        || v.contains("{{")
        || v.starts_with("my_")
        || v.starts_with("my-")
    {
        return true;
    }
    hygiene::PLACEHOLDERS.iter().any(|p| v.contains(p))
        || v.chars().all(|c| c == v.chars().next().unwrap_or('x'))
}

/// Secrets in a text: (line, kind). Also used for the working tree.
pub fn find_secrets(path: &str, text: &str) -> Vec<(u32, String)> {
    let mut out: Vec<(u32, String)> = Vec::new();
    let python = path.ends_with(".py");
    let mut in_docstring = false;
    for (i, line) in text.lines().enumerate() {
        let lineno = i as u32 + 1;
        // Examples in docstrings are documentation, not credentials.
        if python && (line.matches("\"\"\"").count() + line.matches("'''").count()) % 2 == 1 {
            in_docstring = !in_docstring;
        }
        for (kind, re) in SECRET_PATTERNS.iter() {
            if re.is_match(line) {
                out.push((lineno, (*kind).to_owned()));
            }
        }
        if let Some(c) = URL_PASSWORD.captures(line) {
            let (user, password, host) = (&c[1], &c[2], &c[3]);
            let stock = [
                "password", "postgres", "pass", "secret", "root", "admin", "test", "example",
                "user", "guest",
            ];
            // A throwaway database for local runs and CI services.
            let local = matches!(host, "localhost" | "127.0.0.1" | "0.0.0.0") || user == password;
            if !local
                && !is_placeholder(password)
                && !stock.contains(&password.to_ascii_lowercase().as_str())
            {
                out.push((lineno, "password in a URL".to_owned()));
                continue;
            }
        }
        if let Some(c) = ASSIGNED_SECRET.captures(line).filter(|_| !in_docstring) {
            let value = c.get(4).map_or("", |m| m.as_str());
            if !is_placeholder(value)
                && !value.contains("os.environ")
                && !out.iter().any(|(l, _)| *l == lineno)
            {
                out.push((lineno, format!("hard-coded {}", &c[1])));
            }
        }
    }
    if hygiene::is_env_file_name(path) {
        for (line, key) in hygiene::env_values(text) {
            if SECRET_NAME.is_match(&key) && !out.iter().any(|(l, _)| *l == line) {
                out.push((line, format!(".env secret {key}")));
            }
        }
    }
    out
}

/// The junk category of a secret found at `path`: examples in tests and
/// fixtures are a lesser finding than a real credential, and a private key
/// is its own kind.
pub fn category(path: &str, kind: &str) -> JunkCategory {
    if hygiene::is_fixture_path(path) {
        JunkCategory::FixtureSecret
    } else if kind == "private key" {
        JunkCategory::PrivateKey
    } else {
        JunkCategory::Secret
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets() {
        let s = find_secrets("settings.py", "AWS = 'AKIAABCDEFGHIJKLMNOP'\nx = 1\n");
        assert_eq!(s, vec![(1, "AWS access key".to_owned())]);
        assert!(find_secrets(".env", "DEBUG=true\n").is_empty());
        let s = find_secrets(".env", "DEBUG=true\nSTRIPE_API_KEY=abc123def456\n");
        assert_eq!(s, vec![(2, ".env secret STRIPE_API_KEY".to_owned())]);
        let s = find_secrets(
            "app/settings.py",
            "SECRET_KEY = 'django-insecure-8x#k2!p'\n",
        );
        assert_eq!(s, vec![(1, "hard-coded SECRET_KEY".to_owned())]);
        assert!(find_secrets("app/settings.py", "SECRET_KEY = 'changethis'\n").is_empty());
    }

    #[test]
    fn categories() {
        assert_eq!(
            category("tests/fixtures/key.pem", "private key"),
            JunkCategory::FixtureSecret
        );
        assert_eq!(
            category("deploy/key.pem", "private key"),
            JunkCategory::PrivateKey
        );
        assert_eq!(
            category("app/settings.py", "hard-coded SECRET_KEY"),
            JunkCategory::Secret
        );
    }
}
