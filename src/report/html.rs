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
    format!(
        "<div class=\"bar\"><span class=\"label\">{}</span><span class=\"track\"><span class=\"fill\" style=\"width:{width:.0}%;background:{}\"></span></span><span class=\"num\">{text}</span></div>",
        escape(label),
        colour(score)
    )
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222}\
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ddd}table{border-collapse:collapse;width:100%}\
td,th{border-bottom:1px solid #eee;padding:4px 8px;text-align:left}.bar{display:flex;align-items:center;gap:8px;margin:2px 0}\
.label{width:11em}.track{flex:1;background:#eee;height:12px;border-radius:6px;overflow:hidden}.fill{display:block;height:12px}\
.num{width:3em;text-align:right}.fail{color:#b31d28}.partial{color:#a36a00}.pass{color:#22863a}code{background:#f6f8fa;padding:0 3px}\
details{margin:4px 0 12px 1.5em}li{margin:2px 0}";

pub fn render(reports: &[RepoReport], portfolio: Option<&Portfolio>) -> String {
    let mut out = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">\
<title>portfolio-audit report</title><style>{STYLE}</style></head><body>\n<h1>portfolio-audit report</h1>\n"
    );
    out.push_str("<table><tr><th>repository</th><th>score</th><th>grade</th><th>fail</th><th>partial</th></tr>\n");
    for r in reports {
        let n = |s: Status| r.outcomes.iter().filter(|o| o.status == s).count();
        let grade = r
            .score
            .as_ref()
            .and_then(|s| s.grade)
            .map_or("-".to_owned(), |g| g.to_string());
        let _ = writeln!(
            out,
            "<tr><td><a href=\"#repo-{}\">{}</a></td><td>{}</td><td>{grade}</td><td>{}</td><td>{}</td></tr>",
            slug(&r.name),
            escape(&r.name),
            bar("", r.overall()),
            n(Status::Fail),
            n(Status::Partial)
        );
    }
    out.push_str("</table>\n");
    if let Some(p) = portfolio {
        let _ = writeln!(
            out,
            "<h2 id=\"portfolio\">Portfolio</h2>\n{}",
            bar("portfolio", p.score)
        );
        for risk in &p.risks {
            let _ = writeln!(out, "<p class=\"fail\">Risk: {}</p>", escape(&risk.line()));
        }
        let _ = writeln!(
            out,
            "<p>Built on the strongest {}: {}.</p>",
            p.strongest.len(),
            escape(&p.strongest.join(", "))
        );
        out.push_str("<ul>\n");
        for proj in &p.projects {
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
            let _ = writeln!(
                out,
                "<li><b>{}</b>: {}{weak}</li>",
                escape(&proj.name),
                escape(&proj.proves)
            );
        }
        out.push_str("</ul>\n<ol>\n");
        for f in &p.fixes {
            let _ = writeln!(
                out,
                "<li><code>{}</code> (+{:.1} points): {}</li>",
                f.rule,
                f.gain,
                escape(&f.fix)
            );
        }
        out.push_str("</ol>\n");
    }
    for r in reports {
        let _ = writeln!(
            out,
            "<h2 id=\"repo-{}\">{}</h2>",
            slug(&r.name),
            escape(&r.name)
        );
        let _ = writeln!(out, "{}", bar("overall", r.overall()));
        if let Some(note) = r.score.as_ref().and_then(|s| s.cap_note()) {
            let _ = writeln!(out, "<p class=\"fail\">{}</p>", escape(&note));
        }
        for fam in r.score.iter().flat_map(|s| &s.families) {
            let _ = writeln!(out, "{}", bar(&fam.family, fam.score));
        }
        out.push_str("<ul>\n");
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
            let _ = writeln!(
                out,
                "<li><span class=\"{class}\">{}</span> <code>{}</code> {}: {}<details><summary>evidence</summary><p>{}</p><ul>",
                o.status.label(),
                o.id,
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
        for w in &r.warnings {
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
    out.push_str("</body></html>\n");
    out
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
