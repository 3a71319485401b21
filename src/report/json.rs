//! The JSON report: a documented, versioned shape (docs/json-format.md).

use super::{RepoReport, SCHEMA_VERSION};
use serde::Serialize;

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Summary {
    repos: usize,
    scored: usize,
    errored: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    mean_score: Option<f64>,
}

#[derive(Serialize)]
struct Document<'a> {
    schema_version: u32,
    tool: Tool,
    summary: Summary,
    repos: &'a [RepoReport],
    #[serde(skip_serializing_if = "Option::is_none")]
    portfolio: Option<&'a crate::portfolio::Portfolio>,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<&'a [crate::baseline::RepoChange]>,
}

pub fn render(
    reports: &[RepoReport],
    portfolio: Option<&crate::portfolio::Portfolio>,
    baseline: Option<&[crate::baseline::RepoChange]>,
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
            errored: reports.iter().filter(|r| r.score.is_none()).count(),
            mean_score: mean,
        },
        repos: reports,
        portfolio,
        baseline,
    };
    let mut out =
        serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}
