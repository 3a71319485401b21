//! `kind = "fact"`: the checks written in code, for judgements no TOML
//! parameter can express (is a dependency pinned, does a test mock the
//! network, did one commit create the project).
//!
//! Each fact is a [`Coded`] constant in the module of its concern (deps,
//! test_suite, code, history, ops); [`coded`] is the one table mapping a
//! fact's name to it.

mod code;
mod deps;
mod deps_coverage;
mod history;
mod ops;
mod test_suite;

use super::{CheckKind, Conditions, KindDoc, Verdict};
use crate::facts::Facts;
use serde::{Deserialize, Serialize};

/// Facts computed in code that a rule can name with `kind = "fact"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FactName {
    /// Dependencies are declared in some manifest.
    DepsDeclared,
    /// A lock file exists, or the share of pinned requirements (partial credit).
    DepsReproducible,
    /// requires-python, python_requires, .python-version and the like.
    PythonVersionDeclared,
    /// Dev and test tools are kept apart from runtime dependencies.
    DevDepsSeparate,
    /// pytest or unittest is configured.
    TestRunnerConfigured,
    /// A CI configuration exists and has something to run.
    CiConfigured,
    /// Test functions assert something.
    TestsAssert,
    /// pytest fixtures, parametrize or a conftest.
    TestFixtures,
    /// Tests mock what they call over the network.
    TestMocking,
    /// Tests exercise the API through a test client.
    ApiTests,
    /// No bare `except:` and no exceptions caught and ignored.
    ErrorHandling,
    /// Library code logs instead of printing.
    Logging,
    /// No very long functions or files.
    CodeSize,
    /// Every Python file parses.
    SourceParses,
    /// Notebooks carry no bulky outputs and ran top to bottom.
    NotebooksClean,
    /// No single commit created most of the project.
    NoDumpCommit,
    /// Commit authors have real email addresses.
    AuthorIdentities,
    /// No credential was ever committed, even if deleted later.
    NoLeakedSecretsInHistory,
    /// No file over 10 MB was ever committed.
    NoLargeFilesInHistory,
    /// No virtualenv, bytecode, cache or `.env` was committed and deleted later.
    NoJunkInHistory,
    /// Every Dockerfile's base images carry a version tag or digest.
    DockerfilePinned,
    /// Every Dockerfile switches to a non-root USER.
    DockerfileNonRoot,
    /// An example env file, a README configuration section, or docs that
    /// name every environment variable the code reads.
    EnvVarsDocumented,
    /// pre-commit.ci's bot commits to the repository: the hosted service
    /// runs its hooks.
    PreCommitCiCommits,
}

/// One check written in code: how it judges, and what passes and fails,
/// in words a user reads in `explain`.
pub struct Coded {
    pub evaluate: fn(&Facts) -> Verdict,
    pub pass: &'static str,
    pub fail: &'static str,
}

/// The one table from a fact's name to the code that checks it.
pub fn coded(fact: FactName) -> &'static Coded {
    match fact {
        FactName::DepsDeclared => &deps::DEPS_DECLARED,
        FactName::DepsReproducible => &deps::DEPS_REPRODUCIBLE,
        FactName::PythonVersionDeclared => &deps::PYTHON_VERSION_DECLARED,
        FactName::DevDepsSeparate => &deps::DEV_DEPS_SEPARATE,
        FactName::TestRunnerConfigured => &test_suite::TEST_RUNNER_CONFIGURED,
        FactName::TestsAssert => &test_suite::TESTS_ASSERT,
        FactName::TestFixtures => &test_suite::TEST_FIXTURES,
        FactName::TestMocking => &test_suite::TEST_MOCKING,
        FactName::ApiTests => &test_suite::API_TESTS,
        FactName::ErrorHandling => &code::ERROR_HANDLING,
        FactName::Logging => &code::LOGGING,
        FactName::CodeSize => &code::CODE_SIZE,
        FactName::SourceParses => &code::SOURCE_PARSES,
        FactName::NotebooksClean => &code::NOTEBOOKS_CLEAN,
        FactName::NoDumpCommit => &history::NO_DUMP_COMMIT,
        FactName::AuthorIdentities => &history::AUTHOR_IDENTITIES,
        FactName::NoLeakedSecretsInHistory => &history::NO_LEAKED_SECRETS,
        FactName::NoLargeFilesInHistory => &history::NO_LARGE_FILES,
        FactName::NoJunkInHistory => &history::NO_JUNK,
        FactName::CiConfigured => &ops::CI_CONFIGURED,
        FactName::DockerfilePinned => &ops::DOCKERFILE_PINNED,
        FactName::DockerfileNonRoot => &ops::DOCKERFILE_NON_ROOT,
        FactName::EnvVarsDocumented => &ops::ENV_VARS_DOCUMENTED,
        FactName::PreCommitCiCommits => &ops::PRE_COMMIT_CI_COMMITS,
    }
}

/// A fact computed in code.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub fact: FactName,
}

impl CheckKind for Fact {
    fn doc(&self) -> KindDoc {
        KindDoc {
            name: "fact",
            checks: "a judgement written in code, named by `fact`",
            why: "some practices (pinned dependencies, mocked network calls, one dump commit) need code to judge",
        }
    }

    fn evaluate(&self, facts: &Facts) -> Verdict {
        (coded(self.fact).evaluate)(facts)
    }

    fn describe(&self) -> Conditions {
        let c = coded(self.fact);
        Conditions::new(c.pass, c.fail)
    }
}

/// Evidence for a place in the code, keeping what was found there.
fn loc_evidence(l: &crate::facts::python::Loc) -> crate::rules::Evidence {
    let e = crate::rules::Evidence::line(&l.path, Some(l.line));
    match &l.note {
        Some(n) => e.with_note(n.clone()),
        None => e,
    }
}
