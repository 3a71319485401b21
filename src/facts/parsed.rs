//! Python analysis, remembered per file: after a new commit only the files
//! it changed are parsed again.
//!
//! tree-sitter parsing is most of a cold audit's CPU time, and a file's
//! analysis depends only on its path and its text. So the analyses of the
//! last run over a repository are kept in the cache directory, keyed by
//! the repository's git directory, each with the blob id of the text it
//! was made from; a file whose text hashes to the same id is not parsed
//! again. One entry per repository, overwritten by each run with the
//! analyses of the files it read, so it never grows past HEAD's files.
//!
//! The entry is untrusted like every cache entry: one that does not
//! deserialize, or was written by another build (the cache key holds the
//! build id), is ignored and every file is parsed.

use super::pysrc::FileFacts;
use super::python;
use git2::{ObjectType, Oid, Repository};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;

/// One file's analysis; None for generated code, which is not analysed.
pub type Analysis = Option<(FileFacts, bool)>;

/// What is stored: by path, the blob id of the text and its analysis.
type Stored = BTreeMap<String, (String, Analysis)>;

/// Where the analyses of one repository are kept.
pub struct Store<'a> {
    pub dir: &'a Path,
    pub repo: &'a Repository,
}

/// Analyses every `(path, text)` on all worker threads, reusing a stored
/// analysis when the text is unchanged, and stores the new set. Results
/// are in the order of `sources`.
pub fn analyse_all(sources: &[(String, String)], store: Option<Store<'_>>) -> Vec<Analysis> {
    let Some(store) = store else {
        return sources
            .par_iter()
            .map(|(path, text)| python::analyse_file(path, text))
            .collect();
    };
    let key = entry_key(store.repo);
    let kept: Stored = crate::cache::load(store.dir, &key).unwrap_or_default();
    // Each file's blob id, its analysis, and whether it was reused.
    let analysed: Vec<(String, Analysis, bool)> = sources
        .par_iter()
        .map(|(path, text)| {
            let id = blob_id(text);
            match kept.get(path) {
                Some((stored, analysis)) if *stored == id => (id, analysis.clone(), true),
                _ => (id, python::analyse_file(path, text), false),
            }
        })
        .collect();
    // An unchanged set is not written again: a warm run writes nothing.
    let unchanged = kept.len() == sources.len() && analysed.iter().all(|(_, _, reused)| *reused);
    if !unchanged {
        // Stored as `Stored` is read back, without copying the analyses.
        let now: BTreeMap<&str, (&str, &Analysis)> = sources
            .iter()
            .zip(&analysed)
            .map(|((path, _), (id, analysis, _))| (path.as_str(), (id.as_str(), analysis)))
            .collect();
        crate::cache::store(store.dir, &key, &now);
    }
    analysed.into_iter().map(|(_, a, _)| a).collect()
}

/// One entry per repository: its git directory names it. The blob ids make
/// a stale entry harmless whichever clone it came from.
fn entry_key(repo: &Repository) -> String {
    let path = repo.path().to_string_lossy();
    crate::cache::key("parsed", &[&path])
}

/// The git blob id of the text, as a content hash; a text that cannot be
/// hashed gets an id no stored entry has.
fn blob_id(text: &str) -> String {
    Oid::hash_object(ObjectType::Blob, text.as_bytes())
        .map(|o| o.to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(files: &[(&str, &str)]) -> Vec<(String, String)> {
        files
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect()
    }

    fn tests_of(a: &Analysis) -> Vec<String> {
        a.as_ref()
            .map(|(f, _)| f.tests.iter().map(|t| t.name.clone()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn a_stored_analysis_is_reused_only_for_the_same_text() {
        let repo_dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(repo_dir.path()).unwrap();
        let cache = tempfile::tempdir().unwrap();
        let store = || {
            Some(Store {
                dir: cache.path(),
                repo: &repo,
            })
        };
        let first = sources(&[
            (
                "tests/test_a.py",
                "def test_one():\n    assert add(1, 2) == 3\n",
            ),
            ("pkg/b.py", "print('b')\n"),
        ]);
        let fresh = analyse_all(&first, None);
        assert_eq!(analyse_all(&first, store()).len(), 2);

        // Planted: the stored analysis of test_a.py claims another test.
        // Reused while the text is the same, so the store is what is read.
        let key = entry_key(&repo);
        let mut kept: Stored = crate::cache::load(cache.path(), &key).unwrap();
        kept.get_mut("tests/test_a.py")
            .and_then(|(_, a)| a.as_mut())
            .unwrap()
            .0
            .tests[0]
            .name = "planted".into();
        crate::cache::store(cache.path(), &key, &kept);
        let again = analyse_all(&first, store());
        assert_eq!(tests_of(&again[0]), vec!["planted"]);
        assert_eq!(
            again[1].as_ref().map(|(f, _)| f.prints.clone()),
            fresh[1].as_ref().map(|(f, _)| f.prints.clone())
        );

        // Changed text is parsed again, and the store forgets deleted files.
        let second = sources(&[(
            "tests/test_a.py",
            "def test_two():\n    assert add(2, 2) == 4\n",
        )]);
        let changed = analyse_all(&second, store());
        assert_eq!(tests_of(&changed[0]), vec!["test_two"]);
        let kept: Stored = crate::cache::load(cache.path(), &key).unwrap();
        assert_eq!(kept.keys().collect::<Vec<_>>(), vec!["tests/test_a.py"]);
    }

    #[test]
    fn a_damaged_entry_is_ignored() {
        let repo_dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(repo_dir.path()).unwrap();
        let cache = tempfile::tempdir().unwrap();
        let key = entry_key(&repo);
        std::fs::write(cache.path().join(format!("{key}.json")), "{not json").unwrap();
        let files = sources(&[("test_x.py", "def test_x():\n    assert add(1, 1) == 2\n")]);
        let store = Store {
            dir: cache.path(),
            repo: &repo,
        };
        let got = analyse_all(&files, Some(store));
        assert_eq!(tests_of(&got[0]), vec!["test_x"]);
    }
}
