//! The application layer called as a library: exit policy, target
//! resolution, output files and --show-config, without spawning the binary.

mod common;

use clap::Parser;
use common::{TestRepo, portfolio};
use portfolio_audit::app::cli::{AuditArgs, AuditOptionsArgs, Cli, Command, FailOn, Format};
use portfolio_audit::app::exit::{self, Exit, Policy};
use portfolio_audit::app::{self, plan::Plan, render, run, targets};
use portfolio_audit::baseline::RepoChange;
use portfolio_audit::discover::TargetKind;
use portfolio_audit::report::RepoReport;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Parses a command line; an audit runs with `--no-cache`, so these
/// in-process runs never write the real home's result cache.
fn parse(args: &[&str]) -> Cli {
    let mut all = vec!["portfolio-audit"];
    all.extend_from_slice(args);
    if args.first() == Some(&"audit") {
        all.insert(2, "--no-cache");
    }
    Cli::try_parse_from(all).unwrap_or_else(|e| panic!("arguments {args:?} do not parse: {e}"))
}

fn audit_args(args: &[&str]) -> AuditArgs {
    let mut all = vec!["audit"];
    all.extend_from_slice(args);
    match parse(&all).command {
        Command::Audit(a) => a,
        other => panic!("not an audit: {other:?}"),
    }
}

/// Runs a command line in-process; what it printed, and how it ended.
fn run_app(args: &[&str]) -> (anyhow::Result<Exit>, String) {
    let mut out = Vec::new();
    let ended = app::run(parse(args), &mut out);
    (ended, String::from_utf8(out).expect("utf-8 output"))
}

fn fixture(name: &str) -> String {
    portfolio().join(name).display().to_string()
}

/// The exemplary and the mistakes fixtures, audited once with the default
/// pack: one repository that scores high, one that scores low.
fn reports() -> &'static [RepoReport] {
    static REPORTS: OnceLock<Vec<RepoReport>> = OnceLock::new();
    REPORTS.get_or_init(|| {
        let (good, bad) = (fixture("exemplary"), fixture("mistakes"));
        let args = audit_args(&[&good, &bad, "--profile", "default", "--quiet"]);
        let found = targets::resolve(&args).expect("targets");
        let plan = Plan::from_args(&args.options).expect("plan");
        run::audit(&found, &plan, &args.options)
            .expect("audit runs")
            .expect("not interrupted")
    })
}

fn score(r: &RepoReport) -> f64 {
    r.overall().expect("the fixture is scored")
}

#[test]
fn exit_codes_are_what_scripts_branch_on() {
    assert_eq!(Exit::Success.code(), 0);
    assert_eq!(Exit::Failed.code(), 1);
    assert_eq!(Exit::Usage.code(), 2);
    assert_eq!(Exit::Interrupted.code(), 130);
}

#[test]
fn without_fail_flags_every_run_succeeds() {
    assert_eq!(Policy::default().judge(reports(), None), Exit::Success);
    let unscored = RepoReport::new("empty", Path::new("empty"));
    assert_eq!(Policy::default().judge(&[unscored], None), Exit::Success);
}

#[test]
fn fail_under_fails_a_repository_below_the_threshold_or_unscored() {
    let [good, bad] = reports() else {
        panic!("two reports")
    };
    assert!(score(good) > score(bad) + 2.0, "fixtures too close");
    let policy = Policy {
        fail_under: Some(score(bad) + 1.0),
        ..Policy::default()
    };
    assert_eq!(
        policy.judge(std::slice::from_ref(good), None),
        Exit::Success
    );
    assert_eq!(policy.judge(reports(), None), Exit::Failed);
    let unscored = RepoReport::new("empty", Path::new("empty"));
    let lenient = Policy {
        fail_under: Some(0.0),
        ..Policy::default()
    };
    assert_eq!(lenient.judge(&[unscored], None), Exit::Failed);
}

#[test]
fn fail_on_fails_when_a_rule_of_that_severity_or_worse_fails() {
    let bad = &reports()[1];
    let warn = Policy {
        fail_on: Some(FailOn::Warn),
        ..Policy::default()
    };
    assert_eq!(warn.judge(std::slice::from_ref(bad), None), Exit::Failed);
    let error = Policy {
        fail_on: Some(FailOn::Error),
        ..Policy::default()
    };
    let good = &reports()[0];
    let error_fails = good.outcomes.iter().any(|o| {
        o.status == portfolio_audit::model::Status::Fail
            && o.severity == portfolio_audit::model::Severity::Error
    });
    assert!(!error_fails, "the exemplary fixture fails an error rule");
    assert_eq!(error.judge(std::slice::from_ref(good), None), Exit::Success);
}

#[test]
fn fail_on_regression_looks_only_at_the_baseline_changes() {
    let change = |before: f64, after: f64, regressions: &[&str]| RepoChange {
        name: "r".to_owned(),
        before: Some(before),
        after: Some(after),
        regressions: regressions.iter().map(|s| (*s).to_owned()).collect(),
        improvements: Vec::new(),
        new: false,
    };
    let policy = Policy {
        fail_on_regression: true,
        ..Policy::default()
    };
    let steady = [change(80.0, 80.0, &[])];
    let dropped = [change(80.0, 70.0, &[])];
    let rule_broke = [change(80.0, 80.0, &["DOCS-LICENSE"])];
    assert_eq!(policy.judge(&[], Some(&steady)), Exit::Success);
    assert_eq!(policy.judge(&[], Some(&dropped)), Exit::Failed);
    assert_eq!(policy.judge(&[], Some(&rule_broke)), Exit::Failed);
    assert_eq!(policy.judge(&[], None), Exit::Success);
    assert_eq!(Policy::default().judge(&[], Some(&dropped)), Exit::Success);
}

#[test]
fn fail_on_regression_end_to_end_against_a_saved_report() {
    let mut repo = TestRepo::new();
    let readme: &[u8] = b"# Tool\n\n## Install\n\npip install tool\n\n## Usage\n\nRun it.\n";
    repo.commit(
        "Add tool",
        &[
            ("README.md", readme),
            ("LICENSE", b"MIT License\n"),
            ("tool.py", b"print('hi')\n"),
        ],
    );
    let path = repo.path().display().to_string();
    let saved = tempfile::tempdir().expect("tmp");
    let base = saved.path().join("baseline.json").display().to_string();
    let (ended, printed) = run_app(&["audit", &path, "--format", "json", "-o", &base]);
    assert_eq!(ended.expect("runs"), Exit::Success);
    assert!(printed.is_empty(), "-o leaves stdout empty: {printed}");
    repo.commit("Drop the docs", &[("tool.py", b"print('hi')\n")]);
    let (ended, _) = run_app(&["audit", &path, "--baseline", &base, "--format", "json"]);
    assert_eq!(ended.expect("runs"), Exit::Success, "no flag, no failure");
    let (ended, printed) = run_app(&[
        "audit",
        &path,
        "--baseline",
        &base,
        "--fail-on-regression",
        "--color",
        "never",
    ]);
    assert_eq!(ended.expect("runs"), Exit::Failed);
    assert!(printed.contains("DOCS-LICENSE"), "{printed}");
}

#[test]
fn fail_under_end_to_end() {
    let bad = fixture("mistakes");
    let (ended, printed) = run_app(&["audit", &bad, "--fail-under", "99", "--format", "json"]);
    assert_eq!(ended.expect("runs"), Exit::Failed);
    let report: serde_json::Value = serde_json::from_str(&printed).expect("the report is JSON");
    assert_eq!(report["repos"].as_array().expect("repos").len(), 1);
}

#[test]
fn a_missing_path_or_unknown_profile_is_a_usage_error() {
    let (ended, printed) = run_app(&["audit", "/no/such/dir/anywhere"]);
    let err = ended.expect_err("a missing path stops the run");
    assert_eq!(exit::for_error(&err), Exit::Usage);
    assert_eq!(exit::for_error(&err).code(), 2);
    assert!(
        format!("{err:#}").contains("/no/such/dir/anywhere"),
        "{err:#}"
    );
    assert!(printed.is_empty());

    let good = fixture("exemplary");
    let (ended, _) = run_app(&["audit", &good, "--profile", "no-such-track"]);
    let err = ended.expect_err("an unknown profile stops the run");
    assert_eq!(exit::for_error(&err), Exit::Usage);

    let (ended, _) = run_app(&["explain", "NO-SUCH-RULE"]);
    let err = ended.expect_err("an unknown rule stops explain");
    assert!(
        format!("{err:#}").contains("no rule with this id"),
        "{err:#}"
    );
}

#[test]
fn clap_rejects_regression_without_a_baseline_with_code_2() {
    let err = Cli::try_parse_from(["portfolio-audit", "audit", "--fail-on-regression"])
        .expect_err("--fail-on-regression requires --baseline");
    assert_eq!(err.exit_code(), 2);
}

/// A reader that went away: every write fails as on a closed pipe.
struct ClosedPipe;

impl std::io::Write for ClosedPipe {
    fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
        Err(std::io::ErrorKind::BrokenPipe.into())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_closed_pipe_ends_the_run_quietly_with_success() {
    let err = app::run(parse(&["rules"]), &mut ClosedPipe).expect_err("the write fails");
    assert!(exit::is_broken_pipe(&err));
    assert_eq!(exit::for_error(&err), Exit::Success);
}

#[test]
fn a_list_names_local_targets_bad_entries_and_remotes() {
    let dir = tempfile::tempdir().expect("tmp");
    let good = fixture("exemplary");
    let list = dir.path().join("list.txt");
    let text = format!("# my projects\n\n  {good}  \n/no/such/repo\ngh:someone/thing\n");
    std::fs::write(&list, text).expect("write list");
    let other = fixture("mistakes");
    let args = audit_args(&[&other, "--from-file", &list.display().to_string()]);
    let named = targets::name_targets(&args).expect("the list is read");
    let names: Vec<&str> = named.targets.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names.len(), 3, "{names:?}");
    assert_eq!(
        named.targets[0].path,
        PathBuf::from(&other),
        "paths come first"
    );
    assert_eq!(named.targets[1].path, PathBuf::from(&good));
    assert_eq!(named.targets[1].kind, TargetKind::Git);
    let bad = &named.targets[2];
    assert_eq!(bad.name, "/no/such/repo");
    assert_eq!(bad.kind, TargetKind::Invalid);
    assert!(
        bad.problem
            .as_deref()
            .is_some_and(|p| p.contains("cannot audit")),
        "{:?}",
        bad.problem
    );
    let remotes: Vec<&str> = named.remotes.iter().map(|r| r.arg.as_str()).collect();
    assert_eq!(remotes, ["gh:someone/thing"]);
}

#[test]
fn a_list_alone_does_not_add_the_current_directory() {
    let dir = tempfile::tempdir().expect("tmp");
    let list = dir.path().join("list.txt");
    std::fs::write(&list, "# nothing yet\n").expect("write list");
    let args = audit_args(&["--from-file", &list.display().to_string()]);
    let named = targets::name_targets(&args).expect("the list is read");
    assert!(named.targets.is_empty() && named.remotes.is_empty());
}

#[test]
fn an_unreadable_list_is_a_usage_error() {
    let args = audit_args(&["--from-file", "/no/such/list.txt"]);
    let err = targets::resolve(&args).expect_err("no list, no run");
    assert!(format!("{err:#}").contains("cannot read list"), "{err:#}");
    assert_eq!(exit::for_error(&err), Exit::Usage);
}

#[test]
fn a_bad_list_entry_is_an_error_entry_and_the_run_goes_on() {
    let dir = tempfile::tempdir().expect("tmp");
    let list = dir.path().join("list.txt");
    let good = fixture("library-clean");
    std::fs::write(&list, format!("{good}\n/no/such/repo\n")).expect("write list");
    let (ended, printed) = run_app(&[
        "audit",
        "--from-file",
        &list.display().to_string(),
        "--format",
        "json",
    ]);
    assert_eq!(ended.expect("runs"), Exit::Success);
    let report: serde_json::Value = serde_json::from_str(&printed).expect("JSON");
    let repos = report["repos"].as_array().expect("repos");
    assert_eq!(repos.len(), 2);
    assert!(repos.iter().any(|r| r["score"].is_number()));
    assert!(
        repos
            .iter()
            .any(|r| r["name"] == "/no/such/repo" && !r["errors"][0].is_null())
    );
}

#[test]
fn an_output_spec_names_its_format_or_its_extension_does() {
    let cases = [
        ("report.txt", Some(Format::Json), Format::Json, "report.txt"),
        ("sarif=out/a.sarif", None, Format::Sarif, "out/a.sarif"),
        (
            "HTML=page.html",
            Some(Format::Text),
            Format::Html,
            "page.html",
        ),
        ("report.html", None, Format::Html, "report.html"),
        ("r.sarif", None, Format::Sarif, "r.sarif"),
        ("r.md", None, Format::Markdown, "r.md"),
        ("r.JSON", None, Format::Json, "r.JSON"),
        ("notes", None, Format::Text, "notes"),
        ("out/a=b.json", None, Format::Json, "out/a=b.json"),
    ];
    for (spec, given, format, path) in cases {
        let got =
            render::output_target(Path::new(spec), given).unwrap_or_else(|e| panic!("{spec}: {e}"));
        assert_eq!(got, (format, PathBuf::from(path)), "{spec}");
    }
}

#[test]
fn an_unknown_format_prefix_is_a_usage_error_naming_the_choices() {
    let err = render::output_target(Path::new("sraif=r.sarif"), None)
        .expect_err("a misspelt format is no file name");
    let text = err.to_string();
    assert!(
        text.contains("sraif") && text.contains("sarif, markdown"),
        "{text}"
    );
    let (ended, printed) = run_app(&["audit", &fixture("exemplary"), "-o", "sraif=r.sarif"]);
    let err = ended.expect_err("stops before the audit");
    assert_eq!(exit::for_error(&err), Exit::Usage);
    assert!(printed.is_empty());
    assert!(!Path::new("sraif=r.sarif").exists());
}

#[test]
fn fail_under_outside_0_to_100_or_nan_is_a_usage_error() {
    for bad in ["101", "-1", "NaN", "nan", "abc"] {
        let parsed = Cli::try_parse_from(["portfolio-audit", "audit", "--fail-under", bad]);
        assert!(parsed.is_err(), "--fail-under {bad} was accepted");
    }
    assert!(Cli::try_parse_from(["portfolio-audit", "audit", "--fail-under", "100"]).is_ok());
}

#[test]
fn a_failing_gate_says_which_repository_or_rule_and_why() {
    let [good, bad] = reports() else {
        panic!("two reports")
    };
    let policy = Policy {
        fail_under: Some(score(bad) + 1.0),
        ..Policy::default()
    };
    let reasons = policy.reasons(reports(), None);
    assert_eq!(reasons.len(), 1, "{reasons:?}");
    assert!(
        reasons[0].contains(&bad.name) && reasons[0].contains("below --fail-under"),
        "{reasons:?}"
    );
    assert!(policy.reasons(std::slice::from_ref(good), None).is_empty());
    let on_error = Policy {
        fail_on: Some(FailOn::Error),
        ..Policy::default()
    };
    let reasons = on_error.reasons(std::slice::from_ref(bad), None);
    assert!(
        reasons.iter().all(|r| r.contains("severity error")),
        "{reasons:?}"
    );
    assert!(!reasons.is_empty());
}

/// `--fail-on error` and `--fail-under 0`: one gate of each kind.
fn every_gate() -> [Policy; 2] {
    [
        Policy {
            fail_on: Some(FailOn::Error),
            ..Policy::default()
        },
        Policy {
            fail_under: Some(0.0),
            ..Policy::default()
        },
    ]
}

#[test]
fn an_unreadable_repository_fails_every_gate_alike() {
    let mut broken = RepoReport::new("broken", Path::new("broken"));
    broken
        .errors
        .push(portfolio_audit::error::AuditError::repo("cannot read it"));
    for policy in every_gate() {
        let reasons = policy.reasons(std::slice::from_ref(&broken), None);
        assert_eq!(
            policy.judge(std::slice::from_ref(&broken), None),
            Exit::Failed
        );
        assert!(reasons[0].contains("cannot read it"), "{reasons:?}");
    }
}

#[test]
fn a_repository_that_is_not_python_is_left_out_of_the_gates() {
    let mut rusty = RepoReport::new("rusty", Path::new("rusty"));
    rusty
        .warnings
        .push(portfolio_audit::model::report::NOT_PYTHON.to_owned());
    assert!(rusty.is_unscored());
    let [good, _] = reports() else {
        panic!("two reports")
    };
    for policy in every_gate() {
        let both = [good.clone(), rusty.clone()];
        assert_eq!(
            policy.judge(&both, None),
            Exit::Success,
            "beside a scored one"
        );
        // Alone, the gate has nothing to judge: that fails, and says why.
        let alone = std::slice::from_ref(&rusty);
        assert_eq!(policy.judge(alone, None), Exit::Failed);
        let reasons = policy.reasons(alone, None);
        assert!(reasons[0].contains("not a Python project"), "{reasons:?}");
    }
}

#[test]
fn each_output_file_gets_its_own_format() {
    let dir = tempfile::tempdir().expect("tmp");
    let at = |name: &str| dir.path().join(name).display().to_string();
    let good = fixture("exemplary");
    let (sarif, json, html, badge) = (at("r.sarif"), at("r.json"), at("r.html"), at("r.svg"));
    let (ended, printed) = run_app(&[
        "audit",
        &good,
        "--format",
        "json",
        "-o",
        &format!("sarif={sarif}"),
        "-o",
        &json,
        "-o",
        &format!("html={html}"),
        "-o",
        &format!("badge={badge}"),
    ]);
    assert_eq!(ended.expect("runs"), Exit::Success);
    assert!(printed.is_empty(), "with -o nothing goes to stdout");
    let read = |p: &str| std::fs::read_to_string(p).expect("written");
    let sarif: serde_json::Value = serde_json::from_str(&read(&sarif)).expect("SARIF JSON");
    assert!(sarif["runs"].is_array());
    let json: serde_json::Value = serde_json::from_str(&read(&json)).expect("JSON");
    assert!(json["repos"].is_array());
    assert!(read(&html).contains("<html"));
    assert!(read(&badge).starts_with("<svg"));
    let leftovers = std::fs::read_dir(dir.path()).expect("ls").count();
    assert_eq!(leftovers, 4, "no temporary files left behind");
}

#[test]
fn show_config_prints_the_resolved_plan_and_audits_nothing() {
    let good = fixture("exemplary");
    let (ended, printed) = run_app(&["audit", &good, "--show-config", "--max-commits", "7"]);
    assert_eq!(ended.expect("runs"), Exit::Success);
    let doc: serde_json::Value = serde_json::from_str(&printed).expect("JSON");
    assert_eq!(doc["profile"], "auto");
    assert!(
        !doc["profiles_for_auto"]
            .as_array()
            .expect("profiles")
            .is_empty()
    );
    assert!(!doc["rules"].as_array().expect("rules").is_empty());
    assert_eq!(doc["repos"][0]["name"], good.as_str());
    assert_eq!(doc["flags"]["max_commits"], 7);
    assert_eq!(doc["flags"]["color"], "auto");
    assert!(doc["repos"][0].get("outcomes").is_none());

    let args = audit_args(&[&good, "--profile", "default"]);
    let plan = Plan::from_args(&args.options).expect("plan");
    let found = targets::resolve(&args).expect("targets");
    let doc = portfolio_audit::app::show_config::document(&found, &plan, &args.options);
    assert_eq!(doc["profile"], "default");
    assert_eq!(doc["profiles_for_auto"], serde_json::json!([]));
}

#[test]
fn options_parse_into_a_plan() {
    let args: AuditOptionsArgs = audit_args(&["--max-commits", "0", "--author", "ada"]).options;
    let plan = Plan::from_args(&args).expect("plan");
    assert_eq!(plan.options.history.max_commits, 1, "at least one commit");
    assert_eq!(plan.options.history.authors, ["ada"]);
    assert!(plan.options.cancel.is_none() && plan.options.progress.is_none());
}

#[test]
fn the_baseline_matches_a_repository_however_its_path_is_spelt() {
    let mut repo = TestRepo::new();
    let readme: &[u8] = b"# Tool\n\n## Install\n\npip install tool\n\n## Usage\n\nRun it.\n";
    repo.commit(
        "Add tool",
        &[
            ("README.md", readme),
            ("LICENSE", b"MIT License\n"),
            ("tool.py", b"print('hi')\n"),
        ],
    );
    let absolute = repo.path().display().to_string();
    let saved = tempfile::tempdir().expect("tmp");
    let base = saved.path().join("baseline.json").display().to_string();
    let (ended, _) = run_app(&["audit", &absolute, "-o", &base]);
    assert_eq!(ended.expect("runs"), Exit::Success);
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&base).expect("saved")).expect("json");
    assert!(
        doc["repos"][0]["identity"]["root_commit"].is_string(),
        "{}",
        doc["repos"][0]
    );
    repo.commit("Drop the licence", &[("tool.py", b"print('hi')\n")]);
    // Spelt differently: a trailing `/./` names the same folder.
    let respelt = format!("{absolute}/./");
    let (ended, printed) = run_app(&[
        "audit",
        &respelt,
        "--baseline",
        &base,
        "--fail-on-regression",
        "--color",
        "never",
    ]);
    assert_eq!(ended.expect("runs"), Exit::Failed, "{printed}");
    assert!(printed.contains("regressed: "), "{printed}");
    assert!(!printed.contains(": new,"), "{printed}");
}

#[test]
fn a_baseline_that_matches_nothing_says_so() {
    let saved = tempfile::tempdir().expect("tmp");
    let base = saved.path().join("baseline.json");
    std::fs::write(
        &base,
        r#"{"schema_version":1,"repos":[{"name":"elsewhere","path":"/no/such/repo","score":90.0,"outcomes":[]}]}"#,
    )
    .expect("write");
    let out = common::run_in(
        portfolio(),
        &[
            "audit",
            "exemplary",
            "--baseline",
            &base.display().to_string(),
            "--quiet",
        ],
    );
    assert!(out.status.success());
    let err = common::stderr(&out);
    assert!(err.contains("matched none of the 1 repository"), "{err}");
}

#[cfg(unix)]
#[test]
fn an_output_file_is_readable_like_any_other_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("r.json");
    render::write_atomically(&path, "{}\n").expect("written");
    let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
    assert_eq!(mode & 0o777, 0o644);
}

#[test]
fn a_score_equal_to_the_threshold_passes_fail_under() {
    let bad = &reports()[1];
    let exact = Policy {
        fail_under: Some(score(bad)),
        ..Policy::default()
    };
    assert_eq!(exact.judge(std::slice::from_ref(bad), None), Exit::Success);
}

#[test]
fn a_regression_says_what_dropped_and_what_now_fails() {
    let change = |before: Option<f64>, after: Option<f64>, regressions: &[&str]| RepoChange {
        name: "r".to_owned(),
        before,
        after,
        regressions: regressions.iter().map(|s| (*s).to_owned()).collect(),
        improvements: Vec::new(),
        new: false,
    };
    let policy = Policy {
        fail_on_regression: true,
        ..Policy::default()
    };
    let reasons = |c: RepoChange| policy.reasons(&[], Some(&[c]));
    assert_eq!(
        reasons(change(Some(80.0), Some(70.0), &[])),
        ["r regressed since the baseline (score 80.0 -> 70.0)"]
    );
    assert_eq!(
        reasons(change(Some(80.0), Some(80.0), &["A", "B"])),
        ["r regressed since the baseline (now failing: A, B)"]
    );
    assert_eq!(
        reasons(change(Some(80.0), Some(90.0), &["A"])),
        ["r regressed since the baseline (now failing: A)"]
    );
    assert_eq!(
        reasons(change(Some(80.0), Some(70.0), &["A"])),
        ["r regressed since the baseline (score 80.0 -> 70.0; now failing: A)"]
    );
    assert_eq!(
        reasons(change(Some(80.0), None, &[])),
        ["r regressed since the baseline (regressed)"]
    );
    assert!(reasons(change(Some(80.0), Some(80.0), &[])).is_empty());
}

#[test]
fn only_a_closed_pipe_counts_as_a_broken_pipe() {
    let other = anyhow::Error::from(std::io::Error::from(std::io::ErrorKind::NotFound));
    assert!(!exit::is_broken_pipe(&other));
    assert_eq!(exit::for_error(&other), Exit::Usage);
    let wrapped = anyhow::Error::from(std::io::Error::from(std::io::ErrorKind::BrokenPipe))
        .context("writing the report");
    assert!(exit::is_broken_pipe(&wrapped));
}

#[test]
fn fail_on_error_ignores_warn_failures_and_passes() {
    let bad = &reports()[1];
    let error = Policy {
        fail_on: Some(FailOn::Error),
        ..Policy::default()
    };
    let reasons = error.reasons(std::slice::from_ref(bad), None);
    let expected = bad
        .outcomes
        .iter()
        .filter(|o| {
            o.status == portfolio_audit::model::Status::Fail
                && o.severity == portfolio_audit::model::Severity::Error
        })
        .count();
    assert_eq!(reasons.len(), expected, "{reasons:?}");
    let warn = Policy {
        fail_on: Some(FailOn::Warn),
        ..Policy::default()
    };
    let expected = bad
        .outcomes
        .iter()
        .filter(|o| {
            o.status == portfolio_audit::model::Status::Fail
                && o.severity >= portfolio_audit::model::Severity::Warn
        })
        .count();
    assert!(expected > 0);
    assert_eq!(
        warn.reasons(std::slice::from_ref(bad), None).len(),
        expected
    );
}
