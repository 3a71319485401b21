//! The JSON report's wire types, kept apart from the result model
//! (ripgrep's pattern): renaming a field of the model cannot change the
//! public format, and every field here is a decision documented in
//! docs/json-format.md. Change a name or meaning here only with a
//! `SCHEMA_VERSION` bump.
//!
//! The `facts` object is the one exception: it serializes the gathered
//! facts as they are, and tests/json_schema.rs pins its key paths so a
//! renamed fact field fails a test instead of slipping out.

use crate::baseline::RepoChange;
use crate::error::AuditError;
use crate::facts::Facts;
use crate::model::portfolio::{Portfolio, PortfolioFix, ProjectSummary, WeakFlag};
use crate::model::recorded::Json;
use crate::model::{Evidence, FamilyScore, Location, Outcome, RepoReport, Severity};
use crate::source::SourceKind;
use serde::Serialize;
use std::collections::BTreeMap;

fn source_name(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::GitHead => "git-head",
        SourceKind::Worktree => "worktree",
        SourceKind::Folder => "folder",
    }
}

#[derive(Serialize)]
pub struct Repo<'a> {
    name: &'a str,
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    git: Option<Git<'a>>,
    /// What a later `--baseline` run matches this repository by, besides
    /// its path: the root commit and the `origin` remote.
    #[serde(skip_serializing_if = "Option::is_none")]
    identity: Option<WireIdentity<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<Option<f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    grade: Option<Option<char>>,
    /// The finding that capped the score, and the score without the cap.
    #[serde(skip_serializing_if = "Option::is_none")]
    capped_by: Option<CappedBy<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    uncapped_score: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scored_rules: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    total_rules: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    families: Option<Vec<Family<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    profile: Option<Profile<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    config: Option<&'a str>,
    outcomes: Vec<WireOutcome<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    ignored: Vec<Ignored<'a>>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    warnings: &'a [String],
    errors: Vec<Error<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    facts: Option<WireFacts<'a>>,
}

/// The facts as gathered, or as a shard's JSON Lines recorded them.
#[derive(Serialize)]
#[serde(untagged)]
enum WireFacts<'a> {
    Gathered(&'a Facts),
    Recorded(&'a Json),
}

#[derive(Serialize)]
struct CappedBy<'a> {
    rule: &'a str,
    cap: f64,
}

#[derive(Serialize)]
struct Git<'a> {
    head_commit: Option<&'a str>,
    branch: Option<&'a str>,
    bare: bool,
    empty: bool,
}

#[derive(Serialize)]
struct WireIdentity<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    root_commit: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remote: Option<&'a str>,
}

#[derive(Serialize)]
struct Family<'a> {
    family: &'a str,
    score: Option<f64>,
    pass: usize,
    partial: usize,
    fail: usize,
    not_applicable: usize,
    error: usize,
}

#[derive(Serialize)]
struct Profile<'a> {
    name: &'a str,
    reason: &'a str,
}

#[derive(Serialize)]
struct Ignored<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
}

#[derive(Serialize)]
struct Error<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    message: &'a str,
}

#[derive(Serialize)]
struct WireOutcome<'a> {
    id: &'a str,
    family: &'a str,
    title: &'a str,
    severity: &'static str,
    weight: f64,
    status: &'static str,
    credit: f64,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    guardrail: bool,
    message: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    evidence: Vec<WireEvidence<'a>>,
    fix: &'a str,
}

/// Schema 1 has one `path` string per evidence: a file path (with `line`
/// and, when known, `column`), or `commit ID`, `author NAME`, `(repository)`.
#[derive(Serialize)]
struct WireEvidence<'a> {
    path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Info => "info",
        Severity::Warn => "warn",
        Severity::Error => "error",
    }
}

fn evidence(e: &Evidence) -> WireEvidence<'_> {
    let (path, line, column) = match &e.location {
        Location::File { path, line, column } => (path.clone(), *line, *column),
        _ => (e.location(), None, None),
    };
    WireEvidence {
        path,
        line,
        column,
        note: e.note.as_deref(),
    }
}

fn outcome(o: &Outcome) -> WireOutcome<'_> {
    WireOutcome {
        id: &o.id,
        family: &o.family,
        title: &o.title,
        severity: severity_name(o.severity),
        weight: o.weight,
        status: o.status.name(),
        credit: o.credit,
        guardrail: o.guardrail,
        message: &o.message,
        evidence: o.evidence.iter().map(evidence).collect(),
        fix: &o.fix,
    }
}

fn family(f: &FamilyScore) -> Family<'_> {
    Family {
        family: &f.family,
        score: f.score,
        pass: f.pass,
        partial: f.partial,
        fail: f.fail,
        not_applicable: f.not_applicable,
        error: f.error,
    }
}

fn error(e: &AuditError) -> Error<'_> {
    Error {
        path: e.path.as_deref(),
        message: &e.message,
    }
}

pub fn repo(r: &RepoReport) -> Repo<'_> {
    let score = r.score.as_ref();
    Repo {
        name: &r.name,
        path: &r.path,
        source: r.source.map(source_name),
        git: r.git.as_ref().map(|g| Git {
            head_commit: g.head_commit.as_deref(),
            branch: g.branch.as_deref(),
            bare: g.bare,
            empty: g.empty,
        }),
        identity: (r.identity.root_commit.is_some() || r.identity.remote.is_some()).then_some(
            WireIdentity {
                root_commit: r.identity.root_commit.as_deref(),
                remote: r.identity.remote.as_deref(),
            },
        ),
        score: score.map(|s| s.score),
        grade: score.map(|s| s.grade),
        capped_by: score.and_then(|s| s.capped_by.as_ref()).map(|c| CappedBy {
            rule: &c.rule,
            cap: c.cap,
        }),
        uncapped_score: score.and_then(|s| s.uncapped),
        scored_rules: score.map(|s| s.scored_rules),
        total_rules: score.map(|s| s.total_rules),
        families: score.map(|s| s.families.iter().map(family).collect()),
        profile: r.profile.as_ref().map(|p| Profile {
            name: &p.name,
            reason: &p.reason,
        }),
        config: r.config.as_deref(),
        outcomes: r.outcomes.iter().map(outcome).collect(),
        ignored: r
            .ignored
            .iter()
            .map(|i| Ignored {
                id: &i.id,
                reason: i.reason.as_deref(),
            })
            .collect(),
        warnings: &r.warnings,
        errors: r.errors.iter().map(error).collect(),
        facts: match (&r.facts, &r.recorded) {
            (Some(f), _) => Some(WireFacts::Gathered(f)),
            (None, Some(rec)) => rec.facts.as_ref().map(WireFacts::Recorded),
            (None, None) => None,
        },
    }
}

#[derive(Serialize)]
pub struct WirePortfolio<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    grade: Option<char>,
    #[serde(skip_serializing_if = "Option::is_none")]
    uncapped_score: Option<f64>,
    /// Committed credentials, keys and virtualenvs, gravest first.
    risks: Vec<WireRisk<'a>>,
    strongest: &'a [String],
    tracks: &'a BTreeMap<String, Vec<String>>,
    projects: Vec<Project<'a>>,
    fixes: Vec<Fix<'a>>,
}

#[derive(Serialize)]
struct WireRisk<'a> {
    project: &'a str,
    rule: &'a str,
    finding: &'a str,
    evidence: &'a [String],
    fix: &'a str,
    cap: f64,
}

#[derive(Serialize)]
struct Project<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<f64>,
    tracks: &'a [String],
    proves: &'a str,
    weak: Vec<Weak<'a>>,
}

#[derive(Serialize)]
struct Weak<'a> {
    kind: &'a str,
    evidence: &'a str,
}

#[derive(Serialize)]
struct Fix<'a> {
    rule: &'a str,
    fix: &'a str,
    gain: f64,
    projects: &'a [String],
}

fn project(p: &ProjectSummary) -> Project<'_> {
    Project {
        name: &p.name,
        score: p.score,
        tracks: &p.tracks,
        proves: &p.proves,
        weak: p.weak.iter().map(weak).collect(),
    }
}

fn weak(w: &WeakFlag) -> Weak<'_> {
    Weak {
        kind: &w.kind,
        evidence: &w.evidence,
    }
}

fn fix(f: &PortfolioFix) -> Fix<'_> {
    Fix {
        rule: &f.rule,
        fix: &f.fix,
        gain: f.gain,
        projects: &f.projects,
    }
}

pub fn portfolio(p: &Portfolio) -> WirePortfolio<'_> {
    WirePortfolio {
        score: p.score,
        grade: p.grade,
        uncapped_score: p.uncapped,
        risks: p
            .risks
            .iter()
            .map(|r| WireRisk {
                project: &r.project,
                rule: &r.rule,
                finding: &r.finding,
                evidence: &r.evidence,
                fix: &r.fix,
                cap: r.cap,
            })
            .collect(),
        strongest: &p.strongest,
        tracks: &p.tracks,
        projects: p.projects.iter().map(project).collect(),
        fixes: p.fixes.iter().map(fix).collect(),
    }
}

#[derive(Serialize)]
pub struct Change<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    before: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    after: Option<f64>,
    regressions: &'a [String],
    improvements: &'a [String],
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    new: bool,
}

pub fn change(c: &RepoChange) -> Change<'_> {
    Change {
        name: &c.name,
        before: c.before,
        after: c.after,
        regressions: &c.regressions,
        improvements: &c.improvements,
        new: c.new,
    }
}
