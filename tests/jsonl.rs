//! JSON Lines, shards and merge: the stream's shape is pinned like the
//! JSON report's, and three shards merged must equal one run, byte for
//! byte, in every format a reviewer reads.

mod common;

use common::{portfolio, run_in, stderr, stdout};
use std::collections::BTreeSet;
use std::path::Path;

fn lines(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad line ({e}): {l}")))
        .collect()
}

/// Key paths, as tests/json_schema.rs lists them; data-keyed maps and the
/// facts (pinned there) collapse to one entry.
fn key_paths(value: &serde_json::Value, prefix: &str, out: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, child) in map {
                let path = format!("{prefix}.{key}");
                out.insert(path.clone());
                let opaque = ["facts", "tracks", "sections"]
                    .iter()
                    .any(|k| path.ends_with(&format!(".{k}")))
                    || path.contains(".record.");
                if !opaque {
                    key_paths(child, &path, out);
                }
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                key_paths(item, &format!("{prefix}[]"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn the_stream_keeps_its_shape() {
    let out = run_in(portfolio(), &["audit", ".", "--format", "jsonl", "-j", "2"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let all = lines(&stdout(&out));
    let (last, repos) = all.split_last().expect("lines");
    assert_eq!(last["kind"], "portfolio");
    assert!(repos.iter().all(|l| l["kind"] == "repository"));
    // Input order, whatever order the workers finished in.
    let positions: Vec<u64> = repos
        .iter()
        .filter_map(|l| l["position"].as_u64())
        .collect();
    assert_eq!(positions, (0..repos.len() as u64).collect::<Vec<_>>());
    let mut paths = BTreeSet::new();
    for l in &all {
        key_paths(
            l,
            &format!("<{}>", l["kind"].as_str().unwrap_or("?")),
            &mut paths,
        );
    }
    insta::assert_snapshot!(paths.into_iter().collect::<Vec<_>>().join("\n"));
}

#[test]
fn one_repository_as_json_lines() {
    let out = run_in(
        portfolio(),
        &["audit", "tutorial-dump", "--format", "jsonl"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let root = std::fs::canonicalize(portfolio()).expect("canonical");
    let text = stdout(&out).replace(&root.display().to_string(), "[PORTFOLIO]");
    assert_eq!(text.lines().count(), 2);
    insta::assert_snapshot!(text);
}

fn list_file(dir: &Path) -> std::path::PathBuf {
    let mut names = common::fixture_names();
    names.sort();
    let list = dir.join("list.txt");
    std::fs::write(&list, names.join("\n")).expect("write list");
    list
}

#[test]
fn three_shards_merged_equal_one_run_in_every_format() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let list = list_file(tmp.path());
    let list = list.to_str().expect("utf-8 path");
    let mut shards = Vec::new();
    let mut audited = 0;
    for i in 1..=3 {
        let shard = format!("{i}/3");
        let out = run_in(
            portfolio(),
            &[
                "audit",
                "--from-file",
                list,
                "--shard",
                &shard,
                "--format",
                "jsonl",
            ],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        audited += stdout(&out).lines().count() - 1;
        let file = tmp.path().join(format!("shard-{i}.jsonl"));
        std::fs::write(&file, out.stdout).expect("write shard");
        shards.push(file.display().to_string());
    }
    assert_eq!(
        audited,
        common::fixture_names().len(),
        "each target in one shard"
    );
    for format in [
        "json", "text", "sarif", "markdown", "jsonl", "html", "junit",
    ] {
        let one = run_in(
            portfolio(),
            &[
                "audit",
                "--from-file",
                list,
                "--format",
                format,
                "--color",
                "never",
            ],
        );
        let mut args = vec!["merge", "--format", format, "--color", "never"];
        // Shards in any order: the merge restores the list's.
        args.extend(shards.iter().rev().map(String::as_str));
        let merged = run_in(portfolio(), &args);
        assert!(merged.status.success(), "{}", stderr(&merged));
        assert!(
            stdout(&one) == stdout(&merged),
            "{format} differs after the merge"
        );
    }
}

#[test]
fn gates_hold_on_the_stream_and_on_a_merge() {
    let out = run_in(
        portfolio(),
        &[
            "audit",
            "mistakes",
            "exemplary",
            "--format",
            "jsonl",
            "--fail-under",
            "100",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("below --fail-under 100"),
        "{}",
        stderr(&out)
    );
    // The stream is whole even when the gate fails.
    let text = stdout(&out);
    assert!(
        text.lines()
            .last()
            .is_some_and(|l| l.contains("\"kind\":\"portfolio\""))
    );
    let tmp = tempfile::tempdir().expect("temp dir");
    let shard = tmp.path().join("all.jsonl");
    std::fs::write(&shard, text).expect("write");
    let shard = shard.display().to_string();
    let merged = run_in(portfolio(), &["merge", &shard, "--fail-on", "error", "-q"]);
    assert_eq!(merged.status.code(), Some(1), "{}", stderr(&merged));
    assert!(stderr(&merged).contains("mistakes"), "{}", stderr(&merged));
}

#[test]
fn jsonl_goes_to_an_output_file_whole() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let file = tmp.path().join("report.jsonl");
    let target = file.display().to_string();
    let out = run_in(
        portfolio(),
        &["audit", "exemplary", "mistakes", "-o", &target],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let text = std::fs::read_to_string(&file).expect("report written");
    assert_eq!(lines(&text).len(), 3);
}

#[test]
fn bad_shards_are_usage_errors() {
    for bad in ["0/3", "4/3", "1/0", "two", "1/"] {
        let out = run_in(portfolio(), &["audit", ".", "--shard", bad]);
        assert_eq!(out.status.code(), Some(2), "--shard {bad}");
    }
}

#[test]
fn a_bad_merge_input_names_its_file_and_line() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let good = run_in(portfolio(), &["audit", "exemplary", "--format", "jsonl"]);
    let good = stdout(&good);
    let write = |name: &str, text: &str| {
        let path = tmp.path().join(name);
        std::fs::write(&path, text).expect("write");
        path.display().to_string()
    };
    let mut broken = good.clone();
    broken.insert_str(0, "{\"kind\": \"repository\", oops}\n");
    let cases = [
        (write("broken.jsonl", &broken), ":1:", "not a line of"),
        (
            write("cut.jsonl", good.lines().next().unwrap_or_default()),
            "cut.jsonl",
            "did not finish",
        ),
        (
            write("odd.jsonl", "{\"kind\":\"x\",\"schema_version\":1}\n"),
            ":1",
            "unknown line kind",
        ),
    ];
    for (file, at, says) in &cases {
        let out = run_in(portfolio(), &["merge", file]);
        assert_eq!(out.status.code(), Some(2), "{file}");
        let err = stderr(&out);
        assert!(err.contains(at) && err.contains(says), "{file}: {err}");
    }
    // The same shard twice would count its repositories twice.
    let twice = write("twice.jsonl", &good);
    let out = run_in(portfolio(), &["merge", &twice, &twice]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("already read"), "{}", stderr(&out));
}
