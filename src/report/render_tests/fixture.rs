//! A representative run, in memory, for the renderers' unit tests: fast
//! enough to build for every cargo-mutants mutant (no git, no binary).
//!
//! Four repositories: `alpha` scored A with every status (pass, partial,
//! fail at info severity, not applicable, error), git source, profile,
//! config, ignored rules and a warning; a hostile `beta` whose name and
//! evidence carry markup, ANSI and bidi text, capped by a committed
//! secret, with rules folded under a missing prerequisite, evidence of
//! every location kind and a read error; `gamma`, which could not be
//! audited; and `docs-site`, not a Python project. Then a portfolio
//! verdict with a risk, tracks, weak flags and fixes. Nothing here
//! depends on the clock or the machine.

use crate::baseline::RepoChange;
use crate::error::AuditError;
use crate::facts::Facts;
use crate::facts::ci::CiConfig;
use crate::model::portfolio::{Portfolio, PortfolioFix, ProjectSummary, Risk, WeakFlag};
use crate::model::report::NOT_PYTHON;
use crate::model::{
    Cap, Evidence, FamilyScore, Ignored, Location, Outcome, ProfileChoice, Recorded, RepoReport,
    Score, Severity, Status,
};
use crate::source::{SourceInfo, SourceKind};
use std::path::Path;

/// The hostile repository's name: markup, an ANSI escape, quotes, a
/// mention, a reference and a right-to-left override.
pub const HOSTILE: &str = "beta<b>&\"q\"'@you #1\u{1b}[31m\u{202e}x";

fn outcome(id: &str, family: &str, status: Status, severity: Severity, weight: f64) -> Outcome {
    Outcome {
        id: id.into(),
        family: family.into(),
        title: format!("{} title", id.to_lowercase()),
        severity,
        weight,
        status,
        credit: match status {
            Status::Pass => 1.0,
            Status::Partial => 0.5,
            _ => 0.0,
        },
        message: format!("{} message", id.to_lowercase()),
        evidence: Vec::new(),
        fix: format!("Fix {id}."),
        cap: None,
        guardrail: false,
        rationale: String::new(),
        guide: None,
        provides: None,
        blocked_by: None,
    }
}

fn family(name: &str, score: Option<f64>, counts: [usize; 5]) -> FamilyScore {
    let [pass, partial, fail, not_applicable, error] = counts;
    FamilyScore {
        family: name.into(),
        score,
        pass,
        partial,
        fail,
        not_applicable,
        error,
    }
}

fn alpha_facts() -> Facts {
    let mut f = Facts::default();
    let mut h = crate::facts::history::HistoryFacts {
        total_commits: 120,
        analysed_commits: 100,
        non_merge_commits: 95,
        span_days: 40.4,
        active_days: 12,
        shallow: true,
        ..Default::default()
    };
    h.messages.considered = 90;
    h.messages.good_subjects = 81;
    h.messages.conventional = 46;
    f.history = Some(h);
    let ci = |path: &str, kinds: Vec<&'static str>, versions: &[&str]| CiConfig {
        path: path.into(),
        provider: "github-actions",
        commands: Vec::new(),
        runs_something: true,
        triggers: vec!["push".into()],
        python_versions: versions.iter().map(|v| (*v).to_owned()).collect(),
        jobs: vec!["test".into()],
        kinds,
    };
    f.ci.configs = vec![
        ci(
            ".github/workflows/test.yml",
            vec!["tests", "lint"],
            &["3.12", "3.11"],
        ),
        ci(".github/workflows/lint.yml", vec!["lint"], &["3.12"]),
    ];
    f.python.source_files = 5;
    f.python.source_lines = 400;
    f.python.test_files = vec!["tests/test_a.py".into(), "tests/test_b.py".into()];
    f.python.test_lines = 120;
    f.python.tests.functions = 10;
    f.python.tests.assertions = 25;
    f
}

fn alpha() -> RepoReport {
    let mut r = RepoReport::new("alpha", Path::new("/repos/alpha"));
    r.position = 0;
    r.source = Some(SourceKind::GitHead);
    r.git = Some(SourceInfo {
        head_commit: Some("0123456789abcdef0123".into()),
        branch: Some("main".into()),
        bare: false,
        empty: false,
    });
    r.identity.root_commit = Some("fedcba9876543210".into());
    r.identity.remote = Some("https://github.com/ann/alpha".into());
    let mut partial = outcome(
        "TESTS-ASSERT",
        "tests",
        Status::Partial,
        Severity::Warn,
        2.0,
    );
    partial.evidence =
        vec![Evidence::line("tests/test_b.py", Some(3)).with_note("asserts nothing")];
    partial.rationale = "Tests that assert nothing prove nothing.\nMore text.".into();
    partial.guide = Some("002_b23f094648aa08d3.txt".into());
    let mut na = outcome(
        "TESTS-COVERAGE",
        "tests",
        Status::NotApplicable,
        Severity::Warn,
        1.0,
    );
    na.message = "no coverage configuration to judge".into();
    let mut errored = outcome("CI-LINT", "ci", Status::Error, Severity::Warn, 1.0);
    errored.message = "could not parse .github/workflows/lint.yml".into();
    let mut info = outcome("CI-BADGE", "ci", Status::Fail, Severity::Info, 0.5);
    info.evidence = vec![Evidence::file("README.md")];
    r.outcomes = vec![
        outcome(
            "README-EXISTS",
            "readme",
            Status::Pass,
            Severity::Error,
            2.0,
        ),
        outcome(
            "README-INSTALL",
            "readme",
            Status::Pass,
            Severity::Warn,
            1.0,
        ),
        outcome("TESTS-EXIST", "tests", Status::Pass, Severity::Error, 3.0),
        partial,
        na,
        outcome("CI-TESTS", "ci", Status::Pass, Severity::Warn, 2.0),
        errored,
        info,
    ];
    r.score = Some(Score {
        score: Some(92.4),
        grade: Some('A'),
        scored_rules: 6,
        total_rules: 8,
        families: vec![
            family("readme", Some(100.0), [2, 0, 0, 0, 0]),
            family("tests", Some(80.0), [1, 1, 0, 1, 0]),
            family("ci", Some(79.9), [1, 0, 1, 0, 1]),
        ],
        capped_by: None,
        uncapped: None,
    });
    r.profile = Some(ProfileChoice {
        name: "backend".into(),
        reason: "flask in dependencies".into(),
    });
    r.config = Some(".portfolio-audit.toml".into());
    r.ignored = vec![
        Ignored {
            id: "DOCS-CHANGELOG".into(),
            reason: Some("kept in\u{1b}[2J the wiki".into()),
        },
        Ignored {
            id: "DOCS-CONTRIBUTING".into(),
            reason: None,
        },
    ];
    r.warnings = vec!["lowered the weight of DOCS-LICENSE to 0.5".into()];
    r.facts = Some(alpha_facts());
    r
}

fn beta() -> RepoReport {
    let mut r = RepoReport::new(HOSTILE, Path::new("/repos/beta"));
    r.position = 1;
    r.source = Some(SourceKind::Worktree);
    let mut secret = outcome(
        "HYGIENE-NO-SECRETS",
        "hygiene",
        Status::Fail,
        Severity::Error,
        3.0,
    );
    secret.title = "No committed <secrets> & keys".into();
    secret.message = "a key in \"config\" <here>".into();
    secret.cap = Some(59.0);
    secret.evidence = vec![
        Evidence {
            location: Location::File {
                path: "config/<svg onload=alert(1)>.py".into(),
                line: Some(4),
                column: Some(7),
            },
            note: Some("AWS key **bold** [x](y) @you\nforged line".into()),
        },
        Evidence {
            location: Location::Commit {
                id: "abc1234".into(),
                path: Some("old/.env".into()),
            },
            note: None,
        },
        Evidence::author("Eve <eve@example.com>"),
        Evidence::file("venv/"),
        Evidence::line("my dir/a b.py", Some(0)),
    ];
    secret.rationale = "A committed key is a live risk. Reviewers stop reading.".into();
    secret.guide = Some("002_b23f094648aa08d3.txt".into());
    let mut readme = outcome("README-EXISTS", "readme", Status::Fail, Severity::Warn, 2.0);
    readme.provides = Some("has-readme".into());
    readme.evidence = vec![Evidence::repository()];
    let needs_readme = |id: &str| {
        let mut o = outcome(id, "readme", Status::Fail, Severity::Warn, 1.0);
        o.evidence = vec![Evidence::unmet_requirement("has-readme")];
        o.blocked_by = Some("has-readme".into());
        o
    };
    let mut tests = outcome("TESTS-NAMED", "tests", Status::Fail, Severity::Warn, 2.0);
    tests.evidence = vec![
        Evidence::line("t/a.py", Some(1)),
        Evidence::line("t/b.py", Some(2)),
        Evidence::repository().with_note("imports <pytest>"),
    ];
    let mut code = outcome("CODE-PRINTS", "code", Status::Partial, Severity::Warn, 1.5);
    code.evidence = vec![Evidence::line("app.py", Some(9)).with_note("print")];
    let minor = |id: &str, status: Status| outcome(id, "docs", status, Severity::Info, 0.5);
    r.outcomes = vec![
        secret,
        outcome(
            "HYGIENE-NO-CACHES",
            "hygiene",
            Status::Pass,
            Severity::Warn,
            1.0,
        ),
        readme,
        needs_readme("README-INSTALL"),
        needs_readme("README-USAGE"),
        tests,
        code,
        outcome("CODE-SHORT", "code", Status::Fail, Severity::Warn, 0.8),
        minor("DOCS-CHANGELOG", Status::Fail),
        minor("DOCS-CONTRIBUTING", Status::Partial),
        minor("DOCS-LICENSE", Status::Fail),
    ];
    r.score = Some(Score {
        score: Some(59.0),
        grade: Some('F'),
        scored_rules: 11,
        total_rules: 11,
        families: vec![
            family("hygiene", Some(25.0), [1, 0, 1, 0, 0]),
            family("readme", Some(0.0), [0, 0, 3, 0, 0]),
            family("tests", Some(0.0), [0, 0, 1, 0, 0]),
            family("code", Some(65.5), [0, 1, 1, 0, 0]),
            family("docs", Some(16.7), [0, 1, 2, 0, 0]),
        ],
        capped_by: Some(Cap {
            rule: "HYGIENE-NO-SECRETS".into(),
            cap: 59.0,
        }),
        uncapped: Some(64.97),
    });
    r.errors = vec![AuditError::at(
        "Pipfile",
        "malformed Pipfile: <expected `]`>",
    )];
    r.recorded = Some(Recorded {
        facts: None,
        context: vec!["history: 3 commits\u{1b}[2J over 1 day".into()],
    });
    r
}

fn gamma() -> RepoReport {
    let mut r = RepoReport::new("gamma", Path::new("/repos/gamma"));
    r.position = 2;
    r.source = Some(SourceKind::Folder);
    r.errors = vec![AuditError::repo("could not open: not a git repository")];
    r
}

fn docs_site() -> RepoReport {
    let mut r = RepoReport::new("docs-site", Path::new("/repos/docs-site"));
    r.position = 3;
    r.source = Some(SourceKind::Folder);
    r.outcomes = vec![outcome(
        "TESTS-EXIST",
        "tests",
        Status::NotApplicable,
        Severity::Error,
        3.0,
    )];
    r.score = Some(Score {
        score: None,
        grade: None,
        scored_rules: 0,
        total_rules: 1,
        families: vec![family("tests", None, [0, 0, 0, 1, 0])],
        capped_by: None,
        uncapped: None,
    });
    r.warnings = vec![NOT_PYTHON.into()];
    r
}

/// The four repositories, in run order.
pub fn reports() -> Vec<RepoReport> {
    vec![alpha(), beta(), gamma(), docs_site()]
}

/// The portfolio verdict over them (built by hand: the renderers only
/// read it).
pub fn portfolio() -> Portfolio {
    Portfolio {
        score: Some(59.0),
        uncapped: Some(78.7),
        risks: vec![Risk {
            project: HOSTILE.into(),
            rule: "HYGIENE-NO-SECRETS".into(),
            finding: "No committed <secrets> & keys".into(),
            evidence: vec![
                "config/<svg onload=alert(1)>.py:4".into(),
                "old/.env".into(),
            ],
            fix: "Revoke the key & rewrite history".into(),
            cap: 59.0,
        }],
        grade: Some('F'),
        strongest: vec!["alpha".into(), HOSTILE.into()],
        tracks: [
            ("backend".to_owned(), vec!["alpha: flask".to_owned()]),
            (
                "data".to_owned(),
                vec!["beta: pandas".to_owned(), "<i>notebooks</i>".to_owned()],
            ),
        ]
        .into_iter()
        .collect(),
        projects: vec![
            ProjectSummary {
                name: "gamma".into(),
                score: None,
                tracks: Vec::new(),
                proves: "nothing yet".into(),
                weak: Vec::new(),
            },
            ProjectSummary {
                name: HOSTILE.into(),
                score: Some(59.0),
                tracks: vec!["data".into()],
                proves: "a <data> pipeline".into(),
                weak: vec![WeakFlag {
                    kind: "tiny".into(),
                    evidence: "32 lines in 1 file".into(),
                }],
            },
            ProjectSummary {
                name: "alpha".into(),
                score: Some(92.4),
                tracks: vec!["backend".into()],
                proves: "a tested Flask API".into(),
                weak: Vec::new(),
            },
        ],
        fixes: vec![
            PortfolioFix {
                rule: "HYGIENE-NO-SECRETS".into(),
                fix: "Revoke the key & rewrite history".into(),
                gain: 19.7,
                projects: vec![HOSTILE.into()],
            },
            PortfolioFix {
                rule: "TESTS-ASSERT".into(),
                fix: "Assert something.".into(),
                gain: 1.0,
                projects: vec!["alpha".into()],
            },
        ],
    }
}

/// A baseline comparison: a drop with regressions, a rise with
/// improvements, both at once, an unchanged one and a new repository.
pub fn changes() -> Vec<RepoChange> {
    let change =
        |name: &str, before, after, regressions: &[&str], improvements: &[&str]| RepoChange {
            name: name.into(),
            before,
            after,
            regressions: regressions.iter().map(|s| (*s).to_owned()).collect(),
            improvements: improvements.iter().map(|s| (*s).to_owned()).collect(),
            new: false,
        };
    vec![
        change("alpha", Some(95.0), Some(92.4), &["TESTS-ASSERT"], &[]),
        change(
            HOSTILE,
            Some(50.0),
            Some(59.0),
            &[],
            &["CI-TESTS", "CI-LINT"],
        ),
        change("mixed", Some(70.0), Some(70.0), &["A-1"], &["B-2"]),
        change("gamma", Some(80.0), None, &[], &[]),
        RepoChange {
            new: true,
            ..change("docs-site", None, Some(61.25), &[], &[])
        },
    ]
}
