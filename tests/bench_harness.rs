//! Runs the benchmark harness's own Python unit tests (bench/tests), so the
//! harness behind BENCHMARKS.md is tested by `cargo test` like everything
//! else. python3 is one of the things the tests need (README, "Running the
//! tests"), so its absence fails here instead of passing quietly.

use std::process::Command;

#[test]
fn the_benchmark_harness_unit_tests_pass() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = Command::new("python3")
        .args(["-m", "unittest", "discover", "-s", "bench/tests", "-v"])
        .current_dir(root)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .output()
        .expect("python3 runs (the tests need it: README, \"Running the tests\")");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "bench/tests failed:\n{stderr}");
    assert!(stderr.contains("Ran 7 tests"), "{stderr}");
}
