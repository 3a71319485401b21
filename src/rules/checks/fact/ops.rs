//! Facts about running the project: CI, Dockerfiles and the environment
//! variables it needs.

use super::Coded;
use crate::facts::Facts;
use crate::rules::Evidence;
use crate::rules::checks::Verdict;
use crate::rules::checks::text::{capped, count_noun};

pub const CI_CONFIGURED: Coded = Coded {
    evaluate: ci_configured,
    pass: "a CI configuration (GitHub or Forgejo Actions, GitLab CI, Travis, CircleCI, Azure, Bitbucket, Jenkins, AppVeyor) defines a job with something to run, started by a push, a pull request or a schedule",
    fail: "there is no CI configuration, the CI files are empty or all commented out, or every workflow starts only by hand (workflow_dispatch)",
};

pub const DOCKERFILE_PINNED: Coded = Coded {
    evaluate: dockerfile_pinned,
    pass: "every FROM line of every Dockerfile names its base image with a version tag or digest (not `latest`)",
    fail: "there is no Dockerfile, or a FROM line uses an untagged or `latest` base image (half credit when another Dockerfile gets it right)",
};

pub const DOCKERFILE_NON_ROOT: Coded = Coded {
    evaluate: dockerfile_non_root,
    pass: "every Dockerfile switches to a non-root USER before its container runs",
    fail: "there is no Dockerfile, or one runs as root: no USER instruction, or USER root (half credit when another Dockerfile gets it right)",
};

pub const ENV_VARS_DOCUMENTED: Coded = Coded {
    evaluate: env_vars_documented,
    pass: "an example env file (.env.example...) or a README configuration section exists, or the README and docs/ name every environment variable the code reads",
    fail: "the code reads environment variables that no example env file, configuration section or docs page names; credit is the share documented",
};

pub const PRE_COMMIT_CI_COMMITS: Coded = Coded {
    evaluate: pre_commit_ci_commits,
    pass: "a .pre-commit-config.yaml is committed and pre-commit.ci's bot (pre-commit-ci[bot]) has commits in the history read: the hosted service is installed and runs the hooks",
    fail: "there is no .pre-commit-config.yaml, or no commit by pre-commit-ci[bot] in the history read",
};

/// The hosted pre-commit service leaves its footprint in the history: the
/// hook updates and fixes its bot commits. Its `ci:` settings block is
/// optional, so the commits are the evidence a configuration may lack.
fn pre_commit_ci_commits(facts: &Facts) -> Verdict {
    let config = facts
        .files
        .iter()
        .find(|f| f.path == ".pre-commit-config.yaml" || f.path == ".pre-commit-config.yml");
    let bot = facts
        .history
        .as_ref()
        .and_then(|h| h.authors.iter().find(|a| a.name == "pre-commit-ci[bot]"));
    match (config, bot) {
        (Some(config), Some(bot)) => Verdict::pass(
            format!(
                "pre-commit.ci runs {}: {} by pre-commit-ci[bot]",
                config.path,
                count_noun(bot.commits, "commit")
            ),
            vec![Evidence::file(&config.path)],
        ),
        (None, _) => Verdict::fail("no .pre-commit-config.yaml", vec![]),
        (Some(_), None) => Verdict::fail("no commit by pre-commit-ci[bot]", vec![]),
    }
}

fn ci_configured(facts: &Facts) -> Verdict {
    let configs = &facts.ci.configs;
    let live: Vec<Evidence> = configs
        .iter()
        .filter(|c| c.runs_something && !c.manual_only())
        .map(|c| Evidence::file(&c.path).with_note(c.provider))
        .collect();
    let manual: Vec<Evidence> = configs
        .iter()
        .filter(|c| c.runs_something && c.manual_only())
        .map(|c| Evidence::file(&c.path).with_note("started only by hand"))
        .collect();
    let dead: Vec<Evidence> = configs
        .iter()
        .filter(|c| !c.runs_something)
        .map(|c| Evidence::file(&c.path).with_note("empty or commented out"))
        .collect();
    if !live.is_empty() {
        Verdict::pass(
            format!("{} with jobs", count_noun(live.len(), "CI configuration")),
            capped(live),
        )
    } else if !manual.is_empty() {
        Verdict::fail(
            "the CI workflows start only by hand (workflow_dispatch): no push or pull request runs them",
            capped(manual),
        )
    } else if !dead.is_empty() {
        Verdict::fail("CI files exist but define nothing to run", capped(dead))
    } else {
        Verdict::fail(
            "no CI configuration (GitHub or Forgejo Actions, GitLab CI, Travis, CircleCI, Azure, Bitbucket, Jenkins, AppVeyor)",
            vec![],
        )
    }
}

fn dockerfile_pinned(facts: &Facts) -> Verdict {
    dockerfiles(facts, "base images pinned", |d| {
        d.from
            .iter()
            .filter(|(_, image)| !crate::facts::image_is_pinned(image, &d.stages))
            .map(|(line, image)| {
                Evidence::line(&d.path, Some(*line))
                    .with_note(format!("FROM {image} is not pinned"))
            })
            .collect()
    })
}

fn dockerfile_non_root(facts: &Facts) -> Verdict {
    dockerfiles(facts, "switches to a non-root user", |d| {
        if d.user.as_ref().is_none_or(|(_, u)| u == "root" || u == "0") {
            let line = d.user.as_ref().map(|(l, _)| *l);
            vec![Evidence::line(&d.path, line).with_note("runs as root: no USER, or USER root")]
        } else {
            vec![]
        }
    })
}

/// Judges every Dockerfile with `faults`; `what` is the virtue checked.
fn dockerfiles(
    facts: &Facts,
    what: &str,
    faults: impl Fn(&crate::facts::Dockerfile) -> Vec<Evidence>,
) -> Verdict {
    if facts.dockerfiles.is_empty() {
        return Verdict::fail("no Dockerfile", vec![]);
    }
    let bad: Vec<Evidence> = facts.dockerfiles.iter().flat_map(faults).collect();
    if bad.is_empty() {
        return Verdict::pass(format!("every Dockerfile: {what}"), vec![]);
    }
    let credit = if facts.dockerfiles.len() > 1 {
        0.5
    } else {
        0.0
    };
    Verdict::new(
        credit,
        format!("{} fall short", count_noun(bad.len(), "Dockerfile line")),
        capped(bad),
    )
}

fn env_vars_documented(facts: &Facts) -> Verdict {
    if let Some(f) = facts
        .files
        .iter()
        .find(|f| crate::facts::is_env_example(&f.path))
    {
        return Verdict::pass(
            format!("{} lists the variables", f.path),
            vec![Evidence::file(&f.path)],
        );
    }
    if let Some(r) = &facts.readme {
        if let Some(s) = r.sections.get("configuration") {
            return Verdict::pass(
                format!("README section \"{}\"", s.heading),
                vec![Evidence::line(&r.path, Some(s.line))],
            );
        }
    }
    let total = facts.env_documented.len();
    let undocumented: Vec<Evidence> = facts
        .env_documented
        .iter()
        .filter(|(_, doc)| doc.is_none())
        .filter_map(|(name, _)| {
            let read = facts
                .python
                .env_reads
                .iter()
                .find(|r| r.name.as_deref() == Some(name.as_str()))?;
            Some(
                Evidence::line(&read.path, Some(read.line))
                    .with_note(format!("{name} is read here and documented nowhere")),
            )
        })
        .collect();
    if total == 0 {
        let ev = facts
            .python
            .env_reads
            .first()
            .map(|r| Evidence::line(&r.path, Some(r.line)))
            .into_iter()
            .collect();
        return Verdict::fail(
            "the code reads environment variables; no example env file or configuration section",
            ev,
        );
    }
    let documented = total - undocumented.len();
    let msg = format!(
        "{documented} of {total} environment variables are documented in the README or docs/"
    );
    if undocumented.is_empty() {
        let ev = facts
            .env_documented
            .values()
            .flatten()
            .take(1)
            .map(Evidence::file)
            .collect();
        Verdict::pass(msg, ev)
    } else {
        Verdict::new(
            0.9 * documented as f64 / total as f64,
            msg,
            capped(undocumented),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::Dockerfile;
    use crate::facts::python::EnvRead;
    use crate::rules::checks::testing::facts_with_files;

    #[test]
    fn pre_commit_ci_is_known_by_its_bots_commits() {
        let mut facts = facts_with_files(&[(".pre-commit-config.yaml", 300)]);
        assert_eq!(pre_commit_ci_commits(&facts).credit, 0.0);
        let author = |name: &str| crate::facts::history::AuthorStat {
            name: name.into(),
            email: "66853113+pre-commit-ci[bot]@users.noreply.github.com".into(),
            commits: 77,
            valid_email: true,
            bot: true,
        };
        facts.history = Some(crate::facts::history::HistoryFacts {
            authors: vec![author("dependabot[bot]")],
            ..Default::default()
        });
        assert_eq!(pre_commit_ci_commits(&facts).credit, 0.0);
        if let Some(h) = facts.history.as_mut() {
            h.authors.push(author("pre-commit-ci[bot]"));
        }
        let v = pre_commit_ci_commits(&facts);
        assert_eq!(v.credit, 1.0, "{}", v.message);
        assert!(v.message.contains("77 commits"), "{}", v.message);
        // Without the configuration the bot has nothing to run.
        facts.files.clear();
        assert_eq!(pre_commit_ci_commits(&facts).credit, 0.0);
    }

    #[test]
    fn ci_configured_needs_something_to_run() {
        let mut facts = Facts::default();
        assert_eq!(ci_configured(&facts).credit, 0.0);
        let mut config = crate::facts::ci::CiConfig {
            path: ".github/workflows/ci.yml".into(),
            provider: "github-actions",
            commands: vec![],
            runs_something: false,
            triggers: vec![],
            python_versions: vec![],
            jobs: vec![],
            kinds: vec![],
        };
        facts.ci.configs.push(config.clone());
        assert_eq!(
            ci_configured(&facts).message,
            "CI files exist but define nothing to run"
        );
        config.runs_something = true;
        // Started only by hand: a tool to run, not CI.
        let mut manual = config.clone();
        manual.triggers = vec!["workflow_dispatch".into()];
        facts.ci.configs.push(manual);
        let v = ci_configured(&facts);
        assert_eq!(v.credit, 0.0);
        assert!(v.message.contains("only by hand"), "{}", v.message);
        config.triggers = vec!["workflow_dispatch".into(), "push".into()];
        facts.ci.configs.push(config);
        assert_eq!(
            ci_configured(&facts).message,
            "1 CI configuration with jobs"
        );
    }

    #[test]
    fn dockerfiles_pinned_and_non_root() {
        let mut facts = Facts::default();
        assert_eq!(dockerfile_pinned(&facts).message, "no Dockerfile");
        let file = |path: &str, image: &str, user: Option<&str>| Dockerfile {
            path: path.into(),
            from: vec![(1, image.into())],
            user: user.map(|u| (5, u.into())),
            stages: vec![],
        };
        facts.dockerfiles = vec![file("Dockerfile", "python:3.12-slim", Some("app"))];
        assert_eq!(dockerfile_pinned(&facts).credit, 1.0);
        assert_eq!(dockerfile_non_root(&facts).credit, 1.0);
        facts
            .dockerfiles
            .push(file("worker/Dockerfile", "python", Some("root")));
        let pinned = dockerfile_pinned(&facts);
        assert_eq!(pinned.credit, 0.5);
        assert_eq!(
            pinned.evidence[0].note.as_deref(),
            Some("FROM python is not pinned")
        );
        assert_eq!(dockerfile_non_root(&facts).evidence[0].file_line(), Some(5));
    }

    #[test]
    fn env_vars_documented_cases() {
        let example = facts_with_files(&[(".env.example", 10)]);
        assert_eq!(
            env_vars_documented(&example).message,
            ".env.example lists the variables"
        );
        let mut facts = Facts::default();
        facts.python.env_reads.push(EnvRead {
            path: "app.py".into(),
            line: 3,
            name: Some("TOKEN".into()),
        });
        assert_eq!(env_vars_documented(&facts).credit, 0.0);
        facts.env_documented.insert("TOKEN".into(), None);
        facts
            .env_documented
            .insert("DEBUG".into(), Some("README.md".into()));
        let v = env_vars_documented(&facts);
        assert!((v.credit - 0.45).abs() < 1e-9, "{v:?}");
        assert_eq!(v.evidence[0].location(), "app.py:3");
    }
}
