//! Python source facts at the level this release needs: which files are
//! source and which are tests, their size, imports and environment reads.
//! Line-oriented scanning; a real parser is planned for deeper signals.

use regex::Regex;
use serde::Serialize;
use std::collections::BTreeSet;
use std::sync::LazyLock;

#[derive(Debug, Clone, Serialize)]
pub struct EnvRead {
    pub path: String,
    pub line: u32,
    /// The variable's name, when the code spells it as a literal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct PythonFacts {
    pub source_files: usize,
    pub source_lines: usize,
    pub test_files: Vec<String>,
    pub test_lines: usize,
    /// Top-level modules imported anywhere in the project's own code.
    pub imports: BTreeSet<String>,
    pub env_reads: Vec<EnvRead>,
}

impl PythonFacts {
    /// Distinct environment variable names the code reads by literal name.
    pub fn env_names(&self) -> BTreeSet<&str> {
        self.env_reads
            .iter()
            .filter_map(|r| r.name.as_deref())
            .collect()
    }

    /// Test lines per source line; `None` when there is no source to test.
    pub fn test_ratio(&self) -> Option<f64> {
        (self.source_lines > 0).then(|| self.test_lines as f64 / self.source_lines as f64)
    }
}

/// Variables every program may read from its platform or CI; reading them
/// does not make a project configurable by environment.
pub fn is_system_variable(name: &str) -> bool {
    const EXACT: &[&str] = &[
        "HOME",
        "PATH",
        "USER",
        "USERNAME",
        "LOGNAME",
        "SHELL",
        "TERM",
        "PAGER",
        "LESS",
        "EDITOR",
        "VISUAL",
        "LANG",
        "LANGUAGE",
        "TZ",
        "PWD",
        "TMPDIR",
        "TEMP",
        "TMP",
        "COLUMNS",
        "LINES",
        "NO_COLOR",
        "FORCE_COLOR",
        "CLICOLOR",
        "CI",
        "SOURCE_DATE_EPOCH",
        "VIRTUAL_ENV",
        "CONDA_PREFIX",
        "APPDATA",
        "LOCALAPPDATA",
        "USERPROFILE",
        "COMSPEC",
        "SYSTEMROOT",
        "WINDIR",
        "PROGRAMFILES",
        "HOSTNAME",
        "DISPLAY",
        "WAYLAND_DISPLAY",
        "SSH_AUTH_SOCK",
        "COLORTERM",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "NO_PROXY",
        "http_proxy",
        "https_proxy",
        "no_proxy",
        "REQUESTS_CA_BUNDLE",
        "CURL_CA_BUNDLE",
        "SSL_CERT_FILE",
        "NETRC",
        "PYTEST_CURRENT_TEST",
        "TERM_PROGRAM",
        "EMACS",
        "INSIDE_EMACS",
    ];
    const PREFIXES: &[&str] = &[
        "LC_",
        "XDG_",
        "PYTHON",
        "GITHUB_",
        "RUNNER_",
        "GITLAB_",
        "TRAVIS",
        "CIRCLE",
        "BUILDKITE",
        "_",
    ];
    EXACT.contains(&name) || PREFIXES.iter().any(|p| name.starts_with(p))
}

/// Whether a path is a test module by the conventions pytest and unittest
/// discover.
pub fn is_test_path(path: &str) -> bool {
    if !path.ends_with(".py") {
        return false;
    }
    let name = path.rsplit('/').next().unwrap_or(path);
    let in_test_dir = path
        .split('/')
        .rev()
        .skip(1)
        .any(|d| d == "tests" || d == "test" || d == "testing");
    in_test_dir
        || name.starts_with("test_")
        || name.ends_with("_test.py")
        || name == "tests.py"
        || name == "conftest.py"
}

static IMPORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:from\s+([A-Za-z_]\w*)[\w.]*\s+import\b|import\s+([A-Za-z_][\w., ]*))")
        .expect("static regex")
});
static ENV_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?:getenv|environ\.get|environ\.setdefault|environ\.pop|env\.(?:str|int|bool|float|list))\(\s*["']([A-Za-z_][A-Za-z0-9_]*)["']|environ\[\s*["']([A-Za-z_][A-Za-z0-9_]*)["']\s*\]"#)
        .expect("static regex")
});
static ENV_READ: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bos\.environ\b|\bos\.getenv\s*\(|\bgetenv\s*\(|\benviron\.get\s*\(|\bload_dotenv\s*\(|\(\s*BaseSettings\s*\)|\benv\.(str|int|bool)\s*\(")
        .expect("static regex")
});

impl PythonFacts {
    pub fn add_file(&mut self, path: &str, text: &str) {
        let is_test = is_test_path(path);
        let mut lines = 0;
        let mut in_docstring = false;
        for (i, line) in text.lines().enumerate() {
            let t = line.trim();
            if t.is_empty() || t.starts_with('#') {
                continue;
            }
            lines += 1;
            // Skip imports quoted in docstrings: `"""import os"""`.
            let quotes = t.matches("\"\"\"").count() + t.matches("'''").count();
            if quotes % 2 == 1 {
                in_docstring = !in_docstring;
                continue;
            }
            if in_docstring {
                continue;
            }
            if let Some(c) = IMPORT.captures(line) {
                if let Some(m) = c.get(1) {
                    self.imports.insert(m.as_str().to_owned());
                } else if let Some(m) = c.get(2) {
                    for part in m.as_str().split(',') {
                        let module = part.split_whitespace().next().unwrap_or("");
                        let top = module.split('.').next().unwrap_or("");
                        if !top.is_empty() {
                            self.imports.insert(top.to_owned());
                        }
                    }
                }
            }
            if !is_test && ENV_READ.is_match(line) {
                let name = ENV_NAME
                    .captures(line)
                    .and_then(|c| c.get(1).or_else(|| c.get(2)))
                    .map(|m| m.as_str().to_owned());
                // PAGER or HOME are the platform's, not the project's settings.
                if name.as_deref().is_none_or(|n| !is_system_variable(n)) {
                    self.env_reads.push(EnvRead {
                        path: path.to_owned(),
                        line: i as u32 + 1,
                        name,
                    });
                }
            }
        }
        if is_test {
            self.test_files.push(path.to_owned());
            self.test_lines += lines;
        } else {
            self.source_files += 1;
            self.source_lines += lines;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_paths() {
        assert!(is_test_path("tests/test_api.py"));
        assert!(is_test_path("tests/helpers.py"));
        assert!(is_test_path("app/tests.py"));
        assert!(is_test_path("pkg/thing_test.py"));
        assert!(is_test_path("conftest.py"));
        assert!(!is_test_path("app/testing_utils.txt"));
        assert!(!is_test_path("src/app/main.py"));
    }

    #[test]
    fn imports_and_env() {
        let mut f = PythonFacts::default();
        f.add_file(
            "app/main.py",
            "import os, sys\nfrom fastapi import FastAPI\n\"\"\"\nimport flask\n\"\"\"\nKEY = os.getenv('KEY')\n",
        );
        assert!(f.imports.contains("fastapi"));
        assert!(f.imports.contains("sys"));
        assert!(!f.imports.contains("flask"));
        assert_eq!(f.env_reads[0].line, 6);
        assert_eq!(f.env_reads[0].name.as_deref(), Some("KEY"));
    }
}
