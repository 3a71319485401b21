//! `any`: alternatives, the best of which counts.

use super::{Check, CheckKind, Conditions, Invalid, KindDoc, Verdict};
use crate::facts::Facts;
use serde::{Deserialize, Serialize};

/// Passes with the best result of its sub-checks.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Any {
    pub of: Vec<Check>,
}

impl CheckKind for Any {
    fn doc(&self) -> KindDoc {
        KindDoc {
            name: "any",
            checks: "each sub-check of `of`, in order",
            why: "a practice often shows in one of several ways (a config file, a section in pyproject.toml, a CI step)",
        }
    }

    fn evaluate(&self, facts: &Facts) -> Verdict {
        let mut best: Option<Verdict> = None;
        for c in &self.of {
            let v = c.evaluate(facts);
            if best.as_ref().is_none_or(|b| v.credit > b.credit) {
                let done = v.credit >= 1.0;
                best = Some(v);
                if done {
                    break;
                }
            }
        }
        best.unwrap_or_else(|| Verdict::fail("nothing to check", vec![]))
    }

    fn validate(&self) -> Result<(), Invalid> {
        if self.of.is_empty() {
            return Err(Invalid::new(None, "`any` needs at least one check in `of`"));
        }
        self.of.iter().try_for_each(|c| c.kind().validate())
    }

    fn wanted_contents(&self) -> Vec<String> {
        self.of
            .iter()
            .flat_map(|c| c.kind().wanted_contents())
            .collect()
    }

    fn readme_sections(&self) -> Vec<String> {
        self.of
            .iter()
            .flat_map(|c| c.kind().readme_sections())
            .collect()
    }

    fn describe(&self) -> Conditions {
        let parts: Vec<Conditions> = self.of.iter().map(Check::describe).collect();
        let pass: Vec<String> = parts.iter().map(|c| c.pass.clone()).collect();
        let fail: Vec<String> = parts.iter().map(|c| c.fail.clone()).collect();
        Conditions::new(
            format!(
                "any one of these holds (the best counts): {}",
                pass.join("; or ")
            ),
            format!("all of these hold: {}", fail.join("; and ")),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::checks::paths::PathExists;
    use crate::rules::checks::testing::{facts_with_files, s};

    fn exists(globs: &[&str], min_count: Option<usize>) -> Check {
        Check::PathExists(PathExists {
            any_of: s(globs),
            min_count,
            non_empty: false,
            wanted: None,
            except: vec![],
            own_only: false,
        })
    }

    #[test]
    fn any_keeps_the_best_verdict() {
        let facts = facts_with_files(&[("a.py", 1), ("mypy.ini", 1)]);
        let check = Any {
            of: vec![exists(&["*.py"], Some(2)), exists(&["mypy.ini"], None)],
        };
        let v = check.evaluate(&facts);
        assert_eq!(v.credit, 1.0);
        assert_eq!(v.message, "found mypy.ini");
        let none = Any {
            of: vec![exists(&["x"], None), exists(&["*.py"], Some(4))],
        };
        assert_eq!(none.evaluate(&facts).credit, 0.25);
        assert!(Any { of: vec![] }.validate().is_err());
        let d = check.describe();
        assert!(d.pass.contains("`mypy.ini`") && d.fail.starts_with("all of these"));
    }
}
