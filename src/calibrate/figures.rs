//! The figures of one part of the corpus (dev, holdout, or all of it),
//! computed from observations. Per-repository lists (inversions,
//! disagreements, track mismatches) are only built when asked for: the
//! holdout's are never shown unless the holdout is selected on purpose.

use super::labels::Tier;
use super::measure::{self, Pairwise, RuleStats, TierStats};
use super::observe::Observation;
use serde::Serialize;
use std::collections::BTreeMap;

/// How many inversions are listed.
pub const INVERSIONS_SHOWN: usize = 10;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrackFigures {
    /// Scored repositories whose label gives a track.
    pub labelled: usize,
    pub agreeing: usize,
    pub share: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Inversion {
    pub lower: String,
    pub lower_tier: &'static str,
    pub lower_score: f64,
    pub higher: String,
    pub higher_tier: &'static str,
    pub higher_score: f64,
    pub gap: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Disagreement {
    pub repo: String,
    pub rule: String,
    pub label: &'static str,
    pub status: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrackMismatch {
    pub repo: String,
    pub label: String,
    pub tool: Option<String>,
    pub profile: Option<String>,
}

/// What is only shown for a part of the corpus one may look into.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Details {
    pub inversions: Vec<Inversion>,
    pub disagreements: Vec<Disagreement>,
    pub track_mismatches: Vec<TrackMismatch>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    /// `dev`, `holdout` or `all`.
    pub set: String,
    /// Repositories audited in this part.
    pub repos: usize,
    /// Of those, scored and with one agreed tier: what the tier figures use.
    pub ranked: usize,
    /// Repositories the tool could not score.
    pub unscored: usize,
    pub pairwise: Option<Pairwise>,
    pub spearman: Option<f64>,
    pub tiers: Vec<TierStats>,
    pub rules: BTreeMap<String, RuleStats>,
    /// Every labelled signal of every repository together.
    pub signals: RuleStats,
    pub track: TrackFigures,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<Details>,
}

/// The figures of `observations` (already filtered to one part), with the
/// per-repository lists when `details` is set.
pub fn figures(set: &str, observations: &[&Observation], details: bool) -> Figures {
    let ranked: Vec<(&Observation, f64, Tier)> = observations
        .iter()
        .filter_map(|o| Some((*o, o.score?, o.tier?)))
        .collect();
    let pairs: Vec<(f64, Tier)> = ranked.iter().map(|(_, s, t)| (*s, *t)).collect();
    let scores: Vec<f64> = pairs.iter().map(|(s, _)| *s).collect();
    let ranks: Vec<f64> = pairs.iter().map(|(_, t)| t.rank()).collect();
    let (rules, signals) = measure::rules(
        observations
            .iter()
            .flat_map(|o| &o.rules)
            .map(|r| (r.rule.as_str(), r.expect, r.verdict)),
    );
    let tracked: Vec<(&Observation, bool)> = observations
        .iter()
        .filter_map(|o| Some((*o, o.track.as_ref()?.agrees)))
        .collect();
    let agreeing = tracked.iter().filter(|(_, a)| *a).count();
    Figures {
        set: set.to_owned(),
        repos: observations.len(),
        ranked: ranked.len(),
        unscored: observations.iter().filter(|o| o.score.is_none()).count(),
        pairwise: measure::pairwise(&pairs),
        spearman: measure::spearman(&scores, &ranks),
        tiers: measure::tiers(&pairs),
        rules,
        signals,
        track: TrackFigures {
            labelled: tracked.len(),
            agreeing,
            share: (!tracked.is_empty()).then(|| agreeing as f64 / tracked.len() as f64),
        },
        details: details.then(|| Details {
            inversions: measure::inversions(&pairs, INVERSIONS_SHOWN)
                .iter()
                .map(|i| {
                    let (lo, ls, lt) = ranked[i.lower];
                    let (hi, hs, ht) = ranked[i.higher];
                    Inversion {
                        lower: lo.slug.clone(),
                        lower_tier: lt.name(),
                        lower_score: ls,
                        higher: hi.slug.clone(),
                        higher_tier: ht.name(),
                        higher_score: hs,
                        gap: i.gap,
                    }
                })
                .collect(),
            disagreements: disagreements(observations),
            track_mismatches: tracked
                .iter()
                .filter(|(_, a)| !a)
                .filter_map(|(o, _)| o.track.as_ref().map(|t| (o, t)))
                .map(|(o, t)| TrackMismatch {
                    repo: o.slug.clone(),
                    label: t.label.clone(),
                    tool: t.tool.clone(),
                    profile: t.profile.clone(),
                })
                .collect(),
        }),
    }
}

/// Every labelled rule the tool disagreed on, by rule then repository.
fn disagreements(observations: &[&Observation]) -> Vec<Disagreement> {
    let mut out: Vec<Disagreement> = observations
        .iter()
        .flat_map(|o| o.rules.iter().map(move |r| (o, r)))
        .filter(|(_, r)| !r.verdict.agrees(r.expect))
        .map(|(o, r)| Disagreement {
            repo: o.slug.clone(),
            rule: r.rule.clone(),
            label: r.expect.name(),
            status: r.status.clone(),
            message: r.message.clone(),
        })
        .collect();
    out.sort_by(|a, b| a.rule.cmp(&b.rule).then(a.repo.cmp(&b.repo)));
    out
}
