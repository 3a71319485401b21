//! The findings under one family: the few worth reading in full, one line
//! for each of the rest, and one line for all the rules a missing
//! prerequisite fails (no README fails every README-* rule that needs one;
//! listing each with "requires `has-readme`" only repeated the news).

use super::style::{Detail, Style, clean};
use crate::model::{Evidence, Location, Outcome, Severity, Status};
use std::fmt::Write;

/// Evidence lines shown per finding by default; `-v` shows all.
const EVIDENCE_SHOWN: usize = 2;

pub(super) fn needs_attention(o: &Outcome) -> bool {
    matches!(o.status, Status::Fail | Status::Partial | Status::Error)
}

/// How an evidence line reads, or `None` when it names no place: a
/// repository-level item shows only its note, never "at (repository)".
fn evidence_line(e: &Evidence) -> Option<String> {
    let note = e.note.as_deref().map(clean);
    match (&e.location, note) {
        (Location::Repository, None) => None,
        (Location::Repository, Some(n)) => Some(n),
        (_, None) => Some(format!("at {}", clean(&e.location()))),
        (_, Some(n)) => Some(format!("at {} ({n})", clean(&e.location()))),
    }
}

/// What the findings of one family need from the whole report.
pub(super) struct Context<'a> {
    /// Findings shown in full (evidence, fix, why).
    pub detailed: &'a [&'a str],
}

/// Writes a family's findings; returns how many were shown in brief.
pub(super) fn family_findings(
    out: &mut String,
    outcomes: &[&Outcome],
    cx: &Context<'_>,
    style: Style,
) -> usize {
    if style.detail == Detail::Verbose {
        for o in outcomes {
            finding(out, o, style, true);
        }
        return 0;
    }
    let mut brief = 0;
    let mut folded: Vec<(&str, Vec<&Outcome>)> = Vec::new();
    let mut minor: Vec<&Outcome> = Vec::new();
    let attention: Vec<&Outcome> = outcomes
        .iter()
        .copied()
        .filter(|o| needs_attention(o))
        .collect();
    let is_minor =
        |o: &Outcome| o.severity == Severity::Info && !cx.detailed.contains(&o.id.as_str());
    let pack_minor = attention
        .iter()
        .filter(|o| o.unmet_requirement().is_none() && is_minor(o))
        .count()
        > 1;
    for o in attention {
        if let Some(req) = o.unmet_requirement() {
            match folded.iter_mut().find(|(r, _)| *r == req) {
                Some((_, group)) => group.push(o),
                None => folded.push((req, vec![o])),
            }
        } else if pack_minor && is_minor(o) {
            minor.push(o);
        } else {
            let full = cx.detailed.contains(&o.id.as_str());
            brief += usize::from(!full);
            finding(out, o, style, full);
        }
    }
    if !minor.is_empty() {
        minor_line(out, &minor, style);
        brief += minor.len();
    }
    for (req, group) in folded {
        folded_line(out, req, &group, cx, style);
        brief += group.len();
    }
    brief
}

/// Info-severity findings of a family, by id on one line: worth knowing,
/// not worth a screen line each (`-v` or `explain ID` gives the rest).
fn minor_line(out: &mut String, minor: &[&Outcome], style: Style) {
    let ids: Vec<String> = minor
        .iter()
        .map(|o| match o.status {
            Status::Fail => o.id.clone(),
            other => format!("{} ({})", o.id, other.label()),
        })
        .collect();
    let _ = writeln!(
        out,
        "    {} {} at info severity: {}",
        style.yellow(super::style::symbol(Status::Fail)),
        minor.len(),
        ids.join(", ")
    );
}

/// "✗ no README, so 6 rules fail: README-INSTALL, …". Their points are
/// counted in the prerequisite's own fix gain (see `model::fixes`), so the
/// line names no points of its own.
fn folded_line(out: &mut String, req: &str, group: &[&Outcome], _cx: &Context<'_>, style: Style) {
    let missing = crate::rules::missing_short(req)
        .map_or_else(|| format!("`{}` does not hold", clean(req)), str::to_owned);
    let ids: Vec<&str> = group.iter().map(|o| o.id.as_str()).collect();
    let what = if group.len() == 1 {
        "1 rule fails".to_owned()
    } else {
        format!("{} rules fail", group.len())
    };
    let _ = writeln!(
        out,
        "    {} {missing}, so {what}: {}",
        style.red(super::style::symbol(Status::Fail)),
        ids.join(", ")
    );
}

fn finding(out: &mut String, o: &Outcome, style: Style, full: bool) {
    let _ = writeln!(
        out,
        "    {} {:<22} {}",
        style.status_mark(o),
        o.id,
        clean(&o.title)
    );
    let verbose = style.detail == Detail::Verbose;
    if !full && !verbose {
        return;
    }
    if needs_attention(o) || verbose {
        let _ = writeln!(out, "      {}", style.dim(&clean(&o.message)));
    }
    if !needs_attention(o) {
        return;
    }
    let lines: Vec<String> = o.evidence.iter().filter_map(evidence_line).collect();
    let shown = if verbose { lines.len() } else { EVIDENCE_SHOWN };
    for line in lines.iter().take(shown) {
        let _ = writeln!(out, "      {line}");
    }
    if lines.len() > shown {
        let _ = writeln!(
            out,
            "      {}",
            style.dim(&format!("and {} more (-v lists all)", lines.len() - shown))
        );
    }
    let _ = writeln!(out, "      fix: {}", clean(&o.fix));
    if !o.rationale.is_empty() {
        let _ = writeln!(
            out,
            "      {}",
            style.dim(&format!("why: {}", o.why_cited()))
        );
    }
}
