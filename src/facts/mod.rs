//! Facts are gathered once per repository, and this is the only place that
//! reads file contents. Rules are pure functions of `&Facts`.

pub mod ci;
pub mod history;
pub mod hygiene;
pub mod manifests;
pub mod pysrc;
pub mod python;
pub mod readme;
pub mod tracks;
pub mod yaml;

use crate::error::AuditError;
use crate::source::{EntryKind, FileEntry, MAX_READ_BYTES, Source};
use globset::GlobSet;
use hygiene::{HygieneFacts, JunkCategory, JunkItem};
use manifests::{ManifestFacts, ManifestReader};
use python::PythonFacts;
use readme::{ReadmeFacts, SectionTable};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Python files bigger than this are generated or vendored, not written.
const MAX_PYTHON_BYTES: u64 = 1024 * 1024;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Facts {
    #[serde(skip)]
    pub files: Vec<FileEntry>,
    pub file_count: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub readme: Option<ReadmeFacts>,
    pub manifests: ManifestFacts,
    pub ci: ci::CiFacts,
    pub python: PythonFacts,
    pub hygiene: HygieneFacts,
    /// Commit history, for git sources with commits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history: Option<history::HistoryFacts>,
    /// Environment variables the code reads by name, and the file that
    /// documents each one (README, docs/, an example env file).
    pub env_documented: BTreeMap<String, Option<String>>,
    pub dockerfiles: Vec<Dockerfile>,
    /// Submodules and nested repositories: listed, never followed.
    pub submodules: Vec<String>,
    /// Git LFS pointer files: the content lives elsewhere, so they are not
    /// read as code or data.
    pub lfs_pointers: Vec<String>,
    /// Likely career tracks, strongest first, with evidence.
    pub tracks: Vec<tracks::TrackMatch>,
    /// Web frameworks found in dependencies or imports.
    pub web_frameworks: Vec<String>,
    /// Text of the files that content rules asked for.
    #[serde(skip)]
    pub contents: BTreeMap<String, String>,
}

impl Facts {
    pub fn reads_env_vars(&self) -> bool {
        !self.python.env_reads.is_empty()
    }

    pub fn has_python_code(&self) -> bool {
        self.python.source_files + self.python.test_files.len() > 0
    }

    pub fn path_exists(&self, path: &str) -> bool {
        self.files
            .binary_search_by(|f| f.path.as_str().cmp(path))
            .is_ok()
    }

    pub fn dir_exists(&self, dir: &str) -> bool {
        let prefix = format!("{}/", dir.trim_end_matches('/'));
        let i = self
            .files
            .partition_point(|f| f.path.as_str() < prefix.as_str());
        self.files
            .get(i)
            .is_some_and(|f| f.path.starts_with(&prefix))
    }
}

const WEB_FRAMEWORKS: &[&str] = &[
    "django",
    "flask",
    "fastapi",
    "starlette",
    "tornado",
    "aiohttp",
    "sanic",
    "bottle",
    "pyramid",
    "litestar",
    "quart",
    "falcon",
    "streamlit",
    "dash",
    "gradio",
    "djangorestframework",
];

/// README locations in the order a reviewer's eye (and GitHub) finds them.
fn readme_candidates(files: &[FileEntry]) -> Option<&FileEntry> {
    let rank = |path: &str| -> Option<(u8, u8)> {
        let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
        let dir_rank = match dir {
            "" => 0,
            ".github" => 1,
            "docs" => 2,
            _ => return None,
        };
        let lower = name.to_ascii_lowercase();
        let ext_rank = match lower.as_str() {
            "readme.md" | "readme.markdown" => 0,
            "readme.rst" => 1,
            "readme.txt" => 2,
            "readme" => 3,
            _ => return None,
        };
        Some((dir_rank, ext_rank))
    };
    files
        .iter()
        .filter(|f| f.kind != EntryKind::Submodule)
        .filter_map(|f| rank(&f.path).map(|r| (r, f)))
        .min_by_key(|(r, _)| *r)
        .map(|(_, f)| f)
}

fn is_text(bytes: &[u8]) -> bool {
    !bytes[..bytes.len().min(8192)].contains(&0)
}

/// Reads each file at most once, remembering failures as error entries.
struct Reader<'s> {
    source: &'s dyn Source,
    cache: HashMap<String, Option<std::rc::Rc<str>>>,
    errors: Vec<AuditError>,
}

impl<'s> Reader<'s> {
    fn text(&mut self, path: &str) -> Option<std::rc::Rc<str>> {
        if let Some(hit) = self.cache.get(path) {
            return hit.clone();
        }
        let result = match self.source.read(path) {
            Ok(bytes) if is_text(&bytes) => {
                Some(std::rc::Rc::from(String::from_utf8_lossy(&bytes).as_ref()))
            }
            Ok(_) => None,
            Err(e) => {
                self.errors.push(e);
                None
            }
        };
        self.cache.insert(path.to_owned(), result.clone());
        result
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Dockerfile {
    pub path: String,
    /// (line, image) of each FROM.
    pub from: Vec<(u32, String)>,
    /// The last USER instruction.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<(u32, String)>,
    /// Build stage names (`FROM x AS builder`), which later FROMs may name.
    #[serde(skip)]
    pub stages: Vec<String>,
}

pub fn is_dockerfile(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name == "Dockerfile"
        || name.starts_with("Dockerfile.")
        || name.ends_with(".Dockerfile")
        || name.ends_with(".dockerfile")
}

fn parse_dockerfile(path: &str, text: &str) -> Dockerfile {
    let mut d = Dockerfile {
        path: path.to_owned(),
        ..Dockerfile::default()
    };
    for (i, line) in text.lines().enumerate() {
        let mut words = line.split_whitespace();
        let Some(instruction) = words.next() else {
            continue;
        };
        match instruction.to_ascii_uppercase().as_str() {
            "FROM" => {
                let rest: Vec<&str> = words.filter(|w| !w.starts_with("--")).collect();
                if let Some(image) = rest.first() {
                    d.from.push((i as u32 + 1, (*image).to_owned()));
                }
                if rest.len() >= 3 && rest[1].eq_ignore_ascii_case("as") {
                    d.stages.push(rest[2].to_owned());
                }
            }
            "USER" => {
                if let Some(u) = words.next() {
                    d.user = Some((i as u32 + 1, u.split(':').next().unwrap_or(u).to_owned()));
                }
            }
            _ => {}
        }
    }
    d
}

/// A base image with a version tag or digest (not `latest`), an earlier
/// build stage, or `scratch`.
pub fn image_is_pinned(image: &str, stages: &[String]) -> bool {
    if image == "scratch" || stages.iter().any(|s| s == image) || image.contains("@sha256:") {
        return true;
    }
    let last = image.rsplit('/').next().unwrap_or(image);
    match last.split_once(':') {
        Some((_, tag)) => {
            tag != "latest" && !tag.starts_with('$') && tag.chars().any(|c| c.is_ascii_digit())
        }
        None => false,
    }
}

/// Example env files: the documented way to list the variables to set.
pub fn is_env_example(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    (name.contains(".env") || name.starts_with("env.") || name.ends_with(".env"))
        && ["example", "sample", "template", "dist", "tmpl"]
            .iter()
            .any(|k| name.contains(k))
}

/// The Python version a pin file or a Dockerfile's base image names.
fn python_version_in(path: &str, text: &str) -> Option<manifests::Located> {
    if path == "Dockerfile" {
        let (i, line) = text.lines().enumerate().find(|(_, l)| {
            let l = l.trim_start().to_ascii_lowercase();
            l.starts_with("from ") && l.contains("python:")
        })?;
        let tag = line.split("python:").nth(1)?.split_whitespace().next()?;
        let version: String = tag
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        return (!version.is_empty()).then(|| manifests::Located {
            path: path.to_owned(),
            line: Some(i as u32 + 1),
            value: version,
        });
    }
    let value = text.lines().next().unwrap_or("").trim().to_owned();
    (!value.is_empty()).then(|| manifests::Located {
        path: path.to_owned(),
        line: Some(1),
        value,
    })
}

/// How deep CI commands are followed into scripts the repository holds.
const CI_SCRIPT_DEPTH: usize = 2;

/// Appends, to each CI config, the lines of scripts its commands call
/// (`poetry run ./scripts/lint`), so rules see what CI really runs.
fn follow_ci_scripts(facts: &mut Facts, reader: &mut Reader<'_>) {
    let files: std::collections::HashSet<&str> = facts
        .files
        .iter()
        .filter(|f| f.kind == EntryKind::File && f.size <= 64 * 1024)
        .map(|f| f.path.as_str())
        .collect();
    for config in &mut facts.ci.configs {
        let mut seen: Vec<String> = Vec::new();
        let mut frontier: Vec<ci::CiCommand> = config.commands.clone();
        for _ in 0..CI_SCRIPT_DEPTH {
            let mut next = Vec::new();
            for cmd in &frontier {
                let resolve = |p: &str| -> Option<String> {
                    if files.contains(p) {
                        return Some(p.to_owned());
                    }
                    // Run from a subfolder: the one file whose path ends so.
                    let suffix = format!("/{p}");
                    let mut hits = files.iter().filter(|f| f.ends_with(&suffix));
                    match (hits.next(), hits.next()) {
                        (Some(one), None) => Some((*one).to_owned()),
                        _ => None,
                    }
                };
                for script in ci::scripts_called(&cmd.text, resolve) {
                    if seen.contains(&script) || ci::provider_of(&script).is_some() {
                        continue;
                    }
                    seen.push(script.clone());
                    if let Some(text) = reader.text(&script) {
                        next.extend(ci::script_lines(&script, &text));
                    }
                }
                let mut read = |p: &str| {
                    if files.contains(p) {
                        reader.text(p).map(|t| t.to_string())
                    } else {
                        None
                    }
                };
                for handed in ci::expand(&cmd.text, &mut read) {
                    let key = format!("{:?}:{}:{}", handed.via, handed.line, handed.text);
                    if !seen.contains(&key) {
                        seen.push(key);
                        next.push(handed);
                    }
                }
            }
            config.commands.extend(next.iter().cloned());
            frontier = next;
        }
        ci::classify(config);
    }
}

/// Docs pages searched for variable names, at most this many.
const MAX_DOC_FILES: usize = 200;

/// Looks for each variable name the code reads in the README, example env
/// files and docs pages.
fn document_env_vars(facts: &mut Facts, files: &[FileEntry], reader: &mut Reader<'_>) {
    let names: Vec<String> = facts
        .python
        .env_names()
        .into_iter()
        .map(str::to_owned)
        .collect();
    if names.is_empty() {
        return;
    }
    let mut texts: Vec<(String, std::rc::Rc<str>)> = Vec::new();
    if let Some(r) = &facts.readme {
        texts.push((r.path.clone(), std::rc::Rc::from(r.text.as_str())));
    }
    let docs = files
        .iter()
        .filter(|f| f.kind == EntryKind::File)
        .filter(|f| {
            is_env_example(&f.path)
                || ((f.path.starts_with("docs/") || f.path.starts_with("doc/"))
                    && [".md", ".rst", ".txt"].iter().any(|e| f.path.ends_with(e)))
        })
        .take(MAX_DOC_FILES);
    for f in docs {
        if let Some(t) = reader.text(&f.path) {
            texts.push((f.path.clone(), t));
        }
    }
    for name in names {
        let found = texts
            .iter()
            .find(|(_, t)| t.contains(name.as_str()))
            .map(|(p, _)| p.clone());
        facts.env_documented.insert(name, found);
    }
}

/// Junk and fixture folders are not the project's own manifests or code.
fn is_project_path(path: &str, junk: &[String]) -> bool {
    !junk.iter().any(|j| path.starts_with(j.as_str()))
        && !path
            .split('/')
            .any(|p| p == "node_modules" || p == "site-packages")
}

pub fn gather(
    source: &dyn Source,
    sections: &SectionTable,
    content_globs: &GlobSet,
    history_options: &history::HistoryOptions,
) -> (Facts, Vec<AuditError>) {
    let files = source.files();
    let mut reader = Reader {
        source,
        cache: HashMap::new(),
        errors: Vec::new(),
    };
    let mut facts = Facts {
        file_count: files.len(),
        files: files.to_vec(),
        ..Facts::default()
    };

    let mut junk_dirs: Vec<String> = Vec::new();
    facts.submodules = files
        .iter()
        .filter(|f| f.kind == EntryKind::Submodule)
        .map(|f| f.path.clone())
        .collect();
    let mut analyzer = pysrc::PyAnalyzer::new();
    let mut python_sources: Vec<(String, String)> = Vec::new();
    // Read after the manifests: requires-python says more than a pin file.
    let mut python_version_files: Vec<&str> = Vec::new();
    for f in files {
        if let Some((category, path)) = hygiene::junk_of(&f.path) {
            if path.ends_with('/') && !junk_dirs.contains(&path) {
                junk_dirs.push(path.clone());
            }
            facts.hygiene.junk.insert(JunkItem {
                category,
                path,
                line: None,
                note: None,
            });
        }
    }
    // Bytecode inside a committed venv is part of that one finding.
    let venvs: Vec<String> = facts
        .hygiene
        .junk
        .iter()
        .filter(|j| j.category == JunkCategory::Virtualenv)
        .map(|j| j.path.clone())
        .collect();
    facts.hygiene.junk.retain(|j| {
        j.category == JunkCategory::Virtualenv
            || !venvs.iter().any(|v| j.path.starts_with(v.as_str()))
    });

    if let Some(entry) = readme_candidates(files) {
        match source.read(&entry.path) {
            Ok(bytes) if is_text(&bytes) => {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                facts.readme = Some(readme::parse(&entry.path, text, sections));
            }
            Ok(_) => reader.errors.push(AuditError::at(
                &entry.path,
                "README is a binary file; not read",
            )),
            Err(e) => reader.errors.push(e),
        }
    }

    for f in files
        .iter()
        .filter(|f| f.kind == EntryKind::File && is_project_path(&f.path, &junk_dirs))
    {
        let path = f.path.as_str();
        let depth = path.matches('/').count();
        if manifests::is_lock_file(path) {
            facts.manifests.lock_files.push(path.to_owned());
        }
        if let Some(kind) = manifests::manifest_kind(path) {
            if depth <= 3 && !hygiene::is_fixture_path(path) {
                if let Some(text) = reader.text(path) {
                    let mut errors = Vec::new();
                    ManifestReader {
                        facts: &mut facts.manifests,
                        errors: &mut errors,
                    }
                    .read(path, kind, &text);
                    reader.errors.extend(errors);
                } else if !reader
                    .errors
                    .iter()
                    .any(|e| e.path.as_deref() == Some(path))
                {
                    reader.errors.push(AuditError::at(
                        path,
                        "manifest is not a text file; not read",
                    ));
                }
            }
        }
        if depth == 0
            && (path == ".python-version" || path == "runtime.txt" || path == "Dockerfile")
        {
            python_version_files.push(path);
        }
        if is_dockerfile(path) {
            if let Some(text) = reader.text(path) {
                facts.dockerfiles.push(parse_dockerfile(path, &text));
            }
        }
        if let Some(provider) = ci::provider_of(path) {
            if let Some(text) = reader.text(path) {
                match ci::parse(path, provider, &text) {
                    Ok(config) => facts.ci.configs.push(config),
                    Err(e) => reader.errors.push(e),
                }
            }
        }
        // An LFS pointer is ~130 bytes of metadata; its name says nothing
        // about its content.
        // Pointers are 120-200 bytes, so only files that small are opened.
        if (120..=200).contains(&f.size) && !path.ends_with(".gitattributes") {
            if let Some(text) = reader.text(path) {
                if text.starts_with("version https://git-lfs.github.com/spec/") {
                    facts.lfs_pointers.push(path.to_owned());
                    continue;
                }
            }
        }
        let is_notebook = path.ends_with(".ipynb");
        if path.ends_with(".py") || is_notebook {
            // Notebooks carry their outputs, so they get a larger cap.
            let cap = if is_notebook {
                MAX_READ_BYTES
            } else {
                MAX_PYTHON_BYTES
            };
            if f.size > cap {
                if is_notebook {
                    // Too big to read is itself the finding: count it as a
                    // notebook whose bulk is outputs.
                    facts.python.notebooks.push(python::Notebook {
                        path: path.to_owned(),
                        code_cells: 0,
                        output_bytes: f.size as usize,
                        executed_in_order: true,
                    });
                }
                reader.errors.push(AuditError::at(
                    path,
                    format!(
                        "{} bytes is over the {} byte cap for source files; skipped",
                        f.size, cap
                    ),
                ));
            } else if let (Some(text), Some(a)) = (reader.text(path), analyzer.as_mut()) {
                if is_notebook {
                    if let Err(message) = facts.python.add_notebook(a, path, &text) {
                        reader.errors.push(AuditError::at(path, message));
                    }
                } else {
                    // Parsed later, in parallel; merged in path order.
                    python_sources.push((path.to_owned(), text.to_string()));
                }
            }
        }
        let in_junk = !is_project_path(path, &junk_dirs);
        if hygiene::is_env_file_name(path) && !hygiene::is_fixture_path(path) && !in_junk {
            if let Some(text) = reader.text(path) {
                // One finding per file: the file is the mistake.
                let values = hygiene::env_values(&text);
                if let Some((line, _)) = values.first() {
                    let keys: Vec<&str> = values.iter().map(|(_, k)| k.as_str()).collect();
                    facts.hygiene.junk.insert(JunkItem {
                        category: JunkCategory::EnvFile,
                        path: path.to_owned(),
                        line: Some(*line),
                        note: Some(format!("sets {}", keys.join(", "))),
                    });
                }
            }
        }
        // Python files are checked by the parser, which knows a docstring
        // from an assignment.
        if hygiene::may_hold_key(path) && !path.ends_with(".py") && f.size <= 256 * 1024 && !in_junk
        {
            if let Some(text) = reader.text(path) {
                let fixture = hygiene::is_fixture_path(path);
                for (line, kind) in history::find_secrets(path, &text) {
                    let category = match (fixture, kind.as_str()) {
                        (true, _) => JunkCategory::FixtureSecret,
                        (false, "private key") => JunkCategory::PrivateKey,
                        (false, _) => JunkCategory::Secret,
                    };
                    facts.hygiene.junk.insert(JunkItem {
                        category,
                        path: path.to_owned(),
                        line: Some(line),
                        note: Some(kind),
                    });
                }
            }
        }
        if content_globs.is_match(path) {
            if let Some(text) = reader.text(path) {
                facts.contents.insert(path.to_owned(), text.to_string());
            }
        }
    }

    // tree-sitter parsing is most of a large repository's CPU time; files
    // are independent, so they parse on every worker thread.
    let parsed: Vec<(String, Option<(pysrc::FileFacts, bool)>)> = {
        use rayon::prelude::*;
        python_sources
            .par_iter()
            .map(|(path, text)| (path.clone(), python::analyse_file(path, text)))
            .collect()
    };
    drop(python_sources);
    for (path, result) in parsed {
        facts.python.merge_analysis(&path, result);
    }
    for (path, line, what) in std::mem::take(&mut facts.python.credentials) {
        let category = if hygiene::is_fixture_path(&path) {
            JunkCategory::FixtureSecret
        } else if what == "private key" {
            JunkCategory::PrivateKey
        } else {
            JunkCategory::Secret
        };
        facts.hygiene.junk.insert(JunkItem {
            category,
            path,
            line: Some(line),
            note: Some(what),
        });
    }
    for path in python_version_files {
        if facts.manifests.python_version.is_some() {
            break;
        }
        if let Some(text) = reader.text(path) {
            facts.manifests.python_version = python_version_in(path, &text);
        }
    }
    follow_ci_scripts(&mut facts, &mut reader);
    if let Some(repo) = source.repository() {
        facts.history = history::analyse(repo, files, history_options, &mut reader.errors);
    }
    document_env_vars(&mut facts, files, &mut reader);

    if facts.path_exists(".gitignore") {
        if let Some(text) = reader.text(".gitignore") {
            facts.hygiene.gitignore = Some(".gitignore".to_owned());
            facts
                .hygiene
                .gitignores
                .push((".gitignore".to_owned(), text.to_string()));
        }
        // A monorepo's Python project (backend/) often carries its own.
        let project_dirs: Vec<String> = facts
            .manifests
            .manifests
            .iter()
            .filter_map(|m| m.path.rsplit_once('/').map(|(d, _)| d.to_owned()))
            .collect();
        for dir in project_dirs {
            let path = format!("{dir}/.gitignore");
            if facts.path_exists(&path) && !facts.hygiene.gitignores.iter().any(|(p, _)| *p == path)
            {
                if let Some(text) = reader.text(&path) {
                    facts.hygiene.gitignores.push((path, text.to_string()));
                }
            }
        }
    }

    let mut web: Vec<String> = WEB_FRAMEWORKS
        .iter()
        .filter(|w| {
            facts.python.imports.contains(**w)
                || facts.manifests.dependencies.iter().any(|d| d.name == **w)
        })
        .map(|w| (*w).to_owned())
        .collect();
    web.dedup();
    facts.web_frameworks = web;
    facts.tracks = tracks::detect(&facts);
    // One error per file: a file several facts wanted is one problem.
    let mut seen = std::collections::HashSet::new();
    let mut errors = reader.errors;
    errors.retain(|e| e.path.as_ref().is_none_or(|p| seen.insert(p.clone())));
    (facts, errors)
}
