//! The baseline comparison as text, for the terminal and Markdown reports.

use crate::baseline::RepoChange;

/// "changes since the baseline", for the text and Markdown reports;
/// `escape` makes a repository name safe for the one it ends.
pub fn render(changes: &[RepoChange], escape: fn(&str) -> String) -> String {
    let mut out = String::from("\nchanges since the baseline:\n");
    let fmt = |s: Option<f64>| s.map_or("-".to_owned(), |v| format!("{:.1}", v));
    for c in changes {
        let clean = escape(&c.name);
        if c.new {
            out.push_str(&format!("  {clean}: new, {}\n", fmt(c.after)));
            continue;
        }
        out.push_str(&format!("  {clean}: {} -> {}", fmt(c.before), fmt(c.after)));
        if !c.regressions.is_empty() {
            out.push_str(&format!("; regressed: {}", c.regressions.join(", ")));
        }
        if !c.improvements.is_empty() {
            out.push_str(&format!("; improved: {}", c.improvements.join(", ")));
        }
        out.push('\n');
    }
    out
}
