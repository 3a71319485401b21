//! Dependency manifests: what is declared, where, whether it is pinned, and
//! whether development tools are kept apart from runtime dependencies.
//! Nothing here runs setup.py; it is read as text.

use crate::error::{AuditError, LineIndex, line_of};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DepGroup {
    Runtime,
    Dev,
    Optional,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Dependency {
    pub name: String,
    pub spec: String,
    pub pinned: bool,
    pub group: DepGroup,
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

impl Dependency {
    /// Something the project needs to run: not a dev or test requirement,
    /// and not declared by a manifest of a test, example or fixture folder.
    pub fn is_runtime_need(&self) -> bool {
        self.group != DepGroup::Dev && !super::vocabulary::is_harness_path(&self.file)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub path: String,
    #[serde(deserialize_with = "crate::cache::static_str")]
    pub kind: crate::cache::VocabName,
    pub dependencies: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Located {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    pub value: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ManifestFacts {
    pub manifests: Vec<Manifest>,
    pub dependencies: Vec<Dependency>,
    pub lock_files: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub python_version: Option<Located>,
    /// Where development dependencies are kept apart (a dev group, a
    /// requirements-dev file...).
    pub dev_groups: Vec<Located>,
    /// Configuration sections found in manifests, e.g. `tool.pytest.ini_options`.
    pub tool_sections: Vec<Located>,
}

pub use super::vocabulary::DEV_TOOLS;

pub fn is_lock_file(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    matches!(
        name,
        "poetry.lock"
            | "uv.lock"
            | "pdm.lock"
            | "Pipfile.lock"
            | "pylock.toml"
            | "conda-lock.yml"
            | "requirements.lock"
    ) || (name.starts_with("pylock.") && name.ends_with(".toml"))
}

/// Which manifest a path is, by name alone.
pub fn manifest_kind(path: &str) -> Option<&'static str> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let in_requirements_dir = path.contains("requirements/");
    match name {
        "pyproject.toml" => Some("pyproject"),
        "setup.cfg" => Some("setup.cfg"),
        "setup.py" => Some("setup.py"),
        "Pipfile" => Some("pipfile"),
        // pip reads any file name after `-r`; a `pip freeze > requirements`
        // without the extension is still the project's list.
        "requirements" | "requirements.pip" => Some("requirements"),
        // Short and singular spellings beginners use (`pip install -r
        // req.txt`).
        "req.txt" | "reqs.txt" => Some("requirements"),
        "environment.yml" | "environment.yaml" | "conda.yml" | "conda.yaml" => Some("conda"),
        _ if name.ends_with(".txt")
            && (name.starts_with("requirement")
                || name.ends_with("requirements.txt")
                || in_requirements_dir) =>
        {
            Some("requirements")
        }
        _ if name.ends_with(".in") && (name.starts_with("requirements") || in_requirements_dir) => {
            Some("requirements")
        }
        _ => None,
    }
}

/// Whether a requirements file or extra is for development: judged by the
/// words of its name, so `docker` is not `doc` and `circle` is not `ci`.
fn is_dev_requirements_name(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    let name = lower.rsplit('/').next().unwrap_or(&lower);
    let dir_is_requirements = lower.contains("requirements/");
    name.split(['-', '_', '.']).any(|w| {
        matches!(
            w,
            "dev"
                | "develop"
                | "development"
                | "test"
                | "tests"
                | "testing"
                | "lint"
                | "linting"
                | "doc"
                | "docs"
                | "ci"
                | "typing"
                | "types"
                | "style"
                | "qa"
                | "check"
                | "tox"
        )
    }) && (dir_is_requirements || name.contains("req") || !name.ends_with(".txt"))
}

static REQ_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(.*)$").expect("static regex")
});

/// Parses one PEP 508 requirement string (or a requirements.txt line).
pub fn parse_requirement(raw: &str) -> Option<(String, String, bool)> {
    let line = raw.split(" #").next().unwrap_or(raw).trim();
    if line.is_empty()
        || line.starts_with('#')
        || line.starts_with('-')
        || line.contains("://") && !line.contains('@')
    {
        return None;
    }
    let caps = REQ_NAME.captures(line)?;
    let name = caps[1].to_ascii_lowercase().replace('_', "-");
    let rest = caps.get(3).map_or("", |m| m.as_str());
    let spec = rest.split(';').next().unwrap_or("").trim().to_owned();
    let pinned = is_pinned(&spec);
    Some((name, spec, pinned))
}

fn is_pinned(spec: &str) -> bool {
    let spec = spec.trim();
    if spec.starts_with("===") {
        return true;
    }
    if let Some(v) = spec.strip_prefix("==") {
        return !v.contains('*') && !v.contains(',');
    }
    // A direct reference to a commit is reproducible too.
    spec.starts_with('@')
        && Regex::new(r"@[0-9a-f]{40}")
            .map(|r| r.is_match(spec))
            .unwrap_or(false)
}

/// The version of a Poetry or Pipfile entry: `"1.2"` or `{ version = "1.2" }`.
fn spec_version(spec: &toml::Value) -> String {
    spec.as_str()
        .or_else(|| spec.get("version").and_then(|v| v.as_str()))
        .unwrap_or_default()
        .to_owned()
}

/// Poetry's bare "1.2.3" means exactly that version.
fn is_poetry_pinned(spec: &str) -> bool {
    let s = spec.trim();
    !s.is_empty() && s.chars().next().is_some_and(|c| c.is_ascii_digit()) && !s.contains('*')
        || is_pinned(s)
}

/// Line numbers for evidence, found in time linear in the file: one line
/// index, values found by a cursor that only moves forward (array items come
/// in text order), and a bounded number of whole-text key searches. A
/// pyproject with 60,000 dependencies must not cost 60,000 scans from the top.
struct KeyLines<'t> {
    text: &'t str,
    index: LineIndex,
    cursor: usize,
    searches_left: usize,
}

/// Whole-text key searches per manifest; keys past this get no line.
const MAX_KEY_SEARCHES: usize = 256;

impl<'t> KeyLines<'t> {
    fn new(text: &'t str) -> Self {
        KeyLines {
            text,
            index: LineIndex::new(text),
            cursor: 0,
            searches_left: MAX_KEY_SEARCHES,
        }
    }

    /// Line of the first occurrence of `needle`.
    fn key(&mut self, needle: &str) -> Option<u32> {
        self.key_after("", needle)
    }

    /// Line of the first occurrence of `needle` after the first occurrence
    /// of `anchor` (from the start when `anchor` is empty or absent), so a
    /// key that several tables share (`dev-dependencies` under poetry, pdm
    /// and uv) gets the line of the table it was read from.
    fn key_after(&mut self, anchor: &str, needle: &str) -> Option<u32> {
        if self.searches_left == 0 {
            return None;
        }
        self.searches_left -= 1;
        let from = if anchor.is_empty() {
            0
        } else {
            self.text.find(anchor).unwrap_or(0)
        };
        let at = from + self.text.get(from..)?.find(needle)?;
        Some(self.index.line(at))
    }

    /// Line of the next quoted occurrence of `value` (`"value"` or
    /// `'value'`) after the last value found. Scans only forward, so the
    /// whole array costs one pass; a miss ends the search and later values
    /// get no line rather than a rescan of the rest of the file each.
    fn next_quoted(&mut self, value: &str) -> Option<u32> {
        if value.is_empty() {
            return None;
        }
        let bytes = self.text.as_bytes();
        while let Some(i) = self.text.get(self.cursor..)?.find(value) {
            let at = self.cursor + i;
            let end = at + value.len();
            self.cursor = end;
            let quote = at.checked_sub(1).and_then(|q| bytes.get(q));
            if matches!(quote, Some(b'"' | b'\'')) && bytes.get(end) == quote {
                return Some(self.index.line(at));
            }
        }
        self.cursor = self.text.len() + 1;
        None
    }
}

pub struct ManifestReader<'a> {
    pub facts: &'a mut ManifestFacts,
    pub errors: &'a mut Vec<AuditError>,
}

impl ManifestReader<'_> {
    pub fn read(&mut self, path: &str, kind: &'static str, text: &str) {
        let before = self.facts.dependencies.len();
        match kind {
            "pyproject" => self.pyproject(path, text),
            "setup.cfg" => self.setup_cfg(path, text),
            "setup.py" => self.setup_py(path, text),
            "pipfile" => self.pipfile(path, text),
            "conda" => self.conda(path, text),
            _ => self.requirements(path, text),
        }
        let count = self.facts.dependencies.len() - before;
        self.facts.manifests.push(Manifest {
            path: path.to_owned(),
            kind,
            dependencies: count,
        });
    }

    /// Every PEP 508 string in a TOML array.
    fn push_requirements(&mut self, list: &toml::Value, group: DepGroup, path: &str) {
        for dep in list.as_array().into_iter().flatten() {
            if let Some((name, spec, pinned)) = dep.as_str().and_then(parse_requirement) {
                self.push(name, spec, pinned, group, path, None);
            }
        }
    }

    fn push(
        &mut self,
        name: String,
        spec: String,
        pinned: bool,
        group: DepGroup,
        file: &str,
        line: Option<u32>,
    ) {
        self.facts.dependencies.push(Dependency {
            name,
            spec,
            pinned,
            group,
            file: file.to_owned(),
            line,
        });
    }

    fn python_version(&mut self, path: &str, line: Option<u32>, value: &str) {
        if self.facts.python_version.is_none() {
            self.facts.python_version = Some(Located {
                path: path.to_owned(),
                line,
                value: value.trim().to_owned(),
            });
        }
    }

    fn dev_group(&mut self, path: &str, line: Option<u32>, value: impl Into<String>) {
        self.facts.dev_groups.push(Located {
            path: path.to_owned(),
            line,
            value: value.into(),
        });
    }

    fn requirements(&mut self, path: &str, text: &str) {
        let group = if is_dev_requirements_name(path) {
            self.dev_group(path, None, "separate requirements file");
            DepGroup::Dev
        } else {
            DepGroup::Runtime
        };
        let hashed = text.contains("--hash=");
        if hashed && !self.facts.lock_files.iter().any(|l| l == path) {
            self.facts.lock_files.push(path.to_owned());
        }
        for (i, line) in text.lines().enumerate() {
            if let Some((name, spec, pinned)) = parse_requirement(line) {
                self.push(
                    name,
                    spec,
                    pinned || hashed,
                    group,
                    path,
                    Some(i as u32 + 1),
                );
            }
        }
    }

    fn pyproject(&mut self, path: &str, text: &str) {
        let doc: toml::Table = match toml::from_str(text) {
            Ok(doc) => doc,
            Err(e) => {
                let at = e
                    .span()
                    .map(|s| format!(":{}", line_of(text, s.start)))
                    .unwrap_or_default();
                self.errors.push(AuditError::at(
                    format!("{path}{at}"),
                    format!("malformed pyproject.toml: {}", e.message()),
                ));
                return;
            }
        };
        let mut lines = KeyLines::new(text);
        if let Some(project) = doc.get("project").and_then(|v| v.as_table()) {
            if let Some(rp) = project.get("requires-python").and_then(|v| v.as_str()) {
                self.python_version(path, lines.key("requires-python"), rp);
            }
            let mut values = KeyLines::new(text);
            if let Some(start) = text.find("dependencies") {
                values.cursor = start;
            }
            for dep in project
                .get("dependencies")
                .and_then(|v| v.as_array())
                .into_iter()
                .flatten()
            {
                if let Some((name, spec, pinned)) = dep.as_str().and_then(parse_requirement) {
                    // Quoted, so `rich` is not found inside `rich-click-tool`.
                    let line = dep.as_str().and_then(|d| values.next_quoted(d));
                    self.push(name, spec, pinned, DepGroup::Runtime, path, line);
                }
            }
            if let Some(extras) = project
                .get("optional-dependencies")
                .and_then(|v| v.as_table())
            {
                for (extra, deps) in extras {
                    let is_dev = is_dev_requirements_name(extra);
                    if is_dev {
                        self.dev_group(
                            path,
                            lines.key("optional-dependencies"),
                            format!("project.optional-dependencies.{extra}"),
                        );
                    }
                    for dep in deps.as_array().into_iter().flatten() {
                        if let Some((name, spec, pinned)) = dep.as_str().and_then(parse_requirement)
                        {
                            let group = if is_dev {
                                DepGroup::Dev
                            } else {
                                DepGroup::Optional
                            };
                            self.push(name, spec, pinned, group, path, None);
                        }
                    }
                }
            }
        }
        if let Some(groups) = doc.get("dependency-groups").and_then(|v| v.as_table()) {
            for (group, deps) in groups {
                self.dev_group(
                    path,
                    lines.key("[dependency-groups]"),
                    format!("dependency-groups.{group}"),
                );
                self.push_requirements(deps, DepGroup::Dev, path);
            }
        }
        let tool = doc.get("tool").and_then(|v| v.as_table());
        if let Some(poetry) = tool
            .and_then(|t| t.get("poetry"))
            .and_then(|v| v.as_table())
        {
            self.poetry(path, text, poetry);
        }
        if let Some(pdm_dev) = tool
            .and_then(|t| t.get("pdm"))
            .and_then(|p| p.get("dev-dependencies"))
            .and_then(|v| v.as_table())
        {
            self.dev_group(
                path,
                lines.key("[tool.pdm.dev-dependencies]"),
                "tool.pdm.dev-dependencies",
            );
            for deps in pdm_dev.values() {
                self.push_requirements(deps, DepGroup::Dev, path);
            }
        }
        if let Some(uv_dev) = tool
            .and_then(|t| t.get("uv"))
            .and_then(|p| p.get("dev-dependencies"))
        {
            let line = lines.key_after("[tool.uv]", "dev-dependencies");
            self.dev_group(path, line, "tool.uv.dev-dependencies");
            self.push_requirements(uv_dev, DepGroup::Dev, path);
        }
        if let Some(tool) = tool {
            for (name, value) in tool {
                let Some(table) = value.as_table() else {
                    continue;
                };
                let mut keys = vec![format!("tool.{name}")];
                keys.extend(
                    table
                        .iter()
                        .filter(|(_, v)| v.is_table())
                        .map(|(k, _)| format!("tool.{name}.{k}")),
                );
                for key in keys {
                    let line = lines.key(&format!("[{key}")).or_else(|| lines.key(&key));
                    self.facts.tool_sections.push(Located {
                        path: path.to_owned(),
                        line,
                        value: key,
                    });
                }
            }
        }
    }

    fn poetry(&mut self, path: &str, text: &str, poetry: &toml::Table) {
        let lines = std::cell::RefCell::new(KeyLines::new(text));
        let line_of_key = |needle: &str| lines.borrow_mut().key(needle);
        let take = |this: &mut Self, table: &toml::Table, group: DepGroup| {
            for (name, spec) in table {
                if name == "python" {
                    let v = spec.as_str().unwrap_or("declared");
                    this.python_version(path, line_of_key("python ="), v);
                    continue;
                }
                let version = spec_version(spec);
                let pinned = is_poetry_pinned(&version);
                this.push(
                    name.to_ascii_lowercase(),
                    version,
                    pinned,
                    group,
                    path,
                    None,
                );
            }
        };
        if let Some(deps) = poetry.get("dependencies").and_then(|v| v.as_table()) {
            take(self, deps, DepGroup::Runtime);
        }
        if let Some(deps) = poetry.get("dev-dependencies").and_then(|v| v.as_table()) {
            let line = lines
                .borrow_mut()
                .key_after("[tool.poetry", "dev-dependencies");
            self.dev_group(path, line, "tool.poetry.dev-dependencies");
            take(self, deps, DepGroup::Dev);
        }
        if let Some(groups) = poetry.get("group").and_then(|v| v.as_table()) {
            for (group, body) in groups {
                self.dev_group(
                    path,
                    line_of_key(&format!("group.{group}")),
                    format!("tool.poetry.group.{group}"),
                );
                if let Some(deps) = body.get("dependencies").and_then(|v| v.as_table()) {
                    take(self, deps, DepGroup::Dev);
                }
            }
        }
    }

    /// setup.cfg is read as setuptools' configparser reads it. Lines it
    /// would refuse (an unclosed `[section`, a key before any section) make
    /// one error entry naming the first such line, since `pip install`
    /// fails on that file; what can be read is still read.
    fn setup_cfg(&mut self, path: &str, text: &str) {
        let mut section = String::new();
        let mut key = String::new();
        let mut reported = false;
        for (i, raw) in text.lines().enumerate() {
            let lineno = Some(i as u32 + 1);
            let raw = if i == 0 {
                raw.trim_start_matches('\u{feff}')
            } else {
                raw
            };
            let line = raw.trim_end();
            if line.trim_start().starts_with('#') || line.trim_start().starts_with(';') {
                continue;
            }
            let unclosed = line.starts_with('[') && !line.ends_with(']');
            let orphan = section.is_empty() && !line.trim().is_empty() && !line.starts_with('[');
            if (unclosed || orphan) && !reported {
                reported = true;
                let why = if unclosed {
                    "a section header without its closing `]`"
                } else {
                    "a line before the first [section] header"
                };
                self.errors.push(AuditError::at(
                    format!("{path}:{}", i + 1),
                    format!("malformed setup.cfg: {why}"),
                ));
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = name.trim().to_owned();
                key.clear();
                self.facts.tool_sections.push(Located {
                    path: path.to_owned(),
                    line: lineno,
                    value: section.clone(),
                });
                if section == "options.extras_require" {
                    self.dev_group(path, lineno, "options.extras_require");
                }
                continue;
            }
            let continuation = raw.starts_with(' ') || raw.starts_with('\t');
            let value = if continuation {
                line.trim()
            } else if let Some((k, v)) = line.split_once('=') {
                key = k.trim().to_owned();
                v.trim()
            } else {
                continue;
            };
            if section == "options" && key == "python_requires" && !value.is_empty() {
                self.python_version(path, lineno, value);
            }
            let group = match (section.as_str(), key.as_str()) {
                ("options", "install_requires") => Some(DepGroup::Runtime),
                ("options", "tests_require") => Some(DepGroup::Dev),
                ("options.extras_require", k) if is_dev_requirements_name(k) => Some(DepGroup::Dev),
                ("options.extras_require", _) => Some(DepGroup::Optional),
                _ => None,
            };
            if let Some(group) = group {
                if let Some((name, spec, pinned)) = parse_requirement(value) {
                    self.push(name, spec, pinned, group, path, lineno);
                }
            }
        }
    }

    fn setup_py(&mut self, path: &str, text: &str) {
        static PY_REQ: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r#"python_requires\s*=\s*["']([^"']+)["']"#).expect("static regex")
        });
        static INSTALL: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?s)install_requires\s*=\s*\[(.*?)\]").expect("static regex")
        });
        static EXTRAS: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(extras_require|tests_require)\s*=").expect("static regex")
        });
        static STRING: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r#"["']([^"']+)["']"#).expect("static regex"));
        if let Some(c) = PY_REQ.captures(text) {
            let at = c.get(0).map(|m| line_of(text, m.start()));
            self.python_version(path, at, &c[1]);
        }
        let index = LineIndex::new(text);
        if let Some(body) = INSTALL.captures(text).and_then(|c| c.get(1)) {
            for s in STRING.captures_iter(body.as_str()) {
                if let Some((name, spec, pinned)) = parse_requirement(&s[1]) {
                    let line = Some(index.line(body.start() + s.get(0).map_or(0, |m| m.start())));
                    self.push(name, spec, pinned, DepGroup::Runtime, path, line);
                }
            }
        }
        if let Some(m) = EXTRAS.find(text) {
            self.dev_group(
                path,
                Some(line_of(text, m.start())),
                m.as_str().trim_end_matches([' ', '=']).to_owned(),
            );
        }
    }

    fn pipfile(&mut self, path: &str, text: &str) {
        let doc: toml::Table = match toml::from_str(text) {
            Ok(doc) => doc,
            Err(e) => {
                self.errors.push(AuditError::at(
                    path,
                    format!("malformed Pipfile: {}", e.message()),
                ));
                return;
            }
        };
        let mut lines = KeyLines::new(text);
        let mut line_of_key = |needle: &str| lines.key(needle);
        for (section, group) in [
            ("packages", DepGroup::Runtime),
            ("dev-packages", DepGroup::Dev),
        ] {
            let Some(table) = doc.get(section).and_then(|v| v.as_table()) else {
                continue;
            };
            if group == DepGroup::Dev {
                self.dev_group(path, line_of_key("[dev-packages]"), "dev-packages");
            }
            for (name, spec) in table {
                let version = spec_version(spec);
                let pinned = is_pinned(&version);
                self.push(
                    name.to_ascii_lowercase(),
                    version,
                    pinned,
                    group,
                    path,
                    None,
                );
            }
        }
        if let Some(v) = doc
            .get("requires")
            .and_then(|r| r.get("python_version"))
            .and_then(|v| v.as_str())
        {
            self.python_version(path, line_of_key("python_version"), v);
        }
    }

    fn conda(&mut self, path: &str, text: &str) {
        let docs = match super::yaml::parse(text) {
            Ok(docs) => docs,
            Err(e) => {
                self.errors.push(AuditError::at(
                    format!("{path}:{}:{}", e.line, e.col),
                    format!("malformed conda environment file: {}", e.message),
                ));
                return;
            }
        };
        let Some(deps) = docs.first().and_then(|d| d.get("dependencies")) else {
            return;
        };
        for dep in deps.items() {
            if let Some(s) = dep.as_str() {
                let (name, version) = s.split_once(['=', '<', '>', ' ']).unwrap_or((s, ""));
                let name = name.trim().to_ascii_lowercase();
                if name == "python" {
                    self.python_version(path, dep.line(), version.trim_start_matches('='));
                    continue;
                }
                let pinned = s.contains('=') && !s.contains('*') && !s.contains(['>', '<']);
                self.push(
                    name,
                    version.to_owned(),
                    pinned,
                    DepGroup::Runtime,
                    path,
                    dep.line(),
                );
            } else if let Some(pip) = dep.get("pip") {
                for p in pip.items() {
                    if let Some((name, spec, pinned)) = p.as_str().and_then(parse_requirement) {
                        self.push(name, spec, pinned, DepGroup::Runtime, path, p.line());
                    }
                }
            }
        }
    }
}

#[cfg(test)]
#[path = "manifests_tests.rs"]
mod tests;
