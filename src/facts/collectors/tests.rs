use super::*;
use crate::facts::hygiene::JunkCategory;
use crate::source::{SourceInfo, SourceKind};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};

/// A repository held in memory, counting how often each file is read.
struct MemSource {
    files: Vec<FileEntry>,
    texts: BTreeMap<String, String>,
    info: SourceInfo,
    reads: RefCell<BTreeMap<String, usize>>,
}

impl MemSource {
    fn new(files: &[(&str, &str)]) -> Self {
        let texts: BTreeMap<String, String> = files
            .iter()
            .map(|(p, t)| ((*p).to_owned(), (*t).to_owned()))
            .collect();
        MemSource {
            files: texts
                .iter()
                .map(|(p, t)| FileEntry {
                    path: p.clone(),
                    size: t.len() as u64,
                    kind: EntryKind::File,
                })
                .collect(),
            texts,
            info: SourceInfo::default(),
            reads: RefCell::new(BTreeMap::new()),
        }
    }
}

impl Source for MemSource {
    fn kind(&self) -> SourceKind {
        SourceKind::Folder
    }
    fn info(&self) -> &SourceInfo {
        &self.info
    }
    fn files(&self) -> &[FileEntry] {
        &self.files
    }
    fn listing_errors(&self) -> &[AuditError] {
        &[]
    }
    fn read(&self, path: &str) -> Result<Vec<u8>, AuditError> {
        *self.reads.borrow_mut().entry(path.to_owned()).or_default() += 1;
        self.texts
            .get(path)
            .map(|t| t.as_bytes().to_vec())
            .ok_or_else(|| AuditError::at(path, "no such file"))
    }
}

fn gather(source: &MemSource) -> (Facts, Vec<AuditError>) {
    crate::facts::gather(
        source,
        &SectionTable::default(),
        &GlobSet::empty(),
        &HistoryOptions::default(),
    )
}

#[test]
fn collector_names_are_unique() {
    let names: Vec<&str> = COLLECTORS.iter().map(|(n, _)| *n).collect();
    assert_eq!(names.iter().collect::<HashSet<_>>().len(), names.len());
    let names: Vec<&str> = FILE_COLLECTORS.iter().map(|(n, _)| *n).collect();
    assert_eq!(names.iter().collect::<HashSet<_>>().len(), names.len());
}

#[test]
fn secrets_in_head_files_and_python_share_one_mapping() {
    let source = MemSource::new(&[
        ("deploy/config.yml", "aws_key: AKIAABCDEFGHIJKLMNOP\n"),
        (
            "tests/fixtures/config.yml",
            "aws_key: AKIAABCDEFGHIJKLMNOP\n",
        ),
        (
            "app/settings.py",
            "SECRET_KEY = 'django-insecure-8x#k2!p'\n",
        ),
    ]);
    let (facts, errors) = gather(&source);
    assert!(errors.is_empty(), "{errors:?}");
    let found: Vec<(&str, JunkCategory)> = facts
        .hygiene
        .junk
        .iter()
        .map(|j| (j.path.as_str(), j.category))
        .collect();
    assert!(found.contains(&("deploy/config.yml", JunkCategory::Secret)));
    assert!(found.contains(&("tests/fixtures/config.yml", JunkCategory::FixtureSecret)));
    assert!(found.contains(&("app/settings.py", JunkCategory::Secret)));
}

#[test]
fn every_file_is_read_once_and_lfs_pointers_are_not_code() {
    let pointer = format!(
        "version https://git-lfs.github.com/spec/v1\noid sha256:{}\nsize 12345\n",
        "a".repeat(64)
    );
    let source = MemSource::new(&[
        ("Dockerfile", "FROM python:3.12-slim\nUSER app\n"),
        ("model.py", pointer.as_str()),
        (
            "pyproject.toml",
            "[project]\nname = \"x\"\ndependencies = [\"flask\"]\n",
        ),
        ("app.py", "import flask\n"),
    ]);
    let (facts, _) = gather(&source);
    assert_eq!(facts.lfs_pointers, vec!["model.py".to_owned()]);
    assert_eq!(facts.python.source_files, 1);
    assert_eq!(facts.web_frameworks, vec!["flask".to_owned()]);
    assert_eq!(facts.dockerfiles.len(), 1);
    for (path, n) in source.reads.borrow().iter() {
        assert_eq!(*n, 1, "{path} read {n} times");
    }
}
