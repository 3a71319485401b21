//! What should never have been committed: virtualenvs, caches, build output,
//! OS litter, real `.env` files and private keys. Junk is reported by its
//! top-most directory, so a committed venv is one finding, not 5,000.

use regex::Regex;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum JunkCategory {
    Virtualenv,
    Bytecode,
    NotebookCheckpoints,
    OsFiles,
    BuildOutput,
    ToolCaches,
    EnvFile,
    PrivateKey,
    /// A credential: a known token format, a secret-looking `.env` value, a
    /// hard-coded password or key.
    Secret,
    /// A credential-looking literal in tests, fixtures or docs examples.
    FixtureSecret,
    /// A development credential: a key its framework marks insecure, a
    /// settings default the production settings override from the
    /// environment, a stock password of a local database container.
    DevSecret,
    /// Logs and experiment output: *.log, mlruns/, catboost_info/...
    RunArtifacts,
}

impl JunkCategory {
    pub const ALL: [JunkCategory; 12] = [
        JunkCategory::Virtualenv,
        JunkCategory::Bytecode,
        JunkCategory::NotebookCheckpoints,
        JunkCategory::OsFiles,
        JunkCategory::BuildOutput,
        JunkCategory::ToolCaches,
        JunkCategory::EnvFile,
        JunkCategory::PrivateKey,
        JunkCategory::Secret,
        JunkCategory::FixtureSecret,
        JunkCategory::DevSecret,
        JunkCategory::RunArtifacts,
    ];

    pub fn name(self) -> &'static str {
        match self {
            JunkCategory::Virtualenv => "virtualenv",
            JunkCategory::Bytecode => "bytecode",
            JunkCategory::NotebookCheckpoints => "notebook-checkpoints",
            JunkCategory::OsFiles => "os-files",
            JunkCategory::BuildOutput => "build-output",
            JunkCategory::ToolCaches => "tool-caches",
            JunkCategory::EnvFile => "env-file",
            JunkCategory::PrivateKey => "private-key",
            JunkCategory::Secret => "secret",
            JunkCategory::FixtureSecret => "fixture-secret",
            JunkCategory::DevSecret => "dev-secret",
            JunkCategory::RunArtifacts => "run-artifacts",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.name() == name)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct JunkItem {
    pub category: JunkCategory,
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct HygieneFacts {
    pub junk: BTreeSet<JunkItem>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gitignore: Option<String>,
    /// (path, text) of the root .gitignore and those of projects in
    /// subfolders, root first.
    #[serde(skip_serializing_if = "crate::cache::in_output", default)]
    pub gitignores: Vec<(String, String)>,
}

/// Paths under these folders are test data; their secrets are not the app's.
pub fn is_fixture_path(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    if name.starts_with("test_")
        || name.ends_with("_test.py")
        || name == "conftest.py"
        || name == "tests.py"
        || name == "test.py"
        // Test-data factories (factory_boy, Faker builders).
        || name == "factories.py"
        || name.ends_with("_factories.py")
        // A configuration file kept as an example to copy
        // (`api_keys.example.json`, `settings.sample.yaml`).
        || [".example.", ".sample.", ".template."]
            .iter()
            .any(|m| name.to_ascii_lowercase().contains(m))
    {
        return true;
    }
    super::vocabulary::is_fixture_tree(path)
        || path.split('/').rev().skip(1).any(|d| {
            matches!(
                d,
                "tests"
                    | "test"
                    | "fixtures"
                    | "testdata"
                    | "test_data"
                    | "examples"
                    | "example"
                    | "docs"
                    | "doc"
                    | "docs_src"
                    | "tutorial"
                    | "tutorials"
                    | "test-environments"
                    | "test_environments"
                    | "test-environment"
            ) || is_named_test_suite_dir(d)
        })
}

/// A folder named for a kind of test suite: `integration_tests`,
/// `e2e-tests`, `integ_tests`, `acceptance_test`.
fn is_named_test_suite_dir(dir: &str) -> bool {
    let d = dir.to_ascii_lowercase();
    ["_tests", "-tests", "_test", "-test"].iter().any(|s| {
        d.strip_suffix(s)
            .is_some_and(|kind| !kind.is_empty() && kind.chars().all(|c| c.is_ascii_alphanumeric()))
    })
}

const CACHE_DIRS: &[&str] = &[
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
    ".tox",
    ".nox",
    "htmlcov",
    ".hypothesis",
    ".pytype",
    ".pyre",
];
const OS_FILES: &[&str] = &[".DS_Store", "Thumbs.db", "desktop.ini", "._.DS_Store"];

/// A canonical 8-4-4-4-12 hexadecimal UUID.
fn is_uuid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The `__pycache__/` folder (or the lone `.pyc`) a path is bytecode in.
pub fn bytecode_of(path: &str) -> Option<String> {
    let parts: Vec<&str> = path.split('/').collect();
    if let Some(i) = parts.iter().position(|p| *p == "__pycache__") {
        return Some(parts[..=i].join("/") + "/");
    }
    (path.ends_with(".pyc") || path.ends_with(".pyo")).then(|| path.to_owned())
}

/// Classifies a path by name alone. Returns the category and the path to
/// report (the junk's top directory where there is one).
pub fn junk_of(path: &str) -> Option<(JunkCategory, String)> {
    let parts: Vec<&str> = path.split('/').collect();
    let name = *parts.last()?;
    let upto = |i: usize| parts[..=i].join("/") + "/";

    // A virtualenv: the folder holding pyvenv.cfg, or above lib/site-packages.
    if name == "pyvenv.cfg" {
        return Some((
            JunkCategory::Virtualenv,
            parts[..parts.len() - 1].join("/") + "/",
        ));
    }
    if let Some(i) = parts.iter().position(|p| *p == "site-packages") {
        let lib = parts[..i]
            .iter()
            .rposition(|p| p.eq_ignore_ascii_case("lib"))
            .unwrap_or(i);
        let root = if lib == 0 { upto(i) } else { upto(lib - 1) };
        return Some((JunkCategory::Virtualenv, root));
    }
    if parts.len() >= 3 && parts[parts.len() - 2] == "bin" && name.starts_with("activate") {
        return Some((JunkCategory::Virtualenv, upto(parts.len() - 3)));
    }
    if let Some(at) = bytecode_of(path) {
        return Some((JunkCategory::Bytecode, at));
    }
    if let Some(i) = parts.iter().position(|p| *p == ".ipynb_checkpoints") {
        return Some((JunkCategory::NotebookCheckpoints, upto(i)));
    }
    if OS_FILES.contains(&name) {
        return Some((JunkCategory::OsFiles, path.to_owned()));
    }
    if let Some(i) = parts.iter().position(|p| CACHE_DIRS.contains(p)) {
        return Some((JunkCategory::ToolCaches, upto(i)));
    }
    // Experiment trackers' output, and Flask-Session's filesystem store
    // (one pickled session per file, written while the app runs).
    const RUN_DIRS: &[&str] = &[
        "mlruns",
        "catboost_info",
        "wandb",
        "lightning_logs",
        "flask_session",
    ];
    if let Some(i) = parts[..parts.len() - 1]
        .iter()
        .position(|p| RUN_DIRS.contains(p))
    {
        // A logs/ folder of source code (a logging package) is not output.
        if !name.ends_with(".py") {
            return Some((JunkCategory::RunArtifacts, upto(i)));
        }
    }
    // ansible-runner keeps each run under artifacts/<run uuid>/ (its
    // events, stdout, return code and the environment it ran in).
    if let Some(i) = parts
        .windows(2)
        .position(|w| w[0] == "artifacts" && is_uuid(w[1]))
    {
        if parts.len() > i + 2 {
            return Some((JunkCategory::RunArtifacts, upto(i + 1)));
        }
    }
    // Logs kept as input data (a log analyser's sample datasets, a
    // parser's test fixtures) are the project's data, not its output.
    const DATA_DIRS: &[&str] = &[
        "data",
        "datasets",
        "dataset",
        "sample_data",
        "raw-data",
        "raw_data",
        "samples",
        "sample_logs",
        "examples",
    ];
    let kept_as_data = super::vocabulary::is_fixture_tree(path)
        || parts[..parts.len() - 1]
            .iter()
            .any(|p| DATA_DIRS.contains(&p.to_ascii_lowercase().as_str()));
    if (name.ends_with(".log") && !kept_as_data) || name == "nohup.out" {
        return Some((JunkCategory::RunArtifacts, path.to_owned()));
    }
    // requests-cache's SQLite store (`cache_name=".cache"` gives
    // `.cache.sqlite`; the default is `http_cache.sqlite`).
    if name.ends_with(".cache.sqlite") || name.starts_with("http_cache.sqlite") {
        return Some((JunkCategory::ToolCaches, path.to_owned()));
    }
    if name == ".coverage" || name.starts_with(".coverage.") {
        return Some((JunkCategory::ToolCaches, path.to_owned()));
    }
    // An office suite's lock file, left while a document was open:
    // Microsoft Office's `~$report.xlsx`, LibreOffice's `.~lock.report.xlsx#`.
    if name.starts_with("~$") || (name.starts_with(".~lock.") && name.ends_with('#')) {
        return Some((JunkCategory::ToolCaches, path.to_owned()));
    }
    if let Some(i) = parts.iter().position(|p| p.ends_with(".egg-info")) {
        return Some((JunkCategory::BuildOutput, upto(i)));
    }
    // Only the top-level build/ and dist/ of a Python build are output; a
    // `build/` folder deeper down is often real source (build scripts).
    if parts.len() >= 2
        && parts[0] == "dist"
        && (name.ends_with(".whl") || name.ends_with(".tar.gz") || name.ends_with(".egg"))
    {
        return Some((JunkCategory::BuildOutput, "dist/".to_owned()));
    }
    if parts.len() >= 3
        && parts[0] == "build"
        && (parts[1].starts_with("lib") || parts[1].starts_with("bdist"))
    {
        return Some((JunkCategory::BuildOutput, "build/".to_owned()));
    }
    // PyInstaller: the frozen program in dist/, its work files in build/.
    let lower = name.to_ascii_lowercase();
    if parts.len() >= 2
        && parts[0] == "dist"
        && [".exe", ".dll", ".pyd", ".dmg", ".msi"]
            .iter()
            .any(|e| lower.ends_with(e))
    {
        return Some((JunkCategory::BuildOutput, "dist/".to_owned()));
    }
    if parts.len() >= 3
        && parts[0] == "build"
        && (lower.ends_with(".toc")
            || lower.ends_with(".pyz")
            || lower == "base_library.zip"
            || (lower.starts_with("warn-") && lower.ends_with(".txt"))
            || (lower.starts_with("xref-") && lower.ends_with(".html")))
    {
        return Some((JunkCategory::BuildOutput, "build/".to_owned()));
    }
    None
}

/// A `.env` file that holds configuration values (not an example of one).
pub fn is_env_file_name(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    // `.env`, `.env.test`, `.env-docker`, `.env_local`, `dbt.env`, and
    // direnv's `.envrc` (its `export KEY=value` lines are the same local
    // settings; one holding only `layout python` sets no value): not
    // `.environment`.
    // cookiecutter-django keeps one file per service under `.envs/`
    // (`.envs/.local/.django`, `.envs/.production/.postgres`).
    let under_envs = path.split('/').rev().skip(1).any(|d| d == ".envs");
    let env_like = name == ".env"
        || name == ".envrc"
        || [".env.", ".env-", ".env_"]
            .iter()
            .any(|p| name.starts_with(p))
        || name.ends_with(".env")
        || under_envs;
    if !env_like {
        return false;
    }
    let example = [
        "example", "sample", "template", "dist", "tmpl", "defaults", "schema",
    ];
    !example.iter().any(|e| name.contains(e))
}

pub const PLACEHOLDERS: &[&str] = &[
    "changethis",
    "change_this",
    "secret-key-here",
    "insert",
    "changeme",
    "change-me",
    "change_me",
    "change-this",
    // `this-really-needs-to-be-changed`, `must_be_changed_in_prod`
    "be-changed",
    "be_changed",
    "your",
    "xxx",
    "todo",
    "replace",
    "example",
    "placeholder",
    "<",
    "${",
    "...",
    "none",
    "null",
    "secret-here",
    "dummy",
    "fake",
    "development",
    "not-a-secret",
    "notsecret",
    "mock",
    "undefined",
    // `"API_KEY": "REDACTED"`: the author took the value out.
    "redacted",
];

/// Lines of a `.env` file that set a real-looking value: (line, key).
pub fn env_values(text: &str) -> Vec<(u32, String)> {
    env_pairs(text)
        .into_iter()
        .filter(|(_, key, value)| is_setting(key, value))
        .map(|(line, key, _)| (line, key))
        .collect()
}

/// Whether an env line sets something a machine or a person owns: not a
/// switch (`SUPER_ADMIN=0`, `DEBUG=true`), and not a front-end build
/// variable, which bundlers publish in the shipped JavaScript by design
/// (`VITE_API_URL`, `REACT_APP_`, `NEXT_PUBLIC_`), nor `NODE_ENV`, nor
/// the `PYTHONPATH` an editor's `.env` sets so imports resolve (VS Code
/// reads `.env` for it).
fn is_setting(key: &str, value: &str) -> bool {
    const PUBLIC_PREFIXES: &[&str] = &[
        "VITE_",
        "REACT_APP_",
        "NEXT_PUBLIC_",
        "NUXT_PUBLIC_",
        "EXPO_PUBLIC_",
        "VUE_APP_",
        "GATSBY_",
    ];
    let switch = ["0", "1", "true", "false", "yes", "no", "on", "off"]
        .contains(&value.to_ascii_lowercase().as_str());
    let public = key == "NODE_ENV"
        || key == "PYTHONPATH"
        || PUBLIC_PREFIXES.iter().any(|p| key.starts_with(p));
    !switch && !public
}

/// The `os.environ` values a Python env script sets, as [`env_values`]
/// gives them for a `.env` file: Code Institute's `env.py`, imported by
/// settings.py so that local runs find their keys, is a `.env` file in
/// Python clothes.
pub fn python_env_values(text: &str) -> Vec<(u32, String)> {
    static ASSIGN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r#"^\s*os\.environ(?:\[\s*["']([A-Za-z_][A-Za-z0-9_]*)["']\s*\]\s*=|\.setdefault\(\s*["']([A-Za-z_][A-Za-z0-9_]*)["']\s*,)\s*["']([^"']*)["']"#,
        )
        .expect("static regex")
    });
    let mut lines = String::new();
    // One line out for each line in, so line numbers hold.
    for line in text.lines() {
        if let Some(c) = ASSIGN.captures(line) {
            let key = c.get(1).or_else(|| c.get(2)).map_or("", |m| m.as_str());
            lines.push_str(&format!("{key}={}\n", &c[3]));
        } else {
            lines.push_str("#\n");
        }
    }
    env_values(&lines)
}

/// Like [`env_values`], with each value (quotes taken off).
pub fn env_pairs(text: &str) -> Vec<(u32, String, String)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if t.starts_with('#') {
            continue;
        }
        let t = t.strip_prefix("export ").unwrap_or(t);
        let Some((key, value)) = t.split_once('=') else {
            continue;
        };
        let key = key.trim();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        let value = value.trim().trim_matches(['"', '\'']);
        let lower = value.to_ascii_lowercase();
        if value.is_empty() || PLACEHOLDERS.iter().any(|p| lower.contains(p)) {
            continue;
        }
        out.push((i as u32 + 1, key.to_owned(), value.to_owned()));
    }
    out
}

/// `key: value` and `key = value` lines of a configuration file (YAML,
/// INI, TOML), quotes taken off: enough to see which host and user a
/// password is set beside.
pub fn config_pairs(text: &str) -> Vec<(u32, String, String)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let t = line.trim().trim_start_matches("- ");
        if t.starts_with(['#', ';']) {
            continue;
        }
        let Some((key, value)) = t
            .split_once(": ")
            .or_else(|| t.split_once(" = "))
            .or_else(|| t.split_once('='))
        else {
            continue;
        };
        let key = key.trim().trim_matches(['"', '\'']);
        if key.is_empty()
            || !key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            continue;
        }
        let value = value
            .trim()
            .trim_end_matches(',')
            .trim()
            .trim_matches(['"', '\'']);
        out.push((i as u32 + 1, key.to_owned(), value.to_owned()));
    }
    out
}

/// File names that are worth opening to look for a key.
pub fn may_hold_key(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    let exts = [
        ".pem", ".key", ".ppk", ".txt", ".py", ".json", ".yml", ".yaml", ".cfg", ".ini", ".toml",
        ".conf", ".sh", ".env",
    ];
    name.starts_with("id_rsa")
        || name.starts_with("id_dsa")
        || name.starts_with("id_ecdsa")
        || name.starts_with("id_ed25519")
        || exts.iter().any(|e| name.ends_with(e))
        // Terraform state stores every output and resource attribute
        // (generated private keys, database passwords) in plain JSON, in
        // `.tfstate`, `.tfstate.backup` and hand-made copies
        // (`.tfstate.old`). Provider blocks in `.tf` files may hard-code a
        // login. Variables files (`.tfvars`) are left out: they are usually
        // copies of a committed example with made-up values.
        || name.contains(".tfstate")
        || name.ends_with(".tf")
        || is_env_file_name(path)
        // An example env file lists what to set; a generated credential
        // pasted into one (a Gmail app password, a provider key) is live.
        || is_env_example(path)
        // Tool settings without an extension that keep a login: DVC's
        // remote settings, pip's and npm's index logins, netrc, git's
        // credential store; and OpenVPN profiles, which embed the
        // client's private key.
        || path.ends_with(".dvc/config")
        || path.ends_with(".dvc/config.local")
        || matches!(name.as_str(), ".pypirc" | ".netrc" | ".npmrc" | ".git-credentials")
        || name.ends_with(".ovpn")
}

/// An env file for the test run (`.env.test`, `.env.testing`, `.env.ci`,
/// `test.env`): its values are the suite's fixtures.
pub fn is_test_env_file(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    is_env_file_name(path)
        && name
            .split(['.', '-', '_'])
            .any(|w| matches!(w, "test" | "tests" | "testing" | "ci"))
}

/// Example env files: the documented way to list the variables to set.
pub fn is_env_example(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    (name.contains(".env") || name.starts_with("env.") || name.ends_with(".env"))
        && ["example", "sample", "template", "dist", "tmpl"]
            .iter()
            .any(|k| name.contains(k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn junk_roots() {
        assert_eq!(
            junk_of("venv/pyvenv.cfg"),
            Some((JunkCategory::Virtualenv, "venv/".into()))
        );
        assert_eq!(
            junk_of("env/lib/python3.11/site-packages/flask/app.py"),
            Some((JunkCategory::Virtualenv, "env/".into()))
        );
        assert_eq!(
            junk_of("app/__pycache__/x.cpython-311.pyc"),
            Some((JunkCategory::Bytecode, "app/__pycache__/".into()))
        );
        assert_eq!(junk_of("src/build/helpers.py"), None);
        assert_eq!(
            junk_of("pkg.egg-info/PKG-INFO"),
            Some((JunkCategory::BuildOutput, "pkg.egg-info/".into()))
        );
        assert_eq!(junk_of("app/main.py"), None);
        // PyInstaller's frozen program and its work files.
        assert_eq!(
            junk_of("dist/Parser_main.exe"),
            Some((JunkCategory::BuildOutput, "dist/".into()))
        );
        assert_eq!(
            junk_of("build/Parser_main/base_library.zip"),
            Some((JunkCategory::BuildOutput, "build/".into()))
        );
        assert_eq!(junk_of("build/scripts/release.py"), None);
        assert_eq!(
            junk_of("analysis/.cache.sqlite"),
            Some((JunkCategory::ToolCaches, "analysis/.cache.sqlite".into()))
        );
        assert_eq!(junk_of("data/sales.sqlite"), None);
        // Runtime state: Flask-Session's store and ansible-runner's runs.
        assert_eq!(
            junk_of("web/flask_session/2029240f6d1128be89ddc32729463129"),
            Some((JunkCategory::RunArtifacts, "web/flask_session/".into()))
        );
        assert_eq!(
            junk_of("play/artifacts/ac3437d9-ec9b-4b4d-bb45-e2fd2633d18e/job_events/1.json"),
            Some((
                JunkCategory::RunArtifacts,
                "play/artifacts/ac3437d9-ec9b-4b4d-bb45-e2fd2633d18e/".into()
            ))
        );
        assert_eq!(junk_of("artifacts/model-card.md"), None);
        // A log kept as input data is the project's data; one beside the
        // code is what a run wrote.
        assert_eq!(junk_of("datasets/Apache.log"), None);
        assert_eq!(junk_of("tests/fixtures/sample.log"), None);
        assert_eq!(
            junk_of("app/server.log"),
            Some((JunkCategory::RunArtifacts, "app/server.log".into()))
        );
        assert_eq!(
            junk_of("data/~$income.xlsx"),
            Some((JunkCategory::ToolCaches, "data/~$income.xlsx".into()))
        );
        assert_eq!(
            junk_of(".~lock.budget.ods#"),
            Some((JunkCategory::ToolCaches, ".~lock.budget.ods#".into()))
        );
        assert_eq!(junk_of("data/income.xlsx"), None);
        assert_eq!(junk_of("app/flask_session.py"), None);
    }

    #[test]
    fn terraform_state_is_read_for_keys_and_its_private_keys_are_found() {
        assert!(may_hold_key("terraform/terraform.tfstate"));
        assert!(may_hold_key("terraform/terraform.tfstate.old"));
        assert!(!may_hold_key("terraform/terraform.tfvars"));
        assert!(may_hold_key("tf/provider.tf"));
        assert!(may_hold_key(".dvc/config"));
        assert!(may_hold_key("vpn/office-client.ovpn"));
        assert!(may_hold_key(".pypirc"));
        assert!(!may_hold_key("app/config"));
        let state = "{\n  \"outputs\": {\n    \"ssh_key\": {\n      \"value\": \"-----BEGIN RSA PRIVATE KEY-----\\nMIIJKQIBAAKCAgEAwDk+MSBpBgN3\\n-----END RSA PRIVATE KEY-----\\n\"\n    }\n  }\n}\n";
        let found = crate::facts::secrets::find_secrets("terraform/terraform.tfstate.old", state);
        assert_eq!(found, vec![(4, "private key".to_owned())], "{state}");
    }

    #[test]
    fn folders_named_for_a_test_suite_hold_fixtures() {
        for yes in [
            "integ_tests/common.py",
            "integration_tests/login.py",
            "e2e-tests/pages/login.py",
            "src/acceptance_test/steps.py",
        ] {
            assert!(is_fixture_path(yes), "{yes}");
        }
        for no in [
            "_tests/x.py",
            "app/latest/x.py",
            "my.app_tests.py",
            "attest/x.py",
        ] {
            assert!(!is_fixture_path(no), "{no}");
        }
    }

    #[test]
    fn env_files_and_values() {
        assert!(is_env_file_name(".env"));
        assert!(is_env_file_name("config/.env.production"));
        assert!(!is_env_file_name(".env.example"));
        assert!(!is_env_file_name("environment.yml"));
        for env in [
            ".env-docker",
            ".env.test",
            "dbt.env",
            "config/.env",
            ".envrc",
            ".env_local",
            ".envs/.local/.django",
            "deploy/.envs/.production/.postgres",
        ] {
            assert!(is_env_file_name(env), "{env}");
        }
        for not_env in [
            ".env.sample",
            ".env.template",
            ".environment",
            "docker/.env-example",
            ".envs/.local/.django.example",
            ".envs",
        ] {
            assert!(!is_env_file_name(not_env), "{not_env}");
        }
        let vals = env_values("# c\nDEBUG=\nAPI_KEY=sk-live-123\nDB_URL=your-database-url\n");
        assert_eq!(vals, vec![(3, "API_KEY".to_owned())]);
        // Switches and a front end's public build variables set nothing
        // anyone owns.
        let public = "TELEGRAM_TOKEN=\nSUPER_ADMIN=0\nVITE_API_URL=http://localhost:3000/api\nNODE_ENV=development\nDEBUG=true\nPYTHONPATH=src\n";
        assert!(env_values(public).is_empty(), "{:?}", env_values(public));
        assert_eq!(
            env_values("DB_NAME=shop\n"),
            vec![(1, "DB_NAME".to_owned())]
        );
    }

    #[test]
    fn an_env_script_of_environ_assignments_sets_values() {
        let script = "import os\n\nos.environ['SECRET_KEY'] = 'a!3xei2o8(*crbiih'\nos.environ[\"DEBUG\"] = '1'\nos.environ.setdefault(\"DATABASE_URL\", \"postgres://u:p@db.neon.tech/x\")\n";
        assert_eq!(
            python_env_values(script),
            vec![(3, "SECRET_KEY".to_owned()), (5, "DATABASE_URL".to_owned())]
        );
        // Alembic's env.py reads the environment; it sets nothing.
        let alembic = "import os\nurl = os.environ['DATABASE_URL']\nconfig.set_main_option('sqlalchemy.url', url)\n";
        assert!(python_env_values(alembic).is_empty());
    }
}
