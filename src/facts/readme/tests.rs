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
