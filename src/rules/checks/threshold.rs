//! `threshold`: a number measured in the repository reaches a bar, with
//! proportional credit between `partial_at` and `pass_at`.

use super::text::{capped, count_noun, fmt_num, truncate};
use super::{CheckKind, Conditions, Invalid, KindDoc, Verdict};
use crate::facts::Facts;
use crate::facts::history::HistoryFacts;
use crate::rules::Evidence;
use serde::{Deserialize, Serialize};

/// Numbers a `threshold` check can compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Metric {
    /// Non-blank test lines per non-blank source line.
    TestRatio,
    /// Number of test files.
    TestFiles,
    /// Number of real test functions.
    TestFunctions,
    /// Share of public modules, classes and functions with a docstring.
    DocstringCoverage,
    /// Share of functions whose parameters and return are annotated.
    TypeHintCoverage,
    /// Non-merge commits.
    Commits,
    /// Distinct days with a commit.
    ActiveDays,
    /// Share of commit subjects that say what changed.
    GoodSubjects,
    /// Share of commits with a message body.
    CommitBodies,
    /// Tags in the repository.
    Tags,
    /// Words of prose in the README.
    ReadmeWords,
}

impl Metric {
    /// What the number counts, as in "the README has 150 or more {noun}".
    fn measure(self) -> &'static str {
        match self {
            Metric::TestRatio => "non-blank test lines per non-blank source line",
            Metric::TestFiles => "test files",
            Metric::TestFunctions => {
                "real test functions (`test_*` functions and test-class methods)"
            }
            Metric::DocstringCoverage => {
                "share of public modules, classes and functions with a docstring"
            }
            Metric::TypeHintCoverage => "share of functions with annotated parameters and return",
            Metric::Commits => "non-merge commits",
            Metric::ActiveDays => "distinct days with a commit",
            Metric::GoodSubjects => "share of commit subjects that say what changed",
            Metric::CommitBodies => "share of commits whose message has a body",
            Metric::Tags => "tags",
            Metric::ReadmeWords => "words of README prose",
        }
    }

    /// Shares are written as percentages in descriptions.
    fn is_share(self) -> bool {
        matches!(
            self,
            Metric::DocstringCoverage
                | Metric::TypeHintCoverage
                | Metric::GoodSubjects
                | Metric::CommitBodies
        )
    }

    fn show(self, x: f64) -> String {
        if self.is_share() {
            format!("{:.0}%", 100.0 * x)
        } else {
            fmt_num(x)
        }
    }
}

/// A metric reaches `pass_at`; between `partial_at` and `pass_at` earns
/// proportional credit.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    pub metric: Metric,
    pub pass_at: f64,
    pub partial_at: f64,
}

impl CheckKind for Threshold {
    fn doc(&self) -> KindDoc {
        KindDoc {
            name: "threshold",
            checks: "one number measured in the repository (`metric`) against `pass_at` and `partial_at`",
            why: "some habits are a matter of degree: a reviewer wants enough tests or commits, not just one",
        }
    }

    fn evaluate(&self, facts: &Facts) -> Verdict {
        let (pass_at, partial_at) = (self.pass_at, self.partial_at);
        let (value, shown) = measure(self.metric, facts);
        let credit = if value >= pass_at {
            1.0
        } else if value < partial_at || pass_at <= partial_at {
            0.0
        } else {
            // Between the two: at least a quarter, rising to just under full.
            (0.25 + 0.74 * (value - partial_at) / (pass_at - partial_at)).min(0.99)
        };
        Verdict::new(
            credit,
            format!("{shown}; passes at {}", fmt_num(pass_at)),
            evidence(self.metric, credit, facts),
        )
    }

    fn validate(&self) -> Result<(), Invalid> {
        if self.partial_at > self.pass_at {
            return Err(Invalid::new(
                None,
                format!(
                    "partial_at ({}) must not exceed pass_at ({})",
                    self.partial_at, self.pass_at
                ),
            ));
        }
        Ok(())
    }

    fn describe(&self) -> Conditions {
        let m = self.metric;
        let (pass, partial) = (m.show(self.pass_at), m.show(self.partial_at));
        let history = if matches!(
            m,
            Metric::Commits
                | Metric::ActiveDays
                | Metric::GoodSubjects
                | Metric::CommitBodies
                | Metric::Tags
        ) {
            " (or there is no git history)"
        } else {
            ""
        };
        let fail = if self.partial_at < self.pass_at {
            format!(
                "the {} is under {partial}{history}; from {partial} up to {pass} earns partial credit",
                m.measure()
            )
        } else {
            format!("the {} is under {pass}{history}", m.measure())
        };
        Conditions::new(
            format!(
                "the `{}` metric, {}, is {pass} or more",
                name(m),
                m.measure()
            ),
            fail,
        )
    }
}

/// The metric's kebab-case name, as rule files write it.
fn name(m: Metric) -> String {
    serde_json::to_value(m)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The value, and how the outcome's message shows it.
fn measure(metric: Metric, facts: &Facts) -> (f64, String) {
    let py = &facts.python;
    match metric {
        Metric::TestRatio => match py.test_ratio() {
            Some(r) => (
                r,
                format!(
                    "{} test lines per source line ({} test / {} source)",
                    fmt_num(r),
                    py.test_lines,
                    py.source_lines
                ),
            ),
            None => (0.0, "no Python source".to_owned()),
        },
        Metric::TestFiles => (
            py.test_files.len() as f64,
            count_noun(py.test_files.len(), "test file"),
        ),
        Metric::ReadmeWords => {
            let n = facts.readme.as_ref().map_or(0, |r| r.words);
            (n as f64, count_noun(n, "README word"))
        }
        Metric::TestFunctions => {
            let t = &py.tests;
            let bdd = py.bdd_tests();
            let mut shown = format!(
                "{} in {}",
                count_noun(t.functions, "test function"),
                count_noun(py.test_files.len(), "test file")
            );
            if bdd > 0 {
                shown.push_str(&format!(", and {}", count_noun(bdd, "BDD scenario")));
            }
            if !t.empty_test_files.is_empty() {
                shown.push_str(&format!(
                    " ({} hold no test)",
                    count_noun(t.empty_test_files.len(), "file")
                ));
            }
            ((t.functions + bdd) as f64, shown)
        }
        Metric::DocstringCoverage => coverage(
            py.docstrings,
            "public modules, classes and functions documented",
        ),
        Metric::TypeHintCoverage => coverage(py.type_hints, "functions fully annotated"),
        Metric::Commits => history(facts, |h| {
            (
                h.non_merge_commits as f64,
                count_noun(h.non_merge_commits, "commit"),
            )
        }),
        Metric::ActiveDays => history(facts, |h| {
            (
                h.active_days as f64,
                format!(
                    "{} over {:.0} days",
                    count_noun(h.active_days, "active day"),
                    h.span_days
                ),
            )
        }),
        Metric::GoodSubjects => history(facts, |h| {
            (
                h.good_subject_share().unwrap_or(0.0),
                format!(
                    "{} of {} commit subjects say what changed",
                    h.messages.good_subjects, h.messages.considered
                ),
            )
        }),
        Metric::CommitBodies => history(facts, |h| {
            (
                h.body_share().unwrap_or(0.0),
                format!(
                    "{} of {} commits explain why in a body",
                    h.messages.with_body, h.messages.considered
                ),
            )
        }),
        Metric::Tags => history(facts, |h| (h.tags as f64, count_noun(h.tags, "tag"))),
    }
}

fn evidence(metric: Metric, credit: f64, facts: &Facts) -> Vec<Evidence> {
    match metric {
        Metric::TestFiles | Metric::TestRatio => {
            capped(facts.python.test_files.iter().map(Evidence::file).collect())
        }
        Metric::TestFunctions => capped(
            facts
                .python
                .tests
                .empty_test_files
                .iter()
                .map(|p| Evidence::file(p).with_note("no test functions"))
                .collect(),
        ),
        Metric::GoodSubjects if credit < 1.0 => facts.history.as_ref().map_or(Vec::new(), |h| {
            h.messages
                .weak_examples
                .iter()
                .map(|c| {
                    Evidence::commit(c.commit.clone())
                        .with_note(format!("\"{}\"", truncate(&c.subject, 60)))
                })
                .collect()
        }),
        _ => vec![],
    }
}

fn coverage(c: crate::facts::python::Coverage, what: &str) -> (f64, String) {
    match c.ratio() {
        Some(r) => (
            r,
            format!("{} of {} {what} ({:.0}%)", c.covered, c.total, 100.0 * r),
        ),
        None => (0.0, format!("nothing to measure: 0 {what}")),
    }
}

fn history(facts: &Facts, f: impl Fn(&HistoryFacts) -> (f64, String)) -> (f64, String) {
    match &facts.history {
        Some(h) => f(h),
        None => (0.0, "no git history".to_owned()),
    }
}

#[cfg(test)]
#[path = "threshold_tests.rs"]
mod tests;
