//! The sample portfolio behind `portfolio-audit demo`. The fixtures of
//! `test-repos/` are compiled into the binary (see build.rs), so the demo
//! works from any folder after `cargo install`, not only in the source tree.

use anyhow::Context;
use std::path::{Component, Path};

include!(concat!(env!("OUT_DIR"), "/fixtures.rs"));

/// Writes the bundled fixtures under `dir`, as they are in `test-repos/`.
pub fn unpack(dir: &Path) -> anyhow::Result<()> {
    for (rel, bytes) in FIXTURES {
        let rel = Path::new(rel);
        // Paths come from our own build script; refuse anything that could
        // leave `dir` all the same.
        if !rel.components().all(|c| matches!(c, Component::Normal(_))) {
            anyhow::bail!("bundled fixture with an unsafe path: {}", rel.display());
        }
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
        }
        std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

/// How many files are bundled (for tests).
pub fn bundled_files() -> usize {
    FIXTURES.len()
}
