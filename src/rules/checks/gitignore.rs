//! `gitignore-covers`: the .gitignore keeps Python's artifacts out.

use super::text::quoted;
use super::{CheckKind, Conditions, KindDoc, Verdict};
use crate::facts::Facts;
use crate::rules::Evidence;
use serde::{Deserialize, Serialize};

/// A .gitignore exists and ignores each sample path; partial credit.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GitignoreCovers {
    pub samples: Vec<String>,
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
        let samples = &self.samples;
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
        let samples = quoted(&self.samples, ", ");
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
}
