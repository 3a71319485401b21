//! `ci-runs`: what the CI configuration actually runs.

use super::matching::{regex, valid_regex};
use super::text::{capped, count_noun, truncate};
use super::{CheckKind, Conditions, Invalid, KindDoc, Verdict};
use crate::facts::Facts;
use crate::facts::ci::{CiCommand, CiConfig};
use crate::rules::Evidence;
use serde::{Deserialize, Serialize};

/// A CI command or action matches the regex; one matching only
/// `partial_pattern` earns half credit.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CiRuns {
    pub pattern: String,
    /// A weaker practice of the same kind (a type checker where a linter is
    /// wanted): half credit, and the message says what is missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial_pattern: Option<String>,
}

/// Credit for a CI step that matches only `partial_pattern`.
const PARTIAL_CREDIT: f64 = 0.5;

impl CheckKind for CiRuns {
    fn doc(&self) -> KindDoc {
        KindDoc {
            name: "ci-runs",
            checks: "every CI command and action (`run:`, `script:`, `uses:`...), and the scripts, Makefile targets, tox envs, nox sessions and tasks they call",
            why: "a CI file that only installs and builds proves nothing; what it runs on every push does",
        }
    }

    fn evaluate(&self, facts: &Facts) -> Verdict {
        if let Some(v) = find(facts, &self.pattern) {
            return v;
        }
        if let Some(v) = self.partial_pattern.as_deref().and_then(|p| find(facts, p)) {
            return Verdict::new(
                PARTIAL_CREDIT,
                format!("{}, but no step does what the full check asks", v.message),
                v.evidence,
            );
        }
        if facts.ci.configs.is_empty() {
            return Verdict::fail("no CI configuration", vec![]);
        }
        if let Some((path, line, text)) = find_ignored(facts, &self.pattern) {
            return Verdict::fail(
                format!(
                    "{path} runs `{}` but ignores its failure, so it can never fail the build",
                    truncate(text, 60)
                ),
                vec![Evidence::line(path, Some(line))],
            );
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
        valid_regex(&self.pattern)?;
        self.partial_pattern.as_deref().map_or(Ok(()), valid_regex)
    }

    fn describe(&self) -> Conditions {
        let partial = self.partial_pattern.as_deref().map_or(String::new(), |p| {
            format!("; a step matching only `{p}` earns half credit")
        });
        Conditions::new(
            format!(
                "a CI step (or a script, Makefile target, tox env, nox session or task it calls) runs a command matching `{}`",
                self.pattern
            ),
            format!(
                "there is no CI configuration, or it only installs and builds: no command matching `{}` runs{partial}",
                self.pattern
            ),
        )
    }
}

/// The first CI command matching `pattern`, as a passing verdict.
fn find(facts: &Facts, pattern: &str) -> Option<Verdict> {
    let re = regex(pattern);
    // `pip install ruff` installs a linter and `echo "running ruff"`
    // announces one; neither runs it.
    let runs = |l: &&str| {
        re.find(l).is_some_and(|m| !failure_ignored(l, m.end()))
            && !crate::facts::ci::is_install(l)
            && !crate::facts::ci::is_message(l)
    };
    // Workflows that run on every push or pull request are the
    // evidence a reviewer wants; scheduled or manual ones come after.
    // A workflow started only by hand checks nothing on its own.
    let mut configs: Vec<&CiConfig> = facts
        .ci
        .configs
        .iter()
        .filter(|c| !c.manual_only())
        .collect();
    configs.sort_by_key(|c| {
        !c.triggers
            .iter()
            .any(|t| t == "push" || t == "pull_request")
    });
    // Something that runs beats a step merely named for it.
    for by_name in [false, true] {
        for config in &configs {
            // A hand-off that was followed (`make check`, `tox`) is judged
            // by the lines it reached, not by its own words; nor is a
            // step whose name only repeats such a hand-off.
            let followed = |text: &str| {
                config
                    .commands
                    .iter()
                    .any(|c| c.handed_off && c.text.trim() == text.trim())
            };
            let Some(cmd) = config.commands.iter().find(|c| {
                c.name == by_name
                    && !(c.name && followed(&c.text))
                    && judged_lines(c).any(|l| runs(&l))
            }) else {
                continue;
            };
            let first = judged_lines(cmd).find(runs).unwrap_or(&cmd.text).trim();
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
            return Some(Verdict::pass(
                format!("{how} `{}`", truncate(first, 60)),
                vec![Evidence::line(path, Some(cmd.line))],
            ));
        }
    }
    None
}

/// The lines of a command that are judged by their own words. In a block
/// that hands off (`make test` after `flake8 src`), the hand-off lines are
/// judged by what they reached, and the other lines still count.
fn judged_lines(c: &CiCommand) -> impl Iterator<Item = &str> {
    static HAND_OFF: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"^\s*(sudo\s+)?((g?make|tox|nox|just|task|invoke|inv|poe|pdm run|hatch run|npm|yarn|pnpm|docker[- ]compose|docker compose)\b|(poetry|uv) run poe\b)",
        )
        .expect("static regex")
    });
    c.text
        .lines()
        .filter(move |l| !c.handed_off || !HAND_OFF.is_match(l))
}

/// `pytest || true`, `flake8 --exit-zero`: the command runs, but a failure
/// cannot fail the build, so it checks nothing a reviewer can rely on.
fn failure_ignored(line: &str, after: usize) -> bool {
    static IGNORED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\|\|\s*(true\b|:|exit\s+0\b|echo\b)|\s--exit-zero\b")
            .expect("static regex")
    });
    // Only what follows the match: `pip install x || true && pytest` runs
    // pytest for real.
    line.get(after..).is_some_and(|rest| {
        IGNORED.find(rest).is_some_and(|m| {
            // `pytest && echo done || true` still swallows pytest's failure;
            // only `;` starts a command of its own.
            !rest[..m.start()].contains(';')
        })
    })
}

/// The first CI line that runs something matching `pattern` with its
/// failure ignored, for a message that says why it does not count.
fn find_ignored<'a>(facts: &'a Facts, pattern: &str) -> Option<(&'a str, u32, &'a str)> {
    let re = regex(pattern);
    facts.ci.configs.iter().find_map(|config| {
        config.commands.iter().filter(|c| !c.name).find_map(|c| {
            judged_lines(c).find_map(|l| {
                let m = re.find(l)?;
                failure_ignored(l, m.end()).then(|| {
                    let path = c.via.as_deref().unwrap_or(&config.path);
                    let path = path.split(' ').next().unwrap_or(path);
                    (path, c.line, l.trim())
                })
            })
        })
    })
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
            partial_pattern: None,
        };
        assert_eq!(check.evaluate(&facts).message, "no CI configuration");
        facts.ci.configs.push(config(
            ".github/workflows/ci.yml",
            &[
                ("pytest", true),
                ("pip install pytest", false),
                ("echo \"running pytest\"", false),
                ("pytest -q", false),
            ],
        ));
        let v = check.evaluate(&facts);
        assert_eq!(v.credit, 1.0);
        assert_eq!(v.message, ".github/workflows/ci.yml runs `pytest -q`");
        assert_eq!(v.evidence[0].file_line(), Some(4));
        // The same workflow started only by hand runs on no push.
        let mut manual = facts.clone();
        manual.ci.configs[0].triggers = vec!["workflow_dispatch".into()];
        assert_eq!(check.evaluate(&manual).credit, 0.0);
        let lint = CiRuns {
            pattern: "ruff".into(),
            partial_pattern: None,
        };
        assert_eq!(
            lint.evaluate(&facts).message,
            "no step in 1 CI file matches"
        );
        assert!(
            CiRuns {
                pattern: "(".into(),
                partial_pattern: None,
            }
            .validate()
            .is_err()
        );
    }

    #[test]
    fn a_followed_hand_off_is_judged_by_what_it_runs_not_by_its_name() {
        let lint = CiRuns {
            pattern: r"\bruff\b|\bmake\s+check\b".into(),
            partial_pattern: None,
        };
        let mut facts = Facts::default();
        let mut c = config(
            ".github/workflows/ci.yml",
            &[
                ("make check", true),
                ("make check", false),
                ("pytest", false),
            ],
        );
        c.commands[1].handed_off = true;
        c.commands[2].via = Some("Makefile (make check)".into());
        facts.ci.configs.push(c);
        let v = lint.evaluate(&facts);
        assert_eq!(v.credit, 0.0, "{}", v.message);
        // Not followed (no Makefile): the words are all there is to go on.
        facts.ci.configs[0].commands[1].handed_off = false;
        assert_eq!(lint.evaluate(&facts).credit, 1.0);
        // A block that lints and then hands off: the linter still counts.
        let flake8 = CiRuns {
            pattern: r"\bflake8\b".into(),
            partial_pattern: None,
        };
        let mut block = config(
            ".circleci/config.yml",
            &[("python3 -m flake8 ddgr\nmake test\n", false)],
        );
        block.commands[0].handed_off = true;
        let mut facts = Facts::default();
        facts.ci.configs.push(block);
        let v = flake8.evaluate(&facts);
        assert_eq!(v.credit, 1.0, "{}", v.message);
        assert_eq!(
            v.message,
            ".circleci/config.yml runs `python3 -m flake8 ddgr`"
        );
    }

    #[test]
    fn a_step_whose_failure_is_ignored_does_not_count() {
        let tests = CiRuns {
            pattern: r"\bpytest\b".into(),
            partial_pattern: None,
        };
        let lint = CiRuns {
            pattern: r"\bflake8\b".into(),
            partial_pattern: None,
        };
        let mut facts = Facts::default();
        facts.ci.configs.push(config(
            ".github/workflows/lint.yml",
            &[
                ("pytest . || true", false),
                ("flake8 . --count --exit-zero --max-line-length=127", false),
            ],
        ));
        let v = tests.evaluate(&facts);
        assert_eq!(v.credit, 0.0, "{}", v.message);
        assert_eq!(
            v.message,
            ".github/workflows/lint.yml runs `pytest . || true` but ignores its failure, so it can never fail the build"
        );
        assert_eq!(lint.evaluate(&facts).credit, 0.0);
        let chained = config("ci.yml", &[("pytest -q && echo done || true", false)]);
        let mut swallowed = Facts::default();
        swallowed.ci.configs.push(chained);
        assert_eq!(tests.evaluate(&swallowed).credit, 0.0);
        // A failure that stops the build still counts, and so does a
        // command after an ignored one.
        facts.ci.configs[0].commands.push(
            config("x", &[("cd src || true; pytest -q && echo passed", false)]).commands[0].clone(),
        );
        assert_eq!(tests.evaluate(&facts).credit, 1.0);
        facts.ci.configs[0].commands.push(
            config("x", &[("flake8 . --select=E9,F63 --show-source", false)]).commands[0].clone(),
        );
        assert_eq!(lint.evaluate(&facts).credit, 1.0);
    }

    #[test]
    fn a_step_matching_only_the_partial_pattern_earns_half_credit() {
        let lint = CiRuns {
            pattern: r"\bruff\b".into(),
            partial_pattern: Some(r"\bmypy\b".into()),
        };
        let mut facts = Facts::default();
        facts.ci.configs.push(config(
            ".github/workflows/types.yml",
            &[("mypy --strict src", false)],
        ));
        let v = lint.evaluate(&facts);
        assert_eq!(v.credit, 0.5);
        assert!(v.message.contains("mypy --strict"), "{}", v.message);
        facts.ci.configs[0]
            .commands
            .push(config("x", &[("ruff check .", false)]).commands[0].clone());
        assert_eq!(lint.evaluate(&facts).credit, 1.0);
    }
}
