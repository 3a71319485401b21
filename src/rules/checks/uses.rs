//! `uses`: a library is imported or declared as a dependency.

use super::text::{capped, list_some, quoted};
use super::{CheckKind, Conditions, KindDoc, Verdict};
use crate::facts::Facts;
use crate::rules::Evidence;
use serde::{Deserialize, Serialize};

/// A module is imported, or a package of that name is a dependency.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Uses {
    pub modules: Vec<String>,
}

impl CheckKind for Uses {
    fn doc(&self) -> KindDoc {
        KindDoc {
            name: "uses",
            checks: "the modules the project's code imports and the packages its manifests declare",
            why: "the libraries a project leans on show which skills of a track it exercises",
        }
    }

    fn evaluate(&self, facts: &Facts) -> Verdict {
        let found: Vec<Evidence> = self
            .modules
            .iter()
            .filter_map(|m| {
                let wanted = m.to_ascii_lowercase().replace('_', "-");
                if let Some(d) = facts
                    .manifests
                    .dependencies
                    .iter()
                    .find(|d| d.name.replace('_', "-") == wanted)
                {
                    return Some(
                        Evidence::line(&d.file, d.line).with_note(format!("{m} is a dependency")),
                    );
                }
                facts
                    .python
                    .imports
                    .contains(m.as_str())
                    .then(|| Evidence::repository().with_note(format!("imports {m}")))
            })
            .collect();
        if found.is_empty() {
            let names: Vec<&str> = self.modules.iter().map(String::as_str).collect();
            return Verdict::fail(format!("none of {} is used", list_some(&names, 5)), vec![]);
        }
        let names: Vec<String> = found.iter().filter_map(|e| e.note.clone()).collect();
        Verdict::pass(names.join("; "), capped(found))
    }

    fn describe(&self) -> Conditions {
        let modules = quoted(&self.modules, ", ");
        Conditions::new(
            format!("the code imports, or a manifest declares, one of {modules}"),
            format!("none of {modules} is imported or declared"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::manifests::{DepGroup, Dependency};
    use crate::rules::checks::testing::s;

    #[test]
    fn uses_finds_dependencies_then_imports() {
        let mut facts = Facts::default();
        let check = Uses {
            modules: s(&["flask_login", "click"]),
        };
        assert_eq!(check.evaluate(&facts).credit, 0.0);
        facts.python.imports.insert("click".into());
        facts.manifests.dependencies.push(Dependency {
            name: "flask-login".into(),
            spec: String::new(),
            pinned: false,
            group: DepGroup::Runtime,
            file: "requirements.txt".into(),
            line: Some(3),
        });
        let v = check.evaluate(&facts);
        assert_eq!(v.credit, 1.0);
        assert_eq!(v.message, "flask_login is a dependency; imports click");
        assert_eq!(v.evidence[0].file_path(), Some("requirements.txt"));
    }
}
