//! The terminal report (`--color never` unless a test says otherwise).

use super::fixture::{HOSTILE, portfolio, reports};
use crate::model::{Outcome, Severity, Status};
use crate::report::text::{Detail, Style, render, summary_lines};

fn plain(detail: Detail) -> Style {
    Style {
        color: false,
        detail,
    }
}

#[test]
fn the_default_report_snapshot() {
    let out = render(&reports(), Some(&portfolio()), plain(Detail::Normal));
    insta::assert_snapshot!(out);
}

#[test]
fn the_verbose_report_snapshot() {
    let out = render(&reports(), Some(&portfolio()), plain(Detail::Verbose));
    insta::assert_snapshot!(out);
}

#[test]
fn the_summary_snapshot() {
    let out = render(&reports(), Some(&portfolio()), plain(Detail::Summary));
    insta::assert_snapshot!(out);
}

#[test]
fn one_repository_has_no_table_and_no_portfolio() {
    let out = render(&reports()[..1], None, plain(Detail::Normal));
    assert!(
        out.starts_with("alpha  92/100 (A)  HEAD 0123456789\n"),
        "{out}"
    );
    assert!(!out.contains("repo  "), "{out}");
    assert!(!out.contains("mean score"), "{out}");
    assert!(!out.contains("\nportfolio  "), "{out}");
    // The summary alone still has its table, and no mean for one.
    let summary = render(&reports()[..1], None, plain(Detail::Summary));
    assert_eq!(
        summary,
        "repo         score  fail  partial  errors\n\
         alpha   92/100 (A)     1        1       0\n"
    );
}

#[test]
fn no_escape_sequence_reaches_the_terminal_without_colour() {
    for detail in [Detail::Summary, Detail::Normal, Detail::Verbose] {
        let out = render(&reports(), Some(&portfolio()), plain(detail));
        assert!(!out.contains('\u{1b}'), "{detail:?}: {out}");
        assert!(!out.contains('\u{202e}'), "{detail:?}");
        assert!(
            out.contains("\\u{1b}[31m"),
            "{detail:?}: the hostile name is shown escaped"
        );
    }
    assert!(HOSTILE.contains('\u{1b}'));
}

#[test]
fn colours_follow_the_grade_boundaries() {
    let c = Style {
        color: true,
        detail: Detail::Normal,
    };
    for (score, expected) in [
        (Some(100.0), c.green("x")),
        (Some(80.0), c.green("x")),
        (Some(79.99), c.yellow("x")),
        (Some(60.0), c.yellow("x")),
        (Some(59.99), c.red("x")),
        (None, c.red("x")),
    ] {
        assert_eq!(c.grade(score, "x"), expected, "{score:?}");
    }
    assert_ne!(c.green("x"), c.yellow("x"));
    assert_ne!(c.yellow("x"), c.red("x"));
    assert_eq!(c.green("x"), "\u{1b}[32mx\u{1b}[39m");
    assert_eq!(c.yellow("x"), "\u{1b}[33mx\u{1b}[39m");
    assert_eq!(c.red("x"), "\u{1b}[31mx\u{1b}[39m");
    assert!(c.dim("x").starts_with("\u{1b}[2m") && c.dim("x").contains('x'));
    assert!(c.bold("x").starts_with("\u{1b}[1m") && c.bold("x").contains('x'));
    let off = plain(Detail::Normal);
    for s in [
        off.green("x"),
        off.yellow("x"),
        off.red("x"),
        off.dim("x"),
        off.bold("x"),
    ] {
        assert_eq!(s, "x");
    }
    assert_eq!(off.grade(Some(95.0), "x"), "x");
}

#[test]
fn status_marks_have_their_symbol_and_colour() {
    let c = Style {
        color: true,
        detail: Detail::Normal,
    };
    let mark = |status, severity| {
        c.status_mark(&Outcome {
            severity,
            ..Outcome::example("X", status)
        })
    };
    assert_eq!(mark(Status::Pass, Severity::Warn), c.green("✓"));
    assert_eq!(mark(Status::Partial, Severity::Warn), c.yellow("~"));
    assert_eq!(mark(Status::Fail, Severity::Warn), c.red("✗"));
    assert_eq!(mark(Status::Fail, Severity::Error), c.red("✗"));
    assert_eq!(mark(Status::Fail, Severity::Info), c.yellow("✗"));
    assert_eq!(mark(Status::Error, Severity::Info), c.red("!"));
    assert_eq!(mark(Status::NotApplicable, Severity::Warn), c.dim("-"));
}

#[test]
fn the_coloured_report_paints_grades_and_marks() {
    let c = Style {
        color: true,
        detail: Detail::Normal,
    };
    let out = render(&reports(), Some(&portfolio()), c);
    assert!(out.contains(&c.green("92/100 (A)")), "{out}");
    assert!(out.contains(&c.red("59/100 (F)")), "{out}");
    assert!(out.contains(&c.green(" 80")), "tests at 80 is green: {out}");
    assert!(
        out.contains(&c.yellow(" 79")),
        "ci at 79.9 is yellow: {out}"
    );
    assert!(out.contains(&c.green("strengths:")), "{out}");
    assert!(out.contains(&c.red("risk:")), "{out}");
    assert!(out.contains(&c.yellow("warning:")), "{out}");
    assert!(out.contains(&c.red("error:")), "{out}");
    assert!(out.contains(&c.bold("top fixes:")), "{out}");
}

#[test]
fn summary_lines_say_history_ci_and_code() {
    let r = &reports()[0];
    let facts = r.facts.as_ref().expect("alpha has facts");
    assert_eq!(
        summary_lines(facts),
        [
            "history: 95 non-merge commits over 40 days (12 active); analysed 100 of 120 commits; \
             90% clear subjects; Conventional Commits; shallow clone: history is partial",
            "ci: 2 configs running lint, tests; Python 3.11, 3.12",
            "code: 520 lines of Python in 7 Python files; 10 tests with 25 assertions",
        ]
    );
}

#[test]
fn summary_lines_leave_out_what_does_not_hold() {
    let mut facts = reports()[0].facts.clone().expect("facts");
    let h = facts.history.as_mut().expect("history");
    h.analysed_commits = h.total_commits;
    h.shallow = false;
    // Exactly half conventional is not "Conventional Commits".
    h.messages.considered = 92;
    h.messages.conventional = 46;
    for c in &mut facts.ci.configs {
        c.kinds.clear();
        c.python_versions.clear();
    }
    facts.python.source_files = 0;
    facts.python.test_files = vec!["t.py".into()];
    assert_eq!(
        summary_lines(&facts),
        [
            "history: 95 non-merge commits over 40 days (12 active); 88% clear subjects",
            "ci: 2 configs",
            "code: 520 lines of Python in 1 Python file; 10 tests with 25 assertions",
        ]
    );
    let h = facts.history.as_mut().expect("history");
    h.messages.conventional = 47;
    h.messages.considered = 0;
    facts.history.as_mut().expect("history").analysed_commits = 119;
    let lines = summary_lines(&facts);
    assert_eq!(
        lines[0],
        "history: 95 non-merge commits over 40 days (12 active); analysed 119 of 120 commits"
    );
    facts.history = None;
    facts.ci.configs.clear();
    facts.python.test_files.clear();
    assert!(summary_lines(&facts).is_empty());
}

/// One family with more findings than are shown in full, two of them at
/// info severity; another with a single info finding beside a warning and
/// a rule failed by a missing prerequisite.
fn crowded() -> crate::model::RepoReport {
    use crate::model::{Evidence, RepoReport, Score};
    let fail = |id: &str, family: &str, severity, weight| Outcome {
        family: family.into(),
        title: format!("{id} title"),
        message: format!("{id} message"),
        fix: format!("Fix {id}."),
        severity,
        weight,
        ..Outcome::example(id, Status::Fail)
    };
    let mut outcomes: Vec<Outcome> = (1..=6)
        .map(|i| fail(&format!("W-{i}"), "f", Severity::Warn, 1.0))
        .collect();
    outcomes.push(fail("I-1", "f", Severity::Info, 0.1));
    outcomes.push(fail("I-2", "f", Severity::Info, 0.1));
    outcomes.push(fail("I-3", "g", Severity::Info, 0.1));
    outcomes.push(fail("G-W", "g", Severity::Warn, 0.2));
    let mut folded = fail("R-1", "g", Severity::Warn, 1.0);
    folded.evidence = vec![Evidence::unmet_requirement("has-tests")];
    outcomes.push(folded);
    let mut r = RepoReport::new("crowded", std::path::Path::new("/repos/crowded"));
    r.score = Some(crate::model::score::score(&outcomes));
    r.outcomes = outcomes;
    let _: &Score = r.score.as_ref().expect("scored");
    r
}

#[test]
fn only_several_info_findings_share_a_line_and_only_info_ones() {
    let out = render(&[crowded()], None, plain(Detail::Normal));
    insta::assert_snapshot!(out);
    // Family f: the four gaining most in full, the other two warnings each
    // on their own line, the two info findings on one.
    assert!(
        out.contains("    ✗ W-5                    W-5 title\n"),
        "{out}"
    );
    assert!(
        out.contains("    ✗ W-6                    W-6 title\n"),
        "{out}"
    );
    assert!(
        out.contains("    ✗ 2 at info severity: I-1, I-2\n"),
        "{out}"
    );
    // Family g: a single info finding is not packed, whatever else fails
    // beside it.
    assert!(
        out.contains("    ✗ I-3                    I-3 title\n"),
        "{out}"
    );
    assert!(
        out.contains("    ✗ no tests, so 1 rule fails: R-1\n"),
        "{out}"
    );
    assert_eq!(out.matches("at info severity").count(), 1, "{out}");
    assert!(out.contains("  7 findings shown in brief;"), "{out}");
}
