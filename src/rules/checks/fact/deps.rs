//! Facts about dependency manifests: declared, reproducible, a Python
//! version, dev tools kept apart.

use super::Coded;
use super::deps_coverage::{Coverage, covered, local_modules, undeclared_imports};
use crate::facts::Facts;
use crate::facts::manifests::{DEV_TOOLS, DepGroup, Dependency};
use crate::rules::Evidence;
use crate::rules::checks::Verdict;
use crate::rules::checks::text::{capped, count_noun};

pub const DEPS_DECLARED: Coded = Coded {
    evaluate: deps_declared,
    pass: "a manifest (requirements*.txt, pyproject.toml, setup.cfg, Pipfile, environment.yml...) declares the dependencies; one with no entries declares \"nothing beyond the standard library\" (true only when the code imports nothing else), a bare setup.py does not; code that imports only the standard library and its own modules has nothing to declare",
    fail: "no dependency manifest is committed, the manifests declare nothing while the code imports third-party packages (manifests that declare nothing, such as a bare setup.py, earn half), or they leave out three or more of the packages the shipped code imports and over a third of them (examples, docs, tests and notebooks aside; packages a declared one brings along count as declared)",
};

pub const DEPS_REPRODUCIBLE: Coded = Coded {
    evaluate: deps_reproducible,
    pass: "a lock file (poetry.lock, uv.lock, Pipfile.lock, pdm.lock...) is committed, or every third-party runtime dependency is pinned with `==`",
    fail: "there is no lock file and runtime dependencies are not pinned with `==`; credit grows with the share pinned",
};

pub const PYTHON_VERSION_DECLARED: Coded = Coded {
    evaluate: python_version,
    pass: "the project says which Python it needs: requires-python, python_requires, .python-version or runtime.txt",
    fail: "none of requires-python, python_requires, .python-version or runtime.txt declares a Python version",
};

pub const DEV_DEPS_SEPARATE: Coded = Coded {
    evaluate: dev_deps_separate,
    pass: "dev and test tools (pytest, ruff, black...) sit in a dev group or a requirements-dev file, not among runtime dependencies (a project with no tests and no dev tools passes)",
    fail: "a dev tool is listed as a runtime dependency (half credit when a dev group exists too), or the project has tests but no dev dependency list says what runs them",
};

fn deps_declared(facts: &Facts) -> Verdict {
    let m = &facts.manifests;
    let ev: Vec<Evidence> = m
        .manifests
        .iter()
        .map(|x| {
            Evidence::file(&x.path).with_note(format!(
                "{}: {}",
                x.kind,
                count_noun(x.dependencies, "dependency")
            ))
        })
        .collect();
    // A pyproject or requirements file with no entries still declares
    // "nothing beyond the standard library"; a bare setup.py does not.
    let declaring = m
        .manifests
        .iter()
        .filter(|x| x.dependencies > 0 || x.kind != "setup.py")
        .count();
    // "Nothing beyond the standard library" is a claim the imports can
    // refute: an empty requirements.txt beside `import pandas`. Only for
    // static manifests; a setup.py may build its list in code.
    let unlisted = if m.dependencies.is_empty() && m.manifests.iter().all(|x| x.kind != "setup.py")
    {
        third_party_imports(facts)
    } else {
        Vec::new()
    };
    if declaring > 0 && !unlisted.is_empty() {
        let shown: Vec<&str> = unlisted.iter().take(5).map(String::as_str).collect();
        Verdict::fail(
            format!(
                "{} declare{} no dependency, yet the code imports {}{}",
                count_noun(declaring, "manifest"),
                if declaring == 1 { "s" } else { "" },
                shown.join(", "),
                if unlisted.len() > shown.len() {
                    "..."
                } else {
                    ""
                }
            ),
            capped(ev),
        )
    } else if let Some(missed) = (declaring > 0)
        .then(|| nothing_imported_is_declared(facts))
        .flatten()
    {
        let shown: Vec<&str> = missed.iter().take(5).map(String::as_str).collect();
        Verdict::fail(
            format!(
                "the manifests declare only tools ({}), yet the code imports {}",
                m.dependencies
                    .iter()
                    .take(3)
                    .map(|d| d.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                shown.join(", ")
            ),
            capped(ev),
        )
    } else if let Some(Coverage { imported, missing }) = (declaring > 0
        && !m.dependencies.is_empty())
    .then(|| undeclared_imports(facts))
    .filter(Coverage::falls_short)
    {
        let shown: Vec<String> = missing
            .iter()
            .take(5)
            .map(|(module, site)| format!("{module} ({site})"))
            .collect();
        let mut ev = capped(ev);
        ev.extend(
            missing
                .iter()
                .take(3)
                .map(|(module, site)| Evidence::file(site).with_note(format!("imports {module}"))),
        );
        Verdict::fail(
            format!(
                "{} declared, but the manifests leave out {} of the {} third-party packages the code imports: {}{}",
                count_noun(m.dependencies.len(), "dependency"),
                missing.len(),
                imported,
                shown.join(", "),
                if missing.len() > shown.len() {
                    "..."
                } else {
                    ""
                }
            ),
            ev,
        )
    } else if declaring > 0 && m.dependencies.is_empty() {
        Verdict::pass(
            format!(
                "{} declare{} nothing beyond the standard library, and the code needs nothing else",
                count_noun(declaring, "manifest"),
                if declaring == 1 { "s" } else { "" },
            ),
            capped(ev),
        )
    } else if declaring > 0 {
        Verdict::pass(
            format!(
                "{} declared in {}",
                count_noun(m.dependencies.len(), "dependency"),
                count_noun(declaring.max(1), "manifest")
            ),
            capped(ev),
        )
    } else if facts.has_python_code() && third_party_imports(facts).is_empty() {
        // Nothing to declare: every import is the standard library's or
        // the project's own, which a reviewer checks before asking for a
        // requirements file.
        Verdict::pass(
            "the code imports only the standard library and its own modules: nothing to declare",
            capped(ev),
        )
    } else if !m.manifests.is_empty() {
        Verdict::new(
            0.5,
            "manifests exist but declare no dependencies",
            capped(ev),
        )
    } else {
        Verdict::fail(
            "no dependency manifest (requirements.txt, pyproject.toml, setup.cfg, Pipfile...)",
            vec![],
        )
    }
}

/// The third-party modules the code imports, when there are two or more
/// and the manifests declare none of them: only test and lint tools
/// (`requirements.txt` holding `pytest` beside `import pandas`). A
/// reviewer following it could not run the code. Loose on purpose: a
/// declared name that contains the import's, or the other way round,
/// covers it, since transitive and renamed packages are common.
fn nothing_imported_is_declared(facts: &Facts) -> Option<Vec<String>> {
    let m = &facts.manifests;
    if m.dependencies.is_empty() || m.manifests.iter().any(|x| x.kind == "setup.py") {
        return None;
    }
    let norm = |s: &str| s.to_ascii_lowercase().replace(['_', '.'], "-");
    let declared: Vec<String> = m.dependencies.iter().map(|d| norm(&d.name)).collect();
    // The tools' own imports (`import pytest` in the tests) are covered by
    // the tools; the question is the code's other imports.
    let third: Vec<String> = third_party_imports(facts)
        .into_iter()
        .filter(|i| !DEV_TOOLS.iter().any(|t| norm(t) == norm(i)))
        .collect();
    let only_tools = declared
        .iter()
        .all(|d| DEV_TOOLS.iter().any(|t| norm(t) == *d));
    (third.len() >= 2 && only_tools && !third.iter().any(|i| covered(i, &declared)))
        .then_some(third)
}

/// Top-level modules the code imports that are neither the standard
/// library nor the repository's own (a `.py` file's stem or a folder
/// holding Python files), sorted.
fn third_party_imports(facts: &Facts) -> Vec<String> {
    let local = local_modules(facts);
    facts
        .python
        .imports
        .iter()
        .filter(|i| {
            !i.starts_with('_')
                && !facts.python.is_optional_import(i)
                && !crate::facts::stdlib::is_stdlib(i)
                && !local.contains(i.as_str())
        })
        .cloned()
        .collect()
}

fn deps_reproducible(facts: &Facts) -> Verdict {
    let m = &facts.manifests;
    if let Some(lock) = m.lock_files.first() {
        return Verdict::pass(format!("lock file {lock}"), vec![Evidence::file(lock)]);
    }
    // One package declared in two manifests is one package; it counts as
    // pinned if any declaration pins it.
    let mut runtime: Vec<&Dependency> = Vec::new();
    for d in m
        .dependencies
        .iter()
        .filter(|d| d.group == DepGroup::Runtime)
    {
        match runtime.iter_mut().find(|r| r.name == d.name) {
            Some(existing) if d.pinned && !existing.pinned => *existing = d,
            Some(_) => {}
            None => runtime.push(d),
        }
    }
    if runtime.is_empty() {
        return Verdict::pass("no third-party runtime dependencies to pin", vec![]);
    }
    let pinned = runtime.iter().filter(|d| d.pinned).count();
    let unpinned: Vec<Evidence> = runtime
        .iter()
        .filter(|d| !d.pinned)
        .map(|d| {
            let spec = if d.spec.is_empty() {
                "(any version)"
            } else {
                d.spec.as_str()
            };
            Evidence::line(&d.file, d.line).with_note(format!("{} {spec}", d.name))
        })
        .collect();
    let ratio = pinned as f64 / runtime.len() as f64;
    let msg = format!(
        "no lock file; {pinned} of {} runtime dependencies pinned with ==",
        runtime.len()
    );
    if ratio >= 1.0 {
        Verdict::pass(msg, vec![])
    } else {
        Verdict::new(ratio * 0.9, msg, capped(unpinned))
    }
}

fn python_version(facts: &Facts) -> Verdict {
    match &facts.manifests.python_version {
        Some(v) => Verdict::pass(
            format!("Python {} ({})", v.value, v.path),
            vec![Evidence::line(&v.path, v.line)],
        ),
        None => Verdict::fail(
            "no requires-python, python_requires, .python-version or runtime.txt",
            vec![],
        ),
    }
}

fn dev_deps_separate(facts: &Facts) -> Verdict {
    let m = &facts.manifests;
    let mixed: Vec<Evidence> = m
        .dependencies
        .iter()
        .filter(|d| d.group == DepGroup::Runtime && DEV_TOOLS.contains(&d.name.as_str()))
        .map(|d| {
            Evidence::line(&d.file, d.line).with_note(format!(
                "{} is a dev tool listed as a runtime dependency",
                d.name
            ))
        })
        .collect();
    let groups: Vec<Evidence> = m
        .dev_groups
        .iter()
        .map(|g| Evidence::line(&g.path, g.line).with_note(g.value.clone()))
        .collect();
    match (groups.is_empty(), mixed.is_empty()) {
        (false, true) => Verdict::pass(
            format!("dev dependencies kept in {}", m.dev_groups[0].value),
            capped(groups),
        ),
        (false, false) => Verdict::new(
            0.5,
            "a dev group exists, but dev tools are also runtime dependencies",
            capped(mixed),
        ),
        (true, false) => Verdict::fail(
            "dev tools are mixed into runtime dependencies",
            capped(mixed),
        ),
        (true, true) if facts.python.test_files.is_empty() => Verdict::pass(
            "no development tools in use, so nothing to separate",
            vec![],
        ),
        (true, true) => Verdict::fail(
            "the project has tests, but no dev/test dependency list says what runs them",
            capped(
                facts
                    .python
                    .test_files
                    .iter()
                    .take(1)
                    .map(Evidence::file)
                    .collect(),
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::manifests::{Located, Manifest};

    fn dep(name: &str, spec: &str, group: DepGroup) -> Dependency {
        Dependency {
            name: name.into(),
            spec: spec.into(),
            pinned: spec.starts_with("=="),
            group,
            file: "requirements.txt".into(),
            line: Some(1),
        }
    }

    fn manifest(kind: &'static str, dependencies: usize) -> Manifest {
        Manifest {
            path: kind.into(),
            kind,
            dependencies,
        }
    }

    #[test]
    fn an_empty_manifest_is_refuted_by_third_party_imports() {
        let mut facts = Facts::default();
        facts
            .manifests
            .manifests
            .push(manifest("requirements.txt", 0));
        for m in ["os", "json", "predict_page", "__main__"] {
            facts.python.imports.insert(m.to_owned());
        }
        facts.files.push(crate::source::FileEntry {
            path: "app/predict_page.py".to_owned(),
            size: 1,
            kind: crate::source::EntryKind::File,
        });
        // Standard library and the project's own modules: nothing to declare.
        assert_eq!(deps_declared(&facts).credit, 1.0);
        facts.python.imports.insert("pandas".to_owned());
        let v = deps_declared(&facts);
        assert_eq!(v.credit, 0.0);
        assert!(v.message.contains("pandas"), "{}", v.message);
        // Imported only inside `try: ... except ImportError`: an optional
        // extra the code runs without.
        facts.python.guarded_imports.insert("pandas".to_owned());
        let v = deps_declared(&facts);
        assert_eq!(v.credit, 1.0, "{}", v.message);
        assert!(v.message.contains("nothing beyond"), "{}", v.message);
        facts.python.required_imports.insert("pandas".to_owned());
        assert_eq!(deps_declared(&facts).credit, 0.0);
        // A setup.py may build its list in code: not refuted.
        facts.manifests.manifests.push(manifest("setup.py", 0));
        assert_eq!(deps_declared(&facts).credit, 1.0);
    }

    #[test]
    fn deps_declared_needs_a_manifest_that_declares() {
        let mut facts = Facts::default();
        assert_eq!(deps_declared(&facts).credit, 0.0);
        facts.manifests.manifests.push(manifest("setup.py", 0));
        assert_eq!(deps_declared(&facts).credit, 0.5);
        facts
            .manifests
            .manifests
            .push(manifest("requirements.txt", 0));
        assert_eq!(deps_declared(&facts).credit, 1.0);
    }

    /// `source_files` Python files beside a requirements.txt that lists
    /// one runtime package.
    fn requiring(source_files: usize, package: &str) -> Facts {
        let mut facts = Facts::default();
        facts.python.source_files = source_files;
        facts
            .manifests
            .manifests
            .push(manifest("requirements.txt", 1));
        facts.manifests.dependencies.push(runtime_dep(package));
        facts
    }

    /// A runtime requirement listed in requirements.txt.
    fn runtime_dep(name: &str) -> Dependency {
        Dependency {
            name: name.to_owned(),
            spec: String::new(),
            pinned: false,
            group: DepGroup::Runtime,
            file: "requirements.txt".to_owned(),
            line: Some(1),
        }
    }

    #[test]
    fn a_manifest_of_test_tools_alone_does_not_declare_the_code_s_imports() {
        let mut facts = requiring(1, "pytest");
        for m in ["pandas", "numpy", "matplotlib", "pytest", "os"] {
            facts.python.imports.insert(m.to_owned());
        }
        let v = deps_declared(&facts);
        assert_eq!(v.credit, 0.0, "{}", v.message);
        assert!(v.message.contains("pandas"), "{}", v.message);
        // One runtime package declared: the list is there, if incomplete.
        facts.manifests.dependencies.push(runtime_dep("pandas"));
        assert_eq!(deps_declared(&facts).credit, 1.0);
    }

    #[test]
    fn a_manifest_that_leaves_out_much_of_what_the_code_imports_fails() {
        let mut facts = requiring(3, "pg8000");
        let site = |facts: &mut Facts, module: &str, path: &str| {
            facts.python.imports.insert(module.to_owned());
            facts
                .python
                .import_sites
                .entry(module.to_owned())
                .or_default()
                .push(path.to_owned());
        };
        site(&mut facts, "pg8000", "src/load.py");
        // Examples, notebooks and a platform's own modules do not count.
        site(&mut facts, "boto3", "examples/upload.py");
        site(&mut facts, "seaborn", "notebooks/eda.ipynb");
        site(&mut facts, "airflow", "dags/etl.py");
        site(&mut facts, "pandas", "src/transform.py");
        site(&mut facts, "pyarrow", "src/transform.py");
        assert_eq!(deps_declared(&facts).credit, 1.0, "two misses pass");
        site(&mut facts, "iso4217", "src/transform.py");
        let v = deps_declared(&facts);
        assert_eq!(v.credit, 0.0, "{}", v.message);
        assert!(
            v.message.contains("leave out 3 of the 4")
                && v.message.contains("pandas (src/transform.py)"),
            "{}",
            v.message
        );
        assert!(v.evidence.iter().any(|e| matches!(&e.location, crate::model::outcome::Location::File { path, .. } if path == "src/transform.py")));
        // Declared under another name, or brought by a declared package.
        for name in ["pandas-stubs", "pyarrow"] {
            facts.manifests.dependencies.push(runtime_dep(name));
        }
        assert_eq!(deps_declared(&facts).credit, 1.0);
    }

    #[test]
    fn standard_library_code_has_nothing_to_declare() {
        let mut facts = Facts::default();
        facts.python.source_files = 2;
        for m in ["argparse", "sqlite3", "todo_db"] {
            facts.python.imports.insert(m.to_owned());
        }
        facts.files.push(crate::source::FileEntry {
            path: "todo_db.py".to_owned(),
            size: 1,
            kind: crate::source::EntryKind::File,
        });
        let v = deps_declared(&facts);
        assert_eq!(v.credit, 1.0, "{}", v.message);
        assert!(v.message.contains("nothing to declare"), "{}", v.message);
        facts.python.imports.insert("requests".to_owned());
        assert_eq!(deps_declared(&facts).credit, 0.0);
    }

    #[test]
    fn deps_reproducible_counts_pins_or_a_lock() {
        let mut facts = Facts::default();
        assert_eq!(deps_reproducible(&facts).credit, 1.0);
        let m = &mut facts.manifests;
        m.dependencies
            .push(dep("flask", "==3.0", DepGroup::Runtime));
        m.dependencies.push(dep("requests", "", DepGroup::Runtime));
        m.dependencies
            .push(dep("requests", "==2.0", DepGroup::Runtime));
        m.dependencies.push(dep("numpy", ">=1", DepGroup::Runtime));
        let v = deps_reproducible(&facts);
        assert!((v.credit - 0.6).abs() < 1e-9, "{v:?}");
        assert_eq!(v.evidence.len(), 1);
        facts.manifests.lock_files.push("uv.lock".into());
        assert_eq!(deps_reproducible(&facts).message, "lock file uv.lock");
    }

    #[test]
    fn python_version_is_located() {
        let mut facts = Facts::default();
        assert_eq!(python_version(&facts).credit, 0.0);
        facts.manifests.python_version = Some(Located {
            path: "pyproject.toml".into(),
            line: Some(4),
            value: ">=3.11".into(),
        });
        assert_eq!(
            python_version(&facts).message,
            "Python >=3.11 (pyproject.toml)"
        );
    }

    #[test]
    fn dev_deps_separate_cases() {
        let mut facts = Facts::default();
        assert_eq!(dev_deps_separate(&facts).credit, 1.0);
        facts.python.test_files.push("tests/test_a.py".into());
        assert_eq!(dev_deps_separate(&facts).credit, 0.0);
        facts
            .manifests
            .dependencies
            .push(dep("pytest", "", DepGroup::Runtime));
        assert_eq!(
            dev_deps_separate(&facts).message,
            "dev tools are mixed into runtime dependencies"
        );
        facts.manifests.dev_groups.push(Located {
            path: "pyproject.toml".into(),
            line: Some(9),
            value: "[dependency-groups] dev".into(),
        });
        assert_eq!(dev_deps_separate(&facts).credit, 0.5);
        facts.manifests.dependencies.clear();
        assert_eq!(dev_deps_separate(&facts).credit, 1.0);
    }
}
