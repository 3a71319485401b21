//! Compiled regexes (one cache for the process) and glob sets (cached per
//! thread), and the validation that makes the caches safe: a pattern that
//! reaches evaluation parsed when the pack loaded, and compiles on first
//! use.

use super::Invalid;
use globset::{Glob, GlobSet, GlobSetBuilder};
use regex::Regex;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex, PoisonError};

/// Every regex compiled so far, by pattern. Shared by all threads: each
/// pattern compiles on its first use (the same pattern recurs across
/// profiles), and evaluation on worker threads reuses it. The pack's
/// validation only parses them.
static REGEXES: LazyLock<Mutex<HashMap<String, Regex>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

thread_local! {
    static GLOBS: RefCell<HashMap<Vec<String>, GlobSet>> = RefCell::new(HashMap::new());
}

/// The compiled regex for a pattern, from the cache or compiled now.
fn compiled(pattern: &str) -> Result<Regex, regex::Error> {
    let mut cache = REGEXES.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(re) = cache.get(pattern) {
        return Ok(re.clone());
    }
    let re = Regex::new(pattern)?;
    cache.insert(pattern.to_owned(), re.clone());
    Ok(re)
}

/// Patterns were validated when the pack loaded; compiled once per thread.
pub fn regex(pattern: &str) -> Regex {
    compiled(pattern).unwrap_or_else(|_| Regex::new("$^").expect("empty regex"))
}

pub fn globset(globs: &[String]) -> GlobSet {
    GLOBS.with(|cache| {
        cache
            .borrow_mut()
            .entry(globs.to_vec())
            .or_insert_with(|| {
                let mut b = GlobSetBuilder::new();
                for g in globs {
                    // File names differ in case across platforms and people
                    // (License.md, readme.MD); a reviewer does not care.
                    if let Ok(glob) = globset::GlobBuilder::new(g)
                        .literal_separator(true)
                        .case_insensitive(true)
                        .build()
                    {
                        b.add(glob);
                    } else if let Ok(glob) = Glob::new(g) {
                        b.add(glob);
                    }
                }
                b.build().unwrap_or_else(|_| GlobSet::empty())
            })
            .clone()
    })
}

/// The pattern compiles as a regex.
pub fn valid_regex(pattern: &str) -> Result<(), Invalid> {
    // Parsing catches every syntax error, with the message `Regex::new`
    // gives, without building the matcher: the pack holds every profile's
    // patterns, and one repository's audit uses under half of them, so
    // each compiles on first use instead (about 10 ms of a small run).
    // The same pattern recurs in every profile: parse it once.
    static PARSED: LazyLock<Mutex<std::collections::HashSet<String>>> =
        LazyLock::new(|| Mutex::new(std::collections::HashSet::new()));
    let mut parsed = PARSED.lock().unwrap_or_else(PoisonError::into_inner);
    if parsed.contains(pattern) {
        return Ok(());
    }
    regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .map_err(|e| Invalid::new(Some(pattern.to_owned()), format!("invalid regex: {e}")))?;
    parsed.insert(pattern.to_owned());
    Ok(())
}

/// Every pattern compiles as a regex.
pub fn valid_regexes(patterns: &[String]) -> Result<(), Invalid> {
    patterns.iter().try_for_each(|p| valid_regex(p))
}

/// Every glob parses.
pub fn valid_globs(globs: &[String]) -> Result<(), Invalid> {
    for g in globs {
        Glob::new(g).map_err(|e| {
            Invalid::new(Some(g.clone()), format!("invalid glob `{g}`: {}", e.kind()))
        })?;
    }
    Ok(())
}
