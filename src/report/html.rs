//! One self-contained HTML file for a reviewer to open or share: no
//! external assets and no scripts. Every repository string is escaped.

use super::{RepoReport, escape_markup as escape};
use crate::portfolio::Portfolio;
use crate::rules::Status;
use std::fmt::Write;

fn colour(score: Option<f64>) -> &'static str {
    match score {
        Some(s) if s >= 90.0 => "#2ea44f",
        Some(s) if s >= 80.0 => "#7cb342",
        Some(s) if s >= 70.0 => "#dfb317",
        Some(s) if s >= 60.0 => "#fe7d37",
        Some(_) => "#e05d44",
        None => "#9f9f9f",
    }
}

fn bar(label: &str, score: Option<f64>) -> String {
    let width = score.unwrap_or(0.0).clamp(0.0, 100.0);
    let text = score.map_or("n/a".to_owned(), |s| format!("{:.0}", s.floor()));
    // In the table the column header is the label: no empty label column
    // pushing the bar away from its header.
    let label = if label.is_empty() {
        String::new()
    } else {
        format!("<span class=\"label\">{}</span>", escape(label))
    };
    format!(
        "<div class=\"bar\">{label}<span class=\"track\"><span class=\"fill\" style=\"width:{width:.0}%;background:{}\"></span></span><span class=\"num\">{text}</span></div>",
        colour(score)
    )
}

fn grade_text(score: Option<f64>, grade: Option<char>) -> String {
    match (score, grade) {
        (Some(s), Some(g)) => format!("{:.0}/100 ({g})", s.floor()),
        _ => "no score".to_owned(),
    }
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222;line-height:1.4}\
h1{font-size:1.6em}h2{margin:2em 0 .4em;border-bottom:1px solid #ddd;display:flex;justify-content:space-between;align-items:baseline}\
h2 .score{font-size:.8em;font-weight:600}h3{font-size:1em;margin:1.2em 0 .3em}table{border-collapse:collapse;width:100%}\
td,th{border-bottom:1px solid #eee;padding:4px 8px;text-align:left}th.n,td.n{text-align:right;width:4em}td.s{width:40%}\
.bar{display:flex;align-items:center;gap:8px;margin:2px 0}.label{width:8em}\
.track{flex:1;background:#eee;height:12px;border-radius:6px;overflow:hidden}.fill{display:block;height:12px}\
.num{width:2.5em;text-align:right;font-variant-numeric:tabular-nums}.fail{color:#b31d28}.partial{color:#a36a00}.pass{color:#22863a}\
.muted{color:#666}.why{color:#555;font-size:.92em;margin:2px 0 0}code{background:#f6f8fa;padding:0 3px}\
details{margin:4px 0 10px}li{margin:4px 0}.bars{max-width:640px}";

pub fn render(reports: &[RepoReport], portfolio: Option<&Portfolio>) -> String {
    let mut out = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">\
<title>portfolio-audit report</title><style>{STYLE}</style></head><body>\n<h1>portfolio-audit report</h1>\n"
    );
    summary_table(&mut out, reports);
    if let Some(p) = portfolio {
        portfolio_section(&mut out, p);
    }
    for r in reports {
        repo_section(&mut out, r);
    }
    out.push_str("</body></html>\n");
    out
}

fn summary_table(out: &mut String, reports: &[RepoReport]) {
    out.push_str("<table><tr><th>repository</th><th>score</th><th>grade</th><th class=\"n\">fail</th><th class=\"n\">partial</th><th class=\"n\">errors</th></tr>\n");
    for r in reports {
        let n = |s: Status| r.outcomes.iter().filter(|o| o.status == s).count();
        let grade = r
            .score
            .as_ref()
            .and_then(|s| s.grade)
            .map_or("-".to_owned(), |g| g.to_string());
        let _ = writeln!(
            out,
            "<tr><td><a href=\"#repo-{}\">{}</a></td><td class=\"s\">{}</td><td>{grade}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            slug(&r.name),
            escape(&r.name),
            bar("", r.overall()),
            n(Status::Fail),
            n(Status::Partial),
            r.errors.len()
        );
    }
    out.push_str("</table>\n");
}

fn portfolio_section(out: &mut String, p: &Portfolio) {
    let _ = writeln!(
        out,
        "<h2 id=\"portfolio\">Portfolio <span class=\"score\" style=\"color:{}\">{}</span></h2>\n<div class=\"bars\">{}</div>",
        colour(p.score),
        grade_text(p.score, p.grade),
        bar("portfolio", p.score)
    );
    for risk in &p.risks {
        let _ = writeln!(out, "<p class=\"fail\">Risk: {}</p>", escape(&risk.line()));
    }
    let _ = writeln!(
        out,
        "<p class=\"muted\">Built on the strongest {}: {}.</p>",
        p.strongest.len(),
        escape(&p.strongest.join(", "))
    );
    if !p.tracks.is_empty() {
        out.push_str("<h3>Tracks covered</h3>\n<ul>\n");
        for (track, evidence) in &p.tracks {
            let _ = writeln!(
                out,
                "<li><b>{}</b>: {}</li>",
                escape(track),
                escape(&evidence.join("; "))
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("<h3>What each project proves</h3>\n<ul>\n");
    for proj in p.projects_best_first() {
        let weak: Vec<String> = proj
            .weak
            .iter()
            .map(|w| format!("{} ({})", w.kind, w.evidence))
            .collect();
        let weak = if weak.is_empty() {
            String::new()
        } else {
            format!(
                " <span class=\"fail\">weak: {}</span>",
                escape(&weak.join("; "))
            )
        };
        let score = proj
            .score
            .map_or("-".to_owned(), |s| format!("{:.0}", s.floor()));
        let _ = writeln!(
            out,
            "<li><b>{}</b> ({score}): {}{weak}</li>",
            escape(&proj.name),
            escape(&proj.proves)
        );
    }
    out.push_str("</ul>\n");
    if !p.fixes.is_empty() {
        out.push_str("<h3>Fixes that would raise the portfolio most</h3>\n<ol>\n");
        for f in &p.fixes {
            let _ = writeln!(
                out,
                "<li><code>{}</code> ({}): {}</li>",
                escape(&f.rule),
                crate::model::points(f.gain),
                escape(&f.fix)
            );
        }
        out.push_str("</ol>\n");
    }
}

fn repo_section(out: &mut String, r: &RepoReport) {
    let _ = writeln!(
        out,
        "<h2 id=\"repo-{}\">{} <span class=\"score\" style=\"color:{}\">{}</span></h2>",
        slug(&r.name),
        escape(&r.name),
        colour(r.overall()),
        grade_text(r.overall(), r.score.as_ref().and_then(|s| s.grade))
    );
    if let Some(reason) = r.no_score_reason() {
        let _ = writeln!(out, "<p class=\"fail\">No score: {}</p>", escape(&reason));
    }
    if let Some(note) = r.score.as_ref().and_then(|s| s.cap_note()) {
        let _ = writeln!(out, "<p class=\"fail\">{}</p>", escape(&note));
    }
    out.push_str("<div class=\"bars\">\n");
    for fam in r.score.iter().flat_map(|s| &s.families) {
        let _ = writeln!(out, "{}", bar(&fam.family, fam.score));
    }
    out.push_str("</div>\n<ul>\n");
    for o in r
        .outcomes
        .iter()
        .filter(|o| matches!(o.status, Status::Fail | Status::Partial))
    {
        let class = if o.status == Status::Fail {
            "fail"
        } else {
            "partial"
        };
        let why = if o.rationale.is_empty() {
            String::new()
        } else {
            format!(
                "<p class=\"why\">Why it matters: {}</p>",
                escape(&o.why_cited())
            )
        };
        let _ = writeln!(
            out,
            "<li><span class=\"{class}\">{}</span> <code>{}</code> <b>{}</b><br>Fix: {}{why}<details><summary>evidence</summary><p>{}</p><ul>",
            o.status.label(),
            escape(&o.id),
            escape(&o.title),
            escape(&o.fix),
            escape(&o.message)
        );
        for e in &o.evidence {
            let at = e.location();
            let note = e
                .note
                .as_deref()
                .map(|n| format!(" ({})", escape(n)))
                .unwrap_or_default();
            let _ = writeln!(out, "<li><code>{}</code>{note}</li>", escape(&at));
        }
        out.push_str("</ul></details></li>\n");
    }
    out.push_str("</ul>\n");
    for w in r.shown_warnings() {
        let _ = writeln!(out, "<p class=\"warn\">note: {}</p>", escape(w));
    }
    for e in &r.errors {
        let _ = writeln!(
            out,
            "<p class=\"fail\">error: {}</p>",
            escape(&e.to_string())
        );
    }
}

/// An id safe in a URL fragment.
fn slug(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}
