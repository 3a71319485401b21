//! CI configuration: which providers, and every command and action the
//! configs run, each with its file and line, so rules can ask "does CI run a
//! linter?" without knowing each provider's schema.

mod docker_run;
mod follow;
mod handoff;
mod jenkins;
mod matrix;
mod node;
mod tasks;

pub use docker_run::handoffs as docker_run_handoffs;
pub use follow::{expand, looped_dirs, script_lines, scripts_called};

use super::yaml::{self, Node};
use crate::error::AuditError;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CiConfig {
    pub path: String,
    #[serde(deserialize_with = "crate::cache::static_str")]
    pub provider: crate::cache::VocabName,
    /// Commands (`run:`, `script:`...), actions (`uses:`) and step names,
    /// in order.
    pub commands: Vec<CiCommand>,
    /// False for a config with nothing to run (empty, or all commented out).
    pub runs_something: bool,
    /// What starts it: push, pull_request, schedule...
    pub triggers: Vec<String>,
    /// Python versions it runs on (matrix, setup-python, image tags).
    pub python_versions: Vec<String>,
    pub jobs: Vec<String>,
    /// What it does, judged from its commands: tests, lint, type-check,
    /// build, deploy, release, bot.
    #[serde(deserialize_with = "crate::cache::static_strs")]
    pub kinds: Vec<crate::cache::VocabName>,
}

impl CiConfig {
    /// A workflow nothing starts but a person or another workflow
    /// (`workflow_dispatch`, `workflow_call`): it checks no push or pull
    /// request, so a reviewer does not count it as CI.
    pub fn manual_only(&self) -> bool {
        !self.triggers.is_empty()
            && self.triggers.iter().all(|t| {
                matches!(
                    t.as_str(),
                    "workflow_dispatch" | "workflow_call" | "repository_dispatch"
                )
            })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CiCommand {
    pub line: u32,
    pub text: String,
    /// For lines read from a script the CI config calls: that script's
    /// path (the line number is then within the script).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    /// A step or job name rather than something it runs.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub name: bool,
    /// The command hands off (`make check`, `tox -e lint`, `docker compose
    /// run tests`) and what it hands off to was followed: the lines it
    /// reached follow in `commands` with `via` set. Judge those, not this
    /// command's words: a target named `check` may only run pytest.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub handed_off: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CiFacts {
    pub configs: Vec<CiConfig>,
}

/// Which CI provider a path configures, if any.
pub fn provider_of(path: &str) -> Option<&'static str> {
    let lower = path.to_ascii_lowercase();
    let yaml = lower.ends_with(".yml") || lower.ends_with(".yaml");
    if lower.starts_with(".github/workflows/") && yaml {
        return Some("github-actions");
    }
    // Forgejo and Gitea Actions run GitHub Actions' workflow syntax.
    if (lower.starts_with(".forgejo/workflows/") || lower.starts_with(".gitea/workflows/")) && yaml
    {
        return Some("forgejo-actions");
    }
    match lower.as_str() {
        ".gitlab-ci.yml" | ".gitlab-ci.yaml" => Some("gitlab"),
        ".travis.yml" | ".travis.yaml" => Some("travis"),
        // `circle.yml` at the root is CircleCI's 1.0 format.
        ".circleci/config.yml" | ".circleci/config.yaml" | "circle.yml" => Some("circleci"),
        "azure-pipelines.yml" | "azure-pipelines.yaml" | ".azure-pipelines.yml" => Some("azure"),
        "bitbucket-pipelines.yml" | "bitbucket-pipelines.yaml" => Some("bitbucket"),
        "jenkinsfile" => Some("jenkins"),
        "appveyor.yml" | ".appveyor.yml" | "appveyor.yaml" => Some("appveyor"),
        _ if lower.starts_with(".azure-pipelines/") && lower.ends_with(".yml") => Some("azure"),
        // A Jenkins job names its pipeline script's path, often in a
        // folder of its own (`ci/Jenkinsfile`, `jenkins/Jenkinsfile`).
        _ if lower.rsplit('/').next() == Some("jenkinsfile") => Some("jenkins"),
        _ => None,
    }
}

/// GitHub Actions, or a forge that runs its workflow syntax.
pub fn is_actions(provider: &str) -> bool {
    matches!(provider, "github-actions" | "forgejo-actions")
}

/// Keys whose string values are commands or actions, across providers.
const COMMAND_KEYS: &[&str] = &[
    "run",
    "script",
    // AppVeyor
    "test_script",
    "build_script",
    "before_test",
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
    // CircleCI 1.0 (`circle.yml`): each phase lists its commands under
    // `override`, `pre` and `post`.
    "override",
    "pre",
    "post",
    // Step names: a step called "Run tests" says what it is for.
    "name",
];

pub fn parse(path: &str, provider: &'static str, text: &str) -> Result<CiConfig, AuditError> {
    let mut config = CiConfig {
        path: path.to_owned(),
        provider,
        commands: Vec::new(),
        runs_something: false,
        triggers: Vec::new(),
        python_versions: Vec::new(),
        jobs: Vec::new(),
        kinds: Vec::new(),
    };
    if provider == "jenkins" {
        for (line, text) in jenkins::commands(text) {
            config.commands.push(CiCommand {
                line,
                text,
                via: None,
                name: false,
                handed_off: false,
            });
        }
        config.runs_something = !config.commands.is_empty();
        return Ok(config);
    }
    let docs = yaml::parse(text)
        .or_else(|e| matrix::reindent_closing_brackets(text).ok_or(e))
        .map_err(|e| {
            AuditError::at(
                format!("{path}:{}:{}", e.line, e.col),
                format!("malformed CI YAML: {}", e.message),
            )
        })?;
    let mut found = Vec::new();
    let mut matrix_values = matrix::Values::new();
    for doc in &docs {
        if is_actions(provider) {
            matrix::gather(doc, &mut matrix_values);
        }
        collect(doc, None, &mut found);
        describe(doc, &mut config);
    }
    config.runs_something = found.iter().any(|(key, _, _)| *key != "name");
    let lines: Vec<&str> = text.lines().collect();
    for (key, line, cmd) in found {
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
        let text = if key == "name" {
            cmd
        } else {
            matrix::substitute(&cmd, &matrix_values)
        };
        config.commands.push(CiCommand {
            line,
            text,
            via: None,
            name: key == "name",
            handed_off: false,
        });
    }
    Ok(config)
}

/// Keys that are settings, not jobs, at the top of GitLab and Bitbucket files.
const NOT_JOBS: &[&str] = &[
    "stages",
    "variables",
    "default",
    "include",
    "workflow",
    "image",
    "services",
    "before_script",
    "after_script",
    "cache",
    "on",
    "name",
    "env",
    "permissions",
    "concurrency",
    "defaults",
    "run-name",
    "language",
    "python",
    "install",
    "script",
    "dist",
    "os",
    "matrix",
    "jobs",
    "version",
    "orbs",
    "workflows",
    "trigger",
    "pr",
    "pool",
    "steps",
    "stages",
    "definitions",
    "pipelines",
    "options",
    "clone",
];

/// Triggers, Python versions and job names, per provider.
fn describe(doc: &Node, config: &mut CiConfig) {
    let mut versions: Vec<String> = Vec::new();
    match config.provider {
        "github-actions" | "forgejo-actions" => {
            match doc.get("on").or_else(|| doc.get("true")) {
                Some(Node::Scalar { value, .. }) => config.triggers.push(value.clone()),
                Some(Node::Seq(items)) => config
                    .triggers
                    .extend(items.iter().filter_map(|i| i.as_str()).map(str::to_owned)),
                Some(Node::Map(entries)) => config.triggers.extend(
                    entries
                        .iter()
                        .filter_map(|(k, _)| k.as_str())
                        .map(str::to_owned),
                ),
                _ => {}
            }
            for (name, job) in doc.get("jobs").map(Node::entries).unwrap_or_default() {
                if let Some(n) = name.as_str() {
                    config.jobs.push(n.to_owned());
                }
                let matrix = job.get("strategy").and_then(|s| s.get("matrix"));
                for key in [
                    "python-version",
                    "python",
                    "python_version",
                    "py",
                    "python-versions",
                ] {
                    if let Some(v) = matrix.and_then(|m| m.get(key)) {
                        versions.extend(scalars(v));
                    }
                }
                for include in matrix
                    .and_then(|m| m.get("include"))
                    .map(Node::items)
                    .unwrap_or_default()
                {
                    for key in ["python-version", "python", "python_version", "py"] {
                        if let Some(v) = include.get(key) {
                            versions.extend(scalars(v));
                        }
                    }
                }
                for step in job.get("steps").map(Node::items).unwrap_or_default() {
                    let uses = step.get("uses").and_then(Node::as_str).unwrap_or("");
                    if uses.starts_with("actions/setup-python") || uses.contains("setup-uv") {
                        if let Some(v) = step.get("with").and_then(|w| w.get("python-version")) {
                            versions.extend(scalars(v));
                        }
                    }
                }
                if let Some(image) = job
                    .get("container")
                    .and_then(|c| c.as_str().or_else(|| c.get("image").and_then(Node::as_str)))
                {
                    versions.extend(python_image_version(image));
                }
            }
        }
        "travis" => {
            if let Some(v) = doc.get("python") {
                versions.extend(scalars(v));
            }
            config.triggers = vec!["push".to_owned(), "pull_request".to_owned()];
        }
        // AppVeyor builds every push and pull request unless told not to;
        // one file is one job.
        "appveyor" => {
            config.triggers = vec!["push".to_owned(), "pull_request".to_owned()];
        }
        _ => {
            // GitLab, Bitbucket, CircleCI, Azure: jobs are the remaining
            // top-level mappings; images name the Python version.
            config.triggers = vec!["push".to_owned()];
            for (name, job) in doc.entries() {
                let Some(n) = name.as_str() else { continue };
                if !NOT_JOBS.contains(&n) && !n.starts_with('.') && matches!(job, Node::Map(_)) {
                    config.jobs.push(n.to_owned());
                }
            }
            let mut stack = vec![doc];
            while let Some(n) = stack.pop() {
                match n {
                    Node::Map(entries) => {
                        for (k, v) in entries {
                            if k.as_str() == Some("image") {
                                if let Some(img) =
                                    v.as_str().or_else(|| v.get("name").and_then(Node::as_str))
                                {
                                    versions.extend(python_image_version(img));
                                }
                            }
                            stack.push(v);
                        }
                    }
                    Node::Seq(items) => stack.extend(items),
                    _ => {}
                }
            }
        }
    }
    for v in versions {
        // `${{ matrix.python }}` is a reference, not a version.
        if !v.contains("${{") && !config.python_versions.contains(&v) {
            config.python_versions.push(v);
        }
    }
}

fn scalars(node: &Node) -> Vec<String> {
    match node {
        // setup-python accepts several versions, one per line.
        Node::Scalar { value, .. } if !value.contains("${{") => {
            value.split_whitespace().map(str::to_owned).collect()
        }
        Node::Seq(items) => items
            .iter()
            .filter_map(|i| i.as_str())
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    }
}

/// `python:3.12-slim` -> 3.12
fn python_image_version(image: &str) -> Option<String> {
    let tag = image
        .strip_prefix("python:")
        .or_else(|| image.split("/python:").nth(1))?;
    let v: String = tag
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    (!v.is_empty()).then_some(v)
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
                // `TOXENV: lint` in a job's environment (a map entry)...
                if key == "TOXENV" {
                    if let Node::Scalar { value, line } = v {
                        out.push(("tox-env", (*line).max(1), format!("tox -e {value}")));
                    }
                }
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
            // ...or `env: TOXENV=flake8` (Travis): a bare `tox` runs that
            // environment, so it counts as `tox -e flake8`.
            for env in value.split_whitespace() {
                if let Some(name) = env.strip_prefix("TOXENV=").filter(|n| !n.is_empty()) {
                    out.push(("tox-env", (*line).max(1), format!("tox -e {name}")));
                }
            }
        }
        Node::Alias => {}
    }
}

/// What a workflow does, from everything it runs.
pub fn classify(config: &mut CiConfig) {
    static KINDS: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
        [
            ("tests", r"(?i)\b(pytest|py\.test|tox|nox|unittest|nose2|nosetests|behave|coverage run|hatch test)\b|manage\.py\s+test\b|^(run |running )?(the |unit |all )?tests?( suite)?$"),
            ("lint", r"(?i)\b(ruff|flake8|pylint|black|isort|pre-commit|prek|pycodestyle|pyflakes)\b"),
            ("type-check", r"(?i)\b(mypy|pyright|pytype|pyre)\b"),
            ("build", r"(?i)python3? -m build\b|\b(poetry|hatch|uv|pdm|flit) build\b|\bdocker build\b|docker/build-push-action|\bpip wheel\b|sphinx-build|mkdocs build"),
            ("deploy", r"(?i)webapps-deploy|heroku|flyctl|superfly|gcloud (app|run) deploy|aws-actions/|\beb deploy|kubectl apply|helm upgrade|railway up|vercel|docker push|gh-pages|mkdocs gh-deploy|\bscp\b|\brsync\b"),
            ("release", r"(?i)pypi-publish|twine upload|\b(poetry|uv|hatch|flit|pdm) publish\b|action-gh-release|semantic-release|release-please"),
            ("bot", r"(?i)actions/stale|lock-threads|actions/labeler|issue-labeler|first-interaction|auto-assign|welcome|add-to-project|dependabot/fetch-metadata|automerge"),
        ]
        .into_iter()
        .map(|(k, p)| (k, Regex::new(p).expect("static regex")))
        .collect()
    });
    let mut kinds = Vec::new();
    for (kind, re) in KINDS.iter() {
        let hit = config.commands.iter().any(|c| {
            c.text
                .lines()
                .any(|l| re.is_match(l.trim()) && !is_install(l) && !is_message(l))
        });
        if hit {
            kinds.push(*kind);
        }
    }
    if config.triggers.iter().any(|t| t == "release") && !kinds.contains(&"release") {
        kinds.push("release");
    }
    config.kinds = kinds;
}

/// Lines that only print (`echo "running pylint"`): a script announcing a
/// tool is not running it.
pub fn is_message(line: &str) -> bool {
    let word = line.trim_start().trim_start_matches('@');
    ["echo", "printf", "Write-Host", "Write-Output"]
        .iter()
        .any(|w| {
            word.strip_prefix(w)
                .is_some_and(|r| r.is_empty() || r.starts_with(' '))
        })
}

/// Lines that install tools rather than run them.
pub fn is_install(line: &str) -> bool {
    static INSTALL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(sudo\s+)?((python3?|py)\s+-m\s+)?(pip3?|uv\s+pip|pipx|uv\s+tool|conda|mamba|apt(-get)?|brew|npm|yarn)\s+(install|add)\b|^\s*(poetry|uv|pdm|pipenv)\s+(add|install|sync)\b")
            .expect("static regex")
    });
    INSTALL.is_match(line)
}

#[cfg(test)]
mod tests;
