//! Embeds the sample fixtures (`test-repos/`) in the binary, so
//! `portfolio-audit demo` works after `cargo install`, far from the source
//! folder. Writes `$OUT_DIR/fixtures.rs`: one `(relative path, bytes)` pair
//! per regular file, in sorted order so builds are reproducible. A small
//! walk here spares a dependency such as include_dir.
//!
//! Also sets `PORTFOLIO_AUDIT_BUILD`, a fingerprint of the sources and rule
//! files, which keys the result cache: between two releases the version
//! stays the same while what a fact holds can change, and a cached result
//! of another build must never be served.
//!
//! Also sets `cfg(has_chromium)` when Debian's Chromium is installed, so
//! the headless-browser test is compiled as ignored (reported "ignored",
//! never "ok") where it cannot run.

use std::path::{Path, PathBuf};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        // Only regular files and real folders: a symlink is never followed.
        if kind.is_dir() {
            walk(&entry.path(), out);
        } else if kind.is_file() {
            out.push(entry.path());
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let root = manifest.join("test-repos");
    println!("cargo:rerun-if-changed=test-repos");
    let mut files = Vec::new();
    walk(&root, &mut files);
    files.sort();
    let mut code = String::from("/// The bundled fixtures: (path under test-repos/, contents).\n");
    code.push_str("pub static FIXTURES: &[(&str, &[u8])] = &[\n");
    for file in &files {
        let rel = file.strip_prefix(&root).expect("under the root");
        let rel: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        code.push_str(&format!(
            "    ({:?}, include_bytes!({:?})),\n",
            rel.join("/"),
            file.display().to_string()
        ));
        println!("cargo:rerun-if-changed={}", file.display());
    }
    code.push_str("];\n");
    let out =
        PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets it")).join("fixtures.rs");
    // Rewriting identical content would still recompile the crate.
    if std::fs::read_to_string(&out).ok().as_deref() != Some(code.as_str()) {
        std::fs::write(out, code).expect("writing fixtures.rs");
    }

    let mut sources = Vec::new();
    for dir in ["src", "rules"] {
        println!("cargo:rerun-if-changed={dir}");
        walk(&manifest.join(dir), &mut sources);
    }
    sources.sort();
    // FNV-1a over each path and its bytes: stable across compilers.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for file in &sources {
        let rel = file.strip_prefix(&manifest).unwrap_or(file);
        let bytes = std::fs::read(file).unwrap_or_default();
        for b in rel.to_string_lossy().bytes().chain([0]).chain(bytes) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=PORTFOLIO_AUDIT_BUILD={hash:016x}");

    println!("cargo:rustc-check-cfg=cfg(has_chromium)");
    println!("cargo:rerun-if-env-changed=PA_REQUIRE_CHROMIUM");
    if ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .any(|p| Path::new(p).exists())
    {
        println!("cargo:rustc-cfg=has_chromium");
    }
}
