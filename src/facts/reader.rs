//! The one way collectors read file contents: each blob is read at most
//! once, decoded by `text::decode` (BOM-aware UTF-8/UTF-16), binary files
//! read as nothing, and failures and lossy decodes are remembered as error
//! entries rather than returned.

use super::text::{Decoded, decode};
use crate::error::AuditError;
use crate::source::Source;
use std::collections::HashMap;
use std::rc::Rc;

/// Decodes `bytes` read from `path`; a lossy decode is still text, and is
/// reported in `errors` so no verdict silently rests on a half-read file.
pub(super) fn decode_reported(
    path: &str,
    bytes: &[u8],
    errors: &mut Vec<AuditError>,
) -> Option<String> {
    match decode(bytes) {
        Decoded::Text {
            text,
            encoding,
            lossy,
        } => {
            if lossy {
                errors.push(AuditError::at(
                    path,
                    format!(
                        "not valid {}; read with replacement characters",
                        encoding.name()
                    ),
                ));
            }
            Some(text)
        }
        Decoded::Binary => None,
    }
}

/// Reads each file at most once, remembering failures as error entries.
pub(super) struct Reader<'s> {
    source: &'s dyn Source,
    cache: HashMap<String, Option<Rc<str>>>,
    pub(super) errors: Vec<AuditError>,
}

impl<'s> Reader<'s> {
    pub(super) fn new(source: &'s dyn Source) -> Self {
        Reader {
            source,
            cache: HashMap::new(),
            errors: Vec::new(),
        }
    }

    /// The text of a file; None for binary files and read failures (the
    /// failure is recorded once).
    pub(super) fn text(&mut self, path: &str) -> Option<Rc<str>> {
        if let Some(hit) = self.cache.get(path) {
            return hit.clone();
        }
        let result = match self.source.read(path) {
            Ok(bytes) => decode_reported(path, &bytes, &mut self.errors).map(Rc::from),
            Err(e) => {
                self.errors.push(e);
                None
            }
        };
        self.cache.insert(path.to_owned(), result.clone());
        result
    }

    /// The text of a file the repository names for a purpose (a manifest,
    /// a CI config, a .env): unlike a file found by a scan, one that cannot
    /// be read as text is worth an error entry naming it, so no verdict
    /// says "no CI" about a CI file that is there but undecodable.
    pub(super) fn named_text(&mut self, path: &str, what: &str) -> Option<Rc<str>> {
        let text = self.text(path);
        if text.is_none() && !self.errors.iter().any(|e| e.path.as_deref() == Some(path)) {
            self.errors.push(AuditError::at(
                path,
                format!("{what} is not a text file (binary or undecodable); not read"),
            ));
        }
        text
    }
}
