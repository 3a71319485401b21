//! JSON Lines: one line per repository, then one line with the portfolio
//! verdict (docs/json-format.md). A repository's line is the JSON report's
//! repository object (the same wire types) with `"kind": "repository"`,
//! its position in the run's target list, and a `record` that only
//! `portfolio-audit merge` reads: the report in the model's own shape, the
//! portfolio summary and the terminal's summary lines, so a merge renders
//! any format as a single run would have. The record is not a public
//! schema; consumers read the wire fields.

use super::json::{SCHEMA_VERSION, TOOL, Tally, Tool, wire};
use crate::model::RepoReport;
use crate::model::portfolio::{Entry, Portfolio};
use serde::Serialize;

/// The `kind` of a repository's line.
pub const REPOSITORY: &str = "repository";
/// The `kind` of the last line.
pub const PORTFOLIO: &str = "portfolio";

#[derive(Serialize)]
struct RepoLine<'a> {
    kind: &'static str,
    schema_version: u32,
    /// The repository's position in the whole target list (before any
    /// `--shard`), which orders a merge.
    position: usize,
    #[serde(flatten)]
    repo: wire::Repo<'a>,
    record: Record<'a>,
}

/// What `merge` reads back.
#[derive(Serialize)]
struct Record<'a> {
    report: &'a RepoReport,
    #[serde(skip_serializing_if = "Option::is_none")]
    entry: Option<&'a Entry>,
    context: &'a [String],
}

#[derive(Serialize)]
struct PortfolioLine<'a> {
    kind: &'static str,
    schema_version: u32,
    tool: Tool,
    summary: super::json::Summary,
    #[serde(skip_serializing_if = "Option::is_none")]
    portfolio: Option<wire::WirePortfolio<'a>>,
}

/// One repository's line, newline included. `entry` is its portfolio
/// summary (for a scored repository); `context` the terminal's summary
/// lines.
pub fn repository_line(r: &RepoReport, entry: Option<&Entry>, context: &[String]) -> String {
    let line = RepoLine {
        kind: REPOSITORY,
        schema_version: SCHEMA_VERSION,
        position: r.position,
        repo: wire::repo(r),
        record: Record {
            report: r,
            entry,
            context,
        },
    };
    finish(serde_json::to_string(&line))
}

/// The last line: the run's summary and, for two or more repositories,
/// the portfolio verdict.
pub fn portfolio_line(tally: &Tally, portfolio: Option<&Portfolio>) -> String {
    let line = PortfolioLine {
        kind: PORTFOLIO,
        schema_version: SCHEMA_VERSION,
        tool: TOOL,
        summary: tally.summary(),
        portfolio: portfolio.map(wire::portfolio),
    };
    finish(serde_json::to_string(&line))
}

fn finish(line: serde_json::Result<String>) -> String {
    let mut out = line.unwrap_or_else(|e| format!("{{\"kind\":\"error\",\"error\":\"{e}\"}}"));
    out.push('\n');
    out
}

/// A repository's summary lines: from its facts, or as recorded when it
/// was read back from a shard.
pub fn context(r: &RepoReport) -> Vec<String> {
    match (&r.facts, &r.recorded) {
        (Some(facts), _) => super::text::summary_lines(facts),
        (None, Some(rec)) => rec.context.clone(),
        (None, None) => Vec::new(),
    }
}

/// The whole stream at once, for runs that hold every report anyway (a
/// merge, or `-o jsonl=FILE` beside other formats). `entries` are the
/// reports' portfolio summaries, one per report.
pub fn render(
    reports: &[RepoReport],
    entries: &[Option<Entry>],
    portfolio: Option<&Portfolio>,
) -> String {
    let mut out = String::new();
    let mut tally = Tally::default();
    for (i, r) in reports.iter().enumerate() {
        let entry = entries.get(i).and_then(Option::as_ref);
        out.push_str(&repository_line(r, entry, &context(r)));
        tally.add(r);
    }
    out.push_str(&portfolio_line(&tally, portfolio));
    out
}
