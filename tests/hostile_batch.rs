//! The "done when" batch of issue 12: 70 repositories, 65 of them broken
//! in 65 different ways, audited in one run. It must finish, report every
//! entry in the order given, score the 5 good ones, write complete JSON,
//! and stay under 300 MB of peak memory (measured with `/usr/bin/time -v`
//! on the child; the figure is printed). Ignored by default for its
//! length: `cargo test --test hostile_batch -- --ignored --nocapture`.
#![cfg(unix)]

mod common;

use common::*;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The ways one file can be broken, applied to each file a collector
/// reads by name.
const FILES: [&str; 12] = [
    "pyproject.toml",
    "setup.cfg",
    "requirements.txt",
    ".github/workflows/ci.yml",
    ".gitlab-ci.yml",
    ".env",
    "Dockerfile",
    "notebook.ipynb",
    "app.py",
    "README.md",
    "environment.yml",
    ".portfolio-audit.toml",
];

fn good(dir: &Path) {
    fs::write(dir.join("README.md"), "# App\n\nIt runs.\n").expect("write");
    fs::write(dir.join("app.py"), "x = 1\n").expect("write");
}

fn deep(name: &str) -> Vec<u8> {
    let n = 20_000;
    if name.ends_with(".py") {
        format!("x = {}1{}\n", "(".repeat(n), ")".repeat(n)).into_bytes()
    } else if name.ends_with(".ipynb") || name.ends_with(".toml") || name.ends_with(".cfg") {
        format!("{}1{}", "[".repeat(n), "]".repeat(n)).into_bytes()
    } else {
        format!("a: {}1{}\n", "[".repeat(n), "]".repeat(n)).into_bytes()
    }
}

/// What one git-level case does to a `.git` folder.
type Damage = fn(&Path);

/// One broken folder per (file, way), then the git-level breakages.
fn broken(root: &Path, outside: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for name in FILES {
        let label = name.replace(['/', '.'], "_");
        for way in ["nul", "latin1", "outside-link", "deep", "fifo"] {
            let dir = next(&mut out, root, &format!("{label}-{way}"));
            good(&dir);
            let path = dir.join(name);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).expect("mkdir");
            }
            let _ = fs::remove_file(&path);
            match way {
                "nul" => fs::write(&path, b"a = 1\n\0\0\0b = 2\n").expect("write"),
                "latin1" => fs::write(&path, b"name = \"caf\xe9\"\n\xff\xfe\n").expect("write"),
                "outside-link" => symlink(outside, &path).expect("symlink"),
                "deep" => fs::write(&path, deep(name)).expect("write"),
                _ => {
                    let made = Command::new("mkfifo").arg(&path).status().expect("mkfifo");
                    assert!(made.success());
                }
            }
        }
    }
    // Git-level: each a repository damaged in its own way.
    let git_cases: [(&str, Damage); 5] = [
        ("packed-refs-garbage", |g| {
            let target = head_ref(g);
            fs::remove_file(g.join(&target)).expect("rm");
            fs::write(g.join("packed-refs"), format!("zz {target}\n")).expect("write");
        }),
        ("loose-ref-garbage", |g| {
            fs::write(g.join(head_ref(g)), "nope\n").expect("write");
        }),
        ("objects-gone", |g| {
            fs::remove_dir_all(g.join("objects")).expect("rm");
            fs::create_dir_all(g.join("objects")).expect("mkdir");
        }),
        ("head-garbage", |g| {
            fs::write(g.join("HEAD"), "\0\0garbage").expect("write");
        }),
        ("config-fifo", |g| {
            fs::remove_file(g.join("config")).expect("rm");
            let made = Command::new("mkfifo")
                .arg(g.join("config"))
                .status()
                .expect("mkfifo");
            assert!(made.success());
        }),
    ];
    for (label, damage) in git_cases {
        let dir = root.join(format!("{:02}-{label}", out.len()));
        let mut repo = TestRepo::new();
        repo.commit(
            "Add app",
            &[("app.py", b"x = 1\n"), ("README.md", b"# App\n")],
        );
        let dest = dir.join("repo");
        copy_dir(repo.path(), &dest);
        damage(&dest.join(".git"));
        out.push(dest);
    }
    out
}

fn next(out: &mut Vec<PathBuf>, root: &Path, label: &str) -> PathBuf {
    let dir = root.join(format!("{:02}-{label}", out.len()));
    fs::create_dir_all(&dir).expect("mkdir");
    out.push(dir.clone());
    dir
}

fn head_ref(git: &Path) -> String {
    fs::read_to_string(git.join("HEAD"))
        .expect("HEAD")
        .trim()
        .trim_start_matches("ref:")
        .trim()
        .to_owned()
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for e in fs::read_dir(from).expect("ls").flatten() {
        let dest = to.join(e.file_name());
        if e.file_type().expect("type").is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            fs::copy(e.path(), &dest).expect("copy");
        }
    }
}

#[test]
#[ignore = "70 repositories; run with --ignored"]
fn seventy_repositories_sixty_five_broken_finish_in_order() {
    let root = tempfile::tempdir().expect("tmp");
    let outside = root.path().join("outside-secret.txt");
    fs::write(&outside, "OUTSIDE=1\n").expect("write");
    let mut targets = broken(&root.path().join("broken"), &outside);
    assert_eq!(targets.len(), 65, "65 different breakages");
    // Five good repositories, spread through the batch.
    for (i, at) in [0, 15, 30, 45, 70].into_iter().enumerate() {
        let mut repo = TestRepo::new();
        repo.commit(
            "Add app",
            &[
                ("app.py", b"x = 1\n"),
                ("README.md", b"# Good\n\nIt runs.\n"),
            ],
        );
        let dest = root.path().join(format!("good-{i}"));
        copy_dir(repo.path(), &dest);
        targets.insert(at.min(targets.len()), dest);
    }
    assert_eq!(targets.len(), 70);
    let report_path = root.path().join("report.json");
    let out = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(BIN)
        .env("PORTFOLIO_AUDIT_CACHE_DIR", cache_dir())
        .args(["audit", "--format", "json", "-o"])
        .arg(&report_path)
        .args(&targets)
        .current_dir(root.path())
        .output()
        .expect("runs");
    let err = stderr(&out);
    let report: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&report_path).expect("report"))
            .expect("complete JSON");
    let repos = report["repos"].as_array().expect("repos");
    assert_eq!(repos.len(), 70, "every entry reported");
    let given: Vec<String> = targets.iter().map(|t| t.display().to_string()).collect();
    let shown: Vec<&str> = repos.iter().filter_map(|r| r["name"].as_str()).collect();
    assert_eq!(shown, given, "in the order given");
    let good: Vec<&serde_json::Value> = repos
        .iter()
        .filter(|r| r["name"].as_str().is_some_and(|n| n.contains("/good-")))
        .collect();
    assert_eq!(good.len(), 5);
    for g in &good {
        assert!(g["score"].is_number(), "{g}");
    }
    let kb: u64 = err
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("Maximum resident set size (kbytes): ")
        })
        .and_then(|v| v.trim().parse().ok())
        .expect("time -v reports peak memory");
    println!("peak RSS of the batch: {} MB ({kb} kB)", kb / 1024);
    assert!(kb < 300 * 1024, "peak memory {kb} kB");
}
