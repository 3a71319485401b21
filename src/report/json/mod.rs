//! The JSON report: a documented, versioned shape (docs/json-format.md).

pub(crate) mod wire;

use crate::baseline::RepoChange;
use crate::model::RepoReport;
use crate::model::portfolio::Portfolio;
use serde::Serialize;

/// Bumped whenever the JSON shape changes in a way a consumer could notice.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
pub(crate) struct Tool {
    name: &'static str,
    version: &'static str,
}

pub(crate) const TOOL: Tool = Tool {
    name: env!("CARGO_PKG_NAME"),
    version: env!("CARGO_PKG_VERSION"),
};

#[derive(Serialize)]
pub(crate) struct Summary {
    repos: usize,
    scored: usize,
    /// Not Python projects: no score by design (see NOT_PYTHON).
    unscored: usize,
    /// No score because the repository could not be audited.
    errored: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    mean_score: Option<f64>,
}

/// The run's summary counted one report at a time, so JSON Lines can
/// write it without holding the reports. Scores are summed in report
/// order, as the JSON report sums them, so the mean agrees to the bit.
#[derive(Debug, Default, Clone)]
pub struct Tally {
    repos: usize,
    scored: usize,
    unscored: usize,
    errored: usize,
    sum: f64,
}

impl Tally {
    pub fn add(&mut self, r: &RepoReport) {
        self.repos += 1;
        if let Some(score) = r.overall() {
            self.scored += 1;
            self.sum += score;
        }
        if r.is_unscored() {
            self.unscored += 1;
        } else if r.is_errored() {
            self.errored += 1;
        }
    }

    /// How many reports were counted.
    pub fn repos(&self) -> usize {
        self.repos
    }

    pub(crate) fn summary(&self) -> Summary {
        Summary {
            repos: self.repos,
            scored: self.scored,
            unscored: self.unscored,
            errored: self.errored,
            mean_score: (self.scored > 0)
                .then(|| (10.0 * self.sum / self.scored as f64).round() / 10.0),
        }
    }
}

#[derive(Serialize)]
struct Document<'a> {
    schema_version: u32,
    tool: Tool,
    summary: Summary,
    repos: Vec<wire::Repo<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    portfolio: Option<wire::WirePortfolio<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<Vec<wire::Change<'a>>>,
}

pub fn render(
    reports: &[RepoReport],
    portfolio: Option<&Portfolio>,
    baseline: Option<&[RepoChange]>,
) -> String {
    let mut tally = Tally::default();
    for r in reports {
        tally.add(r);
    }
    let doc = Document {
        schema_version: SCHEMA_VERSION,
        tool: TOOL,
        summary: tally.summary(),
        repos: reports.iter().map(wire::repo).collect(),
        portfolio: portfolio.map(wire::portfolio),
        baseline: baseline.map(|b| b.iter().map(wire::change).collect()),
    };
    let mut out =
        serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}
