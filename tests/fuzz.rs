//! Property tests: every parser takes arbitrary input without panicking.
//! `fuzz/run.sh` runs them for longer; any crash it finds is pinned below as
//! a regression case.

use portfolio_audit::facts::manifests::{ManifestFacts, ManifestReader};
use portfolio_audit::facts::pysrc::PyAnalyzer;
use portfolio_audit::facts::python::PythonFacts;
use portfolio_audit::facts::{ci, readme, yaml};
use portfolio_audit::rules::{load_default_pack, parse_rules_text};
use proptest::prelude::*;

fn sections() -> readme::SectionTable {
    load_default_pack().expect("pack").section_table()
}

/// Text biased toward the syntax each parser cares about.
fn markupish() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("# ".to_owned()),
            Just("## Installation\n".to_owned()),
            Just("```\n".to_owned()),
            Just("    code\n".to_owned()),
            Just("[link](../x.md)".to_owned()),
            Just("![img](a.png)".to_owned()),
            Just("<img src='x'>".to_owned()),
            Just("=====\n".to_owned()),
            Just(".. code-block:: bash\n".to_owned()),
            Just("::\n".to_owned()),
            Just("\n".to_owned()),
            Just("é💥\u{0}\t".to_owned()),
            "[a-zA-Z :=\\-\\[\\]{}\"'#*&|>!%.,()/\\\\]{0,12}",
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(200)
    ))]

    #[test]
    fn readme_parser_never_panics(text in markupish()) {
        let table = sections();
        for path in ["README.md", "README.rst", "README"] {
            let facts = readme::parse(path, text.clone(), &table);
            prop_assert!(facts.headings.iter().all(|h| h.line as usize <= text.lines().count().max(1) + 1));
        }
    }

    #[test]
    fn manifest_parsers_never_panic(text in markupish()) {
        for (path, kind) in [
            ("pyproject.toml", "pyproject"),
            ("setup.cfg", "setup.cfg"),
            ("setup.py", "setup.py"),
            ("Pipfile", "pipfile"),
            ("environment.yml", "conda"),
            ("requirements.txt", "requirements"),
        ] {
            let mut facts = ManifestFacts::default();
            let mut errors = Vec::new();
            ManifestReader { facts: &mut facts, errors: &mut errors }.read(path, kind, &text);
        }
    }

    #[test]
    fn ci_and_yaml_parsers_never_panic(text in markupish()) {
        let _ = yaml::parse(&text);
        for (path, provider) in [(".github/workflows/x.yml", "github-actions"), (".gitlab-ci.yml", "gitlab"), ("Jenkinsfile", "jenkins")] {
            if let Ok(mut config) = ci::parse(path, provider, &text) {
                ci::classify(&mut config);
            }
        }
        let mut read = |_: &str| Some(text.clone());
        let _ = ci::expand("make test && tox -e lint && nox -s tests && poe check && hatch run dev:cov", &mut read);
    }

    #[test]
    fn python_extraction_never_panics(src in "(def |class |import |from |try:|except|    |assert |print\\(|os\\.getenv\\(|\"\"\"|'|\\n|[a-z_=():.,\\[\\]0-9 ]){0,80}") {
        let mut analyzer = PyAnalyzer::new().expect("grammar");
        let f = analyzer.analyse("tests/test_x.py", &src, true);
        prop_assert!(f.tests.iter().all(|t| t.line >= 1));
        let _ = analyzer.analyse("app/x.py", &src, false);
        let mut facts = PythonFacts::default();
        let nb = format!("{{\"cells\": [{{\"cell_type\": \"code\", \"source\": {}}}]}}", serde_json::to_string(&src).expect("json"));
        prop_assert!(facts.add_notebook(&mut analyzer, "x.ipynb", &nb).is_ok());
        let _ = facts.add_notebook(&mut analyzer, "y.ipynb", &src);
    }

    #[test]
    fn rule_loader_rejects_or_accepts_but_never_panics(text in markupish(), cut in 0usize..900) {
        let _ = parse_rules_text("fuzz.toml", &text);
        // Truncated and spliced versions of a real rule file.
        let real = include_str!("../rules/ci.toml");
        let cut = cut.min(real.len());
        let cut = (0..=cut).rev().find(|i| real.is_char_boundary(*i)).unwrap_or(0);
        let _ = parse_rules_text("fuzz.toml", &real[..cut]);
        let _ = parse_rules_text("fuzz.toml", &format!("{}{}{}", &real[..cut], text, &real[cut..]));
    }
}

/// Regression cases found by fuzzing and review.
#[test]
fn pinned_regressions() {
    let table = sections();
    // A lone "=====" line must not be read as a heading underline of nothing.
    readme::parse("README.rst", "=====\n".to_owned(), &table);
    readme::parse("README.rst", "a\n===\n===\n".to_owned(), &table);
    // A heading that is only emoji normalises to nothing.
    readme::parse("README.md", "# 💥\n## 🚀\n".to_owned(), &table);
    // Percent-escapes at the end of a link.
    readme::parse("README.md", "[x](a%2)\n[y](%)\n".to_owned(), &table);
    let _ = ci::parse(".github/workflows/x.yml", "github-actions", "on: [\n");
    let _ = yaml::parse("- &a [*a]\n");
}
