//! The statistics of `calibrate`, pure functions of (score, tier) and
//! (expectation, tool verdict) pairs, so each is checked against numbers
//! worked out by hand.
//!
//! Conventions, chosen to be stated once and kept:
//! - Pairwise agreement looks at every pair of repositories of different
//!   tiers: a pair ordered like the tiers counts 1, a tie in score ½.
//! - Spearman's ρ is Pearson's r of the ranks, ties given their mean rank.
//! - For a rule, "fail" is the positive class and the tool's verdict is
//!   read as pass versus not-pass: a `partial` counts as a failure (the tool
//!   withheld full credit) and is also counted on its own. A rule the tool
//!   called not-applicable, could not evaluate, or did not run gave no
//!   verdict: it never agrees with a label, and it is not a failure, so a
//!   labelled failure the tool skipped lowers recall. That is the point:
//!   absence must not pass for compliance.

use super::labels::{Expect, Tier};
use serde::Serialize;
use std::collections::BTreeMap;

/// Pairwise agreement of scores with tiers.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Pairwise {
    /// Pairs of repositories with different tiers.
    pub pairs: usize,
    /// Ordered like the tiers (ties counted ½).
    pub agreeing: f64,
    pub ties: usize,
    /// `agreeing / pairs`.
    pub share: f64,
}

pub fn pairwise(scored: &[(f64, Tier)]) -> Option<Pairwise> {
    let mut pairs = 0;
    let mut agreeing = 0.0;
    let mut ties = 0;
    for (i, (sa, ta)) in scored.iter().enumerate() {
        for (sb, tb) in &scored[i + 1..] {
            if ta == tb {
                continue;
            }
            pairs += 1;
            let (high, low) = if ta > tb { (sa, sb) } else { (sb, sa) };
            if high > low {
                agreeing += 1.0;
            } else if high == low {
                agreeing += 0.5;
                ties += 1;
            }
        }
    }
    (pairs > 0).then(|| Pairwise {
        pairs,
        agreeing,
        ties,
        share: agreeing / pairs as f64,
    })
}

/// Ranks from 1, ties given the mean of the ranks they span.
pub fn ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|a, b| values[*a].total_cmp(&values[*b]));
    let mut out = vec![0.0; values.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && values[order[j + 1]] == values[order[i]] {
            j += 1;
        }
        let mean = (i + j) as f64 / 2.0 + 1.0;
        for k in &order[i..=j] {
            out[*k] = mean;
        }
        i = j + 1;
    }
    out
}

/// Spearman's rank correlation; `None` with fewer than two points or when
/// either side is constant.
pub fn spearman(x: &[f64], y: &[f64]) -> Option<f64> {
    if x.len() != y.len() || x.len() < 2 {
        return None;
    }
    let (rx, ry) = (ranks(x), ranks(y));
    let n = rx.len() as f64;
    let (mx, my) = (rx.iter().sum::<f64>() / n, ry.iter().sum::<f64>() / n);
    let mut cov = 0.0;
    let mut vx = 0.0;
    let mut vy = 0.0;
    for (a, b) in rx.iter().zip(&ry) {
        cov += (a - mx) * (b - my);
        vx += (a - mx).powi(2);
        vy += (b - my).powi(2);
    }
    (vx > 0.0 && vy > 0.0).then(|| cov / (vx * vy).sqrt())
}

/// The scores of one tier.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TierStats {
    pub tier: &'static str,
    pub n: usize,
    pub median: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
}

pub fn median(values: &[f64]) -> Option<f64> {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(v[n / 2]),
        _ => Some((v[n / 2 - 1] + v[n / 2]) / 2.0),
    }
}

/// Per tier, strongest first; tiers with no repository are listed with n 0.
pub fn tiers(scored: &[(f64, Tier)]) -> Vec<TierStats> {
    Tier::ALL
        .iter()
        .map(|tier| {
            let v: Vec<f64> = scored
                .iter()
                .filter(|(_, t)| t == tier)
                .map(|(s, _)| *s)
                .collect();
            TierStats {
                tier: tier.name(),
                n: v.len(),
                median: median(&v),
                min: v.iter().copied().reduce(f64::min),
                max: v.iter().copied().reduce(f64::max),
            }
        })
        .collect()
}

/// A lower-tier repository scored above a higher-tier one, by index into
/// the input.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Inversion {
    pub lower: usize,
    pub higher: usize,
    /// Score of the lower-tier repository minus the higher-tier one's (> 0).
    pub gap: f64,
}

/// The `limit` largest inversions, largest gap first (ties by index, so
/// the order is stable).
pub fn inversions(scored: &[(f64, Tier)], limit: usize) -> Vec<Inversion> {
    let mut out = Vec::new();
    for (i, (si, ti)) in scored.iter().enumerate() {
        for (j, (sj, tj)) in scored.iter().enumerate() {
            if ti < tj && si > sj {
                out.push(Inversion {
                    lower: i,
                    higher: j,
                    gap: si - sj,
                });
            }
        }
    }
    out.sort_by(|a, b| {
        b.gap
            .total_cmp(&a.gap)
            .then(a.lower.cmp(&b.lower))
            .then(a.higher.cmp(&b.higher))
    });
    out.truncate(limit);
    out
}

/// What the tool said about a rule, reduced to what calibration compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Pass,
    Partial,
    Fail,
    /// Not applicable, an evaluation error, or the rule did not run.
    NoVerdict,
}

impl Verdict {
    /// The tool withheld full credit: the positive class.
    pub fn failed(self) -> bool {
        matches!(self, Verdict::Partial | Verdict::Fail)
    }

    /// Whether it agrees with a label (pass vs not-pass; no verdict never
    /// agrees).
    pub fn agrees(self, expect: Expect) -> bool {
        match expect {
            Expect::Pass => self == Verdict::Pass,
            Expect::Fail => self.failed(),
        }
    }
}

/// Agreement of one rule with its labels.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RuleStats {
    /// Labelled repositories.
    pub n: usize,
    pub agreeing: usize,
    /// Tool failed, label fail.
    pub true_fail: usize,
    /// Tool failed, label pass.
    pub false_fail: usize,
    /// Tool did not fail, label fail.
    pub missed_fail: usize,
    /// Partials among the tool's failures, and how many of those the
    /// labellers called a pass.
    pub partial: usize,
    pub partial_labelled_pass: usize,
    /// Not applicable, error or not run.
    pub no_verdict: usize,
    pub agreement: Option<f64>,
    /// Of the tool's failures, the share labelled fail.
    pub precision: Option<f64>,
    /// Of the labelled failures, the share the tool failed.
    pub recall: Option<f64>,
}

fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

impl RuleStats {
    pub fn add(&mut self, expect: Expect, verdict: Verdict) {
        self.n += 1;
        self.agreeing += usize::from(verdict.agrees(expect));
        match (verdict.failed(), expect) {
            (true, Expect::Fail) => self.true_fail += 1,
            (true, Expect::Pass) => self.false_fail += 1,
            (false, Expect::Fail) => self.missed_fail += 1,
            (false, Expect::Pass) => {}
        }
        if verdict == Verdict::Partial {
            self.partial += 1;
            self.partial_labelled_pass += usize::from(expect == Expect::Pass);
        }
        self.no_verdict += usize::from(verdict == Verdict::NoVerdict);
        self.agreement = ratio(self.agreeing, self.n);
        self.precision = ratio(self.true_fail, self.true_fail + self.false_fail);
        self.recall = ratio(self.true_fail, self.true_fail + self.missed_fail);
    }
}

/// Per rule id, and over all labelled signals.
pub fn rules<'a>(
    pairs: impl IntoIterator<Item = (&'a str, Expect, Verdict)>,
) -> (BTreeMap<String, RuleStats>, RuleStats) {
    let mut per = BTreeMap::<String, RuleStats>::new();
    let mut all = RuleStats::default();
    for (rule, expect, verdict) in pairs {
        per.entry(rule.to_owned()).or_default().add(expect, verdict);
        all.add(expect, verdict);
    }
    (per, all)
}

/// Whether the tool's track agrees with a labelled one. `library` and
/// `none` mean the tool should name no career track, or judge the
/// repository with a `library` profile.
pub fn track_agrees(label: &str, top_track: Option<&str>, profile: Option<&str>) -> bool {
    if super::labels::NON_CAREER_TRACKS.contains(&label) {
        top_track.is_none() || profile == Some("library")
    } else {
        top_track == Some(label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Tier::{Solid, Strong, Weak};

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn pairwise_counts_pairs_of_different_tiers_and_halves_ties() {
        // Scores: strong 90, solid 70, weak 50, weak 70 (ties the solid).
        let data = [(90.0, Strong), (70.0, Solid), (50.0, Weak), (70.0, Weak)];
        let p = pairwise(&data).expect("pairs");
        // strong-solid, strong-weak x2, solid-weak x2 = 5 pairs; the tie
        // solid 70 / weak 70 counts ½.
        assert_eq!(p.pairs, 5);
        assert_eq!(p.ties, 1);
        assert!(close(p.agreeing, 4.5));
        assert!(close(p.share, 0.9));
        assert_eq!(pairwise(&[(1.0, Weak), (2.0, Weak)]), None);
    }

    #[test]
    fn an_inverted_pair_counts_nothing() {
        let p = pairwise(&[(40.0, Strong), (60.0, Weak)]).expect("pairs");
        assert!(close(p.share, 0.0));
    }

    #[test]
    fn ranks_share_ties() {
        assert_eq!(ranks(&[10.0, 30.0, 20.0, 30.0]), vec![1.0, 3.5, 2.0, 3.5]);
    }

    #[test]
    fn spearman_matches_hand_worked_values() {
        // Perfect order.
        assert!(close(
            spearman(&[1.0, 2.0, 3.0], &[10.0, 20.0, 30.0]).expect("rho"),
            1.0
        ));
        // Reversed.
        assert!(close(
            spearman(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]).expect("rho"),
            -1.0
        ));
        // x ranks 1 2 3 4, y ranks 2 1 4 3: d² = 1+1+1+1 = 4;
        // ρ = 1 - 6·4 / (4·15) = 0.6.
        assert!(close(
            spearman(&[1.0, 2.0, 3.0, 4.0], &[20.0, 10.0, 40.0, 30.0]).expect("rho"),
            0.6
        ));
        // Tiers with ties: scores 50 60 70 80, tiers weak weak strong strong
        // → y ranks 1.5 1.5 3.5 3.5; r of (1,2,3,4) with that = 0.894427...
        let r = spearman(&[50.0, 60.0, 70.0, 80.0], &[0.0, 0.0, 2.0, 2.0]).expect("rho");
        assert!(close(r, 2.0 / 5f64.sqrt()), "{r}");
        assert_eq!(spearman(&[1.0, 2.0], &[1.0, 1.0]), None);
    }

    #[test]
    fn tier_figures_and_medians() {
        let data = [
            (80.0, Strong),
            (90.0, Strong),
            (40.0, Weak),
            (45.0, Weak),
            (60.0, Weak),
        ];
        let t = tiers(&data);
        assert_eq!(t[0].tier, "strong");
        assert_eq!(
            (t[0].n, t[0].median, t[0].min, t[0].max),
            (2, Some(85.0), Some(80.0), Some(90.0))
        );
        assert_eq!((t[1].n, t[1].median), (0, None));
        assert_eq!((t[2].n, t[2].median, t[2].max), (3, Some(45.0), Some(60.0)));
    }

    #[test]
    fn inversions_largest_gap_first() {
        let data = [(70.0, Strong), (80.0, Weak), (60.0, Solid), (75.0, Solid)];
        let inv = inversions(&data, 10);
        // weak 80 > strong 70 (10), weak 80 > solid 60 (20), weak 80 >
        // solid 75 (5), solid 75 > strong 70 (5).
        let got: Vec<(usize, usize, f64)> =
            inv.iter().map(|i| (i.lower, i.higher, i.gap)).collect();
        assert_eq!(
            got,
            vec![(1, 2, 20.0), (1, 0, 10.0), (1, 3, 5.0), (3, 0, 5.0)]
        );
        assert_eq!(inversions(&data, 1).len(), 1);
    }

    #[test]
    fn rule_figures_treat_fail_as_positive_and_partial_as_failure() {
        use Expect::{Fail, Pass};
        let (per, all) = rules([
            ("R", Fail, Verdict::Fail),      // true fail
            ("R", Fail, Verdict::Partial),   // true fail, partial
            ("R", Pass, Verdict::Partial),   // false fail, partial labelled pass
            ("R", Fail, Verdict::NoVerdict), // missed
            ("R", Pass, Verdict::Pass),      // agree
            ("R", Pass, Verdict::NoVerdict), // no verdict, disagrees
            ("S", Pass, Verdict::Pass),
        ]);
        let r = &per["R"];
        assert_eq!((r.n, r.agreeing), (6, 3));
        assert_eq!((r.true_fail, r.false_fail, r.missed_fail), (2, 1, 1));
        assert_eq!(
            (r.partial, r.partial_labelled_pass, r.no_verdict),
            (2, 1, 2)
        );
        assert!(close(r.precision.expect("p"), 2.0 / 3.0));
        assert!(close(r.recall.expect("r"), 2.0 / 3.0));
        assert!(close(r.agreement.expect("a"), 0.5));
        assert_eq!(per["S"].precision, None);
        assert_eq!(per["S"].recall, None);
        assert_eq!((all.n, all.agreeing), (7, 4));
    }

    #[test]
    fn library_labels_want_no_career_track() {
        assert!(track_agrees("library", None, Some("default")));
        assert!(track_agrees("none", Some("qa"), Some("library")));
        assert!(!track_agrees("library", Some("backend"), Some("backend")));
        assert!(track_agrees("qa", Some("qa"), Some("qa")));
        assert!(!track_agrees("qa", None, None));
    }
}
