//! One test per mutant that survived the suite in issue 16: each pins a
//! promise of the docs at its boundary, so the mutation now fails.

mod common;

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

// Killers for the survivors of the full cargo-mutants run (TESTING.md).

#[test]
fn junk_is_reported_by_its_top_folder_for_every_category() {
    use portfolio_audit::facts::hygiene::{JunkCategory as J, junk_of};
    let cases: &[(&str, Option<(J, &str)>)] = &[
        ("venv/pyvenv.cfg", Some((J::Virtualenv, "venv/"))),
        (
            "venv/Lib/site-packages/a.py",
            Some((J::Virtualenv, "venv/")),
        ),
        (
            "lib/python3.11/site-packages/a.py",
            Some((J::Virtualenv, "lib/python3.11/site-packages/")),
        ),
        (
            "site-packages/a.py",
            Some((J::Virtualenv, "site-packages/")),
        ),
        ("venv/bin/activate", Some((J::Virtualenv, "venv/"))),
        (
            "x/y/venv/bin/activate.fish",
            Some((J::Virtualenv, "x/y/venv/")),
        ),
        ("src/bin/main.py", None),
        ("bin/activate", None),
        ("tools/activate.py", None),
        ("a/b.pyc", Some((J::Bytecode, "a/b.pyc"))),
        ("b.pyo", Some((J::Bytecode, "b.pyo"))),
        ("a/.DS_Store", Some((J::OsFiles, "a/.DS_Store"))),
        ("Thumbs.db", Some((J::OsFiles, "Thumbs.db"))),
        (".pytest_cache/v/x", Some((J::ToolCaches, ".pytest_cache/"))),
        ("sub/.tox/py311/log", Some((J::ToolCaches, "sub/.tox/"))),
        ("mlruns/0/meta.yaml", Some((J::RunArtifacts, "mlruns/"))),
        (
            "exp/wandb/run-1/files/x",
            Some((J::RunArtifacts, "exp/wandb/")),
        ),
        ("pkg/wandb/__init__.py", None),
        ("scripts/wandb", None),
        ("train.log", Some((J::RunArtifacts, "train.log"))),
        ("logs/nohup.out", Some((J::RunArtifacts, "logs/nohup.out"))),
        (".coverage", Some((J::ToolCaches, ".coverage"))),
        (
            ".coverage.host.123",
            Some((J::ToolCaches, ".coverage.host.123")),
        ),
        ("coverage.py", None),
        (
            "dist/pkg-1.0-py3-none-any.whl",
            Some((J::BuildOutput, "dist/")),
        ),
        ("dist/pkg-1.0.tar.gz", Some((J::BuildOutput, "dist/"))),
        ("dist/pkg-1.0.egg", Some((J::BuildOutput, "dist/"))),
        ("dist/notes.md", None),
        ("src/dist/pkg.whl", None),
        ("build/lib/pkg/mod.py", Some((J::BuildOutput, "build/"))),
        (
            "build/bdist.linux-x86_64/x",
            Some((J::BuildOutput, "build/")),
        ),
        ("build/scripts/make.py", None),
        ("build/lib", None),
        ("app/main.py", None),
    ];
    for (path, want) in cases {
        let want = want.map(|(c, p)| (c, p.to_owned()));
        assert_eq!(junk_of(path), want, "{path}");
    }
}

#[test]
fn fixture_paths_are_test_inputs_by_name_or_folder() {
    use portfolio_audit::facts::hygiene::is_fixture_path;
    for yes in [
        "test_app.py",
        "pkg/app_test.py",
        "conftest.py",
        "app/tests.py",
        "tests/settings.py",
        "src/test/config.py",
        "docs/conf.py",
        "examples/demo/settings.py",
        "tutorial/step1.py",
    ] {
        assert!(is_fixture_path(yes), "{yes}");
    }
    for no in [
        "app/settings.py",
        "src/tests",
        "contest.py",
        "latest_app.py",
        "app/testsuite.py",
    ] {
        assert!(!is_fixture_path(no), "{no}");
    }
}

#[test]
fn env_pairs_keep_real_values_with_their_lines() {
    use portfolio_audit::facts::hygiene::{env_pairs, env_values};
    let text = "# comment=1\nA=1\nexport B = \"two\"\nC='three'\nMY-KEY=4\n=5\nD=\nE=changeme\n F_1 =six\nno equals\n";
    let pairs = env_pairs(text);
    let want: Vec<(u32, String, String)> = vec![
        (2, "A".into(), "1".into()),
        (3, "B".into(), "two".into()),
        (4, "C".into(), "three".into()),
        (9, "F_1".into(), "six".into()),
    ];
    assert_eq!(pairs, want);
    assert_eq!(
        env_values(text),
        vec![
            (2, "A".to_owned()),
            (3, "B".to_owned()),
            (4, "C".to_owned()),
            (9, "F_1".to_owned())
        ]
    );
}

#[test]
fn key_files_are_opened_by_name_or_extension() {
    use portfolio_audit::facts::hygiene::may_hold_key;
    for yes in [
        "id_rsa",
        "home/.ssh/id_dsa",
        "id_ecdsa.pub",
        "id_ed25519",
        "certs/server.pem",
        "a.key",
        "settings.py",
        "config.yaml",
        ".env",
        ".env.local",
    ] {
        assert!(may_hold_key(yes), "{yes}");
    }
    for no in ["photo.png", "README.md", "id.txtx", ".envrc"] {
        assert!(!may_hold_key(no), "{no}");
    }
}

/// The default pack's rules after a repository configuration `toml`.
fn configured(toml: &str) -> portfolio_audit::config::Resolved {
    let pack = portfolio_audit::rules::load_default_pack().expect("pack");
    portfolio_audit::config::parse_config_file(toml)
        .expect("valid config")
        .apply(&pack.rules, Some(".portfolio-audit.toml".to_owned()))
}

/// The first error-severity rule of the default pack, and its weight.
fn protected_rule() -> (String, f64) {
    let pack = portfolio_audit::rules::load_default_pack().expect("pack");
    let r = pack
        .rules
        .iter()
        .find(|r| r.severity == Severity::Error && r.weight > 0.0)
        .expect("an error rule");
    (r.id.clone(), r.weight)
}

fn rule<'a>(
    r: &'a portfolio_audit::config::Resolved,
    id: &str,
) -> Option<&'a portfolio_audit::rules::Rule> {
    r.rules.iter().find(|r| r.id == id)
}

#[test]
fn an_empty_or_neutral_config_changes_nothing_and_says_nothing() {
    let all = configured("").rules.len();
    let weight = rule(&configured(""), "README-LICENSE")
        .expect("rule")
        .weight;
    for neutral in [
        String::new(),
        "select = []\n".to_owned(),
        format!("[rules.README-LICENSE]\nweight = {weight:?}\nseverity = \"info\"\n"),
    ] {
        let r = configured(&neutral);
        assert_eq!(r.rules.len(), all, "{neutral}");
        assert!(r.warnings.is_empty(), "{neutral}: {:?}", r.warnings);
        assert!(r.ignored.is_empty());
    }
    let (id, weight) = protected_rule();
    let r = configured(&format!(
        "[rules.{id}]\nweight = {weight:?}\nseverity = \"error\"\n"
    ));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

#[test]
fn select_keeps_ids_and_families_and_says_how_many_it_left() {
    let all = configured("");
    let r = configured("select = [\"docs\", \"README-LICENSE\"]\n");
    for kept in &r.rules {
        assert!(
            kept.family == "docs"
                || kept.id == "README-LICENSE"
                || kept.severity == Severity::Error,
            "{} kept",
            kept.id
        );
    }
    assert!(rule(&r, "README-LICENSE").is_some());
    assert!(r.rules.iter().any(|k| k.family == "docs"));
    let left = all.rules.len() - r.rules.len();
    assert!(left > 0);
    assert!(
        r.warnings
            .iter()
            .any(|w| w.contains(&format!("left {left} rules unselected (`select`)"))),
        "{:?}",
        r.warnings
    );
    assert!(
        !r.warnings.iter().any(|w| w.contains("matches no rule")),
        "{:?}",
        r.warnings
    );
    // An error-severity rule outside the selection stays, and says so.
    let (id, _) = protected_rule();
    assert!(rule(&r, &id).is_some());
    assert!(
        r.warnings
            .iter()
            .any(|w| w.contains(&format!("leave {id} unselected"))),
        "{:?}",
        r.warnings
    );
}

#[test]
fn unknown_names_in_select_ignore_and_rules_are_warned_about() {
    let r =
        configured("select = [\"NOPE-1\"]\nignore = [\"NOPE-2\"]\n[rules.NOPE-3]\nweight = 0\n");
    let w = r.warnings.join("\n");
    assert!(w.contains("names `NOPE-1`, which matches no rule"), "{w}");
    assert!(w.contains("names `NOPE-2`, which matches no rule"), "{w}");
    assert!(
        w.contains("overrides `NOPE-3`, which matches no rule id"),
        "{w}"
    );
    let r = configured("ignore = [\"docs\"]\n[rules.README-LICENSE]\nweight = 0.5\n");
    assert!(
        !r.warnings.join("\n").contains("matches no rule"),
        "{:?}",
        r.warnings
    );
}

#[test]
fn weights_go_down_to_zero_but_not_below_and_protected_rules_keep_theirs() {
    let r = configured("[rules.README-LICENSE]\nweight = 0\n");
    assert_eq!(rule(&r, "README-LICENSE").map(|r| r.weight), Some(0.0));
    assert!(
        !r.warnings.join("\n").contains("refused"),
        "{:?}",
        r.warnings
    );
    for bad in ["-1", "nan", "inf"] {
        let before = rule(&configured(""), "README-LICENSE")
            .expect("rule")
            .weight;
        let r = configured(&format!("[rules.README-LICENSE]\nweight = {bad}\n"));
        assert_eq!(
            rule(&r, "README-LICENSE").map(|r| r.weight),
            Some(before),
            "{bad}"
        );
        let w = r.warnings.join("\n");
        assert!(
            w.contains("(must be 0 or more)") || w.contains("raise the weight"),
            "{bad}: {w}"
        );
    }
    let (id, weight) = protected_rule();
    let r = configured(&format!("[rules.{id}]\nweight = {:?}\n", weight / 2.0));
    assert_eq!(rule(&r, &id).map(|r| r.weight), Some(weight));
    assert!(
        r.warnings
            .join("\n")
            .contains(&format!("lower the weight of {id}")),
        "{:?}",
        r.warnings
    );
}

#[test]
fn severities_may_rise_anywhere_but_never_fall_on_protected_rules() {
    let r = configured("[rules.README-LICENSE]\nseverity = \"error\"\n");
    assert_eq!(
        rule(&r, "README-LICENSE").map(|r| r.severity),
        Some(Severity::Error)
    );
    assert!(
        r.warnings
            .join("\n")
            .contains("severity of README-LICENSE info -> error"),
        "{:?}",
        r.warnings
    );
    let (id, _) = protected_rule();
    let r = configured(&format!("[rules.{id}]\nseverity = \"info\"\n"));
    assert_eq!(rule(&r, &id).map(|r| r.severity), Some(Severity::Error));
    assert!(
        r.warnings
            .join("\n")
            .contains(&format!("refused to lower the severity of {id}")),
        "{:?}",
        r.warnings
    );
    // A protected rule cannot be ignored either.
    let r = configured(&format!("ignore = [\"{id}\"]\n"));
    assert!(rule(&r, &id).is_some() && r.ignored.is_empty());
}

#[test]
fn a_pyproject_section_is_a_config_and_a_bad_one_an_error() {
    use portfolio_audit::config::parse_pyproject;
    assert!(parse_pyproject("[project]\nname = \"x\"\n").is_none());
    assert!(parse_pyproject("not toml [").is_none());
    let cfg = parse_pyproject("[tool.portfolio-audit]\nselect = [\"docs\"]\n")
        .expect("a section")
        .expect("valid");
    assert_eq!(cfg.select, ["docs"]);
    let err = parse_pyproject("[tool.portfolio-audit]\nselekt = 1\n")
        .expect("a section")
        .expect_err("invalid");
    assert!(
        err.message.contains("invalid [tool.portfolio-audit]"),
        "{}",
        err.message
    );
}
