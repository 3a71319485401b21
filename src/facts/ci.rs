//! CI configuration: which providers, and every command and action the
//! configs run, each with its file and line, so rules can ask "does CI run a
//! linter?" without knowing each provider's schema.

use super::yaml::{self, Node};
use crate::error::AuditError;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct CiConfig {
    pub path: String,
    pub provider: &'static str,
    /// Commands (`run:`, `script:`...), actions (`uses:`) and step names,
    /// in order.
    pub commands: Vec<CiCommand>,
    /// False for a config with nothing to run (empty, or all commented out).
    pub runs_something: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct CiCommand {
    pub line: u32,
    pub text: String,
    /// For lines read from a script the CI config calls: that script's
    /// path (the line number is then within the script).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
}

/// Repository files a command runs (`./scripts/lint`, `bash ci/test.sh`).
pub fn scripts_called<'a>(command: &str, exists: impl Fn(&str) -> bool + 'a) -> Vec<String> {
    let mut out = Vec::new();
    for token in command.split(|c: char| {
        c.is_whitespace() || c == ';' || c == '&' || c == '|' || c == '"' || c == '\''
    }) {
        let t = token.trim_start_matches("./");
        if t.is_empty() || t.starts_with('-') || t.starts_with('$') || !t.contains(['/', '.']) {
            continue;
        }
        // Only programs: shell scripts, or extension-less files in a folder
        // (scripts/lint). `-r requirements.txt` or `python main.py` are not.
        let name = t.rsplit('/').next().unwrap_or(t);
        let is_script = name.ends_with(".sh")
            || name.ends_with(".bash")
            || (t.contains('/') && !name.contains('.'));
        if !is_script {
            continue;
        }
        if exists(t) && !out.iter().any(|o: &String| o == t) {
            out.push(t.to_owned());
        }
    }
    out
}

/// Commands in a shell script or Makefile: non-blank, non-comment lines.
pub fn script_lines(path: &str, text: &str) -> Vec<CiCommand> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| {
            let t = l.trim();
            !t.is_empty() && !t.starts_with('#')
        })
        .map(|(i, l)| CiCommand {
            line: i as u32 + 1,
            text: l.trim().to_owned(),
            via: Some(path.to_owned()),
        })
        .collect()
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct CiFacts {
    pub configs: Vec<CiConfig>,
}

/// Which CI provider a path configures, if any.
pub fn provider_of(path: &str) -> Option<&'static str> {
    let lower = path.to_ascii_lowercase();
    if lower.starts_with(".github/workflows/")
        && (lower.ends_with(".yml") || lower.ends_with(".yaml"))
    {
        return Some("github-actions");
    }
    match lower.as_str() {
        ".gitlab-ci.yml" | ".gitlab-ci.yaml" => Some("gitlab"),
        ".travis.yml" | ".travis.yaml" => Some("travis"),
        ".circleci/config.yml" | ".circleci/config.yaml" => Some("circleci"),
        "azure-pipelines.yml" | "azure-pipelines.yaml" | ".azure-pipelines.yml" => Some("azure"),
        "bitbucket-pipelines.yml" | "bitbucket-pipelines.yaml" => Some("bitbucket"),
        "jenkinsfile" => Some("jenkins"),
        _ if lower.starts_with(".azure-pipelines/") && lower.ends_with(".yml") => Some("azure"),
        _ => None,
    }
}

/// Keys whose string values are commands or actions, across providers.
const COMMAND_KEYS: &[&str] = &[
    "run",
    "script",
    "before_script",
    "after_script",
    "before_install",
    "install",
    "command",
    "bash",
    "pwsh",
    "powershell",
    "uses",
    "steps",
    "commands",
    "entrypoint",
];

pub fn parse(path: &str, provider: &'static str, text: &str) -> Result<CiConfig, AuditError> {
    let mut config = CiConfig {
        path: path.to_owned(),
        provider,
        commands: Vec::new(),
        runs_something: false,
    };
    if provider == "jenkins" {
        for (i, line) in text.lines().enumerate() {
            let t = line.trim();
            if t.starts_with("sh ")
                || t.starts_with("sh(")
                || t.starts_with("bat ")
                || t.starts_with("powershell ")
            {
                config.commands.push(CiCommand {
                    line: i as u32 + 1,
                    text: t.to_owned(),
                    via: None,
                });
            }
        }
        config.runs_something = !config.commands.is_empty();
        return Ok(config);
    }
    let docs = yaml::parse(text).map_err(|e| {
        AuditError::at(
            format!("{path}:{}:{}", e.line, e.col),
            format!("malformed CI YAML: {}", e.message),
        )
    })?;
    let mut found = Vec::new();
    for doc in &docs {
        collect(doc, None, &mut found);
    }
    config.runs_something = found.iter().any(|(key, _, _)| *key != "name");
    let lines: Vec<&str> = text.lines().collect();
    for (_, line, cmd) in found {
        // A block scalar (`run: |`) starts on the line after its marker.
        let first = cmd
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("");
        let line = (line..line + 3)
            .find(|l| {
                lines
                    .get(*l as usize - 1)
                    .is_some_and(|t| t.contains(first))
            })
            .unwrap_or(line);
        config.commands.push(CiCommand {
            line,
            text: cmd,
            via: None,
        });
    }
    Ok(config)
}

/// Collects (key, line, string) for every string under a command key.
fn collect<'y>(
    node: &'y Node,
    command_key: Option<&'y str>,
    out: &mut Vec<(&'y str, u32, String)>,
) {
    match node {
        Node::Map(entries) => {
            for (k, v) in entries {
                let key = k.as_str().unwrap_or("");
                collect(v, COMMAND_KEYS.contains(&key).then_some(key), out);
            }
        }
        Node::Seq(items) => {
            for item in items {
                collect(item, command_key, out);
            }
        }
        Node::Scalar { value, line } => {
            if let Some(key) = command_key {
                out.push((key, (*line).max(1), value.clone()));
            }
        }
        Node::Alias => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_steps_with_lines() {
        let y = "name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: pip install -e .[dev]\n      - run: |\n          ruff check .\n          pytest -q\n";
        let c = parse(".github/workflows/ci.yml", "github-actions", y).expect("parses");
        let texts: Vec<_> = c
            .commands
            .iter()
            .map(|c| (c.line, c.text.as_str()))
            .collect();
        assert_eq!(texts[0], (7, "actions/checkout@v4"));
        assert_eq!(texts[1].0, 8);
        assert_eq!(texts[2].0, 10);
    }

    #[test]
    fn a_commented_out_workflow_runs_nothing() {
        let c = parse(
            ".github/workflows/ci.yml",
            "github-actions",
            "# name: CI\n# jobs:\n#   test:\n",
        )
        .expect("parses");
        assert!(!c.runs_something);
    }

    #[test]
    fn gitlab_scripts() {
        let y = "test:\n  image: python:3.12\n  script:\n    - pip install -r requirements.txt\n    - pytest\n";
        let c = parse(".gitlab-ci.yml", "gitlab", y).expect("parses");
        assert_eq!(c.commands.len(), 2);
        assert_eq!(c.commands[1].line, 5);
    }

    #[test]
    fn scripts_are_found_in_commands() {
        let exists = |p: &str| p == "scripts/lint" || p == "ci/test.sh";
        assert_eq!(
            scripts_called("poetry run ./scripts/lint", exists),
            ["scripts/lint"]
        );
        assert_eq!(
            scripts_called("bash ci/test.sh && echo ok", exists),
            ["ci/test.sh"]
        );
        assert!(scripts_called("pytest -q tests/", exists).is_empty());
    }

    #[test]
    fn malformed_yaml_names_file_and_line() {
        let err = parse(
            ".github/workflows/ci.yml",
            "github-actions",
            "jobs:\n  a: [\n",
        )
        .unwrap_err();
        assert!(
            err.path
                .as_deref()
                .unwrap_or("")
                .starts_with(".github/workflows/ci.yml:")
        );
    }
}
