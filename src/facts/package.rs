//! Whether a repository is a published Python package (a library), read
//! from its packaging metadata and layout. A library is judged by what a
//! library reviewer looks for (a docs site, a changelog, a typed API,
//! release tags), not by a portfolio app's README sections, so the audit
//! picks the `library` profile from this fact.

use crate::source::{EntryKind, FileEntry};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PackageFacts {
    /// The distribution name the packaging metadata declares.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Where the name is declared: `pyproject.toml [project]`,
    /// `pyproject.toml [tool.poetry]`, `setup.cfg [metadata]` or `setup.py`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub build_backend: Option<String>,
    /// The importable package, e.g. `src/tomli` or `humanize.py`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package: Option<String>,
    /// Signs that it is released for others: classifiers, project URLs,
    /// py.typed, a publish workflow. (A changelog is not one: apps keep
    /// them too.)
    pub release_hints: Vec<String>,
    /// Metadata, an importable package and at least one release hint, and
    /// not a site (no Django `manage.py` at the root).
    pub is_library: bool,
    /// Console scripts the manifests declare (`[project.scripts]`,
    /// `console_scripts`): the commands a user types to run the project.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub console_scripts: Vec<String>,
    /// `Topic ::` classifiers and `keyword: x` entries the metadata
    /// declares (`facts::declared`, filled in by the package collector):
    /// the author's own words for the domain.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
}

/// Top-level packages the repository defines: a folder with an
/// `__init__.py` at the root or under `src/`, in file order, each once.
pub fn top_level_packages(files: &[FileEntry]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for f in files {
        let p = f.path.strip_prefix("src/").unwrap_or(&f.path);
        let Some((pkg, "__init__.py")) = p.split_once('/') else {
            continue;
        };
        if !out.iter().any(|o| o == pkg) {
            out.push(pkg.to_owned());
        }
    }
    out
}

/// The packaging files' texts, when the repository has them at its root.
#[derive(Default)]
pub struct PackagingTexts<'a> {
    pub pyproject: Option<&'a str>,
    pub setup_cfg: Option<&'a str>,
    pub setup_py: Option<&'a str>,
    /// The URLs the README links or shows (a PyPI badge names the package
    /// as released).
    pub readme_urls: Vec<&'a str>,
}

/// Reads the packaging metadata and the layout. `files` is sorted by path.
pub fn detect(texts: &PackagingTexts<'_>, files: &[FileEntry]) -> PackageFacts {
    let mut facts = PackageFacts::default();
    let mut hints: Vec<String> = Vec::new();
    let mut declared: Vec<String> = Vec::new();
    if let Some(table) = texts.pyproject.and_then(|t| t.parse::<toml::Table>().ok()) {
        let get = |path: &[&str]| -> Option<&toml::Value> {
            let mut v: Option<&toml::Value> = None;
            let mut t = &table;
            for (i, key) in path.iter().enumerate() {
                let next = t.get(*key)?;
                if i + 1 < path.len() {
                    t = next.as_table()?;
                } else {
                    v = Some(next);
                }
            }
            v
        };
        facts.build_backend = get(&["build-system", "build-backend"])
            .and_then(|v| v.as_str())
            .map(str::to_owned);
        if let Some(name) = get(&["project", "name"]).and_then(|v| v.as_str()) {
            facts.name = Some(name.to_owned());
            facts.metadata = Some("pyproject.toml [project]".to_owned());
        } else if let Some(name) = get(&["tool", "poetry", "name"]).and_then(|v| v.as_str()) {
            facts.name = Some(name.to_owned());
            facts.metadata = Some("pyproject.toml [tool.poetry]".to_owned());
        }
        let non_empty = |v: Option<&toml::Value>| {
            v.is_some_and(|v| {
                v.as_array().is_some_and(|a| !a.is_empty())
                    || v.as_table().is_some_and(|t| !t.is_empty())
            })
        };
        if non_empty(get(&["project", "classifiers"]))
            || non_empty(get(&["tool", "poetry", "classifiers"]))
        {
            hints.push("classifiers in pyproject.toml".to_owned());
        }
        if non_empty(get(&["project", "urls"])) || non_empty(get(&["tool", "poetry", "urls"])) {
            hints.push("project URLs in pyproject.toml".to_owned());
        }
        declared = declared_packages(&get);
    }
    if facts.name.is_none() {
        if let Some(name) = texts.setup_cfg.and_then(setup_cfg_name) {
            facts.name = Some(name);
            facts.metadata = Some("setup.cfg [metadata]".to_owned());
        } else if let Some(name) = texts.setup_py.and_then(setup_py_name) {
            facts.name = Some(name);
            facts.metadata = Some("setup.py".to_owned());
        } else if let Some(name) = texts
            .setup_py
            .and_then(|_| texts.readme_urls.iter().find_map(|u| pypi_name(u)))
        {
            // `setup(name=about['__title__'])` builds its name in code; the
            // README's PyPI badge says what it is published as.
            facts.name = Some(name);
            facts.metadata = Some("setup.py (name from the README's PyPI link)".to_owned());
        }
    }
    for (file, text) in [("setup.cfg", texts.setup_cfg), ("setup.py", texts.setup_py)] {
        if text.is_some_and(|t| t.contains("classifiers")) {
            hints.push(format!("classifiers in {file}"));
        }
    }
    let exists = |p: &str| files.binary_search_by(|f| f.path.as_str().cmp(p)).is_ok();
    facts.package = facts
        .name
        .as_deref()
        .and_then(|name| find_package(name, files));
    // A package the build settings name (`packages = ["drf_client"]` for
    // `django-rest-framework-client`) when the distribution's name finds
    // none. Apps name theirs too (`uv init --package`), so this weaker
    // link needs two release signs below, not one.
    let mut named_in_build = false;
    if facts.package.is_none() && facts.name.is_some() {
        facts.package = declared.iter().find_map(|m| {
            [format!("src/{m}/__init__.py"), format!("{m}/__init__.py")]
                .into_iter()
                .find(|p| exists(p))
                .map(|p| p.trim_end_matches("/__init__.py").to_owned())
        });
        named_in_build = facts.package.is_some();
    }
    for f in files.iter().filter(|f| f.kind == EntryKind::File) {
        let lower = f.path.to_ascii_lowercase();
        let depth = lower.matches('/').count();
        if lower.ends_with("/py.typed") && depth <= 2 {
            hints.push(format!("{} (typed package)", f.path));
        } else if lower.starts_with(".github/workflows/")
            // A `deploy` workflow ships an application (deploy-dbt.yml,
            // deploy-to-render.yml); a package is published or released.
            && ["publish", "release", "pypi"]
                .iter()
                .any(|w| lower.contains(w))
        {
            hints.push(format!("{} (release workflow)", f.path));
        }
    }
    if let Some(name) = facts.name.as_deref() {
        if let Some(url) = texts.readme_urls.iter().find(|u| pypi_page_of(u, name)) {
            hints.push(format!("README links its PyPI release ({url})"));
        }
    }
    facts.release_hints = hints;
    // A Django `manage.py` at the root makes a site, unless the release
    // signs are many: a reusable Django app keeps a demo project beside
    // its package (`django-structlog`).
    let site = exists("manage.py") && facts.release_hints.len() < 3;
    let signs_needed = if named_in_build { 2 } else { 1 };
    facts.is_library = facts.metadata.is_some()
        && facts.package.is_some()
        && facts.release_hints.len() >= signs_needed
        && !site;
    facts
}

/// The PyPI prefixes of a project page or a version badge.
const PYPI_PAGES: &[&str] = &[
    "pypi.org/project/",
    "img.shields.io/pypi/v/",
    "badge.fury.io/py/",
    "pypi.python.org/pypi/",
];

/// The distribution a PyPI page or version badge names.
fn pypi_name(url: &str) -> Option<String> {
    let lower = url.to_ascii_lowercase();
    PYPI_PAGES.iter().find_map(|prefix| {
        let rest = lower.split(prefix).nth(1)?;
        let slug = rest.split(['/', '?', '#']).next().unwrap_or("");
        let slug = slug.strip_suffix(".svg").unwrap_or(slug);
        (!slug.is_empty()
            && slug
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .then(|| slug.to_owned())
    })
}

/// Whether a URL is the PyPI page or a PyPI version badge of `name`
/// (`pypi.org/project/thefuck/`, `img.shields.io/pypi/v/thefuck.svg`,
/// `badge.fury.io/py/thefuck`).
fn pypi_page_of(url: &str, name: &str) -> bool {
    let norm = |s: &str| s.to_ascii_lowercase().replace(['_', '.'], "-");
    pypi_name(url).is_some_and(|slug| norm(&slug) == norm(name))
}

/// Hosts whose plugins are distributed as `HOST-name` and import as `name`.
const PLUGIN_HOSTS: &[&str] = &["pytest", "flake8", "django", "flask", "sphinx", "mkdocs"];

/// The importable package of distribution `name`: one named like the
/// distribution, at the root, under `src/` or one source folder down.
fn find_package(name: &str, files: &[FileEntry]) -> Option<String> {
    let exists = |p: &str| files.binary_search_by(|f| f.path.as_str().cmp(p)).is_ok();
    let module = name.to_ascii_lowercase().replace(['-', '.'], "_");
    // `python-dotenv` imports as `dotenv`, `dbt-duckdb` as `dbt`...:
    // the name without a `python`/`py` prefix or suffix is tried too.
    let short = module
        .strip_prefix("python_")
        .or_else(|| module.strip_prefix("py_"))
        .or_else(|| module.strip_suffix("_python"))
        .or_else(|| module.strip_prefix("py").filter(|rest| rest.len() >= 4))
        .map(str::to_owned);
    // A plugin distribution named after its host imports under its own
    // name: `pytest-testinfra` as `testinfra`, `django-environ` as
    // `environ`.
    let plugin = PLUGIN_HOSTS.iter().find_map(|host| {
        module
            .strip_prefix(host)
            .and_then(|rest| rest.strip_prefix('_'))
            .filter(|rest| !rest.is_empty())
            .map(str::to_owned)
    });
    // `pip-tools` imports as `piptools`; a plugin named `dbt-duckdb`
    // lives in its host's namespace, `dbt` (only when `dbt/**/duckdb/`
    // is there: `pantry-tracker` is no plugin of a `pantry` package).
    let joined = module.replace('_', "");
    let host = module.split_once('_').and_then(|(first, _)| {
        let last = module.rsplit('_').next().unwrap_or_default();
        let plugin = format!("/{last}/__init__.py");
        files
            .iter()
            .any(|f| {
                let p = f.path.strip_prefix("src/").unwrap_or(&f.path);
                p.starts_with(&format!("{first}/")) && p.ends_with(&plugin)
            })
            .then(|| first.to_owned())
    });
    let names: Vec<String> = std::iter::once(module)
        .chain(short)
        .chain(plugin)
        .chain(std::iter::once(joined))
        .chain(host)
        .collect();
    let direct = names.iter().flat_map(|m| {
        [
            format!("src/{m}/__init__.py"),
            format!("{m}/__init__.py"),
            format!("src/{m}.py"),
            format!("{m}.py"),
        ]
    });
    direct
        .clone()
        .find(|p| exists(p))
        .or_else(|| names.iter().find_map(|m| package_one_level_down(files, m)))
        .map(|p| p.trim_end_matches("/__init__.py").to_owned())
}

/// Package names the pyproject's build settings give: setuptools'
/// `packages` or `packages.find.include`, hatch's wheel `packages`,
/// Poetry's `packages = [{ include = "x" }]`. Patterns and dotted
/// subpackages are cut to their first plain part.
fn declared_packages<'a>(get: &dyn Fn(&[&str]) -> Option<&'a toml::Value>) -> Vec<String> {
    let lists = [
        &["tool", "setuptools", "packages"][..],
        &["tool", "setuptools", "packages", "find", "include"],
        &["tool", "hatch", "build", "targets", "wheel", "packages"],
        &["tool", "poetry", "packages"],
    ];
    let mut out: Vec<String> = Vec::new();
    for path in lists {
        let Some(items) = get(path).and_then(toml::Value::as_array) else {
            continue;
        };
        for item in items {
            let Some(text) = item
                .as_str()
                .or_else(|| item.get("include").and_then(toml::Value::as_str))
            else {
                continue;
            };
            let text = text.strip_prefix("src/").unwrap_or(text);
            let first = text.split(['.', '/']).next().unwrap_or_default();
            let plain =
                !first.is_empty() && first.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if plain && !out.iter().any(|o| o == first) {
                out.push(first.to_owned());
            }
        }
    }
    out
}

/// `DIR/name/__init__.py` for a source folder other than `src/` (`source/`,
/// `lib/`, `python/`), never under tests, docs or examples.
fn package_one_level_down(files: &[FileEntry], module: &str) -> Option<String> {
    let tail = format!("/{module}/__init__.py");
    files.iter().find_map(|f| {
        let (dir, rest) = f.path.split_once('/')?;
        let wanted = rest.strip_prefix(module)? == "/__init__.py";
        let source_dir = !["tests", "test", "docs", "doc", "examples", "example"]
            .contains(&dir.to_ascii_lowercase().as_str());
        (wanted && source_dir && f.path.ends_with(&tail)).then(|| f.path.clone())
    })
}

/// `name = x` in the `[metadata]` section of setup.cfg.
fn setup_cfg_name(text: &str) -> Option<String> {
    let mut in_metadata = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_metadata = line == "[metadata]";
        } else if in_metadata {
            if let Some((key, value)) = line.split_once('=') {
                if key.trim() == "name" && !value.trim().is_empty() {
                    return Some(value.trim().to_owned());
                }
            }
        }
    }
    None
}

/// `name="x"` inside a `setup(` call of setup.py (a literal only: the file
/// is read, never run).
fn setup_py_name(text: &str) -> Option<String> {
    let call = text.find("setup(")?;
    let rest = &text[call..];
    let at = rest.find("name")?;
    let after = rest[at + 4..].trim_start().strip_prefix('=')?.trim_start();
    let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let body = &after[1..];
    let end = body.find(quote)?;
    let name = &body[..end];
    (!name.is_empty()).then(|| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(paths: &[&str]) -> Vec<FileEntry> {
        let mut v: Vec<FileEntry> = paths
            .iter()
            .map(|p| FileEntry {
                path: (*p).to_owned(),
                size: 1,
                kind: EntryKind::File,
            })
            .collect();
        v.sort_by(|a, b| a.path.cmp(&b.path));
        v
    }

    const PYPROJECT: &str = "[build-system]\nrequires = [\"hatchling\"]\nbuild-backend = \"hatchling.build\"\n\n[project]\nname = \"tidy-dates\"\nclassifiers = [\"Typing :: Typed\"]\n";

    #[test]
    fn a_src_layout_package_with_metadata_is_a_library() {
        let texts = PackagingTexts {
            pyproject: Some(PYPROJECT),
            ..Default::default()
        };
        let f = detect(
            &texts,
            &files(&["src/tidy_dates/__init__.py", "pyproject.toml"]),
        );
        assert!(f.is_library, "{f:?}");
        assert_eq!(f.package.as_deref(), Some("src/tidy_dates"));
        assert_eq!(f.build_backend.as_deref(), Some("hatchling.build"));
    }

    #[test]
    fn a_deploy_workflow_is_no_release_sign_but_a_publish_one_is() {
        let text = "[project]\nname = \"infra-platform\"\n";
        let texts = PackagingTexts {
            pyproject: Some(text),
            ..Default::default()
        };
        let app = files(&[
            ".github/workflows/deploy-dbt.yml",
            "infra_platform/__init__.py",
            "pyproject.toml",
        ]);
        let f = detect(&texts, &app);
        assert!(!f.is_library, "{f:?}");
        let released = files(&[
            ".github/workflows/publish.yml",
            "infra_platform/__init__.py",
            "pyproject.toml",
        ]);
        assert!(detect(&texts, &released).is_library);
    }

    #[test]
    fn a_pypi_badge_in_the_readme_is_a_release_sign() {
        let setup =
            "setup(name='thefuck',\n      version=VERSION,\n      packages=find_packages())\n";
        let layout = files(&["setup.py", "thefuck/__init__.py"]);
        let bare = PackagingTexts {
            setup_py: Some(setup),
            ..Default::default()
        };
        assert!(!detect(&bare, &layout).is_library);
        let badged = PackagingTexts {
            setup_py: Some(setup),
            readme_urls: vec!["https://img.shields.io/pypi/v/thefuck.svg?label=version"],
            ..Default::default()
        };
        let f = detect(&badged, &layout);
        assert!(f.is_library, "{f:?}");
        // Another package's badge says nothing about this one.
        let other = PackagingTexts {
            setup_py: Some(setup),
            readme_urls: vec!["https://pypi.org/project/thefuck-extras/"],
            ..Default::default()
        };
        assert!(!detect(&other, &layout).is_library);
    }

    #[test]
    fn a_setup_py_that_builds_its_name_in_code_is_named_by_its_pypi_badge() {
        let setup =
            "about = {}\nsetup(\n    name=about['__title__'],\n    packages=[package],\n)\n";
        let texts = PackagingTexts {
            setup_py: Some(setup),
            readme_urls: vec!["https://badge.fury.io/py/python-slugify.svg"],
            ..Default::default()
        };
        let f = detect(&texts, &files(&["setup.py", "slugify/__init__.py"]));
        assert_eq!(f.name.as_deref(), Some("python-slugify"));
        assert_eq!(f.package.as_deref(), Some("slugify"));
        assert!(f.is_library, "{f:?}");
    }

    #[test]
    fn a_django_app_with_a_demo_site_is_a_library_when_released_plainly() {
        let text = "[project]\nname = \"django-structlog\"\nclassifiers = [\"Framework :: Django\"]\n[project.urls]\nHomepage = \"https://x\"\n";
        let texts = PackagingTexts {
            pyproject: Some(text),
            ..Default::default()
        };
        let layout = files(&[
            "django_structlog/__init__.py",
            "django_structlog/py.typed",
            "manage.py",
            "pyproject.toml",
        ]);
        assert!(detect(&texts, &layout).is_library);
        // A site with one release sign stays a site.
        let site = "[project]\nname = \"blog\"\nclassifiers = [\"Framework :: Django\"]\n";
        let texts = PackagingTexts {
            pyproject: Some(site),
            ..Default::default()
        };
        let layout = files(&["blog/__init__.py", "manage.py", "pyproject.toml"]);
        assert!(!detect(&texts, &layout).is_library);
    }

    #[test]
    fn a_python_prefixed_name_imports_without_its_prefix() {
        let text =
            "[project]\nname = \"python-dotenv\"\nclassifiers = [\"License :: OSI Approved\"]\n";
        let texts = PackagingTexts {
            pyproject: Some(text),
            ..Default::default()
        };
        let f = detect(
            &texts,
            &files(&["pyproject.toml", "src/dotenv/__init__.py"]),
        );
        assert_eq!(f.package.as_deref(), Some("src/dotenv"));
        assert!(f.is_library, "{f:?}");
    }

    #[test]
    fn an_app_with_a_pyproject_but_no_package_or_release_is_not() {
        let app = "[project]\nname = \"notes\"\n";
        let texts = PackagingTexts {
            pyproject: Some(app),
            ..Default::default()
        };
        assert!(!detect(&texts, &files(&["app.py", "pyproject.toml"])).is_library);
        // A Django site ships a package and metadata, but it is a site.
        let texts = PackagingTexts {
            pyproject: Some(PYPROJECT),
            ..Default::default()
        };
        let site = files(&["manage.py", "tidy_dates/__init__.py"]);
        assert!(!detect(&texts, &site).is_library);
    }

    #[test]
    fn setup_py_and_setup_cfg_declare_names_too() {
        assert_eq!(
            setup_py_name("from setuptools import setup\nsetup(\n    name = 'schema',\n)"),
            Some("schema".to_owned())
        );
        assert_eq!(
            setup_cfg_name("[metadata]\nname = pluggy\n[options]\nname = x\n"),
            Some("pluggy".to_owned())
        );
        let texts = PackagingTexts {
            setup_py: Some("setup(name=\"schema\", classifiers=[])"),
            ..Default::default()
        };
        let f = detect(&texts, &files(&["schema.py", "setup.py"]));
        assert!(f.is_library, "{f:?}");
        assert_eq!(f.package.as_deref(), Some("schema.py"));
    }

    #[test]
    fn a_package_is_found_by_the_ways_distributions_name_it() {
        let named = |name: &str| {
            format!("[project]\nname = \"{name}\"\nclassifiers = [\"License :: OSI Approved\"]\n")
        };
        let find = |name: &str, paths: &[&str]| {
            let text = named(name);
            let texts = PackagingTexts {
                pyproject: Some(&text),
                ..Default::default()
            };
            detect(&texts, &files(paths)).package
        };
        // Hyphens dropped, not turned into underscores.
        assert_eq!(
            find("pip-tools", &["piptools/__init__.py", "pyproject.toml"]).as_deref(),
            Some("piptools")
        );
        // A plugin in its host's namespace.
        assert_eq!(
            find(
                "dbt-duckdb",
                &["dbt/__init__.py", "dbt/adapters/duckdb/__init__.py"]
            )
            .as_deref(),
            Some("dbt")
        );
        // A plugin named after its host, importing under its own name.
        assert_eq!(
            find("pytest-testinfra", &["testinfra/__init__.py"]).as_deref(),
            Some("testinfra")
        );
        assert_eq!(find("pytest-", &["_/__init__.py"]).as_deref(), None);
        // A source folder that is not `src/`, but never tests or docs.
        assert_eq!(
            find("pykirill", &["source/pykirill/__init__.py"]).as_deref(),
            Some("source/pykirill")
        );
        assert_eq!(find("pykirill", &["tests/pykirill/__init__.py"]), None);
        // An app whose package is its name's first word is no plugin.
        assert_eq!(find("pantry-tracker", &["src/pantry/__init__.py"]), None);
        // `py` glued to the front of the import name.
        assert_eq!(
            find("pyspellchecker", &["spellchecker/__init__.py"]).as_deref(),
            Some("spellchecker")
        );
    }

    #[test]
    fn the_build_settings_name_a_package_that_needs_two_release_signs() {
        let layout = files(&["pyproject.toml", "src/kitchen/__init__.py"]);
        let signs = "classifiers = [\"License :: OSI Approved\"]\n[project.urls]\nHome = \"https://example.org\"\n";
        for table in [
            "[tool.setuptools.packages.find]\ninclude = [\"kitchen\", \"kitchen.*\"]\n",
            "[tool.setuptools]\npackages = [\"kitchen\"]\n",
            "[tool.hatch.build.targets.wheel]\npackages = [\"src/kitchen\"]\n",
            "[tool.poetry]\npackages = [{ include = \"kitchen\", from = \"src\" }]\n",
        ] {
            let text = format!("[project]\nname = \"sink-tools\"\n{signs}{table}");
            let texts = PackagingTexts {
                pyproject: Some(&text),
                ..Default::default()
            };
            let f = detect(&texts, &layout);
            assert_eq!(f.package.as_deref(), Some("src/kitchen"), "{table}");
            assert!(f.is_library, "{table}");
        }
        // One sign is not enough on this link: apps name their package too.
        let one = "[project]\nname = \"sink-tools\"\nclassifiers = [\"License :: OSI Approved\"]\n[tool.setuptools]\npackages = [\"kitchen\"]\n";
        let texts = PackagingTexts {
            pyproject: Some(one),
            ..Default::default()
        };
        let f = detect(&texts, &layout);
        assert_eq!(f.package.as_deref(), Some("src/kitchen"));
        assert!(!f.is_library);
    }
}
