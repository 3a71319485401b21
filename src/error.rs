//! Error types. `AuditError` is a problem inside one repository: it is
//! reported and the run goes on. `ConfigError` ends the run with exit code 2.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A problem confined to one repository, usually to one file in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditError {
    /// The file (repository-relative) or object the problem concerns.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    pub message: String,
    /// The problem may not happen on the next read (a git object missing
    /// or corrupt, a file that could not be read), so nothing learnt
    /// alongside it is cached. A malformed manifest stays malformed.
    #[serde(skip)]
    pub transient: bool,
}

impl AuditError {
    pub fn at(path: impl Into<String>, message: impl Into<String>) -> Self {
        AuditError {
            path: Some(path.into()),
            message: message.into(),
            transient: false,
        }
    }

    /// The repository as a whole could not be read: always transient.
    pub fn repo(message: impl Into<String>) -> Self {
        AuditError {
            path: None,
            message: message.into(),
            transient: true,
        }
    }

    /// A read that failed and may succeed next time (see `transient`).
    pub fn unreadable(path: impl Into<String>, message: impl Into<String>) -> Self {
        AuditError {
            transient: true,
            ..AuditError::at(path, message)
        }
    }
}

impl fmt::Display for AuditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(p) => write!(f, "{p}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// A usage or configuration error: the run cannot go on.
#[derive(Debug, thiserror::Error)]
#[error("{location}: {message}")]
pub struct ConfigError {
    /// `file:line:col`, or just the file when no position is known.
    pub location: String,
    pub message: String,
}

impl ConfigError {
    pub fn new(location: impl Into<String>, message: impl Into<String>) -> Self {
        ConfigError {
            location: location.into(),
            message: message.into(),
        }
    }

    /// Builds `file:line:col` from a byte offset into `text`.
    pub fn at_offset(file: &str, text: &str, offset: usize, message: impl Into<String>) -> Self {
        let (line, col) = line_col(text, offset);
        ConfigError::new(format!("{file}:{line}:{col}"), message)
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// 1-based line number of a byte offset.
pub fn line_of(text: &str, offset: usize) -> u32 {
    line_col(text, offset).0 as u32
}

/// Line lookups in O(log n), for parsers that ask for every event.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> u32 {
        self.starts.partition_point(|s| *s <= offset) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_agrees_with_line_of() {
        let text = "a\nbb\n\nccc";
        let idx = LineIndex::new(text);
        for offset in 0..text.len() {
            assert_eq!(idx.line(offset), line_of(text, offset), "offset {offset}");
        }
    }
}
