//! `junk-absent`: files that should never have been committed.

use super::text::{capped, count_noun};
use super::{CheckKind, Conditions, Invalid, KindDoc, Verdict};
use crate::facts::Facts;
use crate::facts::hygiene::JunkCategory;
use crate::rules::Evidence;
use serde::{Deserialize, Serialize};

/// None of these junk categories is committed.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct JunkAbsent {
    pub categories: Vec<String>,
}

impl CheckKind for JunkAbsent {
    fn doc(&self) -> KindDoc {
        KindDoc {
            name: "junk-absent",
            checks: "the committed files (and for secrets, their text) sorted into junk categories",
            why: "virtualenvs, caches, build output and credentials in a repository tell a reviewer git is not understood",
        }
    }

    fn evaluate(&self, facts: &Facts) -> Verdict {
        let cats: Vec<JunkCategory> = self
            .categories
            .iter()
            .filter_map(|c| JunkCategory::from_name(c))
            .collect();
        let items: Vec<_> = facts
            .hygiene
            .junk
            .iter()
            .filter(|j| cats.contains(&j.category))
            .collect();
        if items.is_empty() {
            return Verdict::pass("none committed", vec![]);
        }
        let ev = items
            .iter()
            .map(|j| {
                let e = Evidence::line(&j.path, j.line);
                match &j.note {
                    Some(n) => e.with_note(n.clone()),
                    None => e.with_note(j.category.name()),
                }
            })
            .collect();
        Verdict::fail(
            format!("{} committed", count_noun(items.len(), "item")),
            capped(ev),
        )
    }

    fn validate(&self) -> Result<(), Invalid> {
        for c in &self.categories {
            if JunkCategory::from_name(c).is_none() {
                let valid: Vec<&str> = JunkCategory::ALL.iter().map(|c| c.name()).collect();
                return Err(Invalid::new(
                    Some(c.clone()),
                    format!(
                        "unknown junk category `{c}`, expected one of {}",
                        valid.join(", ")
                    ),
                ));
            }
        }
        Ok(())
    }

    fn describe(&self) -> Conditions {
        let described: Vec<String> = self
            .categories
            .iter()
            .map(|c| format!("{c} ({})", example(c)))
            .collect();
        Conditions::new(
            format!(
                "nothing of the categories {} is committed",
                described.join(", ")
            ),
            format!(
                "an item of {} is committed; the evidence names each file (and line)",
                self.categories.join(" or ")
            ),
        )
    }
}

/// What an item of a category looks like, for descriptions.
fn example(category: &str) -> &'static str {
    match category {
        "virtualenv" => "venv/ with pyvenv.cfg",
        "bytecode" => "__pycache__/, *.pyc",
        "notebook-checkpoints" => ".ipynb_checkpoints/",
        "os-files" => ".DS_Store, Thumbs.db",
        "build-output" => "dist/*.whl, *.egg-info/",
        "tool-caches" => ".pytest_cache/, .mypy_cache/",
        "run-artifacts" => "*.log, mlruns/, wandb/",
        "env-file" => "a .env that sets real-looking values",
        "private-key" => "a PEM private key block",
        "secret" => "a token such as `sk-live-...` or a hard-coded password",
        "fixture-secret" => "a credential-looking literal in tests or docs examples",
        "dev-secret" => "a development key or a local database's stock password",
        _ => "a generated file",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::hygiene::JunkItem;
    use crate::rules::checks::testing::s;

    #[test]
    fn junk_absent_filters_by_category() {
        let mut facts = Facts::default();
        facts.hygiene.junk.insert(JunkItem {
            category: JunkCategory::Bytecode,
            path: "app/__pycache__/x.pyc".into(),
            line: None,
            note: None,
        });
        let venv = JunkAbsent {
            categories: s(&["virtualenv"]),
        };
        assert_eq!(venv.evaluate(&facts).credit, 1.0);
        let caches = JunkAbsent {
            categories: s(&["bytecode", "os-files"]),
        };
        let v = caches.evaluate(&facts);
        assert_eq!(v.credit, 0.0);
        assert_eq!(v.message, "1 item committed");
        assert_eq!(v.evidence[0].note.as_deref(), Some("bytecode"));
        let bad = JunkAbsent {
            categories: s(&["bytecodes"]),
        };
        assert_eq!(
            bad.validate().map_err(|e| e.needle),
            Err(Some("bytecodes".into()))
        );
    }
}
