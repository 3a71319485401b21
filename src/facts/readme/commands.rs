//! The commands a README shows: which lines install the project, which
//! run it, which name a script or notebook, and which prose gives a step
//! to follow. One vocabulary for the install and usage checks.

/// The script or notebook paths a run command names: `python app.py`,
/// `streamlit run src/ui.py`, `jupyter notebook eda.ipynb`. Never
/// `setup.py`, a URL, a placeholder (`<script>.py`) or a glob.
pub fn run_target_paths(line: &str) -> Vec<String> {
    strip_prompt(line)
        .split_whitespace()
        .skip(1)
        .map(|w| w.trim_matches(|c: char| "\"'`*(),;".contains(c)))
        .filter(|w| is_named_file(w))
        .map(|w| w.trim_start_matches("./").to_owned())
        .collect()
}

/// A concrete local file name a reader is told to run.
pub(super) fn is_named_file(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    (lower.ends_with(".py") || lower.ends_with(".ipynb"))
        && lower
            .rsplit('/')
            .next()
            .is_some_and(|n| n.len() > 3 && n != "setup.py")
        && !word.contains("://")
        && !word.starts_with('-')
        && !word.contains(['*', '$', '<', '>', '{', '}', '[', ']', '%', '='])
}

/// Programs a README's inline code usually starts with when it is a command.
const COMMAND_WORDS: &[&str] = &[
    "pip",
    "pip3",
    "python",
    "python3",
    "py",
    "uv",
    "uvx",
    "poetry",
    "pipenv",
    "pdm",
    "hatch",
    "conda",
    "mamba",
    "git",
    "docker",
    "docker-compose",
    "make",
    "pytest",
    "tox",
    "nox",
    "npm",
    "flask",
    "uvicorn",
    "gunicorn",
    "django-admin",
    "cd",
    "export",
    "source",
    "curl",
    "http",
    "streamlit",
    "jupyter",
    "alembic",
    "celery",
    "sudo",
    "brew",
    "apt",
    "apt-get",
    "bash",
    "sh",
];

/// A README line with its shell prompt taken off (`$ `, `> `, `(venv) $ `).
pub(super) fn strip_prompt(line: &str) -> &str {
    let mut l = line.trim();
    if l.starts_with('(') {
        if let Some((_, rest)) = l.split_once(") ") {
            l = rest.trim_start();
        }
    }
    // `$ cmd`, and `$cmd` as some READMEs write it.
    let l = l.strip_prefix('$').map_or(l, str::trim_start);
    l.trim_start_matches("> ").trim_start_matches("sudo ")
}

/// A compose command with its global options taken out, so the subcommand
/// follows the program (`docker compose -f compose.yaml up --build` is
/// `docker compose up --build`). Other lines are returned as they are.
fn without_compose_options(l: &str) -> std::borrow::Cow<'_, str> {
    let (program, rest) = if let Some(r) = l.strip_prefix("docker compose ") {
        ("docker compose", r)
    } else if let Some(r) = l.strip_prefix("docker-compose ") {
        ("docker-compose", r)
    } else {
        return l.into();
    };
    const WITH_VALUE: &[&str] = &[
        "-f",
        "--file",
        "-p",
        "--project-name",
        "--profile",
        "--env-file",
        "--project-directory",
        "--ansi",
        "--progress",
    ];
    let mut words = rest.split_whitespace().peekable();
    let mut skipped = false;
    while let Some(w) = words.peek() {
        if WITH_VALUE.contains(w) {
            words.next();
            words.next();
        } else if w.starts_with("--") && w.contains('=')
            || *w == "--verbose"
            || *w == "--compatibility"
        {
            words.next();
        } else {
            break;
        }
        skipped = true;
    }
    if !skipped {
        return l.into();
    }
    let rest: Vec<&str> = words.collect();
    format!("{program} {}", rest.join(" ")).into()
}

/// A line written after a shell prompt (`$ ./tool.py file -s`): a command
/// whatever its arguments look like.
fn has_prompt(line: &str) -> bool {
    let l = line.trim_start();
    let l = l
        .strip_prefix('(')
        .and_then(|r| r.split_once(") "))
        .map_or(l, |(_, rest)| rest.trim_start());
    l.starts_with('$')
}

/// A line that installs the project or its dependencies, or prepares the
/// environment it runs in (a virtualenv, a container image).
pub fn looks_like_install(line: &str) -> bool {
    let l = without_compose_options(strip_prompt(line));
    let l = l.as_ref();
    let starts = [
        "pip install",
        "pip3 install",
        "pipx install",
        "python -m pip install",
        "python3 -m pip install",
        "py -m pip install",
        "python -m venv",
        "python3 -m venv",
        "py -m venv",
        "virtualenv ",
        "uv venv",
        "uv sync",
        "uv pip install",
        "uv add",
        "uv tool install",
        "poetry install",
        "pipenv install",
        "pdm install",
        "conda install",
        "conda create",
        "conda env create",
        "mamba install",
        "mamba env create",
        "hatch env create",
        "docker compose build",
        "docker-compose build",
        "docker build",
        // A container setup builds the environment on the way up: for a
        // reviewer it is the install step.
        "docker compose up",
        "docker-compose up",
    ];
    starts.iter().any(|s| l.starts_with(s)) || runs_setup_target(l)
}

/// A line that runs the project's tests: pytest (however it is started),
/// `python -m unittest`, tox or nox, `manage.py test`, or a make target
/// named for tests (`make test`, `make end2end-test`).
pub fn looks_like_test_run(line: &str) -> bool {
    let l = strip_prompt(line).trim();
    let words: Vec<&str> = l.split_whitespace().collect();
    let program = |w: &str| w.rsplit('/').next().unwrap_or(w).to_owned();
    let runs = words
        .iter()
        .any(|w| matches!(program(w).as_str(), "pytest" | "py.test" | "tox" | "nox"))
        && !looks_like_install(l);
    let module = words
        .windows(2)
        .any(|w| w[0] == "-m" && matches!(w[1], "pytest" | "unittest"));
    let django = words
        .windows(2)
        .any(|w| w[0].ends_with("manage.py") && w[1] == "test");
    let make = l.strip_prefix("make ").is_some_and(|rest| {
        rest.split_whitespace()
            .find(|w| !w.starts_with('-') && !w.contains('='))
            .is_some_and(|t| {
                t.split(['-', '_', '.'])
                    .any(|w| matches!(w, "test" | "tests" | "e2e"))
            })
    });
    runs || module || django || make
}

/// `make install`, `make dev-venv`, `make build-dev`: a Makefile target
/// named for preparing the environment, which is the project's own install
/// step.
fn runs_setup_target(line: &str) -> bool {
    const SETUP_WORDS: &[&str] = &[
        "install",
        "setup",
        "venv",
        "virtualenv",
        "env",
        "deps",
        "dependencies",
        "requirements",
        "bootstrap",
        "build",
        // `make up` brings the containers up, like `docker compose up`.
        "up",
    ];
    let named_for_setup = |name: &str| {
        name.split(['-', '_', '.'])
            .any(|w| SETUP_WORDS.contains(&w.to_ascii_lowercase().as_str()))
    };
    // A setup script of the repository's own: `./install.sh`, `bash
    // scripts/bootstrap_local_env.sh`.
    if let Some(script) = shell_script(line) {
        let stem = script
            .rsplit('/')
            .next()
            .unwrap_or(script)
            .trim_end_matches(".sh");
        return named_for_setup(stem);
    }
    let Some(rest) = task_runner_args(line) else {
        return false;
    };
    rest.split_whitespace()
        .find(|w| !w.starts_with('-') && !w.contains('='))
        .is_some_and(named_for_setup)
}

/// The arguments of a task runner that runs the project's named recipes:
/// make, just, or go-task's `task`.
fn task_runner_args(line: &str) -> Option<&str> {
    if let Some(rest) = line.strip_prefix("make ") {
        return Some(rest);
    }
    // `just` and `task` are English words too: only a runner and one
    // recipe (`just dev`, `task run-api`) is read as a command, never a
    // line of prose that starts with them.
    let rest = line
        .strip_prefix("just ")
        .or_else(|| line.strip_prefix("task "))?;
    let recipe = rest.trim();
    (!recipe.is_empty()
        && recipe.chars().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_' || c == ':'
        }))
    .then_some(recipe)
}

/// The repository shell script a line runs (`./test.sh`, `bash
/// scripts/setup.sh`, `sh run.sh`), if that is what it does.
pub(super) fn shell_script(line: &str) -> Option<&str> {
    let mut words = line.split_whitespace();
    let first = words.next()?;
    let script = if matches!(first, "bash" | "sh" | "zsh") {
        words.next()?
    } else {
        first
    };
    let local = script.starts_with("./") || script.contains('/') || first != script;
    (script.ends_with(".sh") && local && !script.contains("://")).then_some(script)
}

/// Python modules run with `python -m` that are tooling, not the project.
const TOOL_MODULES: &[&str] = &[
    "pip",
    "venv",
    "virtualenv",
    "ensurepip",
    "pytest",
    "unittest",
    "build",
    "twine",
    "tox",
    "nox",
    "black",
    "ruff",
    "mypy",
    "flake8",
    "pylint",
    "isort",
    "coverage",
    "doctest",
    "pre_commit",
    "http.server",
    "ipykernel",
];

/// Programs whose first argument starts the project: a server, an app
/// runner, a dashboard.
const RUN_STARTS: &[&str] = &[
    "uvicorn ",
    "gunicorn ",
    "hypercorn ",
    "daphne ",
    "flask run",
    "flask --app",
    "fastapi run",
    "fastapi dev",
    "streamlit run",
    "panel serve",
    "bokeh serve",
    "chainlit run",
    "gradio ",
    "docker compose up",
    "docker-compose up",
    "docker run",
    // Desktop apps packaged for Linux are launched by their store's runner.
    "flatpak run ",
    "snap run ",
    "docker compose run",
    "docker-compose run",
    "poetry run ",
    "uv run ",
    "pipenv run ",
    "pdm run ",
    "hatch run ",
    "make run",
    "make start",
    "make serve",
    "dbt run",
    "dbt build",
    // Pipeline runners: the command that runs a data project's pipeline.
    "bruin run",
    "sqlmesh run",
    "sqlmesh plan",
    "kedro run",
    "meltano run",
    "dagster dev",
    "dagster job execute",
    "prefect deployment run",
    "airflow dags trigger",
    "airflow standalone",
    "astro dev start",
    "mage start",
    "jupyter notebook",
    "jupyter lab",
    "celery -A",
];

/// A line that runs the project itself: `python -m app`, `python main.py`,
/// `uvicorn app:app`, `manage.py runserver`, `streamlit run`, a container,
/// a `>>>` session.
/// Test and lint runs are not usage.
pub fn looks_like_run(line: &str) -> bool {
    // An interactive session (`>>> import httpx`) shows the library at work.
    if line.trim_start().starts_with(">>> ") {
        return true;
    }
    let l = without_compose_options(strip_prompt(line));
    let l = l.as_ref();
    if RUN_STARTS.iter().any(|s| l.starts_with(s)) {
        // `uv run pytest` runs the tests, not the project.
        let rest: Vec<&str> = l.split_whitespace().collect();
        return !rest
            .iter()
            .skip(1)
            .any(|w| ["pytest", "tox", "nox", "ruff", "mypy", "test"].contains(w));
    }
    if runs_a_make_target(l) {
        return true;
    }
    let mut words = l.split_whitespace();
    let Some(program) = words.next() else {
        return false;
    };
    // Windows READMEs write `Python app.py`; `./report.py` runs the script
    // as well. (A bare `report.py` is more often a file in a listing.)
    let program = program.to_ascii_lowercase();
    if program.starts_with("./") && is_script_name(&program) {
        // Only a command line: every argument a flag or a path
        // (`report.py --month 5 data/sales.xlsx`), never a sentence that
        // starts with a file name ("app.py holds the routes").
        // After a prompt it is a command whatever its arguments.
        return has_prompt(line)
            || l.split_whitespace()
                .skip(1)
                .all(|a| a.starts_with('-') || a.contains(['.', '/']) || a.parse::<f64>().is_ok());
    }
    if !["python", "python3", "py"].contains(&program.as_str()) {
        return false;
    }
    match words.next() {
        Some("-m") => words.next().is_some_and(|m| {
            !TOOL_MODULES.contains(&m.split('.').next().unwrap_or(m)) && !TOOL_MODULES.contains(&m)
        }),
        Some("manage.py") => words.next() == Some("runserver"),
        Some(script) => is_script_name(script),
        None => false,
    }
}

/// Make targets that set up, check or clean the project: never how it is
/// used.
const SETUP_AND_CHECK_TARGETS: &[&str] = &[
    "install",
    "setup",
    "init",
    "venv",
    "env",
    "deps",
    "dev",
    "requirements",
    "build",
    "test",
    "tests",
    "check",
    "lint",
    "format",
    "fmt",
    "typecheck",
    "mypy",
    "coverage",
    "cov",
    "clean",
    "docs",
    "doc",
    "help",
    "all",
    "ci",
    "pre-commit",
    "release",
    "publish",
    "dist",
    "docker",
];

/// `make data-local`, `make pipeline`: a make target that is neither set up
/// nor a check runs what the project does.
fn runs_a_make_target(line: &str) -> bool {
    let Some(rest) = task_runner_args(line) else {
        return false;
    };
    let mut words = rest.split_whitespace();
    let Some(target) = words.next() else {
        return false;
    };
    let target = target.to_ascii_lowercase();
    let plain = target
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '%');
    let setup_or_check = SETUP_AND_CHECK_TARGETS.contains(&target.as_str())
        || target
            .split(['-', '_'])
            // `dev` and `all` qualify another word (`run-dev`,
            // `crawl_all`); alone they are setup targets.
            .any(|part| SETUP_AND_CHECK_TARGETS.contains(&part) && !matches!(part, "dev" | "all"));
    plain && !target.starts_with('-') && !setup_or_check
}

/// A Python script of the project's own, run by name: not `setup.py`,
/// not a test file.
fn is_script_name(word: &str) -> bool {
    let name = word.rsplit('/').next().unwrap_or(word);
    name.ends_with(".py") && name.len() > 3 && name != "setup.py" && !name.starts_with("test")
}

/// Whether prose names an install command: `pip install x` and its kin
/// in the middle of a sentence.
pub(super) fn mentions_install(text: &str) -> bool {
    const IN_PROSE: &[&str] = &[
        "pip install ",
        "pip3 install ",
        "poetry install",
        "pipenv install",
        "conda install ",
        "uv sync",
    ];
    let lower = text.to_ascii_lowercase();
    IN_PROSE.iter().any(|p| lower.contains(p))
}

/// Prose that tells the reader to set the project up: an install command
/// in a sentence, or the steps in words ("install the requirements").
pub(super) fn gives_instructions(text: &str) -> bool {
    const STEPS: &[&str] = &[
        "install the",
        "install dependencies",
        "install requirements",
        "requirements.txt",
        "git clone",
        "clone the",
        "clone this",
        "virtual environment",
        "virtualenv",
    ];
    let lower = text.to_ascii_lowercase();
    mentions_install(text) || STEPS.iter().any(|p| lower.contains(p))
}

/// A code line that runs one of the project's console scripts.
pub fn runs_console_script(line: &str, scripts: &[String]) -> bool {
    let l = strip_prompt(line);
    let program = l.split_whitespace().next().unwrap_or("");
    let program = ["uv run ", "poetry run ", "pipx run ", "uvx "]
        .iter()
        .find_map(|p| l.strip_prefix(p))
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or(program);
    !program.is_empty() && scripts.iter().any(|s| s == program)
}

/// A code line that imports one of the project's own packages (`from
/// spellchecker import SpellChecker`, `>>> import tenacity`): a usage
/// example of the library. The prompt is taken off first.
pub fn imports_own_package(line: &str, own: &[String]) -> bool {
    let l = line.trim_start();
    let l = l.strip_prefix(">>> ").unwrap_or(l).trim_start();
    let module = l
        .strip_prefix("from ")
        .and_then(|r| r.split_once(" import ").map(|(m, _)| m))
        .or_else(|| l.strip_prefix("import "))
        .map(|m| m.split([',', ' ', '.']).next().unwrap_or_default().trim());
    module.is_some_and(|m| !m.is_empty() && own.iter().any(|o| o == m))
}

/// A line of a Python block that is code beyond its imports: a call, an
/// assignment, an expression (not blank, a comment or an import).
pub fn does_more_than_import(line: &str) -> bool {
    let l = line.trim_start();
    let l = l.strip_prefix(">>> ").unwrap_or(l).trim();
    !l.is_empty() && !l.starts_with('#') && !l.starts_with("import ") && !l.starts_with("from ")
}

pub fn looks_like_command(code: &str) -> bool {
    let first = code.split_whitespace().next().unwrap_or("");
    first.starts_with("./")
        || (COMMAND_WORDS.contains(&first) && code.split_whitespace().count() >= 2)
}
