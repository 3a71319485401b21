//! What a package says it is about: the Trove `Topic ::` classifiers and
//! the keywords its packaging metadata declares. The author's own words
//! for a project's domain ("Systems Administration", "ELT") name its career
//! track better than its imports do: pyinfra imports click and paramiko
//! like any script, and declares itself a system-administration tool.

use super::package::PackagingTexts;

/// Classifiers starting with `Topic ::`, verbatim, then keywords in lower
/// case, each once, in the order the files give them (pyproject.toml,
/// setup.cfg, setup.py).
pub fn topics(texts: &PackagingTexts<'_>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: String| {
        if !s.is_empty() && !out.contains(&s) {
            out.push(s);
        }
    };
    if let Some(table) = texts.pyproject.and_then(|t| t.parse::<toml::Table>().ok()) {
        let sections = [
            table.get("project"),
            table
                .get("tool")
                .and_then(|t| t.get("poetry"))
                .filter(|p| p.is_table()),
        ];
        for section in sections.into_iter().flatten() {
            let strings = |key: &str| -> Vec<String> {
                section
                    .get(key)
                    .and_then(|v| v.as_array())
                    .map(|a| {
                        a.iter()
                            .filter_map(|v| v.as_str().map(str::to_owned))
                            .collect()
                    })
                    .unwrap_or_default()
            };
            for c in strings("classifiers") {
                if is_topic(&c) {
                    push(c.trim().to_owned());
                }
            }
            for k in strings("keywords") {
                keywords(&k).into_iter().for_each(&mut push);
            }
        }
    }
    if let Some(cfg) = texts.setup_cfg {
        for (key, value) in metadata_values(cfg) {
            match key.as_str() {
                "classifiers" => value
                    .lines()
                    .map(str::trim)
                    .filter(|c| is_topic(c))
                    .for_each(|c| push(c.to_owned())),
                "keywords" => keywords(&value).into_iter().for_each(&mut push),
                _ => {}
            }
        }
    }
    if let Some(py) = texts.setup_py {
        for literal in string_literals(py) {
            if is_topic(literal) {
                push(literal.trim().to_owned());
            }
        }
        if let Some(kw) = setup_py_keywords(py) {
            keywords(&kw).into_iter().for_each(&mut push);
        }
    }
    out
}

fn is_topic(classifier: &str) -> bool {
    classifier.trim_start().starts_with("Topic ::")
}

/// A keywords value: comma-separated when it has commas, else one word per
/// space (`file-manager vim console`), lower case.
fn keywords(value: &str) -> Vec<String> {
    let parts: Vec<&str> = if value.contains(',') {
        value.split(',').collect()
    } else {
        value.split_whitespace().collect()
    };
    parts
        .into_iter()
        .map(|k| {
            k.trim()
                .trim_matches(|c| c == '"' || c == '\'')
                .to_lowercase()
        })
        .filter(|k| !k.is_empty())
        .map(|k| format!("keyword: {k}"))
        .collect()
}

/// `key = value` pairs of setup.cfg's `[metadata]`, with indented
/// continuation lines joined by newlines.
fn metadata_values(cfg: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut in_metadata = false;
    for line in cfg.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            in_metadata = trimmed == "[metadata]";
            continue;
        }
        if !in_metadata || trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let continued = line.starts_with([' ', '\t']);
        match (continued, out.last_mut(), trimmed.split_once('=')) {
            (true, Some((_, value)), _) => {
                value.push('\n');
                value.push_str(trimmed);
            }
            (false, _, Some((key, value))) => {
                out.push((key.trim().to_owned(), value.trim().to_owned()));
            }
            _ => {}
        }
    }
    out
}

/// The contents of every single- or double-quoted literal on one line
/// (enough for classifier lists; setup.py is read, never run).
fn string_literals(text: &str) -> impl Iterator<Item = &str> {
    text.lines().flat_map(|line| {
        let mut found = Vec::new();
        let mut rest = line;
        while let Some(start) = rest.find(['"', '\'']) {
            let quote = rest[start..].chars().next().unwrap_or('"');
            let body = &rest[start + 1..];
            let Some(end) = body.find(quote) else { break };
            found.push(&body[..end]);
            rest = &body[end + 1..];
        }
        found
    })
}

/// The value of `keywords=` in setup.py: a string literal, or the literals
/// of a list, joined by commas.
fn setup_py_keywords(py: &str) -> Option<String> {
    let at = py.find("keywords")?;
    let after = py[at + "keywords".len()..].trim_start().strip_prefix('=')?;
    let after = after.trim_start();
    let value = if after.starts_with('[') || after.starts_with('(') {
        let close = if after.starts_with('[') { ']' } else { ')' };
        let end = after.find(close)?;
        string_literals(&after[1..end])
            .collect::<Vec<_>>()
            .join(",")
    } else {
        string_literals(after.lines().next().unwrap_or_default())
            .next()?
            .to_owned()
    };
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pyproject_topics_and_keywords_are_read() {
        let texts = PackagingTexts {
            pyproject: Some(
                "[project]\nname = \"x\"\nkeywords = [\"Singer\", \"ELT\", \"mlops, homework\"]\nclassifiers = [\"License :: OSI Approved\", \"Topic :: System :: Systems Administration\"]\n",
            ),
            ..PackagingTexts::default()
        };
        assert_eq!(
            topics(&texts),
            [
                "Topic :: System :: Systems Administration",
                "keyword: singer",
                "keyword: elt",
                "keyword: mlops",
                "keyword: homework"
            ]
        );
    }

    #[test]
    fn setup_cfg_continuation_lines_and_setup_py_literals_are_read() {
        let texts = PackagingTexts {
            setup_cfg: Some(
                "[metadata]\nname = x\nclassifiers =\n    Programming Language :: Python\n    Topic :: Scientific/Engineering :: Information Analysis\nkeywords = file-manager vim\n[options]\nkeywords = ignored\n",
            ),
            setup_py: Some(
                "setup(\n    name='y',\n    classifiers=[\n        'Topic :: Utilities',\n        \"Topic :: Software Development :: Testing\",\n    ],\n    keywords=['sysadmin', 'process'],\n)\n",
            ),
            ..PackagingTexts::default()
        };
        assert_eq!(
            topics(&texts),
            [
                "Topic :: Scientific/Engineering :: Information Analysis",
                "keyword: file-manager",
                "keyword: vim",
                "Topic :: Utilities",
                "Topic :: Software Development :: Testing",
                "keyword: sysadmin",
                "keyword: process"
            ]
        );
    }

    #[test]
    fn nothing_declared_is_nothing_read_and_bad_toml_is_no_error() {
        let texts = PackagingTexts {
            pyproject: Some("[project\nkeywords = ["),
            setup_py: Some("setup(name='z', keywords=)"),
            ..PackagingTexts::default()
        };
        assert!(topics(&texts).is_empty());
    }
}
