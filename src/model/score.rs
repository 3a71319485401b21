//! Outcomes to scores. Not-applicable and errored rules do not count; partial
//! credit counts in proportion. The overall score weighs what a rule earns
//! apart from what missing it costs (see [`Outcome::contribution`]): a
//! guardrail (no secrets, no junk committed) earns nothing when met, since
//! a clean repository is expected, and costs its weight when not; a
//! suggestion (info severity) that is missed costs half its weight. Family
//! scores are the plain checklist: each scored rule at its weight. An
//! error-severity failure of a rule that
//! declares a `cap` (a live credential, a committed virtualenv, no tests)
//! holds the score at that ceiling, however well the rest went: reviewers
//! stop reading at such a finding, so the score must too.

use super::outcome::{Outcome, Status};

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct FamilyScore {
    pub family: String,
    /// 0-100, absent when no rule of the family applied.
    pub score: Option<f64>,
    pub pass: usize,
    pub partial: usize,
    pub fail: usize,
    pub not_applicable: usize,
    pub error: usize,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Score {
    pub score: Option<f64>,
    pub grade: Option<char>,
    /// Rules that counted toward the score.
    pub scored_rules: usize,
    /// Rules that were evaluated, including not-applicable ones.
    pub total_rules: usize,
    pub families: Vec<FamilyScore>,
    /// The finding that held the score down, when one did.
    pub capped_by: Option<Cap>,
    /// The score before the cap, when a cap lowered it.
    pub uncapped: Option<f64>,
}

/// A rule whose failure capped the score, and the ceiling it set.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Cap {
    pub rule: String,
    pub cap: f64,
}

impl Score {
    /// The one line every report shows when a cap held the score down:
    /// "capped at 59 by HYGIENE-NO-SECRETS (84 without it)".
    pub fn cap_note(&self) -> Option<String> {
        let cap = self.capped_by.as_ref()?;
        Some(cap_line(&cap.rule, cap.cap, self.uncapped))
    }
}

/// "capped at 59 by RULE (84 without it)", shared by repository and
/// portfolio reports.
pub fn cap_line(rule: &str, cap: f64, uncapped: Option<f64>) -> String {
    match uncapped {
        Some(u) => format!("capped at {cap:.0} by {rule} ({:.0} without it)", u.floor()),
        None => format!("capped at {cap:.0} by {rule}"),
    }
}

pub fn grade(score: f64) -> char {
    match score {
        s if s >= 90.0 => 'A',
        s if s >= 80.0 => 'B',
        s if s >= 70.0 => 'C',
        s if s >= 60.0 => 'D',
        _ => 'F',
    }
}

fn counts(status: Status) -> bool {
    status.is_scored()
}

/// The checklist view of one outcome: (weight, earned weight).
fn checklist(o: &Outcome) -> (f64, f64) {
    if counts(o.status) {
        (o.weight, o.weight * o.credit)
    } else {
        (0.0, 0.0)
    }
}

/// The summed (weight, earned weight) of `outcomes`, each weighed by `part`.
pub fn totals(outcomes: &[&Outcome], part: impl Fn(&Outcome) -> (f64, f64)) -> (f64, f64) {
    outcomes.iter().fold((0.0, 0.0), |(total, earned), o| {
        let (t, e) = part(o);
        (total + t, earned + e)
    })
}

/// A share of earned weight as a score. One decimal keeps JSON stable and
/// the terminal honest.
pub fn as_score(total: f64, earned: f64) -> Option<f64> {
    (total > 0.0).then(|| (1000.0 * earned / total).round() / 10.0)
}

fn weighted(outcomes: &[&Outcome], part: impl Fn(&Outcome) -> (f64, f64)) -> Option<f64> {
    let (total, earned) = totals(outcomes, part);
    as_score(total, earned)
}

/// Scores outcomes; families appear in the order of their first rule.
pub fn score(outcomes: &[Outcome]) -> Score {
    let mut families: Vec<String> = Vec::new();
    for o in outcomes {
        if !families.contains(&o.family) {
            families.push(o.family.clone());
        }
    }
    let families = families
        .into_iter()
        .map(|family| {
            let of: Vec<&Outcome> = outcomes.iter().filter(|o| o.family == family).collect();
            let n = |s: Status| of.iter().filter(|o| o.status == s).count();
            FamilyScore {
                score: weighted(&of, checklist),
                pass: n(Status::Pass),
                partial: n(Status::Partial),
                fail: n(Status::Fail),
                not_applicable: n(Status::NotApplicable),
                error: n(Status::Error),
                family,
            }
        })
        .collect();
    let all: Vec<&Outcome> = outcomes.iter().collect();
    // A repository whose every scored rule is a met guardrail has nothing
    // to its credit or its debit: it scores as a checklist.
    let uncapped = weighted(&all, Outcome::contribution).or_else(|| weighted(&all, checklist));
    // The lowest ceiling wins; the first rule to set it names it.
    let lowest = outcomes
        .iter()
        .filter_map(|o| o.active_cap().map(|c| (o, c)))
        .fold(None::<(&Outcome, f64)>, |best, (o, c)| match best {
            Some((_, b)) if b <= c => best,
            _ => Some((o, c)),
        });
    let (overall, capped_by) = match (uncapped, lowest) {
        (Some(u), Some((o, c))) if u > c => (
            Some(c),
            Some(Cap {
                rule: o.id.clone(),
                cap: c,
            }),
        ),
        _ => (uncapped, None),
    };
    Score {
        uncapped: capped_by.as_ref().and(uncapped),
        capped_by,
        score: overall,
        grade: overall.map(grade),
        scored_rules: outcomes.iter().filter(|o| counts(o.status)).count(),
        total_rules: outcomes.len(),
        families,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Severity;

    fn outcome(family: &str, weight: f64, status: Status, credit: f64) -> Outcome {
        Outcome {
            family: family.into(),
            weight,
            credit,
            ..Outcome::example("X", status)
        }
    }

    #[test]
    fn weights_partial_credit_and_not_applicable() {
        let s = score(&[
            outcome("a", 3.0, Status::Pass, 1.0),
            outcome("a", 1.0, Status::Partial, 0.5),
            outcome("b", 4.0, Status::Fail, 0.0),
            outcome("b", 10.0, Status::NotApplicable, 0.0),
        ]);
        assert_eq!(s.score, Some(43.8));
        assert_eq!(s.grade, Some('F'));
        assert_eq!((s.scored_rules, s.total_rules), (3, 4));
        assert_eq!(s.families[0].score, Some(87.5));
        assert_eq!(s.families[1].score, Some(0.0));
    }

    #[test]
    fn an_error_failure_with_a_cap_holds_the_score_down() {
        let mut key = outcome("a", 1.0, Status::Fail, 0.0);
        key.id = "KEY".into();
        key.severity = Severity::Error;
        key.cap = Some(59.0);
        let mut outcomes = vec![outcome("a", 20.0, Status::Pass, 1.0), key.clone()];
        let s = score(&outcomes);
        assert_eq!(s.score, Some(59.0));
        assert_eq!(s.grade, Some('F'));
        assert_eq!(s.uncapped, Some(95.2));
        assert_eq!(s.capped_by.map(|c| c.rule), Some("KEY".to_owned()));
        // A profile that lowers the severity lifts the cap.
        outcomes[1].severity = Severity::Warn;
        let s = score(&outcomes);
        assert_eq!((s.score, s.uncapped), (Some(95.2), None));
        assert!(s.capped_by.is_none());
    }

    #[test]
    fn a_cap_above_the_score_changes_nothing() {
        let mut key = outcome("a", 10.0, Status::Fail, 0.0);
        key.severity = Severity::Error;
        key.cap = Some(59.0);
        let s = score(&[outcome("a", 1.0, Status::Pass, 1.0), key]);
        assert_eq!((s.score, s.uncapped), (Some(9.1), None));
        assert!(s.capped_by.is_none());
    }

    fn capped(id: &str, cap: f64) -> Outcome {
        let mut o = outcome("a", 1.0, Status::Fail, 0.0);
        o.id = id.into();
        o.severity = Severity::Error;
        o.cap = Some(cap);
        o
    }

    #[test]
    fn the_lowest_cap_wins_and_the_first_to_set_it_names_it() {
        let pass = outcome("a", 50.0, Status::Pass, 1.0);
        let s = score(&[pass.clone(), capped("HIGH", 59.0), capped("LOW", 40.0)]);
        assert_eq!(s.score, Some(40.0));
        assert_eq!(s.capped_by.map(|c| c.rule), Some("LOW".to_owned()));
        let s = score(&[pass.clone(), capped("LOW", 40.0), capped("HIGH", 59.0)]);
        assert_eq!(s.capped_by.map(|c| c.rule), Some("LOW".to_owned()));
        let s = score(&[pass, capped("FIRST", 40.0), capped("SECOND", 40.0)]);
        assert_eq!(s.capped_by.map(|c| c.rule), Some("FIRST".to_owned()));
    }

    #[test]
    fn a_cap_equal_to_the_score_is_not_a_cap() {
        let s = score(&[outcome("a", 1.0, Status::Pass, 1.0), capped("KEY", 50.0)]);
        assert_eq!(s.score, Some(50.0));
        assert!(s.capped_by.is_none() && s.uncapped.is_none());
        assert_eq!(s.cap_note(), None);
    }

    #[test]
    fn the_cap_note_names_the_rule_the_cap_and_the_score_without_it() {
        let s = score(&[outcome("a", 20.0, Status::Pass, 1.0), capped("KEY", 59.0)]);
        assert_eq!(
            s.cap_note().as_deref(),
            Some("capped at 59 by KEY (95 without it)")
        );
        assert_eq!(cap_line("R", 59.0, None), "capped at 59 by R");
    }

    #[test]
    fn zero_total_weight_means_no_score() {
        let s = score(&[outcome("a", 0.0, Status::Pass, 1.0)]);
        assert_eq!(s.score, None);
        assert_eq!(s.scored_rules, 1);
    }

    #[test]
    fn nothing_applicable_means_no_score() {
        let s = score(&[outcome("a", 1.0, Status::NotApplicable, 0.0)]);
        assert_eq!(s.score, None);
        assert_eq!(s.grade, None);
    }

    #[test]
    fn a_met_guardrail_earns_nothing_and_a_broken_one_costs_its_weight() {
        let guard = |status: Status, credit: f64| Outcome {
            guardrail: true,
            ..outcome("a", 4.0, status, credit)
        };
        let base = [
            outcome("a", 3.0, Status::Pass, 1.0),
            outcome("a", 3.0, Status::Fail, 0.0),
        ];
        // Without guardrails: 3 of 6.
        assert_eq!(score(&base).score, Some(50.0));
        // A met guardrail leaves the score where it was: no free points.
        let clean = [base.clone().to_vec(), vec![guard(Status::Pass, 1.0)]].concat();
        assert_eq!(score(&clean).score, Some(50.0));
        // The checklist view (the family score) still counts it as met.
        assert_eq!(score(&clean).families[0].score, Some(70.0));
        // Broken, it costs its full weight: 3 of 10.
        let leak = [base.to_vec(), vec![guard(Status::Fail, 0.0)]].concat();
        assert_eq!(score(&leak).score, Some(30.0));
        // Half broken, half its weight: 3 of 8, never a lift.
        let half = [base.to_vec(), vec![guard(Status::Partial, 0.5)]].concat();
        assert_eq!(score(&half).score, Some(37.5));
        // Nothing but met guardrails: scored as the checklist it is.
        assert_eq!(score(&[guard(Status::Pass, 1.0)]).score, Some(100.0));
    }

    #[test]
    fn a_missed_suggestion_costs_half_its_weight() {
        let info = |status: Status, credit: f64| Outcome {
            severity: Severity::Info,
            ..outcome("a", 2.0, status, credit)
        };
        let core = outcome("a", 4.0, Status::Pass, 1.0);
        // Missed: 4 of 4 + 1.
        assert_eq!(
            score(&[core.clone(), info(Status::Fail, 0.0)]).score,
            Some(80.0)
        );
        // Met, it earns its whole weight: 6 of 6.
        assert_eq!(
            score(&[core.clone(), info(Status::Pass, 1.0)]).score,
            Some(100.0)
        );
        // A warn-severity rule missed costs all of it: 4 of 6.
        let warn = outcome("a", 2.0, Status::Fail, 0.0);
        assert_eq!(score(&[core, warn]).score, Some(66.7));
    }
}
