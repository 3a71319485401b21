//! The JSON report: a documented, versioned shape (docs/json-format.md).

mod wire;

use crate::baseline::RepoChange;
use crate::model::RepoReport;
use crate::model::portfolio::Portfolio;
use serde::Serialize;

/// Bumped whenever the JSON shape changes in a way a consumer could notice.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Summary {
    repos: usize,
    scored: usize,
    /// Not Python projects: no score by design (see NOT_PYTHON).
    unscored: usize,
    /// No score because the repository could not be audited.
    errored: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    mean_score: Option<f64>,
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
    let scores: Vec<f64> = reports.iter().filter_map(RepoReport::overall).collect();
    let mean = (!scores.is_empty())
        .then(|| (10.0 * scores.iter().sum::<f64>() / scores.len() as f64).round() / 10.0);
    let doc = Document {
        schema_version: SCHEMA_VERSION,
        tool: Tool {
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
        },
        summary: Summary {
            repos: reports.len(),
            scored: scores.len(),
            unscored: reports.iter().filter(|r| r.is_unscored()).count(),
            errored: reports.iter().filter(|r| r.is_errored()).count(),
            mean_score: mean,
        },
        repos: reports.iter().map(wire::repo).collect(),
        portfolio: portfolio.map(wire::portfolio),
        baseline: baseline.map(|b| b.iter().map(wire::change).collect()),
    };
    let mut out =
        serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}
