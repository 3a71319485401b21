//! Fix gains: how many points each unmet rule would add to a score. The
//! terminal, Markdown and portfolio verdict all rank fixes by this.

use super::outcome::Outcome;
use super::report::RepoReport;

/// Points each unmet rule would add to the score, largest first, at most `n`.
///
/// A rule that provides a prerequisite (README-EXISTS provides
/// `has-readme`) is worth its own weight plus the weight of every rule that
/// fails today only because that prerequisite is missing: adding a README
/// is what lets the install and usage sections count at all. Those blocked
/// rules are not listed on their own; their fix is the prerequisite's.
pub fn top_fixes<'a>(r: &'a RepoReport, n: usize) -> Vec<(&'a Outcome, f64)> {
    // No score, no points to gain: an unscored or unreadable repository's
    // fixes would be counted against a score it does not have.
    if r.overall().is_none() {
        return Vec::new();
    }
    let all: Vec<&Outcome> = r.outcomes.iter().collect();
    let (total, earned) = super::score::totals(&all, Outcome::contribution);
    if total <= 0.0 {
        return Vec::new();
    }
    let unmet_provider = |c: &str| {
        r.outcomes
            .iter()
            .any(|o| o.credit < 1.0 && o.status.is_scored() && o.provides.as_deref() == Some(c))
    };
    // The rules a fix changes: the rule itself, and for a prerequisite
    // every rule that fails only for want of it.
    let changed_by = |o: &'a Outcome| -> Vec<&'a Outcome> {
        let mut changed = vec![o];
        if let Some(c) = o.provides.as_deref() {
            changed.extend(
                r.outcomes
                    .iter()
                    .filter(|b| b.status.is_scored() && b.blocked_by.as_deref() == Some(c)),
            );
        }
        changed
    };
    // The score with those rules met, less the score now: exact, since a
    // met guardrail or suggestion changes the weight the score divides by.
    let gain = |o: &'a Outcome| -> f64 {
        let (t, e) = changed_by(o).iter().fold((total, earned), |(t, e), b| {
            let (bt, be) = b.contribution();
            let (mt, me) = b.contribution_when_met();
            (t - bt + mt, e - be + me)
        });
        // One division, so equal weights give round gains.
        if t <= 0.0 {
            0.0
        } else {
            100.0 * (e * total - earned * t) / (t * total)
        }
    };
    let mut gains: Vec<(&Outcome, f64)> = r
        .outcomes
        .iter()
        .filter(|o| o.status.is_scored())
        .filter(|o| o.credit < 1.0)
        .filter(|o| !o.blocked_by.as_deref().is_some_and(unmet_provider))
        .map(|o| (o, gain(o)))
        // A fix that reads "+0 points" is no fix worth listing.
        .filter(|(_, gain)| *gain >= 0.05)
        .collect();
    gains.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.0.severity.cmp(&a.0.severity)));
    gains.truncate(n);
    gains
}

/// A gain as a person reads it: "+1 point", "+2.5 points", "+12 points".
/// One decimal below ten, so small gains never read "+0 points".
pub fn points(gain: f64) -> String {
    let shown = if gain >= 9.95 {
        format!("{gain:.0}")
    } else {
        let s = format!("{gain:.1}");
        s.strip_suffix(".0").map(str::to_owned).unwrap_or(s)
    };
    let noun = if shown == "1" { "point" } else { "points" };
    format!("+{shown} {noun}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn points_read_naturally() {
        assert_eq!(super::points(1.0), "+1 point");
        assert_eq!(super::points(0.96), "+1 point");
        assert_eq!(super::points(2.54), "+2.5 points");
        assert_eq!(super::points(0.4), "+0.4 points");
        assert_eq!(super::points(12.4), "+12 points");
    }

    use super::*;
    use crate::model::Status;

    /// A report with a score: fixes are priced against one.
    fn scored_report() -> RepoReport {
        let mut r = RepoReport::new("r", std::path::Path::new("r"));
        r.score = Some(crate::model::score::Score {
            score: Some(50.0),
            grade: Some('F'),
            scored_rules: 0,
            total_rules: 0,
            families: Vec::new(),
            capped_by: None,
            uncapped: None,
        });
        r
    }

    #[test]
    fn a_repository_without_a_score_has_no_fixes_to_price() {
        let mut r = RepoReport::new("r", std::path::Path::new("r"));
        r.outcomes = vec![outcome("B", 1.0, Status::Fail, 0.0)];
        assert!(top_fixes(&r, 5).is_empty());
        let mut scored = scored_report();
        scored.outcomes = r.outcomes;
        assert_eq!(top_fixes(&scored, 5).len(), 1);
    }

    fn outcome(id: &str, weight: f64, status: Status, credit: f64) -> Outcome {
        Outcome {
            weight,
            credit,
            ..Outcome::example(id, status)
        }
    }

    #[test]
    fn gains_are_shares_of_the_scored_weight_largest_first() {
        let mut r = scored_report();
        r.outcomes = vec![
            outcome("A", 2.0, Status::Pass, 1.0),
            outcome("B", 1.0, Status::Fail, 0.0),
            outcome("C", 1.0, Status::Partial, 0.5),
            outcome("D", 5.0, Status::NotApplicable, 0.0),
        ];
        let fixes = top_fixes(&r, 5);
        let ids: Vec<(&str, f64)> = fixes.iter().map(|(o, g)| (o.id.as_str(), *g)).collect();
        assert_eq!(ids, vec![("B", 25.0), ("C", 12.5)]);
        assert_eq!(top_fixes(&r, 1).len(), 1);
    }

    #[test]
    fn a_prerequisite_is_worth_the_rules_it_unlocks() {
        let mut r = scored_report();
        let blocked = |id: &str, weight: f64| Outcome {
            weight,
            blocked_by: Some("has-readme".into()),
            ..Outcome::example(id, Status::Fail)
        };
        r.outcomes = vec![
            Outcome {
                weight: 5.0,
                provides: Some("has-readme".into()),
                ..Outcome::example("README-EXISTS", Status::Fail)
            },
            blocked("README-INSTALL", 3.0),
            blocked("README-USAGE", 2.0),
            outcome("LICENSE", 6.0, Status::Fail, 0.0),
            outcome("OK", 4.0, Status::Pass, 1.0),
        ];
        let fixes = top_fixes(&r, 5);
        let ids: Vec<(&str, f64)> = fixes.iter().map(|(o, g)| (o.id.as_str(), *g)).collect();
        // 20 weight in all: the README is worth 5 + 3 + 2 of it, and the
        // rules it unlocks are not listed again.
        assert_eq!(ids, vec![("README-EXISTS", 50.0), ("LICENSE", 30.0)]);
    }

    #[test]
    fn mending_a_guardrail_or_a_suggestion_is_priced_by_the_score_it_leaves() {
        let mut r = scored_report();
        r.outcomes = vec![
            outcome("A", 6.0, Status::Pass, 1.0),
            Outcome {
                guardrail: true,
                ..outcome("KEY", 4.0, Status::Fail, 0.0)
            },
            Outcome {
                severity: crate::model::Severity::Info,
                ..outcome("BADGE", 2.0, Status::Fail, 0.0)
            },
        ];
        // Now 6 of 6 + 4 + 1 = 54.5. Without the leak 6 of 7 = 85.7; with
        // the badge 8 of 12 = 66.7.
        let fixes = top_fixes(&r, 5);
        let ids: Vec<(&str, String)> = fixes
            .iter()
            .map(|(o, g)| (o.id.as_str(), format!("{g:.1}")))
            .collect();
        assert_eq!(
            ids,
            vec![("KEY", "31.2".to_owned()), ("BADGE", "12.1".to_owned())]
        );
    }
}
