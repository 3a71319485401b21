//! The result cache: what an audit learned from a commit's history does not
//! change while the commit does not, so a re-audit of an unchanged
//! repository skips the history walk (the part that reads every object).
//!
//! Entries live in the user's cache directory (`$PORTFOLIO_AUDIT_CACHE_DIR`,
//! else `$XDG_CACHE_HOME/portfolio-audit`, else `~/.cache/portfolio-audit`),
//! never inside the audited repository. An entry is untrusted input like
//! any file: one that cannot be read, parsed, or whose header does not
//! match the key it was looked up by is ignored and rewritten.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::cell::Cell;
use std::path::{Path, PathBuf};

thread_local! {
    /// Set while an entry is being written: see [`in_output`].
    static WRITING_ENTRY: Cell<bool> = const { Cell::new(false) };
}

/// A serde `skip_serializing_if` predicate for working state that reports
/// leave out (file texts, parse details the rules read) but a cache entry
/// must keep, or a warm run would judge less than a cold one.
pub fn in_output<T>(_: &T) -> bool {
    !WRITING_ENTRY.with(Cell::get)
}

/// Resets the flag even when serialisation panics.
struct WritingEntry;

impl WritingEntry {
    fn start() -> Self {
        WRITING_ENTRY.with(|w| w.set(true));
        WritingEntry
    }
}

impl Drop for WritingEntry {
    fn drop(&mut self) {
        WRITING_ENTRY.with(|w| w.set(false));
    }
}

/// A name from the tool's own vocabulary. The alias also keeps serde's
/// derive from treating the field as borrowed from the input, which would
/// make a whole `Facts` impossible to read back.
pub type VocabName = &'static str;

/// Reads a `&'static str` fact (a CI provider, a manifest kind: names from
/// the tool's own vocabulary) back from an entry. Each distinct name is
/// leaked once and reused; an entry is untrusted, so long names or more
/// than a few hundred distinct ones make the entry unreadable instead.
pub fn static_str<'de, D: serde::Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    let s = String::deserialize(d)?;
    intern(&s).ok_or_else(|| serde::de::Error::custom("not a vocabulary name"))
}

/// [`static_str`] for a list.
pub fn static_strs<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<&'static str>, D::Error> {
    Vec::<String>::deserialize(d)?
        .iter()
        .map(|s| intern(s).ok_or_else(|| serde::de::Error::custom("not a vocabulary name")))
        .collect()
}

fn intern(s: &str) -> Option<&'static str> {
    use std::sync::{Mutex, PoisonError};
    static NAMES: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
    let mut names = NAMES.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(n) = names.iter().find(|n| **n == s) {
        return Some(n);
    }
    if s.len() > 64 || names.len() >= 512 {
        return None;
    }
    let leaked: &'static str = Box::leak(s.to_owned().into_boxed_str());
    names.push(leaked);
    Some(leaked)
}

/// Bumped whenever the layout of a cache entry changes.
pub const FORMAT: u32 = 1;

/// The version and build this binary is: entries of any other build are
/// never served, since what a result holds can change between releases.
/// The build fingerprint hashes the sources and rule files (build.rs).
fn build_id() -> String {
    format!(
        "{}+{}",
        env!("CARGO_PKG_VERSION"),
        env!("PORTFOLIO_AUDIT_BUILD")
    )
}

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
#[derive(Debug, Serialize, Deserialize, PartialEq)]
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

#[derive(Deserialize)]
struct EntryIn<T> {
    header: Header,
    value: T,
}

/// A content-derived key: the SHA-1 of the parts, which name a commit and
/// every option the cached result depends on.
pub fn key(kind: &str, parts: &[&str]) -> String {
    let mut text = format!("{kind}\0{FORMAT}\0{}", build_id());
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
        version: build_id(),
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
    {
        let _writing = WritingEntry::start();
        let mut out = std::io::BufWriter::new(&mut tmp);
        serde_json::to_writer(&mut out, &entry)?;
        std::io::Write::flush(&mut out)?;
    }
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
