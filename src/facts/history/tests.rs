//! The history read on several threads is the history read on one.

use super::{HistoryOptions, analyse_with};
use crate::source::{GitSource, Source};
use git2::{Repository, Signature, Time};

/// A history long enough to be split into many slices, with what the
/// replay must order right: secrets added, removed and re-added (the same
/// blob at two paths), exact renames, `.env` files and junk.
fn long_history(dir: &std::path::Path) -> Repository {
    let repo = Repository::init(dir).expect("init");
    let mut parent: Option<git2::Oid> = None;
    let mut files: std::collections::BTreeMap<String, Vec<u8>> = Default::default();
    for i in 0..400u32 {
        match i % 7 {
            0 => {
                files.insert(format!("pkg/mod{i}.py"), format!("x = {i}\n").into_bytes());
            }
            1 => {
                let key = format!("token = 'ghp_{:0>36}'\n", i % 3);
                files.insert(format!("conf/settings{}.yml", i % 5), key.into_bytes());
            }
            2 => {
                if let Some(k) = files.keys().find(|k| k.starts_with("pkg/")).cloned() {
                    let v = files.remove(&k).expect("present");
                    files.insert(format!("moved/{i}/{}", &k[4..]), v);
                }
            }
            3 => {
                files.insert(".env".into(), format!("SECRET_KEY=v{i}\n").into_bytes());
            }
            4 => {
                files.insert(format!("venv/lib/m{i}.pyc"), vec![0, 1, 2]);
            }
            5 => {
                files.retain(|k, _| !k.starts_with("conf/settings1"));
            }
            _ => {
                files.insert("README.md".into(), format!("# r{i}\n").into_bytes());
            }
        }
        let mut index = git2::Index::new().expect("index");
        for (path, bytes) in &files {
            let oid = repo.blob(bytes).expect("blob");
            let entry = git2::IndexEntry {
                ctime: git2::IndexTime::new(0, 0),
                mtime: git2::IndexTime::new(0, 0),
                dev: 0,
                ino: 0,
                mode: 0o100644,
                uid: 0,
                gid: 0,
                file_size: bytes.len() as u32,
                id: oid,
                flags: 0,
                flags_extended: 0,
                path: path.as_bytes().to_vec(),
            };
            index.add(&entry).expect("add");
        }
        let tree_id = index.write_tree_to(&repo).expect("tree");
        let tree = repo.find_tree(tree_id).expect("tree");
        let sig = Signature::new(
            "A",
            "a@example.com",
            &Time::new(1_700_000_000 + i64::from(i) * 3600, 0),
        )
        .expect("sig");
        let parents: Vec<git2::Commit<'_>> = parent
            .iter()
            .map(|p| repo.find_commit(*p).expect("parent"))
            .collect();
        let refs: Vec<&git2::Commit<'_>> = parents.iter().collect();
        let id = repo
            .commit(
                Some("HEAD"),
                &sig,
                &sig,
                &format!("Change {i}"),
                &tree,
                &refs,
            )
            .expect("commit");
        parent = Some(id);
    }
    repo
}

#[test]
fn threads_do_not_change_the_history() {
    let dir = tempfile::tempdir().expect("tempdir");
    drop(long_history(dir.path()));
    let source = GitSource::open(dir.path()).expect("open");
    let repo = source.repository().expect("repo");
    let opts = HistoryOptions::default();
    let run = |threads| {
        let mut errors = Vec::new();
        let facts = analyse_with(repo, source.files(), &opts, &mut errors, threads);
        (serde_json::to_string(&facts).expect("json"), errors)
    };
    let (serial, serial_errors) = run(1);
    assert!(serial.contains("GitHub token"), "{serial}");
    assert!(serial.contains("bytecode"), "{serial}");
    for threads in [2, 3, 8] {
        let (parallel, errors) = run(threads);
        assert_eq!(serial, parallel, "{threads} threads");
        assert_eq!(serial_errors, errors);
    }
}
