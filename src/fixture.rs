//! Builds real git repositories from the fixtures in `test-repos/`: plain
//! files under `tree/` plus a `history.toml` that says which commits add,
//! change and remove them. Authors and dates are fixed, so commit ids never
//! change. Used by the tests and by `portfolio-audit demo`.

use anyhow::{Context, Result, bail};
use git2::{FileMode, Oid, Repository, Signature, Time};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const DEFAULT_AUTHOR: &str = "Casey Candidate <casey@example.com>";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct History {
    pub description: String,
    /// `git` (default) builds a repository; `folder` copies plain files.
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default, rename = "commit")]
    pub commits: Vec<CommitSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommitSpec {
    pub message: String,
    pub date: toml::value::Datetime,
    #[serde(default)]
    pub author: Option<String>,
    /// Globs over `tree/`: these files take their final content.
    #[serde(default)]
    pub add: Vec<String>,
    /// Paths removed in this commit.
    #[serde(default)]
    pub remove: Vec<String>,
    /// An annotated tag to put on this commit.
    #[serde(default)]
    pub tag: Option<String>,
    /// Inline contents, for files that change over time or that must never
    /// exist as real files in this repository (a committed `.env`).
    #[serde(default)]
    pub write: BTreeMap<String, String>,
}

/// Every fixture directory under `root` (those with a history.toml), sorted.
pub fn list(root: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root).with_context(|| format!("reading {}", root.display()))? {
        let path = entry?.path();
        if path.join("history.toml").is_file() {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

pub fn load_history(fixture: &Path) -> Result<History> {
    let path = fixture.join("history.toml");
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))
}

fn tree_files(fixture: &Path) -> Result<Vec<String>> {
    let root = fixture.join("tree");
    let mut out = Vec::new();
    if !root.is_dir() {
        return Ok(out);
    }
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let entry = entry?;
            let p = entry.path();
            if entry.file_type()?.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(&root)?.to_string_lossy().replace('\\', "/");
                out.push(rel);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Seconds since the epoch for a TOML datetime (UTC unless an offset is given).
fn unix_seconds(dt: &toml::value::Datetime) -> Result<i64> {
    let Some(date) = dt.date else {
        bail!("commit date {dt} has no date part")
    };
    let (y, m, d) = (date.year as i64, date.month as i64, date.day as i64);
    // Days from civil, after Howard Hinnant's algorithm.
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146097 + doe - 719468;
    let secs = dt.time.map_or(0, |t| {
        t.hour as i64 * 3600 + t.minute as i64 * 60 + t.second.unwrap_or(0) as i64
    });
    let offset = match dt.offset {
        Some(toml::value::Offset::Custom { minutes }) => minutes as i64 * 60,
        _ => 0,
    };
    Ok(days * 86400 + secs - offset)
}

fn signature(author: &str, when: i64) -> Result<Signature<'static>> {
    let (name, email) = author
        .split_once('<')
        .map(|(n, e)| {
            (
                n.trim().to_owned(),
                e.trim_end_matches('>').trim().to_owned(),
            )
        })
        .unwrap_or_else(|| (author.to_owned(), String::new()));
    Ok(Signature::new(&name, &email, &Time::new(when, 0))?)
}

fn write_tree(repo: &Repository, files: &BTreeMap<String, Vec<u8>>, prefix: &str) -> Result<Oid> {
    let mut builder = repo.treebuilder(None)?;
    let mut subdirs: Vec<String> = Vec::new();
    for (path, content) in files.range(prefix.to_owned()..) {
        let Some(rest) = path.strip_prefix(prefix) else {
            break;
        };
        match rest.split_once('/') {
            Some((dir, _)) => {
                if subdirs.last().map(String::as_str) != Some(dir) {
                    subdirs.push(dir.to_owned());
                }
            }
            None => {
                let oid = repo.blob(content)?;
                builder.insert(rest, oid, FileMode::Blob.into())?;
            }
        }
    }
    subdirs.dedup();
    for dir in subdirs {
        let oid = write_tree(repo, files, &format!("{prefix}{dir}/"))?;
        builder.insert(&dir, oid, FileMode::Tree.into())?;
    }
    Ok(builder.write()?)
}

/// Materialises one fixture into `dest` (created). Returns the path to audit.
pub fn build(fixture: &Path, dest: &Path) -> Result<PathBuf> {
    let history = load_history(fixture)?;
    let all = tree_files(fixture)?;
    std::fs::create_dir_all(dest)?;
    if history.kind.as_deref() == Some("folder") {
        for rel in &all {
            let to = dest.join(rel);
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::copy(fixture.join("tree").join(rel), &to)?;
        }
        return Ok(dest.to_path_buf());
    }
    let repo = Repository::init(dest)?;
    let mut state: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut parent: Option<Oid> = None;
    for (i, c) in history.commits.iter().enumerate() {
        let mut matched_any = c.add.is_empty();
        for pattern in &c.add {
            let glob = globset::Glob::new(pattern)?.compile_matcher();
            for rel in all.iter().filter(|r| glob.is_match(r.as_str())) {
                matched_any = true;
                state.insert(rel.clone(), std::fs::read(fixture.join("tree").join(rel))?);
            }
        }
        if !matched_any {
            bail!(
                "{}: commit {} adds {:?}, which matches no file in tree/",
                fixture.display(),
                i + 1,
                c.add
            );
        }
        for (path, content) in &c.write {
            state.insert(path.clone(), content.clone().into_bytes());
        }
        for path in &c.remove {
            let prefix = format!("{}/", path.trim_end_matches('/'));
            let before = state.len();
            state.retain(|k, _| k != path && !k.starts_with(&prefix));
            if state.len() == before {
                bail!(
                    "{}: commit {} removes {path}, which is not in the tree",
                    fixture.display(),
                    i + 1
                );
            }
        }
        let tree = repo.find_tree(write_tree(&repo, &state, "")?)?;
        let when = unix_seconds(&c.date)?;
        let sig = signature(c.author.as_deref().unwrap_or(DEFAULT_AUTHOR), when)?;
        let parents: Vec<git2::Commit<'_>> = parent
            .map(|p| repo.find_commit(p))
            .transpose()?
            .into_iter()
            .collect();
        let parent_refs: Vec<&git2::Commit<'_>> = parents.iter().collect();
        let oid = repo.commit(None, &sig, &sig, &c.message, &tree, &parent_refs)?;
        if let Some(tag) = &c.tag {
            let object = repo.find_object(oid, None)?;
            repo.tag(tag, &object, &sig, &format!("Release {tag}"), false)?;
        }
        parent = Some(oid);
    }
    if let Some(head) = parent {
        repo.reference("refs/heads/main", head, true, "fixture")?;
        repo.set_head("refs/heads/main")?;
        let mut checkout = git2::build::CheckoutBuilder::new();
        checkout.force();
        repo.checkout_head(Some(&mut checkout))?;
    } else {
        repo.set_head("refs/heads/main")?;
    }
    Ok(dest.to_path_buf())
}

/// Builds every fixture under `root` into `dest/<name>`.
pub fn build_all(root: &Path, dest: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for fixture in list(root)? {
        let name = fixture.file_name().context("fixture has no name")?;
        out.push(build(&fixture, &dest.join(name))?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_seconds() {
        let dt: toml::value::Datetime = "2024-01-05T10:00:00Z".parse().expect("datetime");
        assert_eq!(unix_seconds(&dt).expect("secs"), 1_704_448_800);
        let dt: toml::value::Datetime = "1970-01-01T00:00:00+01:00".parse().expect("datetime");
        assert_eq!(unix_seconds(&dt).expect("secs"), -3600);
    }
}
