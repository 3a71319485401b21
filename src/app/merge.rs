//! `portfolio-audit merge`: the JSON Lines of `audit --shard` runs read
//! back into reports, put in the order of the whole target list, and
//! rendered as one run over every target would have been, with one
//! portfolio verdict and the same gates.
//!
//! A shard's file is the tool's own output, but it crosses machines and
//! CI artifacts, so it is read as untrusted input. A line that does not
//! parse, a kind this version does not know, a file without its portfolio
//! line (the shard was interrupted or truncated) or a repository that two
//! shards both report are usage errors naming FILE:LINE, exit 2: a merged
//! verdict silently missing a shard would look complete.

use super::cli::MergeArgs;
use super::exit::Exit;
use crate::error::ConfigError;
use crate::model::RepoReport;
use crate::model::portfolio::Entry;
use crate::model::recorded::{Json, Recorded};
use crate::report::{SCHEMA_VERSION, jsonl};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::Path;

/// The fields of a line `merge` reads; the rest are for other readers.
#[derive(Deserialize)]
struct Line {
    kind: String,
    schema_version: u32,
    #[serde(default)]
    facts: Option<Json>,
    #[serde(default)]
    record: Option<Record>,
}

#[derive(Deserialize)]
struct Record {
    report: RepoReport,
    #[serde(default)]
    entry: Option<Entry>,
    #[serde(default)]
    context: Vec<String>,
}

pub fn run(args: &MergeArgs, out: &mut dyn Write) -> anyhow::Result<Exit> {
    // A bad `-o` is a usage error before any file is read.
    super::render::outputs(&args.options)?;
    let mut reports = Vec::new();
    let mut seen: BTreeMap<usize, String> = BTreeMap::new();
    for file in &args.files {
        read_shard(file, &mut reports, &mut seen)?;
    }
    reports.sort_by_key(|(r, _)| r.position);
    let (reports, entries) = reports.into_iter().unzip();
    super::finish(reports, Some(entries), &args.options, out)
}

/// Reads one shard's lines into `reports`. `seen` maps each position
/// already read to where, so a shard given twice is caught.
fn read_shard(
    file: &Path,
    reports: &mut Vec<(RepoReport, Option<Entry>)>,
    seen: &mut BTreeMap<usize, String>,
) -> Result<(), ConfigError> {
    let shown = file.display().to_string();
    let reader: Box<dyn BufRead> = if file.as_os_str() == "-" {
        Box::new(std::io::BufReader::new(std::io::stdin()))
    } else {
        let f = std::fs::File::open(file)
            .map_err(|e| ConfigError::new(&shown, format!("cannot read shard: {e}")))?;
        Box::new(std::io::BufReader::new(f))
    };
    let mut finished = false;
    for (n, text) in reader.lines().enumerate() {
        let at = format!("{shown}:{}", n + 1);
        let text = text.map_err(|e| ConfigError::new(&at, format!("cannot read: {e}")))?;
        if text.trim().is_empty() {
            continue;
        }
        if finished {
            return Err(ConfigError::new(
                &at,
                "a line after the portfolio line: is this two shards joined together?",
            ));
        }
        let line: Line = serde_json::from_str(&text).map_err(|e| {
            ConfigError::new(
                format!("{at}:{}", e.column()),
                format!("not a line of `portfolio-audit audit --format jsonl`: {e}"),
            )
        })?;
        if line.schema_version != SCHEMA_VERSION {
            return Err(ConfigError::new(
                &at,
                format!(
                    "written with schema version {}; this version reads {SCHEMA_VERSION}",
                    line.schema_version
                ),
            ));
        }
        match (line.kind.as_str(), line.record) {
            (jsonl::PORTFOLIO, _) => finished = true,
            (jsonl::REPOSITORY, Some(record)) => {
                let mut report = record.report;
                if let Some(first) = seen.insert(report.position, at.clone()) {
                    return Err(ConfigError::new(
                        &at,
                        format!(
                            "repository {} (position {}) was already read at {first}: \
                             each shard must be given once",
                            report.name, report.position
                        ),
                    ));
                }
                report.recorded = Some(Recorded {
                    facts: line.facts,
                    context: record.context,
                });
                reports.push((report, record.entry));
            }
            (jsonl::REPOSITORY, None) => {
                return Err(ConfigError::new(
                    &at,
                    "a repository line without its `record`: was it edited?",
                ));
            }
            (other, _) => {
                return Err(ConfigError::new(
                    &at,
                    format!("unknown line kind `{other}`; expected repository or portfolio"),
                ));
            }
        }
    }
    if !finished {
        return Err(ConfigError::new(
            &shown,
            "no portfolio line at the end: the shard did not finish (interrupted or truncated)",
        ));
    }
    Ok(())
}
