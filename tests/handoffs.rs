//! CI hand-offs a reviewer follows by eye (task runners, matrix values,
//! compose services, local actions), the CI-LINT definition, and
//! notebook-only projects, each on a repository built here.

mod common;

use common::*;

fn audit(files: &[(&str, &[u8])]) -> serde_json::Value {
    let mut repo = TestRepo::new();
    repo.commit("Add the project", files);
    let out = run_in(repo.path(), &["audit", ".", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    json(&out)
}

fn status(report: &serde_json::Value, id: &str) -> String {
    outcome(report, id)["status"]
        .as_str()
        .unwrap_or("")
        .to_owned()
}

const APP: &[u8] = b"def add(a, b):\n    return a + b\n";
const TEST: &[u8] = b"from app import add\n\n\ndef test_add():\n    assert add(1, 2) == 3\n";

#[test]
fn poe_tasks_named_by_a_matrix_are_followed() {
    let workflow = b"on: [push, pull_request]\njobs:\n  t:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        include:\n          - task: check\n          - task: lint\n    steps:\n      - uses: astral-sh/setup-uv@v7\n      - run: uv run --python 3.12 poe ${{ matrix.task }}\n";
    let pyproject = b"[project]\nname = \"app\"\nversion = \"1\"\ndependencies = []\n\n[tool.poe.tasks]\ntest = \"pytest\"\ncheck = [\"test\"]\n\n[tool.poe.tasks.lint]\nsequence = [{ cmd = \"ruff check .\" }, { ref = \"test\" }]\n";
    let report = audit(&[
        (".github/workflows/ci.yml", workflow),
        ("pyproject.toml", pyproject),
        ("app.py", APP),
        ("tests/test_app.py", TEST),
    ]);
    assert_eq!(
        status(&report, "CI-TESTS"),
        "pass",
        "{}",
        outcome(&report, "CI-TESTS")
    );
    assert_eq!(
        status(&report, "CI-LINT"),
        "pass",
        "{}",
        outcome(&report, "CI-LINT")
    );
}

#[test]
fn a_local_composite_action_and_an_attached_compose_up_are_followed() {
    let workflow = b"on: [push]\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/actions/checks\n      - run: |\n          docker-compose build\n          docker-compose up --abort-on-container-exit app\n";
    let action = b"runs:\n  using: composite\n  steps:\n    - run: flake8 .\n      shell: bash\n";
    let compose = b"services:\n  app:\n    build: .\n    command: [\"pytest\", \"-s\"]\n  db:\n    image: postgres:16\n";
    let report = audit(&[
        (".github/workflows/ci.yml", workflow),
        (".github/actions/checks/action.yml", action),
        ("docker-compose.yml", compose),
        ("requirements.txt", b"pytest\n"),
        ("app.py", APP),
        ("tests/test_app.py", TEST),
    ]);
    let tests = outcome(&report, "CI-TESTS");
    assert_eq!(tests["status"], "pass", "{tests}");
    assert!(
        tests["message"]
            .as_str()
            .unwrap_or("")
            .contains("docker-compose.yml"),
        "{tests}"
    );
    let lint = outcome(&report, "CI-LINT");
    assert_eq!(lint["status"], "pass", "{lint}");
    assert!(
        lint["message"]
            .as_str()
            .unwrap_or("")
            .contains(".github/actions/checks/action.yml"),
        "{lint}"
    );
}

#[test]
fn a_type_checker_alone_is_half_of_ci_lint() {
    let workflow = b"on: [push]\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pip install mypy pytest\n      - run: mypy --strict .\n      - run: pytest\n";
    let report = audit(&[
        (".github/workflows/ci.yml", workflow),
        ("requirements.txt", b"pytest\n"),
        ("app.py", APP),
        ("tests/test_app.py", TEST),
    ]);
    let lint = outcome(&report, "CI-LINT");
    assert_eq!(lint["status"], "partial", "{lint}");
    assert_eq!(lint["credit"], 0.5, "{lint}");
}

#[test]
fn a_notebook_only_project_is_a_python_project() {
    let nb = br##"{"cells": [{"cell_type": "code", "source": ["import pandas as pd\n", "df = pd.read_csv('sales.csv')\n"], "metadata": {}, "outputs": [], "execution_count": null}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}"##;
    let report = audit(&[
        ("analysis.ipynb", nb),
        ("requirements.txt", b"pandas\n"),
        ("README.md", b"# Sales\n"),
    ]);
    assert_eq!(status(&report, "DEPS-DECLARED"), "pass");
    assert_eq!(status(&report, "TESTS-EXIST"), "fail");
    let repo = &report["repos"][0];
    assert!(repo["score"].is_number(), "{repo}");
    assert!(
        !repo["warnings"]
            .to_string()
            .contains("not a Python project"),
        "{}",
        repo["warnings"]
    );
}

#[test]
fn a_linter_runner_action_is_ci_lint() {
    let wf = b"on: [push]\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - name: Run linters\n        uses: wearerequired/lint-action@v2\n        with:\n          black: true\n";
    let report = audit(&[
        (".github/workflows/lint.yml", wf),
        ("app/main.py", b"print('hi')\n"),
    ]);
    assert_eq!(status(&report, "CI-LINT"), "pass");
}

#[test]
fn a_shared_workflow_named_for_tests_and_lint_runs_them() {
    // Organisations keep test and lint jobs in a shared repository and call
    // them by reference; its file name is all this repository shows.
    let wf = b"on: [pull_request]\njobs:\n  test:\n    uses: acme/.github/.github/workflows/python-uv-shared-test.yml@main\n  lint:\n    uses: acme/.github/.github/workflows/python-uv-shared-lint.yml@main\n";
    let report = audit(&[
        (".github/workflows/ci.yml", wf),
        ("app/main.py", b"print('hi')\n"),
        (
            "tests/test_main.py",
            b"from app.main import x\n\ndef test_x():\n    assert x == 1\n",
        ),
    ]);
    assert_eq!(status(&report, "CI-TESTS"), "pass");
    assert_eq!(status(&report, "CI-LINT"), "pass");
    // A shared workflow named for something else runs neither.
    let build = b"on: [push]\njobs:\n  build:\n    uses: acme/.github/.github/workflows/docker-build.yml@v2\n";
    let report = audit(&[
        (".github/workflows/ci.yml", build),
        ("app/main.py", b"print('hi')\n"),
    ]);
    assert_eq!(status(&report, "CI-TESTS"), "fail");
    assert_eq!(status(&report, "CI-LINT"), "fail");
}

#[test]
fn infrastructure_linters_are_lint() {
    // DevOps repositories lint their Terraform, playbooks and shell.
    let wf = b"on: [push]\njobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n      - run: terraform fmt -check -recursive\n      - run: shellcheck scripts/*.sh\n";
    let report = audit(&[
        (".github/workflows/ci.yml", wf),
        ("main.tf", b"resource \"null_resource\" \"x\" {}\n"),
        ("scripts/cleanup.py", b"print('hi')\n"),
    ]);
    assert_eq!(status(&report, "CI-LINT"), "pass");
    // Applying the plan checks nothing.
    let apply = b"on: [push]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: terraform apply -auto-approve\n";
    let report = audit(&[
        (".github/workflows/ci.yml", apply),
        ("main.tf", b"resource \"null_resource\" \"x\" {}\n"),
        ("scripts/cleanup.py", b"print('hi')\n"),
    ]);
    assert_eq!(status(&report, "CI-LINT"), "fail");
}

#[test]
fn a_sql_linter_on_the_models_is_lint_and_its_fixer_is_not() {
    // A dbt project's SQL is code too; sqlfluff lint judges its style.
    let lint = b"on: [push]\njobs:\n  sql:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pip install sqlfluff\n      - run: sqlfluff lint models/ --dialect postgres\n";
    let files = |wf: &'static [u8]| {
        audit(&[
            (".github/workflows/sql.yml", wf),
            ("models/orders.sql", b"select 1\n"),
            ("load.py", APP),
        ])
    };
    assert_eq!(status(&files(lint), "CI-LINT"), "pass");
    let fix = b"on: [push]\njobs:\n  sql:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pip install sqlfluff\n      - run: sqlfluff fix models/\n";
    assert_eq!(status(&files(fix), "CI-LINT"), "fail");
}

#[test]
fn taskipy_hooks_and_tox_factor_lines_are_followed() {
    // `task test` runs taskipy's pre_test hook first: here, the linter.
    let wf = b"on: [push]\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pipx install poetry\n      - run: poetry install\n      - run: poetry run task test\n";
    let py = b"[project]\nname = \"app\"\nversion = \"1\"\ndependencies = []\n\n[tool.taskipy.tasks]\nlint = 'ruff check'\npre_test = 'task lint'\ntest = 'pytest -x'\n";
    let report = audit(&[
        (".github/workflows/ci.yml", wf),
        ("pyproject.toml", py),
        ("app.py", APP),
        ("tests/test_app.py", TEST),
    ]);
    assert_eq!(status(&report, "CI-TESTS"), "pass");
    assert_eq!(status(&report, "CI-LINT"), "pass");
    // tox's `lint:` lines run only in an environment with that factor.
    let wf = b"on: [push]\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pip install tox\n      - run: tox -e unittest\n";
    let tox = b"[tox]\nenvlist = py312\n\n[testenv]\ncommands =\n    unittest: pytest\n    lint: ruff check app.py\n";
    let only_tests = audit(&[
        (".github/workflows/ci.yml", wf),
        ("tox.ini", tox),
        ("app.py", APP),
        ("tests/test_app.py", TEST),
    ]);
    assert_eq!(status(&only_tests, "CI-TESTS"), "pass");
    assert_eq!(status(&only_tests, "CI-LINT"), "fail");
}

#[test]
fn hosted_code_quality_scanners_are_lint() {
    // SonarCloud applies code-smell and style rules on every push, which is
    // what a reviewer wants from a lint step.
    let wf = b"on: [push]\njobs:\n  sonar:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: SonarSource/sonarcloud-github-action@master\n";
    let report = audit(&[(".github/workflows/build.yml", wf), ("app.py", APP)]);
    assert_eq!(status(&report, "CI-LINT"), "pass");
    // An upload of coverage is no scan.
    let wf = b"on: [push]\njobs:\n  cov:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: codecov/codecov-action@v4\n";
    let report = audit(&[(".github/workflows/build.yml", wf), ("app.py", APP)]);
    assert_eq!(status(&report, "CI-LINT"), "fail");
}

#[test]
fn tox_in_setup_cfg_runs_its_lint_environments() {
    let wf = b"on: [push]\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pip install tox\n      - run: tox\n";
    let cfg = b"[metadata]\nname = app\n\n[tox:tox]\nenvlist =\n    pre-commit\n    py312\n\n[testenv]\ncommands = pytest tests/\n\n[testenv:pre-commit]\ncommands = pre-commit run --all-files\n";
    let report = audit(&[
        (".github/workflows/tests.yml", wf),
        ("setup.cfg", cfg),
        (
            "pyproject.toml",
            b"[build-system]\nrequires = [\"setuptools\"]\n",
        ),
        ("app.py", APP),
        ("tests/test_app.py", TEST),
    ]);
    assert_eq!(status(&report, "CI-TESTS"), "pass");
    assert_eq!(status(&report, "CI-LINT"), "pass");
}
