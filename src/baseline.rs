//! Comparing a run with an earlier JSON report: what regressed and what
//! improved, per repository and per rule.
//!
//! Repositories are matched by identity, not by how their path was typed:
//! the same canonical path (`./repo/` and `/abs/repo`), the same `origin`
//! remote, or the same root commit (a fresh clone), and only then by name.
//! A run where nothing matched says so, instead of calling every
//! repository new and letting a regression through unnoticed.

use crate::error::ConfigError;
use crate::model::{Identity, RepoReport};
use crate::rules::Status;
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct RepoChange {
    pub name: String,
    pub before: Option<f64>,
    pub after: Option<f64>,
    /// Rules that passed before and now fail or earn only partial credit.
    pub regressions: Vec<String>,
    /// Rules that failed or were partial before and now pass.
    pub improvements: Vec<String>,
    /// Not in the baseline.
    pub new: bool,
}

impl RepoChange {
    pub fn score_dropped(&self) -> bool {
        matches!((self.before, self.after), (Some(b), Some(a)) if a < b - 0.05)
            || (self.before.is_some() && self.after.is_none())
    }

    pub fn regressed(&self) -> bool {
        self.score_dropped() || !self.regressions.is_empty()
    }
}

/// One repository of an earlier report.
struct Entry {
    name: String,
    identity: Identity,
    score: Option<f64>,
    statuses: HashMap<String, String>,
}

/// Statuses per repository and rule from an earlier `--format json` report.
pub struct Baseline {
    repos: Vec<Entry>,
}

impl Baseline {
    pub fn len(&self) -> usize {
        self.repos.len()
    }

    pub fn is_empty(&self) -> bool {
        self.repos.is_empty()
    }

    /// The entry that is the same repository as `r`, by identity first.
    fn find(&self, r: &RepoReport) -> Option<&Entry> {
        let id = &r.identity;
        let same = |a: &Option<String>, b: &Option<String>| a.is_some() && a == b;
        let unique = |pred: &dyn Fn(&Entry) -> bool| {
            let mut hits = self.repos.iter().filter(|e| pred(e));
            match (hits.next(), hits.next()) {
                (Some(e), None) => Some(e),
                _ => None,
            }
        };
        unique(&|e| same(&e.identity.canonical_path, &id.canonical_path))
            .or_else(|| unique(&|e| same(&e.identity.remote, &id.remote)))
            .or_else(|| unique(&|e| same(&e.identity.root_commit, &id.root_commit)))
            .or_else(|| self.repos.iter().find(|e| e.name == r.name))
    }
}

/// The JSON report schema version a baseline must have. Kept here, not
/// read from `report::json` (which imports this module); tests/corners.rs
/// pins the two equal.
pub const READS_SCHEMA: u64 = 1;

pub fn load(path: &std::path::Path) -> Result<Baseline, ConfigError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| ConfigError::new(&shown, format!("cannot read baseline: {e}")))?;
    let doc: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        ConfigError::new(
            format!("{shown}:{}:{}", e.line(), e.column()),
            format!("baseline is not JSON: {e}"),
        )
    })?;
    // Another schema's fields may mean something else: refuse it rather
    // than compare scores that are not comparable. A report without the
    // field predates it and is read as version 1.
    let expected = READS_SCHEMA;
    if let Some(v) = doc
        .get("schema_version")
        .filter(|v| v.as_u64() != Some(expected))
    {
        return Err(ConfigError::new(
            &shown,
            format!("baseline has JSON schema version {v}; this build reads version {expected}"),
        ));
    }
    let repos = doc["repos"].as_array().ok_or_else(|| {
        ConfigError::new(
            &shown,
            "not a portfolio-audit JSON report (no `repos` list)",
        )
    })?;
    let mut out = Vec::new();
    for r in repos {
        let Some(name) = r["name"].as_str() else {
            continue;
        };
        let statuses = r["outcomes"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|o| {
                Some((
                    o["id"].as_str()?.to_owned(),
                    o["status"].as_str()?.to_owned(),
                ))
            })
            .collect();
        // The report's path as it was typed: resolved from here, which is
        // right for absolute paths and for runs from the same folder.
        let canonical_path = r["path"]
            .as_str()
            .and_then(|p| std::fs::canonicalize(p).ok())
            .map(|p| p.display().to_string());
        let text = |key: &str| r["identity"][key].as_str().map(str::to_owned);
        out.push(Entry {
            name: name.to_owned(),
            identity: Identity {
                canonical_path,
                remote: text("remote"),
                root_commit: text("root_commit"),
            },
            score: r["score"].as_f64(),
            statuses,
        });
    }
    Ok(Baseline { repos: out })
}

pub fn compare(baseline: &Baseline, reports: &[RepoReport]) -> Vec<RepoChange> {
    reports
        .iter()
        .map(|r| {
            let Some(entry) = baseline.find(r) else {
                return RepoChange {
                    name: r.name.clone(),
                    before: None,
                    after: r.overall(),
                    regressions: Vec::new(),
                    improvements: Vec::new(),
                    new: true,
                };
            };
            let mut regressions = Vec::new();
            let mut improvements = Vec::new();
            for o in &r.outcomes {
                let Some(was) = entry.statuses.get(&o.id) else {
                    continue;
                };
                let failing_now = matches!(o.status, Status::Fail | Status::Partial);
                if was == "pass" && failing_now {
                    regressions.push(o.id.clone());
                } else if (was == "fail" || was == "partial") && o.status == Status::Pass {
                    improvements.push(o.id.clone());
                }
            }
            RepoChange {
                name: r.name.clone(),
                before: entry.score,
                after: r.overall(),
                regressions,
                improvements,
                new: false,
            }
        })
        .collect()
}

/// When a baseline with repositories matched none of this run's: the
/// sentence the run prints, so a wrong baseline is not mistaken for "all
/// new, nothing regressed".
pub fn nothing_matched(baseline: &Baseline, changes: &[RepoChange]) -> Option<String> {
    (!baseline.is_empty() && !changes.is_empty() && changes.iter().all(|c| c.new)).then(|| {
        format!(
            "the baseline's {} matched none of the {} audited (by path, remote, root commit or name): every repository counts as new",
            repositories(baseline.len()),
            repositories(changes.len()),
        )
    })
}

fn repositories(n: usize) -> String {
    if n == 1 {
        "1 repository".to_owned()
    } else {
        format!("{n} repositories")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Outcome;

    fn entry(name: &str, identity: Identity, statuses: &[(&str, &str)]) -> Entry {
        Entry {
            name: name.to_owned(),
            identity,
            score: Some(80.0),
            statuses: statuses
                .iter()
                .map(|(id, s)| ((*id).to_owned(), (*s).to_owned()))
                .collect(),
        }
    }

    fn report(name: &str, identity: Identity, outcomes: &[(&str, Status)]) -> RepoReport {
        let mut r = RepoReport::new(name, std::path::Path::new(name));
        r.identity = identity;
        r.outcomes = outcomes
            .iter()
            .map(|(id, s)| Outcome::example(id, *s))
            .collect();
        r
    }

    fn path(p: &str) -> Identity {
        Identity {
            canonical_path: Some(p.to_owned()),
            ..Identity::default()
        }
    }

    #[test]
    fn rules_that_passed_and_now_fail_or_are_partial_regressed() {
        let baseline = Baseline {
            repos: vec![entry(
                "r",
                Identity::default(),
                &[
                    ("P-F", "pass"),
                    ("P-PART", "pass"),
                    ("F-P", "fail"),
                    ("PART-P", "partial"),
                    ("F-PART", "fail"),
                    ("NA-P", "not-applicable"),
                    ("P-P", "pass"),
                    ("ERR-P", "error"),
                ],
            )],
        };
        let now = report(
            "r",
            Identity::default(),
            &[
                ("P-F", Status::Fail),
                ("P-PART", Status::Partial),
                ("F-P", Status::Pass),
                ("PART-P", Status::Pass),
                ("F-PART", Status::Partial),
                ("NA-P", Status::Pass),
                ("P-P", Status::Pass),
                ("ERR-P", Status::Pass),
                ("NEW", Status::Fail),
            ],
        );
        let changes = compare(&baseline, &[now]);
        assert_eq!(changes.len(), 1);
        let c = &changes[0];
        assert!(!c.new);
        assert_eq!(c.before, Some(80.0));
        assert_eq!(c.regressions, ["P-F", "P-PART"]);
        assert_eq!(c.improvements, ["F-P", "PART-P"]);
        assert!(c.regressed());
    }

    #[test]
    fn an_unmatched_repository_is_new() {
        let baseline = Baseline {
            repos: vec![entry("other", path("/a"), &[("X", "pass")])],
        };
        let c = &compare(
            &baseline,
            &[report("r", path("/b"), &[("X", Status::Fail)])],
        )[0];
        assert!(c.new);
        assert_eq!(c.before, None);
        assert!(c.regressions.is_empty() && !c.regressed());
    }

    #[test]
    fn identity_wins_over_name_and_must_be_unique() {
        let baseline = Baseline {
            repos: vec![
                entry("r", path("/a"), &[("X", "pass")]),
                entry("s", path("/b"), &[("X", "fail")]),
            ],
        };
        // Same path as `s`, same name as `r`: the path decides.
        let r = report("r", path("/b"), &[("X", Status::Pass)]);
        assert_eq!(baseline.find(&r).map(|e| e.name.as_str()), Some("s"));
        // No identity known on either side: the name decides.
        let r = report("s", Identity::default(), &[]);
        assert_eq!(baseline.find(&r).map(|e| e.name.as_str()), Some("s"));
        // A path of neither, a name of neither: nothing.
        let r = report("t", path("/c"), &[]);
        assert!(baseline.find(&r).is_none());
        // A remote shared by two entries identifies neither; the name does.
        let remote = |name: &str| {
            entry(
                name,
                Identity {
                    remote: Some("https://h/x".into()),
                    ..Identity::default()
                },
                &[],
            )
        };
        let two = Baseline {
            repos: vec![remote("a"), remote("b")],
        };
        let r = report(
            "b",
            Identity {
                remote: Some("https://h/x".into()),
                ..Identity::default()
            },
            &[],
        );
        assert_eq!(two.find(&r).map(|e| e.name.as_str()), Some("b"));
        let one = Baseline {
            repos: vec![remote("a")],
        };
        assert_eq!(one.find(&r).map(|e| e.name.as_str()), Some("a"));
    }

    #[test]
    fn score_drops_count_beyond_rounding_and_when_the_score_is_lost() {
        let change = |before, after| RepoChange {
            name: "r".into(),
            before,
            after,
            regressions: Vec::new(),
            improvements: Vec::new(),
            new: false,
        };
        assert!(change(Some(80.0), Some(79.0)).score_dropped());
        assert!(!change(Some(80.0), Some(79.96)).score_dropped());
        assert!(!change(Some(80.0), Some(90.0)).score_dropped());
        assert!(change(Some(80.0), None).score_dropped());
        assert!(!change(None, Some(80.0)).score_dropped());
        assert!(!change(None, None).score_dropped());
    }

    #[test]
    fn nothing_matched_only_when_every_repository_is_new() {
        let baseline = |n: usize| Baseline {
            repos: (0..n)
                .map(|i| entry(&format!("b{i}"), Identity::default(), &[]))
                .collect(),
        };
        let change = |new: bool| RepoChange {
            name: "r".into(),
            before: None,
            after: None,
            regressions: Vec::new(),
            improvements: Vec::new(),
            new,
        };
        assert_eq!(baseline(2).len(), 2);
        assert!(baseline(0).is_empty() && !baseline(1).is_empty());
        let said = nothing_matched(&baseline(2), &[change(true), change(true), change(true)]);
        assert_eq!(
            said.as_deref(),
            Some(
                "the baseline's 2 repositories matched none of the 3 repositories audited (by path, remote, root commit or name): every repository counts as new"
            )
        );
        let said = nothing_matched(&baseline(1), &[change(true)]).expect("said");
        assert!(said.contains("baseline's 1 repository matched none of the 1 repository audited"));
        assert_eq!(nothing_matched(&baseline(0), &[change(true)]), None);
        assert_eq!(nothing_matched(&baseline(2), &[]), None);
        assert_eq!(
            nothing_matched(&baseline(2), &[change(true), change(false)]),
            None
        );
    }

    #[test]
    fn a_baseline_of_another_schema_or_shape_is_refused() {
        let dir = tempfile::tempdir().expect("tmp");
        let write = |text: &str| {
            let p = dir.path().join("b.json");
            std::fs::write(&p, text).expect("write");
            p
        };
        let err = load(&write(r#"{"schema_version":2,"repos":[]}"#))
            .err()
            .expect("refused");
        assert!(err.message.contains("schema version 2"), "{}", err.message);
        let err = load(&write(r#"{"schema_version":1}"#))
            .err()
            .expect("refused");
        assert!(err.message.contains("no `repos` list"), "{}", err.message);
        let b = load(&write(
            r#"{"repos":[{"name":"a","score":71.5,"outcomes":[{"id":"X","status":"pass"}],"identity":{"remote":"https://h/x"}},{"score":3}]}"#,
        ))
        .expect("read");
        assert_eq!(b.len(), 1);
        let e = &b.repos[0];
        assert_eq!(e.score, Some(71.5));
        assert_eq!(e.statuses.get("X").map(String::as_str), Some("pass"));
        assert_eq!(e.identity.remote.as_deref(), Some("https://h/x"));
    }
}
