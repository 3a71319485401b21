//! Dependency manifests (src/facts/manifests.rs).

use portfolio_audit::facts::manifests::{
    DepGroup, ManifestFacts, ManifestReader, is_lock_file, manifest_kind, parse_requirement,
};

/// Reads one manifest into fresh facts: the facts and the error messages.
fn read(path: &str, kind: &'static str, text: &str) -> (ManifestFacts, Vec<String>) {
    let mut facts = ManifestFacts::default();
    let errors = read_into(&mut facts, path, kind, text);
    (facts, errors)
}

fn read_into(facts: &mut ManifestFacts, path: &str, kind: &'static str, text: &str) -> Vec<String> {
    let mut errors = Vec::new();
    ManifestReader {
        facts,
        errors: &mut errors,
    }
    .read(path, kind, text);
    errors
        .iter()
        .map(|e| format!("{}: {}", e.path.as_deref().unwrap_or(""), e.message))
        .collect()
}

/// (name, spec, pinned, group, line) of every dependency, in order.
fn deps(f: &ManifestFacts) -> Vec<(String, String, bool, DepGroup, Option<u32>)> {
    f.dependencies
        .iter()
        .map(|d| (d.name.clone(), d.spec.clone(), d.pinned, d.group, d.line))
        .collect()
}

fn dep<'a>(f: &'a ManifestFacts, name: &str) -> &'a portfolio_audit::facts::manifests::Dependency {
    f.dependencies
        .iter()
        .find(|d| d.name == name)
        .unwrap_or_else(|| panic!("no {name} in {:?}", deps(f)))
}

fn dev_groups(f: &ManifestFacts) -> Vec<(&str, Option<u32>)> {
    f.dev_groups
        .iter()
        .map(|g| (g.value.as_str(), g.line))
        .collect()
}

#[test]
fn lock_files_by_name() {
    for yes in [
        "poetry.lock",
        "sub/uv.lock",
        "pdm.lock",
        "Pipfile.lock",
        "pylock.toml",
        "pylock.dev.toml",
        "conda-lock.yml",
        "requirements.lock",
    ] {
        assert!(is_lock_file(yes), "{yes}");
    }
    for no in [
        "pyproject.toml",
        "pylock.txt",
        "my-pylock.toml",
        "poetry.lock.bak",
    ] {
        assert!(!is_lock_file(no), "{no}");
    }
}

#[test]
fn manifest_kinds_by_name() {
    for (path, kind) in [
        ("pyproject.toml", Some("pyproject")),
        ("sub/pyproject.toml", Some("pyproject")),
        ("setup.cfg", Some("setup.cfg")),
        ("setup.py", Some("setup.py")),
        ("Pipfile", Some("pipfile")),
        ("environment.yml", Some("conda")),
        ("environment.yaml", Some("conda")),
        ("conda.yml", Some("conda")),
        ("conda.yaml", Some("conda")),
        ("requirements.txt", Some("requirements")),
        ("requirements-dev.txt", Some("requirements")),
        ("dev-requirements.txt", Some("requirements")),
        ("requirements/prod.txt", Some("requirements")),
        ("requirements.in", Some("requirements")),
        ("requirements/base.in", Some("requirements")),
        ("notes.txt", None),
        ("requirements.md", None),
        ("MANIFEST.in", None),
        ("dev.in", None),
    ] {
        assert_eq!(manifest_kind(path), kind, "{path}");
    }
}

#[test]
fn requirement_strings_and_what_counts_as_pinned() {
    let pinned = |s: &str| parse_requirement(s).map(|r| r.2);
    assert_eq!(pinned("a===1.0"), Some(true));
    assert_eq!(pinned("a==1.0"), Some(true));
    assert_eq!(pinned("a==1.*"), Some(false));
    assert_eq!(pinned("a==1.0,!=1.0.1"), Some(false));
    assert_eq!(pinned("a>=1.0"), Some(false));
    let hash = "0123456789abcdef0123456789abcdef01234567";
    assert_eq!(
        pinned(&format!("a @ git+https://github.com/o/a@{hash}")),
        Some(true)
    );
    assert_eq!(pinned("a @ git+https://github.com/o/a@v1.0"), Some(false));
    // Only a direct reference is pinned by a commit hash.
    assert_eq!(pinned(&format!("a>=1@{hash}")), Some(false));
    // A bare URL names no package; a named one does.
    assert_eq!(parse_requirement("https://example.com/pkg-1.0.whl"), None);
    assert_eq!(
        parse_requirement("pkg @ https://example.com/pkg-1.0.whl").map(|r| r.0),
        Some("pkg".to_owned())
    );
    assert_eq!(
        parse_requirement("Flask_Cors>=4 ; python_version >= '3.8'  # web"),
        Some(("flask-cors".into(), ">=4".into(), false))
    );
}

#[test]
fn requirements_files_count_lines_hashes_and_dev_names() {
    let text = "# base\nflask==2.0\n\nrequests>=2\n-r other.txt\n";
    let (f, errors) = read("requirements.txt", "requirements", text);
    assert!(errors.is_empty());
    assert_eq!(
        deps(&f),
        vec![
            (
                "flask".into(),
                "==2.0".into(),
                true,
                DepGroup::Runtime,
                Some(2)
            ),
            (
                "requests".into(),
                ">=2".into(),
                false,
                DepGroup::Runtime,
                Some(4)
            ),
        ]
    );
    assert!(f.lock_files.is_empty() && f.dev_groups.is_empty());
    assert_eq!(f.manifests.len(), 1);
    assert_eq!(f.manifests[0].dependencies, 2);

    for (path, dev) in [
        ("requirements-dev.txt", true),
        ("requirements/test.txt", true),
        ("dev-requirements.txt", true),
        ("requirements.txt", false),
        ("docker-requirements.txt", false),
        ("test.txt", false),
    ] {
        let (f, _) = read(path, "requirements", "pytest\n");
        let want = if dev {
            DepGroup::Dev
        } else {
            DepGroup::Runtime
        };
        assert_eq!(dep(&f, "pytest").group, want, "{path}");
        assert_eq!(f.dev_groups.is_empty(), !dev, "{path}");
    }

    // Hashes pin every line, and make the file a lock file once.
    let mut f = ManifestFacts {
        lock_files: vec!["poetry.lock".into()],
        ..ManifestFacts::default()
    };
    let hashed = "flask>=2 --hash=sha256:abc\n";
    read_into(&mut f, "requirements.txt", "requirements", hashed);
    read_into(&mut f, "requirements.txt", "requirements", hashed);
    assert_eq!(f.lock_files, ["poetry.lock", "requirements.txt"]);
    assert!(dep(&f, "flask").pinned);
    // Each manifest counts its own dependencies.
    let counts: Vec<usize> = f.manifests.iter().map(|m| m.dependencies).collect();
    assert_eq!(counts, [1, 1]);
}

#[test]
fn pyproject_lines_extras_groups_and_the_search_budget() {
    let text = r#"[project]
name = "x"
requires-python = ">=3.11"
dependencies = [
  # requests>=2 was too old
  "requests>=2",
  "rich",
  "rich-click>=1",
]

[project.optional-dependencies]
test = ["pytest>=8"]
docker = ["gunicorn"]

[dependency-groups]
lint = ["ruff"]

[tool.pdm.dev-dependencies]
docs = ["mkdocs"]
"#;
    let (f, errors) = read("pyproject.toml", "pyproject", text);
    assert!(errors.is_empty(), "{errors:?}");
    let pv = f.python_version.as_ref().expect("python");
    assert_eq!((pv.value.as_str(), pv.line), (">=3.11", Some(3)));
    assert_eq!(dep(&f, "requests").line, Some(6));
    assert_eq!(dep(&f, "rich").line, Some(7));
    assert_eq!(dep(&f, "rich-click").line, Some(8));
    assert_eq!(dep(&f, "pytest").group, DepGroup::Dev);
    assert_eq!(dep(&f, "gunicorn").group, DepGroup::Optional);
    assert_eq!(dep(&f, "ruff").group, DepGroup::Dev);
    assert_eq!(dep(&f, "mkdocs").group, DepGroup::Dev);
    assert_eq!(
        dev_groups(&f),
        [
            ("project.optional-dependencies.test", Some(11)),
            ("dependency-groups.lint", Some(15)),
            ("tool.pdm.dev-dependencies", Some(18)),
        ]
    );
    let (f, _) = read(
        "pyproject.toml",
        "pyproject",
        "[project]\nname = \"x\"\n\n[tool.uv]\ndev-dependencies = [\"mypy\"]\n",
    );
    assert_eq!(dep(&f, "mypy").group, DepGroup::Dev);
    assert_eq!(dev_groups(&f), [("tool.uv.dev-dependencies", Some(5))]);

    // Keys past the search budget get no line; the first ones do.
    let mut text = String::from("[project]\nname = \"x\"\n");
    for i in 0..300 {
        text.push_str(&format!("[tool.t{i:03}]\nk = 1\n"));
    }
    let (f, _) = read("pyproject.toml", "pyproject", &text);
    let line = |v: &str| {
        f.tool_sections
            .iter()
            .find(|t| t.value == v)
            .unwrap_or_else(|| panic!("{v}"))
            .line
    };
    assert_eq!(line("tool.t000"), Some(3));
    assert_eq!(line("tool.t299"), None);
}

#[test]
fn a_dependency_written_with_an_escape_ends_the_line_search() {
    let text = "[project]\nname = \"x\"\ndependencies = [\"requests\\u003e=2\", \"flask\"]\n";
    let (f, _) = read("pyproject.toml", "pyproject", text);
    assert_eq!(dep(&f, "requests").line, None);
    assert_eq!(dep(&f, "flask").line, None);
}

#[test]
fn poetry_versions_and_groups() {
    let text = r#"[tool.poetry.dependencies]
python = "^3.11"
flask = "2.3.0"
requests = "^2.31"
rich = { version = "13.7.1" }
click = "*"
numpy = "1.*"
pandas = "==2.0.0"
httpx = ""

[tool.poetry.dev-dependencies]
pytest = "8.0.0"

[tool.poetry.group.lint.dependencies]
ruff = "^0.4"
"#;
    let (f, _) = read("pyproject.toml", "pyproject", text);
    let pv = f.python_version.as_ref().expect("python");
    assert_eq!((pv.value.as_str(), pv.line), ("^3.11", Some(2)));
    assert!(f.dependencies.iter().all(|d| d.name != "python"));
    for (name, spec, pinned, group) in [
        ("flask", "2.3.0", true, DepGroup::Runtime),
        ("requests", "^2.31", false, DepGroup::Runtime),
        ("rich", "13.7.1", true, DepGroup::Runtime),
        ("click", "*", false, DepGroup::Runtime),
        ("numpy", "1.*", false, DepGroup::Runtime),
        ("pandas", "==2.0.0", true, DepGroup::Runtime),
        ("httpx", "", false, DepGroup::Runtime),
        ("pytest", "8.0.0", true, DepGroup::Dev),
        ("ruff", "^0.4", false, DepGroup::Dev),
    ] {
        let d = dep(&f, name);
        assert_eq!(
            (d.spec.as_str(), d.pinned, d.group),
            (spec, pinned, group),
            "{name}"
        );
    }
    assert_eq!(
        dev_groups(&f),
        [
            ("tool.poetry.dev-dependencies", Some(11)),
            ("tool.poetry.group.lint", Some(14)),
        ]
    );
}

#[test]
fn setup_cfg_sections_keys_continuations_and_comments() {
    let text = "\u{feff}[metadata]\nname = x\npython_requires = >=3.0\n\n[options]\nzip_safe = False\npython_requires = >=3.9\ninstall_requires =\n    flask==2.0\n; tests_require = nothing\n\trequests\n\n[options.extras_require]\ntest =\n    pytest\nyaml =\n    pyyaml\n";
    let (f, errors) = read("setup.cfg", "setup.cfg", text);
    assert!(errors.is_empty(), "{errors:?}");
    let pv = f.python_version.as_ref().expect("python");
    assert_eq!((pv.value.as_str(), pv.line), (">=3.9", Some(7)));
    assert_eq!(
        deps(&f),
        vec![
            (
                "flask".into(),
                "==2.0".into(),
                true,
                DepGroup::Runtime,
                Some(9)
            ),
            (
                "requests".into(),
                String::new(),
                false,
                DepGroup::Runtime,
                Some(11)
            ),
            (
                "pytest".into(),
                String::new(),
                false,
                DepGroup::Dev,
                Some(15)
            ),
            (
                "pyyaml".into(),
                String::new(),
                false,
                DepGroup::Optional,
                Some(17)
            ),
        ]
    );
    assert_eq!(dev_groups(&f), [("options.extras_require", Some(13))]);
    let sections: Vec<_> = f
        .tool_sections
        .iter()
        .map(|t| (t.value.as_str(), t.line))
        .collect();
    assert_eq!(
        sections,
        [
            ("metadata", Some(1)),
            ("options", Some(5)),
            ("options.extras_require", Some(13))
        ]
    );
}

#[test]
fn a_malformed_setup_cfg_is_one_error_at_its_first_bad_line() {
    let (f, errors) = read(
        "setup.cfg",
        "setup.cfg",
        "\nname = x\n[options\ninstall_requires =\n    flask\n",
    );
    assert_eq!(
        errors,
        ["setup.cfg:2: malformed setup.cfg: a line before the first [section] header"]
    );
    assert!(f.dependencies.is_empty());
    let (_, errors) = read("setup.cfg", "setup.cfg", "[metadata\nname = x\n");
    assert_eq!(
        errors,
        ["setup.cfg:1: malformed setup.cfg: a section header without its closing `]`"]
    );
}

#[test]
fn setup_py_is_read_as_text() {
    let text = "from setuptools import setup\n\nsetup(\n    name='x',\n    python_requires=\">=3.10\",\n    install_requires=[\n        'flask==2.0',\n        \"requests\",\n    ],\n    extras_require={'test': ['pytest']},\n)\n";
    let (f, errors) = read("setup.py", "setup.py", text);
    assert!(errors.is_empty());
    let pv = f.python_version.as_ref().expect("python");
    assert_eq!((pv.value.as_str(), pv.line), (">=3.10", Some(5)));
    assert_eq!(
        deps(&f),
        vec![
            (
                "flask".into(),
                "==2.0".into(),
                true,
                DepGroup::Runtime,
                Some(7)
            ),
            (
                "requests".into(),
                String::new(),
                false,
                DepGroup::Runtime,
                Some(8)
            ),
        ]
    );
    assert_eq!(dev_groups(&f), [("extras_require", Some(10))]);
}

#[test]
fn pipfile_sections_and_python() {
    let text = "[packages]\nflask = \"==2.0\"\nrequests = \"*\"\n\n[dev-packages]\npytest = { version = \"==8.0\" }\n\n[requires]\npython_version = \"3.11\"\n";
    let (f, errors) = read("Pipfile", "pipfile", text);
    assert!(errors.is_empty());
    for (name, spec, pinned, group) in [
        ("flask", "==2.0", true, DepGroup::Runtime),
        ("requests", "*", false, DepGroup::Runtime),
        ("pytest", "==8.0", true, DepGroup::Dev),
    ] {
        let d = dep(&f, name);
        assert_eq!(
            (d.spec.as_str(), d.pinned, d.group),
            (spec, pinned, group),
            "{name}"
        );
    }
    assert_eq!(dev_groups(&f), [("dev-packages", Some(5))]);
    let pv = f.python_version.as_ref().expect("python");
    assert_eq!((pv.value.as_str(), pv.line), ("3.11", Some(9)));
}

/// Killer for the fourth run's survivor `manifests.rs:648:22` (`==` to
/// `!=` in `pipfile`): only a `[dev-packages]` table is a dev group.
#[test]
fn a_pipfile_has_a_dev_group_exactly_when_it_has_dev_packages() {
    let (f, errors) = read("Pipfile", "pipfile", "[packages]\nflask = \"*\"\n");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(dev_groups(&f), []);
    let (f, errors) = read("Pipfile", "pipfile", "[dev-packages]\npytest = \"*\"\n");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(dev_groups(&f), [("dev-packages", Some(1))]);
    assert_eq!(dep(&f, "pytest").group, DepGroup::Dev);
}

#[test]
fn conda_pins_python_and_pip_entries() {
    let text = "name: x\ndependencies:\n  - python=3.11\n  - numpy=1.26\n  - scipy\n  - pandas>=2\n  - torch=2.*\n  - pip:\n    - requests==2.31\n";
    let (f, errors) = read("environment.yml", "conda", text);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        f.python_version.as_ref().map(|p| p.value.as_str()),
        Some("3.11")
    );
    assert!(f.dependencies.iter().all(|d| d.name != "python"));
    for (name, pinned) in [
        ("numpy", true),
        ("scipy", false),
        ("pandas", false),
        ("torch", false),
        ("requests", true),
    ] {
        assert_eq!(dep(&f, name).pinned, pinned, "{name}");
    }
    assert_eq!(dep(&f, "numpy").line, Some(4));
}
