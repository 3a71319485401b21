//! The one way collectors read file contents: each blob is read at most
//! once, binary files read as nothing, and failures are remembered as error
//! entries rather than returned.

use crate::error::AuditError;
use crate::source::Source;
use std::collections::HashMap;
use std::rc::Rc;

/// Whether bytes look like text: no NUL in the first 8 KiB.
pub(super) fn is_text(bytes: &[u8]) -> bool {
    !bytes[..bytes.len().min(8192)].contains(&0)
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
            Ok(bytes) if is_text(&bytes) => {
                Some(Rc::from(String::from_utf8_lossy(&bytes).as_ref()))
            }
            Ok(_) => None,
            Err(e) => {
                self.errors.push(e);
                None
            }
        };
        self.cache.insert(path.to_owned(), result.clone());
        result
    }
}
