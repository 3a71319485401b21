//! Documentation: the README, and which environment variables the README,
//! example env files and docs pages mention.

use super::GatherContext;
use crate::error::AuditError;
use crate::facts::hygiene::is_env_example;
use crate::facts::reader::decode_reported;
use crate::facts::readme;
use crate::source::{EntryKind, FileEntry};
use std::rc::Rc;

/// Docs pages searched for variable names, at most this many.
const MAX_DOC_FILES: usize = 200;

/// README locations in the order a reviewer's eye (and GitHub) finds them.
fn readme_candidates(files: &[FileEntry]) -> Vec<&FileEntry> {
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
    let mut ranked: Vec<((u8, u8), &FileEntry)> = files
        .iter()
        .filter(|f| f.kind != EntryKind::Submodule)
        .filter_map(|f| rank(&f.path).map(|r| (r, f)))
        .collect();
    ranked.sort_by_key(|(r, f)| (*r, f.path.clone()));
    ranked.into_iter().map(|(_, f)| f).collect()
}

/// The project's own importable packages (see
/// [`crate::facts::package::top_level_packages`]), not its tests, docs or
/// examples.
fn own_packages(files: &[FileEntry]) -> Vec<String> {
    let mut out = crate::facts::package::top_level_packages(files);
    out.retain(|p| {
        let p = p.to_ascii_lowercase();
        ![
            "tests", "test", "docs", "doc", "examples", "example", "scripts",
        ]
        .contains(&p.as_str())
    });
    out
}

/// A README that is its title and little else: fewer than eight words
/// after its first line.
fn is_title_only(text: &str) -> bool {
    let mut lines = text.lines().skip_while(|l| l.trim().is_empty());
    lines.next();
    lines.flat_map(str::split_whitespace).count() < 8
}

/// Reads and decodes one README candidate; errors are recorded.
fn read_readme(ctx: &mut GatherContext<'_>, path: &str) -> Option<String> {
    match ctx.source.read(path) {
        Ok(bytes) => match decode_reported(path, &bytes, &mut ctx.reader.errors) {
            Some(text) => Some(text),
            None => {
                ctx.reader
                    .errors
                    .push(AuditError::at(path, "README is a binary file; not read"));
                None
            }
        },
        Err(e) => {
            ctx.reader.errors.push(e);
            None
        }
    }
}

/// Parses the README a reviewer would open first, knowing the project's
/// console scripts, then the local pages it links to for install and usage
/// steps it does not give itself. Read directly rather than through the
/// cache: its text is kept whole in the facts.
pub(super) fn readme(ctx: &mut GatherContext<'_>) {
    let candidates = readme_candidates(ctx.files);
    let Some(first) = candidates.first() else {
        return;
    };
    let Some(mut text) = read_readme(ctx, &first.path) else {
        return;
    };
    let mut entry = *first;
    // A README.md that is only its title beside a README.txt (or .rst)
    // that says something: a reviewer reads the one with content.
    if is_title_only(&text) {
        let dir = |p: &str| p.rsplit_once('/').map_or("", |(d, _)| d).to_owned();
        for other in candidates
            .iter()
            .skip(1)
            .filter(|c| dir(&c.path) == dir(&first.path))
        {
            if let Some(other_text) = read_readme(ctx, &other.path) {
                if !is_title_only(&other_text) {
                    text = other_text;
                    entry = *other;
                    break;
                }
            }
        }
    }
    let scripts = ctx.facts.package.console_scripts.clone();
    // A test-automation project (Selenium, Playwright, Allure...) is run by
    // its test runner: `pytest -k login` is how a user runs it. So is a
    // pytest plugin: its users write tests and run pytest.
    let runners: Vec<String> = if is_test_automation(ctx) || is_pytest_plugin(ctx) {
        TEST_RUNNERS.iter().map(|r| (*r).to_owned()).collect()
    } else {
        Vec::new()
    };
    let own_packages = own_packages(&ctx.facts.files);
    let parse = |path: &str, text: String| {
        readme::parse_knowing(
            path,
            text,
            ctx.sections,
            &readme::ProjectContext {
                scripts: &scripts,
                suite_runners: &runners,
                own_packages: &own_packages,
            },
        )
    };
    let mut facts = parse(&entry.path, text);
    if readme::LINKED_SECTIONS
        .iter()
        .any(|s| !facts.sections.contains_key(*s))
    {
        for path in readme::linked_docs(&facts) {
            // Only regular files the listing holds, read through the
            // source (capped, never through a symlink).
            if !ctx
                .files
                .iter()
                .any(|f| f.path == path && f.kind == EntryKind::File)
            {
                continue;
            }
            if let Some(page) = ctx.reader.text(&path) {
                let page = parse(&path, page.to_string());
                readme::adopt_linked(&mut facts, &page);
            }
        }
    }
    ctx.facts.readme = Some(facts);
}

/// The commands that run a test-automation project's suites.
const TEST_RUNNERS: &[&str] = &["pytest", "behave", "robot", "locust"];

/// Whether the project is a test-automation suite: it declares browser,
/// API or load test tooling (the qa track's own vocabulary).
fn is_test_automation(ctx: &GatherContext<'_>) -> bool {
    let is_qa_tool = |name: &str| {
        let name = name.to_ascii_lowercase().replace('_', "-");
        crate::facts::vocabulary::QA_TOOLS
            .iter()
            .any(|t| t.replace('_', "-") == name)
    };
    // Declared, or imported by a suite that declares nothing.
    let deps = &ctx.facts.manifests.dependencies;
    deps.iter().any(|d| is_qa_tool(&d.name))
        || (deps.is_empty() && ctx.facts.python.imports.iter().any(|i| is_qa_tool(i)))
}

/// A pytest plugin: the root packaging metadata declares a `pytest11`
/// entry point.
fn is_pytest_plugin(ctx: &mut GatherContext<'_>) -> bool {
    ["pyproject.toml", "setup.cfg", "setup.py"]
        .iter()
        .any(|path| {
            ctx.facts.path_exists(path)
                && ctx
                    .reader
                    .text(path)
                    .is_some_and(|t| t.contains("pytest11"))
        })
}

/// Records the console scripts declared by the manifests at the root or
/// one folder down (a `backend/pyproject.toml`), outside fixture trees.
pub(super) fn console_scripts(ctx: &mut GatherContext<'_>) {
    ctx.facts.package.console_scripts = declared_console_scripts(ctx);
}

fn declared_console_scripts(ctx: &mut GatherContext<'_>) -> Vec<String> {
    let manifests: Vec<String> = ctx
        .files
        .iter()
        .filter(|f| f.kind == EntryKind::File && f.path.matches('/').count() <= 1)
        .filter(|f| {
            let name = f.path.rsplit('/').next().unwrap_or(&f.path);
            matches!(name, "pyproject.toml" | "setup.cfg" | "setup.py")
                && !crate::facts::hygiene::is_fixture_path(&f.path)
        })
        .map(|f| f.path.clone())
        .collect();
    let mut out = Vec::new();
    for path in manifests {
        if let Some(text) = ctx.reader.text(&path) {
            out.extend(readme::console_scripts(&path, &text));
        }
    }
    out
}

/// Looks for each variable name the code reads in the README, example env
/// files and docs pages.
pub(super) fn env_documentation(ctx: &mut GatherContext<'_>) {
    let names: Vec<String> = ctx
        .facts
        .python
        .env_names()
        .into_iter()
        .map(str::to_owned)
        .collect();
    if names.is_empty() {
        return;
    }
    let mut texts: Vec<(String, Rc<str>)> = Vec::new();
    if let Some(r) = &ctx.facts.readme {
        texts.push((r.path.clone(), Rc::from(r.text.as_str())));
    }
    let docs = ctx
        .files
        .iter()
        .filter(|f| f.kind == EntryKind::File)
        .filter(|f| {
            is_env_example(&f.path)
                || ((f.path.starts_with("docs/") || f.path.starts_with("doc/"))
                    && [".md", ".rst", ".txt"].iter().any(|e| f.path.ends_with(e)))
        })
        .take(MAX_DOC_FILES);
    for f in docs {
        if let Some(t) = ctx.reader.text(&f.path) {
            texts.push((f.path.clone(), t));
        }
    }
    for name in names {
        let found = texts
            .iter()
            .find(|(_, t)| t.contains(name.as_str()))
            .map(|(p, _)| p.clone());
        ctx.facts.env_documented.insert(name, found);
    }
}
