//! Input shaped to break parsers: nesting as deep as the file is long, and
//! sizes that expose quadratic work. Each case must finish with a report and
//! name the damage; none may abort the process or the batch.

mod common;

use common::*;
use std::fs;
use std::path::Path;

fn audit_json(dir: &Path, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["audit", ".", "--format", "json"];
    args.extend_from_slice(extra);
    let out = run_in(dir, &args);
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        stderr(&out)
    );
    json(&out)
}

fn errors(report: &serde_json::Value) -> Vec<String> {
    report["repos"][0]["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| format!("{} {}", e["path"], e["message"]))
        .collect()
}

fn folder(files: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    for (path, text) in files {
        let full = dir.path().join(path);
        fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
        fs::write(full, text).expect("write");
    }
    dir
}

/// Every shape of deep Python syntax the issue names, in modules and in a
/// notebook cell: the audit finishes, the good file is still analysed, and
/// each deep file is an error entry.
#[test]
fn deeply_nested_python_is_an_error_entry_not_a_crash() {
    let sum = format!("x = {}\n", vec!["1"; 3_000].join(" + "));
    let chain = format!("y = a{}\n", ".b()".repeat(3_000));
    let lists = format!("z = {}1{}\n", "[".repeat(5_000), "]".repeat(5_000));
    let parens = format!("w = {}1{}\n", "(".repeat(100_000), ")".repeat(100_000));
    let unary = format!("v = {}1\n", "-".repeat(20_000));
    let notebook = serde_json::json!({
        "cells": [{"cell_type": "code", "source": [sum.clone()], "outputs": [], "execution_count": 1}],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 5
    })
    .to_string();
    let dir = folder(&[
        ("gen_sum.py", sum),
        ("gen_chain.py", chain),
        ("gen_lists.py", lists),
        ("gen_parens.py", parens),
        ("gen_unary.py", unary),
        ("deep.ipynb", notebook),
        (
            "app.py",
            "def main() -> None:\n    \"\"\"Run.\"\"\"\n".to_owned(),
        ),
    ]);
    let report = audit_json(dir.path(), &[]);
    let errors = errors(&report);
    for name in [
        "gen_sum.py",
        "gen_chain.py",
        "gen_lists.py",
        "gen_parens.py",
        "gen_unary.py",
        "deep.ipynb",
    ] {
        assert!(
            errors
                .iter()
                .any(|e| e.contains(name) && e.contains("deep")),
            "{name}: {errors:?}"
        );
    }
    assert!(report["repos"][0]["facts"]["python"]["source_files"].as_u64() >= Some(6));
}

/// JSON (notebooks) and YAML (CI, conda) nested far deeper than any real
/// file: a clear error on that file, the rest of the audit goes on.
#[test]
fn deeply_nested_json_and_yaml_are_error_entries() {
    let deep_json = format!("{}1{}", "[".repeat(50_000), "]".repeat(50_000));
    let deep_flow = format!(
        "on: push\njobs: {}1{}\n",
        "[".repeat(50_000),
        "]".repeat(50_000)
    );
    let deep_block: String = (0..3_000)
        .map(|i| format!("{}- \n", "  ".repeat(i)))
        .collect();
    let dir = folder(&[
        ("nb.ipynb", deep_json),
        (".github/workflows/ci.yml", deep_flow),
        ("environment.yml", deep_block),
        ("app.py", "x = 1\n".to_owned()),
    ]);
    let report = audit_json(dir.path(), &[]);
    let errors = errors(&report);
    for name in ["nb.ipynb", "ci.yml", "environment.yml"] {
        assert!(
            errors.iter().any(|e| e.contains(name)),
            "{name}: {errors:?}"
        );
    }
    assert_eq!(report["repos"][0]["facts"]["python"]["source_files"], 1);
}

/// A git tree nested thousands of levels: listed down to the bound, the
/// rest named in an error entry.
#[test]
fn a_tree_nested_six_thousand_levels_is_bounded() {
    let mut repo = TestRepo::new();
    let blob = repo.repo.blob(b"x = 1\n").expect("blob");
    let mut deep = {
        let mut leaf = repo.repo.treebuilder(None).expect("tb");
        leaf.insert("bottom.py", blob, 0o100644).expect("insert");
        leaf.write().expect("tree")
    };
    for _ in 0..6_000 {
        let mut t = repo.repo.treebuilder(None).expect("tb");
        t.insert("d", deep, 0o040000).expect("insert");
        deep = t.write().expect("tree");
    }
    let tree = {
        let mut root = repo.repo.treebuilder(None).expect("tb");
        root.insert("deep", deep, 0o040000).expect("insert");
        root.insert("app.py", blob, 0o100644).expect("insert");
        root.write().expect("tree")
    };
    repo.commit_tree("Add a deep tree", tree);
    let report = audit_json(repo.path(), &[]);
    let errors = errors(&report);
    assert!(
        errors.iter().any(|e| e.contains("levels deep")),
        "{errors:?}"
    );
    assert_eq!(report["repos"][0]["facts"]["python"]["source_files"], 1);
}

/// 60,000 dependencies, each on its own line: read in one pass, and every
/// one keeps its line. (Quadratic line finding took a minute here.)
#[test]
fn a_pyproject_with_sixty_thousand_dependencies_is_read_linearly() {
    let n = 60_000;
    let mut text = String::from("[project]\nname = \"big\"\ndependencies = [\n");
    for i in 0..n {
        text.push_str(&format!("  \"pkg{i}>=1\",\n"));
    }
    text.push_str("]\n");
    let dir = folder(&[("pyproject.toml", text)]);
    let report = audit_json(dir.path(), &[]);
    let deps = report["repos"][0]["facts"]["manifests"]["dependencies"]
        .as_array()
        .expect("deps");
    assert_eq!(deps.len(), n);
    assert_eq!(deps[n - 1]["line"], n + 3);
}
