//! Markdown for $GITHUB_STEP_SUMMARY and pull-request comments: a summary
//! table, failing rules with their fixes, details collapsed. Repository
//! text is escaped so a file name or commit message cannot add markup,
//! links, HTML or @-mentions.

use super::RepoReport;
use crate::portfolio::Portfolio;
use crate::rules::Status;
use std::fmt::Write;

/// Escapes Markdown and HTML, and defuses @-mentions and #-references.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '@' => out.push_str("&#64;"),
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '+' | '-' | '!'
            | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() || super::is_invisible_format(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Escapes rule prose (a fix, which a custom rule file may write) while
/// keeping its `code spans` as code: inside a code span Markdown renders
/// nothing, so only line breaks and control characters are dropped there.
/// An unbalanced backtick escapes the whole text.
pub fn escape_prose(s: &str) -> String {
    if s.matches('`').count() % 2 == 1 {
        return escape(s);
    }
    s.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 0 {
                escape(part)
            } else {
                let code: String = part
                    .chars()
                    .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
                    .filter(|c| !c.is_control() && !super::is_invisible_format(*c))
                    .collect();
                format!("`{code}`")
            }
        })
        .collect()
}

/// "- **no CI that runs anything**, so 3 rules fail: `CI-TESTS`, ...".
fn folded_line(out: &mut String, req: &str, ids: &[&str]) {
    let missing = crate::rules::missing_short(req).unwrap_or(req);
    let ids: Vec<String> = ids.iter().map(|id| format!("`{id}`")).collect();
    let _ = writeln!(
        out,
        "- **{}**, so {} {} fail: {}",
        escape(missing),
        ids.len(),
        if ids.len() == 1 { "rule" } else { "rules" },
        ids.join(", ")
    );
}

fn score(r: &RepoReport) -> String {
    match r.score.as_ref().and_then(|s| s.score.map(|v| (v, s.grade))) {
        Some((v, Some(g))) => format!("{:.0}/100 ({g})", v.floor()),
        _ => "no score".to_owned(),
    }
}

pub fn render(reports: &[RepoReport], portfolio: Option<&Portfolio>) -> String {
    let mut out = String::from(
        "## portfolio-audit\n\n| repository | score | fail | partial | errors |\n|---|---|---|---|---|\n",
    );
    for r in reports {
        let n = |s: Status| r.outcomes.iter().filter(|o| o.status == s).count();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            escape(&r.name),
            score(r),
            n(Status::Fail),
            n(Status::Partial),
            r.errors.len()
        );
    }
    if let Some(p) = portfolio {
        let ps = match (p.score, p.grade) {
            (Some(s), Some(g)) => format!("{:.0}/100 ({g})", s.floor()),
            _ => "no score".to_owned(),
        };
        let _ = writeln!(
            out,
            "\n**Portfolio: {ps}**, built on {}.",
            p.strongest
                .iter()
                .map(|s| escape(s))
                .collect::<Vec<_>>()
                .join(", ")
        );
        for risk in &p.risks {
            let _ = writeln!(out, "- **Risk:** {}", escape(&risk.line()));
        }
        for (i, f) in p.fixes.iter().enumerate() {
            let _ = writeln!(
                out,
                "{}. `{}` ({}): {}",
                i + 1,
                f.rule,
                crate::model::points(f.gain),
                escape_prose(&f.fix)
            );
        }
    }
    for r in reports {
        let _ = writeln!(out, "\n### {} — {}\n", escape(&r.name), score(r));
        if let Some(note) = r.score.as_ref().and_then(|s| s.cap_note()) {
            let _ = writeln!(out, "**{}**\n", escape(&note));
        }
        let failing: Vec<_> = r
            .outcomes
            .iter()
            .filter(|o| matches!(o.status, Status::Fail | Status::Partial))
            .collect();
        if let Some(reason) = r.no_score_reason() {
            let _ = writeln!(out, "No score: {}\n", escape(&reason));
        } else if failing.is_empty() {
            out.push_str("Every applicable rule passes.\n");
        }
        for o in &failing {
            // Rules failed only by a missing prerequisite share one line,
            // where the first of them would be, as in the terminal; the
            // evidence below still lists each.
            if let Some(req) = o.unmet_requirement() {
                let ids: Vec<&str> = failing
                    .iter()
                    .filter(|f| f.unmet_requirement() == Some(req))
                    .map(|f| f.id.as_str())
                    .collect();
                if ids.first() == Some(&o.id.as_str()) {
                    folded_line(&mut out, req, &ids);
                }
                continue;
            }
            let _ = writeln!(
                out,
                "- **`{}`** {}: {}",
                o.id,
                escape(&o.title),
                escape_prose(&o.fix)
            );
            if !o.rationale.is_empty() {
                // Rule text is ours, not the repository's, but a custom
                // rule file is still escaped.
                let _ = writeln!(out, "  *Why it matters:* {}", escape(&o.why_cited()));
            }
        }
        // Warnings say what the repository's own configuration changed:
        // shown outside the fold, where a reader cannot miss them.
        for w in r.shown_warnings() {
            let _ = writeln!(out, "\n> **Note:** {}", escape(w));
        }
        let _ = writeln!(out, "\n<details><summary>Evidence and errors</summary>\n");
        for o in &failing {
            let _ = writeln!(
                out,
                "- `{}` ({}): {}",
                o.id,
                o.status.label(),
                escape(&o.message)
            );
            for e in &o.evidence {
                let line = match (&e.location, e.note.as_deref()) {
                    // Repository-level evidence names no place: its note only.
                    (crate::model::Location::Repository, None) => continue,
                    (crate::model::Location::Repository, Some(n)) => escape(n),
                    (_, None) => escape(&e.location()),
                    (_, Some(n)) => format!("{} ({})", escape(&e.location()), escape(n)),
                };
                let _ = writeln!(out, "  - {line}");
            }
        }
        for e in &r.errors {
            let _ = writeln!(out, "- error: {}", escape(&e.to_string()));
        }
        out.push_str("\n</details>\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn plain_text_passes_through_unchanged() {
        let s = "caf\u{e9} 100% done. \"quoted\" 'single' a=b, c;d: e/f?";
        assert_eq!(escape(s), s);
        assert_eq!(escape(""), "");
    }

    #[test]
    fn html_and_mentions_become_entities() {
        assert_eq!(escape("<script>"), "&lt;script&gt;");
        assert_eq!(escape("a & b"), "a &amp; b");
        assert_eq!(escape("&lt;"), "&amp;lt;");
        assert_eq!(escape("@octocat"), "&#64;octocat");
    }

    #[test]
    fn every_markdown_character_is_backslash_escaped() {
        for c in "\\`*_{}[]()#+-!|~".chars() {
            assert_eq!(escape(&format!("a{c}b")), format!("a\\{c}b"), "{c:?}");
        }
        // A link cannot be formed, nor a heading, list item or table cell.
        assert_eq!(
            escape("[x](javascript:alert(1))"),
            "\\[x\\]\\(javascript:alert\\(1\\)\\)"
        );
        assert_eq!(escape("# h | c"), "\\# h \\| c");
    }

    #[test]
    fn newlines_become_spaces() {
        assert_eq!(escape("a\nb"), "a b");
        assert_eq!(escape("a\r\nb"), "a  b");
        assert_eq!(escape("line\n## Heading"), "line \\#\\# Heading");
    }

    #[test]
    fn other_controls_and_invisible_characters_are_dropped() {
        assert_eq!(escape("a\u{1b}[31mb"), "a\\[31mb");
        assert_eq!(escape("a\tb\0c\u{7f}d\u{9b}e"), "abcde");
        assert_eq!(escape("a\u{202e}b\u{200b}c\u{2066}d\u{feff}e"), "abcde");
        // Non-ASCII text that is neither stays.
        assert_eq!(escape("\u{e9}\u{a0}\u{2713}"), "\u{e9}\u{a0}\u{2713}");
    }
}
