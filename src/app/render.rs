//! Rendering: one format chosen per output, the report written to stdout
//! or to `-o` files. Files are written whole or not at all.

use super::cli::{AuditOptionsArgs, ColorChoice, Format};
use super::run::Results;
use crate::error::ConfigError;
use crate::report;
use crate::report::text::{Detail, Style};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// The results in one format. With a baseline, the text and markdown
/// reports end with what changed.
pub fn render(results: &Results, format: Format, style: report::text::Style) -> String {
    let Results {
        reports,
        portfolio,
        changes,
        ..
    } = results;
    let portfolio = portfolio.as_ref();
    let mut rendered = match format {
        Format::Json => report::json::render(reports, portfolio, changes.as_deref()),
        Format::Jsonl => report::jsonl::render(reports, &results.entries, portfolio),
        Format::Sarif => report::sarif::render(reports),
        Format::Junit => report::junit::render(reports),
        Format::Html => report::html::render(reports, portfolio),
        Format::Badge | Format::Shields => {
            // The portfolio's score when there is one, else the one repository's.
            let value = match (portfolio, reports.first()) {
                (Some(p), _) => p.score.zip(p.grade),
                (None, Some(r)) => r.score.as_ref().and_then(|s| s.score.zip(s.grade)),
                _ => None,
            };
            if format == Format::Badge {
                report::badge::svg(value)
            } else {
                report::badge::shields(value)
            }
        }
        Format::Markdown => report::markdown::render(reports, portfolio),
        Format::Text => report::text::render(reports, portfolio, style),
    };
    if let (Some(changes), Format::Text | Format::Markdown) = (changes, format) {
        let escape = match format {
            Format::Markdown => report::markdown::escape,
            _ => report::text::clean,
        };
        rendered.push_str(&crate::report::changes::render(changes, escape));
    }
    rendered
}

/// How much the text report says, from `-v` and `--summary`.
pub fn detail(args: &AuditOptionsArgs) -> Detail {
    if args.summary {
        Detail::Summary
    } else if args.verbose {
        Detail::Verbose
    } else {
        Detail::Normal
    }
}

/// Writes the report where the arguments say: stdout when there is no
/// `-o`, else each `-o` file in its own format.
pub fn write_reports(
    results: &Results,
    args: &AuditOptionsArgs,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let targets = outputs(args)?;
    let detail = detail(args);
    if targets.is_empty() {
        let style = Style {
            color: use_color(args.color),
            detail,
        };
        emit(out, &render(results, args.stdout_format(), style))?;
    }
    // Colour is for a person at a terminal, never for a file.
    let style = Style {
        color: false,
        detail,
    };
    for (format, path) in &targets {
        write_atomically(path, &render(results, *format, style))?;
    }
    Ok(())
}

/// Every `-o` resolved to a format and a path, checked before anything is
/// audited so a typo costs no run.
pub fn outputs(args: &AuditOptionsArgs) -> Result<Vec<(Format, PathBuf)>, ConfigError> {
    args.output
        .iter()
        .map(|spec| output_target(spec, args.format))
        .collect()
}

/// Where one `-o` goes and in which format. `-o sarif=FILE` names its own
/// format, so one run can write several reports; `-o FILE` takes --format,
/// else the format its extension names (`report.html` is HTML), else text.
/// A prefix that looks like a format name but is none (`sraif=r.sarif`) is
/// a usage error, not a file name.
pub fn output_target(spec: &Path, given: Option<Format>) -> Result<(Format, PathBuf), ConfigError> {
    let text = spec.to_string_lossy();
    if let Some((name, path)) = text.split_once('=') {
        let word = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric());
        if word {
            return match <Format as clap::ValueEnum>::from_str(name, true) {
                Ok(format) => Ok((format, PathBuf::from(path))),
                Err(_) => Err(ConfigError::new(
                    format!("-o {text}"),
                    format!(
                        "unknown format `{name}`; expected one of {}",
                        format_names()
                    ),
                )),
            };
        }
    }
    let format = given
        .or_else(|| from_extension(spec))
        .unwrap_or(Format::Text);
    Ok((format, spec.to_path_buf()))
}

fn format_names() -> String {
    <Format as clap::ValueEnum>::value_variants()
        .iter()
        .filter_map(clap::ValueEnum::to_possible_value)
        .map(|v| v.get_name().to_owned())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The format a file name's extension names, if any.
pub fn from_extension(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
    Some(match ext.as_str() {
        "json" => Format::Json,
        "jsonl" | "ndjson" => Format::Jsonl,
        "sarif" => Format::Sarif,
        "md" | "markdown" => Format::Markdown,
        "html" | "htm" => Format::Html,
        "xml" => Format::Junit,
        "svg" => Format::Badge,
        "txt" => Format::Text,
        _ => return None,
    })
}

/// Whether the terminal report is coloured. NO_COLOR (set and not empty)
/// turns `auto` off, as does output that is not a terminal.
pub fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

/// Writes all of `text` and flushes, so a closed pipe surfaces here as an
/// error the caller can recognise.
pub fn emit(out: &mut dyn Write, text: &str) -> std::io::Result<()> {
    out.write_all(text.as_bytes())?;
    out.flush()
}

pub use super::report_file::{ReportFile, write_atomically};
