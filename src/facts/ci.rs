//! CI configuration: which providers, and every command and action the
//! configs run, each with its file and line, so rules can ask "does CI run a
//! linter?" without knowing each provider's schema.

use super::yaml::{self, Node};
use crate::error::AuditError;
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

#[derive(Debug, Clone, Serialize)]
pub struct CiConfig {
    pub path: String,
    pub provider: &'static str,
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
    pub kinds: Vec<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CiCommand {
    pub line: u32,
    pub text: String,
    /// For lines read from a script the CI config calls: that script's
    /// path (the line number is then within the script).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    /// A step or job name rather than something it runs.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub name: bool,
}

/// Repository files a command runs (`./scripts/lint`, `bash ci/test.sh`).
/// `resolve` maps a path as written to the repository path it names, if
/// any (CI steps often run in a `working-directory` such as backend/).
pub fn scripts_called<'a>(
    command: &str,
    resolve: impl Fn(&str) -> Option<String> + 'a,
) -> Vec<String> {
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
        if let Some(real) = resolve(t) {
            if !out.contains(&real) {
                out.push(real);
            }
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
            name: false,
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
                    name: false,
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
        config.commands.push(CiCommand {
            line,
            text: cmd,
            via: None,
            name: key == "name",
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
        "github-actions" => {
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

/// What a CI command hands off to inside the repository: a Makefile target,
/// a tox environment, a nox session, or a task defined in pyproject.toml.
/// `read` gives a repository file's text. Returned lines carry `via`.
pub fn expand(command: &str, read: &mut dyn FnMut(&str) -> Option<String>) -> Vec<CiCommand> {
    static MAKE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\bmake\s+(?:-\S+\s+)*([A-Za-z0-9_][A-Za-z0-9_.-]*)").expect("static regex")
    });
    static TOX: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\btox\b(?:\s+(?:-e|run\s+-e)\s+([\w,.-]+))?").expect("static regex")
    });
    static NOX: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\bnox\b(?:\s+(?:-s|--session)\s+([\w.-]+))?").expect("static regex")
    });
    static TASK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?:(?:poetry|uv|pdm|hatch|rye)\s+run|poe)\s+([A-Za-z0-9_][\w:.-]*)")
            .expect("static regex")
    });
    let mut out = Vec::new();
    for line in command.lines() {
        if let Some(c) = MAKE.captures(line) {
            if let Some(text) = read("Makefile").or_else(|| read("makefile")) {
                out.extend(make_target(&text, &c[1]));
            }
        }
        if let Some(c) = TOX.captures(line) {
            let envs = c.get(1).map(|m| m.as_str());
            if let Some(text) = read("tox.ini") {
                out.extend(tox_commands(&text, envs));
            } else if let Some(text) = read("pyproject.toml") {
                out.extend(tox_toml_commands(&text, envs));
            }
        }
        if let Some(c) = NOX.captures(line) {
            if let Some(text) = read("noxfile.py") {
                out.extend(nox_runs(&text, c.get(1).map(|m| m.as_str())));
            }
        }
        if let Some(c) = TASK.captures(line) {
            if let Some(text) = read("pyproject.toml") {
                out.extend(pyproject_task(&text, &c[1]));
            }
        }
    }
    out
}

fn make_target(text: &str, target: &str) -> Vec<CiCommand> {
    let lines: Vec<&str> = text.lines().collect();
    let Some(start) = lines.iter().position(|l| {
        l.split(':')
            .next()
            .is_some_and(|t| t.split_whitespace().any(|n| n == target))
            && l.contains(':')
            && !l.starts_with('\t')
    }) else {
        return Vec::new();
    };
    let via = format!("Makefile (make {target})");
    let mut out = Vec::new();
    // Prerequisites on the target line run first.
    if let Some((_, deps)) = lines[start].split_once(':') {
        for dep in deps
            .split_whitespace()
            .filter(|d| !d.starts_with('$') && !d.contains('='))
        {
            out.push(CiCommand {
                line: start as u32 + 1,
                text: format!("make {dep}"),
                via: Some(via.clone()),
                name: false,
            });
        }
    }
    for (i, l) in lines.iter().enumerate().skip(start + 1) {
        if !l.starts_with('\t') {
            if l.trim().is_empty() {
                continue;
            }
            break;
        }
        out.push(CiCommand {
            line: i as u32 + 1,
            text: l.trim().trim_start_matches(['@', '-']).to_owned(),
            via: Some(via.clone()),
            name: false,
        });
    }
    out
}

/// `commands =` lines of the [testenv] sections (all, or the named envs).
fn tox_commands(text: &str, envs: Option<&str>) -> Vec<CiCommand> {
    let wanted: Vec<&str> = envs.map(|e| e.split(',').collect()).unwrap_or_default();
    let mut out = Vec::new();
    let mut section = String::new();
    let mut in_commands = false;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end();
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name.to_owned();
            in_commands = false;
            continue;
        }
        let env = section
            .strip_prefix("testenv")
            .map(|e| e.trim_start_matches(':'));
        let Some(env) = env else { continue };
        // A named environment uses its own commands; the base [testenv]
        // counts when nothing is named, or the named one has no section.
        let named_section_exists =
            |w: &str| text.lines().any(|l| l.trim() == format!("[testenv:{w}]"));
        let relevant = if env.is_empty() {
            wanted.is_empty() || wanted.iter().any(|w| !named_section_exists(w))
        } else {
            wanted.is_empty()
                || wanted
                    .iter()
                    .any(|w| env.split(',').any(|e| e.trim() == *w))
        };
        let continuation = raw.starts_with(' ') || raw.starts_with('\t');
        if !continuation {
            in_commands = line.trim_start().starts_with("commands");
        }
        if in_commands && relevant {
            let cmd = if continuation {
                line.trim()
            } else {
                line.split_once('=').map_or("", |(_, v)| v.trim())
            };
            if !cmd.is_empty() {
                out.push(CiCommand {
                    line: i as u32 + 1,
                    text: cmd.to_owned(),
                    via: Some("tox.ini".to_owned()),
                    name: false,
                });
            }
        }
    }
    out
}

/// tox 4's native pyproject configuration ([tool.tox.env_run_base] and
/// [tool.tox.env.NAME]), or a legacy_tox_ini string.
fn tox_toml_commands(text: &str, envs: Option<&str>) -> Vec<CiCommand> {
    let Ok(doc) = toml::from_str::<toml::Table>(text) else {
        return Vec::new();
    };
    let Some(tox) = doc.get("tool").and_then(|t| t.get("tox")) else {
        return Vec::new();
    };
    if let Some(legacy) = tox.get("legacy_tox_ini").and_then(|v| v.as_str()) {
        return tox_commands(legacy, envs)
            .into_iter()
            .map(|c| CiCommand {
                via: Some("pyproject.toml [tool.tox] legacy_tox_ini".to_owned()),
                ..c
            })
            .collect();
    }
    let wanted: Vec<&str> = envs.map(|e| e.split(',').collect()).unwrap_or_default();
    let mut tables: Vec<(String, &toml::Value)> = Vec::new();
    let named: Vec<(String, &toml::Value)> = tox
        .get("env")
        .and_then(|e| e.as_table())
        .map(|t| {
            t.iter()
                .filter(|(k, _)| wanted.contains(&k.as_str()))
                .map(|(k, v)| (format!("tool.tox.env.{k}"), v))
                .collect()
        })
        .unwrap_or_default();
    if named.is_empty() {
        if let Some(base) = tox.get("env_run_base") {
            tables.push(("tool.tox.env_run_base".to_owned(), base));
        }
    }
    tables.extend(named);
    let mut out = Vec::new();
    for (section, table) in tables {
        let line = text
            .lines()
            .position(|l| l.trim() == format!("[{section}]"))
            .map_or(1, |p| p as u32 + 1);
        for cmd in table
            .get("commands")
            .and_then(|c| c.as_array())
            .into_iter()
            .flatten()
        {
            let words: Vec<&str> = cmd
                .as_array()
                .map(|a| a.iter().filter_map(|w| w.as_str()).collect())
                .unwrap_or_default();
            if !words.is_empty() {
                out.push(CiCommand {
                    line,
                    text: words.join(" "),
                    via: Some(format!("pyproject.toml [{section}]")),
                    name: false,
                });
            }
        }
    }
    out
}

/// `session.run(...)` calls in noxfile.py, in the named session or all.
fn nox_runs(text: &str, session: Option<&str>) -> Vec<CiCommand> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for (i, line) in text.lines().enumerate() {
        if let Some(rest) = line.strip_prefix("def ") {
            current = rest.split('(').next().map(str::to_owned);
        }
        let in_session = session.is_none_or(|s| current.as_deref() == Some(s));
        if in_session && line.contains("session.run(") {
            let args = line.split("session.run(").nth(1).unwrap_or("");
            let cmd: Vec<&str> = args
                .split(',')
                .map(|a| a.trim().trim_matches(['"', '\'', ')']))
                .filter(|a| !a.is_empty() && !a.contains('='))
                .collect();
            out.push(CiCommand {
                line: i as u32 + 1,
                text: cmd.join(" "),
                via: Some("noxfile.py".to_owned()),
                name: false,
            });
        }
    }
    out
}

/// A task of that name in [tool.poe.tasks], [tool.pdm.scripts],
/// [tool.hatch.envs.*.scripts] or [tool.rye.scripts].
fn pyproject_task(text: &str, name: &str) -> Vec<CiCommand> {
    let Ok(doc) = toml::from_str::<toml::Table>(text) else {
        return Vec::new();
    };
    let (env, script) = name.split_once(':').unwrap_or(("default", name));
    let tool = doc.get("tool");
    let mut found: Vec<(String, &toml::Value)> = Vec::new();
    for (section, table) in [
        (
            "tool.poe.tasks",
            tool.and_then(|t| t.get("poe")).and_then(|p| p.get("tasks")),
        ),
        (
            "tool.pdm.scripts",
            tool.and_then(|t| t.get("pdm"))
                .and_then(|p| p.get("scripts")),
        ),
        (
            "tool.rye.scripts",
            tool.and_then(|t| t.get("rye"))
                .and_then(|p| p.get("scripts")),
        ),
    ] {
        if let Some(v) = table.and_then(|t| t.get(script)) {
            found.push((section.to_owned(), v));
        }
    }
    if let Some(envs) = tool
        .and_then(|t| t.get("hatch"))
        .and_then(|h| h.get("envs"))
        .and_then(|e| e.as_table())
    {
        for (env_name, body) in envs {
            if (env_name == env || !name.contains(':'))
                && body.get("scripts").and_then(|s| s.get(script)).is_some()
            {
                if let Some(v) = body.get("scripts").and_then(|s| s.get(script)) {
                    found.push((format!("tool.hatch.envs.{env_name}.scripts"), v));
                }
            }
        }
    }
    let line = text
        .lines()
        .position(|l| l.trim_start().starts_with(script) && l.contains('='))
        .map_or(1, |p| p as u32 + 1);
    let mut out = Vec::new();
    for (section, value) in found {
        let mut texts: Vec<String> = Vec::new();
        match value {
            toml::Value::String(s) => texts.push(s.clone()),
            toml::Value::Array(items) => {
                texts.extend(items.iter().filter_map(|i| i.as_str()).map(str::to_owned))
            }
            toml::Value::Table(t) => {
                for key in ["cmd", "shell", "script", "call", "sequence"] {
                    match t.get(key) {
                        Some(toml::Value::String(s)) => texts.push(s.clone()),
                        Some(toml::Value::Array(items)) => {
                            texts.extend(items.iter().filter_map(|i| i.as_str()).map(str::to_owned))
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        for t in texts {
            out.push(CiCommand {
                line,
                text: t,
                via: Some(format!("pyproject.toml [{section}] {script}")),
                name: false,
            });
        }
    }
    out
}

/// What a workflow does, from everything it runs.
pub fn classify(config: &mut CiConfig) {
    static KINDS: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
        [
            ("tests", r"(?i)\b(pytest|py\.test|tox|nox|unittest|coverage run|hatch test)\b|manage\.py\s+test\b|^(run |running )?(the |unit |all )?tests?( suite)?$"),
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
                .any(|l| re.is_match(l.trim()) && !is_install(l))
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

/// Lines that install tools rather than run them.
pub fn is_install(line: &str) -> bool {
    static INSTALL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(sudo\s+)?((python3?|py)\s+-m\s+)?(pip3?|uv\s+pip|pipx|uv\s+tool|conda|mamba|apt(-get)?|brew|npm|yarn)\s+(install|add)\b|^\s*(poetry|uv|pdm|pipenv)\s+(add|install|sync)\b")
            .expect("static regex")
    });
    INSTALL.is_match(line)
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
        assert_eq!(texts[0], (1, "CI"));
        assert_eq!(texts[1], (7, "actions/checkout@v4"));
        assert_eq!(texts[2].0, 8);
        assert_eq!(texts[3].0, 10);
        assert_eq!(c.triggers, ["push"]);
        assert_eq!(c.jobs, ["test"]);
    }

    #[test]
    fn matrix_versions_and_kinds() {
        let y = "on:\n  push:\n  pull_request:\njobs:\n  t:\n    strategy:\n      matrix:\n        python-version: ['3.11', '3.12']\n    steps:\n      - uses: actions/setup-python@v5\n        with:\n          python-version: ${{ matrix.python-version }}\n      - run: pip install pytest mypy\n      - run: mypy src\n";
        let mut c = parse(".github/workflows/t.yml", "github-actions", y).expect("parses");
        classify(&mut c);
        assert_eq!(c.triggers, ["push", "pull_request"]);
        assert_eq!(c.python_versions, ["3.11", "3.12"]);
        assert_eq!(
            c.kinds,
            ["type-check"],
            "installing pytest is not running it"
        );
    }

    #[test]
    fn make_tox_nox_and_pyproject_tasks_are_followed() {
        let mut files = std::collections::HashMap::new();
        files.insert(
            "Makefile",
            "ci: lint test\n\t@echo done\n\ntest:\n\tpython -m pytest tests\n",
        );
        files.insert("tox.ini", "[tox]\nenvlist = py\n[testenv]\ndeps = pytest\ncommands =\n    pytest {posargs}\n[testenv:lint]\ncommands = ruff check .\n");
        files.insert("noxfile.py", "import nox\n@nox.session\ndef tests(session):\n    session.install('.')\n    session.run('pytest', '-q')\n");
        files.insert("pyproject.toml", "[tool.poe.tasks]\ntest = \"pytest -x\"\n[tool.hatch.envs.dev.scripts]\ncov = [\"coverage run -m pytest\"]\n");
        let mut read = |p: &str| files.get(p).map(|s| s.to_string());
        let make = expand("make ci", &mut read);
        assert_eq!(
            make.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(),
            ["make lint", "make test", "echo done"]
        );
        let deeper = expand("make test", &mut read);
        assert_eq!(deeper[0].text, "python -m pytest tests");
        assert_eq!(deeper[0].via.as_deref(), Some("Makefile (make test)"));
        assert_eq!(expand("tox -e lint", &mut read)[0].text, "ruff check .");
        assert_eq!(expand("tox", &mut read)[0].text, "pytest {posargs}");
        assert_eq!(expand("nox -s tests", &mut read)[0].text, "pytest -q");
        assert_eq!(
            expand("poetry run poe test", &mut read).len(),
            0,
            "poetry runs poe, which is not a task name"
        );
        assert_eq!(expand("poe test", &mut read)[0].text, "pytest -x");
        assert_eq!(
            expand("hatch run dev:cov", &mut read)[0].text,
            "coverage run -m pytest"
        );
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
        let exists = |p: &str| (p == "scripts/lint" || p == "ci/test.sh").then(|| p.to_owned());
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
