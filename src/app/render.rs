//! Rendering: one format chosen per output, the report written to stdout
//! or to `-o` files. Files are written whole or not at all.

use super::cli::{AuditOptionsArgs, ColorChoice, Format};
use super::run::Results;
use crate::report;
use anyhow::Context;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// The results in one format. With a baseline, the text and markdown
/// reports end with what changed.
pub fn render(results: &Results, format: Format, color: bool) -> String {
    let Results {
        reports,
        portfolio,
        changes,
    } = results;
    let portfolio = portfolio.as_ref();
    let mut rendered = match format {
        Format::Json => report::json::render(reports, portfolio, changes.as_deref()),
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
        Format::Text => report::text::render(reports, portfolio, report::text::Style { color }),
    };
    if let (Some(changes), Format::Text | Format::Markdown) = (changes, format) {
        rendered.push_str(&crate::report::changes::render(changes));
    }
    rendered
}

/// Writes the report where the arguments say: stdout when there is no
/// `-o`, else each `-o` file in its own format.
pub fn write_reports(
    results: &Results,
    args: &AuditOptionsArgs,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    // Colour is for a person at a terminal, never for a file.
    let color = use_color(args.color) && args.output.is_empty();
    if args.output.is_empty() {
        emit(out, &render(results, args.format, color))?;
    }
    for spec in &args.output {
        let (format, path) = output_target(spec, args.format);
        write_atomically(&path, &render(results, format, color))?;
    }
    Ok(())
}

/// Where one `-o` goes and in which format: `-o FILE` takes --format;
/// `-o sarif=FILE` names its own, so one run can write several reports. A
/// prefix that names no format is part of the file name.
pub fn output_target(spec: &Path, default: Format) -> (Format, PathBuf) {
    let text = spec.to_string_lossy();
    match text.split_once('=') {
        Some((name, path)) => match <Format as clap::ValueEnum>::from_str(name, true) {
            Ok(format) => (format, PathBuf::from(path)),
            Err(_) => (default, spec.to_path_buf()),
        },
        None => (default, spec.to_path_buf()),
    }
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

/// Writes beside the target and renames, so readers never see half a file.
pub fn write_atomically(path: &Path, text: &str) -> anyhow::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("creating a temporary file in {}", dir.display()))?;
    tmp.write_all(text.as_bytes())?;
    tmp.flush()?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}
