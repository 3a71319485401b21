use super::*;
use crate::facts::hygiene::JunkCategory;
use crate::source::{SourceInfo, SourceKind};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};

/// A repository held in memory, counting how often each file is read.
struct MemSource {
    files: Vec<FileEntry>,
    texts: BTreeMap<String, Vec<u8>>,
    info: SourceInfo,
    reads: RefCell<BTreeMap<String, usize>>,
}

impl MemSource {
    fn new(files: &[(&str, &str)]) -> Self {
        let bytes: Vec<(&str, &[u8])> = files.iter().map(|(p, t)| (*p, t.as_bytes())).collect();
        Self::from_bytes(&bytes)
    }

    fn from_bytes(files: &[(&str, &[u8])]) -> Self {
        let texts: BTreeMap<String, Vec<u8>> = files
            .iter()
            .map(|(p, t)| ((*p).to_owned(), t.to_vec()))
            .collect();
        MemSource {
            files: texts
                .iter()
                .map(|(p, t)| FileEntry {
                    path: p.clone(),
                    size: t.len() as u64,
                    kind: EntryKind::File,
                })
                .collect(),
            texts,
            info: SourceInfo::default(),
            reads: RefCell::new(BTreeMap::new()),
        }
    }
}

impl Source for MemSource {
    fn kind(&self) -> SourceKind {
        SourceKind::Folder
    }
    fn info(&self) -> &SourceInfo {
        &self.info
    }
    fn files(&self) -> &[FileEntry] {
        &self.files
    }
    fn listing_errors(&self) -> &[AuditError] {
        &[]
    }
    fn read(&self, path: &str) -> Result<Vec<u8>, AuditError> {
        *self.reads.borrow_mut().entry(path.to_owned()).or_default() += 1;
        self.texts
            .get(path)
            .cloned()
            .ok_or_else(|| AuditError::at(path, "no such file"))
    }
}

/// Each junk item as (path, category), in the facts' order.
fn junk_found(facts: &Facts) -> Vec<(&str, JunkCategory)> {
    facts
        .hygiene
        .junk
        .iter()
        .map(|j| (j.path.as_str(), j.category))
        .collect()
}

fn gather(source: &MemSource) -> (Facts, Vec<AuditError>) {
    gather_with(source, &SectionTable::default())
}

fn gather_with(source: &MemSource, sections: &SectionTable) -> (Facts, Vec<AuditError>) {
    crate::facts::gather(
        source,
        sections,
        &GlobSet::empty(),
        &HistoryOptions::default(),
    )
}

#[test]
fn collector_names_are_unique() {
    let names: Vec<&str> = COLLECTORS.iter().map(|(n, _)| *n).collect();
    assert_eq!(names.iter().collect::<HashSet<_>>().len(), names.len());
    let names: Vec<&str> = FILE_COLLECTORS.iter().map(|(n, _)| *n).collect();
    assert_eq!(names.iter().collect::<HashSet<_>>().len(), names.len());
}

#[test]
fn secrets_in_head_files_and_python_share_one_mapping() {
    let source = MemSource::new(&[
        ("deploy/config.yml", "aws_key: AKIAABCDEFGHIJKLMNOP\n"),
        (
            "tests/fixtures/config.yml",
            "aws_key: AKIAABCDEFGHIJKLMNOP\n",
        ),
        (
            "app/settings.py",
            "SECRET_KEY = 'django-insecure-8x#k2!p'\n",
        ),
    ]);
    let (facts, errors) = gather(&source);
    assert!(errors.is_empty(), "{errors:?}");
    let found = junk_found(&facts);
    assert!(found.contains(&("deploy/config.yml", JunkCategory::Secret)));
    assert!(found.contains(&("tests/fixtures/config.yml", JunkCategory::FixtureSecret)));
    // Django marks its generated key insecure: a development credential.
    assert!(found.contains(&("app/settings.py", JunkCategory::DevSecret)));
}

#[test]
fn every_file_is_read_once_and_lfs_pointers_are_not_code() {
    let pointer = format!(
        "version https://git-lfs.github.com/spec/v1\noid sha256:{}\nsize 12345\n",
        "a".repeat(64)
    );
    let source = MemSource::new(&[
        ("Dockerfile", "FROM python:3.12-slim\nUSER app\n"),
        ("model.py", pointer.as_str()),
        (
            "pyproject.toml",
            "[project]\nname = \"x\"\ndependencies = [\"flask\"]\n",
        ),
        ("app.py", "import flask\n"),
    ]);
    let (facts, _) = gather(&source);
    assert_eq!(facts.lfs_pointers, vec!["model.py".to_owned()]);
    assert_eq!(facts.python.source_files, 1);
    assert_eq!(facts.web_frameworks, vec!["flask".to_owned()]);
    assert_eq!(facts.dockerfiles.len(), 1);
    for (path, n) in source.reads.borrow().iter() {
        assert_eq!(*n, 1, "{path} read {n} times");
    }
}

fn utf16le_bom(s: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for u in s.encode_utf16() {
        out.extend_from_slice(&u.to_le_bytes());
    }
    out
}

/// PowerShell's `pip freeze > requirements.txt` writes UTF-16 with a BOM:
/// the dependencies are declared, not "not a text file".
#[test]
fn utf16_manifest_and_bom_readme_are_read_as_text() {
    let req = utf16le_bom("requests==2.31.0\r\npandas==2.1.0\r\n");
    let readme = b"\xEF\xBB\xBF# Tool\n\n## Installation\n\npip install -r requirements.txt\n";
    let source = MemSource::from_bytes(&[
        ("requirements.txt", req.as_slice()),
        ("README.md", readme.as_slice()),
        ("main.py", b"import requests\n".as_slice()),
    ]);
    let (facts, errors) = gather(&source);
    assert!(errors.is_empty(), "{errors:?}");
    let names: Vec<&str> = facts
        .manifests
        .dependencies
        .iter()
        .map(|d| d.name.as_str())
        .collect();
    assert!(
        names.contains(&"requests") && names.contains(&"pandas"),
        "{names:?}"
    );
    let readme = facts.readme.expect("README read");
    assert!(
        readme.text.starts_with("# Tool"),
        "BOM kept: {:?}",
        &readme.text[..8]
    );
}

/// A file that is not valid UTF-8 is still read, and the lossy read is an
/// error entry naming the file.
#[test]
fn lossy_decode_is_reported() {
    let source = MemSource::from_bytes(&[
        ("app.py", b"# caf\xE9\nimport os\n".as_slice()),
        ("requirements.txt", b"flask\n".as_slice()),
    ]);
    let (facts, errors) = gather(&source);
    assert_eq!(facts.python.source_files, 1);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].path.as_deref(), Some("app.py"));
    assert!(errors[0].message.contains("replacement characters"));
}

/// A step named `make check` that only runs pytest hands off to pytest:
/// the command is marked, so its name is not taken for a linter.
#[test]
fn followed_hand_offs_are_marked() {
    let source = MemSource::new(&[
        (
            ".github/workflows/ci.yml",
            "on: [push]\njobs:\n  t:\n    steps:\n      - run: make check\n      - run: make docs\n",
        ),
        ("Makefile", "check:\n\tpython -m pytest\n"),
    ]);
    let (facts, _) = gather(&source);
    let config = &facts.ci.configs[0];
    let check = config
        .commands
        .iter()
        .find(|c| c.text == "make check")
        .expect("step");
    assert!(check.handed_off);
    let docs = config
        .commands
        .iter()
        .find(|c| c.text == "make docs")
        .expect("step");
    assert!(!docs.handed_off, "no docs target: nothing was followed");
    assert_eq!(config.kinds, ["tests"]);
}

/// A script named test_*.py with a provider key is a leak; a tutorial
/// snippet, a docstring example and a fake value in a test app are not.
#[test]
fn real_keys_leak_anywhere_but_docs_and_placeholders_do_not() {
    let source = MemSource::new(&[
        (
            "test_weather.py",
            "import requests\nAPI_KEY = \"3f8a91c2d47be6059a1f7c3e28d4b6a0\"\nrequests.get('x', params={'appid': API_KEY})\n",
        ),
        (
            "docs_src/first_steps/app.py",
            "client = Client(api_key=\"sk-proj-ZyXwQmNbLkJhGfRtPoEaSdUi\")\n",
        ),
        (
            "pkg/client.py",
            "def connect():\n    \"\"\"Connect.\n\n    >>> connect(token='ghp_q8Zr2LmX7vK1pT9sW4nB6cY3dE5fH0jR2tUw')\n    \"\"\"\n",
        ),
        (
            "tests/app.py",
            "app.config['SECRET_KEY'] = 'development-key'\nSTRIPE_KEY = 'fake_stripe_key_123'\n",
        ),
    ]);
    let (facts, _) = gather(&source);
    let found = junk_found(&facts);
    assert_eq!(
        found,
        [
            ("test_weather.py", JunkCategory::Secret),
            ("docs_src/first_steps/app.py", JunkCategory::FixtureSecret),
        ]
    );
}

#[test]
fn a_settings_default_that_production_reads_from_the_environment_is_a_dev_key() {
    let base = "SECRET_KEY = '=ug_ucl@yi6^mrcjyz%(u0%&g2adt'\n";
    let prod =
        "from config.env import env\nfrom .base import *\nSECRET_KEY = env(\"SECRET_KEY\")\n";
    let source = MemSource::new(&[
        ("config/django/base.py", base),
        ("config/django/production.py", prod),
        (
            "app/keys.py",
            "SIGNING_SECRET = '=ug_ucl@yi6^mrcjyz%(u0%&g2adt'\n",
        ),
    ]);
    let (facts, _) = gather(&source);
    let found = junk_found(&facts);
    assert!(
        found.contains(&("config/django/base.py", JunkCategory::DevSecret)),
        "{found:?}"
    );
    // Outside a settings module, and for a name nothing reads: a secret.
    assert!(
        found.contains(&("app/keys.py", JunkCategory::Secret)),
        "{found:?}"
    );
    assert_eq!(found.len(), 2, "{found:?}");
}

#[test]
fn a_suite_that_imports_selenium_is_used_by_running_it() {
    let readme = "# Shop suite\n\nEnd-to-end tests of a demo shop.\n\n## Running Tests\n\npytest -v --html=reports/report.html\n";
    let test = "from selenium import webdriver\n\ndef test_home():\n    assert webdriver\n";
    let table = SectionTable::new(vec![
        ("usage".into(), vec!["usage".into()]),
        ("testing".into(), vec!["running tests".into()]),
    ]);
    let source = MemSource::new(&[("README.md", readme), ("tests/test_home.py", test)]);
    let (facts, _) = gather_with(&source, &table);
    let sections = &facts.readme.as_ref().expect("README").sections;
    assert!(sections.contains_key("usage"), "{sections:?}");
    // The same README beside an app's unit tests runs only the tests.
    let unit = "import app\n\ndef test_home():\n    assert app\n";
    let source = MemSource::new(&[("README.md", readme), ("tests/test_home.py", unit)]);
    let (facts, _) = gather_with(&source, &table);
    let sections = &facts.readme.as_ref().expect("README").sections;
    assert!(!sections.contains_key("usage"), "{sections:?}");
}

#[test]
fn a_settings_branch_for_development_holds_a_dev_key() {
    let settings = "import os\nif 'DJANGO_PRODUCTION' in os.environ:\n    SECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n    DEBUG = False\nelse:\n    SECRET_KEY = 'wow9such2secret7'\n    DEBUG = True\n";
    let source = MemSource::new(&[("site/settings.py", settings)]);
    let (facts, _) = gather(&source);
    assert_eq!(
        junk_found(&facts),
        vec![("site/settings.py", JunkCategory::DevSecret)]
    );
    // Without the production branch the literal is the only key: a secret.
    let only = "SECRET_KEY = 'wow9such2secret7'\nDEBUG = True\n";
    let source = MemSource::new(&[("site/settings.py", only)]);
    let (facts, _) = gather(&source);
    assert_eq!(
        junk_found(&facts),
        vec![("site/settings.py", JunkCategory::Secret)]
    );
}

#[test]
fn fixture_trees_are_test_inputs_not_the_project() {
    let source = MemSource::new(&[
        ("src/main.rs", "fn main() {}\n"),
        (
            "test-repos/churn/tree/requirements.txt",
            "scikit-learn==1.4\n",
        ),
        (
            "test-repos/churn/tree/train.py",
            "import sklearn\nimport mlflow\n",
        ),
        (
            "test-repos/leaky/history.toml",
            "OPENAI = 'sk-proj-q8Zr2LmX7vK1pT9sW4nB6cY3'\n",
        ),
        ("tests/data/config.yml", "aws_key: AKIAABCDEFGHIJKLMNOP\n"),
    ]);
    let (facts, _) = gather(&source);
    assert!(facts.manifests.dependencies.is_empty());
    assert!(!facts.python.imports.contains("sklearn"));
    let categories: Vec<JunkCategory> = facts.hygiene.junk.iter().map(|j| j.category).collect();
    assert_eq!(
        categories,
        [JunkCategory::FixtureSecret, JunkCategory::FixtureSecret],
        "{:?}",
        facts.hygiene.junk
    );
}

#[test]
fn split_settings_that_compute_the_key_make_the_base_key_a_dev_key() {
    let base = "SECRET_KEY = 'kgq$h3@!!vbb6*nzfz(dbze=*)zsroqa8gvc0#1gx$3cd8z99^'\n";
    let prod =
        "from .base import *\nwith open(KEY_FILE) as f:\n    SECRET_KEY = f.read().strip()\n";
    let source = MemSource::new(&[
        ("bookmarks/settings/base.py", base),
        ("bookmarks/settings/prod.py", prod),
    ]);
    let (facts, _) = gather(&source);
    let found = junk_found(&facts);
    assert_eq!(
        found,
        vec![("bookmarks/settings/base.py", JunkCategory::DevSecret)]
    );
}

#[test]
fn gherkin_scenarios_are_counted_and_run_as_tests_with_behave() {
    let feature = "Feature: login\n  Scenario: good password\n    Given a user\n  Scenario Outline: bad password\n    Given <user>\n";
    let steps =
        "from behave import given\n\n@given('a user')\ndef step(context):\n    context.user = 1\n";
    let source = MemSource::new(&[
        ("features/login.feature", feature),
        ("features/steps/login_steps.py", steps),
        (
            "test-repos/x/tree/features/other.feature",
            "Scenario: fixture\n",
        ),
    ]);
    let (facts, _) = gather(&source);
    assert_eq!(facts.python.tests.scenarios, 2);
    assert_eq!(facts.python.bdd_tests(), 2);
}

#[test]
fn a_package_json_is_a_front_end_when_it_builds_a_ui() {
    let source = MemSource::new(&[
        ("app/main.py", "import fastapi\n"),
        (
            "package.json",
            "{\"scripts\": {\"docs\": \"redocly build-docs api.yaml\"}, \"devDependencies\": {\"@redocly/cli\": \"^2\"}}",
        ),
        (
            "web/package.json",
            "{\"dependencies\": {\"react\": \"^18\", \"react-dom\": \"^18\"}}",
        ),
        // Styling and bundling for server-rendered templates.
        (
            "theme/package.json",
            "{\"devDependencies\": {\"tailwindcss\": \"^4\", \"webpack\": \"^5\"}}",
        ),
        ("broken/package.json", "{\"dependencies\": "),
        ("tests/fixtures/bad/package.json", "{"),
    ]);
    let (facts, errors) = gather(&source);
    assert_eq!(facts.front_end_manifests, ["web/package.json"]);
    // The broken manifest is an error naming it and its position; a
    // fixture tree's is test input, broken on purpose.
    let messages: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(
        messages[0].starts_with("broken/package.json:1:")
            && messages[0].contains("malformed package.json"),
        "{messages:?}"
    );
}

#[test]
fn a_title_only_readme_gives_way_to_one_with_content() {
    let source = MemSource::new(&[
        ("README.md", "# Face attendance\n"),
        (
            "README.txt",
            "Face attendance\n\nMarks attendance from a webcam with face recognition.\n\nUSAGE:\n1. Run capture.py\n",
        ),
        ("capture.py", "print('hi')\n"),
    ]);
    let (facts, _) = gather(&source);
    assert_eq!(
        facts.readme.as_ref().map(|r| r.path.as_str()),
        Some("README.txt")
    );
    // A README.md with content stays the one read.
    let source = MemSource::new(&[
        (
            "README.md",
            "# Face attendance\n\nMarks attendance from a webcam with face recognition.\n",
        ),
        (
            "README.txt",
            "Old notes about the first version of this project, kept for reference.\n",
        ),
    ]);
    let (facts, _) = gather(&source);
    assert_eq!(
        facts.readme.as_ref().map(|r| r.path.as_str()),
        Some("README.md")
    );
}

#[test]
fn caches_inside_a_committed_venv_count_once_per_category() {
    let (facts, _) = gather(&MemSource::new(&[
        ("app.py", "print('hi')\n"),
        ("venv/pyvenv.cfg", "home = /usr/bin\n"),
        ("venv/lib/python3.11/site-packages/a/__pycache__/x.pyc", "x"),
        ("venv/lib/python3.11/site-packages/b/__pycache__/y.pyc", "y"),
        ("venv/lib/python3.11/site-packages/c/__pycache__/z.pyc", "z"),
    ]));
    let found = junk_found(&facts);
    assert!(
        found.contains(&("venv/", JunkCategory::Virtualenv)),
        "{found:?}"
    );
    let bytecode: Vec<_> = facts
        .hygiene
        .junk
        .iter()
        .filter(|j| j.category == JunkCategory::Bytecode)
        .collect();
    assert_eq!(bytecode.len(), 1, "{found:?}");
    assert_eq!(
        bytecode[0].note.as_deref(),
        Some("bytecode, one of 3 inside the committed virtualenv venv/")
    );
}

#[test]
fn a_test_suite_manifest_declares_dependencies_and_makes_it_a_qa_suite() {
    let readme = "# Shop E2E\n\n## Running the tests\n\n```bash\npytest tests --alluredir=allure-results\n```\n";
    let table = SectionTable::new(vec![
        ("install".into(), vec!["installation".into()]),
        ("usage".into(), vec!["usage".into()]),
    ]);
    let source = MemSource::new(&[
        ("README.md", readme),
        ("pages/login_page.py", "class LoginPage:\n    pass\n"),
        (
            "tests/requirements.txt",
            "selenium==4.20.0\npytest\nallure-pytest\n",
        ),
        (
            "tests/test_suite.py",
            "def test_login(driver):\n    assert driver.title\n",
        ),
        ("tests/data/sample/requirements.txt", "flask\n"),
    ]);
    let (facts, _) = gather_with(&source, &table);
    let names: Vec<&str> = facts
        .manifests
        .dependencies
        .iter()
        .map(|d| d.name.as_str())
        .collect();
    assert!(names.contains(&"selenium"), "{names:?}");
    assert!(
        !names.contains(&"flask"),
        "a sample project's manifest: {names:?}"
    );
    let readme = facts.readme.as_ref().expect("a README");
    assert!(
        readme.sections.contains_key("usage"),
        "{:?}",
        readme.sections
    );
}

#[test]
fn a_framework_only_tests_examples_or_dev_requirements_use_is_no_web_project() {
    // An HTTP client whose suite serves requests from a Flask app, with a
    // FastAPI example and Flask among the test requirements.
    let client = MemSource::new(&[
        ("client/__init__.py", "import urllib3\n"),
        ("tests/conftest.py", "import flask\n"),
        ("examples/server.py", "from fastapi import FastAPI\n"),
        ("requirements-test.txt", "flask==3.0.0\npytest\n"),
        ("tests/requirements.txt", "django\n"),
        ("requirements.txt", "urllib3\n"),
    ]);
    let (facts, _) = gather(&client);
    assert!(
        facts.web_frameworks.is_empty(),
        "{:?}",
        facts.web_frameworks
    );

    // The same framework, imported by the shipped code or declared as a
    // runtime requirement, is what the project is built on.
    let app = MemSource::new(&[
        ("app/main.py", "from flask import Flask\n"),
        ("requirements.txt", "fastapi\n"),
    ]);
    let (facts, _) = gather(&app);
    assert_eq!(
        facts.web_frameworks,
        vec!["flask".to_owned(), "fastapi".to_owned()]
    );
}
