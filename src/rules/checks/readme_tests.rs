//! Unit tests of the README checks over hand-written READMEs.

use super::*;
use crate::rules::checks::testing::{facts_with_files, facts_with_readme, s};

const GOOD: &str = "# Tool\n\nA tool that audits things for people who review code every day.\n\n\
## Installation\n\n```bash\npip install tool\n```\n\n## Usage\n\nRun `tool check` on a folder.\n\n\
![build](https://github.com/me/tool/actions/workflows/ci.yml/badge.svg)\n\n\
Try it at [the demo](https://tool.streamlit.app).\n";

#[test]
fn readme_exists_scales_with_words() {
    let facts = facts_with_readme(GOOD);
    let words = facts.readme.as_ref().map_or(0, |r| r.words);
    assert_eq!(
        ReadmeExists {
            min_words: 5,
            code_block_words: 0,
            link_words: 0
        }
        .evaluate(&facts)
        .credit,
        1.0
    );
    let partial = ReadmeExists {
        min_words: words * 2,
        code_block_words: 0,
        link_words: 0,
    }
    .evaluate(&facts);
    assert!(partial.credit > 0.0 && partial.credit < 1.0);
    assert_eq!(
        ReadmeExists {
            min_words: 10_000,
            code_block_words: 0,
            link_words: 0
        }
        .evaluate(&facts)
        .credit,
        0.0
    );
    let none = ReadmeExists {
        min_words: 1,
        code_block_words: 0,
        link_words: 0,
    }
    .evaluate(&crate::facts::Facts::default());
    assert_eq!(none.message, "no README found");
}

#[test]
fn commands_under_headings_are_content() {
    // Headings and the commands under them, no paragraph: a README with
    // real content, though no depth.
    let md = "# Todo API\n\n## Install\n\n```\npip install -r requirements.txt\n```\n\n\
              ## Run\n\n```\nuvicorn main:app\n```\n";
    let facts = facts_with_readme(md);
    let exists = ReadmeExists {
        min_words: 20,
        code_block_words: 10,
        link_words: 0,
    };
    assert_eq!(exists.evaluate(&facts).credit, 1.0);
    let depth = ReadmeExists {
        min_words: 150,
        code_block_words: 0,
        link_words: 0,
    };
    assert_eq!(depth.evaluate(&facts).credit, 0.0);
    // A title and a short line is not yet content.
    let thin = facts_with_readme("# Todo API\n\nMy first API.\n");
    assert!(exists.evaluate(&thin).credit < 1.0);
}

#[test]
fn readme_section_finds_headings_and_screenshots() {
    let facts = facts_with_readme(GOOD);
    let install = ReadmeSection {
        any_of: s(&["install"]),
        accept_images: false,
        runs_must_resolve: false,
        needs_instructions: false,
    };
    let v = install.evaluate(&facts);
    assert_eq!(v.credit, 1.0, "{v:?}");
    assert_eq!(install.readme_sections(), s(&["install"]));
    let demo = ReadmeSection {
        any_of: s(&["demo"]),
        accept_images: false,
        runs_must_resolve: false,
        needs_instructions: false,
    };
    assert_eq!(demo.evaluate(&facts).credit, 0.0);
    let shot = facts_with_readme("# T\n\n![screen](https://example.com/shot.png)\n");
    let with_images = ReadmeSection {
        any_of: s(&["demo"]),
        accept_images: true,
        runs_must_resolve: false,
        needs_instructions: false,
    };
    assert_eq!(with_images.evaluate(&shot).credit, 1.0);
    let logo = facts_with_readme("# T\n\n![x](https://example.com/logo.png)\n");
    assert_eq!(with_images.evaluate(&logo).credit, 0.0);
}

#[test]
fn readme_code_blocks_give_partial_credit() {
    let facts = facts_with_readme(GOOD);
    let check = ReadmeCodeBlocks {
        sections: s(&["install", "usage"]),
    };
    let v = check.evaluate(&facts);
    assert_eq!(v.credit, 0.5, "{v:?}");
    assert_eq!(v.message, "`usage` has no code block");
    let only = ReadmeCodeBlocks {
        sections: s(&["install"]),
    };
    assert_eq!(only.evaluate(&facts).credit, 1.0);
}

#[test]
fn readme_text_absent_and_present() {
    let facts = facts_with_readme("# Project Title\n\nClone your-username/repo.\n");
    let absent = ReadmeTextAbsent {
        patterns: s(&["Project Title", "your-username"]),
    };
    let v = absent.evaluate(&facts);
    assert_eq!(v.credit, 0.0);
    assert_eq!(v.evidence.len(), 2);
    assert_eq!(
        ReadmeTextAbsent {
            patterns: s(&["lorem"])
        }
        .evaluate(&facts)
        .credit,
        1.0
    );
    assert!(
        ReadmeTextAbsent {
            patterns: s(&["("])
        }
        .validate()
        .is_err()
    );
    let present = ReadmeTextPresent {
        patterns: s(&[r"(?m)^Clone \S+"]),
    };
    assert_eq!(present.evaluate(&facts).credit, 1.0);
    let missing = ReadmeTextPresent {
        patterns: s(&["curl"]),
    };
    assert_eq!(missing.evaluate(&facts).credit, 0.0);
}

#[test]
fn readme_image_and_link() {
    let facts = facts_with_readme(GOOD);
    let badge = ReadmeImage {
        pattern: "badge\\.svg".into(),
    };
    assert_eq!(badge.evaluate(&facts).credit, 1.0);
    let other = ReadmeImage {
        pattern: "travis".into(),
    };
    assert_eq!(
        other.evaluate(&facts).message,
        "none of the README's 1 image matches"
    );
    let app = ReadmeLink {
        pattern: "streamlit\\.app".into(),
        ignore_badges: false,
        names_project: false,
        docs_in_repo: false,
    };
    assert_eq!(app.evaluate(&facts).credit, 1.0);
    let heroku = ReadmeLink {
        pattern: "herokuapp".into(),
        ignore_badges: false,
        names_project: false,
        docs_in_repo: false,
    };
    assert_eq!(heroku.evaluate(&facts).credit, 0.0);
    assert!(
        ReadmeLink {
            pattern: "[".into(),
            ignore_badges: false,
            names_project: false,
            docs_in_repo: false,
        }
        .validate()
        .is_err()
    );
}

#[test]
fn how_to_run_is_a_usage_heading_as_well_as_an_install_one() {
    let facts = facts_with_readme(
        "# Suite\n\n## How to Run\n\n1. Install: `pip install selenium`\n2. Run it.\n",
    );
    let sections = &facts.readme.as_ref().expect("README parsed").sections;
    assert!(sections.contains_key("usage"), "{sections:?}");
    assert!(sections.contains_key("install"));
}

#[test]
fn a_run_command_is_no_install_step() {
    let listed = "# Monitor\n\n## Requirements\n- Python 3.8+\n- pandas\n\n## Quick start\n\n```bash\npython3 monitor.py\n```\n";
    let facts = facts_with_readme(listed);
    let sections = &facts.readme.as_ref().expect("README parsed").sections;
    assert!(!sections["install"].instructs, "{sections:?}");
    assert!(sections["usage"].instructs, "{sections:?}");
    let installed = listed.replace(
        "python3 monitor.py",
        "pip install -r requirements.txt\npython3 monitor.py",
    );
    let facts = facts_with_readme(&installed);
    let sections = &facts.readme.as_ref().expect("README parsed").sections;
    assert!(sections["install"].instructs, "{sections:?}");
}

#[test]
fn opening_the_notebook_is_a_usage_step() {
    let facts = facts_with_readme(
        "# Rugby\n\n## Getting Started\n\n### Install\n\n```\npip install pandas\n```\n\n\
         ### Open the Jupyter Notebook\n\nOpen the notebooks/ folder and explore.\n",
    );
    let sections = &facts.readme.as_ref().expect("README parsed").sections;
    assert!(sections.contains_key("usage"), "{sections:?}");
    let facts = facts_with_readme("# Rugby\n\n## Notebook outputs\n\nCharts and tables.\n");
    let sections = &facts.readme.as_ref().expect("README parsed").sections;
    assert!(!sections.contains_key("usage"), "{sections:?}");
}

#[test]
fn a_docs_link_must_be_the_projects_own_and_not_a_badge() {
    let check = ReadmeLink {
        pattern: "readthedocs\\.io".to_owned(),
        ignore_badges: true,
        names_project: true,
        docs_in_repo: false,
    };
    let mut facts = facts_with_readme(
        "# stamina\n\nA wrapper around [Tenacity](https://tenacity.readthedocs.io/).\n\n[![Docs](https://img.shields.io/badge/docs-ok-green)](https://stamina.readthedocs.io/)\n",
    );
    facts.package.name = Some("stamina".to_owned());
    assert_eq!(check.evaluate(&facts).credit, 0.0);
    let mut own =
        facts_with_readme("# filelock\n\nRead [the docs](https://py-filelock.readthedocs.io/).\n");
    own.package.name = Some("filelock".to_owned());
    assert_eq!(check.evaluate(&own).credit, 1.0);
}

#[test]
fn a_docs_link_counts_when_the_repository_keeps_the_docs() {
    let check = ReadmeLink {
        pattern: "readthedocs\\.io".to_owned(),
        ignore_badges: true,
        names_project: true,
        docs_in_repo: true,
    };
    let mut facts =
        facts_with_readme("# filelock\n\nRead [the docs](https://py-filelock.readthedocs.io/).\n");
    facts.package.name = Some("filelock".to_owned());
    // The pages are built from docs/conf.py in this repository.
    facts.files = facts_with_files(&[
        ("README.md", 1),
        ("docs/conf.py", 1),
        ("src/filelock/__init__.py", 1),
    ])
    .files;
    assert_eq!(check.evaluate(&facts).credit, 1.0);
    // With no docs source here, the link is to pages kept elsewhere.
    facts.files = facts_with_files(&[("README.md", 1), ("src/filelock/__init__.py", 1)]).files;
    let v = check.evaluate(&facts);
    assert_eq!(v.credit, 0.0);
    assert!(v.message.contains("no documentation site"), "{}", v.message);
    // A bare URL in text is a link, as GitHub renders it, and a Sphinx
    // tree one folder deeper is still the docs' source.
    let mut facts = facts_with_readme(
        "# tablib

Tablib documentation is graciously hosted on https://tablib.readthedocs.io
",
    );
    facts.package.name = Some("tablib".to_owned());
    facts.files = facts_with_files(&[
        ("README.md", 1),
        ("docs/sphinx/source/conf.py", 1),
        ("src/tablib/__init__.py", 1),
    ])
    .files;
    let v = check.evaluate(&facts);
    assert_eq!(v.credit, 1.0, "{}", v.message);
    assert!(
        v.message.contains("https://tablib.readthedocs.io"),
        "{}",
        v.message
    );
}

#[test]
fn usage_that_runs_a_missing_file_fails() {
    let usage = ReadmeSection {
        any_of: s(&["usage"]),
        accept_images: false,
        runs_must_resolve: true,
        needs_instructions: false,
    };
    let md = "# Stocks\n\n## Usage\n\n```bash\npython stock_prediction.py\n```\n";
    // The script the README runs was renamed: the instructions are broken.
    let mut facts = facts_with_readme(md);
    facts.files = facts_with_files(&[("README.md", 1), ("app2.py", 1)]).files;
    let v = usage.evaluate(&facts);
    assert_eq!(v.credit, 0.0, "{v:?}");
    assert!(v.message.contains("`stock_prediction.py`"), "{}", v.message);
    assert!(
        matches!(
            &v.evidence[0].location,
            crate::model::outcome::Location::File { line: Some(5), .. }
        ),
        "{:?}",
        v.evidence
    );
    // The same README passes when the script is there, under a folder
    // the reader cds into, whatever its case.
    facts.files = facts_with_files(&[("README.md", 1), ("src/Stock_Prediction.py", 1)]).files;
    assert_eq!(usage.evaluate(&facts).credit, 1.0);
    // A name written with `_` for the spaces it has is the same file.
    let nb = "# Scrape\n\n## Usage\n\n1. Open `Web_Scraping_Project.ipynb` in Jupyter.\n";
    let mut facts = facts_with_readme(nb);
    facts.files = facts_with_files(&[("README.md", 1), ("Web Scraping Project.ipynb", 1)]).files;
    assert_eq!(usage.evaluate(&facts).credit, 1.0);
    // One command of several that still works is enough.
    let two = "# S\n\n## Usage\n\n```\npython old.py\npython main.py\n```\n";
    let mut facts = facts_with_readme(two);
    facts.files = facts_with_files(&[("README.md", 1), ("main.py", 1)]).files;
    assert_eq!(usage.evaluate(&facts).credit, 1.0);
    // A stand-in for any script of a collection is an instruction, not a
    // file that went missing.
    let generic = "# Days

## Usage

```
python script_name.py
```
";
    let mut facts = facts_with_readme(generic);
    facts.files = facts_with_files(&[("README.md", 1), ("day_1/main.py", 1)]).files;
    assert_eq!(usage.evaluate(&facts).credit, 1.0);
    // A notebook named alone in a usage section counts too.
    let nb = "# Churn\n\n## How to Run\n\nRun `churnanalysis.ipynb` to see the model.\n";
    let mut facts = facts_with_readme(nb);
    facts.files = facts_with_files(&[("README.md", 1), ("churn_prediction.ipynb", 1)]).files;
    assert_eq!(usage.evaluate(&facts).credit, 0.0);
    // Without the option the rule only looks at headings.
    let plain = ReadmeSection {
        runs_must_resolve: false,
        ..usage
    };
    assert_eq!(plain.evaluate(&facts).credit, 1.0);
}

#[test]
fn an_install_section_must_say_what_to_do() {
    let install = ReadmeSection {
        any_of: s(&["install"]),
        accept_images: false,
        runs_must_resolve: false,
        needs_instructions: true,
    };
    // A list of package names under "Requirements" installs nothing.
    let names =
        facts_with_readme("# Shop\n\n## Requirements\n\n- Python 3.13\n- sqlite3\n- SQLAlchemy\n");
    let v = install.evaluate(&names);
    assert_eq!(v.credit, 0.0, "{v:?}");
    assert!(v.message.contains("gives no command"), "{}", v.message);
    let plain = facts_with_readme("# Shop\n\n## Requirements\n\n```\nflask\nsqlite3\n```\n");
    assert_eq!(install.evaluate(&plain).credit, 0.0);
    // A command, or the steps in words, is an instruction.
    for md in [
        "# S\n\n## Requirements\n\n```\npip install -r requirements.txt\n```\n",
        "# S\n\n## Setup\n\nClone the repository, then install the requirements with pip.\n",
        "# S\n\n## Prerequisites\n\n- Python 3\n\n## Getting started\n\n```\ndocker compose up\n```\n",
        "# S\n\n## Setup\n\n- [Cloud account](setup/gcp.md)\n- [Terraform](setup/terraform.md#apply)\n",
    ] {
        let v = install.evaluate(&facts_with_readme(md));
        assert_eq!(v.credit, 1.0, "{md}: {v:?}");
    }
    // Without the option the heading is enough.
    let heading_only = ReadmeSection {
        needs_instructions: false,
        ..install
    };
    assert_eq!(heading_only.evaluate(&names).credit, 1.0);
}

#[test]
fn a_short_readme_that_points_to_its_docs_has_content() {
    let md = "# filelock\n\n[![ci](https://github.com/a/b/actions/workflows/ci.yml/badge.svg)](https://github.com/a/b)\n\nA platform independent file lock for Python.\n\nDocumentation: [filelock.readthedocs.io](https://filelock.readthedocs.io)\n";
    let facts = facts_with_readme(md);
    let with_links = ReadmeExists {
        min_words: 12,
        code_block_words: 10,
        link_words: 5,
    };
    let v = with_links.evaluate(&facts);
    assert_eq!(v.credit, 1.0, "{v:?}");
    assert!(v.message.contains("1 link"), "{}", v.message);
    // The badge's link is a status, not a pointer; without link_words the
    // same README is short.
    let prose_only = ReadmeExists {
        link_words: 0,
        ..with_links
    };
    assert!(prose_only.evaluate(&facts).credit < 1.0);
}
