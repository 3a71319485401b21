//! Property tests that reach the deep parsers (issue 16). `tests/fuzz.rs`
//! throws markup-ish noise at every parser, which proves "no panic" but
//! almost never produces a pyproject with a dependency or a workflow with a
//! command. Here structured generators write valid-shaped manifests and CI
//! configs, check that what was generated is found (a dependency by name and
//! line, a `pytest` step read as running tests), count how many cases reached
//! the deep code, and then mutate each input (truncation, deep nesting, huge
//! values, odd encodings) to check that nothing panics or blows up.
//!
//! The time bound per case is a guard against runaway (quadratic or worse)
//! parsing, set far above any normal cost so a loaded machine cannot trip
//! it; it is not a speed claim (those come from the benchmark harness).

use portfolio_audit::facts::ci;
use portfolio_audit::facts::manifests::{ManifestFacts, ManifestReader};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use std::cell::Cell;
use std::time::{Duration, Instant};

/// Far above any normal cost; see the module comment.
const CASE_BOUND: Duration = Duration::from_secs(10);

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(150)
}

/// A distribution name the readers keep as written (lower case, no
/// separators), never `python`, which manifests treat as the interpreter.
fn dep_name() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9]{2,9}".prop_filter("not the interpreter", |n| !n.starts_with("python"))
}

/// A PEP 508 tail: extras, a version spec, an environment marker.
fn pep508_tail() -> impl Strategy<Value = String> {
    (
        prop_oneof![Just(""), Just("[extra]"), Just("[a,b]")],
        prop_oneof![
            Just(""),
            Just("==1.2.3"),
            Just(">=2"),
            Just("~=1.4"),
            Just(">=1,<3"),
            Just("==2.*"),
        ],
        prop_oneof![
            Just(""),
            Just(" ; python_version>'3.8'"),
            Just(" ; sys_platform == 'linux'"),
        ],
    )
        .prop_map(|(e, s, m)| format!("{e}{s}{m}"))
}

fn requirement() -> impl Strategy<Value = (String, String)> {
    (dep_name(), pep508_tail()).prop_map(|(n, t)| (n.clone(), format!("{n}{t}")))
}

/// Distinct dependencies: (name, PEP 508 string).
fn requirements(max: usize) -> impl Strategy<Value = Vec<(String, String)>> {
    prop::collection::vec(requirement(), 1..max).prop_map(|mut v| {
        let mut seen = std::collections::HashSet::new();
        v.retain(|(n, _)| seen.insert(n.clone()));
        v
    })
}

fn toml_list(deps: &[(String, String)]) -> String {
    let items: Vec<String> = deps.iter().map(|(_, r)| format!("  \"{r}\",\n")).collect();
    format!("[\n{}]", items.concat())
}

/// A generated manifest: file name, reader kind, text, the names in it.
#[derive(Debug, Clone)]
struct Manifest {
    path: &'static str,
    kind: &'static str,
    text: String,
    names: Vec<String>,
}

fn pyproject() -> impl Strategy<Value = Manifest> {
    (
        requirements(6),
        requirements(4),
        prop::collection::vec((dep_name(), "[0-9]\\.[0-9]{1,2}"), 0..4),
        any::<bool>(),
    )
        .prop_map(|(runtime, optional, poetry, scripts)| {
            let mut text = format!(
                "[build-system]\nrequires = [\"hatchling\"]\nbuild-backend = \"hatchling.build\"\n\n\
                 [project]\nname = \"demo\"\nrequires-python = \">=3.10\"\ndependencies = {}\n\n\
                 [project.optional-dependencies]\ntest = {}\n",
                toml_list(&runtime),
                toml_list(&optional)
            );
            if scripts {
                text.push_str("\n[project.scripts]\ndemo = \"demo.cli:main\"\n");
            }
            let mut names: Vec<String> = runtime.iter().chain(&optional).map(|d| d.0.clone()).collect();
            if !poetry.is_empty() {
                text.push_str("\n[tool.poetry.dependencies]\npython = \"^3.10\"\n");
                for (n, v) in &poetry {
                    text.push_str(&format!("{n} = \"^{v}\"\n"));
                    names.push(n.clone());
                }
                text.push_str("\n[tool.poetry.group.dev.dependencies]\nblackx = { version = \"24.1\" }\n");
                names.push("blackx".to_owned());
            }
            text.push_str("\n[tool.pytest.ini_options]\naddopts = \"-q\"\n");
            Manifest { path: "pyproject.toml", kind: "pyproject", text, names }
        })
}

fn setup_cfg() -> impl Strategy<Value = Manifest> {
    (requirements(6), requirements(3)).prop_map(|(install, test)| {
        let block = |deps: &[(String, String)]| {
            deps.iter().map(|(_, r)| format!("    {r}\n")).collect::<String>()
        };
        let text = format!(
            "[metadata]\nname = demo\n\n[options]\npackages = find:\npython_requires = >=3.9\n\
             install_requires =\n{}\n[options.extras_require]\ntest =\n{}\n[flake8]\nmax-line-length = 100\n",
            block(&install),
            block(&test)
        );
        let names = install.iter().chain(&test).map(|d| d.0.clone()).collect();
        Manifest { path: "setup.cfg", kind: "setup.cfg", text, names }
    })
}

fn requirements_txt() -> impl Strategy<Value = Manifest> {
    (requirements(8), any::<bool>(), any::<bool>()).prop_map(|(deps, hashes, include)| {
        let mut text = String::from("# generated\n");
        if include {
            text.push_str("-r base.txt\n-c constraints.txt\n--index-url https://pypi.org/simple\n");
        }
        for (_, r) in &deps {
            text.push_str(r);
            if hashes {
                text.push_str(" \\\n    --hash=sha256:0123456789abcdef");
            }
            text.push_str("  # why\n\n");
        }
        let names = deps.iter().map(|d| d.0.clone()).collect();
        Manifest {
            path: "requirements-dev.txt",
            kind: "requirements",
            text,
            names,
        }
    })
}

fn conda() -> impl Strategy<Value = Manifest> {
    (
        prop::collection::vec(
            (
                dep_name(),
                prop_oneof![Just(""), Just("=1.26"), Just(">=2.0")],
            ),
            1..5,
        ),
        requirements(4),
    )
        .prop_map(|(conda, pip)| {
            // `pip` itself is a conda dependency the file declares.
            let mut seen: std::collections::HashSet<String> = ["pip".to_owned()].into();
            let conda: Vec<_> = conda
                .into_iter()
                .filter(|(n, _)| seen.insert(n.clone()))
                .collect();
            let pip: Vec<_> = pip
                .into_iter()
                .filter(|(n, _)| seen.insert(n.clone()))
                .collect();
            let mut text = String::from(
                "name: demo\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11\n",
            );
            for (n, v) in &conda {
                text.push_str(&format!("  - {n}{v}\n"));
            }
            text.push_str("  - pip\n");
            if !pip.is_empty() {
                text.push_str("  - pip:\n");
                for (_, r) in &pip {
                    text.push_str(&format!("    - \"{r}\"\n"));
                }
            }
            let names = conda
                .iter()
                .map(|d| d.0.clone())
                .chain(std::iter::once("pip".to_owned()))
                .chain(pip.iter().map(|d| d.0.clone()))
                .collect();
            Manifest {
                path: "environment.yml",
                kind: "conda",
                text,
                names,
            }
        })
}

fn any_manifest() -> impl Strategy<Value = Manifest> {
    prop_oneof![pyproject(), setup_cfg(), requirements_txt(), conda()]
}

/// Ways to damage an input: the parsers must neither panic nor run away.
#[derive(Debug, Clone)]
enum Damage {
    Truncate(usize),
    Nest(usize),
    Huge(usize),
    Bom,
    Crlf,
    Nul,
    Latin1,
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (0usize..4000).prop_map(Damage::Truncate),
        (1usize..20_000).prop_map(Damage::Nest),
        (1usize..200_000).prop_map(Damage::Huge),
        Just(Damage::Bom),
        Just(Damage::Crlf),
        Just(Damage::Nul),
        Just(Damage::Latin1),
    ]
}

fn apply(text: &str, d: &Damage) -> String {
    match d {
        Damage::Truncate(at) => {
            let at = (*at).min(text.len());
            let at = (0..=at)
                .rev()
                .find(|i| text.is_char_boundary(*i))
                .unwrap_or(0);
            text[..at].to_owned()
        }
        Damage::Nest(depth) => {
            let mid = text.len() / 2;
            let mid = (0..=mid)
                .rev()
                .find(|i| text.is_char_boundary(*i))
                .unwrap_or(0);
            format!(
                "{}{}{}{}",
                &text[..mid],
                "[{- ".repeat(*depth),
                "x",
                &text[mid..]
            )
        }
        Damage::Huge(n) => text.replacen("demo", &"v".repeat(*n), 1) + &"=".repeat(*n),
        Damage::Bom => format!("\u{feff}{text}"),
        Damage::Crlf => text.replace('\n', "\r\n"),
        Damage::Nul => text.replace(' ', "\0"),
        // What Latin-1 bytes look like once decoded lossily.
        Damage::Latin1 => text.replace('e', "\u{fffd}").replace('a', "é"),
    }
}

fn read_manifest(m: &Manifest, text: &str) -> ManifestFacts {
    let mut facts = ManifestFacts::default();
    let mut errors = Vec::new();
    ManifestReader {
        facts: &mut facts,
        errors: &mut errors,
    }
    .read(m.path, m.kind, text);
    facts
}

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: cases(),
        ..Config::default()
    })
}

#[test]
fn generated_dependencies_are_found_in_every_manifest_kind() {
    let reached = Cell::new(0u32);
    let total = Cell::new(0u32);
    runner()
        .run(&(any_manifest(), damage()), |(m, d)| {
            total.set(total.get() + 1);
            let facts = read_manifest(&m, &m.text);
            if !facts.dependencies.is_empty() {
                reached.set(reached.get() + 1);
            }
            let lines: Vec<&str> = m.text.lines().collect();
            for name in &m.names {
                let dep = facts.dependencies.iter().find(|x| &x.name == name);
                let Some(dep) = dep else {
                    return Err(TestCaseError::fail(format!(
                        "{name} not found in {}:\n{}",
                        m.path, m.text
                    )));
                };
                // A line given is the line the dependency is on.
                if let Some(line) = dep.line {
                    let at = lines.get(line as usize - 1).copied().unwrap_or("");
                    prop_assert!(at.contains(name.as_str()), "{name} at line {line}: {at:?}");
                }
            }
            prop_assert_eq!(facts.dependencies.len(), m.names.len(), "{}", m.text);
            let damaged = apply(&m.text, &d);
            let start = Instant::now();
            let _ = read_manifest(&m, &damaged);
            prop_assert!(
                start.elapsed() < CASE_BOUND,
                "{:?} took {:?}",
                d,
                start.elapsed()
            );
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    // Reaching the deep code is the point: count it, and require it.
    eprintln!(
        "manifests: {} of {} cases had a dependency",
        reached.get(),
        total.get()
    );
    assert!(
        reached.get() * 10 >= total.get() * 9,
        "only {} of {} cases had a dependency",
        reached.get(),
        total.get()
    );
}

/// The command a generated CI step runs to test, and how a reader names it.
fn test_command() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("pytest -q"),
        Just("python -m pytest --cov=demo tests/"),
        Just("coverage run -m pytest"),
        Just("python manage.py test"),
        Just("tox -e py311"),
        Just("nox -s tests"),
    ]
}

fn workflow() -> impl Strategy<Value = (String, &'static str)> {
    (
        "[a-z][a-z-]{2,12}",
        prop::collection::vec("3\\.1[0-3]", 1..4),
        test_command(),
        any::<bool>(),
        0usize..4,
    )
        .prop_map(|(job, versions, cmd, multiline, extra)| {
            let matrix = versions.iter().map(|v| format!("\"{v}\"")).collect::<Vec<_>>().join(", ");
            let mut text = format!(
                "name: CI\non:\n  push:\n    branches: [main]\n  pull_request:\njobs:\n  {job}:\n    runs-on: ubuntu-latest\n\
                 \x20   strategy:\n      matrix:\n        python-version: [{matrix}]\n    steps:\n\
                 \x20     - uses: actions/checkout@v4\n      - uses: actions/setup-python@v5\n        with:\n\
                 \x20         python-version: ${{{{ matrix.python-version }}}}\n      - run: pip install -e .[test]\n"
            );
            for i in 0..extra {
                text.push_str(&format!("      - name: Step {i}\n        run: echo {i}\n"));
            }
            if multiline {
                text.push_str(&format!("      - name: Test\n        run: |\n          echo start\n          {cmd}\n"));
            } else {
                text.push_str(&format!("      - run: {cmd}\n"));
            }
            (text, cmd)
        })
}

#[test]
fn a_generated_test_step_is_read_as_running_tests() {
    let reached = Cell::new(0u32);
    let total = Cell::new(0u32);
    runner()
        .run(&(workflow(), damage()), |((text, cmd), d)| {
            total.set(total.get() + 1);
            let mut config = ci::parse(".github/workflows/ci.yml", "github-actions", &text)
                .map_err(|e| TestCaseError::fail(format!("{e:?}\n{text}")))?;
            ci::classify(&mut config);
            if config
                .commands
                .iter()
                .any(|c| !c.name && c.text.contains(cmd))
            {
                reached.set(reached.get() + 1);
            }
            prop_assert!(config.runs_something);
            prop_assert!(
                config.kinds.contains(&"tests"),
                "{cmd}: {:?}\n{text}",
                config.kinds
            );
            prop_assert!(
                config.triggers.iter().any(|t| t == "push"),
                "{:?}",
                config.triggers
            );
            prop_assert!(!config.python_versions.is_empty());
            let damaged = apply(&text, &d);
            let start = Instant::now();
            if let Ok(mut c) = ci::parse(".github/workflows/ci.yml", "github-actions", &damaged) {
                ci::classify(&mut c);
            }
            prop_assert!(
                start.elapsed() < CASE_BOUND,
                "{:?} took {:?}",
                d,
                start.elapsed()
            );
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    eprintln!(
        "workflows: {} of {} cases had the test command",
        reached.get(),
        total.get()
    );
    assert!(
        reached.get() * 10 >= total.get() * 9,
        "only {} of {} workflows had the command",
        reached.get(),
        total.get()
    );
}

/// The hand-off files a CI command reaches: tox.ini, noxfile.py, Makefile.
fn handoff() -> impl Strategy<Value = (&'static str, &'static str, String)> {
    let env = "[a-z]{3,8}";
    prop_oneof![
        (env, any::<bool>()).prop_map(|(e, listed)| {
            let list = if listed { format!("[tox]\nenvlist = py311, {e}\n\n") } else { String::new() };
            let text = format!("{list}[testenv]\ndeps =\n    pytest\ncommands =\n    pytest {{posargs}}\n\n[testenv:{e}]\ncommands = ruff check .\n");
            ("tox.ini", "tox", text)
        }),
        (env, any::<bool>()).prop_map(|(s, default)| {
            let defaults = if default { "nox.options.sessions = [\"tests\"]\n".to_owned() } else { String::new() };
            let text = format!("import nox\n{defaults}\n@nox.session(python=[\"3.11\"])\ndef tests(session):\n    session.install(\"-e\", \".[test]\")\n    session.run(\"pytest\", \"-q\")\n\n@nox.session\ndef {s}(session):\n    session.run(\"ruff\", \"check\")\n");
            ("noxfile.py", "nox -s tests", text)
        }),
        (env, any::<bool>()).prop_map(|(t, bare)| {
            let text = format!(".PHONY: test {t}\nVENV := .venv\n\ntest:\n\t$(VENV)/bin/pytest -q\n\n{t}:\n\truff check .\n");
            ("Makefile", if bare { "make" } else { "make test" }, text)
        }),
    ]
}

#[test]
fn hand_offs_to_tox_nox_and_make_reach_pytest() {
    let reached = Cell::new(0u32);
    let total = Cell::new(0u32);
    runner()
        .run(&(handoff(), damage()), |((file, cmd, text), d)| {
            total.set(total.get() + 1);
            let mut read = |p: &str| (p == file).then(|| text.clone());
            let lines = ci::expand(cmd, &mut read);
            if lines.iter().any(|l| l.text.contains("pytest")) {
                reached.set(reached.get() + 1);
            }
            prop_assert!(
                lines
                    .iter()
                    .all(|l| l.via.as_deref().is_some_and(|v| v.starts_with(file))),
                "{lines:?}"
            );
            let damaged = apply(&text, &d);
            let start = Instant::now();
            let mut read = |p: &str| (p == file).then(|| damaged.clone());
            let _ = ci::expand(cmd, &mut read);
            prop_assert!(
                start.elapsed() < CASE_BOUND,
                "{:?} took {:?}",
                d,
                start.elapsed()
            );
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    // Every generated hand-off runs pytest, so every case must reach it.
    eprintln!(
        "hand-offs: {} of {} cases reached pytest",
        reached.get(),
        total.get()
    );
    assert_eq!(
        reached.get(),
        total.get(),
        "hand-offs that did not reach pytest"
    );
}
