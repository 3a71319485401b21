//! Turning the paths a user gives into audit targets: git repositories
//! (working clones or bare mirrors), project folders, or folders of projects.

use crate::error::ConfigError;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetKind {
    Git,
    Folder,
    /// A listed path that cannot be audited; reported as an error entry.
    Invalid,
}

#[derive(Debug, Clone)]
pub struct Target {
    /// How the repository is named in reports: the user's path, extended
    /// with the relative path for repositories found beneath it.
    pub name: String,
    /// Why an `Invalid` target cannot be audited.
    pub problem: Option<String>,
    pub path: PathBuf,
    pub kind: TargetKind,
}

/// How deep to look for projects under a folder of projects.
const MAX_DEPTH: usize = 4;

pub fn is_git_repo(dir: &Path) -> bool {
    dir.join(".git").exists() || is_bare_repo(dir)
}

/// A bare repository: no `.git`, but HEAD, objects/ and refs/. Fetched
/// mirrors may lack a config file, so it is not required.
pub fn is_bare_repo(dir: &Path) -> bool {
    dir.join("HEAD").is_file() && dir.join("objects").is_dir() && dir.join("refs").is_dir()
}

const PROJECT_MARKERS: &[&str] = &[
    "pyproject.toml",
    "setup.py",
    "setup.cfg",
    "requirements.txt",
    "Pipfile",
    "environment.yml",
    "manage.py",
];

pub fn is_project_root(dir: &Path) -> bool {
    PROJECT_MARKERS.iter().any(|m| dir.join(m).is_file())
}

fn skip_dir(name: &str) -> bool {
    name.starts_with('.')
        || matches!(
            name,
            "node_modules" | "__pycache__" | "site-packages" | "venv" | "env"
        )
}

/// Paths from a list file (one per line; blank lines and `#` comments
/// skipped). A bad entry becomes an `Invalid` target, so one typo in a list
/// of thousands does not stop the run.
pub fn discover_list(text: &str) -> Vec<Target> {
    let mut out = Vec::new();
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        match discover(Path::new(line)) {
            Ok(targets) => out.extend(targets),
            Err(e) => out.push(Target {
                name: line.to_owned(),
                path: PathBuf::from(line),
                kind: TargetKind::Invalid,
                problem: Some(e.message),
            }),
        }
    }
    out
}

/// Expands one user path into targets, sorted by name.
pub fn discover(arg: &Path) -> Result<Vec<Target>, ConfigError> {
    let shown = arg.display().to_string();
    let meta = std::fs::metadata(arg)
        .map_err(|e| ConfigError::new(&shown, format!("cannot audit: {e}")))?;
    if !meta.is_dir() {
        return Err(ConfigError::new(
            &shown,
            "is a file; expected a repository or a folder",
        ));
    }
    let target = |path: &Path, name: String| Target {
        problem: None,
        kind: if is_git_repo(path) {
            TargetKind::Git
        } else {
            TargetKind::Folder
        },
        path: path.to_path_buf(),
        name,
    };
    if is_git_repo(arg) || is_project_root(arg) {
        return Ok(vec![target(arg, shown)]);
    }
    let mut found = Vec::new();
    walk(arg, 1, &mut found);
    if found.is_empty() {
        return Ok(vec![target(arg, shown)]);
    }
    found.sort();
    Ok(found
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(arg)
                .unwrap_or(&p)
                .to_string_lossy()
                .replace('\\', "/");
            let name = format!("{}/{rel}", shown.trim_end_matches('/'));
            target(&p, name)
        })
        .collect())
}

fn walk(dir: &Path, depth: usize, found: &mut Vec<PathBuf>) {
    if depth > MAX_DEPTH {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut dirs: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter(|e| !skip_dir(&e.file_name().to_string_lossy()))
        .map(|e| e.path())
        .collect();
    dirs.sort();
    for d in dirs {
        if is_git_repo(&d) || is_project_root(&d) {
            found.push(d);
        } else {
            walk(&d, depth + 1, found);
        }
    }
}
