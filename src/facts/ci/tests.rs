use super::*;

#[test]
fn github_steps_with_lines() {
    let y = "name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: pip install -e .[dev]\n      - run: |\n          ruff check .\n          pytest -q\n";
    let c = parse(".github/workflows/ci.yml", "github-actions", y).expect("parses");
    let texts: Vec<_> = c
        .commands
        .iter()
        .map(|c| (c.line, c.text.as_str()))
        .collect();
    assert_eq!(texts[0], (1, "CI"));
    assert_eq!(texts[1], (7, "actions/checkout@v4"));
    assert_eq!(texts[2].0, 8);
    assert_eq!(texts[3].0, 10);
    assert_eq!(c.triggers, ["push"]);
    assert_eq!(c.jobs, ["test"]);
}

#[test]
fn matrix_versions_and_kinds() {
    let y = "on:\n  push:\n  pull_request:\njobs:\n  t:\n    strategy:\n      matrix:\n        python-version: ['3.11', '3.12']\n    steps:\n      - uses: actions/setup-python@v5\n        with:\n          python-version: ${{ matrix.python-version }}\n      - run: pip install pytest mypy\n      - run: mypy src\n";
    let mut c = parse(".github/workflows/t.yml", "github-actions", y).expect("parses");
    classify(&mut c);
    assert_eq!(c.triggers, ["push", "pull_request"]);
    assert_eq!(c.python_versions, ["3.11", "3.12"]);
    assert_eq!(
        c.kinds,
        ["type-check"],
        "installing pytest is not running it"
    );
}

#[test]
fn make_recipes_join_continuations_and_fill_in_variables() {
    let mut files = std::collections::HashMap::new();
    files.insert(
        "Makefile",
        "COMPOSE_DEV = docker-compose\nCOMPOSE_CI = docker compose -f docker-compose.yml\n\
         COMPOSE = $(COMPOSE_DEV)\nTESTS ?= tests\nTESTS += -q\n\n\
         e2e:\n\t$(MAKE) clean\n\t$(COMPOSE) run --rm test-client\n\n\
         unit: PATH := venv/bin:$(PATH)\n\
         unit:\n\t$(call in_env, pip install -q pytest)\n\t$(call in_env, python -m pytest ${TESTS})\n\n\
         ci:\n\t$(MAKE) COMPOSE=\"$(COMPOSE_CI)\" \\\n\t\tunit \\\n\t\te2e\n",
    );
    files.insert(
        "docker-compose.yml",
        "services:\n  test-client:\n    command: ./run_test.sh\n",
    );
    let mut read = |p: &str| files.get(p).map(|s| s.to_string());
    let ci = expand("make ci", &mut read);
    assert_eq!(
        texts(&ci),
        ["$(MAKE) COMPOSE=\"docker compose -f docker-compose.yml\" unit e2e"]
    );
    // The joined command keeps the line where it starts.
    assert_eq!(ci[0].line, 17);
    // A quoted command-line value names no targets: only unit and e2e run.
    assert_eq!(
        texts(&expand(&ci[0].text, &mut read)),
        [
            "pip install -q pytest",
            "python -m pytest tests -q",
            "$(MAKE) clean",
            "docker-compose run --rm test-client"
        ]
    );
    assert_eq!(
        texts(&expand("docker-compose run --rm test-client", &mut read)),
        ["./run_test.sh"]
    );
}

#[test]
fn make_tox_nox_and_pyproject_tasks_are_followed() {
    let mut files = std::collections::HashMap::new();
    files.insert(
        "Makefile",
        "ci: lint test\n\t@echo done\n\ntest:\n\tpython -m pytest tests\n",
    );
    files.insert("tox.ini", "[tox]\nenvlist = py\n[testenv]\ndeps = pytest\ncommands =\n    pytest {posargs}\n[testenv:lint]\ncommands = ruff check .\n");
    files.insert("noxfile.py", "import nox\n@nox.session\ndef tests(session):\n    session.install('.')\n    session.run('pytest', '-q')\n");
    files.insert("pyproject.toml", "[tool.poe.tasks]\ntest = \"pytest -x\"\n[tool.hatch.envs.dev.scripts]\ncov = [\"coverage run -m pytest\"]\n");
    let mut read = |p: &str| files.get(p).map(|s| s.to_string());
    let make = expand("make ci", &mut read);
    assert_eq!(
        make.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(),
        ["make lint", "make test", "echo done"]
    );
    // Several targets run in order; a recipe's `$(MAKE) target` is make.
    assert_eq!(
        texts(&expand("make -j2 V=1 ci test", &mut read)),
        [
            "make lint",
            "make test",
            "echo done",
            "python -m pytest tests"
        ]
    );
    assert_eq!(
        texts(&expand("$(MAKE) test", &mut read)),
        ["python -m pytest tests"]
    );
    // Every make of a chained line runs, in order.
    assert_eq!(
        texts(&expand("make lint && make test; make test", &mut read)),
        ["python -m pytest tests", "python -m pytest tests"]
    );
    assert!(expand("cmake --build . && makeself x", &mut read).is_empty());
    // JavaScript task runners a Python project's CI calls are followed too.
    let mut node_files = std::collections::HashMap::new();
    node_files.insert("package.json", "{\"scripts\": {\"test\": \"pytest -q\"}}");
    node_files.insert(
        "gulpfile.js",
        "function lint(cb) { run([\"black\", \".\", \"--check\"]); }\nexports.lint = lint;\n",
    );
    let mut read_node = |p: &str| node_files.get(p).map(|s| s.to_string());
    assert_eq!(texts(&expand("npm test", &mut read_node)), ["pytest -q"]);
    assert_eq!(
        texts(&expand("gulp lint", &mut read_node)),
        ["black . --check"]
    );
    let deeper = expand("make test", &mut read);
    assert_eq!(deeper[0].text, "python -m pytest tests");
    assert_eq!(deeper[0].via.as_deref(), Some("Makefile (make test)"));
    assert_eq!(expand("tox -e lint", &mut read)[0].text, "ruff check .");
    assert_eq!(expand("tox", &mut read)[0].text, "pytest {posargs}");
    assert_eq!(expand("nox -s tests", &mut read)[0].text, "pytest -q");
    assert_eq!(
        expand("poetry run poe test", &mut read)[0].text,
        "pytest -x"
    );
    assert_eq!(expand("poe test", &mut read)[0].text, "pytest -x");
    assert_eq!(
        expand("hatch run dev:cov", &mut read)[0].text,
        "coverage run -m pytest"
    );
}

#[test]
fn a_commented_out_workflow_runs_nothing() {
    let c = parse(
        ".github/workflows/ci.yml",
        "github-actions",
        "# name: CI\n# jobs:\n#   test:\n",
    )
    .expect("parses");
    assert!(!c.runs_something);
}

#[test]
fn gitlab_scripts() {
    let y = "test:\n  image: python:3.12\n  script:\n    - pip install -r requirements.txt\n    - pytest\n";
    let c = parse(".gitlab-ci.yml", "gitlab", y).expect("parses");
    assert_eq!(c.commands.len(), 2);
    assert_eq!(c.commands[1].line, 5);
}

#[test]
fn scripts_are_found_in_commands() {
    let exists = |p: &str| (p == "scripts/lint" || p == "ci/test.sh").then(|| p.to_owned());
    assert_eq!(
        scripts_called("poetry run ./scripts/lint", exists),
        ["scripts/lint"]
    );
    assert_eq!(
        scripts_called("bash ci/test.sh && echo ok", exists),
        ["ci/test.sh"]
    );
    assert!(scripts_called("pytest -q tests/", exists).is_empty());
}

#[test]
fn malformed_yaml_names_file_and_line() {
    let err = parse(
        ".github/workflows/ci.yml",
        "github-actions",
        "jobs:\n  a: [\n",
    )
    .unwrap_err();
    assert!(
        err.path
            .as_deref()
            .unwrap_or("")
            .starts_with(".github/workflows/ci.yml:")
    );
}

fn texts(cmds: &[CiCommand]) -> Vec<&str> {
    cmds.iter().map(|c| c.text.as_str()).collect()
}

#[test]
fn bare_tox_runs_the_env_list_only() {
    let tox = "[tox]\nenvlist =\n    py{311,312}\n    lint\n[testenv]\ncommands = pytest\n[testenv:lint]\ncommands = ruff check .\n[testenv:docs]\ncommands = sphinx-build docs out\n";
    let mut read = |p: &str| (p == "tox.ini").then(|| tox.to_owned());
    assert_eq!(texts(&expand("tox", &mut read)), ["pytest", "ruff check ."]);
    assert_eq!(
        texts(&expand("tox run", &mut read)),
        ["pytest", "ruff check ."]
    );
    assert_eq!(
        texts(&expand("tox run -e docs", &mut read)),
        ["sphinx-build docs out"]
    );
    // No env_list: tox runs the default `py` environment, not every one.
    let bare = "[testenv]\ncommands = pytest\n[testenv:lint]\ncommands = ruff check .\n";
    let mut read = |p: &str| (p == "tox.ini").then(|| bare.to_owned());
    assert_eq!(texts(&expand("uvx tox", &mut read)), ["pytest"]);
    // Installing tox runs nothing.
    assert!(expand("pip install tox", &mut read).is_empty());
    // A shared workflow that runs the caller's tox.
    assert_eq!(
        texts(&expand(
            "asottile/workflows/.github/workflows/tox.yml@v1.8.1",
            &mut read
        )),
        ["pytest"]
    );
    assert!(expand("org/workflows/.github/workflows/release.yml@v1", &mut read).is_empty());
}

#[test]
fn tox_factor_conditional_commands_run_in_their_environments_only() {
    let tox = "[tox]\nenvlist = py39, py310\n[testenv]\ncommands =\n    unittest: pytest\n    lint: ruff check pkg\n    lint,style: flake8\n    py3{9,10}-!cov: python -m pytest -q\n";
    let mut read = |p: &str| (p == "tox.ini").then(|| tox.to_owned());
    assert_eq!(
        texts(&expand("tox -e lint", &mut read)),
        ["ruff check pkg", "flake8"]
    );
    assert_eq!(texts(&expand("tox -e unittest", &mut read)), ["pytest"]);
    assert_eq!(texts(&expand("tox", &mut read)), ["python -m pytest -q"]);
    // A colon inside a command is no condition.
    assert_eq!(
        super::handoff::tox_factor_condition("python -c 'import a; print(1)'"),
        None
    );
    assert_eq!(
        super::handoff::tox_factor_condition("pytest --cov=pkg:src"),
        None
    );
    assert!(super::handoff::factors_match("py3{9,10}-!cov", "py39"));
    assert!(!super::handoff::factors_match("py3{9,10}-!cov", "py39-cov"));
}

#[test]
fn tox_toml_env_list() {
    let toml = "env_list = [\"3.12\", \"type\"]\n[env_run_base]\ncommands = [[\"pytest\"]]\n[env.type]\ncommands = [[\"mypy\", \"src\"]]\n[env.fmt]\ncommands = [[\"ruff\", \"format\"]]\n";
    let mut read = |p: &str| (p == "tox.toml").then(|| toml.to_owned());
    assert_eq!(texts(&expand("tox", &mut read)), ["pytest", "mypy src"]);
}

#[test]
fn tox_in_setup_cfg_is_followed() {
    // setup.cfg's [tox:tox] is tox's second config file; a pyproject.toml
    // without [tool.tox] must not hide it.
    let cfg = "[metadata]\nname = x\n[tox:tox]\nenvlist =\n    mypy\n    pre-commit\n    py312\n[testenv]\ncommands = pytest tests/\n[testenv:mypy]\ncommands = mypy src/\n[testenv:pre-commit]\ncommands = pre-commit run --all-files\n";
    let mut read = |p: &str| match p {
        "setup.cfg" => Some(cfg.to_owned()),
        "pyproject.toml" => Some("[build-system]\nrequires = [\"setuptools\"]\n".to_owned()),
        _ => None,
    };
    let cmds = expand("tox", &mut read);
    assert_eq!(
        texts(&cmds),
        ["pytest tests/", "mypy src/", "pre-commit run --all-files"]
    );
    assert_eq!(cmds[0].via.as_deref(), Some("setup.cfg"));
    // A setup.cfg without a tox section hands off nothing.
    let mut read = |p: &str| (p == "setup.cfg").then(|| "[metadata]\nname = x\n".to_owned());
    assert!(expand("tox", &mut read).is_empty());
}

#[test]
fn bare_nox_runs_the_default_sessions() {
    let nox = "import nox\nnox.options.sessions = [\"tests\"]\n@nox.session\ndef tests(session):\n    session.run('pytest')\n@nox.session\ndef lint(session):\n    session.run('ruff', 'check')\n";
    let mut read = |p: &str| (p == "noxfile.py").then(|| nox.to_owned());
    assert_eq!(texts(&expand("nox", &mut read)), ["pytest"]);
    let nox = "import nox\n@nox.session\ndef tests(session):\n    session.run('pytest')\n@nox.session(default=False)\ndef lint(session):\n    session.run('ruff', 'check')\n";
    let mut read = |p: &str| (p == "noxfile.py").then(|| nox.to_owned());
    assert_eq!(texts(&expand("nox", &mut read)), ["pytest"]);
}

#[test]
fn bare_make_builds_the_default_goal() {
    let mk = "PY := python3\n.PHONY: all test\nall: test\n\ntest:\n\t$(PY) -m pytest\n\nlint:\n\truff check .\n";
    let mut read = |p: &str| (p == "Makefile").then(|| mk.to_owned());
    let cmds = expand("make", &mut read);
    assert_eq!(texts(&cmds), ["make test"]);
    assert_eq!(texts(&expand("make -j4", &mut read)), ["make test"]);
    let mk = ".DEFAULT_GOAL := lint\ntest:\n\tpytest\nlint:\n\truff check .\n";
    let mut read = |p: &str| (p == "Makefile").then(|| mk.to_owned());
    assert_eq!(texts(&expand("make", &mut read)), ["ruff check ."]);
    assert!(expand("cmake ..", &mut read).is_empty());
}

#[test]
fn compose_run_follows_the_service_command() {
    let compose = "services:\n  web:\n    build: .\n  tests:\n    build: .\n    command: [\"pytest\", \"-q\"]\n";
    let mut read = |p: &str| (p == "docker-compose.yml").then(|| compose.to_owned());
    let cmds = expand("docker compose run --rm tests", &mut read);
    assert_eq!(texts(&cmds), ["pytest -q"]);
    assert_eq!(cmds[0].line, 6);
    assert_eq!(
        cmds[0].via.as_deref(),
        Some("docker-compose.yml (service tests command)")
    );
    let mut read = |p: &str| (p == "docker-compose.yml").then(|| compose.to_owned());
    // A command on the line is what runs; nothing to follow.
    assert!(expand("docker-compose run web flake8", &mut read).is_empty());
    assert!(expand("docker compose up -d", &mut read).is_empty());
    // An attached `up` runs the services it names (or all) to the end.
    assert_eq!(
        texts(&expand(
            "docker-compose up --abort-on-container-exit --exit-code-from tests tests",
            &mut read
        )),
        ["pytest -q"]
    );
    assert_eq!(
        texts(&expand("docker compose up", &mut read)),
        ["pytest -q"]
    );
    assert!(expand("docker compose build", &mut read).is_empty());
}

#[test]
fn forgejo_and_gitea_workflows_are_actions_ci() {
    assert_eq!(
        provider_of(".forgejo/workflows/tests.yaml"),
        Some("forgejo-actions")
    );
    assert_eq!(
        provider_of(".gitea/workflows/ci.yml"),
        Some("forgejo-actions")
    );
    assert_eq!(provider_of(".forgejo/issue_template.yml"), None);
    let y = "on: [push]\njobs:\n  t:\n    runs-on: docker\n    strategy:\n      matrix:\n        env: [py3, linters]\n    steps:\n      - run: tox -e ${{ matrix.env }}\n";
    let c = parse(".forgejo/workflows/tests.yaml", "forgejo-actions", y).expect("parses");
    assert_eq!(c.triggers, vec!["push"]);
    assert!(
        c.commands.iter().any(|cmd| cmd.text.contains("tox -e py3")),
        "{:?}",
        c.commands
    );
}

#[test]
fn toxenv_in_a_job_environment_names_the_tox_environment() {
    let travis = "language: python\nmatrix:\n  include:\n    - python: 2.7\n      env: TOXENV=flake8\n    - python: 3.8\n      env: TOXENV=py38\nscript: tox\n";
    let c = parse(".travis.yml", "travis", travis).expect("parses");
    let texts: Vec<&str> = c.commands.iter().map(|c| c.text.as_str()).collect();
    assert!(texts.contains(&"tox -e flake8"), "{texts:?}");
    assert!(texts.contains(&"tox -e py38"), "{texts:?}");
    let gha = "on: [push]\njobs:\n  l:\n    runs-on: ubuntu-latest\n    env:\n      TOXENV: lint\n    steps:\n      - run: tox\n";
    let c = parse(".github/workflows/ci.yml", "github-actions", gha).expect("parses");
    assert!(
        c.commands.iter().any(|c| c.text == "tox -e lint"),
        "{:?}",
        c.commands
    );
}

#[test]
fn scripts_run_from_the_root_or_from_tox_are_followed() {
    let files = ["run", "tests/linters.sh", "README"];
    let resolve = |p: &str| files.contains(&p).then(|| p.to_owned());
    assert_eq!(scripts_called("./run ci:test", resolve), ["run"]);
    assert_eq!(
        scripts_called("{toxinidir}/tests/linters.sh", resolve),
        ["tests/linters.sh"]
    );
    // A bare word is a program on the PATH, not a file of the repository.
    assert!(scripts_called("run tests", resolve).is_empty());
    assert_eq!(provider_of("circle.yml"), Some("circleci"));
    // A Jenkinsfile configures a job wherever it sits.
    assert_eq!(provider_of("ci/Jenkinsfile"), Some("jenkins"));
    assert_eq!(provider_of("06-ci/09-runner/Jenkinsfile"), Some("jenkins"));
    assert_eq!(provider_of("docs/jenkinsfile.md"), None);
}

#[test]
fn circle_ci_one_phases_list_their_commands() {
    let y = "dependencies:\n  override:\n    - pip install -r requirements.txt\ntest:\n  pre:\n    - flake8 app\n  override:\n    - make test\n";
    let c = parse("circle.yml", "circleci", y).expect("parses");
    assert!(c.runs_something, "{c:?}");
    let texts: Vec<&str> = c.commands.iter().map(|c| c.text.as_str()).collect();
    assert!(texts.contains(&"make test"), "{texts:?}");
    assert!(texts.contains(&"flake8 app"), "{texts:?}");
}

#[test]
fn a_script_that_runs_every_step_in_a_folder_names_the_folder() {
    let script = "#!/bin/bash\nset -e\nSTEPS_DIR=\"build/ci_steps\"\n\nfor entry in \"$STEPS_DIR\"/*\ndo\n  source \"$entry\"\ndone\n";
    assert_eq!(looped_dirs(script), vec![(5, "build/ci_steps".to_owned())]);
    let literal = "for f in ./ci/*.sh; do bash $f; done\n";
    assert_eq!(looped_dirs(literal), vec![(1, "ci".to_owned())]);
    // A loop that only lists the files runs none of them.
    let listing = "for f in ci/*\ndo\n  echo \"$f\"\ndone\n";
    assert!(looped_dirs(listing).is_empty());
    // A folder named by a variable the script never sets is unknown.
    let unknown = "for f in \"$DIR\"/*\ndo\n  source \"$f\"\ndone\n";
    assert!(looped_dirs(unknown).is_empty());
}

#[test]
fn bare_tox_under_tox_gh_actions_runs_the_mapped_factors_only() {
    // tox-gh-actions picks, for each Python of the CI matrix, the
    // environments carrying the factor mapped to it: `linting` never runs.
    let tox = "[tox]\nenvlist = py{310,311}-sqla{14,20}, linting, docs\n\n[gh-actions]\npython =\n    3.10: py310\n    3.11: py311, docs\n\n[testenv]\ncommands =\n    pytest --cov\n[testenv:docs]\ncommands = sphinx-build -W -b html . _build\n[testenv:linting]\ncommands = pre-commit run --all-files\n";
    let mut read = |p: &str| (p == "tox.ini").then(|| tox.to_owned());
    assert_eq!(
        texts(&expand("tox", &mut read)),
        ["pytest --cov", "sphinx-build -W -b html . _build"]
    );
    // Section names take brace groups: `py310-mypy` runs `mypy`.
    let braces = tox.replace(
        "docs\n\n[gh-actions]",
        "docs, py{310,311}-mypy\n\n[gh-actions]",
    ) + "[testenv:py{310,311}-mypy]\ncommands = mypy src\n";
    let mut read_braces = |p: &str| (p == "tox.ini").then(|| braces.clone());
    assert!(texts(&expand("tox", &mut read_braces)).contains(&"mypy src"));
    // An environment named on the command line still runs.
    assert_eq!(
        texts(&expand("tox -e linting", &mut read)),
        ["pre-commit run --all-files"]
    );
    // Without the plugin's section, the whole env_list runs.
    let plain = tox.replace("[gh-actions]", "[other]");
    let mut read = |p: &str| (p == "tox.ini").then(|| plain.clone());
    assert!(texts(&expand("tox", &mut read)).contains(&"pre-commit run --all-files"));
}

#[test]
fn brace_groups_are_expanded_within_a_cap() {
    // Forty groups of two would be a trillion names: the expansion stops.
    let hostile = format!("py{}", "{a,b}".repeat(40));
    let names = crate::facts::ci::handoff::expand_env_names(&hostile);
    assert!(names.len() <= 4096, "{}", names.len());
    let tox = format!("[tox]\nenvlist = {hostile}\n[testenv:{hostile}]\ncommands = pytest\n");
    let mut read = |p: &str| (p == "tox.ini").then(|| tox.clone());
    let _ = expand("tox", &mut read);
}
