//! Collectors: each fills in one concern of `Facts`, and `COLLECTORS` runs
//! them in order. A new fact is one collector function plus one line in a
//! table: `COLLECTORS` for a pass over the whole repository,
//! `FILE_COLLECTORS` for a look at each of the project's own files.
//!
//! Order matters where one collector reads what another wrote: junk folders
//! are known before project files are picked, manifests before the pin
//! files that fill in a missing Python version, everything before tracks.

mod ci;
mod derived;
mod docs;
mod package;
mod sources;
mod tree;

use super::Facts;
use super::history::HistoryOptions;
use super::pysrc::PyAnalyzer;
use super::reader::Reader;
use super::readme::SectionTable;
use crate::error::AuditError;
use crate::source::{EntryKind, FileEntry, Source};
use globset::GlobSet;

/// A collector over the whole repository.
pub(super) type Collector = fn(&mut GatherContext<'_>);

/// A collector that looks at one project file at a time.
type FileCollector = fn(&mut GatherContext<'_>, &FileEntry) -> Flow;

/// Whether the remaining file collectors should see this file.
#[derive(PartialEq)]
enum Flow {
    Next,
    /// The file is not what its name says (an LFS pointer): later
    /// collectors skip it.
    Skip,
}

/// Every collector, in the order it runs.
pub(super) const COLLECTORS: &[(&str, Collector)] = &[
    ("submodules", tree::submodules),
    ("junk", tree::junk),
    ("main language", tree::main_language),
    ("project files", project_files),
    // After the manifests and the Python analysis: the README is read
    // knowing the project's console scripts and whether it is a
    // test-automation suite (by what it declares or imports).
    ("console scripts", docs::console_scripts),
    ("python analysis", sources::analyse_python),
    ("readme", docs::readme),
    ("python credentials", sources::python_credentials),
    ("python version", sources::python_version),
    ("package", package::package),
    ("ci scripts", ci::follow_scripts),
    ("history", derived::history),
    ("env documentation", docs::env_documentation),
    ("gitignores", tree::gitignores),
    ("web frameworks", derived::web_frameworks),
    ("tracks", derived::tracks),
];

/// What `project_files` asks of each project file, in order.
const FILE_COLLECTORS: &[(&str, FileCollector)] = &[
    ("lock files", sources::lock_file),
    ("gherkin features", sources::gherkin),
    ("manifests", sources::manifest),
    ("python version files", sources::python_version_file),
    ("dockerfiles", sources::dockerfile),
    ("front-end manifests", sources::front_end_manifest),
    ("ci configs", ci::config),
    ("lfs pointers", tree::lfs_pointer),
    ("python sources", sources::python_source),
    ("env files", tree::env_file),
    ("secrets", tree::secrets),
    ("contents", tree::contents),
];

/// What a symlinked file is asked: the collectors that look for a file by
/// its name (a manifest, a CI config, a .env), which read it through the
/// source, so a link out of the repository is refused with an error entry
/// naming it. Scans of every file (secrets, contents, Python analysis)
/// skip links: a link inside the repository leads to a file they see
/// under its own path.
const SYMLINK_COLLECTORS: &[(&str, FileCollector)] = &[
    ("lock files", sources::lock_file),
    ("gherkin features", sources::gherkin),
    ("manifests", sources::manifest),
    ("python version files", sources::python_version_file),
    ("dockerfiles", sources::dockerfile),
    ("ci configs", ci::config),
    ("python sources", sources::symlinked_source),
    ("env files", tree::env_file),
];

/// What the collectors share: the inputs, the one reader, the facts being
/// filled in, and working state that later collectors consume.
pub(super) struct GatherContext<'a> {
    source: &'a dyn Source,
    files: &'a [FileEntry],
    sections: &'a SectionTable,
    content_globs: &'a GlobSet,
    history_options: &'a HistoryOptions,
    reader: Reader<'a>,
    facts: Facts,
    /// Top folders of committed junk (a venv, build output): not the
    /// project's own files.
    junk_dirs: Vec<String>,
    analyzer: Option<PyAnalyzer>,
    /// Python files read, parsed later in parallel and merged in path order.
    python_sources: Vec<(String, String)>,
    /// Read after the manifests: requires-python says more than a pin file.
    python_version_files: Vec<String>,
    /// The history, when it was read beside the collectors before it.
    history_read: Option<HistoryRead>,
}

/// The history facts and the errors met reading them.
type HistoryRead = (Option<crate::facts::history::HistoryFacts>, Vec<AuditError>);

impl<'a> GatherContext<'a> {
    pub(super) fn new(
        source: &'a dyn Source,
        sections: &'a SectionTable,
        content_globs: &'a GlobSet,
        history_options: &'a HistoryOptions,
    ) -> Self {
        let files = source.files();
        GatherContext {
            source,
            files,
            sections,
            content_globs,
            history_options,
            reader: Reader::new(source),
            facts: Facts {
                file_count: files.len(),
                files: files.to_vec(),
                ..Facts::default()
            },
            junk_dirs: Vec::new(),
            analyzer: PyAnalyzer::new(),
            python_sources: Vec::new(),
            python_version_files: Vec::new(),
            history_read: None,
        }
    }

    /// Runs every collector in order. The history reads only the commits
    /// and HEAD's file list, and nothing before it in the table reads what
    /// it finds, so with more than one thread it is read on another thread
    /// while the collectors before it run (on one repository, the history
    /// walk and the parsing of HEAD's Python files then overlap); its
    /// facts and errors are put in at its turn, so the result and the order
    /// of errors are the serial run's.
    pub(super) fn run(&mut self) {
        let at = COLLECTORS
            .iter()
            .position(|(name, _)| *name == "history")
            .unwrap_or(COLLECTORS.len());
        let (before, after) = COLLECTORS.split_at(at);
        let job = (rayon::current_num_threads() > 1)
            .then(|| derived::HistoryJob::of(self))
            .flatten();
        let read = std::sync::Mutex::new(None);
        rayon::in_place_scope(|scope| {
            if let Some(job) = job {
                let read = &read;
                scope.spawn(move |_| {
                    let done = job.run();
                    if let Ok(mut slot) = read.lock() {
                        *slot = done;
                    }
                });
            }
            for (_, collect) in before {
                collect(self);
            }
        });
        self.history_read = read.into_inner().ok().flatten();
        for (_, collect) in after {
            collect(self);
        }
    }

    /// The facts and every error recorded on the way, in order.
    pub(super) fn finish(self) -> (Facts, Vec<AuditError>) {
        (self.facts, self.reader.errors)
    }

    /// Junk and fixture folders are not the project's own manifests or code.
    fn is_project_path(&self, path: &str) -> bool {
        !self.junk_dirs.iter().any(|j| path.starts_with(j.as_str()))
            && !path
                .split('/')
                .any(|p| p == "node_modules" || p == "site-packages")
    }
}

/// Runs the file collectors over each of the project's own files, in path
/// order, so every blob is read once and errors come out in file order.
fn project_files(ctx: &mut GatherContext<'_>) {
    let files = ctx.files;
    for f in files.iter().filter(|f| f.kind != EntryKind::Submodule) {
        if !ctx.is_project_path(&f.path) {
            continue;
        }
        let collectors = match f.kind {
            EntryKind::Symlink => SYMLINK_COLLECTORS,
            _ => FILE_COLLECTORS,
        };
        for (_, collect) in collectors {
            if collect(ctx, f) == Flow::Skip {
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests;
