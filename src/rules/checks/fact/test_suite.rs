//! Facts about the test suite: a runner, assertions, fixtures, mocks and
//! API tests. (How many tests exist is a `threshold` metric.)

use super::{Coded, loc_evidence};
use crate::facts::Facts;
use crate::rules::Evidence;
use crate::rules::checks::Verdict;
use crate::rules::checks::text::{capped, count_noun};

pub const TEST_RUNNER_CONFIGURED: Coded = Coded {
    evaluate: test_runner,
    pass: "the test run is configured: pytest.ini, tox.ini, noxfile.py, a conftest.py, a [tool.pytest] or similar section, Django's manage.py test runner, or unittest discovery",
    fail: "nothing says how the tests run (pytest as a bare dependency with no configuration earns half)",
};

pub const TESTS_ASSERT: Coded = Coded {
    evaluate: tests_assert,
    pass: "at least 90% of the test functions assert something",
    fail: "test functions run code without asserting anything; credit is the share that assert",
};

pub const TEST_FIXTURES: Coded = Coded {
    evaluate: test_fixtures,
    pass: "the tests share setup through pytest fixtures, parametrize or a conftest.py",
    fail: "no pytest fixture, parametrize or conftest.py: each test builds its own data",
};

pub const TEST_MOCKING: Coded = Coded {
    evaluate: test_mocking,
    pass: "the tests replace network calls with mocks (unittest.mock, pytest-mock, responses, respx...)",
    fail: "the code calls the network and no test mocks it, so the tests need a live service",
};

pub const API_TESTS: Coded = Coded {
    evaluate: api_tests,
    pass: "a test calls the web API's endpoints through a test client (TestClient, app.test_client(), Django's Client...)",
    fail: "the web project has no test that calls its endpoints through a test client",
};

fn test_runner(facts: &Facts) -> Verdict {
    let m = &facts.manifests;
    for path in [
        "pytest.ini",
        "tox.ini",
        "noxfile.py",
        "conftest.py",
        "tests/conftest.py",
        "test/conftest.py",
    ] {
        if facts.path_exists(path) {
            return Verdict::pass(
                format!("{path} configures the test run"),
                vec![Evidence::file(path)],
            );
        }
    }
    let sections = [
        "tool.pytest.ini_options",
        "tool.pytest",
        "tool:pytest",
        "pytest",
        "tool.hatch.envs.test",
        "tool.tox",
    ];
    if let Some(s) = m
        .tool_sections
        .iter()
        .find(|s| sections.contains(&s.value.as_str()))
    {
        return Verdict::pass(
            format!("[{}] in {}", s.value, s.path),
            vec![Evidence::line(&s.path, s.line)],
        );
    }
    // Django's runner and unittest discovery need no configuration file.
    if facts.path_exists("manage.py") && !facts.python.test_files.is_empty() {
        return Verdict::pass(
            "Django's test runner (manage.py test)",
            vec![Evidence::file("manage.py")],
        );
    }
    if facts.python.imports.contains("unittest") && !facts.python.test_files.is_empty() {
        let first = facts
            .python
            .test_files
            .first()
            .map(Evidence::file)
            .into_iter()
            .collect();
        return Verdict::pass(
            "unittest tests, run by `python -m unittest` discovery",
            first,
        );
    }
    if let Some(d) = m.dependencies.iter().find(|d| d.name == "pytest") {
        return Verdict::new(
            0.5,
            "pytest is a dependency but has no configuration (testpaths, options)",
            vec![Evidence::line(&d.file, d.line)],
        );
    }
    Verdict::fail("no pytest or unittest configuration found", vec![])
}

fn tests_assert(facts: &Facts) -> Verdict {
    let t = &facts.python.tests;
    let share = t.with_assertions as f64 / t.functions.max(1) as f64;
    let msg = format!(
        "{} of {} assert something ({} assertions)",
        t.with_assertions,
        count_noun(t.functions, "test function"),
        t.assertions
    );
    let ev = capped(t.without_assertions.iter().map(loc_evidence).collect());
    if share >= 0.9 {
        Verdict::pass(msg, ev)
    } else {
        Verdict::new(share, msg, ev)
    }
}

fn test_fixtures(facts: &Facts) -> Verdict {
    let t = &facts.python.tests;
    let conftest = facts.files.iter().find(|f| f.path.ends_with("conftest.py"));
    if t.fixtures + t.parametrized > 0 || conftest.is_some() {
        let ev = conftest
            .map(|c| Evidence::file(&c.path))
            .into_iter()
            .collect();
        Verdict::pass(
            format!(
                "{} fixtures, {} parametrized tests",
                t.fixtures, t.parametrized
            ),
            ev,
        )
    } else {
        Verdict::fail(
            "no pytest fixtures, parametrize or conftest.py: each test builds its own data",
            vec![],
        )
    }
}

fn test_mocking(facts: &Facts) -> Verdict {
    if facts.python.tests.mocking {
        return Verdict::pass("tests replace network calls with mocks", vec![]);
    }
    let used: Vec<&str> = crate::rules::conditions::NETWORK_MODULES
        .iter()
        .copied()
        .filter(|m| facts.python.imports.contains(*m))
        .collect();
    Verdict::fail(
        format!("the code uses {}, and no test mocks it", used.join(", ")),
        vec![],
    )
}

fn api_tests(facts: &Facts) -> Verdict {
    if facts.python.tests.api_tests {
        Verdict::pass("tests call the API through a test client", vec![])
    } else {
        Verdict::fail(
            format!(
                "a {} project with no test that calls its endpoints",
                facts.web_frameworks.join("/")
            ),
            vec![],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::manifests::Located;
    use crate::rules::checks::testing::{facts_with_files, loc};

    #[test]
    fn test_runner_looks_in_order() {
        let mut facts = Facts::default();
        assert_eq!(test_runner(&facts).credit, 0.0);
        facts.manifests.tool_sections.push(Located {
            path: "pyproject.toml".into(),
            line: Some(20),
            value: "tool.pytest.ini_options".into(),
        });
        assert_eq!(
            test_runner(&facts).message,
            "[tool.pytest.ini_options] in pyproject.toml"
        );
        let mut django = facts_with_files(&[("manage.py", 1), ("app/tests.py", 1)]);
        django.python.test_files.push("app/tests.py".into());
        assert_eq!(
            test_runner(&django).message,
            "Django's test runner (manage.py test)"
        );
        let ini = facts_with_files(&[("pytest.ini", 1)]);
        assert_eq!(
            test_runner(&ini).message,
            "pytest.ini configures the test run"
        );
    }

    #[test]
    fn tests_assert_share() {
        let mut facts = Facts::default();
        facts.python.tests.functions = 4;
        facts.python.tests.with_assertions = 2;
        facts.python.tests.without_assertions = vec![loc("tests/test_a.py", 3)];
        let v = tests_assert(&facts);
        assert_eq!(v.credit, 0.5);
        assert_eq!(v.evidence[0].location(), "tests/test_a.py:3");
        facts.python.tests.with_assertions = 4;
        assert_eq!(tests_assert(&facts).credit, 1.0);
    }

    #[test]
    fn fixtures_mocks_and_api_tests() {
        let mut facts = Facts::default();
        assert_eq!(test_fixtures(&facts).credit, 0.0);
        facts.python.tests.parametrized = 2;
        assert_eq!(test_fixtures(&facts).credit, 1.0);
        facts.python.imports.insert("requests".into());
        assert_eq!(
            test_mocking(&facts).message,
            "the code uses requests, and no test mocks it"
        );
        facts.python.tests.mocking = true;
        assert_eq!(test_mocking(&facts).credit, 1.0);
        facts.web_frameworks.push("flask".into());
        assert_eq!(
            api_tests(&facts).message,
            "a flask project with no test that calls its endpoints"
        );
        facts.python.tests.api_tests = true;
        assert_eq!(api_tests(&facts).credit, 1.0);
    }
}
