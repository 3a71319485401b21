//! Python source facts for a whole repository, aggregated from the per-file
//! tree-sitter analysis in `pysrc` and from notebooks' code cells.

use super::pysrc::{FileFacts, LONG_FILE_LINES, PyAnalyzer};
pub use super::vocabulary::is_system_variable;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Files kept per imported module in [`PythonFacts::import_sites`].
pub const SITES_KEPT: usize = 8;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EnvRead {
    pub path: String,
    pub line: u32,
    /// The variable's name, when the code spells it as a literal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A place in the code, with what was found there.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Loc {
    pub path: String,
    pub line: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct Coverage {
    pub total: usize,
    pub covered: usize,
}

impl Coverage {
    pub fn ratio(&self) -> Option<f64> {
        (self.total > 0).then(|| self.covered as f64 / self.total as f64)
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct TestStats {
    /// Real tests: pytest `test_*` functions and methods of test classes.
    pub functions: usize,
    pub with_assertions: usize,
    pub assertions: usize,
    pub fixtures: usize,
    pub parametrized: usize,
    pub mocking: bool,
    pub api_tests: bool,
    /// Test-named files holding no test at all (scripts, empty stubs).
    pub empty_test_files: Vec<String>,
    /// Test functions that assert nothing.
    pub without_assertions: Vec<Loc>,
    /// Gherkin scenarios in `.feature` files: the tests of a behave or
    /// pytest-bdd suite, once step definitions exist (see `bdd_tests`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub scenarios: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl PythonFacts {
    /// Imported, but only inside `try: ... except ImportError` guards: an
    /// optional extra, not a dependency the code needs.
    pub fn is_optional_import(&self, module: &str) -> bool {
        self.guarded_imports.contains(module) && !self.required_imports.contains(module)
    }

    /// Whether the project's own code imports a module: some file outside
    /// tests, examples, docs and fixtures imports it, or it is imported
    /// behind an ImportError guard (`try: import urllib2`, located by no
    /// site) and never by the tests. What a test harness or an example
    /// imports says nothing about what the project is built on.
    pub fn imported_by_own_code(&self, module: &str) -> bool {
        self.import_sites
            .get(module)
            .is_some_and(|sites| sites.iter().any(|p| !super::vocabulary::is_harness_path(p)))
            || (self.guarded_imports.contains(module) && !self.test_imports.contains(module))
    }

    /// Scenarios that run as tests: the code imports behave or pytest-bdd,
    /// whose step definitions turn each scenario into a test.
    pub fn bdd_tests(&self) -> usize {
        if self.imports.contains("behave") || self.imports.contains("pytest_bdd") {
            self.tests.scenarios
        } else {
            0
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Notebook {
    pub path: String,
    pub code_cells: usize,
    /// Bytes of stored cell outputs (images, tables, logs).
    pub output_bytes: usize,
    /// Whether execution counts rise from top to bottom.
    pub executed_in_order: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PythonFacts {
    pub source_files: usize,
    pub source_lines: usize,
    pub test_files: Vec<String>,
    pub test_lines: usize,
    /// Migrations, vendored and generated code: not judged as written code.
    pub generated_files: usize,
    /// Top-level modules imported anywhere in the project's own code.
    pub imports: BTreeSet<String>,
    /// Modules imported by test files (conftest included): a browser driver
    /// the tests import is a test tool, one only the product imports is how
    /// the product works.
    #[serde(skip_serializing_if = "crate::cache::in_output", default)]
    pub test_imports: BTreeSet<String>,
    /// Dotted imports' first two parts (`sklearn.preprocessing`), for
    /// telling a model from a preprocessing step.
    #[serde(skip_serializing_if = "crate::cache::in_output", default)]
    pub submodules: BTreeSet<String>,
    /// Modules some file imports outside an ImportError guard: the ones the
    /// code cannot run without (see [`PythonFacts::is_optional_import`]).
    #[serde(skip_serializing_if = "crate::cache::in_output", default)]
    pub required_imports: BTreeSet<String>,
    /// Modules some file imports inside such a guard.
    #[serde(skip_serializing_if = "crate::cache::in_output", default)]
    pub guarded_imports: BTreeSet<String>,
    /// Where the product code (not tests) needs each module: up to
    /// [`SITES_KEPT`] files per module that import it outside an
    /// ImportError guard, notebooks included. Lets the dependency check
    /// tell the shipped code's imports from an example's.
    #[serde(skip_serializing_if = "crate::cache::in_output", default)]
    pub import_sites: BTreeMap<String, Vec<String>>,
    pub env_reads: Vec<EnvRead>,
    pub tests: TestStats,
    pub docstrings: Coverage,
    pub type_hints: Coverage,
    pub bare_excepts: Vec<Loc>,
    pub swallowed_exceptions: Vec<Loc>,
    /// print() in modules that are neither scripts nor CLIs.
    pub prints: Vec<Loc>,
    pub logging_modules: usize,
    pub long_functions: Vec<Loc>,
    pub long_files: Vec<Loc>,
    pub syntax_errors: Vec<Loc>,
    pub notebooks: Vec<Notebook>,
    /// Hard-coded credentials: (path, line, what), split by whether the
    /// file is test or example code.
    #[serde(skip_serializing_if = "crate::cache::in_output", default)]
    pub credentials: Vec<(String, u32, String)>,
    /// Files nested deeper than the analyser walks: (path, first line).
    /// They become error entries.
    #[serde(skip_serializing_if = "crate::cache::in_output", default)]
    pub too_deep: Vec<(String, u32)>,
}

impl PythonFacts {
    /// Distinct environment variable names the code reads by literal name.
    pub fn env_names(&self) -> BTreeSet<&str> {
        self.env_reads
            .iter()
            .filter_map(|r| r.name.as_deref())
            .collect()
    }

    /// Test lines per source line; `None` when there is no source to test.
    pub fn test_ratio(&self) -> Option<f64> {
        (self.source_lines > 0).then(|| self.test_lines as f64 / self.source_lines as f64)
    }

    pub fn add_file(&mut self, analyzer: &mut PyAnalyzer, path: &str, text: &str) {
        if is_generated_path(path) {
            self.generated_files += 1;
            return;
        }
        let is_test = is_test_path(path);
        let f = analyzer.analyse(path, text, is_test);
        self.merge(path, f, is_test);
    }

    /// Merges what `analyse_file` found (None: generated code, not judged).
    pub fn merge_analysis(&mut self, path: &str, result: Option<(FileFacts, bool)>) {
        match result {
            Some((f, is_test)) => self.merge(path, f, is_test),
            None => self.generated_files += 1,
        }
    }

    /// A notebook's code cells, read as one module (magics dropped).
    pub fn add_notebook(
        &mut self,
        analyzer: &mut PyAnalyzer,
        path: &str,
        text: &str,
    ) -> Result<(), String> {
        let doc: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("malformed notebook JSON: {e}"))?;
        let cells = doc
            .get("cells")
            .and_then(|c| c.as_array())
            .ok_or("notebook has no cells list")?;
        let mut code = String::new();
        let mut code_cells = 0;
        let mut output_bytes = 0;
        let mut counts: Vec<i64> = Vec::new();
        for cell in cells {
            if cell.get("cell_type").and_then(|t| t.as_str()) != Some("code") {
                continue;
            }
            code_cells += 1;
            let source = match cell.get("source") {
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(serde_json::Value::Array(lines)) => {
                    lines.iter().filter_map(|l| l.as_str()).collect()
                }
                _ => String::new(),
            };
            for line in source.lines() {
                let t = line.trim_start();
                code.push_str(if t.starts_with('%') || t.starts_with('!') {
                    ""
                } else {
                    line
                });
                code.push('\n');
            }
            if let Some(outputs) = cell.get("outputs") {
                output_bytes += serde_json::to_string(outputs).map_or(0, |s| s.len());
            }
            if let Some(n) = cell.get("execution_count").and_then(|n| n.as_i64()) {
                counts.push(n);
            }
        }
        self.notebooks.push(Notebook {
            path: path.to_owned(),
            code_cells,
            output_bytes,
            executed_in_order: counts.windows(2).all(|w| w[0] < w[1]),
        });
        let f = analyzer.analyse(path, &code, false);
        if let Some(line) = f.too_deep {
            self.too_deep.push((path.to_owned(), line));
        }
        // A notebook is exploration: only its imports and settings count.
        self.required_imports.extend(f.imports.iter().cloned());
        self.note_sites(path, f.imports.iter());
        self.imports.extend(f.imports);
        self.submodules.extend(f.submodules);
        for (line, name) in f.env_reads {
            self.env_reads.push(EnvRead {
                path: path.to_owned(),
                line,
                name,
            });
        }
        for (line, what) in f.credentials {
            self.credentials.push((path.to_owned(), line, what));
        }
        Ok(())
    }

    fn note_sites<'a>(&mut self, path: &str, modules: impl Iterator<Item = &'a String>) {
        for m in modules {
            let sites = self.import_sites.entry(m.clone()).or_default();
            if sites.len() < SITES_KEPT {
                sites.push(path.to_owned());
            }
        }
    }

    fn merge(&mut self, path: &str, f: FileFacts, is_test: bool) {
        let loc = |line: u32, note: Option<String>| Loc {
            path: path.to_owned(),
            line,
            note,
        };
        self.imports.extend(f.imports.iter().cloned());
        self.guarded_imports
            .extend(f.guarded_imports.iter().cloned());
        self.required_imports.extend(
            f.imports
                .iter()
                .filter(|i| !f.guarded_imports.contains(i))
                .cloned(),
        );
        self.submodules.extend(f.submodules.iter().cloned());
        if is_test {
            self.test_imports.extend(f.imports.iter().cloned());
        } else {
            self.note_sites(
                path,
                f.imports.iter().filter(|i| !f.guarded_imports.contains(*i)),
            );
        }
        if let Some(line) = f.too_deep {
            self.too_deep.push((path.to_owned(), line));
        }
        for (line, what) in &f.credentials {
            self.credentials
                .push((path.to_owned(), *line, what.clone()));
        }
        if let Some(line) = f.syntax_error {
            self.syntax_errors
                .push(loc(line, Some("does not parse as Python 3".to_owned())));
        }
        if is_test {
            self.test_files.push(path.to_owned());
            self.test_lines += f.lines;
            let t = &mut self.tests;
            t.functions += f.tests.len();
            t.with_assertions += f.tests.iter().filter(|x| x.assertions > 0).count();
            t.assertions += f.tests.iter().map(|x| x.assertions).sum::<usize>();
            t.fixtures += f.fixtures;
            t.parametrized += f.parametrized;
            t.mocking |= f.mocks;
            t.api_tests |= f.api_client && !f.tests.is_empty();
            let name = path.rsplit('/').next().unwrap_or(path);
            let support = matches!(name, "conftest.py" | "__init__.py") || !name.contains("test");
            if f.tests.is_empty() && (!support || f.django_stub) {
                t.empty_test_files.push(path.to_owned());
            }
            for x in f.tests.iter().filter(|x| x.assertions == 0) {
                t.without_assertions.push(loc(x.line, Some(x.name.clone())));
            }
            return;
        }
        self.source_files += 1;
        self.source_lines += f.lines;
        for (line, name) in f.env_reads {
            self.env_reads.push(EnvRead {
                path: path.to_owned(),
                line,
                name,
            });
        }
        self.docstrings.total += f.public_defs;
        self.docstrings.covered += f.documented;
        self.type_hints.total += f.functions;
        self.type_hints.covered += f.typed_functions;
        self.bare_excepts.extend(
            f.bare_excepts
                .iter()
                .map(|l| loc(*l, Some("bare `except:`".to_owned()))),
        );
        self.swallowed_exceptions.extend(
            f.swallowed_exceptions
                .iter()
                .map(|l| loc(*l, Some("exception caught and ignored".to_owned()))),
        );
        if f.uses_logging {
            self.logging_modules += 1;
        }
        if !f.is_script {
            self.prints
                .extend(f.prints.iter().map(|l| loc(*l, Some("print()".to_owned()))));
        }
        for (line, name, span) in f.long_functions {
            self.long_functions
                .push(loc(line, Some(format!("{name}() is {span} lines"))));
        }
        if f.lines > LONG_FILE_LINES {
            self.long_files
                .push(loc(1, Some(format!("{} lines", f.lines))));
        }
    }
}

thread_local! {
    static ANALYZER: std::cell::RefCell<Option<PyAnalyzer>> = std::cell::RefCell::new(PyAnalyzer::new());
}

/// Analyses one file on the calling thread's own parser. None for generated
/// code, which is counted but not judged.
pub fn analyse_file(path: &str, text: &str) -> Option<(FileFacts, bool)> {
    if is_generated_path(path) {
        return None;
    }
    let is_test = is_test_path(path);
    ANALYZER.with(|a| {
        let mut a = a.borrow_mut();
        let analyzer = a.as_mut()?;
        Some((analyzer.analyse(path, text, is_test), is_test))
    })
}

/// Code nobody on the project wrote by hand: migrations, vendored packages,
/// generated protobuf modules.
pub fn is_generated_path(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.ends_with("_pb2.py")
        || name.ends_with("_pb2_grpc.py")
        || path.split('/').rev().skip(1).any(|d| {
            matches!(
                d,
                "migrations"
                    | "_vendor"
                    | "vendor"
                    | "vendored"
                    | "third_party"
                    | "site-packages"
                    | "node_modules"
            )
        })
        || path.contains("alembic/versions/")
}

/// Whether a path is a test module by the conventions pytest and unittest
/// discover.
pub fn is_test_path(path: &str) -> bool {
    if !path.ends_with(".py") {
        return false;
    }
    let name = path.rsplit('/').next().unwrap_or(path);
    let in_test_dir = path
        .split('/')
        .rev()
        .skip(1)
        .any(|d| d == "tests" || d == "test" || d == "testing");
    in_test_dir
        || name.starts_with("test_")
        || name.ends_with("_test.py")
        // Named in the plural (`tests_users.py`, `api_tests.py`): pytest
        // collects them when they are named on its command line, and a
        // reviewer reads them as tests.
        || name.starts_with("tests_")
        || name.ends_with("_tests.py")
        || name == "tests.py"
        // A single-module package's suite (`test.py` beside `slugify/`),
        // run as `python -m unittest test` or `pytest test.py`.
        || name == "test.py"
        || name == "conftest.py"
        // Named in camel case (`testLogin.py`, `testAutomationPytest.py`),
        // as QA engineers from Java write them: unittest's discovery
        // pattern is `test*.py`, and pytest runs them when named.
        || name
            .strip_prefix("test")
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_paths() {
        assert!(is_test_path("tests/test_api.py"));
        assert!(is_test_path("tests/helpers.py"));
        assert!(is_test_path("app/tests.py"));
        assert!(is_test_path("test.py"));
        assert!(is_test_path("pkg/thing_test.py"));
        assert!(is_test_path("conftest.py"));
        assert!(is_test_path("tests_users.py"));
        assert!(is_test_path("testAutomationPytest.py"));
        assert!(!is_test_path("testing_utils.py"));
        assert!(!is_test_path("testdata.py"));
        assert!(is_test_path("api_tests.py"));
        assert!(!is_test_path("testsuite.py"));
        assert!(!is_test_path("app/testing_utils.txt"));
        assert!(!is_test_path("src/app/main.py"));
    }

    #[test]
    fn generated_code_is_set_aside() {
        assert!(is_generated_path("blog/migrations/0001_initial.py"));
        assert!(is_generated_path("src/pkg/_vendor/six.py"));
        assert!(!is_generated_path("src/pkg/models.py"));
    }

    #[test]
    fn notebooks_are_read_as_json() {
        let mut a = PyAnalyzer::new().expect("grammar");
        let mut f = PythonFacts::default();
        let nb = r##"{"cells": [
            {"cell_type": "markdown", "source": ["# EDA"]},
            {"cell_type": "code", "execution_count": 2, "source": ["%matplotlib inline\n", "import pandas as pd\n"], "outputs": []},
            {"cell_type": "code", "execution_count": 1, "source": "import os\nKEY = os.getenv('KAGGLE_KEY')", "outputs": [{"data": {"text/plain": ["x"]}}]}
        ]}"##;
        f.add_notebook(&mut a, "eda.ipynb", nb).expect("reads");
        assert_eq!(f.notebooks[0].code_cells, 2);
        assert!(!f.notebooks[0].executed_in_order);
        assert!(f.notebooks[0].output_bytes > 10);
        assert!(f.imports.contains("pandas"));
        assert_eq!(
            f.env_names().into_iter().collect::<Vec<_>>(),
            ["KAGGLE_KEY"]
        );
        assert!(f.add_notebook(&mut a, "bad.ipynb", "{not json").is_err());
    }
}
