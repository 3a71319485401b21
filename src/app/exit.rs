//! The exit policy: how a run ends, as a code scripts and CI can branch on.
//! 0 success, 1 the audit found what `--fail-*` asked to fail on, 2 a usage
//! or configuration error, 130 interrupted. The judgement is a pure
//! function of the reports and the flags.

use super::cli::{AuditOptionsArgs, FailOn};
use crate::baseline::RepoChange;
use crate::report::RepoReport;
use crate::rules::{Severity, Status};

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Success,
    /// A `--fail-on`, `--fail-under` or `--fail-on-regression` condition held.
    Failed,
    /// Bad arguments or configuration: nothing was audited.
    Usage,
    /// Ctrl-C: no report was written.
    Interrupted,
}

impl Exit {
    /// The process exit code.
    pub const fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::Failed => 1,
            Exit::Usage => 2,
            Exit::Interrupted => 130,
        }
    }
}

/// What the user asked the run to fail on.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Policy {
    pub fail_on: Option<FailOn>,
    pub fail_under: Option<f64>,
    pub fail_on_regression: bool,
}

impl Policy {
    pub fn from_args(args: &AuditOptionsArgs) -> Self {
        Policy {
            fail_on: args.fail_on,
            fail_under: args.fail_under,
            fail_on_regression: args.fail_on_regression,
        }
    }

    /// `Failed` when any condition the user set holds, else `Success`.
    pub fn judge(&self, reports: &[RepoReport], changes: Option<&[RepoChange]>) -> Exit {
        if self.reasons(reports, changes).is_empty() {
            Exit::Success
        } else {
            Exit::Failed
        }
    }

    /// Every condition that holds, one sentence each, for stderr: which
    /// repository scored what against which threshold, which rule failed
    /// at which severity. Empty when the run passes.
    ///
    /// One policy for every gate: a repository with no score because it
    /// could not be read, or no rule applied, fails `--fail-on` and
    /// `--fail-under` alike, since it cannot be said to pass either. A
    /// repository that is not a Python project is left out of the gates,
    /// as it is left out of the means and the portfolio verdict (an
    /// account's dotfiles must not fail every run), unless no repository
    /// at all could be scored: a gate with nothing to judge fails.
    pub fn reasons(&self, reports: &[RepoReport], changes: Option<&[RepoChange]>) -> Vec<String> {
        let mut out = Vec::new();
        if self.fail_on_regression {
            for c in changes.into_iter().flatten().filter(|c| c.regressed()) {
                out.push(regression(c));
            }
        }
        let gated = self.fail_on.is_some() || self.fail_under.is_some();
        let any_scored = reports.iter().any(|r| r.overall().is_some());
        for r in reports {
            if r.is_unscored() && any_scored {
                continue;
            }
            if gated && r.overall().is_none() {
                let why = r.no_score_reason().unwrap_or_default();
                out.push(format!("{} has no score: {why}", r.name));
                continue;
            }
            if let Some(level) = self.fail_on {
                let worst = match level {
                    FailOn::Error => Severity::Error,
                    FailOn::Warn => Severity::Warn,
                };
                for o in r
                    .outcomes
                    .iter()
                    .filter(|o| o.status == Status::Fail && o.severity >= worst)
                {
                    out.push(format!(
                        "{}: {} failed (severity {}, --fail-on {})",
                        r.name, o.id, o.severity, worst
                    ));
                }
            }
            if let (Some(threshold), Some(score)) = (self.fail_under, r.overall()) {
                if score < threshold {
                    out.push(format!(
                        "{} scored {score:.1}, below --fail-under {threshold}",
                        r.name
                    ));
                }
            }
        }
        out
    }
}

fn regression(c: &RepoChange) -> String {
    let mut what = Vec::new();
    if let (Some(before), Some(after)) = (c.before, c.after) {
        if after < before {
            what.push(format!("score {before:.1} -> {after:.1}"));
        }
    }
    if !c.regressions.is_empty() {
        what.push(format!("now failing: {}", c.regressions.join(", ")));
    }
    if what.is_empty() {
        what.push("regressed".to_owned());
    }
    format!(
        "{} regressed since the baseline ({})",
        c.name,
        what.join("; ")
    )
}

/// How a run that failed with `err` ends. A closed stdout (`| head`) is
/// the reader's choice, not a failure; anything else stopped the run
/// before a report was written, which is a usage or configuration error.
pub fn for_error(err: &anyhow::Error) -> Exit {
    if is_broken_pipe(err) {
        Exit::Success
    } else {
        Exit::Usage
    }
}

/// Whether the error is, at any depth, a write to a closed pipe.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
