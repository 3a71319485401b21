//! Hand-built facts for the check modules' unit tests.

use crate::facts::Facts;
use crate::facts::python::Loc;
use crate::source::{EntryKind, FileEntry};

/// Owned strings from literals.
pub fn s(items: &[&str]) -> Vec<String> {
    items.iter().map(|i| (*i).to_owned()).collect()
}

/// Facts holding these files (path, size), sorted as gathering sorts them.
pub fn facts_with_files(files: &[(&str, u64)]) -> Facts {
    let mut entries: Vec<FileEntry> = files
        .iter()
        .map(|(path, size)| FileEntry {
            path: (*path).to_owned(),
            size: *size,
            kind: EntryKind::File,
        })
        .collect();
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    Facts {
        file_count: entries.len(),
        files: entries,
        ..Facts::default()
    }
}

/// Facts whose README.md has this Markdown text, parsed with the default
/// pack's section table.
pub fn facts_with_readme(text: &str) -> Facts {
    let table = crate::rules::load_default_pack()
        .expect("default pack")
        .section_table();
    let mut facts = facts_with_files(&[("README.md", text.len() as u64)]);
    facts.readme = Some(crate::facts::readme::parse(
        "README.md",
        text.to_owned(),
        &table,
    ));
    facts
}

pub fn loc(path: &str, line: u32) -> Loc {
    Loc {
        path: path.to_owned(),
        line,
        note: None,
    }
}
