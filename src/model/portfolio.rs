//! The portfolio verdict: a candidate is judged by their strongest two or
//! three projects, not by the average of everything they ever pushed.

use super::outcome::Status;
use super::report::RepoReport;
use std::collections::BTreeMap;

/// How many projects the portfolio score is built on.
pub const TOP: usize = 3;

#[derive(Debug, Clone)]
pub struct WeakFlag {
    pub kind: &'static str,
    pub evidence: String,
}

#[derive(Debug, Clone)]
pub struct ProjectSummary {
    pub name: String,
    pub score: Option<f64>,
    pub tracks: Vec<String>,
    /// What the project proves, in a line.
    pub proves: String,
    pub weak: Vec<WeakFlag>,
}

#[derive(Debug, Clone)]
pub struct PortfolioFix {
    pub rule: String,
    pub fix: String,
    /// Points the portfolio score would gain.
    pub gain: f64,
    pub projects: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Portfolio {
    /// Mean score of the strongest projects.
    pub score: Option<f64>,
    pub grade: Option<char>,
    pub strongest: Vec<String>,
    /// Track -> evidence (project: signals).
    pub tracks: BTreeMap<String, Vec<String>>,
    pub projects: Vec<ProjectSummary>,
    pub fixes: Vec<PortfolioFix>,
}

fn passed(r: &RepoReport, id: &str) -> bool {
    r.outcomes
        .iter()
        .any(|o| o.id == id && o.status == Status::Pass)
}

fn failed(r: &RepoReport, id: &str) -> bool {
    r.outcomes
        .iter()
        .any(|o| o.id == id && o.status == Status::Fail)
}

const TUTORIAL_NAMES: &[&str] = &[
    "calculator",
    "todo",
    "to-do",
    "todo-app",
    "tic-tac-toe",
    "tictactoe",
    "hangman",
    "rock-paper-scissors",
    "guess-the-number",
    "guess_number",
    "number-guessing",
    "weather-app",
    "password-generator",
    "snake-game",
    "flask-blog",
    "django-blog",
    "quiz-app",
    "expense-tracker",
    "unit-converter",
];
const COURSE_PHRASES: &[&str] = &[
    "this project was created as part of",
    "as part of the course",
    "follow along",
    "this is my solution to",
    "assignment for",
    "homework",
    "bootcamp",
    "udemy",
    "coursera",
    "freecodecamp",
    "cs50",
    "100 days of code",
    "tutorial by",
    "course project",
];

/// "1 commit", "3 commits".
pub fn count_label(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Weak-project flags, each with its evidence.
pub fn weak_flags(r: &RepoReport, candidate_given: bool) -> Vec<WeakFlag> {
    let mut flags = Vec::new();
    let Some(facts) = &r.facts else { return flags };
    if let Some(h) = &facts.history {
        if failed(r, "COMMITS-NO-DUMP") || h.non_merge_commits <= 1 {
            let share = h.largest_creator.as_ref().map_or(1.0, |c| c.share);
            flags.push(WeakFlag {
                kind: "single-commit dump",
                evidence: format!(
                    "{}; one created {:.0}% of the files",
                    count_label(h.non_merge_commits, "commit"),
                    100.0 * share
                ),
            });
        }
        if candidate_given {
            if let Some(share) = h.candidate_share().filter(|s| *s < 0.2) {
                flags.push(WeakFlag {
                    kind: "little of it is the candidate's",
                    evidence: format!(
                        "{} of {} commits by the candidate ({:.0}%)",
                        h.candidate_commits,
                        h.non_merge_commits,
                        100.0 * share
                    ),
                });
            }
        }
    }
    let lower_name = r.name.to_ascii_lowercase().replace(['_', ' '], "-");
    let base = lower_name
        .rsplit('/')
        .find(|p| !p.is_empty() && *p != "repo" && *p != ".git")
        .unwrap_or(&lower_name);
    let readme_text = facts
        .readme
        .as_ref()
        .map(|r| r.text.to_ascii_lowercase())
        .unwrap_or_default();
    if let Some(t) = TUTORIAL_NAMES.iter().find(|t| base.contains(*t)) {
        flags.push(WeakFlag {
            kind: "tutorial clone",
            evidence: format!("a {t} project: a classic starter exercise"),
        });
    } else if let Some(p) = COURSE_PHRASES.iter().find(|p| readme_text.contains(*p)) {
        flags.push(WeakFlag {
            kind: "tutorial clone",
            evidence: format!("the README says \"{p}\""),
        });
    }
    let lines = facts.python.source_lines + facts.python.test_lines;
    if lines < 60 && facts.file_count < 8 {
        // Counted as the terminal's `code:` line counts, so the two agree.
        let py_files = facts.python.source_files + facts.python.test_files.len();
        flags.push(WeakFlag {
            kind: "empty or stub project",
            evidence: format!(
                "{} of Python in {}",
                count_label(lines, "line"),
                count_label(py_files, "Python file")
            ),
        });
    }
    flags
}

/// "API design, database modelling, automated tests, CI"
pub fn proves(r: &RepoReport) -> String {
    let Some(facts) = &r.facts else {
        return "nothing could be read".to_owned();
    };
    let mut parts: Vec<&str> = Vec::new();
    let tracks: Vec<&str> = facts.tracks.iter().map(|t| t.track.as_str()).collect();
    if !facts.web_frameworks.is_empty() {
        parts.push("API design");
    }
    if passed(r, "BACKEND-DATABASE")
        || tracks.contains(&"backend")
            && facts.tracks.iter().any(|t| {
                t.evidence.iter().any(|e| {
                    e.contains("sqlalchemy") || e.contains("models") || e.contains("psycopg")
                })
            })
    {
        parts.push("database modelling");
    }
    if tracks.contains(&"full-stack") {
        parts.push("a user interface");
    }
    if tracks.contains(&"data-engineering") {
        parts.push("data pipelines");
    } else if tracks.contains(&"data") {
        parts.push("data analysis");
    }
    if tracks.contains(&"ml-ai") {
        parts.push("machine learning");
    }
    if tracks.contains(&"automation") {
        parts.push("automation");
    }
    if passed(r, "TESTS-EXIST") && passed(r, "TESTS-ASSERT") {
        parts.push("automated tests");
    }
    if passed(r, "CI-TESTS") {
        parts.push("CI");
    }
    if tracks.contains(&"devops") {
        parts.push("infrastructure as code and CI/CD");
    } else if !facts.dockerfiles.is_empty() {
        parts.push("containerised deployment");
    }
    if tracks.contains(&"qa") {
        parts.push("test automation");
    }
    if passed(r, "COMMITS-SUBJECTS") && passed(r, "COMMITS-COUNT") {
        parts.push("steady, well-described commits");
    }
    if parts.is_empty() {
        "little yet: no tests, CI or clear specialism".to_owned()
    } else {
        parts.join(", ")
    }
}

/// Ranks projects (weak ones last), scores the strongest, and finds the
/// fixes worth most to the portfolio.
pub fn verdict(reports: &[RepoReport], candidate_given: bool) -> Portfolio {
    let mut projects: Vec<(ProjectSummary, &RepoReport)> = reports
        .iter()
        .map(|r| {
            let tracks = r
                .facts
                .as_ref()
                .map(|f| f.tracks.iter().map(|t| t.track.clone()).collect())
                .unwrap_or_default();
            (
                ProjectSummary {
                    name: r.name.clone(),
                    score: r.overall(),
                    tracks,
                    proves: proves(r),
                    weak: weak_flags(r, candidate_given),
                },
                r,
            )
        })
        .collect();
    // A weak project ranks below any sound one, whatever its score.
    projects.sort_by(|(a, _), (b, _)| {
        (a.weak.is_empty(), a.score.unwrap_or(-1.0))
            .partial_cmp(&(b.weak.is_empty(), b.score.unwrap_or(-1.0)))
            .unwrap_or(std::cmp::Ordering::Equal)
            .reverse()
            .then(a.name.cmp(&b.name))
    });
    let top: Vec<&(ProjectSummary, &RepoReport)> = projects
        .iter()
        .filter(|(p, _)| p.score.is_some())
        .take(TOP)
        .collect();
    let score = (!top.is_empty()).then(|| {
        let mean = top.iter().filter_map(|(p, _)| p.score).sum::<f64>() / top.len() as f64;
        (mean * 10.0).round() / 10.0
    });

    let mut tracks: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (p, r) in &projects {
        if let Some(f) = &r.facts {
            for t in &f.tracks {
                tracks.entry(t.track.clone()).or_default().push(format!(
                    "{}: {}",
                    p.name,
                    t.evidence.join(", ")
                ));
            }
        }
    }

    // A fix raises the portfolio score by its gain in each strongest
    // project, divided by how many projects the score averages.
    let mut by_rule: BTreeMap<String, PortfolioFix> = BTreeMap::new();
    for (p, r) in &top {
        for (o, gain) in super::fixes::top_fixes(r, usize::MAX) {
            let entry = by_rule.entry(o.id.clone()).or_insert_with(|| PortfolioFix {
                rule: o.id.clone(),
                fix: o.fix.clone(),
                gain: 0.0,
                projects: Vec::new(),
            });
            entry.gain += gain / top.len() as f64;
            entry.projects.push(p.name.clone());
        }
    }
    let mut fixes: Vec<PortfolioFix> = by_rule.into_values().collect();
    fixes.sort_by(|a, b| b.gain.total_cmp(&a.gain).then(a.rule.cmp(&b.rule)));
    fixes.truncate(3);
    for f in &mut fixes {
        f.gain = (f.gain * 10.0).round() / 10.0;
    }

    Portfolio {
        grade: score.map(crate::score::grade),
        score,
        strongest: top.iter().map(|(p, _)| p.name.clone()).collect(),
        tracks,
        projects: projects.into_iter().map(|(p, _)| p).collect(),
        fixes,
    }
}
