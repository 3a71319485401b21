//! The multi-repository parts of the terminal report: the summary table and
//! the portfolio verdict.

use super::style::{Detail, Style, clean};
use crate::model::portfolio::Portfolio;
use crate::model::{RepoReport, Status, points};
use std::fmt::Write;

/// "87/100 (B)", floored so a score never reads above its grade.
pub fn score_text(score: Option<f64>, grade: Option<char>) -> String {
    match (score, grade) {
        (Some(v), Some(g)) => format!("{:.0}/100 ({g})", v.floor()),
        _ => "no score".to_owned(),
    }
}

pub fn repo_score(r: &RepoReport) -> String {
    score_text(r.overall(), r.score.as_ref().and_then(|s| s.grade))
}

pub fn summary_table(out: &mut String, reports: &[RepoReport], style: Style) {
    let width = reports
        .iter()
        .map(|r| clean(&r.name).chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    let _ = writeln!(
        out,
        "{}",
        style.bold(&format!(
            "{:<width$}  {:>11}  {:>4}  {:>7}  {:>6}",
            "repo", "score", "fail", "partial", "errors"
        ))
    );
    for r in reports {
        // An unscored repository's rule verdicts count for nothing: its
        // failures would read as things to fix.
        let n = |s: Status| {
            if r.overall().is_none() {
                "-".to_owned()
            } else {
                r.outcomes
                    .iter()
                    .filter(|o| o.status == s)
                    .count()
                    .to_string()
            }
        };
        let _ = writeln!(
            out,
            "{:<width$}  {}  {:>4}  {:>7}  {:>6}",
            clean(&r.name),
            style.grade(r.overall(), &format!("{:>11}", repo_score(r))),
            n(Status::Fail),
            n(Status::Partial),
            r.errors.len()
        );
    }
    let scores: Vec<f64> = reports.iter().filter_map(RepoReport::overall).collect();
    if reports.len() > 1 && !scores.is_empty() {
        // Floored like every score above it.
        let mean = scores.iter().sum::<f64>() / scores.len() as f64;
        // Say how many the mean is over when some have no score.
        let over = if scores.len() < reports.len() {
            format!(" ({} scored)", scores.len())
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "{} repositories{over}, mean score {:.0}",
            reports.len(),
            mean.floor()
        );
    }
}

pub fn portfolio_section(out: &mut String, p: &Portfolio, style: Style) {
    let _ = writeln!(
        out,
        "\n{}  {}",
        style.bold("portfolio"),
        style.grade(p.score, &score_text(p.score, p.grade))
    );
    for risk in &p.risks {
        let _ = writeln!(out, "  {} {}", style.red("risk:"), clean(&risk.line()));
    }
    if p.strongest.is_empty() {
        // Nothing to build a verdict on: say so rather than print an
        // empty list (every project was unscored or could not be read).
        let _ = writeln!(
            out,
            "  {}",
            style.dim("no project could be scored, so there is no portfolio verdict")
        );
        return;
    }
    let _ = writeln!(
        out,
        "  {}",
        style.dim(&format!(
            "built on the strongest {}: {}",
            p.strongest.len(),
            clean(&p.strongest.join(", "))
        ))
    );
    if style.detail == Detail::Summary {
        return;
    }
    if !p.tracks.is_empty() {
        let _ = writeln!(out, "\n  tracks covered:");
        for (track, evidence) in &p.tracks {
            let _ = writeln!(out, "    {track}: {}", clean(&evidence.join("; ")));
        }
    }
    let _ = writeln!(out, "\n  what each project proves (best first):");
    for proj in p.projects_best_first() {
        let score = proj
            .score
            .map_or("  -".to_owned(), |s| format!("{:>3.0}", s.floor()));
        let _ = writeln!(
            out,
            "    {score}  {}: {}",
            clean(&proj.name),
            clean(&proj.proves)
        );
        for w in &proj.weak {
            let _ = writeln!(
                out,
                "         {} {} ({})",
                style.yellow("weak:"),
                w.kind,
                clean(&w.evidence)
            );
        }
    }
    if !p.fixes.is_empty() {
        let _ = writeln!(
            out,
            "\n  {}",
            style.bold("fixes that would raise the portfolio most:")
        );
        for (i, f) in p.fixes.iter().enumerate() {
            let _ = writeln!(
                out,
                "    {}. {} ({}, in {}) {}",
                i + 1,
                f.rule,
                points(f.gain),
                clean(&f.projects.join(", ")),
                clean(&f.fix)
            );
        }
    }
}
