//! Output that repository text or a special target could subvert (issue
//! 12, items 13-15): `-o` onto a device or a FIFO writes to it rather than
//! replacing it, report files take the umask's mode or keep their own, the
//! terminal report cannot be given a forged line or reordered by bidi
//! controls, and the Markdown baseline section escapes names.
#![cfg(unix)]

mod common;

use common::*;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::Path;
use std::process::Command;

fn small_repo() -> TestRepo {
    let mut repo = TestRepo::new();
    repo.commit(
        "Add app",
        &[
            ("app.py", b"x = 1\n"),
            ("README.md", b"# App\n\nIt runs.\n"),
        ],
    );
    repo
}

fn run_sh(script: &str, cwd: &Path) -> std::process::Output {
    Command::new("sh")
        .args(["-c", script])
        .env("PORTFOLIO_AUDIT_CACHE_DIR", cache_dir())
        .env("BIN", BIN)
        .current_dir(cwd)
        .output()
        .expect("sh runs")
}

#[test]
fn output_onto_a_fifo_is_written_to_it_not_replaced() {
    let repo = small_repo();
    let dir = tempfile::tempdir().expect("tmp");
    let fifo = dir.path().join("report.fifo");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo")
            .success()
    );
    let reader_path = fifo.clone();
    let reader = std::thread::spawn(move || std::fs::read_to_string(reader_path));
    let out = Command::new(BIN)
        .env("PORTFOLIO_AUDIT_CACHE_DIR", cache_dir())
        .args(["audit", ".", "-o"])
        .arg(format!("json={}", fifo.display()))
        .current_dir(repo.path())
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let read = reader.join().expect("reader").expect("read");
    assert!(read.contains("\"schema_version\""), "{read}");
    let kind = std::fs::symlink_metadata(&fifo).expect("meta").file_type();
    assert!(kind.is_fifo(), "the FIFO was replaced by a regular file");
}

#[test]
fn output_onto_a_character_device_is_written_to_it_not_replaced() {
    let dir = tempfile::tempdir().expect("tmp");
    let null = dir.path().join("null");
    // A private null device: creating one needs root.
    let made = Command::new("mknod")
        .arg(&null)
        .args(["c", "1", "3"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !made {
        eprintln!("SKIPPED: mknod needs root here; -o onto a device not tested");
        return;
    }
    let repo = small_repo();
    let out = Command::new(BIN)
        .env("PORTFOLIO_AUDIT_CACHE_DIR", cache_dir())
        .args(["audit", ".", "--format", "json", "-o"])
        .arg(&null)
        .current_dir(repo.path())
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let kind = std::fs::symlink_metadata(&null).expect("meta").file_type();
    assert!(
        kind.is_char_device(),
        "the device was replaced by a regular file"
    );
}

#[test]
fn report_files_respect_the_umask_and_keep_an_existing_mode() {
    let repo = small_repo();
    let out_dir = tempfile::tempdir().expect("tmp");
    let new = out_dir.path().join("new.json");
    let kept = out_dir.path().join("kept.json");
    std::fs::write(&kept, "old").expect("write");
    std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o664)).expect("chmod");
    let script = format!(
        "umask 027; exec \"$BIN\" audit . -o '{}' -o '{}'",
        new.display(),
        kept.display()
    );
    let out = run_sh(&script, repo.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode(&new), 0o640, "a new report takes 0666 less the umask");
    assert_eq!(mode(&kept), 0o664, "an existing report keeps its mode");
    assert_ne!(std::fs::read_to_string(&kept).expect("read"), "old");
}

#[test]
fn repository_text_cannot_forge_a_terminal_line_or_reorder_one() {
    let mut repo = TestRepo::new();
    let forged = "junk\n    ✓ HISTORY-NO-SECRETS FORGED pass\r.pyc";
    let bidi = "evil\u{202E}cyp.\u{2066}x\u{200F}.pyc";
    repo.commit(
        "Add app",
        &[
            ("app.py", b"x = 1\n"),
            ("README.md", b"# App\n\nIt runs.\n"),
            (forged, b"\0\0"),
            (bidi, b"\0\0"),
        ],
    );
    let out = Command::new(BIN)
        .env("PORTFOLIO_AUDIT_CACHE_DIR", cache_dir())
        .args(["audit", ".", "--format", "text", "-v", "--color", "never"])
        .current_dir(repo.path())
        .output()
        .expect("runs");
    let text = stdout(&out);
    assert!(text.contains("FORGED"), "the file name is shown: {text}");
    for line in text.lines().filter(|l| l.contains("FORGED")) {
        assert!(line.contains("\\n"), "a file name forged a line: {line:?}");
        assert!(!line.trim_start().starts_with('✓'), "{line:?}");
    }
    for c in ['\u{202E}', '\u{2066}', '\u{200F}', '\r'] {
        assert!(!text.contains(c), "{:?} reached the terminal", c);
    }
}

#[test]
fn the_markdown_baseline_section_escapes_repository_names() {
    let parent = tempfile::tempdir().expect("tmp");
    let name = "<img src=x onerror=alert(1)>@admin";
    let dir = parent.path().join(name);
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join("app.py"), "x = 1\n").expect("write");
    let base = parent.path().join("base.json");
    let first = Command::new(BIN)
        .env("PORTFOLIO_AUDIT_CACHE_DIR", cache_dir())
        .args(["audit", name, "--format", "json", "-o"])
        .arg(&base)
        .current_dir(parent.path())
        .output()
        .expect("runs");
    assert!(first.status.success(), "{}", stderr(&first));
    let out = Command::new(BIN)
        .env("PORTFOLIO_AUDIT_CACHE_DIR", cache_dir())
        .args(["audit", name, "--format", "markdown", "--baseline"])
        .arg(&base)
        .current_dir(parent.path())
        .output()
        .expect("runs");
    let md = stdout(&out);
    let section = md
        .split("changes since the baseline")
        .nth(1)
        .expect("a baseline section");
    assert!(!section.contains("<img"), "{section}");
    assert!(!section.contains("@admin"), "{section}");
}
