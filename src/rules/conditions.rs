//! `when` conditions: whether a rule applies to a repository at all.

use super::Condition;
use crate::facts::Facts;

use crate::facts::vocabulary::DASHBOARD_FRAMEWORKS;
/// The shared list: facts, tracks and rules name the same modules.
pub(crate) use crate::facts::vocabulary::NETWORK_MODULES;

pub fn condition_holds(condition: Condition, facts: &Facts) -> bool {
    match condition {
        Condition::ReadsEnvVars => facts.reads_env_vars(),
        Condition::WebProject => !facts.web_frameworks.is_empty(),
        Condition::WebApi => facts
            .web_frameworks
            .iter()
            .any(|w| !DASHBOARD_FRAMEWORKS.contains(&w.as_str())),
        Condition::HasPythonCode => facts.has_python_code(),
        Condition::PythonProject => facts.is_python_project(),
        Condition::HasCi => facts.ci.configs.iter().any(|c| c.runs_something),
        Condition::HasReadme => facts.readme.is_some(),
        Condition::HasTests => facts.python.tests.functions + facts.python.bdd_tests() > 0,
        Condition::CallsNetwork => NETWORK_MODULES
            .iter()
            .any(|m| facts.python.imports.contains(*m)),
        Condition::HasNotebooks => !facts.python.notebooks.is_empty(),
        Condition::HasGitHistory => facts
            .history
            .as_ref()
            .is_some_and(|h| h.non_merge_commits > 0),
    }
}

pub fn condition_name(c: Condition) -> &'static str {
    match c {
        Condition::ReadsEnvVars => "reads-env-vars",
        Condition::WebProject => "web-project",
        Condition::WebApi => "web-api",
        Condition::HasPythonCode => "has-python-code",
        Condition::PythonProject => "python-project",
        Condition::HasCi => "has-ci",
        Condition::HasReadme => "has-readme",
        Condition::HasTests => "has-tests",
        Condition::CallsNetwork => "calls-network",
        Condition::HasNotebooks => "has-notebooks",
        Condition::HasGitHistory => "has-git-history",
    }
}

/// Why a rule fails when a requirement is missing, in a reviewer's words.
pub fn missing_reason(c: Condition) -> &'static str {
    match c {
        Condition::ReadsEnvVars => "the code reads no environment variables",
        Condition::WebProject => "no web framework is used",
        Condition::WebApi => "no web framework serves pages or an API",
        Condition::HasPythonCode => "there is no Python code",
        Condition::PythonProject => "there is no Python code and there are no notebooks",
        Condition::HasCi => "there is no CI that runs anything",
        Condition::HasReadme => "there is no README",
        Condition::HasTests => "there are no tests",
        Condition::CallsNetwork => "the code makes no network calls",
        Condition::HasNotebooks => "there are no notebooks",
        Condition::HasGitHistory => "there is no git history",
    }
}

/// What is missing when a `requires` condition (named as in rule files)
/// does not hold, in as few words as a folded report line needs ("no
/// README"). `None` for a name that is no condition.
pub fn missing_short(name: &str) -> Option<&'static str> {
    use serde::Deserialize;
    let de = serde::de::value::StrDeserializer::<serde::de::value::Error>::new(name);
    Some(match Condition::deserialize(de).ok()? {
        Condition::ReadsEnvVars => "no environment variables read",
        Condition::WebProject => "no web framework",
        Condition::WebApi => "no web API",
        Condition::HasPythonCode => "no Python code",
        Condition::PythonProject => "no Python code or notebooks",
        Condition::HasCi => "no CI that runs anything",
        Condition::HasReadme => "no README",
        Condition::HasTests => "no tests",
        Condition::CallsNetwork => "no network calls",
        Condition::HasNotebooks => "no notebooks",
        Condition::HasGitHistory => "no git history",
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_condition_name_has_a_short_missing_phrase() {
        assert_eq!(super::missing_short("has-readme"), Some("no README"));
        assert_eq!(super::missing_short("has-tests"), Some("no tests"));
        assert_eq!(super::missing_short("nope"), None);
    }

    use super::*;
    use crate::facts::python::Notebook;

    const ALL: [Condition; 11] = [
        Condition::ReadsEnvVars,
        Condition::WebProject,
        Condition::WebApi,
        Condition::HasPythonCode,
        Condition::PythonProject,
        Condition::HasCi,
        Condition::HasReadme,
        Condition::HasTests,
        Condition::CallsNetwork,
        Condition::HasNotebooks,
        Condition::HasGitHistory,
    ];

    #[test]
    fn names_are_the_rule_file_spelling_and_every_text_is_distinct() {
        let mut reasons = std::collections::BTreeSet::new();
        let mut shorts = std::collections::BTreeSet::new();
        for c in ALL {
            let name = condition_name(c);
            let de = serde::de::value::StrDeserializer::<serde::de::value::Error>::new(name);
            assert_eq!(
                <Condition as serde::Deserialize>::deserialize(de).ok(),
                Some(c),
                "{name}"
            );
            assert!(reasons.insert(missing_reason(c)), "{name}");
            assert!(shorts.insert(missing_short(name).expect(name)), "{name}");
        }
        assert_eq!(missing_reason(Condition::HasTests), "there are no tests");
        assert_eq!(condition_name(Condition::HasReadme), "has-readme");
    }

    #[test]
    fn conditions_hold_exactly_when_their_fact_is_there() {
        let none = Facts::default();
        for c in ALL {
            assert!(
                !condition_holds(c, &none),
                "{} holds on nothing",
                condition_name(c)
            );
        }
        let mut f = Facts::default();
        f.web_frameworks.push("flask".into());
        assert!(condition_holds(Condition::WebProject, &f));
        assert!(condition_holds(Condition::WebApi, &f));
        // A Streamlit dashboard is on the web but serves no endpoints.
        let mut f = Facts::default();
        f.web_frameworks.push("streamlit".into());
        assert!(condition_holds(Condition::WebProject, &f));
        assert!(!condition_holds(Condition::WebApi, &f));
        let mut f = Facts::default();
        f.python.tests.functions = 1;
        assert!(condition_holds(Condition::HasTests, &f));
        let mut f = Facts::default();
        f.python.notebooks.push(Notebook {
            path: "a.ipynb".into(),
            code_cells: 1,
            output_bytes: 0,
            executed_in_order: true,
        });
        assert!(condition_holds(Condition::HasNotebooks, &f));
        assert!(condition_holds(Condition::PythonProject, &f));
        assert!(!condition_holds(Condition::HasPythonCode, &f));
        let mut f = Facts::default();
        f.python.imports.insert("requests".into());
        assert!(condition_holds(Condition::CallsNetwork, &f));
        let mut f = Facts {
            history: Some(Default::default()),
            ..Facts::default()
        };
        assert!(!condition_holds(Condition::HasGitHistory, &f), "no commits");
        if let Some(h) = f.history.as_mut() {
            h.non_merge_commits = 1;
        }
        assert!(condition_holds(Condition::HasGitHistory, &f));
    }
}
