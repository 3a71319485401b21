//! Auditing the matched repositories and setting what the tool said next
//! to what the labels say, one [`Observation`] per repository. The audit is
//! the normal one (`audit::audit_all` with the caller's pack and options),
//! so calibration measures exactly what `audit` reports.

use super::labels::{Expect, LabelledRepo, Set, Tier};
use super::measure::{self, Verdict};
use crate::audit::{AuditOptions, audit_all};
use crate::discover::{self, Target, TargetKind};
use crate::model::{RepoReport, Status};
use crate::rules::Pack;
use std::path::{Path, PathBuf};

/// One labelled rule next to the tool's verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleObservation {
    pub rule: String,
    pub expect: Expect,
    pub verdict: Verdict,
    /// The tool's status word (`not-applicable`, `not run`, ...).
    pub status: String,
    pub message: String,
}

/// The labelled track next to the tool's.
#[derive(Debug, Clone, PartialEq)]
pub struct TrackObservation {
    pub label: String,
    /// The strongest career track the tool found, if any.
    pub tool: Option<String>,
    /// The profile that judged the repository.
    pub profile: Option<String>,
    pub agrees: bool,
}

/// One repository: its labels and what the tool said.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    pub slug: String,
    pub path: String,
    pub set: Set,
    /// `None` when the labellers disagree.
    pub tier: Option<Tier>,
    pub score: Option<f64>,
    /// Why there is no score, or why nothing could be compared.
    pub problem: Option<String>,
    /// The audited HEAD is not the labelled commit, or cannot be checked.
    pub warning: Option<String>,
    pub rules: Vec<RuleObservation>,
    pub track: Option<TrackObservation>,
}

/// A path is one repository here: a git repository or a folder, never a
/// folder of projects to search (the label names one repository).
fn target(path: &Path) -> Target {
    let name = path.display().to_string();
    let (kind, problem) = if !path.is_dir() {
        (
            TargetKind::Invalid,
            Some("is not a folder or a git repository".to_owned()),
        )
    } else if discover::is_git_repo(path) {
        (TargetKind::Git, None)
    } else {
        (TargetKind::Folder, None)
    };
    Target {
        name,
        problem,
        path: path.to_path_buf(),
        kind,
    }
}

/// Audits each (labelled repository, path) pair and observes it.
pub fn observe(
    repos: &[(&LabelledRepo, PathBuf)],
    pack: &Pack,
    options: &AuditOptions,
) -> Vec<Observation> {
    let targets: Vec<Target> = repos.iter().map(|(_, p)| target(p)).collect();
    let reports = audit_all(&targets, pack, options);
    repos
        .iter()
        .zip(&reports)
        .map(|((label, _), report)| compare(label, report))
        .collect()
}

/// Sets one report next to its labels. Pure, so it is tested without
/// auditing anything.
pub fn compare(label: &LabelledRepo, report: &RepoReport) -> Observation {
    let score = report.overall();
    let problem = score.is_none().then(|| {
        let said: Vec<String> = report
            .errors
            .iter()
            .map(ToString::to_string)
            .chain(report.warnings.iter().cloned())
            .collect();
        if said.is_empty() {
            "the tool gave no score".to_owned()
        } else {
            format!("the tool gave no score: {}", said.join("; "))
        }
    });
    // A repository that could not be opened has no outcomes at all; its
    // labels are not compared, so it cannot drag every rule's recall down.
    let rules = if report.outcomes.is_empty() {
        Vec::new()
    } else {
        label
            .expect
            .iter()
            .map(|(rule, expect)| rule_observation(report, rule, *expect))
            .collect()
    };
    let track = label.track.as_ref().filter(|_| score.is_some()).map(|l| {
        let tool = report
            .facts
            .as_ref()
            .and_then(|f| f.tracks.first())
            .map(|t| t.track.clone());
        let profile = report.profile.as_ref().map(|p| p.name.clone());
        TrackObservation {
            agrees: measure::track_agrees(l, tool.as_deref(), profile.as_deref()),
            label: l.clone(),
            tool,
            profile,
        }
    });
    Observation {
        slug: label.slug.clone(),
        path: report.path.clone(),
        set: label.set,
        tier: label.tier,
        score,
        problem,
        warning: commit_warning(label, report),
        rules,
        track,
    }
}

fn rule_observation(report: &RepoReport, rule: &str, expect: Expect) -> RuleObservation {
    let outcome = report.outcomes.iter().find(|o| o.id == rule);
    let (verdict, status, message) = match outcome {
        None => {
            let why = if report.ignored.iter().any(|i| i.id == rule) {
                "switched off by the repository's own configuration"
            } else {
                "the rule is not in the pack that judged this repository"
            };
            (Verdict::NoVerdict, "not run".to_owned(), why.to_owned())
        }
        Some(o) => (
            match o.status {
                Status::Pass => Verdict::Pass,
                Status::Partial => Verdict::Partial,
                Status::Fail => Verdict::Fail,
                Status::NotApplicable | Status::Error => Verdict::NoVerdict,
            },
            o.status.name().to_owned(),
            o.message.clone(),
        ),
    };
    RuleObservation {
        rule: rule.to_owned(),
        expect,
        verdict,
        status,
        message,
    }
}

fn commit_warning(label: &LabelledRepo, report: &RepoReport) -> Option<String> {
    let wanted = label.commit.as_deref()?;
    if report.outcomes.is_empty() && report.score.is_none() {
        return None;
    }
    match report.git.as_ref().and_then(|g| g.head_commit.as_deref()) {
        Some(head) if head.starts_with(wanted) || wanted.starts_with(head) => None,
        Some(head) => Some(format!(
            "HEAD is {head}, but the labels describe {wanted}; figures may not match"
        )),
        None => Some(format!(
            "not audited from a git HEAD, so the labelled commit {wanted} cannot be checked"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Outcome;
    use crate::model::score::Score;
    use std::collections::BTreeMap;

    fn label() -> LabelledRepo {
        LabelledRepo {
            slug: "a/b".to_owned(),
            commit: Some("abc".to_owned()),
            set: Set::Dev,
            tier: Some(Tier::Weak),
            tiers: vec![Tier::Weak],
            track: Some("library".to_owned()),
            expect: BTreeMap::from([
                ("CI-EXISTS".to_owned(), Expect::Fail),
                ("CI-TESTS".to_owned(), Expect::Fail),
                ("GONE".to_owned(), Expect::Pass),
            ]),
            disputed: Vec::new(),
            path: None,
            entries: 1,
        }
    }

    fn outcome(id: &str, status: Status) -> Outcome {
        Outcome {
            family: "ci".to_owned(),
            credit: 0.0,
            message: format!("{id} said so"),
            ..Outcome::example(id, status)
        }
    }

    #[test]
    fn outcomes_become_verdicts_and_a_missing_rule_is_not_run() {
        let mut report = RepoReport::new("b", Path::new("/m/a+b/repo"));
        report.outcomes = vec![
            outcome("CI-EXISTS", Status::Fail),
            outcome("CI-TESTS", Status::NotApplicable),
        ];
        report.score = Some(Score {
            score: Some(40.0),
            grade: Some('F'),
            scored_rules: 1,
            total_rules: 2,
            families: Vec::new(),
            capped_by: None,
            uncapped: None,
        });
        let o = compare(&label(), &report);
        assert_eq!(o.score, Some(40.0));
        assert_eq!(o.problem, None);
        let verdicts: Vec<(&str, Verdict, &str)> = o
            .rules
            .iter()
            .map(|r| (r.rule.as_str(), r.verdict, r.status.as_str()))
            .collect();
        assert_eq!(
            verdicts,
            vec![
                ("CI-EXISTS", Verdict::Fail, "fail"),
                ("CI-TESTS", Verdict::NoVerdict, "not-applicable"),
                ("GONE", Verdict::NoVerdict, "not run"),
            ]
        );
        // A folder has no HEAD to check against the labelled commit.
        assert!(o.warning.expect("warned").contains("cannot be checked"));
        let track = o.track.expect("track");
        assert!(track.agrees, "no career track found for a library");
    }

    #[test]
    fn a_repository_that_could_not_be_opened_is_an_error_not_a_comparison() {
        let mut report = RepoReport::new("b", Path::new("/nowhere"));
        report
            .errors
            .push(crate::error::AuditError::repo("cannot open"));
        let o = compare(&label(), &report);
        assert_eq!(o.score, None);
        assert!(o.problem.expect("problem").contains("cannot open"));
        assert!(o.rules.is_empty());
        assert_eq!(o.track, None);
        assert_eq!(o.warning, None);
    }
}
