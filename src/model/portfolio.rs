//! The portfolio verdict: a candidate is judged by their strongest two or
//! three projects, not by the average of everything they ever pushed.

use super::outcome::Status;
use super::report::RepoReport;
use std::collections::BTreeMap;

/// How many projects the portfolio score is built on.
pub const TOP: usize = 3;

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct WeakFlag {
    pub kind: String,
    pub evidence: String,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
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

/// A finding that puts the candidate at risk whatever the scores say: a
/// committed credential, private key or virtualenv. The verdict names these
/// first, with the project and the fix.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Risk {
    pub project: String,
    pub rule: String,
    /// The rule's title: what is wrong, in a line.
    pub finding: String,
    /// Where, e.g. `deploy/id_rsa`.
    pub evidence: Vec<String>,
    pub fix: String,
    /// The ceiling the finding puts on the project, and so on the portfolio.
    pub cap: f64,
}

impl Risk {
    /// "RULE fails in PROJECT (EVIDENCE). Fix: FIX". Raw repository
    /// text: each renderer escapes it.
    pub fn line(&self) -> String {
        let at = if self.evidence.is_empty() {
            String::new()
        } else {
            format!(" ({})", self.evidence.join(", "))
        };
        format!(
            "{} fails in {}{at}. Fix: {}",
            self.rule, self.project, self.fix
        )
    }
}

#[derive(Debug, Clone)]
pub struct Portfolio {
    /// Mean score of the strongest projects, held down by the worst risk.
    pub score: Option<f64>,
    /// The mean before a risk capped it, when one did.
    pub uncapped: Option<f64>,
    /// Risks in any project, gravest (lowest cap) first.
    pub risks: Vec<Risk>,
    pub grade: Option<char>,
    pub strongest: Vec<String>,
    /// Track -> evidence (project: signals).
    pub tracks: BTreeMap<String, Vec<String>>,
    pub projects: Vec<ProjectSummary>,
    pub fixes: Vec<PortfolioFix>,
}

impl Portfolio {
    /// The projects best score first (unscored last, ties by name): the
    /// order every renderer lists "what each project proves" in.
    pub fn projects_best_first(&self) -> Vec<&ProjectSummary> {
        let mut projects: Vec<&ProjectSummary> = self.projects.iter().collect();
        projects.sort_by(|a, b| {
            b.score
                .unwrap_or(-1.0)
                .total_cmp(&a.score.unwrap_or(-1.0))
                .then(a.name.cmp(&b.name))
        });
        projects
    }
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
    "following the tutorial",
    "followed the tutorial",
    "this tutorial",
    "starter code",
    "udacity",
    "in this project, you will",
    "your task is to",
];

/// The family whose capping failures are risks to the candidate rather than
/// gaps in a project: committed credentials, keys and virtualenvs. (A
/// missing test suite caps a score too, but it is a gap, not a risk.)
const RISK_FAMILY: &str = "hygiene";

/// Risks in one project: hygiene rules that failed at error severity and
/// declare a cap.
pub fn risks(r: &RepoReport) -> Vec<Risk> {
    let mut outcomes: Vec<&super::outcome::Outcome> = r.outcomes.iter().collect();
    // The weightier rule first: a leaked key before a committed venv.
    outcomes.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    outcomes
        .into_iter()
        .filter(|o| o.family == RISK_FAMILY)
        .filter_map(|o| {
            o.active_cap().map(|cap| Risk {
                project: r.name.clone(),
                rule: o.id.clone(),
                finding: o.title.clone(),
                evidence: o
                    .evidence
                    .iter()
                    .take(3)
                    .map(|e| match &e.note {
                        Some(n) => format!("{} ({n})", e.location()),
                        None => e.location(),
                    })
                    .collect(),
                fix: o.fix.clone(),
                cap,
            })
        })
        .collect()
}

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
                kind: "single-commit dump".to_owned(),
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
                    kind: "little of it is the candidate's".to_owned(),
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
    // Recognised by content: the README says so, or copies a course's
    // boilerplate. A starter-exercise name only counts beside a dump of
    // commits, since plenty of good projects are called "todo".
    let dumped = flags.iter().any(|f| f.kind == "single-commit dump");
    if let Some(p) = COURSE_PHRASES.iter().find(|p| readme_text.contains(*p)) {
        flags.push(WeakFlag {
            kind: "tutorial clone".to_owned(),
            evidence: format!("the README says \"{p}\""),
        });
    } else if let Some(t) = TUTORIAL_NAMES
        .iter()
        .find(|t| base.contains(*t))
        .filter(|_| dumped)
    {
        flags.push(WeakFlag {
            kind: "tutorial clone".to_owned(),
            evidence: format!("a {t} project, a classic starter exercise, committed in one dump"),
        });
    }
    let lines = facts.python.source_lines + facts.python.test_lines;
    if lines < 60 && facts.file_count < 8 {
        // Counted as the terminal's `code:` line counts, so the two agree.
        let py_files = facts.python.source_files + facts.python.test_files.len();
        flags.push(WeakFlag {
            kind: "empty or stub project".to_owned(),
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
    if facts.package.is_library {
        parts.push("a published library");
    }
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

/// What the portfolio verdict needs from one scored repository, and
/// nothing more: a run over thousands of repositories keeps this instead of
/// the report, and a shard's JSON Lines carries it to `merge`.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Entry {
    pub project: ProjectSummary,
    /// Per track the repository showed, its evidence joined in one line.
    pub tracks: Vec<(String, String)>,
    pub risks: Vec<Risk>,
    /// Every fix with the points it would gain this repository. Only the
    /// strongest projects' fixes count, so [`Verdict`] drops the others.
    pub fixes: Vec<EntryFix>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct EntryFix {
    pub rule: String,
    pub fix: String,
    pub gain: f64,
}

impl Entry {
    /// The summary of a scored repository; `None` for one with no score
    /// (not Python, unreadable), which is not a project to judge by.
    pub fn of(r: &RepoReport, candidate_given: bool) -> Option<Entry> {
        let score = r.overall()?;
        let facts_tracks = r.facts.as_ref().map(|f| f.tracks.as_slice()).unwrap_or(&[]);
        Some(Entry {
            project: ProjectSummary {
                name: r.name.clone(),
                score: Some(score),
                tracks: facts_tracks.iter().map(|t| t.track.clone()).collect(),
                proves: proves(r),
                weak: weak_flags(r, candidate_given),
            },
            tracks: facts_tracks
                .iter()
                .map(|t| (t.track.clone(), t.evidence.join(", ")))
                .collect(),
            risks: risks(r),
            fixes: super::fixes::top_fixes(r, usize::MAX)
                .into_iter()
                .map(|(o, gain)| EntryFix {
                    rule: o.id.clone(),
                    fix: o.fix.clone(),
                    gain,
                })
                .collect(),
        })
    }

    /// How the verdict ranks projects: a weak project below any sound one
    /// whatever its score, then best score first, then by name.
    fn rank(a: &Entry, b: &Entry) -> std::cmp::Ordering {
        let (a, b) = (&a.project, &b.project);
        (a.weak.is_empty(), a.score.unwrap_or(-1.0))
            .partial_cmp(&(b.weak.is_empty(), b.score.unwrap_or(-1.0)))
            .unwrap_or(std::cmp::Ordering::Equal)
            .reverse()
            .then(a.name.cmp(&b.name))
    }
}

/// The verdict built one repository at a time, so a run never holds its
/// reports: only each scored repository's [`Entry`], and the fixes of the
/// strongest few (a project pushed out of the top loses its fixes).
#[derive(Debug, Default)]
pub struct Verdict {
    entries: Vec<Entry>,
    /// Indexes into `entries` of the projects that still hold fixes.
    top: Vec<usize>,
}

impl Verdict {
    pub fn add(&mut self, entry: Entry) {
        self.entries.push(entry);
        self.top.push(self.entries.len() - 1);
        if self.top.len() > TOP {
            let entries = &self.entries;
            self.top
                .sort_by(|&a, &b| Entry::rank(&entries[a], &entries[b]));
            if let Some(out) = self.top.pop() {
                self.entries[out].fixes = Vec::new();
            }
        }
    }

    /// Adds an entry when there is one (a scored repository).
    pub fn extend(&mut self, entry: Option<Entry>) {
        if let Some(e) = entry {
            self.add(e);
        }
    }

    /// How many scored repositories were added.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Ranks projects (weak ones last), scores the strongest, and finds
    /// the fixes worth most to the portfolio.
    pub fn finish(self) -> Portfolio {
        let mut projects = self.entries;
        projects.sort_by(Entry::rank);
        let top: Vec<&Entry> = projects
            .iter()
            .filter(|e| e.project.score.is_some())
            .take(TOP)
            .collect();
        let mean = (!top.is_empty()).then(|| {
            let mean = top.iter().filter_map(|e| e.project.score).sum::<f64>() / top.len() as f64;
            (mean * 10.0).round() / 10.0
        });
        let mut all_risks: Vec<Risk> = projects.iter().flat_map(|e| e.risks.clone()).collect();
        // Stable: within a project, the weightier rule stays first.
        all_risks.sort_by(|a, b| a.cap.total_cmp(&b.cap));
        // A risk in any project weighs on the whole portfolio, strongest three
        // or not: a reviewer who finds a leaked key stops there.
        let ceiling = all_risks.first().map(|r| r.cap);
        let (score, uncapped) = match (mean, ceiling) {
            (Some(m), Some(c)) if m > c => (Some(c), Some(m)),
            _ => (mean, None),
        };

        let mut tracks: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for e in &projects {
            for (track, evidence) in &e.tracks {
                tracks
                    .entry(track.clone())
                    .or_default()
                    .push(format!("{}: {evidence}", e.project.name));
            }
        }

        // A fix raises the portfolio score by its gain in each strongest
        // project, divided by how many projects the score averages.
        let mut by_rule: BTreeMap<String, PortfolioFix> = BTreeMap::new();
        for e in &top {
            for f in &e.fixes {
                let entry = by_rule
                    .entry(f.rule.clone())
                    .or_insert_with(|| PortfolioFix {
                        rule: f.rule.clone(),
                        fix: f.fix.clone(),
                        gain: 0.0,
                        projects: Vec::new(),
                    });
                entry.gain += f.gain / top.len() as f64;
                entry.projects.push(e.project.name.clone());
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
            uncapped,
            risks: all_risks,
            strongest: top.iter().map(|e| e.project.name.clone()).collect(),
            tracks,
            projects: projects.into_iter().map(|e| e.project).collect(),
            fixes,
        }
    }
}

/// The verdict over whole reports: [`Verdict`] fed every scored one.
pub fn verdict(reports: &[RepoReport], candidate_given: bool) -> Portfolio {
    let mut v = Verdict::default();
    for entry in reports.iter().filter_map(|r| Entry::of(r, candidate_given)) {
        v.add(entry);
    }
    v.finish()
}
