//! What one rule concluded about one repository: its status, the credit it
//! earned and the evidence behind it, with every location typed so renderers
//! never have to guess whether a string names a file.

use std::fmt;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Deserialize, serde::Serialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Info,
    Warn,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warn => "warn",
            Severity::Error => "error",
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Pass,
    Partial,
    Fail,
    NotApplicable,
    Error,
}

impl Status {
    /// The short word the terminal shows.
    pub fn label(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Partial => "partial",
            Status::Fail => "fail",
            Status::NotApplicable => "n/a",
            Status::Error => "error",
        }
    }

    /// The stable name the machine-readable formats use.
    pub fn name(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Partial => "partial",
            Status::Fail => "fail",
            Status::NotApplicable => "not-applicable",
            Status::Error => "error",
        }
    }

    /// Whether the rule counts toward the score: not-applicable and errored
    /// rules do not.
    pub fn is_scored(self) -> bool {
        matches!(self, Status::Pass | Status::Partial | Status::Fail)
    }
}

/// Where a piece of evidence points. Each renderer maps every kind
/// explicitly: only `File` is a place in the working tree.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Location {
    /// A file in the audited tree, optionally a line and column in it.
    File {
        path: String,
        line: Option<u32>,
        column: Option<u32>,
    },
    /// A commit (abbreviated id), optionally the file it touched.
    Commit { id: String, path: Option<String> },
    /// A commit author, by name.
    Author { name: String },
    /// The repository as a whole (e.g. its set of imports).
    Repository,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Evidence {
    pub location: Location,
    pub note: Option<String>,
}

impl Evidence {
    /// A file without a line.
    pub fn file(path: impl Into<String>) -> Self {
        Self::line(path, None)
    }

    /// A file, at a line when one is known.
    pub fn line(path: impl Into<String>, line: Option<u32>) -> Self {
        Evidence {
            location: Location::File {
                path: path.into(),
                line,
                column: None,
            },
            note: None,
        }
    }

    pub fn commit(id: impl Into<String>) -> Self {
        Evidence {
            location: Location::Commit {
                id: id.into(),
                path: None,
            },
            note: None,
        }
    }

    pub fn author(name: impl Into<String>) -> Self {
        Evidence {
            location: Location::Author { name: name.into() },
            note: None,
        }
    }

    pub fn repository() -> Self {
        Evidence {
            location: Location::Repository,
            note: None,
        }
    }

    /// The evidence of a rule failed only because a prerequisite it
    /// `requires` (a condition, by name) is missing. One constructor and one
    /// reader ([`Outcome::unmet_requirement`]) keep the shape in one place,
    /// so the terminal can fold such failures under the missing prerequisite
    /// while JSON and SARIF still list each one.
    pub fn unmet_requirement(condition: &str) -> Self {
        Self::repository().with_note(format!("requires `{condition}`"))
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    /// The file this evidence points into, if it points into one.
    pub fn file_path(&self) -> Option<&str> {
        match &self.location {
            Location::File { path, .. } => Some(path),
            _ => None,
        }
    }

    /// The line in that file, if known.
    pub fn file_line(&self) -> Option<u32> {
        match &self.location {
            Location::File { line, .. } => *line,
            _ => None,
        }
    }

    /// How a person reads the location: `path:line`, `path`, `commit ID`,
    /// `commit ID path`, `author NAME` or `(repository)`. Raw repository
    /// text: each renderer escapes it for its format.
    pub fn location(&self) -> String {
        match &self.location {
            Location::File { path, line, column } => match (line, column) {
                (Some(l), Some(c)) => format!("{path}:{l}:{c}"),
                (Some(l), None) => format!("{path}:{l}"),
                _ => path.clone(),
            },
            Location::Commit { id, path: None } => format!("commit {id}"),
            Location::Commit { id, path: Some(p) } => format!("commit {id} {p}"),
            Location::Author { name } => format!("author {name}"),
            Location::Repository => "(repository)".to_owned(),
        }
    }
}

/// The share of its weight a missed suggestion (an info-severity rule)
/// costs the overall score.
pub const SUGGESTION_MISS_COST: f64 = 0.5;

/// The result of one rule on one repository.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Outcome {
    pub id: String,
    pub family: String,
    pub title: String,
    pub severity: Severity,
    pub weight: f64,
    pub status: Status,
    /// 0.0 to 1.0; what the rule contributes to the score.
    pub credit: f64,
    /// What was found, in one sentence.
    pub message: String,
    pub evidence: Vec<Evidence>,
    pub fix: String,
    /// The score ceiling an error-severity failure of this rule imposes
    /// (declared by the rule's `cap`).
    pub cap: Option<f64>,
    /// The rule is a guardrail: the overall score counts it only by what
    /// is not met (see [`Outcome::contribution`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub guardrail: bool,
    /// Why a reviewer cares, from the rule (may span lines).
    pub rationale: String,
    /// The career guide the rule leans on, as the rule names it.
    pub guide: Option<String>,
    /// The prerequisite (`has-readme`, `has-ci`...) this rule's passing
    /// establishes, as the rule declares with `provides`.
    pub provides: Option<String>,
    /// The prerequisite whose absence alone failed this rule, if that is
    /// why it failed: fixing the providing rule unlocks it.
    pub blocked_by: Option<String>,
}

impl Outcome {
    /// The ceiling this outcome puts on the score, if it puts one: only a
    /// failure at error severity caps (a profile that lowers the severity
    /// lifts the cap).
    pub fn active_cap(&self) -> Option<f64> {
        (self.status == Status::Fail && self.severity == Severity::Error)
            .then_some(self.cap)
            .flatten()
    }

    /// What this outcome adds to the overall score's (weight, earned
    /// weight). The met share earns its weight, except for a guardrail:
    /// keeping secrets, junk and virtualenvs out is expected, not an
    /// achievement, so a clean repository earns nothing for it. The missed
    /// share costs its weight, or half of it for a suggestion (info
    /// severity): a reviewer notices a changelog or a badge when it is
    /// there more than when it is not. Unscored outcomes add nothing.
    pub fn contribution(&self) -> (f64, f64) {
        self.contribution_at(self.credit)
    }

    /// `contribution` as it would be with the rule fully met.
    pub fn contribution_when_met(&self) -> (f64, f64) {
        self.contribution_at(1.0)
    }

    fn contribution_at(&self, credit: f64) -> (f64, f64) {
        if !self.status.is_scored() {
            return (0.0, 0.0);
        }
        let earns = if self.guardrail { 0.0 } else { 1.0 };
        let miss_cost = if self.severity == Severity::Info {
            SUGGESTION_MISS_COST
        } else {
            1.0
        };
        let earned = self.weight * credit * earns;
        (earned + self.weight * (1.0 - credit) * miss_cost, earned)
    }

    /// The missing prerequisite (a condition name such as `has-tests`) that
    /// alone failed this rule, if that is why it failed.
    pub fn unmet_requirement(&self) -> Option<&str> {
        if self.status != Status::Fail {
            return None;
        }
        match self.evidence.as_slice() {
            [
                Evidence {
                    location: Location::Repository,
                    note: Some(note),
                },
            ] => note.strip_prefix("requires `")?.strip_suffix('`'),
            _ => None,
        }
    }

    /// The rationale's first sentence on one line: what a report shows
    /// under a finding (`explain` gives the whole of it).
    pub fn why(&self) -> String {
        let flat = self
            .rationale
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        match flat.find(". ") {
            Some(end) => flat[..=end].to_owned(),
            None => flat,
        }
    }

    /// The guide's title, for citing to a user.
    pub fn guide_title(&self) -> Option<&str> {
        self.guide.as_deref().map(super::guides::title)
    }

    /// `why` with the guide it comes from, as one line.
    pub fn why_cited(&self) -> String {
        match self.guide_title() {
            Some(g) => format!("{} ({g})", self.why()),
            None => self.why(),
        }
    }
}

#[cfg(test)]
impl Outcome {
    /// A bare outcome for unit tests: weight 1, full credit only on a pass,
    /// warn severity, no texts or evidence. Tests override what they test.
    pub(crate) fn example(id: &str, status: Status) -> Self {
        Outcome {
            id: id.into(),
            family: "f".into(),
            title: String::new(),
            severity: Severity::Warn,
            weight: 1.0,
            status,
            credit: if status == Status::Pass { 1.0 } else { 0.0 },
            message: String::new(),
            evidence: Vec::new(),
            fix: String::new(),
            cap: None,
            guardrail: false,
            rationale: String::new(),
            guide: None,
            provides: None,
            blocked_by: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_location_kind_reads_as_a_person_expects() {
        assert_eq!(Evidence::line("a b.py", Some(3)).location(), "a b.py:3");
        assert_eq!(Evidence::file("README.md").location(), "README.md");
        assert_eq!(Evidence::commit("abc1234").location(), "commit abc1234");
        assert_eq!(Evidence::author("Ann").location(), "author Ann");
        assert_eq!(Evidence::repository().location(), "(repository)");
    }

    #[test]
    fn an_unmet_requirement_is_read_back_only_from_a_failure() {
        let mut o = Outcome {
            evidence: vec![Evidence::unmet_requirement("has-tests")],
            ..Outcome::example("X", Status::Fail)
        };
        assert_eq!(o.unmet_requirement(), Some("has-tests"));
        o.evidence.push(Evidence::file("a.py"));
        assert_eq!(o.unmet_requirement(), None);
        o.evidence = vec![Evidence::repository().with_note("imports requests")];
        assert_eq!(o.unmet_requirement(), None);
        o.evidence = vec![Evidence::unmet_requirement("has-ci")];
        o.status = Status::Partial;
        assert_eq!(o.unmet_requirement(), None);
    }

    #[test]
    fn only_files_have_a_file_path() {
        assert_eq!(
            Evidence::line("a b.py", Some(3)).file_path(),
            Some("a b.py")
        );
        assert_eq!(Evidence::line("a.py", Some(3)).file_line(), Some(3));
        assert_eq!(Evidence::commit("abc").file_path(), None);
        assert_eq!(Evidence::author("x").file_path(), None);
        assert_eq!(Evidence::repository().file_path(), None);
    }

    #[test]
    fn why_is_the_first_sentence_on_one_line_citing_the_guide_title() {
        let mut o = Outcome {
            rationale: "Reviewers read\nthis first. Then more.".into(),
            guide: Some("001_9632d8495c49f249.txt".into()),
            ..Outcome::example("X", Status::Fail)
        };
        assert_eq!(
            o.why_cited(),
            "Reviewers read this first. (Python Developer Career Path Guide)"
        );
        o.guide = None;
        o.rationale = "No full stop".into();
        assert_eq!(o.why_cited(), "No full stop");
    }

    #[test]
    fn only_pass_partial_and_fail_are_scored() {
        assert!(
            Status::Pass.is_scored() && Status::Partial.is_scored() && Status::Fail.is_scored()
        );
        assert!(!Status::NotApplicable.is_scored() && !Status::Error.is_scored());
    }
}
