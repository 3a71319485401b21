//! Scoring like a reviewer: absence never earns points, severe findings
//! cap the score, and a folder without Python gets no score at all.

mod common;
use common::*;

const APP: &[u8] = b"\"\"\"Convert temperatures.\"\"\"\n\n\ndef to_fahrenheit(celsius: float) -> float:\n    \"\"\"Celsius to Fahrenheit.\"\"\"\n    return celsius * 9 / 5 + 32\n";
const REQS: &[u8] = b"click==8.1.7\n";
const README: &[u8] = b"# Temperatures\n\nA tiny converter between Celsius and Fahrenheit, written to practise testing and CI.\n\n## Installation\n\n```bash\npip install -r requirements.txt\n```\n\n## Usage\n\n```bash\npython -c 'import app; print(app.to_fahrenheit(100))'\n```\n\n## Running the tests\n\n```bash\npytest\n```\n";
const TEST: &[u8] = b"from app import to_fahrenheit\n\n\ndef test_boiling():\n    assert to_fahrenheit(100) == 212\n";
const CI: &[u8] = b"name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: pip install -r requirements.txt pytest\n      - run: pytest\n";

/// The score of a one-commit repository holding the common files plus
/// `extra`.
fn score_with(extra: &[(&str, &[u8])]) -> f64 {
    let mut repo = TestRepo::new();
    let mut files: Vec<(&str, &[u8])> = vec![("app.py", APP), ("requirements.txt", REQS)];
    files.extend_from_slice(extra);
    repo.commit("Add the converter", &files);
    let report = json(&run_in(
        repo.path(),
        &["audit", ".", "--format", "json", "--profile", "default"],
    ));
    report["repos"][0]["score"].as_f64().expect("a score")
}

#[test]
fn missing_readme_ci_or_tests_never_outscores_having_them() {
    let readme = ("README.md", README);
    let test = ("tests/test_app.py", TEST);
    let ci = (".github/workflows/ci.yml", CI);
    let all = score_with(&[readme, test, ci]);
    let no_readme = score_with(&[test, ci]);
    let no_tests = score_with(&[readme, ci]);
    let no_ci = score_with(&[readme, test]);
    let nothing = score_with(&[]);
    assert!(all > no_readme, "{all} vs no README {no_readme}");
    assert!(all > no_tests, "{all} vs no tests {no_tests}");
    assert!(all > no_ci, "{all} vs no CI {no_ci}");
    assert!(
        no_readme.max(no_tests).max(no_ci) > nothing,
        "nothing at all scores {nothing}"
    );
}

#[test]
fn a_missing_prerequisite_fails_and_says_why() {
    let mut repo = TestRepo::new();
    repo.commit("Add code", &[("app.py", APP)]);
    let report = json(&run_in(repo.path(), &["audit", ".", "--format", "json"]));
    let o = outcome(&report, "README-INSTALL");
    assert_eq!(o["status"], "fail");
    assert_eq!(o["message"], "there is no README, so this cannot pass");
    assert_eq!(outcome(&report, "CI-TESTS")["status"], "fail");
    // A property of the project still decides applicability.
    assert_eq!(
        outcome(&report, "QUALITY-NOTEBOOKS")["status"],
        "not-applicable"
    );
}

#[test]
fn a_committed_private_key_caps_the_score_and_every_report_says_so() {
    let key = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n";
    let dest = tempfile::tempdir().expect("tmp");
    let repo =
        portfolio_audit::fixture::build(&manifest_dir().join("test-repos/exemplary"), dest.path())
            .expect("fixture builds");
    let clean = json(&run_in(
        &repo,
        &["audit", ".", "--format", "json", "--worktree"],
    ));
    let clean = clean["repos"][0]["score"].as_f64().expect("score");
    assert!(clean > 69.0, "{clean}");
    std::fs::create_dir_all(repo.join("deploy")).expect("mkdir");
    std::fs::write(repo.join("deploy/id_ed25519"), key).expect("write");
    let args = ["audit", ".", "--format", "json", "--worktree"];
    let report = json(&run_in(&repo, &args));
    let r = &report["repos"][0];
    assert_eq!(r["score"].as_f64(), Some(69.0));
    assert_eq!(r["grade"], "D");
    assert_eq!(r["capped_by"]["rule"], "HYGIENE-NO-SECRETS");
    assert!(r["uncapped_score"].as_f64().expect("uncapped") > 69.0);
    let text = stdout(&run_in(
        &repo,
        &["audit", ".", "--worktree", "--color", "never"],
    ));
    assert!(
        text.contains("capped at 69 by HYGIENE-NO-SECRETS ("),
        "{text}"
    );
    let md = stdout(&run_in(
        &repo,
        &["audit", ".", "--worktree", "--format", "markdown"],
    ));
    assert!(
        md.contains("capped at 69 by HYGIENE\\-NO\\-SECRETS"),
        "{md}"
    );
}

#[test]
fn an_empty_folder_or_a_rust_crate_gets_a_note_and_no_score() {
    let root = tempfile::tempdir().expect("tmp");
    let empty = root.path().join("empty");
    std::fs::create_dir_all(&empty).expect("mkdir");
    let rust = root.path().join("crate");
    std::fs::create_dir_all(rust.join("src")).expect("mkdir");
    std::fs::write(rust.join("Cargo.toml"), "[package]\nname = \"x\"\n").expect("write");
    std::fs::write(rust.join("src/main.rs"), "fn main() {}\n").expect("write");
    let py = root.path().join("py");
    std::fs::create_dir_all(&py).expect("mkdir");
    std::fs::write(py.join("app.py"), APP).expect("write");
    let out = run_in(
        root.path(),
        &["audit", "empty", "crate", "py", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = json(&out);
    let repos = report["repos"].as_array().expect("repos");
    for r in &repos[..2] {
        assert!(r.get("score").is_none(), "{r}");
        assert!(
            r["warnings"][0]
                .as_str()
                .unwrap_or("")
                .contains("not a Python project"),
            "{r}"
        );
    }
    assert!(repos[2]["score"].is_number());
    // Counted apart: not Python is no error.
    assert_eq!(report["summary"]["scored"], 1);
    assert_eq!(report["summary"]["unscored"], 2);
    assert_eq!(report["summary"]["errored"], 0);
    // Left out of the mean and of the portfolio verdict.
    assert_eq!(report["summary"]["mean_score"], repos[2]["score"]);
    let projects = report["portfolio"]["projects"]
        .as_array()
        .expect("projects");
    assert_eq!(projects.len(), 1, "{projects:?}");
}

#[test]
fn a_rust_crate_with_python_helpers_is_not_scored_as_python() {
    // The case a file count misses: a real Rust crate carrying a Python
    // script. A Python package with a small Rust core stays Python.
    let root = tempfile::tempdir().expect("tmp");
    let rust_code = "pub fn add(a: u32, b: u32) -> u32 {\n    a + b\n}\n".repeat(200);
    let write = |path: &std::path::Path, text: &[u8]| {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    };
    let tool = root.path().join("tool");
    write(&tool.join("Cargo.toml"), b"[package]\nname = \"tool\"\n");
    write(&tool.join("src/lib.rs"), rust_code.as_bytes());
    write(&tool.join("bench/run.py"), APP);
    let binding = root.path().join("binding");
    write(&binding.join("Cargo.toml"), b"[package]\nname = \"core\"\n");
    write(&binding.join("src/lib.rs"), rust_code.as_bytes());
    let python = APP.repeat(40);
    write(&binding.join("pkg/api.py"), &python);
    write(&binding.join("tests/test_api.py"), TEST);
    let out = run_in(
        root.path(),
        &["audit", "tool", "binding", "--color", "never"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("no score: not a Python project (mainly Rust: Cargo.toml at the root and"),
        "{text}"
    );
    let report = json(&run_in(
        root.path(),
        &["audit", "tool", "binding", "--format", "json"],
    ));
    let repos = report["repos"].as_array().expect("repos");
    assert!(repos[0].get("score").is_none(), "{}", repos[0]);
    assert!(repos[1]["score"].is_number(), "{}", repos[1]);
    assert_eq!(report["summary"]["unscored"], 1);
}

#[test]
fn tutorial_clones_are_recognised_by_content_not_by_name_alone() {
    let root = tempfile::tempdir().expect("tmp");
    let todo = root.path().join("todo-app");
    std::fs::create_dir_all(&todo).expect("mkdir");
    std::fs::write(todo.join("app.py"), APP).expect("write");
    let course = root.path().join("notes");
    std::fs::create_dir_all(&course).expect("mkdir");
    std::fs::write(course.join("app.py"), APP).expect("write");
    std::fs::write(
        course.join("README.md"),
        "# Notes\n\nI built this following the tutorial on YouTube, step by step.\n",
    )
    .expect("write");
    // Plain folders have no history, so nothing here is a commit dump.
    let args = ["audit", "todo-app", "notes", "--format", "json"];
    let report = json(&run_in(root.path(), &args));
    let projects = report["portfolio"]["projects"]
        .as_array()
        .expect("projects");
    let flagged = |name: &str| {
        projects.iter().find(|p| p["name"] == name).expect(name)["weak"]
            .as_array()
            .expect("weak")
            .iter()
            .any(|w| w["kind"] == "tutorial clone")
    };
    assert!(!flagged("todo-app"), "a name alone is not evidence");
    assert!(flagged("notes"), "the README says it follows a tutorial");
}
