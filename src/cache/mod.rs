//! The result cache: what an audit learned from a commit's history does not
//! change while the commit does not, so a re-audit of an unchanged
//! repository skips the history walk (the part that reads every object).
//!
//! Entries live in the user's cache directory (`$PORTFOLIO_AUDIT_CACHE_DIR`,
//! else `$XDG_CACHE_HOME/portfolio-audit`, else `~/.cache/portfolio-audit`),
//! never inside the audited repository. An entry is untrusted input like
//! any file: one that cannot be read, parsed, or whose header does not
//! match the key it was looked up by is ignored and rewritten.

use serde::Serialize;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

/// Bumped whenever what a cached result holds, or how it is computed,
/// changes within one released version.
pub const FORMAT: u32 = 1;

/// Entries bigger than this are not read (a cache entry is input too).
const MAX_ENTRY_BYTES: u64 = 64 * 1024 * 1024;

/// The cache directory the environment names, if any.
pub fn default_dir() -> Option<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(dir) = var("PORTFOLIO_AUDIT_CACHE_DIR") {
        return Some(PathBuf::from(dir));
    }
    // The XDG spec says a relative path is to be ignored.
    if let Some(xdg) = var("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
    {
        return Some(xdg.join("portfolio-audit"));
    }
    var("HOME").map(|h| PathBuf::from(h).join(".cache").join("portfolio-audit"))
}

/// The header every entry carries; it must equal the one looked up.
#[derive(Debug, Serialize, serde::Deserialize, PartialEq)]
struct Header {
    format: u32,
    version: String,
    key: String,
}

#[derive(Serialize)]
struct EntryOut<'a, T> {
    header: Header,
    value: &'a T,
}

#[derive(serde::Deserialize)]
struct EntryIn<T> {
    header: Header,
    value: T,
}

/// A content-derived key: the SHA-1 of the parts, which name a commit and
/// every option the cached result depends on.
pub fn key(kind: &str, parts: &[&str]) -> String {
    let mut text = format!("{kind}\0{FORMAT}\0{}", env!("CARGO_PKG_VERSION"));
    for p in parts {
        text.push('\0');
        text.push_str(p);
    }
    match git2::Oid::hash_object(git2::ObjectType::Blob, text.as_bytes()) {
        Ok(oid) => format!("{kind}-{oid}"),
        // Hashing in memory does not fail; a key nobody can find is safe.
        Err(_) => format!("{kind}-unhashable"),
    }
}

fn header(key: &str) -> Header {
    Header {
        format: FORMAT,
        version: env!("CARGO_PKG_VERSION").to_owned(),
        key: key.to_owned(),
    }
}

fn entry_path(dir: &Path, key: &str) -> PathBuf {
    dir.join(format!("{key}.json"))
}

/// The cached value for `key`, when there is a sound one.
pub fn load<T: DeserializeOwned>(dir: &Path, key: &str) -> Option<T> {
    let path = entry_path(dir, key);
    // A regular file only: a symlink planted in the cache is not followed.
    let meta = std::fs::symlink_metadata(&path).ok()?;
    if !meta.is_file() || meta.len() > MAX_ENTRY_BYTES {
        return None;
    }
    let bytes = std::fs::read(&path).ok()?;
    let entry: EntryIn<T> = serde_json::from_slice(&bytes).ok()?;
    (entry.header == header(key)).then_some(entry.value)
}

/// Stores a value under `key`: written to a temporary file and renamed, so
/// a reader never sees half an entry. Failing to write only costs speed.
pub fn store<T: Serialize>(dir: &Path, key: &str, value: &T) {
    let _ = try_store(dir, key, value);
}

fn try_store<T: Serialize>(dir: &Path, key: &str, value: &T) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let entry = EntryOut {
        header: header(key),
        value,
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    serde_json::to_writer(&mut tmp, &entry)?;
    tmp.persist(entry_path(dir, key)).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_distrust() {
        let dir = tempfile::tempdir().expect("tempdir");
        let k = key("t", &["abc"]);
        assert_eq!(load::<Vec<u32>>(dir.path(), &k), None);
        store(dir.path(), &k, &vec![1u32, 2]);
        assert_eq!(load::<Vec<u32>>(dir.path(), &k), Some(vec![1, 2]));
        // Another key's entry copied over this one is not trusted.
        let other = key("t", &["def"]);
        std::fs::copy(entry_path(dir.path(), &k), entry_path(dir.path(), &other)).expect("copy");
        assert_eq!(load::<Vec<u32>>(dir.path(), &other), None);
        // Garbage is ignored.
        std::fs::write(entry_path(dir.path(), &k), b"{not json").expect("write");
        assert_eq!(load::<Vec<u32>>(dir.path(), &k), None);
        assert_ne!(key("t", &["a", "b"]), key("t", &["ab"]));
    }
}
