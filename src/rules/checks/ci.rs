//! `ci-runs`: what the CI configuration actually runs.

use super::matching::{regex, valid_regex};
use super::text::{capped, count_noun, truncate};
use super::{CheckKind, Conditions, Invalid, KindDoc, Verdict};
use crate::facts::Facts;
use crate::facts::ci::CiConfig;
use crate::rules::Evidence;
use serde::{Deserialize, Serialize};

/// A CI command or action matches the regex.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CiRuns {
    pub pattern: String,
}

impl CheckKind for CiRuns {
    fn doc(&self) -> KindDoc {
        KindDoc {
            name: "ci-runs",
            checks: "every CI command and action (`run:`, `script:`, `uses:`...), and the scripts, Makefile targets, tox envs, nox sessions and tasks they call",
            why: "a CI file that only installs and builds proves nothing; what it runs on every push does",
        }
    }

    fn evaluate(&self, facts: &Facts) -> Verdict {
        let re = regex(&self.pattern);
        // `pip install ruff` installs a linter; it does not run it.
        let runs = |l: &&str| re.is_match(l) && !crate::facts::ci::is_install(l);
        // Workflows that run on every push or pull request are the
        // evidence a reviewer wants; scheduled or manual ones come after.
        let mut configs: Vec<&CiConfig> = facts.ci.configs.iter().collect();
        configs.sort_by_key(|c| {
            !c.triggers
                .iter()
                .any(|t| t == "push" || t == "pull_request")
        });
        // Something that runs beats a step merely named for it.
        for by_name in [false, true] {
            for config in &configs {
                let Some(cmd) = config
                    .commands
                    .iter()
                    .find(|c| c.name == by_name && c.text.lines().any(|l| runs(&l)))
                else {
                    continue;
                };
                let first = cmd.text.lines().find(runs).unwrap_or(&cmd.text).trim();
                let (path, how) = match (&cmd.via, by_name) {
                    (_, true) => (
                        config.path.as_str(),
                        format!("{} has a step named", config.path),
                    ),
                    (Some(script), _) => (
                        script.as_str(),
                        format!("{} runs {script}, which runs", config.path),
                    ),
                    (None, _) => (config.path.as_str(), format!("{} runs", config.path)),
                };
                // `via` may name a target: "Makefile (make test)".
                let path = path.split([' ']).next().unwrap_or(path);
                return Verdict::pass(
                    format!("{how} `{}`", truncate(first, 60)),
                    vec![Evidence::line(path, Some(cmd.line))],
                );
            }
        }
        if facts.ci.configs.is_empty() {
            return Verdict::fail("no CI configuration", vec![]);
        }
        let ev = facts
            .ci
            .configs
            .iter()
            .map(|c| Evidence::file(&c.path))
            .collect();
        Verdict::fail(
            format!(
                "no step in {} matches",
                count_noun(facts.ci.configs.len(), "CI file")
            ),
            capped(ev),
        )
    }

    fn validate(&self) -> Result<(), Invalid> {
        valid_regex(&self.pattern)
    }

    fn describe(&self) -> Conditions {
        Conditions::new(
            format!(
                "a CI step (or a script, Makefile target, tox env, nox session or task it calls) runs a command matching `{}`",
                self.pattern
            ),
            format!(
                "there is no CI configuration, or it only installs and builds: no command matching `{}` runs",
                self.pattern
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::ci::CiCommand;

    pub fn config(path: &str, lines: &[(&str, bool)]) -> CiConfig {
        CiConfig {
            path: path.into(),
            provider: "github-actions",
            commands: lines
                .iter()
                .enumerate()
                .map(|(i, (text, name))| CiCommand {
                    line: i as u32 + 1,
                    text: (*text).into(),
                    via: None,
                    name: *name,
                    handed_off: false,
                })
                .collect(),
            runs_something: true,
            triggers: vec!["push".into()],
            python_versions: vec![],
            jobs: vec![],
            kinds: vec![],
        }
    }

    #[test]
    fn ci_runs_ignores_installs_and_prefers_commands() {
        let mut facts = Facts::default();
        let check = CiRuns {
            pattern: r"\bpytest\b".into(),
        };
        assert_eq!(check.evaluate(&facts).message, "no CI configuration");
        facts.ci.configs.push(config(
            ".github/workflows/ci.yml",
            &[
                ("pytest", true),
                ("pip install pytest", false),
                ("pytest -q", false),
            ],
        ));
        let v = check.evaluate(&facts);
        assert_eq!(v.credit, 1.0);
        assert_eq!(v.message, ".github/workflows/ci.yml runs `pytest -q`");
        assert_eq!(v.evidence[0].file_line(), Some(3));
        let lint = CiRuns {
            pattern: "ruff".into(),
        };
        assert_eq!(
            lint.evaluate(&facts).message,
            "no step in 1 CI file matches"
        );
        assert!(
            CiRuns {
                pattern: "(".into()
            }
            .validate()
            .is_err()
        );
    }
}
