//! The terminal report. Colour lives only here. Repository text is stripped
//! of control characters so a file name cannot drive the terminal.
//!
//! Short by default, as ruff is: what needs attention (failures and
//! partials, with evidence, fix and why it matters) and one line per family
//! for the passes, so a typical repository fits one screen. `-v` shows
//! every rule; `--summary` only the table and the portfolio verdict. With
//! several repositories the table comes last, beside the verdict, so it is
//! on screen when the run ends.

mod context;
mod findings;
mod portfolio;
mod style;

pub use context::summary_lines;
pub use style::{Detail, Style, clean};

use crate::model::portfolio::{Portfolio, count_label};
use crate::model::{FamilyScore, Outcome, RepoReport, Status, points, top_fixes};
use portfolio::{portfolio_section, repo_score, summary_table};
use std::fmt::Write;

/// Findings shown in full by default (evidence, fix, why): those whose fix
/// gains most. The rest get one line each (a family's info-severity ones
/// and those a missing prerequisite fails share one), so even a repository
/// with forty findings fits one screen; `-v` shows every one in full.
const DETAILED: usize = 4;

pub fn render(reports: &[RepoReport], portfolio: Option<&Portfolio>, style: Style) -> String {
    let mut out = String::new();
    if style.detail == Detail::Summary {
        summary_table(&mut out, reports, style);
    } else {
        for (i, r) in reports.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            repo(&mut out, r, style);
        }
        if reports.len() > 1 {
            out.push('\n');
            summary_table(&mut out, reports, style);
        }
    }
    if let Some(p) = portfolio {
        portfolio_section(&mut out, p, style);
    }
    out
}

fn header(out: &mut String, r: &RepoReport, style: Style) {
    let mut line = format!(
        "{}  {}",
        style.bold(&clean(&r.name)),
        style.grade(r.overall(), &repo_score(r))
    );
    if let Some(git) = &r.git {
        if let Some(head) = &git.head_commit {
            let _ = write!(
                line,
                "  {}",
                style.dim(&format!("HEAD {}", &head[..head.len().min(10)]))
            );
        }
    } else if let Some(kind) = r.source {
        let _ = write!(
            line,
            "  {}",
            style.dim(match kind {
                crate::source::SourceKind::Worktree => "working tree",
                crate::source::SourceKind::Folder => "folder",
                crate::source::SourceKind::GitHead => "HEAD",
            })
        );
    }
    let _ = writeln!(out, "{line}");
    // An errored repository's reason is its first error, which the
    // footer lists: said once, there.
    if let Some(reason) = r
        .no_score_reason()
        .filter(|_| r.is_unscored() || r.errors.is_empty())
    {
        let _ = writeln!(
            out,
            "  {}",
            style.red(&clean(&format!("no score: {reason}")))
        );
    }
    if let Some(note) = r.score.as_ref().and_then(|s| s.cap_note()) {
        let _ = writeln!(out, "  {}", style.red(&clean(&note)));
    }
    if let Some(p) = r.profile.as_ref().filter(|_| !r.is_unscored()) {
        let _ = writeln!(
            out,
            "  {}",
            style.dim(&clean(&format!("profile: {} ({})", p.name, p.reason)))
        );
    }
    // A report merged from shards carries the lines its run printed.
    let lines = match (&r.facts, &r.recorded) {
        (Some(facts), _) => summary_lines(facts),
        (None, Some(recorded)) => recorded.context.clone(),
        (None, None) => Vec::new(),
    };
    for line in lines {
        let _ = writeln!(out, "  {}", style.dim(&clean(&line)));
    }
}

/// "readme  85  ✓ 7 pass, 1 partial, 1 fail": a family on one line.
fn family_line(out: &mut String, fam: &FamilyScore, style: Style) {
    let score = fam
        .score
        .map_or("n/a".to_owned(), |s| format!("{:.0}", s.floor()));
    let mut counts = vec![format!("{} pass", fam.pass)];
    for (n, word) in [
        (fam.partial, "partial"),
        (fam.fail, "fail"),
        (fam.error, "error"),
        (fam.not_applicable, "n/a"),
    ] {
        if n > 0 {
            counts.push(format!("{n} {word}"));
        }
    }
    let _ = writeln!(
        out,
        "  {:<9} {}  {}",
        style.bold(&fam.family),
        style.grade(fam.score, &format!("{score:>3}")),
        style.dim(&counts.join(", "))
    );
}

fn repo(out: &mut String, r: &RepoReport, style: Style) {
    header(out, r, style);
    let families = r
        .score
        .as_ref()
        .map(|s| s.families.clone())
        .unwrap_or_default();
    let strong: Vec<&str> = families
        .iter()
        .filter(|f| f.score.is_some_and(|v| v >= 90.0))
        .map(|f| f.family.as_str())
        .collect();
    if !strong.is_empty() {
        let _ = writeln!(out, "  {} {}", style.green("strengths:"), strong.join(", "));
    }
    // An unscored repository has no families: its notes follow the header.
    if !families.is_empty() {
        out.push('\n');
    }
    let detailed = detailed_ids(r);
    let cx = findings::Context {
        detailed: &detailed,
    };
    let mut brief = 0;
    for fam in &families {
        family_line(out, fam, style);
        let outcomes: Vec<&Outcome> = r
            .outcomes
            .iter()
            .filter(|o| o.family == fam.family)
            .collect();
        brief += findings::family_findings(out, &outcomes, &cx, style);
    }
    if brief > 0 {
        let _ = writeln!(
            out,
            "  {}",
            style.dim(&format!(
                "{} shown in brief; -v shows every finding's evidence, fix and why",
                count_label(brief, "finding")
            ))
        );
    }
    footer(out, r, style);
}

/// The findings shown in full: errored rules, then the unmet rules whose
/// fix would gain most.
fn detailed_ids(r: &RepoReport) -> Vec<&str> {
    let mut ids: Vec<&str> = r
        .outcomes
        .iter()
        .filter(|o| o.status == Status::Error)
        .map(|o| o.id.as_str())
        .collect();
    // A rule failed only by a missing prerequisite is folded into one
    // line under it; the prerequisite's own rule carries the detail.
    ids.extend(
        first_fixes(r, DETAILED)
            .into_iter()
            .map(|(o, _)| o.id.as_str()),
    );
    ids
}

/// The unmet rules whose fix gains most, leaving out those a missing
/// prerequisite fails: adding tests comes before fixing what tests lack.
fn first_fixes(r: &RepoReport, n: usize) -> Vec<(&Outcome, f64)> {
    top_fixes(r, usize::MAX)
        .into_iter()
        .filter(|(o, _)| o.unmet_requirement().is_none())
        .take(n)
        .collect()
}

fn footer(out: &mut String, r: &RepoReport, style: Style) {
    if !r.ignored.is_empty() {
        let _ = writeln!(
            out,
            "\n  ignored by {}:",
            r.config.as_deref().unwrap_or("configuration")
        );
        for i in &r.ignored {
            match &i.reason {
                Some(reason) => {
                    let _ = writeln!(out, "    {} ({})", i.id, clean(reason));
                }
                None => {
                    let _ = writeln!(out, "    {}", i.id);
                }
            }
        }
    }
    for w in r.shown_warnings() {
        let _ = writeln!(out, "  {} {}", style.yellow("warning:"), clean(w));
    }
    for e in &r.errors {
        let _ = writeln!(out, "  {} {}", style.red("error:"), clean(&e.to_string()));
    }
    // The fixes themselves are shown in full above; here only their order.
    let fixes = first_fixes(r, 3);
    if !fixes.is_empty() {
        let ranked: Vec<String> = fixes
            .iter()
            .map(|(o, gain)| format!("{} ({})", o.id, points(*gain)))
            .collect();
        let _ = writeln!(
            out,
            "\n  {} {}",
            style.bold("top fixes:"),
            ranked.join(", ")
        );
    }
    // An unscored repository's header already says why it has no score.
    if let Some(s) = r.score.as_ref().filter(|_| !r.is_unscored()) {
        let n = |st: Status| r.outcomes.iter().filter(|o| o.status == st).count();
        let _ = writeln!(
            out,
            "\n  {} scored {} of {}: {} pass, {} partial, {} fail, {} n/a",
            style.grade(s.score, &repo_score(r)),
            s.scored_rules,
            count_label(s.total_rules, "rule"),
            n(Status::Pass),
            n(Status::Partial),
            n(Status::Fail),
            n(Status::NotApplicable),
        );
    }
}
