use super::*;

fn table() -> SectionTable {
    SectionTable::new(vec![
        ("overview".into(), vec!["overview".into(), "about".into()]),
        (
            "install".into(),
            vec![
                "installation".into(),
                "install".into(),
                "getting started".into(),
                "setup".into(),
            ],
        ),
        ("usage".into(), vec!["usage".into(), "examples".into()]),
        (
            "testing".into(),
            vec!["tests".into(), "testing".into(), "running the tests".into()],
        ),
    ])
}

#[test]
fn headings_in_code_fences_are_not_headings() {
    let md = "# Proj\n\n```bash\n# Installation\npip install x\n```\n\n## Usage\n\n```\nrun\n```\n";
    let f = parse("README.md", md.into(), &table());
    assert!(f.headings.iter().all(|h| h.text != "Installation"));
    assert_ne!(f.sections["install"].heading, "Installation");
    assert_eq!(f.sections["usage"].code_blocks, 1);
    assert_eq!(f.sections["usage"].line, 8);
}

#[test]
fn emoji_numbering_and_case_do_not_matter() {
    let md = "# P\n\n## 🚀 1. GETTING STARTED\n\ntext\n\n### Installation & Usage!\n";
    let f = parse("README.md", md.into(), &table());
    assert!(f.sections.contains_key("install"));
    assert!(f.sections.contains_key("usage"));
}

#[test]
fn code_under_a_subheading_counts_for_the_section() {
    let md = "# P\n\n## Installation\n\n### With pip\n\n```\npip install p\n```\n";
    let f = parse("README.md", md.into(), &table());
    assert_eq!(f.sections["install"].code_blocks, 1);
}

#[test]
fn opening_paragraph_is_an_overview() {
    let md = "# P\n\n[![CI](https://github.com/a/b/actions/workflows/ci.yml/badge.svg)](x)\n\nThis tool reads Python repositories and scores them the way a hiring reviewer would, with evidence for each finding.\n";
    let f = parse("README.md", md.into(), &table());
    assert!(f.sections.contains_key("overview"));
    assert!(f.images[0].badge);
}

#[test]
fn install_commands_count_without_an_install_heading() {
    let md = "# P\n\n## Software\n\n```\nconda install numpy pandas\n```\n";
    let f = parse("README.md", md.into(), &table());
    assert_eq!(
        f.sections["install"].heading,
        "install commands under \"Software\""
    );
}

#[test]
fn a_later_exact_heading_is_the_better_evidence() {
    let t = SectionTable::new(vec![(
        "architecture".into(),
        vec!["architecture".into(), "design".into()],
    )]);
    let md = "# P\n\n## Design of the CLI flags\n\nx\n\n## Architecture\n\ny\n";
    let f = parse("README.md", md.into(), &t);
    assert_eq!(f.sections["architecture"].heading, "Architecture");
}

#[test]
fn whole_and_excluded_synonyms() {
    let t = SectionTable::new(vec![
        (
            "testing".into(),
            vec!["running the tests".into(), "=tests".into()],
        ),
        (
            "configuration".into(),
            vec!["environment".into(), "!virtual environment".into()],
        ),
    ]);
    assert_eq!(t.classify("Tests"), vec![("testing".to_owned(), true)]);
    assert!(t.classify("Skip tests on CI").is_empty());
    assert!(t.classify("Install into a virtual environment").is_empty());
    assert_eq!(t.classify("Environment").len(), 1);
}

#[test]
fn a_table_of_contents_is_not_an_overview() {
    let md = "# P\n\n- [Installation](#installation)\n- [Usage and many other things to read about](#usage)\n- [Running the tests of this project](#tests)\n\n## Installation\n";
    let f = parse("README.md", md.into(), &table());
    assert!(!f.sections.contains_key("overview"));
}

#[test]
fn rst_headings_and_code() {
    let rst = "=====\nTitle\n=====\n\nInstallation\n------------\n\n.. code-block:: bash\n\n   pip install x\n\nTests\n-----\n\nRun::\n\n    pytest\n";
    let f = parse("README.rst", rst.into(), &table());
    assert_eq!(f.sections["install"].code_blocks, 1);
    assert_eq!(f.sections["testing"].code_blocks, 1);
    assert_eq!(f.headings.len(), 3);
}

#[test]
fn run_commands_make_a_usage_section_whatever_the_heading() {
    for (md, evidence) in [
        (
            "# P\n\n## Run the pipeline\n\n```\npython -m etl.main --date 2024-01-01\n```\n",
            "commands that run the project under \"Run the pipeline\"",
        ),
        (
            "# P\n\n## Sample run\n\n```\n$ uvicorn app.main:app --reload\n```\n",
            "commands that run the project under \"Sample run\"",
        ),
        (
            "# P\n\n```\n(venv) $ python manage.py runserver\n```\n",
            "commands that run the project",
        ),
        (
            "# P\n\n## Quick start\n\n```\ndocker compose up\n```\n",
            "commands that run the project under \"Quick start\"",
        ),
        (
            "# P\n\nInstall with pip.\n\n```pycon\n>>> import httpx\n>>> httpx.get('https://example.org')\n```\n",
            "commands that run the project",
        ),
        (
            "# P\n\n## Local builds\n\n```sh\nmake data-local\n```\n",
            "commands that run the project under \"Local builds\"",
        ),
        (
            "# P\n\n## How it works\n\nStart it with `streamlit run app.py` and open the browser.\n",
            "commands that run the project under \"How it works\"",
        ),
    ] {
        let f = parse("README.md", md.into(), &table());
        assert_eq!(f.sections["usage"].heading, evidence, "{md}");
    }
}

#[test]
fn a_block_that_imports_the_projects_package_shows_usage() {
    let md = "# P\n\n## Quickstart\n\n```python\nfrom spellchecker import SpellChecker\nSpellChecker().correction('teh')\n```\n";
    let knowing = |own: &[String]| {
        parse_knowing(
            "README.md",
            md.into(),
            &table(),
            &ProjectContext {
                scripts: &[],
                suite_runners: &[],
                own_packages: own,
            },
        )
    };
    let f = knowing(&["spellchecker".to_owned()]);
    assert_eq!(
        f.sections["usage"].heading,
        "commands that run the project under \"Quickstart\""
    );
    // Another package's import is not the project at work.
    let f = knowing(&["checker".to_owned()]);
    assert!(!f.sections.contains_key("usage"), "{:?}", f.sections);
    // Nor is an import in inline code, or a block that only imports.
    for md in [
        "# P\n\nCall `import spellchecker` first.\n",
        "# P\n\n## Quickstart\n\n```\n# the package\nimport spellchecker\n```\n",
    ] {
        let f = parse_knowing(
            "README.md",
            md.into(),
            &table(),
            &ProjectContext {
                scripts: &[],
                suite_runners: &[],
                own_packages: &["spellchecker".to_owned()],
            },
        );
        assert!(!f.sections.contains_key("usage"), "{md}");
    }
}

#[test]
fn test_lint_and_tool_runs_are_not_usage() {
    let md = "# P\n\n## Dev\n\n```\npython -m pytest\npython -m venv .venv\nuv run pytest -q\npython setup.py sdist\nmake test-unit\nmake lint\nmake docs-build\nmake\n```\n";
    let f = parse("README.md", md.into(), &table());
    assert!(
        !f.sections.contains_key("usage"),
        "{:?}",
        f.sections.get("usage")
    );
    // The venv line is setup, though.
    assert!(f.sections.contains_key("install"));
}

#[test]
fn clone_venv_and_compose_build_are_install_commands() {
    for md in [
        "# P\n\n## Local\n\n```\ngit clone https://x/y\ncd y\npython3 -m venv .venv\n```\n",
        "# P\n\n## Local\n\n```\ndocker compose build\n```\n",
        // An indented block running a Makefile target that sets things up.
        "# P\n\n## Running it locally\n\nFirst:\n\n    make dev-venv\n",
        "Proj\n====\n\nBuilding\n--------\n\n::\n\n    $ pipx install proj\n",
    ] {
        let path = if md.contains("====") {
            "README.rst"
        } else {
            "README.md"
        };
        let f = parse(path, md.into(), &table());
        assert!(f.sections.contains_key("install"), "{md}");
    }
    // A target that runs or tests the project is not an install step.
    let f = parse(
        "README.md",
        "# P\n\n## Local\n\n```\nmake test\nmake run-server\n```\n".into(),
        &table(),
    );
    assert!(!f.sections.contains_key("install"));
}

#[test]
fn sentence_headings_count_as_prose() {
    let md = "###  This is a web application built with Django that tracks the books you lend.\n\n\
              ## Setup\n\n```\npip install -r requirements.txt\n```\n";
    let f = parse("README.md", md.into(), &table());
    assert_eq!(f.words, 14);
    assert!(f.sections.contains_key("overview") || f.lead_words == 14);
    // A section name is not a sentence, however it is phrased.
    let f = parse("README.md", "# T\n\n## How to set it up\n".into(), &table());
    assert_eq!(f.words, 0);
}

#[test]
fn a_console_script_in_a_code_block_is_usage() {
    let md = "# Tool\n\n## Try it\n\n```\n$ sortphotos ~/Pictures --by month\n```\n";
    let scripts = vec!["sortphotos".to_owned()];
    let f = parse_with("README.md", md.into(), &table(), &scripts);
    assert_eq!(f.sections["usage"].line, 5);
    let f = parse("README.md", md.into(), &table());
    assert!(!f.sections.contains_key("usage"));
    assert!(runs_console_script("uv run sortphotos x", &scripts));
    assert!(!runs_console_script("sortphotosx", &scripts));
}

#[test]
fn install_steps_in_prose_or_a_compose_up_are_install() {
    let f = parse(
        "README.md",
        "Three scripts.\n\nTips\nUse pip install requests first.\n".into(),
        &table(),
    );
    assert!(f.sections.contains_key("install"));
    let f = parse(
        "README.md",
        "# Shop\n\n## Start\n\n```\ndocker compose up -d --build\n```\n".into(),
        &table(),
    );
    assert!(f.sections.contains_key("install"));
}

#[test]
fn a_test_suite_is_used_by_running_its_tests() {
    let md = "# API checks\n\n## Run the tests\n\n```\npytest -k books\n```\n";
    let runners = vec!["pytest".to_owned()];
    let f = parse_in_context("README.md", md.into(), &table(), &[], &runners);
    assert_eq!(f.sections["usage"].line, 5);
    // In any other project, running the tests is not using it.
    let f = parse("README.md", md.into(), &table());
    assert!(!f.sections.contains_key("usage"));
    // A bare `pytest` in a sentence names the tool; it runs nothing.
    let prose = "# Suite\n\nBuilt with Python, `pytest` and Selenium.\n";
    let f = parse_in_context("README.md", prose.into(), &table(), &[], &runners);
    assert!(!f.sections.contains_key("usage"));
    // On a line of its own, as a list item or a paragraph, it is a command.
    for steps in [
        "# Suite\n\n# Setup\n\n- `pip install -r requirements.txt`\n- `pytest`\n",
        "# Suite\n\n# Setup\n\n1. Install.\n\n2. Then:\n\n`pytest`\n",
    ] {
        let f = parse_in_context("README.md", steps.into(), &table(), &[], &runners);
        assert!(f.sections.contains_key("usage"), "{steps}");
    }
    // An item with words around the code is prose.
    let item = "# Suite\n\n# Setup\n\n- run `pytest` when ready\n- **`pytest`**\n";
    let f = parse_in_context("README.md", item.into(), &table(), &[], &runners);
    assert!(!f.sections.contains_key("usage"));
}

#[test]
fn a_link_around_a_badge_is_a_badge_link() {
    let md = "# P\n\n[![Docs](https://readthedocs.org/projects/p/badge/?version=latest)](https://p.readthedocs.io/)\n\nSee [the docs](https://p.readthedocs.io/en/latest/).\n";
    let f = parse("README.md", md.into(), &table());
    assert_eq!(f.links.len(), 2);
    assert!(f.links[0].badge);
    assert!(!f.links[1].badge);
    let rst = "P\n=\n\n.. image:: https://img.shields.io/pypi/v/p.svg\n   :target: https://p.readthedocs.io/\n\nText.\n";
    let f = parse("README.rst", rst.into(), &table());
    assert!(f.links.iter().any(|l| l.badge), "{:?}", f.links);
}

#[test]
fn commands_without_fences_and_bare_scripts_show_usage() {
    let plain = "Hotel booking\n\nRun the server\npython manage.py runserver\n";
    let f = parse("README.md", plain.into(), &table());
    assert!(f.sections.contains_key("usage"), "{:?}", f.sections);
    assert!(looks_like_run("Python health.py"));
    assert!(looks_like_run("flatpak run com.example.App.Devel"));
    assert!(!looks_like_run("flatpak install flathub com.example.App"));
    assert!(!looks_like_run("report.py"));
    assert!(looks_like_run("./report.py --month 5 data/sales.xlsx"));
    // Recipes of just and go-task read as make targets do; a sentence that
    // starts with the word does not.
    assert!(looks_like_run("just run-api"));
    assert!(looks_like_install("just install"));
    assert!(looks_like_install("task setup"));
    assert!(!looks_like_run("just run the script"));
    // A setup script of the repository's own installs.
    assert!(looks_like_install("bash scripts/bootstrap_local_env.sh"));
    assert!(looks_like_install("./install.sh"));
    assert!(!looks_like_install("./test.sh"));
    assert!(!looks_like_install("curl -sSL https://x.io/install.sh"));
    // A data project runs through its pipeline tool.
    assert!(looks_like_run("bruin run app --environment staging"));
    assert!(looks_like_run("kedro run --pipeline etl"));
    assert!(!looks_like_run("bruin format app/ --sqlfluff"));
    assert!(!looks_like_run("app.py holds the routes"));
    assert!(!looks_like_run("setup.py"));
    let sentence = "Notes\n\nThe file app.py holds the routes.\n";
    assert!(
        !parse("README.md", sentence.into(), &table())
            .sections
            .contains_key("usage")
    );
}

fn table_with(sections: &[(&str, &[&str])]) -> SectionTable {
    SectionTable::new(
        sections
            .iter()
            .map(|(name, syns)| ((*name).into(), syns.iter().map(|s| (*s).into()).collect()))
            .collect(),
    )
}

#[test]
fn a_bold_line_alone_is_a_heading() {
    let md = "# Report\n\nAutomates a report.\n\n**Running the script:**\n\n    report.py\n\nSome **bold** words in a sentence.\n";
    let f = parse(
        "README.md",
        md.into(),
        &table_with(&[("usage", &["running"])]),
    );
    let found = &f.sections["usage"];
    assert_eq!(found.heading, "Running the script");
    assert_eq!(found.line, 5);
    assert_eq!(found.code_blocks, 1);
    // Bold inside a sentence is emphasis, not a heading.
    assert!(f.headings.iter().all(|h| h.text != "bold"));
}

#[test]
fn commands_under_a_tests_heading_are_not_usage() {
    let md = "# App\n\n## Run Tests\n\n```bash\ndocker run --rm app\n```\n";
    let f = parse("README.md", md.into(), &table());
    assert!(!f.sections.contains_key("usage"), "{:?}", f.sections);
    // The same command under a neutral heading runs the project.
    let md = "# App\n\n## Docker\n\n```bash\ndocker run --rm app\n```\n";
    let f = parse("README.md", md.into(), &table());
    assert!(f.sections.contains_key("usage"));
}

#[test]
fn run_commands_name_their_scripts() {
    assert_eq!(
        run_target_paths("python ./src/app.py --port 80"),
        vec!["src/app.py"]
    );
    assert_eq!(run_target_paths("$ streamlit run \"ui.py\""), vec!["ui.py"]);
    assert_eq!(
        run_target_paths("jupyter notebook eda.ipynb"),
        vec!["eda.ipynb"]
    );
    assert!(run_target_paths("python setup.py install").is_empty());
    assert!(run_target_paths("python <script>.py").is_empty());
    assert!(run_target_paths("python -m app").is_empty());
    let md = "# P\n\n## Usage\n\n```\npython main.py\npytest tests/test_x.py\n```\n";
    let f = parse("README.md", md.into(), &table());
    let targets: Vec<&str> = f.run_targets.iter().map(|t| t.path.as_str()).collect();
    assert_eq!(targets, vec!["main.py"]);
}

#[test]
fn a_command_after_a_prompt_is_a_command_whatever_its_arguments() {
    let md = "### Flags\n\n1. **SPLIT**\n\n\t```\n\t$ ./pdf_editor.py file -s\n\t```\n";
    let f = parse("README.md", md.into(), &table());
    assert!(f.sections.contains_key("usage"), "{:?}", f.sections);
    // Without a prompt, a file name and a word is a sentence.
    assert!(!looks_like_run("./pdf_editor.py splits files"));
    assert!(looks_like_run("$./pdf_editor.py file -r '2,4'"));
}

#[test]
fn an_install_command_on_its_own_line_in_a_paragraph_counts() {
    let md = "Entire project is containerised.\nDeploy with a single command:\n        docker compose up -d\n";
    let f = parse("README.md", md.into(), &table());
    assert!(f.sections.contains_key("install"), "{:?}", f.sections);
}

#[test]
fn a_line_in_capitals_is_a_heading() {
    let txt = "PROJECT TITLE:\nFace Recognition Attendance\n\nUSAGE:\n1. Run capture_faces.py to collect faces\n2. Run attendance.py\n\nINSTALLATION\n\n- pip install -r requirements.txt\n";
    let f = parse("README.txt", txt.into(), &table());
    assert!(f.sections.contains_key("usage"), "{:?}", f.headings);
    assert!(f.sections.contains_key("install"), "{:?}", f.headings);
    // A capital word inside a sentence, a shout of one short word, or a
    // capital line that runs on is no heading.
    for text in [
        "# P\n\nRun the USAGE examples below.\n",
        "# P\n\nOK:\n",
        "# P\n\nUSAGE:\nthe app starts from its menu\n",
    ] {
        let f = parse("README.md", text.into(), &table());
        assert!(
            f.headings.iter().all(|h| h.level == 1),
            "{text:?} {:?}",
            f.headings
        );
    }
}

#[test]
fn a_label_line_names_a_section_only_when_the_table_knows_it() {
    let md = "Instructions:\n1. Create the image: docker build -t app .\n2. Run it: docker compose up\n\nNote:\nthe port is 8080.\n";
    let t = table_with(&[("usage", &["=instructions"])]);
    let f = parse("readme.md", md.into(), &t);
    let headings: Vec<&str> = f.headings.iter().map(|h| h.text.as_str()).collect();
    assert_eq!(headings, ["Instructions"], "{headings:?}");
    assert!(f.sections.contains_key("usage"), "{:?}", f.sections);
}

#[test]
fn linked_pages_resolve_from_the_readme_or_from_the_root() {
    let text = "# P\n\nSee [reproduce](/reproduce.md), [setup](docs/SETUP.md),\n[up](../../etc/passwd.md) and [site](https://x.io/a.md).\n";
    let facts = parse("sub/README.md", text.into(), &table());
    assert_eq!(linked_docs(&facts), ["reproduce.md", "sub/docs/SETUP.md"]);
}

#[test]
fn compose_global_options_come_before_the_subcommand() {
    assert!(looks_like_install(
        "docker compose -f compose.yaml up --build"
    ));
    assert!(looks_like_run("docker compose -f compose.yaml up --build"));
    assert!(looks_like_run(
        "$ docker-compose --env-file .env.dev -p app up -d"
    ));
    assert!(looks_like_install(
        "docker compose --file=deploy/compose.yml build"
    ));
    // Options alone, or a subcommand that neither builds nor runs.
    assert!(!looks_like_run("docker compose -f compose.yaml logs -f"));
    assert!(!looks_like_install("docker compose -f compose.yaml down"));
}

#[test]
fn a_make_target_that_runs_everything_is_a_run_command() {
    assert!(looks_like_run("make crawl_all"));
    assert!(looks_like_run("make crawl_%"));
    assert!(!looks_like_run("make all"));
    assert!(!looks_like_run("make test-all"));
    let md = "# Scrapers\n\n## Getting Started\n\nCrawl everything with `make crawl_all`, or one spider with `make crawl_fighters`.\n";
    let f = parse("README.md", md.into(), &table());
    assert!(!f.sections["install"].instructs, "{:?}", f.sections);
}

#[test]
fn a_shell_block_under_setup_is_a_step_to_follow() {
    let md =
        "# Bot\n\n## Setup\n\nLink the shared library:\n\n```shell\nln -s $root/lib lib\n```\n";
    let f = parse("README.md", md.into(), &table());
    assert!(f.sections["install"].instructs, "{:?}", f.sections);
    // Unfenced or fenced as Python, the same line is not a shell step.
    let md = "# Bot\n\n## Setup\n\n```python\nln -s $root/lib lib\n```\n";
    let f = parse("README.md", md.into(), &table());
    assert!(!f.sections["install"].instructs, "{:?}", f.sections);
    // RST hands a literal block over line by line: a comment first does
    // not hide the step after it.
    let rst = "Bot\n===\n\nSetup\n-----\n\n.. code-block:: bash\n\n    # link the library\n    ln -s ../lib lib\n";
    let f = parse("README.rst", rst.into(), &table());
    assert!(f.sections["install"].instructs, "{:?}", f.sections);
    // A comment alone in a shell block asks nothing of the reader.
    let md = "# Bot\n\n## Setup\n\n```sh\n# nothing yet\n```\n";
    let f = parse("README.md", md.into(), &table());
    assert!(!f.sections["install"].instructs, "{:?}", f.sections);
}

#[test]
fn a_requirements_list_is_completed_by_a_make_up_elsewhere() {
    let md = "# App\n\n## Requirements\n\n- Docker\n- GNU Make\n\n## How to Use\n\n\
              1. Clone it.\n\n   ```shell\n   cd app\n   ```\n\n2. Start up\n\n   ```sh\n   make up\n   ```\n";
    let f = parse("README.md", md.into(), &table());
    assert!(f.sections["install"].instructs, "{:?}", f.sections);
    assert!(looks_like_install("make up"));
    assert!(looks_like_install("make build-dev airflow-initdb"));
    assert!(!looks_like_install("make lint"));
}

#[test]
fn test_commands_under_any_heading_say_how_to_run_the_tests() {
    let md = "# Dags\n\n## Running the pipeline locally\n\nTo run the whole test suite:\n\n    make end2end-test\n";
    let f = parse("README.md", md.into(), &table());
    assert_eq!(f.sections["testing"].line, 7, "{:?}", f.sections);
    for l in [
        "pytest -q",
        "$ python -m pytest tests",
        "uv run pytest",
        "python manage.py test",
        "tox -e py312",
        "make test",
    ] {
        assert!(looks_like_test_run(l), "{l}");
    }
    for l in [
        "pip install pytest",
        "make lint",
        "python app.py",
        "make latest",
    ] {
        assert!(!looks_like_test_run(l), "{l}");
    }
}

#[test]
fn a_combined_heading_over_install_steps_only_shows_no_usage() {
    let only_installs = "# P\n\n## Installation and Usage\n\n```bash\ngit clone https://example.com/p.git\npython -m venv env\npip install -r requirements.txt\n```\n\n## Dataset\n\nColumns of the data.\n";
    let f = parse("README.md", only_installs.into(), &table());
    assert!(f.sections.contains_key("install"));
    assert!(
        !f.sections.contains_key("usage"),
        "{:?}",
        f.sections.get("usage")
    );
    // A run command in the section, or in one of its subsections (a test
    // suite's runner script included), shows usage.
    for run in [
        "python app.py",
        "### 2. To run tests\n\n`./test.sh home_page`",
        "docker compose up",
    ] {
        let md = format!("{only_installs}\n## Installation and Usage again\n")
            .replace("```\n\n## Dataset", &format!("```\n\n{run}\n\n## Dataset"));
        let f = parse("README.md", md, &table());
        assert!(f.sections.contains_key("usage"), "{run}");
    }
    // Steps without an install command keep the heading's word.
    let steps = "# P\n\n## Setup and Usage\n\n1. Open the Actions tab.\n2. Run the workflow.\n";
    let f = parse("README.md", steps.into(), &table());
    assert!(f.sections.contains_key("usage"));
}

#[test]
fn html_blocks_give_headings_and_prose() {
    let md = "<h1 align=\"center\">\nfastapi todo app\n</h1>\n\n<h3 align=\"center\">\n This is a simple todo app project using fastapi for the backend and htmx\n</h3>\n\n<p align=\"center\">\n  A small app to keep track of what is left to do today.\n  <!-- a comment the page does not show -->\n</p>\n\n## Installation\n\n```\npip install -r requirements.txt\n```\n";
    let f = parse("README.md", md.into(), &table());
    let texts: Vec<&str> = f.headings.iter().map(|h| h.text.as_str()).collect();
    assert!(texts.contains(&"fastapi todo app"), "{texts:?}");
    // The paragraph counts as prose (the sentence heading too), the
    // comment does not.
    assert!(f.words >= 12, "{}", f.words);
    assert!(f.words < 30, "{}", f.words);
    assert!(f.sections.contains_key("install"));
    // A heading after a comment of several lines keeps its own line.
    let md = "# P\n\n<div>\n<!-- a note\nover two lines -->\n<h2>Usage</h2>\n</div>\n";
    let f = parse("README.md", md.into(), &table());
    assert_eq!(f.sections["usage"].line, 6, "{:?}", f.sections["usage"]);
}

#[test]
fn a_sentence_heading_names_a_section_only_by_its_label() {
    let table = SectionTable::new(vec![
        ("stack".into(), vec!["stack".into(), "tech stack".into()]),
        (
            "limitations".into(),
            vec!["limitations".into(), "todo".into()],
        ),
    ]);
    let md = "# P\n\n### This is a simple todo app project using fastapi and htmx for the front\n\n### Technical Stack: Jupyter Notebook, Random Forest Classification, Pandas\n";
    let f = parse("README.md", md.into(), &table);
    assert!(!f.sections.contains_key("limitations"), "{:?}", f.sections);
    assert!(f.sections.contains_key("stack"), "{:?}", f.sections);
}
