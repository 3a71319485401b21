//! The file tree as a reviewer sees it: submodules, committed junk, LFS
//! pointers, real `.env` files, secrets in HEAD files, `.gitignore` files
//! and the file contents content rules asked for.

use super::{Flow, GatherContext};
use crate::facts::hygiene::{self, JunkCategory, JunkItem};
use crate::facts::secrets;
use crate::source::{EntryKind, FileEntry};

/// Files bigger than this are not scanned for secrets.
const MAX_SECRET_SCAN_BYTES: u64 = 256 * 1024;

/// Submodules and nested repositories: listed, never followed.
pub(super) fn submodules(ctx: &mut GatherContext<'_>) {
    ctx.facts.submodules = ctx
        .files
        .iter()
        .filter(|f| f.kind == EntryKind::Submodule)
        .map(|f| f.path.clone())
        .collect();
}

/// Whether the repository is mainly another language's project (after
/// the junk: a committed virtualenv is no one's code).
pub(super) fn main_language(ctx: &mut GatherContext<'_>) {
    let junk = &ctx.junk_dirs;
    ctx.facts.other_language = crate::facts::language::other_main_language(ctx.files, |p| {
        junk.iter().any(|j| p.starts_with(j.as_str()))
    });
}

/// Junk known by name alone; junk folders are remembered so later
/// collectors leave them out.
pub(super) fn junk(ctx: &mut GatherContext<'_>) {
    for f in ctx.files {
        if let Some((category, path)) = hygiene::junk_of(&f.path) {
            if path.ends_with('/') && !ctx.junk_dirs.contains(&path) {
                ctx.junk_dirs.push(path.clone());
            }
            // Bytecode under site-packages is classed with its venv by
            // name; it is counted as bytecode as well, below.
            if category == JunkCategory::Virtualenv {
                if let Some(at) = hygiene::bytecode_of(&f.path) {
                    ctx.facts.hygiene.junk.insert(JunkItem {
                        category: JunkCategory::Bytecode,
                        path: at,
                        line: None,
                        note: None,
                    });
                }
            }
            ctx.facts.hygiene.junk.insert(JunkItem {
                category,
                path,
                line: None,
                note: None,
            });
        }
    }
    // Caches inside a committed venv are committed caches all the same (a
    // reviewer browsing the tree sees them, and the calibration labellers
    // failed both findings), but hundreds of `__pycache__` folders are one
    // mistake: each category keeps one item per venv, with a count.
    let junk = &mut ctx.facts.hygiene.junk;
    let venvs: Vec<String> = junk
        .iter()
        .filter(|j| j.category == JunkCategory::Virtualenv)
        .map(|j| j.path.clone())
        .collect();
    if venvs.is_empty() {
        return;
    }
    let mut inside: Vec<(String, JunkCategory, JunkItem, usize)> = Vec::new();
    junk.retain(|j| {
        let Some(v) = venvs
            .iter()
            .find(|v| j.category != JunkCategory::Virtualenv && j.path.starts_with(v.as_str()))
        else {
            return true;
        };
        match inside
            .iter_mut()
            .find(|(iv, c, _, _)| iv == v && *c == j.category)
        {
            Some(entry) => entry.3 += 1,
            None => inside.push((v.clone(), j.category, j.clone(), 1)),
        }
        false
    });
    for (venv, category, mut item, n) in inside {
        item.note = Some(if n == 1 {
            format!(
                "{}, inside the committed virtualenv {venv}",
                category.name()
            )
        } else {
            format!(
                "{}, one of {n} inside the committed virtualenv {venv}",
                category.name()
            )
        });
        junk.insert(item);
    }
}

/// An LFS pointer is ~130 bytes of metadata; its name says nothing about
/// its content, so later collectors skip it.
pub(super) fn lfs_pointer(ctx: &mut GatherContext<'_>, f: &FileEntry) -> Flow {
    let path = f.path.as_str();
    // Pointers are 120-200 bytes, so only files that small are opened.
    if (120..=200).contains(&f.size) && !path.ends_with(".gitattributes") {
        if let Some(text) = ctx.reader.text(path) {
            if text.starts_with("version https://git-lfs.github.com/spec/") {
                ctx.facts.lfs_pointers.push(path.to_owned());
                return Flow::Skip;
            }
        }
    }
    Flow::Next
}

/// A real `.env` file with values: one finding per file, since the file is
/// the mistake.
pub(super) fn env_file(ctx: &mut GatherContext<'_>, f: &FileEntry) -> Flow {
    let path = f.path.as_str();
    let env_script = path.rsplit('/').next() == Some("env.py");
    if !(hygiene::is_env_file_name(path) || env_script) || hygiene::is_fixture_path(path) {
        return Flow::Next;
    }
    if let Some(text) = ctx.reader.named_text(path, "environment file") {
        let values = if env_script {
            hygiene::python_env_values(&text)
        } else {
            hygiene::env_values(&text)
        };
        if let Some((line, _)) = values.first() {
            let keys: Vec<&str> = values.iter().map(|(_, k)| k.as_str()).collect();
            ctx.facts.hygiene.junk.insert(JunkItem {
                category: JunkCategory::EnvFile,
                path: path.to_owned(),
                line: Some(*line),
                note: Some(format!("sets {}", keys.join(", "))),
            });
        }
    }
    Flow::Next
}

/// Secrets in HEAD files that may hold keys. Python files are checked by
/// the parser, which knows a docstring from an assignment.
pub(super) fn secrets(ctx: &mut GatherContext<'_>, f: &FileEntry) -> Flow {
    let path = f.path.as_str();
    if !hygiene::may_hold_key(path) || path.ends_with(".py") || f.size > MAX_SECRET_SCAN_BYTES {
        return Flow::Next;
    }
    if let Some(text) = ctx.reader.text(path) {
        for (line, kind) in secrets::find_secrets(path, &text) {
            ctx.facts.hygiene.junk.insert(JunkItem {
                category: secrets::category(path, &kind),
                path: path.to_owned(),
                line: Some(line),
                note: Some(kind),
            });
        }
    }
    Flow::Next
}

/// The text of the files that content rules asked for.
pub(super) fn contents(ctx: &mut GatherContext<'_>, f: &FileEntry) -> Flow {
    let path = f.path.as_str();
    if ctx.content_globs.is_match(path) {
        if let Some(text) = ctx.reader.text(path) {
            ctx.facts.contents.insert(path.to_owned(), text.to_string());
        }
    }
    Flow::Next
}

/// The root `.gitignore` and, in a monorepo, those beside each Python
/// project's manifest (backend/.gitignore).
pub(super) fn gitignores(ctx: &mut GatherContext<'_>) {
    if !ctx.facts.path_exists(".gitignore") {
        return;
    }
    if let Some(text) = ctx.reader.text(".gitignore") {
        let hygiene = &mut ctx.facts.hygiene;
        hygiene.gitignore = Some(".gitignore".to_owned());
        hygiene
            .gitignores
            .push((".gitignore".to_owned(), text.to_string()));
    }
    let project_dirs: Vec<String> = ctx
        .facts
        .manifests
        .manifests
        .iter()
        .filter_map(|m| m.path.rsplit_once('/').map(|(d, _)| d.to_owned()))
        .collect();
    for dir in project_dirs {
        let path = format!("{dir}/.gitignore");
        if ctx.facts.path_exists(&path)
            && !ctx.facts.hygiene.gitignores.iter().any(|(p, _)| *p == path)
        {
            if let Some(text) = ctx.reader.text(&path) {
                ctx.facts.hygiene.gitignores.push((path, text.to_string()));
            }
        }
    }
}
