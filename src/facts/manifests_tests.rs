//! Unit tests of the dependency-manifest readers.

use super::*;

#[test]
fn requirement_lines() {
    assert_eq!(
        parse_requirement("Django==4.2.1"),
        Some(("django".into(), "==4.2.1".into(), true))
    );
    assert_eq!(
        parse_requirement("requests>=2"),
        Some(("requests".into(), ">=2".into(), false))
    );
    assert_eq!(
        parse_requirement("uvicorn[standard]==0.30.0 ; python_version>'3.8'").map(|r| r.2),
        Some(true)
    );
    assert_eq!(parse_requirement("-r base.txt"), None);
    assert_eq!(parse_requirement("# comment"), None);
    assert_eq!(parse_requirement("flask==2.*").map(|r| r.2), Some(false));
}

#[test]
fn manifest_names() {
    assert_eq!(manifest_kind("requirements/dev.txt"), Some("requirements"));
    assert_eq!(manifest_kind("requirements-dev.txt"), Some("requirements"));
    for short in [
        "req.txt",
        "reqs.txt",
        "requirement.txt",
        "app/requirement-dev.txt",
    ] {
        assert_eq!(manifest_kind(short), Some("requirements"), "{short}");
    }
    for other in ["request.txt", "prereq.txt", "src/x.egg-info/requires.txt"] {
        assert_eq!(manifest_kind(other), None, "{other}");
    }
    assert_eq!(manifest_kind("docs/requirements.txt"), Some("requirements"));
    assert_eq!(manifest_kind("notes.txt"), None);
    assert_eq!(manifest_kind("requirements"), Some("requirements"));
    assert_eq!(manifest_kind("docs/requirements"), Some("requirements"));
    assert_eq!(manifest_kind("requirements.md"), None);
    assert!(is_lock_file("uv.lock"));
}

#[test]
fn pyproject_groups_and_python() {
    let mut facts = ManifestFacts::default();
    let mut errors = Vec::new();
    let text = "[project]\nname='x'\nrequires-python='>=3.11'\ndependencies=['fastapi==0.110.0','sqlalchemy>=2']\n[dependency-groups]\ndev=['pytest>=8']\n[tool.pytest.ini_options]\naddopts='-q'\n";
    ManifestReader {
        facts: &mut facts,
        errors: &mut errors,
    }
    .read("pyproject.toml", "pyproject", text);
    assert!(errors.is_empty());
    assert_eq!(
        facts.python_version.as_ref().map(|p| p.value.as_str()),
        Some(">=3.11")
    );
    assert_eq!(facts.dependencies.len(), 3);
    assert_eq!(facts.dev_groups.len(), 1);
    assert!(
        facts
            .tool_sections
            .iter()
            .any(|t| t.value == "tool.pytest.ini_options")
    );
}

#[test]
fn malformed_pyproject_is_an_error_naming_the_file() {
    let mut facts = ManifestFacts::default();
    let mut errors = Vec::new();
    ManifestReader {
        facts: &mut facts,
        errors: &mut errors,
    }
    .read("pyproject.toml", "pyproject", "[project\nname=");
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0]
            .path
            .as_deref()
            .unwrap_or("")
            .starts_with("pyproject.toml")
    );
}

#[test]
fn dev_groups_point_at_the_table_they_were_read_from() {
    let mut facts = ManifestFacts::default();
    let mut errors = Vec::new();
    // Three tables share the key `dev-dependencies`: each group's line
    // must be its own table's, not the first match in the file.
    let text = "[tool.pdm.dev-dependencies]\nlint=['ruff']\n\n[tool.poetry]\nname='x'\n\n[tool.poetry.dev-dependencies]\npytest='^8'\n\n[tool.uv]\ndev-dependencies=['mypy']\n";
    ManifestReader {
        facts: &mut facts,
        errors: &mut errors,
    }
    .read("pyproject.toml", "pyproject", text);
    assert!(errors.is_empty());
    let line_of = |value: &str| {
        facts
            .dev_groups
            .iter()
            .find(|g| g.value == value)
            .and_then(|g| g.line)
    };
    assert_eq!(line_of("tool.pdm.dev-dependencies"), Some(1));
    assert_eq!(line_of("tool.poetry.dev-dependencies"), Some(7));
    assert_eq!(line_of("tool.uv.dev-dependencies"), Some(11));
}
