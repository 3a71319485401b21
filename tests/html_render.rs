//! The HTML report rendered by a real headless Chromium (Debian's
//! package, installed by .ci/run). Where Chromium is not installed the test
//! says so and passes, unless PA_REQUIRE_CHROMIUM=1 (set by .ci/run once
//! it installed it), where its absence is a failure.

mod common;

use common::*;
use std::process::Command;

fn chromium() -> Option<&'static str> {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())
}

fn headless(profile: &std::path::Path) -> Vec<String> {
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .chain([format!("--user-data-dir={}", profile.display())])
    .collect()
}

#[test]
fn the_html_report_renders_in_headless_chromium() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var("PA_REQUIRE_CHROMIUM").is_err(),
            "Chromium is required here but not installed"
        );
        eprintln!("chromium is not installed; the rendering check did not run");
        return;
    };
    let out = run_in(
        portfolio(),
        &["audit", ".", "--format", "html", "-o", "report.html"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let page = portfolio().join("report.html");
    let url = format!("file://{}", page.display());
    let tmp = tempfile::tempdir().expect("tmp");

    let dom = Command::new(browser)
        .args(headless(&tmp.path().join("p1")))
        .arg("--dump-dom")
        .arg(&url)
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(
        dom.contains("<h1>portfolio-audit report</h1>"),
        "{}",
        &dom[..dom.len().min(500)]
    );
    assert!(dom.contains("id=\"portfolio\"") && dom.contains("./exemplary"));
    assert!(!dom.contains("<script"), "the page needs no scripts");

    let shot = tmp.path().join("report.png");
    let status = Command::new(browser)
        .args(headless(&tmp.path().join("p2")))
        .arg(format!("--screenshot={}", shot.display()))
        .arg("--window-size=1200,1600")
        .arg(&url)
        .output()
        .expect("chromium runs");
    assert!(
        status.status.success() || shot.exists(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    // A blank page compresses to a few kilobytes; bars, tables and text do not.
    assert!(
        png.len() > 30_000,
        "screenshot is suspiciously small: {} bytes",
        png.len()
    );
    let _ = std::fs::remove_file(page);
}
