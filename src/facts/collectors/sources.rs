//! The project's own sources: manifests and lock files, the Python version,
//! Dockerfiles and Python code (read here, parsed in parallel, merged in
//! path order).

use super::{Flow, GatherContext};
use crate::error::AuditError;
use crate::facts::hygiene::{self, JunkItem};
use crate::facts::manifests::{self, ManifestReader};
use crate::facts::{docker, parsed, pysrc, python, secrets, vocabulary};
use crate::source::{FileEntry, MAX_READ_BYTES, SourceKind};

/// Python files bigger than this are generated or vendored, not written.
const MAX_PYTHON_BYTES: u64 = 1024 * 1024;

/// How many folders deep a manifest still describes the project.
const MAX_MANIFEST_DEPTH: usize = 3;

fn depth(path: &str) -> usize {
    path.matches('/').count()
}

/// Gherkin scenarios of `.feature` files (English keywords), outside
/// fixture trees.
pub(super) fn gherkin(ctx: &mut GatherContext<'_>, f: &FileEntry) -> Flow {
    if !f.path.ends_with(".feature") || crate::facts::vocabulary::is_fixture_tree(&f.path) {
        return Flow::Next;
    }
    if let Some(text) = ctx.reader.text(&f.path) {
        ctx.facts.python.tests.scenarios += text
            .lines()
            .map(str::trim_start)
            .filter(|l| {
                [
                    "Scenario:",
                    "Scenario Outline:",
                    "Scenario Template:",
                    "Example:",
                ]
                .iter()
                .any(|k| l.starts_with(k))
            })
            .count();
    }
    Flow::Next
}

pub(super) fn lock_file(ctx: &mut GatherContext<'_>, f: &FileEntry) -> Flow {
    if manifests::is_lock_file(&f.path) {
        ctx.facts.manifests.lock_files.push(f.path.clone());
    }
    Flow::Next
}

/// Manifests near the top, outside fixtures: dependencies, dev groups,
/// tool sections, requires-python.
pub(super) fn manifest(ctx: &mut GatherContext<'_>, f: &FileEntry) -> Flow {
    let path = f.path.as_str();
    let Some(kind) = manifests::manifest_kind(path) else {
        return Flow::Next;
    };
    // The top test folder's own manifest (`tests/requirements.txt`) is the
    // suite's dependencies, the whole project's in a test-automation repo;
    // deeper ones under tests/ are sample projects the tests read.
    let suite_manifest =
        matches!(path.split_once('/'), Some(("tests" | "test", rest)) if !rest.contains('/'));
    if depth(path) > MAX_MANIFEST_DEPTH || (hygiene::is_fixture_path(path) && !suite_manifest) {
        return Flow::Next;
    }
    if let Some(text) = ctx.reader.named_text(path, "manifest") {
        let mut errors = Vec::new();
        ManifestReader {
            facts: &mut ctx.facts.manifests,
            errors: &mut errors,
        }
        .read(path, kind, &text);
        ctx.reader.errors.extend(errors);
    }
    Flow::Next
}

/// Root files that may pin the Python version; read by `python_version`.
pub(super) fn python_version_file(ctx: &mut GatherContext<'_>, f: &FileEntry) -> Flow {
    let path = f.path.as_str();
    if depth(path) == 0
        && (path == ".python-version" || path == "runtime.txt" || path == "Dockerfile")
    {
        ctx.python_version_files.push(path.to_owned());
    }
    Flow::Next
}

pub(super) fn dockerfile(ctx: &mut GatherContext<'_>, f: &FileEntry) -> Flow {
    let path = f.path.as_str();
    if docker::is_dockerfile(path) {
        if let Some(text) = ctx.reader.named_text(path, "Dockerfile") {
            ctx.facts
                .dockerfiles
                .push(docker::parse_dockerfile(path, &text));
        }
    }
    Flow::Next
}

/// A `package.json` that builds a user interface (see
/// `Facts::front_end_manifests`). Malformed JSON builds nothing and is an
/// error entry naming the file and position (outside fixture trees, whose
/// files may be broken on purpose): the CI follower reads the same file
/// for `npm test`, and a silent parse failure would hide why it found no
/// script.
pub(super) fn front_end_manifest(ctx: &mut GatherContext<'_>, f: &FileEntry) -> Flow {
    let path = f.path.as_str();
    if path.rsplit('/').next() != Some("package.json") {
        return Flow::Next;
    }
    let Some(text) = ctx.reader.text(path) else {
        return Flow::Next;
    };
    match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(json) if builds_a_ui(&json) => ctx.facts.front_end_manifests.push(path.to_owned()),
        Ok(_) => {}
        Err(e) if !vocabulary::is_fixture_tree(path) => ctx.reader.errors.push(AuditError::at(
            format!("{path}:{}:{}", e.line(), e.column()),
            format!("malformed package.json: {e}"),
        )),
        Err(_) => {}
    }
    Flow::Next
}

/// Whether a package.json's dependencies name a front-end framework,
/// bundler or UI kit.
fn builds_a_ui(json: &serde_json::Value) -> bool {
    ["dependencies", "devDependencies", "peerDependencies"]
        .iter()
        .filter_map(|k| json.get(k).and_then(|d| d.as_object()))
        .flat_map(|deps| deps.keys())
        .any(|name| vocabulary::FRONT_END_PACKAGES.contains(&name.as_str()))
}

/// Python modules and notebooks. Notebooks are analysed at once; modules
/// are kept for `analyse_python`. Files over the size cap are an error
/// entry, and a notebook too big to read is itself a finding.
pub(super) fn python_source(ctx: &mut GatherContext<'_>, f: &FileEntry) -> Flow {
    let path = f.path.as_str();
    let is_notebook = path.ends_with(".ipynb");
    // A fixture tree's code is test input (a sample repository a test
    // audits), not the project's: its imports and notebooks would make a
    // career track of the samples.
    if (!path.ends_with(".py") && !is_notebook) || vocabulary::is_fixture_tree(path) {
        return Flow::Next;
    }
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
            ctx.facts.python.notebooks.push(python::Notebook {
                path: path.to_owned(),
                code_cells: 0,
                output_bytes: f.size as usize,
                executed_in_order: true,
            });
        }
        ctx.reader.errors.push(AuditError::at(
            path,
            format!(
                "{} bytes is over the {} byte cap for source files; skipped",
                f.size, cap
            ),
        ));
    } else if let (Some(text), Some(a)) = (
        ctx.reader.named_text(path, "Python source"),
        ctx.analyzer.as_mut(),
    ) {
        if is_notebook {
            if let Err(message) = ctx.facts.python.add_notebook(a, path, &text) {
                ctx.reader.errors.push(AuditError::at(path, message));
            }
        } else {
            ctx.python_sources.push((path.to_owned(), text.to_string()));
        }
    }
    Flow::Next
}

/// A symlinked Python module or notebook: its target, when inside the
/// repository, is audited under its own path; here it is only read, so a
/// link that leaves the repository (or leads nowhere) is an error entry
/// naming it rather than a silent gap.
pub(super) fn symlinked_source(ctx: &mut GatherContext<'_>, f: &FileEntry) -> Flow {
    let path = f.path.as_str();
    if path.ends_with(".py") || path.ends_with(".ipynb") {
        ctx.reader.named_text(path, "Python source");
    }
    Flow::Next
}

/// Parses the Python modules read. tree-sitter parsing is most of a large
/// repository's CPU time; files are independent, so they parse on every
/// worker thread, and merge in path order.
pub(super) fn analyse_python(ctx: &mut GatherContext<'_>) {
    let sources = std::mem::take(&mut ctx.python_sources);
    // Without a cache (`--no-cache`), and for the working tree or a plain
    // folder (never cached), every file is parsed.
    let store = ctx
        .history_options
        .cache
        .as_deref()
        .zip(ctx.source.repository())
        .filter(|_| ctx.source.kind() == SourceKind::GitHead)
        .map(|(dir, repo)| parsed::Store { dir, repo });
    let analysed = parsed::analyse_all(&sources, store);
    for ((path, _), result) in sources.iter().zip(analysed) {
        ctx.facts.python.merge_analysis(path, result);
    }
    // Notebooks were merged as they were read; both report here.
    for (path, line) in std::mem::take(&mut ctx.facts.python.too_deep) {
        ctx.reader.errors.push(AuditError::at(
            format!("{path}:{line}"),
            format!(
                "code nested more than {} levels deep; the deeper part was not analysed",
                pysrc::MAX_SYNTAX_DEPTH
            ),
        ));
    }
}

/// Credentials the parser found in Python code become junk findings.
///
/// A key hard-coded in a settings module while the project reads the same
/// name from the environment (`SECRET_KEY = env("SECRET_KEY")` in the
/// production settings) is the development default the framework's
/// template writes: a note, not a leak.
pub(super) fn python_credentials(ctx: &mut GatherContext<'_>) {
    let credentials = std::mem::take(&mut ctx.facts.python.credentials);
    let (computed, credentials): (Vec<_>, Vec<_>) = credentials
        .into_iter()
        .partition(|(_, _, what)| what.starts_with(secrets::COMPUTED));
    let computed: Vec<(String, String)> = computed
        .into_iter()
        .filter(|(path, _, _)| is_settings_module(path))
        .filter_map(|(path, _, what)| {
            let name = what.strip_prefix(secrets::COMPUTED)?.trim();
            Some((path, name.to_ascii_uppercase()))
        })
        .collect();
    let (read, credentials): (Vec<_>, Vec<_>) = credentials
        .into_iter()
        .partition(|(_, _, what)| what.starts_with(secrets::FROM_ENV));
    let from_env: Vec<String> = ctx
        .facts
        .python
        .env_names()
        .into_iter()
        .map(str::to_owned)
        .chain(read.into_iter().filter_map(|(_, _, what)| {
            what.strip_prefix(secrets::FROM_ENV)
                .map(|n| n.trim().to_owned())
        }))
        .map(|n| n.to_ascii_uppercase())
        .collect();
    for (path, line, what) in credentials {
        let what = match what.strip_prefix("hard-coded ") {
            Some(name)
                if is_settings_module(&path)
                    && from_env.iter().any(|e| e == &name.to_ascii_uppercase()) =>
            {
                format!(
                    "{} {name} (production reads {name} from the environment)",
                    secrets::DEV_KEY
                )
            }
            // Split settings: `base.py` hard-codes the key that `prod.py`
            // reads from a file or generates; or one module whose production
            // branch reads it (`if "PRODUCTION" in os.environ: SECRET_KEY =
            // os.environ["DJANGO_SECRET_KEY"] else: SECRET_KEY = "..."`).
            Some(name)
                if is_settings_module(&path)
                    && computed
                        .iter()
                        .any(|(_, n)| n == &name.to_ascii_uppercase()) =>
            {
                let same_module = computed
                    .iter()
                    .any(|(p, n)| p == &path && n == &name.to_ascii_uppercase());
                if same_module {
                    format!(
                        "{} {name} (the module also sets {name} at run time)",
                        secrets::DEV_KEY
                    )
                } else {
                    format!(
                        "{} {name} (other settings compute {name} at run time)",
                        secrets::DEV_KEY
                    )
                }
            }
            _ => what,
        };
        ctx.facts.hygiene.junk.insert(JunkItem {
            category: secrets::category(&path, &what),
            path,
            line: Some(line),
            note: Some(what),
        });
    }
}

/// A settings module: `settings.py`, `config/base.py`, anything under a
/// `settings/` or `config/` folder.
fn is_settings_module(path: &str) -> bool {
    path.split('/').any(|p| {
        matches!(
            p,
            "settings" | "config" | "conf" | "settings.py" | "config.py"
        )
    })
}

/// A pin file or the root Dockerfile's base image, when no manifest said
/// which Python the project wants.
pub(super) fn python_version(ctx: &mut GatherContext<'_>) {
    for path in std::mem::take(&mut ctx.python_version_files) {
        if ctx.facts.manifests.python_version.is_some() {
            break;
        }
        if let Some(text) = ctx.reader.text(&path) {
            ctx.facts.manifests.python_version = python_version_in(&path, &text);
        }
    }
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
