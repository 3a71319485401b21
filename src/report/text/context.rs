//! One line each on history, CI and code: the context a reviewer reads
//! before the verdicts.

use crate::facts::Facts;
use crate::model::portfolio::count_label;

pub fn summary_lines(facts: &Facts) -> Vec<String> {
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
                "; analysed {} of {}",
                h.analysed_commits,
                count_label(h.total_commits, "commit")
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
    if !facts.ci.configs.is_empty() {
        let mut kinds: Vec<&str> = facts
            .ci
            .configs
            .iter()
            .flat_map(|c| c.kinds.iter().copied())
            .collect();
        kinds.sort();
        kinds.dedup();
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
    let py = &facts.python;
    let t = &py.tests;
    let files = py.source_files + py.test_files.len();
    if files > 0 {
        // Code and tests together, counted as the portfolio's weak-project
        // flag counts them, so the two never disagree.
        out.push(format!(
            "code: {} of Python in {}; {} with {}",
            count_label(py.source_lines + py.test_lines, "line"),
            count_label(files, "Python file"),
            count_label(t.functions, "test"),
            count_label(t.assertions, "assertion")
        ));
    }
    out
}
