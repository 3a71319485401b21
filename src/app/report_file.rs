//! Writing a report to `-o PATH`: one place decides how, for every format
//! and for the JSON Lines stream alike.
//!
//! A regular file (or a new one) is written to a temporary file beside the
//! target and renamed over it, so readers never see half a report. A special
//! file (`/dev/null`, `/dev/stdout`, a FIFO a CI step reads) is written
//! directly: renaming over it would leave its reader nothing and put a
//! regular file where a device was. A new report gets the mode the umask
//! gives (0666 less the umask), as any new file; an existing one keeps its
//! own mode.

use anyhow::Context;
use std::io::Write;
use std::path::{Path, PathBuf};

/// An open report file; [`ReportFile::finish`] puts it in place.
pub enum ReportFile {
    /// A special file, written in place.
    Direct(std::fs::File, PathBuf),
    /// A temporary file beside the target, renamed over it at the end.
    Replacing(tempfile::NamedTempFile, PathBuf),
}

impl ReportFile {
    pub fn create(path: &Path) -> anyhow::Result<Self> {
        let existing = std::fs::metadata(path).ok();
        if let Some(meta) = existing.as_ref().filter(|m| !m.is_file()) {
            if meta.is_dir() {
                anyhow::bail!("writing {}: is a directory", path.display());
            }
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .with_context(|| format!("writing {}", path.display()))?;
            return Ok(ReportFile::Direct(file, path.to_owned()));
        }
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let mut builder = tempfile::Builder::new();
        #[cfg(unix)]
        {
            // Created with this mode less the umask; an existing report's
            // mode is restored whole in `finish`.
            use std::os::unix::fs::PermissionsExt;
            let mode = existing
                .as_ref()
                .map_or(0o666, |m| m.permissions().mode() & 0o7777);
            builder.permissions(std::fs::Permissions::from_mode(mode));
        }
        let tmp = builder
            .tempfile_in(dir)
            .with_context(|| format!("creating a temporary file in {}", dir.display()))?;
        Ok(ReportFile::Replacing(tmp, path.to_owned()))
    }

    fn path(&self) -> &Path {
        match self {
            ReportFile::Direct(_, p) | ReportFile::Replacing(_, p) => p,
        }
    }

    /// Flushes the report and, for a regular file, renames it into place.
    pub fn finish(mut self) -> anyhow::Result<()> {
        let path = self.path().to_owned();
        self.flush()
            .with_context(|| format!("writing {}", path.display()))?;
        match self {
            ReportFile::Direct(..) => Ok(()),
            ReportFile::Replacing(tmp, path) => {
                #[cfg(unix)]
                if let Ok(meta) = std::fs::metadata(&path) {
                    use std::os::unix::fs::PermissionsExt;
                    if meta.is_file() {
                        tmp.as_file()
                            .set_permissions(std::fs::Permissions::from_mode(
                                meta.permissions().mode() & 0o7777,
                            ))?;
                    }
                }
                tmp.persist(&path)
                    .map_err(|e| e.error)
                    .with_context(|| format!("writing {}", path.display()))?;
                Ok(())
            }
        }
    }
}

impl Write for ReportFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            ReportFile::Direct(f, _) => f.write(buf),
            ReportFile::Replacing(t, _) => t.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            ReportFile::Direct(f, _) => f.flush(),
            ReportFile::Replacing(t, _) => t.flush(),
        }
    }
}

/// Writes a whole report to `path` (see the module comment for how).
pub fn write_atomically(path: &Path, text: &str) -> anyhow::Result<()> {
    let mut file = ReportFile::create(path)?;
    file.write_all(text.as_bytes())
        .with_context(|| format!("writing {}", path.display()))?;
    file.finish()
}
