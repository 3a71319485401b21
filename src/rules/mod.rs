//! Rules are data. This module loads rule files (the embedded default pack,
//! then `--rules` files), validates them with file:line:col errors, and
//! evaluates them against gathered facts.

mod eval;
mod pack;

pub use eval::{condition_name, evaluate, globset};
pub use pack::{
    PROFILES, Pack, ProfileInfo, load_default_pack, load_profile, load_rules_path, parse_rules_text,
};

pub use crate::model::{Evidence, Location, Outcome, Severity, Status};
use serde::{Deserialize, Serialize};

/// Conditions under which a rule applies; otherwise it is not-applicable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Condition {
    /// The code reads environment variables (os.environ, getenv, dotenv...).
    ReadsEnvVars,
    /// A web framework is a dependency or is imported.
    WebProject,
    /// The repository has Python files of its own.
    HasPythonCode,
    /// The repository has a CI configuration.
    HasCi,
    /// The repository has a README.
    HasReadme,
    /// There is at least one real test function.
    HasTests,
    /// The code imports an HTTP client or a cloud/API SDK.
    CallsNetwork,
    /// The repository holds Jupyter notebooks.
    HasNotebooks,
    /// The source is a git repository with commits.
    HasGitHistory,
}

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
    /// Every Dockerfile's base images carry a version tag or digest.
    DockerfilePinned,
    /// Every Dockerfile switches to a non-root USER.
    DockerfileNonRoot,
    /// An example env file, a README configuration section, or docs that
    /// name every environment variable the code reads.
    EnvVarsDocumented,
}

/// Numbers a `threshold` check can compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Metric {
    /// Non-blank test lines per non-blank source line.
    TestRatio,
    /// Number of test files.
    TestFiles,
    /// Number of real test functions.
    TestFunctions,
    /// Share of public modules, classes and functions with a docstring.
    DocstringCoverage,
    /// Share of functions whose parameters and return are annotated.
    TypeHintCoverage,
    /// Non-merge commits.
    Commits,
    /// Distinct days with a commit.
    ActiveDays,
    /// Share of commit subjects that say what changed.
    GoodSubjects,
    /// Share of commits with a message body.
    CommitBodies,
    /// Tags in the repository.
    Tags,
    /// Words of prose in the README.
    ReadmeWords,
}

/// The check vocabulary: a few kinds, many rules.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Check {
    /// Passes when any glob matches a file (or, with `min_count`, that many).
    PathExists {
        any_of: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min_count: Option<usize>,
    },
    /// Fails when a glob matches a file, optionally only files larger than
    /// `larger_than` bytes.
    PathAbsent {
        globs: Vec<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        except: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        larger_than: Option<u64>,
    },
    /// Passes when a regex matches inside any file matched by `paths`.
    FileContains { paths: Vec<String>, pattern: String },
    /// A README exists; full credit at `min_words`, partial below.
    ReadmeExists { min_words: usize },
    /// The README has a section of one of these names (see readme-sections).
    ReadmeSection {
        any_of: Vec<String>,
        /// A non-badge image (a screenshot) also satisfies the check.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        accept_images: bool,
    },
    /// Each named section exists and shows a code block; partial credit.
    ReadmeCodeBlocks { sections: Vec<String> },
    /// None of these regexes matches the README.
    ReadmeTextAbsent { patterns: Vec<String> },
    /// At least one of these regexes matches the README text.
    ReadmeTextPresent { patterns: Vec<String> },
    /// Relative links and images in the README point at files that exist.
    ReadmeLinksResolve {},
    /// An image URL in the README matches the regex (e.g. a CI badge).
    ReadmeImage { pattern: String },
    /// A link URL in the README matches the regex (e.g. a deployed app).
    ReadmeLink { pattern: String },
    /// A CI command or action matches the regex.
    CiRuns { pattern: String },
    /// A fact computed in code.
    Fact { fact: FactName },
    /// A metric reaches `pass_at`; between `partial_at` and `pass_at` earns
    /// proportional credit.
    Threshold {
        metric: Metric,
        pass_at: f64,
        partial_at: f64,
    },
    /// None of these junk categories is committed.
    JunkAbsent { categories: Vec<String> },
    /// A .gitignore exists and ignores each sample path; partial credit.
    GitignoreCovers { samples: Vec<String> },
    /// A module is imported, or a package of that name is a dependency.
    Uses { modules: Vec<String> },
    /// Passes with the best result of its sub-checks.
    Any { of: Vec<Check> },
}

#[derive(Debug, Clone, Serialize)]
pub struct Rule {
    pub id: String,
    pub family: String,
    pub title: String,
    pub severity: Severity,
    pub weight: f64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub when: Vec<Condition>,
    pub check: Check,
    pub rationale: String,
    pub fix: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guide: Option<String>,
    /// Where the rule was defined, `file:line`.
    pub origin: String,
}
