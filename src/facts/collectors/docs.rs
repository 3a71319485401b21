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

/// Parses the README a reviewer would open first. Read directly rather
/// than through the cache: its text is kept whole in the facts.
pub(super) fn readme(ctx: &mut GatherContext<'_>) {
    let Some(entry) = readme_candidates(ctx.files) else {
        return;
    };
    match ctx.source.read(&entry.path) {
        Ok(bytes) => match decode_reported(&entry.path, &bytes, &mut ctx.reader.errors) {
            Some(text) => ctx.facts.readme = Some(readme::parse(&entry.path, text, ctx.sections)),
            None => ctx.reader.errors.push(AuditError::at(
                &entry.path,
                "README is a binary file; not read",
            )),
        },
        Err(e) => ctx.reader.errors.push(e),
    }
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
