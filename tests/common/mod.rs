//! Shared helpers: fixtures built into temporary git repositories, and the
//! binary run as a user would run it.
#![allow(dead_code)]

pub mod http;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Mutex, Once, OnceLock};

pub const BIN: &str = env!("CARGO_BIN_EXE_portfolio-audit");

pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temp dir that lives as long as the test process and is removed when
/// it exits. A `TempDir` kept in a static is never dropped (statics are not),
/// so each test binary's run used to leave its fixtures behind: about 8 MB
/// a binary, hundreds of folders after a mutation-testing session, until
/// the disk filled.
pub fn process_temp_dir(prefix: &str) -> PathBuf {
    static PATHS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
    static AT_EXIT: Once = Once::new();
    extern "C" fn remove_all() {
        if let Ok(paths) = PATHS.lock() {
            for p in paths.iter() {
                let _ = std::fs::remove_dir_all(p);
            }
        }
    }
    let dir = tempfile::Builder::new()
        .prefix(prefix)
        .tempdir()
        .expect("temp dir")
        .keep();
    PATHS.lock().expect("temp dir list").push(dir.clone());
    // SAFETY: `remove_all` is a plain function that only touches statics;
    // libc runs it once when the process exits normally.
    AT_EXIT.call_once(|| unsafe {
        libc::atexit(remove_all);
    });
    dir
}

/// Every test-repos fixture built once per test binary, under one temp dir
/// that lives as long as the process.
pub fn portfolio() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = process_temp_dir("pa-portfolio");
        portfolio_audit::fixture::build_all(&manifest_dir().join("test-repos"), &dir)
            .expect("fixtures build");
        dir
    })
}

pub fn fixture_names() -> Vec<String> {
    portfolio_audit::fixture::list(&manifest_dir().join("test-repos"))
        .expect("list fixtures")
        .iter()
        .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
        .collect()
}

/// The result cache of this test process: a temp dir, so tests never
/// touch the real home's cache (and never read one an older build wrote).
pub fn cache_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| process_temp_dir("pa-cache"))
}

/// Runs the binary in `cwd` with a clean environment for colour.
pub fn run_in(cwd: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .env("PORTFOLIO_AUDIT_CACHE_DIR", cache_dir())
        .args(args)
        .current_dir(cwd)
        .env_remove("NO_COLOR")
        .output()
        .expect("binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh repository with fixed identity and dates, for tests that need a
/// shape no fixture has.
pub struct TestRepo {
    pub dir: tempfile::TempDir,
    pub repo: git2::Repository,
    time: i64,
}

impl TestRepo {
    pub fn new() -> Self {
        let dir = tempfile::Builder::new()
            .prefix("pa-repo")
            .tempdir()
            .expect("temp dir");
        let repo = git2::Repository::init(dir.path()).expect("init");
        TestRepo {
            dir,
            repo,
            time: 1_700_000_000,
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Commits exactly these files (path, bytes) as the whole tree.
    pub fn commit(&mut self, message: &str, files: &[(&str, &[u8])]) -> git2::Oid {
        let mut index = git2::Index::new().expect("index");
        for (path, bytes) in files {
            let oid = self.repo.blob(bytes).expect("blob");
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
        let tree_id = index.write_tree_to(&self.repo).expect("tree");
        self.commit_tree(message, tree_id)
    }

    pub fn commit_tree(&mut self, message: &str, tree_id: git2::Oid) -> git2::Oid {
        let tree = self.repo.find_tree(tree_id).expect("tree");
        self.time += 3600;
        let sig = git2::Signature::new(
            "Test Author",
            "test@example.com",
            &git2::Time::new(self.time, 0),
        )
        .expect("sig");
        let parent = self.repo.head().ok().and_then(|h| h.peel_to_commit().ok());
        let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
        self.repo
            .commit(Some("HEAD"), &sig, &sig, message, &tree, &parents)
            .expect("commit")
    }
}

/// Parses the binary's JSON output.
pub fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("invalid JSON ({e}): {}", stdout(o)))
}

/// The outcome of rule `id` in the first repo of a JSON report.
pub fn outcome<'a>(report: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    report["repos"][0]["outcomes"]
        .as_array()
        .expect("outcomes")
        .iter()
        .find(|o| o["id"] == id)
        .unwrap_or_else(|| panic!("no outcome {id}"))
}
