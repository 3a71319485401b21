//! `gitignore-covers`: the .gitignore keeps Python's artifacts out.

use super::text::quoted;
use super::{CheckKind, Conditions, KindDoc, Verdict};
use crate::facts::Facts;
use crate::rules::conditions::{condition_holds, condition_name};
use crate::rules::{Condition, Evidence};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A .gitignore exists and ignores each sample path; partial credit.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GitignoreCovers {
    pub samples: Vec<String>,
    /// Samples asked for only when a condition holds: `.env` matters to a
    /// project whose code reads environment variables.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub samples_when: BTreeMap<String, Condition>,
}

impl GitignoreCovers {
    /// The samples this repository is asked to ignore.
    fn samples_for(&self, facts: &Facts) -> Vec<String> {
        let conditional = self
            .samples_when
            .iter()
            .filter(|(_, c)| condition_holds(**c, facts))
            .map(|(s, _)| s.clone());
        self.samples.iter().cloned().chain(conditional).collect()
    }
}

impl CheckKind for GitignoreCovers {
    fn doc(&self) -> KindDoc {
        KindDoc {
            name: "gitignore-covers",
            checks: "the root .gitignore (and those beside projects in subfolders), applied to sample paths",
            why: "a .gitignore that misses the usual artifacts lets them into the next commit",
        }
    }

    /// A sample counts as covered when any .gitignore (the root's, or one
    /// beside a project in a subfolder of a monorepo) ignores it.
    fn evaluate(&self, facts: &Facts) -> Verdict {
        let samples = &self.samples_for(facts);
        let files = &facts.hygiene.gitignores;
        if files.is_empty() {
            return Verdict::fail("no .gitignore at the root", vec![]);
        }
        let matchers: Vec<ignore::gitignore::Gitignore> = files
            .iter()
            .filter_map(|(_, text)| {
                let mut builder = ignore::gitignore::GitignoreBuilder::new("");
                for line in text.lines() {
                    let _ = builder.add_line(None, line);
                }
                builder.build().ok()
            })
            .collect();
        let missing: Vec<String> = samples
            .iter()
            .filter(|sample| {
                let is_dir = sample.ends_with('/');
                let path = sample.trim_end_matches('/');
                !matchers
                    .iter()
                    .any(|gi| gi.matched_path_or_any_parents(path, is_dir).is_ignore())
            })
            .cloned()
            .collect();
        let ev: Vec<Evidence> = files.iter().map(|(p, _)| Evidence::file(p)).collect();
        let names = files
            .iter()
            .map(|(p, _)| p.as_str())
            .collect::<Vec<_>>()
            .join(" and ");
        let covered = samples.len() - missing.len();
        let credit = covered as f64 / samples.len().max(1) as f64;
        if missing.is_empty() {
            let verb = if files.len() == 1 { "covers" } else { "cover" };
            Verdict::pass(
                format!(
                    "{names} {verb} all {} Python artifacts checked",
                    samples.len()
                ),
                ev,
            )
        } else {
            let verb = if files.len() == 1 { "does" } else { "do" };
            Verdict::new(
                credit,
                format!("{names} {verb} not cover: {}", missing.join(", ")),
                ev,
            )
        }
    }

    fn describe(&self) -> Conditions {
        let mut samples = quoted(&self.samples, ", ");
        for (sample, c) in &self.samples_when {
            samples.push_str(&format!(" (and `{sample}` when {})", condition_name(*c)));
        }
        Conditions::new(
            format!("a .gitignore ignores every one of {samples}"),
            format!(
                "there is no .gitignore, or it lets one of {samples} through (credit is the share ignored)"
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::checks::testing::s;

    #[test]
    fn gitignore_covers_counts_samples() {
        let mut facts = Facts::default();
        let check = GitignoreCovers {
            samples: s(&["pkg/__pycache__/m.pyc", ".venv/bin/python"]),
            samples_when: BTreeMap::new(),
        };
        assert_eq!(check.evaluate(&facts).message, "no .gitignore at the root");
        facts
            .hygiene
            .gitignores
            .push((".gitignore".into(), "__pycache__/\n".into()));
        let v = check.evaluate(&facts);
        assert_eq!(v.credit, 0.5);
        assert_eq!(v.message, ".gitignore does not cover: .venv/bin/python");
        facts.hygiene.gitignores[0].1.push_str(".venv/\n");
        assert_eq!(check.evaluate(&facts).credit, 1.0);
    }

    #[test]
    fn a_conditional_sample_counts_only_where_its_condition_holds() {
        let mut facts = Facts::default();
        facts
            .hygiene
            .gitignores
            .push((".gitignore".into(), "__pycache__/\n".into()));
        let check = GitignoreCovers {
            samples: s(&["pkg/__pycache__/m.pyc"]),
            samples_when: BTreeMap::from([(".env".to_owned(), Condition::ReadsEnvVars)]),
        };
        // Code that reads no environment variable needs no `.env` rule.
        assert_eq!(check.evaluate(&facts).credit, 1.0);
        facts.python.env_reads.push(crate::facts::python::EnvRead {
            path: "app.py".into(),
            line: 1,
            name: Some("API_KEY".into()),
        });
        let v = check.evaluate(&facts);
        assert_eq!(v.credit, 0.5);
        assert_eq!(v.message, ".gitignore does not cover: .env");
    }
}
