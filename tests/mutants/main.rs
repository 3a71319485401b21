//! One test per mutant that survived the suite in issue 16: each pins a
//! promise of the docs at its boundary, so the mutation now fails.

#[path = "../common/mod.rs"]
mod common;
// Killers for the survivors of the full cargo-mutants run (TESTING.md),
// one module per file of the scope.
mod config;
mod hygiene;
mod manifests;

use common::*;
use portfolio_audit::app::cli::FailOn;
use portfolio_audit::app::exit::{Exit, Policy};
use portfolio_audit::model::{Severity, Status};
use portfolio_audit::report::RepoReport;
use std::fs;

#[test]
fn grades_start_at_their_documented_boundaries() {
    use portfolio_audit::score::grade;
    // The docs: A >= 90, B >= 80, C >= 70, D >= 60, else F.
    for (score, expected) in [
        (100.0, 'A'),
        (90.0, 'A'),
        (89.99, 'B'),
        (80.0, 'B'),
        (79.99, 'C'),
        (70.0, 'C'),
        (69.99, 'D'),
        (60.0, 'D'),
        (59.99, 'F'),
        (0.0, 'F'),
    ] {
        assert_eq!(grade(score), expected, "grade({score})");
    }
}

/// A scored report whose only failing rule has `severity`.
fn failing_only_at(severity: Severity) -> RepoReport {
    use portfolio_audit::app::{plan::Plan, run, targets};
    let mut repo = TestRepo::new();
    repo.commit("Add app", &[("app.py", b"x = 1\n")]);
    let args = audit_args(repo.path());
    let found = targets::resolve(&args).expect("targets");
    let plan = Plan::from_args(&args.options).expect("plan");
    let mut report = run::audit(&found, &plan, &args.options)
        .expect("audit")
        .expect("not interrupted")
        .remove(0);
    let mut failed = false;
    for o in &mut report.outcomes {
        if o.status == Status::Fail && !failed {
            o.severity = severity;
            failed = true;
        } else if o.status == Status::Fail {
            o.status = Status::Pass;
        }
    }
    assert!(failed, "the bare repository fails some rule");
    assert!(report.overall().is_some(), "scored");
    report
}

fn audit_args(path: &std::path::Path) -> portfolio_audit::app::cli::AuditArgs {
    use clap::Parser;
    let cli = portfolio_audit::app::cli::Cli::try_parse_from([
        "portfolio-audit".as_ref(),
        "audit".as_ref(),
        path.as_os_str(),
        "--quiet".as_ref(),
    ])
    .expect("args");
    match cli.command {
        portfolio_audit::app::cli::Command::Audit(a) => a,
        _ => unreachable!("audit"),
    }
}

#[test]
fn fail_on_warn_fails_on_warn_but_not_on_info() {
    let warn = Policy {
        fail_on: Some(FailOn::Warn),
        ..Policy::default()
    };
    let info = failing_only_at(Severity::Info);
    assert_eq!(warn.judge(std::slice::from_ref(&info), None), Exit::Success);
    let warned = failing_only_at(Severity::Warn);
    assert_eq!(
        warn.judge(std::slice::from_ref(&warned), None),
        Exit::Failed
    );
}

#[test]
fn notebook_checkpoints_are_committed_junk() {
    let mut junk = TestRepo::new();
    junk.commit(
        "Add notebook",
        &[
            ("app.py", b"x = 1\n"),
            ("nb/.ipynb_checkpoints/a-checkpoint.ipynb", b"{}"),
        ],
    );
    let report = json(&run_in(junk.path(), &["audit", ".", "--format", "json"]));
    let o = outcome(&report, "HYGIENE-NO-CACHES");
    assert_eq!(o["status"], "fail", "{o}");
    assert!(o.to_string().contains("notebook-checkpoints"), "{o}");
    let mut clean = TestRepo::new();
    clean.commit("Add app", &[("app.py", b"x = 1\n")]);
    let report = json(&run_in(clean.path(), &["audit", ".", "--format", "json"]));
    assert_eq!(outcome(&report, "HYGIENE-NO-CACHES")["status"], "pass");
}

#[test]
fn a_malformed_pipfile_is_reported_by_name() {
    let mut repo = TestRepo::new();
    repo.commit(
        "Add Pipfile",
        &[
            ("app.py", b"x = 1\n"),
            ("Pipfile", b"[packages\nflask = \n"),
        ],
    );
    let out = run_in(repo.path(), &["audit", ".", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = json(&out);
    let errors = report["repos"][0]["errors"].to_string();
    assert!(errors.contains("malformed Pipfile"), "{errors}");
}

#[test]
fn discovery_finds_projects_four_levels_down_and_no_deeper() {
    let root = tempfile::tempdir().expect("tmp");
    let deep = root.path().join("a/b/c/four");
    let deeper = root.path().join("a/b/c/d/five");
    for p in [&deep, &deeper] {
        fs::create_dir_all(p).expect("mkdir");
        fs::write(p.join("pyproject.toml"), "[project]\nname = \"x\"\n").expect("write");
    }
    let found: Vec<_> = portfolio_audit::discover::discover(root.path())
        .expect("discover")
        .into_iter()
        .map(|t| t.path)
        .collect();
    assert_eq!(found, vec![deep], "depth 4 is found, depth 5 is not");
}

#[test]
fn the_dedicated_config_file_wins_over_pyproject() {
    let mut repo = TestRepo::new();
    repo.commit(
        "Add both configs",
        &[
            (
                ".portfolio-audit.toml",
                b"[rules.DOCS-LICENSE]\nseverity = \"info\"\n",
            ),
            (
                "pyproject.toml",
                b"[project]\nname = \"x\"\n\n[tool.portfolio-audit.rules.DOCS-LICENSE]\nseverity = \"error\"\n",
            ),
            ("app.py", b"x = 1\n"),
        ],
    );
    let report = json(&run_in(repo.path(), &["audit", ".", "--format", "json"]));
    assert_eq!(outcome(&report, "DOCS-LICENSE")["severity"], "info");
    assert_eq!(report["repos"][0]["config"], ".portfolio-audit.toml");
}

#[test]
fn a_malformed_conda_file_is_reported_by_name() {
    let mut repo = TestRepo::new();
    repo.commit(
        "Add environment",
        &[
            ("app.py", b"x = 1\n"),
            ("environment.yml", b"dependencies: [flask\n  - : :\n"),
        ],
    );
    let out = run_in(repo.path(), &["audit", ".", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let errors = json(&out)["repos"][0]["errors"].to_string();
    assert!(
        errors.contains("malformed conda environment file") && errors.contains("environment.yml"),
        "{errors}"
    );
}

#[test]
fn a_bad_flag_exits_2_and_names_it() {
    let out = run_in(&manifest_dir(), &["audit", ".", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--no-such-flag"), "{}", stderr(&out));
}

#[test]
fn from_file_dash_reads_the_list_from_stdin() {
    use std::io::Write;
    let mut repo = TestRepo::new();
    repo.commit("Add app", &[("app.py", b"x = 1\n")]);
    let mut child = std::process::Command::new(BIN)
        .args(["audit", "--from-file", "-", "--format", "json"])
        .current_dir(manifest_dir())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let list = format!("# one repository\n{}\n", repo.path().display());
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(list.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success(), "{}", stderr(&out));
    let report = json(&out);
    assert_eq!(report["repos"].as_array().expect("repos").len(), 1);
    assert!(report["repos"][0]["score"].is_number(), "{report}");
}

// Killers for the survivors of the first cargo-mutants run (TESTING.md).

/// Every outcome's status follows its credit: full credit passes, some
/// credit is partial, none fails; and the fixtures do hold partial ones.
#[test]
fn status_follows_credit_and_partial_credit_is_partial() {
    use portfolio_audit::app::{plan::Plan, run, targets};
    let mut partial = 0;
    for name in ["exemplary", "mistakes", "data-pipeline"] {
        let args = audit_args(&portfolio().join(name));
        let found = targets::resolve(&args).expect("targets");
        let plan = Plan::from_args(&args.options).expect("plan");
        let reports = run::audit(&found, &plan, &args.options)
            .expect("audit")
            .expect("not interrupted");
        for o in reports.iter().flat_map(|r| &r.outcomes) {
            let expected = match o.status {
                Status::NotApplicable => continue,
                _ if o.credit >= 1.0 => Status::Pass,
                _ if o.credit > 0.0 => Status::Partial,
                _ => Status::Fail,
            };
            assert_eq!(o.status, expected, "{} with credit {}", o.id, o.credit);
            partial += usize::from(o.status == Status::Partial);
        }
    }
    assert!(partial > 0, "no fixture earned partial credit anywhere");
}

#[test]
fn setup_cfg_tests_require_is_a_dev_dependency() {
    use portfolio_audit::facts::manifests::{DepGroup, ManifestFacts, ManifestReader};
    let mut facts = ManifestFacts::default();
    let mut errors = Vec::new();
    ManifestReader {
        facts: &mut facts,
        errors: &mut errors,
    }
    .read(
        "setup.cfg",
        "setup.cfg",
        "[options]\ninstall_requires =\n    flask\ntests_require =\n    pytest\n",
    );
    let group = |n: &str| {
        facts
            .dependencies
            .iter()
            .find(|d| d.name == n)
            .map(|d| d.group)
    };
    assert_eq!(group("flask"), Some(DepGroup::Runtime));
    assert_eq!(group("pytest"), Some(DepGroup::Dev));
}

#[test]
fn junk_category_names_round_trip_and_unknown_names_are_none() {
    use portfolio_audit::facts::hygiene::JunkCategory;
    for c in JunkCategory::ALL {
        assert_eq!(JunkCategory::from_name(c.name()), Some(c));
    }
    assert_eq!(JunkCategory::from_name("no-such-category"), None);
}

#[test]
fn only_example_env_files_are_env_examples() {
    use portfolio_audit::facts::is_env_example;
    for yes in [
        ".env.example",
        "config/.env.sample",
        "env.template",
        "app.env.dist",
    ] {
        assert!(is_env_example(yes), "{yes}");
    }
    for no in [
        ".env",
        "docs/example.md",
        "sample_data.csv",
        "template.html",
    ] {
        assert!(!is_env_example(no), "{no}");
    }
}

#[test]
fn a_repository_config_may_lower_a_weight_but_not_raise_it() {
    let mut repo = TestRepo::new();
    repo.commit(
        "Add config",
        &[
            (
                ".portfolio-audit.toml",
                b"[rules.DOCS-CHANGELOG]\nweight = 0.5\n[rules.DOCS-CONTRIBUTING]\nweight = 9\n",
            ),
            ("app.py", b"x = 1\n"),
        ],
    );
    let report = json(&run_in(repo.path(), &["audit", ".", "--format", "json"]));
    assert_eq!(outcome(&report, "DOCS-CHANGELOG")["weight"], 0.5, "lowered");
    assert_eq!(
        outcome(&report, "DOCS-CONTRIBUTING")["weight"],
        1.0,
        "not raised"
    );
    let warnings = report["repos"][0]["warnings"].to_string();
    assert!(
        warnings.contains("raise the weight of DOCS-CONTRIBUTING"),
        "{warnings}"
    );
}
