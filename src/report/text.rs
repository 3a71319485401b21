//! The terminal report. Colour lives only here. Repository text is stripped
//! of control characters so a file name cannot drive the terminal.

use super::RepoReport;
use crate::model::portfolio::Portfolio;
use crate::model::top_fixes;
use crate::model::{Evidence, Outcome, Severity, Status};
use owo_colors::OwoColorize;
use std::fmt::Write;

#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(&self, s: &str, f: impl Fn(&str) -> String) -> String {
        if self.color { f(s) } else { s.to_owned() }
    }
    fn green(&self, s: &str) -> String {
        self.paint(s, |s| s.green().to_string())
    }
    fn yellow(&self, s: &str) -> String {
        self.paint(s, |s| s.yellow().to_string())
    }
    fn red(&self, s: &str) -> String {
        self.paint(s, |s| s.red().to_string())
    }
    fn dim(&self, s: &str) -> String {
        self.paint(s, |s| s.dimmed().to_string())
    }
    fn bold(&self, s: &str) -> String {
        self.paint(s, |s| s.bold().to_string())
    }
    fn grade(&self, score: Option<f64>, text: &str) -> String {
        match score {
            Some(s) if s >= 80.0 => self.green(text),
            Some(s) if s >= 60.0 => self.yellow(text),
            _ => self.red(text),
        }
    }
}

/// Replaces control characters (ANSI escapes, carriage returns) with
/// visible escapes.
pub fn clean(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() && c != '\n' {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn symbol(status: Status) -> &'static str {
    match status {
        Status::Pass => "✓",
        Status::Partial => "~",
        Status::Fail => "✗",
        Status::NotApplicable => "-",
        Status::Error => "!",
    }
}

fn status_mark(style: &Style, o: &Outcome) -> String {
    let s = symbol(o.status);
    match o.status {
        Status::Pass => style.green(s),
        Status::Partial => style.yellow(s),
        Status::Fail if o.severity == Severity::Info => style.yellow(s),
        Status::Fail | Status::Error => style.red(s),
        Status::NotApplicable => style.dim(s),
    }
}

fn score_text(r: &RepoReport) -> String {
    match r.score.as_ref().and_then(|s| s.score.map(|v| (v, s.grade))) {
        // Rounded down, so 79.6 reads 79 beside its grade C, not 80.
        Some((v, Some(g))) => format!("{:.0}/100 ({g})", v.floor()),
        _ => "no score".to_owned(),
    }
}

fn evidence_line(e: &Evidence) -> String {
    let mut s = clean(&e.location());
    if let Some(n) = &e.note {
        let _ = write!(s, " ({})", clean(n));
    }
    s
}

pub fn render(reports: &[RepoReport], portfolio: Option<&Portfolio>, style: Style) -> String {
    let mut out = String::new();
    if reports.len() > 1 {
        summary_table(&mut out, reports, style);
        for r in reports {
            out.push('\n');
            repo(&mut out, r, style, false);
        }
    } else if let Some(r) = reports.first() {
        repo(&mut out, r, style, true);
    }
    if let Some(p) = portfolio {
        portfolio_section(&mut out, p, style);
    }
    out
}

fn portfolio_section(out: &mut String, p: &Portfolio, style: Style) {
    let score = match (p.score, p.grade) {
        (Some(s), Some(g)) => format!("{:.0}/100 ({g})", s.floor()),
        _ => "no score".to_owned(),
    };
    let _ = writeln!(
        out,
        "\n{}  {}",
        style.bold("portfolio"),
        style.grade(p.score, &score)
    );
    for risk in &p.risks {
        let _ = writeln!(out, "  {} {}", style.red("risk:"), clean(&risk.line()));
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
    if !p.tracks.is_empty() {
        let _ = writeln!(out, "\n  tracks covered:");
        for (track, evidence) in &p.tracks {
            let _ = writeln!(out, "    {track}: {}", clean(&evidence.join("; ")));
        }
    }
    let _ = writeln!(out, "\n  what each project proves:");
    for proj in &p.projects {
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
                "    {}. {} (+{:.1} points, in {}) {}",
                i + 1,
                f.rule,
                f.gain,
                clean(&f.projects.join(", ")),
                f.fix
            );
        }
    }
}

fn summary_table(out: &mut String, reports: &[RepoReport], style: Style) {
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
        let n = |s: Status| r.outcomes.iter().filter(|o| o.status == s).count();
        let score = score_text(r);
        let _ = writeln!(
            out,
            "{:<width$}  {}  {:>4}  {:>7}  {:>6}",
            clean(&r.name),
            style.grade(r.overall(), &format!("{score:>11}")),
            n(Status::Fail),
            n(Status::Partial),
            r.errors.len()
        );
    }
    let scores: Vec<f64> = reports.iter().filter_map(RepoReport::overall).collect();
    if !scores.is_empty() {
        let mean = scores.iter().sum::<f64>() / scores.len() as f64;
        let _ = writeln!(out, "{} repositories, mean score {mean:.0}", reports.len());
    }
}

/// One line each on history, CI and tests: the context a reviewer reads
/// before the verdicts.
pub fn summary_lines(facts: &crate::facts::Facts) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(h) = &facts.history {
        let mut line = format!(
            "history: {} over {} ({} active)",
            count_label(h.non_merge_commits, "non-merge commit"),
            count_label(h.span_days.round() as usize, "day"),
            h.active_days
        );
        if h.analysed_commits < h.total_commits {
            line.push_str(&format!(
                "; analysed {} of {} commits",
                h.analysed_commits, h.total_commits
            ));
        }
        if let Some(share) = h.good_subject_share() {
            line.push_str(&format!("; {:.0}% clear subjects", 100.0 * share));
        }
        if h.messages.considered > 0 && h.messages.conventional * 2 > h.messages.considered {
            line.push_str("; Conventional Commits");
        }
        if h.shallow {
            line.push_str("; shallow clone: history is partial");
        }
        out.push(line);
    }
    let kinds: Vec<&str> = {
        let mut k: Vec<&str> = facts
            .ci
            .configs
            .iter()
            .flat_map(|c| c.kinds.iter().copied())
            .collect();
        k.sort();
        k.dedup();
        k
    };
    if !facts.ci.configs.is_empty() {
        let mut versions: Vec<&str> = facts
            .ci
            .configs
            .iter()
            .flat_map(|c| c.python_versions.iter().map(String::as_str))
            .collect();
        versions.sort();
        versions.dedup();
        let mut line = format!("ci: {}", count_label(facts.ci.configs.len(), "config"));
        if !kinds.is_empty() {
            line.push_str(&format!(" running {}", kinds.join(", ")));
        }
        if !versions.is_empty() {
            line.push_str(&format!("; Python {}", versions.join(", ")));
        }
        out.push(line);
    }
    let t = &facts.python.tests;
    if facts.python.source_files + facts.python.test_files.len() > 0 {
        out.push(format!(
            "code: {} in {}; {} with {}",
            count_label(facts.python.source_lines, "source line"),
            count_label(facts.python.source_files, "file"),
            count_label(t.functions, "test"),
            count_label(t.assertions, "assertion")
        ));
    }
    out
}

fn count_label(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn repo(out: &mut String, r: &RepoReport, style: Style, full: bool) {
    let mut header = format!(
        "{}  {}",
        style.bold(&clean(&r.name)),
        style.grade(r.overall(), &score_text(r))
    );
    if let Some(git) = &r.git {
        if let Some(head) = &git.head_commit {
            let _ = write!(
                header,
                "  {}",
                style.dim(&format!("HEAD {}", &head[..head.len().min(10)]))
            );
        }
    } else if let Some(kind) = r.source {
        let _ = write!(
            header,
            "  {}",
            style.dim(match kind {
                crate::source::SourceKind::Worktree => "working tree",
                crate::source::SourceKind::Folder => "folder",
                crate::source::SourceKind::GitHead => "HEAD",
            })
        );
    }
    let _ = writeln!(out, "{header}");
    if let Some(note) = r.score.as_ref().and_then(|s| s.cap_note()) {
        let _ = writeln!(out, "  {}", style.red(&clean(&note)));
    }
    if let Some(p) = &r.profile {
        let _ = writeln!(
            out,
            "  {}",
            style.dim(&clean(&format!("profile: {} ({})", p.name, p.reason)))
        );
    }
    if let Some(facts) = &r.facts {
        for line in summary_lines(facts) {
            let _ = writeln!(out, "  {}", style.dim(&clean(&line)));
        }
    }
    let strong: Vec<String> = r
        .score
        .iter()
        .flat_map(|s| &s.families)
        .filter(|f| f.score.is_some_and(|v| v >= 90.0))
        .map(|f| f.family.clone())
        .collect();
    if !strong.is_empty() {
        let _ = writeln!(out, "  {} {}", style.green("strengths:"), strong.join(", "));
    }

    let families = r
        .score
        .as_ref()
        .map(|s| s.families.clone())
        .unwrap_or_default();
    for fam in &families {
        let outcomes: Vec<&Outcome> = r
            .outcomes
            .iter()
            .filter(|o| o.family == fam.family)
            .collect();
        let shown: Vec<&&Outcome> = outcomes
            .iter()
            .filter(|o| full || matches!(o.status, Status::Fail | Status::Partial | Status::Error))
            .collect();
        if !full && shown.is_empty() {
            continue;
        }
        let fscore = fam
            .score
            .map_or("n/a".to_owned(), |s| format!("{:.0}", s.floor()));
        let _ = writeln!(
            out,
            "\n  {} {}",
            style.bold(&fam.family),
            style.grade(fam.score, &fscore)
        );
        for o in shown {
            let _ = writeln!(
                out,
                "    {} {:<22} {}",
                status_mark(&style, o),
                o.id,
                clean(&o.title)
            );
            let detail = matches!(o.status, Status::Fail | Status::Partial | Status::Error);
            if detail || full {
                let _ = writeln!(out, "      {}", style.dim(&clean(&o.message)));
            }
            if detail {
                for e in &o.evidence {
                    let _ = writeln!(out, "      at {}", evidence_line(e));
                }
                let _ = writeln!(out, "      fix: {}", o.fix);
            }
        }
    }
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
    for w in &r.warnings {
        let _ = writeln!(out, "  {} {}", style.yellow("warning:"), clean(w));
    }
    for e in &r.errors {
        let _ = writeln!(out, "  {} {}", style.red("error:"), clean(&e.to_string()));
    }
    let fixes = top_fixes(r, 3);
    if !fixes.is_empty() {
        let _ = writeln!(out, "\n  {}", style.bold("top fixes:"));
        for (i, (o, gain)) in fixes.iter().enumerate() {
            let _ = writeln!(out, "    {}. {} (+{gain:.0} points) {}", i + 1, o.id, o.fix);
        }
    }
    if let Some(s) = &r.score {
        let n = |st: Status| r.outcomes.iter().filter(|o| o.status == st).count();
        let _ = writeln!(
            out,
            "\n  {} scored {} of {} rules: {} pass, {} partial, {} fail, {} n/a",
            style.grade(s.score, &score_text(r)),
            s.scored_rules,
            s.total_rules,
            n(Status::Pass),
            n(Status::Partial),
            n(Status::Fail),
            n(Status::NotApplicable),
        );
    }
}
